"""The seeds' frameworks as checkable structures: Kalundborg's five pejlemærker and Kolding's five
design principles, each with the indicators that measure it and a status per member and for the
network.

Kalundborg Kommune, *Den socialøkonomiske og virksomhedsrettede rummelighedsstrategi* (undated,
after 2016; seed 002), sets five pejlemærker; Kolding Kommune, *Politik for socialøkonomi og
socialt ansvar* (2024; seed 003), five design principles for a total-economy view across three
bottom lines. Titles are the documents' own words (Danish) with English labels.

A status is ``yes``, ``no`` or ``unknown``, always with why (in English and Danish); ``n/a``
where an aim does not concern a member (the kommune's own purchasing for a private company).
``no`` needs data that says so (a member paying more than without the symbiosis, a price above
market, an agreement recorded as none); missing data is ``unknown``. The rules are in
docs/scores.md ("Pejlemærker and design principles").
"""

from __future__ import annotations

import pandas as pd

from symbiosis.model import Network
from symbiosis.model.measures import measured
from symbiosis.social.aims import AIMS, DESIGN_PRINCIPLES, PEJLEMAERKER, Aim
from symbiosis.social.coverage import agreement_coverage, coverage, members_of
from symbiosis.social.jobs import links_in_year, member_jobs_in_year
from symbiosis.social.rules import buyer

__all__ = ["AIMS", "Aim", "DESIGN_PRINCIPLES", "PEJLEMAERKER", "assess"]


COLUMNS = ["framework", "key", "number", "title_da", "title_en", "scope", "status", "value", "value_da", "why_en",
           "why_da"]
#: The measured values in Danish: phrase -> translation, applied in order.
_VALUE_DA = (("people in supported employment and offers not known", "personer i støttet beskæftigelse og tilbud: "
              "ukendt"), ("people in supported employment and offers", "personer i støttet beskæftigelse og tilbud"),
             ("economy ", "økonomi "), ("environment ", "miljø "), ("social -", "socialt -"),
             ("t CO2e/yr, social ", "t CO2e/år, socialt "), ("service link(s)", "serviceaftale(r)"),
             ("link(s) to", "aftale(r) med"),
             ("private member(s)", "privat(e) medlem(mer)"),
             ("links recorded", "aftaler registreret"), ("link(s)", "aftale(r)"), ("DKK/yr gross", "kr./år brutto"),
             ("DKK/yr", "kr./år"), ("t/yr diverted", "t/år ikke bortskaffet"), (" diverted", " ikke bortskaffet"),
             (" moved from another use", " flyttet fra anden anvendelse"),
             ("t/yr", "t/år"), ("label(s)", "mærke(r)"),
             ("catalogue", "katalog"), ("services of", "ydelser fra"), ("enterprises", "virksomheder"),
             ("with capacity and price", "med kapacitet og pris"), ("social index", "socialt indeks"),
             ("persons inside members", "personer i medlemsvirksomheder"), ("members", "medlemmer"),
             (" of ", " af "), ("saved ", "sparet "), ("supported jobs", "personer i støttet beskæftigelse"),
             ("state", "stat"),
             ("member(s) lose", "medlem(mer) mister"), ("service links", "serviceaftaler"),
             ("streams", "strømme"), ("stream(s)", "strøm(me)"), ("partnership(s)", "partnerskab(er)"),
             ("(retention)", "(fastholdelse)"))


def _value_da(value: str) -> str:
    for en, da in _VALUE_DA:
        value = value.replace(en, da)
    return value


