"""The base optimum's basis, factorised once: which re-solves of a sweep need no LP.

A sensitivity moves one number at a time; most moves leave the optimal basis
optimal, and then the new optimum follows by linear algebra on the basis
factorised once (:class:`BasisScreen`):

- new right-hand sides and bounds keep the basis optimal if every basic
  variable stays within its bounds (the reduced costs do not move); and where
  one leaves them, one row of the basis inverse can prove that no point at all
  balances (the row's value cannot reach its bounds whatever the nonbasic
  variables do within theirs): the answer cannot balance, again without an LP;
- new costs keep the basis optimal if every reduced cost that moves keeps its
  sign; the flows stay, only the totals move.

Anything the basis cannot settle (a pivot needed) is left to the LP.
"""

from __future__ import annotations

import math
from typing import Final, Literal

import numpy as np
import scipy.sparse as sp
from scipy.sparse.linalg import SuperLU, splu

from flows.problem import FloatArray, weighted_costs

__all__ = ["INFEASIBLE", "BasisScreen"]

#: What :meth:`BasisScreen.totals` returns for a change under which nothing balances (proved by one row).
INFEASIBLE: Final = "infeasible"
#: How far past a bound a proof of infeasibility must reach (relative): well beyond HiGHS' tolerances, so
#: that the borderline cases go to the LP and get its verdict.
_PROOF = 1e-6
#: How far inside its bound a value or a reduced cost must stay (relative) for the basis to certify it.
_KEEP = 1e-9
_NONE, _NO_VALUES = np.zeros(0, dtype=np.int64), np.zeros(0)


def _solve_transposed(lu: SuperLU, rhs: FloatArray) -> FloatArray:
    """``y`` with ``M^T y = rhs``, ``lu`` the factorised ``M``."""
    return lu.solve(rhs, trans="T")  # type: ignore[call-overload]  # scipy-stubs 1.17 leave out solve's `trans`


