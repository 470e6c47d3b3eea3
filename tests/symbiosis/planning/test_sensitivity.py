"""The tornado: each estimate moved alone across its range, the headline re-solved; by hand on the tiny network."""

from __future__ import annotations

import json
import math

import pytest
from click.testing import CliRunner

import symbiosis as sym
from symbiosis.cli import main
from symbiosis.errors import SymbiosisError
from symbiosis.io import network_from_dict
from symbiosis.planning.sensitivity import parameters, sensitivity
from tests.conftest import tiny_dict

EST = {"source": "@estimate", "basis": "estimated", "method": "assumed for the test"}


def _tiny():
    d = tiny_dict()
    d["sources"]["estimate"] = {"title": "test estimates"}
    steam = next(f for f in d["factors"] if (f["factor"], f.get("resource")) == ("virgin_price", "steam"))
    steam.update(EST, range=[150, 250])  # a stated range
    landfill = next(f for f in d["factors"] if (f["factor"], f.get("resource")) == ("disposal_cost", "gypsum"))
    landfill.update(EST)  # no range: +-25 %
    d["streams"][0]["observed"].update(EST, range=[60, 95])  # the high end does not fit the pharma plant
    return network_from_dict(d, "x.yaml")


def test_every_input_is_varied_across_its_stated_estimated_or_default_range():
    got = {p.path: (p.low, p.high, p.kind) for p in parameters(_tiny())}
    assert got["factors[0]"] == (150, 250, "stated")
    assert got["factors[2]"] == (37.5, 62.5, "+-25%")  # an estimate without a range
    assert got["streams[0].observed"] == (60, 95, "stated")
    # published numbers now move too, by the default range of their kind (symbiosis/data/default-ranges.yaml)
    assert got["factors[1]"] == pytest.approx((80, 120, "published price +-20%"))
    assert got["factors[4]"][:2] == pytest.approx((0.18, 0.22))
    assert got["factors[4]"][2] == "published emission factor +-10%"
    assert got["demands[0].quantity"][:2] == pytest.approx((72, 88))
    assert "factors[3]" not in got  # a published 0 cannot move


def test_swings_by_hand():
    base, tab = sensitivity(_tiny())
    assert base["cost_saved"] == pytest.approx(19_600)
    rows = tab.set_index("path")
    # steam at p DKK/t: 80 t bought without symbiosis, 10 t today: the saving moves 70 DKK per DKK/t
    assert rows.cost_saved_at_low["factors[0]"] == pytest.approx(19_600 - 70 * 50)
    assert rows.cost_saved_at_high["factors[0]"] == pytest.approx(19_600 + 70 * 50)
    # landfill at d DKK/t: 50 t without, 10 t today: 40 per DKK/t, +-12.5 DKK/t
    assert rows.cost_saved_swing["factors[2]"] == pytest.approx(40 * 25)
    # 60 t of steam by stream: 10 t more bought at 200 DKK/t
    assert rows.cost_saved_at_low["streams[0].observed"] == pytest.approx(19_600 - 10 * 200)
    # 95 t cannot arrive at a plant that needs 80: that end is named, not guessed
    assert math.isnan(rows.cost_saved_at_high["streams[0].observed"])
    assert "Pharma plant (pharma) receives 15 t of 'steam'" in rows.note["streams[0].observed"]
    reach = (tab.cost_saved_at_low - base["cost_saved"]).abs().combine((tab.cost_saved_at_high - base[
        "cost_saved"]).abs(), max).fillna(-1)
    assert list(reach) == sorted(reach, reverse=True)  # ranked by the farther end


def test_a_bad_spread_or_answer_is_refused():
    with pytest.raises(SymbiosisError, match="spread"):
        sensitivity(_tiny(), spread=1.5)
    with pytest.raises(SymbiosisError, match="answer"):
        sensitivity(_tiny(), answer="counterfactual")


