"""Command line: ``reform build | figures | batch | sources | extract``. Argument parsing and printing
only; the work lives in the library."""

from __future__ import annotations

import argparse
import sys

import pandas as pd


def _build(args: argparse.Namespace) -> int:
    from .panel import build_panel
    from .sources import SourceFormatError

    try:
        report = build_panel(progress=print if not args.quiet else (lambda _m: None))
    except SourceFormatError as exc:
        print(f"reform build: stopped: {exc}", file=sys.stderr)
        return 2
    panel = report.panel
    summary = (
        f"panel: {len(panel):,} rows ({int(panel['is_derived'].sum()):,} derived, "
        f"{int(panel['is_preferred'].sum()):,} preferred), {len(report.quarantine):,} quarantined, "
        f"{len(report.reconciliation):,} reconciliation findings, in {report.seconds:.1f} s -> data/processed/"
    )
    if args.quiet:
        print(summary)
        return 0
    print("\n" + summary)
    with pd.option_context("display.width", 200, "display.max_columns", 30):
        print("\ncoverage: provinces with a headline value (component 'total'), by index and year")
        print(report.coverage().to_string(na_rep="."))
    print(f"\nquarantine: {len(report.quarantine)} rows -> data/processed/quarantine.csv")
    if len(report.quarantine):
        kinds = report.quarantine["reason"].str.replace(r"\s*\(.*$|:.*$", "", regex=True)
        print(report.quarantine.assign(reason=kinds).groupby(["source", "reason"]).size().rename("rows").to_string())
    print("\nnot loaded by design (counted, see the loaders' docstrings):")
    for source, counts in report.excluded.items():
        for reason, n in counts.items():
            print(f"  {source}: {n:,} {reason}")
    rec = report.reconciliation
    print(f"\nreconciliation: {len(rec)} findings -> data/processed/reconciliation.csv")
    if len(rec):
        cols = ["check", "source", "province_code", "year", "printed", "expected", "status"]
        print(rec[cols].to_string(index=False, na_rep="", float_format=lambda v: f"{v:g}"))
    if len(report.shortfalls):
        print("\nprovince-years without a headline value, by index, year and reason (as the reports show them):")
        print(report.shortfalls.to_string(index=False, na_rep=""))
    return 0


def _language_option(parser: argparse.ArgumentParser, what: str) -> None:
    """``--language vi|en`` (default vi), the languages of the message catalogue."""
    from .i18n import LANGUAGES

    parser.add_argument(
        "--language", choices=LANGUAGES, default="vi", help=f"language of {what} (default: %(default)s)"
    )


