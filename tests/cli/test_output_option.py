"""One output option across commands: ``-o/--output PATH`` (format from the suffix, a folder where a
command writes several files); the old spellings work for one release with a one-line notice on stderr."""

from __future__ import annotations

import json

import click
import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import EXAMPLES, TINY

WRITERS = {"simulate", "score", "export", "pareto", "report", "runs export", "schema"}


def _commands(group=main, prefix=""):
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, f"{prefix}{name} ")
        else:
            yield f"{prefix}{name}", cmd


def test_every_command_that_writes_files_names_it_dash_o_output():
    seen = set()
    for name, cmd in _commands():
        visible = {opt for p in cmd.params if isinstance(p, click.Option) and not p.hidden for opt in p.opts}
        assert not visible & {"--out", "--html"}, f"{name} still shows an old output spelling"
        if {"-o", "--output"} <= visible:
            seen.add(name)
    assert seen == WRITERS


def run(tmp_path, *args):
    return CliRunner().invoke(main, [str(a) for a in args], catch_exceptions=False)


OLD = {
    "simulate --out": (["simulate", TINY, "--out", "{t}/res"], ["res/flows.csv", "res/scores.json"]),
    "simulate --html": (["simulate", TINY, "--html", "{t}/page.html"], ["page.html"]),
    "score --out": (["score", TINY, "--objective", "cost", "--out", "{t}/sc"], ["sc/tbl.json"]),
    "export --out": (["export", TINY, "--to", "json", "--out", "{t}/n.json"], ["n.json"]),
    "pareto --out": (["pareto", TINY, "--points", "2", "--out", "{t}/f.csv"], ["f.csv"]),
    "schema --out": (["schema", "--out", "{t}/s.json"], ["s.json"]),
}


@pytest.mark.parametrize("case", OLD)
def test_old_spellings_still_work_with_one_deprecation_line(tmp_path, case):
    args, files = OLD[case]
    old = case.split()[1]
    r = CliRunner().invoke(main, [str(a).replace("{t}", str(tmp_path)) for a in args])
    assert r.exit_code == 0, r.output
    notes = [line for line in r.stderr.splitlines() if "deprecated" in line]
    assert notes == [f"note: {old} is deprecated and goes in the next release; write -o/--output "
                     f"{args[-1].replace('{t}', str(tmp_path))}"]
    assert "deprecated" not in r.stdout
    for f in files:
        assert (tmp_path / f).stat().st_size > 0


def test_the_new_spelling_prints_no_notice_and_takes_the_format_from_the_suffix(tmp_path):
    r = CliRunner().invoke(main, ["score", str(TINY), "--objective", "cost", "-o", str(tmp_path / "s.csv")])
    assert r.exit_code == 0 and "deprecated" not in r.output
    assert (tmp_path / "s.csv").read_text().startswith("key,line,unit,")
    r = CliRunner().invoke(main, ["score", str(TINY), "--objective", "cost", "--output", str(tmp_path / "s.json")])
    assert r.exit_code == 0, r.output
    assert json.loads((tmp_path / "s.json").read_text())["network"] == "tiny"


def test_simulate_writes_a_folder_and_a_page_from_one_option(tmp_path):
    r = CliRunner().invoke(main, ["simulate", str(TINY), "-o", str(tmp_path / "res"), "-o", str(tmp_path / "p.html")])
    assert r.exit_code == 0, r.output
    assert (tmp_path / "res" / "flows.csv").exists() and (tmp_path / "p.html").read_text().startswith("<!DOCTYPE")


@pytest.mark.parametrize("args, message", [
    (["simulate", str(TINY), "-o", "x.csv"], "simulate writes a folder of files"),
    (["simulate", str(TINY), "-o", "a", "-o", "b"], "at most one folder and one FILE.html"),
    (["simulate", str(EXAMPLES / "social-laundry.yaml"), "--no-store", "-o", "p.html"], "the page is for one network"),
    (["export", str(TINY), "--to", "json", "-o", "a.json", "--out", "b.json"], "name the output once"),
    (["runs", "export", "1"], "--output: missing"),
])
def test_output_mistakes_name_the_option(tmp_path, monkeypatch, args, message):
    monkeypatch.chdir(tmp_path)
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 2, r.output
    assert "error: --output" in r.output and message in r.output
    assert "Traceback" not in r.output
    assert not [p for p in tmp_path.iterdir() if p.name != "symbiosis-runs.sqlite"]
