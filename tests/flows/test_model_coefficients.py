"""Gains and conversion ratios changed in a loaded model: the same optimum as a model built with them."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest
import scipy.sparse as sp

from flows import Model, Problem


def _problem(gain: float = 0.9, ratio: float = 2.0) -> Problem:
    # node 0: a residual (10 units) sent on a lossy arc (gain) to node 1 or disposed of at 1 per unit;
    # node 1 needs 12 units of its own resource, bought at 5 or made by a conversion from node 0's
    # residual at `ratio` units per unit taken
    return Problem(n_nodes=2, tail=[0, -1, 0], head=[1, 1, -1], rhs=[-10.0, 12.0], gain=[gain, 1.0, 1.0],
                   costs={"cost": [0.0, 5.0, 1.0]},
                   conversion=sp.csr_matrix(np.array([[-1.0], [ratio]])))


@pytest.mark.parametrize(("gain", "ratio", "cost"), [(0.5, 0.6, 30.0), (0.9, 1.2, 0.0), (1.0, 3.0, 0.0),
                                                     (0.7, 0.5, 25.0)])
def test_new_gains_and_ratios_give_the_optimum_of_a_fresh_model(gain, ratio, cost):
    m = Model(_problem())
    m.solve()
    m.set_coefficients(gain=([0], [gain]), conversion=([0, 1], [0, 0], [-1.0, ratio]))
    got = m.solve()
    fresh = Model(_problem(gain, ratio)).solve()
    assert got.objective == pytest.approx(fresh.objective)
    # by hand: the 10 units of residual make 10 x max(gain, ratio) at most; the rest of the 12 is bought at 5
    # (where the two routes can meet 12 exactly, nothing is bought or disposed of)
    assert got.objective == pytest.approx(cost)


def test_an_entry_that_is_not_there_is_refused():
    m = Model(dataclasses.replace(_problem()))
    with pytest.raises(ValueError, match="no entry"):
        m.set_coefficients(conversion=([0], [1], [1.0]))
    with pytest.raises(ValueError, match="boundary"):
        m.set_coefficients(gain=([2], [0.5]))
