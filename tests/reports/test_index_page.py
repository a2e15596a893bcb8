"""The run's index page: built from synthetic report folders made here (summary.json, status.json,
a thumbnail and its sidecar), in both languages."""

import json

import pytest

from analysis.i18n import catalogue
from analysis.reports.index_page import render_index


def _report(run, slug, province, region, headline, alt):
    d = run / slug
    d.mkdir(parents=True)
    (d / "status.json").write_text(json.dumps({"status": "ok", "label": province}), encoding="utf-8")
    summary = {
        "province": province,
        "region6": region,
        "region6_en": region + " (en)",
        "headline": headline,
        "figures": {"trend_PAPI": {"png": "trend_papi.png", "json": "trend_papi.json"}},
    }
    (d / "summary.json").write_text(json.dumps(summary, ensure_ascii=False), encoding="utf-8")
    (d / "trend_papi.png").write_bytes(b"synthetic")
    (d / "trend_papi.json").write_text(json.dumps({"alt_text": alt}, ensure_ascii=False), encoding="utf-8")
    (d / "data.csv").write_text("x\n", encoding="utf-8")


@pytest.fixture
def run(tmp_path):
    run = tmp_path / "run"
    _report(
        run,
        "tinh-a",
        "Tỉnh A tổng hợp",
        "Vùng Một",
        [
            {"index": "PAPI", "year": 2024, "value": 47.8212, "rank": 1, "n_ranked": 61},
            {"index": "PCI", "year": 2021, "value": 1234.5, "rank": 3, "n_ranked": None},
            {"index": "SIPAS", "value": None},
        ],
        "Biểu đồ đường của Tỉnh A tổng hợp",
    )
    _report(
        run,
        "tinh-b",
        "Tỉnh B tổng hợp",
        "Vùng Hai",
        [{"index": "PAPI", "year": 2023, "value": 40.0, "rank": 50, "n_ranked": 61}],
        "Biểu đồ đường của Tỉnh B tổng hợp",
    )
    failed = run / "tinh-c.failed"
    failed.mkdir()
    (failed / "status.json").write_text(
        json.dumps({"status": "failed", "label": "Tỉnh C", "error": {"ename": "RuntimeError", "evalue": "boom"}}),
        encoding="utf-8",
    )
    return run


def test_vietnamese_index_has_years_ranks_filter_and_own_alt_text(run):
    html = render_index(run, "vi")
    assert '<html lang="vi">' in html
    assert "47,82 (2024), hạng 1/61" in html  # value with its year and rank, decimal comma
    assert "1.234,50 (2021), hạng 3" in html and "hạng 3/" not in html  # no denominator invented
    assert 'alt="Biểu đồ đường của Tỉnh A tổng hợp"' in html and 'alt="Biểu đồ đường của Tỉnh B tổng hợp"' in html
    assert '<option value="Vùng Một">' in html and '<option value="Vùng Hai">' in html  # region filter
    assert 'value="PAPI"' in html and 'data-papi="47.8212"' in html  # sort key per headline
    assert "tinh-a/data.csv" in html and "tinh-a/report.html" in html
    assert "Tỉnh C" in html.split('class="failed"', 1)[1]
    assert catalogue("vi")("missing") in html  # SIPAS without a value says so


def test_english_index_uses_english_regions_and_words(run):
    html = render_index(run, "en")
    assert '<html lang="en">' in html and "Vùng Một (en)" in html
    assert "47.82 (2024), rank 1/61" in html
    for word in ("hạng", "Vùng:", "Xem báo cáo"):
        assert word not in html
