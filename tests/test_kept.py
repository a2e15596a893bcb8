"""Whole-panel tables kept per panel (analysis.stats.kept): computed once, never stale, never shared
for writing. Synthetic panels made here."""

from __future__ import annotations

from analysis.provinces import province_table
from analysis.stats import kept as kept_module
from analysis.stats.ranks import rank_within_year
from analysis.stats.series import select
from synthetic import synthetic_panel

A, B, C = province_table()["province_code"].head(3).tolist()


def _panel():
    return synthetic_panel({A: {2020: 50.0, 2021: 52.0}, B: {2020: 60.0, 2021: 40.0}, C: {2020: 55.0, 2021: 45.0}})


def test_a_table_is_computed_once_per_panel(monkeypatch):
    panel = _panel()
    calls = []
    real = kept_module.kept

    def counting(p, key, compute):
        return real(p, key, lambda: calls.append(key) or compute())

    monkeypatch.setattr("analysis.stats.series.kept", counting)
    for _ in range(3):
        select(panel, "PAPI")
    assert len(calls) == 1


def test_an_in_place_edit_of_the_panel_is_seen():
    panel = _panel()
    assert rank_within_year(panel, "PAPI").query("year == 2021").iloc[0]["province_code"] == A
    panel.loc[(panel["province_code"] == C) & (panel["year"] == 2021), "value"] = 99.0
    top = rank_within_year(panel, "PAPI").query("year == 2021").iloc[0]
    assert top["province_code"] == C and top["value"] == 99.0


def test_changing_a_returned_table_changes_nothing_kept():
    panel = _panel()
    first = select(panel, "PAPI")
    first.loc[first.index[0], "value"] = -1.0
    first["extra"] = 1
    again = select(panel, "PAPI")
    assert -1.0 not in again["value"].tolist() and "extra" not in again.columns


def test_a_dropped_panel_is_forgotten():
    panel = _panel()
    select(panel, "PAPI")
    pid = id(panel)
    assert pid in kept_module._KEPT
    del panel
    assert pid not in kept_module._KEPT


def test_the_report_panel_is_handed_out_again_only_while_unchanged(built):
    from analysis.reports.numbers import report_panel

    first = report_panel()
    assert report_panel() is first
    original = first.loc[0, "province"]
    first.loc[0, "province"] = "edited by a report"  # a report writing into the shared frame
    second = report_panel()
    assert second is not first and second.loc[0, "province"] == original
    second["extra"] = 1  # a new column is a change too
    third = report_panel()
    assert "extra" not in third.columns and third is not second


def test_saved_tables_are_adopted_by_a_panel_with_the_same_fingerprint(tmp_path):
    panel = _panel()
    select(panel, "PAPI")
    rank_within_year(panel, "PAPI")
    sha = kept_module.save_tables(panel, tmp_path / "t.pkl")
    assert kept_module.save_tables(panel, tmp_path / "u.pkl") == sha  # same bytes: usable in a resume key
    other = _panel()  # another process's panel: equal content, new object
    assert kept_module.load_tables(other, tmp_path / "t.pkl", sha) == 2

    def never():
        raise AssertionError("computed although adopted")

    adopted = kept_module.kept(other, ("rank_within_year", "PAPI", "total", True), never)
    assert adopted.equals(rank_within_year(panel, "PAPI"))


def test_tables_are_not_adopted_with_a_wrong_checksum_or_for_another_panel(tmp_path):
    panel = _panel()
    select(panel, "PAPI")
    path = tmp_path / "t.pkl"
    sha = kept_module.save_tables(panel, path)
    assert kept_module.load_tables(_panel(), path, "0" * 64) == 0  # never unpickled
    assert kept_module.load_tables(_panel(), tmp_path / "missing.pkl", sha) == 0
    different = _panel()
    different.loc[different.index[0], "value"] = 1.0
    assert kept_module.load_tables(different, path, sha) == 0
    assert select(different, "PAPI")["value"].min() == 1.0  # computed from its own rows


def test_the_report_panel_adopts_a_runs_shared_tables(built, tmp_path, monkeypatch):
    from analysis.reports import numbers
    from analysis.reports.shared_tables import write_shared_tables

    shared = write_shared_tables(tmp_path)
    monkeypatch.setattr(numbers, "_REPORT_PANELS", {})  # as in a new kernel: the panel is read again
    kept_module._KEPT.clear()
    panel = numbers.report_panel(shared_tables=shared)
    assert ("national_distribution", "PAPI", "total") in kept_module._tables(panel)
    assert kept_module.load_tables(panel, shared["path"], shared["sha256"]) == 0  # nothing new the second time
