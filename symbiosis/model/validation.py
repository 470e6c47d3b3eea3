"""Validation of a whole network: one function per rule.

Field-level checks (types, ranges, required fields) live on the models
themselves; the rules here need the whole network: every id resolves, units
fit their resource, a stream has something to carry and somewhere to go,
years agree, factors are complete and do not hand out free money.

:func:`check_network` runs every rule in a fixed order (the order in which a
planner reads a file) and returns the mistakes; :class:`~symbiosis.model.Network`
raises them together when it is built. Why so long: the rules, one short function each, read in
the order they run.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from symbiosis.errors import Mistake
from symbiosis.model.base import Provenance, Quantity, listing
from symbiosis.model.checks import investments, packs, relays, resources, totals, undeclared
from symbiosis.model.cycles import nothing_from_nothing
from symbiosis.model.parts import Demand, ServiceNeed, ServiceOffer, Stream, Supply
from symbiosis.model.rates import FACTOR_RANGES, factor_range_problem
from symbiosis.model.social import check_social_economy
from symbiosis.model.units import base_amount

if TYPE_CHECKING:  # the rules read a network; the network runs them when it is made
    from symbiosis.model.network import Network

__all__ = ["FACTOR_RANGES", "RULES", "check_network", "factor_range_problem"]

PER_RESOURCE = {"virgin_price", "disposal_cost", "virgin_co2e", "disposal_co2e", "groundwater"}
PER_MODE = {"transport_cost", "transport_co2e"}
FACTOR_NUMERATOR = {
    "virgin_price": "{currency}",
    "disposal_cost": "{currency}",
    "virgin_co2e": "t CO2e",
    "disposal_co2e": "t CO2e",
    "groundwater": "m3",
}


@dataclass
class _Check:
    """What the rules share: the network, its tables by id, what is supplied and needed, and the mistakes."""

    net: Network
    mistakes: list[Mistake] = field(default_factory=list)
    supplied: set[tuple[str, str]] = field(default_factory=set)
    needed: set[tuple[str, str]] = field(default_factory=set)
    grades: dict[tuple[str, str], set[str | None]] = field(default_factory=dict)  # per (actor, resource)
    accepts: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = field(default_factory=dict)
    undeclared: dict[str, list[str]] = field(default_factory=dict)  # unknown source key -> paths citing it

    def __post_init__(self) -> None:
        self.resources = {r.id: r for r in self.net.resources}
        self.actors = {a.id: a for a in self.net.actors}

    def add(self, path: str, message: str) -> None:
        self.mistakes.append(Mistake(path, message))

    def known(self, path: str, value: str | None, table: dict, what: str) -> bool:
        """Whether ``value`` is an id of ``table``; if not, a mistake naming the valid ids."""
        if value in table:
            return True
        self.add(path, f"unknown {what} '{value}'; valid: {listing(table)}")
        return False

    def unit(self, path: str, q: Quantity | None, resource: str) -> None:
        if q is not None and resource in self.resources and q.unit is not None \
                and q.unit != self.resources[resource].unit:
            self.add(f"{path}.unit", f"'{q.unit}' does not match the unit of resource '{resource}': "
                     f"write the value in {self.resources[resource].unit}")

    def clean(self, p: Provenance | None) -> bool:
        """Whether :meth:`source` has nothing to say of ``p`` (told without building its path: the common case,
        checked for every quantity of a large network)."""
        return p is None or (not p.based_on and p.range is None
                             and (p.source[0] != "@" or p.source[1:] in self.net.sources))

    def source(self, path: str, p: Provenance | None) -> None:
        """A provenance's source and ``based_on`` keys exist, and an estimate's range holds its value."""
        if p is None:
            return
        if p.source.startswith("@") and p.source[1:] not in self.net.sources:
            self.undeclared.setdefault(p.source, []).append(f"{path}.source")
        for k, key in enumerate(p.based_on):
            if key.startswith("@") and key[1:] not in self.net.sources:
                self.undeclared.setdefault(key, []).append(f"{path}.based_on[{k}]")
            elif not key.startswith("@"):
                self.add(f"{path}.based_on[{k}]", f"'{key}' is not a source key; valid: "
                         f"{listing(self.net.sources, '@')}")
        value = getattr(p, "value", None)
        if p.range is not None and isinstance(value, int | float) and not p.range[0] <= value <= p.range[1]:
            self.add(f"{path}.range", f"the value {value:g} lies outside its stated range "
                     f"[{p.range[0]:g}, {p.range[1]:g}]; widen the range or correct the value")


def unique_ids(c: _Check) -> None:
    """No two resources, actors, processes, streams or service links share an id."""
    for name in ("resources", "actors", "processes", "streams", "service_links"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(c.net, name)):
            if item.id in seen:
                c.add(f"{name}[{i}].id", f"duplicate id '{item.id}' (first used at {name}[{seen[item.id]}])")
            else:
                seen[item.id] = i


def actors(c: _Check) -> None:
    """Actors cite known sources and leave the symbiosis after they join."""
    for i, a in enumerate(c.net.actors):
        if not c.clean(a.location):
            c.source(f"actors[{i}].location", a.location)
        if not c.clean(a.employees):
            c.source(f"actors[{i}].employees", a.employees)
        if a.member_since and a.member_until and a.member_until < a.member_since:
            c.add(f"actors[{i}].member_until", f"{a.member_until} is before member_since {a.member_since}")


def supplies_and_demands(c: _Check) -> None:
    """Supplies and demands name known actors and resources, in the resource's unit, once per
    (actor, resource, grade); a demand's ``accepts`` lists at least one grade."""
    tables: tuple[tuple[str, Sequence[Supply | Demand], set[tuple[str, str]]], ...] = (
        ("supplies", c.net.supplies, c.supplied), ("demands", c.net.demands, c.needed))
    for name, rows, into in tables:
        seen: dict[tuple, int] = {}
        for i, row in enumerate(rows):
            ok = row.actor in c.actors or c.known(f"{name}[{i}].actor", row.actor, c.actors, "actor")
            ok &= row.resource in c.resources or c.known(f"{name}[{i}].resource", row.resource, c.resources,
                                                         "resource")
            q = row.quantity
            if q.unit is not None:
                c.unit(f"{name}[{i}].quantity", q, row.resource)
            if not c.clean(q):
                c.source(f"{name}[{i}].quantity", q)
            grade = row.grade if isinstance(row, Supply) else None  # a demand has no grade (it accepts some)
            key = (row.actor, row.resource, grade)
            if key in seen:
                of = f" of grade '{grade}'" if grade else ""
                c.add(f"{name}[{i}]", f"'{row.actor}' already has a {name[:-1] if name == 'demands' else 'supply'} "
                      f"of '{row.resource}'{of} at {name}[{seen[key]}]; merge the two")
            seen[key] = i
            if isinstance(row, Supply):
                c.grades.setdefault(key[:2], set()).add(grade)
            elif row.accepts is not None:
                if not row.accepts:
                    c.add(f"demands[{i}].accepts", "lists no grade; leave it out to accept any grade")
                c.accepts[key[:2]] = (i, row.accepts)
            if ok:
                into.add(key[:2])


