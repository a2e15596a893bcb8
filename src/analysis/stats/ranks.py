"""Ranks within a year, rank changes, rank mobility, PAPI-style bands and tier rules."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import stats

from .kept import kept
from .series import select

BAND_ORDER = ["top", "high-average", "low-average", "bottom"]


def rank_within_year(
    panel: pd.DataFrame, index: str, component: str = "total", higher_is_better: bool = True
) -> pd.DataFrame:
    """Rank of every scored province in each year (1 = best). Ties share the best rank (``min``,
    as published tables do: two provinces tied 3rd, the next is 5th). ``n_ranked`` is the number
    of provinces actually scored that year (not an assumed 63); ``rank_label`` reads "19/63"."""
    return kept(
        panel,
        ("rank_within_year", index, component, higher_is_better),
        lambda: _rank_within_year(panel, index, component, higher_is_better),
    )


def _rank_within_year(panel: pd.DataFrame, index: str, component: str, higher_is_better: bool) -> pd.DataFrame:
    data = select(panel, index, component).dropna(subset=["value"])
    out = data[["province_code", "province", "year", "value", "method_era"]].copy()
    out["rank"] = out.groupby("year")["value"].rank(method="min", ascending=not higher_is_better).astype(int)
    out["n_ranked"] = out.groupby("year")["value"].transform("size").astype(int)
    out["rank_label"] = out["rank"].astype(str) + "/" + out["n_ranked"].astype(str)
    return out.sort_values(["year", "rank", "province_code"]).reset_index(drop=True)


def rank_change(ranks: pd.DataFrame, start: int, end: int) -> pd.DataFrame:
    """Places gained between two years (positive = moved up) for provinces ranked in both."""
    a = ranks[ranks["year"] == start].set_index("province_code")
    b = ranks[ranks["year"] == end].set_index("province_code")
    both = a.index.intersection(b.index)
    out = pd.DataFrame(
        {
            "province": b.loc[both, "province"],
            "rank_start": a.loc[both, "rank"],
            "rank_end": b.loc[both, "rank"],
            "n_start": a.loc[both, "n_ranked"],
            "n_end": b.loc[both, "n_ranked"],
        }
    )
    out["places_gained"] = out["rank_start"] - out["rank_end"]
    out.insert(0, "end", end)
    out.insert(0, "start", start)
    return out.reset_index().sort_values("places_gained", ascending=False).reset_index(drop=True)


def rank_mobility(ranks: pd.DataFrame, start: int, end: int, k: int = 5) -> pd.DataFrame:
    """How much ranks moved between two years: Spearman's rho and Kendall's tau (tau-b) of the
    two rankings with p-values, the share of provinces that moved more than ``k`` places, and the
    number of provinces ranked in both years."""
    ch = rank_change(ranks, start, end)
    rho, p_rho = stats.spearmanr(ch["rank_start"], ch["rank_end"])
    tau, p_tau = stats.kendalltau(ch["rank_start"], ch["rank_end"])
    return pd.DataFrame(
        [
            {
                "start": start,
                "end": end,
                "n": len(ch),
                "spearman_rho": rho,
                "spearman_p": p_rho,
                "kendall_tau": tau,
                "kendall_p": p_tau,
                "k": k,
                "share_moved_more_than_k": float((ch["places_gained"].abs() > k).mean()),
            }
        ]
    )


def bands(panel: pd.DataFrame, index: str, component: str = "total", years=None) -> pd.DataFrame:
    """PAPI-style quartile bands per year: ``top`` (>= 75th percentile), ``high-average``
    (50th-75th), ``low-average`` (25th-50th), ``bottom`` (< 25th). Percentiles are computed over
    the provinces scored that year (linear interpolation, numpy's default), and reported."""
    data = select(panel, index, component, years).dropna(subset=["value"])
    out = []
    for _year, g in data.groupby("year"):
        p25, p50, p75 = np.percentile(g["value"], [25, 50, 75])
        band = np.select(
            [g["value"] >= p75, g["value"] >= p50, g["value"] >= p25], BAND_ORDER[:3], default=BAND_ORDER[3]
        )
        out.append(
            g[["province_code", "province", "year", "value", "method_era"]].assign(band=band, p25=p25, p50=p50, p75=p75)
        )
    res = pd.concat(out, ignore_index=True)
    res["band"] = pd.Categorical(res["band"], categories=BAND_ORDER, ordered=True)
    return res


# Known tier rules. PAR INDEX 2022 groups (Ministry of Home Affairs): A >= 90%, B 80 to < 90, C 70 to < 80.
TIER_RULES = {
    "PAR_INDEX": [(90.0, "A"), (80.0, "B"), (70.0, "C"), (-np.inf, "below C")],
}


def tiers(panel: pd.DataFrame, index: str, component: str = "total", rule=None, years=None) -> pd.DataFrame:
    """Tier labels by thresholds: ``rule`` is a list of (lower bound inclusive, label) from the
    top; defaults to the known rule for ``index`` (``TIER_RULES``), else raises."""
    rule = rule or TIER_RULES.get(index)
    if rule is None:
        raise ValueError(f"no known tier rule for {index}; pass rule=[(bound, label), ...]")
    data = select(panel, index, component, years).dropna(subset=["value"])
    bounds = sorted(rule, key=lambda r: -r[0])
    labels = np.select([data["value"] >= b for b, _ in bounds], [lab for _, lab in bounds], default="unclassified")
    return data[["province_code", "province", "year", "value", "method_era"]].assign(tier=labels).reset_index(drop=True)
