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
import flows.variants
from symbiosis.engine.compiled import BOUNDARY_FACTORS, Compiled
from symbiosis.engine.solving import Solution
from symbiosis.errors import bad_parameter

__all__ = ["FACTORS", "Lever", "SampleSolver", "WarmSolver", "lever", "unit_costs_many", "vary", "vary_many",
           "warm_solver"]

#: The factors a lever can change: (arc kind, named cost) of each.
FACTORS: dict[str, tuple[str, str]] = {factor: (kind, cost) for kind, named in BOUNDARY_FACTORS.items()
                                       for cost, factor in named.items()}


@dataclass(frozen=True, eq=False)
class Lever:
    """Where one number of the network sits in a compiled answer.

    ``kind`` is ``supply`` or ``demand`` (``index``: the balance), ``capacity``
    (the stream's arc) or ``cost`` (the arcs priced by a factor; ``cost`` names
    the named cost).

    Parameters
    ----------
    kind : str
        ``supply``, ``demand``, ``capacity`` or ``cost``.
    index : numpy.ndarray
        The balances or arcs it sits on.
    cost : str, optional
        For a ``cost`` lever, the named cost it prices.
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

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    quantity : str
        ``supply``, ``demand``, ``capacity`` or ``factor``.
    actor : str, optional
        The actor's id (a supply or demand).
    resource : str, optional
        The resource's id (a supply, demand or factor).
    stream : str, optional
        The stream's id (a capacity).
    factor : str, optional
        The factor (one of :data:`FACTORS`).

    Returns
    -------
    Lever or None
        Where the number sits, None if the answer does not hold it.

    Raises
    ------
    ValueError
        For a ``factor`` not in :data:`FACTORS`.
    """
    if quantity in ("supply", "demand"):
        i = c.node_of(actor, resource)
        return None if i is None else Lever(quantity, np.array([i]))
    if quantity == "capacity":
        a = c.arc_of(stream)
        return None if a is None else Lever("capacity", np.array([a]))
    if factor not in FACTORS:
        raise bad_parameter("factor", f"unknown factor {factor!r}; valid: {', '.join(sorted(FACTORS))}")
    kind, cost = FACTORS[factor]
    arcs = c.boundary_arcs(kind, resource)
    return Lever("cost", arcs, cost) if arcs.size else None


def vary(c: Compiled, levers: Sequence[Lever | None], values: np.ndarray, scale: Sequence[bool]) -> Compiled:
    """``c`` with each lever's number multiplied by its value (``scale``) or set to it (a copy).

    A supply, demand or capacity never goes below 0. A capacity changes only
    the optimised answer (the observed one keeps its recorded flows). No values (a run without
    samples) leave ``c`` as it is.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    levers : sequence of Lever or None
        Where each varied number sits (None: not in this answer).
    values : numpy.ndarray
        One value per lever.
    scale : sequence of bool
        Per lever, whether its value multiplies the number (else it replaces it).

    Returns
    -------
    Compiled
        The copy with the numbers changed.
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
            assert lv.cost is not None  # a cost lever names its cost
            costs[lv.cost][lv.index] = costs[lv.cost][lv.index] * v if times else v
    return c.with_arrays(rhs=demand - supply, upper=upper, costs=costs)


def vary_many(c: Compiled, levers: Sequence[Lever | None], values: np.ndarray, scale: Sequence[bool]) -> dict:
    """:func:`vary` for ``k`` samples at once: ``values`` is ``k x levers``; the same numbers, as arrays.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    levers : sequence of Lever or None
        Where each varied number sits (None: not in this answer, left as it is).
    values : numpy.ndarray
        ``k x levers``: each sample's multiplier or value per lever, in the lever's unit.
    scale : sequence of bool
        Per lever, whether its value multiplies the number (else it replaces it).

    Returns
    -------
    dict
        ``rhs`` (k x balances), ``upper`` (k x arcs) and ``costs`` (per named cost, k x arcs).
    """
    p = c.problem
    k = values.shape[0]
    supply = np.tile(c.nodes.supply.to_numpy(dtype=float), (k, 1))
    demand = np.tile(c.nodes.demand.to_numpy(dtype=float), (k, 1))
    upper = np.tile(p.upper, (k, 1))
    costs = {name: np.tile(v, (k, 1)) for name, v in p.costs.items()}
    for j, (lv, times) in enumerate(zip(levers, scale, strict=True)):
        if lv is None:
            continue
        v = values[:, j:j + 1]
        if lv.kind in ("supply", "demand"):
            arr = supply if lv.kind == "supply" else demand
            arr[:, lv.index] = np.maximum(0.0, arr[:, lv.index] * v if times else v)
        elif lv.kind == "capacity":
            if c.answer == "optimised":
                upper[:, lv.index] = np.maximum(0.0, upper[:, lv.index] * v if times else v)
        else:
            assert lv.cost is not None  # a cost lever names its cost
            arr = costs[lv.cost]
            arr[:, lv.index] = arr[:, lv.index] * v if times else np.broadcast_to(v, (k, lv.index.size))
    return {"rhs": demand - supply, "upper": upper, "costs": costs}


def unit_costs_many(c: Compiled, levers: Sequence[Lever | None], values: np.ndarray, scale: Sequence[bool],
                    names: Sequence[str]) -> dict[str, np.ndarray]:
    """Per named cost in ``names``, each sample's value per unit of every decision (``k x decisions``, the
    columns in the order of ``c.variables``), the levers' values applied (:func:`vary_many`); without
    levers (``values`` with no columns), the answer's own values (:meth:`Compiled.unit_costs`) in each row."""
    own = c.unit_costs()
    k = max(values.shape[0], 1)
    if values.shape[1] == 0:
        return {name: np.broadcast_to(own[name], (k, own[name].size)) for name in names}
    costs = vary_many(c, levers, values, scale)["costs"]
    n = c.problem.n_arcs
    return {name: np.hstack([costs[name], np.broadcast_to(own[name][n:], (k, own[name].size - n))])
            for name in names}


