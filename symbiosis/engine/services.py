"""The engine's side of the service assignment: service hours as an LP/MILP and as a flow problem.

:func:`assign_hours` solves the assignment of :mod:`symbiosis.planning.assignment`
(an LP, or a MILP with a least number of hours per pair) in
:class:`flows.highs.LinearModel`, the one HiGHS route every solve of
:mod:`flows` takes (no second solver route beside it); :func:`service_problem`
writes the same hours as a :class:`flows.Problem` to join beside a network's
flows, so a Pareto front can trade cost against jobs.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import scipy.sparse as sp

import flows
from flows.highs import LinearModel
from symbiosis.errors import infeasible

__all__ = ["ServiceProblem", "assign_hours", "service_problem"]


def assign_hours(pairs: pd.DataFrame, hours: np.ndarray, market_price: np.ndarray, capacity: np.ndarray,
                 social_value: float | None = None, min_hours: float = 0.0,
                 caps: list[tuple[np.ndarray, float]] | None = None) -> tuple[np.ndarray, np.ndarray, str]:
    """Hours per (offer, need) pair and per need from the market (see :mod:`symbiosis.planning.assignment`).

    ``pairs`` has one row per allowed-or-not pair: ``offer``, ``need`` (row
    numbers), ``cost_per_hour``, ``market_price``, ``fte_per_hour`` and
    ``allowed``. ``caps`` adds rows ``weights @ x <= limit`` (one weight per
    pair; the § 65 room at a workplace). Returns ``(x, y, objective)``: hours
    per pair, hours per need bought at market, and the objective in words.

    Parameters
    ----------
    pairs : pandas.DataFrame
        One row per pair (columns above).
    hours : numpy.ndarray
        Per need, its hours per year.
    market_price : numpy.ndarray
        Per need, the market price, DKK/h.
    capacity : numpy.ndarray
        Per offer, its capacity, hours per year.
    social_value : float, optional
        DKK per supported FTE-year: weigh jobs against cost in one objective.
    min_hours : float
        The smallest contract, hours per year (above 0: a mixed-integer programme).
    caps : list of (numpy.ndarray, float), optional
        Extra rows ``weights @ x <= limit``.

    Returns
    -------
    x : numpy.ndarray
        Hours per pair per year.
    y : numpy.ndarray
        Hours per need bought at market per year.
    objective : str
        The objective, in words.

    Raises
    ------
    SymbiosisError
        Where the programme has no solution.
    """
    k, n, n_offers = len(pairs), len(hours), len(capacity)
    binary = min_hours > 0
    nv = k + n + (k if binary else 0)  # x (pairs), y (market), z (binary open)
    e_idx, m_idx = pairs.offer.to_numpy(), pairs.need.to_numpy()
    cols_x = np.arange(k)
    upper_x = np.where(pairs.allowed, np.minimum(capacity[e_idx], hours[m_idx]), 0.0)
    fte = np.concatenate([pairs.fte_per_hour.to_numpy(), np.zeros(n + (k if binary else 0))])
    cost = np.concatenate([pairs.cost_per_hour.to_numpy(), market_price, np.zeros(k if binary else 0)])
    rows = [  # (matrix, lower, upper) per block of rows
        # demand: sum_e x[e,m] + y[m] = hours[m]
        (sp.csr_matrix((np.ones(k + n), (np.concatenate([m_idx, np.arange(n)]),
                                         np.concatenate([cols_x, k + np.arange(n)]))), shape=(n, nv)), hours, hours),
        # capacity: sum_m x[e,m] <= cap[e]
        (sp.csr_matrix((np.ones(k), (e_idx, cols_x)), shape=(n_offers, nv)), np.full(n_offers, -np.inf), capacity),
        # no extra cost per need
        (sp.csr_matrix(((pairs.cost_per_hour - pairs.market_price).to_numpy(), (m_idx, cols_x)), shape=(n, nv)),
         np.full(n, -np.inf), np.zeros(n)),
    ]
    if binary:  # min_hours z <= x <= upper z
        twice = np.concatenate([np.arange(k), np.arange(k)])
        cols = np.concatenate([cols_x, k + n + cols_x])
        rows.append((sp.csr_matrix((np.concatenate([np.ones(k), -upper_x]), (twice, cols)), shape=(k, nv)),
                     np.full(k, -np.inf), np.zeros(k)))
        rows.append((sp.csr_matrix((np.concatenate([np.ones(k), -np.full(k, min_hours)]), (twice, cols)),
                                   shape=(k, nv)), np.zeros(k), np.full(k, np.inf)))
    for weights, limit in caps or ():
        row = np.concatenate([np.asarray(weights, dtype=float), np.zeros(nv - k)]).reshape(1, -1)
        rows.append((sp.csr_matrix(row), np.array([-np.inf]), np.array([max(0.0, limit)])))
    # the jobs floor of the second pass (free in the first): sum fte x >= the most jobs found
    rows.append((sp.csr_matrix(fte.reshape(1, -1)), np.array([-np.inf]), np.array([np.inf])))
    model = LinearModel(cost, sp.vstack([m for m, _, _ in rows]), np.concatenate([lo for _, lo, _ in rows]),
                        np.concatenate([hi for _, _, hi in rows]), np.zeros(nv),
                        np.concatenate([upper_x, hours, np.ones(k) if binary else []]),
                        integrality=np.concatenate([np.zeros(k + n), np.ones(k) if binary else []]))
    floor_row = model.n_rows - 1

    def run(c):
        model.set_costs(c)
        r = model.run()
        if r["x"] is None:
            raise infeasible(f"the service assignment found no solution ({r['message']})", "service_needs")
        return r["x"]

    if social_value is None:
        x = run(-fte)
        best = float(fte @ x)
        model.set_row_bounds([best * (1 - 1e-9) - 1e-12], [np.inf], rows=[floor_row])
        x = run(cost)
        objective = "max supported FTE, then min cost"
    else:
        x = run(cost - social_value * fte)
        objective = f"min cost - {social_value:g} DKK x supported FTE"
    return np.where(np.abs(x[:k]) > 1e-7, x[:k], 0.0), x[k:k + n], objective


@dataclass(frozen=True, eq=False)
class ServiceProblem:
    """Service hours as a flow problem: who can serve which need, at what cost and with how many jobs.

    ``problem`` has one node per need (``rhs`` = its hours per year) and per
    offer, an arc per allowed (offer, need) pair, a boundary arc into each
    offer (its capacity in hours) and a market arc into each need. Its named
    costs: ``cost`` (DKK per hour: price + travel on a pair, the market price
    on a market arc) and ``social`` (minus the FTE-years one hour supports,
    so that minimising it maximises jobs). ``pairs`` has the pair arcs' rows
    in order, after them come the market arcs, then the offers' supply arcs.

    Parameters
    ----------
    problem : flows.Problem
        The flow problem (above).
    pairs : pandas.DataFrame
        The pair arcs' rows, in order.
    """

    problem: flows.Problem
    pairs: pd.DataFrame


def service_problem(pairs: pd.DataFrame, hours: np.ndarray, market_price: np.ndarray,
                    capacity: np.ndarray) -> ServiceProblem:
    """The service hours of the allowed ``pairs`` as a :class:`ServiceProblem` (no no-extra-cost rule:
    how much extra cost buys how many jobs is what a trade-off shows).

    Parameters
    ----------
    pairs : pandas.DataFrame
        One row per pair, with ``allowed``.
    hours : numpy.ndarray
        Per need, its hours per year.
    market_price : numpy.ndarray
        Per need, the market price, DKK/h.
    capacity : numpy.ndarray
        Per offer, its capacity, hours per year.

    Returns
    -------
    ServiceProblem
        The flow problem and its pairs.
    """
    pr = pairs[pairs.allowed].reset_index(drop=True)
    n, e, k = len(hours), len(capacity), len(pr)
    tail = np.concatenate([n + pr.offer.to_numpy(), np.full(n + e, -1)])
    head = np.concatenate([pr.need.to_numpy(), np.arange(n), n + np.arange(e)])
    upper = np.concatenate([np.full(k + n, np.inf), capacity])
    cost = np.concatenate([pr.cost_per_hour.to_numpy(), market_price, np.zeros(e)])
    social = np.concatenate([-pr.fte_per_hour.to_numpy(), np.zeros(n + e)])
    rhs = np.concatenate([hours, np.zeros(e)])
    problem = flows.Problem(n_nodes=n + e, tail=tail, head=head, rhs=rhs, upper=upper,
                            costs={"cost": cost, "social": social})
    return ServiceProblem(problem, pr)
