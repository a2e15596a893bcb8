"""The HTML page a reader opens: a title, a table of contents, sections, sources and downloads,
rendered from a Jinja2 template with the language set on ``<html lang>``. No code, paths or
program output reach it: sections are built from the message catalogue and formatted numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup

TEMPLATES = Path(__file__).with_name("templates")


@dataclass
class Section:
    """One part of a page: an anchor id, a heading, an optional lead sentence and its body (HTML)."""

    id: str
    heading: str
    body: Markup
    lead: str = ""


@dataclass
class Page:
    """A whole page: ``language`` ("vi"/"en"), the browser ``title``, a heading and subtitle, its
    sections, and the labels the template needs (table of contents, footer)."""

    language: str
    title: str
    heading: str
    subtitle: str
    sections: list[Section] = field(default_factory=list)
    labels: dict = field(default_factory=dict)

    def html(self) -> str:
        return _environment().get_template("page.html.j2").render(page=self)


@lru_cache(maxsize=1)
def _environment() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(["html", "j2"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render(template: str, **context) -> str:
    """Render another template of the reports (e.g. the index page) with ``context``."""
    return _environment().get_template(template).render(**context)
