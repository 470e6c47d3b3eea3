"""flows: a vectorised engine for generalised network flows with conversions.

Labelled arrays in, solutions out. Knows nothing of companies or Denmark:
nodes are balances, arcs carry a flow with a gain, conversions turn some
nodes' quantities into others' at fixed ratios, and arcs from or to the
boundary (index -1) are imports and exports.

- :class:`Problem`: the arrays; :func:`join` puts problems side by side.
- :func:`solve`: the one way to solve, ``engine="auto"`` (default),
  ``"highs"`` (one LP in HiGHS) or ``"network"`` (:func:`solve_blocks`:
  independent blocks, pure min-cost-flow blocks by OR-Tools, the optional
  ``network`` extra; the rest by HiGHS).
- :class:`Model`: one problem kept in HiGHS; new costs, bounds or right-hand
  sides (or a whole variant) and solve again, warm or cold.
- :class:`Solution`: flows, activities, duals, reduced costs, totals; its
  ``status`` is one of :data:`STATUSES` and :meth:`Solution.raise_for_status`
  raises :class:`Infeasible`, :class:`Unbounded` or :class:`LimitReached`
  (all :class:`SolveError`).
- :func:`design`: which candidate arcs to build (MILP); :func:`annuity`.
- :func:`pareto_front`, :func:`pareto_surface`: epsilon-constraint fronts
  between two or three named costs.
- :func:`diagnose_infeasible`, :func:`diagnose_bounds`: why a problem cannot balance.
- :mod:`flows.linked` (resources joined by conversions, solved apart, then one
  warm LP) and :mod:`flows.sifting` (an LP on a few of its arcs at a time): what
  the network engine does with large blocks that are not pure;
  :mod:`flows.variants`: many variants of one small problem at once, from kept
  optimal bases (Monte Carlo sweeps).
- :mod:`flows.ena`, :mod:`flows.structure`: network analysis of flow matrices;
  :mod:`flows.synthetic`: seeded regional networks of any size.

:func:`solve_blocks` is loaded on first use (SciPy's graph module takes about
0.2 s to import).
"""

from typing import Any

from flows.design import Design, annuity, design
from flows.diagnose import BoundConflict, Imbalance, diagnose_bounds, diagnose_infeasible
from flows.pareto import Front, pareto_front, pareto_surface
from flows.problem import BOUNDARY, Problem, join
from flows.solve import ENGINES, Model, Solution, solve
from flows.status import STATUSES, Infeasible, LimitReached, SolveError, Status, Unbounded

__all__ = ["BOUNDARY", "ENGINES", "STATUSES", "BoundConflict", "Design", "Front", "Imbalance", "Infeasible",
           "LimitReached", "Model", "Problem", "Solution", "SolveError", "Status", "Unbounded", "annuity", "design",
           "diagnose_bounds", "diagnose_infeasible", "join", "pareto_front", "pareto_surface", "solve",
           "solve_blocks"]


def __getattr__(name: str) -> Any:
    if name == "solve_blocks":
        from flows.blocks import solve_blocks

        return solve_blocks
    raise AttributeError(f"module 'flows' has no attribute {name!r}")
