"""The tie check at any size: the recommendations from the duals, the optimal face's few LPs and exact ranges for
the open decisions are those of the full ranging (two LPs per decision), on the bundled networks and on small
random parks; a budget that runs out leaves decisions unchecked, and says so in every output."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from flows.highs import LinearModel
from flows.ranging import variable_ranges
from symbiosis.cli import main
from symbiosis.engine import solve_answers
from symbiosis.engine.recommend import _items, _snapped, recommendations
from symbiosis.io import load_network
from symbiosis.io.park import park, park_document
from tests.paths import FIXTURES

KEY = ["what", "item", "supplier", "resource", "grade"]
_WHAT = {"stream": "stream", "virgin": "virgin purchase", "disposal": "disposal", "process": "process"}


def _full(c, sol, weights):
    """Every decision's range by two LPs each (flows.ranging.variable_ranges), snapped as the engine snaps."""
    items = _items(c)
    var = items["var"].to_numpy()
    x = np.concatenate([sol.flow, sol.activity])[var]
    x = np.where(np.abs(x) < 1e-9, 0.0, x)
    lo, hi = variable_ranges(c.problem, weights, sol.objective, var)
    lo, hi = _snapped(x, lo, hi)
    return items.assign(what=items.kind.map(_WHAT), item=items.ref, supplier=items.actor, x=x, lo=lo, hi=hi)


def _reference(answers, weights, tol=1e-6) -> pd.DataFrame:
    """The verdicts of the full ranging: a change where the ranges do not meet, a tie where the optimum is open."""
    obs = _full(answers.compiled["observed"], answers.solutions["observed"], weights)
    opt = _full(answers.compiled["optimised"], answers.solutions["optimised"], weights)
    both = opt.merge(obs[KEY + ["x", "lo", "hi"]], on=KEY, how="left", suffixes=("", "_obs")).fillna(
        {"x_obs": 0.0, "lo_obs": 0.0, "hi_obs": 0.0})
    scale = tol * max(1.0, np.abs(np.concatenate([[1.0], both.x_obs, both.x])).max())
    apart = (both.lo > both.hi_obs + scale) | (both.hi < both.lo_obs - scale)
    open_ = (both.hi - both.lo > scale) & ~apart
    both["verdict"] = np.where(apart, "change", np.where(open_, "indifferent", ""))
    return both[both.verdict != ""]


def _check(answers, weights):
    got = recommendations(answers.compiled["observed"], answers.solutions["observed"], answers.compiled["optimised"],
                          answers.solutions["optimised"], weights, budget=1e6)
    ref = _reference(answers, weights)
    assert got.attrs["checked"] == got.attrs["decisions"] and (got.verdict != "unchecked").all()
    assert got.range_exact.all()
    m = got.merge(ref, on=KEY, how="outer", suffixes=("", "_ref"), indicator=True)
    assert (m._merge == "both").all(), m[m._merge != "both"][KEY + ["verdict", "verdict_ref"]]
    assert (m.verdict == m.verdict_ref).all(), m[m.verdict != m.verdict_ref][KEY + ["verdict", "verdict_ref"]]
    # the ranges agree up to the ranging's slack: the full ranging lets a decision the duals settle move within
    # its snap while another moves with it (a few hundredths of a unit); the face holds it at its value
    clip = lambda v: np.minimum(v.to_numpy(float), 1e12)  # noqa: E731  (an unbounded range: inf both)
    tol = 0.05 + 1e-3 * np.abs(clip(m.hi))
    assert (np.abs(m.optimised_low - m.lo) <= tol).all() and (np.abs(clip(m.optimised_high) - clip(m.hi)) <= tol).all()


@pytest.mark.parametrize("name", ["kalundborg", "kalundborg-2000", str(FIXTURES / "tiny.yaml"),
                                  str(FIXTURES / "grades.yaml")])
def test_the_tie_check_is_the_full_ranging_on_the_bundled_networks(name):
    answers = solve_answers(load_network(name))
    _check(answers, {"cost": 1.0})


@settings(max_examples=6, deadline=None)
@given(n=st.integers(4, 25), seed=st.integers(0, 1000), one_price=st.booleans())
def test_the_tie_check_is_the_full_ranging_on_random_parks(n, seed, one_price):
    answers = solve_answers(park(n, one_price=one_price, seed=seed))
    _check(answers, {"cost": 1.0})


def test_the_tie_check_takes_fewer_lps_than_two_per_decision():
    net = park(40, one_price=True, seed=3)
    answers = solve_answers(net)
    before = LinearModel.runs
    table = recommendations(answers.compiled["observed"], answers.solutions["observed"],
                            answers.compiled["optimised"], answers.solutions["optimised"], {"cost": 1.0}, budget=1e6)
    lps = LinearModel.runs - before
    ties = int((table.verdict == "indifferent").sum())
    assert ties > 20  # the hard case: one price, nearly everything tied
    assert lps < 2 * table.attrs["decisions"], (lps, table.attrs)


def test_the_blocks_of_a_heterogeneous_face_share_their_lps():
    """Per-company prices: the optimal face falls apart into blocks (27 here), each with its own share of the
    objective, so the screen and the exact ranges run one candidate per block per LP: 26 LPs for the 98 free
    decisions of this park (220 one by one), every decision checked, the verdicts of the full ranging."""
    from flows.faces import OptimalFace

    faces = []
    init = OptimalFace.__init__

    def spy(self, *args, **kwargs):
        init(self, *args, **kwargs)
        faces.append(self)

    answers = solve_answers(park(60, one_price=False, seed=7))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(OptimalFace, "__init__", spy)
        _check(answers, {"cost": 1.0})
    free = sum(f.free.size for f in faces)
    assert max(int(f.block.max(initial=-1)) + 1 for f in faces) > 10
    assert 0 < sum(f.solves for f in faces) < free / 2, ([f.solves for f in faces], free)


def test_a_budget_that_runs_out_says_what_it_left(tmp_path):
    net = park(30, one_price=True, seed=5)
    answers = solve_answers(net)
    table = recommendations(answers.compiled["observed"], answers.solutions["observed"],
                            answers.compiled["optimised"], answers.solutions["optimised"], {"cost": 1.0}, budget=0.0)
    left = table[table.verdict == "unchecked"]
    assert len(left) > 0 and table.attrs["checked"] + len(left) <= table.attrs["decisions"]
    assert table.attrs["checked"] < table.attrs["decisions"]


def test_every_output_says_how_far_the_tie_check_went(tmp_path, monkeypatch):
    import symbiosis.engine.recommend as rec

    monkeypatch.setattr(rec, "BUDGET", 0.0)
    monkeypatch.setattr(rec.recommendations, "__defaults__", (1e-6, 0.0))
    path = tmp_path / "park.json"
    path.write_text(json.dumps(park_document(30, one_price=True, seed=5)))
    r = CliRunner().invoke(main, ["simulate", str(path), "--format", "json"])
    assert r.exit_code == 0, r.output
    check = json.loads(r.output)["tie_check"]
    assert check["checked"] < check["decisions"] and len(check["unchecked"]) == check["decisions"] - check["checked"]
    r = CliRunner().invoke(main, ["simulate", str(path), "--html", str(tmp_path / "page.html")])
    assert r.exit_code == 0, r.output
    assert f"{check['checked']:,} of {check['decisions']:,} decisions checked" in r.output.replace("\n", " ")
    page = (tmp_path / "page.html").read_text()
    assert "The tie check covered" in page
