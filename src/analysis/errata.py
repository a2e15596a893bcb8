"""Reviewed corrections to raw values, applied in code from ``data/raw/errata/errata.csv``.

Each erratum names the source, file, line and column, the value printed there (``old_value``),
the corrected value and the evidence. A raw file is never edited."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from . import config
from .sources.base import SourceFormatError

ERRATA_COLUMNS = [
    "errata_id",
    "source",
    "file",
    "line",
    "province_code",
    "year",
    "column",
    "old_value",
    "new_value",
    "evidence",
    "reviewed",
]


def load_errata(path: Path | None = None) -> pd.DataFrame:
    """The errata table (one row per corrected cell)."""
    path = Path(path or config.ERRATA_PATH)
    if not path.exists():
        return pd.DataFrame(columns=ERRATA_COLUMNS)
    df = pd.read_csv(path, dtype=str, keep_default_na=False)
    missing = set(ERRATA_COLUMNS) - set(df.columns)
    if missing:
        raise SourceFormatError(f"{path}: missing column(s) {sorted(missing)}")
    df["line"] = df["line"].astype(int)
    df["old_value"] = df["old_value"].astype(float)
    df["new_value"] = df["new_value"].astype(float)
    return df


def apply_errata(rows: pd.DataFrame, errata: pd.DataFrame) -> pd.DataFrame:
    """Replace the value of each erratum's row (matched on source, file, line and source column,
    recorded in ``note`` as ``column <name>``), set ``correction`` to the errata id and say so in
    ``note``. Raises if an erratum matches no row or its ``old_value`` is not what the row holds
    (a stale erratum must be reviewed, not silently skipped)."""
    rows = rows.copy()
    for e in errata.itertuples(index=False):
        hit = (
            (rows["source"] == e.source)
            & (rows["raw_file"] == e.file)
            & (rows["raw_line"] == e.line)
            & (rows["note"] == f"column {e.column}")
        )
        if hit.sum() != 1:
            raise SourceFormatError(f"errata {e.errata_id}: matches {int(hit.sum())} rows in {e.file} line {e.line}")
        idx = rows.index[hit][0]
        if not np.isclose(rows.at[idx, "value"], e.old_value, atol=1e-9, rtol=0):
            raise SourceFormatError(
                f"errata {e.errata_id}: {e.file} line {e.line} holds {rows.at[idx, 'value']}, not {e.old_value}"
            )
        rows.at[idx, "value"] = e.new_value
        rows.at[idx, "correction"] = e.errata_id
        rows.at[idx, "note"] = f"column {e.column}; corrected by {e.errata_id} (printed {e.old_value})"
    return rows
