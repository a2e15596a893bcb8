"""Why a province-year has no value: one reason code per missing headline total.

:func:`missing_reasons` lists, for every index, each province-year within the years the index
covers that has no ``total`` (component ``total``, level ``province``, from any source), with a
reason code. The codes, in the order they are tried (the first that applies wins):

``zero_not_reported``
    The raw file has a 0 for that province-year that means "not reported", not a score: the build
    quarantined it as below the scale minimum (PAPI 2022 Bắc Giang and Bắc Ninh; the 2014 Bắc Giang
    and Đồng Tháp PAPI totals, printed as 0.0).
``not_surveyed``
    The source says the province was not surveyed or that the publisher had no data that year:
    ``KCDL`` ("không có dữ liệu") cells in the PAPI workbook (2018 Quảng Ninh, Đồng Tháp); a
    province of the PAPI workbook with no value at all in a year (2023 Quảng Ninh, Bình Dương);
    a blank row ("no data from source") in the PAPI sub-dimension compilation (2021, 2023, 2024);
    PCI 2005, which covered 42 provinces.
``top_rows_only``
    Only the top rows of that year's ranking are available: from PCI 2023 VCCI publishes scores
    only for the top 30 provinces; for PCI 2021 the project holds a 63-province table cut after
    its top rows.
``press_only``
    The index is known only from press reports (PAR INDEX, SIPAS) and no report of this
    province-year's value was found. A missing row never means a low value.
``not_published``
    In no source the project has (the fallback), e.g. PCI 2020 and 2022 outside the few provinces
    whose VCCI pages are stored.

``detail`` is a short English phrase for developers (which raw file or statement gave the
reason); reports translate the reason code themselves.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from . import config
from .components import ERAS
from .provinces import UnknownProvinceError, registry, resolve
from .sources.base import record_lines

REASONS = ("zero_not_reported", "not_surveyed", "top_rows_only", "press_only", "not_published")
COLUMNS = ["index", "province_code", "year", "reason", "detail"]

# What the publishers say about whole years (SOURCES.md); the rest is read from the data.
PUBLISHER_STATEMENTS = (
    # index, first year, last year (None: still), reason, detail
    ("PCI", 2005, 2005, "not_surveyed", "PCI 2005 covered 42 provinces (VCCI workbook, SOURCES.md)"),
    (
        "PCI",
        2023,
        None,
        "top_rows_only",
        "from PCI 2023 VCCI publishes scores only for the top 30 provinces (pcivietnam.vn, SOURCES.md)",
    ),
)
# Sources that hold a ranking cut after its top rows (the stored excerpt of a 63-province table).
TOP_ROWS_SOURCES = {"pci_tables_partial": "only the top rows of a cut 63-province table are in the project"}
_ZERO_REASONS = ("0 below the scale minimum", "value outside the component's scale (value 0 ")
_SOURCE_INDEX = {"papi": "PAPI", "pci": "PCI"}


def load_missing_reasons(panel: pd.DataFrame | None = None) -> pd.DataFrame:
    """:func:`missing_reasons` as the last build wrote it (``data/processed/missing_values.parquet``),
    limited to the years of ``panel`` when given; computed afresh when the file is missing."""
    path = config.MISSING_VALUES
    if path.exists():
        out = pd.read_parquet(path)
    else:
        from .panel import load_panel

        out = missing_reasons(load_panel(level=None))
    if panel is not None and len(panel):
        out = out[out["year"].between(int(panel["year"].min()), int(panel["year"].max()))]
    return out.reset_index(drop=True)


def missing_reasons(
    panel: pd.DataFrame,
    quarantine: pd.DataFrame | None = None,
    markers: pd.DataFrame | None = None,
    raw_dir: Path | None = None,
) -> pd.DataFrame:
    """One row per (index, province_code, year) without a province-level ``total`` within the
    years the index covers, with ``reason`` (one of :data:`REASONS`) and ``detail``.

    Years covered: from the first year of the index's first method era (``components.ERAS``) to
    the last year the panel has for the index. Provinces: those existing that year (Hà Tây until
    2008). ``quarantine`` defaults to ``data/processed/quarantine.csv``; its zero values are traced
    to their province-year through the raw file and line. ``markers`` (columns ``index``,
    ``province_code``, ``year``, ``detail``) are the source's own "no data" marks; by default read
    from the raw files by :func:`not_surveyed_markers`."""
    raw_dir = Path(raw_dir or config.RAW_DIR)
    if quarantine is None:
        path = config.QUARANTINE_CSV
        quarantine = pd.read_csv(path, dtype={"raw_line": "Int64"}, encoding="utf-8-sig") if path.exists() else None
    zeros = _quarantined_zeros(quarantine, raw_dir)
    if markers is None:
        markers = not_surveyed_markers(raw_dir)
    zero_detail = _by_cell(zeros)
    marker_detail = _by_cell(markers)

    prov = panel[(panel["level"] == "province") & panel["province_code"].notna()]
    totals = prov[prov["component"] == "total"]
    have = set(zip(totals["index"], totals["province_code"], totals["year"].astype(int)))
    records = []
    for index in sorted(prov["index"].unique()):
        years = covered_years(panel, index)
        rows = prov[prov["index"] == index]
        press_only = bool(len(rows)) and (rows["confidence"] == "press").all()
        cut = rows[(rows["component"] == "total") & rows["source"].isin(list(TOP_ROWS_SOURCES))]
        top_rows = {int(y): TOP_ROWS_SOURCES[s] for s, y in zip(cut["source"], cut["year"])}
        for year in years:
            for code in provinces_in(year):
                if (index, code, year) in have:
                    continue
                key = (index, code, year)
                statement = _statement(index, year)
                if key in zero_detail:
                    reason, detail = "zero_not_reported", zero_detail[key]
                elif key in marker_detail:
                    reason, detail = "not_surveyed", marker_detail[key]
                elif statement:  # not_surveyed (PCI 2005) before top_rows_only (PCI 2023-)
                    reason, detail = statement
                elif year in top_rows:
                    reason, detail = "top_rows_only", top_rows[year]
                elif press_only:
                    reason, detail = "press_only", "no press report of this value was found"
                else:
                    reason, detail = "not_published", "not in any source the project has"
                records.append(
                    {"index": index, "province_code": code, "year": year, "reason": reason, "detail": detail}
                )
    out = pd.DataFrame(records, columns=COLUMNS)
    return out.sort_values(["index", "year", "province_code"]).reset_index(drop=True)


def covered_years(panel: pd.DataFrame, index: str) -> list[int]:
    """Years an index covers: first year of its first method era to the last year in the panel."""
    firsts = [e.first_year for e in ERAS if e.index == index]
    years = panel.loc[panel["index"] == index, "year"].astype(int)
    if years.empty:
        return []
    first = min(firsts) if firsts else int(years.min())
    return list(range(first, int(years.max()) + 1))


def provinces_in(year: int) -> list[str]:
    """Province codes existing in ``year`` (Hà Tây until its merger into Hà Nội in 2008)."""
    t = registry().table
    until = pd.to_datetime(t["active_until"], errors="coerce").dt.year
    return sorted(t.loc[until.isna() | (until >= year), "province_code"])


def not_surveyed_markers(raw_dir: Path | None = None) -> pd.DataFrame:
    """Province-years the PAPI sources mark as having no data: ``KCDL`` cells and provinces without
    any value in a year of the publisher's workbook; all-blank rows of the sub-dimension compilation."""
    raw_dir = Path(raw_dir or config.RAW_DIR)
    records = []
    workbook = raw_dir / "papi" / "papi_2018_2019_2022_2023_indicators_long.csv"
    if workbook.exists():
        w = pd.read_csv(
            workbook,
            dtype=str,
            keep_default_na=False,
            usecols=["year", "province_code_gso", "value", "value_text_flag"],
        )
        w["province_code"] = w["province_code_gso"].str.zfill(2)
        for (year, code), g in w.groupby(["year", "province_code"]):
            if (g["value_text_flag"] == "KCDL").any():
                n = int((g["value_text_flag"] == "KCDL").sum())
                detail = f"{n} cells marked KCDL (no data) in the PAPI workbook"
            elif (g["value"] == "").all():
                detail = "no value at all for the province in the PAPI workbook"
            else:
                continue
            records.append({"index": "PAPI", "province_code": code, "year": int(year), "detail": detail})
    hnks = raw_dir / "papi" / "papi_subdimensions_2011_2024_hnks_wide.csv"
    if hnks.exists():
        h = pd.read_csv(hnks, dtype=str, keep_default_na=False)
        sub = [c for c in h.columns if c.startswith("SC")]
        for r in h[(h[sub] == "").all(axis=1)].itertuples(index=False):
            try:
                code = resolve(r.province_name)
            except UnknownProvinceError:
                continue
            records.append(
                {
                    "index": "PAPI",
                    "province_code": code,
                    "year": int(r.year),
                    "detail": "blank row in the PAPI sub-dimension compilation (no data from source)",
                }
            )
    out = pd.DataFrame(records, columns=["index", "province_code", "year", "detail"])
    # The publisher's own workbook first, where both sources mark a province-year.
    return out.drop_duplicates(["index", "province_code", "year"], keep="first").reset_index(drop=True)


