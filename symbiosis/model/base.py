"""The building blocks of the model: ids, provenance, quantities, locations and sources.

Values are frozen: every model is immutable, and a change is a copy
(``model_copy(update=...)``), so a network can be shared between scenarios,
years and worker processes without anyone changing it under another's feet.

Units: every quantity is per year in the unit of its resource (``t``, ``m3``,
``MWh``...), money is in the network's currency (``currency``), emissions are t CO2e.

Why so long: the building blocks and the checks every model inherits
(:class:`Frozen`: real numbers, pydantic's errors as named mistakes) are one
unit; about a third of it is the public API's numpydoc sections.
"""

from __future__ import annotations

import math
import types
from typing import Annotated, Any, Literal, Self, Union, get_args, get_origin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from symbiosis.errors import SymbiosisError
from symbiosis.model.units import grouped_number
from symbiosis.parameters import LARGEST  # declared with the other limits

__all__ = ["ActorKind", "Basis", "Category", "FactorKind", "Frozen", "ID_PATTERN", "Id", "LARGEST", "Location",
           "Provenance", "Quantity", "Scheme", "LedighedsydelseLevel", "LEVEL_HELP", "MEETS_HELP", "REQUIRES_HELP",
           "WEEKS_HELP", "Source", "StreamStatus", "TransportMode", "NotANumber", "listing", "numbers_with_provenance"]

Basis = Literal["published", "estimated"]
ActorKind = Literal[
    "industry", "utility", "municipality", "social_enterprise", "agriculture", "external", "nature"
]
Category = Literal["energy", "water", "material", "nutrient", "fuel", "feed", "waste"]
StreamStatus = Literal["active", "historic", "candidate"]
TransportMode = Literal["pipe", "truck", "ship", "cable", "on-site"]
#: Employment schemes of supported people; ``ordinary`` is not supported, ``unknown`` says the source names none.
Scheme = Literal["fleksjob", "småjob", "ressourceforløb", "virksomhedspraktik", "løntilskud", "nytteindsats",
                 "ordinary", "unknown"]
#: The ledighedsydelse a person in fleksjob would get without the job: ``high`` is 89 % of the maximum
#: dagpenge (reached after 9 months in fleksjob within 18 months), ``kontanthjælp`` the kontanthjælp-level
#: rate paid before that (LAS § 74 a).
LedighedsydelseLevel = Literal["high", "kontanthjælp"]
LEVEL_HELP = ("fleksjob: the ledighedsydelse the person would get without the job: high (89 % of the maximum "
              "dagpenge, after 9 months in fleksjob within 18 months) or kontanthjælp (the kontanthjælp-level "
              "rate before that); empty: not recorded, valued at the lower kontanthjælp level")
WEEKS_HELP = ("weeks the person has received public benefits before the year (the count of the refusion "
              "staircase: 80/40/30/20 % state refusion); empty: not recorded, 20 % assumed (more than 52 weeks)")
MEETS_HELP = ("the task-fit requirements the provider's staff meet (GMP area, safety zone, security clearance...), "
              "in the words a need's 'requires' uses")
REQUIRES_HELP = ("what the task asks of the staff (GMP area, safety zone, security clearance...): an offer serves "
                 "the need only if its 'meets' lists every one")
