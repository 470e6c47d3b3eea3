"""Sifting: an LP with many more arcs than nodes, solved in HiGHS on a few of its arcs at a time.

A regional network has tens of candidate links per node, but an optimal
basis uses at most one variable per node: most arcs sit at 0. Sifting (the
column generation of the simplex literature; CPLEX's "sifting" method) solves
the LP on a working set of arcs, prices every arc left out with the duals of
that solution (``c - gain * y[head] + y[tail]``, one vectorised pass), adds the
ones that would lower the cost and solves again, warm, from the last basis.
When no arc left out has a negative reduced cost the working set's optimum is
the whole problem's: its duals are feasible for every arc, so the objective is
the whole LP's and the duals are an optimal dual solution of it.

An arc can stay out only if 0 is one of its bounds (``lower == 0``), since
leaving it out holds it there; every other arc, every boundary arc (imports
and exports keep the working set feasible in the networks :mod:`flows`
builds) and every conversion is in from the start. If the working set is
infeasible all the other arcs join at once (the whole LP, warm); if it is
unbounded so is the whole problem.

On the 1.14M-arc generalised region a lossy resource's block (1,200 nodes,
29,000 arcs) took 0.06-0.15 s this way against 0.28-0.42 s as one LP
(docs/benchmarks.md).
"""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import scipy.sparse as sp

from flows.highs import LinearModel
from flows.problem import BOUNDARY, BoolArray, FloatArray, IntArray, Problem
from flows.solution import Solution, _no_variables
from flows.status import INFEASIBLE, OPTIMAL
from flows.verify import RELATIVE

__all__ = ["solve_sifted", "worth_sifting"]

#: Sifting pays from this many arcs per node (fewer: the whole LP is as quick).
MIN_ARCS_PER_NODE = 4.0


def worth_sifting(problem: Problem, min_arcs: int = 2_000) -> bool:
    """True if ``problem`` has at least ``min_arcs`` arcs and :data:`MIN_ARCS_PER_NODE` arcs per node.

    Parameters
    ----------
    problem : Problem
    min_arcs : int, default 2,000

    Returns
    -------
    bool
    """
    return problem.n_arcs >= min_arcs and problem.n_arcs >= MIN_ARCS_PER_NODE * max(1, problem.n_nodes)


def _best_per_node(arcs: np.ndarray, score: np.ndarray, ends: tuple[np.ndarray, ...], n_nodes: int,
                   k: int) -> np.ndarray:
    """The arcs among ``arcs`` that rank in the ``k`` lowest ``score`` at any of their ``ends`` (vectorised)."""
    pick = np.zeros(arcs.size, bool)
    for e in ends:
        node = e[arcs]
        node = np.where(node == BOUNDARY, n_nodes, node)
        order = np.lexsort((score, node))
        sorted_nodes = node[order]
        rank = np.arange(order.size) - np.searchsorted(sorted_nodes, sorted_nodes, side="left")
        pick[order[rank < k]] = True
    return arcs[pick]


def solve_sifted(problem: Problem, objective: str | dict[str, float] = "cost", *, start: FloatArray | None = None,
                 duals: FloatArray | None = None, first: int = 5, per_node: int = 10, keep: float = 0.05,
                 near: float = 0.0, tol: float = 1e-7, **options: Any) -> Solution:
    """The LP optimum of ``problem`` by sifting (see the module notes): the same optimum as one LP.

    Parameters
    ----------
    problem : Problem
    objective : str or dict, default "cost"
        A named cost, or weights over named costs.
    start : numpy.ndarray, optional
        A feasible point (arcs, then conversions) to start from: its non-zero
        arcs join the first working set and HiGHS builds its first basis from it.
    duals : numpy.ndarray, optional
        Estimated node duals (objective units per unit): the first working set
        then holds every arc whose reduced cost under them is below ``keep`` x
        max(1, \\|cost\\|). Without them, the ``first`` cheapest arcs (cost per
        unit delivered) at each node's head and tail end.
    first : int, default 5
        See ``duals``.
    per_node : int, default 10
        At most this many arcs join per node and round (the most negative
        reduced costs at either end).
    keep : float, default 0.05
        See ``duals``.
    near : float, default 0.0
        With a positive ``near``, each round also takes the arcs whose reduced
        cost is below ``near`` x max(1, \\|cost\\|) (nearly worth taking).
    tol : float, default 1e-7
        An arc left out joins when its reduced cost is below ``-tol`` (HiGHS'
        own dual feasibility tolerance).
    **options
        HiGHS options.

    Returns
    -------
    Solution
        ``info["sifting"]``: rounds, arcs in the final working set, HiGHS iterations.

    Examples
    --------
    >>> from flows.synthetic import regional
    >>> from flows import solve
    >>> p = regional(200, 4, links_per_supplier=30, losses=True, seed=3).problem
    >>> s = solve_sifted(p)
    >>> abs(s.objective - solve(p, engine="highs").objective) <= 1e-9 * abs(s.objective)
    True
    >>> s.info["sifting"]["columns"] < p.n_arcs
    True
    """
    t0 = time.perf_counter()
    if problem.n_vars == 0:  # nothing to decide (HiGHS would call the model empty, an error)
        return _no_variables(problem, problem.rhs)
    na = problem.n_arcs
    c = problem.cost_vector(objective)
    lo, hi = problem.bounds()
    inset = _first_set(problem, c[:na], start, duals, keep, first)
    cols = np.concatenate([np.flatnonzero(inset), na + np.arange(problem.n_conversions)])
    A = problem.incidence().tocsc()
    lp = _first_model(problem, c, A, lo, hi, cols, start, options)
    rounds, iterations = 0, 0
    while True:
        rounds += 1
        r = lp.run()
        iterations += int(lp._h.getInfo().simplex_iteration_count)
        if r["status"] == INFEASIBLE and not inset.all():  # the arcs left out may be needed: all of them, warm
            add = np.flatnonzero(~inset)
        elif r["status"] != OPTIMAL or r["row_dual"] is None:
            break
        else:
            entering = _entering(problem, c, hi, inset, cols, r, tol, near, per_node)
            if entering is None:
                break
            add = entering
        inset[add] = True
        lp.add_cols(c[add], A[:, add], lo[add], hi[add])
        cols = np.concatenate([cols, add])
    sifting = {"rounds": rounds, "columns": int(cols.size), "iterations": iterations, "time": time.perf_counter() - t0}
    return _sifted_solution(problem, c, A, cols, r, {"engine": "highs", "gap": 0.0, "sifting": sifting})


