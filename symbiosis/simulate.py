"""Years x samples: run a scenario, optimise every year, score it, keep tidy results.

For each year the scenario's network is compiled once (the answer and the
counterfactual). A Monte Carlo sample only changes numbers, so it changes the
arrays of the compiled :class:`flows.Problem` (costs, bounds, right-hand
sides, with :func:`dataclasses.replace`) and re-solves with a
:class:`flows.resolve.Resolver`, which keeps the model in HiGHS and changes
only those vectors.

Results are a tidy table, one row a number:

======== ============================================================
year     the simulated year
sample   0 for a run without uncertainty; 0..N-1 for N samples
scope    ``network`` (the indicators of :mod:`symbiosis.scores`, plus
         ``feasible``), ``stream`` (``flow``, in the resource's unit/yr)
         or ``actor`` (``cost_saved`` DKK/yr, ``co2e_avoided`` t/yr)
item     the network, stream or actor id
indicator, value
======== ============================================================

An actor's share of the savings counts the arcs it pays for: its virgin
purchases, its disposal, the transport of the streams it supplies and its
processes; the shares add up to the network's ``cost_saved`` and
``co2e_avoided``.

Executors: ``serial``, ``processes`` (a local pool) and ``dask`` (a local
cluster, or an existing one with ``scheduler="tcp://host:port"``). Samples
go out in batches; every sample draws from its own generator
``default_rng([seed, sample])``, so the results are the same bit for bit
whatever the executor, the number of workers or the batch size.
"""

from __future__ import annotations

import dataclasses
import math
import time
import weakref
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import numpy as np
import pandas as pd

import flows
from flows.resolve import Resolver
from symbiosis.compile import Compiled, compile_network, infeasible_error, read_solution
from symbiosis.errors import Problem, SymbiosisError
from symbiosis.evaluation import objective_weights
from symbiosis.scenario import ScenarioSpec, Uncertain
from symbiosis.scores import savings

EXECUTORS = ("serial", "processes", "dask")
_FACTOR_ARC = {"virgin_price": ("virgin", "cost"), "virgin_co2e": ("virgin", "co2e"),
               "groundwater": ("virgin", "groundwater"), "disposal_cost": ("disposal", "cost"),
               "disposal_co2e": ("disposal", "co2e")}


# -- the plan: everything a worker needs -------------------------------------------


@dataclass(frozen=True, eq=False)
class YearModel:
    """One year compiled once: the answer's and the counterfactual's problems and their names."""

    year: int
    answer: Compiled
    counterfactual: Compiled
    actors: list[str]  # actor ids in the order of ``arc_actor`` codes
    arc_actor: np.ndarray  # actor code per arc
    process_actor: np.ndarray  # actor code per process
    targets: list[tuple | None]  # per uncertain parameter: how it maps onto the arrays (None: absent this year)
    supply: np.ndarray  # per node, units/yr (the same nodes in both problems)
    demand: np.ndarray
    stream_ids: list[str]  # the stream arcs, first in both problems


@dataclass(frozen=True, eq=False)
class Plan:
    """A scenario compiled for every year, with its uncertain parameters, seed and weights."""

    name: str
    network_id: str
    years: list[YearModel]
    uncertain: list[Uncertain]
    weights: dict[str, float]
    seed: int
    samples: int

    @property
    def sample_ids(self) -> list[int]:
        return list(range(max(self.samples, 1)))

    def tasks(self) -> list[tuple[int, int]]:
        """Every (year, sample) pair of the run."""
        return [(ym.year, k) for ym in self.years for k in self.sample_ids]


