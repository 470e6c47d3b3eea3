"""Social return on investment: outcomes with deadweight, attribution, displacement and drop-off,
discounted, against the investment."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from symbiosis.errors import bad_parameter
from symbiosis.model import Factor, Network
from symbiosis.social.factors import factor, social_factors
from symbiosis.social.jobs import links_in_year
from symbiosis.social.public import public_value_table
from symbiosis.social.said import Said, said

__all__ = ['SROI', 'Outcome', 'network_sroi', 'present_value', 'sroi']

# -- SROI ----------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """One SROI outcome: ``quantity`` x ``proxy`` (DKK per unit per year), then the four filters.

    Parameters
    ----------
    name : str
        What the outcome is.
    quantity : float
        How much of it, per year.
    proxy : float
        DKK per unit per year.
    deadweight, attribution, displacement, drop_off : float
        Shares (0-1).
    years : int
        How long the outcome lasts, at least 1.

    Raises
    ------
    SymbiosisError
        A share outside 0-1 or fewer than 1 year.
    """

    name: str
    quantity: float
    proxy: float
    deadweight: float = 0.0
    attribution: float = 0.0
    displacement: float = 0.0
    drop_off: float = 0.0
    years: int = 1

    def __post_init__(self) -> None:
        for name in ("deadweight", "attribution", "displacement", "drop_off"):
            v = getattr(self, name)
            if not 0.0 <= v <= 1.0:
                raise bad_parameter(f"sroi_{name}", f"{v:g} is not a share between 0 and 1")
        if self.years < 1:
            raise bad_parameter("sroi_years", f"{self.years} must be at least 1 year")

    @property
    def impact(self) -> float:
        """Year-1 impact, DKK: quantity x proxy x (1 - deadweight)(1 - attribution)(1 - displacement)."""
        return self.quantity * self.proxy * (1 - self.deadweight) * (1 - self.attribution) * (1 - self.displacement)

    def yearly(self) -> np.ndarray:
        """Impact in years 1..``years``, DKK: impact x (1 - drop_off)^(t - 1).

        Returns
        -------
        ndarray
            One value per year.
        """
        return self.impact * (1 - self.drop_off) ** np.arange(self.years)


def present_value(values, rate: float) -> float:
    """Sum of ``values[t-1] / (1 + rate)^t`` for t = 1, 2, ... (DKK, end-of-year flows).

    Parameters
    ----------
    values : sequence of float
        The flows of years 1, 2, ...
    rate : float
        The discount rate per year.

    Returns
    -------
    float
        The present value.

    Examples
    --------
    >>> round(present_value([100.0, 100.0], 0.10), 4)
    173.5537
    """
    v = np.asarray(values, dtype=float)
    return float(np.sum(v / (1 + rate) ** np.arange(1, v.size + 1)))


@dataclass(frozen=True)
class SROI:
    """An SROI result: present value of outcomes, the investment (DKK), the ratio and the yearly table.

    ``ratio`` = PV(outcomes) / investment (None without an investment);
    ``net_ratio`` = ratio - 1.

    Parameters
    ----------
    outcomes : DataFrame
        outcome, year, value, discounted.
    pv_outcomes : float
        The present value of the outcomes, DKK.
    investment : float
        The (present value of the) inputs, DKK.
    rate : float
        The discount rate.
    years : int
        The horizon.
    perspective : str
        Whose value is counted.
    notes : list of Said
        What is missing (message ids with values).
    inputs : dict
        What the investment is made of, DKK, and what is reported beside it.
    """

    outcomes: pd.DataFrame  # outcome, year, value, discounted
    pv_outcomes: float
    investment: float
    rate: float
    years: int
    perspective: str = "public budget"
    notes: list[Said] = field(default_factory=list)
    inputs: dict = field(default_factory=dict)  # what the investment is made of, DKK

    @property
    def ratio(self) -> float | None:
        """PV(outcomes) / investment, None without an investment."""
        return self.pv_outcomes / self.investment if self.investment > 0 else None

    @property
    def net_ratio(self) -> float | None:
        """The ratio less 1, None without an investment."""
        return None if self.ratio is None else self.ratio - 1.0


def sroi(outcomes: list[Outcome], investment: float, rate: float, years: int | None = None) -> SROI:
    """SROI of ``outcomes`` against ``investment`` (DKK, at the start, not discounted).

    Each outcome is valued over its own ``years`` (cut at ``years`` if given),
    year t discounted by (1 + rate)^t.

    Parameters
    ----------
    outcomes : list of Outcome
        The outcomes.
    investment : float
        DKK.
    rate : float
        The discount rate per year.
    years : int, optional
        The horizon; default the longest outcome's.

    Returns
    -------
    SROI
        The result with its yearly table.
    """
    horizon = years if years is not None else max((o.years for o in outcomes), default=1)
    rows = []
    for o in outcomes:
        for t, v in enumerate(o.yearly()[:horizon], start=1):
            rows.append({"outcome": o.name, "year": t, "value": v, "discounted": v / (1 + rate) ** t})
    table = pd.DataFrame(rows, columns=["outcome", "year", "value", "discounted"])
    return SROI(table, float(table.discounted.sum()), float(investment), rate, horizon)


def network_sroi(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None,
                 values: pd.DataFrame | None = None, client_purchase: float | None = None,
                 jobcenter: float | None = None) -> SROI:
    """The SROI of the supported jobs for the clients and the public, inputs and outcomes over the same years.

    The method (docs/scores.md, "SROI"): a purchase at market value is an
    exchange of equal value, neither an outcome nor an input. Per year:

    * **outcomes**: what changes for the public purse through the supported
      people, per scheme: benefits avoided + income tax gained (gross of the
      subsidy, which is an input), reduced by deadweight, attribution and
      displacement;
    * **inputs**: what is given beyond the exchange: the price paid above the
      market price (annual value x (price - market) / price, where both are
      known and the price is higher), the wage subsidies paid (fleksløntilskud,
      løntilskud), the jobcenter's cost and ``sroi_investment``. The state's
      refusion is a transfer between two public payers inside the perspective,
      not a further input.

    Both run for ``sroi_years`` years and are discounted alike at
    ``discount_rate`` (no drop-off: outcomes are counted only in the years
    the inputs are paid). The services at market value and the unfiltered
    (SØM-comparable) ratio are reported beside, not in the ratio.

    Parameters
    ----------
    network : Network
        Its running service links and jobs inside members.
    year : int, optional
        Default: the network's.
    factors : dict, optional
        The social factors; default the network's.
    values : DataFrame, optional
        :func:`~symbiosis.social.public_value_table`, if already made.
    client_purchase : float, optional
        What the clients pay for the services in a year, DKK: reported beside
        the ratio (with ``services at market value``), not an input.
    jobcenter : float, optional
        The jobcenter's cost for the supported people in a year, DKK. Default:
        persons x ``jobcenter_cost`` where that factor is given.

    Raises
    ------
    ParameterError
        ``client_purchase`` or ``jobcenter`` is negative or not finite.

    Returns
    -------
    SROI
        ``investment`` = PV of the inputs over the years; ``ratio`` = PV(outcomes)
        / PV(inputs), None when no input is known; ``inputs`` the yearly inputs
        by kind and, beside them, ``client_purchase``, ``services_market_value``
        and ``ratio_unfiltered``; the notes say what is missing.
    """
    import math

    for name, v in (("client_purchase", client_purchase), ("jobcenter", jobcenter)):
        if v is not None and not (math.isfinite(v) and v >= 0):
            raise bad_parameter(name, f"{v:g} is not an amount; give DKK for the year, 0 or more")
    factors = social_factors(network) if factors is None else factors
    values = public_value_table(network, year, factors) if values is None else values
    years = int(round(factor(factors, "sroi_years")))
    rate = factor(factors, "discount_rate")
    keep = {k: factor(factors, f"sroi_{k}") for k in ("deadweight", "attribution", "displacement")}
    notes: list[Said] = []
    links = links_in_year(network, year)
    unpriced = [link.id for link in links if link.annual_value is None]
    if client_purchase is None:
        client_purchase = sum(link.annual_value.value for link in links if link.annual_value is not None)
        if unpriced:
            notes.append(said("sroi.purchase_unknown", links=unpriced))
    received = sum(link.annual_value.value * (link.market_price / link.price
                                              if link.price and link.market_price is not None else 1.0)
                   for link in links if link.annual_value is not None)
    premium = sum(link.annual_value.value * (link.price - link.market_price) / link.price for link in links
                  if link.annual_value is not None and link.price and link.market_price is not None
                  and link.price > link.market_price)
    unchecked = [link.id for link in links if link.annual_value is not None
                 and (link.price is None or link.market_price is None)]
    if unchecked:
        notes.append(said("sroi.market_unknown", links=unchecked))
    valued = values[values.valued.astype(bool)]
    gross = (valued.benefit_avoided + valued.tax_state + valued.tax_kommune).groupby(valued.scheme, sort=False).sum()
    outcomes = [Outcome(f"public economy ({scheme})", 1.0, float(v), years=years, **keep)
                for scheme, v in gross.items() if v != 0]
    subsidies = float(valued.subsidy_paid.sum()) if len(valued) else 0.0
    if jobcenter is None:
        jobcenter = float(values.jobcenter.sum()) if len(values) else 0.0
        if factors.get("jobcenter_cost") is None and len(values):
            notes.append(said("sroi.no_jobcenter"))
    extra = factors.get("sroi_investment")
    yearly = {"price_above_market": float(premium), "subsidies": subsidies, "jobcenter": float(jobcenter),
              "other": extra.value if extra else 0.0}
    annuity = present_value([1.0] * years, rate)
    investment = sum(yearly.values()) * annuity
    unvalued = sorted(set(values.loc[~values.valued.astype(bool), "scheme"]))
    if unvalued:
        notes.append(said("sroi.not_valued", schemes=unvalued))
    if investment <= 0:
        notes.append(said("sroi.no_input"))
    result = sroi(outcomes, investment, rate, years)
    unfiltered = float(gross.sum()) * annuity / investment if investment > 0 else None
    return SROI(result.outcomes, result.pv_outcomes, investment, rate, years,
                perspective="clients and public", notes=notes,
                inputs={**yearly, "client_purchase": None if links and len(unpriced) == len(links)
                        and not client_purchase else float(client_purchase),
                        "services_market_value": float(received), "ratio_unfiltered": unfiltered})
