"""``symbiosis report``: the interactive stakeholder page of a network, a scenario or a recorded run."""

from __future__ import annotations

from pathlib import Path

import click
from click.core import ParameterSource

from symbiosis import parameters as P
from symbiosis.cli.common import convention_option, declared, force_option, network_argument, user_errors
from symbiosis.errors import bad_parameter

__all__ = ["report"]


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO|RUN_ID]", run_ids=True)
@click.option("-o", "--output", "out", type=click.Path(path_type=Path), default=Path("report.html"),
              show_default=True, help="The HTML file to write.")
@declared(P.LANG, "--lang",
          help="Language of the page's words (names from the data stay as written).")
@declared(P.OBJECTIVE, "--objective",
          help="What the 'best use' figures minimise (a scenario's or run's own objective if not given).")
@click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
              help="The run store a RUN_ID is read from [default: ./symbiosis-runs.sqlite].")
@click.option("--stress", "with_stress", is_flag=True,
              help="Add the stress ranking: each company taken out in turn, the rest re-optimised.")
@click.option("--pareto", "pareto_axes", metavar="X,Y[,Z]",
              help="Add the Pareto front between these measures, e.g. cost,co2e or cost,co2e,social "
                   "(see `symbiosis pareto`).")
@click.option("--no-sensitivity", "no_sensitivity", is_flag=True,
              help="Leave out the tornado of the assumptions that drive the headline (saves a few seconds).")
@convention_option
@force_option
@user_errors(flags={"x": "--pareto", "y": "--pareto", "z": "--pareto"})
def report(network: str, out: Path, lang: str, objective: str, store: Path | None, with_stress: bool,
           pareto_axes: str | None, no_sensitivity: bool, convention: str | None, force: bool) -> None:
    """Write the interactive stakeholder report: one self-contained HTML file.

    NETWORK is a bundled network name (see `symbiosis networks`) or a YAML/JSON
    file. The page has a written summary, the network map, a Sankey of every
    flow, the triple-bottom-line scorecard, cost changes by company, the
    network's history with a year slider and a tornado of the assumptions that
    drive the headline savings; plotly.js is inlined, so it opens offline.

    A SCENARIO file is run year by year (no sampling, as `symbiosis simulate
    SCENARIO`); a RUN_ID reads a recorded run from the run store. Both add time
    paths of the headline indicators, Monte Carlo bands when the run has
    samples, and a waterfall of the base network against the last year; the
    other figures show the last year's network.
    """
    from symbiosis.io.atomic import check_output
    from symbiosis.reporting import is_run_id, write_page
    from symbiosis.reporting import pareto_axes as check_axes

    check_output(out, "out", force=force)
    if pareto_axes is not None:
        check_axes(pareto_axes)
    explicit = click.get_current_context().get_parameter_source("objective") is not ParameterSource.DEFAULT
    if store is not None and not is_run_id(network):
        raise bad_parameter("--store", f"--store reads a recorded run; '{network}' is not a run id "
                            "(give the run's number, see `symbiosis runs list`)")
    path = write_page(out, network, lang, objective if explicit else None, store, with_stress, pareto_axes,
                      sensitivity=not no_sensitivity, convention=convention)
    click.echo(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB); open it in any browser, it works offline")
