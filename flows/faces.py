"""The optimal face: which variables can move over all optimal solutions, with a few LPs rather than two per variable.

:func:`flows.ranging.variable_ranges` minimises and maximises each variable
over the optimal solutions (two LPs per variable): exact, but on a park of
thousands of companies that is tens of thousands of LPs. :class:`OptimalFace`
keeps one warm HiGHS model of the face (the problem's constraints plus
``objective <= optimum + slack``) and answers the same question in stages:

1. :meth:`OptimalFace.screen` first drops the free variables that no
   direction of the face can move (outside the null space of their columns,
   by blocks). It then pushes many candidates at once: it maximises, then
   minimises, a sum of the candidates scaled by their snap (with random
   weights in 1..1.5, so that two candidates that trade off against each
   other do not cancel; later rounds with random signs, to reach other
   vertices), and every candidate that any such solution moves beyond its
   snap is **open** (a tie: proved by that solution). It repeats over the
   candidates not seen moving until two rounds move none; those left
   are checked one by one (two LPs each, warm) and are then **fixed** (proved)
   or open. Every LP's solution widens the range seen for every variable, so
   most of the one-by-one LPs are skipped on a park with many ties.
2. :meth:`OptimalFace.ranges` computes exact ranges (two LPs each) for the
   variables asked for (the ones shown).

The face falls apart into **blocks** (free variables linked by the rows they
share); each block gets its own row of the objective with the whole slack (a
block moved alone, the others at ``x``, is on the face, and any point of the
face moves each block by no more than that), so one LP that minimises a sum
of one candidate per block gives every block's least value of its candidate:
the one-by-one checks and the exact ranges take one pair of LPs per candidate
of the largest block, not per candidate.

Both stop at a deadline (``time.perf_counter()`` seconds); what a deadline
left undecided is said (:attr:`Screen.unchecked`). The caller screens first
with the duals: a variable at a bound whose reduced cost keeps it there is
fixed on the face without an LP (see ``symbiosis.engine.recommend.settled``).
``solves`` counts the LPs run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from flows.highs import LinearModel
from flows.problem import Problem

__all__ = ["OptimalFace", "Screen", "may_move"]


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
        unchecked: NDArray[np.bool_] = ~(self.open | self.fixed)
        return unchecked


class OptimalFace:
    """One warm model of the optimal solutions of ``problem`` for ``objective`` (``optimum`` its value, ``x``
    one optimal solution: arcs then conversions); ``snap`` per variable: how far a value may move and still
    count as the same (the solver's dust); ``free``: the variables the duals leave free (the rest are fixed
    at ``x`` in every optimal solution, so the model holds only the free ones that the algebra lets move:
    see :func:`may_move`)."""

    def __init__(self, problem: Problem, objective: dict[str, float], optimum: float, x: np.ndarray,
                 snap: np.ndarray, free: ArrayLike | None = None, rel_tol: float = 1e-9,
                 abs_tol: float = 1e-6) -> None:
        c = problem.cost_vector(objective)
        self.lower, self.upper = problem.bounds()
        self.x = np.asarray(x, dtype=float)
        self.snap = np.asarray(snap, dtype=float)
        self.low, self.high = self.x.copy(), self.x.copy()  # the least and most seen, every variable
        self.solves = 0
        self._rng = np.random.default_rng(0)
        A = problem.incidence().tocsc()
        free = np.arange(problem.n_vars) if free is None else np.asarray(free, dtype=np.int64)
        free = free[self.lower[free] < self.upper[free]]
        self.free = free[may_move(A[:, free])]
        self.pos = np.full(problem.n_vars, -1)
        self.pos[self.free] = np.arange(self.free.size)
        held = np.ones(problem.n_vars, bool)
        held[self.free] = False
        sub = A[:, self.free].tocsr()
        rows = np.flatnonzero(np.diff(sub.indptr))
        rhs = (problem.rhs - A[:, held] @ self.x[held])[rows]
        slack = abs_tol + rel_tol * abs(optimum)
        self.block = _blocks(sub[rows].tocsc())  # per free variable, its block (free variables sharing rows)
        n_blocks = int(self.block.max(initial=-1)) + 1
        cf = c[self.free]
        # one cost row per block, each with the whole slack (see the module's text): the blocks share no row
        # (a block moved alone from x, the others at x: the whole within the optimum plus the slack)
        cap = np.array([optimum + slack - c[held] @ self.x[held]])  # the free variables' share of the face
        if n_blocks > 1:
            own = np.bincount(self.block, cf * self.x[self.free], minlength=n_blocks)
            cap = own + (cap - own.sum())
        self.model: LinearModel | None = None
        if self.free.size:
            cost_rows = sp.csr_matrix((cf, (self.block, np.arange(self.free.size))), shape=(n_blocks, self.free.size))
            self.model = LinearModel(np.zeros(self.free.size), sp.vstack([sub[rows], cost_rows]),
                                     np.concatenate([rhs, np.full(n_blocks, -np.inf)]), np.concatenate([rhs, cap]),
                                     self.lower[self.free], self.upper[self.free])

    def _run(self, costs: np.ndarray) -> dict[str, Any]:
        """Minimise ``costs`` (one per free variable) over the face; the solution widens the ranges seen."""
        assert self.model is not None  # a face with free variables has its model
        self.model.set_costs(costs)
        self.solves += 1
        r = self.model.run()
        if r["status"] == "optimal" and r["x"] is not None:
            self.low[self.free] = np.minimum(self.low[self.free], r["x"])
            self.high[self.free] = np.maximum(self.high[self.free], r["x"])
        return r

    def _moved(self, var: np.ndarray) -> np.ndarray:
        moved: NDArray[np.bool_] = np.maximum(self.high[var] - self.x[var],
                                              self.x[var] - self.low[var]) > self.snap[var]
        return moved

    def screen(self, var: NDArray[np.int64], deadline: float = np.inf, rounds: int = 12) -> Screen:
        """Which of the variables ``var`` (indices) move on the face; see the module's text.

        Parameters
        ----------
        var : array of int
            Indices of the problem's variables to screen.
        deadline : float
            A ``time.perf_counter()`` value after which no more LPs are started (s).
        rounds : int
            At most this many rounds of pushing the undecided variables at once.

        Returns
        -------
        Screen
            Which variables moved, which are held, and which the deadline left unchecked.
        """
        var = np.asarray(var, dtype=np.int64)
        fixed = self.pos[var] < 0
        costs = np.zeros(self.free.size)
        idle = 0
        for _ in range(rounds):
            todo = self.pos[var[~fixed & ~self._moved(var)]]
            if not todo.size or time.perf_counter() > deadline:
                break
            before = int(self._moved(var).sum())
            for sign in (-1.0, 1.0):  # maximise, then minimise, the scaled sum; then random mixtures
                if sign > 0 and time.perf_counter() > deadline:  # each LP of a large face counts: stop between
                    break
                mix = sign if idle == 0 and _ == 0 else self._rng.choice((-1.0, 1.0), todo.size)
                costs[todo] = mix * self._rng.uniform(1.0, 1.5, todo.size) / self.snap[self.free[todo]]
                self._run(costs)
                costs[todo] = 0.0
            idle = idle + 1 if int(self._moved(var).sum()) == before else 0
            if idle == 2:
                break
        self._settle_by_blocks(var, fixed, costs, deadline)
        for k in np.flatnonzero(~fixed):  # what a batch left (an LP without an optimum): one by one
            if self._moved(var[k:k + 1])[0]:
                continue
            if time.perf_counter() > deadline:
                break
            costs[self.pos[var[k]]] = 1.0
            for sign in (1.0, -1.0):
                r = self._run(sign * costs)
                if self._moved(var[k:k + 1])[0] or r["status"] != "optimal":
                    break
            else:
                fixed[k] = True
            costs[self.pos[var[k]]] = 0.0
        moved = self._moved(var)
        fixed &= ~moved
        return Screen(moved, fixed, np.where(fixed, self.x[var], self.low[var]),
                      np.where(fixed, self.x[var], self.high[var]))

    def _one_per_block(self, left: np.ndarray, var: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Of the candidates ``left`` (places in ``var``), the first of each block, and their columns."""
        _, first = np.unique(self.block[self.pos[var[left]]], return_index=True)
        pick = left[np.sort(first)]
        return pick, self.pos[var[pick]]

    def _settle_by_blocks(self, var: np.ndarray, fixed: np.ndarray, costs: np.ndarray, deadline: float) -> None:
        """Settle the candidates not seen moving, one per block at a time: the blocks share no row and each has
        the whole slack, so minimising (then maximising) the sum of one candidate per block gives each block's
        least (most) value of its candidate, as an LP for each would. Marks those that stay ``fixed``; stops at
        the deadline, or at an LP without an optimum (the caller goes on one by one)."""
        while time.perf_counter() <= deadline:
            left = np.flatnonzero(~fixed & ~self._moved(var))
            if not left.size:
                return
            pick, cols = self._one_per_block(left, var)
            for sign in (1.0, -1.0):
                if sign < 0 and time.perf_counter() > deadline:
                    return
                still = cols[~self._moved(var[pick])]
                if not still.size:  # every candidate moved on the way down
                    break
                costs[still] = sign
                r = self._run(costs)
                costs[cols] = 0.0
                if r["status"] != "optimal":
                    return
            fixed[pick[~self._moved(var[pick])]] = True

    def ranges(self, var: NDArray[np.int64], deadline: float = np.inf) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Exact ranges of the variables ``var`` over every optimal solution.

        Parameters
        ----------
        var : array of int
            Indices of the problem's variables.
        deadline : float
            A ``time.perf_counter()`` value after which no more LPs are started (s).

        Returns
        -------
        tuple of arrays
            ``(low, high, exact)`` in the variables' units; where the deadline came first, or a re-solve
            failed, ``exact`` is False and low/high are the least and most seen.
        """
        var = np.asarray(var, dtype=np.int64)
        low, high = self.low[var].copy(), self.high[var].copy()
        exact = self.pos[var] < 0  # held: its range is its value
        low[exact], high[exact] = self.x[var[exact]], self.x[var[exact]]
        e = np.zeros(self.free.size)
        self._ranges_by_blocks(var, low, high, exact, e, deadline)
        for k in np.flatnonzero(~exact):  # what a batch left (an LP without an optimum): one by one
            if time.perf_counter() > deadline:
                break
            e[self.pos[var[k]]] = 1.0
            ok = True
            for sign in (1.0, -1.0):
                r = self._run(sign * e)
                if r["status"] == "optimal":
                    (low if sign > 0 else high)[k] = sign * r["objective"]
                elif r["status"] == "unbounded" and sign < 0:
                    high[k] = np.inf
                else:
                    ok = False
            e[self.pos[var[k]]] = 0.0
            exact[k] = ok
        return low, high, exact


    def _ranges_by_blocks(self, var: np.ndarray, low: np.ndarray, high: np.ndarray, exact: np.ndarray,
                          e: np.ndarray, deadline: float) -> None:
        """Exact ranges, one variable per block per pair of LPs (see :meth:`_settle_by_blocks`); stops at the
        deadline or at an LP without an optimum (an unbounded block: the caller goes on one by one)."""
        while time.perf_counter() <= deadline:
            pick, cols = self._one_per_block(np.flatnonzero(~exact), var)
            if pick.size < 2:  # one block left: the loop one by one (each LP's objective is the value)
                return
            got = []
            for sign in (1.0, -1.0):
                e[cols] = sign
                r = self._run(e)
                e[cols] = 0.0
                if r["status"] != "optimal":
                    return
                got.append(r["x"][cols])
            low[pick], high[pick] = got
            exact[pick] = True


def may_move(sub: sp.csc_matrix, largest: int = 400) -> np.ndarray:
    """False for the columns of ``sub`` (the free variables' columns of the constraints) that no direction of
    the face can move: two optimal solutions differ by a ``d`` with ``A d = 0`` that is 0 outside the free
    variables, so a free variable outside the support of the null space of ``sub`` is the same in every
    optimal solution. Per connected block (columns sharing a row), by SVD where a block has at most
    ``largest`` columns (larger blocks: True, left to the LPs); a block of one column with an entry is fixed.

    Parameters
    ----------
    sub : scipy.sparse.csc_matrix
        The constraint columns of the free variables (rows x free variables).
    largest : int
        The most columns of a block decided by SVD.

    Returns
    -------
    numpy.ndarray of bool
        One per column of ``sub``: False where no optimal solution can move it.
    """
    k = sub.shape[1]
    out = np.ones(k, bool)
    if not k:
        return out
    col_label = _blocks(sub)
    order = np.argsort(col_label, kind="stable")
    bounds = np.flatnonzero(np.r_[True, np.diff(col_label[order]) != 0, True])
    size = np.diff(bounds)
    lone = order[bounds[:-1][size == 1]]
    out[lone] = np.diff(sub.indptr)[lone] == 0  # one column alone: its null space is empty unless it is empty
    mid = (size > 1) & (size <= largest)
    if mid.any():
        s = sub[:, order].tocsc()
        _null_support(s, bounds[:-1][mid], bounds[1:][mid], order, out)
    return out


def _blocks(sub: sp.csc_matrix) -> NDArray[np.int64]:
    """Per column of ``sub``, its block (0, 1, ...): the columns linked through rows they share."""
    from scipy.sparse.csgraph import connected_components

    m, k = sub.shape
    if not m or not k:
        return np.arange(k)
    grid: list[list[Any]] = [[None, sub], [sub.T, None]]  # scipy-stubs' bmat takes no None beside a matrix in a list
    _, label = connected_components(sp.bmat(grid).tocsr(), directed=False)
    block: NDArray[np.int64] = np.unique(label[m:], return_inverse=True)[1]
    return block


def _null_support(s: sp.csc_matrix, starts: np.ndarray, ends: np.ndarray, order: np.ndarray, out: np.ndarray) -> None:
    """For :func:`may_move`: the blocks ``s[:, starts[b]:ends[b]]`` (columns in block order, ``order`` their
    columns in ``sub``), each made dense over its own rows and decomposed by SVD, blocks of one shape together
    (one stacked call, the same LAPACK routine per block: thousands of small blocks on a 5,000-company park);
    ``out`` of each block's columns says whether its null space reaches them."""
    m = s.shape[0] + 1
    n_cols = ends - starts
    block = np.repeat(np.arange(starts.size), n_cols)  # per column of the blocks: its block, its place in it
    local_col = np.arange(block.size) - np.repeat(np.cumsum(n_cols) - n_cols, n_cols)
    cols = starts[block] + local_col
    per = np.diff(s.indptr)[cols]
    at = np.repeat(s.indptr[cols], per) + (np.arange(per.sum()) - np.repeat(np.cumsum(per) - per, per))
    e_block, e_col, e_val = np.repeat(block, per), np.repeat(local_col, per), s.data[at]
    key, e_row = np.unique(e_block * m + s.indices[at], return_inverse=True)  # rows of a block, in order
    first = np.searchsorted(key // m, np.arange(starts.size))
    e_row = e_row - first[e_block]
    n_rows = np.diff(np.r_[first, key.size])
    shape = n_rows * (int(n_cols.max()) + 1) + n_cols
    slot = np.zeros(starts.size, np.int64)  # a block's place among the blocks of its shape
    for sh in np.unique(shape):
        bs = np.flatnonzero(shape == sh)
        slot[bs] = np.arange(bs.size)
        r, c = int(n_rows[bs[0]]), int(n_cols[bs[0]])
        hit = shape[e_block] == sh
        dense = np.zeros((bs.size, r, c))
        dense[slot[e_block[hit]], e_row[hit], e_col[hit]] = e_val[hit]
        _, sv, vt = np.linalg.svd(dense, full_matrices=True)
        rank = (sv > 1e-9 * np.maximum(1.0, sv.max(axis=1, initial=0.0))[:, None]).sum(axis=1)
        beyond = np.arange(c)[None, :, None] >= rank[:, None, None]  # the rows of vt that span the null space
        moves = (np.abs(vt) * beyond).max(axis=1) > 1e-9
        mine = shape[block] == sh
        out[order[cols[mine]]] = moves[slot[block[mine]], local_col[mine]]
