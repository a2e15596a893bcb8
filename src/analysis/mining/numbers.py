"""Vietnamese number formats and the reading of a number as its writer meant it.

Written forms: decimal comma ("13,96"), thousands dot ("1.771.300.000"), a decimal dot where a
writer used one ("17.57%", "46.0415"), money scales ("6,7 tỷ đồng"), ordinal words ("thứ nhất").

Reading a dotted number with three digits after the dot ("42.394") is ambiguous; ``read_number``
decides and says why in ``number_basis``:

- ``thousands dot`` by default ("52.318 hồ sơ" -> 52318: counts are whole numbers);
- ``decimal dot (thousands reading impossible)`` when the thousands reading is impossible for the
  unit or indicator: a percentage above 100, points above the scale (100, or the fraction's
  denominator; a PAPI total is on 10-80, a PAPI dimension on 1-10), a PAR INDEX/SIPAS above 100
  ("đạt 42.394 điểm" -> 42.394, "91.651%" -> 91.651, "4.969 điểm" -> 4.969);
- ``decimal dot (document writes dot decimals)`` for a score without a count noun when the same
  document writes other decimals with a dot ("17.57%", "46.0415").

``non_value_spans`` names the spans that look like numbers but are not values: dates, periods,
document numbers, addresses and phones, service levels, ISO codes, page furniture, file and image
names ("papi-2022-anh3.jpg")."""

from __future__ import annotations

import re

# A number as written: thousands-dot groups with optional decimal comma, a decimal comma, a decimal
# dot (writers mix conventions: "17.57%" stands next to "82,43%"), or digits.
NUMBER_CORE = r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?(?![.,]?\d)|\d+,\d+|\d+\.\d+|\d+)(?![\d])"
NUMBER = r"(?<![\d/.,])" + NUMBER_CORE
NUMBER_RE = re.compile(NUMBER)

SCALES = {"nghìn": 1e3, "ngàn": 1e3, "triệu": 1e6, "tỷ": 1e9, "tỉ": 1e9}

