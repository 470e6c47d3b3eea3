"""Savings on the three bottom lines, measured against the counterfactual.

The counterfactual is the network without symbiosis: every residual
disposed of, every need bought virgin. A saving is counterfactual minus
answer, so a positive number is good.
"""

from __future__ import annotations

from dataclasses import dataclass

from symbiosis.compile import Result
from symbiosis.model import Network


@dataclass(frozen=True)
class Indicator:
    """One indicator: its key, line (economy, environment, social), unit and meaning."""

    key: str
    line: str
    label: str
    unit: str
    meaning: str


INDICATORS: tuple[Indicator, ...] = (
    Indicator("cost_saved", "economy", "Cost saved", "DKK/yr",
              "virgin purchases, disposal and taxes avoided, minus transport and process operating cost"),
    Indicator("co2e_avoided", "environment", "CO2e avoided", "t CO2e/yr",
              "emissions of virgin supply and disposal avoided, minus transport and process emissions"),
    Indicator("groundwater_saved", "environment", "Groundwater saved", "m3/yr",
              "groundwater not drawn because surface or reused water replaced it"),
    Indicator("virgin_material_avoided", "environment", "Virgin material avoided", "t/yr",
              "tonnes of virgin material and nutrient not bought"),
    Indicator("diverted_from_disposal", "environment", "Diverted from disposal", "t/yr",
              "tonnes of residual material reused instead of disposed of"),
    Indicator("supported_persons", "social", "Supported jobs", "persons",
              "people employed under a supporting scheme on the social-economy service links"),
    Indicator("supported_fte", "social", "Supported jobs", "FTE",
              "the same in full-time equivalents, where recorded"),
)
_TOTAL = {"cost_saved": "cost", "co2e_avoided": "co2e", "groundwater_saved": "groundwater",
          "virgin_material_avoided": "virgin_material", "diverted_from_disposal": "disposed"}


def savings(result: Result, counterfactual: Result, network: Network) -> dict[str, float]:
    """Each indicator of :data:`INDICATORS` for ``result`` against ``counterfactual``."""
    out = {key: counterfactual.totals[total] - result.totals[total] for key, total in _TOTAL.items()}
    out.update(social_totals(network))
    return out


def social_totals(network: Network, year: int | None = None) -> dict[str, float]:
    """Supported persons and FTE on service links running in ``year`` (default: the network's)."""
    year = network.year if year is None else year
    links = [link for link in network.service_links
             if (link.start is None or link.start <= year) and (link.end is None or link.end >= year)]
    supported = [s for link in links for s in link.supported if s.scheme != "ordinary"]
    return {"supported_persons": float(sum(s.persons for s in supported)),
            "supported_fte": float(sum(s.fte or 0.0 for s in supported))}
