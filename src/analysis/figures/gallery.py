"""Every chart type for one province and the national view, written with sidecars: the figure
set behind ``reform figures``. Titles state what the data show, computed from the statistics.

Every function takes ``language="vi"`` (default) or ``"en"`` and ``width="full"`` (17 cm) or
``"column"`` (8.5 cm); every word comes from the message catalogue (``figures.*`` keys), numbers
follow the language's convention, province names and PAPI/PCI component names come from the data."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .. import stats as st
from ..i18n import catalogue, check_language, fmt_num, fmt_signed
from ..provinces import name_of, province_table, resolve
from ..text import strip_diacritics
from .charts import (
    axis_label,
    bump_chart,
    dimension_profile_chart,
    era_text,
    heatmap,
    press_points_chart,
    rank_text,
    slope_chart,
    small_multiples,
    trend_chart,
    unit_text,
)
from .export import save_figure
from .maps import BAND_COLOURS, choropleth
from .style import check_width, source_line, width_cm

ALL_FORMATS = ("png", "svg", "pdf")
PRESS_INDICES = ("PAR_INDEX", "SIPAS")


def _years(df: pd.DataFrame) -> str:
    lo, hi = int(df["year"].min()), int(df["year"].max())
    return f"{lo}–{hi}" if lo != hi else str(lo)


def _setup(language: str, width: str):
    """(catalogue, width in cm) after checking both."""
    return catalogue(check_language(language)), width_cm(check_width(width))


def _short(cat, index: str) -> str:
    return cat(f"index.short.{index}")


def _table(data: pd.DataFrame, columns: dict[str, str], cat) -> pd.DataFrame:
    """The columns of ``data`` (``{column: catalogue key under figures.columns}``) renamed to
    the language's headers, in that order."""
    return data[list(columns)].rename(columns={c: cat(f"figures.columns.{k}") for c, k in columns.items()})


def _labels(panel: pd.DataFrame, language: str) -> pd.Series:
    """Component label (PAPI dimension, PCI sub-index) in ``language``, by component code."""
    col = "component_label_vi" if language == "vi" else "component_label_en"
    return panel.dropna(subset=[col]).drop_duplicates("component").set_index("component")[col]


def _region_name(code: str, language: str) -> str:
    table = province_table().set_index("province_code")
    return table.at[code, "region6" if language == "vi" else "region6_en"]


def _save(fig, name, out, caption, alt_text, data, source, formats, dpi, language, width):
    return save_figure(
        fig,
        name,
        out,
        caption=caption,
        alt_text=alt_text,
        data=data,
        source=source,
        formats=formats,
        dpi=dpi,
        language=language,
        width=width,
    )


def trend_figure(panel, code, index, out, formats=ALL_FORMATS, dpi=300, *, language="vi", width="full"):
    """Trend of ``index`` for a province code against national and regional context."""
    cat, wcm = _setup(language, width)
    name = name_of(code)
    label = _short(cat, index)
    series = st.province_series(panel, code, index)
    latest_era = st.main_era(st.select_preferred(panel, index))
    trend = st.province_trend(panel, index, provinces=[code], era=latest_era)
    national = st.national_distribution(panel, index)
    # Context only where most provinces are scored: a median of 8 provinces is not "national".
    broad_years = national.loc[national["n"] >= 32, "year"]
    national = national[national["year"].isin(broad_years)]
    region_vi = province_table().set_index("province_code").at[code, "region6"]
    region_name = _region_name(code, language)
    region = st.regional_means(panel, index)
    region = region[(region["region"] == region_vi) & region["year"].isin(broad_years)].assign(region=region_name)
    t = trend.iloc[0] if len(trend) else None
    if t is not None and t["status"] == "ok":
        verb = "rose" if t["ci_low"] > 0 else "fell" if t["ci_high"] < 0 else "flat"
        detail = cat(
            "figures.trend.detail",
            slope=fmt_signed(t["slope"], language),
            low=fmt_signed(t["ci_low"], language),
            high=fmt_signed(t["ci_high"], language),
        )
        title = cat(
            f"figures.trend.title_{verb}",
            province=name,
            index=label,
            first=t["first_year"],
            last=t["last_year"],
            detail=detail,
        )
    else:
        title = cat("figures.trend.title_short", province=name, index=label, era=era_text(latest_era, language))
    source = source_line([index], _years(series), language=language)
    fig = trend_chart(
        series,
        national,
        region,
        st.known_breaks(index),
        title,
        source,
        cat("figures.axis.score", index=label),
        width_cm=wcm,
        language=language,
    )
    data = series.merge(national.drop(columns="method_era"), on="year", how="left")
    data = data.merge(region[["year", "mean"]], on="year", how="left")
    data["era"] = data["method_era"].map(lambda e: era_text(e, language))
    data["unit_text"] = data["unit"].map(lambda u: unit_text(u, language) if isinstance(u, str) else u)
    columns = {
        "province_code": "province_code",
        "province": "province",
        "year": "year",
        "value": "value",
        "unit_text": "unit",
        "era": "method_era",
        "n": "national_n",
        "p25": "national_p25",
        "median": "national_median",
        "p75": "national_p75",
        "mean": "region_mean",
    }
    return _save(
        fig,
        f"trend_{index.lower()}",
        out,
        title,
        cat("figures.trend.alt", province=name, index=label, region=region_name),
        _table(data, columns, cat),
        source,
        formats,
        dpi,
        language,
        width,
    )


