"""CPU of the `report` page's own work, stage by stage, each run in a fresh process (not part of the test run).

    python benchmarks/page_stages.py                      # 200-company parks, one-price and hetero, 3 runs
    python benchmarks/page_stages.py --sizes 200,1000 --repeat 5
    python benchmarks/page_stages.py --against /tmp/base  # also a checkout of another commit, run by turns

Each run is a new Python process (so plotly's, Jinja's and the engine's first-use costs are counted, as a
planner's `symbiosis report PARK -o page.html` pays them) that imports the page's modules (``imports``),
then times in CPU seconds: ``inputs`` (:func:`symbiosis.reporting.report_inputs`: load, evaluate, the tie
check and the worth of each change), ``social`` (:func:`~symbiosis.reporting.social_section`) and
``page`` (:func:`~symbiosis.viz.report.write_report`: figures, tables, HTML, the write); ``own`` is their
sum. The tornado (:func:`~symbiosis.reporting.sensitivity_figure`) is not run: `sensitivity` is measured
by ``benchmarks/regional.py``. With ``--against``, the other checkout (its folder put first on
``PYTHONPATH``) runs right after each run of this one, so both see the same load; prints the median of
each stage and the load average beside it.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

_CHILD = """
import json, sys, time
c = time.process_time()
from symbiosis import reporting
from symbiosis.viz.report import write_report
t = {"imports": time.process_time() - c}
c = time.process_time(); ev, kw = reporting.report_inputs(sys.argv[1]); t["inputs"] = time.process_time() - c
c = time.process_time(); kw["social"] = reporting.social_section(ev); t["social"] = time.process_time() - c
c = time.process_time(); write_report(sys.argv[2], ev, "en", network_arg=sys.argv[1], **kw)
t["page"] = time.process_time() - c
t["own"] = t["inputs"] + t["social"] + t["page"]
print(json.dumps(t))
"""


def run(park: Path, out: Path, checkout: Path | None) -> dict:
    """One fresh process's stage times for ``park`` (``checkout``'s code, or this one's)."""
    env = dict(os.environ)
    if checkout is not None:
        env["PYTHONPATH"] = str(checkout)
    r = subprocess.run([sys.executable, "-c", _CHILD, str(park), str(out)], env=env, capture_output=True,
                       text=True, check=True, cwd=tempfile.gettempdir())
    return {**json.loads(r.stdout.strip().splitlines()[-1]), "load": os.getloadavg()[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="200")
    ap.add_argument("--kinds", default="one-price,hetero")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--against", type=Path, help="a checkout of another commit, run by turns with this one")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT))
    from symbiosis.io.park import park_document

    folder = Path(tempfile.mkdtemp(prefix="page-stages-"))
    runs = {"this": None, **({"against": args.against.resolve()} if args.against else {})}
    print(f"{'park':>16} {'code':>8} {'imports':>8} {'inputs':>7} {'social':>7} {'page':>6} {'own':>6} {'load':>9}")
    for n in (int(s) for s in args.sizes.split(",")):
        for kind in args.kinds.split(","):
            park = folder / f"{kind}-{n}.json"
            park.write_text(json.dumps(park_document(n, one_price=kind == "one-price", seed=n)))
            got: dict[str, list[dict]] = {name: [] for name in runs}
            for _ in range(args.repeat):
                for name, checkout in runs.items():
                    got[name].append(run(park, folder / f"{name}.html", checkout))
            for name, rows in got.items():
                med = {k: statistics.median(r[k] for r in rows) for k in ("imports", "inputs", "social", "page",
                                                                          "own")}
                loads = [r["load"] for r in rows]
                print(f"{kind + ' ' + str(n):>16} {name:>8} {med['imports']:8.2f} {med['inputs']:7.2f} "
                      f"{med['social']:7.2f} {med['page']:6.2f} {med['own']:6.2f} {min(loads):4.1f}-{max(loads):.1f}")


if __name__ == "__main__":
    main()
