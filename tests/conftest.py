"""Shared helpers: the hand-solved fixture as a plain dict, and error probing."""

from __future__ import annotations

import copy

import pytest
import yaml
from hypothesis import settings

from symbiosis.errors import Mistake, SymbiosisError
from symbiosis.io import network_from_dict
from tests.paths import FIXTURES

# `--hypothesis-profile long`: the property tests of the solve paths on many more examples (they ask for few
# by default, and take the profile's number where it is larger; see tests/flows/agreement.py)
settings.register_profile("long", max_examples=1_000, deadline=None, derandomize=False)  # random, unlike the default

TINY = FIXTURES / "tiny.yaml"
_TINY_DATA = yaml.safe_load(TINY.read_text(encoding="utf-8"))


def tiny_dict() -> dict:
    """A fresh, mutable copy of tests/fixtures/tiny.yaml as a dict."""
    return copy.deepcopy(_TINY_DATA)


@pytest.fixture
def tiny_data() -> dict:
    return tiny_dict()


def problems_of(data: dict, label: str = "x.yaml") -> list[Mistake]:
    """The problems ``network_from_dict`` reports for ``data`` (it must fail)."""
    with pytest.raises(SymbiosisError) as info:
        network_from_dict(data, label)
    err = info.value
    assert err.file == label, "the error must name the file it came from"
    assert label in str(err)
    return err.problems


def error_text(data: dict) -> str:
    """Every problem ``network_from_dict`` reports for ``data`` (it must fail), one line each."""
    return "\n".join(p.render() for p in problems_of(data))


def problem_at(data: dict, path: str, *fragments: str) -> Mistake:
    """The one problem reported at ``path`` whose message holds every fragment."""
    problems = problems_of(data)
    at = [p for p in problems if p.path == path]
    assert at, f"no problem at {path!r}; got {[(p.path, p.message) for p in problems]}"
    for p in at:
        if all(f in p.message for f in fragments):
            return p
    raise AssertionError(f"no problem at {path!r} mentions {fragments}; got {[p.message for p in at]}")
