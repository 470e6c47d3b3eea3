"""The layout of a network as tables: a folder of CSV files or an Excel workbook, and back.

One sheet (or ``NAME.csv``) per part of the network, one row per item, one
column per field. The columns come from the model itself, so a table holds
everything a YAML file does and a round trip loses nothing:

======================  =====================================================
sheet                   one row is
======================  =====================================================
``network``             a field of the network (``field``, ``value``): id, name, year, description
``sources``             a bibliography entry (``key``, ``title``, ``url``, ``publisher``, ``year``)
``resources``           a resource (``id``, ``name``, ``unit``, ``category``...)
``actors``              an actor; its site is ``lat``, ``lon`` and the site's provenance (``location_source``...)
``supplies``            a residual an actor has each year: ``quantity`` (a number or ``3.5 Mm3/yr``),
                        ``quantity_unit``, ``quantity_source``, ``quantity_basis``, ``quantity_method``...
``demands``             an input an actor needs each year (same columns)
``processes``           a conversion inside an actor (capacity and the provenance of its ratios)
``process_ratios``      one input or output of a process: ``process``, ``side`` (input/output),
                        ``resource``, ``ratio`` and, for an output, its quality ``grade`` (optional)
``streams``             a supplier -> receiver exchange (``observed`` and ``capacity`` as quantities)
``service_links``       a social-economy enterprise serving a client
``supported_employees`` people on one service link under one scheme: ``service_link``, ``scheme``...
``service_offers``      what a social-economy enterprise can deliver of one service per year
``service_needs``       a member's yearly need for one service
``factors``             a price, tax, emission or water factor
``capacities``          a capacity several processes share (``processes``: process=use per unit)
======================  =====================================================

A nested value ``F.s`` (a quantity, a location, a provenance, a contract)
becomes the column ``F_s`` (``contract_minimum_source``); a quantity's value is
the column ``F`` itself, and a service link's ``provenance`` is ``source``,
``basis``, ``method``, ``year``. A few fields fit one cell: a list of names
(``based_on``: ``@hb2016, @br18``), a range (``4000 to 7020``) and a mapping
(a resource's ``nutrients``: ``N=0.12; S=0.26``; a joint capacity's
``processes``: ``orsted-chp-steam=0.75; orsted-chp-heat=1``).

Reading checks every cell before anything is imported: a missing column, text
in a number column, a unit that does not parse, an unknown actor... each
problem is reported with its sheet, row and column, all of them at once, and
the network is returned only if there are none.
"""

from __future__ import annotations

import types
import typing
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from symbiosis import model as m

__all__ = ["CHILD_SHEETS", "Column", "MEANINGS", "NETWORK_FIELDS", "RATIO_COLUMNS", "REQUIRED_SHEETS", "ROW_SHEETS",
           "SHEETS", "SOURCE_COLUMNS", "columns", "sheet_columns"]

# -- the layout -------------------------------------------------------------

def _row_sheets() -> list[tuple[str, str, type[BaseModel]]]:
    """(sheet, network field, row model) for every list of the network: the known ones in a
    planner's order, then any list a newer model has (its sheet is named after the field)."""
    order = ["resources", "actors", "supplies", "demands", "processes", "streams", "service_links",
             "service_offers", "service_needs", "factors"]
    lists = {}
    for name, field in m.Network.model_fields.items():
        inner, _ = _unwrap(field.annotation)
        args = typing.get_args(inner)
        if typing.get_origin(inner) in (list, tuple) and args and _is_model(args[0]):
            lists[name] = args[0]
    known = [f for f in order if f in lists]
    return [(f, f, lists[f]) for f in known + [f for f in lists if f not in known]]


NETWORK_FIELDS = ["id", "name", "year", "currency", "price_year", "description", "packs"]  # packs: comma-separated
SOURCE_COLUMNS = ["key", "title", "url", "publisher", "year"]
RATIO_COLUMNS = ["process", "side", "resource", "ratio"]  # required; ``grade`` (of an output) is optional
#: Child sheets: one row per entry of a nested list or mapping, after their parent's sheet.
CHILD_SHEETS = {"processes": "process_ratios", "service_links": "supported_employees"}
REQUIRED_SHEETS = ("network", "resources", "actors")


@dataclass(frozen=True)
class Column:
    """One column of a sheet: its name, the field path it fills and its kind."""

    name: str
    path: tuple[str, ...]
    kind: str  # text, number, integer, bool, amount (a number or "3.5 Mm3/yr")
    required: bool
    choices: tuple[str, ...] = ()  # the valid values of a column of names (kind, status, mode...)
    meaning: str = ""


