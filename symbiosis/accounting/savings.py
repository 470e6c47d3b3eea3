"""Savings on the three bottom lines, measured against the counterfactual.

The counterfactual is the network without symbiosis: every residual takes
its real route, every need its next-best source (docs/accounting.md). A saving is counterfactual minus
answer, so a positive number is good.

:func:`indicators` gives the network totals of :data:`~symbiosis.accounting.indicators.INDICATORS`
from two answers' totals; :func:`savings` the same from two results;
:func:`actor_savings` splits economy and environment per actor (who gains,
who pays); :func:`symbiosis.accounting.streams.stream_values` values each stream from the same
ledger, with a fair transfer price. See docs/scores.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from symbiosis.accounting.indicators import FLOW_INDICATORS
from symbiosis.accounting.ledger import actor_costs
from symbiosis.accounting.materials import material_values
from symbiosis.accounting.payments import transfers, unpriced
from symbiosis.model import Factor, Network
from symbiosis.model.packs import values_public_economy
from symbiosis.results import Result
from symbiosis.social import social_totals

__all__ = ["actor_savings", "indicators", "savings"]

#: A named-cost total: one number, or one per draw (:mod:`symbiosis.simulate.batch` scores many at once).
_Total = TypeVar("_Total", float, NDArray[np.float64])


def indicators(totals: Mapping[str, _Total], counterfactual: Mapping[str, _Total], network: Network,
               factors: dict[str, Factor] | None = None, social: Mapping[str, float] | None = None
               ) -> dict[str, _Total | float | None]:
    """Each indicator for an answer's named-cost ``totals`` against the ``counterfactual``'s.

    The social indicators come from the network's service links (with the
    social ``factors``, default: the bundled table and the network's rows),
    or are given as ``social`` (:func:`symbiosis.social.social_totals`, when a
    sweep has them already). The shares (``framework_coverage``,
    ``agreement_coverage``, ``supported_share``) are None where they are a
    share of nothing (no members; no member with an employee count), and
    ``public_value`` where no supported job could be valued (unknown, not 0), and where no
    jurisdiction pack of the network values jobs for the public purse (:mod:`symbiosis.packs`).

    Parameters
    ----------
    totals : mapping of str to float or numpy.ndarray
        The answer's named-cost totals (DKK/yr, t/yr, m3/yr): numbers, or arrays of one per draw.
    counterfactual : mapping of str to float or numpy.ndarray
        The counterfactual's named-cost totals, of the same kind.
    network : Network
        The network.
    factors : dict of str to Factor, optional
        The social factor table by key (default: the network's own).
    social : mapping of str to float, optional
        The social indicators, if already known.

    Returns
    -------
    dict of str to float, numpy.ndarray or None
        Each indicator's value by key (None where it is a share of nothing or not known; the flow indicators
        are arrays where the totals are).
    """
    out: dict[str, _Total | float | None] = {key: counterfactual[name] - totals[name]
                                            for key, name in FLOW_INDICATORS.items()}
    out.update(social_totals(network, factors=factors) if social is None else social)
    for key in ("framework_coverage", "agreement_coverage", "supported_share", "public_value", "supported_persons",
                "supported_fte", "supported_hours"):
        if out[key] != out[key]:  # NaN (a share of nothing; a value of nothing valued): keep JSON output valid
            out[key] = None
    if not values_public_economy(network):
        out["public_value"] = None
    return out


def savings(result: Result, counterfactual: Result, network: Network,
            factors: dict[str, Factor] | None = None, materials: pd.DataFrame | None = None) -> dict[str, float | None]:
    """Each indicator of ``result`` against ``counterfactual`` (see :func:`indicators`), then the materials
    by material and the nutrients by element (``virgin_avoided:<material>:<basis>``, ``diverted:...``,
    ``nutrient_avoided:<element>``; :mod:`symbiosis.accounting.materials`).

    Parameters
    ----------
    result : Result
        One solved answer of the network.
    counterfactual : Result
        The counterfactual answer (no symbiosis streams) of the same network.
    network : Network
        The network.
    factors : dict of str to Factor, optional
        The social factor table by key (default: the network's own).
    materials : pandas.DataFrame, optional
        ``result``'s :func:`~symbiosis.accounting.materials.material_table`, when it is already computed.

    Returns
    -------
    dict of str to float or None
        Each indicator's value by key, then the material and nutrient values (None: not known).
    """
    out = indicators(result.totals, counterfactual.totals, network, factors)
    out.update(material_values(result, counterfactual, network, materials))
    return out


def actor_savings(result: Result, counterfactual: Result, network: Network,
                  transport_payer: str = "supplier") -> pd.DataFrame:
    """Per actor, each environmental and economic indicator against the counterfactual.

    One row per actor: ``cost_saved`` (DKK/yr; negative = the actor pays more
    than without symbiosis), ``co2e_avoided``, ``groundwater_saved``. Each
    column sums to the network total of :func:`savings`.

    ``cost_saved`` includes the recorded payments (:mod:`symbiosis.accounting.payments`): what the actor
    receives for its streams minus what it pays, against the counterfactual's; ``payments`` is that part
    alone (a transfer: the column sums to 0, so the network total is the same with and without them).
    ``unpriced`` lists the streams the actor takes part in with no recorded payment, where its
    ``cost_saved`` is the engine's saving without the money that changes hands.

    Parameters
    ----------
    result : Result
        One solved answer of the network.
    counterfactual : Result
        The counterfactual answer (no symbiosis streams) of the same network.
    network : Network
        The network.
    transport_payer : str
        Who pays a stream's transport: ``supplier`` or ``receiver``.

    Returns
    -------
    pandas.DataFrame
        One row per actor: ``cost_saved`` (DKK/yr), ``co2e_avoided`` (t/yr), ``groundwater_saved`` (m3/yr),
        ``payments`` (DKK/yr) and ``unpriced`` (stream ids), with the actor's name and whether it is a member.
    """
    gain = actor_costs(counterfactual, network, transport_payer) - actor_costs(result, network, transport_payer)
    gain = gain.rename(columns={v: k for k, v in FLOW_INDICATORS.items()})[list(FLOW_INDICATORS)]
    paid = transfers(result, network) - transfers(counterfactual, network)
    gain["cost_saved"] = gain["cost_saved"] + paid.reindex(gain.index)
    gain["payments"] = paid.reindex(gain.index)
    missing = unpriced(result, network)
    gain["unpriced"] = [", ".join(missing.get(a, ())) for a in gain.index]
    names = {a.id: a for a in network.actors}
    gain.insert(0, "name", [names[a].name for a in gain.index])
    gain.insert(1, "member", [names[a].member for a in gain.index])
    return gain.reset_index()