def _positive_int(text: str) -> int:
    """An argparse type: a whole number of at least 1 ("--workers 0" would silently mean the default)."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return value


def _formats(text: str, command: str) -> list[str] | None:
    """The figure formats of a comma-separated option, or None after printing one clear line."""
    from .figures.gallery import ALL_FORMATS

    formats = list(dict.fromkeys(f.strip().lower() for f in str(text).split(",") if f.strip()))
    unknown = [f for f in formats if f not in ALL_FORMATS]
    if not formats or unknown:
        what = f"unknown format {unknown[0]!r}" if unknown else "no format given"
        print(
            f"reform {command}: {what} in --formats; give a comma-separated list of {', '.join(ALL_FORMATS)}",
            file=sys.stderr,
        )
        return None
    return formats


def _figures(args: argparse.Namespace) -> int:
    from .figures.gallery import write_gallery
    from .panel import load_panel, load_population
    from .provinces import UnknownProvinceError, resolve

    formats = _formats(args.formats, "figures")
    if formats is None:
        return 2
    if not str(args.province).strip():
        print("reform figures: no province given; pass a name such as --province 'Quảng Ninh'", file=sys.stderr)
        return 2
    try:
        resolve(args.province)
    except UnknownProvinceError as exc:
        print(f"reform figures: {exc}", file=sys.stderr)
        return 2
    from .panel import check_writable

    check_writable(args.out)  # before loading anything
    written = write_gallery(
        load_panel(),
        args.province,
        args.out,
        population=load_population(),
        formats=tuple(formats),
        language=args.language,
        width=args.width,
    )
    n = sum(1 for files in written.values() if any(f in files for f in formats))
    kinds = ", ".join(f.upper() + (" 300 dpi" if f == "png" else "") for f in dict.fromkeys(formats))
    print(
        f"wrote {n} figures ({kinds}; caption/alt-text JSON, data CSV; language {args.language}, "
        f"width {args.width}) to {args.out}"
    )
    return 0


def _batch(args: argparse.Namespace) -> int:
    from .provinces import UnknownProvinceError
    from .reports.batch import folder_size, run_batch

    formats = _formats(args.formats, "batch")
    if formats is None:
        return 2
    if args.memory_limit is not None and args.memory_limit <= 0:
        print("reform batch: --memory-limit must be a positive number of MB", file=sys.stderr)
        return 2
    executor, client = None, None
    if args.scheduler:
        try:
            from distributed import Client
        except ImportError:
            print(
                "reform batch: --scheduler needs Dask: pip install -e '.[cluster]' (dask[distributed])",
                file=sys.stderr,
            )
            return 2
        try:
            client = Client(args.scheduler, timeout="5s")
        except (OSError, TimeoutError, ValueError) as exc:
            print(f"reform batch: cannot reach the Dask scheduler at {args.scheduler}: {exc}", file=sys.stderr)
            return 2
        executor = client.get_executor()
    try:
        result = run_batch(
            provinces=args.province or None,
            region=args.region,
            workers=args.workers,
            run_id=args.run_id,
            out_root=args.out,
            resume=args.resume,
            include_overview=not args.no_overview,
            timeout=args.timeout,
            language=args.language,
            parameters={"figure_formats": formats},
            kernels=args.kernels,
            memory_limit=args.memory_limit * 2**20 if args.memory_limit else None,
            executor=executor,
        )
    except (UnknownProvinceError, ValueError) as exc:
        print(f"reform batch: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(
            "\nreform batch: interrupted; finished reports are kept, unfinished ones are not marked complete",
            file=sys.stderr,
        )
        return 130
    finally:
        if client is not None:
            client.close()
    rows = [(r.slug, r.status, f"{r.seconds:.1f}s", (r.error or {}).get("ename", "")) for r in result.results]
    counts = {s: sum(r[1] == s for r in rows) for s in ("ok", "skipped", "failed", "interrupted")}
    print(f"\n{counts['ok']} ok, {counts['skipped']} skipped (resume), {counts['failed']} failed")
    for slug, status, secs, err in rows:
        if status not in ("ok", "skipped"):
            print(f"  FAILED {slug} ({secs}): {err}; partial notebook in {result.run_dir / (slug + '.failed')}")
    print(f"manifest: {result.run_dir / 'manifest.json'}")
    print(f"index: {result.index_html}")
    print(f"run folder: {result.run_dir} ({_size(folder_size(result.run_dir))}, hard-linked files counted once)")
    return 1 if result.failed else 0


def _size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"


def _clean(args: argparse.Namespace) -> int:
    from .reports.batch import clean_runs

    if args.keep < 1:
        print(
            f"reform clean: --keep must be at least 1 (got {args.keep}); the newest run is always kept", file=sys.stderr
        )
        return 2
    removed, freed = clean_runs(args.out, keep=args.keep)
    for run in removed:
        print(f"removed {run}")
    print(f"{len(removed)} run folder(s) removed, {_size(freed)} freed; kept the {args.keep} newest")
    return 0


def _sources_add(args: argparse.Namespace) -> int:
    from .manifest import add_source

    try:
        entry = add_source(
            args.file,
            args.source,
            path=args.path,
            publisher=args.publisher,
            licence=args.licence,
            origin=args.origin,
            coverage=args.coverage,
            kind=args.kind,
        )
    except ValueError as exc:
        print(f"reform sources add: {exc}", file=sys.stderr)
        return 2
    versions = len(entry.get("history", [])) + 1
    print(
        f"recorded {args.source!r}: data/raw/{entry['path']} (sha256 {entry['sha256'][:12]}..., version {versions}); "
        "run `reform build` to rebuild the panel"
    )
    return 0


def _extract(args: argparse.Namespace) -> int:
    from .mining import check_records, evaluate, flag, load_labels, mismatches
    from .mining.extract import extract_files

    try:
        records, discarded, failures = extract_files(args.paths)
    except FileNotFoundError as exc:
        print(f"reform extract: {exc}", file=sys.stderr)
        return 2
    for name, reason in failures:
        print(f"reform extract: skipped {name}: {reason}", file=sys.stderr)
    findings = check_records(records)
    records = flag(records, findings)
    n_files = records["source"].nunique()
    print(f"{len(records)} records from {n_files} files; {len(findings)} inconsistencies; {len(failures)} files failed")
    if len(findings):
        print(findings[["check", "source", "year", "indicator", "detail"]].to_string(index=False))
    if args.out:
        out = args.out
        if str(out).endswith(".parquet"):
            records.to_parquet(out, index=False)
        else:
            records.to_csv(out, index=False, encoding="utf-8")
        print(f"records: {out}")
    elif records.empty:
        print("no numeric statements found")
    else:
        cols = ["source", "year", "indicator", "value", "unit", "denominator", "kind", "locality"]
        shown = records[cols].astype(object).where(records[cols].notna(), "")
        shown["value"] = [f"{v:.10g}" if abs(v) < 1e15 else f"{v:.0f}" for v in records["value"]]
        shown["denominator"] = ["" if d != d else f"{d:.10g}" for d in records["denominator"]]
        with pd.option_context("display.width", 200, "display.max_rows", 500):
            print(shown.to_string(index=False))
    if args.explain:
        print(f"\n{len(discarded)} discarded candidates:")
        if len(discarded):
            with pd.option_context("display.width", 200, "display.max_rows", 2000, "display.max_colwidth", 70):
                print(discarded[["source", "text", "reason", "context"]].to_string(index=False))
    if args.evaluate:
        labels = load_labels(args.evaluate)
        scores = evaluate(records, labels)
        with pd.option_context("display.width", 200, "display.max_rows", 200, "display.precision", 3):
            print(f"\nevaluation against {len(labels)} labels (match on file, value and year, as in LABELLING.md):")
            print(scores.to_string(index=False))
        if args.verbose:
            extra, missed = mismatches(records, labels)
            print("\nextracted, not labelled:", *extra, sep="\n  ")
            print("labelled, not extracted:", *missed, sep="\n  ")
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="reform", description="Administrative reform outcomes in Vietnam's provinces")
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="rebuild data/processed/ from data/raw/ and print coverage")
    b.add_argument("--quiet", action="store_true", help="print only the summary")
    b.set_defaults(func=_build)
    f = sub.add_parser("figures", help="write every chart type for one province and the national view")
    f.add_argument(
        "--province", default="Quảng Ninh", help="any spelling, e.g. 'Quảng Ninh', 'TP HCM' (default: %(default)s)"
    )
    f.add_argument("--out", default="reports/figures", help="output folder (default: %(default)s)")
    f.add_argument(
        "--width",
        choices=("column", "full"),
        default="full",
        help="column (8.5 cm) or full (17 cm) width (default: %(default)s)",
    )
    f.add_argument(
        "--formats", default="png,svg,pdf", help="comma-separated, any of png, svg, pdf (default: %(default)s)"
    )
    _language_option(f, "every text")
    f.set_defaults(func=_figures)
    r = sub.add_parser("batch", help="run the province report for every province (parallel) and the overview")
    r.add_argument("--province", action="append", help="a province to run (repeatable); default: all 63")
    r.add_argument("--region", help="run one region's provinces, e.g. 'Tây Nguyên' or 'Mekong River Delta'")
    r.add_argument("--workers", type=_positive_int, default=None, help="parallel processes (default: number of cores)")
    r.add_argument("--run-id", help="run folder name under --out (default: a timestamp)")
    r.add_argument("--out", default=None, help="reports root (default: reports/)")
    r.add_argument(
        "--resume",
        action="store_true",
        help="skip reports already complete with the same inputs (with --run-id: in that run; without: "
        "hard-link them from earlier runs into the new one)",
    )
    r.add_argument("--no-overview", action="store_true", help="skip the national overview")
    r.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell (default: %(default)s)")
    _language_option(r, "the reports and index")
    r.add_argument(
        "--formats",
        default="png",
        help="figure files each report writes and links, comma-separated from png,svg,pdf (default: %(default)s; "
        "svg and pdf add about 15%% and 60%% to a run)",
    )
    r.add_argument(
        "--kernels",
        choices=("warm", "fresh"),
        default="warm",
        help="warm: one kernel per worker, reset before each report; fresh: one kernel per report "
        "(default: %(default)s)",
    )
    r.add_argument(
        "--memory-limit",
        type=int,
        default=None,
        metavar="MB",
        help="a kernel larger than this fails its report and is replaced (default: 3072)",
    )
    r.add_argument(
        "--scheduler",
        metavar="tcp://HOST:PORT",
        help="run the reports on an existing Dask cluster (workers need the same environment and "
        "checkout, and the run folder on a shared file system)",
    )
    r.set_defaults(func=_batch)
    c = sub.add_parser("clean", help="remove old run folders under reports/, keeping the newest")
    c.add_argument("--keep", type=int, default=5, help="how many of the newest runs to keep (default: %(default)s)")
    c.add_argument("--out", default=None, help="reports root (default: reports/)")
    c.set_defaults(func=_clean)
    src = sub.add_parser("sources", help="record raw files and their provenance in data/raw/manifest.json")
    src_sub = src.add_subparsers(dest="action", required=True)
    add = src_sub.add_parser("add", help="copy a file into data/raw/ and record it (a new source, or a new version)")
    add.add_argument("file", help="the file to record")
    add.add_argument(
        "--source", required=True, help="manifest key, e.g. par_index_official_2024 (existing: new version)"
    )
    add.add_argument("--publisher", help="who published the data (required for a new source)")
    add.add_argument("--licence", help="terms of use (required for a new source)")
    add.add_argument(
        "--origin", help="where the file came from: URL, repository and commit (required for a new source)"
    )
    add.add_argument("--coverage", help="what the file covers (indices, years, provinces)")
    add.add_argument("--kind", help="published_table, press, web_page, crosswalk, ... (default: published_table)")
    add.add_argument(
        "--path", help="where under data/raw/ to put it (default: <kind>/<file name>, or the existing path)"
    )
    add.set_defaults(func=_sources_add)
    x = sub.add_parser(
        "extract", help="extract indicator records from Vietnamese reform reports (.txt, .html, .docx, .pdf)"
    )
    x.add_argument("paths", nargs="+", help="documents, or folders of .txt/.html/.htm/.docx/.pdf documents")
    x.add_argument("--out", help="write records to this .csv or .parquet (default: print them)")
    x.add_argument("--evaluate", metavar="LABELS", help="labels JSON file (or folder of <name>.json) to score against")
    x.add_argument("--verbose", action="store_true", help="with --evaluate, list mismatches")
    x.add_argument("--explain", action="store_true", help="also list discarded number candidates with their reasons")
    x.set_defaults(func=_extract)
    args = parser.parse_args(argv)
    from .panel import OutputNotWritableError
    from .sources import SourceFormatError

    try:
        return args.func(args)
    except (OutputNotWritableError, SourceFormatError) as exc:  # a user's folder or file: one line
        print(f"reform {args.command}: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
