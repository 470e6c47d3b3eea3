"""A rule of :mod:`symbiosis.model.validation`: no process, and no chain of processes, makes a resource from nothing.

A process that takes and gives the same resource (steam in, more steam out)
would let the optimiser deliver steam nobody supplied; so would a chain of an
actor's single-input processes whose ratios multiply to more than 1 around a
cycle (steam to gypsum to more steam). Both are refused, naming the process.
A process that says where its gains come from (``gains_from``: a heat pump's
ambient heat) is the modeller's statement and is left out of the cycles. The
per-dimension balance of one process (more mass out than in) is
``validation._nothing_from_nothing``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from symbiosis.model.validation import _Check

__all__ = ["nothing_from_nothing"]


def nothing_from_nothing(c: _Check) -> None:
    """No process takes and gives the same resource, and no chain of an actor's single-input processes
    gives back more of a resource than it took: either would make it from nothing."""
    by_actor: dict[str, list[tuple[str, str, float, int]]] = {}
    for i, p in enumerate(c.net.processes):
        both = sorted(set(p.inputs) & set(p.outputs))
        for r in both:
            c.add(f"processes[{i}].outputs.{r}", f"'{r}' is both an input ({p.inputs[r]:g}) and an output "
                  f"({p.outputs[r]:g}) of process '{p.id}': the optimiser could run it to make '{r}' from "
                  "nothing; write only the net amount, on one side")
        if len(p.inputs) == 1 and not both and not p.gains_from:  # declared gains are the modeller's
            [(r_in, a)] = p.inputs.items()
            by_actor.setdefault(p.actor, []).extend((r_in, r_out, b / a, i) for r_out, b in p.outputs.items())
    for edges in by_actor.values():
        cycle = _gaining_cycle(edges)
        if cycle:
            first = c.net.processes[cycle[0][3]]
            names = " -> ".join(f"'{c.net.processes[e[3]].id}'" for e in cycle)
            c.add(f"processes[{cycle[0][3]}].outputs", f"processes {names} of '{first.actor}' turn one unit of "
                  f"'{cycle[0][0]}' back into {math.prod(e[2] for e in cycle):.4g} units of it: the optimiser "
                  "could make it from nothing; check the ratios")


def _gaining_cycle(edges: list[tuple[str, str, float, int]]) -> list[tuple[str, str, float, int]]:
    """A cycle of resource conversions (input, output, ratio, process number) whose ratios multiply to
    more than 1, if any: Bellman-Ford on -log(ratio), where a negative cycle is a gaining one."""
    nodes = sorted({e[0] for e in edges} | {e[1] for e in edges})
    dist = dict.fromkeys(nodes, 0.0)  # as if from a source joined to every node
    pred: dict[str, tuple[str, str, float, int]] = {}
    last = None
    for _ in range(len(nodes) + 1):  # still improving after that many rounds: a negative cycle
        last = None
        for e in edges:
            w = -math.log(e[2])
            if dist[e[0]] + w < dist[e[1]] - 1e-9:
                dist[e[1]], pred[e[1]], last = dist[e[0]] + w, e, e[1]
        if last is None:
            return []
    assert last is not None  # for the type checker: the rounds ran, each found an improvement
    for _ in range(len(nodes)):  # walk back until inside the cycle
        last = pred[last][0]
    cycle, node = [], last
    while True:
        e = pred[node]
        cycle.append(e)
        node = e[0]
        if node == last:
            return cycle[::-1]
