"""The words on the stakeholder page: English message ids by key, Danish from the message catalogue
(:mod:`symbiosis.present.i18n`).

Only the page's own words are translated; names that come from data (actors,
resources, services) are shown as written in the network file, or as their ``name_da`` on a Danish page.

>>> label("virgin", "da")
'Primære råstoffer'
>>> label("no-such-key", "da")
'no-such-key'
"""

from __future__ import annotations

from symbiosis.errors import bad_parameter
from symbiosis.model.money import in_currency
from symbiosis.present.i18n import LANGS, N_, gettext_in

__all__ = ["LANGS", "check_lang", "label"]

_WORDS: dict[str, str | tuple[str, str]] = {
    # page
    "report_title": N_("Industrial symbiosis: who gives what to whom"),
    "summary": N_("Summary"),
    "generated": N_("Made with symbiosis"),
    "sources_note": N_("Every number has a source: run `symbiosis show {net} --sources`."),
    "how_to_read": N_("How to read it"),
    # summary sentences
    "s_network": N_("{name} in {year}: {actors} actors, {streams} running streams of residuals and {links}."),
    "se_link": N_("social-economy service link"),
    "se_links": N_("social-economy service links"),
    "s_today": N_("Compared with no symbiosis at all, today's exchanges save"),
    "s_year": N_("Compared with no symbiosis at all, the exchanges of {year} save"),
    "s_best": N_("Using the same streams as well as possible would save {cost} and avoid {co2e}."),
    "s_changes": N_("The optimiser would change {n} of today's streams and processes; worth most: {items}."),
    "s_changes_year": N_("The optimiser would change {n} of the streams and processes of {year}; worth most: {items}."),
    "s_nochange_year": N_("The flows of {year} are already the best use of the running streams."),
    "s_worth": N_("worth {value}/yr"),
    "s_worth_least": N_("worth at least {value}/yr (not re-solved)"),
    "s_ranked": N_("Ranked among the {k} re-solved; for the other {m} only a lower bound is known, so one of them "
                   "may be worth more."),
    "s_nochange": N_("Today's flows are already the best use of the running streams."),
    "s_ties": N_("Where several uses are equally good (a tie), today's flow is kept: {n} such ties are not "
                 "recommendations."),
    "s_ties_year": N_("Where several uses are equally good (a tie), the flow of {year} is kept: {n} such ties are not "
                      "recommendations."),
    "s_unchecked": N_("The tie check covered {checked} of {decisions} decisions within its time budget; for the other "
                      "{left} the optimised value is one optimal solution's (see --format json for which)."),
    "s_convention": N_("Every number follows one accounting convention: {name} (docs/accounting.md)."),
    "s_dependent": N_("{n} changes the optimiser would make rest on the accounting convention ({items}): another "
                    "shipped convention ({against}) reverses them or leaves them open, so they are not "
                    "recommendations."),
    "t_range": N_("{low} ({low_by}) to {high} ({high_by}) across the accounting conventions"),
    "s_history": N_("The first exchange began in {first}; {count} streams have run since."),
    # headline tiles
    "t_cost": N_("saved per year"),
    "t_co2e": N_("CO2e avoided per year"),
    "t_water": N_("groundwater saved per year"),
    "t_jobs": N_("people in supported employment and offers"),
    "t_not_known": N_("not known"),
    "t_jobs_known": N_("people in supported employment and offers; known: {u:g} on a service link, scheme not "
                       "published"),
    "t_jobs_split": N_("people in supported employment and offers ({j:g} in jobs, {o:g} in offers and forløb)"),
    # sections
    "map_title": N_("The network: who gives what to whom"),
    "map_help": N_("Each dot is a company or organisation at its real position; each arrow a stream of a residual, "
                   "wider when more flows. Dashed lines are services bought from social-economy enterprises. "
                   "Click a legend entry to hide or show a kind of stream; hover for quantities and sources; "
                   "the buttons switch between the industrial area and the whole network, partners far away included."),
    "sankey_title": N_("Where each resource comes from and goes to"),
    "sankey_help": N_("Left: who supplies; middle: the resource; right: who receives. Virgin supply is what is "
                      "still bought new; disposal is what is still thrown away. One unit at a time: choose it above "
                      "the chart."),
    "score_title": N_("The three bottom lines"),
    "score_help": N_("Big numbers: what today's symbiosis saves against no symbiosis. Below each: what the best "
                     "use of the same streams would save. Switch between the two ways of grouping with the buttons."),
    "score_help_year": N_("Big numbers: what the symbiosis of {year} saves against no symbiosis. Below each: what "
                          "the best use of the same streams would save. Switch between the two ways of grouping with "
                          "the buttons."),
    "wf_year_title": N_("Cost per year: without symbiosis and in {year}, by company"),
    "wf_best_year_title": N_("Cost per year: in {year} and with the best use of the streams, by company"),
    "evo_title": N_("How the symbiosis grew"),
    "evo_help": N_("Drag the slider or press play to see the network in any year since the first exchange."),
    "hist_title": N_("Streams running each year"),
    "hist_undated": N_("{n} streams have no recorded start year; they are counted from {year} only, the one year "
                       "they are known to run."),
    "hist_undated_one": N_("One stream has no recorded start year; it is counted from {year} only, the one year it "
                           "is known to run."),
    "wf_today_title": N_("Cost per year: without symbiosis and today, by company"),
    "wf_best_title": N_("Cost per year: today and with the best use of the streams, by company"),
    "wf_help": N_("Each bar is one company's change in yearly cost (purchases, disposal, transport, operation). "
                  "Green bars lower the total."),
    "mc_title": N_("Uncertainty: range of outcomes"),
    "pareto_title": N_("Trade-offs: the best combinations"),
    "stress_title": N_("Which loss would hurt most"),
    "tornado_title": N_("Which assumptions drive the savings"),
    "tornado_help": N_("Each bar moves one input alone (a price, an emission factor, a flow, a loss, a distance, a "
                       "process yield), from the low to the high end of its stated range (an estimate without one "
                       "25% either way, a published number by the default range of its kind), and shows the savings "
                       "today against no symbiosis at each end; an accounting convention is a bar of its own. The "
                       "line is the data's own value; the buttons switch between cost and CO2e. The longest bars are "
                       "the numbers worth checking first. `symbiosis sensitivity` prints them all."),
    "t_low": N_("low end"),
    "t_high": N_("high end"),
    "pareto_help": N_("Each point is a way to run the network that no other way beats on every measure; moving "
                      "along the front trades one measure for another. `symbiosis pareto` prints the numbers."),
    "pareto_measures": N_("{x} against {y}"),
    "pareto_one": N_("Here the best for one measure is the best for all: the front is a single point."),
    "m_cost": N_("cost"),
    "m_co2e": N_("CO₂e"),
    "m_groundwater": N_("groundwater"),
    "m_virgin_material": N_("virgin material"),
    "m_disposed": N_("disposed"),
    "m_social": N_("people in supported employment and offers"),
    "u_cost": N_("DKK/yr"),
    "u_co2e": N_("t/yr"),
    "u_groundwater": N_("m³/yr"),
    "u_virgin_material": N_("t/yr"),
    "u_disposed": N_("t/yr"),
    "u_social": N_("FTE"),
    "tp_title": N_("Over the years"),
    # figure words
    "virgin": N_("Virgin supply"),
    "close_up": N_("Industrial area"),
    "whole_network": N_("Whole network"),
    "disposal": N_("Disposal"),
    "other_suppliers": N_("Other suppliers"),
    "other_receivers": N_("Other receivers"),
    # a large park (symbiosis.viz.clusters, the Sankey's and tables' limits)
    "clusters": N_("Groups of companies (number in the dot)"),
    "cluster_of": N_("{n} companies close together"),
    "cluster_near": N_("{name} and {n} near it"),
    "biggest": N_("the biggest by value exchanged:"),
    "and_more": N_("… and {n} more"),
    "streams_within": N_("streams within the group"),
    "lines_left": N_("{n} smaller connections not drawn"),
    "other_flows": N_("Other, {n} flows"),
    "table_shown": N_("The first {shown} of {n} rows; the whole table:"),
    "service_links": N_("Social-economy services"),
    "actors": N_("Actors"),
    "quantity": N_("Quantity"),
    "per_year": N_("per year"),
    "since": N_("since"),
    "until": N_("until"),
    "source": N_("Source"),
    "not_recorded": N_("not recorded"),
    "unknown_start": N_("start year not recorded"),
    "throughput": N_("Value exchanged"),
    "streams_in": N_("streams in"),
    "streams_out": N_("streams out"),
    "loss": N_("lost on the way"),
    "replaces": N_("replaces"),
    "service": N_("Service"),
    "annual_value": N_("Annual value"),
    "supported": N_("Supported employees"),
    "year": N_("Year"),
    "play": N_("Play"),
    "pause": N_("Pause"),
    "stream": N_("stream"),
    "streams": N_("streams"),
    "link": N_("service link"),
    "links": N_("service links"),
    "best_possible": N_("best use"),
    "today": N_("Today"),
    "no_symbiosis": N_("Without symbiosis"),
    "best_use": N_("Best use"),
    "change": N_("Change"),
    "value": N_("Value"),
    "median": N_("median"),
    "band_90": N_("5-95 %"),
    "band_50": N_("25-75 %"),
    "front": N_("Pareto front"),
    "dominated": N_("dominated"),
    "lens_kalundborg": N_("Economy · Environment · Social"),
    "lens_kolding": N_("People · Companies · Society"),
    "unit": N_("Unit"),
    # lines and lenses
    "economy": N_("Economy"),
    "environment": N_("Environment"),
    "social": N_("Social"),
    "people": N_("People"),
    "companies": N_("Companies"),
    "society": N_("Society"),
    # indicators
    "cost_saved": N_("Cost saved"),
    "co2e_avoided": N_("CO2e avoided"),
    "groundwater_saved": N_("Groundwater saved"),
    "virgin_avoided": N_("Virgin material avoided"),
    "diverted": N_("Diverted from disposal"),
    "moved_from_use": N_("Moved from its counterfactual use"),
    "nutrient_avoided": N_("Mineral nutrient avoided (net)"),
    "supported_persons": N_("People in supported employment and offers"),
    "supported_fte": N_("People in supported employment and offers (FTE)"),
    "supported_hours": N_("Supported hours"),
    "public_value": N_("Public-economy value"),
    "framework_coverage": N_("Framework agreement coverage"),
    "agreement_coverage": N_("Members with their own agreement"),
    "supported_share": N_("Own staff in supported schemes per employee"),
    # actor kinds, as shown on the map
    "k_member": N_("Symbiosis member"),
    "k_industry": N_("Company (not a member)"),
    "k_utility": N_("Utility"),
    "k_municipality": N_("Municipality"),
    "k_social_enterprise": N_("Social-economy enterprise"),
    "k_agriculture": N_("Farm"),
    "k_external": N_("External market"),
    "k_nature": N_("Nature (lake, sea)"),
    # resource categories
    "c_energy": N_("Energy"),
    "c_water": N_("Water"),
    "c_material": N_("Material"),
    "c_nutrient": N_("Nutrient"),
    "c_fuel": N_("Fuel"),
    "c_feed": N_("Feed"),
    "c_waste": N_("Waste"),
    # the social bottom line (symbiosis.viz.social)
    "social_title": N_("The social bottom line"),
    "social_help": N_("The framework agreement of 2021 is \"en fælles målsætning om at optimere social "
                      "bæredygtighed, som alle medlemmer i Kalundborg Symbiose har forpligtet sig til\"; the members "
                      "work with social-economy enterprises \"som for eksempel leverandører af konkrete ydelser\", "
                      "and the enterprises \"skal kunne eksistere på markedsvilkår\". Below: an objective measure "
                      "against fixed, "
                      "sourced targets; Kalundborg's pejlemærker and Kolding's design principles, each yes, no or "
                      "unknown (nothing recorded is unknown, never no); hover a member's status for why."),
    "index_title": N_("Social index {x} against its targets"),
    "pejle_title": N_("Kalundborg's five pejlemærker"),
    "kolding_title": N_("Kolding's five design principles"),
    "members_title": N_("Per member"),
    "payers_title": N_("Public economy per payer"),
    "payers_text": N_("Of {rows} supported job rows, {valued} could be valued: kommune {k}, state {s}, in all {g} "
                      "DKK/yr gross; after deadweight, attribution and displacement {n}; headline public value {v} "
                      "DKK/yr. The clients pay {c} DKK/yr for the services."),
    "coverage_text": N_("{yes} of {n} members buy from a social-economy enterprise; unknown: {unknown}; no: {no}."),
    "assign_title": N_("Which enterprise could serve which member, at no extra cost"),
    "assign_text": N_("{f} supported FTE at {c} DKK/yr against {m} DKK/yr at market prices."),
    "assign_missing": N_("Not run on this data; it needs:"),
    "social_help_plain": N_("People in supported employment and offers on the network's service links, where it "
                          "records them. The network switches on no jurisdiction pack, so no country's rules, aims "
                          "or public-economy rates apply (docs/packs.md)."),
    "social_none": N_("No social-economy data is recorded for this park: the people in supported employment and "
                    "offers are not known."),
    "assign_not_run": N_("Not computed for this page (run `symbiosis score`)."),
    "st_yes": N_("yes"), "st_no": N_("no"), "st_unknown": N_("unknown"), "st_na": N_("n/a"),
    "col_indicator": N_("Indicator"), "col_value": N_("Value"), "col_target": N_("Target"),
    "col_score": N_("Score"), "col_source": N_("Source of the target"),
    "col_aim": N_("Aim"), "col_status": N_("Status"), "col_measured": N_("Measured"),
    "col_why": N_("Why"), "col_member": N_("Member"), "col_enterprise": N_("Enterprise"),
    "col_service": N_("Service"), "col_hours": N_("Hours/yr"), "col_fte": N_("Supported FTE"),
    "col_agreement": N_("Agreement"),
    # scenarios and recorded runs over a horizon
    "hz_path_title": N_("{name} over the years"),
    "hz_path_help": N_("Scenario '{scenario}', {start}-{end}: the value each year, on the network the scenario's "
                       "events leave in that year."),
    "hz_band_title": N_("{name}: range over {n} samples"),
    "hz_band_help": N_("The line is the median of the Monte Carlo samples; the band holds 90 % of them "
                       "(5th to 95th percentile)."),
    "hz_wf_title": N_("Cost by company: {base} against {last}"),
    "hz_wf_help": N_("How each company's yearly cost differs between the base network ({base}) and the scenario's "
                     "last year ({last}); green bars are savings."),
    "hz_stress_help": N_("Each company taken out in turn, the rest re-optimised: the cost savings the symbiosis "
                         "would lose per year."),
    "hz_changed": N_("Over {start}-{end}, scenario '{scenario}' ({events}): {items}."),
    "hz_from_to": N_("{name} went from {a} to {b}"),
    "hz_events": N_("{n} events"),
    "hz_event": N_("1 event"),
    "hz_counts": N_("streams running went from {s0} to {s1} and actors from {a0} to {a1}"),
    "hz_run": N_("These numbers come from run {run} ({samples}); the figures below show the medians."),
    "hz_samples": N_("{n} Monte Carlo samples, seed {seed}"),
    "hz_nosamples": N_("no uncertainty"),
    "hz_lastyear": N_("The figures from here on show the network of {year}, the last year of the horizon."),
}


def label(key: str, lang: str = "en") -> str:
    """The page's word for ``key`` in ``lang`` (``en`` or ``da``); the key itself if none is known."""
    words = _WORDS.get(key)
    if words is None:
        return key
    if isinstance(words, tuple):   # an (English, Danish) pair not yet moved to the catalogue
        return in_currency(words[1] if lang == "da" else words[0])
    return gettext_in(lang, words)


def check_lang(lang: str) -> str:
    """``lang`` if it is one we speak, else a :class:`~symbiosis.errors.SymbiosisError` naming the valid ones."""
    if lang not in LANGS:
        raise bad_parameter("lang", f"unknown language '{lang}'; valid: {', '.join(LANGS)}")
    return lang
