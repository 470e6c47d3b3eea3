"""What ``symbiosis design``, ``pareto``, ``prices`` and ``stress`` print and write."""

from __future__ import annotations

import pandas as pd

from symbiosis.model.money import in_currency
from symbiosis.present.console import table
from symbiosis.present.encode import plain, records
from symbiosis.present.formatting import number
from symbiosis.present.investments import print_rebuild
from symbiosis.present.rows import RemovalRow, rows

__all__ = ["design_json", "pareto_json", "prices_json", "print_design", "print_failures", "print_pareto",
           "print_prices", "print_stress"]


# -- design ------------------------------------------------------------------------------------------
def design_json(ld) -> dict:
    """A JSON-ready dict of a :class:`~symbiosis.planning.design.LinkDesign` (infinite payback as null).

    Parameters
    ----------
    ld : LinkDesign
        The solved design of candidate links.

    Returns
    -------
    dict
        The network, status, gap and discount rate, the operating cost without and with the design and
        the design's annualised cost (DKK/yr), its links, the candidates skipped and the rebuild table.
    """
    return plain({"network": ld.network.id, "status": ld.status, "gap": ld.gap, "discount_rate": ld.discount_rate,
                  "operating_cost_without_new_links_money_yr": ld.cost_without,
                  "operating_cost_with_design_money_yr": ld.cost_with,
                  "annualised_cost_of_design_money_yr": ld.annualised,
                  "links": records(ld.links),
                  "skipped": [{"path": p.path, "message": p.message} for p in ld.skipped],
                  "rebuild": records(ld.rebuild)})


def print_design(ld, gap: float, con) -> None:
    """The candidate links with build, flow, investment, yearly cost, saving and payback; then "would we build it
    again" of the running streams and processes with a capital cost.

    Parameters
    ----------
    ld : LinkDesign
        The solved design of candidate links.
    gap : float
        The relative MIP gap the design was solved to (0.01 is 1 %).
    con : rich.console.Console
        Where to print.
    """
    if ld.links.empty:
        con.print(f"{ld.network.name}: no candidate stream with an investment to design.")
        print_rebuild(ld.rebuild, con)
        return
    t = table(f"Candidate links of {ld.network.name}", [
        ("stream", "left"), ("from -> to", "left"), ("build", "left"), ("flow", "right"), ("investment DKK", "right"),
        ("per year DKK", "right"), ("saves DKK/yr", "right"), ("payback yr", "right")], title_justify="center")
    for r in ld.links.itertuples():
        t.add_row(r.stream, f"{r.supplier} -> {r.receiver}", "yes" if r.build else "no", number(r.flow, r.unit),
                  number(r.investment_money, digits=0), number(r.annualised_money_yr, digits=0),
                  number(r.saving_money_yr, digits=0),
                  number(r.payback_yr, digits=1) if r.payback_yr < float("inf") else "never")
    con.print(t)
    con.print(in_currency(f"Operating cost {number(ld.cost_without, digits=0)} DKK/yr without new links, "
                          f"{number(ld.cost_with, digits=0)} with the {int(ld.links.build.sum())} proposed; their "
                          f"annualised cost {number(ld.annualised, digits=0)} DKK/yr at {ld.discount_rate:.1%}."))
    con.print(f"HiGHS MILP: {ld.status}, gap reached {ld.gap:.4%} (asked {gap:.4%}), {ld.solver_time:.2f} s. "
              "'saves' is against the rest of the design; payback = investment / (saving - fixed cost).")
    for p in ld.skipped:
        con.print(f"note: {p.path}: {p.message}")
    print_rebuild(ld.rebuild, con)


