"""The page's HTML from Jinja2 templates (``symbiosis/viz/templates``), escaped by construction.

Every value a template prints is escaped (autoescape): text from a network file
can never add an element or an attribute. Two things autoescape does not
cover are filters here:

- ``script_json``: data placed inside ``<script>`` as JSON, with ``<``, ``>``,
  ``&`` and the two JavaScript line separators written as ``\\u003c`` etc.,
  so a name holding ``</script>`` cannot end the script;
- ``href``: a link target only if it is an ``http:``, ``https:`` or
  ``mailto:`` address (None otherwise, and the template prints the text
  without a link): no ``javascript:`` or ``data:`` link reaches the page.

>>> str(script_json({"name": "</script><b>&"}))
'{"name":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026"}'
>>> href("https://example.org/a?b=1"), href(" javascript:alert(1)"), href("JaVaScRiPt:alert(1)")
('https://example.org/a?b=1', None, None)
>>> href("mailto:info@example.org"), href("data:text/html,x"), href("/etc/passwd")
('mailto:info@example.org', None, None)
"""

from __future__ import annotations

import json
import re
from functools import lru_cache

from symbiosis.viz.plain import figure_json

__all__ = ["LINK_SCHEMES", "figure_parts", "href", "render", "script_json"]

#: The only link schemes the page writes as links; any other address is shown as text.
LINK_SCHEMES = ("http", "https", "mailto")
_SAFE_LINK = re.compile(r"(?:https?://[^\s\"'<>`\\]+|mailto:[^\s\"'<>`\\/:]+@[^\s\"'<>`\\]+)", re.IGNORECASE)
_SCRIPT_SWAPS = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                 ("\u2029", "\\u2029"))


def _script_safe(json_text: str) -> str:
    """JSON text with the characters that could end or confuse a ``<script>`` written as escapes
    (they only occur inside JSON strings, where ``\\u003c`` means the same)."""
    for char, escaped in _SCRIPT_SWAPS:
        json_text = json_text.replace(char, escaped)
    return json_text


def script_json(value, *, json_text: str | None = None):
    """``value`` (or ready ``json_text``) as JSON safe inside an HTML ``<script>`` element (a Markup)."""
    from markupsafe import Markup

    text = json_text if json_text is not None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return Markup(_script_safe(text))


def href(url: object) -> str | None:
    """``url`` if it is an ``http``, ``https`` or ``mailto`` address, else None (shown as text)."""
    if not isinstance(url, str):
        return None
    return url if _SAFE_LINK.fullmatch(url) else None


@lru_cache(maxsize=1)
def _environment():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    env = Environment(loader=PackageLoader("symbiosis.viz", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters["script_json"] = script_json
    env.filters["href"] = href
    return env


def render(template: str, **context):
    """The HTML of ``template`` (a file in ``symbiosis/viz/templates``) with ``context``, every value
    escaped; a Markup, so another template includes it as it is."""
    from markupsafe import Markup

    return Markup(_environment().get_template(template).render(**context))


def figure_parts(fig, config: dict) -> dict:
    """What the page's figure template needs of a plotly figure (or its dict, :func:`symbiosis.viz.plain.as_dicts`):
    its data, layout and frames as script-safe JSON (as plotly writes them, so the figure is drawn as plotly would),
    its config, and the height of its box (``layout.height`` px, else 100%)."""

    fig_dict = fig if isinstance(fig, dict) else fig.to_dict()
    height = fig_dict.get("layout", {}).get("height")
    return {
        "data": script_json(None, json_text=figure_json(fig_dict.get("data", []))),
        "layout": script_json(None, json_text=figure_json(fig_dict.get("layout", {}))),
        "frames": script_json(None, json_text=figure_json(fig_dict["frames"])) if fig_dict.get("frames") else None,
        "config": script_json({"responsive": True, **config}),
        "height": "100%" if height is None else f"{height}px",
    }
