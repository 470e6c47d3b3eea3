"""Shadow prices: what one more unit is worth where, and the price range in which a stream pays.

From the optimised flows (the LP's dual solution):

- per (actor, resource) balance (or (actor, resource, grade) for a graded
  supply or process output), ``value_money_per_unit``: how much the
  yearly objective falls if one more unit is available there (or rises if
  one more is needed). At a buyer of virgin steam it is the virgin price;
  at a supplier who must dispose of a residual it is minus the disposal cost.
- per stream, ``capacity_value_money_per_unit``: how much the objective falls
  per unit of extra capacity (0 unless the stream runs full), and the range
  of prices per unit sent at which both partners gain: at least
  ``price_floor`` (the supplier's value of keeping the unit, plus the
  transport it pays) and at most ``price_ceiling`` (what the delivered
  ``gain`` units are worth to the receiver). These are marginal prices: for
  a stream running below its capacity the two meet in one price (the
  stream's market-clearing price); a full stream shows a range as wide as
  its capacity value. ``recorded_price_money_per_unit`` is the stream's recorded
  payment per unit sent (a yearly sum spread over the flow; negative where
  the supplier pays), None where none is recorded: beside the range, it
  shows whether the recorded price pays for both sides.

Prices are in DKK per unit when the objective is ``cost``; with another
objective they are in that objective's units per unit. Where the answer is
degenerate (a tie), a price is one valid value from a range; finite
differences then lie on either side of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from symbiosis.accounting.conventions import DEFAULT, apply_convention
from symbiosis.accounting.payments import recorded_price
from symbiosis.engine import compile_network
from symbiosis.engine import shadow_prices as duals
from symbiosis.model import Network
from symbiosis.objectives import objective_weights

__all__ = ["ShadowPrices", "shadow_prices"]


@dataclass(frozen=True, eq=False)
class ShadowPrices:
    """Balances and streams with their shadow prices (see the module notes).

    Parameters
    ----------
    network : Network
        The network.
    weights : dict of str to float
        The objective the prices are of: weight per named cost.
    balances : pandas.DataFrame
        Per balance, its shadow price and range (objective's units per unit).
    streams : pandas.DataFrame
        Per stream, its flow, capacity value and price range.
    convention : str
        The accounting convention.
    """

    network: Network
    weights: dict[str, float]
    balances: pd.DataFrame
    streams: pd.DataFrame
    convention: str = DEFAULT


def shadow_prices(net: Network, objective: str = "cost", weights: dict[str, float] | None = None,
                  convention: str | None = None) -> ShadowPrices:
    """Shadow prices of ``net``'s optimised flows (see the module notes), under the accounting ``convention``
    (default ``system-expansion``; :mod:`symbiosis.accounting.conventions`): a price in t CO2e depends on it.

    Parameters
    ----------
    net : Network
        The network.
    objective : str
        What the optimised answer minimises: ``cost``, ``co2e`` or ``weighted``.
    weights : dict of str to float, optional
        Weights over the named costs (with ``weighted``).
    convention : str, optional
        The accounting convention (default ``system-expansion``).

    Returns
    -------
    ShadowPrices
        The prices per balance and stream.
    """
    convention = convention or DEFAULT
    net = apply_convention(net, convention)
    w = objective_weights(net, objective, weights)
    balances, st = duals(compile_network(net, "optimised"), w)
    by_id = {s.id: s for s in net.streams}
    streams = pd.DataFrame({
        "stream": st.stream, "supplier": [by_id[r].supplier for r in st.stream],
        "receiver": [by_id[r].receiver for r in st.stream], "resource": [by_id[r].resource for r in st.stream],
        "unit": [net.resource[by_id[r].resource].unit for r in st.stream],
        "flow": st.flow, "capacity": st.capacity, "capacity_value_money_per_unit": st.capacity_value,
        "price_floor_money_per_unit": st.price_floor, "price_ceiling_money_per_unit": st.price_ceiling,
    })

    streams["recorded_price_money_per_unit"] = [recorded_price(by_id[r], f) for r, f in zip(st.stream, st.flow,
                                                                                           strict=True)]
    balances = balances.rename(columns={"value_per_unit": "value_money_per_unit", "value_low": "low_money_per_unit",
                                        "value_high": "high_money_per_unit"})
    return ShadowPrices(net, w, balances, streams, convention)
