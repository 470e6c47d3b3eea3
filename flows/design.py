"""Link design: which candidate arcs to build (a MILP solved by HiGHS).

Each candidate arc ``a`` gets a build decision ``y_a`` in {0, 1} and a fixed
yearly cost ``f_a`` (annualised investment plus fixed operating cost, in the
objective's units per year)::

    min  c @ x + f @ y
    s.t. the node balances of the problem
         x_a <= M_a * y_a            for every candidate a
         bounds on x

``M_a`` is the arc's upper bound, or, for an uncapacitated candidate, a bound
that some optimal design's flow keeps to (see :func:`flows.bigm.big_m`: in a
pure block its supply plus its finite capacities; in a block whose lossy arcs
lie on no cycle, what its vertices can carry; in any other, the most the arc
can carry within the cost a known design leaves, found by an LP). Where none
of these proves a bound, a guess is used and the design is reported
``feasible`` (never ``optimal``), with ``info`` naming the candidates. HiGHS
stops at ``time_limit`` seconds or when the relative gap between the best
design and the best bound is below ``mip_rel_gap``; the achieved gap is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from flows.bigm import big_m, big_m_bounds
from flows.highs import LinearModel
from flows.model import Model
from flows.problem import FloatArray, Problem, as_weights
from flows.solution import Solution
from flows.status import FEASIBLE, INFEASIBLE, OPTIMAL, Status, error_for

__all__ = ["Design", "annuity", "big_m", "design", "link_savings"]


def annuity(investment: ArrayLike, rate: float, years: ArrayLike) -> float | FloatArray:
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
    amount = np.asarray(investment, dtype=np.float64)
    life = np.asarray(years, dtype=np.float64)
    out: FloatArray
    if rate == 0:
        out = amount / life
    else:
        out = amount * rate / (1.0 - (1.0 + rate) ** -life)
    return float(out) if out.ndim == 0 else out


@dataclass(frozen=True, eq=False)
class Design:
    """The chosen links and the flows with them.

    Parameters
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
        The relative MIP gap HiGHS reached (0 = proven optimal); NaN where a big-M is not proven.
    info : dict
        ``big_m``: ``proven`` (every candidate's bound is proven, :func:`flows.bigm.big_m`),
        ``guessed`` (the candidates, by position, whose bound is a guess) and ``bounds``; with a guess
        the status is ``feasible`` at best (a design, but no proof that no larger flow on a closed
        candidate would do better), and ``note`` says so.
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
    info: dict[str, Any] = field(default_factory=dict)

    def raise_for_status(self) -> Design:
        """This design if there is one (``optimal`` or ``feasible``), else the exception its status names.

        Returns
        -------
        Design
            ``self``, so that a call reads on.

        Raises
        ------
        flows.SolveError
            :class:`flows.Infeasible`, :class:`flows.Unbounded`, :class:`flows.LimitReached` or the base class.
        """
        if self.status in (OPTIMAL, FEASIBLE):
            return self
        raise error_for(self.status)(self.status, f"no design ({self.status})", self)


def design(problem: Problem, candidates: ArrayLike, fixed_cost: ArrayLike, objective: str | dict[str, float] = "cost",
           time_limit: float | None = None, mip_rel_gap: float = 1e-4) -> Design:
    """Choose which ``candidates`` (arc indices) to build, each at ``fixed_cost`` per year.

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.
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
        The links to build, the objective with their fixed costs and the LP of that design.

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
    M, proven = big_m_bounds(problem, cand, objective, f)
    info: dict[str, Any] = {"big_m": {"proven": bool(proven.all()), "guessed": np.flatnonzero(~proven).tolist(),
                      "bounds": M.tolist()}}
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
                      r["highs_time"], info)
    build = r["x"][n:] > 0.5
    m = Model(problem, objective)
    m.set_bounds(upper=0.0, arcs=cand[~build])
    sol = m.solve()
    fixed = float(f @ build)
    status, gap = r["status"], r["gap"]
    if not proven.all() and status == OPTIMAL:  # optimal for the MILP with a guessed M, not for the design
        status, gap = FEASIBLE, float("nan")
        info["note"] = (f"no bound on the flow of candidate(s) {info['big_m']['guessed']} is proven (a guessed "
                        "big M): the design is the best within it, not proven optimal")
    return Design(status, build, sol.objective + fixed, fixed, gap, sol, r["highs_time"], info)


def _empty(problem: Problem, status: Status) -> Solution:
    nan = np.full(problem.n_vars, np.nan)
    return Solution(status, status, nan[: problem.n_arcs], nan[problem.n_arcs:], np.full(problem.n_nodes, np.nan),
                    float("nan"), {k: float("nan") for k in problem.costs})


def link_savings(problem: Problem, candidates: ArrayLike, build: ArrayLike, objective: str | dict[str, float] = "cost",
                 measure: str | None = None) -> np.ndarray:
    """Per candidate: how much a year the link saves in ``measure``, the rest of the design kept as it is.

    For a built link: the total without it minus the total of the design; for
    one not built: the total of the design minus the total with it added.
    Uses one warm :class:`~flows.Model`: toggle a link, re-solve, toggle back.

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.
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

    def total(s: Solution) -> float:
        return s.totals[measure] if measure else s.objective

    out = np.full(cand.size, np.nan)
    for i in range(cand.size):
        up = problem.upper[cand[i]]
        m.set_bounds(upper=0.0 if build[i] else up, arcs=[cand[i]])
        other = m.solve()
        if other.ok:
            out[i] = (total(other) - total(base)) * (1 if build[i] else -1)
        m.set_bounds(upper=up if build[i] else 0.0, arcs=[cand[i]])
    return out
