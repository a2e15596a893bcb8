"""PAR INDEX and SIPAS as reported in the press (partial; lower confidence than any table).

Corroborating reports of the same value become one row (``n_reports`` counts them). Different
values for the same cell are kept side by side with ``conflict = True``, never averaged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..components import INDEX_LABELS, method_era
from ..provinces import UnknownProvinceError, resolve
from .base import LoadResult, Quarantine, finish, numbers, read_raw_csv, rel

REQUIRED = [
    "province",
    "province_vi",
    "province_code_gso",
    "level",
    "year",
    "index",
    "value",
    "unit",
    "rank",
    "rank_of",
    "source_url",
    "quote",
    "language",
    "note",
]


def load_press(path: Path, source: str = "press_par_sipas") -> LoadResult:
    """One row per distinct (index, component, level, place, year, value); components ``total``
    (percent of the maximum score, 0-100) and ``rank`` (1..rank_of)."""
    df = read_raw_csv(path, REQUIRED)
    q = Quarantine(source, path)
    df["num"] = numbers(df, "value", q)
    df["rank_num"] = numbers(df, "rank", q)
    df["rank_of_num"] = numbers(df, "rank_of", q)
    reports = []
    for r in df.itertuples(index=False):
        if r.index not in INDEX_LABELS or r.index not in ("PAR_INDEX", "SIPAS"):
            q.add(r.line_no, "index", r.index, "unknown index for the press file")
            continue
        year = int(r.year)
        code, place = pd.NA, pd.NA
        if r.level == "province":
            try:
                code = resolve(r.province_vi)
            except UnknownProvinceError as exc:
                q.add(r.line_no, "province_vi", r.province_vi, str(exc))
                continue
            if r.province_code_gso.strip() and resolve(int(r.province_code_gso)) != code:
                q.add(
                    r.line_no,
                    "province_code_gso",
                    r.province_code_gso,
                    f"code disagrees with name {r.province_vi!r} ({code})",
                )
                continue
        elif r.level == "region":
            place = r.province_vi
        elif r.level != "national":
            q.add(r.line_no, "level", r.level, "unknown level")
            continue
        en, vi = INDEX_LABELS[r.index]
        common = {
            "index": r.index,
            "level": r.level,
            "province_code": code,
            "region": place,
            "year": year,
            "method_era": method_era(r.index, year),
            "source": source,
            "confidence": "press",
            "raw_file": rel(path),
            "raw_line": r.line_no,
            "source_url": r.source_url,
            "quote": r.quote,
            "note": f"[{r.language}] printed unit: {r.unit}. {r.note}".strip(),
        }
        if not np.isnan(r.num):
            reports.append(
                common
                | {
                    "component": "total",
                    "component_label_en": en,
                    "component_label_vi": vi,
                    "value": r.num,
                    "scale_min": 0.0,
                    "scale_max": 100.0,
                    "unit": "percent",
                }
            )
        if not np.isnan(r.rank_num):
            n = r.rank_of_num if not np.isnan(r.rank_of_num) else np.nan
            reports.append(
                common
                | {
                    "component": "rank",
                    "component_label_en": f"{en}: national rank",
                    "component_label_vi": f"{vi}: xếp hạng",
                    "value": r.rank_num,
                    "scale_min": 1.0,
                    "scale_max": n,
                    "unit": "rank",
                }
            )
    rows = _deduplicate(pd.DataFrame(reports))
    return LoadResult(finish(rows.to_dict("records")), q.frame(), {})


def _deduplicate(reports: pd.DataFrame) -> pd.DataFrame:
    keyed = reports.assign(_p=reports["province_code"].fillna(""), _r=reports["region"].fillna(""))
    cell_key = ["index", "component", "level", "_p", "_r", "year"]
    grouped = keyed.groupby(cell_key + ["value"], sort=False, dropna=False)
    first = grouped.head(1).copy()
    counts = grouped.size().rename("n_reports").reset_index()
    lines = grouped["raw_line"].agg(lambda s: ",".join(map(str, sorted(s)))).rename("lines").reset_index()
    first = first.merge(counts, on=cell_key + ["value"]).merge(lines, on=cell_key + ["value"])
    first["note"] = first["note"] + np.where(
        first["n_reports"] > 1, " Corroborated by lines " + first["lines"] + ".", ""
    )
    n_values = first.groupby(cell_key)["value"].transform("nunique")
    first["conflict"] = n_values > 1
    return first.drop(columns=["_p", "_r", "lines"])
