"""How far the framework agreement reaches: which members buy from social-economy enterprises,
which have their own agreement, and how many of the members' own staff are in supported schemes.

Each member gets a status ``yes``, ``no`` or ``unknown`` with the reason. ``no``
needs data that says so (an agreement row with status ``none``, or one only
planned); a member of whom nothing is recorded is ``unknown``, never "not
yet": the 2021 framework agreement says the members' own agreements were to
follow, and none has been published.
"""

from __future__ import annotations

from symbiosis.model import Network
from symbiosis.social.jobs import links_in_year, member_jobs_in_year
from symbiosis.social.said import Said, said

__all__ = ["STATUS", "agreement_coverage", "coverage", "members_of", "supported_share"]

STATUS = ("yes", "no", "unknown")


def members_of(network: Network) -> list[str]:
    """The members the framework agreement is about (social-economy enterprises left out)."""
    return [a.id for a in network.members if a.kind != "social_enterprise"]


def _agreements(network: Network, year: int) -> dict[str, list]:
    out: dict[str, list] = {}
    for i, a in enumerate(network.agreements):
        if a.runs_in(year):
            out.setdefault(a.member, []).append((i, a))
    return out


def _framework_note(network: Network) -> Said:
    expected = [f for f in network.frameworks if f.per_member_agreements]
    if not expected:
        return said("coverage.nothing")
    f = expected[0]
    return said("coverage.nothing_framework", framework=f.name, signed=f.signed)


def coverage(network: Network, year: int | None = None) -> dict:
    """Which members buy from at least one social-economy enterprise in ``year``.

    ``yes``: a running service link with the member as client (directly, or
    through an ordinary contractor with the enterprise as its partner), or a
    signed purchase agreement naming enterprises (an investment or a rent is
    not a purchase). ``no``: an agreement row says the
    member has none. ``unknown``: nothing recorded.

    Parameters
    ----------
    network : Network
        The network.
    year : int, optional
        Default: the network's.

    Returns
    -------
    dict
        ``members`` (ids), ``status`` (member -> (status, why: a :class:`~symbiosis.social.said.Said`)),
        ``with_supplier`` (the yes), ``without_supplier`` (the rest), ``unknown``, ``no`` (ids) and
        ``share`` = yes / members (0-1, NaN without members).
    """
    year = network.year if year is None else year
    names = {a.id: a.name for a in network.actors}
    members = members_of(network)
    bought: dict[str, list[Said]] = {}
    for link in links_in_year(network, year):
        how = (said("coverage.buys_with", service=link.service, contractor=names[link.contractor],
                    provider=names[link.provider], link=link.id) if link.contractor
               else said("coverage.buys", service=link.service, provider=names[link.provider], link=link.id))
        bought.setdefault(link.client, []).append(how)
    agreements = _agreements(network, year)
    status: dict[str, tuple[str, Said]] = {}
    for m in members:
        signed = [(i, a) for i, a in agreements.get(m, []) if a.status == "signed" and a.enterprises
                  and a.kind == "purchase"]     # an investment or a rent is not buying from the enterprise
        if m in bought or signed:
            why = bought.get(m, []) + [said("coverage.agreement_with", agreement=a.id,
                                            enterprises=[names[e] for e in a.enterprises]) for _, a in signed]
            status[m] = ("yes", said("join", items=why, sep="; "))
        elif any(a.status == "none" for _, a in agreements.get(m, [])):
            i = next(i for i, a in agreements[m] if a.status == "none")
            status[m] = ("no", said("coverage.none_recorded", field=f"agreements[{i}]"))
        else:
            status[m] = ("unknown", _framework_note(network))
    yes = [m for m in members if status[m][0] == "yes"]
    unknown = [m for m in members if status[m][0] == "unknown"]
    return {"members": members, "status": status, "with_supplier": yes,
            "without_supplier": [m for m in members if m not in yes], "unknown": unknown,
            "no": [m for m in members if status[m][0] == "no"], **_shares(len(yes), len(members), len(unknown))}


