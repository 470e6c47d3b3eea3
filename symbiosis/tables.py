"""A network as tables: a folder of CSV files or an Excel workbook, and back.

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
======================  =====================================================

A nested value ``F.s`` (a quantity, a location, a provenance) becomes the
column ``F_s``; a quantity's value is the column ``F`` itself, and a service
link's ``provenance`` is ``source``, ``basis``, ``method``, ``year``.

Reading checks every cell before anything is imported: a missing column, text
in a number column, a unit that does not parse, an unknown actor... each
problem is reported with its sheet, row and column, all of them at once, and
the network is returned only if there are none.
"""

from __future__ import annotations

import csv
import io as _io
import os
import types
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from symbiosis import model as m
from symbiosis.errors import Problem, SymbiosisError

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


NETWORK_FIELDS = ["id", "name", "year", "description"]
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
    out = []
    for name, field in model.model_fields.items():
        inner, _ = _unwrap(field.annotation)
        args = typing.get_args(inner)
        if typing.get_origin(inner) in (list, tuple) and args and not _is_model(args[0]):
            # a short list of names (a demand's accepted grades): one cell, "cement, road-fill"
            out.append(Column(name, (name,), "names", field.is_required(), (),
                              _meaning(name, field) or f"see {model.__name__}"))
            continue
        if typing.get_origin(inner) in (list, tuple, dict):
            continue  # a child sheet
        if _is_model(inner):
            subs = sorted(inner.model_fields.items(), key=lambda kv: _FIRST.get(kv[0], len(_FIRST)))
            for sub, subfield in subs:
                if name == "location" and sub in ("lat", "lon"):
                    col = sub
                elif name == "provenance":
                    col = sub
                elif sub == "value" and issubclass(inner, m.Quantity):
                    col = name
                else:
                    col = f"{name}_{sub}"
                kind = "amount" if sub == "value" and issubclass(inner, m.Quantity) else _kind(subfield.annotation)
                out.append(Column(col, (name, sub), kind, field.is_required() and subfield.is_required(),
                                  _choices(subfield.annotation), _meaning(col) or f"see {inner.__name__}"))
        else:
            out.append(Column(name, (name,), _kind(field.annotation), field.is_required(),
                              _choices(field.annotation), _meaning(name, field) or f"see {model.__name__}"))
    return out


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


# -- network -> tables --------------------------------------------------------

def network_to_tables(net: m.Network) -> dict[str, list[dict[str, Any]]]:
    """The network as rows per sheet: ``{"streams": [{"id": ..., "observed": 70.0, ...}], ...}``.

    Cells are plain Python values (str, int, float, bool) or ``None`` for empty.
    """
    cols = sheet_columns()
    data = net.model_dump(mode="json")
    tables: dict[str, list[dict[str, Any]]] = {
        "network": [{"field": f, "value": data.get(f)} for f in NETWORK_FIELDS],
        "sources": [{"key": k, **{c: v.get(c) for c in SOURCE_COLUMNS[1:]}} for k, v in data["sources"].items()],
        "process_ratios": [],
        "supported_employees": [],
    }
    for sheet, field, _ in ROW_SHEETS:
        tables[sheet] = [_flatten(row, cols[sheet]) for row in data[field]]
    for p in data["processes"]:
        for side in ("inputs", "outputs"):
            for r, ratio in p[side].items():
                grade = p["output_grades"].get(r) if side == "outputs" else None
                tables["process_ratios"].append({"process": p["id"], "side": side[:-1], "resource": r,
                                                 "ratio": ratio, "grade": grade})
    for link in data["service_links"]:
        for emp in link["supported"]:
            tables["supported_employees"].append({"service_link": link["id"],
                                                  **_flatten(emp, cols["supported_employees"][1:])})
    return {s: tables[s] for s in SHEETS}


def _flatten(row: dict[str, Any], cols: list[Column]) -> dict[str, Any]:
    out = {}
    for c in cols:
        value: Any = row
        for part in c.path:
            value = value.get(part) if isinstance(value, dict) else None
        out[c.name] = ", ".join(value) if c.kind == "names" and value is not None else value
    return out


def write_csv_folder(net: m.Network, folder: str | os.PathLike) -> list[Path]:
    """Write one ``SHEET.csv`` per sheet into ``folder`` (each file atomically)."""
    from symbiosis.io import write_atomic

    folder = Path(folder)
    cols = sheet_columns()
    written = []
    for sheet, rows in network_to_tables(net).items():
        buf = _io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([c.name for c in cols[sheet]])
        for row in rows:
            writer.writerow([_csv_cell(row.get(c.name)) for c in cols[sheet]])
        path = folder / f"{sheet}.csv"
        write_atomic(path, buf.getvalue())
        written.append(path)
    return written


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return str(value)