def rank_figure(panel, code, index, out, formats=ALL_FORMATS, n_peers=4, dpi=300, *, language="vi", width="full"):
    """Rank history of a province code (in colour) and its nearest-ranked provinces (grey), in
    years with 60+ provinces scored."""
    cat, wcm = _setup(language, width)
    label = _short(cat, index)
    ranks = st.rank_within_year(panel, index)
    years = sorted(ranks["year"].unique())
    complete = [y for y in years if ranks.loc[ranks["year"] == y, "n_ranked"].iloc[0] >= 60]
    ranks = ranks[ranks["year"].isin(complete)]
    latest = ranks[ranks["year"] == max(complete)]
    own = ranks[ranks["province_code"] == code]
    neighbours = latest.iloc[(latest["rank"] - own["rank"].iloc[-1]).abs().argsort()]["province_code"].tolist()
    chosen = [code] + [c for c in neighbours if c != code][:n_peers]
    last = own.iloc[-1]
    # The title compares within the latest ranked year's method era only: never across a break.
    first = own[own["method_era"] == last["method_era"]].iloc[0]
    name = name_of(code)
    n_ranked = ranks.groupby("year")["n_ranked"].first()
    lo_n, hi_n = int(n_ranked.min()), int(n_ranked.max())
    n_text = f"{lo_n}–{hi_n}" if lo_n != hi_n else str(hi_n)
    title = cat(
        "figures.rank.title",
        province=name,
        index=label,
        rank_last=last["rank_label"],
        year_last=last["year"],
        rank_first=first["rank_label"],
        year_first=first["year"],
    )
    source = source_line([index], _years(ranks), language=language)
    fig = bump_chart(
        ranks[ranks["province_code"].isin(chosen)],
        chosen,
        title,
        source,
        label,
        width_cm=wcm,
        language=language,
        breaks=st.known_breaks(index),
        subtitle=cat("figures.rank.subtitle", province=name, year=max(complete), n=n_text),
    )
    data = ranks[ranks["province_code"].isin(chosen)].assign(
        era=lambda d: d["method_era"].map(lambda e: era_text(e, language))
    )
    columns = {
        "province_code": "province_code",
        "province": "province",
        "year": "year",
        "value": "value",
        "rank": "rank",
        "n_ranked": "n_ranked",
        "era": "method_era",
    }
    return _save(
        fig,
        f"ranks_{index.lower()}",
        out,
        title,
        cat("figures.rank.alt", province=name, index=label, n=len(chosen) - 1, year=max(complete)),
        _table(data, columns, cat),
        source,
        formats,
        dpi,
        language,
        width,
    )


