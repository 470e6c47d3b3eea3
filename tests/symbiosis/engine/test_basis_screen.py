"""The sweep's screens against brute force: the basis inverted block by block (:mod:`symbiosis.engine.blocks`),
every end screened together (:mod:`symbiosis.engine.screen`) and the pieces solved in groups
(:mod:`symbiosis.engine.pieces`) give what an LP per end gives."""

from __future__ import annotations

import random

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from symbiosis.engine import blocks, pieces
from symbiosis.engine.sweep import InputSweep, Unbalanced
from symbiosis.io import network_from_dict
from symbiosis.io.park import park_document
from symbiosis.planning.inputs import edits, parameters


def _block_matrix(rng: np.random.Generator, sizes: list[int]) -> sp.csc_matrix:
    parts = [sp.random(s, s, density=0.5, random_state=rng) + 3 * sp.identity(s) for s in sizes]
    M = sp.block_diag(parts).tocsc()
    n = M.shape[0]
    return M[rng.permutation(n)][:, rng.permutation(n)].tocsc()


@pytest.mark.parametrize("large", [200, 3, 0])
def test_the_block_inverse_solves_as_the_dense_inverse(large):
    rng = np.random.default_rng(7)
    M = _block_matrix(rng, [1, 1, 2, 3, 5, 8, 1, 4])
    inv = np.linalg.inv(M.toarray())
    B = blocks.BlockInverse(M, large)
    assert B.ok and (len(B.large) > 0) == (large < 8)
    R = sp.random(M.shape[0], 6, density=0.15, random_state=rng).tocsc()
    assert np.allclose(B.solve(R).toarray(), inv @ R.toarray(), atol=1e-12)
    assert np.allclose(B.solve_t(R).toarray(), inv.T @ R.toarray(), atol=1e-12)
    places = np.array([0, 4, 4, 9])
    assert np.allclose(B.rows(places).toarray(), inv[places], atol=1e-12)


def test_a_singular_block_leaves_every_change_to_the_lp():
    M = sp.csc_matrix(np.array([[1.0, 0.0, 0.0], [0.0, 1.0, 2.0], [0.0, 2.0, 4.0]]))
    assert not blocks.BlockInverse(M).ok
    assert not blocks.BlockInverse(sp.csc_matrix(np.array([[1.0, 1.0], [0.0, 0.0]]))).ok  # an empty row


def test_a_group_that_cannot_balance_is_halved_until_the_end_that_cannot_is_alone():
    """Eight ends on their own pieces, one of which cannot balance: six of the others are settled in a few LPs."""
    label = np.arange(8)
    A = sp.identity(8, format="csc")
    x = np.zeros(8)
    calls = []

    def solve(ends):
        calls.append(list(ends))
        if 5 in ends:
            return None
        got = x.copy()
        got[ends] = [1.0 + e for e in ends]  # each end moves its own variable
        return got

    out = pieces.together([(e, np.array([e])) for e in range(8)], solve, label, A, x, {"cost": np.full(8, 2.0)})
    assert set(range(8)) - set(out) == {4, 5}  # the last pair split: each alone, for the caller's LP
    assert all(out[e]["cost"] == 2.0 * (1.0 + e) for e in out)
    assert len(calls) <= 1 + 2 + 2  # all; halves; the half with 5 halved (a pair: each alone)


def _ends(net, rng: random.Random, k: int) -> list[list]:
    inputs = parameters(net, 0.25)
    picked = rng.sample(inputs, min(k, len(inputs)))
    return [edits(net, p.path, v) for p in picked for v in (p.low, p.high, p.value * 3)]  # *3: far, some cannot


def _against_lps(n: int, seed: int, one_price: bool) -> set[str]:
    """Every end of a small park, screened together (the basis, its proofs, the pieces in groups), against the
    LP of each end alone: the same cost (the objective, unique among optima) or the same answer that cannot
    balance. Returns the kinds of answers met."""
    net = network_from_dict(park_document(n, one_price=one_price, seed=seed))
    sweep = InputSweep(net, {"cost": 1.0}, ("observed", "counterfactual"))
    ends = _ends(net, random.Random(seed), 12)
    got = sweep.totals_many(ends)
    for edit, screened in zip(ends, got, strict=True):
        lps = {}
        for answer, a in sweep._answers.items():
            ch = a.changes(edit)
            lps[answer] = None if ch.invalid else a.solve(ch, None, tried=True)  # the LP, whatever the screens say
        failed = next((answer for answer, lp in lps.items() if lp is None or not lp.ok), None)
        if failed is not None:
            assert isinstance(screened, Unbalanced) and screened.answer == failed, (edit, failed, screened)
            continue
        assert isinstance(screened, dict), (edit, screened)
        for answer, lp in lps.items():
            assert screened[answer]["cost"] == pytest.approx(lp.totals["cost"], rel=1e-7, abs=1e-5), (edit, answer)
    return {type(g).__name__ for g in got}


@settings(max_examples=5, deadline=None)
@given(n=st.integers(6, 14), seed=st.integers(0, 10_000), one_price=st.booleans(), large=st.sampled_from([0, 200]))
def test_the_screened_ends_equal_an_lp_each(n, seed, one_price, large, monkeypatch_module):
    """Random small parks, with the basis's blocks inverted and with every block factorised."""
    monkeypatch_module.setattr(blocks, "LARGE", large)
    _against_lps(n, seed, one_price)


def test_ends_that_balance_and_ends_that_cannot_equal_an_lp_each():
    assert _against_lps(10, 3, False) == {"dict", "Unbalanced"}


@pytest.fixture(scope="module")
def monkeypatch_module():
    mp = pytest.MonkeyPatch()
    yield mp
    mp.undo()
