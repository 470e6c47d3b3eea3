"""``symbiosis runs``: the run store (list, show, compare, export); ``symbiosis schema``."""

from __future__ import annotations

from pathlib import Path

import click

from symbiosis.cli.common import (
    force_option,
    old_spelling,
    output_option,
    registry,
    require_output,
    store_option,
    user_errors,
)
from symbiosis.errors import Mistake, SymbiosisError

__all__ = ["runs", "runs_compare", "runs_export", "runs_list", "runs_show", "schema"]


@click.group()
def runs() -> None:
    """The run store: list, show, compare and export recorded scenario runs."""


@runs.command("list")
@store_option
@user_errors
def runs_list(store: Path | None) -> None:
    """Every recorded run, newest first."""
    from symbiosis.present.console import console
    from symbiosis.present.runs import print_runs

    with registry(store, create=False) as reg:
        table = reg.list_runs()
    if table.empty:
        click.echo("no runs recorded yet")
        return
    print_runs(table, str(store or "symbiosis-runs.sqlite"), console())


@runs.command("show")
@click.argument("run_id", type=click.IntRange(min=1))
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "json"]), default="table", show_default=True)
@user_errors
def runs_show(run_id: int, store: Path | None, fmt: str) -> None:
    """One run: its scenario, options, timings and the summary of its results."""
    from symbiosis.present.runs import print_run_info, run_info_json
    from symbiosis.simulate import summarise

    with registry(store, create=False) as reg:
        info = reg.run(run_id)
        summary = summarise(reg.results(run_id, "network"))
    if fmt == "json":
        click.echo(run_info_json(info, summary))
        return
    from symbiosis.present.console import console

    print_run_info(info, summary, console())


@runs.command("compare")
@click.argument("run_a", type=click.IntRange(min=1))
@click.argument("run_b", type=click.IntRange(min=1))
@store_option
@click.option("--format", "fmt", type=click.Choice(["table", "csv"]), default="table", show_default=True)
@user_errors
def runs_compare(run_a: int, run_b: int, store: Path | None, fmt: str) -> None:
    """Two runs' network indicators side by side (means per year) and B - A."""
    from symbiosis.simulate.store import compare

    with registry(store, create=False) as reg:
        table = compare(reg, run_a, run_b)
    if fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
        return
    from symbiosis.present.console import console
    from symbiosis.present.runs import print_compare

    print_compare(table, run_a, run_b, console())


@runs.command("export")
@click.argument("run_id", type=click.IntRange(min=1))
@output_option("FILE.csv or FILE.parquet (required).", file_only=True)
@store_option
@force_option
@old_spelling("--out")
@user_errors(flags={"path": "--output"})
def runs_export(run_id: int, output: Path | None, store: Path | None, force: bool) -> None:
    """Write a run's tidy results (year, sample, scope, item, indicator, value) to CSV or Parquet."""
    from symbiosis.io.atomic import check_output
    from symbiosis.simulate.store import export

    require_output(output)
    out = output
    if out.suffix.lower() not in (".csv", ".parquet"):
        raise SymbiosisError([Mistake("--output", f"'{out}': write .csv or .parquet")])
    check_output(out, "output", force=force)
    with registry(store, create=False) as reg:
        path = export(reg, run_id, out)
    click.echo(f"wrote {path}")


@click.command()
@output_option("Write the schema to this file instead of stdout.", file_only=True)
@force_option
@old_spelling("--out")
@user_errors
def schema(output: Path | None, force: bool) -> None:
    """The JSON Schema of scenario files, for editors (YAML and JSON language servers)."""
    from symbiosis.present.encode import dumps
    from symbiosis.scenario import scenario_schema

    out = output
    if out:
        from symbiosis.io.atomic import check_output

        check_output(out, "output", force=force)
    text = dumps(scenario_schema()) + "\n"
    if out:
        from symbiosis.io.atomic import write_atomic

        write_atomic(out, text)
        click.echo(f"wrote {out}")
    else:
        click.echo(text, nl=False)
