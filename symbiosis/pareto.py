"""The trade-off between two bottom lines: a Pareto front over a network's optimised flows.

Each point is a way to run the network's streams that no other way beats
on both measures (epsilon-constraint method, :mod:`flows.pareto`). Between
neighbouring points, ``trade_off`` is how much of the first measure one
unit less of the second costs: for cost against CO2e, the abatement cost in
DKK per t CO2e.

Social value (people employed through the social-economy service links)
does not depend on the flows in this model, so it is the same at every
point; it is reported as a column rather than being a third axis.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from flows.pareto import pareto_front
from symbiosis.compile import COSTS, compile_network, infeasible_error
from symbiosis.errors import Problem, SymbiosisError
from symbiosis.model import Network
from symbiosis.scores import social_totals

UNITS = {"cost": "dkk_yr", "co2e": "t_yr", "groundwater": "m3_yr", "virgin_material": "t_yr", "disposed": "t_yr"}


@dataclass(frozen=True, eq=False)
class ParetoFront:
    """The front as a table, one row a point, the first measure ascending."""

    network: Network
    x: str
    y: str
    points: pd.DataFrame


def pareto(net: Network, x: str = "cost", y: str = "co2e", points: int = 11) -> ParetoFront:
    """The front between named costs ``x`` and ``y`` of ``net``'s optimised flows.

    Columns: ``point``, every named cost with its unit (``cost_dkk_yr``,
    ``co2e_t_yr``...), ``trade_off`` (units of ``x`` per unit of ``y``
    avoided, from the previous point) and ``supported_persons``.
    """
    for opt, name in (("--x", x), ("--y", y)):
        if name not in COSTS:
            raise SymbiosisError([Problem(opt, f"unknown measure '{name}'; valid: {', '.join(COSTS)}")])
    if x == y:
        raise SymbiosisError([Problem("--y", f"both axes are '{x}'; choose two different measures")])
    if points < 2:
        raise SymbiosisError([Problem("--points", f"{points} is too few; a front needs at least 2 points")])
    c = compile_network(net, "optimised")
    try:
        fr = pareto_front(c.problem, x, y, points)
    except ValueError:
        raise infeasible_error(c) from None
    # HiGHS keeps balances to 1e-7: round away the solver's dust (0.0001 of a unit)
    table = pd.DataFrame({f"{k}_{UNITS[k]}": np.round(fr.totals[k], 4) + 0.0 for k in COSTS})
    with np.errstate(divide="ignore", invalid="ignore"):
        dx, dy = np.diff(np.round(fr.f, 4)), np.diff(np.round(fr.g, 4))
        trade = np.concatenate([[np.nan], np.where(dy != 0, -dx / dy, np.nan)])
    table.insert(0, "point", np.arange(1, len(table) + 1))
    table["trade_off"] = trade
    table["supported_persons"] = social_totals(net)["supported_persons"]
    return ParetoFront(net, x, y, table)
