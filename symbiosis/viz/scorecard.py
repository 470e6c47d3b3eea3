"""The triple-bottom-line scorecard: every indicator as a card, in two lenses.

Kalundborg's lens groups the indicators as economy / environment / social;
Kolding's as value for people / companies / society. The figure holds one set
of cards per lens (the first ``len(table)`` traces are Kalundborg's) and two
buttons show one set or the other; the numbers are the same. Each card shows what today's symbiosis
saves against no symbiosis, and under it what the best use of the same
streams would save.
"""

from __future__ import annotations

import textwrap

import pandas as pd

from symbiosis.model.money import current_currency, in_currency
from symbiosis.present.pagewords import label
from symbiosis.viz.data import records
from symbiosis.viz.plain import figure
from symbiosis.viz.style import base_layout, num

__all__ = ["LENSES", "REQUIRED", "scorecard"]

LENSES = {"line": ("economy", "environment", "social"), "lens": ("people", "companies", "society")}
REQUIRED = ("indicator", "line", "lens", "unit", "today", "best")


def scorecard(table: pd.DataFrame, lang: str = "en", title: str | None = None):
    """A plotly Figure of indicator cards. Make its table from an evaluation with
    :func:`symbiosis.viz.data.scorecard_table`.

    Parameters
    ----------
    table : pandas.DataFrame
        Columns ``indicator`` (key or text), ``line`` (economy/environment/social), ``lens``
        (people/companies/society), ``unit``, ``today`` and ``best`` (savings against no
        symbiosis, in ``unit``).
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    title : str, optional
        The figure's title.

    Returns
    -------
    plotly.graph_objects.Figure
        One indicator card per row, today's value against the best.

    Raises
    ------
    ValueError
        When ``table`` lacks one of the columns above.

    Examples
    --------
    >>> import pandas as pd
    >>> t = pd.DataFrame({"indicator": ["cost_saved"], "line": ["economy"], "lens": ["companies"],
    ...                   "unit": ["DKK/yr"], "today": [5000.0], "best": [6000.0]})
    >>> fig = scorecard(t)
    >>> fig.data[0].value, fig.data[0].domain.x
    (5000.0, (0.0, 0.2833))
    """

    missing = [c for c in REQUIRED if c not in table.columns]
    if missing:
        raise ValueError(f"scorecard table lacks columns {missing}; needs {list(REQUIRED)}")
    extra = 18 * max((len(textwrap.wrap(label(k, lang), 28)) - 1 for k in table["indicator"]), default=0)
    extra = max(extra, 0)  # px for card titles of two lines or more: headings and buttons move up by it
    lenses = table.attrs.get("lenses", tuple(LENSES))  # ("line",): a network without the Danish pack
    layouts = {by: _grid(table, by, extra) for by in lenses}
    traces = []
    for by in lenses:  # one set of cards per lens; the buttons show one set (moving cards misdraws numbers)
        for i, row in enumerate(records(table)):
            scale, unit = _scale(row.today, row.unit, lang)
            best = f"{label('best_possible', lang)}: {num(row.best / scale, lang, 1 if scale > 1 else None)} {unit}"
            x, y = layouts[by][0][i]
            traces.append({
                "type": "indicator", "mode": "number", "value": float(row.today / scale), "visible": by == "line",
                "name": f"{by}:{row.indicator}",
                "number": {"suffix": f" {unit}", "valueformat": _format(row.today / scale, scale),
                           "font": {"size": 30, "color": "#1B4F72"}},
                "title": {"text": f"<b>{'<br>'.join(textwrap.wrap(label(row.indicator, lang), 28))}</b><br>"
                                  f"<span style='font-size:13px;color:#5D6D7E'>{best}</span>", "font": {"size": 15}},
                "domain": {"x": x, "y": y},
            })
    height = 125 * max(max(table.groupby(by).size().max() for by in lenses), 1) + 110
    layout = base_layout(title or label("score_title", lang), lang, height=height)
    layout["margin"]["t"] = 110 + extra
    layout["annotations"] = layouts["line"][1]
    if len(lenses) > 1:  # buttons to switch lenses (a network without the Danish pack has one)
        layout["updatemenus"] = [{
            "type": "buttons", "direction": "right", "x": 0.0, "xanchor": "left", "y": 1.0, "yanchor": "bottom",
            "pad": {"b": 48 + extra}, "showactive": True, "font": {"size": 14},
            "buttons": [{"label": label(f"lens_{name}", lang), "method": "update",
                         "args": [{"visible": [t["name"].startswith(by + ":") for t in traces]},
                                  {"annotations": layouts[by][1]}]}
                        for by, name in (("line", "kalundborg"), ("lens", "kolding"))],
        }]
    _localise_headings(layout, lang)
    return figure(traces, layout)


