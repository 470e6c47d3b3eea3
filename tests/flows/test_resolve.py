"""Re-solving a problem with new numbers gives what a fresh solve gives."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import flows
from flows import resolve
from flows.resolve import Resolver
from symbiosis.engine import compile_network
from symbiosis.io import load_network
from tests.paths import FIXTURES

TINY = FIXTURES / "tiny.yaml"


@pytest.mark.parametrize("mode", ["optimised", "observed", "counterfactual"])
def test_variants_match_a_fresh_solve(mode):
    problem = compile_network(load_network(TINY), mode).problem
    r = Resolver(problem, {"cost": 1.0, "co2e": 500.0})
    rng = np.random.default_rng(0)
    for _ in range(20):
        costs = {k: v * rng.uniform(0.5, 1.5, v.shape) for k, v in problem.costs.items()}
        rhs = problem.rhs * rng.uniform(0.8, 1.2, problem.rhs.shape)
        variant = dataclasses.replace(problem, costs=costs, rhs=rhs)
        got, want = r.solve(variant), flows.solve(variant, {"cost": 1.0, "co2e": 500.0})
        assert got.status == want.status
        if want.status != "optimal":
            continue
        assert got.objective == pytest.approx(want.objective, rel=1e-9)
        assert np.allclose(problem.residual(got.flow, got.activity) + problem.rhs - rhs, 0, atol=1e-6)
        for k in want.totals:
            assert got.totals[k] == pytest.approx(want.totals[k], rel=1e-9, abs=1e-9)


def test_the_same_variant_gives_the_same_answer_in_any_order():
    problem = compile_network(load_network(TINY), "optimised").problem
    cheap = dataclasses.replace(problem, costs={k: v * 0.5 for k, v in problem.costs.items()})
    r = Resolver(problem)
    first = r.solve(cheap).flow
    r.solve(problem)
    assert np.array_equal(Resolver(problem).solve(cheap).flow, first)
    assert np.array_equal(r.solve(cheap).flow, first)


def test_infeasible_variant_and_a_different_shape():
    problem = compile_network(load_network(TINY), "observed").problem
    r = Resolver(problem)
    impossible = dataclasses.replace(problem, rhs=np.maximum(problem.rhs, 0.0))  # no supply, fixed flows
    assert r.solve(impossible).status == "infeasible"
    other = compile_network(load_network(TINY).model_copy(update={"streams": []}), "observed").problem
    with pytest.raises(ValueError, match="same nodes, arcs"):
        r.solve(other)


def test_falls_back_to_scipy_without_highspy(monkeypatch):
    monkeypatch.setattr(resolve, "_highspy", lambda: None)
    problem = compile_network(load_network(TINY), "optimised").problem
    r = Resolver(problem)
    assert r.engine == "scipy"
    assert r.solve(problem).objective == pytest.approx(flows.solve(problem).objective)
