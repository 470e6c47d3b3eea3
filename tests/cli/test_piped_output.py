"""Output that is not a terminal (a pipe, a file): lines within a sensible width (or the user's COLUMNS),
nothing cut with an ellipsis, and web addresses whole."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.io import load_network
from symbiosis.present.console import PIPED_WIDTH

URL = re.compile(r"^(https?|mailto):\S+$")


def long_lines(text: str, width: int) -> list[str]:
    """Lines over ``width`` characters (not bytes), except a web address alone on its line (never broken)."""
    return [line for line in text.splitlines() if len(line) > width and not URL.match(line)]


@pytest.mark.parametrize("command", [["show", "kalundborg"], ["prices"], ["stress", "--by", "stream"]])
def test_piped_tables_keep_to_the_width_and_cut_nothing(command):
    net = load_network("kalundborg")
    r = CliRunner().invoke(main, command, env={"COLUMNS": None, "LINES": None})
    assert r.exit_code == 0, r.output
    assert "…" not in r.output and not long_lines(r.output, PIPED_WIDTH)
    assert max(map(len, r.output.splitlines())) > 80  # the width is used, not a narrow default
    wide = CliRunner().invoke(main, command, env={"COLUMNS": "250", "LINES": None}).output
    ids = [s.id for s in net.streams_in_year()] if command[0] != "show" else [s.id for s in net.streams]
    missing = [i for i in ids if i not in wide]  # a user who asks for width gets every id on one line
    assert not missing, missing


def test_a_users_columns_is_kept_and_web_addresses_stay_whole():
    from symbiosis.present.network import provenance_rows

    rows = provenance_rows(load_network("kalundborg"))
    cited = " ".join(rows.source) + " ".join(" ".join(b) for b in rows.based_on)
    r = CliRunner().invoke(main, ["show", "kalundborg", "--sources"], env={"COLUMNS": "100", "LINES": None})
    assert r.exit_code == 0, r.output
    assert not long_lines(r.output, 100) and "…" not in r.output
    lines = set(r.output.splitlines())
    urls = set(re.findall(r"<(https?://[^>\s]+)>", cited))
    assert len(urls) > 20
    broken = [u for u in urls if u not in lines and not any(line.endswith(f"] {u}") for line in lines)]
    assert not broken, broken  # each address whole: alone on its line, or after its number
    assert not [line for line in lines if "│" in line and "http" in line]  # numbered in the table, not cut


def test_the_factor_table_numbers_its_web_addresses_too():
    r = CliRunner().invoke(main, ["factors"], env={"COLUMNS": "100", "LINES": None})
    assert r.exit_code == 0 and "Web addresses" in r.output
    assert not [line for line in r.output.splitlines() if "│" in line and "http" in line]
    assert not long_lines(r.output, 100)


def test_readlines_columns_is_not_taken_for_the_users():
    """GNU readline exports COLUMNS and LINES (its own terminal's size) to every program it starts: with both
    set, a pipe gets the usual width, not the parent's 80 columns; COLUMNS alone is the user's."""
    inherited = CliRunner().invoke(main, ["show", "kalundborg"], env={"COLUMNS": "80", "LINES": "24"}).output
    assert max(map(len, inherited.splitlines())) > 80 and not long_lines(inherited, PIPED_WIDTH)
    chosen = CliRunner().invoke(main, ["show", "kalundborg"], env={"COLUMNS": "80", "LINES": None}).output
    assert not long_lines(chosen, 80) and "…" not in chosen


def test_a_narrow_table_wraps_its_text_and_keeps_every_number_whole():
    """At 100 columns the investments table keeps its stream ids whole (headers wrap between words first);
    narrower, the text gives way and a right-justified number is never cut."""
    from rich.console import Console

    from symbiosis.present.console import _fit, table

    def render(width: int) -> str:
        t = table("t", [("stream or process", "left"), ("capital", "right"), ("annuity /yr", "right"),
                        ("payback yr", "right")])
        t.add_row("treated-water-kf-novozymes", "90,000,000", "4,893,420", "12.5")
        _fit(t, width)
        c = Console(width=width, record=True, force_terminal=False)
        c.print(t)
        return c.export_text()

    assert "treated-water-kf-novozymes" in render(66)
    narrow = render(40)
    assert "90,000,000" in narrow and "4,893,420" in narrow and "treated-water-kf-novozymes" not in narrow
