"""Throughput of ``reform extract``: pages per second on one core and on all cores.

    .venv/bin/python benchmarks/extract.py [FOLDER ...] [--repeat N]

Pages are the labelled real pages and synthetic sets under tests/mining/ (and ../shared/reports/
when present), repeated N times."""

from __future__ import annotations

import argparse
import os
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from analysis.mining.extract import extract_document
from analysis.mining.readers import read_document

ROOT = Path(__file__).resolve().parents[1]


def _run(texts: list[str]) -> int:
    return sum(len(extract_document(t)[0]) for t in texts)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("folders", nargs="*", default=[ROOT / "tests" / "mining", ROOT.parent / "shared" / "reports"])
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    files = [f for d in map(Path, args.folders) if d.exists() for f in sorted(d.rglob("*.txt"))]
    texts = [read_document(f) for f in files] * args.repeat
    t0 = time.perf_counter()
    _run(texts)
    one = len(texts) / (time.perf_counter() - t0)
    cores = os.cpu_count() or 1
    chunks = [texts[i::cores] for i in range(cores)]
    t0 = time.perf_counter()
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_run, chunks))
    many = len(texts) / (time.perf_counter() - t0)
    print(f"{len(texts)} pages ({len(files)} files x {args.repeat})")
    print(f"one core: {one:.1f} pages/s")
    print(f"{cores} cores: {many:.1f} pages/s")


if __name__ == "__main__":
    main()
