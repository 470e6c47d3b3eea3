"""The social bottom line on the stakeholder page: HTML tables, in English or Danish.

Drawn from :func:`symbiosis.accounting.report.social_summary` (plain data, solved
elsewhere): the social index against its sourced targets, Kalundborg's five
pejlemærker and Kolding's five design principles for the network and per member,
the public economy per payer, and the service assignment with the agreements it
needs, or the fields it lacks. The HTML is the template ``social.html.j2``: every
text from data is escaped there, and a source is a link only to an ``http``,
``https`` or ``mailto`` address.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any
from urllib.parse import quote

from symbiosis.present.danish import say
from symbiosis.present.pagewords import label
from symbiosis.present.social_wording import aim_words
from symbiosis.viz.html import render
from symbiosis.viz.style import num

__all__ = ["MOST_ROWS", "social_html"]

#: A table on the page draws at most this many rows; the whole table is a CSV file to download.
MOST_ROWS = 50

_STATUS = {"yes": "st-yes", "no": "st-no", "unknown": "st-unknown"}


def _status(s: str, lang: str, title: str | None = None) -> dict:
    return {"status": _STATUS.get(s, "st-na"), "text": label("st_" + s.replace("/", ""), lang), "title": title}


def _source(text: str, sources: dict) -> dict:
    """A factor's source as a cell: ``@key`` is the bibliography's title and address, else the text itself
    (its own address when it is one)."""
    text = str(text)
    if text.startswith("@") and text[1:] in sources:
        ref = sources[text[1:]]
        return {"source": ref.title, "url": ref.url}
    address = ("://" in text or text.lower().startswith("mailto:")) and not any(c.isspace() for c in text)
    return {"source": text, "url": text if address else None}


def _table(head, rows, numeric=()) -> dict:
    """A table block: beyond :data:`MOST_ROWS` rows only the first are drawn, and the whole table
    comes along as a CSV file to download (a ``data:`` link written into the page)."""
    rows = [list(r) for r in rows]
    table = {"head": list(head), "rows": rows[:MOST_ROWS], "numeric": tuple(numeric)}
    if len(rows) > MOST_ROWS:
        table["more"] = {"n": len(rows), "href": "data:text/csv;charset=utf-8," + quote(_csv(head, rows))}
    return {"table": table}


def _csv(head, rows) -> str:
    """The table as CSV text: a cell's words (a status's text, an aim, a source's title)."""
    import csv
    import io

    def text(c) -> str:
        if isinstance(c, dict):
            return str(c.get("text") or c.get("aim") or c.get("source") or "")
        return str(c)

    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows([list(map(text, head)), *[list(map(text, r)) for r in rows]])
    return out.getvalue()


