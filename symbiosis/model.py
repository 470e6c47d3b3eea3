"""The network model: resources, actors, supplies, demands, processes,
streams, service links and the factor table, validated as a whole.

Values are frozen: every model is immutable, and a change is a copy
(``network.model_copy(update=...)`` or the helpers on :class:`Network`), so a
network can be shared between scenarios, years and worker processes without
anyone changing it under another's feet.

Units: every quantity is per year in the unit of its resource (``t``, ``m3``,
``MWh``...), money is DKK, emissions are t CO2e.
"""

from __future__ import annotations

from functools import cached_property
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from symbiosis.errors import Problem, SymbiosisError

Basis = Literal["published", "estimated"]
ActorKind = Literal[
    "industry", "utility", "municipality", "social_enterprise", "agriculture", "external", "nature"
]
Category = Literal["energy", "water", "material", "nutrient", "fuel", "feed", "waste"]
StreamStatus = Literal["active", "historic", "candidate"]
TransportMode = Literal["pipe", "truck", "ship", "cable", "on-site"]
Scheme = Literal["fleksjob", "småjob", "ressourceforløb", "virksomhedspraktik", "løntilskud", "ordinary"]
FactorKind = Literal[
    "virgin_price",  # DKK per unit bought from the market (incl. taxes)
    "disposal_cost",  # DKK per unit disposed of (incl. taxes); negative = sold off
    "virgin_co2e",  # t CO2e per unit of virgin supply
    "disposal_co2e",  # t CO2e per unit disposed of
    "groundwater",  # m3 groundwater drawn per unit of virgin supply
    "carbon_value",  # DKK per t CO2e, for the weighted objective
    "transport_cost",  # DKK per (unit x km), by mode
    "transport_co2e",  # t CO2e per (unit x km), by mode
    # social factors (bundled in data/factors-social-dk.yaml, see symbiosis.social)
    "fte_hours",  # h per full-time-equivalent year
    "benefit_kontanthjaelp",  # DKK per person-year of kontanthjælp
    "benefit_ledighedsydelse",  # DKK per person-year of ledighedsydelse
    "flexjob_max_subsidy",  # DKK per month, the maximum fleksløntilskud
    "flexjob_threshold",  # DKK per month of wage incl. pension where the reduction rate changes
    "flexjob_reduction_low",  # share of the wage below the threshold deducted from the subsidy
    "flexjob_reduction_high",  # share of the wage above the threshold deducted from the subsidy
    "loentilskud_subsidy",  # DKK per FTE-year paid to an employer for a person in løntilskud
    "sroi_deadweight",  # share of the outcome that would have happened anyway
    "sroi_attribution",  # share of the outcome due to others
    "sroi_displacement",  # share of the outcome that displaced other outcomes
    "sroi_drop_off",  # share of the outcome lost each year after the first
    "sroi_years",  # years the outcome lasts
    "sroi_investment",  # DKK put in for one year of activity besides the public subsidies
    "discount_rate",  # real discount rate per year
    "service_travel_cost",  # DKK per (hour of service x km between provider and client)
]

ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Provenance(_Frozen):
    """Where a number comes from.

    ``source`` is a key of the network's ``sources`` or a citation; an
    ``estimated`` number also says how it was estimated in ``method``.
    """

    source: str = Field(min_length=2)
    basis: Basis
    method: str | None = None
    year: int | None = Field(default=None, ge=1900, le=2100)

    @model_validator(mode="after")
    def _estimate_says_how(self) -> Provenance:
        if self.basis == "estimated" and not (self.method and self.method.strip()):
            raise ValueError("an estimated number must say how it was estimated in 'method'")
        return self


class Quantity(Provenance):
    """A non-negative amount per year with its provenance, in the unit of its resource.

    In a file, a quantity may be written in another unit of the same dimension
    (``{value: 3.5, unit: Mm3}`` or ``value: "3.5 Mm3/yr"``); the network
    converts it to the resource's unit when it is loaded (see
    :mod:`symbiosis.units`).
    """

    value: float = Field(ge=0)
    unit: str | None = None

    @field_validator("value")
    @classmethod
    def _finite(cls, v: float) -> float:
        if v != v or v in (float("inf"), float("-inf")):
            raise ValueError("must be a finite number")
        return v


class Location(Provenance):
    """A site, in WGS84 degrees."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Source(_Frozen):
    """An entry of the network's bibliography."""

    title: str
    url: str | None = None
    publisher: str | None = None
    year: int | None = None


class Resource(_Frozen):
    """Something that flows: steam, surface water, gypsum... in one unit."""

    id: Id
    name: str
    unit: str = Field(min_length=1)
    category: Category
    description: str | None = None


