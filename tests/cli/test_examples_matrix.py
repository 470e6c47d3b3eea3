"""Every example (and both bundled networks) through every command, with the main options and small
sample counts: no traceback anywhere, every output file opens, every scenario run is stored as finished.

The inputs are found, not listed: a new file in examples/ joins the matrix by itself. Scenario files go
to every command; the commands that work on one network use the network the scenario's events leave in
its last year. Run time is kept down by small samples (3 where a command samples), the report without
its sensitivity tornado, and random double failures for stress (each removal ranked one by one is run
on Kalundborg by tests/cli/test_stress_commands.py and for every network by
tests/symbiosis/planning/test_stress.py), and each input file parsed once per worker (conftest.py).
"""

from __future__ import annotations

import json
import warnings

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.io import load_network
from symbiosis.scenario import is_scenario_file, load_scenario, network_in_year
from tests.docs.commands import ENV, check_written, run_command, snapshot, written
from tests.paths import EXAMPLES

pytestmark = pytest.mark.slow

INPUTS = ["kalundborg", "kalundborg-2000", *sorted(f"examples/{p.name}" for p in EXAMPLES.glob("*.yaml"))]
COMMANDS = ["validate", "show", "simulate", "score", "stress", "report", "metrics", "prices", "export"]

#: Cases refused today with one clear message (exit 2, no traceback), each a finding to fix, not a pass:
#: when one runs, the test warns that its entry can go.
REFUSED: dict[tuple[str, str], str] = {}


def _path(name: str) -> str:
    return str(EXAMPLES / name.removeprefix("examples/")) if name.startswith("examples/") else name


def _args(command: str, target: str) -> list[str]:
    scenario = is_scenario_file(target)
    if command == "simulate":
        if not scenario:
            return ["simulate", target, "-o", "out"]
        samples = ["--samples", "3", "--seed", "1"] if load_scenario(target).scenario.uncertain else []
        return ["simulate", target, *samples, "--store", "runs.sqlite", "-o", "out"]
    return {
        "validate": ["validate", target],
        "show": ["show", target, "--sources"],
        "score": ["score", target],
        "stress": ["stress", target, "--failures", "2", "--samples", "3", "--seed", "1"],
        "report": ["report", target, "-o", "page.html", "--no-sensitivity"],
        "metrics": ["metrics", target],
        "prices": ["prices", target],
        "export": ["export", target, "--to", "json", "-o", "network.json"],
    }[command]


@pytest.mark.parametrize("command", COMMANDS)
@pytest.mark.parametrize("name", INPUTS)
def test_every_input_through_every_command(name, command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    target = _path(name)
    before = snapshot(tmp_path)
    args = _args(command, target)
    if (name, command) in REFUSED:
        result = CliRunner().invoke(main, args, env=ENV)
        crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
        assert "Traceback" not in result.output and not crashed, result.output
        if result.exit_code == 0:
            warnings.warn(f"`{' '.join(args)}` runs now: take it off REFUSED", stacklevel=1)
        else:
            assert result.exit_code == 2 and result.output.startswith("error:"), result.output
            assert REFUSED[name, command] in result.output and not written(before, tmp_path), result.output
            return
    result = run_command(" ".join(args))
    files = written(before, tmp_path)
    for path in files:
        check_written(path)
    if "-o" in args:
        assert files, f"`{' '.join(args)}` wrote nothing"
    if command == "simulate" and "--store" in args:
        info = json.loads(run_command("runs show 1 --store runs.sqlite --format json").stdout)
        assert info["status"] == "finished" and info["tasks_done"] == info["tasks_total"] > 0, info
    if command == "export":
        back, want = load_network("network.json"), network_in_year(target)
        assert [a.id for a in back.actors] == [a.id for a in want.actors]
        assert [s.id for s in back.streams] == [s.id for s in want.streams]
    if command == "validate":
        assert "valid" in result.output
