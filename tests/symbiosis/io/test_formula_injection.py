"""Names that a spreadsheet would take for a formula are written as text in every export format and read
back as written (issue 23: a service name `=HYPERLINK(...)` became a formula cell in the workbook)."""

from __future__ import annotations

import csv
import zipfile

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.io import load_network
from symbiosis.io.export import FORMATS, LOSSLESS
from tests.conftest import tiny_dict

FORMULAS = ['=HYPERLINK("http://example.org/x";"click")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A2)",
            "'=already quoted", "''two quotes", "'t Hooft", "=1+1", "\tTabbed"]


def _net(tmp_path):
    data = tiny_dict()
    for actor, name in zip(data["actors"], FORMULAS, strict=False):
        actor["name"] = name
    data["resources"][0]["name"] = FORMULAS[5]
    data["resources"][1]["name"] = FORMULAS[6]
    data["name"] = FORMULAS[7]
    data["sources"]["test"]["title"] = FORMULAS[3]
    data["streams"][0]["description"] = FORMULAS[4]
    path = tmp_path / "net.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _export(path, fmt, out):
    r = CliRunner().invoke(main, ["export", str(path), "--to", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    return out


@pytest.mark.parametrize("fmt", FORMATS)
def test_formula_like_names_round_trip_through_every_format(tmp_path, fmt):
    path = _net(tmp_path)
    net = load_network(path)
    assert net.actors[0].name == FORMULAS[0]
    out = _export(path, fmt, tmp_path / ("out" if fmt == "csv" else f"out.{fmt}"))
    if fmt in LOSSLESS:
        r = CliRunner().invoke(main, ["validate", str(out)])
        assert r.exit_code == 0, r.output
        back = load_network(out)
        assert back.model_dump() == net.model_dump()
        assert [a.name for a in back.actors][:3] == FORMULAS[:3]
    else:
        g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(out)
        assert {d["label"] for _, d in g.nodes(data=True)} == {a.name for a in net.actors}


def test_the_workbook_has_no_formula_and_every_text_is_a_string_cell(tmp_path):
    from openpyxl import load_workbook

    out = _export(_net(tmp_path), "xlsx", tmp_path / "out.xlsx")
    with zipfile.ZipFile(out) as z:
        sheets = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/worksheets/")]
    assert sheets and not any("<f>" in s or "<f " in s for s in sheets)  # no formula anywhere
    wb = load_workbook(out)  # not data_only: a formula would show as its text with data_type 'f'
    texts = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert {c.data_type for c in texts} == {"s"}
    hyperlink = [c for c in texts if c.value == FORMULAS[0]]
    assert hyperlink and all(c.quotePrefix for c in hyperlink)  # stays text when edited in Excel


def test_the_csv_folder_puts_a_quote_before_a_formula_and_reads_it_back(tmp_path):
    folder = _export(_net(tmp_path), "csv", tmp_path / "out")
    with (folder / "actors.csv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    names = [r["name"] for r in rows]
    assert names == ["'" + n for n in FORMULAS[:len(names)]]
    cells = [c for p in folder.glob("*.csv") for row in csv.reader(p.open(encoding="utf-8", newline=""))
             for c in row]
    assert not [c for c in cells if c[:1] in ("=", "+", "@")]  # what a spreadsheet would run
    assert [c for c in cells if c.startswith("-")] == []  # negative numbers are numbers: none in tiny's text
    assert load_network(folder).actors[0].name == FORMULAS[0]
