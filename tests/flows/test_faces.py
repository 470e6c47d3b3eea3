"""The optimal face (flows.faces.OptimalFace): which variables can move over all optimal solutions, and their exact
ranges, with a few LPs; held against the full ranging (two LPs per variable) on cases solved by hand and on random
generated regions."""

from __future__ import annotations

import numpy as np
import pytest
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


def test_blocks_share_the_lps():
    """Three balances linked by nothing (three blocks): two ties and one cheaper source. Exact ranges take one
    pair of LPs per variable of the largest block, not per variable (each block has its own row of the
    objective, so a sum of one candidate per block is minimised block by block)."""
    p = Problem(n_nodes=3, tail=[-1] * 6, head=[0, 0, 1, 1, 2, 2], rhs=[10, 5, 7],
                costs={"cost": [1, 1, 1, 3, 2, 2]})
    face, _, _ = _face(p)
    assert np.bincount(face.block).tolist() == [2, 2, 2]
    s = face.screen(np.arange(6))
    assert s.open.tolist() == [True, True, False, False, True, True] and not s.unchecked.any()
    before = face.solves
    lo, hi, exact = face.ranges(np.array([0, 1, 4, 5]))
    assert exact.all() and face.solves - before == 4  # two variables per block: two pairs of LPs, not four
    np.testing.assert_allclose(lo, [0, 0, 0, 0], atol=1e-5)
    np.testing.assert_allclose(hi, [10, 10, 7, 7], atol=1e-5)


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


@settings(max_examples=10, deadline=None)
@given(n=st.integers(6, 30), seed=st.integers(0, 10_000), one_price=st.booleans(), outside=st.booleans())
def test_the_nearest_optimum_is_optimal_and_as_near_as_scipys(n, seed, one_price, outside):
    """nearest_optimum (deviations as columns) against the same LP written the plain way for scipy's linprog:
    x free within its bounds, |x - t| by two more columns and a row each; the least deviation agrees, the point
    is feasible and optimal. ``outside``: a target beyond the bounds (the deviations' lower bounds)."""
    import scipy.sparse as sp
    from scipy.optimize import linprog

    from flows.ranging import nearest_optimum

    p = regional(n, 2, seed=seed).problem
    if one_price:
        p = Problem(n_nodes=p.n_nodes, tail=p.tail, head=p.head, rhs=p.rhs, gain=p.gain, upper=p.upper,
                    costs={"cost": np.where(p.tail < 0, 400.0, np.where(p.head < 0, 150.0, 0.0))})
    own = solve(p, "cost")
    opt = float(own.objective)
    rng = np.random.default_rng(seed)
    lo, hi = p.bounds()
    t = rng.uniform(0, 1, p.n_vars) * np.where(np.isfinite(hi), hi, 100.0) * (1.6 if outside else 1.0)
    x = nearest_optimum(p, "cost", t, opt)
    A, c = p.incidence().tocsr(), p.cost_vector({"cost": 1.0})
    assert np.allclose(A @ x, p.rhs, atol=1e-6 * max(1.0, np.abs(p.rhs).max()))
    assert (x >= lo - 1e-7).all() and (x <= hi + 1e-7 * np.maximum(1, hi)).all()
    assert c @ x <= opt + 1e-6 * max(1.0, abs(opt))
    w = 1.0 / np.maximum(np.abs(t), 1.0)
    m = p.n_vars
    eye = sp.identity(m, format="csr")
    ref = linprog(np.concatenate([np.zeros(m), w, w]),
                  A_ub=sp.hstack([sp.csr_matrix(c), sp.csr_matrix((1, 2 * m))]), b_ub=[opt + 1e-12 * abs(opt)],
                  A_eq=sp.vstack([sp.hstack([A, sp.csr_matrix((p.n_nodes, 2 * m))]), sp.hstack([eye, -eye, eye])]),
                  b_eq=np.concatenate([p.rhs, t]),
                  bounds=list(zip(lo, np.where(np.isfinite(hi), hi, None), strict=True)) + [(0, None)] * (2 * m),
                  method="highs")
    assert ref.status == 0
    assert w @ np.abs(x - t) == pytest.approx(ref.fun, rel=1e-6, abs=1e-6)
    warm = nearest_optimum(p, "cost", t, opt, start=np.concatenate([own.flow, own.activity]))  # from the optimum
    assert w @ np.abs(warm - t) == pytest.approx(ref.fun, rel=1e-6, abs=1e-6)


