"""Every chart type for one province and the national view, written with sidecars: the figure
set behind ``reform figures``. Titles state what the data show, computed from the statistics."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .. import stats as st
from ..components import INDEX_LABELS
from ..provinces import name_of, province_table, resolve
from ..text import strip_diacritics
from .charts import bump_chart, dimension_profile_chart, heatmap, slope_chart, small_multiples, trend_chart
from .export import save_figure
from .maps import BAND_COLOURS, choropleth
from .style import source_line

ALL_FORMATS = ("png", "svg", "pdf")


def _years(df: pd.DataFrame) -> str:
    return f"{int(df['year'].min())}-{int(df['year'].max())}"


def trend_figure(panel, code, index, out, formats=ALL_FORMATS, dpi=300):
    """Trend of ``index`` for a province code against national and regional context."""
    name = name_of(code)
    series = st.province_series(panel, code, index)
    latest_era = st.main_era(st.select_preferred(panel, index))
    trend = st.province_trend(panel, index, provinces=[code], era=latest_era)
    national = st.national_distribution(panel, index)
    # Context only where most provinces are scored: a median of 8 provinces is not "national".
    broad_years = national.loc[national["n"] >= 32, "year"]
    national = national[national["year"].isin(broad_years)]
    region_name = province_table().set_index("province_code").at[code, "region6"]
    region = st.regional_means(panel, index)
    region = region[(region["region"] == region_name) & region["year"].isin(broad_years)]
    t = trend.iloc[0] if len(trend) else None
    if t is not None and t["status"] == "ok":
        verb = "rose" if t["ci_low"] > 0 else "fell" if t["ci_high"] < 0 else "showed no clear trend"
        detail = f"{t['slope']:+.2f} points a year, 95% CI {t['ci_low']:+.2f} to {t['ci_high']:+.2f}"
        title = f"{name}: {index.replace('_', ' ')} score {verb} {t['first_year']}-{t['last_year']} ({detail})"
    else:
        title = f"{name}: {index.replace('_', ' ')} score by year (too few years for a trend in {latest_era})"
    fig = trend_chart(
        series,
        national,
        region,
        st.known_breaks(index),
        title,
        source_line([index], _years(series)),
        INDEX_LABELS[index][0] if index != "PAPI" else "PAPI total",
    )
    data = series.merge(national.drop(columns="method_era"), on="year", how="left", suffixes=("", "_national"))
    return save_figure(
        fig,
        f"trend_{index.lower()}",
        out,
        caption=title,
        alt_text=f"Line chart of {name}'s {index} score by year against the national median and middle half "
        f"of provinces and the {region_name} mean; dashed lines mark method changes.",
        data=data,
        source=source_line([index], _years(series)),
        formats=formats,
        dpi=dpi,
    )


def rank_figure(panel, code, index, out, formats=ALL_FORMATS, n_peers=4, dpi=300):
    """Rank history of a province code and its nearest-ranked provinces (years with 60+ scored)."""
    ranks = st.rank_within_year(panel, index)
    years = sorted(ranks["year"].unique())
    complete = [y for y in years if ranks.loc[ranks["year"] == y, "n_ranked"].iloc[0] >= 60]
    ranks = ranks[ranks["year"].isin(complete)]
    latest = ranks[ranks["year"] == max(complete)]
    own = ranks[ranks["province_code"] == code]
    neighbours = latest.iloc[(latest["rank"] - own["rank"].iloc[-1]).abs().argsort()]["province_code"].tolist()
    chosen = [code] + [c for c in neighbours if c != code][:n_peers]
    first, last = own.iloc[0], own.iloc[-1]
    title = (
        f"{name_of(code)} ranked {last['rank_label']} in {index.replace('_', ' ')} {last['year']}, "
        f"{first['rank_label']} in {first['year']}"
    )
    fig = bump_chart(
        ranks[ranks["province_code"].isin(chosen)],
        chosen,
        title,
        source_line([index], _years(ranks)),
        index.replace("_", " "),
    )
    data = ranks[ranks["province_code"].isin(chosen)]
    return save_figure(
        fig,
        f"ranks_{index.lower()}",
        out,
        caption=title,
        alt_text=f"Bump chart of national {index} ranks by year for {name_of(code)} and the provinces "
        "ranked nearest to it in the latest year.",
        data=data,
        source=source_line([index], _years(ranks)),
        formats=formats,
        dpi=dpi,
    )


def slope_figure(panel, code, index, out, formats=ALL_FORMATS, dpi=300):
    """Slope chart of every province between the province's first and last year in the main era."""
    data = st.select_preferred(panel, index)
    era = st.main_era(data)
    in_era = data[data["method_era"] == era]
    own_years = sorted(in_era.loc[in_era["province_code"] == code, "year"])
    years = own_years if len(own_years) >= 2 else sorted(in_era["year"].unique())
    start, end = years[0], years[-1]
    change = st.window_change(panel, index, start, end)
    scored = in_era[in_era["year"].isin([start, end])]["province_code"].nunique()
    row = change[change["province_code"] == code]
    label = index.replace("_", " ")
    if row.empty:
        title = f"{name_of(code)}: not scored on {label} in two years of the {era} era"
    else:
        r = row.iloc[0]
        rank_end = int((change["value_end"] > r["value_end"]).sum()) + 1
        title = (
            f"{name_of(code)}: {label} {r['value_start']:.1f} in {start}, {r['value_end']:.1f} in {end} "
            f"({r['change']:+.1f} points; {rank_end} of {len(change)} in {end})"
        )
    unit = data["unit"].iloc[0]
    fig = slope_chart(
        change,
        [code],
        title,
        source_line([index], f"{start}, {end}"),
        label,
        unit,
        n_missing=max(0, scored - len(change)),
    )
    return save_figure(
        fig,
        f"slope_{index.lower()}",
        out,
        caption=title,
        alt_text=f"Slope chart of every province's {index} value in {start} and {end}, {name_of(code)} highlighted.",
        data=change,
        source=source_line([index], f"{start}, {end}"),
        formats=formats,
        dpi=dpi,
    )


