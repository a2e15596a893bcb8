"""The papermill batch: one province report per province (plus the national overview), in
parallel processes, that never loses work.

- Parameters are validated before any kernel starts (unknown names fail with the closest matches).
- Reports run in worker processes with the kernel pinned to this interpreter (a ``reform-analysis``
  kernelspec installed into ``sys.prefix``), an absolute working directory and a cell timeout.
  ``kernels="warm"`` (default): each worker keeps one kernel that imported the stack once and is reset
  to a clean slate before each report (:mod:`analysis.reports.kernels`); ``"fresh"``: one kernel per
  report. A kernel that dies, hangs or outgrows its memory limit fails its report and is replaced.
- A report is written into ``<slug>.partial/`` and renamed to ``<slug>/`` only when complete
  (executed notebook, HTML, figures, summary, ``status.json``), so an interrupted run never leaves
  a half-written report marked complete. A failing report keeps its partial notebook in
  ``<slug>.failed/`` with the failing cell and error; the others go on.
- ``resume=True`` skips reports already complete with the same inputs (panel, why-missing table,
  notebook, parameters); without a ``run_id`` it starts a new run folder and hard-links (or copies)
  unchanged complete reports from earlier runs into it.
- Any ``concurrent.futures.Executor`` can run the reports, e.g. a Dask ``Client.get_executor()``.
"""

from __future__ import annotations

import concurrent.futures as cf
import datetime as dt
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import traceback
from dataclasses import dataclass, field
from pathlib import Path

from .. import config
from ..i18n import catalogue
from ..provinces import province_table, resolve
from ..text import slugify
from ..versions import software_versions

KERNEL_NAME = "reform-analysis"
PROVINCE_NOTEBOOK = config.NOTEBOOKS_DIR / "province_report.ipynb"
OVERVIEW_NOTEBOOK = config.NOTEBOOKS_DIR / "national_overview.ipynb"
OVERVIEW_SLUG = "_national"
KERNEL_MODES = ("warm", "fresh")


@dataclass(frozen=True)
class Task:
    """One notebook run: what to execute, with which parameters, into which folder."""

    slug: str
    label: str
    notebook: str
    parameters: dict
    run_dir: str
    inputs_key: str
    timeout: int
    kernel_name: str = KERNEL_NAME
    kernels: str = "warm"
    memory_limit: int | None = None


@dataclass
class TaskResult:
    slug: str
    label: str
    status: str  # ok | failed | skipped | interrupted
    seconds: float = 0.0
    error: dict | None = None
    summary: dict | None = None


@dataclass
class BatchResult:
    run_dir: Path
    results: list[TaskResult] = field(default_factory=list)

    @property
    def failed(self) -> list[TaskResult]:
        return [r for r in self.results if r.status not in ("ok", "skipped")]

    @property
    def index_html(self) -> Path:
        return self.run_dir / "index.html"


def ensure_kernel() -> str:
    """Install (idempotently) a kernelspec named ``reform-analysis`` into this interpreter's
    prefix, pointing at ``sys.executable``, so papermill never picks another environment."""
    from ipykernel.kernelspec import install

    spec = Path(sys.prefix) / "share" / "jupyter" / "kernels" / KERNEL_NAME / "kernel.json"
    if not spec.exists() or json.loads(spec.read_text())["argv"][0] != sys.executable:
        install(kernel_name=KERNEL_NAME, display_name="Python (reform-analysis)", prefix=sys.prefix)
        data = json.loads(spec.read_text())
        # Quiet kernels: their start-up warnings and shutdown notices would flood a 63-report log;
        # cell errors still reach papermill and the report's status.
        data["argv"] = [*data["argv"], "--IPKernelApp.log_level=CRITICAL"]
        data["argv"][0] = sys.executable
        spec.write_text(json.dumps(data, indent=1))
    return KERNEL_NAME


def select_provinces(provinces=None, region: str | None = None) -> list[str]:
    """Province codes to run: all 63, the given names/codes, or one region (6-region or 8-region
    name, with or without diacritics). Unknown names raise before anything runs."""
    table = province_table()
    if provinces:
        return list(dict.fromkeys(resolve(p) for p in provinces))
    if region:
        from ..text import fold

        key = fold(region)
        hit = table[
            (table["region6"].map(fold) == key)
            | (table["region6_en"].map(fold) == key)
            | (table["region8"].map(fold) == key)
            | (table["region8_en"].map(fold) == key)
        ]
        if hit.empty:
            names = sorted(set(table["region6"]) | set(table["region8"]))
            raise ValueError(f"unknown region {region!r}; regions: {', '.join(names)}")
        return list(hit["province_code"])
    return list(table["province_code"])


