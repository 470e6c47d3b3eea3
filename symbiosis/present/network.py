"""What ``symbiosis show`` prints: a network's actors, streams, processes and service links,
and the source of every number."""

from __future__ import annotations

import functools
import math
import re

import pandas as pd

from symbiosis.model import Network
from symbiosis.present.formatting import number
from symbiosis.present.rows import FactorRow, MoneyRow, SourcedRow
from symbiosis.present.rows import rows as rows_of

__all__ = ["print_network", "print_sources", "provenance_rows"]


def print_network(net: Network, console, sources: bool = False) -> None:
    """Actors, streams and service links of a network (and, with ``sources``, every number's source).

    Parameters
    ----------
    net : Network
        The network to show.
    console : rich.console.Console
        Where to print.
    sources : bool, default False
        Also print where every number comes from.
    """
    from rich.table import Table

    console.print(f"[bold]{net.name}[/bold] ({net.id}), year {net.year}")
    if net.description:
        console.print(net.description)
    t = Table(title="Actors", title_justify="left")
    roles = any(a.role for a in net.actors)
    for col in ("id", "name", "kind", "member", *(("role",) if roles else ()), "lat", "lon"):
        t.add_column(col)
    for a in net.actors:
        t.add_row(a.id, a.name, a.kind, "yes" if a.member else "", *((a.role or "",) if roles else ()),
                  f"{a.location.lat:.4f}", f"{a.location.lon:.4f}")
    console.print(t)
    running = len(net.streams_in_year())
    t = Table(title=f"Streams ({len(net.streams)} defined, {running} running in {net.year}): id, supplier -> "
              "receiver, resource (flows and capacities per year)", title_justify="left")
    for col in ("stream", "status", "years", "observed", "capacity"):
        t.add_column(col, justify="right" if col in ("observed", "capacity") else "left")
    for s in net.streams:
        unit = net.resource[s.resource].unit
        years = f"{s.start or ''}-{s.end or ''}"
        resource = s.resource + (f" ({s.grade})" if s.grade else "")
        resource += f" (replaces {s.replaces})" if s.replaces else ""
        status = s.status + (" (baseline)" if s.baseline else "")
        status += f"\n{s.contract.kind.replace('_', '-')} to {s.contract.until}" if s.contract else ""
        observed = number(s.observed.value, unit) if s.observed else "-"
        capacity = number(s.capacity.value, unit) if s.capacity else "-"
        t.add_row(f"{s.id}\n{s.supplier} -> {s.receiver}\n[dim]{resource}[/dim]", status, years, observed, capacity)
    console.print(t)
    if net.processes:
        t = Table(title="Processes (per unit of activity)", title_justify="left")
        for col in ("id", "actor", "inputs -> outputs", "capacity"):
            t.add_column(col)
        for p in net.processes:
            gains = f"\n(and {p.gains_from})" if p.gains_from else ""
            t.add_row(p.id, p.actor, f"{_ratios(net, p.inputs)} -> {_ratios(net, p.outputs, p.output_grades)}"
                      + gains, f"{number(p.capacity.value)} {p.activity_unit}")
        console.print(t)
    if net.capacities:
        t = Table(title="Shared capacities (per year)", title_justify="left")
        for col in ("id", "name", "used per unit of activity", "capacity"):
            t.add_column(col)
        for cap in net.capacities:
            t.add_row(cap.id, cap.name, ", ".join(f"{x:g} by {pid}" for pid, x in cap.processes.items()),
                      f"{number(cap.capacity.value)} {cap.unit}")
        console.print(t)
    if net.service_links:
        t = Table(title="Social-economy service links", title_justify="left")
        for col in ("id", "provider -> client", "service", "since", "supported"):
            t.add_column(col)
        for link in net.service_links:
            people = ", ".join(f"{s.persons:g} {s.scheme}" for s in link.supported) or "-"
            t.add_row(link.id, f"{link.provider} -> {link.client}", link.service, str(link.start or ""), people)
        console.print(t)
    if sources:
        print_sources(net, console)


def _ratios(net: Network, ratios: dict[str, float], grades: dict[str, str] | None = None) -> str:
    """``0.7 MWh surplus-heat, 0.3 MWh electricity``; a graded output names its grade: ``0.4 t fly-ash (cement)``."""
    grades = grades or {}
    return ", ".join(f"{x:g} {net.resource[r].unit} {r}" + (f" ({grades[r]})" if r in grades else "")
                     for r, x in ratios.items()) or "-"


