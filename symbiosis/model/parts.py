"""The parts of a network: resources, actors, supplies, demands, processes, streams,
service links, service offers and needs, and factor rows.

Why so long: one class per part, each with the docstring a file's author reads (the numbers
attached to parts live in :mod:`symbiosis.model.values`).

Units: every quantity is per year in the unit of its resource (``t``, ``m3``,
``MWh``...), money is DKK, emissions are t CO2e.
"""

from __future__ import annotations

from typing import Annotated, Literal, get_args

from pydantic import Field, model_validator

from symbiosis.model.base import (
    ID_PATTERN,
    LEVEL_HELP,
    MEETS_HELP,
    REQUIRES_HELP,
    WEEKS_HELP,
    ActorKind,
    Category,
    FactorKind,
    Frozen,
    Id,
    LedighedsydelseLevel,
    Location,
    Provenance,
    Quantity,
    Scheme,
    StreamStatus,
    TransportMode,
    numbers_with_provenance,
)
from symbiosis.model.economics import Amount, Leak, ProcessEconomics, StreamEconomics
from symbiosis.model.units import MASS_UNITS
from symbiosis.model.values import Payment, PrimaryEnergy

__all__ = ["Actor", "Amount", "Contract", "Demand", "Factor", "Grade", "JointCapacity", "Leak", "MASS_CATEGORIES",
           "NUTRIENTS", "Process", "ProcessEconomics", "Resource", "STREAM_NUMBERS", "ServiceLink", "ServiceNeed",
           "ServiceOffer", "Stream", "Supply", "SupportedEmployee"]

#: Categories whose resources count as material mass, and the mass units with their tonnes per unit.
MASS_CATEGORIES = frozenset({"material", "nutrient", "feed", "waste"})


NUTRIENTS = ("N", "P", "K", "S")


class Resource(Frozen):
    """Something that flows: steam, surface water, gypsum... in one unit.

    ``carrier`` marks a fuel (natural gas, oil, coal, wood chips) or an energy carrier (steam, heat,
    electricity): what its virgin purchases the symbiosis avoids is reported in its own unit
    (``fuel_saved:<id>``, ``energy_saved:<id>``), and with ``primary_energy`` (MWh of primary
    energy per unit, sourced) as primary energy saved by carrier (``primary_energy_saved:<id>``, MWh).

    For material mass (see :attr:`tonnes_per_unit`), ``material`` names the
    material group it is reported under (``gypsum``, ``biomass``, ``ash``...;
    default: the resource itself) and ``mass_basis`` whether its tonnes are
    ``wet`` (as delivered) or ``dry`` matter; tonnes are only ever added within
    one (material, basis). ``nutrients`` holds the plant nutrients one unit
    carries, in t of the element (``{N: 0.12, S: 0.26}`` for ATS): nutrients
    are indicators of their own (t N, t P...), never added to product tonnes.

    Parameters
    ----------
    id : str
        Its id.
    name : str
        Its name.
    unit : str
        Its unit (``t``, ``MWh``, ``m3``...).
    category : str
        energy, water, material, nutrient, fuel, feed or waste.
    description : str, optional
        A description in words.
    material : str, optional
        The material group it is reported under.
    mass_basis : {'wet', 'dry'}, optional
        Whether its tonnes are wet or dry.
    nutrients : dict of str to float
        Plant nutrients per unit, t of the element (N, P, K, S).
    primary_energy : PrimaryEnergy, optional
        MWh of primary energy per unit, sourced.
    """

    id: Id
    name: str
    name_da: str | None = Field(default=None, description="the name in Danish, shown in Danish outputs where given")
    unit: str = Field(min_length=1)
    category: Category
    description: str | None = None
    material: str | None = None
    mass_basis: Literal["wet", "dry"] | None = None
    nutrients: dict[Literal["N", "P", "K", "S"], Annotated[float, Field(ge=0)]] = Field(default_factory=dict)
    carrier: Literal["fuel", "energy"] | None = Field(default=None, description="fuel or energy: its virgin "
                                                      "purchases avoided are an indicator in its own unit")
    primary_energy: PrimaryEnergy | None = None

    @property
    def material_group(self) -> str:
        """The material this resource is reported under (``material`` or its own id)."""
        return self.material or self.id

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
    """A company, utility, municipality, farm, social-economy enterprise or market.

    ``relays`` names the resources the actor passes on (an intermediary: a steam main, a shared pipeline, a
    trader): streams of a relayed resource arrive at it and leave it, what arrives (after each arriving
    stream's ``loss``) equals what leaves, and its charges are the ``transport_cost`` of the streams
    leaving it. :func:`symbiosis.accounting.relays.relay_pairs` reports the flows per end-to-end pair.

    Parameters
    ----------
    id : str
        Its id, unique in the network.
    name : str
        Its name.
    kind : str
        industry, utility, municipality, social_enterprise, agriculture, external or nature.
    member : bool
        Whether it is a member of the symbiosis.
    location : Location
        Where it is (WGS84).
    employees : Quantity, optional
        Its employees, persons.
    member_since : int, optional
        The year it joined.
    member_until : int, optional
        The last year it was a member.
    description : str, optional
        A description in words.
    """

    id: Id
    name: str
    name_da: str | None = Field(default=None, description="the name in Danish, shown in Danish outputs where given")
    kind: ActorKind
    member: bool = False
    location: Location
    employees: Quantity | None = None
    member_since: int | None = Field(default=None, ge=1900, le=2100)
    member_until: int | None = Field(default=None, ge=1900, le=2100)
    role: str | None = Field(default=None, description="what the actor gives or takes in the symbiosis; "
                             "'unknown' where no source names a stream")
    relays: tuple[str, ...] = Field(default_factory=tuple, description="resources the actor passes on without "
                                    "using them (a steam main, a shared pipeline, a trader): streams of them "
                                    "arrive and leave, and balance")
    description: str | None = None


