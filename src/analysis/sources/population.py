"""GSO average population by province (thousand persons), 1995-2016: weights for the merged
34-province view. Aggregate rows (whole country, the 6 regions) are skipped by name."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..provinces import REGION6_VI
from .base import LoadResult, Quarantine, numbers, province_codes, read_raw_csv

AGGREGATES = {"WHOLE COUNTRY", *REGION6_VI}


def load_population(path: Path, source: str = "gso_population_1995_2016") -> LoadResult:
    """Rows: province_code, year, population_thousand, preliminary, raw_line (series ``Total`` only)."""
    df = read_raw_csv(
        path, ["province_as_in_file", "year", "series", "preliminary", "avg_population_thous", "value_raw"]
    )
    q = Quarantine(source, path)
    excluded = {
        "aggregate rows (country, regions)": int(df["province_as_in_file"].isin(AGGREGATES).sum()),
        "male/female/urban/rural series": int(
            ((df["series"] != "Total") & ~df["province_as_in_file"].isin(AGGREGATES)).sum()
        ),
    }
    df = df[(df["series"] == "Total") & ~df["province_as_in_file"].isin(AGGREGATES)].copy()
    df["code"] = province_codes(df, "province_as_in_file", None, q)
    df["num"] = numbers(df, "avg_population_thous", q)
    ok = df["code"].notna() & ~np.isnan(df["num"])
    out = pd.DataFrame(
        {
            "province_code": df.loc[ok, "code"].astype(str),
            "year": df.loc[ok, "year"].astype(int),
            "population_thousand": df.loc[ok, "num"],
            "preliminary": df.loc[ok, "preliminary"] == "True",
            "raw_line": df.loc[ok, "line_no"],
        }
    ).reset_index(drop=True)
    return LoadResult(out, q.frame(), excluded)
