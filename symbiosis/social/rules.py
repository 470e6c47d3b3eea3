"""Danish rules as checks with findings a planner can act on.

* :func:`check_market_price`: a price above the market price is support. The
  ban on support binds **public** buyers (the municipality and the companies
  it owns): for them it is a ``violation`` (Konkurrencestyrelsen, Vejledning
  om konkurrenceforvridende støtte; Kalundborg's strategy: "ved at købe en
  ydelse til en pris, der overstiger markedsprisen"). A **private** member
  breaks no law by paying more, but departs from the framework agreement's
  model that the enterprises live on market terms: a ``warning``. A price far
  below the market is flagged too: activation production must not distort
  competition (LAB § 33, VEJ nr. 9066 af 11/01/2005).
* :func:`check_ratio`: the rimelighedskrav of § 65 of the bekendtgørelse om en
  aktiv beskæftigelsesindsats (BEK nr. 2636 af 28/12/2021) at each workplace
  (P-number): everyone placed there under LAB kap. 11-13 (virksomhedspraktik,
  løntilskud, nytteindsats; people in ressourceforløb or jobafklaring are
  there in praktik, so they count too, stk. 2) per ordinary employee
  (employees with a public wage subsidy and under-18s excluded; FTE averaged
  over the last 4 months), from the network's ``workplaces`` rows; without
  one, the data it needs is asked for by field. The written statement of
  stk. 6 (employer and the employees' representative) is asked for too.
* :func:`check_flexjob`: fleksjob wage and subsidy arithmetic where wages are given.

Each check returns :class:`RuleFinding` rows, one per item checked, with status
``ok``, ``violation``, ``warning`` or ``not checked``, and why as a value (a
:class:`~symbiosis.social.said.Said`: a message id and its numbers, names and
years), worded in :mod:`symbiosis.present.social_wording`.

Why so long: the three checks share :class:`RuleFinding` and the reading of
the rates; the fleksjob check on its own would import its findings back here.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from symbiosis.model import Factor, Network
from symbiosis.social.factors import not_published, social_factors
from symbiosis.social.jobs import links_in_year, member_jobs_in_year
from symbiosis.social.public import flexjob_params, flexjob_subsidy, lonloft
from symbiosis.social.said import Said, said

__all__ = ["BEK", "RATIO_FIELD", "RATIO_SCHEMES", "RuleFinding", "STATUSES", "SUBSIDISED", "WORKPLACE_FIELDS", "buyer",
           "check_flexjob", "check_market_price", "check_ratio", "ratio_limit"]

STATUSES = ("violation", "warning", "not checked", "ok")


@dataclass(frozen=True)
class RuleFinding:
    """The result of one rule on one item: where it is, what is wrong and by how much.

    Parameters
    ----------
    rule : str
        The rule's id (``market price``, ``agreement``, ``procurement``, ``rimelighedskrav § 65``,
        ``rimelighedskrav § 65 stk. 6``, ``fleksjob``).
    status : str
        One of :data:`STATUSES`.
    where : str
        The field of the network the finding is about (``service_links[0].price``).
    subject : str
        The id of the link, agreement or actor.
    message : Said or str
        What is found, as a message id with its values (another pack may give its own words).
    amount : float, optional
        By how much, in ``unit``.
    unit : str
        The unit of ``amount``.
    """

    rule: str
    status: str
    where: str
    subject: str
    message: Said | str
    amount: float | None = None
    unit: str = ""

    @property
    def ok(self) -> bool:
        """Whether the rule holds."""
        return self.status == "ok"


def _running(network: Network, year: int | None):
    return [(network.service_links.index(link), link) for link in links_in_year(network, year)]


def buyer(network: Network, actor: str) -> tuple[str, Said]:
    """Whether ``actor`` buys as a ``public`` or a ``private`` buyer, and why.

    Public: a municipality, or an actor of the network's ``public_buyers``
    (a company the municipality owns). Anyone else is private.

    Parameters
    ----------
    network : Network
        Its actors and ``public_buyers``.
    actor : str
        The buyer's id.

    Returns
    -------
    tuple of (str, Said)
        ``public`` or ``private``, and why (``buyer.municipality``, ``buyer.owned``, ``buyer.private``).
    """
    a = network.actor[actor]
    if a.kind == "municipality":
        return "public", said("buyer.municipality")
    for b in network.public_buyers:
        if b.actor == actor:
            return "public", said("buyer.owned", owner=b.owner)
    return "private", said("buyer.private")


# -- market price ----------------------------------------------------------------
def check_market_price(network: Network, year: int | None = None, below: float = 0.10) -> list[RuleFinding]:
    """Each running service link's price against its market price.

    Above the market price: a ``violation`` for a public buyer (support it may
    not give), a ``warning`` for a private one (a departure from the
    market-terms model, not a breach of law); each names the link, the excess
    per unit and, with ``annual_value``, the amount per year above market
    (DKK/yr = annual_value x (price - market) / price). More than ``below``
    (share) under the market price: a ``warning`` (possible competition
    distortion). With a ``contractor`` the prices are those of the client's
    contract with it.

    Parameters
    ----------
    network : Network
        Its running service links.
    year : int, optional
        Default: the network's.
    below : float
        The share under the market price from which a price is flagged.

    Returns
    -------
    list of RuleFinding
        One per running link (rule ``market price``).
    """
    out = []
    for i, link in _running(network, year):
        where = f"service_links[{i}]"
        if link.price is None or link.market_price is None:
            missing = [n for n in ("price", "market_price") if getattr(link, n) is None]
            kind, _ = buyer(network, link.client)
            out.append(RuleFinding("market price", "not checked", where, link.id,
                                   said(f"market_price.unpriced_{kind}", link=link.id, client=link.client,
                                        missing=said("and", items=missing))))
            continue
        out.append(_price_finding(network, link, where, link.price, link.market_price, below))
    return out


def _seller(link) -> Said | str:
    """Who sells on ``link``: its provider, or the contractor with the provider as its partner."""
    return said("seller.with", contractor=link.contractor, provider=link.provider) if link.contractor \
        else link.provider


def _price_finding(network: Network, link, where: str, p: float, m: float, below: float) -> RuleFinding:
    """One priced link's price ``p`` against its market price ``m``."""
    seller = _seller(link)
    if p > m * (1 + 1e-9):
        kind, why = buyer(network, link.client)
        per_year = link.annual_value.value * (p - m) / p if link.annual_value else None
        extra = said("market_price.per_year", per_year=per_year, annual=link.annual_value.value) \
            if per_year is not None else ""
        head = said("market_price.head", client=link.client, why=why, seller=seller, price=p,
                    service=link.service, market=m, excess=p - m, share=(p - m) / m)
        status = "violation" if kind == "public" else "warning"
        return RuleFinding("market price", status, f"{where}.price", link.id,
                           said(f"market_price.above_{kind}", head=head, extra=extra, market=m),
                           per_year if per_year is not None else p - m,
                           "DKK/yr" if per_year is not None else "DKK/unit")
    if m > 0 and p < m * (1 - below):
        return RuleFinding("market price", "warning", f"{where}.price", link.id,
                           said("market_price.below", seller=seller, service=link.service, client=link.client,
                                price=p, share=(m - p) / m, market=m), m - p, "DKK/unit")
    return RuleFinding("market price", "ok", f"{where}.price", link.id,
                       said("market_price.ok", link=link.id, price=p, market=m))


