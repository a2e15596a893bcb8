"""Named rules for number tokens that are not values (LABELLING.md: "Not labelled").

Each rule names its reason, which ``reform extract --explain`` prints with the discarded token.
``not_value_reason`` holds the rules tried first on every number token left after the rank, fraction
and percentage readers; ``_bound`` and ``_threshold`` are tried on values that name a unit;
``lone_percent_furniture`` finds page furniture lines.

Not values either: structure counts ("8 chỉ số lĩnh vực", "28 chỉ số nội dung", "102 chỉ tiêu", "63
tỉnh", a whole number of indices "tăng điểm ở 4 chỉ số", "chỉ có 2 chỉ số là"; a component's number
"CSTP 8"; "8 tiêu chỉ", a slip for "tiêu chí"); bare counts of units in a grade ("5 huyện xếp loại Tốt";
x of y units in a grade, "08/08 huyện đều được phân loại ở mức khá", are values since round 38); survey
samples (people, households, forms or firms
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

Also not values: a percentage alone on its line next to the page's date or view count (a zoom control)
or in a run of axis ticks; a number alone on its line next to a byline or comment link (a view count,
"4,337"); counts of indices with the index named inside ("10 chỉ số PCI thành phần") or the place
after them ("7 chỉ số Thanh Hóa bị giảm điểm"); the scale "trên thang 100 điểm"; a bound met by all
units ("toàn bộ 63 tỉnh ... đều đạt chỉ số trên 80%"); a day and month after a day word and a comma
("hôm nay, 12/4"); facility counts ("1 quầy giao dịch", "3.899 điểm giao dịch": service counters and
points, a count noun, so 3899 and not 3.899 points); values of the provincial green index (PGI, not a
reform index LABELLING.md lists). A bound "trên/dưới N" in a clause about one named unit and no count
or group of units ("Sở Tài nguyên và Môi trường xếp loại khá với tỷ lệ điểm số đạt dưới 76,61%") is
that unit's approximate value, not a threshold.

Added after round 13: a count of an index's components as a fraction ("3/8 chỉ số thành phần tăng hạng");
"tốp 6" as "top 6"; "từ 30% trở lên"
without a target in its clause; a short or garbled year ("Sau năm 5"). A bound word glued to its number
("hơn4.500 hồ sơ") is a missing space, not a code. Week numbers, timestamps, "từ 21/4 đến 20/5/2019", ward
names ("Phường 1") and a dateline's view and comment counts are non-value spans (``numbers.NOT_VALUES``).

Added after round 14: a fraction of indices without "thành phần" ("Có 5/8 chỉ số tăng điểm", the index not
named after "chỉ số"); meetings of officials with investors or firms ("làm việc với hơn 500 lượt nhà đầu tư",
after a meeting verb); a weekday's number before a date ("Thứ 3, Ngày 18/06/2024", ``numbers.NOT_VALUES``).

Added after round 15: forms counted ("5326 phiếu") and the answer counts of a flattened survey table
(``survey_answer_counts``) are survey samples; "trong số 10 phường" counts the units ranked; "5 chỉ số nằm trong
nhóm ..." counts dimensions in a group; "thang điểm từ 1 ... - 10" gives a scale's ends; a bound before the noun
it counts ("trên 1.300 TTHC") is no threshold."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import vocabulary as voc
from .clauses import _clause_start, _right
from .context import bare_provinces, places
from .numbers import NUMBER, NUMBER_RE, is_year, parse_number

if TYPE_CHECKING:
    from .sentence import _Sentence
# Counts that describe an index's structure ("8 chỉ số thành phần", "6 tiêu chí"; "tiêu chỉ" is a common
# slip of the tone mark for "tiêu chí", written "8 tiêu chỉ đánh giá"; the index may be named inside: "10 chỉ số
# PCI thành phần").
STRUCTURE = re.compile(
    r"\s*(?:chỉ số (?:(?:PAR INDEX|PAR|SIPAS|PAPI|PCI|DDCI|CCHC)\s+)?(?:thành phần|con|lĩnh vực|nội dung)"
    r"|nội dung thành phần|tiêu ch[íỉ](?: thành phần)?|lĩnh vực"
    r"|nhóm|trục nội dung|chỉ tiêu(?: thành phần| cụ thể)?|câu hỏi"
    r"|tỉnh,? thành(?: phố)?|tỉnh/thành|tỉnh thành|tỉnh|nội dung|bộ,? ngành|bộ,? cơ quan ngang bộ"
    r"|thành phố trực thuộc|đơn vị hành chính|cơ quan chuyên môn|phòng chuyên môn|thành viên|chương|điều|mục"
    r"|huyện,? (?:thành phố|thị xã)|xã,? phường|phường,? xã|phường|xã(?! hội)|yếu tố"
    r"|(?-i:Bộ)(?!\s*(?:hồ sơ|thủ tục|chỉ số|tiêu chí|câu hỏi|phận|dữ liệu))|bộ(?=\s*[:(])|sở|quận(?:,? huyện)?"
    r"|vùng|khối|trụ cột|chi nhánh|biến số|UBND|phòng,? ban|địa phương|bảng xếp hạng|sở,? (?:ban,? )?ngành"
    r"|cơ quan,? đơn vị|đơn vị(?! tính)|cơ quan(?! báo chí)|cấp(?: chính quyền| hành chính)?)\b",
    re.I,
)
UNITS_AFTER = re.compile(r"\s*(?:tỉnh|thành phố|địa phương|bộ|ngành|đơn vị|huyện|xã|vùng)\b", re.I)
# "5 huyện xếp loại Tốt": how many units fall in a grade, not an outcome (LABELLING.md: counts of units per
# class); x of y units in a grade ("14/16 đơn vị xếp loại xuất sắc") are
# values like "5/9 huyện đạt tỷ lệ này dưới 3%" (LABELLING.md's example; rounds 23, 31, 38 label them).
UNIT_NOUN_AFTER = re.compile(
    r"\s*(?:UBND(?:\s+cấp\s+(?:tỉnh|huyện|xã))?|tỉnh|thành phố|địa phương|bộ|ngành|đơn vị|huyện|thị xã|xã|phường"
    r"|cơ quan|sở|ban|vùng)\b",
    re.I,
)
GRADE_CLAUSE = re.compile(
    r"(?:xếp loại|phân loại|đánh giá|đạt loại|xếp|loại|mức|nhóm)\s*(?:loại\s*|mức\s*)?[“\"']?\s*"
    r"(?:xuất sắc|tốt|khá|trung bình|yếu|kém)(?![\wÀ-ỹ])",
    re.I,
)


def _count_per_grade(text: str, b: int, after: str) -> bool:
    """A count of units (``after`` starts with their noun) whose own clause puts them in a grade."""
    return bool(UNIT_NOUN_AFTER.match(after)) and bool(GRADE_CLAUSE.search(_right(text, b, ",;.")))


# "Top 5", "TOP 10", "nằm trong tốp 6": the size of a group, not a value; "11 trong số 16 tỉnh": a count of units.
GROUP_SIZE_BEFORE = re.compile(r"\b(?:top|tốp)\s*$", re.I)
# "3 vị trí đầu bảng lần lượt thuộc về", "3 vị trí cao nhất bảng xếp hạng": how many top places a list names.
TOP_PLACES_AFTER = re.compile(
    r"\s*(?:vị trí|vị thứ|thứ hạng|địa phương|tỉnh(?:,\s*thành(?: phố)?)?)"
    r"\s*(?:đầu bảng|đầu tiên|cao nhất|thấp nhất|cuối bảng|cuối cùng|dẫn đầu|xếp đầu|đứng đầu)",
    re.I,
)
# "vượt mốc 60 điểm", "vượt ngưỡng 90%": a round mark passed, not the measured value.
MARK_BEFORE = re.compile(r"\b(?:mốc|ngưỡng)\s*$", re.I)
# "tổng vốn thu hút đầu tư ngoài ngân sách đạt 360.774 tỷ đồng", "thu hút FDI ... trên 1 tỷ USD", "tăng trưởng
# kinh tế quý II tăng 9,57%": investment, growth and trade figures of a clause are no reform outcome.
ECONOMIC = re.compile(
    r"vốn đầu tư|thu hút đầu tư|tổng vốn|vốn (?:FDI|ODA|ngoài ngân sách)|\bFDI\b|GRDP|\bGDP\b|tăng trưởng kinh tế"
    r"|kim ngạch|xuất khẩu|nhập khẩu|thu ngân sách|thu nội địa|\bUSD\b|tổng mức đầu tư|vốn điều lệ|giải ngân"
    r"|đầu tư công",
    re.I,
)


def economic_figure(text: str, a: int) -> bool:
    """Whether the clause (to ";" or ".") of the number at ``a`` is about investment, growth or trade, and
    names no index ("đứng đầu PCI với 72,95 điểm ..., ghi điểm với nhiều sáng kiến thu hút đầu tư" is a score)."""
    start = _clause_start(text, a, ";.")
    end = re.search(r"[;.](?!\d)|$", text[a:]).start() + a
    clause = text[start:end]
    return bool(ECONOMIC.search(clause)) and not re.search(r"PCI|PAPI|PAR|SIPAS|DDCI|chỉ số|điểm", clause, re.I)


# "ban hành 55 quyết định công bố danh mục", "315 quyết định": legal documents issued are not outcomes
# (LABELLING.md counts dossiers, procedures, services, visits, fees, staff).
DOCUMENTS_AFTER = re.compile(
    r"\s*(?:quyết định|văn bản|kế hoạch|công văn|chỉ thị|nghị quyết|thông báo|quy định|đề án)(?![\wÀ-ỹ])", re.I
)
COUNT_OF_GROUP_AFTER = re.compile(
    rf"\s*trong\s*(?:số\s*)?(?:{NUMBER})?\s*(?:tỉnh|thành phố|địa phương|đơn vị|huyện|bộ)", re.I
)
# "khảo sát 14.138 công dân", "131.501 công dân đóng góp tiếng nói", "19.536 người": people, forms or
# firms counted in a sentence or paragraph about a survey are its sample, not an outcome.
# Words for the units a count of units counts ("5 tỉnh", "không có địa phương").
UNIT_WORDS = r"(?:tỉnh|thành phố|địa phương|huyện|xã|phường|đơn vị|cơ quan|sở|bộ)"
# "Có 10 tỉnh (15,87%) tăng điểm", "gồm 14/16 đơn vị, chiếm tỷ lệ 87,5%": the share of the units counted right
# before, not an outcome.
SHARE_OF_UNITS_BEFORE = re.compile(
    rf"{NUMBER}(?:\s*/\s*\d+)?\s*(?:tỉnh|thành phố|địa phương|đơn vị|huyện|xã|bộ|ngành|cơ quan|sở)"
    r"(?:[,/\s]*(?:thành phố|thành|ngành|phường|thị xã|thị trấn))?"
    r"\s*(?:\(\s*(?:chiếm\s*(?:tỷ lệ\s*|tỉ lệ\s*)?)?|,\s*chiếm\s*(?:tỷ lệ\s*|tỉ lệ\s*)?)$",
    re.I,
)
SAMPLE_NOUN = re.compile(
    r"\s*(?:lượt\s*)?(?:người(?: dân)?|công dân|cử tri|đáp viên|hộ(?: gia đình)?|phiếu|doanh nghiệp|DN)(?![\wÀ-ỹ])",
    re.I,
)
SURVEY = re.compile(
    r"khảo sát|điều tra|phỏng vấn|trả lời|phản hồi|lấy ý kiến|được hỏi|chọn mẫu|lựa chọn ngẫu nhiên"
    r"|đóng góp (?:tiếng nói|ý kiến)|(?:phản ánh|ghi nhận|thu thập) ý kiến",
    re.I,
)
FEEDBACK = re.compile(r"phản ánh|phản ảnh|kiến nghị", re.I)
# "Tổng số phiếu phát ra: 5326 phiếu", "thu về 4.215 phiếu hợp lệ": forms counted are a survey's sample wherever
# they stand (the survey may be named lines above); a document called "phiếu ..." ("10 phiếu lý lịch tư pháp",
# "phiếu xin lỗi", "phiếu hẹn") is not a form of a survey.
FORMS_AFTER = re.compile(
    r"\s*phiếu(?![\wÀ-ỹ])(?!\s*(?:lý lịch|xin lỗi|hẹn|kiểm soát|yêu cầu|báo|chuyển|thu phí|thu tiền))", re.I
)
# "giải quyết đúng hạn trên 130 ngàn (đạt trên 98%)", "1.245 hồ sơ (chiếm 98,5%)": a share in brackets right
# after a count is that count's share of the whole, a value even with a bound word.
SHARE_OF_COUNT_BEFORE = re.compile(
    rf"{NUMBER}\s*(?:ngàn|nghìn|triệu)?\s*(?:hồ sơ|TTHC|thủ tục|lượt|trường hợp)?\s*\(\s*(?:đạt|chiếm|bằng)?\s*"
    r"(?:tỷ lệ|tỉ lệ)?\s*(?:trên|dưới|gần|hơn|khoảng)\s*$",
    re.I,
)
# "xếp thứ 3 trong số 10 phường", "trong tổng số 12 xã": the count of the units ranked, not a value.
RANKED_UNITS_BEFORE = re.compile(r"\b(?:trong|trên)\s*(?:tổng\s*)?số\s*$", re.I)
# "5 chỉ số nằm trong nhóm điểm cao nhất", "3 chỉ số nội dung thuộc nhóm này": a count of dimensions in a group
# (the glued "5 chỉ sốnằm" of a careless page too).
INDICES_IN_GROUP_AFTER = re.compile(
    r"\s*(?:chỉ số(?:\s*(?:nội dung|thành phần))?|CSTP)\s*(?:đều\s*)?(?:nằm|thuộc|ở|xếp)\s*(?:trong\s*|vào\s*)?"
    r"(?:nhóm|top|tốp)",
    re.I,
)
# "thang điểm từ 1 (thấp nhất) - 10 (cao nhất)", "thang điểm 1-10": both ends of a scale.
SCALE_START_BEFORE = re.compile(r"\bthang(?:\s*điểm)?\s*(?:từ\s*)?$", re.I)
SCALE_END_BEFORE = re.compile(
    rf"\bthang(?:\s*điểm)?\s*(?:từ\s*)?{NUMBER}\s*(?:\([^()]{{0,20}}\)\s*)?(?:-|–|đến|tới)\s*$", re.I
)
# "ở 4 chỉ số đánh giá", "chỉ có 2 chỉ số là ...": a whole number of indices (not "chỉ số PCI") is structure.
INDEX_COUNT = re.compile(
    r"\s*chỉ số(?![\wÀ-ỹ])(?!\s*(?:PAR|SIPAS|PAPI|PCI|DDCI|CCHC|cải cách|hài lòng|năng lực|hiệu quả|[A-ZĐ]))"
)
# "1 quầy giao dịch", "3.899 điểm giao dịch", "điểm phục vụ", "điểm bưu điện": service counters and points are
# facilities (a count noun: "3.899" is 3899 points of service, not 3.899 points), not reform outcomes.
FACILITY_AFTER = re.compile(
    r"\s*(?:quầy(?:\s+(?:giao dịch|tiếp nhận|hướng dẫn|thu phí|dịch vụ))?|ô\s+quầy"
    r"|điểm\s+(?:giao dịch|phục vụ|bưu điện|bưu chính|tiếp nhận|cung cấp dịch vụ)|bưu cục)(?![\wÀ-ỹ])",
    re.I,
)


# "3/8 chỉ số thành phần tăng hạng": how many of an index's components moved, a structure count.
COMPONENTS_AFTER = re.compile(
    r"\s*(?:chỉ số|tiêu chí|tiêu chỉ|nội dung|lĩnh vực|trục nội dung)\s*(?:thành phần|con|lĩnh vực|nội dung)", re.I
)
# x of y units sharing a result ("Có 13/20 cơ quan giải quyết trước và đúng hạn", "Có đến 5/9 huyện, thành phố đạt
# tỷ lệ này dưới 3%", "21/27 địa phương ... vượt mục tiêu") are values, as LABELLING.md's "5/9 huyện" example
# and most rounds label them; a rule dropping those whose clause states no number (round 13) was withdrawn
# after round 28.
RANK_BEFORE = re.compile(r"(?:thứ|hạng|vị trí|vị thứ|xếp|đứng|từ|lên|xuống|là)\s*$", re.I)


def fraction_reason(text: str, a: int, b: int) -> str | None:
    """Why the fraction ``text[a:b]`` ("x/y") is no value: a count of an index's components; None for a value."""
    after = text[b : b + 60]
    if COMPONENTS_AFTER.match(after):
        return "structure count (components of an index, 'x/y chỉ số thành phần')"
    if re.match(r"\s*(?:lĩnh vực|nhóm chỉ số)\b", after, re.I):  # "5/6 lĩnh vực quản trị", "04/05 nhóm chỉ số"
        return "structure count (fields of an index, 'x/y lĩnh vực')"
    if re.match(r"\s*tiêu chí\b", after, re.I):  # "đáp ứng 16/16 tiêu chí đánh giá": a checklist's items
        return "structure count (criteria of a checklist, 'x/y tiêu chí')"
    if INDEX_COUNT.match(after):  # "Có 5/8 chỉ số tăng điểm": the components, "thành phần" left unsaid
        return "structure count (components of an index, 'x/y chỉ số')"
    return None


