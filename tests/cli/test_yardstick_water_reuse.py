"""Yardstick: the four-operation water-reuse problem of process integration, through the command line.

Wang & Smith (1994), Wastewater minimisation, Chemical Engineering Science 49(7), 981-1006, their first
example: four operations with fixed contaminant loads and limiting inlet and outlet concentrations.
The minimum freshwater is 90 t/h (the same data in the documentation of the repository
ROMDHANA/WaterOptim, docs/source/usage.rst, whose cascade prints ``fw=90.00``); without reuse it is
2/100 + 5/100 + 30/800 + 4/800 kg/h per g/t = 112.5 t/h. examples/water-reuse.yaml writes it as a
symbiosis network (how, and why that is exact, is said at its top) with freshwater at a nominal 1 DKK/t,
so the cost of an answer is its freshwater in t per year; rates per hour become per year with 365.25 days.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.engine import solve_network
from symbiosis.io import load_network
from tests.paths import EXAMPLES

WATER = EXAMPLES / "water-reuse.yaml"
HOURS = 365.25 * 24  # a rate per hour is this many per year


def test_the_command_line_finds_90_t_per_h_against_112_5_without_reuse():
    # in-process (click's runner: the same exit code and stdout); the console script in a shell is run by
    # tests/cli/test_simulate.py and the README's commands
    run = CliRunner().invoke(main, ["simulate", str(WATER), "--format", "json"])
    assert run.exit_code == 0, run.output
    report = json.loads(run.stdout)
    freshwater = {answer: totals["cost"] / HOURS for answer, totals in report["totals"].items()}  # 1 DKK/t
    assert freshwater["optimised"] == pytest.approx(90.0, rel=1e-9)
    assert freshwater["counterfactual"] == pytest.approx(112.5, rel=1e-9)
    assert freshwater["observed"] == pytest.approx(112.5, rel=1e-9)  # nothing reused today
    assert report["savings"]["optimised"]["cost_saved"] / HOURS == pytest.approx(22.5, rel=1e-9)
    # operation 3 takes 20 t/h of 100 ppm water (half of its 40 t/h at 50 ppm), operation 4 takes 4/0.7 t/h
    into = {}
    for s in report["streams"]:
        into[s["receiver"]] = into.get(s["receiver"], 0.0) + s["optimised"] / HOURS
    assert into["operation-3"] == pytest.approx(20.0, rel=1e-9)
    assert into["operation-4"] == pytest.approx(4 / 0.7, rel=1e-9)


def test_the_library_finds_the_same_minimum():
    net = load_network(WATER)
    optimised, none = solve_network(net), solve_network(net, "counterfactual")
    bought = optimised.virgin.groupby("actor").quantity.sum() / HOURS
    assert bought.sum() == pytest.approx(90.0, rel=1e-9) and optimised.totals["cost"] / HOURS == pytest.approx(90.0)
    assert none.virgin.quantity.sum() / HOURS == pytest.approx(112.5, rel=1e-9)
    # without reuse each operation takes freshwater up to its outlet limit: 20, 50, 37.5 and 5 t/h
    alone = none.virgin.set_index("actor").quantity / HOURS
    assert alone.to_dict() == pytest.approx({"operation-1": 20.0, "operation-2": 50.0, "operation-3": 37.5,
                                             "operation-4": 5.0})
    # every operation sheds exactly its load (kg/h): the uptake water gives beyond it is nil at the optimum
    assert optimised.disposal[optimised.disposal.resource == "contaminant-uptake"].quantity.sum() == pytest.approx(
        0.0, abs=1e-6)
