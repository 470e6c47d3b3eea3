"""Events applied to a network: actors join and leave, plants convert, streams start and end,
numbers change. Every change is a copy of the frozen network."""

from __future__ import annotations

from symbiosis.errors import FileError, Mistake, bad_field, unknown_name
from symbiosis.model import Network, Stream
from symbiosis.model import Quantity as Q
from symbiosis.model.base import LARGEST, listing
from symbiosis.scenario.spec import ActorJoins, ActorLeaves, Convert, SocialEconomy, StreamEnds, StreamStarts, Target

__all__ = ["add_social", "apply_event", "change_quantity", "remove_actors", "remove_streams", "social_without"]

def subjects(ev) -> list[tuple]:
    if isinstance(ev, ActorJoins):
        return [("actor", ev.actor.id)] + [("stream", s.id) for s in ev.streams]
    if isinstance(ev, ActorLeaves | Convert):
        return [("actor", ev.actor)]
    if isinstance(ev, StreamStarts | StreamEnds):
        return [("stream", ev.stream if isinstance(ev.stream, str) else ev.stream.id)]
    if isinstance(ev, SocialEconomy):
        return [("agreement", a.id) for a in ev.agreements] + [("service link", x.id) for x in ev.service_links]
    return [ev.key]


def subject_text(subject: tuple) -> str:
    if len(subject) == 2:
        return f"{subject[0]} '{subject[1]}'"
    quantity, actor, resource, stream, factor = subject
    return Target(quantity=quantity, actor=actor, resource=resource, stream=stream, factor=factor).describe()



def target_problems(t: Target, net: Network) -> list[Mistake]:
    """Where a target names something the network does not have."""
    if t.quantity in ("supply", "demand"):
        if t.actor not in net.actor:
            return [Mistake("actor", f"unknown actor '{t.actor}'; valid: {listing(net.actor)}")]
        rows = net.supplies if t.quantity == "supply" else net.demands
        have = [r.resource for r in rows if r.actor == t.actor]
        if t.resource not in have:
            return [Mistake("resource", f"'{t.actor}' has no {t.quantity} of '{t.resource}'; its "
                            f"{t.quantity} rows: {listing(have)}")]
    elif t.quantity == "capacity":
        ids = [s.id for s in net.streams]
        if t.stream not in ids:
            return [Mistake("stream", f"unknown stream '{t.stream}'; valid: {listing(ids)}")]
    elif t.resource not in net.resource:
        return [Mistake("resource", f"unknown resource '{t.resource}'; valid: {listing(net.resource)}")]
    return []


