"""The seeds' frameworks as checkable structures: Kalundborg's five pejlemærker and Kolding's five
design principles, each with the indicators that measure it and a status per member and for the
network.

Kalundborg Kommune, *Den socialøkonomiske og virksomhedsrettede rummelighedsstrategi* (undated,
after 2016; seed 002), sets five pejlemærker; Kolding Kommune, *Politik for socialøkonomi og
socialt ansvar* (2024; seed 003), five design principles for a total-economy view across three
bottom lines. Titles are the documents' own words (Danish) with English labels.

A status is ``yes``, ``no`` or ``unknown``, always with why (a :class:`~symbiosis.social.said.Said`,
worded in English and Danish by :mod:`symbiosis.present.social_wording`); ``n/a``
where an aim does not concern a member (the kommune's own purchasing for a private company).
``no`` needs data that says so (a member paying more than without the symbiosis, a price above
market, an agreement recorded as none); missing data is ``unknown``. The rules are in
docs/scores.md ("Pejlemærker and design principles").

:func:`assess` runs one named stage per aim (:data:`STAGES`), each reading the same :class:`Facts`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pandas as pd

from symbiosis.model import Network
from symbiosis.model.measures import measured
from symbiosis.social.aims import AIMS, DESIGN_PRINCIPLES, PEJLEMAERKER, Aim
from symbiosis.social.coverage import agreement_coverage, coverage, members_of
from symbiosis.social.jobs import links_in_year, member_jobs_in_year
from symbiosis.social.rules import buyer
from symbiosis.social.said import Said, said

__all__ = ["AIMS", "Aim", "COLUMNS", "DESIGN_PRINCIPLES", "Facts", "PEJLEMAERKER", "STAGES", "assess"]

#: The columns of :func:`assess`; ``value`` (the indicators, measured) and ``why`` are :class:`Said` (or "").
COLUMNS = ["framework", "key", "number", "title_da", "title_en", "scope", "status", "value", "why"]
Row = dict[str, Any]


@dataclass(frozen=True)
class Facts:
    """What every stage of :func:`assess` reads: the network in its year and the measures handed in.

    Parameters
    ----------
    network : Network
        The network.
    year : int
        The year assessed.
    names : dict
        Actor id -> name.
    members : list of str
        The framework agreement's members (:func:`symbiosis.social.coverage.members_of`).
    links : list
        The service links running in the year.
    kind : dict
        Member -> ``public`` or ``private`` buyer.
    cov, agr : dict
        :func:`~symbiosis.social.coverage.coverage` and
        :func:`~symbiosis.social.coverage.agreement_coverage`.
    indicators : dict
        The answer's indicators.
    findings : sequence of RuleFinding
        The rule checks.
    values : DataFrame or None
        :func:`symbiosis.social.public_value_table`.
    index : dict or None
        :func:`symbiosis.social.index.social_index`'s result.
    """

    network: Network
    year: int
    names: dict[str, str]
    members: list[str]
    links: list
    kind: dict[str, str]
    cov: dict
    agr: dict
    indicators: dict
    findings: tuple
    values: pd.DataFrame | None
    index: dict | None


def assess(network: Network, *, indicators: dict, per_actor: pd.DataFrame | None = None, findings=(),
           values: pd.DataFrame | None = None, index: dict | None = None, year: int | None = None) -> pd.DataFrame:
    """Every aim's status for the network and for each member.

    Parameters
    ----------
    network : Network
        The network assessed.
    indicators : dict
        The answer's indicators (:data:`symbiosis.accounting.indicators.INDICATORS`).
    per_actor : DataFrame, optional
        Cost saved per actor; not read (D3 is net good on all three lines, not a profit test; kept for
        the packs' common signature).
    findings : list of RuleFinding
        The rule checks, for P2.
    values : DataFrame, optional
        :func:`symbiosis.social.public_value_table`, for D2.
    index : dict, optional
        :func:`symbiosis.social.index.social_index`'s result, for P3.
    year : int, optional
        Default: the network's.

    Returns
    -------
    DataFrame
        One row per aim and scope (``network`` or a member id): :data:`COLUMNS`; ``value`` (the
        indicators, measured) and ``why`` are :class:`~symbiosis.social.said.Said` values.
    """
    year = network.year if year is None else year
    members = members_of(network)
    facts = Facts(network, year, {a.id: a.name for a in network.actors}, members, links_in_year(network, year),
                  {m: buyer(network, m)[0] for m in members}, coverage(network, year),
                  agreement_coverage(network, year), indicators, tuple(findings), values, index)
    rows = [row for stage in STAGES for row in stage(facts)]
    return pd.DataFrame(rows, columns=COLUMNS)


def _row(aim: Aim, scope: str, status: str, value: Said | str, why: Said | str) -> Row:
    return {"framework": aim.framework, "key": aim.key, "number": aim.number, "title_da": aim.title_da,
            "title_en": aim.title_en, "scope": scope, "status": status, "value": value, "why": why}


def _seller(link, names: dict[str, str]) -> Said | str:
    return (said("seller.with", contractor=names[link.contractor], provider=names[link.provider]) if link.contractor
            else names[link.provider])


# -- Kalundborg's pejlemærker ---------------------------------------------------------------------------
def partnerships_with_private_members(f: Facts) -> list[Row]:
    """P1: service links between social-economy enterprises and private members."""
    p1 = PEJLEMAERKER[0]
    private = [x for x in f.links if f.kind.get(x.client) == "private"]
    rows = []
    for m in f.members:
        mine = [x for x in private if x.client == m]
        if f.kind[m] == "public":
            rows.append(_row(p1, m, "n/a", "", said("p1.public")))
        else:
            rows.append(_row(p1, m, "yes" if mine else "unknown", said("p1.links", n=len(mine)) if mine
                             else said("p1.none_recorded"), f.cov["status"][m][1]))
    n = len(private)
    rows.append(_row(p1, "network", "yes" if n else "unknown",
                     said("p1.network_value", n=n, clients=len({x.client for x in private})),
                     said("p1.network", n=n) if n else said("partnership.none")))
    return rows


def public_purchasing(f: Facts) -> list[Row]:
    """P2: the kommune's (and its companies') own purchasing, and its recognition of the members."""
    p2 = PEJLEMAERKER[1]
    net = f.network
    above = {x.subject for x in f.findings if x.rule in ("market price", "agreement") and x.status == "violation"}
    rows: list[Row] = []
    public_dkk, any_public = 0.0, False
    for m in f.members:
        if f.kind[m] != "public":
            rows.append(_row(p2, m, "n/a", "", said("p2.private")))
            continue
        bought = [x for x in f.links if x.client == m]
        running = [a for a in net.agreements if a.member == m and a.status == "signed" and a.enterprises
                   and a.runs_in(f.year)]
        deals = [a for a in running if a.kind == "purchase"]    # an investment or a rent is not a purchase
        dkk = sum(x.annual_value.value for x in bought if x.annual_value) + sum(a.annual_value or 0 for a in deals)
        public_dkk += dkk
        bad = [x.id for x in bought if x.id in above] + [a.id for a in running if a.id in above]
        if bad:
            rows.append(_row(p2, m, "no", said("money_yr", value=dkk), said("p2.above_market", items=bad)))
        elif bought or deals:
            any_public = True
            sellers = [_seller(x, f.names) for x in bought] + [", ".join(f.names[e] for e in a.enterprises)
                                                               for a in deals]
            rows.append(_row(p2, m, "yes", said("money_yr", value=dkk), said("p2.buys", sellers=sellers)))
        else:
            rows.append(_row(p2, m, "unknown", "", _no_purchase(f, m, [a for a in running if a.kind == "investment"])))
    awarded = [x for x in net.labels if x.awarded <= f.year and x.awarded_by in
               {m for m in f.members if net.actor[m].kind == "municipality"}]
    kept = sum(j.persons for j in member_jobs_in_year(net, f.year) if j.purpose == "retention")
    bad_any = any(r["status"] == "no" for r in rows)
    any_public = any_public or bool(awarded)
    kommune = [r for r in rows if r["status"] == "unknown" and net.actor[r["scope"]].kind == "municipality"]
    head = said("p2.network_above") if bad_any else said("p2.network_public") if any_public else (
        kommune[0]["why"] if kommune else said("p2.network_none"))
    rows.append(_row(p2, "network", "no" if bad_any else ("yes" if any_public else "unknown"),
                     said("money_yr", value=public_dkk) if (bad_any or any_public) else "",
                     said("join", sep="", items=[head, said("p2.recognised", labels=len(awarded), kept=kept)])))
    return rows


def _no_purchase(f: Facts, m: str, given: list) -> Said:
    """Why a public member's purchasing is unknown: nothing recorded for the year, the last agreement
    published, and the investments that are not purchases."""
    past = [a for a in f.network.agreements if a.member == m and a.end is not None and a.end < f.year]
    last: Said | str = ""
    if past:
        a = past[-1]
        last = said("p2.last", agreement=a.id, end=a.end,
                    value=said("p2.last_value", value=a.annual_value) if a.annual_value else "")
    return said("p2.none", year=f.year, last=last, investments=said("join", sep="", items=[
        said("p2.investment", agreement=a.id, value=a.annual_value or 0) for a in given]))


def promotion(f: Facts) -> list[Row]:
    """P3: labels, the catalogue, the objective measure."""
    p3 = PEJLEMAERKER[2]
    net = f.network
    labels = [x for x in net.labels if x.awarded <= f.year]
    rows = []
    for m in f.members:
        held = [x for x in labels if x.holder == m]
        if held:
            rows.append(_row(p3, m, "yes", ", ".join(f"{x.label} {x.awarded}" for x in held),
                             said("p3.holds", labels=[said("p3.label", label=x.label, year=x.awarded) for x in held])))
        else:
            rows.append(_row(p3, m, "unknown", "", said("p3.none")))
    priced = [e for e in net.catalogue if e.capacity_hours is not None and e.price is not None]
    idx = "" if not f.index or f.index.get("index") is None else said("p3.index", x=f.index["index"])
    value = said("p3.value", labels=len(labels), services=len(net.catalogue),
                 providers=len({e.provider for e in net.catalogue}), priced=len(priced), index=idx)
    promoted = [x for x in labels if x.holder in f.members or x.awarded_by in f.members]
    holders = said("p3.holders", names=[f.names[x.holder] for x in labels]) if labels else said("p3.no_label")
    why = said("p3.network", holders=holders, not_members="" if promoted or not labels else said("p3.not_members"),
               priced=len(priced), services=len(net.catalogue))
    rows.append(_row(p3, "network", "yes" if promoted else "unknown", value, why))
    return rows


def jobs_inside_members(f: Facts) -> list[Row]:
    """P4: people in supported schemes inside the members."""
    p4 = PEJLEMAERKER[3]
    jobs = [j for j in member_jobs_in_year(f.network, f.year) if j.scheme not in ("ordinary", "unknown")]
    rows = []
    for m in f.members:
        mine = [said("p4.job", persons=j.persons, scheme=j.scheme,
                     retention=said("p4.retention") if j.purpose == "retention" else "")
                for j in jobs if j.member == m]
        rows.append(_row(p4, m, "yes", said("join", sep=", ", items=mine), said("p4.employs", jobs=mine)) if mine
                    else _row(p4, m, "unknown", "", said("p4.none")))
    n = sum(j.persons for j in jobs)
    rows.append(_row(p4, "network", "yes" if n else "unknown", said("p4.network_value", n=n),
                     said("p4.network", n=n) if n else said("p4.network_none")))
    return rows


def own_agreements(f: Facts) -> list[Row]:
    """P5: each member's own agreement under the framework agreement."""
    p5 = PEJLEMAERKER[4]
    rows = [_row(p5, m, f.agr["status"][m][0], "", f.agr["status"][m][1]) for m in f.members]
    sts = [f.agr["status"][m][0] for m in f.members]
    n = sts.count("yes")
    status = "yes" if f.members and n == len(f.members) else ("no" if "no" in sts else "unknown")
    rows.append(_row(p5, "network", status, said("p5.network_value", n=n, members=len(f.members)),
                     said("p5.network", n=n, members=len(f.members))))
    return rows


