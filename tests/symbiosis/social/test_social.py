"""The social line: supported jobs, public-economy value, fleksjob arithmetic, SROI and the factor table."""

import math

import numpy as np
import pytest

from symbiosis.errors import SymbiosisError
from symbiosis.social import (
    Outcome,
    bundled_social_factors,
    coverage,
    flexjob_subsidy,
    network_sroi,
    present_value,
    public_value_table,
    social_factors,
    sroi,
    supported_table,
)
from tests.social_net import social_network


def test_bundled_social_factors_have_source_year_and_basis():
    rows = bundled_social_factors()
    keys = [(r.factor, r.year) for r in rows]
    assert len(keys) == len(set(keys)), "one row per kind and year"
    for r in rows:
        assert r.source and r.year and r.basis in ("published", "estimated")
        assert r.basis == "published" or r.method
    table = {(r.factor, r.year): r.value for r in rows}
    assert table["flexjob_max_subsidy", 2024] == 19_952  # detfagligehus.dk
    assert table["flexjob_max_subsidy", 2022] == 18_964  # slagelse.dk
    # 98 % of the maximum dagpenge reproduces both published maxima, and gives the other years
    for year, dagpenge in ((2021, 19_322), (2022, 19_351), (2023, 19_728), (2024, 20_359), (2025, 21_092)):
        assert table["flexjob_max_subsidy", year] == round(0.98 * dagpenge)
        assert table["benefit_ledighedsydelse", year] == pytest.approx(0.89 * dagpenge * 12, abs=1)
    assert table["benefit_kontanthjaelp", 2023] == 11_944 * 12   # bm.dk satser 2023
    assert table["benefit_kontanthjaelp", 2024] == 12_326 * 12


@pytest.mark.parametrize("year, used", [(2023, {"flexjob_max_subsidy": 2023, "flexjob_threshold": 2022,
                                                 "benefit_kontanthjaelp": 2023, "kh_hour_disregard": 2022}),
                                        (2024, {"flexjob_threshold": 2024, "benefit_kontanthjaelp": 2024}),
                                        (2020, {"flexjob_threshold": 2022, "benefit_kontanthjaelp": 2021}),
                                        (2030, {"benefit_ledighedsydelse": 2025, "benefit_kontanthjaelp": 2024})])
def test_the_networks_year_picks_the_rates(year, used):
    from symbiosis.social.factors import year_notes

    net = social_network(lambda d: d.update(year=year))
    table = social_factors(net)
    assert {k: table[k].year for k in used} == used
    notes = year_notes(table, year)
    for kind, row_year in used.items():
        assert any(n.startswith(f"{kind} {row_year}") for n in notes) == (row_year != year)
    if year == 2020:
        assert "benefit_kontanthjaelp 2021 (no earlier row)" in notes


def test_network_rows_and_overrides_replace_bundled_factors():
    net = social_network(lambda d: d["factors"].append(
        {"factor": "discount_rate", "value": 0.05, "unit": "1/yr", "source": "@test", "basis": "published"}))
    assert social_factors(net)["discount_rate"].value == 0.05
    f = social_factors(net, {"discount_rate": 0.02, "loentilskud_subsidy": 100_000})
    assert f["discount_rate"].value == 0.02 and "override" in f["discount_rate"].source
    assert f["loentilskud_subsidy"].value == 100_000
    with pytest.raises(SymbiosisError, match="unknown social factor 'dicount_rate'.*valid: .*discount_rate"):
        social_factors(net, {"dicount_rate": 0.1})


def test_supported_table_fte_from_hours():
    t = supported_table(social_network()).set_index(["link", "scheme"])
    assert t.fte["garden-plant", "småjob"] == pytest.approx(0.25)  # 481 h / 1,924 h
    assert t.fte_basis["garden-plant", "småjob"] == "from hours"
    assert t.hours["clean-pharma", "fleksjob"] == pytest.approx(1924)  # 1 FTE x 1,924 h
    assert "ordinary" not in t.index.get_level_values("scheme")