# -- pareto -------------------------------------------------------------------------------------------
def pareto_json(pf) -> dict:
    """A JSON-ready dict of a :class:`~symbiosis.planning.pareto.ParetoFront`.

    Parameters
    ----------
    pf : ParetoFront
        The front.

    Returns
    -------
    dict
        The network, the measures on the axes (``x``, ``y``, ``z``) and the points, one record each.
    """
    return plain({"network": pf.network.id, "x": pf.x, "y": pf.y, "z": pf.z, "points": records(pf.points)})


#: Each column of a front, as a person reads it: (heading, unit); the trade-off's unit is made per front.
_FRONT = {"point": ("point", ""), "cost_money_yr": ("cost", "DKK/yr"), "co2e_t_yr": ("CO2e", "t/yr"),
          "groundwater_m3_yr": ("groundwater", "m3/yr"), "virgin_material_t_yr": ("virgin material", "t/yr"),
          "disposed_t_yr": ("disposed", "t/yr"), "service_cost_money_yr": ("service cost", "DKK/yr"),
          "supported_fte": ("supported jobs", "FTE")}
_MEASURE_UNIT = {"cost": "DKK", "co2e": "t CO2e", "groundwater": "m3 groundwater",
                 "virgin_material": "t virgin material", "disposed": "t disposed", "social": "supported FTE"}


def print_pareto(pf, con) -> None:
    """The front as a table, with what its columns mean.

    Parameters
    ----------
    pf : ParetoFront
        The front.
    con : rich.console.Console
        Where to print.
    """
    pts = pf.points
    measures = [pf.x, pf.y] + ([pf.z] if pf.z else [])
    cols = [c for c in pts.columns if c not in ("supported_persons",)]
    heads = {c: _FRONT.get(c, (c.replace("_", " "), "")) for c in cols}
    heads["trade_off"] = ("trade-off", f"{_MEASURE_UNIT.get(pf.x, pf.x)} per {_MEASURE_UNIT.get(pf.y, pf.y)}")
    t = table(f"Pareto front of {pf.network.name}: {' against '.join(measures)}",
              [(f"{h} ({u})" if u else h, "right") for h, u in (heads[c] for c in cols)], title_justify="center")
    for row in pts.itertuples(index=False):
        t.add_row(*[_front_cell(c, getattr(row, c)) for c in cols])
    con.print(t)
    if len(pts) == 1:
        con.print(f"One point: {', '.join(measures)} do not pull apart here; the best for one is best for all.")
    if "trade_off" in pts and len(pts) > 1:
        gained = "gained" if pf.y == "social" else "avoided"
        con.print(f"trade-off: {_MEASURE_UNIT.get(pf.x, pf.x)} per {_MEASURE_UNIT.get(pf.y, pf.y)} "
                  f"{gained}, from the point above.")
    if "supported_persons" in pts:
        n = pts.supported_persons.iloc[0]
        count = "not known (nothing recorded, or only people of an unpublished scheme)" if n != n else \
            f"{number(n)} {'person' if n == 1 else 'persons'}"
        con.print(f"People in supported employment and offers do not depend on the flows: {count} at every point.")
    else:
        con.print("cost includes the service hours bought (service cost); supported FTE: work for people "
                  "in supporting schemes, from the service hours bought of social-economy enterprises.")


def _front_cell(column: str, v) -> str:
    if not isinstance(v, float):
        return str(v)
    if column == "supported_fte":
        return number(v, digits=2)
    return number(v, significant=6)


# -- prices -------------------------------------------------------------------------------------------
def prices_json(sp) -> dict:
    """A JSON-ready dict of :class:`~symbiosis.planning.prices.ShadowPrices`.

    Parameters
    ----------
    sp : ShadowPrices
        The shadow prices of a solve.

    Returns
    -------
    dict
        The network, the objective's weights, the price convention, and the balances' and the
        streams' prices (DKK per unit), one record each.
    """
    return plain({"network": sp.network.id, "weights": sp.weights, "convention": sp.convention,
                  "balances": records(sp.balances),
                  "streams": records(sp.streams)})