def slope_figure(panel, code, index, out, formats=ALL_FORMATS, dpi=300, *, language="vi", width="full"):
    """Slope chart of every province between the province's first and last year in the main era."""
    cat, wcm = _setup(language, width)
    data = st.select_preferred(panel, index)
    era = st.main_era(data)
    in_era = data[data["method_era"] == era]
    own_years = sorted(in_era.loc[in_era["province_code"] == code, "year"])
    years = own_years if len(own_years) >= 2 else sorted(in_era["year"].unique())
    start, end = years[0], years[-1]
    change = st.window_change(panel, index, start, end)
    scored = in_era[in_era["year"].isin([start, end])]["province_code"].nunique()
    row = change[change["province_code"] == code]
    label = _short(cat, index)
    unit = data["unit"].iloc[0]
    name = name_of(code)
    if row.empty:
        title = cat("figures.slope.title_none", province=name, index=label, era=era_text(era, language))
    else:
        r = row.iloc[0]
        rank_end = int((change["value_end"] > r["value_end"]).sum()) + 1
        title = cat(
            "figures.slope.title",
            province=name,
            index=label,
            value_start=fmt_num(r["value_start"], language),
            start=start,
            value_end=fmt_num(r["value_end"], language),
            end=end,
            change=fmt_signed(r["change"], language),
            unit=unit_text(unit, language),
            rank=rank_end,
            n=len(change),
        )
    source = source_line([index], f"{start}, {end}", language=language)
    fig = slope_chart(
        change,
        [code],
        title,
        source,
        label,
        unit,
        width_cm=wcm,
        n_missing=max(0, scored - len(change)),
        language=language,
    )
    columns = {
        "province_code": "province_code",
        "province": "province",
        "start": "start",
        "value_start": "value_start",
        "end": "end",
        "value_end": "value_end",
        "change": "change",
    }
    return _save(
        fig,
        f"slope_{index.lower()}",
        out,
        title,
        cat("figures.slope.alt", province=name, index=label, start=start, end=end),
        _table(change, columns, cat),
        source,
        formats,
        dpi,
        language,
        width,
    )


def heatmap_figure(panel, code, index, out, formats=ALL_FORMATS, dpi=300, *, language="vi", width="full"):
    """Province x year heatmap of ``index`` in its main era, the province outlined. The title is
    about the province the set is for (its rank and value in the latest broadly scored year)."""
    cat, wcm = _setup(language, width)
    label = _short(cat, index)
    name = name_of(code)
    data = st.select_preferred(panel, index)
    era = st.main_era(data)
    data = data[data["method_era"] == era]
    wide = data.pivot_table(index="province", columns="year", values="value")
    current = province_table()["province"]  # every province existing in the era, scored or not
    wide = wide.reindex(sorted(set(current) | set(wide.index), key=strip_diacritics))
    # Sort by the latest year most provinces are scored in.
    latest = wide.count().loc[lambda c: c >= 0.5 * len(wide)].index.max()
    wide = wide.sort_values(latest, ascending=False, na_position="last", kind="stable")
    n_missing = int(wide.isna().sum().sum())
    unit = data["unit"].iloc[0]
    own = wide.at[name, latest] if name in wide.index else float("nan")
    common = {"province": name, "index": label, "year": latest, "years": _years(data), "missing": n_missing}
    if pd.notna(own):
        title = cat(
            "figures.heatmap.title",
            rank=int((wide[latest] > own).sum()) + 1,
            n=int(wide[latest].count()),
            value=fmt_num(own, language),
            unit=unit_text(unit, language),
            **common,
        )
    else:
        title = cat("figures.heatmap.title_unscored", **common)
    source = source_line([index], _years(data), language=language)
    fig = heatmap(
        wide,
        title,
        source,
        axis_label(label, unit, data["scale_min"].min(), data["scale_max"].max(), language),
        highlight=name,
        width_cm=wcm,
        language=language,
    )
    table = wide.reset_index().rename(columns={"province": cat("figures.columns.province")})
    table.columns = [str(c) for c in table.columns]
    return _save(
        fig,
        f"heatmap_{index.lower()}",
        out,
        title,
        cat("figures.heatmap.alt", province=name, index=label, year=latest),
        table,
        source,
        formats,
        dpi,
        language,
        width,
    )


