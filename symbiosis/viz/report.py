"""The stakeholder page: one self-contained HTML file with every figure.

plotly.js is inlined (about 4.8 MB), so the page opens offline in any
browser; a short written summary sits on top; every name that comes from the
data is escaped: the HTML comes from the Jinja2 templates in
``symbiosis/viz/templates`` (autoescaped; data inside ``<script>`` and links
pass :mod:`symbiosis.viz.html`'s filters). Other analyses (scenarios, Monte Carlo, Pareto, stress)
add their figures through ``extra_figures``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from symbiosis import __version__
from symbiosis.accounting.report import social_summary
from symbiosis.accounting.score import score
from symbiosis.io.atomic import write_atomic
from symbiosis.model.money import in_currency
from symbiosis.present.pagewords import check_lang, label
from symbiosis.social import people
from symbiosis.viz import data
from symbiosis.viz.data import running
from symbiosis.viz.evolution import evolution
from symbiosis.viz.html import figure_parts, render
from symbiosis.viz.network_map import network_map
from symbiosis.viz.plain import as_dicts
from symbiosis.viz.sankey import sankey
from symbiosis.viz.scorecard import scorecard
from symbiosis.viz.social import social_html
from symbiosis.viz.style import FONT, money, num
from symbiosis.viz.timepaths import time_paths
from symbiosis.viz.waterfall import waterfall

if TYPE_CHECKING:
    from symbiosis.accounting.evaluated import Evaluation

__all__ = ["build_report", "scaled_waterfall", "summary_html", "write_report"]

_CONFIG = {"displaylogo": False, "responsive": True,
           "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
           "toImageButtonOptions": {"format": "png", "scale": 2}}


def build_report(evaluation: Evaluation, lang: str = "en", *, extra_figures=(), network_arg: str | None = None,
                 summary_extra=(), social: dict | None = None, as_of: int | None = None) -> str:
    """The HTML text of the report for an :class:`~symbiosis.evaluation.Evaluation`.

    Parameters
    ----------
    evaluation : Evaluation
        The evaluated network (observed, counterfactual and optimised answers).
    lang : str, default "en"
        The page's language, ``en`` or ``da``.
    extra_figures : sequence of (str, str, plotly Figure), default ()
        ``(title, help_text, figure)`` added after the built-in figures (title and help
        are plain text and get escaped).
    network_arg : str, optional
        How the user named the network, for the footer's ``symbiosis show`` hint.
    summary_extra : sequence of str, default ()
        Plain-text paragraphs (escaped) put first in the written summary, e.g. what
        changed over a scenario's horizon.
    social : dict, optional
        :func:`symbiosis.accounting.report.social_summary`'s data for the section on the
        social bottom line (after the scorecard); without it the section is made from
        the evaluation, without the service assignment (which needs solving:
        :func:`symbiosis.reporting.social_section` adds it).
    as_of : int, optional
        The year a scenario's or run's page shows: the words then speak of "the
        exchanges of 2030", not of "today's".

    Returns
    -------
    str
        One self-contained HTML page.
    """
    from markupsafe import Markup
    from plotly.offline import get_plotlyjs

    check_lang(lang)
    ev, net = evaluation, evaluation.network
    with as_dicts():  # the page writes each figure's dicts as JSON: no plotly object (symbiosis.viz.plain)
        sections = _sections(ev, lang, as_of)
    for i, (title, help_text, fig) in enumerate(extra_figures):
        sections.append((f"extra-{i}", title, help_text, fig))

    if social is None:
        social = social_summary(score(ev, "observed"))

    figures = [{"key": key, "title": title, "help": help_text, "div_id": f"fig-{key}",
                "figure": figure_parts(fig, _CONFIG)} for key, title, help_text, fig in sections]
    footer = label("sources_note", lang).format(net=network_arg or net.id).split("`")
    return render("page.html.j2", lang=lang, name=net.name, year=net.year, font=FONT,
                  plotly_js=Markup(get_plotlyjs()), report_title=label("report_title", lang),
                  summary=summary_html(ev, lang, summary_extra, as_of), sections=figures,
                  social=social_html(social, {a.id: a.name for a in net.actors}, lang, net.sources),
                  footer=footer if len(footer) == 3 else ["`".join(footer)], generated=label("generated", lang),
                  version=__version__)


def _sections(ev: Evaluation, lang: str, as_of: int | None) -> list[tuple]:
    """The page's own figures as ``(key, title, help, figure)``, in order."""
    net, obs, opt, none = ev.network, ev.observed, ev.optimised, ev.counterfactual
    dated = {"year": as_of}
    now = label("today", lang) if as_of is None else str(as_of)
    sections = [
        ("score", label("score_title", lang),
         label("score_help", lang) if as_of is None else label("score_help_year", lang).format(**dated),
         scorecard(data.scorecard_table(ev), lang, title=" ")),
        ("map", label("map_title", lang), label("map_help", lang),
         network_map(net, obs, lang, title=" ", counterfactual=none, values=ev.stream_accounts("observed").values)),
        ("sankey", label("sankey_title", lang), label("sankey_help", lang), sankey(net, obs, lang, title=" ")),
        ("waterfall-today",
         label("wf_today_title", lang) if as_of is None else label("wf_year_title", lang).format(**dated),
         label("wf_help", lang), _cost_waterfall(net, none, obs, lang, label("no_symbiosis", lang), now)),
    ]
    best = data.cost_changes(net, obs, opt)
    if not best.empty:
        sections.append(("waterfall-best",
                         label("wf_best_title", lang) if as_of is None
                         else label("wf_best_year_title", lang).format(**dated),
                         label("wf_help", lang), _cost_waterfall(net, obs, opt, lang, now, label("best_use", lang),
                                                                 changes=best)))
    sections.append(("evolution", label("evo_title", lang), label("evo_help", lang), evolution(net, lang, title="")))
    history = data.history_table(net)
    if history.year.nunique() > 1:
        undated = sum(1 for s in net.streams if s.status != "candidate" and s.start is None)
        note = label("hist_undated_one" if undated == 1 else "hist_undated", lang).format(n=undated, year=net.year) \
            if undated else ""
        sections.append(("history", label("hist_title", lang), note,
                         time_paths(history, lang, unit=label("streams", lang), title=" ", step=True)))
    return sections


