"""Danish rules as checks with findings a planner can act on.

* :func:`check_market_price`: a service priced above the market price is
  support, which is not allowed (Konkurrencestyrelsen, Vejledning om
  konkurrenceforvridende støtte; Kalundborg Symbiose's framework agreement:
  the social-economy projects must live on market terms). A price far below
  the market is flagged too: activation production must not distort
  competition (LAB § 33, VEJ nr. 9066 af 11/01/2005).
* :func:`check_ratio`: the rimelighedskrav of BEK nr. 2636 af 28/12/2021 § 65,
  persons in virksomhedspraktik and løntilskud per ordinary employee.
* :func:`check_flexjob`: fleksjob wage and subsidy arithmetic where wages are given.

Each check returns :class:`RuleFinding` rows, one per item checked, with status
``ok``, ``violation``, ``warning`` or ``not checked`` (and why).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from symbiosis.model import Factor, Network

__all__ = ["RATIO_SCHEMES", "RuleFinding", "STATUSES", "SUBSIDISED", "check_all", "check_flexjob",
           "check_market_price", "check_ratio", "ratio_limit"]

STATUSES = ("violation", "warning", "not checked", "ok")


@dataclass(frozen=True)
class RuleFinding:
    """The result of one rule on one item: where it is, what is wrong and by how much."""

    rule: str
    status: str
    where: str
    subject: str
    message: str
    amount: float | None = None
    unit: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _running(network: Network, year: int | None):
    from symbiosis.social.jobs import links_in_year

    return [(network.service_links.index(link), link) for link in links_in_year(network, year)]


# -- market price ----------------------------------------------------------------
def check_market_price(network: Network, year: int | None = None, below: float = 0.10) -> list[RuleFinding]:
    """Each running service link's price against its market price.

    Above the market price: a ``violation``, naming the link, the excess per
    unit and, with ``annual_value``, the support per year (DKK/yr =
    annual_value x (price - market) / price). More than ``below`` (share)
    under the market price: a ``warning`` (possible competition distortion).
    """
    out = []
    for i, link in _running(network, year):
        where = f"service_links[{i}]"
        if link.price is None or link.market_price is None:
            missing = " and ".join(n for n in ("price", "market_price") if getattr(link, n) is None)
            out.append(RuleFinding("market price", "not checked", where, link.id,
                               f"{link.id}: give {missing} to check the price against the market"))
            continue
        p, m = link.price, link.market_price
        if p > m * (1 + 1e-9):
            per_year = link.annual_value.value * (p - m) / p if link.annual_value else None
            extra = f"; {per_year:,.0f} DKK/yr of support on {link.annual_value.value:,.0f} DKK/yr" \
                if per_year is not None else ""
            out.append(RuleFinding("market price", "violation", f"{where}.price", link.id,
                               f"{link.client} pays {link.provider} {p:,.2f} for '{link.service}' against a market "
                               f"price of {m:,.2f}: {p - m:,.2f} ({(p - m) / m:.0%}) above market is support, which "
                               f"is not allowed{extra}; lower the price to {m:,.2f}",
                               per_year if per_year is not None else p - m,
                               "DKK/yr" if per_year is not None else "DKK/unit"))
        elif m > 0 and p < m * (1 - below):
            out.append(RuleFinding("market price", "warning", f"{where}.price", link.id,
                               f"{link.provider} sells '{link.service}' to {link.client} at {p:,.2f}, "
                               f"{(m - p) / m:.0%} below the market price {m:,.2f}: subsidised labour priced "
                               "under the market can distort competition; check the price", m - p, "DKK/unit"))
        else:
            out.append(RuleFinding("market price", "ok", f"{where}.price", link.id,
                               f"{link.id}: {p:,.2f} against market {m:,.2f}"))
    return out


# -- rimelighedskrav ---------------------------------------------------------------
RATIO_SCHEMES = ("virksomhedspraktik", "løntilskud")  # + nytteindsats, not a scheme in the model
SUBSIDISED = ("fleksjob", "løntilskud")  # employees with public wage subsidy, not 'ordinary'


def ratio_limit(ordinary_fte: float) -> int:
    """The most persons in virksomhedspraktik + løntilskud at a workplace (§ 65).

    1 per 5 ordinary employees for the first 50 (always at least 1), plus 1
    per 10 ordinary employees beyond 50; employees counted in FTE, rounded down.

    >>> [ratio_limit(e) for e in (0, 9.5, 10, 24, 50, 59, 60, 120)]
    [1, 1, 2, 4, 10, 10, 11, 17]
    """
    e = max(0.0, ordinary_fte)
    return max(1, math.floor(min(e, 50.0) / 5 + 1e-9)) + math.floor(max(0.0, e - 50.0) / 10 + 1e-9)


def check_ratio(network: Network, year: int | None = None) -> list[RuleFinding]:
    """The rimelighedskrav at each social-economy enterprise with people in virksomhedspraktik or løntilskud.

    Ordinary employees = the actor's ``employees`` (FTE on the payroll) minus
    FTE in fleksjob and løntilskud on its links. Persons in the schemes are
    counted in FTE where recorded, else as whole persons (an upper bound).
    """
    placed: dict[str, float] = {}
    subsidised: dict[str, float] = {}
    for _, link in _running(network, year):
        for s in link.supported:
            amount = s.fte if s.fte is not None else s.persons
            if s.scheme in RATIO_SCHEMES:
                placed[link.provider] = placed.get(link.provider, 0.0) + amount
            if s.scheme in SUBSIDISED:
                subsidised[link.provider] = subsidised.get(link.provider, 0.0) + amount
    out = []
    index = {a.id: i for i, a in enumerate(network.actors)}
    for actor_id, count in placed.items():
        actor = network.actor[actor_id]
        where = f"actors[{index[actor_id]}].employees"
        if actor.employees is None:
            out.append(RuleFinding("rimelighedskrav § 65", "not checked", where, actor_id,
                               f"{actor.name}: {count:g} in virksomhedspraktik/løntilskud, but no employee count; "
                               f"give actors[{index[actor_id]}].employees"))
            continue
        ordinary = max(0.0, actor.employees.value - subsidised.get(actor_id, 0.0))
        limit = ratio_limit(ordinary)
        if count > limit + 1e-9:
            out.append(RuleFinding("rimelighedskrav § 65", "violation", where, actor_id,
                               f"{actor.name} has {count:g} persons in virksomhedspraktik/løntilskud but "
                               f"{ordinary:g} ordinary employees allow at most {limit}; {count - limit:g} too many: "
                               f"move them or hire {_ordinary_needed(count, ordinary):g} more ordinary staff",
                               count - limit, "persons"))
        else:
            out.append(RuleFinding("rimelighedskrav § 65", "ok", where, actor_id,
                               f"{actor.name}: {count:g} of at most {limit} ({ordinary:g} ordinary employees)"))
    return out


def _ordinary_needed(count: float, ordinary: float) -> float:
    """How many more ordinary FTE make ``count`` placements allowed."""
    e = math.floor(ordinary)
    while ratio_limit(e) < count - 1e-9:
        e += 1
    return max(0.0, e - ordinary)


# -- fleksjob -----------------------------------------------------------------------
def check_flexjob(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None,
                  tolerance: float = 0.01) -> list[RuleFinding]:
    """Fleksjob wage and subsidy arithmetic on each running link with fleksjob persons.

    A fleksjob needs a wage paid by the employer (violation if 0); a recorded
    ``monthly_subsidy`` must match the computed fleksløntilskud within
    ``tolerance`` (share); wage + subsidy must not exceed the ``full_time_wage``
    (the lønloft). Without a wage: ``not checked``.
    """
    from symbiosis.social.factors import social_factors
    from symbiosis.social.public import flexjob_params, flexjob_subsidy

    params = flexjob_params(social_factors(network) if factors is None else factors)
    out = []
    for i, link in _running(network, year):
        for j, s in enumerate(link.supported):
            if s.scheme != "fleksjob":
                continue
            where = f"service_links[{i}].supported[{j}]"
            if s.monthly_wage is None:
                out.append(RuleFinding("fleksjob", "not checked", where, link.id,
                                   f"{link.id}: give monthly_wage (DKK/month incl. pension) to check the "
                                   "fleksløntilskud"))
                continue
            w = s.monthly_wage
            if w <= 0:
                out.append(RuleFinding("fleksjob", "violation", f"{where}.monthly_wage", link.id,
                                   f"{link.id}: a fleksjob wage of 0; the employer must pay a wage for the work "
                                   "done, or no fleksløntilskud is paid (STAR Vejl. 9154/2022)", 0.0, "DKK/month"))
                continue
            due = flexjob_subsidy(w, s.full_time_wage, **params)
            problems = []
            if s.monthly_subsidy is not None and abs(s.monthly_subsidy - due) > tolerance * max(due, 1.0):
                problems.append(RuleFinding("fleksjob", "violation", f"{where}.monthly_subsidy", link.id,
                                        f"{link.id}: recorded fleksløntilskud {s.monthly_subsidy:,.0f} DKK/month "
                                        f"but the rules give {due:,.0f} at a wage of {w:,.0f} "
                                        f"(max {params['max_subsidy']:,.0f} - {params['low']:.0%} up to "
                                        f"{params['threshold']:,.0f} - {params['high']:.0%} above, then capped "
                                        "so that wage + subsidy is at most the full-time wage)",
                                        s.monthly_subsidy - due, "DKK/month"))
            paid = s.monthly_subsidy if s.monthly_subsidy is not None else due
            if s.full_time_wage is not None and w + paid > s.full_time_wage * (1 + 1e-9):
                problems.append(RuleFinding("fleksjob", "violation", f"{where}.monthly_subsidy", link.id,
                                        f"{link.id}: wage {w:,.0f} + subsidy {paid:,.0f} exceeds the full-time "
                                        f"wage {s.full_time_wage:,.0f} (lønloft) by {w + paid - s.full_time_wage:,.0f}",
                                        w + paid - s.full_time_wage, "DKK/month"))
            out.extend(problems or [RuleFinding("fleksjob", "ok", where, link.id,
                                            f"{link.id}: wage {w:,.0f}, fleksløntilskud {due:,.0f} DKK/month",
                                            due, "DKK/month")])
    return out


def check_all(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None) -> list[RuleFinding]:
    """Every rule check, worst first (violations, warnings, not checked, ok)."""
    found = check_market_price(network, year) + check_ratio(network, year) + check_flexjob(network, year, factors)
    return sorted(found, key=lambda f: STATUSES.index(f.status))
