"""What the optimiser would change, honestly: ranges over all optimal solutions, ties, and what each change is worth.

For every stream, virgin purchase, disposal and process of the observed and
the optimised answer, :func:`recommendations` computes the range of values
it takes over all optimal solutions, within a time budget and without two
LPs per decision: the duals settle most (:func:`settled`), a few LPs on the
optimal face find which of the rest can move (:class:`flows.faces.OptimalFace`),
and exact ranges are computed for those that can, the possible changes
first. What the budget leaves undecided is kept as ``unchecked`` rows, and
the table's ``attrs`` say how many decisions there were and how many were
checked. An item is a **change** only where the optimised range and the observed
range do not meet; where the optimised range is wider than a point and the
observed value lies in it, the optimiser is **indifferent** (a tie). Each
change is worth what holding it at its observed value (all else re-optimised)
costs: in the network's currency per year, t CO2e/yr and the objective's
own units, re-solved exactly for up to :data:`EXACT_WORTH` changes and to
first order from an optimal basis for the rest, a lower bound
(:mod:`symbiosis.engine.hold`; ``value_exact`` says which).
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
import pandas as pd

import flows
from flows.faces import OptimalFace
from symbiosis.engine.compiled import Compiled
from symbiosis.engine.hold import hold_rates
from symbiosis.engine.solving import Solution

__all__ = ["BUDGET", "EXACT_RANGES", "EXACT_WORTH", "Budget", "recommendations", "settled"]

#: Seconds the tie analysis and the worth of one evaluation may take (wall time, so fewer decisions are checked
#: on a busy machine); what it leaves is said (``unchecked``). 3 s keeps `simulate` of a 5,000-company park
#: within about 10 s on two cores.
BUDGET = 3.0
#: Changes whose worth is re-solved exactly (when there are more: the streams and processes with the largest
#: first-order worth); the rest have the first-order worth, a lower bound (:mod:`symbiosis.engine.hold`).
EXACT_WORTH = 200
#: Ties whose exact range is computed (two LPs each) beyond the possible changes; the rest show the range seen.
EXACT_RANGES = 200


@dataclass(frozen=True)
class Budget:
    """What :func:`recommendations` may spend.

    Parameters
    ----------
    seconds : float
        Wall time for the tie check and the worth of each change (:data:`BUDGET`); what it leaves is said.
    all_ranges : bool
        Exact ranges also for up to :data:`EXACT_RANGES` ties and for every open decision of the observed
        answer (True), or only where the range decides the verdict, a change or not (False: the ties keep
        the range seen, ``range_exact`` False; the verdicts are the same).
    exact_worth : int
        Changes whose worth is re-solved exactly (:data:`EXACT_WORTH`; the streams and processes with the
        largest first-order worth first); the rest have the first-order worth.
    exact_follows : bool
        Whether the purchases and disposals that follow from the streams and processes may be among them
        (False: only streams and processes are re-solved).
    """

    seconds: float = BUDGET
    all_ranges: bool = True
    exact_worth: int = EXACT_WORTH
    exact_follows: bool = True


_WHAT = {"stream": "stream", "virgin": "virgin purchase", "disposal": "disposal", "process": "process"}


def _items(c: Compiled) -> pd.DataFrame:
    """One row per reported decision: streams, virgin purchases, disposals, processes (not capacity slack)."""
    v = c.variables
    keep = v.kind.isin(tuple(_WHAT)).to_numpy()
    items = v[keep].assign(var=np.flatnonzero(keep))
    units = c.nodes.unit.to_numpy()
    node = np.concatenate([c.arcs.node.to_numpy(), np.full(len(c.process_ids), -1)])[keep]
    proc_unit = {p.id: p.activity_unit for p in c.network.processes}
    items["unit"] = [proc_unit[r] if k == "process" else units[i] for k, r, i in zip(
        _plain(items.kind), _plain(items.ref), node, strict=True)]
    return items.reset_index(drop=True)


def _plain(s: pd.Series) -> np.ndarray:
    """A column as a numpy array of Python objects: iterating an Arrow-backed string column element by element
    costs microseconds a value (a million at 5,000 companies), its object array a fraction. Missing values
    are None (one object, so keys made of them match)."""
    out = s.to_numpy(dtype=object, copy=True)
    out[s.isna().to_numpy()] = None
    return out


def _keys(df: pd.DataFrame, cols) -> list[tuple]:
    """The rows of ``df[cols]`` as tuples (see :func:`_plain`)."""
    return list(zip(*(_plain(df[k]) for k in cols), strict=True))


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


def _screen(c: Compiled, weights: dict[str, float], items: pd.DataFrame, sol, deadline: float):
    """Per item: its value, the range seen (exact for fixed items), its state (``fixed``, ``open`` or
    ``unchecked``) and the warm model of the optimal face (None where the duals settled everything)."""
    var = items["var"].to_numpy()
    x_all = np.concatenate([sol.flow, sol.activity])
    x_all = np.where(np.abs(x_all) < 1e-9, 0.0, x_all)
    x = x_all[var]
    lo, hi = x.copy(), x.copy()
    state = np.full(var.size, "fixed", dtype=object)
    todo = ~settled(c, sol, var, weights)
    face = None
    if todo.any():  # every variable the duals leave free, capacity slack included, may move on the face
        free = np.flatnonzero(~settled(c, sol, np.arange(x_all.size), weights))
        face = OptimalFace(c.problem, weights, sol.objective, x_all, _snap(x_all), free=free)
        s = face.screen(var[todo], deadline)
        lo[todo], hi[todo] = s.low, s.high
        state[todo] = np.where(s.open, "open", np.where(s.fixed, "fixed", "unchecked"))
    return x, lo, hi, state, face


def _exact(face: OptimalFace | None, var: np.ndarray, lo, hi, state, first: np.ndarray, deadline: float,
           more: int = EXACT_RANGES):
    """Exact ranges for the open items, those in ``first`` (they may be changes) before the rest (at most
    ``more`` of those); returns whether each item's range is exact (fixed items' ranges are)."""
    exact = state == "fixed"
    open_ = np.flatnonzero(state == "open")
    order = open_[np.argsort(~first[open_], kind="stable")]
    order = order[:int(first[open_].sum()) + more]  # ties beyond: the range seen
    if face is not None and order.size:
        lo[order], hi[order], exact[order] = face.ranges(var[order], deadline)
    return exact


def _apart(lo_opt, hi_opt, o_lo, o_hi, scale) -> np.ndarray:
    """Where the optimised range and the observed one do not meet (more than ``scale`` apart): a change."""
    apart: np.ndarray = (lo_opt > o_hi + scale) | (hi_opt < o_lo - scale)
    return apart


def _snapped(x, lo, hi):
    near = _snap(x)  # the solver's dust is no range
    lo = np.where(np.isnan(lo) | (np.abs(lo - x) <= near), x, lo)
    hi = np.where(np.isnan(hi) | (np.abs(hi - x) <= near), x, hi)
    return np.minimum(lo, x), np.maximum(hi, x)


def recommendations(obs_c: Compiled, obs_sol: Solution, opt_c: Compiled, opt_sol: Solution,
                    weights: dict[str, float], tol: float = 1e-6, budget: float | Budget = BUDGET) -> pd.DataFrame:
    """Every decision whose optimised value differs from the observed one, or that the optimum leaves open.

    ``obs_c`` and ``opt_c`` are the compiled observed and optimised answers,
    ``obs_sol`` and ``opt_sol`` their solutions (the optimised one the optimum
    nearest the observed flows, :func:`~symbiosis.engine.solving.solve_near`),
    solved for ``weights``: nothing is compiled here and neither is solved
    again. What this solves, and only this, within ``budget`` seconds: the
    tie screen and exact ranges on each answer's optimal face (one warm model
    per answer, :class:`flows.faces.OptimalFace`; decisions the duals settle
    take no LP) and one warm re-solve per change shown (holding it at its
    observed value; see :func:`_hold_values`).

    Returns one row per item: ``what`` (stream, virgin purchase, disposal,
    process), ``item`` (stream or process id), ``supplier`` (the supplier,
    buyer, disposer or process owner), ``receiver``, ``resource``,
    ``grade``, ``unit``, ``observed`` and ``optimised`` (one solution each;
    the optimised one is the optimum nearest the observed flows),
    ``observed_low``/``observed_high`` and ``optimised_low``/``optimised_high``
    (the ranges over all optimal solutions), ``verdict`` (``change`` where the
    two ranges do not meet, ``indifferent`` where the optimum allows the
    observed value and more, ``unchecked`` where the budget ran out before
    the item was decided), ``range_exact`` (False where the range shown is the
    part seen, not the whole), and for changes ``value_money``, ``value_co2e``
    and ``value_objective``: what holding the item at its observed value costs
    per year (NaN where that alone cannot balance), ``value_exact`` (False:
    first order); ``change``: optimised minus observed; ``attrs``
    ``decisions`` and ``checked`` (how many decisions the tie check covered). Changes come first: streams
    and processes, largest value first, then the purchases and disposals that
    follow from them; then the ties.

    Parameters
    ----------
    obs_c : Compiled
        The compiled observed answer.
    obs_sol : Solution
        Its solution.
    opt_c : Compiled
        The compiled optimised answer.
    opt_sol : Solution
        Its solution (the optimum nearest the observed flows).
    weights : dict of str to float
        The objective they were solved for: weight per named cost.
    tol : float
        The smallest difference that counts, units/yr.
    budget : float or Budget
        Seconds to spend on the ranges before answering with what is known, or a :class:`Budget` (seconds,
        which ranges are made exact, how many changes' worth is re-solved).

    Returns
    -------
    pandas.DataFrame
        One row per decision that changes or is left open.
    """
    b = budget if isinstance(budget, Budget) else Budget(seconds=budget)
    start = time.perf_counter()
    deadline = start + 0.75 * b.seconds  # the tie check's share; the worth has the rest (at least a quarter)
    items = _items(opt_c)
    same = obs_c.arcs is opt_c.arcs and obs_c.network is opt_c.network  # answers of one compile: one set of items
    obs_items = items if same else _items(obs_c)
    x_obs, lo_obs, hi_obs, st_obs, face_obs = _screen(obs_c, weights, obs_items, obs_sol, deadline)
    x_opt, lo_opt, hi_opt, st_opt, face_opt = _screen(opt_c, weights, items, opt_sol, deadline)
    if same:
        where = np.arange(len(items))
    else:
        key = ["kind", "ref", "actor", "resource", "grade"]
        obs_index = {k: i for i, k in enumerate(_keys(obs_items, key))}
        where = np.array([obs_index.get(k, -1) for k in _keys(items, key)], int)
    has = where >= 0
    pick = lambda arr, fill=0.0: np.where(has, np.asarray(arr)[np.maximum(where, 0)], fill)  # noqa: E731
    o = pick(x_obs)
    scale = tol * np.maximum(1.0, np.abs(np.concatenate([[1.0], o, x_opt])).max())
    # exact ranges: first where the ranges seen so far do not meet (a change, or a wider tie), then the rest
    more = EXACT_RANGES if b.all_ranges else 0
    first_obs = np.ones(len(obs_items), bool)
    if not b.all_ranges:  # only where the observed range may decide a change: apart from the optimised one seen
        first_obs[:] = False
        first_obs[where[has & _apart(lo_opt, hi_opt, pick(lo_obs), pick(hi_obs), scale)]] = True
    ex_obs = _exact(face_obs, obs_items["var"].to_numpy(), lo_obs, hi_obs, st_obs, first_obs, deadline, more)
    o_lo, o_hi = pick(lo_obs), pick(hi_obs)
    first_opt = _apart(lo_opt, hi_opt, o_lo, o_hi, scale)
    if not b.all_ranges:  # and where the range seen is too narrow to be a tie, though its item moves
        first_opt |= hi_opt - lo_opt <= scale
    ex_opt = _exact(face_opt, items["var"].to_numpy(), lo_opt, hi_opt, st_opt, first_opt, deadline, more)
    lo_obs, hi_obs = _snapped(x_obs, lo_obs, hi_obs)
    lo_opt, hi_opt = _snapped(x_opt, lo_opt, hi_opt)
    o_lo, o_hi = pick(lo_obs), pick(hi_obs)
    checked = (st_opt != "unchecked") & pick(st_obs != "unchecked", True)
    exact = ex_opt & pick(ex_obs, True)
    apart = _apart(lo_opt, hi_opt, o_lo, o_hi, scale)
    open_ = (hi_opt - lo_opt > scale) & ~apart
    checked &= exact | ~apart  # apart on the ranges seen, but the exact ones did not come in time
    verdict = np.where(~checked, "unchecked", np.where(apart, "change", np.where(open_, "indifferent", "")))
    table = pd.DataFrame({
        "what": items.kind.map(_WHAT), "item": items.ref, "supplier": items.actor, "receiver": items.receiver,
        "resource": items.resource, "grade": items.grade, "unit": items.unit,
        "observed": o, "optimised": x_opt, "observed_low": o_lo, "observed_high": o_hi,
        "optimised_low": lo_opt, "optimised_high": hi_opt,
        "verdict": verdict, "range_exact": exact,
    })
    shown = table.verdict.to_numpy() != ""
    table = table[shown].reset_index(drop=True)
    value = _hold_values(opt_c, weights, opt_sol, items["var"].to_numpy()[shown], table,
                         max(deadline, time.perf_counter() + 0.25 * b.seconds), b.exact_worth, b.exact_follows)
    table = pd.concat([table, value], axis=1)
    follows = ~table.what.isin(("stream", "process")).to_numpy()  # purchases and disposals follow from them
    rank = {"change": 0, "indifferent": 1, "unchecked": 2}
    order = np.lexsort((-table.value_objective.abs().fillna(-1).to_numpy(), follows,
                        table.verdict.map(rank).to_numpy()))
    table = table.iloc[order].reset_index(drop=True)
    table.attrs["decisions"] = int(len(items))
    table.attrs["checked"] = int(checked.sum())
    return table.assign(change=table.optimised - table.observed)


def _hold_values(c: Compiled, weights: dict[str, float], sol, var: np.ndarray, table: pd.DataFrame,
                 deadline: float, most: int = EXACT_WORTH, follows: bool = True) -> pd.DataFrame:
    """What holding each change at its observed value costs (``var``: each row's variable).

    Exact (``value_exact``) for the changes re-solved with that one item held
    (warm, one LP each): all of them when there are at most ``most``
    (:data:`EXACT_WORTH`), else the streams and processes first, largest
    first-order worth first, until that many or the deadline (without
    ``follows``, only streams and processes). Each re-solve starts from the
    same optimal basis. The rest get the first-order worth from that basis
    (:func:`~symbiosis.engine.hold.hold_rates`: the reduced cost of a
    nonbasic item, the dual ratio test of a basic one, times the change), a
    lower bound on the exact figure in the objective's units (``value_money``
    and ``value_co2e`` only where the objective is that cost alone).
    """
    out = pd.DataFrame({"value_money": np.nan, "value_co2e": np.nan, "value_objective": np.nan,
                        "value_exact": False}, index=table.index)
    changes = table.index[table.verdict == "change"]
    if not len(changes):
        return out
    rows = table.loc[changes]
    js = np.asarray(var, dtype=np.int64)[changes.to_numpy()]  # each row's variable
    held = rows.observed.to_numpy(float)
    model = flows.Model(c.problem, weights)
    base, start, basis = None, None, None
    if time.perf_counter() < deadline:  # an optimal basis: the first-order worth, and where each re-solve starts
        model.start_from(np.concatenate([sol.flow, sol.activity]))
        base = model.solve()
        start, basis = model.snapshot(), model.basis()
    first = _first_order(c, sol, base, basis, js, held)
    out.loc[changes, "value_objective"] = first
    for name in ("cost", "co2e"):
        if set(weights) == {name} and weights[name] == 1.0:
            out.loc[changes, "value_money" if name == "cost" else "value_co2e"] = first
    after = ~rows.what.isin(("stream", "process")).to_numpy()  # purchases and disposals follow from them
    pick = np.arange(js.size) if follows else np.flatnonzero(~after)
    capped = pick.size > most  # more than re-solved: the largest first-order worth first, within the deadline
    if capped:
        pick = pick[np.lexsort((-np.nan_to_num(first[pick], nan=-1.0), after[pick]))][:most]  # NaN: unreachable
    if not pick.size:
        return out
    n = c.problem.n_arcs
    lo_all, hi_all = c.problem.bounds()
    values = out.loc[changes, ["value_money", "value_co2e", "value_objective"]].to_numpy(float, copy=True)
    exact = np.zeros(js.size, bool)  # filled here, written to the table once (a .loc write per change is slow)
    for k in pick.tolist():
        if capped and time.perf_counter() > deadline:
            break
        j = js[k]
        model.restore(start)
        if j < n:
            model.set_bounds(lower=held[k], upper=held[k], arcs=[j])
        else:
            lo, hi = lo_all[n:].copy(), hi_all[n:].copy()
            lo[j - n] = hi[j - n] = held[k]
            model.set_conversion_bounds(lower=lo, upper=hi)
        other = model.solve()
        values[k] = ([other.totals["cost"] - sol.totals["cost"], other.totals["co2e"] - sol.totals["co2e"],
                      other.objective - sol.objective] if other.ok else [np.nan, np.nan, np.nan])
        exact[k] = True
        if j < n:
            model.set_bounds(lower=lo_all[j], upper=hi_all[j], arcs=[j])
        else:
            model.set_conversion_bounds(lower=lo_all[n:], upper=hi_all[n:])
    out.loc[changes, ["value_money", "value_co2e", "value_objective"]] = values
    out.loc[changes, "value_exact"] = exact
    return out


def _first_order(c: Compiled, sol, base, basis, js: np.ndarray, held: np.ndarray) -> np.ndarray:
    """The first-order worth of holding each variable ``js`` at ``held``: a lower bound on the exact one
    (:func:`~symbiosis.engine.hold.hold_rates`, from ``base``'s optimal basis; NaN where the held value cannot
    be reached), or the reduced cost times the change where no basis is at hand (the deadline came first)."""
    if base is not None and base.ok and basis is not None and base.reduced_costs is not None:
        x = np.concatenate([base.flow, base.activity])
        rate = hold_rates(c.problem, basis[0], basis[1], base.reduced_costs, x, js, held)
        with np.errstate(invalid="ignore"):  # inf x 0: held where it already is
            first = np.where(np.abs(held - x[js]) > 0, rate * np.abs(held - x[js]), 0.0)
        return np.where(np.isfinite(first), first, np.nan)
    x = np.concatenate([sol.flow, sol.activity])[js]
    d = np.zeros(js.size) if sol.reduced_costs is None else np.abs(np.asarray(sol.reduced_costs)[js])
    return d * np.abs(held - x)
