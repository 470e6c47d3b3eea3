"""flows: a vectorised engine for generalised network flows with conversions.

Labelled arrays in, solutions out. Knows nothing of companies or Denmark:
nodes are balances, arcs carry a flow with a gain, conversions turn some
nodes' quantities into others' at fixed ratios, and arcs from or to the
boundary (index -1) are imports and exports.

- :func:`solve` / :class:`Model`: HiGHS, once or warm for re-solves.
- :func:`solve_blocks`: split into independent blocks; pure min-cost-flow
  blocks go to OR-Tools' min-cost flow, the rest to HiGHS.
- :func:`design`: which candidate arcs to build (MILP).
- :func:`pareto_front`: epsilon-constraint front between two named costs.
- :mod:`flows.synthetic`: seeded regional networks of any size.
"""

from flows.diagnose import BoundConflict, Imbalance, diagnose_bounds, diagnose_infeasible
from flows.problem import BOUNDARY, Problem
from flows.solve import Model, Solution, solve
from flows.status import STATUSES, Infeasible, LimitReached, SolveError, Status, Unbounded

__all__ = ["BOUNDARY", "STATUSES", "BoundConflict", "Imbalance", "Infeasible", "LimitReached", "Model", "Problem",
           "Solution", "SolveError", "Status", "Unbounded", "diagnose_bounds", "diagnose_infeasible", "solve"]