FactorKind = Literal[
    "virgin_price",  # DKK per unit bought from the market (incl. taxes)
    "disposal_cost",  # DKK per unit disposed of (incl. taxes); negative = sold off
    "virgin_co2e",  # t CO2e per unit of virgin supply
    "disposal_co2e",  # t CO2e per unit disposed of
    "groundwater",  # m3 groundwater drawn per unit of virgin supply
    "carbon_value",  # DKK per t CO2e, for the weighted objective
    "transport_cost",  # DKK per (unit x km), by mode
    "transport_co2e",  # t CO2e per (unit x km), by mode
    # social factors (bundled in data/factors-social-dk.yaml, see symbiosis.social)
    "fte_hours",  # h per full-time-equivalent year
    "benefit_kontanthjaelp",  # DKK per person-year of kontanthjælp
    "benefit_ledighedsydelse",  # DKK per person-year of ledighedsydelse
    "flexjob_max_subsidy",  # DKK per month, the maximum fleksløntilskud
    "flexjob_threshold",  # DKK per month of wage incl. pension where the reduction rate changes
    "flexjob_reduction_low",  # share of the wage below the threshold deducted from the subsidy
    "flexjob_reduction_high",  # share of the wage above the threshold deducted from the subsidy
    "kh_hour_disregard",  # DKK per hour worked disregarded when kontanthjælp is reduced by earnings (LAS § 31)
    "refusion_state_share",  # share of benefits and subsidies the state refunds the kommune (long-term)
    "refusion_weeks_1_4",  # the state's refusion share in a person's weeks 1-4 on benefits
    "refusion_weeks_5_26",  # ... in weeks 5-26
    "refusion_weeks_27_52",  # ... in weeks 27-52 (from week 53: refusion_state_share)
    "tax_am",  # arbejdsmarkedsbidrag, share of the wage
    "tax_bundskat",  # state bottom tax, share of personal income
    "tax_kommuneskat",  # municipal income tax, share of taxable income
    "tax_personfradrag",  # DKK per year, personal allowance
    "tax_employment_deduction_rate",  # beskæftigelsesfradrag, share of the wage
    "tax_employment_deduction_max",  # beskæftigelsesfradrag, DKK per year at most
    "jobcenter_cost",  # DKK per supported person-year the jobcenter spends (an SROI input)
    "target_framework_coverage",  # social index target: share of members buying from social economy
    "target_agreement_coverage",  # social index target: share of members with their own agreement
    "target_supported_share",  # social index target: supported persons per member employee
    "loentilskud_subsidy",  # DKK per FTE-year paid to an employer for a person in løntilskud
    "sroi_deadweight",  # share of the outcome that would have happened anyway
    "sroi_attribution",  # share of the outcome due to others
    "sroi_displacement",  # share of the outcome that displaced other outcomes
    "sroi_drop_off",  # share of the outcome lost each year after the first
    "sroi_years",  # years the outcome lasts
    "sroi_investment",  # DKK put in for one year of activity besides the public subsidies
    "discount_rate",  # real discount rate per year
    "service_travel_cost",  # DKK per (hour of service x km between provider and client)
    "procurement_threshold_central",  # DKK, EU threshold for a central authority's service contracts (udbudsloven)
    "procurement_threshold_subcentral",  # DKK, EU threshold for a municipality's or region's service contracts
    "procurement_threshold_social",  # DKK, EU threshold for social and other specific services (udbudsloven afsnit III)
]

ID_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"
Id = Annotated[str, Field(pattern=ID_PATTERN, max_length=80)]




class Frozen(BaseModel):
    """An immutable model that refuses unknown fields and strips text.

    Every number is a real one: finite (no ``.nan``, ``.inf``), at most
    :data:`LARGEST` in size, and never ``true``/``false`` (which Python would
    read as 1 and 0).
    """

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True, allow_inf_nan=False)

    # A SymbiosisError is a ValueError, which pydantic folds into a ValidationError when a validator
    # raises it; a validator's own mistake (a whole network's check) leaves as itself, as it was raised.
    def __init__(self, /, **data: Any) -> None:
        try:
            super().__init__(**data)
        except ValidationError as exc:
            raise _raised_in(exc) from None

    # pydantic calls an overridden __init__ again for every nested model it validates (validating each
    # twice); marked as the base's, it is called only when Python code builds a model itself
    __init__.__pydantic_base_init__ = True  # type: ignore[attr-defined]

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Self:
        """Build the model from ``obj`` (pydantic's own), passing on a :class:`~symbiosis.errors.SymbiosisError`
        a validator raised unchanged (pydantic would fold it into its own error, a ValueError as it is).

        Parameters
        ----------
        obj : Any
            The data: a mapping of field names to values.
        **kwargs
            pydantic's ``model_validate`` keyword arguments (``context``, ``strict``...).

        Returns
        -------
        Self
            The model, checked.

        Raises
        ------
        SymbiosisError
            Naming each bad field.
        """
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as exc:
            raise _raised_in(exc) from None

    @model_validator(mode="before")
    @classmethod
    def _real_numbers(cls, data):
        """A yes/no, or a number beyond :data:`LARGEST`, where a number goes is set aside as a :class:`NotANumber`,
        which no number type accepts, so the message names the field (pydantic would read true as 1)."""
        if not isinstance(data, dict):
            return data
        numeric = _numeric_fields(cls)
        if not numeric:
            return data
        fixed = {}
        for k in numeric.intersection(data):
            v = data[k]
            if type(v) is float and -LARGEST <= v <= LARGEST:  # the common case, decided at once (nan: below)
                continue
            if isinstance(v, str):
                v = fixed[k] = _grouped(v)
            if isinstance(v, dict):
                if any(_unreal(x) for x in v.values()):
                    fixed[k] = {r: NotANumber(x) if _unreal(x) else x for r, x in v.items()}
            elif isinstance(v, list | tuple):  # a range: [low, high]
                if any(_unreal(x) for x in v):
                    fixed[k] = [NotANumber(x) if _unreal(x) else x for x in v]
            elif _unreal(v):
                fixed[k] = NotANumber(v)
        return {**data, **fixed} if fixed else data


