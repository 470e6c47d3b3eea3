"""``symbiosis simulate``: one network's three answers, or every year (and sample) of a scenario."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from symbiosis.cli.common import (
    FORMATS,
    Pairs,
    ProgressBar,
    convention_option,
    force_option,
    network_argument,
    registry,
    user_errors,
)
from symbiosis.errors import Mistake, SymbiosisError

__all__ = ["simulate"]

_SWEEP = {"samples": 0, "seed": 0, "executor": "serial", "workers": None, "scheduler": None, "store": None,
          "no_store": False, "resume": None, "batch": None}


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted", "tbl"]), default="cost", show_default=True,
              help="What the optimiser minimises: money (the network's currency), t CO2e, money + carbon value x "
              "CO2e, or tbl: all three "
              "lines (prints the `symbiosis score` report).")
@click.option("--weights", type=Pairs("cost=1,co2e=750"),
              help="Custom weights over named costs, e.g. cost=1,co2e=1500 (money per t CO2e, in the "
              "network's currency); with --objective tbl also social=money per supported FTE-year.")
@click.option("--format", "fmt", type=FORMATS, default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write flows.csv and scores.json (a scenario: results.csv and summary.csv) into this folder.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the interactive stakeholder report (one offline HTML file) here.")
@click.option("--lang", type=click.Choice(["en", "da"]), default="en", show_default=True,
              help="Language of the --html report.")
@click.option("--samples", type=click.IntRange(0, 100_000), default=0, show_default=True,  # plan.MOST_SAMPLES
              help="Monte Carlo samples of the scenario's uncertain parameters (0: none; at most 100,000).")
@click.option("--seed", type=click.IntRange(0, 2**63 - 1), default=0, show_default=True,
              help="Random seed; a seed gives the same samples bit for bit on any executor.")
@click.option("--executor", type=click.Choice(["serial", "processes", "dask"]), default="serial", show_default=True,
              help="Where samples run: here, a local process pool, or Dask.")
@click.option("--workers", type=click.IntRange(min=1), help="Worker processes for processes/dask (default: the cores).")
@click.option("--scheduler", help="An existing Dask scheduler, tcp://HOST:PORT (with --executor dask).")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              help="The run store (SQLite) [default: ./symbiosis-runs.sqlite].")
@click.option("--no-store", is_flag=True, help="Do not record the run.")
@click.option("--resume", type=click.IntRange(min=1), metavar="RUN_ID",
              help="Continue an interrupted run, skipping finished samples.")
@click.option("--batch", type=click.IntRange(min=1), help="Samples per task (default: about 8 tasks per worker).")
@convention_option
@force_option
@user_errors(flags={"answer": "--objective", "RUN_ID": "--resume"})
def simulate(network: str, objective: str, weights: dict | None, fmt: str, out_dir: Path | None,
             html_path: Path | None, lang: str, convention: str | None, force: bool, **sweep) -> None:
    """Evaluate observed and optimised flows of a network against no symbiosis.

    With a SCENARIO file (YAML or JSON), simulate every year of its horizon
    (x --samples Monte Carlo samples) and record the run in the run store.
    """
    from symbiosis.io.atomic import check_output

    if _scenario_file(network) or sweep["resume"] is not None or any(sweep[k] != v for k, v in _SWEEP.items()):
        if html_path:
            raise SymbiosisError([Mistake("--html", "the report is for one network; with a scenario, drop --html "
                                          "(or write the page with `symbiosis report SCENARIO`)")])
        if convention:
            raise SymbiosisError([Mistake("--convention", "a scenario runs under the default convention "
                                          "(system-expansion); drop --convention, or simulate one year's network")])
        if out_dir:
            check_output(out_dir, "out_dir", folder=True, names=_OUT_NAMES["scenario"], force=force)
        return _scenario(network, objective, weights, fmt, out_dir, **sweep)
    if objective == "tbl" and html_path:
        raise SymbiosisError([Mistake("--html", "the report needs --objective cost, co2e or weighted; "
                                      "write it with `symbiosis report` next to the tbl scores")])
    if out_dir:  # every output is checked before any work, and all are written together at the end
        check_output(out_dir, "out_dir", folder=True, names=_OUT_NAMES[objective == "tbl"], force=force)
    if html_path:
        check_output(html_path, "html_path", force=force)
    from symbiosis.evaluation import evaluate
    from symbiosis.io import load_network
    from symbiosis.io.atomic import write_together
    from symbiosis.present import simulation as present

    net = load_network(network)
    if objective == "tbl":
        from symbiosis.cli.score import print_tbl

        return print_tbl(net, fmt, out_dir, weights=weights, convention=convention)
    ev = evaluate(net, objective, weights, convention=convention)
    files = {out_dir / name: text for name, text in present.simulation_files(ev).items()} if out_dir else {}
    if html_path:
        from symbiosis.viz.report import build_report

        files[html_path] = build_report(ev, lang, network_arg=network)
    if fmt == "json":
        click.echo(present.simulation_json_text(ev))
    elif fmt == "csv":
        from symbiosis.present.encode import csv_text

        click.echo(csv_text(present.flows_table(ev)), nl=False)
    else:
        from symbiosis.present.console import console

        present.print_simulation(ev, console(), network)
    write_together(files)
    if out_dir:
        click.echo(f"wrote {', '.join(str(p) for p in files if p != html_path)}", err=fmt != "table")
    if html_path:
        click.echo(f"wrote {html_path} ({html_path.stat().st_size / 1e6:.1f} MB); open it in any browser, "
                   "it works offline", err=fmt != "table")


#: What --out writes into its folder: a network's answers (False), its tbl scores (True), a scenario's run.
_OUT_NAMES = {False: ("flows.csv", "scores.json"), True: ("tbl.json",), "scenario": ("results.csv", "summary.csv")}


def _scenario_file(name: str) -> bool:
    """Whether ``name`` is a scenario file; the scenario models (a quarter of the start-up of
    ``symbiosis simulate kalundborg``) are imported only for a YAML or JSON file that exists."""
    if Path(name).suffix.lower() not in (".yaml", ".yml", ".json") or not Path(name).is_file():
        return False
    from symbiosis.scenario import is_scenario_file

    return is_scenario_file(name)


def _scenario(scenario: str, objective: str, weights: dict | None, fmt: str, out_dir: Path | None,
              samples: int, seed: int, executor: str, workers: int | None, scheduler: str | None,
              store: Path | None, no_store: bool, resume: int | None, batch: int | None) -> None:
    """`symbiosis simulate SCENARIO`: every year x sample, recorded in the run store."""
    from symbiosis.scenario import ScenarioSpec, is_scenario_file, load_scenario
    from symbiosis.simulate import Interrupted, run_scenario

    source = click.get_current_context().get_parameter_source
    if scheduler and executor != "dask":
        raise SymbiosisError([Mistake("--scheduler", "a scheduler address needs --executor dask")])
    if objective not in ("cost", "co2e", "weighted"):
        raise SymbiosisError([Mistake("--objective", f"'{objective}' does not apply to scenarios yet; "
                                      "use cost, co2e or weighted")])
    if no_store and resume is not None:
        raise SymbiosisError([Mistake("--resume", "resuming needs the run store; drop --no-store")])
    reg = None if no_store else registry(store, create=resume is None)
    if reg is not None:
        reg.check()  # a store that is not one, or cannot be made, is refused before any work
    scenario_file = scenario if is_scenario_file(scenario) else None
    try:
        if scenario_file:
            spec = load_scenario(scenario_file)
        elif resume is not None:
            spec = ScenarioSpec.from_dict(reg.run(resume).scenario, f"run {resume}")
        else:
            from symbiosis.io import load_network

            load_network(scenario)  # a network that does not load says why; one that does needs a scenario
            raise SymbiosisError([Mistake("SCENARIO", "--samples, --executor and the other sweep options need a "
                                          "scenario file: symbiosis simulate SCENARIO.yaml (see examples/)")])
    except BaseException:
        if reg is not None:
            reg.close()  # an open store would keep its -wal and -shm files
        raise
    obj = objective if source("objective").name != "DEFAULT" else None
    bar = ProgressBar()
    try:
        run = run_scenario(spec, samples=samples, seed=seed, executor=executor, workers=workers,
                           scheduler=scheduler, registry=reg, resume=resume, batch_size=batch,
                           objective=obj, progress=bar.update, weights=weights)
    except Interrupted as exc:
        bar.stop()
        where = f"run {exc.run_id} in {reg.path}" if exc.run_id is not None else "nothing (--no-store)"
        click.echo(f"interrupted: {exc.done} of {exc.total} year-samples finished, kept in {where}", err=True)
        if exc.run_id is not None:
            again = f"symbiosis simulate {scenario_file or ''} --resume {exc.run_id}".replace("  ", " ")
            store_opt = f" --store {store}" if store else ""
            click.echo(f"resume with: {again}{store_opt}", err=True)
        sys.exit(130)
    finally:
        bar.stop()
        if reg is not None:
            reg.close()
    from symbiosis.present import runs as present

    store_path = reg.path if reg else None
    if fmt == "csv":
        click.echo(run.results.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(present.run_json(run, spec, store_path))
    else:
        from symbiosis.present.console import console

        present.print_run(run, spec, console(), store_path)
    if out_dir:
        from symbiosis.io.atomic import write_files

        tables = (run.results.to_csv(index=False), run.summary.to_csv(index=False))
        written = write_files(out_dir, dict(zip(_OUT_NAMES["scenario"], tables, strict=True)))
        click.echo(f"wrote {', '.join(str(p) for p in written)}", err=fmt != "table")
