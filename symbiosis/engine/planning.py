"""The engine's side of planning: link design, trade-off fronts and shadow prices, by name.

Each function takes a compiled answer and names, solves with :mod:`flows`, and
gives back arrays in the order of the names it was given (candidate streams,
measures) or named tables; :mod:`symbiosis.planning` turns them into what a
planner reads.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd

import flows
from flows.design import design, link_savings
from flows.pareto import pareto_front, pareto_surface
from flows.problem import join
from flows.ranging import rhs_ranges
from symbiosis.engine.compiled import Compiled, compile_network
from symbiosis.engine.services import ServiceProblem
from symbiosis.engine.solving import carry_over, infeasible_error, solve_compiled, solve_near, stopped_error

RANGED_NODES = 2000  # balances; above this, shadow-price ranges are not computed (two re-solves each)

__all__ = ["CandidateDesign", "RANGED_NODES", "TradeOff", "design_candidates", "shadow_prices", "trade_off"]


@dataclass(frozen=True, eq=False)
class CandidateDesign:
    """Which candidate streams to build, in the order they were given.

    ``build`` and ``flow`` (units/yr) per candidate; ``saving`` (DKK/yr) what
    each saves against the rest of the design; ``cost_with`` and
    ``cost_without`` the yearly operating cost (DKK) with the design and with
    no candidate; ``status`` and ``gap`` of the MILP, ``solver_time`` in s.

    Parameters
    ----------
    status : str
        The MILP's status: ``optimal`` or ``feasible``.
    gap : float
        Its relative optimality gap.
    build : numpy.ndarray
        Per candidate, whether to build it.
    flow : numpy.ndarray
        Per candidate, its flow (units/yr).
    saving : numpy.ndarray
        Per candidate, what it saves against the rest of the design (DKK/yr).
    cost_with : float
        The yearly operating cost with the design (DKK/yr).
    cost_without : float
        The yearly operating cost with no candidate (DKK/yr).
    solver_time : float
        The solver's time, s.
    """

    status: str
    gap: float
    build: np.ndarray
    flow: np.ndarray
    saving: np.ndarray
    cost_with: float
    cost_without: float
    solver_time: float


def design_candidates(c: Compiled, candidates: list[str], yearly_cost: np.ndarray, weights: dict[str, float],
                      closed: Sequence[str] = (), time_limit: float | None = None, gap: float = 1e-4
                      ) -> CandidateDesign:
    """Choose which ``candidates`` (stream ids, compiled with ``candidates=True``) to build.

    Each costs ``yearly_cost`` (in the objective's units per year) when built;
    ``closed`` streams are kept shut. Raises the network's infeasibility as a
    :class:`~symbiosis.errors.SymbiosisError`; an unfinished search returns its
    status (``optimal`` or ``feasible`` when it has a design).

    Parameters
    ----------
    c : Compiled
        The compiled answer, with candidates.
    candidates : list of str
        The candidate streams' ids.
    yearly_cost : numpy.ndarray
        Per candidate, what building it costs per year, in the objective's units.
    weights : dict of str to float
        The objective: weight per named cost.
    closed : sequence of str
        Streams kept shut.
    time_limit : float, optional
        The MILP's time limit, s.
    gap : float
        The relative optimality gap at which the search stops.

    Returns
    -------
    CandidateDesign
        Which candidates to build and what they save.

    Raises
    ------
    SymbiosisError
        If the network cannot balance.
    """
    arcs = np.array([c.arc_of(s) for s in candidates], dtype=np.int64)
    problem = c.problem
    if len(closed):
        upper = problem.upper.copy()
        upper[[cast(int, c.arc_of(s)) for s in closed]] = 0.0  # closed streams are compiled ones
        problem = problem.with_bounds(upper=upper)
    d = design(problem, arcs, yearly_cost, weights, time_limit=time_limit, mip_rel_gap=gap)
    if d.status == "infeasible":
        raise infeasible_error(c)
    if d.status not in ("optimal", "feasible"):
        nan = np.full(arcs.size, np.nan)
        return CandidateDesign(d.status, d.gap, np.zeros(arcs.size, bool), nan, nan, np.nan, np.nan, d.solver_time)
    saving = link_savings(problem, arcs, d.build, weights, measure="cost")
    none = flows.Model(problem, weights)
    none.set_bounds(upper=0.0, arcs=arcs)
    without = none.solve()
    return CandidateDesign(d.status, d.gap, d.build, np.where(d.build, d.solution.flow[arcs], 0.0), saving,
                           d.solution.totals["cost"], without.totals["cost"], d.solver_time)


@dataclass(frozen=True, eq=False)
class TradeOff:
    """The non-dominated points between two or three measures, first measure ascending.

    ``totals`` per named cost (and ``social`` with services), one value per
    point; ``measures`` the values of each measure per point, in the order
    given; ``flows_cost`` the part of ``totals["cost"]`` spent on the flows
    (the rest is service hours).

    Parameters
    ----------
    measures : list of numpy.ndarray
        Each measure's value per point, in the order given.
    totals : dict of str to numpy.ndarray
        Per named cost, its total per point.
    flows_cost : numpy.ndarray
        Per point, the part of the cost spent on the flows (DKK/yr).
    """

    measures: list[np.ndarray]
    totals: dict[str, np.ndarray]
    flows_cost: np.ndarray


def trade_off(c: Compiled, measures: list[str], points: int, services: ServiceProblem | None = None) -> TradeOff:
    """The Pareto front (two measures) or surface (three) of ``c``'s flows, with service hours joined
    in when ``services`` is given (they share no balance). Raises the network's infeasibility.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    measures : list of str
        Two or three named costs (``cost``, ``co2e``, ``groundwater``; ``social`` with services).
    points : int
        Points per measure.
    services : ServiceProblem, optional
        Service hours to join in.

    Returns
    -------
    TradeOff
        The non-dominated points.

    Raises
    ------
    SymbiosisError
        If the network cannot balance or the solver stops.
    """
    problem = c.problem if services is None else join(c.problem, services.problem)
    try:
        if len(measures) == 3:
            fr = pareto_surface(problem, measures[0], measures[1], measures[2], points)
        else:
            fr = pareto_front(problem, measures[0], measures[1], points)
    except flows.Infeasible:
        raise infeasible_error(c) from None
    except flows.SolveError as exc:
        raise stopped_error(c, exc) from None
    values = [fr.f, fr.g] + ([fr.h] if fr.h is not None else [])
    flows_cost = fr.x[:, :c.problem.n_arcs] @ c.problem.costs["cost"]
    return TradeOff(values, fr.totals, flows_cost)


def shadow_prices(c: Compiled, weights: dict[str, float], ranges: bool = True) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The optimum's dual values by name: per balance, and per stream.

    Returns ``balances`` (``actor``, ``resource``, ``grade``, ``unit``,
    ``value_per_unit``: the objective's change for one more unit needed there,
    the LP dual; ``value_low``, ``value_high``: where the dual is degenerate
    (a tie), the values for one less and one more unit, between which every
    value is a valid price) and ``streams`` (``stream``, ``flow``, ``capacity``,
    ``capacity_value``: the fall per unit of extra capacity, 0 unless the stream
    runs full; ``price_floor``: what the supplier saves by keeping a unit, plus
    the transport it pays; ``price_ceiling``: what the delivered units save the
    receiver), all in objective units per unit. ``ranges=False`` (or a network
    of more than :data:`RANGED_NODES` balances) skips the two re-solves per
    balance: then low = high = the dual.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    weights : dict of str to float
        The objective: weight per named cost.
    ranges : bool
        Whether to compute ``value_low`` and ``value_high`` (else both are ``value_per_unit``).

    Returns
    -------
    balances : pandas.DataFrame
        Per balance, its dual value (columns above), in the objective's units per unit.
    streams : pandas.DataFrame
        Per stream, its flow and values (columns above).
    """
    sol = solve_compiled(c, weights)
    if c.answer == "optimised":  # the flows shown: the optimum nearest today's (ties keep their observed value)
        obs = compile_network(c.network, "observed")
        sol = solve_near(c, weights, carry_over(obs, solve_compiled(obs, weights), c))
    y = np.where(np.abs(sol.duals) < 1e-9, 0.0, sol.duals)
    if ranges and c.problem.n_nodes <= RANGED_NODES:
        down, up = rhs_ranges(c.problem, weights)
        down = np.where(np.isnan(down), y, down)
        up = np.where(np.isnan(up), y, up)
    else:
        down = up = y
    low, high = np.minimum(down, up), np.maximum(down, up)
    clean = lambda v: np.where(np.abs(v) < 1e-9, 0.0, v)  # noqa: E731
    balances = c.nodes[["actor", "resource", "grade", "unit"]].assign(value_per_unit=y, value_low=clean(low),
                                                                       value_high=clean(high))
    p = c.problem
    st = c.stream_arcs
    finite = np.isfinite(p.upper[st])
    up_cap = np.where(finite, p.upper[st], 0.0)
    at_cap = finite & (sol.flow[st] >= up_cap - 1e-7 * np.maximum(1.0, up_cap))
    assert sol.reduced_costs is not None  # for the type checker: solve_compiled and solve_near recover them
    cap_value = np.where(at_cap, -sol.reduced_costs[st], 0.0)
    cap_value = np.where(np.abs(cap_value) < 1e-9, 0.0, cap_value)
    cost = p.cost_vector(weights)[st]
    streams = pd.DataFrame({
        "stream": c.stream_ids, "flow": np.where(np.abs(sol.flow[st]) < 1e-9, 0.0, sol.flow[st]),
        "capacity": p.upper[st], "capacity_value": cap_value,
        "price_floor": clean(down[p.tail[st]] + cost), "price_ceiling": clean(p.gain[st] * down[p.head[st]]),
    })
    return balances, streams
