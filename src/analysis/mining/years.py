"""Years of values in prose: which year a value refers to, and the from-to pairs.

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
5. ``document title``: the one year of the title line (a baseline year in it does not count). A dateline
   on the first line ("Thứ 3, Ngày 18/06/2024 -", "12:09, 27/09/2021") is not the title (``document``):
   the title is the line after it, so an index year the title names ("Chỉ số cải cách hành chính năm 2023
   tỉnh Kon Tum tăng 12 bậc so với năm 2022") wins over the page's publication date;
5b. ``publication date (the dateline ...)``: the dateline's year, when the title names no year of its own
   (a quarter's report "Nha Trang: Quý III, ..." under "12:09, 27/09/2021"); index values on a page that
   announces take the year before (the announcement rule below);
6. the year after the baseline: a sentence whose only year is one baseline B ("đứng thứ 18 cả nước,
   tăng 1 bậc so với năm 2018") compares with the year before, so its values are of B+1, but only
   when the page's publication date P agrees: B+1 = P-1 for PAR INDEX, SIPAS, PAPI, PCI and their
   ranks (an index is announced the year after it measures), B+1 in {P-1, P} for other measures.
   Otherwise (no page date, or "so với năm 2015" on a 2020 page: a comparison over several years)
   the year stays empty. This rule comes last: B+1 is an inference, used only when no sentence,
   paragraph, title or dateline gives a year;
else empty ("not stated"): never guessed. Years that name a baseline ("so với năm 2021", "so năm
2018", "cùng kỳ năm 2021", or the base of a ratio: "bằng 205,6% số hồ sơ của quý I năm 2022",
``is_baseline``) never count, nor does the year dossiers were carried over from ("1246 hồ
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

Added after rounds 11 and 12:

- a year after "so với" that follows the value belongs to the baseline ("rơi xuống vị trí thứ 9 so với
  vị trí thứ 5 năm 2023": 2023 is 5's, and 9 takes the sentence's year); such a year does not make the
  value's year "unclear" either;
- the year written after the earlier value of a from-to pair is its own also when a verb stands
  before "lên/xuống" ("từ vị trí thứ 24 năm 2019 tụt xuống vị trí thứ 47"), and also when the value's
  span starts at its word ("vị trí thứ 24");
- a period given by two full dates of one year ("Tại Trung tâm (từ 01/01/2020 đến 24/12/2020): ...")
  is the year of its sentence (after the sentence's own years) and is carried to the paragraph's
  later sentences, although it stands in a parenthesis;
- (after round 13) the year of a full date after "công bố (vào) ngày" is the announcement's, not the
  values', when the sentence names another year before it ("đánh giá năm 2021 vừa được công bố vào ngày
  10/05/2022, tỉnh X đã vươn lên vị thứ 12/63": 12 is of 2021);
- in "từ X lên Y" pairs where both took the paragraph's year P and the document title names a later
  year T, X keeps P and Y takes T ("... top 10 năm 2021. Bắc Giang và Long An tăng lần lượt từ thứ 31
  lên 2 và 16 lên 10" under a 2022 title). Pairs chained with "và" are read together (``prose``).

Added after round 14:

- a dateline above the title ("Thứ 3, Ngày 18/06/2024 -") is skipped when the title is chosen, so the
  title's index year wins; the dateline's year is the fallback 5b;
- the year after a ratio "bằng/gấp X% (lần) ... năm Y" is the base of the comparison, a baseline: "Số hồ sơ
  trực tuyến của quý I năm 2023 bằng trên 90% số hồ sơ của cả năm 2021 và bằng 205,6% số hồ sơ của quý I
  năm 2022" gives both ratios 2023.

Added after round 15: the commas of a list of unit kinds ("các huyện, thị xã, thành phố năm 2022") end no
clause when the year after a value is sought, so the year after the list is the value's own clause's.

Added after rounds 16-19: the issue date of a cited legal document ("Quyết định 766/QĐ-TTg ngày 27/6/2022") is no
period of a value; a bare "so" right before a year ("tăng 14 bậc so 2022") names a baseline; in "từ X điểm giảm
xuống Y" a change verb may stand before "lên/xuống"."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .clauses import _groups, _is_boundary
from .context import year_mentions
from .numbers import NUMBER, NUMBER_CORE, NUMBER_RE

if TYPE_CHECKING:
    from .sentence import _Sentence
# "so với năm 2021", "so cùng kỳ", and "so năm 2018" ("so" without "với" before a year word); a bare "so" right
# before a year ("tăng 14 bậc so 2022") is a baseline too (``BASELINE_YEAR``).
SO_VOI = r"(?:so với|cùng kỳ|\bso(?=\s+(?:năm|tháng|quý)\b))"
BASELINE_AFTER = re.compile(
    r"^[^;.]{0,60}?\bso\s+(?:với\s*|cùng kỳ\s*)?(?:cùng kỳ\s*)?(?:năm\s*|tháng\s*\d{1,2}\s*/\s*|quý\s*[IV]+\s*/\s*)?"
    r"(19[89]\d|20[0-4]\d)",
    re.I,
)
# "so với năm 2021", "so với cùng kỳ năm 2021", "So với chỉ số PCI năm 2019" (the index named between).
BASELINE_YEAR = re.compile(SO_VOI + r"[^,;.\d]{0,24}(?:\d{1,2}\s*/\s*)?$|\bso\s+$", re.I)
SO_VOI_RE = re.compile(SO_VOI, re.I)
# "bằng trên 90% số hồ sơ trực tuyến của cả năm 2021", "bằng 205,6% ... của quý I năm 2022", "gấp 2 lần năm
# 2020": the year after a ratio is that of the base it is compared with, a baseline like "so với năm 2021".
RATIO_BASE = re.compile(
    rf"\b(?:bằng|gấp)\s*(?:trên|hơn|gần|khoảng|xấp xỉ|tới|đến)?\s*{NUMBER}\s*(?:%|lần)[^,;.\d]{{0,60}}$", re.I
)


# "cao hơn năm 2021 không nhiều", "cao hơn tỷ lệ đánh giá hài lòng chung của tỉnh năm 2018 là 4,11%": the year
# a comparative compares with, without "so với".
COMPARED_YEAR = re.compile(r"\b(?:cao|thấp|nhiều|ít) hơn\s*(?:[^,;.\d()]{0,60}?\s)?(?:năm|quý|tháng)?\s*$", re.I)


def is_baseline(text: str, p: int) -> bool:
    """Whether the year at ``p`` names a baseline: after "so với", "so", "cùng kỳ" ("so với năm 2021"), after a
    comparative ("cao hơn năm 2021"), or the base of a ratio ("bằng 205,6% số hồ sơ của quý I năm 2022")."""
    return bool(
        BASELINE_YEAR.search(text[max(0, p - 30) : p])
        or COMPARED_YEAR.search(text[max(0, p - 80) : p])
        or RATIO_BASE.search(text[max(0, p - 100) : p])
    )


# "Tại Trung tâm (từ 01/01/2020 đến 24/12/2020): Tiếp nhận mới 64.610 hồ sơ": a period given by full dates of
# one year is the period of its sentence and of the paragraph's later sentences.
DATE_PERIOD = re.compile(
    r"\btừ\s*(?:ngày\s*)?\d{1,2}\s*/\s*\d{1,2}\s*/\s*(19[89]\d|20[0-4]\d)\s*(?:đến|tới|-|–)\s*(?:ngày\s*)?"
    r"\d{1,2}\s*/\s*\d{1,2}\s*/\s*(19[89]\d|20[0-4]\d)",
    re.I,
)


def date_periods(text: str) -> list[tuple[int, int]]:
    """(position, year) of each period given by two full dates of the same year ("từ 01/01/2020 đến
    24/12/2020")."""
    return [(m.start(), int(m.group(1))) for m in DATE_PERIOD.finditer(text) if m.group(1) == m.group(2)]


# A year right after the value: "75% năm 2022", "80,77 điểm năm 2018", "41,71 (2021)", "63,12 của năm 2019".
# A rank's span may start at its word ("hạng 6 (2015)"); a bracket may list years the value held in each
# ("hạng 8 (2016, 2017)": rank 8 in both years, ``years_listed_after``).
RANK_WORDS = r"(?:(?:xếp\s*|đứng\s*)?(?:thứ\s*hạng|hạng|vị trí|thứ)\s*(?:thứ\s*)?)?"
YEAR = r"(19[89]\d|20[0-4]\d)"
TIGHT_YEAR = re.compile(
    rf"{RANK_WORDS}(?:{NUMBER_CORE})?[^\s,;()]*\s*(?:điểm\s*)?"
    rf"(?:\(\s*(?:năm\s*)?{YEAR}(?:\s*(?:,|và)\s*(?:năm\s*)?(?:19[89]\d|20[0-4]\d))*\s*\)"
    rf"|(?:vào\s*|trong\s*|của\s*)?năm\s+{YEAR})",
    re.I,
)


CHANGE_VERB_BEFORE = re.compile(r"(?:cao hơn|thấp hơn|nhiều hơn|ít hơn|tăng|giảm)\s*$", re.I)


def years_listed_after(text: str, pos: int) -> list[int]:
    """The years after the first of a bracket listing several right after the value at ``pos`` ("hạng 8 (2016,
    2017)" -> [2017]); [] otherwise."""
    tight = TIGHT_YEAR.match(text[pos : pos + 40])
    if not tight or not tight.group(1):
        return []
    bracket = tight.group(0)[tight.group(0).index("(") :]
    return [int(y) for y in re.findall(r"19[89]\d|20[0-4]\d", bracket)[1:]]


EVERY_YEAR = re.compile(r"hàng năm|hằng năm|các năm|mỗi năm|qua từng năm", re.I)
NOW = re.compile(r"đến nay|hiện nay|năm nay|từ đầu năm|tính đến", re.I)
ANNOUNCED = re.compile(r"công bố|công khai kết quả|kết quả (?:xác định|đánh giá) chỉ số", re.I)


# "từ 90,30% (2021) xuống", "từ mức 63,12 của năm 2019 lên": the year of the earlier value X of "từ X lên Y".
FROM_YEAR_BEFORE = re.compile(
    rf"\btừ\s*(?:vị trí|hạng|thứ hạng|mức)?\s*(?:thứ)?\s*{NUMBER}\s*(?:%|điểm)?\s*(?:,\s*nhóm[^,;()\d]{{0,20}})?"
    r"\s*(?:\(\s*|(?:của|vào|trong)\s+)?"
    r"(?:năm\s*)?$",
    re.I,
)
# "từ vị trí thứ 24 năm 2019 tụt xuống vị trí thứ 47": a verb may stand before "lên"/"xuống".
# "xếp hạng 33 từ vị trí 51 năm 2012." (the later value told first): the clause ends after the earlier's year.
FROM_YEAR_AFTER = re.compile(
    r"\d{4}\s*\)?\s*(?:(?:(?:đã|bị|tụt|thụt|sụt|rơi|giảm|tăng|vươn|nhảy|leo|bật)\s*)*(?:lên|xuống)\b|(?=[.;](?!\d)|$))",
    re.I,
)
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


# "đánh giá năm 2021 vừa được công bố vào ngày 10/05/2022": the date a result was announced or issued.
ANNOUNCED_ON = re.compile(r"(?:công bố|ban hành|công khai|phát hành)\s*(?:vào\s*)?(?:ngày\s*)?$", re.I)


def _announcement_date(text: str, p: int, years: list[tuple[int, int]]) -> bool:
    """The year at ``p`` is that of a full date right after "công bố (vào) ngày" while the sentence names
    another year (not a date's) before it: the year of the results is the named one, and the date only
    says when they were announced ("kết quả đánh giá năm 2021 vừa được công bố vào ngày 10/05/2022, tỉnh
    X đã vươn lên vị thứ 12/63": 12 is of 2021)."""
    if not re.match(r"\d{1,2}\s*[/-]", text[p : p + 3]) or not ANNOUNCED_ON.search(text[max(0, p - 30) : p]):
        return False
    return any(q < p and not re.match(r"\d{1,2}\s*[/-]", text[q : q + 3]) for q, _ in years)


# "Quyết định 766/QĐ-TTg ngày 27/6/2022", "Nghị định số 61/2018/NĐ-CP ngày 23/4/2018 của Chính phủ": the date a
# cited legal document was issued says nothing of the period of the values beside it.
DOCUMENT_DATE_BEFORE = re.compile(
    r"\b(?:Quyết định|Nghị định|Thông tư|Chỉ thị|Nghị quyết|Kế hoạch|Công văn|Văn bản|Luật)\s*(?:số\s*)?"
    r"\d+\s*/[\w/.\-À-ỹ]*\s*(?:của\s+[^,;.()\d]{0,50}?\s*)?(?:ban hành\s*)?(?:ngày\s*)?$",
    re.I,
)


# "tính từ ngày 01/6/2022 đến nay đạt 2.278.941 kết nối", "từ năm 2019 đến nay": the start of a period that
# runs to the page's date; the values are totals as of now (rule 3), not of the start year.
SINCE_BEFORE = re.compile(r"\btừ\s*(?:ngày\s*|năm\s*|tháng\s*)?$", re.I)
SINCE_AFTER = re.compile(
    r"(?:\d{1,2}\s*[/-]\s*)?(?:\d{1,2}\s*[/-]\s*)?\d{4}\s*\)?\s*,?\s*(?:đến|tới|cho đến|cho tới)"
    r"\s*(?:nay|hiện nay|thời điểm này)",
    re.I,
)


# "Từ ngày 5-12-2020 đến 15- 11-2021, bộ phận một cửa đã tiếp nhận 7.604 hồ sơ": a period over two years is
# the year it ends in (a report to that date), not the year it starts in.
PERIOD_END_AFTER = re.compile(
    r"\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}\s*(?:đến|tới|-|–)\s*(?:ngày\s*)?\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}"
)


def _since_year(text: str, p: int) -> bool:
    """The year at ``p`` starts a period that runs to now ("từ ngày 01/6/2022 đến nay") or to a later date
    ("từ ngày 5-12-2020 đến 15-11-2021")."""
    if not SINCE_BEFORE.search(text[max(0, p - 15) : p]):
        return False
    return bool(SINCE_AFTER.match(text, p) or PERIOD_END_AFTER.match(text, p))


def _document_date(text: str, p: int) -> bool:
    """The year at ``p`` is that of the issue date of a cited legal document ("Quyết định 766/QĐ-TTg ngày
    27/6/2022"): a full date right after the document's number."""
    return bool(re.match(r"\d{1,2}\s*[/-]", text[p : p + 3]) and DOCUMENT_DATE_BEFORE.search(text[max(0, p - 90) : p]))


def _carried_years(text: str) -> list[tuple[int, int]]:
    """Years of a sentence that later sentences of its paragraph may take: not a baseline ("so với
    năm 2018", or the earlier value's year in "từ 90,30% (2021) xuống 82,18%"), and not inside a
    parenthesis that states its own value ("(năm 2016 xếp thứ 36/63)")."""
    groups = None
    out = []
    spans = [(m.start(), m.end()) for m in DATE_PERIOD.finditer(text) if m.group(1) == m.group(2)]
    mentions = year_mentions(text)
    for p, y in mentions:
        if any(a <= p < b for a, b in spans):
            out.append((p, y))  # "(từ 01/01/2020 đến 24/12/2020)": the period of what follows
            continue
        if is_baseline(text, p):
            continue
        if _from_value_year(text, p):
            continue  # "từ 90,30% (2021) xuống 82,18%": the earlier value's year, a baseline
        if _origin_year(text, p):
            continue  # "868 hồ sơ năm 2018 chuyển sang": where dossiers came from, not the period
        if _announcement_date(text, p, mentions):
            continue  # "đánh giá năm 2021 vừa được công bố vào ngày 10/05/2022": when, not what year
        if _document_date(text, p):
            continue  # "Quyết định 766/QĐ-TTg ngày 27/6/2022": when a cited document was issued
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
    r"\s*(?:%|điểm)?\s*(?:\([^()\d]{0,20}\)\s*|\(\s*(?:năm\s*)?\d{4}\s*\)\s*)?"
    r"(?:(?:đã|bị|tụt|thụt|sụt|rơi|giảm|tăng|vươn|nhảy|leo|bật)\s+)*(?:lên|xuống)\b",  # "từ 6,35 điểm giảm xuống"
    re.I,
)


