"""The tornado: which assumptions move a headline number most, each moved alone across its range."""

from __future__ import annotations

import pandas as pd

from symbiosis.viz._frames import require
from symbiosis.viz.labels import label
from symbiosis.viz.style import BAD, GOOD, base_layout, esc, num

__all__ = ["tornado"]


def tornado(table: pd.DataFrame, base: float, indicator: str, lang: str = "en", *, unit: str = "",
            title: str | None = None, most: int = 15):
    """Horizontal bars from the headline ``base`` to its value at each assumption's low and high end.

    ``table`` is :func:`symbiosis.planning.sensitivity.sensitivity`'s (columns ``parameter``, ``low``,
    ``high``, ``unit``, ``<indicator>_at_low`` and ``<indicator>_at_high``, largest first, and ``range``
    where it has one); an end that cannot balance (NaN) has no bar; a row without ``low`` and ``high`` (an
    accounting convention) is named by its ``range``. The ``most`` largest are drawn, the largest on top.

    >>> import pandas as pd
    >>> t = pd.DataFrame({"parameter": ["price", "flow"], "low": [1.0, 5.0], "high": [3.0, 9.0], "unit": ["DKK", "t"],
    ...                   "cost_saved_at_low": [80.0, 95.0], "cost_saved_at_high": [130.0, float("nan")]})
    >>> fig = tornado(t, 100.0, "cost_saved")
    >>> list(fig.data[0].y), list(fig.data[1].base)
    (['flow', 'price'], [100.0, 100.0])
    """
    import plotly.graph_objects as go

    low, high = f"{indicator}_at_low", f"{indicator}_at_high"
    require(table, ("parameter", "low", "high", low, high), "tornado")
    top = table.head(most).iloc[::-1]
    names = [esc(p) for p in top.parameter]
    traces = []
    for column, end, colour in ((low, "low", BAD), (high, "high", GOOD)):
        delta = (top[column] - base).astype(float)
        ends = [esc(str(k)) if v != v else f"{esc(label('t_' + end, lang))}: {num(v, lang)} {esc(u)}"
                for v, u, k in zip(top[end], top.get("unit", [""] * len(top)), top.get("range", [""] * len(top)),
                                   strict=True)]  # a convention's row has no range of numbers: its name says it
        traces.append(go.Bar(x=delta.tolist(), y=names, base=[float(base)] * len(top), orientation="h",
                             name=label("t_" + end, lang), marker={"color": colour}, customdata=ends,
                             hovertemplate=f"%{{y}}<br>%{{customdata}}<br>{esc(label(indicator, lang))}: "
                                           f"%{{x:,.4~g}} {esc(unit)}<extra></extra>"))
    layout = base_layout(title or label("tornado_title", lang), lang, height=max(320, 80 + 28 * len(top)))
    layout["barmode"] = "overlay"
    layout["xaxis"] = {"title": {"text": f"{esc(label(indicator, lang))} ({esc(unit)})"}, "gridcolor": "#EAECEE"}
    layout["yaxis"] = {"automargin": True}
    layout["shapes"] = [{"type": "line", "x0": float(base), "x1": float(base), "yref": "paper", "y0": 0, "y1": 1,
                         "line": {"color": "#1C2833", "width": 1}}]
    return go.Figure(data=traces, layout=layout)
