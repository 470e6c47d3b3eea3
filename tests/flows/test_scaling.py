"""Badly scaled objectives (issue 22, bug 4): an optimum HiGHS' absolute tolerance let pass is solved again.

HiGHS accepts a reduced cost of the wrong sign up to 1e-7 in absolute terms; with weights that span six
orders of magnitude that let a non-optimal basis through on Kalundborg (0.4 % above the optimum).
"""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

import flows
from flows.highs import LinearModel
from flows.verify import RELATIVE, tolerance_loss


@pytest.fixture(scope="module")
def kalundborg():
    from symbiosis.engine import compile_network
    from symbiosis.io import load_network

    return compile_network(load_network("kalundborg"), "optimised").problem


@pytest.mark.parametrize("engine", ["highs", "auto"])
def test_weights_six_orders_apart_give_the_optimum_of_the_same_objective_scaled(kalundborg, engine):
    small = flows.solve(kalundborg, {"groundwater": 1, "virgin_material": 1e-6}, engine=engine)
    big = flows.solve(kalundborg, {"groundwater": 1e6, "virgin_material": 1}, engine=engine)
    assert small.ok and big.ok
    assert small.objective == pytest.approx(big.objective / 1e6, rel=1e-9)
    assert small.objective == pytest.approx(0.30304505, rel=1e-7)  # not 0.304256, which HiGHS accepted
    assert small.info["rescaled"]["verified"] and small.info["rescaled"]["factor"] > 1
    # the duals are those of the objective as given: reduced costs c - A^T y, each of its bound's sign
    c = kalundborg.cost_vector({"groundwater": 1, "virgin_material": 1e-6})
    d = c - kalundborg.incidence().T @ small.duals
    np.testing.assert_allclose(d, small.reduced_costs, atol=1e-12)
    x = np.concatenate([small.flow, small.activity])
    loss, scale, _ = tolerance_loss(c, x, d, *kalundborg.bounds())
    assert loss <= RELATIVE * scale


def test_a_well_scaled_optimum_is_not_solved_again(kalundborg):
    s = flows.solve(kalundborg, {"groundwater": 1e6, "virgin_material": 1})
    assert s.ok and "rescaled" not in s.info


def test_the_check_counts_rows_as_variables_with_their_duals():
    # min -x s.t. x <= 1 (a row): HiGHS' optimum x = 1, row dual -1 (at its upper bound, of the right sign)
    m = LinearModel([-1.0], sp.csr_matrix([[1.0]]), [-np.inf], [1.0], [0.0], [np.inf])
    r = m.run()
    assert r["x"].tolist() == [1.0] and "rescaled" not in r
    # the same numbers with the dual's sign flipped would leave the row's whole reach on the table
    loss, scale, worst = tolerance_loss([-1.0], r["x"], [0.0], [0.0], [np.inf], [1.0], [1.0], [-np.inf], [1.0])
    assert (loss, scale, worst) == (1.0, 1.0, 1.0)
