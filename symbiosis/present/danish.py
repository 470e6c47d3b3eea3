"""Danish as a kommune writes it, for the social line: numbers, percentages and plurals through Babel
(85.238.970; 3,5 %; 0,422; "1 aftale", "2 aftaler"), and the Danish of the sentences the domain
writes in English (rule findings, notes, fields to give): the message catalogue's phrases
(:func:`symbiosis.present.i18n.phrases`).

:func:`say` renders a message of the social line in a language: in Danish each phrase of the catalogue
is replaced (longest first), numbers written the English way inside the text are rewritten the Danish
way, and ``word(s)`` plurals are resolved by Babel's plural rule. Data strings (ids, names, sources) are
not messages and are never translated.

>>> num(85_238_970, "da"), pct(0.035, "da", 1), num(0.422, "da", 3)
('85.238.970', '3,5 %', '0,422')
>>> plural("1 link(s) to 2 private member(s)"), plural("1 aftale(r) med 1 privat(e) medlem(mer)", "da")
('1 link to 2 private members', '1 aftale med 1 privat medlem')
>>> say("not valued: the scheme is not published", "da")
'ikke værdisat: ordningen er ikke offentliggjort'
"""

from __future__ import annotations

import math
import re
from functools import cache

from symbiosis.model.money import in_currency
from symbiosis.present.formatting import number
from symbiosis.present.i18n import LOCALE, phrases

__all__ = ["num", "pct", "plural", "say"]


def num(x: float | None, lang: str = "en", digits: int | None = None) -> str:
    """A number for people in ``lang``: ``-`` for None or NaN; Danish via Babel (``85.238.970``, ``0,42``)."""
    return number(x, digits=digits, lang=lang)


def pct(x: float | None, lang: str = "en", digits: int = 0) -> str:
    """A share (0-1) as a percentage: ``3.5%`` in English, ``3,5 %`` in Danish (Babel); ``-`` if unknown."""
    if x is None or not math.isfinite(x):
        return "-"
    if lang != "da":
        return f"{x:.{digits}%}"
    from babel.numbers import format_percent

    return format_percent(x, format="#,##0" + ("." + "0" * digits if digits else "") + " %",
                          locale=LOCALE["da"]).replace("\xa0", " ")


_PLURAL = re.compile(r"(?P<n>-?\d[\d.,]*) (?:(?P<adj>\w+)\((?P<adj_s>\w+)\) )?(?P<word>\w+)\((?P<s>\w+)\)")


def _count(n: str, lang: str) -> float:
    text = n.replace(".", "").replace(",", ".") if lang == "da" else n.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return 2.0


def plural(text: str, lang: str = "en") -> str:
    """Resolve ``N word(s)`` (and ``N adjective(e) word(er)``) by the number, with Babel's plural rule."""
    from babel import Locale

    rule = Locale.parse(LOCALE.get(lang, "en_GB"))

    def one(m: re.Match) -> str:
        many = rule.plural_form(_count(m["n"], lang)) != "one"
        adj = f"{m['adj']}{m['adj_s'] if many else ''} " if m["adj"] else ""
        return f"{m['n']} {adj}{m['word']}{m['s'] if many else ''}"

    text = _PLURAL.sub(one, text)
    return re.sub(r"(\w+)\((\w+)\)", r"\1\2", text)   # a plural without a number before it: the plural


_EN_NUMBER = re.compile(r"(?<![\w.,/])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w|,\d)|(?<![\w.,/])-?\d+\.\d+(?!\w|\.\d)")


def _danish_numbers(text: str) -> str:
    return _EN_NUMBER.sub(lambda m: m[0].replace(",", "\0").replace(".", ",").replace("\0", "."), text)


@cache
def _order(lang: str) -> tuple[list[str], set[str]]:
    """The catalogue's phrases, longest first (a sentence is translated whole where it is listed whole), and
    those that are one word (replaced only as a whole word)."""
    table = phrases(lang)
    return sorted(table, key=len, reverse=True), {k for k in table if re.fullmatch(r"\w+", k)}


def say(text: str, lang: str = "en") -> str:
    """``text`` (a message of the social line) in ``lang``: catalogue phrases, number format, plurals.

    Parameters
    ----------
    text : str
        The message in English, numbers written in English.
    lang : str, default "en"
        ``en`` or ``da``.

    Returns
    -------
    str
        The message in ``lang``.
    """
    if lang != "da" or not text:
        return in_currency(plural(text, lang)) if text else text
    table = phrases("da")
    order, single = _order("da")
    out = text
    done: list[str] = []  # the Danish phrases, by token number
    for en in order:   # each phrase becomes a token first, so Danish text is never translated again
        if en not in out:
            continue
        token = f"\0{len(done)}\0"
        pattern = rf"(?<!\w){re.escape(en)}(?!\w)" if en in single else re.escape(en)
        out, n = re.subn(pattern, token, out)
        if n:
            done.append(table[en])
    out = _danish_numbers(out)
    out = re.sub(r"\0(\d+)\0", lambda m: done[int(m[1])], out)
    out = re.sub(r"(\d)%", r"\1 %", out)
    return in_currency(plural(out, "da"))
