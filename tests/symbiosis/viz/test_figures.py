"""The figures and their tables, checked against numbers worked out by hand on tests/fixtures/tiny.yaml.

tiny: the plant supplies 100 t steam and 50 t gypsum; pharma needs 80 t steam
(virgin 200 DKK/t), boards need 60 t natural gypsum (virgin 100 DKK/t);
gypsum disposal costs 50 DKK/t. Observed: 70 t steam, 40 t gypsum (10 DKK/t transport).
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd
import pytest

from symbiosis.evaluation import evaluate
from symbiosis.io import load_network
from symbiosis.present.pagewords import _WORDS, label
from symbiosis.viz import data
from symbiosis.viz.evolution import evolution
from symbiosis.viz.montecarlo import band_table, monte_carlo_bands
from symbiosis.viz.network_map import flow_widths, network_map
from symbiosis.viz.pareto import front_figure, non_dominated
from symbiosis.viz.report import build_report
from symbiosis.viz.sankey import sankey
from symbiosis.viz.scorecard import scorecard
from symbiosis.viz.stress import stress_ranking
from symbiosis.viz.timepaths import time_paths
from symbiosis.viz.waterfall import waterfall
from tests.paths import FIXTURES


@pytest.fixture(scope="module")
def tiny():
    return evaluate(load_network(FIXTURES / "tiny.yaml"))


@pytest.fixture(scope="module")
def services():
    return evaluate(load_network(FIXTURES / "tiny-services.yaml"))


def test_sankey_balances_every_resource_node(tiny):
    table = data.sankey_table(tiny.network, tiny.observed)
    got = {(r.source_kind, r.source, r.resource, r.target_kind, r.target): r.value for r in table.itertuples()}
    assert got == {
        ("actor", "plant", "steam", "actor", "pharma"): 70, ("actor", "plant", "gypsum", "actor", "boards"): 40,
        ("virgin", "", "steam", "actor", "pharma"): 10, ("virgin", "", "natural-gypsum", "actor", "boards"): 20,
        ("actor", "plant", "steam", "disposal", ""): 30, ("actor", "plant", "gypsum", "disposal", ""): 10,
    }
    trace = sankey(tiny.network, tiny.observed).data[0]
    src, tgt, val = np.array(trace.link.source), np.array(trace.link.target), np.array(trace.link.value)
    middle = [i for i, name in enumerate(trace.node.label) if name in ("Process steam", "FGD gypsum", "Natural gypsum")]
    assert len(middle) == 3
    for node in middle:  # what flows into a resource flows out of it
        assert val[tgt == node].sum() == pytest.approx(val[src == node].sum())
    assert "Virgin supply → Process steam → Pharma plant: 10 t/yr" in trace.link.customdata


def test_sankey_has_one_diagram_per_unit(tmp_path):
    text = (FIXTURES / "tiny.yaml").read_text()
    text = text.replace("resources:\n", "resources:\n  - {id: water, name: Cooling water, unit: m3, category: water}\n")
    text = text.replace("demands:\n", "  - {actor: plant, resource: water, quantity: {value: 30, source: '@test', "
                        "basis: published}}\ndemands:\n  - {actor: boards, resource: water, quantity: {value: 20, "
                        "source: '@test', basis: published}}\n")
    text = text.replace("factors:\n", "  - {id: water-to-boards, supplier: plant, receiver: boards, resource: water, "
                        "observed: {value: 20, source: '@test', basis: published}}\nfactors:\n"
                        "  - {factor: virgin_price, resource: water, value: 5, unit: DKK/m3, source: '@test', "
                        "basis: published}\n"
                        "  - {factor: disposal_cost, resource: water, value: 0, unit: DKK/m3, route: returned to the "
                        "river, source: '@test', basis: published}\n")
    (tmp_path / "two-units.yaml").write_text(text)
    net = load_network(tmp_path / "two-units.yaml")
    fig = sankey(net, evaluate(net).observed)
    assert [t.name for t in fig.data] == ["t", "m3"]
    assert [t.visible for t in fig.data] == [True, False]
    assert [b.label for b in fig.layout.updatemenus[0].buttons] == ["Unit: t", "Unit: m3"]
    assert fig.layout.updatemenus[0].buttons[1].args == ({"visible": [False, True]},)
    # 20 m3 sent, 10 m3 of the plant's 30 disposed of
    assert sorted(fig.data[1].link.value) == [10, 10, 20, 20]


def test_scorecard_numbers_are_the_hand_computed_savings(tiny):
    t = data.scorecard_table(tiny).set_index("indicator")
    # no symbiosis: 80x200 + 60x100 + 50x50 = 24,500; today: 10x200 + 20x100 + 10x50 + 40x10 = 4,900
    assert t.loc["cost_saved", "today"] == pytest.approx(19_600)
    # best use: 80 t steam (cap 90) and all 50 t gypsum: 10x100 + 50x10 = 1,500
    assert t.loc["cost_saved", "best"] == pytest.approx(23_000)
    assert t.loc["co2e_avoided", "lens"] == "society" and t.loc["cost_saved", "lens"] == "companies"
    assert "supported_fte" not in t.index  # nothing recorded
    # tiny switches on no jurisdiction pack: one set of cards, no Kolding lens button (symbiosis.packs)
    assert t.attrs["lenses"] == ("line",) and not scorecard(t.reset_index()).layout.updatemenus
    t.attrs.pop("lenses")  # as for a network with the Danish pack: both lenses
    fig = scorecard(t.reset_index(), "da")
    assert fig.data[0].value == pytest.approx(19_600)
    assert "bedste brug: 23.000 kr./år" in fig.data[0].title.text
    assert [a.text for a in fig.layout.annotations] == ["<b>Økonomi</b>", "<b>Miljø</b>", "<b>Socialt</b>"]
    lens_button = fig.layout.updatemenus[0].buttons[1]
    assert [a["text"] for a in lens_button.args[1]["annotations"]] == [
        "<b>Mennesker</b>", "<b>Virksomheder</b>", "<b>Samfund</b>"]
    # the second set of cards is Kolding's: cost (companies) sits in the middle column
    n = len(t)
    assert lens_button.args[0]["visible"] == [False] * n + [True] * n
    assert fig.data[n].name == "lens:cost_saved" and fig.data[n].domain.x[0] == pytest.approx(1 / 3, abs=1e-3)


def test_scorecard_names_missing_columns():
    with pytest.raises(ValueError, match=r"lacks columns \['lens'"):
        scorecard(pd.DataFrame({"indicator": [], "line": [], "unit": [], "today": [], "best": []}))


def test_actor_costs_add_up_to_the_total(tiny):
    for mode in ("observed", "counterfactual", "optimised"):
        r = tiny.result(mode)
        assert data.actor_costs(tiny.network, r).sum() == pytest.approx(r.totals["cost"])
    ch = data.cost_changes(tiny.network, tiny.counterfactual, tiny.observed)
    assert dict(zip(ch.label, ch.change, strict=True)) == pytest.approx(
        {"Pharma plant": -14_000, "Board maker": -4_000, "Power plant": -1_600})


def test_waterfall_ends_at_the_scenario_total(tiny):
    ch = data.cost_changes(tiny.network, tiny.counterfactual, tiny.observed)
    fig = waterfall(ch, tiny.counterfactual.totals["cost"], "DKK/yr", baseline_label="None", scenario_label="Today")
    trace = fig.data[0]
    assert trace.x[0] == "None" and trace.x[-1] == "Today"
    assert trace.text[-1] == "4,900"  # 24,500 - 19,600
    assert list(trace.text[1:-1]) == ["−14,000", "−4,000", "−1,600"]
    # beyond `most` bars the small ones are summed, and the end stays exact
    many = pd.DataFrame({"label": [f"a{i}" for i in range(30)], "change": np.arange(30.0)})
    fig = waterfall(many, 0.0, "t", most=10)
    assert len(fig.data[0].x) == 12 and fig.data[0].x[-2] == "21 others"
    assert sum(fig.data[0].y[1:-1]) == pytest.approx(many.change.sum())
    with pytest.raises(ValueError, match=r"waterfall: the table lacks column\(s\) \['change'\]"):
        waterfall(pd.DataFrame({"label": ["x"]}), 0, "t")


def test_map_hover_widths_and_groups(tiny):
    fig = network_map(tiny.network, tiny.observed, counterfactual=tiny.counterfactual)
    hover = {t.legendgroup: t.hovertext for t in fig.data if t.meta == "stream-hover"}
    assert "Process steam: 70 t/yr" in hover["energy"][0] and "since 1982" in hover["energy"][0]
    assert "replaces Natural gypsum" in hover["material"][0]
    streams = data.stream_table(tiny.network, tiny.observed)
    w = flow_widths(streams)
    assert w[0] == pytest.approx(9.0)  # the largest stream in t
    assert w[1] == pytest.approx(1.5 + 7.5 * np.sqrt(40 / 70))
    # every stream draws one arrowhead at the end of its line
    lines = [t for t in fig.data if t.legendgroup in ("energy", "material") and t.mode == "lines+markers"]
    assert sum(int(np.count_nonzero(t.marker.size)) for t in lines) == 2
    # nodes sized by value exchanged (the ledger's stream values): plant gives 70x200 + 40x(100 + 50 - 10),
    # pharma gets 70x200
    sizes = {t.name: t.marker.size for t in fig.data if t.meta == "actors"}
    assert sizes["Utility"][0] == pytest.approx(40.0) and sizes["Symbiosis member"][0] < 40.0


def test_map_escapes_names_and_draws_service_links(services):
    fig = network_map(services.network, services.observed)
    text = fig.to_json()
    assert "<script>" not in text.replace("\\u003c", "<").replace("&lt;script", "")
    service = [t for t in fig.data if t.meta == "service-hover"][0]
    assert "Workwear laundry" in service.hovertext[0] and "3 fleksjob" in service.hovertext[0]
    assert [t.line.dash for t in fig.data if t.legendgroup == "service" and t.mode == "lines"] == ["dash"]


def test_evolution_frames_follow_start_years(tiny):
    fig = evolution(tiny.network)
    frames = {f.name: f for f in fig.frames}
    assert list(frames) == ["1982", "1993", "2020"]  # the years something changed

    def points(frame, group):
        t = [t for t in frame.data if t.legendgroup == group and t.meta == "stream-hover"][0]
        return len(t.x)

    assert (points(frames["1982"], "energy"), points(frames["1982"], "material")) == (1, 0)
    assert (points(frames["1993"], "energy"), points(frames["1993"], "material")) == (1, 1)
    assert len({len(f.data) for f in fig.frames}) == 1  # animation needs the same traces in each frame
    assert [s.label for s in fig.layout.sliders[0].steps] == ["1982", "1993", "2020"]
    assert fig.layout.sliders[0].active == 2
    assert frames["1982"].layout.title.text.endswith("1982 · 1 stream")


def test_history_counts_streams_per_year(tiny):
    h = data.history_table(tiny.network).pivot(index="year", columns="series", values="value")
    assert h.loc[1982].tolist() == [1, 0] and h.loc[1993].tolist() == [1, 1] and h.index.max() == 2020
    fig = time_paths(h.stack().rename("value").reset_index(), "da", step=True)
    assert [t.name for t in fig.data] == ["Energi", "Materialer"]


def test_monte_carlo_bands_from_samples_and_percentiles():
    rng = np.random.default_rng(1)
    samples = pd.DataFrame({"year": np.repeat([2030, 2031], 1000), "sample": np.tile(np.arange(1000), 2),
                            "value": rng.normal(10, 1, 2000)})
    q = band_table(samples)
    assert q.p50.tolist() == pytest.approx([10, 10], abs=0.15)
    assert (q.p95 - q.p5).tolist() == pytest.approx([2 * 1.645] * 2, rel=0.1)
    fig = monte_carlo_bands(samples, unit="t CO2e/yr")
    assert [t.fill for t in fig.data] == ["toself", "toself", None]
    fig = monte_carlo_bands(q[["year", "p5", "p50", "p95"]])
    assert len(fig.data) == 2
    with pytest.raises(ValueError, match="sample"):
        monte_carlo_bands(pd.DataFrame({"year": [1], "value": [1.0]}))


def test_pareto_front_marks_non_dominated_points():
    df = pd.DataFrame({"cost": [1.0, 2.0, 3.0, 2.5], "co2e": [3.0, 2.0, 1.0, 2.5], "label": ["a", "b", "c", "<d>"]})
    assert non_dominated(df.cost, df.co2e).tolist() == [True, True, True, False]
    fig = front_figure(df, "cost", "co2e", x_unit="DKK/yr")
    assert list(fig.data[0].x) == [1.0, 2.0, 3.0] and list(fig.data[1].text) == ["&lt;d&gt;"]


def test_stress_ranking_puts_the_largest_loss_on_top():
    fig = stress_ranking(pd.DataFrame({"item": ["a", "b", "c"], "loss": [5.0, 20.0, 1.0],
                                       "detail": ["x", "y", "z"]}), most=2)
    assert list(fig.data[0].y) == ["a", "b"]  # plotly draws bottom-up: b (largest) on top
    assert list(fig.data[0].customdata) == ["x", "y"]


def test_report_escapes_data_and_speaks_danish(services):
    html = build_report(services, "da")
    body = html.split("</script>\n</head>", 1)[1]
    assert "<script>alert(1)" not in body
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<title>Tiny &lt;b&gt;test&lt;/b&gt; &amp; symbiosis 2020</title>" in html
    assert "Sammenfatning" in body and "19.600 kr." in body and 'lang="da"' in html
    # the card counts people in supported employment and offers, with the jobs apart (issue 27)
    assert ">3</span><span class=\"k\">personer i støttet beskæftigelse og tilbud (3 i job, 0 i tilbud og " \
           "forløb)" in body
    # nothing to fetch: no script, image or style from the web (sources are cited as text)
    assert not re.search(r'(src|href)=["\']https?://', body.replace("https://plotly.com", ""))
    assert len(html.encode()) < 6_000_000


def test_every_label_has_both_languages():
    from symbiosis.present.i18n import translations

    catalogue = translations("da")._catalog   # the compiled Danish: message id -> Danish
    missing = [en for en in _WORDS.values() if not (isinstance(en, str) and catalogue.get(en))]
    assert not missing, f"page words without their Danish in the catalogue: {missing}"
    assert label("virgin", "da") == "Primære råstoffer" and label("virgin") == "Virgin supply"


def test_sym_evaluate_still_works_after_importing_the_module(tiny):
    import symbiosis as sym
    import symbiosis.evaluation  # noqa: F401  (rebinds the package attribute to the module)

    assert sym.evaluate(tiny.network).savings("observed")["cost_saved"] == pytest.approx(19_600)


def test_kalundborg_map_opens_on_the_industrial_area():
    net = load_network("kalundborg")
    fig = network_map(net, evaluate(net).observed)
    (x0, x1), (y0, y1) = fig.layout.xaxis.range, fig.layout.yaxis.range
    tisso = net.actor["lake-tisso"].location
    novo = net.actor["novo-nordisk"].location
    assert x0 < novo.lon < x1 and y0 < novo.lat < y1
    assert not (x0 < tisso.lon < x1 and y0 < tisso.lat < y1)  # 15 km away: shown with "Whole network"
    whole = fig.layout.updatemenus[0].buttons[1].args[0]
    assert whole["xaxis.range"][0] < tisso.lon < whole["xaxis.range"][1]
    # names that would overlap are left to the hover: no two shown labels share a spot
    shown = [(t.x[i], t.y[i], t.textposition[i]) for t in fig.data if t.meta == "actors"
             for i in range(len(t.x)) if t.text[i]]
    assert len(shown) >= 12 and len(set(shown)) == len(shown)


def test_history_draws_exchanges_of_unknown_age_from_the_network_year_only(tiny):
    net = tiny.network
    undated = net.model_copy(update={"streams": [net.streams[0], net.streams[1].model_copy(update={"start": None})]})
    h = data.history_table(undated).pivot(index="year", columns="series", values="value")
    assert h.loc[2019, "material"] == 0 and h.loc[2020, "material"] == 1
    frames = {f.name: f for f in evolution(undated).frames}
    assert list(frames) == ["1982", "2020"]


def test_large_networks_get_lighter_figures(tiny, monkeypatch):
    import importlib

    evolution_module = importlib.import_module("symbiosis.viz.evolution")
    map_module = importlib.import_module("symbiosis.viz.network_map")

    monkeypatch.setattr(evolution_module, "MOST_STOPS", 2)
    monkeypatch.setattr(evolution_module, "MANY_STREAMS", 1)
    monkeypatch.setattr(map_module, "MANY_STREAMS", 1)
    fig = evolution_module.evolution(tiny.network)
    assert [f.name for f in fig.frames] == ["1982", "2020"]  # first and last of 1982, 1993, 2020
    last = fig.frames[-1].data
    assert all(len(t.x) == 0 for t in last if t.meta == "stream-hover")  # no stream hovers in the history
    lines = [t for t in last if t.legendgroup == "energy" and t.mode == "lines+markers"]
    assert len(lines[0].x) == 3  # a straight arrow: two points and the gap
    table = data.sankey_table(tiny.network, tiny.observed)
    labels = sankey(tiny.network, tiny.observed, most=0).data[0].node.label
    assert "Other suppliers (1)" in labels and "Other receivers (2)" in labels and "Power plant" not in labels
    assert len(table) == 6