# -- rimelighedskrav ---------------------------------------------------------------
#: Everyone § 65 stk. 2 counts: people under LAB kap. 11-13. A person in ressourceforløb (or jobafklaring)
#: at a workplace is there in virksomhedspraktik or løntilskud, so counts too.
RATIO_SCHEMES = ("virksomhedspraktik", "løntilskud", "nytteindsats", "ressourceforløb")
#: Where a workplace row counts each scheme of the links.
RATIO_FIELD = {"virksomhedspraktik": "praktik_fte", "ressourceforløb": "praktik_fte", "løntilskud": "loentilskud_fte",
               "nytteindsats": "nytteindsats_fte"}
BEK = "BEK nr. 2636 af 28/12/2021 § 65"
SUBSIDISED = ("fleksjob", "løntilskud")  # employees with a public wage subsidy: not ordinary (§ 65 stk. 3)
#: The fields of a ``workplaces`` row the rule needs.
WORKPLACE_FIELDS = ("employees_fte", "subsidised_fte", "under_18_fte", "praktik_fte", "loentilskud_fte",
                    "nytteindsats_fte", "months_averaged")


def ratio_limit(ordinary_fte: float) -> int:
    """The most persons (FTE) in virksomhedspraktik + løntilskud + nytteindsats at a workplace (§ 65).

    1 per 5 ordinary employees for the first 50 (always at least 1), plus 1
    per 10 ordinary employees beyond 50; employees counted in FTE, rounded down.

    >>> [ratio_limit(e) for e in (0, 9.5, 10, 24, 50, 59, 60, 120)]
    [1, 1, 2, 4, 10, 10, 11, 17]
    """
    e = max(0.0, ordinary_fte)
    return max(1, math.floor(min(e, 50.0) / 5 + 1e-9)) + math.floor(max(0.0, e - 50.0) / 10 + 1e-9)


