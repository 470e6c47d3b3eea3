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

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from symbiosis.errors import Mistake, SymbiosisError

if TYPE_CHECKING:
    from symbiosis.evaluation import Evaluation
    from symbiosis.io import bundled_networks, load_network, save_network
    from symbiosis.model import Network

__version__ = "0.2.0"


def evaluate(network: Network, objective: str = "cost", weights: dict[str, float] | None = None,
             convention: str | None = None, *, recommend: bool = True) -> Evaluation:
    """Observed, counterfactual and optimised flows of ``network``, solved once, with what the optimiser would
    change unless ``recommend=False`` (see :func:`symbiosis.evaluation.evaluate`).

    Parameters
    ----------
    network : Network
        The network.
    objective : str
        What the optimised answer minimises: ``cost``, ``co2e`` or ``weighted``.
    weights : dict of str to float, optional
        Weights over the named costs.
    convention : str, optional
        The accounting convention (default ``system-expansion``).
    recommend : bool
        Also compute what the optimiser would change.

    Returns
    -------
    Evaluation
        The three answers, solved.

    Raises
    ------
    SymbiosisError
        Naming the actor and resource if the recorded flows or the needs cannot balance.
    """
    from symbiosis.evaluation import evaluate as _evaluate

    return _evaluate(network, objective=objective, weights=weights, convention=convention, recommend=recommend)


def __getattr__(name: str) -> Any:
    """``load_network``, ``bundled_networks``, ``save_network`` and ``Network``, imported on first use: the
    command line imports this package, and the model's pydantic classes are a third of a second it does not
    need before a command reads a network (nor for ``--help`` or a mistake in its flags)."""
    if name in ("bundled_networks", "load_network", "save_network"):
        import symbiosis.io as io

        return getattr(io, name)
    if name == "Network":
        import symbiosis.model as model

        return getattr(model, name)
    raise AttributeError(f"module 'symbiosis' has no attribute {name!r}")


__all__ = ["Mistake", "Network", "SymbiosisError", "__version__", "bundled_networks", "evaluate", "load_network",
           "save_network"]
