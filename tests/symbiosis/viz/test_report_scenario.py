"""`symbiosis report SCENARIO` and `symbiosis report RUN_ID`: what changed over a horizon.

The tiny scenario by hand (tests/fixtures/tiny-scenario.yaml on tiny.yaml, optimised answer):
in 2020 steam 80 t x 200 DKK/t = 16,000 DKK plus gypsum 50 t x (100 + 50 - 10) DKK/t = 7,000 DKK,
so 23,000 DKK/yr saved; in 2024 no gypsum and steam capped at 90 t: 18,000 DKK/yr.
"""

from __future__ import annotations

import re
from html import unescape

from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import FIXTURES

SCENARIO = FIXTURES / "tiny-scenario.yaml"


def run(*args):
    return CliRunner().invoke(main, [str(a) for a in args])


def _titles(html: str) -> list[str]:
    return re.findall(r"<h2>([^<]*)</h2>", html)


def test_scenario_report_has_time_paths_waterfall_and_what_changed(tmp_path):
    out = tmp_path / "s.html"
    r = run("report", SCENARIO, "-o", out)
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    titles = _titles(html)
    assert "Cost saved over the years" in titles and "CO2e avoided over the years" in titles
    assert "Cost by company: 2020 against 2024" in titles
    assert not any("range over" in t for t in titles)  # no samples, no bands
    assert "Supported jobs over the years" not in titles  # zero every year: left out
    summary = unescape(re.sub(r"<[^>]+>", " ", html[html.index('id="summary"'):html.index('id="score"')]))
    assert "Over 2020-2024, scenario 'Tiny test scenario' (2 events)" in summary
    assert "cost saved went from 23,000 DKK/yr to 18,000 DKK/yr" in summary
    assert "streams running went from 2 to 1" in summary
    assert "network of 2024, the last year of the horizon" in summary
    # every figure section has its figure (the summary and the social bottom line are text)
    assert html.count('class="plotly-graph-div"') == html.count('<section class="figure"') == len(titles) - 2


def test_run_report_adds_monte_carlo_bands_and_stress(tmp_path):
    store = tmp_path / "runs.sqlite"
    r = run("simulate", SCENARIO, "--samples", "12", "--seed", "3", "--store", store)
    assert r.exit_code == 0, r.output
    out = tmp_path / "r.html"
    r = run("report", "1", "--store", store, "-o", out, "--stress", "--lang", "da")
    assert r.exit_code == 0, r.output
    html = out.read_text(encoding="utf-8")
    titles = _titles(html)
    assert "Sparede omkostninger: udfaldsrum over 12 stikprøver" in titles
    assert "Hvilket tab ville gøre mest ondt" in titles
    assert "kørsel 1 (12 Monte Carlo-stikprøver, seed 3)" in html
    fig = html[html.index("udfaldsrum over 12"):]
    assert '"fill":"toself"' in fig


def test_unknown_run_id_names_the_store_and_the_ids_and_writes_nothing(tmp_path):
    store = tmp_path / "runs.sqlite"
    assert run("simulate", SCENARIO, "--store", store).exit_code == 0
    assert run("simulate", SCENARIO, "--store", store).exit_code == 0
    out = tmp_path / "r.html"
    r = run("report", "9", "--store", store, "-o", out)
    assert r.exit_code == 2
    lines = [line for line in r.output.splitlines() if line.strip()]
    assert len(lines) == 1 and str(store) in lines[0] and "no run 9" in lines[0] and "2, 1" in lines[0]
    assert "Traceback" not in r.output and not out.exists()
    r = run("report", "1", "--store", tmp_path / "none.sqlite", "-o", out)
    assert r.exit_code == 2 and "no run store at" in r.output and not out.exists()


def test_store_applies_to_run_ids_only_and_objective_must_match_the_run(tmp_path):
    out = tmp_path / "r.html"
    r = run("report", SCENARIO, "--store", tmp_path / "x.sqlite", "-o", out)
    assert r.exit_code == 2 and "is not a run id" in r.output and not out.exists()
    store = tmp_path / "runs.sqlite"
    assert run("simulate", SCENARIO, "--store", store).exit_code == 0
    r = run("report", "1", "--store", store, "--objective", "co2e", "-o", out)
    assert r.exit_code == 2 and "was made with objective 'cost'" in r.output and not out.exists()


def test_waterfall_of_the_last_year_against_the_base_by_hand():
    """2020 cost 1,500 DKK (10 t natural gypsum x 100 + 50 t transport x 10); 2024: the board maker buys
    60 t natural gypsum (+5,000), pharma 6.8 t steam at 200 (+1,360), the plant no transport (-500)."""
    from symbiosis.evaluation import evaluate
    from symbiosis.scenario import load_scenario
    from symbiosis.viz.horizon import cost_waterfall_figure

    spec = load_scenario(SCENARIO)
    title, _, fig = cost_waterfall_figure(evaluate(spec.base), evaluate(spec.network(2024)), "optimised")
    assert title == "Cost by company: 2020 against 2024"
    bars = dict(zip(fig.data[0].x, fig.data[0].y, strict=True))
    assert bars["2020"] == 1500 and bars["Board maker"] == 5000 and bars["Power plant"] == -500
    assert abs(bars["Pharma plant"] - 1360) < 1e-6
