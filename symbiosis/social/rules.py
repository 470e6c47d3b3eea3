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
``ok``, ``violation``, ``warning`` or ``not checked`` (and why).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from symbiosis.model import Factor, Network
from symbiosis.social.factors import not_published, social_factors
from symbiosis.social.jobs import links_in_year, member_jobs_in_year
from symbiosis.social.public import flexjob_params, flexjob_subsidy, lonloft

__all__ = ["BEK", "RATIO_FIELD", "RATIO_SCHEMES", "RuleFinding", "STATUSES", "SUBSIDISED", "WORKPLACE_FIELDS", "buyer",
           "check_flexjob", "check_market_price", "check_ratio", "ratio_limit"]

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
    return [(network.service_links.index(link), link) for link in links_in_year(network, year)]


def buyer(network: Network, actor: str) -> tuple[str, str]:
    """Whether ``actor`` buys as a ``public`` or a ``private`` buyer, and why.

    Public: a municipality, or an actor of the network's ``public_buyers``
    (a company the municipality owns). Anyone else is private.
    """
    a = network.actor[actor]
    if a.kind == "municipality":
        return "public", "a municipality"
    for b in network.public_buyers:
        if b.actor == actor:
            return "public", f"owned by {b.owner}"
    return "private", "a private company"


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
    """
    out = []
    for i, link in _running(network, year):
        where = f"service_links[{i}]"
        if link.price is None or link.market_price is None:
            missing = " and ".join(n for n in ("price", "market_price") if getattr(link, n) is None)
            kind, _ = buyer(network, link.client)
            out.append(RuleFinding("market price", "not checked", where, link.id,
                               f"{link.id}: give {missing} to check the price against the market ({link.client} "
                               f"is a {kind} buyer: above market would be "
                               + ("support it may not give)" if kind == "public"
                                  else "a departure from the market-terms model, not a breach of law)")))
            continue
        p, m = link.price, link.market_price
        seller = f"{link.contractor} (with {link.provider})" if link.contractor else link.provider
        if p > m * (1 + 1e-9):
            kind, why = buyer(network, link.client)
            per_year = link.annual_value.value * (p - m) / p if link.annual_value else None
            extra = f"; {per_year:,.0f} DKK/yr above market on {link.annual_value.value:,.0f} DKK/yr" \
                if per_year is not None else ""
            head = (f"{link.client} ({why}) pays {seller} {p:,.2f} for '{link.service}' against a market price of "
                    f"{m:,.2f}: {p - m:,.2f} ({(p - m) / m:.0%}) above market")
            if kind == "public":
                status, text = "violation", (f"{head} is support, which a public buyer may not give (Konkurrence"
                                             f"styrelsen, Vejledning om konkurrenceforvridende støtte){extra}; "
                                             f"lower the price to {m:,.2f}")
            else:
                status, text = "warning", (f"{head}: no law is broken (the ban on support binds public buyers), "
                                           "but it departs from the framework agreement's model that the "
                                           f"enterprises live on market terms{extra}; agree a price of {m:,.2f}")
            out.append(RuleFinding("market price", status, f"{where}.price", link.id, text,
                                   per_year if per_year is not None else p - m,
                                   "DKK/yr" if per_year is not None else "DKK/unit"))
        elif m > 0 and p < m * (1 - below):
            out.append(RuleFinding("market price", "warning", f"{where}.price", link.id,
                               f"{seller} sells '{link.service}' to {link.client} at {p:,.2f}, "
                               f"{(m - p) / m:.0%} below the market price {m:,.2f}: subsidised labour priced "
                               "under the market can distort competition; check the price", m - p, "DKK/unit"))
        else:
            out.append(RuleFinding("market price", "ok", f"{where}.price", link.id,
                               f"{link.id}: {p:,.2f} against market {m:,.2f}"))
    return out


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
    rows = {}
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
        return RuleFinding(rule, "not checked", where, actor_id,
                           f"{name}: give {where} (true/false): {BEK} stk. 6 asks for a written statement from the "
                           "employer and the employees' representative before the placements")
    if not w.written_statement:
        return RuleFinding(rule, "violation", where, actor_id,
                           f"{name}: no written statement from the employer and the employees' representative; "
                           f"{BEK} stk. 6 asks for one before the placements")
    return RuleFinding(rule, "ok", where, actor_id, f"{name}: written statement given ({BEK} stk. 6)")


def _ask_for_workplace(network: Network, actor_id: str, mine: dict[str, float]) -> RuleFinding:
    actor = network.actor[actor_id]
    count = sum(mine.get(s, 0.0) for s in RATIO_SCHEMES)
    text = (f"{actor.name}: {count:g} FTE placed under LAB kap. 11-13 (virksomhedspraktik, løntilskud, "
            f"nytteindsats; ressourceforløb and jobafklaring in praktik) on the network's links; {BEK} counts the "
            f"whole workplace: give workplaces: {{actor: {actor_id}, p_number, " + ", ".join(WORKPLACE_FIELDS[:-1])
            + ", months_averaged: 4, written_statement}} (FTE, the average of the last 4 months; praktik_fte "
            "includes ressourceforløb and jobafklaring in praktik; written_statement: the statement of stk. 6)")
    amount = None
    if actor.employees is not None:
        ordinary = max(0.0, actor.employees.value - sum(mine.get(s, 0.0) for s in SUBSIDISED)
                       - mine.get("under_18", 0.0))
        limit = ratio_limit(ordinary)
        text += (f". Provisionally, from the links and the {actor.employees.value:g} employees recorded: "
                 f"{ordinary:g} ordinary allow {limit}" + (f", {count - limit:g} too many" if count > limit else ""))
        amount = count - limit if count > limit else None
    return RuleFinding("rimelighedskrav § 65", "not checked", "workplaces", actor_id, text, amount,
                       "FTE" if amount is not None else "")


def _check_workplace(name: str, actor_id: str, i: int, w, mine: dict[str, float], only: bool) -> RuleFinding:
    where = f"workplaces[{i}]"
    unit = f" (P-nr. {w.p_number})" if w.p_number else ""
    missing = [f for f in WORKPLACE_FIELDS if getattr(w, f) is None]
    if missing:
        return RuleFinding("rimelighedskrav § 65", "not checked", f"{where}.{missing[0]}", actor_id,
                           f"{name}{unit}: give {', '.join(f'{where}.{f}' for f in missing)} (FTE, the average of "
                           "the last 4 months before the placements started) to check § 65")
    count = w.praktik_fte + w.loentilskud_fte + w.nytteindsats_fte
    ordinary = max(0.0, w.employees_fte - w.subsidised_fte - w.under_18_fte)
    limit = ratio_limit(ordinary)
    if only:  # the links' people must be among the workplace's
        on_links: dict[str, float] = {}
        for scheme in RATIO_SCHEMES:
            on_links[RATIO_FIELD[scheme]] = on_links.get(RATIO_FIELD[scheme], 0.0) + mine.get(scheme, 0.0)
        short = [f for f in ("praktik_fte", "loentilskud_fte", "nytteindsats_fte")
                 if on_links[f] > getattr(w, f) + 1e-9]
        if short:
            f = short[0]
            who = " + ".join(s for s in RATIO_SCHEMES if RATIO_FIELD[s] == f and mine.get(s))
            return RuleFinding("rimelighedskrav § 65", "warning", f"{where}.{f}", actor_id,
                               f"{name}{unit}: {where}.{f} = {getattr(w, f):g} FTE, fewer than the {on_links[f]:g} FTE "
                               f"in {who} on the network's links; the workplace counts everyone, so correct it")
    if w.months_averaged != 4:
        return RuleFinding("rimelighedskrav § 65", "warning", f"{where}.months_averaged", actor_id,
                           f"{name}{unit}: averaged over {w.months_averaged} months; § 65 stk. 4 averages the "
                           "ordinary staff over the last 4 months before the placements started")
    detail = (f"{count:g} FTE in praktik/løntilskud/nytteindsats (LAB kap. 11-13, {BEK}); {w.employees_fte:g} "
              f"employed - {w.subsidised_fte:g} "
              f"with wage subsidy - {w.under_18_fte:g} under 18 = {ordinary:g} ordinary allow {limit}")
    if count > limit + 1e-9:
        return RuleFinding("rimelighedskrav § 65", "violation", where, actor_id,
                           f"{name}{unit}: {detail}; {count - limit:g} too many: end placements or hire "
                           f"{_ordinary_needed(count, ordinary):g} more ordinary staff (FTE)", count - limit, "FTE")
    return RuleFinding("rimelighedskrav § 65", "ok", where, actor_id, f"{name}{unit}: {detail}")


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
                                       f"{link.id}: the fleksløntilskud is not checked for {when}: "
                                       + "; ".join(gaps)))
                continue
            if s.monthly_wage is None:
                out.append(RuleFinding("fleksjob", "not checked", where, link.id,
                                   f"{link.id}: give monthly_wage (DKK/month incl. pension) and full_time_wage "
                                   "(the lønloft) to check the fleksløntilskud"))
                continue
            w = s.monthly_wage
            if w <= 0:
                out.append(RuleFinding("fleksjob", "violation", f"{where}.monthly_wage", link.id,
                                   f"{link.id}: a fleksjob wage of 0; the employer must pay a wage for the work "
                                   "done, or no fleksløntilskud is paid (STAR Vejl. 9154/2022)", 0.0, "DKK/month"))
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
                                    f"{link_id}: recorded fleksløntilskud {s.monthly_subsidy:,.0f} DKK/month "
                                    f"but the rules give {due:,.0f} at a wage of {w:,.0f} "
                                    f"(max {params['max_subsidy']:,.0f} - {params['low']:.0%} up to "
                                    f"{params['threshold']:,.0f} - {params['high']:.0%} above, then capped "
                                    "so that wage + subsidy is at most the full-time wage"
                                    + (")" if how == "recorded" else f", {how} here)"),
                                    s.monthly_subsidy - due, "DKK/month"))
    paid = s.monthly_subsidy if s.monthly_subsidy is not None else due
    if ftw is not None and w + paid > ftw * (1 + 1e-9) and how == "recorded":
        problems.append(RuleFinding("fleksjob", "violation", f"{where}.monthly_subsidy", link_id,
                                    f"{link_id}: wage {w:,.0f} + subsidy {paid:,.0f} exceeds the full-time "
                                    f"wage {ftw:,.0f} (lønloft) by {w + paid - ftw:,.0f}", w + paid - ftw,
                                    "DKK/month"))
    if problems:
        return problems
    if how == "recorded":
        return [RuleFinding("fleksjob", "ok", where, link_id,
                            f"{link_id}: wage {w:,.0f}, fleksløntilskud {due:,.0f} DKK/month (lønloft {ftw:,.0f})",
                            due, "DKK/month")]
    told = (f"lønloft {ftw:,.0f} derived from the FTE share {s.fte / s.persons:g}, so fleksløntilskud "
            f"{due:,.0f} DKK/month" if how == "derived"
            else f"no lønloft applied, so fleksløntilskud at most {due:,.0f} DKK/month")
    return [RuleFinding("fleksjob", "not checked", f"{where}.full_time_wage", link_id,
                        f"{link_id}: wage {w:,.0f}; the full-time wage is not recorded ({told}); give "
                        f"{where}.full_time_wage (DKK/month) to check the lønloft", due, "DKK/month")]
