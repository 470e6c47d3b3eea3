"""Scenarios: a base network, a horizon of years, events by year and uncertain parameters.

A scenario file (YAML or JSON) says which network to start from (a bundled
name or a file, relative to the scenario file), the years to simulate, what
happens in which year, and which numbers are uncertain::

    name: End of FGD gypsum for Gyproc
    network: kalundborg
    horizon: 2019-2024
    events:
      - {year: 2021, type: convert, actor: asnaes, ends: [fgd-gypsum]}
      - {year: 2022, type: change, quantity: demand, actor: novo-nordisk,
         resource: steam, growth: 0.03}
    uncertain:
      - {quantity: factor, factor: virgin_price, resource: natural-gypsum,
         distribution: triangular, low: 0.8, mode: 1.0, high: 1.3}

The network of year ``t`` is the base network with every event of a year up
to ``t`` applied in year order (and file order within a year); events are
lasting changes. Growth compounds: a quantity with ``growth: g`` from year
``y`` is ``base x (1 + g) ** (t - y)`` in year ``t``. Every change is a copy
of a frozen :class:`~symbiosis.model.Network` (``model_copy``); the year
network is validated as a whole before it is used.

Uncertain parameters draw a multiplier of the year's value (``applies:
scale``, the default) or the value itself (``applies: value``); draws that
would make a quantity negative are clipped at 0. Sample ``k`` of a run with
seed ``s`` draws from ``numpy.random.default_rng([s, k])``, so a sample is the
same whatever the executor or the batching.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from functools import cached_property
from pathlib import Path
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from symbiosis.errors import Problem, SymbiosisError
from symbiosis.model import Actor, Demand, Network, Process, Resource, ServiceLink, Source, Stream, Supply

Quantity = Literal["supply", "demand", "capacity", "factor"]
FACTORS = ("virgin_price", "disposal_cost", "virgin_co2e", "disposal_co2e", "groundwater")


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class Horizon(_Frozen):
    """The years simulated, both included."""

    start: int = Field(ge=1900, le=2100)
    end: int = Field(ge=1900, le=2100)

    @model_validator(mode="after")
    def _ordered(self) -> Horizon:
        if self.end < self.start:
            raise ValueError(f"end {self.end} is before start {self.start}")
        return self

    @property
    def years(self) -> list[int]:
        return list(range(self.start, self.end + 1))


class _Event(_Frozen):
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


class _Target(_Frozen):
    """Which number: a supply or demand (actor + resource), a stream capacity, or a factor."""

    quantity: Quantity
    actor: str | None = None
    resource: str | None = None
    stream: str | None = None
    factor: Literal["virgin_price", "disposal_cost", "virgin_co2e", "disposal_co2e", "groundwater"] | None = None

    @model_validator(mode="after")
    def _complete(self) -> _Target:
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
        return (self.quantity, self.actor, self.resource, self.stream, self.factor)

    def describe(self) -> str:
        if self.quantity in ("supply", "demand"):
            return f"{self.quantity} of '{self.resource}' at '{self.actor}'"
        if self.quantity == "capacity":
            return f"capacity of stream '{self.stream}'"
        return f"{self.factor} of '{self.resource}'"


class Change(_Target, _Event):
    """A number changes: set to ``value``, multiplied by ``scale``, or growing by ``growth`` a year."""

    type: Literal["change"]
    value: float | None = Field(default=None, description="The new value, in the unit of the quantity.")
    scale: float | None = Field(default=None, ge=0, description="A multiplier of the current value.")
    growth: float | None = Field(default=None, gt=-1, description="Yearly growth rate, compounding: 0.03 = 3 %/yr.")

    @model_validator(mode="after")
    def _one_kind(self) -> Change:
        given = [k for k in ("value", "scale", "growth") if getattr(self, k) is not None]
        if len(given) != 1:
            raise ValueError(f"give exactly one of value, scale or growth (got {', '.join(given) or 'none'})")
        return self

    def factor_in(self, year: int) -> float | None:
        """The multiplier in ``year`` (None for a ``value`` change)."""
        if self.scale is not None:
            return self.scale
        if self.growth is not None:
            return (1.0 + self.growth) ** (year - self.year)
        return None


Event = Annotated[ActorJoins | ActorLeaves | Convert | StreamStarts | StreamEnds | Change,
                  Field(discriminator="type")]
EVENT_TYPES = ("actor_joins", "actor_leaves", "convert", "stream_starts", "stream_ends", "change")


class Uncertain(_Target):
    """An uncertain number and its distribution.

    ``uniform``: low, high. ``triangular``: low, mode, high. ``normal``: mean,
    sd. ``lognormal``: median, sigma (of the log). With ``applies: scale``
    (default) the draw multiplies the year's value, so ``mean: 1, sd: 0.1`` is
    plus or minus 10 %; with ``applies: value`` the draw is the value.
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
        if d in ("uniform", "triangular") and self.high < self.low:
            raise ValueError(f"high {self.high:g} is below low {self.low:g}: the spread cannot be negative")
        if d == "triangular" and not (self.low <= self.mode <= self.high):
            raise ValueError(f"mode {self.mode:g} must lie between low {self.low:g} and high {self.high:g}")
        if d == "normal" and self.sd < 0:
            raise ValueError(f"sd {self.sd:g} is negative: a spread cannot be negative")
        if d == "lognormal" and (self.sigma < 0 or self.median <= 0):
            raise ValueError("a lognormal needs median > 0 and sigma >= 0 "
                             f"(got median {self.median:g}, sigma {self.sigma:g})")
        return self

    @property
    def label(self) -> str:
        return self.name or self.describe()

    def draw(self, rng: np.random.Generator) -> float:
        """One draw (a multiplier or a value, per ``applies``)."""
        d = self.distribution
        if d == "uniform":
            return float(rng.uniform(self.low, self.high))
        if d == "triangular":
            if self.high == self.low:
                return float(self.low)
            return float(rng.triangular(self.low, self.mode, self.high))
        if d == "normal":
            return float(rng.normal(self.mean, self.sd))
        return float(self.median * np.exp(rng.normal(0.0, self.sigma)))


