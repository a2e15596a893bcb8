"""Precision, recall and F1 of extracted records against hand labels, by indicator.

Labels are JSON: a list of {locality, level, year, indicator, value, unit, denominator, quote}
(optionally ``source``, the file name, when one label file covers several texts). A record matches
a label when (indicator, value, unit, year) are equal (value to 4 decimals, year both empty or
equal) and, when every label names its ``source`` file, the file too; each label matches at most
one record."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pandas as pd


def _key(indicator, value, unit, year, source=None) -> tuple:
    y = None if year is None or (isinstance(year, float) and pd.isna(year)) or year is pd.NA else int(year)
    return (indicator, round(float(value), 4), unit, y, source)


def _keys(records: pd.DataFrame, labels: list[dict]) -> tuple[Counter, Counter]:
    """Multisets of match keys; the source file is part of the key when every label names one."""
    by_source = bool(labels) and all(lab.get("source") for lab in labels)
    predicted = Counter(
        _key(r.indicator, r.value, r.unit, r.year, r.source if by_source else None) for r in records.itertuples()
    )
    truth = Counter(
        _key(lab["indicator"], lab["value"], lab["unit"], lab.get("year"), lab.get("source") if by_source else None)
        for lab in labels
    )
    return predicted, truth


def load_labels(path: str | Path) -> list[dict]:
    """Labels from a JSON file (a list of label objects), or from a folder of ``<name>.json`` files
    each labelling ``<name>.txt`` (their ``source``)."""
    path = Path(path)
    if path.is_dir():
        labels = []
        for f in sorted(path.glob("*.json")):
            labels.extend({**lab, "source": f.with_suffix(".txt").name} for lab in json.loads(f.read_text("utf-8")))
        return labels
    return json.loads(path.read_text(encoding="utf-8"))


def evaluate(records: pd.DataFrame, labels: list[dict]) -> pd.DataFrame:
    """One row per indicator plus ``ALL``: tp, fp, fn, precision, recall, f1."""
    predicted, truth = _keys(records, labels)
    indicators = sorted({k[0] for k in predicted} | {k[0] for k in truth})
    rows = []
    for ind in [*indicators, "ALL"]:
        p = Counter({k: v for k, v in predicted.items() if ind in ("ALL", k[0])})
        t = Counter({k: v for k, v in truth.items() if ind in ("ALL", k[0])})
        tp = sum((p & t).values())
        fp, fn = sum(p.values()) - tp, sum(t.values()) - tp
        precision = tp / (tp + fp) if tp + fp else float("nan")
        recall = tp / (tp + fn) if tp + fn else float("nan")
        f1 = 2 * precision * recall / (precision + recall) if tp else 0.0
        rows.append(
            {"indicator": ind, "tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}
        )
    return pd.DataFrame(rows)


def mismatches(records: pd.DataFrame, labels: list[dict]) -> tuple[list, list]:
    """(extracted but not labelled, labelled but not extracted) keys, for error analysis."""
    predicted, truth = _keys(records, labels)
    return sorted((predicted - truth).elements(), key=str), sorted((truth - predicted).elements(), key=str)
