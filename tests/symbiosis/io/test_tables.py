"""Networks as CSV folders and Excel workbooks: lossless round trips, every mistake at once."""


import openpyxl
import pytest

from symbiosis.errors import SymbiosisError
from symbiosis.io import load_network
from symbiosis.io.tables import read_tables, sheet_columns, write_csv_folder, write_workbook
from tests.paths import FIXTURES

TINY = FIXTURES / "tiny.yaml"


# Round trips of every bundled network through csv and xlsx: tests/test_export.py.


def test_csv_columns_flatten_nested_values(tmp_path):
    write_csv_folder(load_network(TINY), tmp_path)
    lines = (tmp_path / "streams.csv").read_text().splitlines()
    header = lines[0].split(",")
    row = dict(zip(header, lines[1].split(","), strict=True))
    assert row["id"] == "steam-to-pharma"
    assert row["observed"] == "70.0" and row["capacity"] == "90.0"
    assert row["observed_source"] == "'@test"  # a spreadsheet would take @test for a formula (OWASP)
    actors = (tmp_path / "actors.csv").read_text().splitlines()
    assert actors[0].startswith("id,name,name_da,kind,member,lat,lon,location_source")


def test_quantity_cells_with_units_convert(tmp_path):
    net = load_network(TINY)
    write_workbook(net, tmp_path / "n.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "n.xlsx")
    ws = wb["streams"]
    col = [c.value for c in ws[1]].index("observed") + 1
    ws.cell(2, col).value = "0.07 kt"                  # 70 t
    wb.save(tmp_path / "units.xlsx")
    back = read_tables(tmp_path / "units.xlsx")
    assert back.streams[0].observed.value == pytest.approx(70)
    assert back.streams[0].observed.unit == "t"


def _set(ws, row: int, column: str, value) -> None:
    ws.cell(row, [c.value for c in ws[1]].index(column) + 1).value = value


def test_workbook_with_mistakes_reports_every_one_and_imports_nothing(tmp_path):
    write_workbook(load_network(TINY), tmp_path / "n.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "n.xlsx")
    wb["demands"].delete_cols([c.value for c in wb["demands"][1]].index("quantity_basis") + 1)  # missing column
    _set(wb["streams"], 2, "observed", "lots")          # text in a number column
    _set(wb["streams"], 3, "transport_cost", "ten")     # text in another number column
    _set(wb["supplies"], 2, "quantity_unit", "zorks")   # a unit that does not parse
    _set(wb["streams"], 3, "receiver", "nobody")        # an unknown actor
    _set(wb["actors"], 3, "lat", "55,67")               # a decimal comma
    wb.save(tmp_path / "bad.xlsx")
    with pytest.raises(SymbiosisError) as err:
        load_network(tmp_path / "bad.xlsx")
    where = {p.path: p.message for p in err.value.problems}
    assert list(where) == [
        "sheet 'actors' row 3, column 'lat'",
        "sheet 'supplies' row 2, column 'quantity_unit'",
        "sheet 'demands' row 1, column 'quantity_basis'",
        "sheet 'streams' row 2, column 'observed'",
        "sheet 'streams' row 3, column 'receiver'",
        "sheet 'streams' row 3, column 'transport_cost'",
    ]
    assert "decimal point" in where["sheet 'actors' row 3, column 'lat'"]
    assert "'zorks' is not a unit" in where["sheet 'supplies' row 2, column 'quantity_unit'"]
    assert "missing column" in where["sheet 'demands' row 1, column 'quantity_basis'"]
    assert "'lots' is not a number" in where["sheet 'streams' row 2, column 'observed'"]
    assert "unknown actor 'nobody'; valid: plant, pharma, boards" in where["sheet 'streams' row 3, column 'receiver'"]
    assert "6 problems; nothing was imported" in str(err.value)
    assert str(tmp_path / "bad.xlsx") in str(err.value)


def test_csv_folder_mistakes_name_file_row_and_column(tmp_path):
    write_csv_folder(load_network(TINY), tmp_path)
    streams = (tmp_path / "streams.csv").read_text().replace("plant,boards", "plant,nobody")
    (tmp_path / "streams.csv").write_text(streams)
    (tmp_path / "actors.csv").write_text((tmp_path / "actors.csv").read_text().replace(",utility,", ",utilty,"))
    (tmp_path / "extra.csv").write_text("a,b\n1,2\n")
    with pytest.raises(SymbiosisError) as err:
        read_tables(tmp_path)
    paths = [p.path for p in err.value.problems]
    assert paths == ["actors.csv row 2, column 'kind'", "streams.csv row 3, column 'receiver'"]  # extra.csv: not read
    assert "'utilty'" in err.value.problems[0].message


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_notes_sheet_is_left_unread_with_a_note(tmp_path, fmt):
    """Issue 23: a workbook with a Notes sheet (as people keep) was refused; the known sheets are read."""
    from click.testing import CliRunner

    from symbiosis.cli import main
    from symbiosis.errors import Note

    net = load_network(TINY)
    if fmt == "xlsx":
        path = write_workbook(net, tmp_path / "n.xlsx")
        wb = openpyxl.load_workbook(path)
        wb.create_sheet("Notes").append(["call Anna about the steam price"])
        wb.create_sheet("Sheet1")
        wb.save(path)
        names = "sheet 'Notes', sheet 'Sheet1'"
    else:
        path = tmp_path / "n"
        write_csv_folder(net, path)
        (path / "notes.csv").write_text("remark\ncall Anna\n")
        names = "notes.csv"
    with pytest.warns(Note, match=f"{names} not read: not part of a network"):
        assert read_tables(path).model_dump() == net.model_dump()
    r = CliRunner().invoke(main, ["validate", str(path)])
    assert r.exit_code == 0, r.output
    assert f"note: {path}: {names} not read" in r.stderr and "valid" in r.stdout


def test_missing_required_sheet_and_process_ratios(tmp_path):
    write_csv_folder(load_network(TINY), tmp_path)
    (tmp_path / "actors.csv").unlink()
    (tmp_path / "process_ratios.csv").write_text("process,side,resource,ratio\nbiogas,input,steam,1\n")
    with pytest.raises(SymbiosisError) as err:
        read_tables(tmp_path)
    messages = [p.render() for p in err.value.problems]
    assert messages[0].startswith("sheet 'actors': missing")
    assert any("process_ratios.csv row 2, column 'process': unknown process 'biogas'" in m for m in messages)


def test_every_model_field_has_a_column():
    cols = sheet_columns()
    names = {c.name for c in cols["streams"]}
    from symbiosis.model import Stream

    for field in Stream.model_fields:  # a nested value (a contract) has columns named after it
        if field == "provenance":  # the provenance of a plain number: columns named after the number
            assert {f"{n}_source" for n in Stream.model_fields["provenance"].annotation.__args__[0].__args__} <= names
            continue
        assert field in names or any(n.startswith(field + "_") for n in names), field
    assert {"contract_kind", "contract_until", "contract_minimum", "contract_source", "observed_based_on",
            "observed_range", "distance_km_source", "loss_method", "payment_per_unit", "payment_payer"} <= names
    assert {"lat", "lon", "location_source", "employees", "employees_unit"} <= {c.name for c in cols["actors"]}


def test_cli_validate_lists_every_cell_problem_and_exits_2(tmp_path):
    from click.testing import CliRunner

    from symbiosis.cli import main

    write_workbook(load_network(TINY), tmp_path / "n.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "n.xlsx")
    _set(wb["streams"], 2, "capacity", "80 GWh")       # energy for a resource in t
    _set(wb["demands"], 2, "actor", "farma")           # an unknown actor
    wb.save(tmp_path / "n.xlsx")
    result = CliRunner().invoke(main, ["validate", str(tmp_path / "n.xlsx")])
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert lines[0] == f"{tmp_path / 'n.xlsx'}: 3 problems"
    assert "sheet 'demands' row 2, column 'actor': unknown actor 'farma'" in lines[1]
    # a consequence, and true: with the demand row on 'farma', pharma needs no steam
    assert "sheet 'streams' row 2, column 'receiver': 'pharma' has no demand" in lines[2]
    assert "sheet 'streams' row 2, column 'capacity': '80 GWh' is an energy" in lines[3]
    assert "Traceback" not in result.output


def test_processes_and_supported_employees_round_trip(tmp_path):
    """Child sheets (process_ratios, supported_employees) keep order and values."""
    import yaml

    from symbiosis.io import network_from_dict

    d = yaml.safe_load(TINY.read_text())
    d["resources"].append({"id": "biogas", "name": "Biogas", "unit": "m3", "category": "fuel"})
    d["actors"].append({"id": "social", "name": "Social café", "kind": "social_enterprise",
                        "location": {"lat": 55.6, "lon": 11.0, "source": "@test", "basis": "published"}})
    d["processes"] = [{"id": "digester", "actor": "plant", "name": "Digester", "activity_unit": "t steam",
                       "inputs": {"steam": 1.0}, "outputs": {"biogas": 80.5, "gypsum": 0.25},
                       "capacity": {"value": 10, "source": "@test", "basis": "published"},
                       "ratios": {"source": "@test", "basis": "estimated", "method": "typical yields"}}]
    d["service_links"] = [{"id": "canteen", "provider": "social", "client": "pharma", "service": "canteen",
                           "annual_value": {"value": "0.5 MDKK", "source": "@test", "basis": "published"},
                           "supported": [{"scheme": "fleksjob", "persons": 2, "fte": 1.5,
                                          "provenance": {"source": "@test", "basis": "published"}},
                                         {"scheme": "småjob", "persons": 1,
                                          "provenance": {"source": "@test", "basis": "estimated", "method": "m"}}],
                           "provenance": {"source": "@test", "basis": "published"}}]
    net = network_from_dict(d)
    assert net.service_links[0].annual_value.value == 500_000
    for fmt in ("csv", "xlsx"):
        target = tmp_path / ("t" if fmt == "csv" else "t.xlsx")
        (write_csv_folder if fmt == "csv" else write_workbook)(net, target)
        back = read_tables(target)
        assert back.model_dump() == net.model_dump()
        assert [e.scheme for e in back.service_links[0].supported] == ["fleksjob", "småjob"]
        assert back.processes[0].outputs == {"biogas": 80.5, "gypsum": 0.25}


def test_semicolon_csv_with_decimal_commas_as_danish_excel_saves_it(tmp_path):
    net = load_network(TINY)
    write_csv_folder(net, tmp_path)
    streams = (tmp_path / "streams.csv").read_text().splitlines()
    rows = [line.split(",") for line in streams]
    col = rows[0].index("observed")
    rows[1][col] = "70,5"                                   # Danish decimal comma
    (tmp_path / "streams.csv").write_text("\ufeff" + "\n".join(";".join(r) for r in rows) + "\n",
                                          encoding="utf-8")
    back = read_tables(tmp_path)
    assert back.streams[0].observed.value == 70.5
    assert back.model_dump()["actors"] == net.model_dump()["actors"]


def test_workbook_offers_valid_values_and_explains_every_column(tmp_path):
    write_workbook(load_network(TINY), tmp_path / "n.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "n.xlsx")
    rules = {str(r.sqref).split(":")[0].rstrip("0123456789"): r.formula1
             for r in wb["actors"].data_validations.dataValidation}
    kind_col = openpyxl.utils.get_column_letter([c.value for c in wb["actors"][1]].index("kind") + 1)
    assert rules[kind_col] == '"industry,utility,municipality,social_enterprise,agriculture,external,nature"'
    help_rows = {(r[0], r[1]): r for r in wb["help"].iter_rows(min_row=2, values_only=True)}
    assert help_rows[("streams", "status")][4] == "active, historic, candidate"
    assert help_rows[("streams", "transport_cost")][5] == "DKK per unit sent"
    assert help_rows[("supplies", "quantity")][2] == "yes"
    assert all(row[5] for row in help_rows.values()), [k for k, r in help_rows.items() if not r[5]]


def test_every_part_of_the_model_has_a_place_in_the_tables():
    """A list or mapping added to a model must get a sheet, or a round trip would drop it."""
    import typing

    from symbiosis.io.tables import CHILD_SHEETS, ROW_SHEETS, SHEETS, columns
    from symbiosis.io.tables.layout import _unwrap
    from symbiosis.model import Network

    def origin(field):
        return typing.get_origin(_unwrap(field.annotation)[0])

    lists = {f for f, fi in Network.model_fields.items() if origin(fi) in (list, tuple)}
    from symbiosis.io.tables.layout import NETWORK_FIELDS

    assert "packs" in NETWORK_FIELDS  # a list of names: one comma-separated row of the network sheet
    assert lists - {"packs"} == {field for _, field, _ in ROW_SHEETS}
    handled = {("Process", "inputs"), ("Process", "outputs"), ("Process", "output_grades"),
               ("ServiceLink", "supported"), ("Stream", "provenance")}  # columns distance_km_source...
    for sheet, _, model in ROW_SHEETS:
        nested = {(model.__name__, f) for f, fi in model.model_fields.items()
                  if origin(fi) in (list, tuple, dict) and f not in {c.name for c in columns(model)}}
        assert nested <= handled, f"{sheet}: {nested - handled} has no sheet; add a child sheet in tables.py"
    assert set(CHILD_SHEETS.values()) <= set(SHEETS)


def test_a_missing_table_or_a_date_cell_is_one_mistake_not_many(tmp_path):
    import datetime

    import openpyxl

    from symbiosis.io.tables import read_tables, write_workbook

    net = load_network(TINY)
    write_workbook(net, tmp_path / "base.xlsx")
    wb = openpyxl.load_workbook(tmp_path / "base.xlsx")
    wb.remove(wb["actors"])
    wb.save(tmp_path / "no-actors.xlsx")
    with pytest.raises(SymbiosisError) as info:
        read_tables(tmp_path / "no-actors.xlsx")
    assert [p.path for p in info.value.problems] == ["sheet 'actors'"]
    wb = openpyxl.load_workbook(tmp_path / "base.xlsx")
    ws = wb["supplies"]
    ws.cell(2, [c.value for c in ws[1]].index("quantity") + 1).value = datetime.datetime(2020, 1, 1)
    wb.save(tmp_path / "date.xlsx")
    with pytest.raises(SymbiosisError) as info:
        read_tables(tmp_path / "date.xlsx")
    [p] = info.value.problems
    assert p.path == "sheet 'supplies' row 2, column 'quantity'" and p.message.startswith("2020-01-01 (a date) is not")
