"""Investments on running streams and processes (issue 24 item 4): annualised capital, payback, NPV, by hand.

The tiny fixture's steam stream sends 70 t a year that the pharma plant would otherwise buy at 200 DKK/t and
the power plant disposes of at 0: its value in the ledger is 70 x 200 = 14,000 DKK/yr. The gypsum stream's
is 40 x (100 + 50 - 10) = 5,600 DKK/yr; the headline cost saved is 19,600 DKK/yr.
"""

import copy
import json

import pandas as pd
import pytest
import yaml
from click.testing import CliRunner

from symbiosis.accounting.investments import capital_summary, investment_table
from symbiosis.cli import main
from symbiosis.model import Network
from tests.conftest import tiny_dict

# 100,000 DKK over 10 years at 5 %: annuity = 100,000 x 0.05 / (1 - 1.05^-10) = 5,000 / 0.3860867 = 12,950.46;
# PVF = (1 - 1.05^-10) / 0.05 = 7.7217349; NPV = 14,000 x 7.7217349 - 100,000 = 8,104.29; payback 100,000 /
# 14,000 = 7.142857 years.
STEAM = {"capital_cost": {"value": 100_000, "source": "@test", "basis": "published"}, "year_built": 2015,
         "lifetime_years": {"value": 10, "source": "@estimate", "basis": "estimated", "method": "assumed"},
         "discount_rate": 0.05}
# Built in 2000 for 10 years: written off before the network's year (2020), so not in the annualised total.
GYPSUM = {"capital_cost": {"value": 30_000, "source": "@test", "basis": "published"}, "year_built": 2000,
          "lifetime_years": 10, "discount_rate": 0.0}


def invested(steam=STEAM, gypsum=GYPSUM) -> dict:
    data = tiny_dict()
    data["sources"]["estimate"] = {"title": "the test's assumptions"}
    data["streams"][0]["economics"] = copy.deepcopy(steam)
    if gypsum is not None:
        data["streams"][1]["economics"] = copy.deepcopy(gypsum)
    return data


VALUES = pd.DataFrame({"stream": ["steam-to-pharma", "gypsum-to-boards"], "value_money": [14_000.0, 5_600.0]})


def test_annuity_payback_and_npv_by_hand():
    t = investment_table(Network.model_validate(invested()), VALUES).set_index("item")
    steam = t.loc["steam-to-pharma"]
    assert steam.annualised_capital_money_yr == pytest.approx(12_950.46, abs=0.01)
    assert steam.payback_yr == pytest.approx(7.142857, abs=1e-6)
    assert steam.npv_money == pytest.approx(8_104.29, abs=0.01)
    assert steam.net_saving_money_yr == pytest.approx(14_000 - 12_950.46, abs=0.01)
    assert steam.years_left == 5 and steam.rate_declared
    gypsum = t.loc["gypsum-to-boards"]  # rate 0: straight division, 30,000 / 10; NPV 5,600 x 10 - 30,000
    assert gypsum.annualised_capital_money_yr == pytest.approx(3_000)
    assert gypsum.npv_money == pytest.approx(26_000)
    assert gypsum.payback_yr == pytest.approx(30_000 / 5_600)
    s = capital_summary(t.reset_index(), 19_600.0)
    assert s["annualised_capital_money_yr"] == pytest.approx(12_950.46, abs=0.01)  # the gypsum pipe is written off
    assert s["net_of_capital_money_yr"] == pytest.approx(19_600 - 12_950.46, abs=0.01)


def test_investments_are_hashable_like_every_part():
    from symbiosis.model import ProcessEconomics

    net = Network.model_validate(invested())
    assert hash(net.streams[0]) == hash(net.streams[0].model_copy())
    block = {"capital_cost": {"value": 5, "source": "@test", "basis": "published"},
             "lifetime_years": {"value": 20, "source": "@test", "basis": "published"}}
    assert hash(ProcessEconomics(**block)) == hash(ProcessEconomics(**block))


def test_default_rate_and_a_stream_that_saves_nothing():
    steam = {k: v for k, v in STEAM.items() if k != "discount_rate"}
    t = investment_table(Network.model_validate(invested(steam, None)),
                         pd.DataFrame({"stream": ["steam-to-pharma"], "value_money": [-5.0]}), default_rate=0.0)
    row = t.iloc[0]
    assert not row.rate_declared and row.discount_rate == 0.0
    assert row.annualised_capital_money_yr == pytest.approx(10_000)
    assert row.payback_yr == float("inf")  # it never pays back
    assert row.npv_money == pytest.approx(-5 * 10 - 100_000)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False, env={"COLUMNS": "250", "LINES": None})


