"""The whole network: every part, validated as a whole, with look-ups by id.

Values are frozen: a change is a copy (``network.model_copy(update=...)``, or
:meth:`Network.replace`, which validates the copy again).
"""

from __future__ import annotations

from functools import cached_property
from typing import overload

from pydantic import Field, ValidationInfo, model_validator

from symbiosis.errors import FileError
from symbiosis.model.base import Frozen, Id, Source
from symbiosis.model.money import CURRENCY_PATTERN, use_currency
from symbiosis.model.parts import (
    Actor,
    Demand,
    Factor,
    JointCapacity,
    Process,
    Resource,
    ServiceLink,
    ServiceNeed,
    ServiceOffer,
    Stream,
    Supply,
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
from symbiosis.model.units import normalise_quantities
from symbiosis.model.validation import check_network

__all__ = ["Network"]

_LOOKUPS = ("resource", "actor", "factor")  # cached_property look-ups of Network


class Network(Frozen):
    """A whole symbiosis for one reference year, validated as a whole.

    Parameters
    ----------
    id : str
        Its id.
    name : str
        Its name.
    year : int
        Its reference year.
    description : str, optional
        A description in words.
    sources : dict of str to Source
        The bibliography, by key.
    resources : tuple of Resource
        What flows.
    actors : tuple of Actor
        Who takes part.
    supplies : tuple of Supply
        Residuals left over per year.
    demands : tuple of Demand
        Inputs needed per year.
    processes : tuple of Process
        Conversions inside an actor.
    streams : tuple of Stream
        Exchanges between actors.
    service_links : tuple of ServiceLink
        Social-economy enterprises serving clients.
    service_offers : tuple of ServiceOffer
        What enterprises can deliver.
    service_needs : tuple of ServiceNeed
        What members need.
    capacities : tuple of JointCapacity
        Capacities several processes share.
    factors : tuple of Factor
        The factor table.
    totals : tuple of Total
        Stated totals the numbers must add up to.
    frameworks : tuple of FrameworkAgreement
        Framework agreements.
    agreements : tuple of Agreement
        The members' own agreements.
    member_jobs : tuple of MemberJob
        Supported jobs inside members.
    enterprises : tuple of Enterprise
        Social-economy enterprises in the catalogue.
    catalogue : tuple of CatalogueEntry
        The product catalogue.
    labels : tuple of Label
        CSR prizes and labels.
    public_buyers : tuple of PublicBuyer
        Members that buy under procurement rules.
    workplaces : tuple of Workplace
        What § 65 counts at each production unit.
    """

    id: Id
    name: str
    year: int = Field(ge=1900, le=2100)
    description: str | None = None
    currency: str = Field(default="DKK", pattern=CURRENCY_PATTERN,
                          description="ISO 4217 code of every money figure of the network (DKK, EUR, SEK...)")
    price_year: int | None = Field(default=None, ge=1900, le=2100,
                                   description="the year whose prices every money figure is in (default: its "
                                   "factor table's)")
    sources: dict[str, Source] = Field(default_factory=dict)
    packs: tuple[str, ...] = Field(default_factory=tuple,
                                   description="the jurisdiction packs it switches on (symbiosis.packs), e.g. denmark")
    resources: tuple[Resource, ...]
    actors: tuple[Actor, ...]
    supplies: tuple[Supply, ...] = Field(default_factory=tuple)
    demands: tuple[Demand, ...] = Field(default_factory=tuple)
    processes: tuple[Process, ...] = Field(default_factory=tuple)
    streams: tuple[Stream, ...] = Field(default_factory=tuple)
    service_links: tuple[ServiceLink, ...] = Field(default_factory=tuple)
    service_offers: tuple[ServiceOffer, ...] = Field(default_factory=tuple)
    service_needs: tuple[ServiceNeed, ...] = Field(default_factory=tuple)
    capacities: tuple[JointCapacity, ...] = Field(default_factory=tuple)
    factors: tuple[Factor, ...] = Field(default_factory=tuple)
    totals: tuple[Total, ...] = Field(default_factory=tuple)  # estimate groups (symbiosis.model.totals)
    # the social economy (symbiosis.model.social)
    frameworks: tuple[FrameworkAgreement, ...] = Field(default_factory=tuple)
    agreements: tuple[Agreement, ...] = Field(default_factory=tuple)
    member_jobs: tuple[MemberJob, ...] = Field(default_factory=tuple)
    enterprises: tuple[Enterprise, ...] = Field(default_factory=tuple)
    catalogue: tuple[CatalogueEntry, ...] = Field(default_factory=tuple)
    labels: tuple[Label, ...] = Field(default_factory=tuple)
    public_buyers: tuple[PublicBuyer, ...] = Field(default_factory=tuple)
    workplaces: tuple[Workplace, ...] = Field(default_factory=tuple)

    @model_validator(mode="before")
    @classmethod
    def _units(cls, data, info: ValidationInfo):
        """Quantities in their resource's unit; skipped where the caller has just done it (``context``
        ``{"normalised": True}``: :func:`symbiosis.io.network_from_dict`, which reports the problems with
        their paths)."""
        if info.context and info.context.get("normalised"):
            return data
        data, problems = normalise_quantities(data)
        if problems:
            raise FileError(problems, summary="quantities in units that do not fit their resource:")
        return data

    @model_validator(mode="after")
    def _consistent(self) -> Network:
        problems = check_network(self)
        if problems:
            raise FileError(problems, summary=f"network '{self.id}' is not consistent:")
        use_currency(self.currency)  # what the labels of the outputs of the network just made say
        return self

    # -- look-ups -------------------------------------------------------
    def model_copy(self, *, update=None, deep: bool = False) -> Network:
        """A copy with ``update`` applied; cached look-ups are rebuilt from the copy's own fields.

        Parameters
        ----------
        update : dict, optional
            Fields to replace, not validated.
        deep : bool
            Whether to copy deeply.

        Returns
        -------
        Network
            The copy.
        """
        copy = super().model_copy(update=update, deep=deep)
        for name in _LOOKUPS:
            copy.__dict__.pop(name, None)
        return copy

    def replace(self, **changes) -> Network:
        """A copy with whole fields replaced, validated again as a whole.

        Unlike ``model_copy(update=...)``, which trusts its input, this checks
        the result like a freshly loaded network::

            later = net.replace(year=2025, streams=net.streams + (new_stream,))

        Parameters
        ----------
        **changes : object
            Whole fields to replace, by name.

        Returns
        -------
        Network
            The copy, validated.
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
    def factor(self) -> dict[tuple[str, str | None, str | None, str | None], Factor]:
        """Factor rows by (factor, resource, mode, actor)."""
        return {f.key: f for f in self.factors}

    def factor_row(self, factor: str, resource: str | None = None, mode: str | None = None,
                   actor: str | None = None) -> Factor | None:
        """The row of one factor: the one for ``actor`` if the table has it, else the one for every actor.

        Parameters
        ----------
        factor : str
            The kind of factor (``virgin_price``...).
        resource : str, optional
            The resource it applies to.
        mode : str, optional
            The transport mode.
        actor : str, optional
            The actor whose own row is wanted.

        Returns
        -------
        Factor or None
            The row, None if the table has none.
        """
        if actor is not None:
            row = self.factor.get((factor, resource, mode, actor))
            if row is not None:
                return row
        return self.factor.get((factor, resource, mode, None))

    @overload
    def factor_value(self, factor: str, resource: str | None = None, mode: str | None = None, *,
                     default: float, actor: str | None = None) -> float: ...

    @overload
    def factor_value(self, factor: str, resource: str | None = None, mode: str | None = None,
                     default: None = None, actor: str | None = None) -> float | None: ...

    def factor_value(self, factor: str, resource: str | None = None, mode: str | None = None,
                     default: float | None = None, actor: str | None = None) -> float | None:
        """The value of one factor (for ``actor`` where it has its own row), or ``default`` if none.

        Parameters
        ----------
        factor : str
            The kind of factor (``virgin_price``...).
        resource : str, optional
            The resource it applies to.
        mode : str, optional
            The transport mode.
        default : float, optional
            The value where the table has no row.
        actor : str, optional
            The actor whose own row is wanted.

        Returns
        -------
        float or None
            The value, in the row's unit.
        """
        row = self.factor_row(factor, resource, mode, actor)
        return default if row is None else row.value

    def streams_in_year(self, year: int | None = None) -> list[Stream]:
        """Streams running in ``year`` (default: the network's year), candidates excluded: the one answer
        every view counts by (simulate, score, validate, the page's summary, history and year slider).

        A stream without a recorded start counts from the network's year on, the first year it is known
        to run (so the history does not draw an exchange of unknown age back to 1961).

        Parameters
        ----------
        year : int, optional
            The calendar year (default: the network's).

        Returns
        -------
        list of Stream
            The running streams, in file order.
        """
        year = self.year if year is None else year
        return [s for s in self.streams if s.status != "candidate" and s.runs_in(year)
                and (s.start is not None or year >= self.year)]

    @property
    def members(self) -> list[Actor]:
        """The actors that are members of the symbiosis, in file order.

        Returns
        -------
        list of Actor
            The members.
        """
        return [a for a in self.actors if a.member]

    def to_networkx(self):
        """A ``networkx.MultiDiGraph``: actors as nodes, streams and service links as edges.

        Node attributes are the actor's fields (plus ``lat``/``lon``); edge keys
        are stream or service-link ids, with ``edge_type`` ``stream`` or
        ``service`` and all fields as attributes.

        Returns
        -------
        networkx.MultiDiGraph
            The graph.
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

