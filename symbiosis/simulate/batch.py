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
from symbiosis.accounting.savings import indicators
from symbiosis.engine import vary, warm_solver
from symbiosis.simulate.plan import Plan, YearModel, draws

__all__ = ["COLUMNS", "run_batch"]

COLUMNS = ["year", "sample", "scope", "item", "indicator", "value"]
_PER_ACTOR = (("cost", "cost_saved"), ("co2e", "co2e_avoided"))


def run_batch(plan: Plan, year: int, samples: list[int]) -> pd.DataFrame:
    """The tidy results of ``samples`` in ``year`` (what a worker runs)."""
    ym = next(y for y in plan.years if y.year == year)
    parts = [_one(plan, ym, k) for k in samples]
    if not parts:
        return pd.DataFrame(columns=COLUMNS)
    n = len(parts[0][0])
    return pd.DataFrame({
        "year": np.full(n * len(parts), ym.year, dtype=np.int64),
        "sample": np.repeat(np.asarray(samples, dtype=np.int64), n) if all(len(p[0]) == n for p in parts)
        else np.concatenate([np.full(len(p[0]), k, dtype=np.int64) for p, k in zip(parts, samples, strict=True)]),
        "scope": [x for p in parts for x in p[0]], "item": [x for p in parts for x in p[1]],
        "indicator": [x for p in parts for x in p[2]], "value": np.concatenate([p[3] for p in parts])})


def _one(plan: Plan, ym: YearModel, sample: int) -> tuple[list, list, list, np.ndarray]:
    """scope, item, indicator and value columns of one (year, sample)."""
    x = draws(plan, sample)
    ans = vary(ym.answer, ym.levers, x, plan.scale)
    cf = vary(ym.counterfactual, ym.cf_levers, x, plan.scale)
    net = ym.answer.network
    s_ans = warm_solver(ym.answer, plan.weights).solve(ans)
    s_cf = warm_solver(ym.counterfactual, plan.weights).solve(cf)
    stream_ids = ym.answer.stream_ids
    n_act = len(ym.actors)
    feasible = s_ans.ok and s_cf.ok
    if feasible:
        scores = indicators(s_ans.totals, s_cf.totals, net, social=ym.social)
        keys = [k for k, v in scores.items() if isinstance(v, int | float)] + ym.materials
        x_cf, x_ans = (np.concatenate([s.flow, s.activity]) for s in (s_cf, s_ans))
        net_values = [float(scores[k]) for k in keys[:len(keys) - len(ym.materials)]]
        net_values += (ym.material_cf @ x_cf - ym.material_answer @ x_ans).tolist() if ym.materials else []
        flow = np.where(np.abs(s_ans.flow) > 1e-9, s_ans.flow, 0.0)[ym.answer.stream_arcs]
        names = [name for name, _ in _PER_ACTOR]
        spent = [attribute(np.concatenate([sol.flow, sol.activity]), c.unit_costs(), ym.payer, n_act, names)
                 for c, sol in ((cf, s_cf), (ans, s_ans))]
        per_actor = {key: spent[0][name] - spent[1][name] for name, key in _PER_ACTOR}
    else:
        keys = [i.key for i in INDICATORS] + ym.materials
        net_values = [math.nan] * len(keys)
        flow = np.full(len(stream_ids), math.nan)
        per_actor = {key: np.full(n_act, math.nan) for _, key in _PER_ACTOR}
    scope = (["network"] * (len(keys) + 1) + ["stream"] * len(stream_ids)
             + ["actor"] * (2 * n_act))
    item = [net.id] * (len(keys) + 1) + list(stream_ids) + list(ym.actors) * 2
    indicator = (keys + ["feasible"] + ["flow"] * len(stream_ids)
                 + ["cost_saved"] * n_act + ["co2e_avoided"] * n_act)
    value = np.concatenate([net_values, [1.0 if feasible else 0.0], flow,
                            per_actor["cost_saved"], per_actor["co2e_avoided"]])
    return scope, item, indicator, value.astype(float)