def provenance_rows(net: Network) -> pd.DataFrame:
    """Every sourced number of a network: where it sits, its value, source and basis."""
    rows = []

    def cite(key: str) -> str:
        if key.startswith("@") and key[1:] in net.sources:
            ref = net.sources[key[1:]]
            return ref.title + (f" <{ref.url}>" if ref.url else "")
        return key

    def add(path: str, value, unit, p) -> None:
        if p is None:
            return
        rows.append({"where": path, "value": value, "unit": unit, "basis": p.basis,
                     "source": "estimate" if p.source == "@estimate" else cite(p.source),
                     "based_on": [cite(k) for k in p.based_on], "range": list(p.range) if p.range else None,
                     "method": p.method or ""})

    for i, sup in enumerate(net.supplies):
        add(f"supplies[{i}] {sup.actor}/{sup.resource}", sup.quantity.value, net.resource[sup.resource].unit,
            sup.quantity)
    for i, d in enumerate(net.demands):
        add(f"demands[{i}] {d.actor}/{d.resource}", d.quantity.value, net.resource[d.resource].unit, d.quantity)
    for i, s in enumerate(net.streams):
        unit = net.resource[s.resource].unit
        add(f"streams[{i}].observed {s.id}", s.observed.value if s.observed else None, unit, s.observed)
        add(f"streams[{i}].capacity {s.id}", s.capacity.value if s.capacity else None, unit, s.capacity)
        if s.contract is not None:
            add(f"streams[{i}].contract {s.id} ({s.contract.kind} until {s.contract.until})", None, "",
                s.contract.provenance)
        for name, prov in s.provenance.items():  # distance_km, loss...: the plain numbers with a source
            add(f"streams[{i}].{name} {s.id}", getattr(s, name), "km" if name == "distance_km" else "", prov)
        if s.payment is not None:
            pay = s.payment
            add(f"streams[{i}].payment {s.id} (paid by the {pay.payer})", pay.per_unit if pay.per_unit is not None
                else pay.per_year, f"DKK/{unit}" if pay.per_unit is not None else "DKK/yr", pay)
        _investment(add, f"streams[{i}]", s.id, s.economics)
    for i, p in enumerate(net.processes):
        add(f"processes[{i}].capacity {p.id}", p.capacity.value, p.activity_unit, p.capacity)
        add(f"processes[{i}].ratios {p.id}", None, "", p.ratios)
        _investment(add, f"processes[{i}]", p.id, p.economics)
        if p.economics is not None:
            cost = p.economics.operating_cost
            add(f"processes[{i}].economics.operating_cost {p.id}", cost.value if cost else None,
                f"DKK/{p.activity_unit}", cost)
            leak = p.economics.leak
            if leak is not None:
                add(f"processes[{i}].economics.leak {p.id} ({leak.what})", leak.value, f"t CO2e/{p.activity_unit}",
                    leak)
    for i, cap in enumerate(net.capacities):
        add(f"capacities[{i}] {cap.id}", cap.capacity.value, cap.unit, cap.capacity)
    for i, f in enumerate(net.factors):
        who = f" at {f.actor}" if f.actor else ""
        route = f" ({f.route})" if f.route else ""
        add(f"factors[{i}] {f.factor} {f.resource or f.mode or ''}{who}{route}".rstrip(), f.value, f.unit, f)
    for i, link in enumerate(net.service_links):
        add(f"service_links[{i}] {link.id}", link.supported_persons, "persons", link.provenance)
    for i, a in enumerate(net.actors):
        add(f"actors[{i}].location {a.id}", None, "", a.location)
    for i, r in enumerate(net.resources):
        add(f"resources[{i}].primary_energy {r.id}", r.primary_energy.value if r.primary_energy else None,
            f"MWh/{r.unit}", r.primary_energy)
    for i, total in enumerate(net.totals):
        add(f"totals[{i}] {total.id} ({len(total.members)} members)", total.value, "", total)
    return pd.DataFrame(rows)


def _investment(add, path: str, ident: str, e) -> None:
    """The sourced numbers of a declared investment: its capital cost, and its lifetime and rate where sourced."""
    if e is None or not e.invested:
        return
    add(f"{path}.economics.capital_cost {ident}", e.capital_cost.value, "DKK", e.capital_cost)
    for name, p in sorted(e.provenance.items()):
        add(f"{path}.economics.{name} {ident}", getattr(e, name), "yr" if name == "lifetime_years" else "", p)


def _exact(x: float, unit: str = "") -> str:
    """A sourced number as written, to 4 significant digits below 1 (0.002245 t CO2e/m3, not "0.00"; no
    scientific notation), grouped and rounded as :func:`number` prints it from 1 up."""
    if x == 0 or abs(x) >= 1:
        return number(x, unit)
    decimals = 3 - math.floor(math.log10(abs(x)))
    return f"{f'{x:.{decimals}f}'.rstrip('0')} {unit}".strip()


