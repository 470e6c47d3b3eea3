"""What ``symbiosis show SCENARIO`` prints besides the base network: the scenario's header and its
events in order, one row each."""

from __future__ import annotations

from symbiosis.present.console import table
from symbiosis.scenario.events import subject_text, subjects

__all__ = ["event_rows", "print_events"]


def event_rows(spec) -> list[tuple[int, str, str, str]]:
    """(year, type, what it acts on, note) of every event of a :class:`~symbiosis.scenario.ScenarioSpec`,
    by year (file order within a year)."""
    events = sorted(enumerate(spec.scenario.events), key=lambda item: (item[1].year, item[0]))
    rows = []
    for _, ev in events:
        what = "; ".join(subject_text(s) for s in subjects(ev)) or "-"
        if ev.type == "change":
            how = (f"set to {ev.value:g}" if ev.value is not None else f"x {ev.scale:g}" if ev.scale is not None
                   else f"{ev.growth:+.1%} a year")
            what += f": {how}"
        elif ev.type == "convert" and (ev.ends or ev.ends_demands):
            what += "; ends " + ", ".join([*ev.ends, *ev.ends_demands])
        rows.append((ev.year, ev.type.replace("_", " "), what, ev.note or ""))
    return rows


def print_events(spec, console) -> None:
    """The scenario's name, horizon and base, then its events as a table.

    Parameters
    ----------
    spec : ScenarioSpec
        The loaded scenario (:class:`symbiosis.scenario.loading.ScenarioSpec`).
    console : rich.console.Console
        Where to print.
    """
    sc = spec.scenario
    console.print(f"[bold]Scenario: {sc.name}[/bold], horizon {sc.horizon.start}-{sc.horizon.end}, "
                  f"{len(sc.events)} event{'s' * (len(sc.events) != 1)}, "
                  f"{len(sc.uncertain)} uncertain number{'s' * (len(sc.uncertain) != 1)}")
    t = table("Events (each holds from its year on)", [("year", "right"), "event", "what", "note"])
    for year, kind, what, note in event_rows(spec):
        t.add_row(str(year), kind, what, note)
    console.print(t)
