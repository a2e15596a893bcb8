"""Validation of panel rows with pandera: schema, scale ranges, keys. Failing rows are returned
for the quarantine with a reason; nothing is dropped silently."""

from __future__ import annotations

import pandas as pd
import pandera.pandas as pa

from .components import INDICES
from .provinces import registry
from .sources.base import QUARANTINE_COLUMNS

COMPONENT_PATTERN = (
    r"^(total(_weighted|_unweighted)?(_se|_ci_low|_ci_high)?|rank|observations"
    r"|dimension:\d|subdimension:\d\.[a-z_]+|indicator:\d(?:\.\d)?\.[a-z0-9_]+|pci:[a-z_]+)$"
)
KEY = ["index", "component", "level", "province_code", "region", "year", "source"]


def panel_schema() -> pa.DataFrameSchema:
    """The pandera schema every panel row must pass (types, vocabularies, scale ranges)."""
    codes = list(registry().table["province_code"])

    def within_scale(df: pd.DataFrame) -> pd.Series:
        lo_ok = df["scale_min"].isna() | (df["value"] >= df["scale_min"] - 1e-9)
        hi_ok = df["scale_max"].isna() | (df["value"] <= df["scale_max"] + 1e-9)
        return lo_ok & hi_ok

    def province_rows_have_code(df: pd.DataFrame) -> pd.Series:
        return (df["level"] != "province") | df["province_code"].notna()

    return pa.DataFrameSchema(
        {
            "index": pa.Column(str, pa.Check.isin(INDICES)),
            "component": pa.Column(str, pa.Check.str_matches(COMPONENT_PATTERN)),
            "level": pa.Column(str, pa.Check.isin(["province", "region", "national"])),
            "province_code": pa.Column(str, pa.Check.isin(codes), nullable=True),
            "year": pa.Column(int, pa.Check.in_range(2005, 2030)),
            "value": pa.Column(float, nullable=False),
            "scale_min": pa.Column(float, nullable=True),
            "scale_max": pa.Column(float, nullable=True),
            "unit": pa.Column(
                str,
                pa.Check.isin(["points", "percent", "rank", "respondents", "share", "variance", "VND", "as printed"]),
            ),
            "method_era": pa.Column(str),
            "is_derived": pa.Column(bool),
            "source": pa.Column(str),
            "other_urls": pa.Column(str, nullable=True, required=False),
        },
        checks=[
            pa.Check(within_scale, error="value outside the component's scale"),
            pa.Check(province_rows_have_code, error="province row without a province code"),
        ],
        coerce=True,
        strict=False,
    )


def validate_rows(rows: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Validate panel rows. Returns (valid rows, quarantine records for the failing rows).

    Failing rows are those pandera reports (per cell or per row) and duplicate keys within one
    source that are not flagged as press conflicts (both copies are quarantined when the values
    differ; the later copy when they are equal)."""
    rows = rows.reset_index(drop=True)
    reasons: dict[int, list[str]] = {}
    try:
        panel_schema().validate(rows, lazy=True)
    except pa.errors.SchemaErrors as err:
        fc = err.failure_cases
        if fc["index"].isna().any():
            raise
        for rec in fc.drop_duplicates(["index", "check", "schema_context"]).itertuples(index=False):
            i = int(rec.index)
            if rec.schema_context == "DataFrameSchema":
                lo, hi = float(rows.at[i, "scale_min"]), float(rows.at[i, "scale_max"])
                text = f"{rec.check} (value {float(rows.at[i, 'value']):g} on scale {lo:g}-{hi:g})"
            else:
                text = f"{rec.column}: {rec.check} (value {rec.failure_case!r})"
            reasons.setdefault(i, []).append(text)
    keyed = rows.assign(_p=rows["province_code"].fillna(""), _r=rows["region"].fillna(""))
    key = ["index", "component", "level", "_p", "_r", "year", "source"]
    plain = keyed[~keyed["conflict"].astype(bool)]
    dup = plain[plain.duplicated(key, keep=False)]
    for _, g in dup.groupby(key):
        lines = list(g["raw_line"])
        if g["value"].nunique() == 1:
            for i in g.index[1:]:
                reasons.setdefault(i, []).append(f"duplicate key: same value as line {lines[0]}")
        else:
            for i in g.index:
                others = [str(x) for x in lines if x != rows.at[i, "raw_line"]]
                reasons.setdefault(i, []).append(f"duplicate key with a different value (lines {', '.join(others)})")
    bad = sorted(reasons)
    q = pd.DataFrame(
        {
            "source": rows.loc[bad, "source"].values,
            "raw_file": rows.loc[bad, "raw_file"].values,
            "raw_line": rows.loc[bad, "raw_line"].values,
            "column": rows.loc[bad, "component"].values,
            "value": rows.loc[bad, "value"].astype(str).values,
            "reason": ["; ".join(reasons[i]) for i in bad],
        },
        columns=QUARANTINE_COLUMNS,
    )
    return rows.drop(index=bad).reset_index(drop=True), q


# Provinces each source should cover per year (the source says so in SOURCES.md).
EXPECTED_PROVINCES = {
    "papi_dims_2011_2019": lambda year: 63,
    "papi_workbook_2018_2023": lambda year: 63,
    "papi_hnks_2011_2024": lambda year: 63,
    "pci_workbooks_2005_2019": lambda year: 42 if year == 2005 else 64 if year <= 2008 else 63,
}


def coverage_shortfalls(rows: pd.DataFrame) -> pd.DataFrame:
    """Per source and year, provinces expected vs provinces with at least one value, listing the
    missing ones by name (known gaps such as PAPI 2023 Quảng Ninh show up here, by design)."""
    names = dict(zip(registry().table["province_code"], registry().table["province"]))
    records = []
    for source, expect in EXPECTED_PROVINCES.items():
        sub = rows[(rows["source"] == source) & (rows["level"] == "province")]
        for year, g in sub.groupby("year"):
            n = g["province_code"].nunique()
            want = expect(int(year))
            if n < want:
                all_codes = set(names) if want >= 63 else set()
                missing = sorted(all_codes - set(g["province_code"]) - ({"28"} if year > 2008 else set()))
                records.append(
                    {
                        "source": source,
                        "year": int(year),
                        "expected": want,
                        "found": n,
                        "missing": ", ".join(names[c] for c in missing),
                    }
                )
    return pd.DataFrame(records, columns=["source", "year", "expected", "found", "missing"])