def _placed_on_links(network: Network, year: int | None) -> dict[str, dict[str, float]]:
    """FTE per employer and scheme (placements, subsidised and under-18 staff) on the running service
    links and in the members' own jobs (whole persons where no FTE is recorded: an upper bound)."""
    out: dict[str, dict[str, float]] = {}
    rows = [(link.employer, s) for _, link in _running(network, year) for s in link.supported]
    rows += [(j.member, j) for j in member_jobs_in_year(network, year)]
    for employer, s in rows:
        amount = s.fte if s.fte is not None else s.persons
        d = out.setdefault(employer, {})
        d[s.scheme] = d.get(s.scheme, 0.0) + amount
        if s.under_18:
            d["under_18"] = d.get("under_18", 0.0) + amount
    return out


def check_ratio(network: Network, year: int | None = None) -> list[RuleFinding]:
    """The rimelighedskrav at each workplace with people in virksomhedspraktik, løntilskud or nytteindsats.

    With a ``workplaces`` row (all of :data:`WORKPLACE_FIELDS` given): ordinary
    = employees - subsidised - under 18 (FTE), placements = praktik +
    løntilskud + nytteindsats (FTE), checked against :func:`ratio_limit`. A row
    with a field missing, or an employer with placements on the network's
    links but no row, is ``not checked`` and names the fields to give, with a
    provisional count from the links where the actor's ``employees`` is known.
    """
    links = _placed_on_links(network, year)
    rows: dict[str, list[tuple[int, Any]]] = {}
    for i, w in enumerate(network.workplaces):
        rows.setdefault(w.actor, []).append((i, w))
    out = []
    for actor_id in sorted(set(rows) | {a for a, d in links.items() if any(d.get(s) for s in RATIO_SCHEMES)}):
        name = network.actor[actor_id].name
        mine = links.get(actor_id, {})
        if actor_id not in rows:
            out.append(_ask_for_workplace(network, actor_id, mine))
            continue
        for i, w in rows[actor_id]:
            out.append(_check_workplace(name, actor_id, i, w, mine, len(rows[actor_id]) == 1))
            out.append(_statement(name, actor_id, i, w))
    return out


def _statement(name: str, actor_id: str, i: int, w) -> RuleFinding:
    """§ 65 stk. 6: the employer and the employees' representative state in writing, before the
    placements, that the rule is kept."""
    where = f"workplaces[{i}].written_statement"
    rule = "rimelighedskrav § 65 stk. 6"
    if w.written_statement is None:
        return RuleFinding(rule, "not checked", where, actor_id, said("ratio.statement_missing", name=name,
                                                                      field=where, bek=BEK))
    if not w.written_statement:
        return RuleFinding(rule, "violation", where, actor_id, said("ratio.statement_no", name=name, bek=BEK))
    return RuleFinding(rule, "ok", where, actor_id, said("ratio.statement_ok", name=name, bek=BEK))


