"""The three answers for a network and what separates them.

``observed``: the streams carry their recorded flows. ``counterfactual``: no
symbiosis at all. ``optimised``: the best use of the running streams for the
chosen objective. Savings are measured against the counterfactual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from symbiosis.accounting.conventions import DEFAULT, apply_convention, conventions
from symbiosis.accounting.evaluated import Evaluation
from symbiosis.engine import solve_answers, solve_network
from symbiosis.engine.solving import one_blas_thread
from symbiosis.model import Network
from symbiosis.model.money import use_currency
from symbiosis.objectives import OBJECTIVES, objective_weights

if TYPE_CHECKING:
    from symbiosis.engine.recommend import Budget

__all__ = ["OBJECTIVES", "Evaluation", "check_balances", "evaluate", "one_blas_thread"]


def evaluate(network: Network, objective: str = "cost", weights: dict[str, float] | None = None,
             convention: str | None = None, *, recommend: bool = True,
             budget: float | Budget | None = None) -> Evaluation:
    """Solve the three answers for ``network`` with one objective, under one accounting convention.

    Everything the evaluation holds is solved here, once: each answer is
    compiled once and solved once, every other shipped convention is a declared extra answer of the same
    compiled problems (its costs, and a warm re-solve where the objective's costs change: the headline
    ranges, :meth:`Evaluation.ranges`), and with ``recommend`` the ranges and
    recommendations are computed from those same problems and solutions (see
    :func:`symbiosis.engine.solve_answers`). Reading the evaluation solves
    nothing.

    Parameters
    ----------
    network : Network
    objective : {"cost", "co2e", "weighted"}
        What the optimised answer minimises (see :mod:`symbiosis.objectives`).
    weights : dict, optional
        Custom weights over the named costs, e.g. ``{"cost": 1, "co2e": 1500}``.
    convention : str, optional
        The accounting convention (:mod:`symbiosis.accounting.conventions`; default ``system-expansion``).
        The evaluation's ``network`` is the network read under it.
    recommend : bool
        Also compute what the optimiser would change (a change that another shipped convention does not make
        is ``convention-dependent``, :meth:`Evaluation.convention_dependent`, not a change) (:meth:`Evaluation.changes`,
        :meth:`Evaluation.ties`): ranges over all optimal solutions (two LPs per
        decision) and one re-solve per change. ``False`` when only the answers and
        their savings are needed.
    budget : float or Budget, optional
        Seconds the recommendations' tie check and worth may take (wall time; default
        :data:`symbiosis.engine.recommend.BUDGET`; what it leaves is said, :meth:`Evaluation.tie_check`),
        or a :class:`symbiosis.engine.recommend.Budget` (also which ranges are exact, how many worths).

    Returns
    -------
    Evaluation

    Raises
    ------
    SymbiosisError
        Naming the actor and resource if the recorded flows or the needs cannot balance.
    """
    convention = convention or DEFAULT
    use_currency(network.currency)  # the labels of what is shown of this evaluation (a cached network too)
    own = apply_convention(network, convention)
    w = objective_weights(own, objective, weights)
    others = {name: apply_convention(network, name) for name in conventions() if name != convention}
    answers = solve_answers(own, w, recommend=recommend, convention=convention, others=others,
                            budget=budget)
    return Evaluation(own, "custom" if weights else objective, w, **answers.results, convention=convention,
                      recommendations=answers.recommendations, across=answers.across)


def check_balances(network: Network) -> None:
    """Check that the recorded flows of ``network`` balance (its observed answer exists).

    Raises
    ------
    SymbiosisError
        Naming the balances that cannot close and the fields to change.
    """
    solve_network(network, "observed")
