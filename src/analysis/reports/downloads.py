"""Files a reader downloads: CSV written at published precision (the figures' own rule,
:func:`analysis.figures.export.publishable`) with a UTF-8 byte-order mark, so Excel shows
Vietnamese names correctly and no value carries float noise."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..figures.export import CSV_DECIMALS, publishable


def write_csv(df: pd.DataFrame, path: str | Path, digits: int = CSV_DECIMALS) -> Path:
    """Write ``df`` as CSV (UTF-8 with BOM; floats rounded to ``digits`` decimals, whole-number
    columns such as ranks and years as integers) atomically; returns the path."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    publishable(df, digits).to_csv(tmp, index=False, encoding="utf-8-sig")
    tmp.replace(path)
    return path
