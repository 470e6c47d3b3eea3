"""Each artefact a domain expert found in `symbiosis simulate` (issue 13), pinned on the bundled networks.

A recommendation must not rest on free disposal, an unsourced bound, one-sided
transport or a tie; the accounting must follow one declared convention.
"""

from __future__ import annotations

import numpy as np
import pytest

import symbiosis as sym
from symbiosis.engine import compile_network
from symbiosis.evaluation import evaluate
from symbiosis.planning.prices import shadow_prices

OBJECTIVES = ("cost", "co2e", "weighted")


@pytest.fixture(scope="module")
def today():
    return sym.load_network("kalundborg")


@pytest.fixture(scope="module")
def coal_era():
    return sym.load_network("kalundborg-2000")


@pytest.fixture(scope="module")
def evaluations(today, coal_era):
    return {(net.id, o): evaluate(net, o) for net in (today, coal_era) for o in OBJECTIVES}


def test_wastewater_goes_only_to_treatment(today):
    """Free disposal: untreated wastewater may only go to treatment; only the plant discharges (treated)."""
    c = compile_network(today, "optimised")
    disposal = c.arcs[(c.arcs.kind == "disposal") & (c.arcs.resource == "wastewater")]
    assert set(disposal.actor) == {"kalundborg-forsyning"}
    route = today.factor_row("disposal_cost", "wastewater", actor="kalundborg-forsyning")
    assert "treated" in route.route
    for actor in ("novo-nordisk", "novozymes", "avista-green"):
        assert today.factor_row("disposal_cost", "wastewater", actor=actor) is None


@pytest.fixture(scope="module")
def own_views(today):
    """Each shipped convention's own evaluation, per objective: what it would change by itself."""
    from symbiosis.accounting.conventions import conventions

    return {(o, name): evaluate(today, o, convention=name) for o in OBJECTIVES for name in conventions()}


def _moves(ev, row) -> bool:
    """Whether ``ev``'s own recommendations (before any cross-convention label) change ``row``'s item the
    same way: a change with the same sign, its optimised range apart from the observed one."""
    r = ev.recommendations
    hit = r[(r.what == row["what"]) & (r["item"] == row["item"]) & (r.supplier == row["supplier"])
            & (r.resource == row["resource"]) & r.verdict.isin(("change", "convention-dependent"))]
    return not hit.empty and np.sign(hit.change.iloc[0]) == np.sign(row["optimised"] - row["observed"])


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_a_change_survives_every_shipped_convention_or_is_labelled(today, evaluations, own_views, objective):
    """Issue 26: a recommendation must not rest on the accounting convention. Every change listed must be
    made, the same way, by each shipped convention's own evaluation (its own ranging, not the warm check);
    every change set apart as convention-dependent must be missing, or reversed, in at least one of them,
    named in ``disagree``. (Under co2e the heat pump's cut is such a change: system expansion makes it,
    biogenic-stack does not; no test requires it.)"""
    from symbiosis.accounting.conventions import conventions

    ev = evaluations[("kalundborg", objective)]
    for row in ev.changes().to_dict("records"):
        assert set(row["agree"]) == set(conventions()) and not row["disagree"], row["item"]
        for name in conventions():
            assert _moves(own_views[(objective, name)], row), (row["what"], row["item"], name)
    for row in ev.convention_dependent().to_dict("records"):
        against = {name for name in conventions() if not _moves(own_views[(objective, name)], row)}
        assert against and set(row["disagree"]) == against, (row["what"], row["item"], row["disagree"], against)
        assert set(row["agree"]) | set(row["disagree"]) == set(conventions())


@pytest.mark.parametrize("objective", OBJECTIVES)
def test_the_headline_ranges_are_the_conventions_own_figures(today, evaluations, own_views, objective):
    """The range across conventions (warm re-solves of one compiled problem) holds each convention's own
    cold evaluation: the same optimum, and each end of the range is that convention's saving."""
    from symbiosis.accounting.conventions import conventions

    ev = evaluations[("kalundborg", objective)]
    w = ev.weights
    for answer in ("observed", "optimised"):
        ranges = ev.ranges(answer)
        for key, cost in (("co2e_avoided", "co2e"), ("cost_saved", "cost")):
            own = {name: own_views[(objective, name)].savings(answer)[key] for name in conventions()}
            row = ranges.loc[key]
            assert row["value"] == pytest.approx(own[ev.convention], rel=1e-9, abs=1e-6)
            if set(w) == {cost} or answer == "observed":  # a figure the optimum fixes (ties aside)
                assert row["low"] == pytest.approx(min(own.values()), rel=1e-6, abs=1e-3)
                assert row["high"] == pytest.approx(max(own.values()), rel=1e-6, abs=1e-3)
                assert own[row["low_convention"]] == pytest.approx(row["low"], rel=1e-6, abs=1e-3)
    across = ev.across.set_index(["convention", "answer"])
    for name in conventions():
        mine = across.loc[(name, "optimised")]
        theirs = own_views[(objective, name)].optimised.totals
        assert sum(v * mine[k] for k, v in w.items()) == pytest.approx(sum(v * theirs[k] for k, v in w.items()),
                                                                     rel=1e-9, abs=1e-6)


