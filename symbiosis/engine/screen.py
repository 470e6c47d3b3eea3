"""The base optimum's basis, inverted once block by block: which re-solves of a sweep need no LP.

A sensitivity moves one number at a time; most moves leave the optimal basis
optimal, and then the new optimum follows by linear algebra on the basis
(:class:`BasisScreen`, its inverse kept block by block:
:class:`~symbiosis.engine.blocks.BlockInverse`):

- new right-hand sides and bounds keep the basis optimal if every basic
  variable stays within its bounds (the reduced costs do not move); and where
  one leaves them, one row of the basis inverse can prove that no point at all
  balances (the row's value cannot reach its bounds whatever the nonbasic
  variables do within theirs): the answer cannot balance, again without an LP;
- new costs keep the basis optimal if every reduced cost that moves keeps its
  sign; the flows stay, only the totals move.

All the changes of a sweep are screened together: one sparse matrix of their
right-hand sides (or costs), solved against the blocks they touch, so each
change costs the size of its own blocks, not the network's
(:meth:`BasisScreen.settle`, :meth:`BasisScreen.settle_costs`). Anything the
basis cannot settle (a pivot needed) is left to the LP.
"""

from __future__ import annotations

import math
from functools import cached_property
from typing import Final, Literal

import numpy as np
import scipy.sparse as sp

from flows.problem import weighted_costs
from symbiosis.engine import blocks

__all__ = ["INFEASIBLE", "BasisScreen"]

#: What :meth:`BasisScreen.totals` returns for a change under which nothing balances (proved by one row).
INFEASIBLE: Final = "infeasible"
#: How far past a bound a proof of infeasibility must reach (relative): well beyond HiGHS' tolerances, so
#: that the borderline cases go to the LP and get its verdict.
_PROOF = 1e-6
#: How far inside its bound a value or a reduced cost must stay (relative) for the basis to certify it.
_KEEP = 1e-9
#: How many of the basic variables a change pushes out of bounds are tried for a proof (one row each).
_TRIES = 3

Settled = dict[str, float] | Literal["infeasible"] | None


def _ints(parts: list) -> np.ndarray:
    return np.array(parts, dtype=np.int64)


class _Cases:
    """The right-hand-side and bound changes of many cases, flat (one entry per case and number): what
    :meth:`BasisScreen.settle` solves together."""

    def __init__(self, screen: BasisScreen, p, chs: list):
        n = p.n_arcs
        cols, lo, hi, x, where, row_place = screen.plain  # read one by one: plain lists
        rc, ri, rv, wc, wp, wv = [], [], [], [], [], []  # M dz = r: (case, node, delta); basic rows' wanted moves
        oc, op, olo, ohi = [], [], [], []  # a basic variable's new bounds: (case, place, lower, upper)
        nc, nj, nlo, nhi, nx = [], [], [], [], []  # a nonbasic variable's new bounds and value
        xc, xj, xd = [], [], []  # a nonbasic variable moved: (case, variable, new - old)
        self.pivot = np.zeros(len(chs), bool)
        for case, ch in enumerate(chs):
            for i, d in ch.rhs.items():
                if row_place[i] >= 0:  # a basic row's activity must follow its rhs; a nonbasic row's is it
                    wc.append(case)
                    wp.append(row_place[i])
                    wv.append(d)
                else:
                    rc.append(case)
                    ri.append(i)
                    rv.append(d)
            if not (ch.lower or ch.upper or ch.conv_upper):
                continue
            bounds = {a: (v, hi[a]) for a, v in ch.lower.items()}
            for a, v in ch.upper.items():
                bounds[a] = (bounds.get(a, (lo[a],))[0], v)
            for j, v in ch.conv_upper.items():
                bounds[n + j] = (lo[n + j], v)
            for j in sorted(bounds):
                low = float(bounds[j][0])
                high = max(float(bounds[j][1]), low)
                status = cols[j]
                if status == 1:
                    oc.append(case)
                    op.append(where[j])
                    olo.append(low)
                    ohi.append(high)
                    continue
                v = high if status == 2 else low if status == 0 else x[j]
                tol = _KEEP * max(1.0, abs(v))
                if not math.isfinite(v) or v < low - tol or v > high + tol:
                    self.pivot[case] = True  # a nonbasic variable's value leaves its new bounds: the LP's
                    break
                nc.append(case)
                nj.append(j)
                nlo.append(low)
                nhi.append(high)
                nx.append(v)
                if v != x[j]:
                    xc.append(case)
                    xj.append(j)
                    xd.append(v - x[j])
        self.q = len(chs)
        self.r = (_ints(rc), _ints(ri), np.array(rv, float))
        self.want = (_ints(wc), _ints(wp), np.array(wv, float))
        self.over = (_ints(oc), _ints(op), np.array(olo, float), np.array(ohi, float))
        self.nonbasic = (_ints(nc), _ints(nj), np.array(nlo, float), np.array(nhi, float), np.array(nx, float))
        self.moved = (_ints(xc), _ints(xj), np.array(xd, float))


