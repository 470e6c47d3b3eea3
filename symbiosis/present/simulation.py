"""What ``symbiosis simulate`` prints and writes for one network: streams, savings, changes."""

from __future__ import annotations

import pandas as pd

from symbiosis.accounting.evaluated import Evaluation
from symbiosis.accounting.indicators import INDICATORS
from symbiosis.accounting.investments import evaluation_investments
from symbiosis.accounting.materials import ENERGY_MEASURES
from symbiosis.accounting.relays import relay_pairs
from symbiosis.model.money import current_currency, in_currency
from symbiosis.objectives import weights_sum
from symbiosis.present.console import Justify, table
from symbiosis.present.encode import csv_text, dumps
from symbiosis.present.formatting import number, worth
from symbiosis.present.i18n import ngettext
from symbiosis.present.investments import BEFORE_CAPITAL, investments_json, print_investments, savings_rows
from symbiosis.present.ranges import print_convention_dependent, print_ranges, ranges_json
from symbiosis.present.rows import ChangeRow, FlowRow, MaterialRow, RelayRow
from symbiosis.present.rows import rows as rows_of
from symbiosis.scenario.events import carried_forward_streams

__all__ = ["describe", "flows_table", "print_changes", "print_materials", "print_simulation", "simulation_files",
           "simulation_json", "simulation_json_text", "social_gaps"]


def flows_table(ev: Evaluation) -> pd.DataFrame:
    """One row a stream: observed and optimised flow, in the resource's unit per year.

    Parameters
    ----------
    ev : Evaluation
        The evaluated network.

    Returns
    -------
    pandas.DataFrame
        Columns ``stream, supplier, receiver, resource, unit, observed, optimised`` (flows per year).
    """
    obs = ev.observed.streams
    return pd.DataFrame({
        "stream": obs.stream, "supplier": obs.supplier, "receiver": obs.receiver,
        "resource": obs.resource, "unit": obs.unit,
        "observed": obs.flow.values, "optimised": ev.optimised.streams.flow.values,
    })


def simulation_json(ev: Evaluation) -> dict:
    """Everything ``symbiosis simulate`` reports, as plain JSON data."""
    net = ev.network
    materials = ev.materials("observed", "optimised")  # once: the savings carry them too
    return {
        "network": net.id, "name": net.name, "year": net.year,
        "objective": ev.objective, "weights": ev.weights,
        "convention": ev.convention,
        "currency": net.currency, "price_year": net.price_year,
        "indicators": [{"key": i.key, "line": i.line, "label": i.label, "unit": in_currency(i.unit),
                        "meaning": i.meaning}
                       for i in INDICATORS],
        "materials": materials,
        "savings": {mode: ev.savings(mode, materials[mode]) for mode in ("observed", "optimised")},
        "ranges": ranges_json(ev),
        "totals": {mode: ev.result(mode).totals for mode in ("counterfactual", "observed", "optimised")},
        "streams": flows_table(ev),  # a table: written column by column (records of 20,000 streams)
        "changes": ev.changes(),
        "ties": ev.ties(),
        "convention_dependent": ev.convention_dependent(),
        "relay_pairs": {answer: relay_pairs(ev.result(answer), net) for answer in ("observed", "optimised")},
        "tie_check": ev.tie_check(),
        **investments_json(evaluation_investments(ev)),
    }


def simulation_files(ev: Evaluation) -> dict[str, str]:
    """The files ``--out`` writes, by name, fully rendered before anything is written.

    Parameters
    ----------
    ev : Evaluation
        The evaluated network.

    Returns
    -------
    dict of str to str
        ``flows.csv`` (every stream's flow per answer) and ``scores.json`` -> their text.
    """
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
    """:func:`simulation_json` as JSON text (what ``--format json`` prints).

    Parameters
    ----------
    ev : Evaluation
        The evaluated network.

    Returns
    -------
    str
        The JSON text.
    """
    return dumps(simulation_json(ev))


