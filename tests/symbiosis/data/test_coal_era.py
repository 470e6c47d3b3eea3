"""The coal era cleaned (issue 26, finding 6): each artefact of ``kalundborg-2000`` has its own test.

Before: steam from the condensing units was free, the ATS replaced mineral nitrogen, the cement works'
demand was set equal to the whole ash supply, the refinery gas was a bare assumption, Soilrem had an
invented 15 t N demand and the steam supply was the sum of the recorded streams, so the optimiser
'recommended' changes that were artefacts of the data.
"""

from __future__ import annotations

import pytest

import symbiosis as sym
from symbiosis.accounting.conventions import conventions
from symbiosis.evaluation import evaluate

OBJECTIVES = ("cost", "co2e", "weighted")


@pytest.fixture(scope="module")
def net():
    return sym.load_network("kalundborg-2000")


@pytest.fixture(scope="module")
def ev(net):
    return evaluate(net, "cost")


def _stream(net, sid):
    return next(s for s in net.streams if s.id == sid)


def _quantity(rows, actor, resource):
    return next(r.quantity for r in rows if r.actor == actor and r.resource == resource)


def _power_sold(result):
    d = result.disposal
    return float(d[(d.actor == "asnaes") & (d.resource == "electricity")].quantity.sum())


def test_extracted_steam_costs_the_power_it_would_have_made(net, ev):
    """Steam taken for the partners no longer runs through the low-pressure turbine: 0.19 MWh of power
    per t (a sourced power-loss ratio) is lost, at the spot price and the 2000 grid margin's factor."""
    lp = next(p for p in net.processes if p.id == "asnaes-lp-turbine")
    assert lp.inputs == {"steam": 1.0} and lp.outputs == {"electricity": pytest.approx(0.19)}
    assert "@wikipedia-power-loss-factor" in lp.ratios.based_on
    assert net.factor_row("disposal_cost", "steam") is None, "steam has no free 'condensed' route any more"
    steam = sum(s.observed.value for s in net.streams if s.resource == "steam" and s.status == "active")
    assert steam == pytest.approx(580_000)
    lost = _power_sold(ev.counterfactual) - _power_sold(ev.observed)
    assert lost == pytest.approx(580_000 * 0.19)  # 110,200 MWh
    price = net.factor_value("disposal_cost", "electricity")
    credit = net.factor_value("disposal_co2e", "electricity")
    assert (price, credit) == (pytest.approx(-643), pytest.approx(-0.855))
    # the power's share of the savings, by hand: 70.9 million DKK and 94,221 t CO2e less than free steam
    d_obs, d_cf = ev.observed.disposal, ev.counterfactual.disposal
    pick = (lambda d: d[(d.actor == "asnaes") & (d.resource == "electricity")])
    assert pick(d_obs).cost_money.sum() - pick(d_cf).cost_money.sum() == pytest.approx(110_200 * 643)
    assert pick(d_obs).co2e_t.sum() - pick(d_cf).co2e_t.sum() == pytest.approx(110_200 * 0.855)


def test_the_steam_supply_is_a_capacity_so_no_objective_shifts_steam(net):
    """The co2e run moved 28,333 t of steam from Novo Nordisk and Statoil to the town: the supply was the
    sum of the recorded streams and the town's demand an estimate above what its steam gives."""
    supply = _quantity(net.supplies, "asnaes", "steam")
    assert supply.value > 580_000 and supply.range[0] == pytest.approx(580_000)
    heat = _quantity(net.demands, "kalundborg-kommune", "district-heat")
    assert heat.value == pytest.approx(225_000 * 0.75)
    for convention in conventions():
        for objective in OBJECTIVES:
            e = evaluate(net, objective, convention=convention)
            moved = e.changes()
            ties = e.ties()
            assert not (moved.resource == "steam").any(), (objective, convention)
            assert not ((ties.what == "stream") & (ties.resource == "steam")).any(), (objective, convention)


