"""Jurisdiction packs (issue 24 item 6): the Danish rules, aims and public economy only where a network
switches the pack on; an unknown pack is one clear error; another country's pack plugs in by module path."""

from __future__ import annotations

import io
import json

import pytest
import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.io import load_network, network_from_dict
from tests.paths import FIXTURES

DANISH = ("pejlemærke", "Pejlemærke", "design principle", "Rule checks", "fleksjob rule", "§ 65", "SROI",
          "Public economy", "kommune")


def _data(packs) -> dict:
    data = yaml.safe_load((FIXTURES / "tiny-services.yaml").read_text(encoding="utf-8"))
    data.pop("packs", None)
    if packs:
        data["packs"] = packs
    return data


def _printed(report) -> str:
    from rich.console import Console

    from symbiosis.present.scores import print_report

    out = io.StringIO()
    print_report(report, Console(file=out, width=200, color_system=None))
    return out.getvalue()


@pytest.fixture(scope="module")
def reports():
    """tiny-services (a fleksjob link, DKK) scored with and without the Danish pack."""
    from symbiosis.present.scores import report_json
    from symbiosis.scoring import tbl_report

    out = {}
    for name, packs in (("danish", ["denmark"]), ("plain", None)):
        r = tbl_report(network_from_dict(_data(packs), "tiny-services.yaml"), objective="cost")
        out[name] = (r, json.loads(json.dumps(report_json(r), default=str)), _printed(r))
    return out


def test_bundled_networks_declare_their_packs():
    assert load_network("kalundborg").packs == ("denmark",)
    assert load_network("kalundborg-2000").packs == ("denmark",)
    assert load_network("rotterdam-botlek").packs == ()


def test_without_a_pack_no_danish_rules_aims_or_public_economy(reports):
    r, data, text = reports["plain"]
    assert data["packs"] == [] and data["findings"] == []
    assert "aims" not in data["social"] and "payers" not in data["social"] and "sroi" not in data["social"]
    assert data["scores"]["observed"]["public_value"] is None      # no pack values jobs for a public purse
    assert set(data["lenses"]) == {"tbl"}                           # no Kalundborg or Kolding lens
    assert not any(k.startswith(("benefit_", "tax_", "flexjob_")) for k in data["factors"])
    for word in DANISH:
        assert word not in text, word
    assert "Kolding" not in text and "Kalundborg" not in text
    # what the network records, without any country's rules: the people on its service link
    assert data["scores"]["observed"]["supported_persons"] == 3
    assert "People in supported employment and offers: 3" in " ".join(text.split())


def test_with_the_danish_pack_the_same_flows_and_people_and_the_danish_sections(reports):
    (_, data, text), (_, plain, _) = reports["danish"], reports["plain"]
    assert data["packs"] == ["denmark"] and set(data["lenses"]) == {"kalundborg", "kolding"}
    keys = {row["key"] for row in data["social"]["aims"]}
    assert {"P1", "P2", "P3", "P4", "P5", "D1", "D2", "D3", "D4", "D5"} <= keys
    assert data["findings"] and "Rule checks (Danish rules)" in text
    assert data["scores"]["observed"]["public_value"] is not None
    assert "Rule checks (Danish rules)" in text and "pejlemærker" in text and "design principles" in text
    for key in ("cost_saved", "co2e_avoided", "supported_persons", "supported_fte", "framework_coverage"):
        assert data["scores"]["observed"][key] == plain["scores"]["observed"][key], key
    assert data["lenses"]["kalundborg"]["totals"] != {}


def test_the_page_of_a_network_without_a_pack_has_no_danish_section(reports):
    from symbiosis.accounting.report import social_summary
    from symbiosis.viz.data import scorecard_table
    from symbiosis.viz.social import social_html

    (plain, _, _), (danish, _, _) = reports["plain"], reports["danish"]
    names = {a.id: a.name for a in plain.observed.network.actors}
    html = str(social_html(social_summary(plain.observed), names))
    assert "pejlemærker" not in html and "design principles" not in html and "Kalundborg" not in html
    assert "3 people in supported employment and offers" in html
    assert "pejlemærker" in str(social_html(social_summary(danish.observed), names))
    assert scorecard_table(plain.evaluation).attrs["lenses"] == ("line",)   # no Kolding lens button
    assert "lenses" not in scorecard_table(danish.evaluation).attrs