def _unwrap(annotation: Any) -> tuple[Any, bool]:
    """``X | None`` -> ``(X, True)``; ``Annotated[X, ...]`` -> ``X``."""
    optional = False
    while True:
        origin = typing.get_origin(annotation)
        if origin is typing.Annotated:
            annotation = typing.get_args(annotation)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(annotation) if a is not type(None)]
            optional = optional or len(args) < len(typing.get_args(annotation))
            annotation = args[0] if len(args) == 1 else str
        else:
            return annotation, optional


def _kind(annotation: Any) -> str:
    inner, _ = _unwrap(annotation)
    return {float: "number", int: "integer", bool: "bool"}.get(inner, "text")


def _choices(annotation: Any) -> tuple[str, ...]:
    inner, _ = _unwrap(annotation)
    return tuple(typing.get_args(inner)) if typing.get_origin(inner) is typing.Literal else ()


#: What a column means, where its name does not say it (the rest come from the model's descriptions).
MEANINGS = {
    "id": "a short unique name: lower-case letters, digits, '-', '_', '.'",
    "unit": "the one unit the resource is counted in (t, m3, MWh, GJ...)",
    "member": "a member of the symbiosis (true/false)",
    "lat": "latitude, WGS84 degrees", "lon": "longitude, WGS84 degrees",
    "source": "where the number comes from: @key of the sources sheet, or a citation",
    "basis": "published (quoted from the source) or estimated (then say how in method)",
    "method": "how an estimated number was estimated",
    "quantity": "amount per year in the resource's unit, or with its unit: 3.5 Mm3/yr, 80 GWh, 200 kt",
    "observed": "recorded flow per year (a number, or with its unit)",
    "capacity": "the most it can carry or treat per year (a number, or with its unit)",
    "annual_value": "what the client pays per year, DKK (or 1.2 MDKK)",
    "replaces": "the receiver's input this stream substitutes for (default: the same resource)",
    "substitution_ratio": "units of the replaced input one delivered unit replaces",
    "loss": "share lost on the way, 0 to 1",
    "supplier": "actor id", "receiver": "actor id", "actor": "actor id", "provider": "actor id (a social enterprise)",
    "client": "actor id", "resource": "resource id", "process": "process id", "service_link": "service link id",
    "side": "input or output", "ratio": "units per unit of the process's activity",
    "activity_unit": "what one unit of the process's activity is (t biomass treated...)",
    "start": "first year", "end": "last year", "distance_km": "km between the two sites",
    "key": "the key numbers cite as @key", "field": "id, name, year or description", "value": "the value",
    "year": "the year the number refers to", "name": "a readable name", "title": "the title of the source",
    "url": "where to read it", "publisher": "who published it", "category": "the kind of resource",
    "kind": "the kind of actor", "employees": "people employed", "member_since": "year it joined the symbiosis",
    "member_until": "year it left", "status": "active (running), historic (ended) or candidate (possible)",
    "mode": "how it is carried", "service": "what the enterprise does for the client",
    "price": "price per unit of service, DKK", "market_price": "market price per unit of service, DKK",
    "hours_per_year": "hours of work per year", "scheme": "the Danish employment scheme",
    "persons": "people employed under the scheme", "fte": "full-time equivalents",
    "factor": "which factor this row is", "note": "a note", "description": "a description",
    "capacity_hours": "the most hours of the service it can deliver per year",
    "supported_share": "share of the hours worked by people in a supporting scheme, 0 to 1",
    "hours": "hours of the service needed per year",
    "monthly_wage": "DKK per month per person, pension included",
    "full_time_wage": "full-time wage of the position (the lønloft), DKK per month",
    "monthly_subsidy": "subsidy paid per person, DKK per month",
    "grade": "quality grade (cement, road-fill, drinking, cooling...); empty: ungraded",
    "accepts": "the grades this actor can use, separated by commas; empty: any grade",
    "based_on": "the sources an estimate rests on, @key each, separated by commas",
    "range": "an estimate's plausible range, 'low to high' (the sensitivity analysis varies it there)",
    "nutrients": "plant nutrients per unit, t of the element: N=0.12; S=0.26",
    "processes": "each sharing process and the capacity one unit of its activity uses: id=0.75; id=1",
}


def _meaning(name: str, field: Any = None) -> str:
    base = name.rsplit("_", 1)[-1] if name.endswith(("_source", "_basis", "_method", "_year", "_unit")) else name
    if field is not None and getattr(field, "description", None):
        return field.description
    if base != name:
        return f"{MEANINGS.get(base, base)} ({name.rsplit('_', 1)[0]})"
    return MEANINGS.get(name, "")


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


