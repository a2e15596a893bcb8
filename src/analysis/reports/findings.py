"""Key findings in words: three to six sentences a journalist can quote, generated from the
statistics a report computes, with the hedging rules below applied in code (and tested).

Hedging rules
1. **Direction needs the interval.** A trend is called an improvement only when the 95%
   confidence interval of the slope lies entirely above 0, a decline only when it lies entirely
   below 0; otherwise the sentence says there is no clear change and gives the interval.
2. **Never across a method break.** Trends and rank movements use one method era only (the
   latest era in which most provinces are scored); the era is named in the sentence.
3. **Say who was scored.** A rank is "of the N provinces scored" whenever fewer than 63 were
   scored that year (or the rank is among the provinces a publisher printed).
4. **Press values are attributed.** PAR INDEX and SIPAS values are known only from the press:
   each sentence names the outlet, carries the citation, and states a conflict between reports
   as a conflict. No trend is computed from them.
5. **Too little data is said, not guessed.** Fewer than three years in the era: no trend.

Every number in a sentence is formatted from a value that ``summary.json`` also carries (a test
parses the sentences back and looks each number up)."""

from __future__ import annotations

from ..i18n import Catalogue, fmt_num, fmt_range, fmt_signed

N_PROVINCES = 63


def direction(ci_low: float, ci_high: float) -> str:
    """``"improved"`` (CI above 0), ``"declined"`` (CI below 0) or ``"no_clear_change"``."""
    if ci_low > 0:
        return "improved"
    if ci_high < 0:
        return "declined"
    return "no_clear_change"


def _rank_phrase(cat: Catalogue, rank: int, n: int | None, basis: str | None) -> str:
    lang = cat.language
    if n is None:
        return cat("findings.rank_alone", rank=fmt_num(rank, lang, 0))
    if basis == "stated" or n >= N_PROVINCES:
        return cat("findings.rank_of_all", rank=fmt_num(rank, lang, 0), n=fmt_num(n, lang, 0))
    return cat("findings.rank_of_scored", rank=fmt_num(rank, lang, 0), n=fmt_num(n, lang, 0))


def level_sentence(cat: Catalogue, province: str, head: dict, movement: dict | None) -> str | None:
    """Level and rank of ``head`` (a headline record) in its latest year, plus the rank movement
    within the main method era when that era ends in the same year."""
    if head.get("value") is None:
        return None
    lang = cat.language
    idx = head["index"]
    text = cat(
        "findings.level",
        year=head["year"],
        province=province,
        value=fmt_num(head["value"], lang, 2),
        unit=cat(f"index.unit.{idx}"),
        index=cat(f"index.short.{idx}"),
        scale=fmt_range(head["scale_min"], head["scale_max"], lang, 0, signed=False),
    )
    if head.get("rank") is not None:
        basis = "stated" if head.get("rank_basis") == "stated" else "computed"
        text += cat("findings.level_rank", rank=_rank_phrase(cat, head["rank"], head["n_ranked"], basis))
    if movement and movement["year_to"] == head["year"] and movement["places_gained"] != 0:
        key = "findings.rank_up" if movement["places_gained"] > 0 else "findings.rank_down"
        text += cat(
            key + ("_one" if abs(movement["places_gained"]) == 1 else ""),
            places=fmt_num(abs(movement["places_gained"]), lang, 0),
            rank_from=fmt_num(movement["rank_from"], lang, 0),
            n_from=fmt_num(movement["n_from"], lang, 0),
            year_from=movement["year_from"],
        )
    return text + "."


