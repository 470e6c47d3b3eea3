"""Economy and environment per actor and per stream, checked against hand arithmetic.

The network (examples/social-economy.yaml): a plant sends 70 t steam to pharma
(virgin steam 200 DKK/t, 0.2 t CO2e/t) and 40 t gypsum to a board maker by
truck (10 DKK/t, 10 km at 0.0001 t CO2e/(t km)), replacing natural gypsum
(100 DKK/t, 0.01 t CO2e/t); gypsum disposal costs 50 DKK/t and 0.005 t CO2e/t.
Counterfactual: pharma buys 80 t steam (16,000 DKK), boards 60 t gypsum
(6,000 DKK), the plant disposes 50 t gypsum (2,500 DKK): 24,500 DKK.
Observed: 10 t steam (2,000) + 20 t gypsum (2,000) + 10 t disposed (500) +
transport 400 = 4,900 DKK. Saved 19,600 DKK/yr.
"""

import pytest

import symbiosis as sym
from symbiosis.accounting.indicators import INDICATORS
from symbiosis.accounting.ledger import actor_costs
from symbiosis.accounting.savings import actor_savings, savings
from symbiosis.accounting.score import score
from symbiosis.accounting.streams import stream_values
from tests.social_net import social_network


@pytest.fixture(scope="module")
def ev():
    return sym.evaluate(social_network())


def test_network_totals_by_hand(ev):
    s = savings(ev.observed, ev.counterfactual, ev.network)
    assert s["cost_saved"] == pytest.approx(19_600)
    # 80x0.2 + 60x0.01 + 50x0.005 - (10x0.2 + 20x0.01 + 10x0.005 + 40x10x0.0001)
    assert s["co2e_avoided"] == pytest.approx(16.85 - 2.29)
    assert s["virgin_avoided:natural-gypsum:as-delivered"] == pytest.approx(40)  # natural gypsum 60 -> 20 t
    assert s["diverted:gypsum:as-delivered"] == pytest.approx(40)  # gypsum disposed 50 -> 10 t
    assert s["groundwater_saved"] == 0
    materials = {k for k in s if ":" in k}  # per material and basis, never one total of unlike tonnes
    assert set(s) - materials == {i.key for i in INDICATORS}


def test_per_actor_split_by_hand(ev):
    pa = actor_savings(ev.observed, ev.counterfactual, ev.network).set_index("actor")
    assert pa.cost_saved["pharma"] == pytest.approx(14_000)  # 16,000 - 2,000
    assert pa.cost_saved["boards"] == pytest.approx(4_000)  # 6,000 - 2,000
    assert pa.cost_saved["plant"] == pytest.approx(1_600)  # 2,500 - (500 disposal + 400 transport)
    assert pa.co2e_avoided["plant"] == pytest.approx(0.25 - 0.05 - 0.04)
    assert pa.cost_saved["se-clean"] == 0


def test_transport_payer_moves_the_cost(ev):
    pa = actor_savings(ev.observed, ev.counterfactual, ev.network, transport_payer="receiver").set_index("actor")
    assert pa.cost_saved["plant"] == pytest.approx(2_000)
    assert pa.cost_saved["boards"] == pytest.approx(3_600)


@pytest.mark.parametrize("mode", ["observed", "optimised", "counterfactual"])
def test_per_actor_columns_sum_to_the_totals(ev, mode):
    result = ev.result(mode)
    costs = actor_costs(result, ev.network)
    for name, total in result.totals.items():
        assert costs[name].sum() == pytest.approx(total, abs=1e-9)
    pa = actor_savings(result, ev.counterfactual, ev.network)
    s = savings(result, ev.counterfactual, ev.network)
    for key in ("cost_saved", "co2e_avoided", "groundwater_saved"):
        assert pa[key].sum() == pytest.approx(s[key], abs=1e-9)


def test_per_stream_values_and_fair_price(ev):
    st = stream_values(ev.observed, ev.counterfactual, ev.network).set_index("stream")
    assert st.value_money["steam-to-pharma"] == pytest.approx(70 * 200)
    assert st.value_money["gypsum-to-boards"] == pytest.approx(40 * 100 + 40 * (50 - 10))
    # receiver gains 100 - p, supplier 50 - 10 + p: equal at p = 30
    assert st.fair_price["gypsum-to-boards"] == pytest.approx(30)
    assert st.fair_price["steam-to-pharma"] == pytest.approx(100)
    assert st.co2e_avoided["gypsum-to-boards"] == pytest.approx(40 * 0.01 + 40 * (0.005 - 0.001))
    assert st.value_money.sum() == pytest.approx(19_600)  # no processes: streams add up to the total


