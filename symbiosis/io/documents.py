"""Reading YAML and JSON documents, with the line of every field for error messages.

:func:`read_document` parses a file into a plain mapping and a lazy map of
field path -> line; :func:`pydantic_problems` turns pydantic's errors into
:class:`~symbiosis.errors.Mistake` rows with paths in our notation
(``streams[4].receiver``).

A file is refused, with the place named, when a mapping gives one key twice
(YAML and JSON parsers would silently keep the last), when YAML aliases
(``&a`` ... ``*a``) would expand to more than :data:`MOST_VALUES` values (an
"alias bomb": a few lines that stand for billions) or refer to themselves, and
when it nests deeper than a parser can follow. The line map never expands an
alias: it costs one step per node written in the file.

Why so long: the reader, its line map and its loader belong together, and a
tenth of the module is the public functions' Parameters/Returns/Raises.
"""

from __future__ import annotations

import json
from collections.abc import Hashable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import ValidationError

from symbiosis import model
from symbiosis.errors import FileError, Mistake, bad_field
from symbiosis.io.names import yaml_loader
from symbiosis.model.base import NotANumber

__all__ = ["MOST_VALUES", "describe_value", "format_path", "pydantic_problems", "read_document"]


#: The most values a document may stand for once its YAML aliases are expanded (a network of a whole
#: country is a few hundred thousand); beyond it, the file is refused before anything reads it.
MOST_VALUES = 2_000_000
#: At most this many lists and mappings inside each other (a network is a few levels deep).
MOST_DEPTH = 100


def read_document(path: Path, label: str | None = None) -> tuple[dict[str, Any], Mapping[str, int]]:
    """Parse a YAML or JSON file into a dict and a map of field path -> line number.

    Parameters
    ----------
    path : Path
        The file to read (``.json`` as JSON, anything else as YAML).
    label : str, optional
        The name errors give the file (default: the path).

    Returns
    -------
    tuple of (dict of str to Any, Mapping of str to int)
        The document's fields and, for each field path (``streams[4].receiver``), its line.

    Raises
    ------
    SymbiosisError
        Naming the file, line and key for a file that cannot be read or parsed, a key
        given twice in one mapping, aliases that expand beyond :data:`MOST_VALUES` values
        or refer to themselves, and nesting deeper than the parser follows.
    """
    label = label or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        why = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise bad_field("", f"cannot read the file: {why}", label) from None
    try:
        if path.suffix.lower() == ".json":
            data = _json(text, label)
            lines: Mapping[str, int] = {}
        else:
            data = yaml.load(text, Loader=_Loader)
            lines = _LineMap(text)
            _check_expansion(data, label)
    except _DuplicateKey as exc:
        path_, first = _duplicate_place(text, exc)
        at = f" (first at line {first})" if first else ""
        raise FileError([Mistake(path_, f"'{exc.key}' is given twice in one mapping{at}; keep one (a parser "
                                      "would silently use the last)", exc.line)], label) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = Mistake("", f"not valid YAML: {getattr(exc, 'problem', None) or exc}",
                        None if mark is None else mark.line + 1)
        raise FileError([where], label) from None
    except json.JSONDecodeError as exc:
        raise FileError([Mistake("", f"not valid JSON: {exc.msg}", exc.lineno)], label) from None
    except RecursionError:
        raise bad_field("", "nested too deeply to read (a nesting depth of hundreds of lists or "
                        "mappings inside each other); a network is a few levels deep", label) from None
    if not isinstance(data, dict):
        raise bad_field("", "the file must hold a mapping of fields (id, name, year, "
                        "resources, actors, ...), not a list or a scalar", label)
    return data, lines



