"""Start-up of the `symbiosis` commands: this checkout against a previous version, in turns, CPU and wall seconds.

    python benchmarks/startup.py                          # 3 runs each, against 430537f (before the lazy imports)
    python benchmarks/startup.py --runs 5 --previous main --commands simulate,stress,missing
    python benchmarks/startup.py --out figures.json

Each run is a fresh ``python -m symbiosis.cli ...`` (the installed
``symbiosis`` script does the same), output discarded; the two versions take
turns so a busy spell falls on both, and each run's CPU seconds (user +
system, from ``wait4``) are read beside its wall time: on a shared machine
the wall time swings with the load, the CPU time much less. Then runs
under ``python -X importtime`` give the seconds spent importing (the sum of
the top-level imports, the least of up to three runs), and the CPU seconds of
the imports alone are read by replaying them: a fresh interpreter imports the
modules the command had loaded by its end, in its order, without its work
(:func:`imports_cpu`; the work swings with the load, and where a time budget
bounds a check, with the machine's speed). Both trees are byte-compiled first
(``compileall``), as ``pip install`` leaves a package: an interpreter started
with ``PYTHONDONTWRITEBYTECODE`` (as on the development machine) would
otherwise compile every module of an editable checkout on every start.

The commands: ``simulate`` on Kalundborg; ``stress --format csv``,
``sensitivity`` and ``report -o`` on the generated 200-company parks of
issue 25 (``het``: heterogeneous prices, ``one``: one price; written to a
temporary folder); ``help`` (``symbiosis --help``) and ``missing``
(``symbiosis report nope.json -o x.html``, a user's mistake). :data:`FLOOR` is
what the solving commands cannot do without: a bare interpreter importing
numpy, pandas, scipy.sparse, pydantic, PyYAML and click. Not part of the test run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from previous import ROOT, environment, tree  # noqa: E402

FLOOR = "import numpy, pandas, scipy.sparse, pydantic, yaml, click"
#: The last commit before the CLI's lazy imports.
BEFORE = "430537f"
COMMANDS = {
    "simulate": ["simulate", "kalundborg", "--format", "json"],
    "stress-het": ["stress", "{park}/het200.json", "--format", "csv"],
    "stress-one": ["stress", "{park}/one200.json", "--format", "csv"],
    "sensitivity-het": ["sensitivity", "{park}/het200.json"],
    "sensitivity-one": ["sensitivity", "{park}/one200.json"],
    "report-het": ["report", "{park}/het200.json", "-o", "{park}/het.html", "--force"],
    "report-one": ["report", "{park}/one200.json", "-o", "{park}/one.html", "--force"],
    "help": ["--help"],
    "missing": ["report", "nope.json", "-o", "{park}/nope.html"],
}


def parks() -> Path:
    """The two 200-company parks of issue 25, written once to a temporary folder."""
    folder = Path(tempfile.gettempdir()) / "symbiosis-startup-parks"
    folder.mkdir(exist_ok=True)
    if not (folder / "one200.json").exists():
        code = ("import json, sys; from symbiosis.io.park import park_document as d; "
                "open(sys.argv[1] + '/het200.json', 'w').write(json.dumps(d(200, seed=200))); "
                "open(sys.argv[1] + '/one200.json', 'w').write(json.dumps(d(200, one_price=True, seed=200)))")
        subprocess.run([sys.executable, "-c", code, str(folder)], check=True)
    return folder


def one(cmd: list[str], env: dict, cwd: Path, importtime: bool = False) -> tuple[float, float, float]:
    """Wall and CPU seconds of one run of ``cmd``, and (with ``importtime``) its seconds of imports."""
    if importtime:
        cmd = [cmd[0], "-X", "importtime", *cmd[1:]]
    t = time.perf_counter()
    p = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.DEVNULL,
                         stderr=subprocess.PIPE if importtime else subprocess.DEVNULL)
    err = p.stderr.read().decode() if p.stderr else ""
    _, status, usage = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t
    if status and "nope" not in " ".join(cmd):
        raise RuntimeError(f"{' '.join(cmd)} failed in {cwd}")
    imports = sum(int(line.split("|")[1]) for line in err.splitlines()
                  if line.startswith("import time:") and "|" in line and line.split("|")[1].strip().isdigit()
                  and not line.split("|")[2].startswith("  ")) / 1e6
    return wall, usage.ru_utime + usage.ru_stime, imports


_RECORD = """import json, sys
from symbiosis.cli import main
out, args = sys.argv[1], sys.argv[2:]
try:
    main(args, standalone_mode=False)
