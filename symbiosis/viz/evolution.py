"""The network through its history, with a year slider and a play button.

Each year shows the streams running that year (status active or historic,
start <= year <= end), the service links running, and the actors taking part
(in a running stream or link, or a member that year). An exchange without a
recorded start year appears in the network's year only. On large networks
(more than ``MANY_STREAMS`` streams) the arrows are straight and carry no hover,
and the slider has at most :data:`MOST_STOPS` stops; from
:data:`~symbiosis.viz.clusters.CLUSTER_AT` actors on, companies are drawn in
clusters as on the network map. Historic flows are
rarely recorded, so arrows here all have one width; the network map shows
today's quantities.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from symbiosis.model import Network, ServiceLink, Stream
from symbiosis.present.pagewords import label
from symbiosis.viz import clusters
from symbiosis.viz.data import history_years, running
from symbiosis.viz.network_map import (
    KINDS,
    MANY_STREAMS,
    actor_traces,
    label_spots,
    map_layout,
    service_traces,
    stream_traces,
)
from symbiosis.viz.plain import figure
from symbiosis.viz.style import actor_class

__all__ = ["MOST_STOPS", "change_years", "evolution"]


def evolution(network: Network, lang: str = "en", title: str | None = None, years: list[int] | None = None):
    """A plotly Figure with a frame and a slider stop for every year the network changed
    (see :func:`change_years`); it opens on the network's year.

    Parameters
    ----------
    network : Network
        The network, with the start and end years of its streams and service links.
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    title : str, optional
        The figure's title (default: a generic title in ``lang``).
    years : list of int, optional
        The years to draw (default: every year the network changed).

    Returns
    -------
    plotly.graph_objects.Figure
        The map with one frame per year.

    Examples
    --------
    >>> import symbiosis as sym
    >>> fig = evolution(sym.load_network("tests/fixtures/tiny.yaml"))
    >>> [f.name for f in fig.frames], len(fig.layout.sliders[0].steps)
    (['1982', '1993', '2020'], 3)
    """
    import pandas as pd


    years = years or history_years(network)
    cats = sorted({network.resource[s.resource].category for s in network.streams if s.status != "candidate"})
    kinds = [k for k in KINDS if k in {actor_class(a) for a in network.actors}]
    has_links = bool(network.service_links)
    empty_tp = pd.DataFrame({"actor": [a.id for a in network.actors], "out": 0, "in": 0, "value_money": 0.0})
    title = label("evo_title", lang) if title is None else title
    steps = change_years(network, years)
    if len(steps) > MOST_STOPS:  # keep the first, the last and evenly spread stops between
        picks = np.unique(np.linspace(0, len(steps) - 1, MOST_STOPS).round().astype(int))
        steps = [steps[i] for i in picks]
    many = sum(s.status != "candidate" for s in network.streams) > MANY_STREAMS

    grouped = clusters.group(network) if len(network.actors) >= clusters.CLUSTER_AT else None
    spots = label_spots(network, {a.id: 16.0 for a in network.actors}) if grouped is None else {}
    frames: list[dict[str, Any]] = []  # plotly frames: name, data and layout
    for year in steps:
        streams = network.streams_in_year(year)
        links = running(network.service_links, year, network.year)
        involved = {s.supplier for s in streams} | {s.receiver for s in streams}
        involved |= {k.provider for k in links} | {k.client for k in links}
        actors = [a for a in network.actors if a.id in involved or _member_in(a, year)]
        table = pd.DataFrame({
            "supplier": [s.supplier for s in streams], "receiver": [s.receiver for s in streams],
            "resource": [s.resource for s in streams],
            "category": [network.resource[s.resource].category for s in streams],
            "unit": [network.resource[s.resource].unit for s in streams],
            "flow": float("nan"),  # flows of past years are not recorded: the hover gives none
            "replaces": [s.target_resource for s in streams], "loss": [s.loss for s in streams],
            "start": [s.start for s in streams], "end": [s.end for s in streams],
            "provenance": [s.observed for s in streams],
        })
        if grouped is not None:  # a large park: clusters and the lines between them, as on the map
            data = clusters.line_traces(network, grouped, table, lang, categories=cats)
        else:
            data = stream_traces(network, table, lang, categories=cats, hover=not many)
        if has_links:
            data += service_traces(network, links, lang, always=True)
        if grouped is not None:
            data += clusters.cluster_traces(network, grouped, empty_tp, table, lang, actors=actors, brief=True)
        else:
            data += actor_traces(network, actors, empty_tp, lang, kinds=kinds, placement=spots, brief=True)
        for t in data:
            if t.get("meta") == "actors":
                t["marker"]["size"] = 16
        heading = f"{title + ': ' if title else ''}{year} · {_count(len(streams), 'stream', lang)}"
        if has_links:
            heading += f", {_count(len(links), 'link', lang)}"
        frames.append({"name": str(year), "data": data, "layout": {"title": {"text": heading}}})

    layout = map_layout(network, frames[-1]["layout"]["title"]["text"], lang, height=680)
    play = {"frame": {"duration": 900, "redraw": True}, "transition": {"duration": 0}, "fromcurrent": True,
            "mode": "immediate"}
    jump = {"frame": {"duration": 0, "redraw": True}, "transition": {"duration": 0}, "mode": "immediate"}
    layout["sliders"] = [{
        "active": len(steps) - 1, "x": 0.17, "len": 0.82, "y": 0, "yanchor": "top", "pad": {"t": 10},
        "currentvalue": {"prefix": f"{label('year', lang)}: ", "font": {"size": 16}}, "font": {"size": 11},
        "steps": [{"label": str(y), "method": "animate", "args": [[str(y)], jump]} for y in steps],
    }]
    layout["updatemenus"] = [{
        "type": "buttons", "direction": "left", "x": 0.0, "y": 0, "xanchor": "left", "yanchor": "top",
        "pad": {"t": 30}, "showactive": False,
        "buttons": [{"label": "▶ " + label("play", lang), "method": "animate", "args": [None, play]},
                    {"label": "❚❚ " + label("pause", lang), "method": "animate",
                     "args": [[None], {**jump, "mode": "immediate"}]}],
    }]
    layout["margin"] = {"l": 10, "r": 10, "t": 60, "b": 110}
    return figure(frames[-1]["data"], layout, frames)


#: The slider has at most this many stops (and the page as many frames).
MOST_STOPS = 20


def change_years(network: Network, years: list[int]) -> list[int]:
    """The slider's stops: the first and last year and every year a stream, link or membership
    starts or ends (the year after an end) within ``years``; between two stops nothing changes.

    >>> import symbiosis as sym
    >>> change_years(sym.load_network("tests/fixtures/tiny.yaml"), list(range(1982, 2021)))
    [1982, 1993, 2020]
    """
    marks = {years[0], years[-1]}
    items: list[Stream | ServiceLink] = [*network.streams, *network.service_links]
    for item in items:
        marks.update(y for y in (item.start, item.end + 1 if item.end else None) if y is not None)
    for a in network.actors:
        marks.update(y for y in (a.member_since, a.member_until + 1 if a.member_until else None) if y is not None)
    return sorted(y for y in marks if years[0] <= y <= years[-1])


def _count(n: int, word: str, lang: str) -> str:
    return f"{n} {label(word if n == 1 else word + 's', lang)}"


def _member_in(actor, year: int) -> bool:
    return (actor.member_since is not None and actor.member_since <= year
            and (actor.member_until is None or actor.member_until >= year))
