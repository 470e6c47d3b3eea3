"""One batch of samples of one year, as tidy rows: what a worker runs.

Results are a tidy table, one row a number:

======== ============================================================
year     the simulated year
sample   0 for a run without uncertainty; 0..N-1 for N samples
scope    ``network`` (the indicators of :mod:`symbiosis.accounting`, plus
         ``feasible``), ``stream`` (``flow``, in the resource's unit/yr)
         or ``actor`` (``cost_saved`` DKK/yr, ``co2e_avoided`` t/yr)
item     the network, stream or actor id
indicator, value
======== ============================================================

An actor's share of the savings counts what it pays for (see
:mod:`symbiosis.accounting.ledger`): its virgin purchases, its disposal,
the transport of the streams it supplies and its processes; the shares add
up to the network's ``cost_saved`` and ``co2e_avoided``.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from symbiosis.accounting.indicators import INDICATORS
from symbiosis.accounting.ledger import attribute
from symbiosis.accounting.payments import transfer_rows
from symbiosis.accounting.savings import indicators
from symbiosis.simulate.plan import Plan, draws_many

__all__ = ["COLUMNS", "run_batch"]

COLUMNS = ["year", "sample", "scope", "item", "indicator", "value"]
_PER_ACTOR = (("cost", "cost_saved"), ("co2e", "co2e_avoided"))


def run_batch(plan: Plan, year: int, samples: list[int]) -> pd.DataFrame:
    """The tidy results of ``samples`` in ``year`` (what a worker runs), every sample solved at once.

    Each sample's numbers are drawn from its own generator and solved by the
    year's :class:`~symbiosis.engine.SampleSolver` (kept optimal bases, else
    HiGHS), and its indicators are sums over its own row of arrays: a sample's
    rows are the same bit for bit in any batch, on any executor.

    Parameters
    ----------
    plan : Plan
        The compiled scenario.
    year : int
        The year.
    samples : list of int
        The samples' numbers.

    Returns
    -------
    pandas.DataFrame
        The tidy results, one row per (sample, scope, indicator).
    """
    ym = next(y for y in plan.years if y.year == year)
    # for the type checker: build_plan makes each year's solvers and material matrices
    assert ym.solvers is not None and ym.material_answer is not None and ym.material_cf is not None
    if not samples:
        return pd.DataFrame(columns=COLUMNS)
    x = draws_many(plan, samples)
    b_ans, b_cf = (solver.solve(x) for solver in ym.solvers)
    costs = [solver.unit_costs(x, [name for name, _ in _PER_ACTOR]) for solver in ym.solvers]
    k = len(samples)
    net = ym.answer.network
    stream_ids = ym.answer.stream_ids
    n_act = len(ym.actors)
    feasible = np.array([a == "optimal" and c == "optimal" for a, c in zip(b_ans.status, b_cf.status, strict=True)])
    scores = indicators(b_ans.totals, b_cf.totals, net, social=ym.social)
    keys = [key for key, v in scores.items() if isinstance(v, int | float | np.ndarray)]
    net_values = np.column_stack([np.broadcast_to(np.asarray(scores[key], dtype=float), (k,)) for key in keys]
                                 + ([_rows_dot(b_cf.x, ym.material_cf) - _rows_dot(b_ans.x, ym.material_answer)]
                                    if ym.materials else []))
    keys = keys + ym.materials
    flow = ym.solvers[0].stream_flows(b_ans)
    names = [name for name, _ in _PER_ACTOR]
    spent = [attribute(b.x, u, ym.payer, n_act, names) for b, u in ((b_cf, costs[1]), (b_ans, costs[0]))]
    per_actor = [spent[0][name] - spent[1][name] for name in names]  # without the symbiosis minus with it
    if any(s.payment is not None for s in net.streams):  # recorded payments: transfers, as actor_savings
        cf = ym.counterfactual
        per_actor[names.index("cost")] = per_actor[names.index("cost")] + transfer_rows(
            net, stream_ids, ym.actors, b_ans.x[:, ym.answer.stream_arcs]) - transfer_rows(
            cf.network, cf.stream_ids, ym.actors, b_cf.x[:, cf.stream_arcs])
    value = np.hstack([net_values, feasible[:, None].astype(float), flow, *per_actor])
    layout = _layout(keys, net.id, stream_ids, ym.actors)
    if feasible.all():
        rows = layout[0].size
        labels = [np.tile(col, k) for col in layout]
        sample = np.repeat(np.asarray(samples, dtype=np.int64), rows)
        values = value.reshape(-1)
    else:  # an infeasible sample reports every indicator, as NaN
        gone = _layout([i.key for i in INDICATORS] + ym.materials, net.id, stream_ids, ym.actors)
        nan = np.full(gone[0].size, math.nan)
        nan[len(INDICATORS) + len(ym.materials)] = 0.0  # feasible = 0
        parts = [(layout, value[i]) if ok else (gone, nan) for i, ok in enumerate(feasible)]
        labels = [np.concatenate([lay[j] for lay, _ in parts]) for j in range(3)]
        sample = np.concatenate([np.full(lay[0].size, s, dtype=np.int64) for (lay, _), s in zip(parts, samples,
                                                                                                  strict=True)])
        values = np.concatenate([v for _, v in parts])
    return pd.DataFrame({"year": np.full(sample.size, ym.year, dtype=np.int64), "sample": sample,
                         "scope": labels[0], "item": labels[1], "indicator": labels[2],
                         "value": values.astype(float)})


def _layout(keys: list[str], network_id: str, stream_ids: list[str], actors: list[str]) -> list[np.ndarray]:
    """The scope, item and indicator of each row of one sample (network, feasible, streams, actors)."""
    n_act = len(actors)
    scope = ["network"] * (len(keys) + 1) + ["stream"] * len(stream_ids) + ["actor"] * (2 * n_act)
    item = [network_id] * (len(keys) + 1) + list(stream_ids) + list(actors) * 2
    indicator = keys + ["feasible"] + ["flow"] * len(stream_ids) + ["cost_saved"] * n_act + ["co2e_avoided"] * n_act
    return [np.array(col, dtype=object) for col in (scope, item, indicator)]


def _rows_dot(x: np.ndarray, m: np.ndarray) -> np.ndarray:
    """``x @ m.T`` by NumPy's own loops, not BLAS (the same bits for a sample in any batch and process)."""
    return np.einsum("kj,ij->ki", x, m)
