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
A flow that rounding took past its bound (a capacity rounded up) is put back
on the bound, so every flow lies within ``[lower, upper]`` exactly; each
move is at most ``0.5 / flow_scale``, and a node's balance holds to
``0.5 / flow_scale`` x (1 + the number of arcs at the node); exactly, up to
floating point, when the data have no more decimals than ``flow_scale``
resolves.

Uncapacitated arcs. OR-Tools needs finite capacities. Each uncapacitated
arc gets the total supply plus the sum of the finite capacities plus one (in
the scaled integers, with room for rounding): unless a cycle of uncapacitated
arcs has a negative cost, some optimal flow fits within that (see
:func:`_artificial_capacity`). If an uncapacitated arc
reaches it, one more OR-Tools call on the uncapacitated arcs alone tells
whether such a cycle exists: then the problem is unbounded and the status
says so; else the flow is optimal as it is (a cycle of cost 0 carried it up).

Duals. OR-Tools gives no node potentials, so they are recovered from the
optimal flow: the shortest-path distance from ``B`` to each node in the
residual graph is the cost of one more unit needed there, i.e. the LP dual
(derivative of the objective by ``rhs``). Nodes that cannot be reached get
minus the distance to ``B`` (the worth of one unit less); nodes joined to ``B``
neither way (capacities of 0 around a full arc) get their block's duals from
one HiGHS LP of the blocks concerned (``info["lp_duals_blocks"]``), so the
duals are never NaN on an optimum.

