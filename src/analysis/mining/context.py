"""Sentences, paragraphs, years and places in a report's text."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4}


@dataclass
class Sentence:
    text: str
    start: int  # character offset in the document
    paragraph: int


def sentences(text: str) -> list[Sentence]:
    """Split a document into sentences with their character spans. Paragraphs are lines; a
    sentence ends at ". ", "! " or "? " before an upper-case letter or a digit (not inside a number)."""
    out = []
    pos = 0
    for p_no, line in enumerate(text.split("\n")):
        start = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        bounds = [0]
        for m in re.finditer(r"(?<=[^\d\s][.!?])\s+(?=[\"“(]?[A-ZĐÀ-Ỹ0-9])|(?<=\d[.!?])\s+(?=[A-ZĐÀ-Ỹ])", line):
            bounds.append(m.end())
        bounds.append(len(line))
        for a, b in zip(bounds, bounds[1:]):
            seg = line[a:b]
            stripped = seg.strip()
            if stripped:
                lead = len(seg) - len(seg.lstrip())
                out.append(Sentence(stripped, start + a + lead, p_no))
    return out


YEAR = r"(?:19[89]\d|20[0-4]\d)"
PERIOD_RE = re.compile(
    rf"(?:giai đoạn|nhiệm kỳ|từ năm|trong các năm)?\s*({YEAR})\s*(?:[-–]|đến(?: năm)?)\s*({YEAR})", re.I
)
YEAR_RE = re.compile(rf"(?<![\d/.,:-])({YEAR})(?![\d%])")
DATE_YEAR_RE = re.compile(
    rf"\b\d{{1,2}} ?[/-] ?\d{{1,2}} ?[/-] ?({YEAR})\b|\b\d{{1,2}}/({YEAR})\b|\b({YEAR})-\d{{2}}-\d{{2}}"
    rf"|\b[Qq]uý\s+[IV]+\s*/\s*({YEAR})\b"  # quý III/2023
)
PUBLISHED_RE = re.compile(
    "|".join(
        [
            rf"[Nn]gày \d{{1,2}} tháng \d{{1,2}} năm ({YEAR})",  # Thứ Sáu, ngày 14 tháng 6 năm 2019
            rf"[Nn]gày \d{{1,2}}[-/]\d{{1,2}}[-/]({YEAR})",  # Ngày 15-3-2023
            rf"\b\d{{1,2}}/\d{{1,2}}/({YEAR}),? \d{{1,2}}:\d{{2}}",  # 26/06/2020, 08:17
            rf"^({YEAR})-\d{{2}}-\d{{2}}",  # 2022-03-17 13:51
        ]
    ),
    re.M,
)


def year_mentions(text: str) -> list[tuple[int, int]]:
    """(position, year) for each year written in ``text``: "năm 2019", "2019", dates "07/01/2022",
    quarters "quý I năm 2022"; the ends of a range "2016 - 2018" are not single years."""
    spans_in_ranges = set()
    for m in PERIOD_RE.finditer(text):
        spans_in_ranges.update(range(m.start(1), m.end(2)))
    out = []
    for m in YEAR_RE.finditer(text):
        if m.start(1) in spans_in_ranges:
            continue
        out.append((m.start(1), int(m.group(1))))
    for m in DATE_YEAR_RE.finditer(text):
        y = next(g for g in m.groups() if g)
        out.append((m.start(), int(y)))
    return sorted(set(out))


def periods(text: str) -> list[tuple[int, int, int]]:
    """(position, first year, last year) for ranges such as "giai đoạn 2016 - 2018"."""
    return [(m.start(), int(m.group(1)), int(m.group(2))) for m in PERIOD_RE.finditer(text)]


def publication_year(text: str) -> int | None:
    """The year a document was published, from a date line near its top, if any."""
    m = PUBLISHED_RE.search(text[:600])
    if not m:
        return None
    return int(next(g for g in m.groups() if g))


# Places: an administrative word followed by a capitalised name ("thành phố Bắc Kạn", "TP Cẩm Phả",
# "phường Bách Quang", "huyện Lâm Bình", "Sở Tư pháp").
UPPER = "A-ZĐÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
NAME = rf"[{UPPER}][\wÀ-ỹ]*(?:\s+[{UPPER}][\wÀ-ỹ]*){{0,3}}"
PLACE_RE = re.compile(
    rf"\b(tỉnh|Tỉnh|thành phố|Thành phố|TP\.?|huyện|Huyện|thị xã|Thị xã|quận|Quận|phường|Phường|xã|Xã|thị trấn|Thị trấn|Sở)\s+({NAME})"  # noqa: E501
)
LEVEL_OF = {
    "tỉnh": "province",
    "thành phố": "district",
    "tp": "district",
    "tp.": "district",
    "huyện": "district",
    "thị xã": "district",
    "quận": "district",
    "phường": "commune",
    "xã": "commune",
    "thị trấn": "commune",
    "sở": "department",
    "ban": "department",
    "": "province",  # a province named without "tỉnh"/"thành phố" ("Gia Lai", "Hà Nội"): bare_provinces
}


@dataclass
class Place:
    position: int
    word: str
    name: str

    @property
    def level(self) -> str:
        return LEVEL_OF[self.word.lower()]

    @property
    def text(self) -> str:
        return f"{self.word} {self.name}" if self.word else self.name


def places(text: str) -> list[Place]:
    """Places named in ``text`` with their administrative level. A "tỉnh X" counts only when X is
    a province ("UBND tỉnh Phạm Minh Huấn" names a person)."""
    from ..provinces import try_resolve

    found = [Place(m.start(), m.group(1), m.group(2)) for m in PLACE_RE.finditer(text)]
    # Departments keep their lower-case words: "Sở Tư pháp", "Sở Xây dựng".
    for p in found:
        if p.level == "department":
            m = re.match(r"\S+(?:\s+\S+)?", text[p.position + len(p.word) + 1 :])
            if m:
                p.name = m.group(0).rstrip(",.;:")
    return [p for p in found if p.level != "province" or try_resolve(p.name)]


# A run of capitalised words ("Còn Gia Lai", "TPHCM", "Bà Rịa - Vũng Tàu"): where bare province names are looked for.
CAPITALISED_RUN = re.compile(rf"(?<![\wÀ-ỹ])[{UPPER}][\wÀ-ỹ.]*(?:(?:[ \t]+|[ \t]*[-–][ \t]*)[{UPPER}][\wÀ-ỹ]*){{0,5}}")
WORD = re.compile(r"[^\s\-–]+")


@lru_cache(maxsize=1)
def _province_keys() -> tuple[frozenset, frozenset]:
    """(folded spellings of the provinces, their first words)."""
    from ..provinces import registry

    keys = frozenset(registry().keys)
    return keys, frozenset(k.split()[0] for k in keys if k)


@lru_cache(maxsize=4096)
def _province_key(name: str) -> str:
    from ..provinces import _key

    return _key(name)


def bare_provinces(text: str) -> list[Place]:
    """Provinces named without an administrative word ("Còn Gia Lai đứng thứ 19", "Hà Nội chỉ có"):
    the longest run of capitalised words that is a known spelling of a province (``provinces``)."""
    keys, firsts = _province_keys()
    out = []
    for run in CAPITALISED_RUN.finditer(text):
        words = [(run.start() + w.start(), run.start() + w.end()) for w in WORD.finditer(run.group(0))]
        i = 0
        while i < len(words):
            a = words[i][0]
            first = _province_key(text[a : words[i][1]].rstrip("."))
            if first.split(" ")[0] not in firsts and not first.startswith(("tp", "tinh", "thanh")):
                i += 1
                continue
            for n in range(min(4, len(words) - i), 0, -1):
                b = words[i + n - 1][1]
                name = text[a:b].rstrip(".")
                if _province_key(name) in keys and not (n == 1 and len(name) < 3):
                    out.append(Place(a, "", name))
                    i += n
                    break
            else:
                i += 1
    return out
