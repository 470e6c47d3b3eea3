"""``symbiosis simulate``: one network's three answers, or every year (and sample) of a scenario."""

from __future__ import annotations

import contextlib
import sys
from pathlib import Path

import click
from click.core import ParameterSource

from symbiosis import parameters as P
from symbiosis.cli.common import (
    FORMATS,
    Pairs,
    ProgressBar,
    convention_option,
    declared,
    force_option,
    network_argument,
    old_spelling,
    output_option,
    registry,
    user_errors,
)
from symbiosis.errors import bad_parameter

__all__ = ["simulate"]

_SWEEP = {"samples": 0, "seed": 0, "executor": "serial", "workers": None, "scheduler": None, "store": None,
          "no_store": False, "resume": None, "batch": None}


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@declared(P.SIMULATE_OBJECTIVE, "--objective",
          help="What the optimiser minimises: money (the network's currency), t CO2e, money + carbon value x "
              "CO2e, or tbl: all three "
              "lines (prints the `symbiosis score` report).")
@click.option("--weights", type=Pairs("cost=1,co2e=750"),
              help="Custom weights over named costs, e.g. cost=1,co2e=1500 (money per t CO2e, in the "
              "network's currency); with --objective tbl also social=money per supported FTE-year.")
@declared(FORMATS, "--format", "fmt")
@output_option("Also write the results: a folder gets flows.csv and scores.json (a scenario: results.csv and "
               "summary.csv; --objective tbl: tbl.json), a FILE.html the interactive stakeholder page; repeat "
               "-o for both.", multiple=True)
@declared(P.LANG, "--lang",
          help="Language of the HTML page and of the --objective tbl report.")
@declared(P.SAMPLES, "--samples",
          help="Monte Carlo samples of the scenario's uncertain parameters (0: none; at most {high:,}).")
@declared(P.SEED, "--seed",
          help="Random seed; a seed gives the same samples bit for bit on any executor.")
@declared(P.EXECUTOR, "--executor",
          help="Where samples run: here, a local process pool, or Dask.")
@declared(P.WORKERS, "--workers", help="Worker processes for processes/dask (default: the cores).")
@click.option("--scheduler", help="An existing Dask scheduler, tcp://HOST:PORT (with --executor dask).")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              help="The run store (SQLite) [default: ./symbiosis-runs.sqlite].")
@click.option("--no-store", is_flag=True, help="Do not record the run.")
@declared(P.RUN_ID, "--resume", metavar="RUN_ID",
          help="Continue an interrupted run, skipping finished samples.")
@declared(P.BATCH, "--batch", help="Samples per task (default: about 8 tasks per worker).")
@convention_option
@force_option
@old_spelling("--out", multiple=True)
@old_spelling("--html", multiple=True)
@user_errors(flags={"answer": "--objective", "RUN_ID": "--resume"})
def simulate(network: str, objective: str, weights: dict | None, fmt: str, output: tuple[Path, ...],
             lang: str, convention: str | None, force: bool, **sweep) -> None:
    """Evaluate observed and optimised flows of a network against no symbiosis.

    With a SCENARIO file (YAML or JSON), simulate every year of its horizon
    (x --samples Monte Carlo samples) and record the run in the run store.
    """
    from symbiosis.io.atomic import check_output

    out_dir, html_path = _outputs(output)
    if _scenario_file(network) or sweep["resume"] is not None or any(sweep[k] != v for k, v in _SWEEP.items()):
        if html_path:
            raise bad_parameter("--output", f"'{html_path}': the page is for one network; with a scenario, "
                                "write it with `symbiosis report SCENARIO -o FILE.html`")
        if convention:
            raise bad_parameter("--convention", "a scenario runs under the default convention "
                                "(system-expansion); drop --convention, or simulate one year's network")
        if out_dir:
            check_output(out_dir, "output", folder=True, names=_OUT_NAMES["scenario"], force=force)
        return _scenario(network, objective, weights, fmt, out_dir, **sweep)
    if objective == "tbl" and html_path:
        raise bad_parameter("--output", f"'{html_path}': the page needs --objective cost, co2e or "
                            "weighted; write it with `symbiosis report` next to the tbl scores")
    if out_dir:  # every output is checked before any work, and all are written together at the end
        check_output(out_dir, "output", folder=True, names=_OUT_NAMES[objective == "tbl"], force=force)
    if html_path:
        check_output(html_path, "output", force=force)
    from symbiosis.io import load_network

    net = load_network(network)  # a mistake in the file is answered before the engine is imported
    from symbiosis.evaluation import evaluate
    from symbiosis.io.atomic import write_together
    from symbiosis.present import simulation as present

    if objective == "tbl":
        from symbiosis.cli.score import print_tbl

        return print_tbl(net, fmt, out_dir and out_dir / "tbl.json", lang=lang, weights=weights,
                         convention=convention)
    with _settled_heap():  # the evaluation and its text
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


