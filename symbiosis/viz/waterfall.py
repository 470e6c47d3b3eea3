"""Baseline against scenario: a waterfall of the changes by stream or actor."""

from __future__ import annotations

import pandas as pd

from symbiosis.present.pagewords import label
from symbiosis.viz._frames import require
from symbiosis.viz.plain import figure
from symbiosis.viz.style import BAD, GOOD, NEUTRAL, base_layout, esc, num

__all__ = ["waterfall"]


def waterfall(changes: pd.DataFrame, baseline: float, unit: str, lang: str = "en", *,
              baseline_label: str | None = None, scenario_label: str | None = None,
              title: str | None = None, lower_is_better: bool = True, most: int = 15):
    """A plotly waterfall from ``baseline`` through each change to the scenario's total.

    Beyond ``most`` bars the smallest changes are summed into one "other" bar, so the
    total stays exact.

    Parameters
    ----------
    changes : pandas.DataFrame
        Columns ``label`` (a stream or actor name, shown as text) and ``change``
        (scenario - baseline, in ``unit``).
    baseline : float
        The baseline's total, in ``unit``.
    unit : str
        The unit of the values (e.g. ``DKK/yr``, ``t CO2e/yr``).
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    baseline_label, scenario_label : str, optional
        The names of the first and last bars.
    title : str, optional
        The figure's title.
    lower_is_better : bool, default True
        A fall is green (costs, emissions); otherwise a rise is.
    most : int, default 15
        How many changes get a bar of their own.

    Returns
    -------
    plotly.graph_objects.Figure
        The waterfall, baseline and total as absolute bars.

    Examples
    --------
    >>> import pandas as pd
    >>> fig = waterfall(pd.DataFrame({"label": ["A", "B"], "change": [-30.0, 10.0]}), 100, "DKK/yr")
    >>> list(fig.data[0].measure), list(fig.data[0].y)
    (['absolute', 'relative', 'relative', 'total'], [100.0, -30.0, 10.0, 0.0])
    """

    require(changes, ("label", "change"), "waterfall")
    df = changes.assign(size=changes.change.abs()).sort_values("size", ascending=False)
    if len(df) > most:
        rest = df.iloc[most - 1:]
        df = pd.concat([df.iloc[: most - 1],
                        pd.DataFrame({"label": [f"{len(rest)} {'andre' if lang == 'da' else 'others'}"],
                                      "change": [rest.change.sum()]})], ignore_index=True)
    base = baseline_label or label("today", lang)
    end = scenario_label or label("best_use", lang)
    good, bad = (GOOD, BAD) if lower_is_better else (BAD, GOOD)
    x = [esc(base), *[esc(v) for v in df.label], esc(end)]
    y = [float(baseline), *df.change.astype(float), 0.0]
    trace = dict(
        type="waterfall", x=x, y=y, measure=["absolute"] + ["relative"] * len(df) + ["total"],
        decreasing={"marker": {"color": good}}, increasing={"marker": {"color": bad}},
        totals={"marker": {"color": NEUTRAL}}, connector={"line": {"color": "#AAB7B8", "dash": "dot"}},
        hovertemplate="%{x}: %{y:,.4~g} " + esc(unit) + "<extra></extra>",
        text=[_fmt(baseline, lang), *[_fmt(v, lang, sign=True) for v in df.change],
              _fmt(baseline + df.change.sum(), lang)], textposition="outside",
    )
    layout = base_layout(title or label("change", lang), lang, height=500)
    layout["yaxis"] = {"title": {"text": esc(unit)}, "gridcolor": "#EAECEE", "rangemode": "tozero"}
    layout["xaxis"] = {"tickangle": -30, "automargin": True}
    layout["showlegend"] = False
    return figure([trace], layout)


def _fmt(x: float, lang: str, sign: bool = False) -> str:
    text = num(abs(x), lang, 0 if abs(x) >= 100 or float(x).is_integer() else 1)
    return (("+" if x > 0 else "−" if x < 0 else "") if sign else ("−" if x < 0 else "")) + text
