"""Who pays which cost: the named costs of an answer attributed to actors, once.

Every cost comes from the engine's ledger of the answer (one row per arc and
process, its quantity times its value per unit; see
:attr:`symbiosis.results.Result.ledger`) and falls on one actor: virgin
purchases and disposal on the actor buying or disposing, a process's
operating cost and emissions on its actor, a stream's transport on its
supplier (or its receiver, by choice). :func:`attribute` is the one place
that adds them up per actor; tables (:func:`actor_costs`) and sweeps (arrays,
:mod:`symbiosis.simulate`) both use it.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from symbiosis.errors import bad_parameter
from symbiosis.model import Network
from symbiosis.results import NAMED_COSTS, Result

__all__ = ["TRANSPORT_PAYERS", "actor_costs", "attribute", "payers"]

TRANSPORT_PAYERS = ("supplier", "receiver")


def payers(variables: pd.DataFrame, transport_payer: str = "supplier") -> np.ndarray:
    """The actor id paying for each row of an answer's ``variables`` (see :mod:`symbiosis.accounting.ledger`)."""
    if transport_payer not in TRANSPORT_PAYERS:
        raise bad_parameter("transport_payer", f"'{transport_payer}' is not who pays transport; "
                            f"valid: {', '.join(TRANSPORT_PAYERS)}")
    actor = variables.actor.to_numpy(dtype=object)
    if transport_payer == "receiver":
        streams = variables.kind.to_numpy() == "stream"
        actor = np.where(streams, variables.receiver.to_numpy(dtype=object), actor)
    return actor


def attribute(quantity: np.ndarray, unit_costs: Mapping[str, np.ndarray], payer: np.ndarray,
              n_actors: int, names=NAMED_COSTS) -> dict[str, np.ndarray]:
    """Per named cost, the total each actor pays: sum of quantity x value per unit over its rows.

    Parameters
    ----------
    quantity : array of float
        Per row (arc or process): units per year; or ``k x rows`` for ``k``
        samples at once (each sample's totals then come out as they would alone).
    unit_costs : mapping of name -> array of float
        Per named cost, the value per unit of each row (or ``k x rows``).
    payer : array of int
        Per row, the paying actor's number, ``0 .. n_actors - 1``.
    n_actors : int
        How many actors there are.
    names : tuple of str
        The named costs to total (default all of :data:`~symbiosis.results.NAMED_COSTS`).

    Returns
    -------
    dict of name -> array of float
        ``n_actors`` totals per named cost (DKK, t CO2e, m3, t per year); ``k x n_actors`` for ``k`` samples.
    """
    quantity = np.asarray(quantity)
    if quantity.ndim == 1:
        return {name: np.bincount(payer, weights=quantity * unit_costs[name], minlength=n_actors) for name in names}
    k = quantity.shape[0]
    bins = (payer[None, :] + n_actors * np.arange(k)[:, None]).ravel()  # sample i's actors in bins i*n_actors...
    return {name: np.bincount(bins, weights=(quantity * unit_costs[name]).ravel(), minlength=k * n_actors)
            .reshape(k, n_actors) for name in names}


def actor_costs(result: Result, network: Network, transport_payer: str = "supplier") -> pd.DataFrame:
    """Each actor's share of the named costs of one answer (one row per actor, columns the named costs).

    Virgin purchases and disposal fall on the actor buying or disposing;
    process operating cost and emissions on the process's actor; a stream's
    transport on its ``supplier`` or ``receiver`` (``transport_payer``).
    The columns sum to ``result.totals``.

    Parameters
    ----------
    result : Result
        One solved answer of the network.
    network : Network
        The network.
    transport_payer : str
        Who pays a stream's transport: ``supplier`` or ``receiver``.

    Returns
    -------
    pandas.DataFrame
        One row per actor (index the actor id), one column per named cost (DKK/yr, t CO2e/yr, m3/yr...).
    """
    actors = [a.id for a in network.actors]
    code = {a: i for i, a in enumerate(actors)}
    who = payers(result.variables, transport_payer)
    totals = attribute(result.variables.quantity.to_numpy(dtype=float), result.unit_costs,
                       np.array([code[a] for a in who], dtype=np.int64), len(actors))
    return pd.DataFrame(totals, index=pd.Index(actors, name="actor"), columns=list(NAMED_COSTS))
