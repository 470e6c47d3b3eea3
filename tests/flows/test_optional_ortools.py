"""OR-Tools is an extra: without it, solve_blocks gives HiGHS the pure blocks too, after a one-line note."""

from __future__ import annotations

import logging
import sys

import flows
from flows import blocks
from flows.synthetic import regional


def test_without_ortools_highs_solves_the_pure_blocks_with_the_same_answer(monkeypatch, caplog):
    region = regional(n_actors=40, n_resources=4, seed=3)
    with_ortools = blocks.solve_blocks(region.problem)
    monkeypatch.setitem(sys.modules, "ortools", None)  # import ortools... now raises ImportError
    monkeypatch.setitem(sys.modules, "ortools.graph.python", None)
    blocks._ortools.cache_clear()
    try:
        with caplog.at_level(logging.WARNING, logger="flows"):
            without = blocks.solve_blocks(region.problem)
            blocks.solve_blocks(region.problem)
    finally:
        blocks._ortools.cache_clear()
    notes = [r.getMessage() for r in caplog.records if r.name == "flows"]
    assert len(notes) == 1 and "\n" not in notes[0] and "OR-Tools is not installed" in notes[0]
    assert without.status == "optimal" and without.info["network_flow_blocks"] == 0
    assert abs(without.objective - with_ortools.objective) <= 1e-6 * abs(with_ortools.objective)
    assert abs(without.objective - flows.solve(region.problem).objective) <= 1e-6 * abs(without.objective)
