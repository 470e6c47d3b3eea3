"""Colours, number formats and escaping shared by the figures (no plotly here).

Every name that comes from data goes through :func:`esc` before it reaches a
figure: plotly renders ``&lt;`` as ``<`` and allows only its own few tags, so a
company called ``<script>alert(1)</script>`` is shown as text, never run. The
page around the figures is escaped by its templates (:mod:`symbiosis.viz.html`).

>>> esc("<script>alert(1)</script>")
'&lt;script&gt;alert(1)&lt;/script&gt;'
>>> num(1234567.8, "en"), num(1234567.8, "da"), num(0.25, "da")
('1,234,568', '1.234.568', '0,25')
>>> money(12_400_000, "en"), money(12_400_000, "da")
('12.4 million DKK', '12,4 mio. kr.')
"""

from __future__ import annotations

import html

from symbiosis.present.formatting import money, number, quantity

__all__ = ["BAD", "CATEGORY_COLOURS", "FONT", "GOOD", "NEUTRAL", "SERVICE_COLOUR", "actor_class", "base_layout",
           "esc", "money", "num", "quantity", "separators", "source_text"]

FONT = "Segoe UI, Helvetica Neue, Arial, sans-serif"

#: Colours of resource categories (arrows, Sankey links): colour-blind safe (Okabe-Ito based).
CATEGORY_COLOURS = {
    "energy": "#D55E00",
    "water": "#0072B2",
    "material": "#7F6A55",
    "nutrient": "#009E73",
    "fuel": "#E69F00",
    "feed": "#8C9A2E",
    "waste": "#6A3D9A",
}
SERVICE_COLOUR = "#CC79A7"

#: Colours of actor kinds on the map (see :func:`actor_class`).
KIND_COLOURS = {
    "member": "#1B4F72",
    "industry": "#5D6D7E",
    "utility": "#B9770E",
    "municipality": "#7D3C98",
    "social_enterprise": "#CC79A7",
    "agriculture": "#2E8B57",
    "external": "#AAB7B8",
    "nature": "#48C9B0",
}

GOOD = "#1E8449"
BAD = "#C0392B"
NEUTRAL = "#5D6D7E"


def esc(text: object) -> str:
    """``text`` with ``&``, ``<`` and ``>`` escaped for HTML and plotly labels."""
    return html.escape(str(text), quote=False)


def actor_class(actor) -> str:
    """How the map colours an actor: ``member`` for member companies, else its kind."""
    if actor.kind == "industry" and actor.member:
        return "member"
    return actor.kind


def num(x: float | None, lang: str = "en", digits: int | None = None) -> str:
    """A number for people in ``lang`` (see :func:`symbiosis.present.formatting.number`)."""
    return number(x, digits=digits, lang=lang)


def separators(lang: str) -> str:
    """Plotly's ``layout.separators`` for ``lang`` (decimal mark, then thousands)."""
    return ",." if lang == "da" else ".,"


def base_layout(title: str, lang: str, height: int = 520) -> dict:
    """Layout shared by every figure: readable fonts, white background, the language's number format."""
    return {
        "title": {"text": title, "x": 0.01, "xanchor": "left", "font": {"size": 18}},
        "font": {"family": FONT, "size": 14, "color": "#1C2833"},
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "separators": separators(lang),
        "height": height,
        "margin": {"l": 20, "r": 20, "t": 60, "b": 30},
        "hoverlabel": {"font": {"family": FONT, "size": 14}},
    }


def source_text(network, provenance) -> str:
    """A provenance's source as people read it: the bibliography title for ``@key``, escaped."""
    if provenance is None:
        return ""
    src = provenance.source
    if src.startswith("@") and src[1:] in network.sources:
        src = network.sources[src[1:]].title
    basis = provenance.basis + (f" ({provenance.method})" if provenance.method else "")
    return esc(f"{src}; {basis}")