def _shares(yes: int, members: int, unknown: int) -> dict:
    """``share`` = yes / members, NaN (not known) while any member is unknown or there are no members;
    ``at_least`` = yes / members all the same (what is known: a lower bound)."""
    at_least = yes / members if members else float("nan")
    return {"share": at_least if not unknown else float("nan"), "at_least": at_least}


def agreement_coverage(network: Network, year: int | None = None) -> dict:
    """Which members have their own agreement under a framework agreement in ``year``.

    ``yes``: a signed agreement under a framework, running in the year (its
    ambition level is reported). ``no``: an agreement row says none, or one is
    only planned. ``unknown``: nothing recorded.

    Parameters
    ----------
    network : Network
        The network.
    year : int, optional
        Default: the network's.

    Returns
    -------
    dict
        ``members``, ``status`` (member -> (status, why: a :class:`~symbiosis.social.said.Said`)),
        ``with_agreement``, ``unknown``, ``share`` = yes / members (NaN while any is unknown) and
        ``at_least``.
    """
    year = network.year if year is None else year
    members = members_of(network)
    agreements = _agreements(network, year)
    status: dict[str, tuple[str, Said]] = {}
    for m in members:
        rows = [(i, a) for i, a in agreements.get(m, []) if a.framework is not None]
        signed = [(i, a) for i, a in rows if a.status == "signed"]
        if signed:
            i, a = signed[0]
            status[m] = ("yes", said("coverage.own_agreement", agreement=a.id, field=f"agreements[{i}]",
                                     ambition=said("coverage.ambition", ambition=a.ambition) if a.ambition else "",
                                     hours=said("coverage.hours", hours=a.hours_per_year)
                                     if a.hours_per_year is not None else ""))
        elif rows:
            i, a = rows[0]
            status[m] = ("no", said("coverage.only_planned" if a.status == "planned" else "coverage.is_none",
                                    field=f"agreements[{i}]"))
        else:
            status[m] = ("unknown", _framework_note(network))
    yes = [m for m in members if status[m][0] == "yes"]
    unknown = [m for m in members if status[m][0] == "unknown"]
    return {"members": members, "status": status, "with_agreement": yes, "unknown": unknown,
            **_shares(len(yes), len(members), len(unknown))}


def supported_share(network: Network, year: int | None = None) -> dict:
    """People in supported schemes among the members' own staff, per member employee: the measure of the
    10 % targets (CSR-mærke Aabenraa, Udvikling Assens), which count a firm's own employees.

    Per member with an employee count and ``member_jobs`` rows (any scheme, ``ordinary`` included, says
    the member's staff were recorded): its own persons in a supporting scheme, divided by its
    ``employees``. Members without such rows are ``not_recorded``: their own count is not known, never
    0. People on the service links a member buys (its value chain) are counted beside, in
    ``value_chain`` (member -> persons), not in the share.


    Parameters
    ----------
    network : Network
        The network.
    year : int, optional
        Default: the network's.

    Returns
    -------
    dict
        ``share`` (NaN when no member has both), ``persons``, ``employees``, ``per_member``
        (member -> (persons, employees)), ``not_recorded``, ``no_employees`` and ``value_chain``.
    """
    year = network.year if year is None else year
    chain: dict[str, float] = {}
    members = set(members_of(network))
    for link in links_in_year(network, year):
        if link.client in members:
            chain[link.client] = chain.get(link.client, 0.0) + link.supported_persons
    own: dict[str, float] = {}
    for j in member_jobs_in_year(network, year):
        own[j.member] = own.get(j.member, 0.0) + (j.persons if j.scheme not in ("ordinary", "unknown") else 0.0)
    per, missing, unrecorded = {}, [], []
    for m in members_of(network):
        emp = network.actor[m].employees
        if emp is None or emp.value <= 0:
            missing.append(m)
        elif m not in own:
            unrecorded.append(m)
        else:
            per[m] = (own[m], emp.value)
    p, e = sum(v[0] for v in per.values()), sum(v[1] for v in per.values())
    return {"share": p / e if e > 0 else float("nan"), "persons": p, "employees": e, "per_member": per,
            "not_recorded": unrecorded, "no_employees": missing, "value_chain": chain}
