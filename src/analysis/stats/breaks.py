"""Known methodology breaks and a structural-break test for one province's series."""

from __future__ import annotations

import numpy as np
import pandas as pd
import statsmodels.api as sm

from ..components import ERAS
from .series import province_series


def known_breaks(index: str | None = None) -> pd.DataFrame:
    """Years in which a method era starts (after the first), with the eras on each side and the
    era note: the annotations figures draw. Columns: index, year, era_before, era_after, note."""
    records = []
    for idx in sorted({e.index for e in ERAS}):
        eras = sorted((e for e in ERAS if e.index == idx), key=lambda e: e.first_year)
        for before, after in zip(eras, eras[1:]):
            records.append(
                {
                    "index": idx,
                    "year": after.first_year,
                    "era_before": before.code,
                    "era_after": after.code,
                    "note": after.note,
                }
            )
    out = pd.DataFrame(records)
    return out[out["index"] == index].reset_index(drop=True) if index else out


def break_test(
    panel: pd.DataFrame, province: str, index: str, break_year: int, component: str = "total", min_per_side: int = 3
) -> pd.DataFrame:
    """Chow-type test for a break in level and slope at ``break_year`` in one province's series:
    OLS ``value ~ year * post`` (post = year >= break_year), F-test that the ``post`` intercept and
    slope shifts are both zero. Needs ``min_per_side`` observed years on each side; otherwise the
    row says ``status = "insufficient data"`` and the statistics are NaN (never a number from too
    few points). Columns: province, index, component, break_year, n_before, n_after, f_stat,
    p_value, level_shift (points at the break year), status."""
    s = province_series(panel, province, index, component).dropna(subset=["value"])
    s = s.assign(post=(s["year"] >= break_year).astype(int))
    n_before, n_after = int((s["post"] == 0).sum()), int((s["post"] == 1).sum())
    rec = {
        "province": s["province"].iloc[0] if len(s) else province,
        "index": index,
        "component": component,
        "break_year": break_year,
        "n_before": n_before,
        "n_after": n_after,
    }
    if n_before < min_per_side or n_after < min_per_side:
        return pd.DataFrame(
            [
                rec
                | {
                    "f_stat": float("nan"),
                    "p_value": float("nan"),
                    "level_shift": float("nan"),
                    "status": "insufficient data",
                }
            ]
        )
    # Array interface, not a formula: the same OLS (columns 1, t, post, t*post), without parsing
    # a formula for every province and break (a fifth of a report's statistics time).
    t = (s["year"] - break_year).to_numpy(float)
    post = s["post"].to_numpy(float)
    design = np.column_stack([np.ones(len(t)), t, post, t * post])
    fit = sm.OLS(s["value"].to_numpy(float), design).fit()
    test = fit.f_test(np.array([[0.0, 0.0, 1.0, 0.0], [0.0, 0.0, 0.0, 1.0]]))  # post = 0 and t:post = 0
    return pd.DataFrame(
        [
            rec
            | {
                "f_stat": float(np.squeeze(test.fvalue)),
                "p_value": float(test.pvalue),
                "level_shift": float(fit.params[2]),
                "status": "ok",
            }
        ]
    )
