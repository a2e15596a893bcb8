"""The numbers a report states, as plain data (tidy tables and JSON-serialisable records), so that
findings, tables, pages and notebooks only format what is computed here. Scores are on each
index's printed scale (PAPI 6-60 before 2018 and 10-80 from 2018; PCI 0-100; PAR INDEX and SIPAS in
percent); slopes in points of that scale per year; ranks 1 = best."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from .. import stats as st
from ..components import INDEX_LABELS
from ..provinces import name_of, province_table, resolve

DEFAULT_INDICES = ("PAPI", "PCI", "PAR_INDEX", "SIPAS")


def _clean(value):
    """JSON-safe scalar: NaN -> None, numpy -> Python."""
    if value is None or value is pd.NA:
        return None
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def _totals(panel: pd.DataFrame, index: str) -> pd.DataFrame:
    """Preferred province-level headline values (component ``total``) of one index; may be empty."""
    mask = (
        (panel["index"] == index)
        & (panel["component"] == "total")
        & panel["is_preferred"]
        & (panel["level"] == "province")
    )
    return panel[mask]


# (panel file, its mtime, year_from, year_to) -> (the frame handed out, an untouched shallow copy)
_REPORT_PANELS: dict[tuple, tuple[pd.DataFrame, pd.DataFrame]] = {}


def report_panel(
    year_from: int | None = None, year_to: int | None = None, shared_tables: dict | None = None
) -> pd.DataFrame:
    """The panel a report reads: all levels, every component except the PAPI survey indicators
    (which no report section uses), limited to ``year_from``..``year_to``.

    ``shared_tables`` (``{"path", "sha256"}``, as a batch passes it) points at the whole-panel
    tables the batch computed once for the run (:mod:`analysis.reports.shared_tables`); they are
    adopted when their checksum and panel match, else computed as usual.

    Calls with the same inputs get the same frame while it is unchanged (compared with an
    untouched copy-on-write copy, 0.5 ms), so the whole-panel tables kept for it
    (:mod:`analysis.stats.kept`) serve every report of a warm kernel; a frame someone changed
    is replaced, never handed out again."""
    from .. import config
    from ..panel import load_panel

    path = Path(config.PANEL_PARQUET)
    if not path.exists():
        load_panel(level=None)  # builds the panel
    key = (str(path), path.stat().st_mtime, year_from, year_to)
    entry = _REPORT_PANELS.get(key)
    if entry is not None and entry[0].equals(entry[1]):  # same labels, dtypes and values
        panel = entry[0]
    else:
        panel = load_panel(level=None)
        panel = panel[~panel["component"].str.startswith("indicator:")]
        panel = restrict_years(panel, year_from, year_to).reset_index(drop=True)
        _REPORT_PANELS.clear()  # one panel per kernel is enough; never grow with stale files
        _REPORT_PANELS[key] = (panel, panel.copy(deep=False))
    if shared_tables:
        from ..stats.kept import load_tables

        load_tables(panel, shared_tables["path"], shared_tables["sha256"])
    return panel


def restrict_years(panel: pd.DataFrame, year_from: int | None, year_to: int | None) -> pd.DataFrame:
    """The panel limited to ``year_from``..``year_to`` (either may be None)."""
    mask = pd.Series(True, index=panel.index)
    if year_from is not None:
        mask &= panel["year"] >= year_from
    if year_to is not None:
        mask &= panel["year"] <= year_to
    return panel[mask]


def headline(panel: pd.DataFrame, province: str, indices=DEFAULT_INDICES) -> pd.DataFrame:
    """Per index: the province's latest value (``total``), its year, scale, rank among the
    provinces scored that year (``rank``/``n_ranked``, only when at least 30 are scored, else a
    stated press rank if any), source and confidence. Indices with no value say so
    (``value`` NaN, ``note``)."""
    code = resolve(province)
    rows = []
    for index in indices:
        totals = _totals(panel, index)
        sub = totals[totals["province_code"] == code]
        if sub.empty:
            rows.append(
                {
                    "index": index,
                    "label": INDEX_LABELS[index][0],
                    "year": None,
                    "value": float("nan"),
                    "note": "no value for this province in the data",
                }
            )
            continue
        r = sub.sort_values("year").iloc[-1]
        year = int(r["year"])
        same_year = totals[totals["year"] == year]
        rank, n_ranked, rank_basis = None, None, None
        if len(same_year) >= 30:
            ranks = st.rank_within_year(same_year, index)
            own = ranks[ranks["province_code"] == code].iloc[0]
            rank, n_ranked, rank_basis = int(own["rank"]), int(own["n_ranked"]), "computed from the scores"
        else:
            stated = panel[
                (panel["index"] == index)
                & (panel["component"] == "rank")
                & panel["is_preferred"]
                & (panel["province_code"] == code)
                & (panel["year"] == year)
            ]
            if len(stated):
                rank = int(stated["value"].iloc[0])
                n_of = stated["scale_max"].iloc[0]
                n_ranked = int(n_of) if pd.notna(n_of) else None  # "xếp thứ 3" without "/63": not assumed
                rank_basis = "as stated in the source"
        rows.append(
            {
                "index": index,
                "label": INDEX_LABELS[index][0],
                "year": year,
                "value": float(r["value"]),
                "unit": r["unit"],
                "scale_min": r["scale_min"],
                "scale_max": r["scale_max"],
                "method_era": r["method_era"],
                "rank": rank,
                "n_ranked": n_ranked,
                "rank_basis": rank_basis,
                "source": r["source"],
                "confidence": r["confidence"],
                "is_derived": bool(r["is_derived"]),
                "n_scored": int(len(same_year)),
                "source_url": r["source_url"] if isinstance(r["source_url"], str) else None,
                "quote": r["quote"] if isinstance(r["quote"], str) else None,
                "conflict": bool(r["conflict"]),
                "note": "press-reported value (partial coverage)"
                if r["confidence"] == "press"
                else "derived: sum of PAPI sub-dimensions"
                if bool(r["is_derived"])
                else "",
            }
        )
    return pd.DataFrame(rows).astype({"year": "Int64", "rank": "Int64", "n_ranked": "Int64"})


def trends(panel: pd.DataFrame, province: str, indices=DEFAULT_INDICES) -> pd.DataFrame:
    """Per index: the province's linear trend over the latest method era in which most provinces
    are scored (slope in points per year, 95% CI, p-value), or the reason there is none."""
    code = resolve(province)
    out = []
    for index in indices:
        data = _totals(panel, index)
        if data.empty or code not in set(data["province_code"]):
            out.append({"index": index, "status": "no data"})
            continue
        own_eras = data[data["province_code"] == code].sort_values("year")["method_era"]
        era = st.main_era(data) or own_eras.iloc[-1]
        t = st.province_trend(panel, index, provinces=[code], era=era)
        if t.empty:
            out.append({"index": index, "method_era": era, "status": "no data in the era"})
        else:
            out.append(t.iloc[0].to_dict())
    return pd.DataFrame(out)


def data_gaps(panel: pd.DataFrame, province: str, indices=DEFAULT_INDICES) -> pd.DataFrame:
    """Years in which an index scored other provinces but not this one (its ``total``): one row
    per index with the list of missing years and the years covered."""
    code = resolve(province)
    rows = []
    for index in indices:
        data = _totals(panel, index)
        if data.empty:
            continue
        years = sorted(data["year"].unique())
        own = set(data.loc[data["province_code"] == code, "year"])
        rows.append(
            {
                "index": index,
                "years_scored": f"{years[0]}-{years[-1]}",
                "years_with_value": len(own),
                "missing_years": [int(y) for y in years if y not in own],
            }
        )
    return pd.DataFrame(rows)


def method_breaks(panel: pd.DataFrame, province: str, indices=DEFAULT_INDICES) -> pd.DataFrame:
    """For each known method break of each index: the province's values on both sides and a
    Chow-type break test (or "insufficient data")."""
    rows = []
    for index in indices:
        if panel[(panel["index"] == index) & (panel["component"] == "total")].empty:
            continue
        for br in st.known_breaks(index).itertuples():
            try:
                test = st.break_test(panel, province, index, br.year).iloc[0].to_dict()
            except ValueError:
                continue
            rows.append(
                {
                    "index": index,
                    "break_year": br.year,
                    "era_before": br.era_before,
                    "era_after": br.era_after,
                    "what_changed": br.note,
                    "status": test["status"],
                    "n_before": test["n_before"],
                    "n_after": test["n_after"],
                    "level_shift": test["level_shift"],
                    "p_value": test["p_value"],
                }
            )
    return pd.DataFrame(rows)


def merged_history(
    panel: pd.DataFrame, province: str, population: pd.DataFrame | None, indices=("PAPI", "PCI")
) -> pd.DataFrame:
    """The province's 2025 merged province (``merged_view``) across years, per index."""
    code = resolve(province)
    new_code = province_table().set_index("province_code").at[code, "new_code_2025"]
    frames = []
    for index in indices:
        if panel[(panel["index"] == index) & (panel["component"] == "total")].empty:
            continue
        frames.append(st.merged_view(panel, index, population=population, new_codes=[new_code]))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


