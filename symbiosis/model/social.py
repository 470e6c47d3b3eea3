"""The social economy of a network as data: framework agreements, each member's own agreement,
supported jobs inside members, the catalogue of social-economy enterprises and their services,
CSR labels, which members are public buyers, and the workplaces the rimelighedskrav counts.

These are rows of the network (one sheet each in a workbook), with a provenance
each. What a source does not say is left out (``None``), never guessed: the
scores then say *unknown* and name the field to fill in.

Units: hours per year, DKK per year (``annual_value``), DKK per hour (``price``),
DKK per month (wages and subsidies), full-time equivalents (FTE).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from symbiosis.model.base import (
    LEVEL_HELP,
    MEETS_HELP,
    WEEKS_HELP,
    Frozen,
    Id,
    LedighedsydelseLevel,
    Provenance,
    Quantity,
    Scheme,
)

__all__ = ["Agreement", "AgreementKind", "Authority", "CatalogueEntry", "Enterprise", "FrameworkAgreement", "Label",
           "MemberJob", "PublicBuyer", "Registered", "Workplace", "check_social_economy"]

Registered = Literal["yes", "no", "unknown"]
AgreementKind = Literal["purchase", "investment", "rent"]
KIND_HELP = ("purchase (services bought), investment (money put into the enterprise or its activities, a grant: "
             "not a purchase) or rent (the member lets premises to the enterprise)")
#: What kind of contracting authority a public buyer is, for the procurement thresholds (udbudsloven).
Authority = Literal["central", "sub-central", "utility"]


def _years(start: int | None, end: int | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValueError(f"end {end} is before start {start}")


class FrameworkAgreement(Frozen):
    """A framework agreement that commits members to buy from social-economy enterprises.

    Parameters
    ----------
    id : str
        Its id.
    name : str
        Its name.
    description : str, optional
        A description in words.
    provenance : Provenance
        Where the row's numbers come from.
    """

    id: Id
    name: str
    signed: int = Field(ge=1900, le=2100, description="year it was signed")
    date: str | None = Field(default=None, description="date it was signed, YYYY-MM-DD")
    coordinator: str | None = Field(default=None, description="who runs it for the municipality")
    members: tuple[str, ...] = Field(description="actor ids of the members it commits")
    market_terms: bool = Field(default=True, description="the enterprises must live on market terms (true/false)")
    per_member_agreements: bool = Field(
        default=True, description="each member is to sign its own agreement under it (true/false)")
    description: str | None = None
    provenance: Provenance


class Agreement(Frozen):
    """One member's own agreement (samarbejdsaftale) with social-economy enterprises, at its own
    ambition level; also the municipality's own purchase agreements.

    ``kind`` says what the member gives: ``purchase`` (services bought; the
    default), ``investment`` (money put into the enterprise or its activities,
    a grant: not a purchase) or ``rent`` (the member lets premises to the
    enterprise: ``rent`` is the rent charged, ``market_rent`` what an
    independent tenant would pay, with its own source; both DKK per year).
    Renting out property below the market price is support (seed 002:
    "udleje fast ejendom under markedsprisen"), checked by
    :func:`symbiosis.social.rules.check_agreements`.

    Parameters
    ----------
    id : str
        Its id, unique in the network (lower case, digits, ``_.-``).
    provenance : Provenance
        Where the row's numbers come from.
    """

    id: Id
    member: str = Field(description="actor id of the member (buyer)")
    framework: str | None = Field(default=None, description="id of the framework agreement it carries out; "
                                  "empty: outside any framework")
    status: Literal["signed", "planned", "none"] = Field(
        description="signed, planned, or none (the member declared it has none)")
    enterprises: tuple[str, ...] = Field(default=(), description="actor ids of the social-economy enterprises")
    services: tuple[str, ...] = Field(default=(), description="services bought, separated by commas")
    hours_per_year: float | None = Field(default=None, ge=0, description="hours of service bought per year")
    annual_value: float | None = Field(default=None, ge=0, description="DKK per year")
    ambition: str | None = Field(default=None, description="the member's own ambition level, in its words")
    kind: AgreementKind = Field(default="purchase", description=KIND_HELP)
    rent: float | None = Field(default=None, ge=0, description="kind rent: the rent charged, DKK per year")
    market_rent: Quantity | None = Field(
        default=None, description="kind rent: the market rent of the premises, DKK per year, with its source")
    start: int | None = Field(default=None, ge=1900, le=2100, description="first year")
    end: int | None = Field(default=None, ge=1900, le=2100, description="last year")
    provenance: Provenance

    @model_validator(mode="after")
    def _ordered(self) -> Agreement:
        _years(self.start, self.end)
        if self.kind != "rent" and (self.rent is not None or self.market_rent is not None):
            raise ValueError("rent and market_rent belong to an agreement of kind: rent")
        return self

    def runs_in(self, year: int) -> bool:
        """Whether it holds in ``year`` (open start or end count as holding).

        Parameters
        ----------
        year : int
            The calendar year.

        Returns
        -------
        bool
            Whether the agreement holds then.
        """
        return (self.start is None or self.start <= year) and (self.end is None or self.end >= year)


class MemberJob(Frozen):
    """People in a supported scheme employed inside a member: hired (fleksjob, småjob...) or kept on
    special terms (retention), pejlemærke 4 of Kalundborg's strategy.

    Parameters
    ----------
    scheme : str
        The employment scheme (fleksjob, småjob, ressourceforløb, virksomhedspraktik, løntilskud,
        nytteindsats, ordinary or unknown).
    persons : float
        People employed, persons.
    fte : float, optional
        Their full-time equivalents, FTE.
    monthly_wage : float, optional
        Wage per person, DKK per month, pension included.
    full_time_wage : float, optional
        The position's full-time wage (lønloft), DKK per month.
    monthly_subsidy : float, optional
        The subsidy paid per person, DKK per month.
    provenance : Provenance
        Where the row's numbers come from.
    """

    member: str = Field(description="actor id of the member that employs them")
    scheme: Scheme
    purpose: Literal["hire", "retention"] = Field(
        default="hire", description="hire (a new person) or retention (an own employee kept on special terms)")
    persons: float = Field(ge=0)
    fte: float | None = Field(default=None, ge=0)
    hours_per_year: float | None = Field(default=None, ge=0, description="hours worked per year, all persons")
    monthly_wage: float | None = Field(default=None, ge=0)
    full_time_wage: float | None = Field(default=None, gt=0)
    monthly_subsidy: float | None = Field(default=None, ge=0)
    under_18: bool = Field(default=False, description="the persons are under 18 (true/false)")
    ledighedsydelse_level: LedighedsydelseLevel | None = Field(default=None, description=LEVEL_HELP)
    benefit_weeks: float | None = Field(default=None, ge=0, description=WEEKS_HELP)
    start: int | None = Field(default=None, ge=1900, le=2100, description="first year")
    end: int | None = Field(default=None, ge=1900, le=2100, description="last year")
    provenance: Provenance

    @model_validator(mode="after")
    def _ordered(self) -> MemberJob:
        _years(self.start, self.end)
        return self


class Enterprise(Frozen):
    """A social-economy enterprise in the catalogue: whether it is registered and who works there.

    Parameters
    ----------
    description : str, optional
        A description in words.
    provenance : Provenance
        Where the row's numbers come from.
    """

    actor: str = Field(description="actor id (a social enterprise)")
    registered: Registered = Field(
        description="a registreret socialøkonomisk virksomhed (lov nr. 711 af 25/06/2014): yes, no or unknown")
    legal_form: str | None = Field(default=None, description="company, association, ...")
    staff: float | None = Field(default=None, ge=0, description="people working there")
    staff_supported: float | None = Field(default=None, ge=0, description="of whom in a supporting scheme")
    staff_scheme: Scheme | None = Field(default=None, description="the scheme most of them are in")
    description: str | None = None
    provenance: Provenance


class CatalogueEntry(Frozen):
    """One service in the joint product catalogue (pejlemærke 3): what an enterprise offers, and how
    much, at what price and with how many supported hours, where published.

    Parameters
    ----------
    service : str
        The service, in words (the same words on both sides).
    description : str, optional
        A description in words.
    supported_share : float, optional
        Share of the hours worked in a supporting scheme, 0-1.
    scheme : str, optional
        The supporting scheme.
    provenance : Provenance
        Where the row's numbers come from.
    """

    provider: str = Field(description="actor id (a social enterprise)")
    service: str
    service_da: str | None = Field(default=None, description="the service in Danish, shown in Danish outputs")
    description: str | None = None
    capacity_hours: float | None = Field(default=None, gt=0, description="hours it can deliver per year")
    price: float | None = Field(default=None, ge=0, description="DKK per hour of service")
    supported_share: float | None = Field(default=None, ge=0, le=1)
    scheme: Scheme | None = None
    meets: tuple[str, ...] = Field(default=(), description=MEETS_HELP)
    provenance: Provenance


class Label(Frozen):
    """A CSR prize or label a company holds (pejlemærke 3).

    Parameters
    ----------
    provenance : Provenance
        Where the row's numbers come from.
    """

    holder: str = Field(description="actor id of the company that holds it")
    label: str = Field(description="the label or prize as named")
    awarded: int = Field(ge=1900, le=2100, description="year awarded")
    awarded_by: str | None = Field(default=None, description="who awards it")
    criteria: str | None = Field(default=None, description="what it takes, as published")
    provenance: Provenance


class PublicBuyer(Frozen):
    """A member bound by the ban on public support when it buys (a municipality or a company it owns).

    Parameters
    ----------
    actor : str
        The buyer's actor id.
    provenance : Provenance
        Where the row's numbers come from.
    """

    actor: str
    owner: str = Field(description="who owns it")
    authority: Authority | None = Field(
        default=None, description="the kind of contracting authority for the procurement thresholds: central "
        "(the state), sub-central (a municipality, a region or a body governed by public law) or utility "
        "(forsyningsvirksomhedsdirektivet); empty: not known, so procurement is not checked")
    provenance: Provenance


class Workplace(Frozen):
    """What the rimelighedskrav (BEK nr. 2636 af 28/12/2021 § 65) counts at one production unit.

    Every number is in full-time equivalents, the average of the last four
    months before the placements started (§ 65 stk. 4), for the whole
    workplace, not only the people on the network's service links.

    Parameters
    ----------
    actor : str
        The actor whose production unit it is.
    provenance : Provenance
        Where the row's numbers come from.
    """

    actor: str
    p_number: str | None = Field(default=None, description="the production unit's P-number")
    employees_fte: float | None = Field(default=None, ge=0, description="everyone employed, FTE")
    subsidised_fte: float | None = Field(
        default=None, ge=0, description="of them employed with a public wage subsidy (fleksjob, løntilskud...), FTE")
    under_18_fte: float | None = Field(default=None, ge=0, description="of them under 18, FTE")
    praktik_fte: float | None = Field(
        default=None, ge=0, description="people in virksomhedspraktik (incl. ressourceforløb and jobafklaring in "
        "praktik), FTE")
    loentilskud_fte: float | None = Field(default=None, ge=0, description="people employed with løntilskud, FTE")
    nytteindsats_fte: float | None = Field(default=None, ge=0, description="people in nytteindsats, FTE")
    months_averaged: int | None = Field(default=None, ge=1, le=12,
                                        description="months the numbers are averaged over (§ 65: 4)")
    written_statement: bool | None = Field(
        default=None, description="the employer and the employees' representative gave the written statement "
        "§ 65 stk. 6 asks for before the placements (true/false; empty: not recorded)")
    provenance: Provenance


def check_social_economy(c) -> None:
    """Every actor the social-economy rows name exists, enterprises are social enterprises, members
    are members, and a framework an agreement names exists (a validation rule, see
    :mod:`symbiosis.model.validation`)."""
    net = c.net
    frameworks = {f.id: f for f in net.frameworks}
    for i, f in enumerate(net.frameworks):
        for k, m in enumerate(f.members):
            c.known(f"frameworks[{i}].members[{k}]", m, c.actors, "actor")
        c.source(f"frameworks[{i}].provenance", f.provenance)
    for i, a in enumerate(net.agreements):
        path = f"agreements[{i}]"
        if c.known(f"{path}.member", a.member, c.actors, "actor") and not c.actors[a.member].member:
            c.add(f"{path}.member", f"'{a.member}' is not a member of the symbiosis (member: true)")
        if a.framework is not None:
            c.known(f"{path}.framework", a.framework, frameworks, "framework agreement")
        for k, e in enumerate(a.enterprises):
            _enterprise(c, f"{path}.enterprises[{k}]", e)
        c.source(f"{path}.provenance", a.provenance)
        if a.market_rent is not None:
            c.source(f"{path}.market_rent", a.market_rent)
    for name, rows, who in (("member_jobs", net.member_jobs, "member"), ("public_buyers", net.public_buyers, "actor"),
                            ("labels", net.labels, "holder"), ("workplaces", net.workplaces, "actor")):
        for i, row in enumerate(rows):
            c.known(f"{name}[{i}].{who}", getattr(row, who), c.actors, "actor")
            c.source(f"{name}[{i}].provenance", row.provenance)
    for i, j in enumerate(net.member_jobs):
        if j.member in c.actors and not c.actors[j.member].member:
            c.add(f"member_jobs[{i}].member", f"'{j.member}' is not a member of the symbiosis (member: true)")
    for name, rows, who in (("enterprises", net.enterprises, "actor"), ("catalogue", net.catalogue, "provider")):
        for i, row in enumerate(rows):
            _enterprise(c, f"{name}[{i}].{who}", getattr(row, who))
            c.source(f"{name}[{i}].provenance", row.provenance)
    seen: dict[str, int] = {}
    for i, e in enumerate(net.enterprises):
        if e.actor in seen:
            c.add(f"enterprises[{i}].actor", f"'{e.actor}' is already at enterprises[{seen[e.actor]}]; merge the two")
        seen[e.actor] = i
    ids: dict[str, int] = {}
    for name, rows in (("frameworks", net.frameworks), ("agreements", net.agreements)):
        for i, row in enumerate(rows):
            if row.id in ids:
                c.add(f"{name}[{i}].id", f"'{row.id}' is used twice; give each {name[:-1]} its own id")
            ids[row.id] = i
    for i, link in enumerate(net.service_links):
        if link.contractor is not None and c.known(f"service_links[{i}].contractor", link.contractor, c.actors,
                                                   "actor") and link.contractor in (link.provider, link.client):
            c.add(f"service_links[{i}].contractor", "the contractor is a third firm between client and provider; "
                  "leave it out when the provider holds the contract")


def _enterprise(c, path: str, actor: str) -> None:
    if c.known(path, actor, c.actors, "actor") and c.actors[actor].kind != "social_enterprise":
        c.add(path, f"'{actor}' is of kind '{c.actors[actor].kind}', not a social_enterprise")
