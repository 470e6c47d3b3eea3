"""What running a process costs and leaks (issue 26): one ``economics`` block on a Process.

Each number carries its provenance like every other. Issue 24 adds the
investment a process stands for beside them (``capital_cost``, ``year_built``,
``lifetime_years``, ``discount_rate``).
"""

from __future__ import annotations

from pydantic import Field

from symbiosis.model.base import Frozen, Provenance

__all__ = ["Amount", "Leak", "ProcessEconomics"]


class Amount(Provenance):
    """A sourced number that may be of any sign, in the unit its field names (DKK per unit of activity...)."""

    value: float


class Leak(Provenance):
    """A loss to the air per unit of a process's activity, as t CO2e by a stated GWP: methane slip from a
    biogas plant, say. ``what`` names it (``methane slip``); ``value`` is t CO2e per unit of activity, and
    the method gives the share lost and the GWP100 used, with their sources."""

    what: str = Field(min_length=1)
    value: float = Field(ge=0)


class ProcessEconomics(Frozen):
    """What running a process costs beyond its inputs, and what it leaks (issue 26).

    ``operating_cost``: DKK per unit of activity (staff, maintenance, consumables the inputs do not
    name), with its source. ``leak``: a loss to the air in t CO2e per unit of activity (one per process,
    so a workbook holds it in a row of the processes sheet).
    Issue 24 adds the investment beside them: ``capital_cost`` (DKK), ``year_built``,
    ``lifetime_years`` and ``discount_rate``, one block for the process's whole economy.
    """

    operating_cost: Amount | None = None
    leak: Leak | None = None
