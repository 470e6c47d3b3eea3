"""A stream's recorded flow and what moves with it: the balance rows that mirror it and the recorded flows it
forces up- and downstream (for the sensitivity, :mod:`symbiosis.planning.inputs`).

The receiver's demand (and the supplier's supply) that equal what the streams deliver (take) were set from
them, as their ``method`` says, so they move by the same amount (and are not varied on their own); where the
receiver has no need of its own for what arrives and one process takes it, that process runs more (or less)
and the recorded streams carrying its outputs move in proportion; where the stream is the one recorded outlet
of what its supplier makes in one process, that process's inputs move too. Where one end still cannot
balance (a limit such as a plant's fuel intake), the sweep says so.
"""

from __future__ import annotations

from symbiosis.engine import Edit
from symbiosis.model import Network

__all__ = ["mirrored", "observed_edits", "output_edits"]


def observed_edits(net: Network, i: int, value: float) -> list[Edit]:
    """The numbers that change when stream ``i``'s recorded flow is set to ``value``: the flow itself, the
    supply and demand rows that mirror it, and the recorded flows (and their mirrors) it forces up- and
    downstream."""
    item = net.streams[i]
    old = item.observed
    assert old is not None  # for the type checker: only a recorded flow is varied
    streams = _Tracked(net.streams)
    streams[i] = item.model_copy(update={"observed": old.model_copy(update={"value": value})})
    delta = value - old.value
    update = {"streams": streams} | _mirrors(net, item, delta)
    _downstream(net, item, delta, streams)
    _upstream(net, item, delta, update)
    return _diff(net, update)


def output_edits(net: Network, j: int, resource: str, more: float) -> list[Edit]:
    """The recorded flows that ``more`` of ``resource`` out of process ``j`` (at the same activity: a higher
    or lower yield) carries away: its recorded streams move in proportion to their flows, and on downstream,
    the demand rows that mirror what they deliver move with them."""
    streams = _Tracked(net.streams)
    _spread(net, net.processes[j].actor, resource, more, streams, 0)
    demands = _Tracked(net.demands)
    for k in sorted(streams.set):
        was, now = net.streams[k], streams[k]
        assert was.observed is not None and now.observed is not None  # only recorded flows are moved
        _move_mirror(net, "demands", was.receiver, was.target_resource,
                     (now.observed.value - was.observed.value) * was.gain, demands)
    return _diff(net, {"streams": streams, "supplies": _Tracked(net.supplies), "demands": demands})


def _diff(net: Network, update: dict) -> list[Edit]:
    """The numbers ``update`` (lists of streams, supplies and demands) changes in ``net``, as edits."""
    out = []
    for field, attr in (("streams", "observed"), ("supplies", "quantity"), ("demands", "quantity")):
        rows = update[field]
        for k in sorted(rows.set):
            if rows[k] is not getattr(net, field)[k]:
                out.append(Edit(f"{field}[{k}].{attr}", getattr(rows[k], attr).value))
    return out


class _Tracked:
    """A list of rows with some positions set anew: it remembers which (``set``), so that what changed is found
    without comparing every row, and copies nothing (an end of a large park's sensitivity touches a few rows
    of tens of thousands)."""

    def __init__(self, rows) -> None:
        self.rows = rows
        self.new: dict[int, object] = {}

    @property
    def set(self) -> set[int]:
        return set(self.new)

    def __getitem__(self, k):
        return self.new[k] if k in self.new else self.rows[k]

    def __setitem__(self, k, value) -> None:
        self.new[k] = value


def mirrored(net: Network, field: str, row) -> bool:
    """Whether a supply (``field`` ``supplies``) or demand row equals what the running recorded streams take
    from or deliver to it (it was set from them)."""
    total = _recorded(net, field, row.actor, row.resource)
    return total > 0 and abs(row.quantity.value - total) <= 1e-6 * total


_RUNNING: dict[int, tuple] = {}


def _running(net: Network) -> tuple[set[str], dict[tuple[str, str, str], list]]:
    """The ids of the streams running in the network's year, and those with a recorded flow by (supplier,
    resource, "out") and (receiver, resource it feeds, "in"); worked out once per network (the last one), with
    the rows' and streams' positions by the same keys and room for what :func:`_recorded` sums."""
    got = _RUNNING.get(id(net))
    if got is None or got[0] is not net:
        ends: dict[tuple[str, str, str], list] = {}
        running = net.streams_in_year()
        for s in running:
            if s.observed is not None:
                ends.setdefault((s.supplier, s.resource, "out"), []).append(s)
                ends.setdefault((s.receiver, s.target_resource, "in"), []).append(s)
        at: dict[tuple, list[int]] = {}  # ("supplies"|"demands", actor, resource) -> rows; ("out"|"in", ...) -> streams
        for field in ("supplies", "demands"):
            for k, row in enumerate(getattr(net, field)):
                at.setdefault((field, row.actor, row.resource), []).append(k)
        ids = {s.id for s in running}
        for k, s in enumerate(net.streams):
            if s.id in ids and s.observed is not None:
                at.setdefault(("out", s.supplier, s.resource), []).append(k)
                at.setdefault(("in", s.receiver, s.target_resource), []).append(k)
        _RUNNING.clear()
        got = _RUNNING[id(net)] = (net, ids, ends, at, {})
    return got[1], got[2]


