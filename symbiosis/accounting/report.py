"""The triple-bottom-line report: one call that scores a network for ``symbiosis score``.

:func:`tbl_report` evaluates the network (observed, counterfactual and
optimised flows), scores the observed and optimised answers on the three
lines, views them through the Kalundborg and Kolding lenses with a composite
index beside its components, and, where the network has service offers and
needs, optimises which social-economy enterprise serves which member.
:func:`factor_rows` lists every factor the scores use, with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pandas as pd

from symbiosis import parameters as P
from symbiosis.accounting.indicators import INDICATORS
from symbiosis.accounting.lenses import LENSES, check_composite, composite
from symbiosis.accounting.score import TripleBottomLine, score
from symbiosis.objectives import check_weights
from symbiosis.results import NAMED_COSTS

__all__ = ["TBLReport", "factor_rows", "social_summary", "split_weights", "tbl_report"]


@dataclass(frozen=True, eq=False)
class TBLReport:
    """Observed and optimised scores, lens indices, and the service assignment (or None, and then
    ``assignment_missing`` names the fields it needs)."""

    evaluation: object
    observed: TripleBottomLine
    optimised: TripleBottomLine
    indices: dict  # lens name -> (components, index)
    assignment: object | None
    normalise: str
    flow_weights: dict
    social_value: float | None
    assignment_missing: list = field(default_factory=list)  # why the assignment could not run, by field
    lenses: dict = field(default_factory=lambda: dict(LENSES))  # name -> Lens: the network's packs' (symbiosis.packs)

    def values(self) -> dict[str, dict[str, float]]:
        """Indicators per answer; the counterfactual scores 0 on flows and has no service links."""
        zero = {i.key: 0.0 for i in INDICATORS}
        return {"counterfactual": zero, "observed": self.observed.indicators, "optimised": self.optimised.indicators}


def split_weights(weights: dict[str, float] | None) -> tuple[dict[str, float] | None, float | None]:
    """The weights of the tbl objective: flow weights (DKK, DKK/t CO2e...) and ``social`` (DKK per FTE-year)."""
    if not weights:
        return None, None
    weights = check_weights(weights, valid=(*NAMED_COSTS, "social"))
    flow = {k: v for k, v in weights.items() if k != "social"}
    return flow or None, weights.get("social")


def tbl_report(network, objective: str = "tbl", weights: dict[str, float] | None = None,
               factor_overrides: dict[str, float] | None = None, normalise: str = "target",
               targets: dict[str, float] | None = None, indicator_weights: dict[str, float] | None = None,
               group_weights: dict[str, float] | None = None, min_hours: float = 0.0,
               convention: str | None = None) -> TBLReport:
    """Score ``network`` on three lines (see module doc).

    ``objective`` is the flows objective (``cost``, ``co2e``, ``weighted`` or
    ``tbl`` = cost + carbon value x CO2e, with the social line optimised in the
    service assignment); ``weights`` may hold flow weights and ``social``;
    ``convention`` the accounting convention (default ``system-expansion``).
    ``normalise`` ``target`` (default) scores each indicator against a target:
    the social index's sourced targets (factor table rows ``target_*``), and
    any ``targets`` given (which replace them); indicators without a target
    are shown and left out. ``minmax`` ranks the compared answers only.
    """
    from symbiosis.evaluation import evaluate

    P.MIN_HOURS.check(min_hours)
    if factor_overrides:  # checked before anything is solved
        from symbiosis.social import social_factors

        social_factors(network, factor_overrides)
    from symbiosis.packs import lenses_of

    lenses = lenses_of(network)
    groups = {g for lens in lenses.values() for g in lens.groups}
    check_composite(normalise, targets, indicator_weights, group_weights, groups,
                    names=("normalise", "targets", "indicator_weights", "group_weights"), require_targets=False)
    flow_w, social_value = split_weights(weights)
    flows_objective = "weighted" if objective == "tbl" else objective
    ev = evaluate(network, flows_objective, flow_w, convention=convention, recommend=False)
    observed = score(ev, "observed", factor_overrides)
    optimised = score(ev, "optimised", factor_overrides)
    from symbiosis.planning.assignment import assign_services, missing_inputs

    assignment = None
    missing = missing_inputs(network)
    if not missing:
        assignment = assign_services(network, observed.factors, social_value=social_value, min_hours=min_hours)
    report = TBLReport(ev, observed, optimised, {}, assignment, normalise, dict(ev.weights), social_value, missing,
                       lenses)
    if normalise == "target" and observed.index:  # the social index's targets come with a pack's factor table
        from symbiosis.social.index import targets as index_targets

        targets = {**{k: f.value for k, f in index_targets(observed.factors).items()}, **(targets or {})}
    for name, lens in lenses.items():
        mine = {g: w for g, w in (group_weights or {}).items() if g in lens.groups}
        report.indices[name] = composite(report.values(), lens, normalise, targets, indicator_weights, mine,
                                         require_targets=bool(observed.index))
    return report


def social_summary(observed: TripleBottomLine, assignment=None, missing=None) -> dict:
    """What the stakeholder page shows of the social bottom line, as plain data (no solving here).

    ``observed`` is the answer's :class:`~symbiosis.accounting.score.TripleBottomLine`;
    ``assignment`` a solved :class:`~symbiosis.planning.assignment.Assignment` (or None, and then
    ``missing`` says why: the fields it lacks, or None when it was not tried).
    """
    pv = observed.public_value
    valued = pv[pv.valued.astype(bool)] if len(pv) else pv
    return {
        "index": observed.index, "aims": observed.aims,
        "coverage": observed.coverage if observed.packs or observed.network.frameworks else {},
        "payers": {"kommune": float(valued.kommune.sum()), "state": float(valued.state.sum()),
                   "gross": float(valued.gross.sum()), "after_filters": float(valued.net.sum()),
                   "jobcenter": float(pv.jobcenter.sum()) if len(pv) else 0.0,
                   "public_value": observed.indicators["public_value"],
                   "client_purchase": observed.sroi.inputs.get("client_purchase", 0.0),
                   "valued": int(len(valued)), "rows": int(len(pv))},
        "supported_persons": observed.indicators["supported_persons"],
        "sroi": observed.sroi.ratio,
        "year_notes": observed.year_notes,
        "assignment": None if assignment is None else {
            "supported_fte": assignment.supported_fte, "cost": assignment.cost,
            "market_cost": assignment.market_cost, "links": assignment.links, "agreements": assignment.agreements},
        "assignment_missing": missing,
        "packs": observed.packs,
    }


# -- the factor table ----------------------------------------------------------------------
def factor_rows(network, overrides: dict[str, float] | None = None) -> pd.DataFrame:
    """Every factor the scores use, one row each: where it comes from, value, unit, year, basis, source, method.

    ``table`` is ``network`` (the network's rows, including its factor table
    such as factors-dk), a pack's factor table such as ``factors-social-dk`` (its
    rows not replaced by the network; only where the network switches the pack
    on, :mod:`symbiosis.packs`), or ``override``.
    """
    from symbiosis.packs import network_packs
    from symbiosis.social import SOCIAL_TABLE, social_factors

    tables = [p.factor_table for p in network_packs(network) if p.factor_table]

    def source(text: str) -> str:
        if text.startswith("@") and text[1:] in network.sources:
            ref = network.sources[text[1:]]
            return ref.title + (f" <{ref.url}>" if ref.url else "")
        return text

    rows = []
    own = {f.factor for f in network.factors}
    for f in network.factors:
        rows.append(("network", f))
    for kind, f in social_factors(network, overrides).items():
        if overrides and kind in overrides:
            rows = [r for r in rows if r[1].factor != kind]
            rows.append(("override", f))
        elif kind not in own and SOCIAL_TABLE in tables:
            rows.append((SOCIAL_TABLE, f))  # the bundled social table belongs to the networks of its pack
    return pd.DataFrame([{
        "table": table, "factor": f.factor, "applies_to": f.resource or f.mode or "", "value": f.value,
        "unit": f.unit, "year": f.year, "basis": f.basis, "source": source(f.source), "method": f.method or ""}
        for table, f in rows])
