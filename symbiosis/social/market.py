"""Market terms beyond a link's price: the members' agreements and public procurement.

* :func:`check_agreements`: each signed agreement running in the year, by its
  ``kind``. A **rent** below the market rent is support, as seed 002 names it
  ("ved at udleje fast ejendom under markedsprisen"): a ``violation`` for a
  public landlord (the ban on support binds public bodies; Konkurrencestyrelsen,
  Vejledning om konkurrenceforvridende støtte: "udlejning ... på mere
  fordelagtige vilkår end sædvanlige markedsvilkår"), a ``warning`` for a
  private member (a departure from the framework agreement's market-terms
  model, no breach of law). An **investment** (a grant, money put into the
  enterprise) is not a purchase: it never counts as public purchasing
  (pejlemærke 2), and from a public body it is support, lawful only for the
  enterprise's non-commercial, employment-oriented activities: a ``warning``
  to check what it funds. A **purchase** agreement is checked on its service
  links (:func:`symbiosis.social.rules.check_market_price`).
* :func:`check_procurement`: a public buyer's service contracts against the EU
  thresholds of udbudsloven (the factor table's ``procurement_threshold_*``
  rows, from Konkurrence- og Forbrugerstyrelsen's publication of the year).
  The contract value is the yearly value over the term, 48 months where the
  term is open or longer (Directive 2014/24/EU art. 5(14)), added up over the
  buyer's running links of the same service (art. 5: contracts of the same
  kind count together). Above the threshold a contract needs an udbud; ``not
  checked`` where the buyer's kind of authority, the value or the year's
  threshold is not known.
"""

from __future__ import annotations

from symbiosis.model import Factor, Network
from symbiosis.social.factors import not_published, social_factors
from symbiosis.social.jobs import links_in_year
from symbiosis.social.rules import RuleFinding, buyer

__all__ = ["THRESHOLD_KIND", "check_agreements", "check_procurement", "contract_value", "procurement_threshold"]

#: The factor holding each kind of authority's threshold for ordinary service contracts.
THRESHOLD_KIND = {"central": "procurement_threshold_central", "sub-central": "procurement_threshold_subcentral"}
_SUPPORT = "Konkurrencestyrelsen, Vejledning om konkurrenceforvridende støtte"


def check_agreements(network: Network, year: int | None = None) -> list[RuleFinding]:
    """One finding per signed agreement of kind ``rent`` or ``investment`` running in ``year``."""
    year = network.year if year is None else year
    names = {a.id: a.name for a in network.actors}
    out = []
    for i, a in enumerate(network.agreements):
        if a.status != "signed" or not a.runs_in(year) or a.kind == "purchase":
            continue
        where = f"agreements[{i}]"
        kind, why = buyer(network, a.member)
        to = ", ".join(names[e] for e in a.enterprises) or "the enterprise"
        who = f"{names[a.member]} ({why})"
        if a.kind == "investment":
            amount = f"{a.annual_value:,.0f} DKK" if a.annual_value is not None else "an amount not recorded"
            head = f"{who} puts {amount} into {to}: an investment, not a purchase, so not counted as purchasing"
            if kind == "public":
                out.append(RuleFinding("agreement", "warning", f"{where}.kind", a.id,
                                       f"{head}; from a public body it is support, lawful only for non-commercial, "
                                       f"employment-oriented activities, never for the enterprise's commercial "
                                       f"activities ({_SUPPORT}): check what it funds", a.annual_value, "DKK/yr"))
            else:
                out.append(RuleFinding("agreement", "ok", f"{where}.kind", a.id,
                                       f"{head}; a private member's own money (no ban on support applies)"))
            continue
        out.append(_rent(a, where, kind, who, to))
    return out


def _rent(a, where: str, kind: str, who: str, to: str) -> RuleFinding:
    if a.rent is None or a.market_rent is None:
        missing = " and ".join(f"{where}.{f}" for f in ("rent", "market_rent") if getattr(a, f) is None)
        return RuleFinding("agreement", "not checked", f"{where}.{'rent' if a.rent is None else 'market_rent'}",
                           a.id, f"{who} lets premises to {to}: give {missing} (DKK per year; the market rent "
                           "with its source) to check the rent against the market")
    below = a.market_rent.value - a.rent
    head = (f"{who} lets premises to {to} for {a.rent:,.0f} DKK/yr against a market rent of "
            f"{a.market_rent.value:,.0f}")
    if below <= 1e-9 * max(1.0, a.market_rent.value):
        return RuleFinding("agreement", "ok", f"{where}.rent", a.id, f"{head}: on market terms")
    if kind == "public":
        return RuleFinding("agreement", "violation", f"{where}.rent", a.id,
                           f"{head}: {below:,.0f} DKK/yr below market is support, which a public body may not "
                           f"give ('udleje fast ejendom under markedsprisen', the kommune's strategy; {_SUPPORT}); "
                           f"charge {a.market_rent.value:,.0f}", below, "DKK/yr")
    return RuleFinding("agreement", "warning", f"{where}.rent", a.id,
                       f"{head}: {below:,.0f} DKK/yr below market; no law is broken (the ban on support binds "
                       "public bodies), but it departs from the framework agreement's model that the enterprises "
                       "live on market terms", below, "DKK/yr")