def _people_tile(net, today: dict, lang: str) -> tuple[str, str]:
    """The headline card of people: the count with jobs apart, or "not known" with what is known."""
    who = people(net)
    if today["supported_persons"] is None or not who["known"]:
        text = label("t_jobs_known", lang).format(u=who["unknown_scheme"]) if who["unknown_scheme"] \
            else label("t_jobs", lang)
        return label("t_not_known", lang), text
    return num(today["supported_persons"], lang), label("t_jobs_split", lang).format(j=who["jobs"], o=who["offers"])


def summary_html(ev: Evaluation, lang: str = "en", extra=(), as_of: int | None = None) -> str:
    """The written summary (HTML, a Markup): ``extra`` paragraphs (plain text, escaped) first, then the network in one
    sentence, four headline numbers, what would change (of ``as_of``'s exchanges, if given, not today's)."""
    net = ev.network
    today, best = ev.savings("observed"), ev.savings("optimised")
    cost_today, cost_best = today["cost_saved"], best["cost_saved"]
    assert cost_today is not None and cost_best is not None  # for the type checker: a flow indicator, never unknown
    per = "år" if lang == "da" else "yr"
    spans = ev.ranges("observed")
    tiles = [
        (money(cost_today, lang), label("t_cost", lang) + _span(spans.loc["cost_saved"], money, lang)),
        (f"{num(today['co2e_avoided'], lang)} t", label("t_co2e", lang)
         + _span(spans.loc["co2e_avoided"], lambda v, lg: f"{num(v, lg)} t", lang)),
        (f"{num(today['groundwater_saved'], lang)} m³", label("t_water", lang)
         + _span(spans.loc["groundwater_saved"], lambda v, lg: f"{num(v, lg)} m³", lang)),
        _people_tile(net, today, lang),
    ]
    materials = [(k, v) for k, v in today.items() if k.startswith("virgin_avoided:") and v]
    if today["groundwater_saved"] == 0 and best["groundwater_saved"] == 0 and materials:
        key, value = max(materials, key=lambda kv: abs(kv[1]))
        material = key.split(":")[1]
        tiles[2] = (f"{num(value, lang)} t", f"{label('virgin_avoided', lang)}: {material}")
    links = running(net.service_links, net.year)
    link_text = f"{len(links)} {label('se_link' if len(links) == 1 else 'se_links', lang)}"
    text = [label("s_network", lang).format(name=net.name, year=net.year, actors=len(net.actors),
                                             streams=len(net.streams_in_year()), links=link_text)]
    text.append(label("s_best", lang).format(cost=f"{money(cost_best, lang)}/{per}",
                                             co2e=f"{num(best['co2e_avoided'], lang)} t CO2e/{per}"))
    changes = ev.changes()
    moved = changes[changes.what.isin(("stream", "process"))]  # ranked by what keeping each as today costs
    if moved.empty:
        text.append(label("s_nochange", lang) if as_of is None else label("s_nochange_year", lang).format(year=as_of))
    else:
        items = "; ".join(f"{_what(r, net)}: {num(r['observed'], lang)} → {num(r['optimised'], lang)} "
                          f"{r['unit']}/{per}" + _worth(r, lang, ev.objective)
                          for r in moved.head(3).to_dict("records"))
        text.append(label("s_changes" if as_of is None else "s_changes_year", lang).format(n=len(moved), items=items,
                                                                                          year=as_of))
        if "value_exact" in moved and not moved.value_exact.all():  # the ranking is by a lower bound beyond these
            k = int(moved.value_exact.sum())
            text.append(label("s_ranked", lang).format(k=num(k, lang), m=num(len(moved) - k, lang)))
    dependent = ev.convention_dependent()
    dependent = dependent[dependent.what.isin(("stream", "process"))]
    if not dependent.empty:
        items = "; ".join(f"{_what(r, net)}: {num(r['observed'], lang)} → {num(r['optimised'], lang)} {r['unit']}/{per}"
                          for r in dependent.head(3).to_dict("records"))
        against = ", ".join(sorted({c for cs in dependent.disagree for c in cs}))
        text.append(label("s_dependent", lang).format(n=len(dependent), items=items, against=against))
    ties = ev.ties()
    if not ties.empty:
        text.append(label("s_ties" if as_of is None else "s_ties_year", lang).format(n=len(ties), year=as_of))
    check = ev.tie_counts()
    if check["unchecked"]:
        text.append(label("s_unchecked", lang).format(checked=num(check["checked"], lang),
                                                      decisions=num(check["decisions"], lang),
                                                      left=num(check["unchecked"], lang)))
    text.append(label("s_convention", lang).format(name=ev.convention))
    started = [s.start for s in net.streams if s.start and s.status != "candidate"]
    if started:
        text.append(label("s_history", lang).format(first=min(started),
                                                    count=sum(s.status != "candidate" for s in net.streams)))
    lead = label("s_today", lang) if as_of is None else label("s_year", lang).format(year=as_of)
    return render("summary.html.j2", title=label("summary", lang), extra=[str(t) for t in extra], first=text[0],
                  lead=lead, tiles=tiles, rest=text[1:])