def print_prices(sp, con) -> None:
    """What one more unit is worth per balance, and each stream's capacity value and price range.

    Parameters
    ----------
    sp : ShadowPrices
        The shadow prices of a solve (DKK per unit of each resource).
    con : rich.console.Console
        Where to print.
    """
    money = "DKK" if set(sp.weights) == {"cost"} else "objective units"
    t = table(f"{sp.network.name}: one more unit is worth ({money}/unit; convention {sp.convention})",
              [("actor", "left"), ("resource", "left"), ("value per unit", "right")], title_justify="center")
    for r in sp.balances.itertuples():
        if abs(r.high_money_per_unit - r.low_money_per_unit) <= 1e-9 * max(1.0, abs(r.high_money_per_unit)):
            value = f"{number(r.value_money_per_unit, digits=2)} /{r.unit}"
        else:
            value = f"{number(r.low_money_per_unit, digits=2)} to {number(r.high_money_per_unit, digits=2)} /{r.unit}"
        t.add_row(r.actor, r.resource + (f" ({r.grade})" if r.grade else ""), value)
    con.print(t)
    t = table(f"Streams: capacity worth and the price where both gain ({money}/unit)",
              [("stream", "left"), *((c, "right") for c in ("flow", "capacity", "capacity worth", "price",
                                                             "recorded"))],
              title_justify="center")
    for r in sp.streams.itertuples():
        cap = "-" if r.capacity == float("inf") else number(r.capacity, r.unit, significant=6)
        lo, hi = r.price_floor_money_per_unit, r.price_ceiling_money_per_unit
        if abs(hi - lo) <= 1e-9 * max(1.0, abs(hi)):
            price = number(lo, digits=2)
        elif lo > hi:
            price = f"none: costs {number(lo, digits=2)}, worth {number(hi, digits=2)}"
        else:
            price = f"{number(lo, digits=2)} to {number(hi, digits=2)}"
        paid = r.recorded_price_money_per_unit
        recorded = "-" if paid is None or paid != paid else number(paid, digits=2)
        t.add_row(r.stream, number(r.flow, r.unit, significant=6), cap,
                  number(r.capacity_value_money_per_unit, digits=2), price, recorded)
    con.print(t)
    con.print("value per unit: what one more unit needed there would cost (a range where the optimum is a tie: "
              "one less and one more unit differ). price: from the supplier's value of keeping a unit plus "
              "transport to what the delivered units are worth to the receiver; one number where they meet; none "
              "where a unit costs the supplier more than it is worth to the receiver (the stream runs for a "
              "contract or a recorded flow, not for its price). recorded: the stream's recorded payment per unit "
              "sent (- where none is recorded), beside the marginal range; `symbiosis score` gives each stream's "
              "whole-stream range (price_low to price_high in --format json).")


