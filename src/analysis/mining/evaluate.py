"""Precision and recall of extracted records against hand labels (``LABELLING.md``).

Labels are JSON: a list of {locality, level, year, indicator, value, unit, denominator, quote}
(optionally ``source``, the file name, when one label file covers several texts). A record matches
a label when it comes from the same file (when the labels name their files), has the same value
(within 0.005, or 1e-6 relative) and, where both have a year, the same year. Each label matches at
most one record and each record at most one label (labels with a year are matched first, to records
with that year). Precision = matched records / records; recall = matched labels / labels. Scores
are also reported per indicator (of the record for precision, of the label for recall); indicator
names do not decide a match."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd


def _year(y):
    if y is None or y is pd.NA or (isinstance(y, float) and pd.isna(y)):
        return None
    return int(y)


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= 0.005 or abs(a - b) <= 1e-6 * max(abs(a), abs(b))


def match(records: pd.DataFrame, labels: list[dict]) -> tuple[list[int | None], list[int | None]]:
    """(for each record the label index it matched, for each label the record index), or None."""
    by_source = bool(labels) and all(lab.get("source") for lab in labels)
    recs = [
        (r.source if by_source else None, float(r.value), _year(r.year), getattr(r, "indicator", None))
        for r in records.itertuples()
    ]
    rec_of: list[int | None] = [None] * len(labels)
    lab_of: list[int | None] = [None] * len(recs)
    order = sorted(range(len(labels)), key=lambda i: _year(labels[i].get("year")) is None)
    for exact in (True, False):
        for i in order:
            if rec_of[i] is not None:
                continue
            lab = labels[i]
            src, val, yr = (lab.get("source") if by_source else None), float(lab["value"]), _year(lab.get("year"))
            best = None
            for j, (rs, rv, ry, rind) in enumerate(recs):
                if lab_of[j] is not None or rs != src or not _close(rv, val):
                    continue
                if exact and ry != yr:
                    continue
                if not exact and ry is not None and yr is not None and ry != yr:
                    continue
                if best is None or rind == lab.get("indicator"):
                    best = j
            if best is not None:
                rec_of[i], lab_of[best] = best, i
    return lab_of, rec_of


def load_labels(path: str | Path) -> list[dict]:
    """Labels from a JSON file (a list of label objects), or from a folder of ``<name>.labels.json``
    (or ``<name>.json``) files each labelling ``<name>.txt`` (their ``source``)."""
    path = Path(path)
    if path.is_dir():
        labels = []
        for f in sorted(path.glob("*.json")):
            name = f.name.removesuffix(".json").removesuffix(".labels")
            labels.extend({**lab, "source": name + ".txt"} for lab in json.loads(f.read_text("utf-8")))
        return labels
    return json.loads(path.read_text(encoding="utf-8"))


def evaluate(records: pd.DataFrame, labels: list[dict]) -> pd.DataFrame:
    """One row per indicator plus ``ALL``: tp, fp, fn, precision, recall, f1."""
    lab_of, rec_of = match(records, labels)
    rec_ind = list(records["indicator"]) if len(records) else []
    lab_ind = [lab.get("indicator") for lab in labels]
    indicators = sorted({str(i) for i in rec_ind} | {str(i) for i in lab_ind})
    rows = []
    for ind in [*indicators, "ALL"]:
        r_sel = [j for j in range(len(rec_ind)) if ind in ("ALL", str(rec_ind[j]))]
        l_sel = [i for i in range(len(lab_ind)) if ind in ("ALL", str(lab_ind[i]))]
        tp_r = sum(lab_of[j] is not None for j in r_sel)
        tp_l = sum(rec_of[i] is not None for i in l_sel)
        fp, fn = len(r_sel) - tp_r, len(l_sel) - tp_l
        precision = tp_r / len(r_sel) if r_sel else float("nan")
        recall = tp_l / len(l_sel) if l_sel else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if tp_r and tp_l else 0.0
        rows.append(
            {"indicator": ind, "tp": tp_l, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
        )
    return pd.DataFrame(rows)


def mismatches(records: pd.DataFrame, labels: list[dict]) -> tuple[list, list]:
    """(extracted but not labelled, labelled but not extracted), for error analysis."""
    lab_of, rec_of = match(records, labels)
    extra = [
        (r.source, r.indicator, r.value, _year(r.year), r.quote[:80])
        for j, r in enumerate(records.itertuples())
        if lab_of[j] is None
    ]
    missed = [
        (lab.get("source"), lab.get("indicator"), lab["value"], lab.get("year"), (lab.get("quote") or "")[:80])
        for i, lab in enumerate(labels)
        if rec_of[i] is None
    ]
    return extra, missed
