"""Start-up of `symbiosis simulate` on Kalundborg: this checkout against the previous version, in turns.

    python benchmarks/startup.py                   # 7 runs each, taking turns
    python benchmarks/startup.py --runs 15 --previous main

Each run is a fresh ``python -m symbiosis.cli simulate`` (the installed
``symbiosis`` script does the same), wall time to exit, output discarded; the
two versions take turns so a busy spell falls on both. Both trees are
byte-compiled first (``compileall``), as ``pip install`` leaves a package: an
interpreter started with ``PYTHONDONTWRITEBYTECODE`` (as on the development
machine) would otherwise compile every module of an editable checkout on
every start. Prints the median and
the spread of each, and the third-party floor: a bare interpreter importing
what the command cannot do without (numpy, pandas, scipy.sparse, pydantic,
PyYAML, rich, click). Not part of the test run.
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
from previous import DEFAULT, ROOT, environment, tree  # noqa: E402

FLOOR = "import numpy, pandas, scipy.sparse, pydantic, yaml, rich, click"


def one(cmd: list[str], env: dict, cwd: Path) -> float:
    t = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - t


def measure(runs: int = 7, previous: str = DEFAULT) -> dict:
    """Wall seconds of every run, per version, and of the floor."""
    old = tree(previous)
    cmd = [sys.executable, "-m", "symbiosis.cli", "simulate", "kalundborg"]
    sides = {"this": (environment(None), ROOT), "previous": (environment(old), old)}
    times: dict[str, list[float]] = {"this": [], "previous": [], "floor": []}
    for env, cwd in sides.values():  # bytecode as an installed package has it, then once each: the disk cache
        subprocess.run([sys.executable, "-m", "compileall", "-q", "symbiosis", "flows"], cwd=cwd,
                       stdout=subprocess.DEVNULL, check=True)
        one(cmd, env, cwd)
    for _ in range(runs):
        for side, (env, cwd) in sides.items():
            times[side].append(one(cmd, env, cwd))
        times["floor"].append(one([sys.executable, "-c", FLOOR], environment(None), ROOT))
    return {"runs": runs, "previous": previous, "load_avg": os.getloadavg()[0], "times_s": times,
            "median_s": {k: statistics.median(v) for k, v in times.items()}}


def report(r: dict) -> str:
    m = r["median_s"]
    lines = ["| version | median s | fastest s | slowest s |", "|---|---:|---:|---:|"]
    for side, label in (("this", "this checkout"), ("previous", f"previous ({r['previous']})"),
                        ("floor", "floor: the imports alone")):
        t = r["times_s"][side]
        lines.append(f"| {label} | {m[side]:.2f} | {min(t):.2f} | {max(t):.2f} |")
    lines.append("")
    lines.append(f"`symbiosis simulate` on Kalundborg, {r['runs']} runs each in turns (load average "
                 f"{r['load_avg']:.1f} at the end): {m['previous'] / m['this']:.2f}x faster than before; "
                 f"{m['this'] - m['floor']:.2f} s above the floor of the third-party imports.")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--previous", default=DEFAULT)
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args()
    r = measure(args.runs, args.previous)
    if args.out:
        Path(args.out).write_text(json.dumps(r, indent=2))
    print(report(r))


if __name__ == "__main__":
    main()
