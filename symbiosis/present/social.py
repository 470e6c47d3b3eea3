"""The social bottom line of ``symbiosis score``, printed in English or Danish: supported jobs, the
public economy per payer, SROI, the framework agreement's reach, the social index against its
targets, Kalundborg's pejlemærker, Kolding's design principles and the service assignment."""

from __future__ import annotations

import math

from symbiosis.accounting.report import TBLReport
from symbiosis.model.money import in_currency
from symbiosis.present.console import table
from symbiosis.present.danish import num, pct, plural, say

__all__ = ["LANGS", "STATUS_WORDS", "print_social", "rule_table", "social_json", "word"]

LANGS = ("en", "da")
STATUS_WORDS = {"yes": ("yes", "ja"), "no": ("no", "nej"), "unknown": ("unknown", "ukendt"), "n/a": ("n/a", "-")}

_W = {
    "rates": ("Rates of {year}; where the table has no row of {year}, the nearest earlier year's is used: {notes}.",
              "Satser for {year}; hvor tabellen ikke har {year}, bruges det nærmeste tidligere år: {notes}."),
    "supported": ("Supported employees, by scheme (on service links and inside members)",
                  "Støttede ansatte pr. ordning (på serviceaftaler og i medlemsvirksomheder)"),
    "no_jobs": ("No supported employees on running service links or inside members: the social line counts no "
                "jobs.", "Ingen støttede ansatte på aktive serviceaftaler eller i medlemsvirksomheder."),
    "unknown_scheme": ("{n} person(s) work on service links under a scheme that is not published; they are not "
                       "counted as supported.", "{n} person(er) arbejder på serviceaftaler under en ordning, der "
                       "ikke er offentliggjort; de tælles ikke som støttede."),
    "payers": ("Public economy per payer (DKK/yr, rates of the network's year; consequence x price)",
               "Offentlig økonomi pr. betaler (kr./år, satser for netværkets år; konsekvens x pris)"),
    "payer_total": ("Per payer: kommune {k} (its kommuneskat before udligning: SØM's convention, prices exclude "
                    "udligning and bloktilskud), state {s} (refusion {rf}); gross {g} (SØM-comparable, without "
                    "filters); after deadweight, attribution and displacement (x {f}, generic defaults "
                    "{dw}, set with --factor sroi_deadweight=...) {n}; jobcenter cost {j}; headline public value "
                    "{v} DKK/yr. The clients pay {c} DKK/yr for the services.",
                    "Pr. betaler: kommune {k} (kommuneskat før udligning: SØM's konvention, priser uden "
                    "udligning og bloktilskud), stat {s} (refusion {rf}); brutto {g} (som i SØM, uden filtre); "
                    "efter dødvægt, attribution og fortrængning (x {f}, generiske standardværdier {dw}, "
                    "sæt dem med --factor sroi_deadweight=...) {n}; jobcentrets omkostning {j}; offentlig værdi "
                    "i alt {v} kr./år. Køberne betaler {c} kr./år for ydelserne."),
    "refusion_flat": ("{x}: more than 52 weeks on benefits assumed where benefit_weeks is not recorded",
                      "{x}: mere end 52 uger på ydelse antaget, hvor benefit_weeks ikke er oplyst"),
    "refusion_steps": ("by the refusion staircase 80/40/30/20 %", "efter refusionstrappen 80/40/30/20 %"),
    "sroi": ("SROI ({p}): PV of outcomes {pv} DKK / PV of inputs {i} DKK, both over {y} years at {r} (a year's "
             "inputs: price above market {pa}, wage subsidies {sb}, jobcenter {j}, other {o}) = {ratio}; without "
             "the filters (SØM-comparable) {u}. Beside it, not in it: the services at market value {mv} DKK/yr, "
             "bought for {c} DKK/yr (an exchange, neither outcome nor input).",
             "SROI ({p}): nutidsværdi af effekter {pv} kr. / nutidsværdi af input {i} kr., begge over {y} år ved "
             "{r} (et års input: pris over markedspris {pa}, løntilskud og fleksløntilskud {sb}, jobcenter "
             "{j}, andet {o}) = {ratio}; uden filtre (som i SØM) {u}. Ved siden af, ikke i forholdet: ydelserne "
             "til markedsværdi {mv} kr./år, købt for {c} kr./år (en udveksling, hverken effekt eller input)."),
    "undefined": ("undefined", "udefineret"),
    "people": ("People in supported employment and offers: {n} ({j} in jobs: fleksjob, småjob, løntilskud; {o} in "
               "offers and forløb, not jobs: virksomhedspraktik, ressourceforløb, nytteindsats){u}.",
               "Personer i støttet beskæftigelse og tilbud: {n} ({j} i job: fleksjob, småjob, løntilskud; {o} i "
               "tilbud og forløb, ikke job: virksomhedspraktik, ressourceforløb, nytteindsats){u}."),
    "people_unknown": ("People in supported employment and offers: not known. What is known: {u} person(s) on "
                       "service links under a scheme not published; nothing else is recorded.",
                       "Personer i støttet beskæftigelse og tilbud: ukendt. Det vides: {u} person(er) på "
                       "serviceaftaler under en ordning, der ikke er offentliggjort; intet andet er registreret."),
    "people_none": ("People in supported employment and offers: not known (nothing is recorded).",
                    "Personer i støttet beskæftigelse og tilbud: ukendt (intet er registreret)."),
    "plus_unknown": ("; besides, {u} person(s) under a scheme not published", "; desuden {u} person(er) under en "
                     "ordning, der ikke er offentliggjort"),
    "not_known": ("not known", "ukendt"),
    "at_least": ("not known, at least {x}", "ukendt, mindst {x}"),
    "no_index": ("not known: no indicator has data", "ukendt: ingen indikator har data"),
    "coverage": ("Framework agreement: {yes} of {n} members buy from a social-economy enterprise ({share}); "
                 "no: {no}; unknown: {unknown}.", "Rammeaftalen: {yes} af {n} medlemmer køber hos en "
                 "socialøkonomisk virksomhed ({share}); nej: {no}; ukendt: {unknown}."),
    "unknown_why": ("Why unknown, not no: {why}.", "Hvorfor ukendt og ikke nej: {why}."),
    "none_valued": ("No supported job could be valued: see the notes above.",
                    "Intet støttet job kunne værdisættes: se noterne ovenfor."),
    "index": ("Social index: an objective measure of the social bottom line against fixed targets "
              "(index {x}; plain mean of the components)",
              "Socialt indeks: et objektivt mål for den sociale bundlinje mod faste mål "
              "(indeks {x}; gennemsnit af komponenterne)"),
    "left_out": ("Left out for lack of data: {keys}.", "Udeladt af mangel på data: {keys}."),
    "pejle": ("Kalundborg's five pejlemærker (the strategy's words), for the network",
              "Kalundborgs fem pejlemærker (strategiens ord), for netværket"),
    "kolding": ("Kolding's five design principles (the policy's words), for the network",
                "Koldings fem designprincipper (politikkens ord), for netværket"),
    "members": ("Per member (P = pejlemærke, D = design principle; why: `symbiosis score --format json`, aims)",
                "Pr. medlem (P = pejlemærke, D = designprincip; begrundelse: `symbiosis score --format json`, aims)"),
    "assign": ("Service assignment ({o}; no member pays above market)",
               "Fordeling af ydelser ({o}; intet medlem betaler over markedspris)"),
    "assign_sum": ("Supported jobs from the assignment: {f} FTE at no extra cost: {c} DKK/yr against {m} DKK/yr at "
                   "market prices.", "Støttet beskæftigelse fra fordelingen: {f} årsværk uden ekstra omkostning: "
                   "{c} kr./år mod {m} kr./år til markedspris."),
    "deals": ("Agreements the assignment needs", "Aftaler, fordelingen kræver"),
    "assign_offers": ("Offers and forløb (virksomhedspraktik, ressourceforløb, nytteindsats), counted apart from "
                      "the jobs: {o} FTE.", "Tilbud og forløb (virksomhedspraktik, ressourceforløb, nytteindsats), "
                      "talt for sig og ikke som job: {o} årsværk."),
    "assign_not": ("The assignment does not consider:", "Fordelingen tager ikke højde for:"),
    "no_assign": ("Service assignment not run on this data: {why}. The roll-out scenario has estimates: "
                  "`symbiosis score examples/framework-agreement-rollout.yaml --year 2027`.",
                  "Fordelingen af ydelser er ikke kørt på disse data: {why}. Udrulningsscenariet har skøn: "
                  "`symbiosis score examples/framework-agreement-rollout.yaml --year 2027`."),
}


