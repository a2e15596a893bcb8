"""Property-based tests (hypothesis): province names in any common spelling resolve to their own
code and never to another; Vietnamese number formatting parses back to the rounded value."""

from __future__ import annotations

import unicodedata

from babel.numbers import parse_decimal
from hypothesis import given, settings
from hypothesis import strategies as st

from analysis.i18n import fmt_num
from analysis.provinces import province_table, resolve

TABLE = province_table()
PROVINCES = list(zip(TABLE["province_code"], TABLE["province"]))


def _strip_marks(text: str) -> str:
    """Diacritics removed the way people type without a Vietnamese keyboard (đ -> d)."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn").replace("đ", "d").replace("Đ", "D")


@st.composite
def spellings(draw):
    code, name = draw(st.sampled_from(PROVINCES))
    text = name
    if draw(st.booleans()):
        text = _strip_marks(text)
    form = draw(st.sampled_from(["NFC", "NFD"]))
    text = unicodedata.normalize(form, text)
    case = draw(st.sampled_from(["same", "lower", "upper", "title"]))
    text = {"same": text, "lower": text.lower(), "upper": text.upper(), "title": text.title()}[case]
    if " - " in text and draw(st.booleans()):
        text = text.replace(" - ", draw(st.sampled_from(["-", " – ", " "])))
    prefix = draw(st.sampled_from(["", "Tỉnh ", "tỉnh ", "TP. ", "TP ", "Thành phố ", "thành phố "]))
    spaces = draw(st.sampled_from(["", " ", "  "]))
    text = spaces + prefix + text.replace(" ", draw(st.sampled_from([" ", "  "]))) + spaces
    return code, text


@settings(max_examples=400, deadline=None)
@given(spellings())
def test_any_common_spelling_resolves_to_its_own_province(case):
    code, text = case
    assert resolve(text) == code, text


@settings(max_examples=300, deadline=None)
@given(
    st.decimals(min_value=-1_000_000, max_value=1_000_000, places=4, allow_nan=False, allow_infinity=False),
    st.integers(min_value=0, max_value=3),
)
def test_vietnamese_numbers_parse_back_to_the_rounded_value(value, digits):
    text = fmt_num(float(value), "vi", digits)
    plain = text.replace("\u2212", "-")  # typographic minus, as printed
    parsed = parse_decimal(plain, locale="vi_VN")
    expected = round(float(value), digits)
    assert abs(float(parsed) - expected) < 10 ** (-digits) / 2 + 1e-9, (value, text)
    if digits:
        assert "," in text and text.split(",")[1].isdigit() and len(text.split(",")[1]) == digits
