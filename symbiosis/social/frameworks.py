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

from dataclasses import dataclass

import pandas as pd

from symbiosis.accounting.materials import measured
from symbiosis.model import Network

__all__ = ["AIMS", "Aim", "DESIGN_PRINCIPLES", "PEJLEMAERKER", "assess"]

SEED_KALUNDBORG = ("Kalundborg Kommune, Den socialøkonomiske og virksomhedsrettede rummelighedsstrategi "
                   "(undated, after 2016), /work/shared/seeds/002_de6e678f2df81c81.txt")
SEED_KOLDING = ("Kolding Kommune, Politik for socialøkonomi og socialt ansvar (2024), "
                "/work/shared/seeds/003_dd60a8894af52a35.txt")


@dataclass(frozen=True)
class Aim:
    """One pejlemærke or design principle: its words, what measures it and where it is from."""

    framework: str  # "kalundborg" or "kolding"
    key: str
    number: int
    title_da: str
    title_en: str
    quote: str  # what it asks for, in the document's words
    indicators: tuple[str, ...]  # what measures it here
    source: str
    per_member: bool = True


PEJLEMAERKER = (
    Aim("kalundborg", "P1", 1, "Stærkere kobling mellem socialøkonomiske og almindelige private virksomheder",
        "Stronger links between social-economy and ordinary private companies",
        "at danne nye partnerskaber på tværs af socialøkonomiske og private virksomheder",
        ("service links from social-economy enterprises to private members (directly or through a contractor)",),
        SEED_KALUNDBORG + ", lines 151-217"),
    Aim("kalundborg", "P2", 2, "Større kommunal anerkendelse af socialt medansvar og rummelighed",
        "Greater municipal recognition, with the kommune's own purchasing as a lever",
        "bruge de kommunale indkøb som en motor til at styrke socialøkonomien ... så længe det sker i "
        "overensstemmelse med ... lovgivnings- og forvaltningsmæssige rammer",
        ("the kommune's and its companies' purchases from social-economy enterprises (DKK/yr)",
         "public purchases above the market price (illegal support)"),
        SEED_KALUNDBORG + ", lines 221-295"),
    Aim("kalundborg", "P3", 3, "Større promovering af de socialt ansvarlige og rummelige virksomheder",
        "Greater promotion: CSR prize and label, a joint product catalogue, an objective social measure",
        "Større objektivitet i forhold til at måle den sociale bundlinje ... et fælles produktkatalog over, hvad "
        "de socialøkonomiske virksomheder kan tilbyde",
        ("CSR labels and prizes held", "catalogue entries with published capacity and price",
         "the social index against its targets"),
        SEED_KALUNDBORG + ", lines 301-358"),
    Aim("kalundborg", "P4", 4, "Rummelighed og socialt medansvar er for alle typer virksomheder",
        "Inclusion is for every company: fleksjob, småjob and job retention inside the members",
        "fastholde deres medarbejdere, eller ... ansætte medarbejdere med nedsat arbejdsevne. Det kan være i "
        "fleksjob og småjob",
        ("people in supported schemes employed or kept inside members, by scheme and purpose",),
        SEED_KALUNDBORG + ", lines 383-443"),
    Aim("kalundborg", "P5", 5, "Tydelig dialog og klare aftaler med alle typer virksomheder",
        "Clear dialogue and agreements with each company at its own ambition level",
        "graden af rummelighed og socialt medansvar, som den enkelte er parat til at tage; aftaler, der skal "
        "tilpasses den enkelte virksomheds ambitionsniveau og behov (seed 000)",
        ("members with a signed agreement of their own under the framework agreement",),
        SEED_KALUNDBORG + ", lines 445-497"),
)