Grade = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]


class Supply(Frozen):
    """A residual an actor has left over each year (unit of the resource per year).

    ``grade`` names its quality when receivers care (fly ash of ``cement``
    or ``road_fill`` grade; water of ``drinking``, ``process`` or ``cooling``
    quality). An actor may supply several grades of one resource, one row
    each; streams then say which grade they carry.

    Parameters
    ----------
    actor : str
        The actor's id.
    resource : str
        The resource's id.
    quantity : Quantity
        Units of the resource left over per year.
    grade : str, optional
        The quality grade (see above).
    note : str, optional
        A note in words.
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

    Parameters
    ----------
    actor : str
        The actor's id.
    resource : str
        The resource's id.
    quantity : Quantity
        Units of the resource per year.
    accepts : tuple of str, optional
        The grades the actor can use (left out: any).
    note : str, optional
        A note in words.
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

    Parameters
    ----------
    id : str
        Its id, unique in the network (lower case, digits, ``_.-``).
    actor : str
        The actor that runs it.
    name : str
        Its name.
    activity_unit : str
        The unit of its activity (t of steam...).
    inputs : dict of str to float
        Per input resource, units per unit of activity.
    outputs : dict of str to float
        Per output resource, units per unit of activity.
    output_grades : dict of str to str
        Per output resource, the grade it comes out as.
    capacity : Quantity
        The most activity per year.
    ratios : Provenance
        Where the input and output ratios come from.
    economics : ProcessEconomics, optional
        Its running cost, leaks and investment.
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
    gains_from: str | None = Field(default=None, description="where outputs of the inputs' own dimension come "
                                   "from beyond the inputs (a heat pump's ambient heat, a fuel's energy)")
    ratios: Provenance
    ratio_ranges: dict[str, tuple[float, float]] = Field(
        default_factory=dict, description="a stated plausible range of an input or output ratio (resource -> "
        "[low, high], per unit of activity), where its sources bound it; the sensitivity varies it there")
    economics: ProcessEconomics | None = None

    @model_validator(mode="after")
    def _ranges_of_ratios(self) -> Process:
        for r, (low, high) in self.ratio_ranges.items():
            if r not in self.inputs and r not in self.outputs:
                raise ValueError(f"ratio_ranges names '{r}', which is neither an input nor an output of the "
                                 f"process; valid: {', '.join([*self.inputs, *self.outputs])}")
            if not 0 < low <= high:
                raise ValueError(f"ratio_ranges.{r} [{low:g}, {high:g}] is not a range; give [low, high] with "
                                 "0 < low <= high")
        return self

    @property
    def unit_cost(self) -> float:
        """DKK per unit of activity: ``operating_cost`` plus the economics block's sourced operating cost."""
        extra = self.economics.operating_cost if self.economics else None
        return self.operating_cost + (extra.value if extra else 0.0)

    @property
    def unit_co2e(self) -> float:
        """t CO2e per unit of activity: ``co2e`` plus the economics block's leak."""
        leak = self.economics.leak if self.economics else None
        return self.co2e + (leak.value if leak else 0.0)


