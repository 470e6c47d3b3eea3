"""Output conventions of the human output of the main commands: no scientific notation, no internal indicator
keys, and a unit for every number (in its column's heading, in the cell, or in a unit column)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from symbiosis.accounting.indicators import INDICATORS
from symbiosis.cli import main
from tests.paths import EXAMPLES

SCIENTIFIC = re.compile(r"\b\d+(\.\d+)?[eE][+-]?\d+\b")
RAW_KEYS = re.compile(r"\b(" + "|".join(i.key for i in INDICATORS) + r")\b|\b(virgin_avoided|diverted|"
                      r"nutrient_avoided):")
BARE = re.compile(r"^[-+]?\d[\d,]*(\.\d+)?$")  # a number with nothing after it (a share ends in %)
UNIT = re.compile(r"\((?!.*\bscope\b)[^)]*\)|DKK|\bt\b|MWh|m3|%|\bpersons?\b|\bFTE\b|\bh\b|/yr|count|\bshare\b")
#: Headings of columns that count or name things, where the number is its own unit.
COUNTS = {"rank", "year", "samples", "seed", "id", "run", "points", "point", "#", "n", "since", "lat", "lon"}
TRANSITION, EXPANSION = str(EXAMPLES / "transition-2000-today.yaml"), str(EXAMPLES / "novo-nordisk-expansion.yaml")

COMMANDS = [["show", "kalundborg"], ["simulate"], ["simulate", TRANSITION, "--no-store"],
            ["simulate", EXPANSION, "--samples", "4", "--no-store"], ["score"], ["prices"],
            ["stress", "--by", "stream"], ["metrics"], ["pareto", EXPANSION, "--points", "3"], ["factors"],
            ["runs", "list"], ["runs", "show", "1"], ["runs", "compare", "1", "2"]]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("store") / "runs.sqlite"
    for args in ([TRANSITION], [EXPANSION, "--samples", "3"]):
        assert CliRunner().invoke(main, ["simulate", *args, "--store", str(path)]).exit_code == 0
    return path


def printed_tables(monkeypatch) -> list:
    """Every rich table the command prints, as (title, headings, rows of plain cells)."""
    from rich.table import Table
    from rich.text import Text

    import symbiosis.present.console as con

    made = con.console
    tables: list = []

    def recording():
        c = made()
        plain_print = c.print

        def record(*objects, **options):
            for t in objects:
                if isinstance(t, Table):
                    cols = [[Text.from_markup(x).plain if isinstance(x, str) else str(x) for x in col._cells]
                            for col in t.columns]
                    tables.append((str(t.title), [str(col.header) for col in t.columns], cols))
            plain_print(*objects, **options)
        c.print = record
        return c

    monkeypatch.setattr(con, "console", recording)
    return tables


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_human_output_follows_the_conventions(command, store, monkeypatch):
    tables = printed_tables(monkeypatch)
    args = command + (["--store", str(store)] if command[0] == "runs" else [])
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    assert not SCIENTIFIC.search(r.output), SCIENTIFIC.search(r.output).group(0)
    raw = RAW_KEYS.search(re.sub(r"give [\w, \n]+", "", r.output))  # "give ...": a file's field names
    assert raw is None, f"internal key {raw.group(0)!r} in the output"
    assert tables
    unitless = []
    for title, headings, cols in tables:
        if "unit" in headings:
            continue
        for heading, cells in zip(headings, cols, strict=True):
            bare = [c for c in cells for line in c.splitlines() if BARE.match(line.strip())]
            if bare and heading.strip().lower() not in COUNTS and not UNIT.search(heading) \
                    and not UNIT.search(title):
                unitless.append(f"{title!r}: {heading!r} ({bare[0]})")
    assert not unitless, unitless