def carried_note(net) -> str:
    """One line naming the recorded flows a scenario carried forward to ``net.year`` ('' if none)."""
    carried = carried_forward_streams(net)
    if not carried:
        return ""
    return ngettext("Observed in {year}: {n} recorded flow carried forward with the scenario's changes ({ids}); "
                    "the others as recorded.",
                    "Observed in {year}: {n} recorded flows carried forward with the scenario's changes ({ids}); "
                    "the others as recorded.", len(carried)).format(year=net.year, n=len(carried),
                                                                    ids=", ".join(carried))


def print_simulation(ev: Evaluation, console, network_arg: str | None = None) -> None:
    """The readable summary of ``symbiosis simulate``.

    Parameters
    ----------
    ev : Evaluation
        The evaluated network.
    console : rich.console.Console
        Where to print.
    network_arg : str, optional
        How the user named the network, for the hints at the end.
    """
    from rich.table import Table

    net = ev.network
    names = {a.id: a.name for a in net.actors}
    console.print(f"[bold]{net.name}[/bold]: network year {net.year}, {len(net.actors)} actors, "
                  f"{len(net.streams_in_year())} running streams, {len(net.service_links)} social-economy "
                  f"service link{'s' * (len(net.service_links) != 1)}.")
    console.print(f"Objective: {ev.objective} {_weights_text(ev.weights)}. All figures per year; savings are "
                  "measured against the same network without symbiosis: every residual takes its real route "
                  "(incineration, treatment, sale...), every need its next-best source. Accounting convention: "
                  f"{ev.convention} (docs/accounting.md).")
    if carried_note(net):
        console.print(carried_note(net))

    t = Table(title="Streams (per year)", title_justify="left")
    cols: tuple[tuple[str, Justify], ...] = (("supplier -> receiver", "left"), ("resource", "left"),
                                             ("observed", "right"), ("optimised", "right"))
    for col, just in cols:
        t.add_column(col, justify=just)
    grades = ev.observed.streams["grade"].tolist()
    row: FlowRow
    for row, grade in zip(rows_of(flows_table(ev)), grades, strict=True):
        t.add_row(f"{names[row.supplier]} -> {names[row.receiver]}", row.resource + (f" ({grade})" if grade else ""),
                  number(row.observed, row.unit), number(row.optimised, row.unit))
    console.print(t)

    tables = ev.materials("observed", "optimised")  # once: the savings carry them too
    obs, opt = ev.savings("observed", tables["observed"]), ev.savings("optimised", tables["optimised"])
    t = Table(title="Savings against no symbiosis", title_justify="left")
    cols = (("line", "left"), ("indicator", "left"), ("observed", "right"), ("optimised", "right"), ("unit", "left"))
    for col, just in cols:
        t.add_column(col, justify=just)
    unrecorded, notes = social_gaps(net)
    invested = evaluation_investments(ev)
    bare = not net.packs  # no jurisdiction pack (symbiosis.packs): only the social indicators with data
    for ind in INDICATORS:
        if bare and ind.line == "social" and obs[ind.key] is None and opt[ind.key] is None:
            continue
        if ind.key in unrecorded:
            t.add_row(ind.line, ind.label, "-", "-", in_currency(ind.unit))
        else:
            label = f"{ind.label} ({BEFORE_CAPITAL})" if invested and ind.key == "cost_saved" else ind.label
            t.add_row(ind.line, label, number(obs[ind.key]), number(opt[ind.key]), in_currency(ind.unit))
        for label, o, p in savings_rows(invested) if ind.key == "cost_saved" else ():
            t.add_row(ind.line, label, number(o), number(p), in_currency(ind.unit))
    console.print(t)
    for note in notes:
        console.print(f"note: {note}")
    print_investments(invested.get("observed"), console)
    print_ranges(ev, console)
    print_materials(ev, console, tables)
    print_relays(ev, console)

    print_changes(ev, console)
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
    return f"({current_currency()}/yr)" if weights == {"cost": 1.0} else f"({weights_sum(weights)})"


