"""One message catalogue for every sentence a person reads, in English and Danish (gettext through Babel).

The English text is the message id; the Danish is in ``symbiosis/locale/da/LC_MESSAGES/symbiosis.po``,
compiled to the ``.mo`` beside it (committed, and held to the ``.po`` by a test; rebuild both with
``python scripts/messages.py``). A command sets the language once (:func:`language`); every ``_()``,
``ngettext()`` and number formatter below it then speaks that language. Data strings (ids, names, sources)
are not messages and are never translated; a name may carry its own Danish (``name_da``, :func:`name_of`).

>>> with language("da"):
...     _("Cost saved"), _("not known")
('Sparede omkostninger', 'ukendt')
>>> _("Cost saved"), gettext_in("da", "not known")
('Cost saved', 'ukendt')
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache
from gettext import NullTranslations
from importlib import resources

from symbiosis import parameters as P
from symbiosis.errors import bad_parameter
from symbiosis.model.money import current_currency, in_currency

__all__ = ["DOMAIN", "LANGS", "LOCALE", "NP_", "N_", "_", "current", "gettext_in", "language", "name_of", "ngettext",
           "pgettext", "phrases", "scheme_name", "translations"]

LANGS = P.LANG.choices or ()
#: Babel's locale of each language (numbers, percentages, plural rules).
LOCALE = {"en": "en_GB", "da": "da_DK"}
DOMAIN = "symbiosis"
#: The context of the catalogue's phrases: parts of sentences still written in English (the assignment's
#: text, the stream causes), replaced whole in a Danish output by :func:`symbiosis.present.danish.say`. The
#: social domain's findings are values instead, worded by :mod:`symbiosis.present.social_wording`.
PHRASE = "phrase"
_LANG: ContextVar[str] = ContextVar("symbiosis_lang", default="en")


@cache
def translations(lang: str) -> NullTranslations:
    """The catalogue of ``lang`` (English: the message ids themselves)."""
    if lang == "en":
        return NullTranslations()
    from babel.support import Translations

    folder = resources.files("symbiosis") / "locale"
    found = Translations.load(str(folder), [lang], DOMAIN)
    if not isinstance(found, Translations):   # Babel hands back NullTranslations when the .mo is missing
        raise FileNotFoundError(f"no compiled catalogue for '{lang}' in {folder} (run scripts/messages.py)")
    return found


def current() -> str:
    """The language of the output being written (``en`` unless :func:`language` says otherwise)."""
    return _LANG.get()


@contextmanager
def language(lang: str):
    """Speak ``lang`` (``en`` or ``da``) inside the block: ``with language("da"): print_report(...)``."""
    if lang not in LANGS:
        raise bad_parameter("lang", f"unknown language '{lang}'; valid: {', '.join(LANGS)}")
    token = _LANG.set(lang)
    try:
        yield lang
    finally:
        _LANG.reset(token)


def gettext_in(lang: str, message: str) -> str:
    """``message`` in ``lang``, money units in the network's currency (a message already in a euro park's
    ``EUR/yr`` is found as the catalogue's ``DKK/yr``).

    Parameters
    ----------
    lang : str
        ``en`` or ``da``.
    message : str
        The message as written in the code (English), a key of the catalogue.

    Returns
    -------
    str
        The translation (the message itself where the catalogue has none).
    """
    if not message:
        return message
    found = translations(lang).gettext(message)
    code = current_currency()
    if found == message and lang != "en" and code != "DKK" and code in message:
        written = re.sub(rf"\b{code}\b", "DKK", message)
        found = translations(lang).gettext(written) if translations(lang).gettext(written) != written else message
    return in_currency(found)


def _(message: str) -> str:
    """``message`` in the current language."""
    return gettext_in(_LANG.get(), message)


def ngettext(singular: str, plural: str, n: float) -> str:
    """The singular or plural of a message by ``n``, by the current language's plural rule."""
    count = int(n) if float(n).is_integer() else 2   # 1.5 persons: the plural
    return in_currency(translations(_LANG.get()).ngettext(singular, plural, count))


def pgettext(context: str, message: str) -> str:
    """``message`` in the current language, where the same English word is said differently by context."""
    return in_currency(translations(_LANG.get()).pgettext(context, message))


def N_(message: str) -> str:
    """Mark ``message`` for the catalogue where it is defined; it is translated where it is shown.

    Parameters
    ----------
    message : str
        The message in English.

    Returns
    -------
    str
        ``message`` unchanged.
    """
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` for the catalogue under ``context`` (translated with :func:`pgettext`)."""
    return message


def scheme_name(scheme: str, lang: str | None = None) -> str:
    """A supporting scheme's name in ``lang`` (``unknown``: not published; ``ordinary``: ordinary terms).

    Parameters
    ----------
    scheme : str
        The scheme's key (``fleksjob``, ``løntilskud``, ``unknown``, ...).
    lang : str, optional
        ``en`` or ``da`` (default: the language of the output).

    Returns
    -------
    str
        The scheme's name for people.
    """
    return translations(lang or _LANG.get()).pgettext("scheme", scheme)


_SCHEMES = (NP_("scheme", "unknown"), NP_("scheme", "ordinary"))


@cache
def phrases(lang: str) -> dict[str, str]:
    """The catalogue's phrases (context ``phrase``): English -> ``lang``, for text the domain writes."""
    if lang == "en":
        return {}
    prefix = PHRASE + "\x04"
    catalog = vars(translations(lang))["_catalog"]  # the compiled messages (GNUTranslations', not in typeshed)
    return {k[len(prefix):]: v for k, v in catalog.items()
            if isinstance(k, str) and k.startswith(prefix)}


def name_of(thing, lang: str | None = None) -> str:
    """A data object's name in ``lang`` (default: the current): its ``name_da`` in Danish where it has one.

    Parameters
    ----------
    thing : object
        An actor, resource or other object with a ``name`` (and perhaps a ``name_da``).
    lang : str, optional
        ``en`` or ``da`` (default: the language of the output).

    Returns
    -------
    str
        Its name.
    """
    lang = lang or _LANG.get()
    if lang == "da" and getattr(thing, "name_da", None):
        return thing.name_da
    return thing.name
