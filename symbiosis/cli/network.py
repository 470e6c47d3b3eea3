"""Commands about networks themselves: networks, show, validate, new, export, factors."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from symbiosis import parameters as P
from symbiosis.cli.common import (
    EXIT_USER_ERROR,
    Pairs,
    declared,
    network_argument,
    network_of,
    old_spelling,
    output_option,
    user_errors,
    year_option,
)
from symbiosis.errors import SymbiosisError

__all__ = ["export", "factors", "networks", "new_network", "packs", "show", "validate"]


@click.command()
@user_errors
def networks() -> None:
    """List the bundled networks."""
    from symbiosis.io import bundled_networks

    for name, title in bundled_networks().items():
        click.echo(f"{name:<20} {title}")


@click.command()
@declared(P.FORMAT_TABLE_JSON, "--format", "fmt")
@user_errors
def packs(fmt: str) -> None:
    """List the installed jurisdiction packs a network can switch on (`packs: [NAME]`; docs/packs.md)."""
    from symbiosis.packs import installed, load
    from symbiosis.present.encode import dumps

    rows = [{"name": name, "from": where, "title": load(name).title, "brings": load(name).parts()}
            for name, where in installed().items()]
    if fmt == "json":
        click.echo(dumps(rows))
        return
    import textwrap

    for row in rows:
        for text in (f"{row['name']:<12} {row['title']} ({row['from']})",
                     f"{'':<12} brings: {', '.join(row['brings']) or 'nothing yet'}"):
            click.echo(textwrap.fill(text, 100, subsequent_indent=" " * 13))


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@click.option("--sources", is_flag=True, help="Also list every number's source and basis.")
@user_errors
def show(network: str, sources: bool) -> None:
    """Print a network's actors, streams and service links (a SCENARIO: its base network, then its events)."""
    from symbiosis.io import load_network
    from symbiosis.present.console import console
    from symbiosis.present.network import print_network
    from symbiosis.scenario import is_scenario_file

    out = console()
    if is_scenario_file(network):
        from symbiosis.present.scenario import print_events
        from symbiosis.scenario import load_scenario

        spec = load_scenario(network)
        print_events(spec, out)
        out.print("\nBase network (before the events):")
        print_network(spec.base, out, sources=sources)
        return
    print_network(load_network(network), out, sources=sources)


@click.command()
@click.argument("network", metavar="NETWORK|SCENARIO")
def validate(network: str) -> None:
    """Check a network (YAML/JSON file, workbook or CSV folder) and print every problem with its location.

    Checks the fields, every cross-reference, units and years, and that the
    recorded flows balance (observed flows are feasible). A SCENARIO file is
    checked whole: its fields, its base network, every event where it happens,
    and the network of every year of its horizon.
    """
    from symbiosis.scenario import is_scenario_file

    try:
        summary = _validate_scenario(network) if is_scenario_file(network) else _validate_network(network)
    except SymbiosisError as exc:
        n = len(exc.problems)
        click.echo(f"{network}: {n} problem{'s' * (n != 1)}", err=True)
        for p in exc.problems:
            click.echo(f"  {p.render(exc.file)}", err=True)
        sys.exit(EXIT_USER_ERROR)
    for line in f"{network}: valid {summary}".splitlines():
        click.echo(_wrapped(line))


def _wrapped(line: str) -> str:
    """``line`` wrapped at the output's width, its continuation indented two more spaces."""
    import shutil
    import textwrap

    from symbiosis.present.console import output_width

    width = output_width() or shutil.get_terminal_size().columns
    indent = line[:len(line) - len(line.lstrip())] + "  "
    return textwrap.fill(line, width=width, subsequent_indent=indent, break_long_words=False, break_on_hyphens=False)


def _counts(net) -> str:
    return (f"{len(net.actors)} actors, {len(net.resources)} resources, {len(net.streams)} streams defined, "
            f"{len(net.streams_in_year())} running in {net.year}, {len(net.service_links)} service link"
            f"{'s' * (len(net.service_links) != 1)}")


def _validate_network(network: str) -> str:
    from symbiosis.evaluation import check_balances
    from symbiosis.io import load_network

    net = load_network(network)
    check_balances(net)
    return f"({_counts(net)})"


