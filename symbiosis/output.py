"""Tables, JSON and files for people: what the CLI prints and writes."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd

from symbiosis.evaluation import Evaluation
from symbiosis.io import write_atomic
from symbiosis.model import Network
from symbiosis.scores import INDICATORS


def _num(x: float | None, unit: str = "") -> str:
    """A number for a table: thousands separated, two decimals below 10."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "-"
    text = f"{x:,.0f}" if abs(x) >= 10 or x == 0 else f"{x:,.2f}"
    return f"{text} {unit}".strip()


def flows_table(ev: Evaluation) -> pd.DataFrame:
    """One row a stream: observed and optimised flow, in the resource's unit per year."""
    obs = ev.observed.streams
    return pd.DataFrame({
        "stream": obs.stream, "supplier": obs.supplier, "receiver": obs.receiver,
        "resource": obs.resource, "unit": obs.unit,
        "observed": obs.flow.values, "optimised": ev.optimised.streams.flow.values,
    })


def simulation_json(ev: Evaluation) -> dict:
    """Everything ``symbiosis simulate`` reports, as plain JSON data."""
    net = ev.network
    return {
        "network": net.id, "name": net.name, "year": net.year,
        "objective": ev.objective, "weights": ev.weights,
        "indicators": [{"key": i.key, "line": i.line, "label": i.label, "unit": i.unit, "meaning": i.meaning}
                       for i in INDICATORS],
        "savings": {mode: ev.savings(mode) for mode in ("observed", "optimised")},
        "totals": {mode: ev.result(mode).totals for mode in ("counterfactual", "observed", "optimised")},
        "streams": flows_table(ev).to_dict(orient="records"),
        "changes": ev.changes().to_dict(orient="records"),
    }


