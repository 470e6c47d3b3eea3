"""Many variants of one small problem at once: the optimal basis of the base problem, re-used with arrays.

A Monte Carlo sweep solves the same network thousands of times with other
numbers (needs, capacities, prices). Most samples keep the base problem's
optimal basis: the same arcs carry flow between their bounds, only the
amounts and prices move. For such a sample the optimum follows from the basis
by two linear solves, which :class:`Variants` does for a whole batch with
arrays, no solver call at all:

* ``x_B = M^-1 (r_N - A_N x_N)`` with every nonbasic variable at its bound
  (``M`` is the basis matrix of ``[A, -I]``, rows as variables, as in HiGHS);
* ``y = M^-T c_B`` and the reduced costs ``d_N = c_N - A_N^T y``.

A sample takes that answer only if it is *certified* optimal: every basic
variable within its bounds, every nonbasic one's bound within its other bound
(an upper bound drawn below a lower one is infeasible), and every nonbasic one's reduced cost of the sign
its bound needs (both to 1e-9 relative). Besides the base problem's, the
optimal bases of a pilot of variants can be kept (:meth:`Variants.learn`, the
most frequent first) and are tried in turn. A sample that none certifies
(another basis, an infeasible sample) goes to HiGHS from a cold start,
exactly as :class:`flows.Model` with ``warm_start=False`` solves it (a start
from a kept basis would be quicker, but where the optimum is a tie it lands
on another vertex than a cold start, and a sweep's answers should not depend
on such a choice of ours). So the answer of a sample depends on its numbers
and the kept bases alone, never on
the batch, the order or the process: each sample's arithmetic is the same on
its own row of the arrays (NumPy's own sums of products, never a BLAS call,
whose blocking and threads could depend on the batch size or the process).

Kept for problems of up to :data:`MAX_ROWS` rows (a dense inverse of the
basis); a larger problem solves every variant in HiGHS.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, replace
from typing import Any

import numpy as np
from numpy.typing import NDArray

from flows.highs import LinearModel
from flows.model import Model
from flows.problem import BoolArray, FloatArray, Problem, as_weights
from flows.status import OPTIMAL, Status

__all__ = ["MAX_ROWS", "Batch", "SharedBases", "Variants"]

#: The largest problem (balance rows) whose basis is kept as a dense inverse.
MAX_ROWS = 2_000
_LOWER, _BASIC, _UPPER = 0, 1, 2


@dataclass(frozen=True, eq=False)
class Batch:
    """The answers of ``k`` variants.

    Attributes
    ----------
    status : list of str
        Per variant (:data:`flows.STATUSES`).
    x : numpy.ndarray
        ``k x (n_arcs + n_conversions)``: flows, then activities (NaN where not optimal).
    totals : dict of numpy.ndarray
        Per named cost, ``k`` totals (NaN where not optimal).
    by_basis : numpy.ndarray of bool
        Per variant: answered from the kept basis (else by HiGHS).
    """

    status: list[Status]
    x: np.ndarray
    totals: dict[str, np.ndarray]
    by_basis: np.ndarray


def _rowwise(m: np.ndarray, v: np.ndarray) -> np.ndarray:
    """``v @ m.T``, a row of ``v`` at a time by NumPy's own loops (not BLAS, whose blocking and threads could
    depend on the batch size or the process: a row's bits are the same whatever the other rows)."""
    out: FloatArray = np.einsum("kj,ij->ki", v, m)
    return out


@dataclass(frozen=True, eq=False)
class _Basis:
    """One kept basis: column statuses, basic columns and rows, and the dense inverse of its matrix."""

    cols: np.ndarray
    basic_cols: np.ndarray
    basic_rows: np.ndarray
    nonbasic: np.ndarray
    inverse: np.ndarray
    inverse_t: np.ndarray


def _basis(A: np.ndarray, cols: np.ndarray, rows: np.ndarray) -> _Basis | None:
    """The basis HiGHS reported, with its inverse; None if it is not square and regular, or has a free column."""
    basic_cols, basic_rows = np.flatnonzero(cols == _BASIC), np.flatnonzero(rows == _BASIC)
    if (cols > _UPPER).any() or basic_cols.size + basic_rows.size != A.shape[0]:
        return None
    M = np.hstack([A[:, basic_cols], -np.eye(A.shape[0])[:, basic_rows]])
    try:
        inverse = np.linalg.inv(M)
    except np.linalg.LinAlgError:
        return None
    return _Basis(cols, basic_cols, basic_rows, np.flatnonzero(cols != _BASIC), inverse,
                  np.ascontiguousarray(inverse.T))


