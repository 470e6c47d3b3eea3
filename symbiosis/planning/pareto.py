"""The trade-off between two or three bottom lines: a Pareto front over a network's optimised flows.

Each point is a way to run the network's streams that no other way beats
on every measure (epsilon-constraint method, :mod:`flows.pareto`). Between
neighbouring points of a two-measure front, ``trade_off`` is how much of the
first measure one unit less of the second costs: for cost against CO2e, the
abatement cost in DKK per t CO2e.

``social`` (FTE-years of work for people in supporting schemes) is a measure
when the network has ``service_offers`` and ``service_needs``: then the
service hours bought from social-economy enterprises or the market are
decided alongside the flows (:func:`symbiosis.assignment.service_problem`),
``cost`` includes what those hours cost, and the front shows what more jobs
cost. Without them, the jobs on the network's service links do not depend on
the flows and are reported as a column.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis import parameters as P
from symbiosis.engine import compile_network, trade_off
from symbiosis.errors import bad_field, bad_parameter
from symbiosis.model import Network
from symbiosis.planning.assignment import offers, service_hours
from symbiosis.results import NAMED_COSTS
from symbiosis.social import social_totals

__all__ = ["COLUMN", "MEASURES", "UNITS", "ParetoFront", "pareto"]

UNITS = {"cost": "money_yr", "co2e": "t_yr", "groundwater": "m3_yr", "virgin_material": "t_yr", "disposed": "t_yr"}
MEASURES = (*NAMED_COSTS, "social")
COLUMN = {k: f"{k}_{u}" for k, u in UNITS.items()} | {"social": "supported_fte"}  # each measure's column


@dataclass(frozen=True, eq=False)
class ParetoFront:
    """The front as a table, one row a point, the first measure ascending (``z`` is None on a 2-measure front).

    Parameters
    ----------
    network : Network
        The network.
    x : str
        The first measure.
    y : str
        The second measure.
    points : pandas.DataFrame
        One row per point (columns: see :func:`pareto`).
    z : str, optional
        The third measure, on a surface.
    """

    network: Network
    x: str
    y: str
    points: pd.DataFrame
    z: str | None = None


def pareto(net: Network, x: str = "cost", y: str = "co2e", points: int = P.POINTS.default,
           z: str | None = None) -> ParetoFront:
    """The front between measures ``x`` and ``y`` (and ``z``) of ``net``'s optimised flows and service hours.

    Measures: the named costs (lower is better) and ``social`` (supported
    FTE, higher is better). Columns: ``point``, every named cost with its
    unit (``cost_money_yr``, ``co2e_t_yr``...); with ``social`` on an axis also
    ``service_cost_money_yr`` (part of ``cost_money_yr``) and ``supported_fte``;
    on a two-measure front ``trade_off`` (units of ``x`` per unit of ``y``
    gained, from the previous point; for ``social`` a unit gained is one
    FTE more); else ``supported_persons`` on the service links. With ``z``,
    ``points`` is per axis (a ``points x points`` grid).

    Parameters
    ----------
    net : Network
        The network.
    x : str
        The first measure (a named cost or ``social``).
    y : str
        The second measure.
    points : int
        Points on the front, 2 to 1000.
    z : str, optional
        A third measure: a surface.

    Returns
    -------
    ParetoFront
        The non-dominated points.

    Raises
    ------
    SymbiosisError
        For an unknown or repeated measure, a number of points out of range, ``social`` without offers and
        needs, or a network that cannot balance.
    """
    axes = [("x", x), ("y", y)] + ([("z", z)] if z is not None else [])
    for param, name in axes:
        if name not in MEASURES:
            raise bad_parameter(param, f"unknown measure '{name}'; valid: {', '.join(MEASURES)}")
    names = [name for _, name in axes]
    if len(set(names)) < len(names):
        raise bad_parameter(axes[-1][0], f"the measures {', '.join(names)} repeat one; choose different measures")
    P.POINTS.check(points)
    c = compile_network(net, "optimised")
    social = "social" in names
    fr = trade_off(c, names, points, services=_services(net) if social else None)
    # HiGHS keeps balances to 1e-7: round away the solver's dust (0.0001 of a unit)
    table = pd.DataFrame({COLUMN[k]: np.round(fr.totals[k], 4) + 0.0 for k in NAMED_COSTS})
    table.insert(0, "point", np.arange(1, len(table) + 1))
    if social:
        table["service_cost_money_yr"] = np.round(fr.totals["cost"] - fr.flows_cost, 4) + 0.0
        table[COLUMN["social"]] = np.round(-fr.totals["social"], 6) + 0.0
    if z is None:
        f, g = fr.measures[0], fr.measures[1]
        dx, dy = np.diff(f), np.diff(g)
        flat = np.abs(dy) <= 1e-9 * max(1.0, float(np.abs(g).max()))  # the solver's dust, not a step
        with np.errstate(divide="ignore", invalid="ignore"):
            table["trade_off"] = np.concatenate([[np.nan], np.where(flat, np.nan, -dx / dy)])
    if not social:
        table["supported_persons"] = social_totals(net)["supported_persons"]
    return ParetoFront(net, x, y, table, z)


def _services(net: Network):
    """The network's service hours as a flow problem (they share no balance with the flows)."""
    if not offers(net) or not net.service_needs:
        missing = "service_offers" if not offers(net) else "service_needs"
        raise bad_field(missing, f"the measure 'social' needs service_offers and service_needs "
                        f"(hours social-economy enterprises can deliver and members need); "
                        f"'{net.id}' has no {missing}; add both (their fields: docs/data.md; "
                        f"examples/social-economy.yaml in the source has them)")
    return service_hours(net)