def test_a_park_with_no_social_data_shows_no_zero_people(tmp_path):
    data = yaml.safe_load((FIXTURES / "tiny.yaml").read_text(encoding="utf-8"))
    net = network_from_dict(data, "tiny.yaml")
    from symbiosis.accounting.report import social_summary
    from symbiosis.accounting.score import score
    from symbiosis.evaluation import evaluate
    from symbiosis.viz.social import social_html

    observed = score(evaluate(net, "cost", recommend=False), "observed")
    assert observed.indicators["supported_persons"] is None and observed.findings == [] and observed.aims is None
    html = str(social_html(social_summary(observed), {a.id: a.name for a in net.actors}))
    assert "No social-economy data is recorded" in html and "0 people" not in html


def test_an_unknown_pack_is_one_clear_error(tmp_path):
    path = tmp_path / "park.yaml"
    path.write_text(yaml.safe_dump(_data(["denmark", "narnia"]), allow_unicode=True), encoding="utf-8")
    r = CliRunner().invoke(main, ["validate", str(path)])
    assert r.exit_code == 2, r.output
    assert "park.yaml" in r.output and "packs[1]" in r.output
    assert "unknown pack 'narnia'; installed: denmark" in " ".join(r.output.split())
    assert "Traceback" not in r.output and "packs[0]" not in r.output


def test_a_pack_plugs_in_by_its_module_path():
    from symbiosis.scoring import tbl_report

    net = network_from_dict(_data(["tests.symbiosis.packs.ruritania"]), "tiny-services.yaml")
    r = tbl_report(net, objective="cost")
    assert [f.rule for f in r.observed.findings] == ["ruritanian service rule"]
    aims = r.observed.aims
    assert list(aims.key) == ["R1"] and aims.status.iloc[0] == "yes"     # 20 t CO2e avoided by hand: > 0
    assert r.observed.indicators["public_value"] is None                # the pack values no public economy
    text = _printed(r)
    assert "ruritanian service rule" in text and "pejlemærker" not in text


def test_packs_lists_the_installed_packs_and_register_adds_one():
    from symbiosis.packs import Pack, installed, load, register

    r = CliRunner().invoke(main, ["packs", "--format", "json"])
    assert r.exit_code == 0, r.output
    rows = {row["name"]: row for row in json.loads(r.output)}
    assert rows["denmark"]["from"] == "built in" and "rule checks" in rows["denmark"]["brings"]
    pack = register(Pack(name="testland", title="Testland"))
    try:
        assert installed()["testland"] == "registered" and load("testland") is pack
    finally:
        from symbiosis.model import packs as registry

        registry._REGISTERED.pop("testland")
    with pytest.raises(TypeError):
        register("denmark")


def test_the_docs_show_the_test_pack_as_it_is():
    from tests.paths import ROOT

    source = (ROOT / "tests" / "symbiosis" / "packs" / "ruritania.py").read_text(encoding="utf-8")
    assert source in (ROOT / "docs" / "packs.md").read_text(encoding="utf-8")


def test_simulate_of_a_network_without_a_pack_lists_only_the_social_indicators_with_data():
    r = CliRunner().invoke(main, ["simulate", str(FIXTURES / "tiny.yaml")], env={"COLUMNS": "100"})
    assert r.exit_code == 0, r.output
    assert "Cost saved" in r.output and "Public-economy value" not in r.output
    assert "Framework agreement coverage" not in r.output
    r = CliRunner().invoke(main, ["simulate", str(FIXTURES / "tiny-services.yaml")], env={"COLUMNS": "100"})
    assert "Public-economy value" in r.output  # the Danish pack values the supported jobs
