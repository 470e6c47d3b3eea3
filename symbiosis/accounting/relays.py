"""Relays and hubs: streams through an intermediary, reported per end-to-end pair.

A relay (``Actor.relays``: a steam main, a shared pipeline, a trader) passes a
resource on: what the streams arriving at it deliver equals what the streams
leaving it carry (the engine's balance of the relay, with no purchase and no
disposal there). Which supplier's unit reaches which receiver is not observable
in a pipe, so the pairs are split in proportion (every unit in the relay is
alike): supplier ``i`` delivers the share ``d_i / D`` of every unit that leaves
(``d_i`` what its stream delivers into the relay, ``D`` the sum), and of what it
sends, the share ``q_o / Q`` goes out on leaving stream ``o`` (``q_o`` its
flow, ``Q`` the sum). So per pair, ``sent`` adds up to what each supplier sent
and ``delivered`` to what each receiver got; the difference is what the arriving
and leaving legs lost on the way.
"""

from __future__ import annotations

from typing import cast

import pandas as pd

from symbiosis.model import Network
from symbiosis.results import Result

__all__ = ["PAIR_COLUMNS", "relay_balance", "relay_pairs"]

PAIR_COLUMNS = ["relay", "resource", "supplier", "receiver", "via_in", "via_out", "sent", "delivered", "lost"]


def _legs(network: Network, actor: str, resource: str):
    ins = [s for s in network.streams if s.receiver == actor and s.target_resource == resource]
    outs = [s for s in network.streams if s.supplier == actor and s.resource == resource]
    return ins, outs


def _flows(result: Result) -> dict[str, float]:
    var = result.variables
    return cast(dict[str, float], var[var.kind == "stream"].groupby("ref").quantity.sum().to_dict())


def relay_balance(result: Result, network: Network) -> pd.DataFrame:
    """Per relay and resource: ``arrived`` (what the arriving streams deliver) and ``left`` (what the
    leaving streams carry) in ``result``; the engine keeps them equal."""
    flow = _flows(result)
    rows = []
    for a in network.actors:
        for r in a.relays:
            ins, outs = _legs(network, a.id, r)
            rows.append({"relay": a.id, "resource": r,
                         "arrived": sum(flow.get(s.id, 0.0) * s.gain for s in ins),
                         "left": sum(flow.get(s.id, 0.0) for s in outs)})
    return pd.DataFrame(rows, columns=["relay", "resource", "arrived", "left"])


def relay_pairs(result: Result, network: Network) -> pd.DataFrame:
    """Per relay, resource and (supplier, receiver) pair through it: units the supplier ``sent`` on the way
    to that receiver, units ``delivered`` to it and ``lost`` between (see the module notes), in the
    resource's unit per year. Pairs that carry nothing are left out."""
    flow = _flows(result)
    rows = []
    for a in network.actors:
        for r in a.relays:
            ins, outs = _legs(network, a.id, r)
            into = {s.id: flow.get(s.id, 0.0) * s.gain for s in ins}
            total_in, total_out = sum(into.values()), sum(flow.get(s.id, 0.0) for s in outs)
            if total_in <= 1e-9 or total_out <= 1e-9:
                continue
            for i in ins:
                for o in outs:
                    q_o = flow.get(o.id, 0.0)
                    sent = flow.get(i.id, 0.0) * q_o / total_out
                    delivered = into[i.id] / total_in * q_o * o.gain
                    if sent > 1e-9 or delivered > 1e-9:
                        rows.append({"relay": a.id, "resource": r, "supplier": i.supplier, "receiver": o.receiver,
                                     "via_in": i.id, "via_out": o.id, "sent": sent, "delivered": delivered,
                                     "lost": sent - delivered})
    return pd.DataFrame(rows, columns=PAIR_COLUMNS)