@pytest.mark.parametrize("wage, ftw, expected", [
    (0.0, None, 19_952.0),
    (10_000.0, None, 19_952 - 3_000.0),
    (16_323.0, None, 19_952 - 0.30 * 16_323),
    (20_000.0, None, 19_952 - 0.30 * 16_323 - 0.55 * 3_677),
    # the lønloft caps wage + subsidy AFTER the reduction (reference 4.3, corrected): the cases
    (20_000.0, 30_000.0, 10_000.0),    # 19,952 - 6,919.25 = 13,032.75, capped at 30,000 - 20,000
    (10_000.0, 25_000.0, 15_000.0),    # 19,952 - 3,000 = 16,952, capped at 25,000 - 10,000
    (10_000.0, 40_000.0, 16_952.0),    # the cap does not bind
    (30_000.0, 30_000.0, 0.0),         # already at the full-time wage: nothing to top up
    (40_000.0, None, 19_952 - 0.30 * 16_323 - 0.55 * 23_677),
    (45_000.0, None, 0.0),  # 20,669 of reduction: floored at 0
])
def test_flexjob_subsidy(wage, ftw, expected):
    assert flexjob_subsidy(wage, ftw) == pytest.approx(expected)


# 2024 rates (the hand-made network is of 2024): tax rows of 2024, the employment deduction and the
# kommuneskat from their nearest earlier rows (2023, 2022)
AM, BUND, KOM, PF, ED_RATE, ED_MAX = 0.08, 0.1206, 0.242, 49_700, 0.1065, 45_600
LY, KH, KEEP, REFUSION = 217_434, 147_912, 0.75 ** 3, 0.20


def tax(income, wage):
    """The tax module's formula, written out: (state, kommune) per year."""
    am = AM * wage
    personal = income - am
    state = am + BUND * max(0, personal - PF)
    kommune = KOM * max(0, personal - min(ED_RATE * wage, ED_MAX) - PF)
    return state, kommune


def test_income_tax_by_hand():
    from symbiosis.social.tax import TaxRates, income_tax

    rates = TaxRates.of(social_factors(social_network()))
    assert (rates.am, rates.bundskat, rates.kommuneskat, rates.personfradrag) == (AM, BUND, KOM, PF)
    # a fleksjob: 10,000 kr wage + 16,952 kr subsidy a month, against ledighedsydelse before
    state, kommune = income_tax(12 * 26_952, 120_000, rates)
    assert state == pytest.approx(9_600 + 0.1206 * (323_424 - 9_600 - 49_700))      # 41,453.35
    assert kommune == pytest.approx(0.242 * (313_824 - 12_780 - 49_700))             # 60,825.25
    assert income_tax(LY, 0, rates) == pytest.approx((0.1206 * (LY - PF), 0.242 * (LY - PF)))


def test_public_value_per_payer_by_hand():
    t = public_value_table(social_network()).set_index(["link", "scheme"])
    fj = t.loc[("clean-pharma", "fleksjob")]
    assert fj.benefit_avoided == pytest.approx(2 * LY)
    assert fj.subsidy_paid == pytest.approx(2 * 12 * 16_952)            # 19,952 - 0.30 x 10,000
    s1, k1 = tax(12 * (10_000 + 16_952), 120_000)
    s0, k0 = tax(LY, 0)
    assert fj.tax_state == pytest.approx(2 * (s1 - s0))                  # 42,449.27
    assert fj.tax_kommune == pytest.approx(2 * (k1 - k0))                # 40,467.24
    saved = 2 * LY - 2 * 12 * 16_952                                     # 28,020 of benefit less subsidy
    assert fj.kommune == pytest.approx((1 - REFUSION) * saved + 2 * (k1 - k0))
    assert fj.state == pytest.approx(REFUSION * saved + 2 * (s1 - s0))
    assert fj.gross == pytest.approx(fj.kommune + fj.state) == pytest.approx(110_936.51, abs=0.01)
    assert fj.net == pytest.approx(KEEP * fj.gross)                      # deadweight, attribution, displacement
    # småjob: kontanthjælp falls by the wage after AM-bidrag less 28.66 kr per hour (the 2022 row)
    sj = t.loc[("garden-plant", "småjob")]
    cut = 6_000 * 0.92 - 28.66 * 481 / 12                                # 4,371.21 kr a month
    assert sj.benefit_avoided == pytest.approx(12 * cut)
    assert sj.subsidy_paid == 0
    s1, k1 = tax(12 * 6_000 + KH - 12 * cut, 72_000)
    s0, k0 = tax(KH, 0)
    assert (sj.tax_state, sj.tax_kommune) == pytest.approx((s1 - s0, k1 - k0))
    assert t.loc[("garden-plant", "virksomhedspraktik")].gross == 0
    assert math.isnan(t.loc[("clean-boards", "løntilskud")].net)  # no subsidy factor: not valued


