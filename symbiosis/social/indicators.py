"""The social indicators of a network in one call, in plain Python (sweeps call it for every answer)."""

from __future__ import annotations

from symbiosis.model import Factor, Network
from symbiosis.social.coverage import agreement_coverage, coverage, supported_share
from symbiosis.social.factors import factor, social_factors
from symbiosis.social.jobs import supported_rows
from symbiosis.social.public import missing, value_rows

__all__ = ["social_totals"]


def social_totals(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                  ) -> dict[str, float]:
    """The social indicators: supported persons, FTE and hours, public value (DKK/yr), framework and
    agreement coverage, supported persons per member employee (shares).

    Plain Python over the running links and jobs inside members (no tables), as sweeps call it
    for every answer. People of an unpublished scheme are not counted as supported; where there are
    supported-job rows but none could be valued, ``public_value`` is NaN (unknown), not 0.
    """
    factors = social_factors(network) if factors is None else factors
    sup = [r for r in supported_rows(network, year, factor(factors, "fte_hours")) if r["supported"]]
    rows = list(value_rows(network, year, factors))
    valued = [v for v in rows if v["valued"]]
    # supported jobs none of which could be valued (a scheme not published, no wage): unknown, not 0
    public = float("nan") if rows and not valued else float(sum(v["net"] for v in valued)
                                                              - sum(v["jobcenter"] for v in rows))
    return {"supported_persons": float(sum(r["persons"] for r in sup)),
            "supported_fte": float(sum(r["fte"] for r in sup if not missing(r["fte"]))),
            "supported_hours": float(sum(r["hours"] for r in sup if not missing(r["hours"]))),
            "public_value": public,
            "framework_coverage": coverage(network, year)["share"],
            "agreement_coverage": agreement_coverage(network, year)["share"],
            "supported_share": supported_share(network, year)["share"]}
