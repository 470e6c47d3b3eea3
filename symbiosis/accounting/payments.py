"""Recorded payments: what one actor pays another for a stream, where a source records it.

A stream's :class:`~symbiosis.model.Payment` (a price per unit sent, a sum per
year, or both; the receiver paying the supplier, or the supplier paying a gate
fee to the receiver) is a transfer between two actors: it moves money from the
payer to the payee and cancels in the network total. "Who gains and who pays"
(:func:`symbiosis.accounting.savings.actor_savings`), the company view and the
streams' price range read it from here:

- :func:`payments`: per stream of an answer, who pays whom how much (0 where the
  stream carries nothing), and whether a payment is recorded at all;
- :func:`transfers`: per actor, what it receives minus what it pays (DKK/yr), so
  the network's sum is 0 by construction.

Money is in the network's currency per year.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol, cast

import numpy as np
import pandas as pd

from symbiosis.model import Network, Stream
from symbiosis.results import Result

__all__ = ["PAYMENT_COLUMNS", "payments", "recorded_price", "transfer_rows", "transfers", "unpriced"]

PAYMENT_COLUMNS = ["stream", "supplier", "receiver", "sent", "recorded", "payer", "payee", "amount"]


class _PaymentRow(Protocol):
    """A row of :func:`payments` as ``itertuples`` gives it."""

    stream: str
    supplier: str
    receiver: str
    sent: float
    recorded: bool
    payer: str
    payee: str
    amount: float


def _rows(table: pd.DataFrame) -> Iterable[_PaymentRow]:
    """The rows of a :func:`payments` table (or a selection of it), typed."""
    return cast(Iterable[_PaymentRow], table.itertuples())


def _sent(result: Result) -> dict[str, float]:
    """Units sent per stream id in ``result`` (its ledger's stream rows, summed over grades)."""
    var = result.variables
    rows = var[var.kind == "stream"]
    return cast(dict[str, float], rows.groupby("ref").quantity.sum().to_dict())


def payments(result: Result, network: Network) -> pd.DataFrame:
    """Per stream of ``network``: units ``sent`` in ``result``, whether a payment is ``recorded``, the
    ``payer`` and ``payee`` (actor ids; empty where none is recorded) and the ``amount`` (DKK/yr; 0 where the
    stream sends nothing or no payment is recorded)."""
    sent = _sent(result)
    rows = []
    for s in network.streams:
        q = float(sent.get(s.id, 0.0))
        p = s.payment
        payer, payee = ((s.receiver, s.supplier) if p.payer == "receiver" else (s.supplier, s.receiver)) \
            if p is not None else ("", "")
        rows.append({"stream": s.id, "supplier": s.supplier, "receiver": s.receiver, "sent": q,
                     "recorded": p is not None, "payer": payer, "payee": payee,
                     "amount": p.amount(q) if p is not None else 0.0})
    return pd.DataFrame(rows, columns=PAYMENT_COLUMNS)


def transfers(result: Result, network: Network) -> pd.Series:
    """Per actor id (every actor of ``network``), payments received minus paid in ``result`` (DKK/yr).

    Sums to 0 over the actors: a payment is a transfer, never a saving of the network.
    """
    out = pd.Series(0.0, index=pd.Index([a.id for a in network.actors], name="actor"))
    pay = payments(result, network)
    for r in _rows(pay[pay.recorded]):
        out[r.payee] += r.amount
        out[r.payer] -= r.amount
    return out


def transfer_rows(network: Network, stream_ids: list[str], actors: list[str], flow: np.ndarray) -> np.ndarray:
    """:func:`transfers` for many samples at once: ``flow`` is ``k x len(stream_ids)`` units sent; returns
    ``k x len(actors)`` payments received minus paid (DKK/yr), each row summing to 0 (a sweep's per-actor
    cost saved adds the answer's minus the counterfactual's, as :func:`~symbiosis.accounting.savings.actor_savings`).
    """
    flow = np.atleast_2d(np.asarray(flow, dtype=float))
    out = np.zeros((flow.shape[0], len(actors)))
    code = {a: i for i, a in enumerate(actors)}
    by_id = {s.id: s for s in network.streams}
    for j, ref in enumerate(stream_ids):
        s = by_id[ref]
        p = s.payment
        if p is None:
            continue
        q = np.where(flow[:, j] > 1e-9, flow[:, j], 0.0)
        amount = (p.per_unit or 0.0) * q + np.where(q > 1e-9, p.per_year or 0.0, 0.0)
        payer, payee = (s.receiver, s.supplier) if p.payer == "receiver" else (s.supplier, s.receiver)
        out[:, code[payee]] += amount
        out[:, code[payer]] -= amount
    return out


def recorded_price(stream: Stream, sent: float) -> float | None:
    """The recorded payment per unit sent, as the receiver pays it (negative: the supplier pays a gate fee),
    at ``sent`` units per year (a yearly sum spread over them); None where no payment is recorded."""
    p = stream.payment
    if p is None:
        return None
    per_unit = (p.per_unit or 0.0) + ((p.per_year or 0.0) / sent if sent > 1e-9 else 0.0)
    return per_unit if p.payer == "receiver" else -per_unit


def unpriced(result: Result, network: Network) -> dict[str, list[str]]:
    """Per actor, the streams it sends or receives in ``result`` with no recorded payment (ids, in file
    order): where "who gains" shows the engine's savings without the money that changes hands."""
    pay = payments(result, network)
    out: dict[str, list[str]] = {}
    for r in _rows(pay[(~pay.recorded) & (pay.sent > 1e-9)]):
        out.setdefault(r.supplier, []).append(r.stream)
        out.setdefault(r.receiver, []).append(r.stream)
    return out
