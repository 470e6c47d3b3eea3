"""Ecological network analysis (ENA) of a flow matrix: throughflow, cycling,
path length, indirect effects and Ulanowicz's information indices.

The formulas are those of the R package enaR (Borrett & Lau 2014, functions
``enaFlow`` and ``enaAscendency``), which follow Finn (1976, 1980), Patten's
network environ analysis (Fath & Borrett 2006) and Ulanowicz (1986, 2009).

Orientation: ``F[i, j]`` is the flow **from i to j** (row to column, as
networkx and enaR store it). Internally the Patten orientation (column to
row) is used, as enaR does. Every quantity is in the unit of the flows
(e.g. t/yr); ratios are dimensionless; information indices are in
flow-unit x bits.

``inputs`` (z) are flows entering a node from outside the system, ``exports``
(e) flows leaving it to the outside as usable matter, ``dissipation`` (r)
flows used up at the node (respiration in ecology, consumption here).

Example: a two-node loop fed with 10 units, half of node 1's throughflow
passed on, half of node 2's sent back:

>>> import numpy as np
>>> F = np.array([[0.0, 10.0], [5.0, 0.0]])
>>> flow = flow_analysis(F, inputs=[10.0, 0.0], outputs=[5.0, 5.0])
>>> round(flow["TST"], 6), round(flow["FCI"], 6)
(25.0, 0.333333)
"""

from __future__ import annotations

from typing import Any

import numpy as np
from numpy.typing import ArrayLike

from flows.problem import FloatArray

__all__ = ["ascendency", "extended_matrix", "flow_analysis", "throughflow"]


def _arrays(flow: ArrayLike, *vectors: ArrayLike | None) -> list[FloatArray]:
    F = np.asarray(flow, dtype=float)
    if F.ndim != 2 or F.shape[0] != F.shape[1]:
        raise ValueError(f"the flow matrix must be square, got shape {F.shape}")
    if np.any(F < 0) or not np.all(np.isfinite(F)):
        raise ValueError("flows must be finite and non-negative")
    n = F.shape[0]
    out = [F]
    for v in vectors:
        a = np.zeros(n) if v is None else np.asarray(v, dtype=float).reshape(-1)
        if a.shape != (n,):
            raise ValueError(f"a boundary vector must have {n} entries, got {a.shape[0]}")
        if np.any(a < 0) or not np.all(np.isfinite(a)):
            raise ValueError("boundary flows must be finite and non-negative")
        out.append(a)
    return out


def throughflow(flow: ArrayLike, inputs: ArrayLike) -> FloatArray:
    """Node throughflow ``T_i = inflow_i + input_i`` (input side; a steady state is assumed).

    Parameters
    ----------
    flow : array_like
        n x n flows, ``flow[i, j]`` from node i to node j.
    inputs : array_like
        n boundary inputs.

    Returns
    -------
    numpy.ndarray
        n throughflows, in the flows' unit.
    """
    F, z = _arrays(flow, inputs)
    through: FloatArray = F.sum(axis=0) + z
    return through


def _ratio(a: float, b: float) -> float:
    return float(a / b) if b != 0 else float("nan")


def _cv(m: np.ndarray) -> float:
    mean = m.mean()
    return float(m.std(ddof=1) / mean) if mean != 0 and m.size > 1 else float("nan")


def flow_analysis(flow: ArrayLike, inputs: ArrayLike, outputs: ArrayLike | None = None) -> dict[str, Any]:
    """Throughflow analysis (enaR ``enaFlow``) of a steady-state flow network.

    Parameters
    ----------
    flow : array_like
        n x n flows, ``flow[i, j]`` from node i to node j (one flow unit per time).
    inputs : array_like
        n boundary inputs z.
    outputs : array_like, optional
        n boundary outputs y (export + dissipation); only ``TSTp`` uses them.

    Returns
    -------
    dict
        The node throughflow vector ``T``, the intensity matrices ``G``, ``GP``,
        ``N``, ``NP`` (Patten orientation: [i, j] is j -> i) and the whole-network
        statistics below.

    Raises
    ------
    ValueError
        A matrix that is not square, or negative or non-finite flows.

    Notes
    -----

    - ``Boundary`` = sum z; ``TST`` = sum T; ``TSTp`` = sum F + sum z + sum y
    - ``APL`` = TST / Boundary (Finn 1976), ``FCI`` = sum((N_ii - 1)/N_ii T_i)/TST (Finn 1980)
    - ``BFI``, ``DFI``, ``IFI``: boundary, direct and indirect flow over TST
    - ``ID.F`` realised indirect/direct ratio; ``ID.F.O``, ``ID.F.I`` idealised
    - ``HMG.O``, ``HMG.I`` homogenisation; ``AMP.O``, ``AMP.I`` amplification

    A statistic with a zero denominator (no input, no direct flow) is NaN.
    """
    F, z, y = _arrays(flow, inputs, outputs)
    n = F.shape[0]
    Fp = F.T  # Patten orientation: Fp[i, j] = flow j -> i
    T = Fp.sum(axis=1) + z
    with np.errstate(divide="ignore", invalid="ignore"):
        G = Fp / T[np.newaxis, :]
        GP = Fp / T[:, np.newaxis]
    G[~np.isfinite(G)] = 0.0
    GP[~np.isfinite(GP)] = 0.0
    eye = np.eye(n)
    # Moore-Penrose inverse as enaR (MASS::ginv), rounded as enaR rounds it.
    N = np.round(np.linalg.pinv(eye - G), 10)
    NP = np.round(np.linalg.pinv(eye - GP), 10)

    tst = float(T.sum())
    boundary = float(z.sum())
    dN = np.diag(N)
    with np.errstate(divide="ignore", invalid="ignore"):
        cycled = np.where(dN != 0, (dN - 1.0) / dN * T, 0.0)
    direct = float((G @ z).sum())
    indirect = float(((N - eye - G) @ z).sum())
    off = ~np.eye(n, dtype=bool)
    return {
        "T": T, "G": G, "GP": GP, "N": N, "NP": NP,
        "Boundary": boundary,
        "TST": tst,
        "TSTp": float(F.sum() + z.sum() + y.sum()),
        "APL": _ratio(tst, boundary),
        "FCI": _ratio(float(cycled.sum()), tst),
        "TSTc": float(cycled.sum()),
        "BFI": _ratio(boundary, tst),
        "DFI": _ratio(direct, tst),
        "IFI": _ratio(indirect, tst),
        "ID.F": _ratio(indirect, direct),
        "ID.F.I": _ratio(float((NP - eye - GP).sum()), float(GP.sum())),
        "ID.F.O": _ratio(float((N - eye - G).sum()), float(G.sum())),
        "HMG.I": _ratio(_cv(GP), _cv(NP)),
        "HMG.O": _ratio(_cv(G), _cv(N)),
        "AMP.I": int(np.count_nonzero(NP[off] > 1)),
        "AMP.O": int(np.count_nonzero(N[off] > 1)),
    }