def trend_sentence(cat: Catalogue, trend: dict) -> str | None:
    """The trend over the main method era, worded by rule 1; None when there is no era."""
    lang = cat.language
    idx = trend["index"]
    if trend.get("status") == "insufficient data" and trend.get("n_years"):
        return cat(
            "findings.trend_too_short",
            index=cat(f"index.short.{idx}"),
            era=cat(f"era.{trend['method_era']}"),
            n=fmt_num(trend["n_years"], lang, 0),
        )
    if trend.get("status") != "ok":
        return None
    words = {
        "improved": "findings.trend_improved",
        "declined": "findings.trend_declined",
        "no_clear_change": "findings.trend_unclear",
    }[direction(trend["ci_low"], trend["ci_high"])]
    return cat(
        words,
        index=cat(f"index.short.{idx}"),
        first=trend["first_year"],
        last=trend["last_year"],
        era=cat(f"era.{trend['method_era']}"),
        slope=fmt_signed(trend["slope"], lang, 2),
        abs_slope=fmt_num(abs(trend["slope"]), lang, 2),
        ci_low=fmt_signed(trend["ci_low"], lang, 2),
        ci_high=fmt_signed(trend["ci_high"], lang, 2),
        unit=cat(f"index.unit.{idx}"),
    )


def gap_sentence(cat: Catalogue, gap: dict, region: str) -> str | None:
    """The gap to the region's mean and the national median in the latest scored year."""
    if gap is None:
        return None
    lang = cat.language

    unit = cat(f"index.unit.{gap['index']}")

    def side(value: float) -> str:
        rounded = round(value, 2)
        key = "findings.above" if rounded > 0 else "findings.below" if rounded < 0 else "findings.equal"
        return cat(key, amount=fmt_num(abs(value), lang, 2), unit=unit)

    return cat(
        "findings.gap",
        year=gap["year"],
        index=cat(f"index.short.{gap['index']}"),
        region=region,
        region_side=side(gap["gap_region"]),
        national_side=side(gap["gap_national"]),
    )


def press_sentence(cat: Catalogue, index: str, fact: dict | None) -> str | None:
    """The latest press-reported value (and stated rank) of PAR INDEX or SIPAS, attributed."""
    if not fact:
        return None
    lang = cat.language
    key = "findings.press_value"
    if fact.get("rank") is not None:
        key = "findings.press_value_rank" if fact.get("rank_of") else "findings.press_value_rank_alone"
    text = cat(
        key,
        index=cat(f"index.short.{index}"),
        year=fact["year"],
        value=fmt_num(fact["value"], lang, 2),
        rank=fmt_num(fact["rank"], lang, 0) if fact.get("rank") is not None else "",
        n=fmt_num(fact.get("rank_of"), lang, 0),
        outlet=fact["outlet"],
    )
    if fact.get("conflict"):
        text += " " + cat("findings.press_conflict")
    return text


def province_findings(
    cat: Catalogue,
    province: str,
    region: str,
    headline: dict[str, dict],
    trends: dict[str, dict],
    gaps: dict[str, dict | None],
    movements: dict[str, dict | None],
    press: dict[str, dict | None],
) -> list[dict]:
    """Up to six findings (``{"topic", "index", "text"}``) in this order: PAPI level and rank,
    PAPI trend, PAPI gap to region and nation, PCI level and rank, PCI trend, then the latest
    PAR INDEX and SIPAS facts from the press (one sentence when both exist)."""
    out: list[dict] = []

    def add(topic: str, index: str, text: str | None) -> None:
        if text:
            out.append({"topic": topic, "index": index, "text": text})

    for index in ("PAPI", "PCI"):
        if index not in headline:
            continue
        add("level", index, level_sentence(cat, province, headline[index], movements.get(index)))
        if index in trends:
            add("trend", index, trend_sentence(cat, trends[index]))
        if index == "PAPI":
            add("gap", index, gap_sentence(cat, gaps.get(index), region))
    for index in ("PAR_INDEX", "SIPAS"):
        add("press", index, press_sentence(cat, index, press.get(index)))
    if len(out) > 6:  # keep the PAR INDEX/SIPAS facts: drop the PCI trend, then the gap
        for topic, index in (("trend", "PCI"), ("gap", "PAPI")):
            out = [f for f in out if not (f["topic"] == topic and f["index"] == index)] if len(out) > 6 else out
    return out
