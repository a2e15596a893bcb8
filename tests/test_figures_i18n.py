"""Figures in two languages and two widths: every word from the catalogue (no English left in a
Vietnamese figure, no Vietnamese scaffolding in an English one), Vietnamese numbers, a 6 pt
minimum at column width, rank charts the right way up, the heatmap title about the right
province, CSV sidecars Excel can read, and the press-reported PAR INDEX / SIPAS points."""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.text import Text

from analysis import stats as st
from analysis.cli import main
from analysis.figures import charts, gallery, save_figure
from analysis.figures.style import CONTEXT, HIGHLIGHT
from analysis.i18n import catalogue
from analysis.i18n.catalogue import MESSAGES_DIR, placeholders
from synthetic import synthetic_panel

# English scaffolding words that must not appear in a Vietnamese figure (proper names such as
# "PAR INDEX", "geoBoundaries" or the toolkit's name are not in the list).
ENGLISH = [
    "rank",
    "ranked",
    "score",
    "scores",
    "no data",
    "source",
    "national",
    "median",
    "points",
    "scale",
    "method",
    "province",
    "provinces",
    "year",
    "years",
    "highest",
    "dimension",
    "dimensions",
    "mean",
    "middle",
    "change",
    "the",
    "and",
    "of",
    "reported",
    "press",
    "band",
    "top",
    "public domain",
]
VIETNAMESE = [
    "Nguồn",
    "Xếp hạng",
    "xếp thứ",
    "không có số liệu",
    "Trung vị",
    "điểm",
    "tỉnh",
    "năm",
    "thang",
    "Quần đảo",
]


def _words_found(text: str, words) -> list[str]:
    return [w for w in words if re.search(rf"(?<!\w){re.escape(w)}(?!\w)", text, flags=re.IGNORECASE)]


def _texts(fig) -> list[Text]:
    return [t for t in fig.findobj(Text) if t.get_visible() and t.get_text().strip()]


def _flat(table: dict, prefix: str = "") -> dict[str, str]:
    out = {}
    for k, v in table.items():
        out |= _flat(v, f"{prefix}{k}.") if isinstance(v, dict) else {f"{prefix}{k}": v}
    return out


def test_figure_catalogues_have_the_same_keys_and_placeholders():
    vi = _flat(tomllib.loads((MESSAGES_DIR / "vi" / "figures.toml").read_text(encoding="utf-8")))
    en = _flat(tomllib.loads((MESSAGES_DIR / "en" / "figures.toml").read_text(encoding="utf-8")))
    assert set(vi) == set(en)
    assert vi and all(k.startswith("figures.") for k in vi)
    assert {k: placeholders(vi[k]) for k in vi} == {k: placeholders(en[k]) for k in en}
    assert all(vi[k] != en[k] for k in ("figures.no_data", "figures.source.line", "figures.axis.rank"))


@pytest.fixture(scope="module")
def rendered(panel, tmp_path_factory):
    """Every gallery figure for Đà Nẵng at column width, in both languages: {language: (out dir,
    [(name, figure, sidecar)])}; the figures are caught on their way to ``save_figure``."""
    from analysis.panel import load_population

    out = {}
    for language in ("vi", "en"):
        folder = tmp_path_factory.mktemp(f"gallery_{language}")
        caught = []

        def spy(fig, name, out_dir, caught=caught, **kw):
            files = save_figure(fig, name, out_dir, **kw)
            caught.append((name, fig, json.loads(files["json"].read_text(encoding="utf-8"))))
            return files

        mp = pytest.MonkeyPatch()
        mp.setattr(gallery, "save_figure", spy)
        try:
            gallery.write_gallery(
                panel,
                "Đà Nẵng",
                folder,
                population=load_population(),
                formats=("png",),
                dpi=30,
                language=language,
                width="column",
            )
        finally:
            mp.undo()
        out[language] = (folder, caught)
    yield out
    plt.close("all")


