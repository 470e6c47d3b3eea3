"""Shadow prices: what one more unit is worth where, and the price range in which a stream pays.

From the optimised flows (the LP's dual solution):

- per (actor, resource) balance (or (actor, resource, grade) for a graded
  supply or process output), ``value_dkk_per_unit``: how much the
  yearly objective falls if one more unit is available there (or rises if
  one more is needed). At a buyer of virgin steam it is the virgin price;
  at a supplier who must dispose of a residual it is minus the disposal cost.
- per stream, ``capacity_value_dkk_per_unit``: how much the objective falls
  per unit of extra capacity (0 unless the stream runs full), and the range
  of prices per unit sent at which both partners gain: at least
  ``price_floor`` (the supplier's value of keeping the unit, plus the
  transport it pays) and at most ``price_ceiling`` (what the delivered
  ``gain`` units are worth to the receiver). These are marginal prices: for
  a stream running below its capacity the two meet in one price (the
  stream's market-clearing price); a full stream shows a range as wide as
  its capacity value.

Prices are in DKK per unit when the objective is ``cost``; with another
objective they are in that objective's units per unit. Where the answer is
degenerate (a tie), a price is one valid value from a range; finite
differences then lie on either side of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis.compile import compile_network, solve_compiled
from symbiosis.evaluation import objective_weights
from symbiosis.model import Network


@dataclass(frozen=True, eq=False)
class ShadowPrices:
    """Balances and streams with their shadow prices (see the module notes)."""

    network: Network
    weights: dict[str, float]
    balances: pd.DataFrame
    streams: pd.DataFrame


def shadow_prices(net: Network, objective: str = "cost", weights: dict[str, float] | None = None) -> ShadowPrices:
    """Shadow prices of ``net``'s optimised flows (see the module notes)."""
    w = objective_weights(net, objective, weights)
    c = compile_network(net, "optimised")
    sol = solve_compiled(c, w)
    y = np.where(np.abs(sol.duals) < 1e-9, 0.0, sol.duals)
    balances = c.nodes[["actor", "resource", "grade", "unit"]].assign(value_dkk_per_unit=y)
    p = c.problem
    st = np.flatnonzero(c.arcs.kind.to_numpy() == "stream")
    by_id = {s.id: s for s in net.streams}
    refs = c.arcs.ref.to_numpy()[st]
    finite = np.isfinite(p.upper[st])
    up = np.where(finite, p.upper[st], 0.0)
    at_cap = finite & (sol.flow[st] >= up - 1e-7 * np.maximum(1.0, up))
    cap_value = np.where(at_cap, -sol.reduced_costs[st], 0.0)
    cap_value = np.where(np.abs(cap_value) < 1e-9, 0.0, cap_value)
    cost = c.problem.cost_vector(w)[st]
    floor = y[p.tail[st]] + cost
    ceiling = p.gain[st] * y[p.head[st]]
    streams = pd.DataFrame({
        "stream": refs, "supplier": [by_id[r].supplier for r in refs], "receiver": [by_id[r].receiver for r in refs],
        "resource": c.arcs.resource.to_numpy()[st], "unit": [net.resource[by_id[r].resource].unit for r in refs],
        "flow": np.where(np.abs(sol.flow[st]) < 1e-9, 0.0, sol.flow[st]),
        "capacity": p.upper[st], "capacity_value_dkk_per_unit": cap_value,
        "price_floor_dkk_per_unit": floor, "price_ceiling_dkk_per_unit": ceiling,
    })
    return ShadowPrices(net, w, balances, streams)
