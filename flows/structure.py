"""Structure of a directed network given as a flow (or adjacency) matrix.

Whole-network statistics follow enaR's ``structure.statistics`` (Fath &
Borrett 2006; Borrett & Lau 2014): nodes, links, connectance, link density,
the dominant eigenvalue of the adjacency matrix (cyclicity, the asymptotic
rate of pathway proliferation, Borrett & Patten 2003), strongly connected
components. Node statistics: degree, betweenness, throughflow share, and the
flow a node's removal cuts (anchor tenants). Modularity: Newman's Q of the
greedy (Clauset-Newman-Moore) partition of the flow-weighted graph.

``F[i, j]`` is the flow (or 1 for a link) from node i to node j.

>>> import numpy as np
>>> cycle = np.array([[0, 1, 0], [0, 0, 1], [1, 0, 0]])
>>> s = structure_statistics(cycle)
>>> s["L"], round(s["lam1A"], 6), s["no.scc.big"]
(3, 1.0, 1)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from flows.problem import FloatArray

__all__ = ["adjacency", "modularity", "node_statistics", "pathway_proliferation", "strong_components",
           "structure_statistics"]


def adjacency(flow: ArrayLike) -> FloatArray:
    """The 0/1 adjacency matrix: 1 where a positive flow runs from i to j.

    Parameters
    ----------
    flow : array_like
        n x n flows (or links), row to column.

    Returns
    -------
    numpy.ndarray
        n x n of 0.0 and 1.0.

    Raises
    ------
    ValueError
        The matrix is not square.
    """
    F = np.asarray(flow, dtype=float)
    if F.ndim != 2 or F.shape[0] != F.shape[1]:
        raise ValueError(f"the flow matrix must be square, got shape {F.shape}")
    return (F > 0).astype(float)


def strong_components(A: np.ndarray) -> np.ndarray:
    """Label of the strongly connected component of each node.

    Parameters
    ----------
    A : numpy.ndarray
        n x n adjacency matrix.

    Returns
    -------
    numpy.ndarray
        n component labels.
    """
    if A.shape[0] == 0:
        return np.zeros(0, dtype=int)
    return connected_components(csr_matrix(A), directed=True, connection="strong")[1]


def _spectrum(A: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """All eigenvalues of A, computed block by block over strongly connected components.

    A is block-triangular in component order, so its spectrum is the union
    of the components' spectra; an acyclic part contributes exact zeros
    (or ones for self-loops) instead of rounding noise.
    """
    parts = []
    for c in np.unique(labels):
        idx = np.flatnonzero(labels == c)
        block = A[np.ix_(idx, idx)]
        parts.append(np.diag(block).astype(complex) if idx.size == 1 else np.linalg.eigvals(block))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=complex)


def pathway_proliferation(A: np.ndarray, k: int = 200) -> float:
    """``sum(A^k) / sum(A^(k-1))`` (Borrett & Patten 2003), computed without overflow.

    Tends to the dominant eigenvalue; 0 for an acyclic network, whose long
    pathways die out.

    Parameters
    ----------
    A : numpy.ndarray
        n x n adjacency matrix.
    k : int, default 200
        The path length.

    Returns
    -------
    float
    """
    x = np.ones(A.shape[0])
    for _ in range(k - 1):
        x = A @ x
        s = x.sum()
        if s == 0:
            return 0.0
        x /= s
    return float((A @ x).sum() / x.sum())


def structure_statistics(flow: ArrayLike) -> dict[str, float]:
    """Whole-network structure of the links where ``flow > 0``.

    Parameters
    ----------
    flow : array_like
        n x n flows (or links), row to column.

    Returns
    -------
    dict
        The statistics below (enaR's ``structure.statistics`` names).

    Notes
    -----
    - ``n`` nodes, ``L`` links (self-loops count)
    - ``C`` = L / n^2 (enaR's connectance), ``C.dir`` = L' / (n (n - 1)) with L'
      the links between distinct nodes (directed connectance without loops)
    - ``LD`` = L / n link density
    - ``lam1A`` = |dominant eigenvalue| of A (cyclicity; 0 if acyclic,
      1 for a single cycle, > 1 when pathways proliferate), ``mlam1A`` its
      multiplicity, ``rho`` = lam1A / |lam2| the damping ratio
      (inf when every other eigenvalue is 0), ``d`` = |lam1A - LD|
    - ``ppr`` pathway proliferation rate sum(A^200)/sum(A^199)
    - ``no.scc`` strongly connected components, ``no.scc.big`` those with
      more than one node, ``pscc`` the share of nodes in a big one
    """
    A = adjacency(flow)
    n = A.shape[0]
    nan = float("nan")
    if n == 0:
        return {"n": 0, "L": 0, "C": nan, "C.dir": nan, "LD": nan, "lam1A": nan, "mlam1A": 0,
                "rho": nan, "d": nan, "ppr": nan, "no.scc": 0, "no.scc.big": 0, "pscc": nan}
    L = int(A.sum())
    loops = int(np.trace(A))
    labels = strong_components(A)
    ev = _spectrum(A, labels)
    mags = np.round(np.abs(ev), 7)
    order = np.argsort(-mags, kind="stable")
    mags = mags[order]
    lam1 = float(np.abs(ev[order[0]]))
    m1 = int(np.count_nonzero(mags == mags[0]))
    lam2 = float(mags[m1]) if m1 < n else nan
    rho = (lam1 / lam2 if lam2 > 0 else float("inf")) if lam2 == lam2 else nan
    sizes = np.bincount(labels)
    big = sizes > 1
    return {
        "n": n, "L": L, "C": L / n**2,
        "C.dir": (L - loops) / (n * (n - 1)) if n > 1 else nan,
        "LD": L / n,
        "lam1A": lam1, "mlam1A": m1, "rho": rho, "d": abs(lam1 - L / n),
        "ppr": pathway_proliferation(A),
        "no.scc": int(sizes.size), "no.scc.big": int(big.sum()),
        "pscc": float(sizes[big].sum() / n),
    }


def node_statistics(flow: ArrayLike) -> dict[str, FloatArray]:
    """Per-node structure and the flow each node's removal would cut.

    Parameters
    ----------
    flow : array_like
        n x n flows, row to column.

    Returns
    -------
    dict of numpy.ndarray
        One array of n values per statistic below.

    Notes
    -----
    - ``in_degree``, ``out_degree``, ``degree`` (links between distinct nodes)
    - ``degree_centrality`` = degree / (n - 1) (as networkx)
    - ``betweenness``: share of shortest directed paths between other node
      pairs through the node, unweighted, normalised by (n - 1)(n - 2)
      (networkx ``betweenness_centrality``)
    - ``flow_in``, ``flow_out``: flow on links into / out of the node
    - ``flow_cut``: flow on every link touching the node (lost if it left);
      ``share_cut`` = flow_cut / total flow on links
    """
    F = np.asarray(flow, dtype=float)
    A = adjacency(F)
    n = A.shape[0]
    off = A * (1 - np.eye(n))
    indeg = off.sum(axis=0)
    outdeg = off.sum(axis=1)
    deg = indeg + outdeg
    fin = F.sum(axis=0)
    fout = F.sum(axis=1)
    cut = fin + fout - np.diag(F)
    total = F.sum()
    return {
        "in_degree": indeg.astype(int), "out_degree": outdeg.astype(int), "degree": deg.astype(int),
        "degree_centrality": deg / (n - 1) if n > 1 else np.zeros(n),
        "betweenness": _betweenness(off),
        "flow_in": fin, "flow_out": fout, "flow_cut": cut,
        "share_cut": cut / total if total > 0 else np.zeros(n),
    }


def _betweenness(A: np.ndarray) -> np.ndarray:
    import networkx as nx

    n = A.shape[0]
    g: nx.DiGraph[int] = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_edges_from(zip(*np.nonzero(A), strict=True))
    b = nx.betweenness_centrality(g, normalized=True)
    return np.array([b[i] for i in range(n)])


def modularity(flow: ArrayLike) -> tuple[float, list[list[int]]]:
    """Newman's modularity Q and the partition that gives it.

    Parameters
    ----------
    flow : array_like
        n x n flows, row to column.

    Returns
    -------
    tuple of (float, list of list of int)
        Q, and the communities (node indices), largest first.

    Notes
    -----
    The flow-weighted network, taken as undirected (w_ij = f_ij + f_ji), is
    split by greedy agglomeration (Clauset, Newman & Moore 2004, networkx
    ``greedy_modularity_communities``); Q = sum over communities of
    (w_in / W - (s_c / 2W)^2). Q is NaN when there is no flow. Communities
    are lists of node indices, largest first.
    """
    import networkx as nx
    from networkx.algorithms import community

    F = np.asarray(flow, dtype=float)
    n = F.shape[0]
    W = F + F.T
    np.fill_diagonal(W, 0.0)
    if n == 0 or W.sum() == 0:
        return float("nan"), [[i] for i in range(n)]
    g: nx.Graph[int] = nx.Graph()
    g.add_nodes_from(range(n))
    i, j = np.nonzero(np.triu(W))
    g.add_weighted_edges_from(zip(i.tolist(), j.tolist(), W[i, j].tolist(), strict=True))
    parts = community.greedy_modularity_communities(g, weight="weight")
    groups = sorted((sorted(p) for p in parts), key=lambda p: (-len(p), p[0]))
    return float(community.modularity(g, [set(p) for p in parts], weight="weight")), groups
