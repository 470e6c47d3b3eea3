"""Changes that survive every shipped accounting convention, and those that do not.

A change the optimiser proposes under one convention (system expansion, say)
may reverse under another (biogenic stack CO2 counted): the recommendation
then rests on the convention, not on the network. The evaluation itself
checks this, once: every other shipped convention is a declared extra answer
of the same compiled problems, re-solved warm with its costs, and a change
some convention does not make has the verdict ``convention-dependent``
(:mod:`symbiosis.engine.across`, issue 26). :func:`robust_changes` is that
check as one table.
"""

from __future__ import annotations

import pandas as pd

from symbiosis.evaluation import evaluate
from symbiosis.model import Network

__all__ = ["robust_changes"]

_ITEMS = ("stream", "process")


def robust_changes(network: Network, objective: str = "cost", weights: dict[str, float] | None = None,
                   convention: str | None = None) -> pd.DataFrame:
    """The changes of streams and processes under ``convention``, each with the conventions that agree.

    Returns the rows of :meth:`symbiosis.accounting.evaluated.Evaluation.changes` and
    :meth:`~symbiosis.accounting.evaluated.Evaluation.convention_dependent` that move a stream or a process, with
    ``agree`` (the shipped conventions under which the same item changes in the same direction, the declared
    one first), ``disagree`` (those under which it does not: no change, a tie, or the other way) and
    ``convention_dependent`` (``disagree`` is not empty). A convention-dependent change is not a
    recommendation: it reverses, or vanishes, under another way of counting.

    Cost: one evaluation (each other convention a warm re-solve of the same compiled problems).

    Examples
    --------
    >>> import symbiosis as sym
    >>> table = robust_changes(sym.load_network("kalundborg-2000"), "co2e")
    >>> table.empty  # the coal era's artefacts are gone (issue 26): nothing to change under any convention
    True

    Parameters
    ----------
    network : Network
        The network.
    objective : str
        What the optimised answer minimises: ``cost``, ``co2e`` or ``weighted``.
    weights : dict of str to float, optional
        Weights over the named costs (with ``weighted``).
    convention : str, optional
        The declared accounting convention (default ``system-expansion``).

    Returns
    -------
    pandas.DataFrame
        One row per change of a stream or process (columns above).
    """
    ev = evaluate(network, objective, weights, convention=convention)
    rows = pd.concat([ev.changes(), ev.convention_dependent()], ignore_index=True)
    rows = rows[rows.what.isin(_ITEMS)].reset_index(drop=True)
    return rows.assign(convention_dependent=[bool(d) for d in rows.disagree])
