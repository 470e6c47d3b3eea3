"""The stakeholder page for a network, a scenario or a recorded run: solve what it needs, then draw.

The figures of :mod:`symbiosis.viz` only draw results; this module gets those
results (the evaluation of the page's network, a scenario's year by year
run or a recorded run, the stress ranking, a Pareto front) and hands them to
:func:`symbiosis.viz.report.write_report`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from symbiosis.accounting.report import social_summary
from symbiosis.accounting.score import score
from symbiosis.engine.recommend import Budget
from symbiosis.errors import bad_parameter
from symbiosis.evaluation import evaluate
from symbiosis.io import load_network
from symbiosis.model.money import in_currency
from symbiosis.planning.assignment import assign_services, missing_inputs
from symbiosis.planning.pareto import COLUMN, MEASURES, pareto
from symbiosis.planning.sensitivity import sensitivity
from symbiosis.planning.stress import stress
from symbiosis.present.pagewords import label
from symbiosis.scenario import ScenarioSpec, is_scenario_file, load_scenario
from symbiosis.viz.horizon import horizon_figures, horizon_summary
from symbiosis.viz.pareto import measures_front
from symbiosis.viz.plain import as_dicts
from symbiosis.viz.report import write_report
from symbiosis.viz.stress import stress_ranking
from symbiosis.viz.tornado import tornado

__all__ = ["PAGE_WORTH", "TIE_BUDGET", "is_run_id", "page_budget", "pareto_axes", "pareto_figure", "report_inputs",
           "sensitivity_figure", "social_section", "stress_figure", "write_page"]

#: Seconds the page's evaluation may spend on its tie check and the worth of each change (`simulate` spends
#: :data:`symbiosis.engine.recommend.BUDGET`): the page says how many decisions the check covered.
TIE_BUDGET = 1.0
#: Changes whose worth the page re-solves exactly: the streams and processes with the largest first-order worth
#: (the page names the three worth most, not the purchases and disposals). Its ranges are exact where they decide
#: a verdict (:class:`symbiosis.engine.recommend.Budget`): the page shows verdicts and counts, not the ties' ranges.
PAGE_WORTH = 20


def page_budget() -> Budget:
    """What the page's evaluation may spend on its recommendations (:data:`TIE_BUDGET`, :data:`PAGE_WORTH`)."""
    return Budget(seconds=TIE_BUDGET, all_ranges=False, exact_worth=PAGE_WORTH, exact_follows=False)


def is_run_id(arg: str) -> bool:
    """Whether ``arg`` names a recorded run (a number that is not a file)."""
    return arg.isdigit() and not Path(arg).exists()


def report_inputs(arg: str, store: Path | None = None, lang: str = "en", objective: str | None = None,
                  convention: str | None = None):
    """The evaluation the page shows and the extra figures and sentences of a scenario or a run.

    ``arg`` is a bundled network or network file (no extras), a scenario file
    (run year by year, its last year shown) or a run id (read from ``store``).
    ``objective`` None means the scenario's or run's own (``cost`` for a network).
    """
    run_id = is_run_id(arg)
    if not run_id and not is_scenario_file(arg):
        return evaluate(load_network(arg), objective or "cost", convention=convention, budget=page_budget()), {}
    if convention:
        raise bad_parameter("convention", "a scenario or run is shown under the default convention "
                            "(system-expansion); drop the convention, or report one year's network")
    from symbiosis.simulate import run_scenario
    from symbiosis.simulate.store import DEFAULT_STORE, Registry

    info = None
    if run_id:
        with Registry(store or DEFAULT_STORE, create=False) as reg:
            info = reg.run(int(arg))
            results = reg.results(info.id)
        if results.empty:
            raise bad_parameter("RUN_ID", f"run {info.id} in {reg.path} has no results yet "
                                f"(status {info.status}); resume it with `symbiosis simulate --resume "
                                f"{info.id}`")
        spec = ScenarioSpec.from_dict(info.scenario, f"run {info.id}")
        run_objective = info.options.get("objective", spec.scenario.objective)
        if objective is not None and objective != run_objective:
            raise bad_parameter("objective", f"run {info.id} was made with objective "
                                f"'{run_objective}'; drop the objective, or run the scenario again")
        objective, samples = run_objective, info.samples
        years = sorted(set(results.year))
    else:
        spec = load_scenario(arg)
        run = run_scenario(spec, objective=objective)
        objective, samples = objective or spec.scenario.objective, 0
        results, years = run.results, spec.scenario.years
    base = evaluate(spec.base, objective, recommend=False)  # the page reads only its savings
    # the page is the scenario's, in its last year: named after the scenario, not after the base network
    last = evaluate(spec.network(years[-1]).model_copy(update={"name": spec.scenario.name}), objective,
                    budget=page_budget())
    return last, {"extra_figures": horizon_figures(spec, results, base, last, lang, samples),
                  "summary_extra": horizon_summary(spec, results, lang, info), "as_of": years[-1]}


