"""Link design: which candidate arcs to build (a MILP solved by HiGHS).

Each candidate arc ``a`` gets a build decision ``y_a`` in {0, 1} and a fixed
yearly cost ``f_a`` (annualised investment plus fixed operating cost, in the
objective's units per year)::

    min  c @ x + f @ y
    s.t. the node balances of the problem
         x_a <= M_a * y_a            for every candidate a
         bounds on x

``M_a`` is the arc's upper bound, or, for an uncapacitated candidate, a bound
that some optimal design's flow keeps to (see :func:`big_m`: in a pure block
its supply plus its finite capacities; in any other, the most the arc can
carry within the cost a known design leaves, found by an LP). HiGHS stops at
``time_limit`` seconds or when the relative gap between the best design and
the best bound is below ``mip_rel_gap``; the achieved gap is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from flows.highs import LinearModel
from flows.model import Model
from flows.problem import Problem, as_weights
from flows.solution import Solution
from flows.status import FEASIBLE, INFEASIBLE, OPTIMAL, Status, error_for

__all__ = ["Design", "annuity", "big_m", "design", "link_savings"]


def annuity(investment, rate: float, years):
    """The equal yearly payment that repays ``investment`` over ``years`` at ``rate`` (DKK/yr).

    ``investment x rate / (1 - (1 + rate)^-years)``, or ``investment / years`` at a rate of 0.

    Parameters
    ----------
    investment : float or array_like
        DKK.
    rate : float
        Yearly rate (0.035 for 3.5 %).
    years : float or array_like
        Lifetime.

    Returns
    -------
    float or numpy.ndarray
        DKK per year.

    Examples
    --------
    >>> round(annuity(1_000_000, 0.035, 20))
    70361
    >>> annuity(1000, 0.0, 10)
    100.0
    """
    investment = np.asarray(investment, dtype=float)
    years = np.asarray(years, dtype=float)
    if rate == 0:
        out = investment / years
    else:
        out = investment * rate / (1.0 - (1.0 + rate) ** -years)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True, eq=False)
class Design:
    """The chosen links and the flows with them.

    Attributes
    ----------
    status : str
        ``optimal``, ``feasible`` (stopped at a limit with a design but no
        proof) or why there is none (:data:`flows.STATUSES`).
    build : numpy.ndarray of bool
        Per candidate.
    objective : float
        Including the fixed costs.
    fixed_cost : float
        The fixed costs of the links built.
    gap : float
        The relative MIP gap HiGHS reached (0 = proven optimal).
    solution : Solution
        The LP with the chosen links open and the others closed (its duals
        are prices of that design).
    solver_time : float
        s.
    """

    status: Status
    build: np.ndarray
    objective: float
    fixed_cost: float
    gap: float
    solution: Solution
    solver_time: float

    def raise_for_status(self) -> Design:
        """This design if there is one (``optimal`` or ``feasible``), else the exception its status names.

        Returns
        -------
        Design

        Raises
        ------
        flows.SolveError
            :class:`flows.Infeasible`, :class:`flows.Unbounded`, :class:`flows.LimitReached` or the base class.
        """
        if self.status in (OPTIMAL, FEASIBLE):
            return self
        raise error_for(self.status)(self.status, f"no design ({self.status})", self)


def big_m(problem: Problem, arcs, objective: str | dict[str, float] | None = None, fixed_cost=None) -> np.ndarray:
    """A bound on the flow of each candidate in ``arcs`` that some optimal design keeps to.

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

    Failing both (a block with gains or conversions and no objective given, or an infinite LP
    bound) the bound is ``(sum |rhs| + U + what the conversions can put out) / the smallest gain``
    over the whole problem: a guess, not a guarantee (two arcs that each lose half need 4 units for 1
    delivered; a cycle that loses a little, fed a residual, carries many times it).
    """
    from flows.blocks import find_blocks

    arcs = np.asarray(arcs, dtype=np.int64).reshape(-1)
    M = problem.upper[arcs].astype(float)
    free = np.flatnonzero(~np.isfinite(M))
    if free.size == 0:
        return M
    blocks = find_blocks(problem)
    k = blocks.n_blocks
    lower = np.where(np.isfinite(problem.lower), problem.lower, 0.0)
    shifted = problem.rhs - problem.incidence() @ np.concatenate([lower, np.zeros(problem.n_conversions)])
    finite = np.isfinite(problem.upper)
    U = np.bincount(blocks.arc[finite], weights=(problem.upper - lower)[finite], minlength=k)
    S = np.bincount(blocks.node, weights=np.maximum(-shifted, 0.0), minlength=k) \
        + np.maximum(np.bincount(blocks.node, weights=shifted, minlength=k), 0.0)
    vertex = blocks.pure & (np.bincount(blocks.arc, weights=~np.isfinite(problem.lower), minlength=k) == 0)
    block = blocks.arc[arcs[free]]
    bound = np.where(vertex[block], problem.lower[arcs[free]] + S[block] + U[block], np.inf)
    rest = ~vertex[block]
    if rest.any() and objective is not None and fixed_cost is not None:
        bound[rest] = _lp_bound(problem, arcs, arcs[free][rest], objective, fixed_cost, blocks)
    if not np.isfinite(bound).all():
        conv = problem.conversion
        most_out = np.asarray(conv.maximum(0).sum(axis=0)).ravel() * problem.conv_upper if conv.shape[1] \
            else np.zeros(0)
        guess = np.abs(shifted).sum() + U.sum() + np.nan_to_num(most_out, posinf=0.0).sum()
        guess /= min(1.0, float(problem.gain.min(initial=1.0)))
        bound = np.where(np.isfinite(bound), bound, max(guess, 1.0))
    M[free] = np.maximum(bound, 0.0)
    return M


def _lp_bound(problem: Problem, cand: np.ndarray, arcs: np.ndarray, objective, fixed_cost, blocks) -> np.ndarray:
    """The most each arc in ``arcs`` can carry, every candidate open, within the flow cost an optimal
    design leaves for its block (see :func:`big_m`); +inf where that is unbounded or no design is known."""
    from flows.blocks import sub_problem

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


def design(problem: Problem, candidates, fixed_cost, objective: str | dict[str, float] = "cost",
           time_limit: float | None = None, mip_rel_gap: float = 1e-4) -> Design:
    """Choose which ``candidates`` (arc indices) to build, each at ``fixed_cost`` per year.

    Parameters
    ----------
    problem : Problem
    candidates : array_like of int
        Arcs that exist only if built.
    fixed_cost : array_like
        Per candidate, in the objective's units per year (see :func:`annuity`).
    objective : str or dict, default "cost"
        A named cost, or weights over named costs.
    time_limit : float, optional
        s; HiGHS stops there with the best design so far (status ``feasible``).
    mip_rel_gap : float, default 1e-4
        HiGHS stops when the relative gap to the best bound is below it.

    Returns
    -------
    Design

    Raises
    ------
    ValueError
        ``fixed_cost`` has not one entry per candidate.

    Examples
    --------
    Two ways to meet a need of 10; the new link saves 5 x 10 = 50 a year and
    costs 30 a year, so it is built.

    >>> from flows import Problem
    >>> p = Problem(n_nodes=2, tail=[-1, 1, 1], head=[0, -1, 0], rhs=[10, -10],
    ...             costs={"cost": [6.0, 0.0, 1.0]})
    >>> d = design(p, candidates=[2], fixed_cost=[30.0])
    >>> d.build.tolist(), d.objective
    ([True], 40.0)
    """
    cand = np.asarray(candidates, dtype=np.int64).reshape(-1)
    f = np.asarray(fixed_cost, dtype=float).reshape(-1)
    if f.shape != cand.shape:
        raise ValueError("fixed_cost needs one entry per candidate")
    weights = as_weights(objective)
    n, k = problem.n_vars, cand.size
    c = np.concatenate([problem.cost_vector(weights), f])
    A_bal = sp.hstack([problem.incidence(), sp.csr_matrix((problem.n_nodes, k))])
    M = big_m(problem, cand, objective, f)
    link = sp.csr_matrix((np.concatenate([np.ones(k), -M]),
                          (np.tile(np.arange(k), 2), np.concatenate([cand, n + np.arange(k)]))), shape=(k, n + k))
    A = sp.vstack([A_bal, link])
    lo, hi = problem.bounds()
    lower = np.concatenate([lo, np.zeros(k)])
    upper = np.concatenate([hi, np.ones(k)])
    row_lo = np.concatenate([problem.rhs, np.full(k, -np.inf)])
    row_hi = np.concatenate([problem.rhs, np.zeros(k)])
    integrality = np.concatenate([np.zeros(n, np.int8), np.ones(k, np.int8)])
    milp = LinearModel(c, A, row_lo, row_hi, lower, upper, integrality=integrality,
                       time_limit=float(time_limit) if time_limit else None, mip_rel_gap=float(mip_rel_gap))
    r = milp.run()
    if r["x"] is None:
        empty = Model(problem, objective).solve() if r["status"] != INFEASIBLE else None
        sol = empty if empty is not None else _empty(problem, r["status"])
        return Design(r["status"], np.zeros(k, bool), float("nan"), float("nan"), float("nan"), sol,
                      r["highs_time"])
    build = r["x"][n:] > 0.5
    m = Model(problem, objective)
    m.set_bounds(upper=0.0, arcs=cand[~build])
    sol = m.solve()
    fixed = float(f @ build)
    return Design(r["status"], build, sol.objective + fixed, fixed, r["gap"], sol, r["highs_time"])


def _empty(problem: Problem, status: str) -> Solution:
    nan = np.full(problem.n_vars, np.nan)
    return Solution(status, status, nan[: problem.n_arcs], nan[problem.n_arcs:], np.full(problem.n_nodes, np.nan),
                    float("nan"), {k: float("nan") for k in problem.costs})


def link_savings(problem: Problem, candidates, build, objective: str | dict[str, float] = "cost",
                 measure: str | None = None) -> np.ndarray:
    """Per candidate: how much a year the link saves in ``measure``, the rest of the design kept as it is.

    For a built link: the total without it minus the total of the design; for
    one not built: the total of the design minus the total with it added.
    Uses one warm :class:`~flows.Model`: toggle a link, re-solve, toggle back.

    Parameters
    ----------
    problem : Problem
    candidates : array_like of int
        The candidate arcs.
    build : array_like of bool
        Per candidate: built or not.
    objective : str or dict, default "cost"
        What the flows minimise.
    measure : str, optional
        A named cost to report (default: the objective).

    Returns
    -------
    numpy.ndarray
        Per candidate, NaN where toggling it leaves no optimum.
    """
    cand = np.asarray(candidates, dtype=np.int64)
    build = np.asarray(build, dtype=bool)
    m = Model(problem, objective)
    m.set_bounds(upper=0.0, arcs=cand[~build])
    base = m.solve()
    total = (lambda s: s.totals[measure]) if measure else (lambda s: s.objective)
    out = np.full(cand.size, np.nan)
    for i in range(cand.size):
        up = problem.upper[cand[i]]
        m.set_bounds(upper=0.0 if build[i] else up, arcs=[cand[i]])
        other = m.solve()
        if other.ok:
            out[i] = (total(other) - total(base)) * (1 if build[i] else -1)
        m.set_bounds(upper=up if build[i] else 0.0, arcs=[cand[i]])
    return out