def _indices_of_a_place(after: str) -> bool:
    """ "7 chỉ số Thanh Hóa bị giảm điểm": "chỉ số" followed by a province's name counts the indices of that
    province (a structure count), unlike "chỉ số PCI" or "chỉ số Năng lực ..." (an index's name)."""
    m = re.match(r"\s*chỉ số\s+", after)
    if not m:
        return False
    rest = after[m.end() :]
    return any(q.position == 0 for q in bare_provinces(rest)) or any(q.position == 0 for q in places(rest))


# "lãnh đạo tỉnh làm việc với hơn 500 lượt nhà đầu tư", "tiếp 120 đoàn doanh nghiệp": meetings of officials with
# investors or firms (investment promotion), not an outcome of a service. Guidance given to applicants ("hướng
# dẫn ... cho 5.687 lượt tổ chức, cá nhân") names no meeting verb and stays.
MEETING_BEFORE = re.compile(
    r"\b(?:làm việc|gặp gỡ|gặp|tiếp xúc|đối thoại|tiếp đón|tiếp|đón|hội kiến)\s*(?:với\s*)?"
    r"(?:hơn|gần|trên|khoảng|xấp xỉ|gần như)?\s*$",
    re.I,
)
MEETING_AFTER = re.compile(r"\s*(?:lượt|đoàn|cuộc)\s*(?:nhà đầu tư|doanh nghiệp|DN)(?![\wÀ-ỹ])", re.I)
PARTICIPANTS = re.compile(r"\s*(?:tập thể|cá nhân|đại biểu|học viên|đồng chí|thí sinh|gia đình|đội|giải)\b", re.I)
# "Chủ tịch UBND thị xã khen thưởng 9 tập thể" (the page cut at "tập t"): those awarded are no outcome.
AWARDED_BEFORE = re.compile(r"\b(?:khen thưởng|tặng (?:giấy|bằng) khen(?: cho)?|tuyên dương)\s*(?:cho\s*)?$", re.I)
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
# "từ 42,38 đến 43,70", "từ mức 40% tới 45%", "từ 80% đến dưới 90%" (a class of a grading): the two ends of a range.
FROM_RANGE_BEFORE = re.compile(r"\btừ\s*(?:mức\s*|khoảng\s*)?$", re.I)
_TO = r"(?:đến|tới)\s*(?:mức\s*)?(?:dưới\s*|trên\s*)?"
TO_RANGE_AFTER = re.compile(rf"\s*(?:%|điểm)?\s*{_TO}{NUMBER}", re.I)
RANGE_END_BEFORE = re.compile(rf"\btừ\s*(?:mức\s*|khoảng\s*)?{NUMBER}\s*(?:%|điểm)?\s*{_TO}$", re.I)
PHYSICAL = re.compile(r"\s*(?:m2|m²|m3|ha|km2?|km²|kg|tấn|MW|kW|kWh|m|cm|mm|lít|héc-ta|hecta|độ C)\b", re.I)
# An image's alt text or file slug: a line of lower-case unaccented words and digits
# ("sipas 2019 ty le nguoi dan to chuc hai long dat 8445") in a page written with accents.
SLUG_LINE = re.compile(r"[a-z0-9]+(?:[ _-]+[a-z0-9]+){4,}")
ACCENTED = re.compile("[à-ỹđĐ]")


