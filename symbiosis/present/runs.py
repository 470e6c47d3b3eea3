"""What ``symbiosis simulate SCENARIO`` and ``symbiosis runs`` print: run summaries for people and machines."""

from __future__ import annotations

import functools
import json
from typing import TYPE_CHECKING, cast

import pandas as pd

from symbiosis.objectives import weights_sum
from symbiosis.present.console import table
from symbiosis.present.encode import dumps, plain
from symbiosis.present.formatting import number
from symbiosis.present.labels import label, order, value
from symbiosis.present.rows import RunRow, SummaryRow
from symbiosis.present.rows import rows as rows_of

if TYPE_CHECKING:
    from symbiosis.simulate.run import Run

__all__ = ["print_compare", "print_run", "print_run_info", "print_runs", "print_summary", "run_info_json", "run_json"]


def run_json(run: Run, spec, store_path) -> str:
    """A finished scenario run as JSON text: its identity, options and summary.

    Parameters
    ----------
    run : Run
        The finished run.
    spec : ScenarioSpec
        The scenario that was run.
    store_path : str or Path or None
        The run store it was recorded in (None: not recorded).

    Returns
    -------
    str
        The JSON text: run id, store, scenario, network, hash, samples, seed, executor,
        workers, elapsed seconds and the summary per year.
    """
    return dumps({"run_id": run.run_id, "store": str(store_path) if store_path else None,
                  "scenario": spec.scenario.name, "network": spec.base.id, "hash": spec.hash,
                  "samples": run.samples, "seed": run.seed, "executor": run.executor,
                  "workers": run.workers, "elapsed_s": round(run.elapsed_s, 3),
                  "summary": run.summary})


def print_run(run: Run, spec, console, store_path) -> None:
    """A finished scenario run: savings per year (median and percentiles over the samples).

    Parameters
    ----------
    run : Run
        The finished run.
    spec : ScenarioSpec
        The scenario that was run.
    console : rich.console.Console
        Where to print.
    store_path : str or Path or None
        The run store it was recorded in (None: not recorded).
    """
    n = run.samples
    sc = spec.scenario
    console.print(f"[bold]{sc.name}[/bold]: {spec.base.name}, {sc.horizon.start}-{sc.horizon.end}, "
                  f"{sc.answer} flows, objective {weights_sum(run.weights)}; "
                  + (f"{n} samples (seed {run.seed})" if n else "no uncertainty"))
    print_savings(run.summary, console, samples=n)
    feasible = run.results[(run.results.scope == "network") & (run.results.indicator == "feasible")]
    bad = int((feasible.value == 0).sum())
    if bad:
        console.print(f"[yellow]{bad} year-samples could not balance and are left out of the statistics[/yellow]")
    if run.run_id is not None:
        console.print(f"run {run.run_id} recorded in {store_path} ({run.elapsed_s:.1f} s, {run.executor}"
                      f"{'' if run.executor == 'serial' else f', {run.workers} workers'}); "
                      f"`symbiosis runs show {run.run_id}` or `symbiosis runs export {run.run_id} --out FILE.csv`")
        if run.store_bytes is not None:
            before, after = run.store_bytes
            console.print(f"run store {store_path}: {megabytes(after)} MB (this run added "
                          f"{megabytes(max(after - before, 0))} MB); `symbiosis runs prune` removes old runs")


def megabytes(size: int) -> str:
    """A file size in MB, for people: two significant figures below 10 MB (``0.031``), else whole."""
    return number(size / 1e6, significant=2)


