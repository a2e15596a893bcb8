"""The panel built from the shipped raw data: values trace to raw files, checks find the known errors."""

import csv

import numpy as np
import pandas as pd
import pytest

from analysis import config, reconcile
from analysis.errata import load_errata
from analysis.sources import SOURCE_LOADERS

RAW = config.RAW_DIR


def one(panel, **kw):
    mask = np.ones(len(panel), dtype=bool)
    for k, v in kw.items():
        mask &= (panel[k] == v).to_numpy(dtype=bool, na_value=False)
    sub = panel[mask & panel["is_preferred"].to_numpy()]
    assert len(sub) == 1, (kw, len(sub))
    return sub.iloc[0]


def test_known_values(panel):
    assert one(panel, index="PAPI", component="total", province_code="83", year=2019)["value"] == pytest.approx(
        46.74, abs=0.005
    )
    assert one(panel, index="PCI", component="total", province_code="22", year=2019)["value"] == pytest.approx(
        73.40, abs=0.005
    )
    # SOURCES.md spot checks of the VCCI workbooks.
    assert one(panel, index="PCI", component="total", province_code="89", year=2019)["value"] == pytest.approx(
        66.4446, abs=1e-4
    )
    assert one(panel, index="PCI", component="total", province_code="48", year=2016)["value"] == pytest.approx(
        70.0014, abs=1e-4
    )
    assert one(panel, index="PCI", component="total", province_code="48", year=2005)["value"] == pytest.approx(
        70.6731, abs=1e-4
    )
    # Hà Nội 2011 = sum of its 6 dimensions (SOURCES.md).
    assert one(panel, index="PAPI", component="total", province_code="01", year=2011)["value"] == pytest.approx(
        36.405, abs=1e-3
    )


def _raw_value(path, line, column):
    df = pd.read_csv(RAW / path, dtype=str, keep_default_na=False)
    return df.iloc[line - 2][column]


@pytest.mark.parametrize(
    "path,line,column,index,component,code,year",
    [
        ("papi/papi_2011_2019_dimensions_long.csv", 2, "value", "PAPI", "dimension:1", "01", 2011),
        ("pci/pci_2005_2019_subindices.csv", 2, "pci_weighted", "PCI", "total", "89", 2005),
        ("pci/pci_2005_2019_subindices.csv", 3, "pci_entry", "PCI", "pci:entry_costs", "77", 2005),
    ],
)
def test_panel_rows_equal_raw_cells(panel, path, line, column, index, component, code, year):
    row = panel[(panel["raw_file"] == path) & (panel["raw_line"] == line) & (panel["component"] == component)]
    assert len(row) == 1
    r = row.iloc[0]
    assert (r["index"], r["province_code"], r["year"]) == (index, code, year)
    assert r["value"] == float(_raw_value(path, line, column))


def _records_by_line(path):
    """CSV records keyed by the file line they start on (a quoted field may span lines)."""
    with open(path, encoding="utf-8", newline="") as fh:
        reader = csv.reader(fh)
        next(reader)
        out, start = {}, reader.line_num + 1
        for record in reader:
            out[start] = record
            start = reader.line_num + 1
    return out


def test_random_sample_of_rows_traces_to_raw_lines(panel):
    """No invented value: every non-derived row names a raw file and line that holds its value."""
    rng = np.random.default_rng(7)
    sources = panel[~panel["is_derived"]]
    assert sources["raw_file"].notna().all() and sources["raw_line"].notna().all()
    raw_cache = {}
    checked = 0
    for _, r in sources.iloc[rng.choice(len(sources), 300, replace=False)].iterrows():
        if r["correction"] is not pd.NA and isinstance(r["correction"], str):
            continue
        if r["raw_file"] not in raw_cache:
            raw_cache[r["raw_file"]] = _records_by_line(RAW / r["raw_file"])
        line = raw_cache[r["raw_file"]][int(r["raw_line"])]
        numbers = []
        for cell in line:
            try:
                numbers.append(float(cell))
            except ValueError:
                pass
        assert any(abs(n - r["value"]) < 1e-9 for n in numbers), (r["raw_file"], r["raw_line"], r["value"])
        checked += 1
    assert checked > 250


