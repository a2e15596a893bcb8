"""Chart functions. Each takes tidy data from ``analysis.stats`` and returns a matplotlib Figure
in the project style, with the unit and scale on the axis and missing values shown as "no data"
(never interpolated or coloured as a value). Titles are passed in: they should state the finding."""

from __future__ import annotations

import textwrap

import matplotlib.patches as mpatches
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..components import ERAS
from .style import (
    CONTEXT,
    FULL_WIDTH_CM,
    HIGHLIGHT,
    MISSING,
    MISSING_HATCH,
    PALETTE,
    SEQUENTIAL,
    SINGLE_COLUMN_CM,
    decorate,
    figure,
)


def axis_label(label: str, unit: str, lo: float | None, hi: float | None) -> str:
    """Axis label with unit and scale, e.g. "PAPI total (points, scale 10-80)"."""
    if lo is not None and hi is not None and not (np.isnan(lo) or np.isnan(hi)):
        return f"{label} ({unit}, scale {lo:g}-{hi:g})"
    return f"{label} ({unit})"


def scale_text(df: pd.DataFrame) -> str:
    """Scale(s) of the values, per method era when they differ: "scale 6-60 to 2017, 10-80 from 2018"."""
    eras = (
        df.dropna(subset=["value"])
        .groupby("method_era")
        .agg(first=("year", "min"), last=("year", "max"), lo=("scale_min", "min"), hi=("scale_max", "max"))
        .sort_values("first")
    )
    scales = {(r.lo, r.hi) for r in eras.itertuples()}
    if len(scales) == 1:
        lo, hi = scales.pop()
        return f"scale {lo:g}-{hi:g}"
    starts = {e.code: e.first_year for e in ERAS}
    parts = []
    for k, r in enumerate(eras.itertuples()):
        when = f"to {r.last}" if k == 0 else f"from {starts.get(r.Index, r.first)}"
        parts.append(f"{r.lo:g}-{r.hi:g} {when}")
    return "scale " + ", ".join(parts)


def _era_segments(df: pd.DataFrame):
    """Consecutive runs of one method era, so lines never join values across a break. Each run is
    reindexed to every year it spans, so a missing year leaves a gap in the line (no bridging)."""
    df = df.sort_values("year")
    for _, g in df.groupby((df["method_era"] != df["method_era"].shift()).cumsum()):
        full = range(int(g["year"].min()), int(g["year"].max()) + 1)
        yield g.set_index("year").reindex(full).rename_axis("year").reset_index()


def _mark_breaks(ax, breaks: pd.DataFrame | None, years) -> None:
    if breaks is None or breaks.empty:
        return
    lo, hi = min(years), max(years)
    shown = [r for r in breaks.itertuples() if lo < r.year <= hi]
    for k, r in enumerate(shown):
        ax.axvline(r.year - 0.5, color="#777777", lw=0.8, ls=(0, (4, 2)), zorder=1)
        # Breaks a few years apart (PCI 2006, 2009) would print over each other: step them down.
        close = k > 0 and r.year - shown[k - 1].year <= 4
        ax.text(
            r.year - 0.45,
            0.94 if close and k % 2 else 1.0,
            f"method change {r.year}",
            transform=ax.get_xaxis_transform(),
            fontsize=6,
            color="#555555",
            va="top",
            ha="left",
        )


NO_DATA_NOTE = "× on the axis: no data that year."


def _mark_missing(ax, years_missing, label: bool = True) -> None:
    """Red crosses on the x axis for years without a value (labelled "no data" in the legend)."""
    if len(years_missing) == 0:
        return
    ax.scatter(
        list(years_missing),
        [0.02] * len(years_missing),
        transform=ax.get_xaxis_transform(),
        marker="x",
        color="#b00020",
        s=14,
        lw=1,
        zorder=5,
        clip_on=False,
        label="no data" if label else None,
    )


