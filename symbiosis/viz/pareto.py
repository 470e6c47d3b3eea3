"""The Pareto front between two objectives (e.g. cost and CO2e), with dominated points greyed."""

from __future__ import annotations

import numpy as np
import pandas as pd

from symbiosis.present.pagewords import label
from symbiosis.viz._frames import require
from symbiosis.viz.plain import figure
from symbiosis.viz.style import base_layout, esc

__all__ = ["measures_front", "non_dominated", "front_figure"]


#: plotly's Viridis colour scale as plotly.py writes it (plotly.js's own "Viridis" has other stops).
VIRIDIS = [[0.0, "#440154"], [1 / 9, "#482878"], [2 / 9, "#3e4989"], [3 / 9, "#31688e"], [4 / 9, "#26828e"],
           [5 / 9, "#1f9e89"], [6 / 9, "#35b779"], [7 / 9, "#6ece58"], [8 / 9, "#b5de2b"], [1.0, "#fde725"]]

def non_dominated(x, y) -> np.ndarray:
    """True for each point no other point beats on both (lower is better on both axes).

    >>> non_dominated([1, 2, 3, 2], [3, 2, 1, 3]).tolist()
    [True, True, True, False]
    """
    return _non_dominated_rows(np.column_stack([np.asarray(x, float), np.asarray(y, float)]))


def front_figure(df: pd.DataFrame, x: str, y: str, lang: str = "en", *, x_unit: str = "", y_unit: str = "",
                 title: str | None = None, higher_better: tuple[str, ...] = (), color: str | None = None,
                 color_unit: str = ""):
    """A plotly scatter of the points of ``df`` on columns ``x`` and ``y``, the non-dominated ones
    joined as the front. Lower is better on both unless a column is named in ``higher_better``
    (e.g. supported jobs). An optional ``label`` column names each point (e.g. the weight or
    epsilon that produced it).

    Parameters
    ----------
    df : pandas.DataFrame
        One row per point, with columns ``x`` and ``y`` (and ``color``, ``label`` if given).
    x, y : str
        The columns on the horizontal and vertical axes.
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    x_unit, y_unit : str, default ""
        The units of ``x`` and ``y`` (e.g. ``DKK/yr``, ``t CO2e/yr``), shown on the axes.
    title : str, optional
        The figure's title.
    higher_better : tuple of str, default ()
        The columns where higher is better.
    color : str, optional
        A third column: the points of a three-measure front are then coloured by it,
        with a colour bar, and not joined (they lie on a surface).
    color_unit : str, default ""
        The unit of ``color``, shown on the colour bar.

    Returns
    -------
    plotly.graph_objects.Figure
        The points and, for two measures, the front joining the non-dominated ones.
    """

    require(df, (x, y) + ((color,) if color else ()), "front_figure")
    sign = lambda c: -1.0 if c in higher_better else 1.0  # noqa: E731
    on = _non_dominated_rows(np.column_stack([sign(c) * df[c].to_numpy(float) for c in (x, y, color) if c]))
    names = [esc(v) for v in df["label"]] if "label" in df.columns else [""] * len(df)
    tip = f"%{{text}}<br>{esc(x)}: %{{x:,.4~g}} {esc(x_unit)}<br>{esc(y)}: %{{y:,.4~g}} {esc(y_unit)}"
    front_tip = tip + (f"<br>{esc(color)}: %{{marker.color:,.4~g}} {esc(color_unit)}" if color else "")
    tip, front_tip = tip + "<extra></extra>", front_tip + "<extra></extra>"
    front = df[on].assign(_n=np.array(names, dtype=object)[on]).sort_values(x, kind="stable")
    rest = df[~on].assign(_n=np.array(names, dtype=object)[~on])
    if color:
        bar = f"{esc(color)} ({esc(color_unit)})" if color_unit else esc(color)
        marker = {"size": 12, "color": front[color].tolist(), "colorscale": VIRIDIS, "showscale": True,
                  "colorbar": {"title": {"text": bar}}}
        first = dict(type="scatter", x=front[x].tolist(), y=front[y].tolist(), text=front._n.tolist(), mode="markers",
                     name=label("front", lang), marker=marker, hovertemplate=front_tip)
    else:
        first = dict(type="scatter",
                     x=front[x].tolist(), y=front[y].tolist(), text=front._n.tolist(), mode="lines+markers",
                     name=label("front", lang), line={"color": "#0072B2", "width": 3}, marker={"size": 11},
                     hovertemplate=tip)
    traces = [first]
    if len(rest):
        traces.append(dict(type="scatter",
                           x=rest[x].tolist(), y=rest[y].tolist(), text=rest._n.tolist(), mode="markers",
                           name=label("dominated", lang), marker={"size": 8, "color": "#AAB7B8"},
                           hovertemplate=tip))
    layout = base_layout(title or label("pareto_title", lang), lang, height=440)
    layout["xaxis"] = {"title": {"text": f"{esc(x)} ({esc(x_unit)})" if x_unit else esc(x)}, "gridcolor": "#EAECEE"}
    layout["yaxis"] = {"title": {"text": f"{esc(y)} ({esc(y_unit)})" if y_unit else esc(y)}, "gridcolor": "#EAECEE"}
    return figure(traces, layout)


def _non_dominated_rows(V: np.ndarray) -> np.ndarray:
    """True for each row of ``V`` (points x measures, lower is better) that no other row beats on every measure."""
    le = np.all(V[None, :, :] <= V[:, None, :], axis=2)
    lt = np.any(V[None, :, :] < V[:, None, :], axis=2)
    return ~(le & lt).any(axis=1)


def measures_front(points: pd.DataFrame, names: list[str], columns: dict[str, str], lang: str = "en"):
    """The page's Pareto figure of a front between two or three measures, as ``(title, help, figure)``.

    ``points`` is :attr:`symbiosis.planning.pareto.ParetoFront.points`;
    ``names`` the measures (``cost``, ``co2e``, ..., ``social``) and
    ``columns`` the column of each. A third measure is shown as colour;
    supported jobs count as higher-is-better.
    """
    shown = [label(f"m_{n}", lang) for n in names]
    units = [label(f"u_{n}", lang) for n in names]
    df = points.rename(columns={columns[n]: s for n, s in zip(names, shown, strict=True)})
    df = df.assign(label="#" + df.point.astype(str))
    z = shown[2] if len(names) > 2 else None
    fig = front_figure(df, shown[0], shown[1], lang, x_unit=units[0], y_unit=units[1], title=" ",
                       higher_better=(label("m_social", lang),), color=z, color_unit=units[-1] if z else "")
    title = f"{label('pareto_title', lang)}: " + label("pareto_measures", lang).format(
        x=shown[0], y=shown[1] if z is None else f"{shown[1]}, {z}")
    help_text = label("pareto_help", lang) + (" " + label("pareto_one", lang) if len(df) == 1 else "")
    return title, help_text, fig
