"""Bad CSV folders and Excel workbooks: every one exits 2 naming its sheet, row and column, nothing written."""

from __future__ import annotations

import datetime
import zipfile
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest

from symbiosis.io import network_from_dict
from tests.adversarial.harness import Case, check, tiny

NET = network_from_dict(tiny(), "tiny.yaml")


def csv_folder(change: Callable[[Path], None]) -> Callable[[Path], None]:
    """A setup writing the tiny network as the CSV folder ``net/``, then changing it."""
    def setup(folder: Path) -> None:
        from symbiosis.io.tables import write_csv_folder

        write_csv_folder(NET, folder / "net")
        change(folder / "net")
    return setup


def edit(sheet: str, old: str, new: str) -> Callable[[Path], None]:
    def change(net: Path) -> None:
        path = net / f"{sheet}.csv"
        text = path.read_text(encoding="utf-8")
        assert old in text, (sheet, old)
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return change


@cache
def _tiny_workbook() -> bytes:
    """The tiny network as ``write_workbook`` writes it: written once for all the cases (a third of a second
    each time), then copied."""
    import tempfile

    from symbiosis.io.tables import write_workbook

    with tempfile.TemporaryDirectory() as folder:
        return write_workbook(NET, Path(folder) / "net.xlsx").read_bytes()


def workbook(change: Callable) -> Callable[[Path], None]:
    """A setup writing the tiny network as ``net.xlsx``, changed by ``change(workbook)``."""
    def setup(folder: Path) -> None:
        import openpyxl

        (folder / "net.xlsx").write_bytes(_tiny_workbook())
        wb = openpyxl.load_workbook(folder / "net.xlsx")
        change(wb)
        wb.save(folder / "net.xlsx")
    return setup


def cell(sheet: str, column: str, row: int, value) -> Callable:
    def change(wb) -> None:
        ws = wb[sheet]
        ws.cell(row, [c.value for c in ws[1]].index(column) + 1).value = value
    return change


def raw(content: bytes) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        (folder / "net.xlsx").write_bytes(content)
    return setup


def _zip_without_a_workbook(folder: Path) -> None:
    with zipfile.ZipFile(folder / "net.xlsx", "w") as z:
        z.writestr("hello.txt", "not a workbook")


