"""The run registry: atomic batches, resume, two writers at once, a killed run, Ctrl-C."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.errors import SymbiosisError
from symbiosis.scenario import load_scenario
from symbiosis.simulate import build_plan, draws, run_batch, run_scenario
from symbiosis.simulate.store import Registry, compare, export
from tests.paths import FIXTURES


def one_year_scenario(tmp_path: Path) -> Path:
    """The tiny scenario cut to 2021 alone: cost saved = 18,000 + 5,000 x the gypsum price multiplier."""
    text = (FIXTURES / "tiny-scenario.yaml").read_text(encoding="utf-8")
    text = text.replace("network: tiny.yaml", f"network: {FIXTURES / 'tiny.yaml'}")
    text = text.replace("horizon: 2020-2024", "horizon: 2021-2021")
    text = "\n".join(line for line in text.splitlines() if "year: 2022" not in line and "year: 2023" not in line)
    path = tmp_path / "one-year.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    return path


def start_run(scenario: Path, store: Path, samples: int, seed: int = 5, batch: int = 4) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "symbiosis.cli", "simulate", str(scenario), "--samples", str(samples),
           "--seed", str(seed), "--batch", str(batch), "--store", str(store)]
    return subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for_done(store: Path, at_least: int, proc: subprocess.Popen, limit: float = 60.0) -> int:
    t0 = time.monotonic()
    while time.monotonic() - t0 < limit:
        assert proc.poll() is None, "the run finished before it could be stopped; give it more samples"
        if store.exists():
            try:
                con = sqlite3.connect(f"file:{store}?mode=ro", uri=True, timeout=5)
                row = con.execute("SELECT tasks_done FROM runs WHERE id = 1").fetchone()
                con.close()
            except sqlite3.OperationalError:
                row = None
            if row and row[0] >= at_least:
                return row[0]
        time.sleep(0.02)
    raise AssertionError("the run made no progress")


def check_consistent(store: Path, run_id: int) -> int:
    """The file is intact and every sample marked done has all its rows, and no other rows exist."""
    con = sqlite3.connect(store)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    con.close()
    with Registry(store, create=False) as reg:
        done = reg.done(run_id)
        rows = reg.results(run_id)
    per = rows.groupby(["year", "sample"]).size()
    # every indicator of savings() + feasible, 2 stream flows, 2 shares x 3 actors, for each sample
    expected = len(run_batch(build_plan(load_scenario(FIXTURES / "tiny-scenario.yaml")), 2021, [0]))
    assert expected == len(savings_keys()) + 1 + 2 + 2 * 3
    assert set(per.index) == done  # no orphans, no done sample without its rows
    assert set(per) <= {expected}
    return len(done)


def savings_keys() -> list[str]:
    from symbiosis.accounting.savings import savings
    from symbiosis.engine import solve_network
    from symbiosis.io import load_network

    net = load_network(FIXTURES / "tiny.yaml")
    scores = savings(solve_network(net), solve_network(net, "counterfactual"), net)
    # a share of nothing (supported_share without any member's employee count) is None and not stored
    return [k for k, v in scores.items() if isinstance(v, int | float)]


def check_values(results: pd.DataFrame, plan) -> None:
    cost = results[(results.scope == "network") & (results.indicator == "cost_saved")]
    for k, v in zip(cost["sample"], cost.value, strict=True):
        assert v == pytest.approx(18000 + 5000 * draws(plan, int(k))[0])


@pytest.mark.slow
def test_a_killed_run_keeps_what_it_committed_and_resumes(tmp_path):
    scenario, store = one_year_scenario(tmp_path), tmp_path / "runs.sqlite"
    proc = start_run(scenario, store, samples=600)
    wait_for_done(store, 24, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    kept = check_consistent(store, 1)
    assert 24 <= kept < 600
    with Registry(store) as reg:
        assert reg.run(1).status == "interrupted"  # it never got to say so: its process is gone
        assert reg.list_runs().status.tolist() == ["interrupted"]
        assert reg.run(1).tasks_done == kept
        run = run_scenario(load_scenario(scenario), registry=reg, resume=1)
        assert reg.run(1).status == "finished"
        assert len(reg.done(1)) == 600
    assert check_consistent(store, 1) == 600
    assert sorted(set(run.results["sample"])) == list(range(600))
    check_values(run.results, run)


@pytest.mark.slow
def test_ctrl_c_stops_cleanly_and_says_how_to_resume(tmp_path):
    scenario, store = one_year_scenario(tmp_path), tmp_path / "runs.sqlite"
    # 6,000 samples: 600 took a quarter of a second, so on a busy machine the run could end between the read
    # of its 12th sample and the signal (exit 0); stopped at once, the larger run costs nothing more
    proc = start_run(scenario, store, samples=6000)
    wait_for_done(store, 12, proc)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted" in err and "--resume 1" in err and "Traceback" not in err
    kept = check_consistent(store, 1)
    with Registry(store) as reg:
        info = reg.run(1)
        assert info.status == "interrupted" and info.tasks_done == kept > 0


@pytest.mark.slow
def test_two_runs_writing_at_once(tmp_path):
    scenario, store = one_year_scenario(tmp_path), tmp_path / "runs.sqlite"
    procs = [start_run(scenario, store, samples=60, seed=s, batch=2) for s in (1, 2)]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
    with Registry(store) as reg:
        runs = reg.list_runs()
        assert sorted(runs.id) == [1, 2] and set(runs.status) == {"finished"}
        seeds = {}
        for run_id in (1, 2):
            assert check_consistent(store, run_id) == 60
            seeds[reg.run(run_id).seed] = reg.results(run_id)
    spec = load_scenario(scenario)
    for seed, results in seeds.items():
        check_values(results, run_scenario(spec, samples=1, seed=seed))


def test_resume_refuses_what_it_cannot_continue(tmp_path):
    scenario, store = one_year_scenario(tmp_path), tmp_path / "runs.sqlite"
    spec = load_scenario(scenario)
    with Registry(store) as reg:
        run_scenario(spec, samples=3, seed=1, registry=reg)
        with pytest.raises(SymbiosisError, match="already finished"):
            run_scenario(spec, registry=reg, resume=1)
        with pytest.raises(SymbiosisError, match="no run 9 .* recent runs: 1"):
            run_scenario(spec, registry=reg, resume=9)
        other = load_scenario(FIXTURES / "tiny-scenario.yaml")
        with pytest.raises(SymbiosisError, match="another scenario"):
            run_scenario(other, registry=reg, resume=1)
        assert len(reg.list_runs()) == 1


def test_runs_commands(tmp_path):
    scenario, store = one_year_scenario(tmp_path), tmp_path / "runs.sqlite"
    runner = CliRunner()
    for seed in (1, 2):
        res = runner.invoke(main, ["simulate", str(scenario), "--samples", "6", "--seed", str(seed),
                                   "--store", str(store)])
        assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["runs", "list", "--store", str(store)])
    assert res.exit_code == 0 and "finished" in res.output and "6/6" in res.output
    res = runner.invoke(main, ["runs", "show", "2", "--store", str(store)])
    # the console wraps long lines (the path of the worktree sets where): compare words, not line breaks
    assert res.exit_code == 0 and "seed 2" in " ".join(res.output.split()) and "Cost saved" in res.output
    assert "cost_saved" not in res.output
    with Registry(store) as reg:
        table = compare(reg, 1, 2)
        a, b = reg.results(1, "network"), reg.results(2, "network")
    row = table[(table.indicator == "cost_saved")].iloc[0]
    mean = lambda r: r[r.indicator == "cost_saved"].value.mean()  # noqa: E731
    assert row["run 1"] == pytest.approx(mean(a)) and row["difference"] == pytest.approx(mean(b) - mean(a))
    res = runner.invoke(main, ["runs", "compare", "1", "2", "--store", str(store), "--format", "csv"])
    assert res.exit_code == 0 and res.output.startswith("year,indicator,run 1,run 2,difference")
    for suffix in ("csv", "parquet"):
        out = tmp_path / f"r.{suffix}"
        res = runner.invoke(main, ["runs", "export", "1", "-o", str(out), "--store", str(store)])
        assert res.exit_code == 0, res.output
        back = pd.read_csv(out) if suffix == "csv" else pd.read_parquet(out)
        with Registry(store) as reg:
            pd.testing.assert_frame_equal(back, reg.results(1), check_dtype=False)


def test_runs_commands_on_a_missing_store_or_run_touch_nothing(tmp_path):
    store = tmp_path / "none.sqlite"
    res = CliRunner().invoke(main, ["runs", "list", "--store", str(store)])
    assert res.exit_code == 2 and "no run store" in res.output
    assert not store.exists()
    with Registry(tmp_path / "r.sqlite") as reg:
        reg.conn  # noqa: B018 - creates an empty store
    before = (tmp_path / "r.sqlite").read_bytes()
    res = CliRunner().invoke(main, ["runs", "show", "3", "--store", str(tmp_path / "r.sqlite")])
    assert res.exit_code == 2 and "no run 3" in res.output
    res = CliRunner().invoke(main, ["runs", "export", "3", "-o", str(tmp_path / "x.txt"),
                                    "--store", str(tmp_path / "r.sqlite")])
    assert res.exit_code == 2
    assert (tmp_path / "r.sqlite").read_bytes() == before and not (tmp_path / "x.txt").exists()


def test_export_needs_a_known_suffix(tmp_path):
    with Registry(tmp_path / "r.sqlite") as reg:
        run_scenario(load_scenario(one_year_scenario(tmp_path)), registry=reg)
        with pytest.raises(SymbiosisError, match="write .csv or .parquet"):
            export(reg, 1, tmp_path / "x.xlsx")


def _open_store(path, barrier, answers):
    barrier.wait()
    try:
        with Registry(path) as reg:
            reg.conn  # noqa: B018 - opening is the test
        answers.put("ok")
    except Exception as exc:  # noqa: BLE001 - the answer is the error's text
        answers.put(str(exc))


@pytest.mark.slow
def test_runs_starting_at_the_same_moment_share_a_new_store(tmp_path):
    # three processes open one new store at once; SQLite refuses the later switches to WAL at once ("database
    # is locked") unless they wait and try again. Before the fix about 1 in 12 openings failed this way.
    import multiprocessing as mp

    ctx = mp.get_context("fork")
    failures = []
    for i in range(25):
        barrier, answers = ctx.Barrier(3), ctx.Queue()
        procs = [ctx.Process(target=_open_store, args=(tmp_path / f"s{i}.sqlite", barrier, answers)) for _ in range(3)]
        for p in procs:
            p.start()
        for p in procs:
            p.join(60)
        failures += [a for a in (answers.get(timeout=10) for _ in procs) if a != "ok"]
    assert failures == []
