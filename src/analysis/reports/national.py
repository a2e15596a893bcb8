"""The national overview as a reader gets it: full rankings of the latest year of each index, the
biggest movers within the current method era, regions, PAPI against PCI, convergence and
correlations each with one plain sentence, PAR INDEX and SIPAS as known from the press (with
coverage stated), maps, downloads and sources. Same page machinery as the province report."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
from markupsafe import Markup

from .. import stats as st
from ..i18n import catalogue, check_language, fmt_int, fmt_num, fmt_p, fmt_signed
from ..provinces import province_table
from ..versions import software_versions
from . import numbers as nb
from .citations import Citations, domain
from .downloads import write_csv
from .findings import direction
from .page import Page, Section
from .province import Report, _clean, _figure_html, _rank_cell
from .tables import Table

N_PROVINCES = 63
MIN_SCORED = 30  # a ranking or a national statistic needs most provinces scored


def latest_broad_year(panel: pd.DataFrame, index: str, min_scored: int = MIN_SCORED) -> int | None:
    """The latest year in which at least ``min_scored`` provinces have a value of ``index``."""
    counts = st.select_preferred(panel, index).dropna(subset=["value"]).groupby("year").size()
    years = counts[counts >= min_scored].index
    return int(years.max()) if len(years) else None


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in r.items()} for r in df.to_dict("records")]


def national_report(
    panel: pd.DataFrame,
    language: str = "vi",
    out: str | Path | None = None,
    population: pd.DataFrame | None = None,
    figure_formats=("png",),
    figure_dpi: int = 200,
    figures: bool = True,
) -> Report:
    """Build the national overview in ``language``; figures and downloadable tables go to ``out``."""
    from ..figures import gallery
    from ..figures.scatter import papi_pci_scatter_figure

    check_language(language)
    lang = language
    cat = catalogue(lang)
    cites = Citations(cat)
    out = Path(out) if out is not None else None
    table = province_table().set_index("province_code")
    region_col = "region6" if lang == "vi" else "region6_en"
    figs: dict[str, dict] = {}
    extra_files: dict[str, pd.DataFrame] = {}
    summary: dict = {"language": lang}
    findings: list[dict] = []
    sections: list[Section] = []

    def figure(key: str, fn, *args):
        if not figures or out is None:
            return None
        files = fn(*args, out, list(figure_formats), dpi=figure_dpi, language=lang)
        if files:
            figs[key] = files
        return files

    # --- rankings ------------------------------------------------------------------------
    body = []
    summary["rankings"] = {}
    for index in ("PAPI", "PCI"):
        year = latest_broad_year(panel, index)
        if year is None:
            continue
        ranks = st.rank_within_year(panel, index)
        ranks = ranks[ranks["year"] == year]
        n = len(ranks)
        era = ranks["method_era"].iloc[0]
        source_rows = st.select_preferred(panel, index)
        year_sources = set(source_rows.loc[source_rows["year"] == year, "source"])
        refs = [cites.dataset(s) for s in sorted(year_sources - {"derived"})]
        if "derived" in year_sources:
            bases = panel.loc[
                (panel["index"] == index)
                & (panel["year"] == year)
                & ~panel["is_derived"]
                & (panel["level"] == "province"),
                "source",
            ]
            refs.append(cites.derived(f"{index.lower()}_total", sorted(set(bases))))
        marks = Markup("").join(cites.marker(n) for n in refs)
        t = Table(
            [
                cat("overview.rankings.col_rank"),
                cat("overview.rankings.col_province"),
                cat("overview.rankings.col_region"),
                cat("overview.rankings.col_value", unit=cat(f"index.unit.{index}")),
            ],
            numeric=(0, 3),
            caption=Markup("{}{}").format(
                cat(
                    "overview.rankings.caption",
                    index=cat(f"index.short.{index}"),
                    year=year,
                    n=fmt_int(n, lang),
                    era=cat(f"era.{era}"),
                ),
                marks,
            ),
        )
        for r in ranks.to_dict("records"):
            t.rows.append(
                [
                    fmt_int(r["rank"], lang),
                    r["province"],
                    table.at[r["province_code"], region_col],
                    fmt_num(r["value"], lang, 2),
                ]
            )
        body.append(t.html())
        top, bottom = ranks.iloc[0], ranks.iloc[-1]
        summary["rankings"][index] = {
            "year": year,
            "n_scored": n,
            "method_era": era,
            "ranking": _records(ranks[["rank", "province_code", "province", "value"]]),
        }
        key = "overview.findings.ranking_all" if n >= N_PROVINCES else "overview.findings.ranking_scored"
        findings.append(
            {
                "topic": "ranking",
                "index": index,
                "text": cat(
                    key,
                    year=year,
                    index=cat(f"index.short.{index}"),
                    n=fmt_int(n, lang),
                    top=top["province"],
                    top_value=fmt_num(top["value"], lang, 2),
                    bottom=bottom["province"],
                    bottom_value=fmt_num(bottom["value"], lang, 2),
                    unit=cat(f"index.unit.{index}"),
                ),
            }
        )
    sections.append(
        Section(
            "rankings",
            cat("overview.rankings.heading"),
            Markup('<div class="two">{}</div>').format(Markup("").join(body)),
            cat("overview.rankings.lead"),
        )
    )

    # --- movers --------------------------------------------------------------------------
    body = []
    summary["movers"] = {}
    for index in ("PAPI", "PCI"):
        data = st.select_preferred(panel, index)
        era = st.main_era(data)
        if era is None:
            continue
        ranks = st.rank_within_year(data[data["method_era"] == era], index)
        counts = ranks.groupby("year")["n_ranked"].first()
        years = counts[counts >= MIN_SCORED].index
        if len(years) < 2:
            continue
        start, end = int(years.min()), int(years.max())
        ch = st.rank_change(ranks, start, end)
        up, down = ch.head(5), ch.tail(5).iloc[::-1]
        t = Table(
            [
                cat("overview.movers.col_province"),
                cat("overview.movers.col_rank_start", year=start),
                cat("overview.movers.col_rank_end", year=end),
                cat("overview.movers.col_change"),
            ],
            numeric=(1, 2, 3),
            caption=cat(
                "overview.movers.caption",
                index=cat(f"index.short.{index}"),
                era=cat(f"era.{era}"),
                start=start,
                end=end,
                n=fmt_int(len(ch), lang),
            ),
        )
        for r in pd.concat([up, down]).to_dict("records"):
            t.rows.append(
                [
                    r["province"],
                    f"{fmt_int(r['rank_start'], lang)}/{fmt_int(r['n_start'], lang)}",
                    f"{fmt_int(r['rank_end'], lang)}/{fmt_int(r['n_end'], lang)}",
                    fmt_signed(r["places_gained"], lang, 0),
                ]
            )
        body.append(t.html())
        summary["movers"][index] = {
            "method_era": era,
            "start": start,
            "end": end,
            "n": len(ch),
            "up": _records(up),
            "down": _records(down),
        }
        if out is not None:
            extra_files[f"rank_changes_{index.lower()}.csv"] = ch.drop(columns=["province_code"])
    if body:
        sections.append(
            Section("movers", cat("overview.movers.heading"), Markup("").join(body), cat("overview.movers.lead"))
        )

    # --- regions -------------------------------------------------------------------------
    body = []
    summary["regions"] = {}
    for index in ("PAPI", "PCI"):
        year = summary["rankings"].get(index, {}).get("year")
        if year is None:
            continue
        reg = st.regional_means(panel, index)
        reg = reg[reg["year"] == year].sort_values("mean", ascending=False)
        names = {r: r for r in reg["region"]}
        if lang == "en":
            names = dict(zip(table["region6"], table["region6_en"]))
        t = Table(
            [
                cat("overview.regions.col_region"),
                cat("overview.regions.col_mean", unit=cat(f"index.unit.{index}")),
                cat("overview.regions.col_median", unit=cat(f"index.unit.{index}")),
                cat("overview.regions.col_n"),
            ],
            numeric=(1, 2, 3),
            caption=cat("overview.regions.caption", index=cat(f"index.short.{index}"), year=year),
        )
        for r in reg.to_dict("records"):
            t.rows.append(
                [
                    names.get(r["region"], r["region"]),
                    fmt_num(r["mean"], lang, 2),
                    fmt_num(r["median"], lang, 2),
                    fmt_int(r["n"], lang),
                ]
            )
        body.append(t.html())
        summary["regions"][index] = {"year": year, "regions": _records(reg[["region", "mean", "median", "n"]])}
    if body:
        sections.append(
            Section("regions", cat("overview.regions.heading"), Markup("").join(body), cat("overview.regions.lead"))
        )

    # --- PAPI against PCI ----------------------------------------------------------------
    corr = nb.cross_index_table(panel)
    both_year = int(corr["year"].max()) if len(corr) else None
    if both_year is not None:
        total = corr[(corr["a"] == "PAPI:total") & (corr["b"] == "PCI:total") & (corr["year"] == both_year)].iloc[0]
        scatter = figure("scatter", lambda *a, **k: papi_pci_scatter_figure(panel, both_year, *a, **k))
        sentence = _correlation_sentence(cat, lang, "PAPI", "PCI", total)
        findings.append({"topic": "correlation", "index": "PAPI/PCI", "text": sentence})
        sections.append(
            Section(
                "papi_pci",
                cat("overview.scatter.heading"),
                Markup("<p>{}</p>{}").format(sentence, _figure_html(scatter, cat, lang)),
            )
        )

    # --- convergence ---------------------------------------------------------------------
    beta = nb.beta_table(panel)
    sigma = pd.concat([st.sigma_convergence(panel, i) for i in ("PAPI", "PCI")], ignore_index=True)
    summary["beta_convergence"] = _records(beta)
    t = Table(
        [
            cat("overview.convergence.col_index"),
            cat("overview.convergence.col_years"),
            cat("overview.convergence.col_sd_start"),
            cat("overview.convergence.col_sd_end"),
            cat("overview.convergence.col_beta"),
            cat("overview.convergence.col_ci"),
            cat("overview.convergence.col_n"),
        ],
        numeric=(1, 2, 3, 4, 5, 6),
    )
    sigma_rows = []
    for r in beta.to_dict("records"):
        sd = sigma[(sigma["index"] == r["index"])].set_index("year")["sd"]
        sd_start, sd_end = float(sd.get(r["start"])), float(sd.get(r["end"]))
        sigma_rows.append(
            {"index": r["index"], "start": r["start"], "end": r["end"], "sd_start": sd_start, "sd_end": sd_end}
        )
        t.rows.append(
            [
                cat(f"index.short.{r['index']}"),
                f"{r['start']}–{r['end']}",
                fmt_num(sd_start, lang, 2),
                fmt_num(sd_end, lang, 2),
                fmt_signed(r["beta"], lang, 3),
                f"{fmt_signed(r['ci_low'], lang, 3)} – {fmt_signed(r['ci_high'], lang, 3)}",
                fmt_int(r["n"], lang),
            ]
        )
    summary["sigma_convergence"] = sigma_rows
    latest_papi = beta[beta["index"] == "PAPI"].iloc[-1].to_dict() if (beta["index"] == "PAPI").any() else None
    lead = ""
    if latest_papi:
        sd = next(s for s in sigma_rows if s["index"] == "PAPI" and s["start"] == latest_papi["start"])
        lead = _convergence_sentence(cat, lang, latest_papi, sd)
        findings.append({"topic": "convergence", "index": "PAPI", "text": lead})
    if out is not None:
        extra_files["sigma_convergence.csv"] = sigma
        extra_files["beta_convergence.csv"] = beta
    sections.append(
        Section(
            "convergence",
            cat("overview.convergence.heading"),
            Markup('<p>{}</p>{}<p class="note">{}</p>').format(lead, t.html(), cat("overview.convergence.note")),
            cat("overview.convergence.lead"),
        )
    )

    # --- correlations --------------------------------------------------------------------
    if len(corr):
        latest = corr[corr["year"] == both_year]
        summary["cross_index"] = _records(latest)
        t = Table(
            [
                cat("overview.correlation.col_pair"),
                cat("overview.correlation.col_year"),
                cat("overview.correlation.col_r"),
                cat("overview.correlation.col_p"),
                cat("overview.correlation.col_n"),
            ],
            numeric=(1, 2, 3, 4),
        )
        for r in latest.to_dict("records"):
            t.rows.append(
                [
                    f"{_component_name(cat, panel, r['a'], lang)} – {_component_name(cat, panel, r['b'], lang)}",
                    str(int(r["year"])),
                    fmt_num(r["pearson_r"], lang, 2),
                    fmt_p(r["pearson_p"], lang, bare=True),
                    fmt_int(r["n"], lang),
                ]
            )
        if out is not None:
            extra_files["cross_index_correlations.csv"] = corr
        sections.append(
            Section(
                "correlation",
                cat("overview.correlation.heading"),
                Markup("<p>{}</p>{}").format(cat("overview.correlation.sentence", year=both_year), t.html()),
                cat("overview.correlation.lead"),
            )
        )

    # --- PAR INDEX and SIPAS -------------------------------------------------------------
    body = []
    summary["par_sipas"] = {}
    for index in ("PAR_INDEX", "SIPAS"):
        known = nb.national_press_values(panel, index)
        if known.empty:
            continue
        body.append(Markup("<h3>{}</h3>").format(cat(f"index.name.{index}")))
        coverage = known.groupby("year")["province_code"].nunique().sort_index(ascending=False)
        body.append(
            Markup("<p>{}</p>").format(
                " ".join(
                    cat(
                        "overview.press.coverage",
                        index=cat(f"index.short.{index}"),
                        year=int(y),
                        n=fmt_int(n, lang),
                        total=N_PROVINCES,
                    )
                    for y, n in coverage.items()
                )
            )
        )
        t = Table(
            [
                cat("overview.press.col_year"),
                cat("overview.press.col_province"),
                cat("overview.press.col_value"),
                cat("overview.press.col_rank"),
                cat("overview.press.col_source"),
            ],
            numeric=(0, 2, 3),
        )
        recs = []
        for r in known.to_dict("records"):
            r = {k: _clean(v) for k, v in r.items()}
            n = cites.press(r["source_url"], r["quote"], r["year"])
            r["citation"], r["outlet"] = n, domain(r["source_url"])
            recs.append(r)
            rank = _rank_cell(cat, lang, r["rank"], r.get("rank_of"), True) if r.get("rank") is not None else "–"
            note = Markup(" ({})").format(cat("report.press.conflict")) if r["conflict"] else Markup("")
            t.rows.append(
                [
                    str(r["year"]),
                    r["province"],
                    fmt_num(r["value"], lang, 2),
                    rank,
                    Markup("{}{}{}").format(r["outlet"], cites.marker(n), note),
                ]
            )
        body.append(t.html())
        summary["par_sipas"][index] = {"coverage": {int(y): int(n) for y, n in coverage.items()}, "values": recs}
        y0, n0 = int(coverage.index[0]), int(coverage.iloc[0])
        findings.append(
            {
                "topic": "press",
                "index": index,
                "text": cat(
                    "overview.findings.press",
                    index=cat(f"index.short.{index}"),
                    year=y0,
                    n=fmt_int(n0, lang),
                    total=N_PROVINCES,
                ),
            }
        )
    if body:
        sections.append(
            Section("par_sipas", cat("report.press.heading"), Markup("").join(body), cat("overview.press.lead"))
        )

    # --- maps ----------------------------------------------------------------------------
    body = [
        _figure_html(figure("map_bands", gallery.band_map_figure, panel), cat, lang),
        _figure_html(
            figure("map_merged34", lambda o, f, **k: gallery.merged_map_figure(panel, o, population, f, **k)), cat, lang
        ),
    ]
    sections.append(Section("maps", cat("overview.maps.heading"), Markup("").join(body), cat("overview.maps.lead")))

    # --- downloads, sources, findings first ----------------------------------------------
    links = [Markup('<li><a href="{0}">{0}</a></li>').format(name) for name in sorted(extra_files)]
    links.append(Markup('<li><a href="summary.json">{}</a></li>').format(cat("report.downloads.summary")))
    sections.append(
        Section("downloads", cat("report.downloads.heading"), Markup("<ul>{}</ul>").format(Markup("").join(links)))
    )
    sections.append(Section("sources", cat("report.sources.heading"), cites.html(), cat("report.sources.lead")))
    findings = findings[:6]
    items = Markup("").join(Markup("<li>{}</li>").format(f["text"]) for f in findings)
    sections.insert(
        0,
        Section(
            "findings",
            cat("report.findings.heading"),
            Markup('<ul class="findings">{}</ul><p class="note">{}</p>').format(items, cat("report.findings.hedging")),
        ),
    )
    if out is not None:
        for name, df in extra_files.items():
            write_csv(df, out / name)
    summary["findings"] = findings
    summary["citations"] = cites.records()
    summary["software"] = software_versions()
    summary["figures"] = {k: {f: Path(p).name for f, p in files.items()} for k, files in figs.items()}
    page = Page(
        language=lang,
        title=cat("overview.title"),
        heading=cat("overview.heading"),
        subtitle=cat("overview.subtitle"),
        sections=sections,
        labels={"toc": cat("report.toc"), "footer": cat("report.footer")},
    )
    return Report(page, summary)


def _component_name(cat, panel: pd.DataFrame, code: str, lang: str) -> str:
    index, component = code.split(":", 1)
    if component == "total":
        return cat(f"index.short.{index}")
    labels = panel.loc[(panel["index"] == index) & (panel["component"] == component), f"component_label_{lang}"]
    label = labels.dropna().iloc[-1] if labels.notna().any() else component
    return f"{cat(f'index.short.{index}')}: {label}"


def _correlation_sentence(cat, lang: str, a: str, b: str, r) -> str:
    """Plain meaning of one correlation: "no clear relation" unless p < 0.05."""
    if r["pearson_p"] < 0.05:
        key = "overview.findings.corr_positive" if r["pearson_r"] > 0 else "overview.findings.corr_negative"
    else:
        key = "overview.findings.corr_none"
    return cat(
        key,
        year=int(r["year"]),
        a=cat(f"index.short.{a}"),
        b=cat(f"index.short.{b}"),
        r=fmt_num(r["pearson_r"], lang, 2),
        p=fmt_p(r["pearson_p"], lang),
        n=fmt_int(r["n"], lang),
    )


def _convergence_sentence(cat, lang: str, beta: dict, sd: dict) -> str:
    """Beta-convergence in words (hedged by the CI) with the spread at both ends."""
    d = direction(beta["ci_low"], beta["ci_high"])
    key = {
        "declined": "overview.findings.converge",
        "improved": "overview.findings.diverge",
        "no_clear_change": "overview.findings.converge_unclear",
    }[d]
    return cat(
        key,
        index=cat(f"index.short.{beta['index']}"),
        start=beta["start"],
        end=beta["end"],
        beta=fmt_signed(beta["beta"], lang, 3),
        ci_low=fmt_signed(beta["ci_low"], lang, 3),
        ci_high=fmt_signed(beta["ci_high"], lang, 3),
        n=fmt_int(beta["n"], lang),
        sd_start=fmt_num(sd["sd_start"], lang, 2),
        sd_end=fmt_num(sd["sd_end"], lang, 2),
    )
