"""``symbiosis new NAME``: a commented template network to start from.

The template (``symbiosis/io/templates/network.yaml``) is a small, valid
network: four actors, six resources, a process (a heat pump), three streams, a
service link and a few factors, with comments on every section and quantities written in several
units. As a CSV folder or workbook it is the same network in tables.
"""

from __future__ import annotations

import re
from importlib import resources as _pkg
from pathlib import Path

from symbiosis.errors import bad_parameter
from symbiosis.io.atomic import check_output, write_atomic
from symbiosis.io.documents import read_document
from symbiosis.io.networks import network_from_dict, save_network
from symbiosis.io.tables import write_csv_folder, write_workbook
from symbiosis.io.tables.layout import SHEETS

__all__ = ["network_id", "template_text", "write_template"]


def template_text(network_id: str, name: str | None = None, file: str | None = None) -> str:
    """The commented YAML template with its id, name and file name filled in."""
    text = (_pkg.files("symbiosis.io.templates") / "network.yaml").read_text(encoding="utf-8")
    name = name or network_id.replace("-", " ").replace("_", " ").capitalize()
    return (text.replace("{id}", network_id).replace("{name}", name)
            .replace("{file}", file or f"{network_id}.yaml"))


def network_id(name: str) -> str:
    """A valid network id from a file or folder name (``My Symbiosis.yaml`` -> ``my-symbiosis``)."""
    stem = Path(name).name
    for suffix in (".yaml", ".yml", ".json", ".xlsx"):
        stem = stem.removesuffix(suffix)
    ident = re.sub(r"[^a-z0-9_.\-]+", "-", stem.lower()).strip("-._")
    if not ident:
        raise bad_parameter("NAME", f"'{name}' gives no usable id; use letters and digits")
    return ident


def write_template(name: str, fmt: str = "yaml", force: bool = False) -> Path:
    """Write the template as ``NAME.yaml`` (or ``.json``, ``.xlsx``, or a CSV folder ``NAME/``).

    Refuses to overwrite an existing file unless ``force``.
    """
    ident = network_id(name)
    suffix = {"yaml": ".yaml", "json": ".json", "xlsx": ".xlsx", "csv": ""}[fmt]
    path = Path(name)
    if path.suffix.lower() not in (".yaml", ".yml", ".json", ".xlsx"):
        path = path.with_name(path.name + suffix) if suffix else path
    if fmt == "csv":
        check_output(path, "name", folder=True, names=[f"{sheet}.csv" for sheet in SHEETS], force=force)
    else:
        check_output(path, "name", force=force)
    text = template_text(ident, file=str(path))
    if fmt == "yaml":
        write_atomic(path, text)
        return path
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "template.yaml"
        src.write_text(text, encoding="utf-8")
        data, lines = read_document(src, "template")
        net = network_from_dict(data, "template", lines)
    if fmt == "json":
        return save_network(net, path)

    if fmt == "xlsx":
        return write_workbook(net, path)
    write_csv_folder(net, path)
    return path
