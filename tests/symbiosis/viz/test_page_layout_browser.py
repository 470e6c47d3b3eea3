"""Nothing written on the page overlaps, at 1280 and at 800 px wide (issue 23: map names overlapped on
Kalundborg's page; scorecard numbers, tick labels and the footer's command collided on narrow windows).

Checked in Chromium on Kalundborg's page and on a scenario's page: in every figure no two visible texts
(names on the maps, tick labels, axis titles, annotations, legend entries, the scorecard's numbers) overlap
by more than 3 px, measured on the rotated rectangles texts are drawn in, not their bounding boxes; the
footer's lines do not overlap.
"""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import EXAMPLES

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SLACK = 3  # px

# every pair of visible texts in a figure that overlap deeper than `slack` px (separating-axis test
# on the four corners of each text as drawn, so rotated tick labels count as the rectangles they are)
_OVERLAPS = """(slack) => {
  const shown = e => { const s = getComputedStyle(e); return s.display !== 'none' && s.visibility !== 'hidden'
                                                         && +s.opacity !== 0; };
  const corners = t => { const b = t.getBBox(), m = t.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]].map(
      ([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]); };
  const depth = (p, q) => { let least = Infinity;
    for (const poly of [p, q]) for (let i = 0; i < 4; i++) {
      const [x0, y0] = poly[i], [x1, y1] = poly[(i + 1) % 4], len = Math.hypot(x1 - x0, y1 - y0) || 1;
      const n = [(y0 - y1) / len, (x1 - x0) / len], on = r => r.map(([x, y]) => x * n[0] + y * n[1]);
      const a = on(p), b = on(q);
      least = Math.min(least, Math.min(Math.max(...a), Math.max(...b)) - Math.max(Math.min(...a), Math.min(...b)));
    } return Math.max(least, 0); };
  const out = [];
  for (const gd of document.querySelectorAll('.plotly-graph-div')) {
    const texts = [];
    for (const t of gd.querySelectorAll('.main-svg text')) {
      if (t.closest('.hoverlayer') || !t.textContent.trim()) continue;
      let visible = true;
      for (let e = t; e && e !== gd; e = e.parentElement) if (!shown(e)) { visible = false; break; }
      const r = t.getBoundingClientRect();
      if (visible && r.width >= 1 && r.height >= 1) texts.push({text: t.textContent, q: corners(t)});
    }
    for (let i = 0; i < texts.length; i++) for (let j = i + 1; j < texts.length; j++) {
      const d = depth(texts[i].q, texts[j].q);
      if (d > slack) out.push(`${gd.id}: '${texts[i].text}' and '${texts[j].text}' overlap ${Math.round(d)} px`);
    }
  }
  // the footer: its lines of text, and the command's background on each line
  const footer = document.querySelector('footer'), rects = [];
  const walker = document.createTreeWalker(footer, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const range = document.createRange(); range.selectNodeContents(n);
    rects.push(...[...range.getClientRects()].map(r => ['text', r]));
  }
  for (const c of footer.querySelectorAll('code')) rects.push(...[...c.getClientRects()].map(r => ['code', r]));
  for (let i = 0; i < rects.length; i++) for (let j = i + 1; j < rects.length; j++) {
    const [ka, a] = rects[i], [kb, b] = rects[j];
    if (ka !== kb) continue;
    const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (w > slack && h > slack) out.push(`footer: two ${ka} lines overlap ${Math.round(Math.min(w, h))} px`);
  }
  return out;
}"""


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    folder = tmp_path_factory.mktemp("layout")
    made = {}
    for key, arg in (("kalundborg", "kalundborg"), ("scenario", str(EXAMPLES / "transition-2000-today.yaml"))):
        out = folder / f"{key}.html"
        r = CliRunner().invoke(main, ["report", arg, "-o", str(out), "--no-sensitivity"])
        assert r.exit_code == 0, r.output
        made[key] = out
    return made


@pytest.mark.parametrize("key", ["kalundborg", "scenario"])
def test_no_two_texts_overlap_at_1280_and_800_px(browser, pages, key):
    pg = browser.new_page(viewport={"width": 1280, "height": 900})
    errors = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    try:
        pg.goto(pages[key].as_uri(), timeout=90_000)
        n = pg.locator("section.figure").count()
        pg.wait_for_function(f"document.querySelectorAll('.plotly-graph-div .main-svg').length >= {n}",
                             timeout=90_000)
        pg.wait_for_timeout(500)
        wide = pg.evaluate(_OVERLAPS, SLACK)
        names_wide = pg.locator("#fig-map .textpoint text:visible").count()
        pg.set_viewport_size({"width": 800, "height": 900})
        # plotly redraws on the window's resize (debounced); the map's legend then moves below it
        pg.wait_for_function("document.getElementById('fig-map').layout.legend.orientation === 'h'",
                             timeout=30_000)
        pg.wait_for_timeout(1000)
        narrow = pg.evaluate(_OVERLAPS, SLACK)
        names_narrow = pg.locator("#fig-map .textpoint text:visible").count()
        pg.set_viewport_size({"width": 1280, "height": 900})  # and back, as it was
        pg.wait_for_function("document.getElementById('fig-map').layout.legend.orientation === 'v'",
                             timeout=30_000)
    finally:
        pg.close()
    assert wide == [] and narrow == [] and errors == []
    assert names_wide >= 10 and names_narrow >= 8  # the names are still written, not all hidden
