"""One province's report as a reader gets it: sections built from the statistics, worded from the
message catalogue in the report's language, with numbered sources, figures and downloads.

``province_report`` computes everything and returns a :class:`Report`; ``Report.write`` writes
``report.html`` (the page), ``summary.json`` (the same numbers, findings and citations, for
machines) and ``data.csv`` (the province's values, Excel-safe). The notebook only calls these."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from markupsafe import Markup, escape

from .. import stats as st
from ..i18n import catalogue, check_language, fmt_int, fmt_num, fmt_p, fmt_range, fmt_signed
from ..provinces import name_of, province_table, resolve
from ..versions import software_versions
from . import numbers as nb
from .citations import Citations, domain
from .downloads import write_csv
from .findings import direction, province_findings
from .page import Page, Section
from .tables import Table

BROAD = ("PAPI", "PCI")
PRESS = ("PAR_INDEX", "SIPAS")


@dataclass
class Report:
    """A finished report: its page, its summary (JSON-serialisable) and the province's data."""

    page: Page
    summary: dict
    data: pd.DataFrame = field(default_factory=pd.DataFrame)

    def write(self, out: str | Path) -> dict[str, Path]:
        """Write ``report.html``, ``summary.json`` and ``data.csv`` into ``out`` (atomically each)."""
        out = Path(out)
        out.mkdir(parents=True, exist_ok=True)
        paths = {
            "html": _atomic_text(out / "report.html", self.page.html()),
            "summary": nb.write_json(self.summary, out / "summary.json"),
        }
        if not self.data.empty:
            paths["csv"] = write_csv(self.data, out / "data.csv")
        return paths

    def section_html(self, section_id: str) -> Markup:
        """One section as HTML, for display in a notebook."""
        s = next(s for s in self.page.sections if s.id == section_id)
        return Markup("<h2>{}</h2>{}").format(s.heading, s.body)


def interactive_dir(province: str | None = None) -> Path:
    """Where a report run interactively (not by the batch) is written:
    ``reports/interactive/<province slug>``, or ``reports/interactive/national`` without a province."""
    from ..config import REPORTS_DIR

    if province is None:
        return REPORTS_DIR / "interactive" / "national"
    return REPORTS_DIR / "interactive" / province_table().set_index("province_code").at[resolve(province), "slug"]


def _atomic_text(path: Path, text: str) -> Path:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)
    return path


def _clean(value):
    return nb._clean(value)


def _figure_html(files: dict | None, cat, lang: str) -> Markup:
    """A figure with its alt text (from the figure's sidecar) and download links; the figure's own
    title states its finding, so the caption holds only the downloads."""
    if not files or "png" not in files:
        return Markup("")
    side = json.loads(Path(files["json"]).read_text(encoding="utf-8")) if "json" in files else {}
    links = [
        Markup('<a href="{}">{}</a>').format(Path(files[k]).name, k.upper())
        for k in ("png", "svg", "pdf", "csv")
        if k in files
    ]
    return Markup(
        '<figure><img src="{src}" alt="{alt}" loading="lazy">'
        '<figcaption class="downloads">{dl}: {links}</figcaption></figure>'
    ).format(
        src=Path(files["png"]).name,
        alt=side.get("alt_text", ""),
        dl=cat("report.downloads.figure"),
        links=Markup(" · ").join(links),
    )


def _join(cat, names: list[str]) -> str:
    """ "A", "A và B", "A, B và C" (the language's list conjunction from the catalogue)."""
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + cat("report.merger.and") + names[-1]


def _rank_cell(cat, lang: str, rank: int, n: int | None, stated: bool) -> str:
    """ "19/63", "19/63 (as stated)", or "19 (as stated)" when the source gives no denominator."""
    if n is None:
        return cat("report.headline.rank_stated_alone", rank=fmt_int(rank, lang))
    key = "report.headline.rank_stated" if stated else "report.headline.rank_computed"
    return cat(key, rank=fmt_int(rank, lang), n=fmt_int(n, lang))


