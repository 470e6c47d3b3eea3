"""The three answers for tiny.yaml, solved by hand.

tiny: the plant has 100 t steam and 50 t FGD gypsum; the pharma plant needs 80 t
steam (virgin 200 DKK/t, 0.2 t CO2e/t); the board maker needs 60 t natural gypsum
(virgin 100 DKK/t, 0.01 t CO2e/t). Gypsum disposal costs 50 DKK/t (0.005 t CO2e/t),
steam disposal nothing. Steam stream: observed 70, capacity 90, free. Gypsum
stream: observed 40, no capacity, 10 DKK/t by truck.

- observed: 10 t virgin steam (2000) + 20 t natural gypsum (2000) + 10 t gypsum
  disposed (500) + 40 t x 10 transport (400) = 4900 DKK; 2 + 0.2 + 0.05 = 2.25 t CO2e.
- counterfactual: 80 x 200 + 60 x 100 + 50 x 50 = 24500 DKK; 16 + 0.6 + 0.25 = 16.85 t.
- optimised: steam 80 (limited by demand), gypsum 50 (x 10 = 500) + 10 natural
  (1000) = 1500 DKK; 0.1 t CO2e.
"""

from __future__ import annotations

import re

import pytest

from symbiosis.engine import compile_network, solve_network
from symbiosis.errors import SymbiosisError
from symbiosis.evaluation import evaluate
from symbiosis.io import load_network, network_from_dict
from symbiosis.objectives import objective_weights
from tests.conftest import TINY, tiny_dict

PROV = {"source": "@test", "basis": "published"}


@pytest.fixture(scope="module")
def ev():
    return evaluate(load_network(TINY))


def build(d: dict):
    return network_from_dict(d, "x.yaml")


def flows(result) -> dict[str, float]:
    return dict(zip(result.streams.stream, result.streams.flow, strict=True))


def table(df, value: str = "quantity") -> dict[tuple[str, str], float]:
    return {(a, r): v for a, r, v in zip(df.actor, df.resource, df[value], strict=True)}


# -- the three answers ------------------------------------------------------------------------

def test_observed(ev):
    r = ev.observed
    assert r.totals["cost"] == pytest.approx(4900)
    assert r.totals["co2e"] == pytest.approx(2.25)
    assert flows(r) == {"steam-to-pharma": 70, "gypsum-to-boards": 40}
    assert table(r.virgin) == {("pharma", "steam"): pytest.approx(10), ("boards", "natural-gypsum"): pytest.approx(20)}
    assert table(r.disposal) == {("plant", "steam"): pytest.approx(30), ("plant", "gypsum"): pytest.approx(10)}
    assert table(r.virgin, "cost_money") == {("pharma", "steam"): pytest.approx(2000),
                                           ("boards", "natural-gypsum"): pytest.approx(2000)}
    assert r.streams.transport_cost_money.tolist() == [0, 400]
    assert r.totals["virgin_material"] == pytest.approx(20)  # steam is energy, not material
    assert r.totals["disposed"] == pytest.approx(10)


def test_counterfactual(ev):
    r = ev.counterfactual
    assert r.totals["cost"] == pytest.approx(80 * 200 + 60 * 100 + 50 * 50)
    assert r.totals["cost"] == pytest.approx(24500)
    assert r.totals["co2e"] == pytest.approx(16.85)
    assert flows(r) == {"steam-to-pharma": 0, "gypsum-to-boards": 0}
    assert table(r.virgin) == {("pharma", "steam"): 80, ("boards", "natural-gypsum"): 60}
    assert table(r.disposal) == {("plant", "steam"): 100, ("plant", "gypsum"): 50}


