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
from symbiosis.social.said import Said, said

__all__ = ["THRESHOLD_KIND", "check_agreements", "check_procurement", "contract_value", "procurement_threshold"]

#: The factor holding each kind of authority's threshold for ordinary service contracts.
THRESHOLD_KIND = {"central": "procurement_threshold_central", "sub-central": "procurement_threshold_subcentral"}
_SUPPORT = "Konkurrencestyrelsen, Vejledning om konkurrenceforvridende støtte"


def check_agreements(network: Network, year: int | None = None) -> list[RuleFinding]:
    """One finding per signed agreement of kind ``rent`` or ``investment`` running in ``year``.

    Parameters
    ----------
    network : Network
        Its ``agreements``.
    year : int, optional
        Default: the network's.

    Returns
    -------
    list of RuleFinding
        Rule ``agreement``, one per rent or investment.
    """
    year = network.year if year is None else year
    names = {a.id: a.name for a in network.actors}
    out = []
    for i, a in enumerate(network.agreements):
        if a.status != "signed" or not a.runs_in(year) or a.kind == "purchase":
            continue
        where = f"agreements[{i}]"
        kind, why = buyer(network, a.member)
        to: Said | list[str] = [names[e] for e in a.enterprises] or said("market.the_enterprise")
        who = said("market.who", name=names[a.member], why=why)
        if a.kind == "investment":
            amount = said("market.amount", value=a.annual_value) if a.annual_value is not None \
                else said("market.amount_unknown")
            head = said("market.investment", who=who, amount=amount, to=to)
            if kind == "public":
                out.append(RuleFinding("agreement", "warning", f"{where}.kind", a.id,
                                       said("market.investment_public", head=head, support=_SUPPORT),
                                       a.annual_value, "DKK/yr"))
            else:
                out.append(RuleFinding("agreement", "ok", f"{where}.kind", a.id,
                                       said("market.investment_private", head=head)))
            continue
        out.append(_rent(a, where, kind, who, to))
    return out


def _rent(a, where: str, kind: str, who: Said, to: Said | list[str]) -> RuleFinding:
    if a.rent is None or a.market_rent is None:
        missing = [f"{where}.{f}" for f in ("rent", "market_rent") if getattr(a, f) is None]
        return RuleFinding("agreement", "not checked", f"{where}.{'rent' if a.rent is None else 'market_rent'}",
                           a.id, said("market.rent_unknown", who=who, to=to, missing=said("and", items=missing)))
    below = a.market_rent.value - a.rent
    head = said("market.rent", who=who, to=to, rent=a.rent, market=a.market_rent.value)
    if below <= 1e-9 * max(1.0, a.market_rent.value):
        return RuleFinding("agreement", "ok", f"{where}.rent", a.id, said("market.rent_ok", head=head))
    if kind == "public":
        return RuleFinding("agreement", "violation", f"{where}.rent", a.id,
                           said("market.rent_below_public", head=head, below=below, support=_SUPPORT,
                                market=a.market_rent.value), below, "DKK/yr")
    return RuleFinding("agreement", "warning", f"{where}.rent", a.id,
                       said("market.rent_below_private", head=head, below=below), below, "DKK/yr")


def contract_value(annual: float, start: int | None, end: int | None) -> tuple[float, int]:
    """The estimated value of a service contract (DKK) and the years it counts: the yearly value over
    the term, 4 years (48 months) where the term is open or longer (Directive 2014/24/EU art. 5(14)).

    >>> contract_value(304_000, 2024, None), contract_value(100_000, 2024, 2025)
    ((1216000, 4), (200000, 2))
    """
    years = 4 if start is None or end is None else min(4, end - start + 1)
    return annual * years, years


def procurement_threshold(network: Network, actor: str, table: dict[str, Factor], year: int
                          ) -> tuple[float | None, str | Said]:
    """The EU threshold (DKK) for ``actor``'s service contracts in ``year`` and the authority it is, or
    (None, why it is not known).

    Parameters
    ----------
    network : Network
        Its actors and ``public_buyers``.
    actor : str
        The public buyer's id.
    table : dict
        The social factors, with the ``procurement_threshold_*`` rows.
    year : int
        The year of the threshold.

    Returns
    -------
    tuple
        (threshold in DKK, the authority: ``central`` or ``sub-central``), or (None, a
        :class:`~symbiosis.social.said.Said` saying why it is not known).
    """
    if network.actor[actor].kind == "municipality":
        authority = "sub-central"
    else:
        rows = [(i, b) for i, b in enumerate(network.public_buyers) if b.actor == actor]
        if not rows or rows[0][1].authority is None:
            where = f"public_buyers[{rows[0][0]}].authority" if rows else "public_buyers"
            return None, said("procurement.give_authority", field=where)
        authority = rows[0][1].authority
    kind = THRESHOLD_KIND.get(authority)
    if kind is None or kind not in table:
        return None, said("procurement.no_threshold", authority=authority, kind=kind or "threshold")
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

    Parameters
    ----------
    network : Network
        Its running service links and public buyers.
    year : int, optional
        Default: the network's.
    factors : dict, optional
        The social factors (the thresholds); default the network's for ``year``.

    Returns
    -------
    list of RuleFinding
        Rule ``procurement``, one per public buyer and service.
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
            why = authority if threshold is None else said("procurement.give_value", links=unvalued)
            out.append(RuleFinding("procurement", "not checked", where, ids,
                                   said("procurement.not_checked", name=name, service=service, ids=ids, year=year,
                                        why=why)))
            continue
        value = sum(contract_value(x.annual_value.value, x.start, x.end)[0] for x in links)
        out.append(_procured(where, ids, links, threshold, value,
                             said("procurement.head", name=name, authority=authority, service=service, ids=ids,
                                  value=value, year=year, threshold=threshold)))
    return out


def _procured(where: str, ids: str, links: list, threshold: float, value: float, head: Said) -> RuleFinding:
    """A valued contract against its threshold, by how the links were awarded."""
    if value <= threshold:
        return RuleFinding("procurement", "ok", where, ids, said("procurement.below", head=head))
    if all(x.award == "tender" for x in links):
        return RuleFinding("procurement", "ok", where, ids, said("procurement.tendered", head=head))
    if any(x.award == "direct" for x in links):
        return RuleFinding("procurement", "violation", f"{where}.award", ids,
                           said("procurement.direct", head=head, above=value - threshold), value - threshold, "DKK")
    return RuleFinding("procurement", "warning", f"{where}.award", ids,
                       said("procurement.udbud_needed", head=head, above=value - threshold), value - threshold, "DKK")
