"""A plotly figure made of plain dicts, without plotly's per-property validation.

Each figure of :mod:`symbiosis.viz` is written as plain dicts (traces with
their ``type``, a layout dict, animation frames); :func:`figure` wraps them in
a ``plotly.graph_objects.Figure`` without validating each property: plotly's
validators cost about 0.3 s for the first figure a process draws (importing a
validator class per property) and 0.1 s a large figure after that, most of a
page's drawing time at hundreds of companies. What the figure is does not
change: the same traces, layout and frames reach plotly.js, and
``tests/symbiosis/viz`` holds every figure of the page to plotly's validators
(:func:`validated`), so a misspelt property is still caught, by a test
instead of at every run.
"""

from __future__ import annotations

__all__ = ["figure", "validated"]


def figure(data, layout: dict, frames=None):
    """A ``plotly.graph_objects.Figure`` of ``data`` (trace dicts, each with its ``type``; plotly's
    default is ``scatter``), ``layout`` and ``frames`` (dicts), not validated property by property.

    >>> fig = figure([{"type": "bar", "x": [1, 2], "y": [3, 4]}], {"title": {"text": "t"}})
    >>> fig.data[0].type, fig.layout.title.text
    ('bar', 't')
    """
    import plotly.graph_objects as go

    return go.Figure(data=data, layout=layout, frames=frames, _validate=False)


def validated(fig):
    """``fig`` rebuilt through plotly's validators (a ``ValueError`` naming the property if one is not
    plotly's): what :func:`figure` leaves out, for the tests."""
    import plotly.graph_objects as go

    return go.Figure(fig.to_dict())
