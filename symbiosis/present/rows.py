"""A table's rows with their columns' types, for the loops that print them.

pandas-stubs types each cell of an ``itertuples`` row as any scalar at all (text, bytes, dates,
NA, ...), which no formatter takes. A loop reads a table through :func:`rows` and names the
columns it reads, and their types, in a :class:`typing.Protocol` it annotates the row with::

    class _Line(Protocol):
        scheme: str
        fte: float

    row: _Line
    for row in rows(table):
        ...
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pandas as pd

__all__ = ["rows"]


def rows(frame: pd.DataFrame, *, index: bool = True) -> Iterator[Any]:
    """The rows of ``frame`` as named tuples (``itertuples``), for a loop that declares their type.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table.
    index : bool, default True
        Whether each row starts with its index (``Index``).

    Returns
    -------
    Iterator
        One named tuple per row, its columns as attributes.
    """
    return frame.itertuples(index=index)