def _ask_for_workplace(network: Network, actor_id: str, mine: dict[str, float]) -> RuleFinding:
    actor = network.actor[actor_id]
    count = sum(mine.get(s, 0.0) for s in RATIO_SCHEMES)
    provisional: Said | str = ""
    amount = None
    if actor.employees is not None:
        ordinary = max(0.0, actor.employees.value - sum(mine.get(s, 0.0) for s in SUBSIDISED)
                       - mine.get("under_18", 0.0))
        limit = ratio_limit(ordinary)
        provisional = said("ratio.provisional", employees=actor.employees.value, ordinary=ordinary, limit=limit,
                           too_many=said("ratio.too_many", n=count - limit) if count > limit else "")
        amount = count - limit if count > limit else None
    return RuleFinding("rimelighedskrav § 65", "not checked", "workplaces", actor_id,
                       said("ratio.ask", name=actor.name, count=count, bek=BEK, actor=actor_id,
                            fields=list(WORKPLACE_FIELDS[:-1]), provisional=provisional), amount,
                       "FTE" if amount is not None else "")


def _check_workplace(name: str, actor_id: str, i: int, w, mine: dict[str, float], only: bool) -> RuleFinding:
    where = f"workplaces[{i}]"
    unit = said("ratio.p_number", p_number=w.p_number) if w.p_number else ""
    missing = [f for f in WORKPLACE_FIELDS if getattr(w, f) is None]
    rule = "rimelighedskrav § 65"
    if missing:
        return RuleFinding(rule, "not checked", f"{where}.{missing[0]}", actor_id,
                           said("ratio.fields_missing", name=name, unit=unit, fields=[f"{where}.{f}" for f in missing]))
    count = w.praktik_fte + w.loentilskud_fte + w.nytteindsats_fte
    ordinary = max(0.0, w.employees_fte - w.subsidised_fte - w.under_18_fte)
    limit = ratio_limit(ordinary)
    short = _short_of_links(w, mine) if only else None   # the links' people must be among the workplace's
    if short is not None:
        f, on_links, who = short
        return RuleFinding(rule, "warning", f"{where}.{f}", actor_id,
                           said("ratio.short", name=name, unit=unit, field=f"{where}.{f}", recorded=getattr(w, f),
                                on_links=on_links, who=who))
    if w.months_averaged != 4:
        return RuleFinding(rule, "warning", f"{where}.months_averaged", actor_id,
                           said("ratio.months", name=name, unit=unit, months=w.months_averaged))
    detail = said("ratio.detail", count=count, bek=BEK, employees=w.employees_fte, subsidised=w.subsidised_fte,
                  under_18=w.under_18_fte, ordinary=ordinary, limit=limit)
    if count > limit + 1e-9:
        return RuleFinding(rule, "violation", where, actor_id,
                           said("ratio.too_many_placed", name=name, unit=unit, detail=detail, excess=count - limit,
                                hire=_ordinary_needed(count, ordinary)), count - limit, "FTE")
    return RuleFinding(rule, "ok", where, actor_id, said("ratio.ok", name=name, unit=unit, detail=detail))


