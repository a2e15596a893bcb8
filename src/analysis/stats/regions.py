"""Regional means, a province's gap to its region and to the national median, and its peers."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..provinces import province_table, resolve
from .kept import kept
from .series import select


def _with_region(data: pd.DataFrame, region: str) -> pd.DataFrame:
    table = province_table(include_ha_tay=True).set_index("province_code")
    return data.assign(region=data["province_code"].map(table[region]))


def regional_means(panel: pd.DataFrame, index: str, component: str = "total", region: str = "region6") -> pd.DataFrame:
    """Per region and year: ``mean`` and ``median`` of the provinces scored, and ``n`` scored.
    ``region`` is ``"region6"`` (the 6 socio-economic regions) or ``"region8"``. Unweighted: each
    province counts once, as the publishers' regional averages do."""
    return kept(
        panel, ("regional_means", index, component, region), lambda: _regional_means(panel, index, component, region)
    )


def _regional_means(panel: pd.DataFrame, index: str, component: str, region: str) -> pd.DataFrame:
    data = _with_region(select(panel, index, component).dropna(subset=["value"]), region)
    out = data.groupby(["region", "year"])["value"].agg(mean="mean", median="median", n="size").reset_index()
    out["method_era"] = out["year"].map(data.groupby("year")["method_era"].first())
    return out.assign(index=index, component=component)


def province_gaps(
    panel: pd.DataFrame, province: str, index: str, component: str = "total", region: str = "region6"
) -> pd.DataFrame:
    """One row per year the province is scored: its ``value``, its region's mean
    (``region_mean``), the ``national_median``, and ``gap_region`` / ``gap_national``
    (value minus each, in points of the index's scale). Unscored years are absent, not filled."""
    code = resolve(province)
    data = _with_region(select(panel, index, component).dropna(subset=["value"]), region)
    own = data[data["province_code"] == code]
    if own.empty:
        raise ValueError(f"{province}: no {index} {component!r} values")
    reg_name = own["region"].iloc[0]
    reg = data[data["region"] == reg_name].groupby("year")["value"].mean().rename("region_mean")
    nat = data.groupby("year")["value"].median().rename("national_median")
    out = own[["province_code", "province", "year", "value", "method_era", "region"]].merge(
        reg, left_on="year", right_index=True
    )
    out = out.merge(nat, left_on="year", right_index=True)
    out["gap_region"] = out["value"] - out["region_mean"]
    out["gap_national"] = out["value"] - out["national_median"]
    return out.sort_values("year").reset_index(drop=True)


def ols_slopes(data: pd.DataFrame, min_years: int = 3) -> pd.Series:
    """Least-squares slope of value on year per province (points per year), vectorised; NaN with
    fewer than ``min_years`` values. The same estimate as ``province_trend`` without inference,
    for ranking many provinces quickly."""
    d = data.dropna(subset=["value"])
    g = d.groupby("province_code")
    x = d["year"] - g["year"].transform("mean")
    y = d["value"] - g["value"].transform("mean")
    sxy = (x * y).groupby(d["province_code"]).sum()
    sxx = (x * x).groupby(d["province_code"]).sum()
    slope = sxy / sxx
    return slope.where(g.size() >= min_years)


def peers(
    panel: pd.DataFrame, province: str, index: str, component: str = "total", n: int = 5, year: int | None = None
) -> pd.DataFrame:
    """The ``n`` provinces nearest to ``province`` by level (value in ``year``) and trend (slope over
    ``year``'s method era), both standardised across provinces; Euclidean ``distance``.
    ``year`` defaults to the latest year in which at least half of the provinces are scored and
    this province has a value. Provinces without a value that year or without a trend are not
    candidates. Raises ``ValueError`` when the province has no such year."""
    code = resolve(province)
    data = select(panel, index, component).dropna(subset=["value"])
    per_year = data.groupby("year")["province_code"].nunique()
    if year is None:
        own_years = set(data.loc[data["province_code"] == code, "year"])
        broad = [y for y in per_year[per_year >= per_year.max() / 2].index if y in own_years]
        if not broad:
            raise ValueError(f"{province}: no {index} {component!r} value in a year most provinces are scored")
        year = int(max(broad))
    era = data.loc[data["year"] == year, "method_era"].iloc[0]
    level = data[data["year"] == year].set_index("province_code")["value"]
    names = data.groupby("province_code")["province"].first()
    both = pd.DataFrame({"level": level, "slope": ols_slopes(data[data["method_era"] == era]), "province": names})
    both = both.dropna()
    if code not in both.index:
        raise ValueError(f"{province}: no {index} {component!r} value in {year} or no trend in {era}")
    z = (both[["level", "slope"]] - both[["level", "slope"]].mean()) / both[["level", "slope"]].std(ddof=0)
    dist = np.sqrt(((z - z.loc[code]) ** 2).sum(axis=1))
    out = both.assign(distance=dist, year=year, method_era=era).drop(index=code).nsmallest(n, "distance")
    return out.reset_index().rename(columns={"index": "province_code"})


def national_distribution(panel: pd.DataFrame, index: str, component: str = "total") -> pd.DataFrame:
    """Per year: ``n`` provinces scored, ``p25``, ``median``, ``p75`` of their values (points of
    the index's scale) and the ``method_era``: the national context band of trend charts."""
    return kept(
        panel, ("national_distribution", index, component), lambda: _national_distribution(panel, index, component)
    )


def _national_distribution(panel: pd.DataFrame, index: str, component: str) -> pd.DataFrame:
    data = select(panel, index, component).dropna(subset=["value"])
    g = data.groupby("year")["value"]
    out = pd.DataFrame(
        {"n": g.size(), "p25": g.quantile(0.25), "median": g.median(), "p75": g.quantile(0.75)}
    ).reset_index()
    out["method_era"] = out["year"].map(data.groupby("year")["method_era"].first())
    return out


def dimension_profile(panel: pd.DataFrame, province: str, index: str = "PAPI", year: int | None = None) -> pd.DataFrame:
    """A province's dimension scores in one year (default: the latest year it has dimension
    scores) against the national ``median``, ``p25`` and ``p75`` of the provinces scored. One row
    per dimension: component, label, value (NaN if the province is not scored on it), median,
    p25, p75, n, year. For PAPI the dimensions are on 1-10."""
    code = resolve(province)
    dims = panel[
        (panel["index"] == index)
        & panel["component"].str.startswith("dimension:")
        & (panel["level"] == "province")
        & panel["is_preferred"]
    ].dropna(subset=["value"])
    if dims.empty:
        raise ValueError(f"{index}: no dimension scores in the panel")
    own_years = dims.loc[dims["province_code"] == code, "year"]
    if year is None:
        if own_years.empty:
            raise ValueError(f"{province}: no {index} dimension scores")
        year = int(own_years.max())
    d = dims[dims["year"] == year]
    g = d.groupby(["component", "component_label_en"])["value"]
    out = pd.DataFrame(
        {"median": g.median(), "p25": g.quantile(0.25), "p75": g.quantile(0.75), "n": g.size()}
    ).reset_index()
    own = d[d["province_code"] == code].set_index("component")["value"]
    out["value"] = out["component"].map(own)
    out["year"] = year
    out["province_code"] = code
    out["dimension_no"] = out["component"].str.split(":").str[1].astype(int)
    return out.sort_values("dimension_no").reset_index(drop=True).rename(columns={"component_label_en": "label"})