@contextlib.contextmanager
def _settled_heap():
    """The objects alive now (the network read, the modules: hundreds of thousands at 5,000 companies, none
    of them garbage) left out of the cyclic garbage collector's walks while the evaluation runs, which
    otherwise walk them all again at each full collection; put back after. OpenBLAS runs on one thread."""
    from symbiosis.evaluation import one_blas_thread
    from symbiosis.heap import quiet_heap

    with quiet_heap(pause=False, freeze=True), one_blas_thread():
        yield



_PAGE = (".html", ".htm")
_FILES = (".csv", ".json", ".yaml", ".yml", ".txt", ".xlsx", ".parquet", ".sqlite")


def _outputs(output: tuple[Path, ...]) -> tuple[Path | None, Path | None]:
    """The folder and the HTML page among the -o/--output paths (at most one of each)."""
    pages = [p for p in output if p.suffix.lower() in _PAGE]
    folders = [p for p in output if p.suffix.lower() not in _PAGE]
    for p in folders:
        if p.suffix.lower() in _FILES and not p.is_dir():
            raise bad_parameter("--output", f"'{p}': simulate writes a folder of files (give a folder "
                                "name) or the page (FILE.html)")
    if len(pages) > 1 or len(folders) > 1:
        raise bad_parameter("--output", "give at most one folder and one FILE.html, not "
                            + ", ".join(f"'{p}'" for p in output))
    return (folders[0] if folders else None), (pages[0] if pages else None)


#: What -o/--output writes into its folder: a network's answers (False), its tbl scores (True), a scenario's run.
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
        raise bad_parameter("--scheduler", "a scheduler address needs --executor dask")
    if objective not in ("cost", "co2e", "weighted"):
        raise bad_parameter("--objective", f"'{objective}' does not apply to scenarios yet; "
                            "use cost, co2e or weighted")
    if no_store and resume is not None:
        raise bad_parameter("--resume", "resuming needs the run store; drop --no-store")
    scenario_file = scenario if is_scenario_file(scenario) else None
    if scenario_file is None and resume is None:
        from symbiosis.io import load_network

        load_network(scenario)  # a network that does not load says why; one that does needs a scenario
        given = [f"--{k.replace('_', '-')}" for k, v in _SWEEP.items() if source(k) is not ParameterSource.DEFAULT]
        one = len(given) == 1
        raise bad_parameter(", ".join(given) or "SCENARIO",
                            f"need{'s' * one} a scenario file; a network is simulated once and not "
                            f"recorded: drop {'it' if one else 'them'}, or give SCENARIO.yaml (see examples/)")
    reg = None if no_store else registry(store, create=resume is None)
    if reg is not None:
        reg.check()  # a store that is not one, or cannot be made, is refused before any work
    try:
        if scenario_file:
            spec = load_scenario(scenario_file)
        else:
            assert reg is not None and resume is not None  # refused above: --resume without the store
            spec = ScenarioSpec.from_dict(reg.run(resume).scenario, f"run {resume}")
    except BaseException:
        if reg is not None:
            reg.close()  # an open store would keep its -wal and -shm files
        raise
    obj = objective if source("objective") is not ParameterSource.DEFAULT else None
    bar = ProgressBar()
    try:
        run = run_scenario(spec, samples=samples, seed=seed, executor=executor, workers=workers,
                           scheduler=scheduler, registry=reg, resume=resume, batch_size=batch,
                           objective=obj, progress=bar.update, weights=weights)
    except Interrupted as exc:
        bar.stop()
        where = f"run {exc.run_id} in {reg.path}" if exc.run_id is not None and reg is not None \
            else "nothing (--no-store)"
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
    store_path = reg.path if reg else None
    try:
        _show_run(run, spec, fmt, out_dir, store_path)
    except BaseException as exc:  # the results are stored: the run is failed, never "finished" unseen
        if reg is not None and run.run_id is not None and not _closed_pipe(exc):
            reg.output_failed(run.run_id, exc)
            reg.close()
            click.echo(f"run {run.run_id} is stored in {store_path} with its results, but showing them failed; "
                       f"it is marked failed (`symbiosis runs show {run.run_id}` prints them)", err=True)
        raise


def _closed_pipe(exc: BaseException | None) -> bool:
    """Whether printing stopped because the reader closed the pipe (`| head`: it read what it wanted; rich
    turns the BrokenPipeError into SystemExit(1))."""
    while exc is not None:
        if isinstance(exc, BrokenPipeError):
            return True
        exc = exc.__context__
    return False


def _show_run(run, spec, fmt: str, out_dir: Path | None, store_path: Path | None) -> None:
    """Print (and with --out write) a scenario run's results."""
    from symbiosis.present import runs as present

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
