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
        touched = {k[1] for k in changed}
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
    # a graded supply or process output is a balance of its own, (actor, resource, grade): a stream draws on
    # the grade it names, and validation lets it run only to receivers that accept that grade
    supply = _by_node((s.actor, s.resource, s.grade, s.quantity.value) for s in net.supplies)
    demand = _by_node((d.actor, d.resource, None, d.quantity.value) for d in net.demands)

    keys: dict[tuple[str, str, str | None], int] = {}

    def node(actor: str, resource: str, grade: str | None = None) -> int:
        return keys.setdefault((actor, resource, grade), len(keys))

    for a, r, g in list(supply) + list(demand):
        node(a, r, g)
    for p in net.processes:
        for r in p.inputs:
            node(p.actor, r)
        for r in p.outputs:
            node(p.actor, r, p.output_grades.get(r))
    tail = [node(s.supplier, s.resource, s.grade) for s in streams]
    head = [node(s.receiver, s.target_resource) for s in streams]

    n = len(keys)
    node_actor = [k[0] for k in keys]
    node_res = [k[1] for k in keys]
    sup = np.array([supply.get(k, 0.0) for k in keys])
    dem = np.array([demand.get(k, 0.0) for k in keys])
    has_input = np.zeros(n, bool)
    has_output = np.zeros(n, bool)
    for p in net.processes:
        has_input[[keys[(p.actor, r, None)] for r in p.inputs]] = True
        has_output[[keys[(p.actor, r, p.output_grades.get(r))] for r in p.outputs]] = True

    fv = net.factor_value
    res = net.resource
    virgin_nodes = [i for i in range(n) if (dem[i] > 0 or has_input[i])
                    and fv("virgin_price", node_res[i], actor=node_actor[i]) is not None]
    # a residual leaves by a real route only: where the factor table names one (a disposal_cost row, for
    # every actor or for this one)
    disposal_nodes = [i for i in range(n) if (sup[i] > 0 or has_output[i])
                      and fv("disposal_cost", node_res[i], actor=node_actor[i]) is not None]

    # -- stream arcs ----------------------------------------------------
    gain = [s.gain for s in streams]
    lo, hi = _stream_bounds(net, streams, answer)

    # -- boundary arcs: virgin purchases and disposal -------------------
    boundary = {"virgin": [(node_actor[i], node_res[i]) for i in virgin_nodes],
                "disposal": [(node_actor[i], node_res[i]) for i in disposal_nodes]}
    k_s, k_v, k_d = len(streams), len(virgin_nodes), len(disposal_nodes)

    # -- joint capacities: a node each, fed by the capacity, drawn on by its processes; unused capacity leaves
    caps = list(net.capacities)
    cap_nodes = list(range(n, n + len(caps)))
    k_c = len(caps)
    owner = {p.id: p.actor for p in net.processes}
    cap_actor = [owner[next(iter(c.processes))] for c in caps]

    tails = np.array(tail + [flows.BOUNDARY] * k_v + disposal_nodes + cap_nodes, dtype=np.int64)
    heads = np.array(head + virgin_nodes + [flows.BOUNDARY] * (k_d + k_c), dtype=np.int64)
    costs = {name: np.concatenate([_stream_costs(net, streams, name)]
                                  + [_boundary_costs(net, kind, rs, name) for kind, rs in boundary.items()]
                                  + [np.zeros(k_c)])
             for name in NAMED_COSTS}

    # -- processes --------------------------------------------------------
    rows, cols, vals = [], [], []
    index = {p.id: j for j, p in enumerate(net.processes)}
    for j, p in enumerate(net.processes):
        for r, ratio in p.inputs.items():
            rows.append(keys[(p.actor, r, None)]), cols.append(j), vals.append(-ratio)
        for r, ratio in p.outputs.items():
            rows.append(keys[(p.actor, r, p.output_grades.get(r))]), cols.append(j), vals.append(ratio)
    for node_i, c in zip(cap_nodes, caps, strict=True):
        for pid, use in c.processes.items():
            rows.append(node_i), cols.append(index[pid]), vals.append(-use)
    m = len(net.processes)
    n_all = n + k_c
    conversion = sp.csr_matrix((vals, (rows, cols)), shape=(n_all, m))
    conv_costs = {name: np.zeros(m) for name in NAMED_COSTS}
    conv_costs["cost"] = np.array([p.unit_cost for p in net.processes])  # operating cost, economics included
    conv_costs["co2e"] = np.array([p.unit_co2e for p in net.processes])  # leaks included

    cap_values = np.array([c.capacity.value for c in caps])
    problem = flows.Problem(
        n_nodes=n_all, tail=tails, head=heads, rhs=np.concatenate([dem - sup, -cap_values]),
        gain=np.concatenate([gain, np.ones(k_v + k_d + k_c)]),
        lower=np.concatenate([lo, np.zeros(k_v + k_d + k_c)]),
        upper=np.concatenate([hi, np.full(k_v + k_d + k_c, np.inf)]),
        costs=costs, conversion=conversion,
        conv_upper=np.array([p.capacity.value for p in net.processes]),
        conv_costs=conv_costs,
    )
    nodes = pd.DataFrame({"actor": node_actor + cap_actor,
                          "resource": node_res + [f"capacity:{c.id}" for c in caps],
                          "unit": [res[r].unit for r in node_res] + [c.unit for c in caps],
                          "supply": np.concatenate([sup, cap_values]), "demand": np.concatenate([dem, np.zeros(k_c)]),
                          "grade": _grades([k[2] for k in keys] + [None] * k_c)})
    arcs = pd.DataFrame({
        "kind": ["stream"] * k_s + ["virgin"] * k_v + ["disposal"] * k_d + ["unused capacity"] * k_c,
        "ref": [s.id for s in streams] + [""] * (k_v + k_d) + [c.id for c in caps],
        "actor": [s.supplier for s in streams] + [node_actor[i] for i in virgin_nodes]
        + [node_actor[i] for i in disposal_nodes] + cap_actor,
        "receiver": [s.receiver for s in streams] + [""] * (k_v + k_d + k_c),
        "resource": [s.resource for s in streams] + [r for _, r in boundary["virgin"]]
        + [r for _, r in boundary["disposal"]] + [f"capacity:{c.id}" for c in caps],
        "node": np.concatenate([tail, virgin_nodes, disposal_nodes, cap_nodes]).astype(np.int64),
    })
    arcs["grade"] = _grades(nodes.grade.to_numpy()[arcs.node.to_numpy()])  # of the balance it leaves or feeds
    return Compiled(net, answer, problem, nodes, arcs, [p.id for p in net.processes])


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
    """Per unit sent on each stream: its transport cost (DKK) or CO2e (t); nothing else."""
    factor = {"cost": "transport_cost", "co2e": "transport_co2e"}.get(name)
    if factor is None:
        return np.zeros(len(streams))
    return np.array([transport(net, s, factor) for s in streams], dtype=float)


def _boundary_costs(net: Network, kind: str, ends: list[tuple[str, str]], name: str) -> np.ndarray:
    """Per unit bought virgin or disposed of at each (actor, resource): the factor table's value plus the
    haul to the disposal site or from the virgin supplier (transport at both ends), or tonnes of material."""
    if name == _MASS_COST[kind]:
        return np.array([net.resource[r].tonnes_per_unit or 0.0 for _, r in ends], dtype=float)
    factor = BOUNDARY_FACTORS[kind].get(name)
    if factor is None:
        return np.zeros(len(ends))
    values = np.array([net.factor_value(factor, r, default=0.0, actor=a) for a, r in ends], dtype=float)
    if name in ("cost", "co2e"):
        price = BOUNDARY_FACTORS[kind]["cost"]
        values += np.array([haul(net, net.factor_row(price, r, actor=a), name) for a, r in ends], dtype=float)
    return values


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
