"""What the running streams and processes cost to build, against what they save: annualised capital, payback, NPV.

A stream's or a process's ``economics`` block may declare its investment (``capital_cost`` in the network's
currency, ``year_built``, ``lifetime_years``, ``discount_rate``; :class:`symbiosis.model.Investment`). Here,
in one place:

- the **annualised capital cost**: the annuity ``capital x r / (1 - (1 + r)^-n)`` over the lifetime ``n`` at
  the rate ``r`` (``capital / n`` at a rate of 0), :func:`symbiosis.engine.annuity`, the one ``design`` uses
  for candidate links;
- a stream's **yearly saving** is its value in the ledger (:func:`symbiosis.accounting.streams.stream_accounts`,
  ``value_money``), never recomputed: its **payback** is capital / saving (years; infinite where it saves
  nothing), and its **net present value** over its lifetime is ``saving x PVF - capital``, with the present
  value factor ``PVF = 1 / annuity(1, r, n)``: "would we build it again" at its own rate;
- a process has no value of its own in the ledger (its effect is in its streams' values and the terms
  beside them), so it shows its annualised capital cost, not a payback.

The headline cost saved stays an operating saving (before capital cost); :func:`capital_summary` gives the
annualised capital cost of what is still within its lifetime in the network's year (an investment written
off by then costs nothing more) and the saving net of it, beside it.

The default rate, 3.5 % a year, is the Danish socio-economic discount rate for the first 35 years of a
project (Finansministeriet, "Dokumentationsnotat - den samfundsøkonomiske diskonteringsrente", 2021).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

from symbiosis.accounting.indicators import FLOW_INDICATORS
from symbiosis.engine import annuity
from symbiosis.model import Network, Stream

if TYPE_CHECKING:
    from symbiosis.accounting.evaluated import Evaluation
from symbiosis import parameters as P

__all__ = ["DISCOUNT_RATE", "INVESTMENT_COLUMNS", "Investments", "answer_investments", "capital_summary",
           "declares_investments", "evaluation_investments", "investment_table", "present_value_factor"]

DISCOUNT_RATE: float = P.DISCOUNT_RATE.default

INVESTMENT_COLUMNS = ["kind", "item", "where", "capital_cost_money", "year_built", "lifetime_yr", "discount_rate",
                      "rate_declared", "annualised_capital_money_yr", "saving_money_yr", "net_saving_money_yr",
                      "payback_yr", "npv_money", "years_left"]


def declares_investments(network: Network) -> bool:
    """Whether any stream running in the network's year, or any process, of ``network`` declares a capital cost."""
    return any(x.economics is not None and x.economics.invested for x in network.streams_in_year()) or any(
        x.economics is not None and x.economics.invested for x in network.processes)


def present_value_factor(rate: float, years: float) -> float:
    """What a saving of 1 a year for ``years`` years is worth today at ``rate``: ``1 / annuity(1, rate, years)``.

    >>> round(present_value_factor(0.0, 10), 6)
    10.0
    """
    return 1.0 / float(annuity(1.0, rate, years))


