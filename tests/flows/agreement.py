"""Small random flow problems of every kind, and an independent judge of any answer to them.

Used by the property tests of every solve path (tests/flows/test_agreement.py) and of the symbiosis
engine (tests/symbiosis/engine/test_properties.py). :func:`problems` draws a problem and an objective:
a pure min-cost-flow part and a general part (gains above and below 1, conversions, lower bounds)
side by side, integer data (so the network path needs no rounding), zero, tied and negative costs
(unbounded problems), needs that cannot be met (infeasible ones), and objectives whose weights are six
orders of magnitude apart. :func:`reference` solves it with ``scipy.optimize.linprog`` (a feasibility
run, then the objective); :func:`check` holds an answer to it: status, objective, the flows' balances
and bounds recomputed from the arrays, and, where optimal, dual feasibility and complementary slackness.

The default number of examples is small (the suite's time budget); ``--hypothesis-profile long``
(registered in tests/conftest.py) runs each property test on many more:

    python -m pytest tests/flows/test_agreement.py tests/symbiosis/engine/test_properties.py \\
        --hypothesis-profile long
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

import flows
from flows import BOUNDARY, Problem

B = BOUNDARY
#: Weights: plain, a carbon price, and two named costs six orders of magnitude apart.
OBJECTIVES = [{"cost": 1.0}, {"cost": 1.0, "co2e": 750.0}, {"cost": 1.0, "co2e": 1e-6}, {"co2e": 1.0}]


def examples(n: int) -> settings:
    """Hypothesis settings with ``n`` examples, or the loaded profile's number where it asks for more."""
    return settings(max_examples=max(n, settings.default.max_examples if settings.default.max_examples > 100
                                     else n), deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])


@st.composite
def _part(draw, pure: bool) -> Problem:
    n = draw(st.integers(1, 4))
    ends = st.integers(-1, n - 1)
    tail, head = [], []
    for i in range(n):  # most nodes can buy and sell at the boundary (virgin supply, disposal)
        if draw(st.integers(0, 9)):
            tail.append(B)
            head.append(i)
        if draw(st.integers(0, 6)):
            tail.append(i)
            head.append(B)
    n_boundary = len(tail)
    for _ in range(draw(st.integers(0 if tail else 1, 5))):
        t = draw(ends)
        h = draw(ends.filter(lambda e, t=t: not (e == B and t == B)))
        tail.append(t)
        head.append(h)
    m, nb = len(tail), n_boundary
    gains = [1.0] * m if pure else draw(st.lists(st.sampled_from([1.0, 1.0, 0.5, 0.9, 1.25, 2.0]), min_size=m,
                                                 max_size=m))
    lower = draw(st.lists(st.sampled_from([0.0] * 6 + [1.0, 2.0]), min_size=m, max_size=m))
    # boundary arcs (buying, disposing): mostly no capacity and a cost of 0 or more; the others anything
    room = draw(st.lists(st.sampled_from([np.inf] * 5 + [0.0, 10.0]), min_size=nb, max_size=nb)) \
        + draw(st.lists(st.sampled_from([np.inf, np.inf, 0.0, 1.0, 3.0, 10.0]), min_size=m - nb, max_size=m - nb))
    upper = [lo + r for lo, r in zip(lower, room, strict=True)]
    cost = draw(st.lists(st.sampled_from([0.0, 1.0, 2.0, 5.0, 8.0, 8.0, -1.0]), min_size=nb, max_size=nb)) \
        + draw(st.lists(st.integers(-2, 6).map(float), min_size=m - nb, max_size=m - nb))
    co2e = draw(st.lists(st.sampled_from([0.0, 0.0, 1.0, 2.0, 5.0]), min_size=m, max_size=m))
    rhs = draw(st.lists(st.integers(-6, 6).map(float), min_size=n, max_size=n))
    k = 0 if pure else draw(st.integers(0, 2))
    conv, conv_upper, conv_cost = None, None, {}
    if k:
        rows, cols, vals = [], [], []
        for j in range(k):
            a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
            rows += [a] if a == b else [a, b]
            cols += [j] if a == b else [j, j]
            vals += [draw(st.sampled_from([1.0, -1.0]))] if a == b else \
                [-1.0, draw(st.sampled_from([0.5, 1.0, 2.0]))]
        conv = sp.csr_matrix((vals, (rows, cols)), shape=(n, k))
        conv_upper = draw(st.lists(st.sampled_from([np.inf, 4.0]), min_size=k, max_size=k))
        conv_cost = {"cost": draw(st.lists(st.integers(-1, 3).map(float), min_size=k, max_size=k)),
                     "co2e": [0.0] * k}
    return Problem(n_nodes=n, tail=tail, head=head, rhs=rhs, gain=gains, lower=lower, upper=upper,
                   costs={"cost": cost, "co2e": co2e}, conversion=conv, conv_upper=conv_upper, conv_costs=conv_cost)


@st.composite
def problems(draw, general: bool = True) -> tuple[Problem, dict]:
    """A random problem (a pure part and, with ``general``, a general part beside it) and an objective."""
    parts = [draw(_part(pure=True))]
    if general:
        parts.insert(draw(st.integers(0, 1)), draw(_part(pure=False)))
    return flows.join(*parts), dict(draw(st.sampled_from(OBJECTIVES)))


def _cols(p: Problem, lower=None, upper=None):
    lo, hi = p.bounds()
    if lower is not None:
        lo[: p.n_arcs] = lower
    if upper is not None:
        hi[: p.n_arcs] = upper
    return lo, hi


