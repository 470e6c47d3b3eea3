"""The stress command lines of issue 23 that ended in KeyError: 'orsted-chp-steam' (removing Ørsted left
its joint capacity naming its processes): each runs, and says what the removal costs."""

from __future__ import annotations

import json

from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import EXAMPLES


def run(*args, **kw):
    result = CliRunner().invoke(main, [str(a) for a in args], **kw)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code == 0, result.output
    return result


def test_stress_kalundborg_removes_every_actor_the_power_station_included():
    rows = json.loads(run("stress", "kalundborg", "--format", "json").output)
    by_id = {r["removed"]: r for r in rows}
    assert len(rows) == 20 and "orsted-asnaes" in by_id
    assert "novo-nordisk (steam" in by_id["orsted-asnaes"]["partners"]
    assert [r["rank"] for r in rows] == list(range(1, 21))


def test_random_double_failures():
    rows = json.loads(run("stress", "--failures", "2", "--samples", "20", "--format", "json").output)
    assert [r["sample"] for r in rows] == list(range(20))
    assert all(len(r["removed"].split(";")) == 2 for r in rows)
    # seed 0 takes Ørsted out in at least one draw, the case that crashed
    assert any("orsted-asnaes" in r["removed"] for r in rows)


def test_stress_of_a_scenario_year():
    out = run("stress", EXAMPLES / "novo-nordisk-expansion.yaml", "--year", "2030").output
    assert "2030" in out and "Traceback" not in out
    assert "Ørsted" in out or "orsted" in out


def test_report_with_the_stress_ranking(tmp_path):
    page = tmp_path / "report.html"
    run("report", "kalundborg", "--stress", "-o", page, "--no-sensitivity")
    html = page.read_text(encoding="utf-8")
    assert "Which loss would hurt most" in html  # the stress ranking is on the page
    assert "Ørsted" in html
