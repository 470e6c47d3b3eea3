"""Quantities with units: ``3.5 Mm3/yr``, ``80 GWh``, ``200 kt`` in a resource's unit.

A quantity in a network file may carry its own unit, either in ``unit``
(``{value: 3.5, unit: Mm3}``) or in the value itself (``value: "3.5 Mm3/yr"``,
or in a spreadsheet cell). :func:`normalise_quantities` converts every such
quantity to the unit of its resource with `pint <https://pint.readthedocs.io>`_
before the network is validated, so the model only ever holds numbers in the
resource's unit per year.

Rules:

* an amount (``200 kt``) is an amount per year; a rate (``3.5 Mm3/yr``,
  ``40 t/d``, ``80 MW``) is multiplied by one year (365.25 days);
* ``Mm3`` is a million cubic metres (the water and gas trade's usage), ``kt``
  a kilotonne (not pint's knot), ``DKK``/``kDKK``/``MDKK`` Danish kroner;
* a unit of another dimension (``80 GWh`` for a resource in ``m3``) is an
  error naming the field and the dimension expected.

Pint is imported only when a quantity actually needs converting, so loading
a file written in the resources' own units costs nothing.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from symbiosis.errors import Mistake

__all__ = ["ENERGY_UNITS", "MASS_UNITS", "SCALES", "UNIT_ALIASES", "VOLUME_UNITS", "base_amount", "canonical_unit",
           "convert", "dimension_words", "grouped_number", "normalise_quantities", "registry", "split_amount",
           "to_unit"]

#: Units of the model's resources, per dimension, in their base unit (t, m3, MWh) per unit: a table, no pint,
#: for the checks and scopes that run on every load.
MASS_UNITS = {"t": 1.0, "kg": 1e-3, "kt": 1e3, "Mt": 1e6}
VOLUME_UNITS = {"m3": 1.0, "Mm3": 1e6, "l": 1e-3, "Nm3": 1.0}
ENERGY_UNITS = {"MWh": 1.0, "GJ": 1 / 3.6, "kWh": 1e-3, "MJ": 1 / 3600, "TJ": 1000 / 3.6, "GWh": 1000.0}
SCALES = {"mass": MASS_UNITS, "volume": VOLUME_UNITS, "energy": ENERGY_UNITS}


def base_amount(unit: str) -> tuple[str, float] | None:
    """``(dimension, base units per unit)`` of a resource unit (``'GJ'`` -> ``('energy', 1/3.6)``), or None.

    >>> base_amount("kt"), base_amount("GJ")[0], base_amount("persons")
    (('mass', 1000.0), 'energy', None)
    """
    for dimension, table in SCALES.items():
        if unit in table:
            return dimension, table[unit]
    return None

#: Currencies (ISO 4217) a network may count money in, as units (``12 kEUR``); see symbiosis.model.money.
_CURRENCIES = ("DKK", "EUR", "SEK", "NOK", "GBP", "USD", "AUD", "JPY", "CNY", "THB", "CHF")

#: Units the trade writes that pint does not know (or knows as something else).
_DEFINITIONS = [
    "kt = 1000 * metric_ton = kilotonne",
    "Mt = 1e6 * metric_ton = megatonne",
    "m3 = meter ** 3",
    "Mm3 = 1e6 * meter ** 3",
    "Nm3 = [normal_gas_volume]",
    "MNm3 = 1e6 * Nm3",
    # each currency its own dimension: an amount in DKK never converts to EUR by a unit factor (the
    # exchange rate and price year do that, symbiosis.model.money)
    *(line for code in _CURRENCIES for line in (f"{code} = [currency_{code}]", f"k{code} = 1e3 * {code}",
                                                 f"M{code} = 1e6 * {code}")),
    "mDKK = 1e6 * DKK",
    "FTE = [full_time_equivalent]",
]

_DIMENSION_WORDS = {
    "[mass]": "a mass (t, kg, kt)",
    "[length] ** 3": "a volume (m3, Mm3, l)",
    "[energy]": "an energy (MWh, GJ, GWh)",
    "[power]": "a power (MW, kW)",
    "[mass] / [time]": "a mass per time (t/yr, t/d)",
    "[length] ** 3 / [time]": "a volume per time (m3/yr, m3/h)",
    **{f"[currency_{code}]": f"an amount of money ({code}, k{code}, M{code})" for code in _CURRENCIES},
    "[normal_gas_volume]": "a gas volume at normal conditions (Nm3, MNm3)",
    "dimensionless": "a count",
}

#: Spellings of units read as the model's own (``tonnes`` is ``t``, ``m³`` is ``m3``), in a resource's unit,
#: a quantity's and a factor's (``DKK/tonne`` is ``DKK/t``). ``ton``/``tons`` is not here: it may be a short ton.
UNIT_ALIASES = {"tonnes": "t", "tonne": "t", "metric_ton": "t", "kilotonnes": "kt", "kilotonne": "kt",
                "megatonnes": "Mt", "megatonne": "Mt", "cubic_metres": "m3", "cubic_meters": "m3"}
_ALIAS = re.compile(r"(?<![A-Za-z_])(" + "|".join(sorted(UNIT_ALIASES, key=len, reverse=True)) + r")(?![A-Za-z_])")
#: Digits grouped by three with a space, a no-break space or a thin space: ``25 000``, ``1 200 000.5``.
_GROUPED = re.compile(r"^\s*([-+]?\d{1,3}(?:[ \u00a0\u2009\u202f]\d{3})+(?:\.\d*)?)(?![\d])(.*)$", re.S)
_SPACED = re.compile(r"^\s*[-+]?\d+(?:[ \u00a0\u2009\u202f]+\d+)+")


def canonical_unit(unit: str) -> str:
    """``unit`` with the trade's other spellings replaced by the model's own.

    >>> canonical_unit("tonnes"), canonical_unit("DKK/tonne"), canonical_unit("m³/yr"), canonical_unit("t CO2e/t")
    ('t', 'DKK/t', 'm3/yr', 't CO2e/t')
    """
    return _ALIAS.sub(lambda m: UNIT_ALIASES[m.group(1)], unit.replace("³", "3"))


def grouped_number(text: str) -> tuple[str, str] | None:
    """``"25 000 t"`` -> ``("25000", " t")``: digits grouped by three with (thin) spaces, joined; else None.

    Raises ``ValueError`` when the text starts with digits split by spaces that are not groups of three
    (``"25 00"``): the number cannot be read either way.

    >>> grouped_number("25 000"), grouped_number("1 200 000.5 m3"), grouped_number("200 kt")
    (('25000', ''), ('1200000.5', ' m3'), None)
    """
    m = _GROUPED.match(text)
    if m:
        return re.sub(r"[ \u00a0\u2009\u202f]", "", m.group(1)), m.group(2)
    if _SPACED.match(text):
        raise ValueError(f"'{text.strip()}' has spaces inside a number that are not thousands groups; write it "
                         "without spaces (25000) or in groups of three digits (25 000)")
    return None


_NUMBER = re.compile(r"^\s*([-+]?(?:\d[\d_]*\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)\s*(.*?)\s*$")


@lru_cache(maxsize=1)
def registry():
    """The shared pint ``UnitRegistry`` with the trade's units defined."""
    import pint

    ureg = pint.UnitRegistry(on_redefinition="ignore", cache_folder=None)
    for line in _DEFINITIONS:
        ureg.define(line)
    return ureg


