"""What ``symbiosis metrics`` prints: tables of network metrics for people."""

from __future__ import annotations

from typing import cast

import pandas as pd

from symbiosis.errors import unknown_name
from symbiosis.metrics import COMMON_SCOPES, METRIC, METRICS, NetworkMetrics
from symbiosis.present.console import Justify
from symbiosis.present.encode import plain, records
from symbiosis.present.formatting import number
from symbiosis.present.rows import ActorMetricRow, MetricRow, rows

__all__ = ["COUNTS", "SHORT", "SUMMARY", "YEARLY_FLOW", "YEARLY_STRUCTURE", "check_scope", "fmt", "metric_catalogue",
           "metrics_json", "print_actors", "print_by_year", "print_metrics"]

COUNTS = {"n", "L", "no.scc", "no.scc.big"}
SUMMARY = ("n", "L", "TST", "FCI", "APL", "ASC.CAP", "robustness")
SHORT = {"n": "N", "L": "L", "C": "C", "LD": "L/N", "lam1A": "lam1", "no.scc.big": "SCC2+",
         "modularity": "Q", "TST": "TST", "FCI": "FCI", "APL": "APL", "ASC.CAP": "ASC/CAP", "robustness": "R"}
YEARLY_STRUCTURE = ("n", "L", "C", "LD", "lam1A", "no.scc.big", "modularity")
YEARLY_FLOW = ("TST", "FCI", "APL", "ASC.CAP", "robustness")


def fmt(value: float, key: str = "") -> str:
    """A metric for a table: counts as whole numbers, others to 4 significant figures."""
    if key in COUNTS and value is not None and value == value and abs(value) != float("inf"):
        return number(round(value))
    return number(value, significant=4)


def check_scope(scopes: list[str], scope: str | None) -> None:
    """Check that ``scope`` is one of ``scopes``.

    Parameters
    ----------
    scopes : list of str
        The network's scopes (``links``, ``mass``, ``energy``, a resource's unit ...).
    scope : str or None
        The scope the user asked for (None: the default one).

    Raises
    ------
    SymbiosisError
        When ``scope`` is not one of ``scopes``, naming the valid ones.
    """
    if scope is not None and scope not in scopes:
        raise unknown_name("scope", f"no scope '{scope}' in this network; valid: {', '.join(scopes)}")


def print_metrics(m: NetworkMetrics, console, title: str, scope: str | None = None) -> None:
    """Structure of all links, each common-unit scope in full, and a summary per resource.

    Parameters
    ----------
    m : NetworkMetrics
        The network's metrics (:func:`symbiosis.metrics.compute.compute`).
    console : rich.console.Console
        Where to print.
    title : str
        The heading (the network's name).
    scope : str, optional
        Show only this scope (:func:`check_scope`).
    """
    from rich.markup import escape
    from rich.table import Table

    scopes = [x.scope for x in m.matrices]
    check_scope(scopes, scope)
    by_scope = {x.scope: x for x in m.matrices}
    console.print(f"[bold]{title}[/bold], {m.year}: network metrics of the {m.flows} flows")
    show = [scope] if scope else ["links"] + [s for s in COMMON_SCOPES if s in by_scope]
    for s in show:
        mat = by_scope[s]
        unit = f", flows in {mat.unit}/yr" if mat.unit else ""
        t = Table(title=escape(f"{mat.label} [scope {s}]{unit}"), title_justify="left")
        heads: tuple[tuple[str, Justify], ...] = (("metric", "left"), ("value", "right"), ("unit", "left"),
                                                  ("meaning", "left"))
        for col, just in heads:
            t.add_column(col, justify=just)
        metric: MetricRow
        for metric in rows(m.table[m.table.scope == s]):
            t.add_row(metric.label, fmt(metric.value, metric.metric), metric.unit, metric.meaning)
        console.print(t)
        names = dict(zip(m.actors.actor, m.actors.name, strict=False))
        anchors = m.anchors.get(s, [])
        if anchors:
            what = "flow" if mat.has_flows else "links"
            console.print("Anchor tenants (removal cuts the most " + what + "): " + "; ".join(
                f"{names[a]} ({share:.0%})" for a, share in anchors))
        groups = [g for g in m.communities.get(s, []) if len(g) > 1]
        if len(groups) > 1:
            console.print("Clusters: " + " | ".join(", ".join(names[a] for a in g) for g in groups))
    print_actors(m, console, scope or "links", [s for s in COMMON_SCOPES if s in by_scope and not scope])
    if scope is None:
        resource_scopes = [x for x in m.matrices if x.scope not in COMMON_SCOPES and x.scope != "links"]
        if resource_scopes:
            t = Table(title="Per resource (flows in its own unit per year)", title_justify="left")
            t.add_column("scope")
            t.add_column("unit")
            for key in SUMMARY:
                t.add_column(SHORT[key], justify="right")
            for x in resource_scopes:
                vals = m.table[m.table.scope == x.scope].set_index("metric").value
                t.add_row(x.scope, f"{x.unit}/yr", *(fmt(vals.get(k, float("nan")), k) for k in SUMMARY))
            console.print(t)
        console.print("`--scope NAME` shows one scope in full; formulas and sources: docs/metrics.md.")


