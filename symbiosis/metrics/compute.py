"""Every metric of a network: structure and ecological network analysis per scope, per year.

The declared door of :mod:`symbiosis` to :mod:`flows.ena` and
:mod:`flows.structure` (pure matrix functions; see the import contract).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

from flows.ena import ascendency, flow_analysis
from flows.structure import modularity, node_statistics, structure_statistics
from symbiosis import parameters as P
from symbiosis.engine import read_solution, solve_compiled, solve_network
from symbiosis.engine.years import YearCompiler
from symbiosis.errors import unknown_name
from symbiosis.metrics.catalogue import METRIC
from symbiosis.metrics.matrices import FlowMatrices, flow_matrices
from symbiosis.model import Network

if TYPE_CHECKING:
    from symbiosis.results import Answer
    from symbiosis.scenario import ScenarioSpec

__all__ = ["NetworkMetrics", "analyse", "by_year", "compute", "compute_answer", "history_years", "metric_table",
           "scenario_by_year"]


@dataclass(frozen=True, eq=False)
class NetworkMetrics:
    """Metrics of one network (one year, one set of flows).

    ``table``: one row per (scope, metric) with value, unit and meaning.
    ``actors``: one row per (scope, actor) with degree, betweenness,
    throughflow and the flow its removal cuts. ``anchors``: per scope the
    actors whose removal cuts the most flow (or links), best first.

    Parameters
    ----------
    network : str
        The network's id.
    year : int
        The year measured.
    flows : str
        Which flows: ``recorded``, ``observed`` or ``optimised``.
    matrices : list of FlowMatrices
        The flow matrices per scope.
    table : pandas.DataFrame
        One row per (scope, metric).
    actors : pandas.DataFrame
        One row per (scope, actor).
    anchors : dict of str to list of (str, float)
        Per scope, the anchor actors and the flow their removal cuts.
    communities : dict of str to list of list of str
        Per scope, the communities of actors (modularity).
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
        """One metric of one scope; raises KeyError if the scope has no such metric.

        Parameters
        ----------
        scope : str
            The scope's key.
        metric : str
            The metric's key.

        Returns
        -------
        float
            The value, in the metric's unit.

        Raises
        ------
        UnknownNameError
            If the scope has no such metric (a :class:`KeyError` too).
        """
        row = self.table[(self.table.scope == scope) & (self.table.metric == metric)]
        if row.empty:
            raise unknown_name("metric", f"no metric '{metric}' for scope '{scope}'")
        return float(row.value.iloc[0])


