"""Seeded synthetic regional networks, for tests and benchmarks.

``regional(n_actors, n_resources, seed=...)`` places actors on a square map
(km), most of them in industrial parks (Gaussian clusters, 2-5 km wide) and
the rest scattered; gives each a size drawn from a log-normal (facility sizes
are heavy-tailed: a few large plants, many small firms); lets each actor
supply some resources as residuals and demand others; and links every
supplier of a resource to the demanders of it within a radius (candidate
links). Every demander can buy virgin, every supplier can dispose, so the
problem is always feasible. The same seed gives the same network.

Units are generic (t per year, DKK). All quantities are whole units, costs
are whole oere (0.01 DKK) and gains have four decimals, so the network-flow
path solves them exactly (see :mod:`flows.netflow`).

Typical sizes (``links_per_supplier`` sets the radius):

===========  ===========  ==================  ==========
actors       resources    links_per_supplier  arcs
===========  ===========  ==================  ==========
500          20           4                   ~10,000
3,000        40           55                  ~1,000,000
===========  ===========  ==================  ==========
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

from flows.problem import BOUNDARY, BoolArray, FloatArray, IntArray, Problem

__all__ = ["DISPOSAL", "STREAM", "VIRGIN", "Synthetic", "regional"]

#: ``Synthetic.arc_kind`` values.
STREAM, VIRGIN, DISPOSAL = 0, 1, 2


@dataclass(frozen=True, eq=False)
class Synthetic:
    """A generated network: the flows problem and what its indices mean.

    ``xy`` (n_actors x 2, km); per node ``node_actor`` and ``node_resource``;
    per arc ``arc_kind`` (0 stream, 1 virgin purchase, 2 disposal) and
    ``distance_km`` (0 for boundary arcs); ``radius_km`` per resource.
    """

    problem: Problem
    xy: np.ndarray
    node_actor: np.ndarray
    node_resource: np.ndarray
    arc_kind: np.ndarray
    distance_km: np.ndarray
    radius_km: np.ndarray
    seed: int


def regional(n_actors: int = 500, n_resources: int = 20, *, links_per_supplier: float = 4.0,
             supply_share: float = 0.15, demand_share: float = 0.25, processes: int = 0,
             losses: bool = False, capacity_share: float = 0.5, seed: int = 0) -> Synthetic:
    """A synthetic region of ``n_actors`` facilities and ``n_resources`` resources.

    Parameters
    ----------
    n_actors, n_resources : int
        Sizes.
    links_per_supplier : float, default 4
        Mean candidate links per supplier, which sets each resource's radius for
        a uniform map (parks make it denser).
    supply_share, demand_share : float
        Probability that an actor has a residual of / a need for a given resource.
    processes : int, default 0
        Conversions (one input resource to one output at a ratio) at actors
        holding both, which join resources into larger blocks.
    losses : bool, default False
        The first quarter of the resources are heat-like and lose 0.5-2 % per km (gain < 1).
    capacity_share : float, default 0.5
        Share of links with a capacity (the rest unbounded).
    seed : int, default 0
        The same seed gives the same network.

    Returns
    -------
    Synthetic

    Examples
    --------
    >>> s = regional(60, 4, seed=1)
    >>> s.problem.n_arcs == regional(60, 4, seed=1).problem.n_arcs
    True
    >>> sorted(set(s.arc_kind.tolist()))
    [0, 1, 2]
    """
    rng = np.random.default_rng(seed)  # every stage draws from it in turn: the order is part of the network
    xy, size, side = _place(rng, n_actors)
    nodes = _nodes(rng, n_actors, n_resources, size, supply_share, demand_share)
    prices = _prices(rng, n_resources)
    heatlike = np.arange(n_resources) < (n_resources // 4 if losses else 0)
    t_s, h_s, d_s, radii = _streams(nodes, xy, side, links_per_supplier)
    tail, head, kind, distance, costs, gain, upper = _arcs(rng, nodes, prices, t_s, h_s, d_s, heatlike,
                                                           capacity_share)
    conv, conv_upper, conv_cost = _processes(rng, nodes, processes) if processes else (None, None, None)
    problem = Problem(n_nodes=nodes.n_nodes, tail=tail, head=head, rhs=nodes.rhs, gain=gain, upper=upper,
                      costs=costs, conversion=conv, conv_upper=conv_upper,
                      conv_costs={"cost": conv_cost} if conv_cost is not None else {})
    return Synthetic(problem, xy, nodes.actor, nodes.resource, kind, distance, radii, seed)


def _place(rng: np.random.Generator, n_actors: int) -> tuple[FloatArray, FloatArray, float]:
    """Where the actors are (km; most in parks) and their sizes; the side of the square map."""
    side = float(4.0 * np.sqrt(n_actors))  # km: 500 actors -> ~90 km, 3000 -> ~220 km
    n_parks = max(1, n_actors // 40)
    parks = rng.uniform(0.05 * side, 0.95 * side, size=(n_parks, 2))
    in_park = rng.random(n_actors) < 0.7
    which = rng.integers(0, n_parks, n_actors)
    spread = rng.uniform(2.0, 5.0, n_parks)[which]
    xy = np.where(in_park[:, None], parks[which] + rng.normal(0, 1, (n_actors, 2)) * spread[:, None],
                  rng.uniform(0, side, (n_actors, 2)))
    xy = np.clip(xy, 0, side)
    size = rng.lognormal(0.0, 1.2, n_actors)
    return xy, size, side


@dataclass
class _Nodes:
    """Who supplies and who needs which resource, how much, and the node of each such (actor, resource)."""

    supplies: BoolArray  # actor x resource
    demands: BoolArray
    qty: FloatArray
    is_node: BoolArray
    node_id: IntArray  # actor x resource, -1 where no node
    actor: IntArray  # per node
    resource: IntArray
    rhs: FloatArray

    @property
    def n_nodes(self) -> int:
        """The number of nodes."""
        return int(self.actor.size)


def _nodes(rng: np.random.Generator, n_actors: int, n_resources: int, size: FloatArray, supply_share: float,
           demand_share: float) -> _Nodes:
    """The actors' roles per resource, their quantities (t/yr) and the nodes they make."""
    role = rng.random((n_actors, n_resources))
    supplies = role < supply_share
    demands = (role >= supply_share) & (role < supply_share + demand_share)
    base = rng.lognormal(np.log(2000), 0.8, n_resources)  # t/yr for a median firm
    qty = np.maximum(1.0, np.round(size[:, None] * base[None, :] * rng.lognormal(0, 0.5, (n_actors, n_resources))))
    is_node = supplies | demands
    node_id = np.full((n_actors, n_resources), -1, dtype=np.int64)
    node_id[is_node] = np.arange(int(is_node.sum()))
    node_actor, node_resource = np.nonzero(is_node)
    rhs = np.where(demands, qty, 0.0)[is_node] - np.where(supplies, qty, 0.0)[is_node]
    return _Nodes(supplies, demands, qty, is_node, node_id, node_actor, node_resource, rhs)


