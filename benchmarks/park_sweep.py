"""A Monte Carlo sweep of a 2,000-company symbiosis scenario on a local Dask cluster (not part of the test run).

    python benchmarks/park_sweep.py                                 # 1,000 samples, Dask with 2 and 4 workers
    python benchmarks/park_sweep.py --samples 200 --runs serial:1,dask:2
    python benchmarks/park_sweep.py --runs dask:8 --scheduler tcp://10.0.0.5:8786   # an existing cluster

The sibling of ``region_sweep.py`` (which sweeps a bare ``flows`` region): here
the whole domain path runs, through the project's own sweep machinery and
nothing else: the park :func:`symbiosis.io.park.park_document` ``(2000,
seed=2000)`` (10 resources, 40 processes, about 8,000 streams) as the base
network of a one-year scenario whose uncertain numbers are every resource's
virgin price (triangular 0.8 / 1 / 1.3) and disposal cost (uniform 0.9 /
1.1) and the supply of the 50 largest suppliers (normal, sd 5 %);
:func:`symbiosis.simulate.run_scenario` compiles it once into a plan, sends
the plan to every worker once and solves the samples warm there, in batches
(``--batch``, default about eight per worker). Each ``--runs`` entry is
``executor:workers``; a Dask run starts its own ``LocalCluster`` (one thread
per worker process) unless ``--scheduler`` is given. Printed: wall time
(cluster start-up apart, sending the plan included), samples per second and
per worker, the same from the first finished batch to the last (the steady
rate, once every worker has the plan), and whether every run gave the same
numbers bit for bit.

On a machine of 2 cores, 4 workers measure the overhead of more workers
than cores (they share the two), not scaling.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def scenario(folder: Path, companies: int, seed: int):
    """The park written to ``folder`` and a scenario of it with uncertain prices, disposal costs and supplies."""
    from symbiosis.io.park import park_document
    from symbiosis.scenario import ScenarioSpec
    from symbiosis.scenario.spec import Scenario

    doc = park_document(companies, seed=seed)
    path = folder / f"park-{companies}.json"
    path.write_text(json.dumps(doc))
    resources = [r["id"] for r in doc["resources"]]
    supplies = sorted(doc["supplies"], key=lambda s: -s["quantity"]["value"])[:50]
    uncertain = [{"name": f"virgin price of {r}", "quantity": "factor", "factor": "virgin_price", "resource": r,
                  "distribution": "triangular", "low": 0.8, "mode": 1.0, "high": 1.3} for r in resources]
    uncertain += [{"name": f"disposal cost of {r}", "quantity": "factor", "factor": "disposal_cost", "resource": r,
                   "distribution": "uniform", "low": 0.9, "high": 1.1} for r in resources]
    uncertain += [{"name": f"supply of {s['resource']} at {s['actor']}", "quantity": "supply", "actor": s["actor"],
                   "resource": s["resource"], "distribution": "normal", "mean": 1.0, "sd": 0.05} for s in supplies]
    sc = Scenario.model_validate({"name": f"park of {companies} companies, uncertain prices and supplies",
                                  "network": str(path), "horizon": doc["year"], "uncertain": uncertain})
    from symbiosis.io import load_network

    return ScenarioSpec(sc, load_network(path), str(path))


def run(spec, samples: int, seed: int, executor: str, workers: int, batch: int | None, scheduler: str | None) -> dict:
    """One sweep. ``wall_s`` is the run's own time (sending the plan, the samples, gathering the results);
    ``with_startup_s`` adds compiling the plan and, for Dask without ``scheduler``, starting the local cluster."""
    from symbiosis.simulate import run_scenario
    from symbiosis.simulate.executors import connect_dask

    t0 = time.perf_counter()
    cluster = None
    if executor == "dask" and not scheduler:  # started before the run's clock, as a standing cluster would be
        client, cluster = connect_dask(None, workers)
        client.close()
        scheduler = cluster.scheduler_address
    last = [time.perf_counter()]
    marks: list[tuple[float, int]] = []  # (time, samples done) after each batch

    def progress(done: int, total: int) -> None:
        marks.append((time.perf_counter(), done))
        if time.perf_counter() - last[0] > 60 or done == total:
            last[0] = time.perf_counter()
            print(f"    {done:,} of {total:,} after {last[0] - t0:.0f} s", flush=True)

    try:
        done = run_scenario(spec, samples=samples, seed=seed, executor=executor, workers=workers,
                            scheduler=scheduler, batch_size=batch, progress=progress)
    finally:
        if cluster is not None:
            cluster.close()
    total = time.perf_counter() - t0
    first = next(((t, n) for t, n in marks if n > 0), marks[-1])  # the first batch also waits for the plan to arrive
    steady = (marks[-1][1] - first[1]) / (marks[-1][0] - first[0]) if marks[-1][0] > first[0] else float("nan")
    return {"executor": executor, "workers": done.workers, "wall_s": done.elapsed_s, "with_startup_s": total,
            "first_batch_s": first[0] - t0, "steady_per_s": steady, "results": done.results}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--companies", type=int, default=2000)
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--runs", default="dask:2,dask:4", help="executor:workers, comma-separated")
    ap.add_argument("--batch", type=int, help="samples per batch (default: about eight batches per worker)")
    ap.add_argument("--scheduler", help="an existing Dask scheduler, tcp://HOST:PORT")
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        spec = scenario(Path(tmp), args.companies, seed=args.companies)
        net = spec.base
        print(f"# {args.samples:,} samples of a park of {len(net.actors):,} companies, {len(net.streams):,} streams, "
              f"{len(net.processes)} processes, {len(spec.scenario.uncertain)} uncertain numbers "
              f"(park and scenario in {time.perf_counter() - t:.1f} s); {os.cpu_count()} cores, "
              f"load average {os.getloadavg()[0]:.1f} at start\n")
        results = []
        for entry in args.runs.split(","):
            executor, _, workers = entry.partition(":")
            results.append(run(spec, args.samples, args.seed, executor, int(workers or 1), args.batch,
                               args.scheduler))
            r = results[-1]
            print(f"  {executor} x {r['workers']}: {r['wall_s']:.1f} s (with start-up {r['with_startup_s']:.1f} s), "
                  f"load average {os.getloadavg()[0]:.1f}", flush=True)
    print("\n| executor | workers | wall s | samples/s | per worker | after the first batch: samples/s | per worker "
          "| with cluster start-up s |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        rate, steady, w = args.samples / r["wall_s"], r["steady_per_s"], r["workers"]
        print(f"| {r['executor']} | {w} | {r['wall_s']:.1f} | {rate:.2f} | {rate / w:.2f} | {steady:.2f} | "
              f"{steady / w:.2f} | {r['with_startup_s']:.1f} |")
    first = results[0]["results"]
    same = all(r["results"].equals(first) for r in results)
    print(f"\nevery run: {'the same numbers bit for bit' if same else 'NUMBERS DIFFER'} "
          f"({first[['year', 'sample']].drop_duplicates().shape[0]:,} year-samples)")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if args.out:
        Path(args.out).write_text(json.dumps({"samples": args.samples, "companies": args.companies, "runs": [
            {k: v for k, v in r.items() if k != "results"} for r in results]}, indent=2))


if __name__ == "__main__":
    main()
