"""The parts of a network: resources, actors, supplies, demands, processes, streams,
service links, service offers and needs, and factor rows.

Units: every quantity is per year in the unit of its resource (``t``, ``m3``,
``MWh``...), money is DKK, emissions are t CO2e.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

from symbiosis.model.base import (
    ID_PATTERN,
    ActorKind,
    Category,
    FactorKind,
    Frozen,
    Id,
    Location,
    Provenance,
    Quantity,
    Scheme,
    StreamStatus,
    TransportMode,
)

__all__ = ["Actor", "Demand", "Factor", "Grade", "MASS_CATEGORIES", "MASS_UNITS", "Process", "Resource",
           "ServiceLink", "ServiceNeed", "ServiceOffer", "Stream", "Supply", "SupportedEmployee"]

#: Categories whose resources count as material mass, and the mass units with their tonnes per unit.
MASS_CATEGORIES = frozenset({"material", "nutrient", "feed", "waste"})
MASS_UNITS = {"t": 1.0, "kg": 1e-3}


class Resource(Frozen):
    """Something that flows: steam, surface water, gypsum... in one unit."""

    id: Id
    name: str
    unit: str = Field(min_length=1)
    category: Category
    description: str | None = None

    @property
    def tonnes_per_unit(self) -> float | None:
        """Tonnes in one unit of this resource when it is counted as material mass, else None.

        Material mass is a resource of a mass category (material, nutrient,
        feed, waste) in a mass unit (``t`` or ``kg``): the one definition the
        virgin-material and diverted-from-disposal indicators and the
        network metrics' ``mass`` scope share. Energy, water and fuels are not
        material mass, whatever their unit.
        """
        if self.category not in MASS_CATEGORIES:
            return None
        return MASS_UNITS.get(self.unit)


class Actor(Frozen):
    """A company, utility, municipality, farm, social-economy enterprise or market."""

    id: Id
    name: str
    kind: ActorKind
    member: bool = False
    location: Location
    employees: Quantity | None = None
    member_since: int | None = Field(default=None, ge=1900, le=2100)
    member_until: int | None = Field(default=None, ge=1900, le=2100)
    description: str | None = None


Grade = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]


class Supply(Frozen):
    """A residual an actor has left over each year (unit of the resource per year).

    ``grade`` names its quality when receivers care (fly ash of ``cement``
    or ``road_fill`` grade; water of ``drinking``, ``process`` or ``cooling``
    quality). An actor may supply several grades of one resource, one row
    each; streams then say which grade they carry.
    """

    actor: str
    resource: str
    quantity: Quantity
    grade: Grade | None = None
    note: str | None = None


class Demand(Frozen):
    """An input an actor needs each year (unit of the resource per year).

    ``accepts`` lists the grades the actor can use (e.g. ``[cement]`` for a
    cement kiln that cannot take road-fill fly ash); left out, any grade and
    ungraded supplies are fine. It applies to everything arriving at the
    actor's balance of that resource, process inputs included.
    """

    actor: str
    resource: str
    quantity: Quantity
    accepts: tuple[Grade, ...] | None = None
    note: str | None = None


class Process(Frozen):
    """A conversion inside an actor at fixed ratios.

    Per unit of activity (``activity_unit``, e.g. one t of biomass treated),
    the process takes ``inputs[r]`` units of each input resource and gives
    ``outputs[r]`` of each output. ``capacity`` bounds the activity per year.

    ``output_grades`` names the quality grade of an output when receivers
    care (resource id -> grade), e.g. a biogas plant whose digestate is of
    ``fertiliser`` grade, or a power plant's boiler whose fly ash is of
    ``cement`` grade: ``{fly-ash: cement}``. A graded output joins the
    actor's balance of that grade (shared with a supply row of the same
    grade); streams carrying it name the grade, and only receivers that
    accept it may take it. Outputs left out are ungraded.
    """

    id: Id
    actor: str
    name: str
    activity_unit: str
    inputs: dict[str, Annotated[float, Field(gt=0)]]
    outputs: dict[str, Annotated[float, Field(gt=0)]]
    output_grades: dict[str, Grade] = Field(default_factory=dict)
    capacity: Quantity
    operating_cost: float = Field(default=0.0, description="DKK per unit of activity")
    co2e: float = Field(default=0.0, description="t CO2e per unit of activity")
    ratios: Provenance


class Stream(Frozen):
    """A supplier -> receiver exchange of one resource.

    ``replaces`` is the receiver's input it substitutes for (default: the same
    resource) and ``substitution_ratio`` how many units of it one delivered
    unit replaces. ``loss`` is the share lost on the way (heat lost in a pipe);
    ``loss_per_km`` adds a share lost per km of ``distance_km``.
    ``observed`` is the recorded flow; ``capacity`` the most it can carry.
    ``grade`` is the quality it carries: it draws on the supplier's supply
    of that grade and must be one the receiver ``accepts``.
    """

    id: Id
    supplier: str
    receiver: str
    resource: str
    grade: Grade | None = None
    replaces: str | None = None
    substitution_ratio: float = Field(default=1.0, gt=0)
    loss: float = Field(default=0.0, ge=0, lt=1)
    loss_per_km: float = Field(default=0.0, ge=0, lt=1, description="share lost per km (heat in a long pipe)")
    status: StreamStatus = "active"
    start: int | None = Field(default=None, ge=1900, le=2100)
    end: int | None = Field(default=None, ge=1900, le=2100)
    observed: Quantity | None = None
    capacity: Quantity | None = None
    mode: TransportMode = "pipe"
    distance_km: float | None = Field(default=None, ge=0)
    transport_cost: float = Field(default=0.0, ge=0, description="DKK per unit sent")
    investment: float | None = Field(default=None, ge=0, description="DKK, for candidate links")
    lifetime: int | None = Field(default=None, gt=0, le=100, description="years, for candidate links")
    fixed_cost: float = Field(default=0.0, ge=0, description="DKK per year to keep a candidate link running")
    description: str | None = None

    @property
    def target_resource(self) -> str:
        """The receiver's resource this stream feeds (``replaces`` or ``resource``)."""
        return self.replaces or self.resource

    @property
    def gain(self) -> float:
        """Units of the receiver's resource per unit sent: (1 - loss - loss_per_km x km) x ratio."""
        return (1.0 - self.total_loss) * self.substitution_ratio

    def runs_in(self, year: int) -> bool:
        """Whether ``year`` lies within the stream's ``start`` and ``end`` years (either may be open)."""
        return (self.start is None or self.start <= year) and (self.end is None or self.end >= year)

    @property
    def total_loss(self) -> float:
        """The share lost on the way: ``loss`` + ``loss_per_km`` x ``distance_km``."""
        return self.loss + self.loss_per_km * (self.distance_km or 0.0)


