"""Tables computed from a whole panel, kept per panel so that the many calls of one report (and
every call on the same panel in an interactive session) compute each table once.

A panel is recognised by identity and checked on every use by a fingerprint (row count, columns,
and the sums of ``value``, ``year`` and ``is_preferred``), so a panel edited in place after a
table was kept gets the table recomputed, never a stale one. Callers receive shallow copies
(pandas copy-on-write): changing what they got changes nothing that is kept."""

from __future__ import annotations

import weakref
from collections.abc import Callable, Hashable

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


def kept(panel: pd.DataFrame, key: Hashable, compute: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """``compute()`` for ``panel``, computed once per (panel, ``key``) while the panel is unchanged."""
    pid = id(panel)
    entry = _KEPT.get(pid)
    fp = fingerprint(panel)
    if entry is None or entry[0]() is not panel or entry[1] != fp:

        def forget(ref, pid=pid):
            if _KEPT.get(pid, (None,))[0] is ref:
                del _KEPT[pid]

        entry = (weakref.ref(panel, forget), fp, {})
        _KEPT[pid] = entry
    tables = entry[2]
    if key not in tables:
        tables[key] = compute()
    return tables[key].copy(deep=False)
