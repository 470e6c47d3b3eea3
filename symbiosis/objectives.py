"""What the optimiser minimises: weights over the named costs, from an objective's name.

``cost`` is DKK; ``co2e`` is t CO2e (with a tie-break of 1e-9 x DKK, so that
among equally clean answers the cheapest is chosen); ``weighted`` is DKK plus
the factor table's carbon value (DKK per t CO2e) x t CO2e. Custom weights
(``{"cost": 1, "co2e": 1500}``) replace the objective's own.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from symbiosis import parameters as P
from symbiosis.errors import bad_field, bad_parameter
from symbiosis.model import Network
from symbiosis.results import NAMED_COSTS

__all__ = ["OBJECTIVES", "check_weights", "objective_weights", "every_weight", "weights_sum"]

OBJECTIVES = P.OBJECTIVE.choices or ()


def check_weights(weights: Mapping[str, float], param: str = "weights",
                  valid: tuple[str, ...] = NAMED_COSTS) -> dict[str, float]:
    """``weights`` as a plain dict, or a mistake naming ``param`` for an unknown name or a weight
    that is not a finite number of 0 or more."""
    unknown = sorted(set(weights) - set(valid))
    if unknown:
        raise bad_parameter(param, f"unknown weight {unknown}; valid: {', '.join(valid)}")
    for key, value in weights.items():
        if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value) or value < 0:
            raise bad_parameter(param, f"{key}={value!r} is not a weight; give a finite number of 0 or more (DKK "
                                "per unit of the named cost)")
    if weights and not any(v > 0 for v in weights.values()):
        raise bad_parameter(param, "every weight is 0: nothing would be minimised and any answer would do; give at "
                            "least one weight above 0")
    return {k: float(v) for k, v in weights.items()}


def objective_weights(network: Network, objective: str = "cost",
                      weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """The weights over named costs for an objective name.

    Parameters
    ----------
    network : Network
        For the carbon value of ``weighted`` (factor ``carbon_value``, DKK per t CO2e).
    objective : {"cost", "co2e", "weighted"}
        The objective's name.
    weights : mapping, optional
        Custom weights over :data:`~symbiosis.results.NAMED_COSTS`, e.g.
        ``{"cost": 1, "co2e": 1500}``; they replace the objective's own.

    Returns
    -------
    dict
        Named cost -> weight.

    Raises
    ------
    SymbiosisError
        For an unknown objective or weight, or ``weighted`` without a carbon value.
    """
    if weights:
        return check_weights(weights)
    if objective == "cost":
        return {"cost": 1.0}
    if objective == "co2e":
        return {"co2e": 1.0, "cost": 1e-9}
    if objective == "weighted":
        carbon = network.factor_value("carbon_value")
        if carbon is None and not emits(network):  # nothing to weigh: the weighted answer is the cheapest
            return {"cost": 1.0}
        if carbon is None:  # a mistake in the network's factor table: named with its file, never as a flag
            raise bad_field("factors", "the weighted objective needs a 'carbon_value' factor "
                            f"({network.currency} per t CO2e), or give weights, e.g. "
                            "cost=1,co2e=VALUE", network.origin[0] if network.origin else "<network>")
        return {"cost": 1.0, "co2e": carbon}
    raise bad_parameter("objective", f"unknown objective '{objective}'; valid: {', '.join(OBJECTIVES)}")


def emits(network: Network) -> bool:
    """Whether anything in ``network`` carries a CO2e figure: a ``*_co2e`` factor row, a process's own
    emission or a leak. Without one, CO2e is zero in every answer and needs no carbon value to weigh."""
    return (any(f.factor.endswith("_co2e") and f.value != 0 for f in network.factors)
            or any(p.co2e != 0 or (p.economics is not None and p.economics.leak is not None)
                   for p in network.processes))


def weights_sum(weights: Mapping[str, float]) -> str:
    """``{"cost": 1, "co2e": 750}`` as ``1 x cost + 750 x co2e`` (tie-breaking weights under 1e-6 left out)."""
    return " + ".join(f"{w:g} x {k}" for k, w in weights.items() if w >= 1e-6)


def every_weight(flow_weights: Mapping[str, float], social: float | None = None) -> dict[str, float]:
    """The weights of an objective, the social one (DKK per supported FTE-year, the tbl objective's) included:
    what a header names, so none is left out.

    >>> weights_sum(every_weight({"cost": 1.0, "co2e": 750.0}, 200000.0))
    '1 x cost + 750 x co2e + 200000 x social'
    """
    return {**flow_weights, **({"social": float(social)} if social is not None else {})}
