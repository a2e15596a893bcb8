"""The national overview page as a reader sees it, in both languages: the same checks as the
province pages (no program output or code names, each language clean, numbers in the language's
format), plus full rankings and stated coverage of the press-only indices."""

from __future__ import annotations

import re

import pytest
from test_rendered_html import (
    CODE_NAMES,
    LEAK_PATTERNS,
    LEAKS,
    _en_only_messages,
    _segments,
    _strip_urls,
    read,
)

from analysis.i18n import catalogue


@pytest.fixture(scope="module")
def overview():
    from analysis.panel import load_population
    from analysis.reports.national import national_report
    from analysis.reports.numbers import report_panel

    panel = report_panel()
    out = {}
    for lang in ("vi", "en"):
        rep = national_report(panel, language=lang, population=load_population(), figures=False)
        out[lang] = (read(rep.page.html()), rep.summary)
    return out


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_language_title_and_no_program_output(overview, lang):
    page, _ = overview[lang]
    assert page.html_lang == lang
    own = page.text(quotes=False)
    assert [s for s in LEAKS if s in own] == []
    assert [p for p in LEAK_PATTERNS if re.search(p, own)] == []
    assert [c for c in CODE_NAMES if c in _strip_urls(own)] == []  # a URL may contain "sipas-2022"
    title = [n.text.strip() for n in page.nodes if n.tags[-1:] == ("title",)]
    assert title == [catalogue(lang)("overview.title")]


def test_vietnamese_overview_has_no_english_message(overview):
    page, _ = overview["vi"]
    text = page.text(quotes=False)
    english = []
    for key, message in _en_only_messages().items():
        for seg in _segments(message) if "{" in message else [message.strip()]:
            if len(seg) >= 8 and " " in seg and re.search(r"(?<!\w)" + re.escape(seg) + r"(?!\w)", text):
                english.append((key, seg))
    assert english == []
    plain = _strip_urls(text)
    assert not re.findall(r"\b\d+\.\d{1,2}\b", plain)  # decimal comma only
    assert not re.findall(r".{0,40}\b(?:19|20)\d\d[.,]0\b", plain)  # years are whole


def test_full_rankings_and_press_coverage(overview):
    _, summary = overview["vi"]
    papi, pci = summary["rankings"]["PAPI"], summary["rankings"]["PCI"]
    # Every scored province is listed (not a top 10), ranks start at 1 and never exceed N.
    assert len(papi["ranking"]) == papi["n_scored"] >= 60 and len(pci["ranking"]) == pci["n_scored"] == 63
    assert papi["ranking"][0]["rank"] == 1 and max(r["rank"] for r in papi["ranking"]) <= papi["n_scored"]
    for index in ("PAR_INDEX", "SIPAS"):
        cov = summary["par_sipas"][index]["coverage"]
        values = summary["par_sipas"][index]["values"]
        # Coverage counts provinces with a value that year, below 63 (press coverage is partial).
        for year, n in cov.items():
            assert n == len({v["province_code"] for v in values if v["year"] == int(year)}) < 63
        assert all(v["source_url"].startswith("http") and v["quote"] for v in values)
