"""Reading YAML and JSON: hostile files are refused with their place, quickly, without expanding anything."""

from __future__ import annotations

import json
import tracemalloc

import pytest
import yaml

from symbiosis.errors import SymbiosisError
from symbiosis.io import read_document
from symbiosis.io.documents import MOST_VALUES, _line_map
from tests.conftest import TINY, tiny_dict


def _refused(path) -> SymbiosisError:
    with pytest.raises(SymbiosisError) as info:
        read_document(path)
    return info.value


def alias_bomb(levels: int = 9, width: int = 9) -> str:
    lines = [f"a0: &a0 [{', '.join(['x'] * width)}]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * width)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\nid: bomb\n"


def test_an_alias_bomb_is_refused_without_expanding_it(tmp_path):
    path = tmp_path / "bomb.yaml"
    path.write_text(alias_bomb())
    tracemalloc.start()
    err = _refused(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert f"more than {MOST_VALUES:,} values" in str(err) and str(path) in str(err)
    assert peak < 50e6  # 9**9 values expanded would be gigabytes


def test_the_line_map_never_enters_an_alias_twice():
    node = yaml.compose(alias_bomb(levels=9))
    lines = _line_map(node)
    assert len(lines) < 200 and lines["a8"] == 9 and lines["id"] == 10


def test_aliases_within_reason_still_read(tmp_path):
    path = tmp_path / "ok.yaml"
    path.write_text("base: &loc {lat: 55.6, lon: 11.1}\nid: x\nplaces: [*loc, *loc]\n")
    data, lines = read_document(path)
    assert data["places"][1] == {"lat": 55.6, "lon": 11.1} and lines["places"] == 3


def test_an_alias_that_contains_itself_is_refused(tmp_path):
    path = tmp_path / "loop.yaml"
    path.write_text("a: &a [1, *a]\nid: x\n")
    assert "refers to the list or mapping it sits in" in str(_refused(path))


@pytest.mark.parametrize("suffix", [".yaml", ".json"])
def test_nesting_too_deep_is_refused(tmp_path, suffix):
    path = tmp_path / f"deep{suffix}"
    depth = 5000 if suffix == ".yaml" else 100_000
    path.write_text('{"id": ' + "[" * depth + "]" * depth + "}")
    err = _refused(path)
    assert str(path) in str(err) and ("nest" in str(err))


def test_a_key_given_twice_is_refused_with_its_path_and_both_lines(tmp_path):
    text = TINY.read_text().replace("    start: 1982\n", "    start: 1982\n    start: 1990\n")
    path = tmp_path / "dup.yaml"
    path.write_text(text)
    err = _refused(path)
    [p] = err.problems
    first = text.splitlines().index("    start: 1982") + 1
    assert p.path == "streams[0].start" and p.line == first + 1
    assert f"'start' is given twice in one mapping (first at line {first})" in p.message


def test_a_key_given_twice_in_json_is_refused_with_its_path(tmp_path):
    text = json.dumps(tiny_dict(), indent=1).replace('"start": 1982', '"start": 1982, "start": 1990')
    path = tmp_path / "dup.json"
    path.write_text(text)
    [p] = _refused(path).problems
    assert p.path == "streams[0].start" and "given twice" in p.message


def test_a_merge_key_may_be_overridden(tmp_path):
    path = tmp_path / "merge.yaml"
    path.write_text("base: &b {lat: 1, lon: 2}\nid: x\nhere: {<<: *b, lat: 3}\n")
    data, _ = read_document(path)
    assert data["here"] == {"lat": 3, "lon": 2}
