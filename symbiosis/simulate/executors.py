"""Where samples run: here (serial), a local process pool, or Dask (a local cluster or an existing one).

Samples go out in batches of one year; every sample draws from its own
generator, so the results are the same bit for bit whatever the executor, the
number of workers or the batch size.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

import pandas as pd

from symbiosis import parameters as P
from symbiosis.errors import bad_parameter
from symbiosis.extras import install_hint
from symbiosis.simulate.batch import run_batch
from symbiosis.simulate.plan import Plan

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

__all__ = ["EXECUTORS", "Executor", "batches", "connect_dask", "default_batch"]

EXECUTORS = P.EXECUTOR.choices or ()


def batches(pairs: Iterable[tuple[int, int]], size: int) -> list[tuple[int, list[int]]]:
    """Group (year, sample) pairs into batches of one year and at most ``size`` samples.

    Parameters
    ----------
    pairs : iterable of (int, int)
        (year, sample) pairs.
    size : int
        The most samples per batch.

    Returns
    -------
    list of (int, list of int)
        The batches: a year and its samples.
    """
    by_year: dict[int, list[int]] = {}
    for year, k in pairs:
        by_year.setdefault(year, []).append(k)
    out = []
    for year, ks in by_year.items():
        for i in range(0, len(ks), size):
            out.append((year, ks[i: i + size]))
    return out


def default_batch(n_pairs: int, workers: int) -> int:
    """About eight batches per worker, between 1 and 200 samples each."""
    return max(1, min(200, math.ceil(n_pairs / max(1, workers * 8))))


_WORKER_PLAN: Plan | None = None


def _init_worker(path: str) -> None:
    """Load the plan from the file the parent wrote (a path in the spawn pipe instead of the pickled plan:
    the parent's write of a large plan would wait for each worker to start, one after the other)."""
    import pickle

    global _WORKER_PLAN
    with open(path, "rb") as f:
        _WORKER_PLAN = pickle.load(f)
    _exit_with_parent()


def _exit_with_parent(poll: float = 0.5) -> None:
    """End this worker process when the process that started it ends, even by ``kill -9``.

    A watcher thread waits on the pipe multiprocessing keeps to the parent
    (it reads end-of-file when the parent is gone, on every platform) and
    also notices being handed to another parent (POSIX); either way it exits
    at once, so a killed run leaves no worker behind.
    """
    import multiprocessing as mp
    import os
    import threading
    from multiprocessing.connection import wait

    parent = mp.parent_process()
    first = os.getppid()

    def watch() -> None:
        while True:
            if parent is not None and wait([parent.sentinel], timeout=poll):
                break
            if parent is None:
                threading.Event().wait(poll)
            if os.getppid() != first:
                break
        os._exit(1)

    threading.Thread(target=watch, name="exit-with-parent", daemon=True).start()


def _run_in_worker(year: int, samples: list[int]) -> pd.DataFrame:
    assert _WORKER_PLAN is not None
    return run_batch(_WORKER_PLAN, year, samples)


class Executor:
    """Runs batches and yields their results as they finish; a context manager.

    Parameters
    ----------
    kind : str
        ``serial``, ``processes`` or ``dask``.
    workers : int, optional
        Workers (default: the machine's cores; 1 for serial).
    scheduler : str, optional
        A Dask scheduler's address (tcp://host:port); default a local cluster.
    """

    def __init__(self, kind: str = "serial", workers: int | None = None, scheduler: str | None = None):
        if kind not in EXECUTORS:
            raise bad_parameter("executor", f"unknown executor '{kind}'; valid: {', '.join(EXECUTORS)}")
        if scheduler and kind != "dask":
            raise bad_parameter("scheduler", "a scheduler address needs the dask executor")
        if workers is not None:
            P.WORKERS.check(workers)
        self.kind = kind
        self.workers = workers or (1 if kind == "serial" else _cores())
        self.scheduler = scheduler
        self._pool: ProcessPoolExecutor | None = None
        self._plan_file: str | None = None
        self._client: Any = None  # a dask.distributed Client (no type information is published for it)
        self._cluster: Any = None

    def __enter__(self) -> Executor:
        if self.kind == "dask":
            self._client, self._cluster = connect_dask(self.scheduler, self.workers)
            if self.scheduler:
                self.workers = max(1, sum(w.get("nthreads", 1) for w in
                                          self._client.scheduler_info()["workers"].values()))
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Shut down what it started: the process pool (pending batches cancelled), the plan file, Dask."""
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._plan_file is not None:
            import os

            os.unlink(self._plan_file)
            self._plan_file = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def map(self, plan: Plan, work: list[tuple[int, list[int]]]) -> Iterator[pd.DataFrame]:
        """Each batch's results, in the order they finish.

        Parameters
        ----------
        plan : Plan
            The compiled scenario.
        work : list of (int, list of int)
            The batches: a year and its samples.

        Yields
        ------
        pandas.DataFrame
            One batch's tidy results.
        """
        if self.kind == "serial":
            for year, ks in work:
                yield run_batch(plan, year, ks)
        elif self.kind == "processes":
            import multiprocessing as mp
            import pickle
            import tempfile
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with tempfile.NamedTemporaryFile(prefix="symbiosis-plan-", suffix=".pickle", delete=False) as f:
                pickle.dump(plan, f, protocol=pickle.HIGHEST_PROTOCOL)
            self._plan_file = f.name
            with _sigint_ignored():  # the workers inherit it: Ctrl-C is the parent's to handle
                self._pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"),
                                                 initializer=_init_worker, initargs=(f.name,))
                futures = [self._pool.submit(_run_in_worker, year, ks) for year, ks in work]
            try:
                for done in as_completed(futures):
                    yield done.result()
            finally:
                for pending in futures:
                    pending.cancel()
        else:
            from dask.distributed import as_completed as dask_completed

            client = self._client
            [shared] = client.scatter([plan], broadcast=True)
            dask_futures = [client.submit(run_batch, shared, year, ks, pure=False) for year, ks in work]
            try:
                for done in dask_completed(dask_futures):
                    yield done.result()
            finally:
                client.cancel(dask_futures)


def _cores() -> int:
    import os

    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover
        return max(1, os.cpu_count() or 1)


def connect_dask(scheduler: str | None, workers: int, timeout: float = 10.0):
    """A Dask client: to ``scheduler`` (tcp://host:port) or to a new local cluster on 127.0.0.1.

    Raises :class:`SymbiosisError` if Dask is not installed or the scheduler
    cannot be reached within ``timeout`` seconds.

    Parameters
    ----------
    scheduler : str or None
        The scheduler's address (tcp://host:port); None for a local cluster.
    workers : int
        Workers of a local cluster.
    timeout : float
        Seconds to wait for the scheduler.

    Returns
    -------
    client : distributed.Client
        The client.
    cluster : distributed.LocalCluster or None
        The local cluster, None with a scheduler.

    Raises
    ------
    SymbiosisError
        If Dask is not installed or the scheduler cannot be reached.
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise bad_parameter("executor", "the dask executor needs the 'distributed' extra: "
                            + install_hint("distributed")) from None
    if scheduler:
        if not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
            raise bad_parameter("scheduler", f"'{scheduler}' is not a scheduler address; "
                                "write tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786")
        _reachable(scheduler, timeout)
        try:
            return Client(scheduler, timeout=timeout), None
        except (OSError, TimeoutError) as exc:
            why = str(exc).splitlines()[0] if str(exc) else "timed out"
            raise bad_parameter("scheduler", f"cannot reach the Dask scheduler at {scheduler} "
                                f"({type(exc).__name__}: {why}); "
                                "is `dask scheduler` running there? Drop --scheduler to start a local "
                                "cluster") from None
    with _sigint_ignored():
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, host="127.0.0.1",
                               dashboard_address=None)
    return Client(cluster), cluster


@contextmanager
def _sigint_ignored():
    """Ignore SIGINT while worker processes start, so they inherit it and a Ctrl-C reaches the parent only."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    old = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old)


def _reachable(address: str, timeout: float) -> None:
    """Fail fast, with a message, if nothing listens at a tcp:// scheduler address."""
    import socket
    from urllib.parse import urlsplit

    if not address.startswith("tcp://"):
        return
    try:
        parts = urlsplit(address)
        host, port = parts.hostname, parts.port
    except ValueError:
        host = port = None
    if not host or not port:
        raise bad_parameter("scheduler", f"'{address}' has no host and port; write tcp://HOST:PORT")
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise bad_parameter("scheduler", f"cannot reach the Dask scheduler at {address} "
                            f"({exc.strerror or type(exc).__name__}); is `dask scheduler` running "
                            "there? Drop --scheduler to start a local cluster") from None


