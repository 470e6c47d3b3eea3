"""The tables behind the figures, from a network and its results (pandas only, no plotly).

Each function returns a plain DataFrame with documented columns, so a figure
can be fed from a notebook, a scenario run or a test just as well.
Quantities are per year in the resource's unit; money is DKK per year.
"""

from __future__ import annotations

from types import SimpleNamespace
from typing import Any, cast

import numpy as np
import pandas as pd

from symbiosis.accounting.evaluated import Evaluation
from symbiosis.accounting.indicators import INDICATORS
from symbiosis.accounting.ledger import actor_costs as costs
from symbiosis.accounting.lenses import KALUNDBORG, KOLDING
from symbiosis.accounting.streams import stream_values
from symbiosis.model import Network
from symbiosis.packs import network_packs
from symbiosis.results import Result

__all__ = ["actor_costs", "actor_throughput", "cost_changes", "fold_rest", "fold_small", "history_table",
           "history_years", "records", "running", "sankey_table", "scorecard_table", "stream_table"]


def stream_table(network: Network, result: Result, counterfactual: Result | None = None,
                 values: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per running stream of ``result``.

    Columns: ``stream, supplier, receiver, resource, category, unit, flow`` (sent, unit/yr),
    ``delivered`` (after loss and substitution), ``replaces`` (the receiver's resource it feeds),
    ``loss, start, end`` (years, NaN where not recorded), ``provenance``
    (the observed flow's :class:`~symbiosis.model.Quantity`, or None), ``value_money`` (what the stream
    saves against ``counterfactual``, DKK/yr, read from the ledger:
    :func:`symbiosis.accounting.streams.stream_values`, or ``values`` where the caller has them; NaN
    without a counterfactual).
    """
    by_id = {s.id: s for s in network.streams}
    st = result.streams
    streams = [by_id[i] for i in st.stream]
    if counterfactual is not None and values is None:
        values = stream_values(result, counterfactual, network)
    value = values.value_money.to_numpy(dtype=float) if values is not None else np.full(len(st), np.nan)
    return pd.DataFrame({
        "stream": st.stream.values,
        "supplier": st.supplier.values,
        "receiver": st.receiver.values,
        "resource": st.resource.values,
        "category": [network.resource[r].category for r in st.resource.to_numpy(dtype=object)],
        "unit": st.unit.values,
        "flow": st.flow.values.astype(float),
        "delivered": st.delivered.values.astype(float),
        "replaces": [s.target_resource for s in streams],
        "loss": [s.loss for s in streams],
        "start": [s.start for s in streams],
        "end": [s.end for s in streams],
        "provenance": [s.observed for s in streams],
        "value_money": value,
    })


def actor_throughput(network: Network, streams: pd.DataFrame) -> pd.DataFrame:
    """Per actor: streams out and in, and the value exchanged (DKK/yr, the size of the streams' values
    given plus received, whatever their sign; unknown values count 0).

    Columns: ``actor, out, in, value_money``; every actor of the network has a row.
    """
    ids = [a.id for a in network.actors]
    out = streams.groupby("supplier").size().reindex(ids, fill_value=0)
    inn = streams.groupby("receiver").size().reindex(ids, fill_value=0)
    size = streams.value_money.abs().fillna(0.0)
    given = size.groupby(streams.supplier).sum().reindex(ids, fill_value=0.0)
    got = size.groupby(streams.receiver).sum().reindex(ids, fill_value=0.0)
    return pd.DataFrame({"actor": ids, "out": out.values, "in": inn.values, "value_money": (given + got).values})


def sankey_table(network: Network, result: Result) -> pd.DataFrame:
    """The Sankey's links: supplier -> resource -> receiver, virgin supply and disposal as end nodes.

    Columns: ``source_kind`` (``actor`` or ``virgin``), ``source`` (actor id, '' for virgin),
    ``resource``, ``target_kind`` (``actor`` or ``disposal``), ``target`` (actor id, '' for disposal),
    ``unit``, ``value`` (unit/yr, > 0). A stream's row carries what was sent; a virgin row what the
    actor bought; a disposal row what the actor disposed of.
    """
    st = result.streams[result.streams.flow > 0]
    parts = [pd.DataFrame({"source_kind": "actor", "source": st.supplier.values, "resource": st.resource.values,
                           "target_kind": "actor", "target": st.receiver.values, "unit": st.unit.values,
                           "value": st.flow.values})]
    v, d = result.virgin, result.disposal
    parts.append(pd.DataFrame({"source_kind": "virgin", "source": "", "resource": v.resource.values,
                               "target_kind": "actor", "target": v.actor.values, "unit": v.unit.values,
                               "value": v.quantity.values}))
    parts.append(pd.DataFrame({"source_kind": "actor", "source": d.actor.values, "resource": d.resource.values,
                               "target_kind": "disposal", "target": "", "unit": d.unit.values,
                               "value": d.quantity.values}))
    out = pd.concat(parts, ignore_index=True)
    return out[out.value > 0].reset_index(drop=True)


def fold_small(links: pd.DataFrame, most: int = 20) -> pd.DataFrame:
    """Sankey links of one unit with all but the ``most`` largest suppliers (and receivers) folded
    into one actor id ``~other``; ``attrs['folded']`` says how many were folded on each side.

    >>> t = pd.DataFrame({"source_kind": "actor", "source": ["a", "b", "c"], "resource": "r",
    ...                   "target_kind": "actor", "target": "z", "unit": "t", "value": [5.0, 1.0, 2.0]})
    >>> f = fold_small(t, most=1)
    >>> f[["source", "value"]].values.tolist(), f.attrs["folded"]
    ([['a', 5.0], ['~other', 3.0]], {'source': 2, 'target': 0})
    """
    out = links.copy()
    folded = {}
    for side in ("source", "target"):
        actors = out[out[f"{side}_kind"] == "actor"]
        totals = actors.groupby(side).value.sum().sort_values(ascending=False)
        small = set(totals.index[most:])
        folded[side] = len(small)
        out.loc[out[side].isin(small), side] = "~other"
    keys = ["source_kind", "source", "resource", "target_kind", "target", "unit"]
    out = out.groupby(keys, sort=False, as_index=False).agg({"value": "sum"})
    out.attrs["folded"] = folded
    return out


def fold_rest(links: pd.DataFrame, most: int = 100) -> pd.DataFrame:
    """Sankey links (rows of one unit) cut to at most ``most`` rows: the largest kept, the others
    grouped per resource into one row whose ends are ``~rest`` (kinds ``rest``);
    ``attrs['rest']`` counts the rows grouped per resource. Fewer than ``most`` rows come back
    unchanged. (More resources than ``most`` still give one row each.)

    >>> t = pd.DataFrame({"source_kind": "actor", "source": ["a", "b", "c"], "resource": "r",
    ...                   "target_kind": "actor", "target": "z", "unit": "t", "value": [5.0, 1.0, 2.0]})
    >>> f = fold_rest(t, most=2)
    >>> f[["source", "value"]].values.tolist(), f.attrs["rest"]
    ([['a', 5.0], ['~rest', 3.0]], {'r': 2})
    """
    if len(links) <= most:
        return links
    attrs = dict(links.attrs)
    ranked = links.sort_values("value", ascending=False, kind="stable")
    keep = most
    while keep > 0 and keep + ranked.resource.iloc[keep:].nunique() > most:
        keep -= 1
    rest = ranked.iloc[keep:]
    grouped = rest.groupby(["resource", "unit"], sort=False, as_index=False).value.sum().assign(
        source_kind="rest", source="~rest", target_kind="rest", target="~rest")
    out = pd.concat([ranked.iloc[:keep], grouped[links.columns]], ignore_index=True)
    out.attrs = {**attrs, "rest": rest.groupby("resource", sort=False).size().to_dict()}
    return out


def scorecard_table(evaluation: Evaluation) -> pd.DataFrame:
    """The indicators of an :class:`~symbiosis.evaluation.Evaluation` for the scorecard.

    Columns: ``indicator`` (key), ``line`` (its group in Kalundborg's lens: economy/environment/
    social), ``lens`` (its group in Kolding's: people/companies/society; both from
    :data:`symbiosis.accounting.lenses.LENSES`), ``unit``, ``today`` (observed savings against no symbiosis),
    ``best`` (optimised savings). Social indicators that are zero in both answers are left out
    (supported persons always stays), and so is any indicator without a value.
    """
    today, best = evaluation.savings("observed"), evaluation.savings("optimised")
    rows = [{"indicator": i.key, "line": KALUNDBORG.group_of(i.key), "lens": KOLDING.group_of(i.key),
             "unit": i.unit, "today": today[i.key], "best": best[i.key]}
            for i in INDICATORS if today[i.key] is not None and best[i.key] is not None]
    out = pd.DataFrame(rows)

    if not network_packs(evaluation.network):  # the Kolding lens belongs to the Danish pack (symbiosis.packs)
        out.attrs["lenses"] = ("line",)
    idle = (out.line == "social") & (out.today == 0) & (out.best == 0) & (out.indicator != "supported_persons")
    return out[~idle].reset_index(drop=True)


def actor_costs(network: Network, result: Result) -> pd.Series:
    """Yearly cost (DKK) of every actor of ``network`` in ``result`` (0 where none), from
    :func:`symbiosis.accounting.ledger.actor_costs`: purchases, disposal, transport of the streams it sends,
    process operating cost. Sums to ``result.totals['cost']``."""
    return costs(result, network).cost.reindex([a.id for a in network.actors], fill_value=0.0)


def cost_changes(network: Network, baseline: Result, scenario: Result, tol: float = 0.5) -> pd.DataFrame:
    """Each actor's change in yearly cost from ``baseline`` to ``scenario``, for the waterfall figure.

    Columns: ``label`` (actor name), ``change`` (DKK/yr, scenario - baseline); actors that change by
    less than ``tol`` DKK are left out; largest changes first.
    """
    delta = actor_costs(network, scenario) - actor_costs(network, baseline)
    delta = delta[delta.abs() >= tol]
    order = delta.abs().sort_values(ascending=False).index
    return pd.DataFrame({"label": [network.actor[a].name for a in order], "change": delta[order].values})


def history_table(network: Network) -> pd.DataFrame:
    """How many streams of each resource category (and service links) ran in each year.

    Years run from the earliest recorded start (stream, service link or membership) to the
    network's year. Columns: ``year, series`` (a category, or ``service_links``), ``value`` (count).
    The streams of a year are :meth:`Network.streams_in_year`'s (without a recorded start, from the
    network's year only; candidates left out).
    """
    years = history_years(network)
    rows: list[tuple[str, list[int] | np.ndarray]] = []  # (series, its count in each of ``years``)
    categories = sorted({network.resource[s.resource].category for s in network.streams if s.status != "candidate"})
    running_by_year = {yr: network.streams_in_year(yr) for yr in years}
    for cat in categories:
        rows.append((cat, [sum(network.resource[s.resource].category == cat for s in running_by_year[yr])
                           for yr in years]))
    if network.service_links:
        rows.append(("service_links", _running(network.service_links, np.array(years)[:, None], network.year)))
    return pd.DataFrame([{"year": yr, "series": name, "value": int(v)}
                         for name, counts in rows for yr, v in zip(years, counts, strict=True)])


def records(df: pd.DataFrame) -> list[SimpleNamespace]:
    """The rows of ``df`` as objects with attribute access (much faster than ``itertuples`` in pandas 3)."""
    rows = cast("list[dict[str, Any]]", df.to_dict("records"))  # the tables drawn name their columns by str
    return [SimpleNamespace(**row) for row in rows]


def running(items, year: int, unknown_start: int | None = None) -> list:
    """The streams or service links of ``items`` running in ``year``.

    No end is open-ended; no start is open-ended too, unless ``unknown_start`` is given: then an
    item without a recorded start counts from that year (the history uses the network's year, so
    an exchange of unknown age is not drawn back to 1961).
    """
    def start(i) -> float:
        return i.start if i.start is not None else (unknown_start if unknown_start is not None else -np.inf)

    return [i for i in items if start(i) <= year and (i.end is None or i.end >= year)]


def _running(items, y: np.ndarray, unknown_start: int) -> np.ndarray:
    start = np.array([i.start if i.start is not None else unknown_start for i in items])[None, :]
    end = np.array([i.end if i.end is not None else 10_000 for i in items])[None, :]
    return ((start <= y) & (y <= end)).sum(axis=1)


def history_years(network: Network) -> list[int]:
    """Every year from the earliest recorded start to the network's year."""
    starts = [s.start for s in network.streams if s.start and s.status != "candidate"]
    starts += [link.start for link in network.service_links if link.start]
    starts += [a.member_since for a in network.actors if a.member_since]
    first = min([*starts, network.year])
    return list(range(first, network.year + 1))