def assess(network: Network, *, indicators: dict, per_actor: pd.DataFrame | None = None, findings=(),
           values: pd.DataFrame | None = None, index: dict | None = None, year: int | None = None) -> pd.DataFrame:
    """Every aim's status for the network and for each member.

    Parameters
    ----------
    network : Network
    indicators : dict
        The answer's indicators (:data:`symbiosis.accounting.indicators.INDICATORS`).
    per_actor : DataFrame, optional
        Cost saved per actor (``actor``, ``cost_saved``), for D3.
    findings : list of RuleFinding
        The rule checks, for P2 and D3.
    values : DataFrame, optional
        :func:`symbiosis.social.public_value_table`, for D2.
    index : dict, optional
        :func:`symbiosis.social.index.social_index`'s result, for P3.
    year : int, optional
        Default: the network's.

    Returns
    -------
    DataFrame
        One row per aim and scope (``network`` or a member id): framework, key,
        number, title_da, title_en, scope, status, value and value_da (the
        indicators, in words), why_en, why_da.
    """
    year = network.year if year is None else year
    names = {a.id: a.name for a in network.actors}
    members = members_of(network)
    links = links_in_year(network, year)
    cov, agr = coverage(network, year), agreement_coverage(network, year)
    kind = {m: buyer(network, m)[0] for m in members}
    rows: list[dict] = []

    def add(aim: Aim, scope: str, status: str, value: str, en: str, da: str) -> None:
        rows.append({"framework": aim.framework, "key": aim.key, "number": aim.number, "title_da": aim.title_da,
                     "title_en": aim.title_en, "scope": scope, "status": status, "value": value,
                     "value_da": _value_da(value), "why_en": en, "why_da": da})

    p1, p2, p3, p4, p5 = PEJLEMAERKER
    # P1: service links between social-economy enterprises and private members
    private_links = [x for x in links if kind.get(x.client) == "private"]
    for m in members:
        mine = [x for x in private_links if x.client == m]
        if kind[m] == "public":
            add(p1, m, "n/a", "", "a public buyer: see pejlemærke 2", "offentlig køber: se pejlemærke 2")
        elif mine:
            add(p1, m, "yes", f"{len(mine)} link(s)", cov["status"][m][1],
                "køber af " + ", ".join(_seller(x, names) for x in mine))
        else:
            add(p1, m, "unknown", "0 links recorded", cov["status"][m][1],
                "intet køb hos en socialøkonomisk virksomhed er registreret; medlemmernes egne aftaler under "
                "rammeaftalen er ikke offentliggjort")
    n1 = len(private_links)
    add(p1, "network", "yes" if n1 else "unknown", f"{n1} link(s) to {len({x.client for x in private_links})} "
        "private member(s)", f"{n1} service link(s) between social-economy enterprises and private members"
        if n1 else "no partnership recorded", f"{n1} serviceaftale(r) mellem socialøkonomiske og private "
        "virksomheder" if n1 else "intet partnerskab registreret")

    # P2: the kommune's (and its companies') own purchasing
    above = {f.subject for f in findings if f.rule in ("market price", "agreement") and f.status == "violation"}
    public_dkk, any_public = 0.0, False
    for m in members:
        if kind[m] != "public":
            add(p2, m, "n/a", "", "a private company: the kommune's own purchasing does not concern it",
                "privat virksomhed: kommunens egne indkøb angår den ikke")
            continue
        bought = [x for x in links if x.client == m]
        running = [a for a in network.agreements if a.member == m and a.status == "signed" and a.enterprises
                   and a.runs_in(year)]
        deals = [a for a in running if a.kind == "purchase"]    # an investment or a rent is not a purchase
        given = [a for a in running if a.kind == "investment"]
        dkk = sum(x.annual_value.value for x in bought if x.annual_value) + sum(a.annual_value or 0 for a in deals)
        public_dkk += dkk
        bad = [x.id for x in bought if x.id in above] + [a.id for a in running if a.id in above]
        if bad:
            add(p2, m, "no", f"{dkk:,.0f} DKK/yr", f"pays above the market price or lets premises below the market "
                f"rent ({', '.join(bad)}): illegal support", f"betaler over markedsprisen eller udlejer under "
                f"markedslejen ({', '.join(bad)}): ulovlig støtte")
        elif bought or deals:
            any_public = True
            add(p2, m, "yes", f"{dkk:,.0f} DKK/yr", "buys from " + ", ".join(
                [_seller(x, names) for x in bought] + [", ".join(names[e] for e in a.enterprises) for a in deals]),
                "køber hos " + ", ".join([_seller(x, names) for x in bought]
                                         + [", ".join(names[e] for e in a.enterprises) for a in deals]))
        else:
            past = [a for a in network.agreements if a.member == m and a.end is not None and a.end < year]
            last = (f"; the last published is {past[-1].id} ({past[-1].end}"
                    + (f", {past[-1].annual_value:,.0f} DKK" if past[-1].annual_value else "") + ")") if past else ""
            inv = "".join(f"; {a.id} ({a.annual_value or 0:,.0f} DKK) is an investment, not a purchase" for a in given)
            inv_da = "".join(f"; {a.id} ({a.annual_value or 0:,.0f} kr.) er en investering, ikke et køb" for a in given)
            add(p2, m, "unknown", "", f"no purchase from a social-economy enterprise recorded for {year}{last}{inv}",
                f"intet køb hos en socialøkonomisk virksomhed registreret for {year}"
                + (f"; senest offentliggjort: {past[-1].id} ({past[-1].end})" if past else "") + inv_da)
    bad_any = any(r["key"] == "P2" and r["status"] == "no" for r in rows)
    municipal = {m for m in members if network.actor[m].kind == "municipality"}
    awarded = [x for x in network.labels if x.awarded <= year and x.awarded_by in municipal]
    kept = sum(j.persons for j in member_jobs_in_year(network, year) if j.purpose == "retention")
    recognised = (f"; recognition: {len(awarded)} label(s) or prize(s) from the kommune, {kept:g} person(s) kept "
                  "on special terms inside members (fastholdelse); the yearly dialogmøde is not recorded")
    recognised_da = (f"; anerkendelse: {len(awarded)} mærke(r) eller pris(er) fra kommunen, {kept:g} person(er) "
                     "fastholdt på særlige vilkår i medlemsvirksomhederne; det årlige dialogmøde er ikke registreret")
    any_public = any_public or bool(awarded)
    kommune = [r for r in rows if r["key"] == "P2" and r["status"] == "unknown"
               and network.actor[r["scope"]].kind == "municipality"]
    add(p2, "network", "no" if bad_any else ("yes" if any_public else "unknown"),
        f"{public_dkk:,.0f} DKK/yr" if (bad_any or any_public) else "",
        ("a public buyer pays above market" if bad_any else (
            "public purchases from social-economy enterprises or the kommune's recognition" if any_public
            else (kommune[0]["why_en"] if kommune else "no public purchase recorded"))) + recognised,
        ("en offentlig køber betaler over markedsprisen" if bad_any else (
            "offentlige indkøb hos socialøkonomiske virksomheder eller kommunens anerkendelse" if any_public
            else (kommune[0]["why_da"] if kommune else "intet offentligt køb registreret"))) + recognised_da)

    # P3: labels, the catalogue, the objective measure
    labels = [x for x in network.labels if x.awarded <= year]
    for m in members:
        held = [x for x in labels if x.holder == m]
        if held:
            text = ", ".join(f"'{x.label}' ({x.awarded})" for x in held)
            add(p3, m, "yes", ", ".join(f"{x.label} {x.awarded}" for x in held), "holds " + text, "har " + text)
        else:
            add(p3, m, "unknown", "", "no CSR label or prize recorded", "intet CSR-mærke eller -pris registreret")
    priced = [e for e in network.catalogue if e.capacity_hours is not None and e.price is not None]
    providers = {e.provider for e in network.catalogue}
    idx = "" if not index or index.get("index") is None else f"; social index {index['index']:.2f}"
    value = (f"{len(labels)} label(s); catalogue {len(network.catalogue)} services of {len(providers)} enterprises, "
             f"{len(priced)} with capacity and price{idx}")
    promoted = [x for x in labels if x.holder in members or x.awarded_by in members]
    add(p3, "network", "yes" if promoted else "unknown", value,
        (f"label holders: {', '.join(names[x.holder] for x in labels)}" if labels else "no label or prize recorded")
        + ("" if promoted or not labels else " (not members, and not awarded by one: the members' own promotion "
           "is not recorded)")
        + f"; the catalogue here is compiled from published sources ({len(priced)} of {len(network.catalogue)} "
        "with capacity and price); a joint catalogue by the kommune was not found",
        (f"mærkeholdere: {', '.join(names[x.holder] for x in labels)}" if labels else "intet mærke registreret")
        + ("" if promoted or not labels else " (ikke medlemmer og ikke tildelt af et: medlemmernes egen "
           "promovering er ikke registreret)")
        + f"; kataloget her er samlet fra offentlige kilder ({len(priced)} af {len(network.catalogue)} med "
        "kapacitet og pris); et fælles produktkatalog fra kommunen blev ikke fundet")

    # P4: jobs inside members
    jobs = member_jobs_in_year(network, year)
    for m in members:
        mine = [j for j in jobs if j.member == m and j.scheme not in ("ordinary", "unknown")]
        if mine:
            text = ", ".join(f"{j.persons:g} {j.scheme}" + (" (retention)" if j.purpose == "retention" else "")
                             for j in mine)
            add(p4, m, "yes", text, f"employs {text}", "ansætter " + text.replace("retention", "fastholdelse"))
        else:
            add(p4, m, "unknown", "", "no jobs in supported schemes inside the member recorded",
                "ingen job på særlige vilkår i virksomheden registreret")
    n4 = sum(j.persons for j in jobs if j.scheme not in ("ordinary", "unknown"))
    add(p4, "network", "yes" if n4 else "unknown", f"{n4:g} persons inside members",
        f"{n4:g} people in supported schemes inside members" if n4 else "none recorded",
        f"{n4:g} personer i job på særlige vilkår i medlemsvirksomhederne" if n4 else "ingen registreret")

    # P5: each member's own agreement
    for m in members:
        st, why = agr["status"][m]
        add(p5, m, st, "", why, {"yes": "egen samarbejdsaftale", "no": "aftale kun planlagt eller ingen",
                                 "unknown": "ingen egen aftale offentliggjort; rammeaftalen (2021) sagde, at "
                                 "de ville følge"}[st])
    sts = [agr["status"][m][0] for m in members]
    n5 = sts.count("yes")
    net5 = "yes" if members and n5 == len(members) else ("no" if "no" in sts else "unknown")
    add(p5, "network", net5, f"{n5} of {len(members)} members", f"{n5} of {len(members)} members have their own "
        "agreement", f"{n5} af {len(members)} medlemmer har egen aftale")

    _kolding(network, year, members, names, links, indicators, per_actor, findings, values, add)
    return pd.DataFrame(rows, columns=COLUMNS)


