"""The network-flow path: pure min-cost flows solved by OR-Tools' network simplex.

A problem (or block) is *pure* when it has no conversions and every arc's
gain is 1: then each node's balance is an ordinary flow conservation and a
combinatorial min-cost-flow algorithm solves it exactly, usually several
times faster than a general LP solver.

Mapping. Every boundary arc gets the same extra node ``B`` (the outside
world). The LP leaves the boundary free, but summing all node balances shows
that imports minus exports equal ``sum(rhs)``, so giving ``B`` the supply
``sum(rhs)`` is exact. Lower bounds are shifted out (``x = lower + x'``).

Integers. OR-Tools works in 64-bit integers, so quantities and costs are
scaled: ``flow_scale`` and ``cost_scale`` are the powers of ten (at most
10^6) that make every finite bound, ``rhs`` and cost an integer. Data with
more decimals are rounded at 10^-6 of a unit (the answer is then optimal for
the rounded data; the objective is recomputed in floating point from the
original costs). When a scale would overflow 2^62 it is lowered by tens.
Unbounded arcs get the capacity "total supply", which no optimal flow
without a negative-cost cycle exceeds; if an uncapacitated arc carries that
much the LP is unbounded and the status says so.

Duals. OR-Tools gives no node potentials, so they are recovered from the
optimal flow: the shortest-path distance from ``B`` to each node in the
residual graph is the cost of one more unit needed there, i.e. the LP dual
(derivative of the objective by ``rhs``). Nodes that cannot be reached get
minus the distance to ``B`` (the worth of one unit less), else NaN.

OR-Tools is imported here, lazily; it cannot share a process with the
``highspy`` wheel (flows uses SciPy's HiGHS, which it can).
"""

from __future__ import annotations

import numpy as np

from flows.problem import BOUNDARY, Problem
from flows.solve import Solution, _weights

_LIMIT = 2.0**62


def is_pure(problem: Problem) -> bool:
    """True if ``problem`` is an ordinary min-cost flow: no conversions, every gain 1."""
    return problem.n_conversions == 0 and bool(np.all(problem.gain == 1.0))


def decimal_scale(values: np.ndarray, most: int = 6) -> float:
    """The smallest power of ten (up to 10^most) that makes every finite value an integer."""
    v = np.asarray(values, dtype=float)
    v = v[np.isfinite(v) & (v != 0)]
    for k in range(most + 1):
        s = 10.0**k
        w = v * s
        if np.all(np.abs(w - np.round(w)) <= 1e-9 * np.maximum(1.0, np.abs(w))):
            return s
    return 10.0**most


