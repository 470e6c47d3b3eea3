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
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name (see `symbiosis networks`), a YAML/JSON file, an Excel workbook "
                   "or a folder of CSV files.")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted"]), default="cost", show_default=True,
              help="What the optimiser minimises: DKK, t CO2e, or DKK + carbon value x CO2e.")
@click.option("--weights", help="Custom weights over named costs, e.g. cost=1,co2e=1500 (DKK per t CO2e).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write flows.csv and scores.json into this folder.")
@_user_errors
def simulate(network: str, objective: str, weights: str | None, fmt: str, out_dir: Path | None) -> None:
    """Evaluate observed and optimised flows of a network against no symbiosis."""
    from symbiosis import output
    from symbiosis.evaluate import evaluate
    from symbiosis.io import load_network

    net = load_network(network)
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
@click.option("--out", "out", type=click.Path(path_type=Path),
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


if __name__ == "__main__":  # pragma: no cover
    main()