def processes(c: _Check) -> None:
    """Processes name known actors and resources, have an output, and grade only outputs the actor
    does not use itself."""
    net = c.net
    for i, p in enumerate(net.processes):
        c.known(f"processes[{i}].actor", p.actor, c.actors, "actor")
        for side in ("inputs", "outputs"):
            for r in getattr(p, side):
                if c.known(f"processes[{i}].{side}.{r}", r, c.resources, "resource"):
                    (c.needed if side == "inputs" else c.supplied).add((p.actor, r))
                    if side == "outputs":  # an output is of its output_grades grade, or ungraded
                        c.grades.setdefault((p.actor, r), set()).add(p.output_grades.get(r))
        for r, grade in p.output_grades.items():
            if r not in p.outputs:
                c.add(f"processes[{i}].output_grades.{r}", f"'{r}' is not an output of process '{p.id}'; "
                      f"valid: {listing(p.outputs)}")
                continue
            # a graded output is a balance of its own: it would silently not feed the actor's own needs
            user = next((f"processes[{j}] ('{q.id}') takes it as an input" for j, q in enumerate(net.processes)
                         if q.actor == p.actor and r in q.inputs), None)
            user = user or next((f"it has a demand of it at demands[{j}]" for j, d in enumerate(net.demands)
                                 if d.actor == p.actor and d.resource == r), None)
            if user:
                c.add(f"processes[{i}].output_grades.{r}", f"'{p.actor}' uses '{r}' itself ({user}), but an "
                      f"output of grade '{grade}' is a balance of its own and would not feed that; "
                      "leave this output ungraded")
        if not p.outputs:
            c.add(f"processes[{i}].outputs", "a process needs at least one output")
        c.source(f"processes[{i}].ratios", p.ratios)
        _nothing_from_nothing(c, i, p)


