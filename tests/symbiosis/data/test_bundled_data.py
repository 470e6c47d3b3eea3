"""The bundled networks: they load, hold the reference's facts, and balance.

``kalundborg`` is the symbiosis today (2023), ``kalundborg-2000`` the coal-era
network of about 19 exchanges; both merge the Danish factor table
``factors-dk``. Facts checked here come from /work/shared/reference
(kalundborg.md, social-economy.md section 5) and the 2021 framework-agreement
press release that names the 12 members.
"""

from __future__ import annotations

from collections import defaultdict

import pytest
from pydantic import BaseModel

import symbiosis as sym
from symbiosis.io import load_network
from symbiosis.model import Network, Provenance

BUNDLED = ("kalundborg", "kalundborg-2000")

# the 12 members named in the October 2021 framework agreement on social economy
MEMBERS_2021 = {
    "argo": "Argo",
    "avista-green": "Avista Green",
    "chr-hansen": "Chr. Hansen",
    "equinor-refining": "Equinor Refining Denmark",
    "gyproc": "Gyproc Saint-Gobain",
    "kalundborg-bioenergi": "Kalundborg Bioenergi",
    "kalundborg-forsyning": "Kalundborg Forsyning",
    "kalundborg-kommune": "Kalundborg Kommune",
    "novo-nordisk": "Novo Nordisk",
    "novozymes": "Novozymes",
    "unibio": "Unibio",
    "orsted-asnaes": "Ørsted",
}

# Kalundborg area (lat, lon); external markets are nominal points and exempt, and so
# are the two coal-era receivers that really stood elsewhere in Denmark.
AREA = ((55.5, 55.8), (10.9, 11.5))
OUT_OF_AREA = {"aalborg-portland": "Aalborg", "kemira": "Fredericia"}
DENMARK = ((54.5, 57.8), (8.0, 12.7))


@pytest.fixture(scope="module", params=BUNDLED)
def net(request) -> Network:
    return load_network(request.param)


@pytest.fixture(scope="module")
def today() -> Network:
    return load_network("kalundborg")


@pytest.fixture(scope="module")
def coal_era() -> Network:
    return load_network("kalundborg-2000")


def _stream(net: Network, supplier: str, receiver: str, resource: str):
    found = [s for s in net.streams if (s.supplier, s.receiver, s.resource) == (supplier, receiver, resource)]
    assert len(found) == 1, f"expected one {resource} stream {supplier} -> {receiver}, found {len(found)}"
    return found[0]


def _provenances(obj, path: str = ""):
    """Every Provenance (Quantity, Location, Factor, ratios...) inside a model, with its path."""
    if isinstance(obj, Provenance):
        yield path, obj
    if isinstance(obj, BaseModel):
        for name in type(obj).model_fields:
            yield from _provenances(getattr(obj, name), f"{path}.{name}" if path else name)
    elif isinstance(obj, (list, tuple)):
        for i, item in enumerate(obj):
            yield from _provenances(item, f"{path}[{i}]")
    elif isinstance(obj, dict):
        for key, item in obj.items():
            yield from _provenances(item, f"{path}.{key}")


# -- loading and the factor table ---------------------------------------------------


def test_bundled_names_are_listed():
    assert set(BUNDLED) <= set(sym.bundled_networks())


def test_loads_with_the_danish_factor_table(net):
    assert net.id in BUNDLED
    # rows and sources of factors-dk.yaml are merged in
    assert net.factor_value("carbon_value") == 750
    assert net.factor_value("disposal_cost", "fgd-gypsum") >= 475, "landfill tax alone is 475 DKK/t"
    # one scope for every carrier (issue 26): BR18 2023's life-cycle mains gas 0.225 kg CO2e/kWh x 11.0 kWh/m3,
    # not HB2016's combustion-only 0.204 beside BR18's electricity
    assert net.factor_value("virgin_co2e", "natural-gas") == pytest.approx(0.225 * 11.0 / 1000)
    assert net.factor_value("transport_cost", mode="truck") > 0
    assert {"hb2016", "br18", "green-tax-reform-2022"} <= set(net.sources)
    # the water tax is refunded to VAT-registered firms, so it is not in the groundwater price
    assert net.factor_value("virgin_price", "groundwater") < 6.37


