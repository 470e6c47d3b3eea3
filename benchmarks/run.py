"""Side-by-side timings of the flows engine against other stacks, on the same instances.

Run from the repository root (needs the ``bench`` extra: ``pip install -e .[bench]``)::

    python benchmarks/run.py                         # all instances, all methods
    python benchmarks/run.py --sizes kalundborg,500x20 --timeout 600
    python benchmarks/run.py --sizes 3000x40 --methods flows,ortools --repeat 5 --merge

Instances: the bundled Kalundborg network, and seeded synthetic regions of
500 actors x 20 resources (about 10k arcs) and 3,000 x 40 (about 1M arcs)
from :func:`flows.synthetic.regional`. Each instance is written once to an
``.npz`` file and every method runs in its own fresh Python process on it,
so imports cannot clash (highspy and OR-Tools cannot share a process) and
peak memory (``ru_maxrss``) is each method's own.

Methods:

- ``flows``: our whole path, ``flows.solve(problem)`` with ``engine="auto"``:
  ``Problem`` from arrays, then, where it pays (at least 1,000 arcs in pure
  blocks), blocks, pure blocks by OR-Tools, the rest by HiGHS, node duals and
  reduced costs, results; else one HiGHS LP (Kalundborg).
- ``flows-lp``: ``flows.solve(problem, engine="highs")``: the whole LP in HiGHS
  (SciPy's bindings); ``highs-own`` is HiGHS' own run time inside it.
- ``pyomo``: the same LP written the usual Pyomo way, solved by HiGHS (appsi).
- ``networkx``: ``network_simplex`` per resource (pure instances only).
- ``ortools``: OR-Tools ``SimpleMinCostFlow`` per resource (pure instances only).

With ``--repeat N`` the methods take turns N times and each keeps its run
with the median total (every total is kept in ``totals_s``): on a shared,
noisy machine a busy spell then falls on every method alike.

Then re-solving: a warm :class:`flows.Model` gets new costs (every cost x a
random factor in 1-1.2, every sale price x 0.8-1) and re-solves,
``--resolve-reps`` times.

Results go to ``benchmarks/results.json`` and a Markdown table on stdout.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

SIZES = {"500x20": dict(n_actors=500, n_resources=20, links_per_supplier=4.0),
         "3000x40": dict(n_actors=3000, n_resources=40, links_per_supplier=55.0)}
METHODS = ["flows", "flows-lp", "pyomo", "networkx", "ortools"]


# -- instances --------------------------------------------------------------

def save_instance(path: Path, problem, group) -> None:
    conv = problem.conversion.tocsr()
    np.savez(path, n_nodes=problem.n_nodes, tail=problem.tail, head=problem.head, rhs=problem.rhs,
             gain=problem.gain, lower=problem.lower, upper=problem.upper, cost=problem.costs["cost"],
             co2e=problem.costs["co2e"], conv_data=conv.data, conv_indices=conv.indices, conv_indptr=conv.indptr,
             conv_shape=np.array(conv.shape), conv_lower=problem.conv_lower, conv_upper=problem.conv_upper,
             conv_cost=problem.conv_costs.get("cost", np.zeros(conv.shape[1])),
             group=np.full(problem.n_nodes, -1) if group is None else group)


def load_arrays(path: str) -> dict:
    with np.load(path) as z:
        return {k: z[k] for k in z.files}


def build_problem(a: dict):
    import scipy.sparse as sp

    from flows import Problem

    conv = sp.csr_matrix((a["conv_data"], a["conv_indices"], a["conv_indptr"]), shape=tuple(a["conv_shape"]))
    return Problem(n_nodes=int(a["n_nodes"]), tail=a["tail"], head=a["head"], rhs=a["rhs"], gain=a["gain"],
                   lower=a["lower"], upper=a["upper"], costs={"cost": a["cost"], "co2e": a["co2e"]},
                   conversion=conv if conv.shape[1] else None, conv_lower=a["conv_lower"],
                   conv_upper=a["conv_upper"], conv_costs={"cost": a["conv_cost"]})


def make_instances(names: list[str], folder: Path) -> dict[str, dict]:
    from flows.synthetic import regional

    out = {}
    for name in names:
        path = folder / f"{name}.npz"
        if name == "kalundborg":
            try:
                from symbiosis.engine import compile_network
                from symbiosis.io import load_network

                problem = compile_network(load_network("kalundborg")).problem
            except Exception as exc:  # the bundled data set may be missing in a partial checkout
                print(f"skipping kalundborg: {exc}", file=sys.stderr)
                continue
            group = None
        else:
            syn = regional(**SIZES[name], seed=42)
            problem, group = syn.problem, syn.node_resource
        save_instance(path, problem, group)
        pure = problem.n_conversions == 0 and bool(np.all(problem.gain == 1))
        out[name] = {"path": str(path), "arcs": problem.n_arcs, "nodes": problem.n_nodes,
                     "conversions": problem.n_conversions, "pure": pure, "grouped": group is not None}
    return out


# -- workers (each in its own process) ----------------------------------------

def _peak_mb() -> float:
    """This process's peak resident memory (VmHWM; ru_maxrss would carry the parent's over exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024.0
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def worker_flows(a: dict) -> dict:
    from ortools.graph.python import min_cost_flow  # noqa: F401  (imported up front, as in the OR-Tools run)

    import flows
    import flows.blocks  # noqa: F401  (SciPy's graph module, imported up front as before the engine choice)

    t0 = time.perf_counter()
    p = build_problem(a)
    t1 = time.perf_counter()
    s = flows.solve(p)  # engine="auto": the block/network path where it pays, else one HiGHS LP
    t2 = time.perf_counter()
    info = s.info
    build = (t1 - t0) + info.get("split_time", 0.0) + info.get("build_time", 0.0)
    return {"objective": s.objective, "total_s": t2 - t0, "build_s": build, "solver_s": s.solver_time,
            "engine": info["engine"], "auto": info.get("auto"), "duals_s": info.get("duals_time", 0.0),
            "blocks": info.get("blocks"), "network_flow_blocks": info.get("network_flow_blocks"),
            "lp_blocks": info.get("lp_blocks")}