class Scenario(_Frozen):
    """A base network, a horizon, events by year and uncertain parameters."""

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
        return self.horizon.years


# -- loading -----------------------------------------------------------------


class ScenarioSpec:
    """A validated scenario with its base network, ready to give the network of any year."""

    def __init__(self, scenario: Scenario, base: Network, label: str = "<scenario>",
                 lines: dict[str, int] | None = None):
        self.scenario = scenario
        self.base = base
        if scenario.sources:  # the events cite them as @key, like the network's own
            base = _copy(base, {"sources": {**base.sources, **scenario.sources}})
        self._start = base
        self.label = label
        self._lines = lines or {}
        self._networks: dict[int, Network] = {}
        self._check()

    @cached_property
    def hash(self) -> str:
        """sha256 of the scenario and its base network (canonical JSON): what a run is keyed on."""
        doc = {"scenario": self.scenario.model_dump(mode="json"), "network": self.base.model_dump(mode="json")}
        text = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        """The scenario with its base network embedded: enough to rerun it anywhere."""
        return {"scenario": self.scenario.model_dump(mode="json"), "network": self.base.model_dump(mode="json")}

    @classmethod
    def from_dict(cls, doc: dict, label: str = "<stored scenario>") -> ScenarioSpec:
        return cls(Scenario.model_validate(doc["scenario"]), Network.model_validate(doc["network"]), label)

    def _error(self, problems: list[Problem], summary: str | None = None) -> SymbiosisError:
        return SymbiosisError(problems, summary=summary).with_file(self.label, self._lines)

    def _check(self) -> None:
        """Every event names what exists when it happens, no two events of a year contradict, and
        every year's network is consistent."""
        sc = self.scenario
        problems: list[Problem] = []
        last = sc.horizon.end
        seen: dict[tuple[int, tuple], int] = {}
        for i, ev in enumerate(sc.events):
            if ev.year > last:
                problems.append(Problem(f"events[{i}].year", f"{ev.year} is after the horizon's end {last}; "
                                        "it would never happen"))
            for subject in _subjects(ev):
                key = (ev.year, subject)
                if key in seen:
                    j = seen[key]
                    problems.append(Problem(
                        f"events[{i}]", f"contradicts events[{j}] ({sc.events[j].type}) in {ev.year}: both act on "
                        f"{_subject_text(subject)}; keep one, merge them, or move one to another year"))
                else:
                    seen[key] = i
        if problems:
            raise self._error(problems, f"scenario '{sc.name}' is not consistent:")
        nets = [self.network(year) for year in sc.years]
        for i, u in enumerate(sc.uncertain):
            found = [_target_problems(u, net) for net in nets]
            if all(found):
                problems += [Problem(f"uncertain[{i}].{p.path}", p.message + f" (in {sc.horizon.start})")
                             for p in found[0]]
        if problems:
            raise self._error(problems, f"scenario '{sc.name}' is not consistent:")

    def network(self, year: int) -> Network:
        """The network of ``year``: the base with every event of a year up to ``year`` applied.

        Streams not running in ``year`` are left out and the rest marked
        active, so the result is a consistent network for that year alone.
        """
        if year not in self._networks:
            net = self._start
            order = sorted(range(len(self.scenario.events)), key=lambda i: (self.scenario.events[i].year, i))
            for i in order:
                ev = self.scenario.events[i]
                if ev.year > year:
                    break
                try:
                    net = apply_event(net, ev, year)
                except SymbiosisError as exc:
                    raise self._error([Problem(f"events[{i}].{p.path}".rstrip("."), p.message)
                                       for p in exc.problems],
                                      f"scenario '{self.scenario.name}', event {i} ({ev.type}) in {ev.year}:") from None
            self._networks[year] = _year_network(net, year, self)
        return self._networks[year]