def print_sources(net: Network, console) -> None:
    """Every number's source; web addresses are numbered in the table and listed whole below it, each on
    a line of its own where it is longer than the width (an address broken over lines cannot be opened)."""
    from rich.markup import escape
    from rich.table import Table

    t = Table(title="Sources of every number", title_justify="left")
    for col in ("where", "value", "basis", "source / method"):
        t.add_column(col, overflow="fold")
    urls: dict[str, int] = {}
    cited = functools.partial(numbered, urls)
    row: SourcedRow
    for row in rows_of(provenance_rows(net)):
        value = "" if row.value is None or (isinstance(row.value, float) and math.isnan(row.value)) \
            else _exact(row.value, row.unit)
        text = escape(cited(row.source))
        if row.based_on:
            text += "; based on: " + "; ".join(escape(cited(b)) for b in row.based_on)
        if row.range:
            text += f"\nplausible range: {_exact(row.range[0])} to {_exact(row.range[1], row.unit)}"
        text += f"\n[dim]how: {escape(cited(row.method))}[/dim]" if row.method else ""
        t.add_row(row.where, value, row.basis, text)
    console.print(t)
    print_urls(urls, console)


#: A web address in a citation: `` <https://...>`` after a title, or bare (its closing punctuation left out).
_URL = re.compile(r"(\s?)<?((?:https?://|mailto:)[^\s<>]*[^\s<>.,;:)\]])>?")


def numbered(urls: dict[str, int], text: str) -> str:
    """``text`` with each cited web address replaced by its number in ``urls`` (added there if new): a table
    cell too narrow for an address would break it, and a broken address cannot be opened."""
    return _URL.sub(lambda m: f"{m.group(1)}[{urls.setdefault(m.group(2), len(urls) + 1)}]", text)


def print_urls(urls: dict[str, int], console) -> None:
    """The numbered web addresses, each whole: after its number, or on a line of its own if that is too long."""
    from rich.markup import escape

    if not urls:
        return
    console.print("Web addresses", style="bold")
    for url, n in urls.items():
        mark = f"[{n}]"
        if len(mark) + 1 + len(url) <= console.width:
            console.print(f"{escape(mark)} {url}", soft_wrap=True, highlight=False)
        else:
            console.print(escape(mark))
            console.print(url, soft_wrap=True, highlight=False, markup=False)


def print_factors(rows: pd.DataFrame, console) -> None:
    """The factor table of ``symbiosis factors``: where each factor comes from.

    Parameters
    ----------
    rows : pandas.DataFrame
        One row per factor: its key, value (in its unit) and source.
    console : rich.console.Console
        Where to print.
    """
    from rich.table import Table

    t = Table(title=f"Factors ({len(rows)}): where each comes from", title_justify="left",
              expand=console.width < 1000)  # to the terminal's width; piped, as wide as the content
    for col in ("factor", "value", "unit", "year", "basis", "source / method"):
        t.add_column(col, overflow="fold", justify="right" if col == "value" else "left",
                     no_wrap=col in ("value", "year"), ratio=1 if col == "source / method" else None)
    urls: dict[str, int] = {}
    r: FactorRow
    for r in rows_of(rows):
        year = "" if r.year is None or r.year != r.year else str(int(r.year))
        name = r.factor + (f" ({r.applies_to})" if r.applies_to else "") + f"\n[dim]{r.table}[/dim]"
        t.add_row(name, number(r.value, significant=6), r.unit, year, r.basis,
                  numbered(urls, r.source) + (f"\n[dim]how: {numbered(urls, r.method)}[/dim]" if r.method else ""))
    console.print(t)
    print_urls(urls, console)


def print_money(net, rows: pd.DataFrame, console, brief: bool = False) -> None:
    """The network's currency and price year, and the money table (``symbiosis factors --money``): every
    exchange rate and price index with its source.

    Parameters
    ----------
    net : Network
        The network, for its currency and price year.
    rows : pandas.DataFrame
        The money table: exchange rates and price indices, each with its source.
    console : rich.console.Console
        Where to print.
    brief : bool, default False
        Only the line and the rows of the network's own currency.
    """
    from rich.table import Table

    year = net.price_year if net.price_year is not None else "its factor table's"
    console.print(f"Money: {net.currency} at {year} prices. A factor table in another currency or price year is "
                  "converted on loading: index in its own currency to the price year, then the year's exchange "
                  "rate (symbiosis/data/money.yaml; `symbiosis factors --money` for every rate and index).")
    if brief:
        rows = rows[(rows.currency == net.currency) & ((rows.year == net.price_year) | rows.year.isna())]
        if rows.empty:
            return
    t = Table(title="Exchange rates and price indices", title_justify="left", expand=console.width < 1000)
    for col in ("what", "currency", "year", "value", "unit", "basis", "source / method"):
        t.add_column(col, overflow="fold", justify="right" if col == "value" else "left",
                     ratio=1 if col == "source / method" else None)
    m: MoneyRow
    for m in rows_of(rows):
        year_text = "" if pd.isna(m.year) else str(int(m.year))
        t.add_row(m.what, m.currency, year_text or "every", number(m.value, significant=6), m.unit, m.basis,
                  m.source + (f"\n[dim]how: {m.method}[/dim]" if m.method else ""))
    console.print(t)