def test_optimised(ev):
    r = ev.optimised
    assert r.totals["cost"] == pytest.approx(1500)
    assert r.totals["co2e"] == pytest.approx(0.1)
    assert flows(r) == {"steam-to-pharma": pytest.approx(80), "gypsum-to-boards": pytest.approx(50)}
    assert table(r.virgin) == {("boards", "natural-gypsum"): pytest.approx(10)}
    assert table(r.disposal) == {("plant", "steam"): pytest.approx(20)}
    assert r.streams.delivered.tolist() == pytest.approx([80, 50])
    assert r.streams.replaces.tolist() == ["steam", "natural-gypsum"]
    assert r.answer == "optimised"


def test_savings(ev):
    opt, obs = ev.savings("optimised"), ev.savings("observed")
    assert opt["cost_saved"] == pytest.approx(23000)
    assert obs["cost_saved"] == pytest.approx(19600)
    assert opt["co2e_avoided"] == pytest.approx(16.75)
    assert obs["co2e_avoided"] == pytest.approx(14.6)
    assert opt["virgin_avoided:natural-gypsum:as-delivered"] == pytest.approx(50)
    assert obs["virgin_avoided:natural-gypsum:as-delivered"] == pytest.approx(40)
    assert opt["diverted:gypsum:as-delivered"] == pytest.approx(50)
    assert opt["groundwater_saved"] == 0
    assert opt["supported_persons"] is None   # no service link or member job recorded: not known, never 0


def test_prices_are_duals(ev):
    prices = table(ev.optimised.prices, "value_per_unit")
    # one t less FGD gypsum at the plant: one t more natural gypsum (100) minus one trip less (10)
    assert prices[("plant", "gypsum")] == pytest.approx(90)
    # one t more needed at the board maker is bought virgin
    assert prices[("boards", "natural-gypsum")] == pytest.approx(100)
    # in the observed answer, one t of gypsum less at the plant is one t less disposed of
    assert table(ev.observed.prices, "value_per_unit")[("plant", "gypsum")] == pytest.approx(-50)


def test_social_savings_count_supported_persons():
    d = tiny_dict()
    d["actors"].append({"id": "social", "name": "Social", "kind": "social_enterprise",
                        "location": {"lat": 55.6, "lon": 11.1, **PROV}})
    d["service_links"] = [
        {"id": "canteen", "provider": "social", "client": "pharma", "service": "canteen", "start": 2010,
         "provenance": PROV, "supported": [{"scheme": "fleksjob", "persons": 3, "fte": 1.5, "provenance": PROV},
                                           {"scheme": "ordinary", "persons": 4, "fte": 4, "provenance": PROV}]},
        {"id": "laundry", "provider": "social", "client": "plant", "service": "laundry", "start": 2021,
         "provenance": PROV, "supported": [{"scheme": "småjob", "persons": 2, "provenance": PROV}]},
    ]
    s = evaluate(build(d)).savings()
    assert s["supported_persons"] == 3  # 'ordinary' and the link starting after 2020 do not count
    assert s["supported_fte"] == 1.5


# -- changes -------------------------------------------------------------------------------------

def test_changes_lists_every_difference(ev):
    ch = ev.changes()
    rows = {(r.what, r.item, r.supplier, r.resource): (r.observed, r.optimised) for r in ch.itertuples()}
    assert rows == {
        ("stream", "steam-to-pharma", "plant", "steam"): (70, pytest.approx(80)),
        ("stream", "gypsum-to-boards", "plant", "gypsum"): (40, pytest.approx(50)),
        ("virgin purchase", "", "pharma", "steam"): (pytest.approx(10), 0),
        ("virgin purchase", "", "boards", "natural-gypsum"): (pytest.approx(20), pytest.approx(10)),
        ("disposal", "", "plant", "steam"): (pytest.approx(30), pytest.approx(20)),
        ("disposal", "", "plant", "gypsum"): (pytest.approx(10), 0),
    }
    assert ch.change.tolist() == pytest.approx([10, 10, -10, -10, -10, -10])