def _nothing_from_nothing(c: _Check, i: int, p) -> None:
    """A process gives out no more mass, volume or energy than it takes in of the same dimension, unless it
    says where the rest comes from (``gains_from``: a heat pump's ambient heat). A dimension on one side only
    (sludge in t from wastewater in m3, power from a fuel counted in t) is a conversion the ratios state, and
    an energy carrier counted in t (steam) is not mass (the water it is raised from is not modelled)."""
    if p.gains_from:
        return
    totals: dict[str, list[float]] = {}
    for side, ratios in ((0, p.inputs), (1, p.outputs)):
        for r, x in ratios.items():
            res = c.resources.get(r)
            amount = base_amount(res.unit) if res is not None else None
            if res is None or amount is None or (amount[0] == "mass" and res.category == "energy"):
                continue  # steam counted in t carries energy; the water it is made of is not modelled
            totals.setdefault(amount[0], [0.0, 0.0])[side] += x * amount[1]
    for dimension, (into, out) in totals.items():
        if into > 0 and out > into * (1 + 1e-9):  # one dimension on both sides: no more out than in
            names = [r for r in (*p.inputs, *p.outputs) if (base_amount(c.resources[r].unit) or ("",))[0] == dimension]
            c.add(f"processes[{i}].outputs", f"process '{p.id}' gives out {out:g} of {dimension} per unit of "
                  f"activity but takes in only {into:g} ({', '.join(names)}): it would make {dimension} from "
                  "nothing; correct the ratios, or say where the rest comes from in 'gains_from' (e.g. "
                  "'ambient heat' for a heat pump)")
            break


def capacities(c: _Check) -> None:
    """A joint capacity is shared by known processes and cites its source."""
    processes = {p.id: p for p in c.net.processes}
    seen: dict[str, int] = {}
    for i, cap in enumerate(c.net.capacities):
        if cap.id in seen:
            c.add(f"capacities[{i}].id", f"duplicate id '{cap.id}' (first used at capacities[{seen[cap.id]}])")
        seen[cap.id] = i
        if not cap.processes:
            c.add(f"capacities[{i}].processes", "a joint capacity needs at least one process that uses it")
        for pid in cap.processes:
            c.known(f"capacities[{i}].processes.{pid}", pid, processes, "process")
        c.source(f"capacities[{i}].capacity", cap.capacity)


def streams(c: _Check) -> None:
    """Streams run between two known actors, carry what the supplier has to where the receiver needs
    it, in a grade both accept, within consistent years, losses and capacities."""
    net = c.net
    for i, s in enumerate(net.streams):
        path = f"streams[{i}]"
        ok = s.supplier in c.actors or c.known(f"{path}.supplier", s.supplier, c.actors, "actor")
        ok &= s.receiver in c.actors or c.known(f"{path}.receiver", s.receiver, c.actors, "actor")
        ok &= s.resource in c.resources or c.known(f"{path}.resource", s.resource, c.resources, "resource")
        if s.replaces is not None:
            ok &= c.known(f"{path}.replaces", s.replaces, c.resources, "resource")
        if s.supplier == s.receiver:
            c.add(f"{path}.receiver", "a stream must go to another actor than its supplier")
        for name, q in (("observed", s.observed), ("capacity", s.capacity)):
            if q is not None and q.unit is not None:
                c.unit(f"{path}.{name}", q, s.resource)
            if not c.clean(q):
                c.source(f"{path}.{name}", q)
        for name, p in (*s.provenance.items(), ("payment", s.payment)):  # distance_km, loss..., the payment
            if not c.clean(p):
                c.source(f"{path}.{name}", p)
        if ok and (s.supplier, s.resource) not in c.supplied:
            relay = any(o.receiver == s.supplier and o.target_resource == s.resource for o in net.streams)
            c.add(f"{path}.resource", f"'{s.supplier}' has no supply (or process output) of '{s.resource}'; add it "
                  "under supplies or change the supplier" + (f", or declare 'relays: [{s.resource}]' on it if it "
                                                              "passes on what streams bring" if relay else ""))
        if ok and (s.receiver, s.target_resource) not in c.needed:
            via = f" (the stream replaces '{s.replaces}')" if s.replaces else ""
            c.add(f"{path}.receiver", f"'{s.receiver}' has no demand (or process input) of "
                  f"'{s.target_resource}'{via}; add it under demands or set 'replaces'")
        supplied = c.grades.get((s.supplier, s.resource), set())
        accepts = c.accepts.get((s.receiver, s.target_resource))
        if ok and (s.grade is not None or accepts is not None or not supplied <= _UNGRADED):  # else nothing to say
            _grade(s, path, supplied, accepts, c.add)
        _years_and_losses(c, s, path)