def dimension_words(unit: str) -> str:
    """What kind of amount ``unit`` measures, in words (``'m3'`` -> ``'a volume (m3, Mm3, l)'``)."""
    ureg = registry()
    dim = ureg.Quantity(1, ureg.parse_units(unit)).dimensionality
    words = {ureg.get_dimensionality(k): v for k, v in _DIMENSION_WORDS.items() if k != "dimensionless"}
    return words.get(dim, "a count" if not dim else str(dim))


def split_amount(text: str) -> tuple[float, str | None]:
    """``"3.5 Mm3/yr"`` -> ``(3.5, "Mm3/yr")``; ``"1200"`` -> ``(1200.0, None)``.

    Raises ``ValueError`` if the text does not start with a number, or has a
    comma (``3,5`` is 3.5 in Danish and 35 in English: say it with a point).
    """
    if "," in text:
        raise ValueError(f"'{text}' has a comma; write a decimal point and no thousands separator (3.5, 1200)")
    grouped = grouped_number(text)
    if grouped is not None:
        text = "".join(grouped)
    m = _NUMBER.match(text)
    if not m:
        raise ValueError(f"'{text}' is not a number with an optional unit (like 3.5 Mm3/yr)")
    number = float(m.group(1).replace("_", ""))
    return number, (canonical_unit(m.group(2)) if m.group(2) else None)


