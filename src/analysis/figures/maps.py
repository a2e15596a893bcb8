"""Choropleth maps of Vietnam's provinces (63 before July 2025, 34 after), drawn from the shipped
GeoJSON with matplotlib alone. Hoàng Sa and Trường Sa are drawn in place and named, as
Vietnamese publications do; every map carries the boundary attribution."""

from __future__ import annotations

import matplotlib as mpl
import matplotlib.patches as mpatches
import numpy as np
import pandas as pd
from matplotlib.collections import PolyCollection
from matplotlib.figure import Figure

from ..i18n import catalogue, check_language
from .geo import ARCHIPELAGO_LON, shapes
from .style import (
    BAND_COLOURS,
    MIN_FONT_PT,
    MISSING,
    MISSING_HATCH,
    SEQUENTIAL,
    SINGLE_COLUMN_CM,
    decorate,
    figure,
    number_formatter,
)


def _colours(values: pd.Series, cmap: str, categories: dict[str, str] | None):
    if categories is not None:
        return {k: categories.get(str(v), MISSING) for k, v in values.items() if pd.notna(v)}, None
    finite = values.dropna()
    norm = mpl.colors.Normalize(finite.min(), finite.max())
    cm = mpl.colormaps[cmap]
    return {k: cm(norm(v)) for k, v in finite.items()}, mpl.cm.ScalarMappable(norm=norm, cmap=cm)


def _draw(ax, rings_by_code, colours) -> None:
    filled, fill_cols, empty = [], [], []
    islands = []
    for code, rings in rings_by_code.items():
        for ring in rings:
            if ring[:, 0].min() > ARCHIPELAGO_LON:
                islands.append((ring.mean(axis=0), colours.get(code, MISSING)))
            if code in colours:
                filled.append(ring)
                fill_cols.append(colours[code])
            else:
                empty.append(ring)
    ax.add_collection(PolyCollection(filled, facecolors=fill_cols, edgecolors="white", linewidths=0.25))
    ax.add_collection(
        PolyCollection(empty, facecolors=MISSING, edgecolors="#9a9a9a", linewidths=0.25, hatch=MISSING_HATCH)
    )
    # The archipelagos' islands are too small to see at article size: mark each with a dot in its
    # province's colour.
    if islands:
        xy = np.array([c for c, _ in islands])
        ax.scatter(
            xy[:, 0], xy[:, 1], s=4, c=[col for _, col in islands], edgecolors="#555555", linewidths=0.2, zorder=3
        )


def choropleth(
    values: pd.Series,
    title: str,
    source: str,
    legend_label: str,
    kind: str = "63",
    categories: dict[str, str] | None = None,
    cmap: str = SEQUENTIAL,
    width_cm: float = SINGLE_COLUMN_CM * 1.3,
    language: str = "vi",
    category_labels: dict[str, str] | None = None,
) -> Figure:
    """Map coloured by ``values`` (index: province code, pre-2025 GSO for ``kind="63"`` or new
    2025 code for ``kind="34"``). Pass ``categories`` ({label: colour}, e.g. ``BAND_COLOURS``) to
    colour by a category instead of a continuous scale. Provinces without a value are grey and
    hatched ("no data"). The offshore archipelagos are drawn in place, marked and named.
    ``category_labels`` ({category: legend text}) names the categories in ``language``; every
    other word (archipelagos, sea, "no data", boundary attribution) comes from its catalogue."""
    cat = catalogue(check_language(language))
    rings = shapes(kind)
    colours, mappable = _colours(values, cmap, categories)
    fig, ax = figure(width_cm, width_cm * 1.25)
    _draw(ax, rings, colours)
    ax.set_xlim(102.0, 115.6)
    ax.set_ylim(7.3, 23.6)
    ax.set_aspect(1 / np.cos(np.deg2rad(16)))
    ax.axis("off")
    ax.text(112.0, 17.35, cat("figures.map.hoang_sa"), fontsize=MIN_FONT_PT, ha="center", va="bottom")
    ax.text(114.4, 11.7, cat("figures.map.truong_sa"), fontsize=MIN_FONT_PT, ha="center", va="bottom")
    ax.text(111.2, 15.0, cat("figures.map.sea"), fontsize=6.5, color="#5a7fa8", style="italic", ha="center")
    handles = []
    if categories is not None:
        names = category_labels or {}
        handles = [mpatches.Patch(color=c, label=names.get(k, k)) for k, c in categories.items()]
    if values.isna().any() or len(colours) < len(rings):
        handles.append(
            mpatches.Patch(facecolor=MISSING, edgecolor="#9a9a9a", hatch=MISSING_HATCH, label=cat("figures.no_data"))
        )
    if handles:
        ax.legend(
            handles=handles,
            title=legend_label if categories is not None else None,
            loc="upper right",
            bbox_to_anchor=(1.0, 0.97),
            frameon=False,
            fontsize=6,
            title_fontsize=6.5,
        )
    if mappable is not None:
        cb = fig.colorbar(mappable, ax=ax, orientation="horizontal", shrink=0.6, pad=0.01, aspect=30)
        cb.set_label(legend_label, fontsize=7)
        cb.ax.xaxis.set_major_formatter(number_formatter(language))
    attribution = cat("figures.map.attribution_63")
    if kind != "63":
        attribution += " " + cat("figures.map.attribution_34")
    return decorate(fig, title, None, source + " " + attribution)


__all__ = ["choropleth", "BAND_COLOURS"]
