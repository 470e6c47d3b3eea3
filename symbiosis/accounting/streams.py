"""What each stream is worth, read from the ledger: the engine's own costs, row by row.

A stream's value is a sum over ledger rows (:attr:`symbiosis.results.Result.ledger`) of the
counterfactual, each row's quantity avoided per unit sent times the engine's own value per unit
(the actor's factor row, the haul to the route or from the supplier, a process's operating cost):

- its own row: minus the transport it needs;
- the supplier's side: the residual's real route that it avoids (the disposal arc of the
  supplier's balance, with the supplier's own row and haul);
- the receiver's side, per unit delivered: the next-best source it replaces, as the
  counterfactual supplies that balance. A virgin purchase it uses (the receiver's own price and
  haul); else a process it runs (an own boiler): the process's operating cost and emissions, its
  inputs from their own next-best sources and its co-products to their routes; else the virgin
  arc it could use.

Whatever the counterfactual and the answer differ by on a row beyond what the streams account
for (a biogas plant that runs only with the symbiosis, a route its streams' values count but the
counterfactual does not use) is a *non-stream term*, one per row, with its cause. Per named cost,
the stream values plus the non-stream terms are the headline saving (counterfactual minus answer)
exactly: :attr:`StreamAccounts.remainder` is what is left, solver noise only.

The fair transfer price (DKK per unit sent) splits a stream's value equally between supplier and
receiver, the payer of transport paying it (see docs/scores.md). ``price_low`` to ``price_high`` is the
range of prices per unit sent (paid by the receiver to the supplier) in which the stream pays for both
sides; ``recorded_price`` is the stream's recorded payment per unit sent (:mod:`symbiosis.accounting.payments`),
None where none is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis.accounting.ledger import TRANSPORT_PAYERS
from symbiosis.accounting.payments import recorded_price
from symbiosis.errors import bad_parameter
from symbiosis.model import Network
from symbiosis.results import NAMED_COSTS, Result

__all__ = ["STREAM_COLUMNS", "StreamAccounts", "stream_accounts", "stream_values"]

#: The column of a stream's saving of each named cost (counterfactual minus answer, per year).
STREAM_COLUMNS = {"cost": "value_money", "co2e": "co2e_avoided", "groundwater": "groundwater_saved",
                  "virgin_material": "virgin_material_avoided", "disposed": "diverted_from_disposal"}
#: Below this, a quantity in the counterfactual is not used (the solver's noise is far smaller).
_USED = 1e-9
#: How many processes deep a next-best source is followed (a boiler's fuel from a refinery's process...).
_DEPTH = 6

Node = tuple[str, str, "str | None"]


@dataclass(frozen=True)
class StreamAccounts:
    """The per-stream values of one answer, the non-stream terms and what is left over.

    ``values``: one row per stream (``stream, supplier, receiver, resource, unit, flow, delivered``,
    the savings of :data:`STREAM_COLUMNS`, ``fair_price`` DKK per unit sent, ``price_low`` and
    ``price_high`` (the range where both sides gain), ``recorded_price`` (None: not recorded), ``alternative``: the
    route and next-best source it replaces). ``terms``: one row per ledger row with a difference
    no stream accounts for (``kind`` process, virgin, disposal or stream; ``actor``, ``item``
    (process or resource), ``quantity`` (answer minus counterfactual beyond the streams, in
    ``unit``), the same savings and ``cause``). ``remainder``: per named cost, headline saving
    minus streams minus terms (0 to solver tolerance; nonzero would mean the ledger and the
    solver's totals disagree).

    Parameters
    ----------
    values : pandas.DataFrame
        One row per stream (columns above).
    terms : pandas.DataFrame
        One row per ledger row with a difference no stream accounts for.
    remainder : dict of str to float
        Per named cost, the headline less the streams' values and the terms (solver noise; DKK/yr, t/yr, m3/yr).
    headline : dict of str to float
        Per named cost, the counterfactual's total less the answer's (DKK/yr, t/yr, m3/yr).
    """

    values: pd.DataFrame
    terms: pd.DataFrame
    remainder: dict[str, float]
    headline: dict[str, float]


def stream_values(result: Result, counterfactual: Result, network: Network,
                  transport_payer: str = "supplier") -> pd.DataFrame:
    """Per stream of ``result``, what it saves against ``counterfactual`` (see :func:`stream_accounts`).

    Parameters
    ----------
    result : Result
        One solved answer of the network.
    counterfactual : Result
        The counterfactual answer (no symbiosis streams) of the same network.
    network : Network
        The network.
    transport_payer : str
        Who pays a stream's transport: ``supplier`` or ``receiver``.

    Returns
    -------
    pandas.DataFrame
        :attr:`StreamAccounts.values`: one row per stream.
    """
    return stream_accounts(result, counterfactual, network, transport_payer).values


def stream_accounts(result: Result, counterfactual: Result, network: Network,
                    transport_payer: str = "supplier") -> StreamAccounts:
    """The streams' values, the non-stream terms and the remainder of ``result`` against ``counterfactual``.

    Both answers are of ``network`` (their ledgers have the same rows). Every number is a sum over
    ledger rows of quantity x the engine's value per unit (module notes).

    Parameters
    ----------
    result : Result
        One solved answer of the network.
    counterfactual : Result
        The counterfactual answer (no symbiosis streams) of the same network.
    network : Network
        The network.
    transport_payer : str
        Who pays a stream's transport: ``supplier`` or ``receiver``.

    Returns
    -------
    StreamAccounts
        The streams' values, the other terms and the remainder.

    Raises
    ------
    SymbiosisError
        For a ``transport_payer`` that is neither ``supplier`` nor ``receiver``.
    ValueError
        Where the two answers' ledger rows differ (not of the same network).
    """
    if transport_payer not in TRANSPORT_PAYERS:
        raise bad_parameter("transport_payer", f"'{transport_payer}' is not who pays transport; "
                            f"valid: {', '.join(TRANSPORT_PAYERS)}")
    var, cf_var = result.variables, counterfactual.variables
    keys = ["kind", "ref", "actor", "resource"]
    if len(var) != len(cf_var) or not var[keys].reset_index(drop=True).equals(cf_var[keys].reset_index(drop=True)):
        raise ValueError("the answer and the counterfactual are not of the same network (their ledger rows differ)")
    q_a = var.quantity.to_numpy(dtype=float)
    q_cf = cf_var.quantity.to_numpy(dtype=float)
    unit = {name: counterfactual.unit_costs[name] for name in NAMED_COSTS}
    delta = {name: q_cf * unit[name] - q_a * result.unit_costs[name] for name in NAMED_COSTS}
    rows = _Rows(var, q_cf, network)

    by_id = {s.id: s for s in network.streams}
    n = len(var)
    attributed = np.zeros(n)  # rows' quantity (counterfactual minus answer) the streams account for
    records = []
    for i in np.flatnonzero(rows.kind == "stream").tolist():
        s = by_id[rows.ref[i]]
        sink = rows.sink((s.supplier, s.resource, s.grade))
        source = rows.source((s.receiver, s.target_resource, None))
        per_unit = {i: -1.0}  # its own row: the answer carries it, the counterfactual does not
        for j, a in sink.items():
            per_unit[j] = per_unit.get(j, 0.0) + a
        for j, a in source.items():
            per_unit[j] = per_unit.get(j, 0.0) + s.gain * a
        change = q_a[i] - q_cf[i]  # more than without symbiosis (a baseline stream runs in both)
        for j, a in per_unit.items():
            attributed[j] += change * a
        saved = {name: change * sum(a * unit[name][j] for j, a in per_unit.items()) for name in NAMED_COSTS}
        gets = s.gain * sum(a * unit["cost"][j] for j, a in source.items())   # receiver, per unit sent
        avoids = sum(a * unit["cost"][j] for j, a in sink.items())            # supplier, per unit sent
        haul = unit["cost"][i]
        fair = (gets - avoids + haul) / 2 if transport_payer == "supplier" else (gets - avoids - haul) / 2
        low = haul - avoids if transport_payer == "supplier" else -avoids   # the supplier gains at or above
        high = gets if transport_payer == "supplier" else gets - haul       # the receiver gains at or below
        records.append({"stream": s.id, "supplier": s.supplier, "receiver": s.receiver, "resource": s.resource,
                        "unit": network.resource[s.resource].unit, "flow": q_a[i], "delivered": q_a[i] * s.gain,
                        **{STREAM_COLUMNS[k]: v for k, v in saved.items()}, "fair_price": fair,
                        "price_low": low, "price_high": high, "recorded_price": recorded_price(s, q_a[i]),
                        "alternative": f"{rows.describe(sink) or 'no route'}; {rows.describe(source) or 'no source'}"})
    cols = ["stream", "supplier", "receiver", "resource", "unit", "flow", "delivered", *STREAM_COLUMNS.values(),
            "fair_price", "price_low", "price_high", "recorded_price", "alternative"]
    values = pd.DataFrame(records, columns=cols)

    left = {name: delta[name] - attributed * unit[name] for name in NAMED_COSTS}
    scale = {name: max(1.0, float(np.abs(delta[name]).sum())) for name in NAMED_COSTS}
    keep = np.zeros(n, dtype=bool)
    for name in NAMED_COSTS:
        keep |= np.abs(left[name]) > 1e-9 * scale[name]
    terms = pd.DataFrame([{"kind": rows.kind[j], "actor": rows.actor[j], "item": rows.item(j),
                           "quantity": -(q_cf[j] - q_a[j] - attributed[j]), "unit": rows.unit(j),
                           **{STREAM_COLUMNS[k]: float(left[k][j]) for k in NAMED_COSTS},
                           "cause": rows.cause(j, q_a[j] - q_cf[j], attributed[j])}
                          for j in np.flatnonzero(keep).tolist()],
                         columns=["kind", "actor", "item", "quantity", "unit", *STREAM_COLUMNS.values(), "cause"])
    headline = {k: counterfactual.totals[k] - result.totals[k] for k in NAMED_COSTS}
    remainder = {k: headline[k] - float(values[STREAM_COLUMNS[k]].sum()) - float(terms[STREAM_COLUMNS[k]].sum())
                 for k in NAMED_COSTS}
    return StreamAccounts(values, terms, remainder, headline)


class _Rows:
    """The ledger's rows by what they are: virgin and disposal arcs by balance, processes by id."""

    def __init__(self, var: pd.DataFrame, q_cf: np.ndarray, network: Network) -> None:
        self.var, self.q_cf, self.net = var, q_cf, network
        # the columns as plain object arrays, read once: a row at a time from Arrow-backed columns is slow
        self.kind, self.ref, self.actor, self.resource = (var[c].to_numpy(dtype=object)
                                                          for c in ("kind", "ref", "actor", "resource"))
        kind = self.kind
        grade = [g if isinstance(g, str) and g else None for g in var.grade] if "grade" in var else [None] * len(var)
        self.arc: dict[tuple[str, Node], int] = {}
        self.process: dict[str, int] = {}
        for j, (k, ref, actor, res) in enumerate(zip(kind, self.ref, self.actor, self.resource, strict=True)):
            if k in ("virgin", "disposal"):
                self.arc[(k, (actor, res, grade[j]))] = j
            elif k == "process":
                self.process[ref] = j
        self.procs = {p.id: p for p in network.processes}

    def sink(self, node: Node, seen: frozenset = frozenset(), depth: int = 0) -> dict[int, float]:
        """Rows a unit taken from ``node`` avoids in the counterfactual (counterfactual minus answer): its real
        route (the disposal arc); where it has none but is the one output without a route of a process from
        bought inputs (a power station's steam), that process running more for it (negative: it costs), its
        inputs from their sources and its co-products to their routes."""
        j = self.arc.get(("disposal", node))
        if j is not None:
            return {j: 1.0}
        actor, resource, grade = node
        makers = [p for p in self.net.processes if p.actor == actor and resource in p.outputs
                  and p.output_grades.get(resource) == grade and self._only_routeless(p, resource)]
        if len(makers) != 1 or depth >= _DEPTH or node in seen:
            return {}
        return {j: -a for j, a in self._run(makers[0], resource, seen | {node}, depth).items()}

    def _only_routeless(self, p, resource: str) -> bool:
        """Whether ``p`` runs to make ``resource``: its one output without a route (the rest have disposal arcs),
        from inputs it can buy (a boiler or power station, not the treatment of a residual)."""
        return (all(("disposal", (p.actor, r, p.output_grades.get(r))) in self.arc for r in p.outputs if r != resource)
                and all(("virgin", (p.actor, r, None)) in self.arc for r in p.inputs))

    def _run(self, p, resource: str, seen: frozenset, depth: int) -> dict[int, float]:
        """Rows that one more unit of ``resource`` made by process ``p`` adds: the process, its inputs from their
        next-best sources, its co-products to their routes."""
        per = 1.0 / p.outputs[resource]
        out = {self.process[p.id]: per}
        parts = [(self.source((p.actor, r, None), seen, depth + 1), ratio) for r, ratio in p.inputs.items()]
        parts += [(self.sink((p.actor, r, p.output_grades.get(r)), seen, depth + 1), ratio)
                  for r, ratio in p.outputs.items() if r != resource]
        for rows, ratio in parts:
            for j, a in rows.items():
                out[j] = out.get(j, 0.0) + per * ratio * a
        return out

    def source(self, node: Node, seen: frozenset = frozenset(), depth: int = 0) -> dict[int, float]:
        """Rows a unit delivered into ``node`` avoids: the virgin purchase the counterfactual makes there, else a
        process it runs (its inputs and co-products followed), else the virgin arc it could use."""
        virgin = self.arc.get(("virgin", node))
        if virgin is not None and self.q_cf[virgin] > _USED:
            return {virgin: 1.0}
        actor, resource, grade = node
        running = [p for p in self.net.processes if p.actor == actor and resource in p.outputs
                   and p.output_grades.get(resource) == grade and self.q_cf[self.process[p.id]] > _USED]
        if running and depth < _DEPTH and node not in seen:
            p = max(running, key=lambda p: self.q_cf[self.process[p.id]] * p.outputs[resource])
            return self._run(p, resource, seen | {node}, depth)
        return {} if virgin is None else {virgin: 1.0}

    def describe(self, rows: dict[int, float]) -> str:
        """Which rows: 'disposal', 'virgin purchase', 'process <id>', the first (largest) named first."""
        words = []
        for j in sorted(rows, key=lambda j: -abs(rows[j])):
            k = self.kind[j]
            word = f"process {self.ref[j]}" if k == "process" else \
                "route" if k == "disposal" else "virgin purchase"
            words.append(f"{word} ({self.resource[j]})" if k != "process" else word)
        return ", ".join(dict.fromkeys(words))

    def item(self, j: int) -> str:
        k = self.kind[j]
        return str(self.ref[j]) if k in ("process", "stream") else str(self.resource[j])

    def unit(self, j: int) -> str:
        k = self.kind[j]
        if k == "process":
            return self.procs[self.ref[j]].activity_unit
        res = self.resource[j]
        return self.net.resource[res].unit if res in self.net.resource else ""

    def cause(self, j: int, change: float, attributed: float) -> str:
        """Why row ``j`` differs beyond its streams: ``change`` (answer minus counterfactual) against what the
        streams' values count (``attributed``, counterfactual minus answer)."""
        k, actor, item = self.kind[j], self.actor[j], self.item(j)
        what = {"process": f"process {item} runs", "virgin": f"virgin {item} bought",
                "disposal": f"{item} sent to its route", "stream": f"stream {item} carries"}.get(k, f"{k} {item}")
        counted = -attributed
        who = self.net.actor[actor].name if actor in self.net.actor else actor
        if abs(counted) <= _USED:
            return f"{what} ({who}) {_signed(change)} {self.unit(j)}: in no stream's value"
        return (f"{what} ({who}) {_signed(change)} {self.unit(j)}, streams count {_signed(counted)}: "
                "the next-best source differs at the margin")


def _signed(x: float) -> str:
    return f"{x:+,.6g}"
