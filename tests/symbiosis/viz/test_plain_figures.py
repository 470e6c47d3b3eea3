"""The page's figures are plain dicts written as JSON (symbiosis.viz.plain), not plotly objects: each must be a
figure plotly's validators accept as it is (no misspelt property, nothing plotly would drop or change), and the
JSON the page writes must be what plotly writes for the same figure."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from symbiosis.evaluation import evaluate
from symbiosis.io import load_network
from symbiosis.viz.html import figure_parts
from symbiosis.viz.montecarlo import monte_carlo_bands
from symbiosis.viz.pareto import front_figure
from symbiosis.viz.plain import as_dicts, figure, figure_json, validated
from symbiosis.viz.report import _sections
from symbiosis.viz.stress import stress_ranking
from symbiosis.viz.timepaths import time_paths
from symbiosis.viz.tornado import tornado
from tests.paths import FIXTURES


def _extras() -> list[tuple[str, object]]:
    """The figures other pages add (scenario, stress, Pareto, tornado), on small tables."""
    t = pd.DataFrame({"parameter": ["price", "flow"], "low": [1.0, 5.0], "high": [3.0, 9.0], "unit": ["DKK", "t"],
                      "cost_saved_at_low": [80.0, 95.0], "cost_saved_at_high": [130.0, float("nan")],
                      "co2e_avoided_at_low": [1.0, 2.0], "co2e_avoided_at_high": [3.0, 1.5]})
    years = pd.DataFrame({"year": [2025, 2026, 2025, 2026], "series": ["a", "a", "b", "b"],
                          "value": [1.0, 2.0, 3.0, 2.5]})
    bands = pd.DataFrame({"year": [2025, 2026], "series": ["a", "a"], "p5": [0.5, 1.0], "p50": [1.0, 2.0],
                          "p95": [1.5, 3.0]})
    front = pd.DataFrame({"cost": [1.0, 2.0, 3.0], "co2e": [3.0, 1.0, 2.0], "jobs": [1.0, 2.0, 3.0]})
    return [("tornado", tornado(t, 100.0, "cost_saved", also={"co2e_avoided": (2.0, "t CO2e/yr")})),
            ("time paths", time_paths(years, unit="t", step=True)), ("bands", monte_carlo_bands(bands, unit="t")),
            ("front", front_figure(front, "cost", "co2e", color="jobs")),
            ("stress", stress_ranking(pd.DataFrame({"item": ["<b>A</b>", "B"], "loss": [3.0, 1.0]})))]


@pytest.mark.parametrize("name", ["kalundborg", str(FIXTURES / "tiny-services.yaml")])
def test_the_page_figures_are_plotly_figures_as_they_are(name):
    ev = evaluate(load_network(name))
    with as_dicts():
        figures = [(key, fig) for key, _, _, fig in _sections(ev, "da", None)] + _extras()
    assert all(isinstance(fig, dict) for _, fig in figures)
    for key, fig in figures:
        checked = validated(fig)  # a ValueError here names a property plotly does not know
        assert json.loads(figure_json(checked.to_dict())) == json.loads(figure_json(fig)), key
        # the page writes what plotly's own writer writes for the figure made through plotly
        from plotly.io.json import to_json_plotly

        made = checked.to_dict()
        parts = figure_parts(fig, {})
        assert json.loads(str(parts["layout"])) == json.loads(to_json_plotly(made["layout"])), key
        assert json.loads(str(parts["data"])) == json.loads(to_json_plotly(made["data"])), key


def test_outside_the_page_a_figure_is_a_plotly_figure():
    fig = figure([{"type": "bar", "x": [1, 2], "y": [3, 4]}], {"title": {"text": "t"}})
    assert type(fig).__name__ == "Figure" and fig.data[0].type == "bar"
    with as_dicts():
        inner = figure([{"type": "bar", "x": [1]}], {})
    assert isinstance(inner, dict) and "template" in inner["layout"]  # plotly's default look, as a Figure has
    assert json.loads(figure_json(inner["layout"]["template"])) == json.loads(figure_json(fig.to_dict()["layout"]
                                                                                          ["template"]))


def test_a_bad_property_is_caught_by_the_validators():
    with as_dicts():
        fig = figure([{"type": "bar", "x": [1], "colour": "red"}], {})
    with pytest.raises(ValueError, match="colour"):
        validated(fig)
