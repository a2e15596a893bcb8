import unicodedata

import pandas as pd
import pytest

from analysis import provinces as prov
from analysis.provinces import UnknownProvinceError, resolve

PRESS_SPELLINGS = {
    "TP. Hồ Chí Minh": "79",
    "TP HCM": "79",
    "HCMC": "79",
    "Ho Chi Minh City": "79",
    "TP. HCM": "79",
    "Thành phố Hồ Chí Minh": "79",
    "BRVT": "77",
    "Bà Rịa-Vũng Tàu": "77",
    "Bà Rịa - Vũng Tàu": "77",
    "Bà Rịa–Vũng Tàu": "77",
    "Thừa Thiên Huế": "46",
    "TT-Huế": "46",
    "Huế": "46",
    "Thua Thien-Hue": "46",
    "Dak Lak": "66",
    "Đắc Lắk": "66",
    "Đắk Lắk": "66",
    "  Tỉnh   Quảng  Ninh ": "22",
    "Hà Nội\t": "01",
    "Hanoi": "01",
    "Thành phố Đà Nẵng": "48",
    "Hòa Bình": "17",
    "Hoà Bình": "17",
    "Hà Tây": "28",
    "Côn Đảo": "77",
    "Ha Noi City": "01",
    "Dak Nong Province": "67",
}


@pytest.mark.parametrize("name,code", sorted(PRESS_SPELLINGS.items()))
def test_resolve_press_spellings(name, code):
    assert resolve(name) == code


def test_resolve_nfd_input_and_codes():
    assert resolve(unicodedata.normalize("NFD", "Đắk Nông")) == "67"
    assert resolve(unicodedata.normalize("NFD", "Thừa Thiên Huế")) == "46"
    assert resolve(1) == "01"
    assert resolve("96") == "96"


def test_unknown_name_lists_closest_candidates():
    with pytest.raises(UnknownProvinceError) as exc:
        resolve("Quang Nim")
    assert "Quảng Ninh" in exc.value.candidates
    assert "Quang Nim" in str(exc.value)
    with pytest.raises(UnknownProvinceError):
        resolve("Atlantis")
    with pytest.raises(UnknownProvinceError):
        resolve(97)


def _column(raw_dir, path, col):
    return pd.read_csv(raw_dir / path, dtype=str, keep_default_na=False)[col].unique()


@pytest.mark.parametrize(
    "path,col",
    [
        ("papi/papi_2011_2019_dimensions_long.csv", "province_name_en"),
        ("papi/papi_2011_2019_dimensions_long.csv", "province_name_vi"),
        ("papi/papi_2018_2019_2022_2023_indicators_long.csv", "province_name_en"),
        ("papi/papi_subdimensions_2011_2024_hnks_wide.csv", "province_name"),
        ("pci/pci_2005_2019_subindices.csv", "prov"),
        ("pci/pci_2006_2022_pcivietnam_province_pages.csv", "province_name_vi"),
        ("pci/pci_subindex_tables_pcivietnam_partial.csv", "province_page"),
        ("crosswalk/vietnamcode_province_codes.csv", "province_name_diacritics"),
        ("crosswalk/merger_2025_province_crosswalk.csv", "old_province_name"),
    ],
)
def test_every_spelling_in_the_raw_sources_resolves(raw_dir, path, col):
    names = [n for n in _column(raw_dir, path, col) if n.strip()]
    unresolved = [n for n in names if prov.try_resolve(n) is None]
    assert not unresolved, unresolved


def test_press_names_resolve_to_the_code_the_file_gives(raw_dir):
    press = pd.read_csv(raw_dir / "press/par_sipas_press_reported.csv", dtype=str, keep_default_na=False)
    rows = press[press["level"] == "province"]
    assert len(rows) > 200
    for name, code in zip(rows["province_vi"], rows["province_code_gso"]):
        assert resolve(name) == code.zfill(2), name


def test_registry_has_63_provinces_with_unique_codes_and_slugs():
    t = prov.province_table()
    assert len(t) == 63
    assert t["province_code"].is_unique and t["slug"].is_unique
    assert all(unicodedata.is_normalized("NFC", n) for n in t["province"])
    assert "28" in set(prov.province_table(include_ha_tay=True)["province_code"])


def test_six_regions_have_the_gso_membership_counts():
    # GSO yearbook grouping: 14 northern midlands, 11 Red River Delta, 14 north-central & coast,
    # 5 Central Highlands, 6 South East, 13 Mekong Delta.
    counts = prov.province_table()["region6_en"].value_counts().to_dict()
    assert counts == {
        "Northern midlands and mountain areas": 14,
        "Northern Central area and Central coastal area": 14,
        "Mekong River Delta": 13,
        "Red River Delta": 11,
        "South East": 6,
        "Central Highlands": 5,
    }
    assert prov.province_table().set_index("province_code").loc["22", "region6"] == "Đồng bằng sông Hồng"


def test_merger_maps_all_63_to_34():
    t = prov.province_table()
    assert t["new_code_2025"].notna().all()
    assert t["new_code_2025"].nunique() == 34
    m = prov.merged_provinces()
    assert len(m) == 34 and sum(len(x) for x in m["member_codes"]) == 63
    tq = m.set_index("new_code_2025").loc["08"]
    assert tq["new_province_2025"] == "Tuyên Quang" and sorted(tq["member_codes"]) == ["02", "08"]
    hcm = m.set_index("new_code_2025").loc["79"]
    assert sorted(hcm["member_codes"]) == ["74", "77", "79"]
    # Tiền Giang: one commune row goes to Tây Ninh in the source; the majority goes to Đồng Tháp.
    assert t.set_index("province_code").loc["82", "new_code_2025"] == "82"
