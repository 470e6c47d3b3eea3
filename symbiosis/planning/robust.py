"""Changes that survive every shipped accounting convention, and those that do not.

A change the optimiser proposes under one convention (system expansion, say)
may reverse under another (biogenic stack CO2 counted): the recommendation
then rests on the convention, not on the network. :func:`robust_changes`
evaluates the network under every shipped convention
(:func:`symbiosis.accounting.conventions.conventions`) and labels each change
of the declared convention ``convention_dependent`` unless every other
convention makes the same change in the same direction (issue 26).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from symbiosis.accounting.conventions import DEFAULT, conventions
from symbiosis.evaluation import evaluate
from symbiosis.model import Network

__all__ = ["robust_changes"]

_ITEMS = ("stream", "process")


def robust_changes(network: Network, objective: str = "cost", weights: dict[str, float] | None = None,
                   convention: str | None = None) -> pd.DataFrame:
    """The changes of streams and processes under ``convention``, each with the conventions that agree.

    Returns the rows of :meth:`symbiosis.evaluation.Evaluation.changes` that
    move a stream or a process, plus ``agree`` (the shipped conventions under
    which the same item changes in the same direction, the declared one
    included), ``disagree`` (those under which it does not: no change, or the
    other way) and ``convention_dependent`` (``disagree`` is not empty). A
    convention-dependent change is not a recommendation: it reverses, or
    vanishes, under another way of counting.

    Cost: one evaluation per shipped convention.

    Examples
    --------
    >>> import symbiosis as sym
    >>> table = robust_changes(sym.load_network("kalundborg-2000"), "co2e")
    >>> table.empty  # the coal era's artefacts are gone (issue 26): nothing to change under any convention
    True
    """
    declared = convention or DEFAULT
    names = [declared] + [n for n in conventions() if n != declared]
    moved = {}
    for name in names:
        ch = evaluate(network, objective, weights, convention=name).changes()
        ch = ch[ch.what.isin(_ITEMS)]
        moved[name] = ch
    base = moved[declared].copy()
    agree, disagree = [], []
    for row in base.to_dict("records"):
        sign = np.sign(row["optimised"] - row["observed"])
        yes, no = [], []
        for name in names:
            other = moved[name]
            hit = other[(other.what == row["what"]) & (other["item"] == row["item"])]
            same = not hit.empty and np.sign(hit.optimised.iloc[0] - hit.observed.iloc[0]) == sign
            (yes if same else no).append(name)
        agree.append(tuple(yes))
        disagree.append(tuple(no))
    return base.assign(agree=agree, disagree=disagree,
                       convention_dependent=[bool(d) for d in disagree]).reset_index(drop=True)
