"""Quantities and costs as OR-Tools' 64-bit integers: the smallest power of ten that makes data whole.

The network-flow path (:mod:`flows.netflow`) scales quantities by
``flow_scale`` and costs by ``cost_scale``, the smallest powers of ten (at most
10^6) that make every finite value an integer; data with more decimals are
rounded at 10^-6 of a unit. The checks run a cache-sized chunk at a time, in
place, and stop at the first value that is not whole.
"""

from __future__ import annotations

import numpy as np

__all__ = ["decimal_scale"]


def decimal_scale(values: np.ndarray, most: int = 6) -> float:
    """The smallest power of ten (up to 10^most) that makes every finite value an integer.

    Parameters
    ----------
    values : array_like
        Numbers; infinite ones are skipped.
    most : int, default 6
        The largest power tried: 10^most is returned when no smaller one does.

    Returns
    -------
    float
        The power of ten.

    Examples
    --------
    >>> decimal_scale([1.5, 2.25, float("inf")]), decimal_scale([1 / 3])
    (100.0, 1000000.0)
    """
    return _decimal_scale(values, most)[0]


def _decimal_scale(values: np.ndarray, most: int = 6) -> tuple[float, bool]:
    """:func:`decimal_scale`, and whether it makes every value an integer (False: values need rounding)."""
    v = np.asarray(values, dtype=float).reshape(-1)
    probe = v[:: max(1, v.size // 1000)]  # a cheap first look, then the full check
    probe = probe[np.isfinite(probe)]
    for k in range(most + 1):
        s = 10.0**k
        if _integral(probe * s) and _all_integral(v, s):
            return s, True
    return 10.0**most, False


def _integral(w: np.ndarray) -> bool:
    return bool(np.all(np.abs(w - np.rint(w)) <= 1e-9 * np.maximum(1.0, np.abs(w))))


def _all_integral(v: np.ndarray, s: float, chunk: int = 1 << 15) -> bool:
    """``_integral(v * s)`` over the finite values, a cache-sized chunk at a time, in place, stopping early."""
    with np.errstate(invalid="ignore"):  # inf - inf: infinite values are skipped
        for i in range(0, v.size, chunk):
            part = v[i:i + chunk]
            w = part * s
            r = np.rint(w)
            r -= w
            np.abs(r, out=r)
            np.abs(w, out=w)
            np.maximum(w, 1.0, out=w)
            w *= 1e-9
            if not np.all((r <= w) | np.isinf(part)):
                return False
    return True


def _rounded(values: np.ndarray, scale: float, infinite: float | None = None, chunk: int = 1 << 15) -> np.ndarray:
    """``round(values x scale)`` as 64-bit integers, a cache-sized chunk at a time; +-inf becomes ``infinite``."""
    out = np.empty(values.size, np.int64)
    for i in range(0, values.size, chunk):
        w = values[i:i + chunk] * scale
        np.rint(w, out=w)
        if infinite is not None:
            inf = np.isinf(w)
            if inf.any():
                w[inf] = infinite
        out[i:i + chunk] = w
    return out
