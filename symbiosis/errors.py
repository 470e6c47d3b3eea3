"""The exception types for a user's mistake: one base, one type per kind of mistake.

Every bad file, unknown id, negative or unit-less quantity, bad parameter and
infeasible network ends in a :class:`SymbiosisError`, a :class:`ValueError`
(as Python code expects of a bad argument or a bad input). It carries the
file, and a list of problems, each with the parameter or field path
(``discount_rate``, ``streams[4].receiver``) and what would be valid. The CLI
prints it and exits with code 2; a traceback is a bug.

One subclass per kind of mistake, each made by its constructor:

=========================  ====================  ==============================================
type                       constructor           the mistake
=========================  ====================  ==============================================
:class:`ParameterError`    :func:`bad_parameter`  a parameter of a call (or a command's option)
:class:`FileError`         :func:`bad_field`      a file that cannot be read, or a field in it
:class:`UnknownNameError`  :func:`unknown_name`   a name or id that is not there (also a KeyError)
:class:`InfeasibleError`   :func:`infeasible`     a network or scenario that cannot balance or solve
=========================  ====================  ==============================================

Catch :class:`SymbiosisError` (or :class:`ValueError`) for all of them.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["FileError", "InfeasibleError", "Mistake", "Note", "ParameterError", "SymbiosisError",
           "UnknownNameError", "bad_field", "bad_parameter", "fail", "infeasible", "unknown_name"]


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
class SymbiosisError(ValueError):
    """A user's mistake, with every problem found and the file it is in.

    The base of every mistake type below, and a :class:`ValueError`. Raised
    as such where one error gathers problems of several kinds (a network
    with bad fields and unknown ids found together).

    Parameters
    ----------
    problems : list of Mistake
        Every problem found, each naming its field or parameter.
    file : str, optional
        The file the problems are in, where they come from one.
    summary : str, optional
        A line said before the problems (``"not a valid network:"``).
    """

    problems: list[Mistake]
    file: str | None = None
    summary: str | None = field(default=None)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def with_file(self, file: str, lines: Mapping[str, int] | None = None) -> SymbiosisError:
        """The same error, naming ``file`` and the line of each problem where known.

        Parameters
        ----------
        file : str
            The file the problems are in.
        lines : mapping of str to int, optional
            The line of each field path in the file (a problem takes its nearest enclosing field's).

        Returns
        -------
        SymbiosisError
            An error of the same kind, with the file and lines.
        """
        lines = lines or {}
        problems = [
            Mistake(p.path, p.message, p.line if p.line is not None else _line_for(p.path, lines))
            for p in self.problems
        ]
        return type(self)(problems, file, self.summary)

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


class ParameterError(SymbiosisError):
    """A parameter of a library function that is out of range or of the wrong kind.

    Its one mistake names the parameter (``discount_rate``); the command line
    names the flag it came from instead (``--discount-rate``). Declared
    parameters (:mod:`symbiosis.parameters`) raise it.
    """


class FileError(SymbiosisError):
    """A file that cannot be read or used, or a field in it that is wrong (``streams[4].flow``)."""


class UnknownNameError(SymbiosisError, KeyError):
    """A name or id that is not there (a network, run, scope, actor, convention); says which are.

    It is a :class:`KeyError` too, for code that looks names up.
    """

    def __str__(self) -> str:  # KeyError would quote the message
        return SymbiosisError.__str__(self)


class InfeasibleError(SymbiosisError):
    """A network or scenario that cannot balance, or that a solver stops on without an answer."""


def bad_parameter(name: str, message: str) -> ParameterError:
    """A :class:`ParameterError` for parameter ``name``: ``name: message``.

    Parameters
    ----------
    name : str
        The parameter (``discount_rate``); the command line shows its flag.
    message : str
        What is wrong and what would be valid.

    Returns
    -------
    ParameterError
        To raise.
    """
    return ParameterError([Mistake(name, message)])


def bad_field(path: str, message: str, file: str | None = None, line: int | None = None) -> FileError:
    """A :class:`FileError` for field ``path`` of ``file`` (``""``: the file as a whole).

    Parameters
    ----------
    path : str
        The field path (``streams[4].receiver``), or ``""`` for the file as a whole.
    message : str
        What is wrong and what would be valid.
    file : str, optional
        The file (its label), where known.
    line : int, optional
        The line of the field in the file, where known.

    Returns
    -------
    FileError
        To raise.
    """
    return FileError([Mistake(path, message, line)], file)


def fail(path: str, message: str, file: str | None = None) -> FileError:
    """Shorthand for :func:`bad_field`, kept for existing callers."""
    return bad_field(path, message, file)


def unknown_name(path: str, message: str, file: str | None = None) -> UnknownNameError:
    """An :class:`UnknownNameError` for the name given as ``path``; ``message`` lists the valid ones.

    Parameters
    ----------
    path : str
        The parameter or field that names it (``scope``, ``streams[0].supplier``).
    message : str
        The name not found and the valid ones (``no scope 'x'; valid: mass, energy``).
    file : str, optional
        The file the name is in, where it is in one.

    Returns
    -------
    UnknownNameError
        To raise.
    """
    return UnknownNameError([Mistake(path, message)], file)


def infeasible(message: str, path: str = "", file: str | None = None,
               summary: str | None = None) -> InfeasibleError:
    """An :class:`InfeasibleError`: ``message`` says what cannot balance or solve, and what to change.

    Parameters
    ----------
    message : str
        What cannot balance or solve, and what to change.
    path : str, optional
        The field or parameter at fault, where one is.
    file : str, optional
        The network or scenario (its file or id).
    summary : str, optional
        A first line above the message.

    Returns
    -------
    InfeasibleError
        To raise.
    """
    return InfeasibleError([Mistake(path, message)], file, summary)


class Note(UserWarning):
    """Something the user should know that is not a mistake (a workbook's sheet left unread); issued with
    :func:`warnings.warn`, printed by the CLI as ``note: ...`` on stderr."""
