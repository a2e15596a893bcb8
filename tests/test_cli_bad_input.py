"""Every bad input a user tried gets one clear line and a non-zero exit, never a traceback.

Each case runs the real command line (``python -m analysis.cli``) as a subprocess against a copy
of the project's data made by the test (``REFORM_PROJECT_ROOT``), so the real data is untouched."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from analysis import config


@pytest.fixture(scope="module")
def project(tmp_path_factory, built):
    """A copy of data/raw and data/processed under a temporary project root."""
    root = tmp_path_factory.mktemp("project")
    shutil.copytree(config.RAW_DIR, root / "data" / "raw")
    shutil.copytree(config.PROCESSED_DIR, root / "data" / "processed")
    (root / "notebooks").symlink_to(config.NOTEBOOKS_DIR)
    return root


def run(project: Path, *args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, REFORM_PROJECT_ROOT=str(project))
    return subprocess.run(
        [sys.executable, "-m", "analysis.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=cwd or project,
        timeout=300,
    )


def check(result: subprocess.CompletedProcess, code: int, *fragments: str) -> None:
    """Exit ``code``, every fragment in the message, no traceback, and a short message."""
    err = result.stderr.strip()
    assert result.returncode == code, (result.returncode, err[-2000:], result.stdout[-500:])
    assert "Traceback" not in err and "Traceback" not in result.stdout, err[-2000:]
    for fragment in fragments:
        assert fragment in err, (fragment, err[-1000:])
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith(("usage:", " "))]
    assert len(lines) <= 3, err  # argparse prints usage plus one line; ours print one line


# --- arguments ---------------------------------------------------------------------------------
ARGUMENT_CASES = [
    (["figures", "--province", ""], "no province given"),
    (["figures", "--province", "Atlantis"], "unknown province"),
    (["figures", "--width", "huge"], "invalid choice: 'huge'"),
    (["figures", "--formats", "gif"], "unknown format 'gif'"),
    (["figures", "--language", "fr"], "invalid choice: 'fr'"),
    (["figures", "--out", "/proc/no-such-folder/figures"], "cannot write to /proc/no-such-folder/figures"),
    (["batch", "--province", "Atlantis"], "unknown province"),
    (["batch", "--region", "Narnia"], "unknown region 'Narnia'"),
    (["batch", "--formats", "png,gif"], "unknown format 'gif'"),
    (["batch", "--language", "fr"], "invalid choice: 'fr'"),
    (["batch", "--workers", "0"], "--workers"),
    (["extract", "/no/such/report.txt"], "/no/such/report.txt"),
    (["sources", "add", "/no/such/file.csv", "--source", "x"], "/no/such/file.csv: no such file"),
    (["frobnicate"], "invalid choice: 'frobnicate'"),
]


@pytest.mark.parametrize("args, message", ARGUMENT_CASES, ids=lambda a: " ".join(a) if isinstance(a, list) else "")
def test_bad_arguments(project, args, message):
    check(run(project, *args), 2, message)


# --- raw data and output folders ----------------------------------------------------------------
@pytest.fixture
def fresh(project, tmp_path):
    """A disposable copy of the project data for cases that damage it."""
    root = tmp_path / "p"
    shutil.copytree(project / "data", root / "data")
    return root


def test_edited_raw_file_is_refused_with_the_file_and_what_to_do(fresh):
    raw = fresh / "data" / "raw" / "press" / "par_sipas_press_reported.csv"
    raw.write_text(raw.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    check(run(fresh, "build"), 2, "par_sipas_press_reported.csv", "checksum mismatch", "reform sources add")


def test_missing_raw_file_is_named(fresh):
    (fresh / "data" / "raw" / "pci" / "pci_2005_2019_subindices.csv").unlink()
    check(run(fresh, "build"), 2, "pci_2005_2019_subindices.csv", "missing")


def test_missing_manifest_is_named(fresh):
    (fresh / "data" / "raw" / "manifest.json").unlink()
    check(run(fresh, "build"), 2, "manifest is missing")


def test_unwritable_processed_folder_fails_before_loading(fresh):
    processed = fresh / "data" / "processed"
    shutil.rmtree(processed)
    processed.write_text("not a folder")  # as root, permissions alone do not stop a write
    result = run(fresh, "build")
    check(result, 2, "cannot write to", "processed")
    assert "verified" not in result.stdout  # refused before reading the raw files


def test_corrupted_panel_is_rebuilt_with_a_notice(fresh):
    panel = fresh / "data" / "processed" / "panel.parquet"
    panel.write_bytes(panel.read_bytes()[:5000])  # truncated, as after a crash mid-copy
    result = run(fresh, "figures", "--province", "Đà Nẵng", "--formats", "png", "--out", str(fresh / "figs"))
    assert result.returncode == 0, result.stderr[-2000:]
    assert "panel.parquet could not be read" in result.stderr and "rebuilding" in result.stderr
    assert "Traceback" not in result.stderr
    assert (fresh / "figs" / "trend_papi.png").exists()


# --- recording raw files ------------------------------------------------------------------------
def test_sources_add_refuses_a_new_source_without_provenance(fresh, tmp_path):
    table = tmp_path / "par_index_2024.csv"
    table.write_text("province,year,value\nQuảng Ninh,2024,91.49\n", encoding="utf-8")
    check(run(fresh, "sources", "add", str(table), "--source", "par_index_official"), 2, "--publisher", "--licence")
    check(run(fresh, "sources", "add", str(table), "--source", "bad key!"), 2, "letters, digits and underscores")


def test_sources_add_records_a_new_version_and_keeps_the_old_checksum(fresh, tmp_path):
    raw = fresh / "data" / "raw"
    manifest = json.loads((raw / "manifest.json").read_text(encoding="utf-8"))["sources"]
    old = manifest["press_par_sipas"]
    # The same bytes again: nothing to record.
    same = tmp_path / "same.csv"
    shutil.copyfile(raw / old["path"], same)
    check(run(fresh, "sources", "add", str(same), "--source", "press_par_sipas"), 2, "nothing to do")
    # A corrected file: a new version; the build then accepts it.
    edited = tmp_path / "edited.csv"
    edited.write_text((raw / old["path"]).read_text(encoding="utf-8"), encoding="utf-8")
    with edited.open("a", encoding="utf-8") as fh:
        fh.write("\n")
    result = run(fresh, "sources", "add", str(edited), "--source", "press_par_sipas")
    assert result.returncode == 0, result.stderr
    new = json.loads((raw / "manifest.json").read_text(encoding="utf-8"))["sources"]["press_par_sipas"]
    assert new["history"][-1]["sha256"] == old["sha256"] and new["sha256"] != old["sha256"]
    assert new["path"] == old["path"] and new["publisher"] == old["publisher"]
    assert (raw / new["path"]).read_bytes() == edited.read_bytes()
    check(run(fresh, "build", "--quiet"), 0)


def test_extract_names_an_undecodable_file_and_reads_the_others(project, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    (folder / "good.txt").write_text("Năm 2023, tỉnh giải quyết đúng hạn 91,5% hồ sơ.\n", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"\xff\xfe\x00garbage\x00\xd8")  # no text encoding fits
    result = run(project, "extract", str(folder))
    check(result, 1, "bad.txt")
    assert "91.5" in result.stdout and "good.txt" in result.stdout  # the good file still gives its record