DESIGN_PRINCIPLES = (
    Aim("kolding", "D1", 1, "Fra én til flere bundlinjer – i et totaløkonomisk perspektiv",
        "From one to several bottom lines, in a total-economy perspective",
        "vi vægter den miljømæssige og sociale bundlinje på lige fod med den økonomiske",
        ("economy, environment and social line each measured",), SEED_KOLDING + ", lines 192-210",
        per_member=False),
    Aim("kolding", "D2", 2, "Fra siloer til helheder – på tværs af fagområder og indsatser, internt og eksternt",
        "From silos to wholes: across budgets (client, kommune, state)",
        "vi ser på tværs af organisatoriske skel og økonomiske kasser",
        ("value per payer: client, kommune, state; every input known",), SEED_KOLDING + ", lines 212-216",
        per_member=False),
    Aim("kolding", "D3", 3, "Fra mindst mulig skade til mest mulig gavn – med fokus på et fælles udbytte",
        "From least harm to most good: a shared gain",
        "Vores indsats skal ikke blot undgå at gøre skade, men gøre mest mulig gavn",
        ("each member's cost saved against no symbiosis", "prices above market"), SEED_KOLDING + ", lines 218-222"),
    Aim("kolding", "D4", 4, "Fra spild til ressource – så alle talenter og bidrag kan bringes i spil og skabe værdi",
        "From waste to resource: residuals and talents",
        "Alt er en ressource, intet går til spilde",
        ("residual streams the member supplies", "tonnes diverted from disposal and moved from another use, "
         "supported jobs"),
        SEED_KOLDING + ", lines 224-228"),
    Aim("kolding", "D5", 5, "Fra eje til at dele – i udviklingen af nye veje gennem partnerskaber",
        "From owning to sharing: partnerships",
        "vi deler og viderebringer vores produkter og ressourcer til næste bruger",
        ("streams, service links and agreements the member takes part in",), SEED_KOLDING + ", lines 230-234"),
)
AIMS = PEJLEMAERKER + DESIGN_PRINCIPLES

COLUMNS = ["framework", "key", "number", "title_da", "title_en", "scope", "status", "value", "value_da", "why_en",
           "why_da"]
