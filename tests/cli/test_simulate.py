"""The ``symbiosis`` command end to end: a few runs in a subprocess through the installed console script
(SUBPROCESS: what a shell sees, exit codes and stderr included), the rest in-process through click's runner,
which sees the same exit code, stdout and stderr for a second less each (a start imports pandas and scipy).

Every command line is prepared and run once per module; the tests below then check one run each. An
exception that escapes an in-process run is written to its stderr as the traceback a shell would show.
"""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pytest
import yaml

from symbiosis.io import bundled_networks
from tests.conftest import TINY, tiny_dict

pytestmark = pytest.mark.slow  # every test here runs the installed console script in a subprocess

SCRIPT = shutil.which("symbiosis", path=str(Path(sys.executable).parent)) or shutil.which("symbiosis")
REPO = TINY.parents[2]


@dataclass
class Run:
    args: list[str]
    cwd: Path | None = None
    file: Path | None = None  # the input file, where one was written
    out_dir: Path | None = None
    result: subprocess.CompletedProcess | None = None

    @property
    def rc(self) -> int:
        return self.result.returncode

    @property
    def out(self) -> str:
        return self.result.stdout

    @property
    def err(self) -> str:
        return self.result.stderr


#: The runs made through the console script in a subprocess; every other one runs in-process.
SUBPROCESS = frozenset({"simulate", "validate-bad", "bad:malformed-yaml", "bad:no-such-path"})


def _execute(run: Run) -> subprocess.CompletedProcess:
    return subprocess.run([SCRIPT, *run.args], capture_output=True, text=True, timeout=300, cwd=run.cwd)


def _execute_in_process(run: Run) -> subprocess.CompletedProcess:
    import traceback

    from click.testing import CliRunner

    from symbiosis.cli import main

    before = Path.cwd()
    try:
        if run.cwd is not None:
            os.chdir(run.cwd)
        result = CliRunner().invoke(main, run.args)
    finally:
        os.chdir(before)
    err = result.stderr
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        err += "".join(traceback.format_exception(*result.exc_info))  # "Traceback (most recent call last)"
    return subprocess.CompletedProcess(run.args, result.exit_code, result.stdout, err)


# -- bad inputs --------------------------------------------------------------------------------

def _set_receiver(d):
    d["streams"][1]["receiver"] = "bords"


def _dup_actor(d):
    d["actors"].append(dict(d["actors"][0]))


def _negative(d):
    d["supplies"][0]["quantity"]["value"] = -5


def _missing(d):
    del d["actors"][0]["kind"]


def _wrong_unit(d):
    d["supplies"][0]["quantity"]["unit"] = "MWh"


def _infeasible(d):
    d["supplies"][1]["quantity"]["value"] = 80  # enough gypsum to send 70 t...
    d["streams"][1]["observed"]["value"] = 70  # ...to a board maker that needs 60 t


# name: (how to make the input, field path, a fragment of the message, text on the line it points at or None)
BAD = {
    "malformed-yaml": ("id: x\nname: a: b\nyear: 2020\n", "(top level)", "not valid YAML", "name: a: b"),
    "unknown-id": (_set_receiver, "streams[1].receiver", "unknown actor 'bords'; valid: plant", "receiver: bords"),
    "duplicate-id": (_dup_actor, "actors[3].id", "duplicate id 'plant'", None),
    "negative-quantity": (_negative, "supplies[0].quantity.value", "greater than or equal to 0", "value: -5"),
    "missing-field": (_missing, "actors[0].kind", "required", None),
    "wrong-unit": (_wrong_unit, "supplies[0].quantity.unit", "write the value in t", "unit: MWh"),
    "infeasible": (_infeasible, "streams[1]", "receives 10 t of 'natural-gypsum'", None),
    "no-such-path": (None, None, "nowhere.yaml: no such file", None),
    "unknown-bundled-name": (None, None, "'no-such-network' is neither a file nor a bundled network", None),
}


def _bad_run(base: Path, case: str) -> Run:
    make = BAD[case][0]
    folder = base / case
    folder.mkdir()
    out_dir = folder / "out"
    if case == "no-such-path":
        network, file = str(folder / "nowhere.yaml"), None
    elif case == "unknown-bundled-name":
        network, file = "no-such-network", None
    else:
        file = folder / "scenario.yaml"
        if isinstance(make, str):
            file.write_text(make)
        else:
            d = tiny_dict()
            make(d)
            file.write_text(yaml.safe_dump(d, sort_keys=False))
        network = str(file)
    return Run(["simulate", "--network", network, "-o", str(out_dir)], file=file, out_dir=out_dir)