def print_savings(summary: pd.DataFrame, console, samples: int) -> None:
    """The network indicators per year, each with its label and unit: with samples, the median and the 5th and
    95th percentiles; without, one value per year (years with the same numbers as one period, as many side
    by side as the width holds, up to six). A value that cannot be computed in a year (a public-economy value
    where no supported job could be valued) prints as ``-``."""
    keys = order(summary.indicator)
    years = sorted(set(summary.year))
    by = summary.set_index(["year", "indicator"])
    get = functools.partial(_cell, by)
    if samples:
        t = table("Savings against no symbiosis, over the samples",
                  [("year", "right"), ("indicator", "left"), ("unit", "left"), ("median", "right"),
                   ("5th percentile", "right"), ("95th percentile", "right")])
        for year in years:
            for key in keys:
                t.add_row(str(year), *label(key), *(value(key, get(year, key, q)) for q in ("p50", "p5", "p95")))
        console.print(t)
    else:
        cells = {(year, key): value(key, get(year, key, "p50")) for year in years for key in keys}
        labels = [label(key) for key in keys]
        fixed = min(max(len(lab) for lab, _ in labels), 32) + max(len(u) for _, u in labels) + 7
        per = max(1, min(6, (console.width - fixed) // (max(map(len, cells.values()), default=1) + 3)))
        periods: list[list[int]] = []  # runs of years with the same numbers print once: "2000-2017"
        for year in years:
            same = periods and all(cells[(periods[-1][-1], k)] == cells[(year, k)] for k in keys)
            periods[-1:] = [periods[-1] + [year]] if same else [*periods[-1:], [year]]
        for first in range(0, len(periods), per):  # as many periods side by side as the width holds (up to 6)
            chunk = periods[first: first + per]
            t = table("Savings against no symbiosis, per year",
                      ["indicator", "unit", *((_years(p), "right") for p in chunk)])
            for key, (lab, unit) in zip(keys, labels, strict=True):
                t.add_row(lab, unit, *(cells[(p[0], key)] for p in chunk))
            console.print(t)
    if summary[["p50"]].isna().any().any() or len(summary) < len(years) * len(keys):
        console.print("-: not computable that year (a public-economy value where no supported job could be "
                      "valued, a share of nothing)")


def _years(period: list[int]) -> str:
    return str(period[0]) if len(period) == 1 else f"{period[0]}-{period[-1]}"


def _cell(by: pd.DataFrame, year: int, key: str, column: str) -> float | None:
    """One statistic of the summary, None where the year has no value for ``key``."""
    try:
        return cast("float", by.at[(year, key), column])  # the summary's statistics are floats (numpy's)
    except KeyError:
        return None


def print_runs(runs: pd.DataFrame, store_label: str, console, size: int | None = None) -> None:
    """Every recorded run, newest first, and how big the store is.

    Parameters
    ----------
    runs : pandas.DataFrame
        One row per recorded run (the store's listing).
    store_label : str
        How to name the store.
    console : rich.console.Console
        Where to print.
    size : int, optional
        The store's size in bytes.
    """
    t = table(f"Runs in {store_label} (newest first; `symbiosis runs show ID` for one)",
              ["id", "created (UTC)", "name", "status", ("samples", "right"), ("seed", "right"),
               ("done (year-samples)", "right"), ("elapsed (s)", "right")])
    r: RunRow
    for r in rows_of(runs):
        t.add_row(str(r.id), r.created.replace("T", " ")[:16], r.name, r.status, str(r.samples), str(r.seed),
                  f"{r.tasks_done}/{r.tasks_total}", number(r.elapsed_s, digits=1))
    console.print(t)
    if size is not None:
        console.print(f"{len(runs)} run{'s' * (len(runs) != 1)}, {megabytes(size)} MB in {store_label}; "
                      "`symbiosis runs prune` removes old runs")
    stopped = [str(i) for i, s in zip(runs.id, runs.status, strict=True) if s in ("interrupted", "failed")]
    if stopped:
        store = "" if store_label == "symbiosis-runs.sqlite" else f" --store {store_label}"
        console.print("Interrupted or killed runs continue where they stopped"
                      + (f" (also {', '.join(stopped[1:])})" if len(stopped) > 1 else "") + ":")
        console.print(f"symbiosis simulate --resume {stopped[0]}{store}", soft_wrap=True)  # a command: one line


def run_info_json(info, summary: pd.DataFrame) -> str:
    """One recorded run as JSON text: its options, timings, scenario and summary.

    Parameters
    ----------
    info : RunInfo
        The run's record (:meth:`symbiosis.simulate.store.RunStore.run`).
    summary : pandas.DataFrame
        The summary of its results per year.

    Returns
    -------
    str
        The JSON text.
    """
    doc = {k: v for k, v in info.__dict__.items() if k != "scenario"}
    doc["scenario"] = info.scenario["scenario"]
    doc["summary"] = summary
    return dumps(doc)


def print_run_info(info, summary: pd.DataFrame, console) -> None:
    """One recorded run: its scenario, options, timings and the summary of its results.

    Parameters
    ----------
    info : RunInfo
        The run's record.
    summary : pandas.DataFrame
        The summary of its results per year.
    console : rich.console.Console
        Where to print.
    """
    sc = info.scenario["scenario"]
    console.print(f"[bold]run {info.id}[/bold]: {info.name} ({info.status}), created {info.created}, "
                  f"symbiosis {info.version}")
    console.print(f"network {sc['network']}, {sc['horizon']['start']}-{sc['horizon']['end']}, "
                  f"{len(sc['events'])} events, {len(sc['uncertain'])} uncertain parameters; "
                  f"samples {info.samples}, seed {info.seed}; {info.tasks_done}/{info.tasks_total} year-samples "
                  f"done in {info.elapsed_s:.1f} s; options {json.dumps(plain(info.options))}")
    console.print(f"scenario hash {info.scenario_hash}")
    print_summary(summary, console)


def print_summary(summary: pd.DataFrame, console) -> None:
    """Network indicators per year, each with its label and unit: samples, mean and percentiles (one value per
    year for a run without samples)."""
    once = bool((summary.n <= 1).all())
    stats = ("p50",) if once else ("mean", "p5", "p50", "p95")
    heads = {"p50": "value" if once else "median", "mean": "mean", "p5": "5th percentile", "p95": "95th percentile"}
    t = table("Network indicators", [("year", "right"), ("indicator", "left"), ("unit", "left"),
                                     *(() if once else (("samples", "right"),)),
                                     *((heads[c], "right") for c in stats)])
    rank = {key: i for i, key in enumerate(order(summary.indicator))}
    rows = summary.assign(_rank=summary.indicator.map(rank)).sort_values(["year", "_rank"], kind="stable")
    s: SummaryRow
    for s in rows_of(rows):
        t.add_row(str(s.year), *label(s.indicator), *(() if once else (str(s.n),)),
                  *(value(s.indicator, getattr(s, c)) for c in stats))
    console.print(t)


def print_compare(compared: pd.DataFrame, run_a: int, run_b: int, console) -> None:
    """Two runs' network indicators side by side (means per year) and B - A, with labels and units.

    Parameters
    ----------
    compared : pandas.DataFrame
        One row per indicator and year: the means of run A and run B and their difference.
    run_a, run_b : int
        The two runs' ids.
    console : rich.console.Console
        Where to print.
    """
    t = table(f"Run {run_a} against run {run_b} (means)", [("indicator", "left"), ("unit", "left"), ("year", "right"),
                                                           (f"run {run_a}", "right"), (f"run {run_b}", "right"),
                                                           ("B - A", "right")])
    for r in compared.itertuples(index=False):
        t.add_row(*label(r[1]), str(r[0]), value(r[1], r[2]), value(r[1], r[3]), value(r[1], r[4]))
    console.print(t)
