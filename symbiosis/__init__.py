"""symbiosis: industrial symbiosis networks, their best reuse, and three bottom lines.

The Python API in one screen::

    import symbiosis as sym
    net = sym.load_network("kalundborg")          # or a YAML/JSON file, a workbook, a CSV folder
    ev = sym.evaluate(net)                         # observed, counterfactual, optimised
    ev.savings("optimised")                        # DKK/yr, t CO2e/yr, m3/yr, t/yr, jobs
    ev.optimised.streams                           # a pandas DataFrame, one row a stream

The package's rooms, by role (docs/architecture.md has the map): ``model``
(the schema and its validation), ``io`` (files in and out), ``scenario``
(events over years), ``engine`` (the one border to the :mod:`flows` solver),
``accounting`` and ``social`` (the three bottom lines), ``planning`` (design,
Pareto fronts, stress, prices, the service assignment), ``simulate`` (sweeps
and the run store), ``metrics`` (network analysis), ``present`` and ``viz``
(tables, JSON, figures and the page) and ``cli``.
"""

from symbiosis.errors import Mistake, SymbiosisError
from symbiosis.io import bundled_networks, load_network, save_network
from symbiosis.model import Network

__version__ = "0.2.0"


def evaluate(network, objective="cost", weights=None, convention=None, *, recommend=True):
    """Observed, counterfactual and optimised flows of ``network``, solved once, with what the optimiser would
    change unless ``recommend=False`` (see :func:`symbiosis.evaluation.evaluate`)."""
    from symbiosis.evaluation import evaluate as _evaluate

    return _evaluate(network, objective=objective, weights=weights, convention=convention, recommend=recommend)


__all__ = ["Mistake", "Network", "SymbiosisError", "__version__", "bundled_networks", "evaluate", "load_network",
           "save_network"]