def is_scenario_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a YAML/JSON file holding a scenario (a ``horizon`` and no ``actors``),
    not a network; unreadable files are not (the network loader then names the problem)."""
    from symbiosis.io import read_document

    path = Path(path)
    if not path.is_file() or path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return False
    try:
        data, _ = read_document(path)
    except SymbiosisError:
        return False
    return isinstance(data, dict) and "horizon" in data and "actors" not in data


def load_scenario(path: str | os.PathLike) -> ScenarioSpec:
    """Read and check a scenario file; raises :class:`SymbiosisError` naming the file, line and field."""
    from symbiosis.io import load_network, pydantic_problems, read_document

    path = Path(path)
    label = str(path)
    if not path.is_file():
        raise SymbiosisError([Problem("", "no such scenario file; give a YAML or JSON scenario "
                                      "(see examples/ and `symbiosis schema`)")], label)
    data, lines = read_document(path, label)
    if "actors" in data and "events" not in data:
        raise SymbiosisError([Problem("", "this is a network file, not a scenario; run it with "
                                      f"`symbiosis simulate --network {label}`, or write a scenario whose "
                                      f"'network' field names it")], label)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise SymbiosisError(_event_problems(pydantic_problems(exc, data), data),
                             summary="not a valid scenario:").with_file(label, lines) from None
    ref = scenario.network
    candidate = path.parent / ref
    if ref.lower().endswith((".yaml", ".yml", ".json")) or candidate.exists():
        if not candidate.is_file():
            raise SymbiosisError([Problem("network", f"no network file '{ref}' next to the scenario "
                                          f"(looked for {candidate})")], label).with_file(label, lines)
        ref = str(candidate)
        scenario = scenario.model_copy(update={"network": str(candidate.resolve())})
    base = load_network(ref)
    return ScenarioSpec(scenario, base, label, lines)


def _event_problems(problems: list[Problem], data: dict) -> list[Problem]:
    """Pydantic's union errors for events, rewritten to name the valid event types."""
    out = []
    for p in problems:
        if p.path.startswith("events[") and "does not match any of the expected tags" in p.message:
            out.append(Problem(p.path.split(".")[0] + ".type", f"unknown event type; valid: {', '.join(EVENT_TYPES)}"))
        elif p.path.startswith("events[") and "Unable to extract tag" in p.message:
            out.append(Problem(p.path.split(".")[0] + ".type", f"every event needs a type: {', '.join(EVENT_TYPES)}"))
        elif p.message.startswith("unknown field"):
            out.append(Problem(_strip_union(p.path), f"unknown field; valid fields here: {_fields_at(p.path, data)}"))
        else:
            path = p.path
            for t in EVENT_TYPES:  # drop the union member's name from the path: events[2].convert.actor
                path = path.replace(f".{t}.", ".").replace(f".{t}", "")
            if ".function-after[" in path or "function-after" in path:
                path = path.split(".function-after")[0]
            out.append(Problem(path, p.message))
    return out


