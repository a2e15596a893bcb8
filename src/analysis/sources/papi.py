"""PAPI loaders: the 2011-2019 compilation, the 2018-2023 provincial workbook, and the hnks
sub-dimension panel 2011-2024. Each returns tidy panel rows; see ``components`` for codes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import numpy as np

from ..components import (
    PAPI_DIMENSIONS,
    PAPI_SUBDIMENSION_LABELS_EN,
    papi_subdimension_code,
    papi_subdimension_layout,
    papi_subdimension_scale,
    papi_total_scale,
)
from ..text import slugify
from .base import LoadResult, Quarantine, base_row, finish, numbers, province_codes, read_raw_csv

INDEX = "PAPI"


def _dimension_row(dim: int) -> dict:
    en, vi = PAPI_DIMENSIONS[dim]
    return {
        "component": f"dimension:{dim}",
        "component_label_en": en,
        "component_label_vi": vi,
        "scale_min": 1.0,
        "scale_max": 10.0,
        "unit": "points",
    }


def _subdimension_row(year: int, dim: int, pos: int, label_vi: str | None) -> dict | None:
    slug = papi_subdimension_layout(year).get((dim, pos))
    if slug is None:
        return None
    lo, hi = papi_subdimension_scale(year, dim)
    return {
        "component": papi_subdimension_code(dim, slug),
        "component_label_en": PAPI_SUBDIMENSION_LABELS_EN[slug],
        "component_label_vi": label_vi,
        "scale_min": lo,
        "scale_max": hi,
        "unit": "points",
    }


def _total_row(year: int, component: str = "total") -> dict:
    lo, hi = papi_total_scale(year)
    label = {
        "total": ("PAPI total (unweighted sum of dimensions)", "Chỉ số PAPI tổng hợp (không có trọng số)"),
        "total_weighted": ("PAPI total (weighted)", "Chỉ số PAPI tổng hợp (có trọng số)"),
    }[component]
    return {
        "component": component,
        "component_label_en": label[0],
        "component_label_vi": label[1],
        "scale_min": lo,
        "scale_max": hi,
        "unit": "points",
    }


def _base(source: str, kind: str, path: Path, line: int, code: str, year: int, value: float) -> dict:
    return base_row(INDEX, source, kind, path, line, code, year, value)


def load_dimensions_2011_2019(path: Path, source: str = "papi_dims_2011_2019") -> LoadResult:
    """PAPI 2011-2019 compilation: dimensions (1-10), sub-dimensions, unweighted totals (6-60)."""
    df = read_raw_csv(
        path,
        [
            "year",
            "province_code_gso",
            "province_name_en",
            "province_name_vi",
            "level",
            "dimension_no",
            "subdimension_pos",
            "label_en",
            "label_vi",
            "value",
            "source_sheet",
        ],
    )
    q = Quarantine(source, path)
    df["code"] = province_codes(df, "province_name_en", "province_code_gso", q)
    df["num"] = numbers(df, "value", q)
    records, excluded = [], {}
    for r in df.itertuples(index=False):
        if r.code is None or str(r.code) == "<NA>":
            continue
        if np.isnan(r.num):
            if r.value.strip() == "":
                excluded["blank in source (no data)"] = excluded.get("blank in source (no data)", 0) + 1
            continue
        year = int(r.year)
        if r.level == "dimension":
            meta = _dimension_row(int(float(r.dimension_no)))
        elif r.level == "subdimension":
            meta = _subdimension_row(year, int(float(r.dimension_no)), int(float(r.subdimension_pos)), r.label_vi)
            if meta is None:
                q.add(
                    r.line_no,
                    "subdimension_pos",
                    f"{r.dimension_no}.{r.subdimension_pos}",
                    f"no sub-dimension at this position in the {year} layout",
                )
                continue
        elif r.level == "total_unweighted":
            meta = _total_row(year)
        else:
            q.add(r.line_no, "level", r.level, "unknown level")
            continue
        records.append(_base(source, "published_table", path, r.line_no, str(r.code), year, r.num) | meta)
    return LoadResult(finish(records), q.frame(), excluded)


_SUB_LABEL = re.compile(r"^\s*(\d)\.(\d)\s*:")
_TOTAL_KIND = [
    (" - sai số", "_se", "standard error"),
    ("tối thiểu trong khoảng tin cậy", "_ci_low", "95% CI lower bound"),
    ("tối đa trong khoảng tin cậy", "_ci_high", "95% CI upper bound"),
]


def load_workbook_2018_2023(path: Path, source: str = "papi_workbook_2018_2023") -> LoadResult:
    """PAPI provincial workbook 2018, 2019, 2022, 2023: totals (with SE and 95% CI), dimensions,
    sub-dimensions, respondent counts and the survey indicators under each dimension
    (``indicator:<sub-dimension>.<slug of the Vietnamese label>``, on their printed scales)."""
    df = read_raw_csv(
        path,
        [
            "year",
            "province_code_gso",
            "province_name_en",
            "row_in_sheet",
            "level",
            "dimension_no",
            "label_en",
            "label_vi",
            "scale",
            "value",
            "value_text_flag",
        ],
    )
    q = Quarantine(source, path)
    df["code"] = province_codes(df, "province_name_en", "province_code_gso", q)
    df["num"] = numbers(df, "value", q)
    records, excluded = [], {}

    def skip(reason: str) -> None:
        excluded[reason] = excluded.get(reason, 0) + 1

    # A "0%-100%" indicator is stored as a share (0-1) in some rows and in percent in others: decide
    # per indicator and year from its own values (all <= 1 -> share), and say so in the unit.
    ind = df[df["level"] == "indicator"]
    share_scale = (ind.groupby(["year", "label_vi"])["num"].max() <= 1.0).to_dict()
    # The same question can appear under several sub-dimensions: key indicators by the sub-dimension
    # heading above them in the sheet ("5.3"), carried down in sheet order per province and year.
    order = df.assign(_row=df["row_in_sheet"].astype(int)).sort_values(["year", "province_code_gso", "_row"])
    heading = order["label_vi"].str.extract(r"^\s*(\d\.\d)\s*:", expand=False)
    heading = heading.where(order["level"] == "subdimension")
    heading = heading.groupby([order["year"], order["province_code_gso"]]).ffill()
    df["sub_heading"] = heading.reindex(df.index).fillna("")
    for r in df.itertuples(index=False):
        if r.code is None or str(r.code) == "<NA>":
            continue
        if np.isnan(r.num):
            skip(f"no value in source ({r.value_text_flag or 'blank'})")
            continue
        year = int(r.year)
        if r.level == "total":
            weighted = "(có trọng số)" in r.label_vi
            meta = _total_row(year, "total_weighted" if weighted else "total")
            for marker, suffix, what in _TOTAL_KIND:
                if marker in r.label_vi:
                    meta = meta | {
                        "component": meta["component"] + suffix,
                        "component_label_en": f"{meta['component_label_en']}, {what}",
                        "component_label_vi": r.label_vi,
                    }
                    if suffix == "_se":
                        meta |= {"scale_min": 0.0, "scale_max": 10.0}
                    break
        elif r.level == "dimension":
            meta = _dimension_row(int(float(r.dimension_no)))
        elif r.level == "subdimension":
            m = _SUB_LABEL.match(r.label_vi)
            meta = m and _subdimension_row(
                year, int(m.group(1)), int(m.group(2)), _SUB_LABEL.sub("", r.label_vi).strip(" *")
            )
            if not meta:
                q.add(r.line_no, "label_vi", r.label_vi, f"sub-dimension not in the {year} layout")
                continue
        elif r.level == "indicator":
            meta = _indicator_row(r, share_scale, r.sub_heading)
        elif r.level == "observations":
            meta = {
                "component": "observations",
                "component_label_en": "Survey respondents",
                "component_label_vi": "Số quan sát",
                "scale_min": 0.0,
                "scale_max": np.nan,
                "unit": "respondents",
            }
        else:
            q.add(r.line_no, "level", r.level, "unknown level")
            continue
        if r.num == 0.0 and meta["scale_min"] > 0:
            # SOURCES.md: the 2022 workbook writes 0.0 for provinces it did not report.
            q.add(r.line_no, "value", r.value, "0 below the scale minimum: the workbook's 'not reported' (SOURCES.md)")
            continue
        records.append(_base(source, "published_table", path, r.line_no, str(r.code), year, r.num) | meta)
    return LoadResult(finish(records), q.frame(), excluded)


def load_hnks_subdimensions(path: Path, source: str = "papi_hnks_2011_2024") -> LoadResult:
    """PAPI sub-dimensions 2011-2024 (hnks compilation). Columns ``SCxy`` are positions in that
    year's layout (so 2011-2017 columns are mapped by the pre-2018 layouts, see SOURCES.md)."""
    sc_cols = [f"SC{d}{p}" for d in range(1, 9) for p in range(1, 5)]
    df = read_raw_csv(path, ["year", "province_code_hnks", "province_name"], optional=sc_cols)
    q = Quarantine(source, path)
    df["code"] = province_codes(df, "province_name", None, q)
    records, excluded = [], {}
    present = [c for c in sc_cols if c in df.columns]
    parsed = {c: numbers(df, c, q) for c in present}
    for i, r in enumerate(df.itertuples(index=False)):
        if r.code is None or str(r.code) == "<NA>":
            continue
        year = int(r.year)
        for col in present:
            v = parsed[col].iloc[i]
            dim, pos = int(col[2]), int(col[3])
            meta = _subdimension_row(year, dim, pos, None)
            if np.isnan(v):
                if meta is not None:
                    excluded["blank in source (no data)"] = excluded.get("blank in source (no data)", 0) + 1
                continue
            if meta is None:
                q.add(r.line_no, col, v, f"value in a column that is not a sub-dimension in {year}")
                continue
            records.append(_base(source, "compiled_table", path, r.line_no, str(r.code), year, float(v)) | meta)
    return LoadResult(finish(records), q.frame(), excluded)


