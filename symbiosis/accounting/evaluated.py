"""An evaluation: the three results of one network and what separates them, as plain data.

An :class:`Evaluation` is the observed, counterfactual and optimised
:class:`~symbiosis.results.Result` of one network with the recommendations,
computed once when it is built (:func:`symbiosis.evaluation.evaluate`): plain
data, with no way back to a compiled problem or a solver (the architecture
test walks its attributes). Its savings and ranges are read with the scoring
core (:mod:`symbiosis.accounting.savings`), so it lives here, above the results
that the scoring reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from symbiosis.accounting.indicators import FLOW_INDICATORS
from symbiosis.accounting.materials import material_tables
from symbiosis.accounting.savings import savings
from symbiosis.accounting.streams import StreamAccounts, stream_accounts
from symbiosis.errors import bad_parameter
from symbiosis.results import ANSWERS, Result

if TYPE_CHECKING:
    from symbiosis.model import Network

__all__ = ["Evaluation"]


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

    def savings(self, answer: str = "optimised", materials: pd.DataFrame | None = None) -> dict[str, float | None]:
        """Indicators of ``answer`` against the counterfactual (see :data:`symbiosis.accounting.INDICATORS`);
        ``materials``: ``answer``'s material table (:meth:`materials`), when it is already computed."""
        if materials is not None:
            return savings(self.result(answer), self.counterfactual, self.network, materials=materials)
        known = self.__dict__.setdefault("_savings", {})  # read once per answer (the page reads each a few times)
        if answer not in known:
            known[answer] = savings(self.result(answer), self.counterfactual, self.network)
        return dict(known[answer])

    def stream_accounts(self, answer: str = "observed", transport_payer: str = "supplier") -> StreamAccounts:
        """What each stream of ``answer`` saves against the counterfactual, computed once per answer and payer
        (the page's score and map read the same accounts; :func:`symbiosis.accounting.streams.stream_accounts`).

        Parameters
        ----------
        answer : str, default "observed"
            ``observed``, ``optimised`` or ``counterfactual``.
        transport_payer : str, default "supplier"
            Who pays a stream's transport: ``supplier`` or ``receiver``.

        Returns
        -------
        StreamAccounts
            A copy of the accounts (values per stream, terms, remainder, headline).
        """
        known = self.__dict__.setdefault("_stream_accounts", {})
        if (answer, transport_payer) not in known:
            known[answer, transport_payer] = stream_accounts(self.result(answer), self.counterfactual, self.network,
                                                             transport_payer)
        got = known[answer, transport_payer]
        return StreamAccounts(got.values.copy(), got.terms.copy(), dict(got.remainder), dict(got.headline))

    def materials(self, *answers: str) -> dict[str, pd.DataFrame]:
        """The material and nutrient table of each of ``answers`` against the counterfactual, the
        counterfactual's tonnes counted once (:func:`symbiosis.accounting.materials.material_tables`).

        Parameters
        ----------
        *answers : str
            ``observed``, ``counterfactual`` or ``optimised`` (default: observed and optimised).

        Returns
        -------
        dict of str to pandas.DataFrame
            Each answer's table (``measure, material, basis, unit, value``; t/yr), by answer.
        """
        answers = answers or ("observed", "optimised")
        return material_tables({a: self.result(a) for a in answers}, self.counterfactual, self.network)

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
        return {**self.tie_counts(), "unchecked": left[["what", "item", "supplier", "receiver", "resource"]]
                .astype(object).to_dict("records")}

    def tie_counts(self) -> dict[str, int]:
        """:meth:`tie_check` as counts: ``decisions``, ``checked`` and ``unchecked`` (how many were not)."""
        r = self._recommendations()
        left = int((r.verdict == "unchecked").sum())
        return {"decisions": int(r.attrs.get("decisions", len(r))),
                "checked": int(r.attrs.get("checked", len(r) - left)), "unchecked": left}

    def _recommendations(self) -> pd.DataFrame:
        if self.recommendations is None:
            raise bad_parameter("recommend", "this evaluation was built without recommendations; "
                                "build it with evaluate(network, recommend=True)")
        return self.recommendations
