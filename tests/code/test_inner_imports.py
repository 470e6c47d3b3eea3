"""First-party imports inside functions only where tests/code/inner_imports.toml says why.

A function-level import hides a dependency from a reader (not from ``lint-imports``, which sees it
and forbids cycles: the ``no-cycles`` contract in pyproject.toml). So every import of ``symbiosis``
or ``flows`` inside a function of either package needs an entry of the allowlist with its reason
(start-up time, where the module deferred is heavy); every entry must still allow something.
"""

from __future__ import annotations

import ast
import tomllib
from fnmatch import fnmatchcase

from tests.paths import ROOT

PACKAGES = ("symbiosis", "flows")
ALLOWLIST = ROOT / "tests" / "code" / "inner_imports.toml"


def _absolute(node: ast.ImportFrom | ast.Import, module: str, is_package: bool) -> list[str]:
    """The modules ``node`` imports, relative imports read against ``module``."""
    if isinstance(node, ast.Import):
        return [a.name for a in node.names]
    if not node.level:
        return [node.module or ""]
    base = module.split(".")[: len(module.split(".")) - (node.level - 1) - (0 if is_package else 1)]
    return [".".join(base + ([node.module] if node.module else []))]


def inner_imports(path: str, text: str) -> list[tuple[str, int, str]]:
    """(``path::function``, line, module) of every first-party import inside a function of ``text``."""
    module = path.removesuffix(".py").replace("/", ".").removesuffix(".__init__")
    is_package = path.endswith("__init__.py")
    found = []

    def walk(node: ast.AST, function: str | None) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                walk(child, child.name)
            elif isinstance(child, ast.Import | ast.ImportFrom) and function:
                found.extend((f"{path}::{function}", child.lineno, name)
                             for name in _absolute(child, module, is_package)
                             if name.split(".")[0] in PACKAGES)
            else:
                walk(child, function)

    walk(ast.parse(text), None)
    return found


def allowlist() -> list[dict]:
    return tomllib.loads(ALLOWLIST.read_text(encoding="utf-8"))["allow"]


def allowed_by(entry: dict, where: str, imported: str) -> bool:
    return fnmatchcase(where, entry["where"]) and any(fnmatchcase(imported, p) for p in entry["imports"])


def every_inner_import() -> list[tuple[str, int, str]]:
    return [hit for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))
            for hit in inner_imports(path.relative_to(ROOT).as_posix(), path.read_text(encoding="utf-8"))]


def test_every_first_party_import_inside_a_function_is_on_the_allowlist():
    entries = allowlist()
    loose = [f"{where} (line {line}) imports {imported}" for where, line, imported in every_inner_import()
             if not any(allowed_by(e, where, imported) for e in entries)]
    assert not loose, ("import these at the top of their module (an import inside a function hides no cycle: "
                       "lint-imports sees it), or add them to tests/code/inner_imports.toml with the reason:\n"
                       + "\n".join(loose))


def test_the_allowlist_is_short_has_reasons_and_no_stale_entry():
    entries = allowlist()
    hits = every_inner_import()
    assert len(entries) <= 10, "the allowlist is for a few start-up exceptions, not a register of every import"
    for e in entries:
        assert set(e) == {"where", "imports", "reason"} and len(e["reason"].split()) >= 8, e
        assert any(allowed_by(e, where, imported) for where, _, imported in hits), (
            f"the entry {e['where']} -> {e['imports']} allows no import any more: remove it")


def test_a_planted_import_is_caught():
    """The check is not a test that cannot fail: a cycle dodged inside a function is found, relative or not."""
    text = ("import flows\n\ndef f():\n    from symbiosis.evaluation import evaluate\n    return evaluate\n\n"
            "class C:\n    def g(self):\n        from . import lenses\n        import numpy\n")
    hits = inner_imports("symbiosis/accounting/report.py", text)
    assert hits == [("symbiosis/accounting/report.py::f", 4, "symbiosis.evaluation"),
                    ("symbiosis/accounting/report.py::g", 9, "symbiosis.accounting")]
    assert not any(allowed_by(e, where, imported) for e in allowlist() for where, _, imported in hits)
    cli = inner_imports("symbiosis/cli/score.py", "def run():\n    from symbiosis.scoring import tbl_report\n")
    assert all(any(allowed_by(e, w, i) for e in allowlist()) for w, _, i in cli)