class BasisScreen:
    """The optimal basis of ``p`` (from ``model``, solved at ``x``), with ``M`` the basis matrix of ``[A, -I]``
    (as in :mod:`flows.variants`, but sparse) factorised once. ``ok`` is False where there is no usable
    basis; then every change goes to the LP."""

    def __init__(self, p, model, x: np.ndarray, weights: dict[str, float]):
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
        try:
            self.lu = splu(M)
        except RuntimeError:  # singular: leave every change to the LP
            return
        self.A, self.AT = A, A.T.tocsr()
        self.cols, self.basic_c, self.basic_r, self.x = cols, basic_c, basic_r, x
        self.basic_row = np.zeros(m, bool)
        self.basic_row[basic_r] = True
        self.where = np.full(cols.size, -1, dtype=np.int64)  # variable -> its place among the basic ones
        self.where[basic_c] = np.arange(basic_c.size)
        self.lo, self.hi = p.bounds()
        self._c = {name: np.concatenate([p.costs[name], p.conv_costs[name]]) for name in p.costs}
        self._cb = {name: c[basic_c] for name, c in self._c.items()}
        self.weights = dict(weights)
        c = weighted_costs(p.costs, p.conv_costs, self.weights, p.n_arcs, p.n_conversions)
        y = _solve_transposed(self.lu, np.concatenate([c[basic_c], np.zeros(basic_r.size)]))
        self.reduced = c - self.AT @ y  # the reduced cost of every variable (0 for the basic ones)
        self.ok = True

    def cost(self, name: str) -> np.ndarray:
        """The named cost per variable (arcs, then conversions) at the base numbers."""
        return self._c[name]

    # -- new right-hand sides and bounds -------------------------------------------------------------
    def _moves(self, p, ch):
        """What ``ch`` does to the basis' equations: ``(r, drhs, x_new, changed, lo_c, hi_c)`` (``r``: the
        change of the right-hand side of ``M dz = r``; ``x_new``: nonbasic variable -> its new value), or None
        where a nonbasic variable's value leaves its new bounds (a pivot: the LP's)."""
        n = p.n_arcs
        bounds = {}  # variable -> (lower, upper), where they change
        for a, v in ch.lower.items():
            bounds[a] = (v, self.hi[a])
        for a, v in ch.upper.items():
            bounds[a] = (bounds.get(a, (self.lo[a],))[0], v)
        for j, v in ch.conv_upper.items():
            bounds[n + j] = (self.lo[n + j], v)
        drhs, r = np.zeros(p.n_nodes), np.zeros(p.n_nodes)
        for i, d in ch.rhs.items():
            drhs[i] += d
            if not self.basic_row[i]:  # a nonbasic row's activity is its rhs; a basic row's must equal it
                r[i] += d
        x_new = {}  # nonbasic variable -> its new value
        if not bounds:
            return r, drhs, x_new, _NONE, _NO_VALUES, _NO_VALUES
        changed = sorted(bounds)
        lo_c = [float(bounds[j][0]) for j in changed]
        hi_c = [max(float(bounds[j][1]), lo) for j, lo in zip(changed, lo_c, strict=True)]
        A = self.A
        for j, lo, hi in zip(changed, lo_c, hi_c, strict=True):
            status = self.cols[j]
            if status == 1:
                continue  # a basic variable's new bounds are checked by the caller
            v = hi if status == 2 else lo if status == 0 else float(self.x[j])
            tol = _KEEP * max(1.0, abs(v))
            if not math.isfinite(v) or v < lo - tol or v > hi + tol:
                return None
            d = v - self.x[j]
            if d:
                x_new[j] = v
                start, end = A.indptr[j], A.indptr[j + 1]
                r[A.indices[start:end]] -= A.data[start:end] * d
        return r, drhs, x_new, np.array(changed, dtype=np.int64), np.array(lo_c), np.array(hi_c)

    def totals(self, p, ch, base: dict[str, float]) -> dict[str, float] | Literal["infeasible"] | None:
        """The totals at the new optimum if the basis certifies it, :data:`INFEASIBLE` if one of its rows
        proves that nothing balances, else None (``ch``: the changes of right-hand sides and bounds;
        ``base``: the base totals)."""
        if not self.ok:
            return None
        moves = self._moves(p, ch)
        if moves is None:
            return None
        r, drhs, x_new, changed, lo_c, hi_c = moves
        k = self.basic_c.size
        dz = self.lu.solve(r)
        xb = self.x[self.basic_c] + dz[:k]
        lo_b, hi_b = self.lo[self.basic_c], self.hi[self.basic_c]
        if changed.size:
            pos = self.where[changed]
            hit = pos >= 0
            lo_b, hi_b = lo_b.copy(), hi_b.copy()
            lo_b[pos[hit]], hi_b[pos[hit]] = lo_c[hit], hi_c[hit]
        want = drhs[self.basic_r]
        tol = _KEEP * np.maximum(1.0, np.abs(xb))
        out_c = np.flatnonzero((xb < lo_b - tol) | (xb > hi_b + tol))
        out_r = np.flatnonzero(np.abs(dz[k:] - want) > _KEEP * np.maximum(1.0, np.abs(p.rhs[self.basic_r])))
        if out_c.size or out_r.size:
            z = np.concatenate([xb, p.rhs[self.basic_r] + dz[k:]])
            low = np.concatenate([lo_b, p.rhs[self.basic_r] + want])
            high = np.concatenate([hi_b, p.rhs[self.basic_r] + want])
            nothing = self._nothing_balances(np.concatenate([out_c, k + out_r])[:3], z, low, high, changed, lo_c,
                                             hi_c, x_new)
            return INFEASIBLE if nothing else None
        out = {}
        for name, c in self._c.items():
            total = base[name] + float(self._cb[name] @ dz[:k])
            out[name] = total + sum(c[j] * (v - self.x[j]) for j, v in x_new.items())
        return out

    def totals_many(self, p, chs: list, base: dict[str, float], chunk: int = 256) -> list[dict[str, float] | None]:
        """:meth:`totals` of many changes at once (one solve of the factorised basis per ``chunk`` of them):
        the totals where the basis certifies them, None for the rest (costs changed, a pivot needed, a basic
        variable's bounds changed or nothing balancing: each for :meth:`totals` or the LP)."""
        out: list[dict[str, float] | None] = [None] * len(chs)
        if not self.ok:
            return out
        k = self.basic_c.size
        xb, lo_b, hi_b = self.x[self.basic_c], self.lo[self.basic_c], self.hi[self.basic_c]
        row_tol = _KEEP * np.maximum(1.0, np.abs(p.rhs[self.basic_r]))
        names = list(self._c)
        cb = np.vstack([self._cb[name] for name in names]) if names else np.zeros((0, k))
        todo = [i for i, ch in enumerate(chs) if ch.only_bounds() and not ch.invalid]
        for start in range(0, len(todo), chunk):
            part, cols, extra, wants = [], [], [], []
            for i in todo[start:start + chunk]:
                moves = self._moves(p, chs[i])
                if moves is None or (moves[3].size and np.any(self.where[moves[3]] >= 0)):
                    continue  # a pivot, or a basic variable's own bounds: one at a time
                r, drhs, x_new, *_ = moves
                part.append(i)
                cols.append(r)
                wants.append(drhs[self.basic_r])
                extra.append([sum(self._c[name][j] * (v - self.x[j]) for j, v in x_new.items()) for name in names])
            if not part:
                continue
            dz = self.lu.solve(np.column_stack(cols))
            xs = xb[:, None] + dz[:k]
            tol = _KEEP * np.maximum(1.0, np.abs(xs))
            bad = np.any((xs < lo_b[:, None] - tol) | (xs > hi_b[:, None] + tol), axis=0)
            bad |= np.any(np.abs(dz[k:] - np.column_stack(wants)) > row_tol[:, None], axis=0)
            moved = np.einsum("ij,jk->ik", cb, dz[:k]) + np.array(extra).T  # not BLAS: its threads stall when busy
            for col, i in enumerate(part):
                if not bad[col]:
                    out[i] = {name: base[name] + float(moved[t, col]) for t, name in enumerate(names)}
        return out

    def _nothing_balances(self, rows: np.ndarray, z: np.ndarray, low: np.ndarray, high: np.ndarray,
                          changed: np.ndarray, lo_c: np.ndarray, hi_c: np.ndarray, x_new: dict) -> bool:
        """Whether one of the basic variables ``rows`` (at ``z``, to lie within ``low``..``high``) cannot
        get there whatever the nonbasic variables do within their (new) bounds: a Farkas proof by one row
        of the basis inverse (its value is ``z_t = const - sum_j alpha_j x_j`` over the nonbasic ``j``)."""
        lo, hi, x = self.lo.copy(), self.hi.copy(), self.x.copy()
        lo[changed], hi[changed] = lo_c, hi_c
        for j, v in x_new.items():
            x[j] = v
        nonbasic = self.cols != 1
        for t in rows.tolist():
            e = np.zeros(z.size)
            e[t] = 1.0
            alpha = self.AT @ _solve_transposed(self.lu, e)
            alpha[~nonbasic] = 0.0
            alpha[np.abs(alpha) < 1e-12] = 0.0
            j = np.flatnonzero(alpha)
            a = alpha[j]
            at_lo, at_hi, ax = a * lo[j], a * hi[j], a * x[j]  # a != 0: an infinite bound gives +-inf, never NaN
            z_max = z[t] + float(np.sum(ax - np.minimum(at_lo, at_hi)))  # each term >= 0 (or +inf)
            z_min = z[t] + float(np.sum(ax - np.maximum(at_lo, at_hi)))  # each term <= 0 (or -inf)
            scale = _PROOF * max(1.0, abs(z[t]), abs(low[t]) if np.isfinite(low[t]) else 0.0,
                                 abs(high[t]) if np.isfinite(high[t]) else 0.0)
            if z_max < low[t] - scale or z_min > high[t] + scale:
                return True
        return False

    # -- new costs --------------------------------------------------------------------------------------
    def cost_totals(self, p, ch, base: dict[str, float]) -> dict[str, float] | None:
        """The totals with new costs (``ch.costs``, ``ch.conv_costs``: deltas per variable) if the basis stays
        optimal (every reduced cost that moves keeps its sign), else None."""
        if not self.ok:
            return None
        n = p.n_arcs
        delta: dict[str, dict[int, float]] = {}
        for name in set(ch.costs) | set(ch.conv_costs):
            got = {int(a): float(d) for a, d in ch.costs.get(name, {}).items()}
            for j, d in ch.conv_costs.get(name, {}).items():
                got[n + int(j)] = got.get(n + int(j), 0.0) + float(d)
            delta[name] = got
        dc: dict[int, float] = {}
        for name, got in delta.items():
            w = self.weights.get(name, 0.0)
            if w:
                for j, d in got.items():
                    dc[j] = dc.get(j, 0.0) + w * d
        if dc:
            idx = np.fromiter(dc, dtype=np.int64)
            val = np.fromiter(dc.values(), dtype=float)
            moved = np.zeros(self.cols.size)
            moved[idx] = val
            pos = self.where[idx]
            if np.any(pos >= 0):
                rhs = np.zeros(self.basic_c.size + self.basic_r.size)
                rhs[pos[pos >= 0]] = val[pos >= 0]
                moved -= self.AT @ _solve_transposed(self.lu, rhs)
            moved[self.basic_c] = 0.0
            touched = np.flatnonzero(moved)
            if touched.size:
                d = self.reduced[touched] + moved[touched]
                status = self.cols[touched]
                free = self.lo[touched] < self.hi[touched]
                tol = _KEEP * np.maximum(1.0, np.abs(self.reduced[touched]))
                wrong = free & (((status == 0) & (d < -tol)) | ((status == 2) & (d > tol))
                                | ((status == 3) & (np.abs(d) > tol)))
                if np.any(wrong):
                    return None
        out = dict(base)
        for name, got in delta.items():
            out[name] = base[name] + sum(d * self.x[j] for j, d in got.items())
        return out
