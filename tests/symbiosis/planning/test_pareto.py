"""Pareto fronts: non-dominated points, the hand-computed trade-off, and `symbiosis pareto`."""

import json

import numpy as np
import pytest
from click.testing import CliRunner

from flows import solve
from flows.pareto import pareto_front
from flows.synthetic import regional
from symbiosis.cli import main
from symbiosis.io import load_network, save_network
from symbiosis.planning.pareto import pareto
from tests.paths import EXAMPLES, FIXTURES

TINY = FIXTURES / "tiny.yaml"


@pytest.fixture()
def trade_off_file(tmp_path):
    """tiny.yaml with gypsum trucked at 200 DKK/t: reuse costs more than it saves (150) but cuts CO2e."""
    net = load_network(TINY)
    streams = [s.model_copy(update={"transport_cost": 200.0, "observed": None}) if s.id == "gypsum-to-boards"
               else s for s in net.streams]
    path = tmp_path / "trade.yaml"
    save_network(net.model_copy(update={"streams": tuple(streams)}), path)
    return path


def test_front_points_are_non_dominated_and_span_the_ends():
    from scipy.optimize import linprog

    from flows import Problem

    syn = regional(120, 6, seed=2)
    q = syn.problem
    cost = q.costs["cost"].copy()
    cost[syn.arc_kind == 0] *= 40  # dear transport: reuse often costs more than it saves, yet cuts CO2e
    p = Problem(n_nodes=q.n_nodes, tail=q.tail, head=q.head, rhs=q.rhs, upper=q.upper,
                costs={"cost": cost, "co2e": q.costs["co2e"]})
    fr = pareto_front(p, "cost", "co2e", points=7)
    assert fr.f.size == 7
    assert np.all(np.diff(fr.f) > 0) and np.all(np.diff(fr.g) < 0)
    assert fr.f[0] == pytest.approx(solve(p, "cost").objective, rel=1e-8)
    assert fr.g[-1] == pytest.approx(solve(p, "co2e").objective, rel=1e-8)
    # non-dominated: with cost capped at a point's cost, no flow has less CO2e (an independent LP)
    lo, hi = p.bounds()
    for f, g in zip(fr.f, fr.g, strict=True):
        r = linprog(p.costs["co2e"], A_ub=p.costs["cost"][None, :], b_ub=[f], A_eq=p.incidence(),
                    b_eq=p.rhs, bounds=np.column_stack([lo, hi]), method="highs")
        assert r.fun == pytest.approx(g, rel=1e-6)


def test_tiny_trade_off_by_hand(trade_off_file):
    pf = pareto(load_network(trade_off_file), "cost", "co2e", points=5)
    t = pf.points
    # s t of gypsum reused: cost 8,500 + 50 s DKK, CO2e 0.85 - 0.015 s t, s from 0 to 50
    assert t.cost_money_yr.tolist() == pytest.approx([8500, 9125, 9750, 10375, 11000])
    assert t.co2e_t_yr.tolist() == pytest.approx([0.85, 0.6625, 0.475, 0.2875, 0.1])
    assert t.trade_off.iloc[1:].tolist() == pytest.approx([2500 / 0.75] * 4)  # DKK per t CO2e avoided