def apply_event(net: Network, ev, year: int) -> Network:
    """``net`` with one event applied as it stands in ``year`` (a copy; ``net`` is unchanged).

    Raises :class:`SymbiosisError` (paths relative to the event) if the event
    names something the network does not have at that point.

    Parameters
    ----------
    net : Network
        The network before the event.
    ev : event
        The event (one of the scenario's events).
    year : int
        The calendar year.

    Returns
    -------
    Network
        The network after it.

    Raises
    ------
    SymbiosisError
        If the event names what the network does not have.
    """
    if isinstance(ev, ActorJoins):
        if ev.actor.id in net.actor:
            raise bad_field("actor.id", f"actor '{ev.actor.id}' is already in the network")
        clash = [r.id for r in ev.resources if r.id in net.resource]
        if clash:
            raise bad_field("resources", f"resources {clash} already exist; leave them out")
        streams = [s.model_copy(update={"start": max(s.start or ev.year, ev.year), "status": "active"})
                   for s in ev.streams]
        brought = {f.key for f in ev.factors}
        return copy_network(net, {
            "factors": [*(f for f in net.factors if f.key not in brought), *ev.factors],
            "actors": [*net.actors, ev.actor], "resources": [*net.resources, *ev.resources],
            "supplies": [*net.supplies, *ev.supplies], "demands": [*net.demands, *ev.demands],
            "processes": [*net.processes, *ev.processes],
            "streams": [*net.streams, *streams], "service_links": [*net.service_links, *ev.service_links]})
    if isinstance(ev, ActorLeaves):
        _need_actor(net, ev.actor)
        return remove_actors(net, [ev.actor])
    if isinstance(ev, SocialEconomy):
        return add_social(net, ev)
    if isinstance(ev, Convert):
        _need_actor(net, ev.actor)
        own_sup = {s.resource for s in net.supplies if s.actor == ev.actor}
        own_dem = {d.resource for d in net.demands if d.actor == ev.actor}
        bad = [Mistake(f"ends[{k}]", f"'{ev.actor}' supplies no '{r}'; its supplies: {listing(sorted(own_sup))}")
               for k, r in enumerate(ev.ends) if r not in own_sup]
        bad += [Mistake(f"ends_demands[{k}]", f"'{ev.actor}' needs no '{r}'; its demands: "
                        f"{listing(sorted(own_dem))}") for k, r in enumerate(ev.ends_demands) if r not in own_dem]
        bad += [Mistake(f"{side}[{k}].actor", f"a convert event changes '{ev.actor}' only, not '{row.actor}'")
                for side in ("supplies", "demands") for k, row in enumerate(getattr(ev, side)) if row.actor != ev.actor]
        if bad:
            raise FileError(bad)
        drop_sup = set(ev.ends) | {s.resource for s in ev.supplies}
        drop_dem = set(ev.ends_demands) | {d.resource for d in ev.demands}
        streams = [s for s in net.streams if not (
            (s.supplier == ev.actor and s.resource in ev.ends)
            or (s.receiver == ev.actor and s.target_resource in ev.ends_demands))]
        return copy_network(net, {
            "supplies": [s for s in net.supplies if not (s.actor == ev.actor and s.resource in drop_sup)]
            + list(ev.supplies),
            "demands": [d for d in net.demands if not (d.actor == ev.actor and d.resource in drop_dem)]
            + list(ev.demands),
            "streams": streams})
    if isinstance(ev, StreamStarts):
        if isinstance(ev.stream, Stream):
            if any(s.id == ev.stream.id for s in net.streams):
                raise bad_field("stream.id", f"stream '{ev.stream.id}' already exists; "
                                "name it by id to start a candidate")
            new = ev.stream.model_copy(update={"status": "active", "start": ev.year, "end": None})
            return copy_network(net, {"streams": [*net.streams, new]})
        ids = [s.id for s in net.streams]
        if ev.stream not in ids:
            raise unknown_name("stream", f"unknown stream '{ev.stream}'; valid: {listing(ids)}, "
                               "or write the new stream out in full")
        return copy_network(net, {"streams": [
            s.model_copy(update={"status": "active", "start": ev.year, "end": None}) if s.id == ev.stream else s
            for s in net.streams]})
    if isinstance(ev, StreamEnds):
        ids = [s.id for s in net.streams]
        if ev.stream not in ids:
            raise unknown_name("stream", f"unknown stream '{ev.stream}'; valid: {listing(ids)}")
        return copy_network(net, {"streams": [s for s in net.streams if s.id != ev.stream]})
    problems = target_problems(ev, net)
    if problems:
        raise FileError(problems)
    return change_quantity(net, ev, lambda old: _changed(ev, old, year))


def _changed(ev, old: float, year: int) -> float:
    """The value a change event gives in ``year``: real, and no larger than any real number (LARGEST)."""
    if ev.value is not None:
        return ev.value
    try:
        factor = ev.factor_in(year)
    except OverflowError:
        factor = float("inf")
    if old == float("inf"):  # a stream without a capacity: scaled, it stays without one
        return old if factor > 0 else 0.0
    new = old * factor
    if not abs(new) <= LARGEST:
        how = f"scale {ev.scale:g}" if ev.scale is not None else f"growth {ev.growth:g} a year since {ev.year}"
        field = "scale" if ev.scale is not None else "growth"
        raise bad_field(field, f"{how} makes the {ev.describe()} {new:g} in {year}, larger than any "
                        f"real number here (at most {LARGEST:g}); check the change")
    return new


#: How a social-economy row is keyed: a new row with the key of an old one replaces it.
_SOCIAL_KEYS = {
    "agreements": lambda r: r.id, "member_jobs": lambda r: id(r), "enterprises": lambda r: r.actor,
    "catalogue": lambda r: (r.provider, r.service), "labels": lambda r: (r.holder, r.label, r.awarded),
    "workplaces": lambda r: (r.actor, r.p_number), "service_links": lambda r: r.id,
    "service_offers": lambda r: (r.provider, r.service), "service_needs": lambda r: (r.client, r.service),
}


