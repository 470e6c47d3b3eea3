"""What ``symbiosis score`` prints and writes: the triple-bottom-line report for people and machines."""

from __future__ import annotations

import math

from symbiosis.accounting.indicators import INDICATORS
from symbiosis.accounting.lenses import LENSES
from symbiosis.accounting.report import TBLReport
from symbiosis.accounting.score import TripleBottomLine
from symbiosis.objectives import weights_sum
from symbiosis.present.console import table
from symbiosis.present.encode import plain, records
from symbiosis.present.formatting import number

__all__ = ["print_report", "report_csv", "report_json"]


def report_json(r: TBLReport) -> dict:
    """Everything ``symbiosis score`` reports, as plain JSON data (NaN as null)."""
    net = r.observed.network
    o = r.observed
    out = {
        "network": net.id, "name": net.name, "year": net.year,
        "flows_objective": r.evaluation.objective, "flow_weights": r.flow_weights,
        "indicators": [{"key": i.key, "line": i.line, "label": i.label, "unit": i.unit, "meaning": i.meaning}
                       for i in INDICATORS],
        "scores": {"observed": o.indicators, "optimised": r.optimised.indicators},
        "lenses": {},
        "per_actor": {"observed": records(o.per_actor), "optimised": records(r.optimised.per_actor)},
        "per_stream": {"observed": records(o.per_stream), "optimised": records(r.optimised.per_stream)},
        "social": {
            "supported": records(o.supported),
            "public_value": records(o.public_value),
            "sroi": {"perspective": o.sroi.perspective, "pv_outcomes": o.sroi.pv_outcomes,
                     "investment": o.sroi.investment, "inputs": o.sroi.inputs, "ratio": o.sroi.ratio,
                     "net_ratio": o.sroi.net_ratio,
                     "discount_rate": o.sroi.rate, "years": o.sroi.years, "notes": o.sroi.notes},
            "coverage": o.coverage,
        },
        "findings": [f.__dict__ for f in o.findings],
        "company_view": records(o.company), "company_view_unknown_employees": o.company_unknown,
        "factors": {k: f.model_dump(exclude_none=True) for k, f in sorted(o.factors.items())},
    }
    for name, lens in LENSES.items():
        comp, index = r.indices[name]
        out["lenses"][name] = {
            "source": lens.source, "groups": {g: list(ks) for g, ks in lens.groups.items()},
            "totals": {a: records(lens.totals(v)) for a, v in r.values().items() if a != "counterfactual"},
            "composite": {"normalisation": r.normalise, "group_weights": index.attrs["group_weights"],
                          "index": records(index), "components": records(comp)},
        }
    if r.assignment is not None:
        a = r.assignment
        out["service_assignment"] = {"objective": a.objective, "supported_fte": a.supported_fte, "cost": a.cost,
                                     "market_cost": a.market_cost, "links": records(a.links),
                                     "needs": records(a.needs)}
    return plain(out)