def build_plan(spec: ScenarioSpec, samples: int = 0, seed: int = 0, objective: str | None = None,
               weights: dict[str, float] | None = None) -> Plan:
    """Compile every year of ``spec`` and check each solves without uncertainty.

    Raises :class:`SymbiosisError` (naming the year and the balances that
    cannot close) before anything is run or stored.
    """
    if samples < 0:
        raise SymbiosisError([Problem("--samples", f"{samples} is negative; give 0 (no uncertainty) or more")])
    if samples > 0 and not spec.scenario.uncertain:
        raise SymbiosisError([Problem("uncertain", "--samples needs uncertain parameters in the scenario: "
                                      "add an 'uncertain' list (see `symbiosis schema`)")], spec.label)
    objective = objective or spec.scenario.objective
    years = []
    w = None
    for year in spec.scenario.years:
        net = spec.network(year)
        w = objective_weights(net, objective, weights) if w is None else w
        answer = compile_network(net, spec.scenario.answer)
        cf = compile_network(net, "counterfactual")
        actors = sorted(net.actor)
        code = {a: i for i, a in enumerate(actors)}
        arc_actor = np.array([code[a] for a in answer.arcs.actor], dtype=np.int64)
        process_actor = np.array([code[p.actor] for p in net.processes], dtype=np.int64)
        ym = YearModel(year, answer, cf, actors, arc_actor, process_actor,
                       [_target_index(u, answer) for u in spec.scenario.uncertain],
                       answer.nodes.supply.to_numpy(dtype=float), answer.nodes.demand.to_numpy(dtype=float),
                       [str(x) for x in answer.arcs.ref[answer.arcs.kind == "stream"]])
        for c in (answer, cf):
            sol = flows.solve(c.problem, w)
            if sol.status == "infeasible":
                err = infeasible_error(c)
                raise SymbiosisError(err.problems, spec.label, f"scenario '{spec.scenario.name}', year {year}: "
                                     f"{err.summary}")
        years.append(ym)
    return Plan(spec.scenario.name, spec.base.id, years, list(spec.scenario.uncertain), w, int(seed), int(samples))


def _target_index(u: Uncertain, c: Compiled) -> tuple | None:
    """Where a parameter sits in the compiled arrays: ('node', side, i), ('arc', name, mask) or None."""
    if u.quantity in ("supply", "demand"):
        hit = np.flatnonzero((c.nodes.actor.values == u.actor) & (c.nodes.resource.values == u.resource))
        return ("node", u.quantity, int(hit[0])) if hit.size else None
    if u.quantity == "capacity":
        hit = np.flatnonzero((c.arcs.kind.values == "stream") & (c.arcs.ref.values == u.stream))
        return ("upper", int(hit[0])) if hit.size else None
    kind, name = _FACTOR_ARC[u.factor]
    mask = (c.arcs.kind.values == kind) & (c.arcs.resource.values == u.resource)
    return ("cost", name, np.flatnonzero(mask)) if mask.any() else None


def draws(plan: Plan, sample: int) -> np.ndarray:
    """The uncertain parameters' draws for one sample: a multiplier or a value each."""
    if plan.samples == 0:
        return np.array([])
    rng = np.random.default_rng([plan.seed, sample])
    return np.array([u.draw(rng) for u in plan.uncertain])


def _with_draws(ym: YearModel, c: Compiled, plan: Plan, x: np.ndarray) -> Compiled:
    """``c`` with the sample's draws applied to its arrays (a copy; no recompiling)."""
    if x.size == 0:
        return c
    p = c.problem
    sup = ym.supply.copy()
    dem = ym.demand.copy()
    upper = p.upper.copy()
    costs = {k: v.copy() for k, v in p.costs.items()}
    for u, target, v in zip(plan.uncertain, ym.targets, x, strict=True):
        if target is None:
            continue
        scale = u.applies == "scale"
        if target[0] == "node":
            arr = sup if target[1] == "supply" else dem
            i = target[2]
            arr[i] = max(0.0, arr[i] * v if scale else v)
        elif target[0] == "upper":
            if c.mode == "optimised":
                k = target[1]
                upper[k] = max(0.0, upper[k] * v if scale else v)
        else:
            _, name, idx = target
            costs[name][idx] = costs[name][idx] * v if scale else v
    problem = dataclasses.replace(p, rhs=dem - sup, upper=upper, costs=costs)
    return dataclasses.replace(c, problem=problem)


# -- running one batch ---------------------------------------------------------------


def run_batch(plan: Plan, year: int, samples: list[int]) -> pd.DataFrame:
    """The tidy results of ``samples`` in ``year`` (what a worker runs)."""
    ym = next(y for y in plan.years if y.year == year)
    parts = [_one(plan, ym, k) for k in samples]
    if not parts:
        return pd.DataFrame(columns=_COLUMNS)
    n = len(parts[0][0])
    return pd.DataFrame({
        "year": np.full(n * len(parts), ym.year, dtype=np.int64),
        "sample": np.repeat(np.asarray(samples, dtype=np.int64), n) if all(len(p[0]) == n for p in parts)
        else np.concatenate([np.full(len(p[0]), k, dtype=np.int64) for p, k in zip(parts, samples, strict=True)]),
        "scope": [x for p in parts for x in p[0]], "item": [x for p in parts for x in p[1]],
        "indicator": [x for p in parts for x in p[2]], "value": np.concatenate([p[3] for p in parts])})


