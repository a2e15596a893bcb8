"""Text helpers for Vietnamese names: Unicode normalisation, diacritic folding, slugs."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[^a-z0-9]+")


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC with surrounding and repeated whitespace collapsed."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def strip_diacritics(text: str) -> str:
    """Remove Vietnamese diacritics (``Đắk Lắk`` -> ``Dak Lak``); keeps case."""
    decomposed = unicodedata.normalize("NFD", str(text).replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def fold(text: str) -> str:
    """Fold a name to a comparison key: no diacritics, lower case, letters and digits
    separated by single spaces (``"Bà Rịa–Vũng Tàu"`` -> ``"ba ria vung tau"``)."""
    return _PUNCT.sub(" ", strip_diacritics(text).lower()).strip()


def slugify(text: str) -> str:
    """Path-safe ASCII slug (``"Thừa Thiên Huế"`` -> ``"thua-thien-hue"``)."""
    return fold(text).replace(" ", "-") or "unnamed"