#: The indicators the aims read, by key (:data:`symbiosis.accounting.indicators.INDICATORS`), and the material
#: measures (:data:`symbiosis.accounting.materials.MEASURES`); a test checks that every name exists.
INDICATORS_READ = ("cost_saved", "co2e_avoided", "supported_persons", "public_value")
MEASURES_READ = ("diverted", "moved_from_use")


def _read(ind: dict, key: str):
    """Indicator ``key`` of ``ind`` (None where not given), by one of the names in :data:`INDICATORS_READ`
    (a name no indicator has is an error, never a silent 0)."""
    if key not in INDICATORS_READ:
        raise KeyError(f"the aims read no indicator '{key}'; add it to INDICATORS_READ")
    return ind.get(key)


def _seller(link, names) -> str:
    return (f"{names[link.contractor]} (with {names[link.provider]})" if link.contractor
            else names[link.provider])


def _kolding(network, year, members, names, links, ind, per_actor, findings, values, add) -> None:
    d1, d2, d3, d4, d5 = DESIGN_PRINCIPLES
    # D1: three bottom lines measured
    social = (_read(ind, "supported_persons") or 0) > 0
    lines = f"saved {_read(ind, 'cost_saved') or 0:,.0f} DKK/yr, CO2e {_read(ind, 'co2e_avoided') or 0:,.0f} " \
            f"t/yr, {_people(ind)}"
    add(d1, "network", "yes" if social else "unknown", lines,
        "all three lines measured" if social else "the social line has no recorded supported job",
        "alle tre bundlinjer målt" if social else "den sociale bundlinje har intet registreret støttet job")
    # D2: across budgets
    gaps = []
    if values is None or not len(values):
        gaps.append("no supported job valued")
    else:
        gaps += [f"{r.link} ({r.scheme})" for r in values.itertuples() if not r.valued]
    gaps += [f"{x.id}: annual_value" for x in links if x.annual_value is None]
    valued = None if values is None else values[values.valued.astype(bool)]
    value = "" if valued is None or not len(valued) else (
        f"kommune {valued.kommune.sum():,.0f}, state {valued.state.sum():,.0f} DKK/yr gross")
    add(d2, "network", "unknown" if gaps else "yes", value,
        ("not known: " + "; ".join(gaps)) if gaps else "client, kommune and state each have their value",
        ("ukendt: " + "; ".join(gaps)) if gaps else "køber, kommune og stat har hver deres værdi")
    # D3: not only no harm, but the most good, and regeneration (seed 003), on all three lines
    streams = network.streams_in_year(year)
    _d3(d3, ind, streams, add)
    # D4: residuals and talents
    for m in members:
        out = [s for s in streams if s.supplier == m]
        if out:
            add(d4, m, "yes", f"{len(out)} stream(s)", f"supplies {', '.join(sorted({s.resource for s in out}))}",
                f"leverer {', '.join(sorted({s.resource for s in out}))}")
        else:
            add(d4, m, "unknown", "", "no residual stream recorded from it", "ingen reststrøm registreret")
    talents = (_read(ind, "supported_persons") or 0) > 0
    def tonnes(measure: str) -> str:
        return ", ".join(f"{v:,.0f} t/yr {m}" + (f" ({b})" if b and b != "as-delivered" else "")
                         for m, b, v in measured(ind, measure) if v)

    # issue 26: only what would be disposed of is 'diverted'; biomass spread on farmland or sulphur sold had a use
    moved = tonnes("moved_from_use")
    add(d4, "network", "yes" if talents and streams else "unknown",
        f"{tonnes('diverted') or '0 t/yr'} diverted" + (f", {moved} moved from another use" if moved else "")
        + f", {_people(ind)}",
        "residuals and talents both in use" if talents else "residuals in use; no supported job recorded",
        "restprodukter og talenter i spil" if talents else "restprodukter i spil; intet støttet job registreret")
    # D5: partnerships
    total = 0
    for m in members:
        n = (sum(1 for s in streams if m in (s.supplier, s.receiver)) + sum(1 for x in links if x.client == m)
             + sum(1 for a in network.agreements if a.member == m and a.runs_in(year) and a.status == "signed"))
        total += n
        add(d5, m, "yes" if n else "unknown", f"{n} partnership(s)",
            f"{n} streams, service links or agreements" if n else "no partnership recorded",
            f"{n} strømme, serviceaftaler eller aftaler" if n else "intet partnerskab registreret")
    add(d5, "network", "yes" if total else "unknown", f"{len(streams)} stream(s), {len(links)} service link(s)",
        "partnerships across the network", "partnerskaber på tværs af netværket")


