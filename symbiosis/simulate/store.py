"""The run registry: every scenario run, its inputs and its results, in one SQLite file.

Embedded, no server: ``./symbiosis-runs.sqlite`` by default. A run records
the scenario (with its base network embedded) and its sha256, the package
version, seed, sample count, options, status, timings and the tidy results
(year, sample, scope, item, indicator, value).

Safety:

* WAL journal with ``synchronous=NORMAL``: a reader never blocks a writer,
  and a committed batch survives the process being killed (a power cut may
  lose the last batches, never corrupt the file).
* Every write is one ``BEGIN IMMEDIATE`` transaction: a batch's result rows
  and its "done" markers land together or not at all, so a resumed run
  skips exactly the samples whose results are stored.
* Two processes writing at once queue on SQLite's lock (``busy_timeout``)
  instead of failing or corrupting the file.
* A file that is not a run store (an empty file, another program's SQLite
  database, anything else) is never changed: it is recognised from its
  header and tables before anything is written, and refused with a message.
  A new store is marked with its own ``application_id``.
* A damaged store (overwritten pages) is named as damaged, never a traceback.
* A run whose process was killed stays ``running`` in the file; the store
  records which process runs it (host, pid and start time), and shows it as
  ``interrupted`` (resumable) once that process is gone.
* A run that fails before any result is stored is removed again, and so is a
  store that the failed run had just created: a failed command leaves nothing.
"""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import time
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np
import pandas as pd

from symbiosis.errors import Mistake, SymbiosisError
from symbiosis.simulate.storefile import (
    SCHEMA,
    alive,
    damaged,
    has_table,
    new_store,
    own,
    refuse_foreign,
    wal,
)

__all__ = ["DEFAULT_STORE", "RESULT_COLUMNS", "Registry", "RunInfo", "compare", "export"]

DEFAULT_STORE = "symbiosis-runs.sqlite"
RESULT_COLUMNS = ["year", "sample", "scope", "item", "indicator", "value"]

def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


@dataclass(frozen=True)
class RunInfo:
    """One row of the registry's run table."""

    id: int
    created: str
    name: str
    scenario_hash: str
    scenario: dict
    version: str
    seed: int
    samples: int
    options: dict
    status: str
    tasks_total: int
    tasks_done: int
    elapsed_s: float
    updated: str


