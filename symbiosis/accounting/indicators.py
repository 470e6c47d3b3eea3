"""The indicators of the three bottom lines: key, line, label, unit and meaning of each.

A saving is the counterfactual (no symbiosis: every residual takes its real
route, every need its next-best source) minus the answer, so a positive number
is good.
"""

from __future__ import annotations

from dataclasses import dataclass

from symbiosis.model.money import in_currency

__all__ = ["FLOW_INDICATORS", "INDICATOR", "INDICATORS", "Indicator"]


@dataclass(frozen=True)
class Indicator:
    """One indicator: its key, line (economy, environment, social), unit and meaning.

    ``additive``: whether it may be added to other indicators of the same unit
    in a lens total (the two tonnages, and shares, may not). ``unit`` is the
    unit in the currency of the network last loaded (``written_unit`` says
    ``DKK`` for money: :func:`symbiosis.model.money.in_currency`).

    Parameters
    ----------
    key : str
        The indicator's key in an answer's indicators (``cost_saved``...).
    line : str
        Its line of the triple bottom line: ``economy``, ``environment`` or ``social``.
    label : str
        Its name in words.
    written_unit : str
        Its unit as written, ``DKK`` standing for the network's currency.
    meaning : str
        What it measures, in a sentence.
    additive : bool
        Whether it may be added to other indicators of the same unit in a lens total.
    """

    key: str
    line: str
    label: str
    written_unit: str
    meaning: str
    additive: bool = True

    @property
    def unit(self) -> str:
        """The unit, money in the network's currency (``EUR/yr`` for a network in euros)."""
        return in_currency(self.written_unit)


INDICATORS: tuple[Indicator, ...] = (
    Indicator("cost_saved", "economy", "Cost saved", "DKK/yr",
              "virgin purchases, disposal and taxes avoided, minus transport and process operating cost"),
    Indicator("co2e_avoided", "environment", "CO2e avoided", "t CO2e/yr",
              "emissions of virgin supply and disposal avoided, minus transport and process emissions"),
    Indicator("groundwater_saved", "environment", "Groundwater saved", "m3/yr",
              "groundwater not drawn because surface or reused water replaced it"),
    Indicator("supported_persons", "social", "People in supported employment and offers", "persons",
              "people in a supporting scheme on the social-economy service links and inside members: jobs "
              "(fleksjob, småjob, løntilskud) and offers or forløb (virksomhedspraktik, ressourceforløb, "
              "nytteindsats); not known (never 0) where nothing is recorded"),
    Indicator("supported_fte", "social", "People in supported employment and offers", "FTE",
              "the same in full-time equivalents, recorded or from hours"),
    Indicator("supported_hours", "social", "Supported hours", "h/yr",
              "hours worked per year by people in a supporting scheme"),
    Indicator("public_value", "social", "Public-economy value", "DKK/yr",
              "benefits no longer paid + income tax gained - subsidies paid, for the supported jobs (kommune and "
              "state), after deadweight, attribution and displacement, less the jobcenter's cost where given"),
    Indicator("framework_coverage", "social", "Framework agreement coverage", "share",
              "share of members buying from at least one social-economy enterprise (recorded)", additive=False),
    Indicator("agreement_coverage", "social", "Members with their own agreement", "share",
              "share of members with a signed agreement of their own under the framework agreement",
              additive=False),
    Indicator("supported_share", "social", "Own staff in supported schemes per employee", "share",
              "people in supported schemes among the members' own staff, per member employee (members with an "
              "employee count and their staff recorded), as the 10 % targets count it", additive=False),
)
INDICATOR = {i.key: i for i in INDICATORS}
#: The indicators that are savings of a named cost (:data:`symbiosis.results.NAMED_COSTS`), and which.
#: Materials and nutrients are reported per material and element (:mod:`symbiosis.accounting.materials`):
#: a total over unlike things (tonnes of nitrogen and of gypsum) is not an indicator.
FLOW_INDICATORS = {"cost_saved": "cost", "co2e_avoided": "co2e", "groundwater_saved": "groundwater"}
