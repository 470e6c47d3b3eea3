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
    """
    net = c.network
    arcs = c.arcs.assign(flow=settle(sol.flow), cost_per_unit=c.problem.costs["cost"],
                         co2e_per_unit=c.problem.costs["co2e"])
    st = arcs[arcs.kind == "stream"]
    by_id = {s.id: s for s in net.streams}
    streams = pd.DataFrame({
        "stream": st.ref.values,
        "supplier": [by_id[i].supplier for i in st.ref],
        "receiver": [by_id[i].receiver for i in st.ref],
        "resource": st.resource.values,
        "grade": _grades(by_id[i].grade for i in st.ref),
        "unit": [net.resource[r].unit for r in st.resource],
        "flow": st.flow.values,
        "delivered": st.flow.values * np.array([by_id[i].gain for i in st.ref]),
        "replaces": [by_id[i].target_resource for i in st.ref],
        "observed": [by_id[i].observed.value if by_id[i].observed else np.nan for i in st.ref],
        "capacity": [by_id[i].capacity.value if by_id[i].capacity else np.nan for i in st.ref],
        "transport_cost_dkk": st.flow.values * st.cost_per_unit.values,
    })

    def boundary(kind: str, price: str) -> pd.DataFrame:
        part = arcs[(arcs.kind == kind) & (arcs.flow > 0)]
        return pd.DataFrame({
            "actor": part.actor.values, "resource": part.resource.values, "grade": _grades(part.grade),
            "unit": [net.resource[r].unit for r in part.resource], "quantity": part.flow.values,
            price: part.flow.values * part.cost_per_unit.values,
            "co2e_t": part.flow.values * part.co2e_per_unit.values,
        })

    processes = pd.DataFrame({
        "process": c.process_ids, "actor": [p.actor for p in net.processes],
        "activity": settle(sol.activity), "activity_unit": [p.activity_unit for p in net.processes],
        "capacity": [p.capacity.value for p in net.processes],
    })
    prices = c.nodes[["actor", "resource", "grade", "unit"]].assign(value_per_unit=settle(sol.duals))
    variables = c.variables.assign(quantity=np.concatenate([arcs.flow.to_numpy(), settle(sol.activity)]))
    totals = {k: float(settle(np.array([v]))[0]) for k, v in sol.totals.items()}
    return Result(c.answer, objective, streams, boundary("virgin", "cost_dkk"), boundary("disposal", "cost_dkk"),
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
