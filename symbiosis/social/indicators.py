"""The social indicators of a network in one call, in plain Python (sweeps call it for every answer)."""

from __future__ import annotations

from symbiosis.model import Factor, Network
from symbiosis.social.coverage import agreement_coverage, coverage, supported_share
from symbiosis.social.factors import factor, social_factors
from symbiosis.social.jobs import links_in_year, member_jobs_in_year, supported_rows
from symbiosis.social.public import missing, value_rows

__all__ = ["JOB_SCHEMES", "OFFER_SCHEMES", "people", "social_totals"]


#: Schemes that are jobs (an employment contract with a wage) and those that are offers or forløb (the
#: person keeps the benefit): the headline counts both, as people in supported employment and offers.
JOB_SCHEMES = ("fleksjob", "småjob", "løntilskud")
OFFER_SCHEMES = ("virksomhedspraktik", "ressourceforløb", "nytteindsats")


def people(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None) -> dict:
    """Who the social line counts in ``year``: persons in supported employment and offers (``persons``,
    NaN when not known), of them in ``jobs`` and in ``offers`` (offers and forløb, not jobs), and
    ``unknown_scheme`` (persons on a link or inside a member under a scheme not published); ``known``
    says whether the headline can be given: something is recorded and not only of unknown schemes.

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
    dict
        ``persons``, ``jobs``, ``offers`` (NaN when not known), ``unknown_scheme``, ``known`` and the
        supported ``rows`` (:func:`symbiosis.social.jobs.supported_rows`).

    Examples
    --------
    >>> from symbiosis.io import load_network
    >>> p = people(load_network("kalundborg"))
    >>> p["known"], p["unknown_scheme"], p["persons"] != p["persons"]   # 1 person, scheme not published
    (False, 1.0, True)
    """
    factors = social_factors(network) if factors is None else factors
    rows = list(supported_rows(network, year, factor(factors, "fte_hours")))
    sup = [r for r in rows if r["supported"]]
    unknown = float(sum(r["persons"] for r in rows if not r["supported"]))
    known = bool(sup) or (bool(rows) and not unknown) or _only_ordinary(network, year)
    nan = float("nan")
    return {"persons": float(sum(r["persons"] for r in sup)) if known else nan,
            "jobs": float(sum(r["persons"] for r in sup if r["scheme"] in JOB_SCHEMES)) if known else nan,
            "offers": float(sum(r["persons"] for r in sup if r["scheme"] in OFFER_SCHEMES)) if known else nan,
            "unknown_scheme": unknown, "known": known, "rows": sup}


def _only_ordinary(network: Network, year: int | None) -> bool:
    """Whether the data record people and all of them are ordinary staff (a real 0 supported)."""
    staff = [s for link in links_in_year(network, year) for s in link.supported] + member_jobs_in_year(network, year)
    return bool(staff) and all(s.scheme == "ordinary" for s in staff)


def social_totals(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                  ) -> dict[str, float]:
    """The social indicators: people in supported employment and offers (persons, FTE, hours), public
    value (DKK/yr), framework and agreement coverage, the members' own staff in supported schemes per
    employee (shares).

    Plain Python over the running links and jobs inside members (no tables), as sweeps call it
    for every answer. Unknown is NaN, never 0: the people counts when nothing is recorded or only
    people of an unpublished scheme; ``public_value`` where there are supported-job rows but none
    could be valued; a coverage share while a member's status is unknown; the supported share where
    no member's own staff are recorded.

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
    dict
        Indicator key -> value: supported_persons, supported_fte, supported_hours, public_value,
        framework_coverage, agreement_coverage, supported_share.
    """
    factors = social_factors(network) if factors is None else factors
    who = people(network, year, factors)
    sup = who["rows"]
    rows = list(value_rows(network, year, factors))
    valued = [v for v in rows if v["valued"]]
    # supported jobs none of which could be valued (a scheme not published, no wage): unknown, not 0
    public = float("nan") if rows and not valued else float(sum(v["net"] for v in valued)
                                                              - sum(v["jobcenter"] for v in rows))
    nan = float("nan")
    return {"supported_persons": who["persons"],
            "supported_fte": float(sum(r["fte"] for r in sup if not missing(r["fte"]))) if who["known"] else nan,
            "supported_hours": float(sum(r["hours"] for r in sup if not missing(r["hours"])))
            if who["known"] else nan,
            "public_value": public,
            "framework_coverage": coverage(network, year)["share"],
            "agreement_coverage": agreement_coverage(network, year)["share"],
            "supported_share": supported_share(network, year)["share"]}
