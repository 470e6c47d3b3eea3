"""Planning with a network: which links to build, what trades against what, what breaks, what is worth what.

- :mod:`.design`: which candidate streams to build (MILP), with payback; would we build the running ones again.
- :mod:`.pareto`: Pareto fronts between two or three bottom lines.
- :mod:`.stress`: each actor or stream taken out, the rest re-optimised.
- :mod:`.prices`: shadow prices per balance and price ranges per stream.
- :mod:`.assignment`: which social-economy enterprise serves which member.
"""

from symbiosis.planning.assignment import Assignment, assign_services, missing_inputs
from symbiosis.planning.design import LinkDesign, design_links, rebuild_check
from symbiosis.planning.pareto import ParetoFront
from symbiosis.planning.prices import ShadowPrices, shadow_prices
from symbiosis.planning.robust import robust_changes
from symbiosis.planning.stress import random_failures

# pareto.pareto, sensitivity.sensitivity and stress.stress are not lifted here: the names would hide
# their modules (symbiosis.planning.stress would be the function), which callers and tests address
__all__ = ["Assignment", "LinkDesign", "ParetoFront", "ShadowPrices", "assign_services", "design_links",
           "missing_inputs", "random_failures", "rebuild_check", "robust_changes", "shadow_prices"]
