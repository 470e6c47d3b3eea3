"""Whole-network rules of the files a newcomer writes (issue 24): resources' energy factors, relays,
estimate groups, investments and undeclared source keys. Each rule takes :class:`symbiosis.model.validation._Check`
(``c``) and adds its mistakes; :data:`symbiosis.model.validation.RULES` runs them in order."""

from __future__ import annotations

from symbiosis.errors import Mistake
from symbiosis.model.base import listing
from symbiosis.model.packs import pack_problem
from symbiosis.model.totals import check_totals

__all__ = ["investments", "packs", "relays", "resources", "totals", "undeclared"]


def packs(c) -> None:
    """Every jurisdiction pack the network switches on is installed (symbiosis.packs)."""
    for i, name in enumerate(c.net.packs):
        problem = pack_problem(name)
        if problem:
            c.add(f"packs[{i}]", problem)


def relays(c) -> None:
    """A relay passes on a known resource that streams bring to it and take from it; it counts as supplying
    and needing that resource, so streams may leave and reach it."""
    for i, a in enumerate(c.net.actors):
        for k, r in enumerate(a.relays):
            if not c.known(f"actors[{i}].relays[{k}]", r, c.resources, "resource"):
                continue
            c.supplied.add((a.id, r))
            c.needed.add((a.id, r))
            ins = [s for s in c.net.streams if s.receiver == a.id and s.target_resource == r]
            outs = [s for s in c.net.streams if s.supplier == a.id and s.resource == r]
            if not ins or not outs:
                verb = "brings" if not ins else "takes"
                c.add(f"actors[{i}].relays[{k}]", f"'{a.id}' relays '{r}' but no stream {verb} it; a relay needs "
                      f"streams of '{r}' arriving and leaving")


def resources(c) -> None:
    """A resource's primary-energy factor cites a known source and belongs to a fuel or energy carrier."""
    for i, r in enumerate(c.net.resources):
        c.source(f"resources[{i}].primary_energy", r.primary_energy)
        if r.primary_energy is not None and r.carrier is None:
            c.add(f"resources[{i}].carrier", "a primary-energy factor belongs to a fuel or energy carrier; set "
                  "carrier: fuel or carrier: energy")


def totals(c) -> None:
    """Estimate groups add up to their stated totals and cite known sources (:mod:`symbiosis.model.totals`)."""
    for i, total in enumerate(c.net.totals):
        c.source(f"totals[{i}]", total)
    check_totals(c.net, c.add)


def investments(c) -> None:
    """Every number of an ``economics`` block cites a known source; a candidate stream's build cost is its
    ``investment`` and ``lifetime`` (``symbiosis design``), not an economics block, which is for running ones."""
    for kind, parts in (("streams", c.net.streams), ("processes", c.net.processes)):
        for i, x in enumerate(parts):
            if x.economics is None:
                continue
            for k, p in x.economics.sourced():
                c.source(f"{kind}[{i}].economics.{k}", p)
            if kind == "streams" and x.status == "candidate" and x.economics.invested:
                c.add(f"streams[{i}].economics.capital_cost", f"'{x.id}' is a candidate: give what building it "
                      "would cost as its 'investment' and 'lifetime' (symbiosis design decides whether to build "
                      "it); an economics block's capital_cost is for a running stream")


def undeclared(c) -> list[Mistake]:
    """One mistake per source key cited but not declared under ``sources`` (not one per number citing it),
    at its first use, with the fix."""
    out = []
    for key, paths in c.undeclared.items():
        also = f"; also cited by {len(paths) - 1} more ({listing(paths[1:], most=3)})" if len(paths) > 1 else ""
        example = ("estimate: {title: \"Estimates by the authors of this file; each number's method says how\"}"
                   if key == "@estimate" else f"{key[1:]}: {{title: ..., url: ..., year: ...}}")
        out.append(Mistake(paths[0], f"unknown source key '{key}': not declared under 'sources'{also}. Declare "
                           f"it once there ({example}); valid: {listing(c.net.sources, '@')}"))
    return out
