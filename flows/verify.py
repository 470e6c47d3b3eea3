"""An optimum HiGHS accepted, checked against the scale of the problem (badly scaled objectives).

HiGHS calls a basis optimal when no reduced cost has the wrong sign by more
than its dual feasibility tolerance, an absolute ``1e-7``. On an objective
whose weights span many orders (``{"groundwater": 1, "virgin_material": 1e-6}``)
a reduced cost of ``-4e-9`` passes, though the variable could move 300,000
units and lower the objective by 0.4 %. :func:`tolerance_loss` puts a number
on that: the most the objective could still fall, to first order, if every
variable whose reduced cost has the wrong sign moved across its range (an
infinite range counts as the largest value in the solution). When that is
more than :data:`RELATIVE` of the objective's scale (the sum of
``|c_j x_j|``), :class:`flows.highs.LinearModel` solves again with the
objective scaled up so that those reduced costs exceed HiGHS' tolerance (from
the basis it has), and says so in its answer (``rescaled``).
"""

from __future__ import annotations

import numpy as np

from flows.problem import FloatArray

__all__ = ["RELATIVE", "tolerance_loss"]

#: The loss (relative to the sum of |c_j x_j|) above which an optimum is solved again with a scaled objective.
RELATIVE = 1e-7


def _wrong(d: np.ndarray, x: np.ndarray, lo: np.ndarray, hi: np.ndarray, reach: float) -> tuple[np.ndarray, ...]:
    """Per variable: the objective it could still gain (``|d| x room``) and its wrong-signed ``|d|``."""
    up = np.where(np.isfinite(hi), hi - x, reach)  # room to rise (a negative d pays there)
    down = np.where(np.isfinite(lo), x - lo, reach)  # room to fall (a positive d pays there)
    # within the primal tolerance of a bound there is no room (an equality row has none either way)
    up[up <= 1e-7 * np.maximum(1.0, np.abs(np.where(np.isfinite(hi), hi, 0.0)))] = 0.0
    down[down <= 1e-7 * np.maximum(1.0, np.abs(np.where(np.isfinite(lo), lo, 0.0)))] = 0.0
    gain = np.maximum(-d, 0.0) * up + np.maximum(d, 0.0) * down
    return gain, np.where(gain > 0, np.abs(d), 0.0)


def tolerance_loss(c: FloatArray, x: FloatArray, col_dual: FloatArray, lower: FloatArray, upper: FloatArray,
                   row_value: FloatArray | None = None, row_dual: FloatArray | None = None,
                   row_lower: FloatArray | None = None, row_upper: FloatArray | None = None
                   ) -> tuple[float, float, float]:
    """How much a basis HiGHS called optimal may still leave on the table, and against what scale.

    Parameters
    ----------
    c, x, col_dual, lower, upper : numpy.ndarray
        Costs, values, reduced costs (``c - A^T y``) and bounds of the columns.
    row_value, row_dual, row_lower, row_upper : numpy.ndarray, optional
        Activities, duals and bounds of the rows (a row is a variable with reduced cost ``y``).

    Returns
    -------
    tuple of float
        The first-order loss bound, the objective's scale (sum of ``|c_j x_j|``) and the largest
        wrong-signed reduced cost.

    Examples
    --------
    >>> import numpy as np
    >>> inf = np.inf
    >>> loss, scale, worst = tolerance_loss(np.array([1.0, 1e-6]), np.array([0.3, 0.0]),
    ...     np.array([0.0, -4e-9]), np.zeros(2), np.array([inf, 3e5]))
    >>> round(loss, 6), round(scale, 6), worst
    (0.0012, 0.3, 4e-09)
    """
    x = np.asarray(x, dtype=float)
    reach = max(1.0, float(np.abs(x).max(initial=0.0)))
    gain, worst = _wrong(np.asarray(col_dual, dtype=float), x, np.asarray(lower, dtype=float),
                         np.asarray(upper, dtype=float), reach)
    loss, top = float(gain.sum()), float(worst.max(initial=0.0))
    if row_dual is not None:
        rgain, rworst = _wrong(np.asarray(row_dual, dtype=float), np.asarray(row_value, dtype=float),
                               np.asarray(row_lower, dtype=float), np.asarray(row_upper, dtype=float), reach)
        loss, top = loss + float(rgain.sum()), max(top, float(rworst.max(initial=0.0)))
    return loss, float(np.abs(np.asarray(c, dtype=float) * x).sum()), top
