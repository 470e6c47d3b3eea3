"""Plotly figures of a symbiosis and the self-contained HTML report.

Each figure is a function returning a ``plotly.graph_objects.Figure`` (show it
in Jupyter with ``fig.show()``); plotly is imported only when one is made.

==========================  ===========================================================
``network_map``             actors at their positions, streams as arrows (this module's map)
``sankey``                  supplier -> resource -> receiver, virgin supply and disposal
``scorecard``               the three bottom lines in two lenses (from ``data.scorecard_table``)
``evolution``               the network year by year with a slider
``waterfall``               baseline against scenario, change by actor or stream
``time_paths``              values over a horizon
``monte_carlo_bands``       percentile bands from samples
``front_figure``            the trade-off between two objectives
``stress_ranking``          which loss hurts most
``build_report``            all of it as one offline HTML page (``write_report`` saves it)
==========================  ===========================================================
"""

from __future__ import annotations

# The functions share their modules' names; binding them here (plotly itself is imported only
# inside each function) keeps `from symbiosis.viz import sankey` a function whatever was imported before.
from symbiosis.viz.evolution import evolution
from symbiosis.viz.montecarlo import monte_carlo_bands
from symbiosis.viz.network_map import network_map
from symbiosis.viz.pareto import front_figure
from symbiosis.viz.report import build_report, write_report
from symbiosis.viz.sankey import sankey
from symbiosis.viz.scorecard import scorecard
from symbiosis.viz.stress import stress_ranking
from symbiosis.viz.timepaths import time_paths
from symbiosis.viz.waterfall import waterfall

__all__ = ["build_report", "evolution", "monte_carlo_bands", "network_map", "front_figure", "sankey", "scorecard",
           "stress_ranking", "time_paths", "waterfall", "write_report"]