def _first_set(problem: Problem, ca: FloatArray, start: FloatArray | None, duals: FloatArray | None, keep: float,
               first: int) -> BoolArray:
    """The first working set, per arc: boundary arcs, arcs with a lower bound or flow in ``start``, and the
    arcs cheap under ``duals`` (or the ``first`` cheapest per node end without them)."""
    tail, head, gain = problem.tail, problem.head, problem.gain
    always = (tail == BOUNDARY) | (head == BOUNDARY) | (problem.lower != 0.0)
    if start is not None:
        always |= start[:problem.n_arcs] != 0.0
    optional = np.flatnonzero(~always)
    if duals is not None:
        yb = np.append(np.nan_to_num(duals), 0.0)
        d = ca[optional] - gain[optional] * yb[head[optional]] + yb[tail[optional]]
        chosen = optional[d < keep * np.maximum(1.0, np.abs(ca[optional]))]
    else:
        chosen = _best_per_node(optional, ca[optional] / gain[optional], (head, tail), problem.n_nodes, first)
    inset: BoolArray = always.copy()
    inset[chosen] = True
    if not inset.any() and not problem.n_conversions:  # HiGHS takes no model without columns: every arc
        inset[:] = True
    return inset


def _first_model(problem: Problem, c: FloatArray, A: sp.csc_matrix, lo: FloatArray, hi: FloatArray,  # noqa: N803
                 cols: IntArray, start: FloatArray | None, options: dict[str, Any]) -> LinearModel:
    """HiGHS' model of the working set ``cols``, started from ``start`` if given."""
    lp = LinearModel(c[cols], A[:, cols], problem.rhs, problem.rhs, lo[cols], hi[cols], **options)
    if start is not None:
        lp.set_solution(start[cols], A[:, cols] @ start[cols])
    return lp


def _entering(problem: Problem, c: FloatArray, hi: FloatArray, inset: BoolArray, cols: IntArray,
              r: dict[str, Any], tol: float, near: float, per_node: int) -> IntArray | None:
    """The arcs left out that join the working set after this round (sorted), or None: the optimum is found."""
    tail, head, gain, ca = problem.tail, problem.head, problem.gain, c[:problem.n_arcs]
    yb = np.append(r["row_dual"], 0.0)
    out = np.flatnonzero(~inset)
    d = ca[out] - gain[out] * yb[head[out]] + yb[tail[out]]
    # below HiGHS' tolerance, or worth more than flows.verify allows across the arc's room (a badly
    # scaled objective: a reduced cost of -1e-8 on an arc that can carry 10^5)
    room = np.minimum(hi[out], max(1.0, float(np.abs(r["x"]).max(initial=0.0))))
    neg = (d < -tol) | ((d < 0) & (-d * room > RELATIVE * float(np.abs(c[cols] * r["x"]).sum())))
    if not neg.any():
        return None
    if near:  # with them, the arcs nearly worth taking: the duals move, and they would join next round
        neg |= d < near * np.maximum(1.0, np.abs(ca[out]))
    add: IntArray = out[neg]
    if add.size > problem.n_nodes:
        add = _best_per_node(add, d[neg], (head, tail), problem.n_nodes, per_node)
    add.sort()
    return add


def _sifted_solution(problem: Problem, c: FloatArray, A: sp.csc_matrix, cols: IntArray,  # noqa: N803
                     r: dict[str, Any], info: dict[str, Any]) -> Solution:
    """The last round's answer over every variable (0 on the arcs left out)."""
    na, nv, m = problem.n_arcs, problem.n_vars, problem.n_nodes
    solver_time = r["highs_time"]  # HiGHS' clock runs on over the model's runs
    if r["x"] is None or r["status"] != OPTIMAL:
        nan = np.full(nv, np.nan)
        return Solution(r["status"], r["message"], nan[:na], nan[na:], np.full(m, np.nan), float("nan"),
                        {k: float("nan") for k in problem.costs}, None, solver_time, info)
    x = np.zeros(nv)
    x[cols] = r["x"]
    y = r["row_dual"]
    reduced = c - A.T @ y
    totals = {k: float(problem.costs[k] @ x[:na] + problem.conv_costs[k] @ x[na:]) for k in problem.costs}
    return Solution(OPTIMAL, r["message"], x[:na], x[na:], y, r["objective"], totals, reduced, solver_time, info)
