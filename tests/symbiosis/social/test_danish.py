"""Danish as a kommune writes it (issue 27): one message catalogue (gettext through Babel) whole and compiled,
Babel's number formats and plurals, and no English message of the catalogue in a Danish output: `score --lang da`
on Kalundborg and the social examples (the laundry's notes are also the roll-out's), and the Danish page. Data
strings (ids, names, sources) are exempt."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest

from symbiosis.present.danish import num, pct, plural, say
from symbiosis.present.i18n import _, language, ngettext
from symbiosis.present.social_wording import words
from tests.english import CATALOGUE, bundled_data, data_strings, english_in, english_words_in, messages, without_data
from tests.paths import EXAMPLES


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


def test_a_euro_parks_units_are_found_in_the_catalogue():
    from symbiosis.model.money import current_currency, use_currency
    from symbiosis.present.i18n import gettext_in

    was = current_currency()
    try:
        use_currency("EUR")
        # an indicator's unit arrives in the park's currency; the catalogue holds the DKK form
        assert (gettext_in("da", "EUR/yr"), gettext_in("da", "DKK/yr"), gettext_in("en", "DKK/yr")) == \
            ("EUR/år", "EUR/år", "EUR/yr")
    finally:
        use_currency(was)


def test_a_finding_is_said_whole_in_danish_with_its_numbers_the_danish_way():
    # the domain returns a message id with values; the Danish is the catalogue's sentence, never English phrases
    # replaced one by one (a Danish "at" is never taken for the English "at")
    from symbiosis.social.said import said

    head = said("market_price.head", client="plant", why=said("buyer.private"), seller="cleaners", price=420.0,
                service="cleaning", market=400.0, excess=20.0, share=0.05)
    s = said("market_price.above_private", head=head, extra=said("market_price.per_year", per_year=4_000.0,
                                                                  annual=84_000.0), market=400.0)
    assert words(s) == ("plant (a private company) pays cleaners 420.00 for 'cleaning' against a market price of "
                        "400.00: 20.00 (5%) above market: no law is broken (the ban on support binds public buyers), "
                        "but it departs from the framework agreement's model that the enterprises live on market "
                        "terms; 4,000 DKK/yr above market on 84,000 DKK/yr; agree a price of 400.00")
    text = words(s, "da")
    assert text.startswith("plant (en privat virksomhed) betaler cleaners 420,00 for 'cleaning' mod en markedspris på "
                           "400,00: 20,00 (5 %) over markedsprisen")
    assert "om, at virksomhederne" in text and "4.000 kr./år" in text and text.endswith("aftal en pris på 400,00")


@pytest.fixture(scope="module", params=["kalundborg", "social-economy", "framework-agreement-rollout"])
def danish_score(request):
    from rich.console import Console

    from symbiosis.present.scores import print_report, report_json
    from symbiosis.scenario import network_in_year
    from symbiosis.scoring import tbl_report

    name = request.param
    net = network_in_year(name if name == "kalundborg" else str(EXAMPLES / f"{name}.yaml"),
                          2027 if name == "framework-agreement-rollout" else None)
    report = tbl_report(net, objective="cost")
    buffer = io.StringIO()
    print_report(report, Console(file=buffer, width=2000, color_system=None), "da")
    data = data_strings(net.model_dump(), set()) | data_strings(report_json(report), set()) | bundled_data()
    return buffer.getvalue(), data


def test_no_english_message_reaches_a_danish_score(danish_score):
    text, data = danish_score
    found = english_in(without_data(text, data))
    assert not found, found


def test_no_english_sentence_reaches_a_danish_score(danish_score):
    """Not only the catalogue's English: a sentence the code writes and the catalogue lacks (a rule finding, a
    note, a year's rate not published, what the assignment does not consider) shows by its function words.
    Data strings are exempt, the bundled tables' free text (why a rate is not published) too."""
    text, data = danish_score
    found = english_words_in(without_data(text, data))
    assert not found, "\n".join(found)


def test_a_danish_score_writes_danish_numbers(danish_score):
    text, data = danish_score
    text = without_data(text, data)
    # 1,000 is Danish for one to three decimals; a million with commas or thousands before a point is English
    assert not re.search(r"(?<![\w./,-])-?[1-9]\d{0,2}(,\d{3}){2,}(?![\d,])|\d,\d{3}\.\d", text), \
        "an English thousands separator"
    assert not re.search(r"(?<![\w./,])\d+\.\d{1,2}(?![\d.])", text), "an English decimal point"
    assert not re.search(r"\d%", text), "a percentage without the space"
    assert "Personer i støttet beskæftigelse og tilbud" in text