def add_social(net: Network, ev: SocialEconomy) -> Network:
    """``net`` with the rows of a ``social_economy`` event added (replacing rows of the same key);
    agreements, jobs and service links without a start year start in the event's year."""
    update = {}
    for name, key in _SOCIAL_KEYS.items():
        new = list(getattr(ev, name))
        if name in ("agreements", "member_jobs", "service_links"):
            new = [r.model_copy(update={"start": ev.year}) if r.start is None else r for r in new]
        keys = {key(r) for r in new}
        update[name] = [r for r in getattr(net, name) if key(r) not in keys] + new
    return copy_network(net, update)


def copy_network(net: Network, update: dict) -> Network:
    """``net.model_copy(update=...)`` with list fields as tuples, like the model's own."""
    return net.model_copy(update={k: tuple(v) if isinstance(v, list) else v for k, v in update.items()})


def _need_actor(net: Network, actor: str) -> None:
    if actor not in net.actor:
        raise unknown_name("actor", f"unknown actor '{actor}' (in the network at this year: "
                           f"{listing(net.actor)})")


def remove_actors(net: Network, actors) -> Network:
    """``net`` without ``actors`` and everything that is theirs or names them: supplies, demands,
    processes (and their share of a joint capacity; a capacity no process is left to use goes too),
    streams and service links to or from them, factor rows for them alone, and social-economy rows.

    The copy passes the same whole-network checks as a loaded file (a test holds every bundled
    network and example to it), so nothing downstream meets an id that is gone.

    Parameters
    ----------
    net : Network
        The network.
    actors : iterable of str
        The actors' ids.

    Returns
    -------
    Network
        The network without them.
    """
    gone = set(actors)
    processes = [p for p in net.processes if p.actor not in gone]
    kept = {p.id for p in processes}
    capacities = [c.model_copy(update={"processes": {pid: use for pid, use in c.processes.items() if pid in kept}})
                  for c in net.capacities if set(c.processes) & kept]
    return copy_network(net, {
        "actors": [a for a in net.actors if a.id not in gone],
        "supplies": [s for s in net.supplies if s.actor not in gone],
        "demands": [d for d in net.demands if d.actor not in gone],
        "processes": processes, "capacities": capacities,
        "factors": [f for f in net.factors if f.actor is None or f.actor not in gone],
        "streams": [s for s in net.streams if s.supplier not in gone and s.receiver not in gone],
        "service_links": [x for x in net.service_links
                          if x.provider not in gone and x.client not in gone and x.contractor not in gone],
        **social_without(net, gone)})


def social_without(net: Network, gone: set[str]) -> dict[str, list]:
    """The social-economy rows of ``net`` that name none of the actors in ``gone`` (a framework
    agreement loses them from its members; an agreement loses them from its enterprises)."""
    return {
        "frameworks": [f.model_copy(update={"members": tuple(m for m in f.members if m not in gone)})
                       for f in net.frameworks],
        "agreements": [a.model_copy(update={"enterprises": tuple(e for e in a.enterprises if e not in gone)})
                       for a in net.agreements if a.member not in gone],
        "member_jobs": [j for j in net.member_jobs if j.member not in gone],
        "enterprises": [e for e in net.enterprises if e.actor not in gone],
        "catalogue": [e for e in net.catalogue if e.provider not in gone],
        "labels": [x for x in net.labels if x.holder not in gone],
        "public_buyers": [b for b in net.public_buyers if b.actor not in gone],
        "workplaces": [w for w in net.workplaces if w.actor not in gone],
        "service_offers": [o for o in net.service_offers if o.provider not in gone],
        "service_needs": [n for n in net.service_needs if n.client not in gone]}


def remove_streams(net: Network, streams) -> Network:
    """``net`` without the streams whose ids are in ``streams``.

    Parameters
    ----------
    net : Network
        The network.
    streams : iterable of str
        The streams' ids.

    Returns
    -------
    Network
        The network without them.
    """
    gone = set(streams)
    return copy_network(net, {"streams": [s for s in net.streams if s.id not in gone]})


#: How a carried-forward record's method begins (see :func:`carried_forward`).
CARRIED = "recorded flow carried forward:"


