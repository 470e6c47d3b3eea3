"""Taking actors or streams out of one compiled answer through its bounds, and re-solving warm.

Removing an actor from the network and compiling again costs a copy of the
network, its validation and a compile per removal: on a park of thousands of
companies, seconds each. :class:`Removals` compiles nothing: it keeps one
warm model of a compiled answer (:class:`flows.Model`) and takes an actor out
by setting the right-hand side of its balances to 0 and closing every arc
that touches them and every process of its own (bounds 0), which leaves the
same optimum as the network without it. A stream is taken out by closing its
arc.

Before any re-solve, :meth:`Removals.bounds` screens every actor with the
duals of the answer's optimum: the optimal objective ``z`` is convex in the
right-hand side ``b`` and the duals ``y`` are a subgradient, so
``z(b') >= z(b) + y @ (b' - b)``; closing arcs only raises it further. The
change of the objective when actor ``a`` goes is therefore at least
``-sum(y_i * b_i)`` over its balances ``i`` (for a stream: at least
``-d_j * x_j``, its reduced cost times its flow). The bound needs no LP.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

import flows
from symbiosis.engine.compiled import Compiled
from symbiosis.engine.solving import Solution, shortfalls

__all__ = ["Removals"]


class Removals:
    """One compiled answer ``c``, solved once for ``weights``, and re-solved warm without actors or streams.

    ``solves`` counts the LPs run (the first solve included)."""

    def __init__(self, c: Compiled, weights: dict[str, float]):
        self.compiled = c
        p = c.problem
        self._model = flows.Model(p, weights)
        self._lower, self._upper = p.bounds()
        self._rhs = p.rhs.astype(float).copy()
        self._node_actor = c.nodes.actor.to_numpy(dtype=object)
        arc_node = c.arcs.node.to_numpy()
        head = np.where(p.head >= 0, p.head, arc_node)
        tail = np.where(p.tail >= 0, p.tail, arc_node)
        self._arc_ends = (self._node_actor[tail], self._node_actor[head])
        self._proc_actor = np.array([pr.actor for pr in c.network.processes], dtype=object)
        self.solves = 1
        self.base = self._model.solve()
        self._basis = self._model.snapshot()

    @property
    def ok(self) -> bool:
        """True if the answer itself has an optimum."""
        return self.base.ok

    def _actor_vars(self, actors: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The balances of ``actors`` and their variables (arcs touching them, then their processes)."""
        gone = np.array(list(actors), dtype=object)
        nodes = np.flatnonzero(np.isin(self._node_actor, gone))
        arcs = np.isin(self._arc_ends[0], gone) | np.isin(self._arc_ends[1], gone)
        procs = np.isin(self._proc_actor, gone) if self._proc_actor.size else np.zeros(0, bool)
        return nodes, np.flatnonzero(np.concatenate([arcs, procs]))

    def bounds(self, by: str = "actor") -> tuple[list[str], np.ndarray]:
        """Per actor (or running stream), the least change of the optimal objective its removal can make
        (objective units; see the module's text), without an LP: ``(ids, bound)``."""
        c, sol = self.compiled, self.base
        if by == "stream":
            arcs = c.stream_arcs
            d = np.nan_to_num(np.asarray(sol.reduced_costs, dtype=float)[arcs]) if sol.reduced_costs is not None \
                else np.zeros(arcs.size)
            return list(c.stream_ids), -d * sol.flow[arcs]
        ids = [a.id for a in c.network.actors]
        code = {a: k for k, a in enumerate(ids)}
        owner = np.array([code.get(a, -1) for a in self._node_actor], dtype=np.int64)
        mine = owner >= 0
        part = -np.nan_to_num(np.asarray(sol.duals, dtype=float)) * self._rhs
        return ids, np.bincount(owner[mine], weights=part[mine], minlength=len(ids))

    def without(self, actors: Sequence[str] = (), streams: Sequence[str] = ()) -> Compiled:
        """The answer with ``actors`` and ``streams`` taken out (a copy with new arrays; nothing compiled)."""
        c = self.compiled
        nodes, var = self._actor_vars(actors)
        arcs = [c.arc_of(s) for s in streams]
        var = np.concatenate([var, np.array([a for a in arcs if a is not None], dtype=np.int64)])
        rhs, lower, upper = self._rhs.copy(), self._lower.copy(), self._upper.copy()
        rhs[nodes] = 0.0
        lower[var], upper[var] = 0.0, 0.0
        n = c.problem.n_arcs
        return c.with_arrays(rhs=rhs, lower=lower[:n], upper=upper[:n], conv_lower=lower[n:], conv_upper=upper[n:])

    def solve(self, variant: Compiled) -> Solution:
        """The optimum of ``variant`` (from :meth:`without`), warm from the answer's optimal basis (so the
        answer does not depend on the variants solved before)."""
        self.solves += 1
        self._model.restore(self._basis)
        return self._model.solve(variant.problem)

    @staticmethod
    def shortfalls(variant: Compiled, tol: float = 1e-6) -> list[str]:
        """The needs of an infeasible variant that nothing can cover, as ``actor/resource quantity unit``."""
        return [f"{s.actor}/{s.resource} {s.quantity:,.6g} {s.unit}" for s in shortfalls(variant, tol)]

    def inflow(self, sol: Solution) -> dict[tuple[str, str, str], float]:
        """What each (receiver, resource, unit) receives by stream in ``sol`` (units per year), as
        ``symbiosis.results.Result.streams`` sums its ``delivered`` column."""
        c = self.compiled
        arcs = c.stream_arcs
        if not arcs.size:
            return {}
        head = c.problem.head[arcs]
        delivered = sol.flow[arcs] * c.problem.gain[arcs]
        keys = list(zip(self._node_actor[head], c.nodes.resource.to_numpy(dtype=object)[head],
                        c.nodes.unit.to_numpy(dtype=object)[head], strict=True))
        out: dict[tuple[str, str, str], float] = {}
        for k, v in zip(keys, delivered.tolist(), strict=True):
            out[k] = out.get(k, 0.0) + v
        return dict(sorted(out.items()))
