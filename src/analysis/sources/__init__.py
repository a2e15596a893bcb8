"""One small loader per raw source: raw file -> tidy panel rows (plus quarantine), nothing else.

``SOURCE_LOADERS`` maps each manifest key to its loader. To add an official table later (e.g. a
ministry PAR INDEX spreadsheet), drop it into ``data/raw/``, add a manifest entry and a loader
here; the analysis code reads only the panel and needs no change."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from .base import LoadResult, SourceFormatError
from .papi import load_dimensions_2011_2019, load_hnks_subdimensions, load_workbook_2018_2023
from .pci import load_partial_tables, load_province_pages, load_workbooks_2005_2019
from .press import load_press

SOURCE_LOADERS: dict[str, Callable[[Path], LoadResult]] = {
    "papi_dims_2011_2019": load_dimensions_2011_2019,
    "papi_workbook_2018_2023": load_workbook_2018_2023,
    "papi_hnks_2011_2024": load_hnks_subdimensions,
    "pci_workbooks_2005_2019": load_workbooks_2005_2019,
    "pci_province_pages": load_province_pages,
    "pci_tables_partial": load_partial_tables,
    "press_par_sipas": load_press,
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
    "derived",  # values the project computes (sums of components)
]

__all__ = ["SOURCE_LOADERS", "SOURCE_PRIORITY", "LoadResult", "SourceFormatError"]
