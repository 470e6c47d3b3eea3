"""Every command on generated parks of growing size, beside one solve of the same park (not part of the test run).

    python benchmarks/regional.py                          # 20, 200, 1,000 companies, both kinds of park
    python benchmarks/regional.py --sizes 20,200,1000,5000 --kinds one-price --commands simulate

For each park (:func:`symbiosis.io.park.park_document`, seeded; ``hetero``:
10 resources, processes, per-company prices, transport costs; ``one-price``:
one resource, one price, no transport cost, the tie analysis' hard case)
it writes the park as JSON, then times each command in this process (the
CLI through click's test runner, modules already imported, so start-up is
not counted): ``simulate --format json``, ``report -o``, ``stress`` (the
top 20 re-solved), ``prices``, ``pareto --points 5`` and ``sensitivity``.
Beside them: ``load`` (reading the file), ``solve`` (one compile and solve
of the optimised answer), the number of LP variables and, per command,
``<command>-solve``: its time less ``solve`` (what grows with the network
around the solver; the issue's target is at most 8x from 1,000 to 5,000
companies).
``--repeat N`` runs each command N times and prints the median (the load average beside each row);
``--cpu`` adds each command's CPU time (steadier than the wall time on a shared machine).
A command that took longer than ``--budget`` seconds at one size is not run
at the larger ones (printed as ``skip``). Prints the slope of time against
size (log-log, between the two largest sizes run) per column.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

COMMANDS = {
    "simulate": ["simulate", "{net}", "--format", "json"],
    "report": ["report", "{net}", "-o", "{dir}/report.html", "--force"],
    "stress": ["stress", "{net}", "--format", "csv"],
    "prices": ["prices", "{net}", "--format", "csv"],
    "pareto": ["pareto", "{net}", "--points", "5", "--format", "json"],
    "sensitivity": ["sensitivity", "{net}"],
}


def _time(fn) -> tuple[float, float]:
    """Wall and CPU seconds of ``fn()`` (CPU: this process's, every thread; steadier on a shared machine)."""
    t, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - t, time.process_time() - c


def run_command(args: list[str]) -> None:
    from click.testing import CliRunner

    from symbiosis.cli import main as cli

    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    if result.exit_code != 0:
        raise RuntimeError(f"symbiosis {' '.join(args)} exited {result.exit_code}: {result.output[-500:]}")


def warm_up(commands: list[str], folder: Path) -> None:
    """Run each command once on a small park, untimed: the modules a command imports when it first runs
    (plotly's figure classes for the page, the sweep's, the store's) are then loaded, as the docstring says."""
    from symbiosis.io.park import park_document

    path = folder / "warm-up.json"
    path.write_text(json.dumps(park_document(20, seed=20)))
    for name in commands:
        run_command([a.format(net=path, dir=folder) for a in COMMANDS[name]])


def measure(n: int, kind: str, commands: list[str], skip: set[str], budget: float, folder: Path,
            repeat: int = 1) -> dict:
    from symbiosis.engine.compiled import compile_network
    from symbiosis.engine.solving import solve_compiled
    from symbiosis.io import load_network
    from symbiosis.io.park import park_document

    path = folder / f"park-{kind}-{n}.json"
    path.write_text(json.dumps(park_document(n, one_price=kind == "one-price", seed=n)))
    row: dict = {"companies": n, "kind": kind}
    t = time.perf_counter()
    net = load_network(path)
    row["load"] = time.perf_counter() - t
    t = time.perf_counter()
    c = compile_network(net, "optimised")
    solve_compiled(c)
    row["solve"] = time.perf_counter() - t
    row["streams"], row["variables"] = len(net.streams), c.problem.n_vars
    for name in commands:
        if (kind, name) in skip:
            row[name] = row[f"{name} cpu"] = None
            continue
        args = [a.format(net=path, dir=folder) for a in COMMANDS[name]]
        runs = [_time(lambda args=args: run_command(args)) for _ in range(repeat)]
        row[name] = statistics.median(w for w, _ in runs)
        row[f"{name} cpu"] = statistics.median(c for _, c in runs)
        if row[name] > budget:
            skip.add((kind, name))
    return row


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="20,200,1000")
    ap.add_argument("--kinds", default="hetero,one-price")
    ap.add_argument("--commands", default=",".join(COMMANDS))
    ap.add_argument("--budget", type=float, default=120.0, help="s; slower commands are skipped at larger sizes")
    ap.add_argument("--repeat", type=int, default=1, help="runs of each command; the median is printed")
    ap.add_argument("--cpu", action="store_true", help="also each command's CPU time (this process)")
    a = ap.parse_args(argv)
    commands = a.commands.split(",")
    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    cols = ["load", "solve", *commands, *([f"{c} cpu" for c in commands] if a.cpu else [])]
    print(f"{'kind':<10}{'companies':>10}{'streams':>8}{'vars':>7}" + "".join(f"{c:>12}" for c in cols))
    skip: set[str] = set()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        warm_up(commands, Path(tmp))
        for kind in a.kinds.split(","):
            for n in (int(s) for s in a.sizes.split(",")):
                row = measure(n, kind, commands, skip, a.budget, Path(tmp), a.repeat)
                rows.append(row)
                cells = "".join(f"{'skip':>12}" if row[c] is None else f"{row[c]:>11.2f}s" for c in cols)
                load = "/".join(f"{x:.1f}" for x in os.getloadavg())
                print(f"{kind:<10}{n:>10}{row['streams']:>8}{row['variables']:>7}{cells}   load {load}", flush=True)
    for kind in a.kinds.split(","):
        mine = [r for r in rows if r["kind"] == kind]
        for c in commands:
            ran = [r for r in mine if r[c] is not None]
            if len(ran) >= 2:
                x0, x1 = ran[-2], ran[-1]
                less = [max(r[c] - r["solve"], 1e-3) for r in (x0, x1)]
                print(f"{kind} {c} less one solve: {less[0]:.2f} s at {x0['companies']}, {less[1]:.2f} s at "
                      f"{x1['companies']}: {less[1] / less[0]:.1f}x")
        for c in cols:
            ran = [r for r in mine if r[c] is not None and r[c] > 0]
            if len(ran) >= 2:
                x0, x1 = ran[-2], ran[-1]
                slope = math.log(x1[c] / x0[c]) / math.log(x1["companies"] / x0["companies"])
                print(f"slope {kind} {c}: {slope:.2f} (time ~ companies^slope, {x0['companies']} to "
                      f"{x1['companies']})")


if __name__ == "__main__":
    main()
