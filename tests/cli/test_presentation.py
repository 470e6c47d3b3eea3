"""What people and machines read: no solver noise, units in headings, words that agree with their numbers."""

from __future__ import annotations

import json
import re

from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import EXAMPLES


def run(*args: str) -> str:
    # wide enough that headings are not wrapped: these tests read words, tests/cli/test_piped_output.py widths
    r = CliRunner().invoke(main, list(args), env={"COLUMNS": "250", "LINES": None})
    assert r.exit_code == 0, r.output
    return r.output


def _numbers(x):
    if isinstance(x, dict):
        for v in x.values():
            yield from _numbers(v)
    elif isinstance(x, list):
        for v in x:
            yield from _numbers(v)
    elif isinstance(x, float):
        yield x


def test_machine_output_carries_no_solver_noise():
    doc = json.loads(run("simulate", "--format", "json"))
    noisy = [x for x in _numbers(doc) if len(repr(x).replace("-", "").replace(".", "").lstrip("0")) > 13]
    assert not noisy, noisy[:5]  # 1000.0000000009313, 201353950.59999996: never more than 12 digits
    csv = run("simulate", "--format", "csv")
    assert not re.search(r"\d\.\d{13,}", csv)


def test_a_real_front_reads_with_units_and_its_trade_off():
    out = run("pareto", str(EXAMPLES / "novo-nordisk-expansion.yaml"), "--points", "3")
    for heading in ("cost (DKK/yr)", "CO2e (t/yr)", "trade-off (DKK per t CO2e)"):
        assert heading in out
    assert "trade-off: DKK per t CO2e avoided" in out and "One point" not in out
    # the Kalundborg-based example records only a person of an unpublished scheme: not known, never 0
    assert "not known (nothing recorded, or only people of an unpublished scheme) at every point" in out
    assert "dkk yr" not in out


def test_supported_fte_is_a_number_of_jobs_not_six_decimals():
    out = run("pareto", str(EXAMPLES / "social-economy.yaml"), "--y", "social", "--points", "3")
    assert "supported jobs (FTE)" in out and "0.77" in out and "0.769231" not in out


def test_prices_give_every_amount_with_its_unit():
    out = run("prices")
    assert not re.search(r"\d\.\d+e\+\d", out)
    streams = out[out.index("Streams: capacity worth"):]
    rows = [[c.strip() for c in line.split("│")[1:-1]] for line in streams.splitlines() if line.startswith("│")]
    capacities = [r[2] for r in rows if r[2] != "-"]
    assert capacities and all(re.fullmatch(r"[\d,.]+ \S+", c) for c in capacities), capacities  # like each flow


def test_a_scenario_page_is_the_scenarios_and_speaks_of_its_year():
    import re
    from html import unescape

    from symbiosis.reporting import report_inputs
    from symbiosis.viz.report import build_report

    for lang, lead in (("en", "the exchanges of 2023 save"), ("da", "sparer udvekslingerne i 2023")):
        ev, kwargs = report_inputs(str(EXAMPLES / "transition-2000-today.yaml"), lang=lang)
        page = build_report(ev, lang, **kwargs)
        assert re.findall(r"<h1>(.*?)</h1>", page) == ["Kalundborg from 2000 to today"]
        summary = unescape(page[page.index('id="summary"'):page.index("</section>", page.index('id="summary"'))])
        assert lead in summary and "today's" not in summary and "dagens" not in summary
        assert "1 persons" not in summary and "1 personer" not in summary


def test_a_new_templates_first_simulate_says_why_its_social_lines_are_what_they_are(tmp_path):
    out = run("new", str(tmp_path / "harbour"))
    out = run("simulate", str(tmp_path / "harbour.yaml"))
    fte = next(line for line in out.splitlines() if "FTE" in line and "People in supported employment" in line)
    assert "-" in fte and " 0 " not in fte
    assert "FTE and hours: not recorded (the service links give persons only" in out
    assert "no monthly_wage recorded for 3 persons" in out and "lower bound" in out
