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


def test_the_bundled_network_names_its_largest_drivers():
    base, tab = sensitivity(sym.load_network("kalundborg"))
    top = list(tab.parameter.head(5))
    assert top[0].startswith("price of wood-chips")
    assert base["cost_saved"] > 0 and len(tab) > 40
