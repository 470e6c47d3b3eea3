"""The optimal face (flows.faces.OptimalFace): which variables can move over all optimal solutions, and their exact
ranges, with a few LPs; held against the full ranging (two LPs per variable) on cases solved by hand and on random
generated regions."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from flows import solve
from flows.faces import OptimalFace
from flows.problem import Problem
from flows.ranging import variable_ranges
from flows.synthetic import regional


def _face(p: Problem):
    sol = solve(p, "cost")
    x = np.concatenate([sol.flow, sol.activity])
    snap = np.maximum(1e-4 * np.abs(x), 1e-2)
    return OptimalFace(p, {"cost": 1.0}, sol.objective, x, snap), x, snap


def test_two_equal_sources_are_open_and_a_cheaper_one_is_fixed():
    # node 0 needs 10 from two sources at 1 DKK (a tie); node 1 needs 5, at 1 or 3 DKK (the cheap one, fixed)
    p = Problem(n_nodes=2, tail=[-1, -1, -1, -1], head=[0, 0, 1, 1], rhs=[10, 5], costs={"cost": [1, 1, 1, 3]})
    face, x, _ = _face(p)
    s = face.screen(np.arange(4))
    assert s.open.tolist() == [True, True, False, False]
    assert s.fixed.tolist() == [False, False, True, True]
    lo, hi, exact = face.ranges(np.arange(4))
    assert exact.all()
    np.testing.assert_allclose(lo, [0, 0, 5, 0], atol=1e-5)
    np.testing.assert_allclose(hi, [10, 10, 5, 0], atol=1e-5)


def test_a_tree_needs_no_lp():
    """Free variables whose columns are independent (a chain: no cycle, nothing to trade) are fixed by algebra."""
    p = Problem(n_nodes=2, tail=[-1, 0], head=[0, 1], rhs=[0, 4], costs={"cost": [1.0, 0.0]})
    face, _, _ = _face(p)
    s = face.screen(np.arange(2))
    assert s.fixed.all() and face.solves == 0


def test_a_deadline_in_the_past_leaves_the_candidates_unchecked():
    p = Problem(n_nodes=1, tail=[-1, -1, -1], head=[0, 0, 0], rhs=[10], costs={"cost": [1, 1, 1]})
    face, _, _ = _face(p)
    s = face.screen(np.arange(3), deadline=0.0)
    assert s.unchecked.all() and face.solves == 0


@settings(max_examples=12, deadline=None)
@given(n=st.integers(8, 40), res=st.integers(1, 3), seed=st.integers(0, 10_000), one_price=st.booleans(),
       processes=st.integers(0, 3))
def test_the_screen_and_ranges_agree_with_the_full_ranging(n, res, seed, one_price, processes):
    p = regional(n, res, processes=processes, seed=seed).problem
    if one_price:  # every supplier as good as any other: many ties
        p = Problem(n_nodes=p.n_nodes, tail=p.tail, head=p.head, rhs=p.rhs, gain=p.gain, upper=p.upper,
                    costs={"cost": np.where(p.tail < 0, 400.0, np.where(p.head < 0, 150.0, 0.0))},
                    conversion=p.conversion, conv_upper=p.conv_upper,
                    conv_costs={"cost": np.zeros(p.n_conversions)} if p.n_conversions else {})
    face, x, snap = _face(p)
    var = np.arange(p.n_vars)
    lo_ref, hi_ref = variable_ranges(p, "cost", float(solve(p, "cost").objective), var)
    moves = np.maximum(hi_ref - x, x - lo_ref) > snap + 1e-7 * np.maximum(1, np.abs(x))
    still = (np.abs(hi_ref - x) <= snap) & (np.abs(lo_ref - x) <= snap)
    s = face.screen(var)
    assert not s.unchecked.any()
    assert not (s.fixed & moves).any(), "a variable that moves was called fixed"
    assert not (s.open & still).any(), "a variable that stays was called open"
    lo, hi, exact = face.ranges(var[s.open])
    assert exact.all()
    scale = 1e-6 * np.maximum(1.0, np.abs(hi_ref[s.open]))
    np.testing.assert_allclose(lo, lo_ref[s.open], atol=1e-5, rtol=1e-6)
    np.testing.assert_allclose(np.minimum(hi, 1e12), np.minimum(hi_ref[s.open], 1e12),
                               atol=1e-5 + scale.max(initial=0.0), rtol=1e-6)