# -- Kolding's design principles --------------------------------------------------------------------------
#: The indicators the aims read, by key (:data:`symbiosis.accounting.indicators.INDICATORS`), and the material
#: measures (:data:`symbiosis.accounting.materials.MEASURES`); a test checks that every name exists.
INDICATORS_READ = ("cost_saved", "co2e_avoided", "supported_persons", "public_value")
MEASURES_READ = ("diverted", "moved_from_use")


def _read(ind: dict, key: str) -> Any:
    """Indicator ``key`` of ``ind`` (None where not given), by one of the names in :data:`INDICATORS_READ`
    (a name no indicator has is an error, never a silent 0)."""
    if key not in INDICATORS_READ:
        raise KeyError(f"the aims read no indicator '{key}'; add it to INDICATORS_READ")
    return ind.get(key)


def _people(ind: dict) -> Said:
    n = _read(ind, "supported_persons")
    return said("people.unknown") if n is None or n != n else said("people.n", n=n)


def three_lines(f: Facts) -> list[Row]:
    """D1: all three bottom lines measured."""
    ind = f.indicators
    social = (_read(ind, "supported_persons") or 0) > 0
    value = said("d1.value", cost=_read(ind, "cost_saved") or 0, co2e=_read(ind, "co2e_avoided") or 0,
                 people=_people(ind))
    return [_row(DESIGN_PRINCIPLES[0], "network", "yes" if social else "unknown", value,
                 said("d1.measured") if social else said("d1.no_social"))]