class JointCapacity(Frozen):
    """One capacity that several processes share: a CHP unit's heat and steam sides, a fuel supply.

    ``processes`` maps each sharing process to how much of the capacity one
    unit of its activity uses (in ``unit``, e.g. 0.75 MWh of the unit's heat
    output per t of steam); together they use at most ``capacity`` per year.

    Parameters
    ----------
    id : str
        Its id, unique in the network (lower case, digits, ``_.-``).
    name : str
        Its name.
    unit : str
        The capacity's unit.
    processes : dict of str to float
        Per sharing process, the capacity one unit of its activity uses, in ``unit``.
    capacity : Quantity
        The capacity, ``unit`` per year.
    """

    id: Id
    name: str
    unit: str
    processes: dict[str, Annotated[float, Field(gt=0)]]
    capacity: Quantity


class Contract(Frozen):
    """What binds a running stream until ``until`` (the contract's last year).

    ``fixed``: the stream carries its recorded flow (or ``minimum``) and no
    other; ``take_or_pay``: at least ``minimum`` (default: the recorded flow),
    more if it pays. Investments behind a contract are sunk: they are never
    counted again.

    Parameters
    ----------
    kind : {'fixed', 'take_or_pay'}
        What binds the stream (above).
    until : int
        The contract's last year.
    minimum : Quantity, optional
        The least the stream carries, units/yr.
    provenance : Provenance
        Where the row's numbers come from.
    """

    kind: Literal["fixed", "take_or_pay"]
    until: int = Field(ge=1900, le=2100)
    minimum: Quantity | None = None
    provenance: Provenance


#: A stream's plain numbers that may carry their own provenance (``distance_km: {value: 3, source: ...}``).
#: A number of a stream that carries its own provenance.
StreamNumber = Literal["distance_km", "loss", "loss_per_km", "substitution_ratio"]
STREAM_NUMBERS: tuple[StreamNumber, ...] = get_args(StreamNumber)


