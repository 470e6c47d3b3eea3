"""The previous version of the engine, for side-by-side timings: a commit's tree, unpacked once.

``tree(rev)`` unpacks ``git archive REV`` into a temporary folder (kept, and
reused, under the system's temporary directory) and returns it; a benchmark
then runs its worker in a fresh process with ``PYTHONPATH`` set to that folder
(:func:`environment`), so ``import flows`` and ``import symbiosis`` load that
version, with the same third-party packages as this one.

:data:`DEFAULT` is the last commit of ``main`` before issue 17 (generalised
regions, sweeps, start-up): the engine these benchmarks compare against.
"""

from __future__ import annotations

import os
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
#: main before issue 17: flows.solve (auto), one HiGHS LP for generalised regions, a cold solve per sample.
DEFAULT = "15955e4"


def tree(rev: str = DEFAULT) -> Path:
    """The source tree of ``rev`` (a commit, tag or branch of this repository), unpacked once."""
    sha = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", rev], capture_output=True, text=True,
                         check=True).stdout.strip()
    folder = Path(tempfile.gettempdir()) / f"symbiosis-{sha}"
    if not (folder / "flows" / "__init__.py").exists():
        folder.mkdir(parents=True, exist_ok=True)
        archive = subprocess.run(["git", "-C", str(ROOT), "archive", sha, "flows", "symbiosis"], capture_output=True,
                                 check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(folder)], input=archive, check=True)
    return folder


def environment(folder: Path | None) -> dict[str, str]:
    """The environment of a worker process that imports the tree in ``folder`` (None: this checkout)."""
    env = dict(os.environ)
    env["SYMBIOSIS_BENCH_TREE"] = str(folder or ROOT)
    env["PYTHONPATH"] = os.pathsep.join([str(folder or ROOT), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def check_tree() -> None:
    """In a worker: make ``SYMBIOSIS_BENCH_TREE`` (or this checkout) the one that imports."""
    import sys

    where = os.environ.get("SYMBIOSIS_BENCH_TREE", str(ROOT))
    if where not in sys.path[:1]:
        sys.path.insert(0, where)
