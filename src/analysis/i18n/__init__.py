"""Words and numbers a reader sees, in Vietnamese (default) and English.

``catalogue(language)`` reads one message catalogue per language (``messages/<language>/*.toml``,
one file per part of the house, merged into one flat table of dotted keys); ``numbers`` formats
numbers with Babel's locale data (Vietnamese: decimal comma, thousands dot). Figures and reports
both read from here, so no reader-facing word lives in code or notebooks."""

from __future__ import annotations

from .catalogue import LANGUAGES, Catalogue, UnknownLanguageError, catalogue, check_language
from .numbers import fmt_int, fmt_num, fmt_p, fmt_pct, fmt_range, fmt_signed

__all__ = [
    "LANGUAGES",
    "Catalogue",
    "UnknownLanguageError",
    "catalogue",
    "check_language",
    "fmt_int",
    "fmt_num",
    "fmt_p",
    "fmt_pct",
    "fmt_range",
    "fmt_signed",
]
