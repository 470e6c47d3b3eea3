"""Solving a :class:`~flows.problem.Problem` with HiGHS (through SciPy)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linprog

from flows.problem import Problem

_STATUS = {0: "optimal", 1: "iteration_limit", 2: "infeasible", 3: "unbounded", 4: "numerical_error"}


@dataclass(frozen=True, eq=False)
class Solution:
    """What the solver found.

    ``flow`` per arc and ``activity`` per conversion (units per year); ``duals``
    per node: the change of the objective for one more unit of ``rhs`` at the
    node, i.e. what one more unit needed there is worth (objective units per
    unit). ``totals`` holds every named cost of the problem at this solution.
    """

    status: str
    message: str
    flow: np.ndarray
    activity: np.ndarray
    duals: np.ndarray
    objective: float
    totals: dict[str, float]

    @property
    def ok(self) -> bool:
        return self.status == "optimal"


def solve(problem: Problem, objective: str | dict[str, float] = "cost") -> Solution:
    """Minimise a named cost (or a weighted sum ``{"cost": 1, "co2e": 750}``).

    Example
    -------
    >>> import numpy as np
    >>> from flows import Problem, solve
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5.0],
    ...             costs={"cost": [2.0, 3.0]}, upper=[4.0, np.inf])
    >>> solve(p).flow.tolist()
    [4.0, 1.0]
    """
    weights = {objective: 1.0} if isinstance(objective, str) else dict(objective)
    c = problem.cost_vector(weights)
    if problem.n_vars == 0:  # nothing to decide (linprog rejects an empty problem): balanced iff rhs == 0
        if np.any(problem.rhs):
            nan = np.full(problem.n_nodes, np.nan)
            return Solution("infeasible", "no variables, but a node needs a non-zero balance", np.zeros(0),
                            np.zeros(0), nan, float("nan"), {k: float("nan") for k in problem.costs})
        return Solution("optimal", "no variables", np.zeros(0), np.zeros(0), np.zeros(problem.n_nodes), 0.0,
                        {k: 0.0 for k in problem.costs})
    lo, hi = problem.bounds()
    res = linprog(c, A_eq=problem.incidence(), b_eq=problem.rhs, bounds=np.column_stack([lo, hi]),
                  method="highs")
    status = _STATUS.get(res.status, "error")
    n = problem.n_arcs
    if res.x is None:
        empty = np.full(problem.n_vars, np.nan)
        return Solution(status, res.message, empty[:n], empty[n:], np.full(problem.n_nodes, np.nan),
                        float("nan"), {k: float("nan") for k in problem.costs})
    x = res.x
    totals = {name: float(problem.costs[name] @ x[:n] + problem.conv_costs[name] @ x[n:])
              for name in problem.costs}
    duals = np.asarray(res.eqlin.marginals, dtype=float) if res.eqlin is not None else np.zeros(problem.n_nodes)
    return Solution(status, res.message, x[:n], x[n:], duals, float(res.fun), totals)
