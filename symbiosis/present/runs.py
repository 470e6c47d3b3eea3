"""What ``symbiosis simulate SCENARIO`` and ``symbiosis runs`` print: run summaries for people and machines."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import pandas as pd

from symbiosis.accounting.indicators import INDICATOR, INDICATORS
from symbiosis.objectives import weights_sum
from symbiosis.present.console import table
from symbiosis.present.encode import dumps, plain
from symbiosis.present.formatting import number

if TYPE_CHECKING:
    from symbiosis.simulate.run import Run

__all__ = ["print_compare", "print_run", "print_run_info", "print_runs", "print_summary", "run_info_json", "run_json"]


def run_json(run: Run, spec, store_path) -> str:
    """A finished scenario run as JSON text: its identity, options and summary."""
    return dumps({"run_id": run.run_id, "store": str(store_path) if store_path else None,
                  "scenario": spec.scenario.name, "network": spec.base.id, "hash": spec.hash,
                  "samples": run.samples, "seed": run.seed, "executor": run.executor,
                  "workers": run.workers, "elapsed_s": round(run.elapsed_s, 3),
                  "summary": run.summary})


def print_run(run: Run, spec, console, store_path) -> None:
    """A finished scenario run: savings per year (median and percentiles over the samples)."""
    summary = run.summary
    n = run.samples
    sc = spec.scenario
    console.print(f"[bold]{sc.name}[/bold]: {spec.base.name}, {sc.horizon.start}-{sc.horizon.end}, "
                  f"{sc.answer} flows, objective {weights_sum(run.weights)}; "
                  + (f"{n} samples (seed {run.seed})" if n else "no uncertainty"))
    keys = dict.fromkeys(summary.indicator)
    shown = [(i.key, i.label, i.unit) for i in INDICATORS if i.key in keys]
    shown += [(k, k, "") for k in keys if k not in INDICATOR]
    years = sorted(set(summary.year))
    if n:
        t = table("Savings against no symbiosis, over the samples",
                  [("year", "right"), ("indicator", "left"), ("unit", "left"), ("median", "right"),
                   ("5th pct", "right"), ("95th pct", "right")])
        by = summary.set_index(["year", "indicator"])
        for year in years:
            for key, label, unit in shown:
                r = by.loc[(year, key)]
                t.add_row(str(year), label, unit, number(r["p50"]), number(r["p5"]), number(r["p95"]))
        console.print(t)
    else:
        by = summary.set_index(["year", "indicator"])["p50"]
        for first in range(0, len(years), 6):  # at most 6 years side by side
            chunk = years[first: first + 6]
            t = table("Savings against no symbiosis, per year",
                      ["indicator", "unit", *((str(year), "right") for year in chunk)])
            for key, label, unit in shown:
                t.add_row(label, unit, *(number(by.loc[(year, key)]) for year in chunk))
            console.print(t)
    feasible = run.results[(run.results.scope == "network") & (run.results.indicator == "feasible")]
    bad = int((feasible.value == 0).sum())
    if bad:
        console.print(f"[yellow]{bad} year-samples could not balance and are left out of the statistics[/yellow]")
    if run.run_id is not None:
        console.print(f"run {run.run_id} recorded in {store_path} ({run.elapsed_s:.1f} s, {run.executor}"
                      f"{'' if run.executor == 'serial' else f', {run.workers} workers'}); "
                      f"`symbiosis runs show {run.run_id}` or `symbiosis runs export {run.run_id} --out FILE.csv`")


def print_runs(runs: pd.DataFrame, store_label: str, console) -> None:
    """Every recorded run, newest first."""
    t = table(f"Runs in {store_label}", ["id", "created", "name", "status", "samples", "seed", "done", "elapsed",
                                         "scenario hash"])
    for r in runs.itertuples():
        t.add_row(str(r.id), r.created, r.name, r.status, str(r.samples), str(r.seed),
                  f"{r.tasks_done}/{r.tasks_total}", f"{r.elapsed_s:.1f} s", r.scenario_hash)
    console.print(t)
    stopped = [str(i) for i, s in zip(runs.id, runs.status, strict=True) if s in ("interrupted", "failed")]
    if stopped:
        store = "" if store_label == "symbiosis-runs.sqlite" else f" --store {store_label}"
        console.print(f"Interrupted or killed runs continue where they stopped: symbiosis simulate --resume "
                      f"{stopped[0]}{store}" + (f" (also {', '.join(stopped[1:])})" if len(stopped) > 1 else ""))


def run_info_json(info, summary: pd.DataFrame) -> str:
    """One recorded run as JSON text: its options, timings, scenario and summary."""
    doc = {k: v for k, v in info.__dict__.items() if k != "scenario"}
    doc["scenario"] = info.scenario["scenario"]
    doc["summary"] = summary
    return dumps(doc)


def print_run_info(info, summary: pd.DataFrame, console) -> None:
    """One recorded run: its scenario, options, timings and the summary of its results."""
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
    """Network indicators per year: samples, mean and percentiles."""
    t = table("Network indicators", [("year", "right"), ("indicator", "left"),
                                     *((c, "right") for c in ("n", "mean", "p5", "p50", "p95"))])
    for r in summary.itertuples():
        t.add_row(str(r.year), r.indicator, str(r.n), number(r.mean), number(r.p5), number(r.p50), number(r.p95))
    console.print(t)


def print_compare(compared: pd.DataFrame, run_a: int, run_b: int, console) -> None:
    """Two runs' network indicators side by side (means per year) and B - A."""
    t = table(f"Run {run_a} against run {run_b} (means)", [("indicator", "left"), ("year", "right"),
                                                           (f"run {run_a}", "right"), (f"run {run_b}", "right"),
                                                           ("B - A", "right")])
    for r in compared.itertuples(index=False):
        t.add_row(r[1], str(r[0]), number(r[2]), number(r[3]), number(r[4]))
    console.print(t)
