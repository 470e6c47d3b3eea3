"""The economy and environment bottom lines, measured against no symbiosis, and the scoring core.

- :mod:`.indicators`: what each indicator is (key, line, unit, meaning).
- :mod:`.ledger`: who pays which named cost of an answer, attributed to actors once.
- :mod:`.savings`: savings per network and per actor.
- :mod:`.streams`: what each stream is worth, from the ledger, and the non-stream terms beside it.
- :mod:`.investments`: annualised capital cost, payback and NPV of the declared investments.
- :mod:`.score`: everything ``symbiosis score`` reports for one answer, and the company view.
- :mod:`.lenses`: the Kalundborg and Kolding lenses and the composite index.
- :mod:`.evaluated`: :class:`~symbiosis.accounting.evaluated.Evaluation`, the three results of a network.
- :mod:`.report`: what the triple-bottom-line report holds (made by :func:`symbiosis.scoring.tbl_report`),
  and the factor table.
"""

from symbiosis.accounting.indicators import FLOW_INDICATORS, INDICATOR, INDICATORS, Indicator
from symbiosis.accounting.ledger import actor_costs, attribute
from symbiosis.accounting.savings import actor_savings, indicators, savings
from symbiosis.accounting.score import TripleBottomLine, company_view, score
from symbiosis.accounting.streams import StreamAccounts, stream_accounts, stream_values

__all__ = ["FLOW_INDICATORS", "INDICATOR", "INDICATORS", "Indicator", "StreamAccounts", "TripleBottomLine",
           "actor_costs", "actor_savings", "attribute", "company_view", "indicators", "savings", "score",
           "stream_accounts", "stream_values"]