def convert(value: float, unit: str, target: str) -> float:
    """``value`` in ``unit`` (an amount or a rate) as an amount per year in ``target``.

    >>> convert(3.5, "Mm3/yr", "m3")
    3500000.0
    >>> convert(80, "GWh", "MWh")
    80000.0
    >>> convert(200, "kt", "t")
    200000.0
    >>> convert(10, "t/d", "t")
    3652.5

    Raises ``ValueError`` with a message a person can act on when ``unit``
    does not parse or measures something else than ``target``.
    """
    import pint

    ureg = registry()
    try:
        given = ureg.Quantity(value, ureg.parse_units(unit))
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError, AssertionError):
        raise ValueError(f"'{unit}' is not a unit I know (write e.g. t, kt, m3, Mm3/yr, MWh, GJ, EUR)") from None
    try:
        wanted = ureg.parse_units(target)
    except (pint.errors.PintError, AttributeError, TypeError, ValueError, SyntaxError, AssertionError):
        raise ValueError(f"'{unit}' cannot be converted: the resource's unit '{target}' is not a unit pint "
                         f"knows; write the value in {target}") from None
    if given.dimensionality == (1 / ureg.year).dimensionality * ureg.Quantity(1, wanted).dimensionality:
        given = given * ureg.Quantity(1, "year")
    if given.dimensionality != ureg.Quantity(1, wanted).dimensionality:
        raise ValueError(f"'{unit}' is {dimension_words(unit)}, but the resource is measured in {target}, "
                         f"{dimension_words(target)}; write the value in {target} or a unit of that dimension")
    return float(f"{given.to(wanted).magnitude:.12g}")


def to_unit(quantity: dict[str, Any], target: str | None,
            lenient_target: bool = False) -> tuple[dict[str, Any], str | None, str | None]:
    """One quantity mapping in the ``target`` unit.

    Returns ``(quantity, problem_field, message)``: the converted mapping (unit
    set to ``target``), or the mapping unchanged and the field (``value`` or
    ``unit``) that is wrong with a message. A quantity already in ``target``
    (or without a unit) is returned as it is, without importing pint. With
    ``lenient_target``, a ``target`` pint cannot read (``t biomass``) leaves
    the quantity as it is for the model's own unit check.
    """
    value, unit = quantity.get("value"), quantity.get("unit")
    written = None
    if isinstance(value, str):
        written = value.strip()
        try:
            value, inline = split_amount(value)
        except ValueError as exc:
            return quantity, "value", str(exc)
        if inline and unit and inline.replace(" ", "") != str(unit).replace(" ", ""):
            return quantity, "unit", f"the value says '{inline}' but unit says '{unit}'; give the unit once"
        unit = inline or unit
    if unit is not None and not isinstance(unit, str):
        return quantity, "unit", f"must be a unit written as text, not {unit!r}"
    if unit is not None:
        unit = canonical_unit(unit)
    if not isinstance(value, int | float) or isinstance(value, bool):
        return {**quantity, "value": value}, None, None  # field validation reports the type
    if unit is None or target is None or unit.replace(" ", "") == target.replace(" ", ""):
        out = {**quantity, "value": value}
        if unit is not None:
            out["unit"] = unit
        return out, None, None
    if lenient_target and not _parses(target):
        return {**quantity, "value": value, "unit": unit}, None, None
    try:
        converted = convert(value, unit, target)
    except ValueError as exc:
        message = str(exc)
        if written:
            message = message.replace(f"'{unit}'", f"'{written}'", 1)
        return quantity, ("value" if written else "unit"), message
    return {**quantity, "value": converted, "unit": target}, None, None


def _parses(unit: str) -> bool:
    try:
        registry().parse_units(unit)
    except Exception:  # noqa: BLE001 - pint raises many kinds for a bad unit
        return False
    return True


