"""Sankey diagram: supplier -> resource -> receiver, with virgin supply and disposal as end nodes.

Quantities in different units cannot share one diagram honestly, so there is
one Sankey per unit (t, m3, MWh...) and buttons to switch between them; the
unit with the most links is shown first.
"""

from __future__ import annotations

import pandas as pd

from symbiosis.model import Network
from symbiosis.present.i18n import name_of
from symbiosis.present.pagewords import label
from symbiosis.results import Result
from symbiosis.viz.data import fold_rest, fold_small, records, sankey_table
from symbiosis.viz.plain import figure
from symbiosis.viz.style import CATEGORY_COLOURS, NEUTRAL, base_layout, esc, num, quantity

__all__ = ["DISPOSAL_COLOUR", "MOST_LINKS", "VIRGIN_COLOUR", "sankey", "sankey_trace"]

VIRGIN_COLOUR = "#95A5A6"
DISPOSAL_COLOUR = "#566573"
#: A unit's Sankey draws at most this many links (two per flow: supplier -> resource -> receiver).
MOST_LINKS = 200


def sankey(network: Network, result: Result, lang: str = "en", title: str | None = None, most: int = 20):
    """A plotly Figure with one Sankey trace per unit of ``result``'s flows (an answer of :func:`symbiosis.evaluate`).

    Beyond the ``most`` largest suppliers (and receivers) of a unit, the rest are folded into
    one "Other suppliers (n)" node (and "Other receivers (n)"), so a regional network stays legible;
    a unit's Sankey draws at most :data:`MOST_LINKS` links: beyond them the smallest flows are
    grouped per resource ("Other, n flows").

    Parameters
    ----------
    network : Network
        The network whose actors and resources name the nodes.
    result : Result
        The answer whose flows are drawn (in each resource's unit per year).
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    title : str, optional
        The figure's title.
    most : int, default 20
        How many suppliers (and receivers) of a unit are drawn by name.

    Returns
    -------
    plotly.graph_objects.Figure
        One Sankey trace per unit, a dropdown choosing among them.

    Examples
    --------
    >>> import symbiosis as sym
    >>> net = sym.load_network("tests/fixtures/tiny.yaml")
    >>> fig = sankey(net, sym.evaluate(net).observed)
    >>> [t.name for t in fig.data]
    ['t']
    """

    table = sankey_table(network, result)
    units = table.groupby("unit").size().sort_values(ascending=False).index.tolist()
    traces = [sankey_trace(network, fold_rest(fold_small(table[table.unit == u], most), MOST_LINKS // 2), u, lang,
                           visible=i == 0) for i, u in enumerate(units)]
    layout = base_layout(title or label("sankey_title", lang), lang,
                         height=max(420, 34 * min(_rows(table, units), most + 2)))
    if len(units) > 1:
        layout["updatemenus"] = [{
            "type": "buttons", "direction": "right", "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
            "pad": {"b": 6}, "showactive": True, "font": {"size": 13},
            "buttons": [{"label": f"{label('unit', lang)}: {esc(u)}", "method": "restyle",
                         "args": [{"visible": [j == i for j in range(len(units))]}]} for i, u in enumerate(units)],
        }]
        layout["margin"]["t"] = 100
    return figure(traces, layout)


def _rows(table: pd.DataFrame, units: list[str]) -> int:
    if not units:
        return 0
    return max(max(table[table.unit == u].source.nunique(), table[table.unit == u].target.nunique()) for u in units)


def sankey_trace(network: Network, links: pd.DataFrame, unit: str, lang: str, visible: bool = True) -> dict:
    """One Sankey trace from rows of :func:`~symbiosis.viz.data.sankey_table` in one unit.

    Suppliers sit left, resources in the middle, receivers right; an actor that both gives and
    receives appears on both sides."""
    folded = links.attrs.get("folded", {"source": 0, "target": 0})
    rest = links.attrs.get("rest", {})
    names = {a.id: esc(name_of(a, lang)) for a in network.actors}
    names["~other-left"] = f"{label('other_suppliers', lang)} ({folded['source']})"
    names["~other-right"] = f"{label('other_receivers', lang)} ({folded['target']})"
    res = network.resource
    nodes: dict[tuple[str, str], int] = {}
    node_label, node_name, node_colour = [], [], []

    def node(side: str, key: str, text: str, colour: str) -> int:
        if (side, key) not in nodes:
            nodes[(side, key)] = len(nodes)
            node_label.append(_short(text))  # written beside the node; the whole name shows on hover
            node_name.append(text)
            node_colour.append(colour)
        return nodes[(side, key)]

    src, tgt, val, colour, hover = [], [], [], [], []
    for row in records(links):
        cat_colour = CATEGORY_COLOURS[res[row.resource].category]
        r = node("resource", row.resource, esc(name_of(res[row.resource], lang)), cat_colour)
        if row.source_kind == "rest":  # the smallest flows of a large network, grouped per resource
            other = label("other_flows", lang).format(n=num(rest[row.resource], lang))
            a, b = node("left", f"~rest:{row.resource}", other, NEUTRAL), node("right", f"~rest:{row.resource}",
                                                                                other, NEUTRAL)
            left_name = right_name = other
        elif row.source_kind == "virgin":
            a = node("left", "~virgin", label("virgin", lang), VIRGIN_COLOUR)
            left_name = label("virgin", lang)
        else:
            key = "~other-left" if row.source == "~other" else row.source
            a = node("left", key, names[key], NEUTRAL)
            left_name = names[key]
        if row.target_kind == "rest":
            pass
        elif row.target_kind == "disposal":
            b = node("right", "~disposal", label("disposal", lang), DISPOSAL_COLOUR)
            right_name = label("disposal", lang)
        else:
            key = "~other-right" if row.target == "~other" else row.target
            b = node("right", key, names[key], NEUTRAL)
            right_name = names[key]
        text = (f"{left_name} → {esc(name_of(res[row.resource], lang))} → {right_name}: "
                f"{quantity(row.value, unit, lang)}")
        link_colour = _fade(VIRGIN_COLOUR if row.source_kind == "virgin" else
                            DISPOSAL_COLOUR if row.target_kind == "disposal" else cat_colour)
        for s, t in ((a, r), (r, b)):
            src.append(s)
            tgt.append(t)
            val.append(float(row.value))
            colour.append(link_colour)
            hover.append(text)
    return {
        "type": "sankey", "name": unit, "visible": visible, "arrangement": "snap", "valueformat": ",.0f",
        "valuesuffix": f" {unit}",
        "node": {"label": node_label, "customdata": node_name, "color": node_colour, "pad": 18, "thickness": 16,
                 "line": {"color": "white", "width": 0.5},
                 "hovertemplate": "%{customdata}: %{value}<extra></extra>"},
        "link": {"source": src, "target": tgt, "value": val, "color": colour, "customdata": hover,
                 "hovertemplate": "%{customdata}<extra></extra>"},
    }


def _short(text: str, most: int = 34) -> str:
    """A node's name cut to ``most`` characters (an escaped ``&amp;`` counted as one and never cut)."""
    import html

    plain = html.unescape(text)
    return text if len(plain) <= most else esc(plain[: most - 1].rstrip() + "…")


def _fade(hex_colour: str, alpha: float = 0.45) -> str:
    h = hex_colour.lstrip("#")
    r, g, b = (int(h[i:i + 2], 16) for i in (0, 2, 4))
    return f"rgba({r},{g},{b},{alpha})"