def _scale(cat, lang, lo, hi) -> str:
    if lo is None or hi is None or (isinstance(lo, float) and math.isnan(lo)):
        return ""
    return fmt_range(lo, hi, lang, 0, signed=False)


def province_report(
    panel: pd.DataFrame,
    province: str,
    language: str = "vi",
    out: str | Path | None = None,
    indices=nb.DEFAULT_INDICES,
    population: pd.DataFrame | None = None,
    missing: pd.DataFrame | None = None,
    figure_formats=("png",),
    figure_dpi: int = 200,
    figures: bool = True,
) -> Report:
    """Build the report of ``province`` (any spelling) in ``language`` ("vi" or "en"). Figures
    are written into ``out`` (required when ``figures``). ``missing`` is
    ``analysis.gaps.missing_reasons()`` (why a value is missing); read when None."""
    from ..figures import gallery

    check_language(language)
    cat = catalogue(language)
    lang = language
    code = resolve(province)
    info = province_table().set_index("province_code").loc[code]
    name = name_of(code)
    region = info["region6"] if lang == "vi" else info["region6_en"]
    cites = Citations(cat)
    out = Path(out) if out is not None else None
    figs: dict[str, dict] = {}

    def figure(key: str, name: str, *args):
        if not figures or out is None:
            return None
        files = getattr(gallery, name)(*args, out, list(figure_formats), dpi=figure_dpi, language=lang)
        if files:
            figs[key] = files
        return files

    # --- numbers -------------------------------------------------------------------------
    head = nb.headline(panel, code, indices)
    head_records = {r["index"]: {k: _clean(v) for k, v in r.items()} for r in head.to_dict("records")}
    for r in head_records.values():
        if r.get("rank_basis") == "as stated in the source":
            r["rank_basis"] = "stated"
        elif r.get("rank_basis"):
            r["rank_basis"] = "computed"
        r.pop("label", None)
        r.pop("note", None)
    trend_df = nb.trends(panel, code, indices)
    trends = {r["index"]: {k: _clean(v) for k, v in r.items()} for r in trend_df.to_dict("records")}
    for t in trends.values():
        for k in ("first_year", "last_year", "n_years"):  # float columns when an index has no row
            if t.get(k) is not None:
                t[k] = int(t[k])
        if t.get("status") == "ok":
            t["direction"] = direction(t["ci_low"], t["ci_high"])
    gaps = {i: nb.latest_gap(panel, code, i) for i in BROAD if i in indices}
    movements = {i: nb.rank_movement(panel, code, i) for i in BROAD if i in indices}
    press_tables = {i: nb.press_values(panel, code, i) for i in PRESS if i in indices}
    press_latest = {}
    for i, pv in press_tables.items():
        with_value = pv[pv["value"].notna()]
        if len(with_value):
            latest = with_value[with_value["year"] == with_value["year"].max()].iloc[0].to_dict()
            latest = {k: _clean(v) for k, v in latest.items()}
            latest["conflict"] = bool(
                with_value[with_value["year"] == latest["year"]].shape[0] > 1 or latest["conflict"]
            )
            latest["outlet"] = domain(latest["source_url"])
            latest["citation"] = cites.press(latest["source_url"], latest["quote"], latest["year"])
            press_latest[i] = latest

    findings = province_findings(cat, name, region, head_records, trends, gaps, movements, press_latest)

    sections: list[Section] = []

    # --- key findings --------------------------------------------------------------------
    items = []
    for f in findings:
        marker = Markup("")
        if f["topic"] == "press":
            marker = cites.marker(press_latest[f["index"]]["citation"])
        items.append(Markup("<li>{}{}</li>").format(f["text"], marker))
    sections.append(
        Section(
            "findings",
            cat("report.findings.heading"),
            Markup('<ul class="findings">{}</ul><p class="note">{}</p>').format(
                Markup("").join(items), cat("report.findings.hedging")
            ),
        )
    )

    # --- headline table ------------------------------------------------------------------
    t = Table(
        [
            cat("report.headline.col_index"),
            cat("report.headline.col_year"),
            cat("report.headline.col_value"),
            cat("report.headline.col_scale"),
            cat("report.headline.col_rank"),
            cat("report.headline.col_source"),
        ],
        numeric=(1, 2, 4),
    )
    for index in indices:
        r = head_records.get(index)
        if r is None or r.get("value") is None:
            t.rows.append([cat(f"index.short.{index}"), "–", cat("missing"), "", "–", cat("report.headline.no_value")])
            continue
        if r["source"] == "derived":
            r["derived_from"] = _derived_bases(panel, code, index, r["year"])
        n = cites.for_row({**r, "component": "total"})
        r["citation"] = n
        rank = "–"
        if r.get("rank") is not None:
            rank = _rank_cell(cat, lang, r["rank"], r.get("n_ranked"), r["rank_basis"] == "stated")
        kind = {"press": "report.headline.kind_press", "derived": "report.headline.kind_derived"}.get(
            r["confidence"], "report.headline.kind_published"
        )
        t.rows.append(
            [
                cat(f"index.short.{index}"),
                str(r["year"]),
                fmt_num(r["value"], lang, 2),
                f"{_scale(cat, lang, r['scale_min'], r['scale_max'])} {cat(f'index.unit.{index}')}",
                rank,
                Markup("{} {}").format(cat(kind), cites.marker(n)),
            ]
        )
    sections.append(Section("headline", cat("report.headline.heading"), t.html(), cat("report.headline.lead")))

    # --- trends --------------------------------------------------------------------------
    t = Table(
        [
            cat("report.trends.col_index"),
            cat("report.trends.col_era"),
            cat("report.trends.col_years"),
            cat("report.trends.col_slope"),
            cat("report.trends.col_ci"),
            cat("report.trends.col_p"),
            cat("report.trends.col_reading"),
        ],
        numeric=(3, 4, 5),
    )
    for index in indices:
        tr = trends.get(index, {})
        if not tr or tr.get("status") == "no data":
            continue
        era = cat(f"era.{tr['method_era']}") if tr.get("method_era") else ""
        years = "–"
        if tr.get("n_years") == 1:
            years = cat("report.trends.year_one", year=tr["first_year"])
        elif tr.get("n_years"):
            years = cat(
                "report.trends.years", first=tr["first_year"], last=tr["last_year"], n=fmt_int(tr["n_years"], lang)
            )
        if tr.get("status") == "ok":
            t.rows.append(
                [
                    cat(f"index.short.{index}"),
                    era,
                    years,
                    fmt_signed(tr["slope"], lang, 2),
                    fmt_range(tr["ci_low"], tr["ci_high"], lang, 2),
                    fmt_p(tr["p_value"], lang, bare=True),
                    cat(f"report.trends.reading_{tr['direction']}"),
                ]
            )
        else:
            t.rows.append([cat(f"index.short.{index}"), era, years, "–", "–", "–", cat("report.trends.too_few")])
    body = [t.html()]
    for index in BROAD:
        if index in indices and index in head_records and head_records[index].get("value") is not None:
            body.append(_figure_html(figure(f"trend_{index}", "trend_figure", panel, code, index), cat, lang))
    sections.append(Section("trends", cat("report.trends.heading"), Markup("").join(body), cat("report.trends.lead")))

    # --- ranks ---------------------------------------------------------------------------
    body = []
    for index in BROAD:
        if index in indices and head_records.get(index, {}).get("value") is not None:
            body.append(_figure_html(figure(f"ranks_{index}", "rank_figure", panel, code, index), cat, lang))
    if body:
        sections.append(Section("ranks", cat("report.ranks.heading"), Markup("").join(body), cat("report.ranks.lead")))

    # --- PAR INDEX and SIPAS -------------------------------------------------------------
    press_records = {}
    body = []
    for index, pv in press_tables.items():
        body.append(Markup("<h3>{}</h3>").format(cat(f"index.name.{index}")))
        if pv.empty:
            body.append(
                Markup('<p class="note">{}</p>').format(cat("report.press.none", index=cat(f"index.short.{index}")))
            )
            continue
        body.append(_figure_html(figure(f"press_{index}", "par_sipas_figure", panel, code, index), cat, lang))
        t = Table(
            [
                cat("report.press.col_year"),
                cat("report.press.col_value"),
                cat("report.press.col_rank"),
                cat("report.press.col_source"),
            ],
            numeric=(0, 1, 2),
        )
        recs = []
        for r in pv.to_dict("records"):
            r = {k: _clean(v) for k, v in r.items()}
            n = cites.press(r["source_url"], r["quote"], r["year"])
            r["citation"] = n
            r["outlet"] = domain(r["source_url"])
            recs.append(r)
            rank = "–"
            if r.get("rank") is not None:
                rank = _rank_cell(cat, lang, r["rank"], r.get("rank_of"), True)
            note = Markup(" ({})").format(cat("report.press.conflict")) if r["conflict"] else Markup("")
            t.rows.append(
                [
                    str(r["year"]),
                    fmt_num(r["value"], lang, 2) if r.get("value") is not None else "–",
                    rank,
                    Markup("{}{}{}").format(r["outlet"], cites.marker(n), note),
                ]
            )
        press_records[index] = recs
        body.append(t.html())
    if body:
        sections.append(
            Section("par_sipas", cat("report.press.heading"), Markup("").join(body), cat("report.press.lead"))
        )

    # --- PAPI profile ----------------------------------------------------------------------
    if "PAPI" in indices and head_records.get("PAPI", {}).get("value") is not None:
        sections.append(
            Section(
                "profile",
                cat("report.profile.heading"),
                _figure_html(figure("profile", "profile_figure", panel, code), cat, lang),
                cat("report.profile.lead"),
            )
        )

    # --- region and peers ----------------------------------------------------------------
    body = []
    gap_records = {}
    for index in BROAD:
        if index not in indices:
            continue
        try:
            g = st.province_gaps(panel, code, index)
        except ValueError:
            continue
        # One method era per table: scales differ across eras (PAPI 6-60 before 2018, 10-80 after).
        g = g[g["method_era"] == g["method_era"].iloc[-1]].tail(6)
        unit = cat(f"index.unit.{index}")
        t = Table(
            [
                cat("report.region.col_year"),
                cat("report.region.col_value", unit=unit),
                cat("report.region.col_region_mean", region=region, unit=unit),
                cat("report.region.col_national_median", unit=unit),
                cat("report.region.col_gap_region"),
                cat("report.region.col_gap_national"),
            ],
            numeric=(0, 1, 2, 3, 4, 5),
            caption=cat(
                "report.region.caption", index=cat(f"index.short.{index}"), era=cat(f"era.{g['method_era'].iloc[-1]}")
            ),
        )
        for r in g.to_dict("records"):
            t.rows.append(
                [
                    str(int(r["year"])),
                    fmt_num(r["value"], lang, 2),
                    fmt_num(r["region_mean"], lang, 2),
                    fmt_num(r["national_median"], lang, 2),
                    fmt_signed(r["gap_region"], lang, 2),
                    fmt_signed(r["gap_national"], lang, 2),
                ]
            )
        gap_records[index] = [{k: _clean(v) for k, v in r.items() if k != "province"} for r in g.to_dict("records")]
        body.append(t.html())
        try:
            peers = st.peers(panel, code, index, n=5)
        except ValueError:
            peers = pd.DataFrame()
        if len(peers):
            year = int(peers["year"].iloc[0])
            t = Table(
                [
                    cat("report.region.col_peer"),
                    cat("report.region.col_peer_level", year=year, unit=unit),
                    cat("report.region.col_peer_slope", unit=unit),
                ],
                numeric=(1, 2),
                caption=cat(
                    "report.region.peers_caption",
                    index=cat(f"index.short.{index}"),
                    era=cat(f"era.{peers['method_era'].iloc[0]}"),
                ),
            )
            for r in peers.to_dict("records"):
                t.rows.append([r["province"], fmt_num(r["level"], lang, 2), fmt_signed(r["slope"], lang, 2)])
            body.append(t.html())
    if body:
        sections.append(
            Section(
                "region", cat("report.region.heading", region=region), Markup("").join(body), cat("report.region.lead")
            )
        )

    # --- method breaks -------------------------------------------------------------------
    brk = nb.method_breaks(panel, code, indices)
    break_records = []
    if len(brk):
        t = Table(
            [
                cat("report.breaks.col_index"),
                cat("report.breaks.col_year"),
                cat("report.breaks.col_change"),
                cat("report.breaks.col_years"),
                cat("report.breaks.col_shift"),
                cat("report.breaks.col_p"),
            ],
            numeric=(1, 4, 5),
        )
        for r in brk.to_dict("records"):
            ok = r["status"] == "ok"
            t.rows.append(
                [
                    cat(f"index.short.{r['index']}"),
                    str(int(r["break_year"])),
                    cat(
                        "report.breaks.change", before=cat(f"era.{r['era_before']}"), after=cat(f"era.{r['era_after']}")
                    ),
                    cat("report.breaks.years", before=fmt_int(r["n_before"], lang), after=fmt_int(r["n_after"], lang)),
                    fmt_signed(r["level_shift"], lang, 2) if ok else cat("report.breaks.too_few"),
                    fmt_p(r["p_value"], lang, bare=True) if ok else "–",
                ]
            )
            break_records.append({k: _clean(v) for k, v in r.items() if k != "what_changed"})
        sections.append(Section("breaks", cat("report.breaks.heading"), t.html(), cat("report.breaks.lead")))

    # --- 2025 merger ---------------------------------------------------------------------
    table = province_table()
    members = table[table["new_code_2025"] == info["new_code_2025"]]
    merged = None
    if len(members) > 1:
        partners = [p for p in members["province"] if p != name]
        mh = nb.merged_history(panel, code, population, [i for i in BROAD if i in indices])
        if len(mh):
            # The main method era of each index only, as in the trend: no table across a method change.
            eras = {i: st.main_era(nb._totals(panel, i)) for i in mh["index"].unique()}
            mh = mh[mh["method_era"] == mh["index"].map(eras)]
        t = Table(
            [
                cat("report.merger.col_index"),
                cat("report.merger.col_year"),
                cat("report.merger.col_value"),
                cat("report.merger.col_members"),
            ],
            numeric=(1, 2),
        )
        for r in mh.to_dict("records"):
            value = fmt_num(r["value"], lang, 2) if pd.notna(r["value"]) else cat("report.merger.incomplete")
            t.rows.append(
                [
                    cat(f"index.short.{r['index']}"),
                    str(int(r["year"])),
                    value,
                    cat(
                        "report.merger.members",
                        n=fmt_int(r["n_members_with_value"], lang),
                        total=fmt_int(r["n_members"], lang),
                    ),
                ]
            )
        merged = {
            "new_province_2025": info["new_province_2025"],
            "new_code_2025": info["new_code_2025"],
            "partners": partners,
            "history": [{k: _clean(v) for k, v in r.items()} for r in mh.to_dict("records")],
        }
        sections.append(
            Section(
                "merger",
                cat("report.merger.heading", new=info["new_province_2025"]),
                t.html(),
                cat(
                    "report.merger.lead",
                    eras=_join(cat, [cat(f"era.{e}") for e in dict.fromkeys(mh["method_era"])]) if len(mh) else "",
                    province=name,
                    partners=_join(cat, partners),
                    new=info["new_province_2025"],
                ),
            )
        )

    # --- data gaps -----------------------------------------------------------------------
    gap_rows = _missing_for(panel, code, indices, missing)
    if len(gap_rows):
        t = Table([cat("report.gaps.col_index"), cat("report.gaps.col_years"), cat("report.gaps.col_reason")])
        for (index, reason), g in gap_rows.groupby(["index", "reason"], sort=False):
            years = ", ".join(str(int(y)) for y in sorted(g["year"]))
            t.rows.append([cat(f"index.short.{index}"), years, cat(f"report.gaps.reason.{reason}")])
        body = t.html()
    else:
        body = Markup("<p>{}</p>").format(cat("report.gaps.none"))
    sections.append(Section("gaps", cat("report.gaps.heading"), body, cat("report.gaps.lead")))

    # --- downloads and sources -----------------------------------------------------------
    data = province_data(panel, code)
    links = [Markup('<li><a href="data.csv">{}</a></li>').format(cat("report.downloads.csv"))]
    links.append(Markup('<li><a href="summary.json">{}</a></li>').format(cat("report.downloads.summary")))
    sections.append(
        Section("downloads", cat("report.downloads.heading"), Markup("<ul>{}</ul>").format(Markup("").join(links)))
    )
    sections.append(Section("sources", cat("report.sources.heading"), cites.html(), cat("report.sources.lead")))

    page = Page(
        language=lang,
        title=cat("report.title", province=name),
        heading=cat("report.heading", province=name),
        subtitle=cat("report.subtitle", region=region),
        sections=sections,
        labels={"toc": cat("report.toc"), "footer": cat("report.footer")},
    )
    summary = {
        "province": name,
        "province_code": code,
        "slug": info["slug"],
        "language": lang,
        "region6": info["region6"],
        "region6_en": info["region6_en"],
        "new_province_2025": info["new_province_2025"],
        "new_code_2025": info["new_code_2025"],
        "headline": [head_records[i] for i in indices if i in head_records],
        "findings": findings,
        "trends": [trends[i] for i in indices if i in trends],
        "gaps_to_region": {i: gap_records.get(i) for i in gap_records},
        "latest_gap": {i: g for i, g in gaps.items() if g},
        "rank_movement": {i: m for i, m in movements.items() if m},
        "par_sipas": press_records,
        "method_breaks": break_records,
        "merged_2025": merged,
        "data_gaps": [{k: _clean(v) for k, v in r.items()} for r in gap_rows.to_dict("records")],
        "citations": cites.records(),
        "software": software_versions(),
        "figures": {k: {f: Path(p).name for f, p in files.items()} for k, files in figs.items()},
    }
    return Report(page, summary, data)


