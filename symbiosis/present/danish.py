"""Danish as a kommune writes it, for the social line: numbers, percentages and plurals through Babel
(85.238.970; 3,5 %; 0,422; "1 aftale", "2 aftaler"), and the catalogue of the social line's messages,
English -> Danish (:data:`CATALOGUE`).

:func:`say` renders a message of the social line in a language: in Danish each phrase of the catalogue
is replaced (longest first), numbers written the English way inside the text are rewritten the Danish
way, and ``word(s)`` plurals are resolved by Babel's plural rule. Data strings (ids, names, sources) are
not messages and are never translated.

>>> num(85_238_970, "da"), pct(0.035, "da", 1), num(0.422, "da", 3)
('85.238.970', '3,5 %', '0,422')
>>> plural("1 link(s) to 2 private member(s)"), plural("1 aftale(r) med 1 privat(e) medlem(mer)", "da")
('1 link to 2 private members', '1 aftale med 1 privat medlem')
>>> say("not valued: the scheme is not published", "da")
'ikke værdisat: ordningen er ikke offentliggjort'
"""

from __future__ import annotations

import math
import re

from symbiosis.model.money import in_currency
from symbiosis.present.formatting import number

__all__ = ["CATALOGUE", "num", "pct", "plural", "say"]

_LOCALE = {"da": "da_DK", "en": "en_GB"}


def num(x: float | None, lang: str = "en", digits: int | None = None) -> str:
    """A number for people in ``lang``: ``-`` for None or NaN; Danish via Babel (``85.238.970``, ``0,42``)."""
    if lang != "da" or x is None or not math.isfinite(x):
        return number(x, digits=digits, lang=lang)
    from babel.numbers import format_decimal

    if digits is None:
        digits = 0 if abs(x) >= 10 or float(x).is_integer() else 2
    x = round(float(x), digits)
    text = format_decimal(0.0 if x == 0 else x, format="#,##0" + ("." + "0" * digits if digits else ""),
                          locale=_LOCALE["da"])
    return text.replace("\u2212", "-")


def pct(x: float | None, lang: str = "en", digits: int = 0) -> str:
    """A share (0-1) as a percentage: ``3.5%`` in English, ``3,5 %`` in Danish (Babel); ``-`` if unknown."""
    if x is None or not math.isfinite(x):
        return "-"
    if lang != "da":
        return f"{x:.{digits}%}"
    from babel.numbers import format_percent

    return format_percent(x, format="#,##0" + ("." + "0" * digits if digits else "") + " %",
                          locale=_LOCALE["da"]).replace("\xa0", " ")


_PLURAL = re.compile(r"(?P<n>-?\d[\d.,]*) (?:(?P<adj>\w+)\((?P<adj_s>\w+)\) )?(?P<word>\w+)\((?P<s>\w+)\)")


def _count(n: str, lang: str) -> float:
    text = n.replace(".", "").replace(",", ".") if lang == "da" else n.replace(",", "")
    try:
        return float(text)
    except ValueError:
        return 2.0


def plural(text: str, lang: str = "en") -> str:
    """Resolve ``N word(s)`` (and ``N adjective(e) word(er)``) by the number, with Babel's plural rule."""
    from babel import Locale

    rule = Locale.parse(_LOCALE.get(lang, "en_GB"))

    def one(m: re.Match) -> str:
        many = rule.plural_form(_count(m["n"], lang)) != "one"
        adj = f"{m['adj']}{m['adj_s'] if many else ''} " if m["adj"] else ""
        return f"{m['n']} {adj}{m['word']}{m['s'] if many else ''}"

    text = _PLURAL.sub(one, text)
    return re.sub(r"(\w+)\((\w+)\)", r"\1\2", text)   # a plural without a number before it: the plural


_EN_NUMBER = re.compile(r"(?<![\w.,/])-?\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\w|,\d)|(?<![\w.,/])-?\d+\.\d+(?!\w|\.\d)")


def _danish_numbers(text: str) -> str:
    return _EN_NUMBER.sub(lambda m: m[0].replace(",", "\0").replace(".", ",").replace("\0", "."), text)


