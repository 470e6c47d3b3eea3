"""The service assignment LP/MILP against hand-solved cases."""

import numpy as np
import pytest

from symbiosis.errors import SymbiosisError
from symbiosis.planning.assignment import assign_services, haversine_km, pairs
from symbiosis.social import social_factors
from tests.social_net import social_network

FTE_HOURS = 1924


def test_haversine_one_degree_of_latitude():
    assert haversine_km(55.0, 11.0, 56.0, 11.0) == pytest.approx(111.19, abs=0.01)
    assert haversine_km(np.array([55.0]), np.array([11.0]), np.array([55.0]), np.array([11.0]))[0] == 0


def test_fixture_assignment_by_hand():
    a = assign_services(social_network())
    # cleaning: 2,000 h at 0.5 supported share, green: 600 h at 0.8; boards' cleaning (market 290 < price 300)
    # cannot be served on market terms
    assert a.supported_fte == pytest.approx((2000 * 0.5 + 600 * 0.8) / FTE_HOURS)
    links = a.links.set_index(["provider", "client"])
    assert ("se-clean", "boards") not in links.index
    # at the same jobs, the cheaper split: pharma saves 20 DKK/h, plant about 10 - travel: pharma first
    assert links.hours["se-clean", "pharma"] == pytest.approx(1500)
    assert links.hours["se-clean", "plant"] == pytest.approx(500)
    needs = a.needs.set_index(["client", "service"])
    assert needs.from_market["boards", "cleaning"] == pytest.approx(500)
    assert (needs.cost <= needs.market_cost + 1e-6).all()
    assert a.extra_cost < 0


def _two_offer_network(price_far=300.0, share_far=0.9, lat_far=55.67 + 10 / 111.19):
    """One need (1,000 h cleaning at 300 DKK/h), a near offer at 290 (share 0.1) and a far one."""
    def edit(d):
        d["actors"].append({"id": "se-far", "name": "Far enterprise", "kind": "social_enterprise",
                            "location": {"lat": lat_far, "lon": 11.10, "source": "@test", "basis": "published"}})
        d["service_offers"] = [
            {"provider": "se-clean", "service": "cleaning", "capacity_hours": 5000, "price": 290,
             "supported_share": 0.1, "provenance": {"source": "@test", "basis": "published"}},
            {"provider": "se-far", "service": "cleaning", "capacity_hours": 5000, "price": price_far,
             "supported_share": share_far, "provenance": {"source": "@test", "basis": "published"}}]
        d["service_needs"] = [{"client": "pharma", "service": "cleaning", "hours": 1000, "market_price": 300,
                               "provenance": {"source": "@test", "basis": "published"}}]
    return social_network(edit)


def test_no_extra_cost_constraint_binds():
    net = _two_offer_network()
    pr = pairs(net, social_factors(net)).set_index("provider")
    c_far = pr.cost_per_hour["se-far"]  # 300 + 1.895 x ~10 km
    assert c_far == pytest.approx(300 + 1.895 * 10, rel=1e-3)
    a = assign_services(net)
    h = a.links.set_index("provider").hours
    # max 0.9 x_far + 0.1 x_near  s.t. x_far + x_near = 1000, (c_far - 300) x_far - 10 x_near <= 0
    x_far = 1000 * 10 / (c_far - 300 + 10)
    assert h["se-far"] == pytest.approx(x_far, rel=1e-6)
    assert h["se-clean"] == pytest.approx(1000 - x_far, rel=1e-6)
    assert a.cost == pytest.approx(a.market_cost, rel=1e-9)  # spends exactly the market cost


def test_price_above_market_is_never_bought():
    a = assign_services(_two_offer_network(price_far=301.0))
    assert list(a.links.provider) == ["se-clean"]


def test_social_value_weighs_jobs_against_cost():
    net = _two_offer_network()
    # worth little: the cheap near offer wins; worth a lot: as much far as the budget allows
    cheap = assign_services(net, social_value=1.0).links.set_index("provider").hours
    assert cheap.get("se-far", 0.0) == pytest.approx(0.0, abs=1e-6)
    rich = assign_services(net, social_value=1e7).links.set_index("provider").hours
    lex = assign_services(net).links.set_index("provider").hours
    assert rich["se-far"] == pytest.approx(lex["se-far"], rel=1e-6)


def test_min_hours_makes_a_mixed_integer_programme():
    # the far offer can only carry ~345 h within budget; a 400 h minimum contract rules it out
    a = assign_services(_two_offer_network(), min_hours=400)
    assert list(a.links.provider) == ["se-clean"]
    assert a.supported_fte == pytest.approx(1000 * 0.1 / FTE_HOURS)
    b = assign_services(_two_offer_network(), min_hours=300)
    assert set(b.links.provider) == {"se-clean", "se-far"}


def test_missing_offers_is_a_clear_error():
    net = social_network(lambda d: d.pop("service_offers"))
    with pytest.raises(SymbiosisError, match="service_offers"):
        assign_services(net)


