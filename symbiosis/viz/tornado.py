"""The tornado: which assumptions move a headline number most, each moved alone across its range."""

from __future__ import annotations

import pandas as pd

from symbiosis.present.pagewords import label
from symbiosis.viz._frames import require
from symbiosis.viz.plain import figure
from symbiosis.viz.style import BAD, GOOD, base_layout, esc, num

__all__ = ["tornado"]


def tornado(table: pd.DataFrame, base: float, indicator: str, lang: str = "en", *, unit: str = "",
            title: str | None = None, most: int = 15, also: dict[str, tuple[float, str]] | None = None):
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

    ``also`` adds other bottom lines (indicator -> (base, unit)), each ranked by its own swing, with
    buttons to switch between them (the first shown).
    """

    lines = {indicator: (base, unit), **(also or {})}
    traces, buttons = [], []
    for k, (key, (at, u)) in enumerate(lines.items()):
        ranked = table if k == 0 else _ranked(table, key, at)
        got = _bars(ranked.head(most).iloc[::-1], at, key, lang, u, visible=k == 0)
        buttons.append({"label": label(key, lang), "method": "update",
                        "args": [{"visible": [j // 2 == k for j in range(2 * len(lines))]},
                                 {"xaxis.title.text": f"{esc(label(key, lang))} ({esc(u)})",
                                  "yaxis.categoryarray": list(got[0]["y"]) if got else [],
                                  "shapes[0].x0": float(at), "shapes[0].x1": float(at)}]})
        traces += got
    n = min(most, len(table))
    layout = base_layout(title or label("tornado_title", lang), lang, height=max(320, 80 + 28 * n))
    layout["barmode"] = "overlay"
    layout["xaxis"] = {"title": {"text": f"{esc(label(indicator, lang))} ({esc(unit)})"}, "gridcolor": "#EAECEE"}
    layout["yaxis"] = {"automargin": True, "categoryorder": "array", "categoryarray": list(traces[0]["y"]) if traces
                       else []}
    layout["shapes"] = [{"type": "line", "x0": float(base), "x1": float(base), "yref": "paper", "y0": 0, "y1": 1,
                         "line": {"color": "#1C2833", "width": 1}}]
    if len(lines) > 1:
        layout["updatemenus"] = [{"type": "buttons", "direction": "right", "x": 0, "xanchor": "left", "y": 1.08,
                                  "yanchor": "bottom", "showactive": True, "buttons": buttons}]
    return figure(traces, layout)


def _ranked(table: pd.DataFrame, key: str, base: float) -> pd.DataFrame:
    """``table`` ranked by how far the farther end moves ``key`` from ``base`` (an end that cannot balance last)."""
    reach = (table[f"{key}_at_low"] - base).abs().combine((table[f"{key}_at_high"] - base).abs(), max)
    return table.assign(_reach=reach.fillna(-1.0)).sort_values("_reach", ascending=False, kind="stable")


def _bars(top: pd.DataFrame, base: float, indicator: str, lang: str, unit: str, visible: bool) -> list:
    """The two bars (low end, high end) of each row of ``top`` for one indicator."""

    low, high = f"{indicator}_at_low", f"{indicator}_at_high"
    require(top, ("parameter", "low", "high", low, high), "tornado")
    names = [esc(p) for p in top.parameter]
    traces = []
    for column, end, colour in ((low, "low", BAD), (high, "high", GOOD)):
        delta = (top[column] - base).astype(float)
        ends = [esc(str(k)) if v != v else f"{esc(label('t_' + end, lang))}: {num(v, lang)} {esc(u)}"
                for v, u, k in zip(top[end], top.get("unit", [""] * len(top)), top.get("range", [""] * len(top)),
                                   strict=True)]  # a convention's row has no range of numbers: its name says it
        traces.append(dict(type="bar", x=delta.tolist(), y=names, base=[float(base)] * len(top), orientation="h",
                           name=label("t_" + end, lang), marker={"color": colour}, customdata=ends,
                           hovertemplate=f"%{{y}}<br>%{{customdata}}<br>{esc(label(indicator, lang))}: "
                                         f"%{{x:,.4~g}} {esc(unit)}<extra></extra>", visible=visible))
    return traces
