"""The README's Python blocks hold after the README's own `pip install .`: without OR-Tools (the network extra)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.paths import ROOT

pytestmark = pytest.mark.slow  # a fresh interpreter

BLOCK_WITHOUT_ORTOOLS = r"""
import doctest, importlib.abc, sys

class NoOrTools(importlib.abc.MetaPathFinder):  # as after `pip install .`: the network extra is not there
    def find_spec(self, name, path, target=None):
        if name == "ortools" or name.startswith("ortools."):
            raise ImportError("No module named 'ortools'")
        return None

sys.meta_path.insert(0, NoOrTools())
text = open(sys.argv[1], encoding="utf-8").read()
section = text[text.index("### The engine at scale"):]
block = section[section.index("```python") + 9: section.index("```", section.index("```python") + 9)]
test = doctest.DocTestParser().get_doctest(block, {}, "README engine block", None, 0)
runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
runner.run(test)
assert "ortools" not in sys.modules or sys.modules["ortools"] is None
sys.exit(1 if runner.failures or not runner.tries else 0)
"""


def test_the_engine_block_runs_without_ortools():
    run = subprocess.run([sys.executable, "-c", BLOCK_WITHOUT_ORTOOLS, str(ROOT / "README.md")],
                         capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert run.returncode == 0, run.stdout + run.stderr
