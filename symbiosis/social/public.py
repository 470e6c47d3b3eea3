"""Public-economy value of the supported jobs per payer (kommune, state): benefits no longer paid,
income tax gained and subsidies paid, and the fleksløntilskud arithmetic."""

from __future__ import annotations

import pandas as pd

from symbiosis.model import Factor, Network
from symbiosis.social.factors import factor, social_factors
from symbiosis.social.jobs import supported_rows

__all__ = ['PAYERS', 'filters', 'flexjob_params', 'flexjob_subsidy', 'public_value_table', 'value_rows']



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
def filters(factors: dict[str, Factor]) -> float:
    """(1 - deadweight)(1 - attribution)(1 - displacement) of the factor table: the share of a gross
    outcome due to the jobs (the SROI's filters, applied to the headline public value too)."""
    out = 1.0
    for k in ("deadweight", "attribution", "displacement"):
        out *= 1.0 - factor(factors, f"sroi_{k}")
    return out


def public_value_table(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                       ) -> pd.DataFrame:
    """The yearly public-economy value of each supported job row, per payer (DKK/yr).

    Consequence x price, SØM-style, with statutory gross rates of the network's
    year as prices (SØM's own price tables were not available; see docs/scores.md):

    * fleksjob: ledighedsydelse avoided, 12 x fleksløntilskud at the recorded
      wage paid (at the maximum where no wage is recorded: a lower bound);
    * småjob: kontanthjælp reduced by the earnings (LAS § 31: the wage after
      AM-bidrag less ``kh_hour_disregard`` per hour, krone for krone); not
      valued without a wage;
    * løntilskud: kontanthjælp avoided - FTE x ``loentilskud_subsidy`` (not
      valued unless that factor is given);
    * ressourceforløb, virksomhedspraktik, nytteindsats: 0, as the person keeps
      the benefit; a scheme not published (``unknown``): not valued.

    Income tax gained (:mod:`symbiosis.social.tax`) is the tax on the new
    income (wage + subsidy + what is left of the benefit) less the tax on the
    benefit before. The state refunds ``refusion_state_share`` of benefits and
    subsidies; AM-bidrag and bundskat go to the state, kommuneskat to the
    kommune. ``gross`` = benefit avoided + tax gained - subsidy paid =
    ``kommune`` + ``state``; ``net`` = gross x (1 - deadweight)(1 -
    attribution)(1 - displacement); ``jobcenter`` = persons x
    ``jobcenter_cost`` where given (a kommune cost, not filtered).

    Columns: where, link, employer, client, scheme, persons, fte, benefit_avoided, subsidy_paid, tax_state,
    tax_kommune, gross, kommune, state, net, jobcenter, valued, note.
    """
    factors = social_factors(network) if factors is None else factors
    rows = list(value_rows(network, year, factors))
    return pd.DataFrame(rows, columns=_VALUE_COLS)


_VALUE_COLS = ["where", "link", "employer", "client", "scheme", "persons", "fte", "benefit_avoided", "subsidy_paid",
               "tax_state", "tax_kommune", "gross", "kommune", "state", "net", "jobcenter", "valued", "note"]
PAYERS = ("kommune", "state")


def missing(x) -> bool:
    return x is None or x != x


def value_rows(network: Network, year: int | None, factors: dict[str, Factor]):
    """Plain dicts behind :func:`public_value_table` (per person-year amounts x persons)."""
    from symbiosis.social.tax import TaxRates, income_tax, kh_reduction

    kh = factor(factors, "benefit_kontanthjaelp")
    ly = factor(factors, "benefit_ledighedsydelse")
    params = flexjob_params(factors)
    lt = factors.get("loentilskud_subsidy")
    jc = factors.get("jobcenter_cost")
    refusion = factor(factors, "refusion_state_share")
    keep = filters(factors)
    rates = TaxRates.of(factors)
    for r in supported_rows(network, year, factor(factors, "fte_hours")):
        scheme, persons, fte, wage = r["scheme"], r["persons"], r["fte"], r["monthly_wage"]
        wage = None if missing(wage) else wage
        notes: list[str] = []
        valued = True
        benefit = subsidy = 0.0           # per person-year
        before = after = earned = None    # yearly income per person, for the tax
        if scheme == "fleksjob":
            if wage is None:
                sub = params["max_subsidy"]
                notes.append("no wage recorded: subsidy at its maximum, tax not counted (a lower bound)")
            else:
                ftw = None if missing(r["full_time_wage"]) else r["full_time_wage"]
                sub = flexjob_subsidy(wage, ftw, **params)
                before, after, earned = ly, 12 * (wage + sub), 12 * wage
            benefit, subsidy = ly, 12 * sub
        elif scheme == "småjob":
            if wage is None:
                valued = False
                notes.append("not valued: give monthly_wage (kontanthjælp falls by the earnings, LAS § 31)")
            else:
                hours = None if missing(r["hours"]) or persons <= 0 else r["hours"] / persons / 12
                cut = kh_reduction(wage, hours, rates.am, factor(factors, "kh_hour_disregard"))
                benefit = 12 * min(kh / 12, cut)
                before, after, earned = kh, 12 * wage + (kh - benefit), 12 * wage
                if hours is None:
                    notes.append("no hours recorded: the hourly disregard is not applied (an upper bound)")
        elif scheme == "løntilskud":
            benefit = kh
            if lt is None or missing(fte):
                valued = False
                notes.append("not valued: give a 'loentilskud_subsidy' factor (DKK per FTE-year) and FTE")
            else:
                subsidy = fte * lt.value / persons if persons else 0.0
            if wage is not None:
                before, after, earned = kh, 12 * wage, 12 * wage
            else:
                notes.append("no wage recorded: tax not counted")
        elif scheme == "unknown":
            valued = False
            notes.append("not valued: the scheme is not published")
        else:
            notes.append("the person keeps the benefit during the scheme")
        tax_s = tax_k = 0.0
        if valued and before is not None:
            s1, k1 = income_tax(after, earned, rates)
            s0, k0 = income_tax(before, 0.0, rates)
            tax_s, tax_k = s1 - s0, k1 - k0
        n = persons
        b, sub, ts, tk = n * benefit, n * subsidy, n * tax_s, n * tax_k
        kommune = (1 - refusion) * (b - sub) + tk
        state = refusion * (b - sub) + ts
        nan = float("nan")
        yield {"where": r["where"], "link": r["link"], "employer": r["employer"], "client": r["client"],
               "scheme": scheme, "persons": persons, "fte": fte, "benefit_avoided": b if valued else nan,
               "subsidy_paid": sub if valued else nan, "tax_state": ts if valued else nan,
               "tax_kommune": tk if valued else nan, "gross": kommune + state if valued else nan,
               "kommune": kommune if valued else nan, "state": state if valued else nan,
               "net": keep * (kommune + state) if valued else nan,
               "jobcenter": n * jc.value if (jc is not None and r["supported"]) else 0.0,
               "valued": valued, "note": "; ".join(notes)}
