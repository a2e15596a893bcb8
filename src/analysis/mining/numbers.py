"""Vietnamese number formats: decimal comma ("13,96"), thousands dot ("1.771.300.000"), a decimal
dot where a writer used one ("17.57%"), money scales ("6,7 tỷ đồng"), and the spans that look like
numbers but are not values (dates, document numbers, ISO codes, service levels "mức độ 3,4")."""

from __future__ import annotations

import re

# A number as written: thousands-dot groups with optional decimal comma, or a decimal comma, or a
# decimal dot with 1-2 digits (writers mix conventions: "17.57%" stands next to "82,43%").
NUMBER_CORE = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d+|\d+\.\d{1,2}(?!\d)|\d+)(?![\d])"
NUMBER = r"(?<![\d/.,])" + NUMBER_CORE
NUMBER_RE = re.compile(NUMBER)

SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}

# Spans that are not values; replaced by spaces of the same length so positions are kept.
NOT_VALUES = [
    r"\b\d{1,2}[/-]\d{1,2}[/-]\d{4}\b",  # dates 07/01/2022, 14-6-2019
    r"\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)?",  # ISO dates and times
    r"\b\d{1,2}:\d{2}(?::\d{2})?\b",  # times
    r"\b\d{1,2}/\d{4}\b",  # month/year
    r"\b[Nn]gày \d{1,2}[-/]\d{1,2}\b",  # ngày 14-6
    r"\b(?:[Ss]ố|[Nn]ghị định|[Qq]uyết định|[Kk]ế hoạch|[Tt]hông tư|[Cc]hỉ thị|[Nn]ghị quyết)\s+(?:số\s+)?\d+(?:[,\s]+\d+)*(?:/\d{4})?/[A-ZĐ][\w-]*",  # noqa: E501
    r"\b\d+(?:/\d{4})?/[A-ZĐ]{2,}[\w-]*",  # 10/QĐ-UBND, 56/2015/NĐ-CP
    r"\bISO\s*\d+(?::\d{4})?",
    r"\b[Pp]hiên bản\s*\d+(?:\.\d+)*",
    r"\bmức độ\s*\d(?!\d)(?:\s*(?:,|và|&)\s*\d(?!\d))?",  # online service levels are categories, not values
    r"\b(?:[Qq]uý|[Gg]iai đoạn|[Nn]hiệm kỳ)\s+[IVX\d]+(?:\s*[-–]\s*\d{4})?",
    r"\b(?:19[89]\d|20[0-4]\d)\s*[-–]\s*(?:19[89]\d|20[0-4]\d)\b",  # year ranges
]
NOT_VALUES_RE = re.compile("|".join(f"(?:{p})" for p in NOT_VALUES))


def parse_number(text: str) -> float:
    """Value of a number written the Vietnamese way.

    "13,96" -> 13.96; "1.771.300.000" -> 1771300000; "17.57" -> 17.57 (a dot followed by 1-2
    digits is a decimal point); "1.351" -> 1351 (a dot followed by 3 digits groups thousands);
    "03" -> 3. Raises ``ValueError`` for anything else."""
    s = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        whole, _, frac = s.partition(",")
        return float(whole.replace(".", "") + ("." + frac if frac else ""))
    if re.fullmatch(r"\d+,\d+", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}", s):
        return float(s)
    if re.fullmatch(r"\d+", s):
        return float(s)
    raise ValueError(f"not a Vietnamese number: {text!r}")


def money(value: float, after: str) -> tuple[float, str] | None:
    """If the text right after a number names an amount of money ("đ", "đồng", "tỷ đồng",
    "triệu đồng"), return (value in VND, matched text); else None."""
    m = re.match(r"\s*(nghìn|ngàn|triệu|tỷ|tỉ)?\s*(đồng|đ|VNĐ|VND)(?![\w])", after)
    if not m:
        return None
    return value * SCALES.get(m.group(1) or "", 1.0), m.group(0)


def mask_non_values(text: str) -> str:
    """``text`` with dates, document numbers, ISO codes, service levels and year ranges blanked
    (same length, so character positions still refer to the original)."""
    return NOT_VALUES_RE.sub(lambda m: " " * len(m.group(0)), text)


def is_year(value: float, raw: str) -> bool:
    """A bare 4-digit number from 1980 to 2049 is a year, not a value."""
    return raw.isdigit() and len(raw) == 4 and 1980 <= value <= 2049
