"""Compiles and solves per command, counted (not timed), on a small generated park (issue 25 item 3).

Each command compiles each answer of the network once and changes numbers on it (bounds, right-hand
sides, costs) for every input, removal, price range or point; a regression to a compile per input,
removal or sample fails here on any machine. The spies are those of ``test_simulate_once`` (every
module's reference to ``compile_network``, ``flows.solve``, the warm ``flows.Model.solve`` and HiGHS
itself). ``simulate`` and the page's drawing are counted there.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import symbiosis.metrics.compute  # noqa: F401  (loaded before the spies)
import symbiosis.planning.pareto
import symbiosis.planning.prices
import symbiosis.planning.sensitivity
import symbiosis.planning.stress
import symbiosis.reporting
import symbiosis.simulate.plan  # noqa: F401  (loaded before the spies, so that its compile_network is spied on)
from symbiosis.cli import main
from symbiosis.io.park import park_document
from tests.cli.test_simulate_once import spies  # noqa: F401  (the fixture)

FIXTURES = __import__("pathlib").Path(__file__).resolve().parents[1] / "fixtures"


@pytest.fixture(scope="module")
def park(tmp_path_factory):
    """A 20-company park (10 resources, processes, per-company prices), as a file."""
    path = tmp_path_factory.mktemp("park") / "park.json"
    path.write_text(json.dumps(park_document(20, seed=20)), encoding="utf-8")
    return path


def _run(*args: str) -> str:
    r = CliRunner().invoke(main, list(args))
    assert r.exit_code == 0, r.output
    return r.output


def test_sensitivity_compiles_each_answer_once(spies, park):  # noqa: F811
    from symbiosis.io import load_network
    from symbiosis.planning.inputs import parameters

    calls, _ = spies
    _run("sensitivity", str(park), "--format", "csv")
    inputs = len(parameters(load_network(park), 0.25))
    assert calls["compile_network"] == 2, dict(calls)  # the observed answer and the counterfactual
    # two ends per input and two answers per end would be 4 LPs an input; the optimal bases and the
    # pieces solved together settle nearly all (9 LPs for 388 inputs)
    assert 0 < calls["highs"] <= inputs // 10, (dict(calls), inputs)


def test_the_pages_tornado_and_stress_compile_each_answer_once(spies, park):  # noqa: F811
    """What `report` adds to the page of `simulate --html` (counted in test_simulate_once): the tornado
    and the stress ranking, each on its own answers compiled once."""
    from symbiosis.evaluation import evaluate
    from symbiosis.io import load_network

    calls, _ = spies
    ev = evaluate(load_network(park), recommend=False)  # the figures read no recommendation
    assert calls["compile_network"] == 1, dict(calls)
    assert symbiosis.reporting.sensitivity_figure(ev, "en") is not None
    assert calls["compile_network"] == 1 + 2, dict(calls)
    symbiosis.reporting.stress_figure(ev, "en")
    assert calls["compile_network"] == 1 + 2 + 2, dict(calls)


def test_stress_compiles_each_answer_once_and_resolves_the_top(spies, park):  # noqa: F811
    calls, _ = spies
    _run("stress", str(park), "--format", "csv")
    assert calls["compile_network"] == 2, dict(calls)  # optimised and counterfactual, each removal a change of bounds
    top = symbiosis.planning.stress.TOP
    assert calls["highs"] <= 2 + 2 * top, dict(calls)  # the two answers, then the top removals in each


def test_random_failures_compile_each_answer_once(spies, park):  # noqa: F811
    calls, _ = spies
    _run("stress", str(park), "--failures", "2", "--samples", "6", "--format", "csv")
    assert calls["compile_network"] == 2, dict(calls)  # not two per sample
    assert calls["highs"] <= 2 + 2 * 6, dict(calls)


def test_prices_compile_once(spies, park):  # noqa: F811
    calls, _ = spies
    _run("prices", str(park), "--format", "csv")
    assert calls["compile_network"] <= 2, dict(calls)
    assert calls["highs"] <= 10, dict(calls)  # the basis screens the balances' ranges; an LP pair each would be 100s


def test_pareto_compiles_once(spies, park):  # noqa: F811
    calls, _ = spies
    _run("pareto", str(park), "--points", "5", "--format", "json")
    assert calls["compile_network"] == 1, dict(calls)
    assert calls["highs"] <= 2 * 5 + 2, dict(calls)  # about two LPs a point (the weighted optimum, then the tie)


def test_a_scenario_compiles_each_structure_once_whatever_the_years_and_samples(spies, tmp_path):  # noqa: F811
    """Five years, four samples, two network structures (2020-2022: a demand grows; 2023-2024: the gypsum
    ends): one compile per structure (the answer and the counterfactual by their streams' bounds), each
    year's numbers set on it (tests/symbiosis/engine/test_years.py holds them to a compile of their own),
    each year checked by a warm re-solve, not a cold one."""
    calls, _ = spies
    _run("simulate", str(FIXTURES / "tiny-scenario.yaml"), "--samples", "4", "--no-store")
    assert calls["compile_network"] == 2, dict(calls)  # not 2 a year (10), nor 2 a year and sample
    assert calls["flows.solve"] == 0, dict(calls)  # every year feasible: no cold solve to check it
    assert calls["Model.solve"] == 2 * 5, dict(calls)  # the answer and the counterfactual of each year, warm


@pytest.mark.parametrize("flows_", ["observed", "optimised"])
def test_metrics_by_year_compiles_each_structure_once(spies, flows_):  # noqa: F811
    """`metrics --by year` on the tiny scenario: five years, two structures, one compile each; the solved
    flows of each year are the same as a compile of its own gives (compared in
    tests/symbiosis/metrics/test_scenario_metrics.py)."""
    calls, _ = spies
    out = _run("metrics", str(FIXTURES / "tiny-scenario.yaml"), "--by", "year", "--answer", flows_, "--format", "csv")
    assert calls["compile_network"] == 2, dict(calls)  # not one a year (5)
    assert {line.split(",")[0] for line in out.splitlines()[1:]} == {"2020", "2021", "2022", "2023", "2024"}
