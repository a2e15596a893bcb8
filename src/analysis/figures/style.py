"""The project's one figure style: fonts that render Vietnamese, a colour-blind-safe palette,
article sizes and the title / source-line layout."""

from __future__ import annotations

import textwrap
from functools import lru_cache

import matplotlib.pyplot as plt
import seaborn as sns
from matplotlib import font_manager
from matplotlib.figure import Figure

SINGLE_COLUMN_CM = 8.5
FULL_WIDTH_CM = 17.0
CM = 1 / 2.54
FONT = "DejaVu Sans"  # covers every Vietnamese letter; many fonts (e.g. STIXGeneral) lack ả ắ ế ỉ ị ố ồ ừ
SVG_HASHSALT = "reform-analysis"

# Okabe-Ito: distinguishable under the common colour-vision deficiencies.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
HIGHLIGHT = "#0072B2"
CONTEXT = "#9a9a9a"
MISSING = "#e6e6e6"
MISSING_HATCH = "////"
# PAPI-style quartile bands, from a diverging colour-blind-safe scheme (ColorBrewer PuOr).
BAND_COLOURS = {"top": "#542788", "high-average": "#b2abd2", "low-average": "#fdb863", "bottom": "#b35806"}
SEQUENTIAL = "viridis"

SOURCE_NAMES = {
    "PAPI": "UNDP, CECODES, VFF-CRT, RTA: PAPI",
    "PCI": "VCCI: PCI",
    "PAR_INDEX": "Ministry of Home Affairs: PAR INDEX as reported in the press",
    "SIPAS": "Ministry of Home Affairs: SIPAS as reported in the press",
}
CREDIT = "analysis: reform-analysis toolkit"


def set_style() -> None:
    """Apply the project style to matplotlib and seaborn (idempotent)."""
    sns.set_theme(style="ticks", palette=PALETTE, font=FONT)
    plt.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [FONT],
            "font.size": 7.5,
            "axes.titlesize": 8,
            "axes.labelsize": 7.5,
            "xtick.labelsize": 7,
            "ytick.labelsize": 7,
            "legend.fontsize": 7,
            "figure.titlesize": 9.5,
            "axes.spines.top": False,
            "axes.spines.right": False,
            "axes.grid": True,
            "axes.grid.axis": "y",
            "grid.color": "#e3e3e3",
            "grid.linewidth": 0.5,
            "lines.linewidth": 1.4,
            "savefig.dpi": 300,
            "svg.hashsalt": SVG_HASHSALT,
            "svg.fonttype": "path",
            "pdf.fonttype": 42,
            "figure.dpi": 100,
        }
    )


def source_line(indices, years: str | None = None, extra: str | None = None) -> str:
    """Credit line, e.g. "Source: UNDP, CECODES, VFF-CRT, RTA: PAPI 2011-2024; analysis: ..."."""
    names = "; ".join(SOURCE_NAMES.get(i, i) for i in indices)
    parts = [f"Source: {names}{' ' + years if years else ''}"]
    if extra:
        parts.append(extra)
    parts.append(CREDIT)
    return "; ".join(parts) + "."


def figure(width_cm: float = FULL_WIDTH_CM, height_cm: float | None = None, nrows: int = 1, ncols: int = 1, **kw):
    """A styled figure of article width (``SINGLE_COLUMN_CM`` or ``FULL_WIDTH_CM``) with
    constrained layout and room for a title block and source line. Returns (fig, axes)."""
    set_style()
    height_cm = height_cm or width_cm * 0.62
    fig, axes = plt.subplots(nrows, ncols, figsize=(width_cm * CM, height_cm * CM), layout="constrained", **kw)
    return fig, axes


def wrap(text: str, fig: Figure, fontsize: float) -> str:
    """Wrap ``text`` to the figure's width (DejaVu Sans Bold averages ~0.62 em per character)."""
    chars = max(20, int(fig.get_figwidth() * 72 / (fontsize * 0.62)))
    return "\n".join(textwrap.wrap(text, chars))


def decorate(fig: Figure, title: str, subtitle: str | None, source: str) -> Figure:
    """Title (states the finding; bold, wrapped to the figure width), optional subtitle (unit,
    scale, reading notes) and the source line at the bottom. The constrained layout is given the
    space between them, so nothing overlaps whatever the number of lines."""
    height_pt = fig.get_figheight() * 72
    title_size = plt.rcParams["figure.titlesize"]
    title = wrap(title, fig, title_size)
    top_pt = 4 + (title.count("\n") + 1) * title_size * 1.25
    fig.text(0.01, 1 - 4 / height_pt, title, ha="left", va="top", fontsize=title_size, fontweight="bold")
    if subtitle:
        subtitle = wrap(subtitle, fig, 7)
        fig.text(0.01, 1 - top_pt / height_pt, subtitle, ha="left", va="top", fontsize=7, color="#444444")
        top_pt += (subtitle.count("\n") + 1) * 7 * 1.3 + 2
    source = wrap(source, fig, 6)
    bottom_pt = 4 + (source.count("\n") + 1) * 6 * 1.3
    fig.text(0.01, 2 / height_pt, source, ha="left", va="bottom", fontsize=6, color="#555555")
    bottom, top = bottom_pt / height_pt, 1 - (top_pt + 4) / height_pt
    fig.get_layout_engine().set(rect=(0, bottom, 1, top - bottom))
    return fig


@lru_cache(maxsize=8)
def _charmap(font_name: str) -> frozenset[int]:
    from matplotlib.ft2font import FT2Font

    path = font_manager.findfont(font_manager.FontProperties(family=font_name), fallback_to_default=False)
    return frozenset(FT2Font(path).get_charmap())


def missing_glyphs(text: str, font_name: str = FONT) -> list[str]:
    """Characters of ``text`` (other than whitespace) that ``font_name`` has no glyph for."""
    have = _charmap(font_name)
    return sorted({ch for ch in text if not ch.isspace() and ord(ch) not in have})
