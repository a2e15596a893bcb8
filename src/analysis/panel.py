"""Build the panel from ``data/raw/`` and load it.

``build_panel()`` runs: manifest checksums -> source loaders -> reconciliation (finds errors) ->
errata -> validation (quarantine) -> preferred-source rule -> derived PAPI sums -> reconciliation
again -> ``data/processed/`` (panel.parquet, panel.csv, quarantine.csv, reconciliation.csv,
data_dictionary.md). ``load_panel()`` reads the parquet (building it first if missing)."""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from . import config, reconcile
from .derive import derive_papi
from .errata import apply_errata, load_errata
from .gaps import gap_summary, missing_reasons
from .manifest import load_manifest, verify
from .provinces import registry, resolve
from .sources import PRESS_SOURCES, SOURCE_LOADERS, combine, source_rank
from .sources.base import PANEL_COLUMNS, QUARANTINE_COLUMNS, SourceFormatError
from .sources.population import load_population as load_population_source
from .validate import validate_rows

CELL = ["index", "component", "level", "province_code", "region", "year"]


@dataclass
class BuildReport:
    """What a build did: row counts, quarantine, exclusions, reconciliation and coverage.
    ``shortfalls``: per index, year and reason, the provinces without a total (``gaps.gap_summary``
    of ``gaps.missing_reasons``, press-only gaps left out)."""

    panel: pd.DataFrame
    quarantine: pd.DataFrame
    reconciliation: pd.DataFrame
    excluded: dict[str, dict[str, int]] = field(default_factory=dict)
    shortfalls: pd.DataFrame = field(default_factory=pd.DataFrame)
    seconds: float = 0.0

    def coverage(self, component: str = "total") -> pd.DataFrame:
        """Index x year table: number of provinces with a preferred value of ``component``."""
        return coverage_table(self.panel, component)


def coverage_table(panel: pd.DataFrame, component: str = "total") -> pd.DataFrame:
    """Index x year: provinces with a preferred province-level value of ``component``."""
    sub = panel[(panel["component"] == component) & (panel["level"] == "province") & panel["is_preferred"]]
    table = sub.groupby(["index", "year"])["province_code"].nunique().unstack("year")
    return table.astype("Int64")


def mark_preferred(rows: pd.DataFrame) -> pd.Series:
    """``is_preferred``: for each cell, the row of the highest-priority source (``SOURCE_PRIORITY``;
    the press files share one rank). Where that tier holds conflicting values (press), the value
    with the most corroborating reports is preferred; on a tie none is, and the conflict stays visible."""
    priority = source_rank()
    keyed = rows.assign(
        _p=rows["province_code"].fillna(""),
        _r=rows["region"].fillna(""),
        _prio=rows["source"].map(priority).fillna(len(priority)),
    )
    key = ["index", "component", "level", "_p", "_r", "year"]
    best = keyed.groupby(key)["_prio"].transform("min")
    top = keyed["_prio"] == best
    most = keyed["n_reports"].where(top).groupby([keyed[k] for k in key]).transform("max")
    at_most = top & (keyed["n_reports"] == most)
    n_at_most = at_most.groupby([keyed[k] for k in key]).transform("sum")
    return (at_most & (n_at_most == 1)).rename("is_preferred")


def _load_sources(paths: dict[str, Path], progress) -> tuple[list[pd.DataFrame], list[pd.DataFrame], dict]:
    results, quarantine, excluded = {}, [], {}
    for key, loader in SOURCE_LOADERS.items():
        if key not in paths:
            raise SourceFormatError(f"source {key!r} has a loader but no manifest entry in {config.MANIFEST_PATH}")
        progress(f"  loading {key} ({paths[key].name})")
        result = loader(paths[key])
        results[key] = result
        quarantine.append(result.quarantine)
        excluded[key] = result.excluded
    # Cross-file step: the press files' reports are merged into one set of cells.
    return combine(results), quarantine, excluded


def _reconcile(rows: pd.DataFrame) -> pd.DataFrame:
    # The press files are one merged source: their disagreements are press conflicts
    # (``conflict = True`` on the rows), not a cross-source finding.
    one_press = rows.assign(source=rows["source"].replace({s: "press" for s in PRESS_SOURCES}))
    return pd.concat(
        [reconcile.pci_weighted_totals(rows), reconcile.papi_sums(rows), reconcile.cross_source(one_press)],
        ignore_index=True,
    )


class OutputNotWritableError(OSError):
    """An output folder cannot be created or written; the message names it."""


def check_writable(folder: Path) -> Path:
    """Create ``folder`` if needed and prove it writable by writing a probe file (``os.access`` is
    not enough: root passes it on read-only mounts). Raises :class:`OutputNotWritableError`."""
    folder = Path(folder)
    probe = folder / f".write-probe-{os.getpid()}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise OutputNotWritableError(
            f"cannot write to {folder} ({exc.strerror or type(exc).__name__}); "
            "choose a writable folder or fix its permissions"
        ) from None
    return folder


