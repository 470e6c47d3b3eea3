"""Output that is not a terminal (a pipe, a file) writes ids in full: scenario files need them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.io import load_network


@pytest.mark.parametrize("command", [["show", "kalundborg"], ["prices"], ["stress", "--by", "stream"]])
def test_piped_tables_cut_no_id(command):
    net = load_network("kalundborg")
    r = CliRunner().invoke(main, command)
    assert r.exit_code == 0, r.output
    assert "…" not in r.output
    ids = [s.id for s in net.streams_in_year()] if command[0] != "show" else [s.id for s in net.streams]
    missing = [i for i in ids if i not in r.output]
    assert not missing, missing


def test_columns_still_sets_the_width_of_piped_output():
    r = CliRunner().invoke(main, ["show", "kalundborg"], env={"COLUMNS": "100"})
    assert max(len(line) for line in r.output.splitlines()) <= 100
