"""A network written as tables: one CSV file per sheet, or an Excel workbook (see :mod:`.layout`).

Text is written as text, never as a formula (a name such as
``=HYPERLINK("http://...";"click")`` comes from another party's file): in a
workbook every text cell is a string cell (``t="inlineStr"``) with Excel's
quote prefix, so Excel neither runs it nor turns it into a formula when the
cell is edited, and it reads back as written. In a CSV folder, following
OWASP's advice on CSV injection, a text that starts with ``=``, ``+``, ``-``,
``@``, a tab or a carriage return (or with ``'``, so the rule can be undone)
gets one leading ``'``; reading the folder back takes it off again
(:func:`symbiosis.io.tables.cells.csv_text`), so the folder stays lossless.
"""

from __future__ import annotations

import csv
import io as _io
import os
from pathlib import Path
from typing import Any

from symbiosis import model as m
from symbiosis.io.atomic import write_atomic, write_together
from symbiosis.io.tables.cells import FORMULA_STARTS, cell_text, csv_safe
from symbiosis.io.tables.layout import (
    NETWORK_FIELDS,
    ROW_SHEETS,
    SHEETS,
    SOURCE_COLUMNS,
    Column,
    sheet_columns,
)

__all__ = ["network_to_tables", "workbook", "write_csv_folder", "write_workbook"]

# -- network -> tables --------------------------------------------------------

def network_to_tables(net: m.Network) -> dict[str, list[dict[str, Any]]]:
    """The network as rows per sheet: ``{"streams": [{"id": ..., "observed": 70.0, ...}], ...}``.

    Cells are plain Python values (str, int, float, bool) or ``None`` for empty.
    """
    cols = sheet_columns()
    data = net.model_dump(mode="json")
    tables: dict[str, list[dict[str, Any]]] = {
        "network": [{"field": f, "value": ", ".join(data[f]) if f == "packs" else data.get(f)} for f in NETWORK_FIELDS
                    if f != "packs" or data.get(f)],
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
        out[c.name] = cell_text(value, c.kind) if value is not None else None
    return out


def write_csv_folder(net: m.Network, folder: str | os.PathLike) -> list[Path]:
    """Write one ``SHEET.csv`` per sheet into ``folder``, all together (see :func:`symbiosis.io.write_together`)."""
    folder = Path(folder)
    cols = sheet_columns()
    files = {}
    for sheet, rows in network_to_tables(net).items():
        buf = _io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow([c.name for c in cols[sheet]])
        for row in rows:
            writer.writerow([_csv_cell(row.get(c.name)) for c in cols[sheet]])
        files[folder / f"{sheet}.csv"] = buf.getvalue()
    return write_together(files)


def _csv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return repr(value)
    return csv_safe(value) if isinstance(value, str) else str(value)


def workbook(net: m.Network, help_sheet: bool = True):
    """The network as an ``openpyxl.Workbook`` (one sheet per table, plus a ``help`` sheet)."""
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    wb.remove(wb.worksheets[0])  # the empty sheet a new workbook starts with
    cols = sheet_columns()
    for sheet, rows in network_to_tables(net).items():
        ws = wb.create_sheet(sheet)
        ws.append([c.name for c in cols[sheet]])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in rows:
            ws.append([row.get(c.name) for c in cols[sheet]])
            _as_text(ws[ws.max_row])
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
                _as_text(ws[ws.max_row])
        for letter, width in zip("ABCDEF", (20, 22, 9, 40, 50, 70), strict=True):
            ws.column_dimensions[letter].width = width
        ws.freeze_panes = "A2"
    return wb


def _as_text(cells) -> None:
    """Every text of a worksheet row as a string cell: openpyxl would make ``=...`` a formula."""
    for cell in cells:
        if isinstance(cell.value, str):
            cell.data_type = "s"
            if cell.value[:1] in FORMULA_STARTS:
                cell.quotePrefix = True  # Excel keeps it text when the cell is edited


_KIND_HELP = {"text": "text", "number": "number (decimal point, no thousands separator)",
              "integer": "whole number", "bool": "true or false", "names": "names separated by commas",
              "range": "low to high (4000 to 7020)", "mapping": "name=number pairs separated by ';' (N=0.12; S=0.26)",
              "amount": "number in the resource's unit, or a number with its unit (3.5 Mm3/yr, 80 GWh, 200 kt)"}


def write_workbook(net: m.Network, path: str | os.PathLike, help_sheet: bool = True) -> Path:
    """Write the network as an Excel workbook, atomically."""
    buf = _io.BytesIO()
    workbook(net, help_sheet).save(buf)
    write_atomic(path, buf.getvalue())
    return Path(path)
