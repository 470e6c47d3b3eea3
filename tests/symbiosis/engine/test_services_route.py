"""The service assignment solves through flows' HiGHS route, held against SciPy's MILP (an outside solver)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from symbiosis.engine import assign_hours
from symbiosis.errors import SymbiosisError


def _outside(pairs, hours, market, capacity, c, min_hours, floor=None):
    """SciPy's milp on the same model: the objective it reaches, or None without a solution."""
    import scipy.sparse as sp
    from scipy.optimize import Bounds, LinearConstraint, milp

    k, n, e = len(pairs), len(hours), len(capacity)
    binary = min_hours > 0
    nv = k + n + (k if binary else 0)
    o, m = pairs.offer.to_numpy(), pairs.need.to_numpy()
    upper_x = np.where(pairs.allowed, np.minimum(capacity[o], hours[m]), 0.0)
    ends = (np.r_[m, np.arange(n)], np.r_[np.arange(k), k + np.arange(n)])
    cons = [LinearConstraint(sp.csr_matrix((np.ones(k + n), ends), shape=(n, nv)), hours, hours),
            LinearConstraint(sp.csr_matrix((np.ones(k), (o, np.arange(k))), shape=(e, nv)), -np.inf, capacity),
            LinearConstraint(sp.csr_matrix(((pairs.cost_per_hour - pairs.market_price).to_numpy(), (m, np.arange(k))),
                                           shape=(n, nv)), -np.inf, 0.0)]
    if binary:
        for a, lo, hi in ((-upper_x, -np.inf, 0.0), (-np.full(k, min_hours), 0.0, np.inf)):
            cons.append(LinearConstraint(sp.csr_matrix((np.r_[np.ones(k), a], (np.r_[np.arange(k), np.arange(k)],
                                                        np.r_[np.arange(k), k + n + np.arange(k)])), shape=(k, nv)),
                                         lo, hi))
    if floor is not None:
        cons.append(LinearConstraint(floor[0].reshape(1, -1), floor[1], np.inf))
    bounds = Bounds(np.zeros(nv), np.r_[upper_x, hours, np.ones(k) if binary else []])
    res = milp(c, constraints=cons, bounds=bounds, integrality=np.r_[np.zeros(k + n), np.ones(k) if binary else []])
    return None if res.x is None else float(res.fun)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_the_assignment_reaches_scipys_optimum(data):
    n_offers, n_needs = data.draw(st.integers(1, 3)), data.draw(st.integers(1, 3))
    cells = [(e, m) for e in range(n_offers) for m in range(n_needs)]
    price = st.floats(50, 500, allow_nan=False).map(lambda v: round(v))
    pairs = pd.DataFrame({
        "offer": [e for e, _ in cells], "need": [m for _, m in cells],
        "cost_per_hour": [data.draw(price) for _ in cells],
        "market_price": [data.draw(price) for _ in cells],
        "fte_per_hour": [data.draw(st.sampled_from([0.0, 1 / 1628, 2 / 1628])) for _ in cells],
        "allowed": [data.draw(st.booleans()) for _ in cells],
    })
    pairs["market_price"] = pairs.need.map(pairs.groupby("need").market_price.first())
    hours = np.array([float(data.draw(st.integers(0, 2000))) for _ in range(n_needs)])
    market = pairs.groupby("need").market_price.first().reindex(range(n_needs)).to_numpy(float)
    capacity = np.array([float(data.draw(st.integers(0, 3000))) for _ in range(n_offers)])
    social = data.draw(st.sampled_from([None, 0.0, 400_000.0]))
    min_hours = data.draw(st.sampled_from([0.0, 100.0]))
    k, n = len(pairs), n_needs
    fte = np.r_[pairs.fte_per_hour.to_numpy(), np.zeros(n + (k if min_hours else 0))]
    cost = np.r_[pairs.cost_per_hour.to_numpy(), market, np.zeros(k if min_hours else 0)]
    try:
        x, y, _ = assign_hours(pairs, hours, market, capacity, social, min_hours)
    except SymbiosisError:
        assert _outside(pairs, hours, market, capacity, -fte, min_hours) is None
        return
    # the demand balances and no pair runs that is not allowed or beyond its offer's capacity
    np.testing.assert_allclose(np.bincount(pairs.need, x, minlength=n) + y, hours, atol=1e-6)
    assert (x[~pairs.allowed.to_numpy()] == 0).all()
    assert (np.bincount(pairs.offer, x, minlength=n_offers) <= capacity + 1e-6).all()
    z = np.r_[x, y]
    tol = 1e-6 * max(1.0, float(cost[: k + n] @ np.r_[hours.max(initial=0.0) * np.ones(k), hours]))
    if social is None:
        jobs = -_outside(pairs, hours, market, capacity, -fte, min_hours)
        assert fte[: k + n] @ z == pytest.approx(jobs, abs=1e-9, rel=1e-7)
        best = _outside(pairs, hours, market, capacity, cost, min_hours, (fte, jobs * (1 - 1e-9) - 1e-12))
        assert cost[: k + n] @ z == pytest.approx(best, abs=tol, rel=1e-6)
    else:
        best = _outside(pairs, hours, market, capacity, cost - social * fte, min_hours)
        assert (cost - social * fte)[: k + n] @ z == pytest.approx(best, abs=tol, rel=1e-6)


def test_the_assignment_never_loads_scipys_milp():
    """One solver route: the assignment goes through flows, not scipy.optimize.milp (planted spy)."""
    import subprocess
    import sys

    code = ("import sys; import symbiosis.planning.assignment; from symbiosis.engine import assign_hours; "
            "import numpy as np, pandas as pd; "
            "p = pd.DataFrame({'offer': [0], 'need': [0], 'cost_per_hour': [1.0], 'market_price': [2.0], "
            "'fte_per_hour': [0.001], 'allowed': [True]}); "
            "x, y, _ = assign_hours(p, np.array([10.0]), np.array([2.0]), np.array([5.0]), None, 1.0); "
            "assert x.tolist() == [5.0] and y.tolist() == [5.0], (x, y); "
            "print('scipy.optimize' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"