_COLS = {"scheme": "ordning", "where": "hvor", "persons": "personer", "FTE": "årsværk", "hours/yr": "timer/år",
         "benefit avoided": "sparet ydelse", "tax gained": "skat", "subsidy paid": "tilskud", "state": "stat",
         "after filters": "efter dødvægt, attribution og fortrængning",
         "unknown": "ikke offentliggjort", "indicator": "indikator", "value": "værdi", "target": "mål",
         "target's source": "kilde til målet", "aim": "mål", "measured": "målt", "why": "hvorfor",
         "member": "medlem", "enterprise -> member": "virksomhed -> medlem", "service": "ydelse", "DKK/h": "kr./t",
         "market DKK/h": "markedspris kr./t", "supported FTE": "støttede årsværk", "enterprise": "virksomhed",
         "agreement": "aftale", "service link": "serviceaftale", "inside member": "i medlemsvirksomhed"}


def _t(text: str, lang: str) -> str:
    return _COLS.get(text, text) if lang == "da" else text


def _table(title: str, cols, lang: str):
    return table(title, [(_t(c, lang), just) for c, just in cols])


def word(key: str, lang: str = "en", **fmt) -> str:
    """A sentence or heading of the social sections in ``lang`` (``en`` or ``da``), filled in."""
    text = _W[key][1 if lang == "da" else 0]
    return in_currency(plural(text.format(**fmt) if fmt else text, lang))