def _strip_union(path: str) -> str:
    for t in EVENT_TYPES:
        path = path.replace(f".{t}.", ".").replace(f".{t}", "")
    return path


def _fields_at(path: str, data: dict) -> str:
    """The valid field names where an unknown field was found in a scenario."""
    m = re.match(r"^(events|uncertain)\[(\d+)\]\.(?:(\w+)\.)?[^.\[]+$", path)
    cls: Any = Scenario
    if m and m.group(1) == "uncertain":
        cls = Uncertain
    elif m:
        kinds = {"actor_joins": ActorJoins, "actor_leaves": ActorLeaves, "convert": Convert,
                 "stream_starts": StreamStarts, "stream_ends": StreamEnds, "change": Change}
        try:
            cls = kinds.get(data["events"][int(m.group(2))].get("type"), cls)
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    elif "." in path or "[" in path:
        return "see `symbiosis schema`"
    return ", ".join(cls.model_fields)


# -- events ------------------------------------------------------------------


def _subjects(ev) -> list[tuple]:
    if isinstance(ev, ActorJoins):
        return [("actor", ev.actor.id)] + [("stream", s.id) for s in ev.streams]
    if isinstance(ev, ActorLeaves | Convert):
        return [("actor", ev.actor)]
    if isinstance(ev, StreamStarts | StreamEnds):
        return [("stream", ev.stream if isinstance(ev.stream, str) else ev.stream.id)]
    return [ev.key]


def _subject_text(subject: tuple) -> str:
    if subject[0] in ("actor", "stream"):
        return f"{subject[0]} '{subject[1]}'"
    quantity, actor, resource, stream, factor = subject
    return _Target(quantity=quantity, actor=actor, resource=resource, stream=stream, factor=factor).describe()


def _listing(items, most: int = 12) -> str:
    items = list(items)
    more = f", ... ({len(items) - most} more)" if len(items) > most else ""
    return ", ".join(items[:most]) + more if items else "(none)"


def _target_problems(t: _Target, net: Network) -> list[Problem]:
    """Where a target names something the network does not have."""
    if t.quantity in ("supply", "demand"):
        if t.actor not in net.actor:
            return [Problem("actor", f"unknown actor '{t.actor}'; valid: {_listing(net.actor)}")]
        rows = net.supplies if t.quantity == "supply" else net.demands
        have = [r.resource for r in rows if r.actor == t.actor]
        if t.resource not in have:
            return [Problem("resource", f"'{t.actor}' has no {t.quantity} of '{t.resource}'; its "
                            f"{t.quantity} rows: {_listing(have)}")]
    elif t.quantity == "capacity":
        ids = [s.id for s in net.streams]
        if t.stream not in ids:
            return [Problem("stream", f"unknown stream '{t.stream}'; valid: {_listing(ids)}")]
    elif t.resource not in net.resource:
        return [Problem("resource", f"unknown resource '{t.resource}'; valid: {_listing(net.resource)}")]
    return []


