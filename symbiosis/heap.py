"""Python's cyclic garbage collector kept out of the way of work that makes many objects and no cycles."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["quiet_heap"]


@contextmanager
def quiet_heap(pause: bool = True, freeze: bool = False) -> Iterator[None]:
    """Within the block, the collector paused (``pause``) and the objects alive now left out of its walks
    (``freeze``); both as they were after, error or not.

    Reading a network, evaluating one and sweeping its inputs make hundreds of thousands of objects (at
    5,000 companies) and no cycles: each collection the growing heap sets off walks them all again (a third
    of reading a 5,000-company park, a fifth of its sweep). A collector a caller had paused stays paused,
    and objects a caller had frozen stay frozen.

    Parameters
    ----------
    pause : bool, default True
        Collect nothing within the block.
    freeze : bool, default False
        Leave the objects alive at the start out of the collector's walks.

    Yields
    ------
    None
    """
    running, mine = gc.isenabled(), freeze and gc.get_freeze_count() == 0
    if freeze:
        gc.freeze()
    if pause:
        gc.disable()
    try:
        yield
    finally:
        if pause and running:
            gc.enable()
        if mine:
            gc.unfreeze()