def _lookup(keys: np.ndarray, sorted_keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Where each of ``keys`` sits in ``sorted_keys`` (unique) and whether it is there."""
    at = np.searchsorted(sorted_keys, keys)
    at_c = np.minimum(at, max(sorted_keys.size - 1, 0))
    found = (at < sorted_keys.size) & (sorted_keys[at_c] == keys) if sorted_keys.size else np.zeros(keys.size, bool)
    return at_c, found


class BasisScreen:
    """The optimal basis of ``p`` (from ``model``, solved at ``x``), with ``M`` the basis matrix of ``[A, -I]``
    (as in :mod:`flows.variants`, but sparse) inverted once, block by block. ``ok`` is False where there is no
    usable basis; then every change goes to the LP. ``large``: see :class:`~symbiosis.engine.blocks.BlockInverse`
    (:data:`~symbiosis.engine.blocks.LARGE` unless told)."""

    def __init__(self, p, model, x: np.ndarray, weights: dict[str, float], large: int | None = None):
        self.ok = False
        got = model.basis()
        if got is None:
            return
        cols, rows = got
        basic_c, basic_r = np.flatnonzero(cols == 1), np.flatnonzero(rows == 1)
        m = p.n_nodes
        if basic_c.size + basic_r.size != m:
            return
        A = p.incidence().tocsc()
        M = sp.hstack([A[:, basic_c], -sp.identity(m, format="csc")[:, basic_r]], format="csc")
        self.inv = blocks.BlockInverse(M, blocks.LARGE if large is None else large)
        if not self.inv.ok:  # singular: leave every change to the LP
            return
        self.A, self.A_rows, self.AT = A, A.tocsr(), A.T.tocsr()
        self.cols, self.basic_c, self.basic_r, self.x = cols, basic_c, basic_r, x
        k = basic_c.size
        self.row_place = np.full(m, -1, dtype=np.int64)  # balance -> its slack's place among the basic ones
        self.row_place[basic_r] = k + np.arange(basic_r.size)
        self.where = np.full(cols.size, -1, dtype=np.int64)  # variable -> its place among the basic ones
        self.where[basic_c] = np.arange(k)
        self.lo, self.hi = p.bounds()
        self.rhs = p.rhs
        self._c = {name: np.concatenate([p.costs[name], p.conv_costs[name]]) for name in p.costs}
        self.weights = dict(weights)
        c = weighted_costs(p.costs, p.conv_costs, self.weights, p.n_arcs, p.n_conversions)
        y = self.inv.solve_t(sp.csc_matrix(np.concatenate([c[basic_c], np.zeros(basic_r.size)])[:, None]))
        self.reduced = c - self.AT @ y.toarray().ravel()  # the reduced cost of every variable (0 for the basic ones)
        # each place's value, bounds and tolerance at the base (a basic row's value: its activity, its rhs)
        self.z0 = np.concatenate([x[basic_c], p.rhs[basic_r]])
        self.low0 = np.concatenate([self.lo[basic_c], p.rhs[basic_r]])
        self.high0 = np.concatenate([self.hi[basic_c], p.rhs[basic_r]])
        self.row_tol = _KEEP * np.maximum(1.0, np.abs(p.rhs[basic_r]))
        tol = _KEEP * np.maximum(1.0, np.abs(self.z0[:k]))
        self.out0 = np.flatnonzero((self.z0[:k] < self.low0[:k] - tol) | (self.z0[:k] > self.high0[:k] + tol))
        self.ok = True

    @cached_property
    def plain(self) -> tuple[list, list, list, list, list, list]:
        """Each variable's status, bounds, value and place among the basic ones, and each balance's slack's
        place (-1: none), as plain lists (what a loop over changes reads one by one)."""
        return (self.cols.tolist(), self.lo.tolist(), self.hi.tolist(), self.x.tolist(), self.where.tolist(),
                self.row_place.tolist())

    def cost(self, name: str) -> np.ndarray:
        """The named cost per variable (arcs, then conversions) at the base numbers."""
        return self._c[name]

    # -- new right-hand sides and bounds -------------------------------------------------------------
    def totals(self, p, ch, base: dict[str, float]) -> Settled:
        """The totals at the new optimum if the basis certifies it, :data:`INFEASIBLE` if one of its rows
        proves that nothing balances, else None (``ch``: the changes of right-hand sides and bounds;
        ``base``: the base totals)."""
        return self.settle(p, [ch], base)[0] if self.ok else None

    def settle(self, p, chs: list, base: dict[str, float]) -> list[Settled]:
        """:meth:`totals` of many changes of right-hand sides and bounds at once: one sparse matrix of their
        right-hand sides, solved against the blocks of the basis each touches."""
        if not self.ok or not chs:
            return [None] * len(chs)
        cases = _Cases(self, p, chs)
        q, m, k = cases.q, self.z0.size, self.basic_c.size
        rc, ri, rv = cases.r
        xc, xj, xd = cases.moved
        R = sp.csc_matrix((rv, (ri, rc)), shape=(m, q))
        if xj.size:
            R = R + self.A[:, xj] @ sp.csc_matrix((-xd, (np.arange(xj.size), xc)), shape=(xj.size, q))
        dz = self.inv.solve(R).tocoo()
        dz.sum_duplicates()
        dz_row, dz_col = dz.row.astype(np.int64), dz.col.astype(np.int64)  # keys below pass 2**31
        # every (case, place) whose value, bounds or wanted value moves, in order of case then place
        oc, op, olo, ohi = cases.over
        wc, wp, wv = cases.want
        key_dz, key_o, key_w = dz_col * m + dz_row, oc * m + op, wc * m + wp
        keys = np.union1d(np.union1d(key_dz, key_o), key_w)
        case, place = keys // m, keys % m
        z, low, high = self.z0[place].copy(), self.low0[place].copy(), self.high0[place].copy()
        z[np.searchsorted(keys, key_dz)] += dz.data
        at = np.searchsorted(keys, key_o)
        low[at], high[at] = olo, ohi
        want = np.zeros(keys.size)
        want[np.searchsorted(keys, key_w)] = wv
        row = place >= k
        low[row] += want[row]
        high[row] += want[row]
        tol = _KEEP * np.maximum(1.0, np.abs(z))
        tol[row] = self.row_tol[place[row] - k]
        out = (z < low - tol) | (z > high + tol)
        bad = np.bincount(case[out], minlength=q) > 0
        if self.out0.size:  # a basic variable out of its bounds at the base already, in the cases that leave it
            seen = np.bincount(case[np.isin(place, self.out0)], minlength=q)
            bad |= seen < self.out0.size
        totals: list[Settled] = [None] * q
        names = list(self._c)
        good = ~bad & ~cases.pivot
        if good.any():
            basic = dz_row < k
            moved = {name: np.bincount(dz_col[basic], weights=self._c[name][self.basic_c[dz_row[basic]]]
                                       * dz.data[basic], minlength=q)
                     + np.bincount(xc, weights=self._c[name][xj] * xd, minlength=q) for name in names}
            by_case = [moved[name].tolist() for name in names]
            for i in np.flatnonzero(good).tolist():
                totals[i] = {name: base[name] + m[i] for name, m in zip(names, by_case, strict=True)}
        proofs = bad & ~cases.pivot
        if proofs.any():
            for i in self._nothing_balances(cases, proofs, case[out], place[out], z[out], low[out], high[out]):
                totals[i] = INFEASIBLE
        return totals

    def _nothing_balances(self, cases: _Cases, proofs: np.ndarray, case: np.ndarray, place: np.ndarray,
                          z: np.ndarray, low: np.ndarray, high: np.ndarray) -> list[int]:
        """The cases ``proofs`` in which one of the first basic variables out of bounds (``case``, ``place``
        at ``z``, to lie within ``low``..``high``, in order of case then place) cannot get there whatever the
        nonbasic variables do within their (new) bounds: a Farkas proof by one row of the basis inverse each
        (its value is ``z_t = const - sum_j alpha_j x_j`` over the nonbasic ``j``)."""
        if self.out0.size:  # the base's own, in the cases that leave them (first, in order of place)
            case, place, z, low, high = self._with_base_out(proofs, case, place, z, low, high)
        keep = proofs[case]
        case, place, z, low, high = case[keep], place[keep], z[keep], low[keep], high[keep]
        first = np.concatenate([[True], case[1:] != case[:-1]]) if case.size else np.zeros(0, bool)
        start = np.maximum.accumulate(np.where(first, np.arange(case.size), 0))
        keep = np.arange(case.size) - start < _TRIES
        case, place, z, low, high = case[keep], place[keep], z[keep], low[keep], high[keep]
        if not case.size:
            return []
        alpha = (self.inv.rows(place) @ self.A_rows).tocoo()  # test x variable
        alpha.sum_duplicates()
        use = (self.cols[alpha.col] != 1) & (np.abs(alpha.data) >= 1e-12)
        t, j, a = alpha.row[use].astype(np.int64), alpha.col[use].astype(np.int64), alpha.data[use]
        lo, hi, x = self.lo[j], self.hi[j], self.x[j]
        nc, nj, nlo, nhi, nx = cases.nonbasic
        nv = self.cols.size
        order = np.argsort(nc * nv + nj, kind="stable")
        at, found = _lookup(case[t] * nv + j, (nc * nv + nj)[order])
        at = order[at[found]]
        lo[found], hi[found], x[found] = nlo[at], nhi[at], nx[at]
        at_lo, at_hi, ax = a * lo, a * hi, a * x  # a != 0: an infinite bound gives +-inf, never NaN
        z_max = z + np.bincount(t, weights=ax - np.minimum(at_lo, at_hi), minlength=case.size)  # terms >= 0
        z_min = z + np.bincount(t, weights=ax - np.maximum(at_lo, at_hi), minlength=case.size)  # terms <= 0
        finite = lambda v: np.where(np.isfinite(v), np.abs(v), 0.0)  # noqa: E731
        scale = _PROOF * np.maximum.reduce([np.ones(case.size), np.abs(z), finite(low), finite(high)])
        proved = (z_max < low - scale) | (z_min > high + scale)
        return np.unique(case[proved]).tolist()

    def _with_base_out(self, proofs, case, place, z, low, high):
        """The violations of the cases ``proofs`` with the base's own out-of-bounds basic variables that a
        case leaves alone added, in order of case then place."""
        touched = set(zip(case.tolist(), place.tolist(), strict=True))
        extra = [(c, t) for c in np.flatnonzero(proofs).tolist() for t in self.out0.tolist() if (c, t) not in touched]
        if not extra:
            return case, place, z, low, high
        ec, et = _ints([c for c, _ in extra]), _ints([t for _, t in extra])
        case, place = np.concatenate([case, ec]), np.concatenate([place, et])
        z = np.concatenate([z, self.z0[et]])
        low, high = np.concatenate([low, self.low0[et]]), np.concatenate([high, self.high0[et]])
        order = np.lexsort((place, case))
        return case[order], place[order], z[order], low[order], high[order]

    # -- new costs --------------------------------------------------------------------------------------
    def cost_totals(self, p, ch, base: dict[str, float]) -> dict[str, float] | None:
        """The totals with new costs (``ch.costs``, ``ch.conv_costs``: deltas per variable) if the basis stays
        optimal (every reduced cost that moves keeps its sign), else None."""
        return self.settle_costs(p, [ch], base)[0] if self.ok else None

    def settle_costs(self, p, chs: list, base: dict[str, float]) -> list[dict[str, float] | None]:
        """:meth:`cost_totals` of many changes of costs at once: the reduced costs each moves, from one sparse
        solve of the basis for all."""
        if not self.ok or not chs:
            return [None] * len(chs)
        n, q, nv = p.n_arcs, len(chs), self.cols.size
        dc: list[int] = []  # weighted: (case, variable, delta)
        dj: list[int] = []
        dv: list[float] = []
        deltas = []
        for case, ch in enumerate(chs):
            delta: dict[str, dict[int, float]] = {}
            for name in set(ch.costs) | set(ch.conv_costs):
                got = {int(a): float(d) for a, d in ch.costs.get(name, {}).items()}
                for j, d in ch.conv_costs.get(name, {}).items():
                    got[n + int(j)] = got.get(n + int(j), 0.0) + float(d)
                delta[name] = got
            deltas.append(delta)
            weighted: dict[int, float] = {}
            for name, got in delta.items():
                w = self.weights.get(name, 0.0)
                if w:
                    for j, d in got.items():
                        weighted[j] = weighted.get(j, 0.0) + w * d
            dc.extend([case] * len(weighted))
            dj.extend(weighted)
            dv.extend(weighted.values())
        c, j, v = _ints(dc), _ints(dj), np.array(dv, dtype=np.float64)
        D = sp.csc_matrix((v, (j, c)), shape=(nv, q))
        basic = self.where[j] >= 0
        if basic.any():  # a basic variable's cost moves the duals, and with them every reduced cost around
            C = sp.csc_matrix((v[basic], (self.where[j[basic]], c[basic])), shape=(self.z0.size, q))
            D = D - self.AT @ self.inv.solve_t(C)
        moved = D.tocoo()
        moved.sum_duplicates()
        keep = (moved.data != 0) & (self.cols[moved.row] != 1)
        jj, cc, mv = moved.row[keep].astype(np.int64), moved.col[keep].astype(np.int64), moved.data[keep]
        d = self.reduced[jj] + mv
        status = self.cols[jj]
        free = self.lo[jj] < self.hi[jj]
        tol = _KEEP * np.maximum(1.0, np.abs(self.reduced[jj]))
        wrong = free & (((status == 0) & (d < -tol)) | ((status == 2) & (d > tol))
                        | ((status == 3) & (np.abs(d) > tol)))
        bad = np.bincount(cc[wrong], minlength=q) > 0
        out: list[dict[str, float] | None] = [None] * q
        x = self.plain[3]
        for case in np.flatnonzero(~bad).tolist():
            totals = dict(base)
            for name, got in deltas[case].items():
                totals[name] = base[name] + sum(d * x[j] for j, d in got.items())
            out[case] = totals
        return out
