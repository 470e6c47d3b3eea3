"""A warm HiGHS model: build once, change costs and bounds, solve again.

Sweeps (prices, carbon values, capacities) change only the objective and the
bounds, so :class:`LinearModel` passes the constraint matrix to HiGHS once and
afterwards sends only the changed vectors (``changeColsCost``,
``changeColsBounds``, ``changeRowsBounds``); HiGHS then restarts from its last
basis, which on a small network like Kalundborg takes well under a
millisecond of solver time.

Why so long: one class wraps one HiGHS model, and every change a sweep makes to it (costs, bounds,
coefficients, columns, the basis kept and restored, options) belongs to that wrapper, each with its
parameters documented.

Which HiGHS: the bindings SciPy ships (``scipy.optimize._highspy``), the same
HiGHS that ``scipy.optimize.linprog`` runs. The separate ``highspy`` wheel
cannot be loaded in a process that has loaded OR-Tools (and the other way
round): both carry HiGHS symbols and the dynamic loader mixes them up. SciPy's
copy coexists with OR-Tools, so the network-flow path (OR-Tools) and the LP
path (HiGHS) can run side by side in one process. SciPy's module is private;
``scipy>=1.15`` is required and the import is confined to this file.
"""

from __future__ import annotations

import sys
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from flows.problem import FloatArray
from flows.status import (
    ERROR,
    FEASIBLE,
    INFEASIBLE,
    ITERATION_LIMIT,
    OPTIMAL,
    SOLUTION_LIMIT,
    TIME_LIMIT,
    UNBOUNDED,
    Status,
)
from flows.verify import RELATIVE, tolerance_loss

__all__ = ["INF", "LinearModel"]

#: The constraint matrices LinearModel takes: any SciPy sparse matrix or array.
_Sparse = sp.spmatrix | sp.sparray


def _highs_core() -> Any:  # SciPy's HiGHS bindings are a compiled module without stubs
    """SciPy's HiGHS bindings, loaded without running ``scipy.optimize``'s own ``__init__``.

    Importing ``scipy.optimize`` costs 0.3-0.5 s (it builds every solver's
    documentation) and a command that only needs HiGHS should not wait for
    it. The extension is loaded under its own name, so a later
    ``import scipy.optimize`` (``linprog``, ``milp``) finds it and uses the
    same module. If SciPy's layout differs, the ordinary import is used.
    """
    name = "scipy.optimize._highspy._core"
    if name in sys.modules:
        return sys.modules[name]
    try:
        from importlib.machinery import EXTENSION_SUFFIXES
        from importlib.util import module_from_spec, spec_from_file_location
        from pathlib import Path

        import scipy

        folder = Path(scipy.__file__).parent / "optimize" / "_highspy"
        path = next(folder / f"_core{s}" for s in EXTENSION_SUFFIXES if (folder / f"_core{s}").exists())
        spec = spec_from_file_location(name, path)
        if spec is None or spec.loader is None:
            raise ImportError(name)  # the ordinary import below
        module = module_from_spec(spec)
        sys.modules[name] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[name]
            raise
        return module
    except Exception:  # pragma: no cover - another SciPy layout: the ordinary (slower) import
        try:  # SciPy >= 1.15
            from scipy.optimize._highspy import _core
        except ImportError as exc:  # pragma: no cover - depends on the SciPy build
            raise ImportError("flows needs SciPy >= 1.15 (its bundled HiGHS bindings); pip install -U scipy") from exc
        return _core


_h = _highs_core()

INF = _h.kHighsInf

_STATUS: dict[Any, Status] = {
    _h.HighsModelStatus.kOptimal: OPTIMAL,
    _h.HighsModelStatus.kInfeasible: INFEASIBLE,
    _h.HighsModelStatus.kUnbounded: UNBOUNDED,
    _h.HighsModelStatus.kTimeLimit: TIME_LIMIT,
    _h.HighsModelStatus.kIterationLimit: ITERATION_LIMIT,
    _h.HighsModelStatus.kSolutionLimit: SOLUTION_LIMIT,
}  # kUnboundedOrInfeasible is settled by a feasibility run (LinearModel.run); anything else is an error


