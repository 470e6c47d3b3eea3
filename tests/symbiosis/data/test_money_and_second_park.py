"""Issue 24 items 1 and 8: money of one currency and price year, and rotterdam-botlek, a second real park."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from symbiosis.accounting.reconcile import published_savings, reconcile
from symbiosis.cli import main
from symbiosis.evaluation import evaluate
from symbiosis.io import bundled_networks, load_network
from symbiosis.model.money import (
    conversion,
    current_currency,
    in_currency,
    money_currency,
    price_index,
    use_currency,
)

PARK = "rotterdam-botlek"


@pytest.fixture(autouse=True)
def _labels_back_in_dkk():
    """Labels follow the network last validated; leave them as the other tests' (cached) networks expect."""
    yield
    use_currency("DKK")


def test_labels_follow_the_network_last_validated():
    load_network(PARK)
    assert current_currency() == "EUR" and in_currency("cost saved DKK/yr") == "cost saved EUR/yr"
    load_network("kalundborg")
    assert current_currency() == "DKK" and in_currency("cost saved DKK/yr") == "cost saved DKK/yr"


def test_conversion_by_hand():
    """DKK of 2022 to EUR of 2016: DST's monthly HICP means, then the ERM II central rate."""
    i2016 = (99.3 + 99.8 + 99.9 + 100.1 + 100.3 + 100.4 + 100.3 + 99.9 + 99.9 + 100.2 + 100.0 + 100.1) / 12
    i2022 = (108.0 + 109.0 + 109.8 + 111.8 + 113.0 + 114.0 + 115.4 + 115.4 + 117.1 + 118.6 + 117.3 + 116.5) / 12
    assert price_index("DKK", 2016)[0] == pytest.approx(i2016)
    c = conversion("DKK", 2022, "EUR", 2016)
    assert c.factor == pytest.approx(i2016 / i2022 / 7.46038)
    assert conversion("EUR", 2020, "EUR", 2020).factor == 1.0
    assert conversion("EUR", 2020, "DKK", 2020).factor == pytest.approx(7.46038)


def test_a_conversion_the_table_cannot_make_is_refused():
    with pytest.raises(ValueError, match="no exchange rate for JPY"):
        conversion("DKK", 2022, "JPY", 2022)
    with pytest.raises(ValueError, match="no price index for DKK in 1990"):
        conversion("DKK", 2022, "DKK", 1990)