def province_summary(
    panel: pd.DataFrame, province: str, indices=DEFAULT_INDICES, population: pd.DataFrame | None = None
) -> dict:
    """Machine-readable summary of a province report (JSON-serialisable): identity, headline per
    index, trends, data gaps, method breaks and the merged-province membership."""
    code = resolve(province)
    t = province_table().set_index("province_code").loc[code]
    head = headline(panel, code, indices)
    tr = trends(panel, code, indices)
    gaps = data_gaps(panel, code, indices)
    return {
        "province": name_of(code),
        "province_code": code,
        "slug": t["slug"],
        "region6": t["region6"],
        "new_province_2025": t["new_province_2025"],
        "new_code_2025": t["new_code_2025"],
        "headline": [{k: _clean(v) for k, v in r.items()} for r in head.to_dict("records")],
        "trends": [
            {
                k: _clean(v)
                for k, v in r.items()
                if k
                in (
                    "index",
                    "slope",
                    "ci_low",
                    "ci_high",
                    "p_value",
                    "n_years",
                    "first_year",
                    "last_year",
                    "method_era",
                    "status",
                )
            }
            for r in tr.to_dict("records")
        ],
        "data_gaps": [
            {k: _clean(v) if not isinstance(v, list) else v for k, v in r.items()} for r in gaps.to_dict("records")
        ],
    }