def _from_to(records: list[dict], st: _Sentence) -> None:
    """ "từ X lên/xuống Y" ("từ 40,14 lên 40,87", "từ vị trí thứ 8 lên thứ 3", "từ vị trí 53 lên 46"):
    X is the earlier value. When X and Y got the same year from the text around them (not a year
    written right after X), X takes the sentence's one baseline year ("so với năm 2018") or, without
    one, no year (the earlier year is not stated). When that shared year is the paragraph's and the
    document title names a later year ("... top 10 năm 2021. Bắc Giang và Long An tăng lần lượt từ thứ 31
    lên 2 và 16 lên 10" under a title of 2022), X keeps the paragraph's year and Y takes the title's.
    After a rank X, a bare number Y is a rank too. Pairs read together by ``_rank_pairs`` ("... và 16 lên
    10") follow the same rules."""
    recs = sorted((r for r in records if not r["indicator"].endswith("change")), key=lambda r: r["span_start"])
    base = {y for p, y in st.years if p in st.baselines}
    pairs = []
    for first, second in zip(recs, recs[1:]):
        a, end = first["span_start"] - st.s.start, first["span_end"] - st.s.start
        b = second["span_start"] - st.s.start
        if not FROM_BEFORE.search(st.text[max(0, a - 25) : a]) or not TO_BETWEEN.match(st.text[end : b + 12]):
            continue
        if re.search(r"\d", re.sub(r"\([^()]*\)", "", st.text[end:b])):
            continue
        pairs.append((first, second))
    seen = {(id(x), id(y)) for x, y in pairs}
    pairs += [(x, y) for x, y in st.pairs if (id(x), id(y)) not in seen]
    for first, second in pairs:
        rank_of = first["denominator"] if first["denominator"] else 63
        if first["unit"] == "rank" and second["unit"] == "count" and second["indicator"] == "other":
            if not 1 <= second["value"] <= rank_of:
                continue
            second.update(indicator=first["indicator"], unit="rank", subject=first["subject"])
        if first["unit"] != second["unit"] or first["year"] is None or first["year"] != second["year"]:
            continue
        if first["year_basis"].startswith("clause (the year right after"):
            continue
        title = st.doc.title_year
        if first["year_basis"] == "paragraph" and not base and title is not None and title > first["year"]:
            second["year"], second["year_basis"] = title, "document title (the later value of 'từ X lên Y')"
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


