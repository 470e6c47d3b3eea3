"""The scenario file as models: horizon, events, uncertain numbers (see :mod:`symbiosis.scenario`).

Why so long: the numpydoc sections of its models' fields and methods (about 150 lines); the code is
under 300.
"""

from __future__ import annotations

import math
from typing import Annotated, Any, Literal, cast

import numpy as np
from pydantic import Field, field_validator, model_validator

from symbiosis.model import (
    Actor,
    Agreement,
    CatalogueEntry,
    Demand,
    Enterprise,
    Factor,
    Label,
    MemberJob,
    Process,
    Resource,
    ServiceLink,
    ServiceNeed,
    ServiceOffer,
    Source,
    Stream,
    Supply,
    Workplace,
)
from symbiosis.model.base import LARGEST, Frozen

__all__ = ["EVENT_TYPES", "ActorJoins", "ActorLeaves", "Change", "Convert", "Event", "Horizon", "Scenario",
           "SocialEconomy", "StreamEnds", "StreamStarts", "Target", "Uncertain", "scenario_schema"]

Quantity = Literal["supply", "demand", "capacity", "factor"]
FACTORS = ("virgin_price", "disposal_cost", "virgin_co2e", "disposal_co2e", "groundwater")


class Horizon(Frozen):
    """The years simulated, both included.

    Parameters
    ----------
    start : int
        The first year.
    end : int
        The last year.
    """

    start: int = Field(ge=1900, le=2100)
    end: int = Field(ge=1900, le=2100)

    @model_validator(mode="after")
    def _ordered(self) -> Horizon:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def years(self) -> list[int]:
        """The years from ``start`` to ``end``, both included."""
        return list(range(self.start, self.end + 1))


class _Event(Frozen):
    year: int = Field(ge=1900, le=2100, description="The first year the event holds; it lasts from then on.")
    note: str | None = Field(default=None, description="Why: a source or a planner's remark.")


class ActorJoins(_Event):
    """A new actor with its residuals, needs and exchanges."""

    type: Literal["actor_joins"]
    actor: Actor
    resources: list[Resource] = Field(default_factory=list, description="New resources it brings.")
    supplies: list[Supply] = Field(default_factory=list)
    demands: list[Demand] = Field(default_factory=list)
    processes: list[Process] = Field(default_factory=list)
    streams: list[Stream] = Field(default_factory=list, description="Its new streams; they start in the event year.")
    service_links: list[ServiceLink] = Field(default_factory=list)
    factors: list[Factor] = Field(default_factory=list, description="Factor rows it brings: the routes of its "
                                  "residuals (a disposal_cost row naming where each goes) and prices of its new "
                                  "resources; a row replaces one of the same factor, resource, mode and actor.")


class ActorLeaves(_Event):
    """An actor closes or leaves: its supplies, demands, processes, streams and service links go with it."""

    type: Literal["actor_leaves"]
    actor: str


class Convert(_Event):
    """A plant converts (Asnæs from coal to wood chips): some residuals end, others start.

    ``ends`` lists resources the actor no longer supplies (their streams end
    too); ``supplies`` and ``demands`` are new or replaced rows for the actor.
    """

    type: Literal["convert"]
    actor: str
    ends: list[str] = Field(default_factory=list, description="Resources the actor stops supplying.")
    ends_demands: list[str] = Field(default_factory=list, description="Resources the actor stops needing.")
    supplies: list[Supply] = Field(default_factory=list, description="New or replaced supplies (same actor).")
    demands: list[Demand] = Field(default_factory=list, description="New or replaced demands (same actor).")


class StreamStarts(_Event):
    """A stream starts: a candidate of the network by id, or a new stream written out."""

    type: Literal["stream_starts"]
    stream: str | Stream


class StreamEnds(_Event):
    """A stream stops running (it is left out from this year on)."""

    type: Literal["stream_ends"]
    stream: str