def apply_event(net: Network, ev, year: int) -> Network:
    """``net`` with one event applied as it stands in ``year`` (a copy; ``net`` is unchanged).

    Raises :class:`SymbiosisError` (paths relative to the event) if the event
    names something the network does not have at that point.
    """
    if isinstance(ev, ActorJoins):
        if ev.actor.id in net.actor:
            raise SymbiosisError([Problem("actor.id", f"actor '{ev.actor.id}' is already in the network")])
        clash = [r.id for r in ev.resources if r.id in net.resource]
        if clash:
            raise SymbiosisError([Problem("resources", f"resources {clash} already exist; leave them out")])
        streams = [s.model_copy(update={"start": max(s.start or ev.year, ev.year), "status": "active"})
                   for s in ev.streams]
        return _copy(net, {
            "actors": [*net.actors, ev.actor], "resources": [*net.resources, *ev.resources],
            "supplies": [*net.supplies, *ev.supplies], "demands": [*net.demands, *ev.demands],
            "processes": [*net.processes, *ev.processes],
            "streams": [*net.streams, *streams], "service_links": [*net.service_links, *ev.service_links]})
    if isinstance(ev, ActorLeaves):
        _need_actor(net, ev.actor)
        return remove_actors(net, [ev.actor])
    if isinstance(ev, Convert):
        _need_actor(net, ev.actor)
        own_sup = {s.resource for s in net.supplies if s.actor == ev.actor}
        own_dem = {d.resource for d in net.demands if d.actor == ev.actor}
        bad = [Problem(f"ends[{k}]", f"'{ev.actor}' supplies no '{r}'; its supplies: {_listing(sorted(own_sup))}")
               for k, r in enumerate(ev.ends) if r not in own_sup]
        bad += [Problem(f"ends_demands[{k}]", f"'{ev.actor}' needs no '{r}'; its demands: "
                        f"{_listing(sorted(own_dem))}") for k, r in enumerate(ev.ends_demands) if r not in own_dem]
        bad += [Problem(f"{side}[{k}].actor", f"a convert event changes '{ev.actor}' only, not '{row.actor}'")
                for side in ("supplies", "demands") for k, row in enumerate(getattr(ev, side)) if row.actor != ev.actor]
        if bad:
            raise SymbiosisError(bad)
        drop_sup = set(ev.ends) | {s.resource for s in ev.supplies}
        drop_dem = set(ev.ends_demands) | {d.resource for d in ev.demands}
        streams = [s for s in net.streams if not (
            (s.supplier == ev.actor and s.resource in ev.ends)
            or (s.receiver == ev.actor and s.target_resource in ev.ends_demands))]
        return _copy(net, {
            "supplies": [s for s in net.supplies if not (s.actor == ev.actor and s.resource in drop_sup)]
            + list(ev.supplies),
            "demands": [d for d in net.demands if not (d.actor == ev.actor and d.resource in drop_dem)]
            + list(ev.demands),
            "streams": streams})
    if isinstance(ev, StreamStarts):
        if isinstance(ev.stream, Stream):
            if any(s.id == ev.stream.id for s in net.streams):
                raise SymbiosisError([Problem("stream.id", f"stream '{ev.stream.id}' already exists; "
                                              "name it by id to start a candidate")])
            new = ev.stream.model_copy(update={"status": "active", "start": ev.year, "end": None})
            return _copy(net, {"streams": [*net.streams, new]})
        ids = [s.id for s in net.streams]
        if ev.stream not in ids:
            raise SymbiosisError([Problem("stream", f"unknown stream '{ev.stream}'; valid: {_listing(ids)}, "
                                          "or write the new stream out in full")])
        return _copy(net, {"streams": [
            s.model_copy(update={"status": "active", "start": ev.year, "end": None}) if s.id == ev.stream else s
            for s in net.streams]})
    if isinstance(ev, StreamEnds):
        ids = [s.id for s in net.streams]
        if ev.stream not in ids:
            raise SymbiosisError([Problem("stream", f"unknown stream '{ev.stream}'; valid: {_listing(ids)}")])
        return _copy(net, {"streams": [s for s in net.streams if s.id != ev.stream]})
    problems = _target_problems(ev, net)
    if problems:
        raise SymbiosisError(problems)
    return change_quantity(net, ev, lambda old: ev.value if ev.value is not None else old * ev.factor_in(year))


