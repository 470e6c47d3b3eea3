"""What every command shares: how a network is named, user errors, flag types, the progress bar.

A user's mistake prints one short message naming the file and field (or the
flag) and exits with code 2; nothing is written. Library functions name
their parameters in their errors (``discount_rate: ...``); :func:`user_errors`
names the flag the parameter came from instead (``--discount-rate: ...``).
"""

from __future__ import annotations

import functools
import math
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from symbiosis.errors import Mistake, SymbiosisError, bad_parameter
from symbiosis.io.names import check_network_name
from symbiosis.parameters import FORMAT, YEAR, Param

if TYPE_CHECKING:  # rich is imported when a bar is drawn (start-up time)
    from rich.progress import Progress, TaskID

__all__ = ["EXIT_USER_ERROR", "FORMATS", "DeclaredArgument", "DeclaredOption", "Finite", "Pairs", "ProgressBar",
           "click_type", "convention_option", "declared", "declared_argument", "force_option", "network_argument",
           "network_of", "old_spelling", "output_option", "registry", "require_output",
           "store_option", "user_errors", "year_option"]

EXIT_USER_ERROR = 2
DEFAULT_NETWORK = "kalundborg"
FORMATS = FORMAT  # the usual --format table|json|csv, for @declared(FORMATS, "--format", "fmt")


