"""Reading and writing networks: YAML and JSON files and the bundled data sets.

Every mistake in a file becomes one :class:`~symbiosis.errors.SymbiosisError`
that names the file, the line, the field path (``streams[4].receiver``) and
what would be valid.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from importlib import resources as _pkg
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from symbiosis.errors import Problem, SymbiosisError
from symbiosis.model import Network

DATA = "symbiosis.data"


def bundled_networks() -> dict[str, str]:
    """Names of the bundled networks and their one-line descriptions."""
    out = {}
    for entry in sorted(_pkg.files(DATA).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml") and not entry.name.startswith("factors-"):
            with entry.open(encoding="utf-8") as fh:
                head = yaml.load(fh, Loader=_LOADER)
            out[entry.name[:-5]] = head.get("name", "")
    return out


def load_network(name_or_path: str | os.PathLike, *, factor_overrides: list[dict] | None = None) -> Network:
    """Load a bundled network by name (``"kalundborg"``), a YAML/JSON file, an Excel
    workbook (``.xlsx``) or a folder of CSV files (see :mod:`symbiosis.tables`).

    ``factor_overrides`` are factor rows (dicts) that replace rows of the same
    (factor, resource, mode) key. Raises :class:`SymbiosisError` on any mistake.
    """
    from symbiosis.tables import is_table_path, read_tables

    if is_table_path(name_or_path):
        net = read_tables(name_or_path)
        if not factor_overrides:
            return net
        data = network_to_dict(net)
        data["factors"] = _merge_rows(data.get("factors", []), factor_overrides)
        return network_from_dict(data, str(name_or_path))
    path, label = resolve_network_path(name_or_path)
    data, lines = read_document(path, label)
    data = _merge_factor_table(data, path, label)
    if factor_overrides:
        data["factors"] = _merge_rows(data.get("factors", []), factor_overrides)
    return network_from_dict(data, label, lines)


def resolve_network_path(name_or_path: str | os.PathLike) -> tuple[Path, str]:
    """The file behind a bundled name or a path, and the label errors use."""
    text = str(name_or_path)
    candidate = Path(text)
    if candidate.suffix.lower() in (".yaml", ".yml", ".json") or candidate.exists():
        if not candidate.is_file():
            raise SymbiosisError([Problem("", "no such file; give a YAML or JSON network file or one of the "
                                          f"bundled names: {', '.join(bundled_networks())}")], text)
        return candidate, text
    bundled = _pkg.files(DATA) / f"{text}.yaml"
    if not bundled.is_file() or text.startswith("factors-"):
        raise SymbiosisError([Problem("", f"'{text}' is neither a file nor a bundled network; bundled: "
                                      f"{', '.join(bundled_networks())}")])
    return Path(str(bundled)), f"{text} (bundled)"


def read_document(path: Path, label: str | None = None) -> tuple[dict[str, Any], Mapping[str, int]]:
    """Parse a YAML or JSON file into a dict and a map of field path -> line number."""
    label = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise SymbiosisError([Problem("", f"cannot read the file: {exc}")], label) from None
    try:
        if path.suffix.lower() == ".json":
            data = json.loads(text)
            lines: dict[str, int] = {}
        else:
            data = yaml.load(text, Loader=_LOADER)
            lines = _LineMap(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Problem("", f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                        None if mark is None else mark.line + 1)
        raise SymbiosisError([where], label) from None
    except json.JSONDecodeError as exc:
        raise SymbiosisError([Problem("", f"not valid JSON: {exc.msg}", exc.lineno)], label) from None
    if not isinstance(data, dict):
        raise SymbiosisError([Problem("", "the file must hold a mapping of fields (id, name, year, "
                                      "resources, actors, ...), not a list or a scalar")], label)
    return data, lines


def network_from_dict(data: dict[str, Any], label: str | None = None,
                      lines: Mapping[str, int] | None = None) -> Network:
    """Validate a plain dict as a :class:`Network`, with errors located in ``label``.

    Quantities written in other units (``3.5 Mm3/yr``) are converted to their
    resource's unit first (:mod:`symbiosis.units`). Every problem is reported
    at once: unit mistakes, field mistakes and unknown ids together.
    """
    from symbiosis.references import merge_problems, raw_reference_problems
    from symbiosis.units import normalise_quantities

    data, unit_problems = normalise_quantities(data)
    try:
        net = Network.model_validate(data)
    except ValidationError as exc:
        problems = merge_problems(unit_problems, pydantic_problems(exc, data), raw_reference_problems(data))
        raise _located(SymbiosisError(problems, summary="not a valid network:"), label, lines) from None
    except SymbiosisError as exc:
        problems = merge_problems(unit_problems, exc.problems)
        raise _located(SymbiosisError(problems, summary=exc.summary), label, lines) from None
    if unit_problems:
        raise _located(SymbiosisError(unit_problems, summary="not a valid network:"), label, lines)
    if label:  # later errors (an infeasible network) name the file too; not a field, so not compared
        net.__dict__["_origin"] = (label, lines if lines is not None else {})
    return net


def _located(exc: SymbiosisError, label: str | None, lines: Mapping[str, int] | None) -> SymbiosisError:
    """``exc`` naming the file and lines, its problems in file order."""
    exc = exc.with_file(label or "<network>", lines)
    if lines:
        exc.problems.sort(key=lambda p: p.line if p.line is not None else 0)
    return exc


def pydantic_problems(exc: ValidationError, data: Any) -> list[Problem]:
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
        problems.append(Problem(path, msg))
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


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineMap(Mapping):
    """Field path -> line number of a YAML text, worked out only when an error needs it."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._map: dict[str, int] | None = None

    def _lines(self) -> dict[str, int]:
        if self._map is None:
            node = yaml.compose(self._text, Loader=_LOADER)
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


