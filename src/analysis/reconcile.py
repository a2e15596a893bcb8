"""Reconciliation: printed totals against their components, and sources against each other.

- PAPI: a dimension equals the sum of its sub-dimensions; the total equals the sum of dimensions.
- PCI: the weighted score equals the weighted sum of the sub-indices with the period's weights.
  The weights are not typed in: they are recovered from the data by least squares (trimmed, so a
  few wrong totals cannot bend them), per method era.
- Cross-source: the same cell from two sources agrees to the precision of the coarser one.

Every function returns a tidy DataFrame of mismatches (empty when all agree)."""

from __future__ import annotations

import numpy as np
import pandas as pd

RECONCILIATION_COLUMNS = [
    "check",
    "index",
    "province_code",
    "year",
    "component",
    "source",
    "printed",
    "expected",
    "difference",
    "raw_file",
    "raw_line",
    "detail",
]

# Years whose PCI totals match no fixed-weight sum in any source (SOURCES.md): not checked.
PCI_UNRECONCILABLE_YEARS = {2011}
# From 2021 VCCI's weights change between editions; no single era-wide rule to check against.
PCI_LAST_CHECKED_YEAR = 2020


def _frame(records: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(records, columns=RECONCILIATION_COLUMNS)


def papi_sums(rows: pd.DataFrame, tolerance: float = 0.002) -> pd.DataFrame:
    """PAPI dimension vs the sum of its sub-dimensions, and total vs the sum of dimensions, within
    each source (rows of one source only). ``tolerance`` in points: the sources store floats, and
    the largest honest difference on the shipped data is 0.0007."""
    papi = rows[(rows["index"] == "PAPI") & (rows["level"] == "province") & ~rows["is_derived"]]
    cell = ["source", "province_code", "year"]
    subs = papi[papi["component"].str.startswith("subdimension:")]
    subs = subs.assign(dim=subs["component"].str.extract(r"^subdimension:(\d)\.", expand=False))
    sub_sum = subs.groupby([*cell, "dim"]).agg(expected=("value", "sum"), n=("value", "size")).reset_index()
    dims = papi[papi["component"].str.startswith("dimension:")]
    dims = dims.assign(dim=dims["component"].str.split(":").str[1])
    a = dims.merge(sub_sum, on=[*cell, "dim"])
    a = a.assign(check="papi_dimension_vs_subdimensions", detail=a["n"].astype(str) + " sub-dimensions")
    dim_sum = dims.groupby(cell).agg(expected=("value", "sum"), n=("value", "size")).reset_index()
    totals = papi[papi["component"] == "total"]
    b = totals.merge(dim_sum[dim_sum["n"].isin([6, 8])], on=cell)
    b = b.assign(check="papi_total_vs_dimensions", detail=b["n"].astype(str) + " dimensions")
    both = pd.concat([a, b], ignore_index=True)
    both = both.assign(printed=both["value"], difference=both["value"] - both["expected"])
    both = both[both["difference"].abs() > tolerance]
    return both.reindex(columns=RECONCILIATION_COLUMNS).reset_index(drop=True)


def pci_wide(rows: pd.DataFrame, source: str) -> pd.DataFrame:
    """PCI rows of one source as one row per province-year with sub-index columns and ``total``."""
    pci = rows[
        (rows["index"] == "PCI")
        & (rows["source"] == source)
        & (rows["component"].str.startswith("pci:") | (rows["component"] == "total"))
    ]
    return pci.pivot_table(
        index=["province_code", "year", "method_era"], columns="component", values="value", aggfunc="first"
    ).reset_index()


def fit_pci_weights(wide: pd.DataFrame, trim_sd: float = 4.0, max_iter: int = 10) -> tuple[pd.Series, np.ndarray]:
    """Least-squares weights of the sub-indices that reproduce ``total`` in ``wide`` (one era).

    Rows with large residuals are trimmed and the fit repeated until stable, so that a handful of
    wrong totals do not bend the weights. Returns (weights by component, boolean mask of rows kept)."""
    subs = [c for c in wide.columns if str(c).startswith("pci:") and wide[c].notna().all()]
    X = wide[subs].to_numpy(float)
    y = wide["total"].to_numpy(float)
    keep = np.ones(len(y), dtype=bool)
    for _ in range(max_iter):
        w, *_ = np.linalg.lstsq(X[keep], y[keep], rcond=None)
        res = y - X @ w
        scale = max(np.median(np.abs(res[keep])) * 1.4826, 1e-4)
        new_keep = np.abs(res) <= trim_sd * scale + 1e-3
        if (new_keep == keep).all():
            break
        keep = new_keep
    return pd.Series(w, index=subs), keep


def pci_weighted_totals(
    rows: pd.DataFrame, weights_source: str = "pci_workbooks_2005_2019", tolerances: dict[str, float] | None = None
) -> pd.DataFrame:
    """PCI printed total vs the weighted sum of its sub-indices, per method era up to 2020.

    Weights are estimated on ``weights_source`` (all its years in the era except those in
    ``PCI_UNRECONCILABLE_YEARS``) and every PCI source is checked with its own tolerance
    (default: 0.001 for the 5-decimal workbooks, 0.06 for 2-decimal web pages), widened to half
    a unit of the total's last printed decimal."""
    tolerances = tolerances or {"pci_workbooks_2005_2019": 0.001}
    base = pci_wide(rows, weights_source)
    base = base[~base["year"].isin(PCI_UNRECONCILABLE_YEARS) & (base["year"] <= PCI_LAST_CHECKED_YEAR)]
    weights = {era: fit_pci_weights(g.dropna(axis=1, how="all").dropna())[0] for era, g in base.groupby("method_era")}
    records = []
    for source in rows.loc[rows["index"] == "PCI", "source"].unique():
        wide = pci_wide(rows, source)
        tol = tolerances.get(source, 0.06)
        printed_tol = np.maximum(tol, 0.5 * 10.0 ** -decimals(wide["total"].fillna(0)) + 1e-6)
        for r, row_tol in zip(wide.itertuples(index=False), printed_tol):
            row = dict(zip(wide.columns, r))
            if row["year"] in PCI_UNRECONCILABLE_YEARS or row["year"] > PCI_LAST_CHECKED_YEAR:
                continue
            w = weights.get(row["method_era"])
            if w is None or pd.isna(row.get("total")):
                continue
            parts = [row.get(c) for c in w.index]
            if any(p is None or pd.isna(p) for p in parts):
                continue
            expected = float(np.dot(parts, w.to_numpy()))
            diff = row["total"] - expected
            if abs(diff) > row_tol:
                src_rows = rows[
                    (rows["source"] == source)
                    & (rows["index"] == "PCI")
                    & (rows["component"] == "total")
                    & (rows["province_code"] == row["province_code"])
                    & (rows["year"] == row["year"])
                ]
                records.append(
                    {
                        "check": "pci_total_vs_weighted_subindices",
                        "index": "PCI",
                        "province_code": row["province_code"],
                        "year": row["year"],
                        "component": "total",
                        "source": source,
                        "printed": row["total"],
                        "expected": expected,
                        "difference": diff,
                        "raw_file": src_rows["raw_file"].iloc[0],
                        "raw_line": src_rows["raw_line"].iloc[0],
                        "detail": "weights " + ", ".join(f"{k.split(':')[1]} {v:.3f}" for k, v in w.items()),
                    }
                )
    return _frame(records)


def cross_source(rows: pd.DataFrame) -> pd.DataFrame:
    """Cells given by more than one source (not derived): values must agree to the precision of
    the coarser source (half a unit in its last printed decimal, at least 0.005)."""
    data = rows[(rows["level"] == "province") & ~rows["is_derived"]]
    key = ["index", "component", "province_code", "year"]
    multi = data[data.duplicated(key, keep=False)]
    if multi.empty:
        return _frame([])
    stats = multi.groupby(key).agg(n_sources=("source", "nunique"), lo=("value", "idxmin"), hi=("value", "idxmax"))
    stats = stats[stats["n_sources"] > 1]
    lo = multi.loc[stats["lo"]].reset_index(drop=True)
    hi = multi.loc[stats["hi"]].reset_index(drop=True)
    tol = np.maximum(0.005, 0.5 * 10.0 ** -np.minimum(decimals(lo["value"]), decimals(hi["value"]))) + 1e-9
    bad = (hi["value"] - lo["value"]).to_numpy() > tol
    lo, hi = lo[bad], hi[bad]
    return _frame(
        [
            {
                "check": "cross_source",
                "index": a["index"],
                "component": a["component"],
                "province_code": a["province_code"],
                "year": a["year"],
                "source": f"{a['source']} vs {b['source']}",
                "printed": a["value"],
                "expected": b["value"],
                "difference": a["value"] - b["value"],
                "raw_file": f"{a['raw_file']} | {b['raw_file']}",
                "raw_line": a["raw_line"],
                "detail": f"line {a['raw_line']} vs {b['raw_line']}",
            }
            for (_, a), (_, b) in zip(lo.iterrows(), hi.iterrows())
        ]
    )


def decimals(values: pd.Series) -> np.ndarray:
    """Number of decimals in the shortest printed form of each float (55.89 -> 2)."""
    out = []
    for v in values:
        text = repr(float(v))
        out.append(0 if "e" in text or "." not in text else len(text.split(".")[1].rstrip("0")))
    return np.array(out)
