"""Which inputs drive the answer: a one-at-a-time sensitivity (tornado) of the headline savings.

:func:`sensitivity` moves each input of the network, alone, to the low and
the high end of its range (:mod:`symbiosis.planning.inputs`: its stated
``range``; for an estimate without one ``spread`` either side, 25 % unless
told; for a published number the default range of its kind) and re-solves:
the swing of each bottom line (cost saved, CO2e avoided, groundwater saved
against no symbiosis) between the two ends ranks the inputs. Every other
shipped accounting convention is a row too: the headline under it against
the declared one.

The inputs are factors (prices, emission factors, transport, hauls), supplies,
demands, recorded flows and capacities of streams, their losses, distances
and substitution ratios, process ratios, capacities and running costs, and
joint capacities. A stream's recorded flow moves with the balance rows that
mirror it and the flows it forces up- and downstream
(:mod:`symbiosis.planning.mirrors`). Where one end cannot balance (a limit
such as a plant's fuel intake), that end is NaN and ``note`` says so.

Cost: each answer is compiled once (once more for a convention that adds
routes) and every end is a warm re-solve of it with the input's levers set
(:class:`symbiosis.engine.InputSweep`); an input that only prices a fixed
flow needs no solve, and most others none either: the optimal basis,
inverted once block by block, certifies the new optimum (or proves that the
end cannot balance) for all ends at once, each end costing the size of the
blocks it touches (:mod:`symbiosis.engine.screen`); of the rest, the ends
that move small pieces of the problem that do not overlap are solved
together, one LP a group (:mod:`symbiosis.engine.pieces`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy as np
import pandas as pd

from symbiosis import parameters as P
from symbiosis.accounting.conventions import DEFAULT, apply_convention, conventions
from symbiosis.accounting.indicators import FLOW_INDICATORS
from symbiosis.engine import Edit, InputSweep
from symbiosis.errors import bad_parameter
from symbiosis.heap import quiet_heap
from symbiosis.model import Network
from symbiosis.objectives import objective_weights
from symbiosis.planning.inputs import Parameter, edits, parameters

if TYPE_CHECKING:
    from symbiosis.results import Answer

__all__ = ["DEFAULT_SPREAD", "HEADLINE", "Parameter", "parameters", "sensitivity"]

#: How far an estimate without a stated range is moved either side (a share of its value).
DEFAULT_SPREAD: float = P.SPREAD.default
#: The indicators a tornado ranks by, in order.
HEADLINE = ("cost_saved", "co2e_avoided", "groundwater_saved")


def sensitivity(net: Network, objective: str = "cost", weights: dict[str, float] | None = None,
                answer: str = "observed", convention: str | None = None, spread: float = DEFAULT_SPREAD,
                indicators: tuple[str, ...] = HEADLINE, explain: int = 20) -> tuple[dict[str, float], pd.DataFrame]:
    """The headline savings of ``answer`` and how far each input moves them.

    Parameters
    ----------
    net : Network
        The network.
    objective, weights :
        What the optimised answer minimises (see :mod:`symbiosis.objectives`).
    answer : {"observed", "optimised"}
        Whose savings against no symbiosis are measured.
    convention : str, optional
        The accounting convention (default ``system-expansion``).
    spread : float
        The share an estimate without a stated range is moved either side (0.25: +-25 %).
    indicators : tuple of str
        The indicators to report; the table is ranked by the first.
    explain : int
        How many of the first rows name, for an end that cannot balance, the limit it runs into (a
        diagnosis is one or two more LPs); further rows say which answer cannot balance.

    Returns
    -------
    base : dict
        The indicators at the data's own values.
    table : pandas.DataFrame
        One row per input, largest swing first: ``parameter``, ``path``,
        ``source``, ``unit``, ``value``, ``low``, ``high``, ``range``
        (``stated``, ``+-25%`` for an estimate, ``published price +-20%``...,
        or ``convention``), then per indicator ``<key>_at_low``,
        ``<key>_at_high`` and ``<key>_swing`` (high end minus low end, in
        the indicator's unit; NaN where an end cannot balance), and ``note``
        (why an end cannot balance: the limit it runs into, in the first
        ``explain`` rows; further down, which answer). A convention's
        row has the declared convention's headline at its low end and its
        own at its high end (``value``, ``low`` and ``high`` NaN). Ranked by
        how far the farther end moves the first indicator.

    Raises
    ------
    ParameterError
        For an unknown answer, convention or indicator, or a spread outside 0..1.
    SymbiosisError
        If the network itself cannot balance.

    Examples
    --------
    >>> import symbiosis as sym
    >>> base, table = sensitivity(sym.load_network("kalundborg"))
    >>> bool("convention" in set(table.range) and (table.path == "processes[2].outputs.biomethane").any())
    True
    """
    P.ANSWER.check(answer)
    P.SPREAD.check(spread)
    unknown = [k for k in indicators if k not in FLOW_INDICATORS]
    if unknown:
        raise bad_parameter("indicators", f"{', '.join(unknown)} cannot be varied here; valid: "
                            f"{', '.join(FLOW_INDICATORS)}")
    with quiet_heap(freeze=True):  # the network and its answers frozen; the ends' small objects no cycles
        return _sensitivity(net, objective, weights, answer, convention, spread, indicators, explain)


def _sensitivity(net: Network, objective: str, weights: dict[str, float] | None, answer: str,
                 convention: str | None, spread: float, indicators: tuple[str, ...],
                 explain: int) -> tuple[dict[str, float], pd.DataFrame]:
    declared = convention or DEFAULT
    plain, net = net, apply_convention(net, declared)
    w = objective_weights(net, objective, weights)
    carbon = w if objective == "weighted" and not weights else None
    answers: tuple[Answer, ...] = ("observed", "counterfactual") + (("optimised",) if answer == "optimised" else ())
    sweep = InputSweep(net, w, answers)
    headline = _savings(sweep.totals([]), answer, indicators)
    activity = sweep.activity("observed")  # a yield moves the recorded flows out of a process at this activity
    rows = []
    inputs = parameters(net, spread, carbon_value=carbon is not None)
    got = iter(sweep.totals_many([edits(net, p.path, value, carbon, activity) for p in inputs
                                  for value in (p.low, p.high)]))  # the ends the bases settle, together
    for p in inputs:
        row = {"parameter": p.label, "path": p.path, "source": p.source, "unit": p.unit, "value": p.value,
               "low": p.low, "high": p.high, "range": p.kind}
        ends = {end: _savings(next(got), answer, indicators) for end in ("low", "high")}
        rows.append(_row(row, ends, indicators))
    for name, conv in conventions().items():
        if name == declared:
            continue
        other = apply_convention(plain, name)
        under = _under(sweep, net, other, answer, indicators, objective, weights)
        row = {"parameter": f"convention {name}", "path": f"convention:{name}", "source": conv.title,
               "unit": "", "value": np.nan, "low": np.nan, "high": np.nan, "range": "convention"}
        rows.append(_row(row, {"low": headline, "high": under}, indicators))
    table = pd.DataFrame(rows)
    if table.empty:
        return headline, table
    key = indicators[0]  # rank by the farthest end from the base (one end is enough where the other cannot be)
    reach = np.fmax(np.abs(table[f"{key}_at_low"] - headline[key]), np.abs(table[f"{key}_at_high"] - headline[key]))
    order = np.argsort(-np.nan_to_num(reach.to_numpy(), nan=-1.0), kind="stable")
    table = table.iloc[order].reset_index(drop=True)
    table["note"] = [_notes(n, i < explain) for i, n in enumerate(table.note)]
    return headline, table


def _row(row: dict, ends: dict, indicators: tuple[str, ...]) -> dict:
    """``row`` with each indicator at both ends (NaN where an end cannot balance), the swing, and the ends
    that cannot balance (``note``: a list of (end, :class:`~symbiosis.engine.sweep.Unbalanced`) for now)."""
    notes = []
    for end in ("low", "high"):
        got = ends[end]
        if not isinstance(got, dict):
            notes.append((end, got))
        for key in indicators:
            row[f"{key}_at_{end}"] = np.nan if not isinstance(got, dict) else got[key]
    for key in indicators:
        row[f"{key}_swing"] = row[f"{key}_at_high"] - row[f"{key}_at_low"]
    row["note"] = notes
    return row


def _notes(notes, diagnose: bool) -> str:
    """Why each end cannot balance: diagnosed (the limit it runs into) for the rows shown first, else the
    answer that cannot."""
    return "; ".join(f"at the {end} end {got.reason() if diagnose else got}" for end, got in notes)


def _savings(totals, answer: str, indicators: tuple[str, ...]):
    """The savings of ``answer`` against no symbiosis, from each answer's totals (or the answer that cannot
    balance, as it came)."""
    if not isinstance(totals, dict):
        return totals
    cf, got = totals["counterfactual"], totals[answer]
    return {key: cf[FLOW_INDICATORS[key]] - got[FLOW_INDICATORS[key]] for key in indicators}


#: Factors whose row, where it is new or gone, adds or removes a route (an arc), not only a number.
_ROUTES = ("virgin_price", "disposal_cost")


def _under(sweep: InputSweep, net: Network, other: Network, answer: str, indicators: tuple[str, ...],
           objective: str, weights: dict[str, float] | None) -> dict[str, float] | str:
    """The headline under another convention: its factor rows as levers on the same compiled answers, or,
    where it adds or removes a route, its own compiled answers."""
    mine, theirs = net.factor, other.factor
    changed = [k for k in set(mine) | set(theirs)
               if k not in mine or k not in theirs or mine[k].value != theirs[k].value]
    if any(k[0] in _ROUTES and (k not in mine or k not in theirs) for k in changed):
        own = InputSweep(other, objective_weights(other, objective, weights), cast("tuple[Answer, ...]", sweep.answers))
        return _savings(own.totals([]), answer, indicators)
    return _savings(sweep.totals([Edit("factor", theirs[k].value if k in theirs else 0.0, k) for k in changed]),
                    answer, indicators)
