"""Validation of networks: one test per rule, each checking the field path and the message.

Variations are built from tests/fixtures/tiny.yaml as a dict and validated with
``network_from_dict(data, "x.yaml")``; every error must be a SymbiosisError
naming the file, the field path and what would be valid.
"""

from __future__ import annotations

import networkx as nx
import pydantic
import pytest

from symbiosis.engine import solve_network
from symbiosis.errors import SymbiosisError
from symbiosis.io import network_from_dict, network_to_dict
from symbiosis.model import Network
from tests.conftest import problem_at, problems_of, tiny_dict

PROV = {"source": "@test", "basis": "published"}


def q(value, **extra) -> dict:
    return {"value": value, **PROV, **extra}


def with_process(d: dict, **over) -> dict:
    """Add a small valid process at the plant: 1 gypsum -> 2 steam."""
    p = {"id": "dryer", "actor": "plant", "name": "Gypsum dryer", "activity_unit": "t gypsum",
         "inputs": {"gypsum": 1.0}, "outputs": {"steam": 2.0}, "capacity": q(10), "ratios": dict(PROV)}
    p.update(over)
    d["processes"] = [p]
    return d


def with_service_link(d: dict, **over) -> dict:
    """Add a social-economy enterprise serving the pharma plant."""
    d["actors"].append({"id": "social", "name": "Social enterprise", "kind": "social_enterprise",
                        "location": {"lat": 55.6, "lon": 11.1, **PROV}})
    link = {"id": "canteen", "provider": "social", "client": "pharma", "service": "canteen",
            "start": 2015, "provenance": dict(PROV),
            "supported": [{"scheme": "fleksjob", "persons": 3, "fte": 1.5, "provenance": dict(PROV)}]}
    link.update(over)
    d["service_links"] = [link]
    return d


# -- positive controls: the variations below fail only for the reason tested ---------

def test_tiny_is_valid():
    net = network_from_dict(tiny_dict(), "x.yaml")
    assert [a.id for a in net.actors] == ["plant", "pharma", "boards"]
    assert net.streams[1].target_resource == "natural-gypsum"
    assert net.supplies[0].quantity.unit == "t"
    assert net.factor_value("virgin_price", "steam") == 200
    assert net.factor_value("virgin_price", "gypsum") is None
    assert net.factor_value("virgin_price", "gypsum", default=7.0) == 7.0


def test_process_and_service_link_helpers_are_valid():
    net = network_from_dict(with_service_link(with_process(tiny_dict())), "x.yaml")
    assert net.processes[0].outputs == {"steam": 2.0}
    assert net.service_links[0].supported_persons == 3


# -- unknown ids ------------------------------------------------------------------

@pytest.mark.parametrize("table,index,field,bad,what", [
    ("supplies", 0, "actor", "plnt", "actor"),
    ("supplies", 1, "resource", "gipsum", "resource"),
    ("demands", 0, "actor", "farma", "actor"),
    ("demands", 1, "resource", "natural", "resource"),
    ("streams", 0, "supplier", "plnt", "actor"),
    ("streams", 1, "receiver", "bords", "actor"),
    ("streams", 0, "resource", "steem", "resource"),
    ("streams", 1, "replaces", "natural", "resource"),
])
def test_unknown_id(table, index, field, bad, what):
    d = tiny_dict()
    d[table][index][field] = bad
    p = problem_at(d, f"{table}[{index}].{field}", f"unknown {what} '{bad}'")
    valid = "plant, pharma, boards" if what == "actor" else "steam, gypsum, natural-gypsum"
    assert f"valid: {valid}" in p.message


def test_unknown_stream_receiver_is_reported_once():
    """An unknown receiver is not also reported as 'has no demand'."""
    d = tiny_dict()
    d["streams"][1]["receiver"] = "bords"
    problems = problems_of(d)
    assert [p.path for p in problems] == ["streams[1].receiver"]