class SupportedEmployee(Frozen):
    """People employed on a service link under one employment scheme.

    For fleksjob and småjob, ``monthly_wage`` (DKK per month per person,
    pension included) lets the rules compute the fleksløntilskud;
    ``full_time_wage`` is the full-time wage of the position (the lønloft,
    DKK per month) and ``monthly_subsidy`` the subsidy actually paid per
    person (DKK per month), checked against the computed one.
    """

    scheme: Scheme
    persons: float = Field(ge=0)
    fte: float | None = Field(default=None, ge=0)
    hours_per_year: float | None = Field(default=None, ge=0)
    monthly_wage: float | None = Field(default=None, ge=0)
    full_time_wage: float | None = Field(default=None, gt=0)
    monthly_subsidy: float | None = Field(default=None, ge=0)
    under_18: bool = Field(default=False, description="the persons are under 18 (true/false); the "
                           "rimelighedskrav does not count them as ordinary staff")
    provenance: Provenance


class ServiceLink(Frozen):
    """A social-economy enterprise serving a client company.

    ``annual_value`` is what the client pays per year (DKK); ``price`` and
    ``market_price`` are per unit of service where known. ``contractor`` is an
    ordinary firm that holds the client's contract when the social-economy
    enterprise takes part as its partner or subcontractor (prices are then the
    contract's, and the people work at the contractor's workplace).
    """

    id: Id
    provider: str
    client: str
    service: str
    contractor: str | None = Field(default=None, description="actor id of an ordinary firm holding the client's "
                                   "contract, with the provider as its social-economy partner")
    start: int | None = Field(default=None, ge=1900, le=2100)
    end: int | None = Field(default=None, ge=1900, le=2100)
    annual_value: Quantity | None = None
    price: float | None = Field(default=None, ge=0)
    market_price: float | None = Field(default=None, ge=0)
    hours_per_year: float | None = Field(default=None, ge=0)
    supported: tuple[SupportedEmployee, ...] = Field(default_factory=tuple)
    provenance: Provenance

    @property
    def supported_persons(self) -> float:
        """Persons employed under a supporting scheme (not 'ordinary', nor of an unpublished scheme)."""
        return sum(s.persons for s in self.supported if s.scheme not in ("ordinary", "unknown"))

    @property
    def employer(self) -> str:
        """Where the people on the link work: the contractor, if any, else the provider."""
        return self.contractor or self.provider

    def runs_in(self, year: int) -> bool:
        """Whether ``year`` lies within the link's ``start`` and ``end`` years (either may be open)."""
        return (self.start is None or self.start <= year) and (self.end is None or self.end >= year)


class ServiceOffer(Frozen):
    """What a social-economy enterprise can deliver of one service per year.

    ``capacity_hours`` is the most it can deliver (h/yr), ``price`` its price
    (DKK per hour of service) and ``supported_share`` the share of those hours
    worked by people in a supporting scheme (0-1); ``scheme`` is that scheme.
    """

    provider: str
    service: str
    capacity_hours: float = Field(gt=0)
    price: float = Field(ge=0)
    supported_share: float = Field(ge=0, le=1)
    scheme: Scheme = "fleksjob"
    provenance: Provenance


class ServiceNeed(Frozen):
    """A member's yearly need for one service, in hours, and its market price (DKK/h)."""

    client: str
    service: str
    hours: float = Field(gt=0)
    market_price: float = Field(gt=0)
    provenance: Provenance


class Factor(Provenance):
    """One row of the factor table: a price, tax, emission or water factor.

    ``resource`` names the resource it applies to, ``mode`` the transport
    mode for transport factors; ``unit`` is written out (``DKK/t``).
    """

    factor: FactorKind
    value: float
    unit: str
    resource: str | None = None
    mode: TransportMode | None = None
    note: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str | None]:
        return (self.factor, self.resource, self.mode)
