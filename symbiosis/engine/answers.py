"""The three answers of a network, each compiled once and solved once, and what the optimiser would change.

:func:`solve_answers` is the one place an evaluation is solved: it compiles
the observed, counterfactual and optimised answers, solves each once (the
optimised one: the optimum nearest the observed flows, one more LP), names
each solution (:class:`~symbiosis.results.Result`, with its ledger) and, when
asked, computes the ranges and recommendations from those same compiled
problems and solutions (:func:`~symbiosis.engine.recommend.recommendations`).
What it returns, :class:`Answers`, holds all of it; the domain hands on only
its plain results (:class:`~symbiosis.accounting.evaluated.Evaluation`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from symbiosis.engine.across import across_conventions
from symbiosis.engine.compiled import Compiled, compile_answers
from symbiosis.engine.reading import read_solution
from symbiosis.engine.recommend import Budget, recommendations
from symbiosis.engine.solving import Solution, carry_over, one_blas_thread, solve_compiled, solve_near
from symbiosis.model import Network
from symbiosis.results import ANSWERS, Answer, Result

__all__ = ["Answers", "solve_answers"]


@dataclass(frozen=True, eq=False)
class Answers:
    """Per answer (observed, counterfactual, optimised) its compiled problem, its solution and its named
    result (tables and ledger), the recommendations (None unless asked for) and the named-cost totals under
    every other convention asked for (``across``, :func:`~symbiosis.engine.across.across_conventions`).

    Parameters
    ----------
    compiled : dict of Answer to Compiled
        Each answer's compiled problem.
    solutions : dict of Answer to Solution
        Each answer's solution.
    results : dict of Answer to Result
        Each answer's named tables and ledger.
    recommendations : pandas.DataFrame or None
        The recommendations, None unless asked for.
    across : pandas.DataFrame or None
        The named-cost totals under every other convention asked for, None without.
    """

    compiled: dict[Answer, Compiled]
    solutions: dict[Answer, Solution]
    results: dict[Answer, Result]
    recommendations: pd.DataFrame | None = None
    across: pd.DataFrame | None = None


def solve_answers(net: Network, objective: str | dict[str, float] = "cost", recommend: bool = False,
                  convention: str = "system-expansion", others: dict[str, Network] | None = None,
                  budget: float | Budget | None = None) -> Answers:
    """The three answers of ``net``, each compiled once and solved once.

    The optimised answer is, of all optimal solutions, the one closest to the
    observed flows (:func:`~symbiosis.engine.solving.solve_near`), so an item
    the optimum leaves open keeps its observed value. With ``recommend``, the
    ranges and recommendations are computed from the same problems and
    solutions (their ranging LPs and one re-solve per change; nothing is
    compiled or solved a second time).

    Parameters
    ----------
    net : Network
        The network, in its own year.
    objective : str or dict of str to float
        A named cost (``cost``, ``co2e``, ``groundwater``) or weights per named cost.
    recommend : bool
        Whether to compute the recommendations.
    convention : str
        The name of the network's own accounting convention.
    others : dict of str to Network, optional
        The network under each other convention to total the answers under (by name).
    budget : float or Budget, optional
        Seconds the recommendations' tie check and worth may take (default
        :data:`~symbiosis.engine.recommend.BUDGET`; :func:`~symbiosis.engine.recommend.recommendations`),
        or a :class:`~symbiosis.engine.recommend.Budget`.

    Returns
    -------
    Answers
        Each answer's compiled problem, solution and result, the recommendations and the totals across
        conventions.

    Raises
    ------
    SymbiosisError
        Naming the actor and resource if an answer cannot balance.
    """
    with one_blas_thread():
        return _solve_answers(net, objective, recommend, convention, others, budget)


def _solve_answers(net: Network, objective: str | dict[str, float], recommend: bool, convention: str,
                   others: dict[str, Network] | None, budget: float | Budget | None) -> Answers:
    compiled = compile_answers(net)  # one compile: the answers differ in their streams' bounds only
    sols: dict[Answer, Solution] = {answer: solve_compiled(compiled[answer], objective)
                                    for answer in ("observed", "counterfactual")}
    target = carry_over(compiled["observed"], sols["observed"], compiled["optimised"])
    sols["optimised"] = solve_near(compiled["optimised"], objective, target)
    results = {answer: read_solution(compiled[answer], sols[answer], objective) for answer in ANSWERS}
    table = None
    if recommend:
        weights = {objective: 1.0} if isinstance(objective, str) else dict(objective)
        opts: dict[str, Any] = {} if budget is None else {"budget": budget}  # None: recommendations' own default
        table = recommendations(compiled["observed"], sols["observed"], compiled["optimised"], sols["optimised"],
                                weights, **opts)
    across = None
    if others is not None:
        weights = {objective: 1.0} if isinstance(objective, str) else dict(objective)
        across, table = across_conventions(compiled, sols, weights, target, convention, others, table)
    return Answers(compiled, sols, results, table, across)
