"""A province's series, year-over-year change and change over a window, with method-era guards."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..provinces import name_of, resolve
from .kept import kept


class MethodBreakError(ValueError):
    """A comparison would cross a method-era break (e.g. PAPI 2017 -> 2018, 6 -> 8 dimensions)."""


def select(panel: pd.DataFrame, index: str, component: str = "total", years=None) -> pd.DataFrame:
    """Preferred province-level rows of one index component (optionally some years)."""
    if years is None:
        return kept(panel, ("select", index, component), lambda: _select(panel, index, component, None))
    return _select(panel, index, component, years)


def _select(panel: pd.DataFrame, index: str, component: str, years) -> pd.DataFrame:
    mask = (panel["index"] == index) & (panel["component"] == component) & (panel["level"] == "province")
    if "is_preferred" in panel.columns:
        mask &= panel["is_preferred"]
    if years is not None:
        mask &= panel["year"].isin(list(years))
    out = panel[mask.fillna(False).astype(bool)]
    if out.empty:
        raise ValueError(f"no province values for {index} {component!r} in the panel slice")
    if out.duplicated(["province_code", "year"]).any():
        raise ValueError(f"{index} {component!r}: more than one value per province-year (pass preferred rows)")
    return out


def main_era(data: pd.DataFrame, min_provinces: int = 30) -> str | None:
    """The latest method era of ``data`` (rows of one index component) in which a typical year
    (median) scores at least ``min_provinces`` provinces; ``None`` if no era is that broad.
    PCI's latest era has only partial tables, so its main era is 2013-2020."""
    per_year = data.groupby(["method_era", "year"])["province_code"].nunique().groupby("method_era").median()
    eras = data.sort_values("year")["method_era"].drop_duplicates().tolist()
    broad = [e for e in eras if per_year.get(e, 0) >= min_provinces]
    return broad[-1] if broad else None


def select_preferred(panel: pd.DataFrame, index: str, component: str = "total") -> pd.DataFrame:
    """Public form of :func:`select`: preferred province rows of one index component."""
    return select(panel, index, component)


def province_series(panel: pd.DataFrame, province: str, index: str, component: str = "total") -> pd.DataFrame:
    """One province's values of an index component, one row per year the index was scored for
    any province. Years without a value for this province are kept with ``value`` NaN and
    ``missing = True`` (never filled). Columns: province_code, province, year, value, unit,
    scale_min, scale_max, method_era, source, is_derived, missing."""
    code = resolve(province)
    data = select(panel, index, component)
    eras = data.groupby("year")["method_era"].first()
    own = data[data["province_code"] == code].set_index("year")
    out = pd.DataFrame({"year": eras.index, "method_era": eras.values})
    cols = ["value", "unit", "scale_min", "scale_max", "source", "is_derived"]
    out = out.merge(own[cols], left_on="year", right_index=True, how="left")
    out.insert(0, "province", name_of(code))
    out.insert(0, "province_code", code)
    out["missing"] = out["value"].isna()
    return out.reset_index(drop=True)


def year_over_year(
    panel: pd.DataFrame, index: str, component: str = "total", allow_cross_era: bool = False
) -> pd.DataFrame:
    """Change from the previous calendar year for every province-year (points of the index's scale).

    A change whose two years lie in different method eras is left NaN with ``crosses_era = True``
    unless ``allow_cross_era``; a missing previous year gives NaN (no interpolation)."""
    data = select(panel, index, component)[["province_code", "province", "year", "value", "method_era"]]
    prev = data.assign(year=data["year"] + 1).rename(columns={"value": "previous", "method_era": "previous_era"})
    out = data.merge(
        prev[["province_code", "year", "previous", "previous_era"]], on=["province_code", "year"], how="left"
    )
    out["crosses_era"] = out["previous_era"].notna() & (out["previous_era"] != out["method_era"])
    out["change"] = out["value"] - out["previous"]
    if not allow_cross_era:
        out.loc[out["crosses_era"], "change"] = np.nan
    return out.sort_values(["province_code", "year"]).reset_index(drop=True)


def window_change(
    panel: pd.DataFrame,
    index: str,
    start: int,
    end: int,
    component: str = "total",
    allow_cross_era: bool = False,
) -> pd.DataFrame:
    """Change between ``start`` and ``end`` for every province with both values: ``change`` in
    points of the index's scale and ``change_per_year``. Raises :class:`MethodBreakError` if the
    two years are in different method eras, unless ``allow_cross_era``."""
    if end <= start:
        raise ValueError("end must be after start")
    data = select(panel, index, component, years=[start, end])
    eras = data.groupby("year")["method_era"].first()
    if start not in eras or end not in eras:
        raise ValueError(f"{index} {component!r} has no values in {start if start not in eras else end}")
    crosses = eras[start] != eras[end]
    if crosses and not allow_cross_era:
        raise MethodBreakError(
            f"{index} {component!r}: {start} ({eras[start]}) and {end} ({eras[end]}) are in different method eras; "
            "pass allow_cross_era=True to compare anyway"
        )
    wide = data.pivot_table(index=["province_code", "province"], columns="year", values="value").dropna()
    out = pd.DataFrame(
        {
            "start": start,
            "end": end,
            "value_start": wide[start],
            "value_end": wide[end],
        }
    ).reset_index()
    out["change"] = out["value_end"] - out["value_start"]
    out["change_per_year"] = out["change"] / (end - start)
    out["era_start"], out["era_end"], out["crosses_era"] = eras[start], eras[end], bool(crosses)
    return out
