"""Helpers: the hand-made social network (examples/social-economy.yaml) as a dict, and variants of it."""

from __future__ import annotations

import copy
from functools import lru_cache

import yaml

from symbiosis.io import network_from_dict
from tests.paths import EXAMPLES

FIXTURE = EXAMPLES / "social-economy.yaml"


@lru_cache(maxsize=1)
def _data() -> dict:
    return yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def social_dict() -> dict:
    """A fresh deep copy of tests/fixtures/social.yaml as a dict."""
    return copy.deepcopy(_data())


def social_network(edit=None):
    """The fixture network, after ``edit(data)`` changed the dict in place."""
    data = social_dict()
    if edit is not None:
        edit(data)
    return network_from_dict(data, "social.yaml")