def test_cli_sensitivity_json_and_table(tmp_path):
    path = tmp_path / "x.yaml"
    import yaml

    d = tiny_dict()
    d["sources"]["estimate"] = {"title": "test estimates"}
    d["factors"][0].update(EST, range=[150, 250])
    path.write_text(yaml.safe_dump(d, allow_unicode=True))
    r = CliRunner().invoke(main, ["sensitivity", str(path), "--format", "json"])
    assert r.exit_code == 0, r.output
    doc = json.loads(r.output)
    assert doc["convention"] == "system-expansion" and doc["answer"] == "observed"
    assert doc["headline"]["cost_saved"] == pytest.approx(19_600)
    steam = next(a for a in doc["assumptions"] if a["path"] == "factors[0]")
    assert steam["cost_saved_at_high"] == pytest.approx(23_100) and steam["range"] == "stated"
    r = CliRunner().invoke(main, ["sensitivity", str(path)])
    assert r.exit_code == 0 and "largest drivers of cost saved: price of steam" in " ".join(r.output.split())
    r = CliRunner().invoke(main, ["sensitivity", str(path), "--convention", "marginal"])
    assert r.exit_code == 2
    assert "--convention: unknown convention 'marginal'; valid: system-expansion, no-co-product-credit, " \
           "biogenic-stack" in " ".join(r.output.split())


@pytest.fixture(scope="module")
def kalundborg():
    net = sym.load_network("kalundborg")
    return net, *sensitivity(net)


def test_the_bundled_network_names_its_largest_drivers(kalundborg):
    _, base, tab = kalundborg
    top = list(tab.parameter.head(5))
    assert top[0].startswith("price of wood-chips")
    assert base["cost_saved"] > 0 and len(tab) > 100


def test_a_convention_row_is_the_headline_under_that_convention(kalundborg):
    """The levers (the other convention's factor rows on the declared compiled answers) against the other path:
    the network read under that convention and compiled again."""
    from symbiosis.accounting.conventions import apply_convention
    from symbiosis.engine import InputSweep

    net, base, tab = kalundborg
    row = tab.set_index("path").loc["convention:biogenic-stack"]
    other = InputSweep(apply_convention(net, "biogenic-stack"), {"cost": 1.0}, ("observed", "counterfactual"))
    got = other.totals([])
    assert row.co2e_avoided_at_low == pytest.approx(base["co2e_avoided"])
    assert row.co2e_avoided_at_high == pytest.approx(got["counterfactual"]["co2e"] - got["observed"]["co2e"])
    assert row.co2e_avoided_at_high < 0 < base["co2e_avoided"]  # the sign turns (issue 26, finding 1)
    assert {"convention:no-co-product-credit", "convention:biogenic-stack"} <= set(tab.path)


def test_the_biogas_yield_and_published_factors_are_in_the_tornado(kalundborg):
    net, base, tab = kalundborg
    rows = tab.set_index("path")
    gas = rows.loc["processes[2].outputs.biomethane"]
    assert (gas.low, gas.high, gas.range) == (26.7, 85.7, "stated")
    # the lower reading of the yield (chemXplore 2017): -13,470 t CO2e at the combustion-only gas factor the issue
    # had (0.002245 t/m3), x 0.002475 / 0.002245 at the life-cycle factor of one scope (issue 26 item 4): -14,850 t;
    # and -25.8 million DKK
    assert gas.co2e_avoided_at_low - base["co2e_avoided"] == pytest.approx(-13_470 * 0.002475 / 0.002245, rel=0.01)
    assert gas.cost_saved_at_low - base["cost_saved"] == pytest.approx(-25.8e6, rel=0.01)
    # the higher one sends more gas to the grid than the data's grid demand takes: named, not guessed
    assert "gas-grid" in gas.note and "natural-gas" in gas.note
    published = tab[tab.range.str.startswith("published emission factor")]
    assert len(published) > 0 and (published.co2e_avoided_swing.abs() > 0).any()


def test_the_ends_are_made_without_the_cyclic_collector_and_it_is_put_back(monkeypatch):
    """The collector is paused and the objects alive are frozen while the ends are made; both as before after,
    also after an end that raises, and a caller's paused collector stays paused."""
    import gc

    from symbiosis.engine import InputSweep

    seen = []
    real = InputSweep.totals_many

    def totals_many(self, ends):
        seen.append((gc.isenabled(), gc.get_freeze_count()))
        return real(self, ends)

    monkeypatch.setattr(InputSweep, "totals_many", totals_many)
    net, before = _tiny(), gc.get_freeze_count()
    assert gc.isenabled()
    sensitivity(net)
    assert seen and not seen[0][0] and seen[0][1] > before
    assert gc.isenabled() and gc.get_freeze_count() == before
    monkeypatch.setattr(InputSweep, "totals_many", lambda self, ends: 1 / 0)
    with pytest.raises(ZeroDivisionError):
        sensitivity(net)
    assert gc.isenabled() and gc.get_freeze_count() == before
    monkeypatch.setattr(InputSweep, "totals_many", totals_many)
    gc.disable()
    try:
        sensitivity(net)
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()
