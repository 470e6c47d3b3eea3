"""The flows engine: known optima, the network-flow path against HiGHS, blocks, re-solve, duals."""

import functools

import numpy as np
import pytest

import flows
from flows import BOUNDARY, Model, Problem
from flows.blocks import find_blocks, solve_blocks
from flows.netflow import decimal_scale, is_pure, solve_network_flow
from flows.synthetic import DISPOSAL, STREAM, VIRGIN, regional

solve = functools.partial(flows.solve, engine="highs")  # the reference every other path is held to


def random_pure(seed: int, n: int = 12, m: int = 40) -> Problem:
    """A random min-cost flow with distinct integer costs, imports, exports and capacities."""
    rng = np.random.default_rng(seed)
    tail = rng.integers(0, n, m)
    head = (tail + rng.integers(1, n, m)) % n
    tail = np.concatenate([tail, np.full(n, BOUNDARY), np.arange(n)])
    head = np.concatenate([head, np.arange(n), np.full(n, BOUNDARY)])
    cost = np.concatenate([rng.permutation(m) + 1, 500 + rng.permutation(n) * 7, rng.permutation(n) * 3 - 10])
    upper = np.concatenate([rng.integers(1, 30, m).astype(float), np.full(2 * n, np.inf)])
    lower = np.concatenate([np.where(rng.random(m) < 0.2, 1.0, 0.0), np.zeros(2 * n)])
    rhs = rng.integers(-20, 21, n).astype(float)
    return Problem(n_nodes=n, tail=tail, head=head, rhs=rhs, lower=lower, upper=upper,
                   costs={"cost": cost.astype(float) / 4})  # quarter-DKK costs: the scale must find 100


def reduced_cost_ok(p: Problem, flow: np.ndarray, y: np.ndarray, tol=1e-6) -> bool:
    """Complementary slackness of node duals ``y`` (cost of one more unit needed; boundary 0)."""
    yy = np.append(y, 0.0)
    rc = p.costs["cost"] + yy[p.tail] - yy[p.head]
    below = flow < p.upper - tol
    above = flow > p.lower + tol
    return bool(np.all(rc[below] >= -tol) and np.all(rc[above] <= tol))


def test_known_optimum_by_hand():
    # node 0 needs 5, node 1 needs 3; imports cost 2 (cap 6) at 0 and 6 at 1; 0->1 costs 1 and loses 20 %
    p = Problem(n_nodes=2, tail=[-1, -1, 0], head=[0, 1, 1], rhs=[5, 3], gain=[1, 1, 0.8],
                costs={"cost": [2.0, 6.0, 1.0]}, upper=[6, np.inf, np.inf])
    s = solve(p)
    # 6 units at 2 DKK into node 0, 1 goes on to node 1 (0.8 arrive), 2.2 bought there at 6
    assert s.flow == pytest.approx([6.0, 2.2, 1.0])
    assert s.objective == pytest.approx(12 + 13.2 + 1)
    # one more unit needed at node 1 is bought at 6; at node 0 it displaces 1/0.8 of the cheap route: 6*0.8 - 1
    assert s.duals == pytest.approx([6 * 0.8 - 1, 6.0])


@pytest.mark.parametrize("seed", range(8))
def test_network_flow_agrees_with_lp(seed):
    p = random_pure(seed)
    lp, nf = solve(p), solve_network_flow(p)
    assert lp.status == nf.status
    if lp.status != "optimal":
        return
    assert nf.info["cost_scale"] == 100.0
    assert nf.objective == pytest.approx(lp.objective, rel=1e-9, abs=1e-6)
    assert np.abs(p.residual(nf.flow, np.zeros(0))).max() < 1e-9
    assert np.all(nf.flow >= p.lower - 1e-9) and np.all(nf.flow <= p.upper + 1e-9)
    assert reduced_cost_ok(p, nf.flow, nf.duals)
    assert reduced_cost_ok(p, lp.flow, lp.duals)


def test_network_flow_duals_are_finite_differences():
    p = random_pure(3)
    base = solve(p).objective
    nf = solve_network_flow(p)
    for i in range(p.n_nodes):
        rhs = p.rhs.copy()
        rhs[i] += 1
        more = solve(Problem(**{**_fields(p), "rhs": rhs})).objective
        assert nf.duals[i] == pytest.approx(more - base)  # the right derivative, exactly


def test_lp_duals_lie_between_the_one_sided_differences():
    p = random_pure(5)
    s = solve(p)
    for i in range(p.n_nodes):
        obj = []
        for step in (-1e-3, 1e-3):
            rhs = p.rhs.copy()
            rhs[i] += step
            obj.append(solve(Problem(**{**_fields(p), "rhs": rhs})).objective)
        left, right = (s.objective - obj[0]) / 1e-3, (obj[1] - s.objective) / 1e-3
        assert left - 1e-6 <= s.duals[i] <= right + 1e-6


def _fields(p: Problem) -> dict:
    return dict(n_nodes=p.n_nodes, tail=p.tail, head=p.head, rhs=p.rhs, gain=p.gain, lower=p.lower,
                upper=p.upper, costs=p.costs, conversion=p.conversion, conv_lower=p.conv_lower,
                conv_upper=p.conv_upper, conv_costs=p.conv_costs)


