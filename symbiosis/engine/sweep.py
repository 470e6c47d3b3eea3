"""One input of a network at a time, on answers compiled once: the levers of a sensitivity (tornado).

:class:`InputSweep` compiles each answer of a network once, loads it in a
warm :class:`flows.Model` and solves it; :meth:`InputSweep.totals` then sets
a few numbers of the network (an :class:`Edit` each: a factor, a quantity, a
stream's loss, distance or substitution ratio, a process ratio or capacity),
finds where they sit in each compiled answer (right-hand sides, bounds,
named costs, gains, conversion ratios), re-solves from the last basis and
puts the numbers back. Nothing is compiled again. An edit that touches
only the costs of decisions the answer fixes (a recorded stream's transport
in the observed answer) needs no solve at all: the totals move by the cost
change times the fixed flow.

Why so long: one class knows where each kind of input sits in a compiled
answer (a method per kind) and how to set and undo it on the warm model;
split, the halves would share every private index.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

import flows
from symbiosis.engine.compiled import BOUNDARY_FACTORS, Compiled, compile_network
from symbiosis.engine.pieces import LARGEST, pieces, together, touched
from symbiosis.engine.screen import INFEASIBLE, BasisScreen
from symbiosis.engine.solving import Solution, carry_over, infeasible_error, solve_near
from symbiosis.model import Network
from symbiosis.results import Answer

if TYPE_CHECKING:  # the conversion matrix's type (flows.Problem.conversion), for mypy only
    import scipy.sparse as sp

__all__ = ["Edit", "InputSweep", "Unbalanced", "why_unbalanced"]

_PATH = re.compile(r"^(\w+)\[(\d+)\](?:\.(.+))?$")
#: named cost -> the factor of a stream's transport per (unit x km)
_TRANSPORT = {"cost": "transport_cost", "co2e": "transport_co2e"}


@dataclass(frozen=True)
class Edit:
    """One number of the network set to ``value``: where it sits (``path``: ``factors[3]``,
    ``factors[3].haul_km``, ``supplies[0].quantity``, ``demands[2].quantity``, ``streams[4].observed``,
    ``streams[4].capacity``, ``streams[4].loss`` (also ``loss_per_km``, ``substitution_ratio``,
    ``distance_km``), ``processes[1].inputs.electricity``, ``processes[1].outputs.biogas``,
    ``processes[1].capacity``, ``processes[1].unit_cost``, ``processes[1].unit_co2e``,
    ``capacities[0].capacity``), or a factor row by its ``key`` (``path`` ``factor``; a row the table
    does not have yet prices the arcs that would read it), or ``weights`` (``value``: the objective's
    weights, a dict).

    Parameters
    ----------
    path : str
        Where the number sits (above), or ``factor`` for a factor row given by ``key``.
    value : float or dict
        The new value, in the number's own unit (a dict for a whole factor row).
    key : tuple, optional
        The factor row's key, with ``path`` ``factor``.
    """

    path: str
    value: float | dict
    key: tuple | None = None


#: The answer to a change one row of the optimal basis proves nothing can balance (no LP; see
#: :mod:`symbiosis.engine.screen`): what an LP would say, without its flows.
_NOTHING_BALANCES = Solution("infeasible", "no point balances (proved by a row of the optimal basis)",
                             np.empty(0), np.empty(0), np.empty(0), float("nan"), {})


@dataclass
class _Changes:
    """What a set of edits changes in one compiled answer (sparse; each against the answer's own numbers)."""

    rhs: dict = field(default_factory=lambda: defaultdict(float))  # node -> delta
    lower: dict = field(default_factory=dict)  # arc -> value
    upper: dict = field(default_factory=dict)
    conv_upper: dict = field(default_factory=dict)  # process -> value
    costs: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(float)))  # name -> arc -> delta
    conv_costs: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(float)))
    gain: dict = field(default_factory=dict)  # arc -> value
    ratio: dict = field(default_factory=dict)  # (node, process) -> value
    weights: dict | None = None
    invalid: str = ""

    def only_bounds(self) -> bool:
        return not (self.costs or self.conv_costs or self.gain or self.ratio or self.weights is not None)

    def in_balances(self) -> bool:
        """Whether only numbers of the balances change (right-hand sides, bounds, gains, ratios), no costs."""
        return not (self.costs or self.conv_costs or self.weights is not None)

    def only_costs(self) -> bool:
        return not (self.rhs or self.lower or self.upper or self.conv_upper or self.gain or self.ratio
                    or self.weights is not None)


