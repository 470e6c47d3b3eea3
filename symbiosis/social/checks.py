"""Every Danish rule check at once: :mod:`symbiosis.social.rules` and :mod:`symbiosis.social.market` together.

It sits above both (``market`` builds its findings with ``rules``' :class:`~symbiosis.social.rules.RuleFinding`),
so neither imports the other back.
"""

from __future__ import annotations

from symbiosis.model import Factor, Network
from symbiosis.social.market import check_agreements, check_procurement
from symbiosis.social.rules import STATUSES, RuleFinding, check_flexjob, check_market_price, check_ratio

__all__ = ["check_all"]


def check_all(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None) -> list[RuleFinding]:
    """Every rule check, worst first (violations, warnings, not checked, ok).

    Parameters
    ----------
    network : Network
        The network checked.
    year : int, optional
        The year whose service links are checked (None: each check's default).
    factors : dict of str to Factor, optional
        The social factors (procurement thresholds, fleksjob rates); None: the network's.

    Returns
    -------
    list of RuleFinding
        The findings of the market price, the members' agreements and public
        procurement (:mod:`symbiosis.social.market`), § 65 and fleksjob, worst first.
    """
    found = (check_market_price(network, year) + check_agreements(network, year)
             + check_procurement(network, year, factors) + check_ratio(network, year)
             + check_flexjob(network, year, factors))
    return sorted(found, key=lambda f: STATUSES.index(f.status))
