"""Yardsticks: networkx's own min-cost-flow and max-flow test instances through every solve path.

The large instances (gl1, gw1, wlm3: max flows; netgen-2: a min-cost flow of 400 nodes and 1,416
arcs) ship inside the installed networkx (``networkx/algorithms/flow/tests/*.gpickle.bz2``) and are
read from there at test time; they are not copied into this repository. The small graphs are
rewritten here from networkx's ``test_mincost.py``, ``test_maxflow.py`` and
``test_maxflow_large_graph.py``.

A max flow from s to t becomes a min-cost flow: every arc costs 0 and an uncapacitated arc t -> s
costs -1, so the optimum is minus the max-flow value. Its negative-cost arc lies on cycles closed
by capacitated arcs: the case the network-flow path once called unbounded.

Every expected value is networkx's own, computed in the test (``network_simplex``,
``maximum_flow_value``), except netgen-2's published optimum. The paths: ``flows.solve`` (HiGHS),
``solve_blocks`` with and without the network-flow path, and ``solve_network_flow`` (every
instance here is a pure min-cost flow).
"""

from __future__ import annotations

import bz2
import functools
import importlib.resources
import pickle

import numpy as np
import pytest

nx = pytest.importorskip("networkx")

import flows  # noqa: E402
from flows.blocks import solve_blocks  # noqa: E402
from flows.netflow import is_pure, solve_network_flow  # noqa: E402

INF = float("inf")
NETGEN_2_OPTIMUM = 6_749_969_302  # published with the instance (networkx test_mincost.py::test_large)


# --- networkx graphs as flows.Problem ---------------------------------------------------------------

def to_problem(G, capacity="capacity", weight="weight", demand="demand", source=None, target=None):
    """A networkx (multi)(di)graph as a :class:`flows.Problem`; ``rhs`` is networkx's ``demand``.

    An undirected edge is two arcs with its capacity and weight. With ``source`` and ``target`` it is
    the max flow from ``source`` to ``target`` as a min-cost circulation: arcs cost 0 and an extra
    uncapacitated arc ``target -> source`` (the last arc) costs -1.
    """
    index = {v: i for i, v in enumerate(G)}
    edges = [(index[u], index[v], d) for u, v, d in G.edges(data=True)]
    if not G.is_directed():
        edges += [(v, u, d) for u, v, d in edges]
    tail = [u for u, _, _ in edges]
    head = [v for _, v, _ in edges]
    upper = [float(d.get(capacity, INF)) for _, _, d in edges]
    if source is None:
        cost = [float(d.get(weight, 0.0)) for _, _, d in edges]
    else:
        cost = [0.0] * len(edges)
        tail.append(index[target])
        head.append(index[source])
        upper.append(INF)
        cost.append(-1.0)
    rhs = [float(G.nodes[v].get(demand, 0.0)) for v in G] if source is None else np.zeros(len(index))
    return flows.Problem(n_nodes=len(index), tail=np.array(tail, dtype=np.int64), head=np.array(head, dtype=np.int64),
                         rhs=rhs, upper=upper, costs={"cost": cost})


def networkx_min_cost(G, **keys):
    """networkx's optimum (network simplex), or the status its exception names."""
    try:
        return float(nx.network_simplex(G, **keys)[0])
    except nx.NetworkXUnfeasible:
        return "infeasible"
    except nx.NetworkXUnbounded:
        return "unbounded"


def networkx_max_flow(G, s, t, capacity="capacity"):
    """Minus networkx's max-flow value (the optimum of the circulation), or 'unbounded'."""
    try:
        return -float(nx.maximum_flow_value(G, s, t, capacity=capacity))
    except nx.NetworkXUnbounded:
        return "unbounded"


def shipped(name: str):
    """One of the graphs networkx ships with its flow tests, read from the installed package."""
    path = importlib.resources.files("networkx.algorithms.flow.tests") / f"{name}.gpickle.bz2"
    if not path.is_file():
        pytest.skip(f"this networkx install lacks {name}.gpickle.bz2")
    with bz2.BZ2File(path, "rb") as f:
        return pickle.load(f)


def digraph(edges, demands=None, multi=False):
    G = nx.MultiDiGraph() if multi else nx.DiGraph()
    for u, d in (demands or {}).items():
        G.add_node(u, demand=d)
    for u, v, *attrs in edges:
        G.add_edge(u, v, **(attrs[0] if attrs else {}))
    return G


