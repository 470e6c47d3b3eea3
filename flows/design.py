"""Link design: which candidate arcs to build (a MILP solved by HiGHS).

Each candidate arc ``a`` gets a build decision ``y_a`` in {0, 1} and a fixed
yearly cost ``f_a`` (annualised investment plus fixed operating cost, in the
objective's units per year)::

    min  c @ x + f @ y
    s.t. the node balances of the problem
         x_a <= M_a * y_a            for every candidate a
         bounds on x

``M_a`` is the arc's upper bound, or, for an uncapacitated candidate, a bound
no optimal flow exceeds: (sum |rhs| + the most every conversion can put out)
/ the smallest gain. HiGHS stops at ``time_limit`` seconds or when the
relative gap between the best design and the best bound is below
``mip_rel_gap``; the achieved gap is reported.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from flows.highs import LinearModel
from flows.problem import Problem
from flows.solve import Model, Solution, _weights


def annuity(investment, rate: float, years):
    """The equal yearly payment that repays ``investment`` over ``years`` at ``rate`` (DKK/yr).

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

    ``build`` per candidate; ``solution`` is the LP with the chosen links
    open and the others closed (its duals are prices of that design);
    ``objective`` includes the fixed costs; ``gap`` is the relative MIP gap
    HiGHS reached (0 = proven optimal); ``status`` ``optimal``, ``feasible``
    (stopped at the time limit with a design) or why there is none.
    """

    status: str
    build: np.ndarray
    objective: float
    fixed_cost: float
    gap: float
    solution: Solution
    solver_time: float


def big_m(problem: Problem, arcs: np.ndarray) -> np.ndarray:
    """An upper bound on the flow of each arc in ``arcs`` (its capacity where it has one)."""
    conv = problem.conversion
    outputs = conv.maximum(0).tocsc()
    most_out = np.asarray(outputs.sum(axis=0)).ravel() * problem.conv_upper if conv.shape[1] else np.zeros(0)
    total = np.abs(problem.rhs).sum() + np.nan_to_num(most_out, posinf=0.0).sum()
    total /= min(1.0, float(problem.gain.min(initial=1.0)))
    up = problem.upper[arcs]
    return np.where(np.isfinite(up), up, max(total, 1.0))


def design(problem: Problem, candidates, fixed_cost, objective: str | dict[str, float] = "cost",
           time_limit: float | None = None, mip_rel_gap: float = 1e-4) -> Design:
    """Choose which ``candidates`` (arc indices) to build, each at ``fixed_cost`` per year.

    Example: two ways to meet a need of 10; the new link saves 5 x 10 = 50 a
    year and costs 30 a year, so it is built.

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
    weights = _weights(objective)
    n, k = problem.n_vars, cand.size
    c = np.concatenate([problem.cost_vector(weights), f])
    A_bal = sp.hstack([problem.incidence(), sp.csr_matrix((problem.n_nodes, k))])
    M = big_m(problem, cand)
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
        empty = Model(problem, objective).solve() if r["status"] != "infeasible" else None
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
    """Per candidate: how much a year the link saves in ``measure`` (a named cost; default the
    objective), the rest of the design kept as it is.

    For a built link: the total without it minus the total of the design; for
    one not built: the total of the design minus the total with it added.
    Uses one warm :class:`~flows.solve.Model`: toggle a link, re-solve, toggle back.
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
