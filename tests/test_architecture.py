"""The shape of the house: the import contract, the one border, small modules.

The contract is in pyproject.toml ([tool.importlinter]); `lint-imports` runs it
by hand and in pre-commit, these tests in every test run.
"""

from __future__ import annotations

import pkgutil
import subprocess
import sys
import tomllib

import symbiosis
from tests.paths import ROOT

CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]
LONGEST = 400  # lines; a longer module says why at its top ("Why so long: ...")


def lint_imports(where) -> subprocess.CompletedProcess:
    """``lint-imports`` on the tree at ``where``, whatever Python runs the tests."""
    code = ("import sys; sys.path.insert(0, '.'); from importlinter.cli import lint_imports_command; "
            "lint_imports_command(['--no-cache'])")
    return subprocess.run([sys.executable, "-c", code], cwd=where, capture_output=True, text=True, timeout=120)


def test_the_import_contract_holds():
    r = lint_imports(ROOT)
    out = r.stdout + r.stderr
    assert r.returncode == 0, out
    assert "BROKEN" not in out and out.count("KEPT") == len(CONFIG["contracts"]), out


def test_every_room_but_the_border_is_bound_by_the_one_border_contract():
    contract = next(c for c in CONFIG["contracts"] if c["id"] == "one-border")
    rooms = {f"symbiosis.{m.name}" for m in pkgutil.iter_modules(symbiosis.__path__)}
    assert rooms - set(contract["source_modules"]) == {"symbiosis.engine"}, (
        "a new module of symbiosis must join the 'one-border' contract's source_modules in pyproject.toml")


