"""stress at scale: one compile per answer, the duals' screen, and exact re-solves for the top removals only."""

from __future__ import annotations

import numpy as np
import pytest

import symbiosis.planning.stress as stress_module
from flows.highs import LinearModel
from symbiosis.engine import compile_network
from symbiosis.engine.removal import Removals
from symbiosis.io.park import park
from symbiosis.planning.stress import stress


@pytest.fixture(scope="module")
def net():
    return park(40, seed=3)


def test_stress_compiles_each_answer_once_and_re_solves_only_the_top(net, monkeypatch):
    compiles = []

    def counted(network, answer="optimised", **kw):
        compiles.append(answer)
        return compile_network(network, answer, **kw)

    monkeypatch.setattr(stress_module, "compile_network", counted)
    before = LinearModel.runs
    table = stress(net, top=5)
    solves = LinearModel.runs - before
    assert sorted(compiles) == ["counterfactual", "optimised"]
    assert len(table) == len(net.actors)
    assert int(table.exact.sum()) == 5
    # two base solves, then at most one optimised and one counterfactual re-solve per exact removal
    assert solves <= 2 + 2 * 5
    assert table.exact.iloc[:5].all() and not table.exact.iloc[5:].any()  # the exact rows come first


def test_the_exact_rows_are_the_same_whatever_the_top(net):
    few = stress(net, top=4).set_index("removed")
    every = stress(net, top=None).set_index("removed")
    assert every.exact.all()
    exact = few.index[few.exact]
    cols = ["lost_cost_saved", "lost_co2e_avoided", "lost_supported_persons"]
    np.testing.assert_allclose(few.loc[exact, cols].to_numpy(float), every.loc[exact, cols].to_numpy(float),
                               rtol=1e-7, atol=1e-6)


def test_the_duals_bound_each_removal_from_below(net):
    """z without an actor >= z + the bound (the optimal value is convex in the right-hand side)."""
    r = Removals(compile_network(net, "optimised"), {"cost": 1.0})
    ids, bound = r.bounds()
    z = r.base.objective
    for actor, b in zip(ids, bound, strict=True):
        sol = r.solve(r.without(actors=[actor]))
        if sol.ok:
            assert sol.objective - z >= b - 1e-6 * max(1.0, abs(z)), actor
    assert np.any(np.abs(bound) > 0)


def test_removing_an_actor_by_bounds_is_removing_it_from_the_network(net):
    """The warm bound change gives the optimum of the network without the actor (compiled anew)."""
    from symbiosis.engine import solve_compiled
    from symbiosis.scenario.events import remove_actors

    r = Removals(compile_network(net, "optimised"), {"cost": 1.0})
    for actor in [a.id for a in net.actors][:6]:
        warm = r.solve(r.without(actors=[actor]))
        cold = solve_compiled(compile_network(remove_actors(net, [actor]), "optimised"))
        assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=1e-6), actor


def test_top_must_be_a_whole_number(net):
    from symbiosis.errors import SymbiosisError

    with pytest.raises((SymbiosisError, ValueError), match="top"):
        stress(net, top=-1)


def _count_compiles(monkeypatch, *modules):
    compiles = []
    for module in modules:
        real = module.compile_network

        def counted(network, answer="optimised", _real=real, **kw):
            compiles.append(answer)
            return _real(network, answer, **kw)

        monkeypatch.setattr(module, "compile_network", counted)
    return compiles


def test_prices_and_pareto_compile_once_per_answer(net, monkeypatch):
    """prices: the optimised answer (and the observed one, for the optimum nearest today's); pareto: one."""
    import symbiosis.engine.planning as engine_planning
    import symbiosis.planning.pareto as pareto_module
    import symbiosis.planning.prices as prices_module

    compiles = _count_compiles(monkeypatch, prices_module, engine_planning, pareto_module)
    prices_module.shadow_prices(net)
    assert sorted(compiles) == ["observed", "optimised"]
    compiles.clear()
    before = LinearModel.runs
    pareto_module.pareto(net, points=5)
    assert compiles == ["optimised"]
    assert LinearModel.runs - before <= 2 * 5 + 2  # the two ends and at most a capped LP per point, warm


@pytest.mark.parametrize("name", ["kalundborg", "kalundborg-2000", "rotterdam-botlek", "park"])
def test_the_answers_compiled_once_are_the_answers_compiled_each(name, net):
    """compile_answers (one compile, the other answers by their streams' bounds) gives every array of
    compile_network per answer."""
    from symbiosis.cli.common import network_of
    from symbiosis.engine.compiled import compile_answers

    network = net if name == "park" else network_of(name, None)
    once = compile_answers(network)
    for answer, c in once.items():
        each = compile_network(network, answer)
        assert c.answer == answer
        for field in ("tail", "head", "rhs", "gain", "lower", "upper", "conv_lower", "conv_upper"):
            np.testing.assert_array_equal(getattr(c.problem, field), getattr(each.problem, field), err_msg=field)
        for k in each.problem.costs:
            np.testing.assert_array_equal(c.problem.costs[k], each.problem.costs[k])
        assert c.nodes.equals(each.nodes) and c.arcs.equals(each.arcs)