# "của UBND các huyện, thị xã, thành phố năm 2022": a comma before a kind of unit joins the items of a list of unit
# kinds; it ends no clause, so the year after the list is the clause's own.
UNIT_KINDS = r"(?:thị xã|thị trấn|thành phố|huyện|quận|xã|phường|sở|ban|ngành|tỉnh|cơ quan|đơn vị|địa phương)"
LIST_ITEM = re.compile(rf",\s*(?:và\s*)?{UNIT_KINDS}(?![\wÀ-ỹ])", re.I)
LIST_ITEM_BEFORE = re.compile(rf"(?<![\wÀ-ỹ]){UNIT_KINDS}\s*$", re.I)


def _over_lists(st: _Sentence, b: int, g: int) -> int:
    """The end of a clause ending at ``b``, carried over the commas of a list of unit kinds (``LIST_ITEM``)."""
    while (
        b < len(st.text)
        and st.text[b] == ","
        and LIST_ITEM.match(st.text, b)
        and LIST_ITEM_BEFORE.search(st.text[max(0, b - 12) : b])
    ):
        b += 1
        while b < len(st.text) and st.group[b] == g and not _is_boundary(st.text, b):
            b += 1
    return b


def year_for(st: _Sentence, pos: int, index: bool = False) -> tuple[int | None, str]:
    """(year, basis) of the value at ``pos`` of a sentence, by the rules of the module docstring (the first
    that gives one wins)."""
    a, b = st._clause(pos)
    g = st.group[pos] if pos < len(st.group) else 0
    usable = [(p, y) for p, y in st.years if p not in st.baselines and p not in st.not_period]
    if EVERY_YEAR.search(st.text[a:b]):
        return None, "every year (not one year)"
    right = st.text[pos : pos + 40]
    tight = TIGHT_YEAR.match(right)
    if tight:
        return int(tight.group(1) or tight.group(2)), "clause (the year right after the value)"
    for p, y in st.years:  # "từ vị trí thứ 24 năm 2019 tụt xuống": the earlier rank's own year
        if pos < p <= pos + 40 and _from_value_year(st.text, p) and len(NUMBER_RE.findall(st.text[pos:p])) == 1:
            return y, "clause (the year right after the value)"
    if g:
        before = r"\s*(?:năm\s*)?(19[89]\d|20[0-4]\d)\s*\(\s*(?:khoảng|gần|trên|hơn|đạt|là)?\s*$"
        m = re.search(SO_VOI + before, st.text[:pos], re.I)
        # "So với năm 2019 (điểm ... đạt 42,16 điểm, xếp thứ 49/63)": anywhere in the bracket that names the year
        opened = st.text.rfind("(", 0, pos)
        inside = st.text[opened + 1 : pos]
        if (
            not m
            and opened > st.text.rfind(")", 0, pos)
            and re.search(r"\b(?:đạt|xếp|là)\b", inside)
            and not re.search(r"tăng|giảm|cao hơn|thấp hơn|so với|\d{4}", inside, re.I)
        ):
            m = re.search(SO_VOI + r"\s*(?:năm\s*)?(19[89]\d|20[0-4]\d)\s*\(\s*$", st.text[: opened + 1], re.I)
        if m:
            return int(m.group(1)), "baseline named before the parenthesis ('so với năm Y (X)')"
    m = re.search(SO_VOI + r"\s*(?:năm\s*)?(19[89]\d|20[0-4]\d)\s*(?:là|:)\s*$", st.text[:pos], re.I)
    # "cao hơn so với năm 2014 là 8,31%": after a comparative the value is the difference, not the baseline's
    if m and not CHANGE_VERB_BEFORE.search(st.text[: m.start()]):
        return int(m.group(1)), "baseline value ('so với năm Y là X')"
    own_left = [y for p, y in usable if a <= p < pos]
    if own_left:
        return own_left[-1], "clause"
    # "rơi xuống vị trí thứ 9 so với vị trí thứ 5 năm 2023": a year after "so với" belongs to the baseline.
    b = _over_lists(st, b, g)  # "... các huyện, thị xã, thành phố năm 2022": list commas end no clause
    own_right = [y for p, y in usable if pos < p < b and st.group[p] == g and not SO_VOI_RE.search(st.text, pos, p)]
    if own_right:
        return own_right[0], "clause (after the value)"
    visible = {0, g}
    left = [y for p, y in usable if p < pos and st.group[p] in visible]
    if left:
        return left[-1], "sentence"
    dated = [y for p, y in st.date_periods if p < pos]
    if dated:
        return dated[-1], "period given by dates ('từ 01/01/2020 đến 24/12/2020')"
    if any(p > pos and st.group[p] in visible and not SO_VOI_RE.search(st.text, pos, p) for p, _ in usable):
        return None, "unclear (year only after the value)"
    if NOW.search(st.text[:pos]) and st.doc.publication_year:
        return st.doc.publication_year, "publication date ('đến nay', 'năm nay')"
    earlier = [y for p, y in st.para_years if p < st.s.start]
    if earlier:
        return earlier[-1], "paragraph"
    referred = st.referred(pos)
    if referred and referred[1]:
        return referred[1], "the index 'chỉ số này' refers to, named with its year just before"
    if st.doc.title_year:
        return st.doc.title_year, "document title"
    if st.doc.dateline_year:
        return st.doc.dateline_year, "publication date (the dateline above a title without a year)"
    implied = _year_after_baseline(st, index)
    if implied:
        return implied, "the year after the sentence's baseline ('so với năm B'), as the page date allows"
    return None, "not stated"


def _year_after_baseline(st: _Sentence, index: bool) -> int | None:
    """Rule 6 of the module docstring: B+1 for a sentence whose only year is one baseline B,
    when the page date P allows it (B+1 = P-1 for an index, B+1 in {P-1, P} otherwise)."""
    pub = st.doc.publication_year
    if pub is None or not st.years or any(p not in st.baselines for p, _ in st.years):
        return None
    base = {y for _, y in st.years}
    if len(base) != 1:
        return None
    year = base.pop() + 1
    return year if year == pub - 1 or (year == pub and not index) else None
