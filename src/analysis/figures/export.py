"""Deterministic figure export with sidecars an editor can check."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import matplotlib.pyplot as plt
import pandas as pd
from matplotlib.figure import Figure

from .style import SVG_HASHSALT

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def save_figure(
    fig: Figure,
    name: str,
    out_dir: str | Path,
    caption: str,
    alt_text: str,
    data: pd.DataFrame | None = None,
    source: str | None = None,
    formats: Iterable[str] = ("png", "svg", "pdf"),
    dpi: int = 300,
    close: bool = True,
) -> dict[str, Path]:
    """Write ``<name>.png`` (``dpi``, default 300), ``.svg`` and ``.pdf``, byte-for-byte identical
    for the same input (no dates or software stamps; fixed SVG hash salt), plus ``<name>.json``
    (caption, alt text, source line, files) and ``<name>.csv`` (the data behind the figure).
    Each file is written to a temporary name and renamed, so no half-written file is left.
    Returns {kind: path}."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    plt.rcParams["svg.hashsalt"] = SVG_HASHSALT
    os.environ.setdefault("SOURCE_DATE_EPOCH", "0")
    written: dict[str, Path] = {}
    for fmt in formats:
        path = out_dir / f"{name}.{fmt}"
        tmp = path.with_name(f".{path.name}.tmp")
        fig.savefig(tmp, format=fmt, dpi=dpi, metadata=_METADATA.get(fmt, {}))
        tmp.replace(path)
        written[fmt] = path
    if data is not None:
        path = out_dir / f"{name}.csv"
        tmp = path.with_name(f".{path.name}.tmp")
        data.to_csv(tmp, index=False, encoding="utf-8")
        tmp.replace(path)
        written["csv"] = path
    sidecar = {
        "name": name,
        "caption": caption,
        "alt_text": alt_text,
        "source": source,
        "files": {k: p.name for k, p in written.items()},
    }
    path = out_dir / f"{name}.json"
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(sidecar, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    written["json"] = path
    if close:
        plt.close(fig)
    return written
