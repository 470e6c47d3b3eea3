"""The ``symbiosis`` command. Thin: parse, call the API, print.

A user's mistake prints one short message naming the file and field and
exits with code 2; nothing is written.
"""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from symbiosis.errors import Problem, SymbiosisError

EXIT_USER_ERROR = 2


def _user_errors(func):
    """Turn a :class:`SymbiosisError` into a message on stderr and exit code 2."""
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except SymbiosisError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USER_ERROR)
    return wrapper


def _console():
    from rich.console import Console

    return Console(highlight=False, soft_wrap=False, width=None if sys.stdout.isatty() else 120)


_YEAR_HELP = "With a SCENARIO file: the year whose network to use (default: the horizon's last year)."


def _network_of(arg: str, year: int | None):
    """A bundled network, a network file, or a SCENARIO file's network of ``year`` (its horizon's last year)."""
    from symbiosis.io import load_network
    from symbiosis.scenario import is_scenario_file, load_scenario

    if is_scenario_file(arg):
        spec = load_scenario(arg)
        years = spec.scenario.years
        if year is not None and year not in years:
            raise SymbiosisError([Problem("--year", f"{year} is outside the horizon {years[0]}-{years[-1]} of "
                                          f"scenario '{spec.scenario.name}'; give a year in it")])
        year = years[-1] if year is None else year
        net = spec.network(year)
        return net.model_copy(update={"name": f"{spec.scenario.name}, {year}"})  # not the base's name and year
    net = load_network(arg)
    if year is not None and year != net.year:
        raise SymbiosisError([Problem("--year", f"'{arg}' is a network of {net.year}, not a scenario; --year picks "
                                      "a year of a scenario file (drop --year, or give a scenario)")])
    return net


def _parse_weights(text: str | None) -> dict[str, float] | None:
    if not text:
        return None
    out = {}
    for part in text.split(","):
        key, sep, value = part.partition("=")
        try:
            if not sep:
                raise ValueError
            out[key.strip()] = float(value)
        except ValueError:
            raise SymbiosisError([Problem("--weights", f"'{part}' is not NAME=NUMBER; "
                                          "for example --weights cost=1,co2e=750")]) from None
    return out


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="symbiosis")
def main() -> None:
    """Industrial symbiosis: who gives what to whom, its best reuse, and three bottom lines.

    Start with `symbiosis simulate` (the built-in Kalundborg network).
    """


@main.command()
@click.argument("scenario", required=False)
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name (see `symbiosis networks`), a YAML/JSON file, an Excel workbook "
                   "or a folder of CSV files.")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted", "tbl"]), default="cost", show_default=True,
              help="What the optimiser minimises: DKK, t CO2e, DKK + carbon value x CO2e, or tbl: all three "
              "lines (prints the `symbiosis score` report).")
@click.option("--weights", help="Custom weights over named costs, e.g. cost=1,co2e=1500 (DKK per t CO2e); "
              "with --objective tbl also social=DKK per supported FTE-year.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write flows.csv and scores.json into this folder.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the interactive stakeholder report (one offline HTML file) here.")
@click.option("--lang", type=click.Choice(["en", "da"]), default="en", show_default=True,
              help="Language of the --html report.")
