"""The tornado over every input, by hand: a process yield, a loss, a distance, on answers compiled once.

The network is tests/fixtures/tiny.yaml with the gypsum calcined at the board maker (a process whose yield
of natural gypsum per t of FGD gypsum is 0.9, its sources bounding it to 0.8-1.0), the steam pipe losing a
share on the way (0, up to 25 %) and the gypsum trucked 20 km (10-30 km) at 0.5 DKK per t km.
"""

from __future__ import annotations

import pytest

import symbiosis.engine.sweep as sweep
from flows.highs import LinearModel
from symbiosis.io import network_from_dict
from symbiosis.planning.sensitivity import sensitivity
from tests.conftest import tiny_dict

EST = {"source": "@estimate", "basis": "estimated", "method": "assumed for the test"}


def _network():
    d = tiny_dict()
    d["sources"]["estimate"] = {"title": "test estimates"}
    gypsum = d["streams"][1]
    del gypsum["replaces"], gypsum["transport_cost"]
    gypsum["distance_km"] = {"value": 20, **EST, "range": [10, 30]}
    d["streams"][0]["loss"] = {"value": 0.0, **EST, "range": [0.0, 0.25]}
    d["processes"] = [{"id": "calciner", "actor": "boards", "name": "Calciner", "activity_unit": "t gypsum",
                       "inputs": {"gypsum": 1.0}, "outputs": {"natural-gypsum": 0.9},
                       "ratio_ranges": {"natural-gypsum": [0.8, 1.0]},
                       "capacity": {"value": 1000, "source": "@test", "basis": "published"},
                       "ratios": EST}]
    d["factors"].append({"factor": "transport_cost", "mode": "truck", "value": 0.5, "unit": "DKK/(t km)", **EST,
                         "range": [0.5, 0.5]})
    return network_from_dict(d, "x.yaml")


@pytest.fixture(scope="module")
def run():
    compiles, runs = [], LinearModel.runs
    real = sweep.compile_network

    def counted(net, answer="optimised", candidates=False):
        compiles.append(answer)
        return real(net, answer, candidates)

    sweep.compile_network = counted
    try:
        base, tab = sensitivity(_network())
    finally:
        sweep.compile_network = real
    return base, tab.set_index("path"), compiles, LinearModel.runs - runs


def test_a_yield_moves_the_saving_by_what_it_makes(run):
    base, tab, _, _ = run
    # 40 t of FGD gypsum calcined: 40 x y t of natural gypsum the board maker does not buy at 100 DKK/t
    # (without the symbiosis it buys all 60 t): the saving moves 4,000 DKK per unit of yield
    row = tab.loc["processes[0].outputs.natural-gypsum"]
    assert (row.low, row.high, row.range) == (0.8, 1.0, "stated")
    assert row.cost_saved_at_low - base["cost_saved"] == pytest.approx(-400)
    assert row.cost_saved_at_high - base["cost_saved"] == pytest.approx(400)
    assert row.co2e_avoided_swing == pytest.approx(40 * 0.2 * 0.01)  # natural gypsum's 0.01 t CO2e/t


def test_a_loss_on_the_way_is_bought_back(run):
    base, tab, _, _ = run
    # 70 t of steam sent; a loss of 25 % leaves 17.5 t the pharma plant buys at 200 DKK/t and 0.2 t CO2e/t
    row = tab.loc["streams[0].loss"]
    assert row.cost_saved_at_low == pytest.approx(base["cost_saved"])
    assert row.cost_saved_at_high - base["cost_saved"] == pytest.approx(-17.5 * 200)
    assert row.co2e_avoided_at_high - base["co2e_avoided"] == pytest.approx(-17.5 * 0.2 - 0.0)


def test_a_distance_moves_the_transport_of_the_recorded_flow(run):
    base, tab, _, _ = run
    # 40 t trucked 10 km further at 0.5 DKK and 0.0001 t CO2e per t km
    row = tab.loc["streams[1].distance_km"]
    assert row.cost_saved_at_high - base["cost_saved"] == pytest.approx(-40 * 10 * 0.5)
    assert row.cost_saved_at_low - base["cost_saved"] == pytest.approx(40 * 10 * 0.5)
    assert row.co2e_avoided_swing == pytest.approx(-40 * 20 * 0.0001)


