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

from symbiosis import parameters as P
from symbiosis.accounting.indicators import FLOW_INDICATORS
from symbiosis.engine import compile_network
from symbiosis.engine.removal import Removals
from symbiosis.errors import bad_parameter, infeasible
from symbiosis.model import Network
from symbiosis.objectives import objective_weights
from symbiosis.scenario.events import remove_actors, social_without
from symbiosis.social import social_totals

__all__ = ["TOP", "random_failures", "stress"]

_TOL = 1e-6
#: How many removals :func:`stress` re-solves exactly by default (the largest by the duals' bound).
TOP: int = P.STRESS_TOP.default


@dataclass(frozen=True)
class _Outcome:
    scores: dict[str, float] | None  # the flow indicators against no symbiosis; None when not measurable
    inflow: dict[tuple[str, str, str], float]  # (receiver, resource, unit) -> delivered by stream per year
    unmet: list[str]


def _scores(opt: dict[str, float], cf: dict[str, float] | None) -> dict[str, float] | None:
    return None if cf is None else {key: cf[name] - opt[name] for key, name in FLOW_INDICATORS.items()}


def _outcome(net: Network, weights: dict[str, float]) -> _Outcome:
    """The optimised flows of ``net`` and their savings (None if there is no counterfactual to measure
    against, e.g. a need that no market sells), or the needs that nothing can cover (two compiles: for a
    network of its own, as :func:`random_failures` draws)."""
    opt = Removals(compile_network(net, "optimised"), weights)
    if not opt.ok:
        return _Outcome(None, {}, opt.shortfalls(opt.compiled, _TOL) or ["(the remaining flows cannot balance)"])
    cf = Removals(compile_network(net, "counterfactual"), weights)
    return _Outcome(_scores(opt.base.totals, cf.base.totals if cf.ok else None), opt.inflow(opt.base), [])


def _row(base: _Outcome, after: _Outcome, gone: set[str]) -> dict:
    def lost(key: str) -> float:
        if base.scores is None or after.scores is None:
            return float("nan")
        before, now = base.scores.get(key, 0.0), after.scores.get(key, 0.0)
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
            "unmet": "; ".join(after.unmet), "partners_losing_inputs": len(losers), "partners": "; ".join(losers)}


def stress(network: Network, by: str = "actor", objective: str = "cost",
           weights: dict[str, float] | None = None, progress=None, top: int | None = TOP) -> pd.DataFrame:
    """Remove each actor (``by="actor"``) or running stream (``by="stream"``) in turn; ranked table.

    The optimised and counterfactual answers are compiled once each and solved
    once; every removal is then a change of their bounds, re-solved warm
    (:class:`symbiosis.engine.removal.Removals`). Before any re-solve every
    removal is screened with the duals: a bound on the change of the optimal
    objective, per answer, without an LP. The ``top`` removals with the
    largest bounds (default :data:`TOP`; None: every one) are re-solved
    exactly (``exact`` True); the others keep the screened figure: the
    objective's loss (``lost_cost_saved`` for cost, ``lost_co2e_avoided`` for
    CO2e) as the difference of the two answers' bounds, a first-order
    estimate, and no partners or unmet needs (``exact`` False).

    Rows are sorted exact first, then by lost cost savings (largest first), then lost CO2e.

    Parameters
    ----------
    network : Network
        The network.
    by : str
        ``actor`` or ``stream``.
    objective : str
        What the optimised answer minimises: ``cost``, ``co2e`` or ``weighted``.
    weights : dict of str to float, optional
        Weights over the named costs (with ``weighted``).
    progress : callable, optional
        Called with (done, total) after each removal re-solved.
    top : int, optional
        How many removals to re-solve exactly (None: every one).

    Returns
    -------
    pandas.DataFrame
        One row per removal, ranked (above).

    Raises
    ------
    SymbiosisError
        For an unknown ``by``, a ``top`` below 0, or a network that cannot balance.
    """
    P.STRESS_BY.check(by)
    if top is not None:
        P.STRESS_TOP.check(top)
    w = objective_weights(network, objective, weights)
    opt = Removals(compile_network(network, "optimised"), w)
    if not opt.ok:
        unmet = opt.shortfalls(opt.compiled, _TOL)
        raise infeasible("the network itself cannot balance: " + "; ".join(
            unmet or ["(the remaining flows cannot balance)"]), file=network.id)
    cf = Removals(compile_network(network, "counterfactual"), w)
    base = _Outcome(_scores(opt.base.totals, cf.base.totals if cf.ok else None), opt.inflow(opt.base), [])
    known = _persons(network) == _persons(network)  # not NaN: people are recorded
    persons = _persons_lost(network) if by == "actor" and known else {}
    if by == "actor":
        items = [(a.id, a.name) for a in network.actors]
    else:
        items = [(s.id, f"{s.supplier} -> {s.receiver} ({s.resource})") for s in network.streams_in_year()]
    ids, bound_opt = opt.bounds(by)
    _, bound_cf = cf.bounds(by) if by == "actor" else (ids, np.zeros(len(ids)))
    bound = dict(zip(ids, (bound_opt - bound_cf).tolist(), strict=True))
    size = {i: max(abs(a), abs(b)) for i, a, b in zip(ids, bound_opt.tolist(), bound_cf.tolist(), strict=True)}
    order = sorted(range(len(items)), key=lambda k: -size.get(items[k][0], 0.0))
    exact = set(order if top is None else order[:top])
    key = next(iter(w)) if len(w) == 1 else ""
    lost_key = {"cost": "lost_cost_saved", "co2e": "lost_co2e_avoided"}.get(key)
    rows = []
    for n, (ident, name) in enumerate(items):
        gone = {"actors": [ident]} if by == "actor" else {"streams": [ident]}
        if n in exact:
            row = _row(base, _removed(opt, cf, gone), {ident} if by == "actor" else set())
        else:
            row = {"lost_cost_saved": np.nan, "lost_co2e_avoided": np.nan, "unmet": "",
                   "partners_losing_inputs": np.nan, "partners": ""}
            if lost_key and base.scores is not None:
                row[lost_key] = bound.get(ident, 0.0) * w[key]
        row["lost_supported_persons"] = persons.get(ident, 0.0) if known else np.nan
        rows.append({"removed": ident, "name": name, **row, "exact": n in exact})
        if progress:
            progress(n + 1, len(items))
    table = pd.DataFrame(rows)
    ranked = np.lexsort((-table.lost_co2e_avoided.fillna(np.inf).to_numpy(),
                         -table.lost_cost_saved.fillna(np.inf).to_numpy(), ~table.exact.to_numpy()))
    table = table.iloc[ranked].reset_index(drop=True)
    table.insert(0, "rank", np.arange(1, len(table) + 1))
    return table


