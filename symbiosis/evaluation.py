"""The three answers for a network and what separates them.

``observed``: the streams carry their recorded flows. ``counterfactual``: no
symbiosis at all. ``optimised``: the best use of the running streams for the
chosen objective. Savings are measured against the counterfactual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis.accounting.savings import savings
from symbiosis.engine import solve_network
from symbiosis.model import Network
from symbiosis.objectives import OBJECTIVES, objective_weights
from symbiosis.results import ANSWERS, Result

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

    def result(self, answer: str) -> Result:
        """The ``observed``, ``counterfactual`` or ``optimised`` result."""
        return getattr(self, answer)

    def savings(self, answer: str = "optimised") -> dict[str, float]:
        """Indicators of ``answer`` against the counterfactual (see :data:`symbiosis.accounting.INDICATORS`)."""
        return savings(self.result(answer), self.counterfactual, self.network)

    def changes(self, tol: float = 1e-6) -> pd.DataFrame:
        """What the optimiser would change: streams, purchases and disposals that differ from observed.

        One row per stream or per (actor, resource, grade) balance; ``grade`` is None where ungraded.
        """
        obs, opt = self.observed, self.optimised
        s = obs.streams[["stream", "supplier", "receiver", "resource", "grade", "unit"]].assign(
            observed=obs.streams.flow.values, optimised=opt.streams.flow.values)
        s.insert(0, "what", "stream")
        rows = [s.rename(columns={"stream": "item"})]
        key = ["actor", "resource", "grade", "unit"]  # one row per balance: each grade is disposed of apart
        for what, table in (("virgin purchase", "virgin"), ("disposal", "disposal")):
            a = getattr(obs, table).fillna({"grade": ""}).set_index(key).quantity.rename("observed")
            b = getattr(opt, table).fillna({"grade": ""}).set_index(key).quantity.rename("optimised")
            both = pd.concat([a, b], axis=1).fillna(0.0).reset_index()
            both["grade"] = pd.Series([g or None for g in both.grade], dtype=object)
            both.insert(0, "what", what)
            both.insert(1, "item", "")
            both = both.rename(columns={"actor": "supplier"})
            both["receiver"] = ""
            rows.append(both)
        out = pd.concat(rows, ignore_index=True)
        out["change"] = out.optimised - out.observed
        scale = np.maximum(1.0, np.abs(out.observed.values))
        return out[np.abs(out.change.values) > tol * scale].reset_index(drop=True)


def evaluate(network: Network, objective: str = "cost", weights: dict[str, float] | None = None) -> Evaluation:
    """Solve the three answers for ``network`` with one objective.

    Parameters
    ----------
    network : Network
    objective : {"cost", "co2e", "weighted"}
        What the optimised answer minimises (see :mod:`symbiosis.objectives`).
    weights : dict, optional
        Custom weights over the named costs, e.g. ``{"cost": 1, "co2e": 1500}``.

    Returns
    -------
    Evaluation

    Raises
    ------
    SymbiosisError
        Naming the actor and resource if the recorded flows or the needs cannot balance.
    """
    w = objective_weights(network, objective, weights)
    results = {answer: solve_network(network, answer, w) for answer in ANSWERS}
    return Evaluation(network, "custom" if weights else objective, w, **results)


def check_balances(network: Network) -> None:
    """Check that the recorded flows of ``network`` balance (its observed answer exists).

    Raises
    ------
    SymbiosisError
        Naming the balances that cannot close and the fields to change.
    """
    solve_network(network, "observed")
