"""Many variants at once from kept bases (flows.variants) against one cold HiGHS solve per variant."""

from __future__ import annotations

import pickle
from dataclasses import replace

import numpy as np
import pytest

from flows import Model, Problem
from flows.synthetic import regional
from flows.variants import Variants


def _variants(p, k: int, seed: int):
    """k variants: needs x 0.85-1.15, capacities x 0.7-1.3, costs x 0.8-1.25."""
    rng = np.random.default_rng(seed)
    rhs = p.rhs[None, :] * rng.uniform(0.85, 1.15, (k, p.n_nodes))
    upper = p.upper[None, :] * rng.uniform(0.7, 1.3, (k, p.n_arcs))
    costs = {n: v[None, :] * rng.uniform(0.8, 1.25, (k, p.n_arcs)) for n, v in p.costs.items()}
    return rhs, upper, costs


def _cold(p, rhs, upper, costs):
    from dataclasses import replace

    m = Model(p, warm_start=False)
    return [m.solve(replace(p, rhs=rhs[i], upper=upper[i], costs={n: c[i] for n, c in costs.items()}))
            for i in range(rhs.shape[0])]


@pytest.mark.parametrize("seed", range(4))
def test_every_variant_gets_the_optimum_a_cold_solve_finds(seed):
    p = regional(40, 3, links_per_supplier=3, processes=3, losses=True, seed=seed).problem
    rhs, upper, costs = _variants(p, 60, seed)
    v = Variants(p)
    v.learn(rhs[:10], upper[:10], {n: c[:10] for n, c in costs.items()})
    b = v.solve(rhs, upper, costs)
    assert b.by_basis.any() and v.n_bases >= 1
    for i, s in enumerate(_cold(p, rhs, upper, costs)):
        assert b.status[i] == s.status
        if s.ok:
            assert b.totals["cost"][i] == pytest.approx(s.totals["cost"], rel=1e-9)
            x = np.concatenate([s.flow, s.activity])
            assert np.abs(p.incidence() @ b.x[i] - rhs[i]).max() <= 1e-6 * max(1.0, np.abs(rhs[i]).max())
            assert np.all(b.x[i] >= -1e-9) and np.all(b.x[i, :p.n_arcs] <= upper[i] + 1e-6)
            if not b.by_basis[i]:  # HiGHS from a cold start: the same numbers to the bit
                assert np.array_equal(b.x[i], x)


def test_a_variants_answer_does_not_depend_on_the_batch_or_the_process():
    p = regional(40, 3, links_per_supplier=3, processes=3, losses=True, seed=1).problem
    rhs, upper, costs = _variants(p, 50, 7)
    v = Variants(p)
    v.learn(rhs[:8], upper[:8], {n: c[:8] for n, c in costs.items()})
    whole = v.solve(rhs, upper, costs)
    again = pickle.loads(pickle.dumps(v))  # as a worker process gets it
    for lo, hi in ((0, 1), (13, 14), (5, 31), (49, 50)):
        part = again.solve(rhs[lo:hi], upper[lo:hi], {n: c[lo:hi] for n, c in costs.items()})
        assert np.array_equal(part.x, whole.x[lo:hi], equal_nan=True)
        assert part.status == whole.status[lo:hi]
        assert np.array_equal(part.totals["cost"], whole.totals["cost"][lo:hi], equal_nan=True)


def test_an_infeasible_variant_is_reported_as_such():
    p = regional(30, 2, seed=3).problem
    v = Variants(p)
    rhs = np.vstack([p.rhs, p.rhs])
    upper = np.vstack([p.upper, np.zeros(p.n_arcs)])  # every arc closed: no need can be met
    b = v.solve(rhs, upper)
    assert b.status == ["optimal", "infeasible"] and np.isnan(b.x[1]).all()
    assert b.by_basis.tolist() == [True, False]


def test_without_bases_every_variant_goes_to_highs():
    p = regional(30, 2, seed=3).problem
    v = Variants(p, bases=False)
    b = v.solve(np.vstack([p.rhs, p.rhs * 1.1]))
    assert v.n_bases == 0 and not b.by_basis.any() and b.status == ["optimal", "optimal"]


def test_threads_sharing_one_variants_object_take_turns():
    # a Dask worker with several threads runs several batches on the one plan it was sent
    from concurrent.futures import ThreadPoolExecutor

    p = regional(40, 3, links_per_supplier=3, processes=3, losses=True, seed=2).problem
    rhs, upper, costs = _variants(p, 40, 5)
    v = Variants(p, bases=False)  # every variant through the one HiGHS model
    alone = v.solve(rhs, upper, costs)
    parts = [(lo, lo + 10) for lo in range(0, 40, 10)]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda r: v.solve(rhs[r[0]:r[1]], upper[r[0]:r[1]],
                                              {n: c[r[0]:r[1]] for n, c in costs.items()}), parts))
    for (lo, hi), b in zip(parts, got, strict=True):
        assert np.array_equal(b.x, alone.x[lo:hi], equal_nan=True)


def test_a_sample_whose_upper_bound_falls_below_a_lower_bound_is_infeasible():
    # issue 22, bug 1: arc 0 must carry at least 1 but may carry at most 0.5; the kept basis has arc 0
    # nonbasic at its upper bound, and must not certify a flow outside the arc's bounds
    p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5.0], lower=[1.0, 0.0], upper=[4.0, np.inf],
                costs={"cost": [2.0, 3.0]})
    v = Variants(p)
    b = v.solve(upper=np.array([[0.5, np.inf], [4.0, np.inf], [1.0, np.inf]]))
    assert b.status == ["infeasible", "optimal", "optimal"]
    assert np.isnan(b.x[0]).all()
    assert b.x[1].tolist() == [4.0, 1.0] and b.x[2].tolist() == [1.0, 4.0]


def test_problems_of_one_structure_share_their_inverted_bases_with_the_same_answers(monkeypatch):
    """Two years of one structure (other needs, capacities and costs) and their own pilots: with shared bases
    a basis met in the first is not inverted again for the second, and every answer is the same, bit for
    bit; a problem of another structure keeps its own."""
    import flows.variants as fv
    from flows.variants import SharedBases

    p = regional(30, 3, links_per_supplier=3, processes=2, losses=True, seed=2).problem
    rhs, upper, costs = _variants(p, 24, 5)
    years = [p, replace(p, rhs=rhs[0], upper=upper[0], costs={n: c[0] for n, c in costs.items()})]
    inverted = []
    real = fv._basis
    monkeypatch.setattr(fv, "_basis", lambda *a: inverted.append(1) or real(*a))

    def answers(shared):
        out = []
        for q in years:
            v = Variants(q, shared=shared)
            v.learn(rhs[1:6], upper[1:6], {n: c[1:6] for n, c in costs.items()})
            b = v.solve(rhs, upper, costs)
            out.append((b.x, b.status, b.by_basis))
        return out

    own = answers(None)
    apart = len(inverted)
    inverted.clear()
    shared = SharedBases()
    together = answers(shared)
    assert len(inverted) == len(shared.bases) < apart  # each basis once, not once per year
    for (x, status, by), (x2, status2, by2) in zip(own, together, strict=True):
        assert np.array_equal(x, x2, equal_nan=True) and status == status2 and np.array_equal(by, by2)
    other = regional(30, 3, seed=9).problem  # another structure: its own matrix and bases
    assert shared.matrix(other.incidence()) is None
    v = Variants(other, shared=shared)
    assert v._shared is None and v.solve().status == ["optimal"]
