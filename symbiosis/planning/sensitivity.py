"""Which assumptions drive the answer: a one-at-a-time sensitivity (tornado) of the headline savings.

Most numbers of a symbiosis data set are estimates. :func:`sensitivity` moves
each one, alone, to the low and the high end of its stated ``range`` (or, for
an estimate without one, ``spread`` either side of its value: 25 % unless
told) and re-solves: the swing of each headline indicator (cost saved, CO2e
avoided against no symbiosis) between the two ends ranks the assumptions.

What is varied: every factor row, supply, demand, stream flow and capacity,
process capacity and joint capacity that is estimated or has a stated range
(a published number without a range stays as published). A stream's recorded
flow moves with the balance rows that mirror it: the receiver's demand (and
the supplier's supply) that equal what the streams deliver (take) are moved
by the same amount, as their ``method`` says they were set (so those rows are
not varied on their own), and with the recorded flows it forces downstream
(more residues into a digester, more gas and digestate out). Where one end
still cannot balance (a limit such as a plant's fuel intake), that end is NaN
and ``note`` says so.

The ranking is by the swing in the first indicator; each row also has the
indicator at both ends, so a tornado needs nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis.accounting.conventions import apply_convention
from symbiosis.accounting.indicators import FLOW_INDICATORS
from symbiosis.engine import carry_over, compile_network, infeasible_error, solve_near, try_solve
from symbiosis.errors import bad_parameter
from symbiosis.model import Network
from symbiosis.objectives import objective_weights
from symbiosis.scenario.events import copy_network

__all__ = ["DEFAULT_SPREAD", "HEADLINE", "Parameter", "parameters", "sensitivity"]

#: How far an estimate without a stated range is moved either side (a share of its value).
DEFAULT_SPREAD = 0.25
#: The indicators a tornado ranks by, in order.
HEADLINE = ("cost_saved", "co2e_avoided")


#: How a factor row reads in a tornado ("price of wood-chips").
_FACTOR_WORDS = {"virgin_price": "price of", "virgin_co2e": "CO2e of", "disposal_cost": "cost of the route of",
                 "disposal_co2e": "CO2e of the route of", "transport_cost": "transport cost by",
                 "transport_co2e": "transport CO2e by", "groundwater": "groundwater drawn per unit of",
                 "carbon_value": "carbon value"}


@dataclass(frozen=True)
class Parameter:
    """One number of the network that the sensitivity moves: where it is (``path``), what it is
    (``label``), its value, unit, the ends it is moved to and whether they are the stated ``range``."""

    path: str
    label: str
    unit: str
    value: float
    low: float
    high: float
    stated: bool
    source: str


def parameters(net: Network, spread: float = DEFAULT_SPREAD) -> list[Parameter]:
    """Every estimated number (or number with a stated range) that the answer depends on, with its ends."""
    out: list[Parameter] = []
    names = {a.id: a.name for a in net.actors}

    def add(path: str, label: str, unit: str, p) -> None:
        if p is None or (p.basis != "estimated" and p.range is None):
            return
        value = float(p.value)
        low, high = p.range if p.range is not None else (value * (1 - spread), value * (1 + spread))
        low, high = min(low, high), max(low, high)
        if high - low <= 1e-12 * max(1.0, abs(value)):
            return  # a zero without a range cannot move
        basis = ", ".join(p.based_on)
        out.append(Parameter(path, label, unit, value, float(low), float(high), p.range is not None,
                             p.source + (f" (on {basis})" if basis else "")))

    for i, f in enumerate(net.factors):
        what = f.resource or f.mode or ""
        where = f" at {names.get(f.actor, f.actor)}" if f.actor else ""
        route = f" ({f.route})" if f.route else ""
        add(f"factors[{i}]", f"{_FACTOR_WORDS.get(f.factor, f.factor)} {what}{where}{route}".strip(), f.unit, f)
    for rows, word in ((net.supplies, "supplies"), (net.demands, "demands")):
        for i, row in enumerate(rows):
            if _mirrored(net, word, row):
                continue  # the same number as the streams it was set from: varied with them
            add(f"{word}[{i}].quantity", f"{word[:-1].replace('ie', 'y')} {names[row.actor]} {row.resource}",
                net.resource[row.resource].unit, row.quantity)
    running = {s.id for s in net.streams_in_year()}
    for i, s in enumerate(net.streams):
        if s.id not in running:
            continue
        unit = net.resource[s.resource].unit
        what = f"{names[s.supplier]} -> {names[s.receiver]} {s.resource}"
        add(f"streams[{i}].observed", f"stream {what} (recorded)", unit, s.observed)
        add(f"streams[{i}].capacity", f"stream {what} (capacity)", unit, s.capacity)
    for i, p in enumerate(net.processes):
        add(f"processes[{i}].capacity", f"process {names[p.actor]}: {p.name} (capacity)", p.activity_unit, p.capacity)
    for i, cap in enumerate(net.capacities):
        add(f"capacities[{i}].capacity", f"joint capacity {cap.name}", cap.unit, cap.capacity)
    return out


def sensitivity(net: Network, objective: str = "cost", weights: dict[str, float] | None = None,
                answer: str = "observed", convention: str | None = None, spread: float = DEFAULT_SPREAD,
                indicators: tuple[str, ...] = HEADLINE) -> tuple[dict[str, float], pd.DataFrame]:
    """The headline savings of ``answer`` and how far each assumption moves them.

    Parameters
    ----------
    net : Network
    objective, weights :
        What the optimised answer minimises (see :mod:`symbiosis.objectives`).
    answer : {"observed", "optimised"}
        Whose savings against no symbiosis are measured.
    convention : str, optional
        The accounting convention (default ``system-expansion``).
    spread : float
        The share an estimate without a stated range is moved either side (0.25: +-25 %).
    indicators : tuple of str
        The indicators to report; the table is ranked by the first.

    Returns
    -------
    base : dict
        The indicators at the data's own values.
    table : pandas.DataFrame
        One row per parameter, largest swing first: ``parameter``, ``path``,
        ``source``, ``unit``, ``value``, ``low``, ``high``, ``range``
        (``stated`` or ``+-25%``), then per indicator ``<key>_at_low``,
        ``<key>_at_high`` and ``<key>_swing`` (high end minus low end, in
        the indicator's unit; NaN where an end cannot balance), and ``note``
        (why an end cannot balance: a limit it runs into). Ranked by how far
        the farther end moves the first indicator.

    Raises
    ------
    ParameterError
        For an unknown answer or a spread outside 0..1.
    SymbiosisError
        If the network itself cannot balance.
    """
    if answer not in ("observed", "optimised"):
        raise bad_parameter("answer", f"'{answer}' is not an answer with savings; use observed or optimised")
    if not 0 < spread < 1:
        raise bad_parameter("spread", f"{spread:g} is not a share between 0 and 1 (0.25 moves +-25%)")
    unknown = [k for k in indicators if k not in FLOW_INDICATORS]
    if unknown:
        raise bad_parameter("indicators", f"{', '.join(unknown)} cannot be varied here; valid: "
                            f"{', '.join(FLOW_INDICATORS)}")
    net = apply_convention(net, convention)
    w = objective_weights(net, objective, weights)
    base = _headline(net, w, answer)
    if isinstance(base, str):
        for a in ("observed", "counterfactual", "optimised"):
            c = compile_network(net, a)
            if not try_solve(c, w).ok:
                raise infeasible_error(c)
    rows = []
    for p in parameters(net, spread):
        row = {"parameter": p.label, "path": p.path, "source": p.source, "unit": p.unit, "value": p.value,
               "low": p.low, "high": p.high, "range": "stated" if p.stated else f"+-{spread:.0%}"}
        notes = []
        for end, value in (("low", p.low), ("high", p.high)):
            got = _headline(_with(net, p.path, value), w, answer)
            if isinstance(got, str):
                notes.append(f"at the {end} end {got}")
            for key in indicators:
                row[f"{key}_at_{end}"] = np.nan if isinstance(got, str) else got.get(key, 0.0)
        for key in indicators:
            row[f"{key}_swing"] = row[f"{key}_at_high"] - row[f"{key}_at_low"]
        row["note"] = "; ".join(notes)
        rows.append(row)
    table = pd.DataFrame(rows)
    headline = {k: base.get(k, 0.0) for k in indicators}
    if table.empty:
        return headline, table
    key = indicators[0]  # rank by the farthest end from the base (one end is enough where the other cannot be)
    reach = np.fmax(np.abs(table[f"{key}_at_low"] - headline[key]), np.abs(table[f"{key}_at_high"] - headline[key]))
    order = np.argsort(-np.nan_to_num(reach.to_numpy(), nan=-1.0), kind="stable")
    return headline, table.iloc[order].reset_index(drop=True)


def _headline(net: Network, weights: dict[str, float], answer: str) -> dict[str, float] | str:
    """The savings of ``answer`` against no symbiosis, or why an answer cannot balance (the first problem)."""
    c_obs, c_cf = compile_network(net, "observed"), compile_network(net, "counterfactual")
    obs, cf = try_solve(c_obs, weights), try_solve(c_cf, weights)
    for c, sol in ((c_obs, obs), (c_cf, cf)):
        if not sol.ok:
            return _why(c, sol)
    totals = obs.totals
    if answer == "optimised":
        c_opt = compile_network(net, "optimised")
        sol = try_solve(c_opt, weights)
        if not sol.ok:
            return _why(c_opt, sol)
        totals = solve_near(c_opt, weights, carry_over(c_obs, obs, c_opt)).totals
    return {key: cf.totals[name] - totals[name] for key, name in FLOW_INDICATORS.items()}


def _why(c, sol) -> str:
    """The first thing that cannot balance, in one clause (the full diagnosis is `symbiosis validate`'s)."""
    if sol.status != "infeasible":
        return f"the solver stopped ({sol.status})"
    problems = infeasible_error(c).problems
    if not problems:
        return f"the {c.answer} flows cannot balance"
    message = problems[0].message
    limit = message[message.index(" (or change"):] if " (or change" in message else ""
    return f"{c.answer} flows: " + message.split(";")[0].split(" (or change")[0] + limit


def _with(net: Network, path: str, value: float) -> Network:
    """``net`` with the number at ``path`` set to ``value`` (a stream's recorded flow moves the balance rows
    that mirror it by the same amount)."""
    part, _, field = path.partition(".")
    name, index = part[:-1].split("[")
    i = int(index)
    if name == "factors":
        rows = list(net.factors)
        rows[i] = rows[i].model_copy(update={"value": value})
        return copy_network(net, {"factors": rows})
    items = list(getattr(net, name))
    item = items[i]
    old = getattr(item, field)
    items[i] = item.model_copy(update={field: old.model_copy(update={"value": value})})
    update = {name: items}
    if name == "streams" and field == "observed":
        delta = value - old.value
        update |= _mirrors(net, item, delta)
        update.setdefault("supplies", list(net.supplies))
        _downstream(net, item, delta, items)
        _upstream(net, item, delta, update)
    return copy_network(net, update)


def _recorded(net: Network, field: str, actor: str, resource: str) -> float:
    """What the running streams with a recorded flow take from (``supplies``) or deliver to (``demands``) one
    actor's balance of one resource."""
    if field == "supplies":
        return sum(s.observed.value for s in net.streams_in_year()
                   if (s.supplier, s.resource) == (actor, resource) and s.observed is not None)
    return sum(s.observed.value * s.gain for s in net.streams_in_year()
               if (s.receiver, s.target_resource) == (actor, resource) and s.observed is not None)


def _mirrored(net: Network, field: str, row) -> bool:
    total = _recorded(net, field, row.actor, row.resource)
    return total > 0 and abs(row.quantity.value - total) <= 1e-6 * total


def _downstream(net: Network, stream, delta: float, streams: list, depth: int = 0) -> None:
    """Move the recorded flows that a change of ``delta`` on ``stream`` forces downstream, in place: where the
    receiver has no demand of its own for what arrives and one process takes it, that process runs more (or
    less) and the recorded streams carrying its outputs move in proportion to their flows."""
    arrive = delta * stream.gain
    receiver, resource = stream.receiver, stream.target_resource
    takers = [p for p in net.processes if p.actor == receiver and resource in p.inputs]
    own_need = any((d.actor, d.resource) == (receiver, resource) for d in net.demands)
    if depth > 5 or own_need or len(takers) != 1:
        return
    activity = arrive / takers[0].inputs[resource]
    for out, ratio in takers[0].outputs.items():
        _spread(net, receiver, out, activity * ratio, streams, depth)


def _upstream(net: Network, stream, delta: float, update: dict, depth: int = 0) -> None:
    """Move what a change of ``delta`` on ``stream`` forces upstream, in ``update`` (lists of streams and
    supplies): where the stream is the one recorded outlet of what its supplier makes in one process, that
    process runs more (or less), taking more of its inputs (the supplier's own supply rows, or the recorded
    streams bringing them, in proportion) and giving more of its other outputs (moved downstream)."""
    supplier, resource = stream.supplier, stream.resource
    streams, supplies = update["streams"], update["supplies"]
    running = {s.id for s in net.streams_in_year()}
    outlets = [s for s in streams if s.id in running and (s.supplier, s.resource) == (supplier, resource)
               and s.observed is not None and s.observed.value > 0]
    makers = [p for p in net.processes if p.actor == supplier and resource in p.outputs]
    own = any((r.actor, r.resource) == (supplier, resource) for r in net.supplies)
    if depth > 5 or own or len(makers) != 1 or len(outlets) != 1:
        return
    process = makers[0]
    activity = delta / process.outputs[resource]
    for inp, ratio in process.inputs.items():
        need = activity * ratio
        rows = [k for k, r in enumerate(supplies) if (r.actor, r.resource) == (supplier, inp)]
        bringing = [k for k, s in enumerate(streams) if s.id in running and (s.receiver, s.target_resource) == (
            supplier, inp) and s.observed is not None and s.observed.value > 0]
        have = sum(supplies[k].quantity.value for k in rows) + sum(streams[k].observed.value * streams[k].gain
                                                                     for k in bringing)
        for k in rows:
            q = supplies[k].quantity
            supplies[k] = supplies[k].model_copy(update={"quantity": q.model_copy(
                update={"value": max(0.0, q.value + need * q.value / have)})})
        for k in bringing:
            s = streams[k]
            move = need * s.observed.value / have
            streams[k] = s.model_copy(update={"observed": s.observed.model_copy(
                update={"value": max(0.0, s.observed.value + move)})})
            _supply_mirror(net, s, move, supplies)
            _upstream(net, s, move, update, depth + 1)
    for out, ratio in process.outputs.items():
        if out != resource:
            _spread(net, supplier, out, activity * ratio, streams, depth)


def _spread(net: Network, actor: str, resource: str, more: float, streams: list, depth: int) -> None:
    """``more`` of ``resource`` leaves ``actor`` on its recorded streams, in proportion to their flows (and on
    downstream from there)."""
    running = {s.id for s in net.streams_in_year()}
    carrying = [k for k, s in enumerate(streams) if s.id in running and (s.supplier, s.resource) == (
        actor, resource) and s.observed is not None and s.observed.value > 0]
    total = sum(streams[k].observed.value for k in carrying)
    for k in carrying:
        s = streams[k]
        move = more * s.observed.value / total
        streams[k] = s.model_copy(update={"observed": s.observed.model_copy(
            update={"value": max(0.0, s.observed.value + move)})})
        _downstream(net, s, move, streams, depth + 1)


def _move_mirror(net: Network, field: str, actor: str, resource: str, move: float, rows: list) -> None:
    """Move by ``move`` (in place in ``rows``, a copy of ``net``'s supplies or demands) the row of (``actor``,
    ``resource``) that mirrors what the recorded streams take from or deliver to it."""
    for k, row in enumerate(getattr(net, field)):
        if (row.actor, row.resource) == (actor, resource) and _mirrored(net, field, row):
            q = rows[k].quantity
            rows[k] = rows[k].model_copy(update={"quantity": q.model_copy(update={"value": max(0.0, q.value + move)})})


def _supply_mirror(net: Network, stream, delta: float, supplies: list) -> None:
    """The supplier's supply row that equals what its recorded streams take, moved by ``delta`` (in place)."""
    _move_mirror(net, "supplies", stream.supplier, stream.resource, delta, supplies)


def _mirrors(net: Network, stream, delta: float) -> dict:
    """The supply and demand rows that equal what the streams take from or deliver to them, moved by
    ``delta`` (times the stream's gain at the receiver)."""
    supplies, demands = list(net.supplies), list(net.demands)
    _move_mirror(net, "supplies", stream.supplier, stream.resource, delta, supplies)
    _move_mirror(net, "demands", stream.receiver, stream.target_resource, delta * stream.gain, demands)
    return {"supplies": supplies, "demands": demands}
