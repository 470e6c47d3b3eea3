"""Generalised regions (processes and losses): sifting and the resource-by-resource path against one LP.

Every answer is held to HiGHS on the whole LP: the same objective (1e-7
relative; in practice to the last few bits), and duals that prove the whole
LP's optimum, both for our own flows and for HiGHS' (complementary slackness
with any optimal primal solution is what makes a dual vector optimal, so at a
degenerate optimum, where several are, this is the comparison that holds).
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

import flows
from flows import BOUNDARY, Problem
from flows.blocks import solve_blocks
from flows.linked import solve_linked
from flows.sifting import solve_sifted, worth_sifting
from flows.synthetic import regional

B = BOUNDARY


def generalised(seed: int, actors: int = 300, resources: int = 8, processes: int = 30) -> Problem:
    return regional(actors, resources, links_per_supplier=20, processes=processes, losses=True, seed=seed).problem


def _proves(p: Problem, x: np.ndarray, y: np.ndarray, tol: float = 1e-7) -> None:
    """``y`` (with its reduced costs c - A^T y) proves ``x`` optimal for ``p``: signs at the bounds, and the
    dual objective equal to the primal one."""
    c = p.cost_vector("cost")
    d = c - p.incidence().T @ y
    lo, hi = p.bounds()
    scale = tol * max(1.0, np.abs(c).max())
    at_lo, at_hi = x <= lo + 1e-7, x >= hi - 1e-7
    assert np.abs(d[~at_lo & ~at_hi]).max(initial=0.0) <= scale
    assert d[at_lo & ~at_hi].min(initial=0.0) >= -scale and d[at_hi & ~at_lo].max(initial=0.0) <= scale
    assert c @ x == pytest.approx(p.rhs @ y + d @ x, rel=1e-9)


def _agrees_with_one_lp(p: Problem, s) -> None:
    lp = flows.solve(p, engine="highs")
    assert s.status == lp.status == "optimal"
    assert s.objective == pytest.approx(lp.objective, rel=1e-9)
    x, x_lp = np.concatenate([s.flow, s.activity]), np.concatenate([lp.flow, lp.activity])
    assert np.abs(p.residual(s.flow, s.activity)).max() <= 1e-6 * max(1.0, np.abs(p.rhs).max())
    lo, hi = p.bounds()
    assert np.all(x >= lo - 1e-7) and np.all(x <= hi + 1e-7)
    _proves(p, x, s.duals)        # our duals prove our flows optimal
    _proves(p, x_lp, s.duals)     # and HiGHS' flows: they are an optimal dual solution of the whole LP
    _proves(p, x, lp.duals)       # HiGHS' duals prove our flows optimal
    assert np.allclose(s.reduced_costs, p.cost_vector("cost") - p.incidence().T @ s.duals, atol=1e-6)
    for k in lp.totals:
        assert s.totals[k] == pytest.approx(lp.totals[k], rel=1e-7, abs=1e-6)


@pytest.mark.parametrize("seed", range(8))
def test_resource_by_resource_gives_the_whole_lps_optimum_and_duals(seed):
    p = generalised(seed)
    s = solve_linked(p, solve_parts=solve_blocks)
    assert s.info["linked"]["started"] and s.info["linked"]["network_flow_blocks"] > 0
    _agrees_with_one_lp(p, s)


@pytest.mark.parametrize("seed", range(4))
def test_sifting_gives_the_whole_lps_optimum_on_fewer_arcs(seed):
    p = generalised(seed, processes=0)
    assert worth_sifting(p)
    s = solve_sifted(p)
    assert s.info["sifting"]["columns"] < p.n_arcs
    _agrees_with_one_lp(p, s)


def test_the_network_engine_and_auto_take_the_linked_path_for_a_generalised_region():
    p = regional(600, 8, links_per_supplier=20, processes=40, losses=True, seed=11).problem
    net = flows.solve(p, engine="network")
    assert net.info["engine"] == "network" and "linked" in net.info
    _agrees_with_one_lp(p, net)
    auto = flows.solve(p)
    assert auto.info["engine"] == "network" and "arcs in pure resources" in auto.info["auto"]
    assert auto.objective == net.objective


def test_threads_give_the_same_answer_bit_for_bit():
    p = generalised(3, actors=500, processes=40)
    one = solve_linked(p, workers=1, solve_parts=solve_blocks)
    two = solve_linked(p, workers=2, solve_parts=solve_blocks)
    assert one.objective == two.objective
    assert np.array_equal(one.flow, two.flow) and np.array_equal(one.duals, two.duals)
    q = replace(p, conversion=None, conv_lower=None, conv_upper=None, conv_costs={})
    a, b = solve_blocks(q, workers=1), solve_blocks(q, workers=2, parallel_min=0)
    assert np.array_equal(a.flow, b.flow) and np.array_equal(a.duals, b.duals)


def test_a_held_conversion_that_leaves_a_need_open_still_finds_the_optimum():
    # node 1 can only be fed by the conversion (node 0 -> node 1): holding it at 0 leaves node 1 short
    p = Problem(n_nodes=2, tail=[B, 1], head=[0, B], rhs=[0.0, 4.0], costs={"cost": [3.0, 1.0]},
                conversion=np.array([[-1.0], [2.0]]), conv_upper=[10.0], conv_costs={"cost": [1.0]})
    s = solve_linked(p, solve_parts=solve_blocks)
    assert s.ok and not s.info["linked"]["started"]
    assert s.activity.tolist() == [2.0] and s.objective == pytest.approx(3 * 2 + 2)


def test_an_unbounded_resource_makes_the_whole_unbounded():
    # a sale at -5 fed by a purchase at 1 with no capacity: unbounded with or without the conversion
    p = Problem(n_nodes=2, tail=[B, 0, B], head=[0, B, 1], rhs=[0.0, 1.0], costs={"cost": [1.0, -5.0, 2.0]},
                conversion=np.array([[-1.0], [1.0]]), conv_upper=[3.0])
    assert solve_linked(p, solve_parts=solve_blocks).status == "unbounded" == flows.solve(p, engine="highs").status


def test_sifting_falls_back_to_every_arc_when_its_first_arcs_cannot_balance():
    # the only way into node 1 is an inner arc that the first working set (one cheapest arc per end) leaves out
    p = Problem(n_nodes=2, tail=[B, 0, 0], head=[0, 1, 1], rhs=[0.0, 5.0], upper=[np.inf, 2.0, np.inf],
                costs={"cost": [1.0, 1.0, 9.0]})
    s = solve_sifted(p, first=1)
    assert s.ok and s.flow.tolist() == [5.0, 2.0, 3.0] and s.objective == 5 + 2 + 27
    infeasible = replace(p, upper=np.array([np.inf, 2.0, 1.0]))
    assert solve_sifted(infeasible, first=1).status == "infeasible"


def test_data_the_network_flow_path_would_round_still_give_the_exact_optimum():
    # a third of a krone per unit: OR-Tools' start is rounded, HiGHS' finish is not
    p = generalised(4)
    third = replace(p, costs={**p.costs, "cost": p.costs["cost"] + 1 / 3})
    s = solve_linked(third, solve_parts=solve_blocks)
    assert s.objective == pytest.approx(flows.solve(third, engine="highs").objective, rel=1e-9)


def test_a_problem_with_nothing_to_decide_is_answered_on_the_linked_and_sifting_paths():
    # found by the property tests: a network with no supplies, demands or streams compiles to a problem with
    # no variables, which HiGHS calls "Empty" (an error); the other paths answered it
    for rhs, status in (([0.0], "optimal"), ([1.0], "infeasible")):
        p = Problem(n_nodes=1, tail=[], head=[], rhs=rhs, costs={"cost": []})
        linked = solve_linked(p, solve_parts=solve_blocks).status
        assert linked == solve_sifted(p).status == flows.solve(p).status == status

def test_sifting_starts_from_every_arc_when_the_duals_leave_none():
    # found by --hypothesis-profile long (tests/symbiosis/engine/test_properties.py): one arc between two
    # nodes needing nothing, priced out by the duals; the first working set was empty, HiGHS called the
    # model "Empty" and the linked path said "error" where the optimum is no flow at cost 0
    p = Problem(n_nodes=2, tail=[0], head=[1], rhs=[0.0, 0.0], costs={"cost": [1.0]})
    for s in (solve_sifted(p, duals=np.zeros(2)), solve_linked(p, solve_parts=solve_blocks)):
        assert (s.status, s.objective, s.flow.tolist()) == ("optimal", 0.0, [0.0])

