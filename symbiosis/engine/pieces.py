"""Many small re-solves of one answer in one LP, where they touch pieces of the problem that nothing links.

In the observed answer (and the counterfactual) nearly every decision is
fixed: the recorded flows. What is left free (purchases, disposal, the
processes) falls into many small pieces, each a few balances that no free
decision links to any other. A change of numbers within one piece moves that
piece alone, so the ends of a sensitivity whose pieces do not overlap can be
made together and solved as one LP: each end's totals are the base totals
plus what moved in its own pieces (:func:`pieces` and :func:`groups`).
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from scipy.sparse.csgraph import connected_components

__all__ = ["LARGEST", "groups", "pieces", "touched"]

#: The most balances the pieces of one end may hold to be solved with others (a larger end alone).
LARGEST = 40
#: The most ends in one LP.
_GROUP = 400


def pieces(p, A: sp.csc_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Each balance's piece (the connected parts of the balances through the decisions free at ``p``'s
    bounds) and each piece's size in balances."""
    lo, hi = p.bounds()
    free = np.flatnonzero(lo < hi)
    sub = A[:, free]
    link = (abs(sub) @ abs(sub).T).tocsr()
    _, label = connected_components(link, directed=False)
    return label, np.bincount(label)


def touched(ch, A: sp.csc_matrix, n_arcs: int) -> np.ndarray:
    """The balances a set of changes ``ch`` touches: right-hand sides, and the balances of every decision
    whose bounds change."""
    rows: list[NDArray[np.integer]] = [np.fromiter(ch.rhs, dtype=np.int64, count=len(ch.rhs))]
    for j in [*ch.lower, *ch.upper, *(n_arcs + k for k in ch.conv_upper)]:
        rows.append(A.indices[A.indptr[j]:A.indptr[j + 1]])
    return np.unique(np.concatenate(rows))


def groups(owners: list[tuple[int, np.ndarray]]) -> list[list[tuple[int, np.ndarray]]]:
    """``owners`` (end, its pieces) in groups whose pieces do not overlap, first fit, in order."""
    out: list[list[tuple[int, np.ndarray]]] = []
    used: list[set[int]] = []
    for end, mine in owners:
        own = set(mine.tolist())
        for k, taken in enumerate(used):
            if len(out[k]) < _GROUP and not (own & taken):
                out[k].append((end, mine))
                taken |= own
                break
        else:
            out.append([(end, mine)])
            used.append(set(own))
    return out