def test_inline_rows_override_the_table(coal_era, today):
    # coal era: the town's heat came from oil (333 g/kWh); today the utility's next-best plant is its own
    # gas boilers (0.225 kg CO2e/kWh of gas, BR18 2023 / 0.95), not an average district-heat mix
    assert coal_era.factor_value("virgin_co2e", "district-heat") == pytest.approx(0.333)
    assert today.factor_value("virgin_co2e", "district-heat") == pytest.approx(0.225 / 0.95, rel=1e-3)
    keys = [f.key for f in coal_era.factors]
    assert len(keys) == len(set(keys)), "an override must replace the table row, not add a second one"


# -- who is in it -------------------------------------------------------------------


def test_the_twelve_members_of_2021(today):
    members = {a.id: a for a in today.members}
    assert set(members) == set(MEMBERS_2021)
    for actor_id, name in MEMBERS_2021.items():
        assert name in members[actor_id].name
    since = {a.id: a.member_since for a in today.actors}
    assert since["kalundborg-bioenergi"] == 2020
    assert since["unibio"] == 2020
    assert since["chr-hansen"] == 2021


def test_nature_farms_markets_and_social_enterprises(today):
    kinds = {a.id: a.kind for a in today.actors}
    assert kinds["lake-tisso"] == "nature"
    assert kinds["farms"] == "agriculture"
    assert "external" in kinds.values()
    social = {a.name for a in today.actors if a.kind == "social_enterprise"}
    assert {"Y-Camp Kalundborg", "IT-bilen", "SYMB"} <= social
    # the sources call Fri BikeShop a traditional firm with a social-economy partner, not one itself
    assert today.actor["fri-bikeshop"].kind == "industry" and not today.actor["fri-bikeshop"].member
    novo = today.actor["novo-nordisk"]
    assert novo.employees is not None and novo.employees.value == 3200  # symbiosis.dk: "about 3,200"
    assert novo.employees.basis == "published"


def test_locations_are_in_the_kalundborg_area(net):
    (lat0, lat1), (lon0, lon1) = AREA
    for a in net.actors:
        lat, lon = a.location.lat, a.location.lon
        inside = lat0 <= lat <= lat1 and lon0 <= lon <= lon1
        if a.kind == "external":
            continue
        if a.id in OUT_OF_AREA:
            assert not inside, f"{a.id} stood in {OUT_OF_AREA[a.id]}, not in Kalundborg"
            (dl0, dl1), (do0, do1) = DENMARK
            assert dl0 <= lat <= dl1 and do0 <= lon <= do1, f"{a.id} must still be in Denmark"
            assert OUT_OF_AREA[a.id] in a.name
            continue
        assert inside, f"{a.id} at ({lat}, {lon}) is outside the Kalundborg area"


def test_asnaes_is_at_its_published_position(net):
    asnaes = next(a for a in net.actors if "Asnæs" in a.name)
    assert asnaes.location.basis == "published"
    assert (asnaes.location.lat, asnaes.location.lon) == pytest.approx((55.661528, 11.080892))


# -- streams: today --------------------------------------------------------------------


def test_at_least_twenty_active_streams_with_quantities(today):
    active = [s for s in today.streams if s.status == "active"]
    assert len(active) >= 20
    assert all(s in today.streams_in_year() for s in active)
    missing = [s.id for s in active if s.observed is None]
    assert not missing, f"active streams without an observed quantity: {missing}"


def test_gypsum_stream_ended_2021(today):
    s = _stream(today, "orsted-asnaes", "gyproc", "fgd-gypsum")
    assert s.status == "historic"
    assert (s.start, s.end) == (1993, 2021)
    assert s.replaces == "natural-gypsum"
    assert s not in today.streams_in_year()


