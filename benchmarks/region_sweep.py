"""A sweep over a 100k-arc generalised region: serial, a process pool and Dask, with the scaling figure.

    python benchmarks/region_sweep.py                          # 1,000 samples, every executor
    python benchmarks/region_sweep.py --samples 200 --executors serial,dask
    python benchmarks/region_sweep.py --executors dask --scheduler tcp://10.0.0.5:8786   # an existing cluster

The region is ``flows.synthetic.regional(1200, 20, links_per_supplier=22,
processes=150, losses=True, seed=7)``: 9,550 balances, 95,112 arcs, 150
processes, a quarter of the resources lossy. Sample ``k`` draws from
``numpy.random.default_rng([seed, k])`` a virgin price factor per resource
(triangular 0.8 / 1 / 1.3) and a supply factor per supplier (normal, sd 5 %,
whole units), and is solved warm: the worker keeps the region in HiGHS and
starts every sample from the base problem's optimal basis (everything else
about earlier solves cleared), so a sample's answer depends on its numbers
alone, bit for bit, whichever worker solves it and in whatever order. Each
sample gives its objective, its total cost and CO2e, the flow on the
streams and the processes' activity.

Executors: ``serial`` (this process), ``processes`` (a spawned pool of
``--workers``) and ``dask`` (:func:`symbiosis.simulate.executors.connect_dask`:
a ``LocalCluster`` of ``--workers`` processes with one thread each, or the
scheduler at ``--scheduler``); samples go out in batches of ``--batch``. It
prints wall time, samples per second, the speed-up over serial, CPU per
sample, checks that every executor gives the same numbers bit for bit, and
times the previous engine's way (a cold whole-LP solve of each sample, in a
fresh process of ``--previous``) on the first ``--previous-samples``.
Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from previous import DEFAULT, check_tree, environment, tree  # noqa: E402

check_tree()

REGION = dict(n_actors=1200, n_resources=20, links_per_supplier=22.0, processes=150, losses=True, seed=7)
_SOLVER = None


class Sweep:
    """The region in HiGHS, and how one sample changes it."""

    def __init__(self, seed: int = 1) -> None:
        from flows.highs import LinearModel
        from flows.synthetic import VIRGIN, regional

        syn = regional(**REGION)
        p = self.problem = syn.problem
        self.seed = seed
        self.c = p.cost_vector("cost")
        self.virgin = np.flatnonzero(syn.arc_kind == VIRGIN)
        self.virgin_resource = syn.node_resource[p.head[self.virgin]]
        self.suppliers = np.flatnonzero(p.rhs < 0)
        self.n_resources = int(syn.node_resource.max()) + 1
        self.lp = LinearModel(self.c, p.incidence(), p.rhs, p.rhs, *p.bounds())
        r = self.lp.run()
        assert r["status"] == "optimal", r["status"]
        self.base = _copy(self.lp._h.getBasis())
        self.stream = np.flatnonzero(syn.arc_kind == 0)

    def numbers(self, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Sample ``k``'s costs (per variable) and right-hand sides."""
        rng = np.random.default_rng([self.seed, k])
        price = rng.triangular(0.8, 1.0, 1.3, self.n_resources)
        supply = rng.normal(1.0, 0.05, self.suppliers.size)
        c = self.c.copy()
        c[self.virgin] = np.round(c[self.virgin] * price[self.virgin_resource], 2)
        rhs = self.problem.rhs.copy()
        rhs[self.suppliers] = np.round(rhs[self.suppliers] * supply)
        return c, rhs

    def solve(self, k: int) -> list[float]:
        """objective, cost, CO2e, flow on streams, process activity of sample ``k``."""
        p = self.problem
        c, rhs = self.numbers(k)
        self.lp.set_costs(c)
        changed = np.flatnonzero(rhs != self._rhs) if hasattr(self, "_rhs") else np.arange(p.n_nodes)
        self.lp.set_row_bounds(rhs[changed], rhs[changed], rows=changed)
        self._rhs = rhs
        self.lp._h.clearSolver()
        self.lp._h.setBasis(self.base)
        r = self.lp.run()
        if r["status"] != "optimal":
            return [float("nan")] * 5
        x = r["x"]
        n = p.n_arcs
        # sums by NumPy's own loops, not BLAS dots, whose threads differ between processes (Dask's workers run one)
        return [r["objective"], float((c * x).sum()), float((p.costs["co2e"] * x[:n]).sum()),
                float(x[self.stream].sum()), float(x[n:].sum())]


def _copy(basis):
    """A copy of a HiGHS basis (SciPy's binding hands out the model's own, which the next solve changes)."""
    from flows.highs import _h

    b = _h.HighsBasis()
    b.col_status = list(basis.col_status)
    b.row_status = list(basis.row_status)
    b.valid = True
    b.alien = basis.alien
    return b


def _solver(seed: int) -> Sweep:
    global _SOLVER
    if _SOLVER is None or _SOLVER.seed != seed:
        _SOLVER = Sweep(seed)
    return _SOLVER


def solve_batch(seed: int, ks: list[int]) -> tuple[list[int], list[list[float]]]:
    """What a worker runs: the samples ``ks`` (the region built once per process)."""
    s = _solver(seed)
    return ks, [s.solve(k) for k in ks]


def _cpu() -> float:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime


