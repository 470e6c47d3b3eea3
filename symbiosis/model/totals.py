"""Estimate groups: numbers that must add up to a stated total.

A source often publishes a total (a plant's steam sold, 420 000 t) and leaves
its split among receivers to be estimated. A :class:`Total` states the total
with its own provenance and lists its members; validation checks that the
members add up to it (within ``tolerance``, a share of the total), so an
estimate of one member cannot drift away from the published sum unnoticed.

Members are named by where they sit in the network::

    streams.<id>.observed | streams.<id>.capacity | processes.<id>.capacity
    supplies.<actor>.<resource> | demands.<actor>.<resource>
    service_links.<id>.annual_value | actors.<id>.employees

Values are compared in the members' own units (the resource's unit, after a
file's units are converted): every member of a group must be in one unit.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import Field

from symbiosis.model.base import Id, Quantity

if TYPE_CHECKING:
    from symbiosis.model.network import Network

__all__ = ["MEMBER_FORMS", "Total", "check_totals", "member_value"]

MEMBER_FORMS = ("streams.<id>.observed", "streams.<id>.capacity", "processes.<id>.capacity",
                "supplies.<actor>.<resource>", "demands.<actor>.<resource>", "service_links.<id>.annual_value",
                "actors.<id>.employees")


class Total(Quantity):
    """A stated total (``value``, with its source) that the numbers in ``members`` must add up to.

    ``tolerance`` is the share of the total the members' sum may differ by (rounding in the source).

    Parameters
    ----------
    value : float
        The stated total.
    unit : str, optional
        The total's unit.
    id : str
        Its id, unique in the network (lower case, digits, ``_.-``).
    members : tuple of str
        The numbers that add up to it (paths).
    tolerance : float
        The share of the total the sum may differ by.
    """

    id: Id
    members: tuple[str, ...] = Field(min_length=1)
    tolerance: float = Field(default=0.005, ge=0, lt=1)


def member_value(net: Network, member: str) -> tuple[float, str] | str:
    """``(value, unit)`` of one member of a total, or why it names nothing (a message)."""
    parts = member.split(".")
    if len(parts) != 3:
        return f"'{member}' is not a member reference; write one of {', '.join(MEMBER_FORMS)}"
    table, key, field = parts
    if table in ("supplies", "demands"):
        rows = [r for r in getattr(net, table) if r.actor == key and r.resource == field]
        if not rows:
            return f"no {table[:-1]} of '{field}' at '{key}'"
        return sum(r.quantity.value for r in rows), net.resource[field].unit if field in net.resource else ""
    fields = {"streams": ("observed", "capacity"), "processes": ("capacity",), "service_links": ("annual_value",),
              "actors": ("employees",)}
    if table not in fields or field not in fields[table]:
        return f"'{member}' is not a member reference; write one of {', '.join(MEMBER_FORMS)}"
    row = next((r for r in getattr(net, table) if r.id == key), None)
    if row is None:
        return f"no {table[:-1].replace('_', ' ')} '{key}'"
    q = getattr(row, field)
    if q is None:
        return f"{table[:-1].replace('_', ' ')} '{key}' has no {field}"
    unit = {"streams": lambda: net.resource[row.resource].unit if row.resource in net.resource else "",
            "processes": lambda: row.activity_unit, "service_links": lambda: "DKK",
            "actors": lambda: "persons"}[table]()
    return q.value, unit


def check_totals(net: Network, add) -> None:
    """Each total's members exist, share one unit and add up to the total within its tolerance."""
    for i, total in enumerate(getattr(net, "totals", ())):
        path = f"totals[{i}]"
        values, units = [], set()
        for k, member in enumerate(total.members):
            got = member_value(net, member)
            if isinstance(got, str):
                add(f"{path}.members[{k}]", got)
                continue
            values.append((member, got[0]))
            units.add(got[1])
        if len(values) < len(total.members):
            continue
        if len(units) > 1:
            add(f"{path}.members", f"members in different units ({', '.join(sorted(units))}); a total adds "
                "numbers of one unit")
            continue
        added = sum(v for _, v in values)
        if abs(added - total.value) > total.tolerance * abs(total.value) + 1e-9:
            parts = " + ".join(f"{m} {v:g}" for m, v in values)
            add(f"{path}.value", f"the members add up to {added:g}, not the stated total {total.value:g} "
                f"(off by {added - total.value:+g}; tolerance {total.tolerance:.1%}): {parts}. Correct the "
                "estimates, or the total")
