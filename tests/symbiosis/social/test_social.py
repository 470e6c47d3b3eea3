"""The social line: supported jobs, public-economy value, fleksjob arithmetic, SROI and the factor table."""

import math

import numpy as np
import pytest

from symbiosis.errors import SymbiosisError
from symbiosis.present.social_wording import words
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
    notes = [words(n) for n in year_notes(table, year)]
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
    """The expert's case (issue 27): two persons share 1.0 FTE at 10,000 DKK each, so each works half
    time, the lønloft is 20,000 and the tilskud 10,000, not 16,952: kommune 155,984, state 61,301."""
    t = public_value_table(social_network()).set_index(["link", "scheme"])
    fj = t.loc[("clean-pharma", "fleksjob")]
    assert fj.benefit_avoided == pytest.approx(2 * LY)                  # level high: 89 % of max dagpenge
    assert fj.subsidy_paid == pytest.approx(2 * 12 * 10_000)            # min(16,952, 20,000 - 10,000)
    s1, k1 = tax(12 * (10_000 + 10_000), 120_000)
    s0, k0 = tax(LY, 0)
    assert fj.tax_state == pytest.approx(2 * (s1 - s0))                  # 22,327.40
    assert fj.tax_kommune == pytest.approx(2 * (k1 - k0))                # 90.02
    assert fj.kommune == pytest.approx(155_984, abs=1)                   # the expert's hand figures
    assert fj.state == pytest.approx(61_301, abs=1)
    assert fj.refusion == REFUSION and "derived from the FTE share 0.5" in words(fj.note)
    assert fj.gross == pytest.approx(fj.kommune + fj.state)
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
    lt = t.loc[("clean-boards", "løntilskud")]
    assert math.isnan(lt.net) and math.isnan(lt.subsidy_paid)           # no subsidy factor: not known, not 0


def _flexjob_edit(**fields):
    def edit(d):
        d["service_links"][0]["supported"][0].update(fields)
    return edit


def test_flexjob_at_the_kontanthjaelp_level_flips_the_kommunes_sign():
    """The expert's second case: before 9 months in fleksjob within 18 months the ledighedsydelse is
    at the kontanthjælp level (147,912 a year in 2024); with the subsidy at 16,952 (the lønloft of
    40,000 does not bind) the kommune's result is -14,703 and the state's +37,013."""
    t = public_value_table(social_network(_flexjob_edit(ledighedsydelse_level="kontanthjælp",
                                                        full_time_wage=40_000))).set_index(["link", "scheme"])
    fj = t.loc[("clean-pharma", "fleksjob")]
    assert fj.benefit_avoided == pytest.approx(2 * KH)
    assert fj.subsidy_paid == pytest.approx(2 * 12 * 16_952)
    assert fj.kommune == pytest.approx(-14_703, abs=1)
    assert fj.state == pytest.approx(37_013, abs=1)
    # not recorded: valued at the kontanthjælp level (the lower bound), and the note asks for the level
    t = public_value_table(social_network(_flexjob_edit(ledighedsydelse_level=None, full_time_wage=40_000)))
    row = t.set_index(["link", "scheme"]).loc[("clean-pharma", "fleksjob")]
    assert row.kommune == pytest.approx(-14_703, abs=1) and "give ledighedsydelse_level" in words(row.note)


def test_flexjob_lonloft_recorded_derived_or_not_applied():
    # recorded: the full-time wage caps wage + subsidy (25,000 - 10,000 = 15,000)
    t = public_value_table(social_network(_flexjob_edit(full_time_wage=25_000))).set_index(["link", "scheme"])
    assert t.loc[("clean-pharma", "fleksjob")].subsidy_paid == pytest.approx(2 * 12 * 15_000)
    # one person on 1.0 FTE: the share is not below 1, so nothing to derive from; the subsidy is then an
    # upper bound and the note says so
    t = public_value_table(social_network(_flexjob_edit(persons=1))).set_index(["link", "scheme"])
    fj = t.loc[("clean-pharma", "fleksjob")]
    assert fj.subsidy_paid == pytest.approx(12 * 16_952) and "lønloft not applied" in words(fj.note)


def test_retention_flexjob_is_not_valued_as_ledighedsydelse_avoided():
    def edit(d):
        d["member_jobs"] = [{"member": "pharma", "scheme": "fleksjob", "purpose": "retention", "persons": 1,
                             "fte": 0.5, "monthly_wage": 10_000, "provenance": {"source": "@test",
                                                                                "basis": "published"}}]
    t = public_value_table(social_network(edit))
    row = t[t.purpose == "retention"].iloc[0]
    assert not row.valued and math.isnan(row.benefit_avoided) and math.isnan(row.kommune)
    assert row.subsidy_paid == pytest.approx(12 * 10_000)    # lønloft 20,000 derived: known, shown
    assert "retention" in words(row.note)


