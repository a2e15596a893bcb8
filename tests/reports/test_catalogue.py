"""The vi and en message catalogues: same keys, same placeholders, nothing empty, and the
Vietnamese catalogue is actually written in Vietnamese."""

from __future__ import annotations

import re
import string

import pytest

from analysis.i18n import catalogue

VI = catalogue("vi").messages
EN = catalogue("en").messages

# Letters that only Vietnamese (of vi/en) writes: vowels with tone marks / breve / circumflex / horn, and đ.
_VI_LOWER = "àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
VI_LETTERS = set(_VI_LOWER) | set(_VI_LOWER.upper())

ENGLISH_WORDS = re.compile(r"\b(the|and|of|with|from|province|score|rank|year)\b", re.IGNORECASE)

# Names that are the same in both languages and may legitimately appear in Vietnamese text: index
# abbreviations, publishers, licences and data-set names, domain names and repository slugs.
PROPER_NAMES = re.compile(
    r"PAR INDEX|SIPAS|PAPI|PCI|UNDP|VCCI|USAID|CECODES|VFF-CRT|RTA|KCDL|CSV|JSON|Excel|MIT|PLoS ONE|"
    r"geoBoundaries|VNM ADM1|Runfola|Yuki Matsuura|vnmap|"
    r"\b[\w-]+(?:\.[\w-]+)*\.(?:vn|org|com|net|io)\b|[\w-]+/[\w-]+"
)


def _english_exempt(key: str) -> bool:
    """Messages where English organisation/data-set names are legitimate in the vi catalogue:
    the ``source.*`` publisher and data-set names, the figure source lines (publisher lists),
    and the map attributions (licences and literature citations)."""
    return key.startswith(("source.", "figures.source.", "figures.map.attribution_"))


def _fields(message: str) -> set[str]:
    return {name for _lit, name, _spec, _conv in string.Formatter().parse(message) if name is not None}


def _literal(message: str) -> str:
    """The message without its placeholders."""
    return "".join(lit for lit, *_ in string.Formatter().parse(message))


def test_both_catalogues_have_the_same_keys():
    assert set(VI) - set(EN) == set(), "keys only in vi"
    assert set(EN) - set(VI) == set(), "keys only in en"


@pytest.mark.parametrize("key", sorted(set(VI) & set(EN)))
def test_same_placeholders_per_key(key):
    assert _fields(VI[key]) == _fields(EN[key]), f"{key}: vi {VI[key]!r} vs en {EN[key]!r}"


def test_placeholders_are_named():
    """Positional ``{}`` fields cannot be filled by ``cat(key, name=...)``."""
    bad = {k: m for cat in (VI, EN) for k, m in cat.items() if "" in _fields(m) or any(f.isdigit() for f in _fields(m))}
    assert bad == {}


@pytest.mark.parametrize("language", ["vi", "en"])
def test_no_message_is_empty(language):
    messages = catalogue(language).messages
    assert messages, "empty catalogue"
    empty = [k for k, m in messages.items() if not isinstance(m, str) or not m.strip()]
    assert empty == []


def _vietnamese_words(key: str) -> list[str]:
    """Lower-case words of a vi message once placeholders and shared proper names are removed."""
    text = PROPER_NAMES.sub(" ", _literal(VI[key]))
    return re.findall(r"\b[^\W\d_]{2,}\b", text)


def test_vi_messages_with_words_carry_vietnamese_letters():
    # Messages identical in both languages ("{label} ({unit})", "PAPI", "%") are not translations.
    candidates = [k for k in VI if VI[k] != EN[k] and _vietnamese_words(k)]
    assert len(candidates) > 100
    without = [k for k in candidates if not set(VI[k]) & VI_LETTERS]
    # Short labels such as "thang {lo}–{hi}" ("scale") are Vietnamese without diacritics; anything
    # with two or more words and no Vietnamese letter is English left untranslated.
    multiword = [k for k in without if len(_vietnamese_words(k)) >= 2]
    assert multiword == [], {k: VI[k] for k in multiword}
    assert len(without) <= 0.05 * len(candidates), {k: VI[k] for k in without}


def test_vi_messages_have_no_english_function_words():
    offenders = {}
    for key, message in VI.items():
        if _english_exempt(key) or message == EN[key]:
            continue
        text = PROPER_NAMES.sub(" ", _literal(message))
        found = ENGLISH_WORDS.findall(text)
        if found:
            offenders[key] = (message, found)
    assert offenders == {}


def test_vi_and_en_differ_where_words_are_translated():
    """A vi message equal to its en counterpart is allowed only when it has no translatable word
    (abbreviations, units, number patterns, publisher lists)."""
    same = [k for k in VI if VI[k] == EN[k] and not _english_exempt(k)]
    wordy = {k: VI[k] for k in same if ENGLISH_WORDS.search(PROPER_NAMES.sub(" ", _literal(VI[k])))}
    assert wordy == {}
