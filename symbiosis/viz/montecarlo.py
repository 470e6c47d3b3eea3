"""Monte Carlo bands: the median and the 50 % and 90 % ranges of an indicator over the years."""

from __future__ import annotations

import numpy as np
import pandas as pd

from symbiosis.present.pagewords import label
from symbiosis.viz._frames import require
from symbiosis.viz.plain import figure
from symbiosis.viz.style import base_layout, esc

__all__ = ["PALETTE", "band_table", "monte_carlo_bands"]

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")


def band_table(samples: pd.DataFrame) -> pd.DataFrame:
    """Percentiles per year (and ``series``) from raw samples with columns ``year, sample, value``.

    Returns columns ``year, series, p5, p25, p50, p75, p95``.

    >>> import pandas as pd
    >>> s = pd.DataFrame({"year": [2030] * 101, "sample": range(101), "value": [float(v) for v in range(101)]})
    >>> band_table(s)[["p5", "p50", "p95"]].values.tolist()
    [[5.0, 50.0, 95.0]]
    """
    require(samples, ("year", "value"), "band_table")
    df = samples if "series" in samples.columns else samples.assign(series="")
    q = df.groupby(["series", "year"], sort=False).value.quantile(np.array([0.05, 0.25, 0.5, 0.75, 0.95])).unstack()
    q.columns = ["p5", "p25", "p50", "p75", "p95"]
    return q.reset_index()[["year", "series", "p5", "p25", "p50", "p75", "p95"]]


def monte_carlo_bands(df: pd.DataFrame, lang: str = "en", *, unit: str = "", title: str | None = None):
    """A plotly Figure of bands from either raw samples (``year, sample, value``) or percentiles
    (``year, p5, p50, p95`` and optionally ``p25, p75``); an optional ``series`` column draws
    one set of bands each (e.g. per scenario).

    Parameters
    ----------
    df : pandas.DataFrame
        The samples or percentiles, values in ``unit``.
    lang : str, default "en"
        The labels' language, ``en`` or ``da``.
    unit : str, default ""
        The values' unit (e.g. ``DKK/yr``, ``t CO2e/yr``), shown on the axis.
    title : str, optional
        The figure's title.

    Returns
    -------
    plotly.graph_objects.Figure
        The median line and the 5-95 (and 25-75) percentile bands per series.
    """

    if "p50" not in df.columns:
        require(df, ("year", "sample", "value"), "monte_carlo_bands")
        df = band_table(df)
    require(df, ("year", "p5", "p50", "p95"), "monte_carlo_bands")
    df = df if "series" in df.columns else df.assign(series="")
    traces = []
    for i, (name, part) in enumerate(df.groupby("series", sort=False)):
        part = part.sort_values("year")
        c = PALETTE[i % len(PALETTE)]
        rgb = tuple(int(c[k:k + 2], 16) for k in (1, 3, 5))
        shown = esc(name) if name else label("value", lang)
        x = part.year.tolist()
        bands = [("p5", "p95", 0.18, label("band_90", lang))]
        if {"p25", "p75"} <= set(part.columns):
            bands.append(("p25", "p75", 0.32, label("band_50", lang)))
        for lo, hi, alpha, band in bands:
            traces.append(dict(type="scatter",
                               x=x + x[::-1], y=part[hi].tolist() + part[lo].tolist()[::-1], mode="lines",
                               fill="toself",
                               fillcolor=f"rgba({rgb[0]},{rgb[1]},{rgb[2]},{alpha})", line={"width": 0},
                               name=f"{shown} {band}", legendgroup=str(i), hoverinfo="skip"))
        traces.append(dict(type="scatter",
                           x=x, y=part.p50.tolist(), mode="lines+markers", line={"color": c, "width": 3},
                           name=f"{shown} ({label('median', lang)})", legendgroup=str(i),
                           customdata=part[["p5", "p95"]].values.tolist(),
                           hovertemplate=(f"{shown} %{{x}}: %{{y:,.4~g}} {esc(unit)} "
                                          "[%{customdata[0]:,.4~g}; %{customdata[1]:,.4~g}]<extra></extra>")))
    layout = base_layout(title or label("mc_title", lang), lang, height=440)
    layout["xaxis"] = {"title": {"text": label("year", lang)}, "gridcolor": "#EAECEE", "ticklabelstandoff": 6}
    layout["yaxis"] = {"title": {"text": esc(unit)}, "gridcolor": "#EAECEE", "ticklabelstandoff": 8}
    return figure(traces, layout)
