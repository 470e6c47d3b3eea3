"""The stakeholder page of a large generated park: its size and how fast headless Chromium loads it (not a test).

    python benchmarks/page_scale.py                       # 2,000 companies
    python benchmarks/page_scale.py --sizes 20,300,2000 --runs 3
    python benchmarks/page_scale.py --html old.html       # only time an existing page

For each size, the park :func:`symbiosis.io.park.park` ``(n, seed=n)`` is
evaluated (with recommendations, as ``symbiosis report`` does) and its page
built by :func:`symbiosis.viz.report.build_report` (no tornado or stress
figure: those are other commands' cost). It prints the time to evaluate and
to build, the HTML's size less the inlined plotly.js, the size of each
section, the figures' drawn elements (map dots and lines, Sankey links, table
rows), and the time until the page's load event in Debian's headless Chromium
(``/usr/bin/chromium``, driven by Playwright; median of ``--runs`` fresh tabs):
``performance`` navigation entry's ``loadEventEnd``, plus the time until every
figure has drawn.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

CHROMIUM = os.environ.get("SYMBIOSIS_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]


def build(n: int, folder: Path) -> tuple[Path, dict]:
    """The page of the park of ``n`` companies, written to ``folder``, and what it took."""
    import symbiosis as sym
    from symbiosis.io.park import park
    from symbiosis.viz.report import build_report

    net = park(n, seed=n)
    t = time.perf_counter()
    ev = sym.evaluate(net)
    t_eval = time.perf_counter() - t
    t = time.perf_counter()
    html = build_report(ev)
    t_build = time.perf_counter() - t
    path = folder / f"page-{n}.html"
    path.write_text(html, encoding="utf-8")
    return path, {"companies": n, "streams": len(net.streams), "evaluate_s": t_eval, "build_s": t_build}


def sizes(html: str) -> dict:
    """Bytes of the page less plotly.js, and of each section."""
    from plotly.offline import get_plotlyjs

    out = {"page_less_plotly": len(html.encode()) - len(get_plotlyjs().encode())}
    parts = re.split(r'<section [^>]*id="([^"]+)"', html)
    for i in range(1, len(parts), 2):
        out[parts[i]] = len(parts[i + 1].encode())
    return out


def load_times(path: Path, runs: int) -> dict:
    """Median milliseconds to the load event and until every figure has drawn, in fresh tabs."""
    from playwright.sync_api import sync_playwright

    loads, drawn, counts = [], [], {}
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            t = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load", timeout=300_000)
            page.wait_for_function(
                "Array.from(document.querySelectorAll('.plotly-graph-div'))"
                ".every(function (d) { return d._fullLayout; })", timeout=300_000)
            drawn.append(1000 * (time.perf_counter() - t))
            loads.append(page.evaluate("performance.getEntriesByType('navigation')[0].loadEventEnd"))
            counts = page.evaluate("""({
                map_points: document.querySelectorAll('#fig-map .scatterlayer .point').length,
                map_names: Array.from(document.querySelectorAll('#fig-map .textpoint text'))
                    .filter(function (t) { return t.textContent; }).length,
                sankey_links: document.querySelectorAll('#fig-sankey .sankey-link').length,
                table_rows: document.querySelectorAll('section.social tbody tr').length})""")
            page.close()
        browser.close()
    return {"load_ms": statistics.median(loads), "drawn_ms": statistics.median(drawn), **counts}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="2000", help="companies, comma-separated")
    ap.add_argument("--runs", type=int, default=3, help="page loads per size (median)")
    ap.add_argument("--html", help="time this page only (no build)")
    args = ap.parse_args()
    print(f"# {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start")
    pages = []
    with tempfile.TemporaryDirectory() as tmp:
        if args.html:
            pages.append((Path(args.html).resolve(), {"companies": "-", "streams": "-"}))
        else:
            for n in (int(s) for s in args.sizes.split(",")):
                pages.append(build(n, Path(tmp)))
        print("| companies | streams | evaluate s | build s | HTML less plotly.js | map | Sankey | evolution | "
              "social | load event | all drawn | map dots drawn | map names | Sankey links | table rows |")
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for path, row in pages:
            s = sizes(path.read_text(encoding="utf-8"))
            t = load_times(path, args.runs)
            kb = lambda key, s=s: f"{s.get(key, 0) / 1e3:,.0f} kB"  # noqa: E731
            fmt = lambda key, row=row: f"{row[key]:.1f}" if key in row else "-"  # noqa: E731
            print(f"| {row['companies']} | {row['streams']} | {fmt('evaluate_s')} | {fmt('build_s')} | "
                  f"{s['page_less_plotly'] / 1e6:.2f} MB | {kb('map')} | {kb('sankey')} | {kb('evolution')} | "
                  f"{kb('social')} | {t['load_ms'] / 1e3:.2f} s | {t['drawn_ms'] / 1e3:.2f} s | {t['map_points']} | "
                  f"{t['map_names']} | {t['sankey_links']} | {t['table_rows']} |")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
