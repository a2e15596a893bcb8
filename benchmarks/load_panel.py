"""Benchmark: build time and load_panel() latency on the shipped data. Prints figures; asserts nothing.

Run: .venv/bin/python benchmarks/load_panel.py
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

from analysis import panel as panel_module
from analysis.panel import build_panel, load_panel


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.perf_counter()
        report = build_panel(out_dir=Path(tmp), progress=lambda _m: None)
        build_s = time.perf_counter() - t0
        path = Path(tmp) / "panel.parquet"
        cold = []
        for _ in range(5):
            panel_module._CACHE.clear()
            t = time.perf_counter()
            load_panel(path=path)
            cold.append(time.perf_counter() - t)
        warm = []
        for _ in range(20):
            t = time.perf_counter()
            load_panel(index="PAPI", provinces=["Quảng Ninh", "Đà Nẵng"], years=range(2011, 2025), path=path)
            warm.append(time.perf_counter() - t)
    print(f"build_panel: {build_s:.2f} s for {len(report.panel):,} rows")
    print(f"load_panel (cold, read parquet + filter): median {statistics.median(cold) * 1000:.0f} ms")
    print(f"load_panel (warm, filtered):               median {statistics.median(warm) * 1000:.1f} ms")


if __name__ == "__main__":
    main()
