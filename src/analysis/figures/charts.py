"""Chart functions. Each takes tidy data from ``analysis.stats`` and returns a matplotlib Figure
in the project style, with the unit and scale on the axis and missing values shown as "no data"
(never interpolated or coloured as a value). Titles are passed in: they should state the finding.
Every word a chart adds itself ("no data", "national median", era names) comes from the message
catalogue of ``language`` ("vi", the default, or "en"); tick labels follow its number convention."""

from __future__ import annotations

import re
import textwrap

import matplotlib.patches as mpatches
import matplotlib.transforms as mtransforms
import numpy as np
import pandas as pd
from matplotlib.figure import Figure

from ..components import ERAS
from ..i18n import catalogue, check_language, fmt_num
from .style import (
    CONTEXT,
    FULL_WIDTH_CM,
    HIGHLIGHT,
    MIN_FONT_PT,
    MISSING,
    MISSING_HATCH,
    PALETTE,
    SEQUENTIAL,
    SINGLE_COLUMN_CM,
    decorate,
    figure,
    number_formatter,
    year_formatter,
)

NO_DATA_COLOUR = "#b00020"


def _cat(language: str):
    return catalogue(check_language(language))


def unit_text(unit: str, language: str = "vi") -> str:
    """The unit as a reader sees it ("points" -> "điểm" in Vietnamese)."""
    cat = _cat(language)
    return cat(f"figures.unit.{unit}") if cat.has(f"figures.unit.{unit}") else str(unit)


def era_text(code: str, language: str = "vi", index_short: str | None = None) -> str:
    """A method era in words (``era.<code>`` in the catalogue), without the index name prefix
    when ``index_short`` is given (the chart already names the index)."""
    cat = _cat(language)
    text = cat(f"era.{code}") if cat.has(f"era.{code}") else str(code)
    if index_short:
        text = re.sub(rf"^{re.escape(index_short)}(,\s*|\s+with\s+|\s+)", "", text)
    return text


def axis_label(label: str, unit: str, lo: float | None, hi: float | None, language: str = "vi") -> str:
    """Axis label with unit and scale, e.g. "Điểm PAPI (điểm, thang 10–80)"."""
    cat = _cat(language)
    if lo is not None and hi is not None and not (np.isnan(lo) or np.isnan(hi)):
        return cat(
            "figures.axis.value_scale",
            label=label,
            unit=unit_text(unit, language),
            lo=fmt_num(lo, language, 0),
            hi=fmt_num(hi, language, 0),
        )
    return cat("figures.axis.value", label=label, unit=unit_text(unit, language))


def scale_text(df: pd.DataFrame, language: str = "vi") -> str:
    """Scale(s) of the values, per method era when they differ: "thang 6–60 đến năm 2017, 10–80 từ năm 2018"."""
    cat = _cat(language)
    eras = (
        df.dropna(subset=["value"])
        .groupby("method_era")
        .agg(first=("year", "min"), last=("year", "max"), lo=("scale_min", "min"), hi=("scale_max", "max"))
        .sort_values("first")
    )

    def num(v):
        return fmt_num(v, language, 0 if float(v).is_integer() else 2)

    scales = {(r.lo, r.hi) for r in eras.itertuples()}
    if len(scales) == 1:
        lo, hi = scales.pop()
        return cat("figures.scale.one", lo=num(lo), hi=num(hi))
    starts = {e.code: e.first_year for e in ERAS}
    parts = []
    for k, r in enumerate(eras.itertuples()):
        if k == 0:
            parts.append(cat("figures.scale.to", lo=num(r.lo), hi=num(r.hi), year=r.last))
        else:
            parts.append(cat("figures.scale.from", lo=num(r.lo), hi=num(r.hi), year=starts.get(r.Index, r.first)))
    return cat("figures.scale.many", parts=", ".join(parts))


def _era_segments(df: pd.DataFrame):
    """Consecutive runs of one method era, so lines never join values across a break. Each run is
    reindexed to every year it spans, so a missing year leaves a gap in the line (no bridging)."""
    df = df.sort_values("year")
    for _, g in df.groupby((df["method_era"] != df["method_era"].shift()).cumsum()):
        full = range(int(g["year"].min()), int(g["year"].max()) + 1)
        yield g.set_index("year").reindex(full).rename_axis("year").reset_index()


