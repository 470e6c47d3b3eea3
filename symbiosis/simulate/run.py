"""A whole scenario run: every year x sample, on an executor, stored in the run store as it goes."""

from __future__ import annotations

import socket
import time
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd

from symbiosis import __version__
from symbiosis.errors import bad_parameter
from symbiosis.scenario import ScenarioSpec, Uncertain
from symbiosis.simulate.batch import COLUMNS
from symbiosis.simulate.executors import Executor, batches, default_batch
from symbiosis.simulate.plan import build_plan
from symbiosis.simulate.summary import summarise

__all__ = ["Interrupted", "Run", "run_scenario"]


class Interrupted(Exception):
    """A run stopped by Ctrl-C; its finished batches are kept.

    Parameters
    ----------
    run_id : int or None
        The run's id in the registry (None if not stored).
    done : int
        Batches finished.
    total : int
        Batches in the run.
    """

    def __init__(self, run_id: int | None, done: int, total: int):
        super().__init__(f"interrupted after {done} of {total} year-samples")
        self.run_id, self.done, self.total = run_id, done, total


@dataclass(frozen=True, eq=False)
class Run:
    """A finished run: its id in the registry (None if not stored), what it sampled, tidy results and summary.

    Plain data, what the presentation is handed: the compiled plan it ran
    stays with the executors. ``samples``, ``seed`` and ``uncertain`` say
    what was drawn (:func:`~symbiosis.simulate.plan.draws` takes a run as it
    takes a plan); ``weights`` what was minimised.

    Parameters
    ----------
    run_id : int or None
        Its id in the registry.
    samples : int
        Samples per year.
    seed : int
        Seed of the draws.
    weights : dict of str to float
        What was minimised.
    uncertain : list of Uncertain
        What was drawn.
    results : pandas.DataFrame
        The tidy results, one row per (year, sample, scope, indicator).
    elapsed_s : float
        Its wall time, s.
    executor : str
        The executor it ran on.
    workers : int
        Its workers.
    store_bytes : (int, int), optional
        The run store's size before and after, bytes.
    """

    run_id: int | None
    samples: int
    seed: int
    weights: dict[str, float]
    uncertain: list[Uncertain]
    results: pd.DataFrame
    elapsed_s: float
    executor: str
    workers: int
    #: The run store's size in bytes before and after the run (None without a store).
    store_bytes: tuple[int, int] | None = None

    @property
    def summary(self) -> pd.DataFrame:
        """:func:`~symbiosis.simulate.summary.summarise` of the results (network scope)."""
        return summarise(self.results)


def run_scenario(spec: ScenarioSpec, *, samples: int = 0, seed: int = 0, executor: str = "serial",
                 workers: int | None = None, scheduler: str | None = None, registry=None,
                 resume: int | None = None, batch_size: int | None = None, objective: str | None = None,
                 progress: Callable[[int, int], None] | None = None, weights: dict[str, float] | None = None) -> Run:
    """Simulate every year (x every sample) of a scenario.

    With a :class:`~symbiosis.simulate.store.Registry`, the run and each finished batch
    are stored as they come; ``resume`` continues run ``resume`` and skips the
    samples it already has. Everything that can be wrong with the input is
    checked before the registry is touched. ``progress(done, total)`` is
    called after each batch. Ctrl-C raises :class:`Interrupted` after
    marking the run ``interrupted``. ``weights`` (e.g. ``{"cost": 1, "co2e": 1500}``)
    replace the objective's own weights; they are stored with the run, and a
    resumed run uses the weights it started with.

    Parameters
    ----------
    spec : ScenarioSpec
        The scenario.
    samples : int
        Samples per year (0: the scenario as given).
    seed : int
        Seed of the draws.
    executor : str
        ``serial``, ``processes`` or ``dask``.
    workers : int, optional
        Workers (default: the machine's cores).
    scheduler : str, optional
        A Dask scheduler's address.
    registry : Registry, optional
        The run store.
    resume : int, optional
        The id of a run to continue.
    batch_size : int, optional
        The most samples per batch.
    objective : str, optional
        What each answer minimises: ``cost``, ``co2e`` or ``weighted`` (default: the scenario's).
    weights : dict of str to float, optional
        Weights over the named costs, replacing the objective's own.
    progress : callable, optional
        ``progress(done, total)`` after each batch.

    Returns
    -------
    Run
        The finished run.

    Raises
    ------
    SymbiosisError
        For a run that cannot be resumed, or a scenario that cannot balance.
    Interrupted
        On Ctrl-C, after marking the run ``interrupted``.
    """
    if resume is not None:
        if registry is None:
            raise bad_parameter("resume", "resuming needs a run store (registry)")
        info = registry.run(resume)
        owner = registry.owner(resume)
        if info.status == "running" and owner is not None and owner[0] == socket.gethostname():
            host, pid, _ = owner
            raise bad_parameter("resume", f"run {resume} is still running (process {pid} on {host}); "
                                "wait for it to finish, or stop it first")
        if info.scenario_hash != spec.hash:
            raise bad_parameter("resume", f"run {resume} was made from another scenario or network "
                                f"(hash {info.scenario_hash[:12]}, this one {spec.hash[:12]}); "
                                "start a new run instead")
        kept = {"samples": (samples, info.samples, 0), "seed": (seed, info.seed, 0),
                 "objective": (objective, info.options.get("objective", objective), None),
                 "weights": (weights, info.options.get("weights"), None)}
        for name, (given, stored, unset) in kept.items():
            if given != unset and given != stored and not (name == "weights" and not given):
                shown = (",".join(f"{k}={v:g}" for k, v in stored.items()) if isinstance(stored, dict)
                         else "none: the objective's own" if stored is None else stored)
                raise bad_parameter(name, f"run {resume} keeps the {name} it started with ({shown}); drop it, or "
                                    "start a new run")
        if info.status == "finished":
            raise bad_parameter("resume", f"run {resume} is already finished; "
                                f"see `symbiosis runs show {resume}`")
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
        size_before = registry.size() if registry is not None else 0
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
        work = batches(todo, batch_size or default_batch(len(todo), ex.workers if executor != "serial" else 4))
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
                if resume is None and not registry.done(run_id):  # nothing stored: leave nothing behind
                    registry.delete_run(run_id)
                    registry.discard_if_empty()
                else:
                    registry.set_status(run_id, "failed", elapsed_s=time.perf_counter() - last)
            raise
        elapsed = time.perf_counter() - t0
        if registry is not None:
            registry.set_status(run_id, "finished", elapsed_s=time.perf_counter() - last)
        if registry is not None and done:  # a resumed run: its earlier batches are in the store only
            results = registry.results(run_id)
        else:  # every batch is here already (and in the store, the same numbers: tested)
            results = (pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=COLUMNS))
            results = results.sort_values(["year", "sample", "scope", "item", "indicator"],
                                          kind="stable").reset_index(drop=True)
    return Run(run_id, plan.samples, plan.seed, dict(plan.weights), list(plan.uncertain), results, elapsed, executor,
               ex.workers, None if registry is None else (size_before, registry.size()))


