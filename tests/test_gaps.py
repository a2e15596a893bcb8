"""Why a province-year has no total: reason codes on a synthetic panel and on the real build."""

import pandas as pd
import pytest

from analysis.gaps import REASONS, covered_years, gap_summary, missing_reasons, provinces_in

ALL_63 = provinces_in(2011)


def _rows(index, year, codes, source, confidence="published_table", component="total"):
    return pd.DataFrame(
        {
            "index": index,
            "component": component,
            "level": "province",
            "province_code": list(codes),
            "year": year,
            "value": 50.0,
            "source": source,
            "confidence": confidence,
        }
    )


@pytest.fixture
def synthetic(tmp_path):
    """PAPI 2011-2012 with two gaps (a quarantined zero, a 'no data' marker); PCI 2005 with 42
    provinces (not surveyed), 2006 with one table-less gap, 2021 from a cut table, 2023 top rows;
    PAR INDEX 2012 press only with two provinces."""
    raw = tmp_path / "raw"
    (raw / "papi").mkdir(parents=True)
    # A raw file whose line 3 holds the 0 that means "not reported" for province 24 in 2012.
    pd.DataFrame(
        {
            "year": ["2012", "2012"],
            "province_code_gso": ["1", "24"],
            "level": ["total", "total"],
            "value": ["36", "0.0"],
        }
    ).to_csv(raw / "papi" / "t.csv", index=False)
    quarantine = pd.DataFrame(
        {
            "source": ["papi_dims_2011_2019", "pci_province_pages"],
            "raw_file": ["papi/t.csv", "papi/t.csv"],
            "raw_line": [3, 2],
            "column": ["total", "value"],
            "value": ["0.0", "36"],
            "reason": ["value outside the component's scale (value 0 on scale 6-60)", "suspect_site_value: x"],
        }
    )
    markers = pd.DataFrame({"index": ["PAPI"], "province_code": ["22"], "year": [2011], "detail": ["KCDL"]})
    pci2005 = ALL_63[:42]
    panel = pd.concat(
        [
            _rows("PAPI", 2011, [c for c in ALL_63 if c != "22"], "papi_dims_2011_2019"),
            _rows("PAPI", 2012, [c for c in ALL_63 if c != "24"], "papi_dims_2011_2019"),
            _rows("PCI", 2005, pci2005, "pci_workbooks_2005_2019"),
            _rows("PCI", 2006, [c for c in provinces_in(2006) if c != "01"], "pci_workbooks_2005_2019"),
            _rows("PCI", 2021, ["22", "31"], "pci_tables_partial"),
            _rows("PCI", 2023, ["38"], "pci_province_pages"),
            _rows("PAR_INDEX", 2012, ["48", "01"], "press_par_sipas", confidence="press"),
            # A rank without a value is still a missing total.
            _rows("PAR_INDEX", 2012, ["79"], "press_par_sipas", confidence="press", component="rank"),
        ],
        ignore_index=True,
    )
    return panel, quarantine, markers, raw


def _reason(gaps, index, code, year):
    hit = gaps[(gaps["index"] == index) & (gaps["province_code"] == code) & (gaps["year"] == year)]
    assert len(hit) == 1, (index, code, year, len(hit))
    return hit.iloc[0]["reason"]


def test_each_reason_on_a_synthetic_panel(synthetic):
    panel, quarantine, markers, raw = synthetic
    gaps = missing_reasons(panel, quarantine, markers=markers, raw_dir=raw)
    assert list(gaps.columns) == ["index", "province_code", "year", "reason", "detail"]
    assert set(gaps["reason"]) == set(REASONS)
    assert _reason(gaps, "PAPI", "24", 2012) == "zero_not_reported"
    assert _reason(gaps, "PAPI", "22", 2011) == "not_surveyed"
    # PCI 2005: 64 provinces then (Hà Tây until 2008), 42 surveyed.
    pci05 = gaps[(gaps["index"] == "PCI") & (gaps["year"] == 2005)]
    assert len(pci05) == 64 - 42 and set(pci05["reason"]) == {"not_surveyed"}
    assert _reason(gaps, "PCI", "01", 2006) == "not_published"
    assert _reason(gaps, "PCI", "01", 2021) == "top_rows_only"  # a cut table that year
    assert _reason(gaps, "PCI", "01", 2020) == "not_published"  # no source at all
    assert _reason(gaps, "PCI", "01", 2023) == "top_rows_only"  # VCCI: top 30 only
    assert _reason(gaps, "PAR_INDEX", "79", 2012) == "press_only"
    # Nothing for province-years that have a total; only the suspect-site value was not a zero.
    assert gaps[(gaps["index"] == "PAR_INDEX") & gaps["province_code"].isin(["48", "01"])].empty
    assert len(gaps[(gaps["index"] == "PAPI")]) == 2
    # Years covered: from the first method era (PCI 2005, PAR INDEX 2012) to the last year in the panel.
    assert covered_years(panel, "PCI") == list(range(2005, 2024))
    assert len(gaps[gaps["index"] == "PAR_INDEX"]) == 63 - 2
    assert (gaps["detail"].str.len() > 0).all()


