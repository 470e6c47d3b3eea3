"""Relays and hubs (issue 24, item 5): a steam main between two suppliers and two receivers.

The tiny network with a steam main (``main`` relays steam): the plant sends 100 t into it (10 % lost on
the way: 90 t arrive), a boiler house 30 t (no loss); the main passes 80 t on to pharma and 40 t to the
board maker (5 % lost on that leg: 38 t arrive), 2 DKK/t charged on each leg leaving it. In the main:
90 + 30 = 120 t arrive, 80 + 40 = 120 t leave.

Per pair: the plant's share of every unit in the main is 90/120 = 0.75, the boiler's 0.25; of what each
sends, 80/120 goes on to pharma and 40/120 to the board maker.
"""

from __future__ import annotations

import pytest

import symbiosis as sym
from symbiosis.accounting.relays import relay_balance, relay_pairs
from symbiosis.io import network_from_dict
from tests.conftest import problem_at, tiny_dict

PUB = {"source": "@test", "basis": "published"}
LOC = {"lat": 55.67, "lon": 11.09, **PUB}


def _main(d=None):
    d = d or tiny_dict()
    d["actors"] += [{"id": "main", "name": "Steam main", "kind": "utility", "location": LOC, "relays": ["steam"]},
                    {"id": "boiler", "name": "Boiler house", "kind": "utility", "location": LOC}]
    d["supplies"].append({"actor": "boiler", "resource": "steam", "quantity": {"value": 30, **PUB}})
    d["demands"].append({"actor": "boards", "resource": "steam", "quantity": {"value": 38, **PUB}})
    d["streams"][0] = {"id": "plant-to-main", "supplier": "plant", "receiver": "main", "resource": "steam",
                       "loss": 0.1, "observed": {"value": 100, **PUB}}
    d["streams"] += [
        {"id": "boiler-to-main", "supplier": "boiler", "receiver": "main", "resource": "steam",
         "observed": {"value": 30, **PUB}},
        {"id": "main-to-pharma", "supplier": "main", "receiver": "pharma", "resource": "steam",
         "transport_cost": 2, "observed": {"value": 80, **PUB}},
        {"id": "main-to-boards", "supplier": "main", "receiver": "boards", "resource": "steam", "loss": 0.05,
         "transport_cost": 2, "observed": {"value": 40, **PUB}}]
    return d


@pytest.fixture(scope="module")
def ev():
    return sym.evaluate(network_from_dict(_main(), "main.yaml"))


def test_the_relay_balances(ev):
    for answer in ("observed", "optimised", "counterfactual"):
        b = relay_balance(ev.result(answer), ev.network)
        assert b.arrived.iloc[0] == pytest.approx(b.left.iloc[0], abs=1e-6)
    b = relay_balance(ev.observed, ev.network)
    assert (b.arrived.iloc[0], b.left.iloc[0]) == pytest.approx((120, 120))
    # the main buys and disposes of nothing: every ledger row at it is a stream
    var = ev.observed.variables
    assert set(var[var.actor == "main"].kind) == {"stream"}


def test_the_pairs_add_up_by_hand(ev):
    p = relay_pairs(ev.observed, ev.network).set_index(["supplier", "receiver"])
    assert p.delivered[("plant", "pharma")] == pytest.approx(0.75 * 80)
    assert p.delivered[("boiler", "pharma")] == pytest.approx(0.25 * 80)
    assert p.delivered[("plant", "boards")] == pytest.approx(0.75 * 38)
    assert p.delivered[("boiler", "boards")] == pytest.approx(0.25 * 38)
    assert p.sent[("plant", "pharma")] == pytest.approx(100 * 80 / 120)
    assert p.sent[("boiler", "boards")] == pytest.approx(30 * 40 / 120)
    # per supplier, sent adds up to its stream; per receiver, delivered to what arrives there
    assert p.sent.groupby("supplier").sum().to_dict() == pytest.approx({"plant": 100, "boiler": 30})
    assert p.delivered.groupby("receiver").sum().to_dict() == pytest.approx({"pharma": 80, "boards": 38})
    assert p.lost.sum() == pytest.approx(130 - 118)  # 10 t on the plant's leg, 2 t on the board maker's
    assert p.lost[("boiler", "pharma")] == pytest.approx(0)


def test_charges_of_the_legs_leaving_the_relay_fall_on_it(ev):
    from symbiosis.accounting.ledger import actor_costs

    costs = actor_costs(ev.observed, ev.network)
    assert costs.cost["main"] == pytest.approx(2 * (80 + 40))  # its charge per t passed on


def test_observed_flows_that_do_not_balance_at_the_relay_are_named():
    from symbiosis.errors import SymbiosisError

    d = _main()
    d["streams"][-1]["observed"]["value"] = 50  # 130 t leave, 120 arrive
    net = network_from_dict(d, "main.yaml")
    with pytest.raises(SymbiosisError) as err:
        sym.evaluate(net)
    assert "main" in str(err.value) and "cannot balance" in str(err.value)


def test_a_relay_needs_streams_both_ways_and_a_known_resource():
    d = _main()
    d["actors"][-2]["relays"] = ["steem"]
    problem_at(d, "actors[3].relays[0]", "unknown resource 'steem'")
    d = tiny_dict()
    d["actors"][0]["relays"] = ["gypsum"]  # the plant: gypsum leaves it by stream, none arrives
    problem_at(d, "actors[0].relays[0]", "no stream brings it")


def test_without_the_relay_declared_the_streams_through_it_are_refused():
    d = _main()
    del d["actors"][-2]["relays"]
    problem_at(d, "streams[3].resource", "'main' has no supply", "declare 'relays: [steam]' on it")


def test_simulate_reports_the_pairs(tmp_path):
    import json

    import yaml
    from click.testing import CliRunner

    from symbiosis.cli import main

    path = tmp_path / "main.yaml"
    path.write_text(yaml.safe_dump(_main(), allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(main, ["simulate", str(path), "--objective", "cost"])
    assert out.exit_code == 0, out.output
    text = out.output[out.output.index("Through relays"):]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if line.startswith("│")]
    assert ["Steam main", "Power plant -> Pharma plant", "67 t", "60 t", "6.67 t"] in rows, rows
    data = json.loads(CliRunner().invoke(main, ["simulate", str(path), "--objective", "cost", "--format",
                                                "json"]).output)
    assert sum(r["delivered"] for r in data["relay_pairs"]["observed"]) == pytest.approx(118)
