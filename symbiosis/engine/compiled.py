"""A network compiled into a :class:`flows.Problem`, with labelled access to its arrays.

Nodes are (actor, resource) balances: demand - supply = what arrives by
stream (x substitution ratio x (1 - loss)) + process outputs + virgin
purchases - what leaves by stream - process inputs - disposal. A graded
supply or process output (``Supply.grade``, ``Process.output_grades``) is a
balance of its own, (actor, resource, grade), that only streams naming the
grade and disposal draw on.

Named costs on every arc and process (per unit, per year), see
:data:`symbiosis.results.NAMED_COSTS`: stream arcs carry their transport
cost and CO2e; virgin-purchase and disposal arcs the factor table's values
(:data:`BOUNDARY_FACTORS`), and their tonnes of material mass; processes their
operating cost and CO2e.

Nothing outside :mod:`symbiosis.engine` reads positions in these arrays: the
:class:`Compiled` methods name arcs by kind and reference and nodes by
(actor, resource, grade).

Why so long: the numpydoc sections of :class:`Compiled` and the public functions (about 180 lines of
docstrings); the code is under 300.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cached_property

import numpy as np
import pandas as pd
import scipy.sparse as sp

import flows
from symbiosis.errors import bad_parameter
from symbiosis.model import Network, Stream
from symbiosis.results import ANSWERS, NAMED_COSTS, Answer

__all__ = ["BOUNDARY_FACTORS", "Compiled", "compile_answers", "compile_network", "haul", "transport"]

#: Which factor of the factor table prices which named cost of a boundary arc, per arc kind.
BOUNDARY_FACTORS: dict[str, dict[str, str]] = {
    "virgin": {"cost": "virgin_price", "co2e": "virgin_co2e", "groundwater": "groundwater"},
    "disposal": {"cost": "disposal_cost", "co2e": "disposal_co2e"},
}
#: The named cost counting tonnes of material mass on each kind of boundary arc.
_MASS_COST = {"virgin": "virgin_material", "disposal": "disposed"}


@dataclass(frozen=True, eq=False)
class Compiled:
    """A flows problem for one answer of a network, and the names behind its indices.

    ``nodes`` has one row per balance (``actor``, ``resource``, ``unit``,
    ``supply``, ``demand``, ``grade``); ``arcs`` one row per arc (``kind``:
    ``stream``, ``virgin`` or ``disposal``; ``ref``: the stream id or ``""``;
    ``actor``: the supplier, buyer or disposer; ``receiver``: a stream's
    receiver or ``""``; ``resource``; ``node``: the balance it leaves or
    feeds; ``grade``). Stream arcs come first, in the order of
    :meth:`Network.streams_in_year` (then candidates, when compiled with them).

    Parameters
    ----------
    network : Network
        The network compiled.
    answer : Answer
        The answer compiled: ``observed``, ``counterfactual`` or ``optimised``.
    problem : flows.Problem
        The flow problem.
    nodes : pandas.DataFrame
        One row per balance (columns above).
    arcs : pandas.DataFrame
        One row per arc (columns above).
    process_ids : list of str
        The processes' ids, in the order of the problem's conversion columns.
    """

    network: Network
    answer: Answer
    problem: flows.Problem
    nodes: pd.DataFrame
    arcs: pd.DataFrame
    process_ids: list[str]

    # -- labelled access ---------------------------------------------------------------
    @cached_property
    def stream_arcs(self) -> np.ndarray:
        """Indices of the stream arcs, in stream order."""
        return np.flatnonzero(self.arcs.kind.to_numpy() == "stream")

    @cached_property
    def stream_ids(self) -> list[str]:
        """The stream ids, in the order of :attr:`stream_arcs`."""
        return [str(x) for x in self.arcs.ref.to_numpy()[self.stream_arcs]]

    def arc_of(self, stream: str | None) -> int | None:
        """The arc of stream ``stream`` (None if it is not compiled).

        Parameters
        ----------
        stream : str
            The stream's id.

        Returns
        -------
        int or None
            The arc's index, None if the stream is not compiled.
        """
        hit = np.flatnonzero((self.arcs.kind.to_numpy() == "stream") & (self.arcs.ref.to_numpy() == stream))
        return int(hit[0]) if hit.size else None

    def boundary_arcs(self, kind: str, resource: str | None) -> np.ndarray:
        """Indices of the ``virgin`` or ``disposal`` arcs of ``resource``.

        Parameters
        ----------
        kind : str
            ``virgin`` or ``disposal``.
        resource : str
            The resource's id.

        Returns
        -------
        numpy.ndarray
            The arcs' indices (int).
        """
        return np.flatnonzero((self.arcs.kind.to_numpy() == kind) & (self.arcs.resource.to_numpy() == resource))

    def node_of(self, actor: str | None, resource: str | None) -> int | None:
        """The first balance of (``actor``, ``resource``), any grade (None if there is none).

        Parameters
        ----------
        actor : str
            The actor's id.
        resource : str
            The resource's id.

        Returns
        -------
        int or None
            The balance's index, None if there is none.
        """
        hit = np.flatnonzero((self.nodes.actor.to_numpy() == actor) & (self.nodes.resource.to_numpy() == resource))
        return int(hit[0]) if hit.size else None

    @cached_property
    def variables(self) -> pd.DataFrame:
        """One row per decision: every arc, then every process (see :class:`symbiosis.results.Result`)."""
        m = len(self.process_ids)
        procs = {"kind": ["process"] * m, "ref": self.process_ids, "actor": [p.actor for p in self.network.processes],
                 "receiver": [""] * m, "resource": [""] * m, "grade": [None] * m}
        return pd.DataFrame({k: np.concatenate([self.arcs[k].to_numpy(dtype=object), np.array(v, dtype=object)])
                             for k, v in procs.items()})

    def unit_costs(self) -> dict[str, np.ndarray]:
        """Per named cost, the value per unit of every row of :attr:`variables`.

        Returns
        -------
        dict of str to numpy.ndarray
            Per named cost, the value per unit of each variable (DKK, t CO2e, m3... per unit).
        """
        p = self.problem
        return {name: np.concatenate([p.costs[name], p.conv_costs[name]]) for name in NAMED_COSTS}

    def recosted(self, net: Network) -> Compiled:
        """A copy with every arc's named costs read from ``net``'s factor table (the same network under another
        accounting convention, say): the same structure, bounds and process costs, no recompiling. Only the
        arcs of resources whose factor rows differ are priced again (all of them if a transport row does).

        Parameters
        ----------
        net : Network
            The same network with another factor table.

        Returns
        -------
        Compiled
            The copy, priced from ``net``.
        """
        if net is self.network:
            return self
        old = {f.key: f for f in self.network.factors}
        new = {f.key: f for f in net.factors}
        changed = {k for k in old.keys() | new.keys() if old.get(k) != new.get(k)}
        if not changed:
            return replace(self, network=net)
        kind = self.arcs.kind.to_numpy()
        resource = self.arcs.resource.to_numpy()
        every = any(k[1] is None for k in changed)  # a transport factor: every stream and haul
        touched = {k[1] for k in changed if k[1] is not None}  # the resources named (None: ``every``)
        costs = {name: v.copy() for name, v in self.problem.costs.items()}
        if every:
            by_id = {s.id: s for s in net.streams}
            at = np.flatnonzero(kind == "stream")
            streams = [by_id[r] for r in self.arcs.ref.to_numpy()[at]]
            for name in NAMED_COSTS:
                costs[name][at] = _stream_costs(net, streams, name)
        for k in BOUNDARY_FACTORS:
            at = np.flatnonzero((kind == k) & (every | np.isin(resource, list(touched))))
            ends = list(zip(self.arcs.actor.to_numpy()[at], resource[at], strict=True))
            for name in NAMED_COSTS:
                costs[name][at] = _boundary_costs(net, k, ends, name)
        return replace(self, network=net, problem=replace(self.problem, costs=costs))

    def with_arrays(self, **arrays) -> Compiled:
        """A copy whose problem has new ``rhs``, ``upper`` or ``costs`` arrays (same shape; no recompiling).

        Parameters
        ----------
        **arrays : numpy.ndarray or dict
            ``rhs`` (per balance), ``upper`` (per arc) or ``costs`` (per named cost, per arc).

        Returns
        -------
        Compiled
            The copy with the new arrays.
        """
        return replace(self, problem=replace(self.problem, **arrays))


def compile_network(net: Network, answer: Answer = "optimised", candidates: bool = False) -> Compiled:
    """The flows problem whose optimum is the ``answer`` for ``net``.

    Parameters
    ----------
    net : Network
        The network, for its own year.
    answer : {"observed", "counterfactual", "optimised"}
        ``observed`` fixes every running stream to its recorded flow (0 where
        none is recorded), ``counterfactual`` closes every stream but the
        ``baseline`` ones (residuals take their routes, needs their next-best
        source), ``optimised`` lets each running stream carry anything up to
        its capacity, within its contract (see :func:`_stream_bounds`).
    candidates : bool
        Candidate streams are left out by default: they are a design question
        (new links need investment). ``True`` appends them, open up to their
        capacity, after the running streams (see :mod:`symbiosis.planning.design`).

    Returns
    -------
    Compiled
        The problem and the names of its balances and arcs.

    Raises
    ------
    SymbiosisError
        For an ``answer`` that is not one of the three.
    """
    if answer not in ANSWERS:
        raise bad_parameter("answer", f"'{answer}' is not an answer; valid: {', '.join(ANSWERS)}")
    streams = net.streams_in_year()
    if candidates:
        streams = streams + [s for s in net.streams if s.status == "candidate"]
    g = _Balances(net, streams)
    n, caps = len(g.keys), list(net.capacities)
    k_s, k_v, k_d, k_c = len(streams), g.virgin.size, g.disposal.size, len(caps)
    cap_nodes = np.arange(n, n + k_c)
    owner = {p.id: p.actor for p in net.processes}
    cap_actor = [owner[next(iter(c.processes))] for c in caps]
    lo, hi = _stream_bounds(net, streams, answer)
    boundary = {kind: list(zip(g.actor[at].tolist(), g.resource[at].tolist(), strict=True))
                for kind, at in (("virgin", g.virgin), ("disposal", g.disposal))}
    costs = _arc_costs(net, streams, boundary, k_c)
    conversion, conv_costs = _processes(net, g.keys, cap_nodes, caps, n + k_c)
    cap_values = np.array([c.capacity.value for c in caps])
    problem = flows.Problem(
        n_nodes=n + k_c, tail=np.concatenate([g.tail, np.full(k_v, flows.BOUNDARY), g.disposal, cap_nodes]),
        head=np.concatenate([g.head, g.virgin, np.full(k_d + k_c, flows.BOUNDARY)]),
        rhs=np.concatenate([g.demand - g.supply, -cap_values]),
        gain=np.concatenate([[s.gain for s in streams], np.ones(k_v + k_d + k_c)]),
        lower=np.concatenate([lo, np.zeros(k_v + k_d + k_c)]),
        upper=np.concatenate([hi, np.full(k_v + k_d + k_c, np.inf)]),
        costs=costs, conversion=conversion,
        conv_upper=np.array([p.capacity.value for p in net.processes]),
        conv_costs=conv_costs,
    )
    nodes = pd.DataFrame({"actor": [*g.actor, *cap_actor],
                          "resource": [*g.resource, *(f"capacity:{c.id}" for c in caps)],
                          "unit": [net.resource[r].unit for r in g.resource] + [c.unit for c in caps],
                          "supply": np.concatenate([g.supply, cap_values]),
                          "demand": np.concatenate([g.demand, np.zeros(k_c)]),
                          "grade": _grades([k[2] for k in g.keys] + [None] * k_c)})
    arcs = pd.DataFrame({
        "kind": ["stream"] * k_s + ["virgin"] * k_v + ["disposal"] * k_d + ["unused capacity"] * k_c,
        "ref": [s.id for s in streams] + [""] * (k_v + k_d) + [c.id for c in caps],
        "actor": [s.supplier for s in streams] + [*g.actor[g.virgin], *g.actor[g.disposal], *cap_actor],
        "receiver": [s.receiver for s in streams] + [""] * (k_v + k_d + k_c),
        "resource": [s.resource for s in streams] + [*g.resource[g.virgin], *g.resource[g.disposal]]
        + [f"capacity:{c.id}" for c in caps],
        "node": np.concatenate([g.tail, g.virgin, g.disposal, cap_nodes]).astype(np.int64),
    })
    arcs["grade"] = _grades(nodes.grade.to_numpy()[arcs.node.to_numpy()])  # of the balance it leaves or feeds
    return Compiled(net, answer, problem, nodes, arcs, [p.id for p in net.processes])


class _Balances:
    """The balances (nodes) of a network's problem, numbered in a fixed order (supplies, demands, process
    inputs and outputs, then what the streams name), with their supply and demand, each stream's tail and
    head, and the balances that buy virgin (a need or a process input, and a ``virgin_price`` row) or dispose
    (a supply or a process output, and a ``disposal_cost`` row: a residual leaves by a real route only).

    A graded supply or process output is a balance of its own, (actor, resource, grade): a stream draws on the
    grade it names, and validation lets it run only to receivers that accept that grade."""

    def __init__(self, net: Network, streams: list[Stream]) -> None:
        supply = _by_node((s.actor, s.resource, s.grade, s.quantity.value) for s in net.supplies)
        demand = _by_node((d.actor, d.resource, None, d.quantity.value) for d in net.demands)
        keys: dict[tuple[str, str, str | None], int] = {}
        for k in (*supply, *demand):
            keys.setdefault(k, len(keys))
        inputs = [(p.actor, r, None) for p in net.processes for r in p.inputs]
        outputs = [(p.actor, r, p.output_grades.get(r)) for p in net.processes for r in p.outputs]
        for p in net.processes:
            for r in p.inputs:
                keys.setdefault((p.actor, r, None), len(keys))
            for r in p.outputs:
                keys.setdefault((p.actor, r, p.output_grades.get(r)), len(keys))
        self.tail = np.array([keys.setdefault((s.supplier, s.resource, s.grade), len(keys)) for s in streams] + [0],
                             dtype=np.int64)[:-1]  # (+ [0]: an int array when there are no streams)
        self.head = np.array([keys.setdefault((s.receiver, s.target_resource, None), len(keys)) for s in streams]
                             + [0], dtype=np.int64)[:-1]
        self.keys = keys
        self.actor = np.array([k[0] for k in keys] + [None], dtype=object)[:-1]
        self.resource = np.array([k[1] for k in keys] + [None], dtype=object)[:-1]
        self.supply = np.array([supply.get(k, 0.0) for k in keys], dtype=float)
        self.demand = np.array([demand.get(k, 0.0) for k in keys], dtype=float)
        takes, gives = np.zeros(len(keys), bool), np.zeros(len(keys), bool)
        takes[[keys[k] for k in inputs]] = True
        gives[[keys[k] for k in outputs]] = True
        self.virgin = np.flatnonzero(((self.demand > 0) | takes) & _has_row(net, "virgin_price", self.actor,
                                                                             self.resource))
        self.disposal = np.flatnonzero(((self.supply > 0) | gives) & _has_row(net, "disposal_cost", self.actor,
                                                                              self.resource))


def _has_row(net: Network, factor: str, actors: np.ndarray, resources: np.ndarray) -> np.ndarray:
    """Per (actor, resource): whether the factor table has a ``factor`` row for it (its own or every actor's)."""
    table = net.factor
    every = {r for (f, r, m, a) in table if f == factor and m is None and a is None and r is not None}
    own = {(a, r) for (f, r, m, a) in table if f == factor and m is None and a is not None}
    out = np.isin(resources, list(every)) if every else np.zeros(resources.size, bool)
    if own:
        out |= np.array([(a, r) in own for a, r in zip(actors, resources, strict=True)] + [False], bool)[:-1]
    return out


def _arc_costs(net: Network, streams: list[Stream], boundary: dict[str, list[tuple[str, str]]], k_c: int
               ) -> dict[str, np.ndarray]:
    """Per named cost, per arc: the streams' transport, the boundary arcs' factor values and hauls, and nothing
    on the unused-capacity arcs."""
    rows: dict[tuple[str, str], list] = {}
    return {name: np.concatenate([_stream_costs(net, streams, name)]
                                 + [_boundary_costs(net, kind, ends, name, rows) for kind, ends in boundary.items()]
                                 + [np.zeros(k_c)])
            for name in NAMED_COSTS}


def _processes(net: Network, keys: dict, cap_nodes: np.ndarray, caps: list, n_all: int
               ) -> tuple[sp.csr_matrix, dict[str, np.ndarray]]:
    """The conversion matrix (a column per process: its inputs' ratios negative, its outputs' positive, its
    use of each joint capacity negative) and the processes' named costs (operating cost and CO2e)."""
    rows, cols, vals = [], [], []
    index = {p.id: j for j, p in enumerate(net.processes)}
    for j, p in enumerate(net.processes):
        for r, ratio in p.inputs.items():
            rows.append(keys[(p.actor, r, None)])
            cols.append(j)
            vals.append(-ratio)
        for r, ratio in p.outputs.items():
            rows.append(keys[(p.actor, r, p.output_grades.get(r))])
            cols.append(j)
            vals.append(ratio)
    for node_i, c in zip(cap_nodes.tolist(), caps, strict=True):
        for pid, use in c.processes.items():
            rows.append(node_i)
            cols.append(index[pid])
            vals.append(-use)
    m = len(net.processes)
    conv_costs = {name: np.zeros(m) for name in NAMED_COSTS}
    conv_costs["cost"] = np.array([p.unit_cost for p in net.processes])  # operating cost, economics included
    conv_costs["co2e"] = np.array([p.unit_co2e for p in net.processes])  # leaks included
    return sp.csr_matrix((vals, (rows, cols)), shape=(n_all, m)), conv_costs


def compile_answers(net: Network) -> dict[Answer, Compiled]:
    """Every answer of ``net`` (observed, counterfactual, optimised), compiled once: they differ only in
    their streams' bounds (:func:`_stream_bounds`), so the others are the optimised answer with those
    bounds (new arrays; the same as :func:`compile_network` per answer, a test holds them equal)."""
    base = compile_network(net, "optimised")
    streams = net.streams_in_year()
    st = base.stream_arcs
    out: dict[Answer, Compiled] = {}
    for answer in ANSWERS:
        if answer == "optimised":
            out[answer] = base
            continue
        lo, hi = _stream_bounds(net, streams, answer)
        lower, upper = base.problem.lower.copy(), base.problem.upper.copy()
        lower[st], upper[st] = lo, hi
        out[answer] = replace(base, answer=answer, problem=replace(base.problem, lower=lower, upper=upper))
    return out


def _stream_bounds(net: Network, streams: list[Stream], answer: Answer) -> tuple[np.ndarray, np.ndarray]:
    """Lower and upper flow of each stream in ``answer``.

    ``observed``: the recorded flow (0 where none). ``counterfactual``: closed,
    but a ``baseline`` stream (one that exists without the symbiosis, such as
    the public sewer) stays open from 0 to its capacity, as it would be without
    the symbiosis. ``optimised``: 0 to capacity,
    but a contract binding in the network's year holds it: ``fixed`` at its
    minimum (default the recorded flow), ``take_or_pay`` at least that.
    """
    observed = np.array([s.observed.value if s.observed else 0.0 for s in streams])
    if answer == "observed":
        return observed, observed.copy()
    lo = np.zeros(len(streams))
    hi = np.array([s.capacity.value if s.capacity else np.inf for s in streams])
    if answer == "counterfactual":
        return lo, np.where([s.baseline for s in streams], hi, 0.0)
    for i, s in enumerate(streams):
        k = s.contracted(net.year)
        if k is None:
            continue
        least = k.minimum.value if k.minimum is not None else observed[i]
        lo[i] = least
        if k.kind == "fixed":
            hi[i] = least
    return lo, hi


def _stream_costs(net: Network, streams: list[Stream], name: str) -> np.ndarray:
    """Per unit sent on each stream: its transport cost (DKK) or CO2e (t); nothing else (see :func:`transport`,
    here for every stream at once: the factor table read once per mode)."""
    factor = {"cost": "transport_cost", "co2e": "transport_co2e"}.get(name)
    if factor is None:
        return np.zeros(len(streams))
    per_km = {m: net.factor_value(factor, mode=m) for m in {s.mode for s in streams}}
    rate = np.array([np.nan if per_km[s.mode] is None else per_km[s.mode] for s in streams], dtype=float)
    km = np.array([np.nan if s.distance_km is None else s.distance_km for s in streams], dtype=float)
    out = np.where(np.isnan(rate) | np.isnan(km), 0.0, rate * km)
    if factor == "transport_cost":  # an explicit transport_cost on the stream wins
        own = np.array([s.transport_cost for s in streams], dtype=float)
        out = np.where(own != 0, own, out)
    return out


def _boundary_costs(net: Network, kind: str, ends: list[tuple[str, str]], name: str,
                    rows: dict[tuple[str, str], list] | None = None) -> np.ndarray:
    """Per unit bought virgin or disposed of at each (actor, resource): the factor table's value plus the
    haul to the disposal site or from the virgin supplier (transport at both ends), or tonnes of material.
    ``rows``: the factor rows of ``ends`` already looked up, by (kind, factor); filled here."""
    rows = {} if rows is None else rows
    if name == _MASS_COST[kind]:
        tonnes = {r: net.resource[r].tonnes_per_unit or 0.0 for r in {r for _, r in ends}}
        return np.array([tonnes[r] for _, r in ends], dtype=float)
    factor = BOUNDARY_FACTORS[kind].get(name)
    if factor is None:
        return np.zeros(len(ends))
    for f in {factor, BOUNDARY_FACTORS[kind]["cost"]} - {k[1] for k in rows if k[0] == kind}:
        rows[(kind, f)] = _rows(net, f, ends)
    values = np.array([0.0 if row is None else row.value for row in rows[(kind, factor)]], dtype=float)
    if name in ("cost", "co2e"):
        values += np.array([haul(net, row, name) for row in rows[(kind, BOUNDARY_FACTORS[kind]["cost"])]],
                           dtype=float)
    return values


def _rows(net: Network, factor: str, ends: list[tuple[str, str]]) -> list:
    """The ``factor`` row of each (actor, resource) (:meth:`Network.factor_row`, without a call per end)."""
    table = net.factor
    return [table.get((factor, r, None, a), table.get((factor, r, None, None))) for a, r in ends]


def haul(net: Network, row, name: str) -> float:
    """Per-unit transport cost (DKK) or CO2e (t) of a boundary route's haul: ``haul_km`` x the factor
    table's transport factor of its ``haul_mode`` (0 where no haul is given)."""
    if row is None or not row.haul_km:
        return 0.0
    per_km = net.factor_value("transport_cost" if name == "cost" else "transport_co2e", mode=row.haul_mode)
    return 0.0 if per_km is None else per_km * row.haul_km


def transport(net: Network, stream: Stream, factor: str) -> float:
    """Per-unit transport cost (DKK) or CO2e (t) of a stream.

    An explicit ``transport_cost`` on the stream wins; otherwise distance x
    the factor table's per-(unit x km) value for the stream's mode.

    Parameters
    ----------
    net : Network
        The network.
    stream : Stream
        The stream.
    factor : str
        ``transport_cost`` or ``transport_co2e``.

    Returns
    -------
    float
        Per unit sent: DKK (cost) or t CO2e.
    """
    if factor == "transport_cost" and stream.transport_cost:
        return stream.transport_cost
    per_km = net.factor_value(factor, mode=stream.mode)
    if per_km is None or stream.distance_km is None:
        return 0.0
    return per_km * stream.distance_km


def _grades(values) -> pd.Series:
    """Grades as an object column: a name, or None where ungraded (never NaN)."""
    return pd.Series([g if isinstance(g, str) and g else None for g in values], dtype=object)


def _by_node(rows) -> dict[tuple[str, str, str | None], float]:
    out: dict[tuple[str, str, str | None], float] = {}
    for actor, resource, grade, value in rows:
        out[(actor, resource, grade)] = out.get((actor, resource, grade), 0.0) + value
    return out
