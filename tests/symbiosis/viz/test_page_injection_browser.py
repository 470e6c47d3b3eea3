"""No string from a network, scenario or run can add an attribute, an element or a script link to the
page: checked in Chromium for a network, a scenario and a stored run, in English and Danish.

Every free text of the inputs carries a payload with both quote kinds, ``<``,
``&`` and ``javascript:`` (tests/symbiosis/viz/payloads.py). In the browser no
element may have an ``on*`` attribute, no link or source may point at
``javascript:`` (or ``data:``), no dialog may open while the page loads or
while the pointer passes over every element outside the figures, and the
payloads must be on the page as text.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from tests.symbiosis.viz.payloads import write_inputs

pytestmark = [pytest.mark.browser, pytest.mark.slow]

KINDS = ("network", "scenario", "run")
LANGS = ("en", "da")

# what the page holds that could run script: inline handlers, script links and sources, extra scripts
_AUDIT = """() => {
    const bad = [];
    for (const e of document.querySelectorAll('*')) {
        for (const a of e.attributes) {
            const value = a.value.replace(/[\\u0000-\\u0020]/g, '').toLowerCase();
            if (a.name.toLowerCase().startsWith('on')) bad.push(`${e.tagName} ${a.name}=${a.value}`);
            if (/(^|:)(href|src|action|formaction|xlink:href|srcdoc)$/i.test(a.name)
                && /^(javascript|data|vbscript):/.test(value)) bad.push(`${e.tagName} ${a.name}=${a.value}`);
        }
    }
    const links = [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href'));
    return {bad, links, scripts: document.querySelectorAll('script').length,
            figures: document.querySelectorAll('.plotly-graph-div').length,
            images: document.querySelectorAll('img, iframe, object, embed').length};
}"""

_HOVER = """() => {
    for (const e of document.querySelectorAll('body *')) {
        if (e.closest('.plotly-graph-div')) continue;
        for (const type of ['mouseover', 'mouseenter', 'mousemove', 'focus'])
            e.dispatchEvent(new MouseEvent(type, {bubbles: true}));
    }
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The six pages (network, scenario and stored run, each in English and Danish), made by the command line."""
    folder = tmp_path_factory.mktemp("payloads")
    net, scenario = write_inputs(folder)
    store = folder / "runs.sqlite"
    runner = CliRunner()
    r = runner.invoke(main, ["simulate", str(scenario), "--samples", "3", "--seed", "1", "--store", str(store)])
    assert r.exit_code == 0, r.output
    made = {}
    for kind, arg, extra in (("network", net, ["--stress"]), ("scenario", scenario, ["--no-sensitivity"]),
                             ("run", "1", ["--store", str(store), "--no-sensitivity"])):
        for lang in LANGS:
            out = folder / f"{kind}-{lang}.html"
            r = runner.invoke(main, ["report", str(arg), "--lang", lang, "-o", str(out), *extra])
            assert r.exit_code == 0, r.output
            made[kind, lang] = out
    return made


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("kind", KINDS)
def test_no_payload_adds_a_handler_a_script_link_or_a_dialog(browser, pages, kind, lang):
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    errors, dialogs = [], []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    try:
        pg.goto(pages[kind, lang].as_uri(), timeout=90_000)
        sections = pg.locator("section.figure").count()
        pg.wait_for_function(f"document.querySelectorAll('.plotly-graph-div .main-svg').length >= {sections}",
                             timeout=90_000)
        pg.evaluate(_HOVER)
        # the pointer over a status badge with a reason (the cell the payload ran from)
        for badge in pg.locator("#social span[title]").all()[:3]:
            badge.hover()
        audit = pg.evaluate(_AUDIT)
        text = pg.inner_text("body")
    finally:
        pg.close()
    assert audit["bad"] == []
    assert dialogs == [] and errors == []
    assert audit["scripts"] == 1 + audit["figures"] and audit["images"] == 0  # plotly.js, then one per figure
    # only the safe addresses became links; the javascript: ones and the one with quotes are text
    assert set(audit["links"]) <= {"https://example.org/page?a=1&b=2", "mailto:info@example.org"}
    assert "https://example.org/page?a=1&b=2" in audit["links"]
    assert "javascript:alert(81)" in text
    # the payloads are on the page as text, quotes and all
    assert "onmouseover=\"alert('actors.name')\"" in text and "<img src=x onerror=alert(3)>" in text
    assert "service\" onmouseover" in text
    if kind != "network":
        assert "scenario\" onmouseover" in text
