"""Stream values and fair prices read from the ledger, and the additivity of streams and non-stream terms.

tests/fixtures/boilers.yaml, by hand. A power plant has 100 MWh of surplus steam (its cooling tower
costs 3 DKK/MWh); a pharma plant needs 80 MWh and a dairy 50 MWh, each with an own gas boiler and no
steam market. Pharma's boiler: 4 DKK + 1.25 MWh of gas at pharma's own 300 DKK = 379 DKK and
1.25 x 0.2 = 0.25 t CO2e per MWh of steam. The dairy's: 2 DKK + 1.1 MWh of gas at 250 DKK plus a
10 km truck haul at 0.5 DKK/(MWh km) = 1.1 x 255 + 2 = 282.5 DKK and 0.22 t CO2e per MWh.

- plant -> pharma, 60 MWh, transport 10 DKK/MWh: 60 x (379 + 3 - 10) = 22,320 DKK, 15 t CO2e; fair
  price (supplier pays transport) (379 - 3 + 10) / 2 = 193 DKK/MWh (each side gains 186).
- plant -> dairy, 30 MWh, transport 6: 30 x (282.5 + 3 - 6) = 8,385 DKK, 6.6 t; fair price
  (282.5 - 3 + 6) / 2 = 142.75.
- Counterfactual: 80 x 379 + 50 x 282.5 + 100 x 3 = 44,745; observed: 20 x 379 + 20 x 282.5 + 10 x 3
  + 60 x 10 + 30 x 6 = 14,040. Saved 30,705 = 22,320 + 8,385: no term beside the streams.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import symbiosis as sym
from symbiosis.accounting.score import score
from symbiosis.accounting.streams import STREAM_COLUMNS, stream_accounts
from symbiosis.cli import main
from symbiosis.results import NAMED_COSTS
from symbiosis.scenario import load_scenario
from symbiosis.scenario.loading import is_scenario_file
from symbiosis.viz.data import stream_table
from tests.paths import EXAMPLES, FIXTURES

BOILERS = FIXTURES / "boilers.yaml"


def score_json(*args) -> dict:
    out = CliRunner().invoke(main, ["score", *[str(a) for a in args], "--format", "json"])
    assert out.exit_code == 0, out.output
    return json.loads(out.output)


def test_steam_from_own_boilers_is_valued_by_hand():
    d = score_json(BOILERS)
    st_ = {r["stream"]: r for r in d["per_stream"]["observed"]}
    assert st_["steam-plant-pharma"]["value_money"] == pytest.approx(22_320)
    assert st_["steam-plant-pharma"]["co2e_avoided"] == pytest.approx(15)
    assert st_["steam-plant-pharma"]["fair_price"] == pytest.approx(193)
    assert st_["steam-plant-dairy"]["value_money"] == pytest.approx(8_385)
    assert st_["steam-plant-dairy"]["co2e_avoided"] == pytest.approx(6.6)
    assert st_["steam-plant-dairy"]["fair_price"] == pytest.approx(142.75)
    assert "process pharma-boiler" in st_["steam-plant-pharma"]["alternative"]
    assert d["per_stream_terms"]["observed"] == []  # every difference is a stream's
    assert d["scores"]["observed"]["cost_saved"] == pytest.approx(30_705)


def test_fair_price_when_the_receiver_pays_transport():
    ev = sym.evaluate(sym.load_network(BOILERS))
    v = stream_accounts(ev.observed, ev.counterfactual, ev.network, "receiver").values.set_index("stream")
    # receiver gains 379 - 10 - p, supplier 3 + p: equal at p = 183
    assert v.fair_price["steam-plant-pharma"] == pytest.approx((379 - 3 - 10) / 2)


def test_kalundborg_biomass_is_worth_its_real_route():
    """The fermentation residues' route is spreading on farmland: -50.5 DKK/t at 2023 prices (the N, an
    income) plus a 50 km haul by truck at 1 DKK/(t km) = -0.5 DKK/t, the actor's own row with the haul (not
    the bare -50.5), by pipe at 0 DKK to the biogas plant, which has no other source of them: 150,000 t x
    -0.5 = -75,000 DKK each."""
    d = score_json("kalundborg")
    st_ = {r["stream"]: r for r in d["per_stream"]["observed"]}
    for name in ("biomass-novo-nordisk-kb", "biomass-novozymes-kb"):
        assert st_[name]["value_money"] == pytest.approx(150_000 * (-50.5 + 50 * 1.0))
        assert st_[name]["fair_price"] == pytest.approx(0.5 / 2)  # the receiver pays the supplier 0.25 DKK/t
    # the steam's next-best source is the receivers' purchase, its cost the power station's wood chips
    assert st_["steam-orsted-novo-nordisk"]["value_money"] != 0
    assert "process orsted-chp-steam" in st_["steam-orsted-novo-nordisk"]["alternative"]


#: every network the tests know, by name; loaded by the test that uses it (a network loaded while collecting
#: would be loaded by every xdist worker)
NETWORKS = ["kalundborg", "kalundborg-2000", "boilers", "tiny", *sorted(p.name for p in EXAMPLES.glob("*.yaml"))]


def _network(label: str):
    if label in ("kalundborg", "kalundborg-2000"):
        return sym.load_network(label)
    if label in ("boilers", "tiny"):
        return sym.load_network(FIXTURES / f"{label}.yaml")
    path = EXAMPLES / label
    return load_scenario(path).base if is_scenario_file(path) else sym.load_network(path)


def assert_adds_up(ev, answer: str) -> None:
    """Per named cost: streams + non-stream terms = the headline saving (counterfactual - answer), to solver
    tolerance; and the headline is the indicators' saving."""
    a = stream_accounts(ev.result(answer), ev.counterfactual, ev.network)
    saved = ev.savings(answer)
    for name in NAMED_COSTS:
        col = STREAM_COLUMNS[name]
        total = a.values[col].sum() + a.terms[col].sum()
        scale = max(1.0, abs(a.values[col]).sum() + abs(a.terms[col]).sum())
        assert total == pytest.approx(a.headline[name], abs=1e-7 * scale), (name, answer)
        assert a.remainder[name] == pytest.approx(0, abs=1e-7 * scale)
    for key, name in (("cost_saved", "cost"), ("co2e_avoided", "co2e"), ("groundwater_saved", "groundwater")):
        assert saved[key] == pytest.approx(a.headline[name], abs=1e-9)


