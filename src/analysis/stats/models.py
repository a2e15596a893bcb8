"""Trends and panel models with statsmodels' formula API.

- ``province_trend``: OLS ``value ~ year`` per province (slope in points per year, 95% CI),
  optionally with HAC (Newey-West) standard errors for short autocorrelated series;
- ``pooled_trend``: ``value ~ year + C(province_code)`` with errors clustered by province;
- ``twoway_fe``: ``y ~ x + C(province_code) + C(year)`` with errors clustered by province.

Missing values are dropped *before* fitting so cluster groups stay aligned with the rows
(statsmodels does not realign ``groups`` after its own NaN handling)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm
import statsmodels.formula.api as smf

from .series import MethodBreakError, select

MIN_YEARS = 3


def _one_era(data: pd.DataFrame, era: str | None, allow_cross_era: bool, what: str) -> pd.DataFrame:
    eras = list(dict.fromkeys(data.sort_values("year")["method_era"]))
    if era == "latest":
        return data[data["method_era"] == eras[-1]]
    if era is not None:
        if era not in eras:
            raise ValueError(f"{what}: no values in era {era!r} (available: {eras})")
        return data[data["method_era"] == era]
    if len(eras) > 1 and not allow_cross_era:
        raise MethodBreakError(
            f"{what}: the selected years span method eras {eras}; choose one with era=... or years=..., "
            "or pass allow_cross_era=True"
        )
    return data


def _term(fit, term: str, name: str) -> dict:
    """Estimate, standard error, 95% CI and p-value of one term of a fitted model."""
    ci = fit.conf_int().loc[term]
    return {
        name: fit.params[term],
        "se": fit.bse[term],
        "ci_low": ci.iloc[0],
        "ci_high": ci.iloc[1],
        "p_value": fit.pvalues[term],
    }


def province_trend(
    panel: pd.DataFrame,
    index: str,
    component: str = "total",
    provinces=None,
    years=None,
    era: str | None = "latest",
    robust: bool = False,
    hac_lags: int = 1,
    allow_cross_era: bool = False,
) -> pd.DataFrame:
    """Linear trend per province: ``slope`` (points of the index's scale per year), ``ci_low``,
    ``ci_high`` (95%), ``p_value``, ``n_years``, ``first_year``, ``last_year``, ``method_era``,
    ``cov_type``, ``status``. ``era="latest"`` (default) fits the most recent method era only;
    ``era=None`` fits all selected years and refuses more than one era unless ``allow_cross_era``.
    With ``robust=True`` standard errors are HAC (Newey-West, ``hac_lags``). A province with fewer
    than 3 observed years gets NaN statistics and ``status = "insufficient data"``."""
    data = select(panel, index, component, years)
    data = _one_era(data, era, allow_cross_era, f"{index} {component!r}")
    if provinces is not None:
        from ..provinces import resolve

        data = data[
            data["province_code"].isin([resolve(p) for p in ([provinces] if isinstance(provinces, str) else provinces)])
        ]
    records = []
    for (code, name), g in data.dropna(subset=["value"]).groupby(["province_code", "province"]):
        rec = {
            "province_code": code,
            "province": name,
            "index": index,
            "component": component,
            "n_years": len(g),
            "first_year": int(g["year"].min()),
            "last_year": int(g["year"].max()),
            "method_era": "/".join(dict.fromkeys(g.sort_values("year")["method_era"])),
            "cov_type": "HAC" if robust else "nonrobust",
        }
        if len(g) < MIN_YEARS:
            rec.update(slope=np.nan, ci_low=np.nan, ci_high=np.nan, p_value=np.nan, status="insufficient data")
        else:
            # Array interface, not the formula: the same OLS, without parsing a formula per province.
            model = sm.OLS(g["value"].to_numpy(float), sm.add_constant(g[["year"]].astype(float)))
            fit = model.fit(cov_type="HAC", cov_kwds={"maxlags": hac_lags}) if robust else model.fit()
            ci = fit.conf_int().loc["year"]
            rec.update(
                slope=fit.params["year"],
                ci_low=ci.iloc[0],
                ci_high=ci.iloc[1],
                p_value=fit.pvalues["year"],
                status="ok",
            )
        records.append(rec)
    return pd.DataFrame(records)


def pooled_trend(
    panel: pd.DataFrame,
    index: str,
    component: str = "total",
    years=None,
    era: str | None = "latest",
    allow_cross_era: bool = False,
) -> pd.DataFrame:
    """Common within-province trend: ``value ~ year + C(province_code)``, errors clustered by
    province. One row: slope (points per year), se, ci_low, ci_high, p_value, n_obs, n_provinces,
    first_year, last_year, method_era, cov_type."""
    data = select(panel, index, component, years)
    data = _one_era(data, era, allow_cross_era, f"{index} {component!r}").dropna(subset=["value"])
    data = data[["value", "year", "province_code", "method_era"]].reset_index(drop=True)
    if data["province_code"].nunique() < 2 or data["year"].nunique() < 2:
        raise ValueError("pooled trend needs at least 2 provinces and 2 years")
    fit = smf.ols("value ~ year + C(province_code)", data=data).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(data["province_code"])[0]}
    )
    return pd.DataFrame(
        [
            {"index": index, "component": component}
            | _term(fit, "year", "slope")
            | {
                "n_obs": int(fit.nobs),
                "n_provinces": data["province_code"].nunique(),
                "first_year": int(data["year"].min()),
                "last_year": int(data["year"].max()),
                "method_era": "/".join(dict.fromkeys(data.sort_values("year")["method_era"])),
                "cov_type": "cluster(province)",
            }
        ]
    )


def twoway_fe(
    panel: pd.DataFrame,
    y: tuple[str, str],
    x: tuple[str, str],
    years=None,
    allow_cross_era: bool = False,
) -> pd.DataFrame:
    """Two-way fixed effects: ``y ~ x + C(province_code) + C(year)``, errors clustered by province.

    ``y`` and ``x`` are (index, component) pairs, e.g. ``("PAPI", "total")``, ``("PCI", "total")``.
    Only province-years where both are observed enter. Refuses samples spanning more than one
    method era of either index unless ``allow_cross_era`` (year effects absorb level shifts, but
    the meaning of the scores changes at a break). One row: coef (units of y per unit of x), se,
    ci_low, ci_high, p_value, n_obs, n_provinces, years."""
    a = select(panel, *y, years=years)[["province_code", "year", "value", "method_era"]]
    b = select(panel, *x, years=years)[["province_code", "year", "value", "method_era"]]
    data = a.merge(b, on=["province_code", "year"], suffixes=("_y", "_x")).dropna(subset=["value_y", "value_x"])
    for col, pair in (("method_era_y", y), ("method_era_x", x)):
        if data[col].nunique() > 1 and not allow_cross_era:
            raise MethodBreakError(f"{pair}: the overlapping years span eras {sorted(data[col].unique())}")
    data = data.reset_index(drop=True)
    if len(data) < 4 or data["year"].nunique() < 2:
        raise ValueError("two-way fixed effects need at least 2 years of overlapping data")
    fit = smf.ols("value_y ~ value_x + C(province_code) + C(year)", data=data).fit(
        cov_type="cluster", cov_kwds={"groups": pd.factorize(data["province_code"])[0]}
    )
    return pd.DataFrame(
        [
            {"y": f"{y[0]}:{y[1]}", "x": f"{x[0]}:{x[1]}"}
            | _term(fit, "value_x", "coef")
            | {
                "n_obs": int(fit.nobs),
                "n_provinces": data["province_code"].nunique(),
                "years": f"{data['year'].min()}-{data['year'].max()}",
                "cov_type": "cluster(province)",
            }
        ]
    )
