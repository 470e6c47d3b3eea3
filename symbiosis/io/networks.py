"""Networks in and out: bundled data sets, YAML and JSON files, workbooks and CSV folders.

Every mistake in a file becomes one :class:`~symbiosis.errors.SymbiosisError`
that names the file, the line, the field path (``streams[4].receiver``) and
what would be valid.
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping
from importlib import resources as _pkg
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from symbiosis.errors import FileError, SymbiosisError, bad_field, unknown_name
from symbiosis.heap import quiet_heap
from symbiosis.io.atomic import write_atomic
from symbiosis.io.documents import pydantic_problems, read_document
from symbiosis.io.names import DATA, bundled_networks, is_table_path, resolve_network_path
from symbiosis.io.tables.read import read_tables
from symbiosis.model import Network
from symbiosis.model.money import conversion, money_currency
from symbiosis.model.references import merge_problems, raw_reference_problems
from symbiosis.model.units import normalise_quantities

__all__ = ["bundled_networks", "load_network", "network_from_dict", "network_to_dict", "resolve_network_path",
           "save_network"]

def load_network(name_or_path: str | os.PathLike, *, factor_overrides: list[dict] | None = None) -> Network:
    """Load a bundled network by name (``"kalundborg"``), a YAML/JSON file, an Excel
    workbook (``.xlsx``) or a folder of CSV files (see :mod:`symbiosis.io.tables`).

    Parameters
    ----------
    name_or_path : str or os.PathLike
        A bundled network's name (:func:`bundled_networks`) or the path of a file or folder.
    factor_overrides : list of dict, optional
        Factor rows that replace rows of the same (factor, resource, mode) key.

    Returns
    -------
    Network
        The validated network, quantities in their resources' units.

    Raises
    ------
    SymbiosisError
        On any mistake in the data, every problem at once, naming the file, field and line.
    """
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


def network_from_dict(data: dict[str, Any], label: str | None = None,
                      lines: Mapping[str, int] | None = None) -> Network:
    """Validate a plain dict as a :class:`Network`, with errors located in ``label``.

    Quantities written in other units (``3.5 Mm3/yr``) are converted to their
    resource's unit first (:mod:`symbiosis.model.units`). Every problem is reported
    at once: unit mistakes, field mistakes and unknown ids together.

    Parameters
    ----------
    data : dict of str to Any
        The network's fields, as read from a document.
    label : str, optional
        The file (or other source) errors name.
    lines : Mapping of str to int, optional
        Field path (``streams[4].receiver``) -> line number in the file, for errors.

    Returns
    -------
    Network
        The validated network.

    Raises
    ------
    SymbiosisError
        Every unit, field and reference mistake together, located in ``label``.
    """
    with quiet_heap():  # validating makes many objects and no cycles
        data, unit_problems = normalise_quantities(data)
        try:
            net = Network.model_validate(data, context={"normalised": True})
        except ValidationError as exc:
            problems = merge_problems(unit_problems, pydantic_problems(exc, data), raw_reference_problems(data))
            raise _located(FileError(problems, summary="not a valid network:"), label, lines) from None
        except SymbiosisError as exc:
            problems = merge_problems(unit_problems, exc.problems)
            raise _located(FileError(problems, summary=exc.summary), label, lines) from None
    if unit_problems:
        raise _located(FileError(unit_problems, summary="not a valid network:"), label, lines)
    if label:  # later errors (an infeasible network) name the file too; not a field, so not compared
        net.__dict__["_origin"] = (label, lines if lines is not None else {})
    return net


def _located(exc: SymbiosisError, label: str | None, lines: Mapping[str, int] | None) -> SymbiosisError:
    """``exc`` naming the file and lines, its problems in file order."""
    exc = exc.with_file(label or "<network>", lines)
    if lines:
        exc.problems.sort(key=lambda p: p.line if p.line is not None else 0)
    return exc



def _merge_factor_table(data: dict[str, Any], path: Path, label: str) -> dict[str, Any]:
    table = data.get("factor_table")
    if table is None:
        return data
    if not isinstance(table, str):
        raise bad_field("factor_table", "must be the name of a bundled factor table "
                        "(e.g. factors-dk) or a path to a YAML file", label)
    candidate = (path.parent / table) if table.endswith((".yaml", ".yml")) else None
    if candidate is None or not candidate.is_file():
        bundled = _pkg.files(DATA) / f"{table}.yaml"
        if not bundled.is_file():
            raise unknown_name("factor_table", f"no factor table '{table}'; bundled: factors-dk, "
                               "or give a path to a YAML file next to the network", label)
        candidate = Path(str(bundled))
    rows, _ = read_document(candidate)
    merged = {k: v for k, v in data.items() if k != "factor_table"}
    merged["sources"] = {**(rows.get("sources") or {}), **(data.get("sources") or {})}
    table_rows, price_year = _in_network_money(rows, data, table, label)
    if price_year is not None:
        merged["price_year"] = price_year
    merged["factors"] = _merge_rows(table_rows, data.get("factors") or [])
    return merged


def _in_network_money(table: dict[str, Any], data: dict[str, Any], name: str, label: str
                      ) -> tuple[list, int | None]:
    """The factor table's rows with their money in the network's currency and price year, and that price
    year (the network's if it declares one, else the table's): :mod:`symbiosis.model.money`."""
    rows = list(table.get("factors") or [])
    source = (table.get("currency") or "DKK", table.get("price_year"))
    target = (data.get("currency") or "DKK", data.get("price_year") or source[1])
    if source == target or not all(isinstance(v, str) for v in (source[0], target[0])):
        return rows, target[1]
    if source[1] is None or not isinstance(target[1], int):
        raise bad_field("price_year", f"factor table '{name}' declares no price_year, so its "
                        f"{source[0]} cannot become {target[0]}; declare the table's price_year", label)
    try:
        conv = conversion(source[0], source[1], target[0], target[1])
    except ValueError as exc:
        field = "currency" if source[0] != target[0] else "price_year"
        raise bad_field(field, f"the factor table '{name}' ({source[0]}, {source[1]}) cannot be "
                        f"converted: {exc}", label) from None
    out = []
    for row in rows:
        money = money_currency(row.get("unit", "")) if isinstance(row, dict) else None
        value = row.get("value") if isinstance(row, dict) else None
        if money is None or money[0] != source[0] or isinstance(value, bool) or not isinstance(value, int | float):
            out.append(row)
            continue
        row = dict(row, value=row["value"] * conv.factor,
                   unit=row["unit"].replace(source[0], target[0], 1),
                   note=(f"{row['note']}; " if row.get("note") else "")
                   + f"{row['value']:g} {row['unit']} in {source[1]} prices, {conv.describe()}")
        if isinstance(row.get("range"), list | tuple):
            row["range"] = [x * conv.factor for x in row["range"]]
        out.append(row)
    return out, target[1]


def _merge_rows(base: list[dict], override: list[dict]) -> list[dict]:
    """Factor rows of ``base`` with rows of the same key replaced by ``override``."""
    def key(row: dict) -> tuple:
        return (row.get("factor"), row.get("resource"), row.get("mode")) if isinstance(row, dict) else (id(row),)

    replaced = {key(r) for r in override}
    return [r for r in base if key(r) not in replaced] + list(override)


def network_to_dict(net: Network) -> dict[str, Any]:
    """A plain dict that :func:`network_from_dict` reads back to an equal network.

    Parameters
    ----------
    net : Network
        The network to write out.

    Returns
    -------
    dict of str to Any
        The network's fields as plain (YAML/JSON-ready) values.
    """
    return net.model_dump(mode="json", exclude_defaults=True)


def save_network(net: Network, path: str | os.PathLike) -> Path:
    """Write a network as YAML or JSON (by suffix), atomically.

    Parameters
    ----------
    net : Network
        The network to write.
    path : str or os.PathLike
        The file to write; ``.json`` writes JSON, any other suffix YAML.

    Returns
    -------
    Path
        The path written.
    """
    path = Path(path)
    data = network_to_dict(net)
    if path.suffix.lower() == ".json":
        text = json.dumps(data, indent=2, ensure_ascii=False)
    else:
        text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    write_atomic(path, text)
    return path
