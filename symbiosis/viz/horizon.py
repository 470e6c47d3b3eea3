"""A scenario or a recorded run on the stakeholder page: what changed over the horizon.

From the tidy results of :func:`symbiosis.simulate.run_scenario` (or of a run
in the registry) this module makes the report's extra figures: a time path of
each headline indicator over the horizon, Monte Carlo bands (5th, 50th and
95th percentile) when the run has samples, and a waterfall of each company's
yearly cost in the base network against the scenario's last year; plus the
summary's sentences on what changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from symbiosis.accounting.ledger import actor_costs
from symbiosis.model.money import in_currency
from symbiosis.present.pagewords import label
from symbiosis.viz.montecarlo import monte_carlo_bands
from symbiosis.viz.report import scaled_waterfall
from symbiosis.viz.style import money, num
from symbiosis.viz.timepaths import time_paths

if TYPE_CHECKING:
    from symbiosis.accounting.evaluated import Evaluation
    from symbiosis.simulate.store import RunInfo

__all__ = ["HEADLINE", "cost_waterfall_figure", "headline_medians", "horizon_figures", "horizon_summary"]

HEADLINE = ("cost_saved", "co2e_avoided", "groundwater_saved", "supported_persons")
_UNITS = {"cost_saved": ("DKK/yr", "kr./år"), "co2e_avoided": ("t CO2e/yr", "t CO2e/år"),
          "groundwater_saved": ("m³/yr", "m³/år"), "supported_persons": ("persons", "personer")}


def headline_medians(results: pd.DataFrame) -> pd.DataFrame:
    """Per year and headline indicator, the median over the samples (infeasible samples, NaN, left out).

    Columns ``year, indicator, value``; a run without uncertainty has one sample, so the median is its value.
    """
    part = results[(results.scope == "network") & results.indicator.isin(HEADLINE)]
    out = part.groupby(["indicator", "year"], sort=False)["value"].median().reset_index()
    order = {k: i for i, k in enumerate(HEADLINE)}
    return out.sort_values(["indicator", "year"], key=lambda c: c.map(order) if c.name == "indicator" else c,
                           kind="stable").reset_index(drop=True)[["year", "indicator", "value"]]


def _unit(indicator: str, values: pd.Series, lang: str) -> tuple[float, str]:
    """Divisor and unit for an indicator's axis: costs in millions when they run to tens of millions."""
    unit = _UNITS[indicator][lang == "da"]
    if indicator == "cost_saved" and values.abs().max() >= 1e7:
        return 1e6, in_currency("mio. kr./år" if lang == "da" else "million DKK/yr")
    return 1.0, in_currency(unit)


def horizon_figures(spec, results: pd.DataFrame, base: Evaluation, last: Evaluation, lang: str = "en",
                    samples: int = 0) -> list[tuple[str, str, object]]:
    """``(title, help, figure)`` for :func:`~symbiosis.viz.report.build_report`'s ``extra_figures``.

    ``spec`` is the :class:`~symbiosis.scenario.ScenarioSpec`; ``results`` its tidy results;
    ``base`` and ``last`` the :class:`~symbiosis.evaluation.Evaluation` of the base network and of
    the horizon's last year (the waterfall compares the scenario's answer, optimised or observed,
    of the two). Indicators that are zero in every year are left out.
    """
    from symbiosis.simulate.summary import summarise  # the run machinery: only for a scenario's page

    sc = spec.scenario
    out = []
    medians = headline_medians(results)
    bands = summarise(results) if samples > 0 else None
    for key in HEADLINE:
        path = medians[medians.indicator == key]
        if path.empty or not (path.value.fillna(0) != 0).any():
            continue
        scale, unit = _unit(key, path.value, lang)
        name = label(key, lang)
        out.append((label("hz_path_title", lang).format(name=name),
                    label("hz_path_help", lang).format(scenario=sc.name, start=sc.horizon.start, end=sc.horizon.end),
                    time_paths(path.assign(value=path.value / scale, series=name), lang, unit=unit, title=" ")))
        if bands is not None:
            b = bands[bands.indicator == key]
            if (b.p95 - b.p5).abs().max() > 0:
                b = b.assign(**{p: b[p] / scale for p in ("p5", "p50", "p95")}, series=name)
                out.append((label("hz_band_title", lang).format(name=name, n=samples), label("hz_band_help", lang),
                            monte_carlo_bands(b[["year", "series", "p5", "p50", "p95"]], lang, unit=unit,
                                              title=" ")))
    for _, _, fig in out:  # whole years on the axis: a tick each over a short horizon, never "2,020.5"
        fig.update_xaxes(tickformat="d", **({"dtick": 1} if len(sc.years) <= 12 else {}))
    out.append(cost_waterfall_figure(base, last, sc.answer, lang))
    return out


