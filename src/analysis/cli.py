"""Command line: ``reform build | figures``. Argument parsing and printing only; the work lives in
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
        print(report.quarantine.groupby(["source", "reason"]).size().rename("rows").to_string())
    print("\nnot loaded by design (counted, see the loaders' docstrings):")
    for source, counts in report.excluded.items():
        for reason, n in counts.items():
            print(f"  {source}: {n:,} {reason}")
    rec = report.reconciliation
    print(f"\nreconciliation: {len(rec)} findings -> data/processed/reconciliation.csv")
    if len(rec):
        print(rec[["check", "source", "province_code", "year", "printed", "expected", "status"]].to_string(index=False))
    if len(report.shortfalls):
        print("\nprovinces missing where the source covers all (known gaps listed in SOURCES.md):")
        print(report.shortfalls.to_string(index=False))
    return 0


def _figures(args: argparse.Namespace) -> int:
    from .figures.gallery import write_gallery
    from .panel import load_panel, load_population
    from .provinces import UnknownProvinceError, resolve

    try:
        resolve(args.province)
    except UnknownProvinceError as exc:
        print(f"reform figures: {exc}", file=sys.stderr)
        return 2
    written = write_gallery(load_panel(), args.province, args.out, population=load_population())
    n = sum(1 for files in written.values() for k in files if k == "png" or k.endswith("_png"))
    print(f"wrote {n} figures (PNG 300 dpi, SVG, PDF, caption/alt-text JSON, data CSV) to {args.out}")
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
    f.set_defaults(func=_figures)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    raise SystemExit(main())
