"""One sentence of prose with its context: clauses, parentheses, places, subject and indicator.

``_Sentence`` holds the sentence, its masked text (non-value spans blanked), its years, the years of
its paragraph and the paragraphs before it, and the records and discards found in it. ``add`` makes a
record (its year from ``years.year_for``, its place from ``place_for``); a value of the provincial
green index is discarded instead (``discard.GREEN_INDEX``).

Places: "tỉnh X", "huyện Y", "Sở Z" and provinces named bare ("Còn Gia Lai đứng thứ 19", "Hà Nội chỉ
có"; not the end of an agency's name, "Sở Tài nguyên - Môi trường Lâm Đồng"); the nearest before the
value wins, but when none is named before it in its own clause, a place right after it in that clause
("thứ 3 tỉnh Hải Dương") is its subject rather than one from an earlier clause. A sentence that
refers back to an index ("Ở chỉ số này", "chỉ số trên") and names none takes the index named in the
two paragraphs before it (a caption "Bảng xếp hạng Chỉ số SIPAS năm 2023"), and its year (rule 4b)."""

from __future__ import annotations

import re

from ..provinces import try_resolve
from . import vocabulary as voc
from .clauses import _clause_start, _groups, _is_boundary, _noun_phrase, _qualifier, _right
from .context import NAME, places, year_mentions
from .discard import GREEN_INDEX, NOT_REFORM_INDEX, REFORM_INDEX
from .document import _Doc, _with_bare_provinces
from .numbers import non_value_spans
from .years import (
    ANNOUNCED,
    _announcement_date,
    _document_date,
    _from_value_year,
    _origin_year,
    _since_year,
    date_periods,
    is_baseline,
    year_for,
    years_listed_after,
)

# "từ vị trí số 28 của năm ngoái lên vị trí thứ 24" in a sentence about PCI 2024: last year's value.
LAST_YEAR_AFTER = re.compile(r"\s*(?:điểm\s*|%\s*)?\(?\s*(?:của|vào|trong)?\s*năm (?:ngoái|trước)(?![\wÀ-ỹ])", re.I)

SUBJECT_RULES = voc.RATE_RE + [
    ("e_government", re.compile(r"chính quyền điện tử", re.I)),
    ("organisation_reform", re.compile(r"tổ chức bộ máy", re.I)),
    ("staff_quality", re.compile(r"đội ngũ cán bộ", re.I)),
]
INDEXES = {"par_index", "sipas", "papi", "pci", "papi_dimension"}
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
PAREN_NAME = re.compile(rf"\s*\(\s*({NAME})\s*\)")  # "(Sóc Trăng)", "(TP Hồ Chí Minh)"
RANK_SCOPE_BEFORE = re.compile(
    r"(?:\bthứ\s*\d+|\d+\s*/\s*\d+|\bthứ hạng|\bxếp hạng|\bdẫn đầu|\bđứng đầu|\btop(?: đầu)?)"
    r"(?:\s|,|tỉnh|thành|phố|trong|của|so|với|các|trên|phạm vi)*$",
    re.I,
)
NATIONAL = re.compile(r"cả nước|toàn quốc|trung bình (?:cả nước|chung)|các bộ|bộ,? ngành|Chính phủ", re.I)