def solve_network_flow(problem: Problem, objective: str | dict[str, float] = "cost",
                       flow_scale: float | None = None, cost_scale: float | None = None,
                       duals: bool = True) -> Solution:
    """Solve a pure min-cost flow with OR-Tools (see the module notes on scaling).

    ``solver_time`` is OR-Tools' solve call alone; ``info`` holds the scales used.

    Example
    -------
    >>> from flows import Problem
    >>> p = Problem(n_nodes=2, tail=[-1, -1, 0], head=[0, 1, 1], rhs=[0, 5],
    ...             costs={"cost": [2.0, 9.0, 1.5]}, upper=[10, 10, 3])
    >>> s = solve_network_flow(p)
    >>> s.flow.tolist(), s.objective, s.duals.tolist()
    ([3.0, 2.0, 3.0], 28.5, [2.0, 9.0])
    """
    import time

    from ortools.graph.python import min_cost_flow

    if not is_pure(problem):
        raise ValueError("the network-flow path takes only pure min-cost flows (no conversions, all gains 1)")
    weights = _weights(objective)
    c = problem.cost_vector(weights)
    n, m = problem.n_nodes, problem.n_arcs
    B = n
    tail = np.where(problem.tail == BOUNDARY, B, problem.tail)
    head = np.where(problem.head == BOUNDARY, B, problem.head)
    lower, upper = problem.lower, problem.upper
    # x = lower + x'; the node balance in-out=rhs becomes in'-out' = rhs - (in_lower - out_lower)
    shift = np.bincount(head, weights=lower, minlength=n + 1) - np.bincount(tail, weights=lower, minlength=n + 1)
    rhs = np.append(problem.rhs, -problem.rhs.sum())  # B supplies what the nodes need net
    need = rhs - shift  # in' - out' per node
    supply = -need  # OR-Tools: supply = out - in
    cap = upper - lower
    finite = np.isfinite(cap)

    fs = flow_scale or decimal_scale(np.concatenate([supply, cap[finite]]))
    total = 0.5 * np.abs(supply).sum() + cap[finite].sum()
    while fs > 1e-6 and (total + 1) * fs > 2.0**50:
        fs /= 10.0
    big = np.ceil((0.5 * np.abs(supply).sum() + 1) * fs)
    cap_i = np.where(finite, np.round(np.where(finite, cap, 0) * fs), big).astype(np.int64)
    sup_i = np.round(supply * fs).astype(np.int64)
    sup_i[B] -= sup_i.sum()  # rounding must keep the total balanced
    cs = cost_scale or decimal_scale(c)
    flow_bound = float(cap_i.sum() if cap_i.size else 0) + 1.0
    while cs > 1e-6 and (np.abs(c).max(initial=0) * cs + 1) * flow_bound > _LIMIT:
        cs /= 10.0
    cost_i = np.round(c * cs).astype(np.int64)

    smcf = min_cost_flow.SimpleMinCostFlow()
    arcs = smcf.add_arcs_with_capacity_and_unit_cost(tail, head, cap_i, cost_i)
    smcf.set_nodes_supplies(np.arange(n + 1), sup_i)
    t0 = time.perf_counter()
    status = smcf.solve()
    elapsed = time.perf_counter() - t0
    info = {"flow_scale": fs, "cost_scale": cs, "path": "network_flow"}
    if status != smcf.OPTIMAL:
        name = {smcf.INFEASIBLE: "infeasible", smcf.UNBALANCED: "infeasible"}.get(status, "error")
        empty = np.full(m, np.nan)
        return Solution(name, f"OR-Tools min-cost flow: {status.name}", empty, np.zeros(0), np.full(n, np.nan),
                        float("nan"), {k: float("nan") for k in problem.costs}, None, elapsed, info)
    x_i = smcf.flows(arcs)
    if np.any(~finite & (x_i >= big)):
        empty = np.full(m, np.nan)
        return Solution("unbounded", "a negative-cost cycle of uncapacitated arcs", empty, np.zeros(0),
                        np.full(n, np.nan), float("nan"), {k: float("nan") for k in problem.costs}, None,
                        elapsed, info)
    flow = lower + x_i / fs
    totals = {name: float(problem.costs[name] @ flow) for name in problem.costs}
    y = _potentials(tail, head, cost_i, x_i, cap_i, n + 1, B) / cs if duals else np.full(n + 1, np.nan)
    return Solution("optimal", "OR-Tools min-cost flow: OPTIMAL", flow, np.zeros(0), y[:n], float(c @ flow),
                    totals, None, elapsed, info)


def _potentials(tail, head, c, x, cap, n_nodes: int, source: int) -> np.ndarray:
    """Per node: cost of one more unit needed there (shortest residual path from ``source``).

    A vectorised Bellman-Ford on the integer costs: each round relaxes every
    residual arc at once, and it stops when nothing improves (as many rounds
    as the longest shortest path has arcs, a handful in supply chains).
    Integer costs make a zero-cost cycle exactly zero. Nodes unreachable from
    ``source`` get minus their distance to it (the worth of one unit less).
    """
    fwd = x < cap
    bwd = x > 0
    rows = np.concatenate([tail[fwd], head[bwd]])
    cols = np.concatenate([head[fwd], tail[bwd]])
    w = np.concatenate([c[fwd], -c[bwd]]).astype(float)
    d = _bellman_ford(rows, cols, w, n_nodes, source)
    back = _bellman_ford(cols, rows, w, n_nodes, source)
    y = np.where(np.isfinite(d), d, -back)
    y[~np.isfinite(y)] = np.nan
    return y


def _bellman_ford(rows, cols, w, n_nodes: int, source: int) -> np.ndarray:
    order = np.argsort(cols, kind="stable")
    rows, cols, w = rows[order], cols[order], w[order]
    starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]]) if cols.size else np.zeros(0, np.int64)
    targets = cols[starts]
    d = np.full(n_nodes, np.inf)
    d[source] = 0.0
    for _ in range(n_nodes + 1):
        best = np.minimum.reduceat(d[rows] + w, starts) if starts.size else np.zeros(0)
        better = best < d[targets]
        if not better.any():
            return d
        d[targets[better]] = best[better]
    raise RuntimeError("negative cycle in the residual graph: the flow is not optimal")
