"""Files a newcomer can write (issue 24, item 7): unit spellings, grouped digits, rows for a group of
actors, provenance on distances and losses, estimate groups that must add up to a stated total."""

from __future__ import annotations

import pytest

from symbiosis.io import network_from_dict
from tests.conftest import problem_at, problems_of, tiny_dict

PUB = {"source": "@test", "basis": "published"}


def test_tonnes_as_a_resource_unit_is_t_and_its_factor_lines_fit():
    d = tiny_dict()
    d["resources"][1]["unit"] = "tonnes"
    d["resources"][2]["unit"] = "tonne"
    d["factors"][1]["unit"] = "DKK/tonne"  # natural gypsum, written with the alias too
    net = network_from_dict(d, "x.yaml")
    assert net.resource["gypsum"].unit == "t"
    assert net.resource["natural-gypsum"].unit == "t"
    assert net.factor_row("virgin_price", "natural-gypsum").unit == "DKK/t"


def test_cubic_metres_written_with_a_superscript():
    d = tiny_dict()
    d["supplies"][1]["quantity"] = {"value": "2 000 m³", **PUB}  # gypsum in t: a volume is the wrong kind
    problem_at(d, "supplies[1].quantity.value", "is a volume", "resource is measured in t")


def test_numbers_grouped_by_thin_or_plain_spaces_are_numbers():
    d = tiny_dict()
    d["supplies"][0]["quantity"] = {"value": "100", **PUB}
    d["demands"][0]["quantity"] = {"value": "0.08 kt", **PUB}
    d["factors"][0]["value"] = "1\u2009200"  # a thin space, as a word processor writes 1 200
    d["streams"][1]["transport_cost"] = "1 000"
    d["supplies"][1]["quantity"] = {"value": "50\u00a0000 kg", **PUB}  # a no-break space, then a unit
    net = network_from_dict(d, "x.yaml")
    assert net.factor_value("virgin_price", "steam") == 1200.0
    assert net.streams[1].transport_cost == 1000.0
    assert net.supplies[1].quantity.value == 50.0  # 50 000 kg in t
    assert net.demands[0].quantity.value == 80.0


def test_a_number_with_spaces_that_are_not_groups_says_so():
    d = tiny_dict()
    d["factors"][0]["value"] = "12 00"
    problem_at(d, "factors[0].value", "'12 00' has spaces inside a number", "25 000")
    d = tiny_dict()
    d["supplies"][0]["quantity"] = {"value": "10 0 t", **PUB}
    problem_at(d, "supplies[0].quantity.value", "not thousands groups")


def test_a_factor_row_for_a_group_of_actors_is_one_row_per_actor():
    d = tiny_dict()
    d["factors"].insert(0, {"factor": "disposal_cost", "resource": "steam", "value": 7, "unit": "DKK/t",
                            "actors": ["plant", "pharma", "boards"], "route": "condensed on site", **PUB})
    net = network_from_dict(d, "x.yaml")
    for actor in ("plant", "pharma", "boards"):
        row = net.factor_row("disposal_cost", "steam", actor=actor)
        assert (row.actor, row.value, row.route) == (actor, 7, "condensed on site")
    assert net.factor_row("disposal_cost", "steam").value == 0  # the row for every other actor stays
    # the rows the file wrote keep their index: a mistake in the next row is still reported at factors[1]
    d["factors"][1]["unit"] = "DKK/kg"
    problem_at(d, "factors[1].unit", "'DKK/kg' does not fit resource 'steam'")


def test_a_factor_row_for_every_actor_of_a_kind():
    d = tiny_dict()  # plant is a utility, pharma and boards industry
    d["factors"].append({"factor": "disposal_cost", "resource": "steam", "value": 3, "unit": "DKK/t",
                         "actors": {"kind": "industry"}, **PUB})
    net = network_from_dict(d, "x.yaml")
    assert [f.actor for f in net.factors if f.value == 3] == ["pharma", "boards"]
    d["factors"][-1]["actors"] = {"kind": "agriculture"}  # no actor of that kind: said, not silently nothing
    problem_at(d, "factors[8].actors", "no actor of kind 'agriculture'", "kinds in this file: industry, utility")
    d["factors"][-1]["actors"] = "pharma"
    problem_at(d, "factors[8].actors", "write a list of actor ids")


def test_a_group_row_naming_an_unknown_actor_is_reported():
    d = tiny_dict()
    d["factors"].append({"factor": "disposal_cost", "resource": "gypsum", "value": 7, "unit": "DKK/t",
                         "actors": ["plant", "nobody"], **PUB})
    problems = problems_of(d)
    assert any("unknown actor 'nobody'" in p.message for p in problems), problems


def test_distance_and_loss_carry_their_provenance():
    d = tiny_dict()
    d["streams"][0]["distance_km"] = {"value": 3.5, "source": "@test", "basis": "estimated",
                                      "method": "straight line x 1.3"}
    d["streams"][0]["loss"] = {"value": 0.05, **PUB}
    net = network_from_dict(d, "x.yaml")
    s = net.streams[0]
    assert (s.distance_km, s.loss) == (3.5, 0.05)
    assert s.provenance["distance_km"].method == "straight line x 1.3"
    assert s.provenance["loss"].basis == "published"
    again = network_from_dict(net.model_dump(mode="json", exclude_defaults=True), "again.yaml")
    assert again.streams[0] == s  # the dump reads back to the same stream
    assert len({s, again.streams[0], net.streams[1]}) == 2  # hashable (a set of streams), equal ones alike


