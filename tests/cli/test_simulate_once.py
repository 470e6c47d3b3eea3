"""One `symbiosis simulate`: each answer compiled once and solved once, plus the ranging and the re-solves
that the recommendations declare, and the warm re-solves of the other shipped conventions that the
evaluation declares (``Evaluation.across``); nothing solves while the results are printed or written.

Every solver entry is spied on wherever a module holds it (``flows.solve``, ``compile_network``,
``nearest_optimum``, ``variable_ranges``, the tie screen's
``OptimalFace``, the warm ``flows.Model.solve`` of the re-solves, HiGHS itself), so a
second compile or a solve hidden behind a property is counted.
"""

from __future__ import annotations

import sys
from collections import Counter

import pytest
from click.testing import CliRunner

import flows
import flows.faces
import flows.highs
import flows.ranging
import symbiosis.engine.compiled
from symbiosis.cli import main


@pytest.fixture
def spies(monkeypatch):
    """Counts calls of the engine's entries; ``printing`` counts those made while presenting."""
    calls, printing = Counter(), Counter()
    state = {"presenting": 0}  # how deep in presentation functions
    originals = {"compile_network": symbiosis.engine.compiled.compile_network, "flows.solve": flows.solve,
                 "nearest_optimum": flows.ranging.nearest_optimum, "variable_ranges": flows.ranging.variable_ranges}

    def spy(name, fn):
        def wrapper(*args, **kwargs):
            (printing if state["presenting"] else calls)[name] += 1
            return fn(*args, **kwargs)
        return wrapper

    for name, fn in originals.items():
        wrapped = spy(name, fn)
        for mod in [m for k, m in list(sys.modules.items()) if k.split(".")[0] in ("symbiosis", "flows")]:
            for attr, value in list(vars(mod).items()):
                if value is fn:
                    monkeypatch.setattr(mod, attr, wrapped)
    monkeypatch.setattr(flows.Model, "solve", spy("Model.solve", flows.Model.solve))
    monkeypatch.setattr(flows.faces.OptimalFace, "__init__", spy("OptimalFace", flows.faces.OptimalFace.__init__))
    monkeypatch.setattr(flows.highs.LinearModel, "run", spy("highs", flows.highs.LinearModel.run))

    import symbiosis.present.simulation as present

    def presenting(fn):
        def wrapper(*args, **kwargs):
            state["presenting"] += 1
            try:
                return fn(*args, **kwargs)
            finally:
                state["presenting"] -= 1
        return wrapper

    for name in ("print_simulation", "simulation_json_text", "simulation_files", "flows_table"):
        monkeypatch.setattr(present, name, presenting(getattr(present, name)))
    import symbiosis.viz.report as page

    monkeypatch.setattr(page, "build_report", presenting(page.build_report))
    return calls, printing


@pytest.mark.parametrize("fmt", ["table", "json"])
def test_one_simulate_compiles_and_solves_each_answer_once(spies, tmp_path, fmt):
    calls, printing = spies
    r = CliRunner().invoke(main, ["simulate", "kalundborg", "--objective", "co2e", "--format", fmt,
                                  "--out", str(tmp_path / "out")])
    assert r.exit_code == 0, r.output
    assert not printing, f"solved while printing: {dict(printing)} {dict(calls)}"
    calls = Counter(calls)  # the CLI's own; the evaluation below is only to read its declared changes
    assert calls["compile_network"] == 1, dict(calls)  # once: the other answers differ in their streams' bounds
    assert calls["flows.solve"] == 3, dict(calls)
    from symbiosis.evaluation import evaluate
    from symbiosis.io import load_network

    ev = evaluate(load_network("kalundborg"), objective="co2e")
    declared = ev.across[ev.across.convention != ev.convention]  # the other conventions' declared answers
    assert len(declared) == 3 * 2, ev.across  # observed, counterfactual, optimised under each other convention
    # the optimum nearest the observed flows, once, and once more per convention whose optimum moved
    assert calls["nearest_optimum"] == 1 + declared.nearest.sum(), dict(calls)
    assert calls["variable_ranges"] == 0, dict(calls)  # no LP pair per decision: the face screen instead
    assert calls["OptimalFace"] <= 2, dict(calls)  # one warm face per answer, where the duals leave any
    lps = calls["highs"] - calls["Model.solve"] - calls["nearest_optimum"]  # the tie screen's and ranges' LPs
    assert lps <= 160, dict(calls)  # 2 LPs per decision left by the duals would be
    changes = int(ev.recommendations.verdict.isin(("change", "convention-dependent")).sum())
    assert changes > 0 and declared.solves.sum() > 0
    # the optimum once more for its basis (the first-order worth, and where each re-solve starts), one warm
    # re-solve per change the recommendations value (holding it at its observed value), and the declared
    # re-solves of the other conventions (each answer where its costs moved, and each change checked)
    assert calls["Model.solve"] == calls["flows.solve"] + 1 + changes + declared.solves.sum(), dict(calls)


def test_reading_the_recommendations_solves_nothing(spies):
    from symbiosis.evaluation import evaluate
    from symbiosis.io import load_network

    calls, _ = spies
    ev = evaluate(load_network("kalundborg"))
    before = Counter(calls)
    ev.changes(), ev.ties(), ev.recommendations, ev.savings("observed")  # noqa: B018
    assert calls == before


def test_the_page_draws_without_solving(spies, tmp_path):
    """`--html`: the page reads the evaluation's changes and ties; drawing it solves nothing."""
    calls, printing = spies
    r = CliRunner().invoke(main, ["simulate", "kalundborg", "--objective", "co2e", "--html",
                                  str(tmp_path / "page.html")])
    assert r.exit_code == 0, r.output
    assert not printing, f"solved while drawing the page: {dict(printing)}"
    assert calls["compile_network"] == 1 and calls["flows.solve"] == 3, dict(calls)
    assert "Convention-dependent" in r.output and (tmp_path / "page.html").stat().st_size > 1e6
