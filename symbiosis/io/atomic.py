"""Writing files atomically: a temporary file in the same folder, then a rename.

A crash or a kill never leaves a half-written file behind.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

__all__ = ["write_atomic", "write_files"]


def write_atomic(path: str | os.PathLike, text: str | bytes) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(text.encode("utf-8") if isinstance(text, str) else text)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_files(folder: Path, files: dict[str, str]) -> list[Path]:
    """Write each of ``files`` (name -> text) atomically into ``folder``; the paths written."""
    written = []
    for name, text in files.items():
        write_atomic(folder / name, text)
        written.append(folder / name)
    return written
