"""The framework agreement rolled out to all twelve members (examples/framework-agreement-rollout.yaml):
the social_economy event, and what the roll-out shows year by year."""

from __future__ import annotations

import pytest

import symbiosis as sym
from symbiosis.errors import SymbiosisError
from symbiosis.io import load_network
from symbiosis.present.social_wording import words
from symbiosis.scenario import load_scenario
from symbiosis.scoring import tbl_report
from symbiosis.social import agreement_coverage, coverage, social_totals
from tests.paths import EXAMPLES

ROLLOUT = EXAMPLES / "framework-agreement-rollout.yaml"


@pytest.fixture(scope="module")
def spec():
    return load_scenario(ROLLOUT)


def test_todays_data_is_untouched(spec):
    # the roll-out's estimates live in the scenario, never in the bundled network
    assert spec.base.model_dump() == load_network("kalundborg").model_dump()
    assert not spec.base.member_jobs and not spec.base.service_needs


def test_every_number_of_the_scenario_is_an_estimate_that_says_how(spec):
    for ev in spec.scenario.events:
        rows = [getattr(ev, f, []) for f in ("agreements", "member_jobs", "catalogue", "service_links",
                                             "service_needs", "workplaces", "enterprises")]
        for row in [r for rs in rows for r in rs]:
            prov = row.provenance
            assert prov.basis == "estimated" and prov.method, row


def test_2024_every_member_has_its_agreement_and_buys(spec):
    net = spec.network(2024)
    assert agreement_coverage(net)["share"] == coverage(net)["share"] == 1.0
    levels = {a.member: a.ambition for a in net.agreements if a.framework}
    assert levels["novo-nordisk"] == "højt" and levels["unibio"] == "grundniveau" and len(levels) == 12
    # the kommune's agreement with SYMB of 2021 stays, outside the framework
    assert any(a.id == "kommune-symb-2021" for a in net.agreements)


def test_jobs_inside_members_from_2025(spec):
    before, after = social_totals(spec.network(2024)), social_totals(spec.network(2025))
    # 10 + 5 at Novo Nordisk, 4 at Novozymes, 8 + 4 fleksjob and 5 småjob at the kommune
    assert after["supported_persons"] - before["supported_persons"] == pytest.approx(36)
    # supported per employee counts Novo Nordisk's own staff alone (the one member with an employee count),
    # like the 10 % targets; the green maintenance link and the bicycle småjob are its value chain
    assert after["supported_share"] == pytest.approx((10 + 5) / 3200)  # symbiosis.dk: "about 3,200"


def test_2027_the_pejlemaerker_and_the_assignment(spec):
    net = spec.network(2027)
    r = tbl_report(net, objective="cost")
    aims = r.observed.aims.set_index(["key", "scope"]).status
    assert aims["P1", "network"] == aims["P4", "network"] == aims["P5", "network"] == "yes"
    assert aims["P2", "kalundborg-kommune"] == "yes"
    # the social index: full coverage and agreements; 15 of Novo Nordisk's own 3,200 staff vs 10 %
    assert r.observed.index["index"] == pytest.approx((1 + 1 + (15 / 3200) / 0.10) / 3)
    # the bicycle contract's value is estimated, but 9 persons are kept on in fleksjob (retention), whose
    # counterfactual is not ledighedsydelse: not valued, so the payers' value is not all known (D2)
    assert aims["D2", "network"] == "unknown"
    why = words(r.observed.aims.set_index(["key", "scope"]).why["D2", "network"])
    assert "member_jobs" in why and "(fleksjob)" in why
    a = r.assignment
    assert a is not None and not r.assignment_missing
    needs = a.needs.set_index(["client", "service"])
    # cleaning 1,800 h of 2,000 spare, IT 300 of 800; green maintenance 1,700 h against 1,600 spare: 100 from market
    assert needs.from_social_economy.sum() == pytest.approx(1800 + 300 + 1600)
    assert needs.from_market.xs("green maintenance", level="service").sum() == pytest.approx(100)
    assert a.supported_fte == pytest.approx(((1800 + 1600) * 0.62 + 300 * 0.84) / 1924)
    deals = a.agreements.set_index(["client", "service"]).action
    assert deals["orsted-asnaes", "cleaning"] == "covered by rollout-orsted-asnaes"
    assert deals["novo-nordisk", "cleaning"].startswith("new agreement: Novo Nordisk with Socialøkonomisk service")
    assert "procurement" in deals["kalundborg-forsyning", "IT service"]
    # § 65 at the new enterprise: 2 ordinary FTE allow 1 person in virksomhedspraktik
    ratio = [f for f in r.observed.findings if f.rule == "rimelighedskrav § 65"]
    assert [f.status for f in ratio] == ["ok"]
    # the written statement of stk. 6 is not in the roll-out's estimates: asked for, never 'ok'
    statement = [f for f in r.observed.findings if f.rule.endswith("stk. 6")]
    assert [f.status for f in statement] == ["not checked"]


def test_a_social_event_naming_an_unknown_member_is_refused(tmp_path):
    text = ROLLOUT.read_text(encoding="utf-8").replace("member: unibio,", "member: unibi0,")
    bad = tmp_path / "bad.yaml"
    bad.write_text(text.replace("network: kalundborg", "network: kalundborg"), encoding="utf-8")
    with pytest.raises(SymbiosisError, match="unibi0"):
        load_scenario(bad)


def test_the_rollout_simulates(spec):
    from symbiosis.simulate import run_scenario

    res = run_scenario(spec).results
    jobs = res[(res.scope == "network") & (res.indicator == "supported_fte")].set_index("year").value
    assert jobs[2024] > 0 and jobs[2025] > jobs[2024] and jobs[2027] == pytest.approx(jobs[2025])
    assert sym.__version__