def test_changes_leaves_out_what_stays():
    d = tiny_dict()
    d["streams"][0]["observed"]["value"] = 80  # the steam stream is already optimal
    ch = evaluate(build(d)).changes()
    assert [(r.what, r.supplier, r.resource) for r in ch.itertuples()] == [
        ("stream", "plant", "gypsum"), ("virgin purchase", "boards", "natural-gypsum"), ("disposal", "plant", "gypsum")]


def test_no_changes_when_observed_is_optimal():
    d = tiny_dict()
    d["streams"][0]["observed"]["value"] = 80
    d["streams"][1]["observed"]["value"] = 50
    ev = evaluate(build(d))
    assert ev.changes().empty
    assert ev.savings("observed") == ev.savings("optimised")


# -- objectives ----------------------------------------------------------------------------------

def dear_trucks(carbon_value: float | None = None) -> dict:
    """tiny with gypsum trucking at 200 DKK/t: sending a t costs 50 DKK more than it saves
    (disposal 50 + natural gypsum 100) but avoids 0.015 t CO2e (0.005 + 0.01)."""
    d = tiny_dict()
    d["streams"][1]["transport_cost"] = 200
    if carbon_value is not None:
        d["factors"].append({"factor": "carbon_value", "value": carbon_value, "unit": "DKK/t CO2e", **PROV})
    return d


def test_cost_objective_stops_a_dear_stream():
    r = evaluate(build(dear_trucks())).optimised
    assert flows(r) == {"steam-to-pharma": pytest.approx(80), "gypsum-to-boards": 0}
    assert r.totals["cost"] == pytest.approx(60 * 100 + 50 * 50)


def test_co2e_objective_keeps_it():
    ev = evaluate(build(dear_trucks()), objective="co2e")
    r = ev.optimised
    assert flows(r) == {"steam-to-pharma": pytest.approx(80), "gypsum-to-boards": pytest.approx(50)}
    assert r.totals["co2e"] == pytest.approx(0.1)
    assert r.totals["cost"] == pytest.approx(50 * 200 + 10 * 100)
    assert ev.objective == "co2e"
    # the optimised answer has the least CO2e of the three
    assert r.totals["co2e"] <= ev.observed.totals["co2e"] <= ev.counterfactual.totals["co2e"]


@pytest.mark.parametrize("carbon_value,sent", [(5000, 50), (1000, 0)])
def test_weighted_objective_uses_carbon_value(carbon_value, sent):
    # sending a t: +50 DKK, -0.015 t CO2e; worth it above 50 / 0.015 = 3333 DKK/t CO2e
    ev = evaluate(build(dear_trucks(carbon_value)), objective="weighted")
    assert ev.weights == {"cost": 1.0, "co2e": carbon_value}
    assert flows(ev.optimised)["gypsum-to-boards"] == pytest.approx(sent)


def test_weighted_objective_without_carbon_value():
    net = build(dear_trucks())
    with pytest.raises(SymbiosisError) as info:
        evaluate(net, objective="weighted")
    assert "carbon_value" in str(info.value)
    assert info.value.problems[0].path == "factors"


def test_custom_weights():
    ev = evaluate(build(dear_trucks()), weights={"cost": 1, "co2e": 5000})
    assert ev.objective == "custom"
    assert flows(ev.optimised)["gypsum-to-boards"] == pytest.approx(50)


def test_unknown_weight_and_objective():
    net = build(tiny_dict())
    with pytest.raises(SymbiosisError, match="unknown weight"):
        objective_weights(net, weights={"cots": 1})
    with pytest.raises(SymbiosisError, match="unknown objective 'money'"):
        objective_weights(net, "money")



def test_weighted_needs_a_carbon_value_only_where_something_emits():
    d = tiny_dict()  # tiny has CO2e factors and no carbon value: the weighted objective cannot weigh them
    with pytest.raises(SymbiosisError, match=r"needs a 'carbon_value' factor \(DKK per t CO2e\)"):
        objective_weights(build(d), "weighted")
    d["factors"] = [f for f in d["factors"] if not f["factor"].endswith("_co2e")]
    assert objective_weights(build(d), "weighted") == {"cost": 1.0}  # nothing emits: CO2e is 0 everywhere


