"""The English of each message id the social domain says (:class:`~symbiosis.social.said.Said`): the
catalogue's message ids, their Danish in ``symbiosis/locale/da/LC_MESSAGES/symbiosis.po``. Said in a
language by :func:`symbiosis.present.social_wording.words`.
"""

from __future__ import annotations

from symbiosis.present.i18n import N_, NP_

__all__ = ["CONTEXT", "RULES", "WORDING"]

#: Message id -> English text (the catalogue's id). A placeholder's format spec sets a number's decimals.
WORDING: dict[str, str] = {
    # buyers and sellers
    "buyer.municipality": N_("a municipality"),
    "buyer.owned": N_("owned by {owner}"),
    "buyer.private": N_("a private company"),
    "seller.with": N_("{contractor} (with {provider})"),
    "money_yr": N_("{value:,.0f} DKK/yr"),
    # rule: market price
    "market_price.unpriced_public": N_("{link}: give {missing} to check the price against the market ({client} is "
                                       "a public buyer: above market would be support it may not give)"),
    "market_price.unpriced_private": N_("{link}: give {missing} to check the price against the market ({client} "
                                        "is a private buyer: above market would be a departure from the "
                                        "market-terms model, not a breach of law)"),
    "market_price.head": N_("{client} ({why}) pays {seller} {price:,.2f} for '{service}' against a market price of "
                            "{market:,.2f}: {excess:,.2f} ({share:.0%}) above market"),
    "market_price.per_year": N_("; {per_year:,.0f} DKK/yr above market on {annual:,.0f} DKK/yr"),
    "market_price.above_public": N_("{head} is support, which a public buyer may not give (Konkurrencestyrelsen, "
                                    "Vejledning om konkurrenceforvridende støtte){extra}; lower the price to "
                                    "{market:,.2f}"),
    "market_price.above_private": N_("{head}: no law is broken (the ban on support binds public buyers), but it "
                                     "departs from the framework agreement's model that the enterprises live on "
                                     "market terms{extra}; agree a price of {market:,.2f}"),
    "market_price.below": N_("{seller} sells '{service}' to {client} at {price:,.2f}, {share:.0%} below the market "
                             "price {market:,.2f}: subsidised labour priced under the market can distort "
                             "competition; check the price"),
    "market_price.ok": N_("{link}: {price:,.2f} against market {market:,.2f}"),
    # rule: the members' agreements (rent, investment)
    "market.the_enterprise": N_("the enterprise"),
    "market.who": N_("{name} ({why})"),
    "market.amount": N_("{value:,.0f} DKK"),
    "market.amount_unknown": N_("an amount not recorded"),
    "market.investment": N_("{who} puts {amount} into {to}: an investment, not a purchase, so not counted as "
                            "purchasing"),
    "market.investment_public": N_("{head}; from a public body it is support, lawful only for non-commercial, "
                                   "employment-oriented activities, never for the enterprise's commercial "
                                   "activities ({support}): check what it funds"),
    "market.investment_private": N_("{head}; a private member's own money (no ban on support applies)"),
    "market.rent_unknown": N_("{who} lets premises to {to}: give {missing} (DKK per year; the market rent with its "
                              "source) to check the rent against the market"),
    "market.rent": N_("{who} lets premises to {to} for {rent:,.0f} DKK/yr against a market rent of {market:,.0f}"),
    "market.rent_ok": N_("{head}: on market terms"),
    "market.rent_below_public": N_("{head}: {below:,.0f} DKK/yr below market is support, which a public body may "
                                   "not give ('udleje fast ejendom under markedsprisen', the kommune's strategy; "
                                   "{support}); charge {market:,.0f}"),
    "market.rent_below_private": N_("{head}: {below:,.0f} DKK/yr below market; no law is broken (the ban on "
                                    "support binds public bodies), but it departs from the framework agreement's "
                                    "model that the enterprises live on market terms"),
    # rule: procurement
    "procurement.give_authority": N_("give {field} (central, sub-central or utility): the kind of contracting "
                                     "authority sets the threshold"),
    "procurement.no_threshold": N_("the factor table has no threshold for {authority} authorities (give a {kind} "
                                   "row)"),
    "procurement.give_value": N_("give annual_value of {links}"),
    "procurement.not_checked": N_("{name} buys '{service}' ({ids}): procurement not checked for {year}: {why}"),
    "procurement.head": N_("{name} ({authority} authority) buys '{service}' ({ids}) for a contract value of "
                           "{value:,.0f} DKK (yearly value over the term, 48 months where open) against the {year} "
                           "EU threshold of {threshold:,.0f} DKK (udbudsloven; social and other specific services "
                           "have their own)"),
    "procurement.below": N_("{head}: below, so a direct award is allowed, provided the buyer's other purchases of "
                            "the same service (not recorded) keep the total below it"),
    "procurement.tendered": N_("{head}: above, and awarded by udbud"),
    "procurement.direct": N_("{head}: {above:,.0f} DKK above, so a direct award breaks udbudsloven; put the "
                             "contract out to tender (udbud)"),
    "procurement.udbud_needed": N_("{head}: {above:,.0f} DKK above, so it needs an udbud; give award (tender or "
                                   "direct) to check it"),
    # rule: § 65
    "ratio.statement_missing": N_("{name}: give {field} (true/false): {bek} stk. 6 asks for a written statement "
                                  "from the employer and the employees' representative before the placements"),
    "ratio.statement_no": N_("{name}: no written statement from the employer and the employees' representative; "
                             "{bek} stk. 6 asks for one before the placements"),
    "ratio.statement_ok": N_("{name}: written statement given ({bek} stk. 6)"),
    "ratio.ask": N_("{name}: {count:g} FTE placed under LAB kap. 11-13 (virksomhedspraktik, løntilskud, "
                    "nytteindsats; ressourceforløb and jobafklaring in praktik) on the network's links; {bek} counts "
                    "the whole workplace: give workplaces: {{actor: {actor}, p_number, {fields}, months_averaged: "
                    "4, written_statement}} (FTE, the average of the last 4 months; praktik_fte includes "
                    "ressourceforløb and jobafklaring in praktik; written_statement: the statement of stk. "
                    "6){provisional}"),
    "ratio.provisional": N_(". Provisionally, from the links and the {employees:g} employees recorded: "
                            "{ordinary:g} ordinary allow {limit}{too_many}"),
    "ratio.too_many": N_(", {n:g} too many"),
    "ratio.p_number": N_(" (P-nr. {p_number})"),
    "ratio.fields_missing": N_("{name}{unit}: give {fields} (FTE, the average of the last 4 months before the "
                               "placements started) to check § 65"),
    "ratio.short": N_("{name}{unit}: {field} = {recorded:g} FTE, fewer than the {on_links:g} FTE in {who} on the "
                      "network's links; the workplace counts everyone, so correct it"),
    "ratio.months": N_("{name}{unit}: averaged over {months:g} months; § 65 stk. 4 averages the ordinary staff over "
                       "the last 4 months before the placements started"),
    "ratio.detail": N_("{count:g} FTE in praktik/løntilskud/nytteindsats (LAB kap. 11-13, {bek}); {employees:g} "
                       "employed - {subsidised:g} with wage subsidy - {under_18:g} under 18 = {ordinary:g} ordinary "
                       "allow {limit}"),
    "ratio.too_many_placed": N_("{name}{unit}: {detail}; {excess:g} too many: end placements or hire {hire:g} more "
                                "ordinary staff (FTE)"),
    "ratio.ok": N_("{name}{unit}: {detail}"),
    # rule: fleksjob
    "fleksjob.not_published": N_("{link}: the fleksløntilskud is not checked for {year}: {gaps}"),
    "fleksjob.no_wage": N_("{link}: give monthly_wage (DKK/month incl. pension) and full_time_wage (the lønloft) to "
                           "check the fleksløntilskud"),
    "fleksjob.zero_wage": N_("{link}: a fleksjob wage of 0; the employer must pay a wage for the work done, or no "
                             "fleksløntilskud is paid (STAR Vejl. 9154/2022)"),
    "fleksjob.subsidy_differs": N_("{link}: recorded fleksløntilskud {recorded:,.0f} DKK/month but the rules give "
                                   "{due:,.0f} at a wage of {wage:,.0f} (max {max:,.0f} - {low:.0%} up to "
                                   "{threshold:,.0f} - {high:.0%} above, then capped so that wage + subsidy is at "
                                   "most the full-time wage{how})"),
    "fleksjob.lonloft_derived_here": N_(", derived here"),
    "fleksjob.lonloft_unknown_here": N_(", unknown here"),
    "fleksjob.above_lonloft": N_("{link}: wage {wage:,.0f} + subsidy {paid:,.0f} exceeds the full-time wage "
                                 "{ftw:,.0f} (lønloft) by {excess:,.0f}"),
    "fleksjob.ok": N_("{link}: wage {wage:,.0f}, fleksløntilskud {due:,.0f} DKK/month (lønloft {ftw:,.0f})"),
    "fleksjob.told_derived": N_("lønloft {ftw:,.0f} derived from the FTE share {share:g}, so fleksløntilskud "
                                "{due:,.0f} DKK/month"),
    "fleksjob.told_unknown": N_("no lønloft applied, so fleksløntilskud at most {due:,.0f} DKK/month"),
    "fleksjob.no_full_time_wage": N_("{link}: wage {wage:,.0f}; the full-time wage is not recorded ({told}); give "
                                     "{field} (DKK/month) to check the lønloft"),
    # rates of other years
    "rate.not_published": N_("{kind} {year} not published (the {stands_in} row stands in): {why}"),
    "rate.not_published_short": N_("{kind} {year} not published (the {stands_in} row stands in)"),
    "rate.year_earlier": N_("{kind} {row_year}"),
    "rate.year_not_published": N_("{kind} {row_year} ({year} not published)"),
    "rate.year_no_earlier": N_("{kind} {row_year} (no earlier row)"),
    # notes on the public-economy value
    "value.retention": N_("not valued: kept on in fleksjob (retention), so the counterfactual is not "
                          "ledighedsydelse (sygedagpenge, førtidspension or the job on ordinary terms; not "
                          "recorded)"),
    "value.level_unknown": N_("ledighedsydelse level not recorded: valued at the kontanthjælp level (a lower bound; "
                              "give ledighedsydelse_level: high after 9 months in fleksjob within 18 months)"),
    "value.flexjob_no_wage": N_("no wage recorded: subsidy at its maximum, tax not counted (a lower bound)"),
    "value.lonloft_derived": N_("full-time wage not recorded: lønloft {ftw:,.0f} DKK/month derived from the FTE "
                                "share {share:g} (give full_time_wage)"),
    "value.lonloft_unknown": N_("lønloft not applied (no full_time_wage, and no FTE share below 1): subsidy an upper "
                                "bound"),
    "value.smajob_no_wage": N_("not valued: give monthly_wage (kontanthjælp falls by the earnings, LAS § 31)"),
    "value.no_hours": N_("no hours recorded: the hourly disregard is not applied (an upper bound)"),
    "value.earlier_rule": N_("valued with an earlier year's earnings rule and rate, as {gaps} (the kontanthjælp "
                             "reform of 1 July 2025 changed both): an estimate"),
    "value.loentilskud_no_factor": N_("not valued: give a 'loentilskud_subsidy' factor (DKK per FTE-year) and FTE"),
    "value.no_wage_no_tax": N_("no wage recorded: tax not counted"),
    "value.scheme_unknown": N_("not valued: the scheme is not published"),
    "value.keeps_benefit": N_("the person keeps the benefit during the scheme"),
    # notes on the SROI
    "sroi.purchase_unknown": N_("client purchase not known for {links} (give service_links[].annual_value)"),
    "sroi.market_unknown": N_("price against market not known for {links}: no premium counted as input"),
    "sroi.no_jobcenter": N_("jobcenter cost not counted (give --factor jobcenter_cost=DKK per person-year)"),
    "sroi.not_valued": N_("not valued: {schemes} (see the public-economy notes)"),
    "sroi.no_input": N_("no input known: the ratio is undefined"),
    # the framework agreement's reach
    "coverage.nothing": N_("nothing is recorded"),
    "coverage.nothing_framework": N_("nothing is recorded; the framework agreement '{framework}' ({signed}) says "
                                     "each member's own agreement was to follow, and none is recorded"),
    "coverage.buys_with": N_("buys '{service}' from {contractor} with {provider} as its social-economy partner "
                             "({link})"),
    "coverage.buys": N_("buys '{service}' from {provider} ({link})"),
    "coverage.agreement_with": N_("agreement {agreement} with {enterprises}"),
    "coverage.none_recorded": N_("{field} records that it has none"),
    "coverage.own_agreement": N_("agreement {agreement} ({field}){ambition}{hours}"),
    "coverage.ambition": N_(", ambition: {ambition}"),
    "coverage.hours": N_(", {hours:,.0f} h/yr"),
    "coverage.only_planned": N_("{field} is only planned"),
    "coverage.is_none": N_("{field} is none"),
    # pejlemærker
    "partnership.none": N_("no partnership recorded"),
    "p1.public": N_("a public buyer: see pejlemærke 2"),
    "p1.links": N_("{n} link(s)"),
    "p1.none_recorded": N_("0 links recorded"),
    "p1.network_value": N_("{n} link(s) to {clients} private member(s)"),
    "p1.network": N_("{n} service link(s) between social-economy enterprises and private members"),
    "p2.private": N_("a private company: the kommune's own purchasing does not concern it"),
    "p2.above_market": N_("pays above the market price or lets premises below the market rent ({items}): illegal "
                          "support"),
    "p2.buys": N_("buys from {sellers}"),
    "p2.none": N_("no purchase from a social-economy enterprise recorded for {year}{last}{investments}"),
    "p2.last": N_("; the last published is {agreement} ({end}{value})"),
    "p2.last_value": N_(", {value:,.0f} DKK"),
    "p2.investment": N_("; {agreement} ({value:,.0f} DKK) is an investment, not a purchase"),
    "p2.network_above": N_("a public buyer pays above market"),
    "p2.network_public": N_("public purchases from social-economy enterprises or the kommune's recognition"),
    "p2.network_none": N_("no public purchase recorded"),
    "p2.recognised": N_("; recognition: labels or prizes from the kommune: {labels}; persons kept on special terms "
                        "inside members (fastholdelse): {kept:g}; the yearly dialogmøde is not recorded"),
    "p3.label": N_("'{label}' ({year})"),
    "p3.holds": N_("holds {labels}"),
    "p3.none": N_("no CSR label or prize recorded"),
    "p3.index": N_("; social index {x:.2f}"),
    "p3.value": N_("{labels} label(s); catalogue {services} services of {providers} enterprises, {priced} with "
                   "capacity and price{index}"),
    "p3.holders": N_("label holders: {names}"),
    "p3.no_label": N_("no label or prize recorded"),
    "p3.not_members": N_(" (not members, and not awarded by one: the members' own promotion is not recorded)"),
    "p3.network": N_("{holders}{not_members}; the catalogue here is compiled from published sources ({priced} of "
                     "{services} with capacity and price); a joint catalogue by the kommune was not found"),
    "p4.job": N_("{persons:g} {scheme}{retention}"),
    "p4.retention": N_(" (retention)"),
    "p4.employs": N_("employs {jobs}"),
    "p4.none": N_("no jobs in supported schemes inside the member recorded"),
    "p4.network_value": N_("{n:g} persons inside members"),
    "p4.network": N_("{n:g} people in supported schemes inside members"),
    "p4.network_none": N_("none recorded"),
    "p5.network_value": N_("{n} of {members} members"),
    "p5.network": N_("{n} of {members} members have their own agreement"),
    # design principles
    "people.unknown": N_("people in supported employment and offers not known"),
    "people.n": N_("{n:g} people in supported employment and offers"),
    "d1.value": N_("saved {cost:,.0f} DKK/yr, CO2e {co2e:,.0f} t/yr, {people}"),
    "d1.measured": N_("all three lines measured"),
    "d1.no_social": N_("the social line has no recorded supported job"),
    "d2.none_valued": N_("no supported job valued"),
    "d2.row": N_("{link} ({scheme})"),
    "d2.no_value": N_("{link}: annual_value"),
    "d2.value": N_("kommune {kommune:,.0f}, state {state:,.0f} DKK/yr gross"),
    "d2.unknown": N_("not known: {gaps}"),
    "d2.known": N_("client, kommune and state each have their value"),
    "d3.economy_value": N_("economy {value:,.0f} DKK/yr"),
    "d3.environment_value": N_("environment {value:,.0f} t CO2e/yr"),
    "d3.social_value": N_("social {value:,.0f} DKK/yr"),
    "d3.economy": NP_("bottom line", "economy"),
    "d3.environment": NP_("bottom line", "environment"),
    "d3.social": NP_("bottom line", "social"),
    "d3.harm": N_("no net good on the {lines} line"),
    "d3.unknown": N_("net good not known on the {lines} line"),
    "d3.no_streams": N_("net good on all three lines; no residual stream back in use recorded"),
    "d3.yes": N_("net good on all three lines, and {n} residual streams back in use (regeneration)"),
    "d4.streams": N_("{n} stream(s)"),
    "d4.supplies": N_("supplies {resources}"),
    "d4.none": N_("no residual stream recorded from it"),
    "d4.tonnes": N_("{value:,.0f} t/yr {material}{basis}"),
    "d4.basis": N_(" ({basis})"),
    "d4.no_tonnes": N_("0 t/yr"),
    "d4.moved": N_(", {tonnes} moved from another use"),
    "d4.value": N_("{diverted} diverted{moved}, {people}"),
    "d4.both": N_("residuals and talents both in use"),
    "d4.residuals_only": N_("residuals in use; no supported job recorded"),
    "d5.partnerships": N_("{n} partnership(s)"),
    "d5.member": N_("{n} streams, service links or agreements"),
    "d5.network_value": N_("{streams} stream(s), {links} service link(s)"),
    "d5.network": N_("partnerships across the network"),
}

#: The messages said under a context (the same English word said otherwise elsewhere): id -> context.
CONTEXT = {"d3.economy": "bottom line", "d3.environment": "bottom line", "d3.social": "bottom line"}

#: The rules' names (a finding's ``rule``) as messages.
RULES = {"market price": N_("market price"), "agreement": N_("agreement"), "procurement": N_("procurement"),
         "fleksjob": N_("fleksjob"), "rimelighedskrav § 65": N_("rimelighedskrav § 65"),
         "rimelighedskrav § 65 stk. 6": N_("rimelighedskrav § 65 stk. 6")}