def _short_of_links(w, mine: dict[str, float]) -> tuple[str, float, str] | None:
    """The first count of the workplace row below the FTE on the network's links: (field, FTE on the
    links, the schemes), or None."""
    on_links: dict[str, float] = {}
    for scheme in RATIO_SCHEMES:
        on_links[RATIO_FIELD[scheme]] = on_links.get(RATIO_FIELD[scheme], 0.0) + mine.get(scheme, 0.0)
    for f in ("praktik_fte", "loentilskud_fte", "nytteindsats_fte"):
        if on_links[f] > getattr(w, f) + 1e-9:
            return f, on_links[f], " + ".join(s for s in RATIO_SCHEMES if RATIO_FIELD[s] == f and mine.get(s))
    return None


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
    ``tolerance`` (share); wage + subsidy must not exceed the full-time wage
    (the lønloft). ``ok`` only where the ``full_time_wage`` is recorded: a
    lønloft derived from the FTE share (wage / (FTE / persons)), or none at all,
    is ``not checked`` and asks for it; without a wage: ``not checked``.
    """
    table = social_factors(network) if factors is None else factors
    params = flexjob_params(table)
    when = network.year if year is None else year
    gaps = [g for g in (not_published(table, k, when) for k in ("flexjob_max_subsidy", "flexjob_threshold")) if g]
    out = []
    for i, link in _running(network, year):
        for j, s in enumerate(link.supported):
            if s.scheme != "fleksjob":
                continue
            where = f"service_links[{i}].supported[{j}]"
            if gaps:  # an old rate is not reused silently for a check
                out.append(RuleFinding("fleksjob", "not checked", where, link.id,
                                       said("fleksjob.not_published", link=link.id, year=when,
                                            gaps=said("join", items=gaps, sep="; "))))
                continue
            if s.monthly_wage is None:
                out.append(RuleFinding("fleksjob", "not checked", where, link.id,
                                       said("fleksjob.no_wage", link=link.id)))
                continue
            w = s.monthly_wage
            if w <= 0:
                out.append(RuleFinding("fleksjob", "violation", f"{where}.monthly_wage", link.id,
                                       said("fleksjob.zero_wage", link=link.id), 0.0, "DKK/month"))
                continue
            out.extend(_flexjob_findings(link.id, where, s, params, flexjob_subsidy, tolerance))
    return out


def _flexjob_findings(link_id: str, where: str, s, params: dict, subsidy_of, tolerance: float) -> list[RuleFinding]:
    w = s.monthly_wage
    row = {"full_time_wage": s.full_time_wage, "fte": s.fte, "persons": s.persons}
    ftw, how = lonloft(row, w)
    due = subsidy_of(w, ftw, **params)
    problems = []
    if s.monthly_subsidy is not None and abs(s.monthly_subsidy - due) > tolerance * max(due, 1.0):
        problems.append(RuleFinding("fleksjob", "violation" if how == "recorded" else "warning",
                                    f"{where}.monthly_subsidy", link_id,
                                    said("fleksjob.subsidy_differs", link=link_id, recorded=s.monthly_subsidy,
                                         due=due, wage=w, max=params["max_subsidy"], low=params["low"],
                                         threshold=params["threshold"], high=params["high"],
                                         how="" if how == "recorded" else said(f"fleksjob.lonloft_{how}_here")),
                                    s.monthly_subsidy - due, "DKK/month"))
    paid = s.monthly_subsidy if s.monthly_subsidy is not None else due
    if ftw is not None and w + paid > ftw * (1 + 1e-9) and how == "recorded":
        problems.append(RuleFinding("fleksjob", "violation", f"{where}.monthly_subsidy", link_id,
                                    said("fleksjob.above_lonloft", link=link_id, wage=w, paid=paid, ftw=ftw,
                                         excess=w + paid - ftw), w + paid - ftw, "DKK/month"))
    if problems:
        return problems
    if how == "recorded":
        return [RuleFinding("fleksjob", "ok", where, link_id,
                            said("fleksjob.ok", link=link_id, wage=w, due=due, ftw=ftw), due, "DKK/month")]
    told = said("fleksjob.told_derived", ftw=ftw, share=s.fte / s.persons, due=due) if how == "derived" \
        else said("fleksjob.told_unknown", due=due)
    return [RuleFinding("fleksjob", "not checked", f"{where}.full_time_wage", link_id,
                        said("fleksjob.no_full_time_wage", link=link_id, wage=w, told=told,
                             field=f"{where}.full_time_wage"), due, "DKK/month")]
