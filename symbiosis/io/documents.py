"""Reading YAML and JSON documents, with the line of every field for error messages.

:func:`read_document` parses a file into a plain mapping and a lazy map of
field path -> line; :func:`pydantic_problems` turns pydantic's errors into
:class:`~symbiosis.errors.Mistake` rows with paths in our notation
(``streams[4].receiver``).
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from symbiosis.errors import Mistake, SymbiosisError

__all__ = ["format_path", "pydantic_problems", "read_document"]


def read_document(path: Path, label: str | None = None) -> tuple[dict[str, Any], Mapping[str, int]]:
    """Parse a YAML or JSON file into a dict and a map of field path -> line number."""
    label = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SymbiosisError([Mistake("", f"cannot read the file: {exc}")], label) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
            lines: dict[str, int] = {}
        else:
            data = yaml.load(text, Loader=LOADER)
            lines = _LineMap(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Mistake("", f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                        None if mark is None else mark.line + 1)
        raise SymbiosisError([where], label) from None
    except json.JSONDecodeError as exc:
        raise SymbiosisError([Mistake("", f"not valid JSON: {exc.msg}", exc.lineno)], label) from None
    if not isinstance(data, dict):
        raise SymbiosisError([Mistake("", "the file must hold a mapping of fields (id, name, year, "
                                      "resources, actors, ...), not a list or a scalar")], label)
    return data, lines



def pydantic_problems(exc: ValidationError, data: Any) -> list[Mistake]:
    """Pydantic's errors as problems with field paths in our notation."""
    problems = []
    for err in exc.errors(include_url=False):
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        path = format_path(loc)
        msg = err["msg"]
        kind = err["type"]
        if kind == "missing":
            msg = "missing; this field is required"
        elif kind == "extra_forbidden":
            msg = f"unknown field; valid fields here: {_valid_fields(data, loc)}"
        elif kind == "literal_error":
            msg = f"{msg} (got {err.get('input')!r})"
        elif kind == "string_pattern_mismatch":
            msg = "ids are lower-case letters, digits, '-', '_' and '.', starting with a letter or digit"
        elif kind.startswith("greater_than") or kind.startswith("less_than"):
            msg = f"{msg} (got {err.get('input')!r})"
        elif kind == "value_error":
            msg = msg.removeprefix("Value error, ")
        problems.append(Mistake(path, msg))
    return problems


def _valid_fields(data: Any, loc: list) -> str:
    from symbiosis import model

    owner = {"resources": model.Resource, "actors": model.Actor, "supplies": model.Supply,
             "demands": model.Demand, "processes": model.Process, "streams": model.Stream,
             "service_links": model.ServiceLink, "factors": model.Factor,
             "service_offers": model.ServiceOffer, "service_needs": model.ServiceNeed}
    cls: Any = model.Network
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if cls is model.Network and part in owner:
            cls = owner[part]
            continue
        field = getattr(cls, "model_fields", {}).get(part)
        ann = getattr(field, "annotation", None)
        for candidate in (ann, *getattr(ann, "__args__", ())):
            if isinstance(candidate, type) and hasattr(candidate, "model_fields"):
                cls = candidate
                break
            for inner in getattr(candidate, "__args__", ()):
                if isinstance(inner, type) and hasattr(inner, "model_fields"):
                    cls = inner
                    break
    return ", ".join(getattr(cls, "model_fields", {}))


def format_path(loc: list | tuple) -> str:
    """``["streams", 4, "receiver"]`` -> ``streams[4].receiver``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineMap(Mapping):
    """Field path -> line number of a YAML text, worked out only when an error needs it."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._map: dict[str, int] | None = None

    def _lines(self) -> dict[str, int]:
        if self._map is None:
            node = yaml.compose(self._text, Loader=LOADER)
            self._map = _line_map(node) if node is not None else {}
        return self._map

    def __getitem__(self, key: str) -> int:
        return self._lines()[key]

    def __iter__(self):
        return iter(self._lines())

    def __len__(self) -> int:
        return len(self._lines())


def _line_map(node: yaml.Node, path: str = "") -> dict[str, int]:
    lines = {path: node.start_mark.line + 1}
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            sub = f"{path}.{key.value}" if path else str(key.value)
            lines[sub] = key.start_mark.line + 1
            lines.update({k: v for k, v in _line_map(value, sub).items() if k != sub})
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            lines.update(_line_map(item, f"{path}[{i}]"))
    return lines
