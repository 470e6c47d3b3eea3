"""The three answers for a network and what separates them.

``observed``: the streams carry their recorded flows. ``counterfactual``: no
symbiosis at all. ``optimised``: the best use of the running streams for the
chosen objective. Savings are measured against the counterfactual.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from symbiosis.accounting.conventions import DEFAULT, apply_convention
from symbiosis.accounting.savings import savings
from symbiosis.engine import recommendations, solve_answers, solve_network
from symbiosis.model import Network
from symbiosis.objectives import OBJECTIVES, objective_weights
from symbiosis.results import Result

__all__ = ["OBJECTIVES", "Evaluation", "check_balances", "evaluate"]


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Observed, counterfactual and optimised results of one network."""

    network: Network
    objective: str
    weights: dict[str, float]
    observed: Result
    counterfactual: Result
    optimised: Result
    convention: str = DEFAULT

    def result(self, answer: str) -> Result:
        """The ``observed``, ``counterfactual`` or ``optimised`` result."""
        return getattr(self, answer)

    def savings(self, answer: str = "optimised") -> dict[str, float]:
        """Indicators of ``answer`` against the counterfactual (see :data:`symbiosis.accounting.INDICATORS`)."""
        return savings(self.result(answer), self.counterfactual, self.network)

    @cached_property
    def recommendations(self) -> pd.DataFrame:
        """Every change and every tie between the observed and the optimised answer, with ranges over all
        optimal solutions and what each change is worth (see :func:`symbiosis.engine.recommendations`)."""
        table = recommendations(self.network, self.weights)
        return table.assign(change=table.optimised - table.observed)

    def changes(self) -> pd.DataFrame:
        """What the optimiser would change: the items no optimal solution leaves at their observed value.

        One row per stream, process or (actor, resource, grade) balance's
        virgin purchase or disposal (``grade`` None where ungraded), the
        largest value first (``value_dkk``, ``value_co2e``: what keeping the
        item as observed would cost per year); ties, where the optimiser is
        indifferent, are in :meth:`ties`.
        """
        r = self.recommendations
        return r[r.verdict == "change"].reset_index(drop=True)

    def ties(self) -> pd.DataFrame:
        """Items the optimum leaves open: any value in ``optimised_low``..``optimised_high`` is as good."""
        r = self.recommendations
        return r[r.verdict == "indifferent"].reset_index(drop=True)


def evaluate(network: Network, objective: str = "cost", weights: dict[str, float] | None = None,
             convention: str | None = None) -> Evaluation:
    """Solve the three answers for ``network`` with one objective, under one accounting convention.

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

    Returns
    -------
    Evaluation

    Raises
    ------
    SymbiosisError
        Naming the actor and resource if the recorded flows or the needs cannot balance.
    """
    convention = convention or DEFAULT
    network = apply_convention(network, convention)
    w = objective_weights(network, objective, weights)
    results = solve_answers(network, w)
    return Evaluation(network, "custom" if weights else objective, w, **results, convention=convention)


def check_balances(network: Network) -> None:
    """Check that the recorded flows of ``network`` balance (its observed answer exists).

    Raises
    ------
    SymbiosisError
        Naming the balances that cannot close and the fields to change.
    """
    solve_network(network, "observed")
