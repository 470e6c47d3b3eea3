"""Install hints for optional parts: `pip install ".[parquet]"` in a source checkout, the index name else."""

from __future__ import annotations

import pandas as pd

from symbiosis.extras import install_hint, source_checkout
from tests.paths import ROOT


def test_the_tests_run_from_a_checkout():
    assert source_checkout() == ROOT


def test_in_the_checkout_folder_the_hint_is_dot(monkeypatch):
    monkeypatch.chdir(ROOT)
    assert install_hint("parquet") == 'pip install ".[parquet]"'


def test_elsewhere_the_hint_names_the_checkout(monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert install_hint("parquet") == f'pip install "{ROOT}[parquet]"'


def test_installed_from_the_index_the_hint_names_the_distribution(monkeypatch, tmp_path):
    import symbiosis.extras as extras

    fake = tmp_path / "site-packages" / "symbiosis" / "extras.py"
    fake.parent.mkdir(parents=True)
    monkeypatch.setattr(extras, "__file__", str(fake))
    assert extras.source_checkout() is None
    assert install_hint("distributed") == 'pip install "industrial-symbiosis[distributed]"'


def test_parquet_without_pyarrow_prints_the_hint(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from symbiosis.cli import main
    from tests.paths import FIXTURES

    store = str(tmp_path / "runs.sqlite")
    assert CliRunner().invoke(main, ["simulate", str(FIXTURES / "tiny-scenario.yaml"), "--store", store]).exit_code == 0

    def no_pyarrow(*args, **kwargs):
        raise ImportError("No module named 'pyarrow'")

    monkeypatch.setattr(pd.DataFrame, "to_parquet", no_pyarrow)
    monkeypatch.chdir(ROOT)
    r = CliRunner().invoke(main, ["runs", "export", "1", "-o", str(tmp_path / "x.parquet"), "--store", store])
    assert r.exit_code == 2
    assert 'Parquet needs pyarrow: pip install ".[parquet]", or write .csv' in r.output
    assert not (tmp_path / "x.parquet").exists()
