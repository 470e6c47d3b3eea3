"""Why a problem is infeasible: which balances cannot close, and by how much."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.optimize import linprog

from flows.problem import Problem


@dataclass(frozen=True)
class Imbalance:
    """A node that cannot balance: ``shortage`` units missing or ``surplus`` units with nowhere to go."""

    node: int
    shortage: float
    surplus: float


def diagnose_infeasible(problem: Problem, tol: float = 1e-7) -> list[Imbalance]:
    """The smallest set of node imbalances that makes the problem feasible.

    Solves the elastic problem: every balance gets a shortage and a surplus
    slack, and the sum of slacks is minimised subject to all bounds. Nodes
    with a positive slack are where the conflict shows, largest first. An
    empty list means the balances can close (the problem is feasible, or its
    conflict lies in the bounds alone).
    """
    m = problem.n_nodes
    if m == 0:  # no balance to break (and linprog rejects an empty problem)
        return []
    A = sp.hstack([problem.incidence(), sp.identity(m), -sp.identity(m)], format="csr")
    lo, hi = problem.bounds()
    bounds = np.column_stack([np.concatenate([lo, np.zeros(2 * m)]), np.concatenate([hi, np.full(2 * m, np.inf)])])
    c = np.concatenate([np.zeros(problem.n_vars), np.ones(2 * m)])
    res = linprog(c, A_eq=A, b_eq=problem.rhs, bounds=bounds, method="highs")
    if res.x is None:
        return []
    short = res.x[problem.n_vars: problem.n_vars + m]
    surplus = res.x[problem.n_vars + m:]
    bad = np.flatnonzero((short > tol) | (surplus > tol))
    order = bad[np.argsort(-(short[bad] + surplus[bad]))]
    return [Imbalance(int(i), float(short[i]), float(surplus[i])) for i in order]
