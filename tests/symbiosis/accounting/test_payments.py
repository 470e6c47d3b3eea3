"""Recorded payments (issue 24, item 2): transfers between actors, checked by hand.

The hand-made network (examples/social-economy.yaml, see test_scores.py): the plant sends 70 t steam to
pharma (virgin steam 200 DKK/t, steam disposal free) and 40 t gypsum to the board maker by truck
(10 DKK/t, paid by the plant), replacing natural gypsum (100 DKK/t); gypsum disposal costs 50 DKK/t.
Without payments: plant 1,600 DKK/yr saved, pharma 14,000, boards 4,000; network 19,600.
"""

from __future__ import annotations

import pytest

import symbiosis as sym
from symbiosis.accounting.payments import payments, transfers
from symbiosis.accounting.savings import actor_savings, savings
from symbiosis.accounting.score import score
from symbiosis.accounting.streams import stream_values
from tests.social_net import social_network

EST = {"source": "Test fixture", "basis": "estimated", "method": "a round price for the test"}


def _paid(payment: dict, stream: int = 0):
    def edit(d):
        d["streams"][stream]["payment"] = {**payment, **EST}
    return sym.evaluate(social_network(edit))


@pytest.fixture(scope="module")
def plain():
    return sym.evaluate(social_network())


def _who(ev):
    return actor_savings(ev.observed, ev.counterfactual, ev.network).set_index("actor")


def test_a_price_per_unit_moves_the_payment_from_receiver_to_supplier(plain):
    ev = _paid({"per_unit": 120})  # steam-to-pharma: 70 t x 120 DKK/t = 8,400 DKK/yr
    before, after = _who(plain), _who(ev)
    assert after.cost_saved["plant"] == pytest.approx(1_600 + 8_400)
    assert after.cost_saved["pharma"] == pytest.approx(14_000 - 8_400)
    assert after.cost_saved["boards"] == pytest.approx(before.cost_saved["boards"])
    assert after.payments["plant"] == pytest.approx(8_400)
    assert after.payments.sum() == pytest.approx(0, abs=1e-9)
    # a transfer: the network total does not change
    assert after.cost_saved.sum() == pytest.approx(19_600)
    assert savings(ev.observed, ev.counterfactual, ev.network)["cost_saved"] == pytest.approx(19_600)


def test_a_yearly_sum_and_a_gate_fee_paid_by_the_supplier():
    ev = _paid({"per_year": 1_000, "per_unit": 5, "payer": "supplier"}, stream=1)  # gypsum: 40 t x 5 + 1,000
    after = _who(ev)
    assert after.cost_saved["plant"] == pytest.approx(1_600 - 1_200)
    assert after.cost_saved["boards"] == pytest.approx(4_000 + 1_200)
    pay = payments(ev.observed, ev.network).set_index("stream")
    assert (pay.payer["gypsum-to-boards"], pay.payee["gypsum-to-boards"]) == ("plant", "boards")
    assert pay.amount["steam-to-pharma"] == 0 and not pay.recorded["steam-to-pharma"]


def test_a_payment_counts_only_where_the_stream_runs():
    ev = _paid({"per_year": 1_000})
    assert transfers(ev.counterfactual, ev.network).abs().sum() == 0  # no stream, no payment
    assert transfers(ev.observed, ev.network)["plant"] == pytest.approx(1_000)


def test_missing_payments_are_named_per_actor(plain):
    ev = _paid({"per_unit": 120})
    who = _who(ev)
    assert who.unpriced["pharma"] == ""
    assert who.unpriced["plant"] == "gypsum-to-boards"
    assert who.unpriced["boards"] == "gypsum-to-boards"
    assert _who(plain).unpriced["plant"] == "steam-to-pharma, gypsum-to-boards"


