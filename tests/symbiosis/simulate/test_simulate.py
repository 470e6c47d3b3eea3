"""Years x samples on the tiny network: values by hand, reproducibility across executors."""

from __future__ import annotations

import json

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.errors import SymbiosisError
from symbiosis.scenario import load_scenario
from symbiosis.simulate import batches, build_plan, draws, run_scenario, summarise
from tests.paths import FIXTURES

SCENARIO = FIXTURES / "tiny-scenario.yaml"


@pytest.fixture(scope="module")
def spec():
    return load_scenario(SCENARIO)


def value(results, year, indicator, sample=0, scope="network", item=None):
    sel = (results.year == year) & (results["sample"] == sample) & (results.scope == scope) & (
        results.indicator == indicator)
    if item is not None:
        sel &= results.item == item
    [v] = results.loc[sel, "value"].tolist()
    return v


def test_yearly_values_by_hand(spec):
    res = run_scenario(spec).results
    assert list(res.columns) == ["year", "sample", "scope", "item", "indicator", "value"]
    # 2020-2022: steam 80 t x 200 DKK/t bought no more (16,000), natural gypsum 50 t x 100 DKK/t (5,000),
    # gypsum disposal 50 t x 50 DKK/t avoided (2,500), minus transport 50 t x 10 DKK/t (500) = 23,000 DKK/yr
    for year in (2020, 2021, 2022):
        assert value(res, year, "cost_saved") == pytest.approx(23000)
        assert value(res, year, "diverted:gypsum:as-delivered") == pytest.approx(50)
    # 2023: gypsum has ended; steam demand 88 t (10 % growth) all by stream: 88 x 200
    assert value(res, 2023, "cost_saved") == pytest.approx(17600)
    assert value(res, 2023, "diverted:gypsum:as-delivered") == 0
    # 2024: demand 96.8 t but the steam pipe carries at most 90 t
    assert value(res, 2024, "flow", scope="stream", item="steam-to-pharma") == pytest.approx(90)
    assert value(res, 2024, "cost_saved") == pytest.approx(18000)
    assert set(res.year) == {2020, 2021, 2022, 2023, 2024} and set(res["sample"]) == {0}
    # the streams that ended are not there any more
    assert "gypsum-to-boards" not in set(res[(res.year == 2023) & (res.scope == "stream")].item)


def test_actor_shares_add_up_to_the_network(spec):
    res = run_scenario(spec).results
    actors = res[(res.scope == "actor") & (res.year == 2020)]
    shares = actors[actors.indicator == "cost_saved"].set_index("item").value
    # boards saves the natural gypsum, pharma the steam, the plant the disposal minus transport
    assert shares.to_dict() == pytest.approx({"boards": 5000, "pharma": 16000, "plant": 2000})
    for ind in ("cost_saved", "co2e_avoided"):
        assert actors[actors.indicator == ind].value.sum() == pytest.approx(value(res, 2020, ind))


def test_samples_apply_their_draws(spec):
    run = run_scenario(spec, samples=12, seed=7)
    res = run.results
    for k in range(12):
        m = draws(run, k)[0]  # the natural-gypsum price multiplier of sample k
        assert 0.8 <= m <= 1.3
        assert value(res, 2021, "cost_saved", sample=k) == pytest.approx(18000 + 5000 * m)
        assert value(res, 2023, "cost_saved", sample=k) == pytest.approx(17600)  # no gypsum any more
    s = summarise(res)
    row = s[(s.year == 2021) & (s.indicator == "cost_saved")].iloc[0]
    costs = [value(res, 2021, "cost_saved", sample=k) for k in range(12)]
    assert row.n == 12 and row.p50 == pytest.approx(np.median(costs)) and row.p5 <= row.p50 <= row.p95


def test_a_seed_gives_the_same_samples_whatever_the_batching(spec):
    a = run_scenario(spec, samples=10, seed=3, batch_size=1).results
    b = run_scenario(spec, samples=10, seed=3, batch_size=7).results
    pd.testing.assert_frame_equal(a, b, check_exact=True)
    c = run_scenario(spec, samples=10, seed=4).results
    assert not np.array_equal(a.value.to_numpy(), c.value.to_numpy())


@pytest.mark.slow
def test_processes_give_the_same_results_bit_for_bit(spec):
    serial = run_scenario(spec, samples=8, seed=11).results
    pool = run_scenario(spec, samples=8, seed=11, executor="processes", workers=2, batch_size=3)
    assert pool.workers == 2
    pd.testing.assert_frame_equal(serial, pool.results, check_exact=True)


def test_batches_cover_every_pair_once():
    pairs = [(y, k) for y in (2020, 2021) for k in range(5)]
    work = batches(pairs, 2)
    assert work == [(2020, [0, 1]), (2020, [2, 3]), (2020, [4]), (2021, [0, 1]), (2021, [2, 3]), (2021, [4])]


