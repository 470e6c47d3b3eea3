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
``pareto_front``            the trade-off between two objectives
``stress_ranking``          which loss hurts most
``build_report``            all of it as one offline HTML page (``write_report`` saves it)
==========================  ===========================================================
"""

from __future__ import annotations

import importlib

_WHERE = {
    "network_map": "network_map", "sankey": "sankey", "scorecard": "scorecard", "evolution": "evolution",
    "waterfall": "waterfall", "time_paths": "timepaths", "monte_carlo_bands": "montecarlo",
    "pareto_front": "pareto", "stress_ranking": "stress", "build_report": "report", "write_report": "report",
}

__all__ = sorted(_WHERE)


def __getattr__(name: str):
    if name in _WHERE:
        return getattr(importlib.import_module(f"symbiosis.viz.{_WHERE[name]}"), name)
    raise AttributeError(f"module 'symbiosis.viz' has no attribute '{name}'")