def _status(s: str, lang: str) -> str:
    return STATUS_WORDS.get(s, (s, s))[1 if lang == "da" else 0]


def print_social(r: TBLReport, console, lang: str = "en") -> None:
    """Every social section of the report, in ``lang``."""
    o = r.observed
    net = o.network
    names = {a.id: a.name for a in net.actors}
    if o.year_notes:
        console.print(word("rates", lang, year=net.year, notes="; ".join(o.year_notes)))
    _jobs(r, console, lang)
    _payers(r, console, lang)
    _coverage(r, console, lang, names)
    _index(r, console, lang)
    _aims(r, console, lang, names)
    _assignment(r, console, lang, names)


def _jobs(r: TBLReport, console, lang: str) -> None:
    from symbiosis.social import by_scheme, people

    o = r.observed
    who = people(o.network, factors=o.factors)
    if who["known"]:
        u = word("plus_unknown", lang, u=num(who["unknown_scheme"], lang)) if who["unknown_scheme"] else ""
        console.print(word("people", lang, n=num(who["persons"], lang), j=num(who["jobs"], lang),
                           o=num(who["offers"], lang), u=u))
    elif who["unknown_scheme"]:
        console.print(word("people_unknown", lang, u=num(who["unknown_scheme"], lang)))
    else:
        console.print(word("people_none", lang))
    sup = o.supported
    if sup.empty:
        console.print(word("no_jobs", lang))
        return
    t = _table(word("supported", lang), [("scheme", "left"), ("where", "left"), ("persons", "right"),
                                         ("FTE", "right"), ("hours/yr", "right")], lang)
    for where in ("service link", "inside member"):
        part = sup[sup["where"] == where]
        for row in by_scheme(part).itertuples():
            t.add_row(_t(row.scheme, lang), _t(where, lang), num(row.persons, lang), num(row.fte, lang),
                      num(row.hours, lang))
    console.print(t)
    unknown = sup[~sup.supported.astype(bool)].persons.sum()
    if unknown:
        console.print(word("unknown_scheme", lang, n=num(unknown, lang)))


