"""What the social domain says, as values: a message id and its parameters, never a sentence.

A rule finding, a note on a valued job, an aim's measure or its reason is a :class:`Said`: a ``code``
(``market_price.above_public``) and the values it is about (numbers, years, ids, names, field paths,
other :class:`Said`). The words, in English and Danish, are in one place,
:mod:`symbiosis.present.social_wording`, through the message catalogue; a test keeps every code the
domain uses worded there.

>>> s = said("fleksjob.zero_wage", link="clean-boards")
>>> s.code, s["link"], dict(s.params)
('fleksjob.zero_wage', 'clean-boards', {'link': 'clean-boards'})
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

__all__ = ["Said", "codes", "said"]


@dataclass(frozen=True)
class Said:
    """One thing the domain says: a message id and its parameters (hashable, so notes can be grouped).

    Parameters
    ----------
    code : str
        The message id, ``area.case`` (worded in :data:`symbiosis.present.social_wording.WORDING`).
    params : tuple of (str, object)
        The values the message is about, by name: numbers, strings (data: ids, names, field paths),
        :class:`Said` (a part said apart, such as a buyer's kind) or tuples of these (a list).
    """

    code: str
    params: tuple[tuple[str, Any], ...] = ()

    def __getitem__(self, name: str) -> Any:
        """The parameter ``name``."""
        return dict(self.params)[name]

    def get(self, name: str, default: Any = None) -> Any:
        """The parameter ``name``, or ``default`` where the message has none of that name."""
        return dict(self.params).get(name, default)


def said(code: str, **params: Any) -> Said:
    """A :class:`Said` of ``code`` with ``params`` (lists become tuples, so the value stays hashable).

    Parameters
    ----------
    code : str
        The message id.
    **params
        The values the message is about.

    Returns
    -------
    Said
        The message as a value.
    """
    return Said(code, tuple((k, tuple(v) if isinstance(v, list) else v) for k, v in params.items()))


def codes(thing: Any) -> Iterator[str]:
    """Every message id in ``thing`` (a :class:`Said`, or a list or tuple of them), nested ones included.

    Parameters
    ----------
    thing : object
        A :class:`Said`, a tuple or list of them, or anything else (which holds none).

    Yields
    ------
    str
        Each code, outer first.
    """
    if isinstance(thing, Said):
        yield thing.code
        for _, v in thing.params:
            yield from codes(v)
    elif isinstance(thing, (tuple, list)):
        for v in thing:
            yield from codes(v)
