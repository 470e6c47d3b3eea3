"""Public-economy value of the supported jobs per payer (kommune, state): benefits no longer paid,
income tax gained and subsidies paid, and the fleksløntilskud arithmetic."""

from __future__ import annotations

import pandas as pd

from symbiosis.model import Factor, Network
from symbiosis.social.factors import factor, not_published, social_factors
from symbiosis.social.jobs import supported_rows
from symbiosis.social.said import Said, said
from symbiosis.social.tax import TaxRates, income_tax, kh_reduction

__all__ = ['PAYERS', 'filters', 'flexjob_params', 'flexjob_subsidy', 'lonloft', 'public_value_table', 'refusion_share',
           'value_rows']



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
    """The keyword arguments of :func:`flexjob_subsidy` from the factor table.

    Parameters
    ----------
    factors : dict
        The social factors.

    Returns
    -------
    dict
        ``max_subsidy``, ``threshold``, ``low``, ``high``.
    """
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


def refusion_share(weeks: float | None, factors: dict[str, Factor]) -> float:
    """The state's share of a year's benefits and subsidies (0-1) for a person who has received public
    benefits for ``weeks`` weeks before the year: the refusion staircase averaged over the year's 52
    weeks (80 % in weeks 1-4, 40 % in weeks 5-26, 30 % in weeks 27-52, 20 % from week 53; lov om
    kommunernes finansiering af visse offentlige ydelser § 5 stk. 2). Without ``weeks``: the share
    from week 53 (people on the edge of the labour market; supported employment does not restart the
    count, § 6 stk. 2).

    >>> from symbiosis.social.factors import bundled_social_factors, pick_row
    >>> f = {k: pick_row([r for r in bundled_social_factors() if r.factor == k], 2024)
    ...      for k in ("refusion_state_share", "refusion_weeks_1_4", "refusion_weeks_5_26", "refusion_weeks_27_52")}
    >>> round(refusion_share(0, f), 4)        # (4 x 0.80 + 22 x 0.40 + 26 x 0.30) / 52
    0.3808
    >>> refusion_share(None, f), refusion_share(60, f)
    (0.2, 0.2)
    """
    late = factor(factors, "refusion_state_share")
    if weeks is None:
        return late
    steps = ((4, factor(factors, "refusion_weeks_1_4")), (26, factor(factors, "refusion_weeks_5_26")),
             (52, factor(factors, "refusion_weeks_27_52")))
    first = int(weeks)
    total = 0.0
    for week in range(first + 1, first + 53):
        total += next((rate for last, rate in steps if week <= last), late)
    return round(total / 52, 12)