def test_unknown_process_actor():
    d = with_process(tiny_dict(), actor="nobody")
    problem_at(d, "processes[0].actor", "unknown actor 'nobody'", "valid: plant, pharma, boards")


@pytest.mark.parametrize("side", ["inputs", "outputs"])
def test_unknown_process_resource(side):
    d = with_process(tiny_dict(), **{side: {"unobtainium": 1.0}})
    problem_at(d, f"processes[0].{side}.unobtainium", "unknown resource 'unobtainium'")


def test_process_without_output():
    d = with_process(tiny_dict(), outputs={})
    problem_at(d, "processes[0].outputs", "at least one output")


def test_process_output_counts_as_supply_for_a_stream():
    """A stream may start from a process output instead of a supply row."""
    d = with_process(tiny_dict(), inputs={"steam": 1.0}, outputs={"gypsum": 0.5})
    d["supplies"] = [s for s in d["supplies"] if s["resource"] != "gypsum"]
    net = network_from_dict(d, "x.yaml")
    assert net.streams[1].resource == "gypsum"


@pytest.mark.parametrize("field,what", [("provider", "actor"), ("client", "actor")])
def test_unknown_service_link_end(field, what):
    d = with_service_link(tiny_dict(), **{field: "ghost"})
    problem_at(d, f"service_links[0].{field}", "unknown actor 'ghost'", "valid: plant, pharma, boards, social")


# -- duplicates --------------------------------------------------------------------

@pytest.mark.parametrize("table", ["resources", "actors", "streams", "processes", "service_links"])
def test_duplicate_id(table):
    d = with_service_link(with_process(tiny_dict()))
    first = d[table][0]
    d[table].append(dict(first))
    last = len(d[table]) - 1
    problem_at(d, f"{table}[{last}].id", f"duplicate id '{first['id']}'", f"first used at {table}[0]")


def test_duplicate_supply_row():
    d = tiny_dict()
    d["supplies"].append({"actor": "plant", "resource": "steam", "quantity": q(5)})
    problem_at(d, "supplies[2]", "already has a supply of 'steam' at supplies[0]", "merge")


def test_duplicate_demand_row():
    d = tiny_dict()
    d["demands"].append({"actor": "pharma", "resource": "steam", "quantity": q(5)})
    problem_at(d, "demands[2]", "already has a demand of 'steam' at demands[0]")


def test_duplicate_factor_row():
    d = tiny_dict()
    d["factors"].append(dict(d["factors"][0], value=250))
    problem_at(d, "factors[8]", "second row for virgin_price of 'steam'", "first at factors[0]")


# -- field-level rules (pydantic) ---------------------------------------------------

@pytest.mark.parametrize("where,path", [
    (lambda d: d["supplies"][0]["quantity"], "supplies[0].quantity.value"),
    (lambda d: d["demands"][1]["quantity"], "demands[1].quantity.value"),
    (lambda d: d["streams"][0]["observed"], "streams[0].observed.value"),
    (lambda d: d["streams"][0]["capacity"], "streams[0].capacity.value"),
])
def test_negative_quantity(where, path):
    d = tiny_dict()
    where(d)["value"] = -5
    p = problem_at(d, path, "greater than or equal to 0", "-5")
    assert "x.yaml" in p.render("x.yaml")


def test_infinite_quantity():
    d = tiny_dict()
    d["supplies"][0]["quantity"]["value"] = float("inf")
    problem_at(d, "supplies[0].quantity.value", "finite")


@pytest.mark.parametrize("table,index,field", [
    ("actors", 0, "kind"), ("streams", 0, "receiver"), ("resources", 1, "unit"),
    ("supplies", 0, "quantity"), ("factors", 0, "value"),
])
def test_missing_required_field(table, index, field):
    d = tiny_dict()
    del d[table][index][field]
    problem_at(d, f"{table}[{index}].{field}", "missing", "required")


def test_missing_nested_field():
    d = tiny_dict()
    del d["actors"][2]["location"]["lat"]
    problem_at(d, "actors[2].location.lat", "missing")