class Actor(_Frozen):
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


class Supply(_Frozen):
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


class Demand(_Frozen):
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


class Process(_Frozen):
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


class Stream(_Frozen):
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

    @property
    def total_loss(self) -> float:
        """The share lost on the way: ``loss`` + ``loss_per_km`` x ``distance_km``."""
        return self.loss + self.loss_per_km * (self.distance_km or 0.0)


class SupportedEmployee(_Frozen):
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
    provenance: Provenance


class ServiceLink(_Frozen):
    """A social-economy enterprise serving a client company.

    ``annual_value`` is what the client pays per year (DKK); ``price`` and
    ``market_price`` are per unit of service where known.
    """

    id: Id
    provider: str
    client: str
    service: str
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
        """Persons employed under a supporting scheme (not 'ordinary')."""
        return sum(s.persons for s in self.supported if s.scheme != "ordinary")


class ServiceOffer(_Frozen):
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


class ServiceNeed(_Frozen):
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


_LOOKUPS = ("resource", "actor", "factor")  # cached_property look-ups of Network
_PER_RESOURCE = {"virgin_price", "disposal_cost", "virgin_co2e", "disposal_co2e", "groundwater"}
_PER_MODE = {"transport_cost", "transport_co2e"}
_FACTOR_NUMERATOR = {
    "virgin_price": "DKK",
    "disposal_cost": "DKK",
    "virgin_co2e": "t CO2e",
    "disposal_co2e": "t CO2e",
    "groundwater": "m3",
}


class Network(_Frozen):
    """A whole symbiosis for one reference year, validated as a whole."""

    id: Id
    name: str
    year: int = Field(ge=1900, le=2100)
    description: str | None = None
    sources: dict[str, Source] = Field(default_factory=dict)
    resources: tuple[Resource, ...]
    actors: tuple[Actor, ...]
    supplies: tuple[Supply, ...] = Field(default_factory=tuple)
    demands: tuple[Demand, ...] = Field(default_factory=tuple)
    processes: tuple[Process, ...] = Field(default_factory=tuple)
    streams: tuple[Stream, ...] = Field(default_factory=tuple)
    service_links: tuple[ServiceLink, ...] = Field(default_factory=tuple)
    service_offers: tuple[ServiceOffer, ...] = Field(default_factory=tuple)
    service_needs: tuple[ServiceNeed, ...] = Field(default_factory=tuple)
    factors: tuple[Factor, ...] = Field(default_factory=tuple)

    @model_validator(mode="before")
    @classmethod
    def _units(cls, data):
        from symbiosis.units import normalise_quantities

        data, problems = normalise_quantities(data)
        if problems:
            raise SymbiosisError(problems, summary="quantities in units that do not fit their resource:")
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Network:
        problems = check_network(self)
        if problems:
            raise SymbiosisError(problems, summary=f"network '{self.id}' is not consistent:")
        return self

    # -- look-ups -------------------------------------------------------
    def model_copy(self, *, update=None, deep: bool = False) -> Network:
        """A copy with ``update`` applied; cached look-ups are rebuilt from the copy's own fields."""
        copy = super().model_copy(update=update, deep=deep)
        for name in _LOOKUPS:
            copy.__dict__.pop(name, None)
        return copy

    def replace(self, **changes) -> Network:
        """A copy with whole fields replaced, validated again as a whole.

        Unlike ``model_copy(update=...)``, which trusts its input, this checks
        the result like a freshly loaded network::

            later = net.replace(year=2025, streams=net.streams + (new_stream,))
        """
        data = {name: getattr(self, name) for name in type(self).model_fields}
        data.update(changes)
        copy = type(self).model_validate(data)
        if self.origin:
            copy.__dict__["_origin"] = self.origin
        return copy

    @property
    def origin(self) -> tuple[str, dict[str, int]] | None:
        """The file label and line map this network was read from (set by :mod:`symbiosis.io`), if any."""
        return self.__dict__.get("_origin")

    @cached_property
    def resource(self) -> dict[str, Resource]:
        """Resources by id."""
        return {r.id: r for r in self.resources}

    @cached_property
    def actor(self) -> dict[str, Actor]:
        """Actors by id."""
        return {a.id: a for a in self.actors}

    @cached_property
    def factor(self) -> dict[tuple[str, str | None, str | None], Factor]:
        """Factor rows by (factor, resource, mode)."""
        return {f.key: f for f in self.factors}

    def factor_value(self, factor: str, resource: str | None = None, mode: str | None = None,
                     default: float | None = None) -> float | None:
        """The value of one factor, or ``default`` if the table has none."""
        row = self.factor.get((factor, resource, mode))
        return default if row is None else row.value

    def streams_in_year(self, year: int | None = None) -> list[Stream]:
        """Streams running in ``year`` (default: the network's year), candidates excluded."""
        year = self.year if year is None else year
        return [s for s in self.streams if s.status != "candidate" and _runs_in(s, year)]

    @property
    def members(self) -> list[Actor]:
        return [a for a in self.actors if a.member]

    def to_networkx(self):
        """A ``networkx.MultiDiGraph``: actors as nodes, streams and service links as edges.

        Node attributes are the actor's fields (plus ``lat``/``lon``); edge keys
        are stream or service-link ids, with ``edge_type`` ``stream`` or
        ``service`` and all fields as attributes.
        """
        import networkx as nx

        g = nx.MultiDiGraph(id=self.id, name=self.name, year=self.year)
        for a in self.actors:
            attrs = a.model_dump(exclude={"id"})
            g.add_node(a.id, **attrs, lat=a.location.lat, lon=a.location.lon)
        for s in self.streams:
            attrs = s.model_dump(exclude={"id", "supplier", "receiver"})
            attrs["unit"] = self.resource[s.resource].unit
            g.add_edge(s.supplier, s.receiver, key=s.id, edge_type="stream", **attrs)
        for link in self.service_links:
            attrs = link.model_dump(exclude={"id", "provider", "client"})
            g.add_edge(link.provider, link.client, key=link.id, edge_type="service", **attrs)
        return g