@_user_errors
def simulate(network: str, objective: str, weights: str | None, fmt: str, out_dir: Path | None,
             html_path: Path | None, lang: str, scenario: str | None = None, **sweep) -> None:
    """Evaluate observed and optimised flows of a network against no symbiosis.

    With a SCENARIO file (YAML or JSON), simulate every year of its horizon
    (x --samples Monte Carlo samples) and record the run in the run store.
    """
    if scenario or sweep.get("resume") is not None or _sweep_given(sweep):
        if html_path:
            raise SymbiosisError([Problem("--html", "the report is for one network; with a scenario, "
                                          "drop --html (or run `symbiosis simulate --network ... --html`)")])
        return _simulate_scenario(scenario, objective, weights, fmt, out_dir, **sweep)
    from symbiosis import output
    from symbiosis.evaluation import evaluate
    from symbiosis.io import load_network

    net = load_network(network)
    if objective == "tbl":
        if html_path:
            raise SymbiosisError([Problem("--html", "the report needs --objective cost, co2e or weighted; "
                                          "write it with `symbiosis report` next to the tbl scores")])
        return _print_tbl(net, fmt, out_dir, weights=_parse_weights(weights))
    ev = evaluate(net, objective, _parse_weights(weights))
    files = output.simulation_files(ev) if out_dir else {}
    if fmt == "json":
        click.echo(json.dumps(output.simulation_json(ev), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        click.echo(output.flows_table(ev).to_csv(index=False), nl=False)
    else:
        output.print_simulation(ev, _console(), network)
    if out_dir:
        written = output.write_files(out_dir, files)
        click.echo(f"wrote {', '.join(str(p) for p in written)}", err=fmt != "table")
    if html_path:
        _write_report(html_path, ev, lang, network, err=fmt != "table")


@main.command()
@_user_errors
def networks() -> None:
    """List the bundled networks."""
    from symbiosis.io import bundled_networks

    for name, title in bundled_networks().items():
        click.echo(f"{name:<20} {title}")


@main.command()
@click.argument("network", default="kalundborg")
@click.option("--sources", is_flag=True, help="Also list every number's source and basis.")
@_user_errors
def show(network: str, sources: bool) -> None:
    """Print a network's actors, streams and service links."""
    from symbiosis import output
    from symbiosis.io import load_network

    output.print_network(load_network(network), _console(), sources=sources)


@main.command()
@click.argument("file")
def validate(file: str) -> None:
    """Check a network (YAML/JSON file, workbook or CSV folder) and print every problem with its location.

    Checks the fields, every cross-reference, units and years, and that the
    recorded flows balance (observed flows are feasible).
    """
    from symbiosis.compile import solve_network
    from symbiosis.io import load_network

    try:
        net = load_network(file)
        solve_network(net, "observed")
    except SymbiosisError as exc:
        n = len(exc.problems)
        click.echo(f"{file}: {n} problem{'s' * (n != 1)}", err=True)
        for p in exc.problems:
            click.echo(f"  {p.render(exc.file)}", err=True)
        sys.exit(EXIT_USER_ERROR)
    click.echo(f"{file}: valid ({len(net.actors)} actors, {len(net.resources)} resources, "
               f"{len(net.streams)} streams, {len(net.service_links)} service links)")


# -- scenarios, Monte Carlo, the run registry and stress tests (issue 5) ---------------------------

_SWEEP_DEFAULTS = {"samples": 0, "seed": 0, "executor": "serial", "workers": None, "scheduler": None,
                   "store": None, "no_store": False, "resume": None, "batch": None}
simulate.params.extend([
    click.Option(["--samples"], type=int, default=0, show_default=True,
                 help="Monte Carlo samples of the scenario's uncertain parameters (0: none)."),
    click.Option(["--seed"], type=int, default=0, show_default=True,
                 help="Random seed; a seed gives the same samples bit for bit on any executor."),
    click.Option(["--executor"], type=click.Choice(["serial", "processes", "dask"]), default="serial",
                 show_default=True, help="Where samples run: here, a local process pool, or Dask."),
    click.Option(["--workers"], type=int, help="Worker processes for processes/dask (default: the cores)."),
    click.Option(["--scheduler"], help="An existing Dask scheduler, tcp://HOST:PORT (with --executor dask)."),
    click.Option(["--store"], type=click.Path(dir_okay=False, path_type=Path),
                 help="The run store (SQLite) [default: ./symbiosis-runs.sqlite]."),
    click.Option(["--no-store"], is_flag=True, help="Do not record the run."),
    click.Option(["--resume"], type=int, metavar="RUN_ID",
                 help="Continue an interrupted run, skipping finished samples."),
    click.Option(["--batch"], type=int, help="Samples per task (default: about 8 tasks per worker)."),
])


def _sweep_given(sweep: dict) -> bool:
    return any(sweep.get(k, v) != v for k, v in _SWEEP_DEFAULTS.items())


def _registry(store: Path | None, create: bool = True):
    from symbiosis.runs import DEFAULT_STORE, Registry

    return Registry(store or DEFAULT_STORE, create=create)


def _simulate_scenario(scenario: str | None, objective: str, weights: str | None, fmt: str, out_dir: Path | None,
                       samples: int, seed: int, executor: str, workers: int | None, scheduler: str | None,
                       store: Path | None, no_store: bool, resume: int | None, batch: int | None) -> None:
    """`symbiosis simulate SCENARIO`: every year x sample, recorded in the run store."""
    from symbiosis.scenario import ScenarioSpec, load_scenario
    from symbiosis.simulate import Interrupted, run_scenario

    ctx = click.get_current_context()
    source = ctx.get_parameter_source
    if source("network").name != "DEFAULT":
        raise SymbiosisError([Problem("--network", "a scenario names its own network (its 'network' field); "
                                      "drop --network")])
    if objective not in ("cost", "co2e", "weighted"):
        raise SymbiosisError([Problem("--objective", f"'{objective}' does not apply to scenarios yet; "
                                      "use cost, co2e or weighted")])
    if weights and resume is not None:
        raise SymbiosisError([Problem("--weights", f"run {resume} keeps the weights it started with; drop --weights")])
    if batch is not None and batch < 1:
        raise SymbiosisError([Problem("--batch", f"{batch} is not a batch size; give 1 or more")])
    if no_store and resume is not None:
        raise SymbiosisError([Problem("--resume", "resuming needs the run store; drop --no-store")])
    registry = None if no_store else _registry(store, create=resume is None)
    if scenario:
        spec = load_scenario(scenario)
    elif resume is not None:
        info = registry.run(resume)
        spec = ScenarioSpec.from_dict(info.scenario, f"run {resume}")
    else:
        raise SymbiosisError([Problem("SCENARIO", "--samples, --executor and the other sweep options need a "
                                      "scenario file: symbiosis simulate SCENARIO.yaml (see examples/)")])
    obj = objective if source("objective").name != "DEFAULT" else None
    console = _console()
    bar = _ProgressBar()
    try:
        run = run_scenario(spec, samples=samples, seed=seed, executor=executor, workers=workers,
                           scheduler=scheduler, registry=registry, resume=resume, batch_size=batch,
                           objective=obj, progress=bar.update, weights=_parse_weights(weights))
    except Interrupted as exc:
        bar.stop()
        where = f"run {exc.run_id} in {registry.path}" if exc.run_id is not None else "nothing (--no-store)"
        click.echo(f"interrupted: {exc.done} of {exc.total} year-samples finished, kept in {where}", err=True)
        if exc.run_id is not None:
            again = f"symbiosis simulate {scenario or ''} --resume {exc.run_id}".replace("  ", " ")
            store_opt = f" --store {store}" if store else ""
            click.echo(f"resume with: {again}{store_opt}", err=True)
        sys.exit(130)
    finally:
        bar.stop()
        if registry is not None:
            registry.close()
    _print_run(run, spec, fmt, console, registry.path if registry else None)
    if out_dir:
        from symbiosis.io import write_atomic

        write_atomic(out_dir / "results.csv", run.results.to_csv(index=False))
        write_atomic(out_dir / "summary.csv", run.summary.to_csv(index=False))
        click.echo(f"wrote {out_dir / 'results.csv'}, {out_dir / 'summary.csv'}", err=fmt != "table")


class _ProgressBar:
    """A rich progress bar on stderr that appears only once a run has taken more than a second."""

    def __init__(self, after: float = 1.0):
        import time

        self._t0 = time.perf_counter()
        self._after = after
        self._progress = None
        self._task = None

    def update(self, done: int, total: int) -> None:
        import time

        if self._progress is None:
            if time.perf_counter() - self._t0 < self._after or done >= total:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._progress = Progress(TextColumn("year-samples"), BarColumn(), MofNCompleteColumn(),
                                      TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            self._progress.start()
            self._task = self._progress.add_task("run", total=total)
        self._progress.update(self._task, completed=done, total=total)

    def stop(self) -> None:
        if self._progress is not None:
            self._progress.stop()
            self._progress = None


def _print_run(run, spec, fmt: str, console, store_path) -> None:
    from symbiosis.scores import INDICATORS

    summary = run.summary
    if fmt == "csv":
        click.echo(run.results.to_csv(index=False), nl=False)
        return
    if fmt == "json":
        doc = {"run_id": run.run_id, "store": str(store_path) if store_path else None,
               "scenario": spec.scenario.name, "network": spec.base.id, "hash": spec.hash,
               "samples": run.plan.samples, "seed": run.plan.seed, "executor": run.executor,
               "workers": run.workers, "elapsed_s": round(run.elapsed_s, 3),
               "summary": summary.to_dict(orient="records")}
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False, default=float))
        return
    from rich.table import Table

    from symbiosis.output import _num, weights_sum

    n = run.plan.samples
    sc = spec.scenario
    console.print(f"[bold]{sc.name}[/bold]: {spec.base.name}, {sc.horizon.start}-{sc.horizon.end}, "
                  f"{sc.answer} flows, objective {weights_sum(run.plan.weights)}; "
                  + (f"{n} samples (seed {run.plan.seed})" if n else "no uncertainty"))
    shown = [i for i in INDICATORS if i.key in set(summary.indicator)]
    shown += [_Extra(k) for k in dict.fromkeys(summary.indicator) if k not in {i.key for i in INDICATORS}]
    years = sorted(set(summary.year))
    if n:
        t = Table(title="Savings against no symbiosis, over the samples", title_justify="left")
        for col in ("year", "indicator", "unit", "median", "5th pct", "95th pct"):
            t.add_column(col, justify="left" if col in ("indicator", "unit") else "right")
        by = summary.set_index(["year", "indicator"])
        for year in years:
            for ind in shown:
                r = by.loc[(year, ind.key)]
                t.add_row(str(year), ind.label, ind.unit, _num(r["p50"]), _num(r["p5"]), _num(r["p95"]))
    else:
        by = summary.set_index(["year", "indicator"])["p50"]
        for first in range(0, len(years), 6):  # at most 6 years side by side
            chunk = years[first: first + 6]
            t = Table(title="Savings against no symbiosis, per year", title_justify="left")
            t.add_column("indicator")
            t.add_column("unit")
            for year in chunk:
                t.add_column(str(year), justify="right")
            for ind in shown:
                t.add_row(ind.label, ind.unit, *(_num(by.loc[(year, ind.key)]) for year in chunk))
            console.print(t)
        t = None
    if t is not None:
        console.print(t)
    feasible = run.results[(run.results.scope == "network") & (run.results.indicator == "feasible")]
    bad = int((feasible.value == 0).sum())
    if bad:
        console.print(f"[yellow]{bad} year-samples could not balance and are left out of the statistics[/yellow]")
    if run.run_id is not None:
        console.print(f"run {run.run_id} recorded in {store_path} ({run.elapsed_s:.1f} s, {run.executor}"
                      f"{'' if run.executor == 'serial' else f', {run.workers} workers'}); "
                      f"`symbiosis runs show {run.run_id}` or `symbiosis runs export {run.run_id} --out FILE.csv`")


class _Extra:
    """An indicator that savings() gives but INDICATORS does not describe."""

    def __init__(self, key: str):
        self.key, self.label, self.unit = key, key, ""


@main.group()
def runs() -> None:
    """The run store: list, show, compare and export recorded scenario runs."""


_store_option = click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
                             help="The run store [default: ./symbiosis-runs.sqlite].")