def test_unknown_extra_field_names_the_valid_ones():
    d = tiny_dict()
    d["streams"][0]["recever"] = d["streams"][0].pop("receiver")
    problems = problems_of(d)
    paths = {p.path: p.message for p in problems}
    assert "streams[0].recever" in paths and "streams[0].receiver" in paths
    assert "unknown field" in paths["streams[0].recever"]
    assert "receiver" in paths["streams[0].recever"] and "supplier" in paths["streams[0].recever"]


def test_unknown_nested_field_lists_the_nested_model_fields():
    d = tiny_dict()
    d["streams"][0]["observed"]["valu"] = 3
    p = problem_at(d, "streams[0].observed.valu", "unknown field")
    assert "value" in p.message and "basis" in p.message
    assert "receiver" not in p.message  # the Quantity's fields, not the Stream's


def test_unknown_top_level_field():
    d = tiny_dict()
    d["stream"] = []
    problem_at(d, "stream", "unknown field", "streams")


def test_bad_literal_names_what_was_given():
    d = tiny_dict()
    d["actors"][0]["kind"] = "factory"
    problem_at(d, "actors[0].kind", "'factory'", "utility")


def test_bad_id_pattern():
    d = tiny_dict()
    d["actors"][0]["id"] = "Power Plant"
    problem_at(d, "actors[0].id", "lower-case")


def test_estimated_number_needs_method():
    d = tiny_dict()
    d["supplies"][0]["quantity"]["basis"] = "estimated"
    problem_at(d, "supplies[0].quantity", "method")
    d["supplies"][0]["quantity"]["method"] = "scaled from the 2019 annual report"
    assert network_from_dict(d, "x.yaml").supplies[0].quantity.method.startswith("scaled")


# -- units --------------------------------------------------------------------------

@pytest.mark.parametrize("where,path", [
    (lambda d: d["supplies"][0]["quantity"], "supplies[0].quantity.unit"),
    (lambda d: d["demands"][0]["quantity"], "demands[0].quantity.unit"),
    (lambda d: d["streams"][0]["observed"], "streams[0].observed.unit"),
])
def test_quantity_unit_must_match_resource(where, path):
    # a unit of another dimension cannot be converted (symbiosis.model.units): the message names both
    d = tiny_dict()
    where(d)["unit"] = "MWh"
    problem_at(d, path, "'MWh' is an energy", "the resource is measured in t, a mass", "write the value in t")


def test_factor_unit_must_fit_resource():
    d = tiny_dict()
    d["factors"][2]["unit"] = "DKK/m3"  # disposal_cost of gypsum, measured in t
    problem_at(d, "factors[2].unit", "'DKK/m3' does not fit resource 'gypsum'", "expected 'DKK/t'")


def test_factor_unit_ignores_spaces():
    d = tiny_dict()
    d["factors"][4]["unit"] = "tCO2e / t"
    network_from_dict(d, "x.yaml")


def test_resource_factor_needs_resource_and_mode_factor_needs_mode():
    d = tiny_dict()
    del d["factors"][0]["resource"]
    del d["factors"][7]["mode"]
    problems = problems_of(d)
    assert any(p.path == "factors[0].resource" and "name it" in p.message for p in problems)
    assert any(p.path == "factors[7].mode" and "transport mode" in p.message for p in problems)


# -- streams against supplies and demands ---------------------------------------------

def test_stream_supplier_without_supply():
    d = tiny_dict()
    d["supplies"] = [s for s in d["supplies"] if s["resource"] != "gypsum"]
    problem_at(d, "streams[1].resource", "'plant' has no supply (or process output) of 'gypsum'")


def test_stream_receiver_without_demand_and_replaces_fixes_it():
    d = tiny_dict()
    del d["streams"][1]["replaces"]
    problem_at(d, "streams[1].receiver", "'boards' has no demand (or process input) of 'gypsum'",
               "set 'replaces'")
    d["streams"][1]["replaces"] = "natural-gypsum"
    assert network_from_dict(d, "x.yaml").streams[1].target_resource == "natural-gypsum"


