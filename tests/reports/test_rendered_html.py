"""The rendered province page as a reader sees it: language attribute, title, no program output
or code names, Vietnamese pages in Vietnamese with decimal commas, the 2025-merger section only for
merged provinces. Three provinces (Quảng Ninh; Bà Rịa - Vũng Tàu, merged into Hồ Chí Minh on
1 July 2025; Thừa Thiên Huế, not merged) in both languages, built from the real panel."""

from __future__ import annotations

import re
import string
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pandas as pd
import pytest

from analysis.i18n import catalogue
from analysis.provinces import province_table

QUANG_NINH, MERGED, NOT_MERGED = "Quảng Ninh", "Bà Rịa - Vũng Tàu", "Thừa Thiên Huế"
PROVINCES = (QUANG_NINH, MERGED, NOT_MERGED)
LANGUAGES = ("vi", "en")
CASES = [(p, lang) for p in PROVINCES for lang in LANGUAGES]

# Thừa Thiên Huế has no SIPAS score, so the trends frame holds a missing row and its year columns
# turn float: the page prints "2018.0–2024.0" in the findings and the trends table.


MISSING_COLUMNS = ["index", "province_code", "year", "reason", "detail"]


# --- the real reports, built once for this module ----------------------------------------------
@pytest.fixture(scope="module")
def inputs():
    from analysis.panel import load_population
    from analysis.reports.numbers import report_panel

    panel = report_panel()
    try:
        from analysis.gaps import missing_reasons

        missing = missing_reasons(panel)
    except ImportError:
        missing = pd.DataFrame(columns=MISSING_COLUMNS)
    return panel, load_population(), missing


@pytest.fixture(scope="module")
def pages(inputs):
    from analysis.reports.province import province_report

    panel, population, missing = inputs
    out = {}
    for province, lang in CASES:
        rep = province_report(panel, province, language=lang, population=population, missing=missing, figures=False)
        out[province, lang] = (rep.page.html(), rep.summary)
    return out


# --- a small reader of the page ---------------------------------------------------------------
@dataclass
class Node:
    text: str
    tags: tuple[str, ...]
    section: str | None
    element_ids: tuple[int, ...] = ()

    @property
    def in_quote(self) -> bool:
        return "q" in self.tags

    @property
    def in_link(self) -> bool:
        return "a" in self.tags


@dataclass
class Page:
    html_lang: str | None = None
    nodes: list[Node] = field(default_factory=list)
    ids: set[str] = field(default_factory=set)

    def text(self, *, quotes: bool = True, links: bool = True, section: str | None = None) -> str:
        return "\n".join(
            n.text
            for n in self.nodes
            if (quotes or not n.in_quote) and (links or not n.in_link) and (section is None or n.section == section)
        )

    def texts_in(self, *tags: str) -> list[str]:
        """Whole text of each element whose tag is one of ``tags`` (joined over its children)."""
        out: dict[int, list[str]] = {}
        for n in self.nodes:
            for depth, t in enumerate(n.tags):
                if t in tags:
                    out.setdefault(n.element_ids[depth], []).append(n.text)
        return [" ".join(" ".join(v).split()) for v in out.values()]


