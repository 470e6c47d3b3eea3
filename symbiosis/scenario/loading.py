"""Loading and checking a scenario file: :class:`ScenarioSpec` gives the network of any year."""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Mapping
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from symbiosis.errors import FileError, Mistake, SymbiosisError, bad_field, bad_parameter
from symbiosis.io import load_network, pydantic_problems, read_document
from symbiosis.model import Network
from symbiosis.scenario.events import apply_event, copy_network, subject_text, subjects, target_problems
from symbiosis.scenario.spec import (
    EVENT_TYPES,
    ActorJoins,
    ActorLeaves,
    Change,
    Convert,
    Scenario,
    SocialEconomy,
    StreamEnds,
    StreamStarts,
    Uncertain,
)

__all__ = ["ScenarioSpec", "is_scenario_file", "load_scenario", "network_in_year"]

# -- loading -----------------------------------------------------------------


class ScenarioSpec:
    """A validated scenario with its base network, ready to give the network of any year.

    Parameters
    ----------
    scenario : Scenario
        The scenario, validated.
    base : Network
        Its base network.
    label : str
        How messages name it (its file).
    lines : mapping of str to int, optional
        Field path to line in the file.
    """

    def __init__(self, scenario: Scenario, base: Network, label: str = "<scenario>",
                 lines: Mapping[str, int] | None = None):
        self.scenario = scenario
        self.base = base
        if scenario.sources:  # the events cite them as @key, like the network's own
            base = copy_network(base, {"sources": {**base.sources, **scenario.sources}})
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
        """The scenario with its base network embedded: enough to rerun it anywhere.

        Returns
        -------
        dict
            ``{"scenario": ..., "network": ...}``, JSON-ready.
        """
        return {"scenario": self.scenario.model_dump(mode="json"), "network": self.base.model_dump(mode="json")}

    @classmethod
    def from_dict(cls, doc: dict, label: str = "<stored scenario>") -> ScenarioSpec:
        """The scenario :meth:`to_dict` wrote.

        Parameters
        ----------
        doc : dict
            ``{"scenario": ..., "network": ...}``.
        label : str
            How messages name it.

        Returns
        -------
        ScenarioSpec
            The scenario with its base network.
        """
        return cls(Scenario.model_validate(doc["scenario"]), Network.model_validate(doc["network"]), label)

    def _error(self, problems: list[Mistake], summary: str | None = None) -> SymbiosisError:
        return FileError(problems, summary=summary).with_file(self.label, self._lines)

    def _check(self) -> None:
        """Every event names what exists when it happens, no two events of a year contradict, and
        every year's network is consistent."""
        sc = self.scenario
        problems: list[Mistake] = []
        last = sc.horizon.end
        seen: dict[tuple[int, tuple], int] = {}
        for i, ev in enumerate(sc.events):
            if ev.year > last:
                problems.append(Mistake(f"events[{i}].year", f"{ev.year} is after the horizon's end {last}; "
                                        "it would never happen"))
            for subject in subjects(ev):
                key = (ev.year, subject)
                if key in seen:
                    j = seen[key]
                    problems.append(Mistake(
                        f"events[{i}]", f"contradicts events[{j}] ({sc.events[j].type}) in {ev.year}: both act on "
                        f"{subject_text(subject)}; keep one, merge them, or move one to another year"))
                else:
                    seen[key] = i
        if problems:
            raise self._error(problems, f"scenario '{sc.name}' is not consistent:")
        nets = [self.network(year) for year in sc.years]
        for i, u in enumerate(sc.uncertain):
            found = [target_problems(u, net) for net in nets]
            if all(found):
                problems += [Mistake(f"uncertain[{i}].{p.path}", p.message + f" (in {sc.horizon.start})")
                             for p in found[0]]
        if problems:
            raise self._error(problems, f"scenario '{sc.name}' is not consistent:")

    def network(self, year: int) -> Network:
        """The network of ``year``: the base with every event of a year up to ``year`` applied.

        Streams not running in ``year`` are left out and the rest marked
        active, so the result is a consistent network for that year alone.

        Parameters
        ----------
        year : int
            A year of the horizon.

        Returns
        -------
        Network
            The network of that year.

        Raises
        ------
        SymbiosisError
            For a year outside the horizon, or an event that names what the network does not have then.
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
                    raise self._error([Mistake(f"events[{i}].{p.path}".rstrip("."), p.message)
                                       for p in exc.problems],
                                      f"scenario '{self.scenario.name}', event {i} ({ev.type}) in {ev.year}:") from None
            self._networks[year] = _year_network(net, year, self)
        return self._networks[year]


def is_scenario_file(path: str | os.PathLike) -> bool:
    """Whether ``path`` is a YAML/JSON file holding a scenario (a ``horizon`` and no ``actors``),
    not a network; unreadable files are not (the network loader then names the problem).

    Parameters
    ----------
    path : str or os.PathLike
        The file.

    Returns
    -------
    bool
        Whether it holds a scenario.
    """
    path = Path(path)
    if not path.is_file() or path.suffix.lower() not in (".yaml", ".yml", ".json"):
        return False
    if path.suffix.lower() == ".json":  # a plain fast parse: a key given twice is the loader's to name, later
        import orjson

        try:
            raw = path.read_bytes()
            # no "horizon" key, not even written with escapes: no parse (a 5,000-company network: 0.4 s)
            if b'"horizon"' not in raw and b"\\u" not in raw:
                return False
            data = orjson.loads(raw)
        except (OSError, ValueError, RecursionError):
            return False
        return isinstance(data, dict) and "horizon" in data and "actors" not in data
    try:
        data, _ = read_document(path)
    except SymbiosisError:
        return False
    return isinstance(data, dict) and "horizon" in data and "actors" not in data


def load_scenario(path: str | os.PathLike) -> ScenarioSpec:
    """Read and check a scenario file; raises :class:`SymbiosisError` naming the file, line and field.

    Parameters
    ----------
    path : str or os.PathLike
        The scenario file.

    Returns
    -------
    ScenarioSpec
        The scenario with its base network.

    Raises
    ------
    SymbiosisError
        Naming the file, line and field of each mistake.
    """
    path = Path(path)
    label = str(path)
    if not path.is_file():
        raise bad_field("", "no such scenario file; give a YAML or JSON scenario "
                        "(see examples/ and `symbiosis schema`)", label)
    data, lines = read_document(path, label)
    if "actors" in data and "events" not in data:
        raise bad_field("", "this is a network file, not a scenario; run it with "
                        f"`symbiosis simulate {label}`, or write a scenario whose "
                        f"'network' field names it", label)
    try:
        scenario = Scenario.model_validate(data)
    except ValidationError as exc:
        raise FileError(_event_problems(pydantic_problems(exc, data), data),
                             summary="not a valid scenario:").with_file(label, lines) from None
    ref = scenario.network
    candidate = path.parent / ref
    if ref.lower().endswith((".yaml", ".yml", ".json")) or candidate.exists():
        if not candidate.is_file():
            raise bad_field("network", f"no network file '{ref}' next to the scenario "
                            f"(looked for {candidate})", label).with_file(label, lines)
        ref = str(candidate)
        scenario = scenario.model_copy(update={"network": str(candidate.resolve())})
    base = load_network(ref)
    return ScenarioSpec(scenario, base, label, lines)


def network_in_year(name_or_path: str, year: int | None = None) -> Network:
    """A bundled network or network file, or the network a scenario file's events leave in ``year``.

    Parameters
    ----------
    name_or_path : str
        A bundled name, a network file (YAML, JSON, workbook, CSV folder) or a scenario file.
    year : int, optional
        For a scenario: a year of its horizon (default: the last). For a
        network it must be the network's own year, or left out.

    Returns
    -------
    Network
        A scenario's network is named after the scenario and the year.

    Raises
    ------
    SymbiosisError
        For a year outside the scenario's horizon, or another year than a network's own.
    """
    if is_scenario_file(name_or_path):
        spec = load_scenario(name_or_path)
        years = spec.scenario.years
        if year is not None and year not in years:
            raise bad_parameter("year", f"{year} is outside the horizon {years[0]}-{years[-1]} of "
                                f"scenario '{spec.scenario.name}'; give a year in it")
        year = years[-1] if year is None else year
        net = spec.network(year)
        return net.model_copy(update={"name": f"{spec.scenario.name}, {year}"})  # not the base's name and year
    net = load_network(name_or_path)
    if year is not None and year != net.year:
        raise bad_parameter("year", f"'{name_or_path}' is a network of {net.year}, not a scenario; a "
                            "year picks a year of a scenario file (drop the year, or give a scenario)")
    return net


def _event_problems(problems: list[Mistake], data: dict) -> list[Mistake]:
    """Pydantic's union errors for events, rewritten to name the valid event types."""
    out = []
    for p in problems:
        if p.path.startswith("events[") and "does not match any of the expected tags" in p.message:
            out.append(Mistake(p.path.split(".")[0] + ".type", f"unknown event type; valid: {', '.join(EVENT_TYPES)}"))
        elif p.path.startswith("events[") and "Unable to extract tag" in p.message:
            out.append(Mistake(p.path.split(".")[0] + ".type", f"every event needs a type: {', '.join(EVENT_TYPES)}"))
        elif p.message.startswith("unknown field"):
            out.append(Mistake(_strip_union(p.path), f"unknown field; valid fields here: {_fields_at(p.path, data)}"))
        else:
            path = p.path
            for t in EVENT_TYPES:  # drop the union member's name from the path: events[2].convert.actor
                path = path.replace(f".{t}.", ".").replace(f".{t}", "")
            if ".function-after[" in path or "function-after" in path:
                path = path.split(".function-after")[0]
            out.append(Mistake(path, p.message))
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
                 "stream_starts": StreamStarts, "stream_ends": StreamEnds, "change": Change,
                 "social_economy": SocialEconomy}
        try:
            cls = kinds.get(data["events"][int(m.group(2))].get("type"), cls)
        except (KeyError, IndexError, TypeError, AttributeError):
            pass
    elif "." in path or "[" in path:
        return "see `symbiosis schema`"
    return ", ".join(cls.model_fields)



def _year_network(net: Network, year: int, spec: ScenarioSpec) -> Network:
    """The consistent network of one year: running streams only, all active, validated."""
    streams = [s if s.status == "active" else s.model_copy(update={"status": "active"}) for s in net.streams
               if s.status != "candidate" and (s.start is None or s.start <= year) and (s.end is None or s.end >= year)]
    streams += [s for s in net.streams if s.status == "candidate"]
    try:
        return net.replace(year=year, streams=tuple(streams))
    except SymbiosisError as exc:
        raise spec._error(exc.problems, f"scenario '{spec.scenario.name}': the network of {year}, after the "
                          "events up to then, is not consistent:") from None
    except ValidationError as exc:
        raise spec._error(pydantic_problems(exc, {}), f"scenario '{spec.scenario.name}': the network of {year}, "
                          "after the events up to then, is not valid:") from None