def _sha256(path: Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def _inputs_checksum() -> str:
    """The shared inputs every report reads (panel and why-missing table), as one checksum: part
    of every resume key, so a rebuilt panel or gap table reruns the reports."""
    parts = [_sha256(config.PANEL_PARQUET)]
    if config.MISSING_VALUES.exists():
        parts.append(_sha256(config.MISSING_VALUES))
    return parts[0] if len(parts) == 1 else hashlib.sha256("".join(parts).encode()).hexdigest()


def _git_commit() -> str | None:
    try:
        out = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=config.PROJ_ROOT, capture_output=True, text=True, timeout=10
        )
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def plan(
    codes: list[str],
    run_dir: Path,
    include_overview: bool,
    timeout: int,
    extra: dict | None = None,
    notebook: Path = PROVINCE_NOTEBOOK,
    language: str = "vi",
    shared_tables: dict | None = None,
) -> list[Task]:
    """The tasks of a run: one per province code (and the overview), with an ``inputs_key``
    hashing the panel, the notebook and the parameters (what ``resume`` compares).
    ``shared_tables`` (from :func:`~analysis.reports.shared_tables.write_shared_tables`) is passed
    to the project's notebooks; its checksum, not its path, enters the key, so a later run with
    the same inputs can reuse these reports."""
    panel_sum = _inputs_checksum()
    table = province_table().set_index("province_code")
    shared = {"shared_tables": shared_tables} if shared_tables else {}
    keyed = {"shared_tables": shared_tables["sha256"]} if shared_tables else {}
    own_notebook = Path(notebook) == PROVINCE_NOTEBOOK
    tasks = []
    for code in codes:
        params = {"province": table.at[code, "province"], "language": language, **(extra or {})}
        key_params = params | keyed if own_notebook else params
        key = hashlib.sha256(
            json.dumps([panel_sum, _sha256(notebook), key_params], sort_keys=True).encode()
        ).hexdigest()
        params = params | shared if own_notebook else params
        tasks.append(
            Task(
                slugify(table.at[code, "slug"]),
                table.at[code, "province"],
                str(notebook),
                params,
                str(run_dir),
                key,
                timeout,
            )
        )
    if include_overview:
        figure_params = {k: v for k, v in (extra or {}).items() if k in ("figure_formats", "figure_dpi")}
        params = {"language": language, **figure_params}
        key = hashlib.sha256(json.dumps([panel_sum, _sha256(OVERVIEW_NOTEBOOK), params | keyed]).encode()).hexdigest()
        params |= shared
        label = catalogue(language)("overview.heading")
        tasks.append(Task(OVERVIEW_SLUG, label, str(OVERVIEW_NOTEBOOK), params, str(run_dir), key, timeout))
    return tasks


def is_complete(task: Task) -> bool:
    status = Path(task.run_dir) / task.slug / "status.json"
    if not status.exists():
        return False
    try:
        s = json.loads(status.read_text(encoding="utf-8"))
    except json.JSONDecodeError:
        return False
    return s.get("status") == "ok" and s.get("inputs_key") == task.inputs_key


