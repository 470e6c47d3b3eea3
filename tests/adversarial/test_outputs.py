"""Bad output paths on every command that writes: refused before any work, naming the flag and the path.

A path under a regular file, a place no file can be made (``/proc``), an output
that exists already (without ``--force``) and a folder where a file goes: the
command prints its one message and nothing else, and the folder is as it was.
"""

from __future__ import annotations

import pytest

from tests.adversarial.harness import EXAMPLE, TINY_TEXT, Case, afile, both, check, put

NET = put("net.yaml", TINY_TEXT)


def out(args: tuple[str, ...], name: str, *fragments: str, setup=None) -> Case:
    return Case(args, (f"error: {name}: ", *fragments), both(NET, afile, setup), quiet=True)


def existing(*paths: str):
    def setup(folder):
        for p in paths:
            (folder / p).parent.mkdir(parents=True, exist_ok=True)
            (folder / p).write_text("an earlier result\n")
    return setup


def folder(*paths: str):
    def setup(f):
        for p in paths:
            (f / p).mkdir(parents=True)
    return setup


UNDER_A_FILE = "is a file, not a folder"
NOWHERE = "no file can be made in '/proc'"
EXISTS = "already exists; choose another path, or pass --force"
A_FOLDER = "is a folder; give a file name"
CASES = {
    # simulate (a network: -o FOLDER and -o FILE.html; a scenario: -o FOLDER and --store)
    "simulate-out-under-a-file": out(("simulate", "net.yaml", "-o", "afile/out"), "--output", UNDER_A_FILE),
    "simulate-out-in-proc": out(("simulate", "net.yaml", "-o", "/proc/out"), "--output", NOWHERE),
    "simulate-out-a-file": out(("simulate", "net.yaml", "-o", "afile"), "--output"),
    "simulate-out-exists": out(("simulate", "net.yaml", "-o", "o"), "--output", "o/flows.csv", EXISTS,
                               setup=existing("o/flows.csv")),
    "simulate-out-scores-a-folder": out(("simulate", "net.yaml", "-o", "o", "--force"), "--output",
                                        "o/scores.json' is a folder", setup=folder("o/scores.json")),
    "simulate-html-under-a-file": out(("simulate", "net.yaml", "-o", "afile/r.html"), "--output", UNDER_A_FILE),
    "simulate-html-in-proc": out(("simulate", "net.yaml", "-o", "/proc/r.html"), "--output", NOWHERE),
    "simulate-html-exists": out(("simulate", "net.yaml", "-o", "r.html"), "--output", EXISTS,
                                setup=existing("r.html")),
    "simulate-html-a-folder": out(("simulate", "net.yaml", "-o", "r.html"), "--output", "is a folder",
                                  setup=folder("r.html")),
    "simulate-out-fine-html-not": out(("simulate", "net.yaml", "-o", "o", "-o", "afile/r.html"), "--output",
                                      UNDER_A_FILE),
    "simulate-tbl-out-exists": out(("simulate", "net.yaml", "--objective", "tbl", "-o", "o"), "--output",
                                   "o/tbl.json", EXISTS, setup=existing("o/tbl.json")),
    "simulate-scenario-out-under-a-file": out(("simulate", EXAMPLE, "-o", "afile/o"), "--output", UNDER_A_FILE),
    "simulate-scenario-out-exists": out(("simulate", EXAMPLE, "-o", "o"), "--output", "o/results.csv", EXISTS,
                                        setup=existing("o/results.csv")),
    "simulate-scenario-store-under-a-file": out(("simulate", EXAMPLE, "--store", "afile/runs.sqlite"), "--store",
                                                UNDER_A_FILE),
    "simulate-scenario-store-in-proc": out(("simulate", EXAMPLE, "--store", "/proc/runs.sqlite"), "--store",
                                           NOWHERE),
    # report
    "report-under-a-file": out(("report", "net.yaml", "-o", "afile/r.html"), "--output", UNDER_A_FILE),
    "report-in-proc": out(("report", "net.yaml", "-o", "/proc/r.html"), "--output", NOWHERE),
    "report-exists": out(("report", "net.yaml", "-o", "r.html"), "--output", EXISTS, setup=existing("r.html")),
    "report-default-exists": out(("report", "net.yaml"), "--output", "report.html", EXISTS,
                                 setup=existing("report.html")),
    "report-a-folder": out(("report", "net.yaml", "-o", "r", "--force"), "--output", A_FOLDER, setup=folder("r")),
    "report-scenario-under-a-file": out(("report", EXAMPLE, "-o", "afile/r.html"), "--output", UNDER_A_FILE),
    # export
    "export-yaml-under-a-file": out(("export", "net.yaml", "--to", "yaml", "-o", "afile/x.yaml"), "--output",
                                    UNDER_A_FILE),
    "export-xlsx-in-proc": out(("export", "net.yaml", "--to", "xlsx", "-o", "/proc/x.xlsx"), "--output", NOWHERE),
    "export-csv-under-a-file": out(("export", "net.yaml", "--to", "csv", "-o", "afile/x"), "--output", UNDER_A_FILE),
    "export-csv-a-file": out(("export", "net.yaml", "--to", "csv", "-o", "afile"), "--output",
                             "is a file; give a folder"),
    "export-json-exists": out(("export", "net.yaml", "--to", "json", "-o", "x.json"), "--output", EXISTS,
                              setup=existing("x.json")),
    "export-json-no-suffix-exists": out(("export", "net.yaml", "--to", "json", "-o", "x"), "--output", "'x'",
                                        EXISTS, setup=existing("x")),  # the path named, not x.json
    "export-json-to-a-yaml-name": out(("export", "net.yaml", "--to", "json", "-o", "x.yaml"), "--output",
                                      "'x.yaml' names a yaml file but --to is json; write to x.json"),
    "export-yaml-to-a-json-name": out(("export", "net.yaml", "--to", "yaml", "-o", "x.JSON"), "--output",
                                      "names a json file but --to is yaml"),
    "export-csv-to-a-workbook-name": out(("export", "net.yaml", "--to", "csv", "-o", "x.xlsx"), "--output",
                                         "names an xlsx file but --to is csv; write to x-csv"),
    "export-xlsx-to-a-gexf-name": out(("export", "net.yaml", "--to", "xlsx", "-o", "g.gexf"), "--output",
                                      "names a gexf file but --to is xlsx"),
    "export-default-exists": out(("export", "net.yaml", "--to", "gexf"), "--output", "net.gexf", EXISTS,
                                 setup=existing("net.gexf")),
    "export-csv-sheet-exists": out(("export", "net.yaml", "--to", "csv", "-o", "t"), "--output", "t/actors.csv",
                                   EXISTS, setup=existing("t/actors.csv")),
    "export-graphml-a-folder": out(("export", "net.yaml", "--to", "graphml", "-o", "g", "--force"), "--output",
                                   A_FOLDER, setup=folder("g")),
    # pareto, score, schema
    "pareto-under-a-file": out(("pareto", "net.yaml", "-o", "afile/p.csv"), "--output", UNDER_A_FILE),
    "pareto-in-proc": out(("pareto", "net.yaml", "-o", "/proc/p.json"), "--output", NOWHERE),
    "pareto-exists": out(("pareto", "net.yaml", "-o", "p.csv"), "--output", EXISTS, setup=existing("p.csv")),
    "score-under-a-file": out(("score", "net.yaml", "-o", "afile/d"), "--output", UNDER_A_FILE),
    "score-exists": out(("score", "net.yaml", "-o", "d"), "--output", "d/tbl.json", EXISTS,
                        setup=existing("d/tbl.json")),
    "schema-under-a-file": out(("schema", "-o", "afile/s.json"), "--output", UNDER_A_FILE),
    "schema-in-proc": out(("schema", "-o", "/proc/s.json"), "--output", NOWHERE),
    "schema-exists": out(("schema", "-o", "s.json"), "--output", EXISTS, setup=existing("s.json")),
    # new
    "new-under-a-file": out(("new", "afile/harbour"), "NAME", UNDER_A_FILE),
    "new-exists": out(("new", "harbour"), "NAME", "harbour.yaml", EXISTS, setup=existing("harbour.yaml")),
    "new-in-proc": out(("new", "/proc/harbour", "--format", "xlsx"), "NAME", NOWHERE),
    "new-csv-a-file": out(("new", "afile", "--format", "csv"), "NAME", "is a file; give a folder"),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_bad_output_path(name, tmp_path, monkeypatch):
    check(CASES[name], tmp_path, monkeypatch)
