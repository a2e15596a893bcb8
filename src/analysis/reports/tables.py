"""Reader tables: headers from the catalogue, cells already formatted (numbers at published
precision in the report's language), rendered as plain HTML with numbers right-aligned."""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup, escape


@dataclass
class Table:
    """A table a reader sees. ``rows`` hold strings (escaped on output) or ``Markup`` (links,
    citation markers); ``numeric`` lists the column positions to right-align."""

    headers: list[str]
    rows: list[list] = field(default_factory=list)
    numeric: tuple[int, ...] = ()
    caption: str | None = None
    css_class: str = ""

    def html(self) -> Markup:
        def cell(tag: str, i: int, value) -> Markup:
            cls = Markup(' class="num"') if i in self.numeric else Markup("")
            return Markup("<{0}{1}>{2}</{0}>").format(tag, cls, value if isinstance(value, Markup) else escape(value))

        head = Markup("").join(cell("th", i, h) for i, h in enumerate(self.headers))
        body = Markup("").join(
            Markup("<tr>{}</tr>").format(Markup("").join(cell("td", i, v) for i, v in enumerate(row)))
            for row in self.rows
        )
        caption = Markup("<caption>{}</caption>").format(self.caption) if self.caption else Markup("")
        cls = Markup(' class="{}"').format(self.css_class) if self.css_class else Markup("")
        return Markup("<table{cls}>{caption}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>").format(
            cls=cls, caption=caption, head=head, body=body
        )

    def records(self) -> list[dict]:
        """The table as plain records (header -> cell text), for tests and downloads."""
        return [{h: str(v) for h, v in zip(self.headers, row)} for row in self.rows]