def investment_table(network: Network, per_stream: pd.DataFrame | None = None,
                     default_rate: float = DISCOUNT_RATE) -> pd.DataFrame:
    """One row per stream running in the network's year (:meth:`~symbiosis.model.Network.streams_in_year`) or
    process of ``network`` that declares a capital cost.

    ``per_stream`` is the ledger's per-stream values of one answer (``stream`` and ``value_money``:
    :func:`~symbiosis.accounting.streams.stream_accounts`); without it, or for a stream it lacks (not running in
    the network's year), the saving, payback and NPV are NaN. ``default_rate`` is the rate of investments that
    declare none. Columns (:data:`INVESTMENT_COLUMNS`): ``kind`` (stream or process), ``item`` (its id),
    ``where`` (supplier -> receiver, or the process's actor), ``capital_cost_money``, ``year_built``,
    ``lifetime_yr``, ``discount_rate`` and ``rate_declared``, ``annualised_capital_money_yr``,
    ``saving_money_yr`` (the stream's ledger value), ``net_saving_money_yr`` (saving minus annualised capital),
    ``payback_yr`` (capital / saving; inf where it saves nothing), ``npv_money`` (saving x PVF - capital over its
    lifetime at its rate) and ``years_left`` (of its lifetime after the network's year; NaN without
    ``year_built``). Money in the network's currency.
    """
    P.DISCOUNT_RATE.check(default_rate, "default_rate")
    value = {} if per_stream is None else dict(zip(per_stream.stream, per_stream.value_money, strict=True))
    rows = []
    for kind, parts in (("stream", network.streams_in_year()), ("process", network.processes)):
        for x in parts:
            e = x.economics
            if e is None or not e.invested:
                continue
            where = f"{x.supplier} -> {x.receiver}" if isinstance(x, Stream) else x.actor
            assert e.capital_cost is not None  # for the type checker: ``e.invested``
            rows.append({"kind": kind, "item": x.id, "where": where, "capital_cost_money": e.capital_cost.value,
                         "year_built": e.year_built, "lifetime_yr": e.lifetime_years,
                         "discount_rate": default_rate if e.discount_rate is None else e.discount_rate,
                         "rate_declared": e.discount_rate is not None,
                         "saving_money_yr": float(value[x.id]) if kind == "stream" and x.id in value else math.nan})
    if not rows:
        return pd.DataFrame(columns=INVESTMENT_COLUMNS)
    table = pd.DataFrame(rows)
    capital = table.capital_cost_money.to_numpy(dtype=float)
    rate = table.discount_rate.to_numpy(dtype=float)
    years = table.lifetime_yr.to_numpy(dtype=float)
    saving = table.saving_money_yr.to_numpy(dtype=float)
    annualised = np.array([float(annuity(c, r, n)) for c, r, n in zip(capital, rate, years, strict=True)])
    pvf = np.array([present_value_factor(r, n) for r, n in zip(rate, years, strict=True)])
    with np.errstate(divide="ignore", invalid="ignore"):
        payback = np.where(np.isnan(saving), np.nan, np.where(saving > 0, capital / saving, np.inf))
    built = pd.to_numeric(table.year_built, errors="coerce").to_numpy(dtype=float)
    table["annualised_capital_money_yr"] = annualised
    table["net_saving_money_yr"] = saving - annualised
    table["payback_yr"] = payback
    table["npv_money"] = saving * pvf - capital
    table["years_left"] = built + years - network.year
    return table[INVESTMENT_COLUMNS]


def capital_summary(table: pd.DataFrame, cost_saved: float) -> dict[str, float]:
    """The headline beside the capital: ``cost_saved_before_capital_money_yr`` (the operating saving),
    ``annualised_capital_money_yr`` (the annuities of the investments still within their lifetime in the
    network's year: those written off by then, ``years_left`` 0 or less, cost nothing more) and
    ``net_of_capital_money_yr`` (the first minus the second), per year in the network's currency."""
    paying = table[~(table.years_left.astype(float) <= 0)] if not table.empty else table
    annualised = float(paying.annualised_capital_money_yr.sum()) if not paying.empty else 0.0
    return {"cost_saved_before_capital_money_yr": cost_saved, "annualised_capital_money_yr": annualised,
            "net_of_capital_money_yr": cost_saved - annualised}


@dataclass(frozen=True, eq=False)
class Investments:
    """The declared investments of one answer: the :func:`investment_table` and the :func:`capital_summary`."""

    table: pd.DataFrame
    summary: dict[str, float]


def answer_investments(network: Network, per_stream: pd.DataFrame, cost_saved: float,
                       default_rate: float = DISCOUNT_RATE) -> Investments | None:
    """The investments of one answer, from its ledger's per-stream values and its headline ``cost_saved``;
    None where ``network`` declares none."""
    if not declares_investments(network):
        return None
    table = investment_table(network, per_stream, default_rate)
    return Investments(table, capital_summary(table, cost_saved))


def evaluation_investments(ev: Evaluation) -> dict[str, Investments]:
    """Per answer (observed, optimised) of an evaluation, its :class:`Investments`; empty where the network
    declares none (nothing is computed then)."""
    if not declares_investments(ev.network):
        return {}
    # declared, so each is an Investments; cost_saved is a flow indicator, read off the totals (the materials
    # and social indicators of the whole savings are not needed here)
    cost = FLOW_INDICATORS["cost_saved"]
    return {answer: cast(Investments, answer_investments(
        ev.network, ev.stream_accounts(answer).values,
        ev.counterfactual.totals[cost] - ev.result(answer).totals[cost]))
            for answer in ("observed", "optimised")}
