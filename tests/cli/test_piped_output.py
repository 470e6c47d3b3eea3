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


def test_a_columns_variable_does_not_cut_piped_output():
    """Programs that start others often set COLUMNS (GNU readline sets 80): a pipe still gets every id."""
    r = CliRunner().invoke(main, ["show", "kalundborg"], env={"COLUMNS": "80"})
    assert "…" not in r.output and all(s.id in r.output for s in load_network("kalundborg").streams)