# -- what the compiler honours -----------------------------------------------------------------------

def test_loss_and_substitution_ratio():
    d = tiny_dict()
    d["streams"][0]["loss"] = 0.1  # 10% of the steam is lost on the way
    d["streams"][1]["substitution_ratio"] = 0.9  # 1 t FGD gypsum replaces 0.9 t natural
    ev = evaluate(build(d))
    opt = ev.optimised.streams.set_index("stream")
    assert opt.flow["steam-to-pharma"] == pytest.approx(80 / 0.9)  # within the capacity of 90
    assert opt.delivered["steam-to-pharma"] == pytest.approx(80)
    assert opt.flow["gypsum-to-boards"] == pytest.approx(50)
    assert opt.delivered["gypsum-to-boards"] == pytest.approx(45)
    assert ev.optimised.totals["cost"] == pytest.approx(50 * 10 + 15 * 100)
    # observed: 70 sent, 63 arrive, 17 bought
    assert table(ev.observed.virgin)[("pharma", "steam")] == pytest.approx(17)


def test_transport_from_factor_table_and_distance():
    d = tiny_dict()
    del d["streams"][1]["transport_cost"]
    d["streams"][1]["distance_km"] = 20
    d["factors"].append({"factor": "transport_cost", "mode": "truck", "value": 0.5, "unit": "DKK/(t km)", **PROV})
    r = evaluate(build(d)).optimised
    assert r.totals["cost"] == pytest.approx(1500)  # 0.5 x 20 = 10 DKK/t, as before
    assert r.totals["co2e"] == pytest.approx(0.1 + 50 * 20 * 0.0001)


def test_capacity_limits_the_optimum():
    d = tiny_dict()
    d["streams"][0]["capacity"]["value"] = 75
    d["streams"][0]["observed"]["value"] = 70
    r = evaluate(build(d)).optimised
    assert flows(r)["steam-to-pharma"] == pytest.approx(75)
    assert r.totals["cost"] == pytest.approx(1500 + 5 * 200)
    assert table(r.prices, "value_per_unit")[("pharma", "steam")] == pytest.approx(200)


def test_historic_and_candidate_streams_are_left_out():
    d = tiny_dict()
    d["streams"][0].update(status="historic", end=2010)
    d["streams"][1]["status"] = "candidate"
    ev = evaluate(build(d))
    assert ev.optimised.streams.empty
    assert ev.optimised.totals["cost"] == pytest.approx(24500)