def build_panel(out_dir: Path | None = None, raw_dir: Path | None = None, progress=print) -> BuildReport:
    """Rebuild ``data/processed/`` from ``data/raw/``. Stops with :class:`SourceFormatError` on a
    structural problem (missing file, checksum mismatch, unknown column, undecodable text)."""
    started = time.perf_counter()
    out_dir = Path(out_dir or config.PROCESSED_DIR)
    raw_dir = Path(raw_dir or config.RAW_DIR)
    check_writable(out_dir)  # before the loaders' 10 s, not after
    manifest = load_manifest(raw_dir / "manifest.json")
    paths = verify(manifest, raw_dir)
    progress(f"verified {len(paths)} raw files against data/raw/manifest.json")

    parts, quarantines, excluded = _load_sources(paths, progress)
    rows = pd.concat(parts, ignore_index=True)

    found = _reconcile(rows)
    errata = load_errata(raw_dir / "errata" / "errata.csv")
    rows = apply_errata(rows, errata)
    rows, invalid = validate_rows(rows)
    quarantines.append(invalid)

    rows["is_preferred"] = mark_preferred(rows)
    derived = derive_papi(rows[rows["is_preferred"]])
    if not derived.empty:
        derived, bad_derived = validate_rows(derived.drop(columns=["is_preferred"]))
        quarantines.append(bad_derived)
        rows = pd.concat([rows.drop(columns=["is_preferred"]), derived], ignore_index=True)
        rows["is_preferred"] = mark_preferred(rows)

    remaining = _reconcile(rows)
    report = _reconciliation_report(found, remaining, errata)
    panel = _finalise(rows)
    quarantine = pd.concat([q for q in quarantines if not q.empty], ignore_index=True).reindex(
        columns=QUARANTINE_COLUMNS
    )
    # Provinces without a total, with the reason (the same list reports show; press-only gaps left out).
    missing = missing_reasons(panel, quarantine, raw_dir=raw_dir)
    shortfalls = gap_summary(missing)
    population = load_population_source(paths["gso_population_1995_2016"])
    if not population.quarantine.empty:
        quarantine = pd.concat([quarantine, population.quarantine], ignore_index=True)
    excluded["gso_population_1995_2016"] = population.excluded

    out_dir.mkdir(parents=True, exist_ok=True)
    _write_atomic(panel, out_dir / "panel.parquet")
    _write_atomic(panel, out_dir / "panel.csv")
    _write_atomic(quarantine, out_dir / "quarantine.csv")
    _write_atomic(missing, out_dir / "missing_values.parquet")  # read by every report: computed once
    _write_atomic(report, out_dir / "reconciliation.csv")
    _write_atomic(population.rows, out_dir / "population.parquet")
    from .dictionary import write_data_dictionary

    write_data_dictionary(panel, manifest, errata, out_dir / "data_dictionary.md")
    return BuildReport(panel, quarantine, report, excluded, shortfalls, time.perf_counter() - started)


def _reconciliation_report(found: pd.DataFrame, remaining: pd.DataFrame, errata: pd.DataFrame) -> pd.DataFrame:
    key = ["check", "source", "province_code", "year", "component"]
    fixed = {(e.province_code.zfill(2), int(e.year)): e.errata_id for e in errata.itertuples()}
    still = set(map(tuple, remaining[key].astype(str).to_numpy())) if not remaining.empty else set()
    found = found.copy()
    status = []
    for r in found.itertuples(index=False):
        errata_id = fixed.get((r.province_code, int(r.year)))
        open_ = tuple(map(str, (r.check, r.source, r.province_code, r.year, r.component))) in still
        status.append("open" if open_ else f"corrected by {errata_id}" if errata_id else "resolved")
    found["status"] = status
    new = remaining.merge(found[key], on=key, how="left", indicator=True)
    new = new[new["_merge"] == "left_only"].drop(columns="_merge").assign(status="open")
    return pd.concat([found, new], ignore_index=True)


