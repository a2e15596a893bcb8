"""Benchmark of the province batch. Prints figures; asserts nothing.

(a) naive: a sequential loop of ``papermill.execute_notebook`` over the provinces;
(b) ``run_batch`` with default workers (one process per core);
(c) floor: papermill on a notebook that only imports the stack (pandas, seaborn, statsmodels,
    matplotlib, analysis) with the same kernel, times the number of provinces, divided by workers.

Goals: a/b >= 1.8 on 2 cores; b/c <= 1.5.
Run: .venv/bin/python benchmarks/batch.py [--provinces N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

import nbformat
import papermill as pm

from analysis.panel import load_panel
from analysis.provinces import province_table
from analysis.reports import batch

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
    args = parser.parse_args()
    load_panel()
    kernel = batch.ensure_kernel()
    names = list(province_table()["province"])[: args.provinces]
    workers = os.cpu_count() or 1
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        t0 = time.perf_counter()
        for name in names:
            out = tmp / "naive" / name
            out.mkdir(parents=True)
            pm.execute_notebook(
                str(batch.PROVINCE_NOTEBOOK),
                str(out / "report.ipynb"),
                parameters={"province": name, "output_dir": str(out)},
                kernel_name=kernel,
                cwd=str(out),
                progress_bar=False,
            )
        naive = time.perf_counter() - t0

        t0 = time.perf_counter()
        result = batch.run_batch(
            provinces=names, out_root=tmp / "batch", run_id="bench", include_overview=False, progress=False
        )
        batched = time.perf_counter() - t0
        assert not result.failed, result.failed

        fnb = floor_notebook(tmp / "floor.ipynb")
        samples = []
        for i in range(args.floor_samples):
            t = time.perf_counter()
            pm.execute_notebook(
                str(fnb), str(tmp / f"floor_out{i}.ipynb"), kernel_name=kernel, cwd=str(tmp), progress_bar=False
            )
            samples.append(time.perf_counter() - t)
        per = statistics.median(samples)
        floor = per * len(names) / workers

    print(f"provinces: {len(names)}, workers (cores): {workers}")
    print(f"(a) naive sequential papermill loop: {naive:7.1f} s ({naive / len(names):.2f} s per report)")
    print(f"(b) reform batch, default workers:   {batched:7.1f} s ({batched / len(names):.2f} s per report)")
    print(f"(c) floor (kernel start + imports):  {floor:7.1f} s ({per:.2f} s per notebook x {len(names)} / {workers})")
    print(f"a/b = {naive / batched:.2f} (goal >= 1.8)   b/c = {batched / floor:.2f} (goal <= 1.5)")


if __name__ == "__main__":
    main()
