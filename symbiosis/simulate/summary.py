"""Summaries of a run's tidy results: percentiles per year and indicator."""

from __future__ import annotations

import pandas as pd

__all__ = ["PERCENTILES", "summarise"]

PERCENTILES = (5, 50, 95)


def summarise(results: pd.DataFrame, scope: str = "network") -> pd.DataFrame:
    """Per year and indicator: samples, mean, sd and the 5th, 50th and 95th percentiles.

    Infeasible samples (NaN) are left out of the statistics; ``n`` counts the rest.

    Parameters
    ----------
    results : pandas.DataFrame
        Tidy results (:attr:`Run.results`).
    scope : str
        The scope summarised: ``network``, or another scope of the results (then per item too).

    Returns
    -------
    pandas.DataFrame
        One row per (year, indicator), or (year, item, indicator): ``n``, ``mean``, ``sd`` and a ``p<q>``
        column per percentile.
    """
    part = results[results.scope == scope]
    if scope == "network":
        part = part[part.indicator != "feasible"]
    keys = ["year", "indicator"] if scope == "network" else ["year", "item", "indicator"]
    g = part.groupby(keys, sort=False)["value"]
    out = g.agg(n="count", mean="mean", sd="std").reset_index()
    for q in PERCENTILES:
        out[f"p{q}"] = g.quantile(q / 100).to_numpy()
    out["sd"] = out["sd"].fillna(0.0)
    return out
