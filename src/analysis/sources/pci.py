"""PCI loaders: the VCCI workbooks 2005-2019 (mdtrinh build), VCCI's province pages (14 provinces,
2006-2024) and the partial 63-province tables (2015, 2019, 2021)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..components import PCI_PAGE_LABELS, PCI_SUBINDICES
from .base import LoadResult, Quarantine, base_row, finish, numbers, province_codes, read_raw_csv

INDEX = "PCI"
_TOTAL = {
    "component": "total",
    "component_label_en": "PCI score (weighted)",
    "component_label_vi": "Điểm PCI (có trọng số)",
    "scale_min": 0.0,
    "scale_max": 100.0,
    "unit": "points",
}
_TOTAL_UNWEIGHTED = {
    "component": "total_unweighted",
    "component_label_en": "PCI score (unweighted)",
    "component_label_vi": "Điểm PCI (không trọng số)",
    "scale_min": 0.0,
    "scale_max": 100.0,
    "unit": "points",
}


# Columns both page files share (VCCI province pages and 63-province tables).
PAGE_COLUMNS = [
    "province_gso_code",
    "province_name_vi",
    "year",
    "subindex",
    "subindex_label_page",
    "value",
    "value_raw",
    "source_url",
]


def _rank_meta(year: int) -> dict:
    n = 64 if 2006 <= year <= 2008 else 63
    return {
        "component": "rank",
        "component_label_en": "PCI national rank",
        "component_label_vi": "Xếp hạng PCI",
        "scale_min": 1.0,
        "scale_max": float(n),
        "unit": "rank",
    }


def _sub_meta(code: str) -> dict:
    for c, en, vi in PCI_SUBINDICES.values():
        if c == code:
            return {
                "component": c,
                "component_label_en": en,
                "component_label_vi": vi,
                "scale_min": 0.0,
                "scale_max": 10.0,
                "unit": "points",
            }
    raise KeyError(code)


def _base(source: str, kind: str, path: Path, line: int, code: str, year: int, value: float) -> dict:
    return base_row(INDEX, source, kind, path, line, code, year, value)


def load_workbooks_2005_2019(path: Path, source: str = "pci_workbooks_2005_2019") -> LoadResult:
    """PCI weighted score (0-100), unweighted score (2007/2008/2010 only) and sub-indices (0-10)."""
    cols = list(PCI_SUBINDICES) + ["pci_unweighted", "pci_weighted"]
    df = read_raw_csv(path, ["prov", "province_code_gso", "year", *cols])
    q = Quarantine(source, path)
    df["code"] = province_codes(df, "prov", "province_code_gso", q)
    parsed = {c: numbers(df, c, q) for c in cols}
    records, excluded = [], {}
    for i, r in enumerate(df.itertuples(index=False)):
        if r.code is None or str(r.code) == "<NA>":
            continue
        year = int(r.year)
        for col in cols:
            v = parsed[col].iloc[i]
            if np.isnan(v):
                excluded["sub-index not measured that year (blank)"] = (
                    excluded.get("sub-index not measured that year (blank)", 0) + 1
                )
                continue
            if col == "pci_weighted":
                meta = _TOTAL
            elif col == "pci_unweighted":
                meta = _TOTAL_UNWEIGHTED
            else:
                meta = _sub_meta(PCI_SUBINDICES[col][0])
            records.append(
                _base(source, "published_table", path, r.line_no, str(r.code), year, float(v))
                | meta
                | {"note": f"column {col}"}
            )
    return LoadResult(finish(records), q.frame(), excluded)


def _page_component(label: str, year: int) -> str | None:
    code = PCI_PAGE_LABELS.get(label)
    # VCCI's current pages print the 2006-2008 SOE-bias score on the Policy Bias row (SOURCES.md).
    if code == "pci:policy_bias" and year <= 2008:
        return "pci:soe_bias"
    return code


def _load_pages(
    path: Path, source: str, kind: str, required: list[str], optional: list[str], name_col: str
) -> LoadResult:
    df = read_raw_csv(path, required, optional)
    q = Quarantine(source, path)
    df["code"] = province_codes(df, name_col, "province_gso_code", q)
    df["num"] = numbers(df, "value", q)
    records, excluded = [], {}
    has_flag = "qc_flag" in df.columns
    for r in df.itertuples(index=False):
        if r.code is None or str(r.code) == "<NA>":
            continue
        year = int(r.year)
        if r.subindex == "PCI Tier":
            excluded["PCI tier (text label, not a score)"] = excluded.get("PCI tier (text label, not a score)", 0) + 1
            continue
        component = _page_component(r.subindex, year)
        if component is None:
            q.add(r.line_no, "subindex", r.subindex, "unknown PCI sub-index label")
            continue
        if np.isnan(r.num):
            if r.value_raw.strip().upper() in ("N/A", ""):
                excluded["N/A on the page (not measured)"] = excluded.get("N/A on the page (not measured)", 0) + 1
            continue
        if has_flag and r.qc_flag.strip():
            q.add(r.line_no, "value", r.value, f"{r.qc_flag}: {r.note}".strip(": "))
            continue
        if component == "total":
            meta = _TOTAL
        elif component == "rank":
            meta = _rank_meta(year)
        else:
            meta = _sub_meta(component)
        records.append(
            _base(source, kind, path, r.line_no, str(r.code), year, float(r.num))
            | meta
            | {"source_url": r.source_url, "note": f"page label: {r.subindex_label_page}"}
        )
    return LoadResult(finish(records), q.frame(), excluded)


def load_province_pages(path: Path, source: str = "pci_province_pages") -> LoadResult:
    """VCCI province pages: scores, sub-indices and ranks for 14 provinces. Cells the source
    flags ``suspect_site_value`` are quarantined."""
    return _load_pages(
        path,
        source,
        "web_page",
        ["province_page", "province_slug", *PAGE_COLUMNS],
        ["page_layout", "page_header", "note", "qc_flag"],
        "province_name_vi",
    )


def load_partial_tables(path: Path, source: str = "pci_tables_partial") -> LoadResult:
    """VCCI 63-province sub-index tables, top rows only (2015, 2019, 2021)."""
    return _load_pages(
        path,
        source,
        "web_page",
        ["province_page", *PAGE_COLUMNS],
        ["year_basis"],
        "province_name_vi",
    )
