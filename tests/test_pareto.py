"""Pareto fronts: non-dominated points, the hand-computed trade-off, and `symbiosis pareto`."""

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from flows import solve
from flows.pareto import pareto_front
from flows.synthetic import regional
from symbiosis.cli import main
from symbiosis.io import load_network, save_network
from symbiosis.pareto import pareto

TINY = Path(__file__).parent / "fixtures" / "tiny.yaml"


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
    assert t.cost_dkk_yr.tolist() == pytest.approx([8500, 9125, 9750, 10375, 11000])
    assert t.co2e_t_yr.tolist() == pytest.approx([0.85, 0.6625, 0.475, 0.2875, 0.1])
    assert t.trade_off.iloc[1:].tolist() == pytest.approx([2500 / 0.75] * 4)  # DKK per t CO2e avoided


def test_pareto_cli_writes_the_front_and_rejects_bad_axes(trade_off_file, tmp_path):
    out = tmp_path / "front.json"
    r = CliRunner().invoke(main, ["pareto", "-n", str(trade_off_file), "--points", "3", "--out", str(out)])
    assert r.exit_code == 0, r.output
    assert "3,333.33" in r.output
    data = json.loads(out.read_text())
    assert [p["cost_dkk_yr"] for p in data["points"]] == pytest.approx([8500, 9750, 11000])
    bad = CliRunner().invoke(main, ["pareto", "-n", str(trade_off_file), "--y", "jobs"])
    assert bad.exit_code == 2 and "unknown measure 'jobs'" in bad.output and "co2e" in bad.output
    bad = CliRunner().invoke(main, ["pareto", "-n", str(trade_off_file), "--out", str(tmp_path / "f.txt")])
    assert bad.exit_code == 2 and ".csv or .json" in bad.output and not (tmp_path / "f.txt").exists()
