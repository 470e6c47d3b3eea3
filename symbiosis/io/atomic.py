"""Writing outputs: checked before any work, written together through temporary files and renames.

One policy for every command that writes (see docs/commands.md, "Output files"):

* :func:`check_output` looks at an output path before any work is done and
  refuses, naming the path, one that cannot be written (a parent that is a
  file, a folder where a file goes, a place without write permission) or that
  exists already, unless ``force``.
* :func:`write_together` writes all outputs of one command through temporary
  files next to their targets, then renames them into place: a crash, a kill
  or a full disk never leaves a half-written file, and if any output cannot be
  written none appears (folders it made are removed again).
* Files get the permissions of any file the user makes (``0666`` less the
  umask), not the ``0600`` of a temporary file, so colleagues on a shared
  server can read them.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import TypeVar

from symbiosis.errors import SymbiosisError, bad_field, bad_parameter

__all__ = ["check_output", "file_mode", "write_atomic", "write_files", "write_together"]


def file_mode() -> int:
    """The permissions a new file gets under the current umask (``0o644`` under umask 022)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


def _refuse(param: str, message: str) -> SymbiosisError:
    return bad_parameter(param, message)


def check_output(path: str | os.PathLike, param: str = "path", *, folder: bool = False,
                 names: Iterable[str] = (), force: bool = False) -> Path:
    """Refuse an output path that cannot be written, before any work is done.

    Parameters
    ----------
    path : path
        A file, or with ``folder`` a folder the command writes ``names`` into.
    param : str
        The parameter (or flag) the path came from, named in the mistake.
    folder : bool
        Whether ``path`` is a folder of outputs rather than one file.
    names : iterable of str
        The files written into a ``folder``.
    force : bool
        Overwrite existing outputs (a folder where a file goes is refused all the same).

    Returns
    -------
    Path
        ``path`` as a :class:`~pathlib.Path`.

    Raises
    ------
    SymbiosisError
        Naming ``param`` and the path: a parent that is a file, a folder where a
        file goes (or the reverse), a place the user cannot write in, or an
        output that exists already (without ``force``).
    """
    path = Path(path)
    where = path if folder else path.parent
    existing = where
    while not os.path.lexists(existing) and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        if existing == path:
            raise _refuse(param, f"'{path}' is a file; give a folder to write {', '.join(names) or 'into'}")
        raise _refuse(param, f"'{existing}' is a file, not a folder, so '{path}' cannot be written under it")
    _probe(existing, param, path)
    targets = [path / n for n in names] if folder else [path]
    for target in targets:
        if target.is_dir():
            raise _refuse(param, f"'{target}' is a folder; give a file name" + (
                "" if folder else f" such as {target / ('report.html' if target.suffix != '.csv' else 'out.csv')}"))
        if os.path.lexists(target) and not force:
            raise _refuse(param, f"'{target}' already exists; choose another path, or pass --force to overwrite it")
    return path


def _probe(folder: Path, param: str, path: Path) -> None:
    """Whether a file can be made in ``folder`` (permissions, read-only file systems, /proc): by making one."""
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=".symbiosis-probe-")
    except OSError as exc:
        raise _refuse(param, f"cannot write '{path}': no file can be made in '{folder}' "
                      f"({exc.strerror or type(exc).__name__})") from None
    os.close(fd)
    os.unlink(tmp)


#: A path as the caller holds it (a mapping's keys are all of one kind).
PathT = TypeVar("PathT", bound=str | os.PathLike[str])


def write_together(files: Mapping[PathT, str | bytes]) -> list[Path]:
    """Write every file (path -> text or bytes) through temporary files, then rename them all into place.

    Missing folders are made. If any file cannot be written, none is renamed,
    the temporary files and the folders made here are removed, and a
    :class:`SymbiosisError` names the file. Files get :func:`file_mode`.
    """
    mode = file_mode()
    staged: list[tuple[str, Path]] = []
    made: list[Path] = []
    current = None
    try:
        for target, content in files.items():
            current = Path(target)
            missing = []
            parent = current.parent
            while not os.path.lexists(parent) and parent != parent.parent:
                missing.append(parent)
                parent = parent.parent
            for folder in reversed(missing):
                folder.mkdir()
                made.append(folder)
            fd, tmp = tempfile.mkstemp(dir=current.parent, prefix=f".{current.name}.", suffix=".tmp")
            staged.append((tmp, current))
            with os.fdopen(fd, "wb") as fh:
                os.fchmod(fh.fileno(), mode)
                fh.write(content.encode("utf-8") if isinstance(content, str) else content)
        for tmp, dest in staged:
            current = dest
            os.replace(tmp, dest)
    except BaseException as exc:
        for tmp, _ in staged:
            Path(tmp).unlink(missing_ok=True)
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        if isinstance(exc, OSError):
            raise bad_field("", f"cannot write it: {exc.strerror or exc}", str(current)) from None
        raise
    return [Path(t) for t in files]


def write_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename (see :func:`write_together`).

    Parameters
    ----------
    path : str or os.PathLike
        The file to write.
    text : str or bytes
        Its whole content.
    """
    write_together({Path(path): text})


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write each of ``files`` (name -> text) into ``folder``, all together.

    Parameters
    ----------
    folder : Path
        The folder to write into.
    files : dict of str to str
        File name -> its whole text.

    Returns
    -------
    list of Path
        The paths written.
    """
    return write_together({Path(folder) / name: text for name, text in files.items()})
