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

__all__ = ["ActorMetricRow", "ActorRow", "AgreementRow", "AssumptionRow", "ChangeRow", "CompanyRow",
           "DependentRow", "FactorRow", "FlowRow", "LinkRow", "MaterialRow", "MetricRow", "MoneyRow", "PayerRow",
           "RelayRow", "RemovalRow", "RunRow", "SchemeRow", "SourcedRow", "StreamRow", "SummaryRow", "TermRow",
           "rows"]


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


class ActorRow(Protocol):
    """A row of a score's ``per_actor`` table (savings against no symbiosis, per year)."""

    actor: str
    name: str
    cost_saved: float  # DKK/yr
    payments: float  # DKK/yr, the recorded payments' part of cost_saved
    co2e_avoided: float  # t CO2e/yr
    groundwater_saved: float  # m3/yr
    unpriced: str  # the actor's streams without a recorded payment, ", "-separated


class StreamRow(Protocol):
    """A row of a score's ``per_stream`` table."""

    supplier: str
    receiver: str
    resource: str
    value_money: float  # DKK/yr
    fair_price: float  # DKK per unit of the resource
    co2e_avoided: float  # t CO2e/yr
    groundwater_saved: float  # m3/yr


class TermRow(Protocol):
    """A term beside the streams (a score's ``stream_terms``): what differs that no stream carries."""

    cause: str
    item: str
    value_money: float  # DKK/yr
    co2e_avoided: float  # t CO2e/yr
    groundwater_saved: float  # m3/yr


class CompanyRow(Protocol):
    """A member of the company view (:func:`symbiosis.accounting.score.company_view`)."""

    actor: str
    name: str
    employees: float
    supported_persons: float  # NaN: not known
    supported_fte: float
    groundwater_saved: float  # m3/yr
    cost_saved: float  # DKK/yr


class RunRow(Protocol):
    """A recorded run of the run store's listing."""

    id: int
    created: str  # ISO 8601, UTC
    name: str
    status: str
    samples: int
    seed: int
    tasks_done: int  # year-samples
    tasks_total: int
    elapsed_s: float  # seconds


class SummaryRow(Protocol):
    """A network indicator in one year of a run's summary (its statistics are attributes too)."""

    year: int
    indicator: str
    n: int  # samples


class AssumptionRow(Protocol):
    """An assumption of ``symbiosis sensitivity``, moved alone to both ends of its range (each indicator
    at both ends is an attribute too: ``<key>_at_low``, ``<key>_at_high``)."""

    parameter: str
    value: float  # the data's, in ``unit``; NaN for an accounting convention
    unit: str
    low: float  # in ``unit``; NaN: no range (a convention)
    high: float
    range: str  # where the range comes from
    note: str


class DependentRow(Protocol):
    """A change that another shipped accounting convention reverses or leaves open."""

    unit: str
    observed: float  # in ``unit`` per year
    optimised: float
    agree: list[str]  # the conventions under which it holds
    disagree: list[str]


class RemovalRow(Protocol):
    """What the symbiosis loses without one actor or stream (``symbiosis stress``), per year."""

    removed: str
    lost_cost_saved: float  # DKK/yr; NaN: cannot be computed
    lost_co2e_avoided: float  # t CO2e/yr
    lost_supported_persons: float
    partners: str  # "; "-separated, each "name (what it loses)"
    unmet: str  # the needs nothing can cover, "" for none


class MetricRow(Protocol):
    """A network metric of one scope (:class:`symbiosis.metrics.NetworkMetrics`' table)."""

    metric: str
    label: str
    value: float  # in ``unit``
    unit: str
    meaning: str


class ActorMetricRow(Protocol):
    """An actor's structural metrics (links: in, out, their sum; centralities)."""

    actor: str
    name: str
    in_degree: int
    out_degree: int
    degree_centrality: float  # 0-1
    betweenness: float  # a share
    share_cut: float  # of the scope's flow lost without the actor
