"""Savings on the three bottom lines, measured against the counterfactual.

The counterfactual is the network without symbiosis: every residual
disposed of, every need bought virgin. A saving is counterfactual minus
answer, so a positive number is good.

:func:`savings` gives the network totals of :data:`INDICATORS`;
:func:`actor_savings` splits economy and environment per actor (who gains,
who pays) and :func:`stream_values` per stream, with a fair transfer price.
:func:`score` gathers everything a planner reads: the three lines, the
social detail, the rule findings and the company view. See docs/scores.md.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from symbiosis.compile import _MASS_CATEGORIES, COSTS, Result, _transport
from symbiosis.model import Network

if TYPE_CHECKING:
    from symbiosis.social import SROI


@dataclass(frozen=True)
class Indicator:
    """One indicator: its key, line (economy, environment, social), unit and meaning.

    ``additive``: whether it may be added to other indicators of the same unit
    in a lens total (the two tonnages, and shares, may not).
    """

    key: str
    line: str
    label: str
    unit: str
    meaning: str
    additive: bool = True


INDICATORS: tuple[Indicator, ...] = (
    Indicator("cost_saved", "economy", "Cost saved", "DKK/yr",
              "virgin purchases, disposal and taxes avoided, minus transport and process operating cost"),
    Indicator("co2e_avoided", "environment", "CO2e avoided", "t CO2e/yr",
              "emissions of virgin supply and disposal avoided, minus transport and process emissions"),
    Indicator("groundwater_saved", "environment", "Groundwater saved", "m3/yr",
              "groundwater not drawn because surface or reused water replaced it"),
    Indicator("virgin_material_avoided", "environment", "Virgin material avoided", "t/yr",
              "tonnes of virgin material and nutrient not bought", additive=False),
    Indicator("diverted_from_disposal", "environment", "Diverted from disposal", "t/yr",
              "tonnes of residual material reused instead of disposed of", additive=False),
    Indicator("supported_persons", "social", "Supported jobs", "persons",
              "people employed under a supporting scheme on the social-economy service links"),
    Indicator("supported_fte", "social", "Supported jobs", "FTE",
              "the same in full-time equivalents, recorded or from hours"),
    Indicator("supported_hours", "social", "Supported hours", "h/yr",
              "hours worked per year by people in a supporting scheme"),
    Indicator("public_value", "social", "Public-economy value", "DKK/yr",
              "benefits no longer paid minus subsidies paid, for the supported jobs (gross, kommune)"),
    Indicator("framework_coverage", "social", "Framework agreement coverage", "share",
              "share of members buying from at least one social-economy enterprise", additive=False),
)
INDICATOR = {i.key: i for i in INDICATORS}
_TOTAL = {"cost_saved": "cost", "co2e_avoided": "co2e", "groundwater_saved": "groundwater",
          "virgin_material_avoided": "virgin_material", "diverted_from_disposal": "disposed"}


def savings(result: Result, counterfactual: Result, network: Network) -> dict[str, float]:
    """Each indicator of :data:`INDICATORS` for ``result`` against ``counterfactual``.

    ``framework_coverage`` is None for a network without members (a share of nothing).
    """
    out = {key: counterfactual.totals[total] - result.totals[total] for key, total in _TOTAL.items()}
    out.update(social_totals(network))
    if out["framework_coverage"] != out["framework_coverage"]:  # NaN: keep JSON output valid
        out["framework_coverage"] = None
    return out


def social_totals(network: Network, year: int | None = None) -> dict[str, float]:
    """The social indicators on service links running in ``year`` (see :func:`symbiosis.social.social_totals`)."""
    from symbiosis.social import social_totals as _social

    return _social(network, year)


# -- per actor ------------------------------------------------------------------
def actor_costs(result: Result, network: Network, transport_payer: str = "supplier") -> pd.DataFrame:
    """Each actor's share of the named costs of one answer (one row per actor, columns :data:`COSTS`).

    Virgin purchases and disposal fall on the actor buying or disposing;
    process operating cost and emissions on the process's actor; a stream's
    transport on its ``supplier`` or ``receiver`` (``transport_payer``).
    The columns sum to ``result.totals``.
    """
    if transport_payer not in ("supplier", "receiver"):
        raise ValueError("transport_payer must be 'supplier' or 'receiver'")
    res = network.resource
    mass = lambda r: res[r].category in _MASS_CATEGORIES and res[r].unit == "t"  # noqa: E731
    parts = []
    v = result.virgin
    if len(v):
        parts.append(pd.DataFrame({
            "actor": v.actor, "cost": v.cost_dkk, "co2e": v.co2e_t,
            "groundwater": v.quantity * [network.factor_value("groundwater", r, default=0.0) for r in v.resource],
            "virgin_material": v.quantity * [float(mass(r)) for r in v.resource], "disposed": 0.0}))
    d = result.disposal
    if len(d):
        parts.append(pd.DataFrame({
            "actor": d.actor, "cost": d.cost_dkk, "co2e": d.co2e_t, "groundwater": 0.0, "virgin_material": 0.0,
            "disposed": d.quantity * [float(mass(r)) for r in d.resource]}))
    s = result.streams
    if len(s):
        by_id = {x.id: x for x in network.streams}
        co2 = np.array([_transport(network, by_id[i], "transport_co2e") for i in s.stream])
        parts.append(pd.DataFrame({
            "actor": s[transport_payer], "cost": s.transport_cost_dkk, "co2e": s.flow.values * co2,
            "groundwater": 0.0, "virgin_material": 0.0, "disposed": 0.0}))
    p = result.processes
    if len(p):
        by_id = {x.id: x for x in network.processes}
        parts.append(pd.DataFrame({
            "actor": p.actor, "cost": p.activity * [by_id[i].operating_cost for i in p.process],
            "co2e": p.activity * [by_id[i].co2e for i in p.process],
            "groundwater": 0.0, "virgin_material": 0.0, "disposed": 0.0}))
    actors = [a.id for a in network.actors]
    if not parts:
        return pd.DataFrame(0.0, index=pd.Index(actors, name="actor"), columns=list(COSTS))
    table = pd.concat(parts, ignore_index=True).groupby("actor")[list(COSTS)].sum()
    return table.reindex(pd.Index(actors, name="actor"), fill_value=0.0)


def actor_savings(result: Result, counterfactual: Result, network: Network,
                  transport_payer: str = "supplier") -> pd.DataFrame:
    """Per actor, each environmental and economic indicator against the counterfactual.

    One row per actor: ``cost_saved`` (DKK/yr; negative = the actor pays more
    than without symbiosis), ``co2e_avoided``, ``groundwater_saved``,
    ``virgin_material_avoided``, ``diverted_from_disposal``. Each column sums to
    the network total of :func:`savings`.
    """
    gain = actor_costs(counterfactual, network, transport_payer) - actor_costs(result, network, transport_payer)
    gain = gain.rename(columns={v: k for k, v in _TOTAL.items()})[list(_TOTAL)]
    names = {a.id: a for a in network.actors}
    gain.insert(0, "name", [names[a].name for a in gain.index])
    gain.insert(1, "member", [names[a].member for a in gain.index])
    return gain.reset_index()


# -- per stream -----------------------------------------------------------------------
def stream_values(result: Result, network: Network) -> pd.DataFrame:
    """Per stream, what its flow is worth against buying virgin and disposing (per year).

    ``value_dkk`` = delivered x virgin price of the replaced input + sent x
    disposal cost of the residual - transport; ``co2e_avoided``,
    ``groundwater_saved``, ``virgin_material_avoided`` (t, where the replaced
    input is a mass in t) and ``diverted_from_disposal`` likewise.
    ``fair_price`` (DKK per unit sent) splits ``value_dkk`` equally between
    supplier (who pays transport and saves disposal) and receiver (who saves
    the virgin purchase): ``(gain x virgin_price - disposal_cost + transport) / 2``.

    These values attribute savings by factor prices; with processes in
    between (a biogas plant) they need not add up to the network total.
    """
    fv = network.factor_value
    res = network.resource
    by_id = {x.id: x for x in network.streams}
    s = result.streams
    rows = []
    for r in s.itertuples():
        st = by_id[r.stream]
        price = fv("virgin_price", r.replaces, default=0.0)
        disposal = fv("disposal_cost", r.resource, default=0.0)
        transport = _transport(network, st, "transport_cost")
        t_co2 = _transport(network, st, "transport_co2e")
        mass_in = res[r.replaces].category in _MASS_CATEGORIES and res[r.replaces].unit == "t"
        mass_out = res[r.resource].category in _MASS_CATEGORIES and res[r.resource].unit == "t"
        rows.append({
            "stream": r.stream, "supplier": r.supplier, "receiver": r.receiver, "resource": r.resource,
            "unit": r.unit, "flow": r.flow, "delivered": r.delivered,
            "value_dkk": r.delivered * price + r.flow * (disposal - transport),
            "co2e_avoided": r.delivered * fv("virgin_co2e", r.replaces, default=0.0)
            + r.flow * (fv("disposal_co2e", r.resource, default=0.0) - t_co2),
            "groundwater_saved": r.delivered * fv("groundwater", r.replaces, default=0.0),
            "virgin_material_avoided": r.delivered if mass_in else 0.0,
            "diverted_from_disposal": r.flow if mass_out else 0.0,
            "fair_price": (st.gain * price - disposal + transport) / 2,
        })
    cols = ["stream", "supplier", "receiver", "resource", "unit", "flow", "delivered", "value_dkk", "co2e_avoided",
            "groundwater_saved", "virgin_material_avoided", "diverted_from_disposal", "fair_price"]
    return pd.DataFrame(rows, columns=cols)


# -- the whole score ---------------------------------------------------------------------
COMPANY_VIEW_EMPLOYEES = 250  # CSRD wave 2: large undertakings with more than 250 employees


def company_view(network: Network, per_actor: pd.DataFrame, supported: pd.DataFrame,
                 threshold: float = COMPANY_VIEW_EMPLOYEES) -> tuple[pd.DataFrame, list[str]]:
    """Per member with more than ``threshold`` employees, its sustainability-report figures.

    Columns: actor, name, employees, supported_persons and supported_fte (on
    service links it buys; ESRS S1 covers own workforce only, so these belong
    under the value chain), co2e_avoided (t/yr), groundwater_saved (m3/yr),
    cost_saved (DKK/yr). Also returns the members left out for lack of an
    employee count.
    """
    by_actor = per_actor.set_index("actor")
    jobs = supported.groupby("client")[["persons", "fte"]].sum(min_count=1)
    rows, unknown = [], []
    for a in network.members:
        if a.employees is None:
            unknown.append(a.id)
            continue
        if a.employees.value <= threshold:
            continue
        rows.append({"actor": a.id, "name": a.name, "employees": a.employees.value,
                     "supported_persons": float(jobs.persons.get(a.id, 0.0)),
                     "supported_fte": float(jobs.fte.get(a.id, 0.0)),
                     "co2e_avoided": float(by_actor.co2e_avoided.get(a.id, 0.0)),
                     "groundwater_saved": float(by_actor.groundwater_saved.get(a.id, 0.0)),
                     "cost_saved": float(by_actor.cost_saved.get(a.id, 0.0))})
    cols = ["actor", "name", "employees", "supported_persons", "supported_fte", "co2e_avoided",
            "groundwater_saved", "cost_saved"]
    return pd.DataFrame(rows, columns=cols), unknown


@dataclass(frozen=True, eq=False)
class TripleBottomLine:
    """Everything ``symbiosis score`` reports for one answer (``mode``) of a network.

    ``indicators``: :data:`INDICATORS` values; ``per_actor`` and ``per_stream``
    tables; ``supported`` (per link and scheme), ``public_value`` (per link and
    scheme, DKK/yr), ``sroi``; ``findings`` of the Danish rule checks;
    ``company`` view and ``factors`` (the social factor rows used).
    """

    network: Network
    mode: str
    indicators: dict[str, float]
    per_actor: pd.DataFrame
    per_stream: pd.DataFrame
    supported: pd.DataFrame
    public_value: pd.DataFrame
    sroi: SROI
    coverage: dict
    findings: list
    company: pd.DataFrame
    company_unknown: list[str]
    factors: dict = field(default_factory=dict)


def score(evaluation, mode: str = "observed", factor_overrides: dict[str, float] | None = None,
          transport_payer: str = "supplier") -> TripleBottomLine:
    """The triple bottom line of ``evaluation``'s ``mode`` answer (``observed`` or ``optimised``).

    ``factor_overrides`` replace social factors by kind (``{"discount_rate": 0.04}``).
    """
    from symbiosis import rules, social

    net = evaluation.network
    result = evaluation.result(mode)
    factors = social.social_factors(net, factor_overrides)
    per_actor = actor_savings(result, evaluation.counterfactual, net, transport_payer)
    supported = social.supported_table(net, factors=factors)
    values = social.public_value_table(net, factors=factors)
    cov = social.coverage(net)
    indicators = {key: evaluation.counterfactual.totals[t] - result.totals[t] for key, t in _TOTAL.items()}
    indicators.update({"supported_persons": float(supported.persons.sum()),
                       "supported_fte": float(supported.fte.sum()),
                       "supported_hours": float(supported.hours.sum()),
                       "public_value": float(values.net.sum()),
                       "framework_coverage": cov["share"]})
    company, unknown = company_view(net, per_actor, supported)
    return TripleBottomLine(
        network=net, mode=mode, indicators=indicators, per_actor=per_actor,
        per_stream=stream_values(result, net), supported=supported, public_value=values,
        sroi=social.network_sroi(net, factors=factors, values=values), coverage=cov,
        findings=rules.check_all(net, factors=factors), company=company, company_unknown=unknown,
        factors=factors)
