"""The social factor table: benefit rates, fleksløntilskud parameters, tax, refusion, SROI defaults.

The bundled rows of ``symbiosis/data/factors-social-dk.yaml`` hold one row per
kind and year. A network takes, for each kind, the row of its own year, else of
the nearest earlier year, else the earliest row (:func:`pick_row`);
:func:`year_notes` says where the year used is not the network's. The
network's own ``factors`` rows of a social kind replace every year of it, and
overrides (``--factor KIND=VALUE``) replace those. Each row has its source and year.
"""

from __future__ import annotations

import math
from functools import lru_cache
from importlib import resources as _pkg
from typing import cast

from symbiosis.errors import FileError, Mistake, bad_field, bad_parameter, unknown_name
from symbiosis.io import pydantic_problems, read_document
from symbiosis.model import Factor, Network
from symbiosis.model.base import FactorKind
from symbiosis.model.rates import factor_range_problem
from symbiosis.social.said import Said, said

__all__ = ['OPTIONAL', 'RATES', 'SOCIAL_TABLE', 'bundled_social_factors', 'factor', 'not_published', 'pick_row',
           'social_factors', 'unpublished_rows', 'year_notes']

SOCIAL_TABLE = "factors-social-dk"

#: Kinds that change with the year (benefit rates, subsidy parameters, tax): the output says when the
#: row used is not of the network's year.
RATES = frozenset({"benefit_kontanthjaelp", "benefit_ledighedsydelse", "flexjob_max_subsidy", "flexjob_threshold",
                   "kh_hour_disregard", "tax_bundskat", "tax_personfradrag", "tax_employment_deduction_rate",
                   "tax_employment_deduction_max", "tax_kommuneskat", "loentilskud_subsidy", "jobcenter_cost",
                   "procurement_threshold_central", "procurement_threshold_subcentral",
                   "procurement_threshold_social"})
#: Kinds that are not bundled: give them to use them.
OPTIONAL = frozenset({"loentilskud_subsidy", "sroi_investment", "jobcenter_cost"})


@lru_cache(maxsize=1)
def _document() -> dict:
    with _pkg.as_file(_pkg.files("symbiosis.data") / f"{SOCIAL_TABLE}.yaml") as path:
        return read_document(path, f"{SOCIAL_TABLE}.yaml (bundled)")[0]


@lru_cache(maxsize=1)
def unpublished_rows() -> tuple[tuple[str, int, int | None, str], ...]:
    """The table's ``not_published`` entries: (kind, first year, last year or None, why)."""
    return tuple((r["factor"], int(r["from"]), None if r.get("to") is None else int(r["to"]),
                  " ".join(r["why"].split())) for r in _document().get("not_published") or [])


def not_published(table: dict[str, Factor], kind: str, year: int) -> Said | None:
    """Why the rate ``kind`` of ``year`` is not published, or None when it is (or the network gives its own row).

    A bundled row of an earlier year standing in for ``year`` (:func:`pick_row`)
    is not silently reused: the rule checks that need the rate say *not
    checked* for the year.

    >>> from symbiosis.io import load_network
    >>> net = load_network("kalundborg")
    >>> t = social_factors(net, year=2025)
    >>> gap = not_published(t, "flexjob_threshold", 2025)
    >>> gap.code, gap["kind"], gap["year"], gap["stands_in"]
    ('rate.not_published', 'flexjob_threshold', 2025, 2024)
    >>> not_published(t, "flexjob_threshold", 2024) is None
    True
    """
    row = table.get(kind)
    if row is None or row not in bundled_social_factors() or (row.year is not None and row.year >= year):
        return None
    for k, first, last, why in unpublished_rows():
        if k == kind and first <= year and (last is None or year <= last):
            return said("rate.not_published", kind=kind, year=year, stands_in=row.year, why=why)
    return None


@lru_cache(maxsize=1)
def bundled_social_factors() -> tuple[Factor, ...]:
    """The rows of ``factors-social-dk.yaml``, validated (several rows per kind: one per year)."""
    from pydantic import ValidationError

    data = _document()
    rows = []
    for i, row in enumerate(data.get("factors") or []):
        try:
            rows.append(Factor.model_validate(row))
        except ValidationError as exc:
            problems = [Mistake(f"factors[{i}].{p.path}", p.message) for p in pydantic_problems(exc, row)]
            raise FileError(problems, f"{SOCIAL_TABLE}.yaml (bundled)") from None
    return tuple(rows)


