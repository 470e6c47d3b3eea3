"""What `symbiosis simulate SCENARIO` prints, and what the run store says when printing fails."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.simulate.store import Registry
from tests.paths import EXAMPLES


@pytest.mark.parametrize("example", ["transition-2000-today.yaml", "social-laundry.yaml"])
def test_a_year_without_a_valued_job_prints_a_dash(tmp_path, example):
    """public_value is unknown (no supported job could be valued) in some years: those cells are '-', not a
    KeyError, and the run is stored as finished only once it has been printed."""
    store = tmp_path / "runs.sqlite"
    r = CliRunner().invoke(main, ["simulate", str(EXAMPLES / example), "--store", str(store)])
    assert r.exit_code == 0, r.output
    assert "Public-economy value" in r.output and "public_value" not in r.output
    words = " ".join(r.output.split())
    assert f"run store {store}: " in words and "MB (this run added" in words  # where it is, how big it grew
    with Registry(store) as reg:
        assert reg.run(1).status == "finished"


def test_a_run_whose_printing_fails_is_stored_as_failed(tmp_path, monkeypatch):
    import symbiosis.present.runs as present

    def broken(*args, **kwargs):
        raise RuntimeError("the printer broke")

    monkeypatch.setattr(present, "print_run", broken)
    store = tmp_path / "runs.sqlite"
    r = CliRunner().invoke(main, ["simulate", str(EXAMPLES / "transition-2000-today.yaml"), "--store", str(store)])
    assert r.exit_code != 0
    with Registry(store) as reg:
        info = reg.run(1)
        assert info.status == "failed"
        assert info.tasks_done == info.tasks_total  # the results are kept
        assert not reg.results(1).empty


def test_a_reader_closing_the_pipe_is_not_a_failure(tmp_path, monkeypatch):
    """`symbiosis simulate SCENARIO | head`: rich turns the closed pipe into SystemExit(1); the run is finished."""
    import symbiosis.present.runs as present

    def closed(*args, **kwargs):
        try:
            raise BrokenPipeError(32, "Broken pipe")
        except BrokenPipeError:
            raise SystemExit(1) from None

    monkeypatch.setattr(present, "print_run", closed)
    store = tmp_path / "runs.sqlite"
    CliRunner().invoke(main, ["simulate", str(EXAMPLES / "transition-2000-today.yaml"), "--store", str(store)])
    with Registry(store) as reg:
        assert reg.run(1).status == "finished"
