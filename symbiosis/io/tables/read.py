"""A network read from tables: a folder of CSV files or an Excel workbook (see :mod:`.layout`).

Every cell is checked before anything is imported: each mistake is reported
with its sheet, row and column, all of them at once, and the network is
returned only if there are none.
"""

from __future__ import annotations

import csv
import io as _io
import os
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from symbiosis import model as m
from symbiosis.errors import FileError, Mistake, Note, SymbiosisError, bad_field
from symbiosis.io.documents import describe_value, pydantic_problems
from symbiosis.io.names import is_table_path
from symbiosis.io.tables.cells import csv_text, read_cell
from symbiosis.io.tables.layout import (
    NETWORK_FIELDS,
    RATIO_COLUMNS,
    REQUIRED_SHEETS,
    ROW_SHEETS,
    SHEETS,
    SOURCE_COLUMNS,
    Column,
    sheet_columns,
)
from symbiosis.model.base import listing
from symbiosis.model.references import raw_reference_problems
from symbiosis.model.units import normalise_quantities, split_amount

__all__ = ["is_table_path", "read_csv_folder", "read_tables", "read_workbook", "tables_to_network"]

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
        self.problems: list[tuple[tuple, Mistake]] = []
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
            self.problems.append((key, Mistake(where, message)))

    def read(self) -> dict[str, Any]:
        for name in REQUIRED_SHEETS:
            if name not in self.sheets:
                self.problems.append(((-1, 0, 0), Mistake(
                    f"sheet '{name}'", f"missing; a network needs the sheets {', '.join(REQUIRED_SHEETS)} "
                    f"(and may have {', '.join(s for s in SHEETS if s not in REQUIRED_SHEETS)})")))
        self.ignored = [self.sheets[n].label for n in self.sheets if n not in SHEETS and n != "help"]
        data: dict[str, Any] = {}
        for sheet in SHEETS:
            if sheet in self.sheets:
                self._check_header(sheet)
        data.update(self._network())
        data["sources"] = self._sources()
        for sheet, field, _ in ROW_SHEETS:
            if sheet in REQUIRED_SHEETS and (sheet not in self.sheets or (sheet, "id") in self.missing_columns):
                continue  # said once; an empty table would make every reference to it a mistake too
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
        if kind in ("names", "range", "mapping"):
            try:
                return read_cell(kind, str(text), self.sheets[sheet].decimal_comma)
            except ValueError as exc:
                self.add(sheet, num, column.name, str(exc))
                return text
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
            self.add(sheet, num, column.name, f"{describe_value(text)} is not a number; write a number in the cell")
            return None  # said once, here: not read again as text ('2020-01-01 00:00:00' as 2020 of unit '-01-01')
        if isinstance(text, str):
            if self.sheets[sheet].decimal_comma and "," in text and "." not in text:
                text = text.replace(",", ".")
            if kind == "amount":
                try:
                    number, unit = split_amount(text)
                except ValueError as exc:
                    self.add(sheet, num, column.name, str(exc))
                    return text
                return text if unit else number
            try:
                text = float(written := text)
            except ValueError:
                hint = "; use a decimal point and no thousands separator" if "," in written else ""
                self.add(sheet, num, column.name, f"'{written}' is not a number{hint}")
                return raw
        if text != text or text in (float("inf"), float("-inf")):
            self.add(sheet, num, column.name, f"{describe_value(raw)} is not a finite number")
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
        kinds = dict.fromkeys(NETWORK_FIELDS, "text") | {"year": "integer", "price_year": "integer"}
        for num, cells in self._rows("network"):
            field = cells.get("field")
            field = field.strip() if isinstance(field, str) else field
            if field not in kinds:
                self.add("network", num, "field", f"unknown field {field!r}; valid: {', '.join(NETWORK_FIELDS)}")
                continue
            value = self._cell("network", num, Column("value", (field,), kinds[field], False), cells.get("value"))
            if value is not None:
                out[field] = [p.strip() for p in str(value).split(",") if p.strip()] if field == "packs" else value
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
                         f"{listing({k: None for k in index if isinstance(k, str)})}")
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
                         f"{listing({k: None for k in index if isinstance(k, str)})}")
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

    def locate(self, problem: Mistake) -> None:
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
        return FileError(problems, self.file, summary=f"{n} problem{'s' * (n != 1)}; nothing was imported:")


def tables_to_network(sheets: dict[str, _Sheet], file: str) -> m.Network:
    """Validate sheets as a network; every problem at once with sheet, row and column."""
    from pydantic import ValidationError

    reader = _Reader(sheets, file)
    data = reader.read()
    data, unit_problems = normalise_quantities(data)
    for p in unit_problems:
        reader.locate(p)
    net = None
    try:
        net = m.Network.model_validate(data)
    except ValidationError as exc:
        skipped = {f for s, f, _ in ROW_SHEETS if s in REQUIRED_SHEETS and f not in data}  # said as a sheet's
        for p in pydantic_problems(exc, data) + raw_reference_problems(data):  # (no reference to a skipped table)
            if p.path not in skipped:
                reader.locate(p)
    except SymbiosisError as exc:
        for p in exc.problems:
            reader.locate(p)
    if reader.problems or net is None:
        raise reader.error()
    if reader.ignored:  # a Notes sheet, as people keep: read the known sheets, say what was left unread
        warnings.warn(f"{file}: {', '.join(reader.ignored)} not read: not part of a network", Note, stacklevel=3)
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
            reader = csv.reader(_io.StringIO(text), delimiter=";" if semicolons else ",")
            rows = [[csv_text(c) for c in r] for r in reader]  # a ' put before a formula's first character comes off
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise bad_field(path.name, f"cannot read the file: {exc}", str(folder)) from None
        sheets[path.stem] = _sheet(f"{path.name}", rows)
        sheets[path.stem].decimal_comma = semicolons
    if not sheets:
        raise bad_field("", "no CSV files here; a network folder has network.csv, resources.csv, "
                        "actors.csv, ... (`symbiosis new NAME --format csv` writes a template)", str(folder))
    return tables_to_network(sheets, str(folder))


def read_workbook(path: str | os.PathLike) -> m.Network:
    """A network from an Excel workbook (as :func:`write_workbook` writes it)."""
    from zipfile import BadZipFile

    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, BadZipFile, KeyError, ValueError) as exc:
        raise bad_field("", f"cannot read the workbook: {exc}", str(path)) from None
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


def read_tables(path: str | os.PathLike) -> m.Network:
    """A network from a workbook (``.xlsx``) or a CSV folder."""
    p = Path(path)
    if p.suffix.lower() in (".xlsx", ".xlsm"):
        if not p.is_file():
            raise bad_field("", "no such workbook", str(path))
        return read_workbook(p)
    return read_csv_folder(p)