@runs.command("list")
@_store_option
@_user_errors
def runs_list(store: Path | None) -> None:
    """Every recorded run, newest first."""
    with _registry(store, create=False) as reg:
        table = reg.list_runs()
    if table.empty:
        click.echo("no runs recorded yet")
        return
    from rich.table import Table

    t = Table(title=f"Runs in {store or 'symbiosis-runs.sqlite'}", title_justify="left")
    for col in ("id", "created", "name", "status", "samples", "seed", "done", "elapsed", "scenario hash"):
        t.add_column(col)
    for r in table.itertuples():
        t.add_row(str(r.id), r.created, r.name, r.status, str(r.samples), str(r.seed),
                  f"{r.tasks_done}/{r.tasks_total}", f"{r.elapsed_s:.1f} s", r.scenario_hash)
    _console().print(t)


@runs.command("show")
@click.argument("run_id", type=int)
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@_user_errors
def runs_show(run_id: int, store: Path | None, fmt: str) -> None:
    """One run: its scenario, options, timings and the summary of its results."""
    from symbiosis.simulate import summarise

    with _registry(store, create=False) as reg:
        info = reg.run(run_id)
        summary = summarise(reg.results(run_id, "network"))
    if fmt == "json":
        doc = {k: v for k, v in info.__dict__.items() if k != "scenario"}
        doc["scenario"] = info.scenario["scenario"]
        doc["summary"] = summary.to_dict(orient="records")
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False, default=float))
        return
    sc = info.scenario["scenario"]
    console = _console()
    console.print(f"[bold]run {info.id}[/bold]: {info.name} ({info.status}), created {info.created}, "
                  f"symbiosis {info.version}")
    console.print(f"network {sc['network']}, {sc['horizon']['start']}-{sc['horizon']['end']}, "
                  f"{len(sc['events'])} events, {len(sc['uncertain'])} uncertain parameters; "
                  f"samples {info.samples}, seed {info.seed}; {info.tasks_done}/{info.tasks_total} year-samples "
                  f"done in {info.elapsed_s:.1f} s; options {json.dumps(info.options)}")
    console.print(f"scenario hash {info.scenario_hash}")
    _print_summary(summary, console)


def _print_summary(summary, console) -> None:
    from rich.table import Table

    from symbiosis.output import _num

    t = Table(title="Network indicators", title_justify="left")
    for col in ("year", "indicator", "n", "mean", "p5", "p50", "p95"):
        t.add_column(col, justify="left" if col == "indicator" else "right")
    for r in summary.itertuples():
        t.add_row(str(r.year), r.indicator, str(r.n), _num(r.mean), _num(r.p5), _num(r.p50), _num(r.p95))
    console.print(t)


@runs.command("compare")
@click.argument("run_a", type=int)
@click.argument("run_b", type=int)
@_store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@_user_errors
def runs_compare(run_a: int, run_b: int, store: Path | None, fmt: str) -> None:
    """Two runs' network indicators side by side (means per year) and B - A."""
    from symbiosis.runs import compare

    with _registry(store, create=False) as reg:
        table = compare(reg, run_a, run_b)
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
        return
    from rich.table import Table

    from symbiosis.output import _num

    t = Table(title=f"Run {run_a} against run {run_b} (means)", title_justify="left")
    for col in ("indicator", "year", f"run {run_a}", f"run {run_b}", "B - A"):
        t.add_column(col, justify="left" if col == "indicator" else "right")
    for r in table.itertuples(index=False):
        t.add_row(r[1], str(r[0]), _num(r[2]), _num(r[3]), _num(r[4]))
    _console().print(t)


@runs.command("export")
@click.argument("run_id", type=int)
@click.option("--out", "-o", "out", required=True, type=click.Path(dir_okay=False, path_type=Path),
              help="FILE.csv or FILE.parquet")
@_store_option
@_user_errors
def runs_export(run_id: int, out: Path, store: Path | None) -> None:
    """Write a run's tidy results (year, sample, scope, item, indicator, value) to CSV or Parquet."""
    from symbiosis.runs import export

    with _registry(store, create=False) as reg:
        path = export(reg, run_id, out)
    click.echo(f"wrote {path}")


@main.command()
@click.option("--out", "-o", "out", type=click.Path(dir_okay=False, path_type=Path),
              help="Write the schema to this file instead of stdout.")
