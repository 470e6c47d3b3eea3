"""The social bottom line of ``symbiosis score``, printed in English or Danish: supported jobs, the
public economy per payer, SROI, the framework agreement's reach, the social index against its
targets, Kalundborg's pejlemærker, Kolding's design principles and the service assignment."""

from __future__ import annotations

import math

from symbiosis import parameters as P
from symbiosis.accounting.indicators import INDICATOR
from symbiosis.accounting.report import TBLReport
from symbiosis.model import CatalogueEntry, ServiceLink
from symbiosis.model.money import in_currency
from symbiosis.packs import network_packs
from symbiosis.present.console import table
from symbiosis.present.danish import num, pct, plural, say
from symbiosis.present.encode import records
from symbiosis.present.i18n import N_, gettext_in, scheme_name
from symbiosis.present.pagewords import label
from symbiosis.present.rows import AgreementRow, LinkRow, PayerRow, SchemeRow
from symbiosis.present.rows import rows as rows_of
from symbiosis.present.social_wording import RULES, aim_words, aims_records, words
from symbiosis.social import by_scheme, people
from symbiosis.social.public import filters

__all__ = ["LANGS", "STATUS_WORDS", "print_social", "rule_table", "social_json", "word"]

LANGS = P.LANG.choices or ()
STATUS_WORDS = {"yes": N_("yes"), "no": N_("no"), "unknown": N_("unknown"), "n/a": N_("n/a")}

_W: dict[str, str | tuple[str, str]] = {
    "rates": N_("Rates of {year}; where the table has no row of {year}, the nearest earlier year's is used: {notes}."),
    "supported": N_("Supported employees, by scheme (on service links and inside members)"),
    "no_jobs": N_("No supported employees on running service links or inside members: the social line counts no "
                  "jobs."),
    "unknown_scheme": N_("{n} person(s) work on service links under a scheme that is not published; they are not "
                         "counted as supported."),
    "payers": N_("Public economy per payer (DKK/yr, rates of the network's year; consequence x price)"),
    "payer_total": N_("Per payer: kommune {k} (its kommuneskat before udligning: SØM's convention, prices exclude "
                      "udligning and bloktilskud), state {s} (refusion {rf}); gross {g} (SØM-comparable, without "
                      "filters); after deadweight, attribution and displacement (x {f}, generic defaults "
                      "{dw}, set with --factor sroi_deadweight=...) {n}; jobcenter cost {j}; headline public value "
                      "{v} DKK/yr. The clients pay {c} DKK/yr for the services."),
    "refusion_flat": N_("{x}: more than 52 weeks on benefits assumed where benefit_weeks is not recorded"),
    "refusion_steps": N_("by the refusion staircase 80/40/30/20 %"),
    "sroi": N_("SROI ({p}): PV of outcomes {pv} DKK / PV of inputs {i} DKK, both over {y} years at {r} (a year's "
               "inputs: price above market {pa}, wage subsidies {sb}, jobcenter {j}, other {o}) = {ratio}; without "
               "the filters (SØM-comparable) {u}. Beside it, not in it: the services at market value {mv} DKK/yr, "
               "bought for {c} DKK/yr (an exchange, neither outcome nor input)."),
    "undefined": N_("undefined"),
    "people": N_("People in supported employment and offers: {n} ({j} in jobs: fleksjob, småjob, løntilskud; {o} in "
                 "offers and forløb, not jobs: virksomhedspraktik, ressourceforløb, nytteindsats){u}."),
    "people_unknown": N_("People in supported employment and offers: not known. What is known: {u} person(s) on "
                         "service links under a scheme not published; nothing else is recorded."),
    "people_none": N_("People in supported employment and offers: not known (nothing is recorded)."),
    "plus_unknown": N_("; besides, {u} person(s) under a scheme not published"),
    "not_known": N_("not known"),
    "at_least": N_("not known, at least {x}"),
    "no_index": N_("not known: no indicator has data"),
    "coverage": N_("Framework agreement: {yes} of {n} members buy from a social-economy enterprise ({share}); "
                   "no: {no}; unknown: {unknown}."),
    "unknown_why": N_("Why unknown, not no: {why}."),
    "none_valued": N_("No supported job could be valued: see the notes above."),
    "index": N_("Social index: an objective measure of the social bottom line against fixed targets "
                "(index {x}; plain mean of the components)"),
    "left_out": N_("Left out for lack of data: {keys}."),
    "pejle": N_("Kalundborg's five pejlemærker (the strategy's words), for the network"),
    "kolding": N_("Kolding's five design principles (the policy's words), for the network"),
    "members": N_("Per member (P = pejlemærke, D = design principle; why: `symbiosis score --format json`, aims)"),
    "assign": N_("Service assignment ({o}; no member pays above market)"),
    "assign_sum": N_("Supported jobs from the assignment: {f} FTE at no extra cost: {c} DKK/yr against {m} DKK/yr at "
                     "market prices."),
    "deals": N_("Agreements the assignment needs"),
    "assign_offers": N_("Offers and forløb (virksomhedspraktik, ressourceforløb, nytteindsats), counted apart from "
                      "the jobs: {o} FTE."),
    "assign_not": N_("The assignment does not consider:"),
    "no_assign": N_("Service assignment not run on this data: {why}. The roll-out scenario has estimates: "
                    "`symbiosis score examples/framework-agreement-rollout.yaml --year 2027`."),
}