def heatmap_figure(panel, code, index, out, formats=ALL_FORMATS, dpi=300):
    """Province x year heatmap of ``index`` in its main era, the province outlined."""
    data = st.select_preferred(panel, index)
    era = st.main_era(data)
    data = data[data["method_era"] == era]
    wide = data.pivot_table(index="province", columns="year", values="value")
    current = province_table()["province"]  # every province existing in the era, scored or not
    wide = wide.reindex(sorted(set(current) | set(wide.index), key=strip_diacritics))
    # Sort by the latest year most provinces are scored in.
    latest = wide.count().loc[lambda c: c >= 0.5 * len(wide)].index.max()
    wide = wide.sort_values(latest, ascending=False, na_position="last", kind="stable")
    top = wide[latest].idxmax()
    n_missing = int(wide.isna().sum().sum())
    title = (
        f"{index.replace('_', ' ')} by province, {_years(data)}: {top} highest in {latest}; "
        f"{n_missing} province-years without data"
    )
    fig = heatmap(
        wide,
        title,
        source_line([index], _years(data)),
        f"{index.replace('_', ' ')} ({data['unit'].iloc[0]}, scale {data['scale_min'].min():g}-"
        f"{data['scale_max'].max():g})",
        highlight=name_of(code),
    )
    return save_figure(
        fig,
        f"heatmap_{index.lower()}",
        out,
        caption=title,
        alt_text=f"Heatmap of {index} by province (rows, sorted by the latest year) and year (columns); "
        "hatched grey cells have no data.",
        data=wide.reset_index(),
        source=source_line([index], _years(data)),
        formats=formats,
        dpi=dpi,
    )


def profile_figure(panel, code, out, formats=ALL_FORMATS, dpi=300):
    """PAPI dimension profile of a province against the national median and interquartile range."""
    profile = st.dimension_profile(panel, code, "PAPI")
    above = int((profile["value"] > profile["median"]).sum())
    scored = int(profile["value"].notna().sum())
    year = int(profile["year"].iloc[0])
    title = f"{name_of(code)} is above the national median on {above} of {scored} PAPI dimensions ({year})"
    fig = dimension_profile_chart(profile, name_of(code), title, source_line(["PAPI"], str(year)))
    files = save_figure(
        fig,
        "profile_papi_dimensions",
        out,
        caption=title,
        alt_text=f"Dot chart of {name_of(code)}'s eight PAPI dimension scores in {year} against the "
        "national median and middle half of provinces.",
        data=profile,
        source=source_line(["PAPI"], str(year)),
        formats=formats,
        dpi=dpi,
    )
    return files


