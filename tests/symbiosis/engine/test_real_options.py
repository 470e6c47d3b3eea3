"""Only real options: routes, hauls at both ends, joint capacities, contracts, baseline streams, processes
that say where their energy comes from, and ties kept as recorded. Hand-checked on the tiny network."""

from __future__ import annotations

import pytest

from symbiosis.engine import compile_network, solve_network
from symbiosis.errors import SymbiosisError
from symbiosis.evaluation import evaluate
from symbiosis.io import network_from_dict
from tests.conftest import error_text, problems_of, tiny_dict

PUB = {"source": "@test", "basis": "published"}


def build(d: dict):
    return network_from_dict(d, "x.yaml")


def _factor(d: dict, factor: str, resource: str):
    return next(f for f in d["factors"] if (f["factor"], f.get("resource")) == (factor, resource))


# -- routes -------------------------------------------------------------------------------------------
def test_a_residual_without_a_route_has_no_disposal():
    d = tiny_dict()
    d["factors"] = [f for f in d["factors"] if not f["factor"].startswith("disposal")]
    d["demands"][0]["quantity"]["value"] = 100  # all 100 t of steam can be used
    c = compile_network(build(d), "optimised")
    assert not (c.arcs.kind == "disposal").any()


def test_a_route_of_one_actor_is_that_actors_only():
    d = tiny_dict()
    d["resources"].append({"id": "water", "name": "Water", "unit": "m3", "category": "water"})
    d["supplies"] += [{"actor": "plant", "resource": "water", "quantity": {"value": 5, **PUB}},
                      {"actor": "boards", "resource": "water", "quantity": {"value": 5, **PUB}}]
    d["factors"].append({"factor": "disposal_cost", "resource": "water", "actor": "plant", "value": 2,
                         "unit": "DKK/m3", "route": "to the fjord under the plant's permit", **PUB})
    with pytest.raises(SymbiosisError) as info:  # the board maker's water has nowhere to go
        solve_network(build(d), "observed")
    assert "Board maker (boards) receives 5 m3 of 'water'" in str(info.value)
    assert "give it a real route: a disposal_cost factor for 'water'" in str(info.value)
    d["supplies"].pop()
    net = build(d)
    c = compile_network(net, "optimised")
    water = c.arcs[(c.arcs.kind == "disposal") & (c.arcs.resource == "water")]
    assert list(water.actor) == ["plant"]
    assert solve_network(net, "observed").totals["cost"] - solve_network(build(tiny_dict()), "observed").totals[
        "cost"] == pytest.approx(10)


def test_the_haul_to_the_disposal_site_is_counted():
    d = tiny_dict()
    _factor(d, "disposal_cost", "gypsum").update(route="landfill", haul_km=30)
    d["factors"].append({"factor": "transport_cost", "mode": "truck", "value": 1.0, "unit": "DKK/(t km)", **PUB})
    before = solve_network(build(tiny_dict()), "counterfactual").totals
    after = solve_network(build(d), "counterfactual").totals
    # 50 t of gypsum landfilled, hauled 30 km at 1 DKK/(t km) and 0.0001 t CO2e/(t km)
    assert after["cost"] - before["cost"] == pytest.approx(50 * 30 * 1.0)
    assert after["co2e"] - before["co2e"] == pytest.approx(50 * 30 * 0.0001)


# -- processes ------------------------------------------------------------------------------------------
def _heat_pump(d: dict, gains_from: str | None) -> dict:
    d["resources"] += [{"id": "heat", "name": "Heat", "unit": "MWh", "category": "energy"},
                       {"id": "power", "name": "Power", "unit": "MWh", "category": "energy"}]
    d["processes"] = [{"id": "hp", "actor": "plant", "name": "Heat pump", "activity_unit": "MWh heat",
                       "inputs": {"power": 0.33}, "outputs": {"heat": 1.0}, "capacity": {"value": 10, **PUB},
                       "ratios": PUB, **({"gains_from": gains_from} if gains_from else {})}]
    return d


def test_a_process_may_not_make_energy_from_nothing():
    problems = problems_of(_heat_pump(tiny_dict(), None))
    assert any(p.path == "processes[0].outputs" and "from nothing" in p.message and "gains_from" in p.message
               for p in problems)


def test_a_process_that_says_where_the_rest_comes_from_is_accepted():
    net = build(_heat_pump(tiny_dict(), "ambient heat"))
    assert net.processes[0].gains_from == "ambient heat"


def test_steam_counted_in_t_is_not_mass():
    d = tiny_dict()
    d["resources"].append({"id": "biomass", "name": "Biomass", "unit": "t", "category": "fuel"})
    d["processes"] = [{"id": "boiler", "actor": "plant", "name": "Boiler", "activity_unit": "t biomass",
                       "inputs": {"biomass": 1.0}, "outputs": {"steam": 3.0}, "capacity": {"value": 10, **PUB},
                       "ratios": PUB}]
    build(d)  # 3 t of steam from 1 t of fuel: the water is not modelled, so no mass is made from nothing