def run(executor: str, samples: int, seed: int, workers: int, batch: int, scheduler: str | None) -> dict:
    """Wall and CPU seconds of ``samples`` on ``executor``, and the answers (samples x 5)."""
    import region_sweep  # by name, so that workers import it rather than receive this script's copy

    solve_batch = region_sweep.solve_batch
    here = str(Path(__file__).resolve().parent)
    os.environ["PYTHONPATH"] = os.pathsep.join([here, os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    work = [list(range(i, min(i + batch, samples))) for i in range(0, samples, batch)]
    out = np.full((samples, 5), np.nan)
    t0, c0 = time.perf_counter(), _cpu()
    if executor == "serial":
        for ks in work:
            got, vals = solve_batch(seed, ks)
            out[got] = vals
        n_workers = 1
    elif executor == "processes":
        import multiprocessing as mp
        from concurrent.futures import ProcessPoolExecutor, as_completed

        with ProcessPoolExecutor(workers, mp_context=mp.get_context("spawn")) as pool:
            for f in as_completed([pool.submit(solve_batch, seed, ks) for ks in work]):
                got, vals = f.result()
                out[got] = vals
        n_workers = workers
    else:
        from dask.distributed import as_completed

        from symbiosis.simulate.executors import connect_dask

        client, cluster = connect_dask(scheduler, workers)
        try:
            n_workers = sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values())
            for f in as_completed([client.submit(solve_batch, seed, ks, pure=False) for ks in work]):
                got, vals = f.result()
                out[got] = vals
        finally:
            client.close()
            if cluster is not None:
                cluster.close()
    return {"executor": executor, "workers": n_workers, "wall_s": time.perf_counter() - t0,
            "cpu_s": _cpu() - c0, "answers": out}


def previous_per_sample(seed: int, n: int, rev: str, timeout: float) -> dict:
    """The previous engine's way, in a fresh process of ``rev``: each sample a new problem, ``flows.solve``."""
    folder = tree(rev)
    code = f"""
import json, time, sys
from dataclasses import replace
sys.path.insert(0, {str(Path(__file__).resolve().parent)!r})
from region_sweep import Sweep
import flows
s = Sweep({seed})
ts = []
for k in range({n}):
    c, rhs = s.numbers(k)
    p = replace(s.problem, rhs=rhs, costs={{**s.problem.costs, "cost": c[:s.problem.n_arcs]}})
    t = time.perf_counter(); sol = flows.solve(p); ts.append(time.perf_counter() - t)
print(json.dumps({{"per_sample_s": sorted(ts)[len(ts) // 2], "engine": sol.info.get("engine"),
                  "objective_0": None}}))
"""
    out = subprocess.run([sys.executable, "-c", code], env=environment(folder), cwd=folder, capture_output=True,
                         text=True, timeout=timeout, check=False)
    if out.returncode:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--samples", type=int, default=1000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--executors", default="serial,processes,dask")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--batch", type=int, default=25)
    ap.add_argument("--scheduler", help="an existing Dask scheduler, tcp://HOST:PORT (the dask executor)")
    ap.add_argument("--previous", default=DEFAULT)
    ap.add_argument("--previous-samples", type=int, default=20)
    ap.add_argument("--timeout", type=float, default=1800.0)
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args()

    p = _solver(args.seed).problem
    print(f"# Sweep: {args.samples:,} samples of a region of {p.n_nodes:,} balances, {p.n_arcs:,} arcs and "
          f"{p.n_conversions} processes; {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at start\n")
    results = [run(ex, args.samples, args.seed, args.workers, args.batch, args.scheduler)
               for ex in args.executors.split(",")]
    serial = next((r for r in results if r["executor"] == "serial"), None)
    print("| executor | workers | wall s | samples/s | speed-up over serial | CPU s per sample |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        up = f"{serial['wall_s'] / r['wall_s']:.2f}x" if serial else "-"
        print(f"| {r['executor']} | {r['workers']} | {r['wall_s']:.1f} | {args.samples / r['wall_s']:.2f} | {up} | "
              f"{r['cpu_s'] / args.samples:.3f} |")
    same = all(np.array_equal(r["answers"], results[0]["answers"], equal_nan=True) for r in results)
    print(f"\nevery executor: {'the same numbers bit for bit' if same else 'NUMBERS DIFFER'}; "
          f"{int(np.isfinite(results[0]['answers'][:, 0]).sum())} of {args.samples} samples optimal")
    prev = previous_per_sample(args.seed, args.previous_samples, args.previous, args.timeout) if args.previous else {}
    if "per_sample_s" in prev and serial:
        ours = serial["wall_s"] / args.samples
        print(f"previous engine ({args.previous}, a new problem per sample, engine {prev['engine']}): "
              f"{prev['per_sample_s']:.3f} s per sample (median of {args.previous_samples}) against "
              f"{ours:.3f} s here serially ({prev['per_sample_s'] / ours:.1f}x)")
    elif prev:
        print(f"previous engine: {prev.get('error')}")
    print(f"load average at the end: {os.getloadavg()[0]:.1f}")
    if args.out:
        Path(args.out).write_text(json.dumps({"samples": args.samples, "region": REGION, "previous": prev, "runs": [
            {k: v for k, v in r.items() if k != "answers"} for r in results]}, indent=2))


if __name__ == "__main__":
    main()
