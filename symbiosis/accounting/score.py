"""Everything ``symbiosis score`` reports for one answer: the three lines, the social detail,
the Danish rule findings and the company view."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

import pandas as pd

from symbiosis import social
from symbiosis.accounting.investments import Investments, answer_investments
from symbiosis.accounting.savings import actor_savings, savings
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

    Parameters
    ----------
    network : Network
        The network.
    per_actor : pandas.DataFrame
        The indicators per actor (:func:`~symbiosis.accounting.savings.actor_savings`).
    supported : pandas.DataFrame
        Supported people per service link.
    threshold : float
        Employees above which a member reports (persons).
    jobs_known : bool
        Whether service links or member jobs are recorded (else the job columns are left empty).

    Returns
    -------
    pandas.DataFrame
        One row per reporting member (columns above).
    list of str
        The members left out for lack of an employee count.
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

    Parameters
    ----------
    network : Network
        The network scored.
    answer : str
        The answer scored: ``observed`` or ``optimised``.
    indicators : dict of str to float or None
        The indicators' values (None: not known).
    per_actor : pandas.DataFrame
        The indicators per actor.
    per_stream : pandas.DataFrame
        The streams' values (:func:`~symbiosis.accounting.streams.stream_accounts`).
    supported : pandas.DataFrame
        Supported people per service link and scheme.
    public_value : pandas.DataFrame
        The public value per link and scheme, DKK/yr.
    sroi : SROI
        The network's social return on investment.
    coverage : dict
        How much of the social data is recorded.
    findings : list
        The Danish rule checks' findings.
    company : pandas.DataFrame
        The company view (:func:`company_view`).
    company_unknown : list of str
        Members left out of the company view for lack of an employee count.
    factors : dict
        The social factors used, by key.
    index : dict
        The social index (empty where no pack asks for it).
    aims : pandas.DataFrame or None
        The packs' frameworks' aims, if any.
    agreements : dict
        The members' agreement coverage.
    supported_share : dict
        The share of supported people among the members' employees.
    year_notes : list
        Rates whose row is not of the network's year.
    stream_terms : pandas.DataFrame or None
        What differs beside the streams, with its cause.
    stream_remainder : dict
        Per named cost, what streams and terms leave of the headline.
    investments : Investments or None
        The declared investments, None where none is declared.
    packs : tuple
        The names of the packs that scored it.
    """

    network: Network
    answer: str
    indicators: dict[str, float | None]
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

    Parameters
    ----------
    evaluation : Evaluation
        The evaluated network (:func:`symbiosis.evaluate`).
    answer : str
        ``observed`` or ``optimised``.
    factor_overrides : dict of str to float, optional
        Social factor values by kind, replacing the table's.
    transport_payer : str
        Who pays a stream's transport: ``supplier`` or ``receiver``.

    Returns
    -------
    TripleBottomLine
        Everything the answer scores.
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
    streams = evaluation.stream_accounts(answer, transport_payer)
    return TripleBottomLine(
        network=net, answer=answer, indicators=indicators,
        per_actor=per_actor, per_stream=streams.values, supported=supported, public_value=values,
        sroi=social.network_sroi(net, factors=factors, values=values), coverage=social.coverage(net),
        findings=findings, company=company, company_unknown=unknown, factors=factors, index=index,
        aims=pd.concat(aims, ignore_index=True) if aims else None,
        agreements=social.agreement_coverage(net), supported_share=social.supported_share(net),
        year_notes=year_notes(factors, net.year) if public else [], stream_terms=streams.terms,
        stream_remainder=streams.remainder, packs=tuple(p.name for p in packs),
        investments=answer_investments(net, streams.values, cast(float, indicators["cost_saved"])))