# A percentage alone on its line ("100%") names nothing it measures. Next to the page's byline, date
# or view count it is the page's zoom or font-size control; in a run of >= 3 such lines going up or
# down ("0%", "25%", "50%", "75%") it is a chart's axis. Either way page furniture, not a value. A bare
# number alone on its line next to those lines ("Tường Mạnh" / "4,337" / "Viết bình luận mới") is the
# view or comment count: furniture too.
LONE_PERCENT = re.compile(rf"\s*{NUMBER}\s*%\s*")
LONE_VALUE = re.compile(rf"\s*{NUMBER}\s*%?\s*")
FURNITURE_LINE = re.compile(
    r"lượt xem|lượt đọc|lượt truy cập|cỡ chữ|in bài|đăng ngày|ngày đăng|cập nhật|chia sẻ|bình luận"
    r"|^\s*\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}",
    re.I,
)


def lone_percent_furniture(lines: list[str], skip: set[int]) -> list[int]:
    """Line numbers of lone percentages and lone numbers that are page furniture (see ``LONE_PERCENT``)."""
    items = [i for i, x in enumerate(lines) if x.strip() and i not in skip]
    alone = [LONE_VALUE.fullmatch(lines[i]) is not None for i in items]
    if not any(alone):
        return []
    lone = [x and LONE_PERCENT.fullmatch(lines[i]) is not None for x, i in zip(alone, items)]
    out = set()
    for k, i in enumerate(items):
        if not alone[k]:
            continue
        near = [lines[items[t]] for t in (k - 1, k + 1) if 0 <= t < len(items) and not alone[t]]
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