def _mark_breaks(
    ax,
    breaks: pd.DataFrame | None,
    years,
    language: str = "vi",
    label: bool = True,
    xlim: tuple[float, float] | None = None,
) -> None:
    """Dashed vertical lines at method-era breaks inside ``years``; with ``label``, each era in view
    is named above the plot area over its span (wrapped to the span's width), so the names never
    sit on the data."""
    if breaks is None or breaks.empty:
        return
    lo, hi = min(years), max(years)
    shown = [r for r in breaks.sort_values("year").itertuples() if lo < r.year <= hi]
    for r in shown:
        ax.axvline(r.year - 0.5, color="#777777", lw=0.8, ls=(0, (4, 2)), zorder=1)
    if not label or not shown:
        return
    index_short = None
    if "index" in breaks.columns:
        cat = _cat(language)
        key = f"index.short.{breaks['index'].iloc[0]}"
        index_short = cat(key) if cat.has(key) else None
    spans = [(lo - 0.5, shown[0].era_before)] + [(r.year - 0.5, r.era_after) for r in shown]
    spans = [
        (start, spans[k + 1][0] if k + 1 < len(spans) else hi + 0.5, code) for k, (start, code) in enumerate(spans)
    ]
    x_lo, x_hi = xlim or (lo - 0.5, hi + 0.5)
    axes_pt = ax.figure.get_figwidth() * 72 * 0.78
    pt_per_char = MIN_FONT_PT * 0.58

    def fill(text: str, span: float) -> str:
        chars = max(9, int(span / (x_hi - x_lo) * axes_pt / pt_per_char) - 1)
        return textwrap.fill(text, chars, break_long_words=False, break_on_hyphens=False)

    per_unit = axes_pt / (x_hi - x_lo)  # points per year on the x axis
    rows: list[list[tuple[float, float]]] = []  # occupied x intervals (data units) per row
    placed = []
    for k, (start, _end, code) in enumerate(spans):
        # A name may run over the next era's span; it is then set in a higher row than the next name.
        room = (spans[k + 1][1] if k + 1 < len(spans) else x_hi) - start
        if k + 1 == len(spans):  # the last name may end at the right edge, running left
            room = max(room, (x_hi - x_lo) / 3)
        text = fill(era_text(code, language, index_short), room)
        width = max(len(line) for line in text.split("\n")) * pt_per_char / per_unit
        x0 = min(start + 0.1, x_hi - width - 0.1)
        ha_x, ha = (x0, "left") if x0 == start + 0.1 else (x_hi - 0.1, "right")
        row = next(
            (i for i, used in enumerate(rows) if all(x0 + width < a or x0 > b for a, b in used)),
            len(rows),
        )
        if row == len(rows):
            rows.append([])
        rows[row].append((x0 - 0.3, x0 + width + 0.3))
        placed.append((text, ha_x, ha, row))
    heights = [max((t.count("\n") + 1 for t, _, _, r in placed if r == i), default=1) for i in range(len(rows))]
    for text, x, ha, row in placed:
        lift = sum(h * MIN_FONT_PT * 1.3 + 2 for h in heights[:row])
        ax.annotate(
            text,
            (x, 1.0),
            xycoords=ax.get_xaxis_transform(),
            xytext=(0, 2 + lift),
            textcoords="offset points",
            fontsize=MIN_FONT_PT,
            color="#555555",
            va="bottom",
            ha=ha,
            linespacing=1.1,
            annotation_clip=False,
        )


def no_data_note(language: str = "vi") -> str:
    return _cat(language)("figures.no_data_note")


def _mark_missing(ax, years_missing, label: bool = True, language: str = "vi") -> None:
    """Red crosses on the x axis for years without a value (labelled "no data" in the legend)."""
    if len(years_missing) == 0:
        return
    ax.scatter(
        list(years_missing),
        [0.02] * len(years_missing),
        transform=ax.get_xaxis_transform(),
        marker="x",
        color=NO_DATA_COLOUR,
        s=14,
        lw=1,
        zorder=5,
        clip_on=False,
        label=_cat(language)("figures.no_data") if label else None,
    )