def test_each_answer_is_compiled_once_and_a_price_of_fixed_flows_needs_no_solve(run):
    _, tab, compiles, runs = run
    assert sorted(compiles) == ["counterfactual", "observed"]  # once per structure, whatever the inputs
    # at most one solve per answer and end, and none for inputs that only price fixed flows (the distance)
    assert runs <= 2 + 2 * 2 * len(tab)
    before = LinearModel.runs
    s = sweep.InputSweep(_network(), {"cost": 1.0}, ("observed", "counterfactual"))
    solved = LinearModel.runs
    assert solved - before == 2
    s.totals([sweep.Edit("streams[1].distance_km", 30.0)])
    assert LinearModel.runs == solved


def test_an_edit_on_the_compiled_answer_equals_a_recompiled_network():
    """The levers against the other path: the network changed and compiled again."""
    net = _network()
    changed = net.replace(processes=(net.processes[0].model_copy(update={"outputs": {"natural-gypsum": 0.8}}),),
                          streams=(net.streams[0].model_copy(update={"loss": 0.1}),
                                   net.streams[1].model_copy(update={"distance_km": 25.0})))
    edits = [sweep.Edit("processes[0].outputs.natural-gypsum", 0.8), sweep.Edit("streams[0].loss", 0.1),
             sweep.Edit("streams[1].distance_km", 25.0)]
    w = {"cost": 1.0}
    levers = sweep.InputSweep(net, w, ("observed", "counterfactual", "optimised")).totals(edits)
    fresh = sweep.InputSweep(changed, w, ("observed", "counterfactual", "optimised")).totals([])
    for answer in fresh:
        for name in ("cost", "co2e"):
            assert levers[answer][name] == pytest.approx(fresh[answer][name], abs=1e-6)


def test_a_ratio_range_must_name_an_input_or_output_and_be_a_range():
    from tests.conftest import problem_at

    d = _network().model_dump(mode="json")
    d["processes"][0]["ratio_ranges"] = {"steam": [0.5, 1.0]}
    problem_at(d, "processes[0]", "ratio_ranges names 'steam'", "valid: gypsum, natural-gypsum")
    d["processes"][0]["ratio_ranges"] = {"natural-gypsum": [1.0, 0.8]}
    problem_at(d, "processes[0]", "is not a range")


def test_a_generated_park_is_compiled_once_per_answer(monkeypatch):
    """Every input of a park (recorded flows, capacities, distances, quantities, prices, process ratios) on the
    same two compiled answers, with at most one LP per answer and end."""
    from symbiosis.io.park import park

    net = park(12, streams_per_company=2.0, processes=2, seed=3)
    compiles = []
    real = sweep.compile_network
    monkeypatch.setattr(sweep, "compile_network", lambda n, a="optimised", c=False: compiles.append(a) or real(n, a, c))
    runs = LinearModel.runs
    base, tab = sensitivity(net)
    assert sorted(compiles) == ["counterfactual", "observed"]
    assert LinearModel.runs - runs <= 2 + 4 * len(tab)
    kinds = {p.split("[")[0] + (p.rsplit(".", 1)[-1] if "." in p else "") for p in tab.path}
    assert {"streamsobserved", "streamsdistance_km", "factors"} <= kinds


@pytest.mark.parametrize("answers", [("observed", "counterfactual"), ("observed", "counterfactual", "optimised")])
def test_a_change_the_basis_certifies_needs_no_lp_and_equals_the_lp(answers):
    """A supply, a demand and a recorded flow moved a little keep the base optimum's basis: the screen answers
    without an LP, the same as a network changed and solved again."""
    net = _network()
    w = {"cost": 1.0}
    s = sweep.InputSweep(net, w, answers)
    edits = [sweep.Edit("supplies[0].quantity", 104.0), sweep.Edit("demands[1].quantity", 58.0),
             sweep.Edit("streams[0].observed", 68.0)]
    before = LinearModel.runs
    got = s.totals(edits)
    if "optimised" not in answers:
        assert LinearModel.runs == before  # no LP: the basis says where the change goes
    q = lambda row, v: row.model_copy(update={"quantity": row.quantity.model_copy(update={"value": v})})  # noqa: E731
    changed = net.replace(supplies=(q(net.supplies[0], 104.0), net.supplies[1]),
                          demands=(net.demands[0], q(net.demands[1], 58.0)),
                          streams=(net.streams[0].model_copy(update={"observed": net.streams[0].observed.model_copy(
                              update={"value": 68.0})}), net.streams[1]))
    fresh = sweep.InputSweep(changed, w, answers).totals([])
    for answer in answers:
        for name in ("cost", "co2e"):
            assert got[answer][name] == pytest.approx(fresh[answer][name], abs=1e-6)