class Registry:
    """A run store in one SQLite file (created on the first write).

    ``create=False`` opens only an existing store. Either way a file that is
    not a run store is refused before anything is written to it.
    """

    def __init__(self, path: str | os.PathLike = DEFAULT_STORE, *, create: bool = True, timeout: float = 60.0):
        self.path = Path(path)
        if not create and not self.path.is_file():
            raise SymbiosisError([Mistake("store", f"no run store at {self.path}; runs are recorded there by "
                                          "`symbiosis simulate SCENARIO.yaml` (or give --store PATH)")])
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._create = create
        self._made = False  # whether this registry made the file (a failed first run removes it again)

    def check(self) -> None:
        """Refuse, before any work, a store that is not one or cannot be made; writes nothing."""
        if os.path.lexists(self.path):
            refuse_foreign(self.path)
            return
        from symbiosis.io.atomic import check_output

        check_output(self.path, "store")

    # -- connection ------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            fresh = not os.path.lexists(self.path)
            if fresh and not self._create:
                raise SymbiosisError([Mistake("store", f"no run store at {self.path}")])
            if fresh:
                self.check()
                self._made = new_store(self.path)  # False: another process made it at the same moment
            refuse_foreign(self.path)  # before SQLite touches it: a foreign file is never changed
            conn = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            try:
                conn.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
                wal(conn, self.timeout)
                conn.execute("PRAGMA synchronous = NORMAL")
                conn.execute("PRAGMA foreign_keys = ON")
                if self._create:
                    with _transaction(conn):
                        conn.executescript("BEGIN IMMEDIATE;" + SCHEMA + "COMMIT;")
            except sqlite3.DatabaseError as exc:
                conn.close()
                raise SymbiosisError([Mistake("store", f"{self.path} is not a usable run store: {exc}")]) from None
            self._conn = conn
        return self._conn

    def close(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None

    def discard_if_empty(self) -> None:
        """Remove the store file again if this registry made it and it holds no run."""
        if not self._made or self._conn is None:
            return
        if self._conn.execute("SELECT count(*) FROM runs").fetchone()[0]:
            return
        self.close()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(f"{self.path}{suffix}").unlink(missing_ok=True)
        self._made = False

    def __enter__(self) -> Registry:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextmanager
    def _write(self):
        """One atomic write: BEGIN IMMEDIATE ... COMMIT, rolled back on any error."""
        conn = self.conn
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    # -- writing ----------------------------------------------------------
    @damaged
    def create_run(self, *, name: str, scenario_hash: str, scenario: dict, version: str, seed: int,
                   samples: int, options: dict, tasks_total: int) -> int:
        """A new run in status ``running``, owned by this process; returns its id."""
        with self._write() as conn:
            cur = conn.execute(
                "INSERT INTO runs (created, name, scenario_hash, scenario, version, seed, samples, options, status,"
                " tasks_total, updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?)",
                (_now(), name, scenario_hash, json.dumps(scenario, ensure_ascii=False), version, seed, samples,
                 json.dumps(options, sort_keys=True), tasks_total, _now()))
            run_id = int(cur.lastrowid)
            own(conn, run_id)
            return run_id

    @damaged
    def delete_run(self, run_id: int) -> None:
        """Remove a run and everything stored for it (a run that failed before storing any result)."""
        with self._write() as conn:
            for table in ("results", "done", "owners", "runs"):
                if table == "owners" and not has_table(conn, "owners"):
                    continue
                conn.execute(f"DELETE FROM {table} WHERE {'id' if table == 'runs' else 'run_id'} = ?", (run_id,))

    @damaged
    def add_results(self, run_id: int, table: pd.DataFrame, elapsed_s: float = 0.0) -> int:
        """Store one batch of tidy results and mark its (year, sample) pairs done, atomically.

        Pairs already marked done (a batch repeated after a crash) are skipped.
        Returns the number of newly finished pairs.
        """
        pairs = table[["year", "sample"]].drop_duplicates()
        with self._write() as conn:
            have = {(int(y), int(s)) for y, s in conn.execute(
                "SELECT year, sample FROM done WHERE run_id = ?", (run_id,))} if len(pairs) else set()
            new = [(int(y), int(s)) for y, s in pairs.itertuples(index=False) if (int(y), int(s)) not in have]
            if new:
                keep = table if len(new) == len(pairs) else table[[  # only a repeated batch needs the filter
                    (int(y), int(s)) not in have for y, s in zip(table.year, table["sample"], strict=True)]]
                values = keep["value"].astype(float).to_numpy()
                rows = zip(np.full(len(keep), run_id).tolist(), keep.year.astype(int).tolist(),
                           keep["sample"].astype(int).tolist(), keep.scope.tolist(), keep.item.tolist(),
                           keep.indicator.tolist(), [None if v != v else v for v in values.tolist()], strict=True)
                conn.executemany("INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?)", rows)
                conn.executemany("INSERT INTO done VALUES (?, ?, ?)", [(run_id, y, s) for y, s in new])
            conn.execute("UPDATE runs SET tasks_done = tasks_done + ?, elapsed_s = elapsed_s + ?, updated = ? "
                         "WHERE id = ?", (len(new), elapsed_s, _now(), run_id))
        return len(new)

    @damaged
    def set_status(self, run_id: int, status: str, elapsed_s: float = 0.0, **options) -> None:
        """Mark a run running (owned by this process), finished, interrupted or failed (and add to its
        elapsed time)."""
        with self._write() as conn:
            if status == "running":
                own(conn, run_id)
            if options:
                old = json.loads(conn.execute("SELECT options FROM runs WHERE id = ?", (run_id,)).fetchone()[0])
                old.update(options)
                conn.execute("UPDATE runs SET options = ? WHERE id = ?", (json.dumps(old, sort_keys=True), run_id))
            conn.execute("UPDATE runs SET status = ?, elapsed_s = elapsed_s + ?, updated = ? WHERE id = ?",
                         (status, elapsed_s, _now(), run_id))

    # -- reading ----------------------------------------------------------
    @damaged
    def run(self, run_id: int) -> RunInfo:
        """One run; a :class:`SymbiosisError` listing the ids there are if it does not exist.

        A run recorded ``running`` whose process is gone (killed) reads as ``interrupted``.
        """
        row = self.conn.execute("SELECT * FROM runs WHERE id = ?", (int(run_id),)).fetchone()
        if row is None:
            ids = [str(r[0]) for r in self.conn.execute("SELECT id FROM runs ORDER BY id DESC LIMIT 12")]
            raise SymbiosisError([Mistake("RUN_ID", f"no run {run_id} in {self.path}; recent runs: "
                                          f"{', '.join(ids) or '(none yet)'}")])
        cols = [d[0] for d in self.conn.execute("SELECT * FROM runs LIMIT 0").description]
        d = dict(zip(cols, row, strict=True))
        d["scenario"] = json.loads(d["scenario"])
        d["options"] = json.loads(d["options"])
        info = RunInfo(**d)
        if info.status == "running" and self.owner_gone(info.id):
            info = replace(info, status="interrupted")
        return info

    @damaged
    def list_runs(self) -> pd.DataFrame:
        """Every run, newest first: id, created, name, status, samples, seed, done/total, elapsed.

        A ``running`` run whose process is gone (killed) is listed as ``interrupted``.
        """
        table = pd.read_sql_query(
            "SELECT id, created, name, status, samples, seed, tasks_done, tasks_total, elapsed_s, "
            "substr(scenario_hash, 1, 12) AS scenario_hash, version FROM runs ORDER BY id DESC", self.conn)
        gone = [self.owner_gone(int(i)) if s == "running" else False for i, s in zip(table.id, table.status,
                                                                                        strict=True)]
        table.loc[gone, "status"] = "interrupted"
        return table

    def owner(self, run_id: int) -> tuple[str, int, str | None] | None:
        """(host, pid, start time) of the process that last ran ``run_id``, if recorded."""
        if not has_table(self.conn, "owners"):
            return None
        row = self.conn.execute("SELECT host, pid, started FROM owners WHERE run_id = ?", (int(run_id),)).fetchone()
        return None if row is None else (row[0], int(row[1]), row[2])

    def owner_gone(self, run_id: int) -> bool:
        """Whether the process that runs ``run_id`` is known to be gone (this host only; else unknown: False)."""
        owner = self.owner(run_id)
        if owner is None or owner[0] != socket.gethostname():
            return False
        return not alive(owner[1], owner[2])

    @damaged
    def done(self, run_id: int) -> set[tuple[int, int]]:
        """The (year, sample) pairs whose results are stored."""
        return {(int(y), int(s)) for y, s in self.conn.execute(
            "SELECT year, sample FROM done WHERE run_id = ?", (int(run_id),))}

    @damaged
    def results(self, run_id: int, scope: str | None = None) -> pd.DataFrame:
        """The tidy results of a run, sorted by year, sample, scope, item, indicator."""
        self.run(run_id)
        sql = "SELECT year, sample, scope, item, indicator, value FROM results WHERE run_id = ?"
        args: tuple = (int(run_id),)
        if scope:
            sql += " AND scope = ?"
            args += (scope,)
        df = pd.read_sql_query(sql, self.conn, params=args)
        df["value"] = df["value"].astype(float)
        return df.sort_values(["year", "sample", "scope", "item", "indicator"], kind="stable").reset_index(drop=True)


@contextmanager
def _transaction(conn: sqlite3.Connection):
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def compare(reg: Registry, a: int, b: int) -> pd.DataFrame:
    """Network indicators of two runs side by side: mean per year and indicator, and B - A."""
    from symbiosis.simulate import summarise

    sa = summarise(reg.results(a, "network"))[["year", "indicator", "mean"]].rename(columns={"mean": f"run {a}"})
    sb = summarise(reg.results(b, "network"))[["year", "indicator", "mean"]].rename(columns={"mean": f"run {b}"})
    both = sa.merge(sb, on=["year", "indicator"], how="outer")
    both["difference"] = both[f"run {b}"] - both[f"run {a}"]
    return both.sort_values(["indicator", "year"]).reset_index(drop=True)


def export(reg: Registry, run_id: int, path: str | os.PathLike) -> Path:
    """Write a run's tidy results to CSV or Parquet (by suffix), atomically."""
    from symbiosis.io import write_atomic

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".parquet"):
        raise SymbiosisError([Mistake("path", f"'{path}': write .csv or .parquet")])
    table = reg.results(run_id)
    if suffix == ".csv":
        write_atomic(path, table.to_csv(index=False))
    else:
        import io

        try:
            buf = io.BytesIO()
            table.to_parquet(buf, index=False)
        except ImportError:
            from symbiosis.extras import install_hint

            raise SymbiosisError([Mistake("path", f"Parquet needs pyarrow: {install_hint('parquet')}, "
                                          "or write .csv")]) from None
        write_atomic(path, buf.getvalue())
    return path
