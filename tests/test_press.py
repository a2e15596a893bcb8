"""Press reports (PAR INDEX, SIPAS) from two files: corroborations counted across files, conflicts
kept side by side, nothing averaged or dropped."""

import csv

import pandas as pd
import pytest

from analysis import config
from analysis.panel import mark_preferred
from analysis.sources import PRESS_SOURCES, SOURCE_LOADERS, SOURCE_PRIORITY, combine
from analysis.sources.press import REQUIRED, load_press, merge_press

RAW = config.RAW_DIR


def _write(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=REQUIRED)
        writer.writeheader()
        for r in rows:
            writer.writerow({k: "" for k in REQUIRED} | r)
    return path


def _report(name, code, year, index, value, rank, url, quote="q", **kw):
    return {
        "province": name,
        "province_vi": name,
        "province_code_gso": code,
        "level": "province",
        "year": str(year),
        "index": index,
        "value": value,
        "unit": "%" if value else "",
        "rank": rank,
        "rank_of": "63" if rank else "",
        "source_url": url,
        "quote": quote,
        "language": "vi",
        "note": "",
    } | kw


@pytest.fixture
def two_files(tmp_path):
    a = _write(
        tmp_path / "a.csv",
        [
            _report("Đà Nẵng", "48", 2020, "PAR_INDEX", "90.1", "1", "https://a/1", quote="first"),  # line 2
            _report("Đà Nẵng", "48", 2020, "PAR_INDEX", "90.1", "", "https://a/2"),  # line 3
            _report("Hà Nội", "01", 2020, "PAR_INDEX", "85.0", "", "https://a/3"),  # line 4
            # A quote with a line break: the next record starts on line 7, not 6.
            _report("Huế", "46", 2020, "SIPAS", "", "5", "https://a/4", quote="two\nlines"),  # lines 5-6
            _report("Huế", "46", 2021, "SIPAS", "88.5", "", "https://a/5"),  # line 7
        ],
    )
    b = _write(
        tmp_path / "b.csv",
        [
            _report("Đà Nẵng", "48", 2020, "PAR_INDEX", "90.1", "", "https://b/1"),  # line 2
            _report("Hà Nội", "01", 2020, "PAR_INDEX", "85.5", "", "https://b/2"),  # line 3
            _report("Hà Nội", "01", 2020, "PAR_INDEX", "85.5", "", "https://b/3"),  # line 4
            _report("Đà Nẵng", "48", 2020, "PAR_INDEX", "90.1", "", "https://a/2"),  # line 5, same page as a:3
        ],
    )
    return a, b


def _cell(rows, code, year, index, component="total"):
    return rows[
        (rows["province_code"] == code)
        & (rows["year"] == year)
        & (rows["index"] == index)
        & (rows["component"] == component)
    ]


def test_corroboration_is_counted_across_files(two_files):
    a, b = two_files
    merged = merge_press([load_press(a, "press_par_sipas"), load_press(b, "press_par_sipas_more")])
    dn = _cell(merged, "48", 2020, "PAR_INDEX")
    assert len(dn) == 1
    r = dn.iloc[0]
    # a:2, a:3, b:2, b:5: four reports of 90.1; the first (a:2) gives source, line, URL and quote.
    assert r["value"] == 90.1 and r["n_reports"] == 4 and not r["conflict"]
    assert (r["source"], r["raw_line"], r["source_url"], r["quote"]) == ("press_par_sipas", 2, "https://a/1", "first")
    assert f"{a}:3" in r["note"] and f"{b}:2,5" in r["note"]
    assert r["other_urls"].split("|") == ["https://a/2", "https://b/1"]
    # A value and a rank in one raw row: a rank row too, reported once.
    rank = _cell(merged, "48", 2020, "PAR_INDEX", "rank")
    assert list(rank["value"]) == [1.0] and list(rank["n_reports"]) == [1] and rank["other_urls"].isna().all()


def test_conflict_across_files_is_kept_not_averaged(two_files):
    a, b = two_files
    merged = merge_press([load_press(a, "press_par_sipas"), load_press(b, "press_par_sipas_more")])
    hn = _cell(merged, "01", 2020, "PAR_INDEX").set_index("value")
    assert sorted(hn.index) == [85.0, 85.5] and hn["conflict"].all()
    assert hn.loc[85.0, "n_reports"] == 1 and hn.loc[85.5, "n_reports"] == 2
    assert hn.loc[85.0, "source"] == "press_par_sipas" and hn.loc[85.5, "source"] == "press_par_sipas_more"
    assert f"{b}:4" in hn.loc[85.5, "note"]
    # The press files are one tier: the value with more reports is preferred, even from the second file.
    pref = mark_preferred(merged.reset_index(drop=True))
    chosen = merged.reset_index(drop=True)[pref]
    chosen_hn = _cell(chosen, "01", 2020, "PAR_INDEX")
    assert list(chosen_hn["value"]) == [85.5]
    # Each file alone has no conflict for Hà Nội.
    assert not _cell(load_press(a, "press_par_sipas").rows, "01", 2020, "PAR_INDEX")["conflict"].any()


