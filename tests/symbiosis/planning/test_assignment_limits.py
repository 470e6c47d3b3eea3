"""Issue 27, finding 10: the assignment counts praktik apart from jobs, respects § 65 at the provider's
workplace, closes pairs that fail a declared task fit, and says what it does not consider. Hand-solved."""

import pytest

from symbiosis.planning.assignment import assign_services, section65_room
from tests.social_net import social_network

FTE_HOURS = 1924
PROV = {"source": "@test", "basis": "published"}


def _net(need_hours=1500, loentilskud_fte=1.0, requires=(), workplaces=True):
    """Pharma needs cleaning at 320 DKK/h; the cleaning enterprise offers it by people in virksomhedspraktik
    (share 0.8, 290 DKK/h), the garden enterprise by people in fleksjob (share 0.5, 295 DKK/h, 1,000 h)."""
    def edit(d):
        d["service_offers"] = [
            {"provider": "se-clean", "service": "cleaning", "capacity_hours": 2000, "price": 290,
             "supported_share": 0.8, "scheme": "virksomhedspraktik", "meets": ["GMP area"], "provenance": PROV},
            {"provider": "se-garden", "service": "cleaning", "capacity_hours": 1000, "price": 295,
             "supported_share": 0.5, "scheme": "fleksjob", "provenance": PROV}]
        d["service_needs"] = [{"client": "pharma", "service": "cleaning", "hours": need_hours, "market_price": 320,
                               "requires": list(requires), "provenance": PROV}]
        d["workplaces"][0]["loentilskud_fte"] = loentilskud_fte
        if not workplaces:
            d["workplaces"] = []
    return social_network(edit)


def _hours(a):
    return a.links.set_index("provider").hours


def test_a_praktik_fte_does_not_count_like_a_fleksjob_fte():
    # counted apart: the jobs are maximised (fleksjob 1,000 h x 0.5 = 500 h of 1,924), though praktik has the
    # larger share (0.8); the remaining 500 h go to the cheaper praktik (290 + travel < the market's 320),
    # and count as offers: 500 x 0.8 = 400 h of 1,924
    a = assign_services(_net())
    h = _hours(a)
    assert h["se-garden"] == pytest.approx(1000) and h["se-clean"] == pytest.approx(500)
    assert a.supported_fte == pytest.approx(500 / FTE_HOURS)
    assert a.offer_fte == pytest.approx(400 / FTE_HOURS)
    rows = a.links.set_index("provider")
    assert rows.scheme["se-clean"] == "virksomhedspraktik" and rows.supported_fte["se-clean"] == 0


def test_section_65_caps_the_placements_at_the_providers_workplace():
    # se-clean's row: 12 employed - 2 subsidised - 0 under 18 = 10 ordinary allow 2; with 1.9 FTE in
    # løntilskud there already, the room is 0.1 FTE = 0.1 x 1,924 / 0.8 = 240.5 h of praktik; the rest of the
    # need (1,500 - 1,000 - 240.5 = 259.5 h) is bought at market
    net = _net(loentilskud_fte=1.9)
    assert section65_room(net)["se-clean"][0] == pytest.approx(0.1)
    a = assign_services(net)
    assert _hours(a)["se-clean"] == pytest.approx(240.5)
    assert a.needs.from_market.iloc[0] == pytest.approx(259.5)
    assert a.offer_fte == pytest.approx(0.1)
    # full: no room at all, so no praktik hours
    assert "se-clean" not in _hours(assign_services(_net(loentilskud_fte=2.0))).index


def test_without_a_workplaces_row_section_65_is_not_checked_and_said():
    a = assign_services(_net(workplaces=False))
    assert _hours(a)["se-clean"] == pytest.approx(500)                     # not capped...
    assert any(x.startswith("§ 65 at Cleaning enterprise: not checked (no workplaces row)")
               for x in a.not_considered)                                   # ...and the output says so


def test_a_declared_task_fit_forbids_a_pairing():
    # pharma's cleaning is in a GMP area: only the cleaning enterprise meets it, so the garden enterprise's
    # fleksjob hours are closed and all 1,500 h go to praktik (within se-clean's 2,000 h and room 1 FTE:
    # 1,500 x 0.8 / 1,924 = 0.62 FTE)
    a = assign_services(_net(requires=["GMP area"]))
    assert list(a.links.provider) == ["se-clean"] and _hours(a)["se-clean"] == pytest.approx(1500)
    assert a.supported_fte == 0 and a.offer_fte == pytest.approx(1200 / FTE_HOURS)
    assert "task fit closed 1 pair(s): se-garden for pharma (GMP area)" in a.not_considered
    # a requirement no offer meets: everything from the market
    b = assign_services(_net(requires=["GMP area", "ATEX zone"]))
    assert b.links.empty and b.needs.from_market.iloc[0] == pytest.approx(1500)


def test_the_assignment_says_what_it_does_not_consider():
    a = assign_services(_net())
    text = " | ".join(a.not_considered)
    for words in ("wishes, skills and health", "duration limits of virksomhedspraktik and løntilskud",
                  "outside this network", "travel time", "no need declares what it requires"):
        assert words in text


@pytest.mark.parametrize("edit, words", [
    (lambda d: d["service_needs"][0].update(requires="GMP area"), "service_needs[0].requires: must be a list"),
    (lambda d: d["service_offers"][0].update(meets=[5]), "service_offers[0].meets[0]: must be text"),
])
def test_bad_task_fit_inputs_name_file_and_field(tmp_path, edit, words):
    import yaml
    from click.testing import CliRunner

    from symbiosis.cli import main
    from tests.social_net import social_dict

    d = social_dict()
    edit(d)
    path = tmp_path / "net.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    r = CliRunner().invoke(main, ["validate", str(path)])
    assert r.exit_code == 2 and "net.yaml" in r.output and words in r.output and "Traceback" not in r.output
