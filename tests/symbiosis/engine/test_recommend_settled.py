"""The duals settle what they can before any ranging LP: a variable they pin to a bound is a point in every optimum.

:func:`symbiosis.engine.recommend.settled` skips the two ranging LPs of every
variable at a bound whose reduced cost keeps it there; held here against the
full ranging (two LPs per variable) on the bundled networks and the fixtures,
and on a case solved by hand.
"""

from __future__ import annotations

import numpy as np
import pytest

from flows.ranging import variable_ranges
from symbiosis.engine import solve_answers
from symbiosis.engine.recommend import settled
from symbiosis.io import load_network
from symbiosis.objectives import objective_weights
from tests.paths import FIXTURES

NETWORKS = ["kalundborg", "kalundborg-2000", str(FIXTURES / "tiny.yaml"), str(FIXTURES / "grades.yaml"),
            str(FIXTURES / "output-grades.yaml")]


@pytest.mark.parametrize("name", NETWORKS)
@pytest.mark.parametrize("objective", ["cost", "co2e"])
def test_what_the_duals_settle_is_a_point_in_every_optimum(name, objective):
    net = load_network(name)
    w = objective_weights(net, objective, None)
    answers = solve_answers(net, w)
    skipped = 0
    for answer in ("observed", "optimised"):
        c, sol = answers.compiled[answer], answers.solutions[answer]
        var = np.arange(len(c.variables))
        pinned = settled(c, sol, var, w)
        if not pinned.any():
            continue
        skipped += int(pinned.sum())
        x = np.concatenate([sol.flow, sol.activity])[pinned]
        lo, hi = variable_ranges(c.problem, w, sol.objective, var[pinned])
        near = np.maximum(1e-4 * np.abs(x), 1e-2)  # what the recommendations call no range
        assert np.all(np.abs(lo - x) <= near) and np.all(np.abs(hi - x) <= near), (answer, c.variables[pinned])
    assert skipped > 0 or name.endswith("grades.yaml")


def test_the_dearer_of_two_sources_is_settled_and_a_tie_is_not(tiny_data):
    """By hand: a need of 10 from two virgin routes is one; a dearer stream is settled at 0 by its reduced cost."""
    from symbiosis.io import network_from_dict

    net = network_from_dict(tiny_data)
    w = {"cost": 1.0}
    answers = solve_answers(net, w)
    c, sol = answers.compiled["optimised"], answers.solutions["optimised"]
    var = np.arange(len(c.variables))
    pinned = settled(c, sol, var, w)
    x = np.concatenate([sol.flow, sol.activity])
    lo, hi = variable_ranges(c.problem, w, sol.objective)
    point = np.abs(hi - lo) <= 1e-6
    assert not (pinned & ~point).any()  # never settles a variable that can move
    assert (pinned & (x == 0)).any()  # and settles some that the optimum leaves at 0
