"""The social bottom line on the stakeholder page: HTML tables, in English or Danish.

Drawn from :func:`symbiosis.accounting.report.social_summary` (plain data, solved
elsewhere): the social index against its sourced targets, Kalundborg's five
pejlemærker and Kolding's five design principles for the network and per member,
the public economy per payer, and the service assignment with the agreements it
needs, or the fields it lacks. Every text from data is escaped.
"""

from __future__ import annotations

from symbiosis.model.money import in_currency
from symbiosis.viz.labels import label
from symbiosis.viz.style import esc, num

__all__ = ["SOCIAL_CSS", "social_html"]

SOCIAL_CSS = """
section.social table { border-collapse: collapse; margin: 6px 0 14px; font-size: 14px; width: 100%; }
section.social th, section.social td { border-bottom: 1px solid #D5DBDB; padding: 4px 8px; text-align: left;
  vertical-align: top; }
section.social th { background: #EBF5FB; }
section.social td.n { text-align: right; white-space: nowrap; }
section.social h3 { margin: 16px 0 4px; font-size: 18px; color: #1B4F72; }
.st { padding: 1px 7px; border-radius: 9px; font-size: 13px; white-space: nowrap; }
.st-yes { background: #D4EFDF; color: #145A32; } .st-no { background: #FADBD8; color: #78281F; }
.st-unknown { background: #F2F3F4; color: #4D5656; } .st-na { color: #95A5A6; }
"""


def _status(s: str, lang: str) -> str:
    cls = {"yes": "st-yes", "no": "st-no", "unknown": "st-unknown"}.get(s, "st-na")
    return f'<span class="st {cls}">{esc(label("st_" + s.replace("/", ""), lang))}</span>'


def _table(head, rows, numeric=()) -> str:
    th = "".join(f"<th>{h}</th>" for h in head)
    body = "".join("<tr>" + "".join(f'<td class="n">{c}</td>' if i in numeric else f"<td>{c}</td>"
                                    for i, c in enumerate(r)) + "</tr>" for r in rows)
    return f"<table><thead><tr>{th}</tr></thead><tbody>{body}</tbody></table>"


def social_html(summary: dict, names: dict[str, str], lang: str = "en") -> str:
    """The page's section on the social bottom line (HTML); ``names`` maps actor ids to names."""
    da = lang == "da"
    parts = [f'<section class="social" id="social"><h2>{label("social_title", lang)}</h2>'
             f'<p class="help">{label("social_help", lang)}</p>']
    idx = summary.get("index") or {}
    if idx.get("components"):
        x = label("t_not_known", lang) if idx.get("index") is None else num(idx["index"], lang, 3)
        rows = [(esc(label(c["key"], lang)), "-" if c["value"] is None else f"{num(100 * c['value'], lang, 2)} %",
                 f"{num(100 * c['target'], lang)} %", "-" if c["normalised"] is None else num(c["normalised"], lang, 3),
                 esc(c["source"])) for c in idx["components"]]
        parts.append(f"<h3>{label('index_title', lang).format(x=x)}</h3>"
                     + _table([label(k, lang) for k in ("col_indicator", "col_value", "col_target", "col_score",
                                                        "col_source")], rows, numeric=(1, 2, 3)))
    aims = summary.get("aims")
    if aims is not None and len(aims):
        for framework, key in (("kalundborg", "pejle_title"), ("kolding", "kolding_title")):
            net = aims[(aims.framework == framework) & (aims.scope == "network")]
            rows = [(esc(r.key), esc(r.title_da) + ("" if da else f"<br><small>{esc(r.title_en)}</small>"),
                     _status(r.status, lang), esc(in_currency(r.value_da if da else r.value)),
                     esc(in_currency(r.why_da if da else r.why_en)))
                    for r in net.itertuples()]
            parts.append(f"<h3>{label(key, lang)}</h3>" + _table(
                ["", label("col_aim", lang), label("col_status", lang), label("col_measured", lang),
                 label("col_why", lang)], rows))
        members = aims[aims.scope != "network"]
        keys = list(dict.fromkeys(members.key))
        rows = []
        for m in dict.fromkeys(members.scope):
            mine = members[members.scope == m].set_index("key")
            rows.append([esc(names.get(m, m))] + [
                f'<span title="{esc(mine.loc[k, "why_da" if da else "why_en"])}">{_status(mine.loc[k, "status"], lang)}'
                "</span>" if k in mine.index else "" for k in keys])
        parts.append(f"<h3>{label('members_title', lang)}</h3>" + _table([label("col_member", lang), *keys], rows))
    p = summary.get("payers") or {}
    if p.get("rows"):
        parts.append(f"<h3>{label('payers_title', lang)}</h3><p>" + label("payers_text", lang).format(
            k=num(p["kommune"], lang), s=num(p["state"], lang), g=num(p["gross"], lang),
            n=num(p["after_filters"], lang), v=num(p["public_value"], lang), c=num(p["client_purchase"], lang),
            valued=p["valued"], rows=p["rows"]) + "</p>")
    cov = summary.get("coverage") or {}
    if cov.get("members"):
        parts.append("<p>" + esc(label("coverage_text", lang).format(
            yes=len(cov["with_supplier"]), n=len(cov["members"]), unknown=len(cov["unknown"]), no=len(cov["no"])))
            + "</p>")
    a = summary.get("assignment")
    parts.append(f"<h3>{label('assign_title', lang)}</h3>")
    if a is not None:
        rows = [(esc(names[r.provider]), esc(names[r.client]), esc(r.service), num(r.hours, lang),
                 num(r.supported_fte, lang, 2)) for r in a["links"].itertuples()]
        parts.append(_table([label(k, lang) for k in ("col_enterprise", "col_member", "col_service", "col_hours",
                                                      "col_fte")], rows, numeric=(3, 4)))
        parts.append("<p>" + label("assign_text", lang).format(f=num(a["supported_fte"], lang, 2),
                                                                c=num(a["cost"], lang), m=num(a["market_cost"], lang))
                     + "</p>")
        if a["agreements"] is not None and len(a["agreements"]):
            parts.append(_table([label("col_member", lang), label("col_agreement", lang)],
                                [(esc(names[r.client]), esc(r.action)) for r in a["agreements"].itertuples()]))
    elif summary.get("assignment_missing"):
        parts.append("<p>" + esc(label("assign_missing", lang)) + "</p><ul>"
                     + "".join(f"<li>{esc(in_currency(m))}</li>" for m in summary["assignment_missing"]) + "</ul>")
    else:
        parts.append("<p>" + esc(label("assign_not_run", lang)) + "</p>")
    parts.append("</section>")
    return "".join(parts)