def _quarantined_zeros(quarantine: pd.DataFrame | None, raw_dir: Path) -> pd.DataFrame:
    """Quarantined zeros that mean "not reported", traced to (index, province_code, year)."""
    cols = ["index", "province_code", "year", "detail"]
    if quarantine is None or quarantine.empty:
        return pd.DataFrame(columns=cols)
    q = quarantine[quarantine["reason"].astype(str).str.startswith(_ZERO_REASONS)]
    q = q[pd.to_numeric(q["value"], errors="coerce") == 0]
    records = []
    for raw_file, g in q.groupby("raw_file"):
        path = raw_dir / str(raw_file)
        if not path.exists():
            continue
        raw = pd.read_csv(path, dtype=str, keep_default_na=False)
        raw["line_no"] = record_lines(path, len(raw))
        raw = raw.set_index("line_no")
        code_col = next((c for c in ("province_code_gso", "province_gso_code") if c in raw.columns), None)
        if code_col is None or "year" not in raw.columns:
            continue
        for r in g.itertuples(index=False):
            if int(r.raw_line) not in raw.index:
                continue
            line = raw.loc[int(r.raw_line)]
            index = line["index"] if "index" in raw.columns else _SOURCE_INDEX.get(str(r.source).split("_")[0])
            if index is None:
                continue
            records.append(
                {
                    "index": index,
                    "province_code": str(line[code_col]).zfill(2),
                    "year": int(line["year"]),
                    "detail": f"0 meaning 'not reported' in {raw_file} (quarantined, line {int(r.raw_line)})",
                }
            )
    return pd.DataFrame(records, columns=cols)


