"""`symbiosis validate` and `symbiosis show` take a scenario file (the page's footer tells users to run
them on one): validate checks the base network and every event, naming file, line and field; show prints
the base network and the events."""

from __future__ import annotations

import shutil

from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import EXAMPLES, FIXTURES

TINY_SCENARIO = (FIXTURES / "tiny-scenario.yaml").read_text(encoding="utf-8")


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def scenario(tmp_path, text: str, network: str | None = None):
    shutil.copy(FIXTURES / "tiny.yaml", tmp_path / "tiny.yaml")
    if network is not None:
        (tmp_path / "tiny.yaml").write_text(network, encoding="utf-8")
    path = tmp_path / "sc.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_validate_a_good_scenario_names_it_and_its_base(tmp_path):
    r = run("validate", scenario(tmp_path, TINY_SCENARIO))
    assert r.exit_code == 0, r.output
    said = " ".join(r.output.split())  # wrapped at the width (the temporary folder's path is long)
    assert "sc.yaml: valid scenario 'Tiny test scenario' horizon 2020-2024, 2 events" in said
    assert "base network tiny: 3 actors" in said


def test_validate_names_the_event_line_and_field_of_a_mistake(tmp_path):
    bad = TINY_SCENARIO.replace("actor: plant, ends: [gypsum]", "actor: plannt, ends: [gypsum]")
    r = run("validate", scenario(tmp_path, bad))
    assert r.exit_code == 2
    # the second event is on line 8 of the file
    assert "sc.yaml:8: events[1].actor: unknown actor 'plannt'" in r.output, r.output
    assert "Traceback" not in r.output


def test_validate_reports_every_problem_of_the_scenario_fields(tmp_path):
    bad = TINY_SCENARIO.replace("growth: 0.1}", "growth: 0.1, colour: red}").replace("horizon: 2020-2024",
                                                                                    "horizon: 2020-2019")
    r = run("validate", scenario(tmp_path, bad))
    assert r.exit_code == 2
    assert "sc.yaml" in r.output and "horizon" in r.output and "events[0].colour" in r.output, r.output


def test_validate_names_a_mistake_in_the_base_network_file(tmp_path):
    network = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8").replace("receiver: pharma", "receiver: farma", 1)
    r = run("validate", scenario(tmp_path, TINY_SCENARIO, network))
    assert r.exit_code == 2
    assert "tiny.yaml" in r.output and "receiver: unknown actor 'farma'" in r.output, r.output


def test_validate_every_example_scenario():
    for path in EXAMPLES.glob("*.yaml"):
        r = run("validate", path)
        assert r.exit_code == 0, r.output


def test_show_a_scenario_prints_its_events_and_its_base_network(tmp_path):
    r = run("show", scenario(tmp_path, TINY_SCENARIO))
    assert r.exit_code == 0, r.output
    text = " ".join(r.output.split())
    assert "Scenario: Tiny test scenario, horizon 2020-2024, 2 events, 1 uncertain number" in text
    assert "2022 │ change │ demand of 'steam' at 'pharma': +10.0% a year" in text
    assert "2023 │ convert │ actor 'plant'; ends gypsum │ the plant stops desulphurising" in text
    assert "Base network (before the events): Tiny test symbiosis (tiny)" in text and "steam-to-pharma" in text


def test_show_the_transition_example_lists_its_four_events_in_year_order():
    r = run("show", EXAMPLES / "transition-2000-today.yaml")
    assert r.exit_code == 0, r.output
    years = [line.split("│")[1].strip() for line in r.output.splitlines()
             if line.startswith("│") and line.split("│")[1].strip().isdigit()]
    assert years == ["2018", "2020", "2022", "2022"]
