"""Numbers as a reader expects them, from Babel's locale data (CLDR): Vietnamese writes 47,82 and
1.234; English 47.82 and 1,234. Values are rounded before formatting so a tiny negative never
prints as "-0,00"."""

from __future__ import annotations

import functools
import math

from babel.numbers import format_decimal

_LOCALES = {"vi": "vi_VN", "en": "en_US"}


def _missing(value) -> bool:
    if value is None:
        return True
    try:
        return bool(math.isnan(float(value)))
    except (TypeError, ValueError):
        return True


def _pattern(digits: int) -> str:
    return "#,##0" + ("." + "0" * digits if digits > 0 else "")


def fmt_num(value, language: str = "vi", digits: int = 2, missing: str = "–") -> str:
    """``value`` with ``digits`` decimals in the language's convention (``missing`` when None/NaN)."""
    if _missing(value):
        return missing
    rounded = round(float(value), digits) + 0.0  # + 0.0 turns -0.0 into 0.0
    if rounded == 0:
        rounded = 0.0
    return _formatted(rounded, digits, language)


@functools.lru_cache(maxsize=65536)
def _formatted(rounded: float, digits: int, language: str) -> str:
    # Cached: a report formats the same years, ranks and scores many times, and Babel parses
    # the pattern on every call.
    text = format_decimal(rounded, format=_pattern(digits), locale=_LOCALES[language])
    return "\u2212" + text[1:] if text.startswith("-") else text  # typographic minus, as in print


def fmt_int(value, language: str = "vi", missing: str = "–") -> str:
    """A whole number with the language's thousands separator (1.234 / 1,234)."""
    return fmt_num(value, language, 0, missing)


def fmt_signed(value, language: str = "vi", digits: int = 2, missing: str = "–") -> str:
    """A change with its sign: "+1,25", "−0,40" (typographic minus), "0,00" for no change."""
    if _missing(value):
        return missing
    text = fmt_num(abs(float(value)), language, digits)
    rounded = round(float(value), digits)
    if rounded > 0:
        return "+" + text
    if rounded < 0:
        return "\u2212" + text
    return text


def fmt_pct(value, language: str = "vi", digits: int = 2, missing: str = "–") -> str:
    """A value already in percent (0-100) with a percent sign: "87,61%"."""
    if _missing(value):
        return missing
    return fmt_num(value, language, digits) + "%"


def fmt_range(low, high, language: str = "vi", digits: int = 2, signed: bool = True) -> str:
    """A confidence interval, "−0,12 – +0,40" (signed, spaced dash), or a span, "10–80"."""
    if signed:
        return f"{fmt_signed(low, language, digits)} – {fmt_signed(high, language, digits)}"
    return f"{fmt_num(low, language, digits)}–{fmt_num(high, language, digits)}"


def fmt_p(p, language: str = "vi", bare: bool = False) -> str:
    """A p-value at published precision: "p < 0,001" below 0.001, else three decimals ("p = 0,042");
    ``bare`` drops the "p" for a table column headed p-value ("< 0,001", "0,042")."""
    if _missing(p):
        return "–"
    if p < 0.001:
        return ("" if bare else "p ") + "< " + fmt_num(0.001, language, 3)
    return ("" if bare else "p = ") + fmt_num(p, language, 3)
