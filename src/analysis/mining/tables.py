"""Table readers: plain-text rows, rows whose cells lost their borders, tables written one cell per line.

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
locality and level from the row's name, year from the header, the caption line above or the title;
an image's file name alone on its line ("cucthue32") and the photo caption after it tell another story
and give no year (a 2017 caption between a 2018 title and its table). A percentage alone on its line
next to the page's date or view count ("Lượt xem: 1.599" / "100%", a zoom control) or in a run of axis
ticks is page furniture."""

from __future__ import annotations

import re

from ..provinces import try_resolve
from . import vocabulary as voc
from .context import places, year_mentions
from .document import _Doc, _with_bare_provinces
from .numbers import NUMBER, NUMBER_CORE, NUMBER_RE, is_year, non_value_spans, parse_number
from .years import BASELINE_YEAR

# -- tables ------------------------------------------------------------------------------------
CELL_SPLIT = re.compile(r"\t+|\s*\|\s*|\s{3,}")
CELL_NUMBER = re.compile(rf"^\s*(?:{NUMBER})\s*(?:%|điểm)?\s*$|^\s*(?:{NUMBER})\s*/\s*{NUMBER_CORE}\s*$")
# "01 (0,727)": a rank with its score in brackets, one cell of a ranking table.
RANK_SCORE_CELL = re.compile(rf"^\s*(\d{{1,3}})\s*\(\s*({NUMBER})\s*\)\s*$")
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
    if s in EMPTY_CELLS or CELL_NUMBER.match(s) or RANK_SCORE_CELL.match(s):
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
        """How many groups of ``k`` lines starting at item ``s`` repeat one pattern of cells (0: none)."""
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


# An image's file name alone on its line ("cucthue32", "anh-3.jpg", "IMG_0421"): one token of letters and digits
# without accents or spaces, with a digit or an image extension. The short line after it is the photo's caption.
IMAGE_NAME_LINE = re.compile(r"\s*(?=[\w.-]*(?:\d|\.(?:jpe?g|png|gif|webp|bmp)\b))[A-Za-z][A-Za-z0-9_.-]*\s*", re.I)


def _photo_captions(lines: list[str], above: list[int]) -> set[int]:
    """Of the non-blank lines ``above`` (nearest first), the image file names and the caption line right
    after each: a photo's caption tells another story ("Cục thuế ... khen thưởng người nộp thuế tốt năm 2017"
    between a title of 2018 and its table), so its year is not the table's."""
    out = set()
    for k, i in enumerate(above):
        if IMAGE_NAME_LINE.fullmatch(lines[i]):
            out.add(i)
            if k > 0 and len(lines[above[k - 1]].strip()) <= 160:
                out.add(above[k - 1])
    return out


def _caption_year(lines: list[str], first: int) -> int | None:
    """The one year (not a baseline, not a date's) of the nearest of the 3 lines above a table that has one.
    Image file names and the photo captions after them are skipped (``_photo_captions``)."""
    above = [i for i in range(first - 1, -1, -1) if lines[i].strip()][:5]
    photos = _photo_captions(lines, above)
    above = [i for i in above if i not in photos][:3]
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
            a = offsets[i] + len(lines[i]) - len(lines[i].lstrip())
            col_years = {y for _, y in year_mentions(header[j])}
            year_j, basis_j = (col_years.pop(), "table column header") if len(col_years) == 1 else (year, ybasis)
            found = _line_cell_values(c, header[j], doc, index, score_index)
            for value, unit, indicator, span, basis, den in found:
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
                        span=(a + span[0], a + span[1]),
                    )
                )
    return recs


def _line_cell_values(c: str, head: str, doc: _Doc, index: str | None, score_index: str | None) -> list[tuple]:
    """(value, unit, indicator, span in the cell, number basis, denominator) of each value of one number cell
    of a table written one cell per line: "01 (0,727)" gives a rank and the score it was given for."""
    paired = RANK_SCORE_CELL.match(c)
    if paired:
        score, basis = doc.num(paired.group(2), "points", score_index)
        rank_of = f"{score_index}_rank" if score_index else "rank"
        return [
            (float(paired.group(1)), "rank", rank_of, paired.span(1), "integer", None),
            (score, "points", score_index or "other", paired.span(2), basis, None),
        ]
    raw = NUMBER_RE.search(c).group(0)
    if is_year(parse_number(raw), raw):
        return []
    den_m = re.search(rf"/\s*({NUMBER_CORE})", c)
    den = parse_number(den_m.group(1)) if den_m else None
    unit = _table_unit(head, c)
    named = voc.nearest(voc.RATE_RE, head)
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
        return []
    return [(value, unit, indicator, (0, len(c)), basis, den)]


# -- a column of years, then the column of their values -----------------------------------------
# "2012" / "2013" / ... / "2022" then "86.00" / "85.93" / ...: a two-column table (year, value) copied column
# by column, one cell per line. The k years (k >= 3, each the one before plus one) pair with the k numbers
# right after them, in order.
YEAR_CELL = re.compile(r"^\s*(19[89]\d|20[0-4]\d)\s*$")


def year_value_columns(lines: list[str], skip: set[int]) -> list[tuple[list[int], list[int]]]:
    """(year line numbers, value line numbers) of each year column followed by its value column."""
    items = [i for i, x in enumerate(lines) if x.strip() and i not in skip]
    year_of = {i: int(m.group(1)) for i in items if (m := YEAR_CELL.match(lines[i]))}
    out, t = [], 0
    while t < len(items):
        run = [items[t]] if items[t] in year_of else []
        while run and t + len(run) < len(items) and year_of.get(items[t + len(run)]) == year_of[run[-1]] + 1:
            run.append(items[t + len(run)])
        if len(run) < 3:
            t += 1
            continue
        k = len(run)
        values = items[t + k : t + 2 * k]
        if len(values) == k and all(CELL_NUMBER.match(lines[i]) and i not in year_of for i in values):
            out.append((run, values))
            t += 2 * k
        else:
            t += k
    return out


def _year_value_records(lines: list[str], doc: _Doc, years: list[int], values: list[int], offsets) -> list[dict]:
    """Records of a year column and its value column: indicator and unit from the caption lines above
    (``_caption_year``'s lines: "Bảng chỉ số thành phần cải cách TTHC ... từ năm 2012 - nay"), year from the
    cell's year."""
    first = years[0]
    # the two non-blank lines above (blank lines do not count: HTML and Word drop them)
    above = " ".join([lines[i] for i in range(first) if lines[i].strip()][-2:])
    index = next((name for name, rx in INDEX_NAMES if re.search(rx, above + " " + doc.title, re.I)), None)
    named = voc.nearest(voc.RATE_RE, above)
    recs = []
    for y, i in zip(years, values):
        c = lines[i].strip()
        raw = NUMBER_RE.search(c).group(0)
        unit = "%" if "%" in c else "points"
        indicator = (named[0] if named else None) or index or "other"
        value, basis = doc.num(raw, unit, indicator)
        a = offsets[i] + len(lines[i]) - len(lines[i].lstrip())
        recs.append(
            _cell_record(
                locality=doc.main.text if doc.main else None,
                level=doc.main.level if doc.main else None,
                province_code=doc.province_code,
                year=int(YEAR_CELL.match(lines[y]).group(1)),
                year_basis="table column of years beside the values",
                indicator=indicator,
                subject=above[-80:] or None,
                value=value,
                unit=unit,
                number_basis=basis,
                quote=f"{lines[y].strip()} | {c}",
                span=(a, a + len(c)),
            )
        )
    return recs
