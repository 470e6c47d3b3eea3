"""``symbiosis runs``: the run store (list, show, compare, export); ``symbiosis schema``."""

from __future__ import annotations

from pathlib import Path

import click

from symbiosis import parameters as P
from symbiosis.cli.common import (
    declared,
    declared_argument,
    force_option,
    old_spelling,
    output_option,
    registry,
    require_output,
    store_option,
    user_errors,
)
from symbiosis.errors import bad_parameter, unknown_name

__all__ = ["runs", "runs_compare", "runs_export", "runs_list", "runs_prune", "runs_show", "schema"]


@click.group()
def runs() -> None:
    """The run store: list, show, compare, export and prune recorded scenario runs."""


@runs.command("list")
@store_option
@user_errors
def runs_list(store: Path | None) -> None:
    """Every recorded run, newest first."""
    from symbiosis.present.console import console
    from symbiosis.present.runs import print_runs

    with registry(store, create=False) as reg:
        table = reg.list_runs()
        size = reg.size()
    if table.empty:
        click.echo(f"no runs recorded yet ({reg.path}, {size / 1e6:.2f} MB)")
        return
    print_runs(table, str(store or "symbiosis-runs.sqlite"), console(), size)


@runs.command("show")
@declared_argument(P.RUN_ID, "run_id")
@store_option
@declared(P.FORMAT_TABLE_JSON, "--format", "fmt")
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
@declared_argument(P.RUN_ID, "run_a")
@declared_argument(P.RUN_ID, "run_b")
@store_option
@declared(P.FORMAT_TABLE_CSV, "--format", "fmt")
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
@declared_argument(P.RUN_ID, "run_id")
@output_option("FILE.csv or FILE.parquet (required).", file_only=True)
@store_option
@force_option
@old_spelling("--out")
@user_errors(flags={"path": "--output"})
def runs_export(run_id: int, output: Path | None, store: Path | None, force: bool) -> None:
    """Write a run's tidy results (year, sample, scope, item, indicator, value) to CSV or Parquet."""
    from symbiosis.io.atomic import check_output
    from symbiosis.simulate.store import export

    out = require_output(output)
    if out.suffix.lower() not in (".csv", ".parquet"):
        raise bad_parameter("--output", f"'{out}': write .csv or .parquet")
    check_output(out, "output", force=force)
    with registry(store, create=False) as reg:
        path = export(reg, run_id, out)
    click.echo(f"wrote {path}")


@runs.command("prune")
@declared_argument(P.RUN_ID, "run_ids", nargs=-1, metavar="[RUN_ID]...")
@click.option("--older-than", "older_than", metavar="AGE",
              help="Remove runs created more than AGE ago: days, or a number with d, h or m (30d, 12h).")
@declared(P.KEEP, "--keep", metavar="N", help="Keep the N newest runs, remove the others.")
@store_option
@user_errors
def runs_prune(run_ids: tuple[int, ...], older_than: str | None, keep: int | None, store: Path | None) -> None:
    """Remove runs from the store, by id, by age or all but the newest N, and shrink the file.

    A run that is still running is kept. Criteria add up: each removes what it names.
    """
    import time

    if not run_ids and older_than is None and keep is None:
        raise bad_parameter("RUN_ID", "say which runs to remove: RUN_ID..., --older-than AGE "
                            "(e.g. 30d) or --keep N")
    age = _age(older_than) if older_than is not None else None
    with registry(store, create=False) as reg:
        table = reg.list_runs()  # newest first
        known = set(table.id)
        missing = [str(i) for i in run_ids if i not in known]
        if missing:
            raise unknown_name("RUN_ID", f"no run {', '.join(missing)} in {reg.path}; "
                               f"runs: {', '.join(map(str, table.id)) or '(none)'}")
        chosen = set(run_ids)
        if keep is not None:
            chosen |= set(table.id[keep:])
        if age is not None:
            cutoff = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - age))
            chosen |= set(table.id[table.created < cutoff])
        before = reg.size()
        gone = reg.prune(chosen)
        after = reg.size()
    kept = sorted(chosen - set(gone))
    click.echo(f"removed {len(gone)} run{'s' * (len(gone) != 1)}" + (f" ({', '.join(map(str, gone))})" if gone
                                                                       else "")
               + (f"; kept {', '.join(map(str, kept))}: still running" if kept else "")
               + f"; {reg.path} is {after / 1e6:.2f} MB (was {before / 1e6:.2f} MB)")


def _age(text: str) -> float:
    """Seconds in an age: ``30`` (days), ``30d``, ``12h``, ``45m``."""
    text = text.strip().lower()
    unit = {"d": 86400, "h": 3600, "m": 60}.get(text[-1:], None)
    number = text[:-1] if unit else text
    try:
        value = float(number)
    except ValueError:
        value = -1.0
    if not value >= 0 or value == float("inf"):
        raise bad_parameter("--older-than", f"'{text}' is not an age; give days (30) or a number with "
                            "d, h or m (30d, 12h, 45m)")
    return value * (unit or 86400)


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
