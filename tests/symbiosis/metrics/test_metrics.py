"""Network metrics of a symbiosis (symbiosis.metrics) and the `symbiosis metrics` command."""

from __future__ import annotations

import json

import numpy as np
import pytest
from click.testing import CliRunner

from flows.ena import flow_analysis
from flows.structure import structure_statistics
from symbiosis.cli import main
from symbiosis.engine import solve_network
from symbiosis.io import load_network, network_from_dict, network_to_dict
from symbiosis.metrics import analyse, by_year, compute, flow_matrices, graph_flows
from tests.paths import FIXTURES

FIX = FIXTURES
TINY = str(FIX / "tiny.yaml")
HISTORY = str(FIX / "history.yaml")


def scope(matrices, name):
    return next(m for m in matrices if m.scope == name)


def test_tiny_network_flow_matrices_by_hand():
    ms = flow_matrices(load_network(TINY))
    assert [m.scope for m in ms] == ["gypsum+natural-gypsum", "steam", "mass", "links"]
    g = scope(ms, "gypsum+natural-gypsum")
    assert g.actors == ("plant", "boards") and g.unit == "t"
    assert g.flow.tolist() == [[0, 40], [0, 0]]
    # plant: supplies 50, sends 40, disposes of 10; boards: needs 60, gets 40, buys 20 natural gypsum
    assert g.inputs.tolist() == [50, 20]
    assert g.exports.tolist() == [10, 0]
    assert g.consumption.tolist() == [0, 60]
    steam = scope(ms, "steam")
    assert steam.inputs.tolist() == [100, 10] and steam.exports.tolist() == [30, 0]
    # steam is measured in t but is energy: it is not counted as mass
    assert scope(ms, "mass").actors == ("plant", "boards")
    assert scope(ms, "mass").flow.sum() == 40
    links = scope(ms, "links")
    assert links.unit is None and links.links.sum() == 2


def test_tiny_network_metrics_by_hand():
    m = compute(load_network(TINY))
    assert m.value("mass", "TST") == pytest.approx(110)  # plant 50 + boards (40 received + 20 bought)
    assert m.value("mass", "APL") == pytest.approx(110 / 70)
    assert m.value("links", "n") == 3 and m.value("links", "L") == 2
    assert m.value("links", "C") == pytest.approx(2 / 9)
    assert m.value("links", "C.dir") == pytest.approx(2 / 6)
    assert m.anchors["links"][0] == ("plant", 1.0)
    with pytest.raises(KeyError):
        m.value("links", "TST")  # no common unit: no flow metrics


def test_history_by_year_follows_stream_years():
    table = by_year(load_network(HISTORY))
    links = table[table.scope == "links"].pivot(index="year", columns="metric", values="value")
    assert links.index.min() == 1961 and links.index.max() == 2005
    assert links.loc[1961, "L"] == 1 and links.loc[1961, "n"] == 2
    assert links.loc[1976, "L"] == 2 and links.loc[1976, "n"] == 3
    # 1981-1999 the heat stream closes the loop lake -> plant -> farm -> lake
    assert links.loc[1980, "lam1A"] == 0
    assert links.loc[1981, "lam1A"] == pytest.approx(1.0) and links.loc[1999, "no.scc.big"] == 1
    assert links.loc[2000, "lam1A"] == 0 and links.loc[2000, "L"] == 2
    energy = table[(table.scope == "energy") & (table.metric == "TST")].set_index("year").value
    assert 1980 not in energy.index and energy[1990] == pytest.approx(50 + 40)  # farm 50 supplied, lake 30 + 10 bought
    mass_years = table[(table.scope == "mass")].year
    assert mass_years.min() == 1976  # no sludge stream before 1976


def test_result_flows_observed_equal_recorded_and_optimised_differ():
    net = load_network(TINY)
    recorded = compute(net).table.set_index(["scope", "metric"]).value
    observed = compute(net, solve_network(net, "observed")).table.set_index(["scope", "metric"]).value
    assert np.allclose(recorded.values, observed.reindex(recorded.index).values, equal_nan=True)
    optimised = compute(net, solve_network(net, "optimised"))
    steam = scope(optimised.matrices, "steam")
    assert steam.flow[0, 1] == pytest.approx(80)  # the optimiser sends all 80 t pharma needs (capacity 90)
    assert optimised.flows == "optimised"


