"""What one `symbiosis simulate` does once (issue 25): the material and nutrient tables, once per answer (the
same tonnes whether each row's contributions are looked up per row or once per (kind, resource, route)); the
JSON of a table column by column, as cell by cell; the garbage collector's walk of the network read, left out
while it evaluates."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

import symbiosis.accounting.materials as materials
from symbiosis.cli import main
from symbiosis.evaluation import evaluate
from symbiosis.io import load_network


@pytest.fixture(scope="module")
def ev():
    """Kalundborg: it has actor-specific disposal routes (the utility's own wastewater row)."""
    return evaluate(load_network("kalundborg"), recommend=False)


def _row_by_row(result, network) -> dict:
    """The tonnes of :func:`materials._totals`, every row's contributions worked out on their own."""
    out: dict = {}
    for kind in ("virgin", "disposal"):
        table = getattr(result, kind)
        for a, r, q in zip(table.actor, table.resource, table.quantity, strict=True):
            for measure, material, basis, per_unit in materials._contributions(network, network.resource[r], kind, a):
                out[(measure, material, basis)] = out.get((measure, material, basis), 0.0) + q * per_unit
    return out


def test_tonnes_grouped_by_route_are_the_tonnes_row_by_row(ev):
    net = ev.network
    assert any(k[0] == "disposal_cost" and k[3] is not None for k in net.factor)  # a route of one actor's own
    for answer in ("counterfactual", "observed", "optimised"):
        assert materials._totals(ev.result(answer), net) == _row_by_row(ev.result(answer), net)


def test_tables_of_several_answers_are_each_answers_table(ev):
    tables = ev.materials("observed", "optimised")
    for answer, table in tables.items():
        alone = materials.material_table(ev.result(answer), ev.counterfactual, ev.network)
        assert table.equals(alone)
        assert ev.savings(answer, table) == ev.savings(answer)
    assert (tables["optimised"].value != 0).any()


@pytest.mark.parametrize("fmt", ["json", "table"])
def test_simulate_counts_each_answers_materials_once(monkeypatch, fmt):
    """Three answers, three counts of tonnes: the counterfactual's is shared, the savings reuse the tables."""
    calls = []
    totals = materials._totals

    def counted(result, network):
        calls.append(result)
        return totals(result, network)

    monkeypatch.setattr(materials, "_totals", counted)
    r = CliRunner().invoke(main, ["simulate", "kalundborg", "--format", fmt])
    assert r.exit_code == 0, r.output
    assert len(calls) == 3  # 8 before: each table and each savings counted the counterfactual again
    if fmt == "json":
        data = json.loads(r.output)
        rows = data["materials"]["optimised"]
        assert rows and {f"{m['measure']}:{m['material']}" for m in rows} <= {
            ":".join(k.split(":")[:2]) for k in data["savings"]["optimised"]}


def test_json_tables_column_by_column_are_the_cells_one_by_one():
    """The encoder's shortcuts (names kept as they are, lists of names, 0 and -0) write what the cell by cell
    encoding writes: every cell through :func:`plain` on its own."""
    import math

    import numpy as np
    import pandas as pd

    from symbiosis.present.encode import plain, records

    df = pd.DataFrame({"what": ["stream", "disposal", None, "stream"], "agree": [["a", "b"], [], ("c",), None],
                       "x": [0.0, -0.0, 201353950.59999996, math.nan], "y": [np.inf, 1e-17, -3.5, 2.0],
                       "n": [1, 2, 3, 4], "mixed": ["s", 1.25, {"k": "v", "f": 0.1 + 0.2}, {"z", "a"}]})
    one_by_one = [{k: None if (not isinstance(v, list | tuple | set | dict) and pd.isna(v)) else plain(v)
                   for k, v in row.items()} for row in df.to_dict("records")]
    got = records(df)
    assert got == one_by_one
    assert math.copysign(1.0, got[1]["x"]) == -1.0 and got[2]["x"] == 201353950.6 and got[0]["y"] is None
    assert plain({"tie_check": {"unchecked": [{"what": "stream", "item": "s1"}]}, "t": ("a", 0.1 + 0.2)}) == {
        "tie_check": {"unchecked": [{"what": "stream", "item": "s1"}]}, "t": ["a", 0.3]}


def test_simulate_leaves_the_network_read_out_of_the_collectors_walks_and_puts_it_back(monkeypatch):
    import gc

    import symbiosis.evaluation

    frozen = []
    evaluate_ = symbiosis.evaluation.evaluate

    def seen(*args, **kwargs):
        frozen.append(gc.get_freeze_count())
        return evaluate_(*args, **kwargs)

    monkeypatch.setattr(symbiosis.evaluation, "evaluate", seen)
    before = gc.get_freeze_count()
    r = CliRunner().invoke(main, ["simulate", "kalundborg", "--format", "json"])
    assert r.exit_code == 0, r.output
    assert frozen and frozen[0] > before  # the network read and the modules, at least
    assert gc.get_freeze_count() == before
