"""Many small re-solves of one answer in one LP, where they touch pieces of the problem that nothing links.

In the observed answer (and the counterfactual) nearly every decision is
fixed: the recorded flows. What is left free (purchases, disposal, the
processes) falls into many small pieces, each a few balances that no free
decision links to any other. A change of numbers within one piece (a
right-hand side, a bound, a gain or a process ratio) moves that piece alone,
so the ends of a sensitivity whose pieces do not overlap can be made
together and solved as one LP: each end's totals are the base totals plus
what moved in its own pieces (:func:`pieces`, :func:`groups` and
:func:`together`; a group that cannot balance is halved until the ends that
cannot are alone).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

__all__ = ["LARGEST", "groups", "pieces", "together", "touched"]

#: The most balances the pieces of one end may hold to be solved with others (a larger end alone).
LARGEST = 40
#: The most ends in one LP.
_GROUP = 400


def pieces(p, A: sp.csc_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Each balance's piece (the connected parts of the balances through the decisions free at ``p``'s
    bounds) and each piece's size in balances."""
    from scipy.sparse.csgraph import connected_components  # with scipy.linalg 0.2 s: not for `stress`

    lo, hi = p.bounds()
    free = np.flatnonzero(lo < hi)
    sub = A[:, free]
    link = (abs(sub) @ abs(sub).T).tocsr()
    _, label = connected_components(link, directed=False)
    return label, np.bincount(label)


def touched(ch, A: sp.csc_matrix, n_arcs: int) -> np.ndarray:
    """The balances a set of changes ``ch`` touches: right-hand sides, the balances of every decision whose
    bounds, gain or ratios change, and the balance of each ratio."""
    rows: list[NDArray[np.integer]] = [np.fromiter(ch.rhs, dtype=np.int64, count=len(ch.rhs)),
                                       np.array([i for i, _ in ch.ratio], dtype=np.int64)]
    for j in [*ch.lower, *ch.upper, *ch.gain, *(n_arcs + k for k in ch.conv_upper),
              *(n_arcs + k for _, k in ch.ratio)]:
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


def together(owners: list[tuple[int, np.ndarray]], solve: Callable[[list[int]], np.ndarray | None], label: np.ndarray,
             A: sp.csc_matrix, x: np.ndarray, costs: dict[str, np.ndarray]) -> dict[int, dict[str, float]]:
    """What each end of ``owners`` (end, its pieces) moves each named cost by (``costs``: per variable), solved
    in groups whose pieces do not overlap (:func:`groups`; ``solve``: the ends made together, the new values
    of the variables, or None where they cannot balance together; ``x``: the values before). A group that
    cannot balance is halved and each half solved again, so that the ends that cannot balance are left
    alone (with an end left alone, as with a group of one, the caller solves it)."""
    out: dict[int, dict[str, float]] = {}
    owner = np.full(label.max() + 1 if label.size else 0, -1, dtype=np.int64)
    todo = [g for g in groups(owners) if len(g) > 1]
    while todo:
        group = todo.pop(0)
        got = solve([end for end, _ in group])
        if got is None:  # one of them cannot balance: each half again (a half of one: alone)
            half = len(group) // 2
            todo[:0] = [h for h in (group[:half], group[half:]) if len(h) > 1]
            continue
        for k, (_, mine) in enumerate(group):
            owner[mine] = k
        dx = got - x
        idx = np.flatnonzero(dx)
        who = owner[label[A.indices[A.indptr[idx]]]]
        keep = who >= 0  # a move outside every end's pieces (another optimum elsewhere) is no end's
        idx, who = idx[keep], who[keep]
        moved = {name: np.bincount(who, weights=c[idx] * dx[idx], minlength=len(group)) for name, c in costs.items()}
        for k, (end, mine) in enumerate(group):
            out[end] = {name: float(moved[name][k]) for name in costs}
            owner[mine] = -1
    return out
