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
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted", "tbl"]), default="cost", show_default=True,
              help="What the optimiser minimises: DKK, t CO2e, DKK + carbon value x CO2e, or tbl: all three "
              "lines (prints the `symbiosis score` report).")
@click.option("--weights", help="Custom weights over named costs, e.g. cost=1,co2e=1500 (DKK per t CO2e); "
              "with --objective tbl also social=DKK per supported FTE-year.")
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
    if objective == "tbl":
        if html_path:
            raise SymbiosisError([Problem("--html", "the report needs --objective cost, co2e or weighted; "
                                          "write it with `symbiosis report` next to the tbl scores")])
        return _print_tbl(net, fmt, out_dir, weights=_parse_weights(weights))
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


@main.command()
@click.argument("network", default="kalundborg")
@click.option("--by", "by", type=click.Choice(["year"]), help="Compute the metrics for every year of the "
              "network's history (streams carry start and end years).")
@click.option("--flows", "flow_mode", type=click.Choice(["recorded", "observed", "optimised"]), default="recorded",
              show_default=True, help="recorded: the streams' recorded flows, no solver; observed/optimised: "
              "the solved answer of `symbiosis simulate` (cost objective).")
@click.option("--scope", help="One scope to show in full: a resource group, mass, energy or links.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@_user_errors
def metrics(network: str, by: str | None, flow_mode: str, scope: str | None, fmt: str) -> None:
    """Network metrics: structure, cycling and ecological network analysis (enaR formulas).

    Each metric is printed with a one-line meaning; docs/metrics.md gives the
    formulas and sources.
    """
    from symbiosis import metrics as mt
    from symbiosis import metrics_output as mo
    from symbiosis.io import load_network

    net = load_network(network)
    if by == "year":
        if flow_mode != "recorded":
            raise SymbiosisError([Problem("--flows", "--by year uses the recorded flows of the streams running "
                                          "each year; drop --flows or use --flows recorded")])
        table = mt.by_year(net)
        if fmt == "json":
            click.echo(json.dumps({"network": net.id, "name": net.name, "years": sorted(set(table.year)),
                                   "metrics_catalogue": mo.metric_catalogue(),
                                   "metrics": mt._records(table)}, indent=2, ensure_ascii=False))
        elif fmt == "csv":
            click.echo(table.to_csv(index=False), nl=False)
        else:
            undated = sum(1 for s in net.streams if s.status != "candidate" and s.start is None)
            mo.print_by_year(table, _console(), net.name, scope, undated)
        return
    result = None
    if flow_mode != "recorded":
        from symbiosis.compile import solve_network

        result = solve_network(net, flow_mode)
    m = mt.compute(net, result)
    if fmt == "json":
        mo.check_scope([x.scope for x in m.matrices], scope)
        click.echo(json.dumps(m.to_json(), indent=2, ensure_ascii=False))
    elif fmt == "csv":
        mo.check_scope([x.scope for x in m.matrices], scope)
        table = m.table if scope is None else m.table[m.table.scope == scope]
        click.echo(table.to_csv(index=False), nl=False)
    else:
        mo.print_metrics(m, _console(), net.name, scope)


def _parse_pairs(text: str | None, option: str, example: str) -> dict[str, float] | None:
    """``a=1,b=2`` -> ``{"a": 1.0, "b": 2.0}``; a bad pair is a user error naming the option."""
    if not text:
        return None
    try:
        return _parse_weights(text)
    except SymbiosisError:
        raise SymbiosisError([Problem(option, f"'{text}' is not NAME=NUMBER,...; for example {option} {example}")]) \
            from None


def _print_tbl(net, fmt: str, out_dir: Path | None = None, **kwargs) -> None:
    """Score ``net`` on three lines and print (or write) the report."""
    from symbiosis.io import write_atomic
    from symbiosis.tbl import print_report, report_json, tbl_report

    report = tbl_report(net, **kwargs)
    data = report_json(report)
    text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if fmt == "json":
        click.echo(text, nl=False)
    elif fmt == "csv":
        from symbiosis.scores import INDICATORS

        click.echo("key,line,unit,observed,optimised")
        for i in INDICATORS:
            o, p = data["scores"]["observed"][i.key], data["scores"]["optimised"][i.key]
            click.echo(f"{i.key},{i.line},{i.unit},{'' if o is None else o},{'' if p is None else p}")
    else:
        print_report(report, _console())
    if out_dir:
        write_atomic(out_dir / "tbl.json", text)
        click.echo(f"wrote {out_dir / 'tbl.json'}", err=fmt != "table")


@main.command()
@click.option("--network", "-n", "network", default="kalundborg", show_default=True,
              help="A bundled network name (see `symbiosis networks`) or a YAML/JSON file.")
@click.option("--objective", type=click.Choice(["cost", "co2e", "weighted", "tbl"]), default="tbl",
              show_default=True, help="What the flows optimiser minimises for the optimised answer; tbl = DKK + "
              "carbon value x CO2e, and the social line through the service assignment.")
@click.option("--weights", help="Flow weights and the social weight, e.g. cost=1,co2e=750,social=200000 "
              "(DKK, DKK per t CO2e, DKK per supported FTE-year). Without social: most supported jobs at no "
              "extra cost.")
@click.option("--factor", "factors", multiple=True, metavar="KIND=VALUE",
              help="Override a social factor, e.g. --factor discount_rate=0.04 (repeatable).")
@click.option("--normalise", type=click.Choice(["minmax", "target"]), default="minmax", show_default=True,
              help="Composite index normalisation: min-max over the answers, or distance to --targets.")
@click.option("--targets", help="Targets for --normalise target, e.g. co2e_avoided=500000,supported_fte=50.")
@click.option("--group-weights", help="Weights of the lens groups in the index, e.g. economy=1,environment=2,"
              "social=1 (Kolding: people, companies, society). Default: equal.")
@click.option("--indicator-weights", help="Weights of indicators within their group, e.g. public_value=2. "
              "Default: equal.")
@click.option("--min-hours", type=float, default=0.0, show_default=True,
              help="Smallest service contract in hours/yr; above 0 the assignment is a mixed-integer programme.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Also write tbl.json into this folder.")
@_user_errors
def score(network: str, objective: str, weights: str | None, factors: tuple[str, ...], normalise: str,
          targets: str | None, group_weights: str | None, indicator_weights: str | None, min_hours: float,
          fmt: str, out_dir: Path | None) -> None:
    """Three bottom lines in the Kalundborg and Kolding lenses, rule findings and the company view."""
    from symbiosis.io import load_network

    overrides: dict[str, float] = {}
    for item in factors:
        overrides.update(_parse_pairs(item, "--factor", "discount_rate=0.04") or {})
    if min_hours < 0:
        raise SymbiosisError([Problem("--min-hours", f"{min_hours:g} must not be negative")])
    net = load_network(network)
    _print_tbl(net, fmt, out_dir, objective=objective, weights=_parse_weights(weights),
               factor_overrides=overrides or None, normalise=normalise,
               targets=_parse_pairs(targets, "--targets", "co2e_avoided=500000"),
               group_weights=_parse_pairs(group_weights, "--group-weights", "economy=1,environment=1,social=2"),
               indicator_weights=_parse_pairs(indicator_weights, "--indicator-weights", "public_value=2"),
               min_hours=min_hours)


def _write_report(path: Path, ev, lang: str, network_arg: str, err: bool = False) -> None:
    from symbiosis.viz.report import write_report

    if path.exists() and path.is_dir():
        raise SymbiosisError([Problem("-o", f"'{path}' is a folder; give a file name such as {path / 'report.html'}")])
    write_report(path, ev, lang, network_arg=network_arg)
    size = path.stat().st_size / 1e6
    click.echo(f"wrote {path} ({size:.1f} MB); open it in any browser, it works offline", err=err)


@main.command()
@click.argument("network", default="kalundborg")
@click.option("--social", is_flag=True, help="Only the social factors (benefit rates, fleksjob, SROI).")
@click.option("--factor", "factors", multiple=True, metavar="KIND=VALUE", help="Show the table with an override.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "json"]), default="table", show_default=True)
@_user_errors
def factors(network: str, social: bool, factors: tuple[str, ...], fmt: str) -> None:
    """Every factor the scores use, with its value, unit, year, basis and source."""
    from symbiosis.io import load_network
    from symbiosis.social import SOCIAL_TABLE
    from symbiosis.tbl import factor_rows

    overrides: dict[str, float] = {}
    for item in factors:
        overrides.update(_parse_pairs(item, "--factor", "discount_rate=0.04") or {})
    rows = factor_rows(load_network(network), overrides or None)
    if social:
        from symbiosis.social import social_factors

        kinds = set(social_factors(load_network(network)))
        rows = rows[rows.factor.isin(kinds) | (rows.table == SOCIAL_TABLE)]
    if fmt == "csv":
        click.echo(rows.to_csv(index=False), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(rows.astype(object).where(rows.notna(), None).to_dict(orient="records"),
                              indent=2, ensure_ascii=False))
    else:
        from rich.table import Table

        t = Table(title=f"Factors ({len(rows)}): where each comes from", title_justify="left", expand=True)
        for col in ("factor", "value", "unit", "year", "basis", "source / method"):
            t.add_column(col, overflow="fold", justify="right" if col == "value" else "left",
                         no_wrap=col in ("value", "year"), ratio=1 if col == "source / method" else None)
        for r in rows.itertuples():
            year = "" if r.year is None or r.year != r.year else str(int(r.year))
            name = r.factor + (f" ({r.applies_to})" if r.applies_to else "") + f"\n[dim]{r.table}[/dim]"
            t.add_row(name, f"{r.value:,.6g}", r.unit, year, r.basis,
                      r.source + (f"\n[dim]how: {r.method}[/dim]" if r.method else ""))
        _console().print(t)


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