@pytest.fixture(scope="module")
def park(tmp_path_factory):
    path = tmp_path_factory.mktemp("invest") / "park.yaml"
    path.write_text(yaml.safe_dump(invested(), sort_keys=False))
    return str(path)


def test_simulate_shows_payback_and_the_net_beside_the_headline(park):
    r = run("simulate", "--network", park)
    assert r.exit_code == 0, r.output
    assert "Cost saved (before capital cost)" in r.output
    assert "Annualised capital cost" in r.output and "12,950" in r.output
    assert "Cost saved net of capital cost" in r.output and "6,650" in r.output
    assert "steam-to-pharma" in r.output and "7.1" in r.output and "(off)" in r.output
    data = json.loads(run("simulate", "--network", park, "--format", "json").output)
    obs = data["investments"]["observed"]
    assert obs["cost_saved_before_capital_money_yr"] == pytest.approx(19_600)
    assert obs["net_of_capital_money_yr"] == pytest.approx(6_649.54, abs=0.01)
    steam = next(i for i in obs["items"] if i["item"] == "steam-to-pharma")
    assert steam["payback_yr"] == pytest.approx(100_000 / 14_000)


def test_no_investment_no_section():
    r = run("simulate", "--network", "tests/fixtures/tiny.yaml", "--format", "json")
    assert "investments" not in json.loads(r.output)


def test_score_carries_the_payback(park):
    data = json.loads(run("score", "-n", park, "--objective", "cost", "--format", "json").output)
    steam = next(i for i in data["investments"]["observed"]["items"] if i["item"] == "steam-to-pharma")
    assert steam["saving_money_yr"] == pytest.approx(14_000)  # the per-stream value score shows
    per_stream = {s["stream"]: s["value_money"] for s in data["per_stream"]["observed"]}
    assert steam["saving_money_yr"] == per_stream["steam-to-pharma"]


def test_design_asks_would_we_build_it_again(park):
    r = run("design", park)
    assert r.exit_code == 0, r.output
    assert "no candidate stream with an investment to design" in r.output
    assert "Would we build it again?" in r.output and "8,104" in r.output and "yes" in r.output
    data = json.loads(run("design", park, "--format", "json").output)
    steam = next(i for i in data["rebuild"] if i["item"] == "steam-to-pharma")
    assert steam["npv_money"] == pytest.approx(8_104.29, abs=0.01)


@pytest.mark.parametrize("field, value, path, words", [
    ("capital_cost", {"value": -1, "source": "@test", "basis": "published"}, "economics.capital_cost.value",
     "negative"),
    ("lifetime_years", 0, "economics.lifetime_years", "not a lifetime"),
    ("discount_rate", 1.0, "economics.discount_rate", "not a yearly rate"),
    ("discount_rate", -0.01, "economics.discount_rate", "not a yearly rate"),
])
def test_a_bad_value_names_its_field(tmp_path, field, value, path, words):
    path_file = tmp_path / "bad.yaml"
    path_file.write_text(yaml.safe_dump(invested({**STEAM, field: value}, None), sort_keys=False))
    r = CliRunner().invoke(main, ["validate", str(path_file)], env={"COLUMNS": "250"})
    assert r.exit_code == 2, r.output
    assert f"streams[0].{path}" in r.output and words in r.output
    assert "Traceback" not in r.output
    assert r.output.count(words) == 1


def test_a_candidate_keeps_its_investment_field():
    from tests.conftest import problem_at

    data = invested(gypsum=None)
    data["streams"][0]["status"] = "candidate"
    problem_at(data, "streams[0].economics.capital_cost", "is a candidate", "'investment' and 'lifetime'")


def test_an_undeclared_source_of_a_capital_cost_is_named():
    from tests.conftest import problem_at

    data = invested(gypsum=None)
    data["streams"][0]["economics"]["capital_cost"]["source"] = "@nowhere"
    problem_at(data, "streams[0].economics.capital_cost.source", "unknown source key '@nowhere'")


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_investments_round_trip_through_tables(tmp_path, fmt):
    from symbiosis.io.tables import read_tables, write_csv_folder, write_workbook

    net = Network.model_validate(invested())
    target = tmp_path / ("park.xlsx" if fmt == "xlsx" else "park")
    (write_workbook if fmt == "xlsx" else write_csv_folder)(net, target)
    back = read_tables(target)
    assert back.model_dump() == net.model_dump()
    assert back.streams[0].economics.provenance["lifetime_years"].method == "assumed"