class SampleSolver:
    """Solves many samples of one compiled answer at once (:class:`flows.variants.Variants`).

    The optimal bases of the answer and of a pilot of samples are kept; a
    sample that one of them proves optimal is answered with arrays, every
    other by HiGHS from a cold start. The answer of a sample depends on its
    numbers and the kept bases only, so it is the same bit for bit in any
    batch and process.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    weights : dict of str to float
        The objective: weight per named cost.
    levers : sequence of Lever or None
        Where each varied number sits (None: not in this answer).
    scale : sequence of bool
        Per lever, whether its value multiplies the number (else it replaces it).
    pilot : numpy.ndarray, optional
        ``k x levers`` samples whose optimal bases are kept too.
    bases : bool
        Whether to keep bases at all (else every sample is solved from a cold start).
    like : SampleSolver, optional
        A solver of an answer of the same structure (another year of a scenario, the counterfactual): the
        bases it inverted are not inverted again (:class:`flows.variants.SharedBases`; the same answers).
    """

    def __init__(self, c: Compiled, weights: dict[str, float], levers: Sequence[Lever | None] = (),
                 scale: Sequence[bool] = (), pilot: np.ndarray | None = None, bases: bool = True,
                 like: SampleSolver | None = None):
        self.answer, self.levers, self.scale = c, list(levers), list(scale)
        self.shared: flows.variants.SharedBases = like.shared if like is not None else flows.variants.SharedBases()
        self._variants = flows.variants.Variants(c.problem, weights, bases=bases, shared=self.shared)
        if bases and pilot is not None and len(pilot):
            self._variants.learn(**vary_many(c, self.levers, pilot, self.scale))

    @property
    def n_bases(self) -> int:
        """Bases kept (0: every sample goes to HiGHS)."""
        return self._variants.n_bases

    def unit_costs(self, values: np.ndarray, names: Sequence[str]) -> dict[str, np.ndarray]:
        """Per named cost in ``names``, each sample's value per unit of every decision (:func:`unit_costs_many`).

        Parameters
        ----------
        values : numpy.ndarray
            ``k x levers``: each sample's values.
        names : sequence of str
            The named costs wanted.

        Returns
        -------
        dict of str to numpy.ndarray
            Per named cost, ``k x decisions`` values per unit.
        """
        return unit_costs_many(self.answer, self.levers, values, self.scale, names)

    def stream_flows(self, batch: flows.variants.Batch) -> np.ndarray:
        """Each sample's flow on every stream of the answer (``k x streams``, in the order of its ``stream_ids``),
        solver dust (below 1e-9) as 0.

        Parameters
        ----------
        batch : flows.variants.Batch
            The samples' optima (:meth:`solve`).

        Returns
        -------
        numpy.ndarray
            ``k x streams`` flows, units/yr.
        """
        flow = batch.x[:, self.answer.stream_arcs]
        return np.where(np.abs(flow) > 1e-9, flow, 0.0)

    def solve(self, values: np.ndarray) -> flows.variants.Batch:
        """The optimum of each sample: ``values`` is ``k x levers`` (no levers: the answer itself, once).

        Parameters
        ----------
        values : numpy.ndarray
            ``k x levers``: each sample's values.

        Returns
        -------
        flows.variants.Batch
            The samples' optima.
        """
        if values.shape[1] == 0:
            return self._variants.solve(rhs=self.answer.problem.rhs[None, :])
        return self._variants.solve(**vary_many(self.answer, self.levers, values, self.scale))


class WarmSolver:
    """Solves variants of one compiled answer (same structure, new numbers) from a loaded model.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    weights : dict of str to float
        The objective: weight per named cost.
    """

    def __init__(self, c: Compiled, weights: dict[str, float]):
        self._model = flows.Model(c.problem, weights, warm_start=False)

    def solve(self, variant: Compiled) -> Solution:
        """The optimum of ``variant``, a copy of the answer given at construction with new numbers.

        Parameters
        ----------
        variant : Compiled
            The answer with new numbers (same structure).

        Returns
        -------
        Solution
            Its optimum.
        """
        return self._model.solve(variant.problem)


_WARM: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def warm_solver(c: Compiled, weights: dict[str, float]) -> WarmSolver:
    """One :class:`WarmSolver` per compiled answer and process, made on first use.

    Parameters
    ----------
    c : Compiled
        The compiled answer.
    weights : dict of str to float
        The objective: weight per named cost.

    Returns
    -------
    WarmSolver
        The solver, made once per answer and process.
    """
    w = _WARM.get(c)
    if w is None:
        w = _WARM[c] = WarmSolver(c, weights)
    return w
