"""Fuel and energy saved (issue 24, item 3): purchases of a carrier avoided, in its own unit, and primary energy.

The tiny network (tests/fixtures/tiny.yaml): pharma needs 80 t steam; the plant sends 70 t (observed),
so pharma buys 10 t virgin steam instead of 80: 70 t saved. Marked as a fuel at 0.8 MWh primary energy
per t: 56 MWh primary energy saved. Optimised: 80 t sent (the pipe carries 90), all 80 t saved.
"""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

import symbiosis as sym
from symbiosis.accounting.savings import savings
from symbiosis.cli import main
from symbiosis.io import network_from_dict
from tests.conftest import problem_at, tiny_dict

PE = {"value": 0.8, "source": "@test", "basis": "estimated", "method": "0.75 MWh/t / 0.94 boiler efficiency"}


def _tiny(carrier="fuel", primary=True):
    d = tiny_dict()
    d["resources"][0]["carrier"] = carrier
    if primary:
        d["resources"][0]["primary_energy"] = dict(PE)
    return d


def test_fuel_and_primary_energy_saved_by_hand():
    ev = sym.evaluate(network_from_dict(_tiny(), "tiny.yaml"))
    s = savings(ev.observed, ev.counterfactual, ev.network)
    assert s["fuel_saved:steam"] == pytest.approx(70)
    assert s["primary_energy_saved:steam"] == pytest.approx(56)
    assert "energy_saved:steam" not in s
    s = savings(ev.optimised, ev.counterfactual, ev.network)
    assert s["fuel_saved:steam"] == pytest.approx(80)
    assert s["primary_energy_saved:steam"] == pytest.approx(64)


def test_an_energy_carrier_without_a_factor_reports_its_own_unit_only():
    ev = sym.evaluate(network_from_dict(_tiny("energy", primary=False), "tiny.yaml"))
    s = savings(ev.observed, ev.counterfactual, ev.network)
    assert s["energy_saved:steam"] == pytest.approx(70)
    assert not any(k.startswith(("primary_energy_saved", "fuel_saved")) for k in s)


def test_no_carrier_no_fuel_indicator():
    ev = sym.evaluate(network_from_dict(tiny_dict(), "tiny.yaml"))
    assert not any(k.startswith(("fuel_saved", "energy_saved")) for k in savings(ev.observed, ev.counterfactual,
                                                                                   ev.network))


def test_a_primary_energy_factor_needs_a_carrier_and_a_known_source():
    d = _tiny()
    del d["resources"][0]["carrier"]
    problem_at(d, "resources[0].carrier", "set carrier: fuel or carrier: energy")
    d = _tiny()
    d["resources"][0]["primary_energy"]["source"] = "@nope"
    problem_at(d, "resources[0].primary_energy.source", "unknown source key '@nope'")


def test_simulate_prints_fuel_saved(tmp_path):
    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(_tiny(), allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(main, ["simulate", str(path)])
    assert out.exit_code == 0, out.output
    text = out.output[out.output.index("Fuel and energy saved"):]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if line.startswith("│")]
    assert ["fuel saved", "steam", "70", "80", "t/yr"] in rows
    assert ["primary energy saved", "steam", "56", "64", "MWh/yr"] in rows


def test_a_sweep_carries_fuel_saved_per_sample(tmp_path):
    from symbiosis.scenario import load_scenario
    from symbiosis.simulate import run_scenario
    from tests.paths import FIXTURES

    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(_tiny(), allow_unicode=True), encoding="utf-8")
    (tmp_path / "s.yaml").write_text((FIXTURES / "tiny-scenario.yaml").read_text(encoding="utf-8"),
                                     encoding="utf-8")
    res = run_scenario(load_scenario(tmp_path / "s.yaml")).results
    fuel = res[(res.indicator == "fuel_saved:steam") & (res.scope == "network")].set_index("year").value
    # test_simulate: 80 t steam by stream in 2020-2022, 88 t in 2023, 90 t (the pipe's capacity) in 2024
    assert fuel.to_dict() == pytest.approx({2020: 80, 2021: 80, 2022: 80, 2023: 88, 2024: 90})
    primary = res[(res.indicator == "primary_energy_saved:steam") & (res.scope == "network")]
    assert primary.value.iloc[0] == pytest.approx(64)


def test_score_prints_fuel_saved_and_its_json_carries_it(tmp_path):
    import json

    path = tmp_path / "tiny.yaml"
    path.write_text(yaml.safe_dump(_tiny(), allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(main, ["score", str(path), "--objective", "cost"])
    assert out.exit_code == 0, out.output
    text = out.output[out.output.index("Fuel and energy saved"):]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in text.splitlines() if line.startswith("│")]
    assert ["primary energy saved", "steam", "56", "64", "MWh/yr"] in rows
    data = json.loads(CliRunner().invoke(main, ["score", str(path), "--objective", "cost", "--format", "json"]).output)
    assert data["scores"]["observed"]["fuel_saved:steam"] == pytest.approx(70)