def _grouped(text: str):
    """``'25 000'`` (digits grouped by three with a space or a thin space) as the number 25000.0; text that
    cannot be read as a number that way (``'25 00'``) as a :class:`NotANumber` saying why; other text as it is."""
    try:
        grouped = grouped_number(text)
    except ValueError as exc:
        return NotANumber(text, str(exc))
    return float(grouped[0]) if grouped is not None and not grouped[1].strip() else text


def _unreal(x) -> bool:
    """Whether ``x`` is a yes/no or a number (or numeric text) larger than :data:`LARGEST`."""
    if isinstance(x, bool):
        return True
    if isinstance(x, str):
        try:
            x = float(x)
        except ValueError:
            return False
    return isinstance(x, int | float) and math.isfinite(x) and abs(x) > LARGEST  # nan, inf: not finite, said so


class NotANumber:
    """A yes/no or an impossibly large number written where a number goes: no number type accepts it."""

    def __init__(self, value, why: str | None = None) -> None:
        self.value = value
        self.why = why

    def describe(self) -> str:
        """What is wrong, as a message: ``true is a yes/no, not a number``."""
        if self.why:
            return self.why
        if isinstance(self.value, bool):
            return f"must be a number, not {str(self.value).lower()} (a yes/no)"
        return (f"{float(self.value):g} is larger than any real number here (at most {LARGEST:g} in size); check "
                "the number and its unit")

    def __repr__(self) -> str:
        if isinstance(self.value, str):
            return repr(self.value)
        return str(self.value).lower() if isinstance(self.value, bool) else f"{float(self.value):g}"


_NUMERIC: dict[type, frozenset[str]] = {}


def _raised_in(exc: ValidationError) -> Exception:
    """The first :class:`SymbiosisError` a validator raised inside ``exc``, else ``exc``."""
    for err in exc.errors(include_url=False):
        raised = (err.get("ctx") or {}).get("error")
        if isinstance(raised, SymbiosisError):
            return raised
    return exc


def _numeric_fields(cls: type[BaseModel]) -> frozenset[str]:
    """The fields of ``cls`` that hold a number or a mapping of numbers (optional or not)."""
    if cls not in _NUMERIC:
        _NUMERIC[cls] = frozenset(name for name, f in cls.model_fields.items() if _is_numeric(f.annotation))
    return _NUMERIC[cls]


def _is_numeric(ann) -> bool:
    origin = get_origin(ann)
    if origin is Annotated:
        return _is_numeric(get_args(ann)[0])
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(ann) if a is not type(None)]
        return len(args) == 1 and _is_numeric(args[0])
    if origin is dict:
        return _is_numeric(get_args(ann)[1])
    if origin is tuple:
        return all(a is Ellipsis or _is_numeric(a) for a in get_args(ann))
    return ann in (int, float)


