"""The terminal: a rich console and tables with a title and aligned columns."""

from __future__ import annotations

import sys

__all__ = ["PIPED_WIDTH", "console", "table"]

#: The width of output that is not a terminal (a pipe, a file): wide enough that no table cuts an id
#: (``tisso-water-lake-novo-nordisk``) that a scenario file needs. ``COLUMNS`` is not read here: programs
#: that start others often set it (GNU readline sets 80), and a pipe has no width to keep to.
PIPED_WIDTH = 10_000


def console():
    """A rich console on stdout: as wide as the terminal; when piped, as wide as the content, so ids are
    written out in full."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console(highlight=False, soft_wrap=False)
    return Console(highlight=False, soft_wrap=False, width=PIPED_WIDTH, force_terminal=False)


def table(title: str, columns: list[tuple[str, str]] | list[str], **options):
    """A rich table with ``title`` and ``columns`` as (name, justify) pairs or names (left-justified)."""
    from rich.table import Table

    from symbiosis.model.money import in_currency

    options.setdefault("title_justify", "left")
    t = Table(title=in_currency(title), **options)
    for col in columns:
        name, just = (col, "left") if isinstance(col, str) else col
        t.add_column(in_currency(name), justify=just)
    return t
