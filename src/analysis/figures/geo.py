"""Province shapes for maps, read from the GeoJSON files in ``data/raw/geo/`` and joined to GSO
codes through the province registry (63 provinces) or the new codes (34 provinces)."""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import numpy as np

from .. import config
from ..provinces import resolve

GEO_63 = config.RAW_DIR / "geo" / "geoBoundaries-VNM-ADM1.geojson"
GEO_34 = config.RAW_DIR / "geo" / "vietnam-provinces-34.geojson"
ATTRIBUTION_63 = (
    "Province boundaries: geoBoundaries (www.geoboundaries.org), VNM ADM1 (boundary year 2008), public domain; "
    "Runfola et al. (2020), PLoS ONE 15(4): e0231866."
)
ATTRIBUTION_34 = (
    ATTRIBUTION_63 + " 34-province dissolve: vnmap (github.com/ura8107/vnmap), MIT License, © 2026 Yuki Matsuura."
)
# Longitude east of which the polygons are the offshore archipelagos (Hoàng Sa, Trường Sa).
ARCHIPELAGO_LON = 110.0


def _rings(geometry: dict) -> list[np.ndarray]:
    polys = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    # Exterior rings only: the generalised provincial shapes have no holes worth drawing at article size.
    return [np.asarray(poly[0], dtype=float) for poly in polys]


@lru_cache(maxsize=2)
def shapes(kind: str = "63") -> dict[str, list[np.ndarray]]:
    """Exterior rings (lon, lat arrays) per code: ``kind="63"`` keys are pre-2025 GSO codes (Côn
    Đảo joined to Bà Rịa - Vũng Tàu), ``kind="34"`` keys are the new 2025 codes."""
    path = Path(GEO_63 if kind == "63" else GEO_34)
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    out: dict[str, list[np.ndarray]] = {}
    for f in features:
        props = f["properties"]
        code = resolve(props["shapeName"]) if kind == "63" else str(props["code"]).zfill(2)
        out.setdefault(code, []).extend(_rings(f["geometry"]))
    return out