# A survey table flattened to one cell per line ("Rất hài lòng" / "2063" / "48.94%"): a whole number alone on its
# line right above a lone percentage, under a text line (the answer), on a page about a survey, is the number of
# answers (the survey's sample, LABELLING.md); the percentage beside it is the value. A dossier table's counts
# ("Sở Tư pháp" / "120" / "98%") stand on pages that name no survey and stay.
COUNT_CELL = re.compile(r"\s*\d{1,3}(?:[.,]\d{3})+\s*|\s*\d+\s*")


def survey_answer_counts(lines: list[str], skip: set[int]) -> list[int]:
    """Line numbers of the answer-count cells of a flattened survey table (see ``COUNT_CELL``)."""
    items = [i for i, x in enumerate(lines) if x.strip() and i not in skip]
    out = []
    for k in range(1, len(items) - 1):
        i = items[k]
        if not COUNT_CELL.fullmatch(lines[i]) or not LONE_PERCENT.fullmatch(lines[items[k + 1]]):
            continue
        if LONE_VALUE.fullmatch(lines[items[k - 1]]) or not re.search(r"[^\W\d_]", lines[items[k - 1]]):
            continue
        if SURVEY.search("\n".join(lines[:i])):
            out.append(i)
    return out


# The provincial green index (PGI, "Chỉ số xanh cấp tỉnh") is published with PCI but measures environmental
# governance; it is not one of the reform indices LABELLING.md lists (PAR INDEX, SIPAS, PAPI, PCI, DDCI and
# their components), so values of a clause that names it last are no reform outcome.
GREEN_INDEX = re.compile(r"\bPGI\b|[Cc]hỉ số xanh(?: cấp tỉnh)?|Provincial Green Index")
REFORM_INDEX = re.compile(
    r"PAR\s*INDEX|\bSIPAS\b|\bPAPI\b|\bPCI\b|\bDDCI\b|chỉ số (?:cải cách hành chính|CCHC|năng lực cạnh tranh|hài lòng"
    r"|hiệu quả quản trị|năng lực)",
    re.I,
)
NOT_REFORM_INDEX = (
    "not a reform index (the provincial green index PGI; LABELLING.md lists PAR INDEX, SIPAS, PAPI, PCI, DDCI)"
)


