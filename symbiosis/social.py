"""The social bottom line: supported jobs, public-economy value and SROI.

Everything here starts from the network's service links (a social-economy
enterprise serving a client company) and the social factor table
(``symbiosis/data/factors-social-dk.yaml``, overridable by the network's own
``factors`` rows). Units: persons, FTE (full-time-equivalent years), hours per
year, DKK per year. See ``docs/scores.md`` for the formulas and sources.

Example
-------
>>> from symbiosis.social import flexjob_subsidy
>>> round(flexjob_subsidy(10_000.0), 2)      # DKK/month at a 10,000 kr wage, 2024 rules
16952.0
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources as _pkg

import numpy as np
import pandas as pd

from symbiosis.errors import Problem, SymbiosisError
from symbiosis.model import Factor, Network, ServiceLink

SOCIAL_TABLE = "factors-social-dk"
SUPPORTED_SCHEMES = ("fleksjob", "småjob", "ressourceforløb", "virksomhedspraktik", "løntilskud")
PAYER = "kommune"  # who pays out the benefits and subsidies below (gross, before state refusion)


# -- the social factor table --------------------------------------------------
@lru_cache(maxsize=1)
def bundled_social_factors() -> tuple[Factor, ...]:
    """The rows of ``factors-social-dk.yaml``, validated."""
    from pydantic import ValidationError

    from symbiosis.io import pydantic_problems, read_document

    path = _pkg.files("symbiosis.data") / f"{SOCIAL_TABLE}.yaml"
    data, _ = read_document(path, f"{SOCIAL_TABLE}.yaml (bundled)")
    rows = []
    for i, row in enumerate(data.get("factors") or []):
        try:
            rows.append(Factor.model_validate(row))
        except ValidationError as exc:
            problems = [Problem(f"factors[{i}].{p.path}", p.message) for p in pydantic_problems(exc, row)]
            raise SymbiosisError(problems, f"{SOCIAL_TABLE}.yaml (bundled)") from None
    return tuple(rows)


def social_factors(network: Network, overrides: dict[str, float] | None = None) -> dict[str, Factor]:
    """The social factors by kind: bundled rows, replaced by the network's rows, then by ``overrides``.

    ``overrides`` maps a factor kind to a value (e.g. ``{"discount_rate": 0.04}``);
    an overridden row says so in its source.
    """
    table = {f.factor: f for f in bundled_social_factors()}
    table.update({f.factor: f for f in network.factors if f.factor in table or f.factor in _OPTIONAL})
    valid = sorted(set(table) | _OPTIONAL)
    for kind, value in (overrides or {}).items():
        if kind not in valid:
            raise SymbiosisError([Problem("--factor", f"unknown social factor '{kind}'; valid: {', '.join(valid)}")])
        base = table.get(kind)
        table[kind] = Factor(factor=kind, value=value, unit=base.unit if base else "DKK/FTE-year",
                             source="override on the command line", basis="estimated",
                             method=f"given by the user (bundled: {base.value:g})" if base else "given by the user")
    return table


_OPTIONAL = {"loentilskud_subsidy", "sroi_investment"}


def factor(table: dict[str, Factor], kind: str) -> float:
    """The value of one social factor, or a clear error naming where to set it."""
    row = table.get(kind)
    if row is None:
        raise SymbiosisError([Problem("factors", f"no '{kind}' factor; add a row to the network's factors "
                                      f"or pass --factor {kind}=VALUE")])
    return row.value


# -- supported employees -------------------------------------------------------
def links_in_year(network: Network, year: int | None = None) -> list[ServiceLink]:
    """Service links running in ``year`` (default: the network's)."""
    year = network.year if year is None else year
    return [link for link in network.service_links
            if (link.start is None or link.start <= year) and (link.end is None or link.end >= year)]


_SUPPORTED_COLS = ["link", "provider", "client", "service", "scheme", "persons", "fte", "hours", "fte_basis",
                   "monthly_wage", "full_time_wage"]


def _supported_rows(network: Network, year: int | None, fte_hours: float):
    """Plain dicts behind :func:`supported_table` (no pandas: the totals use them in sweeps)."""
    for link in links_in_year(network, year):
        for s in link.supported:
            if s.scheme == "ordinary":
                continue
            if s.fte is not None:
                fte, basis = s.fte, "recorded"
            elif s.hours_per_year is not None:
                fte, basis = s.hours_per_year / fte_hours, "from hours"
            else:
                fte, basis = float("nan"), "unknown"
            hours = s.hours_per_year if s.hours_per_year is not None else fte * fte_hours
            yield {"link": link.id, "provider": link.provider, "client": link.client, "service": link.service,
                   "scheme": s.scheme, "persons": s.persons, "fte": fte, "hours": hours, "fte_basis": basis,
                   "monthly_wage": s.monthly_wage, "full_time_wage": s.full_time_wage}


def supported_table(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                    ) -> pd.DataFrame:
    """One row per (service link, scheme): persons, FTE and hours per year.

    FTE is the recorded ``fte``; where only hours are recorded it is hours /
    ``fte_hours``; hours are recorded or FTE x ``fte_hours``. ``ordinary``
    employees are left out. ``fte_basis`` says which was used.
    """
    factors = social_factors(network) if factors is None else factors
    rows = list(_supported_rows(network, year, factor(factors, "fte_hours")))
    return pd.DataFrame(rows, columns=_SUPPORTED_COLS)


def by_scheme(table: pd.DataFrame) -> pd.DataFrame:
    """Persons, FTE and hours summed per scheme, in the order of :data:`SUPPORTED_SCHEMES`."""
    g = table.groupby("scheme")[["persons", "fte", "hours"]].sum(min_count=1)
    return g.reindex([s for s in SUPPORTED_SCHEMES if s in g.index]).reset_index()


# -- fleksjob arithmetic ---------------------------------------------------------
def flexjob_subsidy(monthly_wage: float, full_time_wage: float | None = None, *,
                    max_subsidy: float = 19_952.0, threshold: float = 16_323.0,
                    low: float = 0.30, high: float = 0.55) -> float:
    """The fleksløntilskud per month (DKK) for a wage incl. pension (DKK/month).

    ``min(max_subsidy, full_time_wage - wage) - [low x min(wage, threshold)
    + high x max(0, wage - threshold)]``, floored at 0 (STAR Vejledning nr. 9154
    af 25/2 2022; 2024 rates from detfagligehus.dk). Without ``full_time_wage``
    (the lønloft) only the maximum applies.

    >>> flexjob_subsidy(20_000.0)                  # 19,952 - (0.30 x 16,323 + 0.55 x 3,677)
    13032.75
    >>> flexjob_subsidy(20_000.0, full_time_wage=30_000.0)
    3080.75
    """
    cap = max_subsidy if full_time_wage is None else min(max_subsidy, full_time_wage - monthly_wage)
    reduction = low * min(monthly_wage, threshold) + high * max(0.0, monthly_wage - threshold)
    return max(0.0, cap - reduction)


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
    rows = list(_value_rows(network, year, factors))
    return pd.DataFrame(rows, columns=_VALUE_COLS)


_VALUE_COLS = ["link", "provider", "client", "scheme", "persons", "fte", "benefit_avoided", "subsidy_paid", "net",
               "payer", "valued", "note"]


def _missing(x) -> bool:
    return x is None or x != x


def _value_rows(network: Network, year: int | None, factors: dict[str, Factor]):
    """Plain dicts behind :func:`public_value_table`."""
    kh = factor(factors, "benefit_kontanthjaelp")
    ly = factor(factors, "benefit_ledighedsydelse")
    params = flexjob_params(factors)
    lt = factors.get("loentilskud_subsidy")
    for r in _supported_rows(network, year, factor(factors, "fte_hours")):
        valued, note = True, ""
        scheme, persons, fte, wage = r["scheme"], r["persons"], r["fte"], r["monthly_wage"]
        if scheme == "fleksjob":
            if _missing(wage):
                sub, note = params["max_subsidy"], "no wage recorded: subsidy at its maximum (value is a lower bound)"
            else:
                sub = flexjob_subsidy(wage, None if _missing(r["full_time_wage"]) else r["full_time_wage"], **params)
            benefit, subsidy = persons * ly, persons * 12 * sub
        elif scheme == "småjob":
            if _missing(wage):
                benefit = (0.0 if _missing(fte) else fte) * kh
                note = "no wage recorded: kontanthjælp reduced in proportion to FTE"
            else:
                benefit = persons * min(12 * wage, kh)
            subsidy = 0.0
        elif scheme == "løntilskud":
            benefit = persons * kh
            if lt is None or _missing(fte):
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
                raise SymbiosisError([Problem(f"sroi_{name}", f"{v:g} is not a share between 0 and 1")])
        if self.years < 1:
            raise SymbiosisError([Problem("sroi_years", f"{self.years} must be at least 1 year")])

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


# -- framework agreement coverage -----------------------------------------------------
def coverage(network: Network, year: int | None = None) -> dict:
    """Share of members (social-economy enterprises excluded) buying from at least one social-economy supplier.

    Kalundborg Symbiosis' framework agreement with Socialøkonomikalundborg
    (11 Jan 2022) commits every member to buy concrete services from
    social-economy enterprises. Returns ``members``, ``with_supplier``,
    ``without_supplier`` (ids) and ``share`` (0-1, NaN without members).
    """
    members = [a.id for a in network.members if a.kind != "social_enterprise"]
    clients = {link.client for link in links_in_year(network, year)}
    with_ = [m for m in members if m in clients]
    return {"members": members, "with_supplier": with_, "without_supplier": [m for m in members if m not in clients],
            "share": len(with_) / len(members) if members else float("nan")}


def social_totals(network: Network, year: int | None = None, factors: dict[str, Factor] | None = None
                  ) -> dict[str, float]:
    """The social indicators: supported persons, FTE and hours, public value (DKK/yr), framework coverage.

    Plain Python over the running links (no tables), as sweeps call it for every answer.
    """
    factors = social_factors(network) if factors is None else factors
    sup = list(_supported_rows(network, year, factor(factors, "fte_hours")))
    values = [v["net"] for v in _value_rows(network, year, factors) if v["valued"]]
    return {"supported_persons": float(sum(r["persons"] for r in sup)),
            "supported_fte": float(sum(r["fte"] for r in sup if not _missing(r["fte"]))),
            "supported_hours": float(sum(r["hours"] for r in sup if not _missing(r["hours"]))),
            "public_value": float(sum(values)),
            "framework_coverage": coverage(network, year)["share"]}