def public_value_table(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                       ) -> pd.DataFrame:
    """The yearly public-economy value of each supported job row, per payer (DKK/yr).

    Consequence x price, SØM-style, with statutory gross rates of the network's
    year as prices (SØM's own price tables were not available; see docs/scores.md):

    * fleksjob (hired): ledighedsydelse avoided at the recorded level
      (``ledighedsydelse_level``: ``high`` = 89 % of the maximum dagpenge,
      ``kontanthjælp`` = the kontanthjælp rate paid until 9 months in fleksjob
      within 18 months; not recorded: the kontanthjælp level, a lower bound),
      less 12 x the fleksløntilskud at the recorded wage, capped by the lønloft
      (the ``full_time_wage``, or, where it is not recorded, derived per person as
      wage / (FTE / persons) when that share is below 1); at the maximum
      where no wage is recorded (a lower bound);
    * fleksjob kept on (``purpose: retention``, a member's own employee): not
      valued, as the counterfactual is not ledighedsydelse (the subsidy paid is
      shown);
    * småjob: kontanthjælp reduced by the earnings (LAS § 31: the wage after
      AM-bidrag less ``kh_hour_disregard`` per hour, krone for krone); not
      valued without a wage;
    * løntilskud: kontanthjælp avoided - FTE x ``loentilskud_subsidy`` (not
      valued unless that factor is given);
    * ressourceforløb, virksomhedspraktik, nytteindsats: 0, as the person keeps
      the benefit (offers and forløb, not jobs); a scheme not published
      (``unknown``): not valued.

    Income tax gained (:mod:`symbiosis.social.tax`) is the tax on the new
    income (wage + subsidy + what is left of the benefit) less the tax on the
    benefit before. The state refunds a share of benefits and subsidies by
    the refusion staircase (:func:`refusion_share`, from ``benefit_weeks``;
    20 % where not recorded); AM-bidrag and bundskat go to the state,
    kommuneskat to the kommune before udligning (SØM's convention: prices
    exclude udligning and bloktilskud). ``gross`` = benefit avoided + tax
    gained - subsidy paid = ``kommune`` + ``state``; ``net`` = gross x (1 -
    deadweight)(1 - attribution)(1 - displacement); ``jobcenter`` = persons x
    ``jobcenter_cost`` where given (a kommune cost, not filtered).

    Columns: where, link, employer, client, scheme, purpose, persons, fte, benefit_avoided, subsidy_paid,
    tax_state, tax_kommune, gross, kommune, state, net, jobcenter, refusion, valued, note (a tuple of
    :class:`~symbiosis.social.said.Said`, worded by :mod:`symbiosis.present.social_wording`).

    Parameters
    ----------
    network : Network
        The network.
    year : int, optional
        Default: the network's.
    factors : dict, optional
        The social factors (kind -> :class:`~symbiosis.model.Factor`); default the network's.

    Returns
    -------
    DataFrame
        One row per supported-job row, the columns above; amounts in DKK/yr, NaN where not valued.
    """
    factors = social_factors(network) if factors is None else factors
    rows = list(value_rows(network, year, factors))
    return pd.DataFrame(rows, columns=_VALUE_COLS)


_VALUE_COLS = ["where", "link", "employer", "client", "scheme", "purpose", "persons", "fte", "benefit_avoided",
               "subsidy_paid", "tax_state", "tax_kommune", "gross", "kommune", "state", "net", "jobcenter",
               "refusion", "valued", "note"]
PAYERS = ("kommune", "state")


def missing(x) -> bool:
    return x is None or x != x


def lonloft(r: dict, wage: float) -> tuple[float | None, str]:
    """The full-time wage (DKK/month) capping wage + fleksløntilskud for one supported-job row, and how
    it was found: ``recorded``, ``derived`` (wage / (FTE / persons), the share below 1) or ``unknown``."""
    if not missing(r["full_time_wage"]):
        return r["full_time_wage"], "recorded"
    fte, persons = r["fte"], r["persons"]
    if not missing(fte) and persons and 0 < fte / persons < 1:
        return wage / (fte / persons), "derived"
    return None, "unknown"


def _flexjob(r: dict, wage: float | None, factors: dict[str, Factor], notes: list[Said]):
    """(valued, benefit, subsidy, before, after, earned) per person-year of one fleksjob row."""
    params = flexjob_params(factors)
    if r["purpose"] == "retention":
        sub = flexjob_subsidy(wage, lonloft(r, wage)[0], **params) if wage is not None else None
        notes.append(said("value.retention"))
        return False, 0.0, 12 * sub if sub is not None else float("nan"), None, None, None
    level = r["ledighedsydelse_level"]
    ly = factor(factors, "benefit_ledighedsydelse" if level == "high" else "benefit_kontanthjaelp")
    if level is None:
        notes.append(said("value.level_unknown"))
    if wage is None:
        notes.append(said("value.flexjob_no_wage"))
        return True, ly, 12 * params["max_subsidy"], None, None, None
    ftw, how = lonloft(r, wage)
    if how == "derived":
        notes.append(said("value.lonloft_derived", ftw=ftw, share=r["fte"] / r["persons"]))
    elif how == "unknown":
        notes.append(said("value.lonloft_unknown"))
    sub = flexjob_subsidy(wage, ftw, **params)
    return True, ly, 12 * sub, ly, 12 * (wage + sub), 12 * wage


