"""Figures: Vietnamese glyphs render, exports are deterministic, every chart runs on real data and
on a synthetic panel with gaps, and missing values are never drawn as values."""

import hashlib
import json

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from matplotlib.collections import PolyCollection

from analysis import stats as st
from analysis.figures import charts, maps, save_figure
from analysis.figures.style import FONT, figure, missing_glyphs, set_style
from synthetic import synthetic_panel

LABEL = "Thừa Thiên Huế, Bà Rịa - Vũng Tàu, Đắk Lắk, Quảng Ngãi, Hồ Chí Minh, ả ắ ế ỉ ị ố ồ ừ ữ ỵ Ứ Ỹ"


def test_font_covers_every_vietnamese_letter():
    assert missing_glyphs(LABEL, FONT) == []
    all_letters = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ĂăÂâĐđÊêÔôƠơƯư"
    assert missing_glyphs(all_letters, FONT) == []


def test_glyph_check_can_fail():
    assert missing_glyphs("\u4e2d\u6587", FONT) == ["\u4e2d", "\u6587"]  # CJK is not in DejaVu Sans


def test_rendered_text_uses_the_covering_font(tmp_path):
    set_style()
    fig, ax = figure(8.5)
    t = ax.set_title(LABEL)
    fig.canvas.draw()
    assert t.get_fontname() == FONT
    plt.close(fig)


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_export_is_byte_for_byte_deterministic_with_sidecars(tmp_path):
    def make():
        fig, ax = figure(8.5)
        ax.plot([2011, 2012, 2013], [1, 3, 2])
        ax.set_title(LABEL)
        return fig

    data = pd.DataFrame({"year": [2011, 2012, 2013], "value": [1, 3, 2]})
    a = save_figure(make(), "fig", tmp_path / "a", caption="Cap", alt_text="Alt", data=data, source="Src")
    b = save_figure(make(), "fig", tmp_path / "b", caption="Cap", alt_text="Alt", data=data, source="Src")
    for kind in ("png", "svg", "pdf", "csv", "json"):
        assert _digest(a[kind]) == _digest(b[kind]), kind
    side = json.loads(a["json"].read_text(encoding="utf-8"))
    assert side["caption"] == "Cap" and side["alt_text"] == "Alt" and side["files"]["png"] == "fig.png"
    assert pd.read_csv(a["csv"]).equals(data)
    from PIL import Image

    with Image.open(a["png"]) as im:
        assert round(im.info["dpi"][0]) == 300


def gappy_panel():
    """Synthetic panel: 6 provinces, 2011-2020, one era break at 2018, with gaps."""
    codes = ["22", "01", "31", "48", "79", "96"]
    rng = np.random.default_rng(5)
    values = {c: {y: 40 + rng.normal() for y in range(2011, 2021)} for c in codes}
    values["22"][2014] = np.nan
    values["22"][2019] = np.nan
    values["96"] = {2011: 35.0}
    era = {y: "old" if y < 2018 else "new" for y in range(2011, 2021)}
    return synthetic_panel(values, era=era)


def test_trend_chart_does_not_draw_missing_years():
    panel = gappy_panel()
    series = st.province_series(panel, "22", "PAPI")
    fig = charts.trend_chart(series, st.national_distribution(panel, "PAPI"), None, None, "T", "S", "PAPI")
    ax = fig.axes[0]
    drawn = set()
    for line in ax.get_lines():
        if line.get_label() == "Quảng Ninh":
            x, y = line.get_data()
            drawn |= {int(a) for a, b in zip(x, y) if not np.isnan(b)}
    assert 2014 not in drawn and 2019 not in drawn and {2013, 2015, 2018, 2020} <= drawn
    # Lines stop at the method change: no segment joins 2017 and 2018.
    for line in ax.get_lines():
        if line.get_label() == "Quảng Ninh":
            x, _ = line.get_data()
            assert not ({2017, 2018} <= set(map(int, x)))
    crosses = [c for c in ax.collections if c.get_label() == "không có số liệu"]  # Vietnamese by default
    assert len(crosses) == 1 and sorted(crosses[0].get_offsets()[:, 0]) == [2014, 2019]
    plt.close(fig)


def test_heatmap_marks_missing_cells_and_does_not_colour_them():
    panel = gappy_panel()
    wide = panel.pivot_table(index="province", columns="year", values="value")
    fig = charts.heatmap(wide, "T", "S", "PAPI")
    ax = fig.axes[0]
    mesh = ax.collections[0]
    n_missing = int(wide.isna().sum().sum())
    assert int(np.ma.getmaskarray(mesh.get_array()).sum()) == n_missing > 0
    hatched = [p for p in ax.patches if p.get_hatch()]
    assert len(hatched) == n_missing
    plt.close(fig)


def test_map_draws_unscored_provinces_as_no_data():
    values = pd.Series({"22": 1.0, "01": 2.0, "48": 3.0})
    fig = maps.choropleth(values, "T", "S", "value")
    ax = fig.axes[0]
    polys = [c for c in ax.collections if isinstance(c, PolyCollection)]
    coloured, empty = polys[0], polys[1]
    from analysis.figures.geo import shapes

    rings = shapes("63")
    assert len(coloured.get_paths()) == sum(len(rings[c]) for c in values.index)
    assert empty.get_hatch() and len(empty.get_paths()) == sum(
        len(r) for c, r in rings.items() if c not in values.index
    )
    texts = " ".join(t.get_text() for t in fig.findobj(lambda o: hasattr(o, "get_text")))
    assert "Hoàng Sa" in texts and "Trường Sa" in texts and "geoBoundaries" in texts
    plt.close(fig)


def test_every_chart_runs_on_the_synthetic_gappy_panel():
    panel = gappy_panel()
    ranks = st.rank_within_year(panel, "PAPI")
    figs = [
        charts.bump_chart(ranks, ["22", "01"], "T", "S", "PAPI"),
        charts.slope_chart(st.window_change(panel, "PAPI", 2018, 2020), ["22"], "T", "S", "PAPI", "points"),
        charts.small_multiples(panel, "province", "T", "S", "PAPI", years=range(2011, 2021)),
    ]
    for fig in figs:
        assert fig.axes
        plt.close(fig)


def test_gallery_writes_every_chart_type_on_real_data(panel, tmp_path):
    from analysis.figures.gallery import write_gallery
    from analysis.panel import load_population

    written = write_gallery(panel, "Quảng Ninh", tmp_path, population=load_population(), formats=("png", "svg"), dpi=40)
    pngs = sorted(p.name for p in tmp_path.glob("*.png"))
    expected = [
        "trend_papi.png",
        "trend_pci.png",
        "ranks_papi.png",
        "ranks_pci.png",
        "slope_papi.png",
        "slope_pci.png",
        "heatmap_papi.png",
        "heatmap_pci.png",
        "profile_papi_dimensions.png",
        "small_multiples_papi_dimensions.png",
        "map_papi_bands.png",
        "map_papi_merged34.png",
    ]
    # PAR INDEX / SIPAS points only where the press reported a value for the province.
    for index in ("PAR_INDEX", "SIPAS"):
        if ((panel["index"] == index) & (panel["province_code"] == "22") & (panel["component"] == "total")).any():
            expected.append(f"press_{index.lower()}.png")
    assert pngs == sorted(expected)
    for png in tmp_path.glob("*.png"):
        side = json.loads(png.with_suffix(".json").read_text(encoding="utf-8"))
        assert side["caption"] and side["alt_text"] and side["source"].startswith("Nguồn:")
        assert side["language"] == "vi" and side["width"] == "full"
        assert png.with_suffix(".csv").exists() and png.with_suffix(".svg").exists()
    # The data behind the PCI slope chart equals the panel, at published precision (2 decimals),
    # under Vietnamese headers.
    slope = pd.read_csv(tmp_path / "slope_pci.csv", dtype={"Mã tỉnh": str}, encoding="utf-8-sig")
    qn = slope[slope["Mã tỉnh"] == "22"].iloc[0]
    assert qn["Giá trị năm cuối"] == pytest.approx(73.40, abs=1e-9)
    assert written