# "Ở chỉ số này", "chỉ số trên", "bảng xếp hạng này": the index named just before (often in a caption).
ANAPHORA = re.compile(r"\b(?:chỉ số|bảng xếp hạng)\s+(?:này|trên|đó|nói trên)\b", re.I)
# Words between a value and a place after it that make the place a comparison, not the subject.
COMPARED = re.compile(r"\b(?:sau|trước|hơn|so với|kém|thua|bằng|cùng|vượt|và|với)\b", re.I)


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
        self.baselines = {p for p, _ in self.years if is_baseline(s.text, p)}
        # Years that are no value's period: where carried-over dossiers came from ("chuyển tiếp năm 2018"),
        # and the earlier value's year in "từ 63,12 của năm 2019 lên 63,85" (it stays with 63,12 only).
        # The date results were announced on ("đánh giá năm 2021 ... công bố vào ngày 10/05/2022") is no period either.
        self.not_period = {
            p
            for p, _ in self.years
            if _origin_year(s.text, p)
            or _from_value_year(s.text, p)
            or _announcement_date(s.text, p, self.years)
            or _document_date(s.text, p)
            or _since_year(s.text, p)
        }
        self.group = _groups(s.text)
        self.date_periods = date_periods(s.text)
        self.para_years = para_years  # (absolute position, year) in the same paragraph
        self.para_periods = para_periods
        self.para_text = ""  # the paragraph's text before this sentence
        self.places = _with_bare_provinces(s.text, places(s.text))
        self.prev_text = ""  # the paragraphs just before this one (what "chỉ số này" refers to)
        # The next paragraph, for the first paragraph of a page that starts mid-article and has no title: it
        # stands in for the title when the sentence's topic is sought.
        self.next_text = ""
        self.lead = ""  # the first paragraph, on a page without a title
        self.claimed: list[tuple[int, int]] = []
        self.pairs: list[tuple[dict, dict]] = []  # from-to pairs read together ("từ thứ 31 lên 2 và 16 lên 10")
        self.records: list[dict] = []
        self.discards: list[dict] = []

    def on_topic(self) -> bool:
        """Whether the sentence, its paragraph so far or the title names a reform term (without a title, the
        first paragraph stands in for it, and on a page that starts mid-article, the next paragraph)."""
        texts = (self.text, self.para_text, self.doc.title, self.lead, self.next_text)
        return any(REFORM_TERMS.search(t) for t in texts)

    def free(self, a: int, b: int) -> bool:
        """Whether the span a:b overlaps no span already used by a record or a discard."""
        return all(b <= x or a >= y for x, y in self.claimed)

    def claim(self, a: int, b: int) -> None:
        """Mark the span a:b as used."""
        self.claimed.append((a, b))

    def discard(self, a: int, b: int, reason: str) -> None:
        """Discard the candidate at a:b with a named reason (listed by ``--explain``)."""
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
        """(year, basis) of the value at ``pos``: the rules of ``years``."""
        return year_for(self, pos, index)

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
        years = {y for p, y in year_mentions(tail) if not is_baseline(tail, p)}
        return named[0], (years.pop() if len(years) == 1 else None)

    def place_for(self, pos: int, end: int | None = None) -> tuple[str | None, str | None, str | None]:
        """(locality, level, province code) of the value at ``pos`` (``end``: where it ends)."""
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

    def green_index(self, pos: int) -> bool:
        """Whether the index named last before ``pos`` in the sentence is the provincial green index
        ("Với Chỉ số xanh cấp tỉnh (PGI) năm 2024, Đồng Tháp đã vươn lên vị trí thứ 7"): see ``GREEN_INDEX``."""
        green = [m.end() for m in GREEN_INDEX.finditer(self.text, 0, pos)]
        if not green:
            return False
        reform = [m.end() for m in REFORM_INDEX.finditer(self.text, 0, pos)]
        return not reform or green[-1] > reform[-1]

    def one_named_unit(self, pos: int) -> bool:
        """Whether the clause of the value at ``pos`` is about one named unit: a place or agency named in it
        before the value (one only), and no count or group of units ("Sở Tài nguyên và Môi trường xếp loại khá với tỷ lệ
        điểm số đạt dưới 76,61%"; not "17 cơ quan ... trên 80%", "các tỉnh ...", "Bạc Liêu, Quảng Ninh và Trà
        Vinh tăng nhiều nhất (trên 8% điểm)")."""
        start = _clause_start(self.text, pos, ";.")
        clause = self.text[start:pos]
        if re.search(r"\d|\b(?:các|những|nhóm|toàn bộ|tất cả)\b", clause, re.I):
            return False
        return sum(start <= p.position < pos for p in self.places) == 1

    def kind_for(self, pos: int) -> str:
        """``target`` when the value's clause has a target cue, else ``achieved``."""
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
        """Record the value at a:b with its year, place, kind and qualifier (or discard a green-index value)."""
        if self.green_index(a):
            self.discard(a, b, NOT_REFORM_INDEX)
            return
        base = re.sub(r"(?:_rank)?(?:_change)?$", "", indicator)
        index = base in INDEXES or (base in ("rank", "") and subject in INDEXES)
        year, ybasis = self.year_for(a, index)
        if index and year is not None and self.doc.announces and ybasis.startswith("publication"):
            year, ybasis = year - 1, "announced in the publication year, refers to the year before"
        elif index and year is not None and ANNOUNCED.search(self.text):
            dated = [p for p, _ in self.years if re.match(r"\d{1,2}[/-]", self.text[p : p + 3])]
            if dated and any(y == year for p, y in self.years if p in dated):
                year, ybasis = year - 1, "announcement date; the index refers to the year before"
        if year is not None and LAST_YEAR_AFTER.match(self.text, b):  # "từ vị trí số 28 của năm ngoái"
            year, ybasis = year - 1, "the year before the sentence's ('năm ngoái', 'năm trước')"
        locality, level, code = self.place_for(a, b)
        confidence = (
            0.9
            - (0.2 if not ybasis.startswith("clause") and ybasis != "sentence" else 0)
            - (0.3 if year is None else 0)
            - (0.1 if far else 0)
            - (0.2 if indicator == "other" else 0)
        )
        self.claim(a, b)
        record = {
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
        self.records.append(record)
        if ybasis.startswith("clause (the year right after"):  # "hạng 8 (2016, 2017)": the value of each year
            for other in years_listed_after(self.text, a):
                basis = "clause (one of the years listed after the value)"
                self.records.append({**record, "year": other, "year_basis": basis})

    def rate_indicator(self, a: int, b: int) -> tuple[str | None, bool]:
        # The noun phrase right after a percentage names it ("100% hồ sơ được số hóa"); it ends at
        # the next comma, semicolon or number.
        """(indicator, far) of a rate or score: from the words after it, else the nearest before it."""
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
        """The index or reform subject the value at ``a`` is about, if named."""
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