def _at(net: Network, *key) -> list[int]:
    """Positions of the supply or demand rows (``"supplies"``, actor, resource), or of the running recorded
    streams leaving (``"out"``, supplier, resource) or feeding (``"in"``, receiver, resource)."""
    _running(net)
    return _RUNNING[id(net)][3].get(key, [])


def _recorded(net: Network, field: str, actor: str, resource: str) -> float:
    """What the running streams with a recorded flow take from (``supplies``) or deliver to (``demands``) one
    actor's balance of one resource (summed once per network: every end of a recorded flow asks again)."""
    ends = _running(net)[1]
    sums = _RUNNING[id(net)][4]
    key = (field, actor, resource)
    got = sums.get(key)
    if got is None:
        if field == "supplies":
            got = sums[key] = sum(s.observed.value for s in ends.get((actor, resource, "out"), ()))
        else:
            got = sums[key] = sum(s.observed.value * s.gain for s in ends.get((actor, resource, "in"), ()))
    return got


def _downstream(net: Network, stream, delta: float, streams: _Tracked, depth: int = 0) -> None:
    """Move the recorded flows that a change of ``delta`` on ``stream`` forces downstream, in place: where the
    receiver has no demand of its own for what arrives and one process takes it, that process runs more (or
    less) and the recorded streams carrying its outputs move in proportion to their flows."""
    arrive = delta * stream.gain
    receiver, resource = stream.receiver, stream.target_resource
    takers = [p for p in net.processes if p.actor == receiver and resource in p.inputs]
    own_need = bool(_at(net, "demands", receiver, resource))
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
    outlets = [k for k in _at(net, "out", supplier, resource) if streams[k].observed.value > 0]
    makers = [p for p in net.processes if p.actor == supplier and resource in p.outputs]
    own = bool(_at(net, "supplies", supplier, resource))
    if depth > 5 or own or len(makers) != 1 or len(outlets) != 1:
        return
    process = makers[0]
    activity = delta / process.outputs[resource]
    for inp, ratio in process.inputs.items():
        need = activity * ratio
        rows = _at(net, "supplies", supplier, inp)
        bringing = [k for k in _at(net, "in", supplier, inp) if streams[k].observed.value > 0]
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


def _spread(net: Network, actor: str, resource: str, more: float, streams: _Tracked, depth: int) -> None:
    """``more`` of ``resource`` leaves ``actor`` on its recorded streams, in proportion to their flows (and on
    downstream from there)."""
    carrying = [k for k in _at(net, "out", actor, resource) if streams[k].observed.value > 0]
    total = sum(streams[k].observed.value for k in carrying)
    for k in carrying:
        s = streams[k]
        move = more * s.observed.value / total
        streams[k] = s.model_copy(update={"observed": s.observed.model_copy(
            update={"value": max(0.0, s.observed.value + move)})})
        _downstream(net, s, move, streams, depth + 1)


def _move_mirror(net: Network, field: str, actor: str, resource: str, move: float, rows: _Tracked) -> None:
    """Move by ``move`` (in place in ``rows``, a copy of ``net``'s supplies or demands) the row of (``actor``,
    ``resource``) that mirrors what the recorded streams take from or deliver to it."""
    for k in _at(net, field, actor, resource):
        if mirrored(net, field, getattr(net, field)[k]):
            q = rows[k].quantity
            rows[k] = rows[k].model_copy(update={"quantity": q.model_copy(update={"value": max(0.0, q.value + move)})})


def _supply_mirror(net: Network, stream, delta: float, supplies: _Tracked) -> None:
    """The supplier's supply row that equals what its recorded streams take, moved by ``delta`` (in place)."""
    _move_mirror(net, "supplies", stream.supplier, stream.resource, delta, supplies)


def _mirrors(net: Network, stream, delta: float) -> dict:
    """The supply and demand rows that equal what the streams take from or deliver to them, moved by
    ``delta`` (times the stream's gain at the receiver)."""
    supplies, demands = _Tracked(net.supplies), _Tracked(net.demands)
    _move_mirror(net, "supplies", stream.supplier, stream.resource, delta, supplies)
    _move_mirror(net, "demands", stream.receiver, stream.target_resource, delta * stream.gain, demands)
    return {"supplies": supplies, "demands": demands}
