"""What ``symbiosis score`` prints and writes: the triple-bottom-line report for people and machines."""

from __future__ import annotations

import pandas as pd

from symbiosis.accounting.indicators import INDICATORS
from symbiosis.accounting.materials import ENERGY_MEASURES
from symbiosis.accounting.report import TBLReport
from symbiosis.model.money import in_currency
from symbiosis.objectives import every_weight, weights_sum
from symbiosis.packs import network_packs
from symbiosis.present.console import table
from symbiosis.present.danish import say
from symbiosis.present.encode import plain, records
from symbiosis.present.formatting import number
from symbiosis.present.i18n import N_, _, language, name_of, ngettext
from symbiosis.present.investments import investments_json, print_investments
from symbiosis.present.labels import label, value
from symbiosis.present.ranges import print_ranges, ranges_json
from symbiosis.present.rows import ActorRow, CompanyRow, StreamRow, TermRow, rows
from symbiosis.present.simulation import carried_note
from symbiosis.present.social import print_social, rule_table, social_json
from symbiosis.present.social_wording import finding_record

__all__ = ["print_report", "report_csv", "report_json"]

#: Words the report shows from the indicators and lenses (symbiosis.accounting), as messages of the catalogue.
_DATA_WORDS = (N_("economy"), N_("environment"), N_("social"), N_("people"), N_("companies"), N_("society"),
               N_("counterfactual"), N_("observed"), N_("optimised"), N_("persons"), N_("h/yr"), N_("DKK/yr"),
               N_("t CO2e/yr"), N_("m3/yr"), N_("cost"), N_("co2e"), N_("weighted"), N_("tbl"))


def report_json(r: TBLReport) -> dict:
    """Everything ``symbiosis score`` reports, as plain JSON data (NaN as null).

    Parameters
    ----------
    r : TBLReport
        The triple-bottom-line report.

    Returns
    -------
    dict
        The network, the weights, the indicators' meanings and units, the scores (observed and
        optimised), the ranges, the per-actor, per-stream and per-company tables, the social part,
        the rule findings and the factors used.
    """
    net = r.observed.network
    o = r.observed
    tables = [pk.factor_table for pk in network_packs(net) if pk.factor_table]
    out = {
        "network": net.id, "name": net.name, "year": net.year, "packs": list(o.packs),
        "flows_objective": r.evaluation.objective, "flow_weights": r.flow_weights,
        "weights": every_weight(r.flow_weights, r.social_value),
        "indicators": [{"key": i.key, "line": i.line, "label": i.label, "unit": in_currency(i.unit),
                        "meaning": i.meaning}
                       for i in INDICATORS],
        "scores": {"observed": o.indicators, "optimised": r.optimised.indicators},
        "ranges": ranges_json(r.evaluation),
        "lenses": {},
        "per_actor": {"observed": records(o.per_actor), "optimised": records(r.optimised.per_actor)},
        "per_stream": {"observed": records(o.per_stream), "optimised": records(r.optimised.per_stream)},
        "per_stream_terms": {"observed": _terms(o.stream_terms), "optimised": _terms(r.optimised.stream_terms)},
        "per_stream_remainder": {"observed": o.stream_remainder, "optimised": r.optimised.stream_remainder},
        "social": social_json(r),
        "findings": [finding_record(f) for f in o.findings],
        "company_view": records(o.company), "company_view_unknown_employees": o.company_unknown,
        "avoided_emissions_note": AVOIDED_NOTE,
        "factors": {k: f.model_dump(exclude_none=True) for k, f in sorted(o.factors.items())
                    if tables or k in {row.factor for row in net.factors}},  # a pack's table only where it is on
        **investments_json({"observed": o.investments, "optimised": r.optimised.investments}
                           if o.investments is not None else {}),
    }
    for name, lens in r.lenses.items():
        comp, index = r.indices[name]
        out["lenses"][name] = {
            "source": lens.source, "groups": {g: list(ks) for g, ks in lens.groups.items()},
            "totals": {a: records(lens.totals(v)) for a, v in r.values().items() if a != "counterfactual"},
            "composite": {"normalisation": r.normalise, "group_weights": index.attrs["group_weights"],
                          "targets": index.attrs.get("targets", {}), "warning": index.attrs.get("warning", ""),
                          "groups_without_target": index.attrs.get("untargeted", []),
                          "index": records(index), "components": records(comp)},
        }
    if "service_assignment" in out["social"]:
        out["service_assignment"] = out["social"]["service_assignment"]
    return plain(out)


