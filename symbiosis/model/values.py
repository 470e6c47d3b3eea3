"""Numbers attached to parts of a network, each with its provenance: a stream's recorded payment and a
resource's primary-energy factor."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from symbiosis.model.base import Provenance

__all__ = ["Payment", "PrimaryEnergy"]


class PrimaryEnergy(Provenance):
    """MWh of primary energy one unit of a resource stands for (``value``), with its source.
    """

    value: float = Field(gt=0, description="MWh of primary energy per unit of the resource")


class Payment(Provenance):
    """What is recorded as paid for a stream: a price per unit sent, a sum per year, or both.

    ``payer`` pays the other end: the ``receiver`` pays the supplier (steam bought), or the ``supplier``
    pays the receiver (a gate fee for taking a residual). Money is in the network's currency. A
    payment is a transfer between two actors: it moves a stream's saving between them and leaves the
    network's total as it is.

    Parameters
    ----------
    payer : {'receiver', 'supplier'}
        Who pays: the receiver, or the supplier (a gate fee).
    """

    per_unit: float | None = Field(default=None, ge=0, description="per unit sent, in the stream's resource unit")
    per_year: float | None = Field(default=None, ge=0, description="per year while the stream carries anything")
    payer: Literal["receiver", "supplier"] = "receiver"

    @model_validator(mode="after")
    def _something_paid(self) -> Payment:
        if self.per_unit is None and self.per_year is None:
            raise ValueError("a payment needs per_unit (per unit sent) or per_year (per year), or both")
        return self

    def amount(self, sent: float) -> float:
        """What the payer pays in a year in which ``sent`` units are sent (0 when nothing is sent).

        Parameters
        ----------
        sent : float
            Units sent per year.

        Returns
        -------
        float
            What the payer pays the payee, DKK/yr.
        """
        if sent <= 1e-9:
            return 0.0
        return (self.per_unit or 0.0) * sent + (self.per_year or 0.0)
