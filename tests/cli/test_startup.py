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


def test_solving_with_highs_does_not_import_scipy_optimize():
    # scipy.optimize takes 0.3-0.5 s to import; flows loads only its HiGHS extension. A later
    # `import scipy.optimize` must then use that same extension (one HiGHS in the process) and work.
    code = (
        "import sys\n"
        "from flows import Problem, solve\n"
        "p = Problem(n_nodes=1, tail=[-1, -1], head=[0, 0], rhs=[5], upper=[3, 9], costs={'cost': [1.0, 2.0]})\n"
        "print(solve(p).objective, 'scipy.optimize' in sys.modules)\n"
        "core = sys.modules['scipy.optimize._highspy._core']\n"
        "from scipy.optimize import linprog, milp\n"
        "import scipy.optimize._highspy._core as again\n"
        "print(again is core, linprog([1, 2], A_eq=[[1, 1]], b_eq=[5], bounds=[(0, 3), (0, 9)]).fun,\n"
        "      milp([-1], integrality=[1], bounds=(0, 2.5)).fun)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["7.0", "False", "True", "7.0", "-2.0"], out