# -- the printed report ---------------------------------------------------------------------
def _print_energy(net, observed: dict, optimised: dict, console) -> None:
    """Fuel and energy saved per carrier, each in its own unit, and primary energy in MWh (never summed)."""
    keys = [k for k in observed if k.split(":")[0] in ENERGY_MEASURES]
    if not keys:
        return
    words = {"fuel_saved": N_("fuel saved"), "energy_saved": N_("energy saved"),
             "primary_energy_saved": N_("primary energy saved")}
    t = table(_("Fuel and energy saved (purchases avoided per carrier, in its own unit; primary energy in MWh)"), [
        (_("measure"), "left"), (_("carrier"), "left"), (_("observed"), "right"), (_("optimised flows"), "right"),
        (_("unit"), "left")])
    for k in keys:
        measure, carrier = k.split(":", 1)
        unit = "MWh" if measure == "primary_energy_saved" else net.resource[carrier].unit
        t.add_row(_(words[measure]), carrier, number(observed[k]), number(optimised.get(k, 0.0)),
                  _("{unit}/yr").format(unit=unit))
    console.print(t)


def _terms(terms: pd.DataFrame | None) -> list[dict]:
    """The terms beside the streams as records (none where a hand-made score has no table of them)."""
    return records(terms) if terms is not None else []


def print_report(r: TBLReport, console, lang: str = "en") -> None:
    """The readable triple-bottom-line report in ``lang`` (``en`` or ``da``): every word from the message
    catalogue, every number in the language's format.

    Parameters
    ----------
    r : TBLReport
        The triple-bottom-line report.
    console : rich.console.Console
        Where to print.
    lang : str, default "en"
        ``en`` or ``da``.
    """
    with language(lang):
        _print_report(r, console, lang)


