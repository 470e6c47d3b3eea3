"""Resilience: take actors (or streams) out, re-optimise, and see what the symbiosis loses.

:func:`stress` removes each actor (or each running stream) in turn, with
everything that is the actor's (its supplies, demands, processes, streams
and service links), re-optimises the rest and ranks the removals by

* ``lost_cost_saved`` (DKK/yr) and ``lost_co2e_avoided`` (t CO2e/yr): the
  savings against no symbiosis before minus after the removal (NaN where
  there is no "no symbiosis" to measure against: a need no market sells);
* ``lost_supported_persons``: supported jobs on service links that go;
* ``unmet``: needs that nothing can cover any more (no stream and no virgin
  market for them), as ``actor/resource quantity unit``;
* ``partners_losing_inputs``: the other actors that receive less by stream
  after the removal, with what they lose.

:func:`random_failures` takes ``k`` actors out at once, ``samples`` times,
drawing each sample from ``default_rng([seed, sample])``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis.accounting.savings import savings
from symbiosis.engine import compile_network, read_solution, shortfalls, try_solve
from symbiosis.errors import Mistake, SymbiosisError, bad_parameter
from symbiosis.model import Network
from symbiosis.objectives import objective_weights
from symbiosis.scenario.events import remove_actors, remove_streams

__all__ = ["random_failures", "stress"]

_TOL = 1e-6


@dataclass(frozen=True)
class _Outcome:
    scores: dict[str, float] | None  # None when the needs cannot be met
    inflow: dict[tuple[str, str, str], float]  # (receiver, resource, unit) -> delivered by stream per year
    unmet: list[str]


def _outcome(net: Network, weights: dict[str, float]) -> _Outcome:
    """The optimised flows of ``net`` and their savings (None if there is no counterfactual to measure
    against, e.g. a need that no market sells), or the needs that nothing can cover."""
    c = compile_network(net, "optimised")
    sol = try_solve(c, weights)
    if sol.status == "infeasible":
        unmet = [f"{s.actor}/{s.resource} {s.quantity:,.6g} {s.unit}" for s in shortfalls(c, _TOL)]
        return _Outcome(None, {}, unmet or ["(the remaining flows cannot balance)"])
    opt = read_solution(c, sol, weights)
    st = opt.streams
    inflow = st.groupby(["receiver", "replaces", "unit"])["delivered"].sum().to_dict() if len(st) else {}
    cf = compile_network(net, "counterfactual")
    cf_sol = try_solve(cf, weights)
    scores = savings(opt, read_solution(cf, cf_sol, weights), net) if cf_sol.ok else None
    return _Outcome(scores, inflow, [])


def _row(base: _Outcome, after: _Outcome, gone: set[str]) -> dict:
    def lost(key: str) -> float:
        if base.scores is None or after.scores is None:
            return float("nan")
        before, now = base.scores.get(key, 0.0), after.scores.get(key, 0.0)
        if before is None or now is None:   # not known (e.g. people where nothing is recorded): not 0
            return float("nan")
        diff = before - now
        return 0.0 if abs(diff) <= _TOL * max(1.0, abs(before)) else diff

    losers = []
    for (actor, resource, unit), before in base.inflow.items():
        if actor in gone:
            continue
        drop = before - after.inflow.get((actor, resource, unit), 0.0)
        if drop > _TOL * max(1.0, before):
            amount = f"{drop:,.0f}" if drop >= 10 else f"{drop:.3g}"
            losers.append(f"{actor} ({resource} -{amount} {unit})")
    return {"lost_cost_saved": lost("cost_saved"), "lost_co2e_avoided": lost("co2e_avoided"),
            "lost_supported_persons": lost("supported_persons"), "unmet": "; ".join(after.unmet),
            "partners_losing_inputs": len(losers), "partners": "; ".join(losers)}


def stress(network: Network, by: str = "actor", objective: str = "cost",
           weights: dict[str, float] | None = None, progress=None) -> pd.DataFrame:
    """Remove each actor (``by="actor"``) or running stream (``by="stream"``) in turn; ranked table.

    Rows are sorted by lost cost savings (largest first), then lost CO2e.
    """
    if by not in ("actor", "stream"):
        raise bad_parameter("by", f"'{by}': remove each 'actor' or each 'stream'")
    w = objective_weights(network, objective, weights)
    base = _outcome(network, w)
    if base.unmet:
        raise SymbiosisError([Mistake("", "the network itself cannot balance: " + "; ".join(base.unmet))],
                             network.id)
    if by == "actor":
        items = [(a.id, a.name) for a in network.actors]
    else:
        items = [(s.id, f"{s.supplier} -> {s.receiver} ({s.resource})") for s in network.streams_in_year()]
    rows = []
    for n, (ident, name) in enumerate(items):
        reduced = remove_actors(network, [ident]) if by == "actor" else remove_streams(network, [ident])
        rows.append({"removed": ident, "name": name, **_row(base, _outcome(reduced, w),
                                                            {ident} if by == "actor" else set())})
        if progress:
            progress(n + 1, len(items))
    table = pd.DataFrame(rows)
    order = np.lexsort((-table.lost_co2e_avoided.fillna(np.inf).to_numpy(),
                        -table.lost_cost_saved.fillna(np.inf).to_numpy()))
    table = table.iloc[order].reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    return table


def random_failures(network: Network, k: int, samples: int, seed: int = 0, objective: str = "cost",
                    weights: dict[str, float] | None = None, progress=None) -> pd.DataFrame:
    """``samples`` draws of ``k`` actors failing at once (members and partners alike); one row a draw."""
    actors = [a.id for a in network.actors]
    if not 1 <= k <= len(actors):
        raise bad_parameter("k", f"{k} actors cannot fail at once in a network of {len(actors)}; "
                            f"give 1 to {len(actors)}")
    if not 1 <= samples <= 100_000:
        raise bad_parameter("samples", f"{samples}: give 1 to 100,000 samples")
    w = objective_weights(network, objective, weights)
    base = _outcome(network, w)
    rows = []
    for i in range(samples):
        rng = np.random.default_rng([seed, i])
        gone = sorted(rng.choice(len(actors), size=k, replace=False).tolist())
        ids = [actors[j] for j in gone]
        rows.append({"sample": i, "removed": ";".join(ids),
                     **_row(base, _outcome(remove_actors(network, ids), w), set(ids))})
        if progress:
            progress(i + 1, samples)
    return pd.DataFrame(rows)