def test_a_forbidden_import_is_caught(tmp_path):
    """The contract is not a test that cannot fail: a planted import of flows in a scoring module breaks it,
    and so does a cycle dodged inside a function (the results reading the scoring core back)."""
    import shutil

    shutil.copytree(ROOT / "symbiosis", tmp_path / "symbiosis")
    shutil.copytree(ROOT / "flows", tmp_path / "flows")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    planted = tmp_path / "symbiosis" / "accounting" / "savings.py"
    planted.write_text("import flows  # planted\n" + planted.read_text(encoding="utf-8"), encoding="utf-8")
    dodged = tmp_path / "symbiosis" / "results.py"
    inner = "\n\ndef planted():\n    from symbiosis.accounting.savings import savings\n\n    return savings\n"
    dodged.write_text(dodged.read_text(encoding="utf-8") + inner, encoding="utf-8")
    r = lint_imports(tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "symbiosis.accounting.savings -> flows" in out, out
    assert "No cycles are allowed in symbiosis." in out and ".results" in out, out


def test_modules_are_small_or_say_why():
    long = []
    for package in ("symbiosis", "flows"):
        for path in sorted((ROOT / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if text.count("\n") > LONGEST and "Why so long:" not in text[:3000]:
                long.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert not long, f"split these modules or say why at their top: {long}"


# -- labelled results at the border ------------------------------------------------------------------------------
def problem_touches(source: str) -> list[int]:
    """Lines of ``source`` that read a ``.problem`` attribute (a compiled answer's or a service problem's arrays)."""
    import ast

    return sorted({node.lineno for node in ast.walk(ast.parse(source))
                   if isinstance(node, ast.Attribute) and node.attr == "problem"})


def test_nothing_outside_the_engine_indexes_problem_arrays():
    """The border hands out labelled tables and named levers; a `.problem` outside symbiosis/engine is a leak."""
    leaks = []
    for path in sorted((ROOT / "symbiosis").rglob("*.py")):
        if path.is_relative_to(ROOT / "symbiosis" / "engine"):
            continue
        leaks += [f"{path.relative_to(ROOT)}:{line}" for line in problem_touches(path.read_text(encoding="utf-8"))]
    assert not leaks, f"these read a compiled problem's arrays; go through symbiosis.engine's levers: {leaks}"


def test_a_problem_leak_is_caught():
    planted = "def f(ym):\n    n = ym.answer.problem.n_vars\n    return n\n"
    assert problem_touches(planted) == [2]
    assert problem_touches("def f(c):\n    return len(c.variables)\n") == []


# -- presentation and figures are handed plain results -------------------------------------------------------------
#: Where a live model lives: the engine, the solver package and a run's compiled plan.
_LIVE = ("flows", "symbiosis.engine", "symbiosis.simulate.plan")


def live_paths(obj, path: str = "", seen: set | None = None) -> list[str]:
    """The attribute paths from ``obj`` that reach an object of the engine, of flows or of a compiled plan,
    or a cached property (a value computed on first read, which could solve)."""
    import dataclasses
    import functools

    import numpy as np
    import pandas as pd
    import pydantic

    seen = set() if seen is None else seen
    if id(obj) in seen or isinstance(obj, str | bytes | int | float | bool | type(None) | np.generic | np.ndarray):
        return []
    seen.add(id(obj))
    if type(obj).__module__.split(".")[0] == "flows" or type(obj).__module__.startswith(_LIVE[1:]):
        return [f"{path} ({type(obj).__module__}.{type(obj).__name__})"]
    out = []
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        out += [f"{path}.{name} (cached property)" for name, v in vars(type(obj)).items()
                if isinstance(v, functools.cached_property)]
        for f in dataclasses.fields(obj):
            out += live_paths(getattr(obj, f.name), f"{path}.{f.name}", seen)
    elif isinstance(obj, pydantic.BaseModel):
        for name in type(obj).model_fields:
            out += live_paths(getattr(obj, name), f"{path}.{name}", seen)
    elif isinstance(obj, pd.DataFrame):
        for col in [c for c, t in obj.dtypes.items() if t.kind == "O"]:
            for i, v in enumerate(obj[col]):
                out += live_paths(v, f"{path}[{col!r}][{i}]", seen)
    elif isinstance(obj, dict):
        for k, v in obj.items():
            out += live_paths(v, f"{path}[{k!r}]", seen)
    elif isinstance(obj, list | tuple | set | frozenset):
        for i, v in enumerate(obj):
            out += live_paths(v, f"{path}[{i}]", seen)
    elif hasattr(obj, "__dict__"):
        for name, v in vars(obj).items():
            out += live_paths(v, f"{path}.{name}", seen)
    return out


def _handed():
    """What present/ and viz/ are handed, built the way the commands build it: an evaluation and a run."""
    from symbiosis.evaluation import evaluate
    from symbiosis.io import load_network
    from symbiosis.scenario import load_scenario
    from symbiosis.simulate import run_scenario
    from tests.paths import FIXTURES

    return {"Evaluation": evaluate(load_network("kalundborg-2000")),
            "Run": run_scenario(load_scenario(FIXTURES / "tiny-scenario.yaml"), samples=2)}


def test_what_presentation_is_handed_cannot_reach_the_engine():
    """An evaluation and a run are plain data: no attribute, however deep, leads to a compiled problem, a
    solution, a solver or a compiled plan, and nothing on them is computed on first read."""
    for name, obj in _handed().items():
        assert not live_paths(obj, name), f"{name} reaches the engine: {live_paths(obj, name)}"


def test_a_live_attribute_is_caught():
    """The walk is not a test that cannot fail: an evaluation holding a compiled answer is caught."""
    import dataclasses

    from symbiosis.engine import compile_network

    ev = _handed()["Evaluation"]
    planted = dataclasses.replace(ev, weights={"cost": 1.0, "hidden": compile_network(ev.network)})
    assert live_paths(planted, "ev") == ["ev.weights['hidden'] (symbiosis.engine.compiled.Compiled)"]


#: The names of the parameters that carry results into present/ and viz/, and the plain type each must have.
_HANDED = {"ev": ("Evaluation",), "evaluation": ("Evaluation",), "run": ("Run", "RunInfo | None")}
_ENGINE_NAMES = ("Compiled", "Problem", "Solution", "Model", "Answers", "Plan", "YearModel", "SampleSolver",
                 "WarmSolver", "Lever")


def test_presentation_signatures_take_plain_results():
    """Every function of present/ and viz/ that takes an evaluation or a run says so by type (the plain types
    walked above); none names an engine type."""
    import importlib
    import inspect
    import re

    import symbiosis.present
    import symbiosis.viz

    wrong = []
    for package in (symbiosis.present, symbiosis.viz):
        for info in pkgutil.iter_modules(package.__path__):
            module = importlib.import_module(f"{package.__name__}.{info.name}")
            for fname, fn in vars(module).items():
                if not inspect.isfunction(fn) or fn.__module__ != module.__name__:
                    continue
                for p in inspect.signature(fn).parameters.values():
                    note = p.annotation if isinstance(p.annotation, str) else getattr(p.annotation, "__name__", "")
                    where = f"{module.__name__}.{fname}({p.name})"
                    if re.search(rf"\b({'|'.join(_ENGINE_NAMES)})\b", str(note)):
                        wrong.append(f"{where}: {note}")
                    if p.name in _HANDED and note not in _HANDED[p.name]:
                        wrong.append(f"{where} is not annotated {' or '.join(_HANDED[p.name])} (got {note})")
    assert not wrong, wrong
