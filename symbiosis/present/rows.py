"""A table's rows with their columns' types, for the loops that print them.

pandas-stubs types each cell of an ``itertuples`` row as any scalar at all (text, bytes, dates,
NA, ...), which no formatter takes. A loop reads a table through :func:`rows` and annotates
the row with a :class:`typing.Protocol` of this module that names the table's columns and their
types (units in comments)::

    row: SchemeRow  # scheme: str, persons: float, fte: float, hours: float
    for row in rows(by_scheme(supported)):
        ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import pandas as pd

__all__ = ["AgreementRow", "ChangeRow", "FactorRow", "FlowRow", "LinkRow", "MaterialRow", "MoneyRow", "PayerRow",
           "RelayRow", "SchemeRow", "SourcedRow", "rows"]


def rows(frame: pd.DataFrame, *, index: bool = True) -> Iterator[Any]:
    """The rows of ``frame`` as named tuples (``itertuples``), for a loop that declares their type.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    index : bool, default True
        Whether each row starts with its index (``Index``).

    Returns
    -------
    Iterator
        One named tuple per row, its columns as attributes.
    """
    return frame.itertuples(index=index)


# -- the tables the commands print -------------------------------------------------------------------------


class SchemeRow(Protocol):
    """A row of :func:`symbiosis.social.by_scheme`."""

    scheme: str
    persons: float
    fte: float  # full-time equivalents
    hours: float  # per year


class PayerRow(Protocol):
    """A scheme's public economy per payer (DKK/yr; NaN where no row could be valued)."""

    scheme: str
    benefit: float
    subsidy: float
    tax: float  # the state's
    tax_k: float  # the kommune's
    kommune: float
    state: float
    net: float  # after deadweight, attribution and displacement
    note: str


class LinkRow(Protocol):
    """A link of the service assignment (:class:`symbiosis.planning.assignment.Assignment`)."""

    provider: str
    client: str
    service: str
    hours: float  # per year
    cost_per_hour: float  # DKK/h, travel included
    market_price: float  # DKK/h
    distance_km: float
    supported_fte: float


class AgreementRow(Protocol):
    """The agreement that covers a link of the assignment, or the one it needs."""

    client: str
    provider: str
    service: str
    action: str


class FlowRow(Protocol):
    """A row of :func:`flows_table` (flows in ``unit`` per year)."""

    supplier: str
    receiver: str
    resource: str
    unit: str
    observed: float
    optimised: float


class ChangeRow(Protocol):
    """A recommendation of :meth:`Evaluation.changes` or a tie of :meth:`Evaluation.ties`."""

    unit: str
    observed: float  # in ``unit`` per year
    optimised_low: float
    optimised_high: float
    value_money: float  # DKK/yr
    value_co2e: float  # t CO2e/yr
    range_exact: bool


class RelayRow(Protocol):
    """A row of :func:`symbiosis.accounting.relays.relay_pairs` (in the resource's unit per year)."""

    relay: str
    supplier: str
    receiver: str
    resource: str
    sent: float
    delivered: float
    lost: float


class MaterialRow(Protocol):
    """A measure of two :func:`~symbiosis.accounting.materials.material_table` merged (observed, optimised)."""

    measure: str
    material: str
    basis: str
    unit: str
    value_obs: float  # in ``unit`` per year
    value_opt: float


class SourcedRow(Protocol):
    """A row of :func:`provenance_rows`."""

    where: str
    value: float | None  # in ``unit``
    unit: str
    basis: str
    source: str
    based_on: list[str]
    range: list[float] | None
    method: str


class FactorRow(Protocol):
    """A row of :func:`symbiosis.accounting.report.factor_rows`."""

    factor: str
    applies_to: str
    table: str
    value: float  # in ``unit``
    unit: str
    year: float | None  # NaN or None where the factor holds for any year
    basis: str
    source: str
    method: str


class MoneyRow(Protocol):
    """An exchange rate or price index of the money table."""

    what: str
    currency: str
    year: float  # NaN for a rate of every year
    value: float  # in ``unit``
    unit: str
    basis: str
    source: str
    method: str