def _payers(r: TBLReport, console, lang: str) -> None:
    from symbiosis.social.public import filters

    o = r.observed
    pv = o.public_value
    if len(pv):
        def total(x):
            return x.sum(min_count=1)

        g = pv.groupby("scheme", sort=False).agg(
            benefit=("benefit_avoided", total), subsidy=("subsidy_paid", total), tax=("tax_state", total),
            tax_k=("tax_kommune", total), kommune=("kommune", total), state=("state", total), net=("net", total),
            note=("note", lambda x: "; ".join(sorted(set(x) - {""})))).reset_index()
        t = _table(word("payers", lang), [
            ("scheme", "left"), ("benefit avoided", "right"), ("tax gained", "right"), ("subsidy paid", "right"),
            ("kommune", "right"), ("state", "right"), ("after filters", "right"), ("note", "left")], lang)
        for row in g.itertuples():
            tax = row.tax + row.tax_k if not (math.isnan(row.tax) or math.isnan(row.tax_k)) else float("nan")
            t.add_row(_t(row.scheme, lang), num(row.benefit, lang), num(tax, lang), num(row.subsidy, lang),
                      num(row.kommune, lang), num(row.state, lang), num(row.net, lang),
                      "; ".join(say(n, lang) for n in row.note.split("; ") if n))
        console.print(t)
    if len(pv) and not pv.valued.astype(bool).any():
        console.print(word("none_valued", lang))
    elif len(pv):
        shares = set(pv.refusion.round(6))
        rf = word("refusion_flat", lang, x=pct(shares.pop(), lang)) if len(shares) == 1 \
            else word("refusion_steps", lang)
        dw = "/".join(pct(o.factors[f"sroi_{k}"].value, lang) for k in ("deadweight", "attribution", "displacement"))
        console.print(word("payer_total", lang, k=num(pv.kommune.sum(), lang), s=num(pv.state.sum(), lang), rf=rf,
                           g=num(pv.gross.sum(), lang), f=num(filters(o.factors), lang, 3), dw=dw,
                           n=num(pv.net.sum(), lang), j=num(pv.jobcenter.sum(), lang),
                           v=num(o.indicators["public_value"], lang),
                           c=num(o.sroi.inputs.get("client_purchase"), lang)))
    s = o.sroi
    ratio = word("undefined", lang) if s.ratio is None else \
        f"{num(s.ratio, lang, 2)} ({'netto' if lang == 'da' else 'net'} {num(s.net_ratio, lang, 2)})"
    perspective = {"clients and public": "købere og det offentlige"}.get(s.perspective, s.perspective) \
        if lang == "da" else s.perspective
    i = s.inputs
    u = i.get("ratio_unfiltered")
    console.print(word("sroi", lang, p=perspective, pv=num(s.pv_outcomes, lang), y=s.years, r=pct(s.rate, lang, 1),
                       i=num(s.investment, lang), pa=num(i.get("price_above_market", 0.0), lang),
                       sb=num(i.get("subsidies", 0.0), lang), j=num(i.get("jobcenter", 0.0), lang),
                       o=num(i.get("other", 0.0), lang), ratio=ratio,
                       u=word("undefined", lang) if u is None else num(u, lang, 2),
                       mv=num(i.get("services_market_value", 0.0), lang), c=num(i.get("client_purchase"), lang))
                  + (f" {'Note' if lang == 'da' else 'Note'}: {'; '.join(say(n, lang) for n in s.notes)}."
                     if s.notes else ""))

def _coverage(r: TBLReport, console, lang: str, names) -> None:
    cov = r.observed.coverage
    share = pct(cov["share"], lang) if cov["share"] == cov["share"] else (
        word("at_least", lang, x=pct(cov["at_least"], lang)) if cov.get("at_least") == cov.get("at_least")
        else word("not_known", lang))
    console.print(word("coverage", lang, yes=len(cov["with_supplier"]), n=len(cov["members"]), share=share,
                       no=", ".join(names[m] for m in cov["no"]) or "-",
                       unknown=", ".join(names[m] for m in cov["unknown"]) or "-"))
    if cov["unknown"]:
        console.print(word("unknown_why", lang, why=say(cov["status"][cov["unknown"][0]][1], lang)))