OR-Tools is imported here, lazily, and is optional (the ``network`` extra:
``pip install "industrial-symbiosis[network]"``); :func:`available` says
whether it can be loaded. It could not share a process with some versions of
the ``highspy`` wheel (flows uses SciPy's HiGHS, which it can).

Why so long: the mapping, the integer scaling and the calls of one solve
share their index arrays and scales; its stages (``_mapped``, ``_scaled``,
``_plan_calls``, ``_run_calls``, ``_optimum``) read top to bottom, and a
third of it is docstrings.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np

from flows.integers import _all_integral, _decimal_scale, _rounded, decimal_scale
from flows.model import Model
from flows.potentials import potentials
from flows.problem import BOUNDARY, BoolArray, FloatArray, IntArray, Problem, as_weights, sub_problem
from flows.solution import Solution
from flows.status import ERROR, INFEASIBLE, OPTIMAL, UNBOUNDED, Status

__all__ = ["Inexact", "available", "decimal_scale", "is_pure", "solve_network_flow"]

_LIMIT = 2.0**62

#: What to install for the network-flow path.
EXTRA = 'pip install "industrial-symbiosis[network]" (or pip install ortools)'


class Inexact(ValueError):
    """The data need rounding to go to OR-Tools in integers (raised only when ``exact=True`` was asked for)."""


def _min_cost_flow() -> Any:  # OR-Tools publishes no types (see pyproject's mypy overrides)
    """OR-Tools' min-cost flow module, or an ImportError that names the extra to install."""
    try:
        from ortools.graph.python import min_cost_flow
    except Exception as exc:  # not installed, or a shared library that will not load
        raise ImportError(f"the network-flow path needs OR-Tools, which cannot be imported ({exc}); {EXTRA}") \
            from exc
    return min_cost_flow


_AVAILABLE: list[bool] = []


def available() -> bool:
    """True if OR-Tools' min-cost flow can be imported in this process (tried once, then remembered)."""
    if not _AVAILABLE:
        try:
            _min_cost_flow()
            _AVAILABLE.append(True)
        except ImportError:
            _AVAILABLE.append(False)
    return _AVAILABLE[0]


def is_pure(problem: Problem) -> bool:
    """True if ``problem`` is an ordinary min-cost flow: no conversions, every gain 1.

    Parameters
    ----------
    problem : Problem

    Returns
    -------
    bool
    """
    return problem.n_conversions == 0 and bool(np.all(problem.gain == 1.0))


def solve_network_flow(problem: Problem, objective: str | dict[str, float] = "cost",
                       flow_scale: float | None = None, cost_scale: float | None = None,
                       duals: bool = True, blocks: np.ndarray | None = None, chunk: int = 4096,
                       arc_blocks: np.ndarray | None = None, exact: bool = False) -> Solution:
    """Solve a pure min-cost flow with OR-Tools (see the module notes on scaling).

    Parameters
    ----------
    problem : Problem
        Pure: no conversions, every gain 1 (:func:`is_pure`).
    objective : str or dict, default "cost"
        A named cost, or weights over named costs.
    flow_scale, cost_scale : float, optional
        Powers of ten that turn quantities and costs into integers (default:
        the smallest that make the data whole, at most 10^6).
    duals : bool, default True
        Recover node duals and reduced costs (a shortest-path run); False
        leaves the duals NaN and ``reduced_costs`` None.
    blocks : numpy.ndarray, optional
        A label per node (e.g. :attr:`flows.blocks.Blocks.node`) naming
        independent parts: each gets its own boundary node, parts with at least
        ``chunk`` arcs get their own OR-Tools call and smaller ones are packed
        into calls of about ``chunk`` arcs (OR-Tools' cost-scaling algorithm is
        superlinear, so several small calls beat one large one).
    chunk : int, default 4096
        See ``blocks``.
    arc_blocks : numpy.ndarray, optional
        The label of each arc's block, if known (saves finding it again).
    exact : bool, default False
        Raise :class:`Inexact`, before any OR-Tools call, if the data need
        rounding (more decimals than 10^-6, or sums too large for 64 bits).

    Returns
    -------
    Solution
        ``solver_time`` is the OR-Tools solve calls alone; ``info`` holds the
        scales used, ``exact`` (False: the flows are optimal for the data as
        rounded), ``calls``, ``build_time`` (s, arrays to OR-Tools) and
        ``duals_time`` (s, the potentials).

    Raises
    ------
    ValueError
        ``problem`` is not pure.
    Inexact
        With ``exact=True``, data that need rounding.
    ImportError
        OR-Tools cannot be imported (the message names the extra).

    Examples
    --------
    >>> from flows import Problem
    >>> p = Problem(n_nodes=2, tail=[-1, -1, 0], head=[0, 1, 1], rhs=[0, 5],
    ...             costs={"cost": [2.0, 9.0, 1.5]}, upper=[10, 10, 3])
    >>> s = solve_network_flow(p)
    >>> s.flow.tolist(), s.objective, s.duals.tolist()
    ([3.0, 2.0, 3.0], 28.5, [2.0, 9.0])
    """
    t_start = time.perf_counter()
    if not is_pure(problem):
        raise ValueError("the network-flow path takes only pure min-cost flows (no conversions, all gains 1)")
    weights = as_weights(objective)
    c = _arc_costs(problem, weights)
    mapped = _mapped(problem, blocks, arc_blocks)
    scaled = _scaled(mapped, c, flow_scale, cost_scale, exact)
    min_cost_flow = _min_cost_flow()
    plan = _plan_calls(problem, mapped, chunk)
    build_time = time.perf_counter() - t_start
    failed, x_i, elapsed, hand_over = _run_calls(min_cost_flow.SimpleMinCostFlow, plan, mapped, scaled, c, exact,
                                                 problem.n_arcs)
    info: dict[str, Any] = {"flow_scale": scaled.fs, "cost_scale": scaled.cs, "exact": scaled.exact,
                            "path": "network_flow", "calls": plan.n_calls, "build_time": build_time + hand_over}
    if failed is not None:
        SMCF = min_cost_flow.SimpleMinCostFlow
        name = {SMCF.INFEASIBLE: INFEASIBLE, SMCF.UNBALANCED: INFEASIBLE}.get(failed, ERROR)
        return _nan_solution(problem, name, f"OR-Tools min-cost flow: {failed.name}", elapsed, info)
    return _optimum(problem, weights, c, mapped, scaled, x_i, elapsed, info, duals)


@dataclass
class _Mapped:
    """The problem as OR-Tools sees it before scaling: a boundary node ``n + block`` per block, lower bounds out."""

    n: int
    k: int
    node_block: IntArray
    arc_block: IntArray
    index: type[np.signedinteger[Any]]  # OR-Tools takes 32-bit node indices
    supply: FloatArray  # OR-Tools: supply = out - in, per node and boundary node
    cap: FloatArray  # upper - lower

    @property
    def N(self) -> int:  # noqa: N802 - the count of nodes OR-Tools sees, as in the notes
        """Nodes and boundary nodes."""
        return self.n + self.k

    def ends(self, e: IntArray) -> IntArray:
        """The arc ends ``e`` numbered over the nodes and boundary nodes (-1 -> ``n + block``)."""
        return _numbered_ends(e, np.arange(self.N, dtype=self.index), self.n, self.arc_block)


def _mapped(problem: Problem, blocks: IntArray | None, arc_blocks: IntArray | None) -> _Mapped:
    """Number the blocks' boundary nodes, shift the lower bounds out (``x = lower + x'``), say each node's supply."""
    n = problem.n_nodes
    node_block = np.zeros(n, np.int64) if blocks is None else np.asarray(blocks)
    k = int(node_block.max(initial=-1)) + 1
    if arc_blocks is None:
        arc_block = node_block[np.where(problem.tail != BOUNDARY, problem.tail, problem.head)]
    else:
        arc_block = np.asarray(arc_blocks)
    N = n + k
    index: type[np.signedinteger[Any]] = np.int32 if N < 2**31 else np.int64
    mapped = _Mapped(n, k, node_block, arc_block, index, np.zeros(0), np.zeros(0))
    lower, upper = problem.lower, problem.upper
    shifted = bool(lower.any())
    # x = lower + x'; the node balance in-out=rhs becomes in'-out' = rhs - (in_lower - out_lower)
    if shifted:
        shift = (np.bincount(mapped.ends(problem.head), weights=lower, minlength=N)
                 - np.bincount(mapped.ends(problem.tail), weights=lower, minlength=N))
    else:  # the usual case: nothing to shift
        shift = np.zeros(N, np.float64)
    # each boundary node supplies what its block's nodes need net
    rhs = np.concatenate([problem.rhs, -np.bincount(node_block, weights=problem.rhs, minlength=k)])
    mapped.supply = shift - rhs  # OR-Tools: supply = out - in
    mapped.cap = upper - lower if shifted else upper
    return mapped


@dataclass
class _Scaled:
    """The data in OR-Tools' integers: the scales, whether they are exact, capacities, supplies and costs."""

    fs: float
    cs: float
    exact: bool
    big: int
    cap_i: IntArray
    sup_i: IntArray
    cost_i: IntArray


def _scaled(mapped: _Mapped, c: FloatArray, flow_scale: float | None, cost_scale: float | None,
            exact: bool) -> _Scaled:
    """The scales (see the module notes) and the data rounded with them; :class:`Inexact` if asked for."""
    supply, cap, n, k = mapped.supply, mapped.cap, mapped.n, mapped.k
    if flow_scale:
        fs, exact_flows = flow_scale, _all_integral(supply, flow_scale) and _all_integral(cap, flow_scale)
    else:
        (fs_supply, exact_supply), (fs_cap, exact_cap) = _decimal_scale(supply), _decimal_scale(cap)
        fs, exact_flows = max(fs_supply, fs_cap), exact_supply and exact_cap  # infinite capacities are skipped
    fs_wanted = fs
    half_supply = 0.5 * np.abs(supply).sum()
    finite_total = float(np.sum(cap, where=np.isfinite(cap)))
    while fs > 1e-6 and (half_supply + finite_total + 1) * fs > 2.0**50:  # OR-Tools' sums could overflow
        fs /= 10.0
    big = _artificial_capacity(half_supply, finite_total, fs, cap.size, mapped.N)
    cap_i = _rounded(cap, fs, infinite=big)
    sup_i = np.round(supply * fs).astype(np.int64)
    # rounding must keep every block balanced
    sup_i[n:] -= np.bincount(np.concatenate([mapped.node_block, np.arange(k)]), weights=sup_i,
                             minlength=k).astype(np.int64)
    cs, exact_costs = (cost_scale, _all_integral(c, cost_scale)) if cost_scale else _decimal_scale(c)
    cs_wanted = cs
    largest = max(float(c.max(initial=0.0)), -float(c.min(initial=0.0)))
    while cs > 1e-6 and (largest * cs + 1) * (big + 1) > _LIMIT:
        cs /= 10.0
    exact_data = exact_flows and exact_costs and fs == fs_wanted and cs == cs_wanted
    if exact and not exact_data:
        why = "more decimals than 10^-6" if not (exact_flows and exact_costs) else "sums too large for 64 bits"
        raise Inexact(f"the data need rounding to go to OR-Tools in integers ({why})")
    return _Scaled(fs, cs, exact_data, big, cap_i, sup_i, _rounded(c, cs))


@dataclass
class _Calls:
    """Which OR-Tools call takes which nodes and arcs: each call's share of ``node_order`` and ``arc_order``."""

    n_calls: int
    node_order: IntArray
    node_start: IntArray
    arc_order: IntArray
    arc_start: IntArray
    ltail: IntArray  # the arcs' ends numbered within their call
    lhead: IntArray


def _plan_calls(problem: Problem, mapped: _Mapped, chunk: int) -> _Calls:
    """Big blocks (``chunk`` arcs or more) get a call each, small ones are packed into calls of about ``chunk``."""
    k, N, n = mapped.k, mapped.N, mapped.n
    size = np.bincount(mapped.arc_block, minlength=k)
    call_of_block = np.empty(k, np.int64)
    alone = size >= chunk
    call_of_block[alone] = np.arange(int(alone.sum()))
    small = np.flatnonzero(~alone)
    call_of_block[small] = int(alone.sum()) + np.cumsum(size[small]) // max(chunk, 1)
    node_call = call_of_block[np.concatenate([mapped.node_block, np.arange(k)])]
    n_calls = int(call_of_block.max(initial=-1)) + 1
    small_ints = np.int16 if n_calls < 2**15 else np.int64  # numpy radix-sorts 16-bit keys
    node_order = np.argsort(node_call.astype(small_ints), kind="stable")
    node_start = np.searchsorted(node_call[node_order], np.arange(n_calls + 1))
    local = np.empty(N, mapped.index)
    local[node_order] = np.arange(N) - node_start[node_call[node_order]]
    arc_call = call_of_block.astype(small_ints)[mapped.arc_block]
    arc_order = np.argsort(arc_call, kind="stable")
    arc_start = np.concatenate([[0], np.cumsum(np.bincount(call_of_block, weights=size, minlength=n_calls))]).astype(
        np.int64)  # arcs are sorted by call: each call's arcs start where the previous call's end
    ltail, lhead = (_numbered_ends(e, local, n, mapped.arc_block) for e in (problem.tail, problem.head))
    return _Calls(n_calls, node_order, node_start, arc_order, arc_start, ltail, lhead)


def _run_calls(SMCF: Any, plan: _Calls, mapped: _Mapped, scaled: _Scaled, c: FloatArray, exact: bool,  # noqa: N803
               m: int) -> tuple[Any, IntArray, float, float]:
    """Every OR-Tools call, one after another (it holds the GIL while it solves: threads gain nothing).

    OR-Tools' own overflow check (``BAD_COST_RANGE``) sends all of them again with costs ten times
    coarser (in ``scaled``, no longer exact). Returns the first status other than optimal (None if
    all are), the integer flows, the solve time and the time spent handing arrays over.
    """
    x_i = np.zeros(m, np.int64)
    elapsed = build_time = 0.0

    def call(g: int) -> tuple[Any, Any, float, float]:
        """One OR-Tools call: (status, integer flows or None, solve s, hand-over s)."""
        nodes = plan.node_order[plan.node_start[g]:plan.node_start[g + 1]]
        arcs = plan.arc_order[plan.arc_start[g]:plan.arc_start[g + 1]]
        tb = time.perf_counter()
        smcf = SMCF()
        handles = smcf.add_arcs_with_capacity_and_unit_cost(plan.ltail[arcs], plan.lhead[arcs], scaled.cap_i[arcs],
                                                            scaled.cost_i[arcs])
        smcf.set_nodes_supplies(np.arange(nodes.size, dtype=mapped.index), scaled.sup_i[nodes])
        t0 = time.perf_counter()
        status = smcf.solve()
        t1 = time.perf_counter()
        return status, (smcf.flows(handles) if status == SMCF.OPTIMAL else None), t1 - t0, t0 - tb

    while True:
        results = []
        for g in range(plan.n_calls):
            results.append(call(g))
            elapsed += results[-1][2]
            build_time += results[-1][3]
            if results[-1][0] != SMCF.OPTIMAL:
                break
        statuses = [r[0] for r in results]
        if SMCF.BAD_COST_RANGE in statuses and scaled.cs > 1e-6:  # coarser costs, again
            if exact:
                raise Inexact(f"OR-Tools finds the costs at {scaled.cs:g} per unit too large (BAD_COST_RANGE)")
            scaled.cs /= 10.0
            scaled.exact = False
            scaled.cost_i = _rounded(c, scaled.cs)
            continue
        failed = next((st for st in statuses if st != SMCF.OPTIMAL), None)
        if failed is None:
            for g, r in enumerate(results):
                x_i[plan.arc_order[plan.arc_start[g]:plan.arc_start[g + 1]]] = r[1]
        return failed, x_i, elapsed, build_time


def _nan_solution(problem: Problem, status: Status, message: str, elapsed: float, info: dict[str, Any]) -> Solution:
    """A solution without an optimum: every number NaN."""
    n, m = problem.n_nodes, problem.n_arcs
    return Solution(status, message, np.full(m, np.nan), np.zeros(0), np.full(n, np.nan), float("nan"),
                    {k: float("nan") for k in problem.costs}, None, elapsed, info)


def _optimum(problem: Problem, weights: dict[str, float], c: FloatArray, mapped: _Mapped, scaled: _Scaled,
             x_i: IntArray, elapsed: float, info: dict[str, Any], duals: bool) -> Solution:
    """The solution from OR-Tools' integer flows: unbounded or not, flows in units, duals from potentials."""
    n, N, fs, cs = mapped.n, mapped.N, scaled.fs, scaled.cs
    cap_i = scaled.cap_i
    at_cap = x_i >= scaled.big  # uncapacitated arcs at their artificial capacity (a finite one is below): rare
    if at_cap.any():
        arc_block = mapped.arc_block
        free = ~np.isfinite(mapped.cap)
        check = free & np.isin(arc_block, np.unique(arc_block[at_cap]))  # the uncapacitated arcs of those blocks
        if _negative_cycle(mapped.ends(problem.tail)[check], mapped.ends(problem.head)[check], scaled.cost_i[check],
                           N):
            return _nan_solution(problem, UNBOUNDED, "a negative-cost cycle of uncapacitated arcs", elapsed, info)
        cap_i = cap_i.copy()
        cap_i[at_cap] += 1  # the flow is optimal for the problem as given: uncapacitated arcs can carry more
    # x_i respects the rounded bounds; back in units an arc whose bound was rounded outwards (data with more
    # decimals than flow_scale resolves, or lower + x' off by a last bit) is moved onto its bound: by at most
    # 0.5 / flow_scale, which is all a node's balance can lose per such arc
    lower, upper = problem.lower, problem.upper
    flow = lower + x_i / fs
    np.clip(flow, lower, upper, out=flow)
    totals = {name: float(problem.costs[name] @ flow) for name in problem.costs}
    t1 = time.perf_counter()
    reduced: FloatArray | None
    if duals:
        tail_n, head_n = mapped.ends(problem.tail), mapped.ends(problem.head)
        y = potentials(tail_n, head_n, scaled.cost_i, x_i, cap_i, N, np.arange(n, N)) / cs
        lost = np.isnan(y[:n])
        if lost.any():  # nodes no residual path joins to the boundary: their blocks' duals from HiGHS
            info["lp_duals_blocks"] = _lp_duals(problem, weights, mapped.node_block, mapped.arc_block, lost, y)
        reduced = c - y[head_n] + y[tail_n]  # HiGHS' col_dual: c - A^T y, with y = 0 at the boundary
    else:
        y, reduced = np.full(N, np.nan), None
    info["duals_time"] = time.perf_counter() - t1
    return Solution(OPTIMAL, "OR-Tools min-cost flow: OPTIMAL", flow, np.zeros(0), y[:n], float(c @ flow),
                    totals, reduced, elapsed, info)


def _lp_duals(problem: Problem, weights: dict[str, float], node_block: IntArray, arc_block: IntArray, lost: BoolArray,
              y: FloatArray) -> int:
    """Put HiGHS' node duals of every block with a node in ``lost`` into ``y`` (in place); the number of blocks.

    The shortest paths leave a node's potential open when no residual path joins it to the boundary
    (both ways): any optimal duals of its block hold with the OR-Tools flow (every optimal dual solution
    is complementary to every optimal flow), so one LP of those blocks gives them.
    """
    bad = np.unique(node_block[lost])
    nodes = np.flatnonzero(np.isin(node_block, bad))
    arcs = np.flatnonzero(np.isin(arc_block, bad))
    s = Model(sub_problem(problem, nodes, arcs, np.zeros(0, np.int64)), weights).solve()
    y[nodes] = s.duals
    return int(bad.size)


def _artificial_capacity(half_supply: float, finite_total: float, scale: float, n_arcs: int, n_nodes: int) -> int:
    """The capacity OR-Tools gets for an uncapacitated arc: at least ``S + U + 1`` in the scaled integers.

    ``S`` is the supply (the sum of the positive supplies, boundary nodes included) and ``U`` the sum of
    the finite capacities, both as OR-Tools sees them: rounded, at most half a unit per arc and node
    above ``scale`` x ``half_supply`` and ``scale`` x ``finite_total``, so the bound is known before the
    rounding and goes in as it happens.

    Why that is enough. Unless a cycle of uncapacitated arcs has a negative cost (then the problem is
    unbounded if feasible), some optimal flow puts at most ``S + U`` on every arc: take an optimal
    flow, decompose it into paths from supply to demand nodes and cycles, and drop every cycle made
    only of uncapacitated arcs (it costs >= 0 and dropping it keeps every bound). What is left is
    paths, which carry ``S`` in all, and cycles that each pass a capacitated arc, which carry at most
    ``U`` in all. A larger capacity therefore keeps the optimum, and a flow that stays below it on
    every uncapacitated arc has the residual graph of the problem as given, so it is optimal there.
    A flow that reaches it is either unbounded (a negative cycle of uncapacitated arcs, which
    :func:`_negative_cycle` then finds) or still optimal (cycles of cost 0 carried it up).
    """
    return int(np.ceil((half_supply + finite_total) * scale + 0.5 * (n_arcs + n_nodes))) + 2


def _negative_cycle(tail: np.ndarray, head: np.ndarray, cost: np.ndarray, n_nodes: int) -> bool:
    """True if the arcs ``tail -> head`` with integer ``cost`` hold a cycle of negative cost.

    One OR-Tools call: a circulation (no supplies) with capacity 1 on every arc costs less than 0
    exactly when some cycle does (a circulation is a sum of cycles, and one negative cycle alone is a
    circulation of negative cost).
    """
    if tail.size == 0:
        return False
    smcf = _min_cost_flow().SimpleMinCostFlow()
    smcf.add_arcs_with_capacity_and_unit_cost(tail, head, np.ones(tail.size, np.int64), cost)
    smcf.set_nodes_supplies(np.arange(n_nodes, dtype=tail.dtype), np.zeros(n_nodes, np.int64))
    return bool(smcf.solve() == smcf.OPTIMAL and smcf.optimal_cost() < 0)


def _arc_costs(problem: Problem, weights: dict[str, float]) -> np.ndarray:
    """The weighted cost per arc; the problem's own array (not a copy) when one cost has weight 1."""
    if len(weights) == 1 and next(iter(weights.values())) == 1.0 and next(iter(weights)) in problem.costs:
        return problem.costs[next(iter(weights))]
    return problem.cost_vector(weights)[: problem.n_arcs]


def _numbered_ends(ends: np.ndarray, numbering: np.ndarray, n: int, arc_block: np.ndarray) -> np.ndarray:
    """Each arc end's number in ``numbering`` (one entry per node and block boundary node ``n + block``).

    The boundary (-1) is the arc's block's boundary node. With ``numbering`` the
    node's index within its OR-Tools call these are the arcs' local ends.
    """
    out: IntArray = numbering[ends]  # -1 picks the last entry for now
    at = np.flatnonzero(ends == BOUNDARY)
    out[at] = numbering[n + arc_block[at]]
    return out
