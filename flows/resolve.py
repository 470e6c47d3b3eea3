"""Re-solving one problem many times with new numbers, without rebuilding it.

A Monte Carlo sweep or a stress test changes only the numbers of a
:class:`~flows.problem.Problem`: costs, bounds and right-hand sides. A
:class:`Resolver` hands the structure (the balance matrix) to HiGHS once and,
for each variant, changes only those vectors and solves again from a cold
start, so each answer depends on its own numbers alone (not on what was
solved before: the same variant gives the same answer bit for bit, in any
order, in any process).

It uses HiGHS' own Python interface (SciPy's bundled copy, which can share
a process with OR-Tools; else ``pip install highspy``, the ``fast`` extra)
and falls back to :func:`flows.solve` when neither is there; all give the
same optimum.
"""

from __future__ import annotations

import numpy as np

from flows.problem import Problem
from flows.solve import Solution, solve


def _highspy():
    """HiGHS' Python interface: SciPy's bundled copy first, else the ``highspy`` wheel.

    SciPy's copy can share a process with OR-Tools (the network-flow path of
    :mod:`flows.netflow`); the ``highspy`` wheel cannot: whichever of the two
    is loaded second fails on a shared-library symbol clash.
    """
    shim = _scipy_highs()
    if shim is not None:
        return shim
    try:
        import highspy
    except Exception:  # not installed, or a shared-library clash with another solver package
        return None
    return highspy


def _scipy_highs():
    try:
        from flows.highs import _h as _core
    except ImportError:  # pragma: no cover - SciPy < 1.15
        return None

    class Highs(_core._Highs):
        def changeRowsBounds(self, n, rows, lower, upper):  # noqa: N802 - HiGHS' own name
            for i, lo, hi in zip(rows[:n], lower, upper, strict=False):
                self.changeRowBounds(int(i), float(lo), float(hi))

    class Module:
        HighsLp = _core.HighsLp
        MatrixFormat = _core.MatrixFormat
        HighsModelStatus = _core.HighsModelStatus
        kHighsInf = _core.kHighsInf

    Module.Highs = Highs
    return Module


class Resolver:
    """Solves variants of ``problem`` that differ only in ``rhs``, bounds and costs.

    >>> import numpy as np
    >>> from flows import Problem
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5.0], costs={"cost": [2.0, 3.0]}, upper=[4.0, np.inf])
    >>> r = Resolver(p, "cost")
    >>> r.solve(p).flow.tolist()
    [4.0, 1.0]
    >>> import dataclasses
    >>> r.solve(dataclasses.replace(p, costs={"cost": np.array([4.0, 3.0])})).flow.tolist()
    [0.0, 5.0]
    """

    def __init__(self, problem: Problem, objective: str | dict[str, float] = "cost", *, engine: str = "auto"):
        self.weights = {objective: 1.0} if isinstance(objective, str) else dict(objective)
        self.shape = (problem.n_nodes, problem.n_arcs, problem.n_conversions)
        hs = _highspy() if engine in ("auto", "highspy") else None
        if engine == "highspy" and hs is None:
            raise ImportError("the highspy engine needs `pip install highspy`")
        self.engine = "highspy" if hs is not None else "scipy"
        self._h = None
        if hs is not None:
            self._hs = hs
            a = problem.incidence().tocsc()
            lp = hs.HighsLp()
            lp.num_col_, lp.num_row_ = a.shape[1], a.shape[0]
            lo, hi = problem.bounds()
            lp.col_cost_ = problem.cost_vector(self.weights)
            lp.col_lower_ = lo
            lp.col_upper_ = np.where(np.isinf(hi), hs.kHighsInf, hi)
            lp.row_lower_ = problem.rhs
            lp.row_upper_ = problem.rhs
            lp.a_matrix_.format_ = hs.MatrixFormat.kColwise
            lp.a_matrix_.start_ = a.indptr
            lp.a_matrix_.index_ = a.indices
            lp.a_matrix_.value_ = a.data
            h = hs.Highs()
            h.setOptionValue("output_flag", False)
            h.passModel(lp)
            self._h = h
            self._cols = np.arange(a.shape[1], dtype=np.int32)
            self._rows = np.arange(a.shape[0], dtype=np.int32)

    def solve(self, problem: Problem) -> Solution:
        """The optimum of ``problem``, a variant of the one given at construction."""
        if (problem.n_nodes, problem.n_arcs, problem.n_conversions) != self.shape:
            raise ValueError("a Resolver solves variants with the same nodes, arcs and conversions")
        if self._h is None:
            return solve(problem, self.weights)
        hs, h = self._hs, self._h
        lo, hi = problem.bounds()
        h.clearSolver()  # a cold start: the answer depends on this variant alone
        h.changeColsCost(len(self._cols), self._cols, problem.cost_vector(self.weights))
        h.changeColsBounds(len(self._cols), self._cols, lo, np.where(np.isinf(hi), hs.kHighsInf, hi))
        h.changeRowsBounds(len(self._rows), self._rows, problem.rhs, problem.rhs)
        h.run()
        status = h.getModelStatus()
        n = problem.n_arcs
        if status != hs.HighsModelStatus.kOptimal:
            name = {hs.HighsModelStatus.kInfeasible: "infeasible", hs.HighsModelStatus.kUnbounded: "unbounded",
                    hs.HighsModelStatus.kUnboundedOrInfeasible: "infeasible"}.get(status, "error")
            empty = np.full(problem.n_vars, np.nan)
            return Solution(name, h.modelStatusToString(status), empty[:n], empty[n:],
                            np.full(problem.n_nodes, np.nan), float("nan"), {k: float("nan") for k in problem.costs})
        sol = h.getSolution()
        x = np.asarray(sol.col_value, dtype=float)
        totals = {name: float(problem.costs[name] @ x[:n] + problem.conv_costs[name] @ x[n:])
                  for name in problem.costs}
        duals = np.asarray(sol.row_dual, dtype=float)
        return Solution("optimal", "Optimization terminated successfully. (HiGHS Status 7: Optimal)", x[:n], x[n:],
                        duals, float(h.getInfo().objective_function_value), totals)