_SCALE = re.compile(r"^\s*(-?[\d.,]+)\s*%?\s*-\s*([\d.,]+)\s*(%|điểm|VND)?")


def _indicator_row(r, share_scale: dict, sub_heading: str) -> dict:
    """Panel fields of one PAPI survey indicator row: code, labels, scale and unit as printed.
    "Phương sai" rows are variances (no scale); "thay đổi" rows are changes (may be negative)."""
    label = r.label_vi.strip().rstrip("*").strip()
    digest = hashlib.sha1(label.encode("utf-8")).hexdigest()[:6]
    slug = slugify(label).replace("-", "_")[:48].rstrip("_")
    dim = int(float(r.dimension_no)) if str(r.dimension_no).strip() else 0
    where = sub_heading if sub_heading.startswith(f"{dim}.") else str(dim)
    meta = {
        "component": f"indicator:{where}.{slug}_{digest}",
        "component_label_en": r.label_en or None,
        "component_label_vi": label,
        "scale_min": np.nan,
        "scale_max": np.nan,
        "unit": "as printed",
    }
    scale = (r.scale or "").strip()
    if label.lower().startswith("phương sai"):
        return meta | {"unit": "variance", "scale_min": 0.0}
    m = _SCALE.match(scale.replace("150,000", "150000"))
    if scale.startswith("0%-100%"):
        if share_scale.get((r.year, r.label_vi), False):
            meta |= {"unit": "share", "scale_min": 0.0, "scale_max": 1.0}
        else:
            meta |= {"unit": "percent", "scale_min": 0.0, "scale_max": 100.0}
        if "thay đổi" in label.lower():
            meta["scale_min"] = -meta["scale_max"]  # a change between two shares
        return meta
    if m:
        lo, hi = float(m.group(1).replace(",", "")), float(m.group(2).replace(",", ""))
        unit = "VND" if m.group(3) == "VND" else "points"
        return meta | {"unit": unit, "scale_min": lo, "scale_max": hi}
    return meta