def test_network_flow_reports_infeasible_and_refuses_gains():
    p = Problem(n_nodes=2, tail=[-1, 0], head=[0, 1], rhs=[0, 5], upper=[3, np.inf], costs={"cost": [1.0, 1.0]})
    assert solve_network_flow(p).status == "infeasible" == solve(p).status
    lossy = Problem(n_nodes=1, tail=[-1], head=[0], rhs=[1], gain=[0.9])
    assert not is_pure(lossy)
    with pytest.raises(ValueError, match="pure"):
        solve_network_flow(lossy)


def test_decimal_scale():
    assert decimal_scale(np.array([1.0, 2.5, np.inf])) == 10.0
    assert decimal_scale(np.array([3.0, 4.0])) == 1.0
    assert decimal_scale(np.array([0.125])) == 1000.0


def test_blocks_split_by_arcs_and_conversions():
    # nodes 0-1 linked by an arc, 2-3 by a conversion, 4 alone
    import scipy.sparse as sp

    conv = sp.csr_matrix(([-1.0, 2.0], ([2, 3], [0, 0])), shape=(5, 1))
    p = Problem(n_nodes=5, tail=[0, -1, -1, -1, 3], head=[1, 0, 2, 4, -1], rhs=[0, 1, 0, 1, 1],
                costs={"cost": [1.0, 2.0, 3.0, 4.0, 0.5]}, conversion=conv)
    b = find_blocks(p)
    assert b.n_blocks == 3
    assert b.node[0] == b.node[1] and b.node[2] == b.node[3] and len({b.node[0], b.node[2], b.node[4]}) == 3
    assert b.pure[b.node[0]] and not b.pure[b.node[2]] and b.pure[b.node[4]]
    s = solve_blocks(p)
    assert s.objective == pytest.approx(solve(p).objective)
    assert s.info["network_flow_blocks"] == 2 and s.info["lp_blocks"] == 1


@pytest.mark.parametrize("seed", [0, 1])
def test_blocks_agree_with_one_lp_on_synthetic_regions(seed):
    syn = regional(150, 8, processes=6, losses=True, seed=seed)
    whole = solve(syn.problem)
    for network_flow in (True, False):
        parts = solve_blocks(syn.problem, network_flow=network_flow)
        assert parts.status == "optimal"
        assert parts.objective == pytest.approx(whole.objective, rel=1e-9)
        assert np.abs(syn.problem.residual(parts.flow, parts.activity)).max() < 1e-6
    assert parts.info["lp_blocks"] == parts.info["blocks"]


def test_resolve_without_rebuild_matches_fresh_solves():
    syn = regional(120, 6, seed=4)
    p = syn.problem
    m = Model(p)
    assert m.solve().objective == pytest.approx(solve(p).objective)
    rng = np.random.default_rng(0)
    for _ in range(3):
        new = p.costs["cost"] * rng.uniform(0.5, 1.5, p.n_arcs)
        m.set_costs("cost", new)
        fresh = solve(Problem(**{**_fields(p), "costs": {**p.costs, "cost": new}}))
        assert m.solve().objective == pytest.approx(fresh.objective, rel=1e-9)
    m.set_costs("cost", p.costs["cost"])
    m.set_objective({"cost": 1.0, "co2e": 1000.0})
    assert m.solve().objective == pytest.approx(solve(p, {"cost": 1.0, "co2e": 1000.0}).objective, rel=1e-9)
    streams = np.flatnonzero(syn.arc_kind == STREAM)
    m.set_objective("cost")
    m.set_bounds(upper=0.0, arcs=streams)  # close every link: all bought virgin, all disposed
    closed = m.solve()
    assert np.all(closed.flow[streams] == 0)
    virgin = syn.arc_kind == VIRGIN
    disposal = syn.arc_kind == DISPOSAL
    expected = (p.rhs[p.head[virgin]] * p.costs["cost"][virgin]).sum() \
        + (-p.rhs[p.tail[disposal]] * p.costs["cost"][disposal]).sum()
    assert closed.objective == pytest.approx(expected, rel=1e-12)


def test_synthetic_is_seeded_and_sized():
    a, b, c = regional(500, 20, seed=7), regional(500, 20, seed=7), regional(500, 20, seed=8)
    assert np.array_equal(a.problem.tail, b.problem.tail) and np.array_equal(a.problem.costs["cost"],
                                                                              b.problem.costs["cost"])
    assert not np.array_equal(a.problem.rhs, c.problem.rhs)
    assert 7_000 < a.problem.n_arcs < 20_000  # "about 10k arcs"
    assert is_pure(a.problem) and not is_pure(regional(100, 8, losses=True, seed=1).problem)
    stream = a.arc_kind == STREAM
    assert np.all(a.distance_km[stream] <= a.radius_km[a.node_resource[a.problem.tail[stream]]] + 0.01)
    assert solve(a.problem).status == "optimal"


