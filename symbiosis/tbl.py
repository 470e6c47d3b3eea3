"""The triple-bottom-line report: one call that scores a network and what ``symbiosis score`` prints.

:func:`tbl_report` evaluates the network (observed, counterfactual and
optimised flows), scores the observed and optimised answers on the three
lines, views them through the Kalundborg and Kolding lenses with a composite
index beside its components, checks the Danish rules, builds the company
view and, where the network has service offers and needs, optimises which
social-economy enterprise serves which member.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from symbiosis.errors import Problem, SymbiosisError
from symbiosis.lenses import LENSES, composite
from symbiosis.scores import INDICATORS, TripleBottomLine, score

FLOW_WEIGHTS = ("cost", "co2e", "groundwater", "virgin_material", "disposed")


@dataclass(frozen=True, eq=False)
class TBLReport:
    """Observed and optimised scores, lens indices, and the service assignment (or None)."""

    evaluation: object
    observed: TripleBottomLine
    optimised: TripleBottomLine
    indices: dict  # lens name -> (components, index)
    assignment: object | None
    normalise: str
    flow_weights: dict
    social_value: float | None

    def values(self) -> dict[str, dict[str, float]]:
        """Indicators per answer; the counterfactual scores 0 on flows and has no service links."""
        zero = {i.key: 0.0 for i in INDICATORS}
        return {"counterfactual": zero, "observed": self.observed.indicators, "optimised": self.optimised.indicators}


def split_weights(weights: dict[str, float] | None) -> tuple[dict[str, float] | None, float | None]:
    """``--weights`` of the tbl objective: flow weights (DKK, DKK/t CO2e...) and ``social`` (DKK per FTE-year)."""
    if not weights:
        return None, None
    unknown = set(weights) - set(FLOW_WEIGHTS) - {"social"}
    if unknown:
        raise SymbiosisError([Problem("--weights", f"unknown weight {sorted(unknown)}; valid: "
                                      f"{', '.join(FLOW_WEIGHTS)}, social (DKK per supported FTE-year)")])
    flow = {k: v for k, v in weights.items() if k != "social"}
    return flow or None, weights.get("social")


def tbl_report(network, objective: str = "tbl", weights: dict[str, float] | None = None,
               factor_overrides: dict[str, float] | None = None, normalise: str = "minmax",
               targets: dict[str, float] | None = None, indicator_weights: dict[str, float] | None = None,
               group_weights: dict[str, float] | None = None, min_hours: float = 0.0) -> TBLReport:
    """Score ``network`` on three lines (see module doc).

    ``objective`` is the flows objective (``cost``, ``co2e``, ``weighted`` or
    ``tbl`` = cost + carbon value x CO2e, with the social line optimised in the
    service assignment); ``weights`` may hold flow weights and ``social``.
    """
    from symbiosis.evaluation import evaluate

    groups = {g for lens in LENSES.values() for g in lens.groups}
    unknown = sorted(set(group_weights or {}) - groups)
    if unknown:
        raise SymbiosisError([Problem("--group-weights", f"unknown group {unknown}; "
                                      f"valid: {', '.join(sorted(groups))}")])
    flow_w, social_value = split_weights(weights)
    flows_objective = "weighted" if objective == "tbl" else objective
    ev = evaluate(network, flows_objective, flow_w)
    observed = score(ev, "observed", factor_overrides)
    optimised = score(ev, "optimised", factor_overrides)
    assignment = None
    if network.service_offers and network.service_needs:
        from symbiosis.assignment import assign_services

        assignment = assign_services(network, observed.factors, social_value=social_value, min_hours=min_hours)
    report = TBLReport(ev, observed, optimised, {}, assignment, normalise, dict(ev.weights), social_value)
    for name, lens in LENSES.items():
        mine = {g: w for g, w in (group_weights or {}).items() if g in lens.groups}
        report.indices[name] = composite(report.values(), lens, normalise, targets, indicator_weights, mine)
    return report


# -- JSON -------------------------------------------------------------------------------
def _clean(x):
    if isinstance(x, float) and (math.isnan(x) or math.isinf(x)):
        return None
    if isinstance(x, dict):
        return {k: _clean(v) for k, v in x.items()}
    if isinstance(x, list | tuple):
        return [_clean(v) for v in x]
    return x


def _records(df: pd.DataFrame) -> list[dict]:
    return _clean(df.astype(object).where(df.notna(), None).to_dict(orient="records"))


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
        "per_actor": {"observed": _records(o.per_actor), "optimised": _records(r.optimised.per_actor)},
        "per_stream": {"observed": _records(o.per_stream), "optimised": _records(r.optimised.per_stream)},
        "social": {
            "supported": _records(o.supported),
            "public_value": _records(o.public_value),
            "sroi": {"perspective": o.sroi.perspective, "pv_outcomes": o.sroi.pv_outcomes,
                     "investment": o.sroi.investment, "ratio": o.sroi.ratio, "net_ratio": o.sroi.net_ratio,
                     "discount_rate": o.sroi.rate, "years": o.sroi.years, "notes": o.sroi.notes},
            "coverage": o.coverage,
        },
        "findings": [f.__dict__ for f in o.findings],
        "company_view": _records(o.company), "company_view_unknown_employees": o.company_unknown,
        "factors": {k: f.model_dump(exclude_none=True) for k, f in sorted(o.factors.items())},
    }
    for name, lens in LENSES.items():
        comp, index = r.indices[name]
        out["lenses"][name] = {
            "source": lens.source, "groups": {g: list(ks) for g, ks in lens.groups.items()},
            "totals": {a: _records(lens.totals(v)) for a, v in r.values().items() if a != "counterfactual"},
            "composite": {"normalisation": r.normalise, "group_weights": index.attrs["group_weights"],
                          "index": _records(index), "components": _records(comp)},
        }
    if r.assignment is not None:
        a = r.assignment
        out["service_assignment"] = {"objective": a.objective, "supported_fte": a.supported_fte, "cost": a.cost,
                                     "market_cost": a.market_cost, "links": _records(a.links),
                                     "needs": _records(a.needs)}
    return _clean(out)


# -- the printed report ---------------------------------------------------------------------
def _num(x, unit: str = "") -> str:
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    if unit == "share":
        return f"{x:.0%}"
    text = f"{x:,.0f}" if abs(x) >= 10 or x == 0 else f"{x:,.2f}"
    return f"{text} {unit}".strip()


def _table(title: str, columns: list[tuple[str, str]]):
    from rich.table import Table

    t = Table(title=title, title_justify="left")
    for name, just in columns:
        t.add_column(name, justify=just)
    return t


def print_report(r: TBLReport, console) -> None:
    """The readable triple-bottom-line report."""
    from symbiosis.output import weights_sum

    net = r.observed.network
    names = {a.id: a.name for a in net.actors}
    o, p = r.observed, r.optimised
    console.print(f"[bold]{net.name}[/bold], {net.year}: three bottom lines against no symbiosis. "
                  f"Optimised flows: {r.evaluation.objective} "
                  f"({weights_sum(r.flow_weights)}).")

    for name, lens in LENSES.items():
        comp, index = r.indices[name]
        title = "Three bottom lines (per year), " if name == "kalundborg" else ""
        t = _table(f"{title}{lens.name} lens: {', '.join(lens.groups)}", [
            ("group", "left"), ("indicator", "left"), ("observed", "right"), ("optimised flows", "right"),
            ("unit", "left")])
        tot_o, tot_p = lens.totals(o.indicators), lens.totals(p.indicators)
        for g, keys in lens.groups.items():
            for k in keys:
                i = next(x for x in INDICATORS if x.key == k)
                share = i.unit == "share"
                t.add_row(g, i.label, _num(o.indicators[k], "share" if share else ""),
                          _num(p.indicators[k], "share" if share else ""), "" if share else i.unit)
            for row_o, row_p in zip(tot_o[tot_o.group == g].itertuples(), tot_p[tot_p.group == g].itertuples(),
                                    strict=True):
                if "," in row_o.indicators:
                    t.add_row(g, f"[bold]total {row_o.unit}[/bold]", _num(row_o.total), _num(row_p.total), row_o.unit)
        console.print(t)
        gw = index.attrs["group_weights"]
        t = _table(f"{lens.name} composite index (normalisation: {r.normalise}; group weights "
                   f"{', '.join(f'{g}={w:g}' for g, w in gw.items())}; shown with its components above)",
                   [("answer", "left"), *[(g, "right") for g in lens.groups], ("index", "right")])
        for row in index.itertuples(index=False):
            d = row._asdict()
            t.add_row(d["answer"], *[_fmt_index(d[g]) for g in lens.groups], _fmt_index(d["index"]))
        console.print(t)

    pa = o.per_actor
    pa = pa[(pa[["cost_saved", "co2e_avoided", "groundwater_saved", "virgin_material_avoided",
                 "diverted_from_disposal"]].abs() > 1e-9).any(axis=1)]
    t = _table("Who gains, who pays (observed, per actor; transport paid by the supplier)", [
        ("actor", "left"), ("cost saved DKK/yr", "right"), ("CO2e avoided t/yr", "right"),
        ("groundwater m3/yr", "right"), ("virgin t/yr", "right"), ("diverted t/yr", "right")])
    for row in pa.itertuples():
        t.add_row(row.name, _num(row.cost_saved), _num(row.co2e_avoided), _num(row.groundwater_saved),
                  _num(row.virgin_material_avoided), _num(row.diverted_from_disposal))
    console.print(t)

    t = _table("Per stream (observed): value at factor prices and a fair transfer price", [
        ("supplier -> receiver", "left"), ("resource", "left"), ("value DKK/yr", "right"),
        ("fair price DKK/unit", "right"), ("CO2e avoided t/yr", "right"), ("groundwater m3/yr", "right")])
    for row in o.per_stream.itertuples():
        t.add_row(f"{names[row.supplier]} -> {names[row.receiver]}", row.resource, _num(row.value_dkk),
                  _num(row.fair_price), _num(row.co2e_avoided), _num(row.groundwater_saved))
    console.print(t)

    _print_social(r, console, names)

    t = _table("Rule checks (Danish rules)", [("status", "left"), ("rule", "left"), ("where", "left"),
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
    t = _table("Company view: members with more than 250 employees (for their sustainability report)", [
        ("member", "left"), ("employees", "right"), ("supported jobs (value chain) persons", "right"),
        ("FTE", "right"), ("CO2e avoided t/yr", "right"), ("groundwater saved m3/yr", "right"),
        ("cost saved DKK/yr", "right")])
    for row in o.company.itertuples():
        t.add_row(row.name, _num(row.employees), _num(row.supported_persons), _num(row.supported_fte),
                  _num(row.co2e_avoided), _num(row.groundwater_saved), _num(row.cost_saved))
    if not o.company.empty:
        console.print(t)
    if o.company_unknown and not o.company.empty:
        console.print("Members without an employee count (left out): "
                      f"{', '.join(names[a] for a in o.company_unknown)}.")

    if r.assignment is not None:
        a = r.assignment
        t = _table(f"Service assignment ({a.objective}; no member pays above market)", [
            ("enterprise -> member", "left"), ("service", "left"), ("hours/yr", "right"), ("DKK/h", "right"),
            ("market DKK/h", "right"), ("km", "right"), ("supported FTE", "right")])
        for row in a.links.itertuples():
            t.add_row(f"{names[row.provider]} -> {names[row.client]}", row.service, _num(row.hours),
                      _num(row.cost_per_hour), _num(row.market_price), _num(row.distance_km),
                      f"{row.supported_fte:.2f}")
        console.print(t)
        console.print(f"Supported jobs from the assignment: {a.supported_fte:.2f} FTE; cost {a.cost:,.0f} DKK/yr "
                      f"against {a.market_cost:,.0f} DKK/yr at market prices ({-a.extra_cost:,.0f} DKK/yr saved).")
    console.print("Formulas, factors and sources: docs/scores.md; every factor with its source: "
                  "`symbiosis score --format json` (factors).")


def _fmt_index(x) -> str:
    return "-" if x is None or (isinstance(x, float) and math.isnan(x)) else f"{x:.2f}"


def _print_social(r: TBLReport, console, names) -> None:
    from symbiosis.social import by_scheme

    o = r.observed
    if o.supported.empty:
        console.print("No supported employees on running service links: the social line counts no jobs. Add "
                      "service_links with their supported employees (see docs/scores.md).")
        _print_coverage(o, console, names)
        return
    sup = by_scheme(o.supported)
    t = _table("Supported employees on service links, by scheme", [
        ("scheme", "left"), ("persons", "right"), ("FTE", "right"), ("hours/yr", "right")])
    for row in sup.itertuples():
        t.add_row(row.scheme, _num(row.persons), _num(row.fte), _num(row.hours))
    console.print(t)
    pv = o.public_value
    if len(pv):
        g = pv.groupby(["scheme", "payer"], sort=False).agg(
            persons=("persons", "sum"), benefit=("benefit_avoided", "sum"), subsidy=("subsidy_paid", "sum"),
            net=("net", lambda s: s.sum(min_count=1)), note=("note", lambda s: "; ".join(sorted(set(s) - {""})))
        ).reset_index()
        t = _table("Public-economy value (DKK/yr, gross benefit rates; consequence x price)", [
            ("scheme", "left"), ("payer", "left"), ("benefit avoided", "right"), ("subsidy paid", "right"),
            ("net", "right"), ("note", "left")])
        for row in g.itertuples():
            t.add_row(row.scheme, row.payer, _num(row.benefit), _num(row.subsidy), _num(row.net), row.note)
        console.print(t)
    s = o.sroi
    ratio = "undefined (no investment)" if s.ratio is None else f"{s.ratio:.2f} (net {s.net_ratio:.2f})"
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


# -- the factor table ----------------------------------------------------------------------
def factor_rows(network, overrides: dict[str, float] | None = None) -> pd.DataFrame:
    """Every factor the scores use, one row each: where it comes from, value, unit, year, basis, source, method.

    ``table`` is ``network`` (the network's rows, including its factor table
    such as factors-dk) or ``factors-social-dk`` (the bundled social rows not
    replaced by the network), or ``override``.
    """
    from symbiosis.social import SOCIAL_TABLE, social_factors

    def source(text: str) -> str:
        if text.startswith("@") and text[1:] in network.sources:
            ref = network.sources[text[1:]]
            return ref.title + (f" <{ref.url}>" if ref.url else "")
        return text

    rows = []
    own = {f.factor for f in network.factors}
    for f in network.factors:
        rows.append(("network", f))
    for kind, f in social_factors(network, overrides).items():
        if overrides and kind in overrides:
            rows = [r for r in rows if r[1].factor != kind]
            rows.append(("override", f))
        elif kind not in own:
            rows.append((SOCIAL_TABLE, f))
    return pd.DataFrame([{
        "table": table, "factor": f.factor, "applies_to": f.resource or f.mode or "", "value": f.value,
        "unit": f.unit, "year": f.year, "basis": f.basis, "source": source(f.source), "method": f.method or ""}
        for table, f in rows])