#: The grades an ungraded supply offers (:func:`_grade` has nothing to say of an ungraded stream between them).
_UNGRADED: frozenset[str | None] = frozenset({None})


def _years_and_losses(c: _Check, s: Stream, path: str) -> None:
    year = c.net.year
    if s.start is not None and s.end is not None and s.end < s.start:
        c.add(f"{path}.end", f"{s.end} is before start {s.start}")
    if s.loss_per_km and s.distance_km is None:
        c.add(f"{path}.distance_km", "loss_per_km needs the stream's distance_km")
    if s.total_loss >= 1:
        c.add(f"{path}.loss_per_km", f"loss {s.loss:g} + {s.loss_per_km:g}/km x {s.distance_km:g} km loses "
              "everything on the way; lower the loss or the distance")
    if s.status == "active" and not s.runs_in(year):
        c.add(f"{path}.status", f"'active' but its years ({s.start}-{s.end or ''}) do not include the "
              f"network year {year}; mark it 'historic' or fix the years")
    if s.status == "historic" and (s.end is None or s.end >= year):
        c.add(f"{path}.end", f"a historic stream needs an end year before the network year {year}")
    if s.observed and s.capacity and s.observed.value > s.capacity.value * (1 + 1e-9):
        c.add(f"{path}.observed", f"observed {s.observed.value:g} exceeds capacity {s.capacity.value:g}")
    if s.contract is not None:
        k = s.contract
        c.source(f"{path}.contract.provenance", k.provenance)
        c.source(f"{path}.contract.minimum", k.minimum)
        if s.status == "candidate":
            c.add(f"{path}.contract", "a candidate stream has no contract yet; add it when the stream starts")
        if s.start is not None and k.until < s.start:
            c.add(f"{path}.contract.until", f"{k.until} is before the stream's start {s.start}")
        least = k.minimum.value if k.minimum is not None else (s.observed.value if s.observed else None)
        if least is None and s.status == "active" and s.runs_in(year):
            c.add(f"{path}.contract.minimum", "a contract binds a flow: give the contracted minimum, or the "
                  "stream's observed flow")
        if least is not None and s.capacity is not None and least > s.capacity.value * (1 + 1e-9):
            c.add(f"{path}.contract.minimum", f"the contracted {least:g} exceeds the capacity {s.capacity.value:g}")


def _grade(s: Stream, path: str, supplied: set[str | None], accepts: tuple[int, tuple[str, ...]] | None,
           add: Callable[[str, str], None]) -> None:
    """A stream's grade must be one its supplier supplies and one its receiver accepts."""
    named = sorted(g for g in supplied if g is not None)
    if s.grade is not None and supplied and s.grade not in supplied:
        add(f"{path}.grade", f"'{s.supplier}' supplies no '{s.grade}' grade of '{s.resource}'; valid: "
            f"{', '.join(named) or '(none: leave grade out)'}")
    elif s.grade is None and named and None not in supplied:
        add(f"{path}.grade", f"'{s.supplier}' supplies '{s.resource}' only in grades {', '.join(named)}; "
            "name the one this stream carries")
    if accepts is not None and s.grade not in accepts[1]:
        carried = f"carries grade '{s.grade}'" if s.grade else "carries no grade"
        add(f"{path}.grade", f"{carried} but '{s.receiver}' accepts only grades {', '.join(accepts[1])} of "
            f"'{s.target_resource}' (demands[{accepts[0]}].accepts); route another grade or widen accepts")


def service_links(c: _Check) -> None:
    """A service link runs from a social-economy enterprise to a known client, within its years."""
    for i, link in enumerate(c.net.service_links):
        path = f"service_links[{i}]"
        provider = c.actors.get(link.provider)
        if c.known(f"{path}.provider", link.provider, c.actors, "actor") and provider is not None \
                and provider.kind != "social_enterprise":
            c.add(f"{path}.provider", f"'{link.provider}' is a {provider.kind}, "
                  "not a social_enterprise; a service link starts at a social-economy enterprise")
        c.known(f"{path}.client", link.client, c.actors, "actor")
        if link.start is not None and link.end is not None and link.end < link.start:
            c.add(f"{path}.end", f"{link.end} is before start {link.start}")
        c.source(f"{path}.provenance", link.provenance)