def cost_waterfall_figure(base: Evaluation, last: Evaluation, answer: str, lang: str = "en") -> tuple[str, str, object]:
    """Each company's yearly cost, base network against the last year (actors that join or leave count 0
    where they are absent)."""
    b_res, l_res = getattr(base, answer), getattr(last, answer)
    before = actor_costs(b_res, base.network).cost
    after = actor_costs(l_res, last.network).cost
    delta = after.sub(before, fill_value=0.0)
    delta = delta[delta.abs() >= 0.5]
    delta = delta.reindex(delta.abs().sort_values(ascending=False).index)
    names = {**{a.id: a.name for a in base.network.actors}, **{a.id: a.name for a in last.network.actors}}
    changes = pd.DataFrame({"label": [names[a] for a in delta.index], "change": delta.values})
    b_year, l_year = str(base.network.year), str(last.network.year)
    fig = scaled_waterfall(changes, b_res.totals["cost"], l_res.totals["cost"], lang, b_year, l_year)
    return (label("hz_wf_title", lang).format(base=b_year, last=l_year),
            label("hz_wf_help", lang).format(base=b_year, last=l_year), fig)


def horizon_summary(spec, results: pd.DataFrame, lang: str = "en", run: RunInfo | None = None) -> list[str]:
    """Plain-text sentences on what changed from the first to the last year of the horizon
    (the page escapes them). ``run`` is a :class:`~symbiosis.simulate.store.RunInfo` when the numbers
    come from the run store."""
    sc = spec.scenario
    medians = headline_medians(results)
    first, last = int(medians.year.min()), int(medians.year.max())
    items = []
    for key in HEADLINE:
        path = medians[medians.indicator == key].set_index("year").value
        if path.empty or not (path.fillna(0) != 0).any():
            continue
        a, b = path.get(first, float("nan")), path.get(last, float("nan"))
        if key == "cost_saved":
            per = "år" if lang == "da" else "yr"
            a_text, b_text = f"{money(a, lang)}/{per}", f"{money(b, lang)}/{per}"
        else:
            unit = _UNITS[key][lang == "da"]
            if key == "supported_persons" and b == 1:  # 1 person, 1 person (da); 2 persons, 2 personer
                unit = "person"
            a_text, b_text = num(a, lang), f"{num(b, lang)} {unit}"
        name = label(key, lang)
        name = name if name[:2].isupper() else name[0].lower() + name[1:]  # "CO2e" keeps its capitals
        items.append(label("hz_from_to", lang).format(name=name, a=a_text, b=b_text))
    n0, n1 = spec.network(first), spec.network(last)
    items.append(label("hz_counts", lang).format(s0=len(n0.streams_in_year()), s1=len(n1.streams_in_year()),
                                                 a0=len(n0.actors), a1=len(n1.actors)))
    n_ev = len(sc.events)
    events = label("hz_event", lang) if n_ev == 1 else label("hz_events", lang).format(n=n_ev)
    text = [label("hz_changed", lang).format(start=first, end=last, scenario=sc.name, events=events,
                                             items="; ".join(items))]
    if run is not None:
        samples = (label("hz_samples", lang).format(n=run.samples, seed=run.seed) if run.samples
                   else label("hz_nosamples", lang))
        text.append(label("hz_run", lang).format(run=run.id, samples=samples))
    text.append(label("hz_lastyear", lang).format(year=last))
    return text
