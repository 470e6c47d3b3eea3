"""Headlines across the shipped accounting conventions, and the changes that rest on one of them (issue 26).

Every headline (cost saved, CO2e avoided, groundwater saved) is shown under
the declared convention with its range across the shipped conventions and
the convention that sets each end (:meth:`symbiosis.accounting.evaluated.Evaluation.ranges`);
a change that another convention reverses or leaves open is listed apart, with
the conventions that disagree (:meth:`symbiosis.accounting.evaluated.Evaluation.convention_dependent`).
"""

from __future__ import annotations

from symbiosis.accounting.evaluated import Evaluation
from symbiosis.accounting.indicators import INDICATOR
from symbiosis.present.console import table
from symbiosis.present.formatting import number
from symbiosis.present.i18n import _
from symbiosis.present.rows import DependentRow
from symbiosis.present.rows import rows as rows_of

__all__ = ["print_convention_dependent", "print_ranges", "range_text", "ranges_json"]

_ANSWERS = ("observed", "optimised")


def ranges_json(ev: Evaluation) -> dict:
    """Per answer (observed, optimised), per headline key: ``value`` (declared convention), ``low``, ``high``,
    ``low_convention``, ``high_convention``."""
    return {answer: {key: {k: (float(v) if k in ("value", "low", "high") else v) for k, v in row.items()}
                     for key, row in ev.ranges(answer).to_dict("index").items()}
            for answer in _ANSWERS}


def range_text(row, unit: str = "") -> str:
    """``low (convention) to high (convention)``; one figure where every convention gives it.

    >>> range_text({"low": -5.0, "high": 7.0, "low_convention": "a", "high_convention": "b"}, "t")
    '-5 t (a) to 7 t (b)'
    >>> range_text({"low": 7.0, "high": 7.0, "low_convention": "a", "high_convention": "a"})
    '7 (every convention)'
    """
    lo, hi = row["low"], row["high"]
    if abs(hi - lo) <= 1e-9 * max(1.0, abs(hi)):
        return _("{x} (every convention)").format(x=number(lo, unit))
    return _("{low} ({low_by}) to {high} ({high_by})").format(low=number(lo, unit), low_by=row["low_convention"],
                                                             high=number(hi, unit), high_by=row["high_convention"])


def print_ranges(ev: Evaluation, console) -> None:
    """The headlines under the declared convention and their range across the shipped conventions."""
    t = table(_("Headlines across the shipped accounting conventions (declared: {c}; docs/accounting.md)").format(
        c=ev.convention), [(_("indicator"), "left"), (_("answer"), "left"), (ev.convention, "right"),
                           (_("range across conventions (the convention setting each end)"), "left")])
    for answer in _ANSWERS:
        for key, row in ev.ranges(answer).iterrows():
            ind = INDICATOR[str(key)]  # the ranges' index: indicator keys
            unit = _(ind.unit)
            t.add_row(_(ind.label), _(answer), number(row["value"], unit), range_text(row, unit))
    console.print(t)


def print_convention_dependent(ev: Evaluation, console, describe, shown: int = 50) -> None:
    """Changes of the declared convention that another shipped convention reverses or leaves open: listed
    apart, like ties, with the conventions that disagree. ``describe(row, network)`` names each item."""
    rows = ev.convention_dependent() if ev.recommendations is not None else None
    if rows is None or rows.empty:
        return
    console.print(f"[bold]Convention-dependent[/bold] (a change under {ev.convention} that another shipped "
                  "convention reverses or leaves open, so not a recommendation):")
    row: DependentRow
    for row in rows_of(rows.head(shown)):
        what, where, resource = describe(row, ev.network)
        console.print(f"  {what} {where}{' ' + resource if resource else ''}: {number(row.observed, row.unit)} -> "
                      f"{number(row.optimised, row.unit)} under {', '.join(row.agree)}; not under "
                      f"{', '.join(row.disagree)}")
    if len(rows) > shown:
        console.print(f"  ... and {len(rows) - shown:,} more (all in --format json)")
