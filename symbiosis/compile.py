"""The border between the domain and the engine.

:func:`compile_network` turns a :class:`~symbiosis.model.Network` into a
:class:`flows.Problem` for one of three answers, and :func:`read_solution`
maps the engine's arrays back to named tables. Nothing else crosses.

Nodes are (actor, resource) balances: demand - supply = what arrives by
stream (x substitution ratio x (1 - loss)) + process outputs + virgin
purchases - what leaves by stream - process inputs - disposal. A graded
supply or process output (``Supply.grade``, ``Process.output_grades``) is a
balance of its own, (actor, resource, grade), that only streams naming the
grade and disposal draw on.

Named costs on every arc and process (per unit, per year):
``cost`` DKK, ``co2e`` t CO2e, ``groundwater`` m3 drawn, ``virgin_material``
t of virgin material or nutrient bought, ``disposed`` t sent to disposal.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd
import scipy.sparse as sp

import flows
from symbiosis.errors import Problem as Finding
from symbiosis.errors import SymbiosisError
from symbiosis.model import Network

Mode = Literal["observed", "counterfactual", "optimised"]
MODES: tuple[Mode, ...] = ("observed", "counterfactual", "optimised")
COSTS = ("cost", "co2e", "groundwater", "virgin_material", "disposed")
_MASS_CATEGORIES = {"material", "nutrient", "feed", "waste"}


@dataclass(frozen=True, eq=False)
class Compiled:
    """A flows problem and the names behind its indices."""

    network: Network
    mode: Mode
    problem: flows.Problem
    nodes: pd.DataFrame  # actor, resource, unit, supply, demand
    arcs: pd.DataFrame  # kind (stream|virgin|disposal), ref (stream id or ''), actor, resource, node, grade
    process_ids: list[str]


def compile_network(net: Network, mode: Mode = "optimised", candidates: bool = False) -> Compiled:
    """The flows problem whose optimum is the ``mode`` answer for ``net``.

    ``observed`` fixes every running stream to its recorded flow (0 where none
    is recorded), ``counterfactual`` closes every stream (everything disposed
    of, every need bought virgin), ``optimised`` lets each running stream
    carry anything up to its capacity. Candidate streams are left out here;
    they are a design question (new links need investment): ``candidates=True``
    appends them, open up to their capacity, after the running streams (see
    :mod:`symbiosis.design`).
    """
    if mode not in MODES:
        raise ValueError(f"mode must be one of {MODES}")
    streams = net.streams_in_year()
    if candidates:
        streams = streams + [s for s in net.streams if s.status == "candidate"]
    # a graded supply or process output is a balance of its own, (actor, resource, grade): a stream draws on
    # the grade it names, and validation lets it run only to receivers that accept that grade
    supply = _by_node((s.actor, s.resource, s.grade, s.quantity.value) for s in net.supplies)
    demand = _by_node((d.actor, d.resource, None, d.quantity.value) for d in net.demands)

    keys: dict[tuple[str, str, str | None], int] = {}

    def node(actor: str, resource: str, grade: str | None = None) -> int:
        return keys.setdefault((actor, resource, grade), len(keys))

    for a, r, g in list(supply) + list(demand):
        node(a, r, g)
    for p in net.processes:
        for r in p.inputs:
            node(p.actor, r)
        for r in p.outputs:
            node(p.actor, r, p.output_grades.get(r))
    tail = [node(s.supplier, s.resource, s.grade) for s in streams]
    head = [node(s.receiver, s.target_resource) for s in streams]

    n = len(keys)
    node_actor = [k[0] for k in keys]
    node_res = [k[1] for k in keys]
    sup = np.array([supply.get(k, 0.0) for k in keys])
    dem = np.array([demand.get(k, 0.0) for k in keys])
    has_input = np.zeros(n, bool)
    has_output = np.zeros(n, bool)
    for p in net.processes:
        has_input[[keys[(p.actor, r, None)] for r in p.inputs]] = True
        has_output[[keys[(p.actor, r, p.output_grades.get(r))] for r in p.outputs]] = True

    fv = net.factor_value
    res = net.resource
    virgin_nodes = [i for i in range(n) if (dem[i] > 0 or has_input[i])
                    and fv("virgin_price", node_res[i]) is not None]
    disposal_nodes = [i for i in range(n) if sup[i] > 0 or has_output[i]]

    # -- stream arcs ----------------------------------------------------
    gain = [s.gain for s in streams]
    if mode == "counterfactual":
        lo = np.zeros(len(streams))
        hi = np.zeros(len(streams))
    elif mode == "observed":
        lo = hi = np.array([s.observed.value if s.observed else 0.0 for s in streams])
    else:
        lo = np.zeros(len(streams))
        hi = np.array([s.capacity.value if s.capacity else np.inf for s in streams])
    s_cost = np.array([_transport(net, s, "transport_cost") for s in streams])
    s_co2 = np.array([_transport(net, s, "transport_co2e") for s in streams])

    # -- boundary arcs: virgin purchases and disposal -------------------
    v_res = [node_res[i] for i in virgin_nodes]
    d_res = [node_res[i] for i in disposal_nodes]
    is_mass = lambda r: res[r].category in _MASS_CATEGORIES and res[r].unit == "t"  # noqa: E731
    k_s, k_v, k_d = len(streams), len(virgin_nodes), len(disposal_nodes)
    tails = np.array(tail + [flows.BOUNDARY] * k_v + disposal_nodes, dtype=np.int64)
    heads = np.array(head + virgin_nodes + [flows.BOUNDARY] * k_d, dtype=np.int64)
    costs = {
        "cost": np.concatenate([s_cost, [fv("virgin_price", r) for r in v_res],
                                [fv("disposal_cost", r, default=0.0) for r in d_res]]),
        "co2e": np.concatenate([s_co2, [fv("virgin_co2e", r, default=0.0) for r in v_res],
                                [fv("disposal_co2e", r, default=0.0) for r in d_res]]),
        "groundwater": np.concatenate([np.zeros(k_s), [fv("groundwater", r, default=0.0) for r in v_res],
                                       np.zeros(k_d)]),
        "virgin_material": np.concatenate([np.zeros(k_s), [float(is_mass(r)) for r in v_res], np.zeros(k_d)]),
        "disposed": np.concatenate([np.zeros(k_s + k_v), [float(is_mass(r)) for r in d_res]]),
    }

    # -- processes --------------------------------------------------------
    rows, cols, vals = [], [], []
    for j, p in enumerate(net.processes):
        for r, ratio in p.inputs.items():
            rows.append(keys[(p.actor, r, None)]), cols.append(j), vals.append(-ratio)
        for r, ratio in p.outputs.items():
            rows.append(keys[(p.actor, r, p.output_grades.get(r))]), cols.append(j), vals.append(ratio)
    m = len(net.processes)
    conversion = sp.csr_matrix((vals, (rows, cols)), shape=(n, m))
    conv_costs = {name: np.zeros(m) for name in COSTS}
    conv_costs["cost"] = np.array([p.operating_cost for p in net.processes])
    conv_costs["co2e"] = np.array([p.co2e for p in net.processes])

    problem = flows.Problem(
        n_nodes=n, tail=tails, head=heads, rhs=dem - sup,
        gain=np.concatenate([gain, np.ones(k_v + k_d)]),
        lower=np.concatenate([lo, np.zeros(k_v + k_d)]),
        upper=np.concatenate([hi, np.full(k_v + k_d, np.inf)]),
        costs=costs, conversion=conversion,
        conv_upper=np.array([p.capacity.value for p in net.processes]),
        conv_costs=conv_costs,
    )
    nodes = pd.DataFrame({"actor": node_actor, "resource": node_res,
                          "unit": [res[r].unit for r in node_res], "supply": sup, "demand": dem,
                          "grade": _grades(k[2] for k in keys)})
    arcs = pd.DataFrame({
        "kind": ["stream"] * k_s + ["virgin"] * k_v + ["disposal"] * k_d,
        "ref": [s.id for s in streams] + [""] * (k_v + k_d),
        "actor": [s.supplier for s in streams] + [node_actor[i] for i in virgin_nodes]
        + [node_actor[i] for i in disposal_nodes],
        "resource": [s.resource for s in streams] + v_res + d_res,
        "node": np.concatenate([tail, virgin_nodes, disposal_nodes]).astype(np.int64),
    })
    arcs["grade"] = _grades(nodes.grade.to_numpy()[arcs.node.to_numpy()])  # of the balance it leaves or feeds
    return Compiled(net, mode, problem, nodes, arcs, [p.id for p in net.processes])


def _grades(values) -> pd.Series:
    """Grades as an object column: a name, or None where ungraded (never NaN)."""
    return pd.Series([g if isinstance(g, str) and g else None for g in values], dtype=object)


def _by_node(rows) -> dict[tuple[str, str, str | None], float]:
    out: dict[tuple[str, str, str | None], float] = {}
    for actor, resource, grade, value in rows:
        out[(actor, resource, grade)] = out.get((actor, resource, grade), 0.0) + value
    return out


def _transport(net: Network, stream, factor: str) -> float:
    """Per-unit transport cost (DKK) or CO2e (t) of a stream.

    An explicit ``transport_cost`` on the stream wins; otherwise distance x
    the factor table's per-(unit x km) value for the stream's mode.
    """
    if factor == "transport_cost" and stream.transport_cost:
        return stream.transport_cost
    per_km = net.factor_value(factor, mode=stream.mode)
    if per_km is None or stream.distance_km is None:
        return 0.0
    return per_km * stream.distance_km


@dataclass(frozen=True, eq=False)
class Result:
    """One answer for a network, as named tables. Quantities are per year.

    ``streams``, ``virgin``, ``disposal`` and ``prices`` name the ``grade`` of
    what they carry or balance (None: ungraded); a graded supply or process
    output is disposed of on its own row.
    """

    mode: Mode
    objective: str | dict[str, float]
    streams: pd.DataFrame
    virgin: pd.DataFrame
    disposal: pd.DataFrame
    processes: pd.DataFrame
    prices: pd.DataFrame
    totals: dict[str, float]


def read_solution(c: Compiled, sol: flows.Solution, objective) -> Result:
    """Named tables of a solved problem."""
    net = c.network
    arcs = c.arcs.assign(flow=sol.flow, cost_per_unit=c.problem.costs["cost"], co2e_per_unit=c.problem.costs["co2e"])
    arcs["flow"] = arcs["flow"].where(arcs["flow"].abs() > 1e-9, 0.0)
    st = arcs[arcs.kind == "stream"]
    by_id = {s.id: s for s in net.streams}
    streams = pd.DataFrame({
        "stream": st.ref.values,
        "supplier": [by_id[i].supplier for i in st.ref],
        "receiver": [by_id[i].receiver for i in st.ref],
        "resource": st.resource.values,
        "grade": _grades(by_id[i].grade for i in st.ref),
        "unit": [net.resource[r].unit for r in st.resource],
        "flow": st.flow.values,
        "delivered": st.flow.values * np.array([by_id[i].gain for i in st.ref]),
        "replaces": [by_id[i].target_resource for i in st.ref],
        "observed": [by_id[i].observed.value if by_id[i].observed else np.nan for i in st.ref],
        "capacity": [by_id[i].capacity.value if by_id[i].capacity else np.nan for i in st.ref],
        "transport_cost_dkk": st.flow.values * st.cost_per_unit.values,
    })

    def boundary(kind: str, price: str) -> pd.DataFrame:
        part = arcs[(arcs.kind == kind) & (arcs.flow > 0)]
        return pd.DataFrame({
            "actor": part.actor.values, "resource": part.resource.values, "grade": _grades(part.grade),
            "unit": [net.resource[r].unit for r in part.resource], "quantity": part.flow.values,
            price: part.flow.values * part.cost_per_unit.values,
            "co2e_t": part.flow.values * part.co2e_per_unit.values,
        })

    processes = pd.DataFrame({
        "process": c.process_ids, "actor": [p.actor for p in net.processes],
        "activity": sol.activity, "activity_unit": [p.activity_unit for p in net.processes],
        "capacity": [p.capacity.value for p in net.processes],
    })
    prices = c.nodes[["actor", "resource", "grade", "unit"]].assign(value_per_unit=sol.duals)
    return Result(c.mode, objective, streams, boundary("virgin", "cost_dkk"), boundary("disposal", "cost_dkk"),
                  processes, prices, sol.totals)


def solve_compiled(c: Compiled, objective: str | dict[str, float] = "cost") -> flows.Solution:
    """Solve a compiled network; an infeasible or unsolved one raises :class:`SymbiosisError`."""
    sol = flows.solve(c.problem, objective)
    if sol.status == "infeasible":
        raise infeasible_error(c)
    if not sol.ok:
        raise SymbiosisError([Finding("", f"the solver stopped without an optimum ({sol.status}: {sol.message})")],
                             summary=f"network '{c.network.id}', {c.mode} flows:")
    return sol


def solve_network(net: Network, mode: Mode = "optimised", objective: str | dict[str, float] = "cost") -> Result:
    """Compile, solve and name one answer; an infeasible network raises :class:`SymbiosisError`."""
    c = compile_network(net, mode)
    return read_solution(c, solve_compiled(c, objective), objective)


def infeasible_error(c: Compiled) -> SymbiosisError:
    """Name the (actor, resource) balances that cannot close, and what would fix them."""
    net = c.network
    findings = []
    streams = net.streams_in_year()
    for imb in flows.diagnose_infeasible(c.problem):
        actor, resource, grade = c.nodes.actor[imb.node], c.nodes.resource[imb.node], c.nodes.grade[imb.node]
        unit = c.nodes.unit[imb.node]
        what = f"'{resource}'" + (f" of grade '{grade}'" if grade else "")
        name = net.actor[actor].name
        inbound = [f"streams[{net.streams.index(s)}]" for s in streams
                   if s.receiver == actor and s.target_resource == resource and not grade]
        outbound = [f"streams[{net.streams.index(s)}]" for s in streams
                    if s.supplier == actor and s.resource == resource and s.grade == grade]
        if imb.shortage > 0 and grade:  # a graded balance: only its supply and process outputs fill it
            findings.append(Finding(outbound[0] if outbound else "supplies", f"{name} ({actor}) lacks "
                                    f"{imb.shortage:,.6g} {unit} of {what} that nothing can provide; lower the "
                                    f"observed flows {', '.join(outbound) or '(none)'} or raise the supply or "
                                    "process output of that grade"))
        elif imb.shortage > 0:
            d = _index(net.demands, actor, resource)
            where = f"demands[{d}]" if d is not None else (outbound[0] if outbound else "factors")
            fix = (f"lower {where}, add a virgin_price factor for '{resource}' so it can be bought"
                   if net.factor_value("virgin_price", resource) is None
                   else f"lower the observed flows {', '.join(outbound)} or raise the supply")
            findings.append(Finding(where, f"{name} ({actor}) lacks {imb.shortage:,.6g} {unit} of {what} "
                                    f"that nothing can provide; {fix}"))
        else:
            d = _index(net.demands, actor, resource)
            where = inbound[0] if inbound else "supplies"
            need = f"its demand of {net.demands[d].quantity.value:,.6g} {unit}" if d is not None else "its needs"
            findings.append(Finding(where, f"{name} ({actor}) receives {imb.surplus:,.6g} {unit} of '{resource}' "
                                    f"more than {need} and its processes can take; lower the observed flows "
                                    f"{', '.join(inbound) or '(none)'} or raise the demand"))
    changes = _bound_changes(c)
    if findings and changes:  # the same conflict seen from the bounds: the least change that balances
        hint = "; ".join(f"{path} from {bound:,.6g} to {needed:,.6g}" for path, _, bound, needed in changes)
        findings[0] = Finding(findings[0].path, f"{findings[0].message} (or change {hint})", findings[0].line)
    elif changes:
        findings = [Finding(path, message) for path, message, _, _ in changes]
    if not findings:
        findings.append(Finding("streams", "the stream and process bounds contradict each other "
                                "(check capacities against observed flows)"))
    err = SymbiosisError(findings, summary=f"network '{net.id}' cannot balance ({c.mode} flows):")
    return err.with_file(*net.origin) if net.origin else err


def _index(rows, actor: str, resource: str) -> int | None:
    return next((i for i, r in enumerate(rows) if r.actor == actor and r.resource == resource), None)


def _bound_changes(c: Compiled) -> list[tuple[str, str, float, float]]:
    """The stream and process bounds to move, by the least total amount, for the balances to close:
    (field path, message, bound, needed value) each (see flows.diagnose_bounds)."""
    from flows.diagnose import diagnose_bounds

    net = c.network
    index = {s.id: i for i, s in enumerate(net.streams)}
    out = []
    n = c.problem.n_arcs
    for b in diagnose_bounds(c.problem):
        if b.var >= n:
            j = b.var - n
            out.append((f"processes[{j}].capacity", f"process '{c.process_ids[j]}' would need to run at "
                        f"{b.needed:,.6g} but its {b.side} bound is {b.bound:,.6g}", b.bound, b.needed))
        elif c.arcs.kind[b.var] == "stream":
            ref = c.arcs.ref[b.var]
            field = "observed" if c.mode == "observed" else "capacity"
            out.append((f"streams[{index[ref]}].{field}", f"stream '{ref}' would need to carry {b.needed:,.6g} "
                        f"but its {b.side} bound is {b.bound:,.6g}; change the {field}", b.bound, b.needed))
    return out
