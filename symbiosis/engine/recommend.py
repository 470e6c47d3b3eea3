"""What the optimiser would change, honestly: ranges over all optimal solutions, ties, and what each change is worth.

For every stream, virgin purchase, disposal and process of the observed and
the optimised answer, :func:`recommendations` computes the range of values
it takes over all optimal solutions (:func:`flows.ranging.variable_ranges`).
An item is a **change** only where the optimised range and the observed
range do not meet; where the optimised range is wider than a point and the
observed value lies in it, the optimiser is **indifferent** (a tie). Each
change is worth what holding it at its observed value (all else re-optimised)
costs: in DKK/yr, t CO2e/yr and the objective's own units.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

import flows
from flows.ranging import variable_ranges
from symbiosis.engine.compiled import Compiled
from symbiosis.engine.solving import Solution

__all__ = ["LARGEST", "recommendations", "settled"]

#: Above this many decisions, ranges are not computed (two LP solves per decision): changes are then
#: read from one optimal solution and flagged as such.
LARGEST = 5000
_WHAT = {"stream": "stream", "virgin": "virgin purchase", "disposal": "disposal", "process": "process"}


def _items(c: Compiled) -> pd.DataFrame:
    """One row per reported decision: streams, virgin purchases, disposals, processes (not capacity slack)."""
    v = c.variables
    keep = v.kind.isin(tuple(_WHAT)).to_numpy()
    items = v[keep].assign(var=np.flatnonzero(keep))
    units = c.nodes.unit.to_numpy()
    node = np.concatenate([c.arcs.node.to_numpy(), np.full(len(c.process_ids), -1)])[keep]
    proc_unit = {p.id: p.activity_unit for p in c.network.processes}
    items["unit"] = [proc_unit[r] if k == "process" else units[i] for k, r, i in zip(items.kind, items.ref, node,
                                                                                       strict=True)]
    return items.reset_index(drop=True)


def settled(c: Compiled, sol: Solution, var: np.ndarray, weights: dict[str, float], tol: float = 1e-6) -> np.ndarray:
    """Which of the variables ``var`` the duals already settle: their range over all optimal solutions is
    their value (within :func:`_solve_ranges`' snap), without an LP.

    Every optimal dual solution gives, for any solution ``x'`` that balances,
    ``objective(x') - objective(x) = sum_j d_j (x'_j - x_j)``, each term at
    least 0 (reduced costs ``d`` keep a variable at its bound). A variable at
    a bound whose reduced cost keeps it there moves at most ``slack / |d_j|``
    in any solution within the ranging's slack of the optimum
    (:func:`flows.ranging.variable_ranges`: 1e-6 + 1e-9 x the optimum), so
    where that is below the snap (0.01% or 0.01 units) its range is a point.
    Where the solver gives no reduced costs, nothing is settled.
    """
    if sol.reduced_costs is None:
        return np.zeros(var.size, bool)
    p = c.problem
    x = np.concatenate([sol.flow, sol.activity])[var]
    d = np.asarray(sol.reduced_costs)[var]
    lo_b, hi_b = (b[var] for b in p.bounds())
    slack = 1e-6 + 1e-9 * abs(sol.objective)
    least = np.maximum(tol * max(1.0, float(np.abs(p.cost_vector(weights)).max(initial=0.0))),
                       slack / _snap(x))
    at_lo = np.abs(x - lo_b) <= 1e-9 * np.maximum(1.0, np.abs(lo_b))
    at_hi = np.isfinite(hi_b) & (np.abs(x - hi_b) <= 1e-9 * np.maximum(1.0, np.abs(hi_b)))
    return (at_lo & (d > least)) | (at_hi & (d < -least))


def _snap(x: np.ndarray) -> np.ndarray:
    """How far a range may reach beyond a value and still be that value: the solver's dust (0.01% or 0.01 units)."""
    return np.maximum(1e-4 * np.abs(x), 1e-2)


def _solve_ranges(c: Compiled, weights: dict[str, float], items: pd.DataFrame, sol):
    var = items["var"].to_numpy()
    x = np.concatenate([sol.flow, sol.activity])[var]
    x = np.where(np.abs(x) < 1e-9, 0.0, x)
    if c.problem.n_vars > LARGEST:
        return sol, x, x.copy(), x.copy(), False
    lo, hi = x.copy(), x.copy()
    todo = ~settled(c, sol, var, weights)
    lo[todo], hi[todo] = variable_ranges(c.problem, weights, sol.objective, var[todo])
    near = _snap(x)  # the solver's dust is no range
    lo = np.where(np.isnan(lo) | (np.abs(lo - x) <= near), x, lo)
    hi = np.where(np.isnan(hi) | (np.abs(hi - x) <= near), x, hi)
    return sol, x, np.minimum(lo, x), np.maximum(hi, x), True


def recommendations(obs_c: Compiled, obs_sol: Solution, opt_c: Compiled, opt_sol: Solution,
                    weights: dict[str, float], tol: float = 1e-6) -> pd.DataFrame:
    """Every decision whose optimised value differs from the observed one, or that the optimum leaves open.

    ``obs_c`` and ``opt_c`` are the compiled observed and optimised answers,
    ``obs_sol`` and ``opt_sol`` their solutions (the optimised one the optimum
    nearest the observed flows, :func:`~symbiosis.engine.solving.solve_near`),
    solved for ``weights``: nothing is compiled here and neither is solved
    again. What this solves, and only this: the ranges (two LPs per decision
    that is not fixed by its bounds, in one warm model per answer,
    :func:`flows.ranging.variable_ranges`) and one warm re-solve per change
    (holding it at its observed value).

    Returns one row per item: ``what`` (stream, virgin purchase, disposal,
    process), ``item`` (stream or process id), ``supplier`` (the supplier,
    buyer, disposer or process owner), ``receiver``, ``resource``,
    ``grade``, ``unit``, ``observed`` and ``optimised`` (one solution each;
    the optimised one is the optimum nearest the observed flows),
    ``observed_low``/``observed_high`` and ``optimised_low``/``optimised_high``
    (the ranges over all optimal solutions), ``verdict`` (``change`` where the
    two ranges do not meet, ``indifferent`` where the optimum allows the
    observed value and more), ``ranged`` (False when the network was too large
    for ranges), and for changes ``value_dkk``, ``value_co2e`` and
    ``value_objective``: what holding the item at its observed value costs per
    year (NaN where that alone cannot balance); ``change``: optimised minus observed. Changes come first: streams
    and processes, largest value first, then the purchases and disposals that
    follow from them; then the ties.
    """
    items = _items(opt_c)
    obs_items = _items(obs_c)
    key = ["kind", "ref", "actor", "resource", "grade"]
    obs_index = {tuple(k): i for i, k in enumerate(obs_items[key].itertuples(index=False, name=None))}
    _, x_obs, lo_obs, hi_obs, ranged_obs = _solve_ranges(obs_c, weights, obs_items, obs_sol)
    opt_sol, x_opt, lo_opt, hi_opt, ranged = _solve_ranges(opt_c, weights, items, opt_sol)
    where = [obs_index.get(tuple(k)) for k in items[key].itertuples(index=False, name=None)]
    pick = lambda arr: np.array([arr[i] if i is not None else 0.0 for i in where])  # noqa: E731
    o, o_lo, o_hi = pick(x_obs), pick(lo_obs), pick(hi_obs)
    scale = tol * np.maximum(1.0, np.abs(np.concatenate([[1.0], o, x_opt])).max())
    apart = (lo_opt > o_hi + scale) | (hi_opt < o_lo - scale)
    open_ = (hi_opt - lo_opt > scale) & ~apart
    table = pd.DataFrame({
        "what": items.kind.map(_WHAT), "item": items.ref, "supplier": items.actor, "receiver": items.receiver,
        "resource": items.resource, "grade": items.grade, "unit": items.unit,
        "observed": o, "optimised": x_opt, "observed_low": o_lo, "observed_high": o_hi,
        "optimised_low": lo_opt, "optimised_high": hi_opt,
        "verdict": np.where(apart, "change", np.where(open_, "indifferent", "")),
        "ranged": ranged and ranged_obs,
    })
    table = table[table.verdict != ""].reset_index(drop=True)
    value = _hold_values(opt_c, weights, opt_sol, items, table, o)
    table = pd.concat([table, value], axis=1)
    follows = ~table.what.isin(("stream", "process")).to_numpy()  # purchases and disposals follow from them
    order = np.lexsort((-table.value_objective.abs().fillna(-1).to_numpy(), follows,
                        (table.verdict != "change").to_numpy()))
    table = table.iloc[order].reset_index(drop=True)
    return table.assign(change=table.optimised - table.observed)


def _hold_values(c: Compiled, weights: dict[str, float], sol, items: pd.DataFrame, table: pd.DataFrame,
                 observed: np.ndarray) -> pd.DataFrame:
    """What holding each change at its observed value costs: re-solve with that one item fixed."""
    out = pd.DataFrame({"value_dkk": np.nan, "value_co2e": np.nan, "value_objective": np.nan}, index=table.index)
    changes = table.index[table.verdict == "change"]
    if not len(changes):
        return out
    model = flows.Model(c.problem, weights)
    n = c.problem.n_arcs
    lo_all, hi_all = c.problem.bounds()
    var_of = dict(zip(zip(items.kind, items.ref, items.actor, items.resource, items.grade, strict=True),
                      items["var"], strict=True))
    for i in changes:
        row = table.loc[i]
        j = var_of[(next(k for k, w in _WHAT.items() if w == row.what), row["item"], row.supplier, row.resource,
                    row.grade)]
        held = float(row.observed)
        if j < n:
            model.set_bounds(lower=held, upper=held, arcs=[j])
        else:
            lo, hi = lo_all[n:].copy(), hi_all[n:].copy()
            lo[j - n] = hi[j - n] = held
            model.set_conversion_bounds(lower=lo, upper=hi)
        other = model.solve()
        if other.ok:
            out.loc[i] = [other.totals["cost"] - sol.totals["cost"], other.totals["co2e"] - sol.totals["co2e"],
                          other.objective - sol.objective]
        if j < n:
            model.set_bounds(lower=lo_all[j], upper=hi_all[j], arcs=[j])
        else:
            model.set_conversion_bounds(lower=lo_all[n:], upper=hi_all[n:])
    return out
