"""Correlation between two indices across provinces, year by year."""

from __future__ import annotations

import pandas as pd
from scipy import stats

from .series import select


def cross_index_correlation(
    panel: pd.DataFrame, a: tuple[str, str], b: tuple[str, str], years=None, min_n: int = 5
) -> pd.DataFrame:
    """Per year with at least ``min_n`` provinces scored on both: Pearson ``r`` and Spearman
    ``rho`` with p-values, and ``n`` (provinces used). ``a`` and ``b`` are (index, component),
    e.g. ``("PAPI", "dimension:8")`` and ``("PCI", "pci:transparency")``."""
    x = select(panel, *a, years=years)[["province_code", "year", "value"]]
    y = select(panel, *b, years=years)[["province_code", "year", "value"]]
    both = x.merge(y, on=["province_code", "year"], suffixes=("_a", "_b")).dropna()
    records = []
    for year, g in both.groupby("year"):
        if len(g) < min_n:
            continue
        r, p = stats.pearsonr(g["value_a"], g["value_b"])
        rho, p_rho = stats.spearmanr(g["value_a"], g["value_b"])
        records.append(
            {
                "year": year,
                "a": f"{a[0]}:{a[1]}",
                "b": f"{b[0]}:{b[1]}",
                "n": len(g),
                "pearson_r": r,
                "pearson_p": p,
                "spearman_rho": rho,
                "spearman_p": p_rho,
            }
        )
    return pd.DataFrame(
        records, columns=["year", "a", "b", "n", "pearson_r", "pearson_p", "spearman_rho", "spearman_p"]
    )
