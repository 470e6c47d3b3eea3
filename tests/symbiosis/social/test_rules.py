"""Each Danish rule check on a passing and a failing case."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from symbiosis.present.social_wording import words
from symbiosis.social import flexjob_subsidy
from symbiosis.social.checks import check_all
from symbiosis.social.rules import check_flexjob, check_market_price, check_ratio, ratio_limit
from tests.social_net import social_network


def _by(findings, subject, statement=False):
    """The findings on ``subject``; those of § 65 stk. 6 (the written statement) only with ``statement``."""
    return [f for f in findings if f.subject == subject and f.rule.endswith("stk. 6") == statement]


# -- market price ---------------------------------------------------------------
def test_market_price_passes_at_or_below_market():
    f = _by(check_market_price(social_network()), "clean-pharma")
    assert [x.status for x in f] == ["ok"]


def test_market_price_above_market_for_a_private_buyer_departs_from_the_model():
    # the plant is a private member: paying above market breaks no law, but not the agreement's market terms
    f = _by(check_market_price(social_network()), "garden-plant")
    assert [x.status for x in f] == ["warning"]
    assert f[0].where == "service_links[1].price"
    assert f[0].amount == pytest.approx(84_000 * 20 / 420)  # 4,000 DKK/yr of the annual value above market
    assert f[0].unit == "DKK/yr"
    assert "20.00 (5%) above market" in words(f[0].message) and "no law is broken" in words(f[0].message)
    assert "market terms" in words(f[0].message) and "agree a price of 400.00" in words(f[0].message)


@pytest.mark.parametrize("edit, why", [
    (lambda d: d["service_links"][1].update(client="kommune"), "a municipality"),
    (lambda d: d.update(public_buyers=[{"actor": "plant", "owner": "the municipality",
                                        "provenance": {"source": "@test", "basis": "published"}}]),
     "owned by the municipality"),
])
def test_market_price_above_market_for_a_public_buyer_is_illegal_support(edit, why):
    f = _by(check_market_price(social_network(edit)), "garden-plant")
    assert [x.status for x in f] == ["violation"]
    assert f"({why})" in words(f[0].message) and "support, which a public buyer may not give" in words(f[0].message)
    assert "lower the price to 400.00" in words(f[0].message) and f[0].amount == pytest.approx(4_000)


def test_market_price_far_below_market_is_a_warning_and_missing_prices_not_checked():
    def edit(d):
        d["service_links"][0]["price"] = 200  # 37.5 % under 320
    f = check_market_price(social_network(edit))
    assert _by(f, "clean-pharma")[0].status == "warning"
    assert _by(f, "clean-boards")[0].status == "not checked"
    assert "give price and market_price" in words(_by(f, "clean-boards")[0].message)
    assert "private buyer" in words(_by(f, "clean-boards")[0].message)


def test_market_price_without_annual_value_reports_per_unit():
    def edit(d):
        del d["service_links"][1]["annual_value"]
    f = _by(check_market_price(social_network(edit)), "garden-plant")[0]
    assert f.amount == pytest.approx(20) and f.unit == "DKK/unit"


# -- rimelighedskrav § 65 ---------------------------------------------------------------
@pytest.mark.parametrize("ordinary, limit", [(0, 1), (4, 1), (9.9, 1), (10, 2), (14, 2), (15, 3), (49, 9),
                                             (50, 10), (59, 10), (60, 11), (100, 15)])
def test_ratio_limit_matches_paragraph_65(ordinary, limit):
    # 1 per 5 up to 50 (at least 1), plus 1 per 10 beyond; Ligeværd's table: 10-14 -> 2, 50 -> 10
    assert ratio_limit(ordinary) == limit


def test_ratio_passes_within_the_limit():
    f = _by(check_ratio(social_network()), "se-clean")
    # 12 employed - 2 with wage subsidy (1 fleksjob + 1 løntilskud FTE) - 0 under 18 = 10 ordinary -> 2 allowed
    assert [x.status for x in f] == ["ok"]
    assert f[0].where == "workplaces[0]"
    text = words(f[0].message)
    assert "1 FTE in praktik/løntilskud/nytteindsats" in text and "= 10 ordinary allow 2" in text


def test_ratio_counts_the_whole_workplace_without_under_18s_and_with_nytteindsats():
    f = _by(check_ratio(social_network()), "se-garden")
    # 2 praktik (on the link) + 1 nytteindsats (not on any link) = 3; 10.5 - 0 - 1 under 18 = 9.5 ordinary -> 1
    assert [x.status for x in f] == ["violation"]
    assert f[0].amount == pytest.approx(2) and f[0].unit == "FTE"
    assert "(P-nr. 1000000002)" in words(f[0].message)
    assert "hire 5.5 more ordinary staff" in words(f[0].message)  # 15 ordinary allow 3


def test_ratio_asks_for_each_missing_workplace_field():
    def edit(d):
        del d["workplaces"][1]["under_18_fte"]
        del d["workplaces"][1]["months_averaged"]
    f = _by(check_ratio(social_network(edit)), "se-garden")
    assert f[0].status == "not checked" and f[0].where == "workplaces[1].under_18_fte"
    assert "workplaces[1].under_18_fte, workplaces[1].months_averaged" in words(f[0].message)


def test_ratio_without_a_workplace_asks_for_one_and_counts_provisionally():
    def edit(d):
        d["workplaces"] = d["workplaces"][:1]
    f = _by(check_ratio(social_network(edit)), "se-garden")
    assert f[0].status == "not checked" and f[0].where == "workplaces"
    assert "give workplaces: {actor: se-garden, p_number, employees_fte" in words(f[0].message)
    # provisionally: 11 employees recorded, nothing subsidised or under 18 on the links -> 11 ordinary allow 2
    assert "11 ordinary allow 2" in words(f[0].message) and "too many" not in words(f[0].message)


def test_ratio_warns_when_the_workplace_counts_fewer_than_the_links():
    def edit(d):
        d["workplaces"][1]["praktik_fte"] = 1
    f = _by(check_ratio(social_network(edit)), "se-garden")
    assert f[0].status == "warning" and f[0].where == "workplaces[1].praktik_fte"


def test_ratio_warns_on_another_averaging_period():
    f = _by(check_ratio(social_network(lambda d: d["workplaces"][0].update(months_averaged=12))), "se-clean")
    assert f[0].status == "warning" and "last 4 months" in words(f[0].message)


# -- fleksjob ---------------------------------------------------------------------------
def _flex(edit_person):
    def edit(d):
        edit_person(d["service_links"][0]["supported"][0])
    return [f for f in check_flexjob(social_network(edit)) if f.subject == "clean-pharma"]


def test_flexjob_passes_when_the_recorded_subsidy_is_right():
    f = _flex(lambda p: p.update(monthly_subsidy=16_952, full_time_wage=40_000))
    assert [x.status for x in f] == ["ok"]
    assert f[0].amount == pytest.approx(16_952)


def test_flexjob_without_the_full_time_wage_is_not_checked_never_ok():
    # the expert's case: two persons share 1.0 FTE at 10,000 each -> lønloft 20,000 derived, tilskud 10,000
    f = _flex(lambda p: None)
    assert [x.status for x in f] == ["not checked"]
    assert f[0].amount == pytest.approx(10_000)
    assert "lønloft 20,000 derived from the FTE share 0.5" in words(f[0].message)
    assert f[0].where.endswith(".full_time_wage")
    # a recorded subsidy that only disagrees with the derived lønloft is a warning, not a violation
    f = _flex(lambda p: p.update(monthly_subsidy=16_952))
    assert [x.status for x in f] == ["warning"] and "derived here" in words(f[0].message)
    # nothing to derive from (one person, 1.0 FTE): not checked, the subsidy an upper bound
    f = _flex(lambda p: p.update(persons=1))
    assert [x.status for x in f] == ["not checked"] and "no lønloft applied" in words(f[0].message)


def test_flexjob_fails_on_a_wrong_subsidy():
    f = _flex(lambda p: p.update(monthly_subsidy=19_952, full_time_wage=40_000))
    assert [x.status for x in f] == ["violation"]
    assert f[0].amount == pytest.approx(3_000)
    assert "but the rules give 16,952" in words(f[0].message)


def test_flexjob_fails_above_the_lonloft():
    f = _flex(lambda p: p.update(full_time_wage=25_000, monthly_subsidy=16_952))
    # due: min(19,952 - 3,000, 25,000 - 10,000) = 15,000; recorded 16,952 is wrong, and 10,000 + 16,952 > 25,000
    assert [x.status for x in f] == ["violation", "violation"]
    assert "but the rules give 15,000" in words(f[0].message)
    assert "exceeds the full-time wage 25,000 (lønloft) by 1,952" in words(f[1].message)


@pytest.mark.parametrize("wage, full_time, subsidy", [(10_000, 25_000, 15_000), (20_000, 30_000, 10_000)])
def test_flexjob_accepts_a_subsidy_capped_by_the_lonloft(wage, full_time, subsidy):
    # the worked cases: the correct, capped subsidy is not a violation
    f = _flex(lambda p: p.update(monthly_wage=wage, full_time_wage=full_time, monthly_subsidy=subsidy))
    assert [x.status for x in f] == ["ok"]
    assert f[0].amount == pytest.approx(subsidy)


def test_flexjob_fails_without_a_wage_paid():
    f = _flex(lambda p: p.update(monthly_wage=0))
    assert [x.status for x in f] == ["violation"]
    assert "employer must pay a wage" in words(f[0].message)


def test_flexjob_not_checked_without_wage():
    f = _flex(lambda p: p.pop("monthly_wage"))
    assert [x.status for x in f] == ["not checked"]


def test_check_all_puts_violations_first():
    statuses = [f.status for f in check_all(social_network())]
    assert statuses == sorted(statuses, key=["violation", "warning", "not checked", "ok"].index)
    assert statuses.count("violation") == 1  # § 65 at the garden enterprise (both statements given)
    assert statuses.count("warning") == 1    # the plant (private) pays the garden enterprise above market


@given(st.floats(0, 500), st.floats(0, 500))
def test_ratio_limit_never_falls_as_staff_grows(a, b):
    lo, hi = sorted((a, b))
    assert 1 <= ratio_limit(lo) <= ratio_limit(hi)


@given(st.floats(0, 60_000), st.floats(0, 60_000))
def test_fleksjob_work_pays_and_subsidy_falls_with_wage(w1, w2):
    lo, hi = sorted((w1, w2))
    assert flexjob_subsidy(hi) <= flexjob_subsidy(lo) + 1e-9
    # the reductions are 30 % and 55 %: each extra krone of wage leaves the person better off
    assert hi + flexjob_subsidy(hi) >= lo + flexjob_subsidy(lo) - 1e-9


# -- § 65 stk. 2 counts everyone under LAB kap. 11-13; stk. 6 asks for a written statement -------------
def test_ratio_counts_ressourceforloeb_in_praktik():
    """Issue 27: people in ressourceforløb (or jobafklaring) at a workplace are there in praktik under
    LAB kap. 11-13, so § 65 stk. 2 counts them: the laundry's 0.5 praktik + 0.5 ressourceforløb is 1.0."""
    from symbiosis.scenario import load_scenario
    from tests.paths import EXAMPLES

    net = load_scenario(EXAMPLES / "social-laundry.yaml").network(2025)
    f = _by(check_ratio(net), "social-laundry")
    assert [x.status for x in f] == ["not checked"]
    text = words(f[0].message)
    assert "1 FTE placed under LAB kap. 11-13" in text and "BEK nr. 2636 af 28/12/2021" in text
    assert "written_statement" in words(f[0].message)


def test_ratio_workplace_row_must_count_ressourceforloeb_as_praktik():
    def edit(d):
        d["service_links"][1]["supported"].append({"scheme": "ressourceforløb", "persons": 1, "fte": 0.5,
                                                   "provenance": {"source": "@test", "basis": "published"}})
    f = _by(check_ratio(social_network(edit)), "se-garden")
    # 2 praktik + 0.5 ressourceforløb on the links, but the workplace row counts 2 in praktik
    assert f[0].status == "warning" and f[0].where == "workplaces[1].praktik_fte"
    assert "fewer than the 2.5 FTE in virksomhedspraktik + ressourceforløb" in words(f[0].message)


@pytest.mark.parametrize("given, status", [(True, "ok"), (False, "violation"), (None, "not checked")])
def test_ratio_asks_for_the_written_statement_of_stk_6(given, status):
    def edit(d):
        if given is None:
            d["workplaces"][0].pop("written_statement")
        else:
            d["workplaces"][0]["written_statement"] = given
    f = _by(check_ratio(social_network(edit)), "se-clean", statement=True)
    assert [x.status for x in f] == [status] and f[0].where == "workplaces[0].written_statement"
    assert "stk. 6" in words(f[0].message)