# -- the printed report ---------------------------------------------------------------------
def print_report(r: TBLReport, console) -> None:
    """The readable triple-bottom-line report."""
    net = r.observed.network
    names = {a.id: a.name for a in net.actors}
    o, p = r.observed, r.optimised
    console.print(f"[bold]{net.name}[/bold], {net.year}: three bottom lines against no symbiosis. "
                  f"Optimised flows: {r.evaluation.objective} "
                  f"({weights_sum(r.flow_weights)}).")

    for name, lens in LENSES.items():
        comp, index = r.indices[name]
        title = "Three bottom lines (per year), " if name == "kalundborg" else ""
        t = table(f"{title}{lens.name} lens: {', '.join(lens.groups)}", [
            ("group", "left"), ("indicator", "left"), ("observed", "right"), ("optimised flows", "right"),
            ("unit", "left")])
        tot_o, tot_p = lens.totals(o.indicators), lens.totals(p.indicators)
        for g, keys in lens.groups.items():
            for k in keys:
                i = next(x for x in INDICATORS if x.key == k)
                share = i.unit == "share"
                t.add_row(g, i.label, number(o.indicators[k], share=share),
                          number(p.indicators[k], share=share), "" if share else i.unit)
            for row_o, row_p in zip(tot_o[tot_o.group == g].itertuples(), tot_p[tot_p.group == g].itertuples(),
                                    strict=True):
                if "," in row_o.indicators:
                    t.add_row(g, f"[bold]total {row_o.unit}[/bold]", number(row_o.total), number(row_p.total),
                              row_o.unit)
        console.print(t)
        gw = index.attrs["group_weights"]
        t = table(f"{lens.name} composite index (normalisation: {r.normalise}; group weights "
                   f"{', '.join(f'{g}={w:g}' for g, w in gw.items())}; shown with its components above)",
                   [("answer", "left"), *[(g, "right") for g in lens.groups], ("index", "right")])
        for row in index.itertuples(index=False):
            d = row._asdict()
            t.add_row(d["answer"], *[_index(d[g]) for g in lens.groups], _index(d["index"]))
        console.print(t)

    pa = o.per_actor
    pa = pa[(pa[["cost_saved", "co2e_avoided", "groundwater_saved", "virgin_material_avoided",
                 "diverted_from_disposal"]].abs() > 1e-9).any(axis=1)]
    t = table("Who gains, who pays (observed, per actor; transport paid by the supplier)", [
        ("actor", "left"), ("cost saved DKK/yr", "right"), ("CO2e avoided t/yr", "right"),
        ("groundwater m3/yr", "right"), ("virgin t/yr", "right"), ("diverted t/yr", "right")])
    for row in pa.itertuples():
        t.add_row(row.name, number(row.cost_saved), number(row.co2e_avoided), number(row.groundwater_saved),
                  number(row.virgin_material_avoided), number(row.diverted_from_disposal))
    console.print(t)

    t = table("Per stream (observed): value at factor prices and a fair transfer price", [
        ("supplier -> receiver", "left"), ("resource", "left"), ("value DKK/yr", "right"),
        ("fair price DKK/unit", "right"), ("CO2e avoided t/yr", "right"), ("groundwater m3/yr", "right")])
    for row in o.per_stream.itertuples():
        t.add_row(f"{names[row.supplier]} -> {names[row.receiver]}", row.resource, number(row.value_dkk),
                  number(row.fair_price), number(row.co2e_avoided), number(row.groundwater_saved))
    console.print(t)

    _print_social(r, console, names)

    t = table("Rule checks (Danish rules)", [("status", "left"), ("rule", "left"), ("where", "left"),
                                              ("finding", "left")])
    style = {"violation": "[red]violation[/red]", "warning": "[yellow]warning[/yellow]"}
    for f in o.findings:
        t.add_row(style.get(f.status, f.status), f.rule, f.where, f.message)
    if not o.findings:
        t.add_row("-", "-", "-", "no service links to check")
    console.print(t)

    if o.company.empty:
        console.print("Company view: no member with more than 250 employees"
                      + (f" among those with an employee count; without one: "
                         f"{', '.join(names[a] for a in o.company_unknown)}."
                         if o.company_unknown else "."))
    t = table("Company view: members with more than 250 employees (for their sustainability report)", [
        ("member", "left"), ("employees", "right"), ("supported jobs (value chain) persons", "right"),
        ("FTE", "right"), ("CO2e avoided t/yr", "right"), ("groundwater saved m3/yr", "right"),
        ("cost saved DKK/yr", "right")])
    for row in o.company.itertuples():
        t.add_row(row.name, number(row.employees), number(row.supported_persons), number(row.supported_fte),
                  number(row.co2e_avoided), number(row.groundwater_saved), number(row.cost_saved))
    if not o.company.empty:
        console.print(t)
    if o.company_unknown and not o.company.empty:
        console.print("Members without an employee count (left out): "
                      f"{', '.join(names[a] for a in o.company_unknown)}.")

    if r.assignment is not None:
        a = r.assignment
        t = table(f"Service assignment ({a.objective}; no member pays above market)", [
            ("enterprise -> member", "left"), ("service", "left"), ("hours/yr", "right"), ("DKK/h", "right"),
            ("market DKK/h", "right"), ("km", "right"), ("supported FTE", "right")])
        for row in a.links.itertuples():
            t.add_row(f"{names[row.provider]} -> {names[row.client]}", row.service, number(row.hours),
                      number(row.cost_per_hour), number(row.market_price), number(row.distance_km),
                      f"{row.supported_fte:.2f}")
        console.print(t)
        console.print(f"Supported jobs from the assignment: {a.supported_fte:.2f} FTE; cost {a.cost:,.0f} DKK/yr "
                      f"against {a.market_cost:,.0f} DKK/yr at market prices ({-a.extra_cost:,.0f} DKK/yr saved).")
    console.print("Formulas, factors and sources: docs/scores.md; every factor with its source: "
                  "`symbiosis score --format json` (factors).")