def test_vietnamese_figures_have_no_english_words(rendered):
    folder, figs = rendered["vi"]
    assert len(figs) >= 12
    for name, fig, side in figs:
        text = "\n".join(t.get_text() for t in _texts(fig))
        assert _words_found(text, ENGLISH) == [], name
        for field in ("caption", "alt_text", "source"):
            assert _words_found(side[field], ENGLISH) == [], (name, field, side[field])
        assert side["source"].startswith("Nguồn:") and side["language"] == "vi" and side["width"] == "column"
    assert "không có số liệu" in "\n".join(t.get_text() for _, f, _ in figs for t in _texts(f))


def test_english_figures_have_no_vietnamese_scaffolding(rendered):
    _folder, figs = rendered["en"]
    for name, fig, side in figs:
        text = "\n".join(t.get_text() for t in _texts(fig))
        assert _words_found(text, VIETNAMESE) == [], name
        for field in ("caption", "alt_text", "source"):
            assert _words_found(side[field], VIETNAMESE) == [], (name, field, side[field])
        assert side["source"].startswith("Source:") and side["language"] == "en"


def test_no_text_smaller_than_6pt_at_column_width(rendered):
    for language in ("vi", "en"):
        for name, fig, _side in rendered[language][1]:
            assert fig.get_figwidth() == pytest.approx(8.5 / 2.54)
            small = [(t.get_text()[:30], t.get_fontsize()) for t in _texts(fig) if t.get_fontsize() < 6]
            assert small == [], (language, name)


def test_csv_sidecars_have_bom_published_precision_and_headers_in_the_language(rendered):
    for language in ("vi", "en"):
        folder, _figs = rendered[language]
        cat = catalogue(language)
        csvs = sorted(folder.glob("*.csv"))
        assert len(csvs) >= 12
        for path in csvs:
            raw = path.read_bytes()
            assert raw.startswith(b"\xef\xbb\xbf"), path.name
            body = raw.decode("utf-8-sig")
            assert not re.search(r"\d\.\d{3,}", body), path.name
        trend = pd.read_csv(folder / "trend_papi.csv", encoding="utf-8-sig")
        assert cat("figures.columns.year") in trend.columns and cat("figures.columns.value") in trend.columns
        assert "Đà Nẵng" in set(trend[cat("figures.columns.province")])
        ranks = pd.read_csv(folder / "ranks_papi.csv", encoding="utf-8-sig")
        assert ranks[cat("figures.columns.rank")].dtype.kind == "i"


def test_save_figure_writes_a_bom_csv_rounded_to_two_decimals(tmp_path):
    fig, ax = plt.subplots()
    data = pd.DataFrame(
        {
            "province": ["Đà Nẵng", "Thừa Thiên Huế", "Bà Rịa - Vũng Tàu"],
            "value": [46.66279220581055, 0.1 + 0.2, np.nan],
            "rank": [19.0, 3.0, np.nan],
        }
    )
    files = save_figure(fig, "t", tmp_path, caption="c", alt_text="a", data=data, formats=("png",), dpi=20)
    raw = files["csv"].read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    text = raw.decode("utf-8-sig")
    assert "46.66" in text and "46.66279" not in text and "0.30000000000000004" not in text
    assert not re.search(r"\d\.\d{3,}", text)
    assert "19.0" not in text and ",19" in text  # ranks as integers
    back = pd.read_csv(files["csv"], encoding="utf-8-sig")
    assert list(back["province"]) == list(data["province"])
    assert back["value"].iloc[0] == 46.66 and np.isnan(back["value"].iloc[2])


def _fractional_series():
    values = {"48": {2018 + k: 40.1 + 0.13 * k for k in range(7)}, "01": {2018 + k: 40.3 for k in range(7)}}
    panel = synthetic_panel(values, era={y: "8dim-2018" for y in range(2018, 2025)})
    return panel, st.province_series(panel, "48", "PAPI")


@pytest.mark.parametrize("language,decimal,other", [("vi", ",", "."), ("en", ".", ",")])
def test_tick_labels_use_the_languages_decimal_mark(language, decimal, other):
    panel, series = _fractional_series()
    fig = charts.trend_chart(series, None, None, None, "T", "S", "PAPI", width_cm=8.5, language=language)
    fig.canvas.draw()
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all(decimal in lab and other not in lab for lab in labels), labels
    years = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert years and all(re.fullmatch(r"20\d\d", y) for y in years), years  # no "2.018"
    plt.close(fig)


