"""Shared plumbing for the source loaders: checked CSV reading, number parsing, province
resolution and quarantine records. Loaders turn one raw file into tidy panel rows, nothing else."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from .. import config
from ..provinces import UnknownProvinceError, resolve

PANEL_COLUMNS = [
    "index",
    "component",
    "component_label_en",
    "component_label_vi",
    "level",
    "province_code",
    "region",
    "year",
    "value",
    "scale_min",
    "scale_max",
    "unit",
    "method_era",
    "is_derived",
    "source",
    "confidence",
    "raw_file",
    "raw_line",
    "n_reports",
    "conflict",
    "correction",
    "source_url",
    "other_urls",
    "quote",
    "note",
]
QUARANTINE_COLUMNS = ["source", "raw_file", "raw_line", "column", "value", "reason"]

_PLAIN_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_DECIMAL_COMMA = re.compile(r"^[+-]?\d+,\d+$")


class SourceFormatError(Exception):
    """A structural problem with a raw file (missing, undecodable, missing or unknown columns).
    Stops the build; the message names the file."""


@dataclass
class LoadResult:
    """Output of one loader: panel rows, quarantined raw rows, and counts of rows deliberately
    not loaded (with the reason as key). ``reports`` (press loaders only): one row per report
    before deduplication, for merging several press files (``press.merge_press``)."""

    rows: pd.DataFrame
    quarantine: pd.DataFrame
    excluded: dict[str, int] = field(default_factory=dict)
    reports: pd.DataFrame | None = None


def rel(path: Path) -> str:
    """A raw file's path relative to its raw-data folder (the nearest folder up holding
    ``manifest.json``, normally ``data/raw/``), as errata and quarantine rows name it; so a build
    from another raw folder (``build_panel(raw_dir=...)``) names files the same way."""
    path = Path(path).resolve()
    try:
        return str(path.relative_to(config.RAW_DIR.resolve()))
    except ValueError:
        pass
    for parent in path.parents:
        if (parent / "manifest.json").exists():
            return str(path.relative_to(parent))
    return str(path)


def read_raw_csv(path: Path, required: list[str], optional: list[str] | None = None) -> pd.DataFrame:
    """Read a raw CSV as text. Adds ``line_no`` (1-based line number in the file, header = 1).

    Raises :class:`SourceFormatError` naming the file for a missing file, undecodable bytes,
    missing required columns, or columns that are neither required nor optional."""
    path = Path(path)
    if not path.exists():
        raise SourceFormatError(f"{path}: raw file is missing")
    try:
        df = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise SourceFormatError(f"{path}: not valid UTF-8 text ({exc})") from exc
    except pd.errors.ParserError as exc:
        raise SourceFormatError(f"{path}: cannot parse as CSV ({exc})") from exc
    missing = [c for c in required if c not in df.columns]
    if missing:
        raise SourceFormatError(f"{path}: missing column(s) {missing}; found {list(df.columns)}")
    allowed = set(required) | set(optional or [])
    unknown = [c for c in df.columns if c not in allowed]
    if unknown:
        raise SourceFormatError(f"{path}: unknown column(s) {unknown}; the loader expects {sorted(allowed)}")
    df["line_no"] = record_lines(path, len(df))
    return df


def record_lines(path: Path, n_records: int) -> np.ndarray:
    """The 1-based line of the file on which each of the ``n_records`` data records starts (header
    = line 1). Equals record number + 1 unless a quoted field holds line breaks (the second press
    file has such a quote), in which case the later records start further down the file."""
    with open(path, encoding="utf-8", newline="") as fh:
        text = fh.read()
    n_lines = text.count("\n") + (0 if text.endswith("\n") else 1)
    if n_lines == n_records + 1:
        return np.arange(2, n_records + 2)
    reader = csv.reader(io.StringIO(text, newline=""))
    next(reader, None)
    starts, previous = [], reader.line_num
    for record in reader:
        if record:  # pandas skips blank lines
            starts.append(previous + 1)
        previous = reader.line_num
    if len(starts) != n_records:
        raise SourceFormatError(f"{path}: {len(starts)} CSV records by line count but {n_records} read by pandas")
    return np.array(starts)


def parse_number(text: str) -> float | None:
    """Parse a plain decimal number written with a decimal point. Returns ``None`` for an empty
    cell; raises ``ValueError`` (with a hint for a decimal comma) for anything else."""
    s = str(text).strip()
    if s == "":
        return None
    if _PLAIN_NUMBER.match(s):
        return float(s)
    if _DECIMAL_COMMA.match(s):
        raise ValueError(f"decimal comma in {s!r}: the raw tables use a decimal point")
    raise ValueError(f"not a number: {s!r}")


class Quarantine:
    """Collects raw rows that cannot enter the panel, with the reason."""

    def __init__(self, source: str, path: Path):
        self.source = source
        self.file = rel(path)
        self.records: list[dict] = []

    def add(self, line: int, column: str, value: object, reason: str) -> None:
        self.records.append(
            {
                "source": self.source,
                "raw_file": self.file,
                "raw_line": int(line),
                "column": column,
                "value": "" if value is None else str(value),
                "reason": reason,
            }
        )

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.records, columns=QUARANTINE_COLUMNS)


def numbers(df: pd.DataFrame, column: str, quarantine: Quarantine) -> pd.Series:
    """Parse ``column`` to floats; unparseable cells become NaN and are quarantined."""
    out = np.full(len(df), np.nan)
    for i, (text, line) in enumerate(zip(df[column], df["line_no"])):
        try:
            v = parse_number(text)
        except ValueError as exc:
            quarantine.add(line, column, text, str(exc))
            continue
        out[i] = np.nan if v is None else v
    return pd.Series(out, index=df.index)


def province_codes(df: pd.DataFrame, name_col: str, code_col: str | None, quarantine: Quarantine) -> pd.Series:
    """Resolve each row's province through the registry. When the file also carries a GSO code,
    the name and the code must agree. Unresolvable rows get ``<NA>`` and a quarantine record."""
    cache: dict[tuple[str, str], tuple[str | None, str | None]] = {}
    out = []
    for name, code, line in zip(df[name_col], df[code_col] if code_col else [""] * len(df), df["line_no"]):
        key = (name, code)
        if key not in cache:
            cache[key] = _resolve_pair(name, code)
        resolved, problem = cache[key]
        if problem:
            quarantine.add(line, name_col, name if not code else f"{name} / {code}", problem)
        out.append(resolved)
    return pd.Series(out, index=df.index, dtype="string")


def _resolve_pair(name: str, code: str) -> tuple[str | None, str | None]:
    by_name = None
    if name.strip():
        try:
            by_name = resolve(name)
        except UnknownProvinceError as exc:
            if not code.strip():
                return None, str(exc)
    by_code = None
    if code.strip():
        try:
            by_code = resolve(int(float(code)))
        except (UnknownProvinceError, ValueError):
            return None, f"unknown province code {code!r}"
    if by_name and by_code and by_name != by_code:
        return None, f"name {name!r} resolves to {by_name} but the file gives code {by_code}"
    result = by_code or by_name
    return (result, None) if result else (None, "no province name or code")


def base_row(index: str, source: str, kind: str, path: Path, line: int, code: str, year: int, value: float) -> dict:
    """The fields every province-level panel row from a raw table shares."""
    from ..components import method_era

    return {
        "index": index,
        "level": "province",
        "province_code": code,
        "year": year,
        "value": value,
        "method_era": method_era(index, year),
        "source": source,
        "confidence": kind,
        "raw_file": rel(path),
        "raw_line": line,
    }


def finish(records: list[dict]) -> pd.DataFrame:
    """Turn loader records into a frame with every panel column, in order."""
    df = pd.DataFrame(records)
    for col in PANEL_COLUMNS:
        if col not in df.columns:
            df[col] = pd.NA
    df = df[PANEL_COLUMNS]
    df["n_reports"] = df["n_reports"].fillna(1).astype(int)
    df["conflict"] = df["conflict"].fillna(False).astype(bool)
    df["is_derived"] = df["is_derived"].fillna(False).astype(bool)
    return df
