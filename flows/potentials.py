"""Node potentials (duals) of an optimal pure min-cost flow, recovered from the flow itself.

OR-Tools gives no node potentials. The free arcs of an optimal flow (strictly
between their bounds) fix most of them (``y[head] - y[tail] = cost``): a
breadth-first search over them and sums along the tree give those values; the
rest, nodes the free arcs do not reach (degenerate optima), come from a
shortest-path search seeded with them. See :mod:`flows.netflow`.
"""

from __future__ import annotations

import numpy as np

from flows.problem import FloatArray, IntArray

__all__ = ["potentials"]


def potentials(tail: IntArray, head: IntArray, c: IntArray, x: IntArray, cap: IntArray, n_nodes: int,
               source: IntArray) -> FloatArray:
    """Per node: cost of one more unit needed there (shortest residual path from ``source``).

    First the tree of free arcs (0 < flow < capacity): complementary
    slackness holds every dual to ``y[head] - y[tail] = cost`` on them, so
    each node joined to a ``source`` by free arcs has its value fixed (a
    breadth-first search, then sums along the tree by pointer jumping). On a
    non-degenerate optimum those arcs span every block and nothing is left.
    The remaining nodes get a label-correcting shortest path (Bellman-Ford
    relaxing only the arcs out of nodes whose distance changed in the last
    round, all at once with numpy) on the integer costs, started from the
    fixed values, so a zero-cost cycle is exactly zero. Nodes unreachable
    from ``source`` (one node or several, e.g. one boundary node per block)
    get minus their distance to it (the worth of one unit less), else NaN.

    Parameters
    ----------
    tail, head : numpy.ndarray
        Arc ends, node indices (no boundary: each block's boundary is a node).
    c : numpy.ndarray
        Integer cost per arc.
    x, cap : numpy.ndarray
        Integer optimal flow and capacity per arc (lower bounds shifted out).
    n_nodes : int
    source : array_like of int
        The nodes whose value is 0 (the boundary nodes).

    Returns
    -------
    numpy.ndarray
        One value per node, in the units of ``c``.
    """
    y = _tree_values(tail, head, c, x, cap, n_nodes, source)
    open_ = ~np.isfinite(y)
    if not open_.any():
        return y
    # a shortest path to an open node leaves the fixed ones for good at its last fixed node: only arcs
    # into open nodes matter
    fwd = (x < cap) & open_[head]
    bwd = (x > 0) & open_[tail]
    y = _shortest(np.concatenate([tail[fwd], head[bwd]]), np.concatenate([head[fwd], tail[bwd]]),
                  np.concatenate([c[fwd], -c[bwd]]).astype(float), n_nodes, source, start=y)
    lost = ~np.isfinite(y)
    if lost.any():
        fwd, bwd = x < cap, x > 0
        back = _shortest(np.concatenate([head[fwd], tail[bwd]]), np.concatenate([tail[fwd], head[bwd]]),
                         np.concatenate([c[fwd], -c[bwd]]).astype(float), n_nodes, source)
        y[lost] = -back[lost]
    y[~np.isfinite(y)] = np.nan
    return y


def _tree_values(tail: IntArray, head: IntArray, c: IntArray, x: IntArray, cap: IntArray, n_nodes: int,
                 source: IntArray) -> FloatArray:
    """The potentials fixed by the free arcs, 0 at ``source``; +inf where the free arcs do not reach."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import breadth_first_order

    free = (x > 0) & (x < cap)
    ft, fh, fc = tail[free].astype(np.int64), head[free].astype(np.int64), c[free].astype(float)
    source = np.atleast_1d(source).astype(np.int64)
    root = n_nodes  # joined to every source: one search for all blocks
    size = n_nodes + 1
    ends_a = np.concatenate([ft, fh, np.full(source.size, root)])
    ends_b = np.concatenate([fh, ft, source])
    g = csr_matrix((np.ones(ends_a.size, np.int8), (ends_a, ends_b)), shape=(size, size))
    order, pred = breadth_first_order(g, root, directed=True, return_predecessors=True)
    y = np.full(size, np.inf)
    y[root] = 0.0
    nodes = order[1:].astype(np.int64)
    parent = pred[nodes].astype(np.int64)
    step = np.zeros(nodes.size)  # y[node] - y[parent] along the tree arc that reached the node
    inner = parent != root
    if inner.any():
        key = np.sort(ft * size + fh)
        cost_sorted = fc[np.argsort(ft * size + fh, kind="stable")]
        u, v = parent[inner], nodes[inner]
        at = np.minimum(np.searchsorted(key, u * size + v), max(key.size - 1, 0))
        forward = key[at] == u * size + v  # a free arc u -> v: y[v] = y[u] + c
        back_at = np.minimum(np.searchsorted(key, v * size + u), max(key.size - 1, 0))
        step[inner] = np.where(forward, cost_sorted[at], -cost_sorted[back_at])
    # sums along the tree by pointer jumping: each round doubles the stretch of ancestors summed
    anc = np.full(size, root, np.int64)
    anc[nodes] = parent
    total = np.zeros(size)
    total[nodes] = step
    while np.any(anc[anc] != anc):
        total += np.where(anc != root, total[anc], 0.0)
        anc = anc[anc]
    y[nodes] = total[nodes]
    return y[:n_nodes]


def _shortest(rows: IntArray, cols: IntArray, w: FloatArray, n_nodes: int, source: IntArray,
              start: FloatArray | None = None) -> FloatArray:
    """Shortest distances from ``source`` over arcs ``rows -> cols`` of weight ``w``.

    ``start`` (distances already known to be shortest, +inf elsewhere) seeds the search.
    """
    order = np.argsort(rows, kind="stable")
    cols, w = cols[order], w[order]
    indptr = np.zeros(n_nodes + 1, np.int64)
    np.cumsum(np.bincount(rows, minlength=n_nodes), out=indptr[1:])
    d = np.full(n_nodes, np.inf) if start is None else start.copy()
    d[source] = 0.0
    active = np.flatnonzero(np.isfinite(d))
    for _ in range(n_nodes + 1):
        if active.size == 0:
            return d
        counts = indptr[active + 1] - indptr[active]
        if counts.sum() == 0:
            return d
        owner = np.repeat(active, counts)
        idx = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts) + indptr[owner]
        cand = d[owner] + w[idx]
        target = cols[idx]
        better = cand < d[target]
        if not better.any():
            return d
        target, cand = target[better], cand[better]
        np.minimum.at(d, target, cand)
        active = np.unique(target)
    raise RuntimeError("negative cycle in the residual graph: the flow is not optimal")
