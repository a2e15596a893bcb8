"""Sigma- and beta-convergence across provinces, each within one method era."""

from __future__ import annotations

import pandas as pd
import statsmodels.formula.api as smf

from .series import select, window_change


def sigma_convergence(panel: pd.DataFrame, index: str, component: str = "total") -> pd.DataFrame:
    """Per year: ``n`` provinces, ``mean``, ``sd`` (sample standard deviation, ddof=1, points) and
    ``cv`` (sd / mean) of the values across provinces, with the year's ``method_era``. Falling sd
    within an era is sigma-convergence; values in different eras are on different scales."""
    data = select(panel, index, component).dropna(subset=["value"])
    g = data.groupby("year")
    out = pd.DataFrame({"n": g["value"].size(), "mean": g["value"].mean(), "sd": g["value"].std(ddof=1)})
    out["cv"] = out["sd"] / out["mean"]
    out["method_era"] = g["method_era"].first()
    return out.reset_index().assign(index=index, component=component)


def beta_convergence(
    panel: pd.DataFrame, index: str, start: int, end: int, component: str = "total", allow_cross_era: bool = False
) -> pd.DataFrame:
    """Beta-convergence: OLS of the annual change (``(end - start value) / years``, points per year)
    on the ``start`` level. A negative ``beta`` means provinces that started lower improved faster.
    One row: beta, ci_low, ci_high (95%), p_value, n. Refuses a window across a method era."""
    ch = window_change(panel, index, start, end, component, allow_cross_era=allow_cross_era)
    fit = smf.ols("change_per_year ~ value_start", data=ch).fit()
    ci = fit.conf_int().loc["value_start"]
    return pd.DataFrame(
        [
            {
                "index": index,
                "component": component,
                "start": start,
                "end": end,
                "beta": fit.params["value_start"],
                "ci_low": ci.iloc[0],
                "ci_high": ci.iloc[1],
                "p_value": fit.pvalues["value_start"],
                "n": int(fit.nobs),
            }
        ]
    )
