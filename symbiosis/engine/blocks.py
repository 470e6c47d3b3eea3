"""The inverse of a basis matrix, block by block: solves whose cost is the size of the blocks they touch.

An optimal basis of a network's LP falls apart into many small blocks (at
5,000 companies nearly all of one or two balances): rows and columns that
only each other's nonzeros link. A change of a few right-hand sides moves the
basic variables of the blocks it touches and no others, so a sweep's many
changes are solved together as one sparse matrix of right-hand sides, each
change costing the size of its own blocks, never a vector of the whole
network (:class:`BlockInverse`). The small blocks' inverses are kept
explicitly, as one sparse matrix (computed together, a stack of dense
inverses per block size); a large block (more than :data:`LARGE` rows) is
factorised alone and solved for the changes that touch it.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

__all__ = ["LARGE", "BlockInverse"]

#: The most rows of a block whose inverse is kept explicitly (a larger one is factorised).
LARGE = 200


class BlockInverse:
    """``M^-1`` of a square sparse ``M`` (``n x n``), block by block; ``ok`` is False where ``M`` is singular.

    Parameters
    ----------
    M : scipy.sparse matrix
        The basis matrix (rows: balances; columns: the basic variables' places).
    large : int
        Blocks with more rows than this are factorised instead of inverted.
    """

    def __init__(self, M, large: int = LARGE):
        from scipy.sparse.csgraph import connected_components  # with scipy.linalg 0.2 s: not for `stress`
        from scipy.sparse.linalg import splu

        M = sp.csc_matrix(M)
        M.sum_duplicates()
        n = self.n = M.shape[0]
        self.ok = False
        coo = M.tocoo()
        link = sp.coo_matrix((np.ones(coo.nnz), (coo.row, n + coo.col)), shape=(2 * n, 2 * n))
        _, label = connected_components(link, directed=False)
        row_of, col_of = label[:n], label[n:]
        rows_by = np.argsort(row_of, kind="stable")
        cols_by = np.argsort(col_of, kind="stable")
        n_rows = np.bincount(row_of, minlength=label.max() + 1)
        n_cols = np.bincount(col_of, minlength=label.max() + 1)
        if np.any(n_rows != n_cols):
            return  # structurally singular
        starts = np.concatenate([[0], np.cumsum(n_rows)])
        local_r, local_c = np.empty(n, np.int64), np.empty(n, np.int64)  # each row's, column's place in its block
        local_r[rows_by] = np.arange(n) - starts[row_of[rows_by]]
        local_c[cols_by] = np.arange(n) - starts[col_of[cols_by]]
        size_of = n_rows[row_of[coo.row]]  # the size of each nonzero's block
        inv_r, inv_c, inv_v = [], [], []
        self.large: list[tuple[np.ndarray, np.ndarray, object]] = []  # (rows, columns, factor)
        for size in np.unique(n_rows[n_rows > 0]).tolist():
            blocks = np.flatnonzero(n_rows == size)
            if size > large:
                for b in blocks.tolist():
                    r, c = rows_by[starts[b]:starts[b + 1]], cols_by[starts[b]:starts[b + 1]]
                    try:
                        self.large.append((r, c, splu(sp.csc_matrix(M[r][:, c]))))
                    except RuntimeError:
                        return
                continue
            stack = np.full(row_of.max() + 1 if n else 0, -1, dtype=np.int64)
            stack[blocks] = np.arange(blocks.size)
            mine = size_of == size
            sub = np.zeros((blocks.size, size, size))
            sub[stack[row_of[coo.row[mine]]], local_r[coo.row[mine]], local_c[coo.col[mine]]] = coo.data[mine]
            try:
                inv = np.linalg.inv(sub)  # blocks x size x size: column places x rows
            except np.linalg.LinAlgError:
                return
            if not np.all(np.isfinite(inv)):
                return
            idx = starts[blocks][:, None] + np.arange(size)[None, :]
            r, c = rows_by[idx], cols_by[idx]  # blocks x size: each block's rows and columns, in order
            inv_r.append(np.repeat(c, size, axis=1).ravel())  # the place (column of M) of each entry
            inv_c.append(np.tile(r, (1, size)).ravel())  # the row of M
            inv_v.append(inv.ravel())
        values = np.concatenate(inv_v) if inv_v else np.zeros(0)
        places = np.concatenate(inv_r) if inv_r else np.zeros(0, np.int64)
        rows = np.concatenate(inv_c) if inv_c else np.zeros(0, np.int64)
        self.inv: sp.csr_matrix = sp.csr_matrix((values, (places, rows)), shape=(n, n))
        self.inv.eliminate_zeros()
        self.inv_t = self.inv.T.tocsr()
        self.ok = True

    def solve(self, R) -> sp.csc_matrix:
        """``M^-1 R`` for a sparse ``R`` (``n x q``), sparse."""
        R = sp.csc_matrix(R)
        out = (self.inv @ R).tocsc()
        return out + self._large(R, transposed=False) if self.large else out

    def solve_t(self, C) -> sp.csc_matrix:
        """``M^-T C`` for a sparse ``C`` (``n x q``), sparse."""
        C = sp.csc_matrix(C)
        out = (self.inv_t @ C).tocsc()
        return out + self._large(C, transposed=True) if self.large else out

    def rows(self, places: np.ndarray) -> sp.csr_matrix:
        """The rows ``places`` of ``M^-1`` (one per entry), sparse (``len(places) x n``)."""
        e = sp.csc_matrix((np.ones(places.size), (places, np.arange(places.size))), shape=(self.n, places.size))
        return self.solve_t(e).T.tocsr()

    def _large(self, R: sp.csc_matrix, transposed: bool) -> sp.csc_matrix:
        """The large blocks' part of ``M^-1 R`` (or ``M^-T R``): each factorised block solved for the columns
        of ``R`` that touch it."""
        rr, cc, vv = [], [], []
        Rr = R.tocsr()
        for rows, cols, lu in self.large:
            inp, outp = (cols, rows) if transposed else (rows, cols)
            part = Rr[inp]
            touching = np.unique(part.indices)
            if touching.size == 0:
                continue
            rhs = np.asarray(part[:, touching].todense())
            got = lu.solve(rhs, trans="T") if transposed else lu.solve(rhs)  # type: ignore[attr-defined]
            i, j = np.nonzero(got)
            rr.append(outp[i])
            cc.append(touching[j])
            vv.append(got[i, j])
        if not rr:
            return sp.csc_matrix(R.shape)
        return sp.csc_matrix((np.concatenate(vv), (np.concatenate(rr), np.concatenate(cc))), shape=R.shape)
