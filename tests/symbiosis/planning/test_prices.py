"""Shadow prices per (actor, resource) and per stream capacity, checked by finite differences."""

import json

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.engine import solve_network
from symbiosis.io import load_network
from symbiosis.model import Quantity
from symbiosis.planning.prices import shadow_prices
from tests.paths import FIXTURES

TINY = FIXTURES / "tiny.yaml"


def _tight():
    """tiny.yaml with the steam pipe limited to 70 t: pharma must buy 10 t of virgin steam."""
    net = load_network(TINY)
    cap = lambda v: Quantity(value=v, source="@test", basis="published")  # noqa: E731
    streams = [s.model_copy(update={"capacity": cap(70.0), "observed": None}) if s.id == "steam-to-pharma" else s
               for s in net.streams]
    return net.model_copy(update={"streams": tuple(streams)})


def _cost(net) -> float:
    return solve_network(net, "optimised").totals["cost"]


def test_prices_by_hand():
    sp = shadow_prices(_tight())
    value = sp.balances.set_index(["actor", "resource"]).value_money_per_unit
    assert value["pharma", "steam"] == pytest.approx(200.0)  # bought virgin at the margin
    assert value["plant", "steam"] == pytest.approx(0.0)  # surplus disposed of at 0 DKK/t
    assert value["plant", "gypsum"] == pytest.approx(90.0)  # replaces natural gypsum at 100, trucked at 10
    assert value["boards", "natural-gypsum"] == pytest.approx(100.0)
    st = sp.streams.set_index("stream")
    assert st.capacity_value_money_per_unit["steam-to-pharma"] == pytest.approx(200.0)
    assert st.capacity_value_money_per_unit["gypsum-to-boards"] == 0.0
    assert (st.price_floor_money_per_unit["steam-to-pharma"], st.price_ceiling_money_per_unit["steam-to-pharma"]) \
        == pytest.approx((0.0, 200.0))


def test_prices_are_finite_differences():
    net = _tight()
    base = _cost(net)
    sp = shadow_prices(net)
    # one more t of steam capacity saves what the capacity is worth
    cap = lambda v: Quantity(value=v, source="@test", basis="published")  # noqa: E731
    wider = net.model_copy(update={"streams": tuple(s.model_copy(update={"capacity": cap(71.0)})
                                                    if s.id == "steam-to-pharma" else s for s in net.streams)})
    assert base - _cost(wider) == pytest.approx(sp.streams.capacity_value_money_per_unit[0])
    # one more t needed at each demand costs what the balance's price says
    value = sp.balances.set_index(["actor", "resource"]).value_money_per_unit
    for i, d in enumerate(net.demands):
        more = [x.model_copy(update={"quantity": x.quantity.model_copy(update={"value": x.quantity.value + 1})})
                if j == i else x for j, x in enumerate(net.demands)]
        more_cost = _cost(net.model_copy(update={"demands": tuple(more)}))
        assert more_cost - base == pytest.approx(value[d.actor, d.resource])


def test_prices_cli():
    r = CliRunner().invoke(main, ["prices", "-n", str(TINY), "--format", "json"])
    assert r.exit_code == 0, r.output
    data = json.loads(r.output)
    assert {(b["actor"], b["resource"]): b["value_money_per_unit"] for b in data["balances"]}[("plant", "gypsum")] \
        == pytest.approx(90.0)
    table = CliRunner().invoke(main, ["prices", "-n", str(TINY)])
    assert table.exit_code == 0 and "gypsum-to-boards" in table.output and "90.00 /t" in table.output


def test_prices_follow_the_convention():
    """Issue 26: `prices` took no --convention. Under biogenic-stack the wood chips carry their stack CO2,
    so one more MWh of chips at Asnæs (bought at the margin) is worth their stack CO2 more, 0.4032 t CO2e
    (IPCC's 112 t/TJ); the JSON says which convention it follows."""
    def balances(*extra):
        r = CliRunner().invoke(main, ["prices", "kalundborg", "--objective", "co2e", "--format", "json", *extra])
        assert r.exit_code == 0, r.output
        data = json.loads(r.output)
        return data["convention"], {(b["actor"], b["resource"]): b["value_money_per_unit"] for b in data["balances"]}

    name, default = balances()
    assert name == "system-expansion"
    name, stack = balances("--convention", "biogenic-stack")
    assert name == "biogenic-stack"
    chips = ("orsted-asnaes", "wood-chips")
    assert stack[chips] - default[chips] == pytest.approx(0.4182 - 0.015, rel=1e-6)
    bad = CliRunner().invoke(main, ["prices", "--convention", "allocation"])
    assert bad.exit_code == 2 and "unknown convention 'allocation'" in bad.output
