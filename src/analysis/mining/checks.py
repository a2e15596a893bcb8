"""Consistency checks on extracted records, reported (never hidden or "fixed"):

- ``percent_vs_fraction``: "13,96/19 điểm bằng 73,47%" must agree (within rounding);
- ``part_exceeds_whole``: a part larger than its total in the same document and year
  (dossiers resolved on time > dossiers resolved; a fraction's count > its denominator);
- ``rank_beyond_denominator``: "xếp thứ 65/63" or a rank below 1;
- ``percent_over_100``."""

from __future__ import annotations

import pandas as pd

CHECK_COLUMNS = ["check", "source", "year", "indicator", "value", "other_value", "detail", "quote", "span_start"]

# (part, whole): the part cannot exceed the whole for one locality, year and document.
PART_WHOLE = [
    ("dossiers_on_time", "dossiers_resolved"),
    ("dossiers_resolved", "dossiers_total"),
    ("dossiers_received", "dossiers_total"),
    ("dossiers_pending", "dossiers_total"),
    ("dossiers_online", "dossiers_total"),
    ("procedures_online_level3", "procedures_count"),
    ("procedures_online_level4", "procedures_count"),
]


def check_records(records: pd.DataFrame) -> pd.DataFrame:
    """Inconsistencies among ``records`` (from ``extract_text``), one row per finding."""
    out: list[dict] = []

    def add(check, r, other, detail):
        out.append(
            {
                "check": check,
                "source": r["source"],
                "year": r["year"],
                "indicator": r["indicator"],
                "value": r["value"],
                "other_value": other,
                "detail": detail,
                "quote": r["quote"],
                "span_start": r["span_start"],
            }
        )

    for _pair, g in records.dropna(subset=["pair"]).groupby(["source", "pair"]):
        frac = g[g["unit"] != "%"]
        pct = g[g["unit"] == "%"]
        if len(frac) == 1 and len(pct) == 1:
            f, p = frac.iloc[0], pct.iloc[0]
            implied = 100 * f["value"] / f["denominator"]
            if abs(implied - p["value"]) > 0.05:
                add(
                    "percent_vs_fraction",
                    p,
                    implied,
                    f"{f['value']:g}/{f['denominator']:g} is {implied:.2f}%, the text says {p['value']:g}%",
                )
    for _, r in records.iterrows():
        if r["indicator"] == "rank":
            if r["value"] < 1 or (pd.notna(r["denominator"]) and r["value"] > r["denominator"]):
                add("rank_beyond_denominator", r, r["denominator"], f"rank {r['value']:g} of {r['denominator']}")
        elif r["unit"] in ("count", "points") and pd.notna(r["denominator"]) and r["value"] > r["denominator"]:
            add("part_exceeds_whole", r, r["denominator"], f"{r['value']:g} out of {r['denominator']:g}")
        if r["unit"] == "%" and r["value"] > 100:
            add("percent_over_100", r, None, f"{r['value']:g}%")
    keys = ["source", "year", "locality"]
    counts = records[records["unit"] == "count"].fillna({"year": -1, "locality": ""})
    for _, g in counts.groupby(keys):
        for part, whole in PART_WHOLE:
            parts, wholes = g[g["indicator"] == part], g[g["indicator"] == whole]
            if wholes.empty:
                continue
            biggest = wholes["value"].max()  # several totals (e.g. the city's and an agency's): the largest
            for _, p in parts.iterrows():
                if p["value"] > biggest:
                    add("part_exceeds_whole", p, biggest, f"{part} {p['value']:g} > {whole} {biggest:g}")
    df = pd.DataFrame(out, columns=CHECK_COLUMNS)
    if not df.empty:
        df["year"] = df["year"].where(df["year"] != -1)
    return df


def flag(records: pd.DataFrame, findings: pd.DataFrame) -> pd.DataFrame:
    """``records`` with a ``flags`` column naming the checks each record failed."""
    records = records.copy()
    records["flags"] = ""
    for f in findings.itertuples():
        hit = (records["source"] == f.source) & (records["span_start"] == f.span_start)
        records.loc[hit, "flags"] = (records.loc[hit, "flags"] + " " + f.check).str.strip()
    return records