def profile_figure(panel, code, out, formats=ALL_FORMATS, dpi=300, *, language="vi", width="full"):
    """PAPI dimension profile of a province against the national median and interquartile range."""
    cat, wcm = _setup(language, width)
    name = name_of(code)
    profile = st.dimension_profile(panel, code, "PAPI")
    profile["label"] = profile["component"].map(_labels(panel, language)).fillna(profile["label"])
    above = int((profile["value"] > profile["median"]).sum())
    scored = int(profile["value"].notna().sum())
    year = int(profile["year"].iloc[0])
    title = cat("figures.profile.title", province=name, above=above, scored=scored, year=year)
    source = source_line(["PAPI"], str(year), language=language)
    fig = dimension_profile_chart(profile, name, title, source, width_cm=wcm, language=language)
    columns = {
        "dimension_no": "dimension_no",
        "label": "dimension",
        "year": "year",
        "value": "value",
        "n": "national_n",
        "p25": "national_p25",
        "median": "national_median",
        "p75": "national_p75",
    }
    return _save(
        fig,
        "profile_papi_dimensions",
        out,
        title,
        cat("figures.profile.alt", province=name, n=len(profile), year=year),
        _table(profile, columns, cat),
        source,
        formats,
        dpi,
        language,
        width,
    )


def dimensions_figure(panel, code, out, formats=ALL_FORMATS, dpi=300, *, language="vi", width="full"):
    """Small multiples of a province's 8 PAPI dimensions since 2018."""
    cat, wcm = _setup(language, width)
    name = name_of(code)
    dims = panel[
        (panel["index"] == "PAPI")
        & panel["component"].str.startswith("dimension:")
        & panel["is_preferred"]
        & (panel["province_code"] == code)
        & (panel["year"] >= 2018)
    ].copy()
    col = "component_label_vi" if language == "vi" else "component_label_en"
    dims["dimension_no"] = dims["component"].str.split(":").str[1]
    dims["facet"] = dims["dimension_no"] + ". " + dims[col]
    dims = dims.sort_values(["component", "year"])
    last_year = int(panel["year"].max())
    title = cat("figures.dimensions.title", province=name, first=2018, last=last_year)
    source = source_line(["PAPI"], _years(dims), language=language)
    fig = small_multiples(
        dims,
        "facet",
        title,
        source,
        cat("figures.axis.dimension_score"),
        years=range(2018, last_year + 1),
        width_cm=wcm,
        language=language,
    )
    dims["derived"] = dims["is_derived"].map({True: cat("figures.columns.yes"), False: cat("figures.columns.no")})
    columns = {"dimension_no": "dimension_no", col: "dimension", "year": "year", "value": "value", "derived": "derived"}
    return _save(
        fig,
        "small_multiples_papi_dimensions",
        out,
        title,
        cat("figures.dimensions.alt", province=name, n=dims["component"].nunique(), first=2018),
        _table(dims, columns, cat),
        source,
        formats,
        dpi,
        language,
        width,
    )


def band_map_figure(panel, out, formats=ALL_FORMATS, dpi=300, *, language="vi", width="full"):
    """Map of the 63 provinces by PAPI quartile band in the latest year."""
    cat, wcm = _setup(language, width)
    b = st.bands(panel, "PAPI")
    year = int(b["year"].max())
    b = b[b["year"] == year].copy()
    values = b.set_index("province_code")["band"].astype(str)
    n_top = int((values == "top").sum())
    title = cat("figures.map.bands_title", year=year, n_top=n_top, n_missing=63 - len(values))
    source = source_line(["PAPI"], str(year), language=language)
    band_names = {k: cat(f"figures.band.{k}") for k in BAND_COLOURS}
    fig = choropleth(
        values,
        title,
        source,
        cat("figures.map.band_legend", index="PAPI"),
        categories=BAND_COLOURS,
        category_labels=band_names,
        width_cm=wcm,
        language=language,
    )
    b["band_name"] = b["band"].astype(str).map(band_names)
    columns = {
        "province_code": "province_code",
        "province": "province",
        "year": "year",
        "value": "value",
        "band_name": "band",
    }
    return _save(
        fig,
        "map_papi_bands",
        out,
        title,
        cat("figures.map.bands_alt", year=year),
        _table(b, columns, cat),
        source,
        formats,
        dpi,
        language,
        width,
    )