def _index(r: TBLReport, console, lang: str) -> None:
    from symbiosis.accounting.indicators import INDICATOR
    from symbiosis.viz.labels import label

    idx = r.observed.index
    if not idx.get("components"):
        return
    x = word("no_index", lang) if idx["index"] is None else num(idx["index"], lang, 3)
    t = _table(word("index", lang, x=x), [("indicator", "left"), ("value", "right"), ("target", "right"),
                                          ("score", "right"), ("target's source", "left")], lang)
    for c in idx["components"]:
        name = label(c["key"], "da") if lang == "da" else INDICATOR[c["key"]].label
        t.add_row(name, pct(c["value"], lang, 2), pct(c["target"], lang),
                  "-" if c["normalised"] is None else num(c["normalised"], lang, 3), c["source"])
    console.print(t)
    if idx["left_out"]:
        keys = [label(k, "da") if lang == "da" else INDICATOR[k].label for k in idx["left_out"]]
        console.print(word("left_out", lang, keys=", ".join(keys)))


def _aims(r: TBLReport, console, lang: str, names) -> None:
    aims = r.observed.aims
    if aims is None or aims.empty:
        return
    why = "why_da" if lang == "da" else "why_en"
    for framework, head in (("kalundborg", "pejle"), ("kolding", "kolding")):
        t = _table(word(head, lang), [("", "right"), ("aim", "left"), ("status", "left"), ("measured", "left"),
                                      ("why", "left")], lang)
        rows = aims[(aims.framework == framework) & (aims.scope == "network")]
        for row in rows.itertuples():
            title = row.title_da if lang == "da" else f"{row.title_da} ({row.title_en})"
            t.add_row(row.key, title, _status(row.status, lang), say(row.value_da, "da") if lang == "da"
                      else in_currency(plural(row.value)), say(getattr(row, why), "da") if lang == "da"
                      else in_currency(plural(row.why_en)))
        console.print(t)
    members = aims[aims.scope != "network"]
    keys = list(dict.fromkeys(members.key))
    t = _table(word("members", lang), [("member", "left"), *[(k, "left") for k in keys]], lang)
    for m in dict.fromkeys(members.scope):
        mine = members[members.scope == m].set_index("key").status
        t.add_row(names.get(m, m), *[_status(mine.get(k, ""), lang) for k in keys])
    console.print(t)


def _assignment(r: TBLReport, console, lang: str, names) -> None:
    a = r.assignment
    if a is None:
        console.print(word("no_assign", lang, why="; ".join(r.assignment_missing)))
        return
    t = _table(word("assign", lang, o=say(a.objective, lang)), [
        ("enterprise -> member", "left"), ("service", "left"), ("hours/yr", "right"), ("DKK/h", "right"),
        ("market DKK/h", "right"), ("km", "right"), ("supported FTE", "right")], lang)
    for row in a.links.itertuples():
        t.add_row(f"{names[row.provider]} -> {names[row.client]}", row.service, num(row.hours, lang),
                  num(row.cost_per_hour, lang), num(row.market_price, lang), num(row.distance_km, lang),
                  num(row.supported_fte, lang, 2))
    console.print(t)
    console.print(word("assign_sum", lang, f=num(a.supported_fte, lang, 2), c=num(a.cost, lang),
                       m=num(a.market_cost, lang)))
    if a.offer_fte > 0:
        console.print(word("assign_offers", lang, o=num(a.offer_fte, lang, 2)))
    if a.not_considered:
        console.print(word("assign_not", lang))
        for item in a.not_considered:
            console.print(f"  - {say(item, lang)}")
    if a.agreements is not None and len(a.agreements):
        t = _table(word("deals", lang), [("member", "left"), ("enterprise", "left"), ("service", "left"),
                                         ("agreement", "left")], lang)
        for row in a.agreements.itertuples():
            t.add_row(names[row.client], names[row.provider], row.service, say(row.action, lang))
        console.print(t)