class SharedBases:
    """The inverted bases of the :class:`Variants` of problems of one structure (the same balance matrix: nodes,
    arc ends, gains, conversions; say a scenario's years, or an answer and its counterfactual), and the dense
    matrix: a basis one of them met is not inverted again by another, which gets the same inverse, bit for bit.
    A :class:`Variants` whose matrix is not the one first given keeps its own."""

    def __init__(self) -> None:
        self.incidence: Any = None
        self.dense: np.ndarray | None = None
        self.bases: dict[bytes, _Basis | None] = {}

    def matrix(self, incidence: Any) -> np.ndarray | None:
        """The dense balance matrix if ``incidence`` is this structure's (the first given makes it so).

        Parameters
        ----------
        incidence : scipy.sparse matrix
            A problem's balance matrix (rows: balances; columns: arcs).

        Returns
        -------
        numpy.ndarray or None
            The structure's dense matrix, or None if ``incidence`` differs from it.
        """
        if self.incidence is None:
            self.incidence, self.dense = incidence, incidence.toarray()
            return self.dense
        same = self.incidence.shape == incidence.shape and (self.incidence != incidence).nnz == 0
        return self.dense if same else None


class Variants:
    """Solves variants of ``problem`` (new right-hand sides, arc upper bounds, named costs) in batches.

    Parameters
    ----------
    problem : Problem
        The base problem, whose optimal basis is kept (one cold HiGHS solve).
    objective : str or dict, default "cost"
        A named cost, or weights over named costs.
    bases : bool, default True
        False keeps no basis: every variant is solved by HiGHS (cold).
    shared : SharedBases, optional
        Inverted bases of problems of the same structure, used and added to (the answers are the same).

    Notes
    -----
    :meth:`learn` keeps the optimal bases of some variants too (a pilot of a
    sweep's first samples, say), most frequent first; :meth:`solve` tries the
    kept bases in that order. Where an optimum is not unique (a tie), the
    answer is the first kept basis' vertex that is optimal, which need not be
    the one a cold HiGHS run would pick (on Kalundborg's sweeps it was, in every
    sample the tests compare).

    Examples
    --------
    >>> import numpy as np
    >>> from flows import Problem
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5.0], upper=[4.0, np.inf],
    ...             costs={"cost": [2.0, 3.0]})
    >>> v = Variants(p)
    >>> b = v.solve(rhs=np.array([[5.0], [3.0], [6.0]]))
    >>> b.x.tolist(), b.by_basis.tolist()
    ([[4.0, 1.0], [3.0, 0.0], [4.0, 2.0]], [True, False, True])
    """

    def __init__(self, problem: Problem, objective: str | dict[str, float] = "cost", *, bases: bool = True,
                 shared: SharedBases | None = None) -> None:
        self.problem = problem
        self.weights = as_weights(objective)
        # a problem without variables is solved by a Model (no HiGHS model); any other by ``_lp`` (made once)
        self._cold = None if problem.n_vars else Model(problem, objective, warm_start=False)
        self._bases: list[_Basis] = []
        self._lock = threading.Lock()  # one HiGHS model: a process's threads take turns (Dask may run several)
        p = problem
        self._A, self._shared = None, None
        if bases and 0 < p.n_nodes <= MAX_ROWS and p.n_vars:
            dense = shared.matrix(p.incidence()) if shared is not None else None
            self._A, self._shared = (p.incidence().toarray(), None) if dense is None else (dense, shared)
        self._warm()
        if self._A is not None:
            self.learn()

    def _warm(self) -> None:
        """The HiGHS model that solves (cold) what no kept basis answers."""
        p = self.problem
        self._rhs = p.rhs.copy()
        self._lp = LinearModel(p.cost_vector(self.weights), p.incidence(), p.rhs, p.rhs, *p.bounds()) \
            if p.n_vars else None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        for key in ("_cold", "_lp", "_rhs", "_lock"):  # HiGHS objects: made again where the variants are solved
            del state[key]
        state["_shared"] = None  # the bases it keeps go with it; the others stay where they were learnt
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()
        self._cold = None if self.problem.n_vars else Model(self.problem, self.weights, warm_start=False)
        self._warm()

    @property
    def n_bases(self) -> int:
        """How many bases are kept (0: every variant is solved by HiGHS)."""
        return len(self._bases)

    def learn(self, rhs: np.ndarray | None = None, upper: np.ndarray | None = None,
              costs: dict[str, np.ndarray] | None = None) -> None:
        """Solve these variants in HiGHS (cold) and keep their optimal bases, most frequent first.

        Parameters
        ----------
        rhs, upper, costs : numpy.ndarray or dict, optional
            As in :meth:`solve` (none: the base problem).
        """
        if self._A is None:
            return
        seen = {b.cols.tobytes() + b.basic_rows.tobytes() for b in self._bases}
        count: dict[bytes, int] = {}
        found: dict[bytes, tuple[NDArray[np.int8], NDArray[np.int8]]] = {}
        rhs, lower, hi, c, _ = self._arrays(rhs, upper, costs)
        for i in range(rhs.shape[0]):
            status, _, basis = self._cold_solve(rhs[i], lower, hi[i], c[i], basis=True)
            if status != OPTIMAL or basis is None:  # an optimum comes with its basis
                continue
            cols, rows = basis
            key = cols.tobytes() + np.flatnonzero(rows == _BASIC).tobytes()
            if key not in seen:
                count[key] = count.get(key, 0) + 1
                found.setdefault(key, (cols, rows))
        for key in sorted(count, key=lambda k: -count[k]):  # stable: ties keep their first appearance
            b = self._inverted(key, *found[key])
            if b is not None:
                self._bases.append(b)

    def _inverted(self, key: bytes, cols: np.ndarray, rows: np.ndarray) -> _Basis | None:
        """The basis ``key`` inverted (:func:`_basis`), or as the shared bases hold it."""
        assert self._A is not None  # for the type checker: bases are learnt with the dense matrix only
        if self._shared is None:
            return _basis(self._A, cols, rows)
        if key not in self._shared.bases:
            self._shared.bases[key] = _basis(self._A, cols, rows)
        return self._shared.bases[key]

    def _arrays(self, rhs: FloatArray | None, upper: FloatArray | None, costs: dict[str, FloatArray] | None
                ) -> tuple[FloatArray, FloatArray, FloatArray, FloatArray, dict[str, FloatArray]]:
        """``k`` variants as arrays: right-hand sides, lower and upper bounds, weighted costs, named costs."""
        p = self.problem
        k = next((a.shape[0] for a in [rhs, upper, *(costs or {}).values()] if a is not None), 1)
        rhs = np.broadcast_to(p.rhs, (k, p.n_nodes)) if rhs is None else np.asarray(rhs, dtype=float)
        up = np.broadcast_to(p.upper, (k, p.n_arcs)) if upper is None else np.asarray(upper, dtype=float)
        named = {n: np.broadcast_to(v, (k, p.n_arcs)) for n, v in p.costs.items()}
        named.update({n: np.asarray(v, dtype=float) for n, v in (costs or {}).items()})
        conv = {n: np.broadcast_to(v, (k, p.n_conversions)) for n, v in p.conv_costs.items()}
        full = {n: np.hstack([named[n], conv[n]]) for n in named}
        c = np.zeros((k, p.n_vars))
        for n, w in self.weights.items():
            if w:
                c += w * full[n]
        lower = np.concatenate([p.lower, p.conv_lower])
        hi = np.hstack([up, np.broadcast_to(p.conv_upper, (k, p.n_conversions))])
        return rhs, lower, hi, c, full

    def solve(self, rhs: np.ndarray | None = None, upper: np.ndarray | None = None,
              costs: dict[str, np.ndarray] | None = None) -> Batch:
        """The optimum of each variant.

        Parameters
        ----------
        rhs : numpy.ndarray, optional
            ``k x n_nodes`` right-hand sides (default: the base problem's, for every variant).
        upper : numpy.ndarray, optional
            ``k x n_arcs`` arc upper bounds.
        costs : dict of numpy.ndarray, optional
            Per named cost, ``k x n_arcs`` arc costs (the conversions' stay).

        Returns
        -------
        Batch
        """
        p = self.problem
        rhs, lower, hi, c, full = self._arrays(rhs, upper, costs)
        k = rhs.shape[0]
        x = np.full((k, p.n_vars), np.nan)
        ok = np.zeros(k, bool)
        for b in self._bases:
            todo = np.flatnonzero(~ok)
            if not todo.size:
                break
            got, xs = self._by_basis(b, rhs[todo], hi[todo], lower, c[todo])
            ok[todo[got]] = True
            x[todo[got]] = xs[got]
        status: list[Status] = [OPTIMAL] * k
        for i in np.flatnonzero(~ok).tolist():
            status[i], xi, _ = self._cold_solve(rhs[i], lower, hi[i], c[i])
            if status[i] == OPTIMAL:
                x[i] = xi
        totals = {n: (full[n] * x).sum(axis=1) for n in full}
        return Batch(status, x, totals, ok)

    def _cold_solve(self, rhs: FloatArray, lower: FloatArray, upper: FloatArray, c: FloatArray, basis: bool = False
                    ) -> tuple[Status, FloatArray | None, tuple[NDArray[np.int8], NDArray[np.int8]] | None]:
        """One variant in HiGHS from a cold start: what :class:`flows.Model` with ``warm_start=False`` does
        (the same calls on the same model, without building a :class:`Problem` for it); with ``basis``, the
        optimal basis too."""
        with self._lock:
            lp = self._lp
            if lp is None:
                assert self._cold is not None  # for the type checker: made for a problem without variables
                return self._cold.solve(replace(self.problem, rhs=rhs)).status, np.zeros(0), None
            lp.set_costs(c)
            lp.set_bounds(lower, upper)
            changed = np.flatnonzero(rhs != self._rhs)
            if changed.size:
                lp.set_row_bounds(rhs[changed], rhs[changed], rows=changed)
                self._rhs[changed] = rhs[changed]
            lp.clear()
            r = lp.run()
            return r["status"], r["x"], lp.basis() if basis and r["status"] == OPTIMAL else None

    def _by_basis(self, b: _Basis, rhs: FloatArray, hi: FloatArray, lower: FloatArray, c: FloatArray
                  ) -> tuple[BoolArray, FloatArray]:
        """Which variants the basis ``b`` answers (see the module notes), and their answers."""
        A, nb, cols = self._A, b.nonbasic, b.cols
        assert A is not None  # a basis is kept only with the dense matrix it was read against
        k = rhs.shape[0]
        at = np.where(cols[nb] == _UPPER, hi[:, nb], lower[nb])  # k x nonbasic: each at its bound
        ok = np.isfinite(at).all(axis=1)
        # a nonbasic variable sits at one bound: it must lie within its other bound too (a capacity drawn
        # below a lower bound makes the variant infeasible, whatever the basis says)
        ok &= (hi[:, nb] >= lower[nb] - 1e-9 * np.maximum(1.0, np.abs(lower[nb]))).all(axis=1)
        at = np.where(np.isfinite(at), at, 0.0)
        r = rhs.copy()
        r[:, b.basic_rows] = 0.0  # a basic row's activity is an unknown; a nonbasic one is its rhs
        r -= _rowwise(A[:, nb], at)
        xb = _rowwise(b.inverse, r)
        n_b = b.basic_cols.size
        vals, act = xb[:, :n_b], xb[:, n_b:]
        slack = 1e-9 * np.maximum(1.0, np.abs(vals))
        ok &= ((vals >= lower[b.basic_cols] - slack) & (vals <= hi[:, b.basic_cols] + slack)).all(axis=1)
        target = rhs[:, b.basic_rows]
        ok &= (np.abs(act - target) <= 1e-9 * np.maximum(1.0, np.abs(target))).all(axis=1)
        primal = np.flatnonzero(ok)  # the duals only where the flows fit
        cp = c[primal]
        y = _rowwise(b.inverse_t, np.hstack([cp[:, b.basic_cols], np.zeros((primal.size, b.basic_rows.size))]))
        d = cp[:, nb] - _rowwise(A[:, nb].T, y)
        tol = 1e-9 * np.maximum(1.0, np.abs(cp[:, nb]))
        optimal = np.where(cols[nb] == _UPPER, d <= tol, d >= -tol) | (hi[primal][:, nb] <= lower[nb])
        ok[primal] = optimal.all(axis=1)
        x = np.empty((k, self.problem.n_vars))
        x[:, nb] = at
        x[:, b.basic_cols] = vals
        return ok, x