def worker_flows_lp(a: dict) -> dict:
    import flows

    t0 = time.perf_counter()
    p = build_problem(a)
    s = flows.solve(p, engine="highs")
    t2 = time.perf_counter()
    return {"objective": s.objective, "total_s": t2 - t0, "solver_s": s.solver_time}


def worker_pyomo(a: dict) -> dict:
    import pyomo.environ as pyo

    t0 = time.perf_counter()
    p = build_problem(a)
    A = p.incidence().tocsr()
    c = p.cost_vector({"cost": 1.0})
    lo, hi = p.bounds()
    m = pyo.ConcreteModel()
    m.V = pyo.RangeSet(0, p.n_vars - 1)
    m.N = pyo.RangeSet(0, p.n_nodes - 1)
    m.x = pyo.Var(m.V, bounds=lambda m, j: (lo[j], None if np.isinf(hi[j]) else hi[j]))

    def balance(m, i):
        cols = A.indices[A.indptr[i]:A.indptr[i + 1]]
        vals = A.data[A.indptr[i]:A.indptr[i + 1]]
        if cols.size == 0:
            return pyo.Constraint.Skip
        return sum(float(v) * m.x[int(j)] for j, v in zip(cols, vals, strict=True)) == float(p.rhs[i])

    m.balance = pyo.Constraint(m.N, rule=balance)
    m.obj = pyo.Objective(expr=sum(float(c[j]) * m.x[j] for j in range(p.n_vars) if c[j] != 0))
    t1 = time.perf_counter()
    solver = pyo.SolverFactory("appsi_highs")
    solver.solve(m)
    t2 = time.perf_counter()
    return {"objective": float(pyo.value(m.obj)), "total_s": t2 - t0, "build_s": t1 - t0, "solver_s": t2 - t1}


