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

from flows.problem import BOUNDARY, Problem

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
    from scipy.spatial import cKDTree

    rng = np.random.default_rng(seed)
    side = 4.0 * np.sqrt(n_actors)  # km: 500 actors -> ~90 km, 3000 -> ~220 km
    n_parks = max(1, n_actors // 40)
    parks = rng.uniform(0.05 * side, 0.95 * side, size=(n_parks, 2))
    in_park = rng.random(n_actors) < 0.7
    which = rng.integers(0, n_parks, n_actors)
    spread = rng.uniform(2.0, 5.0, n_parks)[which]
    xy = np.where(in_park[:, None], parks[which] + rng.normal(0, 1, (n_actors, 2)) * spread[:, None],
                  rng.uniform(0, side, (n_actors, 2)))
    xy = np.clip(xy, 0, side)
    size = rng.lognormal(0.0, 1.2, n_actors)

    role = rng.random((n_actors, n_resources))
    supplies = role < supply_share
    demands = (role >= supply_share) & (role < supply_share + demand_share)
    base = rng.lognormal(np.log(2000), 0.8, n_resources)  # t/yr for a median firm
    qty = np.maximum(1.0, np.round(size[:, None] * base[None, :] * rng.lognormal(0, 0.5, (n_actors, n_resources))))

    is_node = supplies | demands
    node_id = np.full((n_actors, n_resources), -1, dtype=np.int64)
    node_id[is_node] = np.arange(int(is_node.sum()))
    node_actor, node_resource = np.nonzero(is_node)
    n_nodes = node_actor.size
    rhs = np.where(demands, qty, 0.0)[is_node] - np.where(supplies, qty, 0.0)[is_node]

    price = np.round(rng.uniform(100, 2000, n_resources), 2)  # DKK/t virgin
    disposal = np.round(rng.uniform(0, 0.5, n_resources) * price, 2)  # DKK/t
    rate = np.round(rng.uniform(0.5, 3.0, n_resources), 2)  # DKK/(t km)
    co2_virgin = np.round(rng.uniform(0.01, 0.5, n_resources), 4)  # t CO2e/t
    co2_disposal = np.round(rng.uniform(0.0, 0.2, n_resources), 4)
    heatlike = np.arange(n_resources) < (n_resources // 4 if losses else 0)

    tails, heads, kinds, dist, radii = [], [], [], [], np.zeros(n_resources)
    for r in range(n_resources):
        s_act = np.flatnonzero(supplies[:, r])
        d_act = np.flatnonzero(demands[:, r])
        if s_act.size and d_act.size:
            radius = np.sqrt(links_per_supplier * side**2 / (np.pi * d_act.size))
            radii[r] = radius
            pairs = cKDTree(xy[s_act]).sparse_distance_matrix(cKDTree(xy[d_act]), radius, output_type="ndarray")
            tails.append(node_id[s_act[pairs["i"]], r])
            heads.append(node_id[d_act[pairs["j"]], r])
            dist.append(np.round(pairs["v"], 2))
            kinds.append(np.full(pairs.size, STREAM))
    t_s = np.concatenate(tails) if tails else np.zeros(0, np.int64)
    h_s = np.concatenate(heads) if heads else np.zeros(0, np.int64)
    d_s = np.concatenate(dist) if dist else np.zeros(0)
    r_s = node_resource[t_s]
    n_s = t_s.size
    dem_nodes = np.flatnonzero(demands[is_node])
    sup_nodes = np.flatnonzero(supplies[is_node])

    tail = np.concatenate([t_s, np.full(dem_nodes.size, BOUNDARY), sup_nodes])
    head = np.concatenate([h_s, dem_nodes, np.full(sup_nodes.size, BOUNDARY)])
    kind = np.concatenate([np.full(n_s, STREAM), np.full(dem_nodes.size, VIRGIN), np.full(sup_nodes.size, DISPOSAL)])
    distance = np.concatenate([d_s, np.zeros(dem_nodes.size + sup_nodes.size)])
    r_dem, r_sup = node_resource[dem_nodes], node_resource[sup_nodes]
    cost = np.concatenate([np.round(rate[r_s] * d_s + 5.0, 2), price[r_dem], disposal[r_sup]])
    co2 = np.concatenate([np.round(1e-4 * d_s, 6), co2_virgin[r_dem], co2_disposal[r_sup]])
    gain = np.ones(tail.size)
    loss_km = rng.uniform(0.005, 0.02, n_resources)
    lossy = heatlike[r_s]
    gain[:n_s][lossy] = np.round(np.maximum(0.05, 1.0 - loss_km[r_s[lossy]] * d_s[lossy]), 4)
    upper = np.full(tail.size, np.inf)
    capped = rng.random(n_s) < capacity_share
    upper[:n_s][capped] = np.round(rng.uniform(0.2, 1.0, int(capped.sum())) * np.abs(rhs[t_s[capped]]))

    conv = None
    conv_upper = conv_cost = None
    if processes:
        holds = is_node.sum(axis=1) >= 2
        actors = rng.choice(np.flatnonzero(holds), size=min(processes, int(holds.sum())), replace=False)
        rows, cols, vals = [], [], []
        for j, a in enumerate(actors):
            r_in, r_out = rng.choice(np.flatnonzero(is_node[a]), size=2, replace=False)
            rows += [node_id[a, r_in], node_id[a, r_out]]
            cols += [j, j]
            vals += [-1.0, float(np.round(rng.uniform(0.3, 1.5), 2))]
        k = actors.size
        conv = sp.csr_matrix((vals, (rows, cols)), shape=(n_nodes, k))
        conv_upper = np.round(qty[actors, 0] + 1.0)
        conv_cost = np.round(rng.uniform(10, 200, k), 2)

    problem = Problem(n_nodes=n_nodes, tail=tail, head=head, rhs=rhs, gain=gain, upper=upper,
                      costs={"cost": cost, "co2e": co2}, conversion=conv, conv_upper=conv_upper,
                      conv_costs={"cost": conv_cost} if conv_cost is not None else {})
    return Synthetic(problem, xy, node_actor, node_resource, kind, distance, radii, seed)