@pytest.mark.parametrize("label", NETWORKS)
def test_streams_and_terms_add_up_to_the_saving(label):
    ev = sym.evaluate(_network(label))
    for answer in ("observed", "optimised"):
        assert_adds_up(ev, answer)


@pytest.mark.parametrize("name", ["boilers.yaml", "tiny.yaml"])
def test_simple_networks_need_no_term(name):
    ev = sym.evaluate(sym.load_network(FIXTURES / name))
    assert stream_accounts(ev.observed, ev.counterfactual, ev.network).terms.empty


@settings(max_examples=8, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cost=st.floats(0.0, 10.0), co2e=st.floats(0.0, 5000.0), water=st.floats(0.0, 50.0),
       which=st.sampled_from(["boilers.yaml", "tiny.yaml", "water-reuse.yaml"]))
def test_additivity_holds_for_any_objective(cost, co2e, water, which):
    weights = {"cost": cost + 1e-3, "co2e": co2e, "groundwater": water}
    path = FIXTURES / which if (FIXTURES / which).exists() else EXAMPLES / which
    assert_adds_up(sym.evaluate(sym.load_network(path), weights=weights), "optimised")


def test_the_page_reads_the_same_values_as_score():
    ev = sym.evaluate(sym.load_network("kalundborg"))
    page = stream_table(ev.network, ev.observed, ev.counterfactual).set_index("stream").value_money
    scored = score(ev).per_stream.set_index("stream").value_money
    assert page.to_dict() == pytest.approx(scored.to_dict())


def test_a_term_names_its_cause_and_score_prints_it():
    """The biogas plant digests the 300,000 t of residues only with the symbiosis; its electricity, 0.021 MWh
    per t = 6,300 MWh/yr, is no stream's route or source, so it is a term of its own."""
    ev = sym.evaluate(sym.load_network("kalundborg"))
    terms = stream_accounts(ev.observed, ev.counterfactual, ev.network).terms.set_index(["kind", "actor", "item"])
    row = terms.loc[("virgin", "kalundborg-bioenergi", "electricity")]
    assert row.quantity == pytest.approx(300_000 * 0.021)
    assert row.value_money < 0 and "+6,300 MWh" in row.cause and "in no stream's value" in row.cause
    out = CliRunner().invoke(main, ["score", "kalundborg"], env={"COLUMNS": "300", "LINES": None})
    text = " ".join(out.output.split())
    assert "not a stream: virgin electricity bought (Kalundborg Bioenergi) +6,300 MWh" in text
    assert "saving (the sum)" in text
    assert "remainder: the ledger's rows" not in text  # streams and terms leave only solver noise