@pytest.fixture(scope="module")
def cli_runs(tmp_path_factory) -> dict[str, Run]:
    assert SCRIPT, "the symbiosis console script is not installed next to this Python"
    base = tmp_path_factory.mktemp("cli")
    tiny = str(TINY)

    two = tiny_dict()
    two["streams"][0]["supplier"] = "ghost"
    two["streams"][1]["receiver"] = "bords"
    (base / "two.yaml").write_text(yaml.safe_dump(two, sort_keys=False))
    infeasible = tiny_dict()
    _infeasible(infeasible)
    (base / "infeasible.yaml").write_text(yaml.safe_dump(infeasible, sort_keys=False))

    runs = {
        "simulate": Run(["simulate", "--network", tiny]),
        "json-out": Run(["simulate", "--network", tiny, "--format", "json", "-o", str(base / "results")],
                        out_dir=base / "results"),
        "csv": Run(["simulate", "--network", tiny, "--format", "csv"]),
        "co2e-relative": Run(["simulate", "--network", "tests/fixtures/tiny.yaml", "--objective", "co2e",
                              "--format", "json"], cwd=REPO),
        "networks": Run(["networks"]),
        "show": Run(["show", tiny, "--sources"]),
        "validate-good": Run(["validate", tiny]),
        "validate-bad": Run(["validate", str(base / "two.yaml")], file=base / "two.yaml"),
        "validate-infeasible": Run(["validate", str(base / "infeasible.yaml")], file=base / "infeasible.yaml"),
        "bad-weights": Run(["simulate", "--network", tiny, "--weights", "cost=1,co2e"]),
        "weighted-no-carbon": Run(["simulate", "--network", tiny, "--objective", "weighted"]),
    }
    runs.update({f"bad:{case}": _bad_run(base, case) for case in BAD})
    shell = {name: run for name, run in runs.items() if name in SUBPROCESS}
    with ThreadPoolExecutor(max_workers=max(2, min(4, os.cpu_count() or 2))) as pool:
        results = dict(zip(shell, pool.map(_execute, shell.values()), strict=True))
        results.update({name: _execute_in_process(run) for name, run in runs.items() if name not in shell})
    for name, run in runs.items():
        run.result = results[name]
    return runs


# -- good runs --------------------------------------------------------------------------------

def test_simulate_prints_streams_and_savings(cli_runs):
    r = cli_runs["simulate"]
    assert r.rc == 0, r.err
    assert "Traceback" not in r.out + r.err
    lines = r.out.splitlines()
    assert any("Power plant -> Board maker" in line for line in lines)
    cost_line = next(line for line in lines if "Cost saved" in line)
    assert "19,600" in cost_line and "23,000" in cost_line
    assert cost_line.index("19,600") < cost_line.index("23,000")  # observed, then optimised
    steam_line = next(line for line in lines if "Power plant -> Pharma plant" in line)
    assert "70 t" in steam_line and "80 t" in steam_line


def test_simulate_json_and_out(cli_runs):
    r = cli_runs["json-out"]
    assert r.rc == 0, r.err
    data = json.loads(r.out)
    assert data["network"] == "tiny"
    assert data["savings"]["optimised"]["cost_saved"] == 23000
    assert data["savings"]["observed"]["cost_saved"] == pytest.approx(19600)
    assert data["totals"]["counterfactual"]["cost"] == pytest.approx(24500)
    assert data["totals"]["optimised"]["co2e"] == pytest.approx(0.1)
    streams = {s["stream"]: (s["observed"], s["optimised"]) for s in data["streams"]}
    assert streams == {"steam-to-pharma": (70, pytest.approx(80)), "gypsum-to-boards": (40, pytest.approx(50))}

    assert sorted(p.name for p in r.out_dir.iterdir()) == ["flows.csv", "scores.json"]  # no temp files left
    scores = json.loads((r.out_dir / "scores.json").read_text())
    assert scores["savings"]["optimised"]["cost_saved"] == pytest.approx(23000)
    flows = pd.read_csv(r.out_dir / "flows.csv")
    got = {(m, s): f for m, s, f in zip(flows["mode"], flows["stream"], flows["flow"], strict=True)}
    assert got == {("observed", "steam-to-pharma"): 70, ("observed", "gypsum-to-boards"): 40,
                   ("counterfactual", "steam-to-pharma"): 0, ("counterfactual", "gypsum-to-boards"): 0,
                   ("optimised", "steam-to-pharma"): pytest.approx(80),
                   ("optimised", "gypsum-to-boards"): pytest.approx(50)}