def test_simulate_prints_each_headline_with_its_range_and_sets_convention_dependent_changes_apart(evaluations):
    """What a board reads (issue 26): the CO2e headline under system expansion and its range down to
    biogenic-stack's figure, and the convention-dependent changes listed apart, never in the changes table
    or the JSON's changes."""
    import io

    from rich.console import Console

    from symbiosis.present.simulation import print_simulation, simulation_json

    ev = evaluations[("kalundborg", "co2e")]
    doc = simulation_json(ev)
    co2e = doc["ranges"]["optimised"]["co2e_avoided"]
    assert co2e["value"] == pytest.approx(ev.savings("optimised")["co2e_avoided"])
    assert (co2e["low_convention"], co2e["high_convention"]) == ("biogenic-stack", "system-expansion")
    assert co2e["low"] < co2e["high"] == pytest.approx(co2e["value"])  # chips' stack CO2 counts against them
    dependent = {r["item"] for r in ev.convention_dependent().to_dict("records")}
    assert not dependent & set(doc["changes"]["item"])
    out = io.StringIO()
    print_simulation(ev, Console(file=out, width=300))
    text = out.getvalue()
    assert "Headlines across the shipped accounting conventions" in text and "(biogenic-stack) to" in text
    assert ("Convention-dependent" in text) == bool(dependent)


def test_the_chp_is_bound_by_its_published_size_not_a_loose_bound(today):
    caps = {c.id: c for c in today.capacities}
    assert caps["asnaes-129-mw"].capacity.value == pytest.approx(129 * 8760)  # 129 MJ/s (Ørsted 2019)
    assert set(caps["asnaes-129-mw"].processes) == {"orsted-chp-steam", "orsted-chp-heat"}
    assert caps["asnaes-wood-chips"].capacity.value == pytest.approx(240_000 * 2.6)  # Argus 2018 x HB2016
    for p in today.processes:
        if p.actor == "orsted-asnaes":
            assert p.capacity.value >= 129 * 8760 * 0.99, "a per-side bound below the shared 129 MW is unsourced"


def test_wood_chips_are_neither_free_of_carbon_nor_unlimited(today):
    assert today.factor_value("virgin_co2e", "wood-chips") > 0  # the supply chain (Jäppinen 2014)
    price = today.factor_row("virgin_price", "wood-chips")
    # the published x2.5 rise, at 2023 prices (HICP 2023/2022, issue 26: one price year)
    assert price.value == pytest.approx(22.5 * 2.5 * 7.45 * 117.642 / 113.825, rel=0.01)
    assert price.range[0] <= price.value <= price.range[1]


def test_co2e_changes_stay_within_the_chip_limit(evaluations, today):
    ev = evaluations[("kalundborg", "co2e")]
    chips = ev.optimised.virgin.set_index(["actor", "resource"]).quantity[("orsted-asnaes", "wood-chips")]
    assert chips <= 240_000 * 2.6 * (1 + 1e-9)


def test_transport_counts_at_both_ends_so_fly_ash_is_not_landfilled(evaluations):
    """kalundborg-2000 --objective co2e sent all fly ash to landfill: transport counted only on the stream."""
    for objective in OBJECTIVES:
        ev = evaluations[("kalundborg-2000", objective)]
        st = ev.optimised.streams.set_index("stream")
        assert st.flow["fly-ash-asnaes-aalborg-portland"] >= 135_000 - 1e-6


def test_a_tie_is_not_a_change(evaluations):
    """The biomethane split (same gas, price and pipe) is a tie: listed as one, flows kept as recorded."""
    for objective in OBJECTIVES:
        ev = evaluations[("kalundborg", objective)]
        ties = ev.ties()
        split = ties[(ties.what == "stream") & (ties.resource == "biomethane")]
        assert len(split) == 3
        assert (split.optimised_low <= split.observed).all() and (split.observed <= split.optimised_high).all()
        assert not (ev.changes().resource == "biomethane").any()
        st = ev.optimised.streams.set_index("stream")
        assert st.flow["biomethane-kb-gyproc"] == pytest.approx(2_000_000)


def test_changes_are_ranked_by_their_worth_not_their_size(evaluations):
    for key, ev in evaluations.items():
        moved = ev.changes()
        moved = moved[moved.what.isin(("stream", "process"))]
        worth = moved.value_objective.abs().to_numpy()
        assert np.all(np.diff(worth) <= 1e-6 * max(1.0, worth.max(initial=0))), key
    # (The coal era's first change used to be its fly ash, +65,000 t worth 44 million DKK: an artefact of a
    # cement demand set equal to the ash supply, removed in issue 26; test_coal_era.py checks it is gone.)


