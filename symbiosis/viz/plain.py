"""A plotly figure made of plain dicts, without plotly's per-property validation.

Each figure of :mod:`symbiosis.viz` is written as plain dicts (traces with
their ``type``, a layout dict, animation frames); :func:`figure` wraps them in
a ``plotly.graph_objects.Figure`` without validating each property, and
within :func:`as_dicts` (the page, :func:`symbiosis.viz.report.build_report`)
hands back the dicts themselves, which the page writes as JSON
(:func:`figure_json`) without making a plotly object at all. plotly's
validators and figure classes cost about 0.3 s for the first figure a process
draws (importing a validator per property, reading their table) and 0.1 s a
large figure after that: most of a page's drawing time at hundreds of
companies. What the figure is does not change: the same traces, layout and
frames reach plotly.js, and ``tests/symbiosis/viz`` holds every figure of the
page to plotly's validators (:func:`validated`), so a misspelt property is
still caught, by a test instead of at every run.
"""

from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from contextvars import ContextVar
from functools import lru_cache

__all__ = ["as_dicts", "default_template", "figure", "figure_json", "validated"]

_DICTS: ContextVar[bool] = ContextVar("symbiosis_viz_dicts", default=False)
#: What plotly writes for these characters in a figure's JSON (plotly.io.to_json's own swaps).
_SWAPS = (("<", "\\u003c"), (">", "\\u003e"), ("/", "\\u002f"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def figure(data, layout: dict, frames=None):
    """A ``plotly.graph_objects.Figure`` of ``data`` (trace dicts, each with its ``type``; plotly's
    default is ``scatter``), ``layout`` and ``frames`` (dicts), not validated property by property;
    within :func:`as_dicts`, the dict ``{"data": ..., "layout": ..., "frames": ...}`` (frames only if any).

    >>> fig = figure([{"type": "bar", "x": [1, 2], "y": [3, 4]}], {"title": {"text": "t"}})
    >>> fig.data[0].type, fig.layout.title.text
    ('bar', 't')
    >>> with as_dicts():
    ...     figure([{"type": "bar", "x": [1]}], {})
    {'data': [{'type': 'bar', 'x': [1]}], 'layout': {'template': {...}}}
    """
    if _DICTS.get():  # what plotly's Figure.to_dict() gives: the default template in the layout
        layout = layout if "template" in layout else {**layout, "template": default_template()}
        return {"data": list(data), "layout": layout, **({"frames": list(frames)} if frames else {})}
    import plotly.graph_objects as go

    return go.Figure(data=data, layout=layout, frames=frames, _validate=False)


def default_template() -> dict:
    """plotly's default template (``plotly.io.templates.default``) as a dict: the one a ``Figure`` puts in its
    layout, read from plotly's own file without making a plotly object (unless the default was changed)."""
    pio = sys.modules.get("plotly.io")  # a default other than plotly's own was set through plotly.io
    if pio is not None and pio.templates.default != "plotly":
        return pio.templates[pio.templates.default].to_plotly_json() if pio.templates.default else {}
    return _plotly_template()


@lru_cache(maxsize=1)
def _plotly_template() -> dict:
    import pkgutil

    return json.loads(pkgutil.get_data("plotly", "package_data/templates/plotly.json") or b"{}")


@contextmanager
def as_dicts():
    """Within this block :func:`figure` (so every figure function of :mod:`symbiosis.viz`) returns plain dicts."""
    token = _DICTS.set(True)
    try:
        yield
    finally:
        _DICTS.reset(token)


def figure_json(value) -> str:
    """``value`` (a figure's data, layout or frames: plain values, numpy arrays and numbers) as compact JSON,
    as plotly writes it (orjson; NaN as null; ``<``, ``>``, ``/`` as escapes)."""
    import orjson

    try:
        text = orjson.dumps(value, option=orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY).decode("utf8")
    except TypeError:  # a value orjson does not know (a date, a pandas value): plotly's own cleaning
        from plotly.io.json import to_json_plotly

        return to_json_plotly(value)
    for char, escaped in _SWAPS:
        if char in text:
            text = text.replace(char, escaped)
    return text


def validated(fig):
    """``fig`` (a figure or its dict) rebuilt through plotly's validators (a ``ValueError`` naming the
    property if one is not plotly's): what :func:`figure` leaves out, for the tests."""
    import plotly.graph_objects as go

    return go.Figure(fig if isinstance(fig, dict) else fig.to_dict())
