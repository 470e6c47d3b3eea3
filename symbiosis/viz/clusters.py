"""The map of a large park: nearby companies grouped into clusters, streams summed between clusters.

From :data:`CLUSTER_AT` actors on, the network map and the history map draw
at most :data:`MOST_CLUSTERS` dots (a cluster's dot carries its number of
companies, its hover the biggest members) and at most :data:`MOST_LINES`
lines between clusters (one per pair of clusters and resource category,
wider for more streams; the smallest pairs are left out and counted in the
legend). Streams inside a cluster are counted in its hover. Below
:data:`CLUSTER_AT` the maps draw every company and stream as before.

The grouping is a grid over the map (longitude against latitude at the
map's aspect ratio) whose cells grow until at most ``most`` are occupied;
a cluster sits at its members' mean position.

>>> import symbiosis as sym
>>> from symbiosis.io.park import park
>>> g = group(park(160, seed=1))
>>> len(g.members) <= MOST_CLUSTERS, sum(len(m) for m in g.members)
(True, 160)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

import numpy as np
import pandas as pd

from symbiosis.model import Network
from symbiosis.present.pagewords import label
from symbiosis.present.rows import rows
from symbiosis.viz import geometry
from symbiosis.viz.style import CATEGORY_COLOURS, KIND_COLOURS, actor_class, esc, money, num, quantity

__all__ = ["CLUSTER_AT", "MOST_CLUSTERS", "MOST_LINES", "Clusters", "cluster_traces", "group", "line_traces"]

#: From this many actors on, the maps group companies into clusters.
CLUSTER_AT = 150
#: At most this many cluster dots on a map.
MOST_CLUSTERS = 120
#: At most this many lines between clusters on a map (the pairs with the most streams).
MOST_LINES = 200
#: A cluster's hover names this many of its biggest members.
MOST_NAMED = 5


@dataclass(frozen=True)
class Clusters:
    """Actor id -> cluster number (``of``), each cluster's members (ids, in the network's order)
    and its position (mean longitude and latitude of the members)."""

    of: dict[str, int]
    members: list[list[str]]
    lon: np.ndarray
    lat: np.ndarray


def group(network: Network, most: int = MOST_CLUSTERS) -> Clusters:
    """The clusters of ``network``'s actors: grid cells (square on the map) grown by half until at most ``most``."""
    ids = [a.id for a in network.actors]
    lon = np.array([a.location.lon for a in network.actors], float)
    lat = np.array([a.location.lat for a in network.actors], float)
    y = lat * geometry.aspect_ratio(geometry.centre_latitude(lat))
    cell = max(float(np.ptp(lon)), float(np.ptp(y)), 1e-9) / 32
    while True:
        keys = np.stack([np.floor((lon - lon.min()) / cell), np.floor((y - y.min()) / cell)], axis=1)
        cells, which = np.unique(keys, axis=0, return_inverse=True)
        if len(cells) <= most:
            break
        cell *= 1.5
    which = np.asarray(which).ravel()
    members = [[ids[i] for i in np.flatnonzero(which == k)] for k in range(len(cells))]
    count = np.bincount(which, minlength=len(cells))
    return Clusters(of=dict(zip(ids, which.tolist(), strict=True)), members=members,
                    lon=np.bincount(which, lon) / count, lat=np.bincount(which, lat) / count)