def across_budgets(f: Facts) -> list[Row]:
    """D2: the value for the client, the kommune and the state, each known."""
    values = f.values
    gaps: list[Said] = []
    if values is None or not len(values):
        gaps.append(said("d2.none_valued"))
    else:
        gaps += [said("d2.row", link=r.link, scheme=r.scheme) for r in values.itertuples() if not r.valued]
    gaps += [said("d2.no_value", link=x.id) for x in f.links if x.annual_value is None]
    valued = None if values is None else values[values.valued.astype(bool)]
    value = "" if valued is None or not len(valued) else said("d2.value", kommune=valued.kommune.sum(),
                                                               state=valued.state.sum())
    return [_row(DESIGN_PRINCIPLES[1], "network", "unknown" if gaps else "yes", value,
                 said("d2.unknown", gaps=said("join", sep="; ", items=gaps)) if gaps else said("d2.known"))]


#: D3's three lines: the indicator and the message of its value.
_LINES = (("economy", "cost_saved"), ("environment", "co2e_avoided"), ("social", "public_value"))


def most_good(f: Facts) -> list[Row]:
    """D3 from the policy's words: "ikke blot undgå at gøre skade, men gøre mest mulig gavn, og regenerere
    vores økosystem og samfund": net good on each line (cost saved, CO2e avoided, public-economy value)
    and residuals back in use. Not a profit test of each member (that is the company view)."""
    got = {line: _read(f.indicators, key) for line, key in _LINES}
    value = said("join", sep=", ", items=[said(f"d3.{line}_value", value=got[line]) for line, _ in _LINES])
    harm = [said(f"d3.{line}") for line, _ in _LINES if got[line] is not None and got[line] <= 0]
    unknown = [said(f"d3.{line}") for line, _ in _LINES if got[line] is None]
    streams = f.network.streams_in_year(f.year)
    if harm:
        status, why = "no", said("d3.harm", lines=said("and", items=harm))
    elif unknown:
        status, why = "unknown", said("d3.unknown", lines=said("and", items=unknown))
    elif not streams:
        status, why = "unknown", said("d3.no_streams")
    else:
        status, why = "yes", said("d3.yes", n=len(streams))
    return [_row(DESIGN_PRINCIPLES[2], "network", status, value, why)]