def rule_table(findings, lang: str = "en"):
    """The rule checks as a table in ``lang`` (status, rule, where, finding)."""
    heads = {"status": "status", "rule": "regel", "where": "hvor", "finding": "fund"}
    t = table("Rule checks (Danish rules)" if lang != "da" else "Tjek af danske regler",
              [(heads[c] if lang == "da" else c, "left") for c in ("status", "rule", "where", "finding")])
    words = {"violation": ("violation", "overtrædelse"), "warning": ("warning", "advarsel"),
             "not checked": ("not checked", "ikke tjekket"), "ok": ("ok", "ok")}
    colour = {"violation": "red", "warning": "yellow"}
    for f in findings:
        w = words.get(f.status, (f.status, f.status))[1 if lang == "da" else 0]
        t.add_row(f"[{colour[f.status]}]{w}[/{colour[f.status]}]" if f.status in colour else w,
                  say(f.rule, lang), f.where, say(f.message, lang))
    if not findings:
        t.add_row("-", "-", "-", "ingen serviceaftaler at tjekke" if lang == "da" else "no service links to check")
    return t


def social_json(r: TBLReport) -> dict:
    """The social part of ``symbiosis score --format json`` (before NaN is made null)."""
    from symbiosis.present.encode import records

    o = r.observed
    pv = o.public_value
    def total(col):  # None when no row could be valued: unknown, not 0
        return float(pv[col].sum(min_count=1)) if len(pv) and pv.valued.astype(bool).any() else None

    payers = {"kommune": total("kommune"), "state": total("state"), "gross": total("gross"),
              "after_filters": total("net"), "jobcenter": float(pv.jobcenter.sum()),
              "public_value": o.indicators["public_value"],
              "client_purchase": o.sroi.inputs.get("client_purchase"),
              "valued_rows": int(pv.valued.astype(bool).sum()), "rows": int(len(pv)),
              "conventions": {
                  "kommune": "kommuneskat before udligning (SØM's convention: prices exclude udligning and "
                             "bloktilskud)",
                  "refusion": "the staircase 80/40/30/20 % by benefit_weeks; 20 % (more than 52 weeks) where not "
                              "recorded",
                  "filters": {k: o.factors[f"sroi_{k}"].value for k in ("deadweight", "attribution", "displacement")}
                  | {"basis": "generic defaults (the NIAA SROI scale), settable with --factor; 'gross' is the "
                              "SØM-comparable value without them"}}} if len(pv) else {}
    out = {
        "supported": records(o.supported),
        "public_value": records(pv),
        "payers": payers,
        "sroi": {"perspective": o.sroi.perspective, "pv_outcomes": o.sroi.pv_outcomes,
                 "investment": o.sroi.investment, "inputs": o.sroi.inputs, "ratio": o.sroi.ratio,
                 "net_ratio": o.sroi.net_ratio, "discount_rate": o.sroi.rate, "years": o.sroi.years,
                 "notes": o.sroi.notes, "outcomes": records(o.sroi.outcomes)},
        "coverage": o.coverage,
        "agreements": o.agreements,
        "supported_share": o.supported_share,
        "index": o.index,
        "aims": records(o.aims) if o.aims is not None else [],
        "rates_year_notes": o.year_notes,
    }
    if r.assignment is not None:
        a = r.assignment
        out["service_assignment"] = {"objective": a.objective, "supported_fte": a.supported_fte,
                                     "offer_fte": a.offer_fte, "not_considered": list(a.not_considered),
                                     "cost": a.cost,
                                     "market_cost": a.market_cost, "links": records(a.links),
                                     "needs": records(a.needs),
                                     "agreements": records(a.agreements) if a.agreements is not None else []}
    else:
        out["service_assignment_missing"] = r.assignment_missing
    return out
