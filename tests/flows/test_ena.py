"""Ecological network analysis and structure on matrices (flows.ena, flows.structure).

Hand-checked values on a chain, a cycle and a star, and the oyster-reef
model of Dame & Patten (1981) against enaR's published output.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
import yaml

from flows.ena import ascendency, flow_analysis
from flows.structure import modularity, node_statistics, structure_statistics
from tests.paths import FIXTURES


def sig3(x: float) -> str:
    """A number rounded to three significant figures, as text."""
    return f"{float(x):.3g}"


def oyster():
    doc = yaml.safe_load((FIXTURES / "oyster-reef.yaml").read_text(encoding="utf-8"))
    names = doc["nodes"]
    F = np.zeros((len(names), len(names)))
    for src, row in doc["flows"].items():
        for dst, v in row.items():
            F[names.index(src), names.index(dst)] = v
    return doc, F, np.array(doc["inputs"]), np.array(doc["exports"]), np.array(doc["respiration"])


# -- the published model -----------------------------------------------------

def test_oyster_model_is_the_published_one():
    doc, F, z, e, r = oyster()
    assert F.shape == (6, 6) and np.count_nonzero(F) == 12
    # steady state: every compartment's inflow + input equals outflow + output (to the 4 decimals printed)
    assert np.allclose(F.sum(axis=0) + z, F.sum(axis=1) + e + r, atol=2e-3)


@pytest.mark.parametrize("key", ["Boundary", "TST", "TSTp", "APL", "FCI", "BFI", "DFI", "IFI", "ID.F", "ID.F.I",
                                 "ID.F.O", "HMG.I", "HMG.O", "AMP.I", "AMP.O"])
def test_oyster_flow_statistics_match_enaR_to_three_significant_figures(key):
    doc, F, z, e, r = oyster()
    got = flow_analysis(F, z, e + r)[key]
    want = doc["expected"]["flow"][key]
    assert sig3(got) == sig3(want)
    assert got == pytest.approx(want, rel=1e-5)


@pytest.mark.parametrize("key", ["AMI", "ASC", "OH", "CAP", "ASC.CAP", "OH.CAP", "robustness"])
def test_oyster_ascendency_matches_enaR_to_three_significant_figures(key):
    doc, F, z, e, r = oyster()
    got = ascendency(F, z, e, r)[key]
    want = doc["expected"]["ascendency"][key]
    assert sig3(got) == sig3(want)
    assert got == pytest.approx(want, rel=1e-5)


@pytest.mark.parametrize("key", ["n", "L", "C", "LD", "ppr", "lam1A", "mlam1A", "rho", "d", "no.scc", "no.scc.big",
                                 "pscc"])
def test_oyster_structure_matches_enaR_to_three_significant_figures(key):
    doc, F, *_ = oyster()
    got = structure_statistics(F)[key]
    want = doc["expected"]["structure"][key]
    assert sig3(got) == sig3(want)
    assert got == pytest.approx(want, rel=1e-5)


def test_oyster_input_oriented_integral_matrix_row_matches_enaR():
    # F$NP row "Deposited Detritus" as printed in the vignette (row-to-column orientation)
    doc, F, z, e, r = oyster()
    NP = flow_analysis(F, z, e + r)["NP"].T
    assert NP[5] == pytest.approx([0.0, 1.3885039, 1.3885039, 1.3885039, 0.3485436, 1.3885039], abs=1e-6)


# -- hand-checked small networks ---------------------------------------------

def test_chain_by_hand():
    # a -> b -> c, 10 units enter at a and leave at c
    F = np.array([[0, 10, 0], [0, 0, 10], [0, 0, 0]], float)
    z, y = np.array([10.0, 0, 0]), np.array([0, 0, 10.0])
    fl = flow_analysis(F, z, y)
    assert fl["T"].tolist() == [10, 10, 10]
    assert fl["TST"] == 30 and fl["TSTp"] == 40 and fl["APL"] == 3
    assert fl["FCI"] == 0
    assert fl["ID.F"] == pytest.approx(1.0)  # 10 reach c indirectly, 10 reach b directly
    asc = ascendency(F, z, y, None)
    # four flows of 10 out of 40, each log2(10*40 / (10*10)) = 2 bits
    assert asc["AMI"] == pytest.approx(2.0)
    assert asc["CAP"] == pytest.approx(80.0) and asc["ASC"] == pytest.approx(80.0)
    assert asc["OH"] == pytest.approx(0.0, abs=1e-12)
    assert asc["robustness"] == pytest.approx(0.0, abs=1e-12)
    st = structure_statistics(F)
    assert (st["n"], st["L"], st["no.scc"], st["no.scc.big"]) == (3, 2, 3, 0)
    assert st["C"] == pytest.approx(2 / 9) and st["C.dir"] == pytest.approx(1 / 3) and st["LD"] == pytest.approx(2 / 3)
    assert st["lam1A"] == 0 and st["ppr"] == 0
    ns = node_statistics(F)
    assert ns["betweenness"].tolist() == pytest.approx([0, 0.5, 0])  # b lies on a -> c, 1 of 2 ordered pairs
    assert ns["flow_cut"].tolist() == [10, 20, 10]


def test_cycle_by_hand():
    # a -> b -> c -> a; 1 unit enters at a, 1 leaves at c, 9 go round again
    F = np.array([[0, 10, 0], [0, 0, 10], [9, 0, 0]], float)
    z, y = np.array([1.0, 0, 0]), np.array([0, 0, 1.0])
    fl = flow_analysis(F, z, y)
    assert fl["T"].tolist() == [10, 10, 10]
    # the cycle returns 0.9 of what leaves a node: N_ii = 1/(1-0.9) = 10, FCI = sum 0.9 T_i / TST = 0.9
    assert np.diag(fl["N"]) == pytest.approx([10, 10, 10])
    assert fl["FCI"] == pytest.approx(0.9)
    assert fl["APL"] == pytest.approx(30.0)
    asc = ascendency(F, z, None, y)
    flows = {"ab": (10, 10, 10), "bc": (10, 10, 10), "ca": (9, 10, 10), "c-out": (1, 10, 1), "in-a": (1, 1, 10)}
    total = 31
    ami = sum(f / total * math.log2(f * total / (row * col)) for f, row, col in flows.values())
    cap = -sum(f * math.log2(f / total) for f, _, _ in flows.values())
    assert asc["AMI"] == pytest.approx(ami) and asc["CAP"] == pytest.approx(cap)
    assert asc["ASC"] + asc["OH"] == pytest.approx(asc["CAP"])
    a = ami * total / cap
    assert asc["robustness"] == pytest.approx(-a * math.log(a))
    st = structure_statistics(F)
    assert st["lam1A"] == pytest.approx(1.0) and st["ppr"] == pytest.approx(1.0)
    assert (st["no.scc"], st["no.scc.big"], st["pscc"]) == (1, 1, 1.0)
    assert st["mlam1A"] == 3  # the three cube roots of 1 all have modulus 1


def test_star_by_hand():
    # two leaves send to a hub, which sends on to two other leaves
    F = np.zeros((5, 5))
    F[1, 0], F[2, 0], F[0, 3], F[0, 4] = 1, 2, 1.5, 1.5
    z = np.array([0, 1, 2, 0, 0.0])
    y = np.array([0, 0, 0, 1.5, 1.5])
    fl = flow_analysis(F, z, y)
    assert fl["TST"] == pytest.approx(9.0)  # leaves 1 + 2, hub 3, sinks 1.5 + 1.5
    assert fl["APL"] == pytest.approx(3.0)
    assert fl["FCI"] == 0
    st = structure_statistics(F)
    assert (st["n"], st["L"]) == (5, 4) and st["C.dir"] == pytest.approx(4 / 20) and st["lam1A"] == 0
    ns = node_statistics(F)
    assert ns["degree_centrality"][0] == pytest.approx(1.0)
    assert ns["betweenness"][0] == pytest.approx(4 / 12)  # 4 of the 12 ordered pairs of other nodes pass the hub
    assert ns["betweenness"][1:].tolist() == [0, 0, 0, 0]
    assert ns["share_cut"][0] == pytest.approx(1.0)  # every flow touches the hub: the anchor tenant


def test_modularity_of_two_separate_pairs_is_one_half():
    F = np.zeros((4, 4))
    F[0, 1] = F[1, 0] = F[2, 3] = F[3, 2] = 1.0
    q, groups = modularity(F)
    assert q == pytest.approx(0.5)
    assert groups == [[0, 1], [2, 3]]


def test_zero_denominators_give_nan_not_an_error():
    F = np.array([[0, 1.0], [1.0, 0]])
    fl = flow_analysis(F, [0, 0], [0, 0])  # a closed loop with no input
    assert math.isnan(fl["APL"]) and math.isnan(fl["ID.F"])
    empty = ascendency(np.zeros((2, 2)))
    assert math.isnan(empty["robustness"])


def test_bad_shapes_are_refused():
    with pytest.raises(ValueError, match="square"):
        flow_analysis(np.zeros((2, 3)), [0, 0])
    with pytest.raises(ValueError, match="3 entries"):
        flow_analysis(np.zeros((3, 3)), [0, 0])
    with pytest.raises(ValueError, match="non-negative"):
        flow_analysis(np.array([[0, -1.0], [0, 0]]), [1, 0])


# -- invariance -----------------------------------------------------------------

def test_every_statistic_is_invariant_under_relabelling():
    rng = np.random.default_rng(7)
    n = 9
    F = rng.uniform(1, 10, (n, n)) * (rng.random((n, n)) < 0.35)
    np.fill_diagonal(F, 0)
    z = rng.uniform(0, 5, n)
    y = F.sum(axis=0) + z - F.sum(axis=1)
    z = z + np.maximum(-y, 0)
    y = np.maximum(y, 0)
    perm = rng.permutation(n)
    Fp, zp, yp = F[np.ix_(perm, perm)], z[perm], y[perm]
    for fn, args, argsp in ((flow_analysis, (F, z, y), (Fp, zp, yp)),
                            (ascendency, (F, z, None, y), (Fp, zp, None, yp)),
                            (structure_statistics, (F,), (Fp,))):
        a, b = fn(*args), fn(*argsp)
        for key, v in a.items():
            if np.isscalar(v):
                assert b[key] == pytest.approx(v, rel=1e-9, nan_ok=True), key
    assert modularity(Fp)[0] == pytest.approx(modularity(F)[0])
    ns, nsp = node_statistics(F), node_statistics(Fp)
    for key in ns:
        assert nsp[key] == pytest.approx(ns[key][perm]), key
