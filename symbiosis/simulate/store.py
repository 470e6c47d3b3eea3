"""The run registry: every scenario run, its inputs and its results, in one SQLite file.

Embedded, no server: ``./symbiosis-runs.sqlite`` by default. A run records
the scenario (with its base network embedded) and its sha256, the package
version, seed, sample count, options, status, timings and the tidy results
(year, sample, scope, item, indicator, value), kept as one compressed
columnar blob per batch (:mod:`symbiosis.simulate.columnar`; a store written
one row a number by an earlier version is still read).

Safety:

* WAL journal with ``synchronous=NORMAL``: a reader never blocks a writer,
  and a committed batch survives the process being killed (a power cut may
  lose the last batches, never corrupt the file).
* Every write is one ``BEGIN IMMEDIATE`` transaction: a batch's blob, its new
  labels and its "done" markers land together or not at all, so a resumed run
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

from symbiosis.errors import bad_field, unknown_name
from symbiosis.io.atomic import check_output
from symbiosis.simulate.columnar import decode, encode
from symbiosis.simulate.storefile import (
    SCHEMA,
    alive,
    damaged,
    done_among,
    has_table,
    new_store,
    own,
    refuse_foreign,
    store_size,
    wal,
)
from symbiosis.simulate.storeio import compare, export

__all__ = ["DEFAULT_STORE", "RESULT_COLUMNS", "Registry", "RunInfo", "compare", "export", "store_size"]

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
            raise bad_field("store", f"no run store at {self.path}; runs are recorded there by "
                            "`symbiosis simulate SCENARIO.yaml` (or give --store PATH)")
        self.timeout = timeout
        self._conn: sqlite3.Connection | None = None
        self._create = create
        self._made = False  # whether this registry made the file (a failed first run removes it again)

    def check(self) -> None:
        """Refuse, before any work, a store that is not one or cannot be made; writes nothing."""
        if os.path.lexists(self.path):
            refuse_foreign(self.path)
            return

        check_output(self.path, "store")

    # -- connection ------------------------------------------------------
    @property
    def conn(self) -> sqlite3.Connection:
        if self._conn is None:
            fresh = not os.path.lexists(self.path)
            if fresh and not self._create:
                raise bad_field("store", f"no run store at {self.path}")
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
                raise bad_field("store", f"{self.path} is not a usable run store: {exc}") from None
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
            for table in ("results", "batches", "labels", "done", "owners", "runs"):
                if table in ("owners", "batches", "labels") and not has_table(conn, table):
                    continue
                conn.execute(f"DELETE FROM {table} WHERE {'id' if table == 'runs' else 'run_id'} = ?", (run_id,))

    @damaged
    def add_results(self, run_id: int, table: pd.DataFrame, elapsed_s: float = 0.0) -> int:
        """Store one batch of tidy results and mark its (year, sample) pairs done, atomically.

        The rows go in as one compressed columnar blob (:mod:`symbiosis.simulate.columnar`), their
        (scope, item, indicator) labels as codes of the run's ``labels`` table. Pairs already marked
        done (a batch repeated after a crash) are skipped. Returns the number of newly finished pairs.
        """
        year = table["year"].to_numpy(dtype=np.int64)
        sample = table["sample"].to_numpy(dtype=np.int64)
        pairs = np.unique(year << 32 | sample)
        with self._write() as conn:
            have = done_among(conn, run_id, pairs)
            new = pairs if not have else pairs[~np.isin(pairs, np.fromiter(have, dtype=np.int64))]
            if len(new):
                keep = slice(None) if len(new) == len(pairs) else np.isin(year << 32 | sample, new)
                codes = self._codes(conn, run_id, table)[keep]
                blob = encode(year[keep], sample[keep], codes, table["value"].to_numpy(dtype=float)[keep])
                first = int(year[keep][0]) if len(codes) else 0
                conn.execute("INSERT INTO batches (run_id, year, rows, data) VALUES (?, ?, ?, ?)",
                             (run_id, first, len(codes), blob))
                conn.executemany("INSERT INTO done VALUES (?, ?, ?)",
                                 [(run_id, int(k >> 32), int(k & 0xFFFFFFFF)) for k in new.tolist()])
            conn.execute("UPDATE runs SET tasks_done = tasks_done + ?, elapsed_s = elapsed_s + ?, updated = ? "
                         "WHERE id = ?", (len(new), elapsed_s, _now(), run_id))
        return len(new)

    @staticmethod
    def _codes(conn: sqlite3.Connection, run_id: int, table: pd.DataFrame) -> np.ndarray:
        """The run's label code of each row, adding labels it has not seen (inside the batch's transaction).

        Each label column is factorised on its own (fast on pandas' string arrays) and the three codes
        combined into one integer, so the rows' strings are hashed once, not as tuples.
        """
        known = {(sc, it, ind): code for code, sc, it, ind in conn.execute(
            "SELECT code, scope, item, indicator FROM labels WHERE run_id = ?", (run_id,))}
        (c1, u1), (c2, u2), (c3, u3) = (pd.factorize(table[col]) for col in ("scope", "item", "indicator"))
        n2, n3 = len(u2), len(u3)
        combined = (c1.astype(np.int64) * n2 + c2) * n3 + c3
        uniq, inverse = np.unique(combined, return_inverse=True)
        triples = [(str(u1[k // (n2 * n3)]), str(u2[k // n3 % n2]), str(u3[k % n3])) for k in uniq.tolist()]
        fresh = [t for t in triples if t not in known]
        start = max(known.values(), default=-1) + 1
        conn.executemany("INSERT INTO labels VALUES (?, ?, ?, ?, ?)",
                         [(run_id, start + i, *t) for i, t in enumerate(fresh)])
        known.update({t: start + i for i, t in enumerate(fresh)})
        return np.array([known[t] for t in triples], dtype=np.int64)[inverse.ravel()]

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

    @damaged
    def prune(self, run_ids) -> list[int]:
        """Remove runs ``run_ids`` with everything stored for them, then give the space back to the file system
        (VACUUM). A run still running in a live process is kept. Returns the ids removed."""
        gone = []
        for run_id in sorted(set(int(i) for i in run_ids)):
            info = self.run(run_id)
            if info.status == "running":
                continue  # its process is alive (a killed one reads as interrupted)
            self.delete_run(run_id)
            gone.append(run_id)
        if gone:
            self.conn.execute("VACUUM")
        return gone

    @damaged
    def output_failed(self, run_id: int, exc: BaseException) -> None:
        """A finished run whose results could not be printed or written: ``failed``, with why, its results kept
        (``symbiosis runs show`` prints them; ``--resume`` finishes it again)."""
        why = f"{type(exc).__name__}: {exc}".strip().rstrip(":")[:200]
        self.set_status(run_id, "failed", output_error=why)

    def size(self) -> int:
        """The store's size in bytes (its file and write-ahead log; 0 if there is none yet), after moving the
        log into the file where no other process holds it."""
        if self._conn is not None:
            try:
                self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except sqlite3.DatabaseError:
                pass  # another process is writing: the log stays, and is counted
        return store_size(self.path)

    # -- reading ----------------------------------------------------------
    @damaged
    def run(self, run_id: int) -> RunInfo:
        """One run; a :class:`SymbiosisError` listing the ids there are if it does not exist.

        A run recorded ``running`` whose process is gone (killed) reads as ``interrupted``.
        """
        row = self.conn.execute("SELECT * FROM runs WHERE id = ?", (int(run_id),)).fetchone()
        if row is None:
            ids = [str(r[0]) for r in self.conn.execute("SELECT id FROM runs ORDER BY id DESC LIMIT 12")]
            raise unknown_name("RUN_ID", f"no run {run_id} in {self.path}; recent runs: "
                               f"{', '.join(ids) or '(none yet)'}")
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
        parts = [self._batches(run_id, scope)]
        sql = "SELECT year, sample, scope, item, indicator, value FROM results WHERE run_id = ?"
        args: tuple = (int(run_id),)
        if scope:
            sql += " AND scope = ?"
            args += (scope,)
        rows = pd.read_sql_query(sql, self.conn, params=args)  # a store written before the batches table
        if len(rows):
            rows["value"] = rows["value"].astype(float)
            parts.append(rows)
        df = pd.concat(parts, ignore_index=True) if len(parts) > 1 else parts[0]
        return df.sort_values(["year", "sample", "scope", "item", "indicator"], kind="stable").reset_index(drop=True)

    def _batches(self, run_id: int, scope: str | None) -> pd.DataFrame:
        """The rows of a run's columnar batches (see :mod:`symbiosis.simulate.columnar`)."""
        blobs = [blob for (blob,) in self.conn.execute(
            "SELECT data FROM batches WHERE run_id = ? ORDER BY rowid", (int(run_id),))] \
            if has_table(self.conn, "batches") else []
        parts = [decode(blob) for blob in blobs]
        year, sample, code = (np.concatenate([p[i] for p in parts]) if parts else np.zeros(0, dtype=np.int64)
                              for i in range(3))
        value = np.concatenate([p[3] for p in parts]) if parts else np.zeros(0)
        names = {code: t for code, *t in self.conn.execute(
            "SELECT code, scope, item, indicator FROM labels WHERE run_id = ?", (int(run_id),))} if parts else {}
        lookup = np.empty((max(names, default=-1) + 1, 3), dtype=object)
        for c, t in names.items():
            lookup[c] = t
        labels = lookup[code] if len(code) else np.empty((0, 3), dtype=object)
        df = pd.DataFrame({"year": year, "sample": sample, "scope": labels[:, 0], "item": labels[:, 1],
                           "indicator": labels[:, 2], "value": value})
        return df[df.scope == scope].reset_index(drop=True) if scope else df


@contextmanager
def _transaction(conn: sqlite3.Connection):
    try:
        yield conn
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise
