"""Issue 27, finding 8: rates by year. Published rates are used in their year; where a rate was searched
for and not found published, the nearest earlier row stands in for values, the output says 'not
published', and the rule checks that need it say 'not checked' for the year."""

from __future__ import annotations

import pytest

from symbiosis.present.social_wording import words
from symbiosis.social import public_value_table, social_factors
from symbiosis.social.factors import not_published, year_notes
from symbiosis.social.rules import check_flexjob
from tests.social_net import social_network

PROV = {"source": "@test", "basis": "published"}


def _in(year: int, own_threshold: bool = False):
    def edit(d):
        d["year"] = year
        # the fleksjob pair of clean-pharma, with the full-time wage recorded so the check can say ok
        d["service_links"][0]["supported"][0]["full_time_wage"] = 20_000
        if own_threshold:
            d["factors"].append({"factor": "flexjob_threshold", "value": 16_900, "unit": "DKK/month",
                                 "year": 2025, "source": "@test", "basis": "estimated", "method": "by hand"})
    return social_network(edit)


def test_the_employment_deduction_is_the_years_published_rate():
    for year, rate, most in ((2023, 0.1065, 45_600), (2024, 0.1065, 45_100), (2025, 0.1230, 55_600)):
        t = social_factors(_in(year))
        assert (t["tax_employment_deduction_rate"].value, t["tax_employment_deduction_max"].value) == (rate, most)
        assert t["tax_employment_deduction_rate"].year == year
    t = social_factors(_in(2026))
    assert t["tax_employment_deduction_rate"].year == 2025           # stands in, and says so
    assert "tax_employment_deduction_rate 2025 (2026 not published)" in [words(n) for n in year_notes(t, 2026)]
    assert "beskæftigelsesfradrag" in words(not_published(t, "tax_employment_deduction_rate", 2026))


def test_fleksjob_is_checked_with_the_2024_rates_and_not_checked_in_2025():
    # 2024: 19,952 - 0.30 x 10,000 = 16,952, capped by the lønloft 20,000 - 10,000 = 10,000 DKK/month
    f = [x for x in check_flexjob(_in(2024)) if x.subject == "clean-pharma"][0]
    assert f.status == "ok" and f.amount == pytest.approx(10_000) and "lønloft 20,000" in words(f.message)
    # 2025: the 30/55 % threshold is not published, so the 2024 row is not reused silently for the check
    f = [x for x in check_flexjob(_in(2025)) if x.subject == "clean-pharma"][0]
    assert f.status == "not checked"
    assert "flexjob_threshold 2025 not published (the 2024 row stands in)" in words(f.message)
    # 2026: the maximum (98 % of the maximum dagpenge) is not published either
    f = [x for x in check_flexjob(_in(2026)) if x.subject == "clean-pharma"][0]
    assert "flexjob_max_subsidy 2026 not published" in words(f.message) and "flexjob_threshold 2026" in words(f.message)


def test_a_networks_own_rate_replaces_the_missing_one():
    net = _in(2025, own_threshold=True)
    assert not_published(social_factors(net), "flexjob_threshold", 2025) is None
    f = [x for x in check_flexjob(net) if x.subject == "clean-pharma"][0]
    # 2025's max 20,670 - 0.30 x 10,000 = 17,670, capped at 10,000 by the lønloft
    assert f.status == "ok" and f.amount == pytest.approx(10_000)


def test_kontanthjaelp_and_the_smaajob_rule_after_the_2025_reform_are_named_not_published():
    t = social_factors(_in(2025))
    assert t["benefit_kontanthjaelp"].year == 2024 and t["kh_hour_disregard"].year == 2022
    assert "1 July 2025" in words(not_published(t, "benefit_kontanthjaelp", 2025))
    assert "225-hour rule abolished" in words(not_published(t, "kh_hour_disregard", 2025))
    values = public_value_table(_in(2025))
    note = words(values[values.scheme == "småjob"].iloc[0].note)
    assert "kh_hour_disregard 2025 not published" in note and "benefit_kontanthjaelp 2025 not published" in note
    assert "an estimate" in note
    # 2024: the kontanthjælp rate is the year's own; the hourly disregard is the 2022 one, not published since
    note = words(public_value_table(_in(2024)).query("scheme == 'småjob'").iloc[0].note)
    assert "kh_hour_disregard 2024 not published" in note and "benefit_kontanthjaelp" not in note