def _derived_bases(panel: pd.DataFrame, code: str, index: str, year: int) -> list[str]:
    """The published datasets a derived value of ``index`` in ``year`` is computed from."""
    rows = panel[
        (panel["index"] == index)
        & (panel["province_code"] == code)
        & (panel["year"] == year)
        & ~panel["is_derived"]
        & panel["component"].str.startswith(("dimension:", "subdimension:"))
    ]
    return sorted(set(rows["source"]))


def _missing_for(panel: pd.DataFrame, code: str, indices, missing: pd.DataFrame | None) -> pd.DataFrame:
    """Why the province has no value in the years each index covers (``analysis.gaps``)."""
    if missing is None:
        from ..gaps import load_missing_reasons

        missing = load_missing_reasons(panel)
    rows = missing[(missing["province_code"] == code) & missing["index"].isin(list(indices))].copy()
    # A press-only year whose article states the rank but not the value says so.
    ranked = panel[(panel["province_code"] == code) & (panel["component"] == "rank") & (panel["confidence"] == "press")]
    ranked_years = set(zip(ranked["index"], ranked["year"].astype(int)))
    rank_only = [
        (i, int(y)) in ranked_years and r == "press_only"
        for i, y, r in zip(rows["index"], rows["year"], rows["reason"])
    ]
    rows.loc[rank_only, "reason"] = "rank_only"
    order = {i: k for k, i in enumerate(indices)}
    return rows.sort_values(["index", "year"], key=lambda s: s.map(order) if s.name == "index" else s)[
        ["index", "year", "reason"]
    ].reset_index(drop=True)


def province_data(panel: pd.DataFrame, code: str) -> pd.DataFrame:
    """The province's preferred values of every index and component (the report's ``data.csv``):
    index, component, labels, year, value, scale, unit, method era, source and, for press values,
    the URL and quote."""
    rows = panel[(panel["province_code"] == code) & panel["is_preferred"]]
    cols = [
        "index",
        "component",
        "component_label_vi",
        "component_label_en",
        "year",
        "value",
        "scale_min",
        "scale_max",
        "unit",
        "method_era",
        "source",
        "confidence",
        "source_url",
        "quote",
    ]
    return rows[cols].sort_values(["index", "component", "year"]).reset_index(drop=True)


__all__ = ["Report", "province_report", "province_data", "escape"]