def describe(row, net) -> tuple[str, str, str]:
    """What a recommendation row is about, for people: (what, where, resource); a purchase or disposal names
    its route (where the virgin supply comes from, where the residual goes)."""
    names = {a.id: a.name for a in net.actors}
    what = row.what
    if what == "stream":
        where = f"{names[row.supplier]} -> {names[row.receiver]}"
    elif what == "process":
        proc = {p.id: p for p in net.processes}[row.item]
        where = f"{names[row.supplier]}: {proc.name}"
    else:
        factor = "disposal_cost" if what == "disposal" else "virgin_price"
        route = net.factor_row(factor, row.resource, actor=row.supplier)
        where = names[row.supplier] + (f" ({route.route})" if route is not None and route.route else "")
        if what == "disposal" and route is not None and route.value < 0:
            what = "sold off"  # a residual with a negative disposal cost is sold to an outside market
    resource = "" if row.what == "process" else row.resource + (f" ({row.grade})" if row.grade else "")
    return what, where, resource


def _span(low: float, high: float, unit: str) -> str:
    if abs(high - low) <= 1e-6 * max(1.0, abs(high)):
        return number(low, unit)
    return f"{number(low)} to {number(high, unit)}"


def _unit_and_measure(unit: str, resource: str) -> tuple[str, str]:
    """A process's activity unit (``MWh district heat``) split into the number's unit and, for the resource
    column, what it measures; any other row's unit and resource as they are."""
    if resource or " " not in unit:
        return unit, resource
    first, rest = unit.split(" ", 1)
    return first, rest


def print_changes(ev: Evaluation, console) -> None:
    """What the optimiser would change (streams and processes, ranked by what keeping each as observed would
    cost), the purchases and disposals that follow, and the ties."""
    from rich.table import Table

    net = ev.network
    changes, ties = ev.changes(), ev.ties()
    decided = changes[changes.what.isin(("stream", "process"))]
    follows = changes[~changes.what.isin(("stream", "process"))]
    dependent = ev.convention_dependent()
    if changes.empty and not dependent.empty:
        console.print("The optimiser would change nothing that every shipped accounting convention agrees on "
                      "(the convention-dependent changes are below).")
    elif changes.empty:
        console.print("The optimiser would change nothing: the observed flows are already optimal"
                      + (" (some are ties, below)." if not ties.empty else "."))
    else:
        t = Table(title="What the optimiser would change (largest value first)", title_justify="left")
        said = [describe(row, net) for row in decided.itertuples()]
        followed = [describe(row, net) for row in follows.itertuples()]
        # a resource id is one word: its column is as wide as the longest, so no id breaks mid-word
        longest = max((len(r[2]) for r in said + followed), default=0)
        heads: tuple[tuple[str, Justify, int], ...] = (
            ("change", "left", 16), ("resource", "left", longest), ("observed", "right", 0), ("optimised", "right", 0),
            (in_currency("worth\nDKK/yr"), "right", 0), ("worth\nt CO2e/yr", "right", 0))
        for col, just, least in heads:
            t.add_column(col, justify=just, min_width=least or None)
        row: ChangeRow
        for row, (what, where, resource) in zip(rows_of(decided), said, strict=True):
            unit, resource = _unit_and_measure(row.unit, resource)
            exact = getattr(row, "value_exact", True)
            t.add_row(f"{what}: {where}", resource, number(row.observed, unit),
                      _span(row.optimised_low, row.optimised_high, unit),
                      worth(row.value_money, exact), worth(row.value_co2e, exact))
        for row, (what, where, resource) in zip(rows_of(follows), followed, strict=True):
            t.add_row(f"[dim]{what}: {where}[/dim]", f"[dim]{resource}[/dim]",
                      number(row.observed, row.unit), _span(row.optimised_low, row.optimised_high, row.unit),
                      "[dim]follows[/dim]", "")
        console.print(t)
        console.print("worth: how much more a year keeping that stream or process as observed would cost, all "
                      "else re-optimised ('-': it cannot change alone); purchases and disposals follow from them. "
                      "A range: every value in it is as good."
                      + (" '≥': at least that much, from the optimal basis (not re-solved: the budget's largest "
                         "are)." if "value_exact" in decided and not decided.value_exact.all() else ""))
    print_convention_dependent(ev, console, describe, SHOWN)
    if not ties.empty:
        console.print("[bold]Ties[/bold] (equally good either way, so not a recommendation):")
        tie: ChangeRow
        for tie in rows_of(ties.head(SHOWN)):
            what, where, resource = describe(tie, net)
            console.print(f"  {what} {where}{' ' + resource if resource else ''}: anywhere from "
                          f"{_span(tie.optimised_low, tie.optimised_high, tie.unit)}"
                          f"{'' if tie.range_exact else ' or wider'} (observed {number(tie.observed, tie.unit)})")
        if len(ties) > SHOWN:
            console.print(f"  ... and {len(ties) - SHOWN:,} more ties (all in --format json)")
    print_tie_check(ev, console)


