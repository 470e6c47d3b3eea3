"""Every test and doctest starts in the default money unit: the label currency is process-wide
(``symbiosis.model.money.use_currency``, set when a network is validated), so a test that loaded a network
in euros must not leave its labels to the next test in the same worker."""

import pytest


@pytest.fixture(autouse=True)
def _labels_in_dkk():
    from symbiosis.model.money import use_currency

    use_currency("DKK")
    yield
    use_currency("DKK")
