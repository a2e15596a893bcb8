"""Readers of numbers in running text, and the sweep over the tokens left.

In order, per sentence: ranks with a denominator ("xếp thứ 22/63"), from-to rank pairs ("từ thứ 31 lên
thứ 2", "lần lượt từ thứ 31 lên 2 và 16 lên 10"), ranks in words or digits ("xếp thứ nhì", "vị trí thứ
hai", "hạng 3"), ordinals opening a list clause, English ranks, rank changes ("tăng 3 bậc", "lên một
bậc": number words một ... mười before bậc/hạng/điểm), fractions, percentages, then every remaining
number token (``_sweep``): money, points, counts, index scores, or a named discard (``discard``).

Changes are changes: "tăng/giảm X ... so với", "cao hơn/thấp hơn X" give ``<measure>_change``,
signed (giảm/thấp hơn/tụt/thụt negative), with ``baseline_year`` when the text names it ("so với năm
2021", "so năm 2018", "so với tháng 01/2021"); rank changes include "thăng cao nhất 34 bậc", "thụt sâu
nhất là 34 bậc" (a province in parentheses right after a value, "(Sóc Trăng)", is its locality).
"dẫn đầu"/"đứng đầu" without a number are not ranks. A rank beyond its denominator, or above 63
without one, is discarded as impossible. "cả nước"/"toàn quốc" right after a rank ("đứng thứ 18 cả
nước", "11/63 tỉnh, thành phố trong cả nước", "Thứ hạng trong cả nước") is the ranking's scope, not
a national locality; "tỉnh" after a count ("34/63 tỉnh") is not the subject either, nor is "cả nước"
after "dẫn đầu"/"đứng đầu"/"top đầu" ("dẫn đầu cả nước ở 3 tiêu chí"). An ordinal opening a clause of a
list, without a verb, before the place it ranks ("...; thứ 3 tỉnh Hải Dương đạt 90,23%") is a rank. A
rank range over units named together ("Đứng thứ 2-3 ... là tỉnh Đồng Tháp (...) và Cà Mau (...)") gives
both ranks (added after round 14).

Superlatives of a change are changes: "tăng mạnh nhất với 6,39%", "nơi giảm nhiều nhất là 2,94% và ít
nhất là 0,21%" (the second of a pair takes the first's verb: both negative).

English press forms are read as well: "87.02 percent", "ranked 19th", "17th position", "No 5",
"ranked first", "dropped 12 spots", "74.64 points"."""

from __future__ import annotations

import re

from . import vocabulary as voc
from .clauses import _clause_start, _right
from .discard import (
    BOUND_BEFORE,
    DATE_LEAD,
    NOUN_AFTER,
    SHARE_OF_UNITS_BEFORE,
    UNITS_AFTER,
    _bound,
    _threshold,
    economic_figure,
    fraction_reason,
    not_value_reason,
)
from .numbers import NUMBER, NUMBER_CORE, NUMBER_RE, SCALE_MAX, money, parse_number, scaled
from .sentence import INDEXES, _Sentence
from .years import BASELINE_AFTER