def reference(p: Problem, weights: dict, *, rhs=None, lower=None, upper=None, extra=None) -> tuple[str, float]:
    """``(status, objective)`` by ``scipy.optimize.linprog``: feasibility with no costs first, then the objective.

    ``rhs``, ``lower``, ``upper`` (arcs) replace the problem's; ``extra`` is ``(rows, caps)`` of ``<=``
    rows over the variables (epsilon constraints).
    """
    from scipy.optimize import linprog

    lo, hi = _cols(p, lower, upper)
    if np.any(lo > hi):
        return "infeasible", float("nan")
    A = p.incidence().toarray()
    b = p.rhs if rhs is None else np.asarray(rhs, dtype=float)
    kw = dict(A_eq=A, b_eq=b, bounds=list(zip(np.where(np.isfinite(lo), lo, None),
                                              np.where(np.isfinite(hi), hi, None), strict=True)),
              method="highs")
    if extra is not None:
        kw.update(A_ub=extra[0], b_ub=extra[1])
    if p.n_vars == 0:
        return ("optimal", 0.0) if not np.any(b) else ("infeasible", float("nan"))
    if linprog(np.zeros(p.n_vars), **kw).status != 0:
        return "infeasible", float("nan")
    # HiGHS' dual tolerance is absolute (1e-7): with weights six orders apart it would pass a non-optimal
    # basis, so the judge scales its costs up until the smallest is 1, and tightens the tolerance; but never
    # past 1e6 for the largest: a tolerance of 1e-9 beside a cost of 5e7 asks for more digits than a double
    # has, and HiGHS gives up (status 4: costs of 1e-12 and 0.53 in one LP, found by the long profile)
    c = p.cost_vector(weights)
    small = np.abs(c[c != 0]).min(initial=1.0)
    large = np.abs(c).max(initial=1.0)
    factor = 1e8 if small < 1e-8 else (1.0 / small if small < 1 else 1.0)  # at most 1e8, never 1 / a denormal
    factor = max(1.0, min(factor, 1e6 / large))
    r = linprog(c * factor, **kw, options={"dual_feasibility_tolerance": 1e-9})
    if r.status == 3 or (r.status == 2 and "unbounded" in r.message.lower()):
        return "unbounded", float("nan")
    assert r.status == 0, r.message
    return "optimal", float(c @ r.x)


def scale_of(p: Problem, weights: dict, x: np.ndarray) -> float:
    """The objective's scale at ``x``: the sum of ``|c_j x_j|`` (at least 1e-9)."""
    return max(float(np.abs(p.cost_vector(weights) * x).sum()), 1e-9)


def check(p: Problem, weights: dict, s, ref: tuple[str, float], *, rhs=None, lower=None, upper=None,
          duals: bool = True, label: str = "") -> None:
    """``s`` (a :class:`flows.Solution`) agrees with ``ref``, and where optimal is a feasible, proven optimum.

    Where the network path rounded the data at 10^-6 (``info["exact"]`` False, as documented), the optimum
    and the reduced costs are those of the rounded costs: they hold to 10^-6 per unit.
    """
    status, best = ref
    info = getattr(s, "info", {}) or {}
    rounded = 1e-6 if info.get("exact") is False else 0.0
    assert s.status == status, (label, s.status, status, s.message)
    if status != "optimal":
        return
    x = np.concatenate([s.flow, s.activity])
    lo, hi = _cols(p, lower, upper)
    b = p.rhs if rhs is None else np.asarray(rhs, dtype=float)
    tol = 1e-7 * max(1.0, float(np.abs(x).max(initial=0.0)), float(np.abs(b).max(initial=0.0)))
    A = p.incidence()
    assert np.abs(A @ x - b).max(initial=0.0) <= tol, (label, A @ x - b)
    assert np.all(x >= lo - tol) and np.all(x <= hi + tol), (label, x, lo, hi)
    c = p.cost_vector(weights)
    scale = max(scale_of(p, weights, x), abs(best))
    slack = 1e-7 * scale + 1e-9 + rounded * float(np.abs(x).sum())
    assert abs(float(c @ x) - best) <= slack, (label, float(c @ x), best)
    assert abs(s.objective - best) <= slack, (label, s.objective, best)
    if not duals:
        return
    y = s.duals
    assert np.isfinite(y).all(), (label, y)
    d = c - A.T @ y
    dtol = 1e-7 * max(1.0, float(np.abs(c).max(initial=0.0)), float(np.abs(y).max(initial=0.0))) + rounded
    at_lo = x <= lo + tol
    at_hi = x >= hi - tol
    assert np.all(d[at_lo & ~at_hi] >= -dtol), (label, "dual feasibility at lower bounds", d, x)
    assert np.all(d[at_hi & ~at_lo] <= dtol), (label, "dual feasibility at upper bounds", d, x)
    assert np.all(np.abs(d[~at_lo & ~at_hi]) <= dtol), (label, "complementary slackness", d, x)
    # the duals' objective equals the flows' (strong duality), so they prove the optimum
    dual_obj = float(b @ y + np.where(d > 0, d * np.where(np.isfinite(lo), lo, 0.0), 0.0).sum()
                     + np.where(d < 0, d * np.where(np.isfinite(hi), hi, 0.0), 0.0).sum())
    assert abs(dual_obj - best) <= 1e-6 * scale + 1e-7 * float(np.abs(d * x).sum()) + 1e-9 + slack, \
        (label, dual_obj, best)
