"""Changing the numbers of a compiled answer by name, and re-solving it warm.

A Monte Carlo sample or a sensitivity run changes only numbers: a supply or
demand, a stream's capacity, a factor. A :class:`Lever` finds once where such a
number sits in a compiled answer; :func:`vary` gives a copy of the answer with
new values at its levers, without recompiling; a :class:`WarmSolver` keeps the
answer's structure loaded in HiGHS and solves each variant (see
:class:`flows.resolve.Resolver`).
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

import flows
from symbiosis.engine.compiled import BOUNDARY_FACTORS, Compiled
from symbiosis.engine.solving import Solution

__all__ = ["FACTORS", "Lever", "WarmSolver", "lever", "vary", "warm_solver"]

#: The factors a lever can change: (arc kind, named cost) of each.
FACTORS: dict[str, tuple[str, str]] = {factor: (kind, cost) for kind, named in BOUNDARY_FACTORS.items()
                                       for cost, factor in named.items()}


@dataclass(frozen=True, eq=False)
class Lever:
    """Where one number of the network sits in a compiled answer.

    ``kind`` is ``supply`` or ``demand`` (``index``: the balance), ``capacity``
    (the stream's arc) or ``cost`` (the arcs priced by a factor; ``cost`` names
    the named cost).
    """

    kind: str
    index: np.ndarray
    cost: str | None = None


def lever(c: Compiled, quantity: str, *, actor: str | None = None, resource: str | None = None,
          stream: str | None = None, factor: str | None = None) -> Lever | None:
    """The lever of one number of ``c``'s network, or None if the answer does not hold it (this year).

    ``quantity`` is ``supply`` or ``demand`` (with ``actor`` and ``resource``),
    ``capacity`` (with ``stream``) or ``factor`` (with ``factor`` and
    ``resource``; one of :data:`FACTORS`).
    """
    if quantity in ("supply", "demand"):
        i = c.node_of(actor, resource)
        return None if i is None else Lever(quantity, np.array([i]))
    if quantity == "capacity":
        a = c.arc_of(stream)
        return None if a is None else Lever("capacity", np.array([a]))
    if factor not in FACTORS:
        raise ValueError(f"factor must be one of {sorted(FACTORS)}")
    kind, cost = FACTORS[factor]
    arcs = c.boundary_arcs(kind, resource)
    return Lever("cost", arcs, cost) if arcs.size else None


def vary(c: Compiled, levers: Sequence[Lever | None], values: np.ndarray, scale: Sequence[bool]) -> Compiled:
    """``c`` with each lever's number multiplied by its value (``scale``) or set to it (a copy).

    A supply, demand or capacity never goes below 0. A capacity changes only
    the optimised answer (the observed one keeps its recorded flows). No values (a run without
    samples) leave ``c`` as it is.
    """
    if len(values) == 0:
        return c
    p = c.problem
    supply = c.nodes.supply.to_numpy(dtype=float).copy()
    demand = c.nodes.demand.to_numpy(dtype=float).copy()
    upper = p.upper.copy()
    costs = {k: v.copy() for k, v in p.costs.items()}
    for lv, v, times in zip(levers, values, scale, strict=True):
        if lv is None:
            continue
        if lv.kind in ("supply", "demand"):
            arr = supply if lv.kind == "supply" else demand
            arr[lv.index] = np.maximum(0.0, arr[lv.index] * v if times else v)
        elif lv.kind == "capacity":
            if c.answer == "optimised":
                upper[lv.index] = np.maximum(0.0, upper[lv.index] * v if times else v)
        else:
            costs[lv.cost][lv.index] = costs[lv.cost][lv.index] * v if times else v
    return c.with_arrays(rhs=demand - supply, upper=upper, costs=costs)


class WarmSolver:
    """Solves variants of one compiled answer (same structure, new numbers) from a loaded model."""

    def __init__(self, c: Compiled, weights: dict[str, float]):
        self._model = flows.Model(c.problem, weights, warm_start=False)

    def solve(self, variant: Compiled) -> Solution:
        """The optimum of ``variant``, a copy of the answer given at construction with new numbers."""
        return self._model.solve(variant.problem)


_WARM: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def warm_solver(c: Compiled, weights: dict[str, float]) -> WarmSolver:
    """One :class:`WarmSolver` per compiled answer and process, made on first use."""
    w = _WARM.get(c)
    if w is None:
        w = _WARM[c] = WarmSolver(c, weights)
    return w
