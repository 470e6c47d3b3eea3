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
              help="A bundled network name (see `symbiosis networks`) or a YAML/JSON file.")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted"]), default="cost", show_default=True,
              help="What the optimiser minimises: DKK, t CO2e, or DKK + carbon value x CO2e.")
@click.option("--weights", help="Custom weights over named costs, e.g. cost=1,co2e=1500 (DKK per t CO2e).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write flows.csv and scores.json into this folder.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the interactive stakeholder report (one offline HTML file) here.")
@click.option("--lang", type=click.Choice(["en", "da"]), default="en", show_default=True,
              help="Language of the --html report.")
@_user_errors
def simulate(network: str, objective: str, weights: str | None, fmt: str, out_dir: Path | None,
             html_path: Path | None, lang: str) -> None:
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
    """Check a network file and print every problem with its location.

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


def _write_report(path: Path, ev, lang: str, network_arg: str, err: bool = False) -> None:
    from symbiosis.viz.report import write_report

    if path.exists() and path.is_dir():
        raise SymbiosisError([Problem("-o", f"'{path}' is a folder; give a file name such as {path / 'report.html'}")])
    write_report(path, ev, lang, network_arg=network_arg)
    size = path.stat().st_size / 1e6
    click.echo(f"wrote {path} ({size:.1f} MB); open it in any browser, it works offline", err=err)


@main.command()
@click.argument("network", default="kalundborg")
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=Path("report.html"),
              show_default=True, help="The HTML file to write.")
@click.option("--lang", type=click.Choice(["en", "da"]), default="en", show_default=True,
              help="Language of the page's words (names from the data stay as written).")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted"]), default="cost", show_default=True,
              help="What the 'best use' figures minimise.")
@_user_errors
def report(network: str, out: Path, lang: str, objective: str) -> None:
    """Write the interactive stakeholder report: one self-contained HTML file.

    NETWORK is a bundled network name (see `symbiosis networks`) or a YAML/JSON
    file. The page has a written summary, the network map, a Sankey of every
    flow, the triple-bottom-line scorecard, cost changes by company and the
    network's history with a year slider; plotly.js is inlined, so it opens offline.
    """
    from symbiosis.evaluate import evaluate
    from symbiosis.io import load_network

    ev = evaluate(load_network(network), objective)
    _write_report(out, ev, lang, network)


if __name__ == "__main__":  # pragma: no cover
    main()
