"""Independent blocks: split a problem where nothing links its parts, solve each part its best way.

Two nodes are in one block when an arc joins them or a conversion touches
both (connected components of the constraint graph; the boundary joins
nothing, since imports and exports are free). The blocks' optima add up to
the whole problem's optimum.

:func:`solve_blocks` sends every pure min-cost-flow block (no conversions,
all gains 1) to OR-Tools' min-cost flow (large blocks one call each, small
ones packed together) and each other block to HiGHS (resource by resource
first where conversions join pure resources, :mod:`flows.linked`; by sifting
where it has many arcs per node, :mod:`flows.sifting`), then stitches the
answers back into one :class:`~flows.solve.Solution` in the original indices.

Why so long: splitting, the thread pool that solves the blocks and the
stitching back read one block's indices; over a third of it is docstrings.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import connected_components

from flows.linked import solve_linked
from flows.model import Model
from flows.netflow import solve_network_flow
from flows.problem import BoolArray, IntArray, Problem, sub_problem
from flows.sifting import solve_sifted, worth_sifting
from flows.solution import Solution
from flows.status import INFEASIBLE, OPTIMAL, UNBOUNDED, Status

__all__ = ["Blocks", "combined_status", "components", "find_blocks", "solve_blocks", "sub_problem"]


@dataclass(frozen=True, eq=False)
class Blocks:
    """Block label per node, arc and conversion, and which blocks are pure min-cost flows.

    Attributes
    ----------
    n_blocks : int
    node, arc : numpy.ndarray
        The block of each node and arc.
    conversion : numpy.ndarray
        The block of each conversion (-1 for one that touches no node).
    pure : numpy.ndarray of bool
        Per block: no conversion, every gain 1 (an ordinary min-cost flow).
    """

    n_blocks: int
    node: np.ndarray
    arc: np.ndarray
    conversion: np.ndarray
    pure: np.ndarray  # bool per block


def combined_status(statuses: Sequence[Status]) -> Status:
    """The status of independent parts solved apart: ``infeasible`` if any part is (whatever the order);
    else the first that ended without an answer (a limit, an error: feasibility unknown); else ``unbounded``
    if any part is (every part is then feasible); else ``optimal``.

    Parameters
    ----------
    statuses : list of str
        The parts' statuses (:data:`flows.STATUSES`).

    Returns
    -------
    str
        One of :data:`flows.STATUSES`.

    Examples
    --------
    >>> combined_status(["unbounded", "infeasible"]), combined_status(["optimal", "unbounded"])
    ('infeasible', 'unbounded')
    """
    if INFEASIBLE in statuses:
        return INFEASIBLE
    other = [s for s in statuses if s not in (OPTIMAL, UNBOUNDED)]
    return other[0] if other else UNBOUNDED if UNBOUNDED in statuses else OPTIMAL


def find_blocks(problem: Problem) -> Blocks:
    """Label the independent blocks of ``problem`` (vectorised; no loop per arc).

    An arc with one end at the boundary joins nothing; an arc between two
    nodes joins them, and a conversion joins every node it touches to its
    first one. Labels follow each block's smallest node index.

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.

    Returns
    -------
    Blocks
    """
    n = problem.n_nodes
    conv = problem.conversion.tocsc()
    has = np.diff(conv.indptr) > 0
    anchor = np.full(conv.shape[1], -1)
    extra_a: NDArray[np.integer[Any]] = np.zeros(0, np.int64)
    extra_b: NDArray[np.integer[Any]] = extra_a
    if conv.nnz:
        anchor[has] = conv.indices[conv.indptr[:-1][has]]
        col_of = np.repeat(np.arange(conv.shape[1]), np.diff(conv.indptr))
        extra_a, extra_b = conv.indices, anchor[col_of]
    k, node, tail_label, head_label = components(n, problem.tail, problem.head, extra_a, extra_b)
    arc = np.maximum(tail_label, head_label, dtype=np.intp)  # an arc's block: the label of its inner end(s)
    convb = np.full(conv.shape[1], -1)
    convb[has] = node[anchor[has]]
    impure = np.zeros(k, bool)
    impure[arc[problem.gain != 1.0]] = True
    impure[convb[convb >= 0]] = True
    return Blocks(int(k), node, arc, convb, ~impure)


def components(n: int, tail: np.ndarray, head: np.ndarray, extra_a: np.ndarray | None = None,
               extra_b: np.ndarray | None = None, sample: int = 4) -> tuple[int, np.ndarray, np.ndarray, np.ndarray]:
    """Weakly connected components of ``n`` nodes joined by edges ``tail[i]-head[i]`` (and ``extra_a-extra_b``).

    Parameters
    ----------
    n : int
        Number of nodes.
    tail, head : numpy.ndarray
        Edge ends; -1 (the boundary) joins nothing.
    extra_a, extra_b : numpy.ndarray, optional
        More edges (a conversion's nodes to its first one).
    sample : int, default 4
        Edges per node in the first, sampled pass.

    Returns
    -------
    tuple
        The number of components, the label of each node (numbered in order of
        each component's smallest node) and the label of each edge's tail and
        head (-1 at the boundary).

    Notes
    -----

    Filtering, so that a dense graph costs little more than two look-ups per
    edge: the components of an evenly spread sample of about ``sample x n``
    edges come first (SciPy's ``connected_components``); the remaining edges
    only matter where they join two of those components, and the components
    of that much smaller graph of components complete the answer exactly.
    """
    extra_a = np.zeros(0, np.int64) if extra_a is None else np.asarray(extra_a)
    extra_b = np.zeros(0, np.int64) if extra_b is None else np.asarray(extra_b)
    m = tail.size
    step = max(1, m // max(1, sample * n))
    a = np.concatenate([tail[::step], extra_a])
    b = np.concatenate([head[::step], extra_b])
    labels = _scipy_components(n, a, b)
    lt, lh = labels[tail], labels[head]  # labels[-1] is -1: the boundary
    if step > 1:
        cross = np.flatnonzero(lt != lh)  # boundary arcs too (one end -1): few, dropped next
        a, b = lt[cross], lh[cross]
        inner = (a >= 0) & (b >= 0)
        if inner.any():
            # SciPy numbers components by their smallest node; so does this merge, as merged labels keep the least
            merged = _scipy_components(int(labels.max()) + 1, a[inner], b[inner])
            labels, lt, lh = merged[labels], merged[lt], merged[lh]
    return int(labels.max(initial=-1)) + 1, labels[:-1], lt, lh


def _scipy_components(n: int, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """SciPy's weak components of the edges ``a-b`` (ends of -1 dropped), as labels with a -1 appended."""
    keep = (a >= 0) & (b >= 0)
    index: type[np.signedinteger[Any]] = np.int32 if n < 2**31 else np.int64
    g: sp.csr_matrix[np.int8] = sp.csr_matrix((np.ones(int(keep.sum()), np.int8),
                       (a[keep].astype(index, copy=False), b[keep].astype(index, copy=False))), shape=(n, n))
    labels = connected_components(g, directed=True, connection="weak")[1]
    return np.append(labels, -1).astype(index, copy=False)


#: An LP block with conversions and at least this many arcs is solved by :func:`flows.linked.solve_linked`.
LINKED_MIN_ARCS = 5_000


def _solve_lp_block(problem: Problem, objective: str | dict[str, float], workers: int,
                    options: dict[str, Any]) -> Solution:
    """One block that is not a pure min-cost flow: linked resources, sifting, or one LP, whichever pays."""
    if problem.n_conversions and problem.n_arcs >= LINKED_MIN_ARCS:
        return solve_linked(problem, objective, workers=workers, solve_parts=solve_blocks, **options)
    if worth_sifting(problem):
        return solve_sifted(problem, objective, **options)
    return Model(problem, objective, **options).solve()


def solve_blocks(problem: Problem, objective: str | dict[str, float] = "cost", network_flow: bool = True,
                 potentials: bool = True, workers: int = 1, parallel_min: int = 20_000, *,
                 blocks: Blocks | None = None, exact: bool = False, **options: Any) -> Solution:
    """Solve block by block: pure blocks by OR-Tools (if ``network_flow``), the rest by HiGHS.

    This is ``flows.solve(problem, engine="network")``.

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.
    objective : str or dict, default "cost"
        A named cost, or weights over named costs.
    network_flow : bool, default True
        Send pure blocks to OR-Tools (False: every block to HiGHS).
    potentials : bool, default True
        Node duals and reduced costs on the network-flow path (a shortest-path
        run over the residual graph; False leaves them NaN).
    workers : int, default 1
        More than 1 solves the HiGHS blocks on up to that many threads, beside
        the OR-Tools calls and beside each other (HiGHS releases the GIL while
        it solves): each block with at least ``parallel_min`` variables on a
        thread of its own, the smaller ones together on one (a thread costs
        more than they take); the answer is the same as with ``workers=1``, bit
        for bit. The OR-Tools calls stay on the calling thread: OR-Tools holds
        the GIL while it solves, so threads gain nothing among them (measured;
        see docs/benchmarks.md). A block that is not pure is solved by
        :func:`flows.linked.solve_linked` if conversions join its resources and
        it has at least :data:`LINKED_MIN_ARCS` arcs, by sifting
        (:mod:`flows.sifting`) if it has many arcs per node, else as one LP.
    parallel_min : int, default 20,000
        See ``workers``.
    blocks : Blocks, optional
        :func:`find_blocks` of ``problem``, if already known.
    exact : bool, default False
        Raise :class:`flows.netflow.Inexact` (before any OR-Tools call) if the
        pure blocks' data would need rounding to go to OR-Tools in integers.
    **options
        HiGHS options for each HiGHS block.

    Returns
    -------
    Solution
        In the original indices; ``info`` says how many blocks went each way
        and the time each path took (s).

    Raises
    ------
    ImportError
        OR-Tools cannot be imported and some block is pure (with ``network_flow``).

    Examples
    --------
    >>> from flows import Problem
    >>> p = Problem(n_nodes=2, tail=[-1, -1], head=[0, 1], rhs=[3, 4], costs={"cost": [1.0, 2.0]})
    >>> s = solve_blocks(p)
    >>> s.objective, s.info["blocks"], s.info["network_flow_blocks"]
    (11.0, 2, 2)
    """
    t0 = time.perf_counter()
    b = find_blocks(problem) if blocks is None else blocks
    out = _Gathered(problem, b, network_flow)
    pure_nodes = b.pure[b.node] if network_flow else np.zeros(problem.n_nodes, bool)
    lp_blocks = np.flatnonzero(~b.pure) if network_flow else np.arange(b.n_blocks)
    lp = _LPBlocks(problem, b, objective, workers, options) if lp_blocks.size else None
    if lp is not None and workers > 1:
        lp.start(lp_blocks, parallel_min, bool(pure_nodes.any()), out.info)
    if pure_nodes.any():
        out.info["split_time"] = time.perf_counter() - t0
        try:
            _solve_pure(problem, b, pure_nodes, network_flow, objective, potentials, exact, out)
        except BaseException:
            if lp is not None:
                lp.cancel()
            raise
    if lp is not None:
        lp.gather(lp_blocks, out)
    return out.solution(problem, b, objective, t0)


class _Gathered:
    """The blocks' answers put together, in the original indices."""

    def __init__(self, problem: Problem, b: Blocks, network_flow: bool) -> None:
        n_pure = int(b.pure.sum()) if network_flow else 0
        self.info: dict[str, Any] = {"engine": "network", "blocks": b.n_blocks, "network_flow_blocks": n_pure,
                                     "lp_blocks": int(b.n_blocks - n_pure)}
        self.flow = np.full(problem.n_arcs, np.nan)
        self.activity = np.full(problem.n_conversions, np.nan)
        self.duals = np.full(problem.n_nodes, np.nan)
        self.reduced = np.full(problem.n_vars, np.nan)
        self.statuses: list[Status] = []
        self.solver_time = 0.0

    def solution(self, problem: Problem, b: Blocks, objective: str | dict[str, float], t0: float) -> Solution:
        """The whole problem's solution; conversions in no block sit at their cheapest bound."""
        c = problem.cost_vector(objective)
        flow, activity = self.flow, self.activity
        # conversions that touch no node belong to no block: they sit at their cheapest bound (with no cost, at
        # the value nearest 0); an infinite cheapest bound makes the problem unbounded
        loose = b.conversion < 0
        bad = [s for s in self.statuses if s != OPTIMAL]
        if loose.any():
            lo, hi, cl = problem.conv_lower[loose], problem.conv_upper[loose], c[problem.n_arcs:][loose]
            activity[loose] = np.where(cl > 0, lo, np.where(cl < 0, hi, np.clip(0.0, lo, hi)))
            if not np.isfinite(activity[loose]).all():
                bad.append(UNBOUNDED)
        status = combined_status(bad)
        x = np.concatenate([flow, activity])
        totals = {k: float(problem.costs[k] @ flow + problem.conv_costs[k] @ activity) for k in problem.costs}
        self.info["total_time"] = time.perf_counter() - t0
        return Solution(status, f"{len(self.statuses)} solver call(s); {status}", flow, activity, self.duals,
                        float(c @ x) if status == OPTIMAL else float("nan"), totals, self.reduced,
                        self.solver_time, self.info)


def _solve_pure(problem: Problem, b: Blocks, pure_nodes: BoolArray, network_flow: bool,
                objective: str | dict[str, float], potentials: bool, exact: bool, out: _Gathered) -> None:
    """The pure blocks, all in one :func:`flows.netflow.solve_network_flow` (its own calls per block)."""

    nodes: slice | IntArray
    arcs: slice | IntArray
    arc_labels: IntArray | None
    if network_flow and b.pure.all() and problem.n_conversions == 0:  # the whole problem, as it is
        nodes, arcs, part, labels, arc_labels = slice(None), slice(None), problem, b.node, b.arc
    else:
        nodes = np.flatnonzero(pure_nodes)
        arcs = np.flatnonzero(b.pure[b.arc])
        part = sub_problem(problem, nodes, arcs, np.zeros(0, np.int64))
        labels, arc_labels = np.unique(b.node[nodes], return_inverse=True)[1], None
    t1 = time.perf_counter()
    s = solve_network_flow(part, objective, duals=potentials, blocks=labels, arc_blocks=arc_labels, exact=exact)
    info = out.info
    info["network_flow_time"] = time.perf_counter() - t1
    info.update({k: v for k, v in s.info.items() if k.endswith(("scale", "_time")) or k in ("calls", "exact")})
    out.statuses.append(s.status)
    out.solver_time += s.solver_time
    out.flow[arcs], out.duals[nodes] = s.flow, s.duals
    if s.reduced_costs is not None:
        out.reduced[arcs] = s.reduced_costs


_BlockAnswer = tuple[IntArray, IntArray, IntArray, Solution]


class _LPBlocks:
    """The blocks HiGHS solves: each block's nodes, arcs and conversions, and (with workers) threads for them."""

    def __init__(self, problem: Problem, b: Blocks, objective: str | dict[str, float], workers: int,
                 options: dict[str, Any]) -> None:
        self.problem, self.objective, self.workers, self.options = problem, objective, workers, options
        self.node_order = np.argsort(b.node, kind="stable")
        self.node_start = np.searchsorted(b.node[self.node_order], np.arange(b.n_blocks + 1))
        self.arc_order = np.argsort(b.arc, kind="stable")
        self.arc_start = np.searchsorted(b.arc[self.arc_order], np.arange(b.n_blocks + 1))
        self.conv_order = np.argsort(b.conversion, kind="stable")
        self.conv_start = np.searchsorted(b.conversion[self.conv_order], np.arange(b.n_blocks + 1))
        self.pool: ThreadPoolExecutor | None = None
        self.futures: dict[int | str, Future[Any]] = {}
        self.small: list[int] = []
        self.t_lp = time.perf_counter()

    def one(self, k: int) -> _BlockAnswer:
        """Block ``k`` solved: its nodes, arcs, conversions and solution."""
        nodes = self.node_order[self.node_start[k]:self.node_start[k + 1]]
        arcs = self.arc_order[self.arc_start[k]:self.arc_start[k + 1]]
        convs = self.conv_order[self.conv_start[k]:self.conv_start[k + 1]]
        return nodes, arcs, convs, _solve_lp_block(sub_problem(self.problem, nodes, arcs, convs), self.objective,
                                                   self.workers, self.options)

    def several(self, ks: list[int]) -> list[_BlockAnswer]:
        """Blocks ``ks`` solved one after another."""
        return [self.one(k) for k in ks]

    def start(self, lp_blocks: IntArray, parallel_min: int, beside_pure: bool, info: dict[str, Any]) -> None:
        """Start the blocks on threads if that pays (beside the OR-Tools calls, or two big blocks)."""
        size = (self.arc_start[1:] - self.arc_start[:-1])[lp_blocks] + \
            (self.conv_start[1:] - self.conv_start[:-1])[lp_blocks]
        if not (beside_pure or np.count_nonzero(size >= parallel_min) > 1):
            return
        # HiGHS releases the GIL while it solves: the LP blocks run beside the OR-Tools call (which holds
        # it) and beside each other; small blocks together in one task, as a thread costs more than they take
        big, small = lp_blocks[size >= parallel_min].tolist(), lp_blocks[size < parallel_min].tolist()
        self.small = small
        self.pool = ThreadPoolExecutor(min(self.workers, len(big) + bool(small)))
        self.futures = {k: self.pool.submit(self.one, k) for k in big}
        if small:
            self.futures["small"] = self.pool.submit(self.several, small)
        if big:
            info["lp_parallel_blocks"] = len(big)
        if small:
            info["lp_small_blocks_thread"] = len(small)

    def cancel(self) -> None:
        """Stop what has not started (the pure part failed)."""
        if self.pool is not None:
            self.pool.shutdown(wait=True, cancel_futures=True)

    def gather(self, lp_blocks: IntArray, out: _Gathered) -> None:
        """Every block's answer into ``out``, in block order (so the answer is the same as serial)."""
        answers: dict[int, _BlockAnswer] = {}
        if self.pool is None:  # the LP blocks' time: from here, or from their start beside the OR-Tools calls
            self.t_lp = time.perf_counter()
        else:
            for k, f in self.futures.items():
                got = f.result()
                answers.update(dict(zip(self.small, got, strict=True)) if k == "small" else {int(k): got})
            self.pool.shutdown(wait=True)
        n_arcs = self.problem.n_arcs
        for k in lp_blocks.tolist():
            nodes, arcs, convs, s = answers[k] if k in answers else self.one(k)
            out.statuses.append(s.status)
            out.solver_time += s.solver_time
            out.flow[arcs], out.activity[convs], out.duals[nodes] = s.flow, s.activity, s.duals
            if s.reduced_costs is not None:
                out.reduced[arcs] = s.reduced_costs[: arcs.size]
                out.reduced[n_arcs + convs] = s.reduced_costs[arcs.size:]
            for key in ("sifting", "linked"):
                if key in s.info:
                    out.info.setdefault(key, []).append(s.info[key])
        out.info["lp_time"] = time.perf_counter() - self.t_lp
