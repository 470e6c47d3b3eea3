"""Pareto fronts between two objectives by the epsilon-constraint method.

For objectives ``f`` and ``g`` (each a named cost or a weighted sum of
named costs), first the two ends: the best ``f`` (then the best ``g`` at
that ``f``) and the best ``g`` (then the best ``f`` at that ``g``). Between
them, ``points`` evenly spaced caps ``eps`` on ``g``::

    min f  s.t. g <= eps, the problem's balances and bounds

followed by ``min g s.t. f <= f* (1 + 1e-10)`` so that each point is
non-dominated, not merely weakly so. One warm HiGHS model serves every
point: only the two extra rows' bounds and the costs change.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from flows.highs import LinearModel
from flows.problem import Problem


@dataclass(frozen=True, eq=False)
class Front:
    """The non-dominated points, ``f`` ascending (``g`` descending).

    ``f``, ``g``: the two objectives per point; ``totals``: every named cost
    per point; ``x``: the variables (arcs, then conversions) per point.
    """

    f: np.ndarray
    g: np.ndarray
    totals: dict[str, np.ndarray]
    x: np.ndarray


def _vector(problem: Problem, objective) -> np.ndarray:
    return problem.cost_vector({objective: 1.0} if isinstance(objective, str) else dict(objective))


def pareto_front(problem: Problem, f="cost", g="co2e", points: int = 11) -> Front:
    """The front between ``f`` and ``g`` (see the module notes).

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
    cf, cg = _vector(problem, f), _vector(problem, g)
    A = sp.vstack([problem.incidence(), sp.csr_matrix(cf), sp.csr_matrix(cg)])
    lo, hi = problem.bounds()
    n = problem.n_nodes
    row_lo = np.concatenate([problem.rhs, [-np.inf, -np.inf]])
    row_hi = np.concatenate([problem.rhs, [np.inf, np.inf]])
    m = LinearModel(cf, A, row_lo, row_hi, lo, hi)

    def lexi(first, second, first_row, cap_second=np.inf):
        m.set_row_bounds([-np.inf, -np.inf], [np.inf, cap_second] if first_row == n else [cap_second, np.inf],
                         rows=[n, n + 1])
        m.set_costs(first)
        r = m.run()
        if r["status"] != "optimal":
            return None
        best = r["objective"]
        cap = best + 1e-10 * max(1.0, abs(best))
        bounds = ([cap, cap_second] if first_row == n else [cap_second, cap])
        m.set_row_bounds([-np.inf, -np.inf], bounds, rows=[n, n + 1])
        m.set_costs(second)
        r = m.run()
        return r["x"] if r["status"] == "optimal" else None

    x_f = lexi(cf, cg, n)  # best f, then best g
    if x_f is None:
        raise ValueError("the problem has no optimum (infeasible or unbounded)")
    x_g = lexi(cg, cf, n + 1)  # best g, then best f
    g_hi, g_lo = cg @ x_f, cg @ x_g
    xs = [x_f]
    for eps in np.linspace(g_hi, g_lo, points)[1:-1]:
        x = lexi(cf, cg, n, cap_second=eps)
        if x is not None:
            xs.append(x)
    xs.append(x_g)
    X = np.array(xs)
    F, G = X @ cf, X @ cg
    keep = _non_dominated(F, G)
    X, F, G = X[keep], F[keep], G[keep]
    order = np.argsort(F, kind="stable")
    X, F, G = X[order], F[order], G[order]
    na = problem.n_arcs
    totals = {k: X[:, :na] @ problem.costs[k] + X[:, na:] @ problem.conv_costs[k] for k in problem.costs}
    return Front(F, G, totals, X)


def _non_dominated(F: np.ndarray, G: np.ndarray, tol: float = 1e-7) -> np.ndarray:
    """Indices of points no other point beats in both (duplicates kept once)."""
    scale_f, scale_g = max(1.0, np.abs(F).max()), max(1.0, np.abs(G).max())
    keep = []
    for i in range(F.size):
        le = (F <= F[i] + tol * scale_f) & (G <= G[i] + tol * scale_g)
        lt = (F < F[i] - tol * scale_f) | (G < G[i] - tol * scale_g)
        dominated = np.any(le & lt)
        duplicate = any(abs(F[j] - F[i]) <= tol * scale_f and abs(G[j] - G[i]) <= tol * scale_g for j in keep)
        if not dominated and not duplicate:
            keep.append(i)
    return np.array(keep, dtype=np.int64)
