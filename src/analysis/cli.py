"""Command line: ``reform build | figures | batch | extract``. Argument parsing and printing only; the work lives in
the library."""

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
        print(f"build stopped: {exc}", file=sys.stderr)
        return 2
    panel = report.panel
    print(
        f"\npanel: {len(panel):,} rows ({int(panel['is_derived'].sum()):,} derived, "
        f"{int(panel['is_preferred'].sum()):,} preferred) in {report.seconds:.1f} s"
    )
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
        print(rec[["check", "source", "province_code", "year", "printed", "expected", "status"]].to_string(index=False))
    if len(report.shortfalls):
        print("\nprovince-years without a headline value, by index, year and reason (as the reports show them):")
        print(report.shortfalls.to_string(index=False))
    return 0


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
    try:
        resolve(args.province)
    except UnknownProvinceError as exc:
        print(f"reform figures: {exc}", file=sys.stderr)
        return 2
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
    from .reports.batch import run_batch

    formats = _formats(args.formats, "batch")
    if formats is None:
        return 2
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
    rows = [(r.slug, r.status, f"{r.seconds:.1f}s", (r.error or {}).get("ename", "")) for r in result.results]
    counts = {s: sum(r[1] == s for r in rows) for s in ("ok", "skipped", "failed", "interrupted")}
    print(f"\n{counts['ok']} ok, {counts['skipped']} skipped (resume), {counts['failed']} failed")
    for slug, status, secs, err in rows:
        if status not in ("ok", "skipped"):
            print(f"  FAILED {slug} ({secs}): {err}; partial notebook in {result.run_dir / (slug + '.failed')}")
    print(f"manifest: {result.run_dir / 'manifest.json'}")
    print(f"index: {result.index_html}")
    return 1 if result.failed else 0


def _extract(args: argparse.Namespace) -> int:
    from .mining import check_records, evaluate, extract_paths, flag, load_labels, mismatches

    try:
        records = extract_paths(args.paths)
    except (FileNotFoundError, UnicodeDecodeError) as exc:
        print(f"reform extract: {exc}", file=sys.stderr)
        return 2
    findings = check_records(records)
    records = flag(records, findings)
    print(f"{len(records)} records from {records['source'].nunique()} files; {len(findings)} inconsistencies")
    if len(findings):
        print(findings[["check", "source", "year", "indicator", "detail"]].to_string(index=False))
    if args.out:
        out = args.out
        if str(out).endswith(".parquet"):
            records.to_parquet(out, index=False)
        else:
            records.to_csv(out, index=False, encoding="utf-8")
        print(f"records: {out}")
    else:
        cols = ["source", "year", "indicator", "value", "unit", "denominator", "kind", "locality"]
        with pd.option_context("display.width", 200, "display.max_rows", 500):
            print(records[cols].to_string(index=False))
    if args.evaluate:
        labels = load_labels(args.evaluate)
        scores = evaluate(records, labels)
        with pd.option_context("display.width", 200, "display.max_rows", 200, "display.precision", 3):
            print(f"\nevaluation against {len(labels)} labels (match on indicator, value, unit, year):")
            print(scores.to_string(index=False))
        if args.verbose:
            extra, missed = mismatches(records, labels)
            print("\nextracted, not labelled:", *extra, sep="\n  ")
            print("labelled, not extracted:", *missed, sep="\n  ")
    return 0


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
    f.add_argument(
        "--language", choices=("vi", "en"), default="vi", help="language of every text (default: %(default)s)"
    )
    f.set_defaults(func=_figures)
    r = sub.add_parser("batch", help="run the province report for every province (parallel) and the overview")
    r.add_argument("--province", action="append", help="a province to run (repeatable); default: all 63")
    r.add_argument("--region", help="run one region's provinces, e.g. 'Tây Nguyên' or 'Mekong River Delta'")
    r.add_argument("--workers", type=int, default=None, help="parallel processes (default: number of cores)")
    r.add_argument("--run-id", help="run folder name under --out (default: a timestamp)")
    r.add_argument("--out", default=None, help="reports root (default: reports/)")
    r.add_argument("--resume", action="store_true", help="skip reports already complete with the same inputs")
    r.add_argument("--no-overview", action="store_true", help="skip the national overview")
    r.add_argument("--timeout", type=int, default=600, help="seconds allowed per notebook cell (default: %(default)s)")
    r.add_argument(
        "--language",
        choices=("vi", "en"),
        default="vi",
        help="language of the reports and index (default: %(default)s)",
    )
    r.add_argument(
        "--formats",
        default="png",
        help="figure files each report writes and links, comma-separated from png,svg,pdf (default: %(default)s; "
        "svg and pdf add about 15%% and 60%% to a run)",
    )
    r.set_defaults(func=_batch)
    x = sub.add_parser("extract", help="extract indicator records from Vietnamese reform reports (UTF-8 text)")
    x.add_argument("paths", nargs="+", help="text files or folders of .txt files")
    x.add_argument("--out", help="write records to this .csv or .parquet (default: print them)")
    x.add_argument("--evaluate", metavar="LABELS", help="labels JSON file (or folder of <name>.json) to score against")
    x.add_argument("--verbose", action="store_true", help="with --evaluate, list mismatches")
    x.set_defaults(func=_extract)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
