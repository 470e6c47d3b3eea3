"""Time paths: indicators (or counts) year by year over a horizon, one line per series."""

from __future__ import annotations

import pandas as pd

from symbiosis.present.pagewords import label
from symbiosis.viz._frames import require
from symbiosis.viz.plain import figure
from symbiosis.viz.style import CATEGORY_COLOURS, SERVICE_COLOUR, base_layout, esc

__all__ = ["time_paths"]


def time_paths(df: pd.DataFrame, lang: str = "en", *, unit: str = "", title: str | None = None,
               step: bool = False):
    """A plotly line chart of values over the years, one line per series.

    Series named after a resource category or ``service_links`` get the map's colours and
    translated names.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``year``, ``value`` (in ``unit``) and optionally ``series`` (one line each;
        e.g. an indicator or a scenario).
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    unit : str, default ""
        The values' unit, shown on the axis.
    title : str, optional
        The figure's title.
    step : bool, default False
        Draw the lines as steps (for counts).

    Returns
    -------
    plotly.graph_objects.Figure
        One line per series.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"year": [2025, 2026, 2025, 2026], "value": [1.0, 2.0, 3.0, 4.0],
    ...                    "series": ["base", "base", "plan", "plan"]})
    >>> [t.name for t in time_paths(df).data]
    ['base', 'plan']
    """

    require(df, ("year", "value"), "time_paths")
    df = df if "series" in df.columns else df.assign(series="")
    traces = []
    for series, part in df.groupby("series", sort=False):
        name = str(series)
        part = part.sort_values("year")
        known = name in CATEGORY_COLOURS or name == "service_links"
        shown = label(f"c_{name}" if name in CATEGORY_COLOURS else name, lang) if known else esc(name)
        colour = CATEGORY_COLOURS.get(name, SERVICE_COLOUR if name == "service_links" else None)
        traces.append(dict(type="scatter",
                           x=part.year.tolist(), y=part.value.astype(float).tolist(), mode="lines", name=shown,
                           line={"width": 3, "shape": "hv" if step else "linear",
                                 **({"color": colour} if colour else {})},
                           hovertemplate=f"{shown} %{{x}}: %{{y:,.4~g}} {esc(unit)}<extra></extra>"))
    layout = base_layout(title or label("tp_title", lang), lang, height=420)
    layout["xaxis"] = {"title": {"text": label("year", lang)}, "gridcolor": "#EAECEE", "ticklabelstandoff": 6}
    layout["yaxis"] = {"title": {"text": esc(unit)}, "gridcolor": "#EAECEE", "ticklabelstandoff": 8,
                       "rangemode": "tozero", **({"tickformat": "d"} if step else {})}
    layout["hovermode"] = "x unified"
    return figure(traces, layout)
