"""The social domain returns values, not sentences (issue 27's left-over, issue 28 item 3): every message id it
says has its words in one place (symbiosis/present/social_wording.py), every worded id is said somewhere, and no
English or Danish sentence is left in the social logic."""

from __future__ import annotations

import ast
import re

import pytest

from symbiosis.present.social_wording import WORDING, words
from symbiosis.social.said import codes, said
from tests.paths import ROOT

SOCIAL = sorted((ROOT / "symbiosis" / "social").glob("*.py"))
#: Names the domain gives as values (the SROI's perspective, a JSON value), translated where they are shown.
NAMES = {"clients and public"}
#: Ids the wording handles itself: a list joined by a separator, a list joined with "and".
BUILT_IN = {"join", "and"}


def _said_ids() -> tuple[set[str], set[str]]:
    """The ids passed to ``said(...)`` in the social package: literal ids, and the fixed prefixes of ids built
    with an f-string (``f"market_price.above_{kind}"`` -> ``market_price.above_``)."""
    literal, prefixes = set(), set()
    for path in SOCIAL:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "said" and node.args:
                first = node.args[0]
                for arg in (first.body, first.orelse) if isinstance(first, ast.IfExp) else (first,):
                    if isinstance(arg, ast.Constant):
                        literal.add(arg.value)
                    elif isinstance(arg, ast.JoinedStr) and isinstance(arg.values[0], ast.Constant):
                        prefixes.add(arg.values[0].value)
    return literal, prefixes


def test_every_id_the_domain_says_is_worded_and_every_worded_id_is_said():
    literal, prefixes = _said_ids()
    assert len(literal) > 100 and prefixes
    assert sorted(literal - set(WORDING) - BUILT_IN) == []
    assert all(any(k.startswith(p) for k in WORDING) for p in prefixes), prefixes
    unused = [k for k in WORDING if k not in literal and not any(k.startswith(p) for p in prefixes)]
    assert unused == []


def _sentences(path) -> list[str]:
    """The string constants of a module outside docstrings, ``raise`` statements and their messages (a
    programming error's message is for the developer, in English)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and ast.get_docstring(node) is not None:
            skip.add(id(node.body[0].value))
        if isinstance(node, ast.Raise) or (isinstance(node, ast.Call) and getattr(node.func, "id", "") in
                                            ("bad_parameter", "Mistake", "SymbiosisError")):
            skip |= {id(n) for n in ast.walk(node)}
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") in ("SEED_KALUNDBORG", "SEED_KOLDING", "_SUPPORT",
                                                                          "BEK") for t in node.targets):
            skip |= {id(n) for n in ast.walk(node)}   # sources cited by name: data
    return [n.value for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, str)
            and id(n) not in skip]


@pytest.mark.parametrize("module", ["rules", "market", "public", "sroi", "frameworks", "coverage"],
                         ids=lambda m: f"social/{m}.py")
def test_the_findings_logic_writes_no_sentence(module):
    # a sentence: three words or more (ids, field paths, statuses and units are not)
    path = ROOT / "symbiosis" / "social" / f"{module}.py"
    sentences = [s for s in _sentences(path) if sum(bool(re.search(r"[A-Za-zæøåÆØÅ]{2}", w)) for w in s.split()) >= 3]
    sentences = [s for s in sentences if s not in NAMES]
    assert sentences == []


@pytest.mark.parametrize("lang, text", [
    ("en", "net good not known on the environment and social line"),
    ("da", "netto gavn ukendt på den miljømæssige og den sociale bundlinje"),
])
def test_a_list_is_joined_as_the_language_joins_it(lang, text):
    s = said("d3.unknown", lines=said("and", items=[said("d3.environment"), said("d3.social")]))
    assert list(codes(s)) == ["d3.unknown", "and", "d3.environment", "d3.social"]
    assert words(s, lang) == text


def test_a_number_not_known_is_a_dash_and_never_minus_zero():
    assert words(said("d3.social_value", value=None), "da") == "socialt - kr./år"
    assert words(said("money_yr", value=-0.0), "da") == "0 kr./år"