def test_ats_replaces_only_its_sulphur_not_mineral_nitrogen(net, ev):
    """The ATS' nitrogen comes from ammonia (an input): it was credited as 2,520 t of mineral N."""
    ats = _stream(net, "ats-statoil-farms")
    assert (ats.replaces, ats.substitution_ratio) == ("fertiliser-sulphur", 0.26)
    saved = ev.savings("observed")
    novogro = _stream(net, "novogro-novozymes-farms")
    sludge = _stream(net, "sludge-kommune-soilrem")
    assert saved["nutrient_avoided:N"] == pytest.approx(
        novogro.observed.value * novogro.substitution_ratio + sludge.observed.value * sludge.substitution_ratio)
    assert saved["nutrient_avoided:S"] == pytest.approx(21_000 * 0.26)
    without = net.replace(streams=tuple(s for s in net.streams if s.id != ats.id))
    worth = saved["cost_saved"] - evaluate(without).savings("observed")["cost_saved"]
    sale = net.factor_value("disposal_cost", "ats")  # the sulphur sold as before 2000, per t of ATS
    assert worth == pytest.approx(21_000 * (0.26 * net.factor_value("virgin_price", "fertiliser-sulphur") + sale))
    # a product that would not be made is neither 'diverted from disposal' nor 'moved from use' (issue 26)
    assert not any(k.endswith(":liquid fertiliser:wet") for k in saved)
    co2e = saved["co2e_avoided"] - evaluate(without).savings("observed")["co2e_avoided"]
    assert co2e == pytest.approx(0.0, abs=1e-6)  # sulphur fertiliser counted zero (cut-off), no one-sided haul


def test_fly_ash_goes_to_its_real_outlets_and_the_cement_demand_is_published(net, ev):
    cement = _stream(net, "fly-ash-asnaes-aalborg-portland")
    road = _stream(net, "fly-ash-asnaes-road-building")
    supply = _quantity(net.supplies, "asnaes", "fly-ash").value
    assert cement.observed.value + road.observed.value == pytest.approx(supply)
    assert (cement.replaces, road.replaces) == ("cement-raw-materials", "road-aggregate")
    demand = _quantity(net.demands, "aalborg-portland", "cement-raw-materials")
    assert demand.basis == "published" and demand.value == pytest.approx(135_000) and demand.value < supply
    st = ev.optimised.streams.set_index("stream").flow
    assert st[cement.id] == pytest.approx(135_000) and st[road.id] == pytest.approx(65_000)
    for objective in OBJECTIVES:
        assert not (evaluate(net, objective).changes().resource == "fly-ash").any(), objective


def test_refinery_gas_is_an_estimate_with_a_range(net):
    for q in (_quantity(net.supplies, "statoil", "refinery-gas"),
              _stream(net, "refinery-gas-statoil-asnaes").observed):
        assert q.basis == "estimated" and q.method and "not" in q.method
        low, high = q.range
        assert low < q.value < high and high / low >= 5


def test_soilrem_has_no_invented_demand(net, ev):
    sludge = _stream(net, "sludge-kommune-soilrem")
    demand = _quantity(net.demands, "soilrem", "mineral-nitrogen")
    assert demand.value == pytest.approx(sludge.observed.value * sludge.substitution_ratio)
    for objective in OBJECTIVES:
        assert not (evaluate(net, objective).changes().resource == "sewage-sludge").any(), objective


def _numbers_behind(net, row):
    """The sourced numbers a stream or process change rests on: its own, its ends' supplies and demands."""
    if row["what"] == "process":
        p = next(p for p in net.processes if p.id == row["item"])
        return [p.capacity, p.ratios]
    s = _stream(net, row["item"])
    out = [q for q in (s.observed, s.capacity) if q is not None]
    out += [r.quantity for r in net.supplies if r.actor == s.supplier and r.resource == s.resource]
    out += [r.quantity for r in net.demands if r.actor == s.receiver and r.resource in (s.resource, s.replaces)]
    return out


def test_no_change_rests_on_an_estimate_without_a_method(net):
    """Under every objective and shipped convention: no change of a stream or process is left, and
    any that appears must rest only on published numbers or estimates that say how."""
    for convention in conventions():
        for objective in OBJECTIVES:
            moved = evaluate(net, objective, convention=convention).changes()
            moved = moved[moved.what.isin(("stream", "process"))]
            for row in moved.to_dict("records"):
                for q in _numbers_behind(net, row):
                    assert q.basis == "published" or (q.method or "").strip(), (objective, convention, row["item"])
            assert moved.empty, (objective, convention, list(moved["item"]))