def user_errors(func=None, *, flags: dict[str, str] | None = None):
    """Turn a :class:`SymbiosisError` into a message on stderr and exit code 2.

    A mistake whose path is a parameter of the command (``discount_rate``) is
    shown under the parameter's flag (``--discount-rate``); ``flags`` adds
    library parameter names that the command's own options do not share
    (``{"overrides": "--factor"}``).
    """
    def wrap(f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            try:
                return f(*args, **kwargs)
            except SymbiosisError as exc:
                click.echo(f"error: {_with_flags(exc, flags or {})}", err=True)
                sys.exit(EXIT_USER_ERROR)
        return wrapper
    return wrap(func) if func is not None else wrap


def _with_flags(exc: SymbiosisError, extra: dict[str, str]) -> SymbiosisError:
    ctx = click.get_current_context(silent=True)
    names = dict(extra)
    if ctx is not None:
        for p in ctx.command.params:
            if isinstance(p, click.Option) and not p.hidden:
                names.setdefault(p.name, max(p.opts, key=len))
            elif isinstance(p, click.Argument) and p.name:
                names.setdefault(p.name, p.name.upper())  # NETWORK, not its usage [NETWORK|SCENARIO]
    if exc.file is not None or not any(m.path in names for m in exc.problems):
        return exc  # a mistake in a file names the file's own fields ('network' of a scenario is not NETWORK)
    mistakes = [Mistake(names.get(m.path, m.path), m.message, m.line) for m in exc.problems]
    return type(exc)(mistakes, exc.file, exc.summary)


# -- flag types -------------------------------------------------------------------------------------

class Finite(click.ParamType):
    """A float flag that is a real number (not nan, not inf) within ``[min, max]`` (``max_open``: below max)."""

    name = "number"

    def __init__(self, min: float | None = None, max: float | None = None, max_open: bool = False,
                 min_open: bool = False) -> None:
        self.min, self.max, self.max_open, self.min_open = min, max, max_open, min_open

    def convert(self, value, param, ctx):
        if isinstance(value, float):
            x = value
        else:
            try:
                x = float(value)
            except (TypeError, ValueError):
                self.fail(f"{value!r} is not a number", param, ctx)
        if not math.isfinite(x):
            self.fail(f"{value!r} is not a finite number", param, ctx)
        if self.min is not None and (x < self.min or (self.min_open and x == self.min)):
            self.fail(f"{x:g} must not be negative" if self.min == 0 and not self.min_open
                      else f"{x:g} must be {'above' if self.min_open else 'at least'} {self.min:g}", param, ctx)
        if self.max is not None and (x > self.max or (self.max_open and x == self.max)):
            self.fail(f"{x:g} must be {'below' if self.max_open else 'at most'} {self.max:g}", param, ctx)
        return x


class Pairs(click.ParamType):
    """``NAME=NUMBER,NAME=NUMBER`` as a dict of finite numbers (``cost=1,co2e=750``)."""

    name = "NAME=NUMBER,..."

    def __init__(self, example: str) -> None:
        self.example = example

    def convert(self, value, param, ctx):
        if isinstance(value, dict):
            return value
        out = {}
        for part in str(value).split(","):
            key, sep, number = part.partition("=")
            try:
                if not sep or not key.strip():
                    raise ValueError
                x = float(number)
            except ValueError:
                self.fail(f"'{part}' is not NAME=NUMBER; for example {self.example}", param, ctx)
            if not math.isfinite(x):
                self.fail(f"'{part}': {number.strip()} is not a finite number", param, ctx)
            out[key.strip()] = x
        return out


# -- options built from a declaration (symbiosis.parameters) --------------------------------------

def click_type(param: Param) -> click.ParamType:
    """The click type of a declared parameter: its range (ints, finite floats) or its choices."""
    if param.kind is str:
        return click.Choice(list(param.choices or ()))
    if param.kind is int:
        return click.IntRange(None if param.low is None else int(param.low),
                              None if param.high is None else int(param.high))
    return Finite(param.low, param.high, max_open=param.high_open, min_open=param.low_open)


class DeclaredOption(click.Option):
    """An option whose type, range, choices and default come from a :class:`~symbiosis.parameters.Param`."""

    def __init__(self, *args, declaration: Param, **kwargs) -> None:
        self.declaration = declaration
        kwargs.setdefault("type", click_type(declaration))
        if declaration.default is not None and "default" not in kwargs:
            kwargs.update(default=declaration.default, show_default=True)
        if kwargs.get("help"):  # a limit the help names is the declared one: "at most {high:,}"
            kwargs["help"] = kwargs["help"].format(low=declaration.low, high=declaration.high)
        super().__init__(*args, **kwargs)


class DeclaredArgument(click.Argument):
    """An argument whose type comes from a :class:`~symbiosis.parameters.Param`."""

    def __init__(self, *args, declaration: Param, **kwargs) -> None:
        self.declaration = declaration
        kwargs.setdefault("type", click_type(declaration))
        super().__init__(*args, **kwargs)


def declared(param: Param, *names: str, **kwargs):
    """``click.option(*names, ...)`` for the declared ``param``: the limit is written once, in the declaration."""
    return click.option(*names, cls=DeclaredOption, declaration=param, **kwargs)


def declared_argument(param: Param, *names: str, **kwargs):
    """``click.argument(*names, ...)`` for the declared ``param``."""
    return click.argument(*names, cls=DeclaredArgument, declaration=param, **kwargs)


# -- writing files: one option, -o/--output -------------------------------------------------------

def output_option(help: str, *, multiple: bool = False, file_only: bool = False):
    """``-o/--output PATH``: where a command writes; the format follows the suffix, and a command
    that writes several files takes a folder. Every command that writes files names it so."""
    return click.option("-o", "--output", "output", multiple=multiple, metavar="PATH", help=help,
                        type=click.Path(dir_okay=not file_only, path_type=Path))


def old_spelling(old: str, *, multiple: bool = False):
    """A hidden alias ``old`` of ``-o/--output``, kept for one release.

    It works as before and prints one line on stderr saying what to write
    instead; giving both spellings is a mistake naming both.
    """
    dest = "old_" + old.lstrip("-").replace("-", "_")

    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args, **kwargs):
            value = kwargs.pop(dest, None)
            if value is not None:
                click.echo(f"note: {old} is deprecated and goes in the next release; write -o/--output {value}",
                           err=True)
                current = kwargs.get("output")
                if multiple:
                    kwargs["output"] = (*(current or ()), value)
                elif current is not None:
                    raise bad_parameter("--output", f"name the output once: -o/--output, not also {old}")
                else:
                    kwargs["output"] = value
            return f(*args, **kwargs)
        return click.option(old, dest, hidden=True, type=click.Path(path_type=Path))(wrapper)
    return decorate


