"""The English messages of the catalogue that must not reach a Danish output (issue 27), and the data strings
that are exempt: used by the tests of `score --lang da` and of the Danish page."""

from __future__ import annotations

import re
import sys
from functools import cache

from tests.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import messages  # noqa: E402  (scripts/messages.py: collects and compiles the catalogue)

CATALOGUE = messages.load()


def danish_words() -> str:
    out = []
    for m in CATALOGUE:
        out += [m.string] if isinstance(m.string, str) else list(m.string)
    return re.sub(r"\{[^}]*\}", " ", "\n".join(out))   # placeholders ({unknown}) are not Danish words


def fragments(msgid: str) -> list[str]:
    """The words of a message between its placeholders and markup (``{x}``, ``[bold]``)."""
    parts = re.split(r"\{[^}]*\}|\[/?[a-z ]+\]|%\(\w+\)s", msgid)
    return [p.strip(" ,.;:()'\"-") for p in parts if re.search(r"[A-Za-z]{2}", p)]


@cache
def english() -> list[str]:
    """Every English fragment of the catalogue that differs from its Danish and is not itself Danish text (the
    catalogue's Danish uses "social", "status", "under", "index" too)."""
    danish = danish_words()
    found = set()
    for m in CATALOGUE:
        if not m.id or not m.string:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for msgid in ids:
            if msgid in strings:
                continue
            for f in fragments(msgid):
                if f and not re.search(rf"(?<!\w){re.escape(f)}(?!\w)", danish):
                    found.add(f)
    return sorted(found, key=len, reverse=True)


_DATA_KEYS = {"id", "name", "name_da", "service", "service_da", "source", "title", "url", "resource", "item",
              "supplier", "receiver", "client", "provider", "actor", "title_en", "description"}


def data_strings(obj, out: set[str], key: str | None = None, keys: set[str] = _DATA_KEYS) -> set[str]:
    """The strings of data (names, ids, sources: the values of ``keys``) anywhere in ``obj``: exempt from the test."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            data_strings(v, out, k, keys)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            data_strings(v, out, key, keys)
    elif isinstance(obj, str) and key in keys and len(obj) > 1:
        out.add(obj)
    return out


#: Free text of the bundled tables (a rate's reason for being not published, a row's method): data, exempt.
_FREE_TEXT = {"why", "method", "note"}


def bundled_data() -> set[str]:
    """The data strings of every bundled table (factor rows' sources, methods, and why a rate is not
    published), each as written and as :func:`symbiosis.present.danish.say` renders it in Danish (its
    numbers the Danish way, any phrase of the catalogue inside it translated). A fresh set each call."""
    return set(_bundled_data())


@cache
def _bundled_data() -> frozenset[str]:
    import yaml

    from symbiosis.present.danish import say

    out: set[str] = set()
    for path in sorted((ROOT / "symbiosis" / "data").glob("factors*.yaml")):
        data_strings(yaml.safe_load(path.read_text(encoding="utf-8")), out, keys=_DATA_KEYS | _FREE_TEXT)
    return frozenset(out | {say(" ".join(s.split()), "da") for s in out})


def without_data(text: str, data: set[str]) -> str:
    text = " ".join(re.sub(r"[│┃┏┓┗┛┡┩━─└┘┌┐╇┳┻╋┼┬┴├┤]", " ", text).split())
    names = sorted({" ".join(s.split()) for s in data}, key=len, reverse=True)
    if names:   # one pass, longest first: a name inside a longer one goes with it
        text = re.sub(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)", " ", text)
    text = re.sub(r"\{[^}]*\}", " ", text)   # a field list to give (workplaces: {actor: ..., p_number}): ids
    return re.sub(r"https?://\S+", " ", text)


@cache
def _patterns() -> list[tuple[str, re.Pattern]]:
    """One whole-word pattern per English fragment; made on first use, not while pytest collects (every
    xdist worker imports this module, few use it)."""
    return [(f, re.compile(rf"(?<![\w-]){re.escape(f)}(?![\w-])")) for f in english()]


def english_in(text: str) -> list[str]:
    """The catalogue's English fragments in ``text``, as whole words."""
    return [f for f, pattern in _patterns() if pattern.search(text)]


#: English function words: none may stand as a whole word in a Danish output outside data strings, whether or
#: not the catalogue knows the sentence (a message the code writes in English and the catalogue lacks).
FUNCTION_WORDS = ("the", "and", "is", "are", "was", "were", "not", "of", "with", "which", "where", "has", "have",
                  "been", "only", "than", "buys", "puts", "lets", "needs", "below", "above", "needed", "checked")
_FUNCTION = re.compile(r"(?<![\w'-])(?:" + "|".join(FUNCTION_WORDS) + r")(?![\w'-])")


def english_words_in(text: str, width: int = 60) -> list[str]:
    """Each English function word in ``text`` (already :func:`without_data`) with ``width`` characters around it."""
    return sorted({text[max(0, m.start() - width):m.end() + width] for m in _FUNCTION.finditer(text)})
