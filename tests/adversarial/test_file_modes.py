"""Every file the commands write gets the permissions the umask gives any new file (0644 under umask 022),
so colleagues on a shared server can read exports, templates, results and run stores, not only the report."""

from __future__ import annotations

import os
import stat

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from tests.adversarial.harness import EXAMPLE, TINY_TEXT

COMMANDS = [
    ["simulate", "net.yaml", "-o", "sim", "-o", "sim/report.html"],
    ["simulate", "net.yaml", "--objective", "tbl", "--weights", "cost=1,co2e=750", "-o", "tbl"],
    ["simulate", EXAMPLE, "--samples", "2", "-o", "run", "--store", "store/runs.sqlite"],
    ["runs", "export", "1", "-o", "run/export.csv", "--store", "store/runs.sqlite"],
    ["report", "net.yaml", "-o", "page.html"],
    ["export", "net.yaml", "--to", "yaml", "-o", "x/net.yaml"],
    ["export", "net.yaml", "--to", "json", "-o", "x/net.json"],
    ["export", "net.yaml", "--to", "csv", "-o", "x/net-csv"],
    ["export", "net.yaml", "--to", "xlsx", "-o", "x/net.xlsx"],
    ["export", "net.yaml", "--to", "graphml", "-o", "x/net.graphml"],
    ["new", "t/harbour"],
    ["new", "t/harbour", "--format", "xlsx"],
    ["new", "t/harbour-csv", "--format", "csv"],
    ["new", "t/harbour", "--format", "json"],
    ["pareto", "net.yaml", "--points", "2", "-o", "p/front.csv"],
    ["score", "net.yaml", "--objective", "cost", "-o", "score"],
    ["schema", "-o", "schema.json"],
]


@pytest.mark.parametrize("mask", [0o022, 0o077])
def test_every_written_file_follows_the_umask(tmp_path, monkeypatch, mask):
    (tmp_path / "net.yaml").write_text(TINY_TEXT)
    monkeypatch.chdir(tmp_path)
    old = os.umask(mask)
    try:
        for args in COMMANDS:
            r = CliRunner().invoke(main, args)
            assert r.exit_code == 0, (args, r.output)
    finally:
        os.umask(old)
    modes = {str(p.relative_to(tmp_path)): stat.S_IMODE(p.stat().st_mode)
             for p in tmp_path.rglob("*") if p.is_file() and p.name != "net.yaml"}
    assert len(modes) >= 30 and "store/runs.sqlite" in modes and "x/net-csv/actors.csv" in modes
    wrong = {name: oct(mode) for name, mode in modes.items() if mode != 0o666 & ~mask}
    assert not wrong, wrong