def test_the_price_range_and_the_recorded_price_per_stream():
    ev = _paid({"per_year": 700})  # steam: 700 DKK/yr over 70 t = 10 DKK/t
    st = stream_values(ev.observed, ev.counterfactual, ev.network).set_index("stream")
    # steam: the supplier avoids nothing (disposal free, no transport): gains at any price >= 0; the
    # receiver gains up to the virgin price 200. Gypsum: plant gains above 10 - 50 = -40, boards below 100.
    assert (st.price_low["steam-to-pharma"], st.price_high["steam-to-pharma"]) == pytest.approx((0, 200))
    assert (st.price_low["gypsum-to-boards"], st.price_high["gypsum-to-boards"]) == pytest.approx((-40, 100))
    assert st.fair_price["gypsum-to-boards"] == pytest.approx(30)  # the middle of the range
    assert st.recorded_price["steam-to-pharma"] == pytest.approx(10)
    assert st.recorded_price.isna()["gypsum-to-boards"]


def test_the_company_view_line_changes_by_the_payment(plain):
    ev = _paid({"per_unit": 120})
    view = score(ev).company.set_index("actor")
    assert view.cost_saved["plant"] == pytest.approx(1_600 + 70 * 120)
    assert view.payments["plant"] == pytest.approx(70 * 120)
    assert view.unpriced["plant"] == "gypsum-to-boards"


@pytest.mark.slow
def test_kalundborg_with_a_recorded_steam_price():
    """Ørsted's line in the company view changes by exactly 215,000 t x 150 DKK/t = 32.25 MDKK/yr."""
    from symbiosis.io import load_network

    net = load_network("kalundborg")
    price = sym.model.Payment(per_unit=150, source="@estimate", basis="estimated",
                              method="test fixture: a round steam price, not a published one")
    streams = tuple(s.model_copy(update={"payment": price}) if s.id == "steam-orsted-novo-nordisk" else s
                    for s in net.streams)
    paid = net.replace(streams=streams)
    before, after = score(sym.evaluate(net)), score(sym.evaluate(paid))
    flow = next(s for s in net.streams if s.id == "steam-orsted-novo-nordisk").observed.value
    assert flow == 215_000
    b, a = before.per_actor.set_index("actor"), after.per_actor.set_index("actor")
    assert a.cost_saved["orsted-asnaes"] - b.cost_saved["orsted-asnaes"] == pytest.approx(32_250_000)
    assert a.cost_saved["novo-nordisk"] - b.cost_saved["novo-nordisk"] == pytest.approx(-32_250_000)
    assert after.indicators["cost_saved"] == pytest.approx(before.indicators["cost_saved"])
    # the company view lists members with an employee count above 250: Novo Nordisk (Ørsted has no count)
    cb, ca = before.company.set_index("actor"), after.company.set_index("actor")
    assert ca.cost_saved["novo-nordisk"] - cb.cost_saved["novo-nordisk"] == pytest.approx(-32_250_000)
    assert ca.payments["novo-nordisk"] == pytest.approx(-32_250_000)
    assert "steam-orsted-novo-nordisk" not in ca.unpriced["novo-nordisk"]
    assert "steam-orsted-novo-nordisk" in cb.unpriced["novo-nordisk"]


def test_prices_and_score_show_the_recorded_payment(tmp_path):
    """`prices` prints the recorded price beside the range; `score` the payments and where they are missing."""
    import json

    import yaml
    from click.testing import CliRunner

    from symbiosis.cli import main
    from tests.social_net import social_dict

    d = social_dict()
    d["streams"][0]["payment"] = {"per_unit": 120, **EST}
    path = tmp_path / "paid.yaml"
    path.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(main, ["prices", str(path)], env={"COLUMNS": "250", "LINES": None})
    assert out.exit_code == 0, out.output
    rows = {cells[0]: cells for line in out.output[out.output.index("Streams: capacity"):].splitlines()
            if line.startswith("│") for cells in [[c.strip() for c in line.split("│")[1:-1]]]}
    assert rows["steam-to-pharma"][-1] == "120.00"
    assert rows["gypsum-to-boards"][-1] == "-"
    out = CliRunner().invoke(main, ["score", str(path)], env={"COLUMNS": "250", "LINES": None})
    assert out.exit_code == 0, out.output
    assert "of which recorded payments" in out.output
    assert "No recorded payment on 1 running stream (gypsum-to-boards)" in " ".join(out.output.split())
    out = CliRunner().invoke(main, ["score", str(path), "--format", "json"], env={"COLUMNS": "250", "LINES": None})
    data = json.loads(out.output)
    plant = next(r for r in data["per_actor"]["observed"] if r["actor"] == "plant")
    assert plant["payments"] == pytest.approx(8_400) and plant["cost_saved"] == pytest.approx(10_000)
    steam = next(r for r in data["per_stream"]["observed"] if r["stream"] == "steam-to-pharma")
    assert (steam["price_low"], steam["price_high"], steam["recorded_price"]) == pytest.approx((0, 200, 120))
    del d["streams"][0]["payment"]  # none recorded anywhere: one sentence, no column of zeros
    path.write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    out = CliRunner().invoke(main, ["score", str(path)], env={"COLUMNS": "250", "LINES": None})
    assert "No stream records a payment" in " ".join(out.output.split())
    assert "of which recorded payments" not in out.output


