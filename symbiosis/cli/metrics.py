"""``symbiosis metrics``: structure, cycling and ecological network analysis of a network or scenario."""

from __future__ import annotations

import click

from symbiosis import parameters as P
from symbiosis.cli.common import FORMATS, declared, network_argument, user_errors
from symbiosis.errors import bad_parameter

__all__ = ["metrics"]


@click.command()
@network_argument(metavar="[NETWORK|SCENARIO]")
@declared(P.METRICS_BY, "--by", "by", help="Compute the metrics for every year of the "
              "network's history (streams carry start and end years), or of a scenario's horizon.")
@declared(P.METRICS_ANSWER, "--answer", "--flows", "answer",
          help="recorded: the streams' recorded flows, no solver; "
              "observed/optimised: the solved answer of `symbiosis simulate` (cost objective).")
@click.option("--scope", help="One scope to show in full: a resource group, mass, energy or links.")
@declared(FORMATS, "--format", "fmt")
@user_errors
def metrics(network: str, by: str | None, answer: str, scope: str | None, fmt: str) -> None:
    """Network metrics: structure, cycling and ecological network analysis (enaR formulas).

    NETWORK is a bundled name, a network file or a scenario file: with a
    scenario, the metrics of the last year of its horizon, or of every year
    with --by year, on the network its events leave in that year.
    Each metric is printed with a one-line meaning; docs/metrics.md gives the
    formulas and sources.
    """
    from symbiosis import metrics as mt
    from symbiosis.present import metrics as mo
    from symbiosis.present.console import console
    from symbiosis.present.encode import dumps, records
    from symbiosis.scenario import is_scenario_file, load_scenario

    scenario = load_scenario(network) if is_scenario_file(network) else None
    if by == "year":
        if scenario is None:
            from symbiosis.io import load_network

            net = load_network(network)
            if answer != "recorded":
                raise bad_parameter("--answer", "--by year uses the recorded flows of the streams "
                                    "running each year; drop --answer or use --answer recorded")
            table = mt.by_year(net)
            head = {"network": net.id, "name": net.name, "years": sorted(set(table.year))}
            title, undated = net.name, sum(1 for s in net.streams if s.status != "candidate" and s.start is None)
            heading = None
        else:
            sc = scenario.scenario
            span = f"{sc.horizon.start}-{sc.horizon.end}"
            table = mt.scenario_by_year(scenario, answer)
            head = {"scenario": sc.name, "network": scenario.base.id, "horizon": span, "flows": answer,
                    "years": sc.years}
            how = "recorded flows" if answer == "recorded" else f"{answer} flows (each year's network solved)"
            title, undated = sc.name, 0
            heading = (f"metrics for each year of the horizon {span}, on the network the scenario's events leave "
                       f"that year ({how})")
        if fmt == "json":
            click.echo(dumps({**head, "metrics_catalogue": mo.metric_catalogue(), "metrics": records(table)}))
        elif fmt == "csv":
            if scenario is not None:
                mo.check_scope(sorted(set(table.scope)), scope)
                table = table if scope is None else table[table.scope == scope]
            click.echo(table.to_csv(index=False), nl=False)
        else:
            mo.print_by_year(table, console(), title, scope, undated, **({"heading": heading} if heading else {}))
        return
    if scenario is None:
        from symbiosis.io import load_network

        net, note, year = load_network(network), None, None
    else:
        sc = scenario.scenario
        span = f"{sc.horizon.start}-{sc.horizon.end}"
        year = sc.horizon.end
        net = scenario.network(year)
        note = (f"scenario '{sc.name}': the network of {year}, the last year of its horizon {span}, after its "
                f"events; --by year gives every year")
    m = mt.compute_answer(net, answer, year)
    if fmt in ("json", "csv"):
        mo.check_scope([x.scope for x in m.matrices], scope)
    if fmt == "json":
        doc = mo.metrics_json(m)
        if scenario is not None:
            doc.update({"scenario": scenario.scenario.name, "horizon": span, "note": note})
        click.echo(dumps(doc))
    elif fmt == "csv":
        if note:
            click.echo(f"# {note}", err=True)
        click.echo((m.table if scope is None else m.table[m.table.scope == scope]).to_csv(index=False), nl=False)
    else:
        con = console()
        if note:
            from rich.markup import escape

            con.print(escape(note[0].upper() + note[1:] + "."))
        mo.print_metrics(m, con, net.name, scope)
