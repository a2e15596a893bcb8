"""Where each value a reader sees comes from: a numbered list of sources for one report.

Press-reported values cite the outlet (domain), the article's URL and the quoted sentence;
published datasets cite publisher, dataset and year; values the project computes say how."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from markupsafe import Markup, escape

from ..i18n import Catalogue


def domain(url: str) -> str:
    """The outlet's domain of a URL, without ``www.`` ("baoquangninh.vn")."""
    host = urlparse(url).netloc.lower()
    return host[4:] if host.startswith("www.") else host


@dataclass
class Citations:
    """A report's numbered sources. ``press``/``dataset``/``derived`` return the number of the
    source (re-using it when the same source is cited again); ``records`` lists them for
    ``summary.json``; ``marker`` is the superscript link a table cell or sentence carries."""

    cat: Catalogue
    items: list[dict] = field(default_factory=list)
    _keys: dict[tuple, int] = field(default_factory=dict)

    def _add(self, key: tuple, record: dict) -> int:
        if key not in self._keys:
            self.items.append({"n": len(self.items) + 1, **record})
            self._keys[key] = len(self.items)
        return self._keys[key]

    def press(self, url: str, quote: str, year: int | None = None) -> int:
        """A press article: its domain, URL and the quoted sentence."""
        return self._add(
            ("press", url, quote),
            {"kind": "press", "outlet": domain(url), "url": url, "quote": quote, "year": year},
        )

    def dataset(self, source: str, year: int | None = None) -> int:
        """A published dataset, by the manifest key of its raw file (e.g. ``pci_workbooks_2005_2019``)."""
        return self._add(
            ("dataset", source),
            {
                "kind": "dataset",
                "source": source,
                "publisher": self.cat(f"source.{source}.publisher"),
                "dataset": self.cat(f"source.{source}.dataset"),
            },
        )

    def derived(self, rule: str, sources: list[str]) -> int:
        """A value the project computes: ``rule`` names how (a catalogue key under
        ``derived.``), ``sources`` the datasets it is computed from."""
        return self._add(
            ("derived", rule, tuple(sources)),
            {
                "kind": "derived",
                "how": self.cat(f"derived.{rule}"),
                "from": [self.cat(f"source.{s}.dataset") for s in sources],
                "sources": list(sources),
            },
        )

    def for_row(self, row) -> int:
        """The citation of one panel row (a mapping with ``source``, ``source_url``, ``quote``,
        ``note``, ``year``)."""
        source = row.get("source")
        if row.get("confidence") == "press" and isinstance(row.get("source_url"), str):
            return self.press(row["source_url"], row.get("quote") or "", row.get("year"))
        if source == "derived":
            note = row.get("note") or ""
            bases = sorted(set(re.findall(r"\((\w+_\d{4}_\d{4})\)", note))) or list(row.get("derived_from") or [])
            return self.derived(f"{row.get('index', '').lower()}_{row.get('component', 'total').split(':')[0]}", bases)
        return self.dataset(source)

    def marker(self, n: int) -> Markup:
        return Markup('<sup class="ref"><a href="#src-{0}">[{0}]</a></sup>').format(n)

    def records(self) -> list[dict]:
        return [dict(item) for item in self.items]

    def html(self) -> Markup:
        """The numbered list of sources as HTML (links open the press article)."""
        parts = []
        for it in self.items:
            if it["kind"] == "press":
                body = Markup('{outlet}: <a href="{url}">{url_text}</a><br><q>{quote}</q>').format(
                    outlet=it["outlet"], url=it["url"], url_text=it["url"], quote=it["quote"]
                )
            elif it["kind"] == "dataset":
                body = escape(self.cat("report.sources.dataset", publisher=it["publisher"], dataset=it["dataset"]))
            else:
                base = "; ".join(it["from"]) if it["from"] else self.cat("report.sources.published_scores")
                body = escape(self.cat("report.sources.derived", how=it["how"], base=base))
            parts.append(Markup('<li id="src-{n}">{body}</li>').format(n=it["n"], body=body))
        return Markup('<ol class="sources">{}</ol>').format(Markup("").join(parts))
