"""`symbiosis report -o`: what the page computes, counted (not timed), on a small generated park (issue 25).

The page evaluates its network once (one compile, its tie check within the page's own budget) and
drawing solves nothing (the tornado's two compiles are counted in test_solves_per_command); the ledger's
per-stream accounts
(the map's values and the score) and each answer's savings (the summary, the scorecard and the score)
are computed once each, not once per figure that reads them; and no plotly figure object is made for the
page (its figures are plain dicts written as JSON).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from click.testing import CliRunner

import symbiosis.accounting.evaluated
import symbiosis.accounting.streams
import symbiosis.engine.answers
import symbiosis.reporting
from symbiosis.cli import main
from symbiosis.io.park import park_document
from tests.cli.test_simulate_once import spies  # noqa: F401  (the fixture)


@pytest.fixture(scope="module")
def park(tmp_path_factory):
    """A 20-company park (10 resources, processes, per-company prices), as a file."""
    path = tmp_path_factory.mktemp("park") / "park.json"
    path.write_text(json.dumps(park_document(20, seed=20)), encoding="utf-8")
    return path


def _counting(monkeypatch, counts: Counter, module, name: str, key: str | None = None) -> None:
    fn = getattr(module, name)

    def wrapper(*args, **kwargs):
        counts[key or name] += 1
        if name == "recommendations":
            counts["budget"] = kwargs["budget"]
        return fn(*args, **kwargs)
    monkeypatch.setattr(module, name, wrapper)


def test_report_evaluates_once_and_reads_each_account_once(spies, park, tmp_path, monkeypatch):  # noqa: F811
    calls, drawing = spies
    counts: Counter = Counter()
    _counting(monkeypatch, counts, symbiosis.accounting.evaluated, "stream_accounts")
    _counting(monkeypatch, counts, symbiosis.accounting.evaluated, "savings")
    _counting(monkeypatch, counts, symbiosis.engine.answers, "recommendations")
    import plotly.basedatatypes

    _counting(monkeypatch, counts, plotly.basedatatypes.BaseFigure, "__init__", "plotly figures")
    r = CliRunner().invoke(main, ["report", str(park), "-o", str(tmp_path / "page.html"), "--no-sensitivity"])
    assert r.exit_code == 0, r.output
    assert calls["compile_network"] == 1, dict(calls)  # the page's evaluation
    assert not drawing, f"solved while drawing the page: {dict(drawing)}"
    assert counts["plotly figures"] == 0, counts
    # the page's budget: its seconds, exact ranges where they decide a verdict, the worth of the top streams
    assert counts["recommendations"] == 1 and counts["budget"] == symbiosis.reporting.page_budget(), counts
    assert counts["budget"].seconds == symbiosis.reporting.TIE_BUDGET and not counts["budget"].all_ranges
    assert counts["stream_accounts"] == 1, counts  # the observed answer's, for the score and the map
    # observed (summary, scorecard, score) and optimised (summary, scorecard): once each; the scenario's
    # horizon reads more, a network's page no others
    assert counts["savings"] == 2, counts


def test_the_page_says_how_far_its_tie_check_went(park, tmp_path, monkeypatch):
    """With no time for it, the tie check leaves decisions unchecked, and the page says how many."""
    monkeypatch.setattr(symbiosis.reporting, "TIE_BUDGET", 0.0)
    ev, _ = symbiosis.reporting.report_inputs(str(park))
    counts = ev.tie_counts()
    assert counts["unchecked"] > 0 and counts["checked"] + counts["unchecked"] <= counts["decisions"], counts
    assert counts["unchecked"] == len(ev.tie_check()["unchecked"])
    from symbiosis.viz.report import summary_html

    text = str(summary_html(ev))
    assert f"covered {counts['checked']:,} of {counts['decisions']:,} decisions" in text.replace("\u202f", ","), text
