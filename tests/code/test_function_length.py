"""No function over 80 lines in the engine (``flows/``, ``symbiosis/engine/``)
without its reason: a long function there says why in its docstring, in a
line starting "Why long:" (a single pass a solver makes, a table read in one
place...). Split anything else into named stages.
"""

from __future__ import annotations

import ast

from tests.paths import ROOT

LONGEST = 80  # lines of code: from the def (its decorators) to its end, less its docstring
ROOMS = [ROOT / "flows", ROOT / "symbiosis" / "engine"]


def long_functions() -> list[tuple[str, str, int, str]]:
    """(file, function, lines, docstring) of every function over LONGEST lines in ROOMS."""
    found = []
    for room in ROOMS:
        for path in sorted(room.rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                    start = min([node.lineno] + [d.lineno for d in node.decorator_list])
                    lines = node.end_lineno - start + 1
                    first = node.body[0]
                    if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) \
                            and isinstance(first.value.value, str):
                        lines -= first.end_lineno - first.lineno + 1  # documentation is not length
                    if lines > LONGEST:
                        found.append((str(path.relative_to(ROOT)), node.name, lines, ast.get_docstring(node) or ""))
    return found


def test_every_long_engine_function_says_why():
    unexplained = [f"{where}: {name} ({lines} lines)" for where, name, lines, doc in long_functions()
                   if "Why long:" not in doc]
    assert not unexplained, ("split these into named stages, or say in the docstring why not "
                             "('Why long: ...'):\n" + "\n".join(unexplained))


def test_the_length_check_sees_a_long_function(tmp_path, monkeypatch):
    body = "\n".join(f"    x{i} = {i}" for i in range(LONGEST))
    (tmp_path / "long.py").write_text(f"def long():\n    '''Short.'''\n{body}\n", encoding="utf-8")
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOMS"]), "ROOMS", [tmp_path])
    monkeypatch.setattr(__import__(__name__, fromlist=["ROOT"]), "ROOT", tmp_path)
    assert [name for _, name, _, _ in long_functions()] == ["long"]
