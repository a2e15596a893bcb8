"""The whole-panel tables every report of a batch reads (each index's preferred province rows,
ranks within each year, national bands, regional means), computed once per run and written to
the run folder; each report adopts them instead of computing them again (see
:mod:`analysis.stats.kept`)."""

from __future__ import annotations

from pathlib import Path

from .. import stats as st
from ..stats import kept
from .numbers import DEFAULT_INDICES, report_panel

FILE_NAME = ".shared_tables.pkl"  # hidden: a working file of the run, not a product for readers


def compute_shared_tables(panel, indices=DEFAULT_INDICES) -> None:
    """Compute (and keep, for ``panel``) the tables the province reports and the overview read
    over the whole panel, for each of ``indices`` that has province values."""
    for index in indices:
        try:
            data = st.select_preferred(panel, index)
        except ValueError:  # no province values for this index in the panel slice
            continue
        if st.main_era(data) is not None:  # indices broad enough for national context and ranks
            st.rank_within_year(panel, index)
            st.national_distribution(panel, index)
            st.regional_means(panel, index)


def write_shared_tables(run_dir: str | Path, year_from: int | None = None, year_to: int | None = None) -> dict:
    """Compute the shared tables of the report panel (``year_from``..``year_to``) and write them
    to ``<run_dir>/.shared_tables.pkl``. Returns the notebook parameter that points a report at
    them: ``{"path": ..., "sha256": ...}``."""
    panel = report_panel(year_from, year_to)
    compute_shared_tables(panel)
    path = Path(run_dir) / FILE_NAME
    return {"path": str(path), "sha256": kept.save_tables(panel, path)}
