"""Jurisdiction packs: a country's (or a region's) social rules, frameworks, factors and lenses as a plug-in.

The core knows no country. What is Danish (the rules on market terms, § 65 and fleksjob, Kalundborg's
pejlemærker, Kolding's design principles, the public economy per payer with Danish benefit and tax rates,
the social index against Kalundborg's targets, the Kalundborg and Kolding lenses) comes from the
``denmark`` pack (:mod:`symbiosis.packs.denmark`), and only for a network that switches it on::

    packs: [denmark]

A network without a pack gets the jurisdiction-free indicators it has data for (people, FTE and hours on
its service links, coverage shares from its own records) and the generic triple-bottom-line lens.

A pack is a :class:`Pack` value. It is found, by the name a network gives, in this order:

1. packs registered in this process with :func:`register`;
2. the built-in packs (:data:`BUILTIN`);
3. the entry point group ``symbiosis.packs`` of the installed distributions
   (``[project.entry-points."symbiosis.packs"] mycountry = "mypackage.mycountry:PACK"``);
4. a module path: a name with a dot or a colon (``mypackage.mycountry`` or ``mypackage.mycountry:PACK``)
   is imported and its ``PACK`` (or the named attribute) used.

``symbiosis packs`` lists what is installed; docs/packs.md says how to write one.

>>> sorted(installed())
['denmark']
>>> load("denmark").title
'Denmark: Danish social-economy rules, Kalundborg and Kolding'
"""

from symbiosis.accounting.lenses import lenses_of
from symbiosis.model.packs import (
    BUILTIN,
    GROUP,
    Pack,
    installed,
    load,
    network_packs,
    pack_problem,
    register,
    values_public_economy,
)

__all__ = ["BUILTIN", "GROUP", "Pack", "installed", "lenses_of", "load", "network_packs", "pack_problem", "register",
           "values_public_economy"]
