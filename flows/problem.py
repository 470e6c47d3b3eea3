"""The flow problem as arrays.

Each node ``i`` is a balance::

    sum(gain[a] * flow[a] for arcs a into i) - sum(flow[a] for arcs a out of i)
        + sum(conversion[i, c] * activity[c]) = rhs[i]

``rhs`` is the net requirement of the node (demand minus supply). Arcs whose
tail is :data:`BOUNDARY` bring quantity in from outside (imports); arcs whose
head is :data:`BOUNDARY` take it out (exports). ``conversion`` holds, per unit
of a conversion's activity, its outputs (positive) and inputs (negative).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any, Union, cast

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

__all__ = ["BOUNDARY", "Problem", "as_weights", "join", "sub_problem", "weighted_costs"]

#: The arc end that is outside the problem: an arc from it is an import, an arc to it an export.
BOUNDARY = -1

#: Arrays of flows, bounds and costs (float64) and of indices (int64), as flows' functions take and give them.
FloatArray = NDArray[np.float64]
IntArray = NDArray[np.int64]
BoolArray = NDArray[np.bool_]
#: An objective: a named cost, or weights over named costs.
Objective = str | dict[str, float]
#: What :class:`Problem` takes as its conversion matrix: any SciPy sparse matrix, or a dense array.
_Matrix = Union["sp.spmatrix[Any]", "sp.sparray", ArrayLike]


def _vec(x: ArrayLike | None, n: int, fill: float, name: str) -> FloatArray:
    arr = np.full(n, fill, dtype=np.float64) if x is None else np.asarray(x, dtype=np.float64).reshape(-1)
    if arr.shape != (n,):
        raise ValueError(f"{name} has {arr.shape[0]} entries, expected {n}")
    return arr


@dataclass(frozen=True, eq=False, init=False)
class Problem:
    """A generalised min-cost flow with conversions, all as arrays.

    Parameters
    ----------
    n_nodes : int
        Number of balance nodes.
    tail, head : array_like of int
        One entry per arc; -1 (:data:`BOUNDARY`) is the outside.
    rhs : array_like
        Net requirement per node (units of the node's commodity).
    gain : array_like, optional
        Units arriving at the head per unit leaving the tail (default 1).
    lower, upper : array_like, optional
        Bounds per arc (default 0 and +inf).
    costs : dict of array_like
        Named cost vectors per arc, e.g. ``{"cost": DKK/unit, "co2e": t/unit}``.
    conversion : scipy.sparse matrix, optional
        (n_nodes x n_conversions): per unit of activity, outputs positive, inputs negative.
    conv_lower, conv_upper, conv_costs : optional
        Bounds (default 0 and +inf) and named costs of the conversion activities.

    Raises
    ------
    ValueError
        Arrays of the wrong length, an arc end that is no node, an arc from the
        boundary to the boundary, or a lower bound above its upper bound.
    """

    n_nodes: int
    tail: IntArray
    head: IntArray
    rhs: FloatArray
    gain: FloatArray
    lower: FloatArray
    upper: FloatArray
    costs: dict[str, FloatArray]
    conversion: sp.csr_matrix[np.float64]
    conv_lower: FloatArray
    conv_upper: FloatArray
    conv_costs: dict[str, FloatArray]

    def __init__(self, n_nodes: int, tail: ArrayLike, head: ArrayLike, rhs: ArrayLike, gain: ArrayLike | None = None,
                 lower: ArrayLike | None = None, upper: ArrayLike | None = None,
                 costs: Mapping[str, ArrayLike] | None = None, conversion: _Matrix | None = None,
                 conv_lower: ArrayLike | None = None, conv_upper: ArrayLike | None = None,
                 conv_costs: Mapping[str, ArrayLike] | None = None) -> None:
        # written out (not the dataclass's) so that the fields hold what every solver reads: arrays, never None
        def set_(k: str, v: object) -> None:
            object.__setattr__(self, k, v)

        set_("n_nodes", n_nodes)
        set_("tail", np.asarray(tail, dtype=np.int64).reshape(-1))
        set_("head", np.asarray(head, dtype=np.int64).reshape(-1))
        n_arcs = len(np.asarray(tail))
        if self.head.shape != self.tail.shape:
            raise ValueError("tail and head must have one entry per arc")
        for ends in (self.tail, self.head):
            if ends.size and (ends.min() < BOUNDARY or ends.max() >= self.n_nodes):
                raise ValueError("arc ends must be node indices or -1 (boundary)")
        if np.any((self.tail == BOUNDARY) & (self.head == BOUNDARY)):
            raise ValueError("an arc cannot run from the boundary to the boundary")
        set_("rhs", _vec(rhs, self.n_nodes, 0.0, "rhs"))
        set_("gain", _vec(gain, n_arcs, 1.0, "gain"))
        set_("lower", _vec(lower, n_arcs, 0.0, "lower"))
        set_("upper", _vec(upper, n_arcs, np.inf, "upper"))
        # scipy-stubs' overloads of csr_matrix take one kind of input each; SciPy takes any matrix-like: cast
        conv: sp.csr_matrix[np.float64] = (sp.csr_matrix((self.n_nodes, 0)) if conversion is None
                                           else sp.csr_matrix(cast(Any, conversion), dtype=float))
        if conv.shape[0] != self.n_nodes:
            raise ValueError("conversion must have one row per node")
        set_("conversion", conv)
        k = conv.shape[1]
        set_("conv_lower", _vec(conv_lower, k, 0.0, "conv_lower"))
        set_("conv_upper", _vec(conv_upper, k, np.inf, "conv_upper"))
        given = {name: _vec(c, n_arcs, 0.0, f"costs[{name}]") for name, c in (costs or {}).items()}
        conv_given = dict(conv_costs or {})
        names = list(dict.fromkeys([*given, *conv_given]))  # in the order given: outputs are stable
        set_("conv_costs", {name: _vec(conv_given.get(name), k, 0.0, f"conv_costs[{name}]") for name in names})
        set_("costs", {name: given.get(name, np.zeros(n_arcs)) for name in names})
        if np.any(self.lower > self.upper) or np.any(self.conv_lower > self.conv_upper):
            raise ValueError("a lower bound exceeds its upper bound")

    @property
    def n_arcs(self) -> int:
        """The number of arcs."""
        return int(self.tail.shape[0])

    @property
    def n_conversions(self) -> int:
        """The number of conversions."""
        return int(self.conversion.shape[1])

    @property
    def n_vars(self) -> int:
        """The number of variables: arcs, then conversions."""
        return self.n_arcs + self.n_conversions

    def incidence(self) -> sp.csr_matrix:
        """The balance matrix (nodes x [arcs, conversions]) of the node equations.

        Returns
        -------
        scipy.sparse.csr_matrix
            ``+gain`` at an arc's head, ``-1`` at its tail, the conversion ratios.
        """
        into = self.head != BOUNDARY
        outof = self.tail != BOUNDARY
        arcs = np.arange(self.n_arcs)
        rows = np.concatenate([self.head[into], self.tail[outof]])
        cols = np.concatenate([arcs[into], arcs[outof]])
        vals = np.concatenate([self.gain[into], -np.ones(int(outof.sum()))])
        arc_part = sp.csr_matrix((vals, (rows, cols)), shape=(self.n_nodes, self.n_arcs))
        matrix: sp.csr_matrix[np.float64] = sp.hstack([arc_part, self.conversion], format="csr")
        return matrix

    def cost_vector(self, objective: str | dict[str, float]) -> FloatArray:
        """The objective's cost per variable (arcs, then conversions): sum of weight x named cost.

        Parameters
        ----------
        objective : str or dict
            A named cost (weight 1) or weights over named costs, ``{"cost": 1, "co2e": 750}``.

        Returns
        -------
        numpy.ndarray
            One entry per variable, ``n_arcs + n_conversions``.

        Raises
        ------
        KeyError
            A weight names a cost the problem does not have.
        """
        return weighted_costs(self.costs, self.conv_costs, as_weights(objective), self.n_arcs, self.n_conversions)

    def bounds(self) -> tuple[FloatArray, FloatArray]:
        """Lower and upper bounds of every variable (arcs, then conversions).

        Returns
        -------
        tuple of numpy.ndarray
            ``(lower, upper)``, new arrays of ``n_vars`` each.
        """
        return (np.concatenate([self.lower, self.conv_lower]), np.concatenate([self.upper, self.conv_upper]))

    def with_bounds(self, lower: ArrayLike | None = None, upper: ArrayLike | None = None) -> Problem:
        """A copy with new arc bounds.

        Parameters
        ----------
        lower, upper : array_like, optional
            One value per arc (None keeps the current ones).

        Returns
        -------
        Problem
            A new problem; this one is unchanged.
        """
        return replace(self, lower=self.lower if lower is None else _vec(lower, self.n_arcs, 0.0, "lower"),
                       upper=self.upper if upper is None else _vec(upper, self.n_arcs, np.inf, "upper"))

    def arcs_only(self, rhs: ArrayLike | None = None) -> Problem:
        """A copy without the conversions (the same nodes and arcs), with a new ``rhs`` if given.

        Parameters
        ----------
        rhs : array_like, optional
            One value per node (None keeps the current ones).

        Returns
        -------
        Problem
            A new problem; this one is unchanged.
        """
        return Problem(self.n_nodes, self.tail, self.head, self.rhs if rhs is None else rhs, self.gain, self.lower,
                       self.upper, self.costs)

    def residual(self, flow: FloatArray, activity: FloatArray) -> FloatArray:
        """Balance residual per node for a candidate solution (zero when balanced).

        Parameters
        ----------
        flow : numpy.ndarray
            One value per arc.
        activity : numpy.ndarray
            One value per conversion.

        Returns
        -------
        numpy.ndarray
            ``incidence() @ [flow, activity] - rhs``.
        """
        residual: FloatArray = self.incidence() @ np.concatenate([flow, activity]) - self.rhs
        return residual


def as_weights(objective: str | dict[str, float]) -> dict[str, float]:
    """An objective as weights over named costs: ``"cost"`` is ``{"cost": 1.0}``, a dict is copied.

    Parameters
    ----------
    objective : str or dict

    Returns
    -------
    dict
    """
    return {objective: 1.0} if isinstance(objective, str) else dict(objective)


def weighted_costs(costs: dict[str, FloatArray], conv_costs: dict[str, FloatArray], weights: dict[str, float],
                   n_arcs: int, n_conversions: int) -> FloatArray:
    """Sum of weight x named cost per variable (arcs, then conversions): the one place an objective is weighted.

    Parameters
    ----------
    costs, conv_costs : dict of numpy.ndarray
        Named costs per arc and per conversion (as in :class:`Problem`, or as a
        :class:`flows.Model` holds them after new prices).
    weights : dict
        Weight per named cost; a name not in ``costs`` is an error.
    n_arcs, n_conversions : int
        The sizes, for a problem with no named cost at all.

    Returns
    -------
    numpy.ndarray
        ``n_arcs + n_conversions`` entries.

    Raises
    ------
    KeyError
        A weight names a cost that is not there.
    """
    unknown = set(weights) - set(costs)
    if unknown:
        raise KeyError(f"no cost named {sorted(unknown)}; this problem has {sorted(costs)}")
    c = np.zeros(n_arcs + n_conversions)
    for name, w in weights.items():
        if w:
            c[:n_arcs] += w * costs[name]
            c[n_arcs:] += w * conv_costs[name]
    return c


def join(*problems: Problem) -> Problem:
    """Independent problems side by side as one: nodes, arcs and conversions numbered part after part.

    A named cost that one part lacks is zero there, so a measure that only
    one part has (e.g. jobs supported by service hours) can be an objective
    of the whole. The parts share no balance; :func:`flows.blocks.find_blocks`
    finds them again.

    Parameters
    ----------
    *problems : Problem
        The parts, in order.

    Returns
    -------
    Problem
        One problem holding every part, numbered part after part.

    Raises
    ------
    ValueError
        No problem given.

    Examples
    --------

    >>> a = Problem(n_nodes=1, tail=[-1], head=[0], rhs=[2], costs={"cost": [3.0]})
    >>> b = Problem(n_nodes=1, tail=[-1], head=[0], rhs=[1], costs={"cost": [1.0], "jobs": [-0.5]})
    >>> j = join(a, b)
    >>> j.head.tolist(), j.costs["jobs"].tolist()
    ([0, 1], [0.0, -0.5])
    """
    if not problems:
        raise ValueError("join needs at least one problem")
    names = sorted({k for p in problems for k in p.costs})
    offsets = np.cumsum([0] + [p.n_nodes for p in problems])

    def shift(e: IntArray, o: np.int64) -> IntArray:
        return np.where(e == BOUNDARY, BOUNDARY, e + o)

    def cost(p: Problem, k: str) -> FloatArray:
        return p.costs.get(k, np.zeros(p.n_arcs))

    def conv_cost(p: Problem, k: str) -> FloatArray:
        return p.conv_costs.get(k, np.zeros(p.n_conversions))

    return Problem(
        n_nodes=int(offsets[-1]),
        tail=np.concatenate([shift(p.tail, o) for p, o in zip(problems, offsets, strict=False)]),
        head=np.concatenate([shift(p.head, o) for p, o in zip(problems, offsets, strict=False)]),
        rhs=np.concatenate([p.rhs for p in problems]), gain=np.concatenate([p.gain for p in problems]),
        lower=np.concatenate([p.lower for p in problems]), upper=np.concatenate([p.upper for p in problems]),
        costs={k: np.concatenate([cost(p, k) for p in problems]) for k in names},
        conversion=sp.block_diag([p.conversion for p in problems], format="csr"),
        conv_lower=np.concatenate([p.conv_lower for p in problems]),
        conv_upper=np.concatenate([p.conv_upper for p in problems]),
        conv_costs={k: np.concatenate([conv_cost(p, k) for p in problems]) for k in names},
    )


def sub_problem(problem: Problem, nodes: IntArray, arcs: IntArray, convs: IntArray) -> Problem:
    """The part of ``problem`` on the given node, arc and conversion indices (renumbered from 0).

    Parameters
    ----------
    problem : Problem
        The network: nodes, arcs, conversions, bounds and named costs.
    nodes, arcs, convs : numpy.ndarray
        Indices into ``problem``; an arc's ends outside ``nodes`` become the boundary.

    Returns
    -------
    Problem
        The part, renumbered from 0.
    """
    renum = np.full(problem.n_nodes, -1, dtype=np.int64)
    renum[nodes] = np.arange(nodes.size)

    def ends(e: IntArray) -> IntArray:
        return np.where(e == BOUNDARY, BOUNDARY, renum[np.maximum(e, 0)])

    conv = problem.conversion[nodes][:, convs] if convs.size else None
    return Problem(
        n_nodes=nodes.size, tail=ends(problem.tail[arcs]), head=ends(problem.head[arcs]), rhs=problem.rhs[nodes],
        gain=problem.gain[arcs], lower=problem.lower[arcs], upper=problem.upper[arcs],
        costs={k: v[arcs] for k, v in problem.costs.items()}, conversion=conv,
        conv_lower=problem.conv_lower[convs], conv_upper=problem.conv_upper[convs],
        conv_costs={k: v[convs] for k, v in problem.conv_costs.items()},
    )
