"""Lenses hold every indicator once and add up; the composite index shows its normalisation and weights."""

import math

import pytest

import symbiosis as sym
from symbiosis.accounting.indicators import INDICATOR, INDICATORS
from symbiosis.accounting.lenses import KALUNDBORG, KOLDING, LENSES, Lens, composite
from symbiosis.accounting.score import score
from symbiosis.errors import SymbiosisError
from tests.social_net import social_network


@pytest.fixture(scope="module")
def values():
    ev = sym.evaluate(social_network())
    return score(ev).indicators


@pytest.mark.parametrize("lens", list(LENSES.values()), ids=list(LENSES))
def test_lens_totals_equal_the_indicators_beneath_them(lens, values):
    totals = lens.totals(values)
    for row in totals.itertuples():
        keys = row.indicators.split(", ")
        assert all(lens.group_of(k) == row.group and INDICATOR[k].unit == row.unit for k in keys)
        assert row.total == pytest.approx(sum(values[k] for k in keys))
    # over the whole lens, each additive indicator is counted exactly once per unit
    for unit in {i.unit for i in INDICATORS if i.additive}:
        expected = sum(values[i.key] for i in INDICATORS if i.additive and i.unit == unit)
        assert totals[totals.unit == unit].total.sum() == pytest.approx(expected)
    table = lens.table(values)
    assert sorted(table.key) == sorted(i.key for i in INDICATORS)


def test_kalundborg_lens_is_the_three_lines_and_kolding_splits_people_companies_society():
    assert {k: KALUNDBORG.group_of(k) for k in INDICATOR} == {i.key: i.line for i in INDICATORS}
    assert KOLDING.group_of("supported_persons") == "people"
    assert KOLDING.group_of("cost_saved") == "companies"
    assert KOLDING.group_of("public_value") == "society"


def test_a_lens_must_hold_every_indicator():
    with pytest.raises(ValueError, match="exactly once"):
        Lens("bad", "", {"economy": ("cost_saved",)})


def _answers():
    base = {i.key: 0.0 for i in INDICATORS}
    obs = dict(base, cost_saved=50.0, co2e_avoided=10.0, supported_fte=2.0)
    opt = dict(base, cost_saved=100.0, co2e_avoided=40.0, supported_fte=2.0)
    return {"counterfactual": base, "observed": obs, "optimised": opt}


def test_minmax_composite_by_hand():
    comp, index = composite(_answers(), KALUNDBORG)
    obs = index.set_index("answer").loc["observed"]
    assert obs.economy == pytest.approx(0.5)  # (50 - 0) / (100 - 0)
    assert obs.environment == pytest.approx(0.25)  # co2e only: the other three have no spread
    assert obs.social == pytest.approx(1.0)  # supported_fte 2 of max 2; others no spread
    assert obs["index"] == pytest.approx((0.5 + 0.25 + 1.0) / 3)
    assert index.attrs["method"] == "minmax" and index.attrs["group_weights"] == {
        "economy": 1.0, "environment": 1.0, "social": 1.0}
    c = comp.set_index(["answer", "key"])
    assert c.normalised["observed", "cost_saved"] == pytest.approx(0.5)
    assert math.isnan(c.normalised["observed", "groundwater_saved"])  # shown, left out of the mean


def test_weighted_composite_by_hand():
    _, index = composite(_answers(), KALUNDBORG, group_weights={"economy": 2, "environment": 1, "social": 1},
                         weights={"supported_fte": 1})
    obs = index.set_index("answer").loc["observed"]
    assert obs["index"] == pytest.approx((2 * 0.5 + 0.25 + 1.0) / 4)


def test_target_composite_by_hand():
    _, index = composite(_answers(), KOLDING, method="target",
                         targets={"cost_saved": 200.0, "co2e_avoided": 20.0, "supported_fte": 1.0})
    i = index.set_index("answer")
    assert i.companies["observed"] == pytest.approx(0.25)  # 50 / 200
    assert i.society["optimised"] == pytest.approx(1.0)  # 40 / 20 capped at 1
    assert i.people["observed"] == pytest.approx(1.0)
    assert i["index"]["observed"] == pytest.approx((1.0 + 0.25 + 0.5) / 3)


@pytest.mark.parametrize("kwargs, message", [
    ({"method": "zscore"}, "unknown normalisation 'zscore'"),
    ({"method": "target"}, "needs targets"),
    ({"group_weights": {"planet": 1}}, r"unknown group \['planet'\]"),
    ({"weights": {"cost_saved": -1}}, "not negative"),
])
def test_composite_errors_name_the_option(kwargs, message):
    with pytest.raises(SymbiosisError, match=message):
        composite(_answers(), KALUNDBORG, **kwargs)
