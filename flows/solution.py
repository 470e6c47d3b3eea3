"""What a solve returns: :class:`Solution`, the same from every engine."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from flows.problem import FloatArray, Problem
from flows.status import INFEASIBLE, OPTIMAL, Status, error_for

__all__ = ["Solution"]


@dataclass(frozen=True, eq=False)
class Solution:
    """What the solver found.

    Parameters
    ----------
    status : str
        One of :data:`flows.STATUSES`.
    message : str
        The solver's own words.
    flow : numpy.ndarray
        Per arc (units per year).
    activity : numpy.ndarray
        Per conversion (units per year).
    duals : numpy.ndarray
        Per node: the change of the objective for one more unit of ``rhs``
        at the node, i.e. what one more unit needed there is worth
        (objective units per unit).
    objective : float
        The objective at this solution.
    totals : dict of str to float
        Every named cost of the problem at this solution.
    reduced_costs : numpy.ndarray, optional
        Per variable (arcs, then conversions): the change of the objective
        per unit the variable's active bound moves; for an arc at its
        capacity, minus this is what one more unit of capacity is worth.
    solver_time : float, default 0.0
        The solver's own time in seconds.
    info : dict, optional
        What the path adds (scales, calls, timings...).
    """

    status: Status
    message: str
    flow: np.ndarray
    activity: np.ndarray
    duals: np.ndarray
    objective: float
    totals: dict[str, float]
    reduced_costs: np.ndarray | None = None
    solver_time: float = 0.0
    info: dict[str, Any] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        """True if the status is ``optimal``."""
        return self.status == OPTIMAL

    def raise_for_status(self) -> Solution:
        """This solution if it is optimal, else the exception its status names.

        Returns
        -------
        Solution
            ``self``, so that ``flows.solve(p).raise_for_status().flow`` reads on.

        Raises
        ------
        flows.Infeasible
            Status ``infeasible``.
        flows.Unbounded
            Status ``unbounded``.
        flows.LimitReached
            Status ``time_limit``, ``iteration_limit`` or ``solution_limit``.
        flows.SolveError
            Any other status (the base class of the three above).
        """
        if self.status == OPTIMAL:
            return self
        raise error_for(self.status)(self.status, self.message, self)


def _no_variables(problem: Problem, rhs: np.ndarray) -> Solution:
    """Nothing to decide: balanced if and only if every right-hand side is 0."""
    if np.any(rhs):
        nan = np.full(problem.n_nodes, np.nan)
        return Solution(INFEASIBLE, "no variables, but a node needs a non-zero balance", np.zeros(0), np.zeros(0),
                        nan, float("nan"), {k: float("nan") for k in problem.costs})
    return Solution(OPTIMAL, "no variables", np.zeros(0), np.zeros(0), np.zeros(problem.n_nodes), 0.0,
                    {k: 0.0 for k in problem.costs})


def _solution(problem: Problem, r: dict[str, Any], costs: dict[str, FloatArray],
              conv_costs: dict[str, FloatArray]) -> Solution:
    n = problem.n_arcs
    info = {"engine": "highs", "gap": r["gap"]}
    if "rescaled" in r:  # HiGHS' tolerance let a loss pass at this scale: solved again scaled (flows.verify)
        info["rescaled"] = r["rescaled"]
    if r["x"] is None:
        empty = np.full(problem.n_vars, np.nan)
        return Solution(r["status"], r["message"], empty[:n], empty[n:], np.full(problem.n_nodes, np.nan),
                        float("nan"), {k: float("nan") for k in costs}, None, r["highs_time"], info)
    x = r["x"]
    # np.dot, not @: on two vectors @ took 200x longer here (0.6 ms of CPU for 50,000 numbers, more when busy)
    totals = {name: float(np.dot(costs[name], x[:n]) + np.dot(conv_costs[name], x[n:])) for name in costs}
    duals = r["row_dual"] if r["row_dual"] is not None else np.full(problem.n_nodes, np.nan)
    return Solution(r["status"], r["message"], x[:n], x[n:], duals, r["objective"], totals,
                    r["col_dual"], r["highs_time"], info)