def _merge_factor_table(data: dict[str, Any], path: Path, label: str) -> dict[str, Any]:
    table = data.get("factor_table")
    if table is None:
        return data
    if not isinstance(table, str):
        raise SymbiosisError([Problem("factor_table", "must be the name of a bundled factor table "
                                      "(e.g. factors-dk) or a path to a YAML file")], label)
    candidate = (path.parent / table) if table.endswith((".yaml", ".yml")) else None
    if candidate is None or not candidate.is_file():
        bundled = _pkg.files(DATA) / f"{table}.yaml"
        if not bundled.is_file():
            raise SymbiosisError([Problem("factor_table", f"no factor table '{table}'; bundled: factors-dk, "
                                          "or give a path to a YAML file next to the network")], label)
        candidate = Path(str(bundled))
    rows, _ = read_document(candidate)
    merged = {k: v for k, v in data.items() if k != "factor_table"}
    merged["sources"] = {**(rows.get("sources") or {}), **(data.get("sources") or {})}
    merged["factors"] = _merge_rows(rows.get("factors") or [], data.get("factors") or [])
    return merged


def _merge_rows(base: list[dict], override: list[dict]) -> list[dict]:
    """Factor rows of ``base`` with rows of the same key replaced by ``override``."""
    def key(row: dict) -> tuple:
        return (row.get("factor"), row.get("resource"), row.get("mode")) if isinstance(row, dict) else (id(row),)

    replaced = {key(r) for r in override}
    return [r for r in base if key(r) not in replaced] + list(override)


def network_to_dict(net: Network) -> dict[str, Any]:
    """A plain dict that :func:`network_from_dict` reads back to an equal network."""
    return net.model_dump(mode="json", exclude_defaults=True)


def save_network(net: Network, path: str | os.PathLike) -> Path:
    """Write a network as YAML or JSON (by suffix), atomically."""
    path = Path(path)
    data = network_to_dict(net)
    if path.suffix.lower() == ".json":
        text = json.dumps(data, indent=2, ensure_ascii=False)
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    write_atomic(path, text)
    return path


def write_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
