"""The registry of jurisdiction packs: what the names in a network's ``packs`` field stand for.

:mod:`symbiosis.packs` is the public face (with the built-in Danish pack); this module holds the
registry itself, below everything that reads a network's packs (the model's checks, the scores),
so none of them imports the packs, which import the scores and the social rules.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from importlib import metadata

__all__ = ["BUILTIN", "GROUP", "Pack", "installed", "load", "network_packs", "pack_problem", "register",
           "values_public_economy"]

#: The entry point group third-party packs register under.
GROUP = "symbiosis.packs"
#: Packs shipped with symbiosis: name -> "module:attribute".
BUILTIN = {"denmark": "symbiosis.packs.denmark:PACK"}

_REGISTERED: dict[str, Pack] = {}


@dataclass(frozen=True)
class Pack:
    """A jurisdiction pack: what one country's (or region's) rules add to the scores.

    Every part is optional; a pack supplies what it has.

    ``name``: how a network switches it on (``packs: [name]``). ``title`` and ``description``: what
    ``symbiosis packs`` prints. ``factor_table``: the name of its social factor table (shown as the
    ``table`` of its rows in ``symbiosis score --format json``). ``rules(network, factors)``: rule
    checks, a list of :class:`symbiosis.social.rules.RuleFinding` (or anything with ``rule``,
    ``status``, ``where``, ``subject`` and ``message``). ``frameworks(network, *, indicators,
    per_actor, findings, values, index)``: aims with a status, a DataFrame in the columns of
    :func:`symbiosis.social.frameworks.assess`. ``lenses``: name -> :class:`symbiosis.accounting.lenses.Lens`,
    shown instead of the generic triple-bottom-line lens. ``public_economy``: the pack's factor table
    values supported jobs for the public purse (the public-economy value, payers, SROI and the social
    index against its targets); without it those are not known.

    Parameters
    ----------
    name : str
        How a network switches it on.
    title : str
        Its title.
    description : str
        What it adds, in words.
    factor_table : str, optional
        The name of its social factor table.
    rules : callable, optional
        ``rules(network, factors)``: its rule checks.
    frameworks : callable, optional
        Its frameworks' aims (above).
    lenses : mapping
        Its lenses by name.
    public_economy : bool
        Whether it values supported jobs for the public purse.
    """

    name: str
    title: str
    description: str = ""
    factor_table: str | None = None
    rules: Callable | None = None
    frameworks: Callable | None = None
    lenses: Mapping = field(default_factory=dict)
    public_economy: bool = False

    def parts(self) -> list[str]:
        """What the pack brings, in words (for ``symbiosis packs``).

        Returns
        -------
        list of str
            Its parts, in words.
        """
        out = [f"factors ({self.factor_table})"] if self.factor_table else []
        out += ["rule checks"] * bool(self.rules) + ["frameworks"] * bool(self.frameworks)
        out += [f"lenses ({', '.join(self.lenses)})"] if self.lenses else []
        return out + ["public economy"] * self.public_economy


def register(pack: Pack) -> Pack:
    """Make ``pack`` known by its name in this process (for Python users and tests); returns it.

    Parameters
    ----------
    pack : Pack
        The pack.

    Returns
    -------
    Pack
        The same pack.

    Raises
    ------
    TypeError
        If ``pack`` is not a :class:`Pack`.
    """
    if not isinstance(pack, Pack):
        raise TypeError(f"register() takes a symbiosis.packs.Pack, not {type(pack).__name__}")
    _REGISTERED[pack.name] = pack
    return pack


def _entry_points() -> dict[str, str]:
    return {ep.name: ep.value for ep in metadata.entry_points(group=GROUP)}


def installed() -> dict[str, str]:
    """Every pack a network can name without a module path: name -> where it comes from.

    Returns
    -------
    dict of str to str
        Pack name to where it comes from.
    """
    out = {name: f"entry point {value}" for name, value in _entry_points().items()}
    out.update({name: "built in" for name in BUILTIN})
    out.update({name: "registered" for name in _REGISTERED})
    return dict(sorted(out.items()))


def _import(target: str, name: str) -> Pack:
    module, _, attr = target.partition(":")
    obj = importlib.import_module(module)
    pack = getattr(obj, attr or "PACK", None)
    if not isinstance(pack, Pack):
        raise LookupError(f"module '{module}' has no Pack named {attr or 'PACK'}")
    return pack


def load(name: str) -> Pack:
    """The pack called ``name`` (see the module doc for the order); LookupError, with what is installed,
    if there is none.

    Parameters
    ----------
    name : str
        A pack's name or a module path.

    Returns
    -------
    Pack
        The pack.

    Raises
    ------
    LookupError
        If there is no such pack, or it cannot be imported.
    """
    if name in _REGISTERED:
        return _REGISTERED[name]
    target = BUILTIN.get(name) or _entry_points().get(name)
    if target is None and any(c in name for c in ".:"):
        target = name
    if target is None:
        raise LookupError(f"unknown pack '{name}'; installed: {', '.join(installed()) or 'none'} "
                          "(or a module path, such as mypackage.mycountry, whose PACK is a symbiosis.packs.Pack)")
    try:
        return _import(target, name)
    except ImportError as exc:
        raise LookupError(f"pack '{name}' cannot be imported from {target}: {exc}; installed: "
                          f"{', '.join(installed())}") from None


def pack_problem(name: str) -> str | None:
    """Why a network cannot switch on ``name`` (None if it can): the message names the installed packs.

    Parameters
    ----------
    name : str
        A pack's name or a module path.

    Returns
    -------
    str or None
        What is wrong, None if nothing is.
    """
    try:
        load(name)
    except LookupError as exc:
        return str(exc)
    return None


def network_packs(network) -> tuple[Pack, ...]:
    """The packs ``network`` switches on (its ``packs`` field), loaded.

    Parameters
    ----------
    network : Network
        The network.

    Returns
    -------
    tuple of Pack
        Its packs, in the order it names them.
    """
    return tuple(load(name) for name in getattr(network, "packs", ()) or ())


def values_public_economy(network) -> bool:
    """Whether one of ``network``'s packs values supported jobs for the public purse.

    Parameters
    ----------
    network : Network
        The network.

    Returns
    -------
    bool
        Whether a pack values jobs for the public purse.
    """
    return any(p.public_economy for p in network_packs(network))

