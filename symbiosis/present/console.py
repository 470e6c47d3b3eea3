"""The terminal: a rich console and tables with a title and aligned columns.

How wide output is (docs/commands.md, "Output width"):

* on a terminal, as wide as the terminal (rich asks it; an exported ``COLUMNS`` wins);
* in a pipe or a file, ``COLUMNS`` where the user set it (``COLUMNS=100 symbiosis show ... | less``),
  else :data:`PIPED_WIDTH`. A ``COLUMNS`` that comes with ``LINES`` is not the user's: GNU readline
  (a Python prompt, IPython and other programs that use it) exports both, the size of *its* terminal,
  to every program it starts, so both set means "inherited", and the pipe gets :data:`PIPED_WIDTH`.

Nothing is cut: a table cell that does not fit wraps (a long id or number folds onto the next line
rather than losing its end behind an ellipsis). A web address is never broken: tables that cite
addresses number them and list them below, each whole, on its own line where it needs one.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:  # rich is imported where a table is made (start-up time)
    from rich.table import Table

from symbiosis.model.money import in_currency

__all__ = ["MIN_WIDTH", "PIPED_WIDTH", "console", "output_width", "table"]

#: How a column's cells line up (rich's ``JustifyMethod``, named here without importing rich).
Justify = Literal["default", "left", "center", "right", "full"]

#: The width of output that is not a terminal (a pipe, a file) when the user set no ``COLUMNS``.
PIPED_WIDTH = 100
#: The narrowest output (a ``COLUMNS`` below it is taken as this): tables need room for their headings.
MIN_WIDTH = 40


def output_width(environ=None, tty: bool | None = None) -> int | None:
    """The width to write at: None on a terminal (rich measures it), else the user's ``COLUMNS`` (when it
    comes without ``LINES``) or :data:`PIPED_WIDTH`.

    Parameters
    ----------
    environ : Mapping of str to str, optional
        The environment to read (default: ``os.environ``).
    tty : bool, optional
        Whether the output is a terminal (default: whether standard output is one).

    Returns
    -------
    int or None
        The width in characters, or None to let rich measure the terminal.

    Examples
    --------
    >>> output_width({"COLUMNS": "120"}, tty=False), output_width({"COLUMNS": "80", "LINES": "24"}, tty=False)
    (120, 100)
    >>> output_width({}, tty=False), output_width({"COLUMNS": "wide"}, tty=False), output_width({}, tty=True)
    (100, 100, None)
    """
    environ = os.environ if environ is None else environ
    if sys.stdout.isatty() if tty is None else tty:
        return None
    columns = environ.get("COLUMNS", "").strip()
    if columns.isdigit() and int(columns) > 0 and "LINES" not in environ:
        return max(int(columns), MIN_WIDTH)
    return PIPED_WIDTH


def console():
    """A rich console on stdout at :func:`output_width`, whose tables wrap and never cut a cell short."""
    from rich.console import Console
    from rich.table import Table

    class _Console(Console):
        def print(self, *objects, **options) -> None:  # noqa: A003 - rich's name
            for obj in objects:
                if isinstance(obj, Table):
                    _fit(obj, self.width)
            super().print(*objects, **options)

    width = output_width()
    if width is None:
        return _Console(highlight=False, soft_wrap=False)
    return _Console(highlight=False, soft_wrap=False, width=width, force_terminal=False)


#: A cell line up to this many characters is kept whole (a number with its unit, a year, a status), and
#: so is a word up to :data:`_WORD` (an id); longer words (a web address in a table) fold.
_SHORT, _WORD = 16, 40


def _fit(t, width: int) -> None:
    """Give ``t``'s columns widths that fit ``width`` and read best: every column at least its longest word
    (or short line), then the room shared out evenly, so a column that needs little gets all it needs and
    the long text columns wrap. Nothing is cut: a cell that still does not fit folds onto the next line."""
    from rich.text import Text

    def plain(c) -> str | None:
        return c.plain if isinstance(c, Text) else Text.from_markup(c).plain if isinstance(c, str) else None

    for col in t.columns:
        if col.overflow == "ellipsis":
            col.overflow = "fold"
    lows, highs = [], []
    for col in t.columns:
        cells = [plain(c) for c in [col.header, *col._cells]]
        texts = [c for c in cells if c is not None]
        if len(texts) < len(cells):
            return  # a cell that is not text: rich measures it
        lines = [line for c in texts for line in c.splitlines()] or [""]
        words = [len(line) if len(line) <= _SHORT else max(map(len, line.split()), default=0) for line in lines]
        header = max((len(w) for line in texts[0].splitlines() for w in line.split()), default=0)
        words[:len(texts[0].splitlines())] = [header]  # a header wraps between its words before an id is cut
        lows.append(min(max(words), _WORD))
        highs.append(max(len(line) for line in lines))
    room = width - (len(t.columns) + 1 if t.box and t.show_edge else len(t.columns) - 1) - 2 * len(t.columns)
    if sum(highs) <= room or room < 4 * len(t.columns):
        return  # it fits as it is (or hardly anything would: rich shares the width out)
    if sum(lows) > room:  # not even word by word: the longest words of text give way first, down to a common
        # cap; a number (a right-justified column) is never cut while text can give way
        whole = [col.justify == "right" for col in t.columns]
        fixed = sum(lo for lo, w in zip(lows, whole, strict=True) if w)
        if not all(whole) and fixed < room:
            cap = max([1] + [c for c in range(1, max(lows) + 1)
                             if fixed + sum(min(lo, c) for lo, w in zip(lows, whole, strict=True) if not w) <= room])
            lows = [lo if w else min(lo, cap) for lo, w in zip(lows, whole, strict=True)]
        else:
            cap = max(c for c in range(1, max(lows) + 1) if sum(min(lo, c) for lo in lows) <= room)
            lows = [min(lo, cap) for lo in lows]
    def widths(level: int) -> list[int]:  # each column its whole width up to ``level``, at least its words
        return [min(h, max(lo, level)) for lo, h in zip(lows, highs, strict=True)]

    level = max(c for c in range(0, max(highs) + 1) if sum(widths(c)) <= room)  # short columns whole first
    share = widths(level)
    longest = max(range(len(share)), key=lambda i: highs[i] - share[i])
    share[longest] += room - sum(share)  # what is left over goes to the column that wants it most
    for col, w in zip(t.columns, share, strict=True):
        col.width = w


def table(title: str, columns: Sequence[tuple[str, Justify] | str], **options: Any) -> Table:
    """A rich table with ``title`` and ``columns`` as (name, justify) pairs or names (left-justified)."""
    from rich.table import Table

    options.setdefault("title_justify", "left")
    t = Table(title=in_currency(title), **options)
    for col in columns:
        head: tuple[str, Justify] = (col, "left") if isinstance(col, str) else col
        name, just = head
        t.add_column(in_currency(name), justify=just)
    return t
