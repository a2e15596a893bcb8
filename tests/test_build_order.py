"""The panel does not depend on the order of raw rows, and a raw row given twice is quarantined,
never counted twice. The raw files are copied, shuffled and edited by the test; the manifest's
checksums are recomputed for the copies."""

from __future__ import annotations

import json
import shutil

import pandas as pd
import pytest

from analysis import config
from analysis.manifest import sha256
from analysis.panel import build_panel

# The PCI workbook is not shuffled: its errata name raw lines, and a moved line must make an
# erratum fail loudly (tested elsewhere); the duplicate is appended so no line moves.
PCI = "pci/pci_2005_2019_subindices.csv"
SHUFFLED = [
    "papi/papi_2011_2019_dimensions_long.csv",
    "papi/papi_subdimensions_2011_2024_hnks_wide.csv",
    "pci/pci_subindex_tables_pcivietnam_partial.csv",
    "press/par_sipas_press_reported.csv",
    "press/par_sipas_press_more.csv",
]
KEY = ["index", "component", "level", "province_code", "region", "year", "source", "value"]
COMPARED = KEY + ["is_preferred", "n_reports", "conflict", "method_era", "is_derived"]


@pytest.fixture(scope="module")
def shuffled_build(tmp_path_factory):
    raw = tmp_path_factory.mktemp("raw")
    shutil.copytree(config.RAW_DIR, raw, dirs_exist_ok=True)
    for rel in SHUFFLED:
        path = raw / rel
        df = pd.read_csv(path, dtype=str, keep_default_na=False)
        df.sample(frac=1.0, random_state=20261127).to_csv(path, index=False)
    pci = raw / PCI
    df = pd.read_csv(pci, dtype=str, keep_default_na=False)
    twice = df[(df["province_code_gso"] == "22") & (df["year"] == "2015")]
    assert len(twice) == 1
    with pci.open("a", encoding="utf-8") as fh:  # Quảng Ninh 2015 given twice, at the end
        fh.write(twice.to_csv(index=False, header=False))
    manifest = json.loads((raw / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["sources"].values():
        entry["sha256"] = sha256(raw / entry["path"])
    (raw / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2), encoding="utf-8")
    return build_panel(out_dir=tmp_path_factory.mktemp("out"), raw_dir=raw, progress=lambda _m: None)


def _pci_qn_2015(df: pd.DataFrame) -> pd.Series:
    return ((df["source"] == "pci_workbooks_2005_2019") & (df["province_code"] == "22") & (df["year"] == 2015)).fillna(
        False
    )


def _canonical(df: pd.DataFrame) -> pd.DataFrame:
    out = df[COMPARED].copy()
    out["value"] = out["value"].round(10)
    return out.sort_values(KEY, na_position="last").reset_index(drop=True).astype(str)


def test_shuffled_rows_give_the_same_panel(shuffled_build, panel):
    new = shuffled_build.panel
    pd.testing.assert_frame_equal(_canonical(new[~_pci_qn_2015(new)]), _canonical(panel[~_pci_qn_2015(panel)]))


def test_a_row_given_twice_is_quarantined_not_double_counted(shuffled_build, panel):
    new = shuffled_build.panel
    real_rows, new_rows = panel[_pci_qn_2015(panel)], new[_pci_qn_2015(new)]
    assert len(real_rows) > 0
    # Counted once: the same cells with the same values as the real build, no extra copy.
    pd.testing.assert_frame_equal(_canonical(new_rows), _canonical(real_rows))
    # The later copy is quarantined, one row per cell, naming the line it repeats.
    q = shuffled_build.quarantine
    dup = q[q["source"].eq("pci_workbooks_2005_2019") & q["reason"].str.contains("duplicate key: same value as line")]
    assert len(dup) == len(real_rows) and dup["raw_line"].nunique() == 1
    assert int(dup["raw_line"].iloc[0]) > int(real_rows["raw_line"].iloc[0])


def test_an_interrupted_write_leaves_the_previous_panel_whole(tmp_path, monkeypatch):
    """A build stopped while writing (here: the disk fills during panel.csv) keeps the previous
    files intact and leaves no temporary file."""
    from analysis import panel as panel_module

    out = tmp_path / "processed"
    out.mkdir()
    (out / "panel.csv").write_text("synthetic previous panel\n", encoding="utf-8")

    def disk_full(self, path, *args, **kwargs):
        with open(path, "w", encoding="utf-8") as fh:
            fh.write("index,component\nPAPI,to")  # half a file, then the failure
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pd.DataFrame, "to_csv", disk_full)
    with pytest.raises(OSError, match="No space left"):
        panel_module.build_panel(out_dir=out, progress=lambda _m: None)
    assert (out / "panel.csv").read_text(encoding="utf-8") == "synthetic previous panel\n"
    assert not list(out.glob("*.tmp"))