#: Ties and unchecked items printed in the table (all of them are in the JSON).
SHOWN = 50


def print_tie_check(ev: Evaluation, console) -> None:
    """Where the tie check's time budget stopped it: how many decisions it covered, and which it did not."""
    check = ev.tie_check()
    left = check["unchecked"]
    if not left:
        return
    console.print(f"[bold]Tie check[/bold]: {check['checked']:,} of {check['decisions']:,} decisions checked "
                  f"within the time budget; {len(left):,} not checked (their optimised value is one optimal "
                  "solution's, and another optimum may differ):")
    for row in left[:SHOWN]:
        console.print(f"  {row['what']} {row['item'] or row['supplier']} {row['resource']}")
    if len(left) > SHOWN:
        console.print(f"  ... and {len(left) - SHOWN:,} more (all in --format json)")


_MEASURE = {"virgin_avoided": "virgin material avoided", "diverted": "diverted from disposal",
            "moved_from_use": "moved from its counterfactual use", "nutrient_avoided": "mineral nutrient avoided (net)",
            "fuel_saved": "fuel saved",
            "energy_saved": "energy saved", "primary_energy_saved": "primary energy saved"}


def print_relays(ev: Evaluation, console) -> None:
    """Flows through each relay per end-to-end pair (observed), split in proportion (accounting.relays)."""
    pairs = relay_pairs(ev.observed, ev.network)
    if pairs.empty:
        return
    names = {a.id: a.name for a in ev.network.actors}
    t = table("Through relays, per end-to-end pair (observed; split in proportion: every unit in a relay is "
              "alike)", [("relay", "left"), ("supplier -> receiver", "left"), ("sent", "right"),
                         ("delivered", "right"), ("lost", "right")])
    r: RelayRow
    for r in rows_of(pairs):
        unit = ev.network.resource[r.resource].unit
        t.add_row(names[r.relay], f"{names[r.supplier]} -> {names[r.receiver]}", number(r.sent, unit),
                  number(r.delivered, unit), number(r.lost, unit))
    console.print(t)


def print_materials(ev: Evaluation, console, tables: dict[str, pd.DataFrame] | None = None) -> None:
    """Materials by material and basis, and nutrients by element, against no symbiosis (never summed);
    ``tables``: :meth:`Evaluation.materials` of observed and optimised, when already computed."""
    from rich.table import Table

    tables = ev.materials("observed", "optimised") if tables is None else tables
    obs, opt = tables["observed"], tables["optimised"]
    if obs.empty and opt.empty:
        return
    both = obs.merge(opt, on=["measure", "material", "basis", "unit"], how="outer", suffixes=("_obs", "_opt"))
    both = both[(both.value_obs.abs() > 1e-9) | (both.value_opt.abs() > 1e-9)]
    if both.empty:
        return
    energy = both.measure.isin(ENERGY_MEASURES)
    for rows, title, what, basis in (
            (both[~energy], "Materials and nutrients against no symbiosis (per material; tonnes of unlike things "
             "are never added)", "material", True),
            (both[energy], "Fuel and energy saved against no symbiosis (purchases avoided, each carrier in its "
             "own unit; primary energy in MWh)", "carrier", False)):
        if rows.empty:
            continue
        t = Table(title=title, title_justify="left")
        heads: tuple[tuple[str, Justify], ...] = (
            ("measure", "left"), (what, "left"), *((("basis", "left"),) if basis else ()), ("observed", "right"),
            ("optimised", "right"), ("unit", "left"))
        for col, just in heads:
            t.add_column(col, justify=just)
        m: MaterialRow
        for m in rows_of(rows):
            t.add_row(_MEASURE[m.measure], m.material, *((m.basis,) if basis else ()), number(m.value_obs),
                      number(m.value_opt), f"{m.unit}/yr")
        console.print(t)