def extended_matrix(flow: ArrayLike, inputs: ArrayLike | None = None, exports: ArrayLike | None = None,
                    dissipation: ArrayLike | None = None) -> FloatArray:
    """The (n+3) x (n+3) matrix of Allesina & Bondavalli (2003), as enaR's ``as.extended``.

    Parameters
    ----------
    flow : array_like
        n x n flows, row to column.
    inputs, exports, dissipation : array_like, optional
        n boundary flows each (default 0).

    Returns
    -------
    numpy.ndarray
        Rows and columns 0..n-1 are the nodes; column n holds exports, column
        n+1 dissipation, row n+2 the imports (inputs).
    """
    F, z, e, r = _arrays(flow, inputs, exports, dissipation)
    n = F.shape[0]
    X = np.zeros((n + 3, n + 3))
    X[:n, :n] = F
    X[:n, n] = e
    X[:n, n + 1] = r
    X[n + 2, :n] = z
    return X


def ascendency(flow: ArrayLike, inputs: ArrayLike | None = None, exports: ArrayLike | None = None,
               dissipation: ArrayLike | None = None) -> dict[str, float]:
    """Ulanowicz's information indices (enaR ``enaAscendency``), in flow-unit x bits.

    Parameters
    ----------
    flow : array_like
        n x n flows, row to column.
    inputs, exports, dissipation : array_like, optional
        n boundary flows each (default 0).

    Returns
    -------
    dict
        ``TSTp``, ``AMI``, ``ASC``, ``OH``, ``CAP``, ``ASC.CAP``, ``OH.CAP`` and
        ``robustness`` (below); NaN ratios when there is no flow at all.

    Notes
    -----
    On the extended matrix X (see :func:`extended_matrix`) with TSTp = sum X:

    - ``AMI`` = sum X_ij/TSTp log2(X_ij TSTp / (X_i. X_.j)), bits
    - ``ASC`` ascendency = TSTp x AMI
    - ``CAP`` development capacity = -sum X_ij log2(X_ij / TSTp)
    - ``OH`` overhead = -sum X_ij log2(X_ij^2 / (X_i. X_.j)) = CAP - ASC
    - ``ASC.CAP``, ``OH.CAP``: shares of the capacity (sum to 1)
    - ``robustness`` = -(ASC/CAP) ln(ASC/CAP) (Ulanowicz 2009; Fath 2014),
      highest (1/e ~ 0.368) at ASC/CAP = 1/e

    Zero entries contribute nothing (0 log 0 = 0).
    """
    X = extended_matrix(flow, inputs, exports, dissipation)
    total = float(X.sum())
    nan = float("nan")
    if total <= 0:
        return {"TSTp": 0.0, "AMI": nan, "ASC": 0.0, "OH": 0.0, "CAP": 0.0,
                "ASC.CAP": nan, "OH.CAP": nan, "robustness": nan}
    rows = X.sum(axis=1)
    cols = X.sum(axis=0)
    i, j = np.nonzero(X)
    x = X[i, j]
    denom = rows[i] * cols[j]
    ami = float(np.sum(x / total * np.log2(x * total / denom)))
    cap = float(-np.sum(x * np.log2(x / total)))
    oh = float(-np.sum(x * np.log2(x * x / denom)))
    asc = total * ami
    a = _ratio(asc, cap)
    robust = float(-a * np.log(a)) if a == a and a > 0 else nan
    return {"TSTp": total, "AMI": ami, "ASC": asc, "OH": oh, "CAP": cap,
            "ASC.CAP": a, "OH.CAP": _ratio(oh, cap), "robustness": robust}