def _weighting(text: str, cat) -> str:
    m = re.fullmatch(r"population (\d{4})", str(text))
    if m:
        return cat("figures.map.weighting_population", year=m.group(1))
    return cat("figures.map.weighting_single") if text == "single province" else cat("figures.map.weighting_mean")


def merged_map_figure(panel, out, population, formats=ALL_FORMATS, dpi=300, *, language="vi", width="full"):
    """Map of the 34 provinces of July 2025 by population-weighted PAPI total in the latest year."""
    cat, wcm = _setup(language, width)
    year = int(st.select_preferred(panel, "PAPI")["year"].max())
    merged = st.merged_view(panel, "PAPI", population=population)
    merged = merged[merged["year"] == year].copy()
    mvalues = merged.set_index("new_code_2025")["value"]
    best = merged.loc[merged["value"].idxmax()]
    title = cat(
        "figures.map.merged_title",
        year=year,
        best=best["new_province_2025"],
        value=fmt_num(best["value"], language),
    )
    source = source_line(["PAPI"], str(year), cat("figures.source.population_weighting"), language=language)
    fig = choropleth(
        mvalues,
        title,
        source,
        axis_label(cat("figures.axis.score", index="PAPI"), "points", 10, 80, language),
        kind="34",
        width_cm=wcm,
        language=language,
    )
    merged["weighting_text"] = merged["weighting"].map(lambda w: _weighting(w, cat))
    merged["members_missing"] = merged["members_missing"].str.replace(", ", cat("figures.list_sep"))
    columns = {
        "new_code_2025": "new_code_2025",
        "new_province_2025": "new_province_2025",
        "year": "year",
        "value": "value",
        "members_missing": "members_missing",
        "weighting_text": "weighting",
    }
    return _save(
        fig,
        "map_papi_merged34",
        out,
        title,
        cat("figures.map.merged_alt", year=year),
        _table(merged, columns, cat),
        source,
        formats,
        dpi,
        language,
        width,
    )


def _press_rows(panel: pd.DataFrame, index: str, component: str, code: str) -> pd.DataFrame:
    rows = panel[
        (panel["index"] == index)
        & (panel["component"] == component)
        & (panel["province_code"] == code)
        & panel["is_preferred"].fillna(False).astype(bool)
    ].dropna(subset=["value"])
    return rows.sort_values(["year", "raw_line"] if "raw_line" in rows else ["year"]).drop_duplicates("year")