def _print_social(r: TBLReport, console, names) -> None:
    from symbiosis.social import by_scheme

    o = r.observed
    if o.supported.empty:
        console.print("No supported employees on running service links: the social line counts no jobs. Add "
                      "service_links with their supported employees (see docs/scores.md).")
        _print_coverage(o, console, names)
        return
    sup = by_scheme(o.supported)
    t = table("Supported employees on service links, by scheme", [
        ("scheme", "left"), ("persons", "right"), ("FTE", "right"), ("hours/yr", "right")])
    for row in sup.itertuples():
        t.add_row(row.scheme, number(row.persons), number(row.fte), number(row.hours))
    console.print(t)
    pv = o.public_value
    if len(pv):
        g = pv.groupby("scheme", sort=False).agg(
            persons=("persons", "sum"), benefit=("benefit_avoided", "sum"), subsidy=("subsidy_paid", "sum"),
            tax=("tax_state", "sum"), tax_k=("tax_kommune", "sum"),
            kommune=("kommune", lambda s: s.sum(min_count=1)), state=("state", lambda s: s.sum(min_count=1)),
            net=("net", lambda s: s.sum(min_count=1)), note=("note", lambda s: "; ".join(sorted(set(s) - {""})))
        ).reset_index()
        t = table("Public-economy value per payer (DKK/yr, rates of the network's year; consequence x price)", [
            ("scheme", "left"), ("benefit avoided", "right"), ("tax gained", "right"), ("subsidy paid", "right"),
            ("kommune", "right"), ("state", "right"), ("after filters", "right"), ("note", "left")])
        for row in g.itertuples():
            t.add_row(row.scheme, number(row.benefit), number(row.tax + row.tax_k), number(row.subsidy),
                      number(row.kommune), number(row.state), number(row.net), row.note)
        console.print(t)
    s = o.sroi
    ratio = "undefined (no input known)" if s.ratio is None else f"{s.ratio:.2f} (net {s.net_ratio:.2f})"
    f = o.factors
    console.print(
        f"SROI ({s.perspective}): PV of outcomes {s.pv_outcomes:,.0f} DKK over {s.years} years at "
        f"{s.rate:.1%} / investment {s.investment:,.0f} DKK = {ratio}; deadweight "
        f"{f['sroi_deadweight'].value:.0%}, attribution {f['sroi_attribution'].value:.0%}, displacement "
        f"{f['sroi_displacement'].value:.0%}, drop-off {f['sroi_drop_off'].value:.0%}/yr."
        + (f" Note: {'; '.join(s.notes)}." if s.notes else ""))
    _print_coverage(o, console, names)


def _print_coverage(o: TripleBottomLine, console, names) -> None:
    cov = o.coverage
    share = "-" if math.isnan(cov["share"]) else f"{cov['share']:.0%}"
    missing = ", ".join(names[m] for m in cov["without_supplier"])
    console.print(f"Framework agreement coverage: {len(cov['with_supplier'])} of {len(cov['members'])} members "
                  f"({share}) buy from a social-economy enterprise" + (f"; not yet: {missing}." if missing else "."))


def _index(x) -> str:
    return number(x, digits=2)


def report_csv(data: dict) -> str:
    """The indicators of :func:`report_json`'s ``data`` as CSV: key, line, unit, observed, optimised."""
    lines = ["key,line,unit,observed,optimised"]
    for i in INDICATORS:
        o, p = data["scores"]["observed"][i.key], data["scores"]["optimised"][i.key]
        lines.append(f"{i.key},{i.line},{i.unit},{'' if o is None else o},{'' if p is None else p}")
    return "\n".join(lines) + "\n"