def analyse(m: FlowMatrices) -> dict[str, float]:
    """Every metric of :data:`METRICS` for one scope (flow metrics only where it has flows).

    Parameters
    ----------
    m : FlowMatrices
        The scope's matrices.

    Returns
    -------
    dict of str to float
        Metric key to value.
    """
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

    Parameters
    ----------
    net : Network
        The network.
    result : Result, optional
        A solved answer of the network (default: the recorded flows).
    year : int, optional
        The calendar year (default: the network's).
    anchors : int
        How many anchor actors to name per scope.

    Returns
    -------
    NetworkMetrics
        The metrics.
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
    mode = "recorded" if result is None else str(result.answer)
    return NetworkMetrics(net.id, year, mode, matrices, pd.DataFrame(rows), pd.DataFrame(actor_rows),
                          anchor_map, communities)


def compute_answer(net: Network, answer: str = "recorded", year: int | None = None) -> NetworkMetrics:
    """:func:`compute` on the streams' ``recorded`` flows, or on the ``observed`` or ``optimised``
    answer (cost objective, as ``symbiosis simulate``).

    Parameters
    ----------
    net : Network
        The network.
    answer : str
        ``recorded``, ``observed`` or ``optimised``.
    year : int, optional
        The calendar year (default: the network's).

    Returns
    -------
    NetworkMetrics
        The metrics.
    """
    if answer == "recorded":
        return compute(net, None, year)

    return compute(net, solve_network(net, cast("Answer", answer)), year)  # compile_network checks the name


def metric_table(net: Network, result=None, year: int | None = None) -> pd.DataFrame:
    """The (scope, metric) table of :func:`compute` alone, without the per-actor detail.

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
    pandas.DataFrame
        One row per (scope, metric).
    """
    return pd.DataFrame([row for m in flow_matrices(net, result, year) for row in _metric_rows(m)])


def _metric_rows(m: FlowMatrices) -> list[dict]:
    unit = f"{m.unit}/yr" if m.unit else ""
    return [{"scope": m.scope, "metric": key, "label": METRIC[key].label, "value": v,
             "unit": METRIC[key].unit.replace("{u}", unit).strip(), "meaning": METRIC[key].meaning}
            for key, v in analyse(m).items()]


def history_years(net: Network) -> list[int]:
    """Every year from the first stream start to the network's year.

    Parameters
    ----------
    net : Network
        The network.

    Returns
    -------
    list of int
        The years, ascending.
    """
    starts = [s.start for s in net.streams if s.status != "candidate" and s.start is not None]
    first = min(starts, default=net.year)
    return list(range(min(first, net.year), net.year + 1))


def by_year(net: Network, years: list[int] | None = None) -> pd.DataFrame:
    """Metrics for each year of the network's history, from stream start and end years.

    Structure uses the streams running that year; flows use each running
    stream's recorded flow (the data records one flow per stream, not one
    per year). A stream without a recorded start year counts from the
    network's year only, the one year it is known to run (the report's
    history draws it the same way). One row per (year, scope, metric).

    Parameters
    ----------
    net : Network
        The network.
    years : list of int, optional
        The years (default: :func:`history_years`).

    Returns
    -------
    pandas.DataFrame
        One row per (year, scope, metric).

    Raises
    ------
    SymbiosisError
        For a year outside 1900-2100.
    """
    years = history_years(net) if years is None else years
    for y in years:
        P.YEAR.check(y, "years")
    frames = []
    done: dict[tuple[str, ...], pd.DataFrame] = {}  # years with the same running streams share one computation
    undated = [s for s in net.streams if s.start is None]
    earlier = net.model_copy(update={"streams": tuple(s for s in net.streams if s.start is not None)})
    for y in years:
        at = net if y >= net.year or not undated else earlier
        key = tuple(s.id for s in at.streams_in_year(y))
        if key not in done:
            done[key] = metric_table(at, year=y)
        t = done[key].copy()
        t.insert(0, "year", y)
        frames.append(t)
    return pd.concat(frames, ignore_index=True)


def scenario_by_year(spec: ScenarioSpec, flows: str = "recorded", years: list[int] | None = None) -> pd.DataFrame:
    """Metrics for each year of a scenario's horizon, on the network its events leave in that year.

    ``spec`` is a :class:`~symbiosis.scenario.ScenarioSpec`; the network of
    year ``t`` is ``spec.network(t)`` (the base with every event up to ``t``
    applied, running streams only). ``flows``: ``recorded`` (each running
    stream's recorded flow, no solver) or ``observed``/``optimised`` (that
    year's network solved, cost objective, as ``symbiosis simulate``). One
    row per (year, scope, metric), like :func:`by_year`.

    Parameters
    ----------
    spec : ScenarioSpec
        The scenario.
    flows : str
        ``recorded``, ``observed`` or ``optimised``.
    years : list of int, optional
        The years (default: the scenario's horizon).

    Returns
    -------
    pandas.DataFrame
        One row per (year, scope, metric).
    """
    years = spec.scenario.years if years is None else years
    answer = cast("Answer", flows)
    compiler = None if flows == "recorded" else YearCompiler((answer,))  # one compile per network structure
    frames = []
    for y in years:
        net = spec.network(y)
        result = None
        if compiler is not None:
            c = compiler.compile(net)[1][answer]
            result = read_solution(c, solve_compiled(c, "cost"), "cost")
        t = metric_table(net, result, y)
        t.insert(0, "year", y)
        frames.append(t)
    return pd.concat(frames, ignore_index=True)