def write_json(obj: dict, path: str | Path) -> Path:
    """Write ``obj`` as UTF-8 JSON atomically (temporary file, then rename)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(json.dumps(obj, ensure_ascii=False, indent=2, default=_clean), encoding="utf-8")
    tmp.replace(path)
    return path


def latest_rankings(panel: pd.DataFrame, indices=("PAPI", "PCI"), min_scored: int = 60) -> pd.DataFrame:
    """Per index, the ranking of the latest year with at least ``min_scored`` provinces scored."""
    frames = []
    for index in indices:
        ranks = st.rank_within_year(panel, index)
        full = ranks.groupby("year")["n_ranked"].first()
        year = full[full >= min_scored].index.max()
        frames.append(ranks[ranks["year"] == year].assign(index=index))
    cols = ["index", "year", "rank", "rank_label", "province", "value", "method_era"]
    return pd.concat(frames, ignore_index=True)[cols]


def beta_table(panel: pd.DataFrame) -> pd.DataFrame:
    """Beta-convergence over the longest full-coverage window inside each broad method era
    (PAPI 2011-2017 and 2018-2024; PCI 2006-2008, 2009-2012, 2013-2019)."""
    windows = [
        ("PAPI", 2011, 2017),
        ("PAPI", 2018, 2024),
        ("PCI", 2006, 2008),
        ("PCI", 2009, 2012),
        ("PCI", 2013, 2019),
    ]
    frames = []
    for index, start, end in windows:
        try:
            frames.append(st.beta_convergence(panel, index, start, end))
        except ValueError:
            continue
    return pd.concat(frames, ignore_index=True)


CROSS_PAIRS = [
    (("PAPI", "total"), ("PCI", "total")),
    (("PAPI", "dimension:8"), ("PCI", "pci:transparency")),
    (("PAPI", "dimension:4"), ("PCI", "pci:informal_charges")),
    (("PAPI", "dimension:5"), ("PCI", "pci:time_costs")),
]


def cross_index_table(panel: pd.DataFrame, min_n: int = 30) -> pd.DataFrame:
    """Year-by-year correlations for the index pairs in ``CROSS_PAIRS`` (years with at least
    ``min_n`` provinces scored on both)."""
    frames = [st.cross_index_correlation(panel, a, b, min_n=min_n) for a, b in CROSS_PAIRS]
    return pd.concat([f for f in frames if not f.empty], ignore_index=True)


def national_summary(panel: pd.DataFrame) -> dict:
    """Machine-readable summary of the national overview: latest rankings (top and bottom 5),
    sigma-convergence by year, beta-convergence windows, cross-index correlations."""
    rankings = latest_rankings(panel)
    records = lambda df: [{k: _clean(v) for k, v in r.items()} for r in df.to_dict("records")]  # noqa: E731
    return {
        "rankings_top5": records(rankings.groupby("index").head(5)),
        "rankings_bottom5": records(rankings.groupby("index").tail(5)),
        "sigma_convergence": {i: records(st.sigma_convergence(panel, i)) for i in ("PAPI", "PCI")},
        "beta_convergence": records(beta_table(panel)),
        "cross_index": records(cross_index_table(panel)),
    }


def show(df: pd.DataFrame, digits: int = 2):
    """A display-ready table for reports: no index column, numbers rounded to ``digits``."""
    return df.style.hide(axis="index").format(precision=digits, na_rep="–")


def headline_table(head: pd.DataFrame) -> pd.DataFrame:
    """Readable version of :func:`headline`: index, year, score on its scale, rank, source."""
    out = pd.DataFrame(
        {
            "Index": head["index"].str.replace("_", " "),
            "Year": head["year"],
            "Score": [f"{v:.2f}" if pd.notna(v) else "no data" for v in head["value"]],
            "Scale": [
                f"{u} {lo:g}-{hi:g}" if pd.notna(lo) else ""
                for u, lo, hi in zip(
                    head.get("unit", ""),
                    head.get("scale_min", pd.Series(dtype=float)),
                    head.get("scale_max", pd.Series(dtype=float)),
                )
            ]
            if "unit" in head
            else "",
            "Rank": [f"{r}/{n}" if pd.notna(r) else "–" for r, n in zip(head.get("rank", []), head.get("n_ranked", []))]
            if "rank" in head
            else "–",
            "Source": [
                (s if s == c else f"{s} ({c})") if isinstance(s, str) else ""
                for s, c in zip(head.get("source", []), head.get("confidence", []))
            ]
            if "source" in head
            else "",
            "Note": head["note"],
        }
    )
    return out


def trend_table(tr: pd.DataFrame) -> pd.DataFrame:
    """Readable version of :func:`trends`: slope per year with its 95% CI, or the reason for none."""
    rows = []
    for r in tr.to_dict("records"):
        ok = r.get("status") == "ok"
        rows.append(
            {
                "Index": r["index"].replace("_", " "),
                "Years": f"{int(r['first_year'])}-{int(r['last_year'])} ({int(r['n_years'])} values)"
                if pd.notna(r.get("n_years"))
                else "",
                "Method era": r.get("method_era", ""),
                "Points per year": f"{r['slope']:+.2f}" if ok else "–",
                "95% CI": f"{r['ci_low']:+.2f} to {r['ci_high']:+.2f}" if ok else "–",
                "p": f"{r['p_value']:.3f}" if ok else "–",
                "Status": r.get("status", ""),
            }
        )
    return pd.DataFrame(rows)


def peer_table(panel: pd.DataFrame, province: str, index: str, n: int = 5) -> pd.DataFrame:
    """Nearest peers (``stats.peers``) as a display table, or a one-row table saying why there are none."""
    try:
        p = st.peers(panel, province, index, n=n)
    except ValueError as exc:
        return pd.DataFrame({"note": [str(exc)]})
    return p[["province", "year", "level", "slope", "distance"]]


def gap_table(panel: pd.DataFrame, province: str, index: str, last: int = 6) -> pd.DataFrame:
    """The province's gap to its region's mean and to the national median in its last ``last`` scored years."""
    try:
        g = st.province_gaps(panel, province, index)
    except ValueError as exc:
        return pd.DataFrame({"note": [str(exc)]})
    return g[["year", "value", "region_mean", "national_median", "gap_region", "gap_national"]].tail(last)


def rank_movement(panel: pd.DataFrame, province: str, index: str, min_scored: int = 30) -> dict | None:
    """The province's computed rank in the first and the last year of the index's main method era
    (the latest era in which most provinces are scored) among years with at least ``min_scored``
    provinces scored. Never spans a method break. ``places_gained`` > 0 means it moved up.
    None when the province is ranked in fewer than two such years."""
    code = resolve(province)
    data = _totals(panel, index)
    era = st.main_era(data)
    if era is None:
        return None
    ranks = st.rank_within_year(data[data["method_era"] == era], index)
    ranks = ranks[ranks["n_ranked"] >= min_scored]
    own = ranks[ranks["province_code"] == code].sort_values("year")
    if len(own) < 2:
        return None
    first, last = own.iloc[0], own.iloc[-1]
    return {
        "index": index,
        "method_era": era,
        "year_from": int(first["year"]),
        "year_to": int(last["year"]),
        "rank_from": int(first["rank"]),
        "rank_to": int(last["rank"]),
        "n_from": int(first["n_ranked"]),
        "n_to": int(last["n_ranked"]),
        "places_gained": int(first["rank"] - last["rank"]),
    }


def latest_gap(panel: pd.DataFrame, province: str, index: str) -> dict | None:
    """The province's value, its region's mean and the national median in its latest scored year
    of ``index`` (points), with the gaps (value minus each); None without a value."""
    try:
        g = st.province_gaps(panel, province, index)
    except ValueError:
        return None
    r = g.iloc[-1]
    return {
        "index": index,
        "year": int(r["year"]),
        "method_era": r["method_era"],
        "value": float(r["value"]),
        "region_mean": float(r["region_mean"]),
        "national_median": float(r["national_median"]),
        "gap_region": float(r["gap_region"]),
        "gap_national": float(r["gap_national"]),
    }


def press_values(panel: pd.DataFrame, province: str, index: str) -> pd.DataFrame:
    """Every press-reported value and stated rank of ``index`` (PAR INDEX or SIPAS) for the
    province, one row per year and reported value (conflicting reports stay separate rows):
    ``year``, ``value`` (percent, may be NaN when only a rank was reported), ``rank``, ``rank_of``,
    ``conflict``, ``n_reports``, ``source_url``, ``quote``, ``component`` (which row the citation
    comes from). Empty when there is none."""
    code = resolve(province)
    rows = panel[
        (panel["index"] == index)
        & (panel["level"] == "province")
        & (panel["province_code"] == code)
        & panel["component"].isin(["total", "rank"])
    ].sort_values(["year", "component", "value"])
    cols = ["year", "value", "rank", "rank_of", "conflict", "n_reports", "source_url", "quote", "component"]
    if rows.empty:
        return pd.DataFrame(columns=cols)
    out = []
    for year, g in rows.groupby("year", sort=True):
        totals, ranks = g[g["component"] == "total"], g[g["component"] == "rank"]
        rank_list = list(ranks.itertuples())
        for r in totals.itertuples():
            # A stated rank from the same page goes beside the value it was reported with.
            same = [k for k in rank_list if k.source_url == r.source_url] or (rank_list[:1] if len(ranks) == 1 else [])
            k = same[0] if same else None
            out.append(
                {
                    "year": int(year),
                    "value": float(r.value),
                    "rank": int(k.value) if k is not None else None,
                    "rank_of": int(k.scale_max) if k is not None and pd.notna(k.scale_max) else None,
                    "conflict": bool(r.conflict) or (k is not None and bool(k.conflict)),
                    "n_reports": int(r.n_reports),
                    "source_url": r.source_url,
                    "quote": r.quote,
                    "component": "total",
                }
            )
            if k is not None and not (len(ranks) == 1 and len(totals) > 1):
                rank_list.remove(k)
        for k in rank_list:
            if not totals.empty and any(o["year"] == year and o["rank"] == int(k.value) for o in out):
                continue
            out.append(
                {
                    "year": int(year),
                    "value": float("nan"),
                    "rank": int(k.value),
                    "rank_of": int(k.scale_max) if pd.notna(k.scale_max) else None,
                    "conflict": bool(k.conflict),
                    "n_reports": int(k.n_reports),
                    "source_url": k.source_url,
                    "quote": k.quote,
                    "component": "rank",
                }
            )
    return pd.DataFrame(out, columns=cols)


def national_press_values(panel: pd.DataFrame, index: str, years: int = 3) -> pd.DataFrame:
    """Every province-year value of ``index`` (PAR INDEX or SIPAS) known from the press in its
    latest ``years`` years with any value: ``province_code``, ``province``, ``year``, ``value``
    (percent), ``rank``, ``rank_of``, ``conflict``, ``source_url``, ``quote``."""
    data = panel[(panel["index"] == index) & (panel["level"] == "province") & (panel["component"] == "total")]
    if data.empty:
        return pd.DataFrame()
    keep = sorted(data["year"].unique())[-years:]
    frames = []
    for code in sorted(data.loc[data["year"].isin(keep), "province_code"].unique()):
        pv = press_values(panel, code, index)
        pv = pv[pv["year"].isin(keep) & pv["value"].notna()]
        frames.append(pv.assign(province_code=code, province=name_of(code)))
    return pd.concat(frames, ignore_index=True).sort_values(["year", "value"], ascending=[False, False])