def _legend_below(ax, handles, labels, ncols: int) -> None:
    """Legend under the x tick labels (a fixed distance in points, whatever the axes height), so it
    never covers the data or the year labels."""
    below = mtransforms.ScaledTranslation(0, -16 / 72, ax.figure.dpi_scale_trans)
    chars = int(ax.figure.get_figwidth() * 72 * 0.65 / ncols / (6.5 * 0.58))
    ax.legend(
        handles,
        [textwrap.fill(str(lab), chars, break_long_words=False) for lab in labels],
        frameon=False,
        loc="upper left",
        ncols=ncols,
        fontsize=6.5,
        bbox_to_anchor=(0, 0),
        bbox_transform=ax.transAxes + below,
    )


def _year_ticks(ax, years, width_cm: float) -> None:
    years = sorted(int(y) for y in years)
    most = 8 if width_cm >= 12 else 5
    step = max(1, int(np.ceil(len(years) / most)))
    ticks = years[::step] if len(years) > most else years
    ax.set_xticks(ticks)
    ax.xaxis.set_major_formatter(year_formatter())


def trend_chart(
    series: pd.DataFrame,
    national: pd.DataFrame | None,
    region: pd.DataFrame | None,
    breaks: pd.DataFrame | None,
    title: str,
    source: str,
    label: str,
    width_cm: float = FULL_WIDTH_CM,
    language: str = "vi",
) -> Figure:
    """A province's series (``province_series``) against the national interquartile band and
    median (``national_distribution``) and its region's mean (``regional_means`` for its region,
    its ``region`` column already in ``language``); method-era breaks dashed and named, lines never
    cross a break, missing years marked "no data"."""
    cat = _cat(language)
    fig, ax = figure(width_cm, width_cm * 0.55 if width_cm >= 12 else 10.5)
    years = series["year"].tolist()
    if national is not None:
        for seg in _era_segments(national.sort_values("year")):
            ax.fill_between(
                seg["year"], seg["p25"], seg["p75"], color="#d9d9d9", lw=0, zorder=1, label=cat("figures.middle_half")
            )
            ax.plot(
                seg["year"], seg["median"], color=CONTEXT, lw=1, ls="--", zorder=2, label=cat("figures.national_median")
            )
    if region is not None and not region.empty:
        for seg in _era_segments(region.sort_values("year")):
            ax.plot(
                seg["year"],
                seg["mean"],
                color=PALETTE[1],
                lw=1,
                ls=":",
                zorder=3,
                label=cat("figures.region_mean", region=region["region"].iloc[0]),
            )
    observed = series.dropna(subset=["value"])
    for seg in _era_segments(observed):
        ax.plot(
            seg["year"], seg["value"], color=HIGHLIGHT, marker="o", ms=3, zorder=4, label=series["province"].iloc[0]
        )
    xlim = (min(years) - 0.5, max(years) + 0.5)
    _mark_breaks(ax, breaks, years, language, xlim=xlim)
    _mark_missing(ax, series.loc[series["missing"], "year"], language=language)
    handles, labels = ax.get_legend_handles_labels()
    uniq = dict(zip(labels, handles))
    _legend_below(ax, list(uniq.values()), list(uniq.keys()), 2 if width_cm >= 12 else 1)
    unit = observed["unit"].iloc[0] if len(observed) else ""
    ax.set_ylabel(cat("figures.axis.value", label=label, unit=unit_text(unit, language)))
    ax.yaxis.set_major_formatter(number_formatter(language))
    _year_ticks(ax, years, width_cm)
    ax.set_xlim(*xlim)
    subtitle = cat("figures.trend.subtitle", unit=unit_text(unit, language), scale=scale_text(observed, language))
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
    language: str = "vi",
) -> Figure:
    """One small panel per value of ``facet`` (e.g. ``province`` or ``component_label_vi``) with
    year on x and value on y (shared axis). Each facet's missing years are marked "no data";
    lines do not cross method eras. At column width at most two panels a row."""
    facets = list(dict.fromkeys(data[facet]))
    if width_cm < 12:
        col_wrap = min(col_wrap, 2)
    ncols = min(col_wrap, len(facets))
    nrows = int(np.ceil(len(facets) / ncols))
    panel_cm = 3.6 if width_cm >= 12 else 3.2
    fig, axes = figure(
        width_cm, panel_cm * nrows + 2.2, nrows=nrows, ncols=ncols, sharex=True, sharey=True, squeeze=False
    )
    all_years = sorted(years or data["year"].unique())
    chars = max(14, int(0.8 * width_cm / ncols / 2.54 * 72 / (6.5 * 0.6)))
    for ax, name in zip(axes.flat, facets):
        g = data[data[facet] == name].sort_values("year")
        for seg in _era_segments(g.dropna(subset=["value"])):
            ax.plot(seg["year"], seg["value"], color=HIGHLIGHT, marker="o", ms=2)
        missing = sorted(set(all_years) - set(g.dropna(subset=["value"])["year"]))
        _mark_missing(ax, missing, label=False, language=language)
        _mark_breaks(ax, breaks, all_years, language, label=False)
        ax.set_title(textwrap.fill(str(name), chars), loc="left", fontsize=6.5)
        ax.yaxis.set_major_formatter(number_formatter(language))
    for ax in axes.flat:
        ax.set_xticks([all_years[0], all_years[-1]] if width_cm < 12 else all_years[:: max(1, len(all_years) // 4)])
        ax.xaxis.set_major_formatter(year_formatter())
    for ax in list(axes.flat)[len(facets) :]:
        ax.set_visible(False)
    fig.supylabel(ylabel, fontsize=7)
    return decorate(fig, title, None, f"{no_data_note(language)} {source}")


def rank_ticks(n_max: int) -> list[int]:
    """Rank ticks 1, 10, 20, ... and the last rank (no 0: ranks start at 1); a multiple of ten
    too close to the last rank is dropped so the labels do not touch."""
    ticks = [1] + [t for t in range(10, int(n_max), 10) if n_max - t >= 5]
    return ticks + [int(n_max)] if n_max > 1 else ticks


def bump_chart(
    ranks: pd.DataFrame,
    provinces: list[str],
    title: str,
    source: str,
    label: str,
    width_cm: float = FULL_WIDTH_CM,
    language: str = "vi",
    breaks: pd.DataFrame | None = None,
    subtitle: str | None = None,
) -> Figure:
    """Rank over years (``rank_within_year``) of the first of ``provinces`` (codes) in colour and
    the others as grey context; rank 1 at the top (inverted axis, ticks 1, 10, 20, ... and the
    last rank), method-era breaks dashed and named. The y label says ranks are out of the
    provinces scored each year; a missing year breaks the line."""
    cat = _cat(language)
    fig, ax = figure(width_cm, width_cm * 0.6 if width_cm >= 12 else 9.5)
    years = sorted(ranks["year"].unique())
    labels = []
    # Context first, so the highlighted province is drawn on top.
    for i, code in reversed(list(enumerate(provinces))):
        g = ranks[ranks["province_code"] == code].set_index("year").reindex(years)
        main = i == 0
        colour = HIGHLIGHT if main else CONTEXT
        name = ranks.loc[ranks["province_code"] == code, "province"]
        name = name.iloc[0] if len(name) else code
        ax.plot(
            years,
            g["rank"],
            marker="o",
            ms=3 if main else 2,
            color=colour,
            lw=2.2 if main else 0.9,
            zorder=4 if main else 2,
            label=name,
        )
        last = g["rank"].last_valid_index()
        if last is not None:
            labels.append([float(g.loc[last, "rank"]), last, f"{name} ({int(g.loc[last, 'rank'])})", colour, main])
    n = ranks.groupby("year")["n_ranked"].first()
    n_max = int(n.max())
    gap = (n_max + 1) / (16 if width_cm < 12 else 22)  # keep end labels at least one text line apart
    labels.sort()
    for k in range(1, len(labels)):
        labels[k][0] = max(labels[k][0], labels[k - 1][0] + gap)
    for y, x, text, colour, main in labels:
        ax.text(
            x + 0.3,
            y,
            text,
            color=colour if main else "#555555",
            va="center",
            fontsize=6.5,
            fontweight="bold" if main else "normal",
        )
    ax.set_ylim(n_max + 0.5, 0.5)  # inverted: rank 1 at the top
    ax.set_yticks(rank_ticks(n_max))
    ax.yaxis.set_major_formatter(number_formatter(language, 0))
    ylabel = cat("figures.axis.rank", index=label)
    ax.set_ylabel(ylabel if width_cm >= 12 else textwrap.fill(ylabel, 22, break_long_words=False))
    _year_ticks(ax, years, width_cm)
    # Room on the right for the end labels (province names are up to ~20 characters).
    right = max(2.5, len(years) * (0.25 if width_cm >= 12 else 0.5))
    xlim = (min(years) - 0.5, max(years) + right)
    ax.set_xlim(*xlim)
    _mark_breaks(ax, breaks, years, language, xlim=(min(years) - 0.5, max(years) + 0.5 + right))
    return decorate(fig, title, subtitle, source)


def slope_chart(
    change: pd.DataFrame,
    highlight: list[str],
    title: str,
    source: str,
    label: str,
    unit: str,
    width_cm: float = SINGLE_COLUMN_CM,
    n_missing: int = 0,
    language: str = "vi",
) -> Figure:
    """Values in two years (``window_change``) for every province, grey, with ``highlight``
    province codes in colour and labelled. ``n_missing`` provinces lacking a year are counted in
    the note under the title."""
    cat = _cat(language)
    fig, ax = figure(width_cm, width_cm * 1.1 if width_cm < 12 else 11.0)
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
        ax.text(
            1.04,
            r["value_end"],
            f"{r['province']} {fmt_num(r['value_end'], language, 1)}",
            color=colour,
            va="center",
            fontsize=6.5,
        )
        ax.text(
            -0.04,
            r["value_start"],
            fmt_num(r["value_start"], language, 1),
            color=colour,
            va="center",
            ha="right",
            fontsize=6.5,
        )
    ax.set_xticks([0, 1], [str(start), str(end)])
    ax.set_xlim(-0.3, 1.6 if width_cm < 12 else 1.4)
    ax.set_ylabel(cat("figures.axis.value", label=label, unit=unit_text(unit, language)))
    ax.yaxis.set_major_formatter(number_formatter(language))
    ax.grid(False)
    if n_missing:
        note = cat("figures.slope.note_missing", n=len(change), missing=n_missing)
    else:
        note = cat("figures.slope.note", n=len(change))
    return decorate(fig, title, note, source)


def heatmap(
    wide: pd.DataFrame,
    title: str,
    source: str,
    colorbar_label: str,
    highlight: str | None = None,
    width_cm: float = FULL_WIDTH_CM,
    cmap: str = SEQUENTIAL,
    language: str = "vi",
) -> Figure:
    """Province x year heatmap from a wide table (rows = provinces, columns = years). Missing
    cells are drawn grey and hatched with a "no data" legend entry, never coloured as a value."""
    fig, ax = figure(width_cm, max(8.0, 0.33 * len(wide) + 3.5))
    values = np.ma.masked_invalid(wide.to_numpy(float))
    mesh = ax.pcolormesh(
        np.arange(wide.shape[1] + 1), np.arange(wide.shape[0] + 1), values, cmap=cmap, edgecolors="white", linewidth=0.3
    )
    for i, j in zip(*np.where(values.mask)):
        ax.add_patch(
            mpatches.Rectangle((j, i), 1, 1, facecolor=MISSING, edgecolor="#b0b0b0", hatch=MISSING_HATCH, lw=0.3)
        )
    ax.set_xticks(np.arange(wide.shape[1]) + 0.5, [str(c) for c in wide.columns], rotation=90)
    ax.set_yticks(np.arange(wide.shape[0]) + 0.5, list(wide.index), fontsize=MIN_FONT_PT)
    if highlight is not None and highlight in wide.index:
        k = list(wide.index).index(highlight)
        ax.get_yticklabels()[k].set_fontweight("bold")
        ax.add_patch(mpatches.Rectangle((0, k), wide.shape[1], 1, fill=False, edgecolor="black", lw=1.0))
    ax.invert_yaxis()
    ax.grid(False)
    ax.tick_params(length=0)
    cb = fig.colorbar(mesh, ax=ax, shrink=0.4, aspect=25, pad=0.01)
    cb.set_label(colorbar_label, fontsize=7)
    cb.ax.yaxis.set_major_formatter(number_formatter(language))
    if values.mask.any():
        ax.legend(
            handles=[
                mpatches.Patch(
                    facecolor=MISSING, edgecolor="#b0b0b0", hatch=MISSING_HATCH, label=_cat(language)("figures.no_data")
                )
            ],
            loc="lower left",
            bbox_to_anchor=(0, 1.0),
            frameon=False,
            fontsize=6.5,
        )
    return decorate(fig, title, None, source)


def dimension_profile_chart(
    profile: pd.DataFrame,
    province: str,
    title: str,
    source: str,
    width_cm: float = FULL_WIDTH_CM,
    language: str = "vi",
) -> Figure:
    """A province's dimension scores (``dimension_profile``, its ``label`` column in ``language``)
    as dots against the national median (tick) and interquartile range (bar); an unscored
    dimension is labelled "no data"."""
    cat = _cat(language)
    fig, ax = figure(width_cm, 1.1 * len(profile) + 3.5)
    y = np.arange(len(profile))
    ax.hlines(y, profile["p25"], profile["p75"], color="#cccccc", lw=6, label=cat("figures.middle_half"), zorder=1)
    ax.scatter(profile["median"], y, marker="|", s=120, color="#555555", label=cat("figures.national_median"), zorder=2)
    ok = profile["value"].notna()
    ax.scatter(profile.loc[ok, "value"], y[ok], color=HIGHLIGHT, s=28, zorder=3, label=province)
    for yy in y[~ok.to_numpy()]:
        ax.text(
            profile["median"].iloc[yy],
            yy + 0.3,
            cat("figures.no_data"),
            fontsize=MIN_FONT_PT,
            color=NO_DATA_COLOUR,
            ha="center",
        )
    chars = 24 if width_cm < 12 else 44
    ax.set_yticks(y, [textwrap.fill(f"{n}. {lab}", chars) for n, lab in zip(profile["dimension_no"], profile["label"])])
    ax.invert_yaxis()
    ax.set_xlabel(cat("figures.axis.dimension_score"))
    ax.xaxis.set_major_formatter(number_formatter(language))
    ax.grid(axis="x")
    ax.grid(axis="y", visible=False)
    if width_cm >= 12:
        ax.legend(frameon=False, loc="lower left", bbox_to_anchor=(0, 1.0), ncols=3, fontsize=6.5)
    else:  # one column, ending at the axes' right edge so it never runs off the figure
        ax.legend(frameon=False, loc="lower right", bbox_to_anchor=(1, 1.0), ncols=1, fontsize=6.5)
    return decorate(fig, title, None, source)


def rank_text(rank, of=None) -> str:
    """A stated rank as printed, "19/63", or "19" when the source gives no denominator."""
    return f"{int(rank)}/{int(of)}" if pd.notna(of) else f"{int(rank)}"


def press_points_chart(
    values: pd.DataFrame,
    ranks: pd.DataFrame | None,
    years,
    breaks: pd.DataFrame | None,
    title: str,
    source: str,
    ylabel: str,
    legend_label: str,
    width_cm: float = FULL_WIDTH_CM,
    language: str = "vi",
    subtitle: str | None = None,
) -> Figure:
    """Press-reported values (``year``, ``value``) of one province as points only (never a line
    across unknown years), the stated national rank (``ranks``: ``year``, ``rank``, ``of``)
    written beside each point, years of ``years`` without a value marked "no data", method-era
    breaks dashed and named."""
    fig, ax = figure(width_cm, width_cm * 0.6 if width_cm >= 12 else 10.0)
    years = sorted(int(y) for y in years)
    ax.scatter(values["year"], values["value"], color=HIGHLIGHT, s=22, zorder=4, label=legend_label)
    if ranks is not None and not ranks.empty:
        stated = ranks.set_index("year")
        for r in values.itertuples():
            if r.year in stated.index:
                s = stated.loc[r.year]
                ax.annotate(
                    rank_text(s["rank"], s["of"]),
                    (r.year, r.value),
                    xytext=(0, 5),
                    textcoords="offset points",
                    ha="center",
                    va="bottom",
                    fontsize=MIN_FONT_PT,
                    color="#333333",
                )
    missing = sorted(set(years) - set(int(y) for y in values["year"]))
    _mark_missing(ax, missing, language=language)
    xlim = (min(years) - 0.5, max(years) + 0.5)
    _mark_breaks(ax, breaks, years, language, xlim=xlim)
    lo, hi = float(values["value"].min()), float(values["value"].max())
    pad = max(2.0, (hi - lo) * 0.15)
    ax.set_ylim(lo - pad, min(100.0, hi + 2.5 * pad) if hi <= 100 else hi + 2.5 * pad)
    ax.set_xlim(*xlim)
    _year_ticks(ax, years, width_cm)
    ax.set_ylabel(ylabel)
    ax.yaxis.set_major_formatter(number_formatter(language))
    handles, labels = ax.get_legend_handles_labels()
    _legend_below(ax, handles, labels, 2 if width_cm >= 12 else 1)
    return decorate(fig, title, subtitle, source)
