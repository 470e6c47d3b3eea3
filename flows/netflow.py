"""The network-flow path: pure min-cost flows solved by OR-Tools' min-cost flow (cost scaling).

A problem (or block) is *pure* when it has no conversions and every arc's
gain is 1: then each node's balance is an ordinary flow conservation and a
combinatorial min-cost-flow algorithm solves it exactly, usually several
times faster than a general LP solver.

Mapping. The boundary arcs of each independent block get an extra node
``B`` (the outside world, one per block). The LP leaves the boundary free,
but summing a block's node balances shows that its imports minus exports
equal its ``sum(rhs)``, so giving ``B`` that supply is exact. Lower bounds
are shifted out (``x = lower + x'``).

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
    probe = v[:: max(1, v.size // 1000)]  # a cheap first look, then the full check
    for k in range(most + 1):
        s = 10.0**k
        if _integral(probe * s) and _integral(v * s):
            return s
    return 10.0**most


def _integral(w: np.ndarray) -> bool:
    return bool(np.all(np.abs(w - np.rint(w)) <= 1e-9 * np.maximum(1.0, np.abs(w))))


def solve_network_flow(problem: Problem, objective: str | dict[str, float] = "cost",
                       flow_scale: float | None = None, cost_scale: float | None = None,
                       duals: bool = True, blocks: np.ndarray | None = None, chunk: int = 4096) -> Solution:
    """Solve a pure min-cost flow with OR-Tools (see the module notes on scaling).

    ``blocks`` (a label per node, e.g. :attr:`flows.blocks.Blocks.node`)
    names independent parts: each gets its own boundary node, parts with at
    least ``chunk`` arcs get their own OR-Tools call and smaller ones are
    packed into calls of about ``chunk`` arcs (OR-Tools' cost-scaling
    algorithm is superlinear, so several small calls beat one large one).
    ``solver_time`` is the OR-Tools solve calls alone; ``info`` holds the
    scales used, ``calls``, ``build_time`` (s, arrays to OR-Tools) and
    ``duals_time`` (s, the potentials).

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

    t_start = time.perf_counter()
    if not is_pure(problem):
        raise ValueError("the network-flow path takes only pure min-cost flows (no conversions, all gains 1)")
    weights = _weights(objective)
    c = problem.cost_vector(weights)
    n, m = problem.n_nodes, problem.n_arcs
    node_block = np.zeros(n, np.int64) if blocks is None else np.asarray(blocks, dtype=np.int64)
    k = int(node_block.max(initial=-1)) + 1
    end = np.where(problem.tail != BOUNDARY, problem.tail, problem.head)
    arc_block = node_block[end]
    B = n + arc_block  # the boundary node of each arc's block
    tail = np.where(problem.tail == BOUNDARY, B, problem.tail)
    head = np.where(problem.head == BOUNDARY, B, problem.head)
    lower, upper = problem.lower, problem.upper
    N = n + k
    # x = lower + x'; the node balance in-out=rhs becomes in'-out' = rhs - (in_lower - out_lower)
    shift = np.bincount(head, weights=lower, minlength=N) - np.bincount(tail, weights=lower, minlength=N)
    # each boundary node supplies what its block's nodes need net
    rhs = np.concatenate([problem.rhs, -np.bincount(node_block, weights=problem.rhs, minlength=k)])
    supply = shift - rhs  # OR-Tools: supply = out - in
    cap = upper - lower
    finite = np.isfinite(cap)

    fs = flow_scale or decimal_scale(np.concatenate([supply, cap[finite]]))
    total = 0.5 * np.abs(supply).sum() + cap[finite].sum()
    while fs > 1e-6 and (total + 1) * fs > 2.0**50:
        fs /= 10.0
    big = np.ceil((0.5 * np.abs(supply).sum() + 1) * fs)
    cap_i = np.where(finite, np.round(np.where(finite, cap, 0) * fs), big).astype(np.int64)
    sup_i = np.round(supply * fs).astype(np.int64)
    # rounding must keep every block balanced
    sup_i[n:] -= np.bincount(np.concatenate([node_block, np.arange(k)]), weights=sup_i, minlength=k).astype(np.int64)
    cs = cost_scale or decimal_scale(c)
    while cs > 1e-6 and (np.abs(c).max(initial=0) * cs + 1) * (big + 1) > _LIMIT:
        cs /= 10.0

    # calls: big blocks alone, small ones packed
    size = np.bincount(arc_block, minlength=k)
    call_of_block = np.empty(k, np.int64)
    alone = size >= chunk
    call_of_block[alone] = np.arange(int(alone.sum()))
    small = np.flatnonzero(~alone)
    call_of_block[small] = int(alone.sum()) + np.cumsum(size[small]) // max(chunk, 1)
    node_call = call_of_block[np.concatenate([node_block, np.arange(k)])]
    n_calls = int(call_of_block.max(initial=-1)) + 1
    small_ints = np.int16 if n_calls < 2**15 else np.int64  # numpy radix-sorts 16-bit keys
    node_order = np.argsort(node_call.astype(small_ints), kind="stable")
    node_start = np.searchsorted(node_call[node_order], np.arange(n_calls + 1))
    local = np.empty(N, np.int64)
    local[node_order] = np.arange(N) - node_start[node_call[node_order]]
    arc_call = call_of_block[arc_block]
    arc_order = np.argsort(arc_call.astype(small_ints), kind="stable")
    arc_start = np.searchsorted(arc_call[arc_order], np.arange(n_calls + 1))
    x_i = np.zeros(m, np.int64)
    build_time = time.perf_counter() - t_start
    elapsed = 0.0
    failed = None
    cost_i = np.round(c * cs).astype(np.int64)
    g = 0
    while g < n_calls:
        nodes = node_order[node_start[g]:node_start[g + 1]]
        arcs = arc_order[arc_start[g]:arc_start[g + 1]]
        tb = time.perf_counter()
        smcf = min_cost_flow.SimpleMinCostFlow()
        handles = smcf.add_arcs_with_capacity_and_unit_cost(local[tail[arcs]], local[head[arcs]], cap_i[arcs],
                                                            cost_i[arcs])
        smcf.set_nodes_supplies(np.arange(nodes.size), sup_i[nodes])
        t0 = time.perf_counter()
        status = smcf.solve()
        elapsed += time.perf_counter() - t0
        build_time += t0 - tb
        if status == smcf.BAD_COST_RANGE and cs > 1e-6:  # OR-Tools' own overflow check: coarser costs, again
            cs /= 10.0
            cost_i = np.round(c * cs).astype(np.int64)
            g = 0
            continue
        if status != smcf.OPTIMAL:
            failed = status
            break
        x_i[arcs] = smcf.flows(handles)
        g += 1
    info = {"flow_scale": fs, "cost_scale": cs, "path": "network_flow", "calls": n_calls, "build_time": build_time}
    nan_solution = lambda status, message: Solution(  # noqa: E731
        status, message, np.full(m, np.nan), np.zeros(0), np.full(n, np.nan), float("nan"),
        {k: float("nan") for k in problem.costs}, None, elapsed, info)
    if failed is not None:
        name = {smcf.INFEASIBLE: "infeasible", smcf.UNBALANCED: "infeasible"}.get(failed, "error")
        return nan_solution(name, f"OR-Tools min-cost flow: {failed.name}")
    if np.any(~finite & (x_i >= big)):
        return nan_solution("unbounded", "a negative-cost cycle of uncapacitated arcs")
    flow = lower + x_i / fs
    totals = {name: float(problem.costs[name] @ flow) for name in problem.costs}
    t1 = time.perf_counter()
    y = _potentials(tail, head, cost_i, x_i, cap_i, N, np.arange(n, N)) / cs if duals else np.full(N, np.nan)
    info["duals_time"] = time.perf_counter() - t1
    return Solution("optimal", "OR-Tools min-cost flow: OPTIMAL", flow, np.zeros(0), y[:n], float(c @ flow),
                    totals, None, elapsed, info)


