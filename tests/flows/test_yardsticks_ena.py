"""Yardsticks: flows.ena and flows.structure against the values enaR publishes for its ecosystem models.

Beyond the oyster reef (tests/flows/test_ena.py), five small models of enaR's collection (Borrett &
Lau 2014, enaR: an R package for ecosystem network analysis, Methods in Ecology and Evolution 5,
1206-1213; data ``enaModels``), written here as literal matrices (row to column, in the model's flow
unit) with the publication each comes from (enaR's ``enaModelInfo`` keys in brackets):

* Marine Coprophagy (oyster) [haven66]: Haven & Morales-Alamo (1966), kcal m-2 yr-1, 4 compartments;
* Lake Findley and Mirror Lake [richey78]: Richey et al. (1978), gC m-2 yr-1, 4 and 5 compartments;
* Cone Springs [tilly68]: Tilly (1968), The structure and dynamics of Cone Spring, Ecological
  Monographs 38, 169-197, kcal m-2 yr-1, 5 compartments;
* English Channel [brylinsky72]: Brylinsky (1972), kcal m-2 yr-1, 6 compartments.

The published values are those enaR prints:

* the enaR vignette (vignettes/enaR-vignette.pdf in the repository SEELab/enaR, section on analysing
  many models): ``F.list[[1]]``, the flow analysis of Marine Coprophagy (its ``T``, ``G``, ``N``, ``NP``
  and every network statistic of ``$ns``); ``head(IDs)``, the realised indirect-to-direct flow ratio
  ``ID.F`` of Marine Coprophagy, Lake Findley, Mirror Lake and Cone Springs; ``ns[1:5, 1:5]``, the
  structure (``n``, ``L``, ``C``, ``LD``, ``ppr``) of the first three;
* enaR's README.md (the same repository, "Basic Usage"): ``enaAll(enaModels[[8]])$structure$ns``,
  the structure of the English Channel.

Printed to seven significant figures; compared here to that precision. Two deliberate differences,
both where enaR prints NaN or NA for an acyclic network: our ``ppr`` is 0 (the proliferation rate of
pathways that die out) where enaR prints NaN, and ``rho`` is NaN where enaR prints NA.
"""

from __future__ import annotations

import numpy as np
import pytest

from flows.ena import flow_analysis
from flows.structure import structure_statistics

# name: (flows row -> column, inputs z, outputs y = exports + respiration)
MODELS = {
    # SHRIMP, BENTHIC ORGANISMS, SHRIMP FECES & BACTERIA, BENTHIC FECES & BACTERIA
    "Marine Coprophagy (oyster)": (
        [[0.0, 0.0, 21.9, 0.0],
         [0.0, 0.0, 0.0, 79.6],
         [0.0, 15.3, 0.0, 0.0],
         [0.0, 52.9, 0.0, 0.0]],
        [124.1, 255.5, 0.0, 0.0], [102.2, 244.1, 6.6, 26.7]),
    # ZOOPLANKTON, BENTHOS, PARTICULATE ORGANIC CARBON, SEDIMENT
    "Lake Findley": (
        [[0.3, 0.0, 0.0, 0.1],
         [0.0, 0.0, 0.0, 9.4],
         [2.2, 0.0, 0.0, 5.7],
         [0.0, 11.7, 0.0, 0.0]],
        [0.0, 0.0, 16.3, 5.0], [2.1, 2.3, 8.4, 8.5]),
    # ZOOPLANKTON, BENTHOS, FISH, PARTICULATE ORGANIC CARBON, SEDIMENT
    "Mirror Lake": (
        [[5.2, 0.0, 0.5, 0.0, 0.4],
         [0.0, 0.0, 0.8, 0.0, 40.2],
         [0.0, 0.0, 0.0, 0.0, 0.3],
         [12.8, 0.0, 0.0, 0.0, 35.0],
         [0.0, 50.0, 0.0, 0.0, 0.0]],
        [0.1, 0.0, 0.0, 67.9, 4.7], [12.0, 9.0, 1.0, 20.1, 30.6]),
    # PLANTS, BACTERIA, DETRITUS FEEDERS, CARNIVORES, DETRITUS
    "Cone Springs": (
        [[0.0, 0.0, 0.0, 0.0, 8881.0],
         [0.0, 0.0, 75.0, 0.0, 1600.0],
         [0.0, 0.0, 0.0, 370.0, 200.0],
         [0.0, 0.0, 0.0, 0.0, 167.0],
         [0.0, 5205.0, 2309.0, 0.0, 0.0]],
        [11184.0, 0.0, 0.0, 0.0, 635.0], [2303.0, 3530.0, 1814.0, 203.0, 3969.0]),
    # PHYTOPLANKTON, ZOOPLANKTON, PELAGIC FISH, BENTHIC FAUNA, DEMERSAL FISH, BACTERIA
    "English Channel": (
        [[0.0, 422.0, 0.0, 400.0, 0.0, 0.0],
         [0.0, 0.0, 48.0, 160.0, 0.0, 94.0],
         [0.0, 0.0, 0.0, 0.0, 0.0, 3.0],
         [0.0, 0.0, 0.0, 0.0, 33.0, 22.0],
         [0.0, 0.0, 0.0, 0.0, 0.0, 2.0],
         [0.0, 0.0, 0.0, 0.0, 0.0, 0.0]],
        [1096.0, 0.0, 0.0, 0.0, 0.0, 0.0], [274.0, 120.0, 45.0, 505.0, 31.0, 121.0]),
}