def test_without_a_quarantine_the_zero_is_not_a_reason(synthetic):
    panel, _, markers, raw = synthetic
    gaps = missing_reasons(
        panel, pd.DataFrame(columns=["source", "raw_file", "raw_line", "value", "reason"]), markers=markers, raw_dir=raw
    )
    assert _reason(gaps, "PAPI", "24", 2012) == "not_published"


def test_summary_leaves_out_press_only(synthetic):
    panel, quarantine, markers, raw = synthetic
    summary = gap_summary(missing_reasons(panel, quarantine, markers=markers, raw_dir=raw))
    assert "press_only" not in set(summary["reason"])
    row = summary[(summary["index"] == "PAPI") & (summary["year"] == 2012)].iloc[0]
    assert (row["reason"], row["n_missing"], row["missing"]) == ("zero_not_reported", 1, "Bắc Giang")


# --- the real build ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real_gaps(built):
    return missing_reasons(built.panel, built.quarantine)


@pytest.mark.parametrize(
    "index,code,year,reason",
    [
        # SOURCES.md, PAPI workbook: 2018 "94 KCDL cells (Quảng Ninh, Đồng Tháp)".
        ("PAPI", "22", 2018, "not_surveyed"),
        ("PAPI", "87", 2018, "not_surveyed"),
        # 2023: "Quảng Ninh (22) and Bình Dương (74) have no values at all".
        ("PAPI", "22", 2023, "not_surveyed"),
        ("PAPI", "74", 2023, "not_surveyed"),
        # hnks blank rows "no data from source": 2021 Quảng Ninh, Bắc Giang, Bắc Ninh; 2024 Vĩnh Phúc, Tiền Giang.
        ("PAPI", "24", 2021, "not_surveyed"),
        ("PAPI", "26", 2024, "not_surveyed"),
        ("PAPI", "82", 2024, "not_surveyed"),
        # 2022: "Bắc Giang (24) and Bắc Ninh (27) carry 0.0 ... mean 'not reported'".
        ("PAPI", "24", 2022, "zero_not_reported"),
        ("PAPI", "27", 2022, "zero_not_reported"),
        # 2014 Bắc Giang, Đồng Tháp: total_unweighted 0.0 in the 2011-2019 file (lines 7261, 7302).
        ("PAPI", "24", 2014, "zero_not_reported"),
        ("PAPI", "87", 2014, "zero_not_reported"),
        # PCI 2005: 42 provinces; Cà Mau is not among them.
        ("PCI", "96", 2005, "not_surveyed"),
        # From PCI 2023 VCCI publishes only the top 30; Hà Nội has no 2023 value here.
        ("PCI", "01", 2023, "top_rows_only"),
        # No PCI 2020 table was found; Hà Nội has no province page.
        ("PCI", "01", 2020, "not_published"),
        # PAR INDEX / SIPAS from the press only.
        ("PAR_INDEX", "01", 2014, "press_only"),
        ("SIPAS", "48", 2017, "press_only"),
    ],
)
def test_known_gaps_get_the_reason_sources_md_gives(real_gaps, index, code, year, reason):
    assert _reason(real_gaps, index, code, year) == reason


def test_real_gap_counts(real_gaps):
    papi = real_gaps[real_gaps["index"] == "PAPI"]
    # SOURCES.md names 13 PAPI province-years without data: 2014 (2), 2018 (2), 2021 (3), 2022 (2),
    # 2023 (2), 2024 (2). Every other province-year 2011-2024 has a total.
    assert len(papi) == 13
    # PAR INDEX 2012-2024: 13 years x 63 provinces minus the 136 province-years with a press value.
    assert len(real_gaps[real_gaps["index"] == "PAR_INDEX"]) == 13 * 63 - 136
    # SIPAS 2017-2024: 8 x 63 minus 76.
    assert len(real_gaps[real_gaps["index"] == "SIPAS"]) == 8 * 63 - 76
    # PCI 2005: 64 provinces then, 42 in the workbook.
    assert (
        real_gaps[(real_gaps["index"] == "PCI") & (real_gaps["year"] == 2005)]["reason"] == "not_surveyed"
    ).sum() == 22


def test_build_list_agrees_with_the_gaps(built, real_gaps):
    """`reform build`'s "provinces missing" list is the gaps summary: PAPI 2018 Quảng Ninh and
    Đồng Tháp appear in it, as in reports."""
    s = built.shortfalls
    row = s[(s["index"] == "PAPI") & (s["year"] == 2018)]
    assert len(row) == 1 and row.iloc[0]["missing"] == "Quảng Ninh, Đồng Tháp"
    assert s["n_missing"].sum() == (real_gaps["reason"] != "press_only").sum()


def test_default_quarantine_is_read_from_processed(panel, built, monkeypatch, tmp_path):
    from analysis import config

    path = tmp_path / "quarantine.csv"
    built.quarantine.to_csv(path, index=False)
    monkeypatch.setattr(config, "QUARANTINE_CSV", path)
    gaps = missing_reasons(panel)
    assert _reason(gaps, "PAPI", "27", 2022) == "zero_not_reported"