ROW_SHEETS = _row_sheets()
#: Every sheet, in the order they are written.
SHEETS = ["network", "sources"] + [x for s, _, _ in ROW_SHEETS for x in (s, CHILD_SHEETS.get(s)) if x]

_FIRST = {"value": 0, "unit": 1, "lat": 2, "lon": 3}


def columns(model: type[BaseModel]) -> list[Column]:
    """The columns of a row model, nested values flattened (see the module doc)."""
    return _columns(model, ())


def _cell_kind(annotation: Any) -> str | None:
    """``names``, ``range`` or ``mapping`` for a field written in one cell; None for a plain or nested field."""
    inner, _ = _unwrap(annotation)
    origin, args = typing.get_origin(inner), typing.get_args(inner)
    if origin is dict:
        return "mapping"
    if origin in (list, tuple) and args and not _is_model(args[0]):
        return "range" if args[0] is float and len(args) == 2 and args[1] is not Ellipsis else "names"
    return None


def _columns(model: type[BaseModel], prefix: tuple[str, ...]) -> list[Column]:
    out: list[Column] = []
    for name, field in model.model_fields.items():
        inner, _ = _unwrap(field.annotation)
        args = typing.get_args(inner)
        path = (*prefix, name)
        if model is m.Process and name in ("inputs", "outputs", "output_grades"):
            continue  # the process_ratios sheet
        numbers = m.STREAM_NUMBERS if model is m.Stream else m.INVESTMENT_NUMBERS \
            if issubclass(model, m.Investment) else None
        if numbers and name == "provenance":  # distance_km_source, economics_lifetime_years_basis...: not required
            out.extend(Column(c.name, c.path, c.kind, False, c.choices, c.meaning)
                       for number in numbers for c in _columns(m.Provenance, (*path, number)))
            continue
        if typing.get_origin(inner) in (list, tuple) and args and _is_model(args[0]):
            continue  # a child sheet
        cell = _cell_kind(field.annotation)
        if cell is not None:
            col = _column_name(model, path)
            out.append(Column(col, path, cell, field.is_required() and not prefix, (),
                              _meaning(col, field) or f"see {model.__name__}"))
        elif _is_model(inner):
            depth = len(path)
            for c in sorted(_columns(inner, path), key=lambda c: _FIRST.get(c.path[depth], len(_FIRST))):
                out.append(c if field.is_required() else Column(c.name, c.path, c.kind, False, c.choices,
                                                                c.meaning))
        else:
            col = _column_name(model, path)
            kind = "amount" if name == "value" and issubclass(model, m.Quantity) else _kind(field.annotation)
            out.append(Column(col, path, kind, field.is_required(), _choices(field.annotation),
                              _meaning(col, field if not prefix else None) or f"see {model.__name__}"))
    return out


def _column_name(model: type[BaseModel], path: tuple[str, ...]) -> str:
    """``F_s`` for a nested value ``F.s``; a quantity's value is ``F``; a location's lat/lon and a service
    link's provenance fields keep their own names."""
    parts = [p for p in path if p != "provenance" or len(path) == 2 and path[0] == "provenance"]
    if path and path[0] == "provenance" and len(path) == 2:
        return path[1]
    if len(path) >= 2 and path[-2] == "location" and path[-1] in ("lat", "lon"):
        return path[-1]
    if path[-1] == "value" and issubclass(model, m.Quantity) and len(parts) > 1:
        parts = parts[:-1]
    return "_".join(parts)


def sheet_columns() -> dict[str, list[Column]]:
    """Every sheet's columns, in order."""
    cols = {"network": [Column("field", (), "text", True, tuple(NETWORK_FIELDS), MEANINGS["field"]),
                        Column("value", (), "text", True, (), MEANINGS["value"])],
            "sources": [Column(c, (c,), "integer" if c == "year" else "text", c in ("key", "title"), (),
                               _meaning(c)) for c in SOURCE_COLUMNS],
            "process_ratios": [Column("process", (), "text", True, (), MEANINGS["process"]),
                               Column("side", (), "text", True, ("input", "output"), MEANINGS["side"]),
                               Column("resource", (), "text", True, (), MEANINGS["resource"]),
                               Column("ratio", (), "number", True, (), MEANINGS["ratio"]),
                               Column("grade", (), "text", False, (), "quality grade of an output (fertiliser, "
                                      "cement...); empty: ungraded. Inputs take none")],
            "supported_employees": [Column("service_link", (), "text", True, (), MEANINGS["service_link"])]
            + columns(m.SupportedEmployee)}
    for sheet, _, model in ROW_SHEETS:
        cols[sheet] = columns(model)
    return {s: cols[s] for s in SHEETS}
