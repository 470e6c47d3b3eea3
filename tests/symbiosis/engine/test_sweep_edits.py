"""Where each input sits in a compiled answer (:mod:`symbiosis.engine.edits`: found on its first edit and kept
for every further value) against the other path: the network changed and compiled again. Each kind of input
of Kalundborg and of a park with prices per company, set to both ends of its range one after the other, gives
the same right-hand sides, bounds, gains, process ratios and named costs in every answer."""

from __future__ import annotations

import numpy as np
import pytest

import symbiosis as sym
from symbiosis.engine import compile_network
from symbiosis.engine.edits import _PATH, Edit
from symbiosis.engine.sweep import InputSweep
from symbiosis.errors import FileError
from symbiosis.io import network_from_dict
from symbiosis.io.park import park_document
from symbiosis.planning.inputs import parameters

ANSWERS = ("observed", "counterfactual", "optimised")


def _changed(net, doc: dict, path: str, value: float):
    """``net`` with the number at ``path`` set to ``value``, through its document (the other path)."""
    m = _PATH.match(path)
    assert m is not None
    table, i, rest = m.group(1), int(m.group(2)), m.group(3) or ""
    row = doc[table][i]
    if table == "processes" and rest in ("unit_cost", "unit_co2e"):  # the total per unit: its own share moves
        p = net.processes[i]
        part = row["economics"]["operating_cost" if rest == "unit_cost" else "leak"]
        part["value"] += value - getattr(p, rest)
        return network_from_dict(doc)
    keys = (rest or "value").split(".")
    for k in keys[:-1]:
        row = row[k]
    if isinstance(row[keys[-1]], dict):
        row[keys[-1]]["value"] = value
    else:
        row[keys[-1]] = value
    return network_from_dict(doc)


def _cases(net, sweep: InputSweep, skip: tuple[str, ...] = ()) -> list[tuple[str, float, float]]:
    """One input of each kind (the table and the number; a factor row per factor, for every company and for one)
    but those in ``skip``, with
    both ends of its range: the first that changes something in one of the answers."""
    seen = set(skip)
    out = []
    for p in parameters(net, 0.25):
        m = _PATH.match(p.path)
        assert m is not None
        kind = f"{m.group(1)}.{(m.group(3) or '').split('.')[0]}"
        if m.group(1) == "factors" and not m.group(3):
            row = net.factors[int(m.group(2))]
            kind += row.factor + (" of one company" if row.actor else "")
        if kind in seen or all(a.changes([Edit(p.path, p.high)]).empty() for a in sweep._answers.values()):
            continue
        seen.add(kind)
        out.append((p.path, p.low, p.high))
    return out


def _same(variant, fresh) -> list[str]:
    a, b = variant.problem, fresh.problem
    out = [k for k in ("rhs", "lower", "upper", "gain", "conv_upper")
           if not np.allclose(getattr(a, k), getattr(b, k), rtol=1e-12, atol=1e-9)]
    out += [f"costs {n}" for n in b.costs if not np.allclose(a.costs[n], b.costs[n], rtol=1e-12, atol=1e-9)]
    out += [f"conv_costs {n}" for n in b.conv_costs
            if not np.allclose(a.conv_costs[n], b.conv_costs[n], rtol=1e-12, atol=1e-9)]
    if not np.allclose(a.conversion.toarray(), b.conversion.toarray(), rtol=1e-12, atol=1e-12):
        out.append("conversion")
    return out


#: The kinds of input a park of 10 companies has too (so Kalundborg's are not tried again).
_PARK = ("factors.virgin_price", "factors.disposal_cost", "factors.virgin_co2e", "factors.disposal_co2e",
         "factors.virgin_price of one company", "factors.disposal_cost of one company",
         "streams.observed", "streams.distance_km", "streams.capacity", "supplies.quantity", "demands.quantity",
         "processes.outputs", "processes.capacity")


