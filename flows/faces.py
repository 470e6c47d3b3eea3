"""The optimal face: which variables can move over all optimal solutions, with a few LPs rather than two per variable.

:func:`flows.ranging.variable_ranges` minimises and maximises each variable
over the optimal solutions (two LPs per variable): exact, but on a park of
thousands of companies that is tens of thousands of LPs. :class:`OptimalFace`
keeps one warm HiGHS model of the face (the problem's constraints plus
``objective <= optimum + slack``) and answers the same question in stages:

1. :meth:`OptimalFace.screen` pushes many candidates at once: it maximises,
   then minimises, a sum of the candidates scaled by their snap (with random
   weights in 1..1.5, so that two candidates that trade off against each
   other do not cancel), and every candidate that any such solution moves
   beyond its snap is **open** (a tie: proved by that solution). It repeats
   over the candidates not seen moving until a round moves none; those left
   are checked one by one (two LPs each, warm) and are then **fixed** (proved)
   or open. Every LP's solution widens the range seen for every variable, so
   most of the one-by-one LPs are skipped on a park with many ties.
2. :meth:`OptimalFace.ranges` computes exact ranges (two LPs each) for the
   variables asked for (the ones shown).

Both stop at a deadline (``time.perf_counter()`` seconds); what a deadline
left undecided is said (:attr:`Screen.unchecked`). The caller screens first
with the duals: a variable at a bound whose reduced cost keeps it there is
fixed on the face without an LP (see ``symbiosis.engine.recommend.settled``).
``solves`` counts the LPs run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from flows.highs import LinearModel
from flows.problem import Problem

__all__ = ["OptimalFace", "Screen"]


@dataclass(frozen=True)
class Screen:
    """What :meth:`OptimalFace.screen` found, per candidate: ``open`` (it moves in some optimal solution),
    ``fixed`` (proved the same in every optimal solution), neither where the deadline came first
    (``unchecked``); ``low``/``high`` the least and most seen in the solutions met (an inner bound of the
    range; the range itself for a fixed variable)."""

    open: np.ndarray
    fixed: np.ndarray
    low: np.ndarray
    high: np.ndarray

    @property
    def unchecked(self) -> np.ndarray:
        return ~(self.open | self.fixed)


class OptimalFace:
    """One warm model of the optimal solutions of ``problem`` for ``objective`` (``optimum`` its value, ``x``
    one optimal solution: arcs then conversions); ``snap`` per variable: how far a value may move and still
    count as the same (the solver's dust)."""

    def __init__(self, problem: Problem, objective: dict[str, float], optimum: float, x: np.ndarray,
                 snap: np.ndarray, rel_tol: float = 1e-9, abs_tol: float = 1e-6):
        c = problem.cost_vector(objective)
        self.lower, self.upper = problem.bounds()
        A = problem.incidence()
        cap = optimum + abs_tol + rel_tol * abs(optimum)
        self.model = LinearModel(np.zeros(problem.n_vars), sp.vstack([A, sp.csr_matrix(c)]),
                                 np.concatenate([problem.rhs, [-np.inf]]), np.concatenate([problem.rhs, [cap]]),
                                 self.lower, self.upper)
        self.x = np.asarray(x, dtype=float)
        self.snap = np.asarray(snap, dtype=float)
        self.low, self.high = self.x.copy(), self.x.copy()  # the least and most seen, every variable
        self.solves = 0
        self._rng = np.random.default_rng(0)

    def _run(self, costs: np.ndarray) -> dict:
        self.model.set_costs(costs)
        self.solves += 1
        r = self.model.run()
        if r["status"] == "optimal" and r["x"] is not None:
            self.low = np.minimum(self.low, r["x"])
            self.high = np.maximum(self.high, r["x"])
        return r

    def _moved(self, var: np.ndarray) -> np.ndarray:
        return (self.high[var] - self.low[var]) > self.snap[var]

    def screen(self, var, deadline: float = np.inf, rounds: int = 6) -> Screen:
        """Which of the variables ``var`` (indices) move on the face; see the module's text."""
        var = np.asarray(var, dtype=np.int64)
        fixed = self.lower[var] == self.upper[var]
        costs = np.zeros(self.x.size)
        for _ in range(rounds):
            todo = var[~fixed & ~self._moved(var)]
            if not todo.size or time.perf_counter() > deadline:
                break
            before = int(self._moved(var).sum())
            for sign in (-1.0, 1.0):  # maximise, then minimise, the scaled sum
                costs[todo] = sign * self._rng.uniform(1.0, 1.5, todo.size) / self.snap[todo]
                self._run(costs)
                costs[todo] = 0.0
            if int(self._moved(var).sum()) == before:
                break
        e = np.zeros(self.x.size)
        for k in np.flatnonzero(~fixed):
            j = var[k]
            if self._moved(var[k:k + 1])[0]:
                continue
            if time.perf_counter() > deadline:
                break
            e[j] = 1.0
            for sign in (1.0, -1.0):
                r = self._run(sign * e)
                if self._moved(var[k:k + 1])[0] or r["status"] != "optimal":
                    break
            else:
                fixed[k] = True
            e[j] = 0.0
        moved = self._moved(var)
        fixed &= ~moved
        return Screen(moved, fixed, np.where(fixed, self.x[var], self.low[var]),
                      np.where(fixed, self.x[var], self.high[var]))

    def ranges(self, var, deadline: float = np.inf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Exact ranges of the variables ``var``: ``(low, high, exact)``; where the deadline came first, or a
        re-solve failed, ``exact`` is False and low/high are the least and most seen."""
        var = np.asarray(var, dtype=np.int64)
        low, high = self.low[var].copy(), self.high[var].copy()
        exact = np.zeros(var.size, bool)
        e = np.zeros(self.x.size)
        for k, j in enumerate(var):
            if self.lower[j] == self.upper[j]:
                low[k] = high[k] = self.lower[j]
                exact[k] = True
                continue
            if time.perf_counter() > deadline:
                break
            e[j] = 1.0
            ok = True
            for sign in (1.0, -1.0):
                r = self._run(sign * e)
                if r["status"] == "optimal":
                    (low if sign > 0 else high)[k] = sign * r["objective"]
                elif r["status"] == "unbounded" and sign < 0:
                    high[k] = np.inf
                else:
                    ok = False
            e[j] = 0.0
            exact[k] = ok
        return low, high, exact
