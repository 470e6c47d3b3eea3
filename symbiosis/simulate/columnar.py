"""Per-sample results of one batch as one compressed, columnar blob (the run store's ``batches`` table).

A batch's tidy rows (year, sample, scope, item, indicator, value) are a grid:
the (year, sample) pairs it ran times the labels (scope, item, indicator) it
reports, nearly all present (an infeasible sample reports fewer). The blob
holds that grid column by column, so a label's values over the samples sit
side by side (a constant column, the most common kind, costs almost nothing):

======== ========= ==================================================================
column   type      precision needed, and why this type
======== ========= ==================================================================
year     int16     exact; years 1900-2100
sample   int32     exact; at most 100,000 samples a run
label    uint32    exact; a code of the run's ``labels`` table (scope, item, indicator)
present  1 bit     whether the grid cell is a row (an infeasible sample has fewer rows)
value    float64   DKK/yr amounts reach 10^9 and are summed and compared to the krone, flows
                   to a few significant digits of 10^7 t or m3: float32 (24 bits, about 7
                   digits) would be off by up to 32 DKK near 5 x 10^8 and change results
                   that a resumed run must reproduce bit for bit, so values keep all 64 bits
======== ========= ==================================================================

The values' eight bytes are stored byte plane by byte plane (the high bytes of
similar numbers are alike, so they compress), and the whole blob with zlib.
:func:`decode` gives back exactly the rows :func:`encode` was given.
"""

from __future__ import annotations

import struct
import zlib

import numpy as np

__all__ = ["decode", "encode"]

_MAGIC = b"SYB1"
_HEAD = struct.Struct("<4sIII")  # magic, pairs, labels, present cells


def encode(year: np.ndarray, sample: np.ndarray, label: np.ndarray, value: np.ndarray, level: int = 6) -> bytes:
    """One batch's rows as a blob; ``label`` are codes of the run's labels. Duplicate (year, sample, label)
    cells are not allowed (a batch reports each once)."""
    key = np.asarray(year, dtype=np.int64) << 32 | np.asarray(sample, dtype=np.int64)
    keys, pair_of = np.unique(key, return_inverse=True)
    pairs = np.column_stack([keys >> 32, keys & 0xFFFFFFFF])
    codes, code_of = np.unique(np.asarray(label, dtype=np.int64), return_inverse=True)
    cell = code_of.ravel() * len(pairs) + pair_of.ravel()  # label-major: a label's samples side by side
    order = np.argsort(cell, kind="stable")
    present = np.zeros(len(codes) * len(pairs), dtype=bool)
    present[cell] = True
    if present.sum() != len(cell):
        raise ValueError("a batch reports a (year, sample, label) twice")
    values = np.ascontiguousarray(np.asarray(value, dtype="<f8")[order])
    planes = values.view(np.uint8).reshape(-1, 8).T  # byte plane by byte plane
    body = b"".join([pairs[:, 0].astype("<i2").tobytes(), pairs[:, 1].astype("<i4").tobytes(),
                     codes.astype("<u4").tobytes(), np.packbits(present).tobytes(), planes.tobytes()])
    return _HEAD.pack(_MAGIC, len(pairs), len(codes), len(cell)) + zlib.compress(body, level)


def decode(blob: bytes) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """(year, sample, label, value) arrays of a blob, label-major."""
    magic, n_pairs, n_codes, n_cells = _HEAD.unpack_from(blob)
    if magic != _MAGIC:
        raise ValueError("not a batch of results")
    body = zlib.decompress(blob[_HEAD.size:])
    at = 0

    def take(dtype: str, count: int) -> np.ndarray:
        nonlocal at
        out = np.frombuffer(body, dtype=dtype, count=count, offset=at)
        at += out.nbytes
        return out

    years, samples, codes = take("<i2", n_pairs), take("<i4", n_pairs), take("<u4", n_codes)
    grid = n_pairs * n_codes
    present = np.unpackbits(take("u1", (grid + 7) // 8), count=grid).astype(bool)
    value = take("u1", 8 * n_cells).reshape(8, n_cells).T.copy().view("<f8").ravel()
    cell = np.flatnonzero(present)
    pair, code = cell % n_pairs, cell // n_pairs
    return (years[pair].astype(np.int64), samples[pair].astype(np.int64), codes[code].astype(np.int64),
            value.astype(np.float64))
