"""``--convention``: every headline says which accounting convention it follows, and the user can switch."""

from __future__ import annotations

import json

from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import EXAMPLES


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_simulate_names_and_switches_the_convention():
    default = run("simulate", "--format", "json")
    assert default.exit_code == 0
    assert json.loads(default.output)["convention"] == "system-expansion"
    switched = run("simulate", "--convention", "no-co-product-credit")
    assert switched.exit_code == 0, switched.output
    assert "Accounting convention: no-co-product-credit" in " ".join(switched.output.split())


def test_a_wrong_convention_is_one_clear_message():
    bad = run("simulate", "--convention", "allocation")
    assert bad.exit_code == 2
    assert "--convention: unknown convention 'allocation'; valid: system-expansion" in " ".join(bad.output.split())
    scenario = run("simulate", EXAMPLES / "gyproc-fgd-gypsum-2021.yaml", "--convention", "biogenic-stack")
    assert scenario.exit_code == 2 and "--convention" in scenario.output


def test_score_follows_the_convention():
    a = json.loads(run("score", "--format", "json").output)
    b = json.loads(run("score", "--format", "json", "--convention", "biogenic-stack").output)
    assert a != b
