"""Cross-references checked on a raw network mapping, before field validation.

The model checks every id once all fields are valid. A file with a field
mistake *and* an unknown actor should still hear about both, so the loaders
(:func:`symbiosis.io.network_from_dict`, :mod:`symbiosis.io.tables`) run
:func:`raw_reference_problems` on the raw rows when field validation fails.
"""

from __future__ import annotations

from typing import Any

from symbiosis.errors import Mistake
from symbiosis.model.base import listing

__all__ = ["merge_problems", "raw_reference_problems"]

#: (list field, reference field, table it points to)
_REFERENCES = [
    ("supplies", "actor", "actor"), ("supplies", "resource", "resource"),
    ("demands", "actor", "actor"), ("demands", "resource", "resource"),
    ("processes", "actor", "actor"),
    ("streams", "supplier", "actor"), ("streams", "receiver", "actor"),
    ("streams", "resource", "resource"), ("streams", "replaces", "resource"),
    ("service_links", "provider", "actor"), ("service_links", "client", "actor"),
    ("service_offers", "provider", "actor"), ("service_needs", "client", "actor"),
    ("factors", "resource", "resource"),
    ("service_links", "contractor", "actor"), ("agreements", "member", "actor"), ("member_jobs", "member", "actor"),
    ("enterprises", "actor", "actor"), ("catalogue", "provider", "actor"), ("labels", "holder", "actor"),
    ("public_buyers", "actor", "actor"), ("workplaces", "actor", "actor"),
]


def _ids(rows: Any) -> dict[str, None]:
    if not isinstance(rows, list | tuple):
        return {}
    return {r["id"]: None for r in rows if isinstance(r, dict) and isinstance(r.get("id"), str)}


def raw_reference_problems(data: Any) -> list[Mistake]:
    """Every reference to an actor or resource that no row defines.

    >>> raw_reference_problems({"actors": [{"id": "a"}], "resources": [],
    ...                         "streams": [{"supplier": "a", "receiver": "b"}]})[0].render()
    "streams[0].receiver: unknown actor 'b'; valid: a"
    """
    if not isinstance(data, dict):
        return []
    tables = {"actor": _ids(data.get("actors")), "resource": _ids(data.get("resources"))}
    # a table that is missing or not a list is one mistake, reported by field validation; every reference
    # to it would only repeat that (21 "unknown actor" lines after "actors: missing")
    listed = {what: isinstance(data.get(f"{what}s"), list | tuple) for what in tables}
    problems = []
    for field, key, what in _REFERENCES:
        rows = data.get(field)
        if not isinstance(rows, list | tuple) or not listed[what]:
            continue
        for i, row in enumerate(rows):
            value = row.get(key) if isinstance(row, dict) else None
            if isinstance(value, str) and value not in tables[what]:
                problems.append(Mistake(f"{field}[{i}].{key}", f"unknown {what} '{value}'; valid: "
                                        f"{listing(tables[what])}"))
    processes = data.get("processes") if listed["resource"] else None
    for i, row in enumerate(processes if isinstance(processes, list | tuple) else []):
        for side in ("inputs", "outputs"):
            ratios = row.get(side) if isinstance(row, dict) else None
            for r in ratios if isinstance(ratios, dict) else ():
                if r not in tables["resource"]:
                    problems.append(Mistake(f"processes[{i}].{side}.{r}", f"unknown resource '{r}'; valid: "
                                            f"{listing(tables['resource'])}"))
    return problems


def merge_problems(*groups: list[Mistake]) -> list[Mistake]:
    """The problems of all groups, one per field path (the first group's wins)."""
    seen: set[str] = set()
    out = []
    for group in groups:
        for p in group:
            if p.path not in seen:
                seen.add(p.path)
                out.append(p)
    return out
