"""The adversarial suite's one check: a bad input exits 2, names its place, shows no traceback, writes nothing.

Below the command line, the mistake is a typed ``ValueError`` naming its parameter or field
(:func:`assert_typed_mistake`): the library's own error, or for an option click refuses, the
declaration the option is built from refusing the same value.

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

import click
import yaml
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.cli.common import DeclaredArgument, DeclaredOption
from symbiosis.errors import FileError, InfeasibleError, ParameterError, SymbiosisError, UnknownNameError
from tests.paths import EXAMPLES, FIXTURES

KINDS = (ParameterError, FileError, UnknownNameError, InfeasibleError)

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
    assert_typed_mistake(result.exception.__context__, args, shown)
    after = snapshot(folder)
    assert after == before, f"{shown}\nchanged: {sorted(set(after) ^ set(before)) or 'file contents'}"
    return out


def assert_typed_mistake(raised: BaseException | None, args: list[str], shown: str = "") -> None:
    """The exception behind an exit 2: a ValueError of one kind naming its parameter or field.

    A :class:`SymbiosisError` is one of the four kinds, a ``ValueError``, and every problem in it
    has a path (the parameter or field) unless the file as a whole is the mistake. A value click
    refuses for a declared option is refused by its declaration too, as a ``ParameterError``
    naming the parameter: the library and the command line hold the same limit.
    """
    if isinstance(raised, SymbiosisError):
        assert isinstance(raised, ValueError) and isinstance(raised, KINDS), f"{type(raised).__name__}: {shown}"
        for m in raised.problems:
            assert m.path or raised.file, f"{type(raised).__name__} names no parameter, field or file: {shown}"
        return
    assert isinstance(raised, click.BadParameter), f"not a user mistake: {raised!r}\n{shown}"
    param = raised.param
    if isinstance(param, DeclaredOption | DeclaredArgument):
        value = _given(param, args)
        decl = param.declaration
        try:
            decl.check(_as_kind(value, decl.kind))
        except ParameterError as exc:
            assert exc.problems[0].path == decl.name, shown
        else:
            raise AssertionError(f"{decl.name}={value!r}: click refuses it, the declaration does not\n{shown}")


def _given(param: click.Parameter, args: list[str]) -> str | None:
    """The raw text given for ``param`` on the command line (the last one given)."""
    value = None
    for i, a in enumerate(args):
        for flag in param.opts if isinstance(param, click.Option) else ():
            if a == flag and i + 1 < len(args):
                value = args[i + 1]
            elif a.startswith(flag + "="):
                value = a[len(flag) + 1:]
    if value is None and isinstance(param, click.Argument):
        value = args[-1]  # the cases give a bad argument last
    return value


def _as_kind(text: str | None, kind: type) -> object:
    """``text`` read as an int or float where it is one (as click would), else the text itself."""
    for read in ((int, float) if kind is not str else ()):
        try:
            return read(text)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            continue
    return text


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
