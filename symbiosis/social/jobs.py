"""Supported jobs on the service links and inside members: persons, FTE and hours by scheme, and the
framework agreement's coverage of the members."""

from __future__ import annotations

import pandas as pd

from symbiosis.model import Factor, Network, ServiceLink
from symbiosis.social.factors import factor, social_factors

__all__ = ['SUPPORTED_SCHEMES', 'by_scheme', 'links_in_year', 'member_jobs_in_year', 'supported_rows',
           'supported_table']

SUPPORTED_SCHEMES = ("fleksjob", "småjob", "ressourceforløb", "virksomhedspraktik", "løntilskud", "nytteindsats")


def links_in_year(network: Network, year: int | None = None) -> list[ServiceLink]:
    """Service links running in ``year`` (default: the network's).

    Parameters
    ----------
    network : Network
        The network.
    year : int, optional
        Default: the network's.

    Returns
    -------
    list of ServiceLink
        In the network's order.
    """
    year = network.year if year is None else year
    return [link for link in network.service_links if link.runs_in(year)]


def member_jobs_in_year(network: Network, year: int | None = None) -> list:
    """Jobs inside members (:class:`~symbiosis.model.MemberJob`) held in ``year`` (default: the network's).

    Parameters
    ----------
    network : Network
        The network.
    year : int, optional
        Default: the network's.

    Returns
    -------
    list of MemberJob
        In the network's order.
    """
    year = network.year if year is None else year
    return [j for j in network.member_jobs if (j.start is None or j.start <= year) and (j.end is None or j.end >= year)]


_SUPPORTED_COLS = ["where", "link", "provider", "employer", "client", "service", "scheme", "purpose", "supported",
                   "persons", "fte", "hours", "fte_basis", "monthly_wage", "full_time_wage", "under_18",
                   "ledighedsydelse_level", "benefit_weeks"]


def supported_rows(network: Network, year: int | None, fte_hours: float):
    """Plain dicts behind :func:`supported_table` (no pandas: the totals use them in sweeps)."""
    items = [("service link", link.id, link.provider, link.employer, link.client, link.service, s)
             for link in links_in_year(network, year) for s in link.supported]
    items += [("inside member", f"member_jobs[{network.member_jobs.index(j)}]", "", j.member, j.member,
               "own employee", j) for j in member_jobs_in_year(network, year)]
    for where, ref, provider, employer, client, service, s in items:
        if s.scheme == "ordinary":
            continue
        if s.fte is not None:
            fte, basis = s.fte, "recorded"
        elif s.hours_per_year is not None:
            fte, basis = s.hours_per_year / fte_hours, "from hours"
        else:
            fte, basis = float("nan"), "unknown"
        hours = s.hours_per_year if s.hours_per_year is not None else fte * fte_hours
        yield {"where": where, "link": ref, "provider": provider, "employer": employer, "client": client,
               "service": service, "scheme": s.scheme, "purpose": getattr(s, "purpose", "hire"),
               "supported": s.scheme != "unknown", "persons": s.persons, "fte": fte, "hours": hours,
               "fte_basis": basis, "monthly_wage": s.monthly_wage, "full_time_wage": s.full_time_wage,
               "under_18": s.under_18, "ledighedsydelse_level": s.ledighedsydelse_level,
               "benefit_weeks": s.benefit_weeks}


def supported_table(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                    ) -> pd.DataFrame:
    """One row per (service link or job inside a member, scheme): persons, FTE and hours per year.

    ``where`` is ``service link`` (people on a link, ``link`` its id; they
    work at ``employer``, the contractor if any) or ``inside member`` (people
    a member employs, ``link`` is ``member_jobs[i]``). FTE is the recorded
    ``fte``; where only hours are recorded it is hours / ``fte_hours``; hours
    are recorded or FTE x ``fte_hours``. ``ordinary`` employees are left out;
    people whose scheme is not published (``unknown``) are kept with
    ``supported`` False and are not counted as supported.

    Parameters
    ----------
    network : Network
        The network.
    year : int, optional
        Default: the network's.
    factors : dict, optional
        The social factors (kind -> :class:`~symbiosis.model.Factor`); default the network's.

    Returns
    -------
    DataFrame
        One row per link or job and scheme (columns: where, link, provider, employer, client, service,
        scheme, purpose, supported, persons, fte, hours, fte_basis, monthly_wage, full_time_wage,
        under_18, ledighedsydelse_level, benefit_weeks).
    """
    factors = social_factors(network) if factors is None else factors
    rows = list(supported_rows(network, year, factor(factors, "fte_hours")))
    return pd.DataFrame(rows, columns=_SUPPORTED_COLS)


def by_scheme(table: pd.DataFrame) -> pd.DataFrame:
    """Persons, FTE and hours summed per scheme, in the order of :data:`SUPPORTED_SCHEMES`, then
    ``unknown`` (people whose scheme is not published, not counted as supported).

    Parameters
    ----------
    table : DataFrame
        :func:`supported_table` (or a part of it).

    Returns
    -------
    DataFrame
        Columns scheme, persons, fte, hours; a sum with no number is NaN (not known).
    """
    g = table.groupby("scheme")[["persons", "fte", "hours"]].sum(min_count=1)
    return g.reindex([s for s in (*SUPPORTED_SCHEMES, "unknown") if s in g.index]).reset_index()