@_user_errors
def schema(out: Path | None) -> None:
    """The JSON Schema of scenario files, for editors (YAML and JSON language servers)."""
    from symbiosis.scenario import scenario_schema

    text = json.dumps(scenario_schema(), indent=2, ensure_ascii=False) + "\n"
    if out:
        from symbiosis.io import write_atomic

        write_atomic(out, text)
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)


@main.command("new")
@click.argument("name")
@click.option("--format", "fmt", type=click.Choice(["yaml", "json", "csv", "xlsx"]), default="yaml",
              show_default=True, help="A commented YAML file, JSON, a folder of CSV files or an Excel workbook.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@_user_errors
def new_network(name: str, fmt: str, force: bool) -> None:
    """Write a template network NAME.yaml (or NAME.xlsx, a CSV folder NAME/) to fill in."""
    from symbiosis.new import write_template

    path = write_template(name, fmt, force)
    click.echo(f"wrote {path}; fill it in, then `symbiosis validate {path}` and "
               f"`symbiosis simulate --network {path}`")


@main.command("export")
@click.argument("network", default="kalundborg")
@click.option("--to", "fmt", type=click.Choice(["yaml", "json", "csv", "xlsx", "graphml", "gexf"]), required=True,
              help="yaml, json, csv (a folder) and xlsx keep everything; graphml and gexf keep the actor graph.")
@click.option("--out", "-o", "out", type=click.Path(path_type=Path),
              help="Where to write (default: NETWORK.FORMAT, or the folder NETWORK-csv).")
@click.option("--force", is_flag=True, help="Overwrite an existing file or folder.")
@_user_errors
def export(network: str, fmt: str, out: Path | None, force: bool) -> None:
    """Write a network (bundled name or file) in another format."""
    from symbiosis.export import DROPS, default_path, export_network
    from symbiosis.io import load_network

    net = load_network(network)
    out = out or default_path(network, fmt)
    if out.exists() and not force:
        raise SymbiosisError([Problem(str(out), "already exists; choose another path (--out) or pass --force")])
    path = export_network(net, fmt, out)
    click.echo(f"wrote {path}")
    if fmt in DROPS:
        click.echo(f"{fmt} holds the actor graph only; it leaves out:", err=True)
        for item in DROPS[fmt]:
            click.echo(f"  - {item}", err=True)


@main.command()
@click.argument("network", default="kalundborg")
@click.option("--by", "by", type=click.Choice(["year"]), help="Compute the metrics for every year of the "
              "network's history (streams carry start and end years), or of a scenario's horizon.")
@click.option("--flows", "flow_mode", type=click.Choice(["recorded", "observed", "optimised"]), default="recorded",
              show_default=True, help="recorded: the streams' recorded flows, no solver; observed/optimised: "
              "the solved answer of `symbiosis simulate` (cost objective).")
@click.option("--scope", help="One scope to show in full: a resource group, mass, energy or links.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@_user_errors
def metrics(network: str, by: str | None, flow_mode: str, scope: str | None, fmt: str) -> None:
    """Network metrics: structure, cycling and ecological network analysis (enaR formulas).

    NETWORK is a bundled name, a network file or a scenario file: with a
    scenario, the metrics of the last year of its horizon, or of every year
    with --by year, on the network its events leave in that year.
    Each metric is printed with a one-line meaning; docs/metrics.md gives the
    formulas and sources.
    """
    from symbiosis import metrics as mt
    from symbiosis import metrics_output as mo
    from symbiosis.io import load_network
    from symbiosis.scenario import is_scenario_file

    if is_scenario_file(network):
        return _scenario_metrics(network, by, flow_mode, scope, fmt)
    net = load_network(network)
    if by == "year":
        if flow_mode != "recorded":
            raise SymbiosisError([Problem("--flows", "--by year uses the recorded flows of the streams running "
                                          "each year; drop --flows or use --flows recorded")])
        table = mt.by_year(net)
        if fmt == "json":
            click.echo(json.dumps({"network": net.id, "name": net.name, "years": sorted(set(table.year)),
                                   "metrics_catalogue": mo.metric_catalogue(),
                                   "metrics": mt._records(table)}, indent=2, ensure_ascii=False))
        elif fmt == "csv":
            click.echo(table.to_csv(index=False), nl=False)
        else:
            undated = sum(1 for s in net.streams if s.status != "candidate" and s.start is None)
            mo.print_by_year(table, _console(), net.name, scope, undated)
        return
    result = None
    if flow_mode != "recorded":
        from symbiosis.compile import solve_network

        result = solve_network(net, flow_mode)
    m = mt.compute(net, result)
    if fmt == "json":
        mo.check_scope([x.scope for x in m.matrices], scope)
        click.echo(json.dumps(m.to_json(), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        mo.check_scope([x.scope for x in m.matrices], scope)
        table = m.table if scope is None else m.table[m.table.scope == scope]
        click.echo(table.to_csv(index=False), nl=False)
    else:
        mo.print_metrics(m, _console(), net.name, scope)


def _scenario_metrics(path: str, by: str | None, flow_mode: str, scope: str | None, fmt: str) -> None:
    """`symbiosis metrics SCENARIO`: the last year of the horizon, or every year with --by year."""
    from symbiosis import metrics as mt
    from symbiosis import metrics_output as mo
    from symbiosis.scenario import load_scenario

    spec = load_scenario(path)
    sc = spec.scenario
    span = f"{sc.horizon.start}-{sc.horizon.end}"
    how = "recorded flows" if flow_mode == "recorded" else f"{flow_mode} flows (each year's network solved)"
    if by == "year":
        table = mt.scenario_by_year(spec, flow_mode)
        if fmt == "json":
            click.echo(json.dumps({"scenario": sc.name, "network": spec.base.id, "horizon": span, "flows": flow_mode,
                                   "years": sc.years, "metrics_catalogue": mo.metric_catalogue(),
                                   "metrics": mt._records(table)}, indent=2, ensure_ascii=False))
        elif fmt == "csv":
            mo.check_scope(sorted(set(table.scope)), scope)
            click.echo((table if scope is None else table[table.scope == scope]).to_csv(index=False), nl=False)
        else:
            mo.print_by_year(table, _console(), sc.name, scope, heading=(
                f"metrics for each year of the horizon {span}, on the network the scenario's events leave "
                f"that year ({how})"))
        return
    last = sc.horizon.end
    net = spec.network(last)
    result = None
    if flow_mode != "recorded":
        from symbiosis.compile import solve_network

        result = solve_network(net, flow_mode)
    m = mt.compute(net, result, last)
    note = (f"scenario '{sc.name}': the network of {last}, the last year of its horizon {span}, after its "
            f"events; --by year gives every year")
    if fmt == "json":
        mo.check_scope([x.scope for x in m.matrices], scope)
        doc = m.to_json()
        doc.update({"scenario": sc.name, "horizon": span, "note": note})
        click.echo(json.dumps(doc, indent=2, ensure_ascii=False))
    elif fmt == "csv":
        mo.check_scope([x.scope for x in m.matrices], scope)
        click.echo(f"# {note}", err=True)
        click.echo((m.table if scope is None else m.table[m.table.scope == scope]).to_csv(index=False), nl=False)
    else:
        from rich.markup import escape

        console = _console()
        console.print(escape(note[0].upper() + note[1:] + "."))
        mo.print_metrics(m, console, net.name, scope)


def _parse_pairs(text: str | None, option: str, example: str) -> dict[str, float] | None:
    """``a=1,b=2`` -> ``{"a": 1.0, "b": 2.0}``; a bad pair is a user error naming the option."""
    if not text:
        return None
    try:
        return _parse_weights(text)
    except SymbiosisError:
        raise SymbiosisError([Problem(option, f"'{text}' is not NAME=NUMBER,...; for example {option} {example}")]) \
            from None


def _print_tbl(net, fmt: str, out_dir: Path | None = None, **kwargs) -> None:
    """Score ``net`` on three lines and print (or write) the report."""
    from symbiosis.io import write_atomic
    from symbiosis.tbl import print_report, report_json, tbl_report

    report = tbl_report(net, **kwargs)
    data = report_json(report)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "json":
        click.echo(text, nl=False)
    elif fmt == "csv":
        from symbiosis.scores import INDICATORS

        click.echo("key,line,unit,observed,optimised")
        for i in INDICATORS:
            o, p = data["scores"]["observed"][i.key], data["scores"]["optimised"][i.key]
            click.echo(f"{i.key},{i.line},{i.unit},{'' if o is None else o},{'' if p is None else p}")
    else:
        print_report(report, _console())
    if out_dir:
        write_atomic(out_dir / "tbl.json", text)
        click.echo(f"wrote {out_dir / 'tbl.json'}", err=fmt != "table")


@main.command()
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name (see `symbiosis networks`), a YAML/JSON file or a SCENARIO file.")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted", "tbl"]), default="tbl",
              show_default=True, help="What the flows optimiser minimises for the optimised answer; tbl = DKK + "
              "carbon value x CO2e, and the social line through the service assignment.")
@click.option("--weights", help="Flow weights and the social weight, e.g. cost=1,co2e=750,social=200000 "
              "(DKK, DKK per t CO2e, DKK per supported FTE-year). Without social: most supported jobs at no "
              "extra cost.")
@click.option("--factor", "factors", multiple=True, metavar="KIND=VALUE",
              help="Override a social factor, e.g. --factor discount_rate=0.04 (repeatable).")
@click.option("--normalise", type=click.Choice(["minmax", "target"]), default="minmax", show_default=True,
              help="Composite index normalisation: min-max over the answers, or distance to --targets.")
@click.option("--targets", help="Targets for --normalise target, e.g. co2e_avoided=500000,supported_fte=50.")
@click.option("--group-weights", help="Weights of the lens groups in the index, e.g. economy=1,environment=2,"
              "social=1 (Kolding: people, companies, society). Default: equal.")
@click.option("--indicator-weights", help="Weights of indicators within their group, e.g. public_value=2. "
              "Default: equal.")
@click.option("--min-hours", type=float, default=0.0, show_default=True,
              help="Smallest service contract in hours/yr; above 0 the assignment is a mixed-integer programme.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write tbl.json into this folder.")
@click.option("--year", type=int, help=_YEAR_HELP)
@_user_errors
def score(network: str, objective: str, weights: str | None, factors: tuple[str, ...], normalise: str,
          targets: str | None, group_weights: str | None, indicator_weights: str | None, min_hours: float,
          fmt: str, out_dir: Path | None, year: int | None) -> None:
    """Three bottom lines in the Kalundborg and Kolding lenses, rule findings and the company view."""
    overrides: dict[str, float] = {}
    for item in factors:
        overrides.update(_parse_pairs(item, "--factor", "discount_rate=0.04") or {})
    if min_hours < 0:
        raise SymbiosisError([Problem("--min-hours", f"{min_hours:g} must not be negative")])
    net = _network_of(network, year)
    _print_tbl(net, fmt, out_dir, objective=objective, weights=_parse_weights(weights),
               factor_overrides=overrides or None, normalise=normalise,
               targets=_parse_pairs(targets, "--targets", "co2e_avoided=500000"),
               group_weights=_parse_pairs(group_weights, "--group-weights", "economy=1,environment=1,social=2"),
               indicator_weights=_parse_pairs(indicator_weights, "--indicator-weights", "public_value=2"),
               min_hours=min_hours)


def _check_report_path(path: Path) -> None:
    if path.exists() and path.is_dir():
        raise SymbiosisError([Problem("-o", f"'{path}' is a folder; give a file name such as {path / 'report.html'}")])


def _write_report(path: Path, ev, lang: str, network_arg: str, err: bool = False, **kwargs) -> None:
    from symbiosis.viz.report import write_report

    _check_report_path(path)
    write_report(path, ev, lang, network_arg=network_arg, **kwargs)
    size = path.stat().st_size / 1e6
    click.echo(f"wrote {path} ({size:.1f} MB); open it in any browser, it works offline", err=err)


@main.command()
@click.argument("network", default="kalundborg")
@click.option("--by", type=click.Choice(["actor", "stream"]), default="actor", show_default=True,
              help="Remove each actor (with all that is its) or each running stream in turn.")
@click.option("--failures", type=int, help="Instead: take this many random actors out at once, --samples times.")
@click.option("--samples", type=int, default=100, show_default=True, help="Random multi-failure samples.")
@click.option("--seed", type=int, default=0, show_default=True)
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted"]), default="cost", show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@click.option("--year", type=int, help=_YEAR_HELP)
@_user_errors
def stress(network: str, by: str, failures: int | None, samples: int, seed: int, objective: str,
           fmt: str, year: int | None) -> None:
    """Resilience: remove each actor (or stream), re-optimise, rank by what the symbiosis loses.

    NETWORK is a bundled network, a network file or a SCENARIO file (its network of --year).
    """
    from symbiosis.stress import random_failures
    from symbiosis.stress import stress as run_stress

    net = _network_of(network, year)
    bar = _ProgressBar()
    try:
        if failures is None:
            table = run_stress(net, by, objective, progress=bar.update)
        else:
            table = random_failures(net, failures, samples, seed, objective, progress=bar.update)
    except KeyboardInterrupt:
        bar.stop()
        click.echo("interrupted; nothing written", err=True)
        sys.exit(130)
    finally:
        bar.stop()
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
        return
    if fmt == "json":
        click.echo(table.to_json(orient="records", indent=2, force_ascii=False))
        return
    from rich.table import Table

    from symbiosis.output import _num

    console = _console()
    if failures is None:
        t = Table(title=f"{net.name}: what is lost without each {by} (per year, re-optimised)", title_justify="left")
        unmet = bool((table.unmet != "").any())
        for col in ("rank", by, "lost cost saved (DKK/yr)", "lost CO2e avoided (t/yr)", "lost supported persons",
                    "partners losing inputs", *(("unmet needs",) if unmet else ())):
            t.add_column(col, justify="right" if col.startswith(("rank", "lost")) else "left", overflow="fold")
        for r in table.itertuples():
            partners = ", ".join(dict.fromkeys(p.split(" (")[0] for p in r.partners.split("; "))) or "-"
            t.add_row(str(r.rank), r.removed, _num(r.lost_cost_saved), _num(r.lost_co2e_avoided),
                      _num(r.lost_supported_persons), partners, *((r.unmet or "-",) if unmet else ()))
        console.print(t)
        console.print("No removal leaves a need that nothing can cover." if not unmet else "", end="")
        console.print(" `--format csv` adds what each partner loses.")
        return
    from symbiosis.simulate import PERCENTILES

    console.print(f"[bold]{net.name}[/bold]: {samples} samples of {failures} actors failing at once (seed {seed})")
    t = Table(title="Losses over the samples", title_justify="left")
    for col in ("indicator", "mean", *(f"p{q}" for q in PERCENTILES)):
        t.add_column(col, justify="left" if col == "indicator" else "right")
    for key, label in (("lost_cost_saved", "lost cost saved (DKK/yr)"),
                       ("lost_co2e_avoided", "lost CO2e avoided (t/yr)"),
                       ("partners_losing_inputs", "partners losing inputs")):
        v = table[key].dropna()
        t.add_row(label, _num(v.mean()), *(_num(v.quantile(q / 100)) for q in PERCENTILES))
    console.print(t)
    unmet = int((table.unmet != "").sum())
    console.print(f"{unmet} of {samples} samples leave needs that nothing can cover; "
                  "`--format csv` gives every sample.")


@main.command()
@click.argument("network", default="kalundborg")
@click.option("--social", is_flag=True, help="Only the social factors (benefit rates, fleksjob, SROI).")
@click.option("--factor", "factors", multiple=True, metavar="KIND=VALUE", help="Show the table with an override.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_user_errors
def factors(network: str, social: bool, factors: tuple[str, ...], fmt: str) -> None:
    """Every factor the scores use, with its value, unit, year, basis and source."""
    from symbiosis.io import load_network
    from symbiosis.social import SOCIAL_TABLE
    from symbiosis.tbl import factor_rows

    overrides: dict[str, float] = {}
    for item in factors:
        overrides.update(_parse_pairs(item, "--factor", "discount_rate=0.04") or {})
    rows = factor_rows(load_network(network), overrides or None)
    if social:
        from symbiosis.social import social_factors

        kinds = set(social_factors(load_network(network)))
        rows = rows[rows.factor.isin(kinds) | (rows.table == SOCIAL_TABLE)]
    if fmt == "csv":
        click.echo(rows.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(rows.astype(object).where(rows.notna(), None).to_dict(orient="records"),
                              indent=2, ensure_ascii=False))
    else:
        from rich.table import Table

        t = Table(title=f"Factors ({len(rows)}): where each comes from", title_justify="left", expand=True)
        for col in ("factor", "value", "unit", "year", "basis", "source / method"):
            t.add_column(col, overflow="fold", justify="right" if col == "value" else "left",
                         no_wrap=col in ("value", "year"), ratio=1 if col == "source / method" else None)
        for r in rows.itertuples():
            year = "" if r.year is None or r.year != r.year else str(int(r.year))
            name = r.factor + (f" ({r.applies_to})" if r.applies_to else "") + f"\n[dim]{r.table}[/dim]"
            t.add_row(name, f"{r.value:,.6g}", r.unit, year, r.basis,
                      r.source + (f"\n[dim]how: {r.method}[/dim]" if r.method else ""))
        _console().print(t)


@main.command()
@click.argument("network", default="kalundborg", metavar="[NETWORK|SCENARIO|RUN_ID]")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=Path("report.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--lang", type=click.Choice(["en", "da"]), default="en", show_default=True,
              help="Language of the page's words (names from the data stay as written).")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted"]), default="cost", show_default=True,
              help="What the 'best use' figures minimise (a scenario's or run's own objective if not given).")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              help="The run store a RUN_ID is read from [default: ./symbiosis-runs.sqlite].")