def _prices(rng: np.random.Generator, n_resources: int) -> dict[str, FloatArray]:
    """Per resource: virgin price and disposal (DKK/t), transport rate (DKK/(t km)), CO2e of virgin and disposal."""
    price = np.round(rng.uniform(100, 2000, n_resources), 2)  # DKK/t virgin
    disposal = np.round(rng.uniform(0, 0.5, n_resources) * price, 2)  # DKK/t
    rate = np.round(rng.uniform(0.5, 3.0, n_resources), 2)  # DKK/(t km)
    co2_virgin = np.round(rng.uniform(0.01, 0.5, n_resources), 4)  # t CO2e/t
    co2_disposal = np.round(rng.uniform(0.0, 0.2, n_resources), 4)
    return {"price": price, "disposal": disposal, "rate": rate, "co2_virgin": co2_virgin,
            "co2_disposal": co2_disposal}


def _streams(nodes: _Nodes, xy: FloatArray, side: float,
             links_per_supplier: float) -> tuple[IntArray, IntArray, FloatArray, FloatArray]:
    """Candidate links from each supplier to the users of its resource within the resource's radius.

    Returns tail and head nodes, distance (km) per link and the radius per resource.
    """
    from scipy.spatial import cKDTree

    n_resources = nodes.supplies.shape[1]
    tails, heads, dist, radii = [], [], [], np.zeros(n_resources)
    for r in range(n_resources):
        s_act = np.flatnonzero(nodes.supplies[:, r])
        d_act = np.flatnonzero(nodes.demands[:, r])
        if s_act.size and d_act.size:
            radius = np.sqrt(links_per_supplier * side**2 / (np.pi * d_act.size))
            radii[r] = radius
            pairs = cKDTree(xy[s_act]).sparse_distance_matrix(cKDTree(xy[d_act]), radius, output_type="ndarray")
            tails.append(nodes.node_id[s_act[pairs["i"]], r])
            heads.append(nodes.node_id[d_act[pairs["j"]], r])
            dist.append(np.round(pairs["v"], 2))
    t_s = np.concatenate(tails) if tails else np.zeros(0, np.int64)
    h_s = np.concatenate(heads) if heads else np.zeros(0, np.int64)
    d_s = np.concatenate(dist) if dist else np.zeros(0)
    return t_s, h_s, d_s, radii