def test_derived_rows_are_marked_and_explained(panel):
    d = panel[panel["is_derived"]]
    assert len(d) > 0
    assert set(d["source"]) == {"derived"} and d["note"].str.startswith("derived: sum of").all()
    assert set(d["year"]) <= {2014, 2018, 2020, 2021, 2022, 2023, 2024}
    # A derived total equals the sum of that province-year's preferred dimensions.
    t = one(panel, index="PAPI", component="total", province_code="77", year=2021)
    assert t["is_derived"]
    dims = panel[
        (panel["index"] == "PAPI")
        & panel["component"].str.startswith("dimension:")
        & panel["is_preferred"]
        & (panel["province_code"] == "77")
        & (panel["year"] == 2021)
    ]
    assert len(dims) == 8 and t["value"] == pytest.approx(dims["value"].sum())
    # SOURCES.md: BR-VT 2021 sum of sub-dimensions 40.61 vs 40.62 published.
    assert t["value"] == pytest.approx(40.61, abs=0.006)


def test_reconciliation_finds_the_2014_pci_rotation_by_itself():
    rows = SOURCE_LOADERS["pci_workbooks_2005_2019"](RAW / "pci/pci_2005_2019_subindices.csv").rows
    found = reconcile.pci_weighted_totals(rows)
    assert sorted(zip(found["province_code"], found["year"])) == [
        ("48", 2014),
        ("66", 2014),
        ("67", 2014),
        ("75", 2014),
        ("87", 2014),
    ]


def test_recovered_pci_weights_are_the_published_ones():
    rows = SOURCE_LOADERS["pci_workbooks_2005_2019"](RAW / "pci/pci_2005_2019_subindices.csv").rows
    wide = reconcile.pci_wide(rows, "pci_workbooks_2005_2019")
    era = wide[(wide["method_era"] == "pci-2013")].dropna(axis=1, how="all").dropna()
    weights, keep = reconcile.fit_pci_weights(era)
    # VCCI weights from 2013 (sum 10 -> scores on 0-100).
    expected = {
        "pci:entry_costs": 0.5,
        "pci:land_access": 0.5,
        "pci:transparency": 2,
        "pci:time_costs": 0.5,
        "pci:informal_charges": 1,
        "pci:policy_bias": 0.5,
        "pci:proactivity": 0.5,
        "pci:business_support": 2,
        "pci:labour_policy": 2,
        "pci:legal_institutions": 0.5,
    }
    for k, v in expected.items():
        assert weights[k] == pytest.approx(v, abs=1e-3)
    assert (~keep).sum() == 5


def test_fit_pci_weights_on_synthetic_data_with_outliers():
    rng = np.random.default_rng(0)
    X = rng.uniform(3, 9, size=(60, 4))
    w = np.array([0.5, 1.5, 2.0, 1.0])
    wide = pd.DataFrame(X, columns=[f"pci:s{i}" for i in range(4)]).assign(total=X @ w)
    wide.loc[[3, 17], "total"] += [8.0, -6.0]
    fitted, keep = reconcile.fit_pci_weights(wide)
    assert np.allclose(fitted.to_numpy(), w, atol=1e-9)
    assert list(np.flatnonzero(~keep)) == [3, 17]


def test_panel_carries_corrected_values_with_errata_provenance(panel, built):
    errata = load_errata()
    for e in errata.itertuples():
        r = one(
            panel,
            index="PCI",
            component="total",
            province_code=e.province_code.zfill(2),
            year=int(e.year),
            source="pci_workbooks_2005_2019",
        )
        assert r["value"] == e.new_value and r["correction"] == e.errata_id
        assert str(e.old_value) in r["note"]
    rec = built.reconciliation
    fixed = rec[rec["status"].str.startswith("corrected by")]
    assert (fixed["check"] == "pci_total_vs_weighted_subindices").sum() == 5
    # The page-vs-workbook disagreement for Đồng Nai 2014 was the same error.
    cross = fixed[fixed["check"] == "cross_source"]
    assert list(zip(cross["province_code"], cross["year"], cross["status"])) == [("75", 2014, "corrected by E004")]
    assert not ((rec["check"] == "pci_total_vs_weighted_subindices") & (rec["status"] == "open")).any()
    # Đồng Nai 2014 now agrees with VCCI's own page (57.26).
    assert one(panel, index="PCI", component="total", province_code="75", year=2014)["value"] == pytest.approx(
        57.26, abs=0.005
    )


def test_papi_sums_reconcile(built):
    rec = built.reconciliation
    assert not rec["check"].str.startswith("papi").any()


def test_papi_sum_check_catches_a_planted_error(panel):
    rows = panel[
        (panel["index"] == "PAPI") & (panel["province_code"] == "01") & (panel["year"] == 2012) & ~panel["is_derived"]
    ].copy()
    assert reconcile.papi_sums(rows).empty
    dim = rows.index[(rows["component"] == "dimension:3") & (rows["source"] == "papi_dims_2011_2019")][0]
    rows.loc[dim, "value"] += 0.5
    found = reconcile.papi_sums(rows)
    assert set(found["component"]) == {"dimension:3", "total"}