def test_a_sweep_splits_the_payment_as_the_single_answer_does(tmp_path):
    """Scope 'actor' of a run: cost_saved moves by the payment, per sample, and still sums to the network's."""
    import yaml

    from symbiosis.scenario import load_scenario
    from symbiosis.simulate import run_scenario
    from tests.conftest import tiny_dict
    from tests.paths import FIXTURES

    d = tiny_dict()
    d["streams"][0]["payment"] = {"per_unit": 50, "per_year": 100, **EST}
    (tmp_path / "tiny.yaml").write_text(yaml.safe_dump(d, allow_unicode=True), encoding="utf-8")
    scenario = (FIXTURES / "tiny-scenario.yaml").read_text(encoding="utf-8")
    (tmp_path / "s.yaml").write_text(scenario, encoding="utf-8")
    res = run_scenario(load_scenario(tmp_path / "s.yaml"), samples=2).results
    for sample in (0, 1):
        rows = res[(res.year == 2020) & (res["sample"] == sample)]
        shares = rows[(rows.scope == "actor") & (rows.indicator == "cost_saved")].set_index("item").value
        # test_simulate: boards 5,000, pharma 16,000, plant 2,000 without payments; 80 t steam sent in 2020
        assert shares["plant"] == pytest.approx(2_000 + 80 * 50 + 100)
        assert shares["pharma"] == pytest.approx(16_000 - 80 * 50 - 100)
        total = rows[(rows.scope == "network") & (rows.indicator == "cost_saved")].value.iloc[0]
        assert shares.sum() == pytest.approx(total)


import functools  # noqa: E402

from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@functools.lru_cache(maxsize=1)
def _plain():
    return sym.evaluate(social_network())


_PAYMENT = st.one_of(st.none(), st.fixed_dictionaries(
    {"per_unit": st.one_of(st.none(), st.floats(0, 500)), "per_year": st.floats(0, 10_000),
     "payer": st.sampled_from(["receiver", "supplier"])}))


@settings(max_examples=4, deadline=None)
@given(steam=_PAYMENT, gypsum=_PAYMENT)
def test_payments_never_change_the_network_and_move_exactly_what_is_paid(steam, gypsum):
    """Any payments: per answer, each actor's cost saved moves by what it receives minus pays, the
    network's does not move."""
    def edit(d):
        for i, p in ((0, steam), (1, gypsum)):
            if p is not None:
                d["streams"][i]["payment"] = {**p, **EST}
    ev = sym.evaluate(social_network(edit))
    plain_ev = _plain()
    for answer in ("observed", "optimised"):
        before = actor_savings(plain_ev.result(answer), plain_ev.counterfactual, plain_ev.network).set_index("actor")
        after = actor_savings(ev.result(answer), ev.counterfactual, ev.network).set_index("actor")
        assert after.cost_saved.sum() == pytest.approx(before.cost_saved.sum(), abs=1e-6)
        pay = payments(ev.result(answer), ev.network)
        moved = {a: 0.0 for a in after.index}
        for r in pay[pay.recorded].itertuples():
            moved[r.payee] += r.amount
            moved[r.payer] -= r.amount
        for actor, m in moved.items():
            assert after.cost_saved[actor] - before.cost_saved[actor] == pytest.approx(m, abs=1e-6)
