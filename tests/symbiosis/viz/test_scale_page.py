"""The page of a large park stays readable: the map clusters, the Sankey and the tables are bounded.

One generated park of 200 companies (just past :data:`~symbiosis.viz.clusters.CLUSTER_AT`,
about 800 streams, so the Sankey's flows pass :data:`~symbiosis.viz.sankey.MOST_LINKS`), evaluated
once without recommendations (the figures draw answers, not recommendations). The 2,000-company
page's size and load time are measured in ``benchmarks/page_scale.py``, not here.
"""

from __future__ import annotations

import re
from urllib.parse import unquote

import pandas as pd
import pytest

from symbiosis.evaluation import evaluate
from symbiosis.io.park import park
from symbiosis.viz import clusters, data
from symbiosis.viz.evolution import evolution
from symbiosis.viz.html import figure_parts
from symbiosis.viz.network_map import network_map
from symbiosis.viz.sankey import MOST_LINKS, sankey
from symbiosis.viz.social import MOST_ROWS, social_html


@pytest.fixture(scope="module")
def big():
    net = park(200, seed=7)
    return net, evaluate(net, recommend=False)


@pytest.fixture(scope="module")
def figures(big):
    """The three figures that grow with a park, drawn once."""
    net, ev = big
    return {"map": network_map(net, ev.observed), "sankey": sankey(net, ev.observed), "evolution": evolution(net)}


def _streams_of(hover: str) -> int:
    return int(re.match(r"<b>([\d,]+) streams?</b>", hover).group(1).replace(",", ""))


def test_map_of_a_large_park_draws_bounded_clusters_holding_every_company(big, figures):
    net, _ = big
    fig = figures["map"]
    assert not [t for t in fig.data if t.meta == "actors"]  # no dot per company
    [dots] = [t for t in fig.data if t.meta == "clusters"]
    assert 1 < len(dots.x) <= clusters.MOST_CLUSTERS
    # every company in exactly one dot: the counts written in the dots (a lone company: no number) add up
    assert sum(int(t) if t else 1 for t in dots.text) == len(net.actors)
    assert sum(bool(t) for t in dots.text) <= clusters.MOST_CLUSTERS  # names and numbers written on the map
    hovers = [h for t in fig.data if t.meta == "stream-hover" for h in t.hovertext]
    lines = sum(t.x.count(None) for t in fig.data if t.mode == "lines" and t.x != (None,))
    assert len(hovers) == lines <= clusters.MOST_LINES
    [left] = [t for t in fig.data if t.legendgroup == "left"]  # what is not drawn is said
    assert int(re.match(r"[\d,]+", left.name).group(0).replace(",", "")) > 0


def test_lines_between_clusters_and_streams_within_count_every_stream_once(big):
    net, ev = big
    streams = data.stream_table(net, ev.observed)
    grouped = clusters.group(net)
    traces = clusters.line_traces(net, grouped, streams, "en", most=10**6)
    between = sum(_streams_of(h) for t in traces if t.get("meta") == "stream-hover" for h in t["hovertext"])
    within = int(clusters._within(grouped, streams).sum())
    assert between + within == len(streams) and between > 0 and within > 0


def test_cluster_hover_lists_the_biggest_members_first(big):
    net, ev = big
    grouped = clusters.group(net)
    k = max(range(len(grouped.members)), key=lambda i: len(grouped.members[i]))
    members = grouped.members[k]
    assert len(members) > clusters.MOST_NAMED
    value = {m: float(i) for i, m in enumerate(members)}  # the last in the file is the biggest
    tp = pd.DataFrame({"actor": [a.id for a in net.actors],
                       "value_money": [value.get(a.id, 0.0) for a in net.actors]})
    [trace] = clusters.cluster_traces(net, grouped, tp, data.stream_table(net, ev.observed), "en")
    hover = trace["hovertext"][trace["text"].index(str(len(members)))].split("<br>")
    names = {a.id: a.name for a in net.actors}
    expected = [names[m] for m in members[::-1][:clusters.MOST_NAMED]]
    assert [h.split(":")[0] for h in hover[2:2 + clusters.MOST_NAMED]] == expected
    assert f"… and {len(members) - clusters.MOST_NAMED} more" in hover


def test_a_small_park_keeps_a_dot_and_a_name_per_company():
    net = park(30, seed=7)
    fig = network_map(net, evaluate(net, recommend=False).observed)
    assert not [t for t in fig.data if t.meta == "clusters"]
    assert sum(len(t.x) for t in fig.data if t.meta == "actors") == 30


def test_sankey_of_a_large_park_draws_at_most_the_limit_and_loses_no_flow(big, figures):
    net, ev = big
    fig = figures["sankey"]
    table = data.sankey_table(net, ev.observed)
    for trace in fig.data:
        assert len(trace.link.source) <= MOST_LINKS
        assert len(trace.node.label) <= MOST_LINKS + 1
        # each flow is drawn twice (supplier -> resource -> receiver): grouping keeps every tonne
        assert sum(trace.link.value) == pytest.approx(2 * table[table.unit == trace.name].value.sum())
    others = [lbl for t in fig.data for lbl in t.node.label if lbl.startswith("Other, ")]
    assert others, "the smallest flows are grouped per resource"


def test_fold_rest_counts_each_grouped_flow_once(big):
    net, ev = big
    table = data.fold_small(data.sankey_table(net, ev.observed), 20)
    out = data.fold_rest(table, 60)
    assert len(out) <= 60 and len(table) > 60
    kept = (out.source_kind != "rest").sum()
    assert kept + sum(out.attrs["rest"].values()) == len(table)
    assert data.fold_rest(table, len(table)) is table  # a small table is left alone


def test_history_map_of_a_large_park_is_clustered_in_every_frame(figures):
    fig = figures["evolution"]
    for frame in fig.frames:
        [dots] = [t for t in frame.data if t.meta == "clusters"]
        assert len(dots.x) <= clusters.MOST_CLUSTERS
        assert len(frame.data) == len(fig.frames[0].data)  # the same traces in every frame, as animation needs


def test_figures_of_a_large_park_stay_small(figures):
    """The three figures that grow with a park: well under the page's 3 MB (less plotly.js) at 200 companies,
    and bounded (the benchmark gives 0.5 MB for the whole page at 2,000)."""
    size = sum(len(str(p["data"])) + len(str(p["layout"])) + len(str(p["frames"] or ""))
               for p in (figure_parts(f, {}) for f in figures.values()))
    assert size < 400_000


def test_a_long_table_shows_its_first_rows_and_carries_the_whole_as_csv():
    n = MOST_ROWS + 70
    links = pd.DataFrame({"provider": "se", "client": [f"c{i}" for i in range(n)], "service": "laundry",
                          "hours": 10.0, "supported_fte": 0.5})
    names = {"se": "Social <enterprise>", **{f"c{i}": f"Company {i}" for i in range(n)}}
    summary = {"assignment": {"links": links, "supported_fte": 60.0, "cost": 1.0, "market_cost": 2.0,
                              "agreements": None}}
    html = str(social_html(summary, names, "en"))
    body = re.search(r"<tbody>(.*?)</tbody>", html, re.S).group(1)
    assert body.count("<tr>") == MOST_ROWS
    assert f"The first {MOST_ROWS} of {n} rows" in html
    href = re.search(r'href="data:text/csv;charset=utf-8,([^"]*)"', html).group(1)
    rows = unquote(href.replace("&amp;", "&")).splitlines()
    assert len(rows) == n + 1 and rows[-1].startswith(f"Social <enterprise>,Company {n - 1},laundry")
