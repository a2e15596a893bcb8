"""Reader-facing number formatting (analysis.i18n): Vietnamese decimal comma and thousands dot,
English the other way round, no negative zero, signs on changes, p-values at published precision,
and a round trip through Babel's own parser (hypothesis is not installed: a fixed list of values)."""

from __future__ import annotations

import math
import random
from decimal import Decimal

import pytest
from babel.numbers import parse_decimal

from analysis.i18n import fmt_int, fmt_num, fmt_p, fmt_pct, fmt_range, fmt_signed

MINUS = "\u2212"
LOCALES = {"vi": "vi_VN", "en": "en_US"}


@pytest.mark.parametrize(
    "value, language, digits, expected",
    [
        (1234.5, "vi", 2, "1.234,50"),
        (47.82, "vi", 2, "47,82"),
        (47.821236044, "vi", 2, "47,82"),
        (46.66279220581055, "vi", 2, "46,66"),
        (1234.5, "en", 2, "1,234.50"),
        (47.82, "en", 2, "47.82"),
        (1234567.891, "vi", 2, "1.234.567,89"),
        (1234567.891, "en", 2, "1,234,567.89"),
        (0.5, "vi", 2, "0,50"),
        (7, "vi", 0, "7"),
        (1234, "vi", 0, "1.234"),
        (0.0456, "vi", 3, "0,046"),
        (-3.35, "vi", 2, "-3,35"),
        (100, "en", 1, "100.0"),
    ],
)
def test_fmt_num_examples(value, language, digits, expected):
    got = fmt_num(value, language, digits)
    # Some CLDR versions print a typographic minus; accept either for negatives.
    assert got.replace(MINUS, "-") == expected


def test_fmt_int_and_pct():
    assert fmt_int(1234, "vi") == "1.234"
    assert fmt_int(1234, "en") == "1,234"
    assert fmt_int(63.0, "vi") == "63"
    assert fmt_pct(87.612, "vi") == "87,61%"
    assert fmt_pct(87.612, "en") == "87.61%"


@pytest.mark.parametrize("missing", [None, float("nan")])
@pytest.mark.parametrize("fn", [fmt_num, fmt_int, fmt_signed, fmt_pct, fmt_p])
def test_missing_values_print_a_dash(fn, missing):
    assert fn(missing) == "–"


def test_fmt_num_missing_text_is_configurable():
    assert fmt_num(None, "vi", missing="không có số liệu") == "không có số liệu"


def _is_negative_zero(text: str) -> bool:
    t = text.replace(MINUS, "-")
    return t.startswith("-") and set(t[1:]) <= set("0.,% ")


TINY_NEGATIVES = [-0.0, -1e-12, -0.0004, -0.004, -0.0049, -0.4, -0.49]


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("value, digits", [(v, d) for v in TINY_NEGATIVES for d in range(4) if round(v, d) == 0])
def test_negative_zero_never_prints(value, language, digits):
    for text in (
        fmt_num(value, language, digits),
        fmt_signed(value, language, digits),
        fmt_pct(value, language, digits),
        fmt_range(value, value, language, digits),
        fmt_range(value, 1, language, digits, signed=False),
    ):
        assert not _is_negative_zero(text), text
        assert "-0" + ("," if language == "vi" else ".") not in text.replace(MINUS, "-"), text


@pytest.mark.parametrize(
    "value, language, expected",
    [
        (1.25, "vi", "+1,25"),
        (-0.4, "vi", MINUS + "0,40"),
        (-1.076, "vi", MINUS + "1,08"),
        (0, "vi", "0,00"),
        (0.004, "vi", "0,00"),  # rounds to zero: no sign
        (-0.004, "vi", "0,00"),
        (1234.5, "vi", "+1.234,50"),
        (1.25, "en", "+1.25"),
        (-0.4, "en", MINUS + "0.40"),
        (-1234.5, "en", MINUS + "1,234.50"),
    ],
)
def test_fmt_signed(value, language, expected):
    assert fmt_signed(value, language) == expected


def test_fmt_signed_uses_typographic_minus_only():
    text = fmt_signed(-2.5, "vi")
    assert text.startswith(MINUS) and "-" not in text