def test_surface_water_replaces_groundwater(today):
    into_groundwater = [s for s in today.streams if s.target_resource == "groundwater"]
    assert {s.receiver for s in into_groundwater} == {"equinor-refining", "orsted-asnaes", "novo-nordisk",
                                                      "novozymes"}
    # "ca. 3,5 millioner kubikmeter overfladevand om året" leaves the lake
    from_lake = sum(s.observed.value for s in today.streams if s.supplier == "lake-tisso")
    assert from_lake == pytest.approx(3.5e6)
    treated = _stream(today, "kalundborg-forsyning", "novozymes", "treated-surface-water")
    # Tissø II (1.6 million m3/yr) replaced Tissø I, which stayed as a reserve: not 1.0 + 1.6
    assert treated.observed.value <= treated.capacity.value == pytest.approx(1.6e6)
    works = next(p for p in today.processes if "treated-surface-water" in p.outputs)
    assert works.capacity.value == pytest.approx(1.6e6) and works.capacity.basis == "published"


def test_biogas_chain_reproduces_the_published_figures(today):
    digester = next(p for p in today.processes if p.actor == "kalundborg-bioenergi" and "biomethane" in p.outputs)
    # the operator: about 300,000 t of residues plus about 50,000 t of other biomass a year
    assert digester.capacity.value == pytest.approx(350_000)
    residues = sum(s.observed.value for s in today.streams if s.receiver == "kalundborg-bioenergi")
    assert residues == pytest.approx(300_000)
    gas = residues * digester.outputs["biomethane"]  # m3 of natural-gas equivalent
    # the operator's current figure: 30 million m3 of gas (read as raw biogas at 60% methane) from 300,000 t
    # of residues plus 50,000 t of other biomass; the residues' share by mass, in natural-gas equivalent
    assert gas == pytest.approx(30e6 * 0.60 * 9.97 / 11.0 * 300 / 350, rel=0.01)
    # and between the 2017 design figure (8 million m3 of natural gas) and the operator's figure read as
    # natural-gas equivalent
    assert 8e6 < gas < 30e6 * 300 / 350
    assert "biogas" not in today.resource, "no raw-biogas step that would shrink the published gas again"
    assert "digestate" in digester.outputs
    into = {s.supplier for s in today.streams if s.receiver == "kalundborg-bioenergi"}
    assert into == {"novo-nordisk", "novozymes"}
    out_gas = {s.receiver for s in today.streams
               if s.supplier == "kalundborg-bioenergi" and s.replaces == "natural-gas"}
    assert {"gyproc", "equinor-refining"} <= out_gas
    digestate = _stream(today, "kalundborg-bioenergi", "farms", "digestate")
    assert digestate.replaces == "mineral-nitrogen" and 0 < digestate.substitution_ratio < 0.01


def test_heat_pump_reproduces_the_published_figures(today):
    hp = next(p for p in today.processes if p.actor == "kalundborg-forsyning" and "wastewater" in p.inputs)
    # about 6 million m3 of wastewater -> about 80,000 MWh of district heat (C9), per MWh of heat
    assert hp.outputs["district-heat"] == 1.0
    assert 80_000 * hp.inputs["wastewater"] == pytest.approx(6e6)
    assert hp.capacity.value == pytest.approx(10 * 8760)  # 10 MW, all year
    # the water passes through, and the heat beyond the electricity comes from the effluent, as the file says
    assert hp.outputs["treated-effluent"] == hp.inputs["wastewater"]
    assert hp.gains_from and hp.inputs["electricity"] < hp.outputs["district-heat"]


def test_district_cooling_is_a_candidate_worth_1_4_billion(today):
    candidates = [s for s in today.streams if s.status == "candidate"]
    assert {s.supplier for s in candidates} == {"novo-nordisk", "novozymes"}
    assert all(s.receiver == "kalundborg-forsyning" for s in candidates)
    assert sum(s.investment for s in candidates) == pytest.approx(1.4e9)
    assert not set(candidates) & set(today.streams_in_year())


