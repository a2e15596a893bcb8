"""Values the project computes, always marked ``is_derived = True`` with the rule in ``note``.

Only one rule exists: PAPI dimension = sum of its sub-dimensions, and PAPI total = sum of its
dimensions, for province-years where no source prints them (2020, 2021 and 2024 exist only as
sub-dimensions). A value is derived only when every part that year's layout defines is present."""

from __future__ import annotations

import pandas as pd

from .components import PAPI_DIMENSIONS, papi_subdimension_layout, papi_total_scale

DERIVED_SOURCE = "derived"


def derive_papi(preferred: pd.DataFrame) -> pd.DataFrame:
    """Derived PAPI dimensions and totals from the preferred rows (one value per cell).

    Returns rows in panel form with ``source = "derived"`` and ``confidence = "derived"``."""
    papi = preferred[(preferred["index"] == "PAPI") & (preferred["level"] == "province")]
    have = set(zip(papi["component"], papi["province_code"], papi["year"]))
    subs = papi[papi["component"].str.startswith("subdimension:")]
    subs = subs.assign(dim=subs["component"].str.extract(r"^subdimension:(\d)\.", expand=False).astype(int))
    records = []
    dims_by_cell: dict[tuple[str, int], dict[int, float]] = {}
    for (code, year, dim), g in subs.groupby(["province_code", "year", "dim"]):
        expected = sum(1 for (d, _p) in papi_subdimension_layout(int(year)) if d == dim)
        component = f"dimension:{dim}"
        if (component, code, year) in have:
            continue
        if len(g) != expected:
            continue
        en, vi = PAPI_DIMENSIONS[dim]
        value = float(g["value"].sum())
        dims_by_cell.setdefault((code, int(year)), {})[dim] = value
        records.append(
            _row(
                g.iloc[0],
                component,
                en,
                vi,
                value,
                1.0,
                10.0,
                f"sum of {len(g)} sub-dimensions ({', '.join(sorted(g['source'].unique()))})",
            )
        )
    # Totals: printed dimensions count too.
    dims = papi[papi["component"].str.startswith("dimension:")]
    for r in dims.itertuples(index=False):
        dims_by_cell.setdefault((r.province_code, int(r.year)), {}).setdefault(int(r.component.split(":")[1]), r.value)
    for (code, year), values in dims_by_cell.items():
        n_dims = 6 if year <= 2017 else 8
        if ("total", code, year) in have or len(values) != n_dims:
            continue
        lo, hi = papi_total_scale(year)
        template = papi[(papi["province_code"] == code) & (papi["year"] == year)].iloc[0]
        records.append(
            _row(
                template,
                "total",
                "PAPI total (unweighted sum of dimensions)",
                "Chỉ số PAPI tổng hợp (không có trọng số)",
                sum(values.values()),
                lo,
                hi,
                f"sum of {n_dims} dimensions (printed or derived)",
            )
        )
    return pd.DataFrame(records)


def _row(template: pd.Series, component: str, en: str, vi: str, value: float, lo: float, hi: float, rule: str) -> dict:
    out = template.to_dict()
    out.update(
        {
            "component": component,
            "component_label_en": en,
            "component_label_vi": vi,
            "value": value,
            "scale_min": lo,
            "scale_max": hi,
            "unit": "points",
            "is_derived": True,
            "source": DERIVED_SOURCE,
            "confidence": "derived",
            "raw_file": pd.NA,
            "raw_line": pd.NA,
            "correction": pd.NA,
            "source_url": pd.NA,
            "quote": pd.NA,
            "n_reports": 1,
            "conflict": False,
            "note": f"derived: {rule}",
        }
    )
    return out
