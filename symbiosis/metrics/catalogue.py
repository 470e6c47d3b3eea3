"""The catalogue of network metrics: key, label, unit and one-line meaning of each."""

from __future__ import annotations

from dataclasses import dataclass

from symbiosis.model.units import ENERGY_UNITS

__all__ = ["COMMON_SCOPES", "ENERGY_UNITS", "METRIC", "METRICS", "Metric"]

COMMON_SCOPES = ("mass", "energy")


@dataclass(frozen=True)
class Metric:
    """One whole-network metric: key, label, unit ('{u}' = the scope's flow unit) and meaning.

    Parameters
    ----------
    key : str
        Its key in the metric table.
    label : str
        Its name in words.
    unit : str
        Its unit (``{u}``: the scope's flow unit).
    meaning : str
        What it measures, in a sentence.
    kind : str
        ``structure`` (read from the links) or ``flow`` (needs flows).
    """

    key: str
    label: str
    unit: str
    meaning: str
    kind: str  # structure | flow


METRICS: tuple[Metric, ...] = (
    Metric("n", "Actors N", "", "actors taking part in at least one running stream", "structure"),
    Metric("L", "Links L", "", "supplier -> receiver pairs joined by at least one running stream", "structure"),
    Metric("C", "Connectance L/N^2", "", "share of all ordered pairs (self-pairs included) that are linked "
           "(enaR's C)", "structure"),
    Metric("C.dir", "Connectance L/(N(N-1))", "", "share of the possible links between distinct actors",
           "structure"),
    Metric("LD", "Link density L/N", "", "links per actor", "structure"),
    Metric("lam1A", "Cyclicity lambda1(A)", "", "spectral radius of the adjacency matrix: 0 = no cycles, "
           "1 = simple cycles, >1 = interlocking cycles", "structure"),
    Metric("ppr", "Pathway proliferation", "", "factor by which the number of pathways grows per extra step "
           "(sum A^200 / sum A^199)", "structure"),
    Metric("no.scc", "Strong components", "", "groups in which every actor can reach every other", "structure"),
    Metric("no.scc.big", "Cycling groups", "", "strong components with more than one actor", "structure"),
    Metric("pscc", "Share in cycling groups", "", "share of actors inside a strong component of 2+ actors",
           "structure"),
    Metric("modularity", "Modularity Q", "", "how far the network splits into separate clusters (Newman's Q "
           "of the greedy partition, flow-weighted; 0 = one cluster)", "structure"),
    Metric("Boundary", "Boundary input", "{u}", "flow entering from outside: residuals supplied and virgin "
           "purchases", "flow"),
    Metric("TST", "Total system throughflow", "{u}", "sum over actors of what passes through them", "flow"),
    Metric("TSTp", "Total system throughput", "{u}", "all flows: exchanges + inputs + outputs", "flow"),
    Metric("APL", "Average path length", "", "how many actors a unit entering passes through, on average "
           "(TST / boundary input)", "flow"),
    Metric("FCI", "Finn cycling index", "", "share of throughflow that comes back round a cycle", "flow"),
    Metric("ID.F", "Indirect/direct flow", "", "flow reaching actors over 2+ steps per unit over one step "
           "(realised)", "flow"),
    Metric("AMI", "Average mutual information", "bits", "how constrained (organised) the flow paths are",
           "flow"),
    Metric("ASC", "Ascendency", "{u} bits", "size x organisation of the flow network (TSTp x AMI)", "flow"),
    Metric("CAP", "Development capacity", "{u} bits", "upper bound of ascendency (TSTp x flow diversity)",
           "flow"),
    Metric("OH", "Overhead", "{u} bits", "capacity not organised: redundant, parallel paths (CAP - ASC)",
           "flow"),
    Metric("ASC.CAP", "Ascendency/capacity", "", "degree of order a = ASC/CAP (0 = redundant, 1 = one "
           "efficient chain)", "flow"),
    Metric("robustness", "Robustness", "", "-a ln a: balance of efficiency and redundancy, highest (0.368) "
           "at a = 1/e (Ulanowicz's window of vitality)", "flow"),
)
METRIC = {m.key: m for m in METRICS}