_FIGURE_WORDS = {"name", "text", "label", "ticktext", "title"}


def _figure_words(obj, out: list[str], key: str | None = None) -> list[str]:
    """The words a figure shows (trace names, titles, labels, annotations, buttons), without its hover texts,
    which quote the data's notes."""
    if isinstance(obj, dict):
        for k, v in obj.items():
            if k == "annotations":
                out += [re.sub(r"<[^>]+>", " ", a.get("text", "")) for a in v]
            elif k not in ("hovertext", "hovertemplate", "customdata", "meta", "uid", "legendgroup"):
                _figure_words(v, out, k)
    elif isinstance(obj, (list, tuple)):
        for v in obj:
            _figure_words(v, out, key)
    elif isinstance(obj, str) and key in _FIGURE_WORDS and not re.fullmatch(r"\w+:\w+", obj):  # lens:cost_saved: a key
        out.append(re.sub(r"<[^>]+>", " ", obj))
    return out


def test_the_danish_page_figures_and_summary_have_no_english_message():
    """The Danish page's map, Sankey, scorecard and written summary (the whole page is checked in
    tests/symbiosis/viz/test_social_page.py)."""
    from symbiosis.evaluation import evaluate
    from symbiosis.io import load_network
    from symbiosis.viz import data as viz_data
    from symbiosis.viz.network_map import network_map
    from symbiosis.viz.report import summary_html
    from symbiosis.viz.sankey import sankey
    from symbiosis.viz.scorecard import scorecard

    net = load_network("kalundborg")
    ev = evaluate(net)
    words: list[str] = []
    for fig in (scorecard(viz_data.scorecard_table(ev), "da", title=" "), sankey(net, ev.observed, "da", title=" "),
                network_map(net, ev.observed, "da", title=" ", counterfactual=ev.counterfactual)):
        _figure_words(fig.to_plotly_json(), words)
    text = " | ".join(words) + " | " + re.sub(r"<[^>]+>", " ", str(summary_html(ev, "da")))
    found = english_in(without_data(unescape(text), data_strings(net.model_dump(), set())))
    assert not found, found
    assert "Jomfruelig forsyning" not in text and "Primære råstoffer" in text   # the Sankey's virgin supply


def _market_messages() -> list[tuple[str, str]]:
    """(English, Danish) of every kind of market-terms finding (rent, investment, procurement) and of the
    assignment's procurement words, on the hand-made network varied in place (no evaluation: cheap)."""
    from symbiosis.io import load_network
    from symbiosis.planning.assignment import _procurement
    from symbiosis.social import social_factors
    from symbiosis.social.market import check_agreements, check_procurement
    from tests.social_net import social_network

    prov = {"source": "@test", "basis": "published"}

    def rent(member, value, market):
        def edit(d):
            row = {"id": "lease", "member": member, "status": "signed", "kind": "rent", "enterprises": ["se-clean"],
                   "start": 2023, "provenance": prov, **({"rent": value} if value is not None else {})}
            if market is not None:
                row["market_rent"] = {"value": market, **prov}
            d["agreements"] = [row]
        return edit

    def buys(annual, award=None, value=True):
        def edit(d):
            link = d["service_links"][0]
            link.update(client="kommune", **({"annual_value": {"value": annual, **prov}} if value else {}))
            if award:
                link["award"] = award
            if not value:
                link.pop("annual_value", None)
        return edit

    nets = [social_network(e) for e in (rent("kommune", 60_000, 100_000), rent("plant", 60_000, 100_000),
                                          rent("kommune", 100_000, 100_000), rent("kommune", 60_000, None))]
    found = [f for net in nets for f in check_agreements(net)]
    found += check_agreements(load_network("kalundborg"), 2021)   # the kommune's 240,000 DKK in SYMB
    for award in ("direct", "tender", None):
        found += check_procurement(social_network(buys(450_000, award)))
    found += check_procurement(social_network(buys(100_000))) + check_procurement(social_network(buys(0, value=False)))
    net = social_network(buys(100_000))
    actions = [_procurement(net, "kommune", "cleaning", annual, social_factors(net))[1] for annual in (100, 1_000_000)]
    said = [(words(f.message), words(f.message, "da")) for f in found] + [(m, say(m, "da")) for m in actions]
    assert {f.status for f in found} == {"ok", "warning", "violation", "not checked"} and len(said) >= 12
    return said


def test_every_market_terms_finding_is_danish():
    from tests.social_net import social_network

    data = data_strings(social_network().model_dump(), set()) | bundled_data()
    for en, da in _market_messages():
        text = without_data(da, data)
        assert not english_words_in(text) and not english_in(text), (en, da)
