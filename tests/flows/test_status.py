"""One status vocabulary on every path, and the exception each status raises."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

import flows
from flows import BOUNDARY, Problem
from flows.blocks import solve_blocks
from flows.design import design
from flows.netflow import solve_network_flow
from flows.status import STATUSES
from flows.synthetic import regional

B = BOUNDARY
INF = np.inf


def optimal() -> Problem:
    return Problem(n_nodes=1, tail=[B, B], head=[0, 0], rhs=[5.0], upper=[4.0, INF], costs={"cost": [2.0, 3.0]})


def infeasible() -> Problem:  # a need of 5 and a capacity of 3
    return Problem(n_nodes=1, tail=[B], head=[0], rhs=[5.0], upper=[3.0], costs={"cost": [1.0]})


def unbounded() -> Problem:  # buy at -1 and sell at 0, both without a capacity
    return Problem(n_nodes=1, tail=[B, 0], head=[0, B], rhs=[0.0], costs={"cost": [-1.0, 0.0]})


PATHS = {
    "highs": lambda p: flows.solve(p, engine="highs"),
    "network": lambda p: flows.solve(p, engine="network"),
    "model": lambda p: flows.Model(p).solve(),
    "blocks": lambda p: solve_blocks(p),
    "blocks_lp": lambda p: solve_blocks(p, network_flow=False),
    "network_flow": lambda p: solve_network_flow(p),
}
CASES = {"optimal": optimal, "infeasible": infeasible, "unbounded": unbounded}


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("case", CASES)
def test_every_path_names_the_outcome_in_one_vocabulary(path, case):
    s = PATHS[path](CASES[case]())
    assert s.status in STATUSES
    assert s.status == case, s.message
    assert s.ok == (case == "optimal")
    if case != "optimal":
        assert np.isnan(s.objective) and np.isnan(s.flow).all()


@pytest.mark.parametrize(("case", "error"), [("infeasible", flows.Infeasible), ("unbounded", flows.Unbounded)])
def test_raise_for_status_names_the_failure_and_carries_the_solution(case, error):
    s = flows.solve(CASES[case]())
    with pytest.raises(error) as caught:
        s.raise_for_status()
    assert isinstance(caught.value, flows.SolveError) and isinstance(caught.value, RuntimeError)
    assert caught.value.status == case and caught.value.solution is s
    assert case in str(caught.value)


def test_raise_for_status_returns_an_optimal_solution_itself():
    s = flows.solve(optimal())
    assert s.raise_for_status() is s
    assert s.raise_for_status().flow.tolist() == [4.0, 1.0]


def test_limits_are_statuses_of_their_own_and_raise_limit_reached():
    p = regional(200, 5, seed=1).problem
    for options, status in [({"time_limit": 0.0}, "time_limit"), ({"simplex_iteration_limit": 1}, "iteration_limit")]:
        s = flows.solve(p, engine="highs", **options)
        assert s.status == status
        with pytest.raises(flows.LimitReached):
            s.raise_for_status()


@pytest.mark.parametrize(("case", "status"), [("unbounded", "unbounded"), ("infeasible", "infeasible")])
def test_unbounded_or_infeasible_is_settled(case, status):
    # with allow_unbounded_or_infeasible HiGHS may leave the question open (kUnboundedOrInfeasible); flows
    # used to call that infeasible. A run without costs settles it: feasible means unbounded.
    problem = CASES[case]()
    plain = flows.solve(problem)
    s = flows.solve(problem, allow_unbounded_or_infeasible=True)
    assert s.status == plain.status == status
    # and the model keeps its costs: the same model solves the optimal problem as before
    m = flows.Model(optimal(), allow_unbounded_or_infeasible=True)
    assert m.solve().objective == 11.0


def test_a_two_node_unbounded_problem_that_highs_leaves_open_is_unbounded():
    # a cycle 0 -> 1 -> 0 that pays 1 a round, beside a need of 1 bought at 1
    p = Problem(n_nodes=2, tail=[B, 0, 1], head=[0, 1, 0], rhs=[1.0, 0.0], costs={"cost": [1.0, -1.0, 0.0]})
    assert flows.solve(p, allow_unbounded_or_infeasible=True, presolve="off").status == "unbounded"


def test_an_unknown_highs_option_is_an_error_naming_it():
    with pytest.raises(ValueError, match="no option 'time_limt'"):
        flows.solve(optimal(), time_limt=5)


def test_design_statuses_are_in_the_vocabulary():
    # no design meets a need of 5 through a capacity of 3
    d = design(infeasible(), candidates=[0], fixed_cost=[1.0])
    assert d.status == "infeasible" and d.status in STATUSES
    # stopped at once: with a design it is 'feasible' or, if HiGHS proved it anyway, 'optimal'
    r = regional(60, 3, seed=2)
    links = np.flatnonzero(r.arc_kind == 0)[:10]
    d = design(r.problem, links, np.full(links.size, 1e5), time_limit=1e-9)
    assert d.status in STATUSES


@pytest.mark.parametrize(("case", "error"), [("infeasible", flows.Infeasible), ("unbounded", flows.Unbounded)])
def test_a_front_of_a_problem_without_optimum_raises_the_status(case, error):
    p = CASES[case]()
    ones = np.ones(p.n_arcs)
    problem = dataclasses.replace(p, costs={"cost": p.costs["cost"], "co2e": ones, "jobs": -ones}, conv_costs={})
    with pytest.raises(error, match="no front"):
        flows.pareto_front(problem, "cost", "co2e", points=3)
    with pytest.raises(error, match="no front"):
        flows.pareto_surface(problem, "cost", "co2e", "jobs", points=2)


def test_a_front_whose_second_or_third_objective_is_unbounded_raises_unbounded_naming_it():
    # issue 22, bug 3: cost and co2e have an optimum, jobs (a job counts -1) falls without limit on the
    # import-export pair; the fronts used to fail in numpy's matmul
    p = Problem(n_nodes=1, tail=[-1, 0], head=[0, -1], rhs=[1.0],
                costs={"cost": [1.0, 0.0], "co2e": [1.0, 0.0], "jobs": [-1.0, 0.0]})
    with pytest.raises(flows.Unbounded, match="'jobs'"):
        flows.pareto_front(p, "cost", "jobs", 3)
    with pytest.raises(flows.Unbounded, match="'jobs'"):
        flows.pareto_surface(p, "cost", "co2e", "jobs", 2)
    with pytest.raises(flows.Unbounded, match="'jobs'"):
        flows.pareto_surface(p, "cost", "jobs", "co2e", 2)
    with pytest.raises(flows.Unbounded, match="'jobs'"):
        flows.pareto_front(p, "jobs", "cost", 3)
    assert flows.pareto_front(p, "cost", "co2e", 3).f.tolist() == [1.0]