def relabelled(net):
    """The same network with every actor renamed and the actor list reversed."""
    data = network_to_dict(net)
    rename = {a["id"]: f"x-{a['id']}" for a in data["actors"]}
    data["actors"] = [dict(a, id=rename[a["id"]]) for a in reversed(data["actors"])]
    for key in ("supplies", "demands"):
        data[key] = [dict(r, actor=rename[r["actor"]]) for r in data[key]]
    data["streams"] = [dict(s, supplier=rename[s["supplier"]], receiver=rename[s["receiver"]])
                       for s in data["streams"]]
    return network_from_dict(data), rename


@pytest.mark.parametrize("path", [TINY, HISTORY])
def test_metrics_are_invariant_under_relabelling_actors(path):
    net = load_network(path)
    other, rename = relabelled(net)
    for year in (net.year, 1990):
        a = compute(net, year=year)
        b = compute(other, year=year)
        ta = a.table.set_index(["scope", "metric"]).value
        tb = b.table.set_index(["scope", "metric"]).value.reindex(ta.index)
        assert np.allclose(ta.values, tb.values, equal_nan=True)
        for s, anchors in a.anchors.items():
            assert {rename[x]: v for x, v in anchors} == dict(b.anchors[s])


def test_same_values_from_the_networkx_export():
    net = load_network(HISTORY)
    g = net.to_networkx()
    for year in (1990, 2005):
        for m in flow_matrices(net, year=year):
            resources = None if m.scope in ("links", "mass", "energy") else set(m.scope.split("+"))
            if m.scope in ("mass", "energy"):
                resources = {r.id for r in net.resources if r.unit == m.unit
                             and (m.scope == "energy" or r.category in ("material", "nutrient", "feed", "waste"))}
            actors, F, links = graph_flows(g, resources=resources, year=year)
            assert actors == m.actors
            assert (links == m.links).all()
            if m.unit is not None:
                assert np.allclose(F, m.flow)
            ours = analyse(m)
            assert structure_statistics(links.astype(float))["lam1A"] == pytest.approx(ours["lam1A"])
            if m.has_flows:
                fl = flow_analysis(F, m.inputs, m.exports + m.consumption)
                for key in ("TST", "FCI", "APL", "ID.F"):
                    assert fl[key] == pytest.approx(ours[key], nan_ok=True)


# -- the command ------------------------------------------------------------------

def run(*args):  # wide: these tests read words (tests/cli/test_piped_output.py checks the width)
    return CliRunner().invoke(main, ["metrics", *args], env={"COLUMNS": "250", "LINES": None})


def test_cli_table_prints_each_metric_with_its_meaning():
    r = run(TINY)
    assert r.exit_code == 0, r.output
    assert "Finn cycling index" in r.output and "share of throughflow that comes back round a cycle" in r.output
    assert "Connectance L/(N(N-1))" in r.output and "Anchor tenants" in r.output
    assert "[scope mass]" in r.output


def test_cli_json_and_csv():
    r = run(TINY, "--format", "json")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    tst = [x for x in doc["metrics"] if x["scope"] == "mass" and x["metric"] == "TST"]
    assert tst[0]["value"] == pytest.approx(110) and tst[0]["unit"] == "t/yr"
    r = run(TINY, "--format", "csv", "--scope", "steam")
    assert r.exit_code == 0
    lines = r.output.splitlines()
    assert lines[0] == "scope,metric,label,value,unit,meaning"
    assert all(line.startswith("steam,") for line in lines[1:])


def test_cli_by_year():
    r = run(HISTORY, "--by", "year")
    assert r.exit_code == 0, r.output
    assert "1981-1999" in r.output and "2000-2005" in r.output
    r = run(HISTORY, "--by", "year", "--format", "csv")
    rows = [line.split(",") for line in r.output.splitlines()[1:]]
    assert {int(row[0]) for row in rows} == set(range(1961, 2006))


@pytest.mark.parametrize("args, message", [
    ((TINY, "--scope", "nope"), "no scope 'nope'"),
    ((TINY, "--by", "year", "--flows", "optimised"), "--by year uses the recorded flows"),
    (("no-such-file.yaml",), "no such file"),
])
def test_cli_user_errors_exit_2_with_one_message(args, message):
    r = run(*args)
    assert r.exit_code == 2
    assert message in r.output and "Traceback" not in r.output