# Named spans that are not values (reason, pattern); replaced by spaces of the same length when
# masking, so positions are kept.
NOT_VALUES: list[tuple[str, str]] = [
    ("date", r"\b\d{1,2}[/-]\d{1,2}[/-]\d{4}\b"),  # 07/01/2022, 14-6-2019
    ("date", r"\b(?:[Tt]hứ\s*[2-7]\s*,\s*)?\d{1,2}\.\d{1,2}\.(?:19[89]\d|20[0-4]\d)\b"),  # "Thứ 5, 07.07.2016"
    ("date", r"\b\d{4}-\d{2}-\d{2}(?:[ T]\d{2}:\d{2}(?::\d{2})?(?:\.\d+)?)?"),  # ISO dates and times
    ("date", r"\b\d{1,2}[:h]\d{2}(?::\d{2})?(?:\s*(?:AM|PM|am|pm))?\b"),  # times 08:17, 8h30
    ("date", r"\b\d{1,2}/\d{4}\b"),  # month/year
    ("date", r"\b\d{1,2}/\d{1,2}/\d{2}(?!\d)\s*,?\s*(?=\d{1,2}:\d{2})"),  # a timestamp "6/4/19 3:43 PM"
    # "(từ 21/4 đến 20/5/2019)": a period from a day and month to a date.
    (
        "period (from one date to another)",
        r"(?i:\btừ\s+(?:ngày\s+)?(?:0?[1-9]|[12]\d|3[01])\s*/\s*(?:0?[1-9]|1[0-2])(?:\s*/\s*\d{2,4})?\s*(?:đến|tới|-|–)\s*"
        r"(?:ngày\s+)?(?:0?[1-9]|[12]\d|3[01])\s*/\s*(?:0?[1-9]|1[0-2])\b)",
    ),
    ("period (a week's number)", r"(?i:\btuần\s+(?:thứ\s+)?\d{1,2}\b)(?![.,]\d)"),  # "so với tuần 02", "Tuần 03"
    ("date", r"(?i:\bngày\s+\d{1,2}(?:\s*[-/]\s*\d{1,2})?(?:\s*[-/]\s*\d{2,4})?)"),  # ngày 14-6, ngày 14
    ("date", r"(?i:\btháng\s+\d{1,2}(?:\s*[/-]\s*\d{4})?)\b"),  # tháng 6, tháng 01/2021
    # "tính đến 26/10, tỷ lệ ...", "tính đến hết 30/9": a day and month (a valid one) after "tính đến/tới".
    (
        "date",
        r"(?i:(?<=\btính đến )|(?<=\btính tới )|(?<=\btính đến hết )|(?<=\btính tới hết ))"
        r"(?:0?[1-9]|[12]\d|3[01])\s*[/-]\s*(?:0?[1-9]|1[0-2])(?![\d/]|[.,]\d)"
        r"(?!\s*(?:huyện|xã|phường|tỉnh|sở|đơn vị|cơ quan|địa phương|thủ tục|TTHC|hồ sơ|chỉ số|tiêu chí)\b)",
    ),
    ("date", r"(?i:\bnăm\s+(?:19[89]\d|20[0-4]\d))\b"),
    (
        "document number",
        r"(?i:\b(?:số|nghị định|quyết định|kế hoạch|thông tư|chỉ thị|nghị quyết|công văn|văn bản|luật|"
        r"báo cáo|thông báo|hướng dẫn|đề án|chương trình)\s+(?:số\s*)?:?\s*\d+(?:[,\s]+\d+)*(?:/\d{4})?/"
        r"[A-ZĐ][\w-]*)",
    ),
    ("document number", r"\b\d+(?:/\d{4})?/[A-ZĐ]{2,}[\w-]*"),  # 10/QĐ-UBND, 56/2015/NĐ-CP
    ("document number", r"(?i:\b(?:nghị định|quyết định|thông tư|nghị quyết|chỉ thị|công văn)\s+(?:số\s+)?\d+)"),
    # "theo dõi triển khai Kế hoạch 02": a plan's number (short: "kế hoạch 2025" is a year, "Kế hoạch năm 2025" too)
    ("document number", r"(?i:\b(?:kế hoạch|đề án|chương trình)\s+(?:số\s+)?\d{1,3}(?![\d/]|[.,]\d))"),
    ("name of a body", r"(?i:\bban chỉ đạo\s+\d{1,3}(?![\d/]|[.,]\d))"),  # "Ban Chỉ đạo 57 Thành ủy"
    ("footnote marker", r"(?<=\))\d{1,2}(?![\d%]|[.,]\d)"),  # "67,5 (năm 2020)1." after a bracket
    ("standard or version code", r"\bISO\s*\d+(?::\d{4})?|(?i:\bphiên bản\s*\d+(?:\.\d+)*)|\b\d\.0\b"),
    ("service level (a category)", r"(?i:\bmức\s*(?:độ\s*)?\d(?!\d)(?:\s*(?:,|và|&|-)\s*\d(?![\d]|[.,]\d))?)"),
    ("period", r"(?i:\b(?:quý|giai đoạn|nhiệm kỳ|khóa|khoá)\s+[IVX\d]+(?:\s*[-–/]\s*\d{4})?)"),
    ("period", r"\b(?:19[89]\d|20[0-4]\d)\s*[-–]\s*(?:19[89]\d|20[0-4]\d)\b"),  # year ranges
    ("period", r"(?i:\b\d+\s+(?:tháng|tuần|quý|năm)\s+(?:đầu|cuối|qua|gần đây|trước|tới|liên tiếp))"),
    ("period", r"(?i:\b(?:trong|sau|qua|hơn|gần|trong vòng)\s+\d+\s+(?:tháng|tuần|năm|ngày)\b)"),
    ("streak count", r"(?i:\b(?:năm|lần|kỳ|đợt)\s+thứ\s+\d+(?:\s+liên tiếp)?)"),
    ("streak count", r"(?i:\b\d+\s+(?:năm|lần|kỳ)\s+liên tiếp)"),
    ("address or phone", r"(?i:\b(?:điện thoại|đt|tel|hotline|fax|sđt|đường dây nóng)\s*:?\s*[\d\s.()+-]{6,})"),
    ("address or phone", r"(?<![\d.,])0\d{2,3}[.\s]?\d{3}[.\s]?\d{3,4}(?![\d.,])"),
    ("address or phone", r"(?i:\b(?:số nhà|số)\s+\d+[A-Za-z]?(?:/\d+)?\s*,?\s*(?:đường|phố|ngõ|ngách|hẻm))"),
    # "thôn 3", "tổ 12", "quốc lộ 1A"; not "Phát triển nông thôn 2,14 ngàn hồ sơ" (the end of an agency's name).
    (
        "address or phone",
        r"(?i:\b(?:tổ|khu phố|tổ dân phố|(?<!nông )thôn|xóm|ấp|khối|quốc lộ|tỉnh lộ|đường)\s+\d+[A-Z]?\b)",
    ),
    # "UBND Phường 1", "Phường 12", "Xã 3", "Quận 3": a ward's, commune's or urban district's name, not a count.
    (
        "name of a ward or commune",
        r"\b(?:[Pp]hường|Xã|[Qq]uận)\s+\d{1,2}(?![\d%]|[.,]\d)(?!\s*(?:hồ sơ|thủ tục|TTHC|điểm|%))",
    ),
    # "Thứ 3, Ngày 18/06/2024": a weekday's number before a date.
    (
        "date (weekday)",
        r"(?i:\bthứ\s*[2-7](?!\d)\s*[,\-–]?\s*(?:ngày\s*)?(?=\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{2,4}))",
    ),
    # "Thứ sáu - 26/10/2018 03:03 271 0": the numbers after a dateline's time are its view and comment counts.
    (
        "page furniture (view and comment counts after a dateline)",
        r"(?m:(?<=\d{4}\s)\s*\d{1,2}:\d{2}(?:\s*(?:AM|PM|am|pm))?(?:\s+\d[\d.,]*){1,3}\s*$)",
    ),
    # "12:42 05-03-2024 | :193": a view count after a dateline's time and date.
    (
        "page furniture (a view count after a dateline)",
        r"(?m:\d{1,2}:\d{2}\s+\d{1,2}[/-]\d{1,2}[/-]\d{4}\s*\|\s*:?\s*\d+\s*$)",
    ),
    # "9 Đào Duy Anh, Hà Nội | Điện thoại: (84-24) 3577 1460, 3574 6983 | Fax: ...": a contact line (two of
    # address, phone, fax, e-mail) is page furniture, every number in it.
    (
        "page furniture (a contact line)",
        r"(?im:^[^\n]*\b(?:điện thoại|đt|fax|hotline)\s*:\s*[(+\d][\d\s().+-]{6,}[^\n]*"
        r"\b(?:điện thoại|đt|fax|email|e-mail|hotline|website)\s*:[^\n]*$)",
    ),
    # "Tổng đài 1022", "số tổng đài 0235.1022", "đường dây nóng 1900 1234": a hotline's number.
    (
        "address or phone",
        r"(?i:\b(?:tổng đài|đầu số|đường dây nóng)(?:\s+(?:dịch vụ công|thông tin dịch vụ công))?"
        r"\s*:?\s*[\d.]{3,12}\b)",
    ),
    # "Tối thiểu 10 chữ Tiếng việt có dấu": a comment form's rule.
    ("page furniture (a comment form)", r"(?i:\btối (?:thiểu|đa)\s+\d+\s+(?:chữ|ký tự|kí tự|từ)\b)"),
    ("page furniture", r"(?i:\b\d+\s*(?:lượt xem|lượt đọc|lượt thích|bình luận|lượt chia sẻ|views?|likes?)\b)"),
    ("page furniture", r"(?i:\b(?:lượt xem|lượt đọc|lượt truy cập|bình luận|trang|ảnh|hình|bảng|biểu)\s*:?\s*\d+)"),
    ("page furniture", r"(?i:\b(?:cỡ chữ|font)\s*\d+)"),
    ("file or image name", r"(?i:\b[\w-]+\.(?:jpe?g|png|gif|webp|bmp|svg|pdf|docx?|xlsx?)\b)"),  # pci-2022-h3.jpg
]
NOT_VALUES_RE = [(reason, re.compile(p)) for reason, p in NOT_VALUES]


