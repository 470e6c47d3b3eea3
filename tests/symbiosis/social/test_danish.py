"""Danish as a kommune writes it (issue 27): one message catalogue (gettext through Babel) whole and compiled,
Babel's number formats and plurals, and no English message of the catalogue in a Danish output: `score --lang da`
on Kalundborg and the social examples, and the Danish page. Data strings (ids, names, sources) are exempt."""

from __future__ import annotations

import io
import re
import sys
from html import unescape

import pytest

from symbiosis.present.danish import num, pct, plural, say
from symbiosis.present.i18n import _, language, ngettext
from tests.paths import EXAMPLES, ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import messages  # noqa: E402  (scripts/messages.py: collects and compiles the catalogue)

CATALOGUE = messages.load()


def test_every_message_of_the_code_has_its_danish_and_the_mo_is_compiled_from_the_po():
    merged = messages.merged(CATALOGUE)
    assert not messages.missing(merged), messages.missing(merged)
    assert {m.id for m in merged if m.id} == {m.id for m in CATALOGUE if m.id}, \
        "the .po is behind the code: run python scripts/messages.py"
    assert messages.PO.with_suffix(".mo").read_bytes() == messages.mo_bytes(CATALOGUE), \
        "the .mo is stale: run python scripts/messages.py"


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


def test_ngettext_follows_the_language_and_the_number():
    m = next(m for m in CATALOGUE if isinstance(m.id, tuple))
    with language("da"):
        assert (ngettext(*m.id, 1), ngettext(*m.id, 3), ngettext(*m.id, 1.5)) == (m.string[0], m.string[1], m.string[1])
    assert ngettext(*m.id, 3) == m.id[1] and _("Cost saved") == "Cost saved"


def test_a_danish_phrase_is_never_translated_twice():
    # "om, at virksomhederne" holds " at ", which is also an English phrase of the catalogue
    key = next(str(m.id) for m in CATALOGUE if m.context == "phrase" and str(m.id).startswith("no law is broken"))
    text = say(f"x: {key}; agree a price of 400.00", "da")
    assert "om, at virksomhederne" in text and text.endswith("aftal en pris på 400,00")


# -- no English message in a Danish output ---------------------------------------------------------------
def _danish_words() -> str:
    out = []
    for m in CATALOGUE:
        out += [m.string] if isinstance(m.string, str) else list(m.string)
    return re.sub(r"\{[^}]*\}", " ", "\n".join(out))   # placeholders ({unknown}) are not Danish words


def _fragments(msgid: str) -> list[str]:
    """The words of a message between its placeholders and markup (``{x}``, ``[bold]``)."""
    parts = re.split(r"\{[^}]*\}|\[/?[a-z ]+\]|%\(\w+\)s", msgid)
    return [p.strip(" ,.;:()'\"-") for p in parts if re.search(r"[A-Za-z]{2}", p)]


def _english() -> list[str]:
    """Every English fragment of the catalogue that differs from its Danish and is not itself Danish text (the
    catalogue's Danish uses "social", "status", "under", "index" too)."""
    danish = _danish_words()
    found = set()
    for m in CATALOGUE:
        if not m.id or not m.string:
            continue
        ids = [m.id] if isinstance(m.id, str) else list(m.id)
        strings = [m.string] if isinstance(m.string, str) else list(m.string)
        for msgid in ids:
            if msgid in strings:
                continue
            for f in _fragments(msgid):
                if f and not re.search(rf"(?<!\w){re.escape(f)}(?!\w)", danish):
                    found.add(f)
    return sorted(found, key=len, reverse=True)


ENGLISH = _english()
_DATA_KEYS = {"id", "name", "name_da", "service", "service_da", "source", "title", "url", "resource", "item",
              "supplier", "receiver", "client", "provider", "actor", "title_en", "description"}


def _data_strings(obj, out: set[str], key: str | None = None) -> set[str]:
    """The strings of data (names, ids, sources) anywhere in ``obj``: exempt from the test."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            _data_strings(v, out, k)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _data_strings(v, out, key)
    elif isinstance(obj, str) and key in _DATA_KEYS and len(obj) > 1:
        out.add(obj)
    return out


def _without_data(text: str, data: set[str]) -> str:
    text = " ".join(re.sub(r"[│┃┏┓┗┛┡┩━─└┘┌┐╇┳┻╋┼┬┴├┤]", " ", text).split())
    for s in sorted(data, key=len, reverse=True):
        text = re.sub(rf"(?<!\w){re.escape(' '.join(s.split()))}(?!\w)", " ", text)
    return re.sub(r"https?://\S+", " ", text)


def _english_in(text: str) -> list[str]:
    return [f for f in ENGLISH if re.search(rf"(?<![\w-]){re.escape(f)}(?![\w-])", text)]


@pytest.fixture(scope="module", params=["kalundborg", "social-economy", "social-laundry"])
def danish_score(request):
    from rich.console import Console

    from symbiosis.accounting.report import tbl_report
    from symbiosis.io import load_network
    from symbiosis.present.scores import print_report, report_json

    name = request.param
    net = load_network(name if name == "kalundborg" else EXAMPLES / f"{name}.yaml")
    report = tbl_report(net, objective="cost")
    buffer = io.StringIO()
    print_report(report, Console(file=buffer, width=2000, color_system=None), "da")
    data = _data_strings(net.model_dump(), set()) | _data_strings(report_json(report), set())
    return buffer.getvalue(), data


def test_no_english_message_reaches_a_danish_score(danish_score):
    text, data = danish_score
    found = _english_in(_without_data(text, data))
    assert not found, found


def test_a_danish_score_writes_danish_numbers(danish_score):
    text, data = danish_score
    text = _without_data(text, data)
    assert not re.search(r"(?<![\w./,-])-?[1-9]\d{0,2},\d{3}(?![\d,])", text), "an English thousands separator"
    assert not re.search(r"(?<![\w./,])\d+\.\d{1,2}(?![\d.])", text), "an English decimal point"
    assert not re.search(r"\d%", text), "a percentage without the space"
    assert "Personer i støttet beskæftigelse og tilbud" in text


def test_the_danish_page_has_no_english_message(monkeypatch):
    import plotly.offline

    from symbiosis.accounting.report import social_summary
    from symbiosis.accounting.score import score
    from symbiosis.evaluation import evaluate
    from symbiosis.io import load_network
    from symbiosis.viz.report import build_report

    monkeypatch.setattr(plotly.offline, "get_plotlyjs", lambda: "")
    net = load_network("kalundborg")
    ev = evaluate(net)
    page = build_report(ev, "da", social=social_summary(score(ev, "observed")))
    page = page[page.index("<body>"):]
    text = unescape(re.sub(r"<[^>]+>", " ", page)).replace("\\u003c", "<").replace("\\u003e", ">")
    text = re.sub(r"\\u([0-9a-f]{4})", lambda m: chr(int(m[1], 16)), text)
    text = re.sub(r'"(?:hovertemplate|texttemplate|type|mode|xaxis|yaxis|legendgroup|meta|uid|name)"\s*:', " ", text)
    data = _data_strings(net.model_dump(), set())
    found = [f for f in _english_in(_without_data(text, data)) if len(f) > 3]
    assert not found, found
    assert "Hvem giver hvad til hvem" in text or "hvem giver hvad til hvem" in text