def _removed(opt: Removals, cf: Removals, gone: dict) -> _Outcome:
    """The outcome without ``gone`` (actors or streams), from the two warm answers."""
    variant = opt.without(**gone)
    sol = opt.solve(variant)
    if sol.status == "infeasible":
        return _Outcome(None, {}, opt.shortfalls(variant, _TOL) or ["(the remaining flows cannot balance)"])
    cf_sol = cf.solve(cf.without(**gone))
    return _Outcome(_scores(sol.totals, cf_sol.totals if cf_sol.ok else None), opt.inflow(sol), [])


def _persons_lost(network: Network) -> dict[str, float]:
    """Per actor named by a social-economy row, the supported persons lost without it (the others lose none)."""
    named = {x for k in network.service_links for x in (k.provider, k.client, k.contractor) if x}
    empty = social_without(network, set())
    named |= {a.id for a in network.actors if social_without(network, {a.id}) != empty}
    if not named:
        return {}
    before = _persons(network)
    out = {a: before - _persons(remove_actors(network, [a])) for a in sorted(named)}
    return {a: 0.0 if abs(v) <= _TOL * max(1.0, abs(before)) else v for a, v in out.items()}


def _persons(network: Network) -> float:
    """Supported persons on the network's service links (NaN: not known)."""
    v = social_totals(network).get("supported_persons")
    return np.nan if v is None else float(v)


def random_failures(network: Network, k: int, samples: int, seed: int = 0, objective: str = "cost",
                    weights: dict[str, float] | None = None, progress=None) -> pd.DataFrame:
    """``samples`` draws of ``k`` actors failing at once (members and partners alike); one row a draw.

    Each answer is compiled once; a draw closes its actors' bounds and re-solves warm
    (:class:`symbiosis.engine.removal.Removals`, as :func:`stress`).

    Parameters
    ----------
    network : Network
        The network.
    k : int
        Actors failing at once.
    samples : int
        Draws, 1 to 100,000.
    seed : int
        Seed of the draws.
    objective : str
        What the optimised answer minimises: ``cost``, ``co2e`` or ``weighted``.
    weights : dict of str to float, optional
        Weights over the named costs (with ``weighted``).
    progress : callable, optional
        Called with (done, total) after each draw.

    Returns
    -------
    pandas.DataFrame
        One row per draw: the actors and what is lost.

    Raises
    ------
    SymbiosisError
        For a ``k`` above the number of actors or a number of samples out of range.
    """
    actors = [a.id for a in network.actors]
    P.FAILURES.check(k)
    if k > len(actors):
        raise bad_parameter("k", f"{k} actors cannot fail at once in a network of {len(actors)}; "
                            f"give 1 to {len(actors)}")
    P.FAILURE_SAMPLES.check(samples)
    w = objective_weights(network, objective, weights)
    opt = Removals(compile_network(network, "optimised"), w)  # each answer compiled once; a draw is new bounds
    if opt.ok:
        cf = Removals(compile_network(network, "counterfactual"), w)
        base = _Outcome(_scores(opt.base.totals, cf.base.totals if cf.ok else None), opt.inflow(opt.base), [])
    else:  # the network itself cannot balance: each draw is a network of its own
        base = _Outcome(None, {}, opt.shortfalls(opt.compiled, _TOL) or ["(the remaining flows cannot balance)"])
    before = _persons(network)
    rows = []
    for i in range(samples):
        rng = np.random.default_rng([seed, i])
        gone = sorted(rng.choice(len(actors), size=k, replace=False).tolist())
        ids = [actors[j] for j in gone]
        after = _removed(opt, cf, {"actors": ids}) if opt.ok else _outcome(remove_actors(network, ids), w)
        persons = before - _persons(remove_actors(network, ids)) \
            if base.scores is not None and after.scores is not None and before == before else np.nan
        rows.append({"sample": i, "removed": ";".join(ids), **_row(base, after, set(ids)),
                     "lost_supported_persons": 0.0 if abs(persons) <= _TOL else persons})
        if progress:
            progress(i + 1, samples)
    return pd.DataFrame(rows)
