"""What ``symbiosis sensitivity`` prints and writes: the tornado as a table, largest driver first."""

from __future__ import annotations

import pandas as pd

from symbiosis.model.money import in_currency
from symbiosis.present.console import Justify, table
from symbiosis.present.encode import plain, records
from symbiosis.present.formatting import number
from symbiosis.present.rows import AssumptionRow, rows

__all__ = ["drivers_text", "print_sensitivity", "sensitivity_json"]

_UNITS = {"cost_saved": "DKK/yr", "co2e_avoided": "t CO2e/yr", "groundwater_saved": "m3/yr"}
_NAMES = {"cost_saved": "cost saved", "co2e_avoided": "CO2e avoided", "groundwater_saved": "groundwater saved"}


def sensitivity_json(net, answer: str, convention: str, base: dict[str, float], tab: pd.DataFrame) -> dict:
    """A JSON-ready dict: the headline at the data's values and every assumption's row (NaN as null).

    Parameters
    ----------
    net : Network
        The network.
    answer : str
        The answer varied (``observed`` or ``optimised``).
    convention : str
        The accounting convention of the indicators.
    base : dict of str to float
        Each headline indicator at the data's values, in its unit.
    tab : pandas.DataFrame
        One row per assumption: its low and high values and each indicator at both ends.

    Returns
    -------
    dict
        The network, year, answer, convention, headline, the headline's units and the assumptions.
    """
    return plain({"network": net.id, "year": net.year, "answer": answer, "convention": convention,
                  "headline": base, "units": {k: in_currency(_UNITS.get(k, "")) for k in base},
                  "assumptions": records(tab)})


def drivers_text(tab: pd.DataFrame, key: str, n: int = 5) -> str:
    """The ``n`` largest drivers of ``key`` in one sentence."""
    parts = []
    for r in tab.head(n).itertuples():
        lo, hi = getattr(r, f"{key}_at_low"), getattr(r, f"{key}_at_high")
        parts.append(f"{r.parameter} ({number(lo)} to {number(hi)})")
    return f"The {min(n, len(tab))} largest drivers of {_NAMES.get(key, key)}: " + "; ".join(parts) + "."


def print_sensitivity(net, answer: str, convention: str, base: dict[str, float], tab: pd.DataFrame, con,
                      top: int) -> None:
    """The assumptions, largest swing of the first indicator first, with both ends of each indicator.

    Parameters
    ----------
    net : Network
        The network.
    answer : str
        The answer varied (``observed`` or ``optimised``).
    convention : str
        The accounting convention of the indicators.
    base : dict of str to float
        Each headline indicator at the data's values, in its unit.
    tab : pandas.DataFrame
        One row per assumption: its low and high values and each indicator at both ends.
    con : rich.console.Console
        Where to print.
    top : int
        How many assumptions to show.
    """
    keys = list(base)
    head = ", ".join(f"{_NAMES.get(k, k)} {number(v)} {in_currency(_UNITS.get(k, ''))}" for k, v in base.items())
    name = net.name.removesuffix(f", {net.year}")
    con.print(f"{name}, {net.year}: what moves the {answer} savings against no symbiosis ({head}; "
              f"convention {convention}). Each input is moved alone to the ends of its stated range (an "
              "estimate without one +-25%, a published number by the default range of its kind) and the network "
              "re-solved; each other accounting convention is a row of its own.")
    cols: list[tuple[str, Justify]] = [("#", "right"), ("assumption", "left"), ("value", "right"),
                                       ("low to high", "right"), ("range", "left")]
    cols += [(f"{_NAMES.get(k, k)} at low / high ({_UNITS.get(k, '')})", "right") for k in keys]
    t = table(f"The {min(top, len(tab))} inputs that move {_NAMES.get(keys[0], keys[0])} most", cols)
    shown: list[AssumptionRow] = list(rows(tab.head(top)))
    for i, r in enumerate(shown, start=1):
        ends = [f"{_end(getattr(r, f'{k}_at_low'))} / {_end(getattr(r, f'{k}_at_high'))}" for k in keys]
        span = "-" if r.low != r.low else f"{number(r.low)} to {number(r.high)}"  # a convention has no range
        t.add_row(str(i), r.parameter, _end(r.value) if r.value != r.value else number(r.value, r.unit), span,
                  r.range, *ends)
    con.print(t)
    notes = [(i, r.note) for i, r in enumerate(shown, start=1) if r.note]
    for i, note in notes:
        con.print(f"  #{i}: {note}")
    if notes:
        con.print("  ('-': that end cannot balance with the other recorded flows as they are; the limit is named.)")
    con.print(drivers_text(tab, keys[0]))
    con.print("Every assumption's source and basis: `symbiosis show " + net.id + " --sources`; all rows: "
              "--format csv.")


def _end(value: float) -> str:
    return "-" if value != value else number(value)
