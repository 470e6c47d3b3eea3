"""The triple-bottom-line report of ``symbiosis score``, as plain data, and the factor table.

:class:`TBLReport` holds what :func:`symbiosis.scoring.tbl_report` makes (it evaluates and
assigns, so it lives above the evaluation and the planning); :func:`social_summary` is what the
stakeholder page shows of the social line; :func:`factor_rows` lists every factor the scores use,
with its source.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from symbiosis.accounting.indicators import INDICATORS
from symbiosis.accounting.lenses import LENSES
from symbiosis.accounting.score import TripleBottomLine
from symbiosis.model.packs import network_packs
from symbiosis.objectives import check_weights
from symbiosis.results import NAMED_COSTS
from symbiosis.social import SOCIAL_TABLE, social_factors

if TYPE_CHECKING:
    from symbiosis.accounting.evaluated import Evaluation
    from symbiosis.planning.assignment import Assignment

__all__ = ["TBLReport", "factor_rows", "social_summary", "split_weights"]


@dataclass(frozen=True, eq=False)
class TBLReport:
    """Observed and optimised scores, lens indices, and the service assignment (or None, and then
    ``assignment_missing`` names the fields it needs)."""

    evaluation: Evaluation
    observed: TripleBottomLine
    optimised: TripleBottomLine
    indices: dict  # lens name -> (components, index)
    assignment: Assignment | None
    normalise: str
    flow_weights: dict
    social_value: float | None
    assignment_missing: list = field(default_factory=list)  # why the assignment could not run, by field
    lenses: dict = field(default_factory=lambda: dict(LENSES))  # name -> Lens: the network's packs' (symbiosis.packs)

    def values(self) -> dict[str, dict[str, float | None]]:
        """Indicators per answer; the counterfactual scores 0 on flows and has no service links."""
        zero: dict[str, float | None] = {i.key: 0.0 for i in INDICATORS}
        return {"counterfactual": zero, "observed": self.observed.indicators, "optimised": self.optimised.indicators}


def split_weights(weights: dict[str, float] | None) -> tuple[dict[str, float] | None, float | None]:
    """The weights of the tbl objective: flow weights (DKK, DKK/t CO2e...) and ``social`` (DKK per FTE-year)."""
    if not weights:
        return None, None
    weights = check_weights(weights, valid=(*NAMED_COSTS, "social"))
    flow = {k: v for k, v in weights.items() if k != "social"}
    return flow or None, weights.get("social")


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
