"""`symbiosis simulate` on Kalundborg against the bare import of its dependencies: wall and CPU seconds, in turns.

    python benchmarks/startup_cpu.py                       # 15 runs each, against f51b783 (before issue 21)
    python benchmarks/startup_cpu.py --runs 9 --previous main --out figures.json

Like :mod:`startup` (a fresh interpreter per run, both trees byte-compiled,
the versions and the floor taking turns), and it also reads each run's CPU
seconds (user + system, from ``wait4``): on a machine shared with other jobs
the wall time swings with the load, the CPU time much less. Prints medians
and best-of, and each version's ratio to the floor (the third-party imports
alone, :data:`startup.FLOOR`). Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from previous import ROOT, environment, tree  # noqa: E402
from startup import FLOOR  # noqa: E402

#: The last commit before issue 21 (one evaluation, computed once).
BEFORE = "f51b783"


def one(cmd: list[str], env: dict, cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``cmd``."""
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(p.pid, 0)
    if status:
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}")
    return time.perf_counter() - t, usage.ru_utime + usage.ru_stime


def measure(runs: int, previous: str) -> dict:
    old = tree(previous)
    cmd = [sys.executable, "-m", "symbiosis.cli", "simulate", "kalundborg"]
    sides = {"this": (cmd, environment(None), ROOT), "previous": (cmd, environment(old), old),
             "floor": ([sys.executable, "-c", FLOOR], environment(None), ROOT)}
    for _, env, cwd in list(sides.values())[:2]:  # bytecode as an installed package has it, then a warm disk cache
        subprocess.run([sys.executable, "-m", "compileall", "-q", "symbiosis", "flows"], cwd=cwd,
                       stdout=subprocess.DEVNULL, check=True)
        one(cmd, env, cwd)
    wall: dict[str, list[float]] = {k: [] for k in sides}
    cpu: dict[str, list[float]] = {k: [] for k in sides}
    loads = []
    for _ in range(runs):
        for side, (c, env, cwd) in sides.items():
            w, u = one(c, env, cwd)
            wall[side].append(w)
            cpu[side].append(u)
        loads.append(os.getloadavg()[0])
    return {"runs": runs, "previous": previous, "load_avg": loads, "wall_s": wall, "cpu_s": cpu}


def report(r: dict) -> str:
    lines = ["| measure | version | median s | best s | median / floor | best / floor |",
             "|---|---|---:|---:|---:|---:|"]
    for what in ("wall_s", "cpu_s"):
        d = r[what]
        for side in ("this", "previous", "floor"):
            med, best = statistics.median(d[side]), min(d[side])
            ratio = "" if side == "floor" else (f"{med / statistics.median(d['floor']):.2f}x | "
                                                f"{best / min(d['floor']):.2f}x")
            label = {"this": "this checkout", "previous": f"previous ({r['previous']})",
                     "floor": "floor: the imports alone"}[side]
            lines.append(f"| {what[:-2]} | {label} | {med:.2f} | {best:.2f} | {ratio or ' | '} |")
    lines.append("")
    lines.append(f"{r['runs']} runs each in turns; load average {min(r['load_avg']):.1f} to {max(r['load_avg']):.1f}.")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--previous", default=BEFORE)
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args()
    r = measure(args.runs, args.previous)
    if args.out:
        Path(args.out).write_text(json.dumps(r, indent=1))
    print(report(r))


if __name__ == "__main__":
    main()