def test_stream_replacing_something_the_receiver_does_not_need():
    d = tiny_dict()
    d["streams"][1]["replaces"] = "steam"
    problem_at(d, "streams[1].receiver", "no demand", "'steam'", "replaces 'steam'")


def test_stream_to_itself():
    d = tiny_dict()
    d["streams"][0]["receiver"] = "plant"
    problem_at(d, "streams[0].receiver", "another actor than its supplier")


# -- years --------------------------------------------------------------------------

def test_stream_end_before_start():
    d = tiny_dict()
    d["streams"][0].update(status="historic", start=1982, end=1980)
    problems = problems_of(d)
    assert [(p.path, p.message) for p in problems] == [("streams[0].end", "1980 is before start 1982")]


def test_active_stream_outside_network_year():
    d = tiny_dict()
    d["streams"][0]["start"] = 2021
    problem_at(d, "streams[0].status", "'active'", "network year 2020", "historic")


def test_active_stream_that_ended():
    d = tiny_dict()
    d["streams"][0]["end"] = 2019
    problem_at(d, "streams[0].status", "1982-2019", "network year 2020")


def test_historic_stream_needs_end():
    d = tiny_dict()
    d["streams"][0]["status"] = "historic"
    problem_at(d, "streams[0].end", "historic stream needs an end year before the network year 2020")
    d["streams"][0]["end"] = 2010
    net = network_from_dict(d, "x.yaml")
    assert [s.id for s in net.streams_in_year()] == ["gypsum-to-boards"]
    assert [s.id for s in net.streams_in_year(2005)] == ["steam-to-pharma", "gypsum-to-boards"]


def test_candidate_streams_do_not_run():
    d = tiny_dict()
    d["streams"][0]["status"] = "candidate"
    net = network_from_dict(d, "x.yaml")
    assert [s.id for s in net.streams_in_year()] == ["gypsum-to-boards"]


def test_member_until_before_member_since():
    d = tiny_dict()
    d["actors"][0].update(member_since=1990, member_until=1980)
    problem_at(d, "actors[0].member_until", "1980 is before member_since 1990")


def test_service_link_end_before_start():
    d = with_service_link(tiny_dict(), start=2015, end=2010)
    problem_at(d, "service_links[0].end", "2010 is before start 2015")


# -- quantities against each other ------------------------------------------------------

def test_observed_above_capacity():
    d = tiny_dict()
    d["streams"][0]["observed"]["value"] = 95
    problem_at(d, "streams[0].observed", "observed 95 exceeds capacity 90")
    d["streams"][0]["observed"]["value"] = 90  # at capacity is fine
    network_from_dict(d, "x.yaml")


# -- sources ----------------------------------------------------------------------------

def test_unknown_source_key():
    d = tiny_dict()
    d["supplies"][0]["quantity"]["source"] = "@tset"
    problem_at(d, "supplies[0].quantity.source", "unknown source key '@tset'", "valid: @test")


def test_unknown_source_key_in_factor_and_location():
    """One undeclared key cited twice is one mistake, at its first use, naming the other and the fix."""
    d = tiny_dict()
    d["factors"][1]["source"] = "@nope"
    d["actors"][1]["location"]["source"] = "@nope"
    problems = [p for p in problems_of(d) if "@nope" in p.message]
    assert [p.path for p in problems] == ["actors[1].location.source"]
    assert "also cited by 1 more (factors[1].source)" in problems[0].message
    assert "Declare it once there" in problems[0].message


def test_undeclared_estimate_is_one_mistake_with_the_fix():
    """Every number of the template citing '@estimate' without a declaration: one mistake, not one per use."""
    import yaml

    from symbiosis.io.template import template_text

    text = template_text("t").replace("\n  estimate: ", "\n  not-estimate: ").replace('"@example"', '"@estimate"')
    problems = problems_of(yaml.safe_load(text))
    assert len(problems) == 1, problems
    assert problems[0].path == "actors[0].location.source"
    assert "also cited by 30 more" in problems[0].message
    assert "estimate: {title:" in problems[0].message


