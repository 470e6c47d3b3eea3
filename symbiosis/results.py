"""One answer for a network, as named tables: what the engine gives back and everything else reads.

There are three answers for a network:

``observed``
    the running streams carry their recorded flows;
``counterfactual``
    no symbiosis at all: every residual takes its real route (incineration, treatment, sale...), every
    need its next-best source; exchanges that exist without the symbiosis (``baseline``) stay open;
``optimised``
    the best use of the running streams for the chosen objective.

A :class:`Result` is plain data (pandas tables and numbers); it is made by
:mod:`symbiosis.engine` and read by the scoring, the presentation and the
figures, none of which needs to know how it was solved. An
:class:`Evaluation` is the three results of one network with the
recommendations, computed once when it is built
(:func:`symbiosis.evaluation.evaluate`): plain data too, with no way back to
a compiled problem or a solver (the architecture test walks its attributes).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from symbiosis.errors import bad_parameter

if TYPE_CHECKING:
    from symbiosis.model import Network

__all__ = ["ANSWERS", "NAMED_COSTS", "Answer", "Evaluation", "Result"]

Answer = Literal["observed", "counterfactual", "optimised"]
ANSWERS: tuple[Answer, ...] = ("observed", "counterfactual", "optimised")

#: The named costs on every arc and process, per unit and per year: ``cost`` DKK, ``co2e`` t CO2e,
#: ``groundwater`` m3 drawn, ``virgin_material`` t of virgin material or nutrient bought,
#: ``disposed`` t of material sent to disposal.
NAMED_COSTS = ("cost", "co2e", "groundwater", "virgin_material", "disposed")


@dataclass(frozen=True, eq=False)
class Result:
    """One answer for a network, as named tables. Quantities are per year.

    ``streams``, ``virgin``, ``disposal`` and ``prices`` name the ``grade`` of
    what they carry or balance (None: ungraded); a graded supply or process
    output is disposed of on its own row.

    ``variables`` has one row per decision of the answer (every stream,
    virgin purchase and disposal arc, then every process): ``kind``
    (``stream``, ``virgin``, ``disposal`` or ``process``), ``ref`` (stream
    or process id), ``actor`` (the supplier, buyer, disposer or the process's
    actor), ``receiver`` (a stream's receiver, else ``""``), ``resource``,
    ``quantity`` (units of the resource, or of activity, per year);
    ``unit_costs`` holds, per named cost, the value per unit of each row. Their
    products, :attr:`ledger`, are the one source of every cost that scores
    attribute to actors.
    """

    answer: Answer
    objective: str | dict[str, float]
    streams: pd.DataFrame
    virgin: pd.DataFrame
    disposal: pd.DataFrame
    processes: pd.DataFrame
    prices: pd.DataFrame
    totals: dict[str, float]
    variables: pd.DataFrame
    unit_costs: dict[str, np.ndarray]

    @property
    def ledger(self) -> pd.DataFrame:
        """:attr:`variables` with each named cost of each row per year (quantity x value per unit)."""
        q = self.variables.quantity.to_numpy()
        return self.variables.assign(**{name: q * self.unit_costs[name] for name in NAMED_COSTS})


@dataclass(frozen=True, eq=False)
class Evaluation:
    """Observed, counterfactual and optimised results of one network, and what separates them.

    Made by :func:`symbiosis.evaluation.evaluate`, which solves everything it
    holds; reading it solves nothing. ``recommendations`` is the table of
    :func:`symbiosis.engine.recommend.recommendations` (changes and ties, with
    ranges over all optimal solutions and what each change is worth), or None
    for an evaluation built with ``recommend=False``. ``across`` has the named-cost totals of each answer
    under the declared and every other shipped convention (one row per convention and answer, the declared
    convention first; :func:`symbiosis.engine.across.across_conventions`), read by :meth:`ranges`.
    """

    network: Network
    objective: str
    weights: dict[str, float]
    observed: Result
    counterfactual: Result
    optimised: Result
    convention: str = "system-expansion"
    recommendations: pd.DataFrame | None = None
    across: pd.DataFrame | None = None

    def result(self, answer: str) -> Result:
        """The ``observed``, ``counterfactual`` or ``optimised`` result."""
        if answer not in ANSWERS:
            raise bad_parameter("answer", f"'{answer}' is not an answer; valid: {', '.join(ANSWERS)}")
        return getattr(self, answer)

    def savings(self, answer: str = "optimised") -> dict[str, float | None]:
        """Indicators of ``answer`` against the counterfactual (see :data:`symbiosis.accounting.INDICATORS`)."""
        from symbiosis.accounting.savings import savings

        return savings(self.result(answer), self.counterfactual, self.network)

    def ranges(self, answer: str = "optimised") -> pd.DataFrame:
        """Each headline of ``answer`` against the counterfactual under the declared convention, and its range
        across the shipped conventions.

        One row per flow indicator (``cost_saved``, ``co2e_avoided``, ``groundwater_saved``; index ``key``):
        ``value`` (the declared convention's, as :meth:`savings` gives it), ``low`` and ``high`` (the least
        and greatest over the conventions) and ``low_convention``, ``high_convention`` (the convention that
        sets each end; the declared one where it does). Without ``across`` (an evaluation built by hand), the
        range is the value itself.

        Examples
        --------
        >>> import symbiosis as sym
        >>> r = sym.evaluate(sym.load_network("kalundborg")).ranges()
        >>> r.loc["co2e_avoided", "low_convention"]
        'biogenic-stack'
        """
        from symbiosis.accounting.indicators import FLOW_INDICATORS

        self.result(answer)  # a valid answer
        across = self.across
        if across is None:
            across = pd.DataFrame([{"convention": self.convention, "answer": a, **self.result(a).totals}
                                   for a in ANSWERS])
        names = list(dict.fromkeys(across.convention))
        by = across.set_index(["convention", "answer"])
        rows = []
        for key, cost in FLOW_INDICATORS.items():
            values = np.array([by.loc[(n, "counterfactual"), cost] - by.loc[(n, answer), cost] for n in names])
            lo, hi = int(np.argmin(values)), int(np.argmax(values))  # ties: the first, the declared one first
            rows.append({"key": key, "value": float(values[0]), "low": float(values[lo]), "high": float(values[hi]),
                         "low_convention": names[lo], "high_convention": names[hi]})
        return pd.DataFrame(rows).set_index("key")

    def convention_dependent(self) -> pd.DataFrame:
        """Changes of the declared convention that another shipped convention does not make (it reverses
        them or leaves them open): not recommendations. ``agree`` and ``disagree`` name the conventions."""
        r = self._recommendations()
        return r[r.verdict == "convention-dependent"].reset_index(drop=True)

    def changes(self) -> pd.DataFrame:
        """What the optimiser would change: the items no optimal solution leaves at their observed value.

        One row per stream, process or (actor, resource, grade) balance's
        virgin purchase or disposal (``grade`` None where ungraded), the
        largest value first (``value_money``, ``value_co2e``: what keeping the
        item as observed would cost per year); ties, where the optimiser is
        indifferent, are in :meth:`ties`, and changes another shipped convention does not make in
        :meth:`convention_dependent`.
        """
        r = self._recommendations()
        return r[r.verdict == "change"].reset_index(drop=True)

    def ties(self) -> pd.DataFrame:
        """Items the optimum leaves open: any value in ``optimised_low``..``optimised_high`` is as good."""
        r = self._recommendations()
        return r[r.verdict == "indifferent"].reset_index(drop=True)

    def tie_check(self) -> dict:
        """How far the tie check went: ``decisions`` (streams, purchases, disposals and processes), ``checked``
        (decided within the time budget) and ``unchecked``: the items it did not decide (what, item, supplier,
        receiver, resource; their optimised value is one optimal solution's, not known to be the only one)."""
        r = self._recommendations()
        left = r[r.verdict == "unchecked"]
        return {"decisions": int(r.attrs.get("decisions", len(r))),
                "checked": int(r.attrs.get("checked", len(r) - len(left))),
                "unchecked": left[["what", "item", "supplier", "receiver", "resource"]].astype(object)
                .to_dict("records")}

    def _recommendations(self) -> pd.DataFrame:
        if self.recommendations is None:
            raise bad_parameter("recommend", "this evaluation was built without recommendations; "
                                "build it with evaluate(network, recommend=True)")
        return self.recommendations
