"""A multi-year scenario of a generated park, run in this process: wall and CPU time of compiling its plan and of
the whole run (not part of the test run; issue 25 item 3, the scenario years).

    python benchmarks/scenario_years.py ROOT --companies 1000 --years 10 --samples 0,16

``ROOT`` is the checkout whose ``symbiosis`` and ``flows`` are imported (``git archive REV | tar -x -C ROOT``;
``.`` for this one), so two checkouts can run alternately on a shared machine. The scenario (written once
to ``--folder``, the same files for every checkout): the park :func:`symbiosis.io.park.park_document`
``(companies, seed=1)``; from the second year the 20 largest needs grow 3 %/yr and the 20 largest
supplies shrink 2 %/yr, one stream's capacity halves in the third year, the first resource's virgin price
rises 20 % in the fourth; in the middle year one stream ends (a second network structure). Uncertain:
every resource's virgin price (triangular 0.8 / 1 / 1.3) and the 10 largest needs (normal, sd 5 %). CPU
time (``time.process_time``) is the figure to compare on a loaded machine.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path


def write_scenario(folder: Path, companies: int, years: int) -> Path:
    """The park and its scenario as files in ``folder`` (written once; the scenario's path)."""
    from symbiosis.io.park import park_document

    path = folder / f"years-{companies}-{years}.json"
    if path.exists():
        return path
    doc = park_document(companies, seed=1)
    park = folder / f"park-{companies}.json"
    park.write_text(json.dumps(doc), encoding="utf-8")
    y0, res = doc["year"], [r["id"] for r in doc["resources"]]
    dem = sorted(doc["demands"], key=lambda d: -d["quantity"]["value"])[:20]
    sup = sorted(doc["supplies"], key=lambda s: -s["quantity"]["value"])[:20]
    events = [{"year": y0 + 1, "type": "change", "quantity": "demand", "actor": d["actor"], "resource": d["resource"],
               "growth": 0.03} for d in dem]
    events += [{"year": y0 + 1, "type": "change", "quantity": "supply", "actor": s["actor"], "resource": s["resource"],
                "growth": -0.02} for s in sup]
    events += [{"year": y0 + 2, "type": "change", "quantity": "capacity", "stream": doc["streams"][3]["id"],
                "scale": 0.5},
               {"year": y0 + 3, "type": "change", "quantity": "factor", "factor": "virgin_price", "resource": res[0],
                "scale": 1.2},
               {"year": y0 + years // 2, "type": "stream_ends", "stream": doc["streams"][1]["id"]}]
    uncertain = [{"quantity": "factor", "factor": "virgin_price", "resource": r, "distribution": "triangular",
                  "low": 0.8, "mode": 1.0, "high": 1.3} for r in res]
    uncertain += [{"quantity": "demand", "actor": d["actor"], "resource": d["resource"], "distribution": "normal",
                   "mean": 1.0, "sd": 0.05} for d in dem[:10]]
    scenario = {"name": f"{years} years of a park of {companies} companies", "network": park.name,
                "horizon": f"{y0}-{y0 + years - 1}", "events": events, "uncertain": uncertain}
    path.write_text(json.dumps(scenario), encoding="utf-8")
    return path


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("root", help="the checkout to import (. for this one)")
    ap.add_argument("--companies", type=int, default=1000)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--samples", default="0,16", help="comma-separated sample counts, one run each")
    ap.add_argument("--folder", default=os.path.join(os.environ.get("TMPDIR", "/tmp"), "symbiosis-years"))
    args = ap.parse_args()
    root = str(Path(args.root).resolve())
    sys.path.insert(0, root)
    import symbiosis.simulate
    from symbiosis.scenario import load_scenario
    from symbiosis.simulate import build_plan, run_scenario

    assert symbiosis.simulate.__file__.startswith(root), symbiosis.simulate.__file__
    folder = Path(args.folder)
    folder.mkdir(parents=True, exist_ok=True)
    spec = load_scenario(write_scenario(folder, args.companies, args.years))

    def clock(fn) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - wall, time.process_time() - cpu

    for samples in (int(k) for k in args.samples.split(",")):
        plan = clock(lambda k=samples: build_plan(spec, k, 1))
        run = clock(lambda k=samples: run_scenario(spec, samples=k, seed=1))
        print(f"{Path(root).name:10s} {args.companies:5d} companies {args.years:3d} years {samples:4d} samples: "
              f"plan {plan[0]:6.2f}/{plan[1]:6.2f} run {run[0]:6.2f}/{run[1]:6.2f} (wall/cpu s) "
              f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()
