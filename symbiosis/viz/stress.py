"""The stress ranking: which actor or stream, if lost, would cost the symbiosis most."""

from __future__ import annotations

import pandas as pd

from symbiosis.present.pagewords import label
from symbiosis.viz._frames import require
from symbiosis.viz.plain import figure
from symbiosis.viz.style import BAD, base_layout, esc

__all__ = ["stress_ranking"]


def stress_ranking(df: pd.DataFrame, lang: str = "en", *, unit: str = "", title: str | None = None,
                   most: int = 20):
    """Horizontal bars, largest loss on top. Only the ``most`` largest are drawn.

    Parameters
    ----------
    df : pandas.DataFrame
        Columns ``item`` (actor or stream name) and ``loss`` (savings lost when it fails,
        in ``unit``); an optional ``detail`` column (e.g. the partners that lose inputs)
        shows on hover.
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    unit : str, default ""
        The losses' unit (e.g. ``DKK/yr``), shown on the axis.
    title : str, optional
        The figure's title.
    most : int, default 20
        How many of the largest losses are drawn.

    Returns
    -------
    plotly.graph_objects.Figure
        One horizontal bar per item.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = stress_ranking(pd.DataFrame({"item": ["a", "b", "c"], "loss": [5.0, 20.0, 1.0]}))
    >>> list(fig.data[0].y)
    ['c', 'a', 'b']
    """

    require(df, ("item", "loss"), "stress_ranking")
    top = df.sort_values("loss", ascending=False).head(most).iloc[::-1]
    detail = [esc(v) for v in top["detail"]] if "detail" in top.columns else [""] * len(top)
    trace = dict(type="bar", x=top.loss.astype(float).tolist(), y=[esc(v) for v in top["item"]], orientation="h",
                 marker={"color": BAD}, customdata=detail,
                 hovertemplate=f"%{{y}}: %{{x:,.4~g}} {esc(unit)}<br>%{{customdata}}<extra></extra>")
    layout = base_layout(title or label("stress_title", lang), lang, height=max(300, 60 + 30 * len(top)))
    layout["xaxis"] = {"title": {"text": esc(unit)}, "gridcolor": "#EAECEE"}
    layout["yaxis"] = {"automargin": True}
    return figure([trace], layout)