def test_a_distance_citing_an_undeclared_source_is_caught():
    d = tiny_dict()
    d["streams"][0]["distance_km"] = {"value": 3.5, "source": "@map", "basis": "published"}
    problem_at(d, "streams[0].distance_km.source", "unknown source key '@map'")
    d = tiny_dict()
    d["streams"][0]["loss"] = {"value": 0.05, "source": "@test", "basis": "estimated"}
    problems = problems_of(d)
    assert any("must say how it was estimated" in p.message for p in problems), problems


def _with_total(value, members, tolerance=None):
    d = tiny_dict()
    total = {"id": "plant-steam-sold", "value": value, "members": members, **PUB}
    if tolerance is not None:
        total["tolerance"] = tolerance
    d["totals"] = [total]
    return d


def test_estimates_that_add_up_to_their_stated_total_pass():
    # steam 70 observed + gypsum 40 observed = 110 (both in t)
    net = network_from_dict(_with_total(110, ["streams.steam-to-pharma.observed",
                                              "streams.gypsum-to-boards.observed"]), "x.yaml")
    assert net.totals[0].members[1] == "streams.gypsum-to-boards.observed"
    network_from_dict(_with_total(150, ["supplies.plant.steam", "supplies.plant.gypsum"]), "x.yaml")


def test_estimates_that_do_not_add_up_are_one_mistake_with_the_sum():
    d = _with_total(120, ["streams.steam-to-pharma.observed", "streams.gypsum-to-boards.observed"])
    p = problem_at(d, "totals[0].value", "add up to 110, not the stated total 120", "off by -10")
    assert "streams.steam-to-pharma.observed 70" in p.message
    network_from_dict(_with_total(111, d["totals"][0]["members"], tolerance=0.01), "x.yaml")  # within 1 %


def test_a_total_names_its_members_where_they_are():
    d = _with_total(70, ["streams.steam-to-pharma.observd"])
    problem_at(d, "totals[0].members[0]", "not a member reference", "streams.<id>.observed")
    d = _with_total(70, ["streams.nope.observed"])
    problem_at(d, "totals[0].members[0]", "no stream 'nope'")
    d = _with_total(70, ["demands.boards.steam"])
    problem_at(d, "totals[0].members[0]", "no demand of 'steam' at 'boards'")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_provenance_of_a_distance_and_a_payment_survive_the_tables(tmp_path, fmt):
    from symbiosis.io.tables import read_tables, write_csv_folder, write_workbook

    d = tiny_dict()
    d["streams"][0]["distance_km"] = {"value": 3.5, "source": "@test", "basis": "estimated", "method": "map"}
    d["streams"][0]["payment"] = {"per_unit": 120, "payer": "receiver", **PUB}
    d["totals"] = [{"id": "t", "value": 70, "members": ["streams.steam-to-pharma.observed"], **PUB}]
    net = network_from_dict(d, "x.yaml")
    path = tmp_path / ("net.xlsx" if fmt == "xlsx" else "net")
    (write_workbook if fmt == "xlsx" else write_csv_folder)(net, path)
    back = read_tables(path)
    assert back.streams[0].provenance == net.streams[0].provenance
    assert back.streams[0].payment == net.streams[0].payment
    assert back.totals == net.totals


def test_the_template_declares_estimate_and_sources_its_distances():
    import yaml

    from symbiosis.io.template import template_text

    text = template_text("t")
    net = network_from_dict(yaml.safe_load(text), "t.yaml")
    assert "estimate" in net.sources
    steam = next(s for s in net.streams if s.distance_km is not None)
    assert steam.provenance["distance_km"].source == "@estimate"
    assert all(kind in text for kind in ('source: "@annual-report"', 'source: "Annual report 2023, p. 4"',
                                         'source: "@estimate", basis: estimated, method:'))


def test_show_sources_lists_distances_payments_primary_energy_and_totals():
    from symbiosis.present.network import provenance_rows

    d = tiny_dict()
    d["streams"][0]["distance_km"] = {"value": 3.5, "source": "@test", "basis": "estimated", "method": "map"}
    d["streams"][0]["payment"] = {"per_unit": 120, **PUB}
    d["resources"][0].update(carrier="energy", primary_energy={"value": 0.8, **PUB})
    d["totals"] = [{"id": "t", "value": 70, "members": ["streams.steam-to-pharma.observed"], **PUB}]
    rows = provenance_rows(network_from_dict(d, "x.yaml")).set_index("where")
    assert rows.loc["streams[0].distance_km steam-to-pharma", "method"] == "map"
    assert rows.loc["streams[0].payment steam-to-pharma (paid by the receiver)", "value"] == 120
    assert rows.loc["resources[0].primary_energy steam", "unit"] == "MWh/t"
    assert rows.loc["totals[0] t (1 members)", "value"] == 70
