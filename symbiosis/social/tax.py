"""Income tax on a year's income, split between the state and the kommune, and how kontanthjælp
falls with earnings.

A simplified Danish personal income tax (DKK per person-year):

    AM-bidrag     = am x wage                                        (state)
    personal      = income - AM-bidrag
    bundskat      = bundskat x max(0, personal - personfradrag)      (state)
    taxable       = personal - min(rate x wage, max)                 (beskæftigelsesfradrag, wages only)
    kommuneskat   = kommuneskat x max(0, taxable - personfradrag)    (kommune)

``income`` is everything taxed (wage, benefits, fleksløntilskud); ``wage`` the
part that is earned (AM-bidrag and the employment deduction apply to it only).
Left out, as small for the low incomes of supported jobs: topskat, kirkeskat,
pension contributions (a wage incl. pension is treated as taxable), other
deductions. The rates come from the social factor table by year.
"""

from __future__ import annotations

from dataclasses import dataclass

from symbiosis.model import Factor
from symbiosis.social.factors import factor

__all__ = ["TaxRates", "income_tax", "kh_reduction"]


@dataclass(frozen=True)
class TaxRates:
    """The tax parameters of one year: shares (0-1) and DKK per year."""

    am: float
    bundskat: float
    kommuneskat: float
    personfradrag: float
    employment_rate: float = 0.0
    employment_max: float = 0.0

    @classmethod
    def of(cls, factors: dict[str, Factor]) -> TaxRates:
        """The rates of a social factor table (:func:`symbiosis.social.social_factors`); the employment
        deduction counts as 0 where the table has none."""
        def opt(kind: str) -> float:
            row = factors.get(kind)
            return 0.0 if row is None else row.value

        return cls(am=factor(factors, "tax_am"), bundskat=factor(factors, "tax_bundskat"),
                   kommuneskat=factor(factors, "tax_kommuneskat"), personfradrag=factor(factors, "tax_personfradrag"),
                   employment_rate=opt("tax_employment_deduction_rate"),
                   employment_max=opt("tax_employment_deduction_max"))


def income_tax(income: float, wage: float, rates: TaxRates) -> tuple[float, float]:
    """Yearly income tax on ``income`` (DKK), of which ``wage`` is earned: ``(state, kommune)``.

    >>> r = TaxRates(am=0.08, bundskat=0.12, kommuneskat=0.25, personfradrag=50_000, employment_rate=0.10,
    ...              employment_max=40_000)
    >>> state, kommune = income_tax(200_000, 100_000, r)
    >>> round(state), round(kommune)   # AM 8,000 + 0.12 x 142,000; 0.25 x (192,000 - 10,000 - 50,000)
    (25040, 33000)
    >>> income_tax(40_000, 0, r)       # below the personal allowance
    (0.0, 0.0)
    """
    am = rates.am * max(0.0, wage)
    personal = income - am
    bund = rates.bundskat * max(0.0, personal - rates.personfradrag)
    deduction = min(rates.employment_rate * max(0.0, wage), rates.employment_max)
    kommune = rates.kommuneskat * max(0.0, personal - deduction - rates.personfradrag)
    return am + bund, kommune


def kh_reduction(monthly_wage: float, monthly_hours: float | None, am: float, disregard: float) -> float:
    """How much kontanthjælp falls in a month (DKK) for a wage earned alongside it (LAS § 31).

    The wage after AM-bidrag, less ``disregard`` DKK per hour worked (at most
    160 hours a month), comes off krone for krone; without hours no disregard
    is applied (the reduction is then an upper bound).

    >>> kh_reduction(5_000.0, 40.0, 0.08, 28.66)   # 4,600 - 40 x 28.66
    3453.6
    """
    hours = 0.0 if monthly_hours is None else min(monthly_hours, 160.0)
    return max(0.0, monthly_wage * (1.0 - am) - disregard * hours)