class Provenance(Frozen):
    """Where a number comes from.

    ``source`` is a key of the network's ``sources`` (``@key``) or a citation:
    the publication that contains the number. An ``estimated`` number has
    ``@estimate`` as its source, says how it was estimated in ``method`` and
    names the publications the estimate rests on in ``based_on`` (``@key``
    each). ``range`` is the stated plausible range of an estimate (low, high,
    in the number's unit): the sensitivity analysis varies it there.
    """

    # described here once: every sourced number of the model inherits these fields (the docstring check
    # reads a field's description as its documentation)
    source: str = Field(min_length=2, description="a key of the network's `sources` (`@key`) or a citation; "
                        "`@estimate` for an estimate")
    basis: Basis = Field(description="whether the number is published or estimated")
    method: str | None = Field(default=None, description="how an estimate was made (required for one)")
    year: int | None = Field(default=None, ge=1900, le=2100, description="the year the number is of")
    based_on: tuple[str, ...] = Field(default_factory=tuple,
                                      description="the publications an estimate rests on (`@key` each)")
    range: tuple[float, float] | None = Field(default=None, description="the plausible range (low, high) in the "
                                              "number's unit, for the sensitivity analysis")

    @model_validator(mode="after")
    def _estimate_says_how(self) -> Provenance:
        if self.basis == "estimated" and not (self.method and self.method.strip()):
            raise ValueError("an estimated number must say how it was estimated in 'method'")
        if self.range is not None:
            low, high = self.range
            if not (math.isfinite(low) and math.isfinite(high)) or high < low:
                raise ValueError(f"range [{low:g}, {high:g}] is not a range; give [low, high] with low <= high")
        return self


def numbers_with_provenance(data, numbers: tuple[str, ...]):
    """A model's raw ``data`` with each of its plain ``numbers`` written ``{value: 3, source: ..., basis: ...}``
    turned into ``3``, and its provenance into ``data["provenance"][name]`` (a stream's ``distance_km``, an
    investment's ``lifetime_years``); other data as it is."""
    if not isinstance(data, dict) or not any(isinstance(data.get(k), dict) for k in numbers):
        return data
    data, given = dict(data), dict(data.get("provenance") or {})
    for k in numbers:
        v = data.get(k)
        if isinstance(v, dict) and "value" in v:
            data[k] = v["value"]
            given[k] = {f: x for f, x in v.items() if f != "value"}
    data["provenance"] = given
    return data


class Quantity(Provenance):
    """A non-negative amount per year with its provenance, in the unit of its resource.

    In a file, a quantity may be written in another unit of the same dimension
    (``{value: 3.5, unit: Mm3}`` or ``value: "3.5 Mm3/yr"``); the network
    converts it to the resource's unit when it is loaded (see
    :mod:`symbiosis.model.units`).

    Parameters
    ----------
    value : float
        The amount per year, in the resource's unit.
    unit : str, optional
        The unit it was written in (converted on loading).
    """

    value: float = Field(ge=0)
    unit: str | None = None


class Location(Provenance):
    """A site, in WGS84 degrees.

    Parameters
    ----------
    lat : float
        Latitude, degrees.
    lon : float
        Longitude, degrees.
    """

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Source(Frozen):
    """An entry of the network's bibliography.

    Parameters
    ----------
    title : str
        The publication's title.
    url : str, optional
        Where it is published.
    publisher : str, optional
        Who published it.
    year : int, optional
        The year it was published.
    """

    title: str
    url: str | None = None
    publisher: str | None = None
    year: int | None = None


def listing(items, prefix: str = "", most: int = 12, none: str = "(none defined)") -> str:
    """``a, b, c, ... (n more)``: the first ``most`` of ``items`` (keys of a mapping), for error messages.

    Parameters
    ----------
    items : iterable of str or mapping
        What to list.
    prefix : str
        Put before each item.
    most : int
        The most items to name.
    none : str
        The text for no items.

    Returns
    -------
    str
        The list in words.
    """
    keys = [prefix + k for k in items]
    more = f", ... ({len(keys) - most} more)" if len(keys) > most else ""
    return ", ".join(keys[:most]) + more if keys else none
