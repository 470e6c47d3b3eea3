"""Where the time goes in `flows.blocks.solve_blocks` on one synthetic instance (model build vs. solve).

    python benchmarks/build_share.py                    # 3000 x 40, ~1.1M arcs, best of 3
    python benchmarks/build_share.py --actors 500 --resources 20 --links 4 --reps 5

*build* is what the benchmark (benchmarks/run.py) counts as build: the
`Problem` from the arrays, finding the blocks, and scaling and handing the
arrays to OR-Tools; *solver* the OR-Tools/HiGHS calls; *duals* the node
potentials. Prints the best of ``--reps`` runs of each figure (seconds) and
the machine's load average, since a busy machine slows every figure.
"""

from __future__ import annotations

import argparse
import os
import time


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--actors", type=int, default=3000)
    ap.add_argument("--resources", type=int, default=40)
    ap.add_argument("--links", type=float, default=55)
    ap.add_argument("--reps", type=int, default=3)
    ap.add_argument("--workers", type=int, default=1, help="threads for the solver calls (see solve_blocks)")
    args = ap.parse_args()

    from ortools.graph.python import min_cost_flow  # noqa: F401  (imported up front, as in benchmarks/run.py)

    from flows import Problem
    from flows.blocks import solve_blocks
    from flows.synthetic import regional

    p0 = regional(args.actors, args.resources, links_per_supplier=args.links, seed=42).problem
    arrays = dict(n_nodes=p0.n_nodes, tail=p0.tail.copy(), head=p0.head.copy(), rhs=p0.rhs.copy(),
                  gain=p0.gain.copy(), lower=p0.lower.copy(), upper=p0.upper.copy(),
                  costs={k: v.copy() for k, v in p0.costs.items()})
    del p0
    rows = []
    for _ in range(args.reps):
        t0 = time.perf_counter()
        p = Problem(**arrays)
        t1 = time.perf_counter()
        s = solve_blocks(p, workers=args.workers)
        t2 = time.perf_counter()
        i = s.info
        build = (t1 - t0) + i.get("split_time", 0.0) + i.get("build_time", 0.0)
        rows.append({"total": t2 - t0, "problem": t1 - t0, "split": i.get("split_time", 0.0),
                     "handover": i.get("build_time", 0.0), "build": build, "solver": s.solver_time,
                     "duals": i.get("duals_time", 0.0), "objective": s.objective})
    best = {k: min(r[k] for r in rows) for k in rows[0]}
    share = min(r["build"] / r["total"] for r in rows)
    print(f"{p.n_nodes:,} nodes, {p.n_arcs:,} arcs, {s.info['blocks']} blocks, workers={args.workers}, "
          f"objective {best['objective']:,.2f}")
    for k in ("total", "problem", "split", "handover", "build", "solver", "duals"):
        print(f"  {k:9s} {best[k]:7.3f} s")
    print(f"  build share (best run) {share:.1%}; load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores")


if __name__ == "__main__":
    main()