def _grid(table: pd.DataFrame, by: str, extra: int = 0) -> tuple[list[tuple[list[float], list[float]]], list[dict]]:
    """Domain (x, y) of each row's card with the groups of ``by`` as columns, and the column headings."""
    groups = LENSES[by]
    rows = max(int(table.groupby(by).size().max()), 1) if len(table) else 1
    width, gap = 1 / len(groups), 0.05
    slot = {}
    for g in groups:
        for k, idx in enumerate(table.index[table[by] == g]):
            slot[idx] = (groups.index(g), k)
    domains = []
    for idx in table.index:
        col, k = slot.get(idx, (len(groups) - 1, rows - 1))
        x = [round(col * width, 4), round((col + 1) * width - gap, 4)]
        top = 1 - k / rows
        domains.append((x, [round(top - 1 / rows + 0.04, 4), round(top - 0.02, 4)]))
    headings = [{"text": f"<b>{g}</b>", "x": (groups.index(g) + 0.5) * width - gap / 2, "y": 1.0, "xref": "paper",
                 "yref": "paper", "yanchor": "bottom", "showarrow": False, "font": {"size": 17, "color": "#1C2833"},
                 "yshift": 8 + extra, "name": g} for g in groups]
    return domains, headings


def _localise_headings(layout: dict, lang: str) -> None:
    """Translate the column headings in the layout (a dict) and in both buttons (copies: the lenses share them)."""
    def fix(annotations):
        return [{**a, "text": f"<b>{label(a['name'], lang)}</b>"} for a in annotations]

    layout["annotations"] = fix(layout["annotations"])
    for button in layout["updatemenus"][0]["buttons"] if layout.get("updatemenus") else ():  # one lens: no buttons
        button["args"] = [button["args"][0], {"annotations": fix(button["args"][1]["annotations"])}]


def _format(value: float, scale: float) -> str:
    """d3 format of a card's number: millions with one decimal, small numbers with up to two."""
    if scale > 1:
        return ",.1f"
    return ",.0f" if abs(value) >= 10 else ",.2~f"


def _scale(value: float, unit: str, lang: str) -> tuple[float, str]:
    """Large DKK amounts in millions; units written the language's way (``DKK/yr`` -> ``kr./år``)."""
    per = "/år" if lang == "da" else "/yr"
    unit = unit.replace("/yr", per)
    money = unit.startswith(("DKK", current_currency()))
    if money and abs(value) >= 1e6:
        return 1e6, in_currency(("mio. kr." if lang == "da" else "million DKK") + per)
    if money and lang == "da":
        return 1.0, in_currency("kr." + per)
    if unit == "share":
        return 0.01, "%"
    if unit == "h/år":
        return 1.0, "timer/år"
    if unit == "persons":
        return 1.0, {("en", True): "person", ("en", False): "persons", ("da", True): "person",
                     ("da", False): "personer"}[(lang, value == 1)]
    if unit == "FTE" and lang == "da":
        return 1.0, "årsværk"
    return 1.0, unit