class Stream(Frozen):
    """A supplier -> receiver exchange of one resource.

    ``replaces`` is the receiver's input it substitutes for (default: the same
    resource) and ``substitution_ratio`` how many units of it one delivered
    unit replaces. ``loss`` is the share lost on the way (heat lost in a pipe);
    ``loss_per_km`` adds a share lost per km of ``distance_km``.
    ``observed`` is the recorded flow; ``capacity`` the most it can carry.
    ``grade`` is the quality it carries: it draws on the supplier's supply
    of that grade and must be one the receiver ``accepts``.

    Parameters
    ----------
    id : str
        Its id.
    supplier : str
        The supplier's actor id.
    receiver : str
        The receiver's actor id.
    resource : str
        The resource sent.
    grade : str, optional
        The quality grade (see above).
    replaces : str, optional
        The receiver's input it substitutes for (default: the same resource).
    substitution_ratio : float
        Units replaced per unit delivered.
    loss : float
        Share lost on the way, 0 to below 1.
    status : str
        active, historic or candidate.
    start : int, optional
        The first year it runs (open: always has).
    end : int, optional
        The last year it runs (open: still does).
    observed : Quantity, optional
        The recorded flow, units/yr.
    capacity : Quantity, optional
        The most it carries, units/yr.
    mode : str
        Transport mode (pipe, truck, ship, cable, on-site).
    distance_km : float, optional
        Distance, km.
    contract : Contract, optional
        What binds it.
    payment : Payment, optional
        What one side pays the other for it.
    description : str, optional
        A description in words.
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
    contract: Contract | None = None
    baseline: bool = Field(default=False, description="the exchange exists without the symbiosis too (a public "
                           "sewer, the grid): the counterfactual keeps it open, 0 to its capacity")
    payment: Payment | None = None
    economics: StreamEconomics | None = Field(default=None, description="what building the running stream cost")
    provenance: dict[StreamNumber, Provenance] = Field(
        default_factory=dict, description="where a plain number comes from (distance_km, loss...); in a file, "
        "write the number as {value: 3, source: ..., basis: ...} and it lands here")
    description: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _numbers_with_provenance(cls, data):
        """``distance_km: {value: 3, source: ..., basis: ...}`` -> ``distance_km: 3`` and its provenance."""
        return numbers_with_provenance(data, STREAM_NUMBERS)

    def __hash__(self) -> int:
        """Hashable like every frozen part (a set of streams), its ``provenance`` mapping as sorted pairs."""
        return hash(tuple(tuple(sorted(v.items())) if k == "provenance" else v for k, v in self.__dict__.items()))

    def contracted(self, year: int) -> Contract | None:
        """The stream's contract if it binds in ``year``, else None.

        Parameters
        ----------
        year : int
            The calendar year.

        Returns
        -------
        Contract or None
            The binding contract, None if none binds then.
        """
        return self.contract if self.contract is not None and year <= self.contract.until else None

    @property
    def target_resource(self) -> str:
        """The receiver's resource this stream feeds (``replaces`` or ``resource``)."""
        return self.replaces or self.resource

    @property
    def gain(self) -> float:
        """Units of the receiver's resource per unit sent: (1 - loss - loss_per_km x km) x ratio."""
        return (1.0 - self.total_loss) * self.substitution_ratio

    def runs_in(self, year: int) -> bool:
        """Whether ``year`` lies within the stream's ``start`` and ``end`` years (either may be open).

        Parameters
        ----------
        year : int
            The calendar year.

        Returns
        -------
        bool
            Whether the stream runs then.
        """
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

    Parameters
    ----------
    scheme : str
        The employment scheme (fleksjob, småjob, ressourceforløb, virksomhedspraktik, løntilskud,
        nytteindsats, ordinary or unknown).
    persons : float
        People employed, persons.
    fte : float, optional
        Their full-time equivalents, FTE.
    hours_per_year : float, optional
        Hours worked per year, all persons.
    monthly_wage : float, optional
        Wage per person, DKK per month, pension included.
    full_time_wage : float, optional
        The position's full-time wage (lønloft), DKK per month.
    monthly_subsidy : float, optional
        The subsidy paid per person, DKK per month.
    provenance : Provenance
        Where the row's numbers come from.
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
    ledighedsydelse_level: LedighedsydelseLevel | None = Field(default=None, description=LEVEL_HELP)
    benefit_weeks: float | None = Field(default=None, ge=0, description=WEEKS_HELP)
    provenance: Provenance


class ServiceLink(Frozen):
    """A social-economy enterprise serving a client company.

    ``annual_value`` is what the client pays per year (DKK); ``price`` and
    ``market_price`` are per unit of service where known. ``contractor`` is an
    ordinary firm that holds the client's contract when the social-economy
    enterprise takes part as its partner or subcontractor (prices are then the
    contract's, and the people work at the contractor's workplace).

    Parameters
    ----------
    id : str
        Its id.
    provider : str
        The social-economy enterprise's actor id.
    client : str
        The client's actor id.
    service : str
        The service, in words (the same words on both sides).
    start : int, optional
        The first year it runs (open: always has).
    end : int, optional
        The last year it runs (open: still does).
    annual_value : Quantity, optional
        What the client pays per year, DKK.
    price : float, optional
        Price per unit of service, DKK.
    market_price : float, optional
        Market price per unit of service, DKK.
    hours_per_year : float, optional
        Hours worked per year, all persons.
    supported : tuple of SupportedEmployee
        The people employed on it, per scheme.
    provenance : Provenance
        Where the row's numbers come from.
    """

    id: Id
    provider: str
    client: str
    service: str
    service_da: str | None = Field(default=None, description="the service in Danish, shown in Danish outputs")
    contractor: str | None = Field(default=None, description="actor id of an ordinary firm holding the client's "
                                   "contract, with the provider as its social-economy partner")
    start: int | None = Field(default=None, ge=1900, le=2100)
    end: int | None = Field(default=None, ge=1900, le=2100)
    annual_value: Quantity | None = None
    price: float | None = Field(default=None, ge=0)
    market_price: float | None = Field(default=None, ge=0)
    hours_per_year: float | None = Field(default=None, ge=0)
    award: Literal["direct", "tender"] | None = Field(
        default=None, description="how a public buyer awarded the contract: direct (no udbud) or tender (udbud); "
        "empty: not recorded")
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
        """Whether ``year`` lies within the link's ``start`` and ``end`` years (either may be open).

        Parameters
        ----------
        year : int
            The calendar year.

        Returns
        -------
        bool
            Whether the link runs then.
        """
        return (self.start is None or self.start <= year) and (self.end is None or self.end >= year)