def test_samples_without_uncertain_parameters_is_a_clear_error(tmp_path):
    path = tmp_path / "s.yaml"
    path.write_text(f"name: x\nnetwork: {FIXTURES / 'tiny.yaml'}\nhorizon: 2020\n", encoding="utf-8")
    with pytest.raises(SymbiosisError, match="samples need uncertain parameters"):
        build_plan(load_scenario(path), samples=5)


def test_an_infeasible_year_names_the_year_and_the_balance(tmp_path):
    # observed flows kept while a newcomer's recorded steam (60 t) and pharma's (70 t) ask more of the plant than
    # its 100 t (a shrunk supply no longer does: its records shrink with it, see the scenario tests)
    path = tmp_path / "s.yaml"
    path.write_text(
        f"name: x\nnetwork: {FIXTURES / 'tiny.yaml'}\nhorizon: 2020-2021\nanswer: observed\nevents:\n"
        "  - year: 2021\n    type: actor_joins\n"
        "    actor: {id: laundry, name: Laundry, kind: industry,\n"
        "            location: {lat: 55.68, lon: 11.09, source: '@test', basis: published}}\n"
        "    demands: [{actor: laundry, resource: steam, quantity: {value: 60, source: '@test', basis: published}}]\n"
        "    streams: [{id: steam-to-laundry, supplier: plant, receiver: laundry, resource: steam,\n"
        "               observed: {value: 60, source: '@test', basis: published}}]\n",
        encoding="utf-8")
    store = tmp_path / "runs.sqlite"
    res = CliRunner().invoke(main, ["simulate", str(path), "--store", str(store)])
    assert res.exit_code == 2, res.output
    assert "year 2021" in res.output and "steam" in res.output and "Traceback" not in res.output
    assert not store.exists()


def test_cli_scenario_table_csv_and_json(tmp_path):
    store = tmp_path / "runs.sqlite"
    runner = CliRunner()
    res = runner.invoke(main, ["simulate", str(SCENARIO), "--store", str(store)])
    assert res.exit_code == 0, res.output
    assert "Cost saved" in res.output and "23,000" in res.output and "17,600" in res.output
    assert "run 1 recorded" in res.output
    res = runner.invoke(main, ["simulate", str(SCENARIO), "--no-store", "--format", "csv"])
    assert res.exit_code == 0
    assert res.output.splitlines()[0] == "year,sample,scope,item,indicator,value"
    res = runner.invoke(main, ["simulate", str(SCENARIO), "--no-store", "--format", "json", "--samples", "3"])
    doc = json.loads(res.output)
    assert doc["run_id"] is None and doc["samples"] == 3
    assert {r["indicator"] for r in doc["summary"]} >= {"cost_saved", "co2e_avoided"}
    out = tmp_path / "out"
    res = runner.invoke(main, ["simulate", str(SCENARIO), "--no-store", "-o", str(out)])
    assert res.exit_code == 0
    written = pd.read_csv(out / "results.csv")
    assert len(written) == len(run_scenario(load_scenario(SCENARIO)).results)
    summary = pd.read_csv(out / "summary.csv")
    assert summary[(summary.year == 2023) & (summary.indicator == "cost_saved")].p50.item() == pytest.approx(17600)


def test_sweep_options_without_a_scenario_are_refused(tmp_path):
    res = CliRunner().invoke(main, ["simulate", "--samples", "5", "--store", str(tmp_path / "r.sqlite")])
    assert res.exit_code == 2 and "need a scenario file" in res.output
    assert not (tmp_path / "r.sqlite").exists()
    res = CliRunner().invoke(main, ["simulate", str(SCENARIO), "--network", "x.yaml", "--no-store"])
    assert res.exit_code == 2 and "drop --network" in res.output


# -- Dask ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_dask_on_an_existing_cluster_gives_the_same_results(spec):
    distributed = pytest.importorskip("distributed")
    serial = run_scenario(spec, samples=6, seed=21).results
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=False, protocol="tcp",
                                  host="127.0.0.1", dashboard_address=None) as cluster:
        assert cluster.scheduler_address.startswith("tcp://127.0.0.1:")
        run = run_scenario(spec, samples=6, seed=21, executor="dask", scheduler=cluster.scheduler_address,
                           batch_size=4)
    pd.testing.assert_frame_equal(serial, run.results, check_exact=True)


@pytest.mark.slow
def test_dask_local_cluster_from_the_command_line(tmp_path):
    pytest.importorskip("distributed")
    store = tmp_path / "runs.sqlite"
    res = CliRunner().invoke(main, ["simulate", str(SCENARIO), "--samples", "4", "--seed", "2",
                                    "--executor", "dask", "--workers", "1", "--store", str(store),
                                    "--format", "csv"])
    assert res.exit_code == 0, res.output
    got = pd.read_csv(__import__("io").StringIO(res.output))
    want = run_scenario(load_scenario(SCENARIO), samples=4, seed=2).results
    assert np.allclose(got.value.to_numpy(), want.value.to_numpy(), rtol=0, atol=0, equal_nan=True)


