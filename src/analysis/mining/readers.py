"""Documents as they come: text of ``.txt`` (any common encoding), ``.html``/``.htm`` (main text and
tables), ``.docx`` (paragraphs and tables) and ``.pdf`` (text layer) files.

Tables come out as one line per row with cells separated by " | " under their header row, which is
the plain-text table form ``extract`` reads. Every failure raises ``ValueError`` with a reason a
person can act on (undecodable text, a scanned PDF without a text layer, a damaged file)."""

from __future__ import annotations

from pathlib import Path

SUFFIXES = {".txt", ".html", ".htm", ".docx", ".pdf"}


def read_text_file(path: Path) -> str:
    """UTF-8 (with or without BOM) first; otherwise the encoding charset-normalizer detects."""
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ValueError("not decodable text (no common encoding fits)")
    text = str(best)
    if sum(ch.isprintable() or ch.isspace() for ch in text) < 0.95 * max(len(text), 1):
        raise ValueError(f"not decodable text (best guess {best.encoding} gives unprintable characters)")
    return text


def _row_line(cells: list[str]) -> str:
    return " | ".join(" ".join(c.split()) or "-" for c in cells)


def html_to_text(html: str) -> str:
    """Main text of an HTML page, block by block, with each ``<table>`` as rows of " | " cells."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup(["script", "style", "noscript", "iframe", "svg", "form"]):
        tag.decompose()
    for table in soup.find_all("table"):
        if table.find_parent("table"):
            continue
        rows = []
        for tr in table.find_all("tr"):
            cells = [c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])]
            if any(cells):
                rows.append(_row_line(cells))
        table.replace_with(soup.new_string("\n" + "\n".join(rows) + "\n"))
    title = soup.title.get_text(" ", strip=True) if soup.title else ""
    body = soup.body or soup
    for br in body.find_all("br"):
        br.replace_with("\n")
    blocks = "p div li h1 h2 h3 h4 h5 h6 tr section article header footer blockquote".split()
    for tag in body.find_all(blocks):
        tag.insert_before("\n")
        tag.insert_after("\n")
    lines = [" ".join(line.split()) if "|" not in line else line.strip() for line in body.get_text().split("\n")]
    text = "\n".join(line for line in lines if line)
    return (title + "\n" + text) if title and not text.startswith(title) else text


def read_docx(path: Path) -> str:
    import docx

    try:
        d = docx.Document(str(path))
    except Exception as exc:  # python-docx raises several kinds for damaged files
        raise ValueError(f"not a readable .docx ({type(exc).__name__}: {exc})") from exc
    parts = []
    body = d.element.body
    for child in body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            text = "".join(t.text or "" for t in child.iter() if t.tag.endswith("}t"))
            parts.append(text)
        elif tag == "tbl":
            table = docx.table.Table(child, d)
            for row in table.rows:
                parts.append(_row_line([c.text for c in row.cells]))
            parts.append("")
    return "\n".join(parts)


def read_pdf(path: Path) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(str(path))
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise ValueError(f"not a readable PDF ({type(exc).__name__}: {exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise ValueError(f"PDF without a text layer ({len(pages)} pages; scanned? needs OCR)")
    return text


def read_document(path: str | Path) -> str:
    """The text of one document; ``ValueError`` (with the reason) when it cannot be read."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        return html_to_text(read_text_file(path))
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".pdf":
        return read_pdf(path)
    if suffix == ".txt" or suffix == "":
        text = read_text_file(path)
        if text.lstrip().lower().startswith(("<!doctype html", "<html")):
            return html_to_text(text)
        return text
    raise ValueError(f"unsupported file type {suffix!r} (supported: {', '.join(sorted(SUFFIXES))})")
