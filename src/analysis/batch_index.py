"""The run's ``index.html``: one card per report with a thumbnail and headline numbers, read from
each report's ``summary.json`` and ``status.json`` (so it can be rebuilt for any run folder)."""

from __future__ import annotations

import html
import json
from pathlib import Path


def _fmt(v, digits=1):
    return "–" if v is None else f"{v:.{digits}f}"


def _card(folder: Path) -> str:
    status = json.loads((folder / "status.json").read_text(encoding="utf-8"))
    summary_path = folder / "summary.json"
    summary = json.loads(summary_path.read_text(encoding="utf-8")) if summary_path.exists() else {}
    thumb = next((p.name for p in (folder / "trend_papi.png", folder / "map_papi_bands.png") if p.exists()), None)
    lines = []
    for h in summary.get("headline", []):
        if h.get("value") is None:
            lines.append(f"<li>{html.escape(h['index'].replace('_', ' '))}: no data</li>")
            continue
        rank = f", rank {int(h['rank'])}/{int(h['n_ranked'])}" if h.get("rank") else ""
        press = " (press)" if h.get("confidence") == "press" else ""
        lines.append(
            f"<li>{html.escape(h['index'].replace('_', ' '))} {int(h['year'])}: "
            f"<b>{_fmt(h['value'], 2)}</b>{rank}{press}</li>"
        )
    img = f'<img src="{folder.name}/{thumb}" alt="trend chart" loading="lazy">' if thumb else ""
    return (
        f'<div class="card"><a href="{folder.name}/report.html">{img}<h3>{html.escape(status["label"])}</h3></a>'
        f"<ul>{''.join(lines)}</ul></div>"
    )


def render_index(run_dir: Path) -> str:
    """HTML for a run folder: the overview first, then provinces by name; failures listed on top."""
    run_dir = Path(run_dir)
    done = sorted(
        (
            p
            for p in run_dir.iterdir()
            if p.is_dir() and (p / "status.json").exists() and not p.name.endswith((".partial", ".failed"))
        ),
        key=lambda p: (p.name != "_national", p.name),
    )
    failed = sorted(p for p in run_dir.iterdir() if p.is_dir() and p.name.endswith(".failed"))
    fail_items = []
    for p in failed:
        s = json.loads((p / "status.json").read_text(encoding="utf-8")) if (p / "status.json").exists() else {}
        err = s.get("error") or {}
        fail_items.append(
            f'<li><a href="{p.name}/report.ipynb">{html.escape(s.get("label", p.name))}</a>: '
            f"cell {err.get('cell')}: {html.escape(str(err.get('ename')))}: "
            f"{html.escape(str(err.get('evalue'))[:200])}</li>"
        )
    fail_html = (
        f'<div class="failed"><h2>Failed ({len(failed)})</h2><ul>{"".join(fail_items)}</ul></div>' if failed else ""
    )
    cards = "".join(_card(p) for p in done)
    return f"""<!doctype html>
<html lang="vi"><head><meta charset="utf-8"><title>Reform outcomes: province reports ({run_dir.name})</title>
<style>
body {{ font-family: "DejaVu Sans", system-ui, sans-serif; margin: 2rem; color: #222; }}
.grid {{ display: grid; grid-template-columns: repeat(auto-fill, minmax(260px, 1fr)); gap: 1rem; }}
.card {{ border: 1px solid #ddd; border-radius: 6px; padding: .6rem; background: #fff; }}
.card img {{ width: 100%; height: auto; }} .card h3 {{ margin: .3rem 0; font-size: 1rem; }}
.card ul {{ margin: 0; padding-left: 1.1rem; font-size: .85rem; }} a {{ color: #0b5394; text-decoration: none; }}
.failed {{ background: #fff3f3; border: 1px solid #e0b4b4; padding: .5rem 1rem; margin-bottom: 1rem; }}
</style></head><body>
<h1>Administrative reform outcomes: province reports</h1>
<p>Run {html.escape(run_dir.name)}: {len(done)} reports. PAPI (UNDP et al.) and PCI (VCCI) from published tables;
PAR INDEX and SIPAS as reported in the press (partial). See each report's data-gap section.</p>
{fail_html}<div class="grid">{cards}</div></body></html>
"""
