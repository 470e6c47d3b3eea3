"""The social bottom line on the stakeholder page, in English and Danish, from `symbiosis report`."""

from __future__ import annotations

import re
from html import unescape

from click.testing import CliRunner

from symbiosis.cli import main
from tests.social_net import FIXTURE


def _social(path) -> str:
    html = path.read_text(encoding="utf-8")
    start = html.index('<section class="social" id="social">')
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html[start:html.index("</section>", start)])))


def test_kalundborg_page_in_danish_shows_the_pejlemaerker_and_what_the_assignment_lacks(tmp_path):
    out = tmp_path / "k.html"
    r = CliRunner().invoke(main, ["report", "kalundborg", "-o", str(out), "--lang", "da"])
    assert r.exit_code == 0, r.output
    text = _social(out)
    for words in ("Den sociale bundlinje", "Socialt indeks ukendt mod målene", "Kalundborgs fem pejlemærker",
                  "Stærkere kobling mellem socialøkonomiske og almindelige private virksomheder",
                  "Koldings fem designprincipper", "Fra eje til at dele", "Pr. medlem", "ukendt",
                  "1 af 12 medlemmer køber hos en socialøkonomisk virksomhed",
                  "Ikke kørt på disse data; den kræver:", "catalogue[0] (y-camp, gardening)"):
        assert words in text, words
    assert "not yet" not in text and "ikke endnu" not in text
    # the whole page outside its scripts: no English message of the catalogue (issue 27; data strings exempt)
    from symbiosis.io import load_network
    from tests.english import bundled_data, data_strings, english_in, without_data

    html = out.read_text(encoding="utf-8")
    body = re.sub(r"<script.*?</script>", " ", html[html.index("<body>"):], flags=re.S)
    page = unescape(re.sub(r"<[^>]+>", " ", body))
    found = english_in(without_data(page, data_strings(load_network("kalundborg").model_dump(), bundled_data())))
    assert not found, found


def test_page_with_offers_and_needs_shows_the_assignment_and_its_agreements(tmp_path):
    out = tmp_path / "t.html"
    r = CliRunner().invoke(main, ["report", str(FIXTURE), "-o", str(out)])
    assert r.exit_code == 0, r.output
    text = _social(out)
    assert "Which enterprise could serve which member, at no extra cost" in text
    assert "new agreement: Pharma plant with Cleaning enterprise for 'cleaning', 1,500 h/yr" in text
    assert "Public economy per payer" in text and "kommune" in text and "state" in text