def _by_cell(frame: pd.DataFrame) -> dict[tuple[str, str, int], str]:
    """First detail per (index, province_code, year)."""
    out: dict[tuple[str, str, int], str] = {}
    for r in frame.itertuples(index=False):
        out.setdefault((r.index, r.province_code, int(r.year)), r.detail)
    return out


def _statement(index: str, year: int) -> tuple[str, str] | None:
    for idx, first, last, reason, detail in PUBLISHER_STATEMENTS:
        if idx == index and year >= first and (last is None or year <= last):
            return reason, detail
    return None


def gap_summary(gaps: pd.DataFrame, exclude: tuple[str, ...] = ("press_only",)) -> pd.DataFrame:
    """Per index, year and reason: how many provinces have no total, and which (by name). Used by
    ``reform build``; ``press_only`` is left out by default (all but a few provinces each year)."""
    names = dict(zip(registry().table["province_code"], registry().table["province"]))
    sub = gaps[~gaps["reason"].isin(exclude)]
    rows = [
        {
            "index": index,
            "year": int(year),
            "reason": reason,
            "n_missing": len(g),
            "missing": ", ".join(names[c] for c in g["province_code"]),
        }
        for (index, year, reason), g in sub.groupby(["index", "year", "reason"], sort=True)
    ]
    return pd.DataFrame(rows, columns=["index", "year", "reason", "n_missing", "missing"])