def social_html(summary: dict, names: dict[str, str], lang: str = "en", sources: dict | None = None):
    """The page's section on the social bottom line (HTML, a Markup); ``names`` maps actor ids to names,
    ``sources`` the network's bibliography (key -> :class:`~symbiosis.model.base.Source`)."""
    da, sources = lang == "da", sources or {}
    blocks: list[dict] = []
    idx = summary.get("index") or {}
    if idx.get("components"):
        x = label("t_not_known", lang) if idx.get("index") is None else num(idx["index"], lang, 3)
        rows: list[Sequence[str | dict[str, Any]]]  # a table's cells: text, or a dict for a status or a source
        rows = [(label(c["key"], lang), "-" if c["value"] is None else f"{num(100 * c['value'], lang, 2)} %",
                 f"{num(100 * c['target'], lang)} %", "-" if c["normalised"] is None else num(c["normalised"], lang, 3),
                 _source(c["source"], sources)) for c in idx["components"]]
        blocks += [{"h3": label("index_title", lang).format(x=x)},
                   _table([label(k, lang) for k in ("col_indicator", "col_value", "col_target", "col_score",
                                                    "col_source")], rows, numeric=(1, 2, 3))]
    aims = summary.get("aims")
    if aims is not None and len(aims):
        for framework, key in (("kalundborg", "pejle_title"), ("kolding", "kolding_title")):
            net = aims[(aims.framework == framework) & (aims.scope == "network")]
            if net.empty:  # a pack of another country: not Kalundborg's or Kolding's
                continue
            rows = [(r.key, {"aim": r.title_da, "en": None if da else r.title_en}, _status(r.status, lang),
                     *aim_words(r, lang)) for r in net.itertuples()]
            blocks += [{"h3": label(key, lang)},
                       _table(["", label("col_aim", lang), label("col_status", lang), label("col_measured", lang),
                               label("col_why", lang)], rows)]
        members = aims[aims.scope != "network"]
        keys = list(dict.fromkeys(members.key))
        rows = []
        cells = {(r.scope, r.key): (r.status, aim_words(r, lang)[1]) for r in members.itertuples()}  # one pass
        for m in dict.fromkeys(members.scope):
            rows.append([names.get(m, m)] + [_status(cells[(m, k)][0], lang, cells[(m, k)][1])
                                             if (m, k) in cells else "" for k in keys])
        blocks += [{"h3": label("members_title", lang)}, _table([label("col_member", lang), *keys], rows)]
    p = summary.get("payers") or {}
    if p.get("rows"):
        blocks += [{"h3": label("payers_title", lang)}, {"p": label("payers_text", lang).format(
            k=num(p["kommune"], lang), s=num(p["state"], lang), g=num(p["gross"], lang),
            n=num(p["after_filters"], lang), v=num(p["public_value"], lang), c=num(p["client_purchase"], lang),
            valued=p["valued"], rows=p["rows"])}]
    cov = summary.get("coverage") or {}
    if cov.get("members"):
        blocks.append({"p": label("coverage_text", lang).format(
            yes=len(cov["with_supplier"]), n=len(cov["members"]), unknown=len(cov["unknown"]), no=len(cov["no"]))})
    a = summary.get("assignment")
    if a is None and summary.get("packs") == ():  # no pack and nothing assigned: no Danish roll-out to point to
        n = summary.get("supported_persons")
        blocks.insert(0, {"p": label("social_none", lang) if n is None else f"{num(n, lang)} {label('t_jobs', lang)}."})
        return render("social.html.j2", title=label("social_title", lang), help=label("social_help_plain", lang),
                      blocks=blocks)
    blocks.append({"h3": label("assign_title", lang)})
    if a is not None:
        rows = [(names[r.provider], names[r.client], r.service, num(r.hours, lang), num(r.supported_fte, lang, 2))
                for r in a["links"].itertuples()]
        blocks += [_table([label(k, lang) for k in ("col_enterprise", "col_member", "col_service", "col_hours",
                                                    "col_fte")], rows, numeric=(3, 4)),
                   {"p": label("assign_text", lang).format(f=num(a["supported_fte"], lang, 2),
                                                           c=num(a["cost"], lang), m=num(a["market_cost"], lang))}]
        if a["agreements"] is not None and len(a["agreements"]):
            blocks.append(_table([label("col_member", lang), label("col_agreement", lang)],
                                 [(names[r.client], say(r.action, lang)) for r in a["agreements"].itertuples()]))
    elif summary.get("assignment_missing"):
        blocks += [{"p": label("assign_missing", lang)},
                   {"ul": [say(str(m), lang) for m in summary["assignment_missing"]]}]
    else:
        blocks.append({"p": label("assign_not_run", lang)})
    for block in blocks:  # a long table says how much of it is drawn
        more = block.get("table", {}).get("more")
        if more:
            more["text"] = label("table_shown", lang).format(shown=num(MOST_ROWS, lang), n=num(more["n"], lang))
    return render("social.html.j2", title=label("social_title", lang), help=label("social_help", lang), blocks=blocks)