def _finite(x: ArrayLike) -> FloatArray:
    return np.clip(np.asarray(x, dtype=np.float64), -INF, INF)


class LinearModel:
    """``min c @ x  s.t.  row_lower <= A @ x <= row_upper,  lower <= x <= upper`` kept warm in HiGHS.

    Every solve of :mod:`flows` goes through it: the LP of :func:`flows.solve`
    and :class:`flows.Model`, the design MILP, the fronts' capped LPs. It takes
    any LP, not only flow problems (the Netlib yardsticks in the tests use it).
    ``LinearModel.runs`` counts the solves of every model in the process (tests
    count what a command solves with it).

    Parameters
    ----------
    c : array_like
        Cost per column.
    A : scipy.sparse matrix
        Rows x columns.
    row_lower, row_upper, lower, upper : array_like
        Bounds of the rows and columns; +-inf for none.
    integrality : array_like, optional
        1 per integer column: a MILP.
    **options
        HiGHS options (``time_limit`` in s, ``mip_rel_gap``, ``threads``...).

    Raises
    ------
    ValueError
        An unknown HiGHS option, or a model HiGHS rejects (NaN costs or bounds).
    """

    runs = 0  #: solves of every LinearModel in this process

    def __init__(self, c: ArrayLike, A: _Sparse, row_lower: ArrayLike, row_upper: ArrayLike,  # noqa: N803
                 lower: ArrayLike, upper: ArrayLike, integrality: ArrayLike | None = None, **options: Any) -> None:
        A = sp.csc_matrix(A, dtype=np.float64)
        A.sort_indices()
        self.n_cols, self.n_rows = A.shape[1], A.shape[0]
        lp = _h.HighsLp()
        lp.num_col_ = self.n_cols
        lp.num_row_ = self.n_rows
        lp.a_matrix_.num_col_ = self.n_cols
        lp.a_matrix_.num_row_ = self.n_rows
        lp.a_matrix_.format_ = _h.MatrixFormat.kColwise
        lp.a_matrix_.start_ = A.indptr.astype(np.int32)
        lp.a_matrix_.index_ = A.indices.astype(np.int32)
        lp.a_matrix_.value_ = A.data
        # kept here too, to check an optimum against the problem's scale (flows.verify)
        self._cost = np.array(c, dtype=np.float64).reshape(self.n_cols)
        self._lo, self._hi = _finite(lower).copy(), _finite(upper).copy()
        self._rlo, self._rhi = _finite(row_lower).copy(), _finite(row_upper).copy()
        lp.col_cost_ = self._cost
        lp.col_lower_ = self._lo
        lp.col_upper_ = self._hi
        lp.row_lower_ = self._rlo
        lp.row_upper_ = self._rhi
        self.is_mip = integrality is not None and bool(np.any(integrality))
        if self.is_mip:
            lp.integrality_ = [_h.HighsVarType(int(i)) for i in np.asarray(integrality).reshape(-1)]
        self._h = _h._Highs()
        self._h.setOptionValue("output_flag", False)
        for key, value in options.items():
            if value is not None:
                self.set_option(key, value)
        if self._h.passModel(lp) == _h.HighsStatus.kError:
            raise ValueError("HiGHS rejected the model (check for NaN costs or bounds)")
        self._all_cols = np.arange(self.n_cols, dtype=np.int32)
        self._all_rows = np.arange(self.n_rows, dtype=np.int32)

    def set_costs(self, c: ArrayLike) -> None:
        """Replace the whole cost vector.

        Parameters
        ----------
        c : array_like
            One value per column.
        """
        self._cost = np.array(c, dtype=np.float64).reshape(self.n_cols)
        self._h.changeColsCost(self.n_cols, self._all_cols, self._cost)

    def set_bounds(self, lower: ArrayLike, upper: ArrayLike, cols: ArrayLike | None = None) -> None:
        """Replace column bounds.

        Parameters
        ----------
        lower, upper : array_like
            One value per column in ``cols``.
        cols : array_like of int, optional
            The columns (default: all).
        """
        idx = self._all_cols if cols is None else np.asarray(cols, dtype=np.int32)
        lo, hi = np.broadcast_to(_finite(lower), idx.shape), np.broadcast_to(_finite(upper), idx.shape)
        self._lo[idx], self._hi[idx] = lo, hi
        self._h.changeColsBounds(idx.size, idx, np.ascontiguousarray(lo), np.ascontiguousarray(hi))

    def set_row_bounds(self, lower: ArrayLike, upper: ArrayLike, rows: ArrayLike | None = None) -> None:
        """Replace row bounds (one HiGHS call per row: SciPy's bindings have none for many).

        Parameters
        ----------
        lower, upper : array_like
            One value per row in ``rows``.
        rows : array_like of int, optional
            The rows (default: all).
        """
        idx = self._all_rows if rows is None else np.asarray(rows, dtype=np.int32)
        self._rlo[idx], self._rhi[idx] = _finite(lower), _finite(upper)
        for i, lo, hi in zip(idx, _finite(lower), _finite(upper), strict=True):
            self._h.changeRowBounds(int(i), float(lo), float(hi))

    def set_coefficients(self, rows: ArrayLike, cols: ArrayLike, values: ArrayLike) -> None:
        """Replace entries of the constraint matrix, one HiGHS call each; the basis is kept.

        Parameters
        ----------
        rows, cols : array_like of int
            Where: the row (balance) and column (arc or conversion) of each entry.
        values : array_like of float
            The new coefficients (gains, process ratios), one per entry.
        """
        for i, j, v in zip(np.asarray(rows).reshape(-1), np.asarray(cols).reshape(-1),
                           np.asarray(values, dtype=np.float64).reshape(-1), strict=True):
            self._h.changeCoeff(int(i), int(j), float(v))

    def add_cols(self, c: ArrayLike, A: _Sparse, lower: ArrayLike, upper: ArrayLike) -> None:  # noqa: N803
        """Append columns (costs, their matrix rows x new columns, bounds); the basis stays, the new columns
        nonbasic at a bound, so the next :meth:`run` starts warm.

        Parameters
        ----------
        c : array_like
            Cost per new column.
        A : scipy.sparse matrix
            ``n_rows x`` new columns.
        lower, upper : array_like
            Bounds of the new columns.
        """
        A = sp.csc_matrix(A, dtype=np.float64)
        A.sort_indices()
        n = A.shape[1]
        if n == 0:
            return
        self._h.addCols(n, np.asarray(c, dtype=np.float64), _finite(lower), _finite(upper), A.nnz,
                        A.indptr[:-1].astype(np.int32), A.indices.astype(np.int32), A.data)
        self.n_cols += n
        self._all_cols = np.arange(self.n_cols, dtype=np.int32)
        self._cost = np.concatenate([self._cost, np.asarray(c, dtype=np.float64)])
        self._lo = np.concatenate([self._lo, np.broadcast_to(_finite(lower), (n,))])
        self._hi = np.concatenate([self._hi, np.broadcast_to(_finite(upper), (n,))])

    def set_solution(self, x: ArrayLike, row_value: ArrayLike) -> None:
        """A primal point to start from: HiGHS builds its first basis from it.

        A feasible point near the optimum (a block-wise optimum, say) saves
        most of the simplex iterations a cold start would take.

        Parameters
        ----------
        x : array_like
            One value per column.
        row_value : array_like
            ``A @ x``, one value per row.
        """
        sol = _h.HighsSolution()
        sol.col_value = np.asarray(x, dtype=np.float64)
        sol.row_value = np.asarray(row_value, dtype=np.float64)
        sol.value_valid = True
        self._h.setSolution(sol)

    def basis(self) -> tuple[NDArray[np.int8], NDArray[np.int8]]:
        """The last solve's basis: per column and per row, 0 at lower, 1 basic, 2 at upper, 3 zero (free).

        Returns
        -------
        tuple of numpy.ndarray
            Column statuses, row statuses (HiGHS' ``HighsBasisStatus`` values).
        """
        b = self._h.getBasis()
        return (np.array([int(v) for v in b.col_status], dtype=np.int8),
                np.array([int(v) for v in b.row_status], dtype=np.int8))

    def snapshot(self) -> Any:
        """The last solve's basis as HiGHS holds it, to :meth:`restore` before a later solve.

        Returns
        -------
        highspy.HighsBasis
            Opaque: only for :meth:`restore` of this model.
        """
        return self._h.getBasis()

    def restore(self, basis: Any) -> None:
        """Start the next solve from ``basis``: a re-solve whose answer does not depend on the variants
        solved in between.

        Parameters
        ----------
        basis : highspy.HighsBasis
            What :meth:`snapshot` of this model returned.
        """
        self._h.setBasis(basis)

    def set_option(self, key: str, value: bool | int | float | str | np.generic) -> None:
        """Set one HiGHS option (``time_limit`` in s, ``mip_rel_gap``, ``threads``, ``presolve``...).

        Parameters
        ----------
        key : str
            HiGHS' name of the option.
        value : bool, int, float or str
            Of the option's own type.

        Raises
        ------
        ValueError
            HiGHS has no option ``key``, or ``value`` is not valid for it.
        """
        if isinstance(value, np.generic):
            value = value.item()
        if self._h.setOptionValue(key, value) == _h.HighsStatus.kError:
            raise ValueError(f"HiGHS has no option '{key}' taking {value!r} (see HiGHS' list of options)")

    def clear(self) -> None:
        """Start again from nothing: the next :meth:`run` gives what a fresh :class:`LinearModel` of the
        numbers as they stand gives, bit for bit.

        The model is passed to HiGHS again (``getLp``, ``passModel``): HiGHS' ``clearSolver`` forgets
        the basis but keeps what it worked out of the model before, which moved the last bits of an
        answer on some LPs (2 % of random ones after new costs and bounds; tests/flows/test_model.py).
        """
        self._h.passModel(self._h.getLp())

    def run(self) -> dict[str, Any]:
        """Solve and return status, objective, x, row duals, column duals, gap and HiGHS' own time (s).

        Returns
        -------
        dict
            ``status`` (one of :data:`flows.status.STATUSES`), ``message`` (HiGHS' words),
            ``objective``, ``x`` (None without a solution), ``row_dual`` and ``col_dual`` (None
            without duals), ``gap`` (relative MIP gap; 0 for an LP) and ``highs_time`` (s); for an
            LP optimum that HiGHS' absolute tolerance let pass though the objective could still fall by
            more than :data:`flows.verify.RELATIVE` of its scale, ``rescaled`` too: the factor the
            objective was scaled by for a second run from that basis and the loss bound before and after
            (the answer is in the objective's own units all the same).
        """
        LinearModel.runs += 1
        out = self._run_once()
        if out["status"] == ERROR and not self.is_mip:  # HiGHS gave up from the basis it was handed
            self.clear()  # from nothing, as a fresh model of these numbers would (a self-loop of negative
            out = self._run_once()  # cost after edits: 'Unknown' warm, 'unbounded' cold; test_agreement)
        if out["status"] == OPTIMAL and not self.is_mip and out["col_dual"] is not None \
                and out.pop("max_dual_infeasibility") != 0.0:  # none at all (the usual case): nothing to check
            out = self._verified(out)
        out.pop("max_dual_infeasibility", None)
        return out

    def _loss(self, out: dict[str, Any], factor: float = 1.0) -> tuple[float, float, float]:
        row_value = self._h.getSolution().row_value
        return tolerance_loss(self._cost * factor, out["x"], out["col_dual"], self._lo, self._hi,
                              np.asarray(row_value), out["row_dual"], self._rlo, self._rhi)

    def _verified(self, out: dict[str, Any]) -> dict[str, Any]:
        """``out`` if its reduced costs hold at the problem's scale (:mod:`flows.verify`), else the answer of
        up to three more runs from its basis with the objective scaled so that they must."""
        loss, scale, worst = self._loss(out)
        if loss <= RELATIVE * scale:
            return out
        first, cost = loss, self._cost
        factor, trial, note = 1.0, 1.0, {}
        try:
            for _ in range(3):
                trial *= min(1e8, max(10.0, 1e-5 / worst))  # the worst reduced cost: 100 x HiGHS' tolerance
                self._h.changeColsCost(self.n_cols, self._all_cols, cost * trial)
                again = self._run_once()
                time_ = again["highs_time"]  # HiGHS' clock runs on over a model's runs
                if again["status"] != OPTIMAL or again["col_dual"] is None:
                    note = {"failed_at": trial, "status": again["status"]}
                    break
                out, factor = again, trial
                loss, scale, worst = self._loss(again, factor)
                if loss <= RELATIVE * scale:
                    break
        finally:
            self._h.changeColsCost(self.n_cols, self._all_cols, cost)
        out.update(objective=float(cost @ out["x"]), row_dual=out["row_dual"] / factor,
                   col_dual=out["col_dual"] / factor, highs_time=time_)
        out["rescaled"] = {"factor": factor, "loss_before": first, "loss_after": loss / factor,
                           "verified": loss <= RELATIVE * scale, **note}
        return out

    def _run_once(self) -> dict[str, Any]:
        self._h.run()
        raw = self._h.getModelStatus()
        message = self._h.modelStatusToString(raw)
        status = _STATUS.get(raw, ERROR)
        if raw == _h.HighsModelStatus.kUnboundedOrInfeasible:  # HiGHS left it open: settle it
            status = self._feasible_or_not()
            message += f" (a run without costs settles it: {status})"
        info = self._h.getInfo()
        sol = self._h.getSolution()
        limits = (TIME_LIMIT, ITERATION_LIMIT, SOLUTION_LIMIT)
        has_x = bool(sol.value_valid) and (status == OPTIMAL or (self.is_mip and status in limits))
        out = {"status": status, "message": message, "highs_time": self._h.getRunTime(),
               "objective": float(info.objective_function_value) if has_x else float("nan"),
               "x": np.asarray(sol.col_value) if has_x else None,
               "row_dual": np.asarray(sol.row_dual) if sol.dual_valid else None,
               "col_dual": np.asarray(sol.col_dual) if sol.dual_valid else None,
               "gap": float(info.mip_gap) if self.is_mip else 0.0,
               "max_dual_infeasibility": float(info.max_dual_infeasibility)}
        if self.is_mip and has_x and status in limits:  # stopped with a solution but no proof
            out["status"] = FEASIBLE
        return out

    def _feasible_or_not(self) -> Status:
        """``unbounded`` if the model has a feasible point (it was unbounded or infeasible), else ``infeasible``.

        Solves once with every cost 0 (and presolve off, which with costs 0 cannot
        find the model unbounded), then puts the costs back.
        """
        lp = self._h.getLp()
        cost = np.asarray(lp.col_cost_, dtype=np.float64).copy()
        presolve = self._h.getOptionValue("presolve")
        presolve = presolve[1] if isinstance(presolve, tuple) else presolve  # SciPy's binding: (status, value)
        self._h.changeColsCost(self.n_cols, self._all_cols, np.zeros(self.n_cols))
        self._h.setOptionValue("presolve", "off")
        self._h.clearSolver()
        try:
            self._h.run()
            raw = self._h.getModelStatus()
        finally:
            self._h.changeColsCost(self.n_cols, self._all_cols, cost)
            self._h.setOptionValue("presolve", presolve)
            self._h.clearSolver()
        if raw == _h.HighsModelStatus.kOptimal:
            return UNBOUNDED
        return INFEASIBLE if raw == _h.HighsModelStatus.kInfeasible else ERROR
