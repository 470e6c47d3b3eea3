"""The triple-bottom-line report: one call that scores a network for ``symbiosis score``.

:func:`tbl_report` evaluates the network (observed, counterfactual and
optimised flows), scores the observed and optimised answers on the three
lines, views them through the Kalundborg and Kolding lenses with a composite
index beside its components, and, where the network has service offers and
needs, optimises which social-economy enterprise serves which member. It
solves, so it sits above :mod:`symbiosis.evaluation` and :mod:`symbiosis.planning`;
what it returns, :class:`~symbiosis.accounting.report.TBLReport`, is plain data
the presentation reads.
"""

from __future__ import annotations

from symbiosis import parameters as P
from symbiosis.accounting.lenses import check_composite, composite, lenses_of
from symbiosis.accounting.report import TBLReport, split_weights
from symbiosis.accounting.score import score
from symbiosis.evaluation import evaluate
from symbiosis.planning.assignment import assign_services, missing_inputs
from symbiosis.social import social_factors
from symbiosis.social.index import targets as index_targets

__all__ = ["tbl_report"]


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
    P.MIN_HOURS.check(min_hours)
    if factor_overrides:  # checked before anything is solved
        social_factors(network, factor_overrides)
    lenses = lenses_of(network)
    groups = {g for lens in lenses.values() for g in lens.groups}
    check_composite(normalise, targets, indicator_weights, group_weights, groups,
                    names=("normalise", "targets", "indicator_weights", "group_weights"), require_targets=False)
    flow_w, social_value = split_weights(weights)
    flows_objective = "weighted" if objective == "tbl" else objective
    ev = evaluate(network, flows_objective, flow_w, convention=convention, recommend=False)
    observed = score(ev, "observed", factor_overrides)
    optimised = score(ev, "optimised", factor_overrides)
    assignment = None
    missing = missing_inputs(network)
    if not missing:
        assignment = assign_services(network, observed.factors, social_value=social_value, min_hours=min_hours)
    report = TBLReport(ev, observed, optimised, {}, assignment, normalise, dict(ev.weights), social_value, missing,
                       lenses)
    if normalise == "target" and observed.index:  # the social index's targets come with a pack's factor table
        targets = {**{k: f.value for k, f in index_targets(observed.factors).items()}, **(targets or {})}
    for name, lens in lenses.items():
        mine = {g: w for g, w in (group_weights or {}).items() if g in lens.groups}
        report.indices[name] = composite(report.values(), lens, normalise, targets, indicator_weights, mine,
                                         require_targets=bool(observed.index))
    return report
