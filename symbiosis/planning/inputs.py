"""Every input of a network that a tornado varies, each with the ends it is moved to and why.

An input is moved across its stated ``range`` where it has one; an
``estimated`` number without one by ``spread`` either side (25 % unless
told); a ``published`` number by the default range of its kind
(``symbiosis/data/default-ranges.yaml``: a published price +-20 %, a
published emission factor +-10 %..., each with its reason); a plain number
without a source of its own (a stream's distance or loss) by ``spread``.
The inputs: every factor row and haul distance, supply, demand, recorded
stream flow and capacity, stream loss, loss per km, substitution ratio and
distance, process ratio, capacity and running cost (and leak), and joint
capacity. A number that is 0 and states no range cannot move and is left out.

:func:`edits` turns one end of an input into the numbers a sweep sets
(:class:`symbiosis.engine.Edit`): a stream's recorded flow moves the balance
rows that mirror it and the recorded flows it forces up- and downstream
(see :mod:`symbiosis.planning.mirrors`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as _pkg
from pathlib import Path
from typing import cast

from symbiosis.engine import Edit
from symbiosis.io.documents import read_document
from symbiosis.model import Demand, Network, Supply
from symbiosis.model.parts import StreamNumber
from symbiosis.planning.mirrors import mirrored, observed_edits, output_edits

__all__ = ["DEFAULT_RANGES", "Parameter", "default_ranges", "edits", "parameters"]

DEFAULT_RANGES = "default-ranges.yaml"

#: How a factor row reads in a tornado ("price of wood-chips").
_FACTOR_WORDS = {"virgin_price": "price of", "virgin_co2e": "CO2e of", "disposal_cost": "cost of the route of",
                 "disposal_co2e": "CO2e of the route of", "transport_cost": "transport cost by",
                 "transport_co2e": "transport CO2e by", "groundwater": "groundwater drawn per unit of",
                 "carbon_value": "carbon value"}


@dataclass(frozen=True)
class Parameter:
    """One number of the network that the sensitivity moves: where it is (``path``), what it is
    (``label``), its value, unit, the ends it is moved to, whether they are the stated ``range``
    (``stated``), and which range it is moved across (``kind``: ``stated``, ``+-25%`` for an estimate,
    ``published price +-20%``...)."""

    path: str
    label: str
    unit: str
    value: float
    low: float
    high: float
    stated: bool
    source: str
    kind: str = "stated"


@lru_cache(maxsize=1)
def default_ranges() -> dict[str, tuple[float, str]]:
    """The default range of a published number by what it is (a factor kind, ``supply``, ``distance``,
    ``process ratio``...): (share either side, the name of its kind), from the bundled table."""
    # the package is installed as files, so its resources are paths
    data, _ = read_document(cast(Path, _pkg.files("symbiosis.data") / DEFAULT_RANGES), f"{DEFAULT_RANGES} (bundled)")
    return {what: (float(doc["share"]), kind) for kind, doc in data["published"].items()
            for what in doc["applies_to"]}


def parameters(net: Network, spread: float = 0.25, carbon_value: bool = False) -> list[Parameter]:
    """Every input the answer depends on, with its ends (see the module's text). ``carbon_value``: vary
    the carbon value too (it weighs CO2e in the weighted objective only)."""
    out: list[Parameter] = []
    names = {a.id: a.name for a in net.actors}
    table = default_ranges()

    def add(path: str, label: str, unit: str, value: float, p, what: str) -> None:
        value = float(value)
        if p is not None and p.range is not None:
            (low, high), kind, source = p.range, "stated", p.source
        else:
            if p is not None and p.basis != "estimated" and what not in table:
                return  # a published kind no default range names (a social target, a tax rate): no flow input
            share, kind = ((spread, f"+-{spread:.0%}") if p is None or p.basis == "estimated" else
                           (table[what][0], f"published {table[what][1]} +-{table[what][0]:.0%}"))
            low, high = value * (1 - share), value * (1 + share)
            source = p.source if p is not None else "not given (a plain number)"
        low, high = min(low, high), max(low, high)
        if high - low <= 1e-12 * max(1.0, abs(value)):
            return  # a zero without a range cannot move
        basis = ", ".join(p.based_on) if p is not None else ""
        out.append(Parameter(path, label, unit, value, float(low), float(high), kind == "stated",
                             source + (f" (on {basis})" if basis else ""), kind))

    for i, f in enumerate(net.factors):
        if f.factor == "carbon_value" and not carbon_value:
            continue
        what = f.resource or f.mode or ""
        where = f" at {names.get(f.actor, f.actor)}" if f.actor else ""
        route = f" ({f.route})" if f.route else ""
        label = f"{_FACTOR_WORDS.get(f.factor, f.factor)} {what}{where}{route}".strip()
        add(f"factors[{i}]", label, f.unit, f.value, f, f.factor)
        if f.haul_km:
            add(f"factors[{i}].haul_km", f"haul distance of {label}", "km", f.haul_km,
                f.model_copy(update={"range": None}), "distance")  # the row's range is its value's
    tables: tuple[tuple[Sequence[Supply | Demand], str], ...] = ((net.supplies, "supplies"), (net.demands, "demands"))
    for rows, word in tables:
        for i, row in enumerate(rows):
            if mirrored(net, word, row):
                continue  # the same number as the streams it was set from: varied with them
            add(f"{word}[{i}].quantity", f"{word[:-1].replace('ie', 'y')} {names[row.actor]} {row.resource}",
                net.resource[row.resource].unit, row.quantity.value, row.quantity,
                "supply" if word == "supplies" else "demand")
    running = {s.id for s in net.streams_in_year()}
    for i, s in enumerate(net.streams):
        if s.id not in running:
            continue
        unit = net.resource[s.resource].unit
        what = f"{names[s.supplier]} -> {names[s.receiver]} {s.resource}"
        if s.observed is not None:
            add(f"streams[{i}].observed", f"stream {what} (recorded)", unit, s.observed.value, s.observed,
                "recorded flow")
        if s.capacity is not None:
            add(f"streams[{i}].capacity", f"stream {what} (capacity)", unit, s.capacity.value, s.capacity,
                "capacity")
        for field, words, u, kind in (("distance_km", "distance", "km", "distance"), ("loss", "loss", "share", "loss"),
                                      ("loss_per_km", "loss per km", "share/km", "loss"),
                                      ("substitution_ratio", "substitution ratio", "", "substitution ratio")):
            value = getattr(s, field)
            if value is None or (field == "substitution_ratio" and value == 1.0 and field not in s.provenance):
                continue
            add(f"streams[{i}].{field}", f"stream {what} ({words})", u, value,
                s.provenance.get(cast(StreamNumber, field)), kind)
    for i, p in enumerate(net.processes):
        name = f"process {names[p.actor]}: {p.name}"
        ranges = p.ratio_ranges
        for side in ("inputs", "outputs"):
            for r, ratio in getattr(p, side).items():
                if ratio == 1.0 and r not in ranges:
                    continue  # the unit of activity itself, or what passes through: a definition
                given = p.ratios.model_copy(update={"range": ranges.get(r)})
                add(f"processes[{i}].{side}.{r}", f"{name} ({r} {'in' if side == 'inputs' else 'out'} per "
                    f"{p.activity_unit})", f"{net.resource[r].unit}/{p.activity_unit}", ratio, given, "process ratio")
        add(f"processes[{i}].capacity", f"{name} (capacity)", p.activity_unit, p.capacity.value, p.capacity,
            "capacity")
        eco = p.economics
        if eco is not None and eco.operating_cost is not None:
            add(f"processes[{i}].unit_cost", f"{name} (running cost)", f"per {p.activity_unit}",
                eco.operating_cost.value, eco.operating_cost, "operating cost")
        if eco is not None and eco.leak is not None:
            add(f"processes[{i}].unit_co2e", f"{name} ({eco.leak.what})", f"t CO2e/{p.activity_unit}",
                eco.leak.value, eco.leak, "emission factor")
    for i, cap in enumerate(net.capacities):
        add(f"capacities[{i}].capacity", f"joint capacity {cap.name}", cap.unit, cap.capacity.value, cap.capacity,
            "capacity")
    return out


def edits(net: Network, path: str, value: float, weights: dict[str, float] | None = None,
          activity: dict[str, float] | None = None) -> list[Edit]:
    """What setting the number at ``path`` to ``value`` sets in the network: the number itself, the rows
    and flows a recorded flow moves with it, the recorded flows that carry a process's output away at its
    observed ``activity`` (process id -> activity; a higher yield sends more on), the objective's weights
    for a carbon value (``weights``: the objective's own, None where they are not the carbon value's), a
    process's unit cost or leak as its total per unit of activity."""
    if path.endswith(".observed"):
        return observed_edits(net, int(path[len("streams["):path.index("]")]), value)
    if ".outputs." in path and activity:
        j = int(path[len("processes["):path.index("]")])
        p, resource = net.processes[j], path.split(".outputs.", 1)[1]
        more = activity.get(p.id, 0.0) * (value - p.outputs[resource])
        return [Edit(path, value), *output_edits(net, j, resource, more)]
    if path.endswith(".unit_cost") or path.endswith(".unit_co2e"):
        p = net.processes[int(path[len("processes["):path.index("]")])]
        eco = p.economics
        assert eco is not None  # for the type checker: a parameter of parameters() is declared
        if path.endswith(".unit_cost"):
            assert eco.operating_cost is not None
            return [Edit(path, p.unit_cost - eco.operating_cost.value + value)]
        assert eco.leak is not None
        return [Edit(path, p.unit_co2e - eco.leak.value + value)]
    if path.startswith("factors[") and "." not in path:
        row = net.factors[int(path[len("factors["):-1])]
        if row.factor == "carbon_value":
            return [] if weights is None else [Edit("weights", {**weights, "co2e": value})]
    return [Edit(path, value)]