@click.option("--stress", "with_stress", is_flag=True,
              help="Add the stress ranking: each company taken out in turn, the rest re-optimised.")
@click.option("--pareto", "pareto_axes", metavar="X,Y[,Z]",
              help="Add the Pareto front between these measures, e.g. cost,co2e or cost,co2e,social "
                   "(see `symbiosis pareto`).")
@_user_errors
def report(network: str, out: Path, lang: str, objective: str, store: Path | None, with_stress: bool,
           pareto_axes: str | None) -> None:
    """Write the interactive stakeholder report: one self-contained HTML file.

    NETWORK is a bundled network name (see `symbiosis networks`) or a YAML/JSON
    file. The page has a written summary, the network map, a Sankey of every
    flow, the triple-bottom-line scorecard, cost changes by company and the
    network's history with a year slider; plotly.js is inlined, so it opens offline.

    A SCENARIO file is run year by year (no sampling, as `symbiosis simulate
    SCENARIO`); a RUN_ID reads a recorded run from the run store. Both add time
    paths of the headline indicators, Monte Carlo bands when the run has
    samples, and a waterfall of the base network against the last year; the
    other figures show the last year's network.
    """
    from symbiosis.evaluation import evaluate
    from symbiosis.scenario import is_scenario_file

    _check_report_path(out)
    explicit = click.get_current_context().get_parameter_source("objective").name != "DEFAULT"
    is_run = network.isdigit() and not Path(network).exists()
    if store is not None and not is_run:
        raise SymbiosisError([Problem("--store", f"--store reads a recorded run; '{network}' is not a run id "
                                      "(give the run's number, see `symbiosis runs list`)")])
    kwargs: dict = {}
    if is_run or is_scenario_file(network):
        ev, kwargs = _horizon_report(network, is_run, store, lang, objective if explicit else None)
    else:
        from symbiosis.io import load_network

        ev = evaluate(load_network(network), objective)
    if with_stress:
        kwargs.setdefault("extra_figures", []).append(_stress_figure(ev, lang))
    if pareto_axes:
        kwargs.setdefault("extra_figures", []).append(_pareto_figure(ev, pareto_axes, lang))
    _write_report(out, ev, lang, network, **kwargs)


