"""Every `symbiosis ...` command of README.md runs: the command table's rows, the commands in its prose
and its code blocks. Each runs in-process in one temporary folder (with the repository's examples/), in
the README's order, and must exit 0 without a traceback; every file it writes must open; piped output
must fit COLUMNS=100 (see TOO_WIDE for the commands that do not yet).

A command with a placeholder (FILE.yaml, RUN_ID, [NETWORK]...) runs as the concrete lines in CONCRETE;
a README command without an entry there, and a table row's ``/`` alternatives without one in ALSO,
fail the coverage test, so a new row cannot go untested.
"""

from __future__ import annotations

import re
import shutil
import warnings

import pytest

from tests.docs.commands import STORE, check_written, run_command, snapshot, too_wide, written
from tests.paths import ROOT

pytestmark = pytest.mark.slow

README = (ROOT / "README.md").read_text(encoding="utf-8")
GYPROC = "examples/gyproc-fgd-gypsum-2021.yaml"

#: README commands with placeholders -> what the test runs for them (small sample counts where they sample)
CONCRETE = {
    "symbiosis simulate FILE.yaml": ["simulate examples/social-economy.yaml"],
    "symbiosis validate FILE.yaml": ["validate examples/social-economy.yaml"],
    "symbiosis validate FILE.xlsx": ["export kalundborg --to xlsx -o park.xlsx", "validate park.xlsx",
                                     "export kalundborg --to csv -o park-tables", "validate park-tables/"],
    "symbiosis new NAME": ["new my-park", "new my-park --format xlsx"],
    "symbiosis factors [NETWORK] [--social]": ["factors", "factors kalundborg-2000 --social"],
    "symbiosis simulate SCENARIO.yaml": [f"simulate {GYPROC}"],
    "symbiosis simulate SCENARIO.yaml --samples 1000 --seed 1": [f"simulate {GYPROC} --samples 40 --seed 1"],
    # the process pool runs in the code block's command below; here the local Dask cluster
    "symbiosis simulate SCENARIO.yaml --executor processes": [f"simulate {GYPROC} --samples 8 --executor dask "
                                                              "--workers 1"],
    # the code block's 2,000 samples take a minute on two cores; the same command with 16
    f"symbiosis simulate {GYPROC} --samples 2000 --seed 1 --executor processes": [
        f"simulate {GYPROC} --samples 16 --seed 1 --executor processes --workers 2"],
    # a finished run has nothing to resume: refused, naming it (resuming a killed run: tests/symbiosis/simulate)
    "symbiosis simulate --resume RUN_ID": [("simulate --resume 1", 2, "run 1 is already finished")],
    "symbiosis stress [NETWORK]": ["stress", "stress kalundborg-2000 --by stream"],
    "symbiosis stress SCENARIO --year 2030": ["stress examples/novo-nordisk-expansion.yaml --year 2030"],
    "symbiosis report RUN_ID --store PATH": [f"report 2 --store {STORE} -o run.html --no-sensitivity"],
    "symbiosis design FILE.yaml": ["design examples/novo-nordisk-expansion.yaml"],
}

#: a table row's further alternatives (`a` / `b`), as whole commands
ALSO = {
    "symbiosis simulate --format json": ["simulate --format csv"],
    "symbiosis validate FILE.xlsx": [],  # `FOLDER/`: in CONCRETE
    "symbiosis simulate SCENARIO.yaml --executor processes": [],  # `dask [--scheduler ...]`: in CONCRETE
    "symbiosis runs list": ["runs show 1", "runs compare 1 2", "runs export 1 -o run.parquet"],
}

#: commands whose piped output has lines over 100 characters today (longest in brackets); the width work
#: in symbiosis/present (issue 23, "Width") takes them off this list. Machine output (--format json/csv,
#: the JSON schema) is not held to a width.
TOO_WIDE = {
    "simulate", "simulate examples/social-economy.yaml", "simulate --objective co2e",  # 281
    "simulate --convention biogenic-stack", "score", "score --factor discount_rate=0.04",  # 847
    "show kalundborg --sources",  # 1286
    "simulate -o results/", "simulate -o report.html", "simulate examples/water-reuse.yaml",  # 279
    "simulate --objective tbl --weights cost=1,co2e=750,social=200000",  # 847
    "simulate examples/social-economy.yaml --objective tbl",
    "score examples/framework-agreement-rollout.yaml --year 2027", "score examples/social-economy.yaml",  # 506
    "factors", "factors kalundborg-2000 --social",  # 564
    f"simulate {GYPROC}", f"simulate {GYPROC} --samples 40 --seed 1",  # 145
    f"simulate {GYPROC} --samples 8 --executor dask --workers 1",
    f"simulate {GYPROC} --samples 16 --seed 1 --executor processes --workers 2",
    "runs list", "runs show 1",  # 228
    "stress", "stress kalundborg", "stress kalundborg-2000 --by stream",  # 288
    "stress examples/novo-nordisk-expansion.yaml --year 2030",
    "metrics", "metrics kalundborg", "metrics kalundborg --by year",  # 313
    "metrics examples/transition-2000-today.yaml --by year",
    "design examples/novo-nordisk-expansion.yaml",  # 154
    "pareto examples/novo-nordisk-expansion.yaml --x cost --y co2e --points 11 -o front.csv",  # 133
    "prices", "sensitivity",  # 512
}


