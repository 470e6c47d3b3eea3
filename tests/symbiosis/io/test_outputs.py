"""Outputs: checked before any work, never overwritten without force, written together, readable per the umask."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from symbiosis.errors import SymbiosisError
from symbiosis.io.atomic import check_output, file_mode, write_together


def _refusal(*args, **kwargs) -> str:
    with pytest.raises(SymbiosisError) as info:
        check_output(*args, **kwargs)
    [p] = info.value.problems
    return f"{p.path}: {p.message}"


def test_a_path_under_a_file_is_refused(tmp_path):
    (tmp_path / "afile").write_text("x")
    text = _refusal(tmp_path / "afile" / "deeper" / "r.html", "html")
    assert text.startswith("html: ") and "afile' is a file, not a folder" in text


def test_a_place_nobody_can_write_is_refused():
    assert "no file can be made in '/proc'" in _refusal(Path("/proc/x.csv"), "out")


def test_an_existing_output_needs_force_and_a_folder_is_never_a_file(tmp_path):
    out = tmp_path / "r.html"
    out.write_text("old")
    assert "already exists; choose another path, or pass --force" in _refusal(out, "out")
    assert check_output(out, "out", force=True) == out
    (tmp_path / "dir").mkdir()
    assert "is a folder; give a file name" in _refusal(tmp_path / "dir", "out", force=True)


def test_a_folder_of_outputs_may_exist_but_not_the_files_in_it(tmp_path):
    (tmp_path / "out").mkdir()
    check_output(tmp_path / "out", "out", folder=True, names=("flows.csv",))
    (tmp_path / "out" / "flows.csv").write_text("x")
    assert "flows.csv' already exists" in _refusal(tmp_path / "out", "out", folder=True, names=("flows.csv",))
    (tmp_path / "out" / "scores.json").mkdir()
    assert "scores.json' is a folder" in _refusal(tmp_path / "out", "out", folder=True, names=("scores.json",),
                                                  force=True)
    assert "is a file; give a folder" in _refusal(tmp_path / "out" / "flows.csv", "out", folder=True,
                                                 names=("a.csv",))


def test_checking_leaves_nothing_behind(tmp_path):
    check_output(tmp_path / "new" / "deeper" / "x.csv", "out")
    assert list(tmp_path.iterdir()) == []


def test_outputs_are_written_together_or_not_at_all(tmp_path):
    (tmp_path / "blocker").write_text("a file where a folder would go")
    files = {tmp_path / "new" / "a.csv": "a", tmp_path / "new" / "sub" / "b.csv": b"b",
             tmp_path / "blocker" / "c.csv": "c"}
    with pytest.raises(SymbiosisError) as info:
        write_together(files)
    assert "blocker/c.csv" in str(info.value) and "cannot write it" in str(info.value)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["blocker"]  # no file, no folder made, no temporary
    files.pop(tmp_path / "blocker" / "c.csv")
    assert write_together(files) == list(files)
    assert (tmp_path / "new" / "sub" / "b.csv").read_bytes() == b"b"


@pytest.mark.parametrize("mask", [0o022, 0o077, 0o002])
def test_files_follow_the_umask(tmp_path, mask):
    old = os.umask(mask)
    try:
        assert file_mode() == 0o666 & ~mask
        write_together({tmp_path / "f.csv": "x"})
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "f.csv").stat().st_mode) == 0o666 & ~mask