def _era_panel():
    rng = np.random.default_rng(7)
    codes = ["48", "01", "22", "31", "79", "92"]
    values = {c: {y: 40 + rng.normal() for y in range(2014, 2022)} for c in codes}
    values["48"][2016] = np.nan
    return synthetic_panel(values, era={y: "6dim-2011" if y < 2018 else "8dim-2018" for y in range(2014, 2022)})


@pytest.mark.parametrize("language", ["vi", "en"])
def test_rank_chart_is_inverted_without_a_zero_tick_and_names_the_method_break(language):
    panel = _era_panel()
    ranks = st.rank_within_year(panel, "PAPI")
    fig = charts.bump_chart(
        ranks, ["48", "01", "22"], "T", "S", "PAPI", width_cm=8.5, language=language, breaks=st.known_breaks("PAPI")
    )
    fig.canvas.draw()
    ax = fig.axes[0]
    assert ax.yaxis_inverted()
    ticks = list(ax.get_yticks())
    assert 0 not in ticks and min(ticks) == 1 and max(ticks) == 6
    assert ax.get_ylim()[0] > ax.get_ylim()[1] > 0  # bottom > top: rank 1 at the top, nothing at 0
    # The province in colour, its peers grey.
    lines = {ln.get_label(): ln for ln in ax.get_lines()}
    assert lines["Đà Nẵng"].get_color() == HIGHLIGHT
    assert lines["Hà Nội"].get_color() == CONTEXT and lines["Quảng Ninh"].get_color() == CONTEXT
    # A dashed vertical marker at the 2018 break and the new era named.
    assert any(set(ln.get_xdata()) == {2017.5} for ln in ax.get_lines())
    text = " ".join(t.get_text().replace("\n", " ") for t in _texts(fig))
    era_words = set(catalogue(language)("era.8dim-2018").replace(",", " ").split()) - {"PAPI", "with"}
    assert era_words <= set(text.replace(",", " ").split())
    plt.close(fig)


def test_rank_ticks_start_at_one():
    assert charts.rank_ticks(63) == [1, 10, 20, 30, 40, 50, 63]
    assert charts.rank_ticks(61)[0] == 1 and 0 not in charts.rank_ticks(61)


def test_heatmap_title_is_about_the_province_of_the_set(panel, tmp_path):
    """The Đà Nẵng set's heatmap was titled after the top province (Quảng Ninh)."""
    data = st.select_preferred(panel, "PAPI")
    latest = int(data["year"].max())
    top = data[data["year"] == latest].sort_values("value")["province"].iloc[-1]
    assert top != "Đà Nẵng"
    caught = {}

    def spy(fig, name, out, **kw):
        caught["fig"] = fig
        return save_figure(fig, name, out, close=False, **kw)

    mp = pytest.MonkeyPatch()
    mp.setattr(gallery, "save_figure", spy)
    try:
        files = gallery.heatmap_figure(panel, "48", "PAPI", tmp_path, ("png",), dpi=20, language="vi", width="column")
    finally:
        mp.undo()
    caption = json.loads(files["json"].read_text(encoding="utf-8"))["caption"]
    assert caption.startswith("Đà Nẵng") and top not in caption
    title = max(_texts(caught["fig"]), key=lambda t: t.get_fontsize()).get_text().replace("\n", " ")
    assert title.startswith("Đà Nẵng") and top not in title
    plt.close(caught["fig"])


def _press_panel():
    rows = []
    for year, value, rank in [(2018, 83.7, 4), (2020, 86.56, 6), (2021, 90.25, 3), (2023, 88.68, None)]:
        rows.append({"year": year, "component": "total", "value": value, "unit": "percent", "scale_max": 100.0})
        if rank is not None:
            rows.append({"year": year, "component": "rank", "value": float(rank), "unit": "rank", "scale_max": 63.0})
    rows.append({"year": 2019, "component": "rank", "value": 5.0, "unit": "rank", "scale_max": 63.0})
    df = pd.DataFrame(rows)
    era = {y: "par-2012" if y <= 2021 else "par-2022" for y in range(2012, 2025)}
    df = df.assign(
        index="PAR_INDEX",
        level="province",
        province_code="48",
        province="Đà Nẵng",
        scale_min=0.0,
        method_era=df["year"].map(era),
        is_preferred=True,
        is_derived=False,
        confidence="press",
        source="press",
        source_url="https://example.org/" + df["year"].astype(str),
        quote="q",
        raw_line=range(len(df)),
    )
    other = df[df["year"] == 2018].assign(province_code="01", province="Hà Nội", year=2012, method_era="par-2012")
    return pd.concat([df, other], ignore_index=True)


