"""Public-economy value of the supported jobs: benefits no longer paid minus subsidies paid,
and the fleksløntilskud arithmetic."""

from __future__ import annotations

import pandas as pd

from symbiosis.model import Factor, Network
from symbiosis.social.factors import factor, social_factors
from symbiosis.social.jobs import supported_rows

__all__ = ['PAYER', 'flexjob_params', 'flexjob_subsidy', 'public_value_table', 'value_rows']

PAYER = "kommune"  # who pays out the benefits and subsidies below (gross, before state refusion)


# -- fleksjob arithmetic ---------------------------------------------------------
def flexjob_subsidy(monthly_wage: float, full_time_wage: float | None = None, *,
                    max_subsidy: float = 19_952.0, threshold: float = 16_323.0,
                    low: float = 0.30, high: float = 0.55) -> float:
    """The fleksløntilskud per month (DKK) for a wage incl. pension (DKK/month).

    The maximum is reduced by ``low`` of the wage up to ``threshold`` and by
    ``high`` of the wage above it; the lønloft then caps the result so that
    wage + subsidy is at most ``full_time_wage`` (the full-time wage of the
    position); floored at 0::

        min(max_subsidy - [low x min(W, threshold) + high x max(0, W - threshold)], full_time_wage - W)

    (LAB §§ 123-125; STAR Vejledning nr. 9154 af 25/2 2022; BEK nr. 811 af
    2014 § 3 stk. 3 for the cap after the reduction; defaults are the 2024
    rates of detfagligehus.dk). Without ``full_time_wage`` only the maximum
    applies.

    Parameters
    ----------
    monthly_wage : float
        The wage the employer pays incl. pension, DKK per month.
    full_time_wage : float, optional
        The full-time wage of the position, DKK per month (the lønloft).
    max_subsidy, threshold : float
        DKK per month.
    low, high : float
        Shares of the wage (0-1) deducted below and above ``threshold``.

    Returns
    -------
    float
        DKK per month, 0 or more.

    Examples
    --------
    >>> flexjob_subsidy(20_000.0)                  # 19,952 - (0.30 x 16,323 + 0.55 x 3,677)
    13032.75
    >>> flexjob_subsidy(20_000.0, full_time_wage=30_000.0)   # capped at 30,000 - 20,000
    10000.0
    >>> flexjob_subsidy(10_000.0, full_time_wage=25_000.0)   # 16,952 capped at 15,000
    15000.0
    """
    reduction = low * min(monthly_wage, threshold) + high * max(0.0, monthly_wage - threshold)
    subsidy = max_subsidy - reduction
    if full_time_wage is not None:
        subsidy = min(subsidy, full_time_wage - monthly_wage)
    return max(0.0, subsidy)


def flexjob_params(factors: dict[str, Factor]) -> dict[str, float]:
    """The keyword arguments of :func:`flexjob_subsidy` from the factor table."""
    return {"max_subsidy": factor(factors, "flexjob_max_subsidy"), "threshold": factor(factors, "flexjob_threshold"),
            "low": factor(factors, "flexjob_reduction_low"), "high": factor(factors, "flexjob_reduction_high")}


# -- public-economy value ----------------------------------------------------------
def public_value_table(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                       ) -> pd.DataFrame:
    """The yearly public-economy value of each (service link, scheme), DKK/yr.

    Consequence x price, SØM-style, with statutory gross benefit rates as the
    prices (SØM's own price tables were not available; see docs/scores.md):

    * fleksjob: persons x (ledighedsydelse avoided - 12 x fleksløntilskud at
      the recorded wage; at the maximum subsidy where no wage is recorded,
      which makes the value a lower bound);
    * småjob: kontanthjælp reduced by the earnings, min(12 x wage, benefit)
      per person; without a wage, FTE x kontanthjælp;
    * løntilskud: persons x kontanthjælp avoided - FTE x ``loentilskud_subsidy``
      (not valued unless that factor is given);
    * ressourceforløb and virksomhedspraktik: 0, as the person keeps the
      benefit during the scheme.

    Columns: benefit_avoided, subsidy_paid, net (DKK/yr), payer, valued, note.
    """
    factors = social_factors(network) if factors is None else factors
    rows = list(value_rows(network, year, factors))
    return pd.DataFrame(rows, columns=_VALUE_COLS)


_VALUE_COLS = ["link", "provider", "client", "scheme", "persons", "fte", "benefit_avoided", "subsidy_paid", "net",
               "payer", "valued", "note"]


def missing(x) -> bool:
    return x is None or x != x


def value_rows(network: Network, year: int | None, factors: dict[str, Factor]):
    """Plain dicts behind :func:`public_value_table`."""
    kh = factor(factors, "benefit_kontanthjaelp")
    ly = factor(factors, "benefit_ledighedsydelse")
    params = flexjob_params(factors)
    lt = factors.get("loentilskud_subsidy")
    for r in supported_rows(network, year, factor(factors, "fte_hours")):
        valued, note = True, ""
        scheme, persons, fte, wage = r["scheme"], r["persons"], r["fte"], r["monthly_wage"]
        if scheme == "fleksjob":
            if missing(wage):
                sub, note = params["max_subsidy"], "no wage recorded: subsidy at its maximum (value is a lower bound)"
            else:
                sub = flexjob_subsidy(wage, None if missing(r["full_time_wage"]) else r["full_time_wage"], **params)
            benefit, subsidy = persons * ly, persons * 12 * sub
        elif scheme == "småjob":
            if missing(wage):
                benefit = (0.0 if missing(fte) else fte) * kh
                note = "no wage recorded: kontanthjælp reduced in proportion to FTE"
            else:
                benefit = persons * min(12 * wage, kh)
            subsidy = 0.0
        elif scheme == "løntilskud":
            benefit = persons * kh
            if lt is None or missing(fte):
                subsidy, valued = float("nan"), False
                note = "not valued: give a 'loentilskud_subsidy' factor (DKK per FTE-year) and FTE"
            else:
                subsidy = fte * lt.value
        else:
            benefit, subsidy = 0.0, 0.0
            note = "the person keeps the benefit during the scheme"
        yield {"link": r["link"], "provider": r["provider"], "client": r["client"], "scheme": scheme,
               "persons": persons, "fte": fte, "benefit_avoided": benefit, "subsidy_paid": subsidy,
               "net": benefit - subsidy if valued else float("nan"), "payer": PAYER, "valued": valued, "note": note}