def require_output(output: Path | None) -> Path:
    """-o/--output where a command cannot do without it (click cannot require it: an old spelling may give it)."""
    if output is None:
        raise bad_parameter("--output", "missing; name the file to write, e.g. -o results.csv")
    return output


#: Every command that writes files takes --force; without it an existing output is refused (see
#: symbiosis.io.atomic and docs/commands.md, "Output files").
force_option = click.option("--force", is_flag=True, help="Overwrite output files that exist already.")


# -- naming a network -----------------------------------------------------------------------------

def network_argument(metavar: str = "[NETWORK]", help_scenario: bool = True, run_ids: bool = False):
    """The network a command works on: a positional NETWORK, default the built-in ``kalundborg``.

    NETWORK is a bundled name (``symbiosis networks``), a YAML/JSON file, an
    Excel workbook, a folder of CSV files (or, where the command says so, a
    scenario file, or with ``run_ids`` a recorded run's number). ``--network``/``-n``
    is kept, hidden, for scripts written before NETWORK was positional on every command.
    A name that is neither a file nor a bundled network is refused before the command
    imports anything heavy (:func:`symbiosis.io.names.check_network_name`).
    """
    def decorate(f):
        @functools.wraps(f)
        def wrapper(*args, network=None, network_option=None, **kwargs):
            if network is not None and network_option is not None:
                raise bad_parameter("NETWORK", "name the network once, as NETWORK; drop --network")
            network = network or network_option or DEFAULT_NETWORK
            user_errors(check_network_name)(network, run_ids=run_ids)
            return f(*args, network=network, **kwargs)
        wrapper = click.argument("network", required=False, metavar=metavar)(wrapper)
        return click.option("--network", "-n", "network_option", hidden=True)(wrapper)
    return decorate


def convention_option(f):
    return click.option("--convention", metavar="NAME",
                        help="The accounting convention every number follows: system-expansion (default), "
                             "no-co-product-credit or biogenic-stack (docs/accounting.md).")(f)


def year_option(f):
    return declared(YEAR, "--year",
                    help="With a SCENARIO file: the year whose network to use (default: the horizon's "
                         "last year).")(f)


def network_of(arg: str, year: int | None):
    """The network NETWORK names (a scenario file's network of ``--year``)."""
    from symbiosis.scenario import network_in_year

    return network_in_year(arg, year)


# -- the run store ----------------------------------------------------------------------------------

store_option = click.option("--store", type=click.Path(dir_okay=False, path_type=Path),
                            help="The run store [default: ./symbiosis-runs.sqlite].")


def registry(store, create: bool = True):
    from symbiosis.simulate.store import DEFAULT_STORE, Registry

    return Registry(store or DEFAULT_STORE, create=create)


# -- progress -------------------------------------------------------------------------------------

class ProgressBar:
    """A rich progress bar on stderr that appears only once a run has taken more than a second."""

    def __init__(self, after: float = 1.0, what: str = "year-samples"):
        self._t0 = time.perf_counter()
        self._after = after
        self._what = what
        self._bar: tuple[Progress, TaskID] | None = None  # the bar and its one task, once drawn

    def update(self, done: int, total: int) -> None:
        if self._bar is None:
            if time.perf_counter() - self._t0 < self._after or done >= total or not sys.stderr.isatty():
                return  # (not on a pipe or file: a bar there is noise, and rich ends it with an empty line)
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            progress = Progress(TextColumn(self._what), BarColumn(), MofNCompleteColumn(),
                                TimeRemainingColumn(), console=Console(stderr=True), transient=True)
            progress.start()
            self._bar = (progress, progress.add_task("run", total=total))
        progress, task = self._bar
        progress.update(task, completed=done, total=total)

    def stop(self) -> None:
        if self._bar is not None:
            self._bar[0].stop()
            self._bar = None
