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


@main.command()
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name or a YAML/JSON file with candidate streams.")
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
@_user_errors
def design(network: str, objective: str, weights: str | None, discount_rate: float, lifetime: int,
           time_limit: float | None, gap: float, fmt: str) -> None:
    """Propose which candidate streams to build, with the payback time of each."""
    from symbiosis.design import design_json, design_links
    from symbiosis.io import load_network

    ld = design_links(load_network(network), objective, _parse_weights(weights), discount_rate, lifetime,
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
              help="A bundled network name or a YAML/JSON file.")
@click.option("--x", "x", default="cost", show_default=True,
              help="First measure to minimise: cost, co2e, groundwater, virgin_material or disposed.")
@click.option("--y", "y", default="co2e", show_default=True, help="Second measure to minimise.")
@click.option("--points", type=int, default=11, show_default=True, help="Points along the front (at most).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write the front to this .csv or .json file.")
@_user_errors
def pareto(network: str, x: str, y: str, points: int, fmt: str, out_file: Path | None) -> None:
    """The Pareto front between two bottom lines (e.g. DKK against t CO2e)."""
    from symbiosis.io import load_network, write_atomic
    from symbiosis.pareto import pareto as front

    if out_file is not None and out_file.suffix.lower() not in (".csv", ".json"):
        raise SymbiosisError([Problem("--out", f"'{out_file}' must end in .csv or .json")])
    pf = front(load_network(network), x, y, points)
    table = pf.points
    as_json = lambda: json.dumps({"network": pf.network.id, "x": x, "y": y,  # noqa: E731
                                  "points": json.loads(table.to_json(orient="records"))}, indent=2)
    if fmt == "json":
        click.echo(as_json())
    elif fmt == "csv":
        click.echo(table.to_csv(index=False), nl=False)
    else:
        from rich.table import Table

        t = Table(title=f"Pareto front of {pf.network.name}: {x} against {y}")
        cols = [c for c in table.columns if c not in ("supported_persons",)]
        for col in cols:
            t.add_column(col.replace("_", " "), justify="right")
        for row in table.itertuples(index=False):
            t.add_row(*["-" if v != v else (f"{v:,.0f}" if abs(v) >= 1e4 else f"{v:,.6g}")
                        if isinstance(v, float) else str(v) for v in (getattr(row, c) for c in cols)])
        con = _console()
        con.print(t)
        if len(table) == 1:
            con.print(f"One point: {x} and {y} do not pull apart here; the flows best for one are best for both.")
        con.print(f"trade off: {x} per unit of {y} avoided, from the point above. Supported jobs on service "
                  f"links do not depend on the flows: {table.supported_persons.iloc[0]:g} persons at every point.")
    if out_file is not None:
        write_atomic(out_file, as_json() if out_file.suffix.lower() == ".json" else table.to_csv(index=False))
        click.echo(f"wrote {out_file}", err=fmt != "table")


@main.command()
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name or a YAML/JSON file.")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted"]), default="cost", show_default=True)
@click.option("--weights", help="Custom weights over named costs, e.g. cost=1,co2e=1500 (DKK per t CO2e).")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True,
              help="csv prints the stream table; json both tables.")
@_user_errors
def prices(network: str, objective: str, weights: str | None, fmt: str) -> None:
    """Shadow prices: what one more unit is worth at each actor, and the price range of each stream."""
    from symbiosis.io import load_network
    from symbiosis.prices import shadow_prices

    sp = shadow_prices(load_network(network), objective, _parse_weights(weights))
    if fmt == "json":
        click.echo(json.dumps({"network": sp.network.id, "weights": sp.weights,
                               "balances": json.loads(sp.balances.to_json(orient="records")),
                               "streams": json.loads(sp.streams.to_json(orient="records"))}, indent=2,
                              ensure_ascii=False))
        return
    if fmt == "csv":
        click.echo(sp.streams.to_csv(index=False), nl=False)
        return
    from rich.table import Table

    money = "DKK" if set(sp.weights) == {"cost"} else "objective units"
    con = _console()
    t = Table(title=f"{sp.network.name}: one more unit is worth ({money}/unit)")
    for col in ("actor", "resource", "value per unit"):
        t.add_column(col, justify="right" if col == "value per unit" else "left")
    for r in sp.balances.itertuples():
        t.add_row(r.actor, r.resource, f"{r.value_dkk_per_unit:,.2f} /{r.unit}")
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