@pytest.fixture(scope="module", params=["park", "kalundborg"])
def network(request):
    """A park with prices per company and process yields; Kalundborg for hauls, substitution ratios, joint
    capacities, process inputs, running costs and leaks (and a stream's loss)."""
    if request.param == "kalundborg":
        net = sym.load_network("kalundborg")
        sweep = InputSweep(net, {"cost": 1.0}, ANSWERS)
        return net, net.model_dump(mode="json"), sweep, _cases(net, sweep, _PARK) + [("streams[8].loss", 0.05, 0.2)]
    doc = park_document(10, processes=2, seed=5)
    net = network_from_dict(doc)
    sweep = InputSweep(net, {"cost": 1.0}, ANSWERS)
    return net, doc, sweep, _cases(net, sweep)


def test_each_input_placed_once_equals_the_network_changed_and_compiled_again(network):
    net, doc, sweep, cases = network
    assert len(cases) >= 10, cases
    for path, low, high in cases:
        tried = 0
        for end in (low, high):  # the second value on the place the first one found
            value, changed = _accepted(net, doc, path, end)
            if changed is None:
                continue
            tried += 1
            for answer in ANSWERS:
                a = sweep._answers[answer]
                got = a.variant(a.changes([Edit(path, value)]))
                assert not _same(got, compile_network(changed, answer)), (path, value, answer)
        assert tried, path


def test_a_factor_row_by_key_prices_the_arcs_a_new_row_would():
    """A convention's factor row by key (path ``factor``): a price for every company (but those with their own),
    and a price for one company that the table does not have yet, against the table changed and compiled again."""
    doc = park_document(10, processes=2, seed=5)
    net = network_from_dict(doc)
    sweep = InputSweep(net, {"cost": 1.0}, ANSWERS)
    own = {(f.resource, f.actor) for f in net.factors if f.factor == "virgin_price" and f.actor}
    row = next(f for f in net.factors if f.factor == "virgin_price" and f.actor is None
               and any(r == f.resource for r, _ in own))  # a price for every company but some that have their own
    s = next(s for s in net.streams if (s.resource, s.receiver) not in own)
    buyer = s.receiver
    new = {"factor": "virgin_price", "resource": s.resource, "actor": buyer, "value": 12.5, "unit": "DKK/t",
           "source": "@synthetic", "basis": "estimated", "method": "for the test"}
    general = _copy(doc)
    next(f for f in general["factors"] if f["factor"] == "virgin_price" and f["resource"] == row.resource
         and not f.get("actor"))["value"] = row.value * 2
    one = _copy(doc)
    one["factors"].append(new)
    for edit, fresh in ((Edit("factor", row.value * 2, row.key), general),
                        (Edit("factor", 12.5, ("virgin_price", s.resource, None, buyer)), one)):
        for answer in ANSWERS:
            a = sweep._answers[answer]
            for _ in range(2):  # the second time on the kept places
                got = a.variant(a.changes([edit]))
                assert not _same(got, compile_network(network_from_dict(fresh), answer)), (edit, answer)


def _accepted(net, doc: dict, path: str, end: float):
    """The value nearest ``end`` on the way from the number's own that the network accepts (a recorded flow at
    the end of its range may exceed a capacity), and the network changed to it; None, None if none is."""
    value = end
    for _ in range(6):
        try:
            return value, _changed(net, _copy(doc), path, value)
        except FileError:
            value = (value + float(_own(net, path))) / 2
    return None, None  # (a capacity at the recorded flow cannot go lower)


def _own(net, path: str) -> float:
    m = _PATH.match(path)
    assert m is not None
    row = getattr(net, m.group(1))[int(m.group(2))]
    rest = m.group(3) or "value"
    got = getattr(row, rest) if "." not in rest else getattr(row, rest.split(".")[0])[rest.split(".")[1]]
    return got.value if hasattr(got, "value") else got


def _copy(doc: dict) -> dict:
    import copy

    return copy.deepcopy(doc)