def test_source_key_without_any_sources_table():
    """'@test' cannot resolve when the network defines no sources at all."""
    d = tiny_dict()
    del d["sources"]
    problem_at(d, "actors[0].location.source", "unknown source key '@test'", "(none defined)", "also cited by 17")


def test_free_text_citation_is_accepted():
    d = tiny_dict()
    d["supplies"][0]["quantity"]["source"] = "Kalundborg Symbiosis annual report 2020, p. 4"
    network_from_dict(d, "x.yaml")


# -- service links ------------------------------------------------------------------------

def test_service_link_provider_must_be_social_enterprise():
    d = with_service_link(tiny_dict(), provider="plant")
    problem_at(d, "service_links[0].provider", "'plant' is a utility", "not a social_enterprise")


# -- factors ------------------------------------------------------------------------------

def test_negative_factor_other_than_disposal_cost():
    d = tiny_dict()
    d["factors"][4]["value"] = -0.2  # virgin_co2e of steam
    problem_at(d, "factors[4].value", "-0.2 is negative", "only a disposal_cost")


def test_negative_disposal_cost_is_a_sale():
    d = tiny_dict()
    d["factors"][2]["value"] = -20  # gypsum sold off at 20 DKK/t
    assert network_from_dict(d, "x.yaml").factor_value("disposal_cost", "gypsum") == -20


def test_disposal_revenue_above_virgin_price():
    d = tiny_dict()
    d["factors"][3]["value"] = -250  # selling steam for 250 while it costs 200 to buy
    problems = problems_of(d)
    assert len(problems) == 1
    assert problems[0].path == "factors[3].value"
    assert "selling 'steam' off (250 DKK)" in problems[0].message
    assert "virgin (200 DKK)" in problems[0].message
    d["factors"][3]["value"] = -200  # break-even is allowed
    network_from_dict(d, "x.yaml")


# -- error rendering ----------------------------------------------------------------------

def test_all_problems_reported_together_in_file_order():
    d = tiny_dict()
    d["streams"][0]["supplier"] = "ghost"
    d["streams"][1]["receiver"] = "ghost"
    problems = problems_of(d)
    assert [p.path for p in problems] == ["streams[0].supplier", "streams[1].receiver"]


def test_error_lines_come_from_the_line_map():
    d = tiny_dict()
    d["streams"][1]["receiver"] = "bords"
    with pytest.raises(SymbiosisError) as info:
        network_from_dict(d, "x.yaml", {"streams[1]": 40, "streams[1].receiver": 43})
    assert info.value.problems[0].line == 43
    assert "x.yaml:43: streams[1].receiver: unknown actor 'bords'" in str(info.value)


# -- values are frozen ---------------------------------------------------------------------

def test_models_are_frozen():
    net = network_from_dict(tiny_dict(), "x.yaml")
    with pytest.raises(pydantic.ValidationError):
        net.name = "changed"
    with pytest.raises(pydantic.ValidationError):
        net.streams[0].observed.value = 1.0
    with pytest.raises(pydantic.ValidationError):
        net.actors[0].location.lat = 0.0
    assert net.name == "Tiny test symbiosis"


def test_model_copy_leaves_the_original_unchanged():
    net = network_from_dict(tiny_dict(), "x.yaml")
    stream = net.streams[0].model_copy(update={"observed": net.streams[0].observed.model_copy(update={"value": 80})})
    new = net.model_copy(update={"name": "Variant", "streams": [stream, net.streams[1]]})
    assert new.name == "Variant" and new.streams[0].observed.value == 80
    assert net.name == "Tiny test symbiosis" and net.streams[0].observed.value == 70
    assert network_from_dict(tiny_dict(), "x.yaml") == net