def test_the_bicycle_contract_is_with_fri_bikeshop_and_y_camp_is_its_social_economy_partner(today):
    assert len(today.service_links) == 1, "only the link the sources support"
    link = today.service_links[0]
    assert (link.client, link.contractor, link.provider) == ("novo-nordisk", "fri-bikeshop", "y-camp")
    assert link.start == 2022 and "180" in link.service
    # a part-timer over 18 (scheme not published) and a service worker under 18, in Y-Camp's youth jobs
    assert [(s.scheme, s.persons, s.under_18) for s in link.supported] == [("unknown", 1, False),
                                                                          ("ordinary", 1, True)]
    assert link.supported_persons == 0, "no one is counted as supported on an unpublished scheme"
    # nothing unpublished is filled in: no value, price or hours
    assert link.annual_value is None and link.price is None and link.hours_per_year is None
    assert all(s.hours_per_year is None and s.fte is None for s in link.supported)
    assert {e.actor: e.registered for e in today.enterprises} == {"y-camp": "yes", "it-bilen": "unknown",
                                                                   "symb": "unknown"}
    assert [x.holder for x in today.labels] == ["fri-bikeshop"]


def test_the_framework_agreement_and_what_followed(today):
    fw = today.frameworks[0]
    assert (fw.signed, fw.date, set(fw.members)) == (2021, "2021-10-15", set(MEMBERS_2021))
    assert fw.market_terms and fw.per_member_agreements
    # no member's own agreement was published; the kommune's with SYMB (2021) predates the framework
    assert [(a.member, a.framework, a.annual_value, a.end) for a in today.agreements] == [
        ("kalundborg-kommune", None, 240_000, 2021)]
    assert not today.member_jobs and not today.service_needs and not today.service_offers
    assert all(e.capacity_hours is None and e.price is None for e in today.catalogue)
    assert {b.actor for b in today.public_buyers} == {"kalundborg-forsyning", "argo"}


def test_social_sources_are_full_urls(today):
    social = {"socialokonomi-bikeshop-2022", "socialeentreprenorer-ycamp-2020", "sn-ycamp-2020", "sn-it-bilen",
              "kalundborgerhverv-it-bilen", "symb-om", "sn-symb-2020", "kommunekredit-forsyning",
              "transportnyhederne-argo-2025"}
    for key in social:
        url = today.sources[key].url
        assert url and url.startswith("https://") and len(url.split("/", 3)) == 4 and url.split("/", 3)[3], key


# -- streams: the coal era -----------------------------------------------------------


def test_about_nineteen_exchanges_in_2000(coal_era):
    assert 18 <= len(coal_era.streams) <= 21
    historic = {s.id: s for s in coal_era.streams if s.status == "historic"}
    assert {(s.supplier, s.receiver, s.resource) for s in historic.values()} == {
        ("statoil", "gyproc", "refinery-gas"),
        ("statoil", "kemira", "sulphur"),
    }
    assert all(s.end < 2000 for s in historic.values())
    ats = _stream(coal_era, "statoil", "farms", "ats")
    assert (ats.status, ats.start) == ("active", 2000)


def test_coal_era_quantities_and_start_years(coal_era):
    cases = [  # (supplier, receiver, resource, start, published observed)
        ("lake-tisso", "statoil", "surface-water", 1961, None),
        ("asnaes", "aalborg-portland", "fly-ash", 1979, 135_000),
        ("asnaes", "kalundborg-kommune", "steam", 1981, 225_000),
        ("statoil", "asnaes", "cooling-water", 1987, 700_000),
        ("novo-nordisk", "farms", "yeast-slurry", 1989, 5_000),
        ("asnaes", "gyproc", "fgd-gypsum", 1993, 200_000),
        ("novozymes", "farms", "novogro", 1976, 1_000_000),
    ]
    for supplier, receiver, resource, start, observed in cases:
        s = _stream(coal_era, supplier, receiver, resource)
        assert s.start == start and s.status == "active"
        if observed is not None:
            assert s.observed.value == observed and s.observed.basis == "published"
    assert _stream(coal_era, "asnaes", "gyproc", "fgd-gypsum").replaces == "natural-gypsum"


# -- provenance and balances ---------------------------------------------------------


def test_every_number_has_a_source_and_every_estimate_a_method(net):
    found = list(_provenances(net))
    assert len(found) > 50
    for path, p in found:
        assert p.basis in ("published", "estimated"), path
        if p.basis == "estimated":
            assert p.method and len(p.method.strip()) > 10, f"{path}: an estimate must say how"
        if p.source.startswith("@"):
            assert p.source[1:] in net.sources, f"{path}: unknown source {p.source}"
    for key, source in net.sources.items():
        assert source.title, key