def par_sipas_figure(panel, province, index, out, formats=ALL_FORMATS, dpi=300, *, language="vi", width="full"):
    """PAR INDEX or SIPAS (``index``) of a province as press-reported values: points only (no line
    across unknown years), the national rank stated in the press beside each point ("19/63")
    where the panel has a ``rank`` row that year, years without a value marked "no data",
    method-era breaks dashed and named. Returns the written files, or ``None`` when the province
    has no value for ``index``."""
    if index not in PRESS_INDICES:
        raise ValueError(f"par_sipas_figure: index must be one of {', '.join(PRESS_INDICES)}, not {index!r}")
    cat, wcm = _setup(language, width)
    code = resolve(province)
    name = name_of(code)
    values = _press_rows(panel, index, "total", code)
    if values.empty:
        return None
    ranks = _press_rows(panel, index, "rank", code).assign(of=lambda d: d["scale_max"])
    label = _short(cat, index)
    covered = panel.loc[(panel["index"] == index) & (panel["component"] == "total"), "year"]
    years = range(int(covered.min()), int(covered.max()) + 1)
    last = values.iloc[-1]
    stated = ranks.set_index("year")
    value_text = fmt_num(last["value"], language) + "%"
    if last["year"] in stated.index:
        s = stated.loc[last["year"]]
        title = cat(
            "figures.press.title_rank",
            province=name,
            index=label,
            value=value_text,
            year=int(last["year"]),
            rank=rank_text(s["value"], s["of"]),
        )
    else:
        title = cat(
            "figures.press.title" if len(values) > 1 else "figures.press.title_one",
            province=name,
            index=label,
            value=value_text,
            year=int(last["year"]),
            n=len(values),
            years=_years(values),
        )
    source = source_line([index], _years(values), language=language)
    fig = press_points_chart(
        values[["year", "value"]],
        ranks[["year", "value", "of"]].rename(columns={"value": "rank"}),
        years,
        st.known_breaks(index),
        title,
        source,
        cat("figures.axis.percent", index=label),
        cat("figures.press.legend", province=name),
        width_cm=wcm,
        language=language,
        subtitle=cat("figures.press.subtitle"),
    )
    table = pd.DataFrame({"year": sorted(set(values["year"]) | set(ranks["year"]))})
    table["province_code"], table["province"] = code, name
    table = table.merge(values[["year", "value", "method_era", "source_url"]], on="year", how="left")
    rank_cols = ranks[["year", "value", "of", "source_url"]].rename(
        columns={"value": "rank", "source_url": "rank_source_url"}
    )
    table = table.merge(rank_cols, on="year", how="left")
    table["source_url"] = table["source_url"].fillna(table["rank_source_url"])
    table["method_era"] = [
        era_text(e, language) if isinstance(e, str) else era_text(_era_of(index, y), language)
        for e, y in zip(table["method_era"], table["year"])
    ]
    columns = {
        "province_code": "province_code",
        "province": "province",
        "year": "year",
        "value": "value",
        "rank": "rank",
        "of": "rank_of",
        "method_era": "method_era",
        "source_url": "source_url",
    }
    return _save(
        fig,
        f"press_{index.lower()}",
        out,
        title,
        cat("figures.press.alt", province=name, index=label, years=_years(values)),
        _table(table, columns, cat),
        source,
        formats,
        dpi,
        language,
        width,
    )


def _era_of(index: str, year: int) -> str:
    from ..components import method_era

    return method_era(index, int(year))


def write_gallery(
    panel: pd.DataFrame,
    province: str,
    out_dir: str | Path,
    population: pd.DataFrame | None = None,
    indices=("PAPI", "PCI"),
    formats=ALL_FORMATS,
    *,
    language: str = "vi",
    width: str = "full",
    dpi: int = 300,
    press_indices=PRESS_INDICES,
) -> dict[str, dict]:
    """Write every chart type for ``province`` and the national view into ``out_dir`` in
    ``language`` ("vi" or "en") at ``width`` ("full" 17 cm or "column" 8.5 cm): trend, rank,
    slope, heatmap (per index in ``indices``), the press-reported PAR INDEX / SIPAS points (per
    index in ``press_indices`` the province has a value for), PAPI dimension profile and small
    multiples, PAPI band map (63 provinces) and merged map (34). Returns {figure: files}."""
    check_language(language)
    check_width(width)
    code = resolve(province)
    out = Path(out_dir)
    kw = {"dpi": dpi, "language": language, "width": width}
    formats = tuple(formats)
    written: dict[str, dict] = {}
    for index in indices:
        written[f"trend_{index}"] = trend_figure(panel, code, index, out, formats, **kw)
        written[f"ranks_{index}"] = rank_figure(panel, code, index, out, formats, **kw)
        written[f"slope_{index}"] = slope_figure(panel, code, index, out, formats, **kw)
        written[f"heatmap_{index}"] = heatmap_figure(panel, code, index, out, formats, **kw)
    for index in press_indices:
        files = par_sipas_figure(panel, code, index, out, formats, **kw)
        if files is not None:
            written[f"press_{index}"] = files
    written["profile"] = profile_figure(panel, code, out, formats, **kw)
    written["dimensions"] = dimensions_figure(panel, code, out, formats, **kw)
    written["map_bands"] = band_map_figure(panel, out, formats, **kw)
    written["map_merged34"] = merged_map_figure(panel, out, population, formats, **kw)
    return written