def _runs_in(stream: Stream, year: int) -> bool:
    return (stream.start is None or stream.start <= year) and (stream.end is None or stream.end >= year)


def check_network(net: Network) -> list[Problem]:
    """Every cross-reference, unit and year problem of a network, in file order."""
    problems: list[Problem] = []
    add = lambda path, msg: problems.append(Problem(path, msg))  # noqa: E731

    for field in ("resources", "actors", "processes", "streams", "service_links"):
        seen: dict[str, int] = {}
        for i, item in enumerate(getattr(net, field)):
            if item.id in seen:
                add(f"{field}[{i}].id", f"duplicate id '{item.id}' (first used at {field}[{seen[item.id]}])")
            else:
                seen[item.id] = i

    resources = {r.id: r for r in net.resources}
    actors = {a.id: a for a in net.actors}

    def need(path: str, value: str | None, table: dict, what: str) -> bool:
        if value in table:
            return True
        add(path, f"unknown {what} '{value}'; valid: {_listing(table)}")
        return False

    def check_unit(path: str, q: Quantity | None, resource: str) -> None:
        if q is not None and resource in resources and q.unit is not None and q.unit != resources[resource].unit:
            add(f"{path}.unit", f"'{q.unit}' does not match the unit of resource '{resource}': "
                f"write the value in {resources[resource].unit}")

    def check_source(path: str, p: Provenance | None) -> None:
        if p is not None and p.source.startswith("@") and p.source[1:] not in net.sources:
            add(f"{path}.source", f"unknown source key '{p.source}'; valid: {_listing(net.sources, '@')}")

    for i, a in enumerate(net.actors):
        check_source(f"actors[{i}].location", a.location)
        check_source(f"actors[{i}].employees", a.employees)
        if a.member_since and a.member_until and a.member_until < a.member_since:
            add(f"actors[{i}].member_until", f"{a.member_until} is before member_since {a.member_since}")

    supplied: set[tuple[str, str]] = set()
    needed: set[tuple[str, str]] = set()
    grades: dict[tuple[str, str], set[str | None]] = {}  # grades supplied per (actor, resource); None: ungraded
    accepts: dict[tuple[str, str], tuple[int, tuple[str, ...]]] = {}  # demand row and its accepted grades
    for field, rows, into in (("supplies", net.supplies, supplied), ("demands", net.demands, needed)):
        seen_pairs: dict[tuple, int] = {}
        for i, row in enumerate(rows):
            ok = need(f"{field}[{i}].actor", row.actor, actors, "actor")
            ok &= need(f"{field}[{i}].resource", row.resource, resources, "resource")
            check_unit(f"{field}[{i}].quantity", row.quantity, row.resource)
            check_source(f"{field}[{i}].quantity", row.quantity)
            grade = getattr(row, "grade", None)
            pair = (row.actor, row.resource, grade)
            if pair in seen_pairs:
                of = f" of grade '{grade}'" if grade else ""
                add(f"{field}[{i}]", f"'{row.actor}' already has a {field[:-1] if field == 'demands' else 'supply'} "
                    f"of '{row.resource}'{of} at {field}[{seen_pairs[pair]}]; merge the two")
            seen_pairs[pair] = i
            if field == "supplies":
                grades.setdefault(pair[:2], set()).add(grade)
            elif row.accepts is not None:
                if not row.accepts:
                    add(f"demands[{i}].accepts", "lists no grade; leave it out to accept any grade")
                accepts[pair[:2]] = (i, row.accepts)
            if ok:
                into.add(pair[:2])

    for i, p in enumerate(net.processes):
        need(f"processes[{i}].actor", p.actor, actors, "actor")
        for side in ("inputs", "outputs"):
            for r in getattr(p, side):
                if need(f"processes[{i}].{side}.{r}", r, resources, "resource"):
                    (needed if side == "inputs" else supplied).add((p.actor, r))
                    if side == "outputs":  # an output is of its output_grades grade, or ungraded
                        grades.setdefault((p.actor, r), set()).add(p.output_grades.get(r))
        for r, grade in p.output_grades.items():
            if r not in p.outputs:
                add(f"processes[{i}].output_grades.{r}", f"'{r}' is not an output of process '{p.id}'; "
                    f"valid: {_listing(p.outputs)}")
                continue
            # a graded output is a balance of its own: it would silently not feed the actor's own needs
            user = next((f"processes[{j}] ('{q.id}') takes it as an input" for j, q in enumerate(net.processes)
                         if q.actor == p.actor and r in q.inputs), None)
            user = user or next((f"it has a demand of it at demands[{j}]" for j, d in enumerate(net.demands)
                                 if d.actor == p.actor and d.resource == r), None)
            if user:
                add(f"processes[{i}].output_grades.{r}", f"'{p.actor}' uses '{r}' itself ({user}), but an "
                    f"output of grade '{grade}' is a balance of its own and would not feed that; "
                    "leave this output ungraded")
        if not p.outputs:
            add(f"processes[{i}].outputs", "a process needs at least one output")
        check_source(f"processes[{i}].ratios", p.ratios)

    for i, s in enumerate(net.streams):
        path = f"streams[{i}]"
        ok = need(f"{path}.supplier", s.supplier, actors, "actor")
        ok &= need(f"{path}.receiver", s.receiver, actors, "actor")
        ok &= need(f"{path}.resource", s.resource, resources, "resource")
        if s.replaces is not None:
            ok &= need(f"{path}.replaces", s.replaces, resources, "resource")
        if s.supplier == s.receiver:
            add(f"{path}.receiver", "a stream must go to another actor than its supplier")
        for q in ("observed", "capacity"):
            check_unit(f"{path}.{q}", getattr(s, q), s.resource)
            check_source(f"{path}.{q}", getattr(s, q))
        if ok and (s.supplier, s.resource) not in supplied:
            add(f"{path}.resource", f"'{s.supplier}' has no supply (or process output) of '{s.resource}'; "
                f"add it under supplies or change the supplier")
        if ok and (s.receiver, s.target_resource) not in needed:
            via = f" (the stream replaces '{s.replaces}')" if s.replaces else ""
            add(f"{path}.receiver", f"'{s.receiver}' has no demand (or process input) of "
                f"'{s.target_resource}'{via}; add it under demands or set 'replaces'")
        if ok:
            _check_grade(s, path, grades.get((s.supplier, s.resource), set()),
                         accepts.get((s.receiver, s.target_resource)), add)
        if s.start is not None and s.end is not None and s.end < s.start:
            add(f"{path}.end", f"{s.end} is before start {s.start}")
        if s.loss_per_km and s.distance_km is None:
            add(f"{path}.distance_km", "loss_per_km needs the stream's distance_km")
        if s.total_loss >= 1:
            add(f"{path}.loss_per_km", f"loss {s.loss:g} + {s.loss_per_km:g}/km x {s.distance_km:g} km loses "
                "everything on the way; lower the loss or the distance")
        if s.status == "active" and not _runs_in(s, net.year):
            add(f"{path}.status", f"'active' but its years ({s.start}-{s.end or ''}) do not include the "
                f"network year {net.year}; mark it 'historic' or fix the years")
        if s.status == "historic" and (s.end is None or s.end >= net.year):
            add(f"{path}.end", f"a historic stream needs an end year before the network year {net.year}")
        if s.observed and s.capacity and s.observed.value > s.capacity.value * (1 + 1e-9):
            add(f"{path}.observed", f"observed {s.observed.value:g} exceeds capacity {s.capacity.value:g}")

    for i, link in enumerate(net.service_links):
        path = f"service_links[{i}]"
        provider = actors.get(link.provider)
        if need(f"{path}.provider", link.provider, actors, "actor") and provider.kind != "social_enterprise":
            add(f"{path}.provider", f"'{link.provider}' is a {provider.kind}, "
                "not a social_enterprise; a service link starts at a social-economy enterprise")
        need(f"{path}.client", link.client, actors, "actor")
        if link.start is not None and link.end is not None and link.end < link.start:
            add(f"{path}.end", f"{link.end} is before start {link.start}")
        check_source(f"{path}.provenance", link.provenance)

    for field, rows, who in (("service_offers", net.service_offers, "provider"),
                             ("service_needs", net.service_needs, "client")):
        pairs: dict[tuple[str, str], int] = {}
        for i, row in enumerate(rows):
            actor = getattr(row, who)
            if need(f"{field}[{i}].{who}", actor, actors, "actor") and who == "provider" \
                    and actors[actor].kind != "social_enterprise":
                add(f"{field}[{i}].provider",
                    f"'{actor}' is of kind '{actors[actor].kind}', not a social_enterprise")
            check_source(f"{field}[{i}].provenance", row.provenance)
            if (actor, row.service) in pairs:
                first = pairs[(actor, row.service)]
                add(f"{field}[{i}]", f"'{actor}' already has '{row.service}' at {field}[{first}]; merge the two")
            pairs[(actor, row.service)] = i

    seen_factors: dict[tuple, int] = {}
    for i, f in enumerate(net.factors):
        path = f"factors[{i}]"
        check_source(path, f)
        if f.factor in _PER_RESOURCE:
            if f.resource is None:
                add(f"{path}.resource", f"factor '{f.factor}' applies to a resource; name it")
            elif need(f"{path}.resource", f.resource, resources, "resource"):
                expected = f"{_FACTOR_NUMERATOR[f.factor]}/{resources[f.resource].unit}"
                if f.unit.replace(" ", "") != expected.replace(" ", ""):
                    add(f"{path}.unit", f"'{f.unit}' does not fit resource '{f.resource}'; expected '{expected}'")
        if f.factor in _PER_MODE and f.mode is None:
            add(f"{path}.mode", f"factor '{f.factor}' applies to a transport mode; name it")
        if f.factor not in ("disposal_cost",) and f.value < 0:
            add(f"{path}.value", f"{f.value:g} is negative; only a disposal_cost may be (a residual sold off)")
        if f.key in seen_factors:
            add(path, f"a second row for {f.key[0]} of '{f.resource or f.mode or 'all'}' "
                f"(first at factors[{seen_factors[f.key]}]); keep one")
        seen_factors[f.key] = i

    for r in net.resources:
        price = net.factor_value("virgin_price", r.id) if not problems else None
        disposal = net.factor_value("disposal_cost", r.id) if not problems else None
        if price is not None and disposal is not None and -disposal > price:
            i = next(i for i, f in enumerate(net.factors) if f.key == ("disposal_cost", r.id, None))
            add(f"factors[{i}].value", f"selling '{r.id}' off ({-disposal:g} DKK) pays more than buying it "
                f"virgin ({price:g} DKK): that is free money; check the two factors")
    return problems


