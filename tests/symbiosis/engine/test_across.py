"""Other accounting conventions as declared extra answers of the same compiled problems (issue 26), on the
hand-solvable tiny network.

Under co2e the optimum sends 80 t of steam (demand 80, capacity 90; virgin steam emits 0.2 t CO2e/t) and
all 50 t of gypsum (natural gypsum 0.01, gypsum disposal 0.005 t CO2e/t). A second "convention" that
counts virgin steam at 0 leaves the steam open (a tie: the change vanishes) and keeps the gypsum change.
"""

from __future__ import annotations

import pytest

from symbiosis.engine import solve_answers
from symbiosis.io import network_from_dict
from tests.conftest import tiny_dict


@pytest.fixture(scope="module")
def answers():
    net = network_from_dict(tiny_dict())
    d = tiny_dict()
    for f in d["factors"]:
        if f["factor"] == "virgin_co2e" and f["resource"] == "steam":
            f["value"] = 0.0
    other = network_from_dict(d)
    return solve_answers(net, "co2e", recommend=True, convention="declared", others={"other": other})


def test_a_change_another_convention_leaves_open_is_convention_dependent(answers):
    r = answers.recommendations.set_index(["what", "item"])
    steam = r.loc[("stream", "steam-to-pharma")]
    assert (steam.observed, steam.optimised) == pytest.approx((70, 80))
    assert steam.verdict == "convention-dependent"
    assert steam.agree == ("declared",) and steam.disagree == ("other",)
    gypsum = r.loc[("stream", "gypsum-to-boards")]
    assert (gypsum.observed, gypsum.optimised) == pytest.approx((40, 50))
    assert gypsum.verdict == "change" and gypsum.agree == ("declared", "other") and gypsum.disagree == ()


def test_the_other_convention_is_priced_and_solved_by_hand(answers):
    a = answers.across.set_index(["convention", "answer"])
    # counterfactual: 80 t virgin steam x 0.2 + 60 t natural gypsum x 0.01 + 50 t gypsum disposed x 0.005
    assert a.loc[("declared", "counterfactual"), "co2e"] == pytest.approx(16 + 0.6 + 0.25)
    assert a.loc[("other", "counterfactual"), "co2e"] == pytest.approx(0.6 + 0.25)
    # optimised: 10 t natural gypsum is all that is left to emit, under either convention
    assert a.loc[("declared", "optimised"), "co2e"] == pytest.approx(0.1)
    assert a.loc[("other", "optimised"), "co2e"] == pytest.approx(0.1)
    # the observed answer: 10 t virgin steam, 20 t natural gypsum, 10 t gypsum disposed
    assert a.loc[("declared", "observed"), "co2e"] == pytest.approx(2 + 0.2 + 0.05)
    assert a.loc[("other", "observed"), "co2e"] == pytest.approx(0.2 + 0.05)
    assert (a.loc["declared"].solves == 0).all()  # the declared answers are the evaluation's own
    assert a.loc[("other", "optimised"), "solves"] >= 1  # the objective's costs moved: a warm re-solve


def test_the_range_names_the_convention_at_each_end():
    from symbiosis.accounting.evaluated import Evaluation

    net = network_from_dict(tiny_dict())
    d = tiny_dict()
    for f in d["factors"]:
        if f["factor"] == "virgin_co2e" and f["resource"] == "steam":
            f["value"] = 0.0
    ans = solve_answers(net, "co2e", convention="declared", others={"other": network_from_dict(d)})
    ev = Evaluation(net, "co2e", {"co2e": 1.0}, **ans.results, convention="declared", across=ans.across)
    row = ev.ranges("optimised").loc["co2e_avoided"]
    assert row["value"] == pytest.approx(16.85 - 0.1)
    assert (row["low"], row["low_convention"]) == (pytest.approx(0.85 - 0.1), "other")
    assert (row["high"], row["high_convention"]) == (pytest.approx(16.85 - 0.1), "declared")
    assert ev.ranges("optimised").loc["groundwater_saved", "low"] == ev.ranges("optimised").loc[
        "groundwater_saved", "high"]
