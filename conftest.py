"""Every test and doctest starts in the default money unit: the label currency is process-wide
(``symbiosis.model.money.use_currency``, set when a network is validated), so a test that loaded a network
in euros must not leave its labels to the next test in the same worker."""

import pytest
from hypothesis import settings

# Property tests draw the same examples on every run (seeded by each test's name), so a run on a fresh machine
# is repeatable and never spends minutes shrinking a case that an earlier run did not meet. Exploring is
# `--hypothesis-profile long` (random, 1,000 examples; tests/conftest.py), which the plugin loads after this.
settings.register_profile("repeatable", derandomize=True)
settings.load_profile("repeatable")


@pytest.fixture(autouse=True)
def _labels_in_dkk():
    from symbiosis.model.money import use_currency

    use_currency("DKK")
    yield
    use_currency("DKK")


def pytest_xdist_auto_num_workers(config):
    """``-n auto``: one worker more than the cores. Many tests wait (a process pool starting, a Dask
    cluster, a killed run's store, Chromium drawing a page); a third worker on two cores uses those waits."""
    import os

    return (os.cpu_count() or 1) + 1
