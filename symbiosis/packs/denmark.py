"""The Danish pack: the Danish social-economy rules, Kalundborg's pejlemærker, Kolding's design principles,
the Danish social factor table and the Kalundborg and Kolding lenses.

It wraps :mod:`symbiosis.social` (the rules in :mod:`symbiosis.social.rules`, the frameworks in
:mod:`symbiosis.social.frameworks`, the factor table ``symbiosis/data/factors-social-dk.yaml``) and
:mod:`symbiosis.accounting.lenses`; it moves none of them. A network switches it on with
``packs: [denmark]`` (the bundled Kalundborg networks do).

>>> PACK.name, PACK.factor_table, sorted(PACK.lenses)
('denmark', 'factors-social-dk', ['kalundborg', 'kolding'])
"""

from __future__ import annotations

from symbiosis.accounting.lenses import KALUNDBORG, KOLDING
from symbiosis.packs import Pack
from symbiosis.social.checks import check_all
from symbiosis.social.factors import SOCIAL_TABLE
from symbiosis.social.frameworks import assess as frameworks

__all__ = ["PACK", "assess", "check_rules"]


def check_rules(network, factors):
    """The Danish rule checks (market terms, § 65 rimelighedskrav, fleksjob), worst first."""
    return check_all(network, factors=factors)


def assess(network, **measured):
    """Kalundborg's five pejlemærker and Kolding's five design principles, per member and for the network."""
    return frameworks(network, **measured)


PACK = Pack(
    name="denmark",
    title="Denmark: Danish social-economy rules, Kalundborg and Kolding",
    description="Rule checks (market terms for public buyers, § 65 rimelighedskrav, fleksjob), Kalundborg's "
                "five pejlemærker, Kolding's five design principles, the public economy per payer (kommune, "
                "state) with Danish benefit, tax and refusion rates, the social index against Kalundborg "
                "Symbiosis' targets, and the Kalundborg and Kolding lenses.",
    factor_table=SOCIAL_TABLE,
    rules=check_rules,
    frameworks=assess,
    lenses={"kalundborg": KALUNDBORG, "kolding": KOLDING},
    public_economy=True,
)
