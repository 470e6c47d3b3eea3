"""A tiny jurisdiction pack for the tests and docs/packs.md: Ruritania's one rule and one aim.

A network switches it on by its module path: ``packs: [tests.symbiosis.packs.ruritania]``.
"""

import pandas as pd

from symbiosis.packs import Pack


def check(network, factors):
    """Ruritania's rule: every service link names its service."""
    from symbiosis.social.rules import RuleFinding

    return [RuleFinding("ruritanian service rule", "ok" if link.service else "warning", f"service_links.{link.id}",
                        link.id, f"{link.id}: the service is named") for link in network.service_links]


def aims(network, *, indicators, **measured):
    """Ruritania's one aim: CO2e avoided above zero."""
    ok = (indicators.get("co2e_avoided") or 0) > 0
    return pd.DataFrame([{"framework": "ruritania", "key": "R1", "number": 1, "title_da": "Mindre CO2",
                          "title_en": "Less CO2", "scope": "network", "status": "yes" if ok else "no",
                          "value": f"{indicators.get('co2e_avoided'):.0f} t CO2e/yr", "value_da": "",
                          "why_en": "CO2e avoided", "why_da": "CO2e undgået"}])


PACK = Pack(name="ruritania", title="Ruritania: one rule and one aim (a test pack)", rules=check, frameworks=aims)
