"""The one place that knows province identity.

Built once (cached) from real crosswalks in ``data/raw/crosswalk/``:

- ``provinces_63_thanglequoc.csv``: the 63 provinces before July 2025, GSO codes, names, 8 regions;
- ``vietnamcode_province_codes.csv``: extra spellings, PCI ids, and Hà Tây (code 28, merged into
  Hà Nội on 1 August 2008);
- ``merger_2025_province_crosswalk.csv``: the 1 July 2025 merger into 34 provinces (majority mapping);
- ``covariates/gso_average_population_by_province_1995_2016.csv``: the GSO's grouping of provinces
  into the 6 socio-economic regions used by PAR INDEX and PCI reporting (read from its row order);
- ``province_aliases.csv`` (next to this module): a reviewed list of press spellings.

Province codes are 2-character strings (``"01"`` Hà Nội … ``"96"`` Cà Mau).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import config
from .text import fold, nfc, slugify, strip_diacritics

HA_TAY_CODE = "28"

# The GSO yearbook lists the 6 socio-economic regions as header rows; English as printed there,
# Vietnamese as used by the Ministry of Home Affairs in PAR INDEX reports.
REGION6_VI = {
    "Red River Delta": "Đồng bằng sông Hồng",
    "Northern midlands and mountain areas": "Trung du và miền núi phía Bắc",
    "Northern Central area and Central coastal area": "Bắc Trung Bộ và duyên hải miền Trung",
    "Central Highlands": "Tây Nguyên",
    "South East": "Đông Nam Bộ",
    "Mekong River Delta": "Đồng bằng sông Cửu Long",
}

# Canonical display names that differ from the thanglequoc crosswalk: the crosswalk already uses
# the 2025 name "Huế", but every index year in this project predates it.
_NAME_OVERRIDES = {"46": "Thừa Thiên Huế"}

# Administrative prefixes dropped before matching ("Tỉnh Quảng Ninh", "TP. Đà Nẵng", "Hanoi City").
_PREFIXES = ("thanh pho ", "tinh ", "tp ", "t p ")
_SUFFIXES = (" province", " city", " municipality")


class UnknownProvinceError(KeyError):
    """Raised when a name cannot be resolved to a province; carries the closest candidates."""

    def __init__(self, name: str, candidates: list[str]):
        self.name = name
        self.candidates = candidates
        hint = f"; closest: {', '.join(candidates)}" if candidates else ""
        super().__init__(f"unknown province name {name!r}{hint}")

    def __str__(self) -> str:  # KeyError quotes its message otherwise
        return self.args[0]


@dataclass(frozen=True)
class Registry:
    table: pd.DataFrame  # one row per province code (63 + Hà Tây)
    keys: dict[str, str]  # folded spelling -> code


def _read(path: Path) -> pd.DataFrame:
    if not path.exists():
        raise FileNotFoundError(f"province crosswalk missing: {path}")
    return pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")


def _strip_affixes(key: str) -> str:
    for prefix in _PREFIXES:
        if key.startswith(prefix):
            key = key[len(prefix) :]
    for suffix in _SUFFIXES:
        if key.endswith(suffix):
            key = key[: -len(suffix)]
    return key.strip()


def _key(name: str) -> str:
    return _strip_affixes(fold(name))


def _region6_membership(path: Path, known: dict[str, str]) -> dict[str, str]:
    """Map province code -> region (English) from the order of the GSO population file."""
    pop = _read(path)
    labels = list(dict.fromkeys(pop["province_as_in_file"]))
    out: dict[str, str] = {}
    region = None
    for label in labels:
        if label in REGION6_VI:
            region = label
            continue
        code = known.get(_key(label))
        if code is not None and region is not None:
            out[code] = region
    return out


@lru_cache(maxsize=1)
def registry() -> Registry:
    """Load the province registry (cached). See the module docstring for its sources."""
    raw = config.RAW_DIR
    tlq = _read(raw / "crosswalk" / "provinces_63_thanglequoc.csv")
    vnc = _read(raw / "crosswalk" / "vietnamcode_province_codes.csv")
    merger = _read(raw / "crosswalk" / "merger_2025_province_crosswalk.csv")

    rows = []
    for r in tlq.itertuples(index=False):
        code = r.province_code_gso.zfill(2)
        name = nfc(_NAME_OVERRIDES.get(code, r.name))
        rows.append(
            {
                "province_code": code,
                "province": name,
                "province_ascii": strip_diacritics(name),
                "slug": slugify(name),
                "unit_type": "municipality" if r.unit_type_en.lower().startswith("municip") else "province",
                "region8": nfc(r.region_name),
                "region8_en": r.region_name_en,
                "active_until": pd.NA,
            }
        )
    rows.append(
        {
            "province_code": HA_TAY_CODE,
            "province": "Hà Tây",
            "province_ascii": "Ha Tay",
            "slug": "ha-tay",
            "unit_type": "province",
            "region8": "Đồng bằng sông Hồng",
            "region8_en": "Red River Delta",
            "active_until": "2008-07-31",
        }
    )
    table = pd.DataFrame(rows)

    pci_ids = {r.enterprise_census_c.zfill(2): r.pci for r in vnc.itertuples() if r.province_name}
    table["pci_id"] = table["province_code"].map(pci_ids)

    # Majority mapping old -> new (two minority edge rows in the source are commune transfers).
    merger["share"] = merger["share_of_old_province_rows"].astype(float)
    major = merger.sort_values("share", ascending=False).drop_duplicates("old_province_code")
    new_code = dict(zip(major["old_province_code"].str.zfill(2), major["new_province_code"].str.zfill(2)))
    new_name = dict(zip(major["new_province_code"].str.zfill(2), major["new_province_name"]))
    new_code[HA_TAY_CODE] = new_code["01"]
    table["new_code_2025"] = table["province_code"].map(new_code)
    table["new_province_2025"] = table["new_code_2025"].map(
        lambda c: nfc(_strip_unit_word(new_name[c])) if isinstance(c, str) else pd.NA
    )

    keys: dict[str, str] = {}

    def add(spelling: str, code: str) -> None:
        if spelling and spelling.strip():
            keys.setdefault(_key(spelling), code)

    for r in table.itertuples():
        for s in (r.province, r.province_ascii, r.slug.replace("-", " ")):
            add(s, r.province_code)
    for r in tlq.itertuples():
        code = r.province_code_gso.zfill(2)
        for s in (r.name, r.name_en, r.full_name, r.full_name_en, r.code_name.replace("_", " ")):
            add(s, code)
    for r in vnc.itertuples():
        if r.province_name:
            code = r.enterprise_census_c.zfill(2)
            for s in (r.province_name, r.province_name_full, r.province_name_diacritics):
                add(s, code)
    for r in merger.itertuples():
        add(r.old_province_name, r.old_province_code.zfill(2))
    aliases = _read(Path(__file__).with_name("province_aliases.csv"))
    for r in aliases.itertuples():
        add(r.alias, r.province_code.zfill(2))

    region6 = _region6_membership(raw / "covariates" / "gso_average_population_by_province_1995_2016.csv", keys)
    table["region6_en"] = table["province_code"].map(region6)
    table["region6"] = table["region6_en"].map(REGION6_VI)
    table = table.sort_values("province_code").reset_index(drop=True)
    return Registry(table=table, keys=keys)


def _strip_unit_word(name: str) -> str:
    for word in ("Thành phố ", "Tỉnh "):
        if name.startswith(word):
            return name[len(word) :]
    return name


def province_table(include_ha_tay: bool = False) -> pd.DataFrame:
    """The province table: code, canonical name (NFC), ASCII name, slug, unit type, 8 and 6
    regions (Vietnamese and English), PCI id, and the 2025 merger target (code and name)."""
    table = registry().table
    if not include_ha_tay:
        table = table[table["province_code"] != HA_TAY_CODE]
    return table.reset_index(drop=True).copy()


def resolve(name: str | int) -> str:
    """Map any spelling of a province (with or without diacritics, NFD or NFC, abbreviations such
    as "TP. HCM" or "BRVT", "Tỉnh"/"Thành phố" prefixes) or a GSO code to its 2-character GSO code.

    Raises :class:`UnknownProvinceError` with the closest candidates when nothing matches."""
    reg = registry()
    if isinstance(name, int) or (isinstance(name, str) and name.strip().isdigit()):
        code = str(int(name)).zfill(2)
        if code in set(reg.table["province_code"]):
            return code
        raise UnknownProvinceError(str(name), [])
    if not isinstance(name, str) or not name.strip():
        raise UnknownProvinceError(repr(name), [])
    key = _key(name)
    if key in reg.keys:
        return reg.keys[key]
    squeezed = key.replace(" ", "")
    for k, code in reg.keys.items():
        if k.replace(" ", "") == squeezed:
            return code
    close = difflib.get_close_matches(key, list(reg.keys), n=5, cutoff=0.6)
    names = dict(zip(reg.table["province_code"], reg.table["province"]))
    candidates = list(dict.fromkeys(names[reg.keys[k]] for k in close))
    raise UnknownProvinceError(name, candidates[:3])


def try_resolve(name: str | int) -> str | None:
    """Like :func:`resolve` but returns ``None`` for an unknown name."""
    try:
        return resolve(name)
    except UnknownProvinceError:
        return None


def name_of(code: str) -> str:
    """Canonical Vietnamese name (NFC) for a 2-character GSO code."""
    table = registry().table
    match = table.loc[table["province_code"] == str(code).zfill(2), "province"]
    if match.empty:
        raise UnknownProvinceError(str(code), [])
    return match.iloc[0]


def merged_provinces() -> pd.DataFrame:
    """The 34 provinces from 1 July 2025: ``new_code_2025``, ``new_province_2025`` and the list of
    pre-2025 member codes and names (Hà Tây excluded)."""
    table = province_table()
    grouped = table.groupby(["new_code_2025", "new_province_2025"], sort=True)
    return grouped.agg(member_codes=("province_code", list), members=("province", list)).reset_index()
