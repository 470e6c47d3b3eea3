"""A scenario's years compiled once per network structure (issue 25 item 3): every year's arrays are those of
its own compile, bit for bit, and a run's results are those of a compile per year."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from symbiosis.engine import compile_network
from symbiosis.engine.years import YearCompiler, _Structure
from symbiosis.errors import SymbiosisError
from symbiosis.io import load_network
from symbiosis.io.park import park_document
from symbiosis.scenario import ScenarioSpec, is_scenario_file, load_scenario
from symbiosis.scenario.spec import Scenario
from symbiosis.simulate import run_scenario
from tests.conftest import tiny_dict
from tests.paths import EXAMPLES, FIXTURES, TINY

ANSWERS = ("optimised", "observed", "counterfactual")
SCENARIOS = sorted(p for p in EXAMPLES.glob("*.yaml") if is_scenario_file(p)) + [FIXTURES / "tiny-scenario.yaml"]
_SRC = {"source": "@synthetic", "basis": "estimated", "method": "test"}


def assert_same(a, b) -> None:
    """Two compiled answers are the same problem with the same names, bit for bit."""
    assert (a.answer, a.process_ids) == (b.answer, b.process_ids)
    pa, pb = a.problem, b.problem
    assert pa.n_nodes == pb.n_nodes
    for name in ("tail", "head", "rhs", "gain", "lower", "upper", "conv_lower", "conv_upper"):
        x, y = getattr(pa, name), getattr(pb, name)
        assert x.dtype == y.dtype and np.array_equal(x, y), name
    for name in ("costs", "conv_costs"):
        x, y = getattr(pa, name), getattr(pb, name)
        assert list(x) == list(y) and all(np.array_equal(x[k], y[k]) for k in x), name
    assert (pa.conversion != pb.conversion).nnz == 0 and pa.conversion.shape == pb.conversion.shape
    pd.testing.assert_frame_equal(a.nodes, b.nodes, check_exact=True)
    pd.testing.assert_frame_equal(a.arcs, b.arcs, check_exact=True)


def assert_years_compile_as_their_own(spec: ScenarioSpec) -> YearCompiler:
    compiler = YearCompiler(ANSWERS)
    for year in spec.scenario.years:
        net = spec.network(year)
        _, got = compiler.compile(net)
        for answer in ANSWERS:
            assert got[answer].network is net
            assert_same(got[answer], compile_network(net, answer))
    return compiler


@pytest.mark.parametrize("path", SCENARIOS, ids=lambda p: p.name)
def test_every_year_of_the_bundled_scenarios_is_its_own_compile(path):
    spec = load_scenario(path)
    compiler = assert_years_compile_as_their_own(spec)
    years = len(spec.scenario.years)
    assert 1 <= len(compiler.structures) < years or years == 1
    if path.name == "tiny-scenario.yaml":  # 2020-2022 (a demand grows), then 2023-2024 (the gypsum ends)
        assert len(compiler.structures) == 2


def park_scenario(folder, companies: int = 15, seed: int = 3) -> ScenarioSpec:
    """Seven years of a generated park with every kind of event: numbers that change (growth, scale, value,
    a price's sign), a stream that ends, a company that leaves and one that joins, a need that drops to
    nothing, a new stream; uncertain prices, demands and a capacity."""
    doc = park_document(companies, seed=seed)
    path = folder / "park.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    y0, res, streams = doc["year"], [r["id"] for r in doc["resources"]], doc["streams"]
    dem = sorted((d for d in doc["demands"] if d["actor"] != "c7"), key=lambda d: -d["quantity"]["value"])
    sup = sorted((s for s in doc["supplies"] if s["actor"] != "c7"), key=lambda s: -s["quantity"]["value"])
    new = next(s for s in streams if "c7" not in (s["supplier"], s["receiver"]))
    later = next((s, d) for s in sup for d in dem if s["resource"] == d["resource"] and s["actor"] != d["actor"])
    events = [{"year": y0 + 1, "type": "change", "quantity": "demand", "actor": d["actor"], "resource": d["resource"],
               "growth": 0.05} for d in dem[:4]]
    events += [{"year": y0 + 1, "type": "change", "quantity": "supply", "actor": s["actor"], "resource": s["resource"],
                "growth": -0.03} for s in sup[:3]]
    events += [{"year": y0 + 1, "type": "change", "quantity": "capacity", "stream": streams[3]["id"], "scale": 0.5},
               {"year": y0 + 2, "type": "change", "quantity": "factor", "factor": "virgin_price", "resource": res[0],
                "scale": 1.2},
               {"year": y0 + 2, "type": "change", "quantity": "factor", "factor": "disposal_cost", "resource": res[-1],
                "value": -5.0},
               {"year": y0 + 3, "type": "stream_ends", "stream": streams[1]["id"]},
               {"year": y0 + 4, "type": "actor_leaves", "actor": "c7"},
               {"year": y0 + 4, "type": "actor_joins",
                "actor": {"id": "newco", "name": "New company", "kind": "industry",
                          "location": {"lat": 55.5, "lon": 11.5, **_SRC}},
                "supplies": [{"actor": "newco", "resource": new["resource"], "quantity": {"value": 500.0, **_SRC}}],
                "streams": [{"id": "snew", "supplier": "newco", "receiver": new["receiver"],
                             "resource": new["resource"],
                             "distance_km": 2.0, "mode": "truck",
                             "capacity": {"value": 300.0, **_SRC}}]},
               {"year": y0 + 5, "type": "change", "quantity": "demand", "actor": dem[5]["actor"],
                "resource": dem[5]["resource"], "value": 0.0},
               {"year": y0 + 6, "type": "stream_starts", "stream": {
                   "id": "slate", "supplier": later[0]["actor"], "receiver": later[1]["actor"],
                   "resource": later[0]["resource"], "distance_km": 5.0, "mode": "truck"}}]
    uncertain = [{"quantity": "factor", "factor": "virgin_price", "resource": r, "distribution": "triangular",
                  "low": 0.8, "mode": 1.0, "high": 1.3} for r in res[:3]]
    uncertain += [{"quantity": "demand", "actor": d["actor"], "resource": d["resource"], "distribution": "normal",
                   "mean": 1.0, "sd": 0.05} for d in dem[:3]]
    uncertain += [{"quantity": "capacity", "stream": streams[5]["id"], "distribution": "uniform", "low": 0.5,
                   "high": 1.5}]
    sc = Scenario.model_validate({"name": "generated", "network": str(path), "horizon": f"{y0}-{y0 + 6}",
                                  "events": events, "uncertain": uncertain})
    return ScenarioSpec(sc, load_network(path), str(path))


@pytest.fixture(scope="module")
def park(tmp_path_factory):
    return park_scenario(tmp_path_factory.mktemp("park"))


def test_a_parks_years_are_their_own_compiles_in_fewer_structures(park):
    compiler = assert_years_compile_as_their_own(park)
    # 2024-2026 numbers only; then a stream ends, a company leaves as one joins, a need drops to 0, a stream starts
    assert len(compiler.structures) == 5


def test_a_run_gives_the_results_of_a_compile_per_year_bit_for_bit(park, monkeypatch):
    shared = run_scenario(park, samples=3, seed=2).results
    monkeypatch.setattr(_Structure, "holds", lambda *args: False)  # every year a structure of its own
    own = run_scenario(park, samples=3, seed=2).results
    pd.testing.assert_frame_equal(shared, own, check_exact=True)


_TARGETS = [("supply", {"actor": "plant", "resource": "steam"}), ("supply", {"actor": "plant", "resource": "gypsum"}),
            ("demand", {"actor": "pharma", "resource": "steam"}),
            ("demand", {"actor": "boards", "resource": "natural-gypsum"}),
            ("capacity", {"stream": "steam-to-pharma"}), ("capacity", {"stream": "gypsum-to-boards"}),
            ("factor", {"factor": "virgin_price", "resource": "steam"}),
            ("factor", {"factor": "disposal_cost", "resource": "gypsum"})]


@st.composite
def _changes(draw):
    """Changes of numbers on the tiny network in 2021-2022 (at most one per number and year)."""
    picked = draw(st.lists(st.tuples(st.integers(2021, 2022), st.integers(0, len(_TARGETS) - 1)), max_size=5,
                           unique=True))
    events = []
    for year, i in picked:
        quantity, target = _TARGETS[i]
        how = draw(st.sampled_from(["value", "scale", "growth"]))
        amount = {"value": draw(st.sampled_from([0.0, 5.0, 75.0, 200.0])),
                  "scale": draw(st.sampled_from([0.0, 0.5, 1.5])),
                  "growth": draw(st.sampled_from([-0.2, 0.1]))}[how]
        events.append({"year": year, "type": "change", "quantity": quantity, **target, how: amount})
    return events


@settings(max_examples=10, deadline=None)
@given(_changes())
def test_changed_numbers_compile_as_their_own_years(events):
    """Whatever numbers change (to 0 too, which can take a purchase or disposal route away: a new structure),
    each year's answers are those of its own compile."""
    sc = Scenario.model_validate({"name": "x", "network": str(TINY), "horizon": "2020-2022", "events": events})
    try:
        spec = ScenarioSpec(sc, load_network(TINY))
    except SymbiosisError:  # a year the changes leave inconsistent is refused on loading, as ever
        return
    assert_years_compile_as_their_own(spec)


def test_an_infeasible_year_of_a_shared_structure_is_named(tmp_path):
    """The plant's steam (75 t) grows 10 %/yr from 2021 and, with no way to dispose of it, overflows pharma's
    need of 80 t in 2022 (82.5 t): the same structure as 2020 (one compile), checked by the warm re-solve, named
    by year."""
    d = tiny_dict()
    d["factors"] = [f for f in d["factors"] if not (f["factor"] == "disposal_cost" and f["resource"] == "steam")]
    d["supplies"][0]["quantity"]["value"] = 75.0
    d["streams"][0]["baseline"] = True  # the counterfactual keeps the steam pipe too
    (tmp_path / "net.yaml").write_text(yaml.safe_dump(d), encoding="utf-8")
    (tmp_path / "s.yaml").write_text(
        "name: x\nnetwork: net.yaml\nhorizon: 2020-2022\nevents:\n"
        "  - {year: 2021, type: change, quantity: supply, actor: plant, resource: steam, growth: 0.1}\n",
        encoding="utf-8")
    spec = load_scenario(tmp_path / "s.yaml")
    compiler = YearCompiler(("optimised",))
    assert [compiler.compile(spec.network(y))[0] for y in (2020, 2021, 2022)] == [0, 0, 0]
    with pytest.raises(SymbiosisError, match="year 2022") as err:
        run_scenario(spec)
    assert "steam" in str(err.value) and "2021" not in str(err.value).split("year 2022")[0]