def test_one_value_per_key_and_method_eras(panel):
    key = ["index", "component", "level", "province_code", "region", "year", "source"]
    plain = panel[~panel["conflict"]].fillna({"province_code": "", "region": ""})
    assert not plain.duplicated(key).any()
    papi = panel[(panel["index"] == "PAPI")]
    assert set(papi.loc[papi["year"] <= 2017, "method_era"]) == {"6dim-2011"}
    assert set(papi.loc[papi["year"] >= 2018, "method_era"]) == {"8dim-2018"}
    pref = panel[panel["is_preferred"]].fillna({"province_code": "", "region": ""})
    assert not pref.duplicated(key[:-1]).any()


def test_press_duplicates_corroborate_and_conflicts_stay_visible(panel):
    press = panel[panel["source"].isin(["press_par_sipas", "press_par_sipas_more"])]
    qn = press[
        (press["province_code"] == "22")
        & (press["year"] == 2018)
        & (press["index"] == "PAR_INDEX")
        & (press["component"] == "total")
    ]
    assert sorted(qn["value"]) == [89.06, 89.6] and qn["conflict"].all() and not qn["is_preferred"].any()
    hp = press[
        (press["province_code"] == "31")
        & (press["year"] == 2023)
        & (press["component"] == "total")
        & (press["index"] == "PAR_INDEX")
    ]
    assert set(hp["value"]) == {91.87, 91.81}
    # 91.87: lines 193, 195, 197 of the first press file and 107-110 of the second (7 reports).
    assert hp.set_index("value").loc[91.87, "is_preferred"] and hp.set_index("value").loc[91.87, "n_reports"] == 7
    assert (press["confidence"] == "press").all()
    raw = pd.concat(
        [
            pd.read_csv(RAW / f"press/{name}", dtype=str, keep_default_na=False)
            for name in ("par_sipas_press_reported.csv", "par_sipas_press_more.csv")
        ]
    )
    # Every raw report of both files is either its own row or counted in one (nothing dropped).
    n_reports = int(press.loc[press["component"] == "total", "n_reports"].sum())
    assert n_reports == (raw["value"] != "").sum()


def test_coverage_table_counts_provinces(built):
    cov = built.coverage()
    assert cov.loc["PCI", 2005] == 42 and cov.loc["PCI", 2007] == 64 and cov.loc["PCI", 2019] == 63
    assert cov.loc["PAPI", 2023] == 61  # Quảng Ninh and Bình Dương not published for 2023


def test_processed_files_written(built, tmp_path_factory):
    # build_panel wrote to its out_dir; the dictionary documents every index.
    out = built.panel  # noqa: F841
    import glob

    dicts = glob.glob(str(tmp_path_factory.getbasetemp() / "processed*" / "data_dictionary.md"))
    text = open(dicts[0], encoding="utf-8").read()
    for word in ("PAPI", "PCI", "PAR_INDEX", "SIPAS", "8dim-2018", "E001", "subdimension:2.access_to_information"):
        assert word in text


def test_papi_indicators_keep_their_sub_dimension_and_printed_scale(panel):
    # Line 16067 of the workbook file: Hà Nội 2019, under 5.1 (certification services),
    # "Mức độ hài lòng với dịch vụ nhận được (5 điểm)" on 1-5 points.
    row = panel[
        (panel["raw_file"] == "papi/papi_2018_2019_2022_2023_indicators_long.csv") & (panel["raw_line"] == 16067)
    ]
    assert len(row) == 1
    r = row.iloc[0]
    assert (
        r["component"].startswith("indicator:5.1.muc_do_hai_long") and r["province_code"] == "01" and r["year"] == 2019
    )
    assert r["value"] == float(_raw_value("papi/papi_2018_2019_2022_2023_indicators_long.csv", 16067, "value"))
    assert (r["unit"], r["scale_min"], r["scale_max"]) == ("points", 1.0, 5.0)
    # The same question under 5.2 is another component, not a duplicate.
    same = panel[
        panel["component"].str.endswith(r["component"].split(".", 2)[2])
        & (panel["province_code"] == "01")
        & (panel["year"] == 2019)
    ]
    assert same["component"].nunique() == len(same) >= 3
    shares = panel[(panel["unit"] == "share") & panel["component"].str.startswith("indicator:")]
    assert len(shares) > 10000 and shares["value"].between(-1, 1).all()
