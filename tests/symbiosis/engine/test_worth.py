"""The worth of each change: to first order from the duals for all, re-solved exactly for those asked for, and the
page's lighter budget (exact ranges only where they decide a verdict) gives the verdicts of the full check."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from symbiosis.engine import solve_answers
from symbiosis.engine.recommend import Budget, recommendations
from symbiosis.io import load_network
from symbiosis.io.park import park
from tests.paths import FIXTURES

KEY = ["what", "item", "supplier", "resource", "grade"]
EXACT = Budget(1e6, exact_worth=10**6)  # every change re-solved
FIRST = Budget(1e6, exact_worth=0)  # none: the first-order worth for all
PAGE = Budget(1e6, all_ranges=False, exact_worth=3, exact_follows=False)


def _table(answers, budget):
    return recommendations(answers.compiled["observed"], answers.solutions["observed"],
                           answers.compiled["optimised"], answers.solutions["optimised"], {"cost": 1.0}, budget=budget)


@pytest.fixture(scope="module")
def tiny():
    return solve_answers(load_network(FIXTURES / "tiny.yaml"))


def test_first_order_worth_is_the_exact_worth_where_the_basis_holds(tiny):
    """tiny.yaml by hand: the pharma plant buys 10 t of virgin steam today (200 DKK/t), the optimum none (the
    plant's spare steam costs nothing): keeping the purchase costs 10 x 200 = 2,000 DKK/yr. The plant disposes
    of 10 t more gypsum today than in the optimum (disposal 50 DKK/t, natural gypsum 100 DKK/t, transport
    10 DKK/t): 10 x 140 = 1,400 DKK/yr. Both at a bound in the optimum, so the reduced cost is the exact slope."""
    exact, first = _table(tiny, EXACT), _table(tiny, FIRST)
    for table, is_exact in ((exact, True), (first, False)):
        ch = table[table.verdict == "change"].set_index(["what", "resource"])
        assert (ch.value_exact == is_exact).all(), ch
        assert ch.loc[("virgin purchase", "steam"), "value_money"] == pytest.approx(2000.0)
        assert ch.loc[("disposal", "gypsum"), "value_money"] == pytest.approx(1400.0)
    # a stream inside its bounds in the optimum is basic: its reduced cost is 0, but held at 70 t (80 t in the
    # optimum) it makes the virgin purchase enter at 200 DKK/t: the ratio test gives the 10 t bought instead,
    # 2,000 DKK/yr, the exact worth
    stream = lambda t: t[t.item == "steam-to-pharma"].iloc[0]  # noqa: E731
    assert stream(first).value_money == pytest.approx(2000.0) and stream(exact).value_money == pytest.approx(2000.0)


@settings(max_examples=4, deadline=None)
@given(n=st.integers(4, 25), seed=st.integers(0, 1000), one_price=st.booleans())
def test_the_first_order_worth_is_a_lower_bound_and_the_page_re_solves_the_top_streams(n, seed, one_price):
    """Holding a change at its observed value costs at least its reduced cost times the change (every optimal
    dual proves it), so the first-order worth never exceeds the exact one; the page's budget re-solves the three
    streams and processes with the largest first-order worth (the figures it names), exactly as a re-solve of
    every change does, and gives the rest their first-order worth."""
    answers = solve_answers(park(n, one_price=one_price, seed=seed))
    exact, first, page = (_table(answers, b) for b in (EXACT, FIRST, PAGE))
    m = exact.merge(first, on=KEY, suffixes=("", "_first")).merge(page, on=KEY, suffixes=("", "_page"))
    assert len(m) == len(exact) == len(first) == len(page)
    m = m[m.verdict == "change"]
    assert m.value_exact.all() and not m.value_exact_first.any()
    ok = m.value_objective.notna()  # NaN: the held item alone cannot balance
    slack = 1e-6 * np.maximum(1.0, m.value_objective[ok].abs())
    assert (m.value_objective_first[ok] <= m.value_objective[ok] + slack).all(), m[KEY + ["value_objective",
                                                                                         "value_objective_first"]]
    moved = m.what.isin(("stream", "process"))
    top = m[moved].sort_values("value_objective_first", ascending=False, kind="stable").head(3)
    assert set(m.item[m.value_exact_page]) <= set(top.item) and m.value_exact_page.sum() == len(top)
    again = m[m.value_exact_page]
    assert np.allclose(again.value_objective_page, again.value_objective, equal_nan=True)
    rest = m[~m.value_exact_page]
    assert np.allclose(rest.value_objective_page, rest.value_objective_first)


@settings(max_examples=4, deadline=None)
@given(n=st.integers(4, 25), seed=st.integers(0, 1000), one_price=st.booleans())
def test_the_page_budget_gives_the_verdicts_of_the_full_check(n, seed, one_price):
    """Exact ranges only where they decide a verdict (the page's budget) give every decision the verdict that
    exact ranges for all give, with fewer LPs; the ties' ranges are the part seen, and say so."""
    from flows.highs import LinearModel

    answers = solve_answers(park(n, one_price=one_price, seed=seed))
    before = LinearModel.runs
    full = _table(answers, Budget(1e6, exact_worth=0))
    middle = LinearModel.runs
    page = _table(answers, Budget(1e6, all_ranges=False, exact_worth=0))
    assert LinearModel.runs - middle <= middle - before
    m = full.merge(page, on=KEY, how="outer", suffixes=("", "_page"), indicator=True)
    assert (m._merge == "both").all(), m[m._merge != "both"][KEY + ["verdict", "verdict_page"]]
    assert (m.verdict == m.verdict_page).all(), m[m.verdict != m.verdict_page][KEY + ["verdict", "verdict_page"]]
    assert page.attrs == full.attrs
    changes = m[m.verdict == "change"]  # a change's ranges decide it: exact either way, and the same
    assert changes.range_exact_page.all()
    assert np.allclose(changes.optimised_low_page, changes.optimised_low)
    assert np.allclose(changes.observed_high_page, changes.observed_high)


def test_the_page_says_at_least_for_a_worth_not_re_solved():
    from symbiosis.viz.report import _worth

    assert _worth({"value_money": 2000.0, "value_exact": True}, "en", "cost") == ", worth 2,000 DKK/yr"
    assert "at least" in _worth({"value_money": 2000.0, "value_exact": False}, "en", "cost")
    assert "mindst" in _worth({"value_money": 2000.0, "value_exact": False}, "da", "cost")


def test_hold_rates_by_hand():
    """One balance, need 10: a stream (up to 8, 1 per unit) and a purchase (5 per unit). Optimum: stream 8
    (at its bound, reduced cost 1 - 5 = -4), purchase 2 (basic). Held at 5, the stream costs 3 x 4 = 12 more:
    its reduced cost. The purchase held at 4 (2 more) pushes the stream down by 2: the ratio test gives 4 per
    unit, 8 in all; held at 0 it would need 10 of the stream: out of reach (inf)."""
    import flows
    from symbiosis.engine.hold import hold_rates

    p = flows.Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[10.0], upper=[8.0, np.inf],
                      costs={"cost": [1.0, 5.0]})
    m = flows.Model(p, {"cost": 1.0})
    sol = m.solve()
    cols, rows = m.basis()
    x = np.asarray(sol.flow)
    assert np.allclose(x, [8, 2])
    rates = hold_rates(p, cols, rows, sol.reduced_costs, x, np.array([0, 1, 1]), np.array([5.0, 4.0, 0.0]))
    assert rates[0] == pytest.approx(4.0) and rates[1] == pytest.approx(4.0) and rates[2] == np.inf


def test_the_simulate_table_marks_a_worth_not_re_solved():
    from symbiosis.present.formatting import worth

    assert worth(2000.0, True) == "2,000" and worth(2000.0, False) == "≥ 2,000"
    assert "≥" not in worth(float("nan"), False)  # no figure: nothing to bound


def test_the_page_says_its_ranking_is_among_those_re_solved():
    """Where the page's budget re-solves fewer changes than there are, its summary says the three named are the
    largest of those re-solved, and that one of the others may be worth more; where all are, it says nothing."""
    from symbiosis.engine.recommend import Budget
    from symbiosis.evaluation import evaluate
    from symbiosis.viz.report import summary_html

    net = park(25, seed=3)
    few = evaluate(net, budget=Budget(1e6, all_ranges=False, exact_worth=2, exact_follows=False))
    moved = few.changes()
    moved = moved[moved.what.isin(("stream", "process"))]
    assert len(moved) > 2 and moved.value_exact.sum() == 2
    assert f"Ranked among the 2 re-solved; for the other {len(moved) - 2} only a lower bound" in summary_html(few)
    every = evaluate(net, budget=EXACT)
    assert "Ranked among" not in summary_html(every)