def c(cap=None, w=None):
    """Edge attributes: capacity and weight when given."""
    return {k: v for k, v in (("capacity", cap), ("weight", w)) if v is not None}


# --- the min-cost instances (test_mincost.py) ------------------------------------------------------

def mc_simple_digraph():
    return digraph([("a", "b", c(4, 3)), ("a", "c", c(10, 6)), ("b", "d", c(9, 1)), ("c", "d", c(5, 2))],
                   {"a": -5, "d": 5}), {}


def _neg_graph(cycle: bool, t_demand: int):
    # s -> a (cap 3) -> b -> d -> t (cap 3) and a negative branch through c
    mid = [("c", "a", c(w=-6)), ("d", "c", c(w=-2))] if cycle else [("a", "c", c(w=-6)), ("c", "d", c(w=-2))]
    return digraph([("s", "a", c(3, 1)), ("a", "b", c(w=3)), *mid, ("b", "d", c(w=1)), ("d", "t", c(3, 1))],
                   {"s": -5, "t": t_demand})


def mc_negcycle_infcap():
    return _neg_graph(True, 5), {}


def mc_sum_demands_not_zero():
    return _neg_graph(False, 4), {}


def mc_no_flow_satisfying_demands():
    return _neg_graph(False, 5), {}


def mc_transshipment():
    demands = {"a": 1, "b": -2, "c": -2, "d": 3, "e": -4, "f": -4, "g": 3, "h": 2, "r": 3}
    edges = [("a", "c", 3), ("r", "a", 2), ("b", "a", 9), ("r", "c", 0), ("b", "r", -6), ("c", "d", 5),
             ("e", "r", 4), ("e", "f", 3), ("h", "b", 4), ("f", "d", 7), ("f", "h", 12), ("g", "d", 12),
             ("f", "g", -1), ("h", "g", -10)]
    return digraph([(u, v, c(w=w)) for u, v, w in edges], demands), {}


def mc_max_flow_min_cost():
    # test_max_flow_min_cost with its return arc t -> s at -100 (capacity "bandwidth", weight "cost")
    G = nx.DiGraph()
    G.add_edge("s", "a", bandwidth=6)
    G.add_edge("s", "c", bandwidth=10, cost=10)
    G.add_edge("a", "b", cost=6)
    G.add_edge("b", "d", bandwidth=8, cost=7)
    G.add_edge("c", "d", cost=10)
    G.add_edge("d", "t", bandwidth=5, cost=5)
    G.add_edge("t", "s", cost=-100)
    return G, {"capacity": "bandwidth", "weight": "cost"}


def mc_digraph1():
    edges = [(1, 2, c(15, 4)), (1, 3, c(8, 4)), (2, 3, c(w=2)), (2, 4, c(4, 2)), (2, 5, c(10, 6)), (3, 4, c(15, 1)),
             (3, 5, c(5, 3)), (4, 5, c(w=2)), (5, 3, c(4, 1))]
    return digraph(edges, {1: -20, 4: 5, 5: 15}), {}


def _digraph2():
    return digraph([("s", 1, c(12)), ("s", 2, c(6)), ("s", 3, c(14)), (1, 2, c(11, 4)), (2, 3, c(9, 6)),
                    (1, 4, c(5, 5)), (1, 5, c(2, 12)), (2, 5, c(4, 4)), (2, 6, c(2, 6)), (3, 6, c(31, 3)),
                    (4, 5, c(18, 4)), (5, 6, c(9, 5)), (4, "t", c(3)), (5, "t", c(7)), (6, "t", c(22))])


def mc_digraph2():
    G = _digraph2()
    G.add_edge("t", "s", weight=-100)
    return G, {}


def _digraph3():
    # capacities under the key 0, weights under the key 1
    G = nx.DiGraph()
    for u, v, cap, w in [("s", "a", 2, 4), ("s", "b", 2, 1), ("a", "b", 5, 2), ("a", "t", 1, 5), ("b", "a", 1, 3),
                         ("b", "t", 3, 2)]:
        G.add_edge(u, v)
        G[u][v].update({0: cap, 1: w})
    return G


def mc_digraph3():
    G = _digraph3()
    G.add_edge("t", "s")
    G["t"]["s"].update({1: -100})
    return G, {"capacity": 0, "weight": 1}


