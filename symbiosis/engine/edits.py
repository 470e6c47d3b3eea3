"""Where an input of a network sits in a compiled answer, and what setting it to a new value changes there.

An :class:`Edit` names one number of the network (``streams[4].loss``,
``supplies[0].quantity``, a factor row...) and its new value;
:class:`Placement` finds, once per compiled answer and number, where that
number sits (right-hand sides, bounds, named costs, gains, conversion ratios)
and keeps it, so that each further value of the same number costs a few
dictionary entries (:class:`Changes`): a sensitivity sets every input to two
values, and the recorded flows' mirrors set the same rows again and again.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from symbiosis.engine.compiled import BOUNDARY_FACTORS, Compiled
from symbiosis.model import Stream

__all__ = ["Changes", "Edit", "Placement"]

_PATH = re.compile(r"^(\w+)\[(\d+)\](?:\.(.+))?$")
_TABLES = ("factors", "supplies", "demands", "streams", "processes", "capacities")
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


class Changes:
    """What a set of edits changes in one compiled answer (sparse; each against the answer's own numbers):
    ``rhs`` (balance -> delta), ``lower``, ``upper`` (arc -> value), ``conv_upper`` (process -> value),
    ``costs``, ``conv_costs`` (named cost -> arc or process -> delta), ``gain`` (arc -> value), ``ratio``
    ((balance, process) -> value), ``weights`` (the objective's, or None) and ``invalid`` (why the edits
    leave nothing to balance, or "")."""

    __slots__ = ("conv_costs", "conv_upper", "costs", "gain", "invalid", "lower", "ratio", "rhs", "upper", "weights")

    def __init__(self) -> None:
        self.rhs: dict[int, float] = {}
        self.lower: dict[int, float] = {}
        self.upper: dict[int, float] = {}
        self.conv_upper: dict[int, float] = {}
        self.costs: dict[str, dict[int, float]] = {}
        self.conv_costs: dict[str, dict[int, float]] = {}
        self.gain: dict[int, float] = {}
        self.ratio: dict[tuple[int, int], float] = {}
        self.weights: dict | None = None
        self.invalid = ""

    def add_rhs(self, node: int, delta: float) -> None:
        self.rhs[node] = self.rhs.get(node, 0.0) + delta

    def add_cost(self, name: str, arc: int, delta: float) -> None:
        got = self.costs.get(name)
        if got is None:
            got = self.costs[name] = {}
        got[arc] = got.get(arc, 0.0) + delta

    def add_conv_cost(self, name: str, process: int, delta: float) -> None:
        got = self.conv_costs.get(name)
        if got is None:
            got = self.conv_costs[name] = {}
        got[process] = got.get(process, 0.0) + delta

    def empty(self) -> bool:
        """Whether nothing changes at all."""
        return not (self.rhs or self.lower or self.upper or self.conv_upper or self.costs or self.conv_costs
                    or self.gain or self.ratio or self.weights is not None or self.invalid)

    def only_bounds(self) -> bool:
        return not (self.costs or self.conv_costs or self.gain or self.ratio or self.weights is not None)

    def in_balances(self) -> bool:
        """Whether only numbers of the balances change (right-hand sides, bounds, gains, ratios), no costs."""
        return not (self.costs or self.conv_costs or self.weights is not None)

    def only_costs(self) -> bool:
        return not (self.rhs or self.lower or self.upper or self.conv_upper or self.gain or self.ratio
                    or self.weights is not None)


#: What setting one number to a value changes (the changes so far, the value).
Setter = Callable[[Changes, float], None]


class Placement:
    """Where the numbers of ``c``'s network sit in ``c``: :meth:`changes` of a list of edits, each number's
    place found on its first edit and kept."""

    def __init__(self, c: Compiled):
        self.c, self.p = c, c.problem
        self._setters: dict[str, Setter] = {}
        self._factor_setters: dict[tuple, Setter] = {}

    @cached_property
    def node(self) -> dict[tuple, int]:
        nodes = self.c.nodes
        keys = zip(nodes.actor.tolist(), nodes.resource.tolist(), nodes.grade.tolist(), strict=True)
        return {key: i for i, key in enumerate(keys)}

    @cached_property
    def stream_arc(self) -> dict[str, int]:
        return {s: int(a) for s, a in zip(self.c.stream_ids, self.c.stream_arcs, strict=True)}

    @cached_property
    def _stream(self) -> dict[str, Stream]:
        return {s.id: s for s in self.c.network.streams}

    @cached_property
    def _per_km(self) -> dict[str | None, list[tuple[str, float]]]:
        """Per transport mode, each named cost's factor per unit and km."""
        net = self.c.network
        return {mode: [(name, net.factor_value(factor, mode=mode, default=0.0)) for name, factor in _TRANSPORT.items()]
                for mode in {s.mode for s in net.streams}}

    @cached_property
    def _boundary(self) -> tuple[dict, dict, dict, list, list]:
        """The boundary arcs by kind, by kind and resource, by kind, resource and actor; each arc's actor and
        resource."""
        kind = self.c.arcs["kind"].to_numpy()
        actor, res = (self.c.arcs[k].tolist() for k in ("actor", "resource"))
        arcs = {k: np.flatnonzero(kind == k).tolist() for k in ("virgin", "disposal")}
        of: dict[str, dict[str, list[int]]] = {k: {} for k in arcs}
        at: dict[str, dict[tuple, list[int]]] = {k: {} for k in arcs}
        for k, mine in arcs.items():
            for a in mine:
                of[k].setdefault(res[a], []).append(a)
                at[k].setdefault((res[a], actor[a]), []).append(a)
        return arcs, of, at, actor, res

    @cached_property
    def _hauls(self) -> list[tuple[int, float, str]]:
        """The boundary arcs whose route has a haul (its price row's ``haul_km``): (arc, km, mode), by kind."""
        net = self.c.network
        arcs, _, _, arc_actor, arc_res = self._boundary
        out: list[tuple[int, float, str]] = []
        for kind, mine in arcs.items():
            price = BOUNDARY_FACTORS[kind]["cost"]
            for a in mine:
                row = net.factor_row(price, arc_res[a], actor=arc_actor[a])
                if row is not None and row.haul_km:
                    out.append((a, row.haul_km, row.haul_mode))
        return out

    def changes(self, edits) -> Changes:
        """What ``edits`` (made together, in order) change in the compiled answer."""
        ch = Changes()
        setters = self._setters
        for e in edits:
            path = e.path
            put = setters.get(path)
            if put is None:
                if path == "weights":
                    ch.weights = dict(e.value)
                    continue
                if path == "factor":
                    self._factor(e.key)(ch, float(e.value))
                    continue
                put = setters[path] = self._place(path)
            put(ch, float(e.value))
        return ch

    def _place(self, path: str) -> Setter:
        m = _PATH.match(path)
        if m is None or m.group(1) not in _TABLES:
            raise ValueError(f"'{path}' is not a number the sweep can set")
        rest = m.group(3) or ""
        return getattr(self, f"_{m.group(1)}")(int(m.group(2)), "" if rest == "quantity" else rest)

    # -- each table's numbers ----------------------------------------------------------------------
    def _factor(self, key: tuple) -> Setter:
        """The factor row ``key`` (one the table may not have yet): the arcs it prices, each by how much."""
        put = self._factor_setters.get(key)
        if put is None:
            put = self._factor_setters[key] = _costs(self._factor_costs(key))
        return put

    def _factor_costs(self, key: tuple) -> list[tuple[str, int, float, float]]:
        net = self.c.network
        factor, resource, mode, actor = key
        arcs, _, _, arc_actor, arc_res = self._boundary
        out: list[tuple[str, int, float, float]] = []  # (named cost, arc, old value, per unit of the value)
        if factor in _TRANSPORT.values():
            name = "cost" if factor == "transport_cost" else "co2e"
            old_row = net.factor.get(key)
            old = old_row.value if old_row else 0.0
            for sid, a in self.stream_arc.items():
                s = self._stream[sid]
                if s.mode == mode and s.distance_km and not (name == "cost" and s.transport_cost):
                    out.append((name, a, old, s.distance_km))
            out.extend((name, a, old, km) for a, km, by in self._hauls if by == mode)  # the hauls of boundary routes
            return out
        if factor == "carbon_value":
            return out  # a weight, not a cost: the caller gives the weights
        for kind in arcs:
            named = next((n for n, f in BOUNDARY_FACTORS[kind].items() if f == factor), None)
            if named is None:
                continue
            # what prices these arcs now: the company's own row, else the row for every company (else nothing)
            old = net.factor_value(factor, resource, default=0.0, actor=actor)
            for a in self._arcs(kind, resource, actor):
                r, who = arc_res[a], arc_actor[a]
                if r != resource or (actor is not None and actor != who) or (
                        actor is None and (factor, r, None, who) in net.factor):
                    continue  # another row prices this arc
                out.append((named, a, old, 1.0))
        return out

    def _arcs(self, kind: str, resource: str | None, actor: str | None) -> list[int]:
        """The boundary arcs of ``kind`` that a factor row of ``resource`` (for ``actor``, or every actor) can
        price: of this resource (and actor)."""
        _, of, at, _, _ = self._boundary
        if actor is None:
            return of[kind].get(resource, []) if resource is not None else []
        return at[kind].get((resource, actor), [])

    def _factors(self, i: int, rest: str) -> Setter:
        net = self.c.network
        row = net.factors[i]
        if not rest:
            return self._factor(row.key)
        if rest != "haul_km":
            raise ValueError(f"factors[{i}].{rest} cannot be varied")
        kind = next((k for k, named in BOUNDARY_FACTORS.items() if named["cost"] == row.factor), None)
        out: list[tuple[str, int, float, float]] = []
        if kind is not None:
            _, _, _, arc_actor, arc_res = self._boundary
            for a in self._arcs(kind, row.key[1], row.key[3]):
                if net.factor_row(row.factor, arc_res[a], actor=arc_actor[a]) is row:
                    for name, factor in _TRANSPORT.items():
                        out.append((name, a, row.haul_km or 0.0,
                                    net.factor_value(factor, mode=row.haul_mode, default=0.0)))
        return _costs(out)

    def _quantity(self, row, sign: float) -> Setter:
        i = self.node.get((row.actor, row.resource, row.grade if "grade" in type(row).model_fields else None))
        old = row.quantity.value
        if i is None:
            return _nothing

        def put(ch: Changes, value: float) -> None:
            ch.add_rhs(i, sign * (value - old))
        return put

    def _supplies(self, i: int, rest: str) -> Setter:
        return self._quantity(self.c.network.supplies[i], -1.0)

    def _demands(self, i: int, rest: str) -> Setter:
        return self._quantity(self.c.network.demands[i], 1.0)

    def _streams(self, i: int, rest: str) -> Setter:
        s = self.c.network.streams[i]
        a = self.stream_arc.get(s.id)
        if a is None:
            return _nothing
        answer, net = self.c.answer, self.c.network
        if rest in ("observed", "capacity"):
            contract = s.contracted(net.year)
            if rest == "observed":
                both = answer == "observed" or (contract is not None and contract.kind == "fixed")
                if answer == "observed" or (answer == "optimised" and contract is not None
                                            and contract.minimum is None):
                    return _bound(a, lower=True, upper=both)
                return _nothing
            if (answer == "optimised" and not (contract and contract.kind == "fixed")) or (
                    answer == "counterfactual" and s.baseline):
                low = float(self.p.lower[a])
                return lambda ch, value: ch.upper.__setitem__(a, max(value, low))
            return _nothing
        numbers = {k: getattr(s, k) for k in ("loss", "loss_per_km", "substitution_ratio", "distance_km")}
        gain0 = float(self.p.gain[a])
        per_km = [(name, unit) for name, unit in self._per_km[s.mode]
                  if not (name == "cost" and s.transport_cost)] if rest == "distance_km" else []
        km = s.distance_km or 0.0

        def put(ch: Changes, value: float) -> None:
            now = dict(numbers)
            now[rest] = value
            loss = now["loss"] + now["loss_per_km"] * (now["distance_km"] or 0.0)
            if loss >= 1:
                ch.invalid = f"a loss of {loss:.0%} on the way leaves nothing to arrive"
                return
            gain = (1.0 - loss) * now["substitution_ratio"]
            if gain != gain0:
                ch.gain[a] = gain
            for name, unit in per_km:
                ch.add_cost(name, a, unit * (value - km))
        return put

    def _processes(self, j: int, rest: str) -> Setter:
        p = self.c.network.processes[j]
        if rest == "capacity":
            return lambda ch, value: ch.conv_upper.__setitem__(j, max(0.0, value))
        if rest in ("unit_cost", "unit_co2e"):
            name, old = "cost" if rest == "unit_cost" else "co2e", getattr(p, rest)
            return lambda ch, value: ch.add_conv_cost(name, j, value - old)
        side, _, resource = rest.partition(".")
        grade = p.output_grades.get(resource) if side == "outputs" else None
        where = (self.node[(p.actor, resource, grade)], j)
        if side == "outputs":
            return lambda ch, value: ch.ratio.__setitem__(where, value)
        return lambda ch, value: ch.ratio.__setitem__(where, -value)

    def _capacities(self, k: int, rest: str) -> Setter:
        cap = self.c.network.capacities[k]
        node = next(i for (_, r, _), i in self.node.items() if r == f"capacity:{cap.id}")
        old = cap.capacity.value

        def put(ch: Changes, value: float) -> None:
            ch.add_rhs(node, -(value - old))  # rhs = -capacity
        return put


def _nothing(ch: Changes, value: float) -> None:
    """A number this answer does not hold."""


def _costs(entries: list[tuple[str, int, float, float]]) -> Setter:
    """Each (named cost, arc, old value, per unit) moved by (value - old) x per unit."""
    def put(ch: Changes, value: float) -> None:
        for name, a, old, unit in entries:
            ch.add_cost(name, a, (value - old) * unit)
    return put


def _bound(a: int, lower: bool, upper: bool) -> Setter:
    def put(ch: Changes, value: float) -> None:
        if lower:
            ch.lower[a] = value
        if upper:
            ch.upper[a] = value
    return put
