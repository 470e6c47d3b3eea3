"""The vectorised sweep (kept bases, arrays) against the per-sample path it replaced, on Kalundborg."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from symbiosis.engine import vary, warm_solver
from symbiosis.io import load_network
from symbiosis.scenario import Scenario, ScenarioSpec
from symbiosis.simulate import build_plan, draws
from symbiosis.simulate.batch import run_batch
from symbiosis.simulate.plan import draws_many


@pytest.fixture(scope="module")
def plan():
    net = load_network("kalundborg")
    uncertain = [{"quantity": "factor", "factor": f.factor, "resource": f.resource, "distribution": "triangular",
                  "low": 0.8, "mode": 1.0, "high": 1.3}
                 for f in net.factors if f.factor in ("virgin_price", "disposal_cost") and f.resource and f.value]
    uncertain += [{"quantity": "supply", "actor": s.actor, "resource": s.resource, "distribution": "normal",
                   "mean": 1.0, "sd": 0.1} for s in net.supplies]
    scenario = Scenario.model_validate({"name": "sweep", "network": "kalundborg", "horizon": net.year,
                                        "uncertain": uncertain})
    return build_plan(ScenarioSpec(scenario, net, "test"), samples=400, seed=3)


def test_draws_many_are_the_draws_of_each_sample(plan):
    assert np.array_equal(draws_many(plan, [5, 0, 399]), np.array([draws(plan, k) for k in (5, 0, 399)]))


def test_each_sample_solves_to_the_cold_solvers_answer(plan):
    ym = plan.years[0]
    samples = list(range(0, 400, 7))
    res = run_batch(plan, ym.year, samples)
    answer, cf = ym.solvers
    assert answer.n_bases > 1  # the pilot's bases are kept
    for k in samples:
        x = draws(plan, k)
        s = warm_solver(ym.answer, plan.weights).solve(vary(ym.answer, ym.levers, x, plan.scale))
        flows = res[(res["sample"] == k) & (res.scope == "stream")].value.to_numpy()
        feasible = res[(res["sample"] == k) & (res.indicator == "feasible")].value.item()
        if not s.ok:  # some draws price a resource so that buying it to dispose of it pays: unbounded
            assert feasible == 0.0 and np.isnan(flows).all()
            continue
        assert feasible == 1.0
        expect = np.where(np.abs(s.flow) > 1e-9, s.flow, 0.0)[ym.answer.stream_arcs]
        assert flows == pytest.approx(expect, rel=1e-9, abs=1e-6)
        c = warm_solver(ym.counterfactual, plan.weights).solve(vary(ym.counterfactual, ym.cf_levers, x, plan.scale))
        assert c.ok
        saved = res[(res["sample"] == k) & (res.indicator == "cost_saved") & (res.scope == "network")].value
        assert saved.item() == pytest.approx(c.totals["cost"] - s.totals["cost"], rel=1e-9)


def test_a_samples_rows_are_the_same_in_any_batch(plan):
    year = plan.years[0].year
    whole = run_batch(plan, year, list(range(60)))
    for part in ([17], [3, 40, 41], list(range(30, 60))):
        got = run_batch(plan, year, part)
        pd.testing.assert_frame_equal(got, whole[whole["sample"].isin(part)].reset_index(drop=True),
                                      check_exact=True)


def test_a_stored_run_returns_what_the_store_holds(tmp_path):
    from symbiosis.scenario import load_scenario
    from symbiosis.simulate import run_scenario
    from symbiosis.simulate.store import Registry
    from tests.paths import FIXTURES

    reg = Registry(tmp_path / "runs.sqlite")
    run = run_scenario(load_scenario(FIXTURES / "tiny-scenario.yaml"), samples=30, seed=2, registry=reg,
                       batch_size=7)
    pd.testing.assert_frame_equal(run.results, reg.results(run.run_id), check_exact=True)


def test_a_batch_of_optimal_and_unbounded_samples_keeps_each_samples_rows(plan):
    # some draws make a resource pay to buy and dispose of: unbounded; their rows are every indicator, as NaN
    # (the per-sample code this replaced built the year column for equal row counts only, and failed here)
    ym = plan.years[0]
    res = run_batch(plan, ym.year, list(range(60)))
    feasible = res[res.indicator == "feasible"].set_index("sample").value
    assert 0.0 in feasible.values and 1.0 in feasible.values
    rows = res.groupby("sample").size()
    assert rows[feasible[feasible == 0].index].nunique() == 1 and rows[feasible[feasible == 1].index].nunique() == 1
    nan_rows = res[res["sample"].isin(feasible[feasible == 0].index) & (res.indicator != "feasible")]
    assert nan_rows.value.isna().all()
    assert (res.year == ym.year).all() and len(res) == rows.sum()
