"""The social economy as data: agreements, jobs inside members, the catalogue, labels, public
buyers and workplaces load, are checked against the network, survive a table round trip and
leave with their actor."""

from __future__ import annotations

import pytest

from symbiosis.errors import SymbiosisError
from symbiosis.io.tables import read_tables, write_csv_folder, write_workbook
from symbiosis.scenario.events import remove_actors
from tests.social_net import social_network

PROV = {"source": "@test", "basis": "published"}


def social_rows(d: dict) -> None:
    """Add one row of every social-economy list to the hand-made network."""
    d["frameworks"] = [{"id": "fw", "name": "Framework", "signed": 2021, "date": "2021-10-15",
                        "members": ["plant", "pharma", "kommune"], "provenance": PROV}]
    d["agreements"] = [{"id": "pharma-2022", "member": "pharma", "framework": "fw", "status": "signed",
                        "enterprises": ["se-clean"], "services": ["cleaning", "canteen help"],
                        "hours_per_year": 1500, "ambition": "medium", "start": 2022, "provenance": PROV}]
    d["member_jobs"] = [{"member": "pharma", "scheme": "fleksjob", "purpose": "retention", "persons": 2,
                         "fte": 0.5, "monthly_wage": 8000, "full_time_wage": 30000, "provenance": PROV}]
    d["enterprises"] = [{"actor": "se-clean", "registered": "yes", "staff": 12, "staff_supported": 4,
                         "staff_scheme": "fleksjob", "provenance": PROV}]
    d["catalogue"] = [{"provider": "se-clean", "service": "cleaning", "capacity_hours": 2000, "price": 300,
                       "supported_share": 0.5, "scheme": "fleksjob", "provenance": PROV},
                      {"provider": "se-garden", "service": "green maintenance", "provenance": PROV}]
    d["labels"] = [{"holder": "boards", "label": "VI TAGER SOCIALT ANSVAR", "awarded": 2022,
                    "awarded_by": "se-clean", "provenance": PROV}]
    d["public_buyers"] = [{"actor": "kommune", "owner": "itself", "provenance": PROV}]
    d["workplaces"] = [{"actor": "se-garden", "p_number": "1012345678", "employees_fte": 4, "subsidised_fte": 0,
                        "under_18_fte": 0, "praktik_fte": 2, "loentilskud_fte": 0, "nytteindsats_fte": 0,
                        "months_averaged": 4, "provenance": PROV}]


def test_every_list_loads_and_round_trips_through_tables(tmp_path):
    net = social_network(social_rows)
    assert net.agreements[0].services == ("cleaning", "canteen help")
    assert net.catalogue[1].capacity_hours is None  # unknown stays unknown
    for fmt in ("csv", "xlsx"):
        target = tmp_path / ("t" if fmt == "csv" else "t.xlsx")
        (write_csv_folder if fmt == "csv" else write_workbook)(net, target)
        back = read_tables(target)
        assert back.model_dump() == net.model_dump()


@pytest.mark.parametrize("edit, path, message", [
    (lambda d: d["agreements"][0].update(member="boards"), "agreements[0].member", "not a member"),
    (lambda d: d["agreements"][0].update(framework="fw2"), "agreements[0].framework", "unknown framework"),
    (lambda d: d["agreements"][0].update(enterprises=["pharma"]), "agreements[0].enterprises[0]",
     "is of kind 'industry', not a social_enterprise"),
    (lambda d: d["catalogue"][0].update(provider="kommune"), "catalogue[0].provider", "not a social_enterprise"),
    (lambda d: d["member_jobs"][0].update(member="nobody"), "member_jobs[0].member", "unknown actor 'nobody'"),
    (lambda d: d["frameworks"][0].update(members=["plant", "nobody"]), "frameworks[0].members[1]",
     "unknown actor"),
    (lambda d: d["enterprises"].append(dict(d["enterprises"][0])), "enterprises[1].actor", "merge the two"),
    (lambda d: d["service_links"][0].update(contractor="pharma"), "service_links[0].contractor", "third firm"),
    (lambda d: d["agreements"][0].update(start=2022, end=2020), "agreements[0]", "before start"),
])
def test_mistakes_name_the_field(edit, path, message):
    def both(d):
        social_rows(d)
        edit(d)
    with pytest.raises(SymbiosisError) as err:
        social_network(both)
    text = str(err.value)
    assert path in text and message in text, text


def test_a_contractor_holds_the_contract_and_employs():
    net = social_network(lambda d: (social_rows(d), d["service_links"][0].update(contractor="boards")))
    link = net.service_links[0]
    assert (link.provider, link.contractor, link.employer) == ("se-clean", "boards", "boards")


def test_an_actor_leaving_takes_its_social_rows_with_it():
    net = social_network(social_rows)
    left = remove_actors(net, ["se-clean", "pharma"])
    left = left.replace()  # still a consistent network
    assert left.frameworks[0].members == ("plant", "kommune")
    assert not left.agreements and not left.member_jobs and not left.enterprises
    assert [e.provider for e in left.catalogue] == ["se-garden"]
    assert left.labels[0].holder == "boards"
