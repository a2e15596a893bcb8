"""Project paths, all derived from the repository root so nothing depends on the working directory."""

from __future__ import annotations

import os
from pathlib import Path

PROJ_ROOT = Path(os.environ.get("REFORM_PROJECT_ROOT", Path(__file__).resolve().parents[2]))
DATA_DIR = PROJ_ROOT / "data"
RAW_DIR = DATA_DIR / "raw"
PROCESSED_DIR = DATA_DIR / "processed"
MANIFEST_PATH = RAW_DIR / "manifest.json"
ERRATA_PATH = RAW_DIR / "errata" / "errata.csv"
PANEL_PARQUET = PROCESSED_DIR / "panel.parquet"
PANEL_CSV = PROCESSED_DIR / "panel.csv"
QUARANTINE_CSV = PROCESSED_DIR / "quarantine.csv"
MISSING_VALUES = PROCESSED_DIR / "missing_values.parquet"
RECONCILIATION_CSV = PROCESSED_DIR / "reconciliation.csv"
DICTIONARY_MD = PROCESSED_DIR / "data_dictionary.md"
REPORTS_DIR = PROJ_ROOT / "reports"
NOTEBOOKS_DIR = PROJ_ROOT / "notebooks"