def _potentials(tail, head, c, x, cap, n_nodes: int, source) -> np.ndarray:
    """Per node: cost of one more unit needed there (shortest residual path from ``source``).

    A label-correcting shortest path (Bellman-Ford relaxing only the arcs
    out of nodes whose distance changed in the last round, all at once with
    numpy) on the integer costs, so a zero-cost cycle is exactly zero.
    Nodes unreachable from ``source`` (one node or several, e.g. one
    boundary node per block) get minus their distance to it (the worth of
    one unit less), else NaN.
    """
    fwd = x < cap
    bwd = x > 0
    rows = np.concatenate([tail[fwd], head[bwd]])
    cols = np.concatenate([head[fwd], tail[bwd]])
    w = np.concatenate([c[fwd], -c[bwd]]).astype(float)
    y = _shortest(rows, cols, w, n_nodes, source)
    lost = ~np.isfinite(y)
    if lost.any():
        back = _shortest(cols, rows, w, n_nodes, source)
        y[lost] = -back[lost]
    y[~np.isfinite(y)] = np.nan
    return y


def _shortest(rows, cols, w, n_nodes: int, source) -> np.ndarray:
    order = np.argsort(rows, kind="stable")
    cols, w = cols[order], w[order]
    indptr = np.zeros(n_nodes + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n_nodes), out=indptr[1:])
    d = np.full(n_nodes, np.inf)
    d[source] = 0.0
    active = np.unique(np.atleast_1d(source))
    for _ in range(n_nodes + 1):
        if active.size == 0:
            return d
        counts = indptr[active + 1] - indptr[active]
        if counts.sum() == 0:
            return d
        owner = np.repeat(active, counts)
        idx = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + indptr[owner]
        cand = d[owner] + w[idx]
        target = cols[idx]
        better = cand < d[target]
        if not better.any():
            return d
        target, cand = target[better], cand[better]
        np.minimum.at(d, target, cand)
        active = np.unique(target)
    raise RuntimeError("negative cycle in the residual graph: the flow is not optimal")