CSV = ("validate", "net")
XLSX = ("simulate", "net.xlsx", "-o", "out")
CASES = {
    "csv-missing-sheet": Case(CSV, ("sheet 'actors'", "missing"), csv_folder(lambda n: (n / "actors.csv").unlink())),
    "csv-unknown-column": Case(CSV, ("actors.csv row 1, column 'idd'", "unknown column"),
                               csv_folder(edit("actors", "id,", "idd,"))),
    "csv-text-for-a-number": Case(CSV, ("supplies.csv row 2, column 'quantity'", "'abc' is not a number"),
                                  csv_folder(edit("supplies", "100.0", "abc"))),
    "csv-nan": Case(CSV, ("supplies.csv row 2, column 'quantity'", "'nan'"),
                    csv_folder(edit("supplies", "100.0", "nan"))),
    "csv-inf": Case(CSV, ("supplies.csv row 2, column 'quantity'", "'inf'"),
                    csv_folder(edit("supplies", "100.0", "inf"))),
    "csv-1e308": Case(CSV, ("supplies.csv row 2, column 'quantity'", "larger than any real number"),
                      csv_folder(edit("supplies", "100.0", "1e308"))),
    "csv-true-for-a-number": Case(CSV, ("supplies.csv row 2, column 'quantity'", "'true'"),
                                  csv_folder(edit("supplies", "100.0", "true"))),
    "csv-column-twice": Case(CSV, ("actors.csv row 1, column 'id'", "column appears twice"),
                             csv_folder(edit("actors", "id,", "id,id,"))),
    "csv-not-utf8": Case(CSV, ("actors.csv", "cannot read the file"),
                         csv_folder(lambda n: (n / "actors.csv").write_bytes(b"id,name\n\xf8\xff,x\n"))),
    "csv-empty-sheet": Case(CSV, ("actors.csv row 1, column 'id'", "missing column"),
                            csv_folder(lambda n: (n / "actors.csv").write_text(""))),
    "csv-year-text": Case(CSV, ("network.csv row 4, column 'value'", "'20x0' is not a number"),
                          csv_folder(edit("network", "2020", "20x0"))),
    "csv-year-400-digits": Case(CSV, ("network.csv row 4, column 'value'", "is not a finite number"),
                                csv_folder(edit("network", "2020", "9" * 400))),
    "csv-unknown-actor": Case(CSV, ("streams.csv row 2, column 'receiver'", "unknown actor 'farmacy'"),
                              csv_folder(edit("streams", ",plant,pharma,", ",plant,farmacy,"))),
    "csv-empty-folder": Case(CSV, ("net", "no CSV files here"), lambda d: (d / "net").mkdir()),
    "xlsx-date-for-a-number": Case(XLSX, ("sheet 'supplies' row 2, column 'quantity'", "2020-01-01 (a date)"),
                                   workbook(cell("supplies", "quantity", 2, datetime.datetime(2020, 1, 1)))),
    "xlsx-time-for-a-number": Case(XLSX, ("sheet 'supplies' row 2, column 'quantity'", "(a time)"),
                                   workbook(cell("supplies", "quantity", 2, datetime.time(3, 4)))),
    "xlsx-text-for-a-number": Case(XLSX, ("sheet 'supplies' row 2, column 'quantity'", "'lots'"),
                                   workbook(cell("supplies", "quantity", 2, "lots"))),
    "xlsx-yes-no-for-a-number": Case(XLSX, ("sheet 'supplies' row 2, column 'quantity'", "true (a yes/no)"),
                                     workbook(cell("supplies", "quantity", 2, True))),
    "xlsx-1e308": Case(XLSX, ("sheet 'supplies' row 2, column 'quantity'", "larger than any real number"),
                       workbook(cell("supplies", "quantity", 2, 1e308))),
    "xlsx-fraction-of-a-year": Case(XLSX, ("sheet 'streams' row 2, column 'start'", "1982.5 is not a whole number"),
                                    workbook(cell("streams", "start", 2, 1982.5))),
    "xlsx-formula-without-a-value": Case(XLSX, ("sheet 'supplies' row 2, column 'quantity'",),
                                         workbook(cell("supplies", "quantity", 2, "=1/0"))),
    "xlsx-notes-sheet-and-a-mistake": Case(XLSX, ("sheet 'actors' row 2, column 'kind'", "spaceship"), workbook(
        lambda wb: (wb.create_sheet("Notes").append(["a remark"]), cell("actors", "kind", 2, "spaceship")(wb)))),
    "csv-quoted-formula-for-a-number": Case(CSV, ("supplies.csv row 2, column 'quantity'", "'=1+1'"),
                                            csv_folder(edit("supplies", "100.0", "'=1+1"))),
    "xlsx-missing-sheet": Case(XLSX, ("sheet 'actors'", "missing"), workbook(lambda wb: wb.remove(wb["actors"]))),
    "xlsx-unknown-kind": Case(XLSX, ("sheet 'actors' row 2, column 'kind'",),
                              workbook(cell("actors", "kind", 2, "spaceship"))),
    "xlsx-negative-capacity": Case(XLSX, ("sheet 'streams' row 2, column 'capacity'",),
                                   workbook(cell("streams", "capacity", 2, -90))),
    "xlsx-not-a-zip": Case(XLSX, ("net.xlsx", "cannot read the workbook"), raw(b"hello")),
    "xlsx-empty-file": Case(XLSX, ("net.xlsx", "cannot read the workbook"), raw(b"")),
    "xlsx-zip-without-a-workbook": Case(XLSX, ("net.xlsx", "cannot read the workbook"), _zip_without_a_workbook),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_table(name, tmp_path, monkeypatch):
    check(CASES[name], tmp_path, monkeypatch)
