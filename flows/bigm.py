"""Big-M bounds of the design MILP: how much flow some optimal design can need on a candidate arc.

:func:`flows.design.design` links each candidate's flow to its build decision by
``x_a <= M_a y_a``. The MILP keeps the true optimum only if some optimal design,
with an optimal flow, stays within every ``M_a``; :func:`big_m_bounds` finds such
bounds where it can prove them (three ways, see :func:`big_m`) and says for which
candidates it could not (then the design's status is ``feasible``, not ``optimal``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from flows.highs import LinearModel
from flows.model import Model
from flows.problem import BoolArray, FloatArray, IntArray, Problem, as_weights, sub_problem
from flows.status import OPTIMAL

if TYPE_CHECKING:  # flows.blocks is imported where a bound needs it
    from flows.blocks import Blocks

__all__ = ["MAX_PROVEN", "big_m", "big_m_bounds"]

#: A proven bound above this is not used: a MILP with such an M cannot tell a closed link from a trickle.
MAX_PROVEN = 1e12


def big_m(problem: Problem, arcs: ArrayLike, objective: str | dict[str, float] | None = None,
          fixed_cost: ArrayLike | None = None) -> FloatArray:
    """A bound on the flow of each candidate in ``arcs`` that some optimal design keeps to (where proven).

    :func:`big_m_bounds` without the flags of which bounds are proven.

    Parameters
    ----------
    problem : Problem
    arcs : array_like of int
        The candidate arcs.
    objective : str or dict, optional
        The design's objective (needed for the LP bound).
    fixed_cost : array_like, optional
        One per candidate (needed for the LP bound).

    Returns
    -------
    numpy.ndarray
        One bound per candidate.

    Notes
    -----
    A capacitated candidate's bound is its capacity. An uncapacitated one gets a bound such that some
    optimal design, with an optimal flow, stays within it, so the MILP with ``x_a <= M_a y_a`` keeps
    the true optimum. Blocks (:func:`flows.blocks.find_blocks`) are independent, so the bound is
    worked out in the candidate's block:

    * **Vertex bound** (a pure block: every gain 1, no conversions, finite lower bounds):
      ``lower_a + S + U``, with ``S`` the block's supply once lower bounds are shifted out (its
      positive supplies, the boundary's net import included) and ``U`` the sum of its finite
      ``upper - lower``. The LP of every design has an optimal vertex (its feasible set is a face of
      the all-open one), and at a vertex the arcs strictly between their bounds form no cycle, so a
      decomposition of its flow into paths and cycles has paths carrying ``S`` in all and cycles that
      each pass a capacitated arc, at most ``U`` in all.
    * **LP bound** (any other block; needs ``objective`` and ``fixed_cost``, one per arc of ``arcs``):
      the cost of a known design (the better of all candidates closed and all open, with the fixed
      costs of the open ones that carry flow) bounds an optimal design's, so its flow costs at most
      that minus its fixed costs; every other block's flow costs at least its optimum with all
      candidates open, which leaves a budget for the candidate's block. ``M_a`` is the most the arc
      can carry, every candidate open, within that budget: an LP per candidate on its block (one warm
      HiGHS model per block). Gains, conversions and lossy cycles are all in it. It is infinite, and
      not used, when a cycle of uncapacitated arcs and conversions of cost 0 passes the arc.
    * **Tree bound** (a block with gains but no conversions and finite lower bounds, whose arcs with
      a gain other than 1 lie on no cycle of its nodes): at a vertex the arcs strictly between their
      bounds are then a forest, each tree with at most one arc to the boundary (a cycle of gain 1 or
      two roots would make their columns dependent), so an arc carries what the nodes on one side
      need, ``R`` at most (the block's ``sum |rhs|`` plus what the arcs at a bound put in or take
      out, ``(1 + gain) x max(|lower|, |upper|)`` each), scaled along the way by at most
      ``A = prod max(gain, 1 / gain)`` over the block's arcs: ``|lower_a| + R A``. It holds whatever
      the costs, so zero-cost cycles of gain 1 (which make the LP bound infinite) do not matter.
      The smaller of it and the LP bound is used.

    Failing all three (a block with conversions or lossy cycles and no objective given, or an
    infinite LP bound), or a bound above :data:`MAX_PROVEN`, the bound is ``(sum |rhs| + U + what
    the conversions can put out) / the smallest gain`` over the whole problem: a guess, not a
    guarantee (two arcs that each lose half need 4 units for 1 delivered; a cycle that loses a
    little, fed a residual, carries many times it). :func:`flows.design.design` then reports the
    design as ``feasible``, not ``optimal`` (:func:`big_m_bounds` says which bounds are guessed).
    """
    return big_m_bounds(problem, arcs, objective, fixed_cost)[0]


def big_m_bounds(problem: Problem, arcs: ArrayLike, objective: str | dict[str, float] | None = None,
                 fixed_cost: ArrayLike | None = None) -> tuple[FloatArray, BoolArray]:
    """:func:`big_m`'s bounds, and per candidate whether its bound is proven (False: the guess).

    Parameters
    ----------
    problem : Problem
    arcs : array_like of int
        The candidate arcs.
    objective : str or dict, optional
        The design's objective (needed for the LP bound).
    fixed_cost : array_like, optional
        One per candidate (needed for the LP bound).

    Returns
    -------
    tuple of numpy.ndarray
        The bounds, and a bool per candidate: True where one of :func:`big_m`'s three ways proves it.
    """
    from flows.blocks import find_blocks

    arcs = np.asarray(arcs, dtype=np.int64).reshape(-1)
    M = problem.upper[arcs].astype(float)
    proven = np.ones(arcs.size, bool)
    free = np.flatnonzero(~np.isfinite(M))
    if free.size == 0:
        return M, proven
    blocks = find_blocks(problem)
    k = blocks.n_blocks
    lower = np.where(np.isfinite(problem.lower), problem.lower, 0.0)
    shifted = problem.rhs - problem.incidence() @ np.concatenate([lower, np.zeros(problem.n_conversions)])
    finite = np.isfinite(problem.upper)
    U = np.bincount(blocks.arc[finite], weights=(problem.upper - lower)[finite], minlength=k)
    S = np.bincount(blocks.node, weights=np.maximum(-shifted, 0.0), minlength=k) \
        + np.maximum(np.bincount(blocks.node, weights=shifted, minlength=k), 0.0)
    bounded_below = np.bincount(blocks.arc, weights=~np.isfinite(problem.lower), minlength=k) == 0
    vertex = blocks.pure & bounded_below
    block = blocks.arc[arcs[free]]
    bound = np.where(vertex[block], problem.lower[arcs[free]] + S[block] + U[block], np.inf)
    rest = ~vertex[block]
    if rest.any():
        bound[rest] = _tree_bound(problem, arcs[free][rest], blocks, bounded_below)
    if rest.any() and objective is not None and fixed_cost is not None:
        bound[rest] = np.minimum(bound[rest], _lp_bound(problem, arcs, arcs[free][rest], objective, fixed_cost,
                                                        blocks))
    bound[bound > MAX_PROVEN] = np.inf
    if not np.isfinite(bound).all():
        proven[free[~np.isfinite(bound)]] = False
        conv = problem.conversion
        out_per_unit = np.asarray(conv.maximum(0).sum(axis=0)).ravel() if conv.shape[1] else np.zeros(0)
        most_out = np.zeros_like(out_per_unit)
        makes = out_per_unit > 0  # a conversion that puts nothing out adds nothing, whatever its upper bound
        most_out[makes] = out_per_unit[makes] * problem.conv_upper[makes]
        guess = np.abs(shifted).sum() + U.sum() + np.nan_to_num(most_out, posinf=0.0).sum()
        guess /= min(1.0, float(problem.gain.min(initial=1.0)))
        bound = np.where(np.isfinite(bound), bound, max(guess, 1.0))
    M[free] = np.maximum(bound, 0.0)
    return M, proven


def _tree_bound(problem: Problem, arcs: IntArray, blocks: Blocks, bounded_below: BoolArray) -> FloatArray:
    """:func:`big_m`'s tree bound of each arc in ``arcs`` (+inf where its block does not qualify)."""
    from flows.blocks import components

    k = blocks.n_blocks
    inner = (problem.tail >= 0) & (problem.head >= 0)
    unit = problem.gain == 1.0
    # the arcs of gain other than 1 lie on no cycle iff, with the gain-1 parts of the block drawn together
    # into one point each, they form a tree there: as many of them as those parts, less one per block
    _, part, _, _ = components(problem.n_nodes, np.where(inner & unit, problem.tail, -1),
                               np.where(inner & unit, problem.head, -1))
    parts = np.bincount(np.unique(np.stack([blocks.node, part]), axis=1)[0], minlength=k)
    lossy = np.bincount(blocks.arc[inner & ~unit], minlength=k)
    no_conv = np.bincount(blocks.conversion[blocks.conversion >= 0], minlength=k) == 0
    ok = no_conv & bounded_below & (lossy == parts - 1)
    g = problem.gain
    spread = np.bincount(blocks.arc, weights=np.abs(np.log(np.where(g > 0, g, 1.0))), minlength=k)
    ok &= np.bincount(blocks.arc, weights=g <= 0, minlength=k) == 0
    at_bound = np.maximum(np.abs(np.where(np.isfinite(problem.lower), problem.lower, 0.0)),
                          np.abs(np.where(np.isfinite(problem.upper), problem.upper, 0.0)))
    R = np.bincount(blocks.node, weights=np.abs(problem.rhs), minlength=k) \
        + np.bincount(blocks.arc, weights=(1.0 + np.abs(g)) * at_bound, minlength=k)
    with np.errstate(over="ignore"):
        tree = np.where(ok, R * np.exp(spread) * (1 + 1e-9) + 1e-9, np.inf)
    b = blocks.arc[arcs]
    bound: FloatArray = np.abs(np.where(np.isfinite(problem.lower[arcs]), problem.lower[arcs], 0.0)) + tree[b]
    return bound


