"""Ranges over all optimal solutions: how far each variable can move without losing the optimum.

An LP's optimum is often not unique: two streams with the same price, ratio
and zero transport cost can split a flow any way at the same total. Reading
one solver's split as a recommendation is then wrong. :func:`variable_ranges`
fixes the objective at its optimum (within a tolerance) and, for each
variable, minimises and maximises it (flux variability analysis, Mahadevan &
Schilling, Metabolic Engineering 5 (2003) 264-276): a variable whose range is
a single value is the same in every optimal solution; a wider range is a tie.

:func:`rhs_ranges` does the same for the duals: the objective's change per
unit of one more (``up``) and one less (``down``) unit needed at each node,
by re-solving with the right-hand side moved by ``step``. Where the dual is
degenerate the two differ and any value between them is a valid shadow price.

Both keep one HiGHS model warm and re-solve it (two solves per variable or node).

:func:`nearest_optimum` picks, among all optimal solutions, the one closest
to a reference point (today's flows): the optimum that changes least, so a
tie is never shown as a change.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Union

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from flows.highs import LinearModel
from flows.problem import Problem

_Matrix = Union["sp.csr_matrix[Any]", "sp.csc_matrix[Any]"]  # the constraint matrix, by rows or by columns

__all__ = ["nearest_optimum", "rhs_ranges", "variable_ranges"]


def _weights(objective: str | dict[str, float]) -> dict[str, float]:
    return {objective: 1.0} if isinstance(objective, str) else dict(objective)


def variable_ranges(problem: Problem, objective: str | dict[str, float] = "cost", optimum: float | None = None,
                    variables: ArrayLike | None = None, rel_tol: float = 1e-9,
                    abs_tol: float = 1e-6) -> tuple[np.ndarray, np.ndarray]:
    """The least and the most each variable takes over all optimal solutions.

    Parameters
    ----------
    problem : Problem
    objective : str or dict
        The named cost, or weights over named costs, that was minimised.
    optimum : float, optional
        The optimal objective value (solved here if not given).
    variables : array of int, optional
        Indices into arcs then conversions (default: every variable).
    rel_tol, abs_tol : float
        A solution counts as optimal if its objective is within
        ``abs_tol + rel_tol * |optimum|`` of the optimum.

    Returns
    -------
    low, high : array of float
        Per requested variable (units of the arc or conversion per year). A
        variable fixed by its bounds has ``low == high``; where a re-solve
        fails (numerical trouble) both are NaN.

    Examples
    --------
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[10], costs={"cost": [1.0, 1.0]})
    >>> lo, hi = variable_ranges(p)           # two equally cheap sources: any split is optimal
    >>> lo.tolist(), hi.tolist()
    ([0.0, 0.0], [10.0, 10.0])
    """
    c = problem.cost_vector(_weights(objective))
    lo_b, hi_b = problem.bounds()
    A = problem.incidence()
    if optimum is None:
        r = LinearModel(c, A, problem.rhs, problem.rhs, lo_b, hi_b).run()
        if r["status"] != "optimal":
            raise ValueError(f"the problem has no optimum ({r['status']})")
        optimum = r["objective"]
    cap = optimum + abs_tol + rel_tol * abs(optimum)
    model = LinearModel(np.zeros(problem.n_vars), sp.vstack([A, sp.csr_matrix(c)]),
                        np.concatenate([problem.rhs, [-np.inf]]), np.concatenate([problem.rhs, [cap]]), lo_b, hi_b)
    idx = np.arange(problem.n_vars) if variables is None else np.asarray(variables, dtype=np.int64)
    low = np.full(idx.size, np.nan)
    high = np.full(idx.size, np.nan)
    e = np.zeros(problem.n_vars)
    for k, j in enumerate(idx):
        if lo_b[j] == hi_b[j]:
            low[k] = high[k] = lo_b[j]
            continue
        e[j] = 1.0
        for sign, out in ((1.0, low), (-1.0, high)):
            model.set_costs(sign * e)
            r = model.run()
            if r["status"] == "optimal":
                out[k] = sign * r["objective"]
            elif r["status"] == "unbounded" and sign < 0:
                out[k] = np.inf
        e[j] = 0.0
    return low, high


def rhs_ranges(problem: Problem, objective: str | dict[str, float] = "cost", nodes: ArrayLike | None = None,
               step: float = 1.0) -> tuple[np.ndarray, np.ndarray]:
    """The objective's change per unit of one more (``up``) and one less (``down``) unit needed at each node.

    ``(down, up)`` per node, in objective units per unit of the node's
    quantity: ``up = (z(rhs + step) - z) / step`` and
    ``down = (z - z(rhs - step)) / step``; NaN where the moved problem has no
    optimum. For a non-degenerate optimum both equal the dual.

    Parameters
    ----------
    problem : Problem
    objective : str or dict
        The named cost, or weights over named costs, that is minimised.
    nodes : array of int, optional
        The nodes to range (default: every node).
    step : float
        How far the right-hand side is moved each way (units of the node).

    Returns
    -------
    down, up : array of float
        Per requested node.

    Raises
    ------
    ValueError
        If the problem itself has no optimum.

    Examples
    --------
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[4], upper=[4, 9], costs={"cost": [1.0, 3.0]})
    >>> down, up = rhs_ranges(p)               # at 4 the cheap source is full: one more costs 3, one less saves 1
    >>> down.tolist(), up.tolist()
    ([1.0], [3.0])
    """
    c = problem.cost_vector(_weights(objective))
    lo_b, hi_b = problem.bounds()
    model = LinearModel(c, problem.incidence(), problem.rhs, problem.rhs, lo_b, hi_b)
    base = model.run()
    if base["status"] != "optimal":
        raise ValueError(f"the problem has no optimum ({base['status']})")
    z = base["objective"]
    idx = np.arange(problem.n_nodes) if nodes is None else np.asarray(nodes, dtype=np.int64)
    down = np.full(idx.size, np.nan)
    up = np.full(idx.size, np.nan)
    rhs = problem.rhs.astype(float).copy()
    kept = _basis_holds(model, problem.incidence(), lo_b, hi_b, base["x"], idx, step)
    if base["row_dual"] is not None:
        down[kept] = up[kept] = np.asarray(base["row_dual"], dtype=float)[idx[kept]]
    for k in np.flatnonzero(~kept):
        i = idx[k]
        for sign, out in ((1.0, up), (-1.0, down)):
            rhs[i] = problem.rhs[i] + sign * step
            model.set_row_bounds([rhs[i]], [rhs[i]], rows=[i])
            r = model.run()
            if r["status"] == "optimal":
                out[k] = sign * (r["objective"] - z) / step
        rhs[i] = problem.rhs[i]
        model.set_row_bounds([rhs[i]], [rhs[i]], rows=[i])
    return down, up


def _basis_holds(model: LinearModel, A: _Matrix, lower: np.ndarray, upper: np.ndarray, x: np.ndarray,
                 nodes: np.ndarray,
                 step: float) -> np.ndarray:
    """Per node of ``nodes``: True where the optimal basis stays feasible (so optimal) with the node's
    right-hand side moved ``step`` either way; there the objective moves by exactly the dual times the step,
    and :func:`rhs_ranges` needs no LP. The basic values move by ``B^-1 e_i`` per unit (``B``: the basic
    columns of ``[A, -I]``); one sparse factorisation answers every node. False where that cannot be said
    (a basic row, a singular basis, a large network: more than 5,000 balances)."""
    out = np.zeros(nodes.size, bool)
    m = A.shape[0]
    if x is None or not nodes.size or m > 5000:
        return out
    try:
        col, row = model.basis()
    except Exception:  # pragma: no cover - no basis to read
        return out
    basic_cols, basic_rows = np.flatnonzero(col == 1), np.flatnonzero(row == 1)
    if basic_cols.size + basic_rows.size != m:
        return out
    B = sp.hstack([A.tocsc()[:, basic_cols], -sp.identity(m, format="csc")[:, basic_rows]]).tocsc()
    try:
        from scipy.sparse.linalg import splu

        lu = splu(B)
        D = lu.solve(np.eye(m)[:, nodes])  # the basic values' change per unit of each node's right-hand side
    except (RuntimeError, ValueError):
        return out
    if not np.all(np.isfinite(D)):
        return out
    xb = np.asarray(x, dtype=float)[basic_cols]
    lo, hi = lower[basic_cols][:, None], upper[basic_cols][:, None]
    tol = 1e-9 * np.maximum(1.0, np.abs(xb))[:, None]
    d = step * D[: basic_cols.size]
    room = ((xb[:, None] + d >= lo - tol) & (xb[:, None] + d <= hi + tol)
            & (xb[:, None] - d >= lo - tol) & (xb[:, None] - d <= hi + tol))
    out = room.all(axis=0) & (np.abs(step * D[basic_cols.size:]) <= 1e-9).all(axis=0)  # other rows stay put
    out &= ~np.isin(nodes, basic_rows)  # a basic row of an equality: its bound moves with it, not said here
    holds: NDArray[np.bool_] = out
    return holds


def nearest_optimum(problem: Problem, objective: str | dict[str, float], target: ArrayLike, optimum: float,
                    rel_tol: float = 1e-12, abs_tol: float = 0.0, held: Sequence[int] | NDArray[Any] | None = None,
                    at: ArrayLike | None = None, start: ArrayLike | None = None) -> np.ndarray | None:
    """The optimal solution closest to ``target``: of all solutions within the tolerance of ``optimum``, the
    one with the least relative deviation, sum of ``|x_j - target_j| / max(|target_j|, 1)``.

    Parameters
    ----------
    problem : Problem
    objective : str or dict
        The named cost, or weights over named costs, that was minimised.
    target : array of float
        One value per variable (arcs, then conversions), e.g. the observed flows.
    optimum : float
        The optimal objective value.

    rel_tol, abs_tol : float
        A solution counts as optimal within ``abs_tol + rel_tol * |optimum|`` (tighter than for ranges: the
        objective must not pay for moving closer to the target).
    held, at : array of int, array of float, optional
        Variables known to take the same value ``at`` in every optimal solution (e.g. those the duals
        settle): they are held there and the LP is built over the others only, which on a large network
        with few ties is a fraction of the size.
    start : array of float, optional
        An optimal solution (arcs, then conversions; e.g. the solver's own) for HiGHS to start from: a
        feasible point of this LP, which on a 5,000-company park takes a quarter of the time of a cold start.

    Returns
    -------
    array of float or None
        The solution (arcs, then conversions), or None if the re-solve failed.

    Examples
    --------
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[10], costs={"cost": [1.0, 1.0]})
    >>> nearest_optimum(p, "cost", [3.0, 7.0], 10.0).tolist()   # any split is optimal: keep today's
    [3.0, 7.0]
    """
    t = np.asarray(target, dtype=float)
    c = problem.cost_vector(_weights(objective))
    lo_b, hi_b = problem.bounds()
    A: _Matrix = problem.incidence()
    rhs = problem.rhs.astype(float)
    cap = optimum + abs_tol + rel_tol * abs(optimum)
    keep = np.ones(problem.n_vars, bool)
    out = np.zeros(problem.n_vars)
    if held is not None and len(held):
        held = np.asarray(held, dtype=np.int64)
        keep[held] = False
        out[held] = at
        rhs = rhs - A[:, held] @ out[held]
        cap -= float(c[held] @ out[held])
        A = A.tocsc()[:, keep]
        c, lo_b, hi_b, t = c[keep], lo_b[keep], hi_b[keep], t[keep]
    # x = target + up - down: the deviations are the columns (bounds keep x within its own), so the LP has
    # two columns per variable and no row per variable (three columns and a row each, written with x itself,
    # took HiGHS 5-6x longer on a 5,000-company park)
    up_lo, up_hi = np.maximum(lo_b - t, 0.0), np.maximum(hi_b - t, 0.0)
    down_lo, down_hi = np.maximum(t - hi_b, 0.0), np.maximum(t - lo_b, 0.0)
    A = A.tocsr()
    rhs = rhs - A @ t
    A = sp.vstack([sp.hstack([A, -A]), sp.csr_matrix(np.concatenate([c, -c])[None, :])]).tocsr()
    w = 1.0 / np.maximum(np.abs(t), 1.0)
    model = LinearModel(np.concatenate([w, w]), A, np.concatenate([rhs, [-np.inf]]),
                        np.concatenate([rhs, [cap - float(c @ t)]]), np.concatenate([up_lo, down_lo]),
                        np.concatenate([up_hi, down_hi]))
    if start is not None:
        s = np.asarray(start, dtype=float)[keep]
        z = np.concatenate([np.clip(s - t, up_lo, up_hi), np.clip(t - s, down_lo, down_hi)])
        model.set_solution(z, A @ z)
    r = model.run()
    if r["status"] != "optimal" or r["x"] is None:
        return None
    n = t.size
    x = np.asarray(r["x"], dtype=float)
    out[keep] = t + x[:n] - x[n:]
    return out
