"""A scenario's years on one compiled problem per network structure: each year's numbers, no recompiling.

Events change numbers (a demand grows, a price rises, a capacity shrinks, a contract binds) far more
often than they change the network's structure (a company joins or leaves, a stream starts or ends, a
need drops to nothing). :class:`YearCompiler` compiles the first year of each structure
(:func:`~symbiosis.engine.compiled.compile_network`, once, the other answers by their streams' bounds as
:func:`~symbiosis.engine.compiled.compile_answers` makes them) and gives every later year of the same
structure that problem with the year's own numbers: right-hand sides, bounds and named costs, computed by
the functions :func:`compile_network` computes them with, so each year's arrays are those its own compile
would give, bit for bit (a test holds them equal).

Two years share a structure when they have the same running streams (ids, ends, resources, gains), the
same balances in the same order, the same virgin-purchase and disposal arcs and the same processes and
joint capacities. A year with another structure compiles anew (or takes an earlier structure it has
again). A company or stream that is gone is not kept as a bound of zero on a union of the years' networks:
that problem would carry other columns than the year's own, so its ties, its reported streams and its
samples' bases could differ from the year's; a compile per structure is exact and cheap beside the solves.

Each year's feasibility (checked before a run stores anything) is one warm re-solve of a HiGHS model
kept per structure and answer (:meth:`YearCompiler.status`); only a year without an optimum is solved
again cold, for the status the check has always reported.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

import numpy as np

import flows
from symbiosis.engine.compiled import Compiled, _arc_costs, _Balances, _stream_bounds, compile_network
from symbiosis.engine.solving import try_solve
from symbiosis.model import Network, Stream
from symbiosis.results import Answer

__all__ = ["YearCompiler"]


@dataclass(frozen=True, eq=False)
class _Structure:
    """One network structure: its first year's compiled optimised answer and what later years must match."""

    base: Compiled
    streams: list[tuple]
    gain: np.ndarray
    keys: list[tuple]
    virgin: np.ndarray
    disposal: np.ndarray
    units: list[str]

    def holds(self, net: Network, streams: list[tuple], gain: np.ndarray, g: _Balances) -> bool:
        """Whether ``net`` (its streams' signature ``streams`` and ``gain``, its balances ``g``) has this
        structure."""
        own = self.base.network
        return (streams == self.streams and np.array_equal(gain, self.gain) and list(g.keys) == self.keys
                and np.array_equal(g.virgin, self.virgin) and np.array_equal(g.disposal, self.disposal)
                and net.processes == own.processes and net.capacities == own.capacities
                and [net.resource[r].unit for r in g.resource] == self.units)


def _signature(streams: list[Stream]) -> tuple[list[tuple], np.ndarray]:
    """What of the running streams makes the structure: ids, ends, resources, grades, and gains."""
    return ([(s.id, s.supplier, s.receiver, s.resource, s.target_resource, s.grade) for s in streams],
            np.array([s.gain for s in streams], dtype=float))


def _with_bounds(c: Compiled, net: Network, streams: list[Stream], answer: Answer) -> Compiled:
    """``c`` as ``answer``: the same problem with that answer's stream bounds (the streams' arcs come first)."""
    if c.answer == answer:
        return c
    lo, hi = _stream_bounds(net, streams, answer)
    lower, upper = c.problem.lower.copy(), c.problem.upper.copy()
    lower[:len(streams)], upper[:len(streams)] = lo, hi
    return replace(c, answer=answer, problem=replace(c.problem, lower=lower, upper=upper))


class YearCompiler:
    """Compiles the years of a scenario once per network structure (see the module notes).

    Parameters
    ----------
    answers : sequence of str
        The answers wanted for each year (``optimised``, ``observed``, ``counterfactual``).
    """

    def __init__(self, answers: Sequence[Answer]):
        self.answers = tuple(answers)
        self.structures: list[_Structure] = []
        self._models: dict[tuple[int, Answer], flows.Model] = {}

    def compile(self, net: Network) -> tuple[int, dict[Answer, Compiled]]:
        """The answers of ``net`` (a year's network), and the number of its structure.

        Parameters
        ----------
        net : Network
            The network of one year.

        Returns
        -------
        int
            Its structure's number (in the order the structures were met).
        dict of str to Compiled
            Each answer asked for, compiled (a new structure) or the structure's problem with this year's numbers.
        """
        streams = net.streams_in_year()
        sig, gain = _signature(streams)
        g = _Balances(net, streams)
        for k in reversed(range(len(self.structures))):  # the last structure first: years run in order
            st = self.structures[k]
            if st.holds(net, sig, gain, g):
                return k, self._answers(self._renumbered(st, net, streams, g), net, streams)
        base = compile_network(net, "optimised")
        self.structures.append(_Structure(base, sig, gain, list(g.keys), g.virgin, g.disposal,
                                          [net.resource[r].unit for r in g.resource]))
        return len(self.structures) - 1, self._answers(base, net, streams)

    def _answers(self, c: Compiled, net: Network, streams: list[Stream]) -> dict[Answer, Compiled]:
        return {a: _with_bounds(c, net, streams, a) for a in self.answers}

    @staticmethod
    def _renumbered(st: _Structure, net: Network, streams: list[Stream], g: _Balances) -> Compiled:
        """The structure's optimised answer with ``net``'s numbers: what :func:`compile_network` computes
        for them, by its own functions (the processes and joint capacities are the structure's own)."""
        base = st.base
        n, k_s = len(g.keys), len(streams)
        k_v, k_d = g.virgin.size, g.disposal.size
        caps = base.nodes.supply.to_numpy(dtype=float)[n:]
        k_c = caps.size
        lo, hi = _stream_bounds(net, streams, "optimised")
        boundary = {kind: list(zip(g.actor[at].tolist(), g.resource[at].tolist(), strict=True))
                    for kind, at in (("virgin", g.virgin), ("disposal", g.disposal))}
        problem = replace(base.problem, rhs=np.concatenate([g.demand - g.supply, -caps]),
                          lower=np.concatenate([lo, np.zeros(k_v + k_d + k_c)]),
                          upper=np.concatenate([hi, np.full(k_v + k_d + k_c, np.inf)]),
                          costs=_arc_costs(net, streams, boundary, k_c))
        nodes = base.nodes.assign(supply=np.concatenate([g.supply, caps]),
                                  demand=np.concatenate([g.demand, np.zeros(k_c)]))
        assert k_s == base.stream_arcs.size  # for the reader: the same streams, first
        return Compiled(net, "optimised", problem, nodes, base.arcs, base.process_ids)

    def status(self, k: int, c: Compiled, weights: dict[str, float]) -> str:
        """Whether ``c`` (an answer of structure ``k``) has an optimum: one warm re-solve of the structure's
        model for that answer (made on first use); without an optimum, the status of a cold solve
        (:func:`~symbiosis.engine.solving.try_solve`), as the check has always reported it.

        Parameters
        ----------
        k : int
            The structure's number (from :meth:`compile`).
        c : Compiled
            The answer.
        weights : dict of str to float
            The objective (the same for every year).

        Returns
        -------
        str
            ``optimal``, or the cold solve's status (``infeasible``...).
        """
        model = self._models.get((k, c.answer))
        if model is None:
            model = self._models[(k, c.answer)] = flows.Model(c.problem, weights)
            sol = model.solve()
        else:
            sol = model.solve(c.problem)
        return "optimal" if sol.ok else try_solve(c, weights).status
