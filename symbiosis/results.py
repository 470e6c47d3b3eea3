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
figures, none of which needs to know how it was solved. The three results of
one network with the recommendations are an
:class:`~symbiosis.accounting.evaluated.Evaluation` (it reads its savings
from :mod:`symbiosis.accounting`, which reads these results).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

__all__ = ["ANSWERS", "NAMED_COSTS", "Answer", "Result"]

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