def simulation_files(ev: Evaluation) -> dict[str, str]:
    """The files ``--out`` writes, by name, fully rendered before anything is written."""
    long = []
    for mode in ("observed", "counterfactual", "optimised"):
        long.append(ev.result(mode).streams.assign(mode=mode))
    flows = pd.concat(long, ignore_index=True)
    cols = ["mode", "stream", "supplier", "receiver", "resource", "unit", "flow", "delivered", "replaces"]
    scores = simulation_json(ev)
    scores.pop("streams")
    return {"flows.csv": flows[cols].to_csv(index=False),
            "scores.json": json.dumps(scores, indent=2, ensure_ascii=False) + "\n"}


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write each file atomically into ``folder``."""
    written = []
    for name, text in files.items():
        write_atomic(folder / name, text)
        written.append(folder / name)
    return written


def print_simulation(ev: Evaluation, console, network_arg: str | None = None) -> None:
    """The readable summary of ``symbiosis simulate``."""
    from rich.table import Table

    net = ev.network
    names = {a.id: a.name for a in net.actors}
    console.print(f"[bold]{net.name}[/bold]: network year {net.year}, {len(net.actors)} actors, "
                  f"{len(ev.observed.streams)} running streams, {len(net.service_links)} social-economy "
                  f"service link{'s' * (len(net.service_links) != 1)}.")
    console.print(f"Objective: {ev.objective} {_weights_text(ev.weights)}. All figures per year; savings are "
                  "measured against the same network without symbiosis (everything disposed of, "
                  "every input bought virgin).")

    t = Table(title="Streams (per year)", title_justify="left")
    for col, just in (("supplier -> receiver", "left"), ("resource", "left"), ("observed", "right"),
                      ("optimised", "right")):
        t.add_column(col, justify=just)
    grades = ev.observed.streams["grade"].tolist()
    for row, grade in zip(flows_table(ev).itertuples(), grades, strict=True):
        t.add_row(f"{names[row.supplier]} -> {names[row.receiver]}", row.resource + (f" ({grade})" if grade else ""),
                  _num(row.observed, row.unit), _num(row.optimised, row.unit))
    console.print(t)

    obs, opt = ev.savings("observed"), ev.savings("optimised")
    t = Table(title="Savings against no symbiosis", title_justify="left")
    for col, just in (("line", "left"), ("indicator", "left"), ("observed", "right"), ("optimised", "right"),
                      ("unit", "left")):
        t.add_column(col, justify=just)
    for ind in INDICATORS:
        t.add_row(ind.line, ind.label, _num(obs[ind.key]), _num(opt[ind.key]), ind.unit)
    console.print(t)

    changes = ev.changes()
    if changes.empty:
        console.print("The optimiser would change nothing: the observed flows are already optimal.")
    else:
        t = Table(title="What the optimiser would change", title_justify="left")
        for col, just in (("what", "left"), ("where", "left"), ("resource", "left"), ("observed", "right"),
                          ("optimised", "right")):
            t.add_column(col, justify=just)
        for row in changes.itertuples():
            where = (f"{names[row.supplier]} -> {names[row.receiver]}" if row.what == "stream"
                     else names[row.supplier])
            what = row.what
            if what == "disposal" and (net.factor_value("disposal_cost", row.resource) or 0.0) < 0:
                what = "sold off"  # a residual with a negative disposal cost is sold to an outside market
            resource = row.resource + (f" ({row.grade})" if row.grade else "")
            t.add_row(what, where, resource, _num(row.observed, row.unit), _num(row.optimised, row.unit))
        console.print(t)
    console.print("Every quantity and factor has a source: "
                  f"`symbiosis show {network_arg or net.id} --sources`.")


def weights_sum(weights: dict[str, float]) -> str:
    """``{"cost": 1, "co2e": 750}`` as ``1 x cost + 750 x co2e`` (tie-breaking weights under 1e-6 left out)."""
    return " + ".join(f"{w:g} x {k}" for k, w in weights.items() if w >= 1e-6)


def _weights_text(weights: dict[str, float]) -> str:
    return "(DKK/yr)" if weights == {"cost": 1.0} else f"({weights_sum(weights)})"


def print_network(net: Network, console, sources: bool = False) -> None:
    """Actors, streams and service links of a network (and, with ``sources``, every number's source)."""
    from rich.table import Table

    console.print(f"[bold]{net.name}[/bold] ({net.id}), year {net.year}")
    if net.description:
        console.print(net.description)
    t = Table(title="Actors", title_justify="left")
    for col in ("id", "name", "kind", "member", "lat", "lon"):
        t.add_column(col)
    for a in net.actors:
        t.add_row(a.id, a.name, a.kind, "yes" if a.member else "", f"{a.location.lat:.4f}", f"{a.location.lon:.4f}")
    console.print(t)
    t = Table(title="Streams", title_justify="left")
    for col in ("id", "supplier -> receiver", "resource", "status", "years", "observed"):
        t.add_column(col)
    for s in net.streams:
        unit = net.resource[s.resource].unit
        years = f"{s.start or ''}-{s.end or ''}"
        resource = s.resource + (f" ({s.grade})" if s.grade else "")
        resource += f" (replaces {s.replaces})" if s.replaces else ""
        observed = _num(s.observed.value, unit) if s.observed else "-"
        t.add_row(s.id, f"{s.supplier} -> {s.receiver}", resource, s.status, years, observed)
    console.print(t)
    if net.processes:
        t = Table(title="Processes (per unit of activity)", title_justify="left")
        for col in ("id", "actor", "inputs -> outputs", "capacity"):
            t.add_column(col)
        for p in net.processes:
            t.add_row(p.id, p.actor, f"{_ratios(net, p.inputs)} -> {_ratios(net, p.outputs, p.output_grades)}",
                      f"{_num(p.capacity.value)} {p.activity_unit}")
        console.print(t)
    if net.service_links:
        t = Table(title="Social-economy service links", title_justify="left")
        for col in ("id", "provider -> client", "service", "since", "supported"):
            t.add_column(col)
        for link in net.service_links:
            people = ", ".join(f"{s.persons:g} {s.scheme}" for s in link.supported) or "-"
            t.add_row(link.id, f"{link.provider} -> {link.client}", link.service, str(link.start or ""), people)
        console.print(t)
    if sources:
        print_sources(net, console)


def _ratios(net: Network, ratios: dict[str, float], grades: dict[str, str] | None = None) -> str:
    """``0.7 MWh surplus-heat, 0.3 MWh electricity``; a graded output names its grade: ``0.4 t fly-ash (cement)``."""
    grades = grades or {}
    return ", ".join(f"{x:g} {net.resource[r].unit} {r}" + (f" ({grades[r]})" if r in grades else "")
                     for r, x in ratios.items()) or "-"


def provenance_rows(net: Network) -> pd.DataFrame:
    """Every sourced number of a network: where it sits, its value, source and basis."""
    rows = []

    def add(path: str, value, unit, p) -> None:
        if p is None:
            return
        src = p.source
        if src.startswith("@") and src[1:] in net.sources:
            ref = net.sources[src[1:]]
            src = ref.title + (f" <{ref.url}>" if ref.url else "")
        rows.append({"where": path, "value": value, "unit": unit, "basis": p.basis, "source": src,
                     "method": p.method or ""})

    for i, s in enumerate(net.supplies):
        add(f"supplies[{i}] {s.actor}/{s.resource}", s.quantity.value, net.resource[s.resource].unit, s.quantity)
    for i, d in enumerate(net.demands):
        add(f"demands[{i}] {d.actor}/{d.resource}", d.quantity.value, net.resource[d.resource].unit, d.quantity)
    for i, s in enumerate(net.streams):
        unit = net.resource[s.resource].unit
        add(f"streams[{i}].observed {s.id}", s.observed.value if s.observed else None, unit, s.observed)
        add(f"streams[{i}].capacity {s.id}", s.capacity.value if s.capacity else None, unit, s.capacity)
    for i, p in enumerate(net.processes):
        add(f"processes[{i}].capacity {p.id}", p.capacity.value, p.activity_unit, p.capacity)
        add(f"processes[{i}].ratios {p.id}", None, "", p.ratios)
    for i, f in enumerate(net.factors):
        add(f"factors[{i}] {f.factor} {f.resource or f.mode or ''}".rstrip(), f.value, f.unit, f)
    for i, link in enumerate(net.service_links):
        add(f"service_links[{i}] {link.id}", link.supported_persons, "persons", link.provenance)
    for i, a in enumerate(net.actors):
        add(f"actors[{i}].location {a.id}", None, "", a.location)
    return pd.DataFrame(rows)


def print_sources(net: Network, console) -> None:
    from rich.table import Table

    t = Table(title="Sources of every number", title_justify="left")
    for col in ("where", "value", "basis", "source / method"):
        t.add_column(col, overflow="fold")
    for row in provenance_rows(net).itertuples():
        value = "" if row.value is None or (isinstance(row.value, float) and math.isnan(row.value)) \
            else _num(row.value, row.unit)
        text = row.source + (f"\n[dim]how: {row.method}[/dim]" if row.method else "")
        t.add_row(row.where, value, row.basis, text)
    console.print(t)
