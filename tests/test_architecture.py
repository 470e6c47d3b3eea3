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
    """The contract is not a test that cannot fail: a planted import of flows in a scoring module breaks it."""
    import shutil

    shutil.copytree(ROOT / "symbiosis", tmp_path / "symbiosis")
    shutil.copytree(ROOT / "flows", tmp_path / "flows")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    planted = tmp_path / "symbiosis" / "accounting" / "savings.py"
    planted.write_text("import flows  # planted\n" + planted.read_text(encoding="utf-8"), encoding="utf-8")
    r = lint_imports(tmp_path)
    out = r.stdout + r.stderr
    assert r.returncode != 0 and "symbiosis.accounting.savings -> flows" in out, out


def test_modules_are_small_or_say_why():
    long = []
    for package in ("symbiosis", "flows"):
        for path in sorted((ROOT / package).rglob("*.py")):
            text = path.read_text(encoding="utf-8")
            if text.count("\n") > LONGEST and "Why so long:" not in text[:3000]:
                long.append(f"{path.relative_to(ROOT)} ({text.count(chr(10))} lines)")
    assert not long, f"split these modules or say why at their top: {long}"
