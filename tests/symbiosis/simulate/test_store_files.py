"""The run store never changes a file that is not its own, names a damaged one, and leaves nothing after a failure."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.errors import SymbiosisError
from symbiosis.scenario import load_scenario
from symbiosis.simulate import run_scenario
from symbiosis.simulate.store import Registry
from symbiosis.simulate.storefile import APPLICATION_ID
from tests.paths import FIXTURES

SCENARIO = FIXTURES / "tiny-scenario.yaml"


def foreign_database(path):
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE invoices (id INTEGER, amount REAL)")
    con.execute("INSERT INTO invoices VALUES (1, 99.5)")
    con.commit()
    con.close()
    return path


def snapshot(folder):
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file()}


@pytest.mark.parametrize("make", ["empty", "foreign", "text", "folder"])
@pytest.mark.parametrize("command", [["runs", "list"], ["runs", "show", "1"], ["runs", "compare", "1", "2"],
                                     ["simulate", str(SCENARIO), "--samples", "2"]])
def test_a_file_that_is_not_a_store_is_refused_and_left_as_it_is(tmp_path, make, command):
    store = tmp_path / "other.db"
    if make == "empty":
        store.write_bytes(b"")
    elif make == "foreign":
        foreign_database(store)
    elif make == "text":
        store.write_text("year,value\n2020,1\n")
    else:
        store.mkdir()
    before = snapshot(tmp_path)
    r = CliRunner().invoke(main, [*command, "--store", str(store)])
    assert r.exit_code == 2 and r.output.startswith("error: --store: ") and str(store) in r.output, r.output
    assert snapshot(tmp_path) == before  # not a byte changed, no -wal or -shm left


def test_a_new_store_carries_its_application_id_and_an_old_one_still_opens(tmp_path):
    with Registry(tmp_path / "new.sqlite") as reg:
        run_scenario(load_scenario(SCENARIO), registry=reg)
    head = (tmp_path / "new.sqlite").read_bytes()[:100]
    assert int.from_bytes(head[68:72], "big") == APPLICATION_ID
    con = sqlite3.connect(tmp_path / "new.sqlite")  # a store made before the application_id
    con.execute("PRAGMA application_id = 0")
    con.commit()
    con.close()
    with Registry(tmp_path / "new.sqlite", create=False) as reg:
        assert reg.run(1).status == "finished"


def test_a_damaged_store_is_named_not_a_traceback(tmp_path):
    store = tmp_path / "runs.sqlite"
    with Registry(store) as reg:
        run_scenario(load_scenario(SCENARIO), samples=30, registry=reg)
    con = sqlite3.connect(store)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    size = store.stat().st_size
    with open(store, "r+b") as fh:  # overwrite every third page from the runs table's root page on
        for page in range(1, size // 4096, 3):
            fh.seek(page * 4096)
            fh.write(b"\xff" * 4096)
    for command in (["runs", "show", "1"], ["runs", "export", "1", "-o", str(tmp_path / "x.csv")],
                    ["runs", "compare", "1", "1"], ["report", "1", "-o", str(tmp_path / "r.html")]):
        r = CliRunner().invoke(main, [*command, "--store", str(store)])
        assert r.exit_code == 2 and "is damaged and cannot be read" in r.output, (command, r.output)
        assert "Traceback" not in r.output
    assert not (tmp_path / "x.csv").exists() and not (tmp_path / "r.html").exists()


def test_a_run_that_fails_before_storing_anything_leaves_no_run_and_no_store(tmp_path, monkeypatch):
    import symbiosis.simulate.executors as executors

    def broken(plan, year, samples):
        raise MemoryError("no room")

    monkeypatch.setattr(executors, "run_batch", broken)
    store = tmp_path / "runs.sqlite"
    with pytest.raises(MemoryError), Registry(store) as reg:
        run_scenario(load_scenario(SCENARIO), registry=reg)
    assert list(tmp_path.iterdir()) == []
    with Registry(tmp_path / "kept.sqlite") as reg:  # a store that holds other runs keeps them, and only them
        monkeypatch.undo()
        run_scenario(load_scenario(SCENARIO), registry=reg)
        monkeypatch.setattr(executors, "run_batch", broken)
        with pytest.raises(MemoryError):
            run_scenario(load_scenario(SCENARIO), registry=reg)
        assert reg.list_runs().id.tolist() == [1]


def test_a_store_under_a_file_is_refused_before_any_work(tmp_path):
    (tmp_path / "afile").write_text("x")
    r = CliRunner().invoke(main, ["simulate", str(SCENARIO), "--store", str(tmp_path / "afile" / "runs.sqlite")])
    assert r.exit_code == 2 and "error: --store: " in r.output and "is a file, not a folder" in r.output


@pytest.mark.slow
def test_a_live_run_is_running_and_is_not_resumed_twice(tmp_path):
    store = tmp_path / "runs.sqlite"
    with Registry(store) as reg:
        run_scenario(load_scenario(SCENARIO), registry=reg)
        reg.set_status(1, "running")  # as if this process were still running it
        assert reg.run(1).status == "running"
        with pytest.raises(SymbiosisError) as info:
            run_scenario(load_scenario(SCENARIO), registry=reg, resume=1)
        assert f"run 1 is still running (process {os.getpid()}" in str(info.value)
    # the same record, owned by a process that has ended: interrupted, and resumable
    proc = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    con = sqlite3.connect(store)
    con.execute("UPDATE owners SET pid = ?, started = NULL WHERE run_id = 1", (int(proc.stdout),))
    con.commit()
    con.close()
    with Registry(store, create=False) as reg:
        assert reg.run(1).status == "interrupted" and reg.list_runs().status.tolist() == ["interrupted"]


def test_runs_list_says_how_to_continue_an_interrupted_run(tmp_path):
    store = tmp_path / "runs.sqlite"
    with Registry(store) as reg:
        run_scenario(load_scenario(SCENARIO), registry=reg)
        reg.set_status(1, "interrupted")
    r = CliRunner().invoke(main, ["runs", "list", "--store", str(store)])
    assert r.exit_code == 0 and "interrupted" in r.output
    assert f"symbiosis simulate --resume 1 --store {store}" in r.output
