"""What ``simulate``, ``score`` and ``design`` show of the declared investments: annualised capital, payback, NPV.

The numbers come from :mod:`symbiosis.accounting.investments`; here they are only laid out. Every section
appears only where the network declares a capital cost on a stream or a process.
"""

from __future__ import annotations

import math

from symbiosis.model.money import in_currency
from symbiosis.present.console import table
from symbiosis.present.encode import plain, records
from symbiosis.present.formatting import number
from symbiosis.present.i18n import LOCALE, _, current

__all__ = ["BEFORE_CAPITAL", "investments_json", "print_investments", "print_rebuild", "savings_rows"]

#: How the headline cost saved is labelled where a capital cost is declared: it stays an operating saving.
BEFORE_CAPITAL = "before capital cost"


def investments_json(by_answer: dict) -> dict:
    """``{"investments": {answer: {rows, annualised capital, net}}}``, or ``{}`` where nothing is declared."""
    if not by_answer:
        return {}
    return {"investments": plain({answer: {**inv.summary, "items": records(inv.table)}
                                  for answer, inv in by_answer.items() if inv is not None})}


def savings_rows(by_answer: dict) -> list[tuple[str, float, float]]:
    """The rows the savings table adds under cost saved: (label, observed, optimised) of the annualised capital
    cost and the saving net of it; none where nothing is declared."""
    if not by_answer:
        return []
    obs, opt = by_answer["observed"].summary, by_answer["optimised"].summary
    return [(_("Annualised capital cost"), obs["annualised_capital_money_yr"], opt["annualised_capital_money_yr"]),
            (_("Cost saved net of capital cost"), obs["net_of_capital_money_yr"], opt["net_of_capital_money_yr"])]


def _payback(v) -> str:
    if v is None or (isinstance(v, float) and math.isnan(v)):
        return "-"
    return _("never") if v == math.inf else number(v, digits=1)


def _rate(r) -> str:
    from babel.numbers import format_percent

    rate = format_percent(r.discount_rate, locale=LOCALE[current()], decimal_quantization=False)
    return rate + ("" if r.rate_declared else "*")


def print_investments(inv, console, answer: str = "observed") -> None:
    """The investments of one answer: capital, lifetime, rate, annualised capital, the stream's saving, payback."""
    if inv is None or inv.table.empty:
        return
    cur = _("DKK")
    t = table(_("Investments ({answer}; {cur}; a stream's saving is its value in the ledger)").format(
        answer=_(answer), cur=cur), [
        (_("stream or process"), "left"), (_("capital"), "right"), (_("built"), "right"), (_("life yr"), "right"),
        (_("rate"), "right"), (_("annuity /yr"), "right"), (_("saves /yr"), "right"), (_("payback yr"), "right")])
    for r in inv.table.itertuples():
        t.add_row(r.item, number(r.capital_cost_money, digits=0), _year(r.year_built), str(int(r.lifetime_yr)),
                  _rate(r), number(r.annualised_capital_money_yr, digits=0) + ("" if _paying(r) else "\n" + _("(off)")),
                  "-" if math.isnan(r.saving_money_yr) else number(r.saving_money_yr, digits=0),
                  _payback(r.payback_yr))
    console.print(t)
    s = inv.summary
    console.print(_("Cost saved {saved} {cur}/yr before capital cost; annualised capital {capital} {cur}/yr; net "
                    "{net} {cur}/yr. Annuity: capital x r / (1 - (1 + r)^-life); (off): written off before the "
                    "network's year, not counted; payback: capital / the stream's yearly saving ('-' for a process: "
                    "its effect is in its streams' values); *: no rate declared, the default.").format(
        saved=number(s["cost_saved_before_capital_money_yr"], digits=0), cur=cur,
        capital=number(s["annualised_capital_money_yr"], digits=0), net=number(s["net_of_capital_money_yr"], digits=0)))


def _paying(r) -> bool:
    return not (isinstance(r.years_left, float) and r.years_left <= 0)


def print_rebuild(rebuild, console) -> None:
    """Would we build it again: each running stream or process with a capital cost, its saving over its
    lifetime against that cost (NPV at its rate) and its payback."""
    if rebuild is None or rebuild.empty:
        return
    cur = in_currency("DKK")
    t = table("Would we build it again? Running streams and processes with a capital cost (observed saving "
              "over the lifetime)", [("stream or process", "left"), (f"capital {cur}", "right"),
                                     ("lifetime yr", "right"), ("rate", "right"), (f"saves {cur}/yr", "right"),
                                     (f"NPV {cur}", "right"), ("payback yr", "right"), ("again?", "left")],
              title_justify="center")
    for r in rebuild.itertuples():
        known = not math.isnan(r.npv_money)
        t.add_row(r.item, number(r.capital_cost_money, digits=0), str(int(r.lifetime_yr)), _rate(r),
                  number(r.saving_money_yr, digits=0) if known else "-",
                  number(r.npv_money, digits=0) if known else "-", _payback(r.payback_yr),
                  ("yes" if r.npv_money >= 0 else "no") if known else "-")
    console.print(t)
    console.print("NPV = the yearly saving x (1 - (1 + r)^-lifetime) / r - capital: yes where the saving repays the "
                  "capital at that rate within the lifetime. A process has no value of its own in the ledger "
                  "(its effect is in its streams' values). *: no rate declared, the design's --discount-rate.")


def _year(v) -> str:
    return "-" if v is None or (isinstance(v, float) and math.isnan(v)) else str(int(v))
