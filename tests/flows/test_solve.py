"""The flows engine on small problems solved by hand: exact optima, duals, infeasibility."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from flows import BOUNDARY, Imbalance, Problem, diagnose_infeasible, solve

B = BOUNDARY


def assert_balanced(p: Problem, sol) -> None:
    np.testing.assert_allclose(p.residual(sol.flow, sol.activity), 0.0, atol=1e-7)
    lo, hi = p.bounds()
    x = np.concatenate([sol.flow, sol.activity])
    assert np.all(x >= lo - 1e-9) and np.all(x <= hi + 1e-9)


# -- known optima -------------------------------------------------------------------------

def test_two_sources_one_sink():
    """The doctest of solve(): 5 units needed, the cheap source (2/unit) capped at 4."""
    p = Problem(n_nodes=1, tail=[B, B], head=[0, 0], rhs=[5.0], costs={"cost": [2.0, 3.0]}, upper=[4.0, np.inf])
    sol = solve(p)
    assert sol.ok and sol.status == "optimal"
    np.testing.assert_allclose(sol.flow, [4.0, 1.0])
    assert sol.objective == pytest.approx(11.0)
    assert sol.totals == {"cost": pytest.approx(11.0)}
    # one more unit needed comes from the dear source
    assert sol.duals[0] == pytest.approx(3.0)
    assert_balanced(p, sol)


def transport_2x2() -> Problem:
    """S1 (30) and S2 (20) supply D1 (25) and D2 (25).

    Costs S1->D1 1, S1->D2 4, S2->D1 3, S2->D2 2. With a = S1->D1 the flows are
    (a, 30-a, 25-a, a-5), cost 185 - 4a on 5 <= a <= 25: optimum a = 25, cost 85.
    """
    return Problem(n_nodes=4, tail=[0, 0, 1, 1], head=[2, 3, 2, 3], rhs=[-30, -20, 25, 25],
                   costs={"cost": [1, 4, 3, 2]})


def test_transport_2x2():
    p = transport_2x2()
    sol = solve(p)
    assert sol.ok
    np.testing.assert_allclose(sol.flow, [25, 5, 0, 20], atol=1e-9)
    assert sol.objective == pytest.approx(85.0)
    assert_balanced(p, sol)


def test_named_costs_and_weighted_objective():
    """Two named costs: the weights decide which source is used; totals report both."""
    p = Problem(n_nodes=1, tail=[B, B], head=[0, 0], rhs=[10.0],
                costs={"cost": [1.0, 2.0], "co2e": [0.5, 0.1]})
    by_cost = solve(p, "cost")
    np.testing.assert_allclose(by_cost.flow, [10, 0], atol=1e-9)
    assert by_cost.totals == {"cost": pytest.approx(10.0), "co2e": pytest.approx(5.0)}
    by_co2 = solve(p, "co2e")
    np.testing.assert_allclose(by_co2.flow, [0, 10], atol=1e-9)
    assert by_co2.objective == pytest.approx(1.0)
    # 1 DKK/unit more buys 0.4 t less: a carbon value above 2.5 DKK/t tips the balance
    np.testing.assert_allclose(solve(p, {"cost": 1, "co2e": 2.0}).flow, [10, 0], atol=1e-9)
    weighted = solve(p, {"cost": 1, "co2e": 3.0})
    np.testing.assert_allclose(weighted.flow, [0, 10], atol=1e-9)
    assert weighted.objective == pytest.approx(20 + 3.0 * 1.0)


def test_unknown_objective_name():
    p = Problem(n_nodes=1, tail=[B], head=[0], rhs=[1.0], costs={"cost": [1.0]})
    with pytest.raises(KeyError, match="co2e"):
        solve(p, "co2e")


# -- gains -----------------------------------------------------------------------------

def lossy(import_price: float) -> Problem:
    """Node 0 has 100 units; node 1 needs 45. The pipe 0->1 loses 10% and costs 1 per unit sent;
    node 1 can also import at ``import_price``; node 0 disposes of what it does not send, for free."""
    return Problem(n_nodes=2, tail=[0, B, 0], head=[1, 1, B], rhs=[-100.0, 45.0], gain=[0.9, 1.0, 1.0],
                   costs={"cost": [1.0, import_price, 0.0]})


def test_gain_needs_one_over_gain_sent():
    sol = solve(lossy(import_price=1.2))
    np.testing.assert_allclose(sol.flow, [50.0, 0.0, 50.0], atol=1e-9)  # 45 / 0.9 = 50 sent
    assert sol.objective == pytest.approx(50.0)
    assert sol.duals[1] == pytest.approx(1 / 0.9)  # a delivered unit costs 1/0.9
    assert_balanced(lossy(1.2), sol)


def test_gain_makes_the_pipe_dearer_than_a_cheaper_import():
    # delivered by pipe: 1/0.9 = 1.111 per unit > 1.05 to import
    sol = solve(lossy(import_price=1.05))
    np.testing.assert_allclose(sol.flow, [0.0, 45.0, 100.0], atol=1e-9)
    assert sol.objective == pytest.approx(45 * 1.05)


def test_gain_limited_by_capacity_of_what_is_sent():
    p = lossy(1.2).with_bounds(upper=[20.0, np.inf, np.inf])
    sol = solve(p)
    # 20 sent -> 18 delivered; 27 imported
    np.testing.assert_allclose(sol.flow, [20.0, 27.0, 80.0], atol=1e-9)
    assert sol.objective == pytest.approx(20 + 27 * 1.2)


# -- conversions --------------------------------------------------------------------------

def digester(gas_demand: float, capacity: float = 10.0) -> Problem:
    """A biogas plant: 1 t biomass -> 100 m3 gas + 0.9 t digestate, at most ``capacity`` t a year.

    Nodes: 0 biomass (t), 1 gas (m3, ``gas_demand`` needed), 2 digestate (t).
    Arcs: buy biomass at 20 DKK/t; buy natural gas at 3 DKK/m3; dispose of digestate
    at 2 DKK/t; flare surplus gas for free. The process costs 50 DKK/t to run.
    Per t: 20 + 50 + 0.9 x 2 = 71.8 DKK for 100 m3, i.e. 0.718 DKK/m3 < 3: run it.
    """
    conversion = sp.csr_matrix(np.array([[-1.0], [100.0], [0.9]]))
    return Problem(n_nodes=3, tail=[B, B, 2, 1], head=[0, 1, B, B], rhs=[0.0, gas_demand, 0.0],
                   costs={"cost": [20.0, 3.0, 2.0, 0.0]}, conversion=conversion,
                   conv_upper=[capacity], conv_costs={"cost": [50.0]})


def test_conversion_at_capacity():
    p = digester(gas_demand=1500)
    sol = solve(p)
    assert sol.ok
    np.testing.assert_allclose(sol.activity, [10.0])
    # 10 t biomass bought, 500 m3 gas bought, 9 t digestate disposed of, no flaring
    np.testing.assert_allclose(sol.flow, [10.0, 500.0, 9.0, 0.0], atol=1e-9)
    assert sol.objective == pytest.approx(10 * 71.8 + 500 * 3)
    assert sol.duals[1] == pytest.approx(3.0)  # the marginal m3 is bought
    assert_balanced(p, sol)


def test_conversion_limited_by_demand():
    p = digester(gas_demand=450)
    sol = solve(p)
    np.testing.assert_allclose(sol.activity, [4.5])
    np.testing.assert_allclose(sol.flow, [4.5, 0.0, 4.05, 0.0], atol=1e-9)
    assert sol.objective == pytest.approx(4.5 * 71.8)
    assert sol.duals[1] == pytest.approx(0.718)  # the marginal m3 comes from the digester
    assert_balanced(p, sol)


def test_conversion_costs_are_reported_in_totals():
    sol = solve(digester(gas_demand=450))
    assert sol.totals["cost"] == pytest.approx(4.5 * 71.8)


# -- duals ---------------------------------------------------------------------------------

def priced_transport(rhs) -> Problem:
    """S1 (30) and S2 (20) supply D1 (25) and D2 (35); the 10 missing are imported (D1 at 10, D2 at 8);
    sources may dispose at 0.5. Optimum: S1->D1 25, S1->D2 5, S2->D2 20, import 10 at D2, cost 165:
    every basic variable is strictly positive, so the duals are unique: S1 4, S2 6, D1 5, D2 8."""
    return Problem(n_nodes=4, tail=[0, 0, 1, 1, B, B, 0, 1], head=[2, 3, 2, 3, 2, 3, B, B], rhs=rhs,
                   costs={"cost": [1, 4, 3, 2, 10, 8, 0.5, 0.5]})


def test_priced_transport_optimum_and_duals():
    rhs = np.array([-30.0, -20.0, 25.0, 35.0])
    sol = solve(priced_transport(rhs))
    np.testing.assert_allclose(sol.flow, [25, 5, 0, 20, 0, 10, 0, 0], atol=1e-9)
    assert sol.objective == pytest.approx(165.0)
    np.testing.assert_allclose(sol.duals, [4.0, 6.0, 5.0, 8.0], atol=1e-9)


@pytest.mark.parametrize("node", range(4))
def test_duals_are_finite_differences(node):
    """The dual of a node is d objective / d rhs, from either side (non-degenerate problem)."""
    rhs = np.array([-30.0, -20.0, 25.0, 35.0])
    base = solve(priced_transport(rhs))
    eps = 1e-3
    up, down = rhs.copy(), rhs.copy()
    up[node] += eps
    down[node] -= eps
    forward = (solve(priced_transport(up)).objective - base.objective) / eps
    backward = (base.objective - solve(priced_transport(down)).objective) / eps
    assert forward == pytest.approx(base.duals[node], abs=1e-6)
    assert backward == pytest.approx(base.duals[node], abs=1e-6)


@pytest.mark.parametrize("node", range(3))
def test_duals_with_gains_and_conversions_are_finite_differences(node):
    p = digester(gas_demand=1500)
    base = solve(p)
    eps = 1e-3
    rhs = p.rhs.copy()
    rhs[node] += eps
    moved = solve(Problem(n_nodes=3, tail=p.tail, head=p.head, rhs=rhs, costs=p.costs, conversion=p.conversion,
                          conv_upper=p.conv_upper, conv_costs=p.conv_costs))
    assert (moved.objective - base.objective) / eps == pytest.approx(base.duals[node], abs=1e-6)


# -- infeasibility ---------------------------------------------------------------------------

def test_infeasible_shortage():
    """Node 1 needs 15 but the only way in (capped at 8) brings at most 8: 7 short at node 1."""
    p = Problem(n_nodes=2, tail=[0, 0], head=[1, B], rhs=[-10.0, 15.0], upper=[8.0, np.inf],
                costs={"cost": [1.0, 0.0]})
    sol = solve(p)
    assert sol.status == "infeasible" and not sol.ok
    assert np.isnan(sol.objective) and np.all(np.isnan(sol.flow))
    assert diagnose_infeasible(p) == [Imbalance(node=1, shortage=pytest.approx(7.0), surplus=0.0)]


def test_infeasible_surplus():
    """Node 0 has 10 and no disposal; the pipe to node 1 carries at most 6: 4 surplus at node 0."""
    p = Problem(n_nodes=2, tail=[0], head=[1], rhs=[-10.0, 6.0], upper=[6.0], costs={"cost": [1.0]})
    assert solve(p).status == "infeasible"
    [imb] = diagnose_infeasible(p)
    assert imb.node == 0
    assert imb.surplus == pytest.approx(4.0) and imb.shortage == 0.0


def test_infeasible_through_a_gain():
    """Node 0 sends all its 10 over a 20%-loss pipe: 8 arrive where 9 are needed."""
    p = Problem(n_nodes=2, tail=[0], head=[1], rhs=[-10.0, 9.0], gain=[0.8])
    [imb] = diagnose_infeasible(p)
    assert imb.node == 1 and imb.shortage == pytest.approx(1.0)


def test_infeasible_lists_the_largest_first():
    p = Problem(n_nodes=3, tail=[B], head=[2], rhs=[3.0, -5.0, 1.0], upper=[10.0])
    assert [(i.node, i.shortage, i.surplus) for i in diagnose_infeasible(p)] == [
        (1, 0.0, pytest.approx(5.0)), (0, pytest.approx(3.0), 0.0)]


def test_feasible_problem_has_no_imbalance():
    assert diagnose_infeasible(transport_2x2()) == []


# -- construction ------------------------------------------------------------------------------

@pytest.mark.parametrize("kwargs,match", [
    ({"tail": [0, 1], "head": [1]}, "one entry per arc"),
    ({"rhs": [1.0]}, "rhs has 1 entries, expected 2"),
    ({"gain": [1.0, 1.0, 1.0]}, "gain has 3 entries"),
    ({"upper": [1.0]}, "upper"),
    ({"costs": {"cost": [1.0]}}, r"costs\[cost\]"),
    ({"tail": [0, 2]}, "node indices"),
    ({"tail": [B, 0], "head": [B, 1]}, "boundary to the boundary"),
    ({"conversion": sp.csr_matrix((3, 1))}, "one row per node"),
    ({"conversion": sp.csr_matrix((2, 1)), "conv_upper": [1.0, 2.0]}, "conv_upper"),
])
def test_problem_rejects_mismatched_arrays(kwargs, match):
    args = {"n_nodes": 2, "tail": [0, B], "head": [1, 1], "rhs": [0.0, 1.0]}
    args.update(kwargs)
    with pytest.raises(ValueError, match=match):
        Problem(**args)


@pytest.mark.parametrize("kwargs", [
    {"lower": [2.0, 0.0], "upper": [1.0, 5.0]},
    {"conversion": sp.csr_matrix((2, 1)), "conv_lower": [3.0], "conv_upper": [2.0]},
])
def test_problem_rejects_lower_above_upper(kwargs):
    with pytest.raises(ValueError, match="lower bound exceeds"):
        Problem(n_nodes=2, tail=[0, B], head=[1, 1], rhs=[0.0, 1.0], **kwargs)


def test_problem_defaults_and_incidence():
    p = Problem(n_nodes=2, tail=[0, B, 0], head=[1, 1, B], rhs=[-1.0, 1.0], gain=[0.5, 1.0, 1.0])
    np.testing.assert_array_equal(p.lower, 0.0)
    assert np.all(np.isinf(p.upper))
    assert (p.n_arcs, p.n_conversions, p.n_vars) == (3, 0, 3)
    np.testing.assert_array_equal(p.incidence().toarray(), [[-1, 0, -1], [0.5, 1, 0]])


def test_with_bounds_leaves_the_original():
    p = transport_2x2()
    q = p.with_bounds(upper=[10, np.inf, np.inf, np.inf])
    assert np.isinf(p.upper[0]) and q.upper[0] == 10
    sol = solve(q)
    # S1->D1 capped at 10: the rest of D1 (15) from S2, S2 has 5 left for D2, S1 sends 20 to D2
    np.testing.assert_allclose(sol.flow, [10, 20, 15, 5], atol=1e-9)
    assert sol.objective == pytest.approx(10 + 80 + 45 + 10)


def test_problem_without_variables():
    """Nothing to decide: balanced if every rhs is zero, infeasible otherwise (no crash either way)."""
    empty = solve(Problem(n_nodes=0, tail=[], head=[], rhs=[], costs={"cost": []}))
    assert empty.ok and empty.objective == 0.0 and empty.totals == {"cost": 0.0}
    idle = solve(Problem(n_nodes=2, tail=[], head=[], rhs=[0.0, 0.0], costs={"cost": []}))
    assert idle.ok and idle.duals.tolist() == [0.0, 0.0]
    stuck = Problem(n_nodes=2, tail=[], head=[], rhs=[0.0, 2.0], costs={"cost": []})
    assert solve(stuck).status == "infeasible"
    assert diagnose_infeasible(stuck) == [Imbalance(node=1, shortage=pytest.approx(2.0), surplus=0.0)]
    assert diagnose_infeasible(Problem(n_nodes=0, tail=[], head=[], rhs=[])) == []
