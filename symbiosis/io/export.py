"""``symbiosis export``: a network in another format, and what each format keeps.

=========  ====================================================  ==========
format     what it is                                            lossless
=========  ====================================================  ==========
yaml       the network file itself                               yes
json       the same as JSON                                      yes
csv        a folder of CSV files, one per sheet                  yes
xlsx       an Excel workbook, one sheet per table                yes
graphml    the actor graph for Gephi, yEd, Cytoscape, networkx   no
gexf       the actor graph for Gephi                             no
=========  ====================================================  ==========

The four lossless formats read back to an equal network (the tests check it
on every bundled network). The two graph formats hold a graph, not a network:
:data:`DROPS` says what they leave out, and ``symbiosis export`` prints it.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from symbiosis.errors import bad_parameter
from symbiosis.io.atomic import write_atomic
from symbiosis.io.networks import network_to_dict
from symbiosis.io.tables import write_csv_folder, write_workbook
from symbiosis.io.tables.layout import SHEETS
from symbiosis.model import Network

__all__ = ["DROPS", "FORMATS", "LOSSLESS", "SUFFIXES", "default_path", "export_network", "export_target", "flat_graph"]

FORMATS = ("yaml", "json", "csv", "xlsx", "graphml", "gexf")
LOSSLESS = ("yaml", "json", "csv", "xlsx")

_GRAPH_DROPS = [
    "the bibliography (`sources`: titles, URLs, publishers; the `@key` of each number is kept)",
    "resources other than as each stream's `resource` and `unit`",
    "processes and their ratios",
    "the factor table (prices, taxes, emission and water factors)",
    "the provenance of supplies and demands (their amounts are kept as node attributes "
    "`supply_<resource>` and `demand_<resource>`)",
    "service links' supported employees by scheme (their totals `supported_persons` and "
    "`supported_fte` are kept)",
    "service offers and service needs (the social-economy assignment's input)",
]
#: What each lossy format leaves out.
DROPS: dict[str, list[str]] = {"graphml": _GRAPH_DROPS, "gexf": _GRAPH_DROPS}


def flat_graph(net: Network):
    """A ``networkx.MultiDiGraph`` whose attributes are all scalars (str, int, float, bool).

    Nodes are actors; edges are streams (``edge_type='stream'``) and service
    links (``edge_type='service'``) keyed by their id. Nested values are
    flattened with ``_`` (``observed_value``, ``observed_source``,
    ``location_lat``); missing values are left out.
    """
    import networkx as nx

    g: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    g.graph.update({"id": net.id, "name": net.name, "year": net.year})
    amounts: dict[str, dict[str, float]] = {}
    for kind, rows in (("supply", net.supplies), ("demand", net.demands)):
        for row in rows:
            amounts.setdefault(row.actor, {})[f"{kind}_{row.resource}"] = row.quantity.value
    for a in net.actors:
        g.add_node(a.id, label=a.name, **_flat(a.model_dump(mode="json", exclude={"id"})), **amounts.get(a.id, {}))
    for s in net.streams:
        attrs = _flat(s.model_dump(mode="json", exclude={"id", "supplier", "receiver"}))
        g.add_edge(s.supplier, s.receiver, key=s.id, id=s.id, edge_type="stream",
                   unit=net.resource[s.resource].unit, **attrs)
    for link in net.service_links:
        attrs = _flat(link.model_dump(mode="json", exclude={"id", "provider", "client", "supported"}))
        fte = sum(e.fte or 0.0 for e in link.supported if e.scheme != "ordinary")
        g.add_edge(link.provider, link.client, key=link.id, id=link.id, edge_type="service",
                   supported_persons=link.supported_persons, supported_fte=fte, **attrs)
    return g


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(_flat(value, f"{name}_"))
        elif value is not None and not isinstance(value, list):
            out[name] = value
    return out


#: The suffixes each format's file may have (a name with no suffix, or another one, is written as named).
SUFFIXES = {"yaml": (".yaml", ".yml"), "json": (".json",), "csv": (".csv",), "xlsx": (".xlsx",),
            "graphml": (".graphml", ".xml"), "gexf": (".gexf",)}


def export_target(fmt: str, path: str | os.PathLike) -> tuple[Path, tuple[str, ...]]:
    """Where :func:`export_network` writes ``fmt`` given ``path``: exactly ``path`` (for ``csv`` the folder, and
    the names of the files in it).

    Raises
    ------
    SymbiosisError
        Naming ``output``, when ``path``'s suffix is another format's (``x.yaml`` for ``json``): the file would
        not be what its name says.

    >>> export_target("json", "afile"), export_target("yaml", "net.yml")
    ((PosixPath('afile'), ()), (PosixPath('net.yml'), ()))
    """
    path = Path(path)
    suffix = path.suffix.lower()
    other = next((f for f, known in SUFFIXES.items() if f != fmt and suffix in known and suffix not in SUFFIXES[fmt]),
                 None)
    if other is not None:
        fix = f"{path.with_suffix(SUFFIXES[fmt][0])}" if fmt != "csv" else f"{path.with_suffix('')}-csv"
        kind = f"{'an' if other == 'xlsx' else 'a'} {other}"
        raise bad_parameter("output", f"'{path}' names {kind} file but --to is {fmt}; write to {fix}, "
                            f"or export with --to {other}")
    if fmt == "csv":
        return path, tuple(f"{sheet}.csv" for sheet in SHEETS)
    return path, ()


def export_network(net: Network, fmt: str, path: str | os.PathLike) -> Path:
    """Write ``net`` as ``fmt`` (one of :data:`FORMATS`) to exactly ``path``, atomically.

    ``csv`` writes a folder (all its files together); every other format one
    file. A path whose suffix is another format's is refused (see :func:`export_target`).
    """
    import json

    path = export_target(fmt, path)[0]
    if fmt in ("yaml", "json"):
        import yaml

        data = network_to_dict(net)
        write_atomic(path, json.dumps(data, indent=2, ensure_ascii=False) if fmt == "json"
                     else yaml.safe_dump(data, sort_keys=False, allow_unicode=True))
        return path
    if fmt in ("csv", "xlsx"):
        if fmt == "csv":
            write_csv_folder(net, path)
            return path
        return write_workbook(net, path)
    if fmt in ("graphml", "gexf"):
        import io

        import networkx as nx

        g = flat_graph(net)
        buf = io.BytesIO()
        (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(g, buf)
        write_atomic(path, buf.getvalue())
        return path
    raise ValueError(f"unknown format {fmt!r}; valid: {', '.join(FORMATS)}")


def default_path(network: str, fmt: str) -> Path:
    """``kalundborg`` + ``xlsx`` -> ``kalundborg.xlsx``; ``csv`` -> the folder ``kalundborg-csv``."""
    stem = Path(network).name
    for suffix in (".yaml", ".yml", ".json", ".xlsx"):
        stem = stem.removesuffix(suffix)
    return Path(f"{stem}-csv" if fmt == "csv" else f"{stem}.{'yaml' if fmt == 'yaml' else fmt}")