def _lp_bound(problem: Problem, cand: IntArray, arcs: IntArray, objective: str | dict[str, float],
              fixed_cost: ArrayLike, blocks: Blocks) -> FloatArray:
    """The most each arc in ``arcs`` can carry, every candidate open, within the flow cost an optimal
    design leaves for its block (see :func:`big_m`); +inf where that is unbounded or no design is known."""
    f = np.asarray(fixed_cost, dtype=float).reshape(-1)
    out = np.full(arcs.size, np.inf)
    m = Model(problem, objective)
    open_ = m.solve()
    if not open_.ok:  # the design is infeasible or unbounded whatever M is
        return out
    m.set_bounds(upper=0.0, arcs=cand)
    closed = m.solve()
    cheap = float(np.minimum(f, 0.0).sum())  # a design's fixed costs are at least this
    used = np.abs(open_.flow[cand]) > 0
    known = open_.objective + float(f[used].sum()) + float(np.minimum(f[~used], 0.0).sum())
    if closed.ok:
        known = min(known, closed.objective + cheap)
    c = problem.cost_vector(as_weights(objective))
    paid = c * np.concatenate([open_.flow, open_.activity])  # each block's flow cost is at least its part here
    open_total = float(paid.sum())
    inner = blocks.conversion >= 0
    per_block = np.bincount(blocks.arc, weights=paid[: problem.n_arcs], minlength=blocks.n_blocks) \
        + np.bincount(blocks.conversion[inner], weights=paid[problem.n_arcs:][inner], minlength=blocks.n_blocks)
    slack = 1e-6 * max(1.0, abs(known), float(np.abs(paid).sum()))  # the solver's tolerances: a larger bound holds
    for b in np.unique(blocks.arc[arcs]).tolist():
        nodes = np.flatnonzero(blocks.node == b)
        barcs = np.flatnonzero(blocks.arc == b)
        convs = np.flatnonzero(blocks.conversion == b)
        sub = sub_problem(problem, nodes, barcs, convs)
        budget = known - cheap - (open_total - per_block[b]) + slack
        cb = np.concatenate([c[barcs], c[problem.n_arcs + convs]])
        lo, hi = sub.bounds()
        lp = LinearModel(np.zeros(sub.n_vars), sp.vstack([sub.incidence(), sp.csr_matrix(cb.reshape(1, -1))]),
                         np.append(sub.rhs, -np.inf), np.append(sub.rhs, budget), lo, hi)
        for i in np.flatnonzero(blocks.arc[arcs] == b).tolist():
            local = int(np.searchsorted(barcs, arcs[i]))
            e = np.zeros(sub.n_vars)
            e[local] = -1.0
            lp.set_costs(e)
            r = lp.run()
            if r["status"] == OPTIMAL:
                out[i] = r["x"][local] * (1 + 1e-6) + 1e-6
    return out


