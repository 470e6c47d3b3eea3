"""``symbiosis score``: the three bottom lines, lenses, social detail, rules, company view, assignment."""

from __future__ import annotations

from pathlib import Path

import click

from symbiosis import parameters as P
from symbiosis.cli.common import (
    FORMATS,
    Pairs,
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

__all__ = ["print_tbl", "score"]


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@declared(P.SCORE_OBJECTIVE, "--objective",
          help="What the flows optimiser minimises for the optimised answer; tbl = money + "
              "carbon value x CO2e, and the social line through the service assignment.")
@click.option("--weights", type=Pairs("cost=1,co2e=750,social=200000"),
              help="Flow weights and the social weight, e.g. cost=1,co2e=750,social=200000 "
              "(money, money per t CO2e, money per supported FTE-year; money in the network's currency). "
              "Without social: most supported jobs at no "
              "extra cost.")
@click.option("--factor", "factors", multiple=True, metavar="KIND=VALUE", type=Pairs("discount_rate=0.04"),
              help="Override a social factor, e.g. --factor discount_rate=0.04 (repeatable).")
@declared(P.NORMALISE, "--normalise",
          help="Composite index normalisation: value / target (the social index's sourced targets, plus "
              "--targets), or min-max over the three answers (ranks them only; said so in the output).")
@click.option("--targets", type=Pairs("co2e_avoided=500000"),
              help="More or other targets for --normalise target, e.g. co2e_avoided=500000,supported_fte=50.")
@click.option("--group-weights", type=Pairs("economy=1,environment=1,social=2"),
              help="Weights of the lens groups in the index, e.g. economy=1,environment=2,"
              "social=1 (Kolding: people, companies, society). Default: equal.")
@click.option("--indicator-weights", type=Pairs("public_value=2"),
              help="Weights of indicators within their group, e.g. public_value=2. Default: equal.")
@declared(P.MIN_HOURS, "--min-hours",
          help="Smallest service contract in hours/yr; above 0 the assignment is a mixed-integer programme.")
@declared(P.LANG, "--lang",
          help="Language of the whole report: every word from the message catalogue, numbers in its format "
              "(names from the data as written, or their Danish name_da).")
@declared(FORMATS, "--format", "fmt")
@output_option("Also write the report: FILE.json, FILE.csv, or a folder that gets tbl.json.")
@convention_option
@year_option
@force_option
@old_spelling("--out")
@user_errors(flags={"overrides": "--factor", "social_value": "--weights"})
def score(network: str, objective: str, weights: dict | None, factors: tuple[dict, ...], normalise: str,
          targets: dict | None, group_weights: dict | None, indicator_weights: dict | None, min_hours: float,
          lang: str, fmt: str, output: Path | None, convention: str | None, year: int | None,
          force: bool) -> None:
    """Three bottom lines in the Kalundborg and Kolding lenses, rule findings, the company view, and the
    social bottom line: public economy per payer, Kalundborg's pejlemærker, Kolding's design principles,
    the social index against its targets and the service assignment."""
    target = tbl_target(output, force)
    overrides = {k: v for item in factors for k, v in item.items()}
    print_tbl(network_of(network, year), fmt, target, lang=lang, objective=objective, weights=weights,
              factor_overrides=overrides or None, normalise=normalise, targets=targets,
              group_weights=group_weights, indicator_weights=indicator_weights, min_hours=min_hours,
              convention=convention)


def tbl_target(output: Path | None, force: bool) -> Path | None:
    """The file -o/--output names for the tbl report (FILE.json, FILE.csv, or FOLDER/tbl.json), checked
    before any work."""
    if output is None:
        return None
    from symbiosis.io.atomic import check_output

    if output.suffix.lower() in (".json", ".csv"):
        return check_output(output, "output", force=force)
    check_output(output, "output", folder=True, names=("tbl.json",), force=force)
    return output / "tbl.json"


def print_tbl(net, fmt: str, target: Path | None = None, lang: str = "en", **kwargs) -> None:
    """Score ``net`` on three lines and print the report (social sections in ``lang``); also write it to
    ``target`` (a .json or .csv file, from :func:`tbl_target`)."""
    from symbiosis.io.atomic import write_atomic
    from symbiosis.present.encode import dumps
    from symbiosis.present.scores import print_report, report_csv, report_json
    from symbiosis.scoring import tbl_report

    report = tbl_report(net, **kwargs)
    data = report_json(report)
    text = dumps(data) + "\n"
    if fmt == "json":
        click.echo(text, nl=False)
    elif fmt == "csv":
        click.echo(report_csv(data), nl=False)
    else:
        from symbiosis.present.console import console

        print_report(report, console(), lang)
    if target is not None:
        write_atomic(target, report_csv(data) if target.suffix.lower() == ".csv" else text)
        click.echo(f"wrote {target}", err=fmt != "table")
