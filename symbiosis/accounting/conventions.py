"""Accounting conventions: how savings are counted, declared, and switchable per run.

A convention is the set of choices behind every headline number (the
reference case, each stream's counterfactual at both ends, biogenic carbon,
co-products of combined heat and power, average or marginal factors,
transport at both ends). The bundled ``symbiosis/data/conventions.yaml``
names them; the default, ``system-expansion``, is the factor table as
written. Another convention replaces some factor rows (e.g. no credit for
exported CHP electricity, or stack emissions of biogenic carbon counted),
so the same network can be read under the convention a study needs, and
every number says which one it uses. docs/accounting.md explains each.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as _pkg
from pathlib import Path
from typing import cast

from symbiosis.errors import FileError, Mistake, bad_parameter
from symbiosis.io.documents import pydantic_problems, read_document
from symbiosis.model import Factor, Network, Source

__all__ = ["DEFAULT", "Convention", "apply_convention", "conventions"]

DEFAULT = "system-expansion"
_FILE = "conventions.yaml"


@dataclass(frozen=True)
class Convention:
    """A named accounting convention: what it declares (``choices``, label -> text), its references and the
    factor rows it puts in place of the network's own (``factors``; none for the default)."""

    name: str
    title: str
    choices: dict[str, str]
    references: tuple[str, ...]
    factors: tuple[Factor, ...]
    sources: dict[str, Source]


@lru_cache(maxsize=1)
def conventions() -> dict[str, Convention]:
    """The bundled conventions by name, validated."""
    from pydantic import ValidationError

    label = f"{_FILE} (bundled)"
    # the package is installed as files, so its resources are paths
    data, _ = read_document(cast(Path, _pkg.files("symbiosis.data") / _FILE), label)
    sources = {k: Source.model_validate(v) for k, v in (data.get("sources") or {}).items()}
    out = {}
    for name, doc in (data.get("conventions") or {}).items():
        rows = []
        for i, row in enumerate(doc.get("factors") or []):
            try:
                rows.append(Factor.model_validate(row))
            except ValidationError as exc:
                raise FileError([Mistake(f"conventions.{name}.factors[{i}].{p.path}", p.message)
                                      for p in pydantic_problems(exc, row)], label) from None
        out[name] = Convention(name, doc["title"], dict(doc.get("choices") or {}),
                               tuple(doc.get("references") or ()), tuple(rows), sources)
    return out


def apply_convention(network: Network, name: str | None = None) -> Network:
    """``network`` read under convention ``name`` (default :data:`DEFAULT`): its factor rows replaced by the
    convention's (those of resources the network has), the convention's sources added. The default changes
    nothing.

    Raises
    ------
    ParameterError
        For an unknown convention, naming the valid ones.
    """
    name = name or DEFAULT
    table = conventions()
    if name not in table:
        raise bad_parameter("convention", f"unknown convention '{name}'; valid: {', '.join(table)}")
    conv = table[name]
    rows = tuple(f for f in conv.factors if f.resource is None or f.resource in network.resource)
    if not rows:
        return network
    replaced = {f.key for f in rows}
    factors = tuple(f for f in network.factors if f.key not in replaced) + rows
    return network.replace(factors=factors, sources={**network.sources, **conv.sources})