class SocialEconomy(_Event):
    """The social economy changes: members' own agreements, jobs inside members, catalogue and
    enterprise rows, labels, workplaces, service links, offers and needs join the network.

    A row replaces one of the same key (an agreement's id; an enterprise's actor; a catalogue entry's
    or an offer's provider and service; a need's client and service; a workplace's actor and
    P-number), so an event can complete a published row with a planning estimate. Agreements,
    jobs and service links without a start year start in the event's year.
    """

    type: Literal["social_economy"]
    agreements: list[Agreement] = Field(default_factory=list)
    member_jobs: list[MemberJob] = Field(default_factory=list)
    enterprises: list[Enterprise] = Field(default_factory=list)
    catalogue: list[CatalogueEntry] = Field(default_factory=list)
    labels: list[Label] = Field(default_factory=list)
    workplaces: list[Workplace] = Field(default_factory=list)
    service_links: list[ServiceLink] = Field(default_factory=list)
    service_offers: list[ServiceOffer] = Field(default_factory=list)
    service_needs: list[ServiceNeed] = Field(default_factory=list)


class Target(Frozen):
    """Which number: a supply or demand (actor + resource), a stream capacity, or a factor.

    Parameters
    ----------
    quantity : {'supply', 'demand', 'capacity', 'factor'}
        Which kind of number.
    actor : str, optional
        The actor's id (a supply or demand).
    resource : str, optional
        The resource's id (a supply, demand or factor).
    stream : str, optional
        The stream's id (a capacity).
    factor : str, optional
        The factor (virgin_price, disposal_cost, virgin_co2e, disposal_co2e or groundwater).
    """

    quantity: Quantity
    actor: str | None = None
    resource: str | None = None
    stream: str | None = None
    factor: Literal["virgin_price", "disposal_cost", "virgin_co2e", "disposal_co2e", "groundwater"] | None = None

    @model_validator(mode="after")
    def _complete(self) -> Target:
        need = {"supply": ("actor", "resource"), "demand": ("actor", "resource"), "capacity": ("stream",),
                "factor": ("factor", "resource")}[self.quantity]
        missing = [f for f in need if getattr(self, f) is None]
        if missing:
            raise ValueError(f"a '{self.quantity}' target needs {' and '.join(need)}; missing {', '.join(missing)}")
        extra = [f for f in ("actor", "resource", "stream", "factor") if f not in need and getattr(self, f)]
        if extra:
            raise ValueError(f"a '{self.quantity}' target takes {' and '.join(need)}, not {', '.join(extra)}")
        return self

    @property
    def key(self) -> tuple:
        """(quantity, actor, resource, stream, factor): which number it is."""
        return (self.quantity, self.actor, self.resource, self.stream, self.factor)

    def describe(self) -> str:
        """The number in words (``supply of 'steam' at 'orsted'``).

        Returns
        -------
        str
            The description.
        """
        if self.quantity in ("supply", "demand"):
            return f"{self.quantity} of '{self.resource}' at '{self.actor}'"
        if self.quantity == "capacity":
            return f"capacity of stream '{self.stream}'"
        return f"{self.factor} of '{self.resource}'"


