"""The terminal: a rich console and tables with a title and aligned columns."""

from __future__ import annotations

import sys

__all__ = ["console", "table"]


def console():
    """A rich console on stdout: as wide as the terminal; unlimited when piped, so ids are never cut."""
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


def table(title: str, columns: list[tuple[str, str]] | list[str], **options):
    """A rich table with ``title`` and ``columns`` as (name, justify) pairs or names (left-justified)."""
    from rich.table import Table

    options.setdefault("title_justify", "left")
    t = Table(title=title, **options)
    for col in columns:
        name, just = (col, "left") if isinstance(col, str) else col
        t.add_column(name, justify=just)
    return t