#: The measured values in Danish: phrase -> translation, applied in order.
_VALUE_DA = (("link(s) to", "aftale(r) med"), ("private member(s)", "private medlemmer"),
             ("links recorded", "aftaler registreret"), ("link(s)", "aftale(r)"), ("DKK/yr gross", "kr./år brutto"),
             ("DKK/yr", "kr./år"), ("t/yr diverted", "t/år genanvendt"), (" diverted", " genanvendt"),
             (" moved from another use", " flyttet fra anden anvendelse"),
             ("t/yr", "t/år"), ("label(s)", "mærke(r)"),
             ("catalogue", "katalog"), ("services of", "ydelser fra"), ("enterprises", "virksomheder"),
             ("with capacity and price", "med kapacitet og pris"), ("social index", "socialt indeks"),
             ("persons inside members", "personer i medlemsvirksomheder"), ("members", "medlemmer"),
             (" of ", " af "), ("saved ", "sparet "), ("supported jobs", "støttede job"), ("state", "stat"),
             ("member(s) lose", "medlem(mer) taber"), ("service links", "serviceaftaler"),
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
    from symbiosis.social.coverage import agreement_coverage, coverage, members_of
    from symbiosis.social.jobs import links_in_year, member_jobs_in_year
    from symbiosis.social.rules import buyer

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
    above = {f.subject for f in findings if f.rule == "market price" and f.status == "violation"}
    public_dkk, any_public = 0.0, False
    for m in members:
        if kind[m] != "public":
            add(p2, m, "n/a", "", "a private company: the kommune's own purchasing does not concern it",
                "privat virksomhed: kommunens egne indkøb angår den ikke")
            continue
        bought = [x for x in links if x.client == m]
        deals = [a for a in network.agreements if a.member == m and a.status == "signed" and a.enterprises
                 and a.runs_in(year)]
        dkk = sum(x.annual_value.value for x in bought if x.annual_value) + sum(a.annual_value or 0 for a in deals)
        public_dkk += dkk
        bad = [x.id for x in bought if x.id in above]
        if bad:
            add(p2, m, "no", f"{dkk:,.0f} DKK/yr", f"pays above the market price ({', '.join(bad)}): illegal support",
                f"betaler over markedsprisen ({', '.join(bad)}): ulovlig støtte")
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
            add(p2, m, "unknown", "", f"no purchase from a social-economy enterprise recorded for {year}{last}",
                f"intet køb hos en socialøkonomisk virksomhed registreret for {year}"
                + (f"; senest offentliggjort: {past[-1].id} ({past[-1].end})" if past else ""))
    bad_any = any(r["key"] == "P2" and r["status"] == "no" for r in rows)
    kommune = [r for r in rows if r["key"] == "P2" and r["status"] == "unknown"
               and network.actor[r["scope"]].kind == "municipality"]
    add(p2, "network", "no" if bad_any else ("yes" if any_public else "unknown"),
        f"{public_dkk:,.0f} DKK/yr" if (bad_any or any_public) else "",
        "a public buyer pays above market" if bad_any else (
            "public purchases from social-economy enterprises" if any_public
            else (kommune[0]["why_en"] if kommune else "no public purchase recorded")),
        "en offentlig køber betaler over markedsprisen" if bad_any else (
            "offentlige indkøb hos socialøkonomiske virksomheder" if any_public
            else (kommune[0]["why_da"] if kommune else "intet offentligt køb registreret")))

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
    add(p3, "network", "yes" if labels else "unknown", value,
        (f"label holders: {', '.join(names[x.holder] for x in labels)}" if labels else "no label or prize recorded")
        + f"; the catalogue here is compiled from published sources ({len(priced)} of {len(network.catalogue)} "
        "with capacity and price); a joint catalogue by the kommune was not found",
        (f"mærkeholdere: {', '.join(names[x.holder] for x in labels)}" if labels else "intet mærke registreret")
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
                "ingen støttede job i virksomheden registreret")
    n4 = sum(j.persons for j in jobs if j.scheme not in ("ordinary", "unknown"))
    add(p4, "network", "yes" if n4 else "unknown", f"{n4:g} persons inside members",
        f"{n4:g} people in supported schemes inside members" if n4 else "none recorded",
        f"{n4:g} personer i støttede job i medlemsvirksomhederne" if n4 else "ingen registreret")

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
INDICATORS_READ = ("cost_saved", "co2e_avoided", "supported_persons")
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
            f"t/yr, {_read(ind, 'supported_persons') or 0:g} supported jobs"
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
    # D3: a shared gain
    saved = {} if per_actor is None else dict(zip(per_actor.actor, per_actor.cost_saved, strict=True))
    warned = {f.subject for f in findings if f.rule == "market price" and f.status in ("violation", "warning")}
    over = {x.client for x in links if x.id in warned and x.price is not None and x.market_price is not None
            and x.price > x.market_price}
    for m in members:
        if m not in saved:
            add(d3, m, "unknown", "", "no cost recorded", "ingen omkostning registreret")
        elif saved[m] < -0.5:
            add(d3, m, "no", f"{saved[m]:,.0f} DKK/yr", f"pays {-saved[m]:,.0f} DKK/yr more than without the "
                "symbiosis: a transfer price is needed", f"betaler {-saved[m]:,.0f} kr./år mere end uden symbiose: "
                "kræver en afregningspris")
        elif m in over:
            add(d3, m, "no", f"{saved[m]:,.0f} DKK/yr", "pays a social-economy enterprise above market",
                "betaler en socialøkonomisk virksomhed over markedsprisen")
        else:
            add(d3, m, "yes", f"{saved[m]:,.0f} DKK/yr", f"gains {saved[m]:,.0f} DKK/yr",
                f"vinder {saved[m]:,.0f} kr./år")
    losers = [m for m in members if m in saved and (saved[m] < -0.5 or m in over)]
    known = [m for m in members if m in saved]
    add(d3, "network", "no" if losers else ("yes" if known else "unknown"), f"{len(losers)} member(s) lose",
        ("members that lose: " + ", ".join(names[m] for m in losers)) if losers else "every member gains",
        ("medlemmer der taber: " + ", ".join(names[m] for m in losers)) if losers else "alle medlemmer vinder")
    # D4: residuals and talents
    streams = network.streams_in_year(year)
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
        + f", {_read(ind, 'supported_persons') or 0:g} supported jobs",
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
    add(d5, "network", "yes" if total else "unknown", f"{len(streams)} streams, {len(links)} service links",
        "partnerships across the network", "partnerskaber på tværs af netværket")