def test_company_view_lists_large_members_only(ev):
    t = score(ev)
    view = t.company.set_index("actor")
    assert sorted(view.index) == ["pharma", "plant"]  # boards (120) is no member; kommune has no count
    assert t.company_unknown == ["kommune"]
    assert view.supported_persons["pharma"] == 2  # the 3 ordinary staff are not counted
    assert view.supported_fte["plant"] == pytest.approx(0.25 + 2.0)
    assert view.co2e_avoided["pharma"] == pytest.approx(14)
    assert view.cost_saved["plant"] == pytest.approx(1_600)


def test_score_gathers_the_social_line(ev):
    t = score(ev)
    assert t.indicators["supported_persons"] == 6
    assert t.indicators["supported_fte"] == pytest.approx(4.25)
    assert t.indicators["supported_hours"] == pytest.approx(1924 + 481 + 2 * 1924 + 1924)
    # 2 of 3 members buy, the kommune unknown: not known (at least 2/3), never shown as a value
    assert t.indicators["framework_coverage"] is None
    # (fleksjob 217,285.42 + småjob 61,357.49 of benefits avoided + tax gained - subsidies, kommune and state)
    # x 0.75^3 (deadweight, attribution, displacement); worked in tests/symbiosis/social/test_social.py
    assert t.indicators["public_value"] == pytest.approx(0.75 ** 3 * (217_285.42 + 61_357.49), abs=0.05)
    assert t.indicators["agreement_coverage"] is None
    assert t.indicators["supported_share"] is None       # no member's own staff recorded


def test_sym_evaluate_still_callable_after_importing_the_module():
    import symbiosis.evaluation  # noqa: F401  (sets the package attribute to the module)

    assert sym.evaluate(social_network()).observed.totals["cost"] == pytest.approx(4_900)


def test_bundled_kalundborg_per_actor_split_is_exact_with_processes():
    from symbiosis.io import load_network

    net = load_network("kalundborg")
    ev = sym.evaluate(net)
    for mode in ("observed", "optimised"):
        costs = actor_costs(ev.result(mode), net)
        for name, total in ev.result(mode).totals.items():
            assert costs[name].sum() == pytest.approx(total, rel=1e-9, abs=1e-6)
    t = score(ev)
    view = t.company.set_index("actor")
    assert "novo-nordisk" in view.index and view.employees["novo-nordisk"] == 3200  # symbiosis.dk: "about 3,200"
    # the bicycle contract: two young people through Y-Camp, neither in a published supporting scheme
    assert view.supported_persons["novo-nordisk"] == 0
    assert t.coverage["with_supplier"] == ["novo-nordisk"]
    assert t.coverage["status"]["novo-nordisk"][0] == "yes"
    from symbiosis.present.social_wording import words

    assert "Fri BikeShop Kalundborg with Y-Camp Kalundborg as its social-economy partner" in \
        words(t.coverage["status"]["novo-nordisk"][1])
    assert set(t.coverage["unknown"]) == set(t.coverage["members"]) - {"novo-nordisk"} and not t.coverage["no"]


def test_avoided_emissions_have_their_own_section_and_no_total():
    """Issue 26: the company view let Novo Nordisk read 34,915 t 'avoided' beside its inventory figures.
    Avoided emissions now have their own section with the GHG Protocol / ESRS E1 wording and no total."""
    from click.testing import CliRunner

    from symbiosis.cli import main

    out = CliRunner().invoke(main, ["score", "kalundborg"], terminal_width=250).output
    company = out[out.index("Company view"):out.index("Avoided emissions per company")]
    assert "CO2e" not in company and "38,677" not in company
    section = out[out.index("Avoided emissions per company"):]
    assert "38,677" in section.split("Avoided emissions are not part")[0]  # 34,915 before one scope (issue 26)
    assert "GHG Protocol" in section and "ESRS E1" in section and "never summed across companies" in section
    assert "total" not in section.split("Avoided emissions are not part")[0].lower()