def _print_report(r: TBLReport, console, lang: str) -> None:
    net = r.observed.network
    names = {a.id: name_of(a) for a in net.actors}
    o, p = r.observed, r.optimised
    weights = every_weight(r.flow_weights, r.social_value)
    console.print(_("[bold]{name}[/bold], {year}: three bottom lines against no symbiosis. Optimised flows: "
                    "{objective} ({weights}).").format(
        name=name_of(net).removesuffix(f", {net.year}"), year=net.year, objective=_(r.evaluation.objective),
        weights=weights_sum({_(k): w for k, w in weights.items()})))
    if carried_note(net):
        console.print(carried_note(net))

    for n, (name, lens) in enumerate(r.lenses.items()):
        comp, index = r.indices[name]
        title = _("Three bottom lines (per year), {lens} lens: {groups}") if n == 0 else \
            _("{lens} lens: {groups}")
        t = table(title.format(lens=lens.name, groups=", ".join(_(g) for g in lens.groups)), [
            (_("group"), "left"), (_("indicator"), "left"), (_("observed"), "right"), (_("optimised flows"), "right"),
            (_("unit"), "left")])
        tot_o, tot_p = lens.totals(o.indicators), lens.totals(p.indicators)
        for g, keys in lens.groups.items():
            for k in keys:
                i = next(x for x in INDICATORS if x.key == k)
                share = i.unit == "share"
                if not o.packs and o.indicators[k] is None and p.indicators[k] is None:
                    continue  # no pack: only the social indicators the network has data for
                t.add_row(_(g), _(i.label), number(o.indicators[k], share=share),
                          number(p.indicators[k], share=share), "" if share else _(i.unit))
            for row_o, row_p in zip(tot_o[tot_o.group == g].itertuples(), tot_p[tot_p.group == g].itertuples(),
                                    strict=True):
                if "," in row_o.indicators:
                    t.add_row(_(g), "[bold]" + _("total {unit}").format(unit=_(row_o.unit)) + "[/bold]",
                              number(row_o.total), number(row_p.total), _(row_o.unit))
        console.print(t)
        gw = index.attrs["group_weights"]
        t = table(_("{lens} composite index (normalisation: {normalise}; group weights {weights}; shown with its "
                    "components above)").format(lens=lens.name, normalise=_(r.normalise),
                                                weights=", ".join(f"{_(g)}={number(w)}" for g, w in gw.items())),
                  [(_("answer"), "left"), *[(_(g), "right") for g in lens.groups], (_("index"), "right")])
        for row in index.itertuples(index=False):
            d = row._asdict()
            t.add_row(_(d["answer"]), *[_index(d[g]) for g in lens.groups], _index(d["index"]))
        console.print(t)
        if index.attrs.get("warning"):
            console.print(_("[yellow]Warning:[/yellow] {warning}.").format(warning=_(index.attrs["warning"])))
        elif index.attrs.get("untargeted"):
            targets = ", ".join(f"{_(label(k)[0])} {value(k, v)}" for k, v in index.attrs["targets"].items())
            console.print(_("Targets: {targets}; no target for {groups} (shown above, left out of the index; give "
                            "--targets to index them).").format(
                targets=targets or _("none"), groups=", ".join(_(g) for g in index.attrs["untargeted"])))

    print_ranges(r.evaluation, console)
    _print_energy(net, o.indicators, p.indicators, console)

    pa = o.per_actor
    pa = pa[(pa[["cost_saved", "co2e_avoided", "groundwater_saved"]].abs() > 1e-9).any(axis=1)]
    paid = any(st.payment is not None for st in net.streams)
    t = table(_("Who gains, who pays (observed, per actor; transport paid by the supplier)"), [
        (_("actor"), "left"), (_("cost saved DKK/yr"), "right"), *(((_("of which recorded payments"), "right"),)
                                                                    if paid else ()),
        (_("CO2e avoided t/yr"), "right"), (_("groundwater m3/yr"), "right")])
    actors: list[ActorRow] = list(rows(pa))
    for actor in actors:
        t.add_row(names.get(actor.actor, actor.name), number(actor.cost_saved),
                  *((number(actor.payments),) if paid else ()),
                  number(actor.co2e_avoided), number(actor.groundwater_saved))
    console.print(t)
    unpriced = sorted({s for actor in actors for s in actor.unpriced.split(", ") if s})
    if unpriced and paid:
        console.print(ngettext("No recorded payment on {n} running stream ({ids}): its supplier's and "
                               "receiver's cost saved leaves out the money that changes hands (a transfer; the "
                               "network total is the same either way). Record it as the stream's payment.",
                               "No recorded payment on {n} running streams ({ids}): their suppliers' and "
                               "receivers' cost saved leaves out the money that changes hands (a transfer; the "
                               "network total is the same either way). Record it as the stream's payment.",
                               len(unpriced)).format(n=number(len(unpriced)), ids=", ".join(unpriced)))
    elif unpriced:
        console.print(_("No stream records a payment: each actor's cost saved is the engine's saving without the "
                        "money that changes hands for the streams (a transfer; the network total is the same either "
                        "way). Record a stream's price as its payment (docs/data.md)."))

    t = table(_("Per stream (observed): value from the engine's own costs and a fair transfer price; "
                "with the terms beside the streams, they add up to the saving"), [
                  (_("supplier -> receiver"), "left"), (_("resource"), "left"), (_("value DKK/yr"), "right"),
                  (_("fair price DKK/unit"), "right"), (_("CO2e avoided t/yr"), "right"),
                  (_("groundwater m3/yr"), "right")])
    stream: StreamRow
    for stream in rows(o.per_stream):
        t.add_row(f"{names[stream.supplier]} -> {names[stream.receiver]}", stream.resource,
                  number(stream.value_money), number(stream.fair_price), number(stream.co2e_avoided),
                  number(stream.groundwater_saved))
    term: TermRow
    for term in rows(o.stream_terms) if o.stream_terms is not None else ():
        t.add_row(_("not a stream: {cause}").format(cause=say(term.cause, lang)), term.item,
                  number(term.value_money), "", number(term.co2e_avoided), number(term.groundwater_saved))
    left = o.stream_remainder
    if any(abs(v) > 1e-6 * max(1.0, abs(o.indicators.get(k, 0.0) or 0.0)) for k, v in
           (("cost_saved", left.get("cost", 0.0)), ("co2e_avoided", left.get("co2e", 0.0)),
            ("groundwater_saved", left.get("groundwater", 0.0)))):
        t.add_row(_("remainder: the ledger's rows and the solver's totals differ"), "", number(left["cost"]), "",
                  number(left["co2e"]), number(left["groundwater"]))
    t.add_row("[bold]" + _("saving (the sum)") + "[/bold]", "", number(o.indicators["cost_saved"]), "",
              number(o.indicators["co2e_avoided"]), number(o.indicators["groundwater_saved"]))
    console.print(t)
    print_investments(o.investments, console)

    if any(pk.rules for pk in network_packs(net)):
        console.print(rule_table(o.findings, lang))

    if o.company.empty:
        console.print(_("Company view: no member with more than 250 employees among those with an employee "
                        "count; without one: {names}.").format(names=", ".join(names[a] for a in o.company_unknown))
                      if o.company_unknown else _("Company view: no member with more than 250 employees."))
    t = table(_("Company view: members with more than 250 employees (for their sustainability report)"), [
        (_("member"), "left"), (_("employees"), "right"),
        (_("supported jobs (value chain) persons"), "right"),
        (_("FTE"), "right"), (_("groundwater saved m3/yr"), "right"), (_("cost saved DKK/yr"), "right")])
    member: CompanyRow
    for member in rows(o.company):
        t.add_row(names.get(member.actor, member.name), number(member.employees),
                  number(member.supported_persons), number(member.supported_fte),
                  number(member.groundwater_saved), number(member.cost_saved))
    if not o.company.empty:
        console.print(t)
        print_avoided(o.company, console)
    if o.company_unknown and not o.company.empty:
        console.print(_("Members without an employee count (left out): {names}.").format(
            names=", ".join(names[a] for a in o.company_unknown)))

    print_social(r, console, lang)
    console.print(_("Formulas, factors and sources: docs/scores.md; every factor with its source: "
                    "`symbiosis score --format json` (factors)."))