def pareto_axes(axes: str) -> list[str]:
    """The two or three measures ``axes`` names (``cost,co2e``); a mistake naming ``pareto_axes`` otherwise."""
    names = [a.strip() for a in axes.split(",")]
    if len(names) not in (2, 3) or not all(names):
        raise bad_parameter("pareto_axes", f"'{axes}' names {len(names)} measure(s); give two or three, "
                            "e.g. cost,co2e or cost,co2e,social")
    unknown = [n for n in names if n not in MEASURES]
    if unknown or len(set(names)) < len(names):
        what = f"unknown measure '{unknown[0]}'" if unknown else f"'{axes}' repeats a measure"
        raise bad_parameter("pareto_axes", f"{what}; valid: {', '.join(MEASURES)}")
    return names


def pareto_figure(ev, axes: str, lang: str):
    """The Pareto front of the page's network between the measures named in ``axes``, as ``(title, help, figure)``."""
    names = pareto_axes(axes)
    front = pareto(ev.network, names[0], names[1], 11 if len(names) == 2 else 6, z=names[2] if len(names) > 2 else None)
    return measures_front(front.points, names, COLUMN, lang)


def stress_figure(ev, lang: str):
    """The stress ranking of the page's network, as ``(title, help, figure)``."""
    table = stress(ev.network, "actor", ev.objective if ev.objective in ("cost", "co2e", "weighted") else "cost",
                   weights=None if ev.objective in ("cost", "co2e", "weighted") else ev.weights)
    table = table[table.exact]  # the re-solved removals (the top ones by the duals' screen), not the estimates
    df = pd.DataFrame({"item": table.name, "loss": table.lost_cost_saved, "detail": table.partners})
    unit = in_currency("kr./år" if lang == "da" else "DKK/yr")
    return (label("stress_title", lang), label("hz_stress_help", lang), stress_ranking(df, lang, unit=unit, title=" "))


def sensitivity_figure(ev, lang: str):
    """The tornado of the page's network (cost saved today against no symbiosis, and CO2e avoided behind a
    button), as ``(title, help, figure)``;
    None where the network has no estimate to vary."""
    custom = ev.objective not in ("cost", "co2e", "weighted")
    base, table = sensitivity(ev.network, "cost" if custom else ev.objective, ev.weights if custom else None,
                              indicators=("cost_saved", "co2e_avoided"),  # the two bottom lines it draws
                              explain=0)  # the figure shows no notes: no diagnosis of an end that cannot balance
    if table.empty:
        return None
    unit = in_currency("kr./år" if lang == "da" else "DKK/yr")
    return (label("tornado_title", lang), label("tornado_help", lang),
            tornado(table, base["cost_saved"], "cost_saved", lang, unit=unit, title=" ",
                    also={"co2e_avoided": (base["co2e_avoided"], "t CO2e/år" if lang == "da" else "t CO2e/yr")}))
def social_section(ev) -> dict:
    """The social bottom line of the page's network (:func:`symbiosis.accounting.report.social_summary`),
    with the service assignment solved where the data allow it."""
    observed = score(ev, "observed")
    missing = missing_inputs(ev.network)
    assignment = None if missing else assign_services(ev.network, observed.factors)
    return social_summary(observed, assignment, missing)


def write_page(path: Path, arg: str, lang: str = "en", objective: str | None = None, store: Path | None = None,
               with_stress: bool = False, pareto_axes: str | None = None, sensitivity: bool = True,
               convention: str | None = None) -> Path:
    """Write the stakeholder page of ``arg`` (a network, scenario file or run id) to ``path``; with
    ``sensitivity``, a tornado of the assumptions that drive the headline."""
    ev, kwargs = report_inputs(arg, store, lang, objective, convention)
    kwargs["social"] = social_section(ev)
    with as_dicts():  # figures for the page only: its dicts, written as JSON (no plotly object)
        tornado = sensitivity_figure(ev, lang) if sensitivity else None
        if tornado is not None:
            kwargs.setdefault("extra_figures", []).append(tornado)
        if with_stress:
            kwargs.setdefault("extra_figures", []).append(stress_figure(ev, lang))
        if pareto_axes:
            kwargs.setdefault("extra_figures", []).append(pareto_figure(ev, pareto_axes, lang))
    return write_report(path, ev, lang, network_arg=arg, **kwargs)