def mc_zero_capacity_edges():
    edges = [(1, 2, c(1, 1)), (1, 5, c(1, 1)), (2, 3, c(0, 1)), (2, 5, c(1, 1)), (5, 3, c(2, 1)), (5, 4, c(0, 1)),
             (3, 4, c(2, 1))]
    return digraph(edges, {1: -1, 2: -1, 4: 2}), {}


def mc_digon():
    edges = [(1, 2, c(3, 600000)), (2, 1, c(2, 0)), (2, 3, c(5, 714285)), (3, 2, c(2, 0))]
    return digraph(edges, {1: 0, 2: -4, 3: 4}), {}


def mc_deadend():
    G = digraph([(0, 2, c(20, 0.1)), (0, 3, c(20, 0.1)), (2, 1, c(20, 0.1))], {i: 0 for i in range(5)})
    G.nodes[4]["demand"], G.nodes[3]["demand"] = -13, 13
    return G, {}


def mc_infinite_capacity_neg_digon():
    edges = [(1, 2, c(w=-600)), (2, 1, c(w=0)), (2, 3, c(5, 714285)), (3, 2, c(2, 0))]
    return digraph(edges, {1: 0, 2: -4, 3: 4}), {}


def mc_finite_capacity_neg_digon():
    return digraph([("a", "b", c(1, -1)), ("b", "a", c(1, -1))]), {}


def mc_multidigraph():
    return digraph([(1, 2, c(1)), (2, 3, c(2))], multi=True), {}


def mc_negative_selfloop():
    return digraph([(1, 1, c(w=-1))]), {}


def mc_negative_selfloop_capacitated():
    return digraph([(1, 1, c(2, -1))]), {}


def mc_negative_selfloops_multi():
    return digraph([(1, 1, c(w=-1)), (1, 1, c(w=1))], multi=True), {}


def mc_negative_selfloops_multi_capacitated():
    return digraph([(1, 1, c(2, -1)), (1, 1, c(w=1))], multi=True), {}


def mc_bone_shaped():
    edges = [(0, 1, c(4)), (0, 2, c(4)), (4, 3, c(4)), (5, 3, c(4)), (0, 3, c(0))]
    return digraph(edges, {0: -4, 1: 2, 2: 2, 3: 4, 4: -2, 5: -2}), {}


def mc_netgen_2():
    return shipped("netgen-2"), {}


# --- the max-flow instances (test_maxflow.py, test_maxflow_large_graph.py) ---------------------------

def _undirected(edges):
    G = nx.Graph()
    for u, v, cap in edges:
        G.add_edge(u, v, capacity=cap)
    return G


def _caps(edges, key="capacity"):
    G = nx.DiGraph()
    for u, v, *cap in edges:
        G.add_edge(u, v, **({key: cap[0]} if cap else {}))
    return G


TOPCODER = [("x", "a", 3.0), ("x", "b", 1.0), ("a", "c", 3.0), ("b", "c", 5.0), ("b", "d", 4.0), ("d", "e", 2.0),
            ("c", "y", 2.0), ("e", "y", 3.0)]


def mf_graph1():
    return _undirected([(1, 2, 1.0)]), 1, 2, {}


def mf_graph2():
    return _undirected(TOPCODER), "x", "y", {}


def mf_digraph1():
    return _caps([("a", "b", 1000.0), ("a", "c", 1000.0), ("b", "c", 1.0), ("b", "d", 1000.0),
                  ("c", "d", 1000.0)]), "a", "d", {}


def mf_digraph2():
    return _caps([("s", "b", 2), ("s", "c", 1), ("c", "d", 1), ("d", "a", 1), ("b", "a", 2), ("a", "t", 2)]), \
        "s", "t", {}


def mf_digraph3():
    return _caps([("s", "v1", 16.0), ("s", "v2", 13.0), ("v1", "v2", 10.0), ("v2", "v1", 4.0), ("v1", "v3", 12.0),
                  ("v3", "v2", 9.0), ("v2", "v4", 14.0), ("v4", "v3", 7.0), ("v3", "t", 20.0), ("v4", "t", 4.0)]), \
        "s", "t", {}


def mf_digraph4():
    return _caps(TOPCODER), "x", "y", {}


def mf_wikipedia_dinitz():
    return _caps([("s", 1, 10), ("s", 2, 10), (1, 3, 4), (1, 4, 8), (1, 2, 2), (2, 4, 9), (3, "t", 10), (4, 3, 6),
                  (4, "t", 10)]), "s", "t", {}


def mf_optional_capacity():
    return _caps(TOPCODER, key="spam"), "x", "y", {"capacity": "spam"}


