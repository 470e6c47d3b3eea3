"""Factors that are rates or shares, and the range each must lie in.

A discount rate of -5 (-500 %) or an SROI deadweight of 2 (200 %) is a typo,
not a scenario: :func:`factor_range_problem` says what is wrong, for a
factor row of a network (:mod:`symbiosis.model.validation`) and for an
override on the command line (``--factor``, :mod:`symbiosis.social.factors`).
"""

from __future__ import annotations

__all__ = ["FACTOR_RANGES", "factor_range_problem"]

#: Factors that are rates or shares, and the range they must lie in: (low, high, high included, what).
FACTOR_RANGES = {
    "discount_rate": (0.0, 1.0, False, "a yearly rate between 0 and 1 (0.035 is 3.5 %)"),
    **{k: (0.0, 1.0, True, "a share between 0 and 1") for k in (
        "sroi_deadweight", "sroi_attribution", "sroi_displacement", "sroi_drop_off", "flexjob_reduction_low",
        "flexjob_reduction_high", "refusion_state_share", "refusion_weeks_1_4", "refusion_weeks_5_26",
        "refusion_weeks_27_52")},
}


def factor_range_problem(kind: str, value: float) -> str | None:
    """What is wrong with ``value`` for a rate or share factor ``kind`` (see :data:`FACTOR_RANGES`), or None."""
    if kind not in FACTOR_RANGES:
        return None
    low, high, closed, what = FACTOR_RANGES[kind]
    if low <= value < high or (closed and value == high):
        return None
    return f"{value:g} is not {what}"
