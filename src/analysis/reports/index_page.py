"""The run's ``index.html``: one card per report (thumbnail with its own alt text, headline
values each with its year and rank, links to the report and its data), a region filter and a sort
by any headline, in the run's language. Built from each report's ``summary.json`` and
``status.json``, so it can be rebuilt for any run folder; works offline from the file system."""

from __future__ import annotations

import json
from pathlib import Path

from ..i18n import catalogue, check_language, fmt_int, fmt_num
from .page import render

HEADLINE_INDICES = ("PAPI", "PCI", "PAR_INDEX", "SIPAS")
THUMBNAILS = ("trend_PAPI", "map_bands", "trend_PCI")


def _read(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError):
        return {}


def _thumbnail(folder: Path, summary: dict) -> dict | None:
    figures = summary.get("figures", {})
    for key in THUMBNAILS:
        files = figures.get(key)
        if files and "png" in files and (folder / files["png"]).exists():
            side = _read(folder / files["json"]) if "json" in files else {}
            return {"src": f"{folder.name}/{files['png']}", "alt": side.get("alt_text") or side.get("caption", "")}
    return None


def _card(folder: Path, language: str) -> dict:
    cat = catalogue(language)
    status = _read(folder / "status.json")
    summary = _read(folder / "summary.json")
    values = []
    for h in summary.get("headline", []):
        if h.get("index") not in HEADLINE_INDICES:
            continue
        entry = {"index": cat(f"index.short.{h['index']}"), "key": h["index"], "sort": "", "press": False}
        if h.get("value") is None:
            entry["text"] = cat("missing")
        else:
            entry["sort"] = f"{h['value']:.4f}"
            rank = ""
            if h.get("rank") is not None:
                if h.get("n_ranked") is None:
                    rank = cat("index_page.rank_alone", rank=fmt_int(h["rank"], language))
                else:
                    rank = cat("index_page.rank", rank=fmt_int(h["rank"], language), n=fmt_int(h["n_ranked"], language))
            entry["text"] = cat(
                "index_page.value",
                year=h["year"],
                value=fmt_num(h["value"], language, 2),
                rank=rank,
            )
            entry["press"] = h.get("confidence") == "press"
        values.append(entry)
    return {
        "slug": folder.name,
        "label": summary.get("province") or status.get("label", folder.name),
        "region": summary.get("region6" if language == "vi" else "region6_en", ""),
        "thumb": _thumbnail(folder, summary),
        "values": values,
        "has_csv": (folder / "data.csv").exists(),
    }


def render_index(run_dir: Path, language: str = "vi") -> str:
    """HTML of a run folder's index page: the overview first, then provinces by name; failed
    reports listed on top with the reason."""
    check_language(language)
    cat = catalogue(language)
    run_dir = Path(run_dir)
    folders = [p for p in run_dir.iterdir() if p.is_dir() and (p / "status.json").exists()]
    done = sorted((p for p in folders if not p.name.endswith((".partial", ".failed"))), key=lambda p: p.name)
    overview = next((p for p in done if p.name.startswith("_")), None)
    cards = [_card(p, language) for p in done if not p.name.startswith("_")]
    cards.sort(key=lambda c: c["label"])
    failed = []
    for p in sorted(q for q in run_dir.iterdir() if q.is_dir() and q.name.endswith(".failed")):
        s = _read(p / "status.json")
        err = s.get("error") or {}
        failed.append(
            {
                "label": s.get("label", p.name[: -len(".failed")]),
                "reason": f"{err.get('ename', '')}: {str(err.get('evalue', ''))[:200]}",
            }
        )
    regions = sorted({c["region"] for c in cards if c["region"]})
    return render(
        "index.html.j2",
        language=language,
        cat=cat,
        run_id=run_dir.name,
        cards=cards,
        overview=overview.name if overview else None,
        failed=failed,
        regions=regions,
        indices=[(i, cat(f"index.short.{i}")) for i in HEADLINE_INDICES],
        n_reports=fmt_int(len(cards), language),
    )
