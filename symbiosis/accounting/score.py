"""Everything ``symbiosis score`` reports for one answer: the three lines, the social detail,
the Danish rule findings and the company view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import pandas as pd

from symbiosis import social
from symbiosis.accounting.investments import Investments, answer_investments
from symbiosis.accounting.savings import actor_savings, savings
from symbiosis.accounting.streams import stream_accounts
from symbiosis.model import Network
from symbiosis.model.packs import network_packs
from symbiosis.social.factors import year_notes
from symbiosis.social.index import social_index

if TYPE_CHECKING:
    from symbiosis.social import SROI

__all__ = ["COMPANY_VIEW_EMPLOYEES", "TripleBottomLine", "company_view", "score"]

COMPANY_VIEW_EMPLOYEES = 250  # CSRD wave 2: large undertakings with more than 250 employees


def company_view(network: Network, per_actor: pd.DataFrame, supported: pd.DataFrame,
                 threshold: float = COMPANY_VIEW_EMPLOYEES, jobs_known: bool = True) -> tuple[pd.DataFrame, list[str]]:
    """Per member with more than ``threshold`` employees, its sustainability-report figures.

    Columns: actor, name, employees, supported_persons and supported_fte (on
    service links it buys; ESRS S1 covers own workforce only, so these belong
    under the value chain), co2e_avoided (t/yr), groundwater_saved (m3/yr),
    cost_saved (DKK/yr, with the recorded payments: see
    :func:`~symbiosis.accounting.savings.actor_savings`), payments (the
    recorded payments' part of it) and unpriced (the member's streams with no
    recorded payment). Also returns the members left out for lack of an
    employee count. ``jobs_known`` False (the network records no service link and
    no job inside a member): the supported columns are NaN, not known, never 0.
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
                     "supported_persons": float(jobs.persons.get(a.id, 0.0)) if jobs_known else float("nan"),
                     "supported_fte": float(jobs.fte.get(a.id, 0.0)) if jobs_known else float("nan"),
                     "co2e_avoided": float(by_actor.co2e_avoided.get(a.id, 0.0)),
                     "groundwater_saved": float(by_actor.groundwater_saved.get(a.id, 0.0)),
                     "cost_saved": float(by_actor.cost_saved.get(a.id, 0.0)),
                     "payments": float(by_actor.payments.get(a.id, 0.0)) if "payments" in by_actor else 0.0,
                     "unpriced": str(by_actor.unpriced.get(a.id, "")) if "unpriced" in by_actor else ""})
    cols = ["actor", "name", "employees", "supported_persons", "supported_fte", "co2e_avoided",
            "groundwater_saved", "cost_saved", "payments", "unpriced"]
    return pd.DataFrame(rows, columns=cols), unknown


@dataclass(frozen=True, eq=False)
class TripleBottomLine:
    """Everything ``symbiosis score`` reports for one answer of a network.

    ``indicators``: :data:`~symbiosis.accounting.indicators.INDICATORS` values; ``per_actor`` and
    ``per_stream`` tables, ``stream_terms`` (what differs beside the streams, with its cause) and
    ``stream_remainder`` (per named cost, what streams and terms leave of the headline: solver noise;
    :mod:`symbiosis.accounting.streams`); ``supported`` (per link and scheme), ``public_value`` (per link and
    scheme, DKK/yr), ``sroi``; ``findings`` of the Danish rule checks;
    ``company`` view and ``factors`` (the social factor rows used); the social ``index``
    against its targets; the ``aims`` (Kalundborg's pejlemærker and Kolding's design principles,
    per member and for the network); ``agreements`` and ``supported_share`` behind the two
    indicators; ``year_notes``: rates whose row is not of the network's year; ``investments``: the declared
    capital costs with each stream's payback (:mod:`symbiosis.accounting.investments`; None where none);
    ``packs``: the jurisdiction packs the network switches on (:mod:`symbiosis.packs`), which alone bring
    the rule ``findings``, the ``aims``, the public economy (``public_value``, ``sroi``) and the ``index``.
    """

    network: Network
    answer: str
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
    index: dict = field(default_factory=dict)            # the social index against its targets
    aims: pd.DataFrame | None = None                     # pejlemærker and design principles, per member
    agreements: dict = field(default_factory=dict)       # each member's own agreement (yes/no/unknown)
    supported_share: dict = field(default_factory=dict)  # supported persons per member employee
    year_notes: list = field(default_factory=list)       # rates not of the network's year
    stream_terms: pd.DataFrame | None = None             # the non-stream terms beside per_stream
    stream_remainder: dict = field(default_factory=dict)  # headline - streams - terms, per named cost
    investments: Investments | None = None               # declared capital costs: payback, annualised
    packs: tuple = ()                                    # the jurisdiction packs switched on (symbiosis.packs)


def score(evaluation, answer: str = "observed", factor_overrides: dict[str, float] | None = None,
          transport_payer: str = "supplier") -> TripleBottomLine:
    """The triple bottom line of ``evaluation``'s ``answer`` (``observed`` or ``optimised``).

    ``factor_overrides`` replace social factors by kind (``{"discount_rate": 0.04}``).
    """
    net = evaluation.network
    packs = network_packs(net)
    public = any(p.public_economy for p in packs)
    result = evaluation.result(answer)
    factors = social.social_factors(net, factor_overrides)
    per_actor = actor_savings(result, evaluation.counterfactual, net, transport_payer)
    supported = social.supported_table(net, factors=factors)
    values = social.public_value_table(net, factors=factors)
    if not public:  # no pack values jobs for a public purse: no Danish rates on a foreign (or unsaid) park
        values = values.iloc[0:0]
    indicators = savings(result, evaluation.counterfactual, net, factors)
    company, unknown = company_view(net, per_actor, supported[supported.supported.astype(bool)],
                                    jobs_known=bool(net.service_links or net.member_jobs))
    findings = [f for p in packs if p.rules for f in p.rules(net, factors)]
    index = social_index(indicators, factors) if public else {}
    aims = [p.frameworks(net, indicators=indicators, per_actor=per_actor, findings=findings, values=values,
                         index=index) for p in packs if p.frameworks]
    streams = stream_accounts(result, evaluation.counterfactual, net, transport_payer)
    return TripleBottomLine(
        network=net, answer=answer, indicators=indicators,
        per_actor=per_actor, per_stream=streams.values, supported=supported, public_value=values,
        sroi=social.network_sroi(net, factors=factors, values=values), coverage=social.coverage(net),
        findings=findings, company=company, company_unknown=unknown, factors=factors, index=index,
        aims=pd.concat(aims, ignore_index=True) if aims else None,
        agreements=social.agreement_coverage(net), supported_share=social.supported_share(net),
        year_notes=year_notes(factors, net.year) if public else [], stream_terms=streams.terms,
        stream_remainder=streams.remainder, packs=tuple(p.name for p in packs),
        investments=answer_investments(net, streams.values, indicators["cost_saved"]))