def pick_row(rows: list[Factor], year: int) -> Factor:
    """The row of ``year``; else of the nearest earlier year; else the earliest row.

    Rows without a year count as the earliest.

    >>> from symbiosis.model import Factor
    >>> rows = [Factor(factor="fte_hours", value=v, unit="h", year=y, source="test", basis="published")
    ...         for v, y in ((1.0, 2022), (2.0, 2024))]
    >>> [pick_row(rows, y).value for y in (2021, 2022, 2023, 2024, 2030)]
    [1.0, 1.0, 1.0, 2.0, 2.0]
    """
    dated = sorted(rows, key=lambda r: -1 if r.year is None else r.year)
    earlier = [r for r in dated if r.year is None or r.year <= year]
    return earlier[-1] if earlier else dated[0]


def social_factors(network: Network, overrides: dict[str, float] | None = None, year: int | None = None
                   ) -> dict[str, Factor]:
    """The social factors by kind for ``year`` (default: the network's).

    Bundled rows (the row of the year, see :func:`pick_row`), replaced by the
    network's rows of the same kind, then by ``overrides``.

    Parameters
    ----------
    network : Network
        Its ``factors`` rows of a social kind replace the bundled ones.
    overrides : dict, optional
        Kind -> value (e.g. ``{"discount_rate": 0.04}``); an overridden row says so in its source.
    year : int, optional
        The year whose rates to use; default ``network.year``.

    Returns
    -------
    dict
        Kind -> :class:`~symbiosis.model.Factor`.

    Raises
    ------
    SymbiosisError
        An override names an unknown kind (the mistake lists the valid ones).
    """
    year = network.year if year is None else year
    by_kind: dict[str, list[Factor]] = {}
    for row in bundled_social_factors():
        by_kind.setdefault(row.factor, []).append(row)
    table = {kind: pick_row(rows, year) for kind, rows in by_kind.items()}
    table.update({f.factor: f for f in network.factors if f.factor in table or f.factor in OPTIONAL})
    valid = sorted(set(table) | OPTIONAL)
    for kind, value in (overrides or {}).items():
        if kind not in valid:
            raise unknown_name("overrides", f"unknown social factor '{kind}'; valid: {', '.join(valid)}")
        if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
            raise bad_parameter("overrides", f"{kind}={value!r} is not a finite number")
        if factor_range_problem(kind, value):
            raise bad_parameter("overrides", f"{kind}: {factor_range_problem(kind, value)}")
        base = table.get(kind)
        table[kind] = Factor(factor=cast(FactorKind, kind), value=value, unit=base.unit if base else "DKK/person-year",
                             year=year, source="override on the command line", basis="estimated",
                             method=f"given by the user (bundled: {base.value:g})" if base else "given by the user")
    return table


def year_notes(table: dict[str, Factor], year: int) -> list[Said]:
    """Where a rate of ``table`` is not of ``year``: the kind and the year of the row used, e.g.
    ``flexjob_threshold 2022`` (the nearest earlier year), ``flexjob_threshold 2024 (2025 not
    published)`` where the year's rate was searched for and not found (:func:`not_published`), or
    ``benefit_kontanthjaelp 2021 (no earlier row)`` when the network is older than every row (messages
    ``rate.year_earlier``, ``rate.year_not_published``, ``rate.year_no_earlier`` with ``kind``, ``row_year``
    and ``year``).

    Parameters
    ----------
    table : dict
        Kind -> :class:`~symbiosis.model.Factor`, as :func:`social_factors` gives it.
    year : int
        The network's year.

    Returns
    -------
    list of Said
        One per rate whose row is of another year, by kind.
    """
    out = []
    for kind in sorted(table):
        row = table[kind]
        if kind not in RATES or row.year is None or row.year == year:
            continue
        case = "no_earlier" if row.year > year else ("not_published" if not_published(table, kind, year)
                                                     else "earlier")
        out.append(said(f"rate.year_{case}", kind=kind, row_year=row.year, year=year))
    return out


def factor(table: dict[str, Factor], kind: str) -> float:
    """The value of one social factor, or a clear error naming where to set it.

    Parameters
    ----------
    table : dict
        Kind -> :class:`~symbiosis.model.Factor` (:func:`social_factors`).
    kind : str
        The factor wanted.

    Returns
    -------
    float
        The row's value.

    Raises
    ------
    SymbiosisError
        The table has no row of ``kind`` (the message says how to give one).
    """
    row = table.get(kind)
    if row is None:
        raise bad_field("factors", f"no '{kind}' factor; add a row to the network's factors "
                        f"or pass --factor {kind}=VALUE")
    return row.value
