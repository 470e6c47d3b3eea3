"""Social return on investment: outcomes with deadweight, attribution, displacement and drop-off,
discounted, against the investment."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from symbiosis.errors import Mistake, SymbiosisError
from symbiosis.model import Factor, Network
from symbiosis.social.factors import factor, social_factors
from symbiosis.social.public import public_value_table

__all__ = ['SROI', 'Outcome', 'network_sroi', 'present_value', 'sroi']

# -- SROI ----------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    """One SROI outcome: ``quantity`` x ``proxy`` (DKK per unit per year), then the four filters.

    ``deadweight``, ``attribution``, ``displacement`` and ``drop_off`` are
    shares (0-1); ``years`` is how long the outcome lasts.
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
                raise SymbiosisError([Mistake(f"sroi_{name}", f"{v:g} is not a share between 0 and 1")])
        if self.years < 1:
            raise SymbiosisError([Mistake("sroi_years", f"{self.years} must be at least 1 year")])

    @property
    def impact(self) -> float:
        """Year-1 impact, DKK: quantity x proxy x (1 - deadweight)(1 - attribution)(1 - displacement)."""
        return self.quantity * self.proxy * (1 - self.deadweight) * (1 - self.attribution) * (1 - self.displacement)

    def yearly(self) -> np.ndarray:
        """Impact in years 1..``years``, DKK: impact x (1 - drop_off)^(t - 1)."""
        return self.impact * (1 - self.drop_off) ** np.arange(self.years)


def present_value(values, rate: float) -> float:
    """Sum of ``values[t-1] / (1 + rate)^t`` for t = 1, 2, ... (DKK, end-of-year flows).

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
    """

    outcomes: pd.DataFrame  # outcome, year, value, discounted
    pv_outcomes: float
    investment: float
    rate: float
    years: int
    perspective: str = "public budget"
    notes: list[str] = field(default_factory=list)

    @property
    def ratio(self) -> float | None:
        return self.pv_outcomes / self.investment if self.investment > 0 else None

    @property
    def net_ratio(self) -> float | None:
        return None if self.ratio is None else self.ratio - 1.0


def sroi(outcomes: list[Outcome], investment: float, rate: float, years: int | None = None) -> SROI:
    """SROI of ``outcomes`` against ``investment`` (DKK, at the start, not discounted).

    Each outcome is valued over its own ``years`` (cut at ``years`` if given),
    year t discounted by (1 + rate)^t.
    """
    horizon = years if years is not None else max((o.years for o in outcomes), default=1)
    rows = []
    for o in outcomes:
        for t, v in enumerate(o.yearly()[:horizon], start=1):
            rows.append({"outcome": o.name, "year": t, "value": v, "discounted": v / (1 + rate) ** t})
    table = pd.DataFrame(rows, columns=["outcome", "year", "value", "discounted"])
    return SROI(table, float(table.discounted.sum()), float(investment), rate, horizon)


def network_sroi(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None,
                 values: pd.DataFrame | None = None) -> SROI:
    """The public-budget SROI of one year of the service links.

    Outcomes: the benefit avoided per scheme (DKK/yr, from
    :func:`public_value_table`), lasting ``sroi_years`` with the factor
    table's deadweight, attribution, displacement and drop-off, discounted at
    ``discount_rate``. Investment: the subsidies the public pays for the same
    jobs in the year, plus ``sroi_investment`` (DKK) where given.
    """
    factors = social_factors(network) if factors is None else factors
    values = public_value_table(network, year, factors) if values is None else values
    years = int(round(factor(factors, "sroi_years")))
    filters = {k: factor(factors, f"sroi_{k}") for k in ("deadweight", "attribution", "displacement", "drop_off")}
    valued = values[values.valued.astype(bool)]
    per_scheme = valued.groupby("scheme")[["benefit_avoided", "subsidy_paid"]].sum()
    outcomes = [Outcome(f"benefit avoided ({scheme})", 1.0, float(row.benefit_avoided), years=years, **filters)
                for scheme, row in per_scheme.iterrows() if row.benefit_avoided > 0]
    invest = factors.get("sroi_investment")
    investment = float(per_scheme.subsidy_paid.sum()) + (invest.value if invest else 0.0)
    result = sroi(outcomes, investment, factor(factors, "discount_rate"), years)
    notes = ["løntilskud not valued (no 'loentilskud_subsidy' factor)"] if (~values.valued.astype(bool)).any() else []
    return SROI(result.outcomes, result.pv_outcomes, result.investment, result.rate, years, notes=notes)


