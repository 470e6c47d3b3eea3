"""Deprecated: :class:`flows.Model` re-solves variants now (``Model(problem, warm_start=False).solve(variant)``).

:class:`Resolver` handed a problem's structure to HiGHS once and solved each
variant (new costs, bounds, right-hand sides) from a cold start, so that the
same variant gave the same answer bit for bit in any order. :class:`flows.Model`
does the same with ``warm_start=False`` (and, warm, what the old ``Model``
did). This alias goes in 0.3.
"""

from __future__ import annotations

import warnings

from flows.model import Model
from flows.problem import Problem, as_weights
from flows.solution import Solution

__all__ = ["Resolver"]


class Resolver:
    """Deprecated alias of ``flows.Model(problem, objective, warm_start=False)``; ``solve(variant)`` as there.

    Parameters
    ----------
    problem : Problem
        The structure every variant shares.
    objective : str or dict, default "cost"
        A named cost, or weights over named costs.
    engine : str, optional
        Ignored: flows always uses SciPy's HiGHS (``engine`` chose between it and
        the ``highspy`` wheel).
    """

    def __init__(self, problem: Problem, objective: str | dict[str, float] = "cost", *, engine: str = "auto"):
        warnings.warn("flows.resolve.Resolver is deprecated and goes in 0.3: use "
                      "flows.Model(problem, objective, warm_start=False) and Model.solve(variant)",
                      DeprecationWarning, stacklevel=2)
        self.weights = as_weights(objective)
        self.engine = "highs"
        self._model = Model(problem, self.weights, warm_start=False)

    def solve(self, problem: Problem) -> Solution:
        """The optimum of ``problem``, a variant of the one given at construction.

        Parameters
        ----------
        problem : Problem
            Same structure, new numbers.

        Returns
        -------
        Solution
        """
        return self._model.solve(problem)
