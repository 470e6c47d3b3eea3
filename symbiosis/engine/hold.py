"""What holding a decision away from its optimum costs, to first order: a lower bound from an optimal basis.

Holding decision ``j`` (an arc or a process) at a value ``t`` other than its optimal ``x_j`` costs
``f(t) - f*``, where ``f(t)`` is the least objective with ``x_j = t``: convex and piecewise linear in ``t``.
An optimal basis bounds it from below for every ``t`` (weak duality: a dual-feasible solution of the held
problem is found from the optimal one):

- ``j`` nonbasic: ``f(t) >= f* + |d_j| |t - x_j|``, its reduced cost ``d_j`` (the classic first-order worth);
- ``j`` basic: pushed toward ``t``, it must leave the basis, and a nonbasic decision ``k`` that moves it that
  way enters. The duals move by the dual simplex's ratio test, ``theta = min |d_k / alpha_k|`` over those
  ``k`` (``alpha``: ``j``'s row of ``B^-1 A``), which keeps every other reduced cost of its sign, and
  ``f(t) >= f* + theta |t - x_j|``. A fixed decision never enters; no ``k`` at all: ``t`` cannot be reached.

A basic decision's reduced cost is zero, so the classic first-order worth calls holding it free: on a
200-company park three streams in four that the optimiser changes are basic, and a page that ranks changes
by it named the wrong ones as worth most. The rows of ``B^-1`` come block by block
(:class:`~symbiosis.engine.blocks.BlockInverse`), so all the changes of a 5,000-company park cost one sparse
product, not one solve each.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from flows.problem import Problem
from symbiosis.engine.blocks import BlockInverse

__all__ = ["hold_rates"]

BASIC = 1
AT_LOWER, AT_UPPER = 0, 2


def hold_rates(problem: Problem, col_status: np.ndarray, row_status: np.ndarray, reduced_costs: np.ndarray,
               x: np.ndarray, var: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Objective units per unit that moving each ``var`` from ``x`` toward ``target`` costs at least, from an
    optimal basis of ``problem`` (every balance an equality, as :class:`flows.Model` solves it).

    Parameters
    ----------
    problem : flows.Problem
        The problem the basis is optimal for.
    col_status, row_status : numpy.ndarray
        The basis: per variable (arcs, then processes) and per balance, 0 at lower, 1 basic, 2 at upper, 3 zero
        (:meth:`flows.Model.basis`).
    reduced_costs : numpy.ndarray
        The optimum's reduced cost per variable, in the objective's units per unit.
    x : numpy.ndarray
        The optimum, per variable (units/yr).
    var : numpy.ndarray of int
        The decisions to hold.
    target : numpy.ndarray
        Where each is held (units/yr).

    Returns
    -------
    numpy.ndarray
        Per decision, the rate (objective units per unit/yr; ``inf``: the target is out of its bounds or no
        decision can move it there; NaN: the basis could not be inverted). The cost of holding it is at least
        the rate times ``|target - x|``.
    """
    var, target = np.asarray(var, dtype=np.int64), np.asarray(target, dtype=float)
    d = np.abs(np.asarray(reduced_costs, dtype=float))
    lo, hi = problem.bounds()
    tol = 1e-9 * (1.0 + np.abs(target))
    rates = np.where((target < lo[var] - tol) | (target > hi[var] + tol), np.inf, d[var])
    basic = (col_status[var] == BASIC) & np.isfinite(rates)
    if basic.any():
        rates[basic] = _ratio_test(problem, col_status, row_status, d, lo, hi, var[basic],
                                   np.where(target[basic] < x[var[basic]], -1.0, 1.0))
    return rates


def _ratio_test(problem: Problem, col_status: np.ndarray, row_status: np.ndarray, d: np.ndarray, lo: np.ndarray,
                hi: np.ndarray, var: np.ndarray, way: np.ndarray) -> np.ndarray:
    """The dual ratio test of each basic ``var`` pushed ``way`` (-1 down, +1 up)."""
    A = problem.incidence().tocsc()
    m = A.shape[0]
    basic_cols, basic_rows = np.flatnonzero(col_status == BASIC), np.flatnonzero(row_status == BASIC)
    B = sp.hstack([A[:, basic_cols], sp.identity(m, format="csc")[:, basic_rows]], format="csc")
    inverse = BlockInverse(B) if B.shape == (m, m) else None
    if inverse is None or not inverse.ok:
        return np.full(var.size, np.nan)
    alpha = (inverse.rows(np.searchsorted(basic_cols, var)) @ A).tocoo()  # each var's row of B^-1 A
    i, k, a = alpha.row, alpha.col, alpha.data
    status = col_status[k]
    # x_B = B^-1 b - B^-1 N x_N: raising x_k moves x_j by -a, lowering it by +a
    wrong = ((status == AT_LOWER) & (-a * way[i] <= 0)) | ((status == AT_UPPER) & (a * way[i] <= 0))
    ok = (status != BASIC) & (lo[k] < hi[k]) & (np.abs(a) > 1e-9) & ~wrong
    rates = np.full(var.size, np.inf)
    np.minimum.at(rates, i[ok], d[k[ok]] / np.abs(a[ok]))
    return rates