def test_observed_flows_fit_supplies_and_demands(net):
    """The reference's balance rule, without the solver: what leaves a supplier's
    (actor, resource) fits its supply and process outputs; what arrives fits the
    receiver's demand and process inputs."""
    supply = defaultdict(float)
    demand = defaultdict(float)
    for row in net.supplies:
        supply[(row.actor, row.resource)] += row.quantity.value
    for row in net.demands:
        demand[(row.actor, row.resource)] += row.quantity.value
    for p in net.processes:
        for r, ratio in p.outputs.items():
            supply[(p.actor, r)] += p.capacity.value * ratio
        for r, ratio in p.inputs.items():
            demand[(p.actor, r)] += p.capacity.value * ratio
    out = defaultdict(float)
    into = defaultdict(float)
    for s in net.streams_in_year():
        assert s.observed is not None, s.id
        out[(s.supplier, s.resource)] += s.observed.value
        into[(s.receiver, s.target_resource)] += s.observed.value * s.gain
    for node, value in out.items():
        assert value <= supply[node] * (1 + 1e-9), f"{node} sends {value:g}, more than its {supply[node]:g}"
    for node, value in into.items():
        assert value <= demand[node] * (1 + 1e-9), f"{node} receives {value:g}, more than its {demand[node]:g}"


def test_every_demand_can_be_bought_virgin(net):
    """A demand the streams do not cover is bought virgin, so it needs a virgin price."""
    for d in net.demands:
        assert net.factor_value("virgin_price", d.resource) is not None, d.resource


def test_the_networks_solve_and_save(net):
    ev = sym.evaluate(net)
    saved = ev.savings("observed")
    assert saved["co2e_avoided"] > 0
    assert saved["cost_saved"] > 0
    # every m3 of surface or reused water replaces one of groundwater
    replaced = sum(s.observed.value * s.gain for s in net.streams_in_year() if s.target_resource == "groundwater")
    assert saved["groundwater_saved"] == pytest.approx(replaced)
    assert ev.savings("optimised")["cost_saved"] >= saved["cost_saved"] - 1e-6 * abs(saved["cost_saved"])


# -- data hygiene ------------------------------------------------------------------------


def test_an_estimate_is_sourced_as_an_estimate_and_names_its_basis(net):
    """A source is the publication that contains the number; an assumption has @estimate as its source and
    the publications it rests on in based_on (or says in its method that it rests on none)."""
    for path, p in _provenances(net):
        if p.basis == "estimated":
            assert p.source == "@estimate", f"{path}: an estimate's source is @estimate, not {p.source}"
        else:
            assert p.source != "@estimate", f"{path}: a published number cites its publication"
        for key in p.based_on:
            assert key[1:] in net.sources, f"{path}: unknown basis {key}"


def test_no_source_is_a_bare_domain(net):
    from urllib.parse import urlparse

    for key, source in net.sources.items():
        if source.url:
            page = urlparse(source.url)
            assert page.path.strip("/") or page.query, f"{key}: {source.url} is a bare domain, not the page"


def test_every_residual_has_a_real_route_or_a_stream(net):
    """A supply goes somewhere real: a disposal route (of its actor, or every actor's) that names where, a
    stream, or the actor's own process. No residual disappears without a named route."""
    for row in net.supplies:
        route = net.factor_row("disposal_cost", row.resource, actor=row.actor)
        streams = [s for s in net.streams if (s.supplier, s.resource) == (row.actor, row.resource)]
        own = [p for p in net.processes if p.actor == row.actor and row.resource in p.inputs]
        assert route is not None or streams or own, f"{row.actor}'s {row.resource} has no route and no stream"
        if route is not None:
            assert route.route, f"the disposal of {row.resource} at {row.actor} must name its route"


def test_ranges_hold_their_values(net):
    for path, p in _provenances(net):
        value = getattr(p, "value", None)
        if p.range is not None and value is not None:
            assert p.range[0] <= value <= p.range[1], path
