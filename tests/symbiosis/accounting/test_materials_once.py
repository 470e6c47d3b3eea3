"""The material and nutrient tables: counted once per answer in a `symbiosis simulate`, and the same tonnes
whether each row's contributions are looked up per row or once per (kind, resource, route) (issue 25)."""

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
