"""The network model: resources, actors, supplies, demands, processes, streams,
service links and the factor table, validated as a whole.

- :mod:`symbiosis.model.base`: ids, provenance, quantities, locations, sources.
- :mod:`symbiosis.model.parts`: the parts of a network.
- :mod:`symbiosis.model.social`: the social economy: framework agreements, members' own agreements,
  jobs inside members, the enterprise catalogue, labels, public buyers, workplaces.
- :mod:`symbiosis.model.network`: :class:`Network`, the whole, with look-ups by id.
- :mod:`symbiosis.model.validation`: the whole-network rules, one function each.
- :mod:`symbiosis.model.units`: quantities written in other units, converted with pint.
- :mod:`symbiosis.model.totals`: estimate groups whose members must add up to a stated total.
- :mod:`symbiosis.model.references`: id references checked on raw data, before field validation.

Units: every quantity is per year in the unit of its resource (``t``, ``m3``,
``MWh``...), money is DKK, emissions are t CO2e.
"""

from symbiosis.model.base import (
    ID_PATTERN,
    ActorKind,
    Basis,
    Category,
    FactorKind,
    Frozen,
    Location,
    Provenance,
    Quantity,
    Scheme,
    Source,
    StreamStatus,
    TransportMode,
    listing,
)
from symbiosis.model.economics import INVESTMENT_NUMBERS, CapitalCost, Investment, StreamEconomics
from symbiosis.model.network import Network
from symbiosis.model.parts import (
    STREAM_NUMBERS,
    Actor,
    Amount,
    Contract,
    Demand,
    Factor,
    JointCapacity,
    Leak,
    Payment,
    PrimaryEnergy,
    Process,
    ProcessEconomics,
    Resource,
    ServiceLink,
    ServiceNeed,
    ServiceOffer,
    Stream,
    Supply,
    SupportedEmployee,
)
from symbiosis.model.social import (
    Agreement,
    CatalogueEntry,
    Enterprise,
    FrameworkAgreement,
    Label,
    MemberJob,
    PublicBuyer,
    Workplace,
)
from symbiosis.model.totals import Total

__all__ = [
    "ID_PATTERN", "INVESTMENT_NUMBERS", "Actor", "ActorKind", "Agreement", "Amount", "Basis", "CapitalCost",
    "CatalogueEntry", "Category", "Contract", "Demand", "Enterprise", "Factor", "FactorKind",
    "FrameworkAgreement", "Frozen", "Investment", "JointCapacity", "Label", "Leak", "Location", "MemberJob",
    "Network", "Payment", "PrimaryEnergy", "Process", "ProcessEconomics", "Provenance", "PublicBuyer",
    "Quantity", "Resource", "STREAM_NUMBERS", "Scheme", "ServiceLink", "ServiceNeed", "ServiceOffer", "Source",
    "Stream", "StreamEconomics", "StreamStatus", "SupportedEmployee", "Supply", "Total", "TransportMode",
    "Workplace", "listing",
]
