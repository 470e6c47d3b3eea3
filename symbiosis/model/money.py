"""Money of one currency and price year: exchange rates, price indices and the conversion between them.

A network declares its ``currency`` (ISO 4217) and ``price_year``; a factor
table declares its own. Where they differ, each money factor of the table is
converted by :func:`conversion` through the bundled, sourced table
``symbiosis/data/money.yaml``:

1. to the network's price year with the table currency's own price index
   (HICP, annual average): ``x index_C(p) / index_C(y)``;
2. to the network's currency at the average exchange rate of that year:
   ``x per_eur(network currency, p) / per_eur(C, p)``.

A conversion the table cannot make (a currency or year it has no row for) is
refused with a message that names the missing row, never guessed::

    >>> c = conversion("DKK", 2022, "DKK", 2022)
    >>> c.factor
    1.0
    >>> round(conversion("DKK", 2022, "EUR", 2022).factor, 6)
    0.134041
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as _pkg
from typing import cast

__all__ = ["CURRENCY_PATTERN", "Conversion", "MONEY_TABLE", "conversion", "current_currency", "in_currency",
           "money_currency", "money_rows", "money_table", "price_index", "rate_per_eur", "use_currency"]

#: An ISO 4217 currency code: three capital letters.
CURRENCY_PATTERN = r"^[A-Z]{3}$"
#: The bundled table of exchange rates and price indices.
MONEY_TABLE = "money"

_UNIT_CURRENCY = re.compile(r"^\s*([kM]?)([A-Z]{3})(?=\s*(/|per\b|$))")


@lru_cache(maxsize=1)
def money_table() -> dict:
    """The bundled exchange rates and price indices (``symbiosis/data/money.yaml``) as read."""
    import yaml

    with (_pkg.files("symbiosis.data") / f"{MONEY_TABLE}.yaml").open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def rate_per_eur(currency: str, year: int) -> tuple[float, dict] | None:
    """Units of ``currency`` for one euro in ``year`` (annual average) and its row, or None if not in the table."""
    if currency == "EUR":
        return 1.0, {"currency": "EUR", "per_eur": 1.0}
    fallback = None
    for row in money_table().get("exchange_rates") or []:
        if row["currency"] != currency:
            continue
        if row.get("year") == year:
            return float(row["per_eur"]), row
        if row.get("year") is None:
            fallback = (float(row["per_eur"]), row)
    return fallback


def price_index(currency: str, year: int) -> tuple[float, dict] | None:
    """The annual price index of ``currency``'s area in ``year`` and its row (the mean of the monthly
    values where the table gives them), or None if not in the table."""
    for row in money_table().get("price_indices") or []:
        if row["currency"] != currency:
            continue
        if year in (row.get("index") or {}):
            return float(row["index"][year]), row
        months = (row.get("monthly") or {}).get(year)
        if months:
            return sum(months) / len(months), row
    return None


@dataclass(frozen=True)
class Conversion:
    """How money of ``source`` currency and year becomes money of ``target`` currency and year."""

    source: tuple[str, int]
    target: tuple[str, int]
    factor: float  # target money per unit of source money
    index_ratio: float = 1.0
    rate_ratio: float = 1.0

    @property
    def identity(self) -> bool:
        return self.source == self.target

    def describe(self) -> str:
        """``DKK 2022 -> EUR 2016: x 0.8787 (DKK price index) x 0.134 (exchange rate)``."""
        (c, y), (tc, ty) = self.source, self.target
        parts = []
        if y != ty:
            parts.append(f"x {self.index_ratio:.4f} ({c} price index {y} -> {ty})")
        if c != tc:
            parts.append(f"x {self.rate_ratio:.6g} ({tc} per {c} in {ty})")
        return f"{c} {y} -> {tc} {ty}: " + " ".join(parts or ["x 1"])


def conversion(currency: str, year: int, to_currency: str, to_year: int) -> Conversion:
    """The factor that turns money of (``currency``, ``year``) into money of (``to_currency``, ``to_year``).

    Raises ``ValueError`` naming the missing row of ``money.yaml`` where the table cannot make it.
    """
    index_ratio = rate_ratio = 1.0
    if year != to_year:
        here, there = price_index(currency, year), price_index(currency, to_year)
        if here is None or there is None:
            missing: int | str = year if here is None else to_year
            raise ValueError(f"no price index for {currency} in {missing} in the bundled money table "
                             f"(symbiosis/data/money.yaml, price_indices); {_known_indices(currency)}")
        index_ratio = there[0] / here[0]
    if currency != to_currency:
        frm, to = rate_per_eur(currency, to_year), rate_per_eur(to_currency, to_year)
        if frm is None or to is None:
            missing = currency if frm is None else to_currency
            known = sorted({"EUR"} | {r["currency"] for r in money_table().get("exchange_rates") or []})
            raise ValueError(f"no exchange rate for {missing} in {to_year} in the bundled money table "
                             f"(symbiosis/data/money.yaml, exchange_rates); it has: {', '.join(known)}")
        rate_ratio = to[0] / frm[0]
    return Conversion((currency, year), (to_currency, to_year), index_ratio * rate_ratio, index_ratio, rate_ratio)


def _known_indices(currency: str) -> str:
    years = sorted(y for row in money_table().get("price_indices") or [] if row["currency"] == currency
                   for y in {**(row.get("index") or {}), **(row.get("monthly") or {})})
    return f"it has {currency} for {years[0]}-{years[-1]}" if years else f"it has no index for {currency}"


def money_currency(unit: str) -> tuple[str, float] | None:
    """The currency a factor's unit counts money in and its multiple: ``DKK/t`` -> ("DKK", 1),
    ``kEUR per year`` -> ("EUR", 1000); None for a unit that is not money (``t CO2e/t``)."""
    m = _UNIT_CURRENCY.match(unit or "")
    if not m:
        return None
    return m.group(2), {"": 1.0, "k": 1e3, "M": 1e6}[m.group(1)]


# -- the currency of what is being shown --------------------------------------------------------
#: One per process, not a context variable: labels are also made in worker threads (a context variable
#: would start those at its default).
_CURRENT = ["DKK"]
_DKK = re.compile(r"\bDKK\b|(?<![\w.])kr\.")


def current_currency() -> str:
    """The currency of the network last validated in this process (``DKK`` before any): what labels say."""
    return _CURRENT[0]


def use_currency(code: str) -> None:
    """Make ``code`` the currency labels say (set whenever a :class:`~symbiosis.model.Network` is validated)."""
    _CURRENT[0] = code


def in_currency(text: str, code: str | None = None) -> str:
    """``text`` with its money unit in ``code`` (default: :func:`current_currency`): a label written
    with ``DKK`` or the Danish ``kr.`` (``cost saved DKK/yr``, ``mio. kr./år``) says ``cost saved EUR/yr``,
    ``mio. EUR/år`` for a network in euros."""
    code = code or _CURRENT[0]
    return text if code == "DKK" or not isinstance(text, str) else _DKK.sub(code, text)


def money_rows(currency: str, year: int | None) -> list[dict]:
    """The rows of the money table a network in ``currency`` and price ``year`` can draw on, each with its
    source: every exchange rate and every price index (``what``, ``currency``, ``year``, ``value``,
    ``unit``, ``basis``, ``source``, ``method``); the ones of the network's own currency and year first."""
    table = money_table()
    sources = table.get("sources") or {}

    def cite(row: dict) -> str:
        keys = [row["source"], *row.get("based_on", [])]
        return "; ".join(sources[k[1:]]["title"] if k.startswith("@") and k[1:] in sources else k for k in keys
                         if k != "@estimate")

    rows = []
    for r in table.get("exchange_rates") or []:
        rows.append({"what": "exchange rate", "currency": r["currency"], "year": r.get("year"),
                     "value": float(r["per_eur"]), "unit": f"{r['currency']} per EUR", "basis": r["basis"],
                     "source": cite(r), "method": r.get("method") or ""})
    for r in table.get("price_indices") or []:
        for y in sorted({**(r.get("index") or {}), **(r.get("monthly") or {})}):
            rows.append({"what": f"price index, {r['area']}", "currency": r["currency"], "year": y,
                         # a year of the row itself, so always found
                         "value": cast(tuple[float, dict], price_index(r["currency"], y))[0],
                         "unit": "2015 = 100", "basis": r["basis"],
                         "source": cite(r), "method": r.get("method") or ""})
    rows.sort(key=lambda r: (r["currency"] != currency, r["what"] != "exchange rate", r["year"] != year))
    return rows