def dimensions_figure(panel, code, out, formats=ALL_FORMATS, dpi=300):
    """Small multiples of a province's 8 PAPI dimensions since 2018."""
    dims = panel[
        (panel["index"] == "PAPI")
        & panel["component"].str.startswith("dimension:")
        & panel["is_preferred"]
        & (panel["province_code"] == code)
        & (panel["year"] >= 2018)
    ].copy()
    dims["facet"] = dims["component"].str.split(":").str[1] + ". " + dims["component_label_en"]
    dims = dims.sort_values(["component", "year"])
    title2 = f"{name_of(code)}: PAPI dimension scores since 2018 (8-dimension era)"
    fig2 = small_multiples(
        dims,
        "facet",
        title2,
        source_line(["PAPI"], _years(dims)),
        "Dimension score (points, scale 1-10)",
        years=range(2018, int(panel["year"].max()) + 1),
    )
    files2 = save_figure(
        fig2,
        "small_multiples_papi_dimensions",
        out,
        caption=title2,
        alt_text=f"Eight small line charts, one per PAPI dimension, of {name_of(code)}'s scores "
        "by year since 2018; crosses mark years without data.",
        data=dims[["facet", "year", "value", "source", "is_derived"]],
        source=source_line(["PAPI"], _years(dims)),
        formats=formats,
        dpi=dpi,
    )
    return files2


def band_map_figure(panel, out, formats=ALL_FORMATS, dpi=300):
    """Map of the 63 provinces by PAPI quartile band in the latest year."""
    b = st.bands(panel, "PAPI")
    year = int(b["year"].max())
    b = b[b["year"] == year]
    values = b.set_index("province_code")["band"].astype(str)
    n_top = int((values == "top").sum())
    title = f"PAPI {year}: {n_top} provinces in the top quarter; {63 - len(values)} without a score"
    fig = choropleth(values, title, source_line(["PAPI"], str(year)), "PAPI band", categories=BAND_COLOURS)
    return save_figure(
        fig,
        "map_papi_bands",
        out,
        caption=title,
        alt_text=f"Map of Vietnam's 63 provinces coloured by PAPI {year} quartile band; hatched provinces have no "
        "score; the Hoàng Sa and Trường Sa archipelagos are marked in place.",
        data=b,
        source=source_line(["PAPI"], str(year)),
        formats=formats,
        dpi=dpi,
    )


def merged_map_figure(panel, out, population, formats=ALL_FORMATS, dpi=300):
    """Map of the 34 provinces of July 2025 by population-weighted PAPI total in the latest year."""
    year = int(st.select_preferred(panel, "PAPI")["year"].max())
    merged = st.merged_view(panel, "PAPI", population=population)
    merged = merged[merged["year"] == year]
    mvalues = merged.set_index("new_code_2025")["value"]
    best = merged.loc[merged["value"].idxmax()]
    title = (
        f"PAPI {year} on the 34 provinces of July 2025: {best['new_province_2025']} highest "
        f"({best['value']:.1f}); merged provinces with a missing member left blank"
    )
    fig = choropleth(
        mvalues,
        title,
        source_line(
            ["PAPI"],
            str(year),
            "population-weighted means of pre-2025 provinces (GSO population, latest year available)",
        ),
        "PAPI total (points, scale 10-80)",
        kind="34",
    )
    return save_figure(
        fig,
        "map_papi_merged34",
        out,
        caption=title,
        alt_text=f"Map of the 34 provinces formed in July 2025 coloured by the population-weighted PAPI {year} total "
        "of their former provinces.",
        data=merged,
        source=source_line(["PAPI"], str(year)),
        formats=formats,
        dpi=dpi,
    )


def write_gallery(
    panel: pd.DataFrame,
    province: str,
    out_dir: str | Path,
    population: pd.DataFrame | None = None,
    indices=("PAPI", "PCI"),
    formats=ALL_FORMATS,
) -> dict[str, dict]:
    """Write every chart type for ``province`` and the national view into ``out_dir``: trend,
    rank bump, slope, heatmap (per index in ``indices``), PAPI dimension profile and small
    multiples, PAPI band map (63 provinces) and merged map (34). Returns {figure: files}."""
    code = resolve(province)
    out = Path(out_dir)
    written: dict[str, dict] = {}
    for index in indices:
        written[f"trend_{index}"] = trend_figure(panel, code, index, out, formats)
        written[f"ranks_{index}"] = rank_figure(panel, code, index, out, formats)
        written[f"slope_{index}"] = slope_figure(panel, code, index, out, formats)
        written[f"heatmap_{index}"] = heatmap_figure(panel, code, index, out, formats)
    written["profile"] = profile_figure(panel, code, out, formats)
    written["dimensions"] = dimensions_figure(panel, code, out, formats)
    written["map_bands"] = band_map_figure(panel, out, formats)
    written["map_merged34"] = merged_map_figure(panel, out, population, formats)
    return written
