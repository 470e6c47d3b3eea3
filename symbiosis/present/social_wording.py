"""The words of the social domain's findings, in one place: each message id of
:class:`~symbiosis.social.said.Said` with its English text, the catalogue's message id (its Danish in
``symbiosis/locale/da/LC_MESSAGES/symbiosis.po``).

The domain (:mod:`symbiosis.social`) returns values: a rule finding, a note on a valued job, an aim's
measure and its reason are a message id with numbers, years, ids and names. :func:`words` puts them in
a language: the template through the catalogue, each number in the language's format (the template's
format spec, ``{price:,.2f}``, gives the decimals; Danish writes ``1.234,50`` and ``5 %``), each list
joined, each part said apart (a buyer's kind, an optional clause) in words too, and ``word(s)`` plurals
resolved by the number before them. A parameter named ``scheme`` (``schemes``) is a supporting
scheme's name (a list of them; :func:`symbiosis.present.i18n.scheme_name`: ``unknown`` is "not published").

>>> from symbiosis.social.said import said
>>> s = said("market_price.ok", link="clean-boards", price=1234.5, market=1200.0)
>>> words(s), words(s, "da")
('clean-boards: 1,234.50 against market 1,200.00', 'clean-boards: 1.234,50 mod markedsprisen 1.200,00')
>>> words(said("p1.links", n=1)), words(said("p1.links", n=2), "da")
('1 link', '2 aftaler')
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from symbiosis.model.money import in_currency
from symbiosis.present.danish import plural
from symbiosis.present.encode import records
from symbiosis.present.i18n import LOCALE, gettext_in, scheme_name, translations
from symbiosis.present.social_messages import CONTEXT, RULES, WORDING
from symbiosis.social.said import Said

__all__ = ["RULES", "WORDING", "aim_words", "aims_records", "finding_record", "words"]

class _Number:
    """A number that formats itself in a language: the English format spec, Danish separators."""

    def __init__(self, x: float, lang: str) -> None:
        self.x, self.lang = x, lang

    def __format__(self, spec: str) -> str:
        x = self.x
        if isinstance(x, float) and not math.isfinite(x):
            return "-"
        if x == 0:
            x = abs(x)   # never "-0"
        if not spec and isinstance(x, float) and x.is_integer():
            spec = "g"
        text = format(x, spec)
        if self.lang != "da":
            return text
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
        return text[:-1] + " %" if text.endswith("%") else text


def _joined(items: Iterable[Any], lang: str, sep: str = ", ") -> str:
    return sep.join(t for t in (_part(v, lang) for v in items) if t)


def _and(items: Iterable[Any], lang: str) -> str:
    from babel.lists import format_list

    parts = [_part(v, lang) for v in items]
    return format_list(parts, locale=LOCALE.get(lang, "en_GB")) if parts else ""


def _part(v: Any, lang: str) -> Any:
    """One parameter in ``lang``: a part said apart in words, a list joined, a number formatted by its spec."""
    if isinstance(v, Said):
        return words(v, lang)
    if isinstance(v, (tuple, list)):
        return _joined(v, lang)
    if isinstance(v, bool):
        return str(v)
    if v is None:   # not known: "-" whatever the format
        return _Number(math.nan, lang)
    if isinstance(v, (int, float)):
        return _Number(v, lang)
    return v


def _schemes(v: str | tuple, lang: str) -> str:
    """A supporting scheme's name, or a list of them, in ``lang``."""
    return ", ".join(scheme_name(x, lang) for x in v) if isinstance(v, tuple) else scheme_name(v, lang)


def words(thing: Said | str | Iterable | None, lang: str = "en") -> str:
    """What the domain said, in ``lang`` (``en`` or ``da``).

    Parameters
    ----------
    thing : Said, str, list of these, or None
        A message as a value; a string is data (or another pack's own words) and stays as it is; a
        list is said item by item, joined with ``; ``.
    lang : str
        ``en`` or ``da``.

    Returns
    -------
    str
        The sentence, its money unit in the network's currency.

    Raises
    ------
    KeyError
        A message id without words in :data:`WORDING`.
    """
    if thing is None or isinstance(thing, str):
        return thing or ""
    if not isinstance(thing, Said):
        return _joined(thing, lang, "; ")
    if thing.code == "join":
        return _joined(thing["items"], lang, thing["sep"])
    if thing.code == "and":
        return _and(thing["items"], lang)
    context = CONTEXT.get(thing.code)
    template = translations(lang).pgettext(context, WORDING[thing.code]) if context \
        else gettext_in(lang, WORDING[thing.code])
    values = {k: _schemes(v, lang) if k in ("scheme", "schemes") else _part(v, lang) for k, v in thing.params}
    return in_currency(plural(template.format(**values), lang))


def finding_record(f: Any) -> dict:
    """A rule finding as a JSON row: its fields, the message in English words.

    Parameters
    ----------
    f : RuleFinding
        Or anything with the same fields (another pack's finding).

    Returns
    -------
    dict
        ``rule``, ``status``, ``where``, ``subject``, ``message``, ``amount``, ``unit``.
    """
    return {**f.__dict__, "message": words(f.message)}


def aim_words(row: Any, lang: str = "en") -> tuple[str, str]:
    """An aim's measure and its reason in ``lang``, from :func:`symbiosis.social.frameworks.assess`'s row (or
    another pack's row with ``value``/``value_da`` and ``why_en``/``why_da`` in words).

    Parameters
    ----------
    row : namedtuple or Series
        A row of the aims.
    lang : str
        ``en`` or ``da``.

    Returns
    -------
    tuple of (str, str)
        (value, why).
    """
    if hasattr(row, "why_en"):   # a pack that writes its own words
        if lang == "da":
            return (getattr(row, "value_da", "") or row.value, row.why_da or row.why_en)
        return row.value, row.why_en
    return words(row.value, lang), words(row.why, lang)


def aims_records(aims: Any) -> list[dict]:
    """The aims as JSON rows, measure and reason in English and Danish (``value``, ``value_da``, ``why_en``,
    ``why_da``; plurals resolved: ``22 streams``).

    Parameters
    ----------
    aims : DataFrame or None
        :func:`symbiosis.social.frameworks.assess`'s table.

    Returns
    -------
    list of dict
        One row per aim and scope.
    """
    if aims is None:
        return []
    if "why_en" in aims.columns:   # a pack that writes its own words
        rows = records(aims)
        for rec in rows:
            for key in ("value", "why_en"):
                if isinstance(rec.get(key), str):
                    rec[key] = plural(rec[key])
        return rows
    out = []
    plain = records(aims.drop(columns=["value", "why"]))
    for row, rec in zip(aims.itertuples(), plain, strict=True):
        (value, why), (value_da, why_da) = aim_words(row), aim_words(row, "da")
        out.append({**rec, "value": plural(value), "value_da": value_da, "why_en": plural(why), "why_da": why_da})
    return out