def _groups(a: dict):
    group = a["group"]
    tail, head = a["tail"], a["head"]
    end = np.where(tail >= 0, tail, head)
    arc_group = group[end]
    for g in np.unique(group):
        nodes = np.flatnonzero(group == g)
        arcs = np.flatnonzero(arc_group == g)
        yield nodes, arcs


def worker_networkx(a: dict) -> dict:
    import networkx as nx

    t0 = time.perf_counter()
    total, build, solve = 0.0, 0.0, 0.0
    cost_i = np.round(a["cost"] * 100).astype(np.int64)  # network_simplex wants integers: whole oere
    for nodes, arcs in _groups(a):
        tb = time.perf_counter()
        g = nx.MultiDiGraph()
        rhs = a["rhs"][nodes]
        g.add_nodes_from((int(i), {"demand": int(round(r))}) for i, r in zip(nodes, rhs, strict=True))
        g.add_node("B", demand=-int(round(rhs.sum())))
        for t, h, u, w in zip(a["tail"][arcs], a["head"][arcs], a["upper"][arcs], cost_i[arcs], strict=True):
            attrs = {"weight": int(w)}
            if np.isfinite(u):
                attrs["capacity"] = int(u)
            g.add_edge("B" if t < 0 else int(t), "B" if h < 0 else int(h), **attrs)
        ts = time.perf_counter()
        value, _ = nx.network_simplex(g)
        te = time.perf_counter()
        build += ts - tb
        solve += te - ts
        total += value / 100.0
    return {"objective": total, "total_s": time.perf_counter() - t0, "build_s": build, "solver_s": solve}


def worker_ortools(a: dict) -> dict:
    from ortools.graph.python import min_cost_flow

    t0 = time.perf_counter()
    total, build, solve = 0.0, 0.0, 0.0
    cost_i = np.round(a["cost"] * 100).astype(np.int64)
    for nodes, arcs in _groups(a):
        tb = time.perf_counter()
        renum = np.full(a["rhs"].size, -1, dtype=np.int64)
        renum[nodes] = np.arange(nodes.size)
        B = nodes.size
        tail = np.where(a["tail"][arcs] < 0, B, renum[np.maximum(a["tail"][arcs], 0)])
        head = np.where(a["head"][arcs] < 0, B, renum[np.maximum(a["head"][arcs], 0)])
        rhs = np.round(a["rhs"][nodes]).astype(np.int64)
        supply = np.append(-rhs, rhs.sum())
        big = int(np.abs(supply).sum())
        up = a["upper"][arcs]
        cap = np.where(np.isfinite(up), np.nan_to_num(up, posinf=0), big).astype(np.int64)
        smcf = min_cost_flow.SimpleMinCostFlow()
        smcf.add_arcs_with_capacity_and_unit_cost(tail, head, cap, cost_i[arcs])
        smcf.set_nodes_supplies(np.arange(B + 1), supply)
        ts = time.perf_counter()
        status = smcf.solve()
        te = time.perf_counter()
        if status != smcf.OPTIMAL:
            raise RuntimeError(f"OR-Tools: {status}")
        build += ts - tb
        solve += te - ts
        total += smcf.optimal_cost() / 100.0
    return {"objective": total, "total_s": time.perf_counter() - t0, "build_s": build, "solver_s": solve}


