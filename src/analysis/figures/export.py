"""Deterministic figure export with sidecars an editor can check."""

from __future__ import annotations

import json
import os
from collections.abc import Iterable
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image, PngImagePlugin

from .style import SVG_HASHSALT

CSV_DECIMALS = 2  # published precision of the indices' scores

_METADATA = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def publishable(data: pd.DataFrame, decimals: int = CSV_DECIMALS) -> pd.DataFrame:
    """``data`` as published: float columns rounded to ``decimals`` (no float noise such as
    46.66279220581055), float columns holding only whole numbers (ranks, counts, years) as
    integers; missing values stay missing."""
    out = data.copy()
    for col in out.columns:
        s = out[col]
        if pd.api.types.is_bool_dtype(s) or not pd.api.types.is_float_dtype(s):
            continue
        s = s.astype(float)
        finite = s.dropna()
        if len(finite) and (finite == finite.round()).all():
            out[col] = s.round().astype("Int64")
        else:
            out[col] = s.round(decimals) + 0.0  # + 0.0 turns -0.0 into 0.0
    return out


def _write_png(fig: Figure, path: Path, dpi: int) -> None:
    """``fig`` as a PNG at ``dpi`` (pixels per inch), without a software stamp.
    Why not ``savefig``: with a layout engine it draws the figure twice (a layout pass, then the
    pixels); one canvas draw does both. An opaque figure is written as RGB, which PIL encodes in
    half the time of RGBA, with the same pixels."""
    old_canvas, old_dpi = fig.canvas, fig.dpi
    canvas = FigureCanvasAgg(fig)  # attaches itself to fig; the old canvas is put back below
    try:
        fig.dpi = dpi
        canvas.draw()
        rgba = np.asarray(canvas.buffer_rgba())
        image = Image.fromarray(rgba[..., :3] if rgba[..., 3].min() == 255 else rgba)
        # zlib level 1: a third faster than the default 6 and no larger on flat-colour charts
        image.save(path, format="png", dpi=(dpi, dpi), pnginfo=PngImagePlugin.PngInfo(), compress_level=1)
    finally:
        fig.dpi = old_dpi
        fig.set_canvas(old_canvas)


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
    language: str | None = None,
    width: str | None = None,
) -> dict[str, Path]:
    """Write ``<name>.png`` (``dpi``, default 300), ``.svg`` and ``.pdf``, byte-for-byte identical
    for the same input (no dates or software stamps; fixed SVG hash salt), plus ``<name>.json``
    (caption, alt text, source line, ``language``, ``width``, files) and ``<name>.csv`` (the data
    behind the figure, rounded to published precision by :func:`publishable`, UTF-8 with a byte
    order mark so Excel reads Vietnamese names).
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
        if fmt == "png":
            _write_png(fig, tmp, dpi)
        else:
            fig.savefig(tmp, format=fmt, dpi=dpi, metadata=_METADATA.get(fmt, {}))
        tmp.replace(path)
        written[fmt] = path
    if data is not None:
        path = out_dir / f"{name}.csv"
        tmp = path.with_name(f".{path.name}.tmp")
        publishable(data).to_csv(tmp, index=False, encoding="utf-8-sig", lineterminator="\n")
        tmp.replace(path)
        written["csv"] = path
    sidecar = {
        "name": name,
        "caption": caption,
        "alt_text": alt_text,
        "source": source,
        "language": language,
        "width": width,
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
