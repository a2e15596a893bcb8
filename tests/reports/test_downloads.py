"""Downloads: CSV with a UTF-8 byte-order mark (Excel shows Vietnamese names), values at published
precision (no float noise), whole-number columns written as integers."""

from __future__ import annotations

import csv
import re

import numpy as np
import pandas as pd
import pytest

from analysis.reports.downloads import write_csv

BOM = b"\xef\xbb\xbf"
NAMES = ["Thừa Thiên Huế", "Bà Rịa - Vũng Tàu", "Đắk Lắk", "Hồ Chí Minh"]


def _frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "province": NAMES,
            "year": [2019.0, 2020.0, np.nan, 2024.0],  # float only because of the missing value
            "value": [46.66279220581055, 47.821236044, np.nan, 0.1 + 0.2],
            "gap": [-0.004999, 1e-9, 12.3456789, -3.14159],
            "score32": np.array([46.66279220581055, 73.02, 1.005, 90.61], dtype="float32"),
            "note": ["có", "không", None, "“trích dẫn”, có dấu phẩy"],
        }
    )


@pytest.fixture()
def written(tmp_path):
    path = write_csv(_frame(), tmp_path / "sub" / "data.csv")
    return path


def _cells(path) -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def test_starts_with_bom_and_keeps_vietnamese(written):
    raw = written.read_bytes()
    assert raw.startswith(BOM)
    assert not raw[len(BOM) :].startswith(BOM)  # exactly one BOM
    back = pd.read_csv(written, encoding="utf-8-sig")
    assert list(back.columns)[0] == "province"  # no BOM glued to the first header
    assert list(back["province"]) == NAMES
    # and the bytes are UTF-8 (Excel reads the BOM as "this is UTF-8")
    assert "Thừa Thiên Huế".encode() in raw and "Bà Rịa - Vũng Tàu".encode() in raw


def test_floats_have_at_most_two_decimals(written):
    text = written.read_text(encoding="utf-8-sig")
    rows = _cells(written)
    for row in rows:
        for col in ("value", "gap", "score32"):
            cell = row[col]
            if cell == "":
                continue
            assert re.fullmatch(r"-?\d+(\.\d{1,2})?", cell), (col, cell)
    assert "46.66" in text and "46.6627" not in text
    assert "0.30000000000000004" not in text
    assert "e-" not in text.lower()


def test_values_are_rounded_not_truncated(written):
    rows = _cells(written)
    by_name = {r["province"]: r for r in rows}
    assert float(by_name["Thừa Thiên Huế"]["value"]) == 46.66
    assert float(by_name["Bà Rịa - Vũng Tàu"]["value"]) == 47.82
    assert float(by_name["Hồ Chí Minh"]["value"]) == 0.3
    assert float(by_name["Bà Rịa - Vũng Tàu"]["score32"]) == 73.02
    assert float(by_name["Hồ Chí Minh"]["score32"]) == 90.61
    assert float(by_name["Đắk Lắk"]["gap"]) == 12.35
    assert float(by_name["Hồ Chí Minh"]["gap"]) == -3.14


def test_no_negative_zero_in_csv(written):
    rows = _cells(written)
    assert [r["gap"] for r in rows if r["gap"] in ("-0.0", "-0", "-0.00")] == []


def test_whole_number_columns_are_integers(written):
    rows = _cells(written)
    assert [r["year"] for r in rows] == ["2019", "2020", "", "2024"]


def test_text_cells_survive_quoting(written):
    rows = _cells(written)
    assert rows[3]["note"] == "“trích dẫn”, có dấu phẩy"
    assert rows[2]["note"] == ""


def test_does_not_modify_the_frame_and_leaves_no_temp_file(tmp_path):
    df = _frame()
    before = df.copy()
    write_csv(df, tmp_path / "data.csv")
    pd.testing.assert_frame_equal(df, before)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data.csv"]


def test_real_report_data_csv(tmp_path):
    """The data.csv a real report writes: BOM, Vietnamese component labels, at most 2 decimals."""
    from analysis.reports.numbers import report_panel
    from analysis.reports.province import province_report

    panel = report_panel()
    empty = pd.DataFrame(columns=["index", "province_code", "year", "reason", "detail"])
    rep = province_report(panel, "Thừa Thiên Huế", language="vi", missing=empty, figures=False)
    paths = rep.write(tmp_path)
    raw = paths["csv"].read_bytes()
    assert raw.startswith(BOM)
    rows = _cells(paths["csv"])
    assert rows
    for row in rows:
        for col in ("value", "scale_min", "scale_max"):
            assert re.fullmatch(r"(-?\d+(\.\d{1,2})?)?", row[col]), (col, row[col])
        assert re.fullmatch(r"\d{4}", row["year"]), row["year"]
    labels = {r["component_label_vi"] for r in rows}
    assert any(re.search("[ăâđêôơư]", s) for s in labels)
    assert (tmp_path / "report.html").exists() and (tmp_path / "summary.json").exists()
    assert not [p.name for p in tmp_path.iterdir() if p.name.startswith(".")]
