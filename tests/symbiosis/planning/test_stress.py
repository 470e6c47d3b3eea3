"""Resilience: removing actors and streams from the tiny network, checked by hand."""

from __future__ import annotations

import pytest
import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.errors import SymbiosisError
from symbiosis.io import load_network, network_from_dict
from symbiosis.planning.stress import random_failures, stress
from tests.paths import FIXTURES

TINY = FIXTURES / "tiny.yaml"


@pytest.fixture(scope="module")
def tiny():
    return load_network(TINY)


def test_removing_each_actor_ranks_by_lost_savings(tiny):
    table = stress(tiny).set_index("removed")
    # the plant supplies both streams: all 23,000 DKK/yr go; pharma's steam 80 t x 200 DKK/t;
    # the board maker's gypsum: 5,000 natural gypsum + 2,500 disposal - 500 transport
    assert table.lost_cost_saved.to_dict() == pytest.approx({"plant": 23000, "pharma": 16000, "boards": 7000})
    assert table.loc["plant", "rank"] == 1 and table.loc["boards", "rank"] == 3
    assert table.loc["plant", "partners_losing_inputs"] == 2
    assert "pharma (steam -80 t)" in table.loc["plant", "partners"]
    assert "boards (natural-gypsum -50 t)" in table.loc["plant", "partners"]
    assert table.loc["boards", "partners_losing_inputs"] == 0  # the plant just disposes of its gypsum
    assert (table.unmet == "").all()


def test_removing_each_stream(tiny):
    table = stress(tiny, by="stream").set_index("removed")
    assert table.lost_cost_saved.to_dict() == pytest.approx({"steam-to-pharma": 16000, "gypsum-to-boards": 7000})
    # CO2e: 80 t steam x 0.2 t/t; gypsum 50 x 0.01 + 50 x 0.005 disposal (transport has no distance)
    assert table.loc["gypsum-to-boards", "lost_co2e_avoided"] == pytest.approx(0.75)


def test_a_need_without_a_market_becomes_unmet(tiny):
    doc = yaml.safe_load(TINY.read_text(encoding="utf-8"))
    doc["factors"] = [f for f in doc["factors"] if not (f["factor"] == "virgin_price" and f["resource"] == "steam")]
    net = network_from_dict(doc)
    row = stress(net).set_index("removed").loc["plant"]
    assert "pharma/steam 80 t" in row.unmet
    assert row.lost_cost_saved != row.lost_cost_saved  # NaN: no answer without the plant


def test_random_failures_are_reproducible(tiny):
    a = random_failures(tiny, k=2, samples=6, seed=3)
    b = random_failures(tiny, k=2, samples=6, seed=3)
    assert a.equals(b)
    assert all(len(r.split(";")) == 2 for r in a.removed)
    # any two of the three actors break every stream: all savings go
    assert a.lost_cost_saved.tolist() == pytest.approx([23000] * 6)
    with pytest.raises(SymbiosisError, match="cannot fail at once"):
        random_failures(tiny, k=4, samples=2)


def test_cli_stress(tmp_path):
    res = CliRunner().invoke(main, ["stress", str(TINY), "--format", "csv"])
    assert res.exit_code == 0, res.output
    lines = res.output.splitlines()
    assert lines[0].startswith("rank,removed,name,lost_cost_saved")
    assert lines[1].startswith("1,plant,Power plant,23000.0")
    res = CliRunner().invoke(main, ["stress", str(TINY), "--failures", "9"])
    assert res.exit_code == 2 and "give 1 to 3" in res.output


# -- removing an actor leaves a consistent network (issue 23, crash 1) ---------------------------------

def _bundled_and_scenario_bases():
    from symbiosis.scenario import load_scenario
    from tests.paths import EXAMPLES

    nets = [load_network("kalundborg"), load_network("kalundborg-2000")]
    for path in sorted(EXAMPLES.glob("*.yaml")):
        try:
            spec = load_scenario(path)
        except SymbiosisError:
            continue  # a network file, not a scenario
        nets += [spec.network(spec.scenario.years[0]), spec.network(spec.scenario.years[-1])]
    return nets


def test_removing_any_actor_or_stream_leaves_a_valid_network():
    """Whatever names a removed actor (a joint capacity's processes, a factor row for that actor alone)
    goes with it: the copy passes the same whole-network checks as a loaded file."""
    from symbiosis.model.validation import check_network
    from symbiosis.scenario.events import remove_actors, remove_streams

    for net in _bundled_and_scenario_bases():
        for a in net.actors:
            problems = check_network(remove_actors(net, [a.id]))
            assert not problems, (net.id, a.id, [p.render() for p in problems][:3])
        for s in net.streams:
            problems = check_network(remove_streams(net, [s.id]))
            assert not problems, (net.id, s.id, [p.render() for p in problems][:3])


def test_removing_the_power_station_takes_its_joint_capacity_and_factor_rows():
    """A joint capacity loses the processes of the actor that goes; it goes when none is left."""
    from symbiosis.scenario.events import remove_actors

    net = load_network("kalundborg")
    (owner,) = {p.actor for p in net.processes if p.id == "orsted-chp-steam"}
    shared = [c for c in net.capacities if "orsted-chp-steam" in c.processes]
    assert shared, "the bundled network shares Ørsted's CHP capacity between its steam and heat processes"
    after = remove_actors(net, [owner])
    assert not any(set(c.processes) & {p.id for p in net.processes if p.actor == owner} for c in after.capacities)
    assert not any(f.actor == owner for f in after.factors)
    row = stress(net).set_index("removed").loc[owner]
    # the power station's steam and district heat go: its three receivers lose them
    assert row.partners_losing_inputs == 3
    for partner in ("kalundborg-forsyning (district-heat", "novo-nordisk (steam", "novozymes (steam"):
        assert partner in row.partners