def _check_grade(s: Stream, path: str, supplied: set[str | None], accepts: tuple[int, tuple[str, ...]] | None,
                 add) -> None:
    """A stream's grade must be one its supplier supplies and one its receiver accepts."""
    named = sorted(g for g in supplied if g is not None)
    if s.grade is not None and supplied and s.grade not in supplied:
        add(f"{path}.grade", f"'{s.supplier}' supplies no '{s.grade}' grade of '{s.resource}'; valid: "
            f"{', '.join(named) or '(none: leave grade out)'}")
    elif s.grade is None and named and None not in supplied:
        add(f"{path}.grade", f"'{s.supplier}' supplies '{s.resource}' only in grades {', '.join(named)}; "
            "name the one this stream carries")
    if accepts is not None and s.grade not in accepts[1]:
        carried = f"carries grade '{s.grade}'" if s.grade else "carries no grade"
        add(f"{path}.grade", f"{carried} but '{s.receiver}' accepts only grades {', '.join(accepts[1])} of "
            f"'{s.target_resource}' (demands[{accepts[0]}].accepts); route another grade or widen accepts")


def _listing(table: dict, prefix: str = "", most: int = 12) -> str:
    keys = [prefix + k for k in table]
    more = f", ... ({len(keys) - most} more)" if len(keys) > most else ""
    return ", ".join(keys[:most]) + more if keys else "(none defined)"
