"""The same answers under the other shipped accounting conventions: warm re-solves, declared and counted.

An accounting convention changes numbers only (factor rows: what a virgin
purchase or a disposal emits or costs), never the structure of the problem.
So each other convention is a declared extra answer of the same compiled
problems: their costs read from the convention's factor table
(:meth:`~symbiosis.engine.compiled.Compiled.recosted`) and, only where the
objective's costs change, one warm re-solve per answer
(:class:`flows.Model`). Where the declared solution is still optimal under
the other costs it is kept (a tie is not a new answer); otherwise the
optimised answer is the optimum nearest the observed flows, as for the
declared convention.

Each change of the declared recommendations is then checked under every
other convention: it **agrees** there if the other optimum moves it the
same way and holding it at its observed value costs more there too (one
warm re-solve per change, as for its worth); else the change rests on the
convention and its verdict becomes ``convention-dependent`` (issue 26).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import flows
from symbiosis.engine.compiled import Compiled
from symbiosis.engine.solving import Solution, solve_near, stopped_error, variable_keys
from symbiosis.model import Network
from symbiosis.results import ANSWERS, NAMED_COSTS, Answer

__all__ = ["across_conventions"]

_KIND = {"stream": "stream", "virgin purchase": "virgin", "disposal": "disposal", "process": "process"}


def _x(sol: Solution) -> np.ndarray:
    return np.concatenate([sol.flow, sol.activity])


def _totals(c: Compiled, x: np.ndarray) -> dict[str, float]:
    p, n = c.problem, c.problem.n_arcs
    return {name: float(p.costs[name] @ x[:n] + p.conv_costs[name] @ x[n:]) for name in NAMED_COSTS}


def _tol(objective: float) -> float:
    return 1e-6 + 1e-7 * abs(objective)


def across_conventions(compiled: dict[Answer, Compiled], sols: dict[Answer, Solution], weights: dict[str, float],
                       target: np.ndarray, declared: str, others: dict[str, Network], table: pd.DataFrame | None
                       ) -> tuple[pd.DataFrame, pd.DataFrame | None]:
    """The named-cost totals of each answer under the declared and every other convention, and the
    recommendations with each change's agreement.

    Parameters
    ----------
    compiled, sols : dict
        The declared convention's compiled answers and their solutions (the optimised one nearest the
        observed flows).
    weights : dict
        The objective's weights over the named costs.
    target : array
        The observed flows on the optimised answer's variables (what its optimum is sought nearest to).
    declared : str
        The declared convention's name.
    others : dict
        Every other convention's name -> the network read under it.
    table : DataFrame or None
        The declared recommendations (:func:`~symbiosis.engine.recommend.recommendations`), or None.

    Returns
    -------
    across : DataFrame
        One row per (``convention``, ``answer``): the totals of every named cost (:data:`NAMED_COSTS`),
        ``solves`` (warm re-solves made for it: the answer itself and, for the optimised one, one per change
        checked) and ``nearest`` (1 where the optimum nearest the observed flows was sought, one LP).
    table : DataFrame or None
        ``table`` with ``agree`` and ``disagree`` (the conventions, the declared one first, under which each
        change moves the same way or does not) and ``verdict`` ``convention-dependent`` for a change that
        some convention does not make.
    """
    rows = [{"convention": declared, "answer": a, **_totals(compiled[a], _x(sols[a])), "solves": 0, "nearest": 0}
            for a in ANSWERS]
    changes: list[int] = np.flatnonzero(table.verdict.to_numpy() == "change").tolist() if table is not None else []
    agree = {i: [declared] for i in changes}
    disagree: dict[int, list[str]] = {i: [] for i in changes}
    models: dict[Answer, flows.Model] = {}
    for name, net in others.items():
        for a in ANSWERS:
            c = compiled[a].recosted(net)
            x, solves, nearest = _x(sols[a]), 0, 0
            new = c.problem.cost_vector(weights)
            moved = not np.allclose(new, compiled[a].problem.cost_vector(weights), rtol=1e-12, atol=0.0)
            if moved:  # the objective changed: a warm re-solve of the same problem with the other costs
                model = models.get(a)
                if model is None:
                    model = models[a] = flows.Model(compiled[a].problem, weights)
                sol = model.solve(c.problem)
                solves += 1
                try:
                    sol.raise_for_status()
                except flows.SolveError as exc:  # other costs cannot make an answer infeasible, only unbounded
                    raise stopped_error(c, exc) from None
                if new @ x > sol.objective + _tol(sol.objective):  # the declared flows are no longer optimal
                    if a == "optimised":
                        x = _x(solve_near(c, weights, target, sol=sol))
                        nearest += 1
                    else:
                        x = _x(sol)
                if a == "optimised" and len(changes) and table is not None:
                    solves += _check(model, c, sol, x, table, changes, name, agree, disagree)
            elif a == "optimised":
                for i in changes:
                    agree[i].append(name)
            rows.append({"convention": name, "answer": a, **_totals(c, x), "solves": solves, "nearest": nearest})
    across = pd.DataFrame(rows)
    if table is None:
        return across, None
    # pandas-stubs types a column's list as scalars; a column of tuples is valid pandas
    table = table.assign(agree=[tuple(agree.get(i, ())) for i in range(len(table))],  # type: ignore[misc]
                         disagree=[tuple(disagree.get(i, ())) for i in range(len(table))])  # type: ignore[misc]
    dependent = np.array([bool(disagree.get(i)) for i in range(len(table))])
    return across, table.assign(verdict=np.where(dependent, "convention-dependent", table.verdict))


def _check(model: flows.Model, c: Compiled, sol: Solution, x: np.ndarray, table: pd.DataFrame,
           changes: list[int], name: str, agree: dict[int, list[str]], disagree: dict[int, list[str]]) -> int:
    """Whether each change agrees under convention ``name``: the other optimum ``x`` moves it the same way
    and holding it at its observed value costs more (one warm re-solve each, the bound put back after).
    Returns the re-solves made."""
    at = {k: j for j, k in enumerate(variable_keys(c))}
    n = c.problem.n_arcs
    lo_all, hi_all = c.problem.bounds()
    solves = 0
    for i in changes:
        row = table.iloc[i]
        j = at[(_KIND[row.what], row["item"], row.supplier, row.resource, row.grade)]
        obs, opt = float(row.observed), float(row.optimised)
        near = 1e-6 * max(1.0, abs(obs))
        same = np.sign(opt - obs) == np.sign(x[j] - obs) and abs(x[j] - obs) > near
        if same:
            if j < n:
                model.set_bounds(lower=obs, upper=obs, arcs=[j])
            else:
                model.set_conversion_bounds(lower=obs, upper=obs, conversions=[j - n])
            held = model.solve()
            solves += 1
            same = not held.ok or held.objective > sol.objective + _tol(sol.objective)
            if j < n:
                model.set_bounds(lower=lo_all[j], upper=hi_all[j], arcs=[j])
            else:
                model.set_conversion_bounds(lower=lo_all[j], upper=hi_all[j], conversions=[j - n])
        (agree if same else disagree)[i].append(name)
    return solves
