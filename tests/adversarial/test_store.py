"""The run store given something else, a damaged file, a run it does not have or options it would ignore:
exit 2 naming the store or the flag, and the store (or the file that is not one) not changed by a byte."""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from functools import lru_cache
from pathlib import Path

import pytest

from tests.adversarial.harness import EXAMPLE, Case, both, check, put, scenario_files

_KEEP: list = []  # the stores' folder lives as long as the test process


@lru_cache(maxsize=1)
def stores() -> Path:
    """A store with run 1 (finished, 3 samples) and run 2 (interrupted), and a damaged copy of it."""
    from symbiosis.scenario import load_scenario
    from symbiosis.simulate import run_scenario
    from symbiosis.simulate.store import Registry

    tmp = tempfile.TemporaryDirectory()
    _KEEP.append(tmp)
    base = Path(tmp.name)
    spec = load_scenario(EXAMPLE)
    with Registry(base / "runs.sqlite") as reg:
        run_scenario(spec, samples=3, seed=1, registry=reg)
        run_scenario(spec, samples=2, seed=2, registry=reg)
        reg.set_status(2, "interrupted")
    con = sqlite3.connect(base / "runs.sqlite")
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    shutil.copy(base / "runs.sqlite", base / "damaged.sqlite")
    size = (base / "damaged.sqlite").stat().st_size
    with open(base / "damaged.sqlite", "r+b") as fh:
        for page in range(1, size // 4096, 3):  # from the runs table's root page on: no valid b-tree page
            fh.seek(page * 4096)
            fh.write(b"\xff" * 4096)
    con = sqlite3.connect(base / "foreign.db")
    con.execute("CREATE TABLE invoices (id INTEGER, amount REAL)")
    con.commit()
    con.close()
    return base


def store(kind: str, name: str = "runs.sqlite"):
    """A setup copying the store of ``kind`` (runs, damaged, foreign) into the case's folder as ``name``."""
    def setup(folder: Path) -> None:
        source = {"runs": "runs.sqlite", "damaged": "damaged.sqlite", "foreign": "foreign.db"}[kind]
        shutil.copy(stores() / source, folder / name)
    return setup


def refused(args, *names, setup=None, quiet=True) -> Case:
    return Case(args, names, setup, quiet=quiet)


DAMAGED = "is damaged and cannot be read"
FOREIGN = "is an SQLite database of another program, not a run store"
EMPTY = "is an empty file, not a run store"
NOT_SQLITE = "is not a run store (not an SQLite database)"
S = ("--store", "runs.sqlite")
CASES = {
    # files that are not a store, on every command that reads or writes one
    "list-empty-file": refused(("runs", "list", *S), "--store", EMPTY, setup=put("runs.sqlite", b"")),
    "list-foreign-database": refused(("runs", "list", *S), "--store", FOREIGN, setup=store("foreign")),
    "list-text-file": refused(("runs", "list", *S), "--store", NOT_SQLITE, setup=put("runs.sqlite", "year,v\n")),
    "list-a-folder": refused(("runs", "list", "--store", "d"), "--store", setup=lambda f: (f / "d").mkdir()),
    "list-no-store": refused(("runs", "list", *S), "--store", "no run store at runs.sqlite"),
    "list-default-foreign": refused(("runs", "list"), "--store", FOREIGN,
                                    setup=store("foreign", "symbiosis-runs.sqlite")),
    "show-foreign-database": refused(("runs", "show", "1", *S), "--store", FOREIGN, setup=store("foreign")),
    "compare-empty-file": refused(("runs", "compare", "1", "2", *S), "--store", EMPTY, setup=put("runs.sqlite", b"")),
    "export-foreign-database": refused(("runs", "export", "1", "-o", "x.csv", *S), "--store", FOREIGN,
                                       setup=store("foreign")),
    "simulate-into-a-foreign-database": refused(("simulate", EXAMPLE, *S), "--store", FOREIGN,
                                                setup=store("foreign")),
    "simulate-into-an-empty-file": refused(("simulate", EXAMPLE, *S), "--store", EMPTY,
                                           setup=put("runs.sqlite", b"")),
    "simulate-default-store-foreign": refused(("simulate", EXAMPLE), "--store", FOREIGN,
                                              setup=store("foreign", "symbiosis-runs.sqlite")),
    "resume-in-a-foreign-database": refused(("simulate", "--resume", "1", *S), "--store", FOREIGN,
                                            setup=store("foreign")),
    "report-from-a-foreign-database": refused(("report", "1", *S), "--store", FOREIGN, setup=store("foreign")),
    # a damaged store
    "show-damaged": refused(("runs", "show", "1", *S), "--store", DAMAGED, setup=store("damaged")),
    "export-damaged": refused(("runs", "export", "1", "-o", "x.csv", *S), "--store", DAMAGED,
                              setup=store("damaged")),
    "compare-damaged": refused(("runs", "compare", "1", "2", *S), "--store", DAMAGED, setup=store("damaged")),
    "report-damaged": refused(("report", "1", "-o", "r.html", *S), "--store", DAMAGED, setup=store("damaged")),
    # a store without the run, or with options a run would ignore
    "show-no-such-run": refused(("runs", "show", "9", *S), "RUN_ID", "no run 9", "recent runs: 2, 1",
                                setup=store("runs")),
    "compare-no-such-run": refused(("runs", "compare", "1", "9", *S), "no run 9", setup=store("runs")),
    "export-no-such-run": refused(("runs", "export", "9", "-o", "x.csv", *S), "no run 9", setup=store("runs")),
    "report-no-such-run": refused(("report", "9", *S), "no run 9", setup=store("runs")),
    "resume-no-such-run": refused(("simulate", "--resume", "9", *S), "no run 9", setup=store("runs")),
    "resume-finished": refused(("simulate", "--resume", "1", *S), "--resume", "already finished",
                               setup=store("runs")),
    "resume-other-samples": refused(("simulate", "--resume", "2", "--samples", "50", *S), "--samples",
                                    "run 2 keeps the samples it started with (2)", setup=store("runs")),
    "resume-other-seed": refused(("simulate", "--resume", "2", "--seed", "9", *S), "--seed", "keeps the seed",
                                 setup=store("runs")),
    "resume-other-objective": refused(("simulate", "--resume", "2", "--objective", "co2e", *S), "--objective",
                                      "keeps the objective", setup=store("runs")),
    "resume-other-weights": refused(("simulate", "--resume", "2", "--weights", "cost=2", *S), "--weights",
                                    "keeps the weights", setup=store("runs")),
    "resume-another-scenario": refused(("simulate", "sc.yaml", "--resume", "2", *S), "--resume",
                                       "made from another scenario", setup=both(store("runs"), scenario_files())),
    "report-store-objective": refused(("report", "1", "--objective", "co2e", *S), "--objective",
                                      "was made with objective", setup=store("runs")),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_store(name, tmp_path, monkeypatch):
    check(CASES[name], tmp_path, monkeypatch)