def test_kontanthjaelp_cannot_fall_below_zero_and_loentilskud_valued_with_a_factor():
    def edit(d):
        d["factors"].append({"factor": "loentilskud_subsidy", "value": 100_000, "unit": "DKK/FTE-year",
                             "source": "@test", "basis": "estimated", "method": "test"})
        d["service_links"][1]["supported"][0]["monthly_wage"] = 20_000   # earns more than the benefit
        d["service_links"][2]["supported"][0]["monthly_wage"] = 15_000
    t = public_value_table(social_network(edit)).set_index(["link", "scheme"])
    assert t.loc[("garden-plant", "småjob")].benefit_avoided == pytest.approx(KH)  # all of it, no more
    lt = t.loc[("clean-boards", "løntilskud")]
    assert (lt.benefit_avoided, lt.subsidy_paid) == pytest.approx((KH, 100_000))
    s1, k1 = tax(180_000, 180_000)
    s0, k0 = tax(KH, 0)
    assert lt.gross == pytest.approx(KH - 100_000 + s1 - s0 + k1 - k0)


def test_flexjob_without_wage_counts_the_maximum_subsidy_and_no_tax():
    def edit(d):
        del d["service_links"][0]["supported"][0]["monthly_wage"]
    t = public_value_table(social_network(edit)).set_index(["link", "scheme"])
    fj = t.loc[("clean-pharma", "fleksjob")]
    assert fj.subsidy_paid == pytest.approx(2 * 12 * 19_952)
    assert fj.tax_state == fj.tax_kommune == 0
    assert "lower bound" in fj.note


def test_a_scheme_not_published_is_not_valued_nor_counted():
    from symbiosis.social import social_totals

    def edit(d):
        d["service_links"][0]["supported"][0]["scheme"] = "unknown"
    net = social_network(edit)
    t = public_value_table(net).set_index(["link", "scheme"])
    assert not t.loc[("clean-pharma", "unknown")].valued
    assert "not published" in t.loc[("clean-pharma", "unknown")].note
    assert social_totals(net)["supported_persons"] == pytest.approx(1 + 2 + 1)  # småjob, praktik, løntilskud


def test_the_headline_public_value_applies_the_filters_and_the_jobcenter_cost():
    from symbiosis.social import social_totals

    net = social_network()
    t = public_value_table(net)
    assert social_totals(net)["public_value"] == pytest.approx(KEEP * t.gross.sum())
    jc = social_network(lambda d: d["factors"].append(
        {"factor": "jobcenter_cost", "value": 10_000, "unit": "DKK/person-year", "source": "@test",
         "basis": "estimated", "method": "test"}))
    # 6 supported persons x 10,000 (a kommune cost, not filtered)
    assert social_totals(jc)["public_value"] == pytest.approx(KEEP * t.gross.sum() - 60_000)


