"""Flow matrices of a network, one per scope: resource groups, ``mass``, ``energy`` and ``links``
(see :mod:`symbiosis.metrics`)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis.metrics.catalogue import COMMON_SCOPES, ENERGY_UNITS
from symbiosis.model import Network, Stream

__all__ = ["FlowMatrices", "close_balance", "flow_matrices", "graph_flows"]


@dataclass(frozen=True, eq=False)
class FlowMatrices:
    """The flows of one scope among its actors, per year.

    ``flow[i, j]`` is what actor i sends to actor j; ``links[i, j]`` is True
    where a stream runs from i to j (even if no flow is recorded). ``unit``
    is the flow unit (``t``, ``MWh``...), or None for the links-only scope.

    Parameters
    ----------
    scope : str
        The scope's key (a resource group, ``mass``, ``energy`` or ``links``).
    label : str
        Its name in words.
    unit : str or None
        The flow unit, None for the links-only scope.
    actors : tuple of str
        The actors' ids, the matrices' order.
    flow : numpy.ndarray
        ``actors x actors``: what each sends to each, unit per year.
    links : numpy.ndarray
        ``actors x actors``: whether a stream runs.
    inputs : numpy.ndarray
        Per actor, what enters from outside (virgin purchases), unit per year.
    exports : numpy.ndarray
        Per actor, what leaves the network (disposal), unit per year.
    consumption : numpy.ndarray
        Per actor, what it consumes (closing its balance), unit per year.
    """

    scope: str
    label: str
    unit: str | None
    actors: tuple[str, ...]
    flow: np.ndarray
    links: np.ndarray
    inputs: np.ndarray
    exports: np.ndarray
    consumption: np.ndarray

    @property
    def has_flows(self) -> bool:
        """Whether the scope has a flow unit and any flow at all."""
        return self.unit is not None and float(self.flow.sum()) > 0


def close_balance(flow: np.ndarray, inputs: np.ndarray, exports: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Consumption closing each actor's balance, and inputs raised where the flows leaving exceed
    what enters (an undeclared source such as a process output). Returns (inputs, consumption).

    Parameters
    ----------
    flow : numpy.ndarray
        ``actors x actors`` flows, unit per year.
    inputs : numpy.ndarray
        Per actor, what enters from outside.
    exports : numpy.ndarray
        Per actor, what leaves the network.

    Returns
    -------
    inputs : numpy.ndarray
        Per actor, the inputs, raised where needed.
    consumption : numpy.ndarray
        Per actor, the consumption closing its balance.
    """
    rest = inputs + flow.sum(axis=0) - flow.sum(axis=1) - exports
    return inputs + np.maximum(-rest, 0.0), np.maximum(rest, 0.0)


def _groups(net: Network) -> dict[str, tuple[str, ...]]:
    """Resource -> its group: resources joined by a stream's ``replaces`` when units agree."""
    parent = {r.id: r.id for r in net.resources}

    def find(r: str) -> str:
        while parent[r] != r:
            parent[r] = parent[parent[r]]
            r = parent[r]
        return r

    for s in net.streams:
        a, b = s.resource, s.target_resource
        if net.resource[a].unit == net.resource[b].unit:
            parent[find(a)] = find(b)
    members: dict[str, list[str]] = {}
    for r in net.resources:
        members.setdefault(find(r.id), []).append(r.id)
    return {r: tuple(members[find(r)]) for r in parent}


def flow_matrices(net: Network, result=None, year: int | None = None) -> list[FlowMatrices]:
    """Flow matrices of every scope: resource groups, ``mass``, ``energy`` and ``links``.

    Without ``result``: the streams running in ``year`` (default: the
    network's year; candidates never) with their recorded (observed) flow;
    virgin purchases = demand - delivered, disposal = supply - sent. With a
    :class:`~symbiosis.results.Result` (``evaluate(net).optimised``...): its
    stream flows, virgin purchases and disposals.

    Parameters
    ----------
    net : Network
        The network.
    result : Result, optional
        A solved answer of the network (default: the recorded flows).
    year : int, optional
        The calendar year (default: the network's).

    Returns
    -------
    list of FlowMatrices
        One per scope.
    """
    if result is not None:
        by_id = {s.id: s for s in net.streams}
        rows = [(by_id[sid], float(f)) for sid, f in zip(result.streams.stream, result.streams.flow, strict=True)]
        virgin: dict[tuple[str, str], float] | None = _sum_by(result.virgin)
        disposal: dict[tuple[str, str], float] | None = _sum_by(result.disposal)
    else:
        rows = [(s, s.observed.value if s.observed else 0.0) for s in net.streams_in_year(year)]
        virgin = disposal = None
    groups = _groups(net)
    supply = _sum_rows((s.actor, s.resource, s.quantity.value) for s in net.supplies)
    demand = _sum_rows((d.actor, d.resource, d.quantity.value) for d in net.demands)
    order = {a.id: i for i, a in enumerate(net.actors)}
    sent = {s.resource for s in net.streams}  # scope names: resources sent by some stream first, stable over years

    by_group: dict[tuple[str, ...], list[tuple[Stream, float]]] = {}
    for s, f in rows:
        by_group.setdefault(groups[s.resource], []).append((s, f))

    out: list[FlowMatrices] = []
    for members, items in by_group.items():
        actors = tuple(sorted({a for s, _ in items for a in (s.supplier, s.receiver)}, key=order.__getitem__))
        idx = {a: i for i, a in enumerate(actors)}
        n = len(actors)
        F = np.zeros((n, n))
        links = np.zeros((n, n), dtype=bool)
        delivered = np.zeros(n)
        for s, f in items:
            i, j = idx[s.supplier], idx[s.receiver]
            F[i, j] += f
            links[i, j] |= result is None or f > 0  # a solved answer uses a link only if it carries flow
            delivered[j] += f * s.gain
        g = np.array([sum(supply.get((a, r), 0.0) for r in members) for a in actors])
        if result is None:
            need = np.array([sum(demand.get((a, r), 0.0) for r in members) for a in actors])
            v = np.maximum(need - delivered, 0.0)
            e = np.maximum(g - F.sum(axis=1), 0.0)
        else:
            assert virgin is not None and disposal is not None  # for the type checker: read from the result
            v = np.array([sum(virgin.get((a, r), 0.0) for r in members) for a in actors])
            e = np.array([sum(disposal.get((a, r), 0.0) for r in members) for a in actors])
        z, c = close_balance(F, g + v, e)
        unit = net.resource[members[0]].unit
        ids = sorted(members, key=lambda r: (r not in sent, r))
        label = " + ".join(net.resource[r].name for r in ids)
        out.append(FlowMatrices("+".join(ids), label, unit, actors, F, links, z, e, c))

    out.sort(key=lambda m: m.scope)
    resource_scopes = list(out)
    for kind in COMMON_SCOPES:
        common = _common(net, kind, resource_scopes, order)
        if common is not None:
            out.append(common)
    out.append(_links_scope(resource_scopes, order))
    return out