# -- joint capacities and contracts -------------------------------------------------------------------
def test_a_joint_capacity_binds_two_processes_together():
    d = _heat_pump(tiny_dict(), "ambient heat")
    d["processes"].append({**d["processes"][0], "id": "hp2", "name": "Second heat pump"})
    d["demands"].append({"actor": "plant", "resource": "heat", "quantity": {"value": 15, **PUB}})
    d["factors"] += [{"factor": "virgin_price", "resource": "heat", "value": 500, "unit": "DKK/MWh", **PUB},
                     {"factor": "virgin_price", "resource": "power", "value": 100, "unit": "DKK/MWh", **PUB}]
    alone = solve_network(build(d), "optimised").processes.set_index("process").activity
    assert alone.sum() == pytest.approx(15)
    d["capacities"] = [{"id": "site", "name": "Site grid connection", "unit": "MWh heat",
                        "processes": {"hp": 1.0, "hp2": 1.0}, "capacity": {"value": 12, **PUB}}]
    shared = solve_network(build(d), "optimised")
    assert shared.processes.activity.sum() == pytest.approx(12)  # the other 3 MWh are bought
    assert shared.virgin.set_index("resource").quantity["heat"] == pytest.approx(3)


def _contract(kind: str, until: int, minimum: float | None = None) -> dict:
    d = tiny_dict()
    d["factors"].append({"factor": "virgin_price", "resource": "natural-gypsum", "value": 0.01, "unit": "DKK/t",
                         **PUB})
    d["factors"] = [f for f in d["factors"] if not (f["factor"] == "virgin_price" and f["resource"] ==
                                                    "natural-gypsum" and f["value"] == 100)]
    _factor(d, "disposal_cost", "gypsum")["value"] = 0  # landfill is free here: only a contract keeps the truck
    contract = {"kind": kind, "until": until, "provenance": PUB}
    if minimum is not None:
        contract["minimum"] = {"value": minimum, **PUB}
    d["streams"][1]["contract"] = contract
    return d


def test_a_take_or_pay_contract_holds_the_stream_up_until_it_ends():
    # natural gypsum is nearly free, so without a contract the trucked gypsum stream stops
    free = solve_network(build(_contract("take_or_pay", 2019)), "optimised").streams.set_index("stream")
    assert free.flow["gypsum-to-boards"] == pytest.approx(0)
    bound = solve_network(build(_contract("take_or_pay", 2030)), "optimised").streams.set_index("stream")
    assert bound.flow["gypsum-to-boards"] == pytest.approx(40)  # at least the recorded flow


def test_a_fixed_contract_holds_the_stream_at_its_minimum():
    d = _contract("fixed", 2030, minimum=30)
    d["factors"] = [f for f in d["factors"] if f["factor"] != "virgin_price" or f["resource"] != "natural-gypsum"]
    d["factors"].append({"factor": "virgin_price", "resource": "natural-gypsum", "value": 1000, "unit": "DKK/t",
                         **PUB})
    st = solve_network(build(d), "optimised").streams.set_index("stream")
    assert st.flow["gypsum-to-boards"] == pytest.approx(30)  # no more, though more would pay


def test_a_contract_needs_a_running_stream_and_a_minimum_within_capacity():
    d = tiny_dict()
    d["streams"][0]["contract"] = {"kind": "take_or_pay", "until": 2030, "minimum": {"value": 95, **PUB},
                                   "provenance": PUB}
    assert "exceeds the capacity 90" in error_text(d)


# -- baseline streams and ties ----------------------------------------------------------------------
def test_a_baseline_stream_stays_open_without_the_symbiosis():
    d = tiny_dict()
    d["factors"] = [f for f in d["factors"] if (f["factor"], f.get("resource")) != ("disposal_cost", "steam")]
    d["demands"][0]["quantity"]["value"] = 100
    d["streams"][0]["capacity"]["value"] = 100
    d["streams"][0]["observed"]["value"] = 100
    with pytest.raises(SymbiosisError, match="steam"):  # nowhere to go once the stream is closed
        solve_network(build(d), "counterfactual")
    d["streams"][0]["baseline"] = True
    cf = solve_network(build(d), "counterfactual").streams.set_index("stream")
    assert cf.flow["steam-to-pharma"] == pytest.approx(100)


def test_a_tie_keeps_the_recorded_flows():
    d = tiny_dict()
    d["actors"].append({**d["actors"][1], "id": "pharma2", "name": "Second pharma plant"})
    d["demands"].append({"actor": "pharma2", "resource": "steam", "quantity": {"value": 20, **PUB}})
    d["streams"].append({**d["streams"][0], "id": "steam-to-pharma2", "receiver": "pharma2",
                         "observed": {"value": 20, **PUB}, "capacity": {"value": 100, **PUB}})
    d["streams"][0]["capacity"]["value"] = 100
    d["supplies"][0]["quantity"]["value"] = 100
    d["demands"][0]["quantity"]["value"] = 80
    d["streams"][0]["observed"]["value"] = 70
    ev = evaluate(build(d))
    st = ev.optimised.streams.set_index("stream")
    # 100 t of steam for 100 t of needs: both streams full; the optimiser only adds the missing 10 t
    assert st.flow["steam-to-pharma"] == pytest.approx(80)
    assert st.flow["steam-to-pharma2"] == pytest.approx(20)