def test_offer_from_a_company_is_rejected_at_load():
    def edit(d):
        d["service_offers"][0]["provider"] = "pharma"
    with pytest.raises(SymbiosisError, match=r"service_offers\[0\].provider: 'pharma' is of kind 'industry'"):
        social_network(edit)


def test_offers_and_needs_are_validated_with_their_paths():
    def edit(d):
        d["service_needs"].append(dict(d["service_needs"][0]))
        d["service_needs"][1]["client"] = "nobody"
    with pytest.raises(SymbiosisError) as info:
        social_network(edit)
    text = str(info.value)
    assert "service_needs[4]: 'pharma' already has 'cleaning' at service_needs[0]; merge the two" in text
    assert "service_needs[1].client: unknown actor 'nobody'" in text


# -- the catalogue as offers, and the agreements the assignment needs ---------------------------
def _catalogue_network(agreement_services=None, client="pharma", scheme="fleksjob"):
    """The hand-made network with its cleaning offer moved into the catalogue (all numbers given) and
    a catalogue entry without numbers; pharma may hold an agreement with the cleaning enterprise."""
    def edit(d):
        offer = d["service_offers"].pop(0)
        d["catalogue"] = [dict(offer, description="cleaning by people in fleksjob", **({"scheme": scheme}
                                                                                      if scheme else {})),
                          {"provider": "se-garden", "service": "snow clearing",
                           "provenance": {"source": "@test", "basis": "published"}}]
        d["frameworks"] = [{"id": "fw", "name": "Framework", "signed": 2021, "members": ["plant", "pharma", "kommune"],
                            "provenance": {"source": "@test", "basis": "published"}}]
        if agreement_services is not None:
            d["agreements"] = [{"id": "pharma-agreement", "member": client, "framework": "fw", "status": "signed",
                                "enterprises": ["se-clean"], "services": agreement_services,
                                "provenance": {"source": "@test", "basis": "published"}}]
    return social_network(edit)


def test_catalogue_entries_with_every_number_are_offers():
    from symbiosis.planning.assignment import offers

    net = _catalogue_network()
    assert [(o.provider, o.service) for o in offers(net)] == [("se-garden", "green maintenance"),
                                                              ("se-clean", "cleaning")]
    # the same hand-solved optimum as with the offer in service_offers
    assert assign_services(net).supported_fte == pytest.approx((2000 * 0.5 + 600 * 0.8) / FTE_HOURS)
    # an entry whose scheme is not recorded counts neither as jobs nor as offers (only the garden's 480 h)
    a = assign_services(_catalogue_network(scheme=None))
    assert a.supported_fte == pytest.approx(600 * 0.8 / FTE_HOURS) and a.offer_fte == 0
    assert any("se-clean in a scheme not recorded count neither" in x for x in a.not_considered)


@pytest.mark.parametrize("services, covered", [(["cleaning"], True), ([], True), (["laundry"], False), (None, False)])
def test_each_link_is_covered_by_an_agreement_or_needs_one(services, covered):
    a = assign_services(_catalogue_network(services)).agreements.set_index(["client", "provider"])
    row = a.loc[("pharma", "se-clean")]
    assert (row.agreement == "pharma-agreement") == covered
    if not covered:
        assert row.action == "new agreement: Pharma plant with Cleaning enterprise for 'cleaning', 1,500 h/yr, under fw"
    # the plant (private) has no agreement: it needs one, without the procurement note
    assert "procurement" not in a.loc[("plant", "se-clean")].action


@pytest.mark.parametrize("hours, year, status, words", [
    # 100 h x 380 DKK = 38,000 DKK/yr x 4 years = 152,000 DKK, below the 2024 threshold 1,644,638
    (100, 2024, "below threshold", "contract value 152,000 DKK below the 2024 EU threshold 1,644,638 DKK"),
    # 1,200 h x 380 = 456,000 DKK/yr x 4 = 1,824,000 DKK, above it: the assignment marks the udbud
    (1200, 2024, "udbud needed", "needs an udbud: contract value 1,824,000 DKK"),
    (100, 2026, "not checked", "procurement_threshold_subcentral 2026 not published"),
])
def test_a_public_buyers_new_contract_is_checked_against_the_threshold(hours, year, status, words):
    def edit(d):
        d["year"] = year
        d["service_offers"][1]["capacity_hours"] = 3000
        d["service_needs"].append({"client": "kommune", "service": "green maintenance", "hours": hours,
                                   "market_price": 400, "provenance": {"source": "@test", "basis": "published"}})
    a = assign_services(social_network(edit)).agreements.set_index(["client", "provider"])
    row = a.loc[("kommune", "se-garden")]
    assert row.procurement == status and words in row.action and "a public buyer (udbudsloven)" in row.action
    assert a.loc[("plant", "se-garden")].procurement == ""          # a private buyer: no procurement rules


def test_the_bundled_network_names_what_the_assignment_lacks():
    from symbiosis.io import load_network
    from symbiosis.planning.assignment import missing_inputs

    missing = missing_inputs(load_network("kalundborg"))
    assert "catalogue[0] (y-camp, gardening): give capacity_hours, price, supported_share" in missing
    assert any(m.startswith("service_needs:") for m in missing)
