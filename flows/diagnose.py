"""Why a problem is infeasible: which balances cannot close, and by how much."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike

from flows.highs import LinearModel
from flows.problem import Problem

__all__ = ["BoundConflict", "Imbalance", "diagnose_bounds", "diagnose_infeasible"]


@dataclass(frozen=True)
class Imbalance:
    """A node that cannot balance: ``shortage`` units missing or ``surplus`` units with nowhere to go.

    Parameters
    ----------
    node : int
        The node, by index.
    shortage : float
        Units missing at the node (0 if none).
    surplus : float
        Units with nowhere to go (0 if none).
    """

    node: int
    shortage: float
    surplus: float


def diagnose_infeasible(problem: Problem, tol: float = 1e-7) -> list[Imbalance]:
    """The smallest set of node imbalances that makes the problem feasible.

    Solves the elastic problem: every balance gets a shortage and a surplus
    slack, and the sum of slacks is minimised subject to all bounds. Nodes
    with a positive slack are where the conflict shows, largest first.

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.
    tol : float, default 1e-7
        Slacks at or below it count as 0.

    Returns
    -------
    list of Imbalance
        Empty if the balances can close (the problem is feasible, or its
        conflict lies in the bounds alone).
    """
    m = problem.n_nodes
    if m == 0:  # no balance to break
        return []
    A = sp.hstack([problem.incidence(), sp.identity(m), -sp.identity(m)], format="csc")
    lo, hi = problem.bounds()
    c = np.concatenate([np.zeros(problem.n_vars), np.ones(2 * m)])
    elastic = LinearModel(c, A, problem.rhs, problem.rhs, np.concatenate([lo, np.zeros(2 * m)]),
                          np.concatenate([hi, np.full(2 * m, np.inf)]))
    x = elastic.run()["x"]
    if x is None:
        return []
    short = x[problem.n_vars: problem.n_vars + m]
    surplus = x[problem.n_vars + m:]
    bad = np.flatnonzero((short > tol) | (surplus > tol))
    order = bad[np.argsort(-(short[bad] + surplus[bad]))]
    return [Imbalance(int(i), float(short[i]), float(surplus[i])) for i in order]


@dataclass(frozen=True)
class BoundConflict:
    """A bound that must move for the problem to become feasible.

    Parameters
    ----------
    var : int
        The variable, by index over the arcs, then the conversions.
    side : str
        ``"lower"`` or ``"upper"``.
    bound : float
        The bound as the problem has it.
    needed : float
        Where a feasible answer needs the bound.
    """

    var: int
    side: str
    bound: float
    needed: float


def diagnose_bounds(problem: Problem, relaxable: ArrayLike | None = None, tol: float = 1e-7) -> list[BoundConflict]:
    """The bounds to move, by the least total amount, so that every balance closes.

    Keeps every balance exact and lets the bounds of the ``relaxable``
    variables give at a cost of one per unit (HiGHS' feasibility relaxation).
    The bounds that move are the conflict, largest move first.

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.
    relaxable : array_like of bool, optional
        A mask over arcs then conversions (default: arcs between two nodes and
        conversions, so imports and exports stay non-negative).
    tol : float, default 1e-7
        Moves at or below it count as 0.

    Returns
    -------
    list of BoundConflict
        Empty if bounds alone cannot fix it (or nothing needs fixing).
    """
    lo, hi = problem.bounds()
    if relaxable is None:
        inner = (problem.tail != -1) & (problem.head != -1)
        relaxable = np.concatenate([inner, np.ones(problem.n_conversions, bool)])
    penalty = np.where(np.asarray(relaxable, bool), 1.0, -1.0)  # negative: the bound stays hard
    m = LinearModel(np.zeros(problem.n_vars), problem.incidence(), problem.rhs, problem.rhs, lo, hi)
    m._h.feasibilityRelaxation(1.0, 1.0, -1.0, penalty, penalty, np.full(problem.n_nodes, -1.0))
    x = np.asarray(m._h.getSolution().col_value)
    if x.size != problem.n_vars or np.abs(problem.incidence() @ x - problem.rhs).max(initial=0) > 1e-6 * (
            1 + np.abs(problem.rhs).max(initial=0)):
        return []  # moving these bounds cannot close the balances either
    out = [BoundConflict(int(j), "lower", float(lo[j]), float(x[j])) for j in np.flatnonzero(x < lo - tol)]
    out += [BoundConflict(int(j), "upper", float(hi[j]), float(x[j])) for j in np.flatnonzero(x > hi + tol)]
    return sorted(out, key=lambda b: -abs(b.needed - b.bound))
