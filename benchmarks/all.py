"""Every benchmark of issue 17 in one run: regions, Monte Carlo, a region sweep, start-up.

    python benchmarks/all.py                  # about 15 minutes on 2 cores
    python benchmarks/all.py --quick          # smaller sweeps, no million-arc instances: about 3 minutes

Runs, one after the other (so they do not share the cores), ``run.py`` (the
regions against HiGHS whole-LP, OR-Tools and the previous engine, peak
memory), ``montecarlo.py``, ``region_sweep.py`` and ``startup.py``, prints each
one's tables and writes their figures to ``--out`` (a folder of JSON files).
Not part of the test run.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true")
    ap.add_argument("--out", default=str(HERE / "results-perf"))
    args = ap.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    sizes = "kalundborg,1500x20,1500x20-gen" if args.quick else "kalundborg,1500x20,1500x20-gen,3000x40,3000x40-gen"
    steps = [
        ("regions", ["run.py", "--sizes", sizes, "--out", str(out / "regions.json")]),
        ("Monte Carlo", ["montecarlo.py", "--out", str(out / "montecarlo.json")]
         + (["--samples", "2000"] if args.quick else [])),
        ("region sweep", ["region_sweep.py", "--out", str(out / "region_sweep.json")]
         + (["--samples", "100"] if args.quick else [])),
        ("start-up", ["startup.py", "--out", str(out / "startup.json")]),
    ]
    for title, cmd in steps:
        print(f"\n## {title}\n", flush=True)
        subprocess.run([sys.executable, str(HERE / cmd[0]), *cmd[1:]], check=True, stderr=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
