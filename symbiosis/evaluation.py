"""The three answers for a network and what separates them.

``observed``: the streams carry their recorded flows. ``counterfactual``: no
symbiosis at all. ``optimised``: the best use of the running streams for the
chosen objective. Savings are measured against the counterfactual.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis.compile import MODES, Result, solve_network
from symbiosis.errors import Problem, SymbiosisError
from symbiosis.model import Network
from symbiosis.scores import savings

OBJECTIVES = ("cost", "co2e", "weighted")


def objective_weights(network: Network, objective: str = "cost",
                      weights: dict[str, float] | None = None) -> dict[str, float]:
    """The weights over named costs for an objective name.

    ``weighted`` is cost (DKK) + carbon value (DKK per t CO2e, from the factor
    table) x CO2e (t), unless ``weights`` gives its own, e.g.
    ``{"cost": 1, "co2e": 1500}``.
    """
    if weights:
        unknown = set(weights) - {"cost", "co2e", "groundwater", "virgin_material", "disposed"}
        if unknown:
            raise SymbiosisError([Problem("--weights", f"unknown weight {sorted(unknown)}; valid: cost, co2e, "
                                          "groundwater, virgin_material, disposed")])
        return dict(weights)
    if objective == "cost":
        return {"cost": 1.0}
    if objective == "co2e":
        return {"co2e": 1.0, "cost": 1e-9}
    if objective == "weighted":
        carbon = network.factor_value("carbon_value")
        if carbon is None:
            raise SymbiosisError([Problem("factors", "the weighted objective needs a 'carbon_value' factor "
                                          "(DKK per t CO2e), or give --weights cost=1,co2e=VALUE")])
        return {"cost": 1.0, "co2e": carbon}
    raise SymbiosisError([Problem("--objective", f"unknown objective '{objective}'; valid: {', '.join(OBJECTIVES)}")])


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Observed, counterfactual and optimised results of one network."""

    network: Network
    objective: str
    weights: dict[str, float]
    observed: Result
    counterfactual: Result
    optimised: Result

    def result(self, mode: str) -> Result:
        return getattr(self, mode)

    def savings(self, mode: str = "optimised") -> dict[str, float]:
        """Indicators of ``mode`` against the counterfactual (see :data:`symbiosis.scores.INDICATORS`)."""
        return savings(self.result(mode), self.counterfactual, self.network)

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

    Raises :class:`SymbiosisError` naming the actor and resource if the
    recorded flows or the needs cannot balance.
    """
    w = objective_weights(network, objective, weights)
    results = {mode: solve_network(network, mode, w) for mode in MODES}
    return Evaluation(network, "custom" if weights else objective, w, **results)

