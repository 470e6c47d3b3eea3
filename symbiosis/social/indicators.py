"""The social indicators of a network in one call, in plain Python (sweeps call it for every answer)."""

from __future__ import annotations

from symbiosis.model import Factor, Network
from symbiosis.social.factors import factor, social_factors
from symbiosis.social.jobs import coverage, supported_rows
from symbiosis.social.public import missing, value_rows

__all__ = ["social_totals"]


def social_totals(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                  ) -> dict[str, float]:
    """The social indicators: supported persons, FTE and hours, public value (DKK/yr), framework coverage.

    Plain Python over the running links (no tables), as sweeps call it for every answer.
    """
    factors = social_factors(network) if factors is None else factors
    sup = list(supported_rows(network, year, factor(factors, "fte_hours")))
    values = [v["net"] for v in value_rows(network, year, factors) if v["valued"]]
    return {"supported_persons": float(sum(r["persons"] for r in sup)),
            "supported_fte": float(sum(r["fte"] for r in sup if not missing(r["fte"]))),
            "supported_hours": float(sum(r["hours"] for r in sup if not missing(r["hours"]))),
            "public_value": float(sum(values)),
            "framework_coverage": coverage(network, year)["share"]}
