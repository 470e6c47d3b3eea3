"""Savings on the three bottom lines, measured against the counterfactual.

The counterfactual is the network without symbiosis: every residual takes
its real route, every need its next-best source (docs/accounting.md). A saving is counterfactual minus
answer, so a positive number is good.

:func:`indicators` gives the network totals of :data:`~symbiosis.accounting.indicators.INDICATORS`
from two answers' totals; :func:`savings` the same from two results;
:func:`actor_savings` splits economy and environment per actor (who gains,
who pays) and :func:`stream_values` values each stream, with a fair
transfer price. See docs/scores.md.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from symbiosis.accounting.indicators import FLOW_INDICATORS
from symbiosis.accounting.ledger import actor_costs
from symbiosis.model import Factor, Network
from symbiosis.results import Result

__all__ = ["actor_savings", "indicators", "savings", "stream_values"]


def indicators(totals: Mapping[str, float], counterfactual: Mapping[str, float], network: Network,
               factors: dict[str, Factor] | None = None, social: Mapping[str, float] | None = None
               ) -> dict[str, float | None]:
    """Each indicator for an answer's named-cost ``totals`` against the ``counterfactual``'s.

    The social indicators come from the network's service links (with the
    social ``factors``, default: the bundled table and the network's rows),
    or are given as ``social`` (:func:`symbiosis.social.social_totals`, when a
    sweep has them already). The shares (``framework_coverage``,
    ``agreement_coverage``, ``supported_share``) are None where they are a
    share of nothing (no members; no member with an employee count), and
    ``public_value`` where no supported job could be valued (unknown, not 0).
    """
    from symbiosis.social import social_totals

    out: dict[str, float | None] = {key: counterfactual[name] - totals[name] for key, name in FLOW_INDICATORS.items()}
    out.update(social_totals(network, factors=factors) if social is None else social)
    for key in ("framework_coverage", "agreement_coverage", "supported_share", "public_value", "supported_persons",
                "supported_fte", "supported_hours"):
        if out[key] != out[key]:  # NaN (a share of nothing; a value of nothing valued): keep JSON output valid
            out[key] = None
    return out


def savings(result: Result, counterfactual: Result, network: Network,
            factors: dict[str, Factor] | None = None) -> dict[str, float | None]:
    """Each indicator of ``result`` against ``counterfactual`` (see :func:`indicators`), then the materials
    by material and the nutrients by element (``virgin_avoided:<material>:<basis>``, ``diverted:...``,
    ``nutrient_avoided:<element>``; :mod:`symbiosis.accounting.materials`)."""
    from symbiosis.accounting.materials import material_values

    out = indicators(result.totals, counterfactual.totals, network, factors)
    out.update(material_values(result, counterfactual, network))
    return out


def actor_savings(result: Result, counterfactual: Result, network: Network,
                  transport_payer: str = "supplier") -> pd.DataFrame:
    """Per actor, each environmental and economic indicator against the counterfactual.

    One row per actor: ``cost_saved`` (DKK/yr; negative = the actor pays more
    than without symbiosis), ``co2e_avoided``, ``groundwater_saved``. Each
    column sums to the network total of :func:`savings`.
    """
    gain = actor_costs(counterfactual, network, transport_payer) - actor_costs(result, network, transport_payer)
    gain = gain.rename(columns={v: k for k, v in FLOW_INDICATORS.items()})[list(FLOW_INDICATORS)]
    names = {a.id: a for a in network.actors}
    gain.insert(0, "name", [names[a].name for a in gain.index])
    gain.insert(1, "member", [names[a].member for a in gain.index])
    return gain.reset_index()


def stream_values(result: Result, network: Network) -> pd.DataFrame:
    """Per stream, what its flow is worth against buying virgin and disposing (per year).

    ``value_dkk`` = delivered x virgin price of the replaced input + sent x
    disposal cost of the residual - transport; ``co2e_avoided``,
    ``groundwater_saved``, ``virgin_material_avoided`` (t, where the replaced
    input is material mass) and ``diverted_from_disposal`` likewise.
    ``fair_price`` (DKK per unit sent) splits ``value_dkk`` equally between
    supplier (who pays transport and saves disposal) and receiver (who saves
    the virgin purchase): ``(gain x virgin_price - disposal_cost + transport) / 2``.

    Transport per unit is the engine's (the answer's ledger); prices and
    factors are the factor table's. These values attribute savings by factor
    prices; with processes in between (a biogas plant) they need not add up to
    the network total.
    """
    fv = network.factor_value
    res = network.resource
    by_id = {x.id: x for x in network.streams}
    s = result.streams
    var = result.variables
    on_stream = (var.kind == "stream").to_numpy()
    transport = dict(zip(var.ref[on_stream], result.unit_costs["cost"][on_stream], strict=True))
    t_co2e = dict(zip(var.ref[on_stream], result.unit_costs["co2e"][on_stream], strict=True))
    rows = []
    for r in s.itertuples():
        st = by_id[r.stream]
        price = fv("virgin_price", r.replaces, default=0.0)
        disposal = fv("disposal_cost", r.resource, default=0.0)
        mass_in = res[r.replaces].tonnes_per_unit or 0.0
        mass_out = res[r.resource].tonnes_per_unit or 0.0
        rows.append({
            "stream": r.stream, "supplier": r.supplier, "receiver": r.receiver, "resource": r.resource,
            "unit": r.unit, "flow": r.flow, "delivered": r.delivered,
            "value_dkk": r.delivered * price + r.flow * (disposal - transport[r.stream]),
            "co2e_avoided": r.delivered * fv("virgin_co2e", r.replaces, default=0.0)
            + r.flow * (fv("disposal_co2e", r.resource, default=0.0) - t_co2e[r.stream]),
            "groundwater_saved": r.delivered * fv("groundwater", r.replaces, default=0.0),
            "virgin_material_avoided": r.delivered * mass_in,
            "diverted_from_disposal": r.flow * mass_out,
            "fair_price": (st.gain * price - disposal + transport[r.stream]) / 2,
        })
    cols = ["stream", "supplier", "receiver", "resource", "unit", "flow", "delivered", "value_dkk", "co2e_avoided",
            "groundwater_saved", "virgin_material_avoided", "diverted_from_disposal", "fair_price"]
    return pd.DataFrame(rows, columns=cols)
