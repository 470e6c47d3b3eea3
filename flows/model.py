"""The one warm model: a problem kept in HiGHS, re-solved with new numbers (see :class:`Model`)."""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from flows.highs import LinearModel
from flows.problem import IntArray, Problem, as_weights, weighted_costs
from flows.solution import Solution, _no_variables, _solution

__all__ = ["Model"]


class Model:
    """A problem loaded into HiGHS once: change its numbers, solve again.

    The constraint matrix goes to HiGHS once; afterwards only changed vectors
    do (``changeColsCost``, ``changeColsBounds``, and the right-hand sides that
    changed). Costs, weights, arc and conversion bounds and right-hand sides
    can change, and so can gains and conversion ratios (:meth:`set_coefficients`); the structure (which
    arcs and conversion entries exist) cannot.

    Parameters
    ----------
    problem : Problem
        The problem as first solved.
    objective : str or dict, default "cost"
        A named cost, or weights over named costs (``{"cost": 1, "co2e": 750}``).
    warm_start : bool, default True
        ``True``: each solve starts from the last basis, which pays in a sweep of
        small changes. ``False``: each solve starts cold, exactly as a fresh model
        would, so the answer depends on the numbers alone, bit for bit, whatever
        was solved before and in whichever process (where an optimum is not
        unique, a warm start may land on another of the optima). Monte Carlo
        samples rely on this.
    **options
        HiGHS options (``time_limit`` in s, ``threads``, ``presolve``...).

    Raises
    ------
    ValueError
        An unknown HiGHS option or a value it does not take.

    Examples
    --------
    >>> from flows import Problem, Model
    >>> p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5.0],
    ...             costs={"cost": [2.0, 3.0]}, upper=[4.0, 10.0])
    >>> m = Model(p)
    >>> m.solve().objective
    11.0
    >>> m.set_costs("cost", [4.0, 3.0])       # a new price for the first arc
    >>> m.solve().flow.tolist()
    [0.0, 5.0]

    A variant of the problem (same structure, new numbers) in one call:

    >>> import dataclasses
    >>> cold = Model(p, warm_start=False)
    >>> cold.solve(dataclasses.replace(p, rhs=[2.0])).flow.tolist()
    [2.0, 0.0]
    """

    def __init__(self, problem: Problem, objective: str | dict[str, float] = "cost", *, warm_start: bool = True,
                 **options: Any) -> None:
        self.problem = problem
        self.warm_start = bool(warm_start)
        self.weights = as_weights(objective)
        self._costs = dict(problem.costs)  # name -> array; replaced (never changed in place) by set_costs
        self._conv_costs = dict(problem.conv_costs)
        self._lower, self._upper = problem.bounds()  # fresh arrays, changed in place
        self._rhs = problem.rhs.copy()
        self._lp = LinearModel(self._c(), problem.incidence(), self._rhs, self._rhs, self._lower, self._upper,
                               **options) if problem.n_vars else None

    def _c(self) -> np.ndarray:
        return weighted_costs(self._costs, self._conv_costs, self.weights, self.problem.n_arcs,
                              self.problem.n_conversions)

    def set_objective(self, objective: str | dict[str, float]) -> None:
        """Minimise another named cost or weighted sum from now on.

        Parameters
        ----------
        objective : str or dict
            A named cost, or weights over named costs.

        Raises
        ------
        KeyError
            A weight names a cost the problem does not have.
        """
        weights = as_weights(objective)
        c = weighted_costs(self._costs, self._conv_costs, weights, self.problem.n_arcs, self.problem.n_conversions)
        self.weights = weights
        if self._lp is not None:
            self._lp.set_costs(c)

    def set_costs(self, name: str, arc_costs: ArrayLike | None = None, conv_costs: ArrayLike | None = None) -> None:
        """New per-unit values of one named cost on the arcs and/or the conversions.

        Parameters
        ----------
        name : str
            A named cost of the problem.
        arc_costs : array_like, optional
            One value per arc (None keeps them).
        conv_costs : array_like, optional
            One value per conversion (None keeps them).

        Raises
        ------
        KeyError
            The problem has no cost ``name``.
        """
        if name not in self._costs:
            raise KeyError(f"no cost named '{name}'; this problem has {sorted(self._costs)}")
        if arc_costs is not None:
            self._costs[name] = np.asarray(arc_costs, dtype=float).reshape(self.problem.n_arcs)
        if conv_costs is not None:
            self._conv_costs[name] = np.asarray(conv_costs, dtype=float).reshape(self.problem.n_conversions)
        if self.weights.get(name) and self._lp is not None:
            self._lp.set_costs(self._c())

    def set_bounds(self, lower: ArrayLike | None = None, upper: ArrayLike | None = None,
                   arcs: ArrayLike | None = None) -> None:
        """New arc bounds: whole vectors, or values (one, or one each) for the arcs indexed by ``arcs``.

        Parameters
        ----------
        lower, upper : float or array_like, optional
            New bounds (None keeps them); ``upper`` may be ``inf``.
        arcs : array_like of int, optional
            The arcs to change (default: every arc).
        """
        idx = np.arange(self.problem.n_arcs) if arcs is None else np.asarray(arcs, dtype=np.int64).reshape(-1)
        self._set_var_bounds(idx, lower, upper)

    def set_conversion_bounds(self, lower: ArrayLike | None = None, upper: ArrayLike | None = None,
                              conversions: ArrayLike | None = None) -> None:
        """New bounds on the conversions' activities (all, or the ones indexed by ``conversions``).

        Parameters
        ----------
        lower, upper : float or array_like, optional
            New bounds (None keeps them).
        conversions : array_like of int, optional
            The conversions to change (default: every one).
        """
        idx = np.arange(self.problem.n_conversions) if conversions is None \
            else np.asarray(conversions, dtype=np.int64).reshape(-1)
        self._set_var_bounds(self.problem.n_arcs + idx, lower, upper)

    def _set_var_bounds(self, idx: IntArray, lower: ArrayLike | None, upper: ArrayLike | None) -> None:
        if lower is not None:
            self._lower[idx] = np.broadcast_to(np.asarray(lower, dtype=float), idx.shape)
        if upper is not None:
            self._upper[idx] = np.broadcast_to(np.asarray(upper, dtype=float), idx.shape)
        if self._lp is not None and idx.size:
            self._lp.set_bounds(self._lower[idx], self._upper[idx], cols=idx)

    def set_rhs(self, rhs: ArrayLike, nodes: ArrayLike | None = None) -> None:
        """New net requirement per node (all, or the nodes indexed by ``nodes``).

        Only the nodes whose value changes go to HiGHS (one call each: SciPy's
        bindings have no call for many rows at once).

        Parameters
        ----------
        rhs : float or array_like
            One value, or one per node in ``nodes``.
        nodes : array_like of int, optional
            The nodes (default: all).
        """
        idx = np.arange(self.problem.n_nodes) if nodes is None else np.asarray(nodes, dtype=np.int64).reshape(-1)
        new = np.broadcast_to(np.asarray(rhs, dtype=float).reshape(-1) if np.ndim(rhs) else rhs, idx.shape)
        changed = new != self._rhs[idx]
        if changed.any():
            idx, new = idx[changed], new[changed]
            self._rhs[idx] = new
            if self._lp is not None:
                self._lp.set_row_bounds(new, new, rows=idx)

    def set_coefficients(self, gain: tuple[ArrayLike, ArrayLike] | None = None,
                         conversion: tuple[ArrayLike, ArrayLike, ArrayLike] | None = None) -> None:
        """New gains of some arcs and new ratios of some conversion entries, in the loaded model (the
        structure, which entries exist, stays; the basis is kept, so the next solve starts warm).

        Parameters
        ----------
        gain : (array_like of int, array_like), optional
            Arcs and their new gains (the arc's entry at its head; an arc into the boundary has none).
        conversion : (array_like of int, array_like of int, array_like), optional
            Nodes, conversions and the new ratio of each entry (outputs positive, inputs negative); each
            entry must exist in the problem's conversion matrix.

        Raises
        ------
        ValueError
            An arc into the boundary given a gain, or a conversion entry the matrix does not have.
        """
        p = self.problem
        if gain is not None:
            arcs, values = np.asarray(gain[0], dtype=np.int64).reshape(-1), np.asarray(gain[1], dtype=float)
            if np.any(p.head[arcs] < 0):
                raise ValueError("an arc into the boundary has no gain to change")
            if self._lp is not None and arcs.size:
                self._lp.set_coefficients(p.head[arcs], arcs, values)
        if conversion is not None:
            rows, cols = (np.asarray(x, dtype=np.int64).reshape(-1) for x in conversion[:2])
            conv = p.conversion
            for i, j in zip(rows, cols, strict=True):
                if j not in conv.indices[conv.indptr[i]:conv.indptr[i + 1]]:
                    raise ValueError(f"the conversion matrix has no entry ({i}, {j}) to change")
            if self._lp is not None and rows.size:
                self._lp.set_coefficients(rows, p.n_arcs + cols, conversion[2])

    def start_from(self, x: ArrayLike) -> None:
        """Start the next solve from the point ``x`` (one value per variable: arcs, then conversions): HiGHS
        builds its first basis from it. An optimum found another way (block by block, say) is re-solved for
        its basis in a fraction of a cold solve (a 5,000-company park: 0.3 s against 1.3 s).

        Parameters
        ----------
        x : array_like
            One value per variable, a feasible point near the optimum.
        """
        if self._lp is not None:
            z = np.asarray(x, dtype=np.float64)
            self._lp.set_solution(z, self.problem.incidence() @ z)

    def basis(self) -> tuple[np.ndarray, np.ndarray] | None:
        """The last solve's basis; see :meth:`flows.highs.LinearModel.basis`.

        Returns
        -------
        tuple of numpy.ndarray, or None
            The status per variable and per node (0 at lower, 1 basic, 2 at
            upper, 3 zero); None for a problem without variables.
        """
        return None if self._lp is None else self._lp.basis()

    def update(self, variant: Problem) -> None:
        """Take every number of ``variant``: costs, arc and conversion bounds, right-hand sides.

        Parameters
        ----------
        variant : Problem
            The same structure as the model's problem (nodes, arc ends, gains,
            conversion ratios), other numbers.

        Raises
        ------
        ValueError
            ``variant`` has another structure.
        """
        if variant is self.problem:
            same = True
        else:
            same = _same_structure(self.problem, variant)
        if not same:
            raise ValueError("a Model solves variants with the same nodes, arcs and conversions (ends, gains and "
                             "ratios); make a new Model for another structure")
        if set(variant.costs) != set(self._costs):
            raise ValueError(f"the variant's named costs {sorted(variant.costs)} are not the model's "
                             f"{sorted(self._costs)}")
        self._costs, self._conv_costs = dict(variant.costs), dict(variant.conv_costs)
        lo, hi = variant.bounds()
        self._lower[:], self._upper[:] = lo, hi
        if self._lp is not None:
            self._lp.set_costs(self._c())
            self._lp.set_bounds(self._lower, self._upper)
        self.set_rhs(variant.rhs)

    def snapshot(self) -> Any:
        """The last solve's basis, to :meth:`restore` before a later solve.

        Returns
        -------
        object or None
            The basis (opaque); None for a problem without variables.
        """
        return None if self._lp is None else self._lp.snapshot()

    def restore(self, basis: Any) -> None:
        """Start the next solve from ``basis``, not from the last solve's.

        Parameters
        ----------
        basis : object or None
            What :meth:`snapshot` returned; None leaves the model as it is.
        """
        if self._lp is not None and basis is not None:
            self._lp.restore(basis)

    def solve(self, variant: Problem | None = None) -> Solution:
        """Solve (from the last basis, unless ``warm_start=False``) and return the :class:`Solution`.

        Parameters
        ----------
        variant : Problem, optional
            Take its numbers first (see :meth:`update`).

        Returns
        -------
        Solution
            ``totals`` are computed with the model's current named costs.
        """
        if variant is not None:
            self.update(variant)
        if self._lp is None:
            return _no_variables(self.problem, self._rhs)
        if not self.warm_start:
            self._lp.clear()  # a cold start: the answer depends on these numbers alone
        return _solution(self.problem, self._lp.run(), self._costs, self._conv_costs)


def _same_structure(a: Problem, b: Problem) -> bool:
    """True if ``a`` and ``b`` have the same nodes, arc ends, gains and conversion matrix (numbers aside)."""
    if (a.n_nodes, a.n_arcs, a.n_conversions) != (b.n_nodes, b.n_arcs, b.n_conversions):
        return False

    def same(x: NDArray[Any], y: NDArray[Any]) -> bool:
        return x is y or np.array_equal(x, y)

    if not (same(a.tail, b.tail) and same(a.head, b.head) and same(a.gain, b.gain)):
        return False
    ca, cb = a.conversion, b.conversion
    return ca is cb or (ca.nnz == cb.nnz and same(ca.indptr, cb.indptr) and same(ca.indices, cb.indices)
                        and same(ca.data, cb.data))