def run_task(task: Task) -> TaskResult:
    """Execute one notebook into ``<slug>.partial/``, export HTML, then rename the folder to
    ``<slug>/`` (complete) or ``<slug>.failed/`` (with the failing cell and error). Never raises
    for a failing notebook: the result says what happened."""
    import papermill as pm

    started = time.perf_counter()
    run_dir = Path(task.run_dir)
    partial = run_dir / f"{task.slug}.partial"
    final, failed = run_dir / task.slug, run_dir / f"{task.slug}.failed"
    for d in (partial, failed):
        shutil.rmtree(d, ignore_errors=True)
    partial.mkdir(parents=True)
    out_nb = partial / "report.ipynb"
    params = dict(task.parameters) | {"output_dir": str(partial)}
    error = None
    from .kernels import KernelProblem, worker_kernel

    try:
        if task.kernel_name == KERNEL_NAME:
            ensure_kernel()  # a cluster worker on another machine may not have the kernelspec yet
        kernel = worker_kernel(task.kernel_name, task.kernels == "warm", task.memory_limit)
        kernel.execute(task.notebook, str(out_nb), params, str(partial), task.timeout)
        if not (partial / "report.html").exists():  # a notebook without its own reader page
            export_html(out_nb, partial / "report.html")
    except pm.PapermillExecutionError as exc:
        error = {
            "cell": exc.exec_count,
            "cell_index": exc.cell_index,
            "ename": exc.ename,
            "evalue": str(exc.evalue)[:2000],
        }
    except KernelProblem as exc:  # the kernel died, hung or outgrew its memory: replaced already
        error = {"cell": None, "ename": "KernelProblem", "evalue": str(exc)[:2000]}
    except Exception as exc:  # kernel death, timeout, HTML export: recorded, never fatal to the batch
        error = {
            "cell": None,
            "ename": type(exc).__name__,
            "evalue": str(exc)[:2000],
            "traceback": traceback.format_exc()[-4000:],
        }
    seconds = time.perf_counter() - started
    status = {
        "slug": task.slug,
        "label": task.label,
        "status": "ok" if error is None else "failed",
        "inputs_key": task.inputs_key,
        "parameters": task.parameters,
        "seconds": round(seconds, 2),
        "error": error,
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
    (partial / "status.json").write_text(json.dumps(status, ensure_ascii=False, indent=2), encoding="utf-8")
    summary = None
    if error is None:
        summary_path = partial / "summary.json"
        summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else None
        if final.exists():
            shutil.rmtree(final)
        partial.rename(final)  # the atomic step: only a finished report gets the final name
    else:
        partial.rename(failed)
    return TaskResult(task.slug, task.label, status["status"], seconds, error, summary)


def export_html(notebook: Path, html: Path, hide_code: bool = True) -> Path:
    """Export an executed notebook to standalone HTML (code cells hidden by default)."""
    import nbformat
    from nbconvert import HTMLExporter

    exporter = HTMLExporter(exclude_input=hide_code, exclude_input_prompt=True, exclude_output_prompt=True)
    body, _ = exporter.from_notebook_node(nbformat.read(notebook, as_version=4))
    tmp = html.with_name(f".{html.name}.tmp")
    tmp.write_text(body, encoding="utf-8")
    tmp.replace(html)
    return html


def run_batch(
    provinces=None,
    region: str | None = None,
    workers: int | None = None,
    executor: cf.Executor | None = None,
    run_id: str | None = None,
    out_root: Path | None = None,
    resume: bool = False,
    include_overview: bool = True,
    timeout: int = 600,
    parameters: dict | None = None,
    progress: bool = True,
    notebook: Path | None = None,
    language: str = "vi",
    kernels: str = "warm",
    memory_limit: int | None = None,
) -> BatchResult:
    """Run the province report for the selected provinces (default: all 63) and the national
    overview into ``<out_root>/<run_id>/`` (default ``reports/<timestamp>/``).

    ``workers`` processes (default: the number of cores) unless an ``executor`` is given (any
    ``concurrent.futures.Executor``; processes or a cluster, not threads: papermill's working
    directory handling is not thread-safe). ``kernels`` is ``"warm"`` (one kernel per worker, reset
    before each report) or ``"fresh"`` (one kernel per report); ``memory_limit`` (bytes, default
    3 GB) is the kernel size at which a report fails and its kernel is replaced. ``resume=True``
    with an existing ``run_id`` skips reports complete there with the same inputs; without a
    ``run_id`` it starts a new run and hard-links unchanged complete reports from earlier runs.
    ``notebook`` replaces the province report notebook (it must take ``province``, ``language`` and
    ``output_dir`` parameters). ``language`` ("vi" or "en") is the language of every report and of
    the index page. Writes ``manifest.json``
    and ``index.html``; returns a :class:`BatchResult` (``failed`` lists what did not finish)."""
    from ..i18n import check_language

    check_language(language)
    if kernels not in KERNEL_MODES:
        raise ValueError(f"unknown kernels mode {kernels!r}; use one of {', '.join(KERNEL_MODES)}")
    if memory_limit is None:
        from .kernels import DEFAULT_MEMORY_LIMIT

        memory_limit = DEFAULT_MEMORY_LIMIT
    codes = select_provinces(provinces, region)  # validates names before any kernel starts
    notebook = Path(notebook or PROVINCE_NOTEBOOK)
    from ..panel import load_panel

    load_panel(level=None)  # builds the panel first if it is missing
    out_root = Path(out_root or config.REPORTS_DIR).resolve()
    earlier = previous_runs(out_root) if resume and run_id is None else []
    run_id = run_id or _new_run_id(out_root)
    run_dir = out_root / run_id
    run_dir.mkdir(parents=True, exist_ok=True)
    kernel = ensure_kernel()
    from .shared_tables import write_shared_tables

    # computed once here, read by every report (warm or fresh kernel, local or on a cluster)
    shared = write_shared_tables(run_dir, (parameters or {}).get("year_from"), (parameters or {}).get("year_to"))
    tasks = plan(codes, run_dir, include_overview, timeout, parameters, notebook, language, shared)
    tasks = [
        Task(**(t.__dict__ | {"kernel_name": kernel, "kernels": kernels, "memory_limit": memory_limit})) for t in tasks
    ]
    for t in tasks:
        if resume and not is_complete(t):
            reuse_report(t, earlier)
    todo = [t for t in tasks if not (resume and is_complete(t))]
    results = {t.slug: TaskResult(t.slug, t.label, "skipped") for t in tasks if t not in todo}
    started = dt.datetime.now(dt.UTC)
    own_executor = executor is None
    executor = executor or cf.ProcessPoolExecutor(
        max_workers=workers or os.cpu_count() or 1, initializer=_worker_signals
    )
    bar = _progress(len(todo), progress)
    interrupted = False
    futures: dict = {}
    try:
        # The overview is the longest report: started first, it never runs alone at the end.
        order = sorted(todo, key=lambda t: t.slug != OVERVIEW_SLUG)
        futures = {executor.submit(run_task, t): t for t in order}
        for fut in cf.as_completed(futures):
            t = futures[fut]
            try:
                results[t.slug] = fut.result()
            except Exception as exc:  # a worker died: record it, keep going
                results[t.slug] = TaskResult(
                    t.slug, t.label, "failed", error={"ename": type(exc).__name__, "evalue": str(exc)}
                )
            bar(results[t.slug])
    except KeyboardInterrupt:
        interrupted = True
        for fut in futures:
            fut.cancel()
        for t in todo:
            results.setdefault(t.slug, TaskResult(t.slug, t.label, "interrupted"))
        raise
    finally:
        if own_executor:
            if interrupted:
                _stop_workers(executor)
            executor.shutdown(wait=not interrupted, cancel_futures=True)
        bar(None)
        ordered = [results.get(t.slug, TaskResult(t.slug, t.label, "interrupted")) for t in tasks]
        batch = BatchResult(run_dir, ordered)
        write_manifest(batch, tasks, started, (parameters or {}) | {"language": language})
        write_index(batch, language)
    return batch


def _worker_signals() -> None:
    """Pool workers leave Ctrl-C to the parent, which stops them itself (:func:`_stop_workers`):
    a worker interrupted mid-report could hang shutting down a kernel busy in a long cell. On
    SIGTERM a worker kills its kernel and exits at once."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, _stop_this_worker)


def _stop_this_worker(signum, frame) -> None:
    from .kernels import kill_worker_kernel

    kill_worker_kernel()
    os._exit(1)


def _stop_workers(executor: cf.ProcessPoolExecutor) -> None:
    """After Ctrl-C: terminate the pool's worker processes (each kills its kernel); finished
    reports are already in their final folders, unfinished ones stay ``.partial``."""
    processes = list((getattr(executor, "_processes", None) or {}).values())
    for proc in processes:
        proc.terminate()
    for proc in processes:
        proc.join(timeout=10)


def _new_run_id(out_root: Path) -> str:
    """A timestamp, made unique within ``out_root`` (two runs in one second get -2, -3, ...)."""
    base = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    run_id, n = base, 1
    while (out_root / run_id).exists():
        n += 1
        run_id = f"{base}-{n}"
    return run_id


def previous_runs(out_root: Path) -> list[Path]:
    """Run folders under ``out_root`` (those with a ``manifest.json``), newest first."""
    runs = [p for p in Path(out_root).glob("*") if (p / "manifest.json").is_file()]
    return sorted(runs, key=lambda p: ((p / "manifest.json").stat().st_mtime, p.name), reverse=True)


def reuse_report(task: Task, runs: list[Path]) -> bool:
    """Bring the newest complete report of ``task`` with the same inputs from an earlier run into
    this run (files hard-linked, copied where links are impossible): into ``<slug>.partial/`` then
    renamed, like a report that ran. True when one was reused."""
    for run in runs:
        src = run / task.slug
        if src.resolve() == (Path(task.run_dir) / task.slug).resolve():
            continue
        if not is_complete(Task(**(task.__dict__ | {"run_dir": str(run)}))):
            continue
        partial = Path(task.run_dir) / f"{task.slug}.partial"
        shutil.rmtree(partial, ignore_errors=True)
        for path in sorted(src.rglob("*")):
            target = partial / path.relative_to(src)
            if path.is_dir():
                target.mkdir(parents=True, exist_ok=True)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(path, target)
            except OSError:  # another file system, or links not allowed: copy
                shutil.copy2(path, target)
        partial.rename(Path(task.run_dir) / task.slug)
        return True
    return False


def folder_size(path: Path) -> int:
    """Bytes on disk of the files under ``path``, each hard-linked file counted once."""
    seen, total = set(), 0
    for p in Path(path).rglob("*"):
        try:
            st = p.lstat()
        except OSError:
            continue
        if p.is_file() and (st.st_dev, st.st_ino) not in seen:
            seen.add((st.st_dev, st.st_ino))
            total += st.st_size
    return total


def clean_runs(out_root: Path | None = None, keep: int = 5) -> tuple[list[Path], int]:
    """Remove all but the ``keep`` newest run folders under ``out_root`` (default ``reports/``).
    Returns the removed folders and the bytes freed (a file still hard-linked from a kept run
    frees nothing). ``keep`` must be at least 1."""
    if keep < 1:
        raise ValueError(f"--keep must be at least 1 (got {keep}): the newest run is always kept")
    runs = previous_runs(Path(out_root or config.REPORTS_DIR))
    drop = runs[keep:]
    links: dict[tuple[int, int], list] = {}
    for run in drop:
        for p in run.rglob("*"):
            st = p.lstat()
            if p.is_file():
                links.setdefault((st.st_dev, st.st_ino), [st.st_nlink, st.st_size, 0])[2] += 1
    freed = sum(size for nlink, size, seen in links.values() if seen >= nlink)
    for run in drop:
        shutil.rmtree(run)
    return drop, freed


def _progress(total: int, enabled: bool):
    """A progress bar on a terminal; one plain line per finished report in logs (no bar redraws)."""
    if not enabled:
        return lambda _r: None
    failures = [0]
    done = [0]
    if not sys.stderr.isatty():

        def log(result):
            if result is None:
                return
            done[0] += 1
            failures[0] += result.status == "failed"
            print(
                f"[{done[0]}/{total}] {result.slug}: {result.status} in {result.seconds:.1f} s "
                f"(failures so far: {failures[0]})",
                file=sys.stderr,
                flush=True,
            )

        return log
    from tqdm.auto import tqdm

    bar = tqdm(total=total, desc="reports", unit="report", file=sys.stderr)

    def update(result):
        if result is None:
            bar.close()
            return
        failures[0] += result.status == "failed"
        bar.set_postfix(failed=failures[0], last=result.slug)
        bar.update(1)

    return update


def write_manifest(batch: BatchResult, tasks: list[Task], started, parameters) -> Path:
    """``manifest.json``: git commit, input checksums, parameters, status and time per report."""
    from ..manifest import load_manifest

    raw = load_manifest()
    manifest = {
        "run_id": batch.run_dir.name,
        "started": started.isoformat(timespec="seconds"),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "git_commit": _git_commit(),
        "python": sys.version.split()[0],
        "software": software_versions(),
        "inputs": {
            "panel.parquet": _sha256(config.PANEL_PARQUET),
            "raw": {k: e["sha256"] for k, e in raw.items()},
            "notebooks": {Path(t.notebook).name: _sha256(Path(t.notebook)) for t in tasks},
            "shared_tables": next(
                (t.parameters["shared_tables"]["sha256"] for t in tasks if "shared_tables" in t.parameters), None
            ),
        },
        "parameters": parameters or {},
        "reports": [
            {"slug": r.slug, "label": r.label, "status": r.status, "seconds": round(r.seconds, 2), "error": r.error}
            for r in batch.results
        ],
        "counts": {s: sum(r.status == s for r in batch.results) for s in ("ok", "skipped", "failed", "interrupted")},
    }
    path = batch.run_dir / "manifest.json"
    tmp = path.with_name(".manifest.json.tmp")
    tmp.write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    tmp.replace(path)
    return path


def write_index(batch: BatchResult, language: str = "vi") -> Path:
    """``index.html`` linking every report with a thumbnail and its headline numbers."""
    from .index_page import render_index

    path = batch.index_html
    tmp = path.with_name(".index.html.tmp")
    tmp.write_text(render_index(batch.run_dir, language), encoding="utf-8")
    tmp.replace(path)
    return path
