"""`symbiosis report` and `symbiosis simulate -o FILE.html` as a user types them."""

from __future__ import annotations

from click.testing import CliRunner

from symbiosis.cli import main
from tests.paths import FIXTURES

TINY = str(FIXTURES / "tiny.yaml")


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_report_writes_one_offline_page(tmp_path):
    out = tmp_path / "report.html"
    res = run("report", TINY, "-o", str(out), "--lang", "da")
    assert res.exit_code == 0, res.output
    assert f"wrote {out}" in res.output
    html = out.read_text(encoding="utf-8")
    # plotly.js inlined once, then one script per figure; the tiny network's published numbers now move in the
    # tornado (their default ranges), so it has one too
    assert html.count("<script") == 1 + 8
    assert "Hver søjle flytter ét input alene" in html
    body = html.split("</head>", 1)[1]  # after the inlined plotly.js
    assert "<script src=" not in body and "cdn.plot.ly" not in body
    assert "Tiny test symbiosis" in html and "Sammenfatning" in html
    assert out.stat().st_size < 6_000_000
    assert oct(out.stat().st_mode & 0o777) != "0o600"


def test_simulate_writes_the_report_too(tmp_path):
    out = tmp_path / "sim.html"
    res = run("simulate", "--network", TINY, "-o", str(out))
    assert res.exit_code == 0, res.output
    assert "Savings against no symbiosis" in res.output and out.exists()
    assert "The three bottom lines" in out.read_text(encoding="utf-8")


def test_report_errors_name_the_fix_and_write_nothing(tmp_path):
    out = tmp_path / "report.html"
    out.write_text("old report")
    res = run("report", TINY, "-o", str(out))
    assert res.exit_code == 2 and "already exists; choose another path, or pass --force" in res.output
    res = run("report", str(tmp_path / "missing.yaml"), "-o", str(out), "--force")
    assert res.exit_code == 2
    assert "missing.yaml" in res.output and "Traceback" not in res.output
    assert out.read_text() == "old report"
    res = run("report", TINY, "-o", str(tmp_path))
    assert res.exit_code == 2 and "is a folder; give a file name such as" in res.output
    res = run("report", TINY, "-o", str(out), "--lang", "de")
    assert res.exit_code == 2 and "'de' is not one of 'en', 'da'" in res.output
    assert list(tmp_path.iterdir()) == [out]  # no temporary file left behind