def _arcs(rng: np.random.Generator, nodes: _Nodes, prices: dict[str, FloatArray], t_s: IntArray, h_s: IntArray,
          d_s: FloatArray, heatlike: BoolArray, capacity_share: float) -> tuple[
        IntArray, IntArray, IntArray, FloatArray, dict[str, FloatArray], FloatArray, FloatArray]:
    """Every arc: the streams, then virgin supply to each demand, then disposal from each supply.

    Returns tail, head, kind, distance, the named costs, gain (losses on heat-like streams) and upper bound.
    """
    r_s = nodes.resource[t_s]
    n_s = t_s.size
    dem_nodes = np.flatnonzero(nodes.demands[nodes.is_node])
    sup_nodes = np.flatnonzero(nodes.supplies[nodes.is_node])
    tail = np.concatenate([t_s, np.full(dem_nodes.size, BOUNDARY), sup_nodes])
    head = np.concatenate([h_s, dem_nodes, np.full(sup_nodes.size, BOUNDARY)])
    kind = np.concatenate([np.full(n_s, STREAM), np.full(dem_nodes.size, VIRGIN), np.full(sup_nodes.size, DISPOSAL)])
    distance = np.concatenate([d_s, np.zeros(dem_nodes.size + sup_nodes.size)])
    r_dem, r_sup = nodes.resource[dem_nodes], nodes.resource[sup_nodes]
    cost = np.concatenate([np.round(prices["rate"][r_s] * d_s + 5.0, 2), prices["price"][r_dem],
                           prices["disposal"][r_sup]])
    co2 = np.concatenate([np.round(1e-4 * d_s, 6), prices["co2_virgin"][r_dem], prices["co2_disposal"][r_sup]])
    gain = np.ones(tail.size)
    loss_km = rng.uniform(0.005, 0.02, int(nodes.supplies.shape[1]))
    lossy = heatlike[r_s]
    gain[:n_s][lossy] = np.round(np.maximum(0.05, 1.0 - loss_km[r_s[lossy]] * d_s[lossy]), 4)
    upper = np.full(tail.size, np.inf)
    capped = rng.random(n_s) < capacity_share
    upper[:n_s][capped] = np.round(rng.uniform(0.2, 1.0, int(capped.sum())) * np.abs(nodes.rhs[t_s[capped]]))
    return tail, head, kind, distance, {"cost": cost, "co2e": co2}, gain, upper


def _processes(rng: np.random.Generator, nodes: _Nodes,
               processes: int) -> tuple[sp.csr_matrix, FloatArray, FloatArray]:
    """Up to ``processes`` conversions, one input resource to one output, at actors holding two resources or more.

    Returns the conversion matrix, each conversion's upper bound and its cost.
    """
    is_node, node_id = nodes.is_node, nodes.node_id
    holds = is_node.sum(axis=1) >= 2
    actors = rng.choice(np.flatnonzero(holds), size=min(processes, int(holds.sum())), replace=False)
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for j, a in enumerate(actors):
        r_in, r_out = rng.choice(np.flatnonzero(is_node[a]), size=2, replace=False)
        rows += [node_id[a, r_in], node_id[a, r_out]]
        cols += [j, j]
        vals += [-1.0, float(np.round(rng.uniform(0.3, 1.5), 2))]
    k = actors.size
    conv = sp.csr_matrix((vals, (rows, cols)), shape=(nodes.n_nodes, k))
    conv_upper = np.round(nodes.qty[actors, 0] + 1.0)
    conv_cost = np.round(rng.uniform(10, 200, k), 2)
    return conv, conv_upper, conv_cost
