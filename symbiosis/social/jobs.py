"""Supported jobs on the service links: persons, FTE and hours by scheme, and the framework
agreement's coverage of the members."""

from __future__ import annotations

import pandas as pd

from symbiosis.model import Factor, Network, ServiceLink
from symbiosis.social.factors import factor, social_factors

__all__ = ['SUPPORTED_SCHEMES', 'by_scheme', 'coverage', 'links_in_year', 'member_jobs_in_year', 'supported_rows',
           'supported_table']

SUPPORTED_SCHEMES = ("fleksjob", "småjob", "ressourceforløb", "virksomhedspraktik", "løntilskud", "nytteindsats")


def links_in_year(network: Network, year: int | None = None) -> list[ServiceLink]:
    """Service links running in ``year`` (default: the network's)."""
    year = network.year if year is None else year
    return [link for link in network.service_links if link.runs_in(year)]


def member_jobs_in_year(network: Network, year: int | None = None) -> list:
    """Jobs inside members (:class:`~symbiosis.model.MemberJob`) held in ``year`` (default: the network's)."""
    year = network.year if year is None else year
    return [j for j in network.member_jobs if (j.start is None or j.start <= year) and (j.end is None or j.end >= year)]


_SUPPORTED_COLS = ["link", "provider", "client", "service", "scheme", "persons", "fte", "hours", "fte_basis",
                   "monthly_wage", "full_time_wage"]


def supported_rows(network: Network, year: int | None, fte_hours: float):
    """Plain dicts behind :func:`supported_table` (no pandas: the totals use them in sweeps)."""
    for link in links_in_year(network, year):
        for s in link.supported:
            if s.scheme == "ordinary":
                continue
            if s.fte is not None:
                fte, basis = s.fte, "recorded"
            elif s.hours_per_year is not None:
                fte, basis = s.hours_per_year / fte_hours, "from hours"
            else:
                fte, basis = float("nan"), "unknown"
            hours = s.hours_per_year if s.hours_per_year is not None else fte * fte_hours
            yield {"link": link.id, "provider": link.provider, "client": link.client, "service": link.service,
                   "scheme": s.scheme, "persons": s.persons, "fte": fte, "hours": hours, "fte_basis": basis,
                   "monthly_wage": s.monthly_wage, "full_time_wage": s.full_time_wage}


def supported_table(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                    ) -> pd.DataFrame:
    """One row per (service link, scheme): persons, FTE and hours per year.

    FTE is the recorded ``fte``; where only hours are recorded it is hours /
    ``fte_hours``; hours are recorded or FTE x ``fte_hours``. ``ordinary``
    employees are left out. ``fte_basis`` says which was used.
    """
    factors = social_factors(network) if factors is None else factors
    rows = list(supported_rows(network, year, factor(factors, "fte_hours")))
    return pd.DataFrame(rows, columns=_SUPPORTED_COLS)


def by_scheme(table: pd.DataFrame) -> pd.DataFrame:
    """Persons, FTE and hours summed per scheme, in the order of :data:`SUPPORTED_SCHEMES`."""
    g = table.groupby("scheme")[["persons", "fte", "hours"]].sum(min_count=1)
    return g.reindex([s for s in SUPPORTED_SCHEMES if s in g.index]).reset_index()



# -- framework agreement coverage -----------------------------------------------------
def coverage(network: Network, year: int | None = None) -> dict:
    """Share of members (social-economy enterprises excluded) buying from at least one social-economy supplier.

    Kalundborg Symbiosis' framework agreement with Socialøkonomikalundborg
    (11 Jan 2022) commits every member to buy concrete services from
    social-economy enterprises. Returns ``members``, ``with_supplier``,
    ``without_supplier`` (ids) and ``share`` (0-1, NaN without members).
    """
    members = [a.id for a in network.members if a.kind != "social_enterprise"]
    clients = {link.client for link in links_in_year(network, year)}
    with_ = [m for m in members if m in clients]
    return {"members": members, "with_supplier": with_, "without_supplier": [m for m in members if m not in clients],
            "share": len(with_) / len(members) if members else float("nan")}
