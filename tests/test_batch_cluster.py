"""The batch on a Dask cluster, resume across runs (hard links), ``reform clean`` and the CLI's
kernel and scheduler options."""

import json
import os

import pytest

from analysis import cli
from analysis.reports import batch
from synthetic import failing_report_notebook


def test_dask_local_cluster_runs_the_batch_and_isolates_a_failure(built, tmp_path):
    distributed = pytest.importorskip("distributed", reason="dask[distributed] is not installed (extra 'cluster')")
    nb = failing_report_notebook(tmp_path / "synthetic.ipynb", fail_for="Đà Nẵng")
    with (
        distributed.LocalCluster(processes=True, n_workers=2, threads_per_worker=1, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        result = batch.run_batch(
            provinces=["Quảng Ninh", "Đà Nẵng", "Cà Mau", "Huế"],
            out_root=tmp_path / "r",
            run_id="dask",
            include_overview=False,
            notebook=nb,
            progress=False,
            executor=client.get_executor(),
        )
    status = {r.slug: r.status for r in result.results}
    assert status == {"quang-ninh": "ok", "da-nang": "failed", "ca-mau": "ok", "thua-thien-hue": "ok"}
    for slug in ("quang-ninh", "ca-mau", "thua-thien-hue"):
        assert (result.run_dir / slug / "summary.json").exists() and (result.run_dir / slug / "report.ipynb").exists()
    assert (result.run_dir / "da-nang.failed" / "report.ipynb").exists()
    manifest = json.loads((result.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"ok": 3, "skipped": 0, "failed": 1, "interrupted": 0}


def test_resume_without_run_id_links_unchanged_reports_into_a_new_run(built, tmp_path, monkeypatch, capsys):
    nb = failing_report_notebook(tmp_path / "synthetic.ipynb")
    kw = dict(out_root=tmp_path / "r", include_overview=False, notebook=nb, progress=False, workers=1)
    first = batch.run_batch(provinces=["Quảng Ninh", "Cà Mau"], run_id="first", **kw)
    assert [r.status for r in first.results] == ["ok", "ok"]
    os.utime(first.run_dir / "manifest.json", (1, 1))  # older than the run below
    second = batch.run_batch(provinces=["Quảng Ninh", "Cà Mau", "Huế"], resume=True, **kw)
    assert second.run_dir != first.run_dir
    assert {r.slug: r.status for r in second.results} == {
        "quang-ninh": "skipped",
        "ca-mau": "skipped",
        "thua-thien-hue": "ok",
    }
    a, b = first.run_dir / "ca-mau" / "summary.json", second.run_dir / "ca-mau" / "summary.json"
    assert a.read_bytes() == b.read_bytes() and os.stat(a).st_ino == os.stat(b).st_ino  # hard link
    assert batch.folder_size(second.run_dir) > 0

    # reform clean keeps the newest run, removes the other and says how much it freed
    code = cli.main(["clean", "--keep", "1", "--out", str(tmp_path / "r")])
    out = capsys.readouterr().out
    assert code == 0 and f"removed {first.run_dir}" in out and "1 run folder(s) removed" in out
    assert not first.run_dir.exists() and (second.run_dir / "ca-mau" / "summary.json").exists()


def test_clean_refuses_keep_below_one(tmp_path, capsys):
    code = cli.main(["clean", "--keep", "0", "--out", str(tmp_path)])
    err = capsys.readouterr().err
    assert code == 2 and err.count("\n") == 1 and "--keep must be at least 1" in err and "Traceback" not in err


def test_cli_batch_options(built, tmp_path, monkeypatch, capsys):
    nb = failing_report_notebook(tmp_path / "synthetic.ipynb")
    monkeypatch.setattr(batch, "PROVINCE_NOTEBOOK", nb)
    args = ["batch", "--province", "Cà Mau", "--no-overview", "--out", str(tmp_path / "r"), "--workers", "1"]
    assert cli.main([*args, "--kernels", "fresh"]) == 0
    out = capsys.readouterr().out
    assert "1 ok" in out and "run folder:" in out
    with pytest.raises(SystemExit):
        cli.main([*args, "--kernels", "tepid"])
    capsys.readouterr()
    pytest.importorskip("distributed", reason="dask[distributed] is not installed (extra 'cluster')")
    code = cli.main([*args, "--scheduler", "tcp://127.0.0.1:9"])  # nothing listens on port 9
    err = capsys.readouterr().err
    assert code == 2 and "cannot reach the Dask scheduler" in err and "Traceback" not in err
