"""Warm kernels: a report run on a reused kernel equals a fresh-kernel report, leaves no trace in
the next report on that kernel, and a report that raises, exits its kernel or has it killed fails
alone with a reason."""

import json
import os
import signal
import threading
import time

import nbformat
import pytest

from analysis.reports import batch
from synthetic import synthetic_notebook


def test_warm_and_fresh_reports_are_identical(built, tmp_path):
    kw = dict(provinces=["Cà Mau"], out_root=tmp_path, include_overview=False, progress=False, workers=1)
    warm = batch.run_batch(run_id="warm", kernels="warm", **kw)
    fresh = batch.run_batch(run_id="fresh", kernels="fresh", **kw)
    assert [r.status for r in warm.results + fresh.results] == ["ok", "ok"]
    a, b = warm.run_dir / "ca-mau", fresh.run_dir / "ca-mau"
    files = sorted(p.name for p in a.iterdir())
    assert files == sorted(p.name for p in b.iterdir())
    pngs = [f for f in files if f.endswith(".png")]
    assert len(pngs) >= 4
    for name in pngs + ["summary.json", "data.csv", "report.html"]:
        assert (a / name).read_bytes() == (b / name).read_bytes(), name
    cells = lambda d: [  # noqa: E731
        (c.get("execution_count"), c["metadata"].get("tags"), c.get("outputs"))
        for c in nbformat.read(d / "report.ipynb", as_version=4).cells
        if c.cell_type == "code"
    ]
    # The injected parameters differ only in output_dir (each run's own folder).
    warm_cells = json.dumps(cells(a), ensure_ascii=False).replace(str(warm.run_dir), "RUN")
    fresh_cells = json.dumps(cells(b), ensure_ascii=False).replace(str(fresh.run_dir), "RUN")
    assert warm_cells == fresh_cells
    assert any(c[1] == ["injected-parameters"] for c in cells(a))


DIRTY = """
import json, pathlib, random
import matplotlib as mpl, matplotlib.pyplot as plt, numpy as np, pandas as pd
import analysis.provinces
if province == 'Cà Mau':
    import analysis.mining  # not imported by the warm-up: dropped before the next report
    leaked_global = 42
    mpl.rcParams['lines.linewidth'] = 9.5
    pd.set_option('display.max_rows', 3)
    analysis.provinces.resolve = lambda name: 'patched'
    analysis.provinces.__dict__.setdefault('_leak_list', []).append(1)
    import analysis.panel
    analysis.panel._CACHE.clear()
    plt.figure()
    np.random.seed(0); random.seed(0)
    import os; os.environ['REFORM_LEAK'] = '1'
    import sys; sys.path.append('/leak')
    pathlib.Path(output_dir, 'summary.json').write_text(json.dumps({'province': province, 'headline': []}))
else:
    seen = {
        'leaked_global': 'leaked_global' in globals(),
        'linewidth': mpl.rcParams['lines.linewidth'],
        'max_rows': pd.get_option('display.max_rows'),
        'resolve': analysis.provinces.resolve('Cà Mau'),
        'leak_list': hasattr(analysis.provinces, '_leak_list'),
        'figures': plt.get_fignums(),
        'panel_cached': len(__import__('analysis.panel').panel._CACHE),
        'environ': 'REFORM_LEAK' in __import__('os').environ,
        'sys_path': '/leak' in __import__('sys').path,
        'mining': 'analysis.mining' in __import__('sys').modules,
        'cwd': __import__('os').getcwd(),
        'numpy_draw': float(np.random.random()),
    }
    summary = {'province': province, 'headline': [], 'seen': seen}
    pathlib.Path(output_dir, 'summary.json').write_text(json.dumps(summary))
"""


def test_a_report_leaves_no_trace_in_the_next_one_on_the_same_kernel(built, tmp_path):
    nb = synthetic_notebook(tmp_path / "dirty.ipynb", DIRTY)
    kw = dict(out_root=tmp_path / "r", include_overview=False, notebook=nb, progress=False, workers=1)
    result = batch.run_batch(provinces=["Cà Mau", "Quảng Ninh"], run_id="dirty", kernels="warm", **kw)
    assert [r.status for r in result.results] == ["ok", "ok"]
    seen = json.loads((result.run_dir / "quang-ninh" / "summary.json").read_text(encoding="utf-8"))["seen"]
    assert seen["leaked_global"] is False
    assert seen["linewidth"] != 9.5 and seen["max_rows"] != 3
    assert seen["resolve"] == "96"  # the real analysis.provinces.resolve, not the monkeypatch
    assert seen["leak_list"] is False and seen["figures"] == []
    assert seen["panel_cached"] >= 1  # the warm panel cache is back
    assert seen["environ"] is False and seen["sys_path"] is False and seen["mining"] is False
    assert seen["cwd"] == str(result.run_dir / "quang-ninh.partial")
    # The same kernel ran both (workers=1): a seeded draw would be 0.5488135039273248.
    assert seen["numpy_draw"] != pytest.approx(0.5488135039273248)


