"""Pareto fronts between two or three objectives by the epsilon-constraint method.

For objectives ``f`` and ``g`` (each a named cost or a weighted sum of
named costs), first the two ends: the best ``f`` (then the best ``g`` at
that ``f``) and the best ``g`` (then the best ``f`` at that ``g``). Between
them, ``points`` evenly spaced caps ``eps`` on ``g``::

    min f  s.t. g <= eps, the problem's balances and bounds

followed by ``min g s.t. f <= f* (1 + 1e-10)`` so that each point is
non-dominated, not merely weakly so.

With a third objective ``h`` (:func:`pareto_surface`), the ranges of ``g``
and ``h`` come from the payoff table (each objective's lexicographic best,
the worst value any of those bests gives it) and a ``points x points`` grid
of caps on both is solved: ``min f s.t. g <= eps_g, h <= eps_h``, then
``min g`` with ``f`` held, then ``min h`` with ``f`` and ``g`` held.

One warm HiGHS model serves every point: only the extra rows' bounds and
the costs change.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from flows.highs import LinearModel
from flows.problem import FloatArray, Objective, Problem
from flows.status import OPTIMAL, SolveError, error_for

__all__ = ["Front", "pareto_front", "pareto_surface"]


@dataclass(frozen=True, eq=False)
class Front:
    """The non-dominated points, ``f`` ascending.

    Parameters
    ----------
    f : numpy.ndarray
        The first objective per point, ascending.
    g : numpy.ndarray
        The second objective per point.
    totals : dict of str to numpy.ndarray
        Every named cost per point.
    x : numpy.ndarray
        The variables (arcs, then conversions) per point, one row a point.
    h : numpy.ndarray, optional
        The third objective per point (on a surface only).
    """

    f: np.ndarray
    g: np.ndarray
    totals: dict[str, np.ndarray]
    x: np.ndarray
    h: np.ndarray | None = None


def _vector(problem: Problem, objective: str | dict[str, float]) -> FloatArray:
    return problem.cost_vector({objective: 1.0} if isinstance(objective, str) else dict(objective))


class _Objectives:
    """A warm HiGHS model of ``problem`` with one extra row per objective, for capped lexicographic solves."""

    def __init__(self, problem: Problem, vectors: list[np.ndarray]) -> None:
        self.vectors, self.first_row, k = vectors, problem.n_nodes, len(vectors)
        A = sp.vstack([problem.incidence(), *[sp.csr_matrix(v) for v in vectors]])
        lo, hi = problem.bounds()
        row_lo = np.concatenate([problem.rhs, np.full(k, -np.inf)])
        row_hi = np.concatenate([problem.rhs, np.full(k, np.inf)])
        self.model = LinearModel(vectors[0], A, row_lo, row_hi, lo, hi)
        self.status = OPTIMAL  # of the last solve that found no optimum (or optimal)
        self.failed = -1  # the objective (its index) that last had no optimum

    def lexicographic(self, order: tuple[int, ...], caps: list[float]) -> np.ndarray | None:
        """Minimise the objectives in ``order``, each held at its best before the next; None (and
        :attr:`status` says why) if there is no optimum."""
        caps = list(caps)
        rows = list(range(self.first_row, self.first_row + len(caps)))
        r: dict[str, Any] = {}
        for i in order:
            self.model.set_row_bounds([-np.inf] * len(caps), caps, rows=rows)
            self.model.set_costs(self.vectors[i])
            r = self.model.run()
            self.status = r["status"]
            if r["status"] != OPTIMAL:
                self.failed = i
                return None
            best = r["objective"]
            caps[i] = min(caps[i], best + 1e-10 * max(1.0, abs(best)))
        x: FloatArray | None = r["x"]
        return x


def pareto_front(problem: Problem, f: Objective = "cost", g: Objective = "co2e", points: int = 11) -> Front:
    """The front between ``f`` and ``g`` (see the module notes).

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.
    f, g : str or dict
        Two objectives: named costs, or weights over named costs.
    points : int, default 11
        Points on the front, the two ends included (fewer if some coincide).

    Returns
    -------
    Front
        The non-dominated points, ``f`` ascending.

    Raises
    ------
    ValueError
        Fewer than 2 points.
    flows.Infeasible, flows.Unbounded
        The problem has no optimum of one of the objectives (the message names it).

    Examples
    --------
    >>> from flows import Problem
    >>> # need 10: a cheap dirty source (1 DKK, 2 t) or a dear clean one (3 DKK, 0 t), 6 of each at most
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[10], upper=[6, 6],
    ...             costs={"cost": [1.0, 3.0], "co2e": [2.0, 0.0]})
    >>> fr = pareto_front(p, points=3)
    >>> fr.f.round(6).tolist(), fr.g.round(6).tolist()
    ([18.0, 20.0, 22.0], [12.0, 10.0, 8.0])
    """
    if points < 2:
        raise ValueError("a front needs at least 2 points")
    vectors = [_vector(problem, f), _vector(problem, g)]
    obj = _Objectives(problem, vectors)
    x_f = obj.lexicographic((0, 1), [np.inf, np.inf])  # best f, then best g
    x_g = obj.lexicographic((1, 0), [np.inf, np.inf]) if x_f is not None else None  # best g, then best f
    if x_f is None or x_g is None:  # x_g is None whenever x_f is
        raise _no_optimum(obj, (f, g))
    xs = [x_f]
    for eps in np.linspace(vectors[1] @ x_f, vectors[1] @ x_g, points)[1:-1]:
        x = obj.lexicographic((0, 1), [np.inf, eps])
        if x is not None:
            xs.append(x)
    xs.append(x_g)
    return _front(problem, vectors, np.array(xs))


def pareto_surface(problem: Problem, f: Objective = "cost", g: Objective = "co2e", h: Objective = "social",
                   points: int = 6) -> Front:
    """The non-dominated points between three objectives on a ``points x points`` grid (module notes).

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.
    f, g, h : str or dict
        Three objectives: named costs, or weights over named costs.
    points : int, default 6
        Caps per axis of ``g`` and ``h``.

    Returns
    -------
    Front
        With ``h`` set.

    Raises
    ------
    ValueError
        Fewer than 2 points.
    flows.Infeasible, flows.Unbounded
        The problem has no optimum of one of the objectives (the message names it).

    Examples
    --------
    >>> from flows import Problem
    >>> # need 10 of a good: cheap and dirty (1 DKK, 2 t), dear and clean (3 DKK, 0 t), or dear with jobs
    >>> # (2 DKK, 1 t, -1 job-unit: 'jobs' is minimised, so a job counts as -1)
    >>> p = Problem(n_nodes=1, tail=[-1, -1, -1], head=[0, 0, 0], rhs=[10], upper=[10, 10, 10],
    ...             costs={"cost": [1.0, 3.0, 2.0], "co2e": [2.0, 0.0, 1.0], "jobs": [0.0, 0.0, -1.0]})
    >>> s = pareto_surface(p, "cost", "co2e", "jobs", points=3)
    >>> [(float(a), float(b), float(c) + 0.0) for a, b, c in zip(s.f.round(6), s.g.round(6), s.h.round(6))]
    [(10.0, 20.0, 0.0), (15.0, 15.0, -5.0), (20.0, 10.0, -10.0), (30.0, 0.0, 0.0)]
    """
    if points < 2:
        raise ValueError("a surface needs at least 2 points per axis")
    vectors = [_vector(problem, f), _vector(problem, g), _vector(problem, h)]
    obj = _Objectives(problem, vectors)
    anchors: list[FloatArray] = []
    for order in ((0, 1, 2), (1, 0, 2), (2, 0, 1)):
        anchor = obj.lexicographic(order, [np.inf] * 3)
        if anchor is None:
            raise _no_optimum(obj, (f, g, h))
        anchors.append(anchor)
    payoff = np.array([[v @ x for v in vectors] for x in anchors])  # row: an anchor; column: an objective
    xs = list(anchors)
    for eps_g in np.linspace(payoff[:, 1].max(), payoff[1, 1], points):
        for eps_h in np.linspace(payoff[:, 2].max(), payoff[2, 2], points):
            x = obj.lexicographic((0, 1, 2), [np.inf, eps_g, eps_h])
            if x is not None:
                xs.append(x)
    return _front(problem, vectors, np.array(xs))


def _no_optimum(obj: _Objectives, objectives: tuple[str | dict[str, float], ...]) -> SolveError:
    """The error of an end of the front that has no optimum, naming its objective."""
    status, name = obj.status, objectives[obj.failed]
    return error_for(status)(status, f"objective {name!r} has no optimum ({status}), so there is no front")


def _front(problem: Problem, vectors: list[np.ndarray], X: np.ndarray) -> Front:
    """The non-dominated rows of ``X``, first objective ascending, with every named cost."""
    V = X @ np.array(vectors).T
    keep = _non_dominated(V)
    X, V = X[keep], V[keep]
    order = np.lexsort(V.T[::-1])
    X, V = X[order], V[order]
    na = problem.n_arcs
    totals = {k: X[:, :na] @ problem.costs[k] + X[:, na:] @ problem.conv_costs[k] for k in problem.costs}
    return Front(V[:, 0], V[:, 1], totals, X, V[:, 2] if V.shape[1] > 2 else None)


def _non_dominated(V: np.ndarray, tol: float = 1e-7) -> np.ndarray:
    """Indices of the rows of ``V`` (points x objectives) no other row beats on every objective (duplicates once)."""
    scale = np.maximum(1.0, np.abs(V).max(axis=0)) * tol
    keep: list[int] = []
    for i in range(V.shape[0]):
        le = np.all(V <= V[i] + scale, axis=1)
        lt = np.any(V < V[i] - scale, axis=1)
        duplicate = bool(keep) and bool(np.any(np.all(np.abs(V[keep] - V[i]) <= scale, axis=1)))
        if not np.any(le & lt) and not duplicate:
            keep.append(i)
    return np.array(keep, dtype=np.int64)
