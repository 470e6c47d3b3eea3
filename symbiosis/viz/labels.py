"""The words on the stakeholder page, in English and Danish.

Only the page's own words are translated; names that come from data (actors,
resources, services) are shown as written in the network file.

>>> label("virgin", "da")
'Jomfruelig forsyning'
>>> label("no-such-key", "da")
'no-such-key'
"""

from __future__ import annotations

from symbiosis.model.money import in_currency

__all__ = ["LANGS", "check_lang", "label"]

LANGS = ("en", "da")

_WORDS: dict[str, tuple[str, str]] = {
    # page
    "report_title": ("Industrial symbiosis: who gives what to whom", "Industriel symbiose: hvem giver hvad til hvem"),
    "summary": ("Summary", "Sammenfatning"),
    "generated": ("Made with symbiosis", "Lavet med symbiosis"),
    "sources_note": ("Every number has a source: run `symbiosis show {net} --sources`.",
                     "Hvert tal har en kilde: kør `symbiosis show {net} --sources`."),
    "how_to_read": ("How to read it", "Sådan læses den"),
    # summary sentences
    "s_network": ("{name} in {year}: {actors} actors, {streams} running streams of residuals and {links}.",
                  "{name} i {year}: {actors} aktører, {streams} aktive strømme af restprodukter og {links}."),
    "se_link": ("social-economy service link", "serviceaftale med socialøkonomiske virksomheder"),
    "se_links": ("social-economy service links", "serviceaftaler med socialøkonomiske virksomheder"),
    "s_today": ("Compared with no symbiosis at all, today's exchanges save",
                "Sammenlignet med slet ingen symbiose sparer dagens udvekslinger"),
    "s_year": ("Compared with no symbiosis at all, the exchanges of {year} save",
               "Sammenlignet med slet ingen symbiose sparer udvekslingerne i {year}"),
    "s_best": ("Using the same streams as well as possible would save {cost} and avoid {co2e}.",
               "Bruges de samme strømme bedst muligt, spares {cost}, og {co2e} undgås."),
    "s_changes": ("The optimiser would change {n} of today's streams and processes; worth most: {items}.",
                  "Optimeringen ville ændre {n} af dagens strømme og processer; mest værd: {items}."),
    "s_changes_year": ("The optimiser would change {n} of the streams and processes of {year}; worth most: {items}.",
                       "Optimeringen ville ændre {n} af strømmene og processerne i {year}; mest værd: {items}."),
    "s_nochange_year": ("The flows of {year} are already the best use of the running streams.",
                        "Strømmene i {year} er allerede den bedste brug af de aktive forbindelser."),
    "s_worth": ("worth {value}/yr", "værd {value}/år"),
    "s_nochange": ("Today's flows are already the best use of the running streams.",
                   "Dagens strømme er allerede den bedste brug af de aktive forbindelser."),
    "s_ties": ("Where several uses are equally good (a tie), today's flow is kept: {n} such ties are not "
               "recommendations.", "Hvor flere anvendelser er lige gode, beholdes dagens strøm: {n} sådanne er "
               "ikke anbefalinger."),
    "s_ties_year": ("Where several uses are equally good (a tie), the flow of {year} is kept: {n} such ties are not "
                    "recommendations.", "Hvor flere anvendelser er lige gode, beholdes strømmen i {year}: {n} "
                    "sådanne er ikke anbefalinger."),
    "s_unchecked": ("The tie check covered {checked} of {decisions} decisions within its time budget; for the other "
                    "{left} the optimised value is one optimal solution's (see --format json for which).",
                    "Kontrollen af lige gode løsninger nåede {checked} af {decisions} beslutninger inden for sin "
                    "tidsramme; for de øvrige {left} er den optimerede værdi én optimal løsnings (se --format json)."),
    "s_convention": ("Every number follows one accounting convention: {name} (docs/accounting.md).",
                     "Alle tal følger én regnskabskonvention: {name} (docs/accounting.md)."),
    "s_history": ("The first exchange began in {first}; {count} streams have run since.",
                  "Den første udveksling begyndte i {first}; {count} strømme har kørt siden."),
    # headline tiles
    "t_cost": ("saved per year", "sparet om året"),
    "t_co2e": ("CO2e avoided per year", "CO2e undgået om året"),
    "t_water": ("groundwater saved per year", "grundvand sparet om året"),
    "t_jobs": ("people in supported employment and offers", "personer i støttet beskæftigelse og tilbud"),
    "t_not_known": ("not known", "ukendt"),
    "t_jobs_known": ("people in supported employment and offers; known: {u:g} on a service link, scheme not "
                     "published", "personer i støttet beskæftigelse og tilbud; det vides: {u:g} på en serviceaftale, "
                     "ordningen ikke offentliggjort"),
    "t_jobs_split": ("people in supported employment and offers ({j:g} in jobs, {o:g} in offers and forløb)",
                     "personer i støttet beskæftigelse og tilbud ({j:g} i job, {o:g} i tilbud og forløb)"),
    # sections
    "map_title": ("The network: who gives what to whom", "Netværket: hvem giver hvad til hvem"),
    "map_help": ("Each dot is a company or organisation at its real position; each arrow a stream of a residual, "
                 "wider when more flows. Dashed lines are services bought from social-economy enterprises. "
                 "Click a legend entry to hide or show a kind of stream; hover for quantities and sources; "
                 "the buttons switch between the industrial area and the whole network, partners far away included.",
                 "Hver prik er en virksomhed eller organisation på sin rigtige placering; hver pil en strøm af et "
                 "restprodukt, bredere jo mere der strømmer. Stiplede linjer er ydelser købt hos socialøkonomiske "
                 "virksomheder. Klik på forklaringen for at skjule eller vise en slags strøm; hold musen over for "
                 "mængder og kilder; knapperne skifter mellem industriområdet og hele netværket med de fjerne "
                 "partnere."),
    "sankey_title": ("Where each resource comes from and goes to", "Hvor hver ressource kommer fra og går hen"),
    "sankey_help": ("Left: who supplies; middle: the resource; right: who receives. Virgin supply is what is "
                    "still bought new; disposal is what is still thrown away. One unit at a time: choose it above "
                    "the chart.",
                    "Til venstre: hvem leverer; i midten: ressourcen; til højre: hvem modtager. Jomfruelig forsyning "
                    "er det, der stadig købes nyt; bortskaffelse er det, der stadig smides væk. Én enhed ad gangen: "
                    "vælg den over diagrammet."),
    "score_title": ("The three bottom lines", "De tre bundlinjer"),
    "score_help": ("Big numbers: what today's symbiosis saves against no symbiosis. Below each: what the best "
                   "use of the same streams would save. Switch between the two ways of grouping with the buttons.",
                   "Store tal: hvad dagens symbiose sparer i forhold til ingen symbiose. Under hvert tal: hvad den "
                   "bedste brug af de samme strømme ville spare. Skift mellem de to grupperinger med knapperne."),
    "score_help_year": ("Big numbers: what the symbiosis of {year} saves against no symbiosis. Below each: what "
                        "the best use of the same streams would save. Switch between the two ways of grouping with "
                        "the buttons.",
                        "Store tal: hvad symbiosen i {year} sparer i forhold til ingen symbiose. Under hvert tal: hvad "
                        "den bedste brug af de samme strømme ville spare. Skift mellem de to grupperinger med "
                        "knapperne."),
    "wf_year_title": ("Cost per year: without symbiosis and in {year}, by company",
                      "Omkostning om året: uden symbiose og i {year}, pr. virksomhed"),
    "wf_best_year_title": ("Cost per year: in {year} and with the best use of the streams, by company",
                           "Omkostning om året: i {year} og med den bedste brug af strømmene, pr. virksomhed"),
    "evo_title": ("How the symbiosis grew", "Sådan voksede symbiosen"),
    "evo_help": ("Drag the slider or press play to see the network in any year since the first exchange.",
                 "Træk i skyderen eller tryk afspil for at se netværket i et hvilket som helst år siden den "
                 "første udveksling."),
    "hist_title": ("Streams running each year", "Aktive strømme hvert år"),
    "hist_undated": ("{n} streams have no recorded start year; they are counted from {year} only, the one year "
                     "they are known to run.",
                     "{n} strømme har intet opgjort startår; de tælles først fra {year}, det eneste år de vides at "
                     "køre."),
    "hist_undated_one": ("One stream has no recorded start year; it is counted from {year} only, the one year it "
                         "is known to run.",
                         "Én strøm har intet opgjort startår; den tælles først fra {year}, det eneste år den vides at "
                         "køre."),
    "wf_today_title": ("Cost per year: without symbiosis and today, by company",
                       "Omkostning om året: uden symbiose og i dag, pr. virksomhed"),
    "wf_best_title": ("Cost per year: today and with the best use of the streams, by company",
                      "Omkostning om året: i dag og med den bedste brug af strømmene, pr. virksomhed"),
    "wf_help": ("Each bar is one company's change in yearly cost (purchases, disposal, transport, operation). "
                "Green bars lower the total.",
                "Hver søjle er én virksomheds ændring i årlig omkostning (indkøb, bortskaffelse, transport, drift). "
                "Grønne søjler sænker det samlede beløb."),
    "mc_title": ("Uncertainty: range of outcomes", "Usikkerhed: udfaldsrum"),
    "pareto_title": ("Trade-offs: the best combinations", "Afvejninger: de bedste kombinationer"),
    "stress_title": ("Which loss would hurt most", "Hvilket tab ville gøre mest ondt"),
    "tornado_title": ("Which assumptions drive the savings", "Hvilke antagelser driver besparelsen"),
    "tornado_help": ("Most numbers in the data are estimates. Each bar moves one of them alone, from the low to "
                     "the high end of its stated range (or 25% either way where none is stated), and shows the "
                     "cost saved today against no symbiosis at each end; the line is the data's own value. The "
                     "longest bars are the numbers worth checking first. `symbiosis sensitivity` prints them all.",
                     "De fleste tal i data er skøn. Hver søjle flytter ét af dem alene, fra den lave til den høje "
                     "ende af dets angivne interval (eller 25 % til hver side, hvor intet er angivet), og viser "
                     "besparelsen i dag mod ingen symbiose ved hver ende; stregen er datas egen værdi. De længste "
                     "søjler er de tal, der er mest værd at efterprøve. `symbiosis sensitivity` viser dem alle."),
    "t_low": ("low end", "lav ende"),
    "t_high": ("high end", "høj ende"),
    "pareto_help": ("Each point is a way to run the network that no other way beats on every measure; moving "
                    "along the front trades one measure for another. `symbiosis pareto` prints the numbers.",
                    "Hvert punkt er en måde at drive netværket på, som ingen anden måde slår på alle mål; langs "
                    "fronten byttes et mål for et andet. `symbiosis pareto` udskriver tallene."),
    "pareto_measures": ("{x} against {y}", "{x} mod {y}"),
    "pareto_one": ("Here the best for one measure is the best for all: the front is a single point.",
                   "Her er det bedste for ét mål det bedste for alle: fronten er et enkelt punkt."),
    "m_cost": ("cost", "omkostning"),
    "m_co2e": ("CO₂e", "CO₂e"),
    "m_groundwater": ("groundwater", "grundvand"),
    "m_virgin_material": ("virgin material", "jomfrueligt materiale"),
    "m_disposed": ("disposed", "bortskaffet"),
    "m_social": ("people in supported employment and offers", "personer i støttet beskæftigelse og tilbud"),
    "u_cost": ("DKK/yr", "kr./år"),
    "u_co2e": ("t/yr", "t/år"),
    "u_groundwater": ("m³/yr", "m³/år"),
    "u_virgin_material": ("t/yr", "t/år"),
    "u_disposed": ("t/yr", "t/år"),
    "u_social": ("FTE", "FTE"),
    "tp_title": ("Over the years", "Over årene"),
    # figure words
    "virgin": ("Virgin supply", "Jomfruelig forsyning"),
    "close_up": ("Industrial area", "Industriområdet"),
    "whole_network": ("Whole network", "Hele netværket"),
    "disposal": ("Disposal", "Bortskaffelse"),
    "other_suppliers": ("Other suppliers", "Andre leverandører"),
    "other_receivers": ("Other receivers", "Andre modtagere"),
    # a large park (symbiosis.viz.clusters, the Sankey's and tables' limits)
    "clusters": ("Groups of companies (number in the dot)", "Grupper af virksomheder (antal i prikken)"),
    "cluster_of": ("{n} companies close together", "{n} virksomheder tæt på hinanden"),
    "cluster_near": ("{name} and {n} near it", "{name} og {n} nær ved"),
    "biggest": ("the biggest by value exchanged:", "de største efter udvekslet værdi:"),
    "and_more": ("… and {n} more", "… og {n} flere"),
    "streams_within": ("streams within the group", "strømme inden for gruppen"),
    "lines_left": ("{n} smaller connections not drawn", "{n} mindre forbindelser ikke tegnet"),
    "other_flows": ("Other, {n} flows", "Øvrige, {n} strømme"),
    "table_shown": ("The first {shown} of {n} rows; the whole table:",
                    "De første {shown} af {n} rækker; hele tabellen:"),
    "service_links": ("Social-economy services", "Socialøkonomiske ydelser"),
    "actors": ("Actors", "Aktører"),
    "quantity": ("Quantity", "Mængde"),
    "per_year": ("per year", "om året"),
    "since": ("since", "siden"),
    "until": ("until", "til"),
    "source": ("Source", "Kilde"),
    "not_recorded": ("not recorded", "ikke opgjort"),
    "unknown_start": ("start year not recorded", "startår ikke opgjort"),
    "throughput": ("Value exchanged", "Udvekslet værdi"),
    "streams_in": ("streams in", "strømme ind"),
    "streams_out": ("streams out", "strømme ud"),
    "loss": ("lost on the way", "tabt undervejs"),
    "replaces": ("replaces", "erstatter"),
    "service": ("Service", "Ydelse"),
    "annual_value": ("Annual value", "Årlig værdi"),
    "supported": ("Supported employees", "Støttede ansatte"),
    "year": ("Year", "År"),
    "play": ("Play", "Afspil"),
    "pause": ("Pause", "Pause"),
    "stream": ("stream", "strøm"),
    "streams": ("streams", "strømme"),
    "link": ("service link", "serviceaftale"),
    "links": ("service links", "serviceaftaler"),
    "best_possible": ("best use", "bedste brug"),
    "today": ("Today", "I dag"),
    "no_symbiosis": ("Without symbiosis", "Uden symbiose"),
    "best_use": ("Best use", "Bedste brug"),
    "change": ("Change", "Ændring"),
    "value": ("Value", "Værdi"),
    "median": ("median", "median"),
    "band_90": ("5-95 %", "5-95 %"),
    "band_50": ("25-75 %", "25-75 %"),
    "front": ("Pareto front", "Pareto-front"),
    "dominated": ("dominated", "domineret"),
    "lens_kalundborg": ("Economy · Environment · Social", "Økonomi · Miljø · Socialt"),
    "lens_kolding": ("People · Companies · Society", "Mennesker · Virksomheder · Samfund"),
    "unit": ("Unit", "Enhed"),
    # lines and lenses
    "economy": ("Economy", "Økonomi"),
    "environment": ("Environment", "Miljø"),
    "social": ("Social", "Socialt"),
    "people": ("People", "Mennesker"),
    "companies": ("Companies", "Virksomheder"),
    "society": ("Society", "Samfund"),
    # indicators
    "cost_saved": ("Cost saved", "Sparede omkostninger"),
    "co2e_avoided": ("CO2e avoided", "Undgået CO2e"),
    "groundwater_saved": ("Groundwater saved", "Sparet grundvand"),
    "virgin_avoided": ("Virgin material avoided", "Undgåede primære råstoffer"),
    "diverted": ("Diverted from disposal", "Holdt ude af bortskaffelse"),
    "moved_from_use": ("Moved from its counterfactual use", "Flyttet fra sin anvendelse uden symbiose"),
    "nutrient_avoided": ("Mineral nutrient avoided (net)", "Undgået mineralsk næringsstof (netto)"),
    "supported_persons": ("People in supported employment and offers",
                          "Personer i støttet beskæftigelse og tilbud"),
    "supported_fte": ("People in supported employment and offers (FTE)",
                      "Personer i støttet beskæftigelse og tilbud (årsværk)"),
    "supported_hours": ("Supported hours", "Støttede timer"),
    "public_value": ("Public-economy value", "Offentlig økonomisk værdi"),
    "framework_coverage": ("Framework agreement coverage", "Rammeaftalens dækning"),
    "agreement_coverage": ("Members with their own agreement", "Medlemmer med egen samarbejdsaftale"),
    "supported_share": ("Own staff in supported schemes per employee",
                        "Egne ansatte i støttede ordninger pr. medarbejder"),
    # actor kinds, as shown on the map
    "k_member": ("Symbiosis member", "Symbiosemedlem"),
    "k_industry": ("Company (not a member)", "Virksomhed (ikke medlem)"),
    "k_utility": ("Utility", "Forsyning"),
    "k_municipality": ("Municipality", "Kommune"),
    "k_social_enterprise": ("Social-economy enterprise", "Socialøkonomisk virksomhed"),
    "k_agriculture": ("Farm", "Landbrug"),
    "k_external": ("External market", "Eksternt marked"),
    "k_nature": ("Nature (lake, sea)", "Natur (sø, hav)"),
    # resource categories
    "c_energy": ("Energy", "Energi"),
    "c_water": ("Water", "Vand"),
    "c_material": ("Material", "Materialer"),
    "c_nutrient": ("Nutrient", "Næringsstoffer"),
    "c_fuel": ("Fuel", "Brændsel"),
    "c_feed": ("Feed", "Foder"),
    "c_waste": ("Waste", "Affald"),
    # the social bottom line (symbiosis.viz.social)
    "social_title": ("The social bottom line", "Den sociale bundlinje"),
    "social_help": ("The framework agreement of 2021 is \"en fælles målsætning om at optimere social "
                    "bæredygtighed, som alle medlemmer i Kalundborg Symbiose har forpligtet sig til\"; the members "
                    "work with social-economy enterprises \"som for eksempel leverandører af konkrete ydelser\", "
                    "and the enterprises \"skal kunne eksistere på markedsvilkår\". Below: an objective measure "
                    "against fixed, "
                    "sourced targets; Kalundborg's pejlemærker and Kolding's design principles, each yes, no or "
                    "unknown (nothing recorded is unknown, never no); hover a member's status for why.",
                    "Rammeaftalen fra 2021 er \"en fælles målsætning om at optimere social bæredygtighed, som alle "
                    "medlemmer i Kalundborg Symbiose har forpligtet sig til\"; medlemmerne samarbejder med "
                    "socialøkonomiske virksomheder \"som for eksempel leverandører af konkrete ydelser\", og "
                    "virksomhederne \"skal kunne eksistere på markedsvilkår\". Nedenfor: et objektivt mål mod faste "
                    "mål med "
                    "kilder; Kalundborgs pejlemærker og Koldings designprincipper, hver ja, nej eller ukendt (det, "
                    "der ikke er registreret, er ukendt, aldrig nej); hold musen over et medlems status for hvorfor."),
    "index_title": ("Social index {x} against its targets", "Socialt indeks {x} mod målene"),
    "pejle_title": ("Kalundborg's five pejlemærker", "Kalundborgs fem pejlemærker"),
    "kolding_title": ("Kolding's five design principles", "Koldings fem designprincipper"),
    "members_title": ("Per member", "Pr. medlem"),
    "payers_title": ("Public economy per payer", "Offentlig økonomi pr. betaler"),
    "payers_text": ("Of {rows} supported job rows, {valued} could be valued: kommune {k}, state {s}, in all {g} "
                    "DKK/yr gross; after deadweight, attribution and displacement {n}; headline public value {v} "
                    "DKK/yr. The clients pay {c} DKK/yr for the services.",
                    "Af {rows} rækker med støttede job kunne {valued} værdisættes: kommune {k}, stat {s}, i alt "
                    "{g} kr./år brutto; efter dødvægt, attribution og fortrængning {n}; offentlig værdi {v} "
                    "kr./år. Køberne betaler {c} kr./år for ydelserne."),
    "coverage_text": ("{yes} of {n} members buy from a social-economy enterprise; unknown: {unknown}; no: {no}.",
                      "{yes} af {n} medlemmer køber hos en socialøkonomisk virksomhed; ukendt: {unknown}; "
                      "nej: {no}."),
    "assign_title": ("Which enterprise could serve which member, at no extra cost",
                     "Hvilken virksomhed kunne betjene hvilket medlem, uden ekstra omkostning"),
    "assign_text": ("{f} supported FTE at {c} DKK/yr against {m} DKK/yr at market prices.",
                    "{f} støttede årsværk for {c} kr./år mod {m} kr./år til markedspris."),
    "assign_missing": ("Not run on this data; it needs:", "Ikke kørt på disse data; den kræver:"),
    "assign_not_run": ("Not computed for this page (run `symbiosis score`).",
                       "Ikke beregnet til denne side (kør `symbiosis score`)."),
    "st_yes": ("yes", "ja"), "st_no": ("no", "nej"), "st_unknown": ("unknown", "ukendt"), "st_na": ("n/a", "-"),
    "col_indicator": ("Indicator", "Indikator"), "col_value": ("Value", "Værdi"), "col_target": ("Target", "Mål"),
    "col_score": ("Score", "Score"), "col_source": ("Source of the target", "Kilde til målet"),
    "col_aim": ("Aim", "Mål"), "col_status": ("Status", "Status"), "col_measured": ("Measured", "Målt"),
    "col_why": ("Why", "Hvorfor"), "col_member": ("Member", "Medlem"), "col_enterprise": ("Enterprise", "Virksomhed"),
    "col_service": ("Service", "Ydelse"), "col_hours": ("Hours/yr", "Timer/år"), "col_fte": ("Supported FTE",
                                                                                            "Støttede årsværk"),
    "col_agreement": ("Agreement", "Aftale"),
    # scenarios and recorded runs over a horizon
    "hz_path_title": ("{name} over the years", "{name} over årene"),
    "hz_path_help": ("Scenario '{scenario}', {start}-{end}: the value each year, on the network the scenario's "
                     "events leave in that year.",
                     "Scenarie '{scenario}', {start}-{end}: værdien hvert år, på netværket som scenariets "
                     "hændelser efterlader det år."),
    "hz_band_title": ("{name}: range over {n} samples", "{name}: udfaldsrum over {n} stikprøver"),
    "hz_band_help": ("The line is the median of the Monte Carlo samples; the band holds 90 % of them "
                     "(5th to 95th percentile).",
                     "Linjen er medianen af Monte Carlo-stikprøverne; båndet rummer 90 % af dem "
                     "(5. til 95. percentil)."),
    "hz_wf_title": ("Cost by company: {base} against {last}", "Omkostning pr. virksomhed: {base} mod {last}"),
    "hz_wf_help": ("How each company's yearly cost differs between the base network ({base}) and the scenario's "
                   "last year ({last}); green bars are savings.",
                   "Hvordan hver virksomheds årlige omkostning adskiller sig mellem grundnetværket ({base}) og "
                   "scenariets sidste år ({last}); grønne søjler er besparelser."),
    "hz_stress_help": ("Each company taken out in turn, the rest re-optimised: the cost savings the symbiosis "
                       "would lose per year.",
                       "Hver virksomhed taget ud én ad gangen og resten genoptimeret: de besparelser symbiosen "
                       "ville miste om året."),
    "hz_changed": ("Over {start}-{end}, scenario '{scenario}' ({events}): {items}.",
                   "Over {start}-{end}, scenarie '{scenario}' ({events}): {items}."),
    "hz_from_to": ("{name} went from {a} to {b}", "{name} gik fra {a} til {b}"),
    "hz_events": ("{n} events", "{n} hændelser"),
    "hz_event": ("1 event", "1 hændelse"),
    "hz_counts": ("streams running went from {s0} to {s1} and actors from {a0} to {a1}",
                  "kørende strømme gik fra {s0} til {s1} og aktører fra {a0} til {a1}"),
    "hz_run": ("These numbers come from run {run} ({samples}); the figures below show the medians.",
               "Tallene kommer fra kørsel {run} ({samples}); figurerne nedenfor viser medianerne."),
    "hz_samples": ("{n} Monte Carlo samples, seed {seed}", "{n} Monte Carlo-stikprøver, seed {seed}"),
    "hz_nosamples": ("no uncertainty", "uden usikkerhed"),
    "hz_lastyear": ("The figures from here on show the network of {year}, the last year of the horizon.",
                    "Figurerne herfra viser netværket i {year}, horisontens sidste år."),
}


def label(key: str, lang: str = "en") -> str:
    """The page's word for ``key`` in ``lang`` (``en`` or ``da``); the key itself if none is known."""
    pair = _WORDS.get(key)
    if pair is None:
        return key
    return in_currency(pair[1] if lang == "da" else pair[0])


def check_lang(lang: str) -> str:
    """``lang`` if it is one we speak, else a :class:`~symbiosis.errors.SymbiosisError` naming the valid ones."""
    if lang not in LANGS:
        from symbiosis.errors import fail

        raise fail("lang", f"unknown language '{lang}'; valid: {', '.join(LANGS)}")
    return lang