N = f"({NUMBER})"
D = f"({NUMBER_CORE})"  # a denominator, right after "/"
RANK_FRAC = re.compile(  # "xếp thứ 22/63", "xếp hạng 5/19"; "hạng 3/13", "vị trí 8/63", "vị thứ 12/63" without a verb
    r"(?:(?:xếp|đứng|giữ)\s*(?:hạng\s*|vị trí\s*|ở vị trí\s*|vị thứ\s*)?|\b(?:hạng|vị trí|vị thứ)\s*)"
    rf"(?:thứ\s*)?{N}\s*/\s*{D}",
    re.I,
)
RANK_WORD = re.compile(
    r"(?:xếp|đứng|giữ|vươn lên|lên)\s*(?:hạng\s*|vị trí\s*|ở vị trí\s*|vị thứ\s*)?"
    r"thứ\s*(nhất|nhì|hai|ba|tư|năm|sáu|bảy|tám|chín|mười(?!\s+(?:một|mốt|hai|ba|bốn|lăm|sáu|bảy|tám|chín)\b)"
    r"|\d+)(?![\d/])"
    # ("giảm thứ hạng 17 bậc" is a move of 17 places, ``RANK_CHANGE``)
    r"|(?:xếp hạng|hạng|vị trí)\s*(?:thứ\s*|số\s*)?(\d+|nhất|nhì)(?![\d/]|[.,]\d)(?!\s*bậc\b)"
    r"|(?:^|(?<=[;:,]\s))thứ\s*(nhì|hai|ba|tư|năm|\d+)\s+là\b"
    # "sau số 1 PCI 2022, nhận số 1 PAPI 2022": "number N" of an index is its rank
    r"|\bsố\s*(\d{1,2})(?=\s+(?:PCI|PAPI|PAR INDEX|SIPAS|DDCI)\b)"
    # "phòng Tài chính – Kế hoạch huyện xếp vị thứ nhất với 88,39%"
    r"|(?:xếp|đứng)\s*vị thứ\s*(nhất|nhì|hai|ba|tư|năm|\d{1,2})(?![\d/]|[.,]\d)"
    # "Thừa Thiên Huế (65,56 điểm, thứ 2)": a rank after the score in a unit's bracket
    r"|(?<=điểm,\s)thứ\s*(\d{1,2})(?=\s*\))"
    r"|(?:hạng|vị trí)\s*thứ\s*(hai|ba|tư|năm)\b(?!\s*\d)"  # "xuống vị trí thứ hai": an ordinal word
    # "Sở Tài chính xếp hạng ba (91,290)": an ordinal word right after "xếp hạng", not before a counted noun
    # ("xếp hạng ba chỉ số"); "năm" is left out ("xếp hạng năm 2022").
    r"|xếp hạng\s*(ba|tư)(?![\wÀ-ỹ])(?!\s+(?!về\b|trong\b|toàn\b|cả\b|của\b|với\b)[a-zà-ỹđ])",
    re.I,
)
# "xếp thứ 8 cả nước và thứ 3 khu vực Bắc Trung Bộ": a second rank, in another scope, joined by "và" to a
# ranking verb's first rank and its national scope.
RANK_AND = re.compile(
    r"(?:xếp|đứng)\s*(?:hạng\s*|vị trí\s*)?thứ\s*[\wÀ-ỹ/]+\s+"
    r"(?:cả nước|toàn quốc|trên cả nước|[^\d.;:()]{0,10}tỉnh[^\d.;:()]{0,20})\s*và\s+"
    r"(thứ\s*(\d{1,2}|nhất|nhì|hai|ba|tư)(?![\d/]|[.,]\d|[\wÀ-ỹ]))",
    re.I,
)
# "xếp thứ 3 trong các tỉnh Bắc Trung Bộ", "thứ 3 khu vực Bắc Trung Bộ": a rank within a region, whose
# denominator is not the national one of a rank "8/61" before it.
REGION_AFTER = re.compile(
    r"\s*(?:trong\s+(?:số\s+)?(?:các\s+)?(?:tỉnh|địa phương)(?:,\s*thành(?:\s*phố)?)?\s+(?:khu vực\s+|vùng\s+)?[A-ZĐ]"
    r"|(?:trong\s+|của\s+)?(?:khu vực|vùng|miền)\b)"
)
# "...dẫn đầu với 90,61%; đứng thứ 2 tỉnh Thái Nguyên đạt 90,29%; thứ 3 tỉnh Hải Dương đạt 90,23%": an
# ordinal opening a clause of a list, without a verb, before the place it ranks.
RANK_LIST = re.compile(
    r"(?:^|(?<=[;:,]\s))(?:ở\s*|tiếp theo là\s*)?thứ\s*(hai|ba|tư|năm|\d{1,2})(?![\d/]|[.,]\d)"
    r"\s+(?:là\s+|thuộc về\s+)?",
    re.I,
)
# "10 đơn vị xếp ở nhóm đầu lần lượt là: (1) Sở Tài chính đạt 90,05%, ..., (3) Văn phòng UBND tỉnh đạt 90,02%":
# in a ranking sentence, a bracketed number before a unit's name and its score is the unit's place.
RANK_ENUM = re.compile(
    r"\((\d{1,2})\)\s*(?=(?:Sở|Văn phòng|Ban|Thanh tra|UBND|Ủy ban|Uỷ ban|huyện|Huyện|thị xã|Thị xã|thành phố|Thành phố"
    r"|Bộ|Công an|Kho bạc|Cục|Chi cục|Bảo hiểm|Ngân hàng|Đài|Báo|xã|Xã|phường|Phường|tỉnh|Tỉnh)\b[^;()]{0,80}?\d)"
)
RANKING_SENTENCE = re.compile(r"xếp hạng|xếp ở|xếp thứ|vị trí|thứ hạng|lần lượt là|dẫn đầu", re.I)
# "Đứng thứ 2-3 ... là tỉnh Đồng Tháp (...) và Cà Mau (...)": a range of ranks over units named together;
# the second end of the range is a rank too.
RANK_RANGE_END = re.compile(r"\s*[-–]\s*(\d{1,2})(?![\d/]|[.,]\d)")
# "Xếp thứ hai và ba là Bộ Tài chính và Bộ Tư pháp": a second ordinal joined by "và" before the units ranked.
# "giảm 1 bậc xuống vị trí thứ 2 và thứ 3.": a second place joined by "và thứ" at its clause's end.
RANK_AND_END = re.compile(r"\s*và\s*thứ\s*(\d{1,2})(?![\d/]|[.,]\d)(?=\s*(?:[.;]|$))", re.I)
RANK_AND_NEXT = re.compile(
    r"\s*(?:và|,)\s*(?:thứ\s*)?(hai|ba|tư|năm|\d{1,2})(?![\d/]|[.,]\d)(?:\s+[^;.]{0,40}?)?\s+(?:lần lượt\s+)?"
    r"(?:là|thuộc về)\b",
    re.I,
)
# Verbs of a move up or down a ranking or scale ("giảm thứ hạng 17 bậc": the word for rank may stand between).
MOVE_VERBS = r"(tăng|giảm|tụt|thụt|sụt|lên|xuống|thăng|vượt)"
RANK_CHANGE = re.compile(
    rf"{MOVE_VERBS}\s*(?:thứ\s*hạng\s*|hạng\s*)?(?:(?:cao|sâu|mạnh|nhiều)\s*nhất\s*|kỷ lục\s*)?"
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
# Ordinal words: "thứ nhất", "thứ nhì" (the usual word for second: "xếp thứ nhì Bộ Tư pháp"), "thứ hai" ...
ORDINALS = {
    "nhất": 1,
    "nhì": 2,
    "hai": 2,
    "ba": 3,
    "tư": 4,
    "năm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
    "mười": 10,
}
# Number words before "bậc"/"hạng"/"điểm" after a change verb: "lên một bậc", "giảm hai hạng", "tăng ba điểm".
NUMBER_WORDS = {**{w: n for w, n in ORDINALS.items() if w not in ("nhất", "nhì")}, "một": 1, "bốn": 4}
# "chỉ tám hồ sơ quá hạn", "đã giải quyết sáu hồ sơ (bốn trước hạn)": a count written in words, before a dossier
# or procedure noun or a dossier status. "một" is left out: before a noun it is as often the article "a".
COUNT_WORD = re.compile(
    r"(?<![\wÀ-ỹ])(hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(?=(?:hồ sơ|thủ tục|TTHC)(?![\wÀ-ỹ])"
    r"|(?:trước hạn|đúng hạn|quá hạn|trễ hạn)(?![\wÀ-ỹ]))",
    re.I,
)
CHANGE_WORD = re.compile(
    MOVE_VERBS + r"\s*(?:hạng\s*)?(?:thêm\s*)?"
    r"(một|hai|ba|bốn|năm|sáu|bảy|tám|chín|mười)\s+(bậc|hạng|điểm)(?![\wÀ-ỹ])",
    re.I,
)
# Two or more from-to rank pairs: "từ thứ 31 lên thứ 2", "tăng lần lượt từ thứ 31 lên 2 và 16 lên 10": each
# first number is an earlier rank, each second the later rank.
RANK_FROM_TO = re.compile(
    r"\btừ\s*(?:vị trí\s*|hạng\s*|thứ hạng\s*)?thứ\s*(\d{1,2})\s*(?:lên|xuống)\s*(?:vị trí\s*|hạng\s*)?(?:thứ\s*)?"
    r"(\d{1,2})(?![\d/]|[.,]\d)",
    re.I,
)
RANK_PAIR_NEXT = re.compile(
    r"\s*(?:,|và|;)\s*(?:từ\s*)?(?:thứ\s*)?(\d{1,2})\s*(?:lên|xuống)\s*(?:thứ\s*)?(\d{1,2})(?![\d/]|[.,]\d)", re.I
)
CHANGE_BEFORE = re.compile(
    r"(tăng|giảm|cao hơn|thấp hơn|nhiều hơn|ít hơn|tăng thêm|giảm đi|tụt|vượt|kém"
    r"|(?:rút ngắn|thu hẹp)(?:\s*khoảng cách)?(?:\s*được)?)"
    r"\s*(?:tới|đến|được|khoảng|gần|hơn|trên|thêm|đi|lần lượt là|lần lượt|mạnh|nhẹ|so với cùng kỳ là"
    r"|(?:mạnh|nhiều|sâu|cao|ít|thấp|lớn|nhẹ)\s+nhất(?:\s+(?:là|với|ở mức))?)?\s*$",
    re.I,
)
# "nơi giảm nhiều nhất là 2,94% và ít nhất là 0,21%": the second superlative of a pair takes the change verb of
# the first (a fall: both negative).
CHANGE_PAIR_BEFORE = re.compile(
    rf"(tăng|giảm|tụt|sụt)\s*(?:mạnh|nhiều|sâu|cao|ít|thấp|lớn|nhẹ)\s+nhất\s*(?:là|với|ở mức)?\s*{NUMBER}\s*(?:%|điểm)?"
    r"\s*(?:,|và|;|còn)\s*(?:nơi\s*|địa phương\s*|tỉnh\s*)?(?:mạnh|nhiều|sâu|cao|ít|thấp|lớn|nhẹ)\s+nhất"
    r"\s*(?:là|với|ở mức)?\s*$",
    re.I,
)
NEGATIVE = re.compile(r"giảm|thấp hơn|ít hơn|tụt|thụt|sụt|xuống|rút ngắn|thu hẹp|kém", re.I)
# "thấp hơn địa phương đứng đầu là Thành phố Hải Phòng 8.47 điểm": a gap to a named unit, signed.
GAP_TO_UNIT_BEFORE = re.compile(
    r"(cao hơn|thấp hơn|kém)\s+(?:địa phương|tỉnh|đơn vị|thành phố|huyện)[^\d,;.()]{0,60}?\s*$", re.I
)
SCORE_OR_RATE_AT = re.compile(rf"{NUMBER}\s*(?:điểm|%)")
# "cao hơn so với năm 2014 là 8,31%": a change whose baseline year stands between the verb and the value.
CHANGE_SO_VOI_BEFORE = re.compile(
    r"(tăng|giảm|cao hơn|thấp hơn|nhiều hơn|ít hơn)\s*so với\s*(?:năm\s*|cùng kỳ năm\s*)?(?P<base>19[89]\d|20[0-4]\d)"
    r"\s*(?:là|:)\s*$",
    re.I,
)
# "có 3.845 hồ sơ, chiếm tỉ lệ gần 66%": a share a count takes of the whole is measured, even with a bound word.
SHARE_BOUND_BEFORE = re.compile(
    r"\b(?:chiếm\s*(?:tỷ lệ\s*|tỉ lệ\s*)?|đạt\s*(?:tỷ lệ|tỉ lệ)\s*)(?:khoảng|gần|hơn|trên|dưới)\s*$", re.I
)
# "thấp hơn điểm trung vị là 1,22 điểm", "cao hơn mức trung bình cả nước 1,74%": a gap to a named mean or
# median, signed like a change.
GAP_BEFORE = re.compile(
    r"(cao hơn|thấp hơn)\s*(?:so với\s*)?(?:điểm\s*|mức\s*|giá trị\s*)?(?:trung vị|trung bình|bình quân)"
    r"(?:\s*(?:của\s*)?(?:cả nước|toàn quốc|chung|các tỉnh))?\s*(?:là|:)?\s*$",
    re.I,
)


def _change_of(st: _Sentence, a: int) -> re.Match | None:
    """The change verb right before a value ("tăng 5%", "giảm nhiều nhất là 2,94%"), or the verb of the first
    superlative of a pair ("giảm nhiều nhất là 2,94% và ít nhất là 0,21%"), else None."""
    left = st.text[max(0, a - 60) : a]
    if re.search(r"(?:mức|tỷ lệ|tỉ lệ)\s+(?:cắt\s+)?giảm\s*(?:là|đạt|được)?\s*$", left, re.I):
        return None  # "tương đương mức giảm 71,64%", "tỷ lệ cắt giảm đạt 75%": the size of a cut, a level
    return (
        CHANGE_BEFORE.search(left[-40:])
        or GAP_BEFORE.search(left)
        or CHANGE_SO_VOI_BEFORE.search(left)
        or (SCORE_OR_RATE_AT.match(st.text, a) and GAP_TO_UNIT_BEFORE.search(left))
        or CHANGE_PAIR_BEFORE.search(st.text[max(0, a - 120) : a])
    )


def _baseline(st: _Sentence, b: int) -> int | None:
    m = BASELINE_AFTER.search(st.text[b : b + 90])
    return int(m.group(1)) if m else None


def _add_change(st: _Sentence, a: int, b: int, raw: str, unit: str, measure: str | None, cue: re.Match) -> None:
    value, basis = st.doc.num(raw, unit, measure)
    sign = -1 if NEGATIVE.search(cue.group(1)) else 1
    named = cue.groupdict().get("base")  # "cao hơn so với năm 2014 là 8,31%"
    st.add(
        a,
        b,
        f"{measure or 'other'}_change",
        sign * value,
        unit,
        basis=basis,
        baseline=int(named) if named else _baseline(st, b),
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
    _rank_pairs(st)
    for m in RANK_WORD.finditer(masked):
        if not st.free(m.start(), m.end()):
            continue
        word = next(g for g in m.groups() if g)
        if m.group(2) and UNITS_AFTER.match(masked[m.end() :]):  # "xếp hạng 63 tỉnh": how many are ranked
            st.discard(m.start(2), m.end(), "structure count (units ranked)")
            continue
        rank = ORDINALS.get(word.lower()) if not word.isdigit() else float(word)
        if rank is None:
            continue
        of = next((d for p, d in reversed(fractions) if p < m.start()), None)
        if REGION_AFTER.match(masked, m.end()):
            of = None  # "xếp thứ 8/61 ... và xếp thứ 3 trong các tỉnh Bắc Trung Bộ": a regional rank
        # 63 provinces bound a rank without a denominator, unless a commune, ward, district or agency is ranked
        # ("Xã Vĩnh Am xếp thứ 68" among a city's communes).
        cap = of or (63 if st.place_for(m.start(), m.end())[1] in (None, "province", "national") else 999)
        if rank > cap or rank < 1:
            st.discard(m.start(), m.end(), f"impossible rank ({rank:g} of {cap:g})")
            continue
        st.add(m.start(), m.end(), "rank", float(rank), "rank", of, subject=st.subject(m.start(), m.end()))
        _rank_range(st, m.end(), rank, of)
    for m in RANK_AND.finditer(masked):
        if not st.free(m.start(1), m.end(1)):
            continue
        word = m.group(2)
        rank = ORDINALS.get(word.lower()) if not word.isdigit() else float(word)
        if rank is not None and 1 <= rank <= 63:
            st.add(m.start(1), m.end(1), "rank", float(rank), "rank", subject=st.subject(m.start(1), m.end(1)))
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
    if RANKING_SENTENCE.search(text) and len(RANK_ENUM.findall(masked)) >= 2:
        for m in RANK_ENUM.finditer(masked):
            if st.free(m.start(1), m.end(1)):
                st.add(m.start(1), m.end(1), "rank", float(m.group(1)), "rank", subject=st.subject(m.start(), m.end()))
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
    for m in CHANGE_WORD.finditer(masked):  # "lên một bậc", "giảm hai hạng", "tăng ba điểm"
        if not st.free(m.start(2), m.end()):
            continue
        sign = -1 if NEGATIVE.search(m.group(1)) else 1
        value = sign * float(NUMBER_WORDS[m.group(2).lower()])
        if m.group(3).lower() == "điểm":
            measure, far = st.rate_indicator(m.start(2), m.end())
            st.add(
                m.start(2),
                m.end(),
                f"{measure or 'other'}_change",
                value,
                "points",
                far=far,
                basis="number word",
                baseline=_baseline(st, m.end()),
            )
        else:
            st.add(
                m.start(2),
                m.end(),
                "rank_change",
                value,
                "ranks",
                subject=st.subject(m.start()),
                basis="number word",
                baseline=_baseline(st, m.end()),
            )
    for m in COUNT_WORD.finditer(masked):  # "chỉ tám hồ sơ quá hạn"
        if not st.free(m.start(1), m.end(1)) or re.match(r"năm\s+(?:trước|đúng|quá|trễ)", m.group(0), re.I):
            continue
        after = text[m.end(1) :]
        indicator = _count_indicator(st, m.start(1), m.end(1), after)[0]
        if indicator is None:  # "(bốn trước hạn)": dossiers of a status named after the word
            indicator = voc.first(voc.DOSSIER_RE, _right(text, m.end(1), ",;.:()")) or "dossiers"
        st.add(m.start(1), m.end(1), indicator, float(NUMBER_WORDS[m.group(1).lower()]), "count", basis="number word")
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
        if not (points or m.group(4)) and (why := fraction_reason(text, m.start(), m.end())):
            st.discard(m.start(), m.end(), why)
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
        cue = None if points or m.group(4) else _change_of(st, m.start())
        if cue:  # "đã giảm 1.317/23.551 biên chế": a fall of 1317 of 23551, signed like any change
            indicator, num = f"{indicator}_change", (-1 if NEGATIVE.search(cue.group(1)) else 1) * num
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
        if economic_figure(text, m.start()):
            st.discard(m.start(), m.end(), "economic figure (investment, growth, trade), not a reform outcome")
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
            # "giải quyết trên 99% hồ sơ", "trên 97% tổ chức, cá nhân hài lòng": the share of what it names
            of_named = NOUN_AFTER.match(text[m.end() :]) and not re.match(
                r"\s*(?:điểm|trở|so|đến|tới|-)", text[m.end() :]
            )
            bound = (re.search(r"\b(?:trên|dưới)\s*$", text[: m.start()], re.I) and not of_named) or (
                m.group(1).isdigit()
                and BOUND_BEFORE.search(text[: m.start()])
                and not NOUN_AFTER.match(text[m.end() :])
            )
            if (
                bound
                and not voc.TARGET_CUES.search(text[_clause_start(text, m.start(), ";.") : m.start()])
                and not st.one_named_unit(m.start())
                and not SHARE_BOUND_BEFORE.search(text[: m.start()])
            ):
                st.discard(m.start(), m.end(), "threshold without value (a bound, no measured rate)")
                continue
            if not st.on_topic():
                st.discard(m.start(), m.end(), "off-topic (no reform term in the paragraph)")
                continue
            indicator, subject = "other", st.phrase(m.start(), m.end())
        st.add(m.start(), m.end(), indicator, value, "%", far=far, basis=basis, subject=subject)
    _sweep(st)


def _rank_range(st: _Sentence, b: int, first: float, of: float | None) -> None:
    """ "Đứng thứ 2-3 về chỉ số SIPAS tại ĐBSCL là tỉnh Đồng Tháp (đạt 89,51%) và Cà Mau (87,92%)": a rank
    range N-M right after the rank N at ``b`` ranks the units named together after it ("A và B"), so M is a
    rank as well (not a code or a date); so does "thứ hai và ba là A và B". Only when M > N, within the
    ranking, and "và" follows; or "xuống vị trí thứ 2 và thứ 3." at the clause's end (``RANK_AND_END``)."""
    at_end = RANK_AND_END.match(st.masked, b)
    m = RANK_RANGE_END.match(st.masked, b) or RANK_AND_NEXT.match(st.masked, b) or at_end
    if not m or not st.free(m.start(1), m.end(1)):
        return
    word = m.group(1)
    last = float(word) if word.isdigit() else float(ORDINALS[word.lower()])
    if not first < last <= (of or 63) or not (at_end or re.search(r"\bvà\b", st.text[m.end() :])):
        return
    st.add(m.start(1), m.end(1), "rank", last, "rank", of, subject=st.subject(m.start(1), m.end(1)))


def _rank_pairs(st: _Sentence) -> None:
    """ "từ thứ 31 lên thứ 2", "tăng lần lượt từ thứ 31 lên 2 và 16 lên 10": each pair is an earlier and a
    later rank (``RANK_FROM_TO``, ``RANK_PAIR_NEXT``); ``_from_to`` gives them their years."""
    for m in RANK_FROM_TO.finditer(st.masked):
        spans = [(m.start(1), m.end(1), m.start(2), m.end(2))]
        end = m.end()
        while nxt := RANK_PAIR_NEXT.match(st.masked, end):
            spans.append((nxt.start(1), nxt.end(1), nxt.start(2), nxt.end(2)))
            end = nxt.end()
        for a1, b1, a2, b2 in spans:
            x, y = float(st.text[a1:b1]), float(st.text[a2:b2])
            if not (1 <= x <= 63 and 1 <= y <= 63) or not st.free(a1, b2):
                continue
            subject = st.subject(m.start(), end)
            st.add(a1, b1, "rank", x, "rank", subject=subject)
            first = st.records[-1]
            st.add(a2, b2, "rank", y, "rank", subject=subject)
            st.pairs.append((first, st.records[-1]))


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


def _sweep(st: _Sentence) -> None:
    """Every number token not yet used: a record, or discarded with a named reason."""
    text, masked = st.text, st.masked
    for m in NUMBER_RE.finditer(text):
        a, b = m.start(), m.end()
        if not st.free(a, b):
            continue
        raw = m.group(0)
        reason = not_value_reason(st, a, b)
        if reason:
            st.discard(a, b, reason)
            continue
        value = parse_number(raw)
        after = text[b : b + 60]
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
