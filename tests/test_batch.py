"""The papermill batch: real reports checked against the panel, failure isolation, resume, and
refusal of unknown provinces before any kernel starts."""

import json

import nbformat
import pytest

from analysis import cli
from analysis.provinces import UnknownProvinceError, resolve
from analysis.reports import batch
from synthetic import failing_report_notebook


@pytest.fixture(scope="module")
def real_run(built, tmp_path_factory):
    out = tmp_path_factory.mktemp("reports")
    result = batch.run_batch(provinces=["Quảng Ninh", "Đà Nẵng"], out_root=out, run_id="real", progress=False)
    return result


def _summary(run, slug):
    return json.loads((run.run_dir / slug / "summary.json").read_text(encoding="utf-8"))


def test_real_reports_complete_with_html_index_and_manifest(real_run):
    assert [r.status for r in real_run.results] == ["ok", "ok", "ok"]
    for slug in ("quang-ninh", "da-nang", "_national"):
        d = real_run.run_dir / slug
        assert (d / "report.ipynb").exists() and (d / "report.html").exists() and (d / "status.json").exists()
    html = (real_run.run_dir / "quang-ninh" / "report.html").read_text(encoding="utf-8")
    assert "Quảng Ninh" in html and "from pathlib import Path" not in html  # code hidden
    index = real_run.index_html.read_text(encoding="utf-8")
    assert "quang-ninh/report.html" in index and "da-nang/report.html" in index and "Đà Nẵng" in index
    manifest = json.loads((real_run.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"]["ok"] == 3 and len(manifest["inputs"]["panel.parquet"]) == 64
    assert {r["slug"] for r in manifest["reports"]} == {"quang-ninh", "da-nang", "_national"}


def test_summary_numbers_equal_the_panel(real_run, panel):
    s = _summary(real_run, "quang-ninh")
    head = {h["index"]: h for h in s["headline"]}
    papi = panel[
        (panel["index"] == "PAPI")
        & (panel["component"] == "total")
        & panel["is_preferred"]
        & (panel["province_code"] == "22")
    ]
    latest = papi.sort_values("year").iloc[-1]
    assert head["PAPI"]["year"] == latest["year"] and head["PAPI"]["value"] == pytest.approx(latest["value"])
    pci2019 = panel[
        (panel["index"] == "PCI") & (panel["component"] == "total") & panel["is_preferred"] & (panel["year"] == 2019)
    ]
    assert pci2019.set_index("province_code").loc["22", "value"] == pytest.approx(73.40, abs=0.005)
    # Data gaps: Quảng Ninh has no PAPI 2023 (and 2018, 2021) totals; the report says so.
    papi_missing = {g["year"]: g["reason"] for g in s["data_gaps"] if g["index"] == "PAPI"}
    assert {2018, 2021, 2023} <= set(papi_missing) and 2019 not in papi_missing
    assert papi_missing[2018] == "not_surveyed"  # KCDL in the publisher's sheet
    # SIPAS 2020: the press gives Quảng Ninh's rank (1/63) but no value.
    sipas_missing = {g["year"]: g["reason"] for g in s["data_gaps"] if g["index"] == "SIPAS"}
    assert sipas_missing[2020] == "rank_only" and sipas_missing[2017] == "press_only"
    dn = _summary(real_run, "da-nang")
    assert dn["province_code"] == "48" and dn["new_province_2025"] == "Đà Nẵng"
    trend = {t["index"]: t for t in dn["trends"]}
    assert trend["PCI"]["method_era"] == "pci-2013" and trend["PCI"]["status"] == "ok"


def test_overview_summary(real_run):
    s = _summary(real_run, "_national")
    pci = s["rankings"]["PCI"]
    # PCI 2019 (VCCI): Quảng Ninh first with 73.40 of 63 provinces; every scored province is listed.
    assert pci["year"] == 2019 and pci["n_scored"] == 63 and len(pci["ranking"]) == 63
    assert pci["ranking"][0]["province"] == "Quảng Ninh" and pci["ranking"][0]["value"] == pytest.approx(
        73.40, abs=0.005
    )
    assert (real_run.run_dir / "_national" / "map_papi_bands.png").exists()
    html = (real_run.run_dir / "_national" / "report.html").read_text(encoding="utf-8")
    assert '<html lang="vi">' in html and "PosixPath" not in html and ".partial" not in html


@pytest.mark.parametrize("kernels", ["warm", "fresh"])
def test_a_failing_province_does_not_stop_the_others(built, tmp_path, kernels):
    nb = failing_report_notebook(tmp_path / "synthetic_report.ipynb", fail_for="Đà Nẵng")
    result = batch.run_batch(
        provinces=["Quảng Ninh", "Đà Nẵng", "Cà Mau"],
        out_root=tmp_path / "r",
        run_id="x",
        include_overview=False,
        notebook=nb,
        progress=False,
        workers=2,
        kernels=kernels,
    )
    status = {r.slug: r for r in result.results}
    assert status["quang-ninh"].status == "ok" and status["ca-mau"].status == "ok"
    failed = status["da-nang"]
    # Execution count 3: parameters, papermill's injected parameters, then the failing cell.
    assert failed.status == "failed" and failed.error["ename"] == "RuntimeError" and failed.error["cell"] == 3
    assert "synthetic failure" in failed.error["evalue"]
    assert (result.run_dir / "da-nang.failed" / "report.ipynb").exists()  # partial notebook kept
    assert not (result.run_dir / "da-nang").exists()  # never marked complete
    manifest = json.loads((result.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["counts"] == {"ok": 2, "skipped": 0, "failed": 1, "interrupted": 0}
    index = result.index_html.read_text(encoding="utf-8")
    failed_block = index.split('<div class="failed">', 1)[1].split("</div>", 1)[0]
    assert "Đà Nẵng" in failed_block and "Cà Mau" not in failed_block


def test_cli_exits_non_zero_when_a_report_fails(built, tmp_path, monkeypatch, capsys):
    nb = failing_report_notebook(tmp_path / "synthetic_report.ipynb", fail_for="Cà Mau")
    monkeypatch.setattr(batch, "PROVINCE_NOTEBOOK", nb)
    code = cli.main(
        [
            "batch",
            "--province",
            "Cà Mau",
            "--province",
            "Huế",
            "--no-overview",
            "--out",
            str(tmp_path / "r"),
            "--workers",
            "1",
        ]
    )
    out = capsys.readouterr().out
    assert code == 1 and "FAILED ca-mau" in out and "1 ok" in out and "index.html" in out


def test_resume_skips_completed_reports_with_the_same_inputs(built, tmp_path):
    nb = failing_report_notebook(tmp_path / "synthetic_report.ipynb", fail_for="nobody")
    kw = dict(out_root=tmp_path / "r", run_id="same", include_overview=False, notebook=nb, progress=False)
    first = batch.run_batch(provinces=["Quảng Ninh", "Cà Mau"], **kw)
    assert [r.status for r in first.results] == ["ok", "ok"]
    (first.run_dir / "ca-mau" / "status.json").unlink()  # as if interrupted before completion
    second = batch.run_batch(provinces=["Quảng Ninh", "Cà Mau"], resume=True, **kw)
    assert {r.slug: r.status for r in second.results} == {"quang-ninh": "skipped", "ca-mau": "ok"}
    nb.write_text(nb.read_text().replace("'headline': []", "'headline': [], 'v': 2"))  # new inputs
    third = batch.run_batch(provinces=["Quảng Ninh"], resume=True, **kw)
    assert [r.status for r in third.results] == ["ok"]


def test_unknown_province_is_refused_before_any_kernel_starts(tmp_path, monkeypatch):
    def no_kernel():
        raise AssertionError("a kernel was prepared")

    monkeypatch.setattr(batch, "ensure_kernel", no_kernel)
    with pytest.raises(UnknownProvinceError, match="closest: Quảng Ninh"):
        batch.run_batch(provinces=["Quảng Ninh", "Quang Nimh"], out_root=tmp_path)
    assert not any(tmp_path.iterdir())
    with pytest.raises(ValueError, match="unknown region"):
        batch.run_batch(region="Atlantis", out_root=tmp_path)


def test_region_selection_and_path_safe_slugs():
    codes = batch.select_provinces(region="Tây Nguyên")
    assert sorted(codes) == ["62", "64", "66", "67", "68"]
    assert len(batch.select_provinces(region="Mekong River Delta")) == 13
    from analysis.provinces import province_table

    slugs = province_table()["slug"]
    assert slugs.str.fullmatch(r"[a-z0-9-]+").all() and slugs.is_unique


def test_ctrl_c_leaves_no_half_written_report_marked_complete(built, tmp_path):
    """SIGINT to a running batch: finished reports stay complete, the interrupted one is never
    renamed to its final folder, and the manifest says what was interrupted."""
    import os
    import signal
    import subprocess
    import sys
    import time

    nb = nbformat.v4.new_notebook()
    params = nbformat.v4.new_code_cell('province = "Hà Nội"\noutput_dir = "."')
    params.metadata["tags"] = ["parameters"]
    body = nbformat.v4.new_code_cell(
        "import json, pathlib, time\n"
        "if province == 'Cà Mau':\n    time.sleep(120)\n"
        "pathlib.Path(output_dir, 'summary.json').write_text(json.dumps({'province': province, 'headline': []}))"
    )
    nb.cells = [params, body]
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    path = tmp_path / "synthetic_slow.ipynb"
    nbformat.write(nb, path)
    code = (
        "from analysis.reports.batch import run_batch\n"
        f"run_batch(provinces=['Quảng Ninh', 'Cà Mau'], out_root={str(tmp_path / 'r')!r}, run_id='int',"
        f" include_overview=False, notebook={str(path)!r}, progress=False, workers=2)\n"
    )
    # Ctrl-C as in a terminal: a run started in the background by a shell inherits SIGINT ignored,
    # which Python keeps; restore the default so the batch sees the interrupt.
    proc = subprocess.Popen(
        [sys.executable, "-c", code],
        start_new_session=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    run_dir = tmp_path / "r" / "int"
    deadline = time.time() + 90
    while time.time() < deadline and not (run_dir / "quang-ninh" / "status.json").exists():
        time.sleep(0.5)
    assert (run_dir / "quang-ninh" / "status.json").exists(), "the fast report did not finish"
    time.sleep(1)
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C sends to the whole foreground group
    assert proc.wait(timeout=60) != 0
    assert not (run_dir / "ca-mau").exists()  # never marked complete
    assert json.loads((run_dir / "quang-ninh" / "status.json").read_text())["status"] == "ok"
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    status = {r["slug"]: r["status"] for r in manifest["reports"]}
    assert status == {"quang-ninh": "ok", "ca-mau": "interrupted"}


def test_shared_tables_are_written_once_per_run_and_keyed_by_checksum(real_run, tmp_path):
    shared = real_run.run_dir / ".shared_tables.pkl"
    manifest = json.loads((real_run.run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert shared.exists() and len(manifest["inputs"]["shared_tables"]) == 64
    for slug in ("quang-ninh", "_national"):
        nb = nbformat.read(real_run.run_dir / slug / "report.ipynb", as_version=4)
        assert nb.metadata.papermill.parameters["shared_tables"]["sha256"] == manifest["inputs"]["shared_tables"]
    # the key holds the checksum, not the run folder: another run with the same inputs reuses reports
    other = {"path": str(tmp_path / "elsewhere.pkl"), "sha256": manifest["inputs"]["shared_tables"]}
    here = {"path": str(shared), "sha256": manifest["inputs"]["shared_tables"]}
    code = [resolve("Quảng Ninh")]
    keys_here = [t.inputs_key for t in batch.plan(code, real_run.run_dir, True, 60, shared_tables=here)]
    keys_there = [t.inputs_key for t in batch.plan(code, tmp_path, True, 60, shared_tables=other)]
    changed = {**here, "sha256": "f" * 64}
    keys_changed = [t.inputs_key for t in batch.plan(code, tmp_path, True, 60, shared_tables=changed)]
    assert keys_here == keys_there and keys_changed[0] != keys_here[0] and keys_changed[1] != keys_here[1]
