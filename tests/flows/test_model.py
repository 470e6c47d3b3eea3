"""One warm model: new costs, bounds and right-hand sides, warm or cold, give what a fresh solve gives."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import scipy.sparse as sp

import flows
from flows import Model, Problem
from symbiosis.engine import compile_network
from symbiosis.io import load_network
from tests.paths import FIXTURES

TINY = FIXTURES / "tiny.yaml"
WEIGHTS = {"cost": 1.0, "co2e": 500.0}


def variants(problem: Problem, k: int, seed: int = 0):
    rng = np.random.default_rng(seed)
    for _ in range(k):
        costs = {name: v * rng.uniform(0.5, 1.5, v.shape) for name, v in problem.costs.items()}
        rhs = problem.rhs * rng.uniform(0.8, 1.2, problem.rhs.shape)
        upper = np.where(np.isfinite(problem.upper), problem.upper * rng.uniform(0.8, 1.2, problem.n_arcs), np.inf)
        yield dataclasses.replace(problem, costs=costs, rhs=rhs, upper=np.maximum(upper, problem.lower))


@pytest.mark.parametrize("warm_start", [True, False])
@pytest.mark.parametrize("answer", ["optimised", "observed", "counterfactual"])
def test_variants_match_a_fresh_solve(answer, warm_start):
    problem = compile_network(load_network(TINY), answer).problem
    m = Model(problem, WEIGHTS, warm_start=warm_start)
    for variant in variants(problem, 20):
        got, want = m.solve(variant), flows.solve(variant, WEIGHTS)
        assert got.status == want.status
        if want.status != "optimal":
            continue
        assert got.objective == pytest.approx(want.objective, rel=1e-9)
        assert np.allclose(variant.residual(got.flow, got.activity), 0, atol=1e-6)
        assert np.all(got.flow <= variant.upper + 1e-9)
        for k in want.totals:
            assert got.totals[k] == pytest.approx(want.totals[k], rel=1e-9, abs=1e-9)


def test_cold_starts_give_the_same_variant_the_same_answer_in_any_order():
    problem = compile_network(load_network(TINY), "optimised").problem
    cheap = dataclasses.replace(problem, costs={k: v * 0.5 for k, v in problem.costs.items()})
    m = Model(problem, warm_start=False)
    first = m.solve(cheap).flow
    m.solve(problem)
    assert np.array_equal(Model(problem, warm_start=False).solve(cheap).flow, first)
    assert np.array_equal(m.solve(cheap).flow, first)
    assert np.array_equal(Model(cheap, warm_start=False).solve().flow, first)


def test_setters_and_update_agree():
    # the same change made by the setters, one vector at a time, and by a variant in one call
    problem = compile_network(load_network(TINY), "optimised").problem
    variant = next(variants(problem, 1, seed=3))
    by_setters = Model(problem, WEIGHTS)
    for name in problem.costs:
        by_setters.set_costs(name, variant.costs[name], variant.conv_costs[name])
    by_setters.set_bounds(upper=variant.upper)
    by_setters.set_rhs(variant.rhs)
    a, b = by_setters.solve(), Model(problem, WEIGHTS).solve(variant)
    assert a.objective == pytest.approx(b.objective, rel=1e-12)
    assert a.totals == pytest.approx(b.totals)


def test_partial_changes_of_rhs_bounds_and_conversions():
    # node 0 needs 4 of what conversion 0 makes from node 1's input (2 in per 1 out); node 1 buys at 1 or 3
    conv = sp.csr_matrix(np.array([[1.0], [-2.0]]))
    p = Problem(n_nodes=2, tail=[-1, -1, -1], head=[0, 1, 1], rhs=[4.0, 0.0], upper=[np.inf, 5.0, np.inf],
                costs={"cost": [10.0, 1.0, 3.0]}, conversion=conv, conv_upper=[10.0])
    m = Model(p)
    assert m.solve().objective == pytest.approx(5 + 3 * 3)  # 8 in: 5 at 1, 3 at 3
    m.set_rhs(2.0, nodes=[0])
    assert m.solve().objective == pytest.approx(4)  # 4 in at 1
    m.set_conversion_bounds(upper=1.0, conversions=[0])
    s = m.solve()
    assert s.activity.tolist() == [1.0] and s.objective == pytest.approx(2 + 10)  # 1 made, 1 bought at 10
    m.set_bounds(upper=0.0, arcs=[0])
    assert m.solve().status == "infeasible"
    m.set_objective({"cost": 2.0})
    m.set_bounds(upper=np.inf, arcs=[0])
    assert m.solve().objective == pytest.approx(2 * 12)


def test_another_structure_is_refused():
    problem = compile_network(load_network(TINY), "observed").problem
    m = Model(problem)
    impossible = dataclasses.replace(problem, rhs=np.maximum(problem.rhs, 0.0))  # no supply, fixed flows
    assert m.solve(impossible).status == "infeasible"
    other = compile_network(load_network(TINY).model_copy(update={"streams": []}), "observed").problem
    with pytest.raises(ValueError, match="same nodes, arcs"):
        m.solve(other)
    lossy = dataclasses.replace(problem, gain=np.where(np.arange(problem.n_arcs) == 0, 0.5, problem.gain))
    with pytest.raises(ValueError, match="ends, gains and ratios"):
        m.solve(lossy)


def test_a_model_of_nothing():
    empty = Problem(n_nodes=2, tail=[], head=[], rhs=[0.0, 0.0], costs={"cost": []})
    assert Model(empty).solve().ok
    m = Model(empty)
    m.set_rhs([1.0, 0.0])
    assert m.solve().status == "infeasible"


def test_resolver_is_a_deprecated_alias_of_a_cold_model():
    from flows.resolve import Resolver

    problem = compile_network(load_network(TINY), "optimised").problem
    with pytest.warns(DeprecationWarning, match="warm_start=False"):
        r = Resolver(problem)
    assert r.solve(problem).objective == pytest.approx(flows.solve(problem).objective)


@pytest.mark.parametrize("seed", [12, 83, 89, 90])
def test_a_cold_start_after_new_costs_and_bounds_is_a_fresh_model_bit_for_bit(seed):
    # issue 22, item 7: HiGHS' clearSolver forgets the basis but not what it worked out of the model before
    # (its scaling): on these LPs (found by search) its answer differed from a fresh model's in the last bits
    from flows.highs import LinearModel

    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(3, 15)), int(rng.integers(5, 40))
    A = sp.random(m, n, density=0.3, random_state=seed, format="csc") * 10 ** rng.uniform(-3, 3)
    A.data = np.round(A.data * rng.choice([-1, 1], A.nnz), 3)
    b = A @ rng.uniform(0, 5, n)
    c = rng.uniform(-1, 1, n) * 10 ** rng.uniform(-4, 4, n)
    lo, hi = np.zeros(n), rng.uniform(5, 50, n) * 10 ** rng.uniform(0, 3)
    lp = LinearModel(c, A, b, b, lo, hi)
    lp.run()
    for _ in range(3):
        c = rng.uniform(-1, 1, n) * 10 ** rng.uniform(-4, 4, n)
        lp.set_costs(c)
        hi2 = hi * rng.uniform(0.9, 1.5, n)
        lp.set_bounds(lo, hi2)
        lp.run()
    lp.clear()
    warm_then_cold, fresh = lp.run(), LinearModel(c, A, b, b, lo, hi2).run()
    assert warm_then_cold["status"] == fresh["status"] == "optimal"
    assert np.array_equal(warm_then_cold["x"], fresh["x"])
    assert np.array_equal(warm_then_cold["row_dual"], fresh["row_dual"])
