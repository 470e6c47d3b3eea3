"""The CLI starts fast: heavy modules are imported only by the commands that need them."""

import json
import subprocess
import sys

HEAVY = ("plotly", "dask", "distributed", "pandas", "scipy", "networkx", "openpyxl", "pint", "ortools", "pyomo",
         "highspy", "playwright")


#: What reading a network needs (pydantic and the model, 0.4 s): not for --help, a bad flag or a missing file
#: (whose message lists the bundled networks, read with PyYAML).
MODEL = ("pydantic",)
#: scipy.sparse.csgraph brings scipy.sparse.linalg and scipy.linalg (0.2 s); `stress` never calls them.
NOT_FOR_STRESS = ("scipy.sparse.csgraph", "scipy.linalg", "scipy.optimize", "plotly")

_STARTS = """
import json, sys
def loaded(names):
    return sorted({m.split('.')[0] for m in sys.modules} & set(names))
import symbiosis.cli
seen = {"import": loaded(HEAVY + MODEL + ("yaml",))}
for key, args in (("help", ["--help"]), ("missing", ["report", "nope.json", "-o", "x.html"]),
                  ("unknown", ["stress", "nope"])):
    try:
        symbiosis.cli.main(args)
    except SystemExit as exc:
        seen[key] = [exc.code, loaded(HEAVY + MODEL)]
try:
    symbiosis.cli.main(["sensitivity", "bad.json"])
except SystemExit as exc:
    seen["bad"] = [exc.code, loaded(HEAVY)]
try:
    symbiosis.cli.main(["stress", "kalundborg", "--format", "csv"])
except SystemExit as exc:
    seen["stress"] = [exc.code, [m for m in NOT_FOR_STRESS if m in sys.modules], "pandas" in sys.modules]
print("SEEN", json.dumps(seen))
"""


def test_cli_starts_light_and_answers_a_mistake_before_the_heavy_imports(tmp_path):
    """One interpreter: `import symbiosis.cli`, `--help`, a missing file and an unknown name load no heavy
    module and not even the model; a mistake in a file is found without pandas and the engine; `stress`
    (which solves) does without SciPy's linear algebra."""
    (tmp_path / "bad.json").write_text('{"name": "x", "actors": [{"id": 3}]}')
    code = f"HEAVY, MODEL, NOT_FOR_STRESS = {HEAVY!r}, {MODEL!r}, {NOT_FOR_STRESS!r}\n" + _STARTS
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path)
    seen = json.loads(run.stdout.split("SEEN ")[-1])
    assert seen["import"] == [], f"importing symbiosis.cli loaded {seen['import']}; import them inside the command"
    assert seen["help"] == [0, []]
    assert seen["missing"] == [2, []], "a missing file is answered before the heavy imports"
    assert seen["unknown"] == [2, []], "an unknown network name is answered before the heavy imports"
    assert "error: nope.json: no such file" in run.stderr
    assert "error: NETWORK: 'nope' is neither a file nor a bundled network" in run.stderr
    assert not (tmp_path / "x.html").exists()
    assert seen["bad"] == [2, []], "a mistake in a network file is answered before pandas and the engine load"
    assert "bad.json: actors[0].location: missing" in run.stderr
    assert seen["stress"] == [0, [], True], f"stress loaded {seen['stress'][1]}"


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
