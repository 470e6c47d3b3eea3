"""What ``symbiosis simulate`` prints and writes for one network: streams, savings, changes."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from symbiosis.accounting.indicators import INDICATORS
from symbiosis.objectives import weights_sum
from symbiosis.present.encode import csv_text, dumps
from symbiosis.present.formatting import number

if TYPE_CHECKING:
    from symbiosis.evaluation import Evaluation

__all__ = ["flows_table", "print_simulation", "simulation_files", "simulation_json", "simulation_json_text",
           "social_gaps"]


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
    return {"flows.csv": csv_text(flows[cols]),
            "scores.json": dumps(scores) + "\n"}


def simulation_json_text(ev: Evaluation) -> str:
    """:func:`simulation_json` as JSON text (what ``--format json`` prints)."""
    return dumps(simulation_json(ev))


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
                  number(row.observed, row.unit), number(row.optimised, row.unit))
    console.print(t)

    obs, opt = ev.savings("observed"), ev.savings("optimised")
    t = Table(title="Savings against no symbiosis", title_justify="left")
    for col, just in (("line", "left"), ("indicator", "left"), ("observed", "right"), ("optimised", "right"),
                      ("unit", "left")):
        t.add_column(col, justify=just)
    unrecorded, notes = social_gaps(net)
    for ind in INDICATORS:
        if ind.key in unrecorded:
            t.add_row(ind.line, ind.label, "-", "-", ind.unit)
        else:
            t.add_row(ind.line, ind.label, number(obs[ind.key]), number(opt[ind.key]), ind.unit)
    console.print(t)
    for note in notes:
        console.print(f"note: {note}")

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
            t.add_row(what, where, resource, number(row.observed, row.unit), number(row.optimised, row.unit))
        console.print(t)
    console.print("Every quantity and factor has a source: "
                  f"`symbiosis show {network_arg or net.id} --sources`.")


def social_gaps(net) -> tuple[set[str], list[str]]:
    """Social indicators the service links give no data for (shown as ``-``), and why a number is partial.

    A new template's service link records persons only: its FTE and hours
    are not 0 but unknown, and without a monthly wage the fleksjob subsidy is
    taken at its maximum, so the public-economy value is a lower bound.
    """
    year = net.year
    links = [k for k in net.service_links if (k.start is None or k.start <= year) and (k.end is None or k.end >= year)]
    rows = [e for k in links for e in k.supported if e.scheme != "ordinary"]
    if not rows:
        return set(), []
    unrecorded: set[str] = set()
    notes = []
    timeless = [e for e in rows if e.fte is None and e.hours_per_year is None]
    if len(timeless) == len(rows):
        unrecorded = {"supported_fte", "supported_hours"}
        notes.append("supported jobs in FTE and hours: not recorded (the service links give persons only; add fte "
                     "or hours_per_year to their supported rows)")
    elif timeless:
        notes.append(f"supported jobs in FTE and hours count the {len(rows) - len(timeless)} of {len(rows)} "
                     "supported rows that record fte or hours_per_year")
    wageless = sum(e.persons for e in rows if e.scheme in ("fleksjob", "småjob") and e.monthly_wage is None)
    if wageless:
        notes.append(f"public-economy value: no monthly_wage recorded for {number(wageless)} "
                     f"{'person' if wageless == 1 else 'persons'} in fleksjob or småjob, so the subsidy is taken at "
                     "its maximum and the value is a lower bound; `symbiosis score` shows the detail")
    return unrecorded, notes


def _weights_text(weights: dict[str, float]) -> str:
    return "(DKK/yr)" if weights == {"cost": 1.0} else f"({weights_sum(weights)})"