def _copy(net: Network, update: dict) -> Network:
    """``net.model_copy(update=...)`` with list fields as tuples, like the model's own."""
    return net.model_copy(update={k: tuple(v) if isinstance(v, list) else v for k, v in update.items()})


def _need_actor(net: Network, actor: str) -> None:
    if actor not in net.actor:
        raise SymbiosisError([Problem("actor", f"unknown actor '{actor}' (in the network at this year: "
                                      f"{_listing(net.actor)})")])


def remove_actors(net: Network, actors) -> Network:
    """``net`` without ``actors`` and everything that is theirs: supplies, demands, processes,
    streams and service links to or from them."""
    gone = set(actors)
    return _copy(net, {
        "actors": [a for a in net.actors if a.id not in gone],
        "supplies": [s for s in net.supplies if s.actor not in gone],
        "demands": [d for d in net.demands if d.actor not in gone],
        "processes": [p for p in net.processes if p.actor not in gone],
        "streams": [s for s in net.streams if s.supplier not in gone and s.receiver not in gone],
        "service_links": [x for x in net.service_links if x.provider not in gone and x.client not in gone]})


def remove_streams(net: Network, streams) -> Network:
    """``net`` without the streams whose ids are in ``streams``."""
    gone = set(streams)
    return _copy(net, {"streams": [s for s in net.streams if s.id not in gone]})


def change_quantity(net: Network, target: _Target, new) -> Network:
    """``net`` with one number replaced by ``new(old)``; the target must exist."""
    if target.quantity in ("supply", "demand"):
        field = "supplies" if target.quantity == "supply" else "demands"
        def one(r):
            return r.model_copy(update={"quantity": r.quantity.model_copy(
                update={"value": max(0.0, new(r.quantity.value))})})
        rows = [one(r) if (r.actor, r.resource) == (target.actor, target.resource) else r
                for r in getattr(net, field)]
        return _copy(net, {field: rows})
    if target.quantity == "capacity":
        def cap(s: Stream) -> Stream:
            old = s.capacity.value if s.capacity else float("inf")
            value = max(0.0, new(old))
            if s.capacity is None:
                from symbiosis.model import Quantity as Q
                return s.model_copy(update={"capacity": Q(value=value, source="scenario", basis="estimated",
                                                           method="set by a scenario event")})
            observed = s.observed
            if observed is not None and observed.value > value:  # a record cannot exceed the new capacity
                observed = observed.model_copy(update={"value": value})
            return s.model_copy(update={"capacity": s.capacity.model_copy(update={"value": value}),
                                        "observed": observed})
        return _copy(net, {"streams": [cap(s) if s.id == target.stream else s for s in net.streams]})
    rows = list(net.factors)
    hit = [k for k, f in enumerate(rows) if f.factor == target.factor and f.resource == target.resource]
    if not hit:
        raise SymbiosisError([Problem("factor", f"the factor table has no {target.factor} for "
                                      f"'{target.resource}' to change")])
    k = hit[0]
    rows[k] = rows[k].model_copy(update={"value": new(rows[k].value)})
    return _copy(net, {"factors": rows})


def _year_network(net: Network, year: int, spec: ScenarioSpec) -> Network:
    """The consistent network of one year: running streams only, all active, validated."""
    streams = [s.model_copy(update={"status": "active"}) for s in net.streams
               if s.status != "candidate" and (s.start is None or s.start <= year) and (s.end is None or s.end >= year)]
    streams += [s for s in net.streams if s.status == "candidate"]
    try:
        return net.replace(year=year, streams=tuple(streams))
    except SymbiosisError as exc:
        raise spec._error(exc.problems, f"scenario '{spec.scenario.name}': the network of {year}, after the "
                          "events up to then, is not consistent:") from None
    except ValidationError as exc:
        raise spec._error([Problem("", str(exc))], f"scenario '{spec.scenario.name}': the network of {year} "
                          "is not valid:") from None


def scenario_schema() -> dict:
    """The JSON Schema of a scenario file, for editors."""
    schema = Scenario.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "symbiosis scenario"
    return schema