class _LazyResult:
    """A :class:`~symbiosis.compile.Result` whose named tables are built only if asked for.

    ``totals`` (all that the savings need today) comes straight from the
    solution; any other attribute builds the full result once.
    """

    def __init__(self, compiled: Compiled, solution: flows.Solution, objective):
        self.mode = compiled.mode
        self.objective = objective
        self.totals = solution.totals
        self._args = (compiled, solution, objective)
        self._full = None

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        if self._full is None:
            self._full = read_solution(*self._args)
        return getattr(self._full, name)


_COLUMNS = ["year", "sample", "scope", "item", "indicator", "value"]


_RESOLVERS: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def _resolver(c: Compiled, weights: dict[str, float]) -> Resolver:
    """One :class:`flows.resolve.Resolver` per compiled year and process, made on first use."""
    r = _RESOLVERS.get(c)
    if r is None:
        r = _RESOLVERS[c] = Resolver(c.problem, weights)
    return r


def _one(plan: Plan, ym: YearModel, sample: int) -> tuple[list, list, list, np.ndarray]:
    """scope, item, indicator and value columns of one (year, sample)."""
    x = draws(plan, sample)
    ans = _with_draws(ym, ym.answer, plan, x)
    cf = _with_draws(ym, ym.counterfactual, plan, x)
    net = ym.answer.network
    s_ans = _resolver(ym.answer, plan.weights).solve(ans.problem)
    s_cf = _resolver(ym.counterfactual, plan.weights).solve(cf.problem)
    stream_ids = ym.stream_ids
    feasible = s_ans.ok and s_cf.ok
    if feasible:
        scores = savings(_LazyResult(ans, s_ans, plan.weights), _LazyResult(cf, s_cf, plan.weights), net)
        keys = [k for k, v in scores.items() if isinstance(v, int | float)]
        net_values = [float(scores[k]) for k in keys]
        flow = np.where(np.abs(s_ans.flow) > 1e-9, s_ans.flow, 0.0)[: len(stream_ids)]
        n_act = len(ym.actors)
        per_actor = {}
        for name, key in (("cost", "cost_saved"), ("co2e", "co2e_avoided")):
            spent = []
            for c, sol in ((cf, s_cf), (ans, s_ans)):
                arcs = np.bincount(ym.arc_actor, weights=sol.flow * c.problem.costs[name], minlength=n_act)
                procs = np.bincount(ym.process_actor, weights=sol.activity * c.problem.conv_costs[name],
                                    minlength=n_act) if ym.process_actor.size else np.zeros(n_act)
                spent.append(arcs + procs)
            per_actor[key] = spent[0] - spent[1]
    else:
        from symbiosis.scores import INDICATORS

        keys = [i.key for i in INDICATORS]
        net_values = [math.nan] * len(keys)
        flow = np.full(len(stream_ids), math.nan)
        per_actor = {k: np.full(len(ym.actors), math.nan) for k in ("cost_saved", "co2e_avoided")}
    scope = (["network"] * (len(keys) + 1) + ["stream"] * len(stream_ids)
             + ["actor"] * (2 * len(ym.actors)))
    item = [net.id] * (len(keys) + 1) + list(stream_ids) + list(ym.actors) * 2
    indicator = (keys + ["feasible"] + ["flow"] * len(stream_ids)
                 + ["cost_saved"] * len(ym.actors) + ["co2e_avoided"] * len(ym.actors))
    value = np.concatenate([net_values, [1.0 if feasible else 0.0], flow,
                            per_actor["cost_saved"], per_actor["co2e_avoided"]])
    return scope, item, indicator, value.astype(float)


# -- executors -------------------------------------------------------------------------


def batches(pairs: Iterable[tuple[int, int]], size: int) -> list[tuple[int, list[int]]]:
    """Group (year, sample) pairs into batches of one year and at most ``size`` samples."""
    by_year: dict[int, list[int]] = {}
    for year, k in pairs:
        by_year.setdefault(year, []).append(k)
    out = []
    for year, ks in by_year.items():
        for i in range(0, len(ks), size):
            out.append((year, ks[i: i + size]))
    return out


def _default_batch(n_pairs: int, workers: int) -> int:
    """About eight batches per worker, between 1 and 200 samples each."""
    return max(1, min(200, math.ceil(n_pairs / max(1, workers * 8))))


_WORKER_PLAN: Plan | None = None


def _init_worker(plan: Plan) -> None:
    global _WORKER_PLAN
    _WORKER_PLAN = plan


def _run_in_worker(year: int, samples: list[int]) -> pd.DataFrame:
    assert _WORKER_PLAN is not None
    return run_batch(_WORKER_PLAN, year, samples)


