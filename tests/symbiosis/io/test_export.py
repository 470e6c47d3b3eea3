"""`symbiosis export` and `symbiosis new`: lossless formats read back equal, lossy ones say what they drop."""

import json

import networkx as nx
import pytest
import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.io import bundled_networks, load_network
from symbiosis.io.export import DROPS, FORMATS, LOSSLESS, export_network, flat_graph
from symbiosis.io.template import template_text
from tests.paths import EXAMPLES as EXAMPLES_DIR
from tests.paths import FIXTURES

TINY = FIXTURES / "tiny.yaml"
# networks, not scenarios; libyaml's safe loader where installed (every worker reads these at collection)
EXAMPLES = sorted(str(p) for p in EXAMPLES_DIR.glob("*.yaml")
                  if "actors" in yaml.load(p.read_text(encoding="utf-8"),
                                           Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)))
GRADED = [str(FIXTURES / f) for f in ("grades.yaml", "output-grades.yaml")]
NETWORKS = [str(TINY), *bundled_networks(), *EXAMPLES, *GRADED]  # every network shipped, and graded ones


def test_every_format_is_either_lossless_or_lists_its_drops():
    assert set(FORMATS) == set(LOSSLESS) | set(DROPS)
    assert not set(LOSSLESS) & set(DROPS)


@pytest.mark.parametrize("name", NETWORKS)
@pytest.mark.parametrize("fmt", LOSSLESS)
def test_lossless_formats_read_back_equal(tmp_path, name, fmt):
    net = load_network(name)
    out = export_network(net, fmt, tmp_path / ("net" if fmt == "csv" else f"net.{fmt}"))
    assert load_network(out).model_dump() == net.model_dump()


@pytest.mark.parametrize("name", NETWORKS)
def test_graphml_and_gexf_keep_the_actor_graph(tmp_path, name):
    net = load_network(name)
    export_network(net, "graphml", tmp_path / "n.graphml")
    g = nx.read_graphml(tmp_path / "n.graphml", force_multigraph=True)
    assert set(g.nodes) == {a.id for a in net.actors}
    streams = {k: d for _, _, k, d in g.edges(keys=True, data=True) if d["edge_type"] == "stream"}
    assert set(streams) == {s.id for s in net.streams}
    for s in net.streams:
        assert streams[s.id]["resource"] == s.resource
        if s.observed:
            assert streams[s.id]["observed_value"] == s.observed.value
    export_network(net, "gexf", tmp_path / "n.gexf")
    h = nx.read_gexf(tmp_path / "n.gexf")
    assert h.number_of_edges() == len(net.streams) + len(net.service_links)
    assert {d["label"] for _, d in h.nodes(data=True)} == {a.name for a in net.actors}


def test_graph_carries_supplies_and_supported_totals():
    g = flat_graph(load_network(TINY))
    assert g.nodes["plant"]["supply_steam"] == 100.0
    assert g.nodes["boards"]["demand_natural-gypsum"] == 60.0


def test_cli_export_prints_what_graphml_drops(tmp_path):
    runner = CliRunner()
    result = runner.invoke(main, ["export", str(TINY), "--to", "graphml", "-o", str(tmp_path / "t.graphml")])
    assert result.exit_code == 0, result.output
    assert "leaves out" in result.output and "the factor table" in result.output
    again = runner.invoke(main, ["export", str(TINY), "--to", "graphml", "-o", str(tmp_path / "t.graphml")])
    assert again.exit_code == 2 and "already exists" in again.output
    ok = runner.invoke(main, ["export", str(TINY), "--to", "xlsx", "-o", str(tmp_path / "t.xlsx")])
    assert ok.exit_code == 0 and "leaves out" not in ok.output


def test_template_is_valid_and_converts_its_units(tmp_path):
    path = tmp_path / "park.yaml"
    path.write_text(template_text("park"))
    net = load_network(path)
    supply = {(s.actor, s.resource): s.quantity.value for s in net.supplies}
    assert supply[("power-plant", "steam")] == 150_000          # "150 kt"
    assert supply[("refinery", "surplus-heat")] == 80_000       # "80 GWh" in MWh
    assert supply[("refinery", "waste-water")] == 700_000       # "0.7 Mm3/yr"
    assert net.service_links[0].annual_value.value == 1_200_000  # "1.2 MDKK"
    assert "# " in path.read_text()                             # it is commented


@pytest.mark.parametrize("fmt", ["yaml", "json", "csv", "xlsx"])
def test_cli_new_writes_a_network_that_validates_and_simulates(tmp_path, fmt, monkeypatch):
    monkeypatch.chdir(tmp_path)
    runner = CliRunner()
    result = runner.invoke(main, ["new", "my-park", "--format", fmt])
    assert result.exit_code == 0, result.output
    target = {"yaml": "my-park.yaml", "json": "my-park.json", "csv": "my-park", "xlsx": "my-park.xlsx"}[fmt]
    assert runner.invoke(main, ["validate", target]).exit_code == 0
    sim = runner.invoke(main, ["simulate", "--network", target, "--format", "json"])
    assert sim.exit_code == 0, sim.output
    # By hand, against no symbiosis: steam 100 kt x 250 DKK/t = 25.0 M; water 0.5 Mm3 x (5 bought + 10 disposed)
    # = 7.5 M; heat: 60 GWh x 0.95 = 57 GWh into the heat pump at 0.7 MWh per MWh made -> 81,428.6 MWh of
    # district heat worth 400 DKK/MWh, less its electricity (0.3 x 900) and operating cost (20): 110 DKK/MWh.
    heat_pump = 60_000 * 0.95 / 0.7 * (400 - 0.3 * 900 - 20)
    saved = json.loads(sim.output)["savings"]["observed"]["cost_saved"]
    assert saved == pytest.approx(25e6 + 7.5e6 + heat_pump, rel=1e-9)
    again = runner.invoke(main, ["new", "my-park", "--format", fmt])
    assert again.exit_code == 2 and "already exists" in again.output


@pytest.mark.parametrize(("fmt", "name"), [("json", "afile"), ("yaml", "net.yml"), ("xlsx", "book"),
                                           ("graphml", "g.xml"), ("json", "net.txt")])
def test_export_writes_exactly_the_path_named(tmp_path, fmt, name):
    """Issue 23: `export NET --to json -o afile` wrote afile.json; the path named is the path written."""
    r = CliRunner().invoke(main, ["export", str(TINY), "--to", fmt, "-o", str(tmp_path / name)])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]
    text = (tmp_path / name).read_bytes()
    if fmt == "json":
        assert json.loads(text)["id"] == "tiny"
    elif fmt == "yaml":
        assert yaml.safe_load(text)["id"] == "tiny"
