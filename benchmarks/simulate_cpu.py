"""`symbiosis simulate PARK --format json` in this process, wall and CPU time, beside reading the file and one
solve (not part of the test run; issue 25).

    python benchmarks/simulate_cpu.py ROOT PARK.json

``ROOT`` is the checkout whose ``symbiosis`` and ``flows`` are imported (``git archive REV | tar -x -C ROOT``;
``.`` for this one), so two checkouts can run alternately on a shared machine. ``PARK.json`` is a park of
:func:`symbiosis.io.park.park_document` (``benchmarks/regional.py`` writes the same ones). CPU time
(``time.process_time``) is the figure to compare on a loaded machine; the tie check's budget is wall time.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path


def main(root: str, path: str) -> None:
    root = str(Path(root).resolve())
    sys.path.insert(0, root)
    from click.testing import CliRunner

    import symbiosis.evaluation  # noqa: F401  (imports are not timed)
    import symbiosis.present.simulation  # noqa: F401
    from symbiosis.cli import main as cli
    from symbiosis.engine.compiled import compile_network
    from symbiosis.engine.solving import solve_compiled
    from symbiosis.io import load_network

    assert symbiosis.evaluation.__file__.startswith(root), symbiosis.evaluation.__file__

    def clock(fn) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        fn()
        return time.perf_counter() - wall, time.process_time() - cpu

    load = clock(lambda: load_network(path))
    net = load_network(path)
    solve = clock(lambda: solve_compiled(compile_network(net, "optimised")))

    def simulate() -> None:
        result = CliRunner().invoke(cli, ["simulate", path, "--format", "json"], catch_exceptions=False)
        if result.exit_code != 0:
            raise RuntimeError(result.output[-500:])

    run = clock(simulate)
    print(f"{Path(root).name:8s} {Path(path).name:28s} load {load[0]:6.2f}/{load[1]:5.2f} solve "
          f"{solve[0]:5.2f}/{solve[1]:5.2f} simulate {run[0]:6.2f}/{run[1]:6.2f} (wall/cpu s) "
          f"load average {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main(*sys.argv[1:3])