def pydantic_problems(exc: ValidationError, data: Any) -> list[Mistake]:
    """Pydantic's errors as problems with field paths in our notation.

    Parameters
    ----------
    exc : ValidationError
        Pydantic's error.
    data : Any
        The data that was validated (to name the item a path points at).

    Returns
    -------
    list of Mistake
        One problem per error, its path written ``streams[4].receiver``.
    """
    problems = []
    for err in exc.errors(include_url=False):
        loc = [p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-"))]
        path = format_path(loc)
        msg = err["msg"]
        kind = err["type"]
        shown = describe_value(err.get("input"))
        if isinstance(err.get("input"), NotANumber):
            msg = err["input"].describe()
        elif kind == "missing":
            msg = "missing; this field is required"
        elif kind in ("float_type", "float_parsing", "decimal_type", "decimal_parsing"):
            msg = f"must be a number, not {shown}"
        elif kind in ("int_type", "int_parsing", "int_from_float", "int_parsing_size"):
            msg = f"must be a whole number, not {shown}"
        elif kind == "finite_number":
            msg = f"must be a finite number, not {shown}"
        elif kind in ("bool_type", "bool_parsing"):
            msg = f"must be true or false, not {shown}"
        elif kind == "string_type":
            msg = f"must be text, not {shown}"
        elif kind in ("model_type", "model_attributes_type", "dict_type", "dataclass_type"):
            fields = _valid_fields(data, [*loc, "_"]) if kind != "dict_type" else ""
            msg = f"must be a mapping of fields{f' ({fields})' if fields else ''}, not {shown}"
        elif kind in ("tuple_type", "list_type", "iterable_type", "set_type"):
            msg = f"must be a list, not {shown}"
        elif kind in ("too_long", "too_short"):
            ctx = err.get("ctx") or {}
            bound = ctx.get("max_length") if kind == "too_long" else ctx.get("min_length")
            msg = (f"must have {'at most' if kind == 'too_long' else 'at least'} {bound} item"
                   f"{'s' * (bound != 1)} (got {ctx.get('actual_length', '?')})")
        elif kind == "extra_forbidden":
            msg = f"unknown field; valid fields here: {_valid_fields(data, loc)}"
        elif kind == "literal_error":
            msg = f"{msg} (got {err.get('input')!r})"
        elif kind == "string_pattern_mismatch":
            msg = "ids are lower-case letters, digits, '-', '_' and '.', starting with a letter or digit"
        elif kind.startswith("greater_than") or kind.startswith("less_than"):
            msg = f"{msg} (got {shown})"
        elif kind == "value_error":
            msg = msg.removeprefix("Value error, ")
        problems.append(Mistake(path, msg))
    return problems


def describe_value(x: Any) -> str:
    """A value as a person wrote it, for a message: ``'abc'``, ``2020-01-01 (a date)``, ``true (a yes/no)``."""
    import datetime

    if x is None:
        return "nothing (an empty value)"
    if isinstance(x, bool):
        return f"{str(x).lower()} (a yes/no)"
    if isinstance(x, datetime.datetime) and x.time() == datetime.time():
        return f"{x.date().isoformat()} (a date)"
    if isinstance(x, datetime.date | datetime.datetime | datetime.time):
        return f"{x.isoformat()} (a {'time' if isinstance(x, datetime.time) else 'date'})"
    if isinstance(x, dict):
        return "a mapping"
    if isinstance(x, list | tuple):
        return "a list"
    if isinstance(x, str):
        return repr(x if len(x) <= 60 else x[:57] + "...")
    if isinstance(x, float):
        return f"{x:g}"
    if isinstance(x, int):
        return str(x) if abs(x) < 1e15 else f"{x:.3g}"
    return type(x).__name__


def _valid_fields(data: Any, loc: list) -> str:
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
    """``["streams", 4, "receiver"]`` -> ``streams[4].receiver``.

    Parameters
    ----------
    loc : list or tuple
        A field's location as keys and list positions.

    Returns
    -------
    str
        The location in the dotted notation errors use.
    """
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += ("." if out else "") + str(part)
    return out


LOADER = yaml_loader()
if TYPE_CHECKING:  # the C loader (where libyaml is built in) has the pure one's interface
    _LoaderBase = yaml.SafeLoader
else:
    _LoaderBase = LOADER


class _DuplicateKey(yaml.YAMLError):
    """A mapping that gives ``key`` twice; ``line`` (1-based) is the second time."""

    def __init__(self, key: str, line: int | None, path: str = "", first: int | None = None) -> None:
        super().__init__(f"duplicate key {key!r}")
        self.key, self.line, self.path, self.first = key, line, path, first


class _Loader(_LoaderBase):
    """The safe loader, refusing a key given twice in one mapping (merge keys ``<<`` may be overridden)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Hashable, Any]:
        if isinstance(node, yaml.MappingNode):
            seen: dict[str, int] = {}
            for key, _ in node.value:
                if key.tag == "tag:yaml.org,2002:merge" or not isinstance(key, yaml.ScalarNode):
                    continue
                if key.value in seen:
                    raise _DuplicateKey(key.value, key.start_mark.line + 1, first=seen[key.value])
                seen[key.value] = key.start_mark.line + 1
        return super().construct_mapping(node, deep=deep)


def _duplicate_place(text: str, exc: _DuplicateKey) -> tuple[str, int | None]:
    """The field path of a duplicated key and the line it is first given on."""
    if exc.line is None:  # JSON: the path was found on the parsed data
        return exc.path, exc.first
    try:
        node = yaml.compose(text, Loader=LOADER)
    except yaml.YAMLError:
        node = None
    found: list[str] = []

    def walk(n, path: str, seen: set[int]) -> None:
        if found or id(n) in seen:
            return
        seen.add(id(n))
        if isinstance(n, yaml.MappingNode):
            for key, value in n.value:
                sub = f"{path}.{key.value}" if path else str(key.value)
                if key.start_mark.line + 1 == exc.line and key.value == exc.key:
                    found.append(sub)
                    return
                walk(value, sub, seen)
        elif isinstance(n, yaml.SequenceNode):
            for i, item in enumerate(n.value):
                walk(item, f"{path}[{i}]", seen)

    if node is not None:
        walk(node, "", set())
    return (found[0] if found else exc.key), exc.first


class _DuplicateDict(dict):
    """A JSON object that gave a key twice (only ever built to say where)."""

    duplicate: str = ""


def _json(text: str, label: str) -> Any:
    """``json.loads`` refusing an object that gives a key twice (naming its path)."""
    dupes: list[bool] = []

    def pairs(items):
        d = dict(items)
        if len(d) == len(items):  # no key twice (the common case: one dict, no list of keys)
            return d
        keys = [k for k, _ in items]
        d = _DuplicateDict(items)
        d.duplicate = next(k for i, k in enumerate(keys) if k in keys[:i])
        dupes.append(True)
        return d

    data = json.loads(text, object_pairs_hook=pairs)
    if dupes:
        path = _find_duplicate(data, "")
        key = path.rsplit(".", 1)[-1] if path else ""
        raise _DuplicateKey(key, None, path)
    return data


def _find_duplicate(data: Any, path: str) -> str:
    stack = [(data, path)]
    while stack:
        x, where = stack.pop()
        if isinstance(x, _DuplicateDict):
            return f"{where}.{x.duplicate}" if where else x.duplicate
        if isinstance(x, dict):
            stack.extend((v, f"{where}.{k}" if where else str(k)) for k, v in x.items())
        elif isinstance(x, list):
            stack.extend((v, f"{where}[{i}]") for i, v in enumerate(x))
    return ""


def _check_expansion(data: Any, label: str) -> None:
    """Refuse YAML aliases that expand beyond :data:`MOST_VALUES` values or contain themselves, and
    nesting deeper than :data:`MOST_DEPTH` (a RecursionError, said as such by :func:`read_document`).

    Aliased lists and mappings are shared objects after loading: each is
    sized once (memo by identity), so the check itself never expands them.
    """
    size: dict[int, int] = {}
    on_path: set[int] = set()
    stack: list[tuple[Any, bool, int]] = [(data, False, 0)]
    while stack:
        x, children_done, depth = stack.pop()
        if not isinstance(x, dict | list):
            continue
        if depth > MOST_DEPTH:  # libyaml's parser follows any depth; Python's own would run out of stack
            raise RecursionError
        key = id(x)
        items = list(x.values()) if isinstance(x, dict) else x
        if children_done:
            on_path.discard(key)
            total = 1 + sum(size.get(id(v), 1) if isinstance(v, dict | list) else 1 for v in items)
            size[key] = total
            if total > MOST_VALUES:
                raise bad_field("", f"its YAML aliases (&name ... *name) expand to more than "
                                f"{MOST_VALUES:,} values; write the values out, or alias less", label)
            continue
        if key in size:
            continue
        if key in on_path:
            raise bad_field("", "a YAML alias (*name) refers to the list or mapping it sits in, "
                            "which would never end; write the values out", label)
        on_path.add(key)
        stack.append((x, True, depth))
        stack.extend((v, False, depth + 1) for v in items if isinstance(v, dict | list) and id(v) not in size)


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


def _line_map(root: yaml.Node) -> dict[str, int]:
    """Field path -> line of every node as written; an alias (a node met again) is not entered twice."""
    lines: dict[str, int] = {}
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, str, int | None]] = [(root, "", None)]
    while stack:
        node, path, line = stack.pop()
        lines.setdefault(path, line if line is not None else node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in reversed(node.value):
                sub = f"{path}.{key.value}" if path else str(key.value)
                stack.append((value, sub, key.start_mark.line + 1))
        elif isinstance(node, yaml.SequenceNode):
            for i, item in reversed(list(enumerate(node.value))):
                stack.append((item, f"{path}[{i}]", None))
    return lines