def value_rows(network: Network, year: int | None, factors: dict[str, Factor]):
    """Plain dicts behind :func:`public_value_table` (per person-year amounts x persons)."""
    when = network.year if year is None else year

    kh = factor(factors, "benefit_kontanthjaelp")
    lt = factors.get("loentilskud_subsidy")
    jc = factors.get("jobcenter_cost")
    keep = filters(factors)
    rates = TaxRates.of(factors)
    for r in supported_rows(network, year, factor(factors, "fte_hours")):
        scheme, persons, fte, wage = r["scheme"], r["persons"], r["fte"], r["monthly_wage"]
        wage = None if missing(wage) else wage
        notes: list[Said] = []
        valued = True
        benefit = subsidy = 0.0           # per person-year
        before = after = earned = None    # yearly income per person, for the tax
        if scheme == "fleksjob":
            valued, benefit, subsidy, before, after, earned = _flexjob(r, wage, factors, notes)
        elif scheme == "småjob":
            if wage is None:
                valued = False
                notes.append(said("value.smajob_no_wage"))
            else:
                hours = None if missing(r["hours"]) or persons <= 0 else r["hours"] / persons / 12
                cut = kh_reduction(wage, hours, rates.am, factor(factors, "kh_hour_disregard"))
                benefit = 12 * min(kh / 12, cut)
                before, after, earned = kh, 12 * wage + (kh - benefit), 12 * wage
                if hours is None:
                    notes.append(said("value.no_hours"))
                gap = [said("rate.not_published_short", kind=g["kind"], year=g["year"], stands_in=g["stands_in"])
                       for g in (not_published(factors, k, when) for k in ("kh_hour_disregard",
                                                                           "benefit_kontanthjaelp")) if g]
                if gap:
                    notes.append(said("value.earlier_rule", gaps=said("join", items=gap, sep="; ")))
        elif scheme == "løntilskud":
            benefit = kh
            if lt is None or missing(fte):
                valued = False
                notes.append(said("value.loentilskud_no_factor"))
            else:
                subsidy = fte * lt.value / persons if persons else 0.0
            if wage is not None:
                before, after, earned = kh, 12 * wage, 12 * wage
            else:
                notes.append(said("value.no_wage_no_tax"))
        elif scheme == "unknown":
            valued = False
            notes.append(said("value.scheme_unknown"))
        else:
            notes.append(said("value.keeps_benefit"))
        tax_s = tax_k = 0.0
        if valued and before is not None and after is not None and earned is not None:
            s1, k1 = income_tax(after, earned, rates)
            s0, k0 = income_tax(before, 0.0, rates)
            tax_s, tax_k = s1 - s0, k1 - k0
        refusion = refusion_share(None if missing(r["benefit_weeks"]) else r["benefit_weeks"], factors)
        n = persons
        b, sub, ts, tk = n * benefit, n * subsidy, n * tax_s, n * tax_k
        kommune = (1 - refusion) * (b - sub) + tk
        state = refusion * (b - sub) + ts
        nan = float("nan")
        yield {"where": r["where"], "link": r["link"], "employer": r["employer"], "client": r["client"],
               "scheme": scheme, "purpose": r["purpose"], "persons": persons, "fte": fte,
               "benefit_avoided": b if valued else nan,
               "subsidy_paid": sub if valued or r["purpose"] == "retention" else nan,
               "tax_state": ts if valued else nan, "tax_kommune": tk if valued else nan,
               "gross": kommune + state if valued else nan, "kommune": kommune if valued else nan,
               "state": state if valued else nan, "net": keep * (kommune + state) if valued else nan,
               "jobcenter": n * jc.value if (jc is not None and r["supported"]) else 0.0,
               "refusion": refusion, "valued": valued, "note": tuple(notes)}
