"""PAR INDEX and SIPAS as reported in the press (partial; lower confidence than any table).

Two press files (``press_par_sipas`` and ``press_par_sipas_more``) report the same cells. Each
loader reads one file into *reports* (one per stated value or rank) and deduplicates them; the build
then merges the reports of all press files with :func:`merge_press`. Corroborating reports of the
same value, in any file, become one row: ``n_reports`` counts them, ``note`` names the other
reports' ``file:lines`` and ``other_urls`` their pages (``|``-separated); ``source``, ``raw_file``,
``raw_line``, ``source_url`` and ``quote`` are the first report's (files in ``SOURCE_PRIORITY``
order, then line order). Different values for the same cell are kept side by side with
``conflict = True``, never averaged."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from ..components import INDEX_LABELS, method_era
from ..provinces import UnknownProvinceError, resolve
from .base import PANEL_COLUMNS, LoadResult, Quarantine, finish, numbers, read_raw_csv, rel

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
    """One row per distinct (index, component, level, place, year, value) of this file; components
    ``total`` (percent of the maximum score, 0-100) and ``rank`` (1..rank_of). A raw row with a rank
    but no value gives only a ``rank`` row. ``LoadResult.reports`` keeps one row per report (before
    deduplication) for :func:`merge_press`."""
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
    reports = finish(reports)
    return LoadResult(deduplicate(reports), q.frame(), {}, reports=reports)


CELL = ["index", "component", "level", "_p", "_r", "year"]


def merge_press(results: list[LoadResult]) -> pd.DataFrame:
    """Merge the reports of several press files (in priority order) into one set of panel rows,
    as :func:`deduplicate` does within one file: corroborations across files are counted in one
    row, different values for a cell are all kept with ``conflict = True``."""
    reports = [r.reports for r in results if r.reports is not None and not r.reports.empty]
    if not reports:
        return finish([])
    return deduplicate(pd.concat(reports, ignore_index=True))


def deduplicate(reports: pd.DataFrame) -> pd.DataFrame:
    """One row per (cell, value) from report rows (one per stated value or rank, ``n_reports`` 1),
    in the order given (the first report of a value gives the row's source, line, URL and quote)."""
    if reports.empty:
        return reports.copy()
    keyed = reports.reset_index(drop=True).assign(
        _p=reports["province_code"].fillna("").to_numpy(),
        _r=reports["region"].fillna("").to_numpy(),
        _order=np.arange(len(reports)),
    )
    out = []
    for _, g in keyed.groupby(CELL + ["value"], sort=False, dropna=False):
        g = g.sort_values("_order")
        row = g.iloc[0].to_dict()
        others = g.iloc[1:]
        row["n_reports"] = int(g["n_reports"].sum())
        if len(others):
            by_file = [
                f"{f}:{','.join(str(int(x)) for x in sorted(lines))}"
                for f, lines in others.groupby("raw_file", sort=False)["raw_line"]
            ]
            row["note"] = f"{row['note']} Corroborated by {'; '.join(by_file)}.".strip()
            urls = [u for u in dict.fromkeys(others["source_url"].dropna()) if u and u != row["source_url"]]
            row["other_urls"] = "|".join(urls) if urls else pd.NA
        out.append(row)
    rows = pd.DataFrame(out)
    rows["conflict"] = rows.groupby(CELL)["value"].transform("nunique") > 1
    return rows[PANEL_COLUMNS].reset_index(drop=True)
