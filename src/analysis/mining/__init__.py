"""Report mining: Vietnamese reform reports (prose) -> cited indicator records.

``extract_text`` / ``extract_paths`` find the numeric statements, ``check_records`` reports
inconsistencies, ``evaluate`` scores extraction against hand labels, and ``to_panel_rows`` turns
province-level index values into lower-confidence panel rows (``source = press:<file>``)."""

from .checks import check_records, flag
from .evaluate import evaluate, load_labels, mismatches
from .extract import extract_document, extract_files, extract_paths, extract_text
from .numbers import parse_number
from .readers import read_document
from .to_panel import compare_with_panel, to_panel_rows

__all__ = [
    "extract_text",
    "extract_paths",
    "extract_document",
    "extract_files",
    "read_document",
    "check_records",
    "flag",
    "evaluate",
    "load_labels",
    "mismatches",
    "parse_number",
    "to_panel_rows",
    "compare_with_panel",
]
