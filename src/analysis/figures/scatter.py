"""PAPI against PCI across provinces in one year: one point per province, regions coloured, with
the correlation stated in the caption (Pearson r from ``stats.cross_index_correlation``)."""

from __future__ import annotations

import matplotlib.pyplot as plt
import pandas as pd

from .. import stats as st
from ..i18n import catalogue, check_language, fmt_int, fmt_num
from ..provinces import province_table
from .export import save_figure
from .style import CM, PALETTE, check_width, number_formatter, set_style, source_line, width_cm


def papi_pci_scatter_figure(panel, year, out, formats=("png", "svg", "pdf"), dpi=300, *, language="vi", width="full"):
    """Scatter of PAPI total (x, points on its printed scale) against PCI total (y, 0-100) for the
    provinces scored on both in ``year``; returns the written files, or None when fewer than 10
    provinces have both."""
    check_language(language)
    check_width(width)
    cat = catalogue(language)
    set_style()
    a = st.select_preferred(panel, "PAPI")
    b = st.select_preferred(panel, "PCI")
    both = a[a["year"] == year][["province_code", "province", "value"]].merge(
        b[b["year"] == year][["province_code", "value"]], on="province_code", suffixes=("_papi", "_pci")
    )
    if len(both) < 10:
        return None
    table = province_table().set_index("province_code")
    region_col = "region6" if language == "vi" else "region6_en"
    both["region"] = both["province_code"].map(table[region_col])
    corr = st.cross_index_correlation(panel, ("PAPI", "total"), ("PCI", "total"), min_n=10)
    r = corr[corr["year"] == year].iloc[0]
    wcm = width_cm(width)
    fig, ax = plt.subplots(figsize=(wcm * CM, wcm * CM * (0.75 if width == "full" else 0.95)))
    regions = sorted(both["region"].unique())
    for k, reg in enumerate(regions):
        d = both[both["region"] == reg]
        ax.scatter(d["value_papi"], d["value_pci"], s=14, color=PALETTE[k % len(PALETTE)], label=reg, linewidth=0)
    ax.set_xlabel(cat("overview.scatter.x", year=year))
    ax.set_ylabel(cat("overview.scatter.y", year=year))
    ax.xaxis.set_major_formatter(number_formatter(language))
    ax.yaxis.set_major_formatter(number_formatter(language))
    ax.grid(True, axis="both")
    title = cat(
        "overview.scatter.title",
        year=year,
        r=fmt_num(r["pearson_r"], language, 2),
        n=fmt_int(r["n"], language),
    )
    ax.set_title(title, loc="left", wrap=True)
    ax.legend(
        fontsize=6,
        frameon=False,
        loc="upper left",
        bbox_to_anchor=(1.0, 1.0) if width == "full" else (0, -0.18),
        ncol=1 if width == "full" else 2,
    )
    source = source_line(["PAPI", "PCI"], str(year), language=language)
    fig.text(0.01, 0.005, source, fontsize=6, color="#555555", ha="left", va="bottom", wrap=True)
    fig.tight_layout(rect=(0, 0.05, 1, 1))
    data = both.rename(
        columns={
            "province": cat("overview.scatter.col_province"),
            "region": cat("overview.scatter.col_region"),
            "value_papi": cat("overview.scatter.col_papi"),
            "value_pci": cat("overview.scatter.col_pci"),
        }
    ).drop(columns="province_code")
    return save_figure(
        fig,
        "scatter_papi_pci",
        out,
        caption=title,
        alt_text=cat("overview.scatter.alt", year=year, n=fmt_int(r["n"], language)),
        data=pd.DataFrame(data),
        source=source,
        formats=formats,
        dpi=dpi,
        language=language,
        width=width,
    )