def workbook(net: m.Network, help_sheet: bool = True):
    """The network as an ``openpyxl.Workbook`` (one sheet per table, plus a ``help`` sheet)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.active)
    cols = sheet_columns()
    for sheet, rows in network_to_tables(net).items():
        ws = wb.create_sheet(sheet)
        ws.append([c.name for c in cols[sheet]])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([row.get(c.name) for c in cols[sheet]])
        ws.freeze_panes = "A2"
        for i, c in enumerate(cols[sheet], start=1):
            letter = ws.cell(1, i).column_letter
            width = max([len(c.name)] + [len(str(r.get(c.name) or "")) for r in rows[:200]])
            ws.column_dimensions[letter].width = min(60, max(8, width + 2))
            if c.choices or c.kind == "bool":  # a drop-down list of the valid values
                listing = ",".join(c.choices or ("true", "false"))
                rule = DataValidation(type="list", formula1=f'"{listing}"', allow_blank=True,
                                      showErrorMessage=True, error=f"one of: {listing}")
                ws.add_data_validation(rule)
                rule.add(f"{letter}2:{letter}{max(len(rows) + 200, 1000)}")
    if help_sheet:
        ws = wb.create_sheet("help")
        ws.append(["sheet", "column", "required", "kind", "valid values", "meaning"])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for sheet, sheet_cols in cols.items():
            for c in sheet_cols:
                ws.append([sheet, c.name, "yes" if c.required else "", _KIND_HELP[c.kind],
                           ", ".join(c.choices), c.meaning])
        for letter, width in zip("ABCDEF", (20, 22, 9, 40, 50, 70), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
    return wb


_KIND_HELP = {"text": "text", "number": "number (decimal point, no thousands separator)",
              "integer": "whole number", "bool": "true or false", "names": "names separated by commas",
              "amount": "number in the resource's unit, or a number with its unit (3.5 Mm3/yr, 80 GWh, 200 kt)"}


def write_workbook(net: m.Network, path: str | os.PathLike, help_sheet: bool = True) -> Path:
    """Write the network as an Excel workbook, atomically."""
    from symbiosis.io import write_atomic

    buf = _io.BytesIO()
    workbook(net, help_sheet).save(buf)
    write_atomic(path, buf.getvalue())
    return Path(path)


# -- tables -> network --------------------------------------------------------

@dataclass
class _Sheet:
    """A sheet as read: its header and its non-empty rows with their row numbers."""

    label: str  # how problems name it: "sheet 'streams'" or "streams.csv"
    header: list[str]
    rows: list[tuple[int, list[Any]]]
    decimal_comma: bool = False  # a semicolon-separated CSV (Danish Excel): 3,5 means 3.5


class _Reader:
    """Turns sheets into a network mapping, collecting every problem with its cell."""

    def __init__(self, sheets: dict[str, _Sheet], file: str):
        self.sheets = sheets
        self.file = file
        self.cols = sheet_columns()
        self.problems: list[tuple[tuple, Problem]] = []
        self.where: dict[str, tuple[str, int, dict[str, str]]] = {}  # field path -> (sheet, row, column map)
        self.missing_columns: set[tuple[str, str]] = set()

    # problems are kept with a sort key: sheet order, row, column order
    def add(self, sheet: str, row: int | None, column: str | None, message: str) -> None:
        label = self.sheets[sheet].label if sheet in self.sheets else f"sheet '{sheet}'"
        where = label + (f" row {row}" if row else "") + (f", column '{column}'" if column else "")
        order = [c.name for c in self.cols.get(sheet, [])]
        key = (SHEETS.index(sheet) if sheet in SHEETS else -1, row or 0,
               order.index(column) if column in order else len(order))
        if (sheet, column) in self.missing_columns and row != 1:
            return  # already said once: the whole column is missing
        if not any(p.path == where for _, p in self.problems):  # one problem per cell
            self.problems.append((key, Problem(where, message)))

    def read(self) -> dict[str, Any]:
        for name in REQUIRED_SHEETS:
            if name not in self.sheets:
                self.problems.append(((-1, 0, 0), Problem(
                    f"sheet '{name}'", f"missing; a network needs the sheets {', '.join(REQUIRED_SHEETS)} "
                    f"(and may have {', '.join(s for s in SHEETS if s not in REQUIRED_SHEETS)})")))
        for name in self.sheets:
            if name not in SHEETS and name != "help":
                self.problems.append(((-1, 0, 0), Problem(
                    self.sheets[name].label, f"unknown sheet; valid sheets: {', '.join(SHEETS)}")))
        data: dict[str, Any] = {}
        for sheet in SHEETS:
            if sheet in self.sheets:
                self._check_header(sheet)
        data.update(self._network())
        data["sources"] = self._sources()
        for sheet, field, _ in ROW_SHEETS:
            data[field] = [self._row(sheet, field, i, num, cells)
                           for i, (num, cells) in enumerate(self._rows(sheet))]
        self._ratios(data)
        self._supported(data)
        return data

    def _check_header(self, sheet: str) -> None:
        header = self.sheets[sheet].header
        names = [c.name for c in self.cols[sheet]]
        for c in self.cols[sheet]:
            if c.required and c.name not in header:
                self.add(sheet, 1, c.name, "missing column; this field is required")
                self.missing_columns.add((sheet, c.name))
        for h in header:
            if h and h not in names:
                self.add(sheet, 1, h, f"unknown column; valid columns: {', '.join(names)}")
            elif h and header.count(h) > 1:
                self.add(sheet, 1, h, "column appears twice; keep one")

    def _rows(self, sheet: str) -> list[tuple[int, dict[str, Any]]]:
        if sheet not in self.sheets:
            return []
        s = self.sheets[sheet]
        return [(num, {h: cells[j] for j, h in enumerate(s.header) if h and j < len(cells)})
                for num, cells in s.rows]

    def _cell(self, sheet: str, num: int, column: Column, raw: Any) -> Any:
        """A cell as the field's type, or the raw text (after a problem is noted)."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            return None
        text = raw.strip() if isinstance(raw, str) else raw
        kind = column.kind
        if kind == "names":
            return tuple(part.strip() for part in str(text).split(",") if part.strip())
        if kind == "text":
            if isinstance(text, float) and text.is_integer():
                return str(int(text))
            return str(text)
        if kind == "bool":
            if isinstance(text, bool):
                return text
            word = str(text).strip().lower()
            if word in ("true", "yes", "y", "1", "x"):
                return True
            if word in ("false", "no", "n", "0", ""):
                return False
            self.add(sheet, num, column.name, f"'{text}' is not true or false")
            return text
        if isinstance(text, bool) or not isinstance(text, int | float | str):
            self.add(sheet, num, column.name, f"{text!r} is not a number")
            return str(text)
        if isinstance(text, str):
            if self.sheets[sheet].decimal_comma and "," in text and "." not in text:
                text = text.replace(",", ".")
            if kind == "amount":
                from symbiosis.units import split_amount

                try:
                    number, unit = split_amount(text)
                except ValueError as exc:
                    self.add(sheet, num, column.name, str(exc))
                    return text
                return text if unit else number
            try:
                text = float(text)
            except ValueError:
                hint = "; use a decimal point and no thousands separator" if "," in text else ""
                self.add(sheet, num, column.name, f"'{text}' is not a number{hint}")
                return raw
        if kind == "integer":
            if float(text).is_integer():
                return int(text)
            self.add(sheet, num, column.name, f"{text:g} is not a whole number")
            return text
        return float(text)

    def _row(self, sheet: str, field: str, index: int, num: int, cells: dict[str, Any]) -> dict[str, Any]:
        row: dict[str, Any] = {}
        colmap = {}
        for c in self.cols[sheet]:
            colmap[".".join(c.path)] = c.name
            value = self._cell(sheet, num, c, cells.get(c.name))
            if value is None:
                continue
            target = row
            for part in c.path[:-1]:
                target = target.setdefault(part, {})
            target[c.path[-1]] = value
        if sheet == "service_links":
            row["supported"] = []
        if sheet == "processes":
            row["inputs"], row["outputs"], row["output_grades"] = {}, {}, {}
        self.where[f"{field}[{index}]"] = (sheet, num, colmap)
        return row

    def _network(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if "network" not in self.sheets:
            return out
        kinds = {"id": "text", "name": "text", "year": "integer", "description": "text"}
        for num, cells in self._rows("network"):
            field = cells.get("field")
            field = field.strip() if isinstance(field, str) else field
            if field not in kinds:
                self.add("network", num, "field", f"unknown field {field!r}; valid: {', '.join(NETWORK_FIELDS)}")
                continue
            value = self._cell("network", num, Column("value", (field,), kinds[field], False), cells.get("value"))
            if value is not None:
                out[field] = value
            self.where[field] = ("network", num, {"": "value"})
        for f in ("id", "name", "year"):
            if f not in out and f not in self.where:
                self.add("network", None, None, f"no row for the network's '{f}'; add a row with field '{f}'")
        return out

    def _sources(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        cols = {c.name: c for c in self.cols["sources"]}
        for num, cells in self._rows("sources"):
            key = self._cell("sources", num, cols["key"], cells.get("key"))
            if not key:
                self.add("sources", num, "key", "missing; each source needs a key (cited as @key)")
                continue
            entry = {c: self._cell("sources", num, cols[c], cells.get(c)) for c in SOURCE_COLUMNS[1:]}
            out[key] = {k: v for k, v in entry.items() if v is not None}
            self.where[f"sources.{key}"] = ("sources", num, {c: c for c in SOURCE_COLUMNS[1:]})
        return out

    def _ratios(self, data: dict[str, Any]) -> None:
        index = {p.get("id"): i for i, p in enumerate(data["processes"])}
        cols = {c.name: c for c in self.cols["process_ratios"]}
        for num, cells in self._rows("process_ratios"):
            vals = {c: self._cell("process_ratios", num, cols[c], cells.get(c)) for c in RATIO_COLUMNS}
            for c in RATIO_COLUMNS:
                if vals[c] is None:
                    self.add("process_ratios", num, c, "missing; every ratio row needs " + ", ".join(RATIO_COLUMNS))
            if any(v is None for v in vals.values()):
                continue
            if vals["process"] not in index:
                self.add("process_ratios", num, "process", f"unknown process '{vals['process']}'; valid: "
                         f"{m._listing({k: None for k in index if isinstance(k, str)})}")
                continue
            if vals["side"] not in ("input", "output"):
                self.add("process_ratios", num, "side", f"'{vals['side']}' is neither input nor output")
                continue
            i = index[vals["process"]]
            side = vals["side"] + "s"
            if vals["resource"] in data["processes"][i][side]:
                self.add("process_ratios", num, "resource", f"a second {vals['side']} ratio of "
                         f"'{vals['resource']}' for process '{vals['process']}'; keep one")
                continue
            grade = self._cell("process_ratios", num, cols["grade"], cells.get("grade"))
            if grade is not None and side == "inputs":
                self.add("process_ratios", num, "grade", f"'{grade}' on an input row: a grade names the quality "
                         "of an output; leave it empty (what a receiver can use is its demand's accepts)")
                continue
            data["processes"][i][side][vals["resource"]] = vals["ratio"]
            self.where[f"processes[{i}].{side}.{vals['resource']}"] = ("process_ratios", num, {"": "ratio"})
            if grade is not None:
                data["processes"][i]["output_grades"][vals["resource"]] = grade
                self.where[f"processes[{i}].output_grades.{vals['resource']}"] = ("process_ratios", num,
                                                                                 {"": "grade"})

    def _supported(self, data: dict[str, Any]) -> None:
        index = {s.get("id"): i for i, s in enumerate(data["service_links"])}
        cols = self.cols["supported_employees"]
        for num, cells in self._rows("supported_employees"):
            link = self._cell("supported_employees", num, cols[0], cells.get("service_link"))
            if link not in index:
                self.add("supported_employees", num, "service_link", f"unknown service link {link!r}; valid: "
                         f"{m._listing({k: None for k in index if isinstance(k, str)})}")
                continue
            row: dict[str, Any] = {}
            for c in cols[1:]:
                value = self._cell("supported_employees", num, c, cells.get(c.name))
                if value is not None:
                    target = row
                    for part in c.path[:-1]:
                        target = target.setdefault(part, {})
                    target[c.path[-1]] = value
            i = index[link]
            j = len(data["service_links"][i]["supported"])
            data["service_links"][i]["supported"].append(row)
            self.where[f"service_links[{i}].supported[{j}]"] = (
                "supported_employees", num, {".".join(c.path): c.name for c in cols[1:]})

    def locate(self, problem: Problem) -> None:
        """Note a problem with a field path (``streams[3].observed.value``) at its cell."""
        path = problem.path
        prefix = path
        while prefix:
            if prefix in self.where:
                sheet, num, colmap = self.where[prefix]
                rest = path[len(prefix):].lstrip(".")
                column = colmap.get(rest)
                if column is None:  # a nested model as a whole (quantity missing): its value column
                    column = colmap.get(f"{rest}.value") or next(
                        (c for p, c in colmap.items() if rest and p.startswith(rest + ".")), None)
                if column is None and rest:
                    column = rest
                self.add(sheet, num, column, problem.message)
                return
            cut = max(prefix.rfind("."), prefix.rfind("["))
            prefix = prefix[:cut] if cut > 0 else ""
        field = path.split("[")[0].split(".")[0]
        sheet = next((s for s, f, _ in ROW_SHEETS if f == field), "network")
        self.add(sheet, None, None, problem.message if not path else f"{path}: {problem.message}")

    def error(self) -> SymbiosisError:
        problems = [p for _, p in sorted(self.problems, key=lambda kp: kp[0])]
        n = len(problems)
        return SymbiosisError(problems, self.file, summary=f"{n} problem{'s' * (n != 1)}; nothing was imported:")


def tables_to_network(sheets: dict[str, _Sheet], file: str) -> m.Network:
    """Validate sheets as a network; every problem at once with sheet, row and column."""
    from pydantic import ValidationError

    from symbiosis.io import pydantic_problems
    from symbiosis.references import raw_reference_problems
    from symbiosis.units import normalise_quantities

    reader = _Reader(sheets, file)
    data = reader.read()
    data, unit_problems = normalise_quantities(data)
    for p in unit_problems:
        reader.locate(p)
    net = None
    try:
        net = m.Network.model_validate(data)
    except ValidationError as exc:
        for p in pydantic_problems(exc, data) + raw_reference_problems(data):
            reader.locate(p)
    except SymbiosisError as exc:
        for p in exc.problems:
            reader.locate(p)
    if reader.problems or net is None:
        raise reader.error()
    return net


def read_csv_folder(folder: str | os.PathLike) -> m.Network:
    """A network from a folder of ``SHEET.csv`` files (as :func:`write_csv_folder` writes them).

    Files are UTF-8 (with or without Excel's byte-order mark). A file whose
    header is separated by semicolons, as Excel saves CSV in a Danish locale,
    is read with ``;`` between cells and a decimal comma (``3,5``).
    """
    folder = Path(folder)
    sheets = {}
    for path in sorted(folder.glob("*.csv")):
        try:
            with path.open(encoding="utf-8-sig", newline="") as fh:
                text = fh.read()
            first = text.split("\n", 1)[0]
            semicolons = first.count(";") > first.count(",")  # as Excel writes CSV in a Danish locale
            rows = list(csv.reader(_io.StringIO(text), delimiter=";" if semicolons else ","))
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise SymbiosisError([Problem(path.name, f"cannot read the file: {exc}")], str(folder)) from None
        sheets[path.stem] = _sheet(f"{path.name}", rows)
        sheets[path.stem].decimal_comma = semicolons
    if not sheets:
        raise SymbiosisError([Problem("", "no CSV files here; a network folder has network.csv, resources.csv, "
                                      "actors.csv, ... (`symbiosis new NAME --format csv` writes a template)")],
                             str(folder))
    return tables_to_network(sheets, str(folder))


def read_workbook(path: str | os.PathLike) -> m.Network:
    """A network from an Excel workbook (as :func:`write_workbook` writes it)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, BadZipFile, KeyError, ValueError) as exc:
        raise SymbiosisError([Problem("", f"cannot read the workbook: {exc}")], str(path)) from None
    sheets = {}
    for ws in wb.worksheets:
        sheets[ws.title] = _sheet(f"sheet '{ws.title}'", [list(r) for r in ws.iter_rows(values_only=True)])
    wb.close()
    return tables_to_network(sheets, str(path))


def _sheet(label: str, rows: list[list[Any]]) -> _Sheet:
    header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else [])]
    body = [(num, cells) for num, cells in enumerate(rows[1:], start=2)
            if any(c is not None and str(c).strip() for c in cells)]
    return _Sheet(label, header, body)


def is_table_path(path: str | os.PathLike) -> bool:
    """Whether ``path`` is an Excel workbook or a folder of CSV files."""
    p = Path(path)
    return p.suffix.lower() in (".xlsx", ".xlsm") or p.is_dir()


def read_tables(path: str | os.PathLike) -> m.Network:
    """A network from a workbook (``.xlsx``) or a CSV folder."""
    p = Path(path)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        if not p.is_file():
            raise SymbiosisError([Problem("", "no such workbook")], str(path))
        return read_workbook(p)
    return read_csv_folder(p)