def worker_resolve(a: dict, reps: int) -> dict:
    from flows import Model

    p = build_problem(a)
    rng = np.random.default_rng(0)
    t0 = time.perf_counter()
    m = Model(p)
    m.solve()
    first = time.perf_counter() - t0
    times = []
    for _ in range(reps):
        # dearer purchases and costs (x 1-1.2), cheaper sales (negative costs x 0.8-1): new prices that never
        # let buying and selling the same thing make money (which would make the LP unbounded)
        base = p.costs["cost"]
        new = base * np.where(base >= 0, rng.uniform(1.0, 1.2, p.n_arcs), rng.uniform(0.8, 1.0, p.n_arcs))
        t = time.perf_counter()
        m.set_costs("cost", new)
        s = m.solve()
        times.append(time.perf_counter() - t)
        assert s.ok
    return {"first_s": first, "median_s": float(np.median(times)), "p90_s": float(np.quantile(times, 0.9)),
            "reps": reps}


WORKERS = {"flows": worker_flows, "flows-lp": worker_flows_lp, "pyomo": worker_pyomo,
           "networkx": worker_networkx, "ortools": worker_ortools}


def run_worker(method: str, path: str, timeout: float, extra: list[str] | None = None) -> dict:
    cmd = [sys.executable, __file__, "--worker", method, "--npz", path, *(extra or [])]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return {"error": f"timed out after {timeout:.0f} s"}
    if out.returncode != 0:
        return {"error": (out.stderr.strip().splitlines() or ["failed"])[-1]}
    return json.loads(out.stdout.strip().splitlines()[-1])


# -- report -------------------------------------------------------------------

def machine() -> dict:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    import highspy  # noqa: F401  (only for its version; this process never loads OR-Tools)
    import networkx
    import ortools
    import pyomo
    import scipy

    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gib": round(mem, 1), "os": platform.platform(),
            "python": platform.python_version(), "scipy": scipy.__version__, "ortools": ortools.__version__,
            "pyomo": pyomo.__version__, "networkx": networkx.__version__}


