"""The aims of the seeds' frameworks as data: Kalundborg's five pejlemærker (seed 002) and Kolding's
five design principles (seed 003), each with its titles in the documents' own Danish words, an English
label and the indicators that measure it. :mod:`symbiosis.social.frameworks` assesses them.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["AIMS", "Aim", "DESIGN_PRINCIPLES", "PEJLEMAERKER", "SEED_KALUNDBORG", "SEED_KOLDING"]

SEED_KALUNDBORG = ("Kalundborg Kommune, Den socialøkonomiske og virksomhedsrettede rummelighedsstrategi "
                   "(undated, after 2016), /work/shared/seeds/002_de6e678f2df81c81.txt")
SEED_KOLDING = ("Kolding Kommune, Politik for socialøkonomi og socialt ansvar (2024), "
                "/work/shared/seeds/003_dd60a8894af52a35.txt")


@dataclass(frozen=True)
class Aim:
    """One pejlemærke or design principle: its words, what measures it and where it is from."""

    framework: str  # "kalundborg" or "kolding"
    key: str
    number: int
    title_da: str
    title_en: str
    quote: str  # what it asks for, in the document's words
    indicators: tuple[str, ...]  # what measures it here
    source: str
    per_member: bool = True


PEJLEMAERKER = (
    Aim("kalundborg", "P1", 1, "Stærkere kobling mellem socialøkonomiske og almindelige private virksomheder",
        "Stronger links between social-economy and ordinary private companies",
        "at danne nye partnerskaber på tværs af socialøkonomiske og private virksomheder",
        ("service links from social-economy enterprises to private members (directly or through a contractor)",),
        SEED_KALUNDBORG + ", lines 151-217"),
    Aim("kalundborg", "P2", 2, "Større kommunal anerkendelse af socialt medansvar og rummelighed",
        "Greater municipal recognition, with the kommune's own purchasing as a lever",
        "bruge de kommunale indkøb som en motor til at styrke socialøkonomien ... så længe det sker i "
        "overensstemmelse med ... lovgivnings- og forvaltningsmæssige rammer",
        ("the kommune's and its companies' purchases from social-economy enterprises (DKK/yr)",
         "public purchases above the market price (illegal support)",
         "the yearly dialogmøde with Unge- og Beskæftigelsesudvalget (not recorded in the data)",
         "recognition of firms that keep their own employees on special terms (fastholdelse): labels the kommune "
         "awards, and retention jobs inside members"),
        SEED_KALUNDBORG + ", lines 221-295"),
    Aim("kalundborg", "P3", 3, "Større promovering af de socialt ansvarlige og rummelige virksomheder",
        "Greater promotion: CSR prize and label, a joint product catalogue, an objective social measure",
        "Større objektivitet i forhold til at måle den sociale bundlinje ... et fælles produktkatalog over, hvad "
        "de socialøkonomiske virksomheder kan tilbyde",
        ("CSR labels and prizes held", "catalogue entries with published capacity and price",
         "the social index against its targets"),
        SEED_KALUNDBORG + ", lines 301-358"),
    Aim("kalundborg", "P4", 4, "Rummelighed og socialt medansvar er for alle typer virksomheder",
        "Inclusion is for every company: fleksjob, småjob and job retention inside the members",
        "fastholde deres medarbejdere, eller ... ansætte medarbejdere med nedsat arbejdsevne. Det kan være i "
        "fleksjob og småjob",
        ("people in supported schemes employed or kept inside members, by scheme and purpose",),
        SEED_KALUNDBORG + ", lines 383-443"),
    Aim("kalundborg", "P5", 5, "Tydelig dialog og klare aftaler med alle typer virksomheder",
        "Clear dialogue and agreements with each company at its own ambition level",
        "graden af rummelighed og socialt medansvar, som den enkelte er parat til at tage; aftaler, der skal "
        "tilpasses den enkelte virksomheds ambitionsniveau og behov (seed 000)",
        ("members with a signed agreement of their own under the framework agreement",),
        SEED_KALUNDBORG + ", lines 445-497"),
)

DESIGN_PRINCIPLES = (
    Aim("kolding", "D1", 1, "Fra én til flere bundlinjer – i et totaløkonomisk perspektiv",
        "From one to several bottom lines, in a total-economy perspective",
        "vi vægter den miljømæssige og sociale bundlinje på lige fod med den økonomiske",
        ("economy, environment and social line each measured",), SEED_KOLDING + ", lines 192-210",
        per_member=False),
    Aim("kolding", "D2", 2, "Fra siloer til helheder – på tværs af fagområder og indsatser, internt og eksternt",
        "From silos to wholes: across budgets (client, kommune, state)",
        "vi ser på tværs af organisatoriske skel og økonomiske kasser",
        ("value per payer: client, kommune, state; every input known",), SEED_KOLDING + ", lines 212-216",
        per_member=False),
    Aim("kolding", "D3", 3, "Fra mindst mulig skade til mest mulig gavn – med fokus på et fælles udbytte",
        "From least harm to most good: a shared gain",
        "Vores indsats skal ikke blot undgå at gøre skade, men gøre mest mulig gavn, og regenerere vores økosystem "
        "og samfund",
        ("net good on each line: cost saved, CO2e avoided, public-economy value",
         "regeneration: residual streams back in use"), SEED_KOLDING + ", lines 218-223", per_member=False),
    Aim("kolding", "D4", 4, "Fra spild til ressource – så alle talenter og bidrag kan bringes i spil og skabe værdi",
        "From waste to resource: residuals and talents",
        "Alt er en ressource, intet går til spilde",
        ("residual streams the member supplies", "tonnes diverted from disposal and moved from another use, "
         "people in supported employment and offers"),
        SEED_KOLDING + ", lines 224-228"),
    Aim("kolding", "D5", 5, "Fra eje til at dele – i udviklingen af nye veje gennem partnerskaber",
        "From owning to sharing: partnerships",
        "vi deler og viderebringer vores produkter og ressourcer til næste bruger",
        ("streams, service links and agreements the member takes part in",), SEED_KOLDING + ", lines 230-234"),
)
AIMS = PEJLEMAERKER + DESIGN_PRINCIPLES