#: The column heads and cell words of the social tables (messages of the catalogue; a scheme's name through
#: the context "scheme", where "unknown" is "ikke offentliggjort").
_COLS = (N_("scheme"), N_("where"), N_("persons"), N_("FTE"), N_("hours/yr"), N_("benefit avoided"),
         N_("tax gained"), N_("subsidy paid"), N_("state"), N_("after filters"), N_("indicator"), N_("value"),
         N_("target"), N_("target's source"), N_("aim"), N_("measured"), N_("why"), N_("member"),
         N_("enterprise -> member"), N_("service"), N_("DKK/h"), N_("market DKK/h"), N_("supported FTE"),
         N_("enterprise"), N_("agreement"), N_("service link"), N_("inside member"), N_("note"), N_("score"),
         N_("kommune"), N_("km"))


def _t(text: str, lang: str) -> str:
    return gettext_in(lang, text)


def _scheme(scheme: str, lang: str) -> str:
    """A scheme's name (``unknown``: not published)."""
    return scheme_name(scheme, lang)


def _table(title: str, cols, lang: str):
    return table(title, [(_t(c, lang), just) for c, just in cols])


def word(key: str, lang: str = "en", **fmt) -> str:
    """A sentence or heading of the social sections in ``lang`` (``en`` or ``da``), filled in."""
    w = _W[key]
    text = gettext_in(lang, w) if isinstance(w, str) else w[1 if lang == "da" else 0]
    return in_currency(plural(text.format(**fmt) if fmt else text, lang))


def _status(s: str, lang: str) -> str:
    return gettext_in(lang, STATUS_WORDS.get(s, s))


def print_social(r: TBLReport, console, lang: str = "en") -> None:
    """Every social section of the report, in ``lang``."""
    o = r.observed
    net = o.network
    names = {a.id: a.name for a in net.actors}
    # the public economy, the framework agreement's reach and the aims come with a jurisdiction pack
    public = bool(o.index)  # a pack that values jobs for the public purse (symbiosis.packs)
    if o.year_notes:
        console.print(word("rates", lang, year=net.year, notes="; ".join(words(n, lang) for n in o.year_notes)))
    _jobs(r, console, lang)
    if public:
        _payers(r, console, lang)
    if public or net.frameworks:
        _coverage(r, console, lang, names)
    _index(r, console, lang)
    _aims(r, console, lang, names)
    if o.packs or r.assignment is not None:
        _assignment(r, console, lang, names)


