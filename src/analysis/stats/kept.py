"""Tables computed from a whole panel, kept per panel so that the many calls of one report (and
every call on the same panel in an interactive session) compute each table once.

A panel is recognised by identity and checked on every use by a fingerprint (row count, columns,
and the sums of ``value``, ``year`` and ``is_preferred``), so a panel edited in place after a
table was kept gets the table recomputed, never a stale one. Callers receive shallow copies
(pandas copy-on-write): changing what they got changes nothing that is kept."""

from __future__ import annotations

import hashlib
import pickle
import weakref
from collections.abc import Callable, Hashable
from pathlib import Path

import numpy as np
import pandas as pd

_KEPT: dict[int, tuple[weakref.ref, tuple, dict]] = {}


def fingerprint(panel: pd.DataFrame) -> tuple:
    """A cheap summary that changes when rows, columns or any value, year or preference change."""
    parts: list = [len(panel), tuple(panel.columns)]
    for col in ("value", "year", "is_preferred"):
        if col in panel.columns:
            s = panel[col]
            parts += [float(np.nansum(s.to_numpy(dtype=float, na_value=np.nan))), int(s.count())]
    return tuple(parts)


def _tables(panel: pd.DataFrame) -> dict:
    """The tables kept for ``panel``: a new, empty set when the panel is new or has changed."""
    pid = id(panel)
    entry = _KEPT.get(pid)
    fp = fingerprint(panel)
    if entry is None or entry[0]() is not panel or entry[1] != fp:

        def forget(ref, pid=pid):
            if _KEPT.get(pid, (None,))[0] is ref:
                del _KEPT[pid]

        entry = (weakref.ref(panel, forget), fp, {})
        _KEPT[pid] = entry
    return entry[2]


def kept(panel: pd.DataFrame, key: Hashable, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """``compute()`` for ``panel``, computed once per (panel, ``key``) while the panel is unchanged."""
    tables = _tables(panel)
    if key not in tables:
        tables[key] = compute()
    return tables[key].copy(deep=False)


def save_tables(panel: pd.DataFrame, path: str | Path) -> str:
    """Write the tables kept for ``panel`` (with its fingerprint) to ``path``, so that other
    processes of a batch read them instead of computing them again. Returns the file's SHA-256,
    which readers must present (:func:`load_tables`). The bytes are the same for the same panel
    and tables, so the checksum can be part of a resume key."""
    data = pickle.dumps({"fingerprint": fingerprint(panel), "tables": dict(_tables(panel))}, protocol=5)
    path = Path(path)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(data)
    tmp.replace(path)  # readers never see half a file
    return hashlib.sha256(data).hexdigest()


def load_tables(panel: pd.DataFrame, path: str | Path, sha256: str) -> int:
    """Adopt for ``panel`` the tables :func:`save_tables` wrote to ``path``, if the file has the
    checksum ``sha256`` (anything else is never unpickled) and was written for a panel with the
    same fingerprint. Tables already kept stay. Returns how many tables were adopted (0 when the
    file is missing, altered or for another panel: the tables are then computed as usual)."""
    try:
        data = Path(path).read_bytes()
    except OSError:
        return 0
    if hashlib.sha256(data).hexdigest() != sha256:
        return 0
    saved = pickle.loads(data)  # checksum verified above: the file this run wrote
    if saved.get("fingerprint") != fingerprint(panel):
        return 0
    tables = _tables(panel)
    new = {k: v for k, v in saved["tables"].items() if k not in tables}
    tables.update(new)
    return len(new)