def non_value_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, reason) of each span of ``text`` that looks like a number but is no value."""
    out = []
    for reason, rx in NOT_VALUES_RE:
        out.extend((m.start(), m.end(), reason) for m in rx.finditer(text))
    return sorted(out)


def mask_non_values(text: str) -> str:
    """``text`` with dates, document numbers, ISO codes, service levels, periods, phones and page
    furniture blanked (same length, so character positions still refer to the original)."""
    chars = list(text)
    for a, b, _ in non_value_spans(text):
        chars[a:b] = " " * (b - a)
    return "".join(chars)


def parse_number(text: str) -> float:
    """Value of a number written the Vietnamese way, without context.

    "13,96" -> 13.96; "1.771.300.000" -> 1771300000; "17.57" -> 17.57 (a dot followed by 1-2 or 4+
    digits is a decimal point); "1.351" -> 1351 (a dot followed by 3 digits groups thousands; see
    ``read_number`` for when context says otherwise); "03" -> 3. Raises ``ValueError`` otherwise."""
    s = text.strip()
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?", s):
        whole, _, frac = s.partition(",")
        return float(whole.replace(".", "") + ("." + frac if frac else ""))
    if re.fullmatch(r"\d+,\d+", s):
        return float(s.replace(",", "."))
    if re.fullmatch(r"\d+\.\d{1,2}|\d+\.\d{4,}", s):
        return float(s)
    if re.fullmatch(r"\d+", s):
        return float(s)
    raise ValueError(f"not a Vietnamese number: {text!r}")


def basis_of(raw: str) -> str:
    """How ``parse_number`` read ``raw``."""
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+,\d+", raw):
        return "thousands dot, decimal comma"
    if re.fullmatch(r"\d{1,3}(?:\.\d{3})+", raw):
        return "thousands dot"
    if "," in raw:
        return "decimal comma"
    if "." in raw:
        return "decimal dot"
    return "integer"


def ambiguous_dot(raw: str) -> bool:
    """ "42.394": one dot, three digits after it; thousands or decimal, context decides."""
    return re.fullmatch(r"\d{1,3}\.\d{3}", raw) is not None


# Indicators whose values are bounded scores (points or percent), with their usual maxima.
SCALE_MAX = {"papi": 80.0, "papi_dimension": 10.0, "par_index": 100.0, "sipas": 100.0, "pci": 100.0}


def read_number(
    raw: str, unit: str | None = None, indicator: str | None = None, denominator=None, dot_decimals=False
) -> tuple[float, str]:
    """(value, number_basis) of ``raw`` read as meant for its unit and indicator (module docstring)."""
    value = parse_number(raw)
    basis = basis_of(raw)
    if not ambiguous_dot(raw):
        return value, basis
    decimal = float(raw)
    limit = None
    if unit == "%":
        limit = 100.0
    elif unit == "points":
        limit = float(denominator) if denominator else SCALE_MAX.get(indicator or "", 100.0)
    elif indicator in SCALE_MAX:
        limit = 100.0
    if limit is not None and value > limit and decimal <= limit:
        return decimal, f"decimal dot (thousands reading {value:g} impossible for {unit or indicator})"
    if dot_decimals and unit in ("%", "points"):
        return decimal, "decimal dot (document writes dot decimals)"
    return value, basis


def uses_dot_decimals(text: str) -> bool:
    """Whether a document writes decimals with a dot: "17.57%", "92.83 điểm", "46.0415"."""
    return bool(
        re.search(r"(?<![\d.,])\d{1,3}\.\d{1,2}\s*(?:%|điểm)", text) or re.search(r"(?<![\d.,])\d{1,3}\.\d{4,}\b", text)
    )


def money(value: float, after: str) -> tuple[float, str] | None:
    """If the text right after a number names an amount of money ("đ", "đồng", "tỷ đồng",
    "triệu đồng", "nghìn tỷ đồng"), return (value in VND, matched text); else None."""
    # "34 tỷ đồng/năm": an amount per year is still an amount
    m = re.match(
        r"\s*(?:(nghìn|ngàn)\s*(?=tỷ|tỉ))?(nghìn|ngàn|triệu|tỷ|tỉ)?\s*(đồng|đ|VNĐ|VND)(?!\w)(?!/(?!năm\b|tháng\b))",
        after,
    )
    if not m:
        return None
    thousands = 1000.0 if m.group(1) else 1.0  # "2,78 nghìn tỷ đồng": thousands of billions
    return value * thousands * SCALES.get(m.group(2) or "", 1.0), m.group(0)


def scaled(value: float, after: str) -> tuple[float, str] | None:
    """ "1,488 triệu hồ sơ", "2,5 nghìn lượt": a scale word (not money) after the number."""
    m = re.match(r"\s*(nghìn|ngàn|triệu)(?!\s*(?:đồng|đ\b|VN))", after)
    if not m:
        return None
    return value * SCALES[m.group(1)], m.group(0)


def is_year(value: float, raw: str) -> bool:
    """A bare 4-digit number from 1980 to 2049 is a year, not a value."""
    return raw.isdigit() and len(raw) == 4 and 1980 <= value <= 2049
