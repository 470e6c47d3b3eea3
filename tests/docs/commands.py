"""Running the commands the documentation shows, as a user would pipe them: shared by the README and
docs tests and the example-by-command matrix.

:func:`run_command` runs one ``symbiosis ...`` line in-process (click's CliRunner, ``COLUMNS=100``, output
not a terminal) and fails on a non-zero exit or a traceback; :func:`too_wide` lists the output lines over
the width limit; :func:`check_written` opens every file a command wrote (HTML non-empty, CSV parses, JSON
loads, XLSX opens, Parquet and YAML read).
"""

from __future__ import annotations

import json
import re
import shlex
from pathlib import Path

from click.testing import CliRunner, Result

from symbiosis.cli import main

WIDTH = 100
ENV = {"COLUMNS": str(WIDTH)}
STORE = "symbiosis-runs.sqlite"


def run_command(line: str, expected: int = 0) -> Result:
    """``line`` (``symbiosis ...`` or the words after it) run in the current folder; asserts the exit code
    and that no traceback or uncaught exception came out."""
    words = shlex.split(line)
    if words and words[0] == "symbiosis":
        words = words[1:]
    result = CliRunner().invoke(main, words, env=ENV)
    crashed = result.exception is not None and not isinstance(result.exception, SystemExit)
    assert not crashed, f"`{line}` raised {result.exception!r}:\n{_trace(result)}"
    assert "Traceback" not in result.output, f"`{line}` printed a traceback:\n{result.output}"
    assert result.exit_code == expected, f"`{line}` exited {result.exit_code}, not {expected}:\n{result.output}"
    return result


def _trace(result: Result) -> str:
    import traceback

    return "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else result.output


#: A line that holds one web address and nothing else (``[4] https://...``): printed whole, since an
#: address broken over two lines cannot be opened, so the only line allowed to pass the width.
WHOLE_ADDRESS = re.compile(r"^\s*(\[\d+\]\s*)?(https?|mailto):\S+$")


def too_wide(result: Result, width: int = WIDTH) -> list[str]:
    """The lines of a command's output longer than ``width`` characters (characters, not bytes), a line
    holding one whole web address aside."""
    return [line for line in result.output.splitlines() if len(line) > width and not WHOLE_ADDRESS.match(line)]


def snapshot(folder: Path) -> dict[Path, float]:
    """Every file under ``folder`` (not following the examples link) with its modification time."""
    out = {}
    for p in folder.rglob("*"):
        if p.is_file() and not any(part == "examples" for part in p.relative_to(folder).parts):
            out[p] = p.stat().st_mtime_ns
    return out


def written(before: dict[Path, float], folder: Path) -> list[Path]:
    """The files under ``folder`` that are new or changed since ``before`` (the run store aside)."""
    return sorted(p for p, t in snapshot(folder).items()
                  if before.get(p) != t and not p.name.startswith(STORE))


def check_written(path: Path) -> None:
    """Open a written file the way its reader would; fail if it is empty or does not parse."""
    assert path.stat().st_size > 0, f"{path} is empty"
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        head = path.read_text(encoding="utf-8")[:200].lower()
        assert "<html" in head or "<!doctype" in head, f"{path} is not an HTML page"
    elif suffix == ".csv":
        import pandas as pd

        assert len(pd.read_csv(path).columns) > 0
    elif suffix == ".json":
        json.loads(path.read_text(encoding="utf-8"))
    elif suffix == ".xlsx":
        import openpyxl

        assert openpyxl.load_workbook(path, read_only=True).sheetnames
    elif suffix == ".parquet":
        import pandas as pd

        assert len(pd.read_parquet(path)) > 0
    elif suffix in (".yaml", ".yml"):
        import yaml

        assert yaml.safe_load(path.read_text(encoding="utf-8")) is not None
    elif suffix in (".graphml", ".gexf"):
        import xml.etree.ElementTree as ET

        ET.parse(path)