def test_process():
    """An on-site boiler at the pharma plant: 1 t biomass -> 3 t steam + 0.1 t ash (disposed of
    at 100 DKK/t), at most 10 t a year, 30 DKK/t to run. The board maker's 20 t of wood waste
    (disposal 40 DKK/t) come by truck at 5 DKK/t. The pharma plant now needs 120 t steam; the steam pipe carries 90.
    Optimised: 90 t steam by pipe, 10 t biomass burnt for the other 30 t:
    1500 (gypsum, as before) + 10 x (30 + 5) + 10 t wood disposed x 40 + 1 t ash x 100 = 2350 DKK."""
    d = tiny_dict()
    d["resources"].append({"id": "biomass", "name": "Wood waste", "unit": "t", "category": "fuel"})
    d["resources"].append({"id": "ash", "name": "Boiler ash", "unit": "t", "category": "waste"})
    d["supplies"].append({"actor": "boards", "resource": "biomass", "quantity": {"value": 20, **PROV}})
    d["demands"][0]["quantity"]["value"] = 120
    d["processes"] = [{"id": "boiler", "actor": "pharma", "name": "Biomass boiler", "activity_unit": "t biomass",
                       "inputs": {"biomass": 1}, "outputs": {"steam": 3, "ash": 0.1}, "capacity": {"value": 10, **PROV},
                       "operating_cost": 30, "ratios": PROV}]
    d["streams"].append({"id": "wood-to-pharma", "supplier": "boards", "receiver": "pharma", "resource": "biomass",
                         "mode": "truck", "transport_cost": 5})
    d["factors"].append({"factor": "disposal_cost", "resource": "biomass", "value": 40, "unit": "DKK/t", **PROV})
    d["factors"].append({"factor": "disposal_cost", "resource": "ash", "value": 100, "unit": "DKK/t", **PROV})
    ev = evaluate(build(d))
    opt = ev.optimised
    assert opt.processes.set_index("process").activity["boiler"] == pytest.approx(10)
    assert flows(opt) == {"steam-to-pharma": pytest.approx(90), "gypsum-to-boards": pytest.approx(50),
                          "wood-to-pharma": pytest.approx(10)}
    assert ("pharma", "steam") not in table(opt.virgin)
    assert table(opt.disposal)[("boards", "biomass")] == pytest.approx(10)
    assert table(opt.disposal)[("pharma", "ash")] == pytest.approx(1)
    assert opt.totals["cost"] == pytest.approx(2350)
    assert opt.totals["disposed"] == pytest.approx(1)  # ash is waste in t; wood is fuel, not counted
    # observed: no wood is recorded, so the boiler has nothing to burn; 50 t steam bought
    assert ev.observed.processes.activity.tolist() == [0]
    assert table(ev.observed.virgin)[("pharma", "steam")] == pytest.approx(50)


def test_compiled_problem_is_balanced_by_the_solution():
    import flows

    net = load_network(TINY)
    for mode in ("observed", "counterfactual", "optimised"):
        c = compile_network(net, mode)
        sol = flows.solve(c.problem)
        assert abs(c.problem.residual(sol.flow, sol.activity)).max() < 1e-7
        assert list(zip(c.nodes.actor, c.nodes.resource, strict=True)) == [
            ("plant", "steam"), ("plant", "gypsum"), ("pharma", "steam"), ("boards", "natural-gypsum")]
    with pytest.raises(ValueError, match="answer"):
        compile_network(net, "wishful")


# -- infeasible networks ----------------------------------------------------------------------------

def test_observed_flow_above_demand_is_infeasible():
    d = tiny_dict()
    d["supplies"][1]["quantity"]["value"] = 80  # enough gypsum to send 70
    d["streams"][1]["observed"]["value"] = 70  # but the board maker needs only 60
    net = build(d)
    solve_network(net, "optimised")  # the optimiser is free to send less
    with pytest.raises(SymbiosisError) as info:
        evaluate(net)
    err = info.value
    assert "observed" in err.summary
    assert err.file == "x.yaml"
    [p] = err.problems
    assert p.path == "streams[1]"
    assert "boards" in p.message and "'natural-gypsum'" in p.message
    assert "receives 10 t" in p.message and "demand of 60 t" in p.message
    assert "x.yaml: streams[1]: Board maker (boards)" in str(err)


def test_observed_flow_above_supply_and_demand():
    d = tiny_dict()
    d["streams"][1]["observed"]["value"] = 70  # the plant has 50, the board maker needs 60
    with pytest.raises(SymbiosisError) as info:
        evaluate(build(d))
    found = {(p.path, re.search(r"\((\w+)\)", p.message).group(1)) for p in info.value.problems}
    assert found == {("streams[1]", "plant"), ("streams[1]", "boards")}
    text = str(info.value)
    assert "lacks 20 t of 'gypsum'" in text
    assert "receives 10 t of 'natural-gypsum'" in text


def test_demand_nothing_can_meet_is_infeasible():
    d = tiny_dict()
    d["resources"].append({"id": "water", "name": "Cooling water", "unit": "m3", "category": "water"})
    d["demands"].append({"actor": "pharma", "resource": "water", "quantity": {"value": 100, **PROV}})
    net = build(d)
    for mode in ("observed", "counterfactual", "optimised"):
        with pytest.raises(SymbiosisError) as info:
            solve_network(net, mode)
        [p] = info.value.problems
        assert p.path == "demands[2]"
        assert "pharma" in p.message and "'water'" in p.message
        assert "100 m3" in p.message and "virgin_price" in p.message
        assert info.value.file == "x.yaml"


