"""Every public item of both packages has a numpydoc docstring: a summary,
each parameter, what it returns and what it raises (CONTRIBUTING.md).

numpydoc's own validator judges the sections; a field of a pydantic model
counts as documented where its ``Field(description=...)`` says what it is.
A function whose body raises names what it raises in a ``Raises`` section.
"""

from __future__ import annotations

import ast
import inspect
import textwrap

import pytest
from numpydoc.docscrape import NumpyDocString
from numpydoc.validate import validate

from tests.code.public_api import PACKAGES, public_items

CHECKS = {
    "GL08": "has no docstring",
    "PR01": "leaves parameters out of its Parameters section",
    "PR02": "documents parameters it does not have",
    "PR07": "has a parameter without a description",
    "RT01": "returns a value but has no Returns section",
    "RT03": "has a Returns entry without a description",
}


def _described_fields(obj) -> set[str]:
    fields = getattr(obj, "model_fields", None) or {}
    return {name for name, f in fields.items() if getattr(f, "description", None)}


def _raises_itself(obj) -> bool:
    if not inspect.isfunction(obj):
        return False
    try:
        tree = ast.parse(textwrap.dedent(inspect.getsource(obj)))
    except (OSError, TypeError, SyntaxError):
        return False
    body = tree.body[0]
    for node in ast.walk(body):
        if node is not body and isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda)):
            continue
        if isinstance(node, ast.Raise) and node.exc is not None:
            return True
    return False


def problems(name: str, obj) -> list[str]:
    found = []
    result = validate(name)
    described = _described_fields(obj) if inspect.isclass(obj) else set()
    for code, message in result["errors"]:
        if code not in CHECKS:
            continue
        if code == "PR01" and described:
            missing = {p.strip() for p in message.split("{", 1)[-1].split("}", 1)[0].replace("'", "").split(",")}
            if missing <= described:
                continue
        found.append(f"{name} {CHECKS[code]} ({code}: {message})")
    if _raises_itself(obj) and obj.__doc__ and not NumpyDocString(inspect.getdoc(obj))["Raises"]:
        found.append(f"{name} raises but has no Raises section")
    return found


@pytest.mark.parametrize("package", PACKAGES)
def test_public_api_has_numpydoc_sections(package):
    found = [p for name, obj in public_items(package).items() for p in problems(name, obj)]
    assert not found, f"{len(found)} docstring problems in {package}:\n" + "\n".join(found)