class _Answer:
    """One compiled answer, its warm model, its base solution and where the network's numbers sit in it."""

    def __init__(self, c: Compiled, weights: dict[str, float]):
        self.c, self.p, self.weights = c, c.problem, weights
        net = c.network
        self.model = flows.Model(self.p, weights, warm_start=True)
        self.base = self.model.solve()
        self.node = {(a, r, g): i for i, (a, r, g) in enumerate(zip(c.nodes.actor, c.nodes.resource,
                                                                    c.nodes.grade, strict=True))}
        self.stream_arc = {s: int(a) for s, a in zip(c.stream_ids, c.stream_arcs, strict=True)}
        self.streams = {s.id: s for s in net.streams}
        kind, actor, res = (c.arcs[k].to_numpy() for k in ("kind", "actor", "resource"))
        self.boundary = {k: np.flatnonzero(kind == k) for k in ("virgin", "disposal")}
        self.arc_actor, self.arc_res = actor, res
        self.boundary_of: dict[str, dict[str, list[int]]] = {k: defaultdict(list) for k in self.boundary}
        self.boundary_at: dict[str, dict[tuple, list[int]]] = {k: defaultdict(list) for k in self.boundary}
        for k, arcs in self.boundary.items():
            for a in arcs.tolist():
                self.boundary_of[k][res[a]].append(a)
                self.boundary_at[k][(res[a], actor[a])].append(a)
        self.x = np.concatenate([self.base.flow, self.base.activity]) if self.base.ok else None
        lo, hi = self.p.bounds()
        self.fixed = lo == hi
        self._lu = BasisScreen(self.p, self.model, self.x, weights) if self.x is not None else None  # base.ok
        self._pieces: tuple[np.ndarray, np.ndarray] | None = None
        coo = self.p.conversion.tocoo()
        self.entry = {(int(i), int(j)): float(v) for i, j, v in zip(coo.row, coo.col, coo.data, strict=True)}

    # -- where an edit sits --------------------------------------------------------------------
    def changes(self, edits) -> _Changes:
        ch = _Changes()
        for e in edits:
            if e.path == "weights":
                ch.weights = dict(e.value)
                continue
            if e.path == "factor":
                self._factor(ch, e.key, float(e.value))
                continue
            name, i, rest = _parse(e.path)
            getattr(self, f"_{name}")(ch, i, rest, float(e.value))
        return ch

    def _factor(self, ch: _Changes, key: tuple, value: float) -> None:
        net = self.c.network
        factor, resource, mode, actor = key
        old_row = net.factor.get(key)
        if factor in _TRANSPORT.values():
            name = "cost" if factor == "transport_cost" else "co2e"
            delta = value - (old_row.value if old_row else 0.0)
            for sid, a in self.stream_arc.items():
                s = self.streams[sid]
                if s.mode == mode and s.distance_km and not (name == "cost" and s.transport_cost):
                    ch.costs[name][a] += delta * s.distance_km
            for kind, arcs in self.boundary.items():  # the hauls of boundary routes
                price = BOUNDARY_FACTORS[kind]["cost"]
                for a in arcs.tolist():
                    row = net.factor_row(price, self.arc_res[a], actor=self.arc_actor[a])
                    if row is not None and row.haul_km and row.haul_mode == mode:
                        ch.costs[name][a] += delta * row.haul_km
            return
        if factor == "carbon_value":
            return  # a weight, not a cost: the caller gives the weights
        for kind in self.boundary:
            named = next((n for n, f in BOUNDARY_FACTORS[kind].items() if f == factor), None)
            if named is None:
                continue
            for a in self._arcs(kind, resource, actor):
                r, who = self.arc_res[a], self.arc_actor[a]
                if r != resource or (actor is not None and actor != who) or (
                        actor is None and (factor, r, None, who) in net.factor):
                    continue  # another row prices this arc
                ch.costs[named][a] += value - net.factor_value(factor, r, default=0.0, actor=who)

    def _arcs(self, kind: str, resource: str | None, actor: str | None) -> list[int]:
        """The boundary arcs of ``kind`` that a factor row of ``resource`` (for ``actor``, or every actor) can
        price: of this resource (and actor)."""
        if actor is None:
            return self.boundary_of[kind].get(resource, []) if resource is not None else []
        return self.boundary_at[kind].get((resource, actor), [])

    def _factors(self, ch: _Changes, i: int, rest: str, value: float) -> None:
        net = self.c.network
        row = net.factors[i]
        if not rest:
            return self._factor(ch, row.key, value)
        if rest != "haul_km":
            raise ValueError(f"factors[{i}].{rest} cannot be varied")
        kind = next((k for k, named in BOUNDARY_FACTORS.items() if named["cost"] == row.factor), None)
        if kind is None:
            return
        delta = value - (row.haul_km or 0.0)
        for a in self._arcs(kind, row.key[1], row.key[3]):
            if net.factor_row(row.factor, self.arc_res[a], actor=self.arc_actor[a]) is row:
                for name, factor in _TRANSPORT.items():
                    ch.costs[name][a] += delta * net.factor_value(factor, mode=row.haul_mode, default=0.0)

    def _quantity(self, ch: _Changes, row, value: float, sign: float) -> None:
        grade = getattr(row, "grade", None)
        i = self.node.get((row.actor, row.resource, grade))
        if i is not None:
            ch.rhs[i] += sign * (value - row.quantity.value)

    def _supplies(self, ch: _Changes, i: int, rest: str, value: float) -> None:
        self._quantity(ch, self.c.network.supplies[i], value, -1.0)

    def _demands(self, ch: _Changes, i: int, rest: str, value: float) -> None:
        self._quantity(ch, self.c.network.demands[i], value, 1.0)

    def _streams(self, ch: _Changes, i: int, rest: str, value: float) -> None:
        s = self.c.network.streams[i]
        a = self.stream_arc.get(s.id)
        if a is None:
            return
        answer, net = self.c.answer, self.c.network
        if rest == "observed":
            if answer == "observed":
                ch.lower[a] = ch.upper[a] = value
            elif answer == "optimised" and (k := s.contracted(net.year)) is not None and k.minimum is None:
                ch.lower[a] = value
                if k.kind == "fixed":
                    ch.upper[a] = value
            return
        if rest == "capacity":
            contract = s.contracted(net.year)
            if (answer == "optimised" and not (contract and contract.kind == "fixed")) or (
                    answer == "counterfactual" and s.baseline):
                ch.upper[a] = max(value, self.p.lower[a])
            return
        numbers = {k: getattr(s, k) for k in ("loss", "loss_per_km", "substitution_ratio", "distance_km")}
        numbers[rest] = value
        loss = numbers["loss"] + numbers["loss_per_km"] * (numbers["distance_km"] or 0.0)
        if loss >= 1:
            ch.invalid = f"a loss of {loss:.0%} on the way leaves nothing to arrive"
            return
        gain = (1.0 - loss) * numbers["substitution_ratio"]
        if gain != self.p.gain[a]:
            ch.gain[a] = gain
        if rest == "distance_km":
            for name, factor in _TRANSPORT.items():
                if name == "cost" and s.transport_cost:
                    continue
                per_km = net.factor_value(factor, mode=s.mode, default=0.0)
                ch.costs[name][a] += per_km * (value - (s.distance_km or 0.0))

    def _processes(self, ch: _Changes, j: int, rest: str, value: float) -> None:
        p = self.c.network.processes[j]
        if rest == "capacity":
            ch.conv_upper[j] = max(0.0, value)
        elif rest in ("unit_cost", "unit_co2e"):
            name = "cost" if rest == "unit_cost" else "co2e"
            ch.conv_costs[name][j] += value - getattr(p, rest)
        else:
            side, _, resource = rest.partition(".")
            grade = p.output_grades.get(resource) if side == "outputs" else None
            ch.ratio[(self.node[(p.actor, resource, grade)], j)] = value if side == "outputs" else -value

    def _capacities(self, ch: _Changes, k: int, rest: str, value: float) -> None:
        cap = self.c.network.capacities[k]
        node = next(i for (_, r, _), i in self.node.items() if r == f"capacity:{cap.id}")
        ch.rhs[node] -= value - cap.capacity.value  # rhs = -capacity

    # -- applying them -----------------------------------------------------------------------
    def _set(self, ch: _Changes, undo: bool = False) -> None:
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
            old = np.array([self.entry[k] for k in ch.ratio])
            m.set_coefficients(conversion=(rows, cols, old if undo else np.array(list(ch.ratio.values()))))
        if ch.weights is not None:
            m.set_objective(self.weights if undo else ch.weights)

    def _costs(self, ch: _Changes, name: str) -> tuple[np.ndarray, np.ndarray]:
        arc, conv = self.p.costs[name].copy(), self.p.conv_costs[name].copy()
        for a, d in ch.costs.get(name, {}).items():
            arc[a] += d
        for j, d in ch.conv_costs.get(name, {}).items():
            conv[j] += d
        return arc, conv

    def variant(self, ch: _Changes) -> Compiled:
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

    def screen(self, chs: list[_Changes]) -> list:
        """What needs no LP among ``chs``, all at once: the totals where only costs of fixed decisions change
        or the optimal basis certifies the new optimum, :data:`_NOTHING_BALANCES` where one of its rows
        proves that nothing balances, None for the others (the LP's)."""
        out: list = [None] * len(chs)
        if self.x is None:
            return out
        bounds, costs = [], []
        for i, ch in enumerate(chs):
            if ch.invalid:
                continue
            if ch.only_bounds():
                bounds.append(i)
            elif ch.only_costs():
                out[i] = self._fixed_costs(ch)
                if out[i] is None:
                    costs.append(i)
        if self._lu is None or not self._lu.ok:
            return out
        base = self.base.totals
        for i, got in zip(bounds, self._lu.settle(self.p, [chs[i] for i in bounds], base), strict=True):
            out[i] = _NOTHING_BALANCES if got == INFEASIBLE else got
        for i, got in zip(costs, self._lu.settle_costs(self.p, [chs[i] for i in costs], base), strict=True):
            out[i] = got
        return out

    def _fixed_costs(self, ch: _Changes) -> dict[str, float] | None:
        """The totals where ``ch`` changes only costs of decisions the answer fixes (the fixed flows times the
        new costs), else None."""
        assert self.x is not None  # for the type checker: called where the base solved
        n = self.p.n_arcs
        moved = dict(self.base.totals)
        for name in set(ch.costs) | set(ch.conv_costs):
            delta = [(a, d) for a, d in ch.costs.get(name, {}).items()] + \
                [(n + j, d) for j, d in ch.conv_costs.get(name, {}).items()]
            if not all(self.fixed[t] for t, _ in delta):
                return None
            moved[name] += sum(d * float(self.x[t]) for t, d in delta)
        return moved

    def batch(self, chs: list[_Changes], screened: list) -> list:
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
            merged = _Changes()
            for i in ends:
                for r, d in chs[i].rhs.items():
                    merged.rhs[r] += d
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

    def solve(self, ch: _Changes, screened: dict[str, float] | Solution | None = None,
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


class InputSweep:
    """The answers of ``net`` compiled once each, solved warm, and re-solved with a few numbers changed.

    Parameters
    ----------
    net : Network
        The network, in its own year.
    weights : dict
        What each answer minimises (weights over named costs).
    answers : tuple of str
        The answers to keep (``observed``, ``counterfactual``, ``optimised``); the optimised one is, like
        an evaluation's, the optimum nearest the observed flows.

    Raises
    ------
    SymbiosisError
        If an answer of the network itself cannot balance.
    """

    def __init__(self, net: Network, weights: dict[str, float], answers: tuple[Answer, ...]):
        self.weights = dict(weights)
        self.compiles = 0
        self._answers: dict[str, _Answer] = {}
        for answer in answers:
            c = compile_network(net, answer)
            self.compiles += 1
            a = _Answer(c, self.weights)
            if not a.base.ok:
                raise infeasible_error(c)
            self._answers[answer] = a

    def activity(self, answer: str) -> dict[str, float]:
        """Each process's activity in ``answer`` as solved (process id -> units of activity per year).

        Parameters
        ----------
        answer : str
            ``observed``, ``counterfactual`` or ``optimised``.

        Returns
        -------
        dict of str to float
            Process id to units of activity per year.
        """
        a = self._answers[answer]
        return dict(zip(a.c.process_ids, a.base.activity.tolist(), strict=True))

    @property
    def answers(self) -> tuple[str, ...]:
        """The answers kept, in order."""
        return tuple(self._answers)

    def totals(self, edits: list[Edit]) -> dict[str, dict[str, float]] | Unbalanced:
        """Per answer, the totals of every named cost with ``edits`` made; or the :class:`Unbalanced` answer
        (its :meth:`~Unbalanced.reason` says why, on demand).

        Parameters
        ----------
        edits : list of Edit
            The numbers changed.

        Returns
        -------
        dict of str to dict of str to float, or Unbalanced
            Per answer, per named cost, its total (DKK/yr, t/yr, m3/yr); or the answer that cannot balance.
        """
        return self.totals_many([edits])[0]

    def totals_many(self, ends: list[list[Edit]]) -> list[dict[str, dict[str, float]] | Unbalanced]:
        """:meth:`totals` of each list of edits in ``ends``, each alone (the same answers, in the same order
        of LPs): the ends the optimal bases certify are screened together first.

        Parameters
        ----------
        ends : list of list of Edit
            The edits of each end, made together for that end only.

        Returns
        -------
        list
            Per end, as :meth:`totals`: per answer the totals of every named cost, or the
            :class:`Unbalanced` answer.
        """
        changes = {answer: [a.changes(edits) for edits in ends] for answer, a in self._answers.items()}
        screened = {answer: (a.batch(changes[answer], a.screen(changes[answer])) if answer != "optimised"
                             else a.screen(changes[answer]))  # the pieces' optimum need not be the nearest one
                    for answer, a in self._answers.items()}
        return [self._totals({answer: chs[i] for answer, chs in changes.items()},
                             {answer: got[i] for answer, got in screened.items()}) for i in range(len(ends))]

    def _totals(self, changes: dict[str, _Changes], screened: dict[str, dict[str, float] | None]):
        out: dict[str, dict[str, float]] = {}
        sols: dict[str, Solution] = {}
        for answer, a in self._answers.items():
            ch = changes[answer]
            if ch.invalid:
                return Unbalanced(answer, None, None, ch.invalid)
            if answer == "optimised":
                obs = self._answers.get("observed")
                got = self._near(a, ch, screened[answer], obs, sols.get("observed"))
            else:
                got = a.solve(ch, screened[answer], tried=True)
            if isinstance(got, dict):
                out[answer] = got
                continue
            if not got.ok:
                return Unbalanced(answer, lambda a=a, ch=ch: a.variant(ch), got)
            sols[answer], out[answer] = got, dict(got.totals)
        return out

    def _near(self, a: _Answer, ch: _Changes, screened, obs: _Answer | None, obs_sol: Solution | None):
        got = a.solve(ch, screened, tried=True)
        if isinstance(got, dict) or not got.ok or obs is None:
            return got
        variant = a.variant(ch)
        sol = obs_sol if obs_sol is not None else obs.base
        return solve_near(variant, a.weights if ch.weights is None else ch.weights,
                          carry_over(obs.c, sol, variant))


@dataclass(eq=False)
class Unbalanced:
    """An answer that cannot balance with the edits made: ``answer``, and :meth:`reason` (a diagnosis: one
    or two more LPs, so asked for only where it is shown)."""

    answer: str
    variant: Callable[..., Compiled] | None  # the compiled answer with the edits made (built only when asked)
    solution: Solution | None
    said: str = ""

    def reason(self) -> str:
        """The first thing that cannot balance, in one clause (:func:`why_unbalanced`)."""
        if not self.said:
            assert self.variant is not None and self.solution is not None  # given wherever ``said`` is not
            self.said = why_unbalanced(self.variant(), self.solution)
        return self.said

    def __str__(self) -> str:
        return self.said or f"the {self.answer} flows cannot balance"


def why_unbalanced(c: Compiled, sol: Solution) -> str:
    """The first thing that cannot balance, in one clause (the full diagnosis is `symbiosis validate`'s)."""
    if sol.status != "infeasible":
        return f"the solver stopped ({sol.status})"
    problems = infeasible_error(c).problems
    if not problems:
        return f"the {c.answer} flows cannot balance"
    message = problems[0].message
    limit = message[message.index(" (or change"):] if " (or change" in message else ""
    return f"{c.answer} flows: " + message.split(";")[0].split(" (or change")[0] + limit


def _parse(path: str) -> tuple[str, int, str]:
    m = _PATH.match(path)
    if m is None or m.group(1) not in ("factors", "supplies", "demands", "streams", "processes", "capacities"):
        raise ValueError(f"'{path}' is not a number the sweep can set")
    rest = m.group(3) or ""
    return m.group(1), int(m.group(2)), "" if rest == "quantity" else rest