def test_energy_scope_converts_gj_to_mwh_exactly():
    data = network_to_dict(load_network(HISTORY))
    data["resources"] = [dict(r, unit="GJ") if r["id"] == "heat" else r for r in data["resources"]]
    data["factors"] = [dict(f, unit="DKK/GJ") if f.get("resource") == "heat" else f for f in data["factors"]]
    net = network_from_dict(data)
    m = compute(net, year=1990)
    assert m.value("heat", "TST") == pytest.approx(90)  # in GJ/yr
    assert m.value("energy", "TST") == pytest.approx(90 / 3.6)  # in MWh/yr
    row = m.table[(m.table.scope == "energy") & (m.table.metric == "TST")]
    assert row.unit.iloc[0] == "MWh/yr"


def test_cli_optimised_flows():
    r = run(TINY, "--flows", "optimised", "--format", "json", "--scope", "steam")
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["flows"] == "optimised"
    tst = next(x["value"] for x in doc["metrics"] if x["scope"] == "steam" and x["metric"] == "TST")
    assert tst == pytest.approx(100 + 80)  # plant supplies 100; pharma receives all 80 it needs, buys none


def test_cli_json_is_strict_json_even_with_undefined_metrics():
    def refuse(token):
        raise AssertionError(f"non-standard JSON token {token}")

    for args in ((HISTORY, "--format", "json"), (HISTORY, "--by", "year", "--format", "json")):
        r = run(*args)
        assert r.exit_code == 0, r.output
        doc = json.loads(r.output, parse_constant=refuse)
        # the links scope has no flow metrics and 1961 has no mass streams: those are absent, not NaN
        assert all(x["value"] is None or isinstance(x["value"], float | int) for x in doc["metrics"])


@pytest.mark.parametrize("name", ["kalundborg", "kalundborg-2000"])
def test_bundled_history_counts_the_streams_running_each_year(name):
    net = load_network(name)
    table = by_year(net)
    links = table[table.scope == "links"].pivot(index="year", columns="metric", values="value")
    first = min(s.start for s in net.streams if s.start is not None and s.status != "candidate")
    assert links.index.min() == first and links.index.max() == net.year
    for year in (first, 1990, net.year):  # a stream of unknown start counts from the network's year only
        running = [s for s in net.streams_in_year(year) if s.start is not None or year == net.year]
        pairs = {(s.supplier, s.receiver) for s in running}
        actors = {a for p in pairs for a in p}
        assert links.loc[year, "L"] == len(pairs), year
        assert links.loc[year, "n"] == len(actors), year
    # the networkx export gives the same link structure in the network's year
    actors, _, A = graph_flows(net.to_networkx())
    ours = scope(flow_matrices(net), "links")
    assert actors == ours.actors and (A == ours.links).all()


def test_metrics_by_year_and_the_reports_history_count_undated_streams_by_one_rule(tmp_path):
    """A stream without a start year counts from the network's year only, in both, and both say so."""
    from click.testing import CliRunner

    from symbiosis.cli import main
    from symbiosis.evaluation import evaluate
    from symbiosis.io import save_network
    from symbiosis.viz import data
    from symbiosis.viz.report import build_report
    from tests.paths import TINY

    net = load_network(TINY)
    undated = net.model_copy(update={"streams": (net.streams[0], net.streams[1].model_copy(update={"start": None}))})
    links = by_year(undated)
    links = links[links.scope == "links"].pivot(index="year", columns="metric", values="value")
    history = data.history_table(undated).groupby("year").value.sum()
    for year in (2019, 2020):
        assert links.loc[year, "L"] == history.loc[year] == (1 if year < 2020 else 2)
    save_network(undated, tmp_path / "undated.yaml")
    out = CliRunner().invoke(main, ["metrics", str(tmp_path / "undated.yaml"), "--by", "year"]).output
    assert "1 stream without a recorded start year count from 2020 only" in out
    page = build_report(evaluate(undated))
    assert "One stream has no recorded start year; it is counted from 2020 only" in page
    assert "7 streams have no recorded start year; they are counted from 2023 only" in build_report(
        evaluate(load_network("kalundborg")))