def _wait_for(path, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline and not path.exists():
        time.sleep(0.2)
    return path.exists()


@pytest.mark.parametrize("kernels", ["warm", "fresh"])
def test_failing_and_dying_kernels_fail_alone(built, tmp_path, kernels):
    """One report raises, one exits its kernel, one has its kernel killed from outside (SIGKILL)
    mid-report: each fails with its reason, and the reports after them on the same worker finish."""
    pid_file = tmp_path / "kernel.pid"
    body = (
        "import json, os, pathlib, time\n"
        "if province == 'Cà Mau':\n    raise RuntimeError('synthetic failure')\n"
        "if province == 'Thừa Thiên Huế':\n    os._exit(1)\n"
        f"if province == 'Đà Nẵng':\n    pathlib.Path({str(pid_file)!r}).write_text(str(os.getpid()))\n"
        "    time.sleep(120)\n"
        "pathlib.Path(output_dir, 'summary.json').write_text(json.dumps({'province': province, 'headline': []}))"
    )
    nb = synthetic_notebook(tmp_path / "dying.ipynb", body)

    def killer():
        if _wait_for(pid_file):
            time.sleep(0.5)
            os.kill(int(pid_file.read_text()), signal.SIGKILL)

    thread = threading.Thread(target=killer, daemon=True)
    thread.start()
    result = batch.run_batch(
        provinces=["Cà Mau", "Quảng Ninh", "Huế", "Hà Giang", "Đà Nẵng", "Bắc Ninh"],
        out_root=tmp_path / "r",
        run_id=kernels,
        include_overview=False,
        notebook=nb,
        progress=False,
        workers=1,  # one kernel sees every failure, then has to carry on
        kernels=kernels,
    )
    thread.join(timeout=5)
    status = {r.slug: r for r in result.results}
    assert {s: r.status for s, r in status.items()} == {
        "ca-mau": "failed",
        "quang-ninh": "ok",
        "thua-thien-hue": "failed",
        "ha-giang": "ok",
        "da-nang": "failed",
        "bac-ninh": "ok",
    }
    assert status["ca-mau"].error["ename"] == "RuntimeError"
    for slug in ("thua-thien-hue", "da-nang"):
        assert status[slug].error["ename"] == "KernelProblem" and "died" in status[slug].error["evalue"]
        assert (result.run_dir / f"{slug}.failed" / "status.json").exists()
    manifest = json.loads((result.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["failed"] == 3 and manifest["counts"]["ok"] == 3


def test_a_kernel_over_its_memory_limit_is_replaced(built, tmp_path):
    body = (
        "import json, pathlib, time\n"
        "if province == 'Cà Mau':\n    hog = b'x' * (900 * 2**20)\n    time.sleep(60)\n"
        "pathlib.Path(output_dir, 'summary.json').write_text(json.dumps({'province': province, 'headline': []}))"
    )
    nb = synthetic_notebook(tmp_path / "hog.ipynb", body)
    result = batch.run_batch(
        provinces=["Cà Mau", "Quảng Ninh"],
        out_root=tmp_path / "r",
        run_id="mem",
        include_overview=False,
        notebook=nb,
        progress=False,
        workers=1,
        memory_limit=700 * 2**20,
    )
    status = {r.slug: r for r in result.results}
    assert status["quang-ninh"].status == "ok"
    assert status["ca-mau"].status == "failed" and "over the limit of 700 MB" in status["ca-mau"].error["evalue"]


def test_a_cell_past_the_timeout_fails_its_report_and_the_kernel_is_replaced(built, tmp_path):
    """A report that hangs past the cell timeout fails with that reason; the next report on the
    same worker runs on a new kernel (the hung one is never reused) and completes."""
    pid_file = tmp_path / "pids.txt"
    body = (
        "import json, os, pathlib, time\n"
        f"with open({str(pid_file)!r}, 'a') as f:\n    f.write(str(os.getpid()) + '\\n')\n"
        "if province == 'Cà Mau':\n    time.sleep(120)\n"
        "pathlib.Path(output_dir, 'summary.json').write_text(json.dumps({'province': province, 'headline': []}))"
    )
    nb = synthetic_notebook(tmp_path / "hang.ipynb", body)
    t0 = time.monotonic()
    result = batch.run_batch(
        provinces=["Cà Mau", "Quảng Ninh"],
        out_root=tmp_path / "r",
        run_id="timeout",
        include_overview=False,
        notebook=nb,
        progress=False,
        workers=1,
        timeout=3,
    )
    assert time.monotonic() - t0 < 90  # the hung cell was not waited out
    status = {r.slug: r for r in result.results}
    assert status["ca-mau"].status == "failed"
    assert "cell timeout" in status["ca-mau"].error["evalue"]
    assert status["quang-ninh"].status == "ok"
    pids = pid_file.read_text().split()
    assert len(pids) == 2 and pids[0] != pids[1]


def test_unknown_kernels_mode_is_refused(tmp_path):
    with pytest.raises(ValueError, match="unknown kernels mode"):
        batch.run_batch(provinces=["Cà Mau"], out_root=tmp_path, kernels="lukewarm")
