"""Every solve path, this version against a previous commit: medians of interleaved runs in fresh processes.

    python benchmarks/paths_bench.py --previous f51b783 --rounds 5

Each round runs one worker process of each version in turn (so a busy spell
of a shared machine falls on both alike); a worker times each case on its
own instances (the median of its repeats) and prints JSON. The report is the
median over rounds per case and version, the ratio, and the spread (min-max
over rounds) as the noise.

Cases: Kalundborg's optimised problem through ``flows.solve`` (one LP), a cold
``Model`` re-solve, a warm re-solve with new costs, 1,000 ``Variants`` from
kept bases; ``regional(1500, 20, links_per_supplier=25, seed=42)`` (147k arcs,
pure) on ``engine="network"``; the same with 200 processes and losses (one
block of resources joined by conversions: ``flows.linked`` and sifting), on
``engine="network"``; and a small design MILP.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from previous import check_tree, environment, tree  # noqa: E402


def _median_time(f, reps: int) -> float:
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        f()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def worker(cases: str = "") -> dict:
    check_tree()
    import numpy as np

    import flows
    from flows import Model
    from flows.design import design
    from flows.synthetic import regional
    from flows.variants import Variants
    from symbiosis.engine import compile_network
    from symbiosis.io import load_network

    out = {}
    if cases == "variants,network":  # the two cases alone (a closer look at their noise)
        return _two(out)
    p = compile_network(load_network("kalundborg"), "optimised").problem
    flows.solve(p)
    out["kalundborg solve (ms)"] = 1e3 * _median_time(lambda: flows.solve(p), 200)
    cold = Model(p, warm_start=False)
    out["kalundborg cold Model (ms)"] = 1e3 * _median_time(cold.solve, 200)
    warm = Model(p)
    warm.solve()
    rng = np.random.default_rng(1)
    base = p.costs["cost"]

    def resolve():
        warm.set_costs("cost", base * rng.uniform(1.0, 1.2, base.size))
        warm.solve()

    out["kalundborg warm re-solve (ms)"] = 1e3 * _median_time(resolve, 200)
    rhs = p.rhs[None, :] * rng.uniform(0.9, 1.1, (1000, p.n_nodes))
    v = Variants(p)
    v.learn(rhs[:20])
    out["kalundborg 1,000 Variants (ms)"] = 1e3 * _median_time(lambda: v.solve(rhs), 3)
    pure = regional(1500, 20, links_per_supplier=25, seed=42).problem
    out["1500x20 network (s)"] = _median_time(lambda: flows.solve(pure, engine="network"), 3)
    gen = regional(1500, 20, links_per_supplier=25, processes=200, losses=True, seed=42).problem
    out["1500x20-gen network (s)"] = _median_time(lambda: flows.solve(gen, engine="network"), 3)
    small = regional(60, 4, links_per_supplier=3, processes=3, losses=True, seed=1)
    q = small.problem
    cand = np.flatnonzero(~np.isfinite(q.upper))[:6]
    out["design, 6 candidates (ms)"] = 1e3 * _median_time(lambda: design(q, cand, np.full(cand.size, 50.0)), 5)
    return out


def _two(out: dict) -> dict:
    import numpy as np

    import flows
    from flows.synthetic import regional
    from flows.variants import Variants
    from symbiosis.engine import compile_network
    from symbiosis.io import load_network

    p = compile_network(load_network("kalundborg"), "optimised").problem
    rng = np.random.default_rng(1)
    rhs = p.rhs[None, :] * rng.uniform(0.9, 1.1, (1000, p.n_nodes))
    v = Variants(p)
    v.learn(rhs[:20])
    out["kalundborg 1,000 Variants (ms)"] = 1e3 * _median_time(lambda: v.solve(rhs), 3)
    pure = regional(1500, 20, links_per_supplier=25, seed=42).problem
    out["1500x20 network (s)"] = _median_time(lambda: flows.solve(pure, engine="network"), 3)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--previous", default="HEAD~1")
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--worker", action="store_true")
    ap.add_argument("--cases", default="", help="'variants,network': those two cases alone")
    args = ap.parse_args()
    if args.worker:
        print(json.dumps(worker(args.cases)))
        return
    versions = {"this": None, "previous": tree(args.previous)}
    got: dict[str, list[dict]] = {k: [] for k in versions}
    for r in range(args.rounds):
        for name, folder in versions.items():
            run = subprocess.run([sys.executable, __file__, "--worker", "--cases", args.cases], env=environment(folder),
                                 capture_output=True, text=True, check=True)
            got[name].append(json.loads(run.stdout.strip().splitlines()[-1]))
            print(f"round {r + 1} {name}: done", file=sys.stderr)
    print(f"| case | this (median) | previous ({args.previous}) | this / previous | spread this | spread previous |")
    print("|---|---:|---:|---:|---|---|")
    for case in got["this"][0]:
        a = [g[case] for g in got["this"]]
        b = [g[case] for g in got["previous"]]
        ma, mb = statistics.median(a), statistics.median(b)
        print(f"| {case} | {ma:.4g} | {mb:.4g} | {ma / mb:.3f} | {min(a):.4g}-{max(a):.4g} | "
              f"{min(b):.4g}-{max(b):.4g} |")


if __name__ == "__main__":
    main()