def _ends(clusters: Clusters, streams: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    """Each stream's supplier's and receiver's cluster."""
    of = clusters.of
    return (np.array([of[s] for s in streams.supplier.to_numpy(dtype=object)], int),
            np.array([of[r] for r in streams.receiver.to_numpy(dtype=object)], int))


def _within(clusters: Clusters, streams: pd.DataFrame) -> np.ndarray:
    """Streams inside each cluster (counts)."""
    a, b = _ends(clusters, streams)
    return np.bincount(a[a == b], minlength=len(clusters.members))


def cluster_traces(network: Network, clusters: Clusters, throughput: pd.DataFrame, streams: pd.DataFrame,
                   lang: str, actors=None, brief: bool = False) -> list[dict]:
    """One marker trace of the clusters holding any of ``actors`` (default all): dot sized by the
    number of those members (written in it), coloured by their most common kind; the hover lists
    the biggest members by value exchanged (``throughput``, :func:`~symbiosis.viz.data.actor_throughput`)
    and the streams inside; a lone company's hover is its own (name and kind only with ``brief``).
    Always one trace, empty if need be (animation frames need the same traces)."""
    by_id = {a.id: a for a in network.actors}
    shown = set(by_id) if actors is None else {a.id for a in actors}
    value = throughput.set_index("actor").value_money
    within = _within(clusters, streams)
    per = "år" if lang == "da" else "yr"
    x, y, size, text, hover, colour = [], [], [], [], [], []
    counts = [sum(m in shown for m in ms) for ms in clusters.members]
    biggest = max(counts, default=1) or 1
    for k, ms in enumerate(clusters.members):
        here = [by_id[m] for m in ms if m in shown]
        if not here:
            continue
        kinds = [actor_class(a) for a in here]
        kind = max(set(kinds), key=kinds.count)
        here.sort(key=lambda a: -float(value.get(a.id, 0.0)))
        if len(here) == 1:
            lines = [f"<b>{esc(here[0].name)}</b>", label(f"k_{kind}", lang)]
        else:
            lines = [f"<b>{label('cluster_of', lang).format(n=num(len(here), lang))}</b>", label("biggest", lang)]
        if not brief:
            lines += [f"{esc(a.name)}: {money(float(value.get(a.id, 0.0)), lang)}/{per}"
                      for a in (here[:MOST_NAMED] if len(here) > 1 else [])]
            if len(here) > MOST_NAMED:
                lines.append(label("and_more", lang).format(n=num(len(here) - MOST_NAMED, lang)))
            if within[k]:
                lines.append(f"{num(int(within[k]), lang)} {label('streams_within', lang)}")
        elif len(here) > 1:
            lines += [esc(a.name) for a in here[:MOST_NAMED]]
        x.append(round(float(clusters.lon[k]), 5))
        y.append(round(float(clusters.lat[k]), 5))
        size.append(round(12 + 28 * float(np.sqrt(len(here) / biggest)), 1))
        text.append(str(len(here)) if len(here) > 1 else "")
        hover.append("<br>".join(lines))
        colour.append(KIND_COLOURS[kind])
    return [{
        "type": "scatter", "x": x, "y": y, "mode": "markers+text", "name": label("clusters", lang),
        "legendgroup": "clusters", "text": text, "textposition": "middle center",
        "textfont": {"size": 11, "color": "white"}, "hovertext": hover, "hoverinfo": "text",
        "marker": {"size": size, "color": colour, "line": {"color": "white", "width": 2}, "opacity": 0.95},
        "meta": "clusters",
    }]


class _PairRow(Protocol):
    """The streams of one category between two clusters."""

    a: int  # the clusters' positions
    b: int
    n: int  # streams


def line_traces(network: Network, clusters: Clusters, streams: pd.DataFrame, lang: str, categories=None,
                most: int = MOST_LINES) -> list[dict]:
    """Straight lines between clusters, one per pair (supplier's cluster -> receiver's) and resource
    category, at most ``most`` (the pairs with the most streams, then the most value); per category a
    line trace and a trace of hover dots at the lines' middles. ``streams`` has the columns of
    :func:`~symbiosis.viz.data.stream_table` (``flow`` may be NaN). With ``categories`` given, exactly
    two traces per listed category (even if empty) and one width, as animation frames need."""
    res = network.resource
    a, b = _ends(clusters, streams)
    t = pd.DataFrame({"a": a, "b": b,
                      "category": streams.category.values, "resource": streams.resource.values,
                      "unit": streams.unit.values, "flow": streams.flow.values.astype(float)})
    t = t[t.a != t.b]
    pairs = t.groupby(["a", "b", "category"]).size().rename("n").reset_index()
    pairs = pairs.sort_values(["n", "a", "b"], ascending=[False, True, True], kind="stable")
    left = len(pairs) - most
    pairs = pairs.head(most)
    sums: dict[tuple, list] = {}
    for r in (t.groupby(["a", "b", "category", "resource", "unit"]).flow.sum(min_count=1).reset_index()
              .sort_values("flow", ascending=False, kind="stable").itertuples()):
        sums.setdefault((r.a, r.b, r.category), []).append((r.resource, r.unit, r.flow))
    names = {a.id: a.name for a in network.actors}
    fixed = categories is not None
    cats = list(categories) if fixed else [c for c in CATEGORY_COLOURS if c in set(pairs.category)]
    widest = max(int(pairs.n.max()) if len(pairs) else 1, 1)
    traces: list[dict] = []
    for cat in cats:
        mine = pairs[pairs.category == cat]
        colour = CATEGORY_COLOURS[cat]
        n = mine.n.to_numpy(float)
        width = np.full(len(mine), 2.0) if fixed else np.round(2 * (1.5 + 6 * np.sqrt(n / widest))) / 2
        a, b = mine.a.to_numpy(int), mine.b.to_numpy(int)  # the clusters' positions
        x0, y0 = clusters.lon[a], clusters.lat[a]
        x1, y1 = clusters.lon[b], clusters.lat[b]
        name = label(f"c_{cat}", lang)
        first = True
        for w in (np.unique(width) if len(mine) else [2.0]):
            sel = width == w
            xs = np.stack([x0[sel], x1[sel]], axis=1).round(5)
            ys = np.stack([y0[sel], y1[sel]], axis=1).round(5)
            px, py = geometry.polyline(xs, ys)
            traces.append({"type": "scatter", "x": px, "y": py, "mode": "lines", "name": name, "legendgroup": cat,
                           "showlegend": first, "hoverinfo": "skip",
                           "line": {"color": colour, "width": float(w)}, "opacity": 0.7})
            first = False
        hover = []
        pair: _PairRow
        for pair in rows(mine):
            lines = [f"<b>{num(int(pair.n), lang)} {label('stream' if pair.n == 1 else 'streams', lang)}</b>",
                     f"{_cluster_name(names, clusters, pair.a, lang)} → "
                     f"{_cluster_name(names, clusters, pair.b, lang)}"]
            lines += [esc(res[k].name) + ("" if pd.isna(v) else f": {quantity(v, u, lang)}")
                      for k, u, v in sums[(pair.a, pair.b, cat)][:3]]
            hover.append("<br>".join(lines))
        traces.append({"type": "scatter", "x": ((x0 + x1) / 2).round(5).tolist(),
                       "y": ((y0 + y1) / 2).round(5).tolist(), "mode": "markers", "name": name,
                       "legendgroup": cat, "showlegend": False, "hovertext": hover, "hoverinfo": "text",
                       "marker": {"size": 8, "color": colour, "opacity": 0.85, "line": {"color": "white", "width": 1}},
                       "meta": "stream-hover"})
    if left > 0 and not fixed:
        traces.append({"type": "scatter", "x": [None], "y": [None], "mode": "lines", "hoverinfo": "skip",
                       "name": label("lines_left", lang).format(n=num(left, lang)), "legendgroup": "left",
                       "line": {"color": "#AAB7B8", "width": 1}})
    return traces


def _cluster_name(names: dict[str, str], clusters: Clusters, k: int, lang: str) -> str:
    """A cluster as its first member's name (in the file's order) and the count of the others."""
    ms = clusters.members[k]
    first = esc(names[ms[0]])
    return first if len(ms) == 1 else label("cluster_near", lang).format(name=first, n=num(len(ms) - 1, lang))
