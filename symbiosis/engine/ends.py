"""The ends of a sweep on one compiled answer: settled without an LP where the base optimum allows, else
re-solved warm.

A :class:`SweptAnswer` holds one compiled answer, its warm :class:`flows.Model`
and its base solution. Given the :class:`~symbiosis.engine.edits.Changes` of
many ends, :meth:`SweptAnswer.screen` settles, all at once, those whose only
changes are costs of fixed decisions (the totals move by the cost change times
the fixed flow) and those the optimal basis certifies or proves unable to
balance (:mod:`symbiosis.engine.screen`); :meth:`SweptAnswer.batch` solves
the ends that move small pieces of the problem that do not overlap together
(:mod:`symbiosis.engine.pieces`); :meth:`SweptAnswer.solve` sets one end's
numbers on the warm model, re-solves from the last basis and puts them back.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING

import numpy as np

import flows
from symbiosis.engine.compiled import Compiled
from symbiosis.engine.edits import Changes, Placement
from symbiosis.engine.pieces import LARGEST, pieces, together, touched
from symbiosis.engine.screen import INFEASIBLE, BasisScreen
from symbiosis.engine.solving import Solution

if TYPE_CHECKING:  # the conversion matrix's type (flows.Problem.conversion), for mypy only
    import scipy.sparse as sp

__all__ = ["NOTHING_BALANCES", "SweptAnswer"]

#: The answer to a change one row of the optimal basis proves nothing can balance (no LP; see
#: :mod:`symbiosis.engine.screen`): what an LP would say, without its flows.
NOTHING_BALANCES = Solution("infeasible", "no point balances (proved by a row of the optimal basis)",
                            np.empty(0), np.empty(0), np.empty(0), float("nan"), {})


class SweptAnswer:
    """One compiled answer, its warm model, its base solution and where the network's numbers sit in it."""

    def __init__(self, c: Compiled, weights: dict[str, float]):
        self.c, self.p, self.weights = c, c.problem, weights
        self.place = Placement(c)
        self.model = flows.Model(self.p, weights, warm_start=True)
        self.base = self.model.solve()
        self.x = np.concatenate([self.base.flow, self.base.activity]) if self.base.ok else None
        lo, hi = self.p.bounds()
        self.fixed = lo == hi
        self._lu = BasisScreen(self.p, self.model, self.x, weights) if self.x is not None else None  # base.ok
        self._pieces: tuple[np.ndarray, np.ndarray] | None = None

    def changes(self, edits) -> Changes:
        """What ``edits`` (made together) change in this answer (:meth:`Placement.changes`)."""
        return self.place.changes(edits)

    @cached_property
    def _fixed_x(self) -> tuple[list[bool], list[float]]:
        """Per variable (arcs, then processes), whether the answer fixes it, and its base value (plain lists:
        read one by one)."""
        assert self.x is not None  # for the type checker: asked where the base solved
        return self.fixed.tolist(), self.x.tolist()

    # -- applying them -----------------------------------------------------------------------
    def _set(self, ch: Changes, undo: bool = False) -> None:
        m, p = self.model, self.p
        if ch.rhs:
            idx = np.fromiter(ch.rhs, dtype=np.int64)
            delta = np.array([ch.rhs[i] for i in idx])
            m.set_rhs(p.rhs[idx] + (0.0 if undo else delta), nodes=idx)
        arcs = sorted(set(ch.lower) | set(ch.upper))
        if arcs:
            lo = np.array([p.lower[a] if undo else ch.lower.get(a, p.lower[a]) for a in arcs])
            hi = np.array([p.upper[a] if undo else max(ch.upper.get(a, p.upper[a]), lo[k]) for k, a in enumerate(arcs)])
            m.set_bounds(lower=lo, upper=hi, arcs=arcs)
        if ch.conv_upper:
            idx = np.fromiter(ch.conv_upper, dtype=np.int64)
            m.set_conversion_bounds(upper=p.conv_upper[idx] if undo else np.array(list(ch.conv_upper.values())),
                                    conversions=idx)
        for name in set(ch.costs) | set(ch.conv_costs):
            arc, conv = self._costs(ch, name) if not undo else (p.costs[name], p.conv_costs[name])
            m.set_costs(name, arc, conv)
        if ch.gain:
            gained = np.fromiter(ch.gain, dtype=np.int64)
            m.set_coefficients(gain=(gained, p.gain[gained] if undo else np.array(list(ch.gain.values()))))
        if ch.ratio:
            rows, cols = (np.array([k[n] for k in ch.ratio], dtype=np.int64) for n in (0, 1))
            old = np.array([p.conversion[i, j] for i, j in ch.ratio], dtype=float)
            m.set_coefficients(conversion=(rows, cols, old if undo else np.array(list(ch.ratio.values()))))
        if ch.weights is not None:
            m.set_objective(self.weights if undo else ch.weights)

    def _costs(self, ch: Changes, name: str) -> tuple[np.ndarray, np.ndarray]:
        arc, conv = self.p.costs[name].copy(), self.p.conv_costs[name].copy()
        for a, d in ch.costs.get(name, {}).items():
            arc[a] += d
        for j, d in ch.conv_costs.get(name, {}).items():
            conv[j] += d
        return arc, conv

    def variant(self, ch: Changes) -> Compiled:
        """The compiled answer with the changes in its arrays (for a diagnosis or a second pass)."""
        p = self.p
        rhs, lower, upper, gain = p.rhs.copy(), p.lower.copy(), p.upper.copy(), p.gain.copy()
        for i, d in ch.rhs.items():
            rhs[i] += d
        for a, v in ch.lower.items():
            lower[a] = v
        for a, v in ch.upper.items():
            upper[a] = v
        upper = np.maximum(upper, lower)
        for a, v in ch.gain.items():
            gain[a] = v
        conv_upper = p.conv_upper.copy()
        for j, v in ch.conv_upper.items():
            conv_upper[j] = v
        conversion: sp.csr_matrix[np.float64] | sp.lil_matrix[np.float64] = p.conversion
        if ch.ratio:
            conversion = conversion.tolil(copy=True)
            for (i, j), v in ch.ratio.items():
                conversion[i, j] = v
        costs, conv_costs = dict(p.costs), dict(p.conv_costs)
        for name in set(ch.costs) | set(ch.conv_costs):
            costs[name], conv_costs[name] = self._costs(ch, name)
        return self.c.with_arrays(rhs=rhs, lower=lower, upper=upper, gain=gain, conv_upper=conv_upper,
                                  conversion=conversion.tocsr(), costs=costs, conv_costs=conv_costs)

    # -- settling many ends -----------------------------------------------------------------------
    def screen(self, chs: list[Changes]) -> list:
        """What needs no LP among ``chs``, all at once: the totals where only costs of fixed decisions change
        or the optimal basis certifies the new optimum, :data:`NOTHING_BALANCES` where one of its rows
        proves that nothing balances, None for the others (the LP's)."""
        out: list = [None] * len(chs)
        if self.x is None:
            return out
        lu = self._lu if self._lu is not None and self._lu.ok else None
        base = self.base.totals
        same = lu is not None and not lu.out0.size  # an end that changes nothing: the base (a basis in bounds)
        bounds, costs = [], []
        for i, ch in enumerate(chs):
            if ch.invalid:
                continue
            if ch.only_bounds():
                if same and not (ch.rhs or ch.lower or ch.upper or ch.conv_upper):
                    out[i] = dict(base)
                else:
                    bounds.append(i)
            elif ch.only_costs():
                out[i] = self._fixed_costs(ch)
                if out[i] is None:
                    costs.append(i)
        if lu is None:
            return out
        for i, got in zip(bounds, lu.settle(self.p, [chs[i] for i in bounds], base), strict=True):
            out[i] = NOTHING_BALANCES if got == INFEASIBLE else got
        for i, got in zip(costs, lu.settle_costs(self.p, [chs[i] for i in costs], base), strict=True):
            out[i] = got
        return out

    def _fixed_costs(self, ch: Changes) -> dict[str, float] | None:
        """The totals where ``ch`` changes only costs of decisions the answer fixes (the fixed flows times the
        new costs), else None."""
        fixed, x = self._fixed_x
        n = self.p.n_arcs
        moved = dict(self.base.totals)
        for name in set(ch.costs) | set(ch.conv_costs):
            total = 0.0
            for a, d in ch.costs.get(name, {}).items():
                if not fixed[a]:
                    return None
                total += d * x[a]
            for j, d in ch.conv_costs.get(name, {}).items():
                if not fixed[n + j]:
                    return None
                total += d * x[n + j]
            moved[name] += total
        return moved

    def batch(self, chs: list[Changes], screened: list) -> list:
        """``screened`` (from :meth:`screen`) with more ends settled: those whose small pieces of the problem
        (:mod:`symbiosis.engine.pieces`) do not overlap, solved together, one LP per group."""
        if self._lu is None or not self._lu.ok:
            return screened
        A, n, base = self._lu.A, self.p.n_arcs, self.base.totals
        if self._pieces is None:
            self._pieces = pieces(self.p, A)
        label, size = self._pieces
        out, owners = list(screened), []
        for i, ch in enumerate(chs):
            if out[i] is not None or ch.invalid or not ch.in_balances():
                continue
            mine = np.unique(label[touched(ch, A, n)])
            if mine.size and size[mine].sum() <= LARGEST:
                owners.append((i, mine))

        def solve(ends: list[int]) -> np.ndarray | None:  # the ends made together: the new flows, or None
            merged = Changes()
            for i in ends:
                for r, d in chs[i].rhs.items():
                    merged.add_rhs(r, d)
                for name in ("lower", "upper", "conv_upper", "gain", "ratio"):
                    getattr(merged, name).update(getattr(chs[i], name))
            self._set(merged)
            try:
                sol = self.model.solve()
            finally:
                self._set(merged, undo=True)
            return np.concatenate([sol.flow, sol.activity]) if sol.ok else None

        costs = {name: self._lu.cost(name) for name in base}
        assert self.x is not None  # for the type checker: the basis is there, so the base solved
        for i, moved in together(owners, solve, label, A, self.x, costs).items():
            out[i] = {name: base[name] + moved[name] for name in base}
        return out

    def solve(self, ch: Changes, screened: dict[str, float] | Solution | None = None,
              tried: bool = False) -> Solution | dict[str, float]:
        """The solution with the changes made (then undone), or, where only costs of fixed decisions
        change or the optimal basis certifies the new optimum, the totals (a dict; ``screened``: what
        :meth:`screen` or :meth:`batch` gave; ``tried``: they were asked and left it to the LP)."""
        if screened is not None:
            return screened
        if not tried:
            got = self.screen([ch])[0]
            if got is not None:
                return got
        self._set(ch)
        try:
            return self.model.solve()
        finally:
            self._set(ch, undo=True)
