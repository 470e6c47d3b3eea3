"""The adversarial suite's one check: a bad input exits 2, names its place, shows no traceback, writes nothing.

Every case runs the command line in process (click's runner) in a fresh
folder of its own, after its ``setup`` has put the inputs there; the folder's
every file (bytes and permissions) and folder are compared before and after:
nothing may be written, changed or left behind, not even a temporary file or
a run store.
"""

from __future__ import annotations

import copy
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import EXAMPLES, FIXTURES

TINY_TEXT = (FIXTURES / "tiny.yaml").read_text(encoding="utf-8")
TINY = yaml.safe_load(TINY_TEXT)
SCENARIO = yaml.safe_load((FIXTURES / "tiny-scenario.yaml").read_text(encoding="utf-8"))


@dataclass(frozen=True)
class Case:
    """One bad input: the command line (``{d}`` is the case's folder), what the message must name, the inputs."""

    args: tuple[str, ...]
    names: tuple[str, ...]  # fragments the message must hold: the field path, the flag, the file
    setup: Callable[[Path], None] | None = None
    quiet: bool = False  # refused before any work: nothing but the message is printed
    env: dict[str, str] = field(default_factory=dict)


def snapshot(folder: Path) -> dict[str, object]:
    """Every file (bytes and mode) and folder under ``folder``."""
    seen: dict[str, object] = {}
    for root, dirs, files in os.walk(folder):
        for d in dirs:
            seen[os.path.relpath(os.path.join(root, d), folder) + "/"] = "folder"
        for f in files:
            path = Path(root) / f
            seen[os.path.relpath(path, folder)] = (path.read_bytes(), path.stat().st_mode)
    return seen


def check(case: Case, tmp_path: Path, monkeypatch) -> str:
    """Run ``case``; assert exit 2, the names in one message, no traceback, nothing written. The output."""
    folder = tmp_path / "case"
    folder.mkdir()
    if case.setup is not None:
        case.setup(folder)
    monkeypatch.chdir(folder)  # default outputs (report.html, the run store) would land here
    before = snapshot(folder)
    args = [a.format(d=folder) for a in case.args]
    result = CliRunner().invoke(main, args, env=case.env or None)
    out = result.output
    shown = f"`symbiosis {' '.join(args)}` ->\n{out}"
    assert result.exit_code == 2, shown
    assert isinstance(result.exception, SystemExit), f"{shown}\n{result.exception!r}"
    assert "Traceback" not in out, shown
    assert out.startswith("error: ") or " problem" in out.splitlines()[0], shown
    for name in case.names:
        assert name.format(d=folder) in out, f"{name!r} not named: {shown}"
    if case.quiet:
        assert out.startswith("error: ") and out.count("\n") == 1, f"printed more than the one message: {shown}"
    after = snapshot(folder)
    assert after == before, f"{shown}\nchanged: {sorted(set(after) ^ set(before)) or 'file contents'}"
    return out


# -- inputs ---------------------------------------------------------------------------------------

def tiny(change: Callable[[dict], object] | None = None) -> dict:
    """A copy of tests/fixtures/tiny.yaml as data, changed by ``change``."""
    d = copy.deepcopy(TINY)
    if change is not None:
        change(d)
    return d


def put(name: str, content: str | bytes | dict | Callable[[], object]) -> Callable[[Path], None]:
    """A setup writing ``content`` (text, bytes, data as YAML or JSON by suffix) to ``name``."""
    def setup(folder: Path) -> None:
        value = content() if callable(content) else content
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(value, bytes):
            path.write_bytes(value)
        elif isinstance(value, str):
            path.write_text(value, encoding="utf-8")
        elif name.endswith(".json"):
            import json

            path.write_text(json.dumps(value, indent=1, allow_nan=True), encoding="utf-8")
        else:
            path.write_text(yaml.safe_dump(value, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return setup


def both(*setups: Callable[[Path], None] | None) -> Callable[[Path], None]:
    def setup(folder: Path) -> None:
        for s in setups:
            if s is not None:
                s(folder)
    return setup


def scenario(change: Callable[[dict], object] | None = None, network: str = "net.yaml") -> dict:
    """The tiny scenario, on the tiny network copied next to it as ``network``, changed by ``change``."""
    d = copy.deepcopy(SCENARIO)
    d["network"] = network
    if change is not None:
        change(d)
    return d


def scenario_files(change: Callable[[dict], object] | None = None) -> Callable[[Path], None]:
    """A setup writing ``sc.yaml`` (the tiny scenario, changed) and its network ``net.yaml``."""
    return both(put("net.yaml", TINY_TEXT), put("sc.yaml", lambda: scenario(change)))


def afile(folder: Path) -> None:
    """A regular file named ``afile``, where a command might be asked to make a folder."""
    (folder / "afile").write_text("a file, not a folder\n")


EXAMPLE = str(EXAMPLES / "gyproc-fgd-gypsum-2021.yaml")