def mf_digraph_infcap_edges():
    return _caps([("s", "a"), ("s", "b", 30), ("a", "c", 25), ("b", "c", 12), ("a", "t", 60), ("c", "t")]), \
        "s", "t", {}


def mf_digraph_infcap_digon():
    return _caps([("s", "a", 85), ("s", "b", 30), ("a", "c"), ("c", "a"), ("b", "c", 12), ("a", "t", 60),
                  ("c", "t", 37)]), "s", "t", {}


def mf_digraph_infcap_path():
    return _caps([("s", "a"), ("s", "b", 30), ("a", "c"), ("b", "c", 12), ("a", "t", 60), ("c", "t")]), "s", "t", {}


def mf_graph_infcap_edges():
    G = nx.Graph()
    for u, v, *cap in [("s", "a"), ("s", "b", 30), ("a", "c", 25), ("b", "c", 12), ("a", "t", 60), ("c", "t")]:
        G.add_edge(u, v, **({"capacity": cap[0]} if cap else {}))
    return G, "s", "t", {}


def mf_digraph5():
    return _caps([("s", "a", 2), ("s", "b", 2), ("a", "b", 5), ("a", "t", 1), ("b", "a", 1), ("b", "t", 3)]), \
        "s", "t", {}


def mf_disconnected():
    G = _undirected([(0, 1, 1), (1, 2, 1), (2, 3, 1)])
    G.remove_node(1)
    return G, 0, 3, {}


def mf_preflow_push_makes_enough_space():
    G = nx.DiGraph()
    nx.add_path(G, [0, 1, 3], capacity=1)
    nx.add_path(G, [1, 2, 3], capacity=1)
    return G, 0, 3, {}


def _parallel_paths(k: int, p: int, cap: float):
    G = nx.DiGraph()
    for i in range(k):
        G.add_edge("s", (i, 0), capacity=cap)
        nx.add_path(G, ((i, j) for j in range(p)), capacity=cap)
        G.add_edge((i, p - 1), "t", capacity=cap)
    return G


def mf_shortest_augmenting_path_two_phase():
    return _parallel_paths(5, 1000, 1), "s", "t", {}


def mf_cutoff():
    return _parallel_paths(5, 1000, 2), "s", "t", {}


def mf_complete_graph_5():
    G = nx.complete_graph(5)
    nx.set_edge_attributes(G, 1, "capacity")
    return G, 0, 4, {}


def mf_interface_g():
    return _caps(TOPCODER), "x", "y", {}


def mf_interface_h():
    return _caps([(0, 1, 1.0), (1, 2, 1.0)]), 0, 2, {}


def mf_digraph2_max_flow_min_cost():
    return _digraph2(), "s", "t", {}


def mf_digraph3_max_flow_min_cost():
    return _digraph3(), "s", "t", {"capacity": 0}


def mf_max_flow_min_cost():
    G, keys = mc_max_flow_min_cost()
    G.remove_edge("t", "s")
    return G, "s", "t", {"capacity": "bandwidth"}


def mf_complete_graph_50():
    G = nx.complete_graph(50)
    nx.set_edge_attributes(G, 5, "capacity")
    return G, 1, 2, {}


def mf_pyramid():
    # every arc at capacity in the max flow (of value 1); capacities like 1/3 have no finite decimals
    N = 10
    G = nx.DiGraph()
    for i in range(N - 1):
        cap = 1.0 / (i + 2)
        for j in range(i + 1):
            G.add_edge((i, j), (i + 1, j), capacity=cap)
            cap = 1.0 / (i + 1) - cap
            G.add_edge((i, j), (i + 1, j + 1), capacity=cap)
            cap = 1.0 / (i + 2) - cap
    for j in range(N):
        G.add_edge((N - 1, j), "t")
    return G, (0, 0), "t", {}


def _shipped_max_flow(name):
    G = shipped(name)
    return G, 1, len(G), {}


def mf_gl1():
    return _shipped_max_flow("gl1")


def mf_gw1():
    return _shipped_max_flow("gw1")


def mf_wlm3():
    return _shipped_max_flow("wlm3")


