"""What a planner reads for an indicator key: a label and a unit, and its value with that unit.

Run results and sweeps carry internal keys (``cost_saved``, ``public_value``,
``virgin_avoided:gypsum:wet``, ``nutrient_avoided:N``); tables for people
show a label and a unit instead. A share prints as a percentage.

>>> label("public_value"), label("nutrient_avoided:N")
(('Public-economy value', 'DKK/yr'), ('Mineral nutrient avoided: N', 't N/yr'))
>>> label("virgin_avoided:gypsum:wet")
('Virgin material avoided: gypsum (wet)', 't/yr')
>>> value("framework_coverage", 0.142857), value("cost_saved", 295722800.0), value("public_value", None)
('14%', '295,722,800', '-')
"""

from __future__ import annotations

from symbiosis.accounting.indicators import INDICATOR, INDICATORS
from symbiosis.present.formatting import number
from symbiosis.present.i18n import current

__all__ = ["ACTOR_INDICATORS", "label", "order", "value"]

_MEASURES = {"virgin_avoided": "Virgin material avoided", "diverted": "Diverted from disposal",
             "nutrient_avoided": "Mineral nutrient avoided"}
#: Per-actor indicators of the run store (scope ``actor``), and a stream's flow (scope ``stream``).
ACTOR_INDICATORS = {"cost_saved": ("Cost saved (its share)", "DKK/yr"),
                    "co2e_avoided": ("CO2e avoided (its share)", "t CO2e/yr"),
                    "flow": ("Flow", "unit/yr")}


def label(key: str) -> tuple[str, str]:
    """(label, unit) of an indicator key; a share's unit is ``%``. An unknown key keeps its words, unit ``-``."""
    if key in INDICATOR:
        ind = INDICATOR[key]
        return ind.label, "%" if ind.unit == "share" else ind.unit
    measure, _, rest = key.partition(":")
    if measure in _MEASURES and rest:
        if measure == "nutrient_avoided":
            return f"{_MEASURES[measure]}: {rest}", f"t {rest}/yr"
        material, _, basis = rest.rpartition(":")
        return f"{_MEASURES[measure]}: {material or basis}" + (f" ({basis})" if material else ""), "t/yr"
    return key.replace("_", " ").capitalize(), "-"


def value(key: str, x: float | None, lang: str | None = None) -> str:
    """The value of indicator ``key`` for people (a share as a whole percentage, ``14 %`` in Danish), without its
    unit; ``lang`` defaults to the output's (:func:`symbiosis.present.i18n.current`)."""
    ind = INDICATOR.get(key)
    if ind is not None and ind.unit == "share" and x is not None and number(x) != "-":
        text = number(x * 100, significant=2, lang=lang)
        return f"{text} %" if (lang or current()) == "da" else f"{text}%"  # 14%, and 0.047% rather than 0%
    return number(x, lang=lang)


def order(keys) -> list[str]:
    """Indicator keys in reading order: the three bottom lines as :data:`INDICATORS`, then materials by name."""
    keys = list(dict.fromkeys(keys))
    known = [i.key for i in INDICATORS if i.key in keys]
    return known + sorted(k for k in keys if k not in INDICATOR)
