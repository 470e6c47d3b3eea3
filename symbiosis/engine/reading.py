"""A solved answer mapped back to names: :func:`read_solution` gives a :class:`~symbiosis.results.Result`."""

from __future__ import annotations

import numpy as np
import pandas as pd

import flows
from symbiosis.engine.compiled import Compiled, _grades
from symbiosis.results import Result

__all__ = ["DIGITS", "read_solution", "settle"]


def read_solution(c: Compiled, sol: flows.Solution, objective) -> Result:
    """Named tables of a solved problem.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    sol : flows.Solution
        Its optimal solution.
    objective : str or dict
        The objective it was solved for, kept on the result.

    Returns
    -------
    Result
        The answer's tables by name (streams, virgin, disposal, processes) and its ledger.
    """
    net = c.network
    flow = settle(sol.flow)
    kind = c.arcs.kind.to_numpy(dtype=object)
    cost, co2e = c.problem.costs["cost"], c.problem.costs["co2e"]
    st = np.flatnonzero(kind == "stream")
    by_id = {s.id: s for s in net.streams}
    ss = [by_id[i] for i in c.arcs.ref.to_numpy(dtype=object)[st]]
    resource = c.arcs.resource.to_numpy(dtype=object)
    units = {r: res.unit for r, res in net.resource.items()}
    streams = pd.DataFrame({
        "stream": [s.id for s in ss],
        "supplier": [s.supplier for s in ss],
        "receiver": [s.receiver for s in ss],
        "resource": resource[st],
        "grade": _grades(s.grade for s in ss),
        "unit": [units[r] for r in resource[st]],
        "flow": flow[st],
        "delivered": flow[st] * np.array([s.gain for s in ss], dtype=float),
        "replaces": [s.target_resource for s in ss],
        "observed": np.array([s.observed.value if s.observed else np.nan for s in ss], dtype=float),
        "capacity": np.array([s.capacity.value if s.capacity else np.nan for s in ss], dtype=float),
        "transport_cost_money": flow[st] * cost[st],
    })
    actor, grade = c.arcs.actor.to_numpy(dtype=object), c.arcs.grade.to_numpy(dtype=object)

    def boundary(kind_: str, price: str) -> pd.DataFrame:
        at = np.flatnonzero((kind == kind_) & (flow > 0))
        return pd.DataFrame({
            "actor": actor[at], "resource": resource[at], "grade": _grades(grade[at]),
            "unit": [units[r] for r in resource[at]], "quantity": flow[at],
            price: flow[at] * cost[at], "co2e_t": flow[at] * co2e[at],
        })

    processes = pd.DataFrame({
        "process": c.process_ids, "actor": [p.actor for p in net.processes],
        "activity": settle(sol.activity), "activity_unit": [p.activity_unit for p in net.processes],
        "capacity": [p.capacity.value for p in net.processes],
    })
    prices = c.nodes[["actor", "resource", "grade", "unit"]].assign(value_per_unit=settle(sol.duals))
    variables = c.variables.assign(quantity=np.concatenate([flow, settle(sol.activity)]))
    totals = {k: float(settle(np.array([v]))[0]) for k, v in sol.totals.items()}
    return Result(c.answer, objective, streams, boundary("virgin", "cost_money"), boundary("disposal", "cost_money"),
                  processes, prices, totals, variables, c.unit_costs())


#: Significant digits a solved number keeps: the solver's tolerances (about 1e-7) are far coarser, so the
#: digits beyond are noise (1000.0000000009313 t, 0.20000000001164153 MWh); below 1e-9 a number is 0.
DIGITS = 10


def settle(x) -> np.ndarray:
    """Solver output without its noise: rounded to :data:`DIGITS` significant digits, and 0 below 1e-9.

    >>> settle([1000.0000000009313, 0.20000000001164153, 1.7999999999999545, -3e-12, 27999.8150000375]).tolist()
    [1000.0, 0.2, 1.8, 0.0, 27999.815]
    """
    out = np.array(x, dtype=float, copy=True)
    out[np.abs(out) <= 1e-9] = 0.0
    real = np.isfinite(out) & (out != 0)
    if real.any():
        v = out[real]
        scale = 10.0 ** (DIGITS - 1 - np.floor(np.log10(np.abs(v))))
        out[real] = np.round(v * scale) / scale
    return out