def _span(row, fmt, lang: str) -> str:
    """The tile's range across the shipped conventions, as a second line ('' where every convention agrees)."""
    if abs(row["high"] - row["low"]) <= 1e-9 * max(1.0, abs(row["high"])):
        return ""
    return "; " + label("t_range", lang).format(low=fmt(row["low"], lang), low_by=row["low_convention"],
                                                high=fmt(row["high"], lang), high_by=row["high_convention"])


def _what(r: dict, net) -> str:
    """A changed stream (supplier → receiver, resource) or process (owner: name), as plain text."""
    names = {a.id: a.name for a in net.actors}
    if r["what"] == "process":
        proc = {p.id: p for p in net.processes}[r["item"]]
        return f"{names[r['supplier']]}: {proc.name}"
    return f"{names[r['supplier']]} → {names[r['receiver']]} ({net.resource[r['resource']].name})"


def _worth(r: dict, lang: str, objective: str) -> str:
    """What keeping the item as today would cost, in the objective's own unit (t CO2e for co2e); "at least" where
    it was not re-solved (the first-order worth is a lower bound)."""
    if objective == "co2e":
        value = r.get("value_co2e")
        text = None if value is None or value != value else f"{num(value, lang)} t CO2e"
    else:
        value = r.get("value_money") if objective == "cost" else r.get("value_objective")
        text = None if value is None or value != value else money(value, lang)
    if text is None:
        return ""
    exact = r.get("value_exact", True)
    return f", {label('s_worth' if exact is True or exact != exact else 's_worth_least', lang).format(value=text)}"


def _cost_waterfall(net, baseline, scenario, lang: str, from_label: str, to_label: str, changes=None):
    """Cost by company from one answer to another (``changes``: :func:`~symbiosis.viz.data.cost_changes`'s, when
    already computed), in million DKK/yr when the amounts are large."""
    changes = data.cost_changes(net, baseline, scenario) if changes is None else changes
    return scaled_waterfall(changes, baseline.totals["cost"],
                            scenario.totals["cost"], lang, from_label, to_label)


def scaled_waterfall(changes, start: float, end: float, lang: str, from_label: str, to_label: str):
    """The cost waterfall from ``start`` through ``changes`` (columns ``label, change``, DKK/yr) to
    ``end``, in million DKK/yr when the amounts are large."""
    if max(abs(start), abs(end)) >= 1e7:
        changes = changes.assign(change=changes.change / 1e6)
        start /= 1e6
        unit = "mio. kr./år" if lang == "da" else "million DKK/yr"
    else:
        unit = "kr./år" if lang == "da" else "DKK/yr"
    return waterfall(changes, start, in_currency(unit), lang, baseline_label=from_label, scenario_label=to_label,
                     title=" ")


def write_report(path: str | Path, evaluation: Evaluation, lang: str = "en", **kwargs) -> Path:
    """Build the report (:func:`build_report`) and write it atomically to ``path``.

    Parameters
    ----------
    path : str or Path
        The HTML file to write.
    evaluation : Evaluation
        The evaluated network.
    lang : str, default "en"
        The page's language, ``en`` or ``da``.
    **kwargs
        :func:`build_report`'s keyword arguments.

    Returns
    -------
    Path
        The path written.
    """
    html_text = build_report(evaluation, lang, **kwargs)
    write_atomic(path, html_text)  # readable like any file the user makes (the umask's mode), not 0600
    return Path(path)