# -- stress -------------------------------------------------------------------------------------------
def print_stress(net, by: str, tab: pd.DataFrame, con) -> None:
    """The removals ranked by what the symbiosis loses; those whose loss cannot be computed (without them the
    remaining flows cannot balance) are listed apart, with why, not ranked among the numbers; those not
    re-solved (screened by the bound from the duals only) last, at most :data:`SCREENED_SHOWN` of them.

    Parameters
    ----------
    net : Network
        The network stressed.
    by : str
        What was removed: ``actor`` or ``stream``.
    tab : pandas.DataFrame
        One row per removal: lost cost saved (DKK/yr), lost CO2e avoided (t/yr), lost supported
        persons, partners losing inputs, unmet needs (and ``exact``: re-solved, not screened).
    con : rich.console.Console
        Where to print.
    """
    screened = tab[~tab.exact] if "exact" in tab else tab.iloc[:0]
    tab = tab[tab.exact] if "exact" in tab else tab
    known = tab.lost_cost_saved.notna()
    unmet = bool((tab[known].unmet != "").any())
    t = table(f"{net.name}: what is lost without each {by} (per year, re-optimised)", [])
    for col in ("rank", by, in_currency("lost cost saved (DKK/yr)"), "lost CO2e avoided (t/yr)",
                "lost supported (persons)", "partners losing inputs", *(("unmet needs",) if unmet else ())):
        t.add_column(col, justify="right" if col.startswith(("rank", "lost")) else "left", overflow="fold")
    r: RemovalRow
    for rank, r in enumerate(rows(tab[known]), start=1):
        t.add_row(str(rank), r.removed, number(r.lost_cost_saved), number(r.lost_co2e_avoided),
                  number(r.lost_supported_persons), _partners(r.partners), *((r.unmet or "-",) if unmet else ()))
    con.print(t)
    if (~known).any():
        t = table(f"Not ranked: without these the loss cannot be computed ({int((~known).sum())})",
                  [by, "why", "partners losing inputs"])
        for r in rows(tab[~known]):
            t.add_row(r.removed, r.unmet.strip("()") or _NO_COUNTERFACTUAL, _partners(r.partners))
        con.print(t)
    if len(screened):
        t = table(f"Not re-solved: {len(screened)} {by}s, screened with the duals (a first-order loss of the "
                  "objective, from a bound per answer; `--top N` or `--all` re-solves more)",
                  [by, "first-order loss", "lost supported (persons)"])
        for r in rows(screened.head(SCREENED_SHOWN)):
            bound = r.lost_cost_saved if r.lost_cost_saved == r.lost_cost_saved else r.lost_co2e_avoided
            t.add_row(r.removed, number(bound), number(r.lost_supported_persons))
        con.print(t)
        if len(screened) > SCREENED_SHOWN:
            con.print(f"... and {len(screened) - SCREENED_SHOWN} more (`--format csv` lists them all).")
    which = "No re-solved removal" if len(screened) else "No removal"
    con.print(("" if (tab.unmet != "").any() else f"{which} leaves a need that nothing can cover. ")
              + "`--format csv` adds what each partner loses.")


#: How many screened (not re-solved) removals the stress table shows.
SCREENED_SHOWN = 20


_NO_COUNTERFACTUAL = ("nothing to measure against: without it, 'no symbiosis' has no route for a residual or no "
                      "source for a need")


def _partners(text: str) -> str:
    return ", ".join(dict.fromkeys(p.split(" (")[0] for p in text.split("; "))) or "-"


def print_failures(net, failures: int, samples: int, seed: int, tab: pd.DataFrame, percentiles, con) -> None:
    """Losses over random multi-failure samples.

    Parameters
    ----------
    net : Network
        The network stressed.
    failures : int
        How many actors fail at once in a sample.
    samples : int
        How many samples were drawn.
    seed : int
        The random seed of the samples.
    tab : pandas.DataFrame
        One row per sample: lost cost saved (DKK/yr), lost CO2e avoided (t/yr), partners
        losing inputs and unmet needs.
    percentiles : sequence of int
        The percentiles to show (0-100).
    con : rich.console.Console
        Where to print.
    """
    con.print(f"[bold]{net.name}[/bold]: {samples} samples of {failures} actors failing at once (seed {seed})")
    t = table("Losses over the samples", [("indicator", "left"), ("mean", "right"),
                                          *((f"{q}th percentile", "right") for q in percentiles)])
    for key, label in (("lost_cost_saved", in_currency("lost cost saved (DKK/yr)")),
                       ("lost_co2e_avoided", "lost CO2e avoided (t/yr)"),
                       ("partners_losing_inputs", "partners losing inputs (count)")):
        v = tab[key].dropna()
        t.add_row(label, number(v.mean()), *(number(v.quantile(q / 100)) for q in percentiles))
    con.print(t)
    unmet = int((tab.unmet != "").sum())
    con.print(f"{unmet} of {samples} samples leave needs that nothing can cover; "
              "`--format csv` gives every sample.")
