"""Monte Carlo throughput: N samples of one year of a network, on each executor.

    python benchmarks/montecarlo.py                    # 10,000 samples of Kalundborg
    python benchmarks/montecarlo.py --samples 2000 --network tests/fixtures/tiny.yaml

Every virgin price and disposal cost of the network is uncertain (triangular,
-20 % / +30 % around today's value) and every supply varies (normal, sd 10 %).
For each executor it reports the wall time, samples per second, samples per
second per core, the CPU time per sample (this process and its workers, so
the figure holds on a busy machine too), and the speed-up from 1 to 2
workers. It checks that every executor gives the same results bit for bit.
Not part of the test run.
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import time

import pandas as pd

from symbiosis.io import load_network
from symbiosis.scenario import Scenario, ScenarioSpec
from symbiosis.simulate import run_scenario


def uncertain_scenario(network: str) -> ScenarioSpec:
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--network", default="kalundborg")
    ap.add_argument("--samples", type=int, default=10_000)
    ap.add_argument("--serial-samples", type=int, default=2_000,
                    help="samples for the serial executor (it is the slowest; per-sample rate is what counts)")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--executors", default="serial,processes,dask")
    args = ap.parse_args()

    spec = uncertain_scenario(args.network)
    print(f"# Monte Carlo benchmark: {spec.base.name}, year {spec.base.year}, "
          f"{len(spec.scenario.uncertain)} uncertain parameters")
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}, {platform.system()}\n")
    print(f"load average at start: {os.getloadavg()[0]:.1f}\n")
    print("| executor | workers | samples | wall s | samples/s | samples/s per core | CPU ms per sample |")
    print("|---|---|---|---|---|---|---|")
    rates: dict[tuple[str, int], float] = {}
    reference = None
    for executor in args.executors.split(","):
        for workers in ((1,) if executor == "serial" else (1, 2)):
            n = args.serial_samples if executor == "serial" else args.samples
            t0, c0 = time.perf_counter(), _cpu()
            run = run_scenario(spec, samples=n, seed=args.seed, executor=executor, workers=workers)
            wall = time.perf_counter() - t0  # includes starting the pool or cluster
            cpu_ms = (_cpu() - c0) / n * 1000
            rate = n / wall
            rates[(executor, workers)] = rate
            print(f"| {executor} | {workers} | {n:,} | {wall:.1f} | {rate:,.0f} | {rate / workers:,.0f} | "
                  f"{cpu_ms:.2f} |", flush=True)
            head = run.results[run.results["sample"] < min(n, args.serial_samples)].reset_index(drop=True)
            if reference is None:
                reference = head
            else:
                pd.testing.assert_frame_equal(reference, head.iloc[: len(reference)].reset_index(drop=True),
                                              check_exact=True)
    print()
    for executor in ("processes", "dask"):
        if (executor, 1) in rates and (executor, 2) in rates:
            print(f"speed-up 1 -> 2 workers, {executor}: {rates[(executor, 2)] / rates[(executor, 1)]:.2f}x")
    print("all executors gave the same results bit for bit")


if __name__ == "__main__":
    main()
