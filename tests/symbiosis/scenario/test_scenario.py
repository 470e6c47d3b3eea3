"""Scenario files: events over years, uncertain parameters, and the messages for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.errors import SymbiosisError
from symbiosis.scenario import EVENT_TYPES, load_scenario, scenario_schema
from tests.paths import EXAMPLES, FIXTURES

TINY = FIXTURES / "tiny.yaml"
SCENARIO = FIXTURES / "tiny-scenario.yaml"


def write_scenario(tmp_path: Path, **fields) -> Path:
    doc = {"name": "test", "network": str(TINY), "horizon": "2020-2024", "events": [], **fields}
    path = tmp_path / "scenario.yaml"
    path.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    return path


def error_of(path: Path) -> str:
    with pytest.raises(SymbiosisError) as exc:
        load_scenario(path)
    return str(exc.value)


def demand(net, actor, resource):
    return next(d.quantity.value for d in net.demands if (d.actor, d.resource) == (actor, resource))


def test_growth_compounds_from_the_event_year_and_conversion_ends_supplies_and_streams():
    spec = load_scenario(SCENARIO)
    assert spec.scenario.years == [2020, 2021, 2022, 2023, 2024]
    # 80 t steam, +10 %/yr from 2022: 80, 80, 80, 88, 96.8
    assert [demand(spec.network(y), "pharma", "steam") for y in spec.scenario.years] == pytest.approx(
        [80, 80, 80, 88, 96.8])
    before, after = spec.network(2022), spec.network(2023)
    assert {s.resource for s in before.supplies} == {"steam", "gypsum"}
    assert {s.resource for s in after.supplies} == {"steam"}
    assert [s.id for s in after.streams] == ["steam-to-pharma"]
    assert after.year == 2023 and before.year == 2022
    # the base network is a frozen value that no event changes
    assert demand(spec.base, "pharma", "steam") == 80
    assert len(spec.base.streams) == 2


def test_actor_joins_and_leaves_and_a_stream_starts(tmp_path):
    newcomer = {
        "year": 2022, "type": "actor_joins",
        "actor": {"id": "laundry", "name": "Social-economy laundry", "kind": "social_enterprise",
                  "location": {"lat": 55.68, "lon": 11.09, "source": "@test", "basis": "published"}},
        "demands": [{"actor": "laundry", "resource": "steam",
                     "quantity": {"value": 5, "source": "@test", "basis": "estimated", "method": "by hand"}}],
        "streams": [{"id": "steam-to-laundry", "supplier": "plant", "receiver": "laundry", "resource": "steam"}],
    }
    path = write_scenario(tmp_path, events=[newcomer, {"year": 2024, "type": "actor_leaves", "actor": "boards"}])
    spec = load_scenario(path)
    assert "laundry" not in spec.network(2021).actor
    y22 = spec.network(2022)
    assert "laundry" in y22.actor and "steam-to-laundry" in [s.id for s in y22.streams]
    assert next(s for s in y22.streams if s.id == "steam-to-laundry").start == 2022
    y24 = spec.network(2024)
    assert "boards" not in y24.actor
    assert [s.id for s in y24.streams] == ["steam-to-pharma", "steam-to-laundry"]
    assert all(d.actor != "boards" for d in y24.demands)


def test_a_price_change_and_a_capacity_change(tmp_path):
    path = write_scenario(tmp_path, events=[
        {"year": 2021, "type": "change", "quantity": "factor", "factor": "virgin_price",
         "resource": "natural-gypsum", "scale": 1.5},
        {"year": 2023, "type": "change", "quantity": "capacity", "stream": "steam-to-pharma", "value": 60},
    ])
    spec = load_scenario(path)
    assert spec.network(2020).factor_value("virgin_price", "natural-gypsum") == 100
    assert spec.network(2021).factor_value("virgin_price", "natural-gypsum") == 150
    assert spec.network(2022).factor_value("virgin_price", "natural-gypsum") == 150
    assert next(s for s in spec.network(2023).streams if s.id == "steam-to-pharma").capacity.value == 60


def test_the_hash_changes_with_the_scenario_and_not_otherwise(tmp_path):
    a = load_scenario(SCENARIO)
    assert load_scenario(SCENARIO).hash == a.hash
    b = load_scenario(write_scenario(tmp_path, horizon="2020-2023"))
    assert b.hash != a.hash


# -- bad input -----------------------------------------------------------------------


def test_unknown_event_type_names_the_valid_ones(tmp_path):
    msg = error_of(write_scenario(tmp_path, events=[{"year": 2021, "type": "explode", "actor": "plant"}]))
    assert "events[0].type" in msg
    assert "unknown event type" in msg
    for kind in EVENT_TYPES:
        assert kind in msg
    assert "scenario.yaml" in msg


def test_event_naming_an_unknown_actor(tmp_path):
    msg = error_of(write_scenario(tmp_path, events=[{"year": 2021, "type": "actor_leaves", "actor": "asnaes"}]))
    assert "events[0].actor" in msg
    assert "unknown actor 'asnaes'" in msg
    assert "plant" in msg and "pharma" in msg  # what would be valid


def test_event_naming_an_actor_that_already_left(tmp_path):
    msg = error_of(write_scenario(tmp_path, events=[
        {"year": 2021, "type": "actor_leaves", "actor": "boards"},
        {"year": 2022, "type": "change", "quantity": "demand", "actor": "boards", "resource": "natural-gypsum",
         "scale": 2}]))
    assert "events[1].actor" in msg and "unknown actor 'boards'" in msg


def test_contradictory_events_in_one_year(tmp_path):
    msg = error_of(write_scenario(tmp_path, events=[
        {"year": 2022, "type": "convert", "actor": "plant", "ends": ["gypsum"]},
        {"year": 2022, "type": "actor_leaves", "actor": "plant"}]))
    assert "events[1]" in msg and "contradicts events[0]" in msg and "2022" in msg and "actor 'plant'" in msg
    msg = error_of(write_scenario(tmp_path, events=[
        {"year": 2022, "type": "change", "quantity": "demand", "actor": "pharma", "resource": "steam", "value": 10},
        {"year": 2022, "type": "change", "quantity": "demand", "actor": "pharma", "resource": "steam", "scale": 2}]))
    assert "contradicts events[0]" in msg and "demand of 'steam' at 'pharma'" in msg


@pytest.mark.parametrize("dist, fragment", [
    ({"distribution": "uniform", "low": 1.2, "high": 0.8}, "high 0.8 is below low 1.2"),
    ({"distribution": "normal", "mean": 1.0, "sd": -0.1}, "sd -0.1 is negative"),
    ({"distribution": "triangular", "low": 0.8, "mode": 1.5, "high": 1.2}, "mode 1.5 must lie between"),
    ({"distribution": "lognormal", "median": 1.0, "sigma": -1}, "sigma >= 0"),
    ({"distribution": "normal", "mean": 1.0}, "missing sd"),
])
def test_impossible_distributions(tmp_path, dist, fragment):
    u = {"quantity": "demand", "actor": "pharma", "resource": "steam", **dist}
    msg = error_of(write_scenario(tmp_path, uncertain=[u]))
    assert "uncertain[0]" in msg and fragment in msg


def test_uncertain_target_that_does_not_exist(tmp_path):
    u = {"quantity": "supply", "actor": "pharma", "resource": "steam", "distribution": "uniform",
         "low": 0.9, "high": 1.1}
    msg = error_of(write_scenario(tmp_path, uncertain=[u]))
    assert "uncertain[0].resource" in msg and "'pharma' has no supply of 'steam'" in msg


def test_event_after_the_horizon_and_a_bad_horizon(tmp_path):
    msg = error_of(write_scenario(tmp_path, events=[{"year": 2030, "type": "actor_leaves", "actor": "boards"}]))
    assert "events[0].year" in msg and "after the horizon's end 2024" in msg
    msg = error_of(write_scenario(tmp_path, horizon="2024-2020"))
    assert "horizon" in msg and "before start" in msg


def test_a_network_file_given_as_scenario_says_so():
    msg = error_of(TINY)
    assert "network file, not a scenario" in msg and "symbiosis simulate " in msg


def test_a_change_needs_exactly_one_of_value_scale_growth(tmp_path):
    msg = error_of(write_scenario(tmp_path, events=[
        {"year": 2021, "type": "change", "quantity": "demand", "actor": "pharma", "resource": "steam",
         "value": 1, "scale": 2}]))
    assert "events[0]" in msg and "exactly one of value, scale or growth" in msg


def test_cli_bad_scenario_exits_2_without_traceback_and_leaves_no_store(tmp_path):
    path = write_scenario(tmp_path, events=[{"year": 2021, "type": "explode"}])
    store = tmp_path / "runs.sqlite"
    res = CliRunner().invoke(main, ["simulate", str(path), "--store", str(store)])
    assert res.exit_code == 2
    assert "Traceback" not in res.output and "unknown event type" in res.output
    assert not store.exists()


def test_schema_lists_every_event_type_and_distribution(tmp_path):
    schema = scenario_schema()
    text = json.dumps(schema)
    for kind in EVENT_TYPES:
        assert f'"{kind}"' in text
    for dist in ("uniform", "triangular", "normal", "lognormal"):
        assert dist in text
    assert set(schema["required"]) == {"name", "network", "horizon"}
    out = tmp_path / "scenario.schema.json"
    res = CliRunner().invoke(main, ["schema", "-o", str(out)])
    assert res.exit_code == 0, res.output
    assert json.loads(out.read_text()) == schema


def observed(net, stream):
    return next(s.observed for s in net.streams if s.id == stream)


def scaled(tmp_path, quantity, actor, resource, scale, network=TINY):
    event = {"year": 2021, "type": "change", "quantity": quantity, "actor": actor, "resource": resource,
             "scale": scale}
    return load_scenario(write_scenario(tmp_path, network=str(network), events=[event])).network(2021)


def test_a_shrunk_supply_or_demand_shrinks_the_recorded_flows_at_its_end(tmp_path):
    net = scaled(tmp_path, "supply", "plant", "gypsum", 0.5)  # 50 t of gypsum -> 25: 40 recorded -> 20
    assert observed(net, "gypsum-to-boards").value == pytest.approx(20)
    assert observed(net, "gypsum-to-boards").method.startswith("recorded flow carried forward: x0.5")
    assert observed(net, "steam-to-pharma").value == 70  # the other end of the plant, untouched
    net = scaled(tmp_path, "demand", "pharma", "steam", 0.5)  # 80 t of steam needed -> 40: 70 recorded -> 35
    assert observed(net, "steam-to-pharma").value == pytest.approx(35)


def test_growth_with_a_way_without_the_symbiosis_keeps_the_record(tmp_path):
    # the plant has a disposal route for gypsum; pharma can buy steam: growth goes there, as without a deal
    assert observed(scaled(tmp_path, "supply", "plant", "gypsum", 2), "gypsum-to-boards").value == 40
    net = scaled(tmp_path, "demand", "pharma", "steam", 2)
    assert observed(net, "steam-to-pharma").value == 70 and observed(net, "steam-to-pharma").basis == "published"


def test_growth_without_another_way_is_carried_by_the_stream_up_to_its_capacity(tmp_path):
    doc = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    doc["factors"] = [f for f in doc["factors"] if (f["factor"], f.get("resource")) != ("disposal_cost", "gypsum")]
    doc["streams"][1]["capacity"] = {"value": 55, "source": "@test", "basis": "published"}
    (tmp_path / "net").mkdir()
    network = tmp_path / "net" / "tiny.yaml"
    network.write_text(yaml.safe_dump(doc, sort_keys=False), encoding="utf-8")
    # 40 recorded x 1.25 = 50 (under the capacity of 55); x 1.5 = 60 -> held at 55
    assert observed(scaled(tmp_path, "supply", "plant", "gypsum", 1.25, network), "gypsum-to-boards").value == 50
    assert observed(scaled(tmp_path, "supply", "plant", "gypsum", 1.5, network), "gypsum-to-boards").value == 55


def test_a_grown_site_scores_with_its_carried_records_named():
    """The expansion example grows Novo Nordisk's wastewater, which only the treatment plant takes: the
    recorded stream carries its growth (1.5 million m3 x 1.05^5) and score says so, instead of refusing."""
    result = CliRunner().invoke(main, ["score", str(EXAMPLES / "novo-nordisk-expansion.yaml")], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    text = " ".join(result.output.split())  # as read, whatever the width it was wrapped to
    assert "1 recorded flow carried forward with the scenario's changes (wastewater-novo-nordisk-kf)" in text
    from symbiosis.scenario import network_in_year

    net = network_in_year(EXAMPLES / "novo-nordisk-expansion.yaml")
    assert observed(net, "wastewater-novo-nordisk-kf").value == pytest.approx(1.5e6 * 1.05 ** 5)
    assert net.name == "Expansion at Novo Nordisk, 2030" and net.year == 2030
    assert "Expansion at Novo Nordisk, 2030:" in text  # named once with its year, not "2030, 2030"


def test_a_json_scenario_is_told_from_a_network_without_parsing_a_network(tmp_path):
    """is_scenario_file reads a JSON network's bytes only (no "horizon" in them: no parse); a scenario whose
    key is written with an escape is still found."""
    from symbiosis.scenario import is_scenario_file

    net, escaped = tmp_path / "net.json", tmp_path / "escaped.json"
    net.write_text(json.dumps({"id": "n", "actors": []}), encoding="utf-8")
    escaped.write_text('{"\\u0068orizon": [2024, 2025], "base": "kalundborg"}', encoding="utf-8")
    assert json.loads(escaped.read_text())["horizon"] == [2024, 2025]
    assert not is_scenario_file(net) and is_scenario_file(escaped)
