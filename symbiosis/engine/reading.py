"""A solved answer mapped back to names: :func:`read_solution` gives a :class:`~symbiosis.results.Result`."""

from __future__ import annotations

import numpy as np
import pandas as pd

import flows
from symbiosis.engine.compiled import Compiled, _grades
from symbiosis.results import Result

__all__ = ["read_solution"]


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
    arcs = c.arcs.assign(flow=sol.flow, cost_per_unit=c.problem.costs["cost"], co2e_per_unit=c.problem.costs["co2e"])
    arcs["flow"] = arcs["flow"].where(arcs["flow"].abs() > 1e-9, 0.0)
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
        "activity": sol.activity, "activity_unit": [p.activity_unit for p in net.processes],
        "capacity": [p.capacity.value for p in net.processes],
    })
    prices = c.nodes[["actor", "resource", "grade", "unit"]].assign(value_per_unit=sol.duals)
    variables = c.variables.assign(quantity=np.concatenate([arcs.flow.to_numpy(), sol.activity]))
    return Result(c.answer, objective, streams, boundary("virgin", "cost_dkk"), boundary("disposal", "cost_dkk"),
                  processes, prices, sol.totals, variables, c.unit_costs())