def _finalise(rows: pd.DataFrame) -> pd.DataFrame:
    reg = registry().table.set_index("province_code")
    rows = rows.copy()
    rows["province"] = rows["province_code"].map(reg["province"])
    rows["region6"] = rows["province_code"].map(reg["region6"])
    rows["year"] = rows["year"].astype(int)
    rows["raw_line"] = rows["raw_line"].astype("Int64")
    for col in (
        "province_code",
        "province",
        "region",
        "region6",
        "raw_file",
        "correction",
        "source_url",
        "other_urls",
        "quote",
        "note",
        "component_label_vi",
        "component_label_en",
    ):
        rows[col] = rows[col].astype("string")
    # Labels: fill a component's missing Vietnamese label from another row of the same component.
    labels = rows.dropna(subset=["component_label_vi"]).groupby(["index", "component"])["component_label_vi"].last()
    missing = rows["component_label_vi"].isna()
    rows.loc[missing, "component_label_vi"] = [
        labels.get((i, c), pd.NA) for i, c in zip(rows.loc[missing, "index"], rows.loc[missing, "component"])
    ]
    # The loaders' columns, plus the names and flags the build adds.
    order = []
    for col in PANEL_COLUMNS:
        order.append(col)
        if col == "province_code":
            order += ["province", "region6"]
        if col == "is_derived":
            order.append("is_preferred")
    rows = (
        rows[order]
        .sort_values(["index", "level", "province_code", "year", "component", "source"], na_position="last")
        .reset_index(drop=True)
    )
    return rows


def _write_atomic(df: pd.DataFrame, path: Path) -> None:
    """Write to a temporary file and rename it over ``path``: an interrupted build leaves the
    previous file whole (and no temporary file behind), never a half-written one."""
    tmp = path.with_name(path.name + ".tmp")
    try:
        if path.suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        else:
            # For spreadsheets: a byte-order mark so Excel reads Vietnamese names, and floats rounded
            # to 4 decimals (beyond any publisher's precision) so no float noise like 46.66279220581055.
            floats = df.select_dtypes("float").columns
            df = df.assign(**{c: df[c].round(4) + 0.0 for c in floats})
            df.to_csv(tmp, index=False, encoding="utf-8-sig")
        tmp.replace(path)
    finally:
        tmp.unlink(missing_ok=True)


_CACHE: dict[str, tuple[float, pd.DataFrame]] = {}


def load_panel(
    index: str | Iterable[str] | None = None,
    provinces: str | Iterable[str] | None = None,
    years: int | Iterable[int] | None = None,
    component: str | Iterable[str] | None = None,
    level: str = "province",
    preferred_only: bool = True,
    path: Path | None = None,
) -> pd.DataFrame:
    """The panel, filtered. Builds ``data/processed/panel.parquet`` first if it is missing.

    ``provinces`` accepts any spelling :func:`analysis.provinces.resolve` knows; ``years`` an int,
    an iterable or a ``range``; ``level`` is ``"province"``, ``"region"``, ``"national"`` or
    ``None`` for all. With ``preferred_only`` (default) each cell has at most one value: the one
    from the preferred source (see ``SOURCE_PRIORITY``); press conflicts without a majority are
    left out, so pass ``preferred_only=False`` to see every source's value."""
    path = Path(path or config.PANEL_PARQUET)
    if not path.exists():
        build_panel(out_dir=path.parent, progress=lambda _msg: None)
    mtime = path.stat().st_mtime
    cached = _CACHE.get(str(path))
    if cached is None or cached[0] != mtime:
        cached = (path.stat().st_mtime, _read_or_rebuild(path))
        _CACHE[str(path)] = cached
    df = cached[1]
    mask = np.ones(len(df), dtype=bool)
    if level is not None:
        mask &= (df["level"] == level).to_numpy(dtype=bool, na_value=False)
    if preferred_only:
        mask &= df["is_preferred"].to_numpy(dtype=bool)
    if index is not None:
        mask &= df["index"].isin([index] if isinstance(index, str) else list(index)).to_numpy()
    if component is not None:
        mask &= df["component"].isin([component] if isinstance(component, str) else list(component)).to_numpy()
    if provinces is not None:
        wanted = [provinces] if isinstance(provinces, (str, int)) else list(provinces)
        mask &= df["province_code"].isin([resolve(p) for p in wanted]).fillna(False).to_numpy(bool)
    if years is not None:
        mask &= df["year"].isin([years] if isinstance(years, int) else list(years)).to_numpy()
    return df[mask].reset_index(drop=True)


def _read_or_rebuild(path: Path) -> pd.DataFrame:
    """Read the panel parquet; an unreadable (corrupted, truncated) file is rebuilt from data/raw/
    with a one-line notice on stderr, never a traceback."""
    import pyarrow

    try:
        return pd.read_parquet(path)
    except (pyarrow.ArrowException, OSError, ValueError) as exc:
        print(f"{path.name} could not be read ({type(exc).__name__}); rebuilding it from data/raw/", file=sys.stderr)
        build_panel(out_dir=path.parent, progress=lambda _msg: None)
        return pd.read_parquet(path)


def load_population(path: Path | None = None) -> pd.DataFrame:
    """GSO average population by province and year, thousand persons (1995-2016; 2016 preliminary).
    Columns: province_code, year, population_thousand, preliminary, raw_line. Builds if missing."""
    path = Path(path or config.PROCESSED_DIR / "population.parquet")
    if not path.exists():
        build_panel(out_dir=path.parent, progress=lambda _msg: None)
    return pd.read_parquet(path)
