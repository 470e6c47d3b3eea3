"""Processes carry their running cost and leaks (issue 26, item 3): the biogas plant's economy is net.

Before, Kalundborg Bioenergi's digester ran at no cost and leaked nothing, so its 60 million DKK of
biomethane counted as revenue and its methane slip (1-3% of the methane) was missing.
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

import symbiosis as sym
from symbiosis.evaluation import evaluate
from symbiosis.model import Leak, ProcessEconomics


@pytest.fixture(scope="module")
def today():
    return sym.load_network("kalundborg")


def _without_economics(net):
    return net.replace(processes=tuple(p.model_copy(update={"economics": None}) for p in net.processes))


def test_the_digester_is_net_of_its_running_cost_and_methane_slip(today):
    digester = next(p for p in today.processes if p.id == "kb-digester")
    econ = digester.economics
    assert econ.operating_cost.value == pytest.approx(50) and econ.operating_cost.method
    slip = econ.leak
    assert slip.what == "methane slip" and "@ipcc-ar5-gwp" in slip.based_on
    # by hand: 46.7 m3 x 11.0/9.97 = 51.5 m3 CH4 x 0.717 kg/m3 x 2.5% x GWP100 28
    assert slip.value == pytest.approx(46.7 * 11.0 / 9.97 * 0.717e-3 * 0.025 * 28, rel=0.01)
    low, high = slip.range
    assert low == pytest.approx(slip.value * 0.4, rel=0.01) and high == pytest.approx(slip.value * 1.2, rel=0.01)

    net, gross = evaluate(today).savings("observed"), evaluate(_without_economics(today)).savings("observed")
    activity = evaluate(today).observed.processes.set_index("process").activity["kb-digester"]
    assert activity == pytest.approx(300_000)
    assert gross["cost_saved"] - net["cost_saved"] == pytest.approx(300_000 * 50)
    assert gross["co2e_avoided"] - net["co2e_avoided"] == pytest.approx(300_000 * 0.0258)


def test_economics_are_sourced_numbers():
    with pytest.raises(ValidationError, match="method"):
        Leak(what="methane slip", value=0.02, source="@estimate", basis="estimated")
    with pytest.raises(ValidationError):
        Leak(what="methane slip", value=-1, source="@x", basis="published")
    assert ProcessEconomics().leak is None and ProcessEconomics().operating_cost is None


def test_show_sources_lists_the_economics(today):
    from symbiosis.present.network import provenance_rows

    rows = provenance_rows(today)
    where = set(rows["where"])
    assert any(w.startswith("processes[") and "economics.operating_cost kb-digester" in w for w in where)
    assert any("economics.leak kb-digester (methane slip)" in w for w in where)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_economics_survive_a_workbook(today, fmt, tmp_path):
    """The economics block is flattened into the processes sheet (economics_operating_cost, economics_leak_...)
    and read back equal."""
    from symbiosis.io.export import export_network

    out = export_network(today, fmt, tmp_path / ("net" if fmt == "csv" else f"net.{fmt}"))
    back = next(p for p in sym.load_network(out).processes if p.id == "kb-digester")
    assert back.economics == next(p for p in today.processes if p.id == "kb-digester").economics