def _jobs(r: TBLReport, console, lang: str) -> None:
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
    row: SchemeRow
    for where in ("service link", "inside member"):
        part = sup[sup["where"] == where]
        for row in rows_of(by_scheme(part)):
            t.add_row(_scheme(row.scheme, lang), _t(where, lang), num(row.persons, lang), num(row.fte, lang),
                      num(row.hours, lang))
    console.print(t)
    unknown = sup[~sup.supported.astype(bool)].persons.sum()
    if unknown:
        console.print(word("unknown_scheme", lang, n=num(unknown, lang)))


def _payers(r: TBLReport, console, lang: str) -> None:
    o = r.observed
    pv = o.public_value
    if len(pv):
        def total(x):
            return x.sum(min_count=1)

        g = pv.groupby("scheme", sort=False).agg(
            benefit=("benefit_avoided", total), subsidy=("subsidy_paid", total), tax=("tax_state", total),
            tax_k=("tax_kommune", total), kommune=("kommune", total), state=("state", total), net=("net", total),
            note=("note", lambda x: "; ".join(sorted({words(n, lang) for notes in x for n in notes})))).reset_index()
        t = _table(word("payers", lang), [
            ("scheme", "left"), ("benefit avoided", "right"), ("tax gained", "right"), ("subsidy paid", "right"),
            ("kommune", "right"), ("state", "right"), ("after filters", "right"), ("note", "left")], lang)
        row: PayerRow
        for row in rows_of(g):
            tax = row.tax + row.tax_k if not (math.isnan(row.tax) or math.isnan(row.tax_k)) else float("nan")
            t.add_row(_scheme(row.scheme, lang), num(row.benefit, lang), num(tax, lang), num(row.subsidy, lang),
                      num(row.kommune, lang), num(row.state, lang), num(row.net, lang),
                      row.note)
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
        gettext_in(lang, "{ratio} (net {net})").format(ratio=num(s.ratio, lang, 2), net=num(s.net_ratio, lang, 2))
    perspective = gettext_in(lang, {"clients and public": N_("clients and public")}.get(s.perspective,
                                                                                         s.perspective))
    i = s.inputs
    u = i.get("ratio_unfiltered")
    console.print(word("sroi", lang, p=perspective, pv=num(s.pv_outcomes, lang), y=s.years, r=pct(s.rate, lang, 1),
                       i=num(s.investment, lang), pa=num(i.get("price_above_market", 0.0), lang),
                       sb=num(i.get("subsidies", 0.0), lang), j=num(i.get("jobcenter", 0.0), lang),
                       o=num(i.get("other", 0.0), lang), ratio=ratio,
                       u=word("undefined", lang) if u is None else num(u, lang, 2),
                       mv=num(i.get("services_market_value", 0.0), lang), c=num(i.get("client_purchase"), lang))
                  + (" " + gettext_in(lang, "Note: {notes}.").format(notes="; ".join(words(n, lang) for n in s.notes))
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
        console.print(word("unknown_why", lang, why=words(cov["status"][cov["unknown"][0]][1], lang)))


def _index(r: TBLReport, console, lang: str) -> None:
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
    heads = {"kalundborg": "pejle", "kolding": "kolding"}  # another pack's framework: headed by its name
    for framework in dict.fromkeys(aims.framework):
        head = word(heads[framework], lang) if framework in heads else framework
        t = _table(head, [("", "right"), ("aim", "left"), ("status", "left"), ("measured", "left"),
                          ("why", "left")], lang)
        rows = aims[(aims.framework == framework) & (aims.scope == "network")]
        for row in rows.itertuples():
            title = row.title_da if lang == "da" else f"{row.title_da} ({row.title_en})"
            t.add_row(row.key, title, _status(row.status, lang), *aim_words(row, lang))
        console.print(t)
    members = aims[aims.scope != "network"]
    if members.empty:
        return
    keys = list(dict.fromkeys(members.key))
    t = _table(word("members", lang), [("member", "left"), *[(k, "left") for k in keys]], lang)
    for m in dict.fromkeys(members.scope):
        mine = members[members.scope == m].set_index("key").status
        t.add_row(names.get(m, m), *[_status(mine.get(k, ""), lang) for k in keys])
    console.print(t)


def _assignment(r: TBLReport, console, lang: str, names: dict[str, str]) -> None:
    a = r.assignment
    if a is None:
        console.print(word("no_assign", lang, why="; ".join(say(m, lang) for m in r.assignment_missing)))
        return
    t = _table(word("assign", lang, o=say(a.objective, lang)), [
        ("enterprise -> member", "left"), ("service", "left"), ("hours/yr", "right"), ("DKK/h", "right"),
        ("market DKK/h", "right"), ("km", "right"), ("supported FTE", "right")], lang)
    link: LinkRow
    for link in rows_of(a.links):
        t.add_row(f"{names[link.provider]} -> {names[link.client]}", _service(r, link.service, lang),
                  num(link.hours, lang), num(link.cost_per_hour, lang), num(link.market_price, lang),
                  num(link.distance_km, lang), num(link.supported_fte, lang, 2))
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
        deal: AgreementRow
        for deal in rows_of(a.agreements):
            t.add_row(names[deal.client], names[deal.provider], _service(r, deal.service, lang), say(deal.action, lang))
        console.print(t)


def _service(r: TBLReport, service: str, lang: str) -> str:
    """A service's name in ``lang``: its ``service_da`` in Danish where the data give one."""
    net = r.observed.network
    if lang == "da":
        offered: list[CatalogueEntry | ServiceLink] = [*net.catalogue, *net.service_links]
        for x in offered:
            if x.service == service and x.service_da:
                return x.service_da
    return service


def rule_table(findings, lang: str = "en"):
    """The rule checks as a table in ``lang`` (status, rule, where, finding)."""
    heads = (N_("status"), N_("rule"), N_("where"), N_("finding"))
    t = table(gettext_in(lang, "Rule checks (Danish rules)"), [(gettext_in(lang, c), "left") for c in heads])
    statuses = {"violation": N_("violation"), "warning": N_("warning"), "not checked": N_("not checked"), "ok": "ok"}
    colour = {"violation": "red", "warning": "yellow"}
    for f in findings:
        w = gettext_in(lang, statuses.get(f.status, f.status))
        t.add_row(f"[{colour[f.status]}]{w}[/{colour[f.status]}]" if f.status in colour else w,
                  gettext_in(lang, RULES.get(f.rule, f.rule)), f.where, words(f.message, lang))
    if not findings:
        t.add_row("-", "-", "-", gettext_in(lang, "no service links to check"))
    return t


def _in_words(reach: dict) -> dict:
    """A coverage (:func:`symbiosis.social.coverage.coverage`) with each member's reason in English words."""
    if not reach or "status" not in reach:
        return reach
    return {**reach, "status": {m: (st, words(why)) for m, (st, why) in reach["status"].items()}}


def social_json(r: TBLReport) -> dict:
    """The social part of ``symbiosis score --format json`` (before NaN is made null)."""
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
        "public_value": records(pv.assign(note=[words(n) for n in pv.note]) if len(pv) else pv),
        "payers": payers,
        "sroi": {"perspective": o.sroi.perspective, "pv_outcomes": o.sroi.pv_outcomes,
                 "investment": o.sroi.investment, "inputs": o.sroi.inputs, "ratio": o.sroi.ratio,
                 "net_ratio": o.sroi.net_ratio, "discount_rate": o.sroi.rate, "years": o.sroi.years,
                 "notes": [words(n) for n in o.sroi.notes], "outcomes": records(o.sroi.outcomes)},
        "coverage": _in_words(o.coverage),
        "agreements": _in_words(o.agreements),
        "supported_share": o.supported_share,
        "index": o.index,
        "aims": aims_records(o.aims),
        "rates_year_notes": [words(n) for n in o.year_notes],
    }
    if not any(p.public_economy for p in network_packs(o.network)):  # no pack values jobs for a public purse
        for key in ("public_value", "payers", "sroi", "index", "rates_year_notes"):
            out.pop(key)
    if o.aims is None:
        out.pop("aims")
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
