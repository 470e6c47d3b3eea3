"""Which social-economy enterprise should serve which member: a linear (or mixed-integer) programme.

Why so long: this notes' programme and the numpydoc sections of the public API (about 170 lines of
docstrings); the code is under 300.

Given the offers (the network's ``service_offers``, and each ``catalogue``
entry whose capacity, price and supported share are all known: an
enterprise's capacity in hours per year of one service, its price per hour and
the share of those hours worked by people in a supporting scheme; see
:func:`offers`) and ``service_needs`` (a client's hours per
year of a service and the market price per hour), choose hours ``x[e, m]``
from offer ``e`` to need ``m`` and hours ``y[m]`` bought from ordinary
suppliers at the market price:

    maximise   sum  x[e, m] * share[e] / fte_hours * job[e]       (FTE in supported jobs)
    subject to sum_e x[e, m] + y[m] = hours[m]                    (each need met)
               sum_m x[e, m] <= capacity[e]                       (each offer's capacity)
               sum_e (c[e, m] - p[m]) x[e, m] <= 0                (no extra cost, per need)
               x[e, m] = 0 where price[e] > p[m]                  (market terms: no support)
               x[e, m] = 0 where need m requires what offer e does not meet  (task fit)
               sum_{e at w, m} x[e, m] * share[e] / fte_hours <= room[w]   (§ 65 at workplace w)
               x, y >= 0

``job[e]`` is 1 for a job (fleksjob, småjob, løntilskud) and 0 for an offer
or forløb (virksomhedspraktik, ressourceforløb, nytteindsats): a praktik FTE
does not count like a fleksjob FTE. Offers are **counted apart**
(``offer_fte``), not maximised. ``room[w]`` is what § 65 still allows at the
provider's workplace (:func:`symbiosis.social.rules.ratio_limit` of its
ordinary staff less the people placed there, from its ``workplaces`` row)
for the offers in praktik, løntilskud, nytteindsats or ressourceforløb; a
provider without a complete row is not capped, and the output says so.
Task fit: a need's ``requires`` (GMP area, safety zone...) must all be in
the offer's ``meets``, else the pair is closed.

with ``c[e, m] = price[e] + service_travel_cost x distance(e, m)`` (DKK/h;
distance in km between the two actors' locations). The maximum is found
first; then, holding at least that many FTE, the cost is minimised
(lexicographic). With ``social_value`` (DKK per supported FTE-year) the two
are weighed in one objective instead: minimise cost - social_value x FTE.
With ``min_hours`` a link is either unused or carries at least that many
hours per year, a mixed-integer programme (one binary per pair). Solved by
HiGHS through :func:`scipy.optimize.milp` (:func:`symbiosis.engine.assign_hours`).

Each link chosen is checked against the members' own agreements
(:func:`agreements_needed`): covered by a signed agreement with that
enterprise, or a new per-member agreement under the framework agreement is
needed; a public buyer's new contract is valued like
:func:`symbiosis.social.market.check_procurement` (4 years of the link, with
its running links of the same service) and marked as needing an udbud above
the year's EU threshold. What the assignment does not consider is listed in
``Assignment.not_considered``. Where the data do not allow an assignment,
:func:`missing_inputs` names the fields to fill in.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol, cast

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from symbiosis import parameters as P
from symbiosis.engine import ServiceProblem, assign_hours, service_problem
from symbiosis.errors import bad_field, bad_parameter
from symbiosis.model import Factor, Network, ServiceOffer
from symbiosis.present.social_wording import words
from symbiosis.social import social_factors
from symbiosis.social.factors import factor
from symbiosis.social.jobs import links_in_year
from symbiosis.social.market import contract_value, procurement_threshold
from symbiosis.social.rules import RATIO_SCHEMES, WORKPLACE_FIELDS, buyer, ratio_limit

__all__ = ["Assignment", "EARTH_RADIUS_KM", "agreements_needed", "assign_services", "haversine_km", "missing_inputs",
           "offers", "pairs", "service_hours"]

EARTH_RADIUS_KM = 6371.0088
#: Schemes that are jobs (employment with a wage); the rest are offers or forløb, counted apart.
JOB_SCHEMES = ("fleksjob", "småjob", "løntilskud")
OFFER_SCHEMES = ("virksomhedspraktik", "ressourceforløb", "nytteindsats")
#: What the assignment leaves out, whatever the data (the data-dependent gaps are added per run).
NOT_CONSIDERED = (
    "the people's own wishes, skills and health beyond the task-fit requirements declared (requires/meets)",
    "the duration limits of virksomhedspraktik and løntilskud, and løntilskud's net-expansion rule",
    "a public buyer's purchases of the same service outside this network, which count towards the threshold",
    "the written statement § 65 stk. 6 asks for before placements (see the rule checks)",
    "travel time; travel enters only as a cost per hour and km",
)


def haversine_km(lat1: ArrayLike, lon1: ArrayLike, lat2: ArrayLike, lon2: ArrayLike) -> NDArray[np.float64]:
    """Great-circle distance in km between points given in degrees (vectorised).

    Parameters
    ----------
    lat1, lon1 : float or array_like
        The first points' latitude and longitude, degrees.
    lat2, lon2 : float or array_like
        The second points' latitude and longitude, degrees (broadcast against the first).

    Returns
    -------
    numpy.ndarray
        The distance between each pair of points, km.

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

    ``links``: provider, client, service, scheme, hours, price, market_price,
    distance_km, cost_per_hour (price + travel), cost (DKK/yr), supported_fte
    (FTE in jobs) and offer_fte (FTE in praktik, ressourceforløb or
    nytteindsats, counted apart). ``supported_fte`` is the jobs' total,
    ``offer_fte`` the offers'; ``not_considered`` says in words what the
    assignment leaves out.
    ``needs``: client, service, hours, from_social_economy, from_market,
    cost (DKK/yr), market_cost (DKK/yr if all bought at market).
    ``agreements``: per link, the agreement that covers it or the one it needs
    (:func:`agreements_needed`).

    Parameters
    ----------
    status : str
        The programme's status (``optimal``).
    links : pandas.DataFrame
        The chosen links (columns above).
    needs : pandas.DataFrame
        Per need, where its hours come from (columns above).
    supported_fte : float
        FTE in supported jobs, FTE-years per year.
    cost : float
        What the needs cost with the assignment, DKK/yr.
    market_cost : float
        What they cost bought at market, DKK/yr.
    objective : str
        The objective, in words.
    agreements : pandas.DataFrame, optional
        Per link, the agreement that covers it or the one it needs.
    offer_fte : float
        FTE in offers and forløb, counted apart, FTE-years per year.
    not_considered : tuple of str
        What the assignment leaves out, in words.
    """

    status: str
    links: pd.DataFrame
    needs: pd.DataFrame
    supported_fte: float
    cost: float
    market_cost: float
    objective: str
    agreements: pd.DataFrame | None = None
    offer_fte: float = 0.0
    not_considered: tuple[str, ...] = ()

    @property
    def extra_cost(self) -> float:
        """Cost above buying everything at market price (DKK/yr); <= 0 by construction."""
        return self.cost - self.market_cost


def offers(network: Network) -> list[ServiceOffer]:
    """The offers the assignment may use: the network's ``service_offers``, then each ``catalogue``
    entry with capacity, price and supported share all known (unless an offer of the same provider
    and service is already there)."""
    out = list(network.service_offers)
    have = {(o.provider, o.service) for o in out}
    for e in network.catalogue:
        if e.capacity_hours is None or e.price is None or e.supported_share is None \
                or (e.provider, e.service) in have:
            continue
        out.append(ServiceOffer(provider=e.provider, service=e.service, capacity_hours=e.capacity_hours,
                                price=e.price, supported_share=e.supported_share, scheme=e.scheme or "unknown",
                                meets=e.meets, provenance=e.provenance))
    return out


def missing_inputs(network: Network) -> list[str]:
    """What keeps the assignment from running, field by field (empty when it can run).

    Parameters
    ----------
    network : Network
        The network.

    Returns
    -------
    list of str
        One line per field to fill in.
    """
    out = []
    if not offers(network):
        for i, e in enumerate(network.catalogue):
            gaps = [f for f in ("capacity_hours", "price", "supported_share") if getattr(e, f) is None]
            out.append(f"catalogue[{i}] ({e.provider}, {e.service}): give {', '.join(gaps)}")
        if not network.catalogue:
            out.append("service_offers or catalogue: no enterprise's service with capacity_hours, price and "
                       "supported_share")
    if not network.service_needs:
        out.append("service_needs: no member's hours of a service and market price (DKK/h) are recorded")
    return out


def pairs(network: Network, factors: dict[str, Factor]) -> pd.DataFrame:
    """Every (offer, need) pair of the same service, with its cost per hour and FTE per hour."""
    offers_, needs = offers(network), network.service_needs
    if not offers_ or not needs:
        raise bad_field("service_offers" if not offers_ else "service_needs",
                        "the service assignment needs service_offers (enterprise, service, "
                        "capacity_hours, price, supported_share; or catalogue entries with all three) "
                        "and service_needs (client, service, hours, market_price)")
    travel = factor(factors, "service_travel_cost")
    fte_hours = factor(factors, "fte_hours")
    ei: NDArray[np.intp]
    mi: NDArray[np.intp]
    ei, mi = np.meshgrid(np.arange(len(offers_)), np.arange(len(needs)), indexing="ij")
    ei, mi = ei.ravel(), mi.ravel()
    same = np.array([offers_[e].service == needs[m].service for e, m in zip(ei, mi, strict=True)], dtype=bool)
    ei, mi = ei[same], mi[same]
    loc = network.actor
    lat_e = np.array([loc[offers_[e].provider].location.lat for e in ei])
    lon_e = np.array([loc[offers_[e].provider].location.lon for e in ei])
    lat_m = np.array([loc[needs[m].client].location.lat for m in mi])
    lon_m = np.array([loc[needs[m].client].location.lon for m in mi])
    dist = haversine_km(lat_e, lon_e, lat_m, lon_m) if len(ei) else np.zeros(0)
    price = np.array([offers_[e].price for e in ei])
    market = np.array([needs[m].market_price for m in mi])
    schemes = [offers_[e].scheme for e in ei]
    per_hour = np.array([offers_[e].supported_share for e in ei]) / fte_hours
    job = np.array([sc in JOB_SCHEMES for sc in schemes], dtype=bool)
    unfit = ["; ".join(sorted(set(needs[m].requires) - set(offers_[e].meets))) for e, m in zip(ei, mi, strict=True)]
    return pd.DataFrame({
        "offer": ei, "need": mi,
        "provider": [offers_[e].provider for e in ei], "client": [needs[m].client for m in mi],
        "service": [offers_[e].service for e in ei], "scheme": schemes, "price": price, "market_price": market,
        "distance_km": dist, "cost_per_hour": price + travel * dist,
        "fte_per_hour": np.where(job, per_hour, 0.0),
        "offer_fte_per_hour": np.where([sc in OFFER_SCHEMES for sc in schemes], per_hour, 0.0),
        "placed_per_hour": np.where([sc in RATIO_SCHEMES for sc in schemes], per_hour, 0.0),
        "unfit": unfit,
        "allowed": (price <= market * (1 + 1e-12)) & np.array([not u for u in unfit], dtype=bool),
    })


def section65_room(network: Network) -> dict[str, tuple[float | None, str]]:
    """For each provider of an offer in a § 65 scheme: the FTE more that § 65 allows at its workplace,
    or None and why (no single complete ``workplaces`` row).

    room = :func:`~symbiosis.social.rules.ratio_limit` (employees - subsidised -
    under 18) - (praktik + løntilskud + nytteindsats), at least 0.
    """
    out: dict[str, tuple[float | None, str]] = {}
    for provider in sorted({o.provider for o in offers(network) if o.scheme in RATIO_SCHEMES}):
        rows = [(i, w) for i, w in enumerate(network.workplaces) if w.actor == provider]
        if len(rows) != 1:
            out[provider] = (None, "no workplaces row" if not rows else "several workplaces rows (P-numbers)")
            continue
        i, w = rows[0]
        missing = [f for f in WORKPLACE_FIELDS if getattr(w, f) is None]
        if missing:
            out[provider] = (None, f"give workplaces[{i}].{missing[0]}")
            continue
        assert (w.employees_fte is not None and w.subsidised_fte is not None and w.under_18_fte is not None
                and w.praktik_fte is not None and w.loentilskud_fte is not None
                and w.nytteindsats_fte is not None)  # for the type checker: ``missing`` is empty
        limit = ratio_limit(w.employees_fte - w.subsidised_fte - w.under_18_fte)
        out[provider] = (max(0.0, limit - (w.praktik_fte + w.loentilskud_fte + w.nytteindsats_fte)),
                         f"workplaces[{i}]: limit {limit}")
    return out


def _procurement(network: Network, client: str, service: str, annual: float, factors: dict[str, Factor]
                 ) -> tuple[str, str]:
    """(status, words) for a public buyer's new contract of ``annual`` DKK/yr: with its running links of the
    same service, valued like :func:`symbiosis.social.market.check_procurement`."""
    threshold, authority = procurement_threshold(network, client, factors, network.year)
    if threshold is None:
        return "not checked", f"procurement not checked: {words(authority)}"
    running = [x for x in links_in_year(network, network.year) if x.client == client and x.service == service]
    if any(x.annual_value is None for x in running):
        return "not checked", "procurement not checked: a running link of the same service has no annual_value"
    value = contract_value(annual, network.year, None)[0] + sum(
        contract_value(x.annual_value.value, x.start, x.end)[0] for x in running if x.annual_value is not None)
    if value > threshold:
        return "udbud needed", (f"needs an udbud: contract value {value:,.0f} DKK (4 years, with the running links "
                                f"of the same service) above the {network.year} EU threshold {threshold:,.0f} DKK")
    return "below threshold", (f"contract value {value:,.0f} DKK below the {network.year} EU threshold "
                               f"{threshold:,.0f} DKK: a direct award is allowed")


class _LinkRow(Protocol):
    """A row of a links table (:attr:`Assignment.links`) as ``itertuples`` gives it."""

    client: str
    provider: str
    service: str
    hours: float
    price: float


def agreements_needed(network: Network, links: pd.DataFrame, factors: dict[str, Factor] | None = None
                      ) -> pd.DataFrame:
    """For each chosen link (provider, client, service, hours): the member's signed agreement that
    covers it, or the agreement it needs.

    Covered: a signed agreement of the client, running in the network's year,
    naming the provider and (if it lists services) the service. Otherwise a
    new per-member agreement under the network's framework agreement; a public
    buyer buys through the procurement rules (Kalundborg's strategy: no tender
    may be limited to local firms or an ownership form): ``procurement`` says
    ``udbud needed``, ``below threshold`` or ``not checked`` (empty for a
    private buyer or a covered link).
    Columns: client, provider, service, hours, agreement (id or ''), action, procurement.
    """
    factors = social_factors(network) if factors is None else factors
    names = {a.id: a.name for a in network.actors}
    framework = network.frameworks[0].id if network.frameworks else None
    rows = []
    for r in cast(Iterable[_LinkRow], links.itertuples()):
        covering = [a for a in network.agreements
                    if a.member == r.client and a.status == "signed" and a.runs_in(network.year)
                    and r.provider in a.enterprises and (not a.services or r.service in a.services)]
        procurement = ""
        if covering:
            agreement, action = covering[0].id, f"covered by {covering[0].id}"
        else:
            agreement = ""
            action = (f"new agreement: {names[r.client]} with {names[r.provider]} for '{r.service}', "
                      f"{r.hours:,.0f} h/yr" + (f", under {framework}" if framework else ""))
            if buyer(network, r.client)[0] == "public":
                procurement, words = _procurement(network, r.client, r.service, r.hours * r.price, factors)
                action += f"; a public buyer (udbudsloven): {words}"
        rows.append({"client": r.client, "provider": r.provider, "service": r.service, "hours": r.hours,
                     "agreement": agreement, "action": action, "procurement": procurement})
    return pd.DataFrame(rows, columns=["client", "provider", "service", "hours", "agreement", "action",
                                       "procurement"])


def assign_services(network: Network, factors: dict[str, Factor] | None = None,
                    social_value: float | None = None, min_hours: float = 0.0) -> Assignment:
    """The assignment of service hours that maximises supported jobs at no extra cost (see module doc).

    Parameters
    ----------
    network : Network
        With ``service_offers`` and ``service_needs``.
    factors : dict, optional
        The social factors (``service_travel_cost``, ``fte_hours``); default the network's.
    social_value : float, optional
        DKK per supported FTE-year: weigh jobs against cost in one objective instead.
    min_hours : float
        The smallest contract, hours per year; above 0 a mixed-integer programme.

    Returns
    -------
    Assignment
        The chosen hours and what they achieve.

    Raises
    ------
    SymbiosisError
        For a ``social_value`` or ``min_hours`` below 0 or not finite, or a network without offers or needs.
    """
    if social_value is not None and not (math.isfinite(social_value) and social_value >= 0):
        raise bad_parameter("social_value", f"{social_value:g} is not a value of a job; give DKK per supported "
                            "FTE-year, 0 or more")
    P.MIN_HOURS.check(min_hours)
    factors = social_factors(network) if factors is None else factors
    pr = pairs(network, factors)
    needs = network.service_needs
    hours = np.array([m.hours for m in needs])
    p_m = np.array([m.market_price for m in needs])
    cap = np.array([o.capacity_hours for o in offers(network)])
    rooms = section65_room(network)
    caps = [(np.where(pr.provider == w, pr.placed_per_hour, 0.0), room) for w, (room, _) in rooms.items()
            if room is not None]
    xs, ys, objective = assign_hours(pr, hours, p_m, cap, social_value, min_hours, caps)
    m_idx = pr.need.to_numpy()
    links = pr.assign(hours=xs, cost=xs * pr.cost_per_hour, supported_fte=xs * pr.fte_per_hour,
                      offer_fte=xs * pr.offer_fte_per_hour)
    links = links[links.hours > 0][["provider", "client", "service", "scheme", "hours", "price", "market_price",
                                    "distance_km", "cost_per_hour", "cost", "supported_fte", "offer_fte"]
                                   ].reset_index(drop=True)
    social_hours = np.bincount(m_idx, weights=xs, minlength=len(needs))
    social_cost = np.bincount(m_idx, weights=xs * pr.cost_per_hour.to_numpy(), minlength=len(needs))
    need_table = pd.DataFrame({"client": [m.client for m in needs], "service": [m.service for m in needs],
                               "hours": hours, "from_social_economy": social_hours, "from_market": ys,
                               "cost": social_cost + ys * p_m, "market_cost": hours * p_m})
    return Assignment("optimal", links, need_table, float(links.supported_fte.sum()),
                      float(need_table.cost.sum()), float(need_table.market_cost.sum()),
                      objective,
                      agreements_needed(network, links, factors), float(links.offer_fte.sum()),
                      _not_considered(network, pr, rooms))


class _PairRow(Protocol):
    """A row of :func:`pairs` as ``itertuples`` gives it (the columns read here)."""

    provider: str
    client: str
    scheme: str
    unfit: str


def _not_considered(network: Network, pr: pd.DataFrame, rooms: dict[str, tuple[float | None, str]]
                    ) -> tuple[str, ...]:
    """:data:`NOT_CONSIDERED` and what this network's data leave out."""
    out = list(NOT_CONSIDERED)
    for provider, (room, why) in rooms.items():
        if room is None:
            out.append(f"§ 65 at {network.actor[provider].name}: not checked ({why}), so its placements are "
                       "not capped")
    if not any(m.requires for m in network.service_needs):
        out.append("task fit (GMP areas, safety zones): no need declares what it requires")
    closed = pr[pr.unfit != ""]
    if len(closed):
        out.append(f"task fit closed {len(closed)} pair(s): " + ", ".join(
            f"{r.provider} for {r.client} ({r.unfit})" for r in cast(Iterable[_PairRow], closed.itertuples())))
    unknown = sorted({r.provider for r in cast(Iterable[_PairRow], pr.itertuples())
                      if r.scheme not in JOB_SCHEMES + OFFER_SCHEMES})
    if unknown:
        out.append(f"hours of {', '.join(unknown)} in a scheme not recorded count neither as jobs nor as offers")
    return tuple(out)


def service_hours(network: Network, factors: dict[str, Factor] | None = None) -> ServiceProblem:
    """The service assignment without its no-extra-cost rule, as a flow problem to trade off against
    the network's flows (see :func:`symbiosis.engine.service_problem`).

    Pairs whose price is above the need's market price stay closed (market
    terms, as in :func:`assign_services`).
    """
    factors = social_factors(network) if factors is None else factors
    pr = pairs(network, factors)
    return service_problem(pr, np.array([m.hours for m in network.service_needs]),
                           np.array([m.market_price for m in network.service_needs]),
                           np.array([o.capacity_hours for o in offers(network)]))