def test_rank_only_row_and_physical_line_numbers(two_files):
    a, b = two_files
    rows = load_press(a, "press_par_sipas").rows
    hue = rows[rows["province_code"] == "46"].set_index(["year", "component"])
    assert set(hue.index) == {(2020, "rank"), (2021, "total")}
    assert hue.loc[(2020, "rank"), "raw_line"] == 5 and hue.loc[(2021, "total"), "raw_line"] == 7


def test_tied_conflict_prefers_neither(tmp_path):
    a = _write(tmp_path / "a.csv", [_report("Sơn La", "14", 2021, "PAR_INDEX", "87.61", "", "https://a/1")])
    b = _write(tmp_path / "b.csv", [_report("Sơn La", "14", 2021, "PAR_INDEX", "87.62", "", "https://b/1")])
    merged = merge_press([load_press(a, "press_par_sipas"), load_press(b, "press_par_sipas_more")])
    assert merged["conflict"].all() and len(merged) == 2
    assert not mark_preferred(merged).any()


def test_both_press_files_are_registered():
    assert set(PRESS_SOURCES) <= set(SOURCE_LOADERS)
    i = SOURCE_PRIORITY.index("press_par_sipas")
    assert SOURCE_PRIORITY[i + 1] == "press_par_sipas_more"


# --- the real files -------------------------------------------------------------------------


def _raw(name):
    return pd.read_csv(RAW / "press" / name, dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def press(panel):
    return panel[panel["source"].isin(PRESS_SOURCES)]


def test_hai_phong_par_2023_conflict_across_files(press):
    hp = _cell(press, "31", 2023, "PAR_INDEX").set_index("value")
    assert sorted(hp.index) == [91.81, 91.87] and hp["conflict"].all()
    # By hand from the raw files: 91.87 in par_sipas_press_reported.csv lines 193, 195, 197 and in
    # par_sipas_press_more.csv lines 107-110 (7 reports); 91.81 only on line 194 (an English page).
    assert hp.loc[91.87, "n_reports"] == 7 and hp.loc[91.81, "n_reports"] == 1
    assert hp.loc[91.87, "is_preferred"] and not hp.loc[91.81, "is_preferred"]
    assert hp.loc[91.87, "raw_line"] == 193
    assert "par_sipas_press_more.csv:107,108,109,110" in hp.loc[91.87, "note"]
    assert "cadn.com.vn" in hp.loc[91.87, "other_urls"]


def test_conflicts_named_in_sources_md(press):
    # Cà Mau PAR 2023 rank 32 (first file, line 182) vs 34 (second file, line 127).
    cm = _cell(press, "96", 2023, "PAR_INDEX", "rank").set_index("value")
    assert sorted(cm.index) == [32.0, 34.0] and cm["conflict"].all() and not cm["is_preferred"].any()
    assert cm.loc[34.0, "source"] == "press_par_sipas_more" and cm.loc[34.0, "raw_line"] == 127
    # Quảng Ninh PAR 2018 89.06 vs 89.6 (first file).
    qn = _cell(press, "22", 2018, "PAR_INDEX")
    assert sorted(qn["value"]) == [89.06, 89.6] and qn["conflict"].all() and not qn["is_preferred"].any()


def test_every_raw_report_is_counted_once(press):
    both = pd.concat([_raw("par_sipas_press_reported.csv"), _raw("par_sipas_press_more.csv")])
    assert press.loc[press["component"] == "total", "n_reports"].sum() == (both["value"] != "").sum()
    assert press.loc[press["component"] == "rank", "n_reports"].sum() == (both["rank"] != "").sum()


def test_province_year_counts_stated_in_sources_md(press):
    """SOURCES.md: both files together give PAR INDEX 136 province-year cells with a value and 177
    with a rank; SIPAS 76 and 98."""
    prov = press[press["level"] == "province"]

    def n(index, component):
        sub = prov[(prov["index"] == index) & (prov["component"] == component)]
        return len(sub[["province_code", "year"]].drop_duplicates())

    assert (n("PAR_INDEX", "total"), n("PAR_INDEX", "rank")) == (136, 177)
    assert (n("SIPAS", "total"), n("SIPAS", "rank")) == (76, 98)


def test_combine_merges_only_the_press_sources(two_files):
    a, b = two_files
    results = {
        "press_par_sipas": load_press(a, "press_par_sipas"),
        "press_par_sipas_more": load_press(b, "press_par_sipas_more"),
    }
    frames = combine(results)
    assert len(frames) == 1
    assert frames[0]["n_reports"].sum() == 4 + 2 + 4  # a: 4 values and 2 ranks; b: 4 values
