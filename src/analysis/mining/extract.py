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

This module reads a document and returns its records; the rules live in modules with one job each:

- ``document``: what a document says about itself (its title and the title's year, its province and
  main place, its publication date and whether it announces an index);
- ``tables``: the three table readers (plain-text rows, rows whose cells lost their borders, tables
  written one cell per line); table lines are blanked before the prose pass;
- ``sentence``: one sentence with its context (clauses, parentheses, places, subject, indicator);
- ``prose``: the readers of numbers in running text (ranks, rank changes, fractions, percentages,
  money, counts, index scores) and the sweep that gives every remaining number token a record or a
  named reason;
- ``years``: the year of each value (the rules are written down in its docstring);
- ``discard``: the named rules for number tokens that are not values;
- ``clauses``: clause and parenthesis helpers.

The prose pass runs sentence by sentence, each with its paragraph's years and periods, the two
paragraphs before it (what "chỉ số này" refers to) and the document's context; "Trong đó" sentences
take the year of the sentence before when they state none."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from .context import periods, sentences
from .discard import ACCENTED, SLUG_LINE, lone_percent_furniture, survey_answer_counts
from .document import _Doc, _page_date, clean_text
from .prose import _extract_sentence
from .sentence import _Sentence
from .tables import (
    _line_table_records,
    _spaced_records,
    _table_records,
    _year_value_records,
    line_tables,
    spaced_rows,
    table_blocks,
    year_value_columns,
)
from .years import _carried_years, _from_to, _rank_years_from_to

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


# -- documents ---------------------------------------------------------------------------------
def extract_document(text: str, source: str = "") -> tuple[pd.DataFrame, pd.DataFrame]:
    """(records, discarded candidates) of one document's text, cleaned first (``document.clean_text``:
    invisible characters, spaced-out percentages, backslashes for slashes): positions and quotes refer to
    the cleaned text."""
    text = clean_text(text)
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
    for years, values in year_value_columns(lines, table_lines):
        table_lines.update([*years, *values])
        out.extend(_year_value_records(lines, doc, years, values, offsets))
    # Table lines are blanked (same length) for the prose pass.
    url_lines = {i for i, line in enumerate(lines) if re.match(r"\s*(?:https?://|www\.)\S+\s*$", line)}
    if len(ACCENTED.findall(text)) >= 20:  # image alt texts and file slugs in an accented page
        url_lines |= {i for i, line in enumerate(lines) if SLUG_LINE.fullmatch(line.strip())}
    for i in lone_percent_furniture(lines, table_lines):
        url_lines.add(i)
        table_dropped.append(
            {
                "text": lines[i].strip(),
                "reason": (
                    "page furniture (a percentage alone on its line by the page's date or view count, or a chart axis)"
                    if "%" in lines[i]
                    else "page furniture (a number alone on its line by the page's byline or comment link: "
                    "a view count)"
                ),
                "context": lines[i].strip(),
                "span_start": offsets[i] + len(lines[i]) - len(lines[i].lstrip()),
            }
        )
    for i in survey_answer_counts(lines, table_lines | url_lines):
        url_lines.add(i)
        table_dropped.append(
            {
                "text": lines[i].strip(),
                "reason": "survey sample size (a survey table's count of answers beside its percentage)",
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
        if not doc.title:  # a first line too long for a title is the page's lead: it names the page's topic
            st.lead = " ".join(q.text for q in by_para[para_order[0]])
        if k == 0 and not doc.title and len(para_order) > 1:  # a page that starts mid-article, without a title
            st.next_text = " ".join(q.text for q in by_para[para_order[1]])
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
