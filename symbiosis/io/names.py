"""Which network a name means: a bundled data set, a YAML/JSON file, a workbook or a CSV folder.

Light on purpose (the standard library; no pydantic, no pandas; PyYAML only to list the bundled
networks): the command line asks :func:`check_network_name` before it imports what reads and solves a
network, so a name that means nothing is answered at once (``symbiosis report nope.json`` in a few
tenths of a second, not two).
"""

from __future__ import annotations

import os
from importlib import resources as _pkg
from pathlib import Path

from symbiosis.errors import unknown_name

__all__ = ["DATA", "bundled_networks", "check_network_name", "is_network", "is_table_path", "resolve_network_path",
           "yaml_loader"]

DATA = "symbiosis.data"
#: Bundled data files that are not networks: factor tables, the accounting conventions, the money table,
#: what publications say a bundled park saves, the sensitivity's default ranges.
_NOT_NETWORKS = ("factors-", "conventions", "money", "published-", "default-ranges")


def is_network(name: str) -> bool:
    """Whether the bundled data file ``name`` is a network (not a factor table, convention or the like)."""
    return not name.startswith(_NOT_NETWORKS)


def yaml_loader() -> type:
    """PyYAML's safe loader, in C where libyaml is built in (PyYAML is imported here, on first use)."""
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def is_table_path(path: str | os.PathLike) -> bool:
    """Whether ``path`` is an Excel workbook or a folder of CSV files."""
    p = Path(path)
    return p.suffix.lower() in (".xlsx", ".xlsm") or p.is_dir()


def bundled_networks() -> dict[str, str]:
    """Names of the bundled networks and their one-line descriptions.

    Returns
    -------
    dict of str to str
        Each bundled network's name (what :func:`~symbiosis.io.load_network` takes) -> its description.
    """
    import yaml

    out, loader = {}, yaml_loader()
    for entry in sorted(_pkg.files(DATA).iterdir(), key=lambda p: p.name):
        if entry.name.endswith(".yaml") and is_network(entry.name):
            with entry.open(encoding="utf-8") as fh:
                head = yaml.load(fh, Loader=loader)
            out[entry.name[:-5]] = head.get("name", "")
    return out


def resolve_network_path(name_or_path: str | os.PathLike) -> tuple[Path, str]:
    """The file behind a bundled name or a path, and the label errors use.

    Parameters
    ----------
    name_or_path : str or os.PathLike
        A bundled network's name or the path of a YAML or JSON file.

    Returns
    -------
    tuple of (Path, str)
        The file to read and the label its errors name (a bundled one says so).

    Raises
    ------
    SymbiosisError
        When the path is not a file, or the name is neither a file nor a bundled network.
    """
    text = str(name_or_path)
    candidate = Path(text)
    if candidate.suffix.lower() in (".yaml", ".yml", ".json") or candidate.exists():
        if not candidate.is_file():
            raise unknown_name("", "no such file; give a YAML or JSON network file or one of the "
                               f"bundled names: {', '.join(bundled_networks())}", text)
        return candidate, text
    bundled = _pkg.files(DATA) / f"{text}.yaml"
    if not bundled.is_file() or not is_network(text):
        raise unknown_name("network", f"'{text}' is neither a file nor a bundled network; bundled: "
                           f"{', '.join(bundled_networks())}")
    return Path(str(bundled)), f"{text} (bundled)"


def check_network_name(name: str, *, run_ids: bool = False) -> None:
    """Raise the loader's own error if ``name`` is neither a file, a folder nor a bundled network.

    What the name holds is not read: a file that exists passes (a network or a scenario, checked when it
    is read), and so do a workbook or a folder (:mod:`symbiosis.io.tables` names their mistakes).

    Parameters
    ----------
    name : str
        What the user gave as NETWORK.
    run_ids : bool
        Whether a number that is not a file names a recorded run (``symbiosis report RUN_ID``).

    Raises
    ------
    SymbiosisError
        As :func:`resolve_network_path`: no such file, or neither a file nor a bundled network.
    """
    if is_table_path(name) or (run_ids and name.isdigit() and not Path(name).exists()):
        return
    resolve_network_path(name)