@pytest.mark.parametrize("language", ["vi", "en"])
def test_par_sipas_figure_draws_points_with_stated_ranks(tmp_path, language):
    panel = _press_panel()
    caught = {}

    def spy(fig, name, out, **kw):
        caught["fig"] = fig
        return save_figure(fig, name, out, close=False, **kw)

    mp = pytest.MonkeyPatch()
    mp.setattr(gallery, "save_figure", spy)
    try:
        files = gallery.par_sipas_figure(
            panel, "Đà Nẵng", "PAR_INDEX", tmp_path, ("png",), dpi=20, language=language, width="column"
        )
    finally:
        mp.undo()
    assert set(files) == {"png", "csv", "json"}
    fig = caught["fig"]
    ax = fig.axes[0]
    # Points only: every line on the axes is a vertical method-break marker, none joins values.
    assert all(len(set(np.asarray(ln.get_xdata(), float))) == 1 for ln in ax.get_lines())
    assert any(set(ln.get_xdata()) == {2021.5} for ln in ax.get_lines())
    offsets = np.vstack([c.get_offsets() for c in ax.collections if len(c.get_offsets())])
    assert {(2018, 83.7), (2021, 90.25)} <= {(int(x), round(float(y), 2)) for x, y in offsets}
    texts = [t.get_text() for t in _texts(fig)]
    assert "4/63" in texts and "6/63" in texts and "3/63" in texts and "5/63" not in texts  # 2019: no value
    cat = catalogue(language)
    legend = [t.get_text() for t in ax.get_legend().get_texts()]
    assert cat("figures.press.legend", province="Đà Nẵng") in legend
    csv = pd.read_csv(files["csv"], encoding="utf-8-sig")
    assert list(csv[cat("figures.columns.year")]) == [2018, 2019, 2020, 2021, 2023]
    plt.close(fig)
    # No value for the province: no figure.
    assert gallery.par_sipas_figure(panel, "Huế", "PAR_INDEX", tmp_path, ("png",), dpi=20) is None


def test_par_sipas_figure_is_deterministic(tmp_path):
    panel = _press_panel()
    a = gallery.par_sipas_figure(panel, "48", "PAR_INDEX", tmp_path / "a", ("png", "svg"), dpi=40)
    b = gallery.par_sipas_figure(panel, "48", "PAR_INDEX", tmp_path / "b", ("png", "svg"), dpi=40)
    for kind in ("png", "svg", "csv", "json"):
        assert Path(a[kind]).read_bytes() == Path(b[kind]).read_bytes(), kind


def test_gallery_functions_refuse_unknown_language_and_width(tmp_path):
    panel = _press_panel()
    with pytest.raises(ValueError, match="language"):
        gallery.par_sipas_figure(panel, "48", "PAR_INDEX", tmp_path, ("png",), language="fr")
    with pytest.raises(ValueError, match="width"):
        gallery.par_sipas_figure(panel, "48", "PAR_INDEX", tmp_path, ("png",), width="half")


@pytest.mark.parametrize(
    "args,needle",
    [
        (["--formats", "png,gif"], "gif"),
        (["--formats", ""], "--formats"),
        (["--width", "half"], "--width"),
        (["--language", "fr"], "--language"),
    ],
)
def test_cli_rejects_bad_values_with_one_line_and_exit_2(args, needle, capsys, tmp_path):
    try:
        rc = main(["figures", "--province", "Đà Nẵng", "--out", str(tmp_path), *args])
    except SystemExit as exc:  # argparse choices
        rc = exc.code
    err = capsys.readouterr().err.strip()
    assert rc == 2
    assert needle in err.splitlines()[-1]
    assert not list(tmp_path.iterdir())