def test_fmt_range_signed_and_span():
    assert fmt_range(-0.12, 0.4, "vi") == f"{MINUS}0,12 – +0,40"
    assert fmt_range(10, 80, "vi", 0, signed=False) == "10–80"
    assert fmt_range(0.5, 1.5, "en", 1, signed=False) == "0.5–1.5"


@pytest.mark.parametrize(
    "p, language, bare, expected",
    [
        (0.0004, "vi", False, "p < 0,001"),
        (0.0004, "en", False, "p < 0.001"),
        (0.0004, "vi", True, "< 0,001"),
        (1e-12, "vi", False, "p < 0,001"),
        (0.0, "vi", False, "p < 0,001"),
        (0.000999, "vi", False, "p < 0,001"),
        (0.001, "vi", False, "p = 0,001"),
        (0.042, "vi", False, "p = 0,042"),
        (0.042, "en", False, "p = 0.042"),
        (0.0424, "vi", True, "0,042"),
        (0.5, "vi", False, "p = 0,500"),
        (0.9934, "en", True, "0.993"),
    ],
)
def test_fmt_p_thresholds(p, language, bare, expected):
    assert fmt_p(p, language, bare=bare) == expected


def test_fmt_p_never_prints_zero():
    """A p-value is never "0,000": below the published precision it is "< 0,001"."""
    for p in (0.0, 1e-9, 0.0001, 0.00049, 0.0005, 0.000999):
        assert fmt_p(p, "vi") == "p < 0,001"
        assert "0,000" not in fmt_p(p, "vi", bare=True)


def _values() -> list[float]:
    rng = random.Random(20250701)
    fixed = [0, 0.005, 0.015, 0.125, 1.005, 2.675, 9.995, 47.82, 46.66279220581055, 73.02, 99.995, 999.995]
    fixed += [1234.5, 12345.678, 1e6 + 0.25, 6.0, 80.0, 1e-7]
    fixed += [-v for v in fixed if v]
    fixed += [rng.uniform(-1000, 1000) for _ in range(150)]
    fixed += [rng.uniform(-1, 1) for _ in range(50)]
    fixed += [round(rng.uniform(0, 100), 2) for _ in range(50)]
    return fixed


@pytest.mark.parametrize("language", ["vi", "en"])
@pytest.mark.parametrize("digits", [0, 1, 2, 3])
def test_round_trip_through_babel_parser(language, digits):
    """Formatting then parsing with Babel's locale data gives back the value rounded to ``digits``."""
    failures = []
    for v in _values():
        text = fmt_num(v, language, digits).replace(MINUS, "-")
        parsed = parse_decimal(text, locale=LOCALES[language])
        expected = Decimal(repr(round(v, digits))).quantize(Decimal(1).scaleb(-digits))
        if parsed != expected:
            failures.append((v, text, parsed, expected))
        # The text shows exactly ``digits`` decimals in the locale's decimal separator.
        sep = "," if language == "vi" else "."
        if digits:
            assert text.rsplit(sep, 1)[-1].isdigit() and len(text.rsplit(sep, 1)[-1]) == digits, text
        else:
            assert sep not in text, text
        assert "e" not in text.lower() and "nan" not in text.lower()
    assert failures == []


@pytest.mark.parametrize("language", ["vi", "en"])
def test_signed_round_trip(language):
    for v in _values():
        text = fmt_signed(v, language, 2)
        parsed = parse_decimal(text.replace(MINUS, "-").lstrip("+"), locale=LOCALES[language])
        assert math.isclose(float(parsed), round(v, 2), abs_tol=1e-9), (v, text)
        if round(v, 2) > 0:
            assert text.startswith("+")
        elif round(v, 2) < 0:
            assert text.startswith(MINUS)
        else:
            assert text[0].isdigit()


def test_vietnamese_and_english_use_opposite_separators():
    for v in (1234.56, 98765.43, 1000.01):
        vi, en = fmt_num(v, "vi"), fmt_num(v, "en")
        assert vi == en.translate(str.maketrans({",": ".", ".": ","}))