def test_pareto_cli_writes_the_front_and_rejects_bad_axes(trade_off_file, tmp_path):
    out = tmp_path / "front.json"
    r = CliRunner().invoke(main, ["pareto", "-n", str(trade_off_file), "--points", "3", "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert "3,333.33" in r.output
    data = json.loads(out.read_text())
    assert [p["cost_money_yr"] for p in data["points"]] == pytest.approx([8500, 9750, 11000])
    bad = CliRunner().invoke(main, ["pareto", "-n", str(trade_off_file), "--y", "jobs"])
    assert bad.exit_code == 2 and "unknown measure 'jobs'" in bad.output and "co2e" in bad.output
    bad = CliRunner().invoke(main, ["pareto", "-n", str(trade_off_file), "--output", str(tmp_path / "f.txt")])
    assert bad.exit_code == 2 and ".csv or .json" in bad.output and not (tmp_path / "f.txt").exists()


SOCIAL = EXAMPLES / "social-economy.yaml"


@pytest.fixture()
def far_client_file(tmp_path):
    """The social-economy example with the board maker 31 km north, paying 330 DKK/h for cleaning, and
    the cleaning enterprise able to work 3,000 h: its last 500 h can only go north, at travel cost."""
    net = load_network(SOCIAL)
    actors = tuple(a.model_copy(update={"location": a.location.model_copy(update={"lat": 55.95})})
                   if a.id == "boards" else a for a in net.actors)
    needs = tuple(m.model_copy(update={"market_price": 330.0}) if m.client == "boards" else m
                  for m in net.service_needs)
    offers = tuple(o.model_copy(update={"capacity_hours": 3000.0}) if o.provider == "se-clean" else o
                   for o in net.service_offers)
    path = tmp_path / "far.yaml"
    save_network(net.model_copy(update={"actors": actors, "service_needs": needs, "service_offers": offers}), path)
    return path


def test_cost_against_jobs_by_hand(far_client_file):
    from symbiosis.planning.assignment import assign_services, haversine_km

    net = load_network(far_client_file)
    t = pareto(net, "cost", "social", points=3).points
    a = net.actor
    km = float(haversine_km(a["se-clean"].location.lat, a["se-clean"].location.lon,
                            a["boards"].location.lat, a["boards"].location.lon))
    extra_per_hour = 300 + 1.895 * km - 330  # DKK per hour sent north instead of buying at market
    fte_per_hour = 0.5 / 1924
    # cheapest: 2,500 h of cleaning nearby (cheaper than market) and 600 h of garden work
    assert t.supported_fte.iloc[0] == pytest.approx(2500 * 0.5 / 1924 + 600 * 0.8 / 1924, abs=1e-6)
    assert t.supported_fte.iloc[-1] == pytest.approx(t.supported_fte.iloc[0] + 500 * fte_per_hour, abs=1e-6)
    assert t.cost_money_yr.iloc[-1] - t.cost_money_yr.iloc[0] == pytest.approx(500 * extra_per_hour, rel=1e-6)
    assert t.trade_off.iloc[1:].tolist() == pytest.approx([extra_per_hour / fte_per_hour] * 2, rel=1e-6)
    # the flows' own cost is the same at every point; the rest is the service hours
    flows_cost = t.cost_money_yr - t.service_cost_money_yr
    assert np.allclose(flows_cost, flows_cost.iloc[0]) and flows_cost.iloc[0] == pytest.approx(1500.0)
    # at no extra cost the assignment's rules allow exactly the cheapest point's jobs
    assert assign_services(net).supported_fte == pytest.approx(t.supported_fte.iloc[0], abs=1e-6)


def test_surface_points_are_not_beaten_by_any_weighted_optimum():
    # a weighted sum with positive weights has a Pareto optimal answer: it must not dominate a surface point
    from flows import Problem
    from flows.pareto import pareto_surface

    rng = np.random.default_rng(5)
    n_src = 6
    p = Problem(n_nodes=2, tail=np.r_[np.full(n_src, -1), 0], head=np.r_[np.zeros(n_src, int), 1], rhs=[0, 10],
                upper=np.r_[rng.uniform(2, 5, n_src), np.inf],
                costs={"cost": np.r_[rng.uniform(1, 5, n_src), 0], "co2e": np.r_[rng.uniform(0, 3, n_src), 0],
                       "jobs": np.r_[-rng.uniform(0, 1, n_src), 0]})
    s = pareto_surface(p, "cost", "co2e", "jobs", points=5)
    V = np.column_stack([s.f, s.g, s.h])
    assert len(V) >= 5
    for _ in range(30):
        w = rng.uniform(0.05, 1, 3)
        x = solve(p, dict(zip(("cost", "co2e", "jobs"), w, strict=True))).flow
        u = np.array([p.costs[k] @ x for k in ("cost", "co2e", "jobs")])
        beats = np.all(u <= V + 1e-7, axis=1) & np.any(u < V - 1e-6, axis=1)
        assert not beats.any(), (u, V[beats])
    # and each surface point is the best cost given its own CO2e and jobs (an independent LP)
    from scipy.optimize import linprog

    lo, hi = p.bounds()
    for f, g, h in V:
        r = linprog(p.costs["cost"], A_ub=np.vstack([p.costs["co2e"], p.costs["jobs"]]), b_ub=[g + 1e-9, h + 1e-9],
                    A_eq=p.incidence(), b_eq=p.rhs, bounds=np.column_stack([lo, hi]), method="highs")
        assert r.fun == pytest.approx(f, rel=1e-6, abs=1e-6)


def test_pareto_cli_social_axis_and_its_errors(far_client_file, tmp_path):
    out = tmp_path / "surface.csv"
    r = CliRunner().invoke(main, ["pareto", "-n", str(far_client_file), "--z", "social", "--points", "3",
                                  "-o", str(out)])
    assert r.exit_code == 0, r.output
    assert out.read_text().splitlines()[0].endswith("service_cost_money_yr,supported_fte")
    r = CliRunner().invoke(main, ["pareto", "-n", str(far_client_file), "--y", "social", "--points", "3"])
    assert r.exit_code == 0 and "per supported FTE gained" in r.output
    bad = CliRunner().invoke(main, ["pareto", "--y", "social"])  # the bundled Kalundborg has no service hours
    assert bad.exit_code == 2 and "service_offers" in bad.output and "examples/social-economy.yaml" in bad.output
    bad = CliRunner().invoke(main, ["pareto", "-n", str(far_client_file), "--z", "cost"])
    assert bad.exit_code == 2 and "--z" in bad.output and "repeat" in bad.output


def test_joined_problems_solve_as_their_parts():
    from flows.blocks import find_blocks
    from flows.problem import join

    a, b = regional(60, 4, processes=3, losses=True, seed=3).problem, regional(40, 3, seed=4).problem
    j = join(a, b)
    assert solve(j).objective == pytest.approx(solve(a).objective + solve(b).objective, rel=1e-9)
    blocks = find_blocks(j)
    assert set(blocks.node[: a.n_nodes]).isdisjoint(blocks.node[a.n_nodes:])


def test_report_pareto_option_adds_the_front_and_rejects_bad_measures(far_client_file, tmp_path):
    out = tmp_path / "r.html"
    r = CliRunner().invoke(main, ["report", str(far_client_file), "--pareto", "cost,social", "-o", str(out)])
    assert r.exit_code == 0, r.output
    html = out.read_text()
    assert 'id="fig-extra-0"' in html and (
        "Trade-offs: the best combinations: cost against people in supported employment and offers" in html)
    for bad, words in (("cost", "give two or three"), ("cost,jobs", "unknown measure 'jobs'"),
                       ("cost,cost", "repeat")):
        out2 = tmp_path / "bad.html"
        r = CliRunner().invoke(main, ["report", str(far_client_file), "--pareto", bad, "-o", str(out2)])
        assert r.exit_code == 2 and words in r.output and not out2.exists(), (bad, r.output)


def test_front_figure_counts_jobs_as_higher_is_better_and_colours_a_third_measure():
    import pandas as pd

    from symbiosis.viz.pareto import front_figure as figure

    df = pd.DataFrame({"cost": [1.0, 2.0, 3.0, 2.0], "jobs": [1.0, 2.0, 3.0, 1.5], "co2e": [5.0, 5.0, 5.0, 4.0]})
    two = figure(df, "cost", "jobs", higher_better=("jobs",))
    assert list(two.data[0].x) == [1.0, 2.0, 3.0] and list(two.data[1].y) == [1.5]  # (2, 1.5) is beaten by (2, 2)
    three = figure(df, "cost", "jobs", higher_better=("jobs",), color="co2e")
    assert list(three.data[0].marker.color) == [5.0, 5.0, 4.0, 5.0] and len(three.data) == 1  # less CO2e: kept
    assert three.data[0].mode == "markers" and three.data[0].marker.showscale