def _people(ind: dict) -> str:
    n = _read(ind, "supported_persons")
    return "people in supported employment and offers not known" if n is None or n != n else \
        f"{n:g} people in supported employment and offers"


def _d3(d3, ind: dict, streams, add) -> None:
    """D3 from the policy's words: "ikke blot undgå at gøre skade, men gøre mest mulig gavn, og regenerere
    vores økosystem og samfund": net good on each line (cost saved, CO2e avoided, public-economy value)
    and residuals back in use. Not a profit test of each member (that is the company view)."""
    lines = (("economy", "den økonomiske", "cost_saved", "DKK/yr"),
             ("environment", "den miljømæssige", "co2e_avoided", "t CO2e/yr"),
             ("social", "den sociale", "public_value", "DKK/yr"))
    got = {k: _read(ind, k) for _, _, k, _ in lines}
    value = ", ".join(f"{en} {'-' if got[k] is None else f'{got[k]:,.0f}'} {u}" for en, _, k, u in lines)
    harm = [(en, da) for en, da, k, _ in lines if got[k] is not None and got[k] <= 0]
    unknown = [(en, da) for en, da, k, _ in lines if got[k] is None]
    if harm:
        add(d3, "network", "no", value, "no net good on the " + ", ".join(e for e, _ in harm) + " line",
            "intet netto gavn på " + " og ".join(d for _, d in harm) + " bundlinje")
    elif unknown:
        add(d3, "network", "unknown", value, "net good not known on the " + ", ".join(e for e, _ in unknown)
            + " line", "netto gavn ukendt på " + " og ".join(d for _, d in unknown) + " bundlinje")
    elif not streams:
        add(d3, "network", "unknown", value, "net good on all three lines; no residual stream back in use recorded",
            "netto gavn på alle tre bundlinjer; ingen reststrøm i nye kredsløb registreret")
    else:
        add(d3, "network", "yes", value, f"net good on all three lines, and {len(streams)} residual streams back "
            "in use (regeneration)", f"netto gavn på alle tre bundlinjer og {len(streams)} reststrømme i nye "
            "kredsløb (regenerering)")
