"""The material measures: the first part of the indicator keys of materials, nutrients and energy
(``diverted:<material>:<basis>``, :mod:`symbiosis.accounting.materials`), and reading them back.

Here, below the scores and the social aims that both read these keys, so neither imports the other.
"""

from __future__ import annotations

__all__ = ["MEASURES", "measured"]

#: The material measures, the first part of their indicator keys (``diverted:<material>:<basis>``).
MEASURES = ("virgin_avoided", "diverted", "moved_from_use", "nutrient_avoided", "fuel_saved", "energy_saved",
            "primary_energy_saved")


def measured(indicators: dict, measure: str) -> list[tuple[str, str | None, float]]:
    """The (material or element, basis, t/yr) of one of :data:`MEASURES` among ``indicators`` (the keys of
    :func:`symbiosis.accounting.materials.material_values`), largest first; a total is never made across
    them (unlike tonnes).

    >>> measured({"diverted:biomass:wet": 300000.0, "diverted:sulphur:dry": 4264.0, "cost_saved": 1.0}, "diverted")
    [('biomass', 'wet', 300000.0), ('sulphur', 'dry', 4264.0)]
    """
    if measure not in MEASURES:
        raise KeyError(f"no material measure '{measure}'; valid: {', '.join(MEASURES)}")
    out = []
    for key, value in indicators.items():
        parts = key.split(":")
        if parts[0] == measure and len(parts) >= 2 and value is not None:
            out.append((parts[1], parts[2] if len(parts) > 2 else None, float(value)))
    return sorted(out, key=lambda x: -abs(x[2]))
