"""How to install an optional part (an "extra"), said the way that works where the package runs from.

From a source checkout (the repository, installed with ``pip install .`` or ``-e .``, or run in place)
the command is ``pip install ".[parquet]"`` (with the checkout's path when it is not the current folder);
from the package index it is ``pip install "industrial-symbiosis[parquet]"``.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["DISTRIBUTION", "install_hint", "source_checkout"]

#: The name on the package index (``symbiosis`` and ``flows`` are taken there).
DISTRIBUTION = "industrial-symbiosis"


def source_checkout() -> Path | None:
    """The repository folder this package runs from, or None when it is installed from the index (or a
    wheel): the folder above the package that holds the project's pyproject.toml."""
    root = Path(__file__).resolve().parent.parent
    project = root / "pyproject.toml"
    try:
        text = project.read_text(encoding="utf-8")
    except OSError:
        return None
    return root if f'name = "{DISTRIBUTION}"' in text else None


def install_hint(extra: str, checkout: Path | None | bool = True) -> str:
    """The pip command that installs ``extra``.

    >>> install_hint("parquet", checkout=None)
    'pip install "industrial-symbiosis[parquet]"'
    >>> install_hint("parquet", checkout=Path.cwd())
    'pip install ".[parquet]"'
    """
    root = source_checkout() if checkout is True else checkout or None
    if root is None:
        return f'pip install "{DISTRIBUTION}[{extra}]"'
    here = Path(os.getcwd()).resolve()
    where = "." if here == Path(root).resolve() else str(root)
    return f'pip install "{where}[{extra}]"'
