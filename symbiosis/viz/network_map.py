"""The network map: actors at their real positions, streams as arrows.

Actors are dots sized by the value they exchange (DKK/yr: what each stream
saves against no symbiosis, from the ledger) and coloured by kind;
streams are curved arrows coloured by resource category, wider when more flows
(relative to the largest stream in the same unit); social-economy service
links are dashed. Hovering a stream's middle dot shows its quantity, unit,
start year and source. A legend entry toggles a whole resource category.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from symbiosis.model import Network
from symbiosis.present.i18n import scheme_name
from symbiosis.present.pagewords import label
from symbiosis.results import Result
from symbiosis.viz import clusters, geometry
from symbiosis.viz.data import actor_throughput, records, running, stream_table
from symbiosis.viz.plain import figure
from symbiosis.viz.style import (
    CATEGORY_COLOURS,
    KIND_COLOURS,
    SERVICE_COLOUR,
    actor_class,
    base_layout,
    esc,
    money,
    num,
    quantity,
    source_text,
)

__all__ = ["CATEGORIES", "KINDS", "MANY_STREAMS", "MOST_LABELS", "actor_sizes", "actor_traces", "flow_widths",
           "label_spots", "map_layout", "network_map", "positions", "service_traces", "stream_traces", "view_ranges"]

CATEGORIES = tuple(CATEGORY_COLOURS)
KINDS = tuple(KIND_COLOURS)
#: Above this many streams, arrows are straight (2 points instead of 12) to keep the page light.
MANY_STREAMS = 300
#: At most this many names are written on the map; the rest show on hover.
MOST_LABELS = 40


def network_map(network: Network, result: Result, lang: str = "en", title: str | None = None,
                counterfactual: Result | None = None, values: pd.DataFrame | None = None):
    """A plotly Figure of ``network`` with the flows of ``result`` (an answer of :func:`symbiosis.evaluate`);
    dots are sized by the streams' values against ``counterfactual`` (equal without one). From
    :data:`~symbiosis.viz.clusters.CLUSTER_AT` actors on, nearby companies are drawn as clusters
    (:mod:`symbiosis.viz.clusters`).

    Parameters
    ----------
    network : Network
        The network, its actors placed by their coordinates.
    result : Result
        The answer whose flows are drawn (in each resource's unit per year).
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    title : str, optional
        The figure's title (default: a generic title in ``lang``).
    counterfactual : Result, optional
        The answer without symbiosis, against which the streams' values are sized.
    values : pandas.DataFrame, optional
        The streams' accounts against ``counterfactual`` when already computed
        (:meth:`symbiosis.accounting.evaluated.Evaluation.stream_accounts`), so they are not computed again.

    Returns
    -------
    plotly.graph_objects.Figure
        The map: actors as markers, streams as lines coloured by resource category.

    Examples
    --------
    >>> import symbiosis as sym
    >>> net = sym.load_network("tests/fixtures/tiny.yaml")
    >>> fig = network_map(net, sym.evaluate(net).observed)
    >>> sorted({t.legendgroup for t in fig.data if t.legendgroup})
    ['energy', 'kind-industry', 'kind-member', 'kind-utility', 'material']
    """

    streams = stream_table(network, result, counterfactual, values)
    links = running(network.service_links, network.year)
    throughput = actor_throughput(network, streams)
    if len(network.actors) >= clusters.CLUSTER_AT:  # a large park: clusters and the lines between them
        grouped = clusters.group(network)
        traces = clusters.line_traces(network, grouped, streams, lang)
        traces += service_traces(network, links, lang)
        traces += clusters.cluster_traces(network, grouped, throughput, streams, lang)
        return figure(traces, map_layout(network, title or label("map_title", lang), lang))
    traces = stream_traces(network, streams, lang, widths=flow_widths(streams))
    traces += service_traces(network, links, lang)
    sizes = actor_sizes(network, throughput)
    traces += actor_traces(network, network.actors, throughput, lang, placement=label_spots(network, sizes))
    return figure(traces, map_layout(network, title or label("map_title", lang), lang))


def actor_sizes(network: Network, throughput: pd.DataFrame) -> dict[str, float]:
    """Dot diameter (px) of each actor: 14 + 26 x sqrt(value exchanged / the largest)."""
    value = throughput.set_index("actor").value_money
    biggest = max(float(value.max()) if len(value) else 0.0, 1.0)
    return {a.id: round(14 + 26 * float(np.sqrt(value.get(a.id, 0.0) / biggest)), 1) for a in network.actors}


def label_spots(network: Network, sizes: dict[str, float], width_px: float = 1000,
                height_px: float = 570) -> dict[str, str | None]:
    """Where each actor's name goes in the opening view (see :func:`geometry.place_labels`):
    the :data:`MOST_LABELS` biggest dots first; None where no free spot is left or the dot is
    not among them (the name shows on hover)."""
    (x0, x1), (y0, y1), _ = view_ranges(network)
    ratio = geometry.aspect_ratio(geometry.centre_latitude([a.location.lat for a in network.actors]))
    scale = min(width_px / (x1 - x0), height_px / ((y1 - y0) * ratio))
    order = sorted(network.actors, key=lambda a: -sizes[a.id])[:MOST_LABELS]
    spots = geometry.place_labels(
        [(a.location.lon - x0) * scale for a in order], [(y1 - a.location.lat) * scale * ratio for a in order],
        [sizes[a.id] / 2 for a in order], [6.8 * len(_short(a.name)) for a in order])
    placed = {a.id: spot for a, spot in zip(order, spots, strict=True)}
    return {a.id: placed.get(a.id) for a in network.actors}


def flow_widths(streams: pd.DataFrame, thin: float = 1.5, thick: float = 9.0) -> np.ndarray:
    """Line width (px) of each stream: ``thin`` + sqrt(flow / largest flow in the same unit) x (thick - thin)."""
    biggest = streams.groupby("unit").flow.transform("max").replace(0, 1.0)
    return thin + (thick - thin) * np.sqrt(np.clip(streams.flow.to_numpy(float) / biggest.to_numpy(float), 0, 1))


def positions(network: Network) -> dict[str, tuple[float, float]]:
    """(lon, lat) of each actor."""
    return {a.id: (a.location.lon, a.location.lat) for a in network.actors}


def stream_traces(network: Network, streams: pd.DataFrame, lang: str, widths=None,
                  categories=None, hover: bool = True) -> list[dict]:
    """Plotly traces for streams: per category, curved arrows (one trace per width class) and
    hover dots at their middles (empty with ``hover`` False). With ``categories`` given and
    ``widths`` None, exactly two traces per listed category (lines, hover dots), even if empty:
    the shape animation frames need. Above :data:`MANY_STREAMS` streams the arrows are straight."""
    pos = positions(network)
    names = {a.id: a.name for a in network.actors}
    res = network.resource
    fixed = widths is None
    widths = np.full(len(streams), 3.0) if fixed else np.round(np.asarray(widths) * 2) / 2
    cats = list(categories) if categories is not None else [c for c in CATEGORIES if c in set(streams.category)]
    pairs = list(zip(streams.supplier, streams.receiver, strict=True))
    bend = geometry.bends(pairs)
    xy0 = np.array([pos[s] for s in streams.supplier.to_numpy(dtype=object)]).reshape(-1, 2)
    xy1 = np.array([pos[r] for r in streams.receiver.to_numpy(dtype=object)]).reshape(-1, 2)
    points = 12 if len(streams) <= MANY_STREAMS else 2
    (vx0, vx1), _, _ = view_ranges(network)
    ratio = geometry.aspect_ratio(geometry.centre_latitude([a.location.lat for a in network.actors]))
    end = geometry.arrow_ends(xy0[:, 0], xy0[:, 1], xy1[:, 0], xy1[:, 1], 0.025 * (vx1 - vx0), ratio)
    xs, ys = geometry.curves(xy0[:, 0], xy0[:, 1], xy1[:, 0], xy1[:, 1], bend * (points > 2), points=points,
                             end=end)
    mx, my = geometry.curves(xy0[:, 0], xy0[:, 1], xy1[:, 0], xy1[:, 1], bend, points=3, end=1.0)
    traces: list[dict] = []
    for cat in cats:
        colour = CATEGORY_COLOURS[cat]
        in_cat = (streams.category == cat).to_numpy(bool)
        first = True
        for w in (np.unique(widths[in_cat]) if in_cat.any() else [3.0]):
            sel = in_cat & (widths == w)
            px, py = geometry.polyline(xs[sel], ys[sel])
            traces.append({
                "type": "scatter", "x": px, "y": py, "mode": "lines+markers", "name": label(f"c_{cat}", lang),
                "legendgroup": cat, "showlegend": first, "hoverinfo": "skip",
                "line": {"color": colour, "width": float(w)},
                "marker": {"symbol": "arrow", "angleref": "previous", "color": colour, "line": {"width": 0},
                           "size": geometry.arrow_sizes(int(sel.sum()), xs.shape[1], 7 + 1.6 * float(w))},
            })
            first = False
        sel = in_cat if hover else np.zeros(len(streams), bool)
        text = [_stream_hover(network, row, names, res, lang) for row in records(streams[sel])]
        traces.append({
            "type": "scatter", "x": mx[sel, 1].round(5).tolist(), "y": my[sel, 1].round(5).tolist(),
            "mode": "markers",
            "name": label(f"c_{cat}", lang), "legendgroup": cat, "showlegend": False,
            "hovertext": text, "hoverinfo": "text",
            "marker": {"size": 10, "color": colour, "opacity": 0.85, "line": {"color": "white", "width": 1.5}},
            "meta": "stream-hover",
        })
    return traces


def _stream_hover(network: Network, row, names, res, lang: str) -> str:
    unit = row.unit
    lines = [f"<b>{esc(names[row.supplier])} → {esc(names[row.receiver])}</b>",
             esc(res[row.resource].name) + ("" if pd.isna(row.flow) else f": {quantity(row.flow, unit, lang)}")]
    if row.replaces != row.resource:
        lines.append(f"{label('replaces', lang)} {esc(res[row.replaces].name)}")
    if row.loss:
        lines.append(f"{num(100 * row.loss, lang)} % {label('loss', lang)}")
    if pd.notna(row.start):
        lines.append(f"{label('since', lang)} {row.start:.0f}"
                     + (f", {label('until', lang)} {row.end:.0f}" if pd.notna(row.end) else ""))
    else:
        lines.append(label("unknown_start", lang))
    src = source_text(network, row.provenance)
    lines.append(f"{label('source', lang)}: {_wrap(src) if src else label('not_recorded', lang)}")
    return "<br>".join(lines)


def _wrap(text: str, width: int = 60) -> str:
    words, lines, cur = text.split(" "), [], ""
    for w in words:
        if cur and len(cur) + len(w) + 1 > width:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}".strip()
    lines.append(cur)
    return "<br>".join(lines)


def service_traces(network: Network, links, lang: str, always: bool = False) -> list[dict]:
    """Dashed lines for social-economy service links, with hover dots (two traces, or none when
    there are no links and ``always`` is False)."""
    if not links and not always:
        return []
    pos = positions(network)
    names = {a.id: a.name for a in network.actors}
    a = np.array([pos[k.provider] for k in links]).reshape(-1, 2)
    b = np.array([pos[k.client] for k in links]).reshape(-1, 2)
    bend = -geometry.bends([(k.provider, k.client) for k in links], base=0.2)
    xs, ys = geometry.curves(a[:, 0], a[:, 1], b[:, 0], b[:, 1], bend, end=0.9)
    mx, my = geometry.curves(a[:, 0], a[:, 1], b[:, 0], b[:, 1], bend, points=3, end=1.0)
    px, py = geometry.polyline(xs, ys)
    name = label("service_links", lang)
    text = []
    for k in links:
        lines = [f"<b>{esc(names[k.provider])} → {esc(names[k.client])}</b>",
                 f"{label('service', lang)}: {esc(k.service)}"]
        if k.annual_value:
            lines.append(f"{label('annual_value', lang)}: {money(k.annual_value.value, lang)}")
        if k.supported:
            people = ", ".join(f"{num(s.persons, lang)} {esc(scheme_name(s.scheme, lang))}" for s in k.supported)
            lines.append(f"{label('supported', lang)}: {people}")
        if k.start:
            lines.append(f"{label('since', lang)} {k.start}")
        lines.append(f"{label('source', lang)}: {_wrap(source_text(network, k.provenance))}")
        text.append("<br>".join(lines))
    return [
        {"type": "scatter", "x": px, "y": py, "mode": "lines", "name": name, "legendgroup": "service",
         "hoverinfo": "skip", "line": {"color": SERVICE_COLOUR, "width": 2.5, "dash": "dash"}},
        {"type": "scatter", "x": mx[:, 1].tolist(), "y": my[:, 1].tolist(), "mode": "markers", "name": name,
         "legendgroup": "service", "showlegend": False, "hovertext": text, "hoverinfo": "text",
         "marker": {"size": 9, "color": SERVICE_COLOUR, "symbol": "diamond", "line": {"color": "white", "width": 1}},
         "meta": "service-hover"},
    ]


def actor_traces(network: Network, actors, throughput: pd.DataFrame, lang: str, kinds=None,
                 placement: dict[str, str | None] | None = None, brief: bool = False) -> list[dict]:
    """One marker trace per kind of actor (all of ``kinds`` if given, even empty), sized by value
    exchanged; ``placement`` gives each name's textposition (None: name on hover only);
    ``brief`` hovers show name and kind only."""
    tp = throughput.set_index("actor")
    sizes = actor_sizes(network, throughput)
    placement = placement or {}
    classes = [actor_class(a) for a in actors]
    wanted = list(kinds) if kinds is not None else [k for k in KINDS if k in classes]
    traces = []
    for kind in wanted:
        group = [a for a, c in zip(actors, classes, strict=True) if c == kind]
        value = np.array([tp.value_money.get(a.id, 0.0) for a in group])
        text = []
        for a, v in zip(group, value, strict=True):
            lines = [f"<b>{esc(a.name)}</b>", label(f"k_{kind}", lang)]
            if brief:
                text.append("<br>".join(lines))
                continue
            if a.member_since:
                lines.append(f"{label('since', lang)} {a.member_since}")
            lines.append(f"{int(tp.out.get(a.id, 0))} {label('streams_out', lang)}, "
                         f"{int(tp['in'].get(a.id, 0))} {label('streams_in', lang)}")
            if v > 0:
                lines.append(f"{label('throughput', lang)}: {money(v, lang)}/{'år' if lang == 'da' else 'yr'}")
            text.append("<br>".join(lines))
        traces.append({
            "type": "scatter", "x": [a.location.lon for a in group], "y": [a.location.lat for a in group],
            "mode": "markers+text", "name": label(f"k_{kind}", lang), "legendgroup": f"kind-{kind}",
            "text": [esc(_short(a.name)) if placement.get(a.id, "top center") else "" for a in group],
            "textposition": [placement.get(a.id) or "top center" for a in group],
            "textfont": {"size": 12, "color": "#1C2833"},
            "hovertext": text, "hoverinfo": "text",
            "marker": {"size": [sizes[a.id] for a in group], "color": KIND_COLOURS[kind],
                       "line": {"color": "white", "width": 2}, "opacity": 0.95},
            "meta": "actors",
        })
    return traces


def _short(name: str, most: int = 30) -> str:
    return name if len(name) <= most else name[: most - 1].rstrip() + "…"


def view_ranges(network: Network) -> tuple[tuple[float, float], tuple[float, float], tuple | None]:
    """The opening view's (lon range, lat range) and, when far-away partners lie outside it,
    the whole network's (lon range, lat range); else None."""
    lon = np.array([a.location.lon for a in network.actors])
    lat = np.array([a.location.lat for a in network.actors])
    core = geometry.core_mask(lon, lat, geometry.centre_latitude(lat))

    def box(sel):
        px = max(float(np.ptp(lon[sel])) * 0.08, 0.01)
        py = max(float(np.ptp(lat[sel])) * 0.12, 0.006)
        return ((float(lon[sel].min()) - px, float(lon[sel].max()) + px),
                (float(lat[sel].min()) - py, float(lat[sel].max()) + py))

    everything = box(np.ones(len(lon), bool))
    if core.all():
        return (*everything, None)
    return (*box(core), everything)


def map_layout(network: Network, title: str, lang: str, height: int = 640) -> dict:
    """Axes without ticks at the right aspect ratio for the network's latitude, a scale bar, the
    legend, and (when partners lie far away) buttons between a close-up and the whole network."""
    lat0 = geometry.centre_latitude([a.location.lat for a in network.actors])
    xr, yr, whole = view_ranges(network)
    bar, bar_text = geometry.scale_bar(xr, lat0)
    x0, y0 = xr[0] + 0.03 * (xr[1] - xr[0]), yr[0] + 0.03 * (yr[1] - yr[0])
    layout = base_layout(title, lang, height)
    axis = {"showgrid": False, "zeroline": False, "showticklabels": False, "visible": False}
    layout.update({
        "xaxis": {**axis, "range": list(xr)},
        "yaxis": {**axis, "range": list(yr), "scaleanchor": "x", "scaleratio": geometry.aspect_ratio(lat0)},
        "legend": {"orientation": "v", "x": 1.01, "y": 1, "font": {"size": 13}, "itemsizing": "constant",
                   "groupclick": "togglegroup"},
        "hovermode": "closest",
        "margin": {"l": 10, "r": 10, "t": 60, "b": 10},
        "shapes": [{"type": "line", "x0": x0, "x1": x0 + bar, "y0": y0, "y1": y0,
                    "line": {"color": "#1C2833", "width": 3}}],
        "annotations": [{"x": x0 + bar / 2, "y": y0, "text": bar_text, "showarrow": False, "yshift": 12,
                         "font": {"size": 12}}],
    })
    if whole is not None:
        layout["updatemenus"] = [{
            "type": "buttons", "direction": "right", "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
            "pad": {"b": 4}, "showactive": True, "font": {"size": 13},
            "buttons": [{"label": label(name, lang), "method": "relayout",
                         "args": [{"xaxis.range": list(x), "yaxis.range": list(y)}]}
                        for name, (x, y) in (("close_up", (xr, yr)), ("whole_network", whole))],
        }]
        layout["margin"]["t"] = 90
    return layout
