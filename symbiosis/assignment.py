"""Which social-economy enterprise should serve which member: a linear (or mixed-integer) programme.

Given the network's ``service_offers`` (an enterprise's capacity in hours per
year of one service, its price per hour and the share of those hours worked by
people in a supporting scheme) and ``service_needs`` (a client's hours per
year of a service and the market price per hour), choose hours ``x[e, m]``
from offer ``e`` to need ``m`` and hours ``y[m]`` bought from ordinary
suppliers at the market price:

    maximise   sum  x[e, m] * share[e] / fte_hours                (supported FTE)
    subject to sum_e x[e, m] + y[m] = hours[m]                    (each need met)
               sum_m x[e, m] <= capacity[e]                       (each offer's capacity)
               sum_e (c[e, m] - p[m]) x[e, m] <= 0                (no extra cost, per need)
               x[e, m] = 0 where price[e] > p[m]                  (market terms: no support)
               x, y >= 0

with ``c[e, m] = price[e] + service_travel_cost x distance(e, m)`` (DKK/h;
distance in km between the two actors' locations). The maximum is found
first; then, holding at least that many FTE, the cost is minimised
(lexicographic). With ``social_value`` (DKK per supported FTE-year) the two
are weighed in one objective instead: minimise cost - social_value x FTE.
With ``min_hours`` a link is either unused or carries at least that many
hours per year, a mixed-integer programme (one binary per pair). Solved by
HiGHS through :func:`scipy.optimize.milp`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.optimize import Bounds, LinearConstraint, milp

from symbiosis.errors import Problem, SymbiosisError
from symbiosis.model import Factor, Network

EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1, lon1, lat2, lon2) -> np.ndarray:
    """Great-circle distance in km between points given in degrees (vectorised).

    >>> round(float(haversine_km(55.0, 11.0, 56.0, 11.0)), 1)
    111.2
    """
    p1, p2 = np.radians(lat1), np.radians(lat2)
    dphi, dlmb = p2 - p1, np.radians(np.asarray(lon2) - np.asarray(lon1))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(a))


@dataclass(frozen=True, eq=False)
class Assignment:
    """The chosen service hours and what they achieve.

    ``links``: provider, client, service, hours, price, market_price,
    distance_km, cost_per_hour (price + travel), cost (DKK/yr), supported_fte.
    ``needs``: client, service, hours, from_social_economy, from_market,
    cost (DKK/yr), market_cost (DKK/yr if all bought at market).
    """

    status: str
    links: pd.DataFrame
    needs: pd.DataFrame
    supported_fte: float
    cost: float
    market_cost: float
    objective: str

    @property
    def extra_cost(self) -> float:
        """Cost above buying everything at market price (DKK/yr); <= 0 by construction."""
        return self.cost - self.market_cost


def pairs(network: Network, factors: dict[str, Factor]) -> pd.DataFrame:
    """Every (offer, need) pair of the same service, with its cost per hour and FTE per hour."""
    from symbiosis.social import factor

    offers, needs = network.service_offers, network.service_needs
    if not offers or not needs:
        raise SymbiosisError([Problem("service_offers" if not offers else "service_needs",
                                      "the service assignment needs service_offers (enterprise, service, "
                                      "capacity_hours, price, supported_share) and service_needs (client, "
                                      "service, hours, market_price)")])
    travel = factor(factors, "service_travel_cost")
    fte_hours = factor(factors, "fte_hours")
    ei, mi = np.meshgrid(np.arange(len(offers)), np.arange(len(needs)), indexing="ij")
    ei, mi = ei.ravel(), mi.ravel()
    same = np.array([offers[e].service == needs[m].service for e, m in zip(ei, mi, strict=True)], dtype=bool)
    ei, mi = ei[same], mi[same]
    loc = network.actor
    lat_e = np.array([loc[offers[e].provider].location.lat for e in ei])
    lon_e = np.array([loc[offers[e].provider].location.lon for e in ei])
    lat_m = np.array([loc[needs[m].client].location.lat for m in mi])
    lon_m = np.array([loc[needs[m].client].location.lon for m in mi])
    dist = haversine_km(lat_e, lon_e, lat_m, lon_m) if len(ei) else np.zeros(0)
    price = np.array([offers[e].price for e in ei])
    market = np.array([needs[m].market_price for m in mi])
    return pd.DataFrame({
        "offer": ei, "need": mi,
        "provider": [offers[e].provider for e in ei], "client": [needs[m].client for m in mi],
        "service": [offers[e].service for e in ei], "price": price, "market_price": market,
        "distance_km": dist, "cost_per_hour": price + travel * dist,
        "fte_per_hour": np.array([offers[e].supported_share for e in ei]) / fte_hours,
        "allowed": price <= market * (1 + 1e-12),
    })


def assign_services(network: Network, factors: dict[str, Factor] | None = None,
                    social_value: float | None = None, min_hours: float = 0.0) -> Assignment:
    """The assignment of service hours that maximises supported jobs at no extra cost (see module doc)."""
    from symbiosis.social import social_factors

    factors = social_factors(network) if factors is None else factors
    pr = pairs(network, factors)
    needs = network.service_needs
    k, n, n_offers = len(pr), len(needs), len(network.service_offers)
    hours = np.array([m.hours for m in needs])
    p_m = np.array([m.market_price for m in needs])
    cap = np.array([o.capacity_hours for o in network.service_offers])
    binary = min_hours > 0
    nv = k + n + (k if binary else 0)  # x (pairs), y (market), z (binary open)
    e_idx, m_idx = pr.offer.to_numpy(), pr.need.to_numpy()
    cols_x = np.arange(k)
    # demand: sum_e x[e,m] + y[m] = hours[m]
    a_dem = sp.csr_matrix((np.ones(k + n), (np.concatenate([m_idx, np.arange(n)]),
                                             np.concatenate([cols_x, k + np.arange(n)]))), shape=(n, nv))
    # capacity: sum_m x[e,m] <= cap[e]
    a_cap = sp.csr_matrix((np.ones(k), (e_idx, cols_x)), shape=(n_offers, nv))
    # no extra cost per need
    a_bud = sp.csr_matrix(((pr.cost_per_hour - pr.market_price).to_numpy(), (m_idx, cols_x)), shape=(n, nv))
    cons = [LinearConstraint(a_dem, hours, hours), LinearConstraint(a_cap, -np.inf, cap),
            LinearConstraint(a_bud, -np.inf, 0.0)]
    upper_x = np.where(pr.allowed, np.minimum(cap[e_idx], hours[m_idx]), 0.0)
    lo = np.zeros(nv)
    hi = np.concatenate([upper_x, hours, np.ones(k) if binary else []])
    integrality = np.concatenate([np.zeros(k + n), np.ones(k) if binary else []])
    if binary:  # min_hours z <= x <= upper z
        rows = np.concatenate([np.arange(k), np.arange(k)])
        link = sp.csr_matrix((np.concatenate([np.ones(k), -upper_x]),
                              (rows, np.concatenate([cols_x, k + n + cols_x]))), shape=(k, nv))
        floor = sp.csr_matrix((np.concatenate([np.ones(k), -np.full(k, min_hours)]),
                               (rows, np.concatenate([cols_x, k + n + cols_x]))), shape=(k, nv))
        cons += [LinearConstraint(link, -np.inf, 0.0), LinearConstraint(floor, 0.0, np.inf)]
    fte = np.concatenate([pr.fte_per_hour.to_numpy(), np.zeros(n + (k if binary else 0))])
    cost = np.concatenate([pr.cost_per_hour.to_numpy(), p_m, np.zeros(k if binary else 0)])
    bounds = Bounds(lo, hi)

    def run(c, extra=()):
        res = milp(c, constraints=cons + list(extra), bounds=bounds, integrality=integrality)
        if res.x is None:
            raise SymbiosisError([Problem("service_needs", f"the service assignment found no solution "
                                          f"({res.message})")])
        return res.x

    if social_value is None:
        x = run(-fte)
        best = float(fte @ x)
        x = run(cost, [LinearConstraint(fte.reshape(1, -1), best * (1 - 1e-9) - 1e-12, np.inf)])
        objective = "max supported FTE, then min cost"
    else:
        if social_value < 0:
            raise SymbiosisError([Problem("--weights", f"social={social_value:g} must not be negative "
                                          "(DKK per supported FTE-year)")])
        x = run(cost - social_value * fte)
        objective = f"min cost - {social_value:g} DKK x supported FTE"
    xs, ys = np.where(np.abs(x[:k]) > 1e-7, x[:k], 0.0), x[k:k + n]
    links = pr.assign(hours=xs, cost=xs * pr.cost_per_hour, supported_fte=xs * pr.fte_per_hour)
    links = links[links.hours > 0][["provider", "client", "service", "hours", "price", "market_price",
                                    "distance_km", "cost_per_hour", "cost", "supported_fte"]].reset_index(drop=True)
    social_hours = np.bincount(m_idx, weights=xs, minlength=n)
    social_cost = np.bincount(m_idx, weights=xs * pr.cost_per_hour.to_numpy(), minlength=n)
    need_table = pd.DataFrame({"client": [m.client for m in needs], "service": [m.service for m in needs],
                               "hours": hours, "from_social_economy": social_hours, "from_market": ys,
                               "cost": social_cost + ys * p_m, "market_cost": hours * p_m})
    return Assignment("optimal", links, need_table, float(links.supported_fte.sum()),
                      float(need_table.cost.sum()), float(need_table.market_cost.sum()), objective)


@dataclass(frozen=True, eq=False)
class ServiceProblem:
    """Service hours as a flow problem: who can serve which need, at what cost and with how many jobs.

    ``problem`` has one node per need (``rhs`` = its hours per year) and per
    offer, an arc per allowed (offer, need) pair, a boundary arc into each
    offer (its capacity in hours) and a market arc into each need. Its named
    costs: ``cost`` (DKK per hour: price + travel on a pair, the market price
    on a market arc) and ``social`` (minus the FTE-years one hour supports,
    so that minimising it maximises jobs). ``pairs`` (see :func:`pairs`) has
    the pair arcs' rows in order, after them come the market arcs, then the
    offers' supply arcs.
    """

    problem: object  # flows.Problem
    pairs: pd.DataFrame


def service_problem(network: Network, factors: dict[str, Factor] | None = None) -> ServiceProblem:
    """The service assignment without its no-extra-cost rule, as a :class:`flows.Problem` to trade off.

    Pairs whose price is above the need's market price stay closed (market
    terms, as in :func:`assign_services`); the per-need "no extra cost" row
    is left out, since how much extra cost buys how many jobs is what a
    trade-off shows.
    """
    from flows import Problem
    from symbiosis.social import social_factors

    factors = social_factors(network) if factors is None else factors
    pr = pairs(network, factors)
    pr = pr[pr.allowed].reset_index(drop=True)
    needs, offers = network.service_needs, network.service_offers
    n, e = len(needs), len(offers)
    k = len(pr)
    tail = np.concatenate([n + pr.offer.to_numpy(), np.full(n + e, -1)])
    head = np.concatenate([pr.need.to_numpy(), np.arange(n), n + np.arange(e)])
    upper = np.concatenate([np.full(k + n, np.inf), [o.capacity_hours for o in offers]])
    cost = np.concatenate([pr.cost_per_hour.to_numpy(), [m.market_price for m in needs], np.zeros(e)])
    social = np.concatenate([-pr.fte_per_hour.to_numpy(), np.zeros(n + e)])
    rhs = np.concatenate([[m.hours for m in needs], np.zeros(e)])
    problem = Problem(n_nodes=n + e, tail=tail, head=head, rhs=rhs, upper=upper,
                      costs={"cost": cost, "social": social})
    return ServiceProblem(problem, pr)
