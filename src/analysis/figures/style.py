"""The project's one figure style: fonts that render Vietnamese, a colour-blind-safe palette,
article sizes and the title / source-line layout."""

from __future__ import annotations

import textwrap
from functools import lru_cache

import matplotlib.pyplot as plt
import numpy as np
import seaborn as sns
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter, FuncFormatter

from ..i18n import catalogue, check_language, fmt_num

SINGLE_COLUMN_CM = 8.5
FULL_WIDTH_CM = 17.0
WIDTHS = {"column": SINGLE_COLUMN_CM, "full": FULL_WIDTH_CM}
MIN_FONT_PT = 6.0  # nothing smaller at column width
# Height of a text line in font sizes: DejaVu Sans ascent + descent (~1.17 em) x matplotlib's 1.2 spacing.
LINE_HEIGHT = 1.42
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


def width_cm(width: str | float) -> float:
    """Figure width in cm for ``"column"`` (8.5 cm), ``"full"`` (17 cm) or a number of cm."""
    if isinstance(width, (int, float)):
        return float(width)
    try:
        return WIDTHS[width]
    except KeyError:
        raise ValueError(f"unknown width {width!r}; choose one of: {', '.join(WIDTHS)}") from None


def check_width(width: str) -> str:
    """``width`` if it is ``"column"`` or ``"full"``, else a one-line ``ValueError``."""
    width_cm(width)
    return width


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
            # FreeType's forced auto-hinter costs a fifth of a report's time; at 200-300 dpi the
            # unhinted glyphs look the same (matplotlib's own image tests draw text unhinted).
            "text.hinting": "no_hinting",
        }
    )


def source_line(indices, years: str | None = None, extra: str | None = None, language: str = "vi") -> str:
    """Credit line in ``language``: publisher and dataset of each index, years, any ``extra`` note
    and the analysis credit, e.g. "Nguồn: UNDP, CECODES, VFF-CRT, RTA – PAPI 2011–2024; xử lý: ..."."""
    cat = catalogue(check_language(language))
    names = "; ".join(cat(f"figures.source.{i}") if cat.has(f"figures.source.{i}") else str(i) for i in indices)
    parts = [cat("figures.source.line", sources=f"{names}{' ' + years if years else ''}")]
    if extra:
        parts.append(extra)
    parts.append(cat("figures.source.credit"))
    return "; ".join(parts) + "."


class LocaleFormatter(Formatter):
    """Tick labels in the language's number convention (Vietnamese 47,5 and 1.234; English 47.5
    and 1,234), with as many decimals as the tick spacing needs (at most ``max_digits``) and the
    same number on every tick of an axis."""

    def __init__(self, language: str = "vi", max_digits: int = 2, suffix: str = ""):
        self.language = check_language(language)
        self.max_digits = max_digits
        self.suffix = suffix
        self.digits = 0

    def set_locs(self, locs):
        super().set_locs(locs)
        finite = [float(v) for v in locs if np.isfinite(v)]
        self.digits = 0
        for d in range(self.max_digits + 1):
            self.digits = d
            if all(abs(v * 10**d - round(v * 10**d)) < 1e-6 for v in finite):
                break

    def __call__(self, x, pos=None):
        return fmt_num(x, self.language, self.digits) + self.suffix


def number_formatter(language: str = "vi", max_digits: int = 2, suffix: str = "") -> LocaleFormatter:
    """A matplotlib tick formatter writing numbers with :func:`analysis.i18n.fmt_num`."""
    return LocaleFormatter(language, max_digits, suffix)


def year_formatter() -> FuncFormatter:
    """Years as written, without a thousands separator (2018, not 2.018)."""
    return FuncFormatter(lambda x, _pos: f"{int(round(x))}")


def figure(width_cm: float = FULL_WIDTH_CM, height_cm: float | None = None, nrows: int = 1, ncols: int = 1, **kw):
    """A styled figure of article width (``SINGLE_COLUMN_CM`` or ``FULL_WIDTH_CM``) with
    constrained layout and room for a title block and source line. Returns (fig, axes)."""
    set_style()
    height_cm = height_cm or width_cm * 0.62
    fig, axes = plt.subplots(nrows, ncols, figsize=(width_cm * CM, height_cm * CM), layout="constrained", **kw)
    return fig, axes


def wrap(text: str, fig: Figure, fontsize: float) -> str:
    """Wrap ``text`` to the figure's width (DejaVu Sans Bold averages ~0.62 em per letter, digits
    ~0.7 em: 0.68 keeps a title with numbers inside the figure)."""
    chars = max(20, int(fig.get_figwidth() * 72 * 0.98 / (fontsize * 0.68)))
    return "\n".join(textwrap.wrap(text, chars))


def decorate(fig: Figure, title: str, subtitle: str | None, source: str) -> Figure:
    """Title (states the finding; bold, wrapped to the figure width), optional subtitle (unit,
    scale, reading notes) and the source line at the bottom. The constrained layout is given the
    space between them, so nothing overlaps whatever the number of lines."""
    height_pt = fig.get_figheight() * 72
    # A column-wide figure gets a slightly smaller title, so it wraps to fewer lines.
    title_size = plt.rcParams["figure.titlesize"] if fig.get_figwidth() > 12 * CM else 8.5
    title = wrap(title, fig, title_size)
    top_pt = 4 + (title.count("\n") + 1) * title_size * LINE_HEIGHT
    fig.text(0.01, 1 - 4 / height_pt, title, ha="left", va="top", fontsize=title_size, fontweight="bold")
    if subtitle:
        subtitle = wrap(subtitle, fig, 7)
        fig.text(0.01, 1 - top_pt / height_pt, subtitle, ha="left", va="top", fontsize=7, color="#444444")
        top_pt += (subtitle.count("\n") + 1) * 7 * LINE_HEIGHT + 2
    source = wrap(source, fig, 6)
    bottom_pt = 4 + (source.count("\n") + 1) * 6 * LINE_HEIGHT
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
