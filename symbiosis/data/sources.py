"""The table of data sources, generated from the bundled data files.

Every bundled number carries a ``source`` (``@key`` of the file's
bibliography, or a citation written out) and a ``basis``. This module walks
the data files and writes one row per source: what it is, which files cite it
and how many numbers are published in it or estimated from it (its ``based_on``
citations). The docs page
``docs/data-sources.md`` is this table; ``python -m symbiosis.data.sources``
rewrites it and a test checks that it is current.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from importlib import resources as _pkg
from typing import Any

import yaml

__all__ = ["HEADER", "SourceUse", "collect", "data_files", "markdown"]

HEADER = """# Data sources

Every number in the bundled data files carries a source and a basis:
*published* (quoted from the source, which is the publication that contains
it) or *estimated* (`@estimate` as its source, the publications it rests on
in `based_on` and the arithmetic in its method). Per source: how many numbers
it publishes, and how many estimates rest on it. This table is generated from the data files by
`python -m symbiosis.data.sources > docs/data-sources.md` and the tests check
that it is current; `symbiosis show NETWORK --sources` lists the numbers
one by one.
"""


@dataclass
class SourceUse:
    """One source and the numbers that cite it."""

    key: str
    title: str
    url: str | None = None
    publisher: str | None = None
    year: int | None = None
    files: list[str] = field(default_factory=list)
    basis: Counter = field(default_factory=Counter)


def data_files() -> list[str]:
    """Names of the bundled data files (``kalundborg.yaml``, ``factors-dk.yaml``...)."""
    return sorted(p.name for p in _pkg.files("symbiosis.data").iterdir() if p.name.endswith(".yaml"))


def _provenances(node: Any):
    """Every mapping with a ``source`` and a ``basis`` under ``node``."""
    if isinstance(node, dict):
        if isinstance(node.get("source"), str) and node.get("basis") in ("published", "estimated"):
            yield node
        for value in node.values():
            yield from _provenances(value)
    elif isinstance(node, list):
        for value in node:
            yield from _provenances(value)


def collect(files: dict[str, dict[str, Any]] | None = None) -> list[SourceUse]:
    """The sources cited in ``files`` (name -> parsed YAML; default: the bundled files), most cited first."""
    if files is None:
        files = {}
        for name in data_files():
            text = (_pkg.files("symbiosis.data") / name).read_text(encoding="utf-8")
            files[name] = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)) or {}  # noqa: S506
    uses: dict[str, SourceUse] = {}
    for name, data in files.items():
        bib = data.get("sources") or {}
        for p in _provenances({k: v for k, v in data.items() if k != "sources"}):
            cites = [(p["source"].strip(), p["basis"])]
            cites += [(str(k).strip(), "estimated") for k in p.get("based_on") or ()]  # an estimate's basis
            for cited, basis in cites:
                key = cited[1:] if cited.startswith("@") else cited
                if key not in uses:
                    entry = bib.get(key) or {} if cited.startswith("@") else {}
                    uses[key] = SourceUse(key if cited.startswith("@") else "", entry.get("title") or cited,
                                          entry.get("url"), entry.get("publisher"), entry.get("year"))
                use = uses[key]
                if name not in use.files:
                    use.files.append(name)
                use.basis[basis] += 1
    return sorted(uses.values(), key=lambda u: (-sum(u.basis.values()), u.title.lower()))


def _cell(text: Any) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ") if text is not None else ""


def markdown(files: dict[str, dict[str, Any]] | None = None) -> str:
    """The docs page: a header and one table row per source.

    >>> page = markdown({"net.yaml": {"sources": {"dst": {"title": "Statistics Denmark", "year": 2023}},
    ...     "supplies": [{"quantity": {"value": 1, "source": "@dst", "basis": "published"}},
    ...                  {"quantity": {"value": 2, "source": "@dst", "basis": "estimated", "method": "x"}}]}})
    >>> print(page.splitlines()[-1])
    | Statistics Denmark |  | 2023 | `dst` | net.yaml | 1 | 1 |
    """
    rows = ["| source | publisher | year | key | cited in | published | estimated |",
            "|---|---|---|---|---|---:|---:|"]
    for u in collect(files):
        title = f"[{_cell(u.title)}]({u.url})" if u.url else _cell(u.title)
        rows.append(f"| {title} | {_cell(u.publisher)} | {_cell(u.year)} | {f'`{u.key}`' if u.key else ''} | "
                    f"{', '.join(u.files)} | {u.basis['published']} | {u.basis['estimated']} |")
    if len(rows) == 2:
        rows.append("| (no bundled data files) | | | | | 0 | 0 |")
    return HEADER + "\n" + "\n".join(rows) + "\n"


if __name__ == "__main__":  # pragma: no cover
    print(markdown(), end="")