def _horizon_report(arg: str, is_run: bool, store: Path | None, lang: str, objective: str | None):
    """The last year's evaluation and the report's extra figures and sentences for a scenario or a run."""
    from symbiosis.evaluation import evaluate
    from symbiosis.scenario import ScenarioSpec, load_scenario
    from symbiosis.viz.horizon import horizon_figures, horizon_summary

    info = None
    if is_run:
        with _registry(store, create=False) as reg:
            info = reg.run(int(arg))
            results = reg.results(info.id)
        if results.empty:
            raise SymbiosisError([Problem("RUN_ID", f"run {info.id} in {reg.path} has no results yet "
                                          f"(status {info.status}); resume it with `symbiosis simulate --resume "
                                          f"{info.id}`")])
        spec = ScenarioSpec.from_dict(info.scenario, f"run {info.id}")
        run_objective = info.options.get("objective", spec.scenario.objective)
        if objective is not None and objective != run_objective:
            raise SymbiosisError([Problem("--objective", f"run {info.id} was made with objective "
                                          f"'{run_objective}'; drop --objective, or run the scenario again")])
        objective, samples = run_objective, info.samples
        years = sorted(set(results.year))
    else:
        from symbiosis.simulate import run_scenario

        spec = load_scenario(arg)
        run = run_scenario(spec, objective=objective)
        objective, samples = objective or spec.scenario.objective, 0
        results, years = run.results, spec.scenario.years
    base = evaluate(spec.base, objective)
    last = evaluate(spec.network(years[-1]), objective)
    return last, {"extra_figures": horizon_figures(spec, results, base, last, lang, samples),
                  "summary_extra": horizon_summary(spec, results, lang, info)}


