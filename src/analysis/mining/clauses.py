"""Clauses, parentheses and the words around a number in a sentence (helpers for the prose pass)."""

from __future__ import annotations

import re

from . import vocabulary as voc


def _clause_start(text: str, pos: int, stops: str = ";") -> int:
    cut = max(text.rfind(c, 0, pos) for c in stops)
    return cut + 1


def _clause_end(text: str, pos: int, stops: str = ";.") -> int:
    ends = [i for i in (text.find(c, pos) for c in stops) if i != -1]
    return min(ends) if ends else len(text)


def _right(text: str, end: int, stops: str) -> str:
    return text[end : _clause_end(text, end, stops)][:150]


def _qualifier(left: str) -> str | None:
    for name, rx in voc.QUALIFIERS:
        if rx.search(left[-20:]):
            return name
    return None


def _groups(text: str) -> list[int]:
    """For each character, the id of the innermost parenthesis holding it (0: none)."""
    out, stack, next_id = [], [0], 1
    for ch in text:
        if ch in "([":
            stack.append(next_id)
            next_id += 1
            out.append(stack[-1])
        elif ch in ")]" and len(stack) > 1:
            out.append(stack.pop())
        else:
            out.append(stack[-1])
    return out


def _is_boundary(text: str, i: int) -> bool:
    ch = text[i]
    if ch in ";:":
        return True
    if ch == ",":
        return not (0 < i < len(text) - 1 and text[i - 1].isdigit() and text[i + 1].isdigit())
    return False


def _noun_phrase(text: str, start: int, words: int = 6) -> str:
    m = re.match(r"[^,;.:()\d%]*", text[start:])
    return " ".join(m.group(0).split()[:words]) if m else ""
