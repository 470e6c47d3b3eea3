"""The run store's file: whether a file is a run store, who runs a run, and a damaged file named as such.

A file that is not a run store is recognised from its header and tables
without changing a byte of it; a new store carries :data:`APPLICATION_ID`.
A run records the process that runs it (host, pid, start time), so a killed
run can be told from a running one. See :mod:`symbiosis.simulate.store`.
"""

from __future__ import annotations

import functools
import json
import os
import socket
import sqlite3
import time
from pathlib import Path

import numpy as np
import pandas as pd

from symbiosis.errors import bad_field
from symbiosis.io.atomic import file_mode

__all__ = ["APPLICATION_ID", "SCHEMA", "alive", "damaged", "done_among", "has_table", "new_store", "own",
           "refuse_foreign", "start_time", "store_size", "wal"]

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    created TEXT NOT NULL,
    name TEXT NOT NULL,
    scenario_hash TEXT NOT NULL,
    scenario TEXT NOT NULL,
    version TEXT NOT NULL,
    seed INTEGER NOT NULL,
    samples INTEGER NOT NULL,
    options TEXT NOT NULL,
    status TEXT NOT NULL,
    tasks_total INTEGER NOT NULL,
    tasks_done INTEGER NOT NULL DEFAULT 0,
    elapsed_s REAL NOT NULL DEFAULT 0,
    updated TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS done (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    year INTEGER NOT NULL,
    sample INTEGER NOT NULL,
    PRIMARY KEY (run_id, year, sample)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS results (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    year INTEGER NOT NULL,
    sample INTEGER NOT NULL,
    scope TEXT NOT NULL,
    item TEXT NOT NULL,
    indicator TEXT NOT NULL,
    value REAL
);
CREATE INDEX IF NOT EXISTS results_by_run ON results (run_id, year, sample);
CREATE TABLE IF NOT EXISTS labels (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    code INTEGER NOT NULL,
    scope TEXT NOT NULL,
    item TEXT NOT NULL,
    indicator TEXT NOT NULL,
    PRIMARY KEY (run_id, code)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS batches (
    run_id INTEGER NOT NULL REFERENCES runs(id),
    year INTEGER NOT NULL,
    rows INTEGER NOT NULL,
    data BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS batches_by_run ON batches (run_id);
""" + "CREATE TABLE IF NOT EXISTS owners (run_id INTEGER PRIMARY KEY REFERENCES runs(id), host TEXT NOT NULL, " \
    "pid INTEGER NOT NULL, started TEXT);"


def new_store(path: Path) -> bool:
    """Make a complete, empty store at ``path`` in one step; False if a store appeared there meanwhile.

    The store is built in a temporary file next to ``path`` and linked into
    place, which fails if anything is there already: a store that appears is
    never half made (two runs may start at the same moment), and a file that
    appeared meanwhile is never replaced.
    """
    import tempfile

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".new")
    os.close(fd)
    try:
        conn = sqlite3.connect(tmp, isolation_level=None)
        try:
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            conn.execute("PRAGMA journal_mode = WAL")
            conn.executescript("BEGIN IMMEDIATE;" + SCHEMA + "COMMIT;")
        finally:
            conn.close()
        os.chmod(tmp, file_mode())
        try:
            os.link(tmp, path)
        except FileExistsError:
            return False
        except OSError:  # a file system without hard links: a rename (a store made meanwhile would be replaced)
            if os.path.lexists(path):
                return False
            os.replace(tmp, path)
        return True
    finally:
        for leftover in (tmp, f"{tmp}-wal", f"{tmp}-shm"):
            Path(leftover).unlink(missing_ok=True)


def wal(conn: sqlite3.Connection, timeout: float) -> None:
    """Switch to write-ahead logging, waiting while another process does the same.

    Two runs started at once both open a new store; SQLite answers the second
    one's switch to WAL with "database is locked" at once, without waiting for
    the busy timeout, so the switch is tried again until ``timeout`` (s).
    """
    deadline = time.monotonic() + timeout
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            waiting = "locked" in str(exc) or "busy" in str(exc)
            if not waiting or time.monotonic() > deadline:
                raise
            time.sleep(pause)
            pause = min(2 * pause, 0.2)

#: SQLite's application_id of a run store ("SYMB"), in the file header (bytes 68-71).
APPLICATION_ID = 0x53594D42
#: The tables (and their columns) that make a file a run store, for stores made before the application_id.
_TABLES = {"runs": {"id", "name", "scenario_hash", "scenario", "status", "samples", "seed", "options"},
           "done": {"run_id", "year", "sample"},
           "results": {"run_id", "year", "sample", "scope", "item", "indicator", "value"}}
_HEADER = b"SQLite format 3\x00"


def damaged(method):
    """A store whose pages were overwritten answers with a :class:`SymbiosisError` naming it, not a traceback."""
    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except (sqlite3.DatabaseError, pd.errors.DatabaseError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            if isinstance(exc, sqlite3.OperationalError) and ("locked" in str(exc) or "busy" in str(exc)):
                raise bad_field("store", f"{self.path} stayed locked by another process for "
                                f"{self.timeout:g} s; try again when it is done") from None
            why = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            why = "text that is not UTF-8" if "decode" in why else why[:80]
            raise bad_field("store", f"{self.path} is damaged and cannot be read ({why}); restore it "
                            "from a backup, or give another --store") from None
    return wrapper


def refuse_foreign(path: Path) -> None:
    """Refuse ``path`` unless it is a run store, reading it without changing a byte of it."""
    where = f"{path}"
    try:
        with open(path, "rb") as fh:
            head = fh.read(100)
    except IsADirectoryError:
        raise bad_field("store", f"{where} is a folder; give a file for the run store") from None
    except OSError as exc:
        raise bad_field("store", f"{where} cannot be read ({exc.strerror})") from None
    if not head:
        raise bad_field("store", f"{where} is an empty file, not a run store; give another --store "
                        "(or remove the file)")
    if not head.startswith(_HEADER) or len(head) < 100:
        raise bad_field("store", f"{where} is not a run store (not an SQLite database); give "
                        "another --store")
    app = int.from_bytes(head[68:72], "big")
    if app == APPLICATION_ID:
        return
    if app == 0:  # a store made before the application_id, or another program's database: look at its tables
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
            try:
                tables = {t: {r[1] for r in conn.execute(f"PRAGMA table_info({t})")} for t in _TABLES}
            finally:
                conn.close()
        except sqlite3.DatabaseError as exc:
            raise bad_field("store", f"{where} cannot be read as a run store ({exc})") from None
        if all(cols <= tables[t] for t, cols in _TABLES.items()):
            return
    raise bad_field("store", f"{where} is an SQLite database of another program, not a run store; "
                    "it is left as it is: give another --store")


def has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND name=?", (name,)).fetchone() is not None


def start_time(pid: int) -> str | None:
    """When process ``pid`` started (clock ticks since boot, from /proc), to tell it from a later one with its pid."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[19]
    except (OSError, IndexError, ValueError):
        return None


def alive(pid: int, started: str | None) -> bool:
    """Whether process ``pid`` (started at ``started``, if known) still runs."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # it exists, under another user
    except OSError:
        return True
    now = start_time(pid)
    return started is None or now is None or now == started


def own(conn: sqlite3.Connection, run_id: int) -> None:
    """Record this process as the one running ``run_id`` (inside a write transaction)."""
    conn.execute("CREATE TABLE IF NOT EXISTS owners (run_id INTEGER PRIMARY KEY REFERENCES runs(id), "
                 "host TEXT NOT NULL, pid INTEGER NOT NULL, started TEXT)")
    conn.execute("INSERT OR REPLACE INTO owners VALUES (?, ?, ?, ?)",
                 (run_id, socket.gethostname(), os.getpid(), start_time(os.getpid())))


def store_size(path: str | os.PathLike) -> int:
    """Bytes of a run store at ``path``: the file and its write-ahead log (0 where there is nothing)."""
    return sum(Path(f"{path}{suffix}").stat().st_size for suffix in ("", "-wal")
               if Path(f"{path}{suffix}").is_file())


def done_among(conn: sqlite3.Connection, run_id: int, pairs: np.ndarray) -> set[int]:
    """Which of ``pairs`` (year << 32 | sample) the run has done: one look-up of the batch's own range."""
    years = np.unique(pairs >> 32)
    have: set[int] = set()
    for y in years.tolist():
        ks = pairs[(pairs >> 32) == y] & 0xFFFFFFFF
        have.update(y << 32 | int(k) for (k,) in conn.execute(
            "SELECT sample FROM done WHERE run_id = ? AND year = ? AND sample BETWEEN ? AND ?",
            (run_id, y, int(ks.min()), int(ks.max()))))
    return have & set(pairs.tolist())
