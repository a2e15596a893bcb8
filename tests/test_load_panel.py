import pytest

from analysis import config
from analysis.panel import load_panel


@pytest.fixture(scope="module")
def path(built, tmp_path_factory):
    import glob

    return glob.glob(str(tmp_path_factory.getbasetemp() / "processed*" / "panel.parquet"))[0]


def test_filters(path):
    df = load_panel(index="PAPI", provinces=["Quảng Ninh", "TP HCM"], years=range(2018, 2020), path=path)
    assert set(df["province_code"]) == {"22", "79"} and set(df["year"]) == {2018, 2019}
    assert set(df["index"]) == {"PAPI"} and df["is_preferred"].all()
    every = load_panel(index="PAR_INDEX", level=None, preferred_only=False, path=path)
    assert {"province", "region", "national"} <= set(every["level"])


def test_unknown_province_fails_with_candidates(path):
    from analysis.provinces import UnknownProvinceError

    with pytest.raises(UnknownProvinceError, match="closest"):
        load_panel(provinces="Quang Nimh", path=path)


def test_default_path_is_under_the_project():
    assert config.PANEL_PARQUET.parent == config.PROJ_ROOT / "data" / "processed"
