"""Network metrics of a symbiosis: structure and ecological network analysis.

Turns a :class:`~symbiosis.model.Network` (its recorded flows, in any year
of its history) or a solved :class:`~symbiosis.compile.Result` (observed or
optimised flows) into flow matrices, and names what :mod:`flows.ena` and
:mod:`flows.structure` compute on them. See docs/metrics.md for formulas.

Scopes (one flow matrix each):

- one per **resource group**: a resource together with the resources its
  streams replace (FGD gypsum + natural gypsum), when they share a unit;
  flows in that unit per year;
- ``mass``: every resource counted as material mass (categories material,
  nutrient, feed, waste, measured in t or kg), summed in **t/yr**; the same
  definition as the ``virgin_material_avoided`` indicator;
- ``energy``: every resource measured in an energy unit (MWh, GJ, kWh, MJ,
  TJ, GWh), summed in **MWh/yr** with exact unit conversions (1 GJ = 1/3.6
  MWh). Steam measured in tonnes stays in its own scope: turning it into
  energy needs an enthalpy the data does not carry;
- ``links``: every running stream of any resource, for structure only
  (no common unit for flows).

Nodes are the actors taking part in at least one running stream of the
scope. Boundary flows per actor: inputs = its residual supply + virgin
purchases (+ any process output leaving it, so the balance closes);
exports = disposal; consumption (ENA's dissipation) = what is used at the
actor, the remainder of its balance.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from flows.ena import ascendency, flow_analysis
from flows.structure import modularity, node_statistics, structure_statistics
from symbiosis.errors import Problem, SymbiosisError
from symbiosis.model import Network, Stream

MASS_UNITS = {"t": 1.0, "kg": 1e-3}
MASS_CATEGORIES = {"material", "nutrient", "feed", "waste"}
ENERGY_UNITS = {"MWh": 1.0, "GJ": 1 / 3.6, "kWh": 1e-3, "MJ": 1 / 3600, "TJ": 1000 / 3.6, "GWh": 1000.0}
COMMON_SCOPES = ("mass", "energy")


@dataclass(frozen=True)
class Metric:
    """One whole-network metric: key, label, unit ('{u}' = the scope's flow unit) and meaning."""

    key: str
    label: str
    unit: str
    meaning: str
    kind: str  # structure | flow


METRICS: tuple[Metric, ...] = (
    Metric("n", "Actors N", "", "actors taking part in at least one running stream", "structure"),
    Metric("L", "Links L", "", "supplier -> receiver pairs joined by at least one running stream", "structure"),
    Metric("C", "Connectance L/N^2", "", "share of all ordered pairs (self-pairs included) that are linked "
           "(enaR's C)", "structure"),
    Metric("C.dir", "Connectance L/(N(N-1))", "", "share of the possible links between distinct actors",
           "structure"),
    Metric("LD", "Link density L/N", "", "links per actor", "structure"),
    Metric("lam1A", "Cyclicity lambda1(A)", "", "spectral radius of the adjacency matrix: 0 = no cycles, "
           "1 = simple cycles, >1 = interlocking cycles", "structure"),
    Metric("ppr", "Pathway proliferation", "", "factor by which the number of pathways grows per extra step "
           "(sum A^200 / sum A^199)", "structure"),
    Metric("no.scc", "Strong components", "", "groups in which every actor can reach every other", "structure"),
    Metric("no.scc.big", "Cycling groups", "", "strong components with more than one actor", "structure"),
    Metric("pscc", "Share in cycling groups", "", "share of actors inside a strong component of 2+ actors",
           "structure"),
    Metric("modularity", "Modularity Q", "", "how far the network splits into separate clusters (Newman's Q "
           "of the greedy partition, flow-weighted; 0 = one cluster)", "structure"),
    Metric("Boundary", "Boundary input", "{u}", "flow entering from outside: residuals supplied and virgin "
           "purchases", "flow"),
    Metric("TST", "Total system throughflow", "{u}", "sum over actors of what passes through them", "flow"),
    Metric("TSTp", "Total system throughput", "{u}", "all flows: exchanges + inputs + outputs", "flow"),
    Metric("APL", "Average path length", "", "how many actors a unit entering passes through, on average "
           "(TST / boundary input)", "flow"),
    Metric("FCI", "Finn cycling index", "", "share of throughflow that comes back round a cycle", "flow"),
    Metric("ID.F", "Indirect/direct flow", "", "flow reaching actors over 2+ steps per unit over one step "
           "(realised)", "flow"),
    Metric("AMI", "Average mutual information", "bits", "how constrained (organised) the flow paths are",
           "flow"),
    Metric("ASC", "Ascendency", "{u} bits", "size x organisation of the flow network (TSTp x AMI)", "flow"),
    Metric("CAP", "Development capacity", "{u} bits", "upper bound of ascendency (TSTp x flow diversity)",
           "flow"),
    Metric("OH", "Overhead", "{u} bits", "capacity not organised: redundant, parallel paths (CAP - ASC)",
           "flow"),
    Metric("ASC.CAP", "Ascendency/capacity", "", "degree of order a = ASC/CAP (0 = redundant, 1 = one "
           "efficient chain)", "flow"),
    Metric("robustness", "Robustness", "", "-a ln a: balance of efficiency and redundancy, highest (0.368) "
           "at a = 1/e (Ulanowicz's window of vitality)", "flow"),
)
METRIC = {m.key: m for m in METRICS}


@dataclass(frozen=True, eq=False)
class FlowMatrices:
    """The flows of one scope among its actors, per year.

    ``flow[i, j]`` is what actor i sends to actor j; ``links[i, j]`` is True
    where a stream runs from i to j (even if no flow is recorded). ``unit``
    is the flow unit (``t``, ``MWh``...), or None for the links-only scope.
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
        return self.unit is not None and float(self.flow.sum()) > 0


def close_balance(flow: np.ndarray, inputs: np.ndarray, exports: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Consumption closing each actor's balance, and inputs raised where the flows leaving exceed
    what enters (an undeclared source such as a process output). Returns (inputs, consumption)."""
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
    :class:`~symbiosis.compile.Result` (``evaluate(net).optimised``...): its
    stream flows, virgin purchases and disposals.
    """
    if result is not None:
        by_id = {s.id: s for s in net.streams}
        rows = [(by_id[sid], float(f)) for sid, f in zip(result.streams.stream, result.streams.flow, strict=True)]
        virgin = _sum_by(result.virgin)
        disposal = _sum_by(result.disposal)
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
        return MASS_UNITS.get(r.unit) if r.category in MASS_CATEGORIES else None
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


@dataclass(frozen=True, eq=False)
class NetworkMetrics:
    """Metrics of one network (one year, one set of flows).

    ``table``: one row per (scope, metric) with value, unit and meaning.
    ``actors``: one row per (scope, actor) with degree, betweenness,
    throughflow and the flow its removal cuts. ``anchors``: per scope the
    actors whose removal cuts the most flow (or links), best first.
    """

    network: str
    year: int
    flows: str
    matrices: list[FlowMatrices]
    table: pd.DataFrame
    actors: pd.DataFrame
    anchors: dict[str, list[tuple[str, float]]] = field(default_factory=dict)
    communities: dict[str, list[list[str]]] = field(default_factory=dict)

    def value(self, scope: str, metric: str) -> float:
        """One metric of one scope; raises KeyError if the scope has no such metric."""
        row = self.table[(self.table.scope == scope) & (self.table.metric == metric)]
        if row.empty:
            raise KeyError(f"no metric '{metric}' for scope '{scope}'")
        return float(row.value.iloc[0])

    def to_json(self) -> dict:
        """Plain JSON data (NaN and infinity as null)."""
        return {
            "network": self.network, "year": self.year, "flows": self.flows,
            "scopes": [{"scope": m.scope, "label": m.label, "unit": _per_year(m.unit), "actors": list(m.actors)}
                       for m in self.matrices],
            "metrics": _records(self.table),
            "actors": _records(self.actors),
            "anchor_tenants": {k: [{"actor": a, "share_cut": _clean(s)} for a, s in v]
                               for k, v in self.anchors.items()},
            "communities": self.communities,
        }


def _per_year(unit: str | None) -> str | None:
    return None if unit is None else f"{unit}/yr"


def _clean(x):
    if isinstance(x, float | np.floating):
        return float(x) if np.isfinite(x) else None
    if isinstance(x, np.integer):
        return int(x)
    return x


def _records(df: pd.DataFrame) -> list[dict]:
    return [{k: _clean(v) for k, v in row.items()} for row in df.to_dict(orient="records")]


def analyse(m: FlowMatrices) -> dict[str, float]:
    """Every metric of :data:`METRICS` for one scope (flow metrics only where it has flows)."""
    out: dict[str, float] = {}
    st = structure_statistics(m.links.astype(float))
    for key in ("n", "L", "C", "C.dir", "LD", "lam1A", "ppr", "no.scc", "no.scc.big", "pscc"):
        out[key] = float(st[key])
    weights = m.flow if m.has_flows else m.links.astype(float)
    out["modularity"] = modularity(weights)[0]
    if m.has_flows:
        fl = flow_analysis(m.flow, m.inputs, m.exports + m.consumption)
        asc = ascendency(m.flow, m.inputs, m.exports, m.consumption)
        for key in ("Boundary", "TST", "TSTp", "APL", "FCI", "ID.F"):
            out[key] = float(fl[key])
        for key in ("AMI", "ASC", "CAP", "OH", "ASC.CAP", "robustness"):
            out[key] = float(asc[key])
    return out


def compute(net: Network, result=None, year: int | None = None, anchors: int = 3) -> NetworkMetrics:
    """All metrics of ``net`` in ``year`` (recorded flows) or of a solved ``result``.

    >>> from symbiosis.io import load_network
    >>> m = compute(load_network("tests/fixtures/tiny.yaml"))
    >>> m.value("links", "L"), m.value("mass", "TST")
    (2.0, 110.0)
    """
    year = net.year if year is None else year
    names = {a.id: a.name for a in net.actors}
    rows, actor_rows, anchor_map, communities = [], [], {}, {}
    matrices = flow_matrices(net, result, year)
    for m in matrices:
        rows += _metric_rows(m)
        ns = node_statistics(m.flow if m.has_flows else m.links.astype(float))
        through = (m.flow.sum(axis=0) + m.inputs) if m.has_flows else np.full(len(m.actors), np.nan)
        for i, a in enumerate(m.actors):
            actor_rows.append({
                "scope": m.scope, "actor": a, "name": names[a],
                "in_degree": int(ns["in_degree"][i]), "out_degree": int(ns["out_degree"][i]),
                "degree_centrality": float(ns["degree_centrality"][i]),
                "betweenness": float(ns["betweenness"][i]),
                "throughflow": float(through[i]),
                "flow_cut": float(ns["flow_cut"][i]) if m.has_flows else float("nan"),
                "share_cut": float(ns["share_cut"][i]),
            })
        rank = np.lexsort((np.arange(len(m.actors)), -ns["share_cut"]))
        anchor_map[m.scope] = [(m.actors[i], float(ns["share_cut"][i])) for i in rank[:anchors]
                               if ns["share_cut"][i] > 0]
        _, parts = modularity(m.flow if m.has_flows else m.links.astype(float))
        communities[m.scope] = [[m.actors[i] for i in p] for p in parts]
    mode = "recorded" if result is None else str(result.mode)
    return NetworkMetrics(net.id, year, mode, matrices, pd.DataFrame(rows), pd.DataFrame(actor_rows),
                          anchor_map, communities)


def metric_table(net: Network, result=None, year: int | None = None) -> pd.DataFrame:
    """The (scope, metric) table of :func:`compute` alone, without the per-actor detail."""
    return pd.DataFrame([row for m in flow_matrices(net, result, year) for row in _metric_rows(m)])


def _metric_rows(m: FlowMatrices) -> list[dict]:
    unit = f"{m.unit}/yr" if m.unit else ""
    return [{"scope": m.scope, "metric": key, "label": METRIC[key].label, "value": v,
             "unit": METRIC[key].unit.replace("{u}", unit).strip(), "meaning": METRIC[key].meaning}
            for key, v in analyse(m).items()]


def history_years(net: Network) -> list[int]:
    """Every year from the first stream start to the network's year."""
    starts = [s.start for s in net.streams if s.status != "candidate" and s.start is not None]
    first = min(starts, default=net.year)
    return list(range(min(first, net.year), net.year + 1))


def by_year(net: Network, years: list[int] | None = None) -> pd.DataFrame:
    """Metrics for each year of the network's history, from stream start and end years.

    Structure uses the streams running that year; flows use each running
    stream's recorded flow (the data records one flow per stream, not one
    per year). One row per (year, scope, metric).
    """
    years = history_years(net) if years is None else years
    bad = [y for y in years if not 1900 <= y <= 2100]
    if bad:
        raise SymbiosisError([Problem("--years", f"{bad[0]} is not a year between 1900 and 2100")])
    frames = []
    done: dict[tuple[str, ...], pd.DataFrame] = {}  # years with the same running streams share one computation
    for y in years:
        key = tuple(s.id for s in net.streams_in_year(y))
        if key not in done:
            done[key] = metric_table(net, year=y)
        t = done[key].copy()
        t.insert(0, "year", y)
        frames.append(t)
    return pd.concat(frames, ignore_index=True)


def scenario_by_year(spec, flows: str = "recorded", years: list[int] | None = None) -> pd.DataFrame:
    """Metrics for each year of a scenario's horizon, on the network its events leave in that year.

    ``spec`` is a :class:`~symbiosis.scenario.ScenarioSpec`; the network of
    year ``t`` is ``spec.network(t)`` (the base with every event up to ``t``
    applied, running streams only). ``flows``: ``recorded`` (each running
    stream's recorded flow, no solver) or ``observed``/``optimised`` (that
    year's network solved, cost objective, as ``symbiosis simulate``). One
    row per (year, scope, metric), like :func:`by_year`.
    """
    years = spec.scenario.years if years is None else years
    frames = []
    for y in years:
        net = spec.network(y)
        result = None
        if flows != "recorded":
            from symbiosis.compile import solve_network

            result = solve_network(net, flows)
        t = metric_table(net, result, y)
        t.insert(0, "year", y)
        frames.append(t)
    return pd.concat(frames, ignore_index=True)


def graph_flows(graph, resources: set[str] | None = None, year: int | None = None,
                weight: str = "observed") -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Actors, flow matrix and link matrix from a ``Network.to_networkx()`` graph.

    Keeps the stream edges (not service links, not candidates) running in
    ``year`` (default: the graph's year) whose resource is in ``resources``
    (default: all); the flow is each edge's ``weight`` attribute (a quantity
    or a number; missing = 0). Actors are the graph's nodes on a kept edge,
    in node order, so the result matches :func:`flow_matrices` of the network.
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