MIN_COST = {f.__name__[3:]: f for f in [
    mc_simple_digraph, mc_negcycle_infcap, mc_sum_demands_not_zero, mc_no_flow_satisfying_demands, mc_transshipment,
    mc_max_flow_min_cost, mc_digraph1, mc_digraph2, mc_digraph3, mc_zero_capacity_edges, mc_digon, mc_deadend,
    mc_infinite_capacity_neg_digon, mc_finite_capacity_neg_digon, mc_multidigraph, mc_negative_selfloop,
    mc_negative_selfloop_capacitated, mc_negative_selfloops_multi, mc_negative_selfloops_multi_capacitated,
    mc_bone_shaped, mc_netgen_2]}
MAX_FLOW = {f.__name__[3:]: f for f in [
    mf_graph1, mf_graph2, mf_digraph1, mf_digraph2, mf_digraph3, mf_digraph4, mf_wikipedia_dinitz,
    mf_optional_capacity, mf_digraph_infcap_edges, mf_digraph_infcap_digon, mf_digraph_infcap_path,
    mf_graph_infcap_edges, mf_digraph5, mf_disconnected, mf_preflow_push_makes_enough_space,
    mf_shortest_augmenting_path_two_phase, mf_cutoff, mf_complete_graph_5, mf_interface_g, mf_interface_h,
    mf_digraph2_max_flow_min_cost, mf_digraph3_max_flow_min_cost, mf_max_flow_min_cost, mf_complete_graph_50,
    mf_pyramid, mf_gl1, mf_gw1, mf_wlm3]}
INSTANCES = [f"min_cost:{k}" for k in MIN_COST] + [f"max_flow:{k}" for k in MAX_FLOW]


@functools.cache
def instance(name: str):
    """(problem, networkx's optimum or status) for one named instance."""
    kind, key = name.split(":")
    if kind == "min_cost":
        G, keys = MIN_COST[key]()
        expected = NETGEN_2_OPTIMUM if key == "netgen_2" else networkx_min_cost(G, **keys)
        return to_problem(G, **keys), expected
    G, s, t, keys = MAX_FLOW[key]()
    return to_problem(G, source=s, target=t, **keys), networkx_max_flow(G, s, t, **keys)


PATHS = {
    "highs": lambda p: flows.solve(p, engine="highs"),
    "auto": lambda p: flows.solve(p),
    "network": lambda p: flows.solve(p, engine="network"),
    "blocks": lambda p: solve_blocks(p),
    "blocks_lp": lambda p: solve_blocks(p, network_flow=False),
    "network_flow": lambda p: solve_network_flow(p),
}


def test_every_instance_is_there():
    # 21 min-cost and 28 max-flow instances, netgen-2 and the three shipped max flows among them
    assert len(MIN_COST) == 21 and len(MAX_FLOW) == 28
    assert instance("min_cost:netgen_2")[0].n_arcs == 1416 and instance("min_cost:netgen_2")[0].n_nodes == 400


def _data_are_whole(p) -> bool:
    finite = np.concatenate([p.upper[np.isfinite(p.upper)], p.rhs, p.costs["cost"]])
    return bool(np.all(finite == np.round(finite)))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("name", INSTANCES)
def test_every_path_reaches_networkx_optimum(name, path):
    p, expected = instance(name)
    assert is_pure(p)
    s = PATHS[path](p)
    if isinstance(expected, str):
        assert s.status == expected, f"{name} via {path}: {s.status} ({s.message}), networkx says {expected}"
        assert np.isnan(s.objective)
        return
    assert s.status == "optimal", f"{name} via {path}: {s.status} ({s.message}), networkx: {expected}"
    x = s.flow
    # the bounds hold to 1e-9 (relative to the capacity) on every path
    assert np.all(x >= p.lower - 1e-9 * np.maximum(1, np.abs(p.lower)))
    assert np.all(x <= p.upper + 1e-9 * np.maximum(1, np.abs(p.upper)))
    balance = np.abs(p.residual(x, np.zeros(0)))
    scale = max(1.0, float(np.abs(x).max(initial=0.0)))
    if _data_are_whole(p):
        # whole-number data: every path finds the exact optimum
        assert s.objective == pytest.approx(expected, rel=1e-12, abs=1e-9)
        assert balance.max(initial=0.0) <= 1e-9 * scale
    else:
        # data with more than six decimals (the pyramid's 1/3, 1/7...): the network-flow path rounds them
        # at 1e-6 of a unit, so it is exact for data within 5e-7 of the given ones
        assert s.objective == pytest.approx(expected, abs=1e-5)
        assert balance.max(initial=0.0) <= 1e-5
    assert s.totals["cost"] == pytest.approx(s.objective, rel=1e-12, abs=1e-9)
