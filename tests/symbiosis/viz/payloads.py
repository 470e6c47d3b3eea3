"""A network, a scenario and a stored run whose every free text is a script-injection payload.

Ids are left alone: the schema allows only ``[a-z0-9_.-]`` in them (a quote, ``<``,
``&`` or ``:`` in an id is refused when the file is read). Every other string
the page can show (the network's name, actor and resource names, roles,
descriptions, notes, services, the bibliography's titles, publishers and
addresses, provenance sources and methods, the scenario's name, its events'
notes and its uncertain numbers' names) carries quotes of both kinds, ``<``,
``&`` and ``javascript:``.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from tests.social_net import social_dict


def payload(tag: str) -> str:
    """A string that would add an attribute, an element or a script link if written unescaped."""
    return (f"{tag}\" onmouseover=\"alert('{tag}')\" x=' onfocus='alert(1)' "
            f"</script><script>alert(2)</script><img src=x onerror=alert(3)> & javascript:alert(4)")


_TEXT_KEYS = ("name", "description", "note", "role", "method", "publisher", "title")
SERVICE = payload("service")


def _fill(node, path: str = ""):
    """Every free text under ``node`` with a payload appended (its own tag: the key's path)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _TEXT_KEYS and isinstance(value, str):
                node[key] = f"{value} {payload(path + key)}"
            elif key == "service":
                node[key] = f"{value} {SERVICE}"
            elif key == "source" and isinstance(value, str) and not value.startswith("@"):
                node[key] = f"{value} {payload('source')}"
            else:
                _fill(value, f"{path}{key}.")
    elif isinstance(node, list):
        for item in node:
            _fill(item, path)


def payload_network() -> dict:
    """examples/social-economy.yaml with payloads in every free text and in the bibliography's addresses."""
    data = social_dict()
    _fill(data)
    data["sources"].update({
        "js": {"title": payload("js-title"), "url": "javascript:alert(81)"},
        "js2": {"title": "spaced", "url": " JaVaScRiPt:alert(82)"},
        "quote": {"title": payload("url-title"), "url": "https://example.org/?q=\"><script>alert(83)</script>"},
        "mail": {"title": "Write to us", "url": "mailto:info@example.org"},
        "web": {"title": "A safe page & more", "url": "https://example.org/page?a=1&b=2"}})
    for i, (factor, source) in enumerate((("target_framework_coverage", "@js"), ("target_agreement_coverage", "@web"),
                                          ("target_supported_share", "@quote"))):
        data["factors"].append({"factor": factor, "value": 1.0 if i < 2 else 0.1, "unit": "share", "year": 2024,
                                "source": source, "basis": "published", "method": payload(f"target-{i}")})
    for actor in data["actors"][:2]:
        actor["employees"]["source"] = "@mail" if actor["id"] == "plant" else "@js2"
    return data


def write_inputs(folder: Path) -> tuple[Path, Path]:
    """The payload network and a scenario on it (with events' notes and an uncertain number named
    by payloads) written into ``folder``; returns (network file, scenario file)."""
    net = folder / "payload-net.yaml"
    net.write_text(yaml.safe_dump(payload_network(), allow_unicode=True, sort_keys=False), encoding="utf-8")
    scenario = {
        "name": f"Scenario {payload('scenario')}", "network": net.name, "horizon": "2024-2026",
        "events": [
            {"year": 2025, "type": "change", "quantity": "demand", "actor": "pharma", "resource": "steam",
             "growth": 0.1, "note": payload("event-note")},
            {"year": 2026, "type": "convert", "actor": "plant", "ends": ["gypsum"], "note": payload("convert-note")}],
        "uncertain": [{"name": payload("uncertain"), "quantity": "factor", "factor": "virgin_price",
                       "resource": "natural-gypsum", "distribution": "triangular", "low": 0.8, "mode": 1.0,
                       "high": 1.3}],
    }
    path = folder / "payload-scenario.yaml"
    path.write_text(yaml.safe_dump(scenario, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return net, path
