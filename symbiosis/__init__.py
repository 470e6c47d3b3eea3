"""symbiosis: industrial symbiosis networks, their best reuse, and three bottom lines.

The Python API in one screen::

    import symbiosis as sym
    net = sym.load_network("kalundborg")          # or a YAML/JSON file
    ev = sym.evaluate(net)                         # observed, counterfactual, optimised
    ev.savings("optimised")                        # DKK/yr, t CO2e/yr, m3/yr, t/yr, jobs
    ev.optimised.streams                           # a pandas DataFrame, one row a stream
"""

from symbiosis.errors import Problem, SymbiosisError
from symbiosis.io import bundled_networks, load_network, save_network
from symbiosis.model import Network

__version__ = "0.1.0"


def evaluate(network, objective="cost", weights=None):
    """Observed, counterfactual and optimised flows of ``network`` (see :mod:`symbiosis.evaluation`)."""
    from symbiosis.evaluation import evaluate as _evaluate

    return _evaluate(network, objective=objective, weights=weights)


__all__ = ["Network", "Problem", "SymbiosisError", "bundled_networks", "evaluate", "load_network",
           "save_network", "__version__"]
