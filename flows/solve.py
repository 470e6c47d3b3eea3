"""Solving a :class:`~flows.problem.Problem` with HiGHS, once or again and again.

:func:`solve` is the one-shot call. :class:`Model` keeps the problem loaded
in HiGHS so that a sweep can change costs, weights or bounds and re-solve
without rebuilding anything (see :mod:`flows.highs`).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from flows.highs import LinearModel
from flows.problem import Problem
from flows.status import OPTIMAL, Status, error_for


@dataclass(frozen=True, eq=False)
class Solution:
    """What the solver found.

    ``flow`` per arc and ``activity`` per conversion (units per year); ``duals``
    per node: the change of the objective for one more unit of ``rhs`` at the
    node, i.e. what one more unit needed there is worth (objective units per
    unit). ``totals`` holds every named cost of the problem at this solution.
    ``reduced_costs`` per variable (arcs, then conversions): the change of the
    objective per unit the variable's active bound moves; for an arc at its
    capacity, minus this is what one more unit of capacity is worth.
    ``solver_time`` is the solver's own time in seconds.
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
    info: dict = field(default_factory=dict)

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


def _weights(objective: str | dict[str, float]) -> dict[str, float]:
    return {objective: 1.0} if isinstance(objective, str) else dict(objective)


class Model:
    """A problem loaded into HiGHS once; change costs or bounds and solve again.

    Example
    -------
    >>> from flows import Problem, Model
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5.0],
    ...             costs={"cost": [2.0, 3.0]}, upper=[4.0, 10.0])
    >>> m = Model(p)
    >>> m.solve().objective
    11.0
    >>> m.set_costs("cost", [4.0, 3.0])       # a new price for the first arc
    >>> m.solve().flow.tolist()
    [0.0, 5.0]
    """

    def __init__(self, problem: Problem, objective: str | dict[str, float] = "cost", **options) -> None:
        self.problem = problem
        self.weights = _weights(objective)
        self._costs = {k: v.copy() for k, v in problem.costs.items()}
        self._conv_costs = {k: v.copy() for k, v in problem.conv_costs.items()}
        lo, hi = problem.bounds()
        self._lp = LinearModel(problem.cost_vector(self.weights), problem.incidence(), problem.rhs, problem.rhs,
                               lo, hi, **options)

    def _c(self) -> np.ndarray:
        c = np.zeros(self.problem.n_vars)
        n = self.problem.n_arcs
        for name, w in self.weights.items():
            if w:
                c[:n] += w * self._costs[name]
                c[n:] += w * self._conv_costs[name]
        return c

    def set_objective(self, objective: str | dict[str, float]) -> None:
        """Minimise another named cost or weighted sum from now on."""
        weights = _weights(objective)
        unknown = set(weights) - set(self._costs)
        if unknown:
            raise KeyError(f"no cost named {sorted(unknown)}; this problem has {sorted(self._costs)}")
        self.weights = weights
        self._lp.set_costs(self._c())

    def set_costs(self, name: str, arc_costs=None, conv_costs=None) -> None:
        """New per-unit values of one named cost on the arcs and/or conversions."""
        if name not in self._costs:
            raise KeyError(f"no cost named '{name}'; this problem has {sorted(self._costs)}")
        if arc_costs is not None:
            self._costs[name] = np.asarray(arc_costs, dtype=float).reshape(self.problem.n_arcs)
        if conv_costs is not None:
            self._conv_costs[name] = np.asarray(conv_costs, dtype=float).reshape(self.problem.n_conversions)
        if self.weights.get(name):
            self._lp.set_costs(self._c())

    def set_bounds(self, lower=None, upper=None, arcs=None) -> None:
        """New arc bounds: whole vectors, or values for the arcs indexed by ``arcs``."""
        lo0, hi0 = self._lp_bounds()
        idx = np.arange(self.problem.n_arcs) if arcs is None else np.asarray(arcs, dtype=np.int64)
        lo = lo0[idx] if lower is None else np.broadcast_to(np.asarray(lower, dtype=float), idx.shape)
        hi = hi0[idx] if upper is None else np.broadcast_to(np.asarray(upper, dtype=float), idx.shape)
        self._lower[idx], self._upper[idx] = lo, hi
        self._lp.set_bounds(lo, hi, cols=idx)

    def set_conversion_bounds(self, lower=None, upper=None) -> None:
        """New bounds on every conversion's activity."""
        n = self.problem.n_arcs
        self._lp_bounds()
        if lower is not None:
            self._lower[n:] = lower
        if upper is not None:
            self._upper[n:] = upper
        idx = np.arange(n, self.problem.n_vars)
        self._lp.set_bounds(self._lower[n:], self._upper[n:], cols=idx)

    def set_rhs(self, rhs) -> None:
        """New net requirement per node."""
        rhs = np.asarray(rhs, dtype=float).reshape(self.problem.n_nodes)
        self._lp.set_row_bounds(rhs, rhs)
        self._rhs = rhs

    def _lp_bounds(self) -> tuple[np.ndarray, np.ndarray]:
        if not hasattr(self, "_lower"):
            self._lower, self._upper = (b.copy() for b in self.problem.bounds())
        return self._lower, self._upper

    def solve(self) -> Solution:
        """Solve from the last basis and return the :class:`Solution`."""
        r = self._lp.run()
        return _solution(self.problem, r, self._costs, self._conv_costs)


def _solution(problem: Problem, r: dict, costs: dict, conv_costs: dict) -> Solution:
    n = problem.n_arcs
    if r["x"] is None:
        empty = np.full(problem.n_vars, np.nan)
        return Solution(r["status"], r["message"], empty[:n], empty[n:], np.full(problem.n_nodes, np.nan),
                        float("nan"), {k: float("nan") for k in costs}, None, r["highs_time"])
    x = r["x"]
    totals = {name: float(costs[name] @ x[:n] + conv_costs[name] @ x[n:]) for name in costs}
    duals = r["row_dual"] if r["row_dual"] is not None else np.full(problem.n_nodes, np.nan)
    return Solution(r["status"], r["message"], x[:n], x[n:], duals, r["objective"], totals,
                    r["col_dual"], r["highs_time"], {"gap": r["gap"]})


def solve(problem: Problem, objective: str | dict[str, float] = "cost", **options) -> Solution:
    """Minimise a named cost (or a weighted sum ``{"cost": 1, "co2e": 750}``).

    ``options`` are HiGHS options (``time_limit`` in s, ``threads``...).

    Example
    -------
    >>> import numpy as np
    >>> from flows import Problem, solve
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5.0],
    ...             costs={"cost": [2.0, 3.0]}, upper=[4.0, np.inf])
    >>> solve(p).flow.tolist()
    [4.0, 1.0]
    """
    if problem.n_vars == 0:  # nothing to decide: balanced iff rhs == 0
        if np.any(problem.rhs):
            nan = np.full(problem.n_nodes, np.nan)
            return Solution("infeasible", "no variables, but a node needs a non-zero balance", np.zeros(0),
                            np.zeros(0), nan, float("nan"), {k: float("nan") for k in problem.costs})
        return Solution("optimal", "no variables", np.zeros(0), np.zeros(0), np.zeros(problem.n_nodes), 0.0,
                        {k: 0.0 for k in problem.costs})
    return Model(problem, objective, **options).solve()