def _validate_scenario(path: str) -> str:
    """Load the scenario: its fields, its base network (whose recorded flows must balance), every event
    where it happens and the network of every year (a scenario's years are optimised, not recorded, so
    their flows are not held to the base's records)."""
    from symbiosis.evaluation import check_balances
    from symbiosis.scenario import load_scenario

    spec = load_scenario(path)
    check_balances(spec.base)
    sc = spec.scenario
    return (f"scenario '{sc.name}'\n  horizon {sc.horizon.start}-{sc.horizon.end}, {len(sc.events)} "
            f"event{'s' * (len(sc.events) != 1)}\n  base network {spec.base.id}: {_counts(spec.base)}")


@click.command("new")
@click.argument("name")
@declared(P.FILE_FORMAT, "--format", "fmt",
          help="A commented YAML file, JSON, a folder of CSV files or an Excel workbook.")
@click.option("--force", is_flag=True, help="Overwrite an existing file.")
@user_errors
def new_network(name: str, fmt: str, force: bool) -> None:
    """Write a template network NAME.yaml (or NAME.xlsx, a CSV folder NAME/) to fill in."""
    from symbiosis.io.template import write_template

    path = write_template(name, fmt, force)
    click.echo(f"wrote {path}; fill it in, then:\n  symbiosis validate {path}\n  symbiosis simulate {path}")


@click.command("export")
@network_argument(metavar="[NETWORK|SCENARIO]")
@declared(P.EXPORT_FORMAT, "--to", "fmt", required=True,
          help="yaml, json, csv (a folder) and xlsx keep everything; graphml and gexf keep the actor graph.")
@output_option("Where to write (default: NETWORK.FORMAT, or the folder NETWORK-csv).")
@click.option("--force", is_flag=True, help="Overwrite an existing file or folder.")
@year_option
@old_spelling("--out")
@user_errors
def export(network: str, fmt: str, output: Path | None, force: bool, year: int | None) -> None:
    """Write a network (bundled name or file; a SCENARIO: its network of --year) in another format."""
    from symbiosis.io.atomic import check_output
    from symbiosis.io.export import DROPS, default_path, export_network, export_target

    target, names = export_target(fmt, output or default_path(network, fmt))
    check_output(target, "output", folder=fmt == "csv", names=names, force=force)
    net = network_of(network, year)
    path = export_network(net, fmt, target)
    click.echo(f"wrote {path}")
    if fmt in DROPS:
        click.echo(f"{fmt} holds the actor graph only; it leaves out:", err=True)
        for item in DROPS[fmt]:
            click.echo(_wrapped(f"  - {item}"), err=True)


@click.command()
@network_argument()
@click.option("--social", is_flag=True, help="Only the social factors (benefit rates, fleksjob, SROI).")
@click.option("--factor", "factors", multiple=True, metavar="KIND=VALUE", type=Pairs("discount_rate=0.04"),
              help="Show the table with an override.")
@click.option("--money", is_flag=True, help="Only the money table: the exchange rates and price indices that "
              "convert a factor table of another currency or price year into the network's, with their sources.")
@declared(P.FORMAT, "--format", "fmt")
@user_errors(flags={"overrides": "--factor"})
def factors(network: str, social: bool, money: bool, factors: tuple[dict, ...], fmt: str) -> None:
    """Every factor the scores use, with its value, unit, year, basis and source; then the network's
    currency and price year and the money table a factor table in another currency or year converts by."""
    import pandas as pd

    from symbiosis.accounting.report import factor_rows
    from symbiosis.io import load_network
    from symbiosis.model.money import money_rows
    from symbiosis.present.console import console
    from symbiosis.present.encode import dumps, records
    from symbiosis.present.network import print_factors, print_money
    from symbiosis.social import SOCIAL_TABLE, social_factors

    overrides = {k: v for item in factors for k, v in item.items()}
    net = load_network(network)
    if money:
        rows = pd.DataFrame(money_rows(net.currency, net.price_year)).astype({"year": "Int64"})
        if fmt == "table":
            print_money(net, rows, console())
            return
    else:
        rows = factor_rows(net, overrides or None)
    if social and not money:
        rows = rows[rows.factor.isin(set(social_factors(net))) | (rows.table == SOCIAL_TABLE)]
    if fmt == "csv":
        click.echo(rows.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(dumps(records(rows)))
    else:
        print_factors(rows, console())
        print_money(net, pd.DataFrame(money_rows(net.currency, net.price_year)), console(), brief=True)