def normalise_quantities(data: dict[str, Any]) -> tuple[dict[str, Any], list[Mistake]]:
    """Convert every quantity of a raw network mapping to its resource's unit.

    Covers supplies and demands (``quantity``), streams (``observed``,
    ``capacity``), processes (``capacity``, in the ``activity_unit``) and
    service links (``annual_value``, in the network's currency). Returns the converted mapping
    and the problems found; a quantity with a problem is left out where it is
    optional and set to 0 where it is required, so the rest can still be
    checked, and the caller must raise if any problem is returned.
    """
    if not isinstance(data, dict):
        return data, []
    data, problems = _canonical_units(data)
    units = {}
    for r in data.get("resources") or []:
        if isinstance(r, dict) and isinstance(r.get("id"), str) and isinstance(r.get("unit"), str):
            units[r["id"]] = r["unit"]
    out = dict(data)
    optional = {"observed", "annual_value"}  # (capacity of a stream too, handled below)

    def fix(field: str, keys: tuple[str, ...], target_of, lenient: bool = False) -> None:
        rows = data.get(field)
        if not isinstance(rows, list | tuple):
            return
        new_rows = []
        for i, row in enumerate(rows):
            if hasattr(row, "model_dump") and any(getattr(getattr(row, k, None), "unit", None) for k in keys):
                row = row.model_dump()  # a model built in Python with its own units: convert it too
            if isinstance(row, dict):
                row = dict(row)
                for key in keys:
                    q = row.get(key)
                    if isinstance(q, int | float | str) and not isinstance(q, bool):
                        q = {"value": q}  # a bare amount: provenance is then reported missing
                        if not isinstance(row.get(key), str):
                            continue
                    if not isinstance(q, dict):
                        continue
                    target = target_of(row)
                    converted, bad, message = to_unit(q, target, lenient)
                    if bad:
                        problems.append(Mistake(f"{field}[{i}].{key}.{bad}", message or ""))
                        if key in optional:  # leave it out, so no check trips over a stand-in
                            row.pop(key)
                            continue
                        converted = {k: v for k, v in q.items() if k != "unit"} | {"value": 0.0}
                    row[key] = converted
            new_rows.append(row)
        out[field] = new_rows

    def resource_unit(row):
        return units.get(row.get("resource")) if isinstance(row.get("resource"), str) else None

    fix("supplies", ("quantity",), resource_unit)
    fix("demands", ("quantity",), resource_unit)
    optional.add("capacity")
    fix("streams", ("observed", "capacity"), resource_unit)
    optional.discard("capacity")
    fix("processes", ("capacity",),
        lambda row: row.get("activity_unit") if isinstance(row.get("activity_unit"), str) else None, True)
    currency = data.get("currency") if isinstance(data.get("currency"), str) else "DKK"
    fix("service_links", ("annual_value",), lambda row: currency)
    return out, problems


def _canonical_units(data: dict[str, Any]) -> tuple[dict[str, Any], list[Mistake]]:
    """``data`` with resource and factor units in the model's spelling (:data:`UNIT_ALIASES`) and each factor
    row for a group of actors (``actors: [a, b]``, or ``actors: {kind: utility}``: every actor of that kind)
    written out as one row per actor.

    The rows of a group after its first are appended at the end of the table, so every row the file wrote
    keeps its index (and its line in a mistake).
    """
    out, problems = dict(data), []
    rows = data.get("resources")
    if isinstance(rows, list | tuple):
        out["resources"] = [{**r, "unit": canonical_unit(r["unit"])} if isinstance(r, dict)
                            and isinstance(r.get("unit"), str) else r for r in rows]
    rows = data.get("factors")
    if isinstance(rows, list | tuple):
        first: list[Any] = []
        more: list[Any] = []
        for i, r in enumerate(rows):
            if isinstance(r, dict) and isinstance(r.get("unit"), str):
                r = {**r, "unit": canonical_unit(r["unit"])}
            group = r.get("actors") if isinstance(r, dict) else None
            if isinstance(group, dict) and set(group) == {"kind"}:  # every actor of a kind, in file order
                kinds = [a.get("kind") for a in data.get("actors") or () if isinstance(a, dict)]
                group = [a["id"] for a in data.get("actors") or () if isinstance(a, dict)
                         and a.get("kind") == group["kind"] and isinstance(a.get("id"), str)]
                if not group:
                    problems.append(Mistake(f"factors[{i}].actors", f"no actor of kind '{r['actors']['kind']}'; "
                                            f"kinds in this file: {', '.join(sorted(set(map(str, kinds))))}"))
            elif group is not None and not (isinstance(group, list | tuple) and group):
                problems.append(Mistake(f"factors[{i}].actors", "write a list of actor ids ([a, b, c]) or a "
                                        "kind ({kind: utility})"))
            if isinstance(group, list | tuple) and group and "actor" not in r:
                rest = {k: v for k, v in r.items() if k != "actors"}
                first.append({**rest, "actor": group[0]})
                more.extend({**rest, "actor": a} for a in group[1:])
            else:
                first.append(r)
        out["factors"] = first + more
    return out, problems
