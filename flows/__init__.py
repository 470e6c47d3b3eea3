"""flows: a vectorised engine for generalised network flows with conversions.

Labelled arrays in, solutions out. Knows nothing of companies or Denmark:
nodes are balances, arcs carry a flow with a gain, conversions turn some
nodes' quantities into others' at fixed ratios, and arcs from or to the
boundary (index -1) are imports and exports.
"""

from flows.diagnose import Imbalance, diagnose_infeasible
from flows.problem import BOUNDARY, Problem
from flows.solve import Solution, solve

__all__ = ["BOUNDARY", "Imbalance", "Problem", "Solution", "diagnose_infeasible", "solve"]
