"""The CLI starts fast: heavy modules are imported only by the commands that need them."""

import subprocess
import sys

HEAVY = ("plotly", "dask", "distributed", "pandas", "scipy", "networkx", "openpyxl", "pint", "ortools", "pyomo",
         "highspy", "playwright")


def test_cli_import_pulls_in_no_heavy_module():
    code = ("import sys, symbiosis.cli; "
            f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"importing symbiosis.cli loaded {out.strip()}; import them inside the command"