def residuals_and_talents(f: Facts) -> list[Row]:
    """D4: residual streams and people's talents in use."""
    d4 = DESIGN_PRINCIPLES[3]
    ind = f.indicators
    streams = f.network.streams_in_year(f.year)
    rows = []
    for m in f.members:
        out = [s for s in streams if s.supplier == m]
        rows.append(_row(d4, m, "yes", said("d4.streams", n=len(out)),
                         said("d4.supplies", resources=sorted({s.resource for s in out}))) if out
                    else _row(d4, m, "unknown", "", said("d4.none")))
    talents = (_read(ind, "supported_persons") or 0) > 0

    def tonnes(measure: str) -> list[Said]:
        return [said("d4.tonnes", value=v, material=m, basis=said("d4.basis", basis=b)
                     if b and b != "as-delivered" else "") for m, b, v in measured(ind, measure) if v]

    # issue 26: only what would be disposed of is 'diverted'; biomass spread on farmland or sulphur sold had a use
    moved = tonnes("moved_from_use")
    value = said("d4.value", diverted=tonnes("diverted") or said("d4.no_tonnes"),
                 moved=said("d4.moved", tonnes=moved) if moved else "", people=_people(ind))
    rows.append(_row(d4, "network", "yes" if talents and streams else "unknown", value,
                     said("d4.both") if talents else said("d4.residuals_only")))
    return rows


def sharing(f: Facts) -> list[Row]:
    """D5: partnerships: streams, service links and agreements."""
    d5 = DESIGN_PRINCIPLES[4]
    net = f.network
    streams = net.streams_in_year(f.year)
    rows = []
    total = 0
    for m in f.members:
        n = (sum(1 for s in streams if m in (s.supplier, s.receiver)) + sum(1 for x in f.links if x.client == m)
             + sum(1 for a in net.agreements if a.member == m and a.runs_in(f.year) and a.status == "signed"))
        total += n
        rows.append(_row(d5, m, "yes" if n else "unknown", said("d5.partnerships", n=n),
                         said("d5.member", n=n) if n else said("partnership.none")))
    rows.append(_row(d5, "network", "yes" if total else "unknown",
                     said("d5.network_value", streams=len(streams), links=len(f.links)), said("d5.network")))
    return rows


#: The stages of :func:`assess`, one per aim, in the frameworks' order.
STAGES: tuple[Callable[[Facts], list[Row]], ...] = (
    partnerships_with_private_members, public_purchasing, promotion, jobs_inside_members, own_agreements,
    three_lines, across_budgets, most_good, residuals_and_talents, sharing)
