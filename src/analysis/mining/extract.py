"""Rule-based extraction of numeric statements about reform outcomes from Vietnamese prose.

Each record says what was measured (``indicator`` from ``vocabulary``), for whom (``locality``,
``level``, ``province_code``), when (``year``, with ``year_basis`` saying where it came from, empty
when the text does not say), the value with its unit and denominator, whether it is an achievement
or a target, and the exact sentence it came from (``quote``, ``span_start``/``span_end``)."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from ..provinces import try_resolve
from . import vocabulary as voc
from .context import Place, periods, places, publication_year, sentences, year_mentions
from .numbers import NUMBER, NUMBER_CORE, is_year, mask_non_values, money, parse_number

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
    "quote",
    "span_start",
    "span_end",
    "confidence",
    "pair",
]

N = f"({NUMBER})"
D = f"({NUMBER_CORE})"  # a denominator, right after "/"
RANK_FRAC = re.compile(rf"(?:xếp|đứng)\s*(?:hạng\s*|vị trí\s*|ở vị trí\s*)?(?:thứ\s*)?{N}\s*/\s*{D}", re.I)
RANK_WORD = re.compile(
    r"(?:xếp|đứng)\s*(?:hạng\s*|vị trí\s*|ở vị trí\s*)?thứ\s*(nhất|hai|ba|tư|năm|\d+)(?![\d/])"
    r"|xếp hạng\s*(\d+)(?![\d/])|(?<!nhóm )(?<!người )(?:đứng đầu|dẫn đầu)",
    re.I,
)
RANK_CHANGE = re.compile(rf"(tăng|giảm|tụt)\s*{N}\s*(?:bậc|hạng)", re.I)
FRACTION = re.compile(rf"{N}\s*/\s*{D}(\s*điểm)?(?:[,\s]*bằng\s*{N}\s*%)?", re.I)
PERCENT = re.compile(rf"{N}\s*%")
BARE = re.compile(N)
ORDINALS = {"nhất": 1, "hai": 2, "ba": 3, "tư": 4, "năm": 5}
SUBJECT_RULES = voc.RATE_RE + [
    ("e_government", re.compile(r"chính quyền điện tử", re.I)),
    ("organisation_reform", re.compile(r"tổ chức bộ máy", re.I)),
    ("staff_quality", re.compile(r"đội ngũ cán bộ", re.I)),
]
CHANGE_BEFORE = re.compile(r"(?:tăng|giảm|cao hơn|thấp hơn|tăng thêm|giảm đi)\s*(?:khoảng|gần|hơn)?\s*$", re.I)
COMPARISON_YEAR = re.compile(r"(?:so với|cùng kỳ)(?:\s+năm)?\s*$", re.I)
EVERY_YEAR = re.compile(r"hàng năm|hằng năm|các năm|mỗi năm", re.I)
NOW = re.compile(r"đến nay|hiện nay|năm nay|từ đầu năm|tính đến", re.I)
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


class _Doc:
    """What a document says about itself: its main place, its province, its year context."""

    def __init__(self, text: str):
        self.text = text
        lines = [line for line in text.split("\n") if line.strip()]
        head = "\n".join(lines[:8])
        self.places = places(text)
        lead = [p for p in places("\n".join(lines[:5])) if p.level != "department"]
        self.publication_year = publication_year(text)
        # The period a report is about, when its title says so ("quý III/2023", "3 tháng đầu năm
        # 2022", "năm 2021"); a lead paragraph's years are not used: they are as often baselines.
        title_years = {y for _, y in year_mentions(lines[0])} if lines else set()
        self.title_year = title_years.pop() if len(title_years) == 1 and not periods(lines[0]) else None
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


class _Sentence:
    def __init__(self, s, doc: _Doc, para_years: list[tuple[int, int]], para_periods):
        self.s, self.doc = s, doc
        self.text = s.text
        self.masked = mask_non_values(s.text)
        self.years = year_mentions(s.text)
        self.para_years = para_years  # (absolute position, year) in the same paragraph
        self.para_periods = para_periods
        self.para_text = ""  # the paragraph's text before this sentence
        self.places = places(s.text)
        self.claimed: list[tuple[int, int]] = []
        self.records: list[dict] = []

    def free(self, a: int, b: int) -> bool:
        return all(b <= x or a >= y for x, y in self.claimed)

    def claim(self, a: int, b: int) -> None:
        self.claimed.append((a, b))

    # -- context -------------------------------------------------------------------------------
    def year_for(self, pos: int) -> tuple[int | None, str]:
        left_years = [y for p, y in self.years if p < pos]
        clause = self.text[_clause_start(self.text, pos) : pos]
        if EVERY_YEAR.search(clause):
            return None, "every year (not one year)"
        if left_years:
            return left_years[-1], "sentence"
        if any(p > pos for p, _ in self.years):
            return None, "unclear (year only after the value)"
        if NOW.search(self.text[:pos]) and self.doc.publication_year:
            return self.doc.publication_year, "publication date ('đến nay', 'năm nay')"
        earlier = [y for p, y in self.para_years if p < self.s.start]
        if earlier:
            return earlier[-1], "paragraph"
        if self.doc.title_year:
            return self.doc.title_year, "document title"
        return None, "not stated"

    def place_for(self, pos: int) -> tuple[str | None, str | None, str | None]:
        before = [p for p in self.places if p.position < pos]
        bare = [m for m in BARE_LEVEL.finditer(self.text, 0, pos)]
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
    ):
        year, basis = self.year_for(a)
        locality, level, code = self.place_for(a)
        confidence = (
            0.9 - (0.2 if basis not in ("sentence",) else 0) - (0.3 if year is None else 0) - (0.1 if far else 0)
        )
        self.records.append(
            {
                "locality": locality,
                "level": level,
                "province_code": code,
                "year": year,
                "year_basis": basis,
                "indicator": indicator,
                "subject": subject,
                "value": value,
                "unit": unit,
                "denominator": denominator,
                "kind": self.kind_for(a),
                "qualifier": _qualifier(self.text[:a]),
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
        if right.strip()[:1] not in (",", ";", ".", ")", "") and not right.startswith(" so với"):
            hit = voc.first(voc.RATE_RE, right)
            if hit:
                return hit, False
            # A listed noun ("90% văn bản, tài liệu ... được trao đổi dưới dạng điện tử"): its
            # passive predicate, up to the next comma, may name the rate.
            clause = _right(self.text, b, ";.")
            pred = re.search(r"\bđược\b[^,;.]*", clause[: (re.search(r"\d", clause) or re.search("$", clause)).start()])
            hit = voc.first(voc.RATE_RE, pred.group(0)) if pred else None
            if hit:
                return hit, False
            # "100% <noun>": the noun is what is counted; only the same clause may name the rate
            # ("giải quyết đúng hạn 100% thủ tục"), never an earlier clause.
            near = voc.nearest(voc.RATE_RE, self.text[_clause_start(self.text, a, ",;:") : a])
            return (near[0], False) if near else (None, False)
        hit = voc.nearest(voc.RATE_RE, self.text[:a])
        if hit:
            return hit[0], a - hit[1] > 120
        hit = voc.nearest(voc.RATE_RE, self.para_text)  # named in an earlier sentence of the paragraph
        if hit:
            return hit[0], True
        return None, False

    def subject(self, a: int, b: int | None = None) -> str | None:
        right = self.text[b : b + 80] if b is not None else ""
        if re.match(r"\s*(?:về|trong|của)\b", right):
            hit = voc.first(SUBJECT_RULES, _right(right, 0, ",;."))
            if hit:
                return hit
        hit = voc.nearest(SUBJECT_RULES, self.text[:a])
        return hit[0] if hit else None


def _extract_sentence(st: _Sentence) -> None:
    text, masked = st.text, st.masked
    # Ranks with a denominator: "xếp thứ 22/63", "xếp hạng 5/19".
    fractions = []
    for m in RANK_FRAC.finditer(masked):
        rank, of = parse_number(m.group(1)), parse_number(m.group(2))
        st.claim(m.start(), m.end())
        fractions.append((m.start(), of))
        st.add(m.start(1), m.end(), "rank", rank, "rank", of, subject=st.subject(m.start(), m.end()))
    for m in RANK_WORD.finditer(masked):
        if not st.free(m.start(), m.end()):
            continue
        word = m.group(1) or m.group(2) or "nhất"  # "đứng đầu", "dẫn đầu": first
        rank = ORDINALS.get(word.lower()) if not word.isdigit() else float(word)
        if rank is None:
            continue
        st.claim(m.start(), m.end())
        # "từ xếp thứ 22/63 ... lên xếp thứ 19": the ranking is the one just named.
        of = next((d for p, d in reversed(fractions) if p < m.start()), None)
        st.add(m.start(), m.end(), "rank", float(rank), "rank", of, subject=st.subject(m.start(), m.end()))
    for m in RANK_CHANGE.finditer(masked):
        sign = 1 if m.group(1).lower() == "tăng" else -1
        st.claim(m.start(), m.end())
        st.add(
            m.start(), m.end(), "rank_change", sign * parse_number(m.group(2)), "ranks", subject=st.subject(m.start())
        )
    # Fractions, optionally "bằng Z%": "13,96/19 điểm bằng 73,47%", "03/80 bằng 3,75%", "285/285 TTHC".
    for m in FRACTION.finditer(masked):
        if not st.free(m.start(), m.end()):
            continue
        num, den = parse_number(m.group(1)), parse_number(m.group(2))
        points = bool(m.group(3))
        after = masked[m.end() : m.end() + 40]
        pair = f"{st.s.start + m.start()}" if m.group(4) else None
        if points or m.group(4):
            indicator, far = st.rate_indicator(m.start(), m.end())
        else:
            indicator, far = _count_indicator(st, m.start(), m.end(), after)
        if indicator is None:
            continue
        st.claim(m.start(), m.end())
        unit = "points" if points else "count"
        st.add(m.start(1), m.end(2), indicator, num, unit, den, pair=pair, far=far)
        if m.group(4):
            st.add(m.start(4), m.end(), indicator, parse_number(m.group(4)), "%", pair=pair, far=far)
    for m in PERCENT.finditer(masked):
        if not st.free(m.start(), m.end()):
            continue
        if CHANGE_BEFORE.search(text[max(0, m.start() - 25) : m.start()]):
            continue  # "cao hơn 3,4% so với năm trước" is a change, not a level
        indicator, far = st.rate_indicator(m.start(), m.end())
        if indicator is None:
            continue
        st.claim(m.start(), m.end())
        st.add(m.start(), m.end(), indicator, parse_number(m.group(1)), "%", far=far)
    for m in BARE.finditer(masked):
        if not st.free(m.start(), m.end()):
            continue
        raw = m.group(1)
        value = parse_number(raw)
        after = masked[m.end() : m.end() + 40]
        cash = money(value, after)
        if cash:
            if voc.COST_RE.search(text[: m.start()][-150:]):
                st.claim(m.start(), m.end() + len(cash[1]))
                st.add(m.start(), m.end() + len(cash[1]), "cost_saving", cash[0], "VND")
            continue
        if is_year(value, raw):
            continue
        unit_word = re.match(r"\s*điểm", after)
        if unit_word and CHANGE_BEFORE.search(text[max(0, m.start() - 25) : m.start()]):
            continue  # "tăng 3,16 điểm" is a change, not a score
        if unit_word:
            indicator, far = st.rate_indicator(m.start(), m.end() + unit_word.end())
            if indicator:
                st.claim(m.start(), m.end())
                st.add(m.start(), m.end(), indicator, value, "points", far=far)
            continue
        indicator, far = _count_indicator(st, m.start(), m.end(), after)
        if indicator:
            st.claim(m.start(), m.end())
            st.add(m.start(), m.end(), indicator, value, "count", far=far)


def _count_indicator(st: _Sentence, a: int, b: int, after: str) -> tuple[str | None, bool]:
    """Indicator of a count from the noun after it ("hồ sơ", "TTHC", "thủ tục") and its descriptor."""
    noun = re.match(r"\s*(?:lượt\s+)?(hồ sơ|TTHC|thủ tục hành chính|thủ tục|dịch vụ công trực tuyến)", after)
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
        return hit, False
    if noun.group(1) == "dịch vụ công trực tuyến":
        full = re.match(r"\s*toàn trình", right[noun.end() :])
        return ("procedures_online_full" if full else "procedures_online"), False
    hit = voc.first(voc.PROCEDURE_RE + [("procedures_postal", re.compile("bưu chính", re.I))], right)
    if not hit:
        near = voc.nearest(voc.PROCEDURE_RE, near_left)
        hit = near[0] if near else None
    return hit or "procedures_count", False


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


def extract_text(text: str, source: str = "") -> pd.DataFrame:
    """All records in one document's text (UTF-8 str). ``source`` names it in the output."""
    doc = _Doc(text)
    out = []
    sents = sentences(text)
    by_para: dict[int, list] = {}
    for s in sents:
        by_para.setdefault(s.paragraph, []).append(s)
    prev_periods: list = []
    last_in_paragraph: dict[int, dict] = {}
    for s in sents:
        # Years a paragraph is about; "so với năm 2021" names a baseline, not the paragraph's year.
        para_years = [
            (q.start + p, y)
            for q in by_para[s.paragraph]
            for p, y in year_mentions(q.text)
            if not COMPARISON_YEAR.search(q.text[max(0, p - 20) : p])
        ]
        para_periods = [pp for q in by_para[s.paragraph] for pp in periods(q.text)] or prev_periods
        st = _Sentence(s, doc, para_years, para_periods)
        st.para_text = " ".join(q.text for q in by_para[s.paragraph] if q.start < s.start)
        _extract_sentence(st)
        _rank_years_from_to(st.records, st)
        # "Trong đó, ..." continues the previous sentence of the paragraph: same year.
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
    df = pd.DataFrame(out, columns=[c for c in RECORD_COLUMNS if c != "source"])
    df.insert(0, "source", source)
    df["year"] = df["year"].astype("Int64")
    return df.sort_values("span_start").reset_index(drop=True)


def extract_paths(paths) -> pd.DataFrame:
    """Records from text files or folders of ``.txt`` files (``source`` = file name)."""
    files = []
    for p in map(Path, paths):
        files.extend(sorted(p.glob("*.txt")) if p.is_dir() else [p])
    if not files:
        raise FileNotFoundError(f"no .txt files in {list(map(str, paths))}")
    frames = [extract_text(f.read_text(encoding="utf-8"), f.name) for f in files]
    return pd.concat(frames, ignore_index=True)