def contract_value(annual: float, start: int | None, end: int | None) -> tuple[float, int]:
    """The estimated value of a service contract (DKK) and the years it counts: the yearly value over
    the term, 4 years (48 months) where the term is open or longer (Directive 2014/24/EU art. 5(14)).

    >>> contract_value(304_000, 2024, None), contract_value(100_000, 2024, 2025)
    ((1216000, 4), (200000, 2))
    """
    years = 4 if start is None or end is None else min(4, end - start + 1)
    return annual * years, years


def procurement_threshold(network: Network, actor: str, table: dict[str, Factor], year: int
                          ) -> tuple[float | None, str]:
    """The EU threshold (DKK) for ``actor``'s service contracts in ``year`` and the authority it is, or
    (None, why it is not known)."""
    if network.actor[actor].kind == "municipality":
        authority = "sub-central"
    else:
        rows = [(i, b) for i, b in enumerate(network.public_buyers) if b.actor == actor]
        if not rows or rows[0][1].authority is None:
            where = f"public_buyers[{rows[0][0]}].authority" if rows else "public_buyers"
            return None, (f"give {where} (central, sub-central or utility): the kind of contracting authority "
                          "sets the threshold")
        authority = rows[0][1].authority
    kind = THRESHOLD_KIND.get(authority)
    if kind is None or kind not in table:
        return None, f"the factor table has no threshold for {authority} authorities (give a {kind or 'threshold'} row)"
    gap = not_published(table, kind, year)
    if gap:
        return None, gap
    return table[kind].value, authority


def check_procurement(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                      ) -> list[RuleFinding]:
    """A public buyer's running service links, per service, against the year's EU threshold (see module doc).

    ``ok`` below the threshold (a direct award is allowed; the note says what
    is not known: the buyer's other purchases of the same service); above it:
    ``ok`` if every link records ``award: tender``, a ``violation`` where one
    records ``award: direct``, else a ``warning`` that an udbud is needed.
    """
    year = network.year if year is None else year
    table = social_factors(network, year=year) if factors is None else factors
    groups: dict[tuple[str, str], list] = {}
    for link in links_in_year(network, year):
        if buyer(network, link.client)[0] == "public":
            groups.setdefault((link.client, link.service), []).append(link)
    index = {link.id: i for i, link in enumerate(network.service_links)}
    out = []
    for (client, service), links in groups.items():
        ids = ", ".join(x.id for x in links)
        where = f"service_links[{index[links[0].id]}]"
        name = network.actor[client].name
        threshold, authority = procurement_threshold(network, client, table, year)
        unvalued = [x.id for x in links if x.annual_value is None]
        if threshold is None or unvalued:
            why = authority if threshold is None else f"give annual_value of {', '.join(unvalued)}"
            out.append(RuleFinding("procurement", "not checked", where, ids,
                                   f"{name} buys '{service}' ({ids}): procurement not checked for {year}: {why}"))
            continue
        value = sum(contract_value(x.annual_value.value, x.start, x.end)[0] for x in links)
        head = (f"{name} ({authority} authority) buys '{service}' ({ids}) for a contract value of {value:,.0f} DKK "
                f"(yearly value over the term, 48 months where open) against the {year} EU threshold of "
                f"{threshold:,.0f} DKK (udbudsloven; social and other specific services have their own)")
        if value <= threshold:
            out.append(RuleFinding("procurement", "ok", where, ids,
                                   f"{head}: below, so a direct award is allowed, provided the buyer's other "
                                   "purchases of the same service (not recorded) keep the total below it"))
        elif all(x.award == "tender" for x in links):
            out.append(RuleFinding("procurement", "ok", where, ids, f"{head}: above, and awarded by udbud"))
        elif any(x.award == "direct" for x in links):
            out.append(RuleFinding("procurement", "violation", f"{where}.award", ids,
                                   f"{head}: {value - threshold:,.0f} DKK above, so a direct award breaks "
                                   "udbudsloven; put the contract out to tender (udbud)", value - threshold, "DKK"))
        else:
            out.append(RuleFinding("procurement", "warning", f"{where}.award", ids,
                                   f"{head}: {value - threshold:,.0f} DKK above, so it needs an udbud; give "
                                   "award (tender or direct) to check it", value - threshold, "DKK"))
    return out
