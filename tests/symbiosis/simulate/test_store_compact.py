"""The run store keeps per-sample results compactly (one compressed columnar blob per batch), reads them back
exactly, still reads stores written row by row, and prunes runs."""

from __future__ import annotations

import sqlite3

import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st

from symbiosis.cli import main
from symbiosis.scenario import load_scenario
from symbiosis.simulate import run_scenario
from symbiosis.simulate.columnar import decode, encode
from symbiosis.simulate.store import Registry
from tests.paths import EXAMPLES, FIXTURES

SCENARIO = FIXTURES / "tiny-scenario.yaml"


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1990, 2100), st.integers(0, 99_999), st.integers(0, 300),
                          st.one_of(st.floats(allow_nan=True, allow_infinity=True), st.just(0.0))),
                min_size=1, max_size=60, unique_by=lambda r: r[:3]))
def test_a_blob_gives_back_exactly_its_rows(rows):
    year, sample, label, value = (np.array(col) for col in zip(*rows, strict=True))
    back = decode(encode(year, sample, label, value.astype(float)))
    def key(y, s, c, v):
        return sorted(zip(y.tolist(), s.tolist(), c.tolist(), v.view(np.int64).tolist(), strict=True))

    assert key(*back) == key(year, sample, label, value.astype(float))  # bit for bit, NaN and -0.0 included


def test_a_batch_reporting_a_cell_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        encode(np.array([2020, 2020]), np.array([0, 0]), np.array([1, 1]), np.array([1.0, 2.0]))


def test_the_store_gives_back_the_run_bit_for_bit_and_small(tmp_path):
    spec = load_scenario(EXAMPLES / "novo-nordisk-expansion.yaml")
    with Registry(tmp_path / "runs.sqlite") as reg:
        run = run_scenario(spec, samples=40, seed=3, registry=reg)
        stored = reg.results(1)
        blob_bytes = reg.conn.execute("SELECT sum(length(data)) FROM batches").fetchone()[0]
    pd.testing.assert_frame_equal(stored, run.results)
    # 27 kB a year-sample as rows of SQLite; the blobs need about 130 bytes (5 MB for 1,000 samples x 8 years
    # would be 625 bytes, the store's pages and done table included)
    assert blob_bytes / (40 * 8) < 400


def test_a_store_written_row_by_row_still_reads(tmp_path):
    store = tmp_path / "runs.sqlite"
    with Registry(store) as reg:
        run = run_scenario(load_scenario(SCENARIO), samples=2, seed=1, registry=reg)
        con = reg.conn  # rewrite run 1 as an earlier version stored it: one row a number
        con.execute("DELETE FROM batches")
        con.executemany("INSERT INTO results VALUES (1, ?, ?, ?, ?, ?, ?)",
                        [(int(r.year), int(r.sample), r.scope, r.item, r.indicator, r.value)
                         for r in run.results.itertuples()])
        back = reg.results(1)
    pd.testing.assert_frame_equal(back.astype(str), run.results.astype(str))


def test_prune_by_id_age_and_count_and_the_file_shrinks(tmp_path):
    store = tmp_path / "runs.sqlite"
    spec = load_scenario(SCENARIO)
    with Registry(store) as reg:
        for seed in range(4):
            run_scenario(spec, samples=30, seed=seed, registry=reg)
        reg.conn.execute("UPDATE runs SET created = '2020-01-01T00:00:00Z' WHERE id = 1")
        reg.set_status(4, "running")  # this process: alive, so never pruned
        big = reg.size()
    runner = CliRunner()
    res = runner.invoke(main, ["runs", "prune", "--older-than", "30d", "--store", str(store)])
    assert res.exit_code == 0 and "removed 1 run (1)" in res.output, res.output
    res = runner.invoke(main, ["runs", "prune", "--keep", "1", "--store", str(store)])
    assert res.exit_code == 0 and "removed 2 runs (2, 3)" in res.output, res.output
    res = runner.invoke(main, ["runs", "prune", "4", "--store", str(store)])
    assert res.exit_code == 0 and "kept 4: still running" in res.output
    with Registry(store, create=False) as reg:
        assert list(reg.list_runs().id) == [4] and not reg.results(4).empty
        assert reg.size() < big / 2
        left = sqlite3.connect(store).execute("SELECT count(*) FROM batches WHERE run_id != 4").fetchone()[0]
    assert left == 0
    for args, message in ((["runs", "prune"], "say which runs"), (["runs", "prune", "9"], "no run 9"),
                          (["runs", "prune", "--older-than", "soon"], "not an age")):
        res = runner.invoke(main, [*args, "--store", str(store)])
        assert res.exit_code == 2 and message in res.output and "Traceback" not in res.output
