"""Monte Carlo throughput: N samples of one year of a network, on each executor, this version and the previous.

    python benchmarks/montecarlo.py                    # 10,000 samples of Kalundborg
    python benchmarks/montecarlo.py --samples 2000 --network tests/fixtures/tiny.yaml --executors serial

Every virgin price and disposal cost of the network is uncertain (triangular,
-20 % / +30 % around today's value) and every supply varies (normal, sd 10 %).
Each configuration runs in a fresh process (``run_scenario``; its wall time
counts from the call: the plan, the pool or cluster start, the samples and the
results table, not the interpreter's start). It reports the wall time,
samples per second, the CPU time per sample (the process and its workers, so
the figure holds on a busy machine too), with ``--store`` the same with the
SQLite run store, and the previous version of the engine (``--previous``, a
commit) on the same scenario. It checks that every executor of this version
gives the same results bit for bit, and how far the previous version's
network indicators are from this one's. Not part of the test run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from previous import DEFAULT, ROOT, check_tree, environment, tree  # noqa: E402


def uncertain_scenario(network: str):
    from symbiosis.io import load_network
    from symbiosis.scenario import Scenario, ScenarioSpec

    net = load_network(network)
    uncertain = []
    for f in net.factors:
        if f.factor in ("virgin_price", "disposal_cost") and f.resource and f.value:
            uncertain.append({"quantity": "factor", "factor": f.factor, "resource": f.resource,
                              "distribution": "triangular", "low": 0.8, "mode": 1.0, "high": 1.3})
    for s in net.supplies:
        uncertain.append({"quantity": "supply", "actor": s.actor, "resource": s.resource,
                          "distribution": "normal", "mean": 1.0, "sd": 0.1})
    scenario = Scenario.model_validate({"name": f"Monte Carlo benchmark on {net.id}", "network": network,
                                        "horizon": net.year, "uncertain": uncertain})
    return ScenarioSpec(scenario, net, "benchmark")


def _cpu() -> float:
    """CPU seconds of this process and of its finished child processes (pool and cluster workers)."""
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def worker(network: str, samples: int, seed: int, executor: str, workers: int, store: bool) -> dict:
    """One configuration, in this process (a fresh one, started by :func:`main`)."""
    check_tree()
    from symbiosis.simulate import run_scenario

    spec = uncertain_scenario(network)
    reg = None
    folder = tempfile.mkdtemp()
    if store:
        from symbiosis.simulate.store import Registry

        reg = Registry(Path(folder) / "runs.sqlite")
    t0, c0 = time.perf_counter(), _cpu()
    run = run_scenario(spec, samples=samples, seed=seed, executor=executor, workers=workers, registry=reg)
    wall = time.perf_counter() - t0
    cpu = _cpu() - c0
    res = run.results
    digest = hashlib.sha256(res.to_csv(index=False).encode()).hexdigest()[:16]
    net = res[res.scope == "network"].groupby("indicator")["value"].mean()
    return {"wall_s": wall, "cpu_s": cpu, "rows": len(res), "digest": digest, "network_means": net.to_dict(),
            "load_avg": os.getloadavg()[0]}


def run_one(args, executor: str, workers: int, samples: int, store: bool = False, previous: str | None = None):
    folder = tree(previous) if previous else None
    cmd = [sys.executable, __file__, "--worker", "--network", args.network, "--samples", str(samples),
           "--seed", str(args.seed), "--executors", executor, "--workers", str(workers)]
    cmd += ["--store"] if store else []
    out = subprocess.run(cmd, env=environment(folder), cwd=folder or ROOT, capture_output=True, text=True,
                         timeout=args.timeout, check=False)
    if out.returncode:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--network", default="kalundborg")
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--executors", default="serial,processes,dask")
    ap.add_argument("--workers", type=int, default=2, help="workers of the processes and dask executors")
    ap.add_argument("--store", action="store_true", help="in --worker: record the run in a temporary run store")
    ap.add_argument("--previous", default=DEFAULT, help="the commit to compare against ('' to skip)")
    ap.add_argument("--timeout", type=float, default=1800.0)
    ap.add_argument("--out", help="write the figures as JSON here")
    ap.add_argument("--worker", action="store_true")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.network, args.samples, args.seed, args.executors, args.workers, args.store)))
        return

    print(f"# Monte Carlo: {args.samples:,} samples of {args.network}, seed {args.seed}; "
          f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
          f"load average at start {os.getloadavg()[0]:.1f}\n")
    configs = [(ex, 1 if ex == "serial" else args.workers, False) for ex in args.executors.split(",")]
    configs.append(("serial", 1, True))
    if "processes" in args.executors:
        configs.append(("processes", args.workers, True))
    rows = []
    for executor, workers, store in configs:
        r = run_one(args, executor, workers, args.samples, store)
        rows.append(("this", executor, workers, store, r))
    if args.previous:
        for executor in [e for e in args.executors.split(",") if e != "dask"]:
            workers = 1 if executor == "serial" else args.workers
            rows.append(("previous", executor, workers, False, run_one(args, executor, workers, args.samples,
                                                                          previous=args.previous)))
    print("| version | executor | workers | store | wall s | samples/s | CPU ms per sample | rows |")
    print("|---|---|---:|---|---:|---:|---:|---:|")
    for version, executor, workers, store, r in rows:
        if "error" in r:
            print(f"| {version} | {executor} | {workers} | {'yes' if store else 'no'} | {r['error']} | | | |")
            continue
        print(f"| {version} | {executor} | {workers} | {'yes' if store else 'no'} | {r['wall_s']:.2f} | "
              f"{args.samples / r['wall_s']:,.0f} | {r['cpu_s'] / args.samples * 1e3:.3f} | {r['rows']:,} |")
    ours = [r for v, _, _, _, r in rows if v == "this" and "error" not in r]
    digests = {r["digest"] for r in ours}
    print()
    verdict = "the same results bit for bit" if len(digests) == 1 else "RESULTS DIFFER"
    print(f"this version, every executor and the store: {verdict} ({len(ours)} runs)")
    before = [r for v, _, _, _, r in rows if v == "previous" and "error" not in r]
    if ours and before:
        a, b = ours[0]["network_means"], before[0]["network_means"]
        worst = max(abs(a[k] - b[k]) / max(1.0, abs(b[k])) for k in b if k in a)
        print(f"previous version: network indicators' means within {worst:.1e} (relative) of this version's")
        best_now = min(r["wall_s"] for v, ex, _, st, r in rows if v == "this" and "error" not in r and not st)
        best_before = min(r["wall_s"] for r in before)
        print(f"fastest wall time: {best_now:.2f} s now, {best_before:.2f} s before ({best_before / best_now:.1f}x)")
    if args.out:
        Path(args.out).write_text(json.dumps({"samples": args.samples, "rows": [
            {"version": v, "executor": e, "workers": w, "store": s, **r} for v, e, w, s, r in rows]}, indent=2))


if __name__ == "__main__":
    main()
