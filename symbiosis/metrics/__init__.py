"""Network metrics of a symbiosis: structure and ecological network analysis.

Turns a :class:`~symbiosis.model.Network` (its recorded flows, in any year
of its history) or a solved :class:`~symbiosis.results.Result` (observed or
optimised flows) into flow matrices, and names what :mod:`flows.ena` and
:mod:`flows.structure` compute on them. See docs/metrics.md for formulas.

Scopes (one flow matrix each):

- one per **resource group**: a resource together with the resources its
  streams replace (FGD gypsum + natural gypsum), when they share a unit;
  flows in that unit per year;
- ``mass``: every resource counted as material mass (categories material,
  nutrient, feed, waste, measured in t or kg), summed in **t/yr**; the same
  definition as the ``virgin_material_avoided`` indicator;
- ``energy``: every resource measured in an energy unit (MWh, GJ, kWh, MJ,
  TJ, GWh), summed in **MWh/yr** with exact unit conversions (1 GJ = 1/3.6
  MWh). Steam measured in tonnes stays in its own scope: turning it into
  energy needs an enthalpy the data does not carry;
- ``links``: every running stream of any resource, for structure only
  (no common unit for flows).

Nodes are the actors taking part in at least one running stream of the
scope. Boundary flows per actor: inputs = its residual supply + virgin
purchases (+ any process output leaving it, so the balance closes);
exports = disposal; consumption (ENA's dissipation) = what is used at the
actor, the remainder of its balance.
"""


from symbiosis.metrics.catalogue import COMMON_SCOPES, METRIC, METRICS, Metric
from symbiosis.metrics.compute import (
    NetworkMetrics,
    analyse,
    by_year,
    compute,
    compute_answer,
    history_years,
    metric_table,
    scenario_by_year,
)
from symbiosis.metrics.matrices import FlowMatrices, close_balance, flow_matrices, graph_flows

__all__ = ["COMMON_SCOPES", "FlowMatrices", "METRIC", "METRICS", "Metric", "NetworkMetrics", "analyse", "by_year",
           "close_balance", "compute", "compute_answer", "flow_matrices", "graph_flows", "history_years",
           "metric_table", "scenario_by_year"]
