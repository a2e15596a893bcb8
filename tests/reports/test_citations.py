"""Every press value a report shows is attributed: a numbered source with the article's URL and
the quoted sentence, linked from the page's Sources section; every [n] marker resolves."""

from __future__ import annotations

import random
import re
from html.parser import HTMLParser

import pandas as pd
import pytest

MISSING_COLUMNS = ["index", "province_code", "year", "reason", "detail"]
LANGUAGES = ("vi", "en")
FIXED = ["Quảng Ninh", "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế"]


@pytest.fixture(scope="module")
def panel():
    from analysis.reports.numbers import report_panel

    return report_panel()


@pytest.fixture(scope="module")
def provinces(panel):
    """Three fixed provinces and three more with press values, drawn with a fixed seed."""
    press = panel[panel["index"].isin(["PAR_INDEX", "SIPAS"]) & (panel["level"] == "province")]
    with_press = sorted(set(press["province"].dropna()) - set(FIXED))
    assert len(with_press) >= 3
    return FIXED + random.Random(63).sample(with_press, 3)


@pytest.fixture(scope="module")
def reports(panel, provinces):
    from analysis.panel import load_population
    from analysis.reports.province import province_report

    try:
        from analysis.gaps import missing_reasons

        missing = missing_reasons(panel)
    except ImportError:
        missing = pd.DataFrame(columns=MISSING_COLUMNS)
    population = load_population()
    out = {}
    for p in provinces:
        for lang in LANGUAGES:
            rep = province_report(panel, p, language=lang, population=population, missing=missing, figures=False)
            out[p, lang] = (rep.summary, rep.page.html())
    return out


