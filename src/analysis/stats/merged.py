"""The panel aggregated to the 34 provinces formed on 1 July 2025, so a pre-2025 history can be
read for a merged province (e.g. new Tuyên Quang = Hà Giang + Tuyên Quang)."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..provinces import province_table
from .series import select


def merged_view(
    panel: pd.DataFrame,
    index: str,
    component: str = "total",
    population: pd.DataFrame | None = None,
    require_complete: bool = True,
    new_codes=None,
) -> pd.DataFrame:
    """One row per new province and year: ``value`` is the mean of its pre-2025 members' values.

    Weighting: with ``population`` (``load_population()``: province_code, year,
    population_thousand) the mean is population-weighted, using each year's population or, after
    the last population year, the latest available (``weighting`` says which year, e.g.
    ``"population 2016"``); without it, a simple mean (``weighting = "simple mean"``). With
    ``require_complete`` (default) the value is NaN unless every member has a value that year, so a
    missing member is never hidden; ``members_missing`` names them. Scores of unmerged provinces
    pass through unchanged (one member). ``new_codes`` limits the output to some new provinces."""
    data = select(panel, index, component).dropna(subset=["value"])
    table = province_table().set_index("province_code")
    data = data[data["province_code"].isin(table.index)]
    data = data.assign(new_code=data["province_code"].map(table["new_code_2025"]))
    if new_codes is not None:
        data = data[data["new_code"].isin(list(new_codes))]
    members = table.groupby("new_code_2025").groups
    names = table.groupby("new_code_2025")["new_province_2025"].first()
    pop = None
    if population is not None:
        pop = population.pivot_table(index="year", columns="province_code", values="population_thousand")
    records = []
    for (new, year), g in data.groupby(["new_code", "year"]):
        expected = list(members[new])
        missing = [table.at[c, "province"] for c in expected if c not in set(g["province_code"])]
        if pop is not None:
            pop_year = (
                year if year in pop.index else pop.index[pop.index <= year].max() if (pop.index <= year).any() else None
            )
        else:
            pop_year = None
        if pop_year is not None and not np.isnan(pop_year):
            w = pop.loc[pop_year, g["province_code"]].to_numpy(float)
            value = float(np.average(g["value"], weights=w))
            weighting = f"population {int(pop_year)}"
        else:
            value = float(g["value"].mean())
            weighting = "simple mean"
        if missing and require_complete:
            value = np.nan
        records.append(
            {
                "new_code_2025": new,
                "new_province_2025": names[new],
                "year": year,
                "value": value,
                "n_members": len(expected),
                "n_members_with_value": len(g),
                "members_missing": ", ".join(missing),
                "weighting": weighting if len(expected) > 1 else "single province",
                "method_era": g["method_era"].iloc[0],
                "index": index,
                "component": component,
            }
        )
    return pd.DataFrame(records)