def test_sroi_filters_drop_off_and_discounting_by_hand():
    o = Outcome("jobs", quantity=10, proxy=1_000, deadweight=0.2, attribution=0.1, displacement=0.5,
                drop_off=0.5, years=3)
    assert o.impact == pytest.approx(10 * 1_000 * 0.8 * 0.9 * 0.5)  # 3,600
    assert o.yearly().tolist() == pytest.approx([3_600, 1_800, 900])
    r = sroi([o], investment=4_000, rate=0.10)
    pv = 3_600 / 1.1 + 1_800 / 1.1 ** 2 + 900 / 1.1 ** 3  # 5,436.51
    assert r.pv_outcomes == pytest.approx(pv)
    assert r.ratio == pytest.approx(pv / 4_000)
    assert r.net_ratio == pytest.approx(pv / 4_000 - 1)
    assert sroi([o], 0.0, 0.1).ratio is None
    assert sroi([o], 1.0, 0.1, years=1).pv_outcomes == pytest.approx(3_600 / 1.1)


def test_present_value():
    assert present_value([110.0], 0.10) == pytest.approx(100.0)
    assert present_value(np.full(3, 100.0), 0.0) == pytest.approx(300.0)


@pytest.mark.parametrize("field, value", [("deadweight", 1.5), ("drop_off", -0.1)])
def test_sroi_rejects_shares_outside_0_1(field, value):
    with pytest.raises(SymbiosisError, match=f"sroi_{field}"):
        Outcome("x", 1, 1, **{field: value})


def test_network_sroi_with_the_clients_purchase_and_the_jobcenter_as_inputs():
    t = public_value_table(social_network())
    years = np.arange(1, 6)
    public = t[t.valued].groupby("scheme").gross.sum()
    public = public[public != 0].sum() * KEEP * 0.75 ** (years - 1) / 1.035 ** years
    services = (600_000 * 320 / 300 + 84_000 * 400 / 420) / 1.035    # what the clients get, at market value
    r = network_sroi(social_network())
    assert r.investment == pytest.approx(600_000 + 84_000)               # the clients' purchases
    assert r.inputs == {"client_purchase": 684_000, "jobcenter": 0.0, "other": 0.0}
    assert r.pv_outcomes == pytest.approx(services + public.sum())
    assert r.ratio == pytest.approx((services + public.sum()) / 684_000)
    assert any("clean-boards" in n for n in r.notes)                    # no annual value
    assert any("jobcenter_cost" in n for n in r.notes)
    r2 = network_sroi(social_network(), jobcenter=60_000.0, client_purchase=700_000.0)
    assert r2.investment == pytest.approx(760_000)


@pytest.mark.parametrize("name, value", [("client_purchase", -1.0), ("jobcenter", float("nan"))])
def test_sroi_names_a_bad_input(name, value):
    from symbiosis.errors import ParameterError

    with pytest.raises(ParameterError, match=f"^{name}: "):
        network_sroi(social_network(), **{name: value})


def test_sroi_is_undefined_without_inputs_and_says_why():
    def edit(d):
        for link in d["service_links"]:
            link.pop("annual_value", None)
    r = network_sroi(social_network(edit))
    assert r.ratio is None and any("no input known" in n for n in r.notes)


def test_coverage_of_the_framework_agreement():
    c = coverage(social_network())
    assert c["members"] == ["plant", "pharma", "kommune"]
    assert c["with_supplier"] == ["plant", "pharma"]
    assert c["share"] == pytest.approx(2 / 3)
    # links that have not started yet do not count
    c = coverage(social_network(), year=2018)
    assert c["with_supplier"] == ["pharma"]


def test_fast_totals_agree_with_the_tables():
    from symbiosis.social import social_totals

    net = social_network()
    totals = social_totals(net)
    sup, values = supported_table(net), public_value_table(net)
    assert totals["supported_persons"] == pytest.approx(sup.persons.sum())
    assert totals["supported_fte"] == pytest.approx(sup.fte.sum())
    assert totals["supported_hours"] == pytest.approx(sup.hours.sum())
    assert totals["public_value"] == pytest.approx(values.net.sum())
    assert totals["agreement_coverage"] == 0.0