def print_actors(m: NetworkMetrics, console, scope: str, flow_scopes: list[str]) -> None:
    """Per actor: degree and betweenness in ``scope``, and the share of flow its removal cuts."""
    from rich.table import Table

    base = m.actors[m.actors.scope == scope]
    if base.empty:
        return
    t = Table(title=f"Actors (structure of scope {scope})", title_justify="left")
    cols: tuple[tuple[str, Justify], ...] = (
        ("actor", "left"), ("in (links)", "right"), ("out (links)", "right"), ("degree centrality (0-1)", "right"),
        ("betweenness (share)", "right"))
    for col, just in cols:
        t.add_column(col, justify=just)
    own = ["flow cut"] if scope not in ("links",) and scope not in flow_scopes else []
    for name in own + [f"flow cut ({s})" for s in flow_scopes]:
        t.add_column(name, justify="right")
    cuts = {s: m.actors[m.actors.scope == s].set_index("actor").share_cut for s in flow_scopes}
    base = base.assign(degree=base.in_degree + base.out_degree)
    r: ActorMetricRow
    for r in rows(base.sort_values(["degree", "betweenness"], ascending=False, kind="stable")):
        cells = [r.name, str(r.in_degree), str(r.out_degree), f"{r.degree_centrality:.2f}", f"{r.betweenness:.3f}"]
        if own:
            cells.append(f"{r.share_cut:.0%}")
        cells += [f"{cuts[s][r.actor]:.0%}" if r.actor in cuts[s].index else "" for s in flow_scopes]
        t.add_row(*cells)
    console.print(t)
    console.print("degree centrality = links / (N - 1); betweenness = share of shortest paths between other actors "
                  "through it; flow cut = share of the exchanged flow on its streams (lost if it left)")


def print_by_year(table: pd.DataFrame, console, title: str, scope: str | None = None, undated: int = 0,
                  heading: str | None = None) -> None:
    """One row per year: structure of all links and flow metrics of one scope.

    Parameters
    ----------
    table : pandas.DataFrame
        The metrics by year: columns ``year, scope, metric, value``.
    console : rich.console.Console
        Where to print.
    title : str
        The heading (the network's name).
    scope : str, optional
        The flow metrics' scope (default: ``mass``, else ``energy``, where present).
    undated : int, default 0
        How many streams have no recorded start year (they count from the network's year).
    heading : str, optional
        Replaces the line under the title (default: the network's history at recorded flows).
    """
    from rich.table import Table

    scopes = list(dict.fromkeys(table.scope))
    if scope is None:
        scope = next((s for s in ("mass", "energy") if s in scopes), None)
    check_scope(scopes + [s for s in COMMON_SCOPES], scope)
    console.print(f"[bold]{title}[/bold]: " + (heading or "metrics for each year of the network's history "
                                                "(streams running that year, at their recorded flows)"))
    flow_keys = YEARLY_FLOW if scope else ()
    t = Table(title=f"Structure of all running streams; {', '.join(SHORT[k] for k in flow_keys)} of scope {scope}"
              if scope else "Structure of all running streams", title_justify="left")
    t.add_column("years", no_wrap=True, min_width=9)
    for key in (*YEARLY_STRUCTURE, *flow_keys):
        t.add_column(SHORT[key], justify="right", no_wrap=True)
    spans: list[list] = []  # [first year, last year, cells]
    for key, part in table.groupby("year", sort=True):
        year = cast("int", key)  # the table's years are whole numbers
        links = part[part.scope == "links"].set_index("metric").value
        flows = part[part.scope == scope].set_index("metric").value if scope else pd.Series(dtype=float)
        cells = [*(fmt(links.get(k, float("nan")), k) for k in YEARLY_STRUCTURE),
                 *(fmt(flows.get(k, float("nan")), k) for k in flow_keys)]
        if spans and spans[-1][2] == cells and spans[-1][1] == year - 1:
            spans[-1][1] = year
        else:
            spans.append([year, year, cells])
    for first, last, cells in spans:
        t.add_row(str(first) if first == last else f"{first}-{last}", *cells)
    console.print(t)
    meanings = [f"{SHORT[k]} = {METRIC[k].label}: {METRIC[k].meaning}" for k in (*YEARLY_STRUCTURE, *flow_keys)]
    meanings.insert(0, "Years with the same values are merged; --format csv or json lists every year.")
    if undated:
        year = int(table.year.max())
        meanings.insert(1, f"{undated} stream{'s' * (undated != 1)} without a recorded start year count from {year} "
                        "only, the one year they are known to run (as in the report's history).")
    console.print("\n".join(meanings))


def metric_catalogue() -> list[dict]:
    """Every metric's key, label, unit and meaning, for JSON output.

    Returns
    -------
    list of dict
        One dict per metric: ``key, label, unit, meaning``.
    """
    return [{"key": x.key, "label": x.label, "unit": x.unit.replace("{u}", "flow unit/yr"), "meaning": x.meaning,
             "kind": x.kind} for x in METRICS]


def metrics_json(m: NetworkMetrics) -> dict:
    """Everything ``symbiosis metrics --format json`` prints for one network: plain JSON data.

    Parameters
    ----------
    m : NetworkMetrics
        The network's metrics.

    Returns
    -------
    dict
        The network, year and flows, the scopes, the metrics table, the actors' metrics, the
        anchor tenants and the communities.
    """
    return plain({
        "network": m.network, "year": m.year, "flows": m.flows,
        "scopes": [{"scope": x.scope, "label": x.label, "unit": None if x.unit is None else f"{x.unit}/yr",
                    "actors": list(x.actors)} for x in m.matrices],
        "metrics": records(m.table),
        "actors": records(m.actors),
        "anchor_tenants": {k: [{"actor": a, "share_cut": s} for a, s in v] for k, v in m.anchors.items()},
        "communities": m.communities,
    })
