"""Benchmark of the province batch. Prints figures; asserts nothing.

(a) naive: a sequential loop of ``papermill.execute_notebook`` over the provinces (``--skip-naive``
    leaves it out);
(b) ``run_batch(kernels="fresh")``: one kernel per report, default workers (one process per core);
(c) ``run_batch(kernels="warm")``: one warm kernel per worker, reset before each report;
(d) floor: papermill on a notebook that only imports the stack (pandas, seaborn, statsmodels,
    matplotlib, analysis) with the same kernel, times the number of reports, divided by workers:
    what any fresh-kernel batch pays before doing any work.
Every mode runs the province reports and the national overview (``--no-overview``: provinces only).

Goals: a/b >= 1.8 on 2 cores; b/d <= 1.5 (fresh); c/d <= 0.7 (warm beats the fresh-kernel floor).
Run: .venv/bin/python benchmarks/batch.py [--provinces N] [--skip-naive]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat

from analysis.panel import load_panel
from analysis.provinces import province_table
from analysis.reports import batch
from analysis.reports.kernels import WarmKernel

FLOOR_SOURCE = (
    "import pandas, seaborn, statsmodels.formula.api, matplotlib.pyplot\nimport analysis, analysis.reports.province"
)


def floor_notebook(path: Path) -> Path:
    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('province = "Hà Nội"\noutput_dir = "."')
    params.metadata["tags"] = ["parameters"]
    nb.cells = [params, nbformat.v4.new_code_cell(FLOOR_SOURCE)]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nbformat.write(nb, path)
    return path


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--provinces", type=int, default=63, help="how many provinces (default: all 63)")
    parser.add_argument("--floor-samples", type=int, default=5)
    parser.add_argument("--skip-naive", action="store_true", help="leave out the slow sequential loop")
    parser.add_argument("--no-overview", action="store_true", help="province reports only")
    args = parser.parse_args()
    load_panel()
    kernel = batch.ensure_kernel()
    # papermill with a new kernel per notebook, over IPC like the batch (no TCP warning)
    fresh_kernel = WarmKernel(kernel, warm=False)
    names = list(province_table()["province"])[: args.provinces]
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        naive = None
        t0 = time.perf_counter()
        for name in names if not args.skip_naive else []:
            out = tmp / "naive" / name
            out.mkdir(parents=True)
            fresh_kernel.execute(
                str(batch.PROVINCE_NOTEBOOK),
                str(out / "report.ipynb"),
                {"province": name, "output_dir": str(out)},
                str(out),
                600,
            )
        if not args.skip_naive and not args.no_overview:
            out = tmp / "naive" / "_national"
            out.mkdir(parents=True)
            fresh_kernel.execute(
                str(batch.OVERVIEW_NOTEBOOK), str(out / "report.ipynb"), {"output_dir": str(out)}, str(out), 600
            )
        if not args.skip_naive:
            naive = time.perf_counter() - t0

        timings = {}
        for mode in ("fresh", "warm"):
            t0 = time.perf_counter()
            result = batch.run_batch(
                provinces=names,
                out_root=tmp / "batch",
                run_id=mode,
                include_overview=not args.no_overview,
                progress=False,
                kernels=mode,
            )
            timings[mode] = time.perf_counter() - t0
            assert not result.failed, result.failed

        fnb = floor_notebook(tmp / "floor.ipynb")
        samples = []
        for i in range(args.floor_samples):
            t = time.perf_counter()
            fresh_kernel.execute(str(fnb), str(tmp / f"floor_out{i}.ipynb"), {}, str(tmp), 600)
            samples.append(time.perf_counter() - t)
        per = statistics.median(samples)
        n = len(names) + (0 if args.no_overview else 1)
        floor = per * n / workers

    fresh, warm = timings["fresh"], timings["warm"]
    overview = "" if args.no_overview else " + the national overview"
    print(f"reports: {n} ({len(names)} provinces{overview}), workers (cores): {workers}")
    if naive is not None:
        print(f"(a) naive sequential papermill loop: {naive:7.1f} s ({naive / n:.2f} s per report)")
    print(f"(b) reform batch --kernels fresh:    {fresh:7.1f} s ({fresh / n:.2f} s per report)")
    print(f"(c) reform batch --kernels warm:     {warm:7.1f} s ({warm / n:.2f} s per report)")
    print(f"(d) floor (kernel start + imports):  {floor:7.1f} s ({per:.2f} s per notebook x {n} / {workers})")
    if naive is not None:
        print(f"a/b = {naive / fresh:.2f} (goal >= 1.8)")
    print(f"fresh/floor = {fresh / floor:.2f} (goal <= 1.5)   warm/floor = {warm / floor:.2f} (goal <= 0.7)")


if __name__ == "__main__":
    main()