def test_simulate_csv(cli_runs):
    r = cli_runs["csv"]
    assert r.rc == 0, r.err
    df = pd.read_csv(io.StringIO(r.out))
    assert df.stream.tolist() == ["steam-to-pharma", "gypsum-to-boards"]
    assert df.observed.tolist() == [70, 40]
    assert df.optimised.tolist() == pytest.approx([80, 50])
    assert df.unit.tolist() == ["t", "t"]


def test_simulate_co2e_objective_from_a_relative_path(cli_runs):
    r = cli_runs["co2e-relative"]
    assert r.rc == 0, r.err
    data = json.loads(r.out)
    assert data["objective"] == "co2e"
    assert data["totals"]["optimised"]["co2e"] == pytest.approx(0.1)


def test_networks_lists_the_bundled_ones(cli_runs):
    r = cli_runs["networks"]
    assert r.rc == 0, r.err
    assert "Traceback" not in r.err
    listed = [line.split()[0] for line in r.out.splitlines() if line.strip()]
    assert listed == list(bundled_networks())


def test_show_with_sources(cli_runs):
    r = cli_runs["show"]
    assert r.rc == 0, r.err
    for text in ("Tiny test symbiosis", "plant", "pharma", "boards", "steam-to-pharma", "gypsum-to-boards",
                 "replaces natural-gypsum"):
        assert text in r.out, text
    # the '@test' key is resolved to its title, with the basis
    assert "Hand-made test network" in r.out
    assert "published" in r.out
    assert "@test" not in r.out


def test_validate_good_file(cli_runs):
    r = cli_runs["validate-good"]
    assert r.rc == 0, r.err
    said = " ".join(r.out.split())  # wrapped at the width
    assert "valid (3 actors, 3 resources, 2 streams defined, 2 running in 2020, 0 service links)" in said


def test_validate_bad_file_lists_every_problem(cli_runs):
    r = cli_runs["validate-bad"]
    assert r.rc == 2
    assert "Traceback" not in r.out + r.err
    assert "2 problems" in r.err
    lines = r.file.read_text().splitlines()
    supplier_line = next(i for i, line in enumerate(lines, 1) if "supplier: ghost" in line)
    assert f"two.yaml:{supplier_line}: streams[0].supplier: unknown actor 'ghost'" in r.err
    assert "streams[1].receiver: unknown actor 'bords'; valid: plant, pharma, boards" in r.err


def test_validate_checks_that_observed_flows_balance(cli_runs):
    r = cli_runs["validate-infeasible"]
    assert r.rc == 2
    assert "Traceback" not in r.out + r.err
    assert "1 problem" in r.err
    assert "infeasible.yaml:" in r.err and ": streams[1]: Board maker (boards) receives 10 t" in r.err


def test_bad_weights_exit_2(cli_runs):
    r = cli_runs["bad-weights"]
    assert r.rc == 2
    assert "Traceback" not in r.err
    assert "--weights" in r.err and "NAME=NUMBER" in r.err


def test_weighted_objective_without_carbon_value_exits_2(cli_runs):
    r = cli_runs["weighted-no-carbon"]
    assert r.rc == 2
    assert "Traceback" not in r.err
    assert "carbon_value" in r.err


# -- bad input: code 2, a short located message, nothing written ------------------------------------------

@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_exits_2_with_a_short_located_message(cli_runs, case):
    _, path, fragment, marker = BAD[case]
    r = cli_runs[f"bad:{case}"]
    network = r.args[r.args.index("--network") + 1]
    assert r.rc == 2, (r.out, r.err)
    assert "Traceback" not in r.out + r.err
    assert r.out == ""
    message = [line for line in r.err.splitlines() if line.strip()]
    assert 1 <= len(message) <= 3, r.err
    assert network in r.err  # the file (or the bundled name asked for)
    if path is not None:  # a place in a file; an unknown bundled name is just the message
        assert f": {path}: " in r.err
    assert fragment in r.err
    if r.file is not None:  # a file that exists: the message points at a line of it
        assert any(f"{network}:{n}: {path}: " in r.err for n in range(1, 200)), r.err
    if marker is not None:
        line = next(i for i, text in enumerate(r.file.read_text().splitlines(), 1) if marker in text)
        assert f"{network}:{line}: {path}: " in r.err
    assert not r.out_dir.exists() or not any(r.out_dir.iterdir())