def carried_forward_streams(net: Network) -> list[str]:
    """The ids of the running streams whose recorded flow a scenario carried forward to ``net.year``."""
    return [s.id for s in net.streams_in_year() if s.observed is not None
            and (s.observed.method or "").startswith(CARRIED)]


def carried_forward(net: Network, s: Stream, ratio: float, side: str) -> Stream:
    """``s`` as a later year records it, after the supply (``side`` ``"supplier"``) or demand
    (``"receiver"``) at one of its ends changed by ``ratio``: today's arrangement carried forward.

    A shrunk quantity shrinks the recorded flow with it (it cannot send or take what is not there). A
    grown quantity leaves the record as it is where the growth has a real way without the symbiosis
    (a disposal route for a supply, a purchase for a demand), so the growth is handled as it would be
    without a new deal; where it has none (wastewater that only the treatment plant takes), the
    recorded stream carries its share of the growth, up to its capacity. The record then says so."""
    if s.observed is None or ratio == 1.0:
        return s
    if ratio > 1.0:
        actor = s.supplier if side == "supplier" else s.receiver
        other_way = "disposal_cost" if side == "supplier" else "virgin_price"
        if net.factor_value(other_way, s.resource, actor=actor) is not None:
            return s
    value = s.observed.value * ratio
    if s.capacity is not None:
        value = min(value, s.capacity.value)
    change = "supply" if side == "supplier" else "demand"
    method = f"{CARRIED} x{ratio:.4g} with the scenario's change of the {change} at its {side}"
    observed = s.observed.model_copy(update={"value": value, "basis": "estimated", "method": method})
    return s.model_copy(update={"observed": observed})


def change_quantity(net: Network, target: Target, new) -> Network:
    """``net`` with one number replaced by ``new(old)``; the target must exist.

    Parameters
    ----------
    net : Network
        The network.
    target : Target
        Which number.
    new : callable
        ``new(old)``: the new value from the old, in the number's unit.

    Returns
    -------
    Network
        The network with the number changed.

    Raises
    ------
    SymbiosisError
        If the target is not there.
    """
    if target.quantity in ("supply", "demand"):
        field = "supplies" if target.quantity == "supply" else "demands"
        ratios = []
        def one(r):
            value = max(0.0, new(r.quantity.value))
            ratios.append(value / r.quantity.value if r.quantity.value > 0 else 1.0)
            return r.model_copy(update={"quantity": r.quantity.model_copy(update={"value": value})})
        rows = [one(r) if (r.actor, r.resource) == (target.actor, target.resource) else r
                for r in getattr(net, field)]
        end = "supplier" if target.quantity == "supply" else "receiver"
        if not ratios:
            return copy_network(net, {field: rows})
        at = [s.supplier for s in net.streams] if end == "supplier" else [s.receiver for s in net.streams]
        streams = [carried_forward(net, s, ratios[0], end) if a == target.actor and s.resource == target.resource
                   else s for s, a in zip(net.streams, at, strict=True)]
        return copy_network(net, {field: rows, "streams": streams})
    if target.quantity == "capacity":
        def cap(s: Stream) -> Stream:
            old = s.capacity.value if s.capacity else float("inf")
            value = max(0.0, new(old))
            if value == float("inf"):  # scaling no capacity leaves none
                return s
            if s.capacity is None:
                return s.model_copy(update={"capacity": Q(value=value, source="scenario", basis="estimated",
                                                           method="set by a scenario event")})
            observed = s.observed
            if observed is not None and observed.value > value:  # a record cannot exceed the new capacity
                observed = observed.model_copy(update={"value": value})
            return s.model_copy(update={"capacity": s.capacity.model_copy(update={"value": value}),
                                        "observed": observed})
        return copy_network(net, {"streams": [cap(s) if s.id == target.stream else s for s in net.streams]})
    rows = list(net.factors)
    hit = [k for k, f in enumerate(rows) if f.factor == target.factor and f.resource == target.resource]
    if not hit:
        raise bad_field("factor", f"the factor table has no {target.factor} for "
                        f"'{target.resource}' to change")
    k = hit[0]
    rows[k] = rows[k].model_copy(update={"value": new(rows[k].value)})
    return copy_network(net, {"factors": rows})
