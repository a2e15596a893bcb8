"""Number-first extraction of numeric statements about reform outcomes from Vietnamese reports.

Every number token in a document is a candidate. Each is either emitted as a record (an
``indicator`` from ``vocabulary``, or ``other`` with the measured noun phrase in ``subject``) or
discarded with a named reason (date, period, document number, address or phone, structure count,
streak count, threshold without value, page furniture, impossible rank, ...): ``extract_document``
returns both, ``reform extract --explain`` prints the discarded ones.

Each record says what was measured, for whom (``locality``, ``level``, ``province_code``), when
(``year``, with ``year_basis``), the value as meant (``number_basis``, see ``numbers.read_number``)
with unit and denominator, whether it is an achievement or a target, and the exact sentence or
table row it came from (``quote``, ``span_start``/``span_end``).

Changes are changes: "tăng/giảm X ... so với", "cao hơn/thấp hơn X" give ``<measure>_change``,
signed (giảm/thấp hơn/tụt/thụt negative), with ``baseline_year`` when the text names it ("so với năm
2021", "so năm 2018", "so với tháng 01/2021"); rank changes include "thăng cao nhất 34 bậc", "thụt sâu
nhất là 34 bậc" (a province in parentheses right after a value, "(Sóc Trăng)", is its locality).
"dẫn đầu"/"đứng đầu" without a number are not ranks. A rank beyond its denominator, or above 63
without one, is discarded as impossible. "cả nước"/"toàn quốc" right after a rank ("đứng thứ 18 cả
nước", "11/63 tỉnh, thành phố trong cả nước", "Thứ hạng trong cả nước") is the ranking's scope, not
a national locality; "tỉnh" after a count ("34/63 tỉnh") is not the subject either, nor is "cả nước"
after "dẫn đầu"/"đứng đầu"/"top đầu" ("dẫn đầu cả nước ở 3 tiêu chí"). An ordinal opening a clause of a
list, without a verb, before the place it ranks ("...; thứ 3 tỉnh Hải Dương đạt 90,23%") is a rank.

Places: "tỉnh X", "huyện Y", "Sở Z" and provinces named bare ("Còn Gia Lai đứng thứ 19", "Hà Nội chỉ
có"; not the end of an agency's name, "Sở Tài nguyên - Môi trường Lâm Đồng"); the nearest before the
value wins, but when none is named before it in its own clause, a place right after it in that clause
("thứ 3 tỉnh Hải Dương") is its subject rather than one from an earlier clause. A sentence that
refers back to an index ("Ở chỉ số này", "chỉ số trên") and names none takes the index named in the
two paragraphs before it (a caption "Bảng xếp hạng Chỉ số SIPAS năm 2023"), and its year (rule 4b).

Not values either: structure counts ("8 chỉ số lĩnh vực", "28 chỉ số nội dung", "102 chỉ tiêu", "63
tỉnh", a whole number of indices "tăng điểm ở 4 chỉ số", "chỉ có 2 chỉ số là"; a component's number
"CSTP 8"; "8 tiêu chỉ", a slip for "tiêu chí"); counts of units in a grade ("08/08 huyện đều được
phân loại ở mức khá", "5 huyện xếp loại Tốt"); survey samples (people, households, forms or firms
counted in a sentence or paragraph about a survey: "khảo sát 14.138 công dân", "131.501 công dân đóng
góp tiếng nói"); ranges, both ends ("dải điểm từ 42,38 đến 43,70", "từ 43 đến 45 điểm", "5%-10%"; "từ
X lên/xuống Y" are values); bounds
without a value, a whole number after "trên/dưới/gần/hơn/khoảng" with no measured quantity named in
its sentence and no noun after it ("tỉnh tăng cao nhất trên 2 điểm", "gần 3
điểm"; "trên 7.600 hồ sơ" names what it counts and stays); image alt texts and file slugs (a line
of lower-case unaccented words, "... hai long dat 8445", in an accented page; "anh-3.jpg").
Invisible characters that split numbers (emoji keycaps "2️016", zero-width spaces) are removed
before reading. A decimal without unit in a sentence that names an index and its score ("Điểm số
Papi ... từ 40,14 lên 40,87") is that index's score when it fits the index's scale.

Years, in this order (the first that gives one wins):

1. ``clause``: a year written right after the value ("đạt 80% năm 2020", "41,71 (2021)"); else the
   nearest year before the value in its own clause (clauses end at ",", ";", ":" and parentheses:
   "xếp thứ 10/63 (năm 2019 xếp 5/63, năm 2018 xếp 23/63)" gives each rank its own year); then a
   year after the value in the same clause;
2. ``sentence``: the nearest year before the value in the sentence, outside parentheses that do not
   hold the value; a year only after the value in another clause leaves it unclear (empty);
3. ``publication date`` when the sentence says "đến nay", "hiện nay", "năm nay";
4. ``paragraph``: the last year of an earlier sentence of the same paragraph, not one inside a
   parenthesis that states its own value ("(năm 2016 xếp thứ 36/63). Với kết quả này, ... xếp hạng
   3/13": 2016 stays in its parenthesis);
4b. the index referred to: a sentence saying "Ở chỉ số này" (or after one in its paragraph) takes the
   one year written with the index it refers to ("Chỉ số SIPAS năm 2023" in the caption before);
5. ``document title``: the one year of the title line (a baseline year in it does not count);
6. the year after the baseline: a sentence whose only year is one baseline B ("đứng thứ 18 cả nước,
   tăng 1 bậc so với năm 2018") compares with the year before, so its values are of B+1, but only
   when the page's publication date P agrees: B+1 = P-1 for PAR INDEX, SIPAS, PAPI, PCI and their
   ranks (an index is announced the year after it measures), B+1 in {P-1, P} for other measures.
   Otherwise (no page date, or "so với năm 2015" on a 2020 page: a comparison over several years)
   the year stays empty;
else empty ("not stated"): never guessed. Years that name a baseline ("so với năm 2021", "so năm
2018", "cùng kỳ năm 2021") never count, nor does the year dossiers were carried over from ("1246 hồ
sơ chuyển tiếp năm 2018", "868 hồ sơ năm 2018 chuyển sang": the values are of the report's period),
in the sentence or carried to the paragraph; "hàng năm", "các năm" leave the year empty. PAR INDEX, SIPAS,
PAPI and PCI values (and their ranks) whose year comes from an announcement date ("Ngày 14/4/2023, Bộ
Nội vụ công bố Chỉ số CCHC...", or the publication date of a page that says "công bố") refer to the
previous year: Y-1, ``year_basis`` says so.

The page date a stored page carries (" date 2020-05" at the start of a line near the top) is the
publication date only: it is blanked from the text, so it is never the year of a sentence, a
paragraph or the title; it serves rules 3 and 6 and the announcement rule, as a dated byline does.

"từ X lên/xuống Y" ("từ 40,14 lên 40,87", "từ vị trí thứ 8 lên thứ 3", "từ vị trí 53 lên 46": Y a
rank too): when X and Y got the same year from the text around them, X takes the sentence's one
baseline year ("so với năm 2018") or, without one, no year (the earlier year is not stated); a
year written right after X ("từ 41,71 (2021)", "từ mức 63,12 của năm 2019") stays X's alone: Y and
the paragraph's later sentences never take it.

Tables (plain-text rows split by tabs, "|" or runs of spaces, under a header line; HTML, docx and
PDF tables arrive as such rows from ``readers``) give one record per numeric cell, indicator and
unit from the row and column headers, the row as quote. Tables whose cells lost their borders
("Quảng Ninh 7.98 7.39 ... 73.02 1 Rất tốt", "-" an empty cell, a total alone on the next line) are
read row by row (``spaced_rows``): locality from the row's name, year, index and rank from the header
lines above, a sample-size column ("Số phiếu trả lời") discarded. A line of years above such rows
("Năm 2022 2021 ... 2006", a province's profile) is the header of year columns, never a row: each cell
takes its column's year (from the left; "-" and "N/A" keep their column), a row named as the index
("PCI") is its total, a row "Xếp hạng" its rank, the others components; the place is the one named
in the lines above ("... (1-63) Thanh Hóa"). Tables written one cell per line (an HTML table copied
as text: "TT" / "Tên đơn vị" / "Điểm" / "đánh giá" / "Vị thứ" then "1" / "Sở Tư pháp" / "87,187" /
"2" ...) are read by ``line_tables``: a record per score or rank cell, the row number not a value,
locality and level from the row's name, year from the header, the caption line above or the title.
A percentage alone on its line next to the page's date or view count ("Lượt xem: 1.599" / "100%", a
zoom control) or in a run of axis ticks is page furniture.

English press forms are read as well: "87.02 percent", "ranked 19th", "17th position", "No 5",
"ranked first", "dropped 12 spots", "74.64 points"."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..provinces import try_resolve
from . import vocabulary as voc
from .context import NAME, Place, bare_provinces, periods, places, publication_year, sentences, year_mentions
from .numbers import (
    NUMBER,
    NUMBER_CORE,
    NUMBER_RE,
    SCALE_MAX,
    is_year,
    money,
    non_value_spans,
    parse_number,
    read_number,
    scaled,
    uses_dot_decimals,
)

RECORD_COLUMNS = [
    "source",
    "locality",
    "level",
    "province_code",
    "year",
    "year_basis",
    "indicator",
    "subject",
    "value",
    "unit",
    "denominator",
    "kind",
    "qualifier",
    "number_basis",
    "baseline_year",
    "quote",
    "span_start",
    "span_end",
    "confidence",
    "pair",
]
DISCARD_COLUMNS = ["source", "text", "reason", "context", "span_start"]

N = f"({NUMBER})"
D = f"({NUMBER_CORE})"  # a denominator, right after "/"
RANK_FRAC = re.compile(  # "xếp thứ 22/63", "xếp hạng 5/19", and "hạng 3/13", "vị trí 8/63" without a verb
    r"(?:(?:xếp|đứng|giữ)\s*(?:hạng\s*|vị trí\s*|ở vị trí\s*|vị thứ\s*)?|\b(?:hạng|vị trí)\s*)"
    rf"(?:thứ\s*)?{N}\s*/\s*{D}",
    re.I,
)
RANK_WORD = re.compile(
    r"(?:xếp|đứng|giữ|vươn lên|lên)\s*(?:hạng\s*|vị trí\s*|ở vị trí\s*|vị thứ\s*)?"
    r"thứ\s*(nhất|hai|ba|tư|năm|\d+)(?![\d/])"
    r"|(?:xếp hạng|hạng|vị trí)\s*(?:thứ\s*|số\s*)?(\d+|nhất)(?![\d/]|[.,]\d)"
    r"|(?:^|(?<=[;:,]\s))thứ\s*(hai|ba|tư|năm|\d+)\s+là\b"
    r"|(?:hạng|vị trí)\s*thứ\s*(hai|ba|tư|năm)\b(?!\s*\d)",  # "xuống vị trí thứ hai": an ordinal word
    re.I,
)
# "...dẫn đầu với 90,61%; đứng thứ 2 tỉnh Thái Nguyên đạt 90,29%; thứ 3 tỉnh Hải Dương đạt 90,23%": an
# ordinal opening a clause of a list, without a verb, before the place it ranks.
RANK_LIST = re.compile(
    r"(?:^|(?<=[;:,]\s))(?:ở\s*|tiếp theo là\s*)?thứ\s*(hai|ba|tư|năm|\d{1,2})(?![\d/]|[.,]\d)"
    r"\s+(?:là\s+|thuộc về\s+)?",
    re.I,
)
RANK_CHANGE = re.compile(
    rf"(tăng|giảm|tụt|thụt|sụt|lên|xuống|thăng|vượt)\s*(?:hạng\s*)?(?:(?:cao|sâu|mạnh|nhiều)\s*nhất\s*)?"
    rf"(?:là\s*|tới\s*|đến\s*|thêm\s*)?{N}\s*(?:bậc|hạng|vị trí|thứ hạng)",
    re.I,
)
FRACTION = re.compile(rf"{N}\s*/\s*{D}(\s*điểm)?(?:[,\s]*(?:bằng|đạt|chiếm)\s*(?:tỷ lệ\s*)?{N}\s*%)?", re.I)
PERCENT = re.compile(rf"{N}\s*(?:%|(?:percent|per cent|pct)\b)", re.I)  # English press: "87.02 percent"
# English press ranks: "ranked 19th", "17th position", "No 5", "ranked first"; rank changes "dropped 12 spots".
EN_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5}
RANK_EN = re.compile(
    r"\b(?:ranked|ranks|ranking|placed|position(?:ed)?|place|No\.?|number)\s*(?:at\s*|in\s*)?(\d{1,2})(?:st|nd|rd|th)?\b"
    r"|\b(\d{1,2})(?:st|nd|rd|th)\b"
    r"|\b(?:ranked|ranks|came|placed|was|finished)\s+(first|second|third|fourth|fifth)\b",
    re.I,
)
RANK_EN_CONTEXT = re.compile(
    r"rank|position|place|spot|\btop\b|list|index|table|jump|drop|climb|fell|rose|last year", re.I
)
MONTHS_EN = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s*$"
RANK_CHANGE_EN = re.compile(
    r"\b(rose|climbed|jumped|moved up|advanced|improved|up|dropped|fell|slipped|slid|declined|down)\s+(?:by\s+)?"
    r"(\d{1,2})\s+(?:places?|spots?|ranks?|positions?|notches?|steps?)\b",
    re.I,
)
BARE = re.compile(N)
ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5}
SUBJECT_RULES = voc.RATE_RE + [
    ("e_government", re.compile(r"chính quyền điện tử", re.I)),
    ("organisation_reform", re.compile(r"tổ chức bộ máy", re.I)),
    ("staff_quality", re.compile(r"đội ngũ cán bộ", re.I)),
]
CHANGE_BEFORE = re.compile(
    r"(tăng|giảm|cao hơn|thấp hơn|nhiều hơn|ít hơn|tăng thêm|giảm đi|tụt|vượt)"
    r"\s*(?:tới|đến|được|khoảng|gần|hơn|trên|thêm|đi|lần lượt là|lần lượt|mạnh|nhẹ|so với cùng kỳ là)?\s*$",
    re.I,
)
NEGATIVE = re.compile(r"giảm|thấp hơn|ít hơn|tụt|thụt|sụt|xuống", re.I)
# "so với năm 2021", "so cùng kỳ", and "so năm 2018" ("so" without "với" before a year word).
SO_VOI = r"(?:so với|cùng kỳ|\bso(?=\s+(?:năm|tháng|quý)\b))"
BASELINE_AFTER = re.compile(
    r"^[^;.]{0,60}?\bso\s+(?:với\s*|cùng kỳ\s*)?(?:cùng kỳ\s*)?(?:năm\s*|tháng\s*\d{1,2}\s*/\s*|quý\s*[IV]+\s*/\s*)?"
    r"(19[89]\d|20[0-4]\d)",
    re.I,
)
BASELINE_YEAR = re.compile(SO_VOI + r"[^,;.\d]{0,12}(?:\d{1,2}\s*/\s*)?$", re.I)
# A year right after the value: "75% năm 2022", "80,77 điểm năm 2018", "41,71 (2021)", "63,12 của năm 2019".
TIGHT_YEAR = re.compile(
    rf"(?:{NUMBER_CORE})?[^\s,;()]*\s*(?:điểm\s*)?"
    r"(?:\(\s*(?:năm\s*)?(19[89]\d|20[0-4]\d)\s*\)|(?:vào\s*|trong\s*|của\s*)?năm\s+(19[89]\d|20[0-4]\d))",
    re.I,
)
EVERY_YEAR = re.compile(r"hàng năm|hằng năm|các năm|mỗi năm|qua từng năm", re.I)
NOW = re.compile(r"đến nay|hiện nay|năm nay|từ đầu năm|tính đến", re.I)
ANNOUNCED = re.compile(r"công bố|công khai kết quả|kết quả (?:xác định|đánh giá) chỉ số", re.I)
INDEXES = {"par_index", "sipas", "papi", "pci", "papi_dimension"}
# Counts that describe an index's structure ("8 chỉ số thành phần", "6 tiêu chí"; "tiêu chỉ" is a common
# slip of the tone mark for "tiêu chí", written "8 tiêu chỉ đánh giá").
STRUCTURE = re.compile(
    r"\s*(?:chỉ số (?:thành phần|con|lĩnh vực|nội dung)|nội dung thành phần|tiêu ch[íỉ](?: thành phần)?|lĩnh vực"
    r"|nhóm|trục nội dung|chỉ tiêu(?: thành phần| cụ thể)?|câu hỏi"
    r"|tỉnh,? thành(?: phố)?|tỉnh/thành|tỉnh thành|tỉnh|nội dung|bộ,? ngành|bộ,? cơ quan ngang bộ"
    r"|thành phố trực thuộc|đơn vị hành chính|cơ quan chuyên môn|phòng chuyên môn|thành viên|chương|điều|mục"
    r"|huyện,? (?:thành phố|thị xã)|xã,? phường|vùng|địa phương|bảng xếp hạng|sở,? (?:ban,? )?ngành"
    r"|cơ quan,? đơn vị|đơn vị(?! tính)|cơ quan(?! báo chí)|cấp(?: chính quyền| hành chính)?)\b",
    re.I,
)
UNITS_AFTER = re.compile(r"\s*(?:tỉnh|thành phố|địa phương|bộ|ngành|đơn vị|huyện|xã|vùng)\b", re.I)
# "08/08 huyện đều được phân loại ở mức khá", "5 huyện xếp loại Tốt": how many units fall in a grade, not an
# outcome (LABELLING.md: counts of units per class); "5/9 huyện đạt tỷ lệ này dưới 3%" names no grade and stays.
UNIT_NOUN_AFTER = re.compile(
    r"\s*(?:tỉnh|thành phố|địa phương|bộ|ngành|đơn vị|huyện|thị xã|xã|phường|cơ quan|sở|ban|vùng)\b", re.I
)
GRADE_CLAUSE = re.compile(
    r"(?:xếp loại|phân loại|đánh giá|đạt loại|xếp|loại|mức|nhóm)\s*(?:loại\s*|mức\s*)?[“\"']?\s*"
    r"(?:xuất sắc|tốt|khá|trung bình|yếu|kém)(?![\wÀ-ỹ])",
    re.I,
)


def _count_per_grade(text: str, b: int, after: str) -> bool:
    """A count of units (``after`` starts with their noun) whose own clause puts them in a grade."""
    return bool(UNIT_NOUN_AFTER.match(after)) and bool(GRADE_CLAUSE.search(_right(text, b, ",;.")))


# "Top 5", "TOP 10": the size of a group, not a value; "11 trong số 16 tỉnh": a count of units.
GROUP_SIZE_BEFORE = re.compile(r"\btop\s*$", re.I)
COUNT_OF_GROUP_AFTER = re.compile(
    rf"\s*trong\s*(?:số\s*)?(?:{NUMBER})?\s*(?:tỉnh|thành phố|địa phương|đơn vị|huyện|bộ)", re.I
)
# "khảo sát 14.138 công dân", "131.501 công dân đóng góp tiếng nói", "19.536 người": people, forms or
# firms counted in a sentence or paragraph about a survey are its sample, not an outcome.
# "Có 10 tỉnh (15,87%) tăng điểm": the share of the units counted right before, not an outcome.
SHARE_OF_UNITS_BEFORE = re.compile(
    rf"{NUMBER}\s*(?:tỉnh|thành phố|địa phương|đơn vị|huyện|xã|bộ|ngành|cơ quan|sở)"
    r"(?:[,/\s]*(?:thành phố|thành|ngành|phường|thị xã|thị trấn))?\s*\(\s*(?:chiếm\s*(?:tỷ lệ\s*)?)?$",
    re.I,
)
SAMPLE_NOUN = re.compile(
    r"\s*(?:người(?: dân)?|công dân|cử tri|đáp viên|hộ(?: gia đình)?|phiếu|doanh nghiệp|DN)(?![\wÀ-ỹ])", re.I
)
SURVEY = re.compile(
    r"khảo sát|điều tra|phỏng vấn|trả lời|phản hồi|lấy ý kiến|được hỏi|chọn mẫu|lựa chọn ngẫu nhiên"
    r"|đóng góp (?:tiếng nói|ý kiến)",
    re.I,
)
# "ở 4 chỉ số đánh giá", "chỉ có 2 chỉ số là ...": a whole number of indices (not "chỉ số PCI") is structure.
INDEX_COUNT = re.compile(
    r"\s*chỉ số(?![\wÀ-ỹ])(?!\s*(?:PAR|SIPAS|PAPI|PCI|DDCI|CCHC|cải cách|hài lòng|năng lực|hiệu quả|[A-ZĐ]))"
)
PARTICIPANTS = re.compile(r"\s*(?:tập thể|cá nhân|đại biểu|học viên|đồng chí|thí sinh|gia đình|đội|giải)\b", re.I)
# "trên 2 điểm", "gần 3 điểm", "hơn 40", "khoảng 10": a whole number after a bound word, with no
# measured quantity named, is a bound, not a value (LABELLING.md: inequalities without a value).
BOUND_BEFORE = re.compile(
    r"(?<!cao )(?<!thấp )(?<!nhiều )(?<!ít )\b(?:trên|dưới|gần|hơn|khoảng|xấp xỉ|chưa (?:đến|tới)|ngót)\s*$", re.I
)
NOUN_AFTER = re.compile(r"\s*(?!(?:và|hoặc|so|với|ở|trong|của|là|thì|nhưng|còn|nên|do)\b)[^\W\d_]", re.I)
THRESHOLD_BEFORE = re.compile(r"(?:dưới|trên|từ|không quá|tối đa|ít nhất|khoảng)\s*$", re.I)
THRESHOLD_CONTEXT = re.compile(
    r"nhóm|xếp loại|loại (?:tốt|khá|xuất sắc|trung bình)|các (?:tỉnh|địa phương|đơn vị)|những (?:tỉnh|địa phương)|"
    r"đơn vị có|địa phương có|tỉnh có|mức điểm|\bnào\b",
    re.I,
)
# "từ 41,71 (2021) xuống 41,56": a value moving from X to Y, not a bound.
FROM_TO_AFTER = re.compile(r"\s*(?:%|điểm)?\s*(?:\([^()]{0,20}\)\s*)?(?:lên|xuống)\b", re.I)
RANGE_AFTER = re.compile(rf"\s*(?:%|điểm)?\s*(?:-|–|đến|tới)\s*{NUMBER}", re.I)
# "từ 42,38 đến 43,70", "từ mức 40% tới 45%": the two ends of a range.
FROM_RANGE_BEFORE = re.compile(r"\btừ\s*(?:mức\s*|khoảng\s*)?$", re.I)
TO_RANGE_AFTER = re.compile(rf"\s*(?:%|điểm)?\s*(?:đến|tới)\s*(?:mức\s*)?{NUMBER}", re.I)
RANGE_END_BEFORE = re.compile(rf"\btừ\s*(?:mức\s*|khoảng\s*)?{NUMBER}\s*(?:%|điểm)?\s*(?:đến|tới)\s*(?:mức\s*)?$", re.I)
BARE_LEVEL = re.compile(
    r"\b(cấp tỉnh|cấp huyện|cấp thành phố|cấp xã|xã, phường|cấp phường|tỉnh|huyện)\b(?!\s+[A-ZĐ])", re.I
)
BARE_LEVEL_OF = {
    "cấp tỉnh": "province",
    "tỉnh": "province",
    "cấp huyện": "district",
    "cấp thành phố": "district",
    "huyện": "district",
    "cấp xã": "commune",
    "xã, phường": "commune",
    "cấp phường": "commune",
}
REFORM_TERMS = re.compile(
    r"hồ sơ|thủ tục|TTHC|dịch vụ công|DVC|một cửa|cải cách|CCHC|chỉ số|hài lòng|trực tuyến|số h[óo]a|công chức|cán bộ"
    r"|viên chức|biên chế|công vụ|văn bản|sự nghiệp|tự chủ|PAPI|PCI|SIPAS|PAR|DDCI|bưu chính|phản ánh|kiến nghị"
    r"|khảo sát"
    r"|bộ máy|chính quyền|điện tử|xếp hạng|\bđiểm\b|lượt|phí|tiết kiệm|giải quyết|tiếp nhận|đơn vị hành chính|sắp xếp"
    r"|tinh giản|chuyển đổi số|ký số|tài khoản|định danh|VNeID|cổng dịch vụ|khiếu nại|tố cáo|tiếp công dân|thanh tra"
    r"|kiểm tra|phòng ban|cơ quan|hành chính|quản trị|minh bạch|trách nhiệm giải trình|tham nhũng"
    r"|\bindex\b|\breform|administrative|satisfaction|governance|\branked\b",
    re.I,
)
PHYSICAL = re.compile(r"\s*(?:m2|m²|m3|ha|km2?|km²|kg|tấn|MW|kW|kWh|m|cm|mm|lít|héc-ta|hecta|độ C)\b", re.I)
PAREN_NAME = re.compile(rf"\s*\(\s*({NAME})\s*\)")  # "(Sóc Trăng)", "(TP Hồ Chí Minh)"
RANK_SCOPE_BEFORE = re.compile(
    r"(?:\bthứ\s*\d+|\d+\s*/\s*\d+|\bthứ hạng|\bxếp hạng|\bdẫn đầu|\bđứng đầu|\btop(?: đầu)?)"
    r"(?:\s|,|tỉnh|thành|phố|trong|của|so|với|các|trên|phạm vi)*$",
    re.I,
)
NATIONAL = re.compile(r"cả nước|toàn quốc|trung bình (?:cả nước|chung)|các bộ|bộ,? ngành|Chính phủ", re.I)


# " date 2020-05 ..." at the start of a line near the top: the page's date as the store gives it
# (page metadata, not a year the text states).
PAGE_DATE = re.compile(r"^[ \t]*date[ \t]+(19[89]\d|20[0-4]\d)-[01]\d(?:-[0-3]\d)?(?=\s|$)", re.M)
# Invisible characters that split numbers: emoji variation selectors and keycaps ("2️016"),
# zero-width spaces and joiners, the byte-order mark.
INVISIBLE = re.compile("[\ufe0e\ufe0f\u20e3\u200b\u200c\u200d\u2060\ufeff]")
# An image's alt text or file slug: a line of lower-case unaccented words and digits
# ("sipas 2019 ty le nguoi dan to chuc hai long dat 8445") in a page written with accents.
SLUG_LINE = re.compile(r"[a-z0-9]+(?:[ _-]+[a-z0-9]+){4,}")
ACCENTED = re.compile("[à-ỹđĐ]")


# A percentage alone on its line ("100%") names nothing it measures. Next to the page's byline, date
# or view count it is the page's zoom or font-size control; in a run of >= 3 such lines going up or
# down ("0%", "25%", "50%", "75%") it is a chart's axis. Either way page furniture, not a value.
LONE_PERCENT = re.compile(rf"\s*{NUMBER}\s*%\s*")
FURNITURE_LINE = re.compile(
    r"lượt xem|lượt đọc|lượt truy cập|cỡ chữ|in bài|đăng ngày|ngày đăng|cập nhật|chia sẻ|bình luận"
    r"|^\s*\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}",
    re.I,
)


def lone_percent_furniture(lines: list[str], skip: set[int]) -> list[int]:
    """Line numbers of lone percentages that are page furniture (see ``LONE_PERCENT``)."""
    items = [i for i, x in enumerate(lines) if x.strip() and i not in skip]
    lone = [LONE_PERCENT.fullmatch(lines[i]) is not None for i in items]
    if not any(lone):
        return []
    out = set()
    for k, i in enumerate(items):
        if not lone[k]:
            continue
        near = [lines[items[t]] for t in (k - 1, k + 1) if 0 <= t < len(items) and not lone[t]]
        if any(len(x.strip()) <= 80 and FURNITURE_LINE.search(x) for x in near):
            out.add(i)
    k = 0
    while k < len(items):  # runs of >= 3 lone percentages in order: an axis
        e = k
        while e < len(items) and lone[e]:
            e += 1
        if e - k >= 3:
            values = [parse_number(NUMBER_RE.search(lines[items[t]]).group(0)) for t in range(k, e)]
            steps = {b > a for a, b in zip(values, values[1:])}
            if len(steps) == 1 and len(set(values)) == len(values):
                out.update(items[k:e])
        k = e + 1
    return sorted(out)


def _page_date(text: str) -> re.Match | None:
    m = PAGE_DATE.search(text[:1000])
    return m if m and text[: m.start()].count("\n") <= 3 else None


class _Doc:
    """What a document says about itself: its main place, its province, its year context."""

    def __init__(self, text: str):
        self.text = text
        dated = _page_date(text)
        if dated:  # the page date is no title and no year of the text
            text = text[: dated.start()] + " " * (dated.end() - dated.start()) + text[dated.end() :]
        lines = [line for line in text.split("\n") if line.strip()]
        head = "\n".join(lines[:8])
        self.places = places(text)
        lead = [p for p in places("\n".join(lines[:5])) if p.level != "department"]
        self.publication_year = publication_year(text) or (int(dated.group(1)) if dated else None)
        self.announces = bool(ANNOUNCED.search(text[:3000]))
        self.dot_decimals = uses_dot_decimals(text)
        # The period a report is about, when its title says so ("quý III/2023", "3 tháng đầu năm
        # 2022", "năm 2021"); a lead paragraph's years are not used: they are as often baselines.
        title = next((line.strip() for line in lines if not line.startswith(("http://", "https://"))), "")
        self.title = title if len(title) <= 160 else ""
        title_years = {  # a baseline in the title ("tăng 3 bậc so với năm 2019") is not its year
            y for p, y in year_mentions(self.title) if not BASELINE_YEAR.search(self.title[max(0, p - 30) : p])
        }
        self.title_year = title_years.pop() if len(title_years) == 1 and not periods(self.title) else None
        self.province_code = self._province(head)
        self.main: Place | None = lead[0] if lead else None
        if self.main is None and self.province_code:
            from ..provinces import name_of

            self.main = Place(0, "tỉnh", name_of(self.province_code))

    def _province(self, head: str) -> str | None:
        for p in self.places:
            if p.level == "province" and try_resolve(p.name):
                return try_resolve(p.name)
        m = re.match(r"\s*([^:\n]{2,30}):", head)  # "Bắc Ninh: Thành phố Từ Sơn ..."
        if m and try_resolve(m.group(1)):
            return try_resolve(m.group(1))
        lead = [p for p in places(head) if p.level != "department"]
        if lead and try_resolve(lead[0].name):
            return try_resolve(lead[0].name)
        m = re.search(r"\bbao([a-z]+)\.(?:com\.)?vn", self.text)  # "Nguồn: baotuyenquang.com.vn"
        return try_resolve(m.group(1)) if m else None

    def num(self, raw: str, unit=None, indicator=None, denominator=None) -> tuple[float, str]:
        return read_number(raw, unit, indicator, denominator, self.dot_decimals)


def _clause_start(text: str, pos: int, stops: str = ";") -> int:
    cut = max(text.rfind(c, 0, pos) for c in stops)
    return cut + 1


def _clause_end(text: str, pos: int, stops: str = ";.") -> int:
    ends = [i for i in (text.find(c, pos) for c in stops) if i != -1]
    return min(ends) if ends else len(text)


def _right(text: str, end: int, stops: str) -> str:
    return text[end : _clause_end(text, end, stops)][:150]


def _qualifier(left: str) -> str | None:
    for name, rx in voc.QUALIFIERS:
        if rx.search(left[-20:]):
            return name
    return None


def _groups(text: str) -> list[int]:
    """For each character, the id of the innermost parenthesis holding it (0: none)."""
    out, stack, next_id = [], [0], 1
    for ch in text:
        if ch in "([":
            stack.append(next_id)
            next_id += 1
            out.append(stack[-1])
        elif ch in ")]" and len(stack) > 1:
            out.append(stack.pop())
        else:
            out.append(stack[-1])
    return out


def _is_boundary(text: str, i: int) -> bool:
    ch = text[i]
    if ch in ";:":
        return True
    if ch == ",":
        return not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
    return False


def _with_bare_provinces(text: str, found: list[Place]) -> list[Place]:
    """``found`` plus the provinces named without "tỉnh"/"thành phố" ("Còn Gia Lai đứng thứ 19"), by position."""
    spans = [(p.position, p.position + len(p.text)) for p in found]
    extra = [
        q
        for q in bare_provinces(text)
        if not any(a <= q.position < b for a, b in spans)
        # "Sở Tài nguyên - Môi trường Lâm Đồng", "Công an tỉnh", "Kho bạc Nhà nước Bến Tre": the end of an agency's name
        and not AGENCY_BEFORE.search(text[max(0, q.position - 50) : q.position])
    ]
    return sorted(found + extra, key=lambda p: p.position)


AGENCY_BEFORE = re.compile(
    r"\b(?:Sở|Ban|Cục|Chi cục|Công an|Kho bạc|Bảo hiểm|Ngân hàng|Trung tâm|Văn phòng|Cổng|Báo|Đài|Trường|Bệnh viện"
    r"|Hội|Tòa án|Viện|Thuế|Hải quan|Bưu điện|Điện lực|Công ty|Liên đoàn|Đoàn|Bộ Chỉ huy)\b[^,;.:()\n]*$"
)


# "Ở chỉ số này", "chỉ số trên", "bảng xếp hạng này": the index named just before (often in a caption).
ANAPHORA = re.compile(r"\b(?:chỉ số|bảng xếp hạng)\s+(?:này|trên|đó|nói trên)\b", re.I)
# Words between a value and a place after it that make the place a comparison, not the subject.
COMPARED = re.compile(r"\b(?:sau|trước|hơn|so với|kém|thua|bằng|cùng|vượt|và|với)\b", re.I)


def _noun_phrase(text: str, start: int, words: int = 6) -> str:
    m = re.match(r"[^,;.:()\d%]*", text[start:])
    return " ".join(m.group(0).split()[:words]) if m else ""


class _Sentence:
    def __init__(self, s, doc: _Doc, para_years: list[tuple[int, int]], para_periods):
        self.s, self.doc = s, doc
        self.text = s.text
        self.spans = non_value_spans(s.text)
        chars = list(s.text)
        for a, b, _ in self.spans:
            chars[a:b] = " " * (b - a)
        self.masked = "".join(chars)
        self.years = year_mentions(s.text)
        self.baselines = {p for p, _ in self.years if BASELINE_YEAR.search(s.text[max(0, p - 30) : p])}
        # Years that are no value's period: where carried-over dossiers came from ("chuyển tiếp năm 2018"),
        # and the earlier value's year in "từ 63,12 của năm 2019 lên 63,85" (it stays with 63,12 only).
        self.not_period = {p for p, _ in self.years if _origin_year(s.text, p) or _from_value_year(s.text, p)}
        self.group = _groups(s.text)
        self.para_years = para_years  # (absolute position, year) in the same paragraph
        self.para_periods = para_periods
        self.para_text = ""  # the paragraph's text before this sentence
        self.places = _with_bare_provinces(s.text, places(s.text))
        self.prev_text = ""  # the paragraphs just before this one (what "chỉ số này" refers to)
        self.claimed: list[tuple[int, int]] = []
        self.records: list[dict] = []
        self.discards: list[dict] = []

    def on_topic(self) -> bool:
        return any(REFORM_TERMS.search(t) for t in (self.text, self.para_text, self.doc.title))

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.claimed)

    def claim(self, a: int, b: int) -> None:
        self.claimed.append((a, b))

    def discard(self, a: int, b: int, reason: str) -> None:
        self.claim(a, b)
        self.discards.append(
            {"text": self.text[a:b], "reason": reason, "context": self.text[max(0, a - 40) : b + 40], "pos": a}
        )

    # -- context -------------------------------------------------------------------------------
    def _clause(self, pos: int) -> tuple[int, int]:
        g = self.group[pos] if pos < len(self.group) else 0
        a = pos
        while a > 0 and self.group[a - 1] == g and not _is_boundary(self.text, a - 1):
            a -= 1
        b = pos
        while b < len(self.text) and self.group[b] == g and not _is_boundary(self.text, b):
            b += 1
        return a, b

    def year_for(self, pos: int, index: bool = False) -> tuple[int | None, str]:
        a, b = self._clause(pos)
        g = self.group[pos] if pos < len(self.group) else 0
        usable = [(p, y) for p, y in self.years if p not in self.baselines and p not in self.not_period]
        if EVERY_YEAR.search(self.text[a:b]):
            return None, "every year (not one year)"
        right = self.text[pos : pos + 30]
        tight = TIGHT_YEAR.match(right)
        if tight:
            return int(tight.group(1) or tight.group(2)), "clause (the year right after the value)"
        if g:
            m = re.search(SO_VOI + r"\s*(?:năm\s*)?(19[89]\d|20[0-4]\d)\s*\(\s*$", self.text[:pos], re.I)
            if m:
                return int(m.group(1)), "baseline named before the parenthesis ('so với năm Y (X)')"
        m = re.search(SO_VOI + r"\s*(?:năm\s*)?(19[89]\d|20[0-4]\d)\s*(?:là|:)\s*$", self.text[:pos], re.I)
        if m:
            return int(m.group(1)), "baseline value ('so với năm Y là X')"
        own_left = [y for p, y in usable if a <= p < pos]
        if own_left:
            return own_left[-1], "clause"
        own_right = [y for p, y in usable if pos < p < b and self.group[p] == g]
        if own_right:
            return own_right[0], "clause (after the value)"
        visible = {0, g}
        left = [y for p, y in usable if p < pos and self.group[p] in visible]
        if left:
            return left[-1], "sentence"
        if any(p > pos and self.group[p] in visible for p, _ in usable):
            return None, "unclear (year only after the value)"
        if NOW.search(self.text[:pos]) and self.doc.publication_year:
            return self.doc.publication_year, "publication date ('đến nay', 'năm nay')"
        earlier = [y for p, y in self.para_years if p < self.s.start]
        if earlier:
            return earlier[-1], "paragraph"
        referred = self.referred(pos)
        if referred and referred[1]:
            return referred[1], "the index 'chỉ số này' refers to, named with its year just before"
        if self.doc.title_year:
            return self.doc.title_year, "document title"
        implied = self._year_after_baseline(index)
        if implied:
            return implied, "the year after the sentence's baseline ('so với năm B'), as the page date allows"
        return None, "not stated"

    def referred(self, pos: int) -> tuple[str, int | None] | None:
        """ "Ở chỉ số này, tỉnh Quảng Ninh dẫn đầu với 90,61%" under a caption "Bảng xếp hạng Chỉ số SIPAS
        năm 2023": (index, its one year or None) named in the paragraphs just before, when the sentence
        or its paragraph refers back to an index and names none itself."""
        if not ANAPHORA.search(self.para_text + " " + self.text[:pos]) or not self.prev_text:
            return None
        named = voc.nearest(
            [(n, rx) for n, rx in voc.RATE_RE if n in INDEXES and n != "papi_dimension"], self.prev_text
        )
        if not named:
            return None
        end = self.prev_text.find(". ", named[1])
        tail = self.prev_text[max(0, named[1] - 60) : end if end != -1 else None]
        years = {y for p, y in year_mentions(tail) if not BASELINE_YEAR.search(tail[max(0, p - 30) : p])}
        return named[0], (years.pop() if len(years) == 1 else None)

    def _year_after_baseline(self, index: bool) -> int | None:
        """Rule 6 of the module docstring: B+1 for a sentence whose only year is one baseline B,
        when the page date P allows it (B+1 = P-1 for an index, B+1 in {P-1, P} otherwise)."""
        pub = self.doc.publication_year
        if pub is None or not self.years or any(p not in self.baselines for p, _ in self.years):
            return None
        base = {y for _, y in self.years}
        if len(base) != 1:
            return None
        year = base.pop() + 1
        return year if year == pub - 1 or (year == pub and not index) else None

    def place_for(self, pos: int, end: int | None = None) -> tuple[str | None, str | None, str | None]:
        if end is not None:  # "thăng cao nhất 34 bậc (Sóc Trăng)": the province named right after
            m = PAREN_NAME.match(self.text, end)
            code = try_resolve(m.group(1)) if m else None
            if code:
                return m.group(1), "province", code
        before = [p for p in self.places if p.position < pos]
        # "...; thứ 3 tỉnh Hải Dương đạt 90,23%": when no place is named before the value in its own
        # clause, a place right after it in that clause (not a comparison: "sau", "hơn", "so với")
        # is its subject, not the place of an earlier clause.
        ca, cb = self._clause(pos)
        if not any(p.position >= ca for p in before):
            stop = end if end is not None else pos
            nxt = next((p for p in self.places if stop <= p.position < cb), None)
            if nxt and nxt.position - stop <= 30 and not COMPARED.search(self.text[stop : nxt.position]):
                code = try_resolve(nxt.name) if nxt.level == "province" else None
                return nxt.text, nxt.level, code or self.doc.province_code
        # "34/63 tỉnh", "63 tỉnh, thành phố": the units counted or ranked among, not the subject.
        bare = [m for m in BARE_LEVEL.finditer(self.text, 0, pos) if not re.search(r"\d\s*$", self.text[: m.start()])]
        # "đứng thứ 18 cả nước", "xếp hạng 11/63 tỉnh, thành phố trong cả nước": the ranking's scope.
        nat = [
            m
            for m in NATIONAL.finditer(self.text, 0, pos)
            if not (
                re.match(r"cả nước|toàn quốc", m.group(0), re.I)
                and RANK_SCOPE_BEFORE.search(self.text[max(0, m.start() - 60) : m.start()])
            )
        ]
        if (
            nat
            and (not before or nat[-1].start() > before[-1].position)
            and (not bare or nat[-1].start() > bare[-1].start())
        ):
            return nat[-1].group(0), "national", None
        if bare and (not before or bare[-1].start() > before[-1].position):
            level = BARE_LEVEL_OF[bare[-1].group(1).lower()]
            main = self.doc.main
            locality = main.text if main and main.level == level else (bare[-1].group(1))
            code = self.doc.province_code
            return locality, level, code
        place = before[-1] if before else self.doc.main
        if place is None:
            return None, None, self.doc.province_code
        code = try_resolve(place.name) if place.level == "province" else None
        return place.text, place.level, code or self.doc.province_code

    def kind_for(self, pos: int) -> str:
        clause = self.text[_clause_start(self.text, pos, ";") : pos]
        return "target" if voc.TARGET_CUES.search(clause) else "achieved"

    # -- records -------------------------------------------------------------------------------
    def add(
        self,
        a: int,
        b: int,
        indicator: str,
        value: float,
        unit: str,
        denominator=None,
        subject=None,
        pair=None,
        far=False,
        basis="integer",
        baseline=None,
    ):
        base = re.sub(r"(?:_rank)?(?:_change)?$", "", indicator)
        index = base in INDEXES or (base in ("rank", "") and subject in INDEXES)
        year, ybasis = self.year_for(a, index)
        if index and year is not None and self.doc.announces and ybasis.startswith("publication"):
            year, ybasis = year - 1, "announced in the publication year, refers to the year before"
        elif index and year is not None and ANNOUNCED.search(self.text):
            dated = [p for p, _ in self.years if re.match(r"\d{1,2}[/-]", self.text[p : p + 3])]
            if dated and any(y == year for p, y in self.years if p in dated):
                year, ybasis = year - 1, "announcement date; the index refers to the year before"
        locality, level, code = self.place_for(a, b)
        confidence = (
            0.9
            - (0.2 if not ybasis.startswith("clause") and ybasis != "sentence" else 0)
            - (0.3 if year is None else 0)
            - (0.1 if far else 0)
            - (0.2 if indicator == "other" else 0)
        )
        self.claim(a, b)
        self.records.append(
            {
                "locality": locality,
                "level": level,
                "province_code": code,
                "year": year,
                "year_basis": ybasis,
                "indicator": indicator,
                "subject": subject,
                "value": value,
                "unit": unit,
                "denominator": denominator,
                "kind": self.kind_for(a),
                "qualifier": _qualifier(self.text[:a]),
                "number_basis": basis,
                "baseline_year": baseline,
                "quote": self.text,
                "span_start": self.s.start + a,
                "span_end": self.s.start + b,
                "confidence": round(max(confidence, 0.1), 2),
                "pair": pair,
            }
        )

    def rate_indicator(self, a: int, b: int) -> tuple[str | None, bool]:
        # The noun phrase right after a percentage names it ("100% hồ sơ được số hóa"); it ends at
        # the next comma, semicolon or number.
        right = _right(self.text, b, ",;.")
        nxt = re.search(r"\d", right)
        right = right[: nxt.start()] if nxt else right
        if right.strip()[:1] not in (",", ";", ".", ")", "(", "") and not re.match(r"\s*so\b", right):
            hit = voc.first(voc.RATE_RE, right)
            if hit:
                return hit, False
            clause = _right(self.text, b, ";.")
            pred = re.search(r"\bđược\b[^,;.]*", clause[: (re.search(r"\d", clause) or re.search("$", clause)).start()])
            hit = voc.first(voc.RATE_RE, pred.group(0)) if pred else None
            if hit:
                return hit, False
            near = voc.nearest(voc.RATE_RE, self.text[_clause_start(self.text, a, ",;:") : a])
            return (near[0], False) if near else (None, False)
        hit = voc.nearest(voc.RATE_RE, self.text[:a])
        if hit:
            return hit[0], a - hit[1] > 120
        hit = voc.nearest(voc.RATE_RE, self.para_text)  # named in an earlier sentence of the paragraph
        if hit:
            return hit[0], True
        referred = self.referred(a)  # "Ở chỉ số này, ... đạt 90,61%" after a caption naming SIPAS
        if referred:
            return referred[0], True
        return None, False

    def subject(self, a: int, b: int | None = None) -> str | None:
        right = self.text[b : b + 80] if b is not None else ""
        if re.match(r"\s*(?:về|trong|của)\b", right):
            hit = voc.first(SUBJECT_RULES, _right(right, 0, ",;."))
            if hit:
                return hit
        hit = voc.nearest(SUBJECT_RULES, self.text[:a])
        if hit:
            return hit[0]
        referred = self.referred(a)
        return referred[0] if referred else None

    def phrase(self, a: int, b: int) -> str:
        """The noun phrase a number measures: the words after it, else the words before it."""
        after = _noun_phrase(self.text, b)
        if after and not re.match(r"(?:so\b|và|hoặc|là|trên|của)\b", after):
            return after
        ca, _ = self._clause(a)
        before = re.sub(r"\b(?:đạt|là|với|được|có|chiếm|bằng|lên|xuống còn|còn)\s*$", "", self.text[ca:a].strip())
        return " ".join(before.split()[-6:])


DATE_LEAD = re.compile(r"(?i:ngày|hôm|sáng|trưa|chiều|tối)(?:\s+(?:nay|qua|mai))?\s*$|\([A-ZĐ]{2,}\w*\s*$")


def _change_of(st: _Sentence, a: int) -> re.Match | None:
    return CHANGE_BEFORE.search(st.text[max(0, a - 40) : a])


def _baseline(st: _Sentence, b: int) -> int | None:
    m = BASELINE_AFTER.search(st.text[b : b + 90])
    return int(m.group(1)) if m else None


def _add_change(st: _Sentence, a: int, b: int, raw: str, unit: str, measure: str | None, cue: re.Match) -> None:
    value, basis = st.doc.num(raw, unit, measure)
    sign = -1 if NEGATIVE.search(cue.group(1)) else 1
    st.add(
        a,
        b,
        f"{measure or 'other'}_change",
        sign * value,
        unit,
        basis=basis,
        baseline=_baseline(st, b),
        subject=st.phrase(a, b) if measure is None else None,
    )


def _extract_sentence(st: _Sentence) -> None:
    text, masked = st.text, st.masked
    # Ranks with a denominator: "xếp thứ 22/63", "xếp hạng 5/19".
    fractions = []
    for m in RANK_FRAC.finditer(masked):
        rank, of = parse_number(m.group(1)), parse_number(m.group(2))
        if of > 1000:
            continue
        if rank > of or rank < 1:
            st.discard(m.start(1), m.end(), f"impossible rank ({rank:g} of {of:g})")
            continue
        fractions.append((m.start(), of))
        st.add(m.start(1), m.end(), "rank", rank, "rank", of, subject=st.subject(m.start(), m.end()))
    for m in RANK_WORD.finditer(masked):
        if not st.free(m.start(), m.end()):
            continue
        word = m.group(1) or m.group(2) or m.group(3) or m.group(4)
        if m.group(2) and UNITS_AFTER.match(masked[m.end() :]):  # "xếp hạng 63 tỉnh": how many are ranked
            st.discard(m.start(2), m.end(), "structure count (units ranked)")
            continue
        rank = ORDINALS.get(word.lower()) if not word.isdigit() else float(word)
        if rank is None:
            continue
        of = next((d for p, d in reversed(fractions) if p < m.start()), None)
        if rank > (of or 63) or rank < 1:
            st.discard(m.start(), m.end(), f"impossible rank ({rank:g} of {of or 63:g})")
            continue
        st.add(m.start(), m.end(), "rank", float(rank), "rank", of, subject=st.subject(m.start(), m.end()))
    for m in RANK_LIST.finditer(masked):
        if not st.free(m.start(), m.end(1)):
            continue
        # The ordinal must be followed by the place it ranks ("thứ 3 tỉnh Hải Dương", "thứ 3 Hải Dương",
        # "thứ hai là Bộ Tư pháp"; not "Thứ Năm, ngày ...").
        if not any(p.position == m.end() for p in st.places) and not re.match(r"(?:Bộ|Sở)\s+[A-ZĐ]", text[m.end() :]):
            continue
        rank = ORDINALS.get(m.group(1).lower()) if not m.group(1).isdigit() else float(m.group(1))
        if rank is None or not 1 <= rank <= 63:
            continue
        st.add(m.start(), m.end(1), "rank", float(rank), "rank", subject=st.subject(m.start(), m.end(1)))
    for m in RANK_EN.finditer(masked):
        if not st.free(m.start(), m.end()) or re.search(MONTHS_EN, text[: m.start()]):
            continue
        word = m.group(1) or m.group(2) or m.group(3)
        if m.group(2) and not RANK_EN_CONTEXT.search(text[max(0, m.start() - 60) : m.end() + 40]):
            continue
        rank = EN_ORDINALS[word.lower()] if word.isalpha() else float(word)
        if 1 <= rank <= 63:
            st.add(m.start(), m.end(), "rank", float(rank), "rank", subject=st.subject(m.start(), m.end()))
    for m in RANK_CHANGE_EN.finditer(masked):
        if st.free(m.start(2), m.end()):
            sign = -1 if re.match(r"dropped|fell|slipped|slid|declined|down", m.group(1), re.I) else 1
            st.add(m.start(2), m.end(), "rank_change", sign * float(m.group(2)), "ranks", subject=st.subject(m.start()))
    for m in RANK_CHANGE.finditer(masked):
        if not st.free(m.start(2), m.end()):
            continue
        sign = -1 if NEGATIVE.search(m.group(1)) else 1
        st.add(
            m.start(2),
            m.end(),
            "rank_change",
            sign * parse_number(m.group(2)),
            "ranks",
            subject=st.subject(m.start()),
            baseline=_baseline(st, m.end()),
        )
    # Fractions, optionally "bằng Z%": "13,96/19 điểm bằng 73,47%", "03/80 bằng 3,75%", "285/285 TTHC".
    for m in FRACTION.finditer(masked):
        if not st.free(m.start(), m.end()):
            continue
        den = parse_number(m.group(2))
        points = bool(m.group(3))
        after = masked[m.end() : m.end() + 40]
        pair = f"{st.s.start + m.start()}" if m.group(4) else None
        num0 = parse_number(m.group(1))
        dated = DATE_LEAD.search(text[: m.start()])  # "ngày 7/4", "Sáng nay 7/4", "(QNO) 7/4"
        if den <= 12 and num0 <= 31 and "," not in m.group(1) and (dated or re.match(r"\s*[)\]]", text[m.end() :])):
            st.discard(m.start(), m.end(), "date")
            continue
        if not (points or m.group(4)) and _count_per_grade(text, m.end(), after):
            st.discard(m.start(), m.end(), "count of units in a grade ('08/08 huyện ... ở mức khá'), not an outcome")
            continue
        if points or m.group(4):
            indicator, far = st.rate_indicator(m.start(), m.end())
        else:
            indicator, far = _count_indicator(st, m.start(), m.end(), after)
        unit = "points" if points else "count"
        num, basis = st.doc.num(m.group(1), unit, indicator, den)
        subject = None
        if indicator is None:
            indicator, subject = "other", st.phrase(m.start(), m.end())
        st.add(m.start(1), m.end(2), indicator, num, unit, den, pair=pair, far=far, basis=basis, subject=subject)
        if m.group(4):
            v, basis = st.doc.num(m.group(4), "%", indicator)
            st.add(m.start(4), m.end(), indicator, v, "%", pair=pair, far=far, basis=basis, subject=subject)
    for m in PERCENT.finditer(masked):
        if not st.free(m.start(), m.end()):
            continue
        if SHARE_OF_UNITS_BEFORE.search(text[max(0, m.start() - 60) : m.start()]):
            st.discard(m.start(), m.end(), "share of a count of units ('10 tỉnh (15,87%)'), not an outcome")
            continue
        cue = _change_of(st, m.start())
        indicator, far = st.rate_indicator(m.start(), m.end())
        if cue:
            _add_change(st, m.start(), m.end(), m.group(1), "%", indicator, cue)
            continue
        if _threshold(st, m.start(), m.end()):
            continue
        value, basis = st.doc.num(m.group(1), "%", indicator)
        subject = None
        if indicator is None:
            bound = re.search(r"\b(?:trên|dưới)\s*$", text[: m.start()], re.I) or (
                m.group(1).isdigit()
                and BOUND_BEFORE.search(text[: m.start()])
                and not NOUN_AFTER.match(text[m.end() :])
            )
            if bound and not voc.TARGET_CUES.search(text[_clause_start(text, m.start(), ";.") : m.start()]):
                st.discard(m.start(), m.end(), "threshold without value (a bound, no measured rate)")
                continue
            if not st.on_topic():
                st.discard(m.start(), m.end(), "off-topic (no reform term in the paragraph)")
                continue
            indicator, subject = "other", st.phrase(m.start(), m.end())
        st.add(m.start(), m.end(), indicator, value, "%", far=far, basis=basis, subject=subject)
    _sweep(st)


def _index_score(st: _Sentence, a: int, raw: str) -> str | None:
    """ "Điểm số Papi năm 2022 của tỉnh tăng khá, từ 40,14 lên 40,87", "... Papi 2022 ...; tỉnh B đứng
    cuối với 38,80": a decimal without unit in a sentence that names an index and its score ("điểm",
    "chỉ số") before it is that index's score, when it fits the index's scale."""
    if not re.fullmatch(r"\d{1,3}[.,]\d{1,3}", raw):
        return None
    left = st.text[:a]
    hit = voc.nearest(voc.RATE_RE, left)
    if not hit or hit[0] not in INDEXES or not re.search(r"điểm|chỉ số", left, re.I):
        return None
    value = st.doc.num(raw, None, hit[0])[0]
    return hit[0] if 0 < value <= SCALE_MAX.get(hit[0], 100.0) else None


def _bound(st: _Sentence, a: int, b: int, raw: str) -> bool:
    """ "Tỉnh tăng cao nhất trên 2 điểm và tỉnh giảm sâu nhất gần 3 điểm", "khoảng 10.": a whole number
    after a bound word, with no measured quantity named (no indicator, no noun after it) and no target
    cue, is a bound without a value (LABELLING.md). "Trên 7.600 hồ sơ" names what it counts: a value."""
    left = st.text[:a]
    if not raw.isdigit() or not BOUND_BEFORE.search(left):
        return False
    unit = re.match(r"\s*(?:điểm|%)", st.text[b:])
    if NOUN_AFTER.match(st.text[b + (unit.end() if unit else 0) :]):
        return False
    if voc.TARGET_CUES.search(left[_clause_start(left, a, ";.") :]):
        return False
    st.discard(a, b, "bound without a value ('trên/gần/hơn/khoảng N', no measured quantity named)")
    return True


def _threshold(st: _Sentence, a: int, b: int) -> bool:
    """ "các tỉnh có điểm dưới 40", "nhóm đạt từ 43 đến 45 điểm": a bound, not a measured value."""
    left = st.text[max(0, a - 60) : a]
    # "dải điểm từ 42,38 đến 43,70", "từ 43 đến 45 điểm": a range; neither end is a value (LABELLING.md).
    # ("tăng từ 5% đến 10%" is a range of changes); "từ X lên/xuống Y" is a change from X to Y (values).
    if (FROM_RANGE_BEFORE.search(left) and TO_RANGE_AFTER.match(st.text[b:])) or RANGE_END_BEFORE.search(left):
        st.discard(a, b, "range ('từ X đến Y'), not a single value")
        return True
    if RANGE_AFTER.match(st.text[b:]) and re.search(r"(?:từ|khoảng|trong khoảng|mức)\s*$", left, re.I):
        if THRESHOLD_CONTEXT.search(left) or re.search(r"khoảng\s*$", left):
            st.discard(a, b, "threshold or range without a value")
            return True
    clause_left = st.text[_clause_start(st.text, a, ";.") : a]
    if RANGE_AFTER.match(st.text[b:]) or re.search(rf"{NUMBER}\s*%?\s*[-–]\s*$", left):
        st.discard(a, b, "range without a single value")
        return True
    if re.search(r"(?:dưới|trên)\s*$", left) and re.search(r"\d+\s*/\s*\d+|\bcác\b|\bnhững\b", clause_left):
        if not voc.TARGET_CUES.search(clause_left):
            st.discard(a, b, "threshold without value (a bound met by several units)")
            return True
    from_to = re.search(r"\btừ\s*$", left, re.I) and FROM_TO_AFTER.match(st.text[b:])
    if (
        THRESHOLD_BEFORE.search(left)
        and THRESHOLD_CONTEXT.search(left)
        and not voc.TARGET_CUES.search(left)
        and not from_to
    ):
        st.discard(a, b, "threshold without value")
        return True
    if (
        re.match(r"\s*(?:%|điểm)?\s*trở (?:lên|xuống)", st.text[b:])
        and not voc.TARGET_CUES.search(st.text[_clause_start(st.text, a, ";.") : a])
        and re.search(r"(?:có|với|đạt)\s*(?:điểm|tỷ lệ)?\s*(?:từ|trên|dưới)\s*$", left)
    ):
        st.discard(a, b, "threshold without value")
        return True
    return False


def _sweep(st: _Sentence) -> None:
    """Every number token not yet used: a record, or discarded with a named reason."""
    text, masked = st.text, st.masked
    for m in NUMBER_RE.finditer(text):
        a, b = m.start(), m.end()
        if not st.free(a, b):
            continue
        raw = m.group(0)
        span = next((r for x, y, r in st.spans if x <= a and b <= y), None)
        if span:
            st.discard(a, b, span)
            continue
        if re.search(r"(?:[A-Za-z]-|#|=|[A-Za-z])$", text[:a]) or re.match(r"[A-Za-z_]|-[A-Za-z\d]", text[b : b + 2]):
            st.discard(a, b, "code or identifier")
            continue
        if masked[a:b] != raw:
            st.discard(a, b, "part of a non-value span")
            continue
        value = parse_number(raw)
        after = text[b : b + 60]
        if is_year(value, raw):
            st.discard(a, b, "date (a year)")
            continue
        if re.match(r"\s*[./-]\s*\d", after) or re.search(r"\d\s*[/-]\s*$", text[:a]):
            st.discard(a, b, "code or date-like form")
            continue
        if re.match(r"\s*(?:\.|\))\s", after + " ") and not text[:a].strip():
            st.discard(a, b, "list marker")
            continue
        if a == 0 and re.match(r"[.)]", after):
            st.discard(a, b, "list marker")
            continue
        # "1. 1.Chỉ số CCHC": a marker after markers at the line start, glued to the heading's first word.
        if re.fullmatch(r"(?:\s*\d{1,2}\s*[.)])+\s*", text[:a]) and re.match(r"[.)]\s*[^\W\d_]", after):
            st.discard(a, b, "list marker")
            continue
        if re.search(r"\(\s*$", text[:a]) and re.match(r"\s*\)\s*[^\W\d_]", after) and value <= 20 and raw.isdigit():
            st.discard(a, b, "list marker ('(1) Nhóm ...')")
            continue
        if SAMPLE_NOUN.match(after) and (SURVEY.search(text) or SURVEY.search(st.para_text)):
            st.discard(a, b, "survey sample size (not an outcome)")
            continue
        if re.match(r"\s*(?:tháng|tuần|ngày|giờ|phút|quý|năm)\b", after, re.I) and not re.match(
            r"\s*ngày\s*(?:làm việc|so với)", after
        ):
            st.discard(a, b, "period or duration")
            continue
        label = (
            r"(?:thứ|lần|khóa|kỳ họp|Điều|điều|khoản|Mục|mục|Chương|phần|bước|nhóm|[Tt]iêu chí|[Pp]hụ lục|\bCSTP"
            r"|(?<![Tt]rong )(?<![Tt]ổng )(?<![Đđ]iểm )\bsố)\s*$"
        )
        if re.search(label, text[:a]) and not re.fullmatch(r"\d+,\d+|\d+\.\d{1,2}", raw):  # 'chỉ số 93,31'
            st.discard(a, b, "ordinal or label in a name")
            continue
        if raw.isdigit() and _count_per_grade(text, b, after):
            st.discard(a, b, "count of units in a grade ('5 huyện xếp loại Tốt'), not an outcome")
            continue
        if STRUCTURE.match(after) or COUNT_OF_GROUP_AFTER.match(after):
            st.discard(a, b, "structure count")
            continue
        if raw.isdigit() and INDEX_COUNT.match(after):  # "tăng điểm ở 4 chỉ số", "chỉ có 2 chỉ số là ..."
            st.discard(a, b, "structure count (a count of indices)")
            continue
        if GROUP_SIZE_BEFORE.search(text[:a]):
            st.discard(a, b, "group size ('Top 5'), not a value")
            continue
        if PARTICIPANTS.match(after):
            st.discard(a, b, "participants or awards (not an outcome)")
            continue
        if re.search(r"(?:trên tổng(?: số)? điểm(?: là)?|thang điểm|tối đa(?: là)?|trên tổng số)\s*$", text[:a], re.I):
            st.discard(a, b, "scale maximum (structure of the index)")
            continue
        if PHYSICAL.match(after):
            st.discard(a, b, "physical measure (area, length, weight), not a reform figure")
            continue
        if re.search(r"(?:Covid|COVID|GMT|Gmt|SARS-CoV)[\s+-]*$", text[:a]):
            st.discard(a, b, "part of a name")
            continue
        if re.search(r"truy cập\s*:?\s*$", text[:a], re.I) or re.match(
            r"\s*(?:người )?đang (?:truy cập|online)", after
        ):
            st.discard(a, b, "page furniture")
            continue
        if re.match(r"\s*(?:tuổi|người\s+(?:tham dự|dự))\b", after):
            st.discard(a, b, "not an outcome (age, attendance)")
            continue
        cash = money(value, after)
        cue = _change_of(st, a)
        if cash:
            indicator = "cost_saving" if voc.COST_RE.search(text[:a][-150:]) else "fees_or_amount"
            v, basis = st.doc.num(raw, "VND")
            cash = money(v, after)
            if cue:
                sign = -1 if NEGATIVE.search(cue.group(1)) else 1
                st.add(
                    a,
                    b + len(cash[1]),
                    f"{indicator}_change",
                    sign * cash[0],
                    "VND",
                    basis=basis,
                    baseline=_baseline(st, b),
                )
            else:
                st.add(
                    a,
                    b + len(cash[1]),
                    indicator,
                    cash[0],
                    "VND",
                    basis=basis,
                    subject=None if indicator == "cost_saving" else st.phrase(a, b + len(cash[1])),
                )
            continue
        unit_word = re.match(r"\s*(?:điểm|points?\b)", after)
        if unit_word:
            indicator, far = st.rate_indicator(a, b + unit_word.end())
            if cue:
                _add_change(st, a, b + unit_word.end(), raw, "points", indicator, cue)
                continue
            if _threshold(st, a, b):
                continue
            if (indicator is None or far) and _bound(st, a, b, raw):  # no measured quantity named here
                continue
            v, basis = st.doc.num(raw, "points", indicator)
            if indicator == "papi_dimension" and v > SCALE_MAX["papi_dimension"]:  # a total (10-80), not a dimension
                indicator, (v, basis) = "papi", st.doc.num(raw, "points", "papi")
            subject = None
            if indicator is None:
                indicator, subject = "other", st.phrase(a, b)
            st.add(a, b + unit_word.end(), indicator, v, "points", far=far, basis=basis, subject=subject)
            continue
        indicator, far = _count_indicator(st, a, b, masked[b : b + 40])
        v, basis = st.doc.num(raw, "count", indicator)
        sc = scaled(v, after)
        end = b
        if sc:
            v, end, basis = sc[0], b + len(sc[1]), basis + f" x {sc[1].strip()}"
        if cue:
            sign = -1 if NEGATIVE.search(cue.group(1)) else 1
            st.add(
                a,
                end,
                f"{indicator or 'other'}_change",
                sign * v,
                "count",
                basis=basis,
                baseline=_baseline(st, end),
                subject=None if indicator else st.phrase(a, end),
            )
            continue
        if _threshold(st, a, b):
            continue
        if indicator is None:
            ind_rate = None
            no_noun = not re.match(r"\s*(?!(?:lên|xuống|và|so|với|trong|của|là|năm)\b)[^\W\d_]", after)
            if re.search(r"(?:chỉ số|đạt|điểm số|trung vị|trung bình)[^,;.]{0,60}$", text[:a], re.I) and no_noun:
                ind_rate, far = st.rate_indicator(a, b)  # "Chỉ số PAR INDEX đạt 85.123" (no unit written)
            if ind_rate not in INDEXES and no_noun:
                ind_rate = _index_score(st, a, raw)
            if ind_rate in INDEXES:
                v, basis = st.doc.num(raw, None, ind_rate)
                st.add(a, b, ind_rate, v, "points", far=far, basis=basis)
                continue
            if _bound(st, a, b, raw):
                continue
            if not st.on_topic():
                st.discard(a, b, "off-topic (no reform term in the paragraph)")
                continue
            st.add(a, end, "other", v, "count", basis=basis, subject=st.phrase(a, end))
            continue
        st.add(a, end, indicator, v, "count", far=far, basis=basis)


def _count_indicator(st: _Sentence, a: int, b: int, after: str) -> tuple[str | None, bool]:
    """Indicator of a count from the noun after it ("hồ sơ", "TTHC", "thủ tục") and its descriptor."""
    noun = re.match(r"\s*(?:lượt\s+)?(hồ sơ|TTHC|thủ tục hành chính|thủ tục|dịch vụ công trực tuyến|DVCTT)", after)
    if not noun:
        return None, False
    right = _right(st.text, b, ",;.:(")
    left = st.text[_clause_start(st.text, a, ";") : a]
    near_left = st.text[_clause_start(st.text, a, ",;(:") : a]
    if noun.group(1) == "hồ sơ":
        hit = voc.first(voc.DOSSIER_RE, right[noun.end() :])
        if not hit:
            near = voc.nearest(voc.DOSSIER_RE, left)
            hit = near[0] if near else None
        return hit or "dossiers", False
    if noun.group(1) in ("dịch vụ công trực tuyến", "DVCTT"):
        full = re.match(r"\s*(?:toàn trình|mức độ 4)", right[noun.end() :])
        return ("procedures_online_full" if full else "procedures_online"), False
    hit = voc.first(voc.PROCEDURE_RE + [("procedures_postal", re.compile("bưu chính", re.I))], right)
    if not hit:
        near = voc.nearest(voc.PROCEDURE_RE, near_left)
        hit = near[0] if near else None
    return hit or "procedures_count", False


# "từ 90,30% (2021) xuống", "từ mức 63,12 của năm 2019 lên": the year of the earlier value X of "từ X lên Y".
FROM_YEAR_BEFORE = re.compile(
    rf"\btừ\s*(?:vị trí|hạng|thứ hạng|mức)?\s*(?:thứ)?\s*{NUMBER}\s*(?:%|điểm)?\s*(?:\(\s*|(?:của|vào|trong)\s+)?"
    r"(?:năm\s*)?$",
    re.I,
)
FROM_YEAR_AFTER = re.compile(r"\d{4}\s*\)?\s*(?:lên|xuống)\b", re.I)
# "1246 hồ sơ chuyển tiếp năm 2018", "868 hồ sơ năm 2018 chuyển sang", "hồ sơ tồn từ năm 2018": the year the
# dossiers came from; the values are of the report's period (its quarter or year), not of that year.
ORIGIN_BEFORE = re.compile(
    r"(?:chuyển tiếp|chuyển sang|chuyển qua|tồn(?: đọng)?)\s*(?:lại\s*)?(?:từ\s*)?(?:của\s*)?(?:năm\s*)?$", re.I
)
ORIGIN_AFTER = re.compile(r"\d{4}\s*\)?\s*(?:chuyển sang|chuyển qua|chuyển tiếp|còn tồn|tồn)\b", re.I)


def _from_value_year(text: str, p: int) -> bool:
    return bool(FROM_YEAR_BEFORE.search(text[max(0, p - 40) : p]) and FROM_YEAR_AFTER.match(text, p))


def _origin_year(text: str, p: int) -> bool:
    return bool(ORIGIN_BEFORE.search(text[max(0, p - 30) : p]) or ORIGIN_AFTER.match(text, p))


def _carried_years(text: str) -> list[tuple[int, int]]:
    """Years of a sentence that later sentences of its paragraph may take: not a baseline ("so với
    năm 2018", or the earlier value's year in "từ 90,30% (2021) xuống 82,18%"), and not inside a
    parenthesis that states its own value ("(năm 2016 xếp thứ 36/63)")."""
    groups = None
    out = []
    for p, y in year_mentions(text):
        if BASELINE_YEAR.search(text[max(0, p - 30) : p]):
            continue
        if _from_value_year(text, p):
            continue  # "từ 90,30% (2021) xuống 82,18%": the earlier value's year, a baseline
        if _origin_year(text, p):
            continue  # "868 hồ sơ năm 2018 chuyển sang": where dossiers came from, not the period
        if "(" in text[:p]:
            groups = groups or _groups(text)
            g = groups[p]
            if g:
                inside = "".join(ch for ch, k in zip(text, groups) if k == g)
                if re.search(r"\d", re.sub(r"(?:19[89]\d|20[0-4]\d)", "", inside)):
                    continue
        out.append((p, y))
    return out


FROM_BEFORE = re.compile(r"\btừ\s*(?:vị trí|hạng|thứ hạng|mức)?\s*(?:thứ)?\s*$", re.I)
TO_BETWEEN = re.compile(
    r"\s*(?:%|điểm)?\s*(?:\([^()\d]{0,20}\)\s*|\(\s*(?:năm\s*)?\d{4}\s*\)\s*)?(?:lên|xuống)\b", re.I
)


def _from_to(records: list[dict], st: _Sentence) -> None:
    """ "từ X lên/xuống Y" ("từ 40,14 lên 40,87", "từ vị trí thứ 8 lên thứ 3", "từ vị trí 53 lên 46"):
    X is the earlier value. When X and Y got the same year from the text around them (not a year
    written right after X), X takes the sentence's one baseline year ("so với năm 2018") or, without
    one, no year (the earlier year is not stated). After a rank X, a bare number Y is a rank too."""
    recs = sorted((r for r in records if not r["indicator"].endswith("change")), key=lambda r: r["span_start"])
    base = {y for p, y in st.years if p in st.baselines}
    for first, second in zip(recs, recs[1:]):
        a, end = first["span_start"] - st.s.start, first["span_end"] - st.s.start
        b = second["span_start"] - st.s.start
        if not FROM_BEFORE.search(st.text[max(0, a - 25) : a]) or not TO_BETWEEN.match(st.text[end : b + 12]):
            continue
        if re.search(r"\d", re.sub(r"\([^()]*\)", "", st.text[end:b])):
            continue
        rank_of = first["denominator"] if first["denominator"] else 63
        if first["unit"] == "rank" and second["unit"] == "count" and second["indicator"] == "other":
            if not 1 <= second["value"] <= rank_of:
                continue
            second.update(indicator=first["indicator"], unit="rank", subject=first["subject"])
        if first["unit"] != second["unit"] or first["year"] is None or first["year"] != second["year"]:
            continue
        if first["year_basis"].startswith("clause (the year right after"):
            continue
        if len(base) == 1:
            year, basis = next(iter(base)), "baseline year of 'từ X lên Y ... so với năm B'"
        else:
            year, basis = None, "not stated (earlier value of 'từ X lên Y')"
        if year != first["year"]:
            first["year"], first["year_basis"] = year, basis
            first["confidence"] = round(max(first["confidence"] - (0.3 if year is None else 0), 0.1), 2)


def _rank_years_from_to(records: list[dict], st: _Sentence) -> None:
    """ "Sau 3 năm, từ xếp thứ 22/63 ... vươn lên xếp thứ 19" in a paragraph about 2016-2018: the
    first rank is 3 years before the period's end, the second is the end."""
    ranks = [r for r in records if r["indicator"] == "rank"]
    if len(ranks) != 2 or not re.search(r"\btừ\b.*\blên\b", st.text) or not st.para_periods:
        return
    _, first, last = st.para_periods[-1]
    m = re.search(r"sau (\d+) năm", st.text, re.I)
    start = last - int(m.group(1)) if m else first
    for r, y in zip(ranks, (start, last)):
        if r["year"] is None:
            r["year"], r["year_basis"] = y, "period in the paragraph ('từ ... lên', 'sau N năm')"
            r["confidence"] = 0.7


# -- tables ------------------------------------------------------------------------------------
CELL_SPLIT = re.compile(r"\t+|\s*\|\s*|\s{3,}")
CELL_NUMBER = re.compile(rf"^\s*(?:{NUMBER})\s*(?:%|điểm)?\s*$|^\s*(?:{NUMBER})\s*/\s*{NUMBER_CORE}\s*$")
SKIP_COLUMN = re.compile(r"^\s*(?:STT|TT|Số TT|Số thứ tự|Mã)\s*$", re.I)


def _cells(line: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of the cells of a table row."""
    out, pos = [], 0
    body = line.strip().strip("|")
    offset = line.find(body) if body else 0
    for part in CELL_SPLIT.split(body):
        i = body.find(part, pos)
        if part.strip():
            lead = len(part) - len(part.lstrip())
            out.append((offset + i + lead, offset + i + len(part.rstrip()), part.strip()))
        pos = i + len(part)
    return out


def _is_row(line: str) -> bool:
    cells = _cells(line)
    return len(cells) >= 2 and any(CELL_NUMBER.match(c) for _, _, c in cells)


def _is_header(line: str) -> bool:
    cells = _cells(line)
    return len(cells) >= 2 and sum(bool(CELL_NUMBER.match(c)) for _, _, c in cells) <= len(cells) // 3


def table_blocks(text: str) -> list[tuple[int, list[int]]]:
    """(header line number, row line numbers) of each plain-text table: a header line of >= 2
    cells followed by lines of >= 2 cells with numbers, split by tabs, "|" or runs of spaces."""
    lines = text.split("\n")
    out, i = [], 0
    while i < len(lines) - 1:
        if _is_header(lines[i]) and _is_row(lines[i + 1]):
            rows, j = [], i + 1
            while j < len(lines) and (
                _is_row(lines[j]) or (_is_header(lines[j]) and j + 1 < len(lines) and _is_row(lines[j + 1]))
            ):
                rows.append(j)
                j += 1
            out.append((i, rows))
            i = j
        else:
            i += 1
    return out


def _table_unit(header: str, cell: str) -> str:
    if "%" in cell or re.search(r"tỷ lệ|%", header, re.I):
        return "%"
    if re.search(r"xếp hạng|thứ hạng|\bhạng\b|vị trí|vị thứ|thứ tự xếp", header, re.I):
        return "rank"
    if re.search(r"điểm|chỉ số|PAR|SIPAS|PAPI|PCI|DDCI", header, re.I) or "điểm" in cell:
        return "points"
    if re.search(r"đồng|VNĐ|VND", header):
        return "VND"
    return "count"


def _cell_record(
    *,
    locality,
    level,
    province_code,
    year,
    year_basis,
    indicator,
    subject,
    value,
    unit,
    number_basis,
    quote,
    span,
    denominator=None,
    kind="achieved",
    confidence=0.6,
) -> dict:
    """One table cell as a record (the three table readers differ only in how they find these)."""
    return {
        "locality": locality,
        "level": level,
        "province_code": province_code,
        "year": year,
        "year_basis": year_basis,
        "indicator": indicator,
        "subject": subject,
        "value": value,
        "unit": unit,
        "denominator": denominator,
        "kind": kind,
        "qualifier": None,
        "number_basis": number_basis,
        "baseline_year": None,
        "quote": quote,
        "span_start": span[0],
        "span_end": span[1],
        "confidence": confidence,
        "pair": None,
    }


def _table_records(text: str, doc: _Doc, header_no: int, rows: list[int], source_offsets: list[int]) -> list[dict]:
    lines = text.split("\n")
    header = _cells(lines[header_no])
    head_years = [y for _, y in year_mentions(lines[header_no])]
    recs = []
    for r in rows:
        line = lines[r]
        cells = _cells(line)
        if _is_header(line):  # a second header line (e.g. years under the index names)
            header = cells
            continue
        label = next((c for _, _, c in cells if not CELL_NUMBER.match(c)), "")
        row_years = [y for _, y in year_mentions(label)]
        shift = len(header) - len(cells)
        for k, (a, b, c) in enumerate(cells):
            if not CELL_NUMBER.match(c):
                continue
            h = header[k + shift][2] if 0 <= k + shift < len(header) else ""
            if SKIP_COLUMN.match(h) or (k == 0 and re.fullmatch(r"\d{1,3}\.?", c) and label):
                continue
            col_years = [y for _, y in year_mentions(h)]
            raw_m = NUMBER_RE.search(c)
            raw = raw_m.group(0)
            if is_year(parse_number(raw), raw):
                continue
            den_m = re.search(rf"/\s*({NUMBER_CORE})", c)
            den = parse_number(den_m.group(1)) if den_m else None
            unit = _table_unit(h, c)
            described = f"{label} {h}"
            indicator = voc.nearest(voc.RATE_RE, described)
            indicator = indicator[0] if indicator else None
            if unit == "rank":
                indicator = f"{indicator}_rank" if indicator else "rank"
            value, basis = doc.num(raw, unit if unit != "rank" else None, indicator, den)
            if unit == "rank" and den and value > den:
                continue
            if col_years:
                year, ybasis = col_years[-1], "table column header"
            elif row_years:
                year, ybasis = row_years[-1], "table row header"
            elif len(set(head_years)) == 1:
                year, ybasis = head_years[0], "table header"
            else:
                year, ybasis = doc.title_year, "document title" if doc.title_year else "not stated"
            lab_places = places(label)
            place = lab_places[0] if lab_places else None
            start = source_offsets[r] + a
            recs.append(
                _cell_record(
                    locality=place.text if place else (label or (doc.main.text if doc.main else None)),
                    level=place.level if place else None,
                    province_code=(try_resolve(place.name) if place and place.level == "province" else None)
                    or doc.province_code,
                    year=year,
                    year_basis=ybasis,
                    indicator=indicator or "other",
                    subject=f"{label} / {h}".strip(" /"),
                    value=value,
                    unit=unit,
                    denominator=den,
                    kind="target" if voc.TARGET_CUES.search(h) else "achieved",
                    number_basis=basis,
                    quote=line.strip(),
                    span=(start, source_offsets[r] + b),
                )
            )
    return recs


# -- tables with single-space cells ---------------------------------------------------------
# Web dashboards and copied tables often lose their cell borders: "Quảng Ninh 7.98 7.39 ... 73.02 1 Rất
# tốt" under a header line whose column names cannot be split. A row is a name (no digits) followed by
# >= 3 cells that are numbers or "-" (an empty cell), optionally a grade in words; a lone number on
# the next line is the row's last cell ("Huyện Vũ Quang 147 7.02 ... 5.99" / "68.85" / "Khá").
SPACED_CELL = rf"(?:{NUMBER}%?|-|N/A)"
EMPTY_CELLS = ("-", "N/A")
SPACED_ROW = re.compile(
    rf"^(?P<label>[^\d\n|\t]*[^\W\d_][^\d\n|\t]*?)\s+(?P<cells>{SPACED_CELL}(?:\s+{SPACED_CELL}){{2,}})"
    r"(?P<tail>\s+[^\W\d_][^\d\n|\t]*)?\s*$"
)
LONE_NUMBER = re.compile(rf"^\s*{NUMBER}\s*$")
SAMPLE_HEADER = re.compile(
    r"số phiếu|phiếu trả lời|số mẫu|số (?:doanh nghiệp|DN|người|hộ)(?: được)? (?:trả lời|phản hồi|khảo sát)", re.I
)
RANK_HEADER = re.compile(r"xếp hạng|thứ hạng|\bhạng\b", re.I)
INDEX_NAMES = [
    ("par_index", r"PAR\s*INDEX|chỉ số cải cách hành chính|chỉ số CCHC"),
    ("sipas", r"SIPAS"),
    ("papi", r"PAPI"),
    ("pci", r"\bPCI\b"),
    ("ddci", r"DDCI"),
]


def year_columns(line: str) -> list[int] | None:
    """ "Năm 2022 2021 2020 ... 2006": a line of >= 3 years after a label is the header of a table whose
    columns are years (a province's profile: one row per component, then the index and its rank)."""
    m = SPACED_ROW.match(line)
    cells = m.group("cells").split() if m else []
    if len(cells) >= 3 and all(is_year(float(c), c) if c.isdigit() else False for c in cells):
        return [int(c) for c in cells]
    return None


def _spaced_row(line: str) -> bool:
    m = SPACED_ROW.match(line)
    return bool(m) and len(re.findall(NUMBER, m.group("cells"))) >= 3 and year_columns(line) is None


def spaced_rows(lines: list[str]) -> list[tuple[int, list[int], list[int]]]:
    """(first row line, row line numbers, continuation line numbers) of each block of >= 2 rows. A line
    of years ("Năm 2022 2021 2020") is a header (``year_columns``), never a row."""
    blocks, i = [], 0
    while i < len(lines):
        if not _spaced_row(lines[i]):
            i += 1
            continue
        rows, extra, j = [], [], i
        while j < len(lines):
            if _spaced_row(lines[j]):
                rows.append(j)
            elif rows and (LONE_NUMBER.match(lines[j]) or re.fullmatch(r"\s*[^\W\d_][^\d]{0,20}", lines[j])):
                extra.append(j)  # the row's last cell, or its grade ("Khá", "Rất tốt")
            else:
                break
            j += 1
        if len(rows) >= 2:
            blocks.append((i, rows, extra))
        i = max(j, i + 1)
    return blocks


def _spaced_records(
    lines, doc: _Doc, first: int, rows: list[int], offsets: list[int], dropped: list[dict]
) -> list[dict]:
    head_lines = []
    for k in range(first - 1, max(-1, first - 16), -1):
        if not lines[k].strip() and head_lines:
            break
        head_lines.insert(0, lines[k])
    header = " ".join(head_lines)
    head_years = {y for _, y in year_mentions(header)}
    year = head_years.pop() if len(head_years) == 1 else doc.title_year
    ybasis = (
        "table header"
        if year is not None and len(set(y for _, y in year_mentions(header))) == 1
        else ("document title" if year is not None else "not stated")
    )
    index = next((name for name, rx in INDEX_NAMES if re.search(rx, header + " " + doc.title, re.I)), None)
    points = bool(index) or bool(re.search(r"điểm|chỉ số", header, re.I))
    # Years as columns ("Năm 2022 2021 ... 2006" right above the rows): each cell takes its column's year;
    # a row named as the index ("PCI") is its total, a row "Xếp hạng" its rank, other rows are components.
    col_years = next((ys for ys in map(year_columns, reversed(head_lines)) if ys), None)
    index_rx = dict(INDEX_NAMES).get(index or "")
    above = "\n".join(lines[max(0, first - len(head_lines) - 6) : first])  # the header and the lines above it
    owner = next(reversed(_with_bare_provinces(above, places(above))), None)  # "... (1-63) Thanh Hóa"
    recs = []
    for r in rows:
        line = lines[r]
        m = SPACED_ROW.match(line)
        cells = [
            (c.start() + m.start("cells"), c.end() + m.start("cells"), c.group(0))
            for c in re.finditer(r"\S+", m.group("cells"))
        ]
        cells = [(a, b, c, r) for a, b, c in cells]
        nxt = r + 1
        if nxt < len(lines) and nxt not in rows and LONE_NUMBER.match(lines[nxt]):
            a = len(lines[nxt]) - len(lines[nxt].lstrip())
            cells.append((a, len(lines[nxt].rstrip()), lines[nxt].strip(), nxt))
        masked = [(x, y) for x, y, _ in non_value_spans(line)]  # "Mức 3 68544 ...": the level is no cell
        numeric = [
            c for c in cells if c[2] not in EMPTY_CELLS and not (c[3] == r and any(x <= c[0] < y for x, y in masked))
        ]
        if not numeric:
            continue
        label = m.group("label").strip()
        if col_years:
            recs.extend(
                _year_column_records(doc, cells, numeric, col_years, label, (index, index_rx, owner), line, offsets)
            )
            continue
        decimals = [c for c in numeric if re.search(r"[.,]\d", c[2])]
        if numeric and SAMPLE_HEADER.search(header) and not re.search(r"[.,%]", numeric[0][2]) and decimals:
            a, _, raw, ln = numeric[0]  # the survey's sample size ("Số phiếu trả lời"), not an outcome
            dropped.append(
                {
                    "text": raw,
                    "reason": "survey sample size (table column)",
                    "context": line.strip(),
                    "span_start": offsets[ln] + a,
                }
            )
            numeric = numeric[1:]
        rank_cell = None
        if (
            RANK_HEADER.search(header)
            and len(numeric) >= 2
            and numeric[-1][2].isdigit()
            and len(decimals) >= len(numeric) - 1
            and int(numeric[-1][2]) <= 63
        ):
            rank_cell = numeric[-1]
        total_cell = (numeric[-2] if rank_cell else numeric[-1]) if index and len(numeric) >= 2 else None
        lab_places = places(label)
        place = lab_places[0] if lab_places else None
        quote = line.strip() if all(c[3] == r for c in numeric) else line.strip() + " / " + lines[nxt].strip()
        for a, b, raw, ln in numeric:
            pct = raw.endswith("%")
            raw_n = raw.rstrip("%")
            if rank_cell is not None and (a, ln) == (rank_cell[0], rank_cell[3]):
                indicator, unit = f"{index}_rank" if index else "rank", "rank"
            elif pct:
                indicator, unit = index or "other", "%"
            else:
                indicator = (
                    (index if (a, ln) == (total_cell[0], total_cell[3]) else f"{index}_component")
                    if (index and total_cell)
                    else "other"
                )
                unit = "points" if points else "count"
            value, basis = doc.num(raw_n, None if unit == "rank" else unit, index)
            code = try_resolve(place.name) if place and place.level == "province" else try_resolve(label)
            recs.append(
                _cell_record(
                    locality=place.text if place else label,
                    level=place.level if place else ("province" if code else None),
                    province_code=code or doc.province_code,
                    year=year,
                    year_basis=ybasis,
                    indicator=indicator,
                    subject=label,
                    value=value,
                    unit=unit,
                    number_basis=basis,
                    quote=quote,
                    span=(offsets[ln] + a, offsets[ln] + b),
                )
            )
    return recs


def _year_column_records(doc: _Doc, cells, numeric, col_years, label, about, line, offsets) -> list[dict]:
    """Records of one row of a table whose columns are years (``year_columns``). Cells are matched
    to the years from the left ("-", "N/A" keep their column); a row with more cells than years has
    no column years (its cells keep no year rather than a wrong one). ``about``: (index, its pattern,
    the place named in the header lines, whose profile the table is)."""
    index, index_rx, owner = about
    place = next(iter(places(label)), None) or owner
    code = try_resolve(place.name) if place and place.level == "province" else try_resolve(label)
    rank_row = bool(RANK_HEADER.search(label))
    total_row = bool(index_rx and re.search(index_rx, label, re.I))
    column = {(c[0], c[3]): k for k, c in enumerate(cells)}
    recs = []
    for a, b, raw, ln in numeric:
        k = column[(a, ln)]
        year = col_years[k] if len(cells) <= len(col_years) else None
        raw_n = raw.rstrip("%")
        if rank_row and raw_n.isdigit():
            indicator, unit = (f"{index}_rank" if index else "rank"), "rank"
        else:
            indicator = (index if total_row else f"{index}_component") if index else "other"
            unit = "%" if raw.endswith("%") else "points"
        value, basis = doc.num(raw_n, None if unit == "rank" else unit, index)
        if unit == "rank" and not 1 <= value <= 63:
            continue
        recs.append(
            _cell_record(
                locality=place.text if place else (doc.main.text if doc.main else None),
                level=place.level if place else (doc.main.level if doc.main else None),
                province_code=code or doc.province_code,
                year=year,
                year_basis="table column header (years as columns)" if year else "not stated",
                indicator=indicator,
                subject=label,
                value=value,
                unit=unit,
                number_basis=basis,
                quote=line.strip(),
                span=(offsets[ln] + a, offsets[ln] + b),
                confidence=0.6 if year else 0.4,
            )
        )
    return recs


# -- tables written one cell per line ----------------------------------------------------------
# An HTML table copied as text often comes out one cell per line, with blank lines between the cells
# or none: the header cells ("TT", "Tên đơn vị", "Điểm", "đánh giá", "Vị thứ", "Xếp loại"), then each
# row as k lines ("2", "Sở Tư pháp", "87,187", "2", "Tốt"). Such a table is read when k (3-12) short
# header lines are followed by >= 2 groups of k short lines with numbers in the same positions and
# words in the others, and a header cell above a number column names what it measures ("Điểm", "Xếp
# hạng", "Tỷ lệ", "Số hồ sơ", a year). Blank lines do not count, so the table reads the same from a
# page whose blocks were joined without them (HTML, .docx). Prose is not taken for such a table: a
# long line breaks a group, a group must hold both a number and a word, and a group that repeats a
# shorter pattern ("Hồ sơ tiếp nhận" / "1.234" / "Đã giải quyết" / "1.200") is a list of label/value
# pairs, not rows. A header line starting in lower case continues the cell above it ("Điểm" /
# "đánh giá").
LINE_CELL_MAX = 80
LINE_HEADER_MAX = 40
LINE_TABLE_WIDTHS = range(3, 13)
# What a number column's header names: a score, a rank, a rate, a count, a year, an index.
MEASURE_HEADER = re.compile(
    r"(?<![\wÀ-ỹ])(?:điểm|hạng|xếp hạng|thứ hạng|vị thứ|vị trí|tỷ lệ|số|chỉ số|kết quả|tổng|năm|hồ sơ|thủ tục|TTHC"
    r"|PAR|SIPAS|PAPI|PCI|DDCI)(?![\wÀ-ỹ])|%|(?:19[89]\d|20[0-4]\d)",
    re.I,
)
# A unit named without "Sở"/"huyện" in a table of departments: "Văn phòng UBND tỉnh", "Ban Dân tộc tỉnh".
DEPARTMENT_NAME = re.compile(
    r"(?:Sở|Ban|Văn phòng|Thanh tra|Cục|Chi cục|Công an|Kho bạc|Bảo hiểm|Ngân hàng|Đài|Báo|Bộ Chỉ huy|Hải quan)\b"
)


def _line_kind(line: str) -> str:
    """ "N" a number cell (or an empty cell "-"), "T" a short line of words, "L" anything longer."""
    s = line.strip()
    if s in EMPTY_CELLS or CELL_NUMBER.match(s):
        return "N"
    return "T" if len(s) <= LINE_CELL_MAX and "|" not in s and "\t" not in s else "L"


def _line_header(lines: list[str], items: list[int], kinds: str, s: int, k: int):
    """(header line numbers, k header cells) of the short lines right before item ``s``, or None when
    they are too few, too long, or name no measure above a number column."""
    pat = kinds[s : s + k]
    run = []
    t = s - 1
    while t >= 0 and kinds[t] == "T" and len(run) < 3 * k:
        run.insert(0, items[t])
        t -= 1
    if len(run) < k:
        return None
    raw = [([i], lines[i].strip()) for i in run]
    merged: list[tuple[list[int], str]] = []
    for i, x in raw:
        if merged and x[:1].islower():  # "Điểm" / "đánh giá": one cell on two lines
            merged[-1] = (merged[-1][0] + i, merged[-1][1] + " " + x)
        else:
            merged.append((i, x))
    for cells in (merged, raw):
        head = cells[-k:]
        if len(cells) >= k and all(len(x) <= LINE_HEADER_MAX for _, x in head):
            if any(MEASURE_HEADER.search(x) for (_, x), kind in zip(head, pat) if kind == "N"):
                return [i for ls, _ in head for i in ls], [x for _, x in head]
    return None


def line_tables(lines: list[str], skip: set[int]) -> list[tuple[list[int], list[str], list[list[int]]]]:
    """(header line numbers, header cells, rows as lists of k line numbers) of each table written one
    cell per line (see above); lines in ``skip`` (other tables) break a table. Where a repeated group
    could start on any of k lines (a header's last cell "Nhóm xếp hạng" could pass for a row's first
    cell, or a row's name for a header's last), a start whose rows name their unit before any number
    wins, then the one giving the most rows, then the last (a header cell taken for a row's first cell
    leaves the table's last cell out)."""
    items = [i for i, x in enumerate(lines) if x.strip() and i not in skip]
    kinds = "".join(_line_kind(lines[i]) for i in items)
    if kinds.count("N") < 2:
        return []

    def groups(s: int, k: int) -> int:
        pat = kinds[s : s + k]
        if len(pat) < k or "L" in pat or "N" not in pat or "T" not in pat:
            return 0
        if any(pat == pat[:d] * (k // d) for d in range(1, k) if k % d == 0):
            return 0  # label/value pairs, not rows
        g = 1
        while kinds[s + g * k : s + (g + 1) * k] == pat:
            g += 1
        return g

    out, s, n = [], 0, len(kinds)
    while s < n:
        best = None
        if kinds[s] != "L" and "N" in kinds[s : s + LINE_TABLE_WIDTHS[-1]]:
            for k in LINE_TABLE_WIDTHS:
                if groups(s, k) < 2:
                    continue
                for start in range(s, s + k):
                    g = groups(start, k)
                    header = _line_header(lines, items, kinds, start, k) if g >= 2 else None
                    if header is None:
                        continue
                    name_at = _name_column([[lines[items[start + r * k + j]] for j in range(k)] for r in range(g)])[0]
                    key = ("N" not in kinds[start : start + name_at], g, start)
                    if best is None or key > best[0]:
                        best = (key, start, k, g, header)
                if best:
                    break
        if not best:
            s += 1
            continue
        _, start, k, g, (head_lines, head) = best
        out.append((head_lines, head, [[items[start + r * k + j] for j in range(k)] for r in range(g)]))
        s = start + g * k
    return out


def _name_column(cells: list[list[str]]) -> tuple[int, int]:
    """(position, number of different values) of a table's name column: of its columns of words,
    the one naming the most different things ("Sở Tư pháp", "Sở Y tế" ..., not "Tốt", "Khá")."""
    best = (-1, 0)
    for j in range(len(cells[0])):
        if all(_line_kind(c[j]) == "T" for c in cells):
            distinct = len({c[j].strip() for c in cells})
            if distinct > best[1]:
                best = (j, distinct)
    return best


def _caption_year(lines: list[str], first: int) -> int | None:
    """The one year (not a baseline, not a date's) of the nearest of the 3 lines above a table that has one."""
    above = [i for i in range(first - 1, -1, -1) if lines[i].strip()][:3]
    for i in above:
        line = lines[i]
        years = {
            y
            for p, y in year_mentions(line)
            if not BASELINE_YEAR.search(line[max(0, p - 30) : p]) and not re.match(r"\d{1,2}[/-]", line[p : p + 3])
        }
        if years:
            return years.pop() if len(years) == 1 else None
    return None


def _line_table_records(
    lines: list[str], doc: _Doc, head_lines: list[int], header: list[str], rows: list[list[int]], offsets: list[int]
) -> list[dict]:
    """Records of a table written one cell per line: one per number cell but the row number ("TT"),
    indicator and unit from its column header (a score column is the index the table's header, the
    lines above it or the title name: "chỉ số CCHC", or a ranking of "cải cách hành chính" results),
    locality and level from the row's name, year from the cell's column header ("Điểm 2023"), the
    header's one year, the caption line above or the title."""
    first = min(head_lines)
    above = " ".join(lines[i] for i in range(max(0, first - 12), first) if lines[i].strip())
    scope = " ".join(header) + " " + above + " " + doc.title
    index = next((name for name, rx in INDEX_NAMES if re.search(rx, scope, re.I)), None)
    score_index = index or ("par_index" if re.search(r"\bCCHC\b|cải cách hành chính", scope, re.I) else None)
    head_years = {y for _, y in year_mentions(" ".join(header))}
    if len(head_years) == 1:
        year, ybasis = head_years.pop(), "table header"
    elif (caption := _caption_year(lines, first)) is not None:
        year, ybasis = caption, "table caption (the line above the table)"
    else:
        year, ybasis = doc.title_year, "document title" if doc.title_year else "not stated"
    cells = [[lines[i].strip() for i in row] for row in rows]
    numeric = [_line_kind(c) == "N" for c in cells[0]]
    name_at = _name_column(cells)[0]
    serial = {
        j
        for j in range(name_at)
        if SKIP_COLUMN.match(header[j])
        or all(c[j].isdigit() and int(c[j]) == int(cells[0][j]) + r for r, c in enumerate(cells))
    }
    recs = []
    for row, texts in zip(rows, cells):
        label = texts[name_at]
        place = next(iter(places(label)), None)
        code = try_resolve(place.name) if place and place.level == "province" else None
        bare = None if place or DEPARTMENT_NAME.match(label) else try_resolve(label)  # "Đà Nẵng", "TP.HCM"
        level = place.level if place else ("department" if DEPARTMENT_NAME.match(label) else None)
        level, code = ("province", bare) if bare else (level, code)
        quote = "\n".join(lines[row[0] : row[-1] + 1]).strip()
        for j, (i, c) in enumerate(zip(row, texts)):
            if not numeric[j] or j in serial or c in EMPTY_CELLS or SKIP_COLUMN.match(header[j]):
                continue
            raw = NUMBER_RE.search(c).group(0)
            if is_year(parse_number(raw), raw):
                continue
            den_m = re.search(rf"/\s*({NUMBER_CORE})", c)
            den = parse_number(den_m.group(1)) if den_m else None
            unit = _table_unit(header[j], c)
            named = voc.nearest(voc.RATE_RE, header[j])
            measure = named[0] if named else None
            if unit == "rank":
                indicator = f"{measure or score_index}_rank" if (measure or score_index) else "rank"
            elif measure:
                indicator = measure
            elif unit == "points":
                indicator = score_index or "other"
            else:  # a rate is an index's only when the page names the index itself
                indicator = (index if unit == "%" else None) or "other"
            value, basis = doc.num(raw, None if unit == "rank" else unit, indicator, den)
            if unit == "rank" and not (value >= 1 and value == int(value)):
                continue
            col_years = {y for _, y in year_mentions(header[j])}
            year_j, basis_j = (col_years.pop(), "table column header") if len(col_years) == 1 else (year, ybasis)
            a = offsets[i] + len(lines[i]) - len(lines[i].lstrip())
            recs.append(
                _cell_record(
                    locality=place.text if place and place.level != "department" else label,
                    level=level,
                    province_code=code or doc.province_code,
                    year=year_j,
                    year_basis=basis_j,
                    indicator=indicator,
                    subject=f"{label} / {header[j]}",
                    value=value,
                    unit=unit,
                    denominator=den,
                    number_basis=basis,
                    quote=quote,
                    span=(a, a + len(c)),
                )
            )
    return recs


# -- documents ---------------------------------------------------------------------------------
def extract_document(text: str, source: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(records, discarded candidates) of one document's text. Invisible characters that split numbers
    (emoji variation selectors, keycaps, zero-width spaces) are removed first: positions and quotes
    refer to the text without them."""
    text = INVISIBLE.sub("", text)
    doc = _Doc(text)
    lines = text.split("\n")
    offsets, pos = [], 0
    for line in lines:
        offsets.append(pos)
        pos += len(line) + 1
    out: list[dict] = []
    table_lines: set[int] = set()
    table_dropped: list[dict] = []
    for header_no, rows in table_blocks(text):
        table_lines.update([header_no, *rows])
        out.extend(_table_records(text, doc, header_no, rows, offsets))
    for first, rows, extra in spaced_rows([" " * len(x) if i in table_lines else x for i, x in enumerate(lines)]):
        table_lines.update([*rows, *extra])
        out.extend(_spaced_records(lines, doc, first, rows, offsets, table_dropped))
    for head_lines, header, rows in line_tables(lines, table_lines):
        table_lines.update([*head_lines, *(i for row in rows for i in row)])
        out.extend(_line_table_records(lines, doc, head_lines, header, rows, offsets))
    # Table lines are blanked (same length) for the prose pass.
    url_lines = {i for i, line in enumerate(lines) if re.match(r"\s*(?:https?://|www\.)\S+\s*$", line)}
    if len(ACCENTED.findall(text)) >= 20:  # image alt texts and file slugs in an accented page
        url_lines |= {i for i, line in enumerate(lines) if SLUG_LINE.fullmatch(line.strip())}
    for i in lone_percent_furniture(lines, table_lines):
        url_lines.add(i)
        table_dropped.append(
            {
                "text": lines[i].strip(),
                "reason": "page furniture (a percentage alone on its line by the page's date or view count, "
                "or a chart axis)",
                "context": lines[i].strip(),
                "span_start": offsets[i] + len(lines[i]) - len(lines[i].lstrip()),
            }
        )
    prose = "\n".join(" " * len(line) if i in table_lines | url_lines else line for i, line in enumerate(lines))
    dated = _page_date(prose)
    if dated:  # " date 2020-05": the page date is metadata, not a year stated by the text
        prose = prose[: dated.start()] + " " * (dated.end() - dated.start()) + prose[dated.end() :]
    discarded: list[dict] = [{"source": source, **d} for d in table_dropped]
    sents = sentences(prose)
    by_para: dict[int, list] = {}
    for s in sents:
        by_para.setdefault(s.paragraph, []).append(s)
    prev_periods: list = []
    last_in_paragraph: dict[int, dict] = {}
    carried = {q.start: _carried_years(q.text) for q in sents}
    para_order = list(by_para)
    para_rank = {p_no: k for k, p_no in enumerate(para_order)}
    for s in sents:
        para_years = [(q.start + p, y) for q in by_para[s.paragraph] for p, y in carried[q.start]]
        para_periods = [pp for q in by_para[s.paragraph] for pp in periods(q.text)] or prev_periods
        st = _Sentence(s, doc, para_years, para_periods)
        st.para_text = " ".join(q.text for q in by_para[s.paragraph] if q.start < s.start)
        k = para_rank[s.paragraph]  # the two paragraphs before (a caption, a heading)
        st.prev_text = " ".join(q.text for p_no in para_order[max(0, k - 2) : k] for q in by_para[p_no])
        _extract_sentence(st)
        _rank_years_from_to(st.records, st)
        _from_to(st.records, st)
        prev = last_in_paragraph.get(s.paragraph)
        if re.match(r"\s*Trong đó", s.text) and prev is not None and prev["year"] is not None:
            for r in st.records:
                if r["year"] is None:
                    r["year"], r["year_basis"] = prev["year"], "previous sentence ('Trong đó')"
        if st.records:
            last_in_paragraph[s.paragraph] = st.records[-1]
        if para_periods:
            prev_periods = para_periods
        out.extend(st.records)
        for d in st.discards:
            discarded.append(
                {
                    "source": source,
                    "text": d["text"],
                    "reason": d["reason"],
                    "context": d["context"],
                    "span_start": s.start + d["pos"],
                }
            )
    df = pd.DataFrame(out, columns=[c for c in RECORD_COLUMNS if c != "source"])
    df.insert(0, "source", source)
    df["year"] = df["year"].astype("Int64")
    df["baseline_year"] = df["baseline_year"].astype("Int64")
    df["value"] = df["value"].astype(float)
    df["denominator"] = df["denominator"].astype(float)
    dis = pd.DataFrame(discarded, columns=DISCARD_COLUMNS)
    return df.sort_values("span_start").reset_index(drop=True), dis.sort_values("span_start").reset_index(drop=True)


def extract_text(text: str, source: str = "") -> pd.DataFrame:
    """All records in one document's text. ``source`` names it in the output."""
    return extract_document(text, source)[0]


def extract_files(paths) -> tuple[pd.DataFrame, pd.DataFrame, list[tuple[str, str]]]:
    """(records, discarded, failures) from files or folders of documents (.txt, .html/.htm, .docx,
    .pdf); a file that cannot be read is listed in ``failures`` as (name, reason) and skipped."""
    from .readers import SUFFIXES, read_document

    files = []
    for p in map(Path, paths):
        if p.is_dir():
            files.extend(sorted(f for f in p.iterdir() if f.is_file() and f.suffix.lower() in SUFFIXES))
        elif p.exists():
            files.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    if not files:
        raise FileNotFoundError(f"no readable documents ({', '.join(sorted(SUFFIXES))}) in {list(map(str, paths))}")
    frames, dframes, failures = [], [], []
    for f in files:
        try:
            text = read_document(f)
        except (ValueError, OSError) as exc:
            failures.append((str(f), str(exc)))
            continue
        r, d = extract_document(text, f.name)
        frames.append(r)
        dframes.append(d)
    records = pd.concat(frames, ignore_index=True) if frames else extract_document("", "")[0]
    discarded = pd.concat(dframes, ignore_index=True) if dframes else pd.DataFrame(columns=DISCARD_COLUMNS)
    return records, discarded, failures


def extract_paths(paths) -> pd.DataFrame:
    """Records from documents or folders of documents (``source`` = file name); unreadable files
    are skipped (see ``extract_files`` for the list of failures)."""
    return extract_files(paths)[0]