class Executor:
    """Runs batches and yields their results as they finish; a context manager."""

    def __init__(self, kind: str = "serial", workers: int | None = None, scheduler: str | None = None):
        if kind not in EXECUTORS:
            raise SymbiosisError([Problem("--executor", f"unknown executor '{kind}'; valid: {', '.join(EXECUTORS)}")])
        if scheduler and kind != "dask":
            raise SymbiosisError([Problem("--scheduler", "a scheduler address needs --executor dask")])
        if workers is not None and workers < 1:
            raise SymbiosisError([Problem("--workers", f"{workers} is not a number of workers; give 1 or more")])
        self.kind = kind
        self.workers = workers or (1 if kind == "serial" else _cores())
        self.scheduler = scheduler
        self._pool = None
        self._client = None
        self._cluster = None

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
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
        if self._client is not None:
            self._client.close()
            self._client = None
        if self._cluster is not None:
            self._cluster.close()
            self._cluster = None

    def map(self, plan: Plan, work: list[tuple[int, list[int]]]) -> Iterator[pd.DataFrame]:
        """Each batch's results, in the order they finish."""
        if self.kind == "serial":
            for year, ks in work:
                yield run_batch(plan, year, ks)
        elif self.kind == "processes":
            import multiprocessing as mp
            from concurrent.futures import ProcessPoolExecutor, as_completed

            with _sigint_ignored():  # the workers inherit it: Ctrl-C is the parent's to handle
                self._pool = ProcessPoolExecutor(self.workers, mp_context=mp.get_context("spawn"),
                                                 initializer=_init_worker, initargs=(plan,))
                futures = [self._pool.submit(_run_in_worker, year, ks) for year, ks in work]
            try:
                for f in as_completed(futures):
                    yield f.result()
            finally:
                for f in futures:
                    f.cancel()
        else:
            from dask.distributed import as_completed

            client = self._client
            [shared] = client.scatter([plan], broadcast=True)
            futures = [client.submit(run_batch, shared, year, ks, pure=False) for year, ks in work]
            try:
                for f in as_completed(futures):
                    yield f.result()
            finally:
                client.cancel(futures)


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
    """
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise SymbiosisError([Problem("--executor", "the dask executor needs the 'distributed' extra: "
                                      "pip install \"symbiosis[distributed]\"")]) from None
    if scheduler:
        if not scheduler.startswith(("tcp://", "tls://", "inproc://", "ws://", "wss://")):
            raise SymbiosisError([Problem("--scheduler", f"'{scheduler}' is not a scheduler address; "
                                          "write tcp://HOST:PORT, e.g. tcp://10.0.0.5:8786")])
        _reachable(scheduler, timeout)
        try:
            return Client(scheduler, timeout=timeout), None
        except (OSError, TimeoutError) as exc:
            why = str(exc).splitlines()[0] if str(exc) else "timed out"
            raise SymbiosisError([Problem("--scheduler", f"cannot reach the Dask scheduler at {scheduler} "
                                          f"({type(exc).__name__}: {why}); "
                                          "is `dask scheduler` running there? Drop --scheduler to start a local "
                                          "cluster")]) from None
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
        raise SymbiosisError([Problem("--scheduler", f"'{address}' has no host and port; write tcp://HOST:PORT")])
    try:
        socket.create_connection((host, port), timeout=timeout).close()
    except OSError as exc:
        raise SymbiosisError([Problem("--scheduler", f"cannot reach the Dask scheduler at {address} "
                                      f"({exc.strerror or type(exc).__name__}); is `dask scheduler` running "
                                      "there? Drop --scheduler to start a local cluster")]) from None


# -- the whole run ---------------------------------------------------------------------


class Interrupted(Exception):
    """A run stopped by Ctrl-C; its finished batches are kept."""

    def __init__(self, run_id: int | None, done: int, total: int):
        super().__init__(f"interrupted after {done} of {total} year-samples")
        self.run_id, self.done, self.total = run_id, done, total


@dataclass(frozen=True, eq=False)
class Run:
    """A finished run: its id in the registry (None if not stored), tidy results and summary."""

    run_id: int | None
    plan: Plan
    results: pd.DataFrame
    elapsed_s: float
    executor: str
    workers: int

    @property
    def summary(self) -> pd.DataFrame:
        return summarise(self.results)


def run_scenario(spec: ScenarioSpec, *, samples: int = 0, seed: int = 0, executor: str = "serial",
                 workers: int | None = None, scheduler: str | None = None, registry=None,
                 resume: int | None = None, batch_size: int | None = None, objective: str | None = None,
                 progress: Callable[[int, int], None] | None = None, weights: dict[str, float] | None = None) -> Run:
    """Simulate every year (x every sample) of a scenario.

    With a :class:`~symbiosis.runs.Registry`, the run and each finished batch
    are stored as they come; ``resume`` continues run ``resume`` and skips the
    samples it already has. Everything that can be wrong with the input is
    checked before the registry is touched. ``progress(done, total)`` is
    called after each batch. Ctrl-C raises :class:`Interrupted` after
    marking the run ``interrupted``. ``weights`` (e.g. ``{"cost": 1, "co2e": 1500}``)
    replace the objective's own weights; they are stored with the run, and a
    resumed run uses the weights it started with.
    """
    from symbiosis import __version__

    if resume is not None:
        if registry is None:
            raise SymbiosisError([Problem("--resume", "resuming needs a run store (--store)")])
        info = registry.run(resume)
        if info.scenario_hash != spec.hash:
            raise SymbiosisError([Problem("--resume", f"run {resume} was made from another scenario or network "
                                          f"(hash {info.scenario_hash[:12]}, this one {spec.hash[:12]}); "
                                          "start a new run instead")])
        if info.status == "finished":
            raise SymbiosisError([Problem("--resume", f"run {resume} is already finished; "
                                          f"see `symbiosis runs show {resume}`")])
        samples, seed = info.samples, info.seed
        objective = info.options.get("objective", objective)
        weights = info.options.get("weights", weights)
    plan = build_plan(spec, samples, seed, objective, weights)
    ex = Executor(executor, workers, scheduler)
    t0 = time.perf_counter()
    with ex:  # connects to Dask first: an unreachable scheduler fails before the store is touched
        options = {"executor": executor, "workers": ex.workers, "objective": objective or spec.scenario.objective,
                   "answer": spec.scenario.answer, "scheduler": scheduler}
        if weights:
            options["weights"] = dict(weights)
        pairs = plan.tasks()
        run_id = None
        done: set[tuple[int, int]] = set()
        if registry is not None:
            if resume is not None:
                run_id = resume
                done = registry.done(run_id)
                registry.set_status(run_id, "running", resumed_with=executor)
            else:
                run_id = registry.create_run(name=spec.scenario.name, scenario_hash=spec.hash,
                                             scenario=spec.to_dict(), version=__version__, seed=plan.seed,
                                             samples=plan.samples, options=options, tasks_total=len(pairs))
        todo = [p for p in pairs if p not in done]
        work = batches(todo, batch_size or _default_batch(len(todo), ex.workers if executor != "serial" else 4))
        parts: list[pd.DataFrame] = []
        n_done = len(pairs) - len(todo)
        if progress:
            progress(n_done, len(pairs))
        last = time.perf_counter()
        try:
            for table in ex.map(plan, work):
                now = time.perf_counter()
                if registry is not None:
                    registry.add_results(run_id, table, elapsed_s=now - last)
                last = now
                parts.append(table)
                n_done += table[["year", "sample"]].drop_duplicates().shape[0]
                if progress:
                    progress(n_done, len(pairs))
        except KeyboardInterrupt:
            if registry is not None:
                registry.set_status(run_id, "interrupted", elapsed_s=time.perf_counter() - last)
            raise Interrupted(run_id, n_done, len(pairs)) from None
        except BaseException:
            if registry is not None:
                registry.set_status(run_id, "failed", elapsed_s=time.perf_counter() - last)
            raise
        elapsed = time.perf_counter() - t0
        if registry is not None:
            registry.set_status(run_id, "finished", elapsed_s=time.perf_counter() - last)
            results = registry.results(run_id)
        else:
            results = (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=_COLUMNS))
            results = results.sort_values(["year", "sample", "scope", "item", "indicator"],
                                          kind="stable").reset_index(drop=True)
    return Run(run_id, plan, results, elapsed, executor, ex.workers)


# -- summaries ---------------------------------------------------------------------------


PERCENTILES = (5, 50, 95)


def summarise(results: pd.DataFrame, scope: str = "network") -> pd.DataFrame:
    """Per year and indicator: samples, mean, sd and the 5th, 50th and 95th percentiles.

    Infeasible samples (NaN) are left out of the statistics; ``n`` counts the rest.
    """
    part = results[results.scope == scope]
    if scope == "network":
        part = part[part.indicator != "feasible"]
    keys = ["year", "indicator"] if scope == "network" else ["year", "item", "indicator"]
    g = part.groupby(keys, sort=False)["value"]
    out = g.agg(n="count", mean="mean", sd="std").reset_index()
    for q in PERCENTILES:
        out[f"p{q}"] = g.quantile(q / 100).to_numpy()
    out["sd"] = out["sd"].fillna(0.0)
    return out