def trend_chart(
    series: pd.DataFrame,
    national: pd.DataFrame | None,
    region: pd.DataFrame | None,
    breaks: pd.DataFrame | None,
    title: str,
    source: str,
    label: str,
    width_cm: float = FULL_WIDTH_CM,
) -> Figure:
    """A province's series (``province_series``) against the national interquartile band and
    median (``national_distribution``) and its region's mean (``regional_means`` for its region);
    method-era breaks dashed, lines never cross a break, missing years marked "no data"."""
    fig, ax = figure(width_cm, width_cm * 0.55)
    years = series["year"].tolist()
    if national is not None:
        for seg in _era_segments(national.sort_values("year")):
            ax.fill_between(
                seg["year"],
                seg["p25"],
                seg["p75"],
                color="#d9d9d9",
                lw=0,
                zorder=1,
                label="middle half of provinces" if seg is not None else None,
            )
            ax.plot(seg["year"], seg["median"], color=CONTEXT, lw=1, ls="--", zorder=2, label="national median")
    if region is not None and not region.empty:
        for seg in _era_segments(region.sort_values("year")):
            ax.plot(
                seg["year"],
                seg["mean"],
                color=PALETTE[1],
                lw=1,
                ls=":",
                zorder=3,
                label=f"{region['region'].iloc[0]} (mean)",
            )
    observed = series.dropna(subset=["value"])
    for seg in _era_segments(observed):
        ax.plot(
            seg["year"], seg["value"], color=HIGHLIGHT, marker="o", ms=3, zorder=4, label=series["province"].iloc[0]
        )
    _mark_breaks(ax, breaks, years)
    _mark_missing(ax, series.loc[series["missing"], "year"])
    handles, labels = ax.get_legend_handles_labels()
    uniq = dict(zip(labels, handles))
    ax.legend(
        uniq.values(), uniq.keys(), frameon=False, loc="upper left", ncols=2, fontsize=6.5, bbox_to_anchor=(0, -0.12)
    )
    unit = observed["unit"].iloc[0] if len(observed) else ""
    ax.set_ylabel(f"{label} ({unit})")
    ax.set_xticks(years[:: max(1, len(years) // 8)] if len(years) > 14 else years)
    ax.set_xlim(min(years) - 0.5, max(years) + 0.5)
    subtitle = f"{unit.capitalize()}, {scale_text(observed)}. Lines stop at method changes and at years without data."
    return decorate(fig, title, subtitle, source)


def small_multiples(
    data: pd.DataFrame,
    facet: str,
    title: str,
    source: str,
    ylabel: str,
    col_wrap: int = 4,
    breaks: pd.DataFrame | None = None,
    years=None,
    width_cm: float = FULL_WIDTH_CM,
) -> Figure:
    """One small panel per value of ``facet`` (e.g. ``province`` or ``component_label_en``) with
    year on x and value on y (shared axis). Each facet's missing years are marked "no data";
    lines do not cross method eras."""
    facets = list(dict.fromkeys(data[facet]))
    ncols = min(col_wrap, len(facets))
    nrows = int(np.ceil(len(facets) / ncols))
    fig, axes = figure(width_cm, 3.6 * nrows + 1.6, nrows=nrows, ncols=ncols, sharex=True, sharey=True, squeeze=False)
    all_years = sorted(years or data["year"].unique())
    for ax, name in zip(axes.flat, facets):
        g = data[data[facet] == name].sort_values("year")
        for seg in _era_segments(g.dropna(subset=["value"])):
            ax.plot(seg["year"], seg["value"], color=HIGHLIGHT, marker="o", ms=2)
        missing = sorted(set(all_years) - set(g.dropna(subset=["value"])["year"]))
        _mark_missing(ax, missing, label=False)
        _mark_breaks(ax, breaks, all_years)
        ax.set_title(textwrap.fill(str(name), 28), loc="left", fontsize=6.5)
    for ax in list(axes.flat)[len(facets) :]:
        ax.set_visible(False)
    fig.supylabel(ylabel, fontsize=7)
    return decorate(fig, title, None, f"{NO_DATA_NOTE} {source}")


def bump_chart(
    ranks: pd.DataFrame, provinces: list[str], title: str, source: str, label: str, width_cm: float = FULL_WIDTH_CM
) -> Figure:
    """Rank over years (``rank_within_year``) for the given province codes; rank 1 at the top.
    The y label says ranks are out of the provinces scored each year; a missing year breaks the line."""
    fig, ax = figure(width_cm, width_cm * 0.55)
    years = sorted(ranks["year"].unique())
    labels = []
    for i, code in enumerate(provinces):
        g = ranks[ranks["province_code"] == code].set_index("year").reindex(years)
        colour = PALETTE[i % len(PALETTE)]
        ax.plot(years, g["rank"], marker="o", ms=3, color=colour, lw=2.2 if i == 0 else 1.2)
        last = g["rank"].last_valid_index()
        if last is not None:
            name = ranks.loc[ranks["province_code"] == code, "province"].iloc[0]
            labels.append([float(g.loc[last, "rank"]), last, f"{name} ({int(g.loc[last, 'rank'])})", colour])
    n = ranks.groupby("year")["n_ranked"].first()
    gap = (n.max() + 1) / 22  # keep end labels at least one text line apart
    labels.sort()
    for k in range(1, len(labels)):
        labels[k][0] = max(labels[k][0], labels[k - 1][0] + gap)
    for y, x, text, colour in labels:
        ax.text(x + 0.25, y, text, color=colour, va="center", fontsize=6.5)
    ax.invert_yaxis()
    ax.set_ylim(n.max() + 1, 0)
    ax.set_ylabel(
        f"{label} rank (1 = best, of {n.min()}-{n.max()} scored)"
        if n.min() != n.max()
        else f"{label} rank (1 = best, of {n.max()} scored)"
    )
    ax.set_xticks(years)
    ax.set_xlim(min(years) - 0.5, max(years) + 2.5)
    return decorate(fig, title, None, source)


def slope_chart(
    change: pd.DataFrame,
    highlight: list[str],
    title: str,
    source: str,
    label: str,
    unit: str,
    width_cm: float = SINGLE_COLUMN_CM,
    n_missing: int = 0,
) -> Figure:
    """Values in two years (``window_change``) for every province, grey, with ``highlight``
    province codes in colour and labelled. ``n_missing`` provinces lacking a year are named in
    the note under the axis."""
    fig, ax = figure(width_cm, width_cm * 1.1)
    start, end = int(change["start"].iloc[0]), int(change["end"].iloc[0])
    for r in change.itertuples():
        ax.plot([0, 1], [r.value_start, r.value_end], color=CONTEXT, lw=0.5, alpha=0.6, zorder=1)
    for i, code in enumerate(highlight):
        r = change[change["province_code"] == code]
        if r.empty:
            continue
        r = r.iloc[0]
        colour = PALETTE[i % len(PALETTE)]
        ax.plot([0, 1], [r["value_start"], r["value_end"]], color=colour, lw=2, marker="o", ms=3, zorder=3)
        ax.text(1.04, r["value_end"], f"{r['province']} {r['value_end']:.1f}", color=colour, va="center", fontsize=6.5)
        ax.text(-0.04, r["value_start"], f"{r['value_start']:.1f}", color=colour, va="center", ha="right", fontsize=6.5)
    ax.set_xticks([0, 1], [str(start), str(end)])
    ax.set_xlim(-0.3, 1.6)
    ax.set_ylabel(f"{label} ({unit})")
    ax.grid(False)
    note = f"{len(change)} provinces with both years" + (f"; {n_missing} without data not shown" if n_missing else "")
    return decorate(fig, title, note, source)


def heatmap(
    wide: pd.DataFrame,
    title: str,
    source: str,
    colorbar_label: str,
    highlight: str | None = None,
    width_cm: float = FULL_WIDTH_CM,
    cmap: str = SEQUENTIAL,
) -> Figure:
    """Province x year heatmap from a wide table (rows = provinces, columns = years). Missing
    cells are drawn grey and hatched with a "no data" legend entry, never coloured as a value."""
    fig, ax = figure(width_cm, max(8.0, 0.33 * len(wide) + 3.0))
    values = np.ma.masked_invalid(wide.to_numpy(float))
    mesh = ax.pcolormesh(
        np.arange(wide.shape[1] + 1), np.arange(wide.shape[0] + 1), values, cmap=cmap, edgecolors="white", linewidth=0.3
    )
    for i, j in zip(*np.where(values.mask)):
        ax.add_patch(
            mpatches.Rectangle((j, i), 1, 1, facecolor=MISSING, edgecolor="#b0b0b0", hatch=MISSING_HATCH, lw=0.3)
        )
    ax.set_xticks(np.arange(wide.shape[1]) + 0.5, [str(c) for c in wide.columns], rotation=90)
    ax.set_yticks(np.arange(wide.shape[0]) + 0.5, list(wide.index), fontsize=5.5)
    if highlight is not None and highlight in wide.index:
        k = list(wide.index).index(highlight)
        ax.get_yticklabels()[k].set_fontweight("bold")
        ax.add_patch(mpatches.Rectangle((0, k), wide.shape[1], 1, fill=False, edgecolor="black", lw=1.0))
    ax.invert_yaxis()
    ax.grid(False)
    ax.tick_params(length=0)
    cb = fig.colorbar(mesh, ax=ax, shrink=0.4, aspect=25, pad=0.01)
    cb.set_label(colorbar_label, fontsize=7)
    if values.mask.any():
        ax.legend(
            handles=[mpatches.Patch(facecolor=MISSING, edgecolor="#b0b0b0", hatch=MISSING_HATCH, label="no data")],
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            frameon=False,
            fontsize=6.5,
        )
    return decorate(fig, title, None, source)


def dimension_profile_chart(
    profile: pd.DataFrame, province: str, title: str, source: str, width_cm: float = FULL_WIDTH_CM
) -> Figure:
    """A province's dimension scores (``dimension_profile``) as dots against the national median
    (tick) and interquartile range (bar); an unscored dimension is labelled "no data"."""
    fig, ax = figure(width_cm, 1.1 * len(profile) + 3.5)
    y = np.arange(len(profile))
    ax.hlines(y, profile["p25"], profile["p75"], color="#cccccc", lw=6, label="middle half of provinces", zorder=1)
    ax.scatter(profile["median"], y, marker="|", s=120, color="#555555", label="national median", zorder=2)
    ok = profile["value"].notna()
    ax.scatter(profile.loc[ok, "value"], y[ok], color=HIGHLIGHT, s=28, zorder=3, label=province)
    for yy in y[~ok.to_numpy()]:
        ax.text(profile["median"].iloc[yy], yy + 0.3, "no data", fontsize=6, color="#b00020", ha="center")
    ax.set_yticks(y, [f"{n}. {lab}" for n, lab in zip(profile["dimension_no"], profile["label"])])
    ax.invert_yaxis()
    ax.set_xlabel("Dimension score (points, scale 1-10)")
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, fontsize=6.5)
    return decorate(fig, title, None, source)
