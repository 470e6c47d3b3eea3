"""What a process or a stream cost to build, and what a process costs to run and leaks: one ``economics`` block.

Issue 26 put a process's running cost and leaks here; issue 24 adds the investment a running process or
stream stands for: ``capital_cost`` (in the network's currency, with its source), ``year_built``,
``lifetime_years`` and ``discount_rate``. :mod:`symbiosis.accounting.investments` turns them into an
annualised capital cost, a payback and a net present value; each number carries its provenance like every
other (``lifetime_years: {value: 25, source: ..., basis: ...}`` as a stream's ``distance_km`` does).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import Field, field_validator, model_validator

from symbiosis.model.base import Frozen, Provenance, numbers_with_provenance

__all__ = ["Amount", "CapitalCost", "INVESTMENT_NUMBERS", "Investment", "Leak", "ProcessEconomics",
           "StreamEconomics"]


class Amount(Provenance):
    """A sourced number that may be of any sign, in the unit its field names (DKK per unit of activity...).

    Parameters
    ----------
    value : float
        The number, in the unit its field names (any sign).
    """

    value: float


class CapitalCost(Provenance):
    """What building a stream or process cost, in the network's currency (the whole sum, not per year).
    """

    value: float = Field(description="the investment, in the network's currency")

    @field_validator("value")
    @classmethod
    def _not_negative(cls, v: float) -> float:
        if v < 0:
            raise ValueError(f"a capital cost of {v:g} is negative; give what building it cost (0 or more), in the "
                             "network's currency")
        return v


class Leak(Provenance):
    """A loss to the air per unit of a process's activity, as t CO2e by a stated GWP: methane slip from a
    biogas plant, say. ``what`` names it (``methane slip``); ``value`` is t CO2e per unit of activity, and
    the method gives the share lost and the GWP100 used, with their sources.

    Parameters
    ----------
    what : str
        What leaks (``methane slip``).
    value : float
        t CO2e per unit of activity.
    """

    what: str = Field(min_length=1)
    value: float = Field(ge=0)


#: The investment's plain numbers that may carry their own provenance (``lifetime_years: {value: 25, ...}``).
#: A number of an investment that carries its own provenance.
InvestmentNumber = Literal["lifetime_years", "discount_rate"]
INVESTMENT_NUMBERS: tuple[InvestmentNumber, ...] = get_args(InvestmentNumber)


class Investment(Frozen):
    """What building a running stream or process cost, and over how long it pays (issue 24).

    ``capital_cost``: the investment in the network's currency, with its source; ``year_built``: the year it
    started running; ``lifetime_years``: the years it is written off over (required with a capital cost);
    ``discount_rate``: a yearly real rate from 0 to below 1 (0.035 for 3.5 %; left out: 3.5 %, the Danish
    socio-economic rate, see :data:`symbiosis.accounting.investments.DISCOUNT_RATE`). ``provenance`` holds
    where the lifetime and the rate come from when they are written ``{value: ..., source: ..., basis: ...}``.

    Parameters
    ----------
    capital_cost : CapitalCost, optional
        What building it cost, the whole sum in the network's currency.
    """

    capital_cost: CapitalCost | None = None
    year_built: int | None = Field(default=None, ge=1800, le=2100, description="the year it started running")
    lifetime_years: int | None = Field(default=None, description="years the investment is written off over")
    discount_rate: float | None = Field(default=None, description="yearly real rate, 0 to below 1 (0.035 = 3.5 %)")
    provenance: dict[InvestmentNumber, Provenance] = Field(
        default_factory=dict, description="where lifetime_years and discount_rate come from; in a file, write "
        "the number as {value: 25, source: ..., basis: ...} and it lands here")

    @model_validator(mode="before")
    @classmethod
    def _numbers_with_provenance(cls, data):
        """``lifetime_years: {value: 25, source: ..., basis: ...}`` -> ``lifetime_years: 25`` and its provenance."""
        return numbers_with_provenance(data, INVESTMENT_NUMBERS)

    @field_validator("lifetime_years")
    @classmethod
    def _years(cls, v: int | None) -> int | None:
        if v is not None and not 0 < v <= 100:
            raise ValueError(f"a lifetime of {v} years is not a lifetime; give whole years from 1 to 100")
        return v

    @field_validator("discount_rate")
    @classmethod
    def _rate(cls, v: float | None) -> float | None:
        if v is not None and not 0 <= v < 1:
            raise ValueError(f"{v:g} is not a yearly rate; give a share from 0 to below 1 (0.035 for 3.5 %)")
        return v

    @model_validator(mode="after")
    def _whole(self) -> Investment:
        parts = [k for k in ("year_built", "lifetime_years", "discount_rate") if getattr(self, k) is not None]
        if self.capital_cost is None and parts:
            raise ValueError(f"{', '.join(parts)} without a capital_cost: give the capital_cost too (what building "
                             "it cost, in the network's currency, with its source)")
        if self.capital_cost is not None and self.lifetime_years is None:
            raise ValueError("a capital_cost needs lifetime_years (the years it is written off over, e.g. 25)")
        return self

    @property
    def invested(self) -> bool:
        """Whether an investment is declared (a capital cost)."""
        return self.capital_cost is not None

    def sourced(self) -> list[tuple[str, Provenance]]:
        """(field, provenance) of every sourced number of the block, for the source checks.

        Returns
        -------
        list of (str, Provenance)
            Each sourced number's field and provenance.
        """
        out = [("capital_cost", self.capital_cost)] if self.capital_cost is not None else []
        return out + sorted(self.provenance.items())

    def __hash__(self) -> int:
        """Hashable like every frozen part, its ``provenance`` mapping as sorted pairs."""
        return hash(tuple(tuple(sorted(v.items())) if k == "provenance" else v for k, v in self.__dict__.items()))


class StreamEconomics(Investment):
    """The investment a running stream stands for (a pipeline, a truck terminal): see :class:`Investment`.

    A candidate stream's build decision keeps its own ``investment`` and ``lifetime`` (``symbiosis design``).

    Parameters
    ----------
    capital_cost : CapitalCost, optional
        What building it cost, the whole sum in the network's currency.
    """


class _Running(Frozen):
    operating_cost: Amount | None = None
    leak: Leak | None = None


class ProcessEconomics(Investment, _Running):
    """What running a process costs beyond its inputs, what it leaks, and what building it cost.

    ``operating_cost``: money per unit of activity (staff, maintenance, consumables the inputs do not
    name), with its source. ``leak``: a loss to the air in t CO2e per unit of activity (one per process,
    so a workbook holds it in a row of the processes sheet). The investment fields are
    :class:`Investment`'s.

    Parameters
    ----------
    operating_cost : Amount, optional
        Running cost per unit of activity, DKK.
    leak : Leak, optional
        A loss to the air per unit of activity, t CO2e.
    capital_cost : CapitalCost, optional
        What building it cost, the whole sum in the network's currency.
    """

    def sourced(self) -> list[tuple[str, Provenance]]:
        """(field, provenance) of every sourced number of the block, for the source checks.

        Returns
        -------
        list of (str, Provenance)
            Each sourced number's field and provenance.
        """
        own = [(k, getattr(self, k)) for k in ("operating_cost", "leak") if getattr(self, k) is not None]
        return own + super().sourced()
