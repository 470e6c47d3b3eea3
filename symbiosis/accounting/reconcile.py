"""The tool's per-stream savings beside the published ones: the reconciliation of a bundled park.

A bundled ``published-NETWORK.yaml`` lists what publications say the park's streams save; the
tool's value of each row is the sum, over its streams, of the per-stream savings read from the
ledger (:func:`symbiosis.accounting.streams.stream_values`, the same numbers ``score`` shows),
so the table cannot drift from the tool::

    >>> from symbiosis import evaluate, load_network
    >>> from symbiosis.accounting.reconcile import reconcile
    >>> table = reconcile(evaluate(load_network("rotterdam-botlek")))
    >>> list(table.columns)
    ['streams', 'indicator', 'tool', 'published', 'ratio', 'reason', 'unit', 'source']
"""

from __future__ import annotations

from importlib import resources as _pkg

import pandas as pd

from symbiosis.errors import bad_field, unknown_name

__all__ = ["REASONS", "published_savings", "reconcile"]

#: Why the tool's value may differ from the published one.
REASONS = ("scope", "convention", "data")


def published_savings(network: str) -> dict:
    """The bundled ``published-NETWORK.yaml`` of a bundled network, as read."""
    import yaml

    path = _pkg.files("symbiosis.data") / f"published-{network}.yaml"
    if not path.is_file():
        raise unknown_name("", f"no published savings are bundled for '{network}'")
    with path.open(encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def reconcile(ev) -> pd.DataFrame:
    """Per published row: the streams, the indicator, the tool's value, the published one, their ratio
    (tool / published) and the reason tag (scope, convention or data), for the evaluation ``ev`` of a
    bundled network (its published savings are found by the network's id)."""
    net = ev.network
    values = ev.stream_accounts("observed").values.set_index("stream")
    rows = []
    for row in published_savings(net.id)["rows"]:
        if row["reason"] not in REASONS:
            raise bad_field("reason", f"'{row['reason']}' is not one of {', '.join(REASONS)}")
        tool = float(values.loc[list(row["streams"]), row["indicator"]].sum())
        rows.append({"streams": "+".join(row["streams"]), "indicator": row["indicator"], "tool": tool,
                     "published": float(row["published"]), "ratio": tool / float(row["published"]),
                     "reason": row["reason"], "unit": row["unit"], "source": row["source"]})
    return pd.DataFrame(rows)
