"""The same indicators seen through two municipalities' eyes, and a composite index.

* Kalundborg: economy, environment, social (the triple bottom line of the
  'socialøkonomiske symbiose – Kalundborg-modellen').
* Kolding: value for people, for companies and for society ('Politik for
  socialøkonomi og socialt ansvar' 2024, 'Socialøkonomiens tre bundlinjer').

Each indicator of :data:`symbiosis.scores.INDICATORS` sits in exactly one
group of each lens; a group's totals are sums of its additive indicators per
unit, so a lens never shows a number its indicators do not add up to.

:func:`composite` builds an index only with an explicit normalisation
(``target``: value / a fixed, sourced target, the default of ``symbiosis
score``; or ``minmax`` over the compared answers, which only ranks them and is
said so in :data:`MINMAX_WARNING`) and explicit weights (equal unless given),
and returns every component beside it (Zhou, Tokos, Krajnc & Yang 2012, Clean Technol. Environ. Policy
14(5):789-803: indicators -> sub-indices -> composite, linear aggregation).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from symbiosis import parameters as P
from symbiosis.accounting.indicators import INDICATOR, INDICATORS
from symbiosis.errors import bad_parameter
from symbiosis.model.packs import network_packs

__all__ = ["KALUNDBORG", "KOLDING", "LENSES", "TBL", "Lens", "MINMAX_WARNING", "NORMALISATIONS", "check_composite",
           "composite", "lenses_of"]


@dataclass(frozen=True)
class Lens:
    """A named grouping of indicator keys: ``groups`` maps a group label to its keys."""

    name: str
    source: str
    groups: dict[str, tuple[str, ...]]

    def __post_init__(self) -> None:
        keys = [k for ks in self.groups.values() for k in ks]
        if sorted(keys) != sorted(i.key for i in INDICATORS):
            raise ValueError(f"lens {self.name} must hold every indicator exactly once")

    def group_of(self, key: str) -> str:
        return next(g for g, ks in self.groups.items() if key in ks)

    def table(self, values: dict[str, float]) -> pd.DataFrame:
        """One row per indicator: group, key, label, value, unit."""
        rows = [{"group": g, "key": k, "label": INDICATOR[k].label, "value": values[k], "unit": INDICATOR[k].unit}
                for g, ks in self.groups.items() for k in ks]
        return pd.DataFrame(rows)

    def totals(self, values: dict[str, float]) -> pd.DataFrame:
        """Per group and unit, the sum of its additive indicators (group, unit, total, n)."""
        rows = []
        for g, ks in self.groups.items():
            units: dict[str, list[str]] = {}
            for k in ks:
                if INDICATOR[k].additive:
                    units.setdefault(INDICATOR[k].unit, []).append(k)
            for unit, members in units.items():
                parts = [values[k] for k in members]
                total = float("nan") if any(v is None for v in parts) else float(sum(parts))  # unknown if any is
                rows.append({"group": g, "unit": unit, "total": total, "indicators": ", ".join(members)})
        return pd.DataFrame(rows, columns=["group", "unit", "total", "indicators"])


KALUNDBORG = Lens(
    "Kalundborg", "Socialøkonomisk symbiose - Kalundborg-modellen (socialøkonomikalundborg.dk)",
    {"economy": ("cost_saved",),
     "environment": ("co2e_avoided", "groundwater_saved"),
     "social": ("supported_persons", "supported_fte", "supported_hours", "public_value", "framework_coverage",
                "agreement_coverage", "supported_share")})
KOLDING = Lens(
    "Kolding", "Kolding Kommune, Politik for socialøkonomi og socialt ansvar 2024: værdi for mennesker, "
    "virksomheder og samfund",
    {"people": ("supported_persons", "supported_fte", "supported_hours", "supported_share"),
     "companies": ("cost_saved", "framework_coverage", "agreement_coverage"),
     "society": ("public_value", "co2e_avoided", "groundwater_saved")})
LENSES = {"kalundborg": KALUNDBORG, "kolding": KOLDING}
#: The lens of a network that switches on no jurisdiction pack (:mod:`symbiosis.packs`): the three lines, no
#: municipality's words.
TBL = Lens("Triple bottom line", "Elkington (1997), Cannibals with Forks: economy, environment and society",
           dict(KALUNDBORG.groups))


NORMALISATIONS = P.NORMALISE.choices or ()
#: Said beside an index normalised min-max over the compared answers.
MINMAX_WARNING = ("min-max over the compared answers (counterfactual, observed, optimised): the best of the three "
                  "scores 1 whatever its size, so this index only ranks the answers; it is not a measure against "
                  "a goal (the default, target, is)")


def check_composite(method: str, targets: dict[str, float] | None, weights: dict[str, float] | None,
                    group_weights: dict[str, float] | None, groups: set[str],
                    names: tuple[str, str, str, str] = ("method", "targets", "weights", "group_weights"),
                    require_targets: bool = True) -> None:
    """The options of :func:`composite`, checked; a mistake names the option by ``names``
    (normalisation, targets, indicator weights, group weights), as the caller calls them.
    ``require_targets`` False: the caller adds default targets of its own (the social index's)."""
    keys = {i.key for i in INDICATORS}
    if method not in NORMALISATIONS:
        raise bad_parameter(names[0], f"unknown normalisation '{method}'; valid: {', '.join(NORMALISATIONS)}")
    for name, given, valid, what in ((names[2], weights or {}, keys, "indicator"),
                                     (names[3], group_weights or {}, groups, "group"),
                                     (names[1], targets or {}, keys, "indicator")):
        bad = sorted(set(given) - valid)
        if bad:
            raise bad_parameter(name, f"unknown {what} {bad}; valid: {', '.join(sorted(valid))}")
        if any(v < 0 or not np.isfinite(v) for v in given.values()):
            raise bad_parameter(name, "weights and targets must be finite and not negative")
    if method == "target" and not targets and require_targets:
        raise bad_parameter(names[1], "the target normalisation needs targets, e.g. "
                            "co2e_avoided=500000,supported_fte=50")


def composite(values: dict[str, dict[str, float | None]], lens: Lens = KALUNDBORG, method: str = "minmax",
              targets: dict[str, float] | None = None, weights: dict[str, float] | None = None,
              group_weights: dict[str, float] | None = None, require_targets: bool = True
              ) -> tuple[pd.DataFrame, pd.DataFrame]:
    """A composite index for each compared answer, with every component.

    ``values`` maps an answer name (``counterfactual``, ``observed``,
    ``optimised``) to its indicators (higher is better for all of them).
    Normalisation, per indicator: ``minmax`` -> (x - min) / (max - min) over
    the answers (left out when all answers are equal); ``target`` -> min(1,
    max(0, x / target)) for indicators with a positive target in ``targets``
    (others left out). ``weights`` (per indicator, default 1) give each
    group's sub-index as the weighted mean of its normalised indicators;
    ``group_weights`` (default equal) give the index as the weighted mean of
    the sub-indices. Returns (components, index): components has one row
    per (answer, indicator) with value, normalised, weight, group; index one
    row per answer with each group's sub-index, the group weights and the index. ``require_targets``
    False: no target is no error (every group untargeted, the index not known).
    """
    check_composite(method, targets, weights, group_weights, set(lens.groups), require_targets=require_targets)
    weights = dict(weights or {})
    group_weights = dict(group_weights or {})
    answers = list(values)
    keys = [i.key for i in INDICATORS]
    x = pd.DataFrame({a: [np.nan if (v := values[a][k]) is None else float(v) for k in keys] for a in answers},
                     index=keys).T  # answers x keys; a share of nothing (None) is NaN
    if method == "minmax":
        lo, hi = x.min(), x.max()
        spread = hi - lo
        norm = (x - lo) / spread.where(spread > 1e-12)
    else:
        t = pd.Series({k: (targets or {}).get(k, np.nan) for k in keys})
        norm = (x / t.where(t > 0)).clip(0.0, 1.0)
    rows = []
    for a in answers:
        for k in keys:
            rows.append({"answer": a, "group": lens.group_of(k), "key": k, "value": x.at[a, k],
                         "normalised": norm.at[a, k], "weight": weights.get(k, 1.0)})
    comp = pd.DataFrame(rows)
    index_rows = []
    for a in answers:
        row: dict[str, float | str] = {"answer": a}
        subs, gws = [], []
        for g in lens.groups:
            part = comp[(comp.answer == a) & (comp.group == g) & comp.normalised.notna() & (comp.weight > 0)]
            sub = float(np.average(part.normalised, weights=part.weight)) if len(part) else np.nan
            row[g] = sub
            if not np.isnan(sub) and group_weights.get(g, 1.0) > 0:
                subs.append(sub)
                gws.append(group_weights.get(g, 1.0))
        row["index"] = float(np.average(subs, weights=gws)) if subs else np.nan
        index_rows.append(row)
    index = pd.DataFrame(index_rows)
    index.attrs.update(method=method, group_weights={g: group_weights.get(g, 1.0) for g in lens.groups},
                       lens=lens.name, warning=MINMAX_WARNING if method == "minmax" else "",
                       targets={k: v for k, v in (targets or {}).items()} if method == "target" else {},
                       untargeted=[g for g in lens.groups if np.isnan(_row_of(index, g))] if len(index) else [])
    return comp, index


def _row_of(index: pd.DataFrame, group: str) -> float:
    """A group's sub-index of the observed answer (else the first), NaN when it has no indicator with a target."""
    rows = index[index.answer == "observed"] if "observed" in set(index.answer) else index
    return float(rows[group].iloc[0])


def lenses_of(network) -> dict:
    """The lenses ``network`` is seen through: its packs' (Kalundborg and Kolding for ``denmark``),
    else the generic triple bottom line.

    Parameters
    ----------
    network : Network
        The network.

    Returns
    -------
    dict
        Lens name to :class:`~symbiosis.accounting.lenses.Lens`.
    """
    out: dict = {}
    for pack in network_packs(network):
        out.update(pack.lenses)
    return out or {"tbl": TBL}