@pytest.mark.parametrize("weeks, share", [(None, 0.20), (0, (4 * 0.8 + 22 * 0.4 + 26 * 0.3) / 52),
                                          (26, 0.30 * 26 / 52 + 0.20 * 26 / 52), (52, 0.20), (100, 0.20),
                                          (2, (2 * 0.8 + 22 * 0.4 + 26 * 0.3 + 2 * 0.2) / 52)])
def test_the_refusion_staircase_by_weeks_on_benefits(weeks, share):
    t = public_value_table(social_network(_flexjob_edit(benefit_weeks=weeks))).set_index(["link", "scheme"])
    fj = t.loc[("clean-pharma", "fleksjob")]
    assert fj.refusion == pytest.approx(share)
    saved = fj.benefit_avoided - fj.subsidy_paid
    assert fj.state == pytest.approx(share * saved + fj.tax_state)
    assert fj.kommune == pytest.approx((1 - share) * saved + fj.tax_kommune)


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
    assert "lower bound" in words(fj.note)


def test_a_scheme_not_published_is_not_valued_nor_counted():
    from symbiosis.social import social_totals

    def edit(d):
        d["service_links"][0]["supported"][0]["scheme"] = "unknown"
    net = social_network(edit)
    t = public_value_table(net).set_index(["link", "scheme"])
    assert not t.loc[("clean-pharma", "unknown")].valued
    assert "not published" in words(t.loc[("clean-pharma", "unknown")].note)
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


def test_network_sroi_counts_no_purchase_at_market_value_and_sets_like_years_against_like():
    """Issue 27: the services at market value are an exchange, not an outcome, and five years of outcomes
    were set against one year of input (the tool said 1.32; the social part alone was 0.30). By hand:
    outcomes per year = (benefit avoided + tax gained) x 0.75^3, fleksjob (434,868 + 22,417.42) and
    småjob (52,454.54 + 8,902.95); inputs per year = the price above market (84,000 x 20 / 420 = 4,000)
    + the fleksløntilskud (2 x 12 x 10,000); both over 5 years at 3.5 %, so the ratio is the yearly one."""
    years = np.arange(1, 6)
    annuity = float(np.sum(1 / 1.035 ** years))
    outcome = (434_868 + 22_417.4232 + 52_454.54 + 8_902.951796) * KEEP
    inputs = 4_000 + 240_000
    r = network_sroi(social_network())
    assert r.inputs["price_above_market"] == pytest.approx(4_000)
    assert r.inputs["subsidies"] == pytest.approx(240_000) and r.inputs["jobcenter"] == 0
    assert r.investment == pytest.approx(inputs * annuity)
    assert r.pv_outcomes == pytest.approx(outcome * annuity, rel=1e-6)
    assert r.ratio == pytest.approx(outcome / inputs, rel=1e-6) == pytest.approx(0.8968, abs=1e-4)
    assert r.inputs["ratio_unfiltered"] == pytest.approx(outcome / KEEP / inputs, rel=1e-6)   # SØM-comparable
    # reported beside, not in the ratio: what the clients pay and get
    assert r.inputs["client_purchase"] == 684_000
    assert r.inputs["services_market_value"] == pytest.approx(600_000 * 320 / 300 + 84_000 * 400 / 420)
    assert not any("services" in name for name in r.outcomes.outcome)
    assert any("clean-boards" in n for n in map(words, r.notes))                    # no annual value
    assert any("jobcenter_cost" in n for n in map(words, r.notes))
    # the jobcenter is an input; the clients' purchase is not
    r2 = network_sroi(social_network(), jobcenter=60_000.0, client_purchase=700_000.0)
    assert r2.investment == pytest.approx((inputs + 60_000) * annuity)
    assert r2.inputs["client_purchase"] == 700_000


@pytest.mark.parametrize("name, value", [("client_purchase", -1.0), ("jobcenter", float("nan"))])
def test_sroi_names_a_bad_input(name, value):
    from symbiosis.errors import ParameterError

    with pytest.raises(ParameterError, match=f"^{name}: "):
        network_sroi(social_network(), **{name: value})


def test_sroi_is_undefined_without_inputs_and_says_why():
    def edit(d):
        for link in d["service_links"]:
            link.pop("annual_value", None)
            for p in link["supported"]:
                p.pop("monthly_wage", None)
        d["service_links"][0]["supported"] = d["service_links"][0]["supported"][1:]   # no fleksjob subsidy
    r = network_sroi(social_network(edit))
    assert r.ratio is None and any("no input known" in n for n in map(words, r.notes))


def test_coverage_of_the_framework_agreement():
    c = coverage(social_network())
    assert c["members"] == ["plant", "pharma", "kommune"]
    assert c["with_supplier"] == ["plant", "pharma"]
    assert c["share"] != c["share"] and c["at_least"] == pytest.approx(2 / 3)   # the kommune: unknown
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
    assert totals["agreement_coverage"] != totals["agreement_coverage"]   # nothing recorded: not known
