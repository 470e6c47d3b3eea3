"""Planning commands: ``stress`` (resilience), ``design`` (new links), ``pareto`` (trade-offs), ``prices``,
``sensitivity`` (which assumptions drive the answer)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from symbiosis import parameters as P
from symbiosis.cli.common import (
    FORMATS,
    Pairs,
    ProgressBar,
    convention_option,
    declared,
    force_option,
    network_argument,
    network_of,
    old_spelling,
    output_option,
    user_errors,
    year_option,
)
from symbiosis.errors import bad_parameter

__all__ = ["design", "pareto", "prices", "sensitivity", "stress"]


def _console():
    from symbiosis.present.console import console

    return console()


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@declared(P.STRESS_BY, "--by",
          help="Remove each actor (with all that is its) or each running stream in turn.")
@declared(P.FAILURES, "--failures",
          help="Instead: take this many random actors out at once, --samples times.")
@declared(P.FAILURE_SAMPLES, "--samples", help="Random multi-failure samples (at most {high:,}).")
@declared(P.SEED, "--seed")
@declared(P.STRESS_TOP, "--top",
          help="Re-solve exactly the removals with the largest bound from the duals; the rest keep the bound.")
@click.option("--all", "every", is_flag=True, help="Re-solve every removal exactly (same as --top with their number).")
@declared(P.OBJECTIVE, "--objective")
@declared(FORMATS, "--format", "fmt")
@year_option
@user_errors(flags={"k": "--failures", "top": "--top"})
def stress(network: str, by: str, failures: int | None, samples: int, seed: int, top: int, every: bool,
           objective: str, fmt: str, year: int | None) -> None:
    """Resilience: remove each actor (or stream), re-optimise, rank by what the symbiosis loses.

    NETWORK is a bundled network, a network file or a SCENARIO file (its network of --year).
    Every removal is screened by a bound from the duals of the optimum; the --top largest (all with --all)
    are re-solved exactly (column ``exact``).
    """
    net = network_of(network, year)  # a mistake in the file is answered before the engine is imported
    from symbiosis.planning.stress import random_failures
    from symbiosis.planning.stress import stress as run_stress

    bar = ProgressBar(what="removals")
    try:
        if failures is None:
            table = run_stress(net, by, objective, progress=bar.update, top=None if every else top)
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
        from symbiosis.present.encode import dumps, records

        click.echo(dumps(records(table)))
        return
    from symbiosis.present.planning import print_failures, print_stress
    from symbiosis.simulate.summary import PERCENTILES

    if failures is None:
        print_stress(net, by, table, _console())
    else:
        print_failures(net, failures, samples, seed, table, PERCENTILES, _console())


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@declared(P.OBJECTIVE, "--objective",
          help="What the design minimises each year, besides the links' annualised cost.")
@click.option("--weights", type=Pairs("cost=1,co2e=1500"),
              help="Custom weights over named costs, e.g. cost=1,co2e=1500 (money per t CO2e, in the network's "
              "currency).")
@declared(P.DISCOUNT_RATE, "--discount-rate",
          help="Yearly rate for annualising investments (Danish socio-economic rate: 0.035).")
@declared(P.LIFETIME, "--lifetime", help="Years, for candidates that give no lifetime of their own.")
@declared(P.TIME_LIMIT, "--time-limit", help="Stop the MILP search after this many seconds.")
@declared(P.GAP, "--gap", help="Stop when the design is proven within this relative gap of the best possible.")
@declared(FORMATS, "--format", "fmt")
@year_option
@user_errors
def design(network: str, objective: str, weights: dict | None, discount_rate: float, lifetime: int,
           time_limit: float | None, gap: float, fmt: str, year: int | None) -> None:
    """Propose which candidate streams to build, with the payback time of each."""
    from symbiosis.planning.design import design_links
    from symbiosis.present.encode import csv_text
    from symbiosis.present.planning import design_json, print_design

    ld = design_links(network_of(network, year), objective, weights, discount_rate, lifetime, time_limit, gap)
    if fmt == "json":
        from symbiosis.present.encode import dumps

        click.echo(dumps(design_json(ld)))
    elif fmt == "csv":
        click.echo(csv_text(ld.links), nl=False)
    else:
        print_design(ld, gap, _console())


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@click.option("--x", "x", default="cost", show_default=True,
              help="First measure: cost, co2e, groundwater, virgin_material, disposed (lower is better) or "
                   "social (supported FTE, higher is better).")
@click.option("--y", "y", default="co2e", show_default=True,
              help="Second measure (social = supported FTE, maximised; needs service_offers and service_needs).")
@click.option("--z", "z", default=None, help="A third measure: a surface on a points x points grid.")
@declared(P.POINTS, "--points", help="Points along the front (at most); with --z, per axis.")
@declared(FORMATS, "--format", "fmt")
@output_option("Also write the front to this .csv or .json file.", file_only=True)
@year_option
@force_option
@old_spelling("--out")
@user_errors
def pareto(network: str, x: str, y: str, z: str | None, points: int, fmt: str, output: Path | None,
           year: int | None, force: bool) -> None:
    """The Pareto front between two or three bottom lines (e.g. money, t CO2e and supported jobs)."""
    from symbiosis.io.atomic import check_output, write_atomic
    from symbiosis.planning.pareto import pareto as front
    from symbiosis.present.encode import csv_text, dumps
    from symbiosis.present.planning import pareto_json, print_pareto

    out_file = output
    if out_file is not None and out_file.suffix.lower() not in (".csv", ".json"):
        raise bad_parameter("--output", f"'{out_file}' must end in .csv or .json")
    if out_file is not None:
        check_output(out_file, "output", force=force)
    pf = front(network_of(network, year), x, y, points, z=z)
    if fmt == "json":
        click.echo(dumps(pareto_json(pf)))
    elif fmt == "csv":
        click.echo(csv_text(pf.points), nl=False)
    else:
        print_pareto(pf, _console())
    if out_file is not None:
        write_atomic(out_file, dumps(pareto_json(pf)) if out_file.suffix.lower() == ".json"
                     else csv_text(pf.points))
        click.echo(f"wrote {out_file}", err=fmt != "table")


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@declared(P.OBJECTIVE, "--objective")
@click.option("--weights", type=Pairs("cost=1,co2e=1500"),
              help="Custom weights over named costs, e.g. cost=1,co2e=1500 (money per t CO2e, in the network's "
              "currency).")
@declared(FORMATS, "--format", "fmt",
          help="csv prints the stream table; json both tables.")
@convention_option
@year_option
@user_errors
def prices(network: str, objective: str, weights: dict | None, fmt: str, convention: str | None,
           year: int | None) -> None:
    """Shadow prices: what one more unit is worth at each actor, and the price range of each stream."""
    from symbiosis.planning.prices import shadow_prices
    from symbiosis.present.encode import csv_text
    from symbiosis.present.planning import prices_json, print_prices

    sp = shadow_prices(network_of(network, year), objective, weights, convention)
    if fmt == "json":
        from symbiosis.present.encode import dumps

        click.echo(dumps(prices_json(sp)))
    elif fmt == "csv":  # 12 significant digits: duals carry the solver's last-digit noise (0.36000000000000004)
        click.echo(csv_text(sp.streams), nl=False)
    else:
        print_prices(sp, _console())


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@declared(P.ANSWER, "--answer",
          help="Whose savings: today's recorded flows, or the optimised ones.")
@declared(P.OBJECTIVE, "--objective", help="What the optimised answer minimises.")
@click.option("--weights", type=Pairs("cost=1,co2e=1500"),
              help="Custom weights over named costs, e.g. cost=1,co2e=1500 (money per t CO2e, in the network's "
              "currency).")
@declared(P.SPREAD, "--spread",
          help="How far an estimate without a stated range is moved either way (0.25: +-25%).")
@declared(P.SENSITIVITY_BY, "--by", help="The indicator the inputs are ranked by.")
@declared(P.SENSITIVITY_TOP, "--top", help="How many assumptions the table shows (csv and json have all).")
@declared(FORMATS, "--format", "fmt")
@convention_option
@year_option
@user_errors
def sensitivity(network: str, answer: str, objective: str, weights: dict | None, spread: float, by: str, top: int,
                fmt: str, convention: str | None, year: int | None) -> None:
    """Which inputs drive the answer: a tornado of the headline savings over every input.

    Each number (a price, an emission factor, a flow, a capacity, a loss, a
    distance, a process ratio) is moved alone to the low and the high end of
    its stated range; an estimate without one --spread either way, a
    published number by the default range of its kind; each other
    accounting convention is a row too. The network is compiled once and
    each end re-solved warm.
    """
    net = network_of(network, year)  # a mistake in the file is answered before the engine is imported
    from symbiosis.accounting.conventions import DEFAULT
    from symbiosis.planning.sensitivity import sensitivity as run

    keys = (by, *(k for k in P.SENSITIVITY_BY.choices or () if k != by))
    base, tab = run(net, objective, weights, answer, convention, spread, keys)
    if fmt == "csv":
        click.echo(tab.to_csv(index=False, float_format="%.12g"), nl=False)
        return
    from symbiosis.present.sensitivity import print_sensitivity, sensitivity_json

    if fmt == "json":
        from symbiosis.present.encode import dumps

        click.echo(dumps(sensitivity_json(net, answer, convention or DEFAULT, base, tab)))
        return
    print_sensitivity(net, answer, convention or DEFAULT, base, tab, _console(), top)