# "hơn4.500 hồ sơ", "đạt98%": a bound or verb glued to its number by a missing space.
GLUED_WORD = re.compile(r"(?<![\wÀ-ỹ])(?:hơn|gần|trên|dưới|khoảng|đạt|là|có|với|được)$", re.I)


# "ngày 7/4", "Sáng nay 7/4", "hôm nay, 12/4" (a comma after the day word), "(QNO) 7/4": a day and month.
# ("từ 1/7, ...", "đến 20/9": a day and month after a from or to word)
DATE_LEAD = re.compile(
    r"(?i:ngày|hôm|sáng|trưa|chiều|tối)(?:\s+(?:nay|qua|mai))?\s*,?\s*$|\([A-ZĐ]{2,}\w*\s*$|(?i:\btừ|\bđến)\s*$"
)


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
    # "5/9 huyện ... dưới 3%", "các tỉnh trên 80%", "toàn bộ 63 tỉnh, thành phố đều đạt chỉ số trên 80%". A
    # bound before the noun it counts ("các hồ sơ ... đối với trên 1.300 TTHC") is an approximate count, no
    # threshold: units meet a level (a percentage, points), not a number of things.
    counted = not re.match(r"\s*(?:%|điểm|phần trăm)", st.text[b:]) and NOUN_AFTER.match(st.text[b:])
    if SHARE_OF_COUNT_BEFORE.search(left) and not SHARE_OF_UNITS_BEFORE.search(left):
        return False  # "đúng hạn trên 130 ngàn (đạt trên 98%)": the share of the count just given, a value
    if (
        re.search(r"(?:dưới|trên)\s*$", left)
        and not counted
        and re.search(
            r"\d+\s*/\s*\d+|\bcác\b|\bnhững\b|\b(?i:toàn bộ|tất cả)\b"
            # "Có 5 tỉnh ... đạt trên 90%": a bare count of units before the bound
            # "không có địa phương ... dưới 60%": a bound no unit meets
            rf"|\b(?:\d+|không có)\s+{UNIT_WORDS}\b",
            clause_left,
        )
    ):
        if not voc.TARGET_CUES.search(clause_left):
            st.discard(a, b, "threshold without value (a bound met by several units)")
            return True
    from_to = re.search(r"\btừ\s*$", left, re.I) and FROM_TO_AFTER.match(st.text[b:])
    if (
        THRESHOLD_BEFORE.search(left)
        and THRESHOLD_CONTEXT.search(left)
        and not voc.TARGET_CUES.search(left)
        and not from_to
        and not (re.search(r"(?:trên|dưới)\s*$", left) and st.one_named_unit(a))  # one unit's own value
    ):
        st.discard(a, b, "threshold without value")
        return True
    # "có điểm từ 80 trở lên", "kiểm tra từ 30% trở lên": a bound, unless its clause (either side) names a target
    # ("để đạt mức hài lòng từ 80% trở lên vào năm 2020 theo mục tiêu").
    clause = st.text[_clause_start(st.text, a, ";.") : b] + re.split(r"[;.](?!\d)", st.text[b:], maxsplit=1)[0]
    if (
        re.match(r"\s*(?:%|điểm)?(?:\s+[\wÀ-ỹ]+){0,3}?\s*trở (?:lên|xuống)", st.text[b:])  # "từ 75% nhiệm vụ trở lên"
        and re.search(r"(?:(?:có|với|đạt)\s*(?:điểm|tỷ lệ)?\s*(?:trên|dưới)|\btừ)\s*$", left)
        and (
            not voc.TARGET_CUES.search(clause)
            # "tất cả các xã đã hoàn thành từ 75% nhiệm vụ trở lên": a bound all units meet, whatever the sentence
            or re.search(r"\b(?:tất cả|toàn bộ)\b", st.text[_clause_start(st.text, a, ";.,") : a], re.I)
        )
    ):
        st.discard(a, b, "threshold without value")
        return True
    return False