def test_an_unreachable_scheduler_is_a_clear_error_and_leaves_no_store(tmp_path):
    pytest.importorskip("distributed")
    import socket

    with socket.socket() as s:  # a port on which nothing listens
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    store = tmp_path / "runs.sqlite"
    res = CliRunner().invoke(main, ["simulate", str(SCENARIO), "--samples", "2", "--executor", "dask",
                                    "--scheduler", f"tcp://127.0.0.1:{port}", "--store", str(store)])
    assert res.exit_code == 2
    assert f"cannot reach the Dask scheduler at tcp://127.0.0.1:{port}" in res.output
    assert "Traceback" not in res.output and not store.exists()
    res = CliRunner().invoke(main, ["simulate", str(SCENARIO), "--scheduler", "tcp://127.0.0.1:1", "--no-store"])
    assert res.exit_code == 2 and "needs --executor dask" in res.output


def test_custom_weights_in_a_scenario_change_the_answer_and_stay_with_the_run(tmp_path):
    # gypsum trucked at 200 DKK/t: reuse costs 50 DKK/t more than it saves (150) but cuts 0.015 t CO2e per t
    # (tests/test_pareto.py works the same trade-off by hand). Weighing CO2e at 10,000 DKK/t makes reuse pay.
    from symbiosis.io import load_network, save_network
    from symbiosis.simulate.store import Registry

    net = load_network(FIXTURES / "tiny.yaml")
    streams = tuple(s.model_copy(update={"transport_cost": 200.0, "observed": None}) if s.id == "gypsum-to-boards"
                    else s for s in net.streams)
    save_network(net.model_copy(update={"streams": streams}), tmp_path / "trade.yaml")
    scenario = tmp_path / "scenario.yaml"
    scenario.write_text(SCENARIO.read_text(encoding="utf-8").replace("network: tiny.yaml", "network: trade.yaml"),
                        encoding="utf-8")
    spec = load_scenario(scenario)
    flow = lambda res: value(res, 2020, "flow", scope="stream", item="gypsum-to-boards")  # noqa: E731
    assert flow(run_scenario(spec).results) == 0  # cost alone: no reuse
    weights = {"cost": 1.0, "co2e": 10_000.0}
    with Registry(tmp_path / "runs.sqlite") as reg:
        run = run_scenario(spec, weights=weights, registry=reg)
        assert flow(run.results) == pytest.approx(50)  # all 50 t of gypsum reused
        assert run.weights == weights and reg.run(1).options["weights"] == weights
    # the command line: the objective is named as weights, and --resume keeps a run's own
    r = CliRunner().invoke(main, ["simulate", str(scenario), "--weights", "cost=1,co2e=10000", "--no-store"])
    assert r.exit_code == 0 and "objective 1 x cost + 10000 x co2e" in " ".join(r.output.split()), r.output
    r = CliRunner().invoke(main, ["simulate", "--resume", "1", "--store", str(tmp_path / "runs.sqlite"),
                                  "--weights", "cost=1"])
    assert r.exit_code == 2 and "keeps the weights it started with" in r.output


@pytest.mark.parametrize(("kwargs", "fragment"), [
    ({"seed": -1}, "seed: -1 is not a seed"),
    ({"seed": 2**80}, "is not a seed; give a whole number from 0 to 9223372036854775807"),
    ({"samples": 10**12}, "samples: 1000000000000 is not a number of samples; give 0 (no uncertainty) to 100,000"),
    ({"samples": -3}, "samples: -3 is not a number of samples"),
    ({"weights": {"cost": 0.0}}, "every weight is 0"),
])
def test_the_library_names_bad_parameters_before_any_work(spec, kwargs, fragment):
    with pytest.raises(ValueError) as info:
        run_scenario(spec, **kwargs)
    assert fragment in str(info.value)


def test_the_command_lines_sample_limit_is_the_librarys():
    from symbiosis.cli.simulate import simulate
    from symbiosis.simulate.plan import MOST_SAMPLES

    [samples] = [p for p in simulate.params if p.name == "samples"]
    assert samples.type.max == MOST_SAMPLES


def test_a_resumed_run_refuses_options_it_would_ignore(spec, tmp_path):
    from symbiosis.simulate.store import Registry

    with Registry(tmp_path / "runs.sqlite") as reg:
        run_scenario(spec, samples=2, seed=3, registry=reg)
        reg.set_status(1, "interrupted")
        for kwargs, name in (({"samples": 50}, "samples"), ({"seed": 4}, "seed"), ({"objective": "co2e"}, "objective"),
                             ({"weights": {"cost": 2.0}}, "weights")):
            with pytest.raises(ValueError) as info:
                run_scenario(spec, registry=reg, resume=1, **kwargs)
            assert str(info.value).startswith(f"{name}: run 1 keeps the {name} it started with"), info.value
        run = run_scenario(spec, registry=reg, resume=1, samples=2, seed=3)  # the same again is fine
        assert run.samples == 2
    store = str(tmp_path / "runs.sqlite")
    r = CliRunner().invoke(main, ["simulate", "--resume", "1", "--samples", "50", "--store", store])
    assert r.exit_code == 2 and "--samples: run 1 keeps the samples it started with (2)" in r.output, r.output
