"""Link design: the MILP against brute force, annuities, payback, and `symbiosis design`."""

import itertools
import json

import numpy as np
import pytest
from click.testing import CliRunner

from flows import Model, solve
from flows.design import annuity, design, link_savings
from flows.synthetic import STREAM, regional
from symbiosis.cli import main
from symbiosis.io import load_network
from symbiosis.planning.design import design_links
from tests.paths import FIXTURES

FIXTURE = FIXTURES / "design.yaml"


def test_annuity_by_hand():
    # 1,000,000 DKK over 20 years at 3.5 %: 1e6 * 0.035 / (1 - 1.035^-20) = 70,361.2
    assert annuity(1_000_000, 0.035, 20) == pytest.approx(70361.1, abs=0.05)
    assert annuity(1_000, 0.0, 4) == 250.0


def test_milp_matches_brute_force_over_every_design():
    syn = regional(80, 4, seed=3, capacity_share=1.0)
    p = syn.problem
    streams = np.flatnonzero(syn.arc_kind == STREAM)
    # the five busiest links of the open network are the candidates
    open_flow = solve(p).flow
    cand = streams[np.argsort(-open_flow[streams])[:5]]
    fixed = np.abs(open_flow[cand]) * np.array([5.0, 400.0, 30.0, 900.0, 60.0])
    d = design(p, cand, fixed)
    assert d.status == "optimal" and d.gap <= 1e-4
    others = np.setdiff1d(streams, cand)
    m = Model(p)
    best = np.inf
    for choice in itertools.product([False, True], repeat=cand.size):
        choice = np.array(choice)
        m.set_bounds(upper=p.upper[cand], arcs=cand)
        m.set_bounds(upper=0.0, arcs=cand[~choice])
        best = min(best, m.solve().objective + fixed @ choice)
    assert d.objective == pytest.approx(best, rel=1e-6)
    assert np.all(d.solution.flow[cand[~d.build]] == 0)
    assert others.size > 0


def test_link_savings_are_the_lp_differences():
    from flows import Problem

    # need 10 at node 0: virgin at 6, or from node 1 (a residual of 10, free to dispose) over the candidate at 1
    p = Problem(n_nodes=2, tail=[-1, 1, 1], head=[0, -1, 0], rhs=[10, -10], costs={"cost": [6.0, 0.0, 1.0]})
    assert link_savings(p, [2], [True]).tolist() == [50.0]
    assert link_savings(p, [2], [False]).tolist() == [50.0]
    assert design(p, [2], [49.0]).build.tolist() == [True]
    assert design(p, [2], [51.0]).build.tolist() == [False]


def test_design_of_the_fixture_by_hand():
    ld = design_links(load_network(FIXTURE))
    links = ld.links.set_index("stream")
    assert ld.status == "optimal" and ld.gap == pytest.approx(0.0, abs=1e-4)
    assert links.build.to_dict() == {"steam-to-greenhouse": True, "gypsum-to-cement": False}
    # 10,000 t steam - 8,000 t for pharma = 2,000 t to the greenhouse instead of virgin steam at 200 DKK/t
    assert links.saving_money_yr["steam-to-greenhouse"] == pytest.approx(400_000)
    assert links.payback_yr["steam-to-greenhouse"] == pytest.approx(500_000 / (400_000 - 10_000))
    assert links.annualised_money_yr["steam-to-greenhouse"] == pytest.approx(annuity(500_000, 0.035, 20) + 10_000)
    # gypsum already replaces natural gypsum at the board maker: redirecting it saves nothing
    assert links.saving_money_yr["gypsum-to-cement"] == pytest.approx(0.0, abs=1e-6)
    assert np.isinf(links.payback_yr["gypsum-to-cement"])
    assert ld.cost_without - ld.cost_with == pytest.approx(400_000)
    # at 90 % a year over the file's 20 years (not the default lifetime of 1), the annuity of
    # 500,000 * 0.9 / (1 - 1.9^-20) = 450,001 DKK plus 10,000 fixed exceeds the 400,000 saved: not built
    dear = design_links(load_network(FIXTURE), discount_rate=0.9, lifetime=1)
    assert dear.links.build.tolist() == [False, False]
    assert dear.links.annualised_money_yr[0] == pytest.approx(450_001.0 + 10_000, abs=1.0)


def test_design_cli_json_and_errors(tmp_path):
    r = CliRunner().invoke(main, ["design", "-n", str(FIXTURE), "--format", "json"])
    assert r.exit_code == 0, r.output
    out = json.loads(r.output)
    assert [x["stream"] for x in out["links"] if x["build"]] == ["steam-to-greenhouse"]
    assert out["links"][1]["payback_yr"] is None
    bad = CliRunner().invoke(main, ["design", "-n", str(FIXTURE), "--discount-rate", "3.5"])
    assert bad.exit_code == 2 and "--discount-rate" in bad.output and "Traceback" not in bad.output
    none = CliRunner().invoke(main, ["design", "-n", str(FIXTURES / "tiny.yaml")])
    assert none.exit_code == 2 and "no candidate stream" in none.output


def test_heat_lost_per_km_lowers_what_arrives(tmp_path):
    from symbiosis.engine import solve_network
    from symbiosis.errors import SymbiosisError

    net = load_network(FIXTURE)
    # 2 % per km over 10 km: 80 % of the surplus steam reaches the greenhouse
    streams = [s.model_copy(update={"loss_per_km": 0.02, "distance_km": 10.0}) if s.id == "steam-to-greenhouse"
               else s for s in net.streams]
    path = tmp_path / "lossy.yaml"
    from symbiosis.io import save_network

    save_network(net.model_copy(update={"streams": tuple(streams)}), path)
    lossy = load_network(path)
    assert lossy.streams[2].gain == pytest.approx(0.8)
    ld = design_links(lossy)
    # 2,000 t sent, 1,600 t arrive: 1,600 x 200 DKK/t of virgin steam saved
    assert ld.links.set_index("stream").saving_money_yr["steam-to-greenhouse"] == pytest.approx(320_000)
    assert solve_network(lossy).totals["cost"] == pytest.approx(1_004_500)  # candidates are not in the answers
    streams = [s.model_copy(update={"loss_per_km": 0.2, "distance_km": 10.0}) if s.id == "steam-to-greenhouse"
               else s for s in net.streams]
    data = net.model_copy(update={"streams": tuple(streams)}).model_dump(mode="json", exclude_none=True)
    with pytest.raises(SymbiosisError, match=r"streams\[2\].loss_per_km.*loses everything"):
        type(net).model_validate(data)
