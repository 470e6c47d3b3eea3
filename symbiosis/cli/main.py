"""The ``symbiosis`` command group: every command, registered from its module."""

from __future__ import annotations

import sys
import warnings
from contextlib import contextmanager

import click

from symbiosis.cli.common import EXIT_USER_ERROR

__all__ = ["SymbiosisGroup", "main"]


class SymbiosisGroup(click.Group):
    """The command group; a bad flag value prints like every other mistake: ``error: --flag: message``, exit 2."""

    def invoke(self, ctx):
        from symbiosis.errors import SymbiosisError

        try:
            with _notes_printed():
                return super().invoke(ctx)
        except SymbiosisError as exc:  # a mistake found outside a command's own user_errors (its decorators)
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USER_ERROR)
        except click.BadParameter as exc:
            hint = exc.param.get_error_hint(ctx) if exc.param is not None else (exc.param_hint or "")
            hint = hint.replace("'", "") if isinstance(hint, str) else " / ".join(hint)
            if not hint:
                raise
            click.echo(f"error: {hint.split(' / ')[0]}: {exc.message}", err=True)
            sys.exit(EXIT_USER_ERROR)


@contextmanager
def _notes_printed():
    """A :class:`~symbiosis.errors.Note` warning printed as ``note: ...`` on stderr (every one, not once)."""
    from symbiosis.errors import Note

    with warnings.catch_warnings():
        warnings.simplefilter("always", Note)
        shown = warnings.showwarning

        def show(message, category, *args, **kwargs):
            if issubclass(category, Note):
                click.echo(f"note: {message}", err=True)
            else:
                shown(message, category, *args, **kwargs)

        warnings.showwarning = show
        yield


@click.group(cls=SymbiosisGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="industrial-symbiosis", prog_name="symbiosis")
def main() -> None:
    """Industrial symbiosis: who gives what to whom, its best reuse, and three bottom lines.

    Start with `symbiosis simulate` (the built-in Kalundborg network). Every
    command takes a NETWORK: a bundled name (`symbiosis networks`), a YAML/JSON
    file, an Excel workbook or a folder of CSV files; default `kalundborg`.
    """


def _register() -> None:
    from symbiosis.cli import metrics, network, planning, report, runs, score, simulate

    for command in (simulate.simulate, network.networks, network.packs, network.show, network.validate,
                    network.new_network, network.export, network.factors, score.score, report.report, metrics.metrics,
                    planning.stress, planning.design, planning.pareto, planning.prices, planning.sensitivity, runs.runs,
                    runs.schema):
        main.add_command(command)


_register()