class Links(HTMLParser):
    """Anchors (href, text, section id, enclosing li id), element ids, quotes per li."""

    VOID = {"meta", "br", "img", "link", "hr", "input", "wbr"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.anchors: list[dict] = []
        self.ids: list[str] = []
        self.quotes: dict[str, list[str]] = {}
        self.text_nodes: list[tuple[str, tuple[str, ...]]] = []

    def _nearest(self, attr: str, tag: str | None = None):
        for t, a in reversed(self.stack):
            if attr in a and (tag is None or t == tag):
                return a[attr]
        return None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if tag in self.VOID:
            return
        self.stack.append((tag, attrs))
        if tag == "a":
            self.anchors.append(
                {
                    "href": attrs.get("href"),
                    "text": "",
                    "section": self._nearest("id", "section"),
                    "li": self._nearest("id", "li"),
                }
            )

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        tags = tuple(t for t, _ in self.stack)
        if "style" in tags:
            return
        self.text_nodes.append((data, tags))
        if tags and tags[-1] == "a" and self.anchors:
            self.anchors[-1]["text"] += data
        if "q" in tags:
            self.quotes.setdefault(self._nearest("id", "li"), []).append(data)


def read(html: str) -> Links:
    p = Links()
    p.feed(html)
    p.close()
    return p


def _cases():
    return [(i, lang) for i in range(len(FIXED) + 3) for lang in LANGUAGES]


@pytest.fixture(params=_cases(), ids=lambda c: f"{c[0]}-{c[1]}")
def case(request, reports, provinces):
    i, lang = request.param
    summary, html = reports[provinces[i], lang]
    return provinces[i], lang, summary, html


def test_chosen_provinces_have_press_values(reports, provinces):
    for p in provinces:
        summary, _html = reports[p, "vi"]
        assert any(summary["par_sipas"].get(i) for i in ("PAR_INDEX", "SIPAS")), p


def test_every_press_record_cites_an_article(case):
    province, lang, summary, _html = case
    cites = {c["n"]: c for c in summary["citations"]}
    for index, records in summary["par_sipas"].items():
        assert records, index
        for r in records:
            c = cites.get(r["citation"])
            assert c is not None, (index, r["year"])
            assert c["kind"] == "press", (index, r["year"], c)
            assert isinstance(c["url"], str) and c["url"].startswith(("http://", "https://")), c
            assert c["url"] == r["source_url"]
            assert isinstance(c["quote"], str) and c["quote"].strip(), (province, index, r["year"], c["url"])
            assert c["outlet"] and c["outlet"] in c["url"]


def test_press_headline_and_findings_cite_articles(case):
    province, lang, summary, html = case
    cites = {c["n"]: c for c in summary["citations"]}
    for h in summary["headline"]:
        if h.get("confidence") == "press":
            c = cites[h["citation"]]
            assert c["kind"] == "press" and c["url"] == h["source_url"] and c["quote"].strip()
    page = read(html)
    # every press finding carries a marker to a press source
    findings_links = [a for a in page.anchors if a["section"] == "findings"]
    n_press = sum(f["topic"] == "press" for f in summary["findings"])
    press_refs = [a for a in findings_links if a["href"].startswith("#src-")]
    assert len(press_refs) >= n_press
    for a in press_refs:
        assert cites[int(a["href"][5:])]["kind"] == "press"


def test_sources_section_links_every_press_url(case):
    province, lang, summary, html = case
    page = read(html)
    source_hrefs = {a["href"] for a in page.anchors if a["section"] == "sources"}
    for index, records in summary["par_sipas"].items():
        for r in records:
            assert r["source_url"] in source_hrefs, (province, lang, index, r["year"], r["source_url"])
    # each press source shows its quote, in the list item of its own number
    for c in summary["citations"]:
        if c["kind"] == "press":
            shown = " ".join(page.quotes.get(f"src-{c['n']}", []))
            assert " ".join(c["quote"].split()) == " ".join(shown.split()), c["n"]
            li_links = [a["href"] for a in page.anchors if a["li"] == f"src-{c['n']}"]
            assert c["url"] in li_links


def test_every_marker_resolves(case):
    province, lang, summary, html = case
    page = read(html)
    ids = set(page.ids)
    markers = [a for a in page.anchors if (a["href"] or "").startswith("#src-")]
    assert markers
    for a in markers:
        n = a["href"][len("#src-") :]
        assert a["href"][1:] in ids, (province, lang, a)
        assert a["text"].strip() == f"[{n}]", a
    # every "[n]" a reader sees outside quotes is such a link
    for text, tags in page.text_nodes:
        if "q" in tags or "a" in tags:
            continue
        assert not re.search(r"\[\d+\]", text), (province, lang, text)


def test_sources_are_numbered_once_and_all_used(case):
    province, lang, summary, html = case
    page = read(html)
    numbers = [c["n"] for c in summary["citations"]]
    assert numbers == list(range(1, len(numbers) + 1))
    src_ids = [i for i in page.ids if i.startswith("src-")]
    assert sorted(src_ids) == sorted(f"src-{n}" for n in numbers)
    assert len(src_ids) == len(set(src_ids))
    linked = {a["href"][1:] for a in page.anchors if (a["href"] or "").startswith("#src-")}
    assert set(src_ids) - linked == set(), "a source no value cites"


def test_no_two_press_sources_repeat_url_and_quote(case):
    _p, _l, summary, _html = case
    keys = [(c["url"], c["quote"]) for c in summary["citations"] if c["kind"] == "press"]
    assert len(keys) == len(set(keys))


def test_every_press_value_of_every_province_has_url_and_quote(panel):
    """What the press tables of all 63 reports would show (without building the reports)."""
    from analysis.provinces import province_table
    from analysis.reports.numbers import press_values

    bad = []
    for code in province_table()["province_code"]:
        for index in ("PAR_INDEX", "SIPAS"):
            for r in press_values(panel, code, index).to_dict("records"):
                url, quote = r["source_url"], r["quote"]
                if not (isinstance(url, str) and url.startswith(("http://", "https://"))):
                    bad.append((code, index, r["year"], "url", url))
                if not (isinstance(quote, str) and quote.strip()):
                    bad.append((code, index, r["year"], "quote", quote))
    assert bad == []