except (SystemExit, Exception):
    pass
json.dump(list(sys.modules), open(out, "w"))
"""
_REPLAY = """import importlib, json, sys
for name in json.load(open(sys.argv[1])):
    try:
        importlib.import_module(name)
    except Exception:
        pass
"""


def imports_cpu(args: list[str], env: dict, cwd: Path, runs: int) -> float:
    """The least CPU seconds of importing, in a fresh interpreter, the modules the command ``args`` has loaded
    by its end, in the order it loaded them: its imports without its work (which swings with the load and,
    where a time budget bounds a check, with the machine's speed)."""
    with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as f:
        record = Path(f.name)
    subprocess.run([sys.executable, "-c", _RECORD, str(record), *args], env=env, cwd=cwd, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    best = min(one([sys.executable, "-c", _REPLAY, str(record)], env, cwd)[1] for _ in range(runs))
    record.unlink()
    return best


def measure(runs: int, previous: str, commands: list[str]) -> dict:
    """CPU and wall seconds of every run, per version and command, and their import seconds."""
    old, park = tree(previous), parks()
    sides = {"this": (environment(None), ROOT), "previous": (environment(old), old)}
    for _, cwd in sides.values():  # bytecode as an installed package has it
        subprocess.run([sys.executable, "-m", "compileall", "-q", "symbiosis", "flows"], cwd=cwd,
                       stdout=subprocess.DEVNULL, check=True)
    cmds = {c: [sys.executable, "-m", "symbiosis.cli", *(a.format(park=park) for a in COMMANDS[c])] for c in commands}
    cmds["floor"] = [sys.executable, "-c", FLOOR]
    fig: dict = {k: {s: {"wall_s": [], "cpu_s": []} for s in sides} for k in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            for side, (env, cwd) in sides.items():
                wall, cpu, _ = one(cmd, env, cwd)
                fig[name][side]["wall_s"].append(wall)
                fig[name][side]["cpu_s"].append(cpu)
    for name, cmd in cmds.items():
        for side, (env, cwd) in sides.items():
            fig[name][side]["imports_s"] = min(one(cmd, env, cwd, importtime=True)[2] for _ in range(min(runs, 3)))
            if name != "floor":
                fig[name][side]["imports_cpu_s"] = imports_cpu(cmd[3:], env, cwd, runs)
    return {"runs": runs, "previous": previous, "load_avg": os.getloadavg()[0], "commands": fig}


def report(r: dict) -> str:
    lines = ["| command | CPU s before | CPU s after | imports' CPU s before | after | saved | "
             "importtime s before | after | wall s after |", "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    for name, f in r["commands"].items():
        before, after = min(f["previous"]["cpu_s"]), min(f["this"]["cpu_s"])
        imp = [f[side].get("imports_cpu_s", float("nan")) for side in ("previous", "this")]
        lines.append(f"| {name} | {before:.2f} | {after:.2f} | {imp[0]:.2f} | {imp[1]:.2f} | {imp[0] - imp[1]:.2f} | "
                     f"{f['previous']['imports_s']:.2f} | {f['this']['imports_s']:.2f} | "
                     f"{statistics.median(f['this']['wall_s']):.2f} |")
    lines.append("")
    lines.append(f"Best CPU seconds (user + system) of {r['runs']} runs each, the versions in turns; imports' CPU: "
                 "the least of as many fresh interpreters importing what the command had loaded, in its order; "
                 f"previous: {r['previous']}; imports: the sum of the top-level `-X importtime` figures, the "
                 f"least of up to 3 runs (importtime slows them); wall: the median; load average "
                 f"{r['load_avg']:.1f} at the end.")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--previous", default=BEFORE)
    ap.add_argument("--commands", default=",".join(COMMANDS), help=f"some of {', '.join(COMMANDS)}")
    ap.add_argument("--out", help="write the figures as JSON here")
    args = ap.parse_args()
    r = measure(args.runs, args.previous, args.commands.split(","))
    if args.out:
        Path(args.out).write_text(json.dumps(r, indent=1))
    print(report(r))


if __name__ == "__main__":
    main()
