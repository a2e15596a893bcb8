"""Bad raw input gives a clear error naming the file, or a quarantine row; never a silent drop.
All raw files here are synthetic, written by the tests."""

import json

import pandas as pd
import pytest

from analysis.manifest import sha256, verify
from analysis.sources.base import SourceFormatError, parse_number
from analysis.sources.pci import load_workbooks_2005_2019
from analysis.validate import validate_rows

HEADER = (
    "prov,province_code_gso,year,pci_entry,pci_land,pci_transparency,pci_time,pci_informal,pci_implement,"
    "pci_bias_old,pci_bias,pci_proactive,pci_support,pci_labor,pci_legal,pci_unweighted,pci_weighted"
)


def synthetic_pci(tmp_path, rows):
    path = tmp_path / "synthetic_pci.csv"
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n", encoding="utf-8")
    return path


def row(prov="Quang Ninh", code="22", year="2015", total="60.5", entry="6.1"):
    return f"{prov},{code},{year},{entry},5,5,5,5,,,5,5,5,5,5,,{total}"


def test_unknown_province_is_quarantined_with_file_line_and_candidates(tmp_path):
    path = synthetic_pci(tmp_path, [row(), row(prov="Quang Nimh", code="")])
    result = load_workbooks_2005_2019(path, source="synthetic")
    q = result.quarantine
    assert len(q) == 1
    assert q.iloc[0]["raw_line"] == 3 and q.iloc[0]["raw_file"].endswith("synthetic_pci.csv")
    assert "Quang Nimh" in q.iloc[0]["reason"] and "Quảng Ninh" in q.iloc[0]["reason"]
    assert set(result.rows["raw_line"]) == {2}


def test_name_and_code_that_disagree_are_quarantined(tmp_path):
    result = load_workbooks_2005_2019(synthetic_pci(tmp_path, [row(code="48")]), source="synthetic")
    assert len(result.rows) == 0
    assert "resolves to 22" in result.quarantine.iloc[0]["reason"]


def test_decimal_comma_is_quarantined_not_misread(tmp_path):
    path = synthetic_pci(tmp_path, [row(entry='"6,1"')])
    result = load_workbooks_2005_2019(path, source="synthetic")
    q = result.quarantine
    assert len(q) == 1 and q.iloc[0]["column"] == "pci_entry" and "decimal comma" in q.iloc[0]["reason"]
    assert "pci:entry_costs" not in set(result.rows["component"])
    assert len(result.rows) == 10  # the other cells of the row still load


def test_out_of_range_value_is_quarantined_by_validation(tmp_path):
    result = load_workbooks_2005_2019(synthetic_pci(tmp_path, [row(entry="12.5")]), source="synthetic")
    valid, q = validate_rows(result.rows)
    assert len(q) == 1 and q.iloc[0]["column"] == "pci:entry_costs"
    assert "scale" in q.iloc[0]["reason"] and "12.5" in q.iloc[0]["reason"]
    assert len(valid) == len(result.rows) - 1


def test_duplicate_key_is_quarantined(tmp_path):
    result = load_workbooks_2005_2019(synthetic_pci(tmp_path, [row(), row(total="61.0")]), source="synthetic")
    valid, q = validate_rows(result.rows)
    totals = q[q["column"] == "total"]
    assert sorted(totals["raw_line"]) == [2, 3]
    assert all("duplicate key" in r for r in totals["reason"])
    assert "total" not in set(valid["component"])


def test_missing_column_stops_with_the_file_named(tmp_path):
    path = tmp_path / "synthetic_missing.csv"
    path.write_text(HEADER.replace(",pci_weighted", "") + "\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="synthetic_missing.csv.*pci_weighted"):
        load_workbooks_2005_2019(path, source="synthetic")


def test_unknown_column_and_undecodable_text_stop_the_build(tmp_path):
    path = tmp_path / "synthetic_extra.csv"
    path.write_text(HEADER + ",surprise\n", encoding="utf-8")
    with pytest.raises(SourceFormatError, match="unknown column.*surprise"):
        load_workbooks_2005_2019(path, source="synthetic")
    bad = tmp_path / "synthetic_latin1.csv"
    bad.write_bytes((HEADER + "\n" + row(prov="Qu\xe1ng Ninh")).encode("latin-1"))
    with pytest.raises(SourceFormatError, match="synthetic_latin1.csv.*UTF-8"):
        load_workbooks_2005_2019(bad, source="synthetic")


def test_checksum_mismatch_and_missing_file_stop_the_build(tmp_path):
    path = synthetic_pci(tmp_path, [row()])
    manifest = {"synthetic": {"path": path.name, "sha256": sha256(path)}}
    assert verify(manifest, tmp_path) == {"synthetic": path}
    path.write_text(path.read_text() + row(year="2016") + "\n")
    with pytest.raises(SourceFormatError, match="checksum mismatch"):
        verify(manifest, tmp_path)
    with pytest.raises(SourceFormatError, match="missing"):
        verify({"x": {"path": "nope.csv", "sha256": "0"}}, tmp_path)
    json.dumps(manifest)


@pytest.mark.parametrize("text,value", [("13.96", 13.96), ("-0.5", -0.5), ("", None), ("1e-3", 0.001), (" 7 ", 7.0)])
def test_parse_number_accepts_plain_decimals(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["13,96", "N/A", "1.234.5", "12%"])
def test_parse_number_rejects_everything_else(text):
    with pytest.raises(ValueError):
        parse_number(text)


def test_zero_meaning_not_reported_is_quarantined_with_the_reason(built):
    q = built.quarantine
    zeros = q[q["reason"].str.contains("not reported")]
    assert len(zeros) > 0 and set(zeros["source"]) == {"papi_workbook_2018_2023"}
    raw = pd.read_csv(built_raw("papi/papi_2018_2019_2022_2023_indicators_long.csv"))
    assert (raw.loc[zeros["raw_line"].astype(int) - 2, "value"] == 0).all()


def built_raw(path):
    from analysis import config

    return config.RAW_DIR / path
