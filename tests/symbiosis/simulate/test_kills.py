"""kill -9 of a run on each parallel executor: no committed row lost, no process left, resume bit for bit."""

from __future__ import annotations

import importlib.util
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from symbiosis.scenario import load_scenario
from symbiosis.simulate import run_scenario
from symbiosis.simulate.store import Registry
from tests.symbiosis.simulate.test_store import check_consistent, one_year_scenario, wait_for_done

pytestmark = [pytest.mark.slow, pytest.mark.skipif(not Path("/proc/self/stat").exists(),
                                                   reason="finds the run's processes in /proc")]


def descendants(pid: int) -> set[int]:
    """Every process below ``pid`` (workers, Dask nannies and their workers, multiprocessing's tracker)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie (a container's init may be slow to reap what it inherits)."""
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


@pytest.fixture(scope="module")
def whole_run(tmp_path_factory):
    """The same 3,000 samples run once, serially and never killed: what both executors' resumed runs must equal
    (computed once for the module, not once per executor)."""
    scenario = one_year_scenario(tmp_path_factory.mktemp("whole"))
    return run_scenario(load_scenario(scenario), samples=3000, seed=5)


@pytest.mark.parametrize("executor", ["processes", "dask"])
def test_kill_9_leaves_every_committed_row_and_no_process(tmp_path, executor, whole_run):
    if executor == "dask" and importlib.util.find_spec("distributed") is None:
        pytest.skip("the dask executor needs the distributed extra")
    scenario, store = one_year_scenario(tmp_path), tmp_path / "runs.sqlite"
    cmd = [sys.executable, "-m", "symbiosis.cli", "simulate", str(scenario), "--samples", "3000", "--seed", "5",
           "--batch", "4", "--store", str(store), "--executor", executor, "--workers", "2"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_for_done(store, 24, proc, limit=120)
        below = descendants(proc.pid)
        assert below, "the run started no worker process"
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    deadline = time.monotonic() + 30
    while any(running(p) for p in below) and time.monotonic() < deadline:
        time.sleep(0.1)
    strays = [p for p in below if running(p)]
    for p in strays:  # the test's own processes: never leave them behind, even when it fails
        os.kill(p, signal.SIGKILL)
    assert not strays, "worker processes outlived the killed run"

    kept = check_consistent(store, 1)
    assert 24 <= kept < 3000
    with Registry(store) as reg:
        assert reg.run(1).status == "interrupted"
        resumed = run_scenario(load_scenario(scenario), registry=reg, resume=1)
        assert reg.run(1).status == "finished" and len(reg.done(1)) == 3000
    assert resumed.results.equals(whole_run.results)  # bit for bit: nothing lost, nothing counted twice
