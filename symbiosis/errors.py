"""The one exception type for a user's mistake.

Every bad file, unknown id, negative or unit-less quantity and infeasible
network ends in a :class:`SymbiosisError`. It carries the file, and a list of
problems, each with the field path (``streams[4].receiver``) and what would be
valid. The CLI prints it and exits with code 2; a traceback is a bug.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Mistake", "Note", "ParameterError", "SymbiosisError", "bad_parameter", "fail"]


@dataclass(frozen=True)
class Mistake:
    """One thing wrong with an input: where it is and what would be valid.

    Parameters
    ----------
    path : str
        The parameter or field path (``streams[4].receiver``), empty for the file as a whole.
    message : str
        What is wrong and what would be valid.
    line : int, optional
        The line in the file, where known.
    """

    path: str
    message: str
    line: int | None = None

    def render(self, file: str | None = None) -> str:
        """The mistake in one line, with its place.

        Parameters
        ----------
        file : str, optional
            The file it is in.

        Returns
        -------
        str
            ``file:line: path: message``, leaving out what is not known.
        """
        if not (self.path or file or self.line):
            return self.message  # not about a place in a file: an unknown name, a bad option
        if not self.path and self.line is None:
            return f"{file}: {self.message}"  # about the file as a whole: missing, unreadable
        where = self.path or "(top level)"
        if file:
            where = f"{file}: {where}" if self.line is None else f"{file}:{self.line}: {where}"
        elif self.line is not None:
            where = f"line {self.line}: {where}"
        return f"{where}: {self.message}"


@dataclass
class SymbiosisError(Exception):
    """A user's mistake, with every problem found and the file it is in."""

    problems: list[Mistake]
    file: str | None = None
    summary: str | None = field(default=None)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def with_file(self, file: str, lines: Mapping[str, int] | None = None) -> SymbiosisError:
        """The same error, naming ``file`` and the line of each problem where known."""
        lines = lines or {}
        problems = [
            Mistake(p.path, p.message, p.line if p.line is not None else _line_for(p.path, lines))
            for p in self.problems
        ]
        return SymbiosisError(problems, file, self.summary)

    def __str__(self) -> str:
        head = [self.summary] if self.summary else []
        return "\n".join(head + [p.render(self.file) for p in self.problems])


def _line_for(path: str, lines: Mapping[str, int]) -> int | None:
    """The line of ``path`` or of its nearest enclosing field."""
    while path:
        if path in lines:
            return lines[path]
        cut = max(path.rfind("."), path.rfind("["))
        if cut <= 0:
            break
        path = path[:cut]
    return lines.get(path)


def fail(path: str, message: str, file: str | None = None) -> SymbiosisError:
    """Shorthand for an error with a single problem."""
    return SymbiosisError([Mistake(path, message)], file)


class ParameterError(SymbiosisError, ValueError):
    """A parameter of a library function that is out of range or of the wrong kind.

    Its one mistake names the parameter (``discount_rate``); the command line
    names the flag it came from instead (``--discount-rate``). It is a
    :class:`ValueError` too, as Python code expects of a bad argument.
    """


def bad_parameter(name: str, message: str) -> ParameterError:
    """A :class:`ParameterError` for parameter ``name``: ``name: message``."""
    return ParameterError([Mistake(name, message)])


class Note(UserWarning):
    """Something the user should know that is not a mistake (a workbook's sheet left unread); issued with
    :func:`warnings.warn`, printed by the CLI as ``note: ...`` on stderr."""
