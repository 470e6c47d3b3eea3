"""The social factor table: benefit rates, fleksløntilskud parameters, SROI defaults.

The bundled rows of ``symbiosis/data/factors-social-dk.yaml``, replaced by a network's own
``factors`` rows, then by overrides (``--factor KIND=VALUE``). Each row has its source and year.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources as _pkg

from symbiosis.errors import Mistake, SymbiosisError
from symbiosis.model import Factor, Network
from symbiosis.model.validation import factor_range_problem

__all__ = ['SOCIAL_TABLE', 'bundled_social_factors', 'factor', 'social_factors']

SOCIAL_TABLE = "factors-social-dk"


@lru_cache(maxsize=1)
def bundled_social_factors() -> tuple[Factor, ...]:
    """The rows of ``factors-social-dk.yaml``, validated."""
    from pydantic import ValidationError

    from symbiosis.io import pydantic_problems, read_document

    path = _pkg.files("symbiosis.data") / f"{SOCIAL_TABLE}.yaml"
    data, _ = read_document(path, f"{SOCIAL_TABLE}.yaml (bundled)")
    rows = []
    for i, row in enumerate(data.get("factors") or []):
        try:
            rows.append(Factor.model_validate(row))
        except ValidationError as exc:
            problems = [Mistake(f"factors[{i}].{p.path}", p.message) for p in pydantic_problems(exc, row)]
            raise SymbiosisError(problems, f"{SOCIAL_TABLE}.yaml (bundled)") from None
    return tuple(rows)


def social_factors(network: Network, overrides: dict[str, float] | None = None) -> dict[str, Factor]:
    """The social factors by kind: bundled rows, replaced by the network's rows, then by ``overrides``.

    ``overrides`` maps a factor kind to a value (e.g. ``{"discount_rate": 0.04}``);
    an overridden row says so in its source.
    """
    table = {f.factor: f for f in bundled_social_factors()}
    table.update({f.factor: f for f in network.factors if f.factor in table or f.factor in _OPTIONAL})
    valid = sorted(set(table) | _OPTIONAL)
    for kind, value in (overrides or {}).items():
        if kind not in valid:
            raise SymbiosisError([Mistake("overrides", f"unknown social factor '{kind}'; valid: {', '.join(valid)}")])
        if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
            raise SymbiosisError([Mistake("overrides", f"{kind}={value!r} is not a finite number")])
        if factor_range_problem(kind, value):
            raise SymbiosisError([Mistake("overrides", f"{kind}: {factor_range_problem(kind, value)}")])
        base = table.get(kind)
        table[kind] = Factor(factor=kind, value=value, unit=base.unit if base else "DKK/FTE-year",
                             source="override on the command line", basis="estimated",
                             method=f"given by the user (bundled: {base.value:g})" if base else "given by the user")
    return table


_OPTIONAL = {"loentilskud_subsidy", "sroi_investment"}


def factor(table: dict[str, Factor], kind: str) -> float:
    """The value of one social factor, or a clear error naming where to set it."""
    row = table.get(kind)
    if row is None:
        raise SymbiosisError([Mistake("factors", f"no '{kind}' factor; add a row to the network's factors "
                                      f"or pass --factor {kind}=VALUE")])
    return row.value