# enaR vignette, F.list[[1]]$ns (Marine Coprophagy)
COPROPHAGY_NS = {"Boundary": 379.6, "TST": 549.3, "TSTp": 928.9, "APL": 1.44705, "FCI": 0.1199863,
                 "BFI": 0.6910614, "DFI": 0.1542493, "IFI": 0.1546893, "ID.F": 1.002852, "ID.F.I": 0.3603839,
                 "ID.F.O": 0.6126851, "HMG.I": 2.014161, "HMG.O": 1.891504, "AMP.I": 1, "AMP.O": 0}
# enaR vignette, F.list[[1]]: $T, and $G, $N, $NP as printed (row: the compartment flow comes from)
COPROPHAGY_T = [124.1, 323.7, 21.9, 79.6]
COPROPHAGY_G = [[0, 0.0, 0.1764706, 0.0],
                [0, 0.0, 0.0, 0.2459067],
                [0, 0.6986301, 0.0, 0.0],
                [0, 0.6645729, 0.0, 0.0]]
COPROPHAGY_N = [[1, 0.1473716, 0.1764706, 0.03623966],
                [0, 1.1953471, 0.0, 0.29394387],
                [0, 0.8351055, 1.0, 0.20535805],
                [0, 0.7943953, 0.0, 1.19534712]]
COPROPHAGY_NP = [[1, 0.05649926, 1, 0.05649926],
                 [0, 1.19534712, 0, 1.19534712],
                 [0, 0.05649926, 1, 0.05649926],
                 [0, 0.19534712, 0, 1.19534712]]
# enaR vignette, head(IDs): realised indirect-to-direct flow ratio
ID_F = {"Marine Coprophagy (oyster)": 1.002852, "Lake Findley": 1.723221, "Mirror Lake": 1.861121,
        "Cone Springs": 1.023016}
# enaR vignette, ns[1:5, 1:5]: n, L, C, LD, ppr
STRUCTURE = {"Marine Coprophagy (oyster)": (4, 4, 0.250, 1.0, 1.000000),
             "Lake Findley": (4, 6, 0.375, 1.5, 1.004975),
             "Mirror Lake": (5, 9, 0.360, 1.8, 1.324718)}
# enaR README, enaAll(enaModels[[8]])$structure$ns (English Channel): n L C LD ppr lam1A mlam1A rho R d
# no.scc no.scc.big pscc = 6 9 0.25 1.5 NaN 0 6 NA NA 1.5 6 0 0
ENGLISH_CHANNEL = {"n": 6, "L": 9, "C": 0.25, "LD": 1.5, "lam1A": 0.0, "mlam1A": 6, "d": 1.5, "no.scc": 6,
                   "no.scc.big": 0, "pscc": 0.0}


def analyse(name: str) -> dict:
    F, z, y = (np.array(v, dtype=float) for v in MODELS[name])
    return flow_analysis(F, z, y)


def close(got: float, printed: float) -> bool:
    """Equal to the seven significant figures enaR prints (exactly, for counts)."""
    return got == pytest.approx(printed, rel=5e-7, abs=5e-9)


def test_the_models_are_at_steady_state():
    for name, (F, z, y) in MODELS.items():
        F = np.array(F)
        assert np.allclose(F.sum(axis=0) + z, F.sum(axis=1) + y), name


@pytest.mark.parametrize("key", COPROPHAGY_NS)
def test_marine_coprophagy_network_statistics_match_enaR(key):
    assert close(analyse("Marine Coprophagy (oyster)")[key], COPROPHAGY_NS[key])


def test_marine_coprophagy_throughflow_and_matrices_match_enaR():
    fl = analyse("Marine Coprophagy (oyster)")
    assert fl["T"] == pytest.approx(COPROPHAGY_T, rel=1e-12)
    for ours, printed in (("G", COPROPHAGY_G), ("N", COPROPHAGY_N), ("NP", COPROPHAGY_NP)):
        assert fl[ours].T == pytest.approx(np.array(printed), rel=5e-7, abs=5e-9), ours


@pytest.mark.parametrize("name", ID_F)
def test_indirect_to_direct_flow_ratio_matches_enaR(name):
    assert close(analyse(name)["ID.F"], ID_F[name])


@pytest.mark.parametrize("name", STRUCTURE)
def test_structure_matches_enaR(name):
    s = structure_statistics(np.array(MODELS[name][0]))
    for key, printed in zip(("n", "L", "C", "LD", "ppr"), STRUCTURE[name], strict=True):
        assert close(s[key], printed), key


def test_english_channel_structure_matches_enaRs_readme():
    s = structure_statistics(np.array(MODELS["English Channel"][0]))
    for key, printed in ENGLISH_CHANNEL.items():
        assert close(s[key], printed), key
    # enaR prints ppr NaN and rho NA for this acyclic network: pathways die out, so ours is 0 and NaN
    assert s["ppr"] == 0.0 and np.isnan(s["rho"])