def _pareto_figure(ev, axes: str, lang: str):
    """The Pareto front of the report's network between the measures named in ``axes``, as ``(title, help, figure)``."""
    from symbiosis.pareto import COLUMN, UNITS, pareto
    from symbiosis.viz.labels import label
    from symbiosis.viz.pareto import pareto_front

    names = [a.strip() for a in axes.split(",")]
    if len(names) not in (2, 3) or not all(names):
        raise SymbiosisError([Problem("--pareto", f"'{axes}' names {len(names)} measure(s); give two or three, "
                                      "e.g. cost,co2e or cost,co2e,social")])
    front = pareto(ev.network, names[0], names[1], 11 if len(names) == 2 else 6, z=names[2] if len(names) > 2 else None)
    year = "/år" if lang == "da" else "/yr"
    unit = {k: u.replace("_yr", year).replace("dkk/år", "kr./år").replace("dkk", "DKK").replace("m3", "m³")
            for k, u in UNITS.items()}
    unit["social"] = "FTE"
    shown = [label(f"m_{n}", lang) for n in names]
    df = front.points.rename(columns={COLUMN[n]: s for n, s in zip(names, shown, strict=True)})
    df = df.assign(label="#" + df.point.astype(str))
    z = shown[2] if len(names) > 2 else None
    fig = pareto_front(df, shown[0], shown[1], lang, x_unit=unit[names[0]], y_unit=unit[names[1]], title=" ",
                       higher_better=(label("m_social", lang),), color=z, color_unit=unit[names[-1]] if z else "")
    title = f"{label('pareto_title', lang)}: " + label("pareto_measures", lang).format(
        x=shown[0], y=shown[1] if z is None else f"{shown[1]}, {z}")
    help_text = label("pareto_help", lang) + (" " + label("pareto_one", lang) if len(df) == 1 else "")
    return title, help_text, fig


def _stress_figure(ev, lang: str):
    """The stress ranking of the report's network, as ``(title, help, figure)``."""
    import pandas as pd

    from symbiosis.stress import stress as run_stress
    from symbiosis.viz.labels import label
    from symbiosis.viz.stress import stress_ranking

    table = run_stress(ev.network, "actor", ev.objective if isinstance(ev.objective, str) else "cost")
    df = pd.DataFrame({"item": table.name, "loss": table.lost_cost_saved, "detail": table.partners})
    unit = "kr./år" if lang == "da" else "DKK/yr"
    return (label("stress_title", lang), label("hz_stress_help", lang), stress_ranking(df, lang, unit=unit, title=" "))



@main.command()
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name, a YAML/JSON file with candidate streams, or a SCENARIO file.")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted"]), default="cost", show_default=True,
              help="What the design minimises each year, besides the links' annualised cost.")
@click.option("--weights", help="Custom weights over named costs, e.g. cost=1,co2e=1500 (DKK per t CO2e).")
@click.option("--discount-rate", type=float, default=0.035, show_default=True,
              help="Yearly rate for annualising investments (Danish socio-economic rate: 0.035).")
@click.option("--lifetime", type=int, default=20, show_default=True,
              help="Years, for candidates that give no lifetime of their own.")
@click.option("--time-limit", type=float, help="Stop the MILP search after this many seconds.")
@click.option("--gap", type=float, default=1e-4, show_default=True,
              help="Stop when the design is proven within this relative gap of the best possible.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--year", type=int, help=_YEAR_HELP)
@_user_errors
def design(network: str, objective: str, weights: str | None, discount_rate: float, lifetime: int,
           time_limit: float | None, gap: float, fmt: str, year: int | None) -> None:
    """Propose which candidate streams to build, with the payback time of each."""
    from symbiosis.design import design_json, design_links

    ld = design_links(_network_of(network, year), objective, _parse_weights(weights), discount_rate, lifetime,
                      time_limit, gap)
    if fmt == "json":
        click.echo(json.dumps(design_json(ld), indent=2, ensure_ascii=False))
        return
    if fmt == "csv":
        click.echo(ld.links.to_csv(index=False), nl=False)
        return
    from rich.table import Table

    con = _console()
    t = Table(title=f"Candidate links of {ld.network.name}")
    for col in ("stream", "from -> to", "build", "flow", "investment DKK", "per year DKK", "saves DKK/yr",
                "payback yr"):
        t.add_column(col, justify="left" if col in ("stream", "from -> to", "build") else "right")
    for r in ld.links.itertuples():
        t.add_row(r.stream, f"{r.supplier} -> {r.receiver}", "yes" if r.build else "no",
                  f"{r.flow:,.0f} {r.unit}", f"{r.investment_dkk:,.0f}", f"{r.annualised_dkk_yr:,.0f}",
                  "-" if r.saving_dkk_yr != r.saving_dkk_yr else f"{r.saving_dkk_yr:,.0f}",
                  f"{r.payback_yr:,.1f}" if r.payback_yr < float("inf") else "never")
    con.print(t)
    con.print(f"Operating cost {ld.cost_without:,.0f} DKK/yr without new links, {ld.cost_with:,.0f} with the "
              f"{int(ld.links.build.sum())} proposed; their annualised cost {ld.annualised:,.0f} DKK/yr "
              f"at {ld.discount_rate:.1%}.")
    con.print(f"HiGHS MILP: {ld.status}, gap reached {ld.gap:.4%} (asked {gap:.4%}), {ld.solver_time:.2f} s. "
              "'saves' is against the rest of the design; payback = investment / (saving - fixed cost).")
    for p in ld.skipped:
        con.print(f"note: {p.path}: {p.message}")