def machine_output(line: str) -> bool:
    """JSON and CSV on stdout are for programs; no width applies."""
    return bool(re.search(r"--format (json|csv)", line)) or line.removeprefix("symbiosis ").startswith("schema")


def readme_commands() -> list[str]:
    """Every distinct `symbiosis ...` of README.md, in order: inline code and lines of code blocks."""
    found = re.findall(r"(?<!`)`(symbiosis [^`]+)`", README)
    for body in re.findall(r"^```[a-z]*\n(.*?)^```", README, re.M | re.S):
        found += [line.strip() for line in body.splitlines() if line.strip().startswith("symbiosis ")]
    return list(dict.fromkeys(found))


def table_alternatives() -> list[str]:
    """Table rows whose first cell offers alternatives: `symbiosis x` / `y`."""
    rows = [line for line in README.splitlines() if line.startswith("| `symbiosis ")]
    return [re.match(r"\| `([^`]+)`", row).group(1) for row in rows if "` / `" in row.split(" | ")[0]]


def concrete(command: str) -> list[str]:
    return CONCRETE.get(command, [command]) + ALSO.get(command, [])


def has_placeholder(command: str) -> bool:
    """Whether ``command`` names something to fill in (FILE.yaml, RUN_ID, [NETWORK], a | b)."""
    return bool(re.search(r"\b[A-Z][A-Z_]+\b|\[|\||\.\.\.", command))


def test_every_readme_command_is_run():
    commands = readme_commands()
    assert len(commands) > 30 and "symbiosis stress kalundborg" in commands
    missing = [c for c in commands if has_placeholder(c) and c not in CONCRETE]
    assert not missing, f"README commands with placeholders the test cannot run; add them to CONCRETE: {missing}"
    alternatives = [c for c in table_alternatives() if c not in ALSO]
    assert not alternatives, f"table rows with `/` alternatives not in ALSO: {alternatives}"
    stale = [c for c in {**CONCRETE, **ALSO} if c not in commands]
    assert not stale, f"CONCRETE/ALSO name commands the README no longer has: {stale}"


def test_the_setup_commands_are_what_ci_runs():
    """The two set-up commands (install + simulate, test set-up + pytest) run in .ci/run, as written."""
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    for block in ("pip install . && symbiosis simulate", "bash scripts/test-setup.sh && python -m pytest"):
        assert f"```\n{block}\n```" in README
        assert block in ci


def test_every_readme_command_runs(tmp_path, monkeypatch):
    (tmp_path / "examples").symlink_to(ROOT / "examples", target_is_directory=True)
    monkeypatch.chdir(tmp_path)
    wide, fits = {}, []
    for command in readme_commands():
        before = snapshot(tmp_path)
        for line in concrete(command):
            line, expected, says = line if isinstance(line, tuple) else (line, 0, "")
            result = run_command(line, expected)
            assert says in result.output, f"`{line}` does not say {says!r}:\n{result.output}"
            lines = [] if machine_output(line) else too_wide(result)
            if lines:
                wide[line.removeprefix("symbiosis ")] = max(len(x) for x in lines)
            elif line.removeprefix("symbiosis ") in TOO_WIDE:
                fits.append(line.removeprefix("symbiosis "))
        for path in written(before, tmp_path):
            check_written(path)
        for path in tmp_path.iterdir():  # the next command starts clean, the run store kept
            if path.name != "examples" and not path.name.startswith(STORE):
                shutil.rmtree(path) if path.is_dir() and not path.is_symlink() else path.unlink()
    unexpected = {c: n for c, n in wide.items() if c not in TOO_WIDE}
    assert not unexpected, f"piped lines over 100 characters (COLUMNS=100): {unexpected}"
    if fits:  # not a failure: the width work has landed for these; take them off TOO_WIDE
        warnings.warn(f"these commands fit 100 characters now; remove them from TOO_WIDE: {fits}", stacklevel=1)