def test_degenerate_prices_come_with_their_range(today):
    sp = shadow_prices(today, "cost")
    b = sp.balances.set_index(["actor", "resource"])
    row = b.loc[("equinor-refining", "groundwater")]
    assert row.low_money_per_unit < row.high_money_per_unit  # Tissø is fully used: any price in between
    assert row.low_money_per_unit <= row.value_money_per_unit <= row.high_money_per_unit


def test_household_waste_goes_to_incineration_not_landfill(today, evaluations):
    waste = [s for s in today.streams if s.resource == "residual-waste"]
    assert waste and all(s.baseline and s.receiver == "argo" for s in waste)
    landfill = today.factor_row("disposal_cost", "residual-waste")
    assert landfill is None or "landfill" not in (landfill.route or "")
    # the waste reaches ARGO's incineration with or without the symbiosis: it saves nothing
    ev = evaluations[("kalundborg", "cost")]
    for answer in ("observed", "counterfactual"):
        st = ev.result(answer).streams.set_index("stream")
        assert st.flow["waste-kommune-argo"] == pytest.approx(10_600)


def test_ats_is_credited_for_its_sulphur_against_the_sulphur_sale(today, evaluations):
    ats = next(s for s in today.streams if s.resource == "ats")
    assert (ats.replaces, ats.substitution_ratio) == ("fertiliser-sulphur", 0.26)
    sale = today.factor_row("disposal_cost", "sulphur")
    assert sale.value < 0 and "sold" in sale.route
    without = today.replace(streams=tuple(s for s in today.streams if s.id != ats.id))
    worth = evaluations[("kalundborg", "cost")].savings("observed")["cost_saved"] - \
        evaluate(without).savings("observed")["cost_saved"]
    sulphur = ats.observed.value * 0.26
    assert worth == pytest.approx(sulphur * (today.factor_value("virgin_price", "fertiliser-sulphur") + sale.value))


def test_exported_chp_electricity_is_credited_and_the_convention_says_so(today):
    default = evaluate(today)
    assert default.convention == "system-expansion"
    assert today.factor_value("disposal_co2e", "electricity") < 0
    plain = evaluate(today, convention="no-co-product-credit")
    assert plain.network.factor_value("disposal_co2e", "electricity") == 0
    assert plain.savings("observed")["co2e_avoided"] != pytest.approx(default.savings("observed")["co2e_avoided"])
    stack = evaluate(today, convention="biogenic-stack")
    assert stack.savings("observed")["co2e_avoided"] < default.savings("observed")["co2e_avoided"]


def test_heat_is_valued_at_a_production_cost(today):
    row = today.factor_row("virgin_price", "district-heat")
    assert "boiler" in row.route
    assert row.value < 516.85  # not another town's consumer tariff


def test_materials_are_never_added_across_unlike_things(evaluations):
    saved = evaluations[("kalundborg", "cost")].savings("observed")
    assert "virgin_material_avoided" not in saved
    # issue 26: net of the counterfactual's own use. The digestate's 269,100 t x 4.5 kg N replaces mineral N,
    # but without the symbiosis the 300,000 t of residues were spread on farmland with their 4.5 kg N per t.
    assert saved["nutrient_avoided:N"] == pytest.approx(269_100 * 0.0045 - 300_000 * 0.0045)  # -139 t N
    assert saved["nutrient_avoided:S"] == pytest.approx(16_400 * 0.26)  # the sold sulphur was no fertiliser
    assert saved["moved_from_use:biomass:wet"] == pytest.approx(300_000)
    assert saved["moved_from_use:sulphur:dry"] == pytest.approx(16_400 * 0.26)
    assert not any(k.startswith("diverted:") and v for k, v in saved.items())
    for key in saved:
        if key.startswith(("virgin_avoided:", "diverted:", "moved_from_use:")):
            assert key.count(":") == 2  # measure:material:basis


def test_the_steam_is_sized_and_credited_on_one_basis(today):
    """Novozymes' steam was sized with a coal factor and credited with a gas one: the range now spans both."""
    s = next(s for s in today.streams if s.id == "steam-orsted-novozymes")
    low, high = s.observed.range
    assert low == pytest.approx(31_000 / 0.283, rel=0.01)
    assert high == pytest.approx(31_000 / today.factor_value("virgin_co2e", "steam"), rel=0.01)


def test_the_asnaes_agreement_binds_the_streams_until_2037(today, evaluations):
    bound = [s for s in today.streams if s.contract is not None]
    assert {s.id for s in bound} == {"steam-orsted-novo-nordisk", "steam-orsted-novozymes", "district-heat-orsted-kf"}
    assert all(s.contract.until == 2037 and s.contract.kind == "take_or_pay" for s in bound)
    ev = evaluations[("kalundborg", "cost")]
    st = ev.optimised.streams.set_index("stream")
    for s in bound:
        assert st.flow[s.id] >= s.observed.value - 1e-6


def test_members_without_a_published_stream_say_so(today):
    roles = {a.id: a.role for a in today.actors if a.member}
    assert all(roles.values())
    assert roles["chr-hansen"].startswith("unknown") and roles["unibio"].startswith("unknown")
    assert any(s.supplier == "avista-green" for s in today.streams)
