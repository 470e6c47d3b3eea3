"""`symbiosis metrics SCENARIO`: metrics year by year on the network a scenario's events leave.

tests/fixtures/tiny-scenario.yaml on tiny.yaml, by hand: pharma's steam demand
(80 t) grows 10 %/yr from 2022 (88 t in 2023, 96.8 t in 2024); the plant stops
making gypsum in 2023, so the gypsum stream (plant -> boards) and its link end
then. The steam stream records 70 t and may carry 90 t; the plant has 100 t.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.metrics import scenario_by_year
from symbiosis.scenario import is_scenario_file, load_scenario
from tests.paths import FIXTURES

SCENARIO = FIXTURES / "tiny-scenario.yaml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _pivot(table, scope):
    return table[table.scope == scope].pivot(index="year", columns="metric", values="value")


def test_a_stream_that_ends_removes_its_link_from_that_year_on():
    links = _pivot(scenario_by_year(load_scenario(SCENARIO)), "links")
    assert list(links.index) == [2020, 2021, 2022, 2023, 2024]
    assert list(links.L) == [2, 2, 2, 1, 1]
    assert list(links.n) == [3, 3, 3, 2, 2]


def test_recorded_and_optimised_flows_follow_the_growing_demand():
    spec = load_scenario(SCENARIO)
    recorded = _pivot(scenario_by_year(spec), "steam")
    # recorded: 70 t sent; pharma buys the rest of its need: 2023 100 + (70 + 18) = 188, boundary 100 + 18
    assert recorded.loc[2023, "TST"] == pytest.approx(188) and recorded.loc[2023, "Boundary"] == pytest.approx(118)
    optimised = _pivot(scenario_by_year(spec, "optimised"), "steam")
    # optimised: the stream carries the need up to its 90 t capacity
    assert optimised.loc[2020, "TST"] == pytest.approx(100 + 80)
    assert optimised.loc[2023, "TST"] == pytest.approx(100 + 88)
    assert optimised.loc[2023, "Boundary"] == pytest.approx(100)
    assert optimised.loc[2024, "Boundary"] == pytest.approx(100 + 6.8)
    mass = scenario_by_year(spec)
    assert set(mass[mass.scope == "mass"].year) == {2020, 2021, 2022}  # no gypsum, no mass flows


@pytest.mark.parametrize("flows", ["observed", "optimised"])
def test_solved_years_equal_each_years_own_compile(flows):
    """The years share one compile per structure; each year's metrics are those of its network compiled
    and solved on its own."""
    from symbiosis.engine import solve_network
    from symbiosis.metrics import metric_table

    spec = load_scenario(SCENARIO)
    shared = scenario_by_year(spec, flows)
    for y in spec.scenario.years:
        net = spec.network(y)
        own = metric_table(net, solve_network(net, flows), y)
        got = shared[shared.year == y].drop(columns="year").reset_index(drop=True)
        assert got.equals(own.reset_index(drop=True)), y


def test_scenario_files_are_told_from_networks(tmp_path):
    assert is_scenario_file(SCENARIO)
    assert not is_scenario_file(FIXTURES / "tiny.yaml") and not is_scenario_file("kalundborg")
    bad = tmp_path / "bad.yaml"
    bad.write_text("horizon: [unclosed\n")
    assert not is_scenario_file(bad)


def test_cli_last_year_by_default_and_says_so():
    r = run("metrics", SCENARIO)
    assert r.exit_code == 0, r.output
    assert "the network of 2024, the last year of its horizon 2020-2024" in r.output
    r = run("metrics", SCENARIO, "--format", "json", "--flows", "optimised")
    doc = json.loads(r.stdout)
    assert doc["year"] == 2024 and doc["scenario"] == "Tiny test scenario"
    tst = [x for x in doc["metrics"] if x["scope"] == "steam" and x["metric"] == "Boundary"]
    assert tst[0]["value"] == pytest.approx(106.8)


def test_cli_by_year_over_the_horizon():
    r = run("metrics", SCENARIO, "--by", "year")
    assert r.exit_code == 0, r.output
    assert "2020-2022" in r.output and "2023-2024" in r.output and "horizon 2020-2024" in r.output
    r = run("metrics", SCENARIO, "--by", "year", "--flows", "optimised", "--format", "csv", "--scope", "links")
    rows = [line.split(",") for line in r.output.splitlines()[1:]]
    assert {int(row[0]) for row in rows} == set(range(2020, 2025))
    assert [row[4] for row in rows if row[2] == "L"] == ["2.0", "2.0", "2.0", "1.0", "1.0"]
    r = run("metrics", SCENARIO, "--by", "year", "--format", "json")
    doc = json.loads(r.output)
    assert doc["years"] == [2020, 2021, 2022, 2023, 2024] and doc["horizon"] == "2020-2024"


def test_cli_scenario_errors_exit_2(tmp_path):
    r = run("metrics", SCENARIO, "--scope", "nope")
    assert r.exit_code == 2 and "no scope 'nope'" in r.output and "Traceback" not in r.output
    bad = tmp_path / "s.yaml"
    bad.write_text(SCENARIO.read_text().replace("tiny.yaml", "missing.yaml"))
    r = run("metrics", bad, "--by", "year")
    assert r.exit_code == 2 and "no network file 'missing.yaml'" in r.output
