"""`score --lang da`: the social line in Danish as a kommune writes it (issue 27): Babel's number formats and
plurals, and no English message of the catalogue in a Danish output (data strings exempt)."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from symbiosis.cli import main
from symbiosis.present.danish import CATALOGUE, num, pct, plural, say
from symbiosis.present.social import _W
from tests.paths import EXAMPLES


@pytest.mark.parametrize("value, text", [(num(85_238_970, "da"), "85.238.970"), (pct(0.035, "da", 1), "3,5 %"),
                                         (num(0.422, "da", 3), "0,422"), (num(-0.0, "da"), "0"),
                                         (num(None, "da"), "-"), (num(85_238_970), "85,238,970")])
def test_danish_numbers(value, text):
    assert value == text


@pytest.mark.parametrize("text, lang, out", [
    ("1 aftale(r) med 1 privat(e) medlem(mer)", "da", "1 aftale med 1 privat medlem"),
    ("2 aftale(r) med 2 privat(e) medlem(mer)", "da", "2 aftaler med 2 private medlemmer"),
    ("1.000 person(er)", "da", "1.000 personer"), ("1 link(s)", "en", "1 link"), ("0 link(s)", "en", "0 links"),
])
def test_plurals_follow_the_number(text, lang, out):
    assert plural(text, lang) == out


def test_a_danish_phrase_is_never_translated_twice():
    # "om, at virksomhederne" holds " at ", which is also an English phrase of the catalogue
    key = next(k for k in CATALOGUE if k.startswith("no law is broken"))
    text = say(f"x: {key}; agree a price of 400.00", "da")
    assert "om, at virksomhederne" in text and text.endswith("aftal en pris på 400,00")


def _social_part(out: str) -> str:
    """The rule checks and the social sections of `score` (the lens tables and the company view are not the
    social line's: symbiosis/present/scores.py)."""
    rules = out[out.index("Tjek af danske regler"):]
    rules = rules[:rules.index("Company view")] if "Company view" in rules else rules
    start = min(i for i in (out.find("Satser for"), out.find("Personer i støttet")) if i >= 0)
    end = out.find("Formulas, factors and sources")
    return rules + out[start:end if end > start else None]


# the catalogue's English messages that are not also Danish (or identifiers), and the English sentences of
# the social sections
ENGLISH = sorted({en for en, da in CATALOGUE.items() if en != da and " " in en.strip() and len(en) > 12}
                 | {en.split("{")[0].strip() for en, _ in _W.values() if len(en.split("{")[0].strip()) > 12})


@pytest.mark.parametrize("network", [str(EXAMPLES / "social-economy.yaml"), "kalundborg"])
def test_no_english_message_reaches_a_danish_score(network):
    r = CliRunner().invoke(main, ["score", network, "--objective", "cost", "--lang", "da"],
                           env={"COLUMNS": "250", "LINES": None})
    assert r.exit_code == 0, r.output
    text = " ".join(_social_part(r.output).split())
    text = re.sub(r"[│┃]", " ", text)
    found = [en for en in ENGLISH if en in text]
    assert not found, found
    # numbers are Danish: no English thousands separator or decimal point in the social part
    assert not re.search(r"(?<![\w./,])[1-9]\d{0,2},\d{3}(?!\d)", text), "an English thousands separator"
    for danish in ("Personer i støttet beskæftigelse og tilbud", "efter dødvægt, attribution og fortrængning"):
        assert danish in text