def service_market(c: _Check) -> None:
    """Service offers come from social-economy enterprises and needs from known clients, one row per
    (actor, service)."""
    markets: tuple[tuple[str, Sequence[ServiceOffer | ServiceNeed], str], ...] = (
        ("service_offers", c.net.service_offers, "provider"), ("service_needs", c.net.service_needs, "client"))
    for name, rows, who in markets:
        seen: dict[tuple[str, str], int] = {}
        for i, row in enumerate(rows):
            actor = getattr(row, who)
            if c.known(f"{name}[{i}].{who}", actor, c.actors, "actor") and who == "provider" \
                    and c.actors[actor].kind != "social_enterprise":
                c.add(f"{name}[{i}].provider",
                      f"'{actor}' is of kind '{c.actors[actor].kind}', not a social_enterprise")
            c.source(f"{name}[{i}].provenance", row.provenance)
            if (actor, row.service) in seen:
                c.add(f"{name}[{i}]", f"'{actor}' already has '{row.service}' at {name}[{seen[(actor, row.service)]}]; "
                      "merge the two")
            seen[(actor, row.service)] = i


def factors(c: _Check) -> None:
    """Factor rows name their resource or transport mode, in a unit that fits, are not negative
    (but for a disposal cost: a residual sold off) and appear once per key."""
    seen: dict[tuple, int] = {}
    for i, f in enumerate(c.net.factors):
        path = f"factors[{i}]"
        c.source(path, f)
        if f.factor in PER_RESOURCE:
            if f.resource is None:
                c.add(f"{path}.resource", f"factor '{f.factor}' applies to a resource; name it")
            elif c.known(f"{path}.resource", f.resource, c.resources, "resource"):
                expected = f"{FACTOR_NUMERATOR[f.factor]}/{c.resources[f.resource].unit}".format(
                    currency=c.net.currency)
                if f.unit.replace(" ", "") != expected.replace(" ", ""):
                    c.add(f"{path}.unit", f"'{f.unit}' does not fit resource '{f.resource}'; expected '{expected}'")
        if f.factor in PER_MODE and f.mode is None:
            c.add(f"{path}.mode", f"factor '{f.factor}' applies to a transport mode; name it")
        if f.route is not None and f.factor not in ("disposal_cost", "disposal_co2e", "virgin_price", "virgin_co2e"):
            c.add(f"{path}.route", "a route belongs to a virgin or disposal row (where the residual goes, where "
                  "the virgin supply comes from)")
        if f.haul_km is not None and f.factor not in ("disposal_cost", "virgin_price"):
            c.add(f"{path}.haul_km", "a haul belongs to the disposal_cost or virgin_price row of its route")
        if f.factor not in ("disposal_cost", "disposal_co2e") and f.value < 0:
            c.add(f"{path}.value", f"{f.value:g} is negative; only a disposal_cost (a residual sold off) or a "
                  "disposal_co2e (a co-product credited for what it displaces) may be")
        elif problem := factor_range_problem(f.factor, f.value):
            c.add(f"{path}.value", problem)
        if f.actor is not None:
            c.known(f"{path}.actor", f.actor, c.actors, "actor")
            if f.factor not in PER_RESOURCE:
                c.add(f"{path}.actor", f"factor '{f.factor}' applies to every actor; only virgin and disposal "
                      "rows may name one")
        if f.key in seen:
            who = f" at '{f.actor}'" if f.actor else ""
            c.add(path, f"a second row for {f.key[0]} of '{f.resource or f.mode or 'all'}'{who} "
                  f"(first at factors[{seen[f.key]}]); keep one")
        seen[f.key] = i


def no_free_money(c: _Check) -> None:
    """Selling a residual off never pays more than buying it virgin (checked on an otherwise valid network)."""
    if c.mistakes:
        return
    net = c.net
    for i, f in enumerate(net.factors):
        if f.factor != "disposal_cost":
            continue
        price = net.factor_value("virgin_price", f.resource, actor=f.actor)
        if price is not None and -f.value > price:
            c.add(f"factors[{i}].value", f"selling '{f.resource}' off ({-f.value:g} {c.net.currency}) pays more than "
                  f"buying it virgin ({price:g} {c.net.currency}): that is free money; check the two factors")


#: The rules in the order they run (later rules use what earlier ones collected).
RULES: tuple[Callable[[_Check], None], ...] = (
    unique_ids, resources, actors, relays, supplies_and_demands, processes, nothing_from_nothing, capacities, streams,
    service_links, service_market, factors, totals, investments, check_social_economy, no_free_money, packs,
)


def check_network(net: Network) -> list[Mistake]:
    """Every cross-reference, unit and year mistake of a network, rule by rule (see :data:`RULES`).

    Parameters
    ----------
    net : Network
        The network to check; its fields are already valid one by one.

    Returns
    -------
    list of Mistake
        Empty when the network is consistent.
    """
    check = _Check(net)
    for rule in RULES:
        rule(check)
    return undeclared(check) + check.mistakes