#: Issue 26: how avoided emissions are reported beside, never inside, a company's inventory.
AVOIDED_NOTE = N_("Avoided emissions are not part of any company's greenhouse-gas inventory: under the GHG "
                "Protocol they are reported separately from the scope 1, 2 and 3 inventory and never deducted "
                "from it, and ESRS E1 keeps gross scope 1-3 emissions (E1-6) apart from any avoided emissions. "
                "Each figure is the company's attributed share of a saving made jointly with its partners "
                "against a with/without counterfactual (docs/accounting.md); partners and others may publish "
                "claims on the same exchanges, so these figures are never summed across companies. The "
                "network's joint figure is the CO2e avoided above.")


def print_avoided(company, console) -> None:
    """Avoided emissions per company in their own section, one line each, with no total (see AVOIDED_NOTE)."""
    t = table(_("Avoided emissions per company (not inventory; never summed across companies)"),
              [(_("member"), "left"), (_("avoided emissions t CO2e/yr (attributed, with/without)"), "right")])
    for row in company.itertuples():
        t.add_row(row.name, number(row.co2e_avoided))
    console.print(t)
    console.print(_(AVOIDED_NOTE))


def _index(x) -> str:
    return number(x, digits=2)


def report_csv(data: dict) -> str:
    """The indicators of :func:`report_json`'s ``data`` as CSV: key, line, unit, observed, optimised.

    Parameters
    ----------
    data : dict
        What :func:`report_json` returns.

    Returns
    -------
    str
        The CSV text, one row per indicator.
    """
    lines = ["key,line,unit,observed,optimised"]
    for i in INDICATORS:
        o, p = data["scores"]["observed"][i.key], data["scores"]["optimised"][i.key]
        lines.append(f"{i.key},{i.line},{i.unit},{'' if o is None else o},{'' if p is None else p}")
    return "\n".join(lines) + "\n"