class ServiceOffer(Frozen):
    """What a social-economy enterprise can deliver of one service per year.

    ``capacity_hours`` is the most it can deliver (h/yr), ``price`` its price
    (DKK per hour of service) and ``supported_share`` the share of those hours
    worked by people in a supporting scheme (0-1); ``scheme`` is that scheme.

    Parameters
    ----------
    provider : str
        The social-economy enterprise's actor id.
    service : str
        The service, in words (the same words on both sides).
    capacity_hours : float
        The most it can deliver, h/yr.
    price : float
        Its price, DKK per hour.
    supported_share : float
        Share of the hours worked in a supporting scheme, 0-1.
    scheme : str
        The employment scheme (fleksjob, småjob, ressourceforløb, virksomhedspraktik, løntilskud,
        nytteindsats, ordinary or unknown).
    provenance : Provenance
        Where the row's numbers come from.
    """

    provider: str
    service: str
    capacity_hours: float = Field(gt=0)
    price: float = Field(ge=0)
    supported_share: float = Field(ge=0, le=1)
    scheme: Scheme = "fleksjob"
    meets: tuple[str, ...] = Field(default=(), description=MEETS_HELP)
    provenance: Provenance


class ServiceNeed(Frozen):
    """A member's yearly need for one service, in hours, and its market price (DKK/h).

    Parameters
    ----------
    client : str
        The client's actor id.
    service : str
        The service, in words (the same words on both sides).
    hours : float
        Hours of the service per year.
    market_price : float
        The market price, DKK/h.
    provenance : Provenance
        Where the row's numbers come from.
    """

    client: str
    service: str
    hours: float = Field(gt=0)
    market_price: float = Field(gt=0)
    requires: tuple[str, ...] = Field(default=(), description=REQUIRES_HELP)
    provenance: Provenance


class Factor(Provenance):
    """One row of the factor table: a price, tax, emission or water factor.

    ``resource`` names the resource it applies to, ``mode`` the transport
    mode for transport factors, ``actor`` the one actor it applies to where a
    route exists there only (the utility that may discharge treated effluent);
    ``unit`` is written out (``DKK/t``).

    Parameters
    ----------
    factor : str
        What kind of factor (virgin_price, disposal_cost, virgin_co2e...).
    value : float
        The factor, in ``unit``.
    unit : str
        Its unit, written out (``DKK/t``).
    resource : str, optional
        The resource it applies to.
    mode : str, optional
        The transport mode, for transport factors.
    haul_mode : str
        The mode of the haul to the route or from the virgin supplier.
    note : str, optional
        A note in words.
    """

    factor: FactorKind
    value: float
    unit: str
    resource: str | None = None
    mode: TransportMode | None = None
    actor: str | None = Field(default=None, description="the one actor a virgin or disposal row applies to "
                              "(a route that is legal or physical there only); default every actor")
    route: str | None = Field(default=None, description="for a disposal_cost row: the route the residual "
                              "really takes without the symbiosis (incineration with energy recovery, "
                              "treatment at the utility, sale to the grid...); for a virgin_price row: "
                              "where the virgin supply comes from")
    haul_km: float | None = Field(default=None, ge=0, description="km hauled to the disposal site or from the "
                                  "virgin supplier, counted with the haul_mode's transport factors")
    haul_mode: TransportMode = "truck"
    fate: Literal["disposal", "use", "fertiliser", "not-made"] | None = Field(
        default=None, description="for a disposal_cost row: what the route does with the residual: disposes of "
        "it (landfill, incineration, treatment), uses it (sold), spreads it as fertiliser (its nutrients reach "
        "the fields without the symbiosis too), or the product is not made at all; default: a route that "
        "earns (value below 0) is a use, else a disposal")
    note: str | None = None

    @property
    def key(self) -> tuple[str, str | None, str | None, str | None]:
        """The row's place in the table: (factor, resource, mode, actor)."""
        return (self.factor, self.resource, self.mode, self.actor)
