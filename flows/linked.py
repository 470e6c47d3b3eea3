"""Resources linked by conversions: solved resource by resource, then finished as one LP from that start.

In a regional network each resource is a network of its own (pure, or with
losses); a few conversions (a biogas plant, a heat pump) link them, and so
make the whole region one block that :func:`flows.blocks.solve_blocks` would
hand to HiGHS as one LP. :func:`solve_linked` uses the structure instead:

1. every conversion is held at the bound nearest 0 (``z0``), which leaves the
   resources independent (``rhs - conversion @ z0``);
2. each resource block is solved its best way (``solve_parts``, which is
   :func:`flows.blocks.solve_blocks` when that module calls this one:
   a pure one by OR-Tools' min-cost flow, a lossy one by sifting in HiGHS,
   side by side on ``workers`` threads);
3. that point, feasible for the whole problem, and its node duals start HiGHS on
   the whole problem (:func:`flows.sifting.solve_sifted`: the point's arcs and
   every arc whose reduced cost under those duals is nearly negative first):
   HiGHS moves the conversions away from ``z0`` where that pays, a few hundred
   pivots instead of a cold start's tens of thousands.

The answer is HiGHS' optimum of the whole problem, so the objective and the
duals are those of one LP (at a degenerate optimum, one valid set of duals
among several, as from any simplex run). If holding the conversions at
``z0`` leaves a resource unable to balance, step 3 starts without a point;
if every resource balances with them held and one is unbounded, so is the whole
problem (a resource that cannot balance makes the blocks' status ``infeasible``
whatever the others do, :func:`flows.blocks.combined_status`, and step 3 settles it).

On the generalised regions of the benchmarks (200 and 400 conversions, a
quarter of the resources lossy) this took about a quarter to a third of the
time of HiGHS on the whole LP (docs/benchmarks.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import replace
from typing import Any

import numpy as np

from flows.problem import Problem
from flows.sifting import solve_sifted
from flows.solution import Solution
from flows.status import INFEASIBLE, OPTIMAL, UNBOUNDED

__all__ = ["solve_linked"]


def solve_linked(problem: Problem, objective: str | dict[str, float] = "cost", *, workers: int = 1,
                 solve_parts: Callable[..., Solution], **options: Any) -> Solution:
    """The optimum of ``problem`` by resource blocks first, then one warm LP (see the module notes).

    Parameters
    ----------
    problem : Problem
        Typically one block whose resources only conversions join.
    objective : str or dict, default "cost"
        A named cost, or weights over named costs.
    workers : int, default 1
        Threads for the resource blocks (see :func:`flows.blocks.solve_blocks`).
    solve_parts : callable
        Solves the problem with the conversions held at ``z0``, resource block
        by resource block: ``solve_parts(problem, objective, workers=workers,
        **options)`` returns a :class:`Solution`. :func:`flows.blocks.solve_blocks`
        passes itself (it calls this function for its large linked blocks, so
        this module does not import it back).
    **options
        HiGHS options.

    Returns
    -------
    Solution
        The whole problem's optimum; ``info["linked"]`` holds the time of the
        resource blocks (``blocks_time``, s) and of the finishing LP
        (``finish_time``), the blocks' engines and the finishing LP's sifting figures.

    Examples
    --------
    >>> from flows.synthetic import regional
    >>> from flows import solve
    >>> from flows.blocks import solve_blocks
    >>> p = regional(300, 6, links_per_supplier=20, processes=20, losses=True, seed=5).problem
    >>> s = solve_linked(p, solve_parts=solve_blocks)
    >>> abs(s.objective - solve(p, engine="highs").objective) <= 1e-9 * abs(s.objective)
    True
    """
    t0 = time.perf_counter()
    z0 = np.clip(0.0, problem.conv_lower, problem.conv_upper)
    apart = problem.arcs_only(rhs=problem.rhs - problem.conversion @ z0)
    parts = solve_parts(apart, objective, workers=workers, **options)
    t1 = time.perf_counter()
    info = {"blocks": parts.info.get("blocks"), "network_flow_blocks": parts.info.get("network_flow_blocks"),
            "lp_blocks": parts.info.get("lp_blocks"), "blocks_time": t1 - t0}
    if parts.status == UNBOUNDED:  # every resource balances and one has a ray: a feasible point and a ray of the whole
        n = problem.n_vars
        return Solution(UNBOUNDED, "a resource is unbounded with the conversions held at z0", np.full(
            problem.n_arcs, np.nan), np.full(problem.n_conversions, np.nan), np.full(problem.n_nodes, np.nan),
            float("nan"), {k: float("nan") for k in problem.costs}, np.full(n, np.nan), parts.solver_time,
            {"engine": "network", "linked": info})
    start = duals = None
    if parts.status == OPTIMAL:
        start = np.concatenate([parts.flow, z0])
        duals = parts.duals
    elif parts.status != INFEASIBLE:
        info["blocks_status"] = parts.status
    sol = solve_sifted(problem, objective, start=start, duals=duals, **options)
    info.update(finish_time=time.perf_counter() - t1, finish=sol.info.get("sifting"), started=start is not None)
    return replace(sol, solver_time=parts.solver_time + sol.solver_time,
                   info={"engine": "network", "gap": 0.0, "linked": info})
