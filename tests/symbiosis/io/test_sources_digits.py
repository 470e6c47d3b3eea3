"""`show --sources` prints a sourced number as written (issue 26: 0.002245 t CO2e/m3 printed as "0.00")."""

from __future__ import annotations

from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.present.network import _exact


def test_small_factors_keep_their_significant_digits():
    assert _exact(0.002245, "t CO2e/m3") == "0.002245 t CO2e/m3"
    assert _exact(7.48e-05) == "0.0000748"  # no scientific notation
    assert _exact(-0.855) == "-0.855"
    assert _exact(300000.0, "t") == "300,000 t"
    assert _exact(0.0) == "0"


def test_show_sources_prints_the_gas_factor_in_full():
    r = CliRunner().invoke(main, ["show", "kalundborg", "--sources"], env={"COLUMNS": "400", "LINES": None})
    assert r.exit_code == 0, r.output
    row = next(line for line in r.output.splitlines() if "virgin_co2e natural-gas" in line)
    assert "0.002475 t CO2e/m3" in row and "0.00 t" not in row