def _median_run(runs: list[dict]) -> dict:
    """The run with the median total time (the lower middle one of an even count), with every total kept."""
    ok = [r for r in runs if "error" not in r]
    if not ok:
        return runs[0]
    ok.sort(key=lambda r: r["total_s"])
    best = dict(ok[(len(ok) - 1) // 2])
    if len(runs) > 1:
        best["totals_s"] = [r.get("total_s") for r in runs]
    return best


def fmt_s(x) -> str:
    return "-" if x is None else f"{x:.3f}" if x < 10 else f"{x:.1f}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="kalundborg,500x20,3000x40")
    ap.add_argument("--methods", default=",".join(METHODS))
    ap.add_argument("--timeout", type=float, default=1800.0, help="seconds per method and instance")
    ap.add_argument("--resolve-reps", type=int, default=200)
    ap.add_argument("--out", default=str(ROOT / "benchmarks" / "results.json"))
    ap.add_argument("--merge", action="store_true", help="update --out with these instances, keep the others")
    ap.add_argument("--repeat", type=int, default=1,
                    help="run each method this many times, taking turns; keep the run with the median total")
    ap.add_argument("--worker")
    ap.add_argument("--npz")
    args = ap.parse_args()

    if args.worker:
        a = load_arrays(args.npz)
        base = _peak_mb()
        r = worker_resolve(a, args.resolve_reps) if args.worker == "resolve" else WORKERS[args.worker](a)
        r.update(peak_mb=_peak_mb(), base_mb=base, load_avg=os.getloadavg()[0])  # a busy machine slows all
        print(json.dumps(r))
        return

    names = args.sizes.split(",")
    methods = args.methods.split(",")
    results: dict = {"machine": machine(), "instances": {}, "runs": {}, "resolve": {}}
    with tempfile.TemporaryDirectory() as tmp:
        inst = make_instances(names, Path(tmp))
        results["instances"] = {k: {kk: vv for kk, vv in v.items() if kk != "path"} for k, v in inst.items()}
        for name, meta in inst.items():
            results["runs"][name] = {}
            tries: dict[str, list[dict]] = {}
            for rep in range(args.repeat):  # methods take turns, so a busy spell falls on all of them alike
                for method in methods:
                    if method in ("networkx", "ortools") and not (meta["pure"] and meta["grouped"]):
                        results["runs"][name][method] = {"error": "n/a: instance has processes or gains"}
                        continue
                    print(f"{name}: {method} ({rep + 1} of {args.repeat}) ...", file=sys.stderr, flush=True)
                    r = run_worker(method, meta["path"], args.timeout)
                    tries.setdefault(method, []).append(r)
                    print(f"   {r}", file=sys.stderr, flush=True)
            for method, rs in tries.items():
                results["runs"][name][method] = _median_run(rs)
            if name in ("kalundborg", "500x20"):
                results["resolve"][name] = run_worker("resolve", meta["path"], args.timeout,
                                                      ["--resolve-reps", str(args.resolve_reps)])
    if args.merge and Path(args.out).exists():  # keep the other instances' figures
        old = json.loads(Path(args.out).read_text())
        for key in ("instances", "resolve"):
            old[key].update(results[key])
        for name, runs in results["runs"].items():  # method by method: a partial run keeps the other methods
            old["runs"].setdefault(name, {}).update(runs)
        results = {**old, "machine": results["machine"]}
    Path(args.out).write_text(json.dumps(results, indent=2))
    print(report(results))


def report(results: dict) -> str:
    m = results["machine"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gib']} GiB; {m['os']}; Python {m['python']}, "
             f"SciPy {m['scipy']}, OR-Tools {m['ortools']}, Pyomo {m['pyomo']}, networkx {m['networkx']}", ""]
    for name, runs in results["runs"].items():
        meta = results["instances"][name]
        lines += [f"### {name}: {meta['nodes']:,} nodes, {meta['arcs']:,} arcs, {meta['conversions']} conversions",
                  "", "| method | total s | build s | solver s | peak MB | objective | total / flows |",
                  "|---|---:|---:|---:|---:|---:|---:|"]
        ours = runs.get("flows", {}).get("total_s")
        for method, r in runs.items():
            if "error" in r:
                lines.append(f"| {method} | {r['error']} | | | | | |")
                continue
            ratio = f"{r['total_s'] / ours:.2f}x" if ours else "-"
            lines.append(f"| {method} | {fmt_s(r['total_s'])} | {fmt_s(r.get('build_s'))} | "
                         f"{fmt_s(r.get('solver_s'))} | {r['peak_mb']:.0f} | {r['objective']:,.2f} | {ratio} |")
        lp = runs.get("flows-lp", {})
        if "solver_s" in lp:
            lines.append(f"| highs-own (inside flows-lp) | {fmt_s(lp['solver_s'])} | | | | | "
                         f"{lp['solver_s'] / ours:.2f}x |" if ours else "")
        f = runs.get("flows", {})
        if "total_s" in f:
            lines.append("")
            if f.get("blocks") is None:  # one HiGHS LP (engine="auto" below 1,000 arcs in pure blocks), or an old run
                lines.append(f"flows: build {f['build_s'] / f['total_s']:.0%} of total, engine "
                             f"{f.get('engine', '?')} ({f.get('auto') or '-'})")
            else:
                lines.append(f"flows: build {f['build_s'] / f['total_s']:.0%} of total, duals {fmt_s(f['duals_s'])} s, "
                             f"{f['blocks']} blocks ({f['network_flow_blocks']} network-flow, {f['lp_blocks']} LP), "
                             f"engine {f.get('engine', 'network')}")
        lines.append("")
    for name, r in results["resolve"].items():
        if "error" in r:
            lines.append(f"Re-solve {name}: {r['error']}")
        else:
            lines.append(f"Re-solve {name} with new costs ({r['reps']} times): median {r['median_s'] * 1e3:.2f} ms, "
                         f"90th percentile {r['p90_s'] * 1e3:.2f} ms (first solve {r['first_s'] * 1e3:.1f} ms)")
    return "\n".join(lines)


if __name__ == "__main__":
    main()