def test_model_copy_with_new_factors_is_not_served_stale_lookups():
    """The factor look-up is cached; a copy with other factors must not reuse the old cache."""
    net = network_from_dict(tiny_dict(), "x.yaml")
    assert net.factor_value("virgin_price", "steam") == 200
    factors = [f.model_copy(update={"value": 300.0}) if f.key == ("virgin_price", "steam", None, None) else f
               for f in net.factors]
    new = net.model_copy(update={"factors": factors})
    assert new.factor_value("virgin_price", "steam") == 300
    assert net.factor_value("virgin_price", "steam") == 200
    # 80 t steam x 300 + 60 t natural gypsum x 100 + 50 t gypsum disposal x 50
    assert solve_network(new, "counterfactual").totals["cost"] == pytest.approx(32500)
    assert solve_network(net, "counterfactual").totals["cost"] == pytest.approx(24500)


def test_model_copy_with_new_actors_and_resources_updates_lookups():
    net = network_from_dict(tiny_dict(), "x.yaml")
    assert "pharma" in net.actor and "steam" in net.resource
    new = net.model_copy(update={"actors": [a.model_copy(update={"name": "Renamed"}) for a in net.actors],
                                 "resources": [r.model_copy(update={"name": "R"}) for r in net.resources]})
    assert new.actor["pharma"].name == "Renamed"
    assert new.resource["steam"].name == "R"
    assert net.actor["pharma"].name == "Pharma plant"


def test_round_trip_through_dict():
    net = network_from_dict(tiny_dict(), "x.yaml")
    again = network_from_dict(network_to_dict(net), "y.yaml")
    assert again == net
    assert isinstance(again, Network)


# -- networkx -------------------------------------------------------------------------

def test_to_networkx():
    net = network_from_dict(with_service_link(tiny_dict()), "x.yaml")
    g = net.to_networkx()
    assert isinstance(g, nx.MultiDiGraph)
    assert sorted(g.nodes) == ["boards", "pharma", "plant", "social"]
    assert g.nodes["plant"]["lat"] == 55.66 and g.nodes["plant"]["lon"] == 11.08
    assert g.nodes["pharma"]["kind"] == "industry"
    assert g.graph["year"] == 2020

    streams = [(u, v, k) for u, v, k, t in g.edges(keys=True, data="edge_type") if t == "stream"]
    services = [(u, v, k) for u, v, k, t in g.edges(keys=True, data="edge_type") if t == "service"]
    assert sorted(streams) == [("plant", "boards", "gypsum-to-boards"), ("plant", "pharma", "steam-to-pharma")]
    assert services == [("social", "pharma", "canteen")]
    assert g.number_of_edges() == 3

    gyp = g.edges["plant", "boards", "gypsum-to-boards"]
    assert gyp["unit"] == "t" and gyp["resource"] == "gypsum" and gyp["replaces"] == "natural-gypsum"
    assert gyp["mode"] == "truck"
    assert g.edges["plant", "pharma", "steam-to-pharma"]["observed"]["value"] == 70
    assert g.edges["social", "pharma", "canteen"]["service"] == "canteen"


def test_to_networkx_keeps_parallel_streams():
    d = tiny_dict()
    d["streams"].append(dict(d["streams"][0], id="steam-backup", observed=q(5), capacity=q(10)))
    g = network_from_dict(d, "x.yaml").to_networkx()
    assert set(g["plant"]["pharma"]) == {"steam-to-pharma", "steam-backup"}


def test_collections_are_frozen_and_replace_revalidates(tiny_data):
    net = network_from_dict(tiny_data, "x.yaml")
    with pytest.raises(AttributeError):
        net.streams.append(net.streams[0])  # tuples: a network cannot be changed in place
    later = net.replace(year=2021)
    assert later.year == 2021 and net.year == 2020
    bad = net.streams[0].model_copy(update={"receiver": "nobody"})
    with pytest.raises(SymbiosisError) as info:
        net.replace(streams=(bad,) + net.streams[1:])
    assert any(p.path == "streams[0].receiver" and "nobody" in p.message for p in info.value.problems)