def test_infeasible_error_without_a_file():
    """A network built in Python has no file; the error still names actor, resource and path."""
    from symbiosis.model import Network

    d = tiny_dict()
    d["streams"][1]["observed"]["value"] = 70
    d["supplies"][1]["quantity"]["value"] = 80
    with pytest.raises(SymbiosisError) as info:
        solve_network(Network.model_validate(d), "observed")
    assert info.value.file is None
    assert str(info.value).splitlines()[1].startswith("streams[1]: Board maker (boards)")


def test_package_evaluate_keeps_working_after_the_submodule_is_imported():
    """``sym.evaluate`` is shadowed by the submodule ``symbiosis.evaluation`` once it is imported."""
    import importlib

    import symbiosis as sym

    importlib.import_module("symbiosis.evaluation")
    net = load_network(TINY)
    first = sym.evaluate(net)
    second = sym.evaluate(net, objective="co2e")
    assert first.optimised.totals["cost"] == pytest.approx(1500)
    assert second.objective == "co2e"


def test_network_without_flows():
    """Actors only (say, a network of service links still being mapped): every answer is zero."""
    d = tiny_dict()
    d["supplies"], d["demands"], d["streams"] = [], [], []
    ev = evaluate(build(d))
    assert ev.optimised.totals["cost"] == 0 and ev.counterfactual.totals["co2e"] == 0
    assert ev.savings()["cost_saved"] == 0
    assert ev.changes().empty


def test_compile_reads_the_factor_table_once_per_mode_not_per_stream(monkeypatch):
    """compile_network prices every stream and boundary arc at once (issue 28 item 3): the factor look-ups do
    not grow with the park, and the costs are those of :func:`transport`, :func:`haul` and the factor table
    row by row (a park with transport by distance and per-company virgin prices)."""
    import numpy as np

    from symbiosis.engine.compiled import BOUNDARY_FACTORS, haul, transport
    from symbiosis.io.park import park
    from symbiosis.model import Network

    net = park(60, seed=4)
    calls = []
    for name in ("factor_value", "factor_row"):
        real = getattr(Network, name)
        monkeypatch.setattr(Network, name, lambda self, *a, _real=real, **k: calls.append(1) or _real(self, *a, **k))
    c = compile_network(net)
    assert len(calls) <= 20  # the modes, not the 240 streams and hundreds of boundary arcs
    monkeypatch.undo()
    p, arcs = c.problem, c.arcs
    streams = {s.id: s for s in net.streams}
    at = np.flatnonzero(arcs.kind.to_numpy() == "stream")
    for name, factor in (("cost", "transport_cost"), ("co2e", "transport_co2e")):
        expected = [transport(net, streams[r], factor) for r in arcs.ref.to_numpy()[at]]
        assert p.costs[name][at].tolist() == expected
    assert any(p.costs["cost"][at] > 0)
    for kind, factors in BOUNDARY_FACTORS.items():
        at = np.flatnonzero(arcs.kind.to_numpy() == kind)
        ends = list(zip(arcs.actor.to_numpy()[at], arcs.resource.to_numpy()[at], strict=True))
        for name, factor in factors.items():
            expected = [net.factor_value(factor, r, default=0.0, actor=a)
                        + (haul(net, net.factor_row(factors["cost"], r, actor=a), name) if name != "groundwater"
                           else 0.0) for a, r in ends]
            assert p.costs[name][at].tolist() == expected
    actors_with_own = {f.actor for f in net.factors if f.actor is not None}
    assert actors_with_own & set(arcs.actor[arcs.kind == "virgin"])  # the per-company prices are exercised
