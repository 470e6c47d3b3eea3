"""The one number formatter for people: tables in the terminal, the report page, messages.

>>> number(1234567.891), number(3.14159), number(3.0), number(None), number(0.25, share=True)
('1,234,568', '3.14', '3', '-', '25%')
>>> number(1234.5, "t", lang="da"), number(0.000123456, significant=4), number(float("inf"))
('1.234 t', '0.0001235', 'inf')
>>> number(100, significant=2), number(0.00001234, significant=2), number(3456.7, significant=2)
('100', '0.000012', '3,457')
"""

from __future__ import annotations

import math

from symbiosis.model.money import in_currency
from symbiosis.present.i18n import current

__all__ = ["money", "number", "quantity", "worth"]


def number(x: float | None, unit: str = "", *, digits: int | None = None, significant: int | None = None,
           share: bool = False, lang: str | None = None) -> str:
    """A number for people, thousands grouped.

    Parameters
    ----------
    x : float or None
        None and NaN print as ``-``; infinity as ``inf``.
    unit : str
        Put after the number, e.g. ``t``.
    digits : int, optional
        Decimals to show; by default none at 10 and above or for a whole
        number, else two.
    significant : int, optional
        Significant figures instead (below 10,000; above it, whole numbers).
    share : bool
        A share (0-1) as a whole percentage.
    lang : {"en", "da"}, optional
        ``da`` writes Danish through Babel: ``1.234,5``, ``25 %``. Default: the language of the output
        (:func:`symbiosis.present.i18n.current`).

    Returns
    -------
    str
        The number written out, with its unit.
    """
    lang = lang or current()
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if isinstance(x, float) and math.isinf(x):
        text = "inf" if x > 0 else "-inf"
    elif share:
        text = f"{x:.0%}"
        if lang == "da":
            return f"{_danish(round(x * 100), 0)} %"
    elif significant is not None and abs(x) < 1e4:
        decimals = 0 if x == 0 else max(0, significant - 1 - math.floor(math.log10(abs(x))))
        text = f"{x:,.{decimals}f}"  # never 'g': it writes 1e+02 for 100 and 1e-05 for 0.00001
        if "." in text:
            text = text.rstrip("0").rstrip(".")
    else:
        if digits is None:
            digits = 0 if abs(x) >= 10 or float(x).is_integer() else 2
        text = f"{x:,.{digits}f}"
    if text.startswith("-") and text.strip("-0.,%") == "":
        text = text[1:]  # "-0" and "-0.00" are zero
    if lang == "da" and text not in ("inf", "-inf"):
        decimals = len(text.partition(".")[2])
        text = _danish(float(text.replace(",", "")), decimals)
    return f"{text} {unit}".strip()


def _danish(x: float, decimals: int) -> str:
    """``x`` with ``decimals`` decimals, grouped the Danish way by Babel (``85.238.970``, ``0,422``)."""
    from babel.numbers import format_decimal

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return format_decimal(0.0 if x == 0 else x, format=pattern, locale="da_DK").replace("\u2212", "-")


def money(dkk: float, lang: str = "en") -> str:
    """An amount of the network's money, in millions when large (``12.4 million DKK`` / ``12,4 mio. kr.``;
    ``12.4 million EUR`` for a network in euros, :func:`symbiosis.model.money.in_currency`).

    Parameters
    ----------
    dkk : float
        The amount, in the network's currency (DKK unless it says otherwise).
    lang : str, default "en"
        ``en`` or ``da``.

    Returns
    -------
    str
        The amount with its currency.
    """
    if abs(dkk) >= 1e6:
        value = number(dkk / 1e6, digits=1, lang=lang)
        return in_currency(f"{value} mio. kr." if lang == "da" else f"{value} million DKK")
    return in_currency(f"{number(dkk, lang=lang)} kr." if lang == "da" else f"{number(dkk, lang=lang)} DKK")


def quantity(x: float, unit: str, lang: str = "en") -> str:
    """A yearly quantity with its unit, e.g. ``70 t/yr`` (``70 t/år``).

    Parameters
    ----------
    x : float
        The quantity per year, in ``unit``.
    unit : str
        The resource's unit without the year (``t``, ``MWh``, ``m3``).
    lang : str, default "en"
        ``en`` or ``da``.

    Returns
    -------
    str
        The quantity with its unit per year.
    """
    per = "år" if lang == "da" else "yr"
    return f"{number(x, lang=lang)} {unit}/{per}"


def worth(value: float, exact: bool) -> str:
    """A change's worth a year (:func:`number`), with ``≥`` before a lower bound that was not re-solved.

    Parameters
    ----------
    value : float
        The worth, in its unit a year (NaN: none).
    exact : bool
        Whether it was re-solved.

    Returns
    -------
    str
        ``12,345`` or ``≥ 12,345`` (``-`` for none).

    >>> worth(2000.0, True), worth(2000.0, False)
    ('2,000', '≥ 2,000')
    """
    return number(value) if exact or value != value else f"≥ {number(value)}"