#: The social line's messages and the phrases they are built of, English -> Danish. Longest phrases
#: are replaced first, so a sentence is translated whole where it is listed whole.
CATALOGUE: dict[str, str] = {
    # public economy notes (symbiosis.social.public)
    "not valued: kept on in fleksjob (retention), so the counterfactual is not ledighedsydelse (sygedagpenge, "
    "førtidspension or the job on ordinary terms; not recorded)":
        "ikke værdisat: fastholdt i fleksjob, så alternativet er ikke ledighedsydelse (sygedagpenge, "
        "førtidspension eller jobbet på almindelige vilkår; ikke oplyst)",
    "ledighedsydelse level not recorded: valued at the kontanthjælp level (a lower bound; give "
    "ledighedsydelse_level: high after 9 months in fleksjob within 18 months)":
        "ledighedsydelsens niveau er ikke oplyst: værdisat på kontanthjælpsniveau (en nedre grænse; angiv "
        "ledighedsydelse_level: high efter 9 måneder i fleksjob inden for 18 måneder)",
    "no wage recorded: subsidy at its maximum, tax not counted (a lower bound)":
        "ingen løn oplyst: tilskud på maksimum, skat ikke medregnet (en nedre grænse)",
    "full-time wage not recorded: lønloft": "fuldtidslønnen er ikke oplyst: lønloft",
    "DKK/month derived from the FTE share": "kr./md. udledt af andelen af et årsværk",
    "(give full_time_wage)": "(angiv full_time_wage)",
    "lønloft not applied (no full_time_wage, and no FTE share below 1): subsidy an upper bound":
        "lønloft ikke anvendt (ingen full_time_wage og ingen andel af et årsværk under 1): tilskuddet er en "
        "øvre grænse",
    "not valued: give monthly_wage (kontanthjælp falls by the earnings, LAS § 31)":
        "ikke værdisat: angiv monthly_wage (kontanthjælpen nedsættes med indtægten, LAS § 31)",
    "no hours recorded: the hourly disregard is not applied (an upper bound)":
        "ingen timer oplyst: timefradraget er ikke anvendt (en øvre grænse)",
    "not valued: give a 'loentilskud_subsidy' factor (DKK per FTE-year) and FTE":
        "ikke værdisat: angiv faktoren 'loentilskud_subsidy' (kr. pr. årsværk) og årsværk",
    "no wage recorded: tax not counted": "ingen løn oplyst: skat ikke medregnet",
    "not valued: the scheme is not published": "ikke værdisat: ordningen er ikke offentliggjort",
    "the person keeps the benefit during the scheme": "personen beholder ydelsen under forløbet",
    # SROI notes (symbiosis.social.sroi)
    "client purchase not known for": "købernes køb ukendt for",
    "(give service_links[].annual_value)": "(angiv service_links[].annual_value)",
    "price against market not known for": "pris mod markedspris ukendt for",
    ": no premium counted as input": ": intet merbeløb regnet som input",
    "jobcenter cost not counted (give --factor jobcenter_cost=DKK per person-year)":
        "jobcentrets omkostning ikke medregnet (angiv --factor jobcenter_cost=kr. pr. person-år)",
    "(see the public-economy notes)": "(se noterne om offentlig økonomi)",
    "no input known: the ratio is undefined": "intet input kendt: forholdet er udefineret",
    "not valued:": "ikke værdisat:",
    # coverage (symbiosis.social.coverage)
    "nothing is recorded; the framework agreement": "intet er registreret; rammeaftalen",
    "says each member's own agreement was to follow, and none is recorded":
        "siger, at hvert medlems egen aftale skulle følge, og ingen er registreret",
    "nothing is recorded": "intet er registreret",
    "records that it has none": "registrerer, at det ikke har nogen",
    "is only planned": "er kun planlagt",
    # rule checks (symbiosis.social.rules): the rule names and the recurring phrases
    "rimelighedskrav § 65 stk. 6": "rimelighedskrav § 65 stk. 6",
    "market price": "markedspris",
    "written statement given": "skriftlig udtalelse givet",
    "no written statement from the employer and the employees' representative":
        "ingen skriftlig udtalelse fra arbejdsgiver og medarbejderrepræsentant",
    "asks for a written statement from the employer and the employees' representative before the placements":
        "kræver en skriftlig udtalelse fra arbejdsgiver og medarbejderrepræsentant før placeringerne",
    "asks for one before the placements": "kræver en før placeringerne",
    "give price and market_price to check the price against the market":
        "angiv price og market_price for at tjekke prisen mod markedet",
    "is a private buyer: above market would be a departure from the market-terms model, not a breach of law":
        "er en privat køber: over markedspris ville være en afvigelse fra markedsvilkårsmodellen, ikke et "
        "lovbrud",
    "is a public buyer: above market would be support it may not give":
        "er en offentlig køber: over markedspris ville være støtte, den ikke må give",
    "no law is broken (the ban on support binds public buyers), but it departs from the framework "
    "agreement's model that the enterprises live on market terms":
        "ingen lov er brudt (forbuddet mod støtte binder offentlige købere), men det afviger fra "
        "rammeaftalens model om, at virksomhederne lever på markedsvilkår",
    "is support, which a public buyer may not give": "er støtte, som en offentlig køber ikke må give",
    "above market on": "over markedspris af",
    "above market": "over markedspris",
    "agree a price of": "aftal en pris på",
    "lower the price to": "sænk prisen til",
    "against a market price of": "mod en markedspris på",
    "against market": "mod markedspris",
    "a private company": "en privat virksomhed",
    "a municipality": "en kommune",
    "owned by": "ejet af",
    " pays ": " betaler ",
    " for '": " for '",
    "FTE in praktik/løntilskud/nytteindsats": "årsværk i praktik/løntilskud/nytteindsats",
    "FTE placed under LAB kap. 11-13": "årsværk placeret efter LAB kap. 11-13",
    "employed": "ansatte",
    "with wage subsidy": "med løntilskud",
    "under 18": "under 18 år",
    "ordinary allow": "ordinære tillader",
    "too many: end placements or hire": "for mange: afslut placeringer eller ansæt",
    "more ordinary staff": "flere ordinære medarbejdere",
    "the workplace counts everyone, so correct it": "arbejdspladsen tæller alle, så ret det",
    "fewer than the": "færre end de",
    "on the network's links": "på netværkets aftaler",
    "counts the whole workplace: give": "tæller hele arbejdspladsen: angiv",
    "the average of the last 4 months": "gennemsnittet af de seneste 4 måneder",
    "includes ressourceforløb and jobafklaring in praktik": "omfatter ressourceforløb og jobafklaring i praktik",
    "the statement of stk. 6": "udtalelsen efter stk. 6",
    "Provisionally, from the links and the": "Foreløbigt, ud fra aftalerne og de",
    "employees recorded": "registrerede ansatte",
    "ordinary": "ordinære",
    "wage": "løn",
    "fleksløntilskud": "fleksløntilskud",
    "the full-time wage is not recorded": "fuldtidslønnen er ikke oplyst",
    "derived from the FTE share": "udledt af andelen af et årsværk",
    "so fleksløntilskud": "så fleksløntilskud",
    "no lønloft applied, so fleksløntilskud at most": "intet lønloft anvendt, så fleksløntilskud højst",
    "to check the lønloft": "for at tjekke lønloftet",
    "to check": "for at tjekke",
    "FTE": "årsværk",
    "give": "angiv",
    "DKK/month": "kr./md.",
    "DKK/yr": "kr./år",
    "DKK/unit": "kr./enhed",
    "(lønloft)": "(lønloft)",
    "exceeds the full-time wage": "overstiger fuldtidslønnen",
    "by": "med",
    "recorded fleksløntilskud": "registreret fleksløntilskud",
    "but the rules give": "men reglerne giver",
    "at a wage of": "ved en løn på",
    "then capped so that wage + subsidy is at most the full-time wage":
        "derefter begrænset, så løn + tilskud højst er fuldtidslønnen",
    "up to": "op til",
    "above": "over",
    "derived here": "udledt her",
    "a fleksjob wage of 0; the employer must pay a wage for the work done, or no fleksløntilskud is paid":
        "en fleksjobløn på 0; arbejdsgiveren skal betale løn for arbejdet, ellers udbetales intet "
        "fleksløntilskud",
    "and full_time_wage (the lønloft) to check the fleksløntilskud":
        "og full_time_wage (lønloftet) for at tjekke fleksløntilskuddet",
    "(DKK/month incl. pension)": "(kr./md. inkl. pension)",
    "averaged over": "gennemsnit over",
    "months; § 65 stk. 4 averages the ordinary staff over the last 4 months before the placements started":
        "måneder; § 65 stk. 4 bruger gennemsnittet af de ordinære ansatte over de seneste 4 måneder før "
        "placeringerne",
    "(FTE, the average of the last 4 months before the placements started) to check § 65":
        "(årsværk, gennemsnittet af de seneste 4 måneder før placeringerne) for at tjekke § 65",
    "subsidised labour priced under the market can distort competition; check the price":
        "støttet arbejdskraft prissat under markedet kan forvride konkurrencen; tjek prisen",
    "below the market price": "under markedsprisen",
    "sells": "sælger",
    # the service assignment (symbiosis.planning.assignment, symbiosis.engine.services)
    "max supported FTE, then min cost": "flest støttede årsværk, derefter lavest omkostning",
    "supported FTE": "støttede årsværk",
    "min cost": "min. omkostning",
    "new agreement:": "ny aftale:",
    "covered by": "dækket af",
    "a public buyer: through the procurement rules (udbudsloven)":
        "en offentlig køber: efter udbudsreglerne (udbudsloven)",
    "under": "under",
    "with": "med",
    "h/yr": "t/år",
    " to ": " til ",
    " at ": " til ",
}
_ORDER = sorted(CATALOGUE, key=len, reverse=True)
_SINGLE_WORD = {k for k in CATALOGUE if re.fullmatch(r"\w+", k)}


def say(text: str, lang: str = "en") -> str:
    """``text`` (a message of the social line) in ``lang``: catalogue phrases, number format, plurals."""
    if lang != "da" or not text:
        return in_currency(plural(text, lang)) if text else text
    out, done = text, []
    for en in _ORDER:   # each phrase becomes a token first, so Danish text is never translated again
        if en not in out:
            continue
        token = f"\0{len(done)}\0"
        pattern = rf"(?<!\w){re.escape(en)}(?!\w)" if en in _SINGLE_WORD else re.escape(en)
        out, n = re.subn(pattern, token, out)
        if n:
            done.append(CATALOGUE[en])
    out = _danish_numbers(out)
    out = re.sub(r"\0(\d+)\0", lambda m: done[int(m[1])], out)
    out = re.sub(r"(\d)%", r"\1 %", out)
    return in_currency(plural(out, "da"))