def not_value_reason(st: _Sentence, a: int, b: int) -> str | None:
    """Why the number token ``st.text[a:b]`` of a sentence is not a value (a named reason, in the order the
    rules are tried: a non-value span, a code, a year, a list marker, a survey sample, a duration, a label
    or ordinal in a name, a count of units in a grade, a structure count, a facility count, a group size,
    participants, a scale maximum, a physical measure, page furniture, an age), or None."""
    text, masked = st.text, st.masked
    raw = text[a:b]
    span = next((r for x, y, r in st.spans if x <= a and b <= y), None)
    if span:
        return span
    glued = GLUED_WORD.search(text[:a])  # "hơn4.500 hồ sơ": a missing space, not a code
    if (re.search(r"(?:[A-Za-z]-|#|=|[A-Za-z])$", text[:a]) and not glued) or re.match(
        r"[A-Za-z_]|-[A-Za-z\d]", text[b : b + 2]
    ):
        return "code or identifier"
    if masked[a:b] != raw:
        return "part of a non-value span"
    if re.fullmatch(r"\d{1,2}\.\d{1,2}", raw) and DATE_LEAD.search(text[:a]) and int(raw.split(".")[1]) <= 12:
        return "date ('Chiều 23.4': a day and month after a time-of-day word)"
    if raw in st.doc.hotlines:
        return "a hotline's number ('Tổng đài 1022'), not a value"
    if re.match(r"\.[a-z]{2,}", text[b : b + 4]):  # "1022.dongthap.gov.vn"
        return "part of a web address"
    # "... tăng 1 b" at the very end of a page: the store cut the statement inside its unit word; "Về tiến độ
    # giải quyết TTHC 8" (cut before "tháng"): a bare number closing a page without a full stop.
    at_end = not st.doc.text[st.s.start + len(text) :].strip()
    # ("45,36 đ" keeps its value: only a whole number's unit decides what it is)
    if at_end and raw.isdigit() and (re.fullmatch(r"\s+[^\W\d_]{1,2}\s*", text[b:]) or not text[b:].strip()):
        return "statement cut at the page's end (its unit word is cut)"
    value = parse_number(raw)
    after = text[b : b + 60]
    if is_year(value, raw):
        return "date (a year)"
    if re.match(r"\s*[./-]\s*\d", after) or re.search(r"\d\s*[/-]\s*$", text[:a]):
        return "code or date-like form"
    if re.match(r"\s*(?:\.|\))\s", after + " ") and not text[:a].strip():
        return "list marker"
    if a == 0 and re.match(r"[.)]", after):
        return "list marker"
    # "1. 1.Chỉ số CCHC": a marker after markers at the line start, glued to the heading's first word.
    if re.fullmatch(r"(?:\s*\d{1,2}\s*[.)])+\s*", text[:a]) and re.match(r"[.)]\s*[^\W\d_]", after):
        return "list marker"
    if re.search(r"\(\s*$", text[:a]) and re.match(r"\s*\)\s*[^\W\d_]", after) and value <= 20 and raw.isdigit():
        return "list marker ('(1) Nhóm ...')"
    # "lập 442 phiếu xử lý ý kiến, phản ánh", "11 phiếu đang giải quyết": in a story of citizens' feedback the
    # slips are the feedback handled, not a survey's forms.
    slips = (
        re.match(r"\s*phiếu\b", after)
        and FEEDBACK.search(text)
        and not re.search(r"khảo sát|điều tra|lấy ý kiến", text, re.I)
    )
    if not slips and SAMPLE_NOUN.match(after) and (SURVEY.search(text) or SURVEY.search(st.para_text)):
        return "survey sample size (not an outcome)"
    if not slips and FORMS_AFTER.match(after):  # "Tổng số phiếu phát ra: 5326 phiếu", the survey named above
        return "survey sample size (forms issued or returned, 'N phiếu'), not an outcome"
    # "60,98 năm 2018": a value and its year, not a duration.
    # ("cắt giảm được hơn 3.448 giờ làm việc", "rút ngắn 5 ngày": time saved is an outcome, not a period)
    saved = re.search(
        r"(?:cắt giảm|giảm|rút ngắn|tiết kiệm)(?:\s*được)?(?:\s*(?:hơn|trên|gần|khoảng))?\s*$", text[:a], re.I
    )
    if (
        re.match(r"\s*(?:tháng|tuần|ngày|giờ|phút|quý|năm)\b", after, re.I)
        and not re.match(r"\s*ngày\s*(?:làm việc|so với)|\s*năm\s+(?:19[89]\d|20[0-4]\d)(?!\d)", after)
        and not (saved and re.match(r"\s*(?:ngày|giờ|phút)\b", after, re.I))
    ):
        return "period or duration"
    label = (
        r"(?:thứ|lần|khóa|kỳ họp|Điều|điều|khoản|Mục|(?<!danh )mục|Chương|phần|bước|nhóm|[Cc]ụm|đợt|[Tt]iêu chí|\bBài"
        r"|[Pp]hụ lục|\bCSTP"
        r"|(?<![Tt]rong )(?<![Tt]ổng )(?<![Đđ]iểm )\bsố)\s*$"
    )
    if re.search(label, text[:a]) and not re.fullmatch(r"\d+,\d+|\d+\.\d{1,2}", raw):  # 'chỉ số 93,31'
        return "ordinal or label in a name"
    if raw.isdigit() and len(raw) <= 2 and re.search(r"(?<![\wÀ-ỹ])năm\s*$", text[:a], re.I):
        return "a year written short or garbled ('Sau năm 5'), not a value"
    if raw.isdigit() and _count_per_grade(text, b, after):
        return "count of units in a grade ('5 huyện xếp loại Tốt'), not an outcome"
    if STRUCTURE.match(after) or COUNT_OF_GROUP_AFTER.match(after):
        return "structure count"
    if raw.isdigit() and RANKED_UNITS_BEFORE.search(text[max(0, a - 30) : a]) and UNIT_NOUN_AFTER.match(after):
        return "count of the units ranked ('xếp thứ 3 trong số 10 phường'), not a value"
    if raw.isdigit() and INDICES_IN_GROUP_AFTER.match(after):
        return "count of indices in a group ('5 chỉ số nằm trong nhóm điểm cao nhất'), not a value"
    if raw.isdigit() and INDEX_COUNT.match(after):  # "tăng điểm ở 4 chỉ số", "chỉ có 2 chỉ số là ..."
        return "structure count (a count of indices)"
    if raw.isdigit() and _indices_of_a_place(after):  # "có đến 7 chỉ số Thanh Hóa bị giảm điểm"
        return "structure count (a count of indices, the place named after them)"
    if FACILITY_AFTER.match(after):  # "đã đặt 1 quầy giao dịch", "3.899 điểm giao dịch"
        v = parse_number(raw)
        return f"facility count ({v:g} service counters or points), not an outcome"
    if GROUP_SIZE_BEFORE.search(text[:a]):
        return "group size ('Top 5'), not a value"
    if economic_figure(text, a):
        return "economic figure (investment, growth, trade), not a reform outcome"
    if re.search(r"\b(?:gấp|tăng)\s*(?:gần|hơn|khoảng|trên)?\s*$", text[:a], re.I) and re.match(r"\s*lần\b", after):
        return "multiplier ('gấp 2,67 lần'), not labelled (LABELLING.md counts levels and changes)"
    if raw.isdigit() and TOP_PLACES_AFTER.match(after):
        return "group size ('3 vị trí đầu bảng'), not a value"
    if MARK_BEFORE.search(text[max(0, a - 20) : a]):
        return "a round mark ('vượt mốc 60 điểm'), not the measured value"
    if raw.isdigit() and DOCUMENTS_AFTER.match(after):
        return "count of legal documents issued ('ban hành 55 quyết định'), not an outcome"
    if MEETING_AFTER.match(after) and MEETING_BEFORE.search(text[max(0, a - 40) : a]):
        return "meetings with investors or firms ('làm việc với 500 lượt nhà đầu tư'), not an outcome"
    if PARTICIPANTS.match(after) or (raw.isdigit() and AWARDED_BEFORE.search(text[max(0, a - 30) : a])):
        return "participants or awards (not an outcome)"
    # "trên tổng số điểm 100", "thang điểm 100", "trên thang 100 điểm": the scale, not a value.
    if re.search(r"(?:trên tổng(?: số)? điểm(?: là)?|thang(?: điểm)?|tối đa(?: là)?|trên tổng số)\s*$", text[:a], re.I):
        return "scale maximum (structure of the index)"
    if SCALE_START_BEFORE.search(text[max(0, a - 30) : a]) or SCALE_END_BEFORE.search(text[max(0, a - 60) : a]):
        return "scale ends ('thang điểm từ 1 (thấp nhất) - 10 (cao nhất)'), structure of the index"
    if PHYSICAL.match(after):
        return "physical measure (area, length, weight), not a reform figure"
    if re.search(r"(?:Covid|COVID|GMT|Gmt|SARS-CoV)[\s+-]*$", text[:a]):
        return "part of a name"
    if re.search(r"truy cập\s*:?\s*$", text[:a], re.I) or re.match(r"\s*(?:người )?đang (?:truy cập|online)", after):
        return "page furniture"
    if re.match(r"\s*(?:tuổi|người\s+(?:tham dự|dự))\b", after):
        return "not an outcome (age, attendance)"
    return None
