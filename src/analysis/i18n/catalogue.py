"""The message catalogue: one per language, read from ``messages/<language>/*.toml``.

Each TOML file holds nested tables of strings; keys are flattened with dots
(``[report.findings] level = "..."`` -> ``report.findings.level``). A message may hold named
placeholders in ``str.format`` style (``{province}``); both languages must use the same keys and the
same placeholders (a test checks this)."""

from __future__ import annotations

import string
import tomllib
from functools import cache
from pathlib import Path

LANGUAGES = ("vi", "en")
MESSAGES_DIR = Path(__file__).with_name("messages")


class UnknownLanguageError(ValueError):
    """A language code the catalogue does not have."""


def check_language(language: str) -> str:
    """``language`` if it is one of :data:`LANGUAGES`, else a one-line :class:`UnknownLanguageError`."""
    if language not in LANGUAGES:
        raise UnknownLanguageError(f"unknown language {language!r}; choose one of: {', '.join(LANGUAGES)}")
    return language


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out |= _flatten(value, f"{name}.")
        else:
            out[name] = value
    return out


def placeholders(message: str) -> set[str]:
    """Names of the ``{placeholders}`` in a message."""
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(message) if name}


class Catalogue:
    """The messages of one language. ``cat("report.title", province="Huế")`` or ``cat.get(...)``."""

    def __init__(self, language: str, messages: dict[str, str]):
        self.language = language
        self.messages = messages

    def get(self, key: str, /, **values) -> str:
        """The message ``key`` with its placeholders filled from ``values``."""
        try:
            message = self.messages[key]
        except KeyError:
            raise KeyError(f"message {key!r} is missing from the {self.language} catalogue") from None
        return message.format(**values) if values else message

    __call__ = get

    def has(self, key: str) -> bool:
        return key in self.messages

    def section(self, prefix: str) -> dict[str, str]:
        """All messages under ``prefix.`` keyed by the rest of their key."""
        n = len(prefix) + 1
        return {k[n:]: v for k, v in self.messages.items() if k.startswith(prefix + ".")}


@cache
def catalogue(language: str = "vi") -> Catalogue:
    """The (cached, read-only) catalogue of ``language`` ("vi" or "en")."""
    check_language(language)
    messages: dict[str, str] = {}
    for path in sorted((MESSAGES_DIR / language).glob("*.toml")):
        with path.open("rb") as fh:
            part = _flatten(tomllib.load(fh))
        clash = set(part) & set(messages)
        if clash:
            raise ValueError(f"{path.name}: keys defined twice in the {language} catalogue: {sorted(clash)[:5]}")
        messages |= part
    return Catalogue(language, messages)