def _sum_by(table: pd.DataFrame) -> dict[tuple[str, str], float]:
    return _sum_rows(zip(table.actor, table.resource, table.quantity, strict=True))


def _sum_rows(rows) -> dict[tuple[str, str], float]:
    out: dict[tuple[str, str], float] = {}
    for actor, resource, value in rows:
        out[(actor, resource)] = out.get((actor, resource), 0.0) + float(value)
    return out


def _factor(net: Network, resource: str, kind: str) -> float | None:
    r = net.resource[resource]
    if kind == "mass":
        return r.tonnes_per_unit
    return ENERGY_UNITS.get(r.unit)


def _merge(parts: list[tuple[FlowMatrices, float]], order: dict[str, int]):
    actors = tuple(sorted({a for m, _ in parts for a in m.actors}, key=order.__getitem__))
    idx = {a: i for i, a in enumerate(actors)}
    n = len(actors)
    F, links = np.zeros((n, n)), np.zeros((n, n), dtype=bool)
    z, e, c = np.zeros(n), np.zeros(n), np.zeros(n)
    for m, k in parts:
        p = np.array([idx[a] for a in m.actors], dtype=int)
        F[np.ix_(p, p)] += m.flow * k
        links[np.ix_(p, p)] |= m.links
        z[p] += m.inputs * k
        e[p] += m.exports * k
        c[p] += m.consumption * k
    return actors, F, links, z, e, c


def _common(net: Network, kind: str, scopes: list[FlowMatrices], order) -> FlowMatrices | None:
    parts = []
    for m in scopes:
        k = _factor(net, m.scope.split("+")[0], kind)
        if k is not None:
            parts.append((m, k))
    if not parts:
        return None
    unit = "t" if kind == "mass" else "MWh"
    label = f"All {kind} streams ({', '.join(m.scope for m, _ in parts)})"
    return FlowMatrices(kind, label, unit, *_merge(parts, order))


def _links_scope(resource_scopes: list[FlowMatrices], order) -> FlowMatrices:
    actors, _, links, *_ = _merge([(m, 1.0) for m in resource_scopes], order)
    n = len(actors)
    ones = links.astype(float)
    return FlowMatrices("links", "All running streams (links only)", None, actors, ones, links,
                        np.zeros(n), np.zeros(n), np.zeros(n))



def graph_flows(graph, resources: set[str] | None = None, year: int | None = None,
                weight: str = "observed") -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Actors, flow matrix and link matrix from a ``Network.to_networkx()`` graph.

    Keeps the stream edges (not service links, not candidates) running in
    ``year`` (default: the graph's year) whose resource is in ``resources``
    (default: all); the flow is each edge's ``weight`` attribute (a quantity
    or a number; missing = 0). Actors are the graph's nodes on a kept edge,
    in node order, so the result matches :func:`flow_matrices` of the network.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A network's graph (:meth:`~symbiosis.model.Network.to_networkx`).
    resources : set of str, optional
        The resources kept (default: all).
    year : int, optional
        The calendar year (default: the graph's).
    weight : str
        The edge attribute read as the flow.

    Returns
    -------
    actors : tuple of str
        The actors' ids.
    flow : numpy.ndarray
        ``actors x actors`` flows, units per year.
    links : numpy.ndarray
        ``actors x actors``: whether a stream runs.
    """
    year = graph.graph.get("year") if year is None else year
    kept = []
    for u, v, data in graph.edges(data=True):
        if data.get("edge_type") != "stream" or data.get("status") == "candidate":
            continue
        start, end = data.get("start"), data.get("end")
        if year is not None and ((start is not None and start > year) or (end is not None and end < year)):
            continue
        if resources is not None and data.get("resource") not in resources:
            continue
        q = data.get(weight)
        kept.append((u, v, float(q["value"] if isinstance(q, dict) else (q or 0.0))))
    touched = {a for u, v, _ in kept for a in (u, v)}
    actors = tuple(a for a in graph.nodes if a in touched)
    idx = {a: i for i, a in enumerate(actors)}
    F = np.zeros((len(actors), len(actors)))
    links = np.zeros_like(F, dtype=bool)
    for u, v, f in kept:
        F[idx[u], idx[v]] += f
        links[idx[u], idx[v]] = True
    return actors, F, links