@settings(max_examples=10, deadline=None)
@given(n=st.integers(6, 25), seed=st.integers(0, 10_000), one_price=st.booleans(), processes=st.integers(0, 2))
def test_rhs_ranges_agree_with_a_re_solve_per_node(n, seed, one_price, processes):
    """Where the optimal basis holds, rhs_ranges takes the dual without an LP; every node's (down, up) must
    still be the objective's change for one unit less and more, re-solved from scratch."""
    from flows.ranging import rhs_ranges

    p = regional(n, 2, processes=processes, seed=seed).problem
    if one_price:
        p = Problem(n_nodes=p.n_nodes, tail=p.tail, head=p.head, rhs=p.rhs, gain=p.gain, upper=p.upper,
                    costs={"cost": np.where(p.tail < 0, 400.0, np.where(p.head < 0, 150.0, 0.0))},
                    conversion=p.conversion, conv_upper=p.conv_upper,
                    conv_costs={"cost": np.zeros(p.n_conversions)} if p.n_conversions else {})
    z = solve(p, "cost").objective
    down, up = rhs_ranges(p, "cost")
    for i in range(p.n_nodes):
        for sign, got in ((1.0, up[i]), (-1.0, down[i])):
            rhs = p.rhs.astype(float).copy()
            rhs[i] += sign
            r = solve(Problem(n_nodes=p.n_nodes, tail=p.tail, head=p.head, rhs=rhs, gain=p.gain, upper=p.upper,
                              costs=p.costs, conversion=p.conversion, conv_upper=p.conv_upper,
                              conv_costs=p.conv_costs), "cost")
            if r.ok:
                assert got == pytest.approx(sign * (r.objective - z), rel=1e-6, abs=1e-5), (i, sign)


def test_rhs_ranges_re_solve_only_where_the_basis_does_not_hold():
    """Node 0: a cheap source full at 4 (one less saves 1, one more costs 3: an LP each way); node 1: a source
    with room (its basis holds either way: the dual, no LP)."""
    from flows.highs import LinearModel
    from flows.ranging import rhs_ranges

    p = Problem(n_nodes=2, tail=[-1, -1, -1], head=[0, 0, 1], rhs=[4, 5], upper=[4, 9, 100],
                costs={"cost": [1.0, 3.0, 2.0]})
    before = LinearModel.runs
    down, up = rhs_ranges(p)
    assert down.tolist() == [1.0, 2.0] and up.tolist() == [3.0, 2.0]
    assert LinearModel.runs - before <= 1 + 2  # the base solve and node 0's two


def _may_move_one_block_at_a_time(sub, largest):
    """The reference: every connected block of columns on its own, its null space by SVD (the pre-issue-25 loop)."""
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    m, k = sub.shape
    out = np.ones(k, bool)
    _, label = connected_components(sp.bmat([[None, sub], [sub.T, None]]).tocsr(), directed=False)
    for b in np.unique(label[m:]):
        cols = np.flatnonzero(label[m:] == b)
        if cols.size == 1:
            out[cols] = sub[:, cols].nnz == 0
        elif cols.size <= largest:
            block = sub[:, cols].toarray()[np.unique(sub[:, cols].tocoo().row)]  # its own rows only
            _, sv, vt = np.linalg.svd(block, full_matrices=True)
            rank = int((sv > 1e-9 * max(1.0, sv.max(initial=0.0))).sum())
            out[cols] = np.abs(vt[rank:]).max(axis=0) > 1e-9 if vt.shape[0] > rank else False
    return out


def test_may_move_decides_blocks_of_one_shape_together_as_one_by_one():
    """Blocks of one shape are decomposed in one stacked SVD: the same verdict as block by block, on chains
    (nothing moves), cycles (everything moves), mixed sizes and blocks beyond ``largest`` (left to the LPs)."""
    import scipy.sparse as sp

    from flows.faces import may_move

    rng = np.random.default_rng(7)
    for trial in range(40):
        m, k = int(rng.integers(2, 40)), int(rng.integers(2, 60))
        sub = sp.random(m, k, density=float(rng.uniform(0.03, 0.2)), random_state=trial, format="csc")
        sub.data = rng.choice([-1.0, 1.0, 0.9, -0.5, 2.0], sub.data.size)
        largest = int(rng.integers(2, 12))
        assert may_move(sub, largest).tolist() == _may_move_one_block_at_a_time(sub, largest).tolist(), trial
    # a 2-node cycle (two parallel arcs: they trade) beside a chain (a tree: fixed), twice each
    cycle = np.array([[1.0, 1.0], [-1.0, -1.0]])
    chain = np.array([[1.0, 0.0], [-1.0, 1.0]])
    sub = sp.csc_matrix(sp.block_diag([cycle, chain, cycle, chain]))
    assert may_move(sub).tolist() == [True, True, False, False, True, True, False, False]