@main.command()
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name, a YAML/JSON file or a SCENARIO file.")
@click.option("--x", "x", default="cost", show_default=True,
              help="First measure: cost, co2e, groundwater, virgin_material, disposed (lower is better) or "
                   "social (supported FTE, higher is better).")
@click.option("--y", "y", default="co2e", show_default=True,
              help="Second measure (social = supported FTE, maximised; needs service_offers and service_needs).")
@click.option("--z", "z", default=None, help="A third measure: a surface on a points x points grid.")
@click.option("--points", type=int, default=11, show_default=True,
              help="Points along the front (at most); with --z, per axis.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "-o", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the front to this .csv or .json file.")
@click.option("--year", type=int, help=_YEAR_HELP)
@_user_errors
def pareto(network: str, x: str, y: str, z: str | None, points: int, fmt: str, out_file: Path | None,
           year: int | None) -> None:
    """The Pareto front between two or three bottom lines (e.g. DKK, t CO2e and supported jobs)."""
    from symbiosis.io import write_atomic
    from symbiosis.pareto import pareto as front

    if out_file is not None and out_file.suffix.lower() not in (".csv", ".json"):
        raise SymbiosisError([Problem("--out", f"'{out_file}' must end in .csv or .json")])
    pf = front(_network_of(network, year), x, y, points, z=z)
    table = pf.points
    measures = [x, y] + ([z] if z else [])
    as_json = lambda: json.dumps({"network": pf.network.id, "x": x, "y": y, "z": z,  # noqa: E731
                                  "points": json.loads(table.to_json(orient="records"))}, indent=2)
    if fmt == "json":
        click.echo(as_json())
    elif fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    else:
        from rich.table import Table

        t = Table(title=f"Pareto front of {pf.network.name}: {' against '.join(measures)}")
        cols = [c for c in table.columns if c not in ("supported_persons",)]
        for col in cols:
            t.add_column(col.replace("_", " "), justify="right")
        for row in table.itertuples(index=False):
            t.add_row(*["-" if v != v else (f"{v:,.0f}" if abs(v) >= 1e4 else f"{v:,.6g}")
                        if isinstance(v, float) else str(v) for v in (getattr(row, c) for c in cols)])
        con = _console()
        con.print(t)
        if len(table) == 1:
            con.print(f"One point: {', '.join(measures)} do not pull apart here; the best for one is best for all.")
        if "trade_off" in table and len(table) > 1:
            per = "supported FTE gained" if y == "social" else f"unit of {y} avoided"
            con.print(f"trade off: {x} per {per}, from the point above.")
        if "supported_persons" in table:
            con.print(f"Supported jobs on service links do not depend on the flows: "
                      f"{table.supported_persons.iloc[0]:g} persons at every point.")
        else:
            con.print("cost includes the service hours bought (service cost); supported FTE: work for people "
                      "in supporting schemes, from the service hours bought of social-economy enterprises.")
    if out_file is not None:
        write_atomic(out_file, as_json() if out_file.suffix.lower() == ".json" else table.to_csv(index=False))
        click.echo(f"wrote {out_file}", err=fmt != "table")


@main.command()
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name, a YAML/JSON file or a SCENARIO file.")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted"]), default="cost", show_default=True)
@click.option("--weights", help="Custom weights over named costs, e.g. cost=1,co2e=1500 (DKK per t CO2e).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="csv prints the stream table; json both tables.")
@click.option("--year", type=int, help=_YEAR_HELP)
@_user_errors
def prices(network: str, objective: str, weights: str | None, fmt: str, year: int | None) -> None:
    """Shadow prices: what one more unit is worth at each actor, and the price range of each stream."""
    from symbiosis.prices import shadow_prices

    sp = shadow_prices(_network_of(network, year), objective, _parse_weights(weights))
    if fmt == "json":
        click.echo(json.dumps({"network": sp.network.id, "weights": sp.weights,
                               "balances": json.loads(sp.balances.to_json(orient="records")),
                               "streams": json.loads(sp.streams.to_json(orient="records"))}, indent=2,
                              ensure_ascii=False))
        return
    if fmt == "csv":  # 12 significant digits: duals carry the solver's last-digit noise (0.36000000000000004)
        click.echo(sp.streams.to_csv(index=False, float_format="%.12g"), nl=False)
        return
    from rich.table import Table

    money = "DKK" if set(sp.weights) == {"cost"} else "objective units"
    con = _console()
    t = Table(title=f"{sp.network.name}: one more unit is worth ({money}/unit)")
    for col in ("actor", "resource", "value per unit"):
        t.add_column(col, justify="right" if col == "value per unit" else "left")
    for r in sp.balances.itertuples():
        t.add_row(r.actor, r.resource + (f" ({r.grade})" if r.grade else ""), f"{r.value_dkk_per_unit:,.2f} /{r.unit}")
    con.print(t)
    t = Table(title=f"Streams: capacity worth and price range where both gain ({money}/unit)")
    for col in ("stream", "flow", "capacity", "capacity worth", "price from", "price to"):
        t.add_column(col, justify="left" if col == "stream" else "right")
    for r in sp.streams.itertuples():
        cap = "-" if r.capacity == float("inf") else f"{r.capacity:,.6g}"
        t.add_row(r.stream, f"{r.flow:,.6g} {r.unit}", cap, f"{r.capacity_value_dkk_per_unit:,.2f}",
                  f"{r.price_floor_dkk_per_unit:,.2f}", f"{r.price_ceiling_dkk_per_unit:,.2f}")
    con.print(t)
    con.print("price from = the supplier's value of keeping a unit + transport; price to = what the delivered "
              "units are worth to the receiver. A tie between equally good answers makes a price one of a range.")


if __name__ == "__main__":  # pragma: no cover
    main()
