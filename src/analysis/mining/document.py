"""What a document says about itself: its title and the title's year, its province and main place,
its publication date (from a dated line or the stored page date " date 2020-05", which is blanked from
the text), whether it announces an index, and whether it writes decimals with a dot.

A dateline on the first line ("Thứ 3, Ngày 18/06/2024 -", "12:09, 27/09/2021") is not the title: the
title is the next line, and its year (an index year, "Chỉ số cải cách hành chính năm 2023") wins over the
dateline's. The dateline's year is kept apart (``dateline_year``) as the publication date."""

from __future__ import annotations

import re

from ..provinces import try_resolve
from .context import Place, bare_provinces, periods, places, publication_year, year_mentions
from .numbers import read_number, uses_dot_decimals
from .years import ANNOUNCED, is_baseline

# " date 2020-05 ..." at the start of a line near the top: the page's date as the store gives it
# (page metadata, not a year the text states).
PAGE_DATE = re.compile(r"^[ \t]*date[ \t]+(19[89]\d|20[0-4]\d)-[01]\d(?:-[0-3]\d)?(?=\s|$)", re.M)
# A dateline ("Thứ 3, Ngày 18/06/2024 -", "12:09, 27/09/2021", "10-6-2021, 10:53 GMT+7", "Ngày đăng:
# 25/04/2024 13:52 Lượt xem: 413"): a full date with only weekday, time and furniture words around it. It
# says when the page was published, so it is no title and its year is no title year.
FULL_DATE = re.compile(
    r"\b\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*(?:19|20)\d\d\b|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4}"
    r"|\b(?:19|20)\d\d-\d\d-\d\d\b",
    re.I,
)
DATELINE_WORDS = re.compile(
    r"\b(?:thứ\s*(?:[2-7]|hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|ngày|tháng|năm|đăng|cập\s+nhật|xuất\s+bản|lúc|gmt"
    r"|am|pm|lượt\s+(?:xem|đọc|truy\s+cập)|bình\s+luận)\b",
    re.I,
)


POSTED = re.compile(
    r"^(?:ngày\s+đăng|đăng\s+ngày|ngày\s+xuất\s+bản|xuất\s+bản\s+ngày)\s*:?\s*\d{1,2}\s*[-/.]\s*\d{1,2}\s*[-/.]\s*"
    r"((?:19|20)\d\d)\b",
    re.I | re.M,
)


def is_dateline(line: str) -> bool:
    """Whether ``line`` is a dateline: a full date, and besides it only times, numbers, weekday names and
    furniture words ("Thứ 3, Ngày 18/06/2024 -", "12:09, 27/09/2021")."""
    if not FULL_DATE.search(line):
        return False
    rest = DATELINE_WORDS.sub(" ", FULL_DATE.sub(" ", line))
    return not re.search(r"[^\W\d_]", rest)


# Invisible characters that split numbers: emoji variation selectors and keycaps ("2️016"),
# zero-width spaces and joiners, the byte-order mark.
INVISIBLE = re.compile("[\ufe0e\ufe0f\u20e3\u200b\u200c\u200d\u2060\ufeff]")
# "tỷ lệ đúng hạn đạt 9 9 ,2%": a percentage whose digits a page's styling spaced out (a space before the
# decimal comma too, which no writer types), closed up before reading.
SPACED_PERCENT = re.compile(r"(?<![\d.,])(\d(?: \d)+) ,(\d{1,2}) ?%")


def clean_text(text: str) -> str:
    """A document's text as it is read: invisible characters that split numbers removed, spaced-out
    percentages closed up ("9 9 ,2%" -> "99,2%"), and a backslash typed between digits for the slash made
    one ("xếp hạng 5\\63" -> "5/63"). Positions and quotes of records refer to this text."""
    text = INVISIBLE.sub("", text)
    text = SPACED_PERCENT.sub(lambda m: m.group(1).replace(" ", "") + "," + m.group(2) + "%", text)
    return re.sub(r"(?<=\d)\\(?=\d)", "/", text)


HOTLINE = re.compile(r"(?i)\b(?:tổng đài|đầu số|đường dây nóng)(?:\s+[^\d\n.;,]{0,30}?)?\s(\d{3,5})(?![\d.,]\d)")


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
        # "Tổng đài Thông tin dịch vụ công 1022": a hotline's number, also where the page names it alone ("các
        # kênh 1022", "1022.dongthap.gov.vn").
        self.hotlines = set(HOTLINE.findall(text))
        # The period a report is about, when its title says so ("quý III/2023", "3 tháng đầu năm
        # 2022", "năm 2021"); a lead paragraph's years are not used: they are as often baselines.
        # A dateline above the title ("Thứ 3, Ngày 18/06/2024 -") is skipped: it is when the page came out.
        # A line of punctuation alone (".", "-") under a dateline is layout, not the title.
        heading = [
            line.strip()
            for line in lines
            if not line.startswith(("http://", "https://"))
            and (len(re.findall(r"[^\W\d_]", line)) >= 3 or is_dateline(line))
        ]
        title = next((line for line in heading if not is_dateline(line)), "")
        dateline = next((line for line in heading[:1] if is_dateline(line)), "")
        self.title = title if len(title) <= 160 else ""
        title_years = {  # a baseline in the title ("tăng 3 bậc so với năm 2019") is not its year
            y for p, y in year_mentions(self.title) if not is_baseline(self.title, p)
        }
        self.title_year = title_years.pop() if len(title_years) == 1 and not periods(self.title) else None
        # The year of a dateline standing where the title would be: the publication date, a fallback for
        # values no sentence, paragraph or title gives a year (``years`` rule 5b).
        dated_years = {y for _, y in year_mentions(dateline)}
        self.dateline_year = dated_years.pop() if len(dated_years) == 1 else None
        # "Ngày đăng: 09/05/2024" under a site's header date ("Thứ hai, Ngày 28/04/2025 -", the day the page
        # was viewed): the line that says it is the posting date is the publication date.
        posted = POSTED.search("\n".join(heading[:8]))
        if posted:
            self.publication_year = int(posted.group(1))
            if self.dateline_year is not None:
                self.dateline_year = self.publication_year
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
        """(value, number_basis) of ``raw`` read as meant (``numbers.read_number``) in the document's style."""
        return read_number(raw, unit, indicator, denominator, self.dot_decimals)


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