class _Reader(HTMLParser):
    VOID = {"meta", "br", "img", "link", "hr", "input", "wbr", "source"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self.stack: list[tuple[str, int, str | None]] = []  # (tag, element id, section id)
        self.counter = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.page.html_lang = attrs.get("lang")
        if "id" in attrs:
            self.page.ids.add(attrs["id"])
        if tag in self.VOID:
            return
        section = self.stack[-1][2] if self.stack else None
        if tag == "section":
            section = attrs.get("id")
        self.counter += 1
        self.stack.append((tag, self.counter, section))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        tags = tuple(t for t, _, _ in self.stack)
        if "style" in tags or "script" in tags or not data.strip():
            return
        section = self.stack[-1][2] if self.stack else None
        self.page.nodes.append(Node(data, tags, section, tuple(i for _, i, _ in self.stack)))


def read(html: str) -> Page:
    r = _Reader()
    r.feed(html)
    r.close()
    return r.page


@pytest.fixture(scope="module")
def read_pages(pages):
    return {k: read(html) for k, (html, _s) in pages.items()}


def _merged_partners(province: str) -> tuple[bool, list[str], str]:
    t = province_table()
    row = t[t["province"] == province].iloc[0]
    members = t[t["new_code_2025"] == row["new_code_2025"]]
    return len(members) > 1, [p for p in members["province"] if p != province], row["new_province_2025"]


def _strip_urls(text: str) -> str:
    """Text without URLs, domain names (outlets) and IP addresses."""
    text = re.sub(r"https?://\S+", " ", text)
    text = re.sub(r"\b\d{1,3}(?:\.\d{1,3}){3}\b", " ", text)
    return re.sub(r"\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}\b", " ", text)


# --- tests ------------------------------------------------------------------------------------
def test_chosen_provinces_cover_merged_and_not_merged():
    assert _merged_partners(MERGED)[0] is True
    assert _merged_partners(NOT_MERGED)[0] is False
    assert _merged_partners(QUANG_NINH)[0] is False


@pytest.mark.parametrize("province, lang", CASES)
def test_html_lang_and_title(read_pages, province, lang):
    page = read_pages[province, lang]
    assert page.html_lang == lang
    titles = [n.text.strip() for n in page.nodes if n.tags[-1:] == ("title",)]
    assert len(titles) == 1, titles
    assert titles[0] and titles[0] != "Notebook" and province in titles[0]
    h1 = [n.text for n in page.nodes if n.tags[-1:] == ("h1",)]
    assert h1 and province in h1[0]


LEAKS = ["PosixPath", ".partial", "<NA>", "/work/", "data/raw", "data/processed", ".ipynb", ".parquet", "Traceback"]
LEAK_PATTERNS = [
    r"\bNaN\b",
    r"\bnan\b",
    r"\bNone\b",
    r"\bNaT\b",
    r"\[\d{4}, \d{4}",  # a Python list of years
    r"\['",
    r"\{'",  # a dict repr
    r"\bdtype\b",
    r"\bdef ",
    r"\bimport ",
    r"\bIn \[\d*\]:",  # notebook prompts
]
CODE_NAMES = [
    "gap_national",
    "gap_region",
    "region_mean",
    "national_median",
    "method_era",
    "8dim-2018",
    "6dim-2011",
    "pci-2013",
    "pci-2021",
    "par-2024",
    "sipas-2022",
    "PAR_INDEX",
    "n_members",
    "n_ranked",
    "press_par_sipas",
    "papi_hnks",
    "pci_tables_partial",
    "rank_basis",
    "no_clear_change",
    "insufficient data",
    "computed from the scores",
    "as stated in the source",
    "report.",
    "findings.",
]


@pytest.mark.parametrize("province, lang", CASES)
def test_no_program_output_in_visible_text(read_pages, province, lang):
    page = read_pages[province, lang]
    # Quoted press sentences are verbatim source text (an English quote may say "import");
    # everything else a reader sees is written by the project.
    own = page.text(quotes=False)
    found = [s for s in LEAKS if s in own] + [p for p in LEAK_PATTERNS if re.search(p, own)]
    assert found == [], [(p, re.search(re.escape(p) if p in LEAKS else p, own)) for p in found]
    quotes = [n.text.strip() for n in page.nodes if n.in_quote]
    assert not [q for q in quotes if q in ("nan", "NaN", "None", "<NA>", "")]


@pytest.mark.parametrize("province, lang", CASES)
def test_no_code_names_in_visible_text(read_pages, province, lang):
    own = read_pages[province, lang].text(quotes=False)
    assert [c for c in CODE_NAMES if c in own] == []


def _en_only_messages() -> dict[str, str]:
    vi, en = catalogue("vi").messages, catalogue("en").messages
    return {k: m for k, m in en.items() if m != vi[k]}


def _segments(message: str) -> list[str]:
    """The literal parts of a message between placeholders."""
    return [lit.strip() for lit, *_ in string.Formatter().parse(message) if lit.strip()]


@pytest.mark.parametrize("province", PROVINCES)
def test_vi_page_headings_are_not_english(read_pages, province):
    page = read_pages[province, "vi"]
    en_only = _en_only_messages()
    en_texts = {m.strip() for m in en_only.values()}
    headings = page.texts_in("h1", "h2", "h3", "th", "caption", "title")
    assert headings
    assert [h for h in headings if h in en_texts] == []
    # Nor any English message (or a literal part of one, when it has placeholders) in the text.
    text = page.text(quotes=False)
    english = []
    for key, message in en_only.items():
        for seg in _segments(message) if "{" in message else [message.strip()]:
            # short fragments ("%", "Rank", ", ") are not evidence of an untranslated message
            if len(seg) >= 8 and " " in seg and re.search(r"(?<!\w)" + re.escape(seg) + r"(?!\w)", text):
                english.append((key, seg))
    assert english == []


@pytest.mark.parametrize("province", PROVINCES)
def test_en_page_has_no_vietnamese_wording(read_pages, province):
    vi, en = catalogue("vi").messages, catalogue("en").messages
    text = read_pages[province, "en"].text(quotes=False)
    leaked = []
    for key, message in vi.items():
        if message == en[key] or key.startswith(("figures.map.",)):
            continue
        for seg in _segments(message):
            if len(seg) >= 8 and " " in seg and seg in text:
                leaked.append((key, seg))
    assert leaked == []


@pytest.mark.parametrize("province", PROVINCES)
def test_vi_numbers_use_decimal_comma(read_pages, province):
    page = read_pages[province, "vi"]
    text = _strip_urls(page.text(quotes=False))
    assert not re.findall(r"\b\d+\.\d{1,2}\b", text), re.findall(r".{30}\b\d+\.\d{1,2}\b.{10}", text)
    # 0.xxx can never be a Vietnamese thousands grouping: it is an English-style p-value or share.
    assert not re.findall(r"\b0\.\d{3}\b", text)
    assert "p < 0.001" not in text and "< 0.001" not in text


@pytest.mark.parametrize("province", PROVINCES)
def test_en_numbers_use_decimal_point(read_pages, province):
    text = _strip_urls(read_pages[province, "en"].text(quotes=False))
    assert not re.findall(r"\b\d+,\d{1,2}\b", text), re.findall(r".{30}\b\d+,\d{1,2}\b.{10}", text)


@pytest.mark.parametrize("province, lang", CASES)
def test_years_print_as_whole_numbers(read_pages, province, lang):
    """A year is "2018", never "2018.0" (a year column turned float by a missing value)."""
    text = _strip_urls(read_pages[province, lang].text(quotes=False))
    bad = re.findall(r".{0,40}\b(?:19|20)\d\d[.,]0\b.{0,20}", text)
    assert bad == []


@pytest.mark.parametrize("province, lang", CASES)
def test_no_signed_zero_anywhere(read_pages, province, lang):
    text = read_pages[province, lang].text(quotes=False)
    bad = re.findall(r".{0,30}(?<![\d.,])[-\u2212+]0[.,]0+(?![\d])(?![.,]\d).{0,10}", text)
    assert bad == []
    assert "p = 0,000" not in text and "p = 0.000" not in text


@pytest.mark.parametrize("province, lang", CASES)
def test_merger_section_only_for_merged_provinces(read_pages, province, lang):
    page = read_pages[province, lang]
    merged, partners, new = _merged_partners(province)
    assert ("merger" in page.ids) is merged
    if merged:
        text = page.text(section="merger")
        assert province in text
        assert [p for p in partners if p not in text] == []
        assert new in text
        # the table of contents links to it
        assert any(n.text.strip() and "a" in n.tags and "nav" in n.tags and new in n.text for n in page.nodes)
    else:
        assert not page.text(section="merger")


@pytest.mark.parametrize("province, lang", CASES)
def test_every_section_has_a_heading_and_toc_entry(pages, read_pages, province, lang):
    html, _summary = pages[province, lang]
    page = read_pages[province, lang]
    sections = re.findall(r'<section id="([^"]+)">', html)
    assert {"findings", "headline", "sources", "gaps"} <= set(sections)
    for sid in sections:
        assert f'href="#{sid}"' in html, sid
        headings = [n.text for n in page.nodes if n.section == sid and n.tags[-1] == "h2"]
        assert headings and headings[0].strip(), sid
