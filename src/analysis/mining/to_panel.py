"""Extracted index values as panel rows of lower confidence, and their disagreements with the panel."""

from __future__ import annotations

import pandas as pd

from ..components import INDEX_LABELS, method_era

INDEX_OF = {"par_index": "PAR_INDEX", "sipas": "SIPAS", "papi": "PAPI", "pci": "PCI"}


def to_panel_rows(records: pd.DataFrame) -> pd.DataFrame:
    """Province-level PAR INDEX / SIPAS / PAPI / PCI values and ranks with a year and a province
    code, in the panel's layout: ``source = press:<file>``, ``confidence = "extracted"``,
    ``is_preferred = False`` (they never replace a published value)."""
    rows = []
    for r in records.itertuples():
        if r.level != "province" or pd.isna(r.year) or not isinstance(r.province_code, str) or r.kind != "achieved":
            continue
        if r.indicator in INDEX_OF:
            index, component, unit = INDEX_OF[r.indicator], "total", "percent" if r.unit == "%" else "points"
        elif r.indicator == "rank" and r.subject in INDEX_OF:
            index, component, unit = INDEX_OF[r.subject], "rank", "rank"
        else:
            continue
        year = int(r.year)
        try:
            era = method_era(index, year)
        except ValueError:
            continue
        rows.append(
            {
                "index": index,
                "component": component,
                "component_label_en": INDEX_LABELS[index][0],
                "level": "province",
                "province_code": r.province_code,
                "year": year,
                "value": float(r.value),
                "unit": unit,
                "scale_max": r.denominator if component == "rank" else 100.0,
                "method_era": era,
                "is_derived": False,
                "is_preferred": False,
                "source": f"press:{r.source}",
                "confidence": "extracted",
                "quote": r.quote,
                "note": f"characters {r.span_start}-{r.span_end}",
            }
        )
    return pd.DataFrame(rows)


def compare_with_panel(rows: pd.DataFrame, panel: pd.DataFrame) -> pd.DataFrame:
    """Extracted rows next to the panel's preferred value for the same cell; ``agrees`` is False
    where they differ by more than rounding (0.01 points, or any rank difference)."""
    if rows.empty:
        return rows.assign(panel_value=pd.Series(dtype=float), agrees=pd.Series(dtype=bool))
    key = ["index", "component", "province_code", "year"]
    ref = panel[panel["is_preferred"] & (panel["level"] == "province")][key + ["value", "source"]]
    out = rows.merge(ref.rename(columns={"value": "panel_value", "source": "panel_source"}), on=key, how="left")
    out["agrees"] = ((out["value"] - out["panel_value"]).abs() <= 0.011).astype("boolean")
    out.loc[out["panel_value"].isna(), "agrees"] = pd.NA  # nothing published to compare with
    return out