@pytest.mark.parametrize("chunk", [1, 60, 100_000])
def test_network_flow_calls_per_block_agree_with_lp(chunk):
    # blocks packed into calls of ~chunk arcs, each block with its own boundary node
    syn = regional(200, 10, seed=9)
    p = syn.problem
    blocks = find_blocks(p)
    s = solve_network_flow(p, blocks=blocks.node, chunk=chunk)
    lp = solve(p)
    assert s.objective == pytest.approx(lp.objective, rel=1e-12)
    assert (s.info["calls"] == 1) == (chunk == 100_000)
    assert np.abs(p.residual(s.flow, np.zeros(0))).max() < 1e-9
    assert reduced_cost_ok(p, s.flow, s.duals)


def test_decimal_scale_checks_every_value_not_only_the_probe():
    # the probe looks at every 1000th value: one value with three decimals among 10^5 whole ones still counts
    v = np.arange(100_001, dtype=float)
    v[12_345] = 7.125
    assert decimal_scale(v) == 1000.0
    v[[3, 99]] = np.inf
    assert decimal_scale(v) == 1000.0
    assert decimal_scale(np.array([0.1 + 0.2, 1e9 + 0.5])) == 10.0  # 0.30000000000000004 counts as 0.3


@pytest.mark.parametrize("seed", [2, 3])
def test_parallel_blocks_give_the_serial_answer(seed):
    # HiGHS blocks (processes and losses) on two and three threads give exactly the serial answer
    p = regional(150, 8, processes=6, losses=True, seed=seed).problem
    for network_flow in (True, False):
        serial = solve_blocks(p, network_flow=network_flow)
        for workers in (2, 3):
            side = solve_blocks(p, workers=workers, parallel_min=0, network_flow=network_flow)
            assert side.status == serial.status == "optimal"
            assert side.info["lp_parallel_blocks"] == side.info["lp_blocks"] > 1
            assert np.array_equal(side.flow, serial.flow) and np.array_equal(side.activity, serial.activity)
            assert np.array_equal(side.duals, serial.duals, equal_nan=True)
            assert side.objective == serial.objective
    assert side.objective == pytest.approx(solve(p).objective, rel=1e-9)
    # below the size threshold every block stays serial
    assert "lp_parallel_blocks" not in solve_blocks(p, workers=2).info


@pytest.mark.parametrize("seed", range(6))
def test_components_by_filtering_match_scipy(seed):
    # a dense random graph with boundary ends, sometimes sorted so the sample sees only part of it
    import scipy.sparse as sp
    from scipy.sparse.csgraph import connected_components

    from flows.blocks import components

    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 400))
    m = int(rng.integers(0, 30 * n))
    tail, head = rng.integers(-1, n, m), rng.integers(-1, n, m)
    if seed % 2:
        order = np.argsort(np.minimum(tail, head) // max(1, n // 5), kind="stable")
        tail, head = tail[order], head[order]
    k, node, lt, lh = components(n, tail, head, sample=1)
    inner = (tail >= 0) & (head >= 0)
    g = sp.csr_matrix((np.ones(int(inner.sum())), (tail[inner], head[inner])), shape=(n, n))
    k_ref, ref = connected_components(g, directed=True, connection="weak")
    assert k == k_ref
    assert np.array_equal(node, ref)  # both number components by their smallest node
    assert np.array_equal(lt, np.where(tail >= 0, node[tail], -1))
    assert np.array_equal(lh, np.where(head >= 0, node[head], -1))


@pytest.mark.parametrize("seed", [0, 1, 3])
def test_tree_potentials_equal_the_full_shortest_path(seed):
    # the free-arc tree fixes most potentials; the rest come from a search seeded with them. Both must equal
    # the shortest residual distances over all arcs. Small whole-number capacities and needs make degenerate
    # optima (arcs at a bound in the basis), so on these instances the tree leaves nodes open.
    import flows.netflow as nf
    import flows.potentials as pot

    p = regional(300, 6, seed=seed).problem
    p = Problem(n_nodes=p.n_nodes, tail=p.tail, head=p.head, rhs=np.round(p.rhs / 10),
                upper=np.where(np.isfinite(p.upper), np.round(p.upper / 20), np.inf),
                costs={"cost": np.round(p.costs["cost"])})
    captured = {}
    real = nf.potentials

    def spy(*args):
        captured["args"] = args
        return real(*args)

    nf.potentials = spy
    try:
        s = solve_network_flow(p, blocks=find_blocks(p).node)
    finally:
        nf.potentials = real
    tail, head, c, x, cap, n, source = captured["args"]
    assert (~np.isfinite(pot._tree_values(*captured["args"]))).sum() > 0  # the seeded search has work to do
    fwd, bwd = x < cap, x > 0
    rows, cols = np.concatenate([tail[fwd], head[bwd]]), np.concatenate([head[fwd], tail[bwd]])
    full = pot._shortest(rows, cols, np.concatenate([c[fwd], -c[bwd]]).astype(float), n, source)
    assert np.array_equal(real(*captured["args"]), np.where(np.isfinite(full), full, np.nan), equal_nan=True)
    assert reduced_cost_ok(p, s.flow, s.duals)
