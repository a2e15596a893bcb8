"""One small loader per raw source: raw file -> tidy panel rows (plus quarantine), nothing else.

``SOURCE_LOADERS`` maps each manifest key to its loader. To add an official table later (e.g. a
ministry PAR INDEX spreadsheet), drop it into ``data/raw/``, add a manifest entry and a loader
here; the analysis code reads only the panel and needs no change."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path

import pandas as pd

from .base import LoadResult, SourceFormatError
from .papi import load_dimensions_2011_2019, load_hnks_subdimensions, load_workbook_2018_2023
from .pci import load_partial_tables, load_province_pages, load_workbooks_2005_2019
from .press import load_press, merge_press

SOURCE_LOADERS: dict[str, Callable[[Path], LoadResult]] = {
    "papi_dims_2011_2019": load_dimensions_2011_2019,
    "papi_workbook_2018_2023": load_workbook_2018_2023,
    "papi_hnks_2011_2024": load_hnks_subdimensions,
    "pci_workbooks_2005_2019": load_workbooks_2005_2019,
    "pci_province_pages": load_province_pages,
    "pci_tables_partial": load_partial_tables,
    "press_par_sipas": partial(load_press, source="press_par_sipas"),
    "press_par_sipas_more": partial(load_press, source="press_par_sipas_more"),
}

# Where sources give the same cell, analyses use the first source in this order (is_preferred).
SOURCE_PRIORITY = [
    "papi_workbook_2018_2023",  # the publisher's own provincial workbook
    "papi_dims_2011_2019",  # official-style compilation of the publisher's sheets
    "papi_hnks_2011_2024",  # third-party compilation; only source for 2020, 2021, 2024
    "pci_workbooks_2005_2019",  # VCCI workbooks (after errata)
    "pci_tables_partial",  # VCCI 63-province tables (top rows only)
    "pci_province_pages",  # VCCI province pages
    "press_par_sipas",  # press reports: lowest confidence
    "press_par_sipas_more",  # second press file (same tier: merged with the first, see PRESS_SOURCES)
    "derived",  # values the project computes (sums of components)
]

# Press files are one tier: their reports are merged into one set of cells after loading
# (corroborations counted across files, conflicts kept), so none of them outranks another.
PRESS_SOURCES = ["press_par_sipas", "press_par_sipas_more"]


def source_rank() -> dict[str, int]:
    """Priority rank per source for ``is_preferred`` (lower wins); the press sources share one rank."""
    rank: dict[str, int] = {}
    for source in SOURCE_PRIORITY:
        if source in PRESS_SOURCES and PRESS_SOURCES[0] in rank:
            rank[source] = rank[PRESS_SOURCES[0]]
        else:
            rank[source] = len(set(rank.values()))
    return rank


def combine(results: dict[str, LoadResult]) -> list[pd.DataFrame]:
    """The panel rows of all loaded sources, with the press sources merged across files
    (:func:`press.merge_press`) instead of each file's own deduplicated rows."""
    frames = [r.rows for key, r in results.items() if key not in PRESS_SOURCES]
    press = [results[key] for key in SOURCE_PRIORITY if key in PRESS_SOURCES and key in results]
    if press:
        frames.append(merge_press(press))
    return frames


__all__ = [
    "PRESS_SOURCES",
    "SOURCE_LOADERS",
    "SOURCE_PRIORITY",
    "LoadResult",
    "SourceFormatError",
    "combine",
    "source_rank",
]
