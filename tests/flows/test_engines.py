"""One way to solve: ``flows.solve(problem, engine=...)``, what ``auto`` picks and why, OR-Tools as an
optional extra, and the network-flow path's reduced costs."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace

import numpy as np
import pytest

import flows
from flows import BOUNDARY, Problem
from flows.blocks import solve_blocks
from flows.netflow import Inexact, solve_network_flow
from flows.solve import AUTO_MIN_ARCS
from flows.synthetic import regional

B = BOUNDARY


def small() -> Problem:
    return Problem(n_nodes=1, tail=[B, B], head=[0, 0], rhs=[5.0], upper=[4.0, np.inf], costs={"cost": [2.0, 3.0]})


def test_auto_solves_a_small_problem_as_one_lp():
    s = flows.solve(small())
    assert s.info["engine"] == "highs" and s.info["auto"] == "fewer than 1,000 arcs"
    assert s.objective == 11.0


def test_auto_takes_the_network_path_for_a_large_pure_problem_and_agrees_with_highs():
    p = regional(200, 8, seed=1).problem
    assert p.n_arcs >= AUTO_MIN_ARCS
    auto, lp = flows.solve(p), flows.solve(p, engine="highs")
    assert auto.info["engine"] == "network" and "arcs in pure blocks" in auto.info["auto"]
    assert auto.info["exact"] is True
    assert auto.objective == pytest.approx(lp.objective, rel=1e-12)
    for k in lp.totals:
        assert auto.totals[k] == pytest.approx(lp.totals[k], rel=1e-9, abs=1e-6)


def test_auto_keeps_to_highs_where_the_network_path_would_round():
    # a third of a krone per unit has no exact decimal: the network path would round it at 10^-6, auto does not
    p = regional(200, 8, seed=1).problem
    third = Problem(**{**_fields(p), "costs": {**p.costs, "cost": p.costs["cost"] + 1 / 3}})
    s = flows.solve(third)
    assert s.info["engine"] == "highs" and "rounding" in s.info["auto"]
    with pytest.raises(Inexact):
        solve_network_flow(third, exact=True)
    rounded = flows.solve(third, engine="network")  # asked for: rounds, and says so
    assert rounded.info["engine"] == "network" and rounded.info["exact"] is False
    assert rounded.objective == pytest.approx(s.objective, rel=1e-9)


def test_auto_keeps_to_highs_when_few_arcs_are_in_pure_blocks():
    # every arc of a region loses 1 %: no block is pure
    p = regional(200, 8, seed=1).problem
    lossy = Problem(**{**_fields(p), "gain": np.full(p.n_arcs, 0.99)})
    s = flows.solve(lossy)
    assert s.info["engine"] == "highs" and s.info["auto"] == f"0 of {p.n_arcs:,} arcs in pure blocks"


def test_an_unknown_engine_is_an_error():
    with pytest.raises(ValueError, match="engine must be one of auto, highs, network"):
        flows.solve(small(), engine="glpk")


def test_without_ortools_network_names_the_extra_and_auto_falls_back():
    # a fresh process in which OR-Tools cannot be imported
    code = (
        "import sys\n"
        "sys.modules['ortools'] = None\n"
        "import flows\n"
        "from flows.synthetic import regional\n"
        "p = regional(200, 8, seed=1).problem\n"
        "s = flows.solve(p)\n"
        "print(s.status, s.info['engine'], s.info['auto'])\n"
        "try:\n"
        "    flows.solve(p, engine='network')\n"
        "except ImportError as e:\n"
        "    print('ImportError:', e)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    lines = out.strip().splitlines()
    assert lines[0] == "optimal highs OR-Tools is not installed"
    assert lines[1].startswith("ImportError: the network-flow path needs OR-Tools")
    assert 'pip install "industrial-symbiosis[network]"' in lines[1]


def test_the_package_exports_what_its_docstring_promises():
    for name in flows.__all__:
        assert getattr(flows, name) is not None, name
    for promised in ("solve", "Model", "solve_blocks", "design", "pareto_front", "pareto_surface", "join",
                     "Infeasible", "Unbounded", "SolveError"):
        assert promised in flows.__all__ and promised in flows.__doc__
    assert flows.solve_blocks is solve_blocks


def _fields(p: Problem) -> dict:
    return dict(n_nodes=p.n_nodes, tail=p.tail, head=p.head, rhs=p.rhs, gain=p.gain, lower=p.lower, upper=p.upper,
                costs=p.costs, conversion=p.conversion, conv_lower=p.conv_lower, conv_upper=p.conv_upper,
                conv_costs=p.conv_costs)


def _certify(p: Problem, s, tol: float = 1e-7) -> None:
    """(duals, reduced costs) prove ``s`` optimal: c = A^T y + d, d >= 0 at lower bounds, <= 0 at upper,
    0 in between, and the dual objective equals the primal one."""
    c = p.cost_vector("cost")
    x = np.concatenate([s.flow, s.activity])
    d = s.reduced_costs
    assert np.allclose(c - p.incidence().T @ s.duals, d, atol=tol)
    lo, hi = p.bounds()
    scale = tol * max(1.0, np.abs(c).max())
    at_lo, at_hi = x <= lo + 1e-9, x >= hi - 1e-9
    assert np.all(d[~at_lo & ~at_hi] == pytest.approx(0.0, abs=scale))
    assert np.all(d[at_lo & ~at_hi] >= -scale) and np.all(d[at_hi & ~at_lo] <= scale)
    assert c @ x == pytest.approx(p.rhs @ s.duals + d @ x, rel=1e-9, abs=1e-6)


@pytest.mark.parametrize("seed", range(6))
def test_the_network_flow_path_reports_reduced_costs_that_prove_optimality(seed):
    p = regional(80, 4, seed=seed).problem
    for s in (solve_network_flow(p), solve_blocks(p), flows.solve(p, engine="network")):
        assert s.reduced_costs is not None and np.isfinite(s.reduced_costs).all()
        _certify(p, s)
    lp = flows.solve(p, engine="highs")
    _certify(p, lp)
    # where HiGHS and the network path find the same duals, they find the same reduced costs too
    same = np.isclose(lp.duals[p.tail], solve_network_flow(p).duals[p.tail]) & np.isclose(
        lp.duals[p.head], solve_network_flow(p).duals[p.head])
    inner = (p.tail >= 0) & (p.head >= 0) & same
    assert np.allclose(lp.reduced_costs[: p.n_arcs][inner], solve_network_flow(p).reduced_costs[inner], atol=1e-7)


def test_without_potentials_there_are_no_reduced_costs():
    p = regional(80, 4, seed=0).problem
    assert solve_network_flow(p, duals=False).reduced_costs is None
    assert np.isnan(flows.solve(p, engine="network", potentials=False).reduced_costs).all()


@pytest.mark.parametrize("swap", [False, True])
@pytest.mark.parametrize("gain", [1.0, 0.5])
def test_an_infeasible_block_makes_the_whole_infeasible_beside_an_unbounded_one(gain, swap):
    # issue 22, bug 2: block {0} pays without limit (import at -1, export free); block {1} needs 1 and
    # has only an export: the whole problem is infeasible, whichever block comes first
    tail, head, g, c, rhs = [B, 0, 1], [0, B, B], [gain, 1.0, 0.5], [-1.0, 0.0, 0.0], [0.0, 1.0]
    if swap:
        tail, head, rhs = [B, 1, 0], [1, B, B], [1.0, 0.0]
    p = Problem(n_nodes=2, tail=tail, head=head, rhs=rhs, gain=g, costs={"cost": c})
    from flows.linked import solve_linked

    assert flows.solve(p, engine="highs").status == "infeasible"
    assert flows.solve(p, engine="network").status == "infeasible"
    assert solve_linked(p, solve_parts=solve_blocks).status == "infeasible"
    # without the infeasible need it is unbounded on every path
    q = replace(p, rhs=[0.0, 0.0])
    linked = solve_linked(q, solve_parts=solve_blocks).status
    assert {flows.solve(q, engine=e).status for e in ("highs", "network")} | {linked} == {"unbounded"}


def _dual_feasible(p: Problem, s, tol: float = 1e-9) -> None:
    """Reduced costs c - A^T y of the bound each variable sits at: the duals prove the flow optimal."""
    x = np.concatenate([s.flow, s.activity])
    d = p.cost_vector("cost") - p.incidence().T @ s.duals
    np.testing.assert_allclose(d, s.reduced_costs, atol=tol)
    lo, hi = p.bounds()
    at_lo, at_hi = x <= lo + tol, x >= hi - tol
    assert np.all(d[at_lo & ~at_hi] >= -tol) and np.all(d[at_hi & ~at_lo] <= tol)
    assert np.all(np.abs(d[~at_lo & ~at_hi]) <= tol)


def test_nodes_cut_off_from_the_boundary_get_valid_duals_on_the_network_path():
    # issue 22, bug 6: arc 0 carries the 5 from node 0 to node 1 at its capacity; the import into 1 and the
    # export from 0 have capacity 0, so no residual path joins either node to the boundary
    p = Problem(n_nodes=2, tail=[0, B, 0], head=[1, 1, B], rhs=[-5.0, 5.0], upper=[5.0, 0.0, 0.0],
                costs={"cost": [1.0, 100.0, 10.0]})
    for s in (flows.solve(p, engine="network"), solve_network_flow(p), flows.solve(p, engine="highs")):
        assert s.ok and s.objective == 5.0
        assert np.isfinite(s.duals).all(), s.duals
        _dual_feasible(p, s)
    # beside a block whose duals the shortest paths find, that block keeps them
    q = flows.join(p, Problem(n_nodes=1, tail=[B], head=[0], rhs=[2.0], costs={"cost": [3.0]}))
    s = flows.solve(q, engine="network")
    assert s.duals[2] == 3.0 and np.isfinite(s.duals).all()
    _dual_feasible(q, s)
