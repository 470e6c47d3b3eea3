"""`--year`: stress, prices, pareto, design and score on the network a scenario's events leave in that year."""

import json

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.planning.prices import shadow_prices
from symbiosis.planning.stress import stress
from symbiosis.scenario import load_scenario
from tests.paths import EXAMPLES

SCENARIO = EXAMPLES / "transition-2000-today.yaml"


@pytest.fixture(scope="module")
def spec():
    return load_scenario(SCENARIO)


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def test_stress_of_a_scenario_year_is_the_stress_of_that_years_network(spec):
    r = run("stress", SCENARIO, "--year", 2010, "--format", "json")
    assert r.exit_code == 0, r.output
    # without the municipality the wastewater has no route (it may only go to treatment): null in JSON
    got = {row["name"]: float("nan") if row["lost_cost_saved"] is None else row["lost_cost_saved"]
           for row in json.loads(r.output)}
    want = stress(spec.network(2010), "actor", "cost")
    assert got == pytest.approx(dict(zip(want.name, want.lost_cost_saved, strict=True)), nan_ok=True)
    last = run("stress", SCENARIO, "--format", "json")  # no --year: the horizon's last year
    assert last.exit_code == 0 and json.loads(last.output) != json.loads(r.output)
    table = run("stress", SCENARIO, "--year", 2010)
    assert "Kalundborg from 2000 to today, 2010" in table.output


def test_prices_and_pareto_of_a_scenario_year(spec):
    r = run("prices", "-n", SCENARIO, "--year", 2005, "--format", "json")
    assert r.exit_code == 0, r.output
    got = {(b["actor"], b["resource"]): b["value_money_per_unit"] for b in json.loads(r.output)["balances"]}
    sp = shadow_prices(spec.network(2005), "cost")
    want = dict(zip(zip(sp.balances.actor, sp.balances.resource, strict=True), sp.balances.value_money_per_unit,
                    strict=True))
    assert got == pytest.approx(want, nan_ok=True)
    r = run("pareto", "-n", SCENARIO, "--year", 2005, "--points", 3, "--format", "json")
    assert r.exit_code == 0, r.output
    from symbiosis.planning.pareto import pareto

    want = pareto(spec.network(2005), "cost", "co2e", 3).points.cost_money_yr.tolist()
    assert [p["cost_money_yr"] for p in json.loads(r.output)["points"]] == pytest.approx(want)


@pytest.mark.parametrize("command", ["stress", "prices", "pareto", "design", "score"])
def test_year_errors_name_the_option_and_what_is_valid(command):
    target = [SCENARIO] if command == "stress" else ["-n", SCENARIO]
    r = run(command, *target, "--year", 1990)
    assert r.exit_code == 2 and "--year: 1990 is outside the horizon 2000-2023" in r.output, r.output
    plain = ["kalundborg"] if command == "stress" else ["-n", "kalundborg"]
    r = run(command, *plain, "--year", 2010)
    assert r.exit_code == 2 and "'kalundborg' is a network of 2023, not a scenario" in r.output, r.output
    assert "Traceback" not in r.output
