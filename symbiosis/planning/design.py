"""Which candidate streams to build: link design with investment, lifetime and payback.

Every stream with ``status: candidate`` and an ``investment`` (DKK) is a
build decision. Its yearly cost is the annuity of the investment over its
``lifetime`` (years; default 20) at the discount rate, plus its
``fixed_cost`` (DKK/yr). The design minimises the objective of the running
network plus those yearly costs (a MILP; see :mod:`flows.design`).

For each candidate the result says what it saves a year in operation (DKK:
virgin purchases and disposal avoided, minus transport), against the rest of
the chosen design, and the simple payback time: investment / (saving -
fixed_cost), in years.

The default discount rate, 3.5 % a year, is the Danish socio-economic
discount rate for the first 35 years of a project (Finansministeriet,
"Dokumentationsnotat - den samfundsøkonomiske diskonteringsrente", 2021).

"Would we build it again" (:func:`rebuild_check`, the design's ``rebuild``): for each running stream or
process whose ``economics`` declares a capital cost, its observed saving (the ledger's stream value) over its
lifetime against that cost, at its own discount rate (else the design's): net present value and payback, from
:func:`symbiosis.accounting.investments.investment_table`, the same annuity as the candidates'.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from symbiosis import parameters as P
from symbiosis.accounting.investments import DISCOUNT_RATE, INVESTMENT_COLUMNS, declares_investments, investment_table
from symbiosis.engine import annuity, compile_network, design_candidates
from symbiosis.errors import FileError, InfeasibleError, Mistake
from symbiosis.evaluation import evaluate
from symbiosis.model import Network
from symbiosis.objectives import objective_weights

__all__ = ["DEFAULT_LIFETIME", "DISCOUNT_RATE", "LinkDesign", "design_links", "rebuild_check"]

DEFAULT_LIFETIME: int = P.LIFETIME.default


@dataclass(frozen=True, eq=False)
class LinkDesign:
    """The proposed links. ``links`` has one row per candidate; costs in DKK per year.

    Parameters
    ----------
    network : Network
        The network designed.
    status : str
        The MILP's status: ``optimal`` or ``feasible``.
    gap : float
        The relative optimality gap reached.
    links : pandas.DataFrame
        One row per candidate: whether to build it, its flow and what it saves and costs.
    cost_without : float
        The yearly operating cost with no candidate, DKK/yr.
    cost_with : float
        The yearly operating cost with the design, DKK/yr.
    annualised : float
        The design's investment per year (annuity), DKK/yr.
    discount_rate : float
        The yearly rate the investments are annualised at.
    solver_time : float
        The solver's time, s.
    skipped : list of Mistake
        Candidates left out, and why.
    rebuild : pandas.DataFrame
        Would the running streams be built again (:func:`rebuild_check`).
    """

    network: Network
    status: str
    gap: float
    links: pd.DataFrame
    cost_without: float  # DKK/yr operating cost with no new link
    cost_with: float  # DKK/yr operating cost with the chosen links
    annualised: float  # DKK/yr annuities and fixed costs of the chosen links
    discount_rate: float
    solver_time: float
    skipped: list[Mistake] = field(default_factory=list)
    rebuild: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=INVESTMENT_COLUMNS))

    @property
    def built(self) -> pd.DataFrame:
        """The rows of :attr:`links` to build."""
        return self.links[self.links.build]


def design_links(net: Network, objective: str = "cost", weights: dict[str, float] | None = None,
                 discount_rate: float = DISCOUNT_RATE, lifetime: int = DEFAULT_LIFETIME,
                 time_limit: float | None = None, gap: float = P.GAP.default) -> LinkDesign:
    """Propose which candidate streams of ``net`` to build (see the module notes).

    ``time_limit`` (s) and ``gap`` (relative MIP gap, 1e-4 = 0.01 %) bound the
    search; the gap reached is in the result. Raises :class:`SymbiosisError`
    when there is nothing to design or the network cannot balance.

    Parameters
    ----------
    net : Network
        The network, with candidate streams that declare an investment.
    objective : str
        What the optimised answer minimises: ``cost``, ``co2e`` or ``weighted``.
    weights : dict of str to float, optional
        Weights over the named costs (with ``weighted``).
    discount_rate : float
        The yearly rate investments are annualised at, 0 to below 1.
    lifetime : int
        Years a candidate without its own is written off over.
    time_limit : float, optional
        The search's time limit, s.
    gap : float
        The relative MIP gap at which the search stops.

    Returns
    -------
    LinkDesign
        The links to build and what they save.

    Raises
    ------
    SymbiosisError
        For a parameter out of range, nothing to design, a network that cannot balance, or a search
        stopped without a design.
    """
    P.DISCOUNT_RATE.check(discount_rate)
    P.LIFETIME.check(lifetime)
    if time_limit is not None:
        P.TIME_LIMIT.check(time_limit)
    P.GAP.check(gap)
    w = objective_weights(net, objective, weights)
    idx = {s.id: i for i, s in enumerate(net.streams)}
    cands = [s for s in net.streams if s.status == "candidate"]
    skipped = [Mistake(f"streams[{idx[s.id]}].investment",
                       f"candidate '{s.id}' has no investment ({net.currency}), so it is left out of the design")
               for s in cands if s.investment is None]
    closed = [s.id for s in cands if s.investment is None]
    cands = [s for s in cands if s.investment is not None]
    rebuild = rebuild_check(net, discount_rate)
    if not cands and not rebuild.empty:
        links = pd.DataFrame(columns=_LINK_COLUMNS)
        return LinkDesign(net, "no candidates", 0.0, links, math.nan, math.nan, 0.0, discount_rate, 0.0, skipped,
                          rebuild)
    if not cands:
        raise FileError([Mistake("streams", "no candidate stream with an investment to design; add streams with "
                                      f"'status: candidate' and 'investment' ({net.currency}), 'lifetime' (years)")],
                             summary=f"network '{net.id}':")
    invest = np.array([s.investment for s in cands])
    years = np.array([s.lifetime or lifetime for s in cands])
    fixed = np.array([s.fixed_cost for s in cands])
    yearly = annuity(invest, discount_rate, years) + fixed
    d = design_candidates(compile_network(net, "optimised", candidates=True), [s.id for s in cands],
                          yearly * w.get("cost", 0.0), w, closed=closed, time_limit=time_limit, gap=gap)
    if d.status not in ("optimal", "feasible"):
        raise InfeasibleError([Mistake("", f"the MILP solver stopped without a design ({d.status}); "
                                      "raise the time limit or the gap")], summary=f"network '{net.id}':")
    saving = np.where(np.abs(d.saving) < 1e-6, 0.0, d.saving)
    net_saving = saving - fixed
    with np.errstate(divide="ignore", invalid="ignore"):
        payback = np.where(net_saving > 0, invest / net_saving, np.inf)
    links = pd.DataFrame({
        "stream": [s.id for s in cands], "supplier": [s.supplier for s in cands],
        "receiver": [s.receiver for s in cands], "resource": [s.resource for s in cands],
        "unit": [net.resource[s.resource].unit for s in cands],
        "build": d.build, "flow": d.flow,
        "investment_money": invest, "lifetime_yr": years, "annualised_money_yr": yearly,
        "saving_money_yr": saving, "net_saving_money_yr": net_saving, "payback_yr": payback,
    })
    return LinkDesign(net, d.status, d.gap, links, d.cost_without, d.cost_with, float(yearly @ d.build),
                      discount_rate, d.solver_time, skipped, rebuild)


_LINK_COLUMNS = ["stream", "supplier", "receiver", "resource", "unit", "build", "flow", "investment_money",
                 "lifetime_yr", "annualised_money_yr", "saving_money_yr", "net_saving_money_yr", "payback_yr"]


def rebuild_check(net: Network, discount_rate: float = DISCOUNT_RATE) -> pd.DataFrame:
    """Would we build it again: :func:`~symbiosis.accounting.investments.investment_table` of ``net``'s running
    streams and processes that declare a capital cost, with each stream's observed saving from the ledger
    (``discount_rate`` for those that declare no rate of their own). Empty, and nothing solved, where none does.

    Parameters
    ----------
    net : Network
        The network.
    discount_rate : float
        The yearly rate for an investment without its own.

    Returns
    -------
    pandas.DataFrame
        One row per investment (:data:`~symbiosis.accounting.investments.INVESTMENT_COLUMNS`).
    """
    if not declares_investments(net):
        return pd.DataFrame(columns=INVESTMENT_COLUMNS)

    ev = evaluate(net, recommend=False)
    values = ev.stream_accounts("observed").values
    return investment_table(ev.network, values, default_rate=discount_rate)