class Change(Target, _Event):
    """A number changes: set to ``value``, multiplied by ``scale``, or growing by ``growth`` a year.

    Parameters
    ----------
    quantity : {'supply', 'demand', 'capacity', 'factor'}
        Which kind of number.
    actor : str, optional
        The actor's id (a supply or demand).
    resource : str, optional
        The resource's id (a supply, demand or factor).
    stream : str, optional
        The stream's id (a capacity).
    factor : str, optional
        The factor (virgin_price, disposal_cost, virgin_co2e, disposal_co2e or groundwater).
    type : {'change'}
        The event's type.
    """

    type: Literal["change"]
    value: float | None = Field(default=None, description="The new value, in the unit of the quantity.")
    scale: float | None = Field(default=None, ge=0, description="A multiplier of the current value.")
    growth: float | None = Field(default=None, gt=-1, description="Yearly growth rate, compounding: 0.03 = 3 %/yr.")

    @model_validator(mode="after")
    def _one_kind(self) -> Change:
        given = [k for k in ("value", "scale", "growth") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of value, scale or growth (got {', '.join(given) or 'none'})")
        if self.value is not None and self.value < 0 and self.quantity != "factor":
            raise ValueError(f"value {self.value:g} is negative; a {self.quantity} is 0 or more")
        return self

    def factor_in(self, year: int) -> float | None:
        """The multiplier in ``year`` (None for a ``value`` change).

        Parameters
        ----------
        year : int
            The calendar year.

        Returns
        -------
        float or None
            The multiplier then, None for a ``value`` change.
        """
        if self.scale is not None:
            return self.scale
        if self.growth is not None:
            return (1.0 + self.growth) ** (year - self.year)
        return None


Event = Annotated[ActorJoins | ActorLeaves | Convert | StreamStarts | StreamEnds | Change | SocialEconomy,
                  Field(discriminator="type")]
EVENT_TYPES = ("actor_joins", "actor_leaves", "convert", "stream_starts", "stream_ends", "change", "social_economy")


class Uncertain(Target):
    """An uncertain number and its distribution.

    ``uniform``: low, high. ``triangular``: low, mode, high. ``normal``: mean,
    sd. ``lognormal``: median, sigma (of the log). With ``applies: scale``
    (default) the draw multiplies the year's value, so ``mean: 1, sd: 0.1`` is
    plus or minus 10 %; with ``applies: value`` the draw is the value.

    Parameters
    ----------
    quantity : {'supply', 'demand', 'capacity', 'factor'}
        Which kind of number.
    actor : str, optional
        The actor's id (a supply or demand).
    resource : str, optional
        The resource's id (a supply, demand or factor).
    stream : str, optional
        The stream's id (a capacity).
    factor : str, optional
        The factor (virgin_price, disposal_cost, virgin_co2e, disposal_co2e or groundwater).
    name : str, optional
        Its name in the results.
    distribution : {'uniform', 'triangular', 'normal', 'lognormal'}
        The distribution.
    applies : {'scale', 'value'}
        Whether a draw multiplies the year's value or is the value.
    low, high : float, optional
        The ends of a uniform or triangular distribution.
    mode : float, optional
        A triangular distribution's mode.
    mean, sd : float, optional
        A normal distribution's mean and standard deviation.
    median, sigma : float, optional
        A lognormal distribution's median and the standard deviation of its log.
    """

    name: str | None = None
    distribution: Literal["uniform", "triangular", "normal", "lognormal"]
    applies: Literal["scale", "value"] = "scale"
    low: float | None = None
    high: float | None = None
    mode: float | None = None
    mean: float | None = None
    sd: float | None = None
    median: float | None = None
    sigma: float | None = None

    @model_validator(mode="after")
    def _parameters(self) -> Uncertain:
        need = {"uniform": ("low", "high"), "triangular": ("low", "mode", "high"), "normal": ("mean", "sd"),
                "lognormal": ("median", "sigma")}[self.distribution]
        missing = [p for p in need if getattr(self, p) is None]
        if missing:
            raise ValueError(f"a {self.distribution} distribution needs {', '.join(need)}; "
                             f"missing {', '.join(missing)}")
        extra = [p for p in ("low", "high", "mode", "mean", "sd", "median", "sigma")
                 if p not in need and getattr(self, p) is not None]
        if extra:
            raise ValueError(f"a {self.distribution} distribution takes {', '.join(need)}, not {', '.join(extra)}")
        d = self.distribution
        # the parameters the distribution takes are given (nothing is missing); it reads no other
        low, high, mode, mean, sd, median, sigma = (cast(float, getattr(self, p)) for p in (
            "low", "high", "mode", "mean", "sd", "median", "sigma"))
        if d in ("uniform", "triangular") and high < low:
            raise ValueError(f"high {high:g} is below low {low:g}: the spread cannot be negative")
        if d == "triangular" and not (low <= mode <= high):
            raise ValueError(f"mode {mode:g} must lie between low {low:g} and high {high:g}")
        if d == "normal" and sd < 0:
            raise ValueError(f"sd {sd:g} is negative: a spread cannot be negative")
        if d == "lognormal" and (sigma < 0 or median <= 0):
            raise ValueError("a lognormal needs median > 0 and sigma >= 0 "
                             f"(got median {median:g}, sigma {sigma:g})")
        # six spreads out (one draw in a billion) must still be a real number, or samples overflow
        far = abs(mean) + 6 * sd if d == "normal" else (
            math.log(median) + 6 * sigma if d == "lognormal" else None)
        if far is not None and far > (math.log(LARGEST) if d == "lognormal" else LARGEST):
            what = f"sd {sd:g}" if d == "normal" else f"sigma {sigma:g} (of the log)"
            raise ValueError(f"{what} is so wide that draws would exceed any real number (at most {LARGEST:g}); "
                             "narrow it")
        return self

    @property
    def label(self) -> str:
        """Its ``name``, else its target in words."""
        return self.name or self.describe()

    def draw(self, rng: np.random.Generator) -> float:
        """One draw (a multiplier or a value, per ``applies``).

        Parameters
        ----------
        rng : numpy.random.Generator
            The random number generator.

        Returns
        -------
        float
            The draw.
        """
        d = self.distribution
        if d == "uniform":
            assert self.low is not None and self.high is not None  # for the type checker: checked on loading
            return float(rng.uniform(self.low, self.high))
        if d == "triangular":
            assert self.low is not None and self.mode is not None and self.high is not None
            if self.high == self.low:
                return float(self.low)
            return float(rng.triangular(self.low, self.mode, self.high))
        if d == "normal":
            assert self.mean is not None and self.sd is not None
            return float(rng.normal(self.mean, self.sd))
        assert self.median is not None and self.sigma is not None
        return float(self.median * np.exp(rng.normal(0.0, self.sigma)))


class Scenario(Frozen):
    """A base network, a horizon, events by year and uncertain parameters.

    Parameters
    ----------
    name : str
        Its name.
    description : str, optional
        A description in words.
    network : str
        The base network: a bundled name or a file, relative to the scenario file.
    horizon : Horizon
        The years simulated.
    objective : str
        What each year's answer minimises: ``cost``, ``co2e`` or ``weighted``.
    events : list of events
        What happens, by year.
    uncertain : list of Uncertain
        The uncertain numbers and their distributions.
    """

    name: str = Field(min_length=1)
    description: str | None = None
    network: str = Field(min_length=1, description="A bundled network name or a YAML/JSON file "
                         "(relative to the scenario file).")
    horizon: Horizon
    objective: Literal["cost", "co2e", "weighted"] = "cost"
    answer: Literal["optimised", "observed"] = Field(
        default="optimised", description="Optimise the running streams each year, or keep their observed flows.")
    events: list[Event] = Field(default_factory=list)
    uncertain: list[Uncertain] = Field(default_factory=list)
    sources: dict[str, Source] = Field(default_factory=dict, description="Citations for the events' numbers, "
                                       "cited as '@key' like the network's own sources.")

    @field_validator("events", "uncertain", "sources", mode="before")
    @classmethod
    def _empty(cls, v: Any, info) -> Any:
        return ({} if info.field_name == "sources" else []) if v is None else v

    @field_validator("horizon", mode="before")
    @classmethod
    def _horizon_text(cls, v: Any) -> Any:
        if isinstance(v, int):
            return {"start": v, "end": v}
        if isinstance(v, str):
            start, sep, end = v.partition("-")
            try:
                return {"start": int(start), "end": int(end) if sep else int(start)}
            except ValueError:
                raise ValueError(f"'{v}' is not a horizon; write 2025-2040 or {{start: 2025, end: 2040}}") from None
        return v

    @property
    def years(self) -> list[int]:
        """The years of the horizon, both ends included."""
        return self.horizon.years



def scenario_schema() -> dict:
    """The JSON Schema of a scenario file, for editors.

    Returns
    -------
    dict
        The JSON Schema.
    """
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "symbiosis scenario"
    return schema