def test_factors_shows_the_money_table():
    result = CliRunner().invoke(main, ["factors", "kalundborg", "--money", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert '"DKK per EUR"' in result.output and '"value": 7.46038' in result.output
    shown = CliRunner().invoke(main, ["factors", "kalundborg"]).output
    assert "Money: DKK at 2023 prices" in shown and "117.642" in shown  # the 2023 index the table converts by


def test_money_units():
    assert money_currency("DKK/t") == ("DKK", 1.0)
    assert money_currency("kEUR per year") == ("EUR", 1000.0)
    assert money_currency("t CO2e/t") is None
    assert in_currency("cost saved DKK/yr", "EUR") == "cost saved EUR/yr"


def test_factor_table_converted_into_a_euro_network(tmp_path):
    """A network in EUR of 2016 on the Danish factor table: every money row is converted, nothing else."""
    dkk = load_network("kalundborg")
    net_file = tmp_path / "euro.yaml"
    net_file.write_text(
        "id: euro\nname: Euro test\nyear: 2020\ncurrency: EUR\nprice_year: 2016\nfactor_table: factors-dk\n"
        "resources:\n" + "".join(f"  - {{id: {r}, name: {r}, unit: {u}, category: {c}}}\n" for r, u, c in (
            ("steam", "t", "energy"), ("district-heat", "MWh", "energy"), ("electricity", "MWh", "energy"),
            ("natural-gas", "m3", "fuel"), ("groundwater", "m3", "water"), ("surface-water", "m3", "water"),
            ("fgd-gypsum", "t", "material"), ("natural-gypsum", "t", "material"),
            ("mineral-nitrogen", "t", "nutrient")))
        +
        "actors:\n  - {id: a, name: A, kind: industry, location: {lat: 55, lon: 11, source: x-y, basis: published}}\n",
        encoding="utf-8")
    eur = load_network(net_file)
    assert eur.currency == "EUR" and eur.price_year == 2016
    factor = conversion("DKK", 2023, "EUR", 2016).factor
    before = dkk.factor_row("virgin_price", "steam")
    after = eur.factor_row("virgin_price", "steam")
    assert after.unit == "EUR/t" and after.value == pytest.approx(before.value * factor)
    assert "DKK 2023 -> EUR 2016" in after.note
    assert round(after.value, 1) == 37.2 and before.value == 326.0  # docs/accounting.md, section 10
    assert eur.factor_row("virgin_co2e", "steam").value == dkk.factor_row("virgin_co2e", "steam").value


def test_kalundborg_keeps_its_money():
    net = load_network("kalundborg")
    assert (net.currency, net.price_year) == ("DKK", 2023)


def test_second_park_is_bundled():
    assert PARK in bundled_networks()
    assert load_network(PARK).currency == "EUR"


@pytest.mark.parametrize("command", [
    ["validate", PARK], ["show", PARK], ["show", PARK, "--sources"], ["simulate", PARK], ["stress", PARK],
    ["prices", PARK], ["metrics", PARK], ["factors", PARK], ["score", PARK],
    ["sensitivity", PARK], ["score", PARK, "--format", "json"], ["simulate", PARK, "--format", "csv"],
    ["simulate", PARK, "--format", "json"]])
def test_every_command_runs_on_the_second_park_without_dkk(command):
    result = CliRunner().invoke(main, command)
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    text = result.output
    if command[-1] == "json":  # the Danish social rows (benefit rates in DKK) are issue 24 item 6's pack
        text = json.dumps({k: v for k, v in json.loads(text).items() if k not in ("social", "factors")})
    assert "DKK" not in text and " kr." not in text, command
    assert "dkk" not in text.lower(), command  # money keys name no currency (value_money, cost_money_yr...)
    if command[-1] == "json" and command[0] == "simulate":
        assert json.loads(result.output)["currency"] == "EUR"


def test_export_and_report_on_the_second_park(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["factors", PARK, "--money"])  # the money table names every currency it has
    assert result.exit_code == 0 and "DKK per EUR" in result.output, result.output
    out = tmp_path / "park.json"
    result = runner.invoke(main, ["export", PARK, "--to", "json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert '"currency": "EUR"' in out.read_text(encoding="utf-8")
    page = tmp_path / "park.html"
    result = runner.invoke(main, ["report", PARK, "-o", str(page)])
    assert result.exit_code == 0, result.output
    html = page.read_text(encoding="utf-8")
    assert "million EUR" in html and "DKK" not in html and " kr." not in html
    result = runner.invoke(main, ["design", PARK])  # no candidates: a user error in the park's money
    assert result.exit_code == 2 and "'investment' (EUR)" in result.output and "Traceback" not in result.output
    result = runner.invoke(main, ["pareto", PARK])
    assert result.exit_code == 0 and "(EUR/yr)" in result.output and "DKK" not in result.output  # the header may wrap


def test_reconciliation_numbers_come_from_the_tool():
    """The table's tool column is the ledger's per-stream saving: by hand, delivered x the factor."""
    table = reconcile(evaluate(load_network(PARK))).set_index("streams")
    assert table.loc["r1-co2-ocap", "tool"] == pytest.approx(400_000 * 1.0)
    assert table.loc["r2-steam-emerald", "tool"] == pytest.approx(401_000 * 0.0623)
    assert table.loc["r3-heat-rotterdam", "tool"] == pytest.approx(3_080_000 * 0.0623)
    published = {tuple(r["streams"]): r["published"] for r in published_savings(PARK)["rows"]}
    assert table.loc["r1-co2-ocap", "published"] == published[("r1-co2-ocap",)]
    assert (table.ratio == table.tool / table.published).all()
    assert set(table.reason) <= {"scope", "convention", "data"}
